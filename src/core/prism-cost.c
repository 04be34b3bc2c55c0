/* prism-cost.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-cost"

#include "config.h"

#include <math.h>

#include "prism-cost.h"

G_DEFINE_BOXED_TYPE (PrismPrices, prism_prices, prism_prices_copy, prism_prices_free)

static const char * const sources[] = {
  [PRISM_COST_SOURCE_UNKNOWN] = "unknown",
  [PRISM_COST_SOURCE_BUNDLED] = "bundled",
  [PRISM_COST_SOURCE_CATALOG] = "catalog",
  [PRISM_COST_SOURCE_CONFIG] = "config",
  [PRISM_COST_SOURCE_PROVIDER] = "provider",
};

void
prism_prices_init_unknown (PrismPrices *prices)
{
  g_return_if_fail (prices != NULL);

  prices->input = NAN;
  prices->output = NAN;
  prices->cached_input = NAN;
  prices->cache_write = NAN;
  prices->source = PRISM_COST_SOURCE_UNKNOWN;
}

PrismPrices *
prism_prices_new_unknown (void)
{
  PrismPrices *prices = g_new (PrismPrices, 1);

  prism_prices_init_unknown (prices);

  return prices;
}

PrismPrices *
prism_prices_copy (const PrismPrices *prices)
{
  g_return_val_if_fail (prices != NULL, NULL);

  return g_memdup2 (prices, sizeof *prices);
}

void
prism_prices_free (PrismPrices *prices)
{
  g_free (prices);
}

/**
 * prism_prices_is_known:
 *
 * Returns: %TRUE when both the input and the output price are known,
 *   which is what a cost needs.
 */
gboolean
prism_prices_is_known (const PrismPrices *prices)
{
  return prices != NULL && !isnan (prices->input) && !isnan (prices->output);
}

/**
 * prism_cost_compute:
 * @prices: the model's prices, in USD per million tokens
 * @usage: the request's token counts
 *
 * cost = (input − cached − cache_write) × input price + cached × cached
 * price + cache_write × write price + output × output price.
 *
 * Returns: the cost in USD, or NAN when @prices or @usage are not known.
 */
double
prism_cost_compute (const PrismPrices *prices,
                    const PrismUsage  *usage)
{
  double cached_price;
  double write_price;
  gint64 uncached;

  g_return_val_if_fail (usage != NULL, NAN);

  if (!prism_prices_is_known (prices) || !usage->known)
    return NAN;

  cached_price = isnan (prices->cached_input) ? prices->input : prices->cached_input;
  write_price = isnan (prices->cache_write) ? prices->input : prices->cache_write;
  uncached = MAX (0, usage->input_tokens - usage->cached_input_tokens - usage->cache_write_tokens);

  return (uncached * prices->input
          + usage->cached_input_tokens * cached_price
          + usage->cache_write_tokens * write_price
          + usage->output_tokens * prices->output) / 1e6;
}

const char *
prism_cost_source_to_string (PrismCostSource source)
{
  if ((guint)source < G_N_ELEMENTS (sources))
    return sources[source];

  return "unknown";
}

gboolean
prism_cost_source_from_string (const char      *str,
                               PrismCostSource *source)
{
  g_return_val_if_fail (source != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      if (g_strcmp0 (sources[i], str) == 0)
        {
          *source = i;
          return TRUE;
        }
    }

  return FALSE;
}
