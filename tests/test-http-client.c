/* test-http-client.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "prism-error.h"
#include "prism-http-client-private.h"

/* A throwaway self-signed certificate for 127.0.0.1, trusted by nobody. */
static const char test_cert_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBkDCCATagAwIBAgIUFnlg09A40uUDTfDd7XsNkzj30LUwCgYIKoZIzj0EAwIw\n"
  "FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyNTA4NTMwMloYDzIxMjYxMTAx\n"
  "MDg1MzAyWjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO\n"
  "PQMBBwNCAARu0cRkdFqS6uU4+5swf4zHsDG6t+ay66z3rLobtgNDyGJxDcPVSvMO\n"
  "P3i6d5rdV9rKC7V/IGCZRcQf11qHg9dZo2QwYjAdBgNVHQ4EFgQUTbK/qhzCGCQE\n"
  "A7YzLOXNyruGzRgwHwYDVR0jBBgwFoAUTbK/qhzCGCQEA7YzLOXNyruGzRgwDwYD\n"
  "VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0gAMEUC\n"
  "IQDTwoDon7ar2vGCTkL/YQaIeBZvpbq9ava/dLUI129NpQIgR9ak/CrhvCbR33Xn\n"
  "zDfQEmB/VPJpkm1WUd9j/842CiE=\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgtGXRgje3Olmo9j+p\n"
  "d0gZ+N60nLeWQBX13eBk406JHyOhRANCAARu0cRkdFqS6uU4+5swf4zHsDG6t+ay\n"
  "66z3rLobtgNDyGJxDcPVSvMOP3i6d5rdV9rKC7V/IGCZRcQf11qHg9dZ\n"
  "-----END PRIVATE KEY-----\n";

#define N_LOCKSTEP_CHUNKS 5
#define N_MANY_CHUNKS 100000
#define BIG_BODY_SIZE (10 * 1024 * 1024)

typedef struct
{
  SoupServer        *server;
  char              *base;
  PrismHttpClient   *client;
  GCancellable      *cancellable;

  /* Server side */
  SoupServerMessage *streaming;
  SoupServerMessage *held;
  guint              sent;
  guint              interval_ms;
  char              *user_agent;

  /* Client side */
  GString           *received;
  guint              n_chunks;
  guint              cancel_at_chunk;
  guint              stop_at_chunk;
  gboolean           stop_with_error;
  GChecksum         *checksum;
  gboolean           done;
  gboolean           ok;
  GError            *error;
  PrismHttpResponse *response;
  GThread           *chunk_thread;
  GMainContext      *chunk_context;
} Fixture;

static char *
chunk_text (guint i)
{
  return g_strdup_printf ("data: {\"n\":%u}\n\n", i);
}

