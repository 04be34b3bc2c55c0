/* prism-spend-reconcile.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prism-openrouter-account.h"
#include "prism-store.h"

G_BEGIN_DECLS

typedef enum
{
  PRISM_RECONCILE_TODAY,
  PRISM_RECONCILE_WEEK,
  PRISM_RECONCILE_MONTH,
  PRISM_RECONCILE_N_PERIODS,
} PrismReconcilePeriod;

/**
 * PrismReconcileRow:
 * What OpenRouter says a key spent in a period beside what Prism recorded
 * for the provider over the same period. OpenRouter counts its periods in
 * UTC (days, weeks from Monday, months), so Prism's figures are summed
 * over the same UTC spans, not over local days. @difference_usd is
 * OpenRouter's figure less Prism's; requests of unknown cost are counted
 * in @unknown_cost_requests.
 */
typedef struct
{
  PrismReconcilePeriod period;
  gint64               since_us;
  double               openrouter_usd;
  double               recorded_usd;
  double               difference_usd;
  gint64               requests;
  gint64               unknown_cost_requests;
} PrismReconcileRow;

gboolean prism_spend_reconcile_openrouter (PrismStore                   *store,
                                           const PrismOpenrouterAccount *account,
                                           GDateTime                    *now,
                                           PrismReconcileRow             rows[PRISM_RECONCILE_N_PERIODS],
                                           GError                      **error);

G_END_DECLS
