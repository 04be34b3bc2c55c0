/* prism-protocol-openrouter.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prism-protocol-openai.h"

G_BEGIN_DECLS

#define PRISM_TYPE_PROTOCOL_OPENROUTER (prism_protocol_openrouter_get_type ())

G_DECLARE_FINAL_TYPE (PrismProtocolOpenrouter, prism_protocol_openrouter, PRISM, PROTOCOL_OPENROUTER, PrismProtocolOpenai)

/* The attribution OpenRouter shows for Prism's requests. */
#define PRISM_PROTOCOL_OPENROUTER_REFERER PACKAGE_WEBSITE
#define PRISM_PROTOCOL_OPENROUTER_TITLE   "Prism"

G_END_DECLS
