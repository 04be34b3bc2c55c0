/* prism-comparison-view.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-comparison-view"

#include "config.h"

#include "prism-comparison-view.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "prism-comparison-pane-view.h"
#include "prism-format.h"
#include "prism-markdown-view.h"
#include "prism-word-diff.h"

/* A comparison side by side: one pane per model in a row that scrolls
 * sideways when the window is too narrow for all of them, the estimate
 * of the whole fan-out above, and, once every answer has ended, a
 * sortable summary table and a blind vote between two unnamed answers.
 *
 * The view holds no state of its own beyond what is on screen: the
 * PrismComparisonRun does the work, and every button is an action of
 * this widget ("comparison.*"), which the tests and the window use too.
 */
struct _PrismComparisonView
{
  GtkWidget            parent_instance;

  PrismComparisonRun  *run;
  gulong               running_id;
  gulong               pane_finished_id;
  gulong               items_changed_id;
  gboolean             scroll_together;
  gboolean             scrolling;
  PrismComparisonPane *blind_first;
  PrismComparisonPane *blind_second;
  gboolean             blind_voted;

  AdwToastOverlay     *toast_overlay;
  GtkLabel            *prompt_label;
  GtkLabel            *estimate_label;
  GtkWidget           *blind_button;
  GtkMenuButton       *fuse_button;
  GtkMenuButton       *diff_button;
  GtkLabel            *diff_title_label;
  GtkLabel            *diff_label;
  GtkWidget           *stop_all_button;
  GtkStack            *stack;
  GtkBox              *panes_box;
  GtkLabel            *blind_a_label;
  GtkLabel            *blind_b_label;
  PrismMarkdownView   *blind_a_view;
  PrismMarkdownView   *blind_b_view;
  GtkLabel            *blind_result_label;
  GtkWidget           *blind_next_button;
  GtkRevealer         *summary_revealer;
  GtkColumnView       *summary_view;
};

G_DEFINE_FINAL_TYPE (PrismComparisonView, prism_comparison_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RUN,
  PROP_BLIND,
  PROP_SCROLL_TOGETHER,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  CONTINUE,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* The summary's columns */

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

static void
add_columns (PrismComparisonView *self)
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

static void
refresh_summary (PrismComparisonView *self)
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

/* State */

static void
toast (PrismComparisonView *self,
       const char          *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static double
total_cost (PrismComparisonRun *run,
            guint              *n_unknown)
{
  double total = 0;

  *n_unknown = 0;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (run)); i++)
    {
      double cost = pane_cost (prism_comparison_run_get_pane (run, i));

      if (isnan (cost))
        (*n_unknown)++;
      else
        total += cost;
    }

  return total;
}

static void
update_estimate (PrismComparisonView *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = 0;
  gboolean reopened = prism_comparison_run_get_reopened (self->run);
  guint n_unknown = 0;
  /* A reopened comparison has its real cost; what was estimated then is
   * not kept. */
  double estimate = reopened ? NAN : prism_comparison_run_estimate_cost (self->run, &n_unknown);
  gboolean started = prism_comparison_run_get_comparison_id (self->run) != NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->run)); i++)
    if (!prism_comparison_pane_get_fusion (prism_comparison_run_get_pane (self->run, i)))
      n++;
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u model", "%u models", n), n);

  if (started && !prism_comparison_run_get_running (self->run))
    {
      guint cost_unknown;
      double cost = total_cost (self->run, &cost_unknown);
      g_autofree char *money = prism_format_cost (cost);

      /* Translators: what the comparison cost in all */
      g_string_append_printf (text, _(" · cost %s"), money);
      if (cost_unknown > 0)
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " (%u answer's cost unknown)",
                                                   " (%u answers' costs unknown)", cost_unknown), cost_unknown);
    }

  if (!isnan (estimate))
    {
      g_autofree char *money = prism_format_cost (estimate);

      /* Translators: the most the whole comparison was expected to cost */
      g_string_append_printf (text, _(" · estimated at most %s"), money);
      if (n_unknown > 0)
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " (%u model's prices unknown)",
                                                   " (%u models' prices unknown)", n_unknown), n_unknown);
    }
  else if (!reopened)
    g_string_append (text, _(" · prices unknown"));

  if (!isnan (prism_comparison_run_get_cost_cap (self->run)))
    {
      g_autofree char *cap = prism_format_cost (prism_comparison_run_get_cost_cap (self->run));

      g_string_append_printf (text, _(" · cap %s"), cap);
    }

  gtk_label_set_text (self->estimate_label, text->str);
}

