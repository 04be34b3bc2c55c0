/* prism-comparison-view.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "prism-comparison-run.h"

G_BEGIN_DECLS

#define PRISM_TYPE_COMPARISON_VIEW (prism_comparison_view_get_type ())

G_DECLARE_FINAL_TYPE (PrismComparisonView, prism_comparison_view, PRISM, COMPARISON_VIEW, GtkWidget)

GtkWidget          *prism_comparison_view_new       (void);
PrismComparisonRun *prism_comparison_view_get_run   (PrismComparisonView *self);
void                prism_comparison_view_set_run   (PrismComparisonView *self,
                                                     PrismComparisonRun  *run);
gboolean            prism_comparison_view_get_blind (PrismComparisonView *self);
gboolean            prism_comparison_view_get_scroll_together (PrismComparisonView *self);
void                prism_comparison_view_set_scroll_together (PrismComparisonView *self,
                                                               gboolean             scroll_together);

G_END_DECLS
