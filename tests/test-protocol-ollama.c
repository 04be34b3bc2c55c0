/* test-protocol-ollama.c
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
  const char *stop[] = { "<|end|>", NULL };
  PrismChatMessage *user;
  PrismChatMessage *assistant;
  JsonObject *options;
  JsonObject *object;
  JsonArray *messages;

  prism_chat_request_set_system_prompt (request, "Be brief.");
  user = prism_chat_message_new (PRISM_CHAT_ROLE_USER, "What is this?");
  prism_chat_message_add_image_bytes (user, png, "image/png");
  prism_chat_request_add_message (request, user);
  assistant = prism_chat_message_new (PRISM_CHAT_ROLE_ASSISTANT, "");
  prism_chat_message_add_tool_call (assistant, NULL, "lookup", "{\"q\":\"png\"}");
  prism_chat_request_add_message (request, assistant);
  prism_chat_request_add_message (request, prism_chat_message_new_tool_result (NULL, "lookup", "an image"));
  prism_chat_request_set_temperature (request, 0.7);
  prism_chat_request_set_top_p (request, 0.9);
  prism_chat_request_set_max_tokens (request, 128);
  prism_chat_request_set_stop (request, stop);
  prism_chat_request_set_seed (request, 11);
  prism_chat_request_set_reasoning_effort (request, "minimal");

  message = build_chat ("ollama", "http://127.0.0.1:11434", "llama3.2", NULL, request);
  uri = request_uri (message);
  g_assert_cmpstr (uri, ==, "http://127.0.0.1:11434/api/chat");
  g_assert_null (request_header (message, "Authorization"));
  g_assert_cmpstr (request_header (message, "Accept"), ==, "application/x-ndjson");

  body = request_body (message);
  g_assert_cmpstr (json_object_get_string_member (body, "model"), ==, "llama3.2");
  g_assert_true (json_object_get_boolean_member (body, "stream"));
  g_assert_cmpstr (json_object_get_string_member (body, "think"), ==, "low");

  options = json_object_get_object_member (body, "options");
  g_assert_cmpfloat (json_object_get_double_member (options, "temperature"), ==, 0.7);
  g_assert_cmpfloat (json_object_get_double_member (options, "top_p"), ==, 0.9);
  g_assert_cmpint (json_object_get_int_member (options, "num_predict"), ==, 128);
  g_assert_cmpint (json_object_get_int_member (options, "seed"), ==, 11);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (options, "stop"), 0), ==, "<|end|>");

  messages = json_object_get_array_member (body, "messages");
  g_assert_cmpuint (json_array_get_length (messages), ==, 4);
  object = json_array_get_object_element (messages, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "role"), ==, "system");
  object = json_array_get_object_element (messages, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "images"), 0), ==, "iVBORw==");
  object = json_array_get_object_element (messages, 2);
  object = json_object_get_object_member (json_array_get_object_element (json_object_get_array_member (object, "tool_calls"), 0), "function");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "arguments"), "q"), ==, "png");
  object = json_array_get_object_element (messages, 3);
  g_assert_cmpstr (json_object_get_string_member (object, "role"), ==, "tool");
  g_assert_cmpstr (json_object_get_string_member (object, "tool_name"), ==, "lookup");
}

static void
test_request_minimal (void)
{
  g_autoptr(PrismChatRequest) request = prism_chat_request_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(JsonObject) body = NULL;

  prism_chat_request_add_text (request, PRISM_CHAT_ROLE_USER, "Hi");
  prism_chat_request_set_stream (request, FALSE);
  prism_chat_request_set_reasoning_effort (request, "none");

  message = build_chat ("ollama", "http://localhost:11434/", "qwen3", "proxy-key", request);
  g_assert_cmpstr (request_header (message, "Authorization"), ==, "Bearer proxy-key");
  g_assert_cmpstr (request_header (message, "Accept"), ==, "application/json");
  body = request_body (message);
  g_assert_false (json_object_get_boolean_member (body, "stream"));
  g_assert_false (json_object_get_boolean_member (body, "think"));
  g_assert_false (json_object_has_member (body, "options"));
}

static void
test_stream_text (void)
{
  g_autoptr(Decoded) decoded = decode_file ("ollama", "ollama-text.ndjson");

  g_assert_cmpstr (decoded->reasoning->str, ==, "Greeting.");
  g_assert_cmpstr (decoded->content->str, ==, "Hello!");
  assert_usage (decoded, 26, 0, 0, 282, 0);
  assert_finished (decoded, PRISM_FINISH_REASON_STOP, "stop");
  g_assert_cmpstr (last_event (decoded)->served_model, ==, "llama3.2");
}

static void
test_stream_tools (void)
{
  g_autoptr(Decoded) decoded = decode_file ("ollama", "ollama-tools.ndjson");
  g_autofree char *weather = tool_arguments (decoded, 0);
  g_autofree char *time = tool_arguments (decoded, 1);
  PrismStreamEvent *call = find_event (decoded, PRISM_STREAM_EVENT_TOOL_CALL);

  g_assert_cmpstr (call->tool_name, ==, "get_weather");
  g_assert_cmpstr (weather, ==, "{\"city\":\"Toronto\"}");
  g_assert_cmpstr (time, ==, "{}");
  g_assert_cmpuint (count_events (decoded, PRISM_STREAM_EVENT_TOOL_CALL), ==, 2);
  /* The whole prompt came from the cache: no prompt_eval_count. */
  assert_usage (decoded, 0, 0, 0, 20, 0);
  assert_finished (decoded, PRISM_FINISH_REASON_TOOL_CALLS, "stop");
}

