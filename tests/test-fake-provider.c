/* test-fake-provider.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The fake provider's protocols, through a real SoupSession on
 * 127.0.0.1: exact bodies, statuses, auth failures and usage placement
 * for each provider. The server runs in its own thread, so these tests
 * use libsoup's blocking calls. The scenarios are in
 * test-fake-provider-scenarios.c. */

#include "config.h"

#include <string.h>

#include "prism-fake-client.h"

/* OpenAI */

static void
test_openai_stream (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Response) r = fake_chat (f, "openai", "echo", TRUE);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(JsonNode) usage = NULL;
  g_autoptr(JsonNode) finish = NULL;
  g_autoptr(JsonNode) sent = NULL;
  g_autofree char *content = NULL;
  g_autofree char *auth = NULL;
  g_autofree char *path = NULL;

  g_assert_no_error (r->error);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (fake_header (r, "Content-Type"), ==, "text/event-stream; charset=utf-8");
  g_assert_nonnull (fake_header (r, "x-request-id"));

  events = fake_parse_sse (fake_body (r), NULL);
  /* role, 9 words, finish, usage, [DONE] */
  g_assert_cmpuint (events->len, ==, 13);
  content = fake_openai_join (events, "content");
  g_assert_cmpstr (content, ==, ECHO_REPLY);
  g_assert_cmpstr (((Event *) g_ptr_array_index (events, 12))->data, ==, "[DONE]");

  finish = fake_event_json (events, 10);
  g_assert_cmpstr (fake_str_at (finish, "choices.0.finish_reason"), ==, "stop");
  g_assert_true (JSON_NODE_HOLDS_NULL (fake_at (finish, "usage")));

  usage = fake_event_json (events, 11);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (fake_at (usage, "choices"))), ==, 0);
  /* "Be brief" + "hello there world" */
  g_assert_cmpint (fake_int_at (usage, "usage.prompt_tokens"), ==, 5);
  g_assert_cmpint (fake_int_at (usage, "usage.completion_tokens"), ==, 9);
  g_assert_cmpint (fake_int_at (usage, "usage.total_tokens"), ==, 14);

  /* What the client sent is there to assert on. */
  g_assert_cmpuint (prism_fake_provider_get_request_count (f->provider), ==, 1);
  auth = prism_fake_provider_dup_last_request_header (f->provider, "Authorization");
  g_assert_cmpstr (auth, ==, "Bearer test-key");
  path = prism_fake_provider_dup_last_request_path (f->provider);
  g_assert_cmpstr (path, ==, "/openai/v1/chat/completions");
  sent = prism_fake_provider_dup_last_request_json (f->provider);
  g_assert_cmpstr (fake_str_at (sent, "messages.1.content"), ==, "hello there world");
}

static void
test_openai_complete (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Response) r = fake_chat (f, "openai", "echo+cached=2", FALSE);
  g_autoptr(JsonNode) node = NULL;

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (fake_header (r, "Content-Type"), ==, "application/json");
  node = fake_parse_json (fake_body (r));
  g_assert_cmpstr (fake_str_at (node, "object"), ==, "chat.completion");
  g_assert_cmpstr (fake_str_at (node, "choices.0.message.content"), ==, ECHO_REPLY);
  g_assert_cmpstr (fake_str_at (node, "choices.0.finish_reason"), ==, "stop");
  g_assert_cmpint (fake_int_at (node, "usage.prompt_tokens"), ==, 5);
  g_assert_cmpint (fake_int_at (node, "usage.prompt_tokens_details.cached_tokens"), ==, 2);
  g_assert_cmpint (fake_int_at (node, "usage.completion_tokens"), ==, 9);
}