static gboolean
send_next_chunk (gpointer user_data)
{
  Fixture *f = user_data;
  SoupMessageBody *body;
  g_autofree char *text = NULL;

  if (f->streaming == NULL)
    return G_SOURCE_REMOVE;

  body = soup_server_message_get_response_body (f->streaming);

  if (f->sent == N_LOCKSTEP_CHUNKS)
    {
      soup_message_body_complete (body);
      soup_server_message_unpause (f->streaming);
      g_clear_object (&f->streaming);
      return G_SOURCE_REMOVE;
    }

  text = chunk_text (f->sent++);
  soup_message_body_append (body, SOUP_MEMORY_COPY, text, strlen (text));
  soup_server_message_unpause (f->streaming);

  return f->interval_ms > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
on_server_message_finished (SoupServerMessage *msg,
                            gpointer           user_data)
{
  Fixture *f = user_data;

  if (f->streaming == msg)
    g_clear_object (&f->streaming);
}

static void
begin_stream (Fixture           *f,
              SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, "text/event-stream", NULL);
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
  soup_server_message_pause (msg);
  g_signal_connect (msg, "finished", G_CALLBACK (on_server_message_finished), f);
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  g_free (f->user_agent);
  f->user_agent = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                          "User-Agent"));

  if (g_str_equal (path, "/lockstep") || g_str_equal (path, "/interval"))
    {
      begin_stream (f, msg);
      g_set_object (&f->streaming, msg);
      if (g_str_equal (path, "/interval"))
        g_timeout_add (f->interval_ms, send_next_chunk, f);
      else
        send_next_chunk (f);
    }
  else if (g_str_equal (path, "/idle"))
    {
      begin_stream (f, msg);
      g_set_object (&f->held, msg);
      soup_message_body_append (soup_server_message_get_response_body (msg),
                                SOUP_MEMORY_STATIC, ": OPENROUTER PROCESSING\n\n", 25);
      soup_server_message_unpause (msg);
    }
  else if (g_str_equal (path, "/headers-only"))
    {
      begin_stream (f, msg);
      g_set_object (&f->held, msg);
      /* Unpaused with nothing in the body: the headers go out alone. */
      soup_server_message_unpause (msg);
    }
  else if (g_str_equal (path, "/silent"))
    {
      g_set_object (&f->held, msg);
      soup_server_message_pause (msg);
    }
  else if (g_str_equal (path, "/rate-limited"))
    {
      static const char body[] = "{\"error\":{\"message\":\"Slow down\",\"type\":\"rate_limit\"}}";

      soup_server_message_set_status (msg, 429, "Too Many Requests");
      soup_message_headers_replace (headers, "Retry-After", "7");
      soup_server_message_set_response (msg, "application/json; charset=utf-8",
                                        SOUP_MEMORY_STATIC, body, strlen (body));
    }
  else if (g_str_equal (path, "/huge-error"))
    {
      gsize len = 2 * PRISM_HTTP_MAX_ERROR_BODY;
      char *body = g_malloc (len);

      memset (body, 'x', len);
      soup_server_message_set_status (msg, 503, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_TAKE, body, len);
    }
  else if (g_str_equal (path, "/many"))
    {
      SoupMessageBody *body = soup_server_message_get_response_body (msg);

      begin_stream (f, msg);
      for (guint i = 0; i < N_MANY_CHUNKS; i++)
        {
          char *text = chunk_text (i);

          soup_message_body_append (body, SOUP_MEMORY_TAKE, text, strlen (text));
        }
      soup_message_body_complete (body);
      soup_server_message_unpause (msg);
    }
  else if (g_str_equal (path, "/big"))
    {
      guint8 *body = g_malloc (BIG_BODY_SIZE);

      for (gsize i = 0; i < BIG_BODY_SIZE; i++)
        body[i] = (guint8)(i * 7 + i / 4096);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/octet-stream",
                                        SOUP_MEMORY_TAKE, (char *)body, BIG_BODY_SIZE);
    }
  else if (g_str_equal (path, "/moved"))
    {
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "/models");
    }
  else if (g_str_equal (path, "/models"))
    {
      static const char body[] = "{\"data\":[{\"id\":\"m1\"}]}";

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json",
                                        SOUP_MEMORY_STATIC, body, strlen (body));
    }
  else
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "nope", 4);
    }
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, server_callback, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (f->server);
  g_assert_nonnull (uris);
  f->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));

  f->client = prism_http_client_new ();
  f->cancellable = g_cancellable_new ();
  f->received = g_string_new (NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->streaming);
  g_clear_object (&f->held);
  g_clear_object (&f->client);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_object (&f->cancellable);
  g_clear_pointer (&f->base, g_free);
  g_clear_pointer (&f->user_agent, g_free);
  g_string_free (f->received, TRUE);
  g_clear_pointer (&f->checksum, g_checksum_free);
  g_clear_error (&f->error);
  g_clear_pointer (&f->response, prism_http_response_free);

  /* Let the server's and the session's last callbacks run. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
on_chunk (const guint8  *data,
          gsize          len,
          gpointer       user_data,
          GError       **error)
{
  Fixture *f = user_data;

  g_assert_cmpuint (len, >, 0);
  f->chunk_thread = g_thread_self ();
  f->chunk_context = g_main_context_get_thread_default ();
  f->n_chunks++;

  if (f->checksum != NULL)
    g_checksum_update (f->checksum, data, len);
  else
    g_string_append_len (f->received, (const char *)data, len);

  if (f->cancel_at_chunk != 0 && f->n_chunks == f->cancel_at_chunk)
    g_cancellable_cancel (f->cancellable);

  if (f->stop_at_chunk != 0 && f->n_chunks == f->stop_at_chunk)
    {
      if (f->stop_with_error)
        g_set_error (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL, "Malformed event");
      return FALSE;
    }

  /* Lockstep: the next chunk leaves the server only once this one has
   * reached the reader, which proves nothing is held back.
   */
  if (f->streaming != NULL && f->interval_ms == 0)
    g_idle_add (send_next_chunk, f);

  return TRUE;
}

static void
on_streamed (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Fixture *f = user_data;

  f->ok = prism_http_client_stream_finish (PRISM_HTTP_CLIENT (object), result,
                                           &f->response, &f->error);
  f->done = TRUE;
}

static void
on_got_bytes (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fixture *f = user_data;

  f->ok = prism_http_client_get_bytes_finish (PRISM_HTTP_CLIENT (object), result,
                                              &f->response, &f->error);
  f->done = TRUE;
}

static gboolean
on_test_timeout (gpointer user_data)
{
  g_error ("the request did not finish in time");
  return G_SOURCE_REMOVE;
}

static gboolean
on_spun (gpointer user_data)
{
  gboolean *spun = user_data;

  *spun = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin (guint ms)
{
  gboolean spun = FALSE;

  g_timeout_add (ms, on_spun, &spun);
  while (!spun)
    g_main_context_iteration (NULL, TRUE);
}

static void
run_until_done (Fixture *f)
{
  guint guard = g_timeout_add_seconds (30, on_test_timeout, NULL);

  while (!f->done)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (guard);
}

static void
stream (Fixture                 *f,
        const char              *url,
        const PrismHttpTimeouts *timeouts)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);

  g_assert_nonnull (msg);
  prism_http_client_stream_async (f->client, msg, timeouts, on_chunk, f, NULL,
                                  f->cancellable, on_streamed, f);
  run_until_done (f);
  g_assert_nonnull (f->response);
}

