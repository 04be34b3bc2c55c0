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

/**
 * prism_usage_to_json:
 * @usage: token counts
 * @builder: a builder where a value is expected
 *
 * Adds @usage in the JSON shape of the design notes (`input_tokens`,
 * `cached_input_tokens`, `cache_write_tokens`, `output_tokens`,
 * `reasoning_tokens`), or null when the provider reported none.
 */
void
prism_usage_to_json (const PrismUsage *usage,
                     JsonBuilder      *builder)
{
  g_return_if_fail (usage != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  if (!usage->known)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "input_tokens");
  json_builder_add_int_value (builder, usage->input_tokens);
  json_builder_set_member_name (builder, "cached_input_tokens");
  json_builder_add_int_value (builder, usage->cached_input_tokens);
  json_builder_set_member_name (builder, "cache_write_tokens");
  json_builder_add_int_value (builder, usage->cache_write_tokens);
  json_builder_set_member_name (builder, "output_tokens");
  json_builder_add_int_value (builder, usage->output_tokens);
  json_builder_set_member_name (builder, "reasoning_tokens");
  json_builder_add_int_value (builder, usage->reasoning_tokens);
  json_builder_end_object (builder);
}
