/* test-fake-provider.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The fake provider, through a real SoupSession on 127.0.0.1: exact
 * bodies, statuses and usage for each protocol and scenario family. The
 * server runs in its own thread, so these tests use libsoup's blocking
 * calls. */

#include "config.h"

#include <string.h>

#include "prism-fake-provider.h"

#define ECHO_REPLY "Echo: hello there world — ünïcode ✓ 你好 🌍"

typedef struct
{
  PrismFakeProvider *provider;
  SoupSession       *session;
} Fixture;

typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;
  GBytes             *body;
  GError             *error;
} Response;

static void
response_free (Response *r)
{
  g_clear_pointer (&r->headers, soup_message_headers_unref);
  g_clear_pointer (&r->body, g_bytes_unref);
  g_clear_error (&r->error);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->provider = prism_fake_provider_new ();
  g_assert_true (prism_fake_provider_start (f->provider, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (prism_fake_provider_get_port (f->provider), >, 0);
  f->session = soup_session_new_with_options ("timeout", 30, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->session);
  prism_fake_provider_stop (f->provider);
  g_clear_object (&f->provider);
}

static const char *
body_str (Response *r)
{
  return g_bytes_get_data (r->body, NULL);
}

/* Sends a request and reads the whole body, keeping what arrived before
 * any error. @headers is NULL or "Name: value" strings. */
static Response *
send_full (Fixture            *f,
           const char         *method,
           const char         *provider,
           const char         *path,
           const char * const *headers,
           const char         *json,
           GCancellable       *cancellable)
{
  g_autofree char *base = prism_fake_provider_get_base_url (f->provider, provider);
  g_autofree char *url = g_strconcat (base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  Response *r = g_new0 (Response, 1);
  guint8 buf[65536];
  gssize n;

  g_assert_nonnull (msg);
  for (guint i = 0; headers != NULL && headers[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (headers[i], ": ", 2);
      soup_message_headers_append (soup_message_get_request_headers (msg), kv[0], kv[1]);
    }
  if (json != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
      soup_message_set_request_body_from_bytes (msg, "application/json", body);
    }

  stream = soup_session_send (f->session, msg, cancellable, &r->error);
  if (stream != NULL)
    {
      while ((n = g_input_stream_read (stream, buf, sizeof buf, cancellable, &r->error)) > 0)
        g_byte_array_append (data, buf, n);
    }

  r->status = soup_message_get_status (msg);
  r->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  g_byte_array_append (data, (const guint8 *) "", 1);
  /* Kept NUL-terminated for the string checks. */
  r->body = g_bytes_new (data->data, data->len);
  return r;
}

static Response *
post (Fixture    *f,
      const char *provider,
      const char *path,
      const char *json)
{
  static const char *openai[] = { "Authorization: Bearer test-key", NULL };
  static const char *anthropic[] = { "x-api-key: test-key", "anthropic-version: 2023-06-01", NULL };
  static const char *gemini[] = { "x-goog-api-key: test-key", NULL };
  const char * const *headers = openai;

  if (g_str_equal (provider, "anthropic"))
    headers = anthropic;
  else if (g_str_equal (provider, "gemini"))
    headers = gemini;
  else if (g_str_equal (provider, "ollama"))
    headers = NULL;

  return send_full (f, json ? "POST" : "GET", provider, path, headers, json, NULL);
}

/* A chat request for @provider's own protocol. */
static Response *
chat (Fixture    *f,
      const char *provider,
      const char *model,
      gboolean    stream)
{
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;

  if (g_str_equal (provider, "anthropic"))
    {
      json = g_strdup_printf ("{\"model\":\"%s\",\"max_tokens\":1024,\"stream\":%s,\"system\":\"Be brief\","
                              "\"messages\":[{\"role\":\"user\",\"content\":\"hello there world\"}]}",
                              model, stream ? "true" : "false");
      return post (f, provider, "/v1/messages", json);
    }
  if (g_str_equal (provider, "gemini"))
    {
      json = g_strdup ("{\"systemInstruction\":{\"parts\":[{\"text\":\"Be brief\"}]},"
                       "\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello there world\"}]}]}");
      path = g_strdup_printf ("/v1beta/models/%s:%s", model,
                              stream ? "streamGenerateContent?alt=sse" : "generateContent");
      return post (f, provider, path, json);
    }

  json = g_strdup_printf ("{\"model\":\"%s\",\"stream\":%s,\"stream_options\":{\"include_usage\":true},"
                          "\"messages\":[{\"role\":\"system\",\"content\":\"Be brief\"},"
                          "{\"role\":\"user\",\"content\":\"hello there world\"}]}",
                          model, stream ? "true" : "false");
  if (g_str_equal (provider, "ollama"))
    return post (f, provider, "/api/chat", json);

  return post (f, provider, "/chat/completions", json);
}

/* SSE, as the tests need it: events split on blank lines, "data:"
 * lines joined, comments kept apart. */
typedef struct
{
  char *name;
  char *data;
} Event;

static void
event_free (Event *e)
{
  g_free (e->name);
  g_free (e->data);
  g_free (e);
}

static GPtrArray *
parse_sse (const char *body,
           guint      *n_comments)
{
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  g_auto(GStrv) blocks = g_strsplit (body, "\n\n", -1);

  if (n_comments)
    *n_comments = 0;

  for (guint i = 0; blocks[i] != NULL; i++)
    {
      g_auto(GStrv) lines = g_strsplit (blocks[i], "\n", -1);
      g_autoptr(GString) data = NULL;
      char *name = NULL;

      for (guint j = 0; lines[j] != NULL; j++)
        {
          if (g_str_has_prefix (lines[j], ":") && n_comments)
            (*n_comments)++;
          else if (g_str_has_prefix (lines[j], "event: "))
            name = g_strdup (lines[j] + 7);
          else if (g_str_has_prefix (lines[j], "data: "))
            {
              if (data == NULL)
                data = g_string_new (lines[j] + 6);
              else
                g_string_append_printf (data, "\n%s", lines[j] + 6);
            }
        }

      if (data != NULL)
        {
          Event *e = g_new0 (Event, 1);
          e->name = name;
          e->data = g_string_free (g_steal_pointer (&data), FALSE);
          g_ptr_array_add (events, e);
        }
      else
        g_free (name);
    }

  return events;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* The value at a dotted path, numbers as array indexes: "choices.0.delta". */
static JsonNode *
at (JsonNode   *node,
    const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);

  for (guint i = 0; parts[i] != NULL && node != NULL; i++)
    {
      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          guint64 index = g_ascii_strtoull (parts[i], NULL, 10);
          node = index < json_array_get_length (array) ? json_array_get_element (array, index) : NULL;
        }
      else if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), parts[i]);
      else
        node = NULL;
    }

  return node;
}

static const char *
str_at (JsonNode   *node,
        const char *path)
{
  JsonNode *value = at (node, path);

  return value && JSON_NODE_HOLDS_VALUE (value) ? json_node_get_string (value) : NULL;
}

static gint64
int_at (JsonNode   *node,
        const char *path)
{
  JsonNode *value = at (node, path);

  g_assert_nonnull (value);
  return json_node_get_int (value);
}

static const char *
header (Response   *r,
        const char *name)
{
  return soup_message_headers_get_one (r->headers, name);
}

/* Concatenates a member of every OpenAI-style chunk's first delta. */
static char *
openai_join (GPtrArray  *events,
             const char *member)
{
  GString *text = g_string_new (NULL);
  g_autofree char *path = g_strdup_printf ("choices.0.delta.%s", member);

  for (guint i = 0; i < events->len; i++)
    {
      Event *e = g_ptr_array_index (events, i);
      g_autoptr(JsonNode) node = NULL;
      const char *piece;

      if (g_str_equal (e->data, "[DONE]"))
        continue;
      node = parse_json (e->data);
      piece = str_at (node, path);
      if (piece != NULL)
        g_string_append (text, piece);
    }

  return g_string_free (text, FALSE);
}

static JsonNode *
event_json (GPtrArray *events,
            int        index)
{
  Event *e = g_ptr_array_index (events, index < 0 ? (int) events->len + index : index);

  return parse_json (e->data);
}

/* OpenAI */

static void
test_openai_stream (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Response) r = chat (f, "openai", "echo", TRUE);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(JsonNode) usage = NULL;
  g_autoptr(JsonNode) finish = NULL;
  g_autoptr(JsonNode) sent = NULL;
  g_autofree char *content = NULL;
  g_autofree char *auth = NULL;
  g_autofree char *path = NULL;

  g_assert_no_error (r->error);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (header (r, "Content-Type"), ==, "text/event-stream; charset=utf-8");
  g_assert_nonnull (header (r, "x-request-id"));

  events = parse_sse (body_str (r), NULL);
  /* role, 9 words, finish, usage, [DONE] */
  g_assert_cmpuint (events->len, ==, 13);
  content = openai_join (events, "content");
  g_assert_cmpstr (content, ==, ECHO_REPLY);
  g_assert_cmpstr (((Event *) g_ptr_array_index (events, 12))->data, ==, "[DONE]");

  finish = event_json (events, 10);
  g_assert_cmpstr (str_at (finish, "choices.0.finish_reason"), ==, "stop");
  g_assert_true (JSON_NODE_HOLDS_NULL (at (finish, "usage")));

  usage = event_json (events, 11);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (at (usage, "choices"))), ==, 0);
  /* "Be brief" + "hello there world" */
  g_assert_cmpint (int_at (usage, "usage.prompt_tokens"), ==, 5);
  g_assert_cmpint (int_at (usage, "usage.completion_tokens"), ==, 9);
  g_assert_cmpint (int_at (usage, "usage.total_tokens"), ==, 14);

  /* What the client sent is there to assert on. */
  g_assert_cmpuint (prism_fake_provider_get_request_count (f->provider), ==, 1);
  auth = prism_fake_provider_dup_last_request_header (f->provider, "Authorization");
  g_assert_cmpstr (auth, ==, "Bearer test-key");
  path = prism_fake_provider_dup_last_request_path (f->provider);
  g_assert_cmpstr (path, ==, "/openai/v1/chat/completions");
  sent = prism_fake_provider_dup_last_request_json (f->provider);
  g_assert_cmpstr (str_at (sent, "messages.1.content"), ==, "hello there world");
}