static void
test_stream_error (void)
{
  g_autoptr(Decoded) decoded = decode_file ("ollama", "ollama-error.ndjson");
  const GError *error = assert_failed (decoded, PRISM_ERROR_SERVER);

  g_assert_cmpstr (decoded->content->str, ==, "Start");
  g_assert_nonnull (strstr (error->message, "unexpected EOF"));
}

static void
test_stream_truncated (void)
{
  g_autoptr(Decoded) decoded = decode_text ("ollama",
    "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"done\":false}\n");

  g_assert_cmpstr (decoded->content->str, ==, "Hel");
  g_assert_error (decoded->error, PRISM_ERROR, PRISM_ERROR_PROTOCOL);
}

static void
test_stream_length_and_malformed (void)
{
  g_autoptr(Decoded) length = decode_text ("ollama",
    "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"a\"},\"done\":true,\"done_reason\":\"length\",\"prompt_eval_count\":3,\"eval_count\":1}\n");
  g_autoptr(Decoded) malformed = decode_text ("ollama", "{\"model\":\"m\",\"message\":\n");
  g_autoptr(Decoded) null_error = decode_text ("ollama",
    "{\"model\":\"m\",\"error\":null,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"done\":true}\n");
  g_autoptr(PrismProtocol) protocol = prism_protocol_new_for_kind ("ollama");
  g_autoptr(PrismStreamDecoder) decoder = prism_protocol_create_decoder (protocol);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) prism_stream_event_free);
  g_autoptr(GError) error = NULL;

  assert_finished (length, PRISM_FINISH_REASON_LENGTH, "length");
  assert_usage (length, 3, 0, 0, 1, 0);
  g_assert_error (malformed->error, PRISM_ERROR, PRISM_ERROR_PROTOCOL);
  g_assert_cmpstr (null_error->content->str, ==, "ok");
  assert_finished (null_error, PRISM_FINISH_REASON_STOP, "stop");

  /* The wrong framing is a protocol error, not a crash. */
  g_assert_false (prism_stream_decoder_feed_sse (decoder, "message", "{}", 2, events, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL);
}

static void
test_whole_body (void)
{
  g_autoptr(Decoded) decoded = decode_whole_text ("ollama",
    "{\"model\":\"llama3.2\",\"created_at\":\"2025-08-21T10:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":\"Hi there.\"},"
    "\"done\":true,\"done_reason\":\"stop\",\"total_duration\":1000,\"prompt_eval_count\":12,\"eval_count\":4}");

  g_assert_cmpstr (decoded->content->str, ==, "Hi there.");
  assert_usage (decoded, 12, 0, 0, 4, 0);
  assert_finished (decoded, PRISM_FINISH_REASON_STOP, "stop");
}

