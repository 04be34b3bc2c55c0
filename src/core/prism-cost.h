/* prism-cost.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "prism-usage.h"

G_BEGIN_DECLS

/**
 * PrismCostSource:
 * @PRISM_COST_SOURCE_UNKNOWN: no price is known; never shown as zero
 * @PRISM_COST_SOURCE_BUNDLED: the price table shipped in data/
 * @PRISM_COST_SOURCE_CATALOG: a provider's live model list with prices
 * @PRISM_COST_SOURCE_CONFIG: prices the person wrote in providers.ini
 * @PRISM_COST_SOURCE_PROVIDER: the cost the provider reported itself
 *
 * Where a cost figure came from, in increasing order of trust.
 */
typedef enum
{
  PRISM_COST_SOURCE_UNKNOWN,
  PRISM_COST_SOURCE_BUNDLED,
  PRISM_COST_SOURCE_CATALOG,
  PRISM_COST_SOURCE_CONFIG,
  PRISM_COST_SOURCE_PROVIDER,
} PrismCostSource;

#define PRISM_TYPE_PRICES (prism_prices_get_type ())

/**
 * PrismPrices:
 * @input: USD per million prompt tokens
 * @output: USD per million generated tokens
 * @cached_input: USD per million tokens read from cache
 * @cache_write: USD per million tokens written to cache
 * @source: where these prices came from
 *
 * Prices of one model. A price that is not known is NAN; a cache price
 * that is not known falls back to @input when computing a cost.
 */
typedef struct
{
  double          input;
  double          output;
  double          cached_input;
  double          cache_write;
  PrismCostSource source;
} PrismPrices;

GType           prism_prices_get_type          (void) G_GNUC_CONST;
PrismPrices    *prism_prices_new_unknown       (void);
PrismPrices    *prism_prices_copy              (const PrismPrices *prices);
void            prism_prices_free              (PrismPrices       *prices);
void            prism_prices_init_unknown      (PrismPrices       *prices);
gboolean        prism_prices_is_known          (const PrismPrices *prices);
double          prism_cost_compute             (const PrismPrices *prices,
                                                const PrismUsage  *usage);
const char     *prism_cost_source_to_string    (PrismCostSource    source);
gboolean        prism_cost_source_from_string  (const char        *str,
                                                PrismCostSource   *source);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrismPrices, prism_prices_free)

G_END_DECLS