static void
test_openai_complete (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Response) r = chat (f, "openai", "echo+cached=2", FALSE);
  g_autoptr(JsonNode) node = NULL;

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (header (r, "Content-Type"), ==, "application/json");
  node = parse_json (body_str (r));
  g_assert_cmpstr (str_at (node, "object"), ==, "chat.completion");
  g_assert_cmpstr (str_at (node, "choices.0.message.content"), ==, ECHO_REPLY);
  g_assert_cmpstr (str_at (node, "choices.0.finish_reason"), ==, "stop");
  g_assert_cmpint (int_at (node, "usage.prompt_tokens"), ==, 5);
  g_assert_cmpint (int_at (node, "usage.prompt_tokens_details.cached_tokens"), ==, 2);
  g_assert_cmpint (int_at (node, "usage.completion_tokens"), ==, 9);
}

static void
test_openai_auth (Fixture       *f,
                  gconstpointer  data)
{
  static const char *wrong[] = { "Authorization: Bearer nope", NULL };
  const char *json = "{\"model\":\"echo\",\"messages\":[]}";
  g_autoptr(Response) missing = send_full (f, "POST", "openai", "/chat/completions", NULL, json, NULL);
  g_autoptr(Response) bad = send_full (f, "POST", "openai", "/chat/completions", wrong, json, NULL);
  g_autoptr(Response) models = send_full (f, "GET", "openai", "/models", wrong, NULL, NULL);
  g_autoptr(Response) openrouter = send_full (f, "POST", "openrouter", "/chat/completions", wrong, json, NULL);
  g_autoptr(JsonNode) node = NULL;

  g_assert_cmpuint (missing->status, ==, 401);
  node = parse_json (body_str (missing));
  g_assert_cmpstr (str_at (node, "error.type"), ==, "invalid_request_error");
  g_assert_true (JSON_NODE_HOLDS_NULL (at (node, "error.code")));
  g_clear_pointer (&node, json_node_unref);

  g_assert_cmpuint (bad->status, ==, 401);
  node = parse_json (body_str (bad));
  g_assert_cmpstr (str_at (node, "error.code"), ==, "invalid_api_key");
  g_assert_true (JSON_NODE_HOLDS_NULL (at (node, "error.param")));
  g_clear_pointer (&node, json_node_unref);

  g_assert_cmpuint (models->status, ==, 401);

  g_assert_cmpuint (openrouter->status, ==, 401);
  node = parse_json (body_str (openrouter));
  g_assert_cmpint (int_at (node, "error.code"), ==, 401);
  g_assert_cmpstr (str_at (node, "error.message"), ==, "User not found.");
}