static void
test_openai_auth (Fixture       *f,
                  gconstpointer  data)
{
  static const char *wrong[] = { "Authorization: Bearer nope", NULL };
  const char *json = "{\"model\":\"echo\",\"messages\":[]}";
  g_autoptr(Response) missing = fake_send (f, "POST", "openai", "/chat/completions", NULL, json, NULL);
  g_autoptr(Response) bad = fake_send (f, "POST", "openai", "/chat/completions", wrong, json, NULL);
  g_autoptr(Response) models = fake_send (f, "GET", "openai", "/models", wrong, NULL, NULL);
  g_autoptr(Response) openrouter = fake_send (f, "POST", "openrouter", "/chat/completions", wrong, json, NULL);
  g_autoptr(JsonNode) node = NULL;

  g_assert_cmpuint (missing->status, ==, 401);
  node = fake_parse_json (fake_body (missing));
  g_assert_cmpstr (fake_str_at (node, "error.type"), ==, "invalid_request_error");
  g_assert_true (JSON_NODE_HOLDS_NULL (fake_at (node, "error.code")));
  g_clear_pointer (&node, json_node_unref);

  g_assert_cmpuint (bad->status, ==, 401);
  node = fake_parse_json (fake_body (bad));
  g_assert_cmpstr (fake_str_at (node, "error.code"), ==, "invalid_api_key");
  g_assert_true (JSON_NODE_HOLDS_NULL (fake_at (node, "error.param")));
  g_clear_pointer (&node, json_node_unref);

  g_assert_cmpuint (models->status, ==, 401);

  g_assert_cmpuint (openrouter->status, ==, 401);
  node = fake_parse_json (fake_body (openrouter));
  g_assert_cmpint (fake_int_at (node, "error.code"), ==, 401);
  g_assert_cmpstr (fake_str_at (node, "error.message"), ==, "User not found.");
}

static void
test_openai_tool (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(Response) r = fake_chat (f, "openai", "tool", TRUE);
  g_autoptr(GPtrArray) events = fake_parse_sse (fake_body (r), NULL);
  g_autoptr(JsonNode) first = fake_event_json (events, 1);
  g_autoptr(JsonNode) args = NULL;
  g_autoptr(JsonNode) finish = NULL;
  g_autofree char *arguments = NULL;
  GString *joined = g_string_new (NULL);

  g_assert_cmpstr (fake_str_at (first, "choices.0.delta.tool_calls.0.id"), ==, "call_fake_1");
  g_assert_cmpstr (fake_str_at (first, "choices.0.delta.tool_calls.0.function.name"), ==, "get_weather");

  /* Fragments after the first carry only index and arguments. */
  for (guint i = 1; i < events->len - 1; i++)
    {
      g_autoptr(JsonNode) node = fake_event_json (events, i);
      const char *piece = fake_str_at (node, "choices.0.delta.tool_calls.0.function.arguments");

      if (piece != NULL)
        g_string_append (joined, piece);
    }
  arguments = g_string_free (joined, FALSE);
  args = fake_parse_json (arguments);
  g_assert_cmpstr (fake_str_at (args, "city"), ==, "Zürich");

  finish = fake_event_json (events, 6);
  g_assert_cmpstr (fake_str_at (finish, "choices.0.finish_reason"), ==, "tool_calls");
}

