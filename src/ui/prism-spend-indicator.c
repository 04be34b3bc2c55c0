/* prism-spend-indicator.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-spend-indicator"

#include "config.h"

#include "prism-spend-indicator.h"

#include <glib/gi18n-lib.h>

#include "prism-format.h"

/* "today $x · this month $y" for the header bar. It refreshes when told
 * (after each answer) and once a minute, so that midnight and the first
 * of the month turn over by themselves; with a budget monitor it also
 * checks the budgets and sends the notifications at 80% and 100%, whose
 * button overrides a reached budget for the rest of its period through
 * the application's "budget-override" action. */

#define REFRESH_SECONDS 60

struct _PrismSpendIndicator
{
  AdwBin              parent_instance;

  PrismStore         *store;
  PrismBudgetMonitor *monitor;
  GCancellable       *cancellable;
  GtkLabel           *label;
  guint               timeout;
  guint               pending;
};

G_DEFINE_FINAL_TYPE (PrismSpendIndicator, prism_spend_indicator, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_MONITOR,
  N_PROPS
};

enum {
  LOADED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
finish (PrismSpendIndicator *self)
{
  if (self->pending > 0 && --self->pending == 0)
    g_signal_emit (self, signals [LOADED], 0);
}

static void
spend_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PrismSpendIndicator) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *day_text = NULL;
  g_autofree char *month_text = NULL;
  g_autofree char *text = NULL;
  double day_cost = 0, month_cost = 0;
  gint64 unknown = 0;

  days = prism_store_query_spend_finish (PRISM_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (days == NULL)
    {
      g_warning ("Today’s spend could not be read: %s", error->message);
      gtk_label_set_text (self->label, "");
      finish (self);
      return;
    }

  for (guint i = 0; i < days->len; i++)
    {
      PrismSpendRow *row = g_ptr_array_index (days, i);

      month_cost += row->cost_usd;
      unknown += row->unknown_cost_requests;
      if (g_strcmp0 (row->day, today) == 0)
        day_cost += row->cost_usd;
    }

  day_text = prism_format_cost (day_cost);
  month_text = prism_format_cost (month_cost);
  /* Translators: the header bar's spend figures */
  text = g_strdup_printf (_("today %s · this month %s"), day_text, month_text);
  gtk_label_set_text (self->label, text);

  if (unknown > 0)
    {
      g_autofree char *tooltip =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "Known costs only: %lld request this month has an unknown cost",
                                      "Known costs only: %lld requests this month have an unknown cost",
                                      unknown),
                         (long long)unknown);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
    }
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self), _("Spend today and this month"));

  finish (self);
}

static void
monitor_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PrismSpendIndicator) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!prism_budget_monitor_refresh_finish (PRISM_BUDGET_MONITOR (source), result, &error))
    g_warning ("The budgets could not be checked: %s", error->message);

  finish (self);
}

/**
 * prism_spend_indicator_refresh:
 *
 * Reads today's and this month's spend again (and the budgets).
 */
void
prism_spend_indicator_refresh (PrismSpendIndicator *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *first = g_date_time_format (now, "%Y-%m-01");

  g_return_if_fail (PRISM_IS_SPEND_INDICATOR (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  self->pending = self->monitor ? 2 : 1;
  prism_store_query_spend_async (self->store, PRISM_SPEND_BY_DAY, FALSE, first, today,
                                 self->cancellable, spend_cb, g_object_ref (self));
  if (self->monitor != NULL)
    prism_budget_monitor_refresh_async (self->monitor, self->cancellable, monitor_cb, g_object_ref (self));
}

static gboolean
refresh_timeout_cb (gpointer user_data)
{
  prism_spend_indicator_refresh (user_data);

  return G_SOURCE_CONTINUE;
}

/* Notifications */

static char *
describe_scope (const PrismBudget *budget)
{
  if (g_str_equal (budget->scope, "all"))
    return g_strdup (g_str_equal (budget->period, "day") ? _("Today’s spend") : _("This month’s spend"));

  return g_strdup_printf (g_str_equal (budget->period, "day") ? _("Today’s spend on %s")
                                                              : _("This month’s spend on %s"),
                          budget->target);
}

/**
 * prism_spend_indicator_build_notification:
 *
 * Returns: (transfer full): the notification for a budget at 80% or 100%
 */
GNotification *
prism_spend_indicator_build_notification (const PrismBudgetState *state)
{
  g_autofree char *scope = describe_scope (state->budget);
  g_autofree char *spent = prism_format_cost (state->spent_usd);
  g_autofree char *limit = prism_format_cost (state->budget->limit_usd);
  g_autofree char *body = NULL;
  GNotification *notification;
  gboolean reached = state->level == PRISM_BUDGET_LEVEL_REACHED;
  gboolean block = g_str_equal (state->budget->action, "block");

  g_return_val_if_fail (state != NULL, NULL);

  notification = g_notification_new (reached ? _("Budget Reached") : _("Budget Nearly Reached"));
  if (reached && block)
    body = g_strdup_printf (_("%s is %s of %s. New requests are blocked until the period ends."),
                            scope, spent, limit);
  else if (reached)
    body = g_strdup_printf (_("%s is %s of %s. New requests will ask before they go."), scope, spent, limit);
  else
    body = g_strdup_printf (_("%s is %s of %s."), scope, spent, limit);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, reached ? G_NOTIFICATION_PRIORITY_HIGH
                                                     : G_NOTIFICATION_PRIORITY_NORMAL);

  if (reached)
    {
      g_autofree char *token = prism_budget_state_dup_override_token (state);

      g_notification_add_button_with_target (notification,
                                             g_str_equal (state->budget->period, "day")
                                             ? _("Allow Until Midnight") : _("Allow This Month"),
                                             "app.budget-override", "s", token);
    }

  return notification;
}

static void
threshold_crossed_cb (PrismBudgetMonitor     *monitor,
                      const PrismBudgetState *state,
                      PrismSpendIndicator    *self)
{
  GApplication *app = g_application_get_default ();
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = NULL;

  if (app == NULL)
    return;

  notification = prism_spend_indicator_build_notification (state);
  id = g_strdup_printf ("budget-%" G_GINT64_FORMAT, state->budget->id);
  g_application_send_notification (app, id, notification);
}

static void
override_activated_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  PrismBudgetMonitor *monitor = user_data;
  g_autoptr(GError) error = NULL;

  if (!prism_budget_monitor_accept_override (monitor, g_variant_get_string (parameter, NULL), &error))
    g_warning ("The budget was not overridden: %s", error->message);
}

