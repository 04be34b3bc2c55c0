/* prism-comparison-pane-view.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "prism-comparison-pane.h"

G_BEGIN_DECLS

#define PRISM_TYPE_COMPARISON_PANE_VIEW (prism_comparison_pane_view_get_type ())

G_DECLARE_FINAL_TYPE (PrismComparisonPaneView, prism_comparison_pane_view, PRISM, COMPARISON_PANE_VIEW, GtkWidget)

GtkWidget           *prism_comparison_pane_view_new      (PrismComparisonPane     *pane);
PrismComparisonPane *prism_comparison_pane_view_get_pane (PrismComparisonPaneView *self);
GtkAdjustment       *prism_comparison_pane_view_get_vadjustment (PrismComparisonPaneView *self);

G_END_DECLS
