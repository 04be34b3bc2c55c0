/* prism-pricing.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "prism-cost.h"
#include "prism-usage.h"

G_BEGIN_DECLS

#define PRISM_TYPE_PRICING (prism_pricing_get_type ())

G_DECLARE_FINAL_TYPE (PrismPricing, prism_pricing, PRISM, PRICING, GObject)

PrismPricing *prism_pricing_new              (GError            **error);
PrismPricing *prism_pricing_new_from_data    (const char         *data,
                                              gssize              len,
                                              GError            **error);
PrismPricing *prism_pricing_get_default      (void);
const char   *prism_pricing_get_taken        (PrismPricing       *self);
guint         prism_pricing_get_n_entries    (PrismPricing       *self);
char        **prism_pricing_dup_ids          (PrismPricing       *self);
gboolean      prism_pricing_lookup           (PrismPricing       *self,
                                              const char         *provider_id,
                                              const char         *model_id,
                                              PrismPrices        *out);
const char   *prism_pricing_get_source_url   (PrismPricing       *self,
                                              const char         *provider_id,
                                              const char         *model_id);
double        prism_pricing_resolve          (PrismPricing       *self,
                                              const char         *provider_id,
                                              const char         *model_id,
                                              const PrismUsage   *usage,
                                              double              provider_cost,
                                              const PrismPrices  *config_prices,
                                              const PrismPrices  *catalog_prices,
                                              PrismCostSource    *source);

G_END_DECLS
