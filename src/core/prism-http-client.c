/* prism-http-client.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-http-client"

#include "config.h"

#include "prism-http-client-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "prism-error.h"

/* One read of the body. Streams arrive in pieces far smaller than this;
 * a long error page or a model list fills it.
 */
#define READ_SIZE (16 * 1024)

/* Reads of what is already buffered are joined into one hand-over, up
 * to this many reads (soup's chunked decoder returns one HTTP chunk per
 * read, often a single event).
 */
#define MAX_READS_IN_A_ROW 64

struct _PrismHttpClient
{
  GObject      parent_instance;

  SoupSession *session;
  gsize        max_get_body;
};

G_DEFINE_FINAL_TYPE (PrismHttpClient, prism_http_client, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (PrismHttpResponse, prism_http_response,
                     prism_http_response_copy, prism_http_response_free)

typedef enum
{
  PHASE_CONNECT,
  PHASE_FIRST_BYTE,
  PHASE_BODY,
  PHASE_DONE,
} Phase;

typedef enum
{
  BODY_STREAM,        /* a 2xx body, handed to the chunk function */
  BODY_KEEP_PREFIX,   /* an error body: keep the first bytes, cut the rest */
  BODY_KEEP_ALL,      /* a get_bytes body: keep it all or fail */
} BodyMode;

typedef struct
{
  SoupMessage        *msg;
  GInputStream       *stream;
  /* Ours: the caller's cancellable, a timeout and a stop all cancel it */
  GCancellable       *cancellable;
  GCancellable       *caller_cancellable;
  gulong              caller_cancelled_id;
  GSource            *timer;
  char               *where;
  GError             *timeout_error;
  PrismHttpResponse  *response;
  GByteArray         *kept;

  PrismHttpTimeouts   timeouts;
  Phase               phase;
  BodyMode            mode;
  gboolean            get_bytes;
  gboolean            at_eof;

  PrismHttpChunkFunc  on_chunk;
  gpointer            chunk_data;
  GDestroyNotify      chunk_data_destroy;

  gint64              started_at;
  gint64              last_read_at;
  gsize               max_body;

  guint8              buffer[READ_SIZE];
} Request;

static void read_next (GTask *task);

void
prism_http_timeouts_init_default (PrismHttpTimeouts *timeouts)
{
  g_return_if_fail (timeouts != NULL);

  timeouts->connect_ms = PRISM_HTTP_DEFAULT_CONNECT_TIMEOUT_MS;
  timeouts->first_byte_ms = PRISM_HTTP_DEFAULT_FIRST_BYTE_TIMEOUT_MS;
  timeouts->idle_ms = PRISM_HTTP_DEFAULT_IDLE_TIMEOUT_MS;
}

PrismHttpResponse *
prism_http_response_copy (const PrismHttpResponse *response)
{
  PrismHttpResponse *copy;

  g_return_val_if_fail (response != NULL, NULL);

  copy = g_memdup2 (response, sizeof *response);
  copy->reason = g_strdup (response->reason);
  copy->content_type = g_strdup (response->content_type);
  copy->retry_after = g_strdup (response->retry_after);
  copy->retry_after_ms = g_strdup (response->retry_after_ms);
  copy->body = response->body ? g_bytes_ref (response->body) : NULL;

  return copy;
}

void
prism_http_response_free (PrismHttpResponse *response)
{
  if (response == NULL)
    return;

  g_free (response->reason);
  g_free (response->content_type);
  g_free (response->retry_after);
  g_free (response->retry_after_ms);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response);
}

/**
 * prism_http_response_is_success:
 * @response: a #PrismHttpResponse
 *
 * Returns: whether the status is 2xx
 */
gboolean
prism_http_response_is_success (const PrismHttpResponse *response)
{
  g_return_val_if_fail (response != NULL, FALSE);

  return SOUP_STATUS_IS_SUCCESSFUL (response->status);
}

