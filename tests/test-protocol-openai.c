/* test-protocol-openai.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "protocol-test-util.h"

static void
test_request_every_parameter (void)
{
  g_autoptr(PrismChatRequest) request = prism_chat_request_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG", 4);
  g_autofree char *uri = NULL;
  const char *stop[] = { "END", "STOP", NULL };
  PrismChatMessage *user;
  PrismChatMessage *assistant;
  JsonArray *messages;
  JsonArray *parts;
  JsonObject *object;

  prism_chat_request_set_system_prompt (request, "Be brief.");
  user = prism_chat_message_new (PRISM_CHAT_ROLE_USER, "What is this?");
  prism_chat_message_add_image_bytes (user, png, "image/png");
  prism_chat_message_add_image_url (user, "https://example.com/cat.jpg");
  prism_chat_request_add_message (request, user);
  assistant = prism_chat_message_new (PRISM_CHAT_ROLE_ASSISTANT, NULL);
  prism_chat_message_add_tool_call (assistant, "call_1", "lookup", "{\"q\":\"cat\"}");
  prism_chat_request_add_message (request, assistant);
  prism_chat_request_add_message (request, prism_chat_message_new_tool_result ("call_1", "lookup", "a cat"));
  prism_chat_request_set_temperature (request, 0.5);
  prism_chat_request_set_top_p (request, 0.25);
  prism_chat_request_set_max_tokens (request, 100);
  prism_chat_request_set_stop (request, stop);
  prism_chat_request_set_seed (request, 42);
  prism_chat_request_set_reasoning_effort (request, "low");

  message = build_chat ("openai", "https://api.openai.com/v1/", "gpt-4o", "sk-test", request);
  uri = request_uri (message);
  g_assert_cmpstr (uri, ==, "https://api.openai.com/v1/chat/completions");
  g_assert_cmpstr (soup_message_get_method (message), ==, "POST");
  g_assert_cmpstr (request_header (message, "Authorization"), ==, "Bearer sk-test");
  g_assert_cmpstr (request_header (message, "Accept"), ==, "text/event-stream");
  g_assert_cmpstr (request_header (message, "Content-Type"), ==, "application/json");

  body = request_body (message);
  g_assert_cmpstr (json_object_get_string_member (body, "model"), ==, "gpt-4o");
  g_assert_true (json_object_get_boolean_member (body, "stream"));
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (body, "stream_options"), "include_usage"));
  g_assert_cmpfloat (json_object_get_double_member (body, "temperature"), ==, 0.5);
  g_assert_cmpfloat (json_object_get_double_member (body, "top_p"), ==, 0.25);
  /* OpenAI itself: max_completion_tokens, which reasoning models need. */
  g_assert_cmpint (json_object_get_int_member (body, "max_completion_tokens"), ==, 100);
  g_assert_false (json_object_has_member (body, "max_tokens"));
  g_assert_cmpint (json_object_get_int_member (body, "seed"), ==, 42);
  g_assert_cmpstr (json_object_get_string_member (body, "reasoning_effort"), ==, "low");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (body, "stop")), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (body, "stop"), 1), ==, "STOP");

  messages = json_object_get_array_member (body, "messages");
  g_assert_cmpuint (json_array_get_length (messages), ==, 4);
  object = json_array_get_object_element (messages, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "role"), ==, "system");
  g_assert_cmpstr (json_object_get_string_member (object, "content"), ==, "Be brief.");

  object = json_array_get_object_element (messages, 1);
  g_assert_cmpstr (json_object_get_string_member (object, "role"), ==, "user");
  parts = json_object_get_array_member (object, "content");
  g_assert_cmpuint (json_array_get_length (parts), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (parts, 0), "text"), ==, "What is this?");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_array_get_object_element (parts, 1), "image_url"), "url"),
                   ==, "data:image/png;base64,iVBORw==");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_array_get_object_element (parts, 2), "image_url"), "url"),
                   ==, "https://example.com/cat.jpg");

  object = json_array_get_object_element (messages, 2);
  g_assert_cmpstr (json_object_get_string_member (object, "role"), ==, "assistant");
  g_assert_true (json_object_get_null_member (object, "content"));
  object = json_array_get_object_element (json_object_get_array_member (object, "tool_calls"), 0);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, "call_1");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "function"), "arguments"), ==, "{\"q\":\"cat\"}");

  object = json_array_get_object_element (messages, 3);
  g_assert_cmpstr (json_object_get_string_member (object, "role"), ==, "tool");
  g_assert_cmpstr (json_object_get_string_member (object, "tool_call_id"), ==, "call_1");
  g_assert_cmpstr (json_object_get_string_member (object, "content"), ==, "a cat");
}

