/* prism-protocol-openai.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "prism-protocol.h"

G_BEGIN_DECLS

#define PRISM_TYPE_PROTOCOL_OPENAI (prism_protocol_openai_get_type ())

G_DECLARE_DERIVABLE_TYPE (PrismProtocolOpenai, prism_protocol_openai, PRISM, PROTOCOL_OPENAI, PrismProtocol)

/**
 * PrismProtocolOpenaiClass:
 * @add_request_fields: adds the fields that differ between OpenAI and
 *   the gateways built on its format (token limit, reasoning, usage
 *   accounting, routing) to the request body being built
 * @add_request_headers: adds headers beyond authorization
 *
 * OpenAI's Chat Completions, which most providers speak: the decoder
 * copes with their variations (Groq's `x_groq`, DeepSeek's cache
 * counts, xAI's completion tokens without reasoning, Perplexity's
 * repeated usage, OpenRouter's cost and `reasoning` deltas).
 */
struct _PrismProtocolOpenaiClass
{
  PrismProtocolClass parent_class;

  void (*add_request_fields)  (PrismProtocolOpenai *self,
                               JsonBuilder         *builder,
                               const char          *base_url,
                               PrismChatRequest    *request);
  void (*add_request_headers) (PrismProtocolOpenai *self,
                               SoupMessageHeaders  *headers);

  /*< private >*/
  gpointer padding[4];
};

G_END_DECLS
