/* prism-budget-monitor.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prism-store.h"

G_BEGIN_DECLS

typedef enum
{
  PRISM_BUDGET_LEVEL_OK,
  PRISM_BUDGET_LEVEL_WARNING,   /* 80% of the limit or more */
  PRISM_BUDGET_LEVEL_REACHED,   /* the limit or more */
} PrismBudgetLevel;

typedef enum
{
  PRISM_BUDGET_VERDICT_GO,
  PRISM_BUDGET_VERDICT_WARN,    /* a budget with action "warn" is reached */
  PRISM_BUDGET_VERDICT_BLOCK,   /* a budget with action "block" is reached */
} PrismBudgetVerdict;

/**
 * PrismBudgetState:
 * A budget and where its current period stands. @period is the local day
 * (YYYY-MM-DD) or month (YYYY-MM) the spend was counted over; requests
 * of unknown cost are counted apart and not in @spent_usd.
 */
typedef struct
{
  PrismBudget      *budget;
  char             *period;
  double            spent_usd;
  gint64            unknown_cost_requests;
  double            fraction;
  PrismBudgetLevel  level;
  gboolean          overridden;
} PrismBudgetState;

#define PRISM_TYPE_BUDGET_STATE (prism_budget_state_get_type ())

GType             prism_budget_state_get_type (void) G_GNUC_CONST;
PrismBudgetState *prism_budget_state_copy     (const PrismBudgetState *state);
void              prism_budget_state_free     (PrismBudgetState       *state);
char             *prism_budget_state_dup_override_token (const PrismBudgetState *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrismBudgetState, prism_budget_state_free)

PrismBudgetLevel  prism_budget_level_for      (double                  spent_usd,
                                               double                  limit_usd);

#define PRISM_TYPE_BUDGET_MONITOR (prism_budget_monitor_get_type ())

G_DECLARE_FINAL_TYPE (PrismBudgetMonitor, prism_budget_monitor, PRISM, BUDGET_MONITOR, GObject)

PrismBudgetMonitor *prism_budget_monitor_new          (PrismStore          *store);
PrismStore         *prism_budget_monitor_get_store    (PrismBudgetMonitor  *self);
void                prism_budget_monitor_set_now      (PrismBudgetMonitor  *self,
                                                       GDateTime           *now);
gboolean            prism_budget_monitor_refresh      (PrismBudgetMonitor  *self,
                                                       GError             **error);
void                prism_budget_monitor_refresh_async  (PrismBudgetMonitor  *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            prism_budget_monitor_refresh_finish (PrismBudgetMonitor  *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
GPtrArray          *prism_budget_monitor_get_states   (PrismBudgetMonitor  *self);
PrismBudgetVerdict  prism_budget_monitor_check        (PrismBudgetMonitor  *self,
                                                       const char          *model,
                                                       const char          *provider,
                                                       const char          *project,
                                                       const PrismBudgetState **reached);
char               *prism_budget_monitor_override     (PrismBudgetMonitor  *self,
                                                       gint64               budget_id,
                                                       GError             **error);
gboolean            prism_budget_monitor_accept_override (PrismBudgetMonitor  *self,
                                                          const char          *token,
                                                          GError             **error);

G_END_DECLS
