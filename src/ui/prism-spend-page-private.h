/* prism-spend-page-private.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prism-spend-page.h"
#include "prism-store-activity.h"

G_BEGIN_DECLS

/* For the tests, which read what a person sees */
GtkLabel      *_prism_spend_page_get_total_label    (PrismSpendPage *self);
GtkLabel      *_prism_spend_page_get_requests_label (PrismSpendPage *self);
GtkLabel      *_prism_spend_page_get_unknown_label  (PrismSpendPage *self);
GtkLabel      *_prism_spend_page_get_estimate_label (PrismSpendPage *self);
GtkColumnView *_prism_spend_page_get_table          (PrismSpendPage *self);
AdwPreferencesGroup *_prism_spend_page_get_budgets_group (PrismSpendPage *self);
char          *_prism_spend_page_format_cell        (const PrismModelStats *stats,
                                                     const char            *column);

G_END_DECLS
