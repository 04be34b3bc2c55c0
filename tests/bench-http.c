/* bench-http.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Client CPU time per streamed chunk: a server in a child process (this
 * program with --serve) streams 100,000 small SSE events as chunked
 * HTTP; the client reads them through PrismHttpClient. The floor is the
 * same response read by a plain socket read() loop, which is what the
 * bytes cost at least. CPU time is this process's (getrusage), so the
 * server's work is not counted; median of 3 runs each.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "prism-http-client.h"

#define N_CHUNKS 100000
#define CHUNKS_PER_BURST 100000
#define N_RUNS 3

static char *
chunk_text (guint i)
{
  return g_strdup_printf ("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tok%06u \"}}]}\n\n", i);
}

static guint64
expected_bytes (void)
{
  guint64 total = 0;

  for (guint i = 0; i < N_CHUNKS; i++)
    {
      g_autofree char *text = chunk_text (i);

      total += strlen (text);
    }

  return total;
}

/* The server */

typedef struct
{
  SoupServerMessage *msg;
  guint              next;
} Stream;

static gboolean
stream_burst (gpointer user_data)
{
  Stream *s = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (s->msg);

  for (guint i = 0; i < CHUNKS_PER_BURST && s->next < N_CHUNKS; i++, s->next++)
    {
      char *text = chunk_text (s->next);

      soup_message_body_append (body, SOUP_MEMORY_TAKE, text, strlen (text));
    }

  if (s->next == N_CHUNKS)
    soup_message_body_complete (body);

  soup_server_message_unpause (s->msg);

  if (s->next < N_CHUNKS)
    return G_SOURCE_CONTINUE;

  g_object_unref (s->msg);
  g_free (s);
  return G_SOURCE_REMOVE;
}

static void
serve_stream (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  Stream *s = g_new0 (Stream, 1);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, "text/event-stream", NULL);
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
  soup_server_message_pause (msg);

  s->msg = g_object_ref (msg);
  g_idle_add (stream_burst, s);
}

/* The whole chunked response, built once: written in one go it keeps
 * the server ahead of any reader, so the reader's own cost shows.
 */
static GBytes *
build_raw_response (void)
{
  GString *out = g_string_new ("HTTP/1.1 200 OK\r\n"
                               "Content-Type: text/event-stream\r\n"
                               "Transfer-Encoding: chunked\r\n"
                               "Connection: close\r\n\r\n");

  for (guint i = 0; i < N_CHUNKS; i++)
    {
      g_autofree char *text = chunk_text (i);

      g_string_append_printf (out, "%zx\r\n%s\r\n", strlen (text), text);
    }
  g_string_append (out, "0\r\n\r\n");

  return g_string_free_to_bytes (out);
}

static gboolean
serve_raw (GThreadedSocketService *service,
           GSocketConnection      *connection,
           GObject                *source,
           gpointer                user_data)
{
  GBytes *response = user_data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  char request[4096];
  gsize len;
  const char *data = g_bytes_get_data (response, &len);

  g_input_stream_read (in, request, sizeof request, NULL, NULL);
  g_output_stream_write_all (out, data, len, NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  return TRUE;
}

static int
serve (void)
{
  g_autoptr(GSocketService) raw = g_threaded_socket_service_new (2);
  g_autoptr(GBytes) raw_response = build_raw_response ();
  guint16 raw_port;
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  soup_server_add_handler (server, "/stream", serve_stream, NULL, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  raw_port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (raw), NULL, &error);
  if (raw_port == 0)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_signal_connect (raw, "run", G_CALLBACK (serve_raw), raw_response);
  g_socket_service_start (raw);

  uris = soup_server_get_uris (server);
  printf ("PORT %d %u\n", g_uri_get_port (uris->data), raw_port);
  fflush (stdout);

  g_main_loop_run (loop);

  return 0;
}

/* The client */

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);

  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

typedef struct
{
  guint64  bytes;
  guint64  reads;
  gboolean done;
  gboolean ok;
  GError  *error;
} ClientRun;

static gboolean
on_chunk (const guint8  *data,
          gsize          len,
          gpointer       user_data,
          GError       **error)
{
  ClientRun *run = user_data;

  run->bytes += len;
  run->reads++;

  return TRUE;
}

static void
on_streamed (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ClientRun *run = user_data;

  run->ok = prism_http_client_stream_finish (PRISM_HTTP_CLIENT (object), result, NULL, &run->error);
  run->done = TRUE;
}

