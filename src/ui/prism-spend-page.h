/* prism-spend-page.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prism-budget-monitor.h"
#include "prism-openrouter-account.h"
#include "prism-spend-chart.h"
#include "prism-store.h"

G_BEGIN_DECLS

typedef enum
{
  PRISM_SPEND_RANGE_WEEK,
  PRISM_SPEND_RANGE_30_DAYS,
  PRISM_SPEND_RANGE_MONTH,
  PRISM_SPEND_RANGE_CUSTOM,
} PrismSpendRange;

#define PRISM_TYPE_SPEND_PAGE (prism_spend_page_get_type ())

G_DECLARE_FINAL_TYPE (PrismSpendPage, prism_spend_page, PRISM, SPEND_PAGE, AdwBin)

GtkWidget          *prism_spend_page_new              (PrismStore         *store,
                                                       PrismBudgetMonitor *monitor);
PrismStore         *prism_spend_page_get_store        (PrismSpendPage     *self);
PrismBudgetMonitor *prism_spend_page_get_monitor      (PrismSpendPage     *self);
void                prism_spend_page_set_range        (PrismSpendPage     *self,
                                                       PrismSpendRange     range);
void                prism_spend_page_set_custom_range (PrismSpendPage     *self,
                                                       const char         *since,
                                                       const char         *until);
void                prism_spend_page_get_days         (PrismSpendPage     *self,
                                                       const char        **since,
                                                       const char        **until);
void                prism_spend_page_set_group        (PrismSpendPage     *self,
                                                       PrismSpendGroup     by);
void                prism_spend_page_reload           (PrismSpendPage     *self);
gboolean            prism_spend_page_is_loading       (PrismSpendPage     *self);
PrismSpendChart    *prism_spend_page_get_chart        (PrismSpendPage     *self);
GListModel         *prism_spend_page_get_models       (PrismSpendPage     *self);
void                prism_spend_page_select_model     (PrismSpendPage     *self,
                                                       const char         *model);
char               *prism_spend_page_dup_csv          (PrismSpendPage     *self);
void                prism_spend_page_set_openrouter_account (PrismSpendPage               *self,
                                                             const PrismOpenrouterAccount *account);

G_END_DECLS