static void
install_override_action (PrismSpendIndicator *self)
{
  GApplication *app = g_application_get_default ();
  g_autoptr(GSimpleAction) action = NULL;

  if (!G_IS_ACTION_MAP (app) || g_action_map_lookup_action (G_ACTION_MAP (app), "budget-override"))
    return;

  action = g_simple_action_new ("budget-override", G_VARIANT_TYPE_STRING);
  g_signal_connect_object (action, "activate", G_CALLBACK (override_activated_cb), self->monitor, 0);
  g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (action));
}

/* GObject */

static void
prism_spend_indicator_dispose (GObject *object)
{
  PrismSpendIndicator *self = PRISM_SPEND_INDICATOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->timeout, g_source_remove);
  g_clear_object (&self->store);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (prism_spend_indicator_parent_class)->dispose (object);
}

static void
prism_spend_indicator_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PrismSpendIndicator *self = PRISM_SPEND_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_MONITOR:
      g_value_set_object (value, self->monitor);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_spend_indicator_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PrismSpendIndicator *self = PRISM_SPEND_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_MONITOR:
      self->monitor = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_spend_indicator_constructed (GObject *object)
{
  PrismSpendIndicator *self = PRISM_SPEND_INDICATOR (object);

  G_OBJECT_CLASS (prism_spend_indicator_parent_class)->constructed (object);

  if (self->monitor != NULL)
    {
      g_signal_connect_object (self->monitor, "threshold-crossed", G_CALLBACK (threshold_crossed_cb), self, 0);
      install_override_action (self);
    }

  self->timeout = g_timeout_add_seconds (REFRESH_SECONDS, refresh_timeout_cb, self);
  prism_spend_indicator_refresh (self);
}

static void
prism_spend_indicator_class_init (PrismSpendIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prism_spend_indicator_dispose;
  object_class->get_property = prism_spend_indicator_get_property;
  object_class->set_property = prism_spend_indicator_set_property;
  object_class->constructed = prism_spend_indicator_constructed;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         PRISM_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_MONITOR] =
    g_param_spec_object ("monitor", NULL, NULL,
                         PRISM_TYPE_BUDGET_MONITOR,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PrismSpendIndicator::loaded:
   *
   * The figures (and the budgets) were read again.
   */
  signals [LOADED] =
    g_signal_new ("loaded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "spendindicator");
}

static void
prism_spend_indicator_init (PrismSpendIndicator *self)
{
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "dim-label");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->label));
}

GtkWidget *
prism_spend_indicator_new (PrismStore         *store,
                           PrismBudgetMonitor *monitor)
{
  g_return_val_if_fail (PRISM_IS_STORE (store), NULL);
  g_return_val_if_fail (monitor == NULL || PRISM_IS_BUDGET_MONITOR (monitor), NULL);

  return g_object_new (PRISM_TYPE_SPEND_INDICATOR, "store", store, "monitor", monitor, NULL);
}

gboolean
prism_spend_indicator_is_loading (PrismSpendIndicator *self)
{
  g_return_val_if_fail (PRISM_IS_SPEND_INDICATOR (self), FALSE);

  return self->pending > 0;
}

/**
 * prism_spend_indicator_get_text:
 *
 * Returns: (transfer none): what the indicator shows
 */
const char *
prism_spend_indicator_get_text (PrismSpendIndicator *self)
{
  g_return_val_if_fail (PRISM_IS_SPEND_INDICATOR (self), NULL);

  return gtk_label_get_text (self->label);
}
