/* prism-spend-reconcile.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-spend-reconcile"

#include "config.h"

#include "prism-spend-reconcile.h"

#include "prism-store-activity.h"

static GDateTime *
period_start (GDateTime            *now_utc,
              PrismReconcilePeriod  period)
{
  g_autoptr(GDateTime) midnight =
    g_date_time_new_utc (g_date_time_get_year (now_utc), g_date_time_get_month (now_utc),
                         g_date_time_get_day_of_month (now_utc), 0, 0, 0);

  switch (period)
    {
    case PRISM_RECONCILE_WEEK:
      return g_date_time_add_days (midnight, 1 - g_date_time_get_day_of_week (midnight));

    case PRISM_RECONCILE_MONTH:
      return g_date_time_add_days (midnight, 1 - g_date_time_get_day_of_month (midnight));

    case PRISM_RECONCILE_TODAY:
    case PRISM_RECONCILE_N_PERIODS:
    default:
      return g_date_time_ref (midnight);
    }
}

/**
 * prism_spend_reconcile_openrouter:
 * @account: what OpenRouter's key endpoint said
 * @now: (nullable): the time to count periods back from; %NULL for now
 * @rows: (out caller-allocates): today, this week and this month
 *
 * Returns: whether the recorded spend could be read
 */
gboolean
prism_spend_reconcile_openrouter (PrismStore                   *store,
                                  const PrismOpenrouterAccount *account,
                                  GDateTime                    *now,
                                  PrismReconcileRow             rows[PRISM_RECONCILE_N_PERIODS],
                                  GError                      **error)
{
  g_autoptr(GDateTime) now_utc = NULL;
  const double usage[] = {
    [PRISM_RECONCILE_TODAY] = account ? account->usage_daily : 0,
    [PRISM_RECONCILE_WEEK] = account ? account->usage_weekly : 0,
    [PRISM_RECONCILE_MONTH] = account ? account->usage_monthly : 0,
  };

  g_return_val_if_fail (PRISM_IS_STORE (store), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);

  now_utc = now ? g_date_time_to_utc (now) : g_date_time_new_now_utc ();

  for (guint p = 0; p < PRISM_RECONCILE_N_PERIODS; p++)
    {
      g_autoptr(GDateTime) start = period_start (now_utc, p);
      g_autoptr(PrismSpendRow) recorded = NULL;
      gint64 since = g_date_time_to_unix (start) * G_USEC_PER_SEC;
      gint64 until = g_date_time_to_unix (now_utc) * G_USEC_PER_SEC + g_date_time_get_microsecond (now_utc);

      recorded = prism_store_get_provider_spend_between (store, "openrouter", since, until, error);
      if (recorded == NULL)
        return FALSE;

      rows[p] = (PrismReconcileRow) {
        .period = p,
        .since_us = since,
        .openrouter_usd = usage[p],
        .recorded_usd = recorded->cost_usd,
        .difference_usd = usage[p] - recorded->cost_usd,
        .requests = recorded->requests,
        .unknown_cost_requests = recorded->unknown_cost_requests,
      };
    }

  return TRUE;
}
