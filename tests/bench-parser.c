/* bench-parser.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Throughput of the stream parsers on a large recorded stream read in
 * 4 KiB pieces, as libsoup hands them over, beside two floors measured
 * in the same run on the same bytes: copying each piece (touching every
 * byte once) and read()ing the stream from a file in the page cache, as
 * `cat` would. The parser's figure only means something next to them. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "prism-ndjson-parser.h"
#include "prism-sse-parser.h"

#define RUNS        7
#define PIECE       4096
#define STREAM_SIZE ((gsize) 64 * 1024 * 1024)

typedef struct
{
  const char *name;
  double      mb_per_s[RUNS];
  double      events_per_s[RUNS];
  gboolean    has_events;
} Row;

typedef struct
{
  guint64 events;
  guint64 bytes;
} Counter;

static volatile guchar sink;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (const double *values)
{
  double sorted[RUNS];

  memcpy (sorted, values, sizeof sorted);
  qsort (sorted, RUNS, sizeof (double), compare_doubles);

  return sorted[RUNS / 2];
}

static void
on_event (const char *event_type,
          const char *data,
          gsize       data_len,
          const char *last_event_id,
          gpointer    user_data)
{
  Counter *counter = user_data;

  counter->events++;
  counter->bytes += data_len;
}

static void
on_line (const char *line,
         gsize       len,
         gpointer    user_data)
{
  Counter *counter = user_data;

  counter->events++;
  counter->bytes += len;
}

/* The recorded stream, repeated to STREAM_SIZE or just past it. */
static GString *
build_stream (const char *name,
              guint      *copies)
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  g_autofree char *path = NULL;
  g_autofree char *one = NULL;
  g_autoptr(GError) error = NULL;
  GString *stream;
  gsize len;

  if (srcdir == NULL)
    g_error ("G_TEST_SRCDIR is not set; run this with `meson test --benchmark`");

  path = g_build_filename (srcdir, "data", "streams", name, NULL);
  if (!g_file_get_contents (path, &one, &len, &error))
    g_error ("%s", error->message);

  stream = g_string_sized_new (STREAM_SIZE + len);
  for (*copies = 0; stream->len < STREAM_SIZE; (*copies)++)
    g_string_append_len (stream, one, len);

  return stream;
}

static double
mb_per_s (gsize  bytes,
          gint64 usec)
{
  return bytes / (double) MAX (usec, 1);
}

static void
run_memcpy (const GString *stream,
            Row           *row,
            guint          run)
{
  guchar piece[PIECE];
  gint64 start = g_get_monotonic_time ();

  for (gsize at = 0; at < stream->len; at += PIECE)
    {
      gsize n = MIN (PIECE, stream->len - at);

      memcpy (piece, stream->str + at, n);
      sink ^= piece[n - 1];
    }

  row->mb_per_s[run] = mb_per_s (stream->len, g_get_monotonic_time () - start);
}

static void
run_read (const char    *path,
          const GString *stream,
          Row           *row,
          guint          run)
{
  char piece[PIECE];
  gsize total = 0;
  gint64 start = g_get_monotonic_time ();
  int fd = open (path, O_RDONLY);
  gssize n;

  if (fd < 0)
    g_error ("Could not open %s: %s", path, g_strerror (errno));

  while ((n = read (fd, piece, sizeof piece)) > 0)
    {
      sink ^= piece[n - 1];
      total += n;
    }
  close (fd);

  if (n < 0 || total != stream->len)
    g_error ("Could not read %s back", path);

  row->mb_per_s[run] = mb_per_s (stream->len, g_get_monotonic_time () - start);
}

static void
run_sse (const GString *stream,
         guint64        expected_events,
         Row           *row,
         guint          run)
{
  Counter counter = { 0, };
  PrismSseParser *parser = prism_sse_parser_new (on_event, &counter);
  gint64 start = g_get_monotonic_time ();
  gint64 usec;

  for (gsize at = 0; at < stream->len; at += PIECE)
    if (!prism_sse_parser_feed (parser, stream->str + at, MIN (PIECE, stream->len - at), NULL))
      g_error ("The SSE parser failed");
  if (!prism_sse_parser_finish (parser, NULL))
    g_error ("The SSE parser failed");

  usec = g_get_monotonic_time () - start;
  prism_sse_parser_free (parser);

  if (counter.events != expected_events)
    g_error ("The SSE parser found %" G_GUINT64_FORMAT " events, not %" G_GUINT64_FORMAT,
             counter.events, expected_events);

  row->mb_per_s[run] = mb_per_s (stream->len, usec);
  row->events_per_s[run] = counter.events / (MAX (usec, 1) / 1e6);
}