static void
request_free (gpointer data)
{
  Request *r = data;

  if (r->timer != NULL)
    {
      g_source_destroy (r->timer);
      g_clear_pointer (&r->timer, g_source_unref);
    }

  if (r->caller_cancelled_id != 0)
    g_cancellable_disconnect (r->caller_cancellable, r->caller_cancelled_id);

  if (r->chunk_data_destroy != NULL)
    r->chunk_data_destroy (r->chunk_data);

  if (r->msg != NULL)
    g_signal_handlers_disconnect_by_data (r->msg, r);

  g_clear_object (&r->stream);
  g_clear_object (&r->msg);
  g_clear_object (&r->cancellable);
  g_clear_object (&r->caller_cancellable);
  g_clear_pointer (&r->where, g_free);
  g_clear_error (&r->timeout_error);
  g_clear_pointer (&r->response, prism_http_response_free);
  g_clear_pointer (&r->kept, g_byte_array_unref);
  g_free (r);
}

/* "host:port" of @msg, for messages: never the path or the query, where
 * some providers (Gemini) accept the key.
 */
static char *
describe_peer (SoupMessage *msg)
{
  GUri *uri = soup_message_get_uri (msg);
  const char *host = g_uri_get_host (uri);
  int port = g_uri_get_port (uri);

  if (port < 0)
    port = g_strcmp0 (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;

  if (host != NULL && strchr (host, ':') != NULL)
    return g_strdup_printf ("[%s]:%d", host, port);

  return g_strdup_printf ("%s:%d", host ? host : "", port);
}

static char *
format_duration (guint ms)
{
  if (ms % 1000 == 0)
    return g_strdup_printf ("%u s", ms / 1000);

  return g_strdup_printf ("%.1f s", ms / 1000.0);
}

/* GIO says "Error connecting: Connection refused" or "Error resolving
 * “host”: Name or service not known"; the person wants the reason, and
 * Prism's message names the peer already.
 */
static const char *
error_reason (const GError *error)
{
  const char *colon = strrchr (error->message, ':');

  if ((error->domain == G_IO_ERROR || error->domain == G_RESOLVER_ERROR) &&
      colon != NULL && colon[1] == ' ' && colon[2] != '\0')
    return colon + 2;

  return error->message;
}

static GError *
translate_error (Request      *r,
                 const GError *error)
{
  if (r->timeout_error != NULL)
    return g_error_copy (r->timeout_error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_new_literal (PRISM_ERROR, PRISM_ERROR_CANCELLED,
                                _("The request was cancelled."));

  if (error->domain == G_TLS_ERROR)
    return g_error_new (PRISM_ERROR, PRISM_ERROR_NETWORK,
                        _("Could not make a secure connection to %s: %s. Prism never "
                          "accepts an invalid certificate; check the address, the system "
                          "clock and the system’s certificates."),
                        r->where, error->message);

  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (PRISM_ERROR, PRISM_ERROR_NETWORK,
                        _("Could not find %s: %s. Check the address and the network connection."),
                        r->where, error_reason (error));

  switch (r->phase)
    {
    case PHASE_CONNECT:
      return g_error_new (PRISM_ERROR, PRISM_ERROR_NETWORK,
                          _("Could not connect to %s: %s"),
                          r->where, error_reason (error));

    case PHASE_FIRST_BYTE:
      return g_error_new (PRISM_ERROR, PRISM_ERROR_NETWORK,
                          _("The connection to %s failed before a response arrived: %s"),
                          r->where, error_reason (error));

    case PHASE_BODY:
    case PHASE_DONE:
    default:
      return g_error_new (PRISM_ERROR, PRISM_ERROR_NETWORK,
                          _("The connection to %s broke off during the response: %s"),
                          r->where, error_reason (error));
    }
}

static void
complete (GTask  *task,
          GError *error)
{
  Request *r = g_task_get_task_data (task);

  r->phase = PHASE_DONE;
  r->response->latency_us = g_get_monotonic_time () - r->started_at;

  /* The caller may send @msg again from its callback. */
  g_signal_handlers_disconnect_by_data (r->msg, r);

  if (r->timer != NULL)
    {
      g_source_destroy (r->timer);
      g_clear_pointer (&r->timer, g_source_unref);
    }

  if (r->caller_cancelled_id != 0)
    {
      g_cancellable_disconnect (r->caller_cancellable, r->caller_cancelled_id);
      r->caller_cancelled_id = 0;
    }

  /* Closing a body that was not read to its end drops the connection
   * instead of reusing it.
   */
  if (r->stream != NULL && !r->at_eof)
    g_input_stream_close_async (r->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);

  if (r->kept != NULL)
    r->response->body = g_byte_array_free_to_bytes (g_steal_pointer (&r->kept));

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);

  g_object_unref (task);
}

static void
fail (GTask        *task,
      const GError *error)
{
  Request *r = g_task_get_task_data (task);

  complete (task, translate_error (r, error));
}

static void
arm_timer (Request *r,
           Phase    phase)
{
  guint limit = 0;

  r->phase = phase;

  switch (phase)
    {
    case PHASE_CONNECT:
      limit = r->timeouts.connect_ms;
      break;

    case PHASE_FIRST_BYTE:
      limit = r->timeouts.first_byte_ms;
      break;

    case PHASE_BODY:
      limit = r->timeouts.idle_ms;
      break;

    case PHASE_DONE:
    default:
      break;
    }

  if (limit == 0)
    g_source_set_ready_time (r->timer, -1);
  else
    g_source_set_ready_time (r->timer, g_get_monotonic_time () + (gint64)limit * 1000);
}

static gboolean
on_timer (gpointer user_data)
{
  GTask *task = user_data;
  Request *r = g_task_get_task_data (task);
  g_autofree char *duration = NULL;

  if (r->timeout_error != NULL || r->phase == PHASE_DONE)
    return G_SOURCE_CONTINUE;

  /* Reads only note their time; the timer moves its own deadline, which
   * costs nothing per chunk.
   */
  if (r->phase == PHASE_BODY)
    {
      gint64 deadline = r->last_read_at + (gint64)r->timeouts.idle_ms * 1000;

      if (g_get_monotonic_time () < deadline)
        {
          g_source_set_ready_time (r->timer, deadline);
          return G_SOURCE_CONTINUE;
        }
    }

  switch (r->phase)
    {
    case PHASE_CONNECT:
      duration = format_duration (r->timeouts.connect_ms);
      r->timeout_error = g_error_new (PRISM_ERROR, PRISM_ERROR_TIMEOUT,
                                      _("Could not connect to %s within %s. Check the "
                                        "address and the network connection."),
                                      r->where, duration);
      break;

    case PHASE_FIRST_BYTE:
      duration = format_duration (r->timeouts.first_byte_ms);
      if (r->response->status == SOUP_STATUS_NONE)
        r->timeout_error = g_error_new (PRISM_ERROR, PRISM_ERROR_TIMEOUT,
                                        _("%s sent no response within %s. The model may "
                                          "still be thinking: try again, or allow longer "
                                          "for the first byte."),
                                        r->where, duration);
      else
        r->timeout_error = g_error_new (PRISM_ERROR, PRISM_ERROR_TIMEOUT,
                                        _("%s answered but sent no content within %s. The "
                                          "model may still be thinking: try again, or allow "
                                          "longer for the first byte."),
                                        r->where, duration);
      break;

    case PHASE_BODY:
      duration = format_duration (r->timeouts.idle_ms);
      r->timeout_error = g_error_new (PRISM_ERROR, PRISM_ERROR_TIMEOUT,
                                      _("The response from %s stalled: nothing arrived "
                                        "for %s. Try again."),
                                      r->where, duration);
      break;

    case PHASE_DONE:
    default:
      g_assert_not_reached ();
    }

  g_debug ("%s", r->timeout_error->message);
  g_cancellable_cancel (r->cancellable);

  return G_SOURCE_CONTINUE;
}

static gboolean
timer_dispatch (GSource     *source,
                GSourceFunc  callback,
                gpointer     user_data)
{
  g_source_set_ready_time (source, -1);

  return callback (user_data);
}

static GSourceFuncs timer_funcs = {
  .dispatch = timer_dispatch,
};

static void
on_caller_cancelled (GCancellable *caller_cancellable,
                     gpointer      user_data)
{
  GCancellable *cancellable = user_data;

  g_cancellable_cancel (cancellable);
}

static void
on_network_event (SoupMessage        *msg,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  gpointer            user_data)
{
  Request *r = user_data;

  /* COMPLETE comes after the TLS handshake, so a server that accepts the
   * connection but never completes the handshake counts as not connected.
   */
  if (event == G_SOCKET_CLIENT_COMPLETE && r->phase == PHASE_CONNECT)
    arm_timer (r, PHASE_FIRST_BYTE);
}

static void
on_wrote_headers (SoupMessage *msg,
                  gpointer     user_data)
{
  Request *r = user_data;

  /* A connection reused from the pool emits no network events. */
  if (r->phase == PHASE_CONNECT)
    arm_timer (r, PHASE_FIRST_BYTE);
}

static void
fill_response_headers (Request *r)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (r->msg);
  PrismHttpResponse *response = r->response;

  response->status = soup_message_get_status (r->msg);
  g_free (response->reason);
  response->reason = g_strdup (soup_message_get_reason_phrase (r->msg));

  if (headers == NULL)
    return;

  g_free (response->content_type);
  response->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  g_free (response->retry_after);
  response->retry_after = g_strdup (soup_message_headers_get_one (headers, "Retry-After"));
  g_free (response->retry_after_ms);
  response->retry_after_ms = g_strdup (soup_message_headers_get_one (headers, "retry-after-ms"));
}

