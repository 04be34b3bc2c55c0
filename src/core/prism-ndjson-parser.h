/* prism-ndjson-parser.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PrismNdjsonParser PrismNdjsonParser;

/**
 * PrismNdjsonLineFunc:
 * @line: one line without its line end (LF or CRLF), NUL-terminated
 * @len: the length of @line in bytes, never 0
 * @user_data: the data given to prism_ndjson_parser_new()
 *
 * Called once for each non-empty line. @line belongs to the parser and is
 * only valid during the call; the callback must not free the parser.
 */
typedef void (*PrismNdjsonLineFunc) (const char *line,
                                     gsize       len,
                                     gpointer    user_data);

PrismNdjsonParser *prism_ndjson_parser_new    (PrismNdjsonLineFunc  func,
                                               gpointer             user_data);
void               prism_ndjson_parser_free   (PrismNdjsonParser   *self);
gboolean           prism_ndjson_parser_feed   (PrismNdjsonParser   *self,
                                               const char          *bytes,
                                               gsize                len,
                                               GError             **error);
gboolean           prism_ndjson_parser_finish (PrismNdjsonParser   *self,
                                               GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrismNdjsonParser, prism_ndjson_parser_free)

G_END_DECLS
