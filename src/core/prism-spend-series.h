/* prism-spend-series.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prism-store.h"

G_BEGIN_DECLS

#define PRISM_TYPE_SPEND_SERIES (prism_spend_series_get_type ())

G_DECLARE_FINAL_TYPE (PrismSpendSeries, prism_spend_series, PRISM, SPEND_SERIES, GObject)

/* What the spend chart draws: cost per day and per series (a model,
 * provider or project) over every day of a range, empty days included.
 * Series are ordered by their total, biggest first; past @max_series the
 * smallest are folded into one series, "Other". */
PrismSpendSeries *prism_spend_series_new           (GPtrArray        *per_day_rows,
                                                    const char       *since,
                                                    const char       *until,
                                                    guint             max_series,
                                                    GError          **error);
guint         prism_spend_series_get_n_days        (PrismSpendSeries *self);
const char   *prism_spend_series_get_day           (PrismSpendSeries *self,
                                                    guint             day);
guint         prism_spend_series_get_n_series      (PrismSpendSeries *self);
const char   *prism_spend_series_get_key           (PrismSpendSeries *self,
                                                    guint             series);
gboolean      prism_spend_series_is_other          (PrismSpendSeries *self,
                                                    guint             series);
int           prism_spend_series_find              (PrismSpendSeries *self,
                                                    const char       *key);
double        prism_spend_series_get_cost          (PrismSpendSeries *self,
                                                    guint             series,
                                                    guint             day);
gint64        prism_spend_series_get_requests      (PrismSpendSeries *self,
                                                    guint             series,
                                                    guint             day);
gint64        prism_spend_series_get_unknown       (PrismSpendSeries *self,
                                                    guint             series,
                                                    guint             day);
double        prism_spend_series_get_series_total  (PrismSpendSeries *self,
                                                    guint             series);
double        prism_spend_series_get_day_total     (PrismSpendSeries *self,
                                                    guint             day);
double        prism_spend_series_get_total         (PrismSpendSeries *self);
gint64        prism_spend_series_get_total_requests (PrismSpendSeries *self);
gint64        prism_spend_series_get_total_unknown (PrismSpendSeries *self);
double        prism_spend_series_get_max_day_total (PrismSpendSeries *self,
                                                    int               only_series);
char         *prism_spend_series_describe          (PrismSpendSeries *self);

G_END_DECLS
