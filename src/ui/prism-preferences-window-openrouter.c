/* prism-preferences-window-openrouter.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-preferences-window"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "prism-preferences-window-private.h"

#include "prism-error.h"
#include "prism-openrouter-account.h"

/* The OpenRouter page: the default provider preferences of requests
 * through OpenRouter, saved in providers.ini, and what OpenRouter says
 * of the account, fetched the first time the page is shown.
 */

#define OPENROUTER_ID "openrouter"

/* The rows of the "Prefer" combo row; NULL is OpenRouter's own balance
 * of price and uptime. */
static const char * const sorts[] = { NULL, "price", "throughput", "latency" };

static PrismProviderConfig *
openrouter_config (PrismPreferencesWindow *self)
{
  return prism_provider_registry_lookup (prism_client_get_registry (self->client), OPENROUTER_ID);
}

static void
load_routing (PrismPreferencesWindow *self)
{
  PrismProviderConfig *config = openrouter_config (self);
  const char *sort;
  guint selected = 0;

  if (config == NULL)
    return;

  sort = prism_provider_config_get_provider_sort (config);
  for (guint i = 1; i < G_N_ELEMENTS (sorts); i++)
    {
      if (g_strcmp0 (sort, sorts[i]) == 0)
        selected = i;
    }

  self->updating_routing = TRUE;
  adw_combo_row_set_selected (self->sort_row, selected);
  gtk_switch_set_active (self->fallbacks_switch, prism_provider_config_get_allow_fallbacks (config));
  adw_combo_row_set_selected (self->data_collection_row,
                              g_strcmp0 (prism_provider_config_get_data_collection (config), "deny") == 0);
  self->updating_routing = FALSE;
}

static void
on_routing_changed (PrismPreferencesWindow *self)
{
  PrismProviderConfig *config;
  g_autoptr(GError) error = NULL;
  guint sort;

  if (self->updating_routing || self->client == NULL)
    return;

  config = openrouter_config (self);
  if (config == NULL)
    return;

  sort = adw_combo_row_get_selected (self->sort_row);
  prism_provider_config_set_provider_sort (config, sort < G_N_ELEMENTS (sorts) ? sorts[sort] : NULL);
  prism_provider_config_set_allow_fallbacks (config, gtk_switch_get_active (self->fallbacks_switch));
  /* "allow" is OpenRouter's default, so it is left out of the file. */
  prism_provider_config_set_data_collection (config,
                                             adw_combo_row_get_selected (self->data_collection_row) == 1
                                             ? "deny" : NULL);

  if (!prism_provider_registry_save_provider (prism_client_get_registry (self->client), config, &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      load_routing (self);
    }
}

static char *
format_money (double usd)
{
  return g_strdup_printf ("$%.2f", usd);
}

static void
show_account (PrismPreferencesWindow       *self,
              const PrismOpenrouterAccount *account)
{
  g_autofree char *credits = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *usage = NULL;
  double balance = prism_openrouter_account_get_balance (account);

  if (!isnan (balance))
    {
      g_autofree char *left = format_money (balance);
      g_autofree char *bought = format_money (account->total_credits);

      /* Translators: money left of money bought, e.g. "$74.75 left of $100.50" */
      credits = g_strdup_printf (_("%s left of %s"), left, bought);
    }
  else
    {
      credits = g_strdup (_("Only a management key may see the account’s credits"));
    }

  if (isnan (account->limit))
    {
      limit = g_strdup (_("No limit on this key"));
    }
  else
    {
      g_autofree char *cap = format_money (account->limit);
      g_autofree char *left = format_money (account->limit_remaining);

      if (account->limit_reset != NULL)
        /* Translators: e.g. "$74.25 left of $100.00, reset monthly" */
        limit = g_strdup_printf (_("%s left of %s, reset %s"), left, cap, account->limit_reset);
      else
        limit = g_strdup_printf (_("%s left of %s"), left, cap);
    }

  {
    g_autofree char *today = format_money (account->usage_daily);
    g_autofree char *week = format_money (account->usage_weekly);
    g_autofree char *month = format_money (account->usage_monthly);
    g_autofree char *total = format_money (account->usage);

    usage = g_strdup_printf (_("%s today · %s this week · %s this month · %s in all"),
                             today, week, month, total);
  }

  adw_action_row_set_subtitle (self->credits_row, credits);
  adw_action_row_set_subtitle (self->limit_row, limit);
  adw_action_row_set_subtitle (self->usage_row, usage);
}

static void
set_account_busy (PrismPreferencesWindow *self,
                  gboolean                busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->account_spinner), busy);
  gtk_spinner_set_spinning (self->account_spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->account_refresh_button), !busy);
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PrismPreferencesWindow) self = user_data;
  g_autoptr(PrismOpenrouterAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = prism_openrouter_account_fetch_finish (PRISM_CLIENT (object), result, &error);
  if (self->client == NULL ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, PRISM_ERROR, PRISM_ERROR_CANCELLED))
    return;

  set_account_busy (self, FALSE);

  /* Without an account to show, only the reason is. */
  gtk_widget_set_visible (GTK_WIDGET (self->limit_row), account != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->usage_row), account != NULL);

  if (account == NULL)
    {
      if (g_error_matches (error, PRISM_ERROR, PRISM_ERROR_CONFIG))
        adw_action_row_set_subtitle (self->credits_row,
                                     _("Add an OpenRouter key to see the account’s credits"));
      else
        adw_action_row_set_subtitle (self->credits_row, error->message);
      return;
    }

  show_account (self, account);
}

