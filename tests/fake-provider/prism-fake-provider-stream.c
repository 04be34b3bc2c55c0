/* prism-fake-provider-stream.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Writes one answer: the failure a scenario asks for, a whole JSON body,
 * or a stream. A stream is produced in batches of events appended as one
 * HTTP chunk each; the next batch is made when libsoup has written the
 * previous ones ("wrote-chunk"), so a 100,000-chunk stream costs a few
 * hundred appends and no timers. Timers exist only where a scenario asks
 * for time to pass (rate=, stall=, stall-first-byte=, endless). */

#define G_LOG_DOMAIN "prism-fake-provider"

#include "config.h"

#include <string.h>

#include "prism-fake-provider-private.h"

#define BATCH_SIZE      (32 * 1024)
#define MAX_OUTSTANDING 2
#define ENDLESS_RATE    200

enum {
  PHASE_HEAD,
  PHASE_PIECES,
  PHASE_TAIL,
  PHASE_DONE,
};

static void pump (PrismFakeRequest *req);

static void
on_finished (SoupServerMessage *msg,
             PrismFakeRequest  *req)
{
  req->finished = TRUE;
  prism_fake_request_abort (req);
  g_clear_signal_handler (&req->wrote_chunk_id, msg);
  g_clear_signal_handler (&req->finished_id, msg);
  prism_fake_provider_untrack (req->provider, req);
}

PrismFakeRequest *
prism_fake_request_new (PrismFakeProvider       *provider,
                        SoupServerMessage       *msg,
                        PrismFakeFlavor          flavor,
                        const PrismFakeProtocol *protocol)
{
  PrismFakeRequest *req = g_new0 (PrismFakeRequest, 1);

  g_atomic_ref_count_init (&req->ref_count);
  req->provider = provider;
  req->msg = g_object_ref (msg);
  req->flavor = flavor;
  req->protocol = protocol;
  req->open_kind = -1;
  req->id = g_strdup_printf ("%08x", g_random_int ());

  req->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (on_finished), req);
  prism_fake_provider_track (provider, req);

  return req;
}

PrismFakeRequest *
prism_fake_request_ref (PrismFakeRequest *req)
{
  g_atomic_ref_count_inc (&req->ref_count);
  return req;
}

void
prism_fake_request_unref (PrismFakeRequest *req)
{
  if (!g_atomic_ref_count_dec (&req->ref_count))
    return;

  if (req->msg != NULL)
    {
      g_clear_signal_handler (&req->wrote_chunk_id, req->msg);
      g_clear_signal_handler (&req->finished_id, req->msg);
    }
  g_clear_object (&req->msg);
  g_clear_pointer (&req->scenario, prism_fake_scenario_free);
  g_clear_pointer (&req->content, g_ptr_array_unref);
  g_clear_pointer (&req->reasoning, g_ptr_array_unref);
  g_clear_pointer (&req->tool, g_ptr_array_unref);
  g_clear_pointer (&req->backlog, g_byte_array_unref);
  g_free (req->model);
  g_free (req->id);
  g_free (req->prompt);
  g_free (req);
}

/* Stops every timer; the request does nothing more until it is freed. */
void
prism_fake_request_abort (PrismFakeRequest *req)
{
  if (req->timer != NULL)
    {
      g_source_destroy (req->timer);
      g_clear_pointer (&req->timer, g_source_unref);
    }
}

void
prism_fake_request_get_usage (PrismFakeRequest *req,
                              guint            *input,
                              guint            *cached,
                              guint            *output,
                              guint            *reasoning)
{
  *input = req->input_tokens;
  *cached = MIN (req->scenario->cached, req->input_tokens);

  if (req->stream)
    {
      *output = req->sent_content + req->sent_tool;
      *reasoning = req->sent_reasoning;
    }
  else
    {
      *output = req->n_content + req->tool->len;
      *reasoning = req->reasoning->len;
    }
}