static void
test_openai_reasoning_markdown (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(Response) r = fake_chat (f, "deepseek", "reasoning", TRUE);
  g_autoptr(Response) md = fake_chat (f, "openai", "markdown", FALSE);
  g_autoptr(GPtrArray) events = fake_parse_sse (fake_body (r), NULL);
  g_autofree char *reasoning = fake_openai_join (events, "reasoning_content");
  g_autoptr(JsonNode) last = fake_event_json (events, -2);
  g_autoptr(JsonNode) node = fake_parse_json (fake_body (md));
  const char *text = fake_str_at (node, "choices.0.message.content");

  g_assert_cmpstr (reasoning, ==, "Let me think. The prompt has 3 words; echoing them back is the plan.");
  g_assert_cmpint (fake_int_at (last, "usage.completion_tokens_details.reasoning_tokens"), ==, 14);
  g_assert_cmpint (fake_int_at (last, "usage.completion_tokens"), ==, 14 + 9);

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
  g_autoptr(Response) orr = fake_chat (f, "openrouter", "reasoning", TRUE);
  g_autoptr(Response) groq = fake_chat (f, "groq", "echo", TRUE);
  g_autoptr(Response) deepseek = fake_chat (f, "deepseek", "echo+cached=2", TRUE);
  g_autoptr(Response) xai = fake_chat (f, "xai", "reasoning", TRUE);
  g_autoptr(Response) mistral = fake_chat (f, "mistral", "echo", TRUE);
  g_autoptr(Response) pplx = fake_chat (f, "perplexity", "echo", TRUE);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *reasoning = NULL;
  guint comments;

  /* OpenRouter: comments, "reasoning", usage with cost in a last chunk. */
  events = fake_parse_sse (fake_body (orr), &comments);
  g_assert_cmpuint (comments, ==, 2);
  g_assert_true (g_str_has_prefix (fake_body (orr), ": OPENROUTER PROCESSING\n\n"));
  g_assert_cmpstr (fake_header (orr, "X-Generation-Id"), !=, NULL);
  reasoning = fake_openai_join (events, "reasoning");
  g_assert_cmpstr (reasoning, ==, "Let me think. The prompt has 3 words; echoing them back is the plan.");
  node = fake_event_json (events, -2);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (fake_at (node, "choices"))), ==, 0);
  g_assert_cmpint (fake_int_at (node, "usage.prompt_tokens"), ==, 5);
  g_assert_cmpint (fake_int_at (node, "usage.completion_tokens"), ==, 23);
  /* fake/echo prices: 1 and 2 USD per million tokens */
  g_assert_cmpfloat_with_epsilon (json_node_get_double (fake_at (node, "usage.cost")),
                                  5 * 0.000001 + 23 * 0.000002, 1e-12);
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Groq: x_groq on the first chunk, x_groq.usage and usage on the finish chunk. */
  events = fake_parse_sse (fake_body (groq), NULL);
  node = fake_event_json (events, 0);
  g_assert_nonnull (fake_str_at (node, "x_groq.id"));
  g_clear_pointer (&node, json_node_unref);
  node = fake_event_json (events, -2);
  g_assert_cmpstr (fake_str_at (node, "choices.0.finish_reason"), ==, "stop");
  g_assert_cmpint (fake_int_at (node, "x_groq.usage.completion_tokens"), ==, 9);
  g_assert_cmpint (fake_int_at (node, "usage.total_tokens"), ==, 14);
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* DeepSeek: usage null until the finish chunk, with cache hit/miss. */
  events = fake_parse_sse (fake_body (deepseek), NULL);
  node = fake_event_json (events, 1);
  g_assert_true (JSON_NODE_HOLDS_NULL (fake_at (node, "usage")));
  g_clear_pointer (&node, json_node_unref);
  node = fake_event_json (events, -2);
  g_assert_cmpstr (fake_str_at (node, "choices.0.finish_reason"), ==, "stop");
  g_assert_cmpint (fake_int_at (node, "usage.prompt_cache_hit_tokens"), ==, 2);
  g_assert_cmpint (fake_int_at (node, "usage.prompt_cache_miss_tokens"), ==, 3);
  g_assert_cmpint (fake_int_at (node, "usage.prompt_tokens_details.cached_tokens"), ==, 2);
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* xAI: completion tokens exclude reasoning; no finish_reason until the end. */
  events = fake_parse_sse (fake_body (xai), NULL);
  node = fake_event_json (events, 1);
  g_assert_null (fake_at (node, "choices.0.finish_reason"));
  g_clear_pointer (&node, json_node_unref);
  node = fake_event_json (events, -2);
  g_assert_cmpint (fake_int_at (node, "usage.completion_tokens"), ==, 9);
  g_assert_cmpint (fake_int_at (node, "usage.completion_tokens_details.reasoning_tokens"), ==, 14);
  g_assert_cmpint (fake_int_at (node, "usage.total_tokens"), ==, 5 + 9 + 14);
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Mistral: usage on the finish chunk, no empty-choices chunk. */
  events = fake_parse_sse (fake_body (mistral), NULL);
  node = fake_event_json (events, -2);
  g_assert_cmpstr (fake_str_at (node, "choices.0.finish_reason"), ==, "stop");
  g_assert_cmpint (fake_int_at (node, "usage.completion_tokens"), ==, 9);
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Perplexity: cumulative usage on every chunk, a "done" object last, no [DONE]. */
  events = fake_parse_sse (fake_body (pplx), NULL);
  node = fake_event_json (events, 3);
  g_assert_cmpint (fake_int_at (node, "usage.completion_tokens"), ==, 3);
  g_assert_cmpstr (fake_str_at (node, "citations.0"), ==, "https://example.com/fake-source");
  g_clear_pointer (&node, json_node_unref);
  node = fake_event_json (events, -1);
  g_assert_cmpstr (fake_str_at (node, "object"), ==, "chat.completion.done");
  g_assert_cmpint (fake_int_at (node, "usage.completion_tokens"), ==, 9);
}

