/* prism-http-client.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Defaults of PrismHttpTimeouts, in milliseconds. Reasoning models may
 * think for minutes before their first token, hence the long first byte.
 */
#define PRISM_HTTP_DEFAULT_CONNECT_TIMEOUT_MS     10000
#define PRISM_HTTP_DEFAULT_FIRST_BYTE_TIMEOUT_MS 120000
#define PRISM_HTTP_DEFAULT_IDLE_TIMEOUT_MS        60000

/* The largest body kept of a response that is not 2xx (an error page
 * longer than this is cut), and of a prism_http_client_get_bytes_async()
 * response (a longer one fails).
 */
#define PRISM_HTTP_MAX_ERROR_BODY   (1024 * 1024)
#define PRISM_HTTP_MAX_GET_BODY     (64 * 1024 * 1024)

/**
 * PrismHttpTimeouts:
 * @connect_ms: to resolve the host and connect (TCP and TLS)
 * @first_byte_ms: from connected to the response headers and the first
 *   byte of the body
 * @idle_ms: the longest silence between two reads of the body
 *
 * Each phase of a request has its own limit; 0 waits forever. Use
 * prism_http_timeouts_init_default() rather than zero-filling one.
 */
typedef struct
{
  guint connect_ms;
  guint first_byte_ms;
  guint idle_ms;
} PrismHttpTimeouts;

void prism_http_timeouts_init_default (PrismHttpTimeouts *timeouts);

#define PRISM_TYPE_HTTP_RESPONSE (prism_http_response_get_type ())

/**
 * PrismHttpResponse:
 * @status: the HTTP status, 0 when no response arrived
 * @reason: (nullable): the status line's reason phrase
 * @content_type: (nullable): the media type, without parameters
 * @retry_after: (nullable): the raw `Retry-After` header, see
 *   prism_retry_after_parse()
 * @retry_after_ms: (nullable): the raw `retry-after-ms` header some
 *   OpenAI-compatible servers send
 * @body: (nullable): the body of a response that is not 2xx (at most
 *   %PRISM_HTTP_MAX_ERROR_BODY) and of prism_http_client_get_bytes_async();
 *   %NULL for a streamed 2xx body, which went to the chunk function
 * @body_truncated: whether @body was cut at %PRISM_HTTP_MAX_ERROR_BODY
 * @bytes_received: body bytes read, also of a streamed body
 * @ttfb_us: microseconds from sending to the first body byte, -1 when
 *   none arrived
 * @latency_us: microseconds from sending until the request ended, in
 *   success or failure
 *
 * What came back of one HTTP request. Times are monotonic.
 */
typedef struct
{
  guint    status;
  char    *reason;
  char    *content_type;
  char    *retry_after;
  char    *retry_after_ms;
  GBytes  *body;
  gboolean body_truncated;
  guint64  bytes_received;
  gint64   ttfb_us;
  gint64   latency_us;
} PrismHttpResponse;

GType              prism_http_response_get_type (void) G_GNUC_CONST;
PrismHttpResponse *prism_http_response_copy     (const PrismHttpResponse *response);
void               prism_http_response_free     (PrismHttpResponse       *response);
gboolean           prism_http_response_is_success (const PrismHttpResponse *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrismHttpResponse, prism_http_response_free)

/**
 * PrismHttpChunkFunc:
 * @data: bytes of the body, in order, as they were read
 * @len: the number of bytes at @data, never 0
 * @user_data: the chunk data given with the request
 * @error: where to put the reason to stop
 *
 * Called on the caller's thread-default main context for each read of a
 * 2xx body. Return %TRUE to read on. Return %FALSE with @error set to end
 * the request with that error, or %FALSE without an error when the body
 * is complete as far as the reader is concerned (e.g. after `[DONE]`):
 * the request then ends in success without waiting for the server to
 * close.
 *
 * Returns: whether to go on reading
 */
typedef gboolean (*PrismHttpChunkFunc) (const guint8  *data,
                                        gsize          len,
                                        gpointer       user_data,
                                        GError       **error);

#define PRISM_TYPE_HTTP_CLIENT (prism_http_client_get_type ())

G_DECLARE_FINAL_TYPE (PrismHttpClient, prism_http_client, PRISM, HTTP_CLIENT, GObject)

PrismHttpClient *prism_http_client_new            (void);
PrismHttpClient *prism_http_client_get_default    (void);
SoupSession     *prism_http_client_get_session    (PrismHttpClient          *self);
void             prism_http_client_stream_async   (PrismHttpClient          *self,
                                                   SoupMessage              *msg,
                                                   const PrismHttpTimeouts  *timeouts,
                                                   PrismHttpChunkFunc        on_chunk,
                                                   gpointer                  chunk_data,
                                                   GDestroyNotify            chunk_data_destroy,
                                                   GCancellable             *cancellable,
                                                   GAsyncReadyCallback       callback,
                                                   gpointer                  user_data);
gboolean         prism_http_client_stream_finish  (PrismHttpClient          *self,
                                                   GAsyncResult             *result,
                                                   PrismHttpResponse       **response,
                                                   GError                  **error);
void             prism_http_client_get_bytes_async  (PrismHttpClient         *self,
                                                     SoupMessage             *msg,
                                                     const PrismHttpTimeouts *timeouts,
                                                     GCancellable            *cancellable,
                                                     GAsyncReadyCallback      callback,
                                                     gpointer                 user_data);
gboolean         prism_http_client_get_bytes_finish (PrismHttpClient         *self,
                                                     GAsyncResult            *result,
                                                     PrismHttpResponse      **response,
                                                     GError                 **error);

gboolean         prism_http_uri_is_local          (GUri                     *uri);
gboolean         prism_http_uri_check_secure      (GUri                     *uri,
                                                   GError                  **error);
char            *prism_redact                     (const char               *text,
                                                   const char               *secret);

G_END_DECLS
