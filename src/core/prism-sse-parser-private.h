/* prism-sse-parser-private.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prism-sse-parser.h"

G_BEGIN_DECLS

/* The largest event, in bytes, that prism_sse_parser_feed() accepts. */
#define PRISM_SSE_MAX_EVENT_SIZE ((gsize) 64 * 1024 * 1024)

guint64 prism_sse_parser_get_bytes_examined (PrismSseParser *self);

G_END_DECLS
