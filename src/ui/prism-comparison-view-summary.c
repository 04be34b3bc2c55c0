/* prism-comparison-view-summary.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-comparison-view"

#include "config.h"

#include "prism-comparison-view-private.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "prism-format.h"

/* The summary table under the panes, once they have ended: one row per
 * pane, sortable by any figure (unknown figures last), and copyable as
 * Markdown or CSV through the core's own formatting.
 */

typedef char   *(*CellText)   (PrismComparisonPane *pane);
typedef double  (*CellNumber) (PrismComparisonPane *pane);

static char *
format_or_dash (double      value,
                int         decimals,
                double      scale,
                const char *unit)
{
  if (isnan (value))
    return g_strdup ("—");

  return g_strdup_printf ("%.*f%s", decimals, value * scale, unit);
}

static double
pane_ttft (PrismComparisonPane *pane)
{
  return prism_comparison_pane_get_ttft_ms (pane);
}

static double
pane_tps (PrismComparisonPane *pane)
{
  return prism_comparison_pane_get_tokens_per_second (pane);
}

static double
pane_latency (PrismComparisonPane *pane)
{
  return prism_comparison_pane_get_latency_ms (pane);
}

static double
pane_cost (PrismComparisonPane *pane)
{
  return prism_comparison_pane_get_cost (pane, NULL);
}

static double
pane_input (PrismComparisonPane *pane)
{
  const PrismUsage *usage = prism_comparison_pane_get_usage (pane);

  return usage ? usage->input_tokens : NAN;
}

static double
pane_output (PrismComparisonPane *pane)
{
  const PrismUsage *usage = prism_comparison_pane_get_usage (pane);

  return usage ? usage->output_tokens : NAN;
}

static double
pane_cached (PrismComparisonPane *pane)
{
  const PrismUsage *usage = prism_comparison_pane_get_usage (pane);

  return usage ? usage->cached_input_tokens : NAN;
}

static char *
text_model (PrismComparisonPane *pane)
{
  if (prism_comparison_pane_get_fusion (pane))
    /* Translators: a model, in the row of the answer it merged from the others */
    return g_strdup_printf (_("%s (merged)"), prism_comparison_pane_get_model (pane));

  return g_strdup (prism_comparison_pane_get_model (pane));
}

static char *
text_ttft (PrismComparisonPane *pane)
{
  return format_or_dash (pane_ttft (pane), 2, 0.001, " s");
}

static char *
text_tps (PrismComparisonPane *pane)
{
  return format_or_dash (pane_tps (pane), 1, 1, "");
}

static char *
text_tokens (double tokens)
{
  if (isnan (tokens))
    return g_strdup ("—");

  return prism_format_tokens ((gint64)tokens);
}

static char *
text_input (PrismComparisonPane *pane)
{
  return text_tokens (pane_input (pane));
}

static char *
text_output (PrismComparisonPane *pane)
{
  return text_tokens (pane_output (pane));
}

static char *
text_cached (PrismComparisonPane *pane)
{
  return text_tokens (pane_cached (pane));
}

static char *
text_cost (PrismComparisonPane *pane)
{
  double cost = pane_cost (pane);

  return isnan (cost) ? g_strdup ("—") : prism_format_cost (cost);
}

static char *
text_finish (PrismComparisonPane *pane)
{
  const char *reason = prism_comparison_pane_get_finish_reason (pane);

  if (reason != NULL)
    return g_strdup (reason);

  return g_strdup (prism_completion_status_to_string (prism_comparison_pane_get_status (pane)));
}

static char *
text_latency (PrismComparisonPane *pane)
{
  return format_or_dash (pane_latency (pane), 2, 0.001, " s");
}

/* Unknown figures sort after every known one. */
static double
sort_key (PrismComparisonPane *pane,
          gpointer             user_data)
{
  CellNumber number = user_data;
  double value = number (pane);

  return isnan (value) ? G_MAXDOUBLE : value;
}

typedef struct
{
  const char *title;
  CellText    text;
  CellNumber  number;    /* NULL: sorted by its text */
} Column;

static int
compare_text (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const Column *column = user_data;
  g_autofree char *text_a = column->text ((PrismComparisonPane *)a);
  g_autofree char *text_b = column->text ((PrismComparisonPane *)b);

  return g_utf8_collate (text_a, text_b);
}

static const Column columns[] = {
  { N_("Model"), text_model, NULL },
  { N_("First Token"), text_ttft, pane_ttft },
  { N_("Tokens/s"), text_tps, pane_tps },
  { N_("In"), text_input, pane_input },
  { N_("Out"), text_output, pane_output },
  { N_("Cached"), text_cached, pane_cached },
  { N_("Cost"), text_cost, pane_cost },
  { N_("Finish"), text_finish, NULL },
  { N_("Latency"), text_latency, pane_latency },
};

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            const Column             *column)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column->number != NULL ? 1 : 0);
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

void
_prism_comparison_view_add_columns (PrismComparisonView *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      const Column *column = &columns[i];
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) view_column = NULL;
      g_autoptr(GtkSorter) sorter = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), (gpointer)column);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), (gpointer)column);

      if (column->number != NULL)
        sorter = GTK_SORTER (gtk_numeric_sorter_new (gtk_cclosure_expression_new (G_TYPE_DOUBLE, NULL, 0, NULL,
                                                                                  G_CALLBACK (sort_key),
                                                                                  column->number, NULL)));
      else
        sorter = GTK_SORTER (gtk_custom_sorter_new (compare_text, (gpointer)column, NULL));

      view_column = gtk_column_view_column_new (_(column->title), g_steal_pointer (&factory));
      gtk_column_view_column_set_sorter (view_column, sorter);
      gtk_column_view_column_set_expand (view_column, i == 0);
      gtk_column_view_column_set_resizable (view_column, TRUE);
      gtk_column_view_append_column (self->summary_view, view_column);
    }
}

void
_prism_comparison_view_refresh_summary (PrismComparisonView *self)
{
  g_autoptr(GtkSortListModel) sorted = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkSorter *sorter = gtk_column_view_get_sorter (self->summary_view);

  if (self->run == NULL)
    {
      gtk_column_view_set_model (self->summary_view, NULL);
      return;
    }

  /* A fresh model binds every row again, with the figures of now. */
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->run)),
                                    sorter ? g_object_ref (sorter) : NULL);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&sorted)));
  gtk_column_view_set_model (self->summary_view, GTK_SELECTION_MODEL (selection));
}

void
_prism_comparison_view_copy_summary_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *parameter)
{
  PrismComparisonView *self = PRISM_COMPARISON_VIEW (widget);
  gboolean csv = g_str_equal (g_variant_get_string (parameter, NULL), "csv");
  g_autofree char *text = NULL;

  if (self->run == NULL)
    return;

  text = prism_comparison_run_format_summary (self->run, csv ? PRISM_COMPARISON_SUMMARY_CSV
                                                             : PRISM_COMPARISON_SUMMARY_MARKDOWN);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  _prism_comparison_view_toast (self, csv ? _("Summary copied as CSV") : _("Summary copied as Markdown"));
}
