/* protocol-test-util.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "prism-error.h"
#include "prism-protocol.h"

/* What the protocol tests share: reading a recorded response from
 * tests/data/protocols/, feeding it to a decoder event by event (a
 * minimal SSE splitter of its own, so that these tests do not depend
 * on the real parser's behaviour), and summing up the events.
 */

typedef struct
{
  GPtrArray *events;
  GString   *content;
  GString   *reasoning;
  GError    *error;        /* from feed or finish, not an ERROR event */
} Decoded;

static inline void
decoded_free (Decoded *decoded)
{
  g_ptr_array_unref (decoded->events);
  g_string_free (decoded->content, TRUE);
  g_string_free (decoded->reasoning, TRUE);
  g_clear_error (&decoded->error);
  g_free (decoded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Decoded, decoded_free)

G_GNUC_NO_INLINE G_GNUC_UNUSED static char *
read_test_data (const char *name,
                gsize      *len)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "protocols", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);

  return contents;
}

static inline Decoded *
decoded_new (void)
{
  Decoded *decoded = g_new0 (Decoded, 1);

  decoded->events = g_ptr_array_new_with_free_func ((GDestroyNotify) prism_stream_event_free);
  decoded->content = g_string_new (NULL);
  decoded->reasoning = g_string_new (NULL);

  return decoded;
}

static inline void
decoded_sum (Decoded *decoded)
{
  for (guint i = 0; i < decoded->events->len; i++)
    {
      PrismStreamEvent *event = g_ptr_array_index (decoded->events, i);

      if (event->kind == PRISM_STREAM_EVENT_CONTENT)
        g_string_append (decoded->content, event->text);
      else if (event->kind == PRISM_STREAM_EVENT_REASONING)
        g_string_append (decoded->reasoning, event->text);
    }
}

/* Splits @text at blank lines into events of `event:` and `data:`
 * lines (LF only, as the recordings here are written), skipping
 * comments, and feeds each to @decoder.
 */
static inline gboolean
feed_sse_text (PrismStreamDecoder  *decoder,
               const char          *text,
               GPtrArray           *events,
               GError             **error)
{
  g_auto(GStrv) blocks = g_strsplit (text, "\n\n", -1);

  for (guint i = 0; blocks[i] != NULL; i++)
    {
      g_auto(GStrv) lines = g_strsplit (blocks[i], "\n", -1);
      g_autoptr(GString) data = NULL;
      g_autofree char *event_type = NULL;

      for (guint j = 0; lines[j] != NULL; j++)
        {
          const char *line = lines[j];

          if (g_str_has_prefix (line, "event:"))
            {
              g_free (event_type);
              event_type = g_strdup (g_strstrip (lines[j] + strlen ("event:")));
            }
          else if (g_str_has_prefix (line, "data:"))
            {
              const char *value = line + strlen ("data:");

              if (*value == ' ')
                value++;
              if (data == NULL)
                data = g_string_new (value);
              else
                g_string_append_printf (data, "\n%s", value);
            }
        }

      if (data != NULL &&
          !prism_stream_decoder_feed_sse (decoder, event_type ? event_type : "message",
                                          data->str, data->len, events, error))
        return FALSE;
    }

  return TRUE;
}

static inline gboolean
feed_ndjson_text (PrismStreamDecoder  *decoder,
                  const char          *text,
                  GPtrArray           *events,
                  GError             **error)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0')
        continue;
      if (!prism_stream_decoder_feed_line (decoder, lines[i], strlen (lines[i]), events, error))
        return FALSE;
    }

  return TRUE;
}

/* Decodes @text as @kind's stream, then ends it. */
static inline Decoded *
decode_text (const char *kind,
             const char *text)
{
  g_autoptr(PrismProtocol) protocol = prism_protocol_new_for_kind (kind);
  g_autoptr(PrismStreamDecoder) decoder = prism_protocol_create_decoder (protocol);
  Decoded *decoded = decoded_new ();
  gboolean ok;

  if (prism_protocol_get_framing (protocol) == PRISM_STREAM_FRAMING_SSE)
    ok = feed_sse_text (decoder, text, decoded->events, &decoded->error);
  else
    ok = feed_ndjson_text (decoder, text, decoded->events, &decoded->error);

  if (ok)
    prism_stream_decoder_finish (decoder, decoded->events, &decoded->error);

  decoded_sum (decoded);

  return decoded;
}

static inline Decoded *
decode_file (const char *kind,
             const char *name)
{
  g_autofree char *text = read_test_data (name, NULL);

  return decode_text (kind, text);
}

static inline Decoded *
decode_whole_text (const char *kind,
                   const char *body)
{
  g_autoptr(PrismProtocol) protocol = prism_protocol_new_for_kind (kind);
  g_autoptr(PrismStreamDecoder) decoder = prism_protocol_create_decoder (protocol);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  Decoded *decoded = decoded_new ();

  prism_stream_decoder_decode_whole (decoder, bytes, decoded->events, &decoded->error);
  decoded_sum (decoded);

  return decoded;
}

static inline PrismStreamEvent *
find_event (Decoded              *decoded,
            PrismStreamEventKind  kind)
{
  for (guint i = 0; i < decoded->events->len; i++)
    {
      PrismStreamEvent *event = g_ptr_array_index (decoded->events, i);

      if (event->kind == kind)
        return event;
    }

  return NULL;
}