static void
stream_path (Fixture                 *f,
             const char              *path,
             const PrismHttpTimeouts *timeouts)
{
  g_autofree char *url = g_strconcat (f->base, path, NULL);

  stream (f, url, timeouts);
}

static char *
expected_lockstep_body (guint n)
{
  GString *expected = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = chunk_text (i);

      g_string_append (expected, text);
    }

  return g_string_free (expected, FALSE);
}

static void
test_stream_in_order (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *expected = expected_lockstep_body (N_LOCKSTEP_CHUNKS);

  stream_path (f, "/lockstep", NULL);

  g_assert_no_error (f->error);
  g_assert_true (f->ok);
  g_assert_cmpstr (f->received->str, ==, expected);
  g_assert_cmpuint (f->n_chunks, >=, N_LOCKSTEP_CHUNKS);
  g_assert_cmpuint (f->response->status, ==, 200);
  g_assert_true (prism_http_response_is_success (f->response));
  g_assert_cmpstr (f->response->content_type, ==, "text/event-stream");
  g_assert_null (f->response->body);
  g_assert_cmpuint (f->response->bytes_received, ==, strlen (expected));
  g_assert_cmpint (f->response->ttfb_us, >=, 0);
  g_assert_cmpint (f->response->latency_us, >=, f->response->ttfb_us);
  g_assert_true (f->chunk_thread == g_thread_self ());
  g_assert_cmpstr (f->user_agent, ==, "Prism/" PACKAGE_VERSION);
}

typedef struct
{
  Fixture      *f;
  char         *url;
  gint          finished;
} ThreadData;

static gpointer
client_thread (gpointer user_data)
{
  ThreadData *td = user_data;
  Fixture *f = td->f;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupMessage) msg = NULL;

  g_main_context_push_thread_default (context);

  /* The fixture's client, made in the main thread: the application
   * shares one session across threads.
   */
  msg = soup_message_new ("GET", td->url);
  prism_http_client_stream_async (f->client, msg, NULL, on_chunk, f, NULL, NULL, on_streamed, f);

  while (!f->done)
    g_main_context_iteration (context, TRUE);

  g_assert_true (f->chunk_context == context);
  g_assert_false (f->chunk_thread == NULL);

  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);
  g_atomic_int_set (&td->finished, TRUE);
  g_main_context_wakeup (NULL);

  return NULL;
}

/* The request runs in a thread with its own main context, the server in
 * this one: chunks must reach the reader in the requesting thread.
 */
static void
test_stream_caller_context (Fixture       *f,
                            gconstpointer  data)
{
  ThreadData td = { f, g_strconcat (f->base, "/interval", NULL), FALSE };
  g_autofree char *expected = expected_lockstep_body (N_LOCKSTEP_CHUNKS);
  GThread *thread;

  f->interval_ms = 20;
  thread = g_thread_new ("client", client_thread, &td);

  while (!g_atomic_int_get (&td.finished))
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (f->chunk_thread == thread);
  g_thread_join (thread);

  g_assert_no_error (f->error);
  g_assert_true (f->ok);
  g_assert_cmpstr (f->received->str, ==, expected);
  g_free (td.url);
}

static void
test_error_status (Fixture       *f,
                   gconstpointer  data)
{
  stream_path (f, "/rate-limited", NULL);

  g_assert_no_error (f->error);
  g_assert_true (f->ok);
  g_assert_cmpuint (f->n_chunks, ==, 0);
  g_assert_cmpuint (f->response->status, ==, 429);
  g_assert_false (prism_http_response_is_success (f->response));
  g_assert_cmpstr (f->response->reason, ==, "Too Many Requests");
  g_assert_cmpstr (f->response->content_type, ==, "application/json");
  g_assert_cmpstr (f->response->retry_after, ==, "7");
  g_assert_null (f->response->retry_after_ms);
  g_assert_nonnull (f->response->body);
  g_assert_cmpmem (g_bytes_get_data (f->response->body, NULL),
                   g_bytes_get_size (f->response->body),
                   "{\"error\":{\"message\":\"Slow down\",\"type\":\"rate_limit\"}}", 53);
  g_assert_false (f->response->body_truncated);
}

static void
test_error_body_cap (Fixture       *f,
                     gconstpointer  data)
{
  stream_path (f, "/huge-error", NULL);

  g_assert_no_error (f->error);
  g_assert_true (f->ok);
  g_assert_cmpuint (f->response->status, ==, 503);
  g_assert_cmpuint (g_bytes_get_size (f->response->body), ==, PRISM_HTTP_MAX_ERROR_BODY);
  g_assert_true (f->response->body_truncated);
}