/* Hands one read to its reader. Returns FALSE when the request has
 * completed.
 */
static gboolean
deliver (GTask *task,
         gsize  len)
{
  Request *r = g_task_get_task_data (task);
  gint64 now = g_get_monotonic_time ();

  if (r->response->ttfb_us < 0)
    {
      r->response->ttfb_us = now - r->started_at;
      r->last_read_at = now;
      arm_timer (r, PHASE_BODY);
    }

  r->last_read_at = now;
  r->response->bytes_received += len;

  switch (r->mode)
    {
    case BODY_STREAM:
      {
        g_autoptr(GError) error = NULL;

        if (!r->on_chunk (r->buffer, len, r->chunk_data, &error))
          {
            complete (task, g_steal_pointer (&error));
            return FALSE;
          }
      }
      break;

    case BODY_KEEP_PREFIX:
      if (r->kept->len + len > PRISM_HTTP_MAX_ERROR_BODY)
        {
          g_byte_array_append (r->kept, r->buffer, PRISM_HTTP_MAX_ERROR_BODY - r->kept->len);
          r->response->body_truncated = TRUE;
          complete (task, NULL);
          return FALSE;
        }
      g_byte_array_append (r->kept, r->buffer, len);
      break;

    case BODY_KEEP_ALL:
      if (r->kept->len + len > r->max_body)
        {
          g_autofree char *limit = g_format_size_full (r->max_body, G_FORMAT_SIZE_IEC_UNITS);

          complete (task, g_error_new (PRISM_ERROR, PRISM_ERROR_PROTOCOL,
                                       _("The response from %s is larger than %s; Prism "
                                         "does not read it."),
                                       r->where, limit));
          return FALSE;
        }
      g_byte_array_append (r->kept, r->buffer, len);
      break;

    default:
      g_assert_not_reached ();
    }

  /* The reader, or the caller from inside it, may have cancelled. */
  if (g_cancellable_is_cancelled (r->cancellable))
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "");

      fail (task, error);
      return FALSE;
    }

  return TRUE;
}

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Request *r = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean eof = FALSE;
  gsize filled;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);

  if (n < 0)
    {
      fail (task, error);
      return;
    }

  if (n == 0)
    {
      r->at_eof = TRUE;
      complete (task, NULL);
      return;
    }

  filled = n;

  /* Bytes already buffered behind these join them: one hand-over and
   * no main loop iteration per read. Nothing waits for more to come.
   */
  if (G_IS_POLLABLE_INPUT_STREAM (r->stream) &&
      g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (r->stream)))
    {
      for (guint i = 0; i < MAX_READS_IN_A_ROW && filled < sizeof r->buffer; i++)
        {
          n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (r->stream),
                                                        r->buffer + filled,
                                                        sizeof r->buffer - filled,
                                                        r->cancellable, &error);
          if (n > 0)
            {
              filled += n;
              continue;
            }

          if (n == 0)
            eof = TRUE;
          else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            g_clear_error (&error);

          break;
        }
    }

  if (!deliver (task, filled))
    return;

  if (error != NULL)
    {
      fail (task, error);
      return;
    }

  if (eof)
    {
      r->at_eof = TRUE;
      complete (task, NULL);
      return;
    }

  read_next (task);
}

