/* prism-protocol-anthropic.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prism-protocol.h"

G_BEGIN_DECLS

#define PRISM_TYPE_PROTOCOL_ANTHROPIC (prism_protocol_anthropic_get_type ())

G_DECLARE_FINAL_TYPE (PrismProtocolAnthropic, prism_protocol_anthropic, PRISM, PROTOCOL_ANTHROPIC, PrismProtocol)

/* The Messages API requires max_tokens; this is what Prism sends when
 * the request sets none. With extended thinking, the thinking budget
 * is added on top.
 */
#define PRISM_PROTOCOL_ANTHROPIC_DEFAULT_MAX_TOKENS 4096

/* The API version Prism speaks, as the official SDKs send it. */
#define PRISM_PROTOCOL_ANTHROPIC_VERSION "2023-06-01"

G_END_DECLS