static void
test_openai_tool (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(Response) r = chat (f, "openai", "tool", TRUE);
  g_autoptr(GPtrArray) events = parse_sse (body_str (r), NULL);
  g_autoptr(JsonNode) first = event_json (events, 1);
  g_autoptr(JsonNode) args = NULL;
  g_autoptr(JsonNode) finish = NULL;
  g_autofree char *arguments = NULL;
  GString *joined = g_string_new (NULL);

  g_assert_cmpstr (str_at (first, "choices.0.delta.tool_calls.0.id"), ==, "call_fake_1");
  g_assert_cmpstr (str_at (first, "choices.0.delta.tool_calls.0.function.name"), ==, "get_weather");

  /* Fragments after the first carry only index and arguments. */
  for (guint i = 1; i < events->len - 1; i++)
    {
      g_autoptr(JsonNode) node = event_json (events, i);
      const char *piece = str_at (node, "choices.0.delta.tool_calls.0.function.arguments");

      if (piece != NULL)
        g_string_append (joined, piece);
    }
  arguments = g_string_free (joined, FALSE);
  args = parse_json (arguments);
  g_assert_cmpstr (str_at (args, "city"), ==, "Zürich");

  finish = event_json (events, 6);
  g_assert_cmpstr (str_at (finish, "choices.0.finish_reason"), ==, "tool_calls");
}

static void
test_openai_reasoning_markdown (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(Response) r = chat (f, "deepseek", "reasoning", TRUE);
  g_autoptr(Response) md = chat (f, "openai", "markdown", FALSE);
  g_autoptr(GPtrArray) events = parse_sse (body_str (r), NULL);
  g_autofree char *reasoning = openai_join (events, "reasoning_content");
  g_autoptr(JsonNode) last = event_json (events, -2);
  g_autoptr(JsonNode) node = parse_json (body_str (md));
  const char *text = str_at (node, "choices.0.message.content");

  g_assert_cmpstr (reasoning, ==, "Let me think. The prompt has 3 words; echoing them back is the plan.");
  g_assert_cmpint (int_at (last, "usage.completion_tokens_details.reasoning_tokens"), ==, 14);
  g_assert_cmpint (int_at (last, "usage.completion_tokens"), ==, 14 + 9);

  g_assert_true (g_str_has_prefix (text, "# Fake answer\n"));
  g_assert_nonnull (strstr (text, "\n- first item\n"));
  g_assert_nonnull (strstr (text, "| alpha | 1 |"));
  g_assert_nonnull (strstr (text, "```c\nint main (void) { return 0; }\n```"));
}

/* The usage placement of each OpenAI-compatible provider. */
static void
test_openai_compatible_usage (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(Response) orr = chat (f, "openrouter", "reasoning", TRUE);
  g_autoptr(Response) groq = chat (f, "groq", "echo", TRUE);
  g_autoptr(Response) deepseek = chat (f, "deepseek", "echo+cached=2", TRUE);
  g_autoptr(Response) xai = chat (f, "xai", "reasoning", TRUE);
  g_autoptr(Response) mistral = chat (f, "mistral", "echo", TRUE);
  g_autoptr(Response) pplx = chat (f, "perplexity", "echo", TRUE);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *reasoning = NULL;
  guint comments;

  /* OpenRouter: comments, "reasoning", usage with cost in a last chunk. */
  events = parse_sse (body_str (orr), &comments);
  g_assert_cmpuint (comments, ==, 2);
  g_assert_true (g_str_has_prefix (body_str (orr), ": OPENROUTER PROCESSING\n\n"));
  g_assert_cmpstr (header (orr, "X-Generation-Id"), !=, NULL);
  reasoning = openai_join (events, "reasoning");
  g_assert_cmpstr (reasoning, ==, "Let me think. The prompt has 3 words; echoing them back is the plan.");
  node = event_json (events, -2);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (at (node, "choices"))), ==, 0);
  g_assert_cmpint (int_at (node, "usage.prompt_tokens"), ==, 5);
  g_assert_cmpint (int_at (node, "usage.completion_tokens"), ==, 23);
  /* fake/echo prices: 1 and 2 USD per million tokens */
  g_assert_cmpfloat_with_epsilon (json_node_get_double (at (node, "usage.cost")),
                                  5 * 0.000001 + 23 * 0.000002, 1e-12);
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Groq: x_groq on the first chunk, x_groq.usage and usage on the finish chunk. */
  events = parse_sse (body_str (groq), NULL);
  node = event_json (events, 0);
  g_assert_nonnull (str_at (node, "x_groq.id"));
  g_clear_pointer (&node, json_node_unref);
  node = event_json (events, -2);
  g_assert_cmpstr (str_at (node, "choices.0.finish_reason"), ==, "stop");
  g_assert_cmpint (int_at (node, "x_groq.usage.completion_tokens"), ==, 9);
  g_assert_cmpint (int_at (node, "usage.total_tokens"), ==, 14);
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* DeepSeek: usage null until the finish chunk, with cache hit/miss. */
  events = parse_sse (body_str (deepseek), NULL);
  node = event_json (events, 1);
  g_assert_true (JSON_NODE_HOLDS_NULL (at (node, "usage")));
  g_clear_pointer (&node, json_node_unref);
  node = event_json (events, -2);
  g_assert_cmpstr (str_at (node, "choices.0.finish_reason"), ==, "stop");
  g_assert_cmpint (int_at (node, "usage.prompt_cache_hit_tokens"), ==, 2);
  g_assert_cmpint (int_at (node, "usage.prompt_cache_miss_tokens"), ==, 3);
  g_assert_cmpint (int_at (node, "usage.prompt_tokens_details.cached_tokens"), ==, 2);
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* xAI: completion tokens exclude reasoning; no finish_reason until the end. */
  events = parse_sse (body_str (xai), NULL);
  node = event_json (events, 1);
  g_assert_null (at (node, "choices.0.finish_reason"));
  g_clear_pointer (&node, json_node_unref);
  node = event_json (events, -2);
  g_assert_cmpint (int_at (node, "usage.completion_tokens"), ==, 9);
  g_assert_cmpint (int_at (node, "usage.completion_tokens_details.reasoning_tokens"), ==, 14);
  g_assert_cmpint (int_at (node, "usage.total_tokens"), ==, 5 + 9 + 14);
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Mistral: usage on the finish chunk, no empty-choices chunk. */
  events = parse_sse (body_str (mistral), NULL);
  node = event_json (events, -2);
  g_assert_cmpstr (str_at (node, "choices.0.finish_reason"), ==, "stop");
  g_assert_cmpint (int_at (node, "usage.completion_tokens"), ==, 9);
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Perplexity: cumulative usage on every chunk, a "done" object last, no [DONE]. */
  events = parse_sse (body_str (pplx), NULL);
  node = event_json (events, 3);
  g_assert_cmpint (int_at (node, "usage.completion_tokens"), ==, 3);
  g_assert_cmpstr (str_at (node, "citations.0"), ==, "https://example.com/fake-source");
  g_clear_pointer (&node, json_node_unref);
  node = event_json (events, -1);
  g_assert_cmpstr (str_at (node, "object"), ==, "chat.completion.done");
  g_assert_cmpint (int_at (node, "usage.completion_tokens"), ==, 9);
}

