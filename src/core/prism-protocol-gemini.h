/* prism-protocol-gemini.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prism-protocol.h"

G_BEGIN_DECLS

#define PRISM_TYPE_PROTOCOL_GEMINI (prism_protocol_gemini_get_type ())

G_DECLARE_FINAL_TYPE (PrismProtocolGemini, prism_protocol_gemini, PRISM, PROTOCOL_GEMINI, PrismProtocol)

G_END_DECLS
