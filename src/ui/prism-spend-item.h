/* prism-spend-item.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prism-store-activity.h"

G_BEGIN_DECLS

#define PRISM_TYPE_SPEND_ITEM (prism_spend_item_get_type ())

G_DECLARE_FINAL_TYPE (PrismSpendItem, prism_spend_item, PRISM, SPEND_ITEM, GObject)

/* One row of a list view: a model's figures or an attempt, as a GObject
 * for GListStore. Exactly one of the two is set. */
PrismSpendItem        *prism_spend_item_new_stats   (const PrismModelStats *stats);
PrismSpendItem        *prism_spend_item_new_attempt (PrismAttempt          *attempt);
const PrismModelStats *prism_spend_item_get_stats   (PrismSpendItem        *self);
PrismAttempt          *prism_spend_item_get_attempt (PrismSpendItem        *self);

G_END_DECLS