static void
test_openrouter_catalog (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(Response) models = send_full (f, "GET", "openrouter", "/models", NULL, NULL, NULL);
  g_autoptr(Response) key = post (f, "openrouter", "/key", NULL);
  g_autoptr(Response) credits = post (f, "openrouter", "/credits", NULL);
  g_autoptr(Response) openai = post (f, "openai", "/models", NULL);
  g_autoptr(JsonNode) node = NULL;

  /* The catalog needs no key. */
  g_assert_cmpuint (models->status, ==, 200);
  node = parse_json (body_str (models));
  g_assert_cmpstr (str_at (node, "data.1.id"), ==, "openai/gpt-4o-mini");
  g_assert_cmpstr (str_at (node, "data.1.pricing.prompt"), ==, "0.00000015");
  g_assert_cmpstr (str_at (node, "data.1.pricing.completion"), ==, "0.0000006");
  g_assert_cmpint (int_at (node, "data.1.context_length"), ==, 128000);
  g_assert_cmpstr (str_at (node, "data.1.architecture.input_modalities.1"), ==, "image");
  g_assert_cmpstr (str_at (node, "data.1.supported_parameters.5"), ==, "tools");
  g_assert_cmpstr (str_at (node, "data.3.pricing.prompt"), ==, "0");
  g_clear_pointer (&node, json_node_unref);

  node = parse_json (body_str (key));
  g_assert_cmpfloat (json_node_get_double (at (node, "data.limit_remaining")), ==, 74.25);
  g_assert_false (json_node_get_boolean (at (node, "data.is_free_tier")));
  g_clear_pointer (&node, json_node_unref);

  node = parse_json (body_str (credits));
  g_assert_cmpfloat (json_node_get_double (at (node, "data.total_credits")), ==, 100.5);
  g_assert_cmpfloat (json_node_get_double (at (node, "data.total_usage")), ==, 25.75);
  g_clear_pointer (&node, json_node_unref);

  node = parse_json (body_str (openai));
  g_assert_cmpstr (str_at (node, "object"), ==, "list");
  g_assert_cmpstr (str_at (node, "data.0.id"), ==, "gpt-4o-mini");
}

/* Anthropic */

static void
test_anthropic_stream (Fixture       *f,
                       gconstpointer  data)
{
  static const char *expected[] = {
    "message_start", "ping",
    "content_block_start", /* thinking and signature deltas, checked apart */ "content_block_stop",
    "content_block_start", "content_block_delta", "content_block_delta", "content_block_delta",
    "content_block_stop",
    "message_delta", "message_stop",
  };
  g_autoptr(Response) r = chat (f, "anthropic", "reasoning+tokens=3+cached=1", TRUE);
  g_autoptr(GPtrArray) events = parse_sse (body_str (r), NULL);
  g_autoptr(JsonNode) start = NULL;
  g_autoptr(JsonNode) thinking = NULL;
  g_autoptr(JsonNode) delta = NULL;
  guint n_thinking = 14;

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_true (g_str_has_prefix (header (r, "request-id"), "req_"));
  /* message_start, ping, thinking (start, 14 deltas, signature, stop),
   * text (start, 3 deltas, stop), message_delta, message_stop */
  g_assert_cmpuint (events->len, ==, 2 + (n_thinking + 3) + 5 + 2);

  for (guint i = 0, j = 0; i < events->len; i++)
    {
      Event *e = g_ptr_array_index (events, i);
      g_autoptr(JsonNode) node = parse_json (e->data);

      /* The event name always equals the JSON type. */
      g_assert_cmpstr (str_at (node, "type"), ==, e->name);
      if (i >= 3 && i < 3 + n_thinking)
        continue;
      if (i == 3 + n_thinking)
        g_assert_cmpstr (str_at (node, "delta.type"), ==, "signature_delta");
      else
        g_assert_cmpstr (e->name, ==, expected[j++]);
    }

  start = event_json (events, 0);
  g_assert_cmpint (int_at (start, "message.usage.input_tokens"), ==, 4);
  g_assert_cmpint (int_at (start, "message.usage.cache_read_input_tokens"), ==, 1);
  thinking = event_json (events, 3);
  g_assert_cmpstr (str_at (thinking, "delta.type"), ==, "thinking_delta");
  g_assert_cmpstr (str_at (thinking, "delta.thinking"), ==, "Let");
  delta = event_json (events, -2);
  g_assert_cmpstr (str_at (delta, "delta.stop_reason"), ==, "end_turn");
  g_assert_cmpint (int_at (delta, "usage.output_tokens"), ==, n_thinking + 3);
}

