/* prism-spend-page-openrouter.c
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
#include "prism-spend-reconcile.h"

/* OpenRouter reconciliation: what the account says beside what Prism
 * recorded, worked out on a thread (the store reads attempts by time). */

typedef struct
{
  PrismOpenrouterAccount *account;
  PrismReconcileRow       rows[PRISM_RECONCILE_N_PERIODS];
} Reconcile;

static void
reconcile_free (Reconcile *data)
{
  prism_openrouter_account_free (data->account);
  g_free (data);
}

static void
reconcile_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  PrismSpendPage *self = source_object;
  Reconcile *data = task_data;
  GError *error = NULL;

  if (prism_spend_reconcile_openrouter (self->store, data->account, NULL, data->rows, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
add_openrouter_row (PrismSpendPage *self,
                    const char     *title,
                    const char     *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (self->openrouter_group, row);
  g_ptr_array_add (self->openrouter_rows, row);
}

static void
reconcile_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PrismSpendPage *self = PRISM_SPEND_PAGE (source);
  Reconcile *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  static const char * const titles[] = {
    [PRISM_RECONCILE_TODAY] = N_("Today"),
    [PRISM_RECONCILE_WEEK] = N_("This Week"),
    [PRISM_RECONCILE_MONTH] = N_("This Month"),
  };

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("The spend recorded for OpenRouter could not be read: %s", error->message);
      return;
    }

  for (guint i = 0; i < self->openrouter_rows->len; i++)
    adw_preferences_group_remove (self->openrouter_group, self->openrouter_rows->pdata[i]);
  g_ptr_array_set_size (self->openrouter_rows, 0);

  for (guint p = 0; p < PRISM_RECONCILE_N_PERIODS; p++)
    {
      const PrismReconcileRow *row = &data->rows[p];
      g_autofree char *theirs = prism_format_cost (row->openrouter_usd);
      g_autofree char *ours = prism_format_cost (row->recorded_usd);
      g_autofree char *difference = prism_format_cost (row->difference_usd);
      g_autofree char *subtitle = NULL;

      /* Translators: OpenRouter's figure, Prism's, and the first less the second */
      subtitle = g_strdup_printf (_("OpenRouter %s · Prism recorded %s · difference %s"),
                                  theirs, ours, difference);
      if (row->unknown_cost_requests > 0)
        {
          g_autofree char *more =
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s · %lld request of unknown cost",
                                          "%s · %lld requests of unknown cost",
                                          row->unknown_cost_requests),
                             subtitle, (long long)row->unknown_cost_requests);

          g_free (subtitle);
          subtitle = g_steal_pointer (&more);
        }
      add_openrouter_row (self, _(titles[p]), subtitle);
    }

  if (!isnan (data->account->limit))
    {
      g_autofree char *limit = prism_format_cost (data->account->limit);
      g_autofree char *left = prism_format_cost (data->account->limit_remaining);
      g_autofree char *subtitle = g_strdup_printf (_("%s left of %s"), left, limit);

      add_openrouter_row (self, _("Key Limit"), subtitle);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->openrouter_group), TRUE);
}

/**
 * prism_spend_page_set_openrouter_account:
 * @account: (nullable): what OpenRouter's key endpoint said
 *   (prism_openrouter_account_fetch_async()); %NULL hides the group
 *
 * Shows OpenRouter's usage for today, this week and this month beside
 * what Prism recorded for the provider over the same UTC periods.
 */
void
prism_spend_page_set_openrouter_account (PrismSpendPage               *self,
                                         const PrismOpenrouterAccount *account)
{
  g_autoptr(GTask) task = NULL;
  Reconcile *data;

  g_return_if_fail (PRISM_IS_SPEND_PAGE (self));

  g_cancellable_cancel (self->openrouter_cancellable);
  g_clear_object (&self->openrouter_cancellable);

  if (account == NULL || self->store == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->openrouter_group), FALSE);
      return;
    }

  self->openrouter_cancellable = g_cancellable_new ();
  data = g_new0 (Reconcile, 1);
  data->account = prism_openrouter_account_copy (account);
  task = g_task_new (self, self->openrouter_cancellable, reconcile_cb, NULL);
  g_task_set_source_tag (task, prism_spend_page_set_openrouter_account);
  g_task_set_task_data (task, data, (GDestroyNotify)reconcile_free);
  g_task_run_in_thread (task, reconcile_thread);
}

AdwPreferencesGroup *
_prism_spend_page_get_openrouter_group (PrismSpendPage *self)
{
  return self->openrouter_group;
}