static void
test_request_unset_is_not_sent (void)
{
  g_autoptr(PrismChatRequest) request = prism_chat_request_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *uri = NULL;

  prism_chat_request_add_text (request, PRISM_CHAT_ROLE_USER, "Hi");
  prism_chat_request_set_stream (request, FALSE);

  /* A compatible provider without a key (a local server). */
  message = build_chat ("openai", "http://127.0.0.1:8080/v1", "local", NULL, request);
  uri = request_uri (message);
  g_assert_cmpstr (uri, ==, "http://127.0.0.1:8080/v1/chat/completions");
  g_assert_null (request_header (message, "Authorization"));
  g_assert_cmpstr (request_header (message, "Accept"), ==, "application/json");

  body = request_body (message);
  g_assert_cmpuint (json_object_get_size (body), ==, 3);
  g_assert_true (json_object_has_member (body, "model"));
  g_assert_true (json_object_has_member (body, "messages"));
  g_assert_false (json_object_get_boolean_member (body, "stream"));
}

static void
test_request_max_tokens_elsewhere (void)
{
  g_autoptr(PrismChatRequest) request = prism_chat_request_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(JsonObject) body = NULL;

  prism_chat_request_add_text (request, PRISM_CHAT_ROLE_USER, "Hi");
  prism_chat_request_set_max_tokens (request, 64);

  message = build_chat ("openai", "https://api.groq.com/openai/v1", "llama-3.3-70b-versatile", "gsk_x", request);
  body = request_body (message);
  g_assert_cmpint (json_object_get_int_member (body, "max_tokens"), ==, 64);
  g_assert_false (json_object_has_member (body, "max_completion_tokens"));
}

static void
test_request_bad_base_url (void)
{
  g_autoptr(PrismProtocol) protocol = prism_protocol_new_for_kind ("openai");
  g_autoptr(PrismChatRequest) request = prism_chat_request_new ();
  g_autoptr(GError) error = NULL;
  SoupMessage *message;

  prism_chat_request_add_text (request, PRISM_CHAT_ROLE_USER, "Hi");

  message = prism_protocol_build_chat_message (protocol, "ftp://example.com", "m", "k", request, &error);
  g_assert_null (message);
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_clear_error (&error);

  message = prism_protocol_build_chat_message (protocol, "not a url", "m", "k", request, &error);
  g_assert_null (message);
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
}

static void
test_stream_text (void)
{
  g_autoptr(Decoded) decoded = decode_file ("openai", "openai-text.sse");

  g_assert_no_error (decoded->error);
  g_assert_cmpstr (decoded->content->str, ==, "Hello, world — ünïcödé!");
  g_assert_cmpstr (decoded->reasoning->str, ==, "");
  /* prompt_tokens includes the cached ones; completion the reasoning. */
  assert_usage (decoded, 1200, 1024, 0, 300, 128);
  g_assert_true (isnan (find_event (decoded, PRISM_STREAM_EVENT_USAGE)->provider_cost));
  assert_finished (decoded, PRISM_FINISH_REASON_STOP, "stop");
  g_assert_cmpstr (last_event (decoded)->served_model, ==, "gpt-4o-2024-08-06");
  /* USAGE comes just before FINISH. */
  g_assert_cmpint (((PrismStreamEvent *)g_ptr_array_index (decoded->events, decoded->events->len - 2))->kind,
                   ==, PRISM_STREAM_EVENT_USAGE);
}