static void
fetch_account (PrismPreferencesWindow *self)
{
  PrismProviderConfig *config = openrouter_config (self);

  if (config == NULL)
    return;

  self->account_fetched = TRUE;
  set_account_busy (self, TRUE);
  adw_action_row_set_subtitle (self->credits_row, _("Asking OpenRouter…"));
  prism_openrouter_account_fetch_async (self->client, config, self->cancellable,
                                        fetch_cb, g_object_ref (self));
}

static void
on_account_refresh_clicked (PrismPreferencesWindow *self)
{
  fetch_account (self);
}

static void
on_openrouter_key_activated (PrismPreferencesWindow *self)
{
  _prism_preferences_window_show_provider (self, OPENROUTER_ID);
}

static void
on_openrouter_key_state_changed (PrismPreferencesWindow *self)
{
  /* A key just stored or removed changes what the account shows. */
  if (self->account_fetched)
    fetch_account (self);
}

void
_prism_preferences_window_page_changed (PrismPreferencesWindow *self)
{
  AdwPreferencesPage *page;

  if (self->client == NULL || self->account_fetched)
    return;

  page = adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (self));
  if (page == self->openrouter_page)
    fetch_account (self);
}

void
_prism_preferences_window_class_init_openrouter (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, PrismPreferencesWindow, openrouter_page);
  gtk_widget_class_bind_template_child (widget_class, PrismPreferencesWindow, openrouter_key_row);
  gtk_widget_class_bind_template_child (widget_class, PrismPreferencesWindow, credits_row);
  gtk_widget_class_bind_template_child (widget_class, PrismPreferencesWindow, limit_row);
  gtk_widget_class_bind_template_child (widget_class, PrismPreferencesWindow, usage_row);
  gtk_widget_class_bind_template_child (widget_class, PrismPreferencesWindow, account_spinner);
  gtk_widget_class_bind_template_child (widget_class, PrismPreferencesWindow, account_refresh_button);
  gtk_widget_class_bind_template_child (widget_class, PrismPreferencesWindow, sort_row);
  gtk_widget_class_bind_template_child (widget_class, PrismPreferencesWindow, fallbacks_switch);
  gtk_widget_class_bind_template_child (widget_class, PrismPreferencesWindow, data_collection_row);
  gtk_widget_class_bind_template_callback (widget_class, on_routing_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_account_refresh_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_openrouter_key_activated);
}

void
_prism_preferences_window_init_openrouter (PrismPreferencesWindow *self)
{
  PrismProviderPage *page = _prism_preferences_window_get_provider_page (self, OPENROUTER_ID);

  load_routing (self);

  if (page != NULL)
    {
      g_object_bind_property (page, "summary", self->openrouter_key_row, "subtitle", G_BINDING_SYNC_CREATE);
      g_signal_connect_object (page, "notify::key-state",
                               G_CALLBACK (on_openrouter_key_state_changed), self,
                               G_CONNECT_SWAPPED);
    }

  adw_action_row_set_subtitle (self->credits_row, "—");
  adw_action_row_set_subtitle (self->limit_row, "—");
  adw_action_row_set_subtitle (self->usage_row, "—");
}
