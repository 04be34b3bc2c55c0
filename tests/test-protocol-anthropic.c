/* test-protocol-anthropic.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "prism-protocol-anthropic.h"
#include "protocol-test-util.h"

static void
test_request_every_parameter (void)
{
  g_autoptr(PrismChatRequest) request = prism_chat_request_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *uri = NULL;
  const char *stop[] = { "\n\nHuman:", NULL };
  PrismChatMessage *user;
  PrismChatMessage *assistant;
  JsonArray *messages;
  JsonArray *blocks;
  JsonObject *object;
  JsonObject *thinking;

  prism_chat_request_set_system_prompt (request, "Be brief.");
  prism_chat_request_add_text (request, PRISM_CHAT_ROLE_SYSTEM, "Answer in French.");
  user = prism_chat_message_new (PRISM_CHAT_ROLE_USER, "What is this?");
  prism_chat_message_add_image_url (user, "data:image/jpeg;base64,/9j/4AAQ");
  prism_chat_message_add_image_url (user, "https://example.com/cat.jpg");
  prism_chat_request_add_message (request, user);
  assistant = prism_chat_message_new (PRISM_CHAT_ROLE_ASSISTANT, "Let me look.");
  prism_chat_message_add_tool_call (assistant, "toolu_1", "lookup", "{\"q\":\"cat\"}");
  prism_chat_request_add_message (request, assistant);
  prism_chat_request_add_message (request, prism_chat_message_new_tool_result ("toolu_1", "lookup", "a cat"));
  prism_chat_request_set_temperature (request, 1.0);
  prism_chat_request_set_top_p (request, 0.95);
  prism_chat_request_set_max_tokens (request, 20000);
  prism_chat_request_set_stop (request, stop);
  prism_chat_request_set_seed (request, 7);
  prism_chat_request_set_reasoning_effort (request, "high");

  message = build_chat ("anthropic", "https://api.anthropic.com", "claude-sonnet-4-5", "sk-ant-test", request);
  uri = request_uri (message);
  g_assert_cmpstr (uri, ==, "https://api.anthropic.com/v1/messages");
  g_assert_cmpstr (request_header (message, "x-api-key"), ==, "sk-ant-test");
  g_assert_cmpstr (request_header (message, "anthropic-version"), ==, "2023-06-01");
  g_assert_null (request_header (message, "Authorization"));
  g_assert_cmpstr (request_header (message, "Accept"), ==, "text/event-stream");

  body = request_body (message);
  g_assert_cmpstr (json_object_get_string_member (body, "model"), ==, "claude-sonnet-4-5");
  g_assert_cmpint (json_object_get_int_member (body, "max_tokens"), ==, 20000);
  /* No system role: the prompt and system messages go to `system`. */
  g_assert_cmpstr (json_object_get_string_member (body, "system"), ==, "Be brief.\n\nAnswer in French.");
  g_assert_cmpfloat (json_object_get_double_member (body, "temperature"), ==, 1.0);
  g_assert_cmpfloat (json_object_get_double_member (body, "top_p"), ==, 0.95);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (body, "stop_sequences"), 0), ==, "\n\nHuman:");
  /* Anthropic has no seed. */
  g_assert_false (json_object_has_member (body, "seed"));
  g_assert_true (json_object_get_boolean_member (body, "stream"));
  thinking = json_object_get_object_member (body, "thinking");
  g_assert_cmpstr (json_object_get_string_member (thinking, "type"), ==, "enabled");
  g_assert_cmpint (json_object_get_int_member (thinking, "budget_tokens"), ==, 16384);

  messages = json_object_get_array_member (body, "messages");
  g_assert_cmpuint (json_array_get_length (messages), ==, 3);

  object = json_array_get_object_element (messages, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "role"), ==, "user");
  blocks = json_object_get_array_member (object, "content");
  g_assert_cmpuint (json_array_get_length (blocks), ==, 3);
  object = json_object_get_object_member (json_array_get_object_element (blocks, 0), "source");
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "base64");
  g_assert_cmpstr (json_object_get_string_member (object, "media_type"), ==, "image/jpeg");
  g_assert_cmpstr (json_object_get_string_member (object, "data"), ==, "/9j/4AAQ");
  object = json_object_get_object_member (json_array_get_object_element (blocks, 1), "source");
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "url");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (blocks, 2), "text"), ==, "What is this?");

  object = json_array_get_object_element (messages, 1);
  g_assert_cmpstr (json_object_get_string_member (object, "role"), ==, "assistant");
  blocks = json_object_get_array_member (object, "content");
  object = json_array_get_object_element (blocks, 1);
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "tool_use");
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, "toolu_1");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "input"), "q"), ==, "cat");

  object = json_array_get_object_element (messages, 2);
  g_assert_cmpstr (json_object_get_string_member (object, "role"), ==, "user");
  object = json_array_get_object_element (json_object_get_array_member (object, "content"), 0);
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "tool_result");
  g_assert_cmpstr (json_object_get_string_member (object, "tool_use_id"), ==, "toolu_1");
  g_assert_cmpstr (json_object_get_string_member (object, "content"), ==, "a cat");
}