static inline guint
count_events (Decoded              *decoded,
              PrismStreamEventKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < decoded->events->len; i++)
    n += ((PrismStreamEvent *)g_ptr_array_index (decoded->events, i))->kind == kind;

  return n;
}

static inline PrismStreamEvent *
last_event (Decoded *decoded)
{
  g_assert_cmpuint (decoded->events->len, >, 0);

  return g_ptr_array_index (decoded->events, decoded->events->len - 1);
}

/* The arguments of the tool call with @index, its pieces joined. */
static inline char *
tool_arguments (Decoded *decoded,
                gint     index)
{
  GString *arguments = g_string_new (NULL);

  for (guint i = 0; i < decoded->events->len; i++)
    {
      PrismStreamEvent *event = g_ptr_array_index (decoded->events, i);

      if (event->kind == PRISM_STREAM_EVENT_TOOL_CALL && event->tool_index == index)
        g_string_append (arguments, event->tool_arguments);
    }

  return g_string_free (arguments, FALSE);
}

static inline void
assert_usage (Decoded *decoded,
              gint64   input,
              gint64   cached,
              gint64   cache_write,
              gint64   output,
              gint64   reasoning)
{
  PrismStreamEvent *usage = find_event (decoded, PRISM_STREAM_EVENT_USAGE);

  g_assert_nonnull (usage);
  g_assert_true (usage->usage.known);
  g_assert_cmpint (usage->usage.input_tokens, ==, input);
  g_assert_cmpint (usage->usage.cached_input_tokens, ==, cached);
  g_assert_cmpint (usage->usage.cache_write_tokens, ==, cache_write);
  g_assert_cmpint (usage->usage.output_tokens, ==, output);
  g_assert_cmpint (usage->usage.reasoning_tokens, ==, reasoning);
  g_assert_cmpuint (count_events (decoded, PRISM_STREAM_EVENT_USAGE), ==, 1);
}

static inline void
assert_finished (Decoded           *decoded,
                 PrismFinishReason  reason,
                 const char        *raw)
{
  PrismStreamEvent *finish = last_event (decoded);

  g_assert_no_error (decoded->error);
  g_assert_cmpint (finish->kind, ==, PRISM_STREAM_EVENT_FINISH);
  g_assert_cmpint (finish->finish_reason, ==, reason);
  g_assert_cmpstr (finish->raw_finish_reason, ==, raw);
  g_assert_cmpuint (count_events (decoded, PRISM_STREAM_EVENT_FINISH), ==, 1);
}

/* The stream ended with an ERROR event of @code; returns its error. */
static inline const GError *
assert_failed (Decoded        *decoded,
               PrismErrorCode  code)
{
  PrismStreamEvent *event = last_event (decoded);

  g_assert_no_error (decoded->error);
  g_assert_cmpint (event->kind, ==, PRISM_STREAM_EVENT_ERROR);
  g_assert_error (event->error, PRISM_ERROR, (int)code);
  g_assert_cmpuint (count_events (decoded, PRISM_STREAM_EVENT_FINISH), ==, 0);

  return event->error;
}

/* The request body of @message, parsed. */
static inline JsonObject *
request_body (SoupMessage *message)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GBytes *bytes = prism_protocol_get_request_body (message);

  g_assert_nonnull (bytes);
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static inline char *
request_uri (SoupMessage *message)
{
  return g_uri_to_string (soup_message_get_uri (message));
}

static inline const char *
request_header (SoupMessage *message,
                const char  *name)
{
  return soup_message_headers_get_one (soup_message_get_request_headers (message), name);
}

static inline SoupMessage *
build_chat (const char       *kind,
            const char       *base_url,
            const char       *model,
            const char       *key,
            PrismChatRequest *request)
{
  g_autoptr(PrismProtocol) protocol = prism_protocol_new_for_kind (kind);
  g_autoptr(GError) error = NULL;
  SoupMessage *message;

  message = prism_protocol_build_chat_message (protocol, base_url, model, key, request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (message);

  return message;
}

static inline GError *
parse_error_body (const char *kind,
                  guint       status,
                  const char *content_type,
                  const char *body,
                  const char *retry_after)
{
  g_autoptr(PrismProtocol) protocol = prism_protocol_new_for_kind (kind);
  g_autoptr(GBytes) bytes = body != NULL ? g_bytes_new (body, strlen (body)) : NULL;

  return prism_protocol_parse_error (protocol, status, content_type, bytes, retry_after, NULL);
}

/* Asserts @error is of @code with @status and @retry_after attached,
 * and that its message quotes @quote.
 */
static inline void
assert_http_error (GError         *error,
                   PrismErrorCode  code,
                   guint           status,
                   gint64          retry_after,
                   const char     *quote)
{
  g_assert_error (error, PRISM_ERROR, (int)code);
  g_assert_cmpuint (prism_error_get_http_status (error), ==, status);
  g_assert_cmpint (prism_error_get_retry_after (error), ==, retry_after);
  if (quote != NULL && strstr (error->message, quote) == NULL)
    g_error ("“%s” does not quote “%s”", error->message, quote);
  g_error_free (error);
}

static inline GPtrArray *
parse_models_text (const char *kind,
                   const char *provider_id,
                   const char *body)
{
  g_autoptr(PrismProtocol) protocol = prism_protocol_new_for_kind (kind);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(GError) error = NULL;
  GPtrArray *models;

  models = prism_protocol_parse_models (protocol, provider_id, bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (models);

  return models;
}