static void
update_actions (PrismComparisonView *self)
{
  gboolean running = self->run != NULL && prism_comparison_run_get_running (self->run);
  gboolean started = self->run != NULL && prism_comparison_run_get_comparison_id (self->run) != NULL;
  gboolean blind = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "blind") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "comparison.stop-all", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "comparison.blind", started && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "comparison.blind-vote",
                                 blind && self->blind_first != NULL && !self->blind_voted);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "comparison.copy-summary", started && !running);
  gtk_widget_set_visible (self->blind_next_button, self->blind_voted);
  gtk_widget_set_visible (self->stop_all_button, running);
  gtk_widget_set_visible (self->blind_button, started && !running);
  gtk_widget_set_visible (GTK_WIDGET (self->fuse_button), started && !running);
  gtk_widget_set_visible (GTK_WIDGET (self->diff_button), started && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "comparison.diff", started && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "comparison.fuse", started && !running);
}

static void
running_cb (PrismComparisonView *self)
{
  gboolean done = prism_comparison_run_get_comparison_id (self->run) != NULL &&
                  !prism_comparison_run_get_running (self->run);

  update_actions (self);
  update_estimate (self);
  refresh_summary (self);
  gtk_revealer_set_reveal_child (self->summary_revealer, done && !prism_comparison_view_get_blind (self));
}

static void
pane_finished_cb (PrismComparisonView *self)
{
  refresh_summary (self);
}

static void
prism_comparison_view_dispose (GObject *object)
{
  PrismComparisonView *self = (PrismComparisonView *)object;

  prism_comparison_view_set_run (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PRISM_TYPE_COMPARISON_VIEW);

  G_OBJECT_CLASS (prism_comparison_view_parent_class)->dispose (object);
}

static void
prism_comparison_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PrismComparisonView *self = PRISM_COMPARISON_VIEW (object);

  switch (prop_id)
    {
    case PROP_RUN:
      g_value_set_object (value, self->run);
      break;
    case PROP_BLIND:
      g_value_set_boolean (value, prism_comparison_view_get_blind (self));
      break;
    case PROP_SCROLL_TOGETHER:
      g_value_set_boolean (value, self->scroll_together);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_comparison_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PrismComparisonView *self = PRISM_COMPARISON_VIEW (object);

  switch (prop_id)
    {
    case PROP_RUN:
      prism_comparison_view_set_run (self, g_value_get_object (value));
      break;
    case PROP_SCROLL_TOGETHER:
      prism_comparison_view_set_scroll_together (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Actions */

static PrismComparisonPane *
pane_from_parameter (PrismComparisonView *self,
                     GVariant            *parameter)
{
  guint index = g_variant_get_uint32 (parameter);

  if (self->run == NULL || index >= g_list_model_get_n_items (G_LIST_MODEL (self->run)))
    return NULL;

  return prism_comparison_run_get_pane (self->run, index);
}

static void
stop_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PrismComparisonView *self = PRISM_COMPARISON_VIEW (widget);

  if (self->run != NULL)
    prism_comparison_run_stop_all (self->run);
}

static void
stop_pane_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PrismComparisonPane *pane = pane_from_parameter (PRISM_COMPARISON_VIEW (widget), parameter);

  if (pane != NULL)
    prism_comparison_pane_stop (pane);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PrismComparisonView *self = PRISM_COMPARISON_VIEW (widget);
  PrismComparisonPane *pane = pane_from_parameter (self, parameter);
  g_autoptr(GError) error = NULL;

  if (pane == NULL)
    return;

  if (!prism_comparison_run_retry (self->run, pane, &error))
    toast (self, error->message);
  else
    {
      gtk_revealer_set_reveal_child (self->summary_revealer, FALSE);
      update_actions (self);
    }
}

static void
winner_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PrismComparisonView *self = PRISM_COMPARISON_VIEW (widget);
  PrismComparisonPane *pane = pane_from_parameter (self, parameter);
  g_autoptr(GError) error = NULL;

  if (pane == NULL || prism_comparison_pane_get_winner (pane))
    return;

  if (!prism_comparison_run_vote_winner (self->run, pane, &error))
    toast (self, error->message);
}