static void
test_stream_tool_calls (void)
{
  g_autoptr(Decoded) decoded = decode_file ("openai", "openai-tool-calls.sse");
  g_autofree char *weather = NULL;
  g_autofree char *time = NULL;
  PrismStreamEvent *first = NULL;

  g_assert_cmpstr (decoded->content->str, ==, "Let me check.");

  /* Indexes are keys, not positions: the first call has index 1. */
  weather = tool_arguments (decoded, 1);
  time = tool_arguments (decoded, 2);
  g_assert_cmpstr (weather, ==, "{\"city\":\"Paris\"}");
  g_assert_cmpstr (time, ==, "{\"tz\":\"CET\"}");

  for (guint i = 0; i < decoded->events->len && first == NULL; i++)
    {
      PrismStreamEvent *event = g_ptr_array_index (decoded->events, i);

      if (event->kind == PRISM_STREAM_EVENT_TOOL_CALL)
        first = event;
    }
  g_assert_nonnull (first);
  g_assert_cmpint (first->tool_index, ==, 1);
  g_assert_cmpstr (first->tool_id, ==, "call_a");
  g_assert_cmpstr (first->tool_name, ==, "get_weather");

  /* No include_usage chunk in this recording: no USAGE, not a zero one. */
  g_assert_null (find_event (decoded, PRISM_STREAM_EVENT_USAGE));
  assert_finished (decoded, PRISM_FINISH_REASON_TOOL_CALLS, "tool_calls");
}

static void
test_stream_tool_calls_without_index (void)
{
  /* Compatible servers that send each call whole, without index, or
   * repeat the id on every piece.
   */
  g_autoptr(Decoded) decoded = decode_text ("openai",
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"a\",\"arguments\":\"{\\\"x\\\":\"}}]}}]}\n\n"
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"function\":{\"arguments\":\"1}\"}}]}}]}\n\n"
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"id\":\"c2\",\"type\":\"function\",\"function\":{\"name\":\"b\",\"arguments\":\"{}\"}}]}}]}\n\n"
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"id\":\"c1\",\"function\":{\"arguments\":\"\"}}]},\"finish_reason\":\"tool_calls\"}]}\n\n"
    "data: [DONE]\n\n");
  g_autofree char *first = tool_arguments (decoded, 0);
  g_autofree char *second = tool_arguments (decoded, 1);

  g_assert_cmpstr (first, ==, "{\"x\":1}");
  g_assert_cmpstr (second, ==, "{}");
  g_assert_cmpuint (count_events (decoded, PRISM_STREAM_EVENT_TOOL_CALL), ==, 4);
  assert_finished (decoded, PRISM_FINISH_REASON_TOOL_CALLS, "tool_calls");
}

static void
test_stream_groq (void)
{
  g_autoptr(Decoded) decoded = decode_file ("openai", "groq.sse");

  g_assert_cmpstr (decoded->content->str, ==, "Fast.");
  assert_usage (decoded, 18, 0, 0, 7, 0);
  assert_finished (decoded, PRISM_FINISH_REASON_STOP, "stop");
}

static void
test_stream_deepseek (void)
{
  g_autoptr(Decoded) decoded = decode_file ("openai", "deepseek.sse");

  g_assert_cmpstr (decoded->reasoning->str, ==, "First, 6×7.");
  g_assert_cmpstr (decoded->content->str, ==, "42");
  /* prompt_cache_hit_tokens stands in for cached_tokens. */
  assert_usage (decoded, 30, 16, 0, 100, 80);
  assert_finished (decoded, PRISM_FINISH_REASON_STOP, "stop");
}

static void
test_stream_xai (void)
{
  g_autoptr(Decoded) decoded = decode_file ("openai", "xai.sse");

  g_assert_cmpstr (decoded->reasoning->str, ==, "Hmm.");
  g_assert_cmpstr (decoded->content->str, ==, "Hi");
  /* 12 + 2 + 340 = 354: completion_tokens left the reasoning out. */
  assert_usage (decoded, 12, 0, 0, 342, 340);
  assert_finished (decoded, PRISM_FINISH_REASON_STOP, "stop");
}

static void
test_stream_perplexity (void)
{
  g_autoptr(Decoded) decoded = decode_file ("openai", "perplexity.sse");

  /* The final chat.completion.done chunk repeats the message whole
   * beside its delta; only the delta counts.
   */
  g_assert_cmpstr (decoded->content->str, ==, "Paris is the capital.");
  /* Usage repeated on every chunk, cumulative: the last one wins. */
  assert_usage (decoded, 10, 0, 0, 4, 0);
  /* No [DONE]: the finish reason and the end of the body suffice. */
  assert_finished (decoded, PRISM_FINISH_REASON_STOP, "stop");
}