static void
read_next (GTask *task)
{
  Request *r = g_task_get_task_data (task);

  g_input_stream_read_async (r->stream,
                             r->buffer,
                             sizeof r->buffer,
                             G_PRIORITY_DEFAULT,
                             r->cancellable,
                             on_read,
                             task);
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Request *r = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  r->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);

  if (soup_message_get_status (r->msg) != SOUP_STATUS_NONE)
    fill_response_headers (r);

  if (r->stream == NULL)
    {
      fail (task, error);
      return;
    }

  /* Headers may come with nothing connected ever reported, when the
   * connection was reused.
   */
  if (r->phase == PHASE_CONNECT)
    arm_timer (r, PHASE_FIRST_BYTE);

  if (r->get_bytes)
    r->mode = SOUP_STATUS_IS_SUCCESSFUL (r->response->status) ? BODY_KEEP_ALL : BODY_KEEP_PREFIX;
  else
    r->mode = SOUP_STATUS_IS_SUCCESSFUL (r->response->status) ? BODY_STREAM : BODY_KEEP_PREFIX;

  if (r->mode != BODY_STREAM)
    r->kept = g_byte_array_new ();

  read_next (task);
}

static void
start_request (PrismHttpClient         *self,
               GTask                   *task,
               SoupMessage             *msg,
               const PrismHttpTimeouts *timeouts,
               GCancellable            *cancellable)
{
  Request *r = g_task_get_task_data (task);

  r->msg = g_object_ref (msg);
  r->where = describe_peer (msg);
  r->max_body = self->max_get_body;

  /* A redirect would carry the key to wherever it points. No provider's
   * API redirects; a 3xx comes back as the response, to be reported.
   */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  r->cancellable = g_cancellable_new ();
  r->response = g_new0 (PrismHttpResponse, 1);
  r->response->ttfb_us = -1;

  if (timeouts != NULL)
    r->timeouts = *timeouts;
  else
    prism_http_timeouts_init_default (&r->timeouts);

  r->timer = g_source_new (&timer_funcs, sizeof (GSource));
  g_source_set_static_name (r->timer, "[prism] http timeout");
  g_source_set_callback (r->timer, on_timer, task, NULL);
  g_source_attach (r->timer, g_task_get_context (task));

  g_signal_connect (msg, "network-event", G_CALLBACK (on_network_event), r);
  g_signal_connect (msg, "wrote-headers", G_CALLBACK (on_wrote_headers), r);

  if (cancellable != NULL)
    {
      r->caller_cancellable = g_object_ref (cancellable);
      /* Runs at once when @cancellable is already cancelled. */
      r->caller_cancelled_id = g_cancellable_connect (cancellable,
                                                      G_CALLBACK (on_caller_cancelled),
                                                      g_object_ref (r->cancellable),
                                                      g_object_unref);
    }

  r->started_at = g_get_monotonic_time ();
  arm_timer (r, PHASE_CONNECT);

  soup_session_send_async (self->session,
                           msg,
                           G_PRIORITY_DEFAULT,
                           r->cancellable,
                           on_sent,
                           task);
}