static void
blind_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PrismComparisonView *self = PRISM_COMPARISON_VIEW (widget);
  PrismComparisonPane *first = NULL;
  PrismComparisonPane *second = NULL;

  if (self->run == NULL)
    return;

  if (!prism_comparison_run_pick_blind_pair (self->run, &first, &second))
    {
      toast (self, _("A blind vote needs two answers with text."));
      return;
    }

  g_set_object (&self->blind_first, first);
  g_set_object (&self->blind_second, second);
  self->blind_voted = FALSE;

  prism_markdown_view_set_text (self->blind_a_view, prism_comparison_pane_get_content (first));
  prism_markdown_view_set_text (self->blind_b_view, prism_comparison_pane_get_content (second));
  gtk_label_set_text (self->blind_a_label, _("Answer A"));
  gtk_label_set_text (self->blind_b_label, _("Answer B"));
  gtk_label_set_text (self->blind_result_label,
                      _("Which answer is better? The models are named after you vote."));

  /* The table would tell the answers apart by their figures. */
  gtk_stack_set_visible_child_name (self->stack, "blind");
  gtk_revealer_set_reveal_child (self->summary_revealer, FALSE);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BLIND]);
}

static void
blind_vote_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PrismComparisonView *self = PRISM_COMPARISON_VIEW (widget);
  gboolean first_wins = g_variant_get_uint32 (parameter) == 0;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *result = NULL;

  if (self->blind_first == NULL || self->blind_voted)
    return;

  if (!prism_comparison_run_vote_pair (self->run,
                                       first_wins ? self->blind_first : self->blind_second,
                                       first_wins ? self->blind_second : self->blind_first,
                                       &error))
    {
      toast (self, error->message);
      return;
    }

  self->blind_voted = TRUE;

  /* Translators: the blind answer's letter and, after the vote, its model */
  a = g_strdup_printf (_("Answer A · %s"), prism_comparison_pane_get_model (self->blind_first));
  b = g_strdup_printf (_("Answer B · %s"), prism_comparison_pane_get_model (self->blind_second));
  gtk_label_set_text (self->blind_a_label, a);
  gtk_label_set_text (self->blind_b_label, b);
  result = g_strdup_printf (first_wins ? _("You chose A, the answer of %s. The vote is kept for your leaderboard.")
                                       : _("You chose B, the answer of %s. The vote is kept for your leaderboard."),
                            prism_comparison_pane_get_model (first_wins ? self->blind_first : self->blind_second));
  gtk_label_set_text (self->blind_result_label, result);

  update_actions (self);
}

static void
show_answers_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PrismComparisonView *self = PRISM_COMPARISON_VIEW (widget);

  g_clear_object (&self->blind_first);
  g_clear_object (&self->blind_second);
  self->blind_voted = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "panes");
  gtk_revealer_set_reveal_child (self->summary_revealer, !prism_comparison_run_get_running (self->run));
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BLIND]);
}

static void
continue_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PrismComparisonView *self = PRISM_COMPARISON_VIEW (widget);
  PrismComparisonPane *pane = pane_from_parameter (self, parameter);

  if (pane == NULL || prism_comparison_pane_get_running (pane) || prism_comparison_pane_get_message_id (pane) == NULL)
    return;

  g_signal_emit (self, signals [CONTINUE], 0,
                 prism_comparison_run_get_conversation_id (self->run),
                 prism_comparison_pane_get_message_id (pane),
                 prism_comparison_pane_get_model (pane));
}

static void
fuse_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PrismComparisonView *self = PRISM_COMPARISON_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (self->run == NULL)
    return;

  if (prism_comparison_run_fuse (self->run, g_variant_get_string (parameter, NULL), &error) == NULL)
    {
      toast (self, error->message);
      return;
    }

  gtk_revealer_set_reveal_child (self->summary_revealer, FALSE);
  update_actions (self);
}