static void
test_stream_mistral (void)
{
  g_autoptr(Decoded) decoded = decode_file ("openai", "mistral.sse");

  g_assert_cmpstr (decoded->content->str, ==, "Bonjour");
  assert_usage (decoded, 9, 0, 0, 16, 0);
  assert_finished (decoded, PRISM_FINISH_REASON_LENGTH, "length");
}

static void
test_stream_truncated (void)
{
  g_autofree char *text = read_test_data ("openai-text.sse", NULL);
  g_autoptr(Decoded) decoded = NULL;
  const char *cut = strstr (text, "data: {\"id\":\"chatcmpl-AbC1\",\"object\":\"chat.completion.chunk\",\"created\":1755000000,\"model\":\"gpt-4o-2024-08-06\",\"choices\":[{\"index\":0,\"delta\":{},");

  g_assert_nonnull (cut);
  text[cut - text] = '\0';

  decoded = decode_text ("openai", text);
  g_assert_cmpstr (decoded->content->str, ==, "Hello, world — ünïcödé!");
  g_assert_error (decoded->error, PRISM_ERROR, PRISM_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (decoded->error->message, "ended before the provider finished"));
  g_assert_null (find_event (decoded, PRISM_STREAM_EVENT_FINISH));
}

static void
test_stream_malformed (void)
{
  GString *text = g_string_new ("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"}}]}\n\n"
                                "data: {\"choices\": [{\"delta\": {\"content\": \"");

  /* A long broken event: the message quotes only the beginning. */
  for (guint i = 0; i < 1000; i++)
    g_string_append (text, "abcdefghij");
  g_string_append (text, "\n\n");

  {
    g_autoptr(Decoded) decoded = decode_text ("openai", text->str);

    g_assert_cmpstr (decoded->content->str, ==, "ok");
    g_assert_error (decoded->error, PRISM_ERROR, PRISM_ERROR_PROTOCOL);
    g_assert_nonnull (strstr (decoded->error->message, "{\"choices\": [{\"delta\""));
    g_assert_cmpuint (strlen (decoded->error->message), <=, 260);
  }

  g_string_free (text, TRUE);
}

static void
test_stream_malformed_redacted (void)
{
  g_autoptr(Decoded) decoded = decode_text ("openai",
    "data: {\"debug\": \"Authorization: Bearer sk-proj-AbCdEf0123456789\"\n\n");

  g_assert_error (decoded->error, PRISM_ERROR, PRISM_ERROR_PROTOCOL);
  g_assert_null (strstr (decoded->error->message, "AbCdEf"));
  g_assert_nonnull (strstr (decoded->error->message, "Bearer [redacted]"));
}

static void
test_stream_not_an_object (void)
{
  g_autoptr(Decoded) decoded = decode_text ("openai", "data: [1, 2]\n\n");

  g_assert_error (decoded->error, PRISM_ERROR, PRISM_ERROR_PROTOCOL);
}

static void
test_stream_deep_nesting (void)
{
  gsize depth = 200000;
  g_autofree char *text = g_malloc (depth + 16);
  g_autoptr(Decoded) decoded = NULL;

  /* Would overflow json-glib's recursive parser. */
  memcpy (text, "data: ", 6);
  memset (text + 6, '[', depth);
  memcpy (text + 6 + depth, "\n\n", 3);

  decoded = decode_text ("openai", text);
  g_assert_error (decoded->error, PRISM_ERROR, PRISM_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (decoded->error->message, "nested"));
}

static void
test_stream_error_chunk (void)
{
  g_autoptr(Decoded) decoded = decode_text ("openai",
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hal\"}}]}\n\n"
    "data: {\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n");
  const GError *error = assert_failed (decoded, PRISM_ERROR_SERVER);

  g_assert_cmpstr (decoded->content->str, ==, "Hal");
  g_assert_nonnull (strstr (error->message, "The server had an error"));
  g_assert_cmpuint (prism_error_get_http_status (error), ==, 0);
}

static void
test_stream_event_error (void)
{
  g_autoptr(Decoded) decoded = decode_text ("openai",
    "event: error\ndata: {\"error\":{\"message\":\"Overloaded\",\"type\":\"overloaded_error\"}}\n\n");

  assert_failed (decoded, PRISM_ERROR_OVERLOADED);
}