static guint16
closed_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
test_connection_refused (Fixture       *f,
                         gconstpointer  data)
{
  guint16 port = closed_port ();
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/v1/x?key=SECRET-KEY", port);
  g_autofree char *expected = g_strdup_printf ("Could not connect to 127.0.0.1:%u: Connection refused", port);

  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);

  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "Authorization", "Bearer SECRET-BEARER");
  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "x-api-key", "SECRET-API-KEY");
  prism_http_client_stream_async (f->client, msg, NULL, on_chunk, f, NULL,
                                  f->cancellable, on_streamed, f);
  run_until_done (f);

  g_assert_error (f->error, PRISM_ERROR, PRISM_ERROR_NETWORK);
  g_assert_false (f->ok);
  g_assert_cmpstr (f->error->message, ==, expected);
  g_assert_null (strstr (f->error->message, "SECRET"));
  g_assert_cmpuint (f->response->status, ==, 0);
  g_assert_cmpint (f->response->ttfb_us, ==, -1);
  g_assert_cmpint (f->response->latency_us, >=, 0);
}

/* A listening socket whose accept queue is full: Linux drops further
 * SYNs, so a connection attempt hangs as it would towards a host that
 * does not answer.
 */
static int
blackhole_listener (guint16 *port,
                    int      fillers[2])
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  socklen_t addr_len = sizeof addr;
  int fd = socket (AF_INET, SOCK_STREAM, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (bind (fd, (struct sockaddr *)&addr, sizeof addr), ==, 0);
  g_assert_cmpint (listen (fd, 0), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *)&addr, &addr_len), ==, 0);
  *port = ntohs (addr.sin_port);

  for (guint i = 0; i < 2; i++)
    {
      fillers[i] = socket (AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
      g_assert_cmpint (fillers[i], >=, 0);
      if (connect (fillers[i], (struct sockaddr *)&addr, sizeof addr) != 0)
        g_assert_cmpint (errno, ==, EINPROGRESS);
      g_usleep (50 * G_TIME_SPAN_MILLISECOND);
    }

  return fd;
}

