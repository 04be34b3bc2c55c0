/* prism-leaderboard-view.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-leaderboard-view"

#include "config.h"

#include "prism-leaderboard-view.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>


/* The person's own leaderboard of models, from the votes of their
 * comparisons (prism_store_list_vote_matches() → prism_leaderboard_compute()),
 * best first, with the votes each rating rests on. A standalone widget
 * for the spend view to hold.
 */

/* One row of the table, as the list model needs objects. */
#define PRISM_TYPE_LEADERBOARD_ITEM (prism_leaderboard_item_get_type ())
G_DECLARE_FINAL_TYPE (PrismLeaderboardItem, prism_leaderboard_item, PRISM, LEADERBOARD_ITEM, GObject)

struct _PrismLeaderboardItem
{
  GObject              parent_instance;
  guint                rank;
  PrismLeaderboardRow *row;
};

G_DEFINE_FINAL_TYPE (PrismLeaderboardItem, prism_leaderboard_item, G_TYPE_OBJECT)

static void
prism_leaderboard_item_finalize (GObject *object)
{
  g_clear_pointer (&PRISM_LEADERBOARD_ITEM (object)->row, prism_leaderboard_row_free);

  G_OBJECT_CLASS (prism_leaderboard_item_parent_class)->finalize (object);
}

static void
prism_leaderboard_item_class_init (PrismLeaderboardItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prism_leaderboard_item_finalize;
}

static void
prism_leaderboard_item_init (PrismLeaderboardItem *self)
{
}

struct _PrismLeaderboardView
{
  GtkWidget      parent_instance;

  PrismStore    *store;
  GListStore    *rows;

  GtkStack      *stack;
  GtkLabel      *caption_label;
  GtkColumnView *column_view;
};

G_DEFINE_FINAL_TYPE (PrismLeaderboardView, prism_leaderboard_view, GTK_TYPE_WIDGET)

typedef char *(*CellText) (PrismLeaderboardItem *item);

static char *
text_rank (PrismLeaderboardItem *item)
{
  return g_strdup_printf ("%u", item->rank);
}

static char *
text_model (PrismLeaderboardItem *item)
{
  return g_strdup (item->row->model);
}

static char *
text_rating (PrismLeaderboardItem *item)
{
  return g_strdup_printf ("%.0f", item->row->rating);
}

static char *
text_votes (PrismLeaderboardItem *item)
{
  return g_strdup_printf ("%u", item->row->votes);
}

static char *
text_wins (PrismLeaderboardItem *item)
{
  return g_strdup_printf ("%u", item->row->wins);
}

static char *
text_losses (PrismLeaderboardItem *item)
{
  return g_strdup_printf ("%u", item->row->losses);
}

static char *
text_ties (PrismLeaderboardItem *item)
{
  return g_strdup_printf ("%u", item->row->ties);
}

typedef struct
{
  const char *title;
  CellText    text;
  gboolean    number;
} Column;

static const Column columns[] = {
  { N_("Rank"), text_rank, TRUE },
  { N_("Model"), text_model, FALSE },
  { N_("Rating"), text_rating, TRUE },
  { N_("Votes"), text_votes, TRUE },
  { N_("Won"), text_wins, TRUE },
  { N_("Lost"), text_losses, TRUE },
  { N_("Tied"), text_ties, TRUE },
};

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            const Column             *column)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column->number ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           const Column             *column)
{
  g_autofree char *text = column->text (gtk_list_item_get_item (item));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
prism_leaderboard_view_dispose (GObject *object)
{
  PrismLeaderboardView *self = (PrismLeaderboardView *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->rows);
  gtk_widget_dispose_template (GTK_WIDGET (self), PRISM_TYPE_LEADERBOARD_VIEW);

  G_OBJECT_CLASS (prism_leaderboard_view_parent_class)->dispose (object);
}

static void
prism_leaderboard_view_class_init (PrismLeaderboardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prism_leaderboard_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "leaderboard");
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/prismllm/Prism/prism-leaderboard-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PrismLeaderboardView, stack);
  gtk_widget_class_bind_template_child (widget_class, PrismLeaderboardView, caption_label);
  gtk_widget_class_bind_template_child (widget_class, PrismLeaderboardView, column_view);
}

