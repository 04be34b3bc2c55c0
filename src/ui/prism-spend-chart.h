/* prism-spend-chart.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "prism-spend-series.h"

G_BEGIN_DECLS

#define PRISM_TYPE_SPEND_CHART (prism_spend_chart_get_type ())

G_DECLARE_FINAL_TYPE (PrismSpendChart, prism_spend_chart, PRISM, SPEND_CHART, GtkWidget)

GtkWidget        *prism_spend_chart_new              (void);
PrismSpendSeries *prism_spend_chart_get_series       (PrismSpendChart  *self);
void              prism_spend_chart_set_series       (PrismSpendChart  *self,
                                                      PrismSpendSeries *series);
int               prism_spend_chart_get_filter       (PrismSpendChart  *self);
void              prism_spend_chart_set_filter       (PrismSpendChart  *self,
                                                      int               series);
void              prism_spend_chart_get_series_color (PrismSpendChart  *self,
                                                      guint             series,
                                                      GdkRGBA          *color);
gboolean          prism_spend_chart_hit              (PrismSpendChart  *self,
                                                      double            x,
                                                      double            y,
                                                      guint            *day,
                                                      int              *series);
char             *prism_spend_chart_describe_point   (PrismSpendChart  *self,
                                                      guint             day,
                                                      int               series);
GtkWidget        *prism_spend_chart_get_legend       (PrismSpendChart  *self);

G_END_DECLS