static void
test_whole_body_several_values (void)
{
  /* A streamed body handed over as if it were whole. */
  g_autoptr(Decoded) decoded = decode_whole_text ("ollama",
    "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"a\"},\"done\":false}\n"
    "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true}\n");
  g_autoptr(Decoded) after_scalar = decode_whole_text ("ollama", "1 {\"done\":true}");

  g_assert_error (decoded->error, PRISM_ERROR, PRISM_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (decoded->error->message, "several JSON values"));
  g_assert_cmpuint (decoded->events->len, ==, 0);
  g_assert_error (after_scalar->error, PRISM_ERROR, PRISM_ERROR_PROTOCOL);
}

static void
test_errors (void)
{
  assert_http_error (parse_error_body ("ollama", 404, "application/json; charset=utf-8",
                                       "{\"error\":\"model \\\"llama9\\\" not found, try pulling it first\"}", NULL),
                     PRISM_ERROR_BAD_REQUEST, 404, -1, "model \"llama9\" not found");
  assert_http_error (parse_error_body ("ollama", 400, "application/json",
                                       "{\"error\":\"invalid options: num_predictt\"}", NULL),
                     PRISM_ERROR_BAD_REQUEST, 400, -1, "invalid options");
  assert_http_error (parse_error_body ("ollama", 429, "application/json",
                                       "{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}", NULL),
                     PRISM_ERROR_RATE_LIMIT, 429, -1, "server busy");
  assert_http_error (parse_error_body ("ollama", 500, "application/json",
                                       "{\"error\":\"llama runner process has terminated: signal: killed\"}", NULL),
                     PRISM_ERROR_SERVER, 500, -1, "llama runner process has terminated");
  assert_http_error (parse_error_body ("ollama", 502, "text/plain", "", NULL),
                     PRISM_ERROR_SERVER, 502, -1, "(HTTP 502)");
}

static void
test_models (void)
{
  g_autoptr(GPtrArray) models = parse_models_text ("ollama", "ollama",
    "{\"models\":[{\"name\":\"llama3.2:latest\",\"model\":\"llama3.2:latest\",\"modified_at\":\"2025-08-01T10:00:00Z\",\"size\":2019393189,"
    "\"digest\":\"a80c4f17acd5\",\"details\":{\"parent_model\":\"\",\"format\":\"gguf\",\"family\":\"llama\",\"families\":[\"llama\"],"
    "\"parameter_size\":\"3.2B\",\"quantization_level\":\"Q4_K_M\"}},{\"name\":\"qwen3:8b\"}]}");
  g_autoptr(PrismProtocol) protocol = prism_protocol_new_for_kind ("ollama");
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *uri = NULL;

  g_assert_cmpuint (models->len, ==, 2);
  g_assert_cmpstr (prism_model_get_id (g_ptr_array_index (models, 0)), ==, "ollama:llama3.2:latest");
  g_assert_cmpstr (prism_model_get_id (g_ptr_array_index (models, 1)), ==, "ollama:qwen3:8b");

  message = prism_protocol_build_models_message (protocol, "http://127.0.0.1:11434", NULL, &error);
  g_assert_no_error (error);
  uri = request_uri (message);
  g_assert_cmpstr (uri, ==, "http://127.0.0.1:11434/api/tags");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/prism/protocol-ollama/request/every-parameter", test_request_every_parameter);
  g_test_add_func ("/prism/protocol-ollama/request/minimal", test_request_minimal);
  g_test_add_func ("/prism/protocol-ollama/stream/text", test_stream_text);
  g_test_add_func ("/prism/protocol-ollama/stream/tools", test_stream_tools);
  g_test_add_func ("/prism/protocol-ollama/stream/error", test_stream_error);
  g_test_add_func ("/prism/protocol-ollama/stream/truncated", test_stream_truncated);
  g_test_add_func ("/prism/protocol-ollama/stream/length-and-malformed", test_stream_length_and_malformed);
  g_test_add_func ("/prism/protocol-ollama/whole/body", test_whole_body);
  g_test_add_func ("/prism/protocol-ollama/whole/several-values", test_whole_body_several_values);
  g_test_add_func ("/prism/protocol-ollama/errors/statuses", test_errors);
  g_test_add_func ("/prism/protocol-ollama/models", test_models);

  return g_test_run ();
}