static void
prism_leaderboard_view_init (PrismLeaderboardView *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (PRISM_TYPE_LEADERBOARD_ITEM);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), (gpointer)&columns[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), (gpointer)&columns[i]);
      column = gtk_column_view_column_new (_(columns[i].title), g_steal_pointer (&factory));
      gtk_column_view_column_set_expand (column, columns[i].text == text_model);
      gtk_column_view_append_column (self->column_view, column);
    }

  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
prism_leaderboard_view_new (void)
{
  return g_object_new (PRISM_TYPE_LEADERBOARD_VIEW, NULL);
}

/**
 * prism_leaderboard_view_set_store:
 * @self: a #PrismLeaderboardView
 * @store: (nullable): the history whose votes to rank by
 *
 * Reads the votes at once; call prism_leaderboard_view_reload() after
 * more votes.
 */
void
prism_leaderboard_view_set_store (PrismLeaderboardView *self,
                                  PrismStore           *store)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PRISM_IS_LEADERBOARD_VIEW (self));
  g_return_if_fail (store == NULL || PRISM_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  if (!prism_leaderboard_view_reload (self, &error))
    g_warning ("Could not read the votes: %s", error->message);
}

/**
 * prism_leaderboard_view_reload:
 * @self: a #PrismLeaderboardView
 * @error: the history's error
 *
 * Returns: whether the votes could be read
 */
gboolean
prism_leaderboard_view_reload (PrismLeaderboardView  *self,
                               GError               **error)
{
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *caption = NULL;

  g_return_val_if_fail (PRISM_IS_LEADERBOARD_VIEW (self), FALSE);

  if (self->store == NULL)
    {
      g_list_store_remove_all (self->rows);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return TRUE;
    }

  matches = prism_store_list_vote_matches (self->store, error);
  if (matches == NULL)
    return FALSE;

  rows = prism_leaderboard_compute (matches);
  for (guint i = 0; i < rows->len; i++)
    {
      PrismLeaderboardItem *item = g_object_new (PRISM_TYPE_LEADERBOARD_ITEM, NULL);

      item->rank = i + 1;
      item->row = prism_leaderboard_row_copy (g_ptr_array_index (rows, i));
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       items->pdata, items->len);

  /* Translators: %u is how many judgements between two models there are */
  caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Bradley–Terry ratings from %u judgement between two models. "
                                          "400 points more means 10 to 1 odds of being preferred; "
                                          "a rating from few votes says little.",
                                          "Bradley–Terry ratings from %u judgements between two models. "
                                          "400 points more means 10 to 1 odds of being preferred; "
                                          "a rating from few votes says little.",
                                          matches->len),
                             matches->len);
  gtk_label_set_text (self->caption_label, caption);
  gtk_stack_set_visible_child_name (self->stack, rows->len > 0 ? "table" : "empty");

  return TRUE;
}

guint
prism_leaderboard_view_get_n_rows (PrismLeaderboardView *self)
{
  g_return_val_if_fail (PRISM_IS_LEADERBOARD_VIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->rows));
}

/**
 * prism_leaderboard_view_get_row:
 * @self: a #PrismLeaderboardView
 * @index: the place, from 0 for the best
 *
 * Returns: (transfer none): the row shown there
 */
const PrismLeaderboardRow *
prism_leaderboard_view_get_row (PrismLeaderboardView *self,
                                guint                 index)
{
  g_autoptr(PrismLeaderboardItem) item = NULL;

  g_return_val_if_fail (PRISM_IS_LEADERBOARD_VIEW (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->rows), index);
  g_return_val_if_fail (item != NULL, NULL);

  /* The store holds its own reference: the row outlives this one. */
  return item->row;
}