/* Returns: the input tokens reported as written to cache, never more
 * than the input tokens not read from it */
guint
prism_fake_request_get_cache_write (PrismFakeRequest *req)
{
  guint cached = MIN (req->scenario->cached, req->input_tokens);

  return MIN (req->scenario->cache_write, req->input_tokens - cached);
}

void
prism_fake_respond_json (SoupServerMessage *msg,
                         guint              status,
                         const char        *json)
{
  soup_server_message_set_status (msg, status, prism_fake_status_phrase (status));
  soup_server_message_set_response (msg, "application/json",
                                    SOUP_MEMORY_COPY, json, strlen (json));
}

/* Parses the request body as a JSON object; on failure, answers 400 in
 * the protocol's own error shape and returns %NULL. */
JsonObject *
prism_fake_request_parse_body (PrismFakeRequest *req,
                               JsonParser       *parser)
{
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  JsonNode *root;

  if (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes), &error))
    {
      root = json_parser_get_root (parser);
      if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
        return json_node_get_object (root);
      message = g_strdup ("The request body must be a JSON object.");
    }
  else
    message = g_strdup_printf ("We could not parse the JSON body of your request: %s",
                               error->message);

  req->protocol->error (req, SOUP_STATUS_BAD_REQUEST, message);
  return NULL;
}

/* Returns: (nullable): the member @name of @object if it is an object */
JsonObject *
prism_fake_get_object (JsonObject *object,
                       const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* Appends the text of a message content: a string, or an array of parts
 * with "text" members (OpenAI, Anthropic, Gemini). */
void
prism_fake_append_text (GString  *out,
                        JsonNode *content)
{
  if (content == NULL)
    return;

  if (JSON_NODE_HOLDS_VALUE (content) && json_node_get_value_type (content) == G_TYPE_STRING)
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, json_node_get_string (content));
    }
  else if (JSON_NODE_HOLDS_ARRAY (content))
    {
      JsonArray *parts = json_node_get_array (content);

      for (guint i = 0; i < json_array_get_length (parts); i++)
        {
          JsonNode *part = json_array_get_element (parts, i);

          if (JSON_NODE_HOLDS_OBJECT (part))
            prism_fake_append_text (out, json_object_get_member (json_node_get_object (part), "text"));
        }
    }
}

/* Counts the words of @system and of every message (their @member:
 * "content", or "parts" for Gemini) as the input tokens, and keeps the
 * text of the last user message as the prompt. */
void
prism_fake_request_read_messages (PrismFakeRequest *req,
                                  JsonNode         *system,
                                  JsonNode         *messages,
                                  const char       *member)
{
  g_autoptr(GString) all = g_string_new (NULL);
  JsonArray *array;

  prism_fake_append_text (all, system);

  if (messages != NULL && JSON_NODE_HOLDS_ARRAY (messages))
    {
      array = json_node_get_array (messages);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          JsonObject *message;
          const char *role;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          message = json_node_get_object (node);
          prism_fake_append_text (all, json_object_get_member (message, member));

          /* Gemini may leave the role out of a user turn. */
          role = json_object_get_string_member_with_default (message, "role", "user");
          if (g_strcmp0 (role, "user") == 0)
            {
              g_autoptr(GString) text = g_string_new (NULL);

              prism_fake_append_text (text, json_object_get_member (message, member));
              g_free (req->prompt);
              req->prompt = g_string_free (g_steal_pointer (&text), FALSE);
            }
        }
    }

  req->input_tokens = prism_fake_count_words (all->str);
}

/* Answers a scenario error for the model string (400 with the parse
 * error), or parses the scenario into @req. */
