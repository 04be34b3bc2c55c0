/* prism-spend-indicator.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prism-budget-monitor.h"
#include "prism-store.h"

G_BEGIN_DECLS

#define PRISM_TYPE_SPEND_INDICATOR (prism_spend_indicator_get_type ())

G_DECLARE_FINAL_TYPE (PrismSpendIndicator, prism_spend_indicator, PRISM, SPEND_INDICATOR, AdwBin)

GtkWidget  *prism_spend_indicator_new       (PrismStore          *store,
                                             PrismBudgetMonitor  *monitor);
void        prism_spend_indicator_refresh   (PrismSpendIndicator *self);
gboolean    prism_spend_indicator_is_loading (PrismSpendIndicator *self);
const char *prism_spend_indicator_get_text  (PrismSpendIndicator *self);
GNotification *prism_spend_indicator_build_notification (const PrismBudgetState *state);

G_END_DECLS