/* Words only in the first answer struck through on red, words only in
 * the second on green; translucent, so that light and dark both read. */
static char *
diff_markup (const char *first,
             const char *second)
{
  g_autoptr(GPtrArray) spans = prism_word_diff (first, second);
  GString *markup = g_string_new (NULL);

  for (guint i = 0; i < spans->len; i++)
    {
      PrismDiffSpan *span = g_ptr_array_index (spans, i);
      g_autofree char *escaped = g_markup_escape_text (span->text, -1);

      switch (span->op)
        {
        case PRISM_DIFF_DELETE:
          g_string_append_printf (markup, "<span strikethrough=\"true\" background=\"#e01b24\" bgalpha=\"25%%\">%s</span>",
                                  escaped);
          break;
        case PRISM_DIFF_INSERT:
          g_string_append_printf (markup, "<span background=\"#2ec27e\" bgalpha=\"30%%\">%s</span>", escaped);
          break;
        case PRISM_DIFF_EQUAL:
        default:
          g_string_append (markup, escaped);
          break;
        }
    }

  return g_string_free (markup, FALSE);
}

static void
diff_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PrismComparisonView *self = PRISM_COMPARISON_VIEW (widget);
  g_autofree char *markup = NULL;
  g_autofree char *title = NULL;
  PrismComparisonPane *first, *second;
  guint a, b, n;

  if (self->run == NULL)
    return;

  g_variant_get (parameter, "(uu)", &a, &b);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->run));
  if (a >= n || b >= n || a == b)
    return;

  first = prism_comparison_run_get_pane (self->run, a);
  second = prism_comparison_run_get_pane (self->run, b);
  markup = diff_markup (prism_comparison_pane_get_content (first), prism_comparison_pane_get_content (second));
  /* Translators: the two models whose answers are compared word by word */
  title = g_strdup_printf (_("From %s to %s: words struck through are only in the first, highlighted ones only in the second"),
                           prism_comparison_pane_get_model (first), prism_comparison_pane_get_model (second));
  gtk_label_set_text (self->diff_title_label, title);
  gtk_label_set_markup (self->diff_label, markup);

  gtk_stack_set_visible_child_name (self->stack, "diff");
  update_actions (self);
}

static GMenuModel *
build_diff_menu (PrismComparisonRun *run)
{
  GMenu *menu = g_menu_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (run));

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        g_autoptr(GMenuItem) item = NULL;
        /* Translators: the first and second answers to compare, by their place and model */
        g_autofree char *label = g_strdup_printf (_("%u. %s and %u. %s"),
                                                  i + 1, prism_comparison_pane_get_model (prism_comparison_run_get_pane (run, i)),
                                                  j + 1, prism_comparison_pane_get_model (prism_comparison_run_get_pane (run, j)));

        item = g_menu_item_new (label, NULL);
        g_menu_item_set_action_and_target_value (item, "comparison.diff", g_variant_new ("(uu)", i, j));
        g_menu_append_item (menu, item);
      }

  return G_MENU_MODEL (menu);
}

/* Scrolling together: each answer goes to the same fraction of its own
 * length as the one scrolled, so that answers of different lengths stay
 * at the same point of their argument, more or less. */
static void
vadjustment_changed_cb (GtkAdjustment       *adjustment,
                        PrismComparisonView *self)
{
  double range = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_lower (adjustment) -
                 gtk_adjustment_get_page_size (adjustment);
  double fraction;

  if (!self->scroll_together || self->scrolling || range <= 0)
    return;

  fraction = (gtk_adjustment_get_value (adjustment) - gtk_adjustment_get_lower (adjustment)) / range;

  self->scrolling = TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->panes_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkAdjustment *other = prism_comparison_pane_view_get_vadjustment (PRISM_COMPARISON_PANE_VIEW (child));
      double other_range = gtk_adjustment_get_upper (other) - gtk_adjustment_get_lower (other) -
                           gtk_adjustment_get_page_size (other);

      if (other != adjustment && other_range > 0)
        gtk_adjustment_set_value (other, gtk_adjustment_get_lower (other) + fraction * other_range);
    }
  self->scrolling = FALSE;
}

