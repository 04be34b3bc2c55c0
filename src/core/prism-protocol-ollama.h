/* prism-protocol-ollama.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prism-protocol.h"

G_BEGIN_DECLS

#define PRISM_TYPE_PROTOCOL_OLLAMA (prism_protocol_ollama_get_type ())

G_DECLARE_FINAL_TYPE (PrismProtocolOllama, prism_protocol_ollama, PRISM, PROTOCOL_OLLAMA, PrismProtocol)

G_END_DECLS