static void
test_stream_ignores_after_done (void)
{
  g_autoptr(Decoded) decoded = decode_text ("openai",
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\"},\"finish_reason\":\"stop\"}]}\n\n"
    "data: [DONE]\n\n"
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"B\"}}]}\n\n"
    "data: not json at all\n\n");

  g_assert_cmpstr (decoded->content->str, ==, "A");
  assert_finished (decoded, PRISM_FINISH_REASON_STOP, "stop");
}

static void
test_stream_odd_chunks (void)
{
  /* Azure's filter chunk with empty choices and no id, vLLM's usage
   * chunk with null choices, another choice index, a content filter.
   */
  g_autoptr(Decoded) decoded = decode_text ("openai",
    "data: {\"id\":\"\",\"choices\":[],\"prompt_filter_results\":[{\"prompt_index\":0}]}\n\n"
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}},{\"index\":1,\"delta\":{\"content\":\"other\"}}]}\n\n"
    "data: {\"choices\":[{\"index\":0,\"content_filter_results\":{}}]}\n\n"
    "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"content_filter\"}]}\n\n"
    "data: {\"choices\":null,\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}\n\n"
    "data: [DONE]\n\n");

  g_assert_cmpstr (decoded->content->str, ==, "x");
  assert_usage (decoded, 3, 0, 0, 1, 0);
  assert_finished (decoded, PRISM_FINISH_REASON_CONTENT_FILTER, "content_filter");
}

static void
test_whole_body (void)
{
  g_autoptr(Decoded) decoded = decode_whole_text ("openai",
    "{\"id\":\"chatcmpl-9\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"o3-mini\","
    "\"choices\":[{\"index\":0,\"finish_reason\":\"tool_calls\",\"logprobs\":null,"
    "\"message\":{\"role\":\"assistant\",\"content\":\"Calling.\",\"reasoning_content\":\"Need data.\",\"refusal\":null,"
    "\"tool_calls\":[{\"id\":\"call_z\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":1}\"}}]}}],"
    "\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":20,\"total_tokens\":70,"
    "\"prompt_tokens_details\":{\"cached_tokens\":10},\"completion_tokens_details\":{\"reasoning_tokens\":12}}}");
  g_autofree char *arguments = NULL;

  g_assert_no_error (decoded->error);
  g_assert_cmpstr (decoded->content->str, ==, "Calling.");
  g_assert_cmpstr (decoded->reasoning->str, ==, "Need data.");
  arguments = tool_arguments (decoded, 0);
  g_assert_cmpstr (arguments, ==, "{\"a\":1}");
  g_assert_cmpstr (find_event (decoded, PRISM_STREAM_EVENT_TOOL_CALL)->tool_id, ==, "call_z");
  assert_usage (decoded, 50, 10, 0, 20, 12);
  assert_finished (decoded, PRISM_FINISH_REASON_TOOL_CALLS, "tool_calls");
  g_assert_cmpstr (last_event (decoded)->served_model, ==, "o3-mini");
}

static void
test_whole_body_malformed (void)
{
  g_autoptr(Decoded) decoded = decode_whole_text ("openai", "<html>oops</html>");

  g_assert_error (decoded->error, PRISM_ERROR, PRISM_ERROR_PROTOCOL);
  g_assert_cmpuint (decoded->events->len, ==, 0);
}