static void
test_connect_timeout (Fixture       *f,
                      gconstpointer  data)
{
  PrismHttpTimeouts timeouts = { .connect_ms = 300, .first_byte_ms = 5000, .idle_ms = 5000 };
  int fillers[2];
  guint16 port;
  int fd = blackhole_listener (&port, fillers);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/", port);
  g_autofree char *expected = g_strdup_printf ("Could not connect to 127.0.0.1:%u within 0.3 s", port);
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  stream (f, url, &timeouts);
  elapsed = g_get_monotonic_time () - start;

  g_assert_error (f->error, PRISM_ERROR, PRISM_ERROR_TIMEOUT);
  g_assert_true (g_str_has_prefix (f->error->message, expected));
  g_assert_cmpint (elapsed, >=, 300 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (elapsed, <, 3 * G_TIME_SPAN_SECOND);
  g_assert_cmpuint (f->response->status, ==, 0);

  close (fillers[0]);
  close (fillers[1]);
  close (fd);
}

/* The connect limit is far shorter than the first-byte one: the error
 * must name the first byte, so the connect timer stopped on connection.
 */
static void
test_first_byte_timeout (Fixture       *f,
                         gconstpointer  data)
{
  PrismHttpTimeouts timeouts = { .connect_ms = 100, .first_byte_ms = 400, .idle_ms = 100 };
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  stream_path (f, "/silent", &timeouts);
  elapsed = g_get_monotonic_time () - start;

  g_assert_error (f->error, PRISM_ERROR, PRISM_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (f->error->message, "sent no response within 0.4 s"));
  g_assert_true (g_str_has_prefix (f->error->message, f->base + strlen ("http://")));
  g_assert_cmpint (elapsed, >=, 400 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (elapsed, <, 3 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (f->response->ttfb_us, ==, -1);
}

/* A second request on a kept-alive connection emits no network events:
 * the connect timer must stop all the same.
 */
static void
test_reused_connection_timeouts (Fixture       *f,
                                 gconstpointer  data)
{
  PrismHttpTimeouts timeouts = { .connect_ms = 100, .first_byte_ms = 400, .idle_ms = 100 };
  g_autofree char *expected = expected_lockstep_body (N_LOCKSTEP_CHUNKS);

  stream_path (f, "/lockstep", NULL);
  g_assert_no_error (f->error);
  g_assert_cmpstr (f->received->str, ==, expected);

  f->done = FALSE;
  g_clear_pointer (&f->response, prism_http_response_free);
  stream_path (f, "/silent", &timeouts);

  g_assert_error (f->error, PRISM_ERROR, PRISM_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (f->error->message, "sent no response within 0.4 s"));
}

static void
test_headers_without_body_timeout (Fixture       *f,
                                   gconstpointer  data)
{
  PrismHttpTimeouts timeouts = { .connect_ms = 1000, .first_byte_ms = 300, .idle_ms = 5000 };

  stream_path (f, "/headers-only", &timeouts);

  g_assert_error (f->error, PRISM_ERROR, PRISM_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (f->error->message, "answered but sent no content within 0.3 s"));
  g_assert_cmpuint (f->response->status, ==, 200);
  g_assert_cmpint (f->response->ttfb_us, ==, -1);
}

static gboolean
cancel_later (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_while_waiting (Fixture       *f,
                           gconstpointer  data)
{
  g_timeout_add (200, cancel_later, f->cancellable);
  stream_path (f, "/idle", NULL);

  g_assert_error (f->error, PRISM_ERROR, PRISM_ERROR_CANCELLED);
  g_assert_cmpstr (f->received->str, ==, ": OPENROUTER PROCESSING\n\n");
  g_assert_cmpint (f->response->latency_us, <, 5 * G_TIME_SPAN_SECOND);
}

static void
test_idle_timeout (Fixture       *f,
                   gconstpointer  data)
{
  PrismHttpTimeouts timeouts = { .connect_ms = 1000, .first_byte_ms = 1000, .idle_ms = 300 };

  stream_path (f, "/idle", &timeouts);

  g_assert_error (f->error, PRISM_ERROR, PRISM_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (f->error->message, "nothing arrived for 0.3 s"));
  /* The comment line counted as bytes and reached the reader. */
  g_assert_cmpstr (f->received->str, ==, ": OPENROUTER PROCESSING\n\n");
  g_assert_cmpuint (f->response->status, ==, 200);
  g_assert_cmpint (f->response->ttfb_us, >=, 0);
  g_assert_cmpint (f->response->latency_us - f->response->ttfb_us, >=, 300 * G_TIME_SPAN_MILLISECOND);
}

/* Chunks 120 ms apart for well over the idle limit of 300 ms: each read
 * moves the deadline.
 */
static void
test_idle_timer_moves (Fixture       *f,
                       gconstpointer  data)
{
  PrismHttpTimeouts timeouts = { .connect_ms = 1000, .first_byte_ms = 1000, .idle_ms = 300 };
  g_autofree char *expected = expected_lockstep_body (N_LOCKSTEP_CHUNKS);

  f->interval_ms = 120;
  stream_path (f, "/interval", &timeouts);

  g_assert_no_error (f->error);
  g_assert_true (f->ok);
  g_assert_cmpstr (f->received->str, ==, expected);
  g_assert_cmpint (f->response->latency_us, >, 500 * G_TIME_SPAN_MILLISECOND);
}

static void
test_cancel_mid_stream (Fixture       *f,
                        gconstpointer  data)
{
  f->cancel_at_chunk = 2;
  stream_path (f, "/lockstep", NULL);

  g_assert_error (f->error, PRISM_ERROR, PRISM_ERROR_CANCELLED);
  g_assert_false (f->ok);
  g_assert_cmpuint (f->n_chunks, ==, 2);

  /* Had the connection lived, the lockstep would have sent the next
   * chunk by now; nothing more reaches the reader.
   */
  spin (200);
  g_assert_cmpuint (f->n_chunks, ==, 2);
}

static void
test_cancel_before_start (Fixture       *f,
                          gconstpointer  data)
{
  g_cancellable_cancel (f->cancellable);
  stream_path (f, "/lockstep", NULL);

  g_assert_error (f->error, PRISM_ERROR, PRISM_ERROR_CANCELLED);
  g_assert_cmpuint (f->n_chunks, ==, 0);
}

static void
test_chunk_stops_with_error (Fixture       *f,
                             gconstpointer  data)
{
  f->stop_at_chunk = 2;
  f->stop_with_error = TRUE;
  stream_path (f, "/lockstep", NULL);

  g_assert_error (f->error, PRISM_ERROR, PRISM_ERROR_PROTOCOL);
  g_assert_cmpstr (f->error->message, ==, "Malformed event");
  g_assert_false (f->ok);
  g_assert_cmpuint (f->n_chunks, ==, 2);
  g_assert_cmpuint (f->response->status, ==, 200);
}

static void
test_chunk_stops_done (Fixture       *f,
                       gconstpointer  data)
{
  f->stop_at_chunk = 1;
  stream_path (f, "/lockstep", NULL);

  g_assert_no_error (f->error);
  g_assert_true (f->ok);
  g_assert_cmpuint (f->n_chunks, ==, 1);
}

static void
test_many_chunks (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *expected = expected_lockstep_body (N_MANY_CHUNKS);

  stream_path (f, "/many", NULL);

  g_assert_no_error (f->error);
  g_assert_true (f->ok);
  g_assert_cmpuint (f->received->len, ==, strlen (expected));
  g_assert_true (memcmp (f->received->str, expected, f->received->len) == 0);
  g_assert_cmpuint (f->response->bytes_received, ==, strlen (expected));
}

static void
test_large_body (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GChecksum) expected = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 *body = g_malloc (BIG_BODY_SIZE);

  for (gsize i = 0; i < BIG_BODY_SIZE; i++)
    body[i] = (guint8)(i * 7 + i / 4096);
  g_checksum_update (expected, body, BIG_BODY_SIZE);
  g_free (body);

  f->checksum = g_checksum_new (G_CHECKSUM_SHA256);
  stream_path (f, "/big", NULL);

  g_assert_no_error (f->error);
  g_assert_true (f->ok);
  g_assert_cmpuint (f->response->bytes_received, ==, BIG_BODY_SIZE);
  g_assert_cmpstr (g_checksum_get_string (f->checksum), ==, g_checksum_get_string (expected));
}

static void
get_bytes (Fixture    *f,
           const char *path)
{
  g_autofree char *url = g_strconcat (f->base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);

  prism_http_client_get_bytes_async (f->client, msg, NULL, NULL, on_got_bytes, f);
  run_until_done (f);
}

static void
test_get_bytes (Fixture       *f,
                gconstpointer  data)
{
  get_bytes (f, "/models");

  g_assert_no_error (f->error);
  g_assert_true (f->ok);
  g_assert_cmpuint (f->response->status, ==, 200);
  g_assert_cmpstr (f->response->content_type, ==, "application/json");
  g_assert_cmpmem (g_bytes_get_data (f->response->body, NULL), g_bytes_get_size (f->response->body),
                   "{\"data\":[{\"id\":\"m1\"}]}", 22);
}

static void
test_get_bytes_not_found (Fixture       *f,
                          gconstpointer  data)
{
  get_bytes (f, "/nothing-here");

  g_assert_no_error (f->error);
  g_assert_true (f->ok);
  g_assert_cmpuint (f->response->status, ==, 404);
  g_assert_cmpmem (g_bytes_get_data (f->response->body, NULL), g_bytes_get_size (f->response->body),
                   "nope", 4);
}

static void
test_get_bytes_too_large (Fixture       *f,
                          gconstpointer  data)
{
  prism_http_client_set_max_get_body (f->client, 1000);
  get_bytes (f, "/big");

  g_assert_error (f->error, PRISM_ERROR, PRISM_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (f->error->message, "is larger than 1000 bytes"));
  g_assert_false (f->ok);
  g_assert_cmpuint (f->response->status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (f->response->body), <=, 1000);
}

static void
test_redirect_not_followed (Fixture       *f,
                            gconstpointer  data)
{
  get_bytes (f, "/moved");

  g_assert_no_error (f->error);
  g_assert_true (f->ok);
  g_assert_cmpuint (f->response->status, ==, 302);
  g_assert_false (prism_http_response_is_success (f->response));
}

static void
test_get_bytes_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *old_base = g_steal_pointer (&f->base);

  f->base = g_strdup_printf ("http://127.0.0.1:%u", closed_port ());
  get_bytes (f, "/models");

  g_assert_error (f->error, PRISM_ERROR, PRISM_ERROR_NETWORK);
  g_assert_true (g_str_has_prefix (f->error->message, "Could not connect to 127.0.0.1:"));
}

/* A raw server that answers every connection with @reply and closes. */
static gboolean
on_raw_run (GThreadedSocketService *service,
            GSocketConnection      *connection,
            GObject                *source,
            gpointer                user_data)
{
  const char *reply = user_data;
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  char request[4096];

  /* Read the request first, so closing does not reset the connection
   * before the client has read the reply.
   */
  g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                       request, sizeof request, NULL, NULL);
  g_output_stream_write_all (out, reply, strlen (reply), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  return TRUE;
}

static void
raw_exchange (Fixture    *f,
              const char *reply)
{
  g_autoptr(GSocketService) service = g_threaded_socket_service_new (1);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "run", G_CALLBACK (on_raw_run), (gpointer)reply);
  g_socket_service_start (service);

  url = g_strdup_printf ("http://127.0.0.1:%u/", port);
  stream (f, url, NULL);
  g_socket_service_stop (service);
}

static void
test_body_cut_short (Fixture       *f,
                     gconstpointer  data)
{
  raw_exchange (f, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                   "Content-Length: 100\r\n\r\ndata: {\"n\":0}\n\n");

  g_assert_error (f->error, PRISM_ERROR, PRISM_ERROR_NETWORK);
  g_assert_nonnull (strstr (f->error->message, "broke off during the response"));
  g_assert_cmpstr (f->received->str, ==, "data: {\"n\":0}\n\n");
}

/* A body without a length that ends when the server closes is complete:
 * whether the stream was whole is the decoder's call.
 */
static void
test_body_ends_on_close (Fixture       *f,
                         gconstpointer  data)
{
  raw_exchange (f, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                   "Connection: close\r\n\r\ndata: {\"n\":0}\n\n");

  g_assert_no_error (f->error);
  g_assert_true (f->ok);
  g_assert_cmpstr (f->received->str, ==, "data: {\"n\":0}\n\n");
}

static void
test_closed_without_response (Fixture       *f,
                              gconstpointer  data)
{
  raw_exchange (f, "");

  g_assert_error (f->error, PRISM_ERROR, PRISM_ERROR_NETWORK);
  g_assert_nonnull (strstr (f->error->message, "before a response arrived"));
  g_assert_cmpuint (f->response->status, ==, 0);
}

static gboolean
on_mute_run (GThreadedSocketService *service,
             GSocketConnection      *connection,
             GObject                *source,
             gpointer                user_data)
{
  char buffer[4096];

  /* Says nothing, not even the TLS server hello, until the client goes. */
  while (g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                              buffer, sizeof buffer, NULL, NULL) > 0)
    ;

  return TRUE;
}