static void
run_read_sse (const char    *path,
              const GString *stream,
              guint64        expected_events,
              Row           *row,
              guint          run)
{
  char piece[PIECE];
  Counter counter = { 0, };
  PrismSseParser *parser = prism_sse_parser_new (on_event, &counter);
  gint64 start = g_get_monotonic_time ();
  int fd = open (path, O_RDONLY);
  gint64 usec;
  gssize n;

  if (fd < 0)
    g_error ("Could not open %s: %s", path, g_strerror (errno));

  while ((n = read (fd, piece, sizeof piece)) > 0)
    if (!prism_sse_parser_feed (parser, piece, n, NULL))
      g_error ("The SSE parser failed");
  close (fd);
  if (!prism_sse_parser_finish (parser, NULL))
    g_error ("The SSE parser failed");

  usec = g_get_monotonic_time () - start;
  prism_sse_parser_free (parser);

  if (counter.events != expected_events)
    g_error ("The SSE parser found %" G_GUINT64_FORMAT " events, not %" G_GUINT64_FORMAT,
             counter.events, expected_events);

  row->mb_per_s[run] = mb_per_s (stream->len, usec);
  row->events_per_s[run] = counter.events / (MAX (usec, 1) / 1e6);
}

static void
run_ndjson (const GString *stream,
            guint64        expected_lines,
            Row           *row,
            guint          run)
{
  Counter counter = { 0, };
  PrismNdjsonParser *parser = prism_ndjson_parser_new (on_line, &counter);
  gint64 start = g_get_monotonic_time ();
  gint64 usec;

  for (gsize at = 0; at < stream->len; at += PIECE)
    if (!prism_ndjson_parser_feed (parser, stream->str + at, MIN (PIECE, stream->len - at), NULL))
      g_error ("The NDJSON parser failed");
  if (!prism_ndjson_parser_finish (parser, NULL))
    g_error ("The NDJSON parser failed");

  usec = g_get_monotonic_time () - start;
  prism_ndjson_parser_free (parser);

  if (counter.events != expected_lines)
    g_error ("The NDJSON parser found %" G_GUINT64_FORMAT " lines, not %" G_GUINT64_FORMAT,
             counter.events, expected_lines);

  row->mb_per_s[run] = mb_per_s (stream->len, usec);
  row->events_per_s[run] = counter.events / (MAX (usec, 1) / 1e6);
}

static void
print_row (const Row *row)
{
  if (row->has_events)
    printf ("%-34s %10.0f %14.0f\n", row->name, median (row->mb_per_s), median (row->events_per_s));
  else
    printf ("%-34s %10.0f %14s\n", row->name, median (row->mb_per_s), "-");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GString *sse;
  GString *ndjson;
  guint sse_copies, ndjson_copies;
  int fd;
  Row rows[] = {
    { "floor: memcpy, 4 KiB pieces", { 0, }, { 0, }, FALSE },
    { "floor: read() from file, 4 KiB", { 0, }, { 0, }, FALSE },
    { "SSE parser, 4 KiB feeds", { 0, }, { 0, }, TRUE },
    { "read() + SSE parser, 4 KiB", { 0, }, { 0, }, TRUE },
    { "NDJSON parser, 4 KiB feeds", { 0, }, { 0, }, TRUE },
  };

  /* 20 events per copy of the OpenAI stream, 11 lines per Ollama one. */
  sse = build_stream ("openai-chat.sse", &sse_copies);
  ndjson = build_stream ("ollama-chat.ndjson", &ndjson_copies);

  fd = g_file_open_tmp ("prism-bench-parser-XXXXXX.sse", &path, &error);
  if (fd < 0)
    g_error ("%s", error->message);
  if (!g_file_set_contents (path, sse->str, sse->len, &error))
    g_error ("%s", error->message);
  close (fd);

  for (guint run = 0; run < RUNS; run++)
    {
      run_memcpy (sse, &rows[0], run);
      run_read (path, sse, &rows[1], run);
      run_sse (sse, 20 * (guint64) sse_copies, &rows[2], run);
      run_read_sse (path, sse, 20 * (guint64) sse_copies, &rows[3], run);
      run_ndjson (ndjson, 11 * (guint64) ndjson_copies, &rows[4], run);
    }

  g_unlink (path);

  printf ("Stream parsers: OpenAI chat stream repeated to %.1f MB (%u events), Ollama stream to %.1f MB;\n"
          "median of %d runs, MB = 10^6 bytes\n\n",
          sse->len / 1e6, 20 * sse_copies, ndjson->len / 1e6, RUNS);
  printf ("%-34s %10s %14s\n", "", "MB/s", "events/s");
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    print_row (&rows[i]);

  g_string_free (sse, TRUE);
  g_string_free (ndjson, TRUE);

  return 0;
}