static void
test_openrouter_catalog (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(Response) models = fake_send (f, "GET", "openrouter", "/models", NULL, NULL, NULL);
  g_autoptr(Response) key = fake_post (f, "openrouter", "/key", NULL);
  g_autoptr(Response) credits = fake_post (f, "openrouter", "/credits", NULL);
  g_autoptr(Response) openai = fake_post (f, "openai", "/models", NULL);
  g_autoptr(JsonNode) node = NULL;

  /* The catalog needs no key. */
  g_assert_cmpuint (models->status, ==, 200);
  node = fake_parse_json (fake_body (models));
  g_assert_cmpstr (fake_str_at (node, "data.1.id"), ==, "openai/gpt-4o-mini");
  g_assert_cmpstr (fake_str_at (node, "data.1.pricing.prompt"), ==, "0.00000015");
  g_assert_cmpstr (fake_str_at (node, "data.1.pricing.completion"), ==, "0.0000006");
  g_assert_cmpint (fake_int_at (node, "data.1.context_length"), ==, 128000);
  g_assert_cmpstr (fake_str_at (node, "data.1.architecture.input_modalities.1"), ==, "image");
  g_assert_cmpstr (fake_str_at (node, "data.1.supported_parameters.5"), ==, "tools");
  g_assert_cmpstr (fake_str_at (node, "data.3.pricing.prompt"), ==, "0");
  g_clear_pointer (&node, json_node_unref);

  node = fake_parse_json (fake_body (key));
  g_assert_cmpfloat (json_node_get_double (fake_at (node, "data.limit_remaining")), ==, 74.25);
  g_assert_false (json_node_get_boolean (fake_at (node, "data.is_free_tier")));
  g_clear_pointer (&node, json_node_unref);

  node = fake_parse_json (fake_body (credits));
  g_assert_cmpfloat (json_node_get_double (fake_at (node, "data.total_credits")), ==, 100.5);
  g_assert_cmpfloat (json_node_get_double (fake_at (node, "data.total_usage")), ==, 25.75);
  g_clear_pointer (&node, json_node_unref);

  node = fake_parse_json (fake_body (openai));
  g_assert_cmpstr (fake_str_at (node, "object"), ==, "list");
  g_assert_cmpstr (fake_str_at (node, "data.0.id"), ==, "gpt-4o-mini");
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
  g_autoptr(Response) r = fake_chat (f, "anthropic", "reasoning+tokens=3+cached=1", TRUE);
  g_autoptr(GPtrArray) events = fake_parse_sse (fake_body (r), NULL);
  g_autoptr(JsonNode) start = NULL;
  g_autoptr(JsonNode) thinking = NULL;
  g_autoptr(JsonNode) delta = NULL;
  guint n_thinking = 14;

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_true (g_str_has_prefix (fake_header (r, "request-id"), "req_"));
  /* message_start, ping, thinking (start, 14 deltas, signature, stop),
   * text (start, 3 deltas, stop), message_delta, message_stop */
  g_assert_cmpuint (events->len, ==, 2 + (n_thinking + 3) + 5 + 2);

  for (guint i = 0, j = 0; i < events->len; i++)
    {
      Event *e = g_ptr_array_index (events, i);
      g_autoptr(JsonNode) node = fake_parse_json (e->data);

      /* The event name always equals the JSON type. */
      g_assert_cmpstr (fake_str_at (node, "type"), ==, e->name);
      if (i >= 3 && i < 3 + n_thinking)
        continue;
      if (i == 3 + n_thinking)
        g_assert_cmpstr (fake_str_at (node, "delta.type"), ==, "signature_delta");
      else
        g_assert_cmpstr (e->name, ==, expected[j++]);
    }

  start = fake_event_json (events, 0);
  g_assert_cmpint (fake_int_at (start, "message.usage.input_tokens"), ==, 4);
  g_assert_cmpint (fake_int_at (start, "message.usage.cache_read_input_tokens"), ==, 1);
  thinking = fake_event_json (events, 3);
  g_assert_cmpstr (fake_str_at (thinking, "delta.type"), ==, "thinking_delta");
  g_assert_cmpstr (fake_str_at (thinking, "delta.thinking"), ==, "Let");
  delta = fake_event_json (events, -2);
  g_assert_cmpstr (fake_str_at (delta, "delta.stop_reason"), ==, "end_turn");
  g_assert_cmpint (fake_int_at (delta, "usage.output_tokens"), ==, n_thinking + 3);
}