static void
add_pane_view (PrismComparisonView *self,
               PrismComparisonPane *pane)
{
  GtkWidget *pane_view = prism_comparison_pane_view_new (pane);

  g_signal_connect_object (prism_comparison_pane_view_get_vadjustment (PRISM_COMPARISON_PANE_VIEW (pane_view)),
                           "value-changed", G_CALLBACK (vadjustment_changed_cb), self, 0);
  gtk_box_append (self->panes_box, pane_view);
}

static void
items_changed_cb (GListModel          *model,
                  guint                position,
                  guint                removed,
                  guint                added,
                  PrismComparisonView *self)
{
  /* A comparison only grows, by a merged answer at its end. */
  g_autoptr(GMenuModel) diff_menu = build_diff_menu (self->run);

  for (guint i = position; i < position + added; i++)
    add_pane_view (self, prism_comparison_run_get_pane (self->run, i));
  gtk_menu_button_set_menu_model (self->diff_button, diff_menu);
}

static GMenuModel *
build_fuse_menu (PrismComparisonRun *run)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (run)); i++)
    {
      const char *model = prism_comparison_pane_get_model (prism_comparison_run_get_pane (run, i));
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (!g_hash_table_add (seen, (gpointer)model))
        continue;

      /* Translators: %s is the model that merges the answers */
      label = g_strdup_printf (_("Merge with %s"), model);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "comparison.fuse", g_variant_new_string (model));
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (menu);
}

static void
copy_summary_action (GtkWidget  *widget,
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
  toast (self, csv ? _("Summary copied as CSV") : _("Summary copied as Markdown"));
}

static void
prism_comparison_view_class_init (PrismComparisonViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prism_comparison_view_dispose;
  object_class->get_property = prism_comparison_view_get_property;
  object_class->set_property = prism_comparison_view_set_property;

  properties [PROP_RUN] =
    g_param_spec_object ("run", NULL, NULL, PRISM_TYPE_COMPARISON_RUN,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_SCROLL_TOGETHER] =
    g_param_spec_boolean ("scroll-together", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_BLIND] =
    g_param_spec_boolean ("blind", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PrismComparisonView::continue:
   * @self: the view
   * @conversation_id: the comparison's conversation
   * @message_id: the answer chosen, the leaf to continue from
   * @model: the model that wrote it, to ask next
   *
   * The person chose to go on with one pane's answer and model: the
   * window opens the conversation at that answer in the chat.
   */
  signals [CONTINUE] =
    g_signal_new ("continue",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  g_type_ensure (PRISM_TYPE_MARKDOWN_VIEW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "comparison");
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/prismllm/Prism/prism-comparison-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonView, prompt_label);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonView, estimate_label);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonView, blind_button);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonView, fuse_button);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonView, diff_button);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonView, diff_title_label);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonView, diff_label);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonView, stop_all_button);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonView, stack);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonView, panes_box);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonView, blind_a_label);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonView, blind_b_label);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonView, blind_a_view);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonView, blind_b_view);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonView, blind_result_label);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonView, blind_next_button);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonView, summary_revealer);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonView, summary_view);

  gtk_widget_class_install_action (widget_class, "comparison.stop-all", NULL, stop_all_action);
  gtk_widget_class_install_action (widget_class, "comparison.stop-pane", "u", stop_pane_action);
  gtk_widget_class_install_action (widget_class, "comparison.retry", "u", retry_action);
  gtk_widget_class_install_action (widget_class, "comparison.winner", "u", winner_action);
  gtk_widget_class_install_action (widget_class, "comparison.blind", NULL, blind_action);
  gtk_widget_class_install_action (widget_class, "comparison.blind-vote", "u", blind_vote_action);
  gtk_widget_class_install_action (widget_class, "comparison.show-answers", NULL, show_answers_action);
  gtk_widget_class_install_action (widget_class, "comparison.diff", "(uu)", diff_action);
  gtk_widget_class_install_action (widget_class, "comparison.copy-summary", "s", copy_summary_action);
  gtk_widget_class_install_action (widget_class, "comparison.fuse", "s", fuse_action);
  gtk_widget_class_install_action (widget_class, "comparison.continue", "u", continue_action);
  gtk_widget_class_install_property_action (widget_class, "comparison.scroll-together", "scroll-together");
}

