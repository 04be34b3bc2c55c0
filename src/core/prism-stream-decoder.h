/* prism-stream-decoder.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "prism-stream-event.h"

G_BEGIN_DECLS

#define PRISM_TYPE_STREAM_DECODER (prism_stream_decoder_get_type ())

G_DECLARE_DERIVABLE_TYPE (PrismStreamDecoder, prism_stream_decoder, PRISM, STREAM_DECODER, GObject)

/**
 * PrismStreamDecoderClass:
 * @feed_sse: decodes one server-sent event
 * @feed_line: decodes one NDJSON line
 * @decode_whole: decodes the body of a `stream: false` response
 *
 * Made by a #PrismProtocol (prism_protocol_create_decoder()), one per
 * response. Events are appended to the caller's array, which should
 * free its elements with prism_stream_event_free().
 */
struct _PrismStreamDecoderClass
{
  GObjectClass parent_class;

  gboolean (*feed_sse)     (PrismStreamDecoder  *self,
                            const char          *event_type,
                            const char          *data,
                            gsize                len,
                            GPtrArray           *events_out,
                            GError             **error);
  gboolean (*feed_line)    (PrismStreamDecoder  *self,
                            const char          *line,
                            gsize                len,
                            GPtrArray           *events_out,
                            GError             **error);
  gboolean (*decode_whole) (PrismStreamDecoder  *self,
                            GBytes              *body,
                            GPtrArray           *events_out,
                            GError             **error);

  /*< private >*/
  gpointer padding[8];
};

gboolean    prism_stream_decoder_feed_sse         (PrismStreamDecoder  *self,
                                                   const char          *event_type,
                                                   const char          *data,
                                                   gsize                len,
                                                   GPtrArray           *events_out,
                                                   GError             **error);
gboolean    prism_stream_decoder_feed_line        (PrismStreamDecoder  *self,
                                                   const char          *line,
                                                   gsize                len,
                                                   GPtrArray           *events_out,
                                                   GError             **error);
gboolean    prism_stream_decoder_finish           (PrismStreamDecoder  *self,
                                                   GPtrArray           *events_out,
                                                   GError             **error);
gboolean    prism_stream_decoder_decode_whole     (PrismStreamDecoder  *self,
                                                   GBytes              *body,
                                                   GPtrArray           *events_out,
                                                   GError             **error);
gboolean    prism_stream_decoder_is_done          (PrismStreamDecoder  *self);
const char *prism_stream_decoder_get_served_model (PrismStreamDecoder  *self);

G_END_DECLS