/**
 * prism_http_client_stream_async:
 * @self: a #PrismHttpClient
 * @msg: the request, ready to send
 * @timeouts: (nullable): the limits of each phase, %NULL for the defaults
 * @on_chunk: called with each read of a 2xx body
 * @chunk_data: data for @on_chunk
 * @chunk_data_destroy: (nullable): frees @chunk_data when the request is over
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the request is over
 * @user_data: data for @callback
 *
 * Sends @msg on the shared session and streams a 2xx body to @on_chunk
 * as it arrives, on the caller's thread-default main context. The body
 * of any other status is read whole (up to %PRISM_HTTP_MAX_ERROR_BODY)
 * into the response, for the protocol to turn into an error.
 *
 * Nothing about the request, its headers in particular, is logged.
 */
void
prism_http_client_stream_async (PrismHttpClient         *self,
                                SoupMessage             *msg,
                                const PrismHttpTimeouts *timeouts,
                                PrismHttpChunkFunc       on_chunk,
                                gpointer                 chunk_data,
                                GDestroyNotify           chunk_data_destroy,
                                GCancellable            *cancellable,
                                GAsyncReadyCallback      callback,
                                gpointer                 user_data)
{
  GTask *task;
  Request *r;

  g_return_if_fail (PRISM_IS_HTTP_CLIENT (self));
  g_return_if_fail (SOUP_IS_MESSAGE (msg));
  g_return_if_fail (on_chunk != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, prism_http_client_stream_async);
  /* The request settles cancellation itself, to report the right error. */
  g_task_set_check_cancellable (task, FALSE);

  r = g_new0 (Request, 1);
  r->on_chunk = on_chunk;
  r->chunk_data = chunk_data;
  r->chunk_data_destroy = chunk_data_destroy;
  g_task_set_task_data (task, r, request_free);

  start_request (self, task, msg, timeouts, cancellable);
}

