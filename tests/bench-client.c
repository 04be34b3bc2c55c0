/* bench-client.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "prism-client.h"
#include "prism-completion.h"

/* Client CPU time per chunk: 100,000 chunks streamed by the fake provider
 * (in its own process, so that only the client's work is measured) through
 * the real client — libsoup, the SSE parser, the OpenAI decoder, the
 * router, the completion's signal — beside a floor measured in the same
 * run: the same response read by a bare GSocket that does nothing with
 * the bytes.
 */

#define CHUNKS 100000
#define RUNS   5

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);

  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, (GCompareFunc)compare_doubles);

  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  if (!prism_completion_run_finish (PRISM_COMPLETION (object), result, &error))
    g_error ("the benchmark's stream failed: %s", error->message);
  *done = TRUE;
}

static void
count_delta (PrismCompletion  *completion,
             PrismStreamEvent *event,
             guint            *n)
{
  if (event->kind == PRISM_STREAM_EVENT_CONTENT)
    (*n)++;
}

static double
client_run (PrismClient *client,
            const char  *model,
            guint64     *bytes)
{
  const char *models[] = { model, NULL };
  g_autoptr(PrismChatRequest) request = prism_chat_request_new ();
  g_autoptr(PrismCompletion) completion = NULL;
  gboolean done = FALSE;
  guint n = 0;
  double start;

  prism_chat_request_add_text (request, PRISM_CHAT_ROLE_USER, "count to a hundred thousand");
  completion = prism_completion_new (client, models, request);
  g_signal_connect (completion, "delta", G_CALLBACK (count_delta), &n);

  start = cpu_seconds ();
  prism_completion_run_async (completion, NULL, run_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  start = cpu_seconds () - start;

  if (n != CHUNKS)
    g_error ("expected %u chunks, got %u", CHUNKS, n);
  *bytes = strlen (prism_completion_get_content (completion));

  return start;
}

/* The floor: the same HTTP request, its response read to the end by a
 * plain socket, nothing parsed.
 */
static double
floor_run (guint16     port,
           const char *body,
           guint64    *bytes)
{
  g_autoptr(GSocketClient) socket_client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  char buffer[16384];
  GInputStream *in;
  gssize n;
  double start;

  start = cpu_seconds ();
  connection = g_socket_client_connect_to_host (socket_client, "127.0.0.1", port, NULL, &error);
  g_assert_no_error (error);
  head = g_strdup_printf ("POST /openai/v1/chat/completions HTTP/1.1\r\n"
                          "Host: 127.0.0.1\r\nAuthorization: Bearer test-key\r\n"
                          "Content-Type: application/json\r\nConnection: close\r\n"
                          "Content-Length: %zu\r\n\r\n%s",
                          strlen (body), body);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             head, strlen (head), NULL, NULL, &error);
  g_assert_no_error (error);

  in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  *bytes = 0;
  while ((n = g_input_stream_read (in, buffer, sizeof buffer, NULL, &error)) > 0)
    *bytes += n;
  g_assert_no_error (error);

  return cpu_seconds () - start;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GDataInputStream) server_out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismProviderRegistry) registry = NULL;
  g_autoptr(PrismClient) client = NULL;
  g_autofree char *fake = NULL;
  g_autofree char *line = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *ini = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *model = g_strdup_printf ("openai:bench+chunks=%u", CHUNKS);
  g_autofree char *body = g_strdup_printf ("{\"model\":\"bench+chunks=%u\",\"stream\":true,"
                                           "\"messages\":[{\"role\":\"user\",\"content\":\"count\"}]}",
                                           CHUNKS);
  double client_cpu[RUNS], floor_cpu[RUNS];
  guint64 content_bytes = 0, wire_bytes = 0;
  guint16 port;

  /* The fake provider is built beside this program. */
  {
    g_autofree char *self_dir = g_path_get_dirname (argv[0]);

    fake = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : self_dir,
                             "fake-provider", "prism-fake-provider", NULL);
  }

  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                             &error, fake, NULL);
  g_assert_no_error (error);
  server_out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  line = g_data_input_stream_read_line (server_out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL || sscanf (line, "PORT %hu", &port) != 1)
    g_error ("the fake provider did not say its port");

  dir = g_dir_make_tmp ("prism-bench-client-XXXXXX", &error);
  g_assert_no_error (error);
  ini = g_build_filename (dir, "providers.ini", NULL);
  contents = g_strdup_printf ("[provider openai]\nbase-url=http://127.0.0.1:%u/openai/v1\n", port);
  g_file_set_contents (ini, contents, -1, &error);
  g_assert_no_error (error);
  g_setenv ("OPENAI_API_KEY", "test-key", TRUE);

  registry = prism_provider_registry_new_for_path (ini);
  prism_provider_registry_load (registry, &error);
  g_assert_no_error (error);
  client = prism_client_new (registry, NULL, NULL);

  /* One run each to warm the connection and the allocator. */
  client_run (client, model, &content_bytes);
  floor_run (port, body, &wire_bytes);

  for (guint i = 0; i < RUNS; i++)
    {
      client_cpu[i] = client_run (client, model, &content_bytes);
      floor_cpu[i] = floor_run (port, body, &wire_bytes);
    }

  printf ("client CPU time per chunk, %u chunks of an OpenAI stream (%.1f MB on the wire), median of %u:\n",
          CHUNKS, wire_bytes / 1e6, RUNS);
  printf ("  %-40s %8.3f µs/chunk  %7.1f ms total\n", "Prism client (libsoup → SSE → decoder)",
          median (client_cpu, RUNS) / CHUNKS * 1e6, median (client_cpu, RUNS) * 1e3);
  printf ("  %-40s %8.3f µs/chunk  %7.1f ms total\n", "floor: bare socket read of the same bytes",
          median (floor_cpu, RUNS) / CHUNKS * 1e6, median (floor_cpu, RUNS) * 1e3);
  printf ("  content received: %" G_GUINT64_FORMAT " bytes\n", content_bytes);

  g_subprocess_force_exit (server);
  g_unlink (ini);
  g_rmdir (dir);

  return 0;
}