static void
test_anthropic_complete_and_auth (Fixture       *f,
                                  gconstpointer  data)
{
  static const char *no_key[] = { "anthropic-version: 2023-06-01", NULL };
  static const char *bad_key[] = { "x-api-key: nope", "anthropic-version: 2023-06-01", NULL };
  static const char *no_version[] = { "x-api-key: test-key", NULL };
  const char *json = "{\"model\":\"echo\",\"max_tokens\":5,\"messages\":[]}";
  g_autoptr(Response) r = chat (f, "anthropic", "tool", FALSE);
  g_autoptr(Response) r1 = send_full (f, "POST", "anthropic", "/v1/messages", no_key, json, NULL);
  g_autoptr(Response) r2 = send_full (f, "POST", "anthropic", "/v1/messages", bad_key, json, NULL);
  g_autoptr(Response) r3 = send_full (f, "POST", "anthropic", "/v1/messages", no_version, json, NULL);
  g_autoptr(Response) r4 = post (f, "anthropic", "/v1/messages", "{\"model\":\"echo\",\"messages\":[]}");
  g_autoptr(Response) models = post (f, "anthropic", "/v1/models", NULL);
  g_autoptr(JsonNode) node = parse_json (body_str (r));

  g_assert_cmpstr (str_at (node, "type"), ==, "message");
  g_assert_cmpstr (str_at (node, "content.0.type"), ==, "tool_use");
  g_assert_cmpstr (str_at (node, "content.0.input.city"), ==, "Zürich");
  g_assert_cmpstr (str_at (node, "stop_reason"), ==, "tool_use");
  g_assert_cmpint (int_at (node, "usage.output_tokens"), ==, 4);
  g_clear_pointer (&node, json_node_unref);

  g_assert_cmpuint (r1->status, ==, 401);
  g_assert_cmpuint (r2->status, ==, 401);
  node = parse_json (body_str (r2));
  g_assert_cmpstr (str_at (node, "type"), ==, "error");
  g_assert_cmpstr (str_at (node, "error.type"), ==, "authentication_error");
  g_assert_cmpstr (str_at (node, "error.message"), ==, "invalid x-api-key");
  g_assert_true (g_str_has_prefix (str_at (node, "request_id"), "req_"));
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (r3->status, ==, 400);
  g_assert_cmpuint (r4->status, ==, 400);

  node = parse_json (body_str (models));
  g_assert_cmpstr (str_at (node, "data.0.type"), ==, "model");
  g_assert_false (json_node_get_boolean (at (node, "has_more")));
}

/* Gemini */

static void
test_gemini (Fixture       *f,
             gconstpointer  data)
{
  static const char *bad_key[] = { "x-goog-api-key: nope", NULL };
  const char *json = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello there world\"}]}]}";
  g_autoptr(Response) sse = chat (f, "gemini", "reasoning", TRUE);
  g_autoptr(Response) whole = chat (f, "gemini", "echo", FALSE);
  g_autoptr(Response) array = send_full (f, "POST", "gemini",
                                         "/v1beta/models/echo:streamGenerateContent?key=test-key",
                                         NULL, json, NULL);
  g_autoptr(Response) missing = send_full (f, "POST", "gemini", "/v1beta/models/echo:generateContent",
                                           NULL, json, NULL);
  g_autoptr(Response) bad = send_full (f, "POST", "gemini", "/v1beta/models/echo:generateContent",
                                       bad_key, json, NULL);
  g_autoptr(Response) models = post (f, "gemini", "/v1beta/models", NULL);
  g_autoptr(GPtrArray) events = parse_sse (body_str (sse), NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) last = NULL;
  GString *text = g_string_new (NULL);
  g_autofree char *joined = NULL;

  g_assert_cmpuint (sse->status, ==, 200);
  /* 14 thought parts, 9 text parts and a finishing chunk; no [DONE]. */
  g_assert_cmpuint (events->len, ==, 14 + 9 + 1);
  node = event_json (events, 0);
  g_assert_true (json_node_get_boolean (at (node, "candidates.0.content.parts.0.thought")));
  g_assert_cmpint (int_at (node, "usageMetadata.thoughtsTokenCount"), ==, 1);
  g_clear_pointer (&node, json_node_unref);
  for (guint i = 14; i < 23; i++)
    {
      node = event_json (events, i);
      g_string_append (text, str_at (node, "candidates.0.content.parts.0.text"));
      g_clear_pointer (&node, json_node_unref);
    }
  joined = g_string_free (text, FALSE);
  g_assert_cmpstr (joined, ==, ECHO_REPLY);
  last = event_json (events, -1);
  g_assert_cmpstr (str_at (last, "candidates.0.finishReason"), ==, "STOP");
  g_assert_cmpint (int_at (last, "usageMetadata.promptTokenCount"), ==, 5);
  /* candidatesTokenCount excludes thoughts; the total includes them. */
  g_assert_cmpint (int_at (last, "usageMetadata.candidatesTokenCount"), ==, 9);
  g_assert_cmpint (int_at (last, "usageMetadata.thoughtsTokenCount"), ==, 14);
  g_assert_cmpint (int_at (last, "usageMetadata.totalTokenCount"), ==, 5 + 9 + 14);

  node = parse_json (body_str (whole));
  g_assert_cmpstr (str_at (node, "candidates.0.content.parts.0.text"), ==, ECHO_REPLY);
  g_clear_pointer (&node, json_node_unref);

  /* Without alt=sse: one JSON array, and ?key= authenticates. */
  g_assert_cmpuint (array->status, ==, 200);
  g_assert_cmpstr (header (array, "Content-Type"), ==, "application/json; charset=UTF-8");
  node = parse_json (body_str (array));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 10);
  g_clear_pointer (&node, json_node_unref);

  g_assert_cmpuint (missing->status, ==, 403);
  g_assert_cmpuint (bad->status, ==, 400);
  node = parse_json (body_str (bad));
  g_assert_cmpstr (str_at (node, "error.status"), ==, "INVALID_ARGUMENT");
  g_assert_cmpstr (str_at (node, "error.details.0.reason"), ==, "API_KEY_INVALID");
  g_clear_pointer (&node, json_node_unref);

  node = parse_json (body_str (models));
  g_assert_cmpstr (str_at (node, "models.0.name"), ==, "models/gemini-2.5-flash");
  g_assert_cmpint (int_at (node, "models.0.inputTokenLimit"), ==, 1048576);
}