gboolean
prism_fake_request_set_model (PrismFakeRequest *req,
                              const char       *model)
{
  g_autoptr(GError) error = NULL;

  if (model == NULL || *model == '\0')
    {
      req->protocol->error (req, SOUP_STATUS_BAD_REQUEST, "you must provide a model parameter");
      return FALSE;
    }

  /* OpenRouter's fallback list sets one model after another. */
  g_free (req->model);
  g_clear_pointer (&req->scenario, prism_fake_scenario_free);
  req->failure_decided = FALSE;

  req->model = g_strdup (model);
  req->scenario = prism_fake_scenario_parse (model, &error);
  if (req->scenario == NULL)
    {
      req->protocol->error (req, SOUP_STATUS_BAD_REQUEST, error->message);
      return FALSE;
    }

  return TRUE;
}

static void
add_timer (PrismFakeRequest *req,
           guint             ms,
           GSourceFunc       func)
{
  g_assert (req->timer == NULL);

  req->timer = g_timeout_source_new (ms);
  g_source_set_callback (req->timer, func, prism_fake_request_ref (req),
                         (GDestroyNotify) prism_fake_request_unref);
  g_source_attach (req->timer, g_main_context_get_thread_default ());
}

static void
set_flavor_headers (PrismFakeRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  g_autofree char *value = NULL;

  switch (req->flavor)
    {
    case PRISM_FAKE_FLAVOR_ANTHROPIC:
      value = g_strdup_printf ("req_fake%s", req->id);
      soup_message_headers_replace (headers, "request-id", value);
      break;
    case PRISM_FAKE_FLAVOR_OPENROUTER:
      value = g_strdup_printf ("gen-fake%s", req->id);
      soup_message_headers_replace (headers, "X-Generation-Id", value);
      break;
    case PRISM_FAKE_FLAVOR_GEMINI:
    case PRISM_FAKE_FLAVOR_OLLAMA:
      break;
    case PRISM_FAKE_FLAVOR_OPENAI:
    case PRISM_FAKE_FLAVOR_GROQ:
    case PRISM_FAKE_FLAVOR_DEEPSEEK:
    case PRISM_FAKE_FLAVOR_XAI:
    case PRISM_FAKE_FLAVOR_MISTRAL:
    case PRISM_FAKE_FLAVOR_PERPLEXITY:
    default:
      value = g_strdup_printf ("req_fake%s", req->id);
      soup_message_headers_replace (headers, "x-request-id", value);
      break;
    }
}

/* Line endings and splitting. */

static void
append_chunk (PrismFakeRequest *req,
              const guint8     *data,
              gsize             len)
{
  SoupMessageBody *body = soup_server_message_get_response_body (req->msg);

  soup_message_body_append (body, SOUP_MEMORY_COPY, data, len);
  req->outstanding++;
}

static void
feed_backlog (PrismFakeRequest *req)
{
  SoupMessageBody *body = soup_server_message_get_response_body (req->msg);

  if (req->backlog == NULL)
    return;

  /* One piece in flight at a time, so each is written on its own. The
   * bytes sent are dropped only once all are, so small pieces of a big
   * body do not move the rest each time. */
  if (req->outstanding == 0 && req->backlog_pos < req->backlog->len)
    {
      gsize n = MIN (req->scenario->split, req->backlog->len - req->backlog_pos);

      append_chunk (req, req->backlog->data + req->backlog_pos, n);
      req->backlog_pos += n;
      if (req->backlog_pos == req->backlog->len)
        {
          g_byte_array_set_size (req->backlog, 0);
          req->backlog_pos = 0;
        }
    }

  if (req->body_done && req->backlog->len == 0)
    {
      soup_message_body_complete (body);
      g_clear_pointer (&req->backlog, g_byte_array_unref);
    }
}