static gboolean
finish_request (PrismHttpClient    *self,
                GAsyncResult       *result,
                gpointer            source_tag,
                PrismHttpResponse **response,
                GError            **error)
{
  Request *r;

  g_return_val_if_fail (PRISM_IS_HTTP_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  r = g_task_get_task_data (G_TASK (result));

  if (response != NULL)
    *response = g_steal_pointer (&r->response);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * prism_http_client_stream_finish:
 * @self: a #PrismHttpClient
 * @result: the #GAsyncResult
 * @response: (out) (optional) (transfer full): what came back: the
 *   status (0 when nothing did), headers, an error body and the times,
 *   also when the request failed
 * @error: a #GError
 *
 * Returns: %TRUE when a whole response arrived, whatever its status (or
 *   the chunk function stopped without an error); %FALSE with @error in
 *   %PRISM_ERROR for a timeout, a network or TLS failure, cancellation
 *   or the chunk function's own error
 */
gboolean
prism_http_client_stream_finish (PrismHttpClient    *self,
                                 GAsyncResult       *result,
                                 PrismHttpResponse **response,
                                 GError            **error)
{
  return finish_request (self, result, prism_http_client_stream_async, response, error);
}

/**
 * prism_http_client_get_bytes_async:
 * @self: a #PrismHttpClient
 * @msg: the request, ready to send
 * @timeouts: (nullable): the limits of each phase, %NULL for the defaults
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the request is over
 * @user_data: data for @callback
 *
 * Sends @msg and reads its whole body (at most %PRISM_HTTP_MAX_GET_BODY)
 * into the response's body: for model lists and account information.
 */
void
prism_http_client_get_bytes_async (PrismHttpClient         *self,
                                   SoupMessage             *msg,
                                   const PrismHttpTimeouts *timeouts,
                                   GCancellable            *cancellable,
                                   GAsyncReadyCallback      callback,
                                   gpointer                 user_data)
{
  GTask *task;
  Request *r;

  g_return_if_fail (PRISM_IS_HTTP_CLIENT (self));
  g_return_if_fail (SOUP_IS_MESSAGE (msg));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, prism_http_client_get_bytes_async);
  g_task_set_check_cancellable (task, FALSE);

  r = g_new0 (Request, 1);
  r->get_bytes = TRUE;
  g_task_set_task_data (task, r, request_free);

  start_request (self, task, msg, timeouts, cancellable);
}

/**
 * prism_http_client_get_bytes_finish:
 * @self: a #PrismHttpClient
 * @result: the #GAsyncResult
 * @response: (out) (optional) (transfer full): what came back, with the
 *   body, also when the request failed
 * @error: a #GError
 *
 * Returns: %TRUE when a whole response arrived, whatever its status
 */
gboolean
prism_http_client_get_bytes_finish (PrismHttpClient    *self,
                                    GAsyncResult       *result,
                                    PrismHttpResponse **response,
                                    GError            **error)
{
  return finish_request (self, result, prism_http_client_get_bytes_async, response, error);
}

static void
prism_http_client_dispose (GObject *object)
{
  PrismHttpClient *self = (PrismHttpClient *)object;

  g_clear_object (&self->session);

  G_OBJECT_CLASS (prism_http_client_parent_class)->dispose (object);
}

static void
prism_http_client_class_init (PrismHttpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = prism_http_client_dispose;
}

static void
prism_http_client_init (PrismHttpClient *self)
{
  self->max_get_body = PRISM_HTTP_MAX_GET_BODY;

  /* A comparison sends several requests to one host (OpenRouter) at
   * once; libsoup's default of two connections per host would queue
   * them. Timeouts are the request's own, per phase. No
   * accept-certificate handler: a bad certificate always fails.
   */
  self->session = soup_session_new_with_options ("user-agent", "Prism/" PACKAGE_VERSION,
                                                 "max-conns", 64,
                                                 "max-conns-per-host", 16,
                                                 "timeout", 0,
                                                 NULL);
}

/**
 * prism_http_client_new:
 *
 * A client with its own session; the application uses
 * prism_http_client_get_default().
 *
 * Returns: (transfer full): a new #PrismHttpClient
 */
PrismHttpClient *
prism_http_client_new (void)
{
  return g_object_new (PRISM_TYPE_HTTP_CLIENT, NULL);
}

/**
 * prism_http_client_get_default:
 *
 * The session sends from any thread that has a thread-default main
 * context (libsoup 3.2 and later); requests deliver everything on the
 * context of the thread that started them.
 *
 * Returns: (transfer none): the client whose one session the whole
 *   application shares, so that connections to a provider are reused
 */
PrismHttpClient *
prism_http_client_get_default (void)
{
  static PrismHttpClient *default_client;

  if (g_once_init_enter (&default_client))
    g_once_init_leave (&default_client, prism_http_client_new ());

  return default_client;
}

/**
 * prism_http_client_get_session:
 * @self: a #PrismHttpClient
 *
 * Returns: (transfer none): the session requests are sent on
 */
SoupSession *
prism_http_client_get_session (PrismHttpClient *self)
{
  g_return_val_if_fail (PRISM_IS_HTTP_CLIENT (self), NULL);

  return self->session;
}

/* For tests: a limit that a small body can pass. */
void
prism_http_client_set_max_get_body (PrismHttpClient *self,
                                    gsize            max_body)
{
  g_return_if_fail (PRISM_IS_HTTP_CLIENT (self));
  g_return_if_fail (max_body > 0);

  self->max_get_body = max_body;
}