static void
test_request_defaults (void)
{
  g_autoptr(PrismChatRequest) request = prism_chat_request_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(JsonObject) body = NULL;

  prism_chat_request_add_text (request, PRISM_CHAT_ROLE_USER, "Hi");
  prism_chat_request_set_stream (request, FALSE);

  message = build_chat ("anthropic", "https://api.anthropic.com/", "claude-haiku-4-5", "k", request);
  g_assert_cmpstr (request_header (message, "Accept"), ==, "application/json");
  body = request_body (message);
  /* max_tokens is required: Prism's default is sent. */
  g_assert_cmpint (json_object_get_int_member (body, "max_tokens"), ==, PRISM_PROTOCOL_ANTHROPIC_DEFAULT_MAX_TOKENS);
  g_assert_cmpuint (json_object_get_size (body), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (body, "messages"), 0), "content"),
                   ==, "Hi");
}

static void
test_request_thinking_limits (void)
{
  g_autoptr(PrismProtocol) protocol = prism_protocol_new_for_kind ("anthropic");
  g_autoptr(PrismChatRequest) request = prism_chat_request_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;

  prism_chat_request_add_text (request, PRISM_CHAT_ROLE_USER, "Hi");
  prism_chat_request_set_reasoning_effort (request, "medium");

  /* Without a limit: the budget plus the default. */
  message = build_chat ("anthropic", "https://api.anthropic.com", "claude-sonnet-4-5", "k", request);
  body = request_body (message);
  g_assert_cmpint (json_object_get_int_member (body, "max_tokens"), ==, 8192 + PRISM_PROTOCOL_ANTHROPIC_DEFAULT_MAX_TOKENS);
  g_clear_object (&message);
  g_clear_pointer (&body, json_object_unref);

  /* A limit below the budget: the budget shrinks to fit under it. */
  prism_chat_request_set_max_tokens (request, 2000);
  message = build_chat ("anthropic", "https://api.anthropic.com", "claude-sonnet-4-5", "k", request);
  body = request_body (message);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (body, "thinking"), "budget_tokens"), ==, 1999);
  g_clear_object (&message);

  /* Too small for the minimum budget of 1024. */
  prism_chat_request_set_max_tokens (request, 1000);
  g_assert_null (prism_protocol_build_chat_message (protocol, "https://api.anthropic.com", "m", "k", request, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_BAD_REQUEST);
  g_clear_error (&error);

  /* Thinking refuses other sampling. */
  prism_chat_request_set_max_tokens (request, 4000);
  prism_chat_request_set_temperature (request, 0.3);
  g_assert_null (prism_protocol_build_chat_message (protocol, "https://api.anthropic.com", "m", "k", request, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_BAD_REQUEST);
  g_clear_error (&error);
  prism_chat_request_set_temperature (request, NAN);
  prism_chat_request_set_top_p (request, 0.5);
  g_assert_null (prism_protocol_build_chat_message (protocol, "https://api.anthropic.com", "m", "k", request, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_BAD_REQUEST);
  g_clear_error (&error);
  prism_chat_request_set_max_tokens (request, 1000);

  /* "none" asks for no thinking at all, and allows any sampling. */
  prism_chat_request_set_reasoning_effort (request, "none");
  message = build_chat ("anthropic", "https://api.anthropic.com", "claude-sonnet-4-5", "k", request);
  g_clear_pointer (&body, json_object_unref);
  body = request_body (message);
  g_assert_false (json_object_has_member (body, "thinking"));
  g_assert_cmpint (json_object_get_int_member (body, "max_tokens"), ==, 1000);
  g_assert_cmpfloat (json_object_get_double_member (body, "top_p"), ==, 0.5);
}

static void
test_request_bad_image (void)
{
  g_autoptr(PrismProtocol) protocol = prism_protocol_new_for_kind ("anthropic");
  g_autoptr(PrismChatRequest) request = prism_chat_request_new ();
  g_autoptr(GError) error = NULL;
  PrismChatMessage *user = prism_chat_message_new (PRISM_CHAT_ROLE_USER, "?");

  prism_chat_message_add_image_url (user, "file:///etc/passwd");
  prism_chat_request_add_message (request, user);

  g_assert_null (prism_protocol_build_chat_message (protocol, "https://api.anthropic.com", "m", "k", request, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_BAD_REQUEST);
}

static void
test_stream_text (void)
{
  g_autoptr(Decoded) decoded = decode_file ("anthropic", "anthropic-text.sse");

  g_assert_cmpstr (decoded->content->str, ==, "Hello there");
  /* input_tokens leaves the cache out: 25 + 100 + 2000. The second
   * message_delta repeats the totals (cumulative): 15, not 12 + 15.
   */
  assert_usage (decoded, 2125, 2000, 100, 15, 0);
  assert_finished (decoded, PRISM_FINISH_REASON_STOP, "end_turn");
  g_assert_cmpstr (last_event (decoded)->served_model, ==, "claude-sonnet-4-5-20250929");
}

static void
test_stream_thinking_and_tools (void)
{
  g_autoptr(Decoded) decoded = decode_file ("anthropic", "anthropic-thinking-tools.sse");
  g_autofree char *arguments = NULL;
  PrismStreamEvent *call;

  /* The signature is not text. */
  g_assert_cmpstr (decoded->reasoning->str, ==, "The user wants the weather.");
  g_assert_cmpstr (decoded->content->str, ==, "Checking.");

  call = find_event (decoded, PRISM_STREAM_EVENT_TOOL_CALL);
  g_assert_cmpint (call->tool_index, ==, 2);
  g_assert_cmpstr (call->tool_id, ==, "toolu_01");
  g_assert_cmpstr (call->tool_name, ==, "get_weather");
  arguments = tool_arguments (decoded, 2);
  g_assert_cmpstr (arguments, ==, "{\"location\": \"San Francisco, CA\"}");

  assert_usage (decoded, 400, 0, 0, 89, 0);
  assert_finished (decoded, PRISM_FINISH_REASON_TOOL_CALLS, "tool_use");
}

static void
test_stream_error (void)
{
  g_autoptr(Decoded) decoded = decode_file ("anthropic", "anthropic-error.sse");
  const GError *error = assert_failed (decoded, PRISM_ERROR_OVERLOADED);

  g_assert_cmpstr (decoded->content->str, ==, "Once upon");
  g_assert_nonnull (strstr (error->message, "Overloaded"));
}

static void
test_stream_stop_reason_without_message_stop (void)
{
  g_autofree char *text = read_test_data ("anthropic-text.sse", NULL);
  g_autoptr(Decoded) decoded = NULL;
  gsize cut = strstr (text, "event: message_stop") - text;

  /* Only message_stop ends the stream; a stop_reason alone does not. */
  text[cut] = '\0';
  decoded = decode_text ("anthropic", text);
  g_assert_error (decoded->error, PRISM_ERROR, PRISM_ERROR_PROTOCOL);
  g_assert_null (find_event (decoded, PRISM_STREAM_EVENT_FINISH));
}

static void
test_stream_spliced_message_start (void)
{
  g_autoptr(Decoded) decoded = decode_text ("anthropic",
    "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_a\",\"model\":\"claude-x\",\"usage\":{\"input_tokens\":50,\"output_tokens\":3}}}\n\n"
    "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_a\",\"model\":\"claude-x\",\"usage\":{\"input_tokens\":50,\"output_tokens\":3}}}\n\n"
    "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_b\",\"model\":\"claude-y\",\"usage\":{\"input_tokens\":7}}}\n\n"
    "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\"},\"usage\":{\"output_tokens\":4}}\n\n"
    "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");

  assert_usage (decoded, 7, 0, 0, 4, 0);
  assert_finished (decoded, PRISM_FINISH_REASON_LENGTH, "max_tokens");
  g_assert_cmpstr (last_event (decoded)->served_model, ==, "claude-y");
}

static void
test_stream_malformed (void)
{
  g_autoptr(Decoded) decoded = decode_text ("anthropic",
    "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"a\"\n\n");

  g_assert_error (decoded->error, PRISM_ERROR, PRISM_ERROR_PROTOCOL);
}

static void
test_whole_body (void)
{
  g_autoptr(Decoded) decoded = decode_whole_text ("anthropic",
    "{\"id\":\"msg_9\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
    "\"content\":[{\"type\":\"thinking\",\"thinking\":\"Hmm.\",\"signature\":\"sig\"},{\"type\":\"text\",\"text\":\"Sure.\"},"
    "{\"type\":\"tool_use\",\"id\":\"toolu_9\",\"name\":\"f\",\"input\":{\"a\":1}}],"
    "\"stop_reason\":\"tool_use\",\"stop_sequence\":null,"
    "\"usage\":{\"input_tokens\":5,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":10,\"output_tokens\":30}}");
  g_autofree char *arguments = tool_arguments (decoded, 2);

  g_assert_no_error (decoded->error);
  g_assert_cmpstr (decoded->reasoning->str, ==, "Hmm.");
  g_assert_cmpstr (decoded->content->str, ==, "Sure.");
  g_assert_cmpstr (arguments, ==, "{\"a\":1}");
  assert_usage (decoded, 15, 10, 0, 30, 0);
  assert_finished (decoded, PRISM_FINISH_REASON_TOOL_CALLS, "tool_use");
}

static void
test_errors (void)
{
  assert_http_error (parse_error_body ("anthropic", 400, "application/json",
                                       "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"max_tokens: Field required\"},\"request_id\":\"req_1\"}",
                                       NULL),
                     PRISM_ERROR_BAD_REQUEST, 400, -1, "max_tokens: Field required");
  assert_http_error (parse_error_body ("anthropic", 401, "application/json",
                                       "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"},\"request_id\":\"req_2\"}",
                                       NULL),
                     PRISM_ERROR_AUTH, 401, -1, "invalid x-api-key");
  assert_http_error (parse_error_body ("anthropic", 402, "application/json",
                                       "{\"type\":\"error\",\"error\":{\"type\":\"billing_error\",\"message\":\"Your credit balance is too low to access the Anthropic API.\"}}",
                                       NULL),
                     PRISM_ERROR_PAYMENT, 402, -1, "credit balance is too low");
  assert_http_error (parse_error_body ("anthropic", 403, "application/json",
                                       "{\"type\":\"error\",\"error\":{\"type\":\"permission_error\",\"message\":\"Your API key does not have permission to use the specified resource.\"}}",
                                       NULL),
                     PRISM_ERROR_AUTH, 403, -1, "does not have permission");
  assert_http_error (parse_error_body ("anthropic", 404, "application/json",
                                       "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"model: claude-9\"}}",
                                       NULL),
                     PRISM_ERROR_BAD_REQUEST, 404, -1, "model: claude-9");
  assert_http_error (parse_error_body ("anthropic", 413, "application/json",
                                       "{\"type\":\"error\",\"error\":{\"type\":\"request_too_large\",\"message\":\"Request exceeds the maximum allowed number of bytes.\"}}",
                                       NULL),
                     PRISM_ERROR_BAD_REQUEST, 413, -1, "maximum allowed number of bytes");
  assert_http_error (parse_error_body ("anthropic", 429, "application/json",
                                       "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"This request would exceed the rate limit for your organization of 50,000 input tokens per minute.\"}}",
                                       "7"),
                     PRISM_ERROR_RATE_LIMIT, 429, 7, "50,000 input tokens per minute");
  assert_http_error (parse_error_body ("anthropic", 500, "application/json",
                                       "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}",
                                       NULL),
                     PRISM_ERROR_SERVER, 500, -1, "Internal server error");
  assert_http_error (parse_error_body ("anthropic", 504, "application/json",
                                       "{\"type\":\"error\",\"error\":{\"type\":\"timeout_error\",\"message\":\"Request timed out\"}}",
                                       NULL),
                     PRISM_ERROR_TIMEOUT, 504, -1, "Request timed out");
  assert_http_error (parse_error_body ("anthropic", 529, "application/json",
                                       "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"},\"request_id\":\"req_3\"}",
                                       NULL),
                     PRISM_ERROR_OVERLOADED, 529, -1, "“Overloaded”");
}

static void
test_models (void)
{
  g_autoptr(GPtrArray) models = parse_models_text ("anthropic", "anthropic",
    "{\"data\":[{\"type\":\"model\",\"id\":\"claude-sonnet-4-5-20250929\",\"display_name\":\"Claude Sonnet 4.5\",\"created_at\":\"2025-09-29T00:00:00Z\",\"max_input_tokens\":200000},"
    "{\"type\":\"model\",\"id\":\"claude-3-haiku-20240307\",\"display_name\":\"Claude Haiku 3\",\"created_at\":\"2024-03-07T00:00:00Z\"}],"
    "\"has_more\":false,\"first_id\":\"claude-sonnet-4-5-20250929\",\"last_id\":\"claude-3-haiku-20240307\"}");
  g_autoptr(PrismProtocol) protocol = prism_protocol_new_for_kind ("anthropic");
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *uri = NULL;

  g_assert_cmpuint (models->len, ==, 2);
  g_assert_cmpstr (prism_model_get_id (g_ptr_array_index (models, 0)), ==, "anthropic:claude-sonnet-4-5-20250929");
  g_assert_cmpstr (prism_model_get_name (g_ptr_array_index (models, 0)), ==, "Claude Sonnet 4.5");
  g_assert_cmpint (prism_model_get_context_length (g_ptr_array_index (models, 0)), ==, 200000);
  g_assert_cmpint (prism_model_get_context_length (g_ptr_array_index (models, 1)), ==, 0);

  message = prism_protocol_build_models_message (protocol, "https://api.anthropic.com", "sk-ant-1", &error);
  g_assert_no_error (error);
  uri = request_uri (message);
  g_assert_cmpstr (uri, ==, "https://api.anthropic.com/v1/models?limit=1000");
  g_assert_cmpstr (request_header (message, "x-api-key"), ==, "sk-ant-1");
  g_assert_cmpstr (request_header (message, "anthropic-version"), ==, "2023-06-01");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/prism/protocol-anthropic/request/every-parameter", test_request_every_parameter);
  g_test_add_func ("/prism/protocol-anthropic/request/defaults", test_request_defaults);
  g_test_add_func ("/prism/protocol-anthropic/request/thinking-limits", test_request_thinking_limits);
  g_test_add_func ("/prism/protocol-anthropic/request/bad-image", test_request_bad_image);
  g_test_add_func ("/prism/protocol-anthropic/stream/text", test_stream_text);
  g_test_add_func ("/prism/protocol-anthropic/stream/thinking-and-tools", test_stream_thinking_and_tools);
  g_test_add_func ("/prism/protocol-anthropic/stream/error", test_stream_error);
  g_test_add_func ("/prism/protocol-anthropic/stream/no-message-stop", test_stream_stop_reason_without_message_stop);
  g_test_add_func ("/prism/protocol-anthropic/stream/spliced-message-start", test_stream_spliced_message_start);
  g_test_add_func ("/prism/protocol-anthropic/stream/malformed", test_stream_malformed);
  g_test_add_func ("/prism/protocol-anthropic/whole/body", test_whole_body);
  g_test_add_func ("/prism/protocol-anthropic/errors/statuses", test_errors);
  g_test_add_func ("/prism/protocol-anthropic/models", test_models);

  return g_test_run ();
}
