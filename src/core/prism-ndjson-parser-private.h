/* prism-ndjson-parser-private.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prism-ndjson-parser.h"

G_BEGIN_DECLS

/* The longest line, in bytes, that prism_ndjson_parser_feed() accepts. */
#define PRISM_NDJSON_MAX_LINE_SIZE ((gsize) 64 * 1024 * 1024)

guint64 prism_ndjson_parser_get_bytes_examined (PrismNdjsonParser *self);

G_END_DECLS