/* Ollama */

static void
test_ollama (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(Response) r = chat (f, "ollama", "echo", TRUE);
  g_autoptr(Response) whole = chat (f, "ollama", "tool", FALSE);
  g_autoptr(Response) tags = post (f, "ollama", "/api/tags", NULL);
  g_auto(GStrv) lines = g_strsplit (body_str (r), "\n", -1);
  g_autoptr(JsonNode) done = NULL;
  g_autoptr(JsonNode) node = NULL;
  GString *text = g_string_new (NULL);
  g_autofree char *joined = NULL;

  g_assert_cmpstr (header (r, "Content-Type"), ==, "application/x-ndjson");
  /* 9 content lines, the done line, and the empty string after the last \n */
  g_assert_cmpuint (g_strv_length (lines), ==, 11);
  g_assert_cmpstr (lines[10], ==, "");
  for (guint i = 0; i < 9; i++)
    {
      node = parse_json (lines[i]);
      g_assert_false (json_node_get_boolean (at (node, "done")));
      g_string_append (text, str_at (node, "message.content"));
      g_clear_pointer (&node, json_node_unref);
    }
  joined = g_string_free (text, FALSE);
  g_assert_cmpstr (joined, ==, ECHO_REPLY);

  done = parse_json (lines[9]);
  g_assert_true (json_node_get_boolean (at (done, "done")));
  g_assert_cmpstr (str_at (done, "done_reason"), ==, "stop");
  g_assert_cmpint (int_at (done, "prompt_eval_count"), ==, 5);
  g_assert_cmpint (int_at (done, "eval_count"), ==, 9);
  g_assert_cmpint (int_at (done, "eval_duration"), ==, 90000000);

  node = parse_json (body_str (whole));
  g_assert_cmpstr (str_at (node, "message.tool_calls.0.function.name"), ==, "get_weather");
  /* Ollama's arguments are an object, not a string. */
  g_assert_cmpstr (str_at (node, "message.tool_calls.0.function.arguments.unit"), ==, "celsius");
  g_clear_pointer (&node, json_node_unref);

  node = parse_json (body_str (tags));
  g_assert_cmpstr (str_at (node, "models.0.details.family"), ==, "llama");
}

/* Failures */

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  static const guint codes[] = { 401, 402, 403, 408, 429, 500, 502, 503, 529 };
  static const char *anthropic_types[] = {
    "authentication_error", "billing_error", "permission_error", "timeout_error",
    "rate_limit_error", "api_error", "api_error", "api_error", "overloaded_error",
  };
  static const char *gemini_status[] = {
    "UNAUTHENTICATED", "FAILED_PRECONDITION", "PERMISSION_DENIED", "DEADLINE_EXCEEDED",
    "RESOURCE_EXHAUSTED", "INTERNAL", "UNAVAILABLE", "UNAVAILABLE", "UNAVAILABLE",
  };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *model = g_strdup_printf ("error=%u+retry-after=7", codes[i]);
      g_autoptr(Response) openai = chat (f, "openai", model, TRUE);
      g_autoptr(Response) openrouter = chat (f, "openrouter", model, TRUE);
      g_autoptr(Response) anthropic = chat (f, "anthropic", model, TRUE);
      g_autoptr(Response) gemini = chat (f, "gemini", model, TRUE);
      g_autoptr(Response) ollama = chat (f, "ollama", model, TRUE);
      g_autoptr(JsonNode) node = NULL;

      g_assert_cmpuint (openai->status, ==, codes[i]);
      g_assert_cmpstr (header (openai, "Retry-After"), ==, "7");
      g_assert_cmpstr (header (openai, "Content-Type"), ==, "application/json");
      node = parse_json (body_str (openai));
      g_assert_nonnull (str_at (node, "error.message"));
      g_assert_nonnull (str_at (node, "error.type"));
      g_assert_nonnull (at (node, "error.code"));
      g_clear_pointer (&node, json_node_unref);

      g_assert_cmpuint (openrouter->status, ==, codes[i]);
      node = parse_json (body_str (openrouter));
      g_assert_cmpint (int_at (node, "error.code"), ==, codes[i]);
      g_clear_pointer (&node, json_node_unref);

      g_assert_cmpuint (anthropic->status, ==, codes[i]);
      node = parse_json (body_str (anthropic));
      g_assert_cmpstr (str_at (node, "error.type"), ==, anthropic_types[i]);
      g_clear_pointer (&node, json_node_unref);

      g_assert_cmpuint (gemini->status, ==, codes[i]);
      node = parse_json (body_str (gemini));
      g_assert_cmpint (int_at (node, "error.code"), ==, codes[i]);
      g_assert_cmpstr (str_at (node, "error.status"), ==, gemini_status[i]);
      g_clear_pointer (&node, json_node_unref);

      g_assert_cmpuint (ollama->status, ==, codes[i]);
      node = parse_json (body_str (ollama));
      g_assert_nonnull (str_at (node, "error"));
    }
}

static void
test_fail_times_and_html (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(Response) html = chat (f, "openai", "html-error=502", TRUE);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(Response) r = chat (f, "openai", "fail-times=2+error=503", FALSE);
      g_autoptr(Response) other = chat (f, "openai", "fail-times=1", FALSE);

      /* Counted per model string. */
      g_assert_cmpuint (r->status, ==, i < 2 ? 503 : 200);
      g_assert_cmpuint (other->status, ==, i < 1 ? 503 : 200);
    }

  g_assert_cmpuint (html->status, ==, 502);
  g_assert_cmpstr (header (html, "Content-Type"), ==, "text/html");
  g_assert_true (g_str_has_prefix (body_str (html), "<html>"));
  g_assert_nonnull (strstr (body_str (html), "502 Bad Gateway"));

  prism_fake_provider_reset (f->provider);
  g_assert_cmpuint (prism_fake_provider_get_request_count (f->provider), ==, 0);
  {
    g_autoptr(Response) again = chat (f, "openai", "fail-times=2+error=503", FALSE);
    g_assert_cmpuint (again->status, ==, 503);
  }
}