static void
test_anthropic_complete_and_auth (Fixture       *f,
                                  gconstpointer  data)
{
  static const char *no_key[] = { "anthropic-version: 2023-06-01", NULL };
  static const char *bad_key[] = { "x-api-key: nope", "anthropic-version: 2023-06-01", NULL };
  static const char *no_version[] = { "x-api-key: test-key", NULL };
  const char *json = "{\"model\":\"echo\",\"max_tokens\":5,\"messages\":[]}";
  g_autoptr(Response) r = fake_chat (f, "anthropic", "tool", FALSE);
  g_autoptr(Response) r1 = fake_send (f, "POST", "anthropic", "/v1/messages", no_key, json, NULL);
  g_autoptr(Response) r2 = fake_send (f, "POST", "anthropic", "/v1/messages", bad_key, json, NULL);
  g_autoptr(Response) r3 = fake_send (f, "POST", "anthropic", "/v1/messages", no_version, json, NULL);
  g_autoptr(Response) r4 = fake_post (f, "anthropic", "/v1/messages", "{\"model\":\"echo\",\"messages\":[]}");
  g_autoptr(Response) models = fake_post (f, "anthropic", "/v1/models", NULL);
  g_autoptr(JsonNode) node = fake_parse_json (fake_body (r));

  g_assert_cmpstr (fake_str_at (node, "type"), ==, "message");
  g_assert_cmpstr (fake_str_at (node, "content.0.type"), ==, "tool_use");
  g_assert_cmpstr (fake_str_at (node, "content.0.input.city"), ==, "Zürich");
  g_assert_cmpstr (fake_str_at (node, "stop_reason"), ==, "tool_use");
  g_assert_cmpint (fake_int_at (node, "usage.output_tokens"), ==, 4);
  g_clear_pointer (&node, json_node_unref);

  g_assert_cmpuint (r1->status, ==, 401);
  g_assert_cmpuint (r2->status, ==, 401);
  node = fake_parse_json (fake_body (r2));
  g_assert_cmpstr (fake_str_at (node, "type"), ==, "error");
  g_assert_cmpstr (fake_str_at (node, "error.type"), ==, "authentication_error");
  g_assert_cmpstr (fake_str_at (node, "error.message"), ==, "invalid x-api-key");
  g_assert_true (g_str_has_prefix (fake_str_at (node, "request_id"), "req_"));
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (r3->status, ==, 400);
  g_assert_cmpuint (r4->status, ==, 400);

  node = fake_parse_json (fake_body (models));
  g_assert_cmpstr (fake_str_at (node, "data.0.type"), ==, "model");
  g_assert_false (json_node_get_boolean (fake_at (node, "has_more")));
}

