/* test-protocol-streams.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Every recorded stream of tests/data/protocols/ through the real SSE
 * and NDJSON parsers into its protocol's decoder, read in one-byte
 * pieces and with CRLF line ends: the events must be exactly those of
 * the stream read in one piece. Read in two pieces split at every
 * byte, what the parser hands the decoder must be exactly the same as
 * well (the decoder is deterministic, so its events are too; decoding
 * each of those tens of thousands of reads again would only make the
 * test slow under the sanitizers).
 */

#include "config.h"

#include "prism-ndjson-parser.h"
#include "prism-sse-parser.h"
#include "protocol-test-util.h"

static const struct
{
  const char *kind;
  const char *file;
} recordings[] = {
  { "anthropic", "anthropic-error.sse" },
  { "anthropic", "anthropic-text.sse" },
  { "anthropic", "anthropic-thinking-tools.sse" },
  { "gemini", "gemini-text.sse" },
  { "gemini", "gemini-thinking-tool.sse" },
  { "ollama", "ollama-error.ndjson" },
  { "ollama", "ollama-text.ndjson" },
  { "ollama", "ollama-tools.ndjson" },
  { "openai", "deepseek.sse" },
  { "openai", "groq.sse" },
  { "openai", "mistral.sse" },
  { "openai", "openai-text.sse" },
  { "openai", "openai-tool-calls.sse" },
  { "openai", "perplexity.sse" },
  { "openai", "xai.sse" },
  { "openrouter", "openrouter-error.sse" },
  { "openrouter", "openrouter-text.sse" },
};

typedef struct
{
  PrismStreamDecoder *decoder;
  GPtrArray          *events;
  GError             *error;
  GString            *handed;   /* what the parser gave, when not decoding */
} Sink;

static void
on_sse_event (const char *event_type,
              const char *data,
              gsize       data_len,
              const char *last_event_id,
              gpointer    user_data)
{
  Sink *sink = user_data;

  if (sink->handed != NULL)
    {
      g_string_append_printf (sink->handed, "%s\n", event_type);
      g_string_append_len (sink->handed, data, data_len);
      g_string_append_c (sink->handed, '\0');
      return;
    }

  if (sink->error == NULL)
    prism_stream_decoder_feed_sse (sink->decoder, event_type, data, data_len, sink->events, &sink->error);
}

static void
on_line (const char *line,
         gsize       len,
         gpointer    user_data)
{
  Sink *sink = user_data;

  if (sink->handed != NULL)
    {
      g_string_append_len (sink->handed, line, len);
      g_string_append_c (sink->handed, '\0');
      return;
    }

  if (sink->error == NULL)
    prism_stream_decoder_feed_line (sink->decoder, line, len, sink->events, &sink->error);
}

static const char *
or_none (const char *text)
{
  return text != NULL ? text : "(none)";
}

/* One line per event, with every field, so that two runs compare as
 * strings.
 */
static char *
describe (GPtrArray    *events,
          const GError *error)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < events->len; i++)
    {
      PrismStreamEvent *event = g_ptr_array_index (events, i);

      g_string_append_printf (out, "%s text=%s tool=%d/%s/%s/%s usage=%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%"
                              G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%d cost=%g finish=%s/%s "
                              "error=%s served=%s/%s\n",
                              prism_stream_event_kind_to_string (event->kind),
                              or_none (event->text), event->tool_index, or_none (event->tool_id),
                              or_none (event->tool_name), or_none (event->tool_arguments),
                              event->usage.input_tokens, event->usage.cached_input_tokens,
                              event->usage.cache_write_tokens, event->usage.output_tokens,
                              event->usage.reasoning_tokens, event->usage.known, event->provider_cost,
                              prism_finish_reason_to_string (event->finish_reason), or_none (event->raw_finish_reason),
                              or_none (event->error ? event->error->message : NULL),
                              or_none (event->served_model), or_none (event->served_provider));
    }

  if (error != NULL)
    g_string_append_printf (out, "failed: %s\n", error->message);

  return g_string_free (out, FALSE);
}

/* Reads @text in pieces ending at each of @cuts (ascending), then the
 * rest, and returns the events decoded; or, with @parse_only, what the
 * parser handed over.
 */
