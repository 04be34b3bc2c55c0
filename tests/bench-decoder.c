/* bench-decoder.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Throughput of a whole stream's decoding, as the client does it: a
 * large stream of each protocol, handed over in 4 KiB pieces, through
 * the stream parser and the protocol's decoder into PrismStreamEvents.
 * Beside it, in the same run on the same bytes, two floors: copying
 * each piece (memcpy, touching every byte once) and the parser alone.
 * Medians of seven runs.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "prism-ndjson-parser.h"
#include "prism-protocol.h"
#include "prism-sse-parser.h"

#define RUNS        7
#define PIECE       4096
#define STREAM_SIZE ((gsize) 16 * 1024 * 1024)

typedef struct
{
  const char *kind;
  const char *head;
  const char *chunk;
  const char *tail;
} Recording;

/* One content delta of each protocol, as the providers send them. */
static const Recording recordings[] = {
  {
    "openai",
    "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}],\"usage\":null}\n\n",
    "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" token\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n",
    "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}\n\n"
    "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":20,\"total_tokens\":30}}\n\n"
    "data: [DONE]\n\n",
  },
  {
    "anthropic",
    "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}\n\n"
    "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
    "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\" token\"}}\n\n",
    "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
    "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":20}}\n\n"
    "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
  },
  {
    "gemini",
    "",
    "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\" token\"}],\"role\":\"model\"},\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":10,\"candidatesTokenCount\":20,\"totalTokenCount\":30},\"modelVersion\":\"gemini-2.5-flash\"}\n\n",
    "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\"}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":10,\"candidatesTokenCount\":20,\"totalTokenCount\":30}}\n\n",
  },
  {
    "ollama",
    "",
    "{\"model\":\"llama3.2\",\"created_at\":\"2025-08-21T10:00:00.050Z\",\"message\":{\"role\":\"assistant\",\"content\":\" token\"},\"done\":false}\n",
    "{\"model\":\"llama3.2\",\"created_at\":\"2025-08-21T10:00:01Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":10,\"eval_count\":20}\n",
  },
};

typedef struct
{
  PrismStreamDecoder *decoder;
  GPtrArray          *events;
  guint64             n_events;
  guint64             n_stream_events;
  gboolean            failed;
} Sink;

static volatile guchar sink_byte;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values)
{
  qsort (values, RUNS, sizeof (double), compare_doubles);

  return values[RUNS / 2];
}

static void
on_sse_event (const char *event_type,
              const char *data,
              gsize       data_len,
              const char *last_event_id,
              gpointer    user_data)
{
  Sink *sink = user_data;

  sink->n_events++;

  if (sink->decoder == NULL || sink->failed)
    return;

  if (!prism_stream_decoder_feed_sse (sink->decoder, event_type, data, data_len, sink->events, NULL))
    sink->failed = TRUE;

  sink->n_stream_events += sink->events->len;
  g_ptr_array_set_size (sink->events, 0);
}

static void
on_line (const char *line,
         gsize       len,
         gpointer    user_data)
{
  Sink *sink = user_data;

  sink->n_events++;

  if (sink->decoder == NULL || sink->failed)
    return;

  if (!prism_stream_decoder_feed_line (sink->decoder, line, len, sink->events, NULL))
    sink->failed = TRUE;

  sink->n_stream_events += sink->events->len;
  g_ptr_array_set_size (sink->events, 0);
}

static GString *
build_stream (const Recording *recording)
{
  GString *stream = g_string_sized_new (STREAM_SIZE + 4096);

  g_string_append (stream, recording->head);
  while (stream->len < STREAM_SIZE)
    g_string_append (stream, recording->chunk);
  g_string_append (stream, recording->tail);

  return stream;
}

