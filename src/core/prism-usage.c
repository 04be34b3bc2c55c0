/* prism-usage.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-usage"

#include "config.h"

#include "prism-usage.h"

G_DEFINE_BOXED_TYPE (PrismUsage, prism_usage, prism_usage_copy, prism_usage_free)

PrismUsage *
prism_usage_copy (const PrismUsage *usage)
{
  g_return_val_if_fail (usage != NULL, NULL);

  return g_memdup2 (usage, sizeof *usage);
}

void
prism_usage_free (PrismUsage *usage)
{
  g_free (usage);
}

/**
 * prism_usage_add:
 * @total: the running total
 * @usage: the usage of one more request
 *
 * Adds @usage to @total. The total counts as known once any request
 * in it reported usage.
 */
void
prism_usage_add (PrismUsage       *total,
                 const PrismUsage *usage)
{
  g_return_if_fail (total != NULL);
  g_return_if_fail (usage != NULL);

  total->input_tokens += usage->input_tokens;
  total->cached_input_tokens += usage->cached_input_tokens;
  total->cache_write_tokens += usage->cache_write_tokens;
  total->output_tokens += usage->output_tokens;
  total->reasoning_tokens += usage->reasoning_tokens;
  total->known |= usage->known;
}