static char *
read_pieces (const char  *kind,
             const char  *text,
             gsize        len,
             const gsize *cuts,
             guint        n_cuts,
             gboolean     parse_only,
             gsize       *out_len)
{
  g_autoptr(PrismProtocol) protocol = prism_protocol_new_for_kind (kind);
  g_autoptr(PrismStreamDecoder) decoder = prism_protocol_create_decoder (protocol);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) prism_stream_event_free);
  g_autoptr(PrismSseParser) sse = NULL;
  g_autoptr(PrismNdjsonParser) ndjson = NULL;
  g_autoptr(GError) error = NULL;
  Sink sink = { decoder, events, NULL, parse_only ? g_string_new (NULL) : NULL };
  gsize start = 0;

  if (prism_protocol_get_framing (protocol) == PRISM_STREAM_FRAMING_SSE)
    sse = prism_sse_parser_new (on_sse_event, &sink);
  else
    ndjson = prism_ndjson_parser_new (on_line, &sink);

  for (guint i = 0; i <= n_cuts; i++)
    {
      gsize end = i < n_cuts ? cuts[i] : len;

      if (sse != NULL)
        prism_sse_parser_feed (sse, text + start, end - start, &error);
      else
        prism_ndjson_parser_feed (ndjson, text + start, end - start, &error);
      g_assert_no_error (error);
      start = end;
    }

  if (sse != NULL)
    prism_sse_parser_finish (sse, &error);
  else
    prism_ndjson_parser_finish (ndjson, &error);
  g_assert_no_error (error);

  if (parse_only)
    {
      *out_len = sink.handed->len;
      return g_string_free (sink.handed, FALSE);
    }

  if (sink.error == NULL)
    prism_stream_decoder_finish (decoder, events, &sink.error);

  {
    char *description = describe (events, sink.error);

    g_clear_error (&sink.error);
    return description;
  }
}

static char *
decode_pieces (const char  *kind,
               const char  *text,
               gsize        len,
               const gsize *cuts,
               guint        n_cuts)
{
  return read_pieces (kind, text, len, cuts, n_cuts, FALSE, NULL);
}

static void
test_split_everywhere (void)
{
  for (guint r = 0; r < G_N_ELEMENTS (recordings); r++)
    {
      gsize len;
      gsize whole_len;
      g_autofree char *text = read_test_data (recordings[r].file, &len);
      g_autofree char *decoded = decode_pieces (recordings[r].kind, text, len, NULL, 0);
      g_autofree char *whole = read_pieces (recordings[r].kind, text, len, NULL, 0, TRUE, &whole_len);

      /* The recordings all end well: a FINISH or an ERROR event. */
      g_assert_true (g_str_has_suffix (decoded, "\n"));
      g_assert_true (strstr (decoded, "\nfinish ") != NULL || strstr (decoded, "\nerror ") != NULL);
      g_assert_null (strstr (decoded, "failed:"));
      g_assert_cmpuint (whole_len, >, 0);

      for (gsize cut = 1; cut < len; cut++)
        {
          gsize split_len;
          g_autofree char *split = read_pieces (recordings[r].kind, text, len, &cut, 1, TRUE, &split_len);

          if (split_len != whole_len || memcmp (split, whole, whole_len) != 0)
            g_error ("%s split at %" G_GSIZE_FORMAT " reached the decoder differently", recordings[r].file, cut);
        }
    }
}

static void
test_byte_by_byte (void)
{
  for (guint r = 0; r < G_N_ELEMENTS (recordings); r++)
    {
      gsize len;
      g_autofree char *text = read_test_data (recordings[r].file, &len);
      g_autofree char *whole = decode_pieces (recordings[r].kind, text, len, NULL, 0);
      g_autofree gsize *cuts = g_new (gsize, len);
      g_autofree char *bytes = NULL;

      for (gsize i = 0; i < len; i++)
        cuts[i] = i;

      bytes = decode_pieces (recordings[r].kind, text, len, cuts, len);
      g_assert_cmpstr (bytes, ==, whole);
    }
}

static void
test_crlf (void)
{
  for (guint r = 0; r < G_N_ELEMENTS (recordings); r++)
    {
      gsize len;
      g_autofree char *text = read_test_data (recordings[r].file, &len);
      g_autofree char *whole = decode_pieces (recordings[r].kind, text, len, NULL, 0);
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
      g_autofree char *crlf = g_strjoinv ("\r\n", lines);
      g_autofree char *decoded = decode_pieces (recordings[r].kind, crlf, strlen (crlf), NULL, 0);

      g_assert_cmpstr (decoded, ==, whole);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/prism/protocol-streams/split-everywhere", test_split_everywhere);
  g_test_add_func ("/prism/protocol-streams/byte-by-byte", test_byte_by_byte);
  g_test_add_func ("/prism/protocol-streams/crlf", test_crlf);

  return g_test_run ();
}