static void
write_out (PrismFakeRequest *req,
           GString          *out)
{
  g_autoptr(GString) converted = NULL;

  if (out->len > 0 && (req->scenario->crlf || req->scenario->cr))
    {
      const char *eol = req->scenario->crlf ? "\r\n" : "\r";

      converted = g_string_sized_new (out->len + out->len / 8);
      for (gsize i = 0; i < out->len; i++)
        {
          if (out->str[i] == '\n')
            g_string_append (converted, eol);
          else
            g_string_append_c (converted, out->str[i]);
        }
      out = converted;
    }

  if (req->scenario->split > 0)
    {
      if (req->backlog == NULL)
        req->backlog = g_byte_array_new ();
      g_byte_array_append (req->backlog, (const guint8 *) out->str, out->len);
      feed_backlog (req);
    }
  else
    {
      if (out->len > 0)
        append_chunk (req, (const guint8 *) out->str, out->len);
      if (req->body_done)
        soup_message_body_complete (soup_server_message_get_response_body (req->msg));
    }
}

static void
reset_connection (PrismFakeRequest *req)
{
  GSocket *socket = soup_server_message_get_socket (req->msg);

  /* libsoup fails its next write and drops the connection; the client
   * sees the body end without the terminal chunk. */
  if (socket != NULL)
    g_socket_shutdown (socket, TRUE, TRUE, NULL);

  req->reset_pending = FALSE;
  req->body_done = TRUE;
  soup_message_body_complete (soup_server_message_get_response_body (req->msg));
  soup_server_message_unpause (req->msg);
}

static gboolean
on_timer (gpointer data)
{
  PrismFakeRequest *req = data;
  guint rate = req->scenario->rate;

  g_clear_pointer (&req->timer, g_source_unref);

  if (rate == 0 && req->scenario->endless)
    rate = ENDLESS_RATE;
  req->tick_budget = rate > 0 ? MAX (1, rate / 100) : 0;

  pump (req);

  return G_SOURCE_REMOVE;
}

static gboolean
next_piece (PrismFakeRequest   *req,
            PrismFakePieceKind *kind,
            guint              *index,
            gboolean           *last,
            GString            *text)
{
  guint i = req->phase_index;

  if (i < req->reasoning->len)
    {
      *kind = PRISM_FAKE_PIECE_REASONING;
      *index = i;
      *last = i + 1 == req->reasoning->len;
      g_string_append (text, g_ptr_array_index (req->reasoning, i));
      goto found;
    }
  i -= req->reasoning->len;

  if (i < req->n_content)
    {
      *kind = PRISM_FAKE_PIECE_CONTENT;
      *index = i;
      *last = i + 1 == req->n_content;
      prism_fake_request_content_piece (req, i, text);
      goto found;
    }
  i -= req->n_content;

  if (i < req->tool->len)
    {
      *kind = PRISM_FAKE_PIECE_TOOL;
      *index = i;
      *last = i + 1 == req->tool->len;
      g_string_append (text, g_ptr_array_index (req->tool, i));
      goto found;
    }

  return FALSE;

found:
  req->phase_index++;
  return TRUE;
}

/* Adds the next event(s) to @out. Returns FALSE when production has to
 * stop for now: the stream ended, or a timer or reset is pending. */