/* Gemini */

static void
test_gemini (Fixture       *f,
             gconstpointer  data)
{
  static const char *bad_key[] = { "x-goog-api-key: nope", NULL };
  const char *json = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello there world\"}]}]}";
  g_autoptr(Response) sse = fake_chat (f, "gemini", "reasoning", TRUE);
  g_autoptr(Response) whole = fake_chat (f, "gemini", "echo", FALSE);
  g_autoptr(Response) array = fake_send (f, "POST", "gemini",
                                         "/v1beta/models/echo:streamGenerateContent?key=test-key",
                                         NULL, json, NULL);
  g_autoptr(Response) missing = fake_send (f, "POST", "gemini", "/v1beta/models/echo:generateContent",
                                           NULL, json, NULL);
  g_autoptr(Response) bad = fake_send (f, "POST", "gemini", "/v1beta/models/echo:generateContent",
                                       bad_key, json, NULL);
  g_autoptr(Response) models = fake_post (f, "gemini", "/v1beta/models", NULL);
  g_autoptr(GPtrArray) events = fake_parse_sse (fake_body (sse), NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) last = NULL;
  GString *text = g_string_new (NULL);
  g_autofree char *joined = NULL;

  g_assert_cmpuint (sse->status, ==, 200);
  /* 14 thought parts, 9 text parts and a finishing chunk; no [DONE]. */
  g_assert_cmpuint (events->len, ==, 14 + 9 + 1);
  node = fake_event_json (events, 0);
  g_assert_true (json_node_get_boolean (fake_at (node, "candidates.0.content.parts.0.thought")));
  g_assert_cmpint (fake_int_at (node, "usageMetadata.thoughtsTokenCount"), ==, 1);
  g_clear_pointer (&node, json_node_unref);
  for (guint i = 14; i < 23; i++)
    {
      node = fake_event_json (events, i);
      g_string_append (text, fake_str_at (node, "candidates.0.content.parts.0.text"));
      g_clear_pointer (&node, json_node_unref);
    }
  joined = g_string_free (text, FALSE);
  g_assert_cmpstr (joined, ==, ECHO_REPLY);
  last = fake_event_json (events, -1);
  g_assert_cmpstr (fake_str_at (last, "candidates.0.finishReason"), ==, "STOP");
  g_assert_cmpint (fake_int_at (last, "usageMetadata.promptTokenCount"), ==, 5);
  /* candidatesTokenCount excludes thoughts; the total includes them. */
  g_assert_cmpint (fake_int_at (last, "usageMetadata.candidatesTokenCount"), ==, 9);
  g_assert_cmpint (fake_int_at (last, "usageMetadata.thoughtsTokenCount"), ==, 14);
  g_assert_cmpint (fake_int_at (last, "usageMetadata.totalTokenCount"), ==, 5 + 9 + 14);

  node = fake_parse_json (fake_body (whole));
  g_assert_cmpstr (fake_str_at (node, "candidates.0.content.parts.0.text"), ==, ECHO_REPLY);
  g_clear_pointer (&node, json_node_unref);

  /* Without alt=sse: one JSON array, and ?key= authenticates. */
  g_assert_cmpuint (array->status, ==, 200);
  g_assert_cmpstr (fake_header (array, "Content-Type"), ==, "application/json; charset=UTF-8");
  node = fake_parse_json (fake_body (array));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 10);
  g_clear_pointer (&node, json_node_unref);

  g_assert_cmpuint (missing->status, ==, 403);
  g_assert_cmpuint (bad->status, ==, 400);
  node = fake_parse_json (fake_body (bad));
  g_assert_cmpstr (fake_str_at (node, "error.status"), ==, "INVALID_ARGUMENT");
  g_assert_cmpstr (fake_str_at (node, "error.details.0.reason"), ==, "API_KEY_INVALID");
  g_clear_pointer (&node, json_node_unref);

  node = fake_parse_json (fake_body (models));
  g_assert_cmpstr (fake_str_at (node, "models.0.name"), ==, "models/gemini-2.5-flash");
  g_assert_cmpint (fake_int_at (node, "models.0.inputTokenLimit"), ==, 1048576);
}

