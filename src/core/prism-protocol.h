/* prism-protocol.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "prism-chat-request.h"
#include "prism-error.h"
#include "prism-model.h"
#include "prism-stream-decoder.h"

G_BEGIN_DECLS

/**
 * PrismStreamFraming:
 * @PRISM_STREAM_FRAMING_SSE: server-sent events (feed the decoder with
 *   prism_stream_decoder_feed_sse())
 * @PRISM_STREAM_FRAMING_NDJSON: one JSON object per line (feed it with
 *   prism_stream_decoder_feed_line())
 */
typedef enum
{
  PRISM_STREAM_FRAMING_SSE,
  PRISM_STREAM_FRAMING_NDJSON,
} PrismStreamFraming;

/* How a request goes through a protocol:
 *
 *   message = prism_protocol_build_chat_message (protocol, base_url, model, key, request, &error);
 *   … send it …
 *   if the status is not 2xx:
 *     error = prism_protocol_parse_error (protocol, status, content_type, body, retry_after, key);
 *   else if prism_chat_request_get_stream (request):
 *     decoder = prism_protocol_create_decoder (protocol);
 *     PRISM_STREAM_FRAMING_SSE: each event of a PrismSseParser → prism_stream_decoder_feed_sse ()
 *     PRISM_STREAM_FRAMING_NDJSON: each line of a PrismNdjsonParser → prism_stream_decoder_feed_line ()
 *     at the end of the body: prism_stream_decoder_finish ()
 *   else:
 *     prism_stream_decoder_decode_whole (decoder, body, …)
 *
 * The events end with one FINISH (after one USAGE when the provider
 * reported usage) or one ERROR; a GError from feed or finish means the
 * stream itself was broken (malformed, cut short).
 */

#define PRISM_TYPE_PROTOCOL (prism_protocol_get_type ())

G_DECLARE_DERIVABLE_TYPE (PrismProtocol, prism_protocol, PRISM, PROTOCOL, GObject)

/**
 * PrismProtocolClass:
 * @kind: the protocol's name in providers.ini (`openai`, …)
 * @framing: how the protocol frames a stream
 * @build_chat_message: makes the HTTP request of a chat completion
 * @build_models_message: makes the HTTP request that lists models
 * @parse_models: reads the answer of @build_models_message
 * @create_decoder: makes a decoder for one response
 * @classify_status: the error kind of an HTTP status, before the
 *   body's own error type refines it
 *
 * One wire format. A protocol object has no state of its own: one
 * instance serves every provider and request of its kind.
 */
struct _PrismProtocolClass
{
  GObjectClass parent_class;

  const char         *kind;
  PrismStreamFraming  framing;

  SoupMessage        *(*build_chat_message)   (PrismProtocol     *self,
                                               const char        *base_url,
                                               const char        *model_id,
                                               const char        *api_key,
                                               PrismChatRequest  *request,
                                               GError           **error);
  SoupMessage        *(*build_models_message) (PrismProtocol     *self,
                                               const char        *base_url,
                                               const char        *api_key,
                                               GError           **error);
  GPtrArray          *(*parse_models)         (PrismProtocol     *self,
                                               const char        *provider_id,
                                               GBytes            *body,
                                               GError           **error);
  PrismStreamDecoder *(*create_decoder)       (PrismProtocol     *self);
  PrismErrorCode      (*classify_status)      (PrismProtocol     *self,
                                               guint              status);

  /*< private >*/
  gpointer padding[8];
};

PrismProtocol      *prism_protocol_new_for_kind          (const char        *kind);
const char         *prism_protocol_get_kind              (PrismProtocol     *self);
PrismStreamFraming  prism_protocol_get_framing           (PrismProtocol     *self);
SoupMessage        *prism_protocol_build_chat_message    (PrismProtocol     *self,
                                                          const char        *base_url,
                                                          const char        *model_id,
                                                          const char        *api_key,
                                                          PrismChatRequest  *request,
                                                          GError           **error);
SoupMessage        *prism_protocol_build_models_message  (PrismProtocol     *self,
                                                          const char        *base_url,
                                                          const char        *api_key,
                                                          GError           **error);
GPtrArray          *prism_protocol_parse_models          (PrismProtocol     *self,
                                                          const char        *provider_id,
                                                          GBytes            *body,
                                                          GError           **error);
PrismStreamDecoder *prism_protocol_create_decoder        (PrismProtocol     *self);
GError             *prism_protocol_parse_error           (PrismProtocol     *self,
                                                          guint              status,
                                                          const char        *content_type,
                                                          GBytes            *body,
                                                          const char        *retry_after_header,
                                                          const char        *api_key);
gint64              prism_protocol_parse_retry_after     (const char        *value);
GBytes             *prism_protocol_get_request_body      (SoupMessage       *message);

G_END_DECLS
