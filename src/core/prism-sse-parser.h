/* prism-sse-parser.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PrismSseParser PrismSseParser;

/**
 * PrismSseEventFunc:
 * @event_type: the `event:` field up to any U+0000 in it, or "message"
 *   when that is empty or there was none
 * @data: the `data:` lines joined by "\n", NUL-terminated, valid UTF-8
 * @data_len: the length of @data in bytes (it may hold U+0000)
 * @last_event_id: the last `id:` seen on the stream, or %NULL when none
 * @user_data: the data given to prism_sse_parser_new()
 *
 * Called once for each complete event. The strings belong to the parser
 * and are only valid during the call; the callback must not free the
 * parser.
 */
typedef void (*PrismSseEventFunc) (const char *event_type,
                                   const char *data,
                                   gsize       data_len,
                                   const char *last_event_id,
                                   gpointer    user_data);

PrismSseParser *prism_sse_parser_new       (PrismSseEventFunc  func,
                                            gpointer           user_data);
void            prism_sse_parser_free      (PrismSseParser    *self);
gboolean        prism_sse_parser_feed      (PrismSseParser    *self,
                                            const char        *bytes,
                                            gsize              len,
                                            GError           **error);
gboolean        prism_sse_parser_finish    (PrismSseParser    *self,
                                            GError           **error);
gint64          prism_sse_parser_get_retry (PrismSseParser    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrismSseParser, prism_sse_parser_free)

G_END_DECLS