static double
run_client (PrismHttpClient *client,
            const char      *url,
            guint64          expected,
            guint64         *reads)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  ClientRun run = { 0 };
  double start = cpu_seconds ();

  prism_http_client_stream_async (client, msg, NULL, on_chunk, &run, NULL, NULL, on_streamed, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);

  if (!run.ok || run.bytes != expected)
    g_error ("client run failed: %s (%" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " bytes)",
             run.error ? run.error->message : "short body", run.bytes, expected);

  *reads = run.reads;
  return cpu_seconds () - start;
}

static double
run_floor (guint16  port,
           guint64  expected,
           guint64 *reads)
{
  g_autoptr(GSocketClient) socket_client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *request = NULL;
  GSocket *socket;
  char buffer[16 * 1024];
  guint64 total = 0;
  double start = cpu_seconds ();
  gssize n;

  connection = g_socket_client_connect_to_host (socket_client, "127.0.0.1", port, NULL, &error);
  g_assert_no_error (error);
  socket = g_socket_connection_get_socket (connection);

  request = g_strdup ("GET /stream HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  g_socket_send (socket, request, strlen (request), NULL, &error);
  g_assert_no_error (error);

  *reads = 0;
  while ((n = g_socket_receive (socket, buffer, sizeof buffer, NULL, &error)) > 0)
    {
      total += n;
      (*reads)++;
    }
  g_assert_no_error (error);

  /* The floor read the chunked framing too: it must at least cover the
   * events themselves.
   */
  if (total < expected)
    g_error ("floor run read %" G_GUINT64_FORMAT " bytes, fewer than %" G_GUINT64_FORMAT,
             total, expected);

  return cpu_seconds () - start;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);

  return values[n / 2];
}

typedef struct
{
  const char *name;
  const char *unit;
  double      cpu[N_RUNS];
  guint64     reads;
} Measure;

static void
report (Measure *m)
{
  double cpu = median (m->cpu, N_RUNS);

  /* printf: g_print() would turn µ into ? in the C locale of meson. */
  printf ("  %-44s %6.3f us CPU per chunk (%6.1f ms, %6" G_GUINT64_FORMAT " %s)\n",
          m->name, cpu * 1e6 / N_CHUNKS, cpu * 1e3, m->reads, m->unit);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GDataInputStream) server_out = NULL;
  g_autoptr(PrismHttpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *soup_url = NULL;
  g_autofree char *raw_url = NULL;
  Measure fast_client = { "client, server ahead (prebuilt response)", "hand-overs" };
  Measure fast_floor = { "floor: read() loop, server ahead", "reads" };
  Measure paced_client = { "client, SoupServer writing event by event", "hand-overs" };
  Measure paced_floor = { "floor: read() loop, SoupServer", "reads" };
  guint64 expected;
  guint soup_port;
  guint raw_port;

  if (argc > 1 && g_str_equal (argv[1], "--serve"))
    return serve ();

  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, argv[0], "--serve", NULL);
  g_assert_no_error (error);
  server_out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  line = g_data_input_stream_read_line (server_out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL || sscanf (line, "PORT %u %u", &soup_port, &raw_port) != 2)
    g_error ("the server did not say its ports");

  soup_url = g_strdup_printf ("http://127.0.0.1:%u/stream", soup_port);
  raw_url = g_strdup_printf ("http://127.0.0.1:%u/stream", raw_port);
  expected = expected_bytes ();
  client = prism_http_client_new ();

  /* One run of each first, to warm connections and caches. */
  run_client (client, raw_url, expected, &fast_client.reads);
  run_floor (raw_port, expected, &fast_floor.reads);

  for (guint i = 0; i < N_RUNS; i++)
    {
      fast_client.cpu[i] = run_client (client, raw_url, expected, &fast_client.reads);
      fast_floor.cpu[i] = run_floor (raw_port, expected, &fast_floor.reads);
      paced_client.cpu[i] = run_client (client, soup_url, expected, &paced_client.reads);
      paced_floor.cpu[i] = run_floor (soup_port, expected, &paced_floor.reads);
    }

  printf ("http: %u SSE events of ~66 bytes (%.1f MB) per run, client process CPU, median of %u runs\n",
          N_CHUNKS, expected / 1e6, N_RUNS);
  report (&fast_client);
  report (&fast_floor);
  report (&paced_client);
  report (&paced_floor);

  g_subprocess_force_exit (server);
  g_subprocess_wait (server, NULL, NULL);

  return 0;
}