static void
test_errors (void)
{
  assert_http_error (parse_error_body ("openai", 401, "application/json",
                                       "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-abc123***************************wxyz. You can find your API key at https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}",
                                       NULL),
                     PRISM_ERROR_AUTH, 401, -1, "Incorrect API key provided: [redacted]. You can find");
  assert_http_error (parse_error_body ("openai", 429, "application/json",
                                       "{\"error\":{\"message\":\"Rate limit reached for gpt-4o in organization org-x on tokens per min (TPM): Limit 30000, Used 30000, Requested 100.\",\"type\":\"tokens\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}",
                                       "20"),
                     PRISM_ERROR_RATE_LIMIT, 429, 20, "Rate limit reached for gpt-4o");
  assert_http_error (parse_error_body ("openai", 429, "application/json",
                                       "{\"error\":{\"message\":\"You exceeded your current quota, please check your plan and billing details.\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}",
                                       NULL),
                     PRISM_ERROR_PAYMENT, 429, -1, "You exceeded your current quota");
  assert_http_error (parse_error_body ("openai", 403, "application/json",
                                       "{\"error\":{\"code\":\"unsupported_country_region_territory\",\"message\":\"Country, region, or territory not supported\",\"param\":null,\"type\":\"request_forbidden\"}}",
                                       NULL),
                     PRISM_ERROR_AUTH, 403, -1, "Country, region, or territory not supported");
  assert_http_error (parse_error_body ("openai", 404, "application/json",
                                       "{\"error\":{\"message\":\"The model `gpt-9` does not exist or you do not have access to it.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}",
                                       NULL),
                     PRISM_ERROR_BAD_REQUEST, 404, -1, "The model `gpt-9` does not exist");
  assert_http_error (parse_error_body ("openai", 408, NULL, NULL, NULL),
                     PRISM_ERROR_TIMEOUT, 408, -1, "(HTTP 408)");
  assert_http_error (parse_error_body ("openai", 500, "application/json",
                                       "{\"error\":{\"message\":\"The server had an error while processing your request. Sorry about that!\",\"type\":\"server_error\",\"param\":null,\"code\":null}}",
                                       NULL),
                     PRISM_ERROR_SERVER, 500, -1, "Sorry about that!");
  assert_http_error (parse_error_body ("openai", 503, "application/json",
                                       "{\"error\":{\"message\":\"The engine is currently overloaded, please try again later\",\"type\":\"server_error\",\"param\":null,\"code\":null}}",
                                       "3"),
                     PRISM_ERROR_OVERLOADED, 503, 3, "currently overloaded");
  assert_http_error (parse_error_body ("openai", 502, "text/html",
                                       "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n",
                                       NULL),
                     PRISM_ERROR_SERVER, 502, -1, "“502 Bad Gateway”");
  assert_http_error (parse_error_body ("openai", 400, "text/plain", "Bad request\nsecond line", NULL),
                     PRISM_ERROR_BAD_REQUEST, 400, -1, "“Bad request”");
}

static void
test_error_html_without_title (void)
{
  GError *error = parse_error_body ("openai", 504, NULL,
                                    "<!DOCTYPE html><html><body><h1>Gateway   Timeout</h1>\n<p>The upstream server did not answer.</p></body></html>",
                                    NULL);

  g_assert_null (strchr (error->message, '<'));
  assert_http_error (error, PRISM_ERROR_TIMEOUT, 504, -1, "Gateway Timeout The upstream server did not answer.");
}

static void
test_error_redacts_sent_key (void)
{
  g_autoptr(PrismProtocol) protocol = prism_protocol_new_for_kind ("openai");
  const char *body = "{\"error\":{\"message\":\"Key 'mykey-1234' is disabled\",\"type\":\"invalid_request_error\"}}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (body, strlen (body));
  GError *error;

  error = prism_protocol_parse_error (protocol, 401, "application/json", bytes, NULL, "mykey-1234");
  g_assert_null (strstr (error->message, "mykey-1234"));
  assert_http_error (error, PRISM_ERROR_AUTH, 401, -1, "Key '[redacted]' is disabled");
}

static void
test_retry_after (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 120);
  g_autofree char *date = g_date_time_format (later, "%a, %d %b %Y %H:%M:%S GMT");
  gint64 seconds;

  g_assert_cmpint (prism_protocol_parse_retry_after ("7"), ==, 7);
  g_assert_cmpint (prism_protocol_parse_retry_after (" 0"), ==, 0);
  g_assert_cmpint (prism_protocol_parse_retry_after (NULL), ==, -1);
  g_assert_cmpint (prism_protocol_parse_retry_after ("soon"), ==, -1);
  g_assert_cmpint (prism_protocol_parse_retry_after ("12abc"), ==, -1);
  g_assert_cmpint (prism_protocol_parse_retry_after ("Wed, 21 Oct 2015 07:28:00 GMT"), ==, 0);

  seconds = prism_protocol_parse_retry_after (date);
  g_assert_cmpint (seconds, >=, 118);
  g_assert_cmpint (seconds, <=, 121);
}