/* Ollama */

static void
test_ollama (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(Response) r = fake_chat (f, "ollama", "echo", TRUE);
  g_autoptr(Response) whole = fake_chat (f, "ollama", "tool", FALSE);
  g_autoptr(Response) tags = fake_post (f, "ollama", "/api/tags", NULL);
  g_auto(GStrv) lines = g_strsplit (fake_body (r), "\n", -1);
  g_autoptr(JsonNode) done = NULL;
  g_autoptr(JsonNode) node = NULL;
  GString *text = g_string_new (NULL);
  g_autofree char *joined = NULL;

  g_assert_cmpstr (fake_header (r, "Content-Type"), ==, "application/x-ndjson");
  /* 9 content lines, the done line, and the empty string after the last \n */
  g_assert_cmpuint (g_strv_length (lines), ==, 11);
  g_assert_cmpstr (lines[10], ==, "");
  for (guint i = 0; i < 9; i++)
    {
      node = fake_parse_json (lines[i]);
      g_assert_false (json_node_get_boolean (fake_at (node, "done")));
      g_string_append (text, fake_str_at (node, "message.content"));
      g_clear_pointer (&node, json_node_unref);
    }
  joined = g_string_free (text, FALSE);
  g_assert_cmpstr (joined, ==, ECHO_REPLY);

  done = fake_parse_json (lines[9]);
  g_assert_true (json_node_get_boolean (fake_at (done, "done")));
  g_assert_cmpstr (fake_str_at (done, "done_reason"), ==, "stop");
  g_assert_cmpint (fake_int_at (done, "prompt_eval_count"), ==, 5);
  g_assert_cmpint (fake_int_at (done, "eval_count"), ==, 9);
  g_assert_cmpint (fake_int_at (done, "eval_duration"), ==, 90000000);

  node = fake_parse_json (fake_body (whole));
  g_assert_cmpstr (fake_str_at (node, "message.tool_calls.0.function.name"), ==, "get_weather");
  /* Ollama's arguments are an object, not a string. */
  g_assert_cmpstr (fake_str_at (node, "message.tool_calls.0.function.arguments.unit"), ==, "celsius");
  g_clear_pointer (&node, json_node_unref);

  node = fake_parse_json (fake_body (tags));
  g_assert_cmpstr (fake_str_at (node, "models.0.details.family"), ==, "llama");
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

/* More OpenAI-compatible routes: keyed clouds, and local servers that
 * need no key. */
static void
test_more_routes (Fixture       *f,
                  gconstpointer  data)
{
  static const char *keyed[] = { "together", "fireworks", "cerebras" };
  static const char *local[] = { "lmstudio", "llamacpp" };
  const char *json = "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there world\"}]}";

  for (guint i = 0; i < G_N_ELEMENTS (keyed); i++)
    {
      g_autoptr(Response) ok = fake_chat (f, keyed[i], "echo", FALSE);
      g_autoptr(Response) anonymous = fake_send (f, "POST", keyed[i], "/chat/completions", NULL, json, NULL);
      g_autoptr(JsonNode) node = fake_parse_json (fake_body (ok));

      g_assert_cmpuint (ok->status, ==, 200);
      g_assert_cmpstr (fake_str_at (node, "choices.0.message.content"), ==, ECHO_REPLY);
      g_assert_cmpuint (anonymous->status, ==, 401);
    }

  for (guint i = 0; i < G_N_ELEMENTS (local); i++)
    {
      g_autoptr(Response) r = fake_send (f, "POST", local[i], "/chat/completions", NULL, json, NULL);
      g_autoptr(Response) models = fake_send (f, "GET", local[i], "/models", NULL, NULL, NULL);
      g_autoptr(JsonNode) node = fake_parse_json (fake_body (r));

      g_assert_cmpuint (r->status, ==, 200);
      g_assert_cmpint (fake_int_at (node, "usage.completion_tokens"), ==, 9);
      g_assert_cmpuint (models->status, ==, 200);
    }
}

/* OpenRouter answers with the first model of its fallback list that
 * works, and says which; Anthropic and OpenRouter report cache writes. */
static void
test_fallback_and_cache_write (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(Response) fallback =
    fake_post (f, "openrouter", "/chat/completions",
               "{\"model\":\"error=503\",\"models\":[\"fail-times=1\",\"fake/echo+cache-write=1\"],"
               "\"messages\":[{\"role\":\"user\",\"content\":\"hello there world\"}]}");
  g_autoptr(Response) second =
    fake_post (f, "openrouter", "/chat/completions",
               "{\"model\":\"error=503\",\"models\":[\"fail-times=1\",\"fake/echo\"],"
               "\"messages\":[{\"role\":\"user\",\"content\":\"hello there world\"}]}");
  g_autoptr(Response) all_fail =
    fake_post (f, "openrouter", "/chat/completions",
               "{\"model\":\"error=503\",\"models\":[\"error=429\"],\"messages\":[]}");
  g_autoptr(Response) anthropic = fake_chat (f, "anthropic", "echo+cached=1+cache-write=2", FALSE);
  g_autoptr(JsonNode) node = fake_parse_json (fake_body (fallback));

  /* The first fails (503), fail-times=1 fails its first time, fake/echo answers. */
  g_assert_cmpuint (fallback->status, ==, 200);
  g_assert_cmpstr (fake_str_at (node, "model"), ==, "fake/echo+cache-write=1");
  g_assert_cmpint (fake_int_at (node, "usage.prompt_tokens_details.cache_write_tokens"), ==, 1);
  /* "hello there world", one token written; fake/echo has no write
   * price, so a written token costs an input one. */
  g_assert_cmpfloat_with_epsilon (json_node_get_double (fake_at (node, "usage.cost")),
                                  (3 - 1) * 0.000001 + 1 * 0.000001 + 9 * 0.000002, 1e-12);
  g_clear_pointer (&node, json_node_unref);

  /* The next time, fail-times=1 has had its failure. */
  node = fake_parse_json (fake_body (second));
  g_assert_cmpstr (fake_str_at (node, "model"), ==, "fail-times=1");
  g_clear_pointer (&node, json_node_unref);

  /* When every model fails, the last one's error comes back. */
  g_assert_cmpuint (all_fail->status, ==, 429);

  node = fake_parse_json (fake_body (anthropic));
  g_assert_cmpint (fake_int_at (node, "usage.input_tokens"), ==, 2);
  g_assert_cmpint (fake_int_at (node, "usage.cache_read_input_tokens"), ==, 1);
  g_assert_cmpint (fake_int_at (node, "usage.cache_creation_input_tokens"), ==, 2);
}

static void
test_port_in_use (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PrismFakeProvider) second = prism_fake_provider_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *base = prism_fake_provider_get_base_url (f->provider, "anthropic");
  g_autofree char *expected = g_strdup_printf ("http://127.0.0.1:%u/anthropic",
                                               prism_fake_provider_get_port (f->provider));

  g_assert_cmpstr (base, ==, expected);
  g_assert_null (prism_fake_provider_get_base_url (f->provider, "nonesuch"));

  g_assert_false (prism_fake_provider_start (second, prism_fake_provider_get_port (f->provider), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE);
  g_assert_cmpuint (prism_fake_provider_get_port (second), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/prism/fake-provider/" path, Fixture, NULL, fake_fixture_setup, func, fake_fixture_teardown)

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
  ADD ("port-in-use", test_port_in_use);
  ADD ("openai/more-routes", test_more_routes);
  ADD ("openrouter/fallback-cache-write", test_fallback_and_cache_write);

#undef ADD

  g_test_add_func ("/prism/fake-provider/executable", test_executable);

  return g_test_run ();
}