static void
test_bad_scenario (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(Response) r = chat (f, "openai", "echo+bogus", TRUE);
  g_autoptr(Response) r2 = chat (f, "anthropic", "echo+tokens=many", TRUE);
  g_autoptr(JsonNode) node = parse_json (body_str (r));

  g_assert_cmpuint (r->status, ==, 400);
  g_assert_nonnull (strstr (str_at (node, "error.message"), "“bogus”"));
  g_assert_cmpuint (r2->status, ==, 400);
}

static void
test_stream_error (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(Response) openai = chat (f, "openai", "stream-error", TRUE);
  g_autoptr(Response) openrouter = chat (f, "openrouter", "stream-error", TRUE);
  g_autoptr(Response) anthropic = chat (f, "anthropic", "stream-error", TRUE);
  g_autoptr(Response) gemini = chat (f, "gemini", "stream-error", TRUE);
  g_autoptr(Response) ollama = chat (f, "ollama", "stream-error", TRUE);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_auto(GStrv) lines = NULL;

  /* role + 2 chunks + the error; the body ends without [DONE]. */
  g_assert_cmpuint (openai->status, ==, 200);
  g_assert_no_error (openai->error);
  events = parse_sse (body_str (openai), NULL);
  g_assert_cmpuint (events->len, ==, 4);
  node = event_json (events, -1);
  g_assert_cmpstr (str_at (node, "error.type"), ==, "server_error");
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&events, g_ptr_array_unref);

  events = parse_sse (body_str (openrouter), NULL);
  node = event_json (events, -1);
  g_assert_cmpint (int_at (node, "error.code"), ==, 502);
  g_assert_cmpstr (str_at (node, "choices.0.finish_reason"), ==, "error");
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&events, g_ptr_array_unref);

  events = parse_sse (body_str (anthropic), NULL);
  g_assert_cmpstr (((Event *) g_ptr_array_index (events, events->len - 1))->name, ==, "error");
  node = event_json (events, -1);
  g_assert_cmpstr (str_at (node, "error.type"), ==, "overloaded_error");
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&events, g_ptr_array_unref);

  events = parse_sse (body_str (gemini), NULL);
  g_assert_cmpuint (events->len, ==, 3);
  node = event_json (events, -1);
  g_assert_cmpstr (str_at (node, "error.status"), ==, "INTERNAL");
  g_clear_pointer (&node, json_node_unref);

  lines = g_strsplit (body_str (ollama), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  node = parse_json (lines[2]);
  g_assert_nonnull (str_at (node, "error"));
}

/* Reads a raw HTTP/1.1 response, to see the chunks on the wire. */
static char *
raw_request (Fixture    *f,
             const char *model)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = g_strdup_printf ("{\"model\":\"%s\",\"stream\":true,"
                                           "\"messages\":[{\"role\":\"user\",\"content\":\"hello there world\"}]}",
                                           model);
  g_autofree char *request = g_strdup_printf ("POST /openai/v1/chat/completions HTTP/1.1\r\n"
                                              "Host: 127.0.0.1\r\nAuthorization: Bearer test-key\r\n"
                                              "Connection: close\r\nContent-Length: %zu\r\n\r\n%s",
                                              strlen (body), body);
  GString *response = g_string_new (NULL);
  char buf[4096];
  gssize n;

  conn = g_socket_client_connect_to_host (client, "127.0.0.1",
                                          prism_fake_provider_get_port (f->provider), NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)),
                             request, strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);
  while ((n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (conn)),
                                   buf, sizeof buf, NULL, &error)) > 0)
    g_string_append_len (response, buf, n);
  g_assert_no_error (error);

  return g_string_free (response, FALSE);
}

static void
test_reset (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *raw = raw_request (f, "reset-after=3");
  g_autoptr(Response) r = chat (f, "openai", "reset-after=3", TRUE);
  g_autoptr(Response) next = chat (f, "openai", "echo", TRUE);
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *content = NULL;

  /* On the wire, the connection closes without the last chunk. */
  g_assert_true (g_str_has_suffix (raw, "\" there\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n\r\n"));
  g_assert_false (g_str_has_suffix (raw, "0\r\n\r\n"));

  /* libsoup reads a close between chunks as the end of the body, so
   * the client has only the missing terminal event to go by. */
  g_assert_cmpuint (r->status, ==, 200);
  events = parse_sse (body_str (r), NULL);
  g_assert_cmpuint (events->len, ==, 4);
  content = openai_join (events, "content");
  g_assert_cmpstr (content, ==, "Echo: hello there");
  g_assert_null (strstr (body_str (r), "[DONE]"));

  /* The server is none the worse for it. */
  g_assert_no_error (next->error);
  g_assert_cmpuint (next->status, ==, 200);
}

static void
test_split_and_line_endings (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *raw = raw_request (f, "echo+split=7");
  g_autoptr(Response) split = chat (f, "openai", "echo+split=7", TRUE);
  g_autoptr(Response) plain = chat (f, "openai", "echo", TRUE);
  g_autoptr(Response) crlf = chat (f, "openai", "crlf", TRUE);
  g_autoptr(Response) cr = chat (f, "openai", "cr", TRUE);
  const char *p = strstr (raw, "\r\n\r\n") + 4;
  guint n_chunks = 0;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  /* Every chunk on the wire is at most 7 bytes. */
  g_assert_nonnull (strstr (raw, "Transfer-Encoding: chunked"));
  for (;;)
    {
      guint64 size = g_ascii_strtoull (p, NULL, 16);

      if (size == 0)
        break;
      g_assert_cmpuint (size, <=, 7);
      n_chunks++;
      p = strstr (p, "\r\n") + 2 + size + 2;
    }
  g_assert_cmpuint (n_chunks, >, 100);

  /* Same events, apart from the random id. */
  {
    g_autoptr(GPtrArray) e1 = parse_sse (body_str (split), NULL);
    g_autoptr(GPtrArray) e2 = parse_sse (body_str (plain), NULL);

    g_assert_cmpuint (e1->len, ==, e2->len);
    a = openai_join (e1, "content");
    b = openai_join (e2, "content");
    g_assert_cmpstr (a, ==, b);
  }

  g_assert_nonnull (strstr (body_str (crlf), "\r\n\r\n"));
  g_assert_null (strstr (body_str (crlf), "}\n"));
  g_assert_true (g_str_has_suffix (body_str (crlf), "data: [DONE]\r\n\r\n"));
  g_assert_null (strchr (body_str (cr), '\n'));
  g_assert_true (g_str_has_suffix (body_str (cr), "data: [DONE]\r\r"));
}