/* A server that accepts the connection but never completes the TLS
 * handshake has not connected: the connect limit applies.
 */
static void
test_tls_handshake_timeout (Fixture       *f,
                            gconstpointer  data)
{
  PrismHttpTimeouts timeouts = { .connect_ms = 300, .first_byte_ms = 5000, .idle_ms = 5000 };
  g_autoptr(GSocketService) service = g_threaded_socket_service_new (1);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *expected = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "run", G_CALLBACK (on_mute_run), NULL);
  g_socket_service_start (service);

  url = g_strdup_printf ("https://127.0.0.1:%u/", port);
  expected = g_strdup_printf ("Could not connect to 127.0.0.1:%u within 0.3 s", port);
  stream (f, url, &timeouts);
  g_socket_service_stop (service);

  g_assert_error (f->error, PRISM_ERROR, PRISM_ERROR_TIMEOUT);
  g_assert_true (g_str_has_prefix (f->error->message, expected));
}

static void
test_tls_untrusted (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GTlsCertificate) cert = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *url = NULL;

  cert = g_tls_certificate_new_from_pem (test_cert_pem, -1, &error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", cert, NULL);
  soup_server_add_handler (server, NULL, server_callback, f, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("https://127.0.0.1:%d/lockstep", g_uri_get_port (uris->data));

  stream (f, url, NULL);

  g_assert_error (f->error, PRISM_ERROR, PRISM_ERROR_NETWORK);
  g_test_message ("%s", f->error->message);
  g_assert_true (g_str_has_prefix (f->error->message, "Could not make a secure connection to 127.0.0.1:"));
  g_assert_cmpuint (f->n_chunks, ==, 0);
  soup_server_disconnect (server);

}

static void
test_default_is_shared (void)
{
  PrismHttpClient *a = prism_http_client_get_default ();

  g_assert_true (PRISM_IS_HTTP_CLIENT (a));
  g_assert_true (a == prism_http_client_get_default ());
  g_assert_true (SOUP_IS_SESSION (prism_http_client_get_session (a)));
  g_assert_cmpuint (soup_session_get_max_conns_per_host (prism_http_client_get_session (a)), >=, 8);
  g_assert_cmpstr (soup_session_get_user_agent (prism_http_client_get_session (a)), ==,
                   "Prism/" PACKAGE_VERSION);
}

static void
test_timeouts_default (void)
{
  PrismHttpTimeouts timeouts;

  prism_http_timeouts_init_default (&timeouts);
  g_assert_cmpuint (timeouts.connect_ms, ==, 10000);
  g_assert_cmpuint (timeouts.first_byte_ms, ==, 120000);
  g_assert_cmpuint (timeouts.idle_ms, ==, 60000);
}

static void
test_response_copy (void)
{
  PrismHttpResponse response = {
    .status = 429, .reason = (char *)"Too Many Requests", .content_type = (char *)"text/plain",
    .retry_after = (char *)"3", .body = g_bytes_new_static ("x", 1), .ttfb_us = 5, .latency_us = 9,
  };
  g_autoptr(PrismHttpResponse) copy = prism_http_response_copy (&response);

  g_assert_cmpuint (copy->status, ==, 429);
  g_assert_cmpstr (copy->reason, ==, "Too Many Requests");
  g_assert_true (copy->reason != response.reason);
  g_assert_cmpstr (copy->retry_after, ==, "3");
  g_assert_null (copy->retry_after_ms);
  g_assert_true (copy->body == response.body);
  g_assert_cmpint (copy->latency_us, ==, 9);
  g_bytes_unref (response.body);
}

static void
test_uri_is_local (void)
{
  static const struct { const char *uri; gboolean local; } cases[] = {
    { "http://127.0.0.1:11434", TRUE },
    { "http://127.255.3.4/", TRUE },
    { "http://localhost:1234/v1", TRUE },
    { "http://LOCALHOST/", TRUE },
    { "http://[::1]:8080/v1", TRUE },
    { "http://10.0.0.5/", TRUE },
    { "http://172.16.0.1/", TRUE },
    { "http://172.31.255.255/", TRUE },
    { "http://172.32.0.1/", FALSE },
    { "http://172.15.0.1/", FALSE },
    { "http://192.168.1.20:8080/", TRUE },
    { "http://192.169.1.20/", FALSE },
    { "http://169.254.10.1/", TRUE },
    { "http://[fd12:3456::1]/", TRUE },
    { "http://[fc00::1]/", TRUE },
    { "http://[fe80::1%25eth0]/", TRUE },
    { "http://[febf::1]/", TRUE },
    { "http://[fec0::1]/", FALSE },
    { "http://[::ffff:192.168.0.1]/", TRUE },
    { "http://[::ffff:8.8.8.8]/", FALSE },
    { "http://[2001:db8::1]/", FALSE },
    { "http://8.8.8.8/", FALSE },
    { "http://0.0.0.0/", FALSE },
    { "http://100.64.0.1/", FALSE },
    { "https://api.openai.com/v1", FALSE },
    { "http://localhost.example.com/", FALSE },
    { "http://127.0.0.1.nip.io/", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GUri) uri = g_uri_parse (cases[i].uri, G_URI_FLAGS_NONE, &error);

      g_assert_no_error (error);
      if (prism_http_uri_is_local (uri) != cases[i].local)
        g_error ("%s: expected %s", cases[i].uri, cases[i].local ? "local" : "remote");
    }
}

static void
test_uri_check_secure (void)
{
  static const struct { const char *uri; gboolean ok; } cases[] = {
    { "https://api.openai.com/v1", TRUE },
    { "http://127.0.0.1:11434", TRUE },
    { "http://192.168.0.4:1234/v1", TRUE },
    { "http://llm.example.com/v1", FALSE },
    { "ftp://llm.example.com/v1", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GUri) uri = g_uri_parse (cases[i].uri, G_URI_FLAGS_NONE, NULL);
      gboolean ok = prism_http_uri_check_secure (uri, &error);

      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        g_assert_no_error (error);
      else
        g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
    }
}

static void
test_redact (void)
{
  static const struct { const char *text, *secret, *expected; } cases[] = {
    { "Incorrect API key provided: sk-abc123. Find yours at …", "sk-abc123",
      "Incorrect API key provided: [redacted]. Find yours at …" },
    { "sk-1 and sk-1 again sk-1", "sk-1", "[redacted] and [redacted] again [redacted]" },
    { "nothing secret here", "sk-abc", "nothing secret here" },
    { "nothing to hide", "", "nothing to hide" },
    { "nothing to hide", NULL, "nothing to hide" },
    { "", "sk-abc", "" },
    { "keykeykey", "key", "[redacted][redacted][redacted]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = prism_redact (cases[i].text, cases[i].secret);

      g_assert_cmpstr (out, ==, cases[i].expected);
    }

  g_assert_null (prism_redact (NULL, "sk"));
}

#define ADD(path, func) \
  g_test_add ("/prism/http/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  ADD ("stream-in-order", test_stream_in_order);
  ADD ("stream-caller-context", test_stream_caller_context);
  ADD ("error-status", test_error_status);
  ADD ("error-body-cap", test_error_body_cap);
  ADD ("connection-refused", test_connection_refused);
  ADD ("connect-timeout", test_connect_timeout);
  ADD ("first-byte-timeout", test_first_byte_timeout);
  ADD ("reused-connection-timeouts", test_reused_connection_timeouts);
  ADD ("headers-without-body-timeout", test_headers_without_body_timeout);
  ADD ("cancel-while-waiting", test_cancel_while_waiting);
  ADD ("idle-timeout", test_idle_timeout);
  ADD ("idle-timer-moves", test_idle_timer_moves);
  ADD ("cancel-mid-stream", test_cancel_mid_stream);
  ADD ("cancel-before-start", test_cancel_before_start);
  ADD ("chunk-stops-with-error", test_chunk_stops_with_error);
  ADD ("chunk-stops-done", test_chunk_stops_done);
  ADD ("many-chunks", test_many_chunks);
  ADD ("large-body", test_large_body);
  ADD ("get-bytes", test_get_bytes);
  ADD ("get-bytes-not-found", test_get_bytes_not_found);
  ADD ("get-bytes-refused", test_get_bytes_refused);
  ADD ("get-bytes-too-large", test_get_bytes_too_large);
  ADD ("redirect-not-followed", test_redirect_not_followed);
  ADD ("body-cut-short", test_body_cut_short);
  ADD ("body-ends-on-close", test_body_ends_on_close);
  ADD ("closed-without-response", test_closed_without_response);
  ADD ("tls-handshake-timeout", test_tls_handshake_timeout);
  ADD ("tls-untrusted", test_tls_untrusted);
  g_test_add_func ("/prism/http/default-is-shared", test_default_is_shared);
  g_test_add_func ("/prism/http/timeouts-default", test_timeouts_default);
  g_test_add_func ("/prism/http/response-copy", test_response_copy);
  g_test_add_func ("/prism/http/uri-is-local", test_uri_is_local);
  g_test_add_func ("/prism/http/uri-check-secure", test_uri_check_secure);
  g_test_add_func ("/prism/http/redact", test_redact);

  ret = g_test_run ();

  /* GIO's TLS module ran handshakes in worker threads, whose dynamic TLS
   * LeakSanitizer's exit-time scan cannot read (it crashes). Idle workers
   * leave the pool after half a second; then stop them.
   */
  g_usleep (600 * G_TIME_SPAN_MILLISECOND);
  g_thread_pool_stop_unused_threads ();
  g_usleep (100 * G_TIME_SPAN_MILLISECOND);

  return ret;
}
