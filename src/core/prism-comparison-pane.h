/* prism-comparison-pane.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prism-completion.h"
#include "prism-store.h"

G_BEGIN_DECLS

#define PRISM_TYPE_COMPARISON_PANE (prism_comparison_pane_get_type ())

G_DECLARE_FINAL_TYPE (PrismComparisonPane, prism_comparison_pane, PRISM, COMPARISON_PANE, GObject)

guint                 prism_comparison_pane_get_index          (PrismComparisonPane *self);
const char           *prism_comparison_pane_get_model          (PrismComparisonPane *self);
const char           *prism_comparison_pane_get_provider       (PrismComparisonPane *self);
PrismCompletion      *prism_comparison_pane_get_completion     (PrismComparisonPane *self);
PrismCompletionStatus prism_comparison_pane_get_status         (PrismComparisonPane *self);
gboolean              prism_comparison_pane_get_running        (PrismComparisonPane *self);
const char           *prism_comparison_pane_get_message_id     (PrismComparisonPane *self);
double                prism_comparison_pane_get_estimated_cost (PrismComparisonPane *self);
gboolean              prism_comparison_pane_get_winner         (PrismComparisonPane *self);
gboolean              prism_comparison_pane_get_fusion         (PrismComparisonPane *self);
void                  prism_comparison_pane_stop               (PrismComparisonPane *self);

const char           *prism_comparison_pane_get_content        (PrismComparisonPane *self);
const char           *prism_comparison_pane_get_reasoning      (PrismComparisonPane *self);
const PrismUsage     *prism_comparison_pane_get_usage          (PrismComparisonPane *self);
double                prism_comparison_pane_get_cost           (PrismComparisonPane *self,
                                                                PrismCostSource     *source);
double                prism_comparison_pane_get_ttft_ms        (PrismComparisonPane *self);
double                prism_comparison_pane_get_latency_ms     (PrismComparisonPane *self);
double                prism_comparison_pane_get_tokens_per_second (PrismComparisonPane *self);
const char           *prism_comparison_pane_get_finish_reason  (PrismComparisonPane *self);
const char           *prism_comparison_pane_get_error_message  (PrismComparisonPane *self);
GDateTime            *prism_comparison_pane_get_started_at     (PrismComparisonPane *self);

G_END_DECLS
