/* prism-comparison-pane-private.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prism-comparison-pane.h"
#include "prism-recorder.h"

G_BEGIN_DECLS

PrismComparisonPane *_prism_comparison_pane_new                (guint                index,
                                                                const char          *model);
PrismComparisonPane *_prism_comparison_pane_new_stored         (guint                index,
                                                                PrismMessage        *message);
void                 _prism_comparison_pane_start              (PrismComparisonPane *self,
                                                                PrismCompletion     *completion,
                                                                PrismRecorder       *recorder);
void                 _prism_comparison_pane_set_request        (PrismComparisonPane *self,
                                                                PrismChatRequest    *request);
PrismChatRequest    *_prism_comparison_pane_get_request        (PrismComparisonPane *self);
PrismRecorder       *_prism_comparison_pane_get_recorder       (PrismComparisonPane *self);
GCancellable        *_prism_comparison_pane_get_cancellable    (PrismComparisonPane *self);
void                 _prism_comparison_pane_set_finished       (PrismComparisonPane *self);
void                 _prism_comparison_pane_set_estimated_cost (PrismComparisonPane *self,
                                                                double               cost);
void                 _prism_comparison_pane_set_winner         (PrismComparisonPane *self,
                                                                gboolean             winner);

G_END_DECLS