static void
test_error_copy_keeps_status (void)
{
  GError *error = parse_error_body ("openai", 429, NULL, "{}", "9");
  GError *copy = g_error_copy (error);

  g_error_free (error);
  assert_http_error (copy, PRISM_ERROR_RATE_LIMIT, 429, 9, "(HTTP 429)");
}

static void
test_models (void)
{
  g_autoptr(GPtrArray) models = parse_models_text ("openai", "groq",
    "{\"object\":\"list\",\"data\":[{\"id\":\"llama-3.3-70b-versatile\",\"object\":\"model\",\"created\":1733447754,\"owned_by\":\"Meta\"},"
    "{\"id\":\"\",\"object\":\"model\"},{\"object\":\"model\"},"
    "{\"id\":\"gpt-4o-mini\",\"object\":\"model\",\"created\":1721172741,\"owned_by\":\"system\",\"shutdown_date\":null}]}");
  g_autoptr(PrismProtocol) protocol = prism_protocol_new_for_kind ("openai");
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) bad = g_bytes_new_static ("{\"models\":[]}", 13);
  g_autofree char *uri = NULL;

  g_assert_cmpuint (models->len, ==, 2);
  g_assert_cmpstr (prism_model_get_id (g_ptr_array_index (models, 0)), ==, "groq:llama-3.3-70b-versatile");
  g_assert_cmpstr (prism_model_get_id (g_ptr_array_index (models, 1)), ==, "groq:gpt-4o-mini");

  g_assert_null (prism_protocol_parse_models (protocol, "groq", bad, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL);
  g_clear_error (&error);

  message = prism_protocol_build_models_message (protocol, "https://api.groq.com/openai/v1", "gsk_1", &error);
  g_assert_no_error (error);
  uri = request_uri (message);
  g_assert_cmpstr (uri, ==, "https://api.groq.com/openai/v1/models");
  g_assert_cmpstr (soup_message_get_method (message), ==, "GET");
  g_assert_cmpstr (request_header (message, "Authorization"), ==, "Bearer gsk_1");
}

static void
test_models_compatible (void)
{
  g_autoptr(GPtrArray) groq = parse_models_text ("openai", "groq",
    "{\"object\":\"list\",\"data\":[{\"id\":\"llama-3.3-70b-versatile\",\"object\":\"model\",\"created\":1733447754,"
    "\"owned_by\":\"Meta\",\"active\":true,\"context_window\":131072,\"public_apps\":null,\"max_completion_tokens\":32768}]}");
  g_autoptr(GPtrArray) mistral = parse_models_text ("openai", "mistral",
    "{\"object\":\"list\",\"data\":[{\"id\":\"mistral-small-latest\",\"object\":\"model\",\"name\":\"mistral-small-2506\","
    "\"max_context_length\":131072,\"capabilities\":{\"completion_chat\":true,\"vision\":true}}]}");
  g_autoptr(GPtrArray) together = parse_models_text ("openai", "together",
    "[{\"id\":\"meta-llama/Llama-3.3-70B-Instruct-Turbo\",\"object\":\"model\",\"type\":\"chat\",\"display_name\":\"Meta Llama 3.3 70B Instruct Turbo\","
    "\"context_length\":131072,\"pricing\":{\"input\":0.88,\"output\":0.88}}]");
  g_autoptr(GPtrArray) vllm = parse_models_text ("openai", "local",
    "{\"object\":\"list\",\"data\":[{\"id\":\"Qwen/Qwen3-8B\",\"object\":\"model\",\"owned_by\":\"vllm\",\"max_model_len\":32768}]}");
  PrismModel *model;

  model = g_ptr_array_index (groq, 0);
  g_assert_cmpint (prism_model_get_context_length (model), ==, 131072);
  g_assert_cmpstr (prism_model_get_name (model), ==, "llama-3.3-70b-versatile");

  model = g_ptr_array_index (mistral, 0);
  g_assert_cmpint (prism_model_get_context_length (model), ==, 131072);
  g_assert_cmpstr (prism_model_get_name (model), ==, "mistral-small-2506");

  model = g_ptr_array_index (together, 0);
  g_assert_cmpstr (prism_model_get_id (model), ==, "together:meta-llama/Llama-3.3-70B-Instruct-Turbo");
  g_assert_cmpstr (prism_model_get_name (model), ==, "Meta Llama 3.3 70B Instruct Turbo");
  g_assert_cmpint (prism_model_get_context_length (model), ==, 131072);

  g_assert_cmpint (prism_model_get_context_length (g_ptr_array_index (vllm, 0)), ==, 32768);
}

