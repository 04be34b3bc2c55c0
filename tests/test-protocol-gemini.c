/* test-protocol-gemini.c
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
  const char *stop[] = { "END", NULL };
  PrismChatMessage *user;
  PrismChatMessage *assistant;
  JsonObject *config;
  JsonObject *object;
  JsonArray *contents;
  JsonArray *parts;

  prism_chat_request_set_system_prompt (request, "Be brief.");
  user = prism_chat_message_new (PRISM_CHAT_ROLE_USER, "What is this?");
  prism_chat_message_add_image_bytes (user, png, "image/png");
  prism_chat_request_add_message (request, user);
  assistant = prism_chat_message_new (PRISM_CHAT_ROLE_ASSISTANT, NULL);
  prism_chat_message_add_tool_call (assistant, NULL, "lookup", "{\"q\":\"png\"}");
  prism_chat_request_add_message (request, assistant);
  prism_chat_request_add_message (request, prism_chat_message_new_tool_result (NULL, "lookup", "{\"kind\":\"image\"}"));
  prism_chat_request_add_message (request, prism_chat_message_new_tool_result (NULL, "lookup", "plain text"));
  prism_chat_request_set_temperature (request, 0.2);
  prism_chat_request_set_top_p (request, 0.8);
  prism_chat_request_set_max_tokens (request, 256);
  prism_chat_request_set_stop (request, stop);
  prism_chat_request_set_seed (request, 3);
  prism_chat_request_set_reasoning_effort (request, "low");

  message = build_chat ("gemini", "https://generativelanguage.googleapis.com", "gemini-2.5-flash", "AIzaTest", request);
  uri = request_uri (message);
  g_assert_cmpstr (uri, ==, "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
  g_assert_cmpstr (request_header (message, "x-goog-api-key"), ==, "AIzaTest");
  g_assert_null (request_header (message, "Authorization"));
  g_assert_cmpstr (request_header (message, "Accept"), ==, "text/event-stream");

  body = request_body (message);
  g_assert_false (json_object_has_member (body, "model"));
  object = json_object_get_object_member (body, "systemInstruction");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (object, "parts"), 0), "text"),
                   ==, "Be brief.");

  config = json_object_get_object_member (body, "generationConfig");
  g_assert_cmpfloat (json_object_get_double_member (config, "temperature"), ==, 0.2);
  g_assert_cmpfloat (json_object_get_double_member (config, "topP"), ==, 0.8);
  g_assert_cmpint (json_object_get_int_member (config, "maxOutputTokens"), ==, 256);
  g_assert_cmpint (json_object_get_int_member (config, "seed"), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (config, "stopSequences"), 0), ==, "END");
  object = json_object_get_object_member (config, "thinkingConfig");
  g_assert_cmpint (json_object_get_int_member (object, "thinkingBudget"), ==, 2048);
  g_assert_true (json_object_get_boolean_member (object, "includeThoughts"));

  contents = json_object_get_array_member (body, "contents");
  g_assert_cmpuint (json_array_get_length (contents), ==, 4);

  object = json_array_get_object_element (contents, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "role"), ==, "user");
  parts = json_object_get_array_member (object, "parts");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (parts, 0), "text"), ==, "What is this?");
  object = json_object_get_object_member (json_array_get_object_element (parts, 1), "inlineData");
  g_assert_cmpstr (json_object_get_string_member (object, "mimeType"), ==, "image/png");
  g_assert_cmpstr (json_object_get_string_member (object, "data"), ==, "iVBORw==");

  object = json_array_get_object_element (contents, 1);
  g_assert_cmpstr (json_object_get_string_member (object, "role"), ==, "model");
  parts = json_object_get_array_member (object, "parts");
  g_assert_cmpuint (json_array_get_length (parts), ==, 1);
  object = json_object_get_object_member (json_array_get_object_element (parts, 0), "functionCall");
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "lookup");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "args"), "q"), ==, "png");

  object = json_array_get_object_element (contents, 2);
  object = json_object_get_object_member (json_array_get_object_element (json_object_get_array_member (object, "parts"), 0),
                                          "functionResponse");
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "lookup");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "response"), "kind"), ==, "image");

  /* A result that is not a JSON object is wrapped in one. */
  object = json_array_get_object_element (contents, 3);
  object = json_object_get_object_member (json_array_get_object_element (json_object_get_array_member (object, "parts"), 0),
                                          "functionResponse");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "response"), "content"), ==, "plain text");
}