static void
prism_comparison_view_init (PrismComparisonView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_columns (self);
  update_actions (self);
}

GtkWidget *
prism_comparison_view_new (void)
{
  return g_object_new (PRISM_TYPE_COMPARISON_VIEW, NULL);
}

/**
 * prism_comparison_view_get_run:
 * @self: a #PrismComparisonView
 *
 * Returns: (transfer none) (nullable): the comparison shown
 */
PrismComparisonRun *
prism_comparison_view_get_run (PrismComparisonView *self)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_VIEW (self), NULL);

  return self->run;
}

/**
 * prism_comparison_view_set_run:
 * @self: a #PrismComparisonView
 * @run: (nullable): a comparison, started or not
 *
 * Shows @run's panes. Before it is started they show the estimate of
 * each answer; they stream as soon as prism_comparison_run_start() sends.
 */
void
prism_comparison_view_set_run (PrismComparisonView *self,
                               PrismComparisonRun  *run)
{
  GtkWidget *child;

  g_return_if_fail (PRISM_IS_COMPARISON_VIEW (self));
  g_return_if_fail (run == NULL || PRISM_IS_COMPARISON_RUN (run));

  if (self->run == run)
    return;

  if (self->run != NULL)
    {
      g_clear_signal_handler (&self->running_id, self->run);
      g_clear_signal_handler (&self->pane_finished_id, self->run);
      g_clear_signal_handler (&self->items_changed_id, self->run);
    }
  g_clear_object (&self->blind_first);
  g_clear_object (&self->blind_second);
  g_set_object (&self->run, run);

  if (self->panes_box != NULL)
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->panes_box))) != NULL)
      gtk_box_remove (self->panes_box, child);

  if (run != NULL)
    {
      gtk_label_set_text (self->prompt_label, prism_comparison_run_get_prompt (run));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->prompt_label), prism_comparison_run_get_prompt (run));

      update_estimate (self);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (run)); i++)
        add_pane_view (self, prism_comparison_run_get_pane (run, i));

      self->running_id = g_signal_connect_swapped (run, "notify::running", G_CALLBACK (running_cb), self);
      self->pane_finished_id = g_signal_connect_swapped (run, "pane-finished", G_CALLBACK (pane_finished_cb), self);
      self->items_changed_id = g_signal_connect (run, "items-changed", G_CALLBACK (items_changed_cb), self);
      {
        g_autoptr(GMenuModel) fuse_menu = build_fuse_menu (run);
        g_autoptr(GMenuModel) diff_menu = build_diff_menu (run);

        gtk_menu_button_set_menu_model (self->fuse_button, fuse_menu);
        gtk_menu_button_set_menu_model (self->diff_button, diff_menu);
      }
      gtk_stack_set_visible_child_name (self->stack, "panes");
      running_cb (self);
    }
  else if (self->summary_view != NULL)
    refresh_summary (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RUN]);
}

/**
 * prism_comparison_view_get_blind:
 * @self: a #PrismComparisonView
 *
 * Returns: whether the blind vote is shown instead of the panes
 */
gboolean
prism_comparison_view_get_blind (PrismComparisonView *self)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_VIEW (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "blind") == 0;
}

/**
 * prism_comparison_view_set_scroll_together:
 * @self: a #PrismComparisonView
 * @scroll_together: whether scrolling one answer scrolls all of them
 */
void
prism_comparison_view_set_scroll_together (PrismComparisonView *self,
                                           gboolean             scroll_together)
{
  g_return_if_fail (PRISM_IS_COMPARISON_VIEW (self));

  scroll_together = !!scroll_together;
  if (self->scroll_together == scroll_together)
    return;

  self->scroll_together = scroll_together;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SCROLL_TOGETHER]);
}

gboolean
prism_comparison_view_get_scroll_together (PrismComparisonView *self)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_VIEW (self), FALSE);

  return self->scroll_together;
}
