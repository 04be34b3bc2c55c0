/* prism-spend-page-budgets.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-spend-page"

#include "config.h"

#include "prism-spend-page-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "prism-format.h"

/* The Spend page's budgets: a row per budget with what its period spent,
 * and the dialog that adds or edits one. */

static char *
describe_budget (const PrismBudget *budget)
{
  gboolean daily = g_str_equal (budget->period, "day");

  if (g_str_equal (budget->scope, "all"))
    return g_strdup (daily ? _("All spend, per day") : _("All spend, per month"));
  if (g_str_equal (budget->scope, "provider"))
    return g_strdup_printf (daily ? _("Provider %s, per day") : _("Provider %s, per month"), budget->target);
  if (g_str_equal (budget->scope, "model"))
    return g_strdup_printf (daily ? _("Model %s, per day") : _("Model %s, per month"), budget->target);
  return g_strdup_printf (daily ? _("Project %s, per day") : _("Project %s, per month"), budget->target);
}

static const PrismBudgetState *
find_state (PrismSpendPage *self,
            gint64          id)
{
  GPtrArray *states = self->monitor ? prism_budget_monitor_get_states (self->monitor) : NULL;

  for (guint i = 0; states != NULL && i < states->len; i++)
    {
      const PrismBudgetState *state = g_ptr_array_index (states, i);

      if (state->budget->id == id)
        return state;
    }

  return NULL;
}

static GtkWidget *
make_budget_row (PrismSpendPage    *self,
                 const PrismBudget *budget)
{
  const PrismBudgetState *state = find_state (self, budget->id);
  g_autofree char *title = describe_budget (budget);
  g_autofree char *limit = prism_format_cost (budget->limit_usd);
  g_autofree char *subtitle = NULL;
  const char *action = g_str_equal (budget->action, "block") ? _("blocks at the limit")
                                                             : _("warns at the limit");
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  if (state != NULL)
    {
      g_autofree char *spent = prism_format_cost (state->spent_usd);
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);

      subtitle = g_strdup_printf (_("%s of %s (%.0f%%), %s%s"), spent, limit,
                                  isinf (state->fraction) ? 100.0 : state->fraction * 100, action,
                                  state->overridden ? _(", overridden until the period ends") : "");
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (state->fraction, 0, 1));
      gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW, 0.8);
      gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH, 0.99);
      gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL, 1.0);
      gtk_widget_set_size_request (bar, 120, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Share of the limit spent"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
    }
  else
    subtitle = g_strdup_printf (_("Limit %s, %s"), limit, action);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  button = gtk_button_new_from_icon_name ("document-edit-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Edit Budget"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "spend.edit-budget");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", budget->id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Delete Budget"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "spend.delete-budget");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", budget->id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
show_budgets (PrismSpendPage *self)
{
  GPtrArray *states = prism_budget_monitor_get_states (self->monitor);

  for (guint i = 0; i < self->budget_rows->len; i++)
    adw_preferences_group_remove (self->budgets_group, self->budget_rows->pdata[i]);
  g_ptr_array_set_size (self->budget_rows, 0);

  for (guint i = 0; i < states->len; i++)
    {
      const PrismBudgetState *state = g_ptr_array_index (states, i);
      GtkWidget *row = make_budget_row (self, state->budget);

      adw_preferences_group_add (self->budgets_group, row);
      g_ptr_array_add (self->budget_rows, row);
    }

  if (states->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No budgets yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Set a daily or monthly limit for everything, a provider, a model or a project"));
      adw_preferences_group_add (self->budgets_group, row);
      g_ptr_array_add (self->budget_rows, row);
    }
}

static void
budgets_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PrismSpendPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!prism_budget_monitor_refresh_finish (PRISM_BUDGET_MONITOR (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("The budgets could not be checked: %s", error->message);
    }

  show_budgets (self);
  _prism_spend_page_finish_loading (self);
}

/* Budgets are read through the monitor, on its thread: a synchronous
 * read here would wait behind the spend queries on the store's worker
 * and hold the main loop meanwhile. */
void
_prism_spend_page_rebuild_budgets (PrismSpendPage *self)
{
  self->pending++;
  prism_budget_monitor_refresh_async (self->monitor, self->cancellable, budgets_cb, g_object_ref (self));
}

typedef struct
{
  PrismSpendPage *page;
  gint64          id;
  GtkDropDown    *scope;
  GtkEntry       *target;
  GtkDropDown    *period;
  GtkSpinButton  *limit;
  GtkDropDown    *action;
} BudgetForm;

static void
budget_form_free (BudgetForm *form)
{
  g_object_unref (form->page);
  g_free (form);
}

static const char * const scopes[] = { "all", "provider", "model", "project" };
static const char * const periods[] = { "day", "month" };
static const char * const actions[] = { "warn", "block" };

static void
budget_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    BudgetForm       *form)
{
  PrismSpendPage *self = form->page;
  g_autoptr(GError) error = NULL;
  const char *scope = scopes[gtk_drop_down_get_selected (form->scope)];
  const char *target = gtk_editable_get_text (GTK_EDITABLE (form->target));
  double limit = gtk_spin_button_get_value (form->limit);
  const char *action = actions[gtk_drop_down_get_selected (form->action)];
  gboolean ok;

  if (!g_str_equal (response, "save"))
    return;

  if (form->id > 0)
    ok = prism_store_update_budget (self->store, form->id, limit, action, &error);
  else
    ok = prism_store_add_budget (self->store, scope, g_str_equal (scope, "all") ? NULL : target,
                                 periods[gtk_drop_down_get_selected (form->period)],
                                 limit, action, &error) > 0;

  if (!ok)
    _prism_spend_page_show_error (self, _("The Budget Was Not Saved"), error);

  _prism_spend_page_rebuild_budgets (self);
}