static gboolean
produce (PrismFakeRequest *req,
         GString          *out,
         GString          *text)
{
  PrismFakeScenario *s = req->scenario;
  PrismFakePieceKind kind;
  guint index;
  gboolean last;
  gboolean paced = s->rate > 0 || s->endless;

  switch (req->phase)
    {
    case PHASE_HEAD:
      req->protocol->head (req, out);
      req->phase = PHASE_PIECES;
      if (s->reset_after == 0)
        {
          req->reset_pending = TRUE;
          return FALSE;
        }
      if (s->stall_after == 0)
        {
          req->stalled = TRUE;
          add_timer (req, s->stall, on_timer);
          return FALSE;
        }
      return TRUE;

    case PHASE_PIECES:
      if (paced && req->tick_budget == 0)
        {
          guint rate = s->rate > 0 ? s->rate : ENDLESS_RATE;

          add_timer (req, rate >= 100 ? 10 : 1000 / rate, on_timer);
          return FALSE;
        }

      g_string_truncate (text, 0);
      if (!next_piece (req, &kind, &index, &last, text))
        {
          req->phase = PHASE_TAIL;
          return TRUE;
        }

      /* Counted first: running totals in the event include it. */
      req->sent_pieces++;
      if (kind == PRISM_FAKE_PIECE_REASONING)
        req->sent_reasoning++;
      else if (kind == PRISM_FAKE_PIECE_CONTENT)
        req->sent_content++;
      else
        req->sent_tool++;
      req->protocol->piece (req, kind, index, last, text->str, out);
      if (paced)
        req->tick_budget--;

      if (s->malformed && !req->malformed_sent)
        {
          req->protocol->malformed (req, out);
          req->malformed_sent = TRUE;
        }

      if (s->stream_error && req->sent_pieces == 2)
        {
          req->protocol->stream_error (req, out);
          req->phase = PHASE_DONE;
          req->body_done = TRUE;
          return FALSE;
        }

      if (s->reset_after > 0 && req->sent_pieces == (guint) s->reset_after)
        {
          req->reset_pending = TRUE;
          return FALSE;
        }

      if (s->stall_after >= 0 && req->sent_pieces == (guint) s->stall_after && !req->stalled)
        {
          req->stalled = TRUE;
          add_timer (req, s->stall, on_timer);
          return FALSE;
        }
      return TRUE;

    case PHASE_TAIL:
      if (s->stream_error)
        req->protocol->stream_error (req, out);
      else
        req->protocol->tail (req, out);
      req->phase = PHASE_DONE;
      req->body_done = TRUE;
      return FALSE;

    case PHASE_DONE:
    default:
      return FALSE;
    }
}

static void
pump (PrismFakeRequest *req)
{
  g_autoptr(GString) out = NULL;
  g_autoptr(GString) text = NULL;

  if (req->finished || req->timer != NULL)
    return;

  if (req->reset_pending)
    {
      if (req->outstanding == 0 && (req->backlog == NULL || req->backlog->len == 0))
        reset_connection (req);
      return;
    }

  if (req->body_done || req->outstanding >= MAX_OUTSTANDING ||
      (req->backlog != NULL && req->backlog->len > 0))
    return;

  out = g_string_sized_new (BATCH_SIZE + 1024);
  text = g_string_new (NULL);
  while (out->len < BATCH_SIZE && produce (req, out, text))
    ;

  write_out (req, out);
  soup_server_message_unpause (req->msg);

  if (req->reset_pending && req->outstanding == 0)
    reset_connection (req);
}

static void
on_wrote_chunk (SoupServerMessage *msg,
                PrismFakeRequest  *req)
{
  if (req->outstanding > 0)
    req->outstanding--;

  if (req->backlog != NULL && req->backlog->len > 0)
    {
      feed_backlog (req);
      soup_server_message_unpause (msg);
      return;
    }

  pump (req);
}

/* Decides once whether @req fails, and with which status (0: it does
 * not). A fail-times request is counted here, so deciding twice would
 * count twice. */
guint
prism_fake_request_decide_failure (PrismFakeRequest *req)
{
  PrismFakeScenario *s = req->scenario;
  guint status = 0;

  if (req->failure_decided)
    return req->failure;

  if (s->html_error > 0)
    status = s->html_error;
  else if (s->fail_times > 0)
    {
      guint count = 0;

      prism_fake_provider_count_failure (req->provider, req->model, &count);
      if (count <= s->fail_times)
        status = s->error > 0 ? s->error : SOUP_STATUS_SERVICE_UNAVAILABLE;
    }
  else if (s->fail || s->error > 0)
    status = s->error > 0 ? s->error : SOUP_STATUS_INTERNAL_SERVER_ERROR;

  req->failure = status;
  req->failure_decided = TRUE;

  return status;
}

