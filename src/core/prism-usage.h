/* prism-usage.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PRISM_TYPE_USAGE (prism_usage_get_type ())

/**
 * PrismUsage:
 * @input_tokens: every prompt token, cached ones included
 * @cached_input_tokens: prompt tokens read from the provider's cache
 * @cache_write_tokens: prompt tokens written to the provider's cache
 * @output_tokens: every generated token, reasoning included
 * @reasoning_tokens: the part of @output_tokens spent on reasoning
 * @known: %FALSE when the provider reported no usage at all
 *
 * Token counts of one request, normalised across protocols as DESIGN.md
 * describes.
 */
typedef struct
{
  gint64   input_tokens;
  gint64   cached_input_tokens;
  gint64   cache_write_tokens;
  gint64   output_tokens;
  gint64   reasoning_tokens;
  gboolean known;
} PrismUsage;

GType       prism_usage_get_type (void) G_GNUC_CONST;
PrismUsage *prism_usage_copy     (const PrismUsage *usage);
void        prism_usage_free     (PrismUsage       *usage);
void        prism_usage_add      (PrismUsage       *total,
                                  const PrismUsage *usage);

void        prism_usage_to_json  (const PrismUsage *usage,
                                  JsonBuilder      *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrismUsage, prism_usage_free)

G_END_DECLS