static void
test_new_for_kind (void)
{
  const char *kinds[] = { "openai", "openrouter", "anthropic", "gemini", "ollama" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(PrismProtocol) protocol = prism_protocol_new_for_kind (kinds[i]);

      g_assert_nonnull (protocol);
      g_assert_cmpstr (prism_protocol_get_kind (protocol), ==, kinds[i]);
      g_assert_cmpint (prism_protocol_get_framing (protocol), ==,
                       g_str_equal (kinds[i], "ollama") ? PRISM_STREAM_FRAMING_NDJSON : PRISM_STREAM_FRAMING_SSE);
    }

  g_assert_null (prism_protocol_new_for_kind ("cohere"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/prism/protocol-openai/new-for-kind", test_new_for_kind);
  g_test_add_func ("/prism/protocol-openai/request/every-parameter", test_request_every_parameter);
  g_test_add_func ("/prism/protocol-openai/request/unset-is-not-sent", test_request_unset_is_not_sent);
  g_test_add_func ("/prism/protocol-openai/request/max-tokens-elsewhere", test_request_max_tokens_elsewhere);
  g_test_add_func ("/prism/protocol-openai/request/bad-base-url", test_request_bad_base_url);
  g_test_add_func ("/prism/protocol-openai/stream/text", test_stream_text);
  g_test_add_func ("/prism/protocol-openai/stream/tool-calls", test_stream_tool_calls);
  g_test_add_func ("/prism/protocol-openai/stream/tool-calls-without-index", test_stream_tool_calls_without_index);
  g_test_add_func ("/prism/protocol-openai/stream/groq", test_stream_groq);
  g_test_add_func ("/prism/protocol-openai/stream/deepseek", test_stream_deepseek);
  g_test_add_func ("/prism/protocol-openai/stream/xai", test_stream_xai);
  g_test_add_func ("/prism/protocol-openai/stream/perplexity", test_stream_perplexity);
  g_test_add_func ("/prism/protocol-openai/stream/mistral", test_stream_mistral);
  g_test_add_func ("/prism/protocol-openai/stream/truncated", test_stream_truncated);
  g_test_add_func ("/prism/protocol-openai/stream/malformed", test_stream_malformed);
  g_test_add_func ("/prism/protocol-openai/stream/malformed-redacted", test_stream_malformed_redacted);
  g_test_add_func ("/prism/protocol-openai/stream/not-an-object", test_stream_not_an_object);
  g_test_add_func ("/prism/protocol-openai/stream/deep-nesting", test_stream_deep_nesting);
  g_test_add_func ("/prism/protocol-openai/stream/error-chunk", test_stream_error_chunk);
  g_test_add_func ("/prism/protocol-openai/stream/event-error", test_stream_event_error);
  g_test_add_func ("/prism/protocol-openai/stream/after-done", test_stream_ignores_after_done);
  g_test_add_func ("/prism/protocol-openai/stream/odd-chunks", test_stream_odd_chunks);
  g_test_add_func ("/prism/protocol-openai/whole/body", test_whole_body);
  g_test_add_func ("/prism/protocol-openai/whole/malformed", test_whole_body_malformed);
  g_test_add_func ("/prism/protocol-openai/errors/statuses", test_errors);
  g_test_add_func ("/prism/protocol-openai/errors/html-without-title", test_error_html_without_title);
  g_test_add_func ("/prism/protocol-openai/errors/redacts-sent-key", test_error_redacts_sent_key);
  g_test_add_func ("/prism/protocol-openai/errors/retry-after", test_retry_after);
  g_test_add_func ("/prism/protocol-openai/errors/copy-keeps-status", test_error_copy_keeps_status);
  g_test_add_func ("/prism/protocol-openai/models", test_models);
  g_test_add_func ("/prism/protocol-openai/models/compatible", test_models_compatible);

  return g_test_run ();
}