static double
seconds_memcpy (const GString *stream)
{
  g_autofree char *buffer = g_malloc (PIECE);
  gint64 start = g_get_monotonic_time ();

  for (gsize offset = 0; offset < stream->len; offset += PIECE)
    {
      gsize n = MIN (PIECE, stream->len - offset);

      memcpy (buffer, stream->str + offset, n);
      sink_byte ^= buffer[n - 1];
    }

  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/* Parses @stream, decoding too when @protocol is set. */
static double
seconds_parse (PrismProtocol *protocol,
               gboolean       decode,
               const GString *stream,
               Sink          *sink)
{
  g_autoptr(PrismStreamDecoder) decoder = decode ? prism_protocol_create_decoder (protocol) : NULL;
  g_autoptr(PrismSseParser) sse = NULL;
  g_autoptr(PrismNdjsonParser) ndjson = NULL;
  gint64 start;

  memset (sink, 0, sizeof *sink);
  sink->decoder = decoder;
  sink->events = g_ptr_array_new_with_free_func ((GDestroyNotify) prism_stream_event_free);

  start = g_get_monotonic_time ();

  if (prism_protocol_get_framing (protocol) == PRISM_STREAM_FRAMING_SSE)
    sse = prism_sse_parser_new (on_sse_event, sink);
  else
    ndjson = prism_ndjson_parser_new (on_line, sink);

  for (gsize offset = 0; offset < stream->len; offset += PIECE)
    {
      gsize n = MIN (PIECE, stream->len - offset);

      if (sse != NULL)
        prism_sse_parser_feed (sse, stream->str + offset, n, NULL);
      else
        prism_ndjson_parser_feed (ndjson, stream->str + offset, n, NULL);
    }

  if (sse != NULL)
    prism_sse_parser_finish (sse, NULL);
  else
    prism_ndjson_parser_finish (ndjson, NULL);

  if (decoder != NULL &&
      (sink->failed || !prism_stream_decoder_finish (decoder, sink->events, NULL)))
    g_error ("the %s stream did not decode", prism_protocol_get_kind (protocol));

  sink->n_stream_events += sink->events->len;

  {
    double seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

    g_ptr_array_unref (sink->events);
    return seconds;
  }
}

int
main (int   argc,
      char *argv[])
{
  printf ("Decoding: each protocol's content deltas repeated to %.0f MB, read in %u-byte pieces;\n"
          "medians of %u runs. events/s counts PrismStreamEvents out of the decoder.\n\n",
          STREAM_SIZE / 1e6, PIECE, RUNS);
  printf ("%-34s %10s %14s\n", "", "MB/s", "events/s");

  for (guint r = 0; r < G_N_ELEMENTS (recordings); r++)
    {
      g_autoptr(PrismProtocol) protocol = prism_protocol_new_for_kind (recordings[r].kind);
      g_autoptr(GString) stream = build_stream (&recordings[r]);
      double copy[RUNS];
      double parse[RUNS];
      double decode[RUNS];
      double events[RUNS];
      double mb = stream->len / 1e6;
      g_autofree char *label = NULL;
      Sink sink;

      for (guint i = 0; i < RUNS; i++)
        {
          double seconds;

          copy[i] = mb / seconds_memcpy (stream);
          parse[i] = mb / seconds_parse (protocol, FALSE, stream, &sink);
          seconds = seconds_parse (protocol, TRUE, stream, &sink);
          decode[i] = mb / seconds;
          events[i] = sink.n_stream_events / seconds;
        }

      printf ("%s (%" G_GUINT64_FORMAT " events in, %" G_GUINT64_FORMAT " out)\n",
              recordings[r].kind, sink.n_events, sink.n_stream_events);
      printf ("  %-32s %10.0f %14s\n", "floor: memcpy of each piece", median (copy), "-");
      label = g_strdup_printf ("floor: %s parser alone",
                               prism_protocol_get_framing (protocol) == PRISM_STREAM_FRAMING_SSE ? "SSE" : "NDJSON");
      printf ("  %-32s %10.0f %14s\n", label, median (parse), "-");
      printf ("  %-32s %10.0f %14.0f\n", "parser + decoder", median (decode), median (events));
    }

  return 0;
}