static void
scope_changed_cb (GtkDropDown *scope,
                  GParamSpec  *pspec,
                  GtkWidget   *target)
{
  gtk_widget_set_sensitive (target, gtk_drop_down_get_selected (scope) != 0);
}

static GtkWidget *
form_row (GtkGrid    *grid,
          int         row,
          const char *label,
          GtkWidget  *widget)
{
  GtkWidget *title = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (title), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), widget);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_grid_attach (grid, title, 0, row, 1, 1);
  gtk_grid_attach (grid, widget, 1, row, 1, 1);

  return widget;
}

static void
open_budget_dialog (PrismSpendPage    *self,
                    const PrismBudget *budget)
{
  static const char * const scope_names[] = { N_("All Spend"), N_("Provider"), N_("Model"), N_("Project"), NULL };
  static const char * const period_names[] = { N_("Per Day"), N_("Per Month"), NULL };
  static const char * const action_names[] = { N_("Warn"), N_("Block"), NULL };
  g_autoptr(GtkStringList) scope_list = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) period_list = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) action_list = gtk_string_list_new (NULL);
  BudgetForm *form = g_new0 (BudgetForm, 1);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *dialog;

  for (guint i = 0; scope_names[i]; i++)
    gtk_string_list_append (scope_list, _(scope_names[i]));
  for (guint i = 0; period_names[i]; i++)
    gtk_string_list_append (period_list, _(period_names[i]));
  for (guint i = 0; action_names[i]; i++)
    gtk_string_list_append (action_list, _(action_names[i]));

  form->page = g_object_ref (self);
  form->id = budget ? budget->id : 0;
  form->scope = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (scope_list)), NULL));
  form->target = GTK_ENTRY (gtk_entry_new ());
  form->period = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (period_list)), NULL));
  form->limit = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 1000000, 1));
  form->action = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (action_list)), NULL));
  gtk_spin_button_set_digits (form->limit, 2);
  gtk_spin_button_set_value (form->limit, 10);
  gtk_entry_set_placeholder_text (form->target, _("e.g. openai, openai:gpt-4o or a project"));
  gtk_widget_set_sensitive (GTK_WIDGET (form->target), FALSE);
  g_signal_connect (form->scope, "notify::selected", G_CALLBACK (scope_changed_cb), form->target);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  form_row (GTK_GRID (grid), 0, _("_For"), GTK_WIDGET (form->scope));
  form_row (GTK_GRID (grid), 1, _("_Name"), GTK_WIDGET (form->target));
  form_row (GTK_GRID (grid), 2, _("_Period"), GTK_WIDGET (form->period));
  form_row (GTK_GRID (grid), 3, _("_Limit (USD)"), GTK_WIDGET (form->limit));
  form_row (GTK_GRID (grid), 4, _("At the _Limit"), GTK_WIDGET (form->action));

  if (budget != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
        if (g_str_equal (budget->scope, scopes[i]))
          gtk_drop_down_set_selected (form->scope, i);
      gtk_drop_down_set_selected (form->period, g_str_equal (budget->period, "month"));
      gtk_drop_down_set_selected (form->action, g_str_equal (budget->action, "block"));
      gtk_editable_set_text (GTK_EDITABLE (form->target), budget->target ? budget->target : "");
      gtk_spin_button_set_value (form->limit, budget->limit_usd);
      /* The store changes a budget's limit and action; its scope stays */
      gtk_widget_set_sensitive (GTK_WIDGET (form->scope), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (form->target), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (form->period), FALSE);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   budget ? _("Edit Budget") : _("Add Budget"), NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  g_signal_connect_data (dialog, "response", G_CALLBACK (budget_response_cb), form,
                         (GClosureNotify)budget_form_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_budget_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_budget_dialog (PRISM_SPEND_PAGE (widget), NULL);
}

static PrismBudget *
find_budget (PrismSpendPage *self,
             gint64          id)
{
  const PrismBudgetState *state = find_state (self, id);

  return state ? prism_budget_copy (state->budget) : NULL;
}

static void
edit_budget_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PrismSpendPage *self = PRISM_SPEND_PAGE (widget);
  g_autoptr(PrismBudget) budget = find_budget (self, g_variant_get_int64 (parameter));

  if (budget != NULL)
    open_budget_dialog (self, budget);
}

static void
delete_budget_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PrismSpendPage *self = PRISM_SPEND_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!prism_store_delete_budget (self->store, g_variant_get_int64 (parameter), &error))
    _prism_spend_page_show_error (self, _("The Budget Was Not Deleted"), error);

  _prism_spend_page_rebuild_budgets (self);
}

void
_prism_spend_page_class_init_budgets (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "spend.add-budget", NULL, add_budget_action);
  gtk_widget_class_install_action (widget_class, "spend.edit-budget", "x", edit_budget_action);
  gtk_widget_class_install_action (widget_class, "spend.delete-budget", "x", delete_budget_action);
}