static void
test_request_no_stream (void)
{
  g_autoptr(PrismChatRequest) request = prism_chat_request_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *uri = NULL;

  prism_chat_request_add_text (request, PRISM_CHAT_ROLE_USER, "Hi");
  prism_chat_request_set_stream (request, FALSE);

  message = build_chat ("gemini", "https://generativelanguage.googleapis.com/", "models/gemini-2.5-pro", "k", request);
  uri = request_uri (message);
  g_assert_cmpstr (uri, ==, "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:generateContent");
  g_assert_cmpstr (request_header (message, "Accept"), ==, "application/json");

  body = request_body (message);
  g_assert_cmpuint (json_object_get_size (body), ==, 1);
  g_assert_true (json_object_has_member (body, "contents"));
}

static void
test_request_remote_image (void)
{
  g_autoptr(PrismProtocol) protocol = prism_protocol_new_for_kind ("gemini");
  g_autoptr(PrismChatRequest) request = prism_chat_request_new ();
  g_autoptr(GError) error = NULL;
  PrismChatMessage *user = prism_chat_message_new (PRISM_CHAT_ROLE_USER, "?");

  prism_chat_message_add_image_url (user, "https://example.com/cat.jpg");
  prism_chat_request_add_message (request, user);

  g_assert_null (prism_protocol_build_chat_message (protocol, "https://generativelanguage.googleapis.com",
                                                    "gemini-2.5-flash", "k", request, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_BAD_REQUEST);
}

static void
test_stream_text (void)
{
  g_autoptr(Decoded) decoded = decode_file ("gemini", "gemini-text.sse");

  g_assert_cmpstr (decoded->content->str, ==, "The capital of France is Paris.");
  /* The last usageMetadata counts; output = candidates + thoughts. */
  assert_usage (decoded, 1200, 1000, 0, 59, 50);
  assert_finished (decoded, PRISM_FINISH_REASON_STOP, "STOP");
  g_assert_cmpstr (last_event (decoded)->served_model, ==, "gemini-2.5-flash");
}

static void
test_stream_thinking_and_tool (void)
{
  g_autoptr(Decoded) decoded = decode_file ("gemini", "gemini-thinking-tool.sse");
  g_autofree char *weather = tool_arguments (decoded, 0);
  g_autofree char *time = tool_arguments (decoded, 1);
  PrismStreamEvent *call = find_event (decoded, PRISM_STREAM_EVENT_TOOL_CALL);

  g_assert_cmpstr (decoded->reasoning->str, ==, "**Planning**\nI should call the tool.");
  g_assert_cmpstr (decoded->content->str, ==, "");
  g_assert_cmpstr (call->tool_name, ==, "get_weather");
  g_assert_null (call->tool_id);
  g_assert_cmpstr (weather, ==, "{\"city\":\"Paris\",\"unit\":\"C\"}");
  g_assert_cmpstr (time, ==, "{}");
  assert_usage (decoded, 80, 0, 0, 150, 120);
  /* Function calls end with STOP; Prism calls it tool_calls. */
  assert_finished (decoded, PRISM_FINISH_REASON_TOOL_CALLS, "STOP");
}

static void
test_stream_truncated (void)
{
  g_autofree char *text = read_test_data ("gemini-text.sse", NULL);
  g_autoptr(Decoded) decoded = NULL;
  gsize cut = strstr (text, "\"finishReason\"") - text;

  /* Without finishReason, the end of the body is a lost connection. */
  text[cut] = '\0';
  text[strrchr (text, '\n') - text] = '\0';
  decoded = decode_text ("gemini", text);
  g_assert_error (decoded->error, PRISM_ERROR, PRISM_ERROR_PROTOCOL);
  g_assert_cmpstr (decoded->content->str, ==, "The capital of France is Paris.");
}

static void
test_stream_safety_and_block (void)
{
  g_autoptr(Decoded) safety = decode_text ("gemini",
    "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Well\"}],\"role\":\"model\"},\"finishReason\":\"SAFETY\",\"safetyRatings\":[]}]}\n\n");
  g_autoptr(Decoded) blocked = decode_text ("gemini",
    "data: {\"promptFeedback\":{\"blockReason\":\"PROHIBITED_CONTENT\"},\"usageMetadata\":{\"promptTokenCount\":8,\"totalTokenCount\":8}}\n\n");
  g_autoptr(Decoded) length = decode_text ("gemini",
    "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]},\"finishReason\":\"MAX_TOKENS\"}]}\n\n");

  assert_finished (safety, PRISM_FINISH_REASON_CONTENT_FILTER, "SAFETY");
  assert_finished (blocked, PRISM_FINISH_REASON_CONTENT_FILTER, "PROHIBITED_CONTENT");
  assert_usage (blocked, 8, 0, 0, 0, 0);
  assert_finished (length, PRISM_FINISH_REASON_LENGTH, "MAX_TOKENS");
}

static void
test_stream_error (void)
{
  g_autoptr(Decoded) decoded = decode_text ("gemini",
    "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Par\"}],\"role\":\"model\"}}]}\n\n"
    "data: {\"error\":{\"code\":503,\"message\":\"The model is overloaded. Please try again later.\",\"status\":\"UNAVAILABLE\"}}\n\n");
  const GError *error = assert_failed (decoded, PRISM_ERROR_OVERLOADED);

  g_assert_cmpstr (decoded->content->str, ==, "Par");
  g_assert_cmpuint (prism_error_get_http_status (error), ==, 503);
}

static void
test_stream_malformed (void)
{
  g_autoptr(Decoded) decoded = decode_text ("gemini", "data: {\"candidates\": [\n\n");

  g_assert_error (decoded->error, PRISM_ERROR, PRISM_ERROR_PROTOCOL);
}

static void
test_whole_body (void)
{
  g_autoptr(Decoded) decoded = decode_whole_text ("gemini",
    "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Thinking...\",\"thought\":true},{\"text\":\"Done.\"}],\"role\":\"model\"},"
    "\"finishReason\":\"STOP\",\"index\":0}],"
    "\"usageMetadata\":{\"promptTokenCount\":10,\"candidatesTokenCount\":2,\"totalTokenCount\":17,\"thoughtsTokenCount\":5},"
    "\"modelVersion\":\"gemini-2.5-flash-lite\"}");

  g_assert_cmpstr (decoded->reasoning->str, ==, "Thinking...");
  g_assert_cmpstr (decoded->content->str, ==, "Done.");
  assert_usage (decoded, 10, 0, 0, 7, 5);
  assert_finished (decoded, PRISM_FINISH_REASON_STOP, "STOP");
}

static void
test_errors (void)
{
  /* A bad key is a 400 at Google; the details say what it is. */
  assert_http_error (parse_error_body ("gemini", 400, "application/json; charset=UTF-8",
                                       "{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\",\"status\":\"INVALID_ARGUMENT\","
                                       "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\",\"domain\":\"googleapis.com\","
                                       "\"metadata\":{\"service\":\"generativelanguage.googleapis.com\"}}]}}",
                                       NULL),
                     PRISM_ERROR_AUTH, 400, -1, "API key not valid");
  assert_http_error (parse_error_body ("gemini", 400, "application/json",
                                       "{\"error\":{\"code\":400,\"message\":\"* GenerateContentRequest.contents: contents is not specified\\n\",\"status\":\"INVALID_ARGUMENT\"}}",
                                       NULL),
                     PRISM_ERROR_BAD_REQUEST, 400, -1, "contents is not specified");
  assert_http_error (parse_error_body ("gemini", 403, "application/json",
                                       "{\"error\":{\"code\":403,\"message\":\"Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.\",\"status\":\"PERMISSION_DENIED\"}}",
                                       NULL),
                     PRISM_ERROR_AUTH, 403, -1, "unregistered callers");
  assert_http_error (parse_error_body ("gemini", 404, "application/json",
                                       "{\"error\":{\"code\":404,\"message\":\"models/gemini-9 is not found for API version v1beta.\",\"status\":\"NOT_FOUND\"}}",
                                       NULL),
                     PRISM_ERROR_BAD_REQUEST, 404, -1, "is not found");
  /* The delay can come in the body only. */
  assert_http_error (parse_error_body ("gemini", 429, "application/json",
                                       "{\"error\":{\"code\":429,\"message\":\"You exceeded your current quota, please check your plan and billing details.\",\"status\":\"RESOURCE_EXHAUSTED\","
                                       "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.QuotaFailure\",\"violations\":[{\"quotaMetric\":\"m\",\"quotaId\":\"q\"}]},"
                                       "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"31s\"}]}}",
                                       NULL),
                     PRISM_ERROR_RATE_LIMIT, 429, 31, "exceeded your current quota");
  assert_http_error (parse_error_body ("gemini", 500, "application/json",
                                       "{\"error\":{\"code\":500,\"message\":\"An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting\",\"status\":\"INTERNAL\"}}",
                                       NULL),
                     PRISM_ERROR_SERVER, 500, -1, "An internal error has occurred");
  assert_http_error (parse_error_body ("gemini", 503, "application/json",
                                       "{\"error\":{\"code\":503,\"message\":\"The model is overloaded. Please try again later.\",\"status\":\"UNAVAILABLE\"}}",
                                       NULL),
                     PRISM_ERROR_OVERLOADED, 503, -1, "The model is overloaded");
  assert_http_error (parse_error_body ("gemini", 504, "application/json",
                                       "{\"error\":{\"code\":504,\"message\":\"Deadline expired before operation could complete.\",\"status\":\"DEADLINE_EXCEEDED\"}}",
                                       NULL),
                     PRISM_ERROR_TIMEOUT, 504, -1, "Deadline expired");
}

static void
test_error_key_in_message (void)
{
  /* Google echoes keys in some messages; nothing of one is shown. */
  GError *error = parse_error_body ("gemini", 400, "application/json",
                                    "{\"error\":{\"code\":400,\"message\":\"API key AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW expired.\",\"status\":\"INVALID_ARGUMENT\"}}",
                                    NULL);

  g_assert_null (strstr (error->message, "AIza"));
  assert_http_error (error, PRISM_ERROR_BAD_REQUEST, 400, -1, "API key [redacted] expired.");
}

static void
test_models (void)
{
  g_autoptr(GPtrArray) models = parse_models_text ("gemini", "gemini",
    "{\"models\":[{\"name\":\"models/gemini-2.5-pro\",\"version\":\"2.5\",\"displayName\":\"Gemini 2.5 Pro\",\"inputTokenLimit\":1048576,"
    "\"outputTokenLimit\":65536,\"supportedGenerationMethods\":[\"generateContent\",\"countTokens\",\"createCachedContent\"]},"
    "{\"name\":\"models/text-embedding-004\",\"displayName\":\"Text Embedding 004\",\"inputTokenLimit\":2048,"
    "\"supportedGenerationMethods\":[\"embedContent\"]}],\"nextPageToken\":\"abc\"}");
  g_autoptr(PrismProtocol) protocol = prism_protocol_new_for_kind ("gemini");
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *uri = NULL;

  g_assert_cmpuint (models->len, ==, 1);
  g_assert_cmpstr (prism_model_get_id (g_ptr_array_index (models, 0)), ==, "gemini:gemini-2.5-pro");
  g_assert_cmpstr (prism_model_get_name (g_ptr_array_index (models, 0)), ==, "Gemini 2.5 Pro");
  g_assert_cmpint (prism_model_get_context_length (g_ptr_array_index (models, 0)), ==, 1048576);

  message = prism_protocol_build_models_message (protocol, "https://generativelanguage.googleapis.com", "AIzaK", &error);
  g_assert_no_error (error);
  uri = request_uri (message);
  g_assert_cmpstr (uri, ==, "https://generativelanguage.googleapis.com/v1beta/models?pageSize=1000");
  g_assert_cmpstr (request_header (message, "x-goog-api-key"), ==, "AIzaK");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/prism/protocol-gemini/request/every-parameter", test_request_every_parameter);
  g_test_add_func ("/prism/protocol-gemini/request/no-stream", test_request_no_stream);
  g_test_add_func ("/prism/protocol-gemini/request/remote-image", test_request_remote_image);
  g_test_add_func ("/prism/protocol-gemini/stream/text", test_stream_text);
  g_test_add_func ("/prism/protocol-gemini/stream/thinking-and-tool", test_stream_thinking_and_tool);
  g_test_add_func ("/prism/protocol-gemini/stream/truncated", test_stream_truncated);
  g_test_add_func ("/prism/protocol-gemini/stream/safety-and-block", test_stream_safety_and_block);
  g_test_add_func ("/prism/protocol-gemini/stream/error", test_stream_error);
  g_test_add_func ("/prism/protocol-gemini/stream/malformed", test_stream_malformed);
  g_test_add_func ("/prism/protocol-gemini/whole/body", test_whole_body);
  g_test_add_func ("/prism/protocol-gemini/errors/statuses", test_errors);
  g_test_add_func ("/prism/protocol-gemini/errors/key-in-message", test_error_key_in_message);
  g_test_add_func ("/prism/protocol-gemini/models", test_models);

  return g_test_run ();
}