static gboolean
fail_if_asked (PrismFakeRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  PrismFakeScenario *s = req->scenario;
  guint status = prism_fake_request_decide_failure (req);

  if (status == 0)
    return FALSE;

  if (s->html_error > 0)
    {
      g_autofree char *html =
        g_strdup_printf ("<html>\r\n<head><title>%u %s</title></head>\r\n"
                         "<body>\r\n<center><h1>%u %s</h1></center>\r\n"
                         "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
                         status, prism_fake_status_phrase (status),
                         status, prism_fake_status_phrase (status));

      soup_server_message_set_status (req->msg, status, prism_fake_status_phrase (status));
      soup_server_message_set_response (req->msg, "text/html", SOUP_MEMORY_COPY,
                                        html, strlen (html));
      return TRUE;
    }

  req->protocol->error (req, status, NULL);
  if (s->retry_after >= 0)
    {
      g_autofree char *value = g_strdup_printf ("%d", s->retry_after);

      soup_message_headers_replace (headers, "Retry-After", value);
    }
  if (s->retry_after_ms >= 0)
    {
      g_autofree char *value = g_strdup_printf ("%d", s->retry_after_ms);

      soup_message_headers_replace (headers, "retry-after-ms", value);
    }

  return TRUE;
}

static void
respond_now (PrismFakeRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  PrismFakeScenario *s = req->scenario;

  set_flavor_headers (req);

  if (fail_if_asked (req))
    return;

  prism_fake_request_plan (req);

  if (!req->stream)
    {
      g_autoptr(GString) body = NULL;

      /* A whole answer that never ends is one that never comes. */
      if (s->endless)
        {
          soup_server_message_pause (req->msg);
          return;
        }

      body = g_string_new (NULL);
      req->protocol->complete (req, body);
      soup_server_message_set_status (req->msg, SOUP_STATUS_OK, NULL);
      if (s->split == 0)
        {
          soup_server_message_set_response (req->msg,
                                            s->content_type ? s->content_type : "application/json",
                                            SOUP_MEMORY_COPY, body->str, body->len);
          return;
        }

      /* A whole body can come in pieces too. */
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_replace (headers, "Content-Type",
                                    s->content_type ? s->content_type : "application/json");
      soup_message_body_set_accumulate (soup_server_message_get_response_body (req->msg), FALSE);
      req->wrote_chunk_id = g_signal_connect (req->msg, "wrote-chunk",
                                              G_CALLBACK (on_wrote_chunk), req);
      req->phase = PHASE_DONE;
      req->body_done = TRUE;
      write_out (req, body);
      soup_server_message_unpause (req->msg);
      return;
    }

  soup_server_message_set_status (req->msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_replace (headers, "Content-Type",
                                s->content_type ? s->content_type
                                : req->json_array ? "application/json; charset=UTF-8"
                                : req->protocol->stream_content_type);
  soup_message_headers_replace (headers, "Cache-Control", "no-cache");
  soup_message_body_set_accumulate (soup_server_message_get_response_body (req->msg), FALSE);

  req->wrote_chunk_id = g_signal_connect (req->msg, "wrote-chunk",
                                          G_CALLBACK (on_wrote_chunk), req);
  if (s->rate > 0 || s->endless)
    req->tick_budget = MAX (1, (s->rate > 0 ? s->rate : ENDLESS_RATE) / 100);

  pump (req);
}

static gboolean
on_first_byte_timer (gpointer data)
{
  PrismFakeRequest *req = data;

  g_clear_pointer (&req->timer, g_source_unref);
  if (req->finished)
    return G_SOURCE_REMOVE;

  respond_now (req);
  soup_server_message_unpause (req->msg);

  return G_SOURCE_REMOVE;
}

/* Answers @req as its scenario says. Call it from the server handler. */
void
prism_fake_request_respond (PrismFakeRequest *req)
{
  if (req->scenario->stall_first_byte > 0)
    {
      soup_server_message_pause (req->msg);
      add_timer (req, req->scenario->stall_first_byte, on_first_byte_timer);
      return;
    }

  respond_now (req);
}