static void
test_huge_and_malformed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(Response) huge = chat (f, "openai", "huge=10000000", TRUE);
  g_autoptr(Response) bad = chat (f, "anthropic", "malformed", TRUE);
  g_autoptr(GPtrArray) events = parse_sse (body_str (huge), NULL);
  g_autoptr(GPtrArray) bad_events = parse_sse (body_str (bad), NULL);
  g_autofree char *content = openai_join (events, "content");
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint n_broken = 0;

  g_assert_cmpuint (events->len, ==, 6);
  g_assert_cmpuint (strlen (((Event *) g_ptr_array_index (events, 2))->data), >, 10000000);
  g_assert_cmpuint (strlen (content), ==, 5 + 10000000);
  g_assert_true (g_str_has_prefix (content, "Huge:0123456789"));

  for (guint i = 0; i < bad_events->len; i++)
    {
      Event *e = g_ptr_array_index (bad_events, i);

      if (!json_parser_load_from_data (parser, e->data, -1, NULL))
        n_broken++;
    }
  g_assert_cmpuint (n_broken, ==, 1);
  g_assert_true (g_str_has_suffix (body_str (bad), "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
}

static void
test_endless_cancel (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *base = prism_fake_provider_get_base_url (f->provider, "openai");
  g_autofree char *url = g_strconcat (base, "/chat/completions", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  const char *json = "{\"model\":\"endless+rate=2000\",\"stream\":true,\"messages\":[]}";
  g_autoptr(GBytes) body = g_bytes_new_static (json, strlen (json));
  gsize total = 0;
  char buf[4096];

  soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization", "Bearer test-key");
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  stream = soup_session_send (f->session, msg, cancellable, &error);
  g_assert_no_error (error);

  while (total < 64 * 1024)
    {
      gssize n = g_input_stream_read (stream, buf, sizeof buf, cancellable, &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, >, 0);
      total += n;
    }
  g_assert_null (strstr (buf, "[DONE]"));

  g_cancellable_cancel (cancellable);
  g_input_stream_read (stream, buf, sizeof buf, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&stream);

  /* Give the server a moment to see the client go, then use it again. */
  g_usleep (50 * 1000);
  {
    g_autoptr(Response) next = chat (f, "openai", "echo", TRUE);
    g_assert_cmpuint (next->status, ==, 200);
    g_assert_no_error (next->error);
  }
}

static void
test_timing (Fixture       *f,
             gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(Response) first = chat (f, "openai", "stall-first-byte=200", FALSE);
  gint64 after_first = g_get_monotonic_time ();
  g_autoptr(Response) stall = chat (f, "openai", "stall-after=2+stall=300", TRUE);
  gint64 after_stall = g_get_monotonic_time ();
  g_autoptr(Response) rate = chat (f, "anthropic", "tokens=30+rate=100", TRUE);
  gint64 after_rate = g_get_monotonic_time ();
  g_autoptr(Response) ct = chat (f, "openai", "content-type=text/plain", TRUE);
  g_autoptr(Response) no_usage = chat (f, "openai", "no-usage+chunks=1000", TRUE);
  g_autoptr(GPtrArray) events = parse_sse (body_str (no_usage), NULL);

  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpint (after_first - start, >=, 200 * 1000);
  g_assert_cmpuint (stall->status, ==, 200);
  g_assert_no_error (stall->error);
  g_assert_cmpint (after_stall - after_first, >=, 300 * 1000);
  /* 30 chunks at 100 per second */
  g_assert_no_error (rate->error);
  g_assert_cmpint (after_rate - after_stall, >=, 250 * 1000);

  g_assert_cmpstr (header (ct, "Content-Type"), ==, "text/plain");

  /* role, 1000 chunks, finish, [DONE]: no usage chunk */
  g_assert_cmpuint (events->len, ==, 1003);
  g_assert_null (strstr (body_str (no_usage), "\"usage\":{"));
}

static void
test_executable (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "fake-provider", "prism-fake-provider", NULL);
  const char *argv[] = { path, NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;
  guint64 port;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "PORT "));
  port = g_ascii_strtoull (line + 5, NULL, 10);
  g_assert_cmpuint (port, >, 0);

  url = g_strdup_printf ("http://127.0.0.1:%u/openrouter/api/v1/models", (guint) port);
  msg = soup_message_new ("GET", url);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "fake/echo"));

  /* Closing its standard input stops it. */
  g_output_stream_close (g_subprocess_get_stdin_pipe (process), NULL, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/prism/fake-provider/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("openai/stream", test_openai_stream);
  ADD ("openai/complete", test_openai_complete);
  ADD ("openai/auth", test_openai_auth);
  ADD ("openai/tool", test_openai_tool);
  ADD ("openai/reasoning-markdown", test_openai_reasoning_markdown);
  ADD ("openai/compatible-usage", test_openai_compatible_usage);
  ADD ("openrouter/catalog", test_openrouter_catalog);
  ADD ("anthropic/stream", test_anthropic_stream);
  ADD ("anthropic/complete-auth", test_anthropic_complete_and_auth);
  ADD ("gemini", test_gemini);
  ADD ("ollama", test_ollama);
  ADD ("scenario/errors", test_errors);
  ADD ("scenario/fail-times-html", test_fail_times_and_html);
  ADD ("scenario/unknown-flag", test_bad_scenario);
  ADD ("scenario/stream-error", test_stream_error);
  ADD ("scenario/reset", test_reset);
  ADD ("scenario/split-line-endings", test_split_and_line_endings);
  ADD ("scenario/huge-malformed", test_huge_and_malformed);
  ADD ("scenario/endless-cancel", test_endless_cancel);
  ADD ("scenario/timing", test_timing);

#undef ADD

  g_test_add_func ("/prism/fake-provider/executable", test_executable);

  return g_test_run ();
}
