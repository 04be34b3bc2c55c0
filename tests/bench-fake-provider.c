/* bench-fake-provider.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How fast the fake provider streams 100,000 chunks to a SoupSession,
 * beside the floor of `cat` handing the same bytes to this process
 * through a pipe. Benchmarks of Prism's stream parsing use this server,
 * so it must not be what they measure. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "prism-fake-provider.h"

#define N_CHUNKS 100000
#define N_RUNS   5

static int
compare (const void *a,
         const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values)
{
  qsort (values, N_RUNS, sizeof *values, compare);
  return values[N_RUNS / 2];
}

static gsize
read_all (GInputStream *stream,
          GByteArray   *keep)
{
  static guint8 buf[256 * 1024];
  g_autoptr(GError) error = NULL;
  gsize total = 0;
  gssize n;

  while ((n = g_input_stream_read (stream, buf, sizeof buf, NULL, &error)) > 0)
    {
      total += n;
      if (keep != NULL)
        g_byte_array_append (keep, buf, n);
    }
  if (error != NULL)
    g_error ("Reading failed: %s", error->message);

  return total;
}

static gsize
stream_once (SoupSession *session,
             const char  *url,
             GByteArray  *keep)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"model\":\"chunks=%d\",\"stream\":true,"
                                           "\"messages\":[{\"role\":\"user\",\"content\":\"bench\"}]}",
                                           N_CHUNKS);
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));

  soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization", "Bearer test-key");
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  stream = soup_session_send (session, msg, NULL, &error);
  if (stream == NULL)
    g_error ("Request failed: %s", error->message);

  return read_all (stream, keep);
}

static gsize
cat_once (const char *path)
{
  const char *argv[] = { "cat", path, NULL };
  g_autoptr(GSubprocess) cat = NULL;
  g_autoptr(GError) error = NULL;
  gsize total;

  cat = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  if (cat == NULL)
    g_error ("Cannot run cat: %s", error->message);
  total = read_all (g_subprocess_get_stdout_pipe (cat), NULL);
  if (!g_subprocess_wait_check (cat, NULL, &error))
    g_error ("cat failed: %s", error->message);

  return total;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PrismFakeProvider) provider = prism_fake_provider_new ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  g_autofree char *path = NULL;
  double server_ms[N_RUNS];
  double cat_ms[N_RUNS];
  gsize size;
  int fd;

  if (!prism_fake_provider_start (provider, 0, &error))
    g_error ("%s", error->message);
  base = prism_fake_provider_get_base_url (provider, "openai");
  url = g_strconcat (base, "/chat/completions", NULL);

  /* A first stream, kept for cat, warms both sides up. */
  size = stream_once (session, url, bytes);
  fd = g_file_open_tmp ("bench-fake-provider-XXXXXX", &path, &error);
  if (fd < 0 || !g_file_set_contents (path, (const char *) bytes->data, bytes->len, &error))
    g_error ("Cannot write the stream to a file: %s", error ? error->message : "");
  close (fd);

  for (guint i = 0; i < N_RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();

      if (stream_once (session, url, NULL) != size)
        g_error ("The stream changed size between runs");
      server_ms[i] = (g_get_monotonic_time () - start) / 1000.0;

      start = g_get_monotonic_time ();
      if (cat_once (path) != size)
        g_error ("cat read a different size");
      cat_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  g_unlink (path);

  printf ("Streaming %d chunks (%.1f MB of SSE), median of %d\n", N_CHUNKS, size / 1e6, N_RUNS);
  printf ("%-30s %10s %12s %14s\n", "", "time", "MB/s", "chunks/s");
  printf ("%-30s %7.1f ms %12.0f %14.0f\n", "fake provider to SoupSession",
          median (server_ms), size / 1e3 / median (server_ms), N_CHUNKS * 1e3 / median (server_ms));
  printf ("%-30s %7.1f ms %12.0f %14.0f\n", "floor: cat of the same bytes",
          median (cat_ms), size / 1e3 / median (cat_ms), N_CHUNKS * 1e3 / median (cat_ms));

  return 0;
}
