/* prism-comparison-view.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-comparison-view"

#include "config.h"

#include "prism-comparison-view-private.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "prism-comparison-pane-view.h"
#include "prism-format.h"
#include "prism-markdown-view.h"

/* A comparison side by side: one pane per model in a row that scrolls
 * sideways when the window is too narrow for all of them, the estimate
 * of the whole fan-out above, and, once every answer has ended, a
 * sortable summary table and a blind vote between two unnamed answers.
 *
 * The view holds no state of its own beyond what is on screen: the
 * PrismComparisonRun does the work, and every button is an action of
 * this widget ("comparison.*"), which the tests and the window use too.
 */

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

/* State */

void
_prism_comparison_view_toast (PrismComparisonView *self,
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
      double cost = prism_comparison_pane_get_cost (prism_comparison_run_get_pane (run, i), NULL);

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

void
_prism_comparison_view_update_actions (PrismComparisonView *self)
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

  _prism_comparison_view_update_actions (self);
  update_estimate (self);
  _prism_comparison_view_refresh_summary (self);
  gtk_revealer_set_reveal_child (self->summary_revealer, done && !prism_comparison_view_get_blind (self));
}

static void
pane_finished_cb (PrismComparisonView *self)
{
  _prism_comparison_view_refresh_summary (self);
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
    _prism_comparison_view_toast (self, error->message);
  else
    {
      gtk_revealer_set_reveal_child (self->summary_revealer, FALSE);
      _prism_comparison_view_update_actions (self);
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
    _prism_comparison_view_toast (self, error->message);
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
      _prism_comparison_view_toast (self, error->message);
      return;
    }

  gtk_revealer_set_reveal_child (self->summary_revealer, FALSE);
  _prism_comparison_view_update_actions (self);
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
update_menus (PrismComparisonView *self)
{
  g_autoptr(GMenuModel) fuse_menu = build_fuse_menu (self->run);
  g_autoptr(GMenuModel) diff_menu = _prism_comparison_view_build_diff_menu (self->run);

  gtk_menu_button_set_menu_model (self->fuse_button, fuse_menu);
  gtk_menu_button_set_menu_model (self->diff_button, diff_menu);
}

static void
items_changed_cb (GListModel          *model,
                  guint                position,
                  guint                removed,
                  guint                added,
                  PrismComparisonView *self)
{
  /* A comparison only grows, by a merged answer at its end. */
  for (guint i = position; i < position + added; i++)
    add_pane_view (self, prism_comparison_run_get_pane (self->run, i));
  update_menus (self);
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
  gtk_widget_class_install_action (widget_class, "comparison.blind", NULL, _prism_comparison_view_blind_action);
  gtk_widget_class_install_action (widget_class, "comparison.blind-vote", "u", _prism_comparison_view_blind_vote_action);
  gtk_widget_class_install_action (widget_class, "comparison.show-answers", NULL, _prism_comparison_view_show_answers_action);
  gtk_widget_class_install_action (widget_class, "comparison.diff", "(uu)", _prism_comparison_view_diff_action);
  gtk_widget_class_install_action (widget_class, "comparison.copy-summary", "s", _prism_comparison_view_copy_summary_action);
  gtk_widget_class_install_action (widget_class, "comparison.fuse", "s", fuse_action);
  gtk_widget_class_install_action (widget_class, "comparison.continue", "u", continue_action);
  gtk_widget_class_install_property_action (widget_class, "comparison.scroll-together", "scroll-together");
}

static void
prism_comparison_view_init (PrismComparisonView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _prism_comparison_view_add_columns (self);
  _prism_comparison_view_update_actions (self);
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
      update_menus (self);
      gtk_stack_set_visible_child_name (self->stack, "panes");
      running_cb (self);
    }
  else if (self->summary_view != NULL)
    _prism_comparison_view_refresh_summary (self);

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

void
_prism_comparison_view_notify_blind (PrismComparisonView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BLIND]);
}
