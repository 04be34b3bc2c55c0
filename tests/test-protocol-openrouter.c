/* test-protocol-openrouter.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "protocol-test-util.h"

static void
test_request (void)
{
  g_autoptr(PrismChatRequest) request = prism_chat_request_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *uri = NULL;
  const char *models[] = { "anthropic/claude-sonnet-4", "openai/gpt-4o", NULL };
  const char *order[] = { "deepinfra/turbo", "together", NULL };
  JsonObject *provider;
  JsonArray *array;

  prism_chat_request_add_text (request, PRISM_CHAT_ROLE_USER, "Hi");
  prism_chat_request_set_max_tokens (request, 512);
  prism_chat_request_set_reasoning_effort (request, "high");
  prism_chat_request_set_fallback_models (request, models);
  prism_chat_request_set_provider_order (request, order);
  prism_chat_request_set_provider_sort (request, "throughput");
  prism_chat_request_set_provider_allow_fallbacks (request, FALSE);
  prism_chat_request_set_provider_data_collection (request, "deny");

  message = build_chat ("openrouter", "https://openrouter.ai/api/v1", "meta-llama/llama-3.3-70b-instruct:free",
                        "sk-or-v1-test", request);
  uri = request_uri (message);
  g_assert_cmpstr (uri, ==, "https://openrouter.ai/api/v1/chat/completions");
  g_assert_cmpstr (request_header (message, "Authorization"), ==, "Bearer sk-or-v1-test");
  g_assert_cmpstr (request_header (message, "HTTP-Referer"), ==, "https://github.com/prismllm/prism");
  g_assert_cmpstr (request_header (message, "X-Title"), ==, "Prism");
  g_assert_cmpstr (request_header (message, "X-OpenRouter-Title"), ==, "Prism");
  g_assert_cmpstr (request_header (message, "Accept"), ==, "text/event-stream");

  body = request_body (message);
  g_assert_cmpstr (json_object_get_string_member (body, "model"), ==, "meta-llama/llama-3.3-70b-instruct:free");
  g_assert_cmpint (json_object_get_int_member (body, "max_tokens"), ==, 512);
  g_assert_false (json_object_has_member (body, "reasoning_effort"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (body, "reasoning"), "effort"), ==, "high");
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (body, "usage"), "include"));
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (body, "stream_options"), "include_usage"));

  array = json_object_get_array_member (body, "models");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (array, 1), ==, "openai/gpt-4o");

  provider = json_object_get_object_member (body, "provider");
  g_assert_cmpuint (json_object_get_size (provider), ==, 4);
  array = json_object_get_array_member (provider, "order");
  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "deepinfra/turbo");
  g_assert_cmpstr (json_object_get_string_member (provider, "sort"), ==, "throughput");
  g_assert_false (json_object_get_boolean_member (provider, "allow_fallbacks"));
  g_assert_cmpstr (json_object_get_string_member (provider, "data_collection"), ==, "deny");
}

static void
test_request_without_extras (void)
{
  g_autoptr(PrismChatRequest) request = prism_chat_request_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(JsonObject) body = NULL;

  prism_chat_request_add_text (request, PRISM_CHAT_ROLE_USER, "Hi");
  message = build_chat ("openrouter", "https://openrouter.ai/api/v1", "openai/gpt-4o", "k", request);
  body = request_body (message);

  g_assert_false (json_object_has_member (body, "provider"));
  g_assert_false (json_object_has_member (body, "models"));
  g_assert_false (json_object_has_member (body, "reasoning"));
  g_assert_false (json_object_has_member (body, "max_tokens"));
  g_assert_true (json_object_has_member (body, "usage"));
}

static void
test_stream_text (void)
{
  g_autoptr(Decoded) decoded = decode_file ("openrouter", "openrouter-text.sse");
  PrismStreamEvent *usage;

  /* reasoning_details repeats `reasoning`; it is not counted twice,
   * and the encrypted detail carries no text.
   */
  g_assert_cmpstr (decoded->reasoning->str, ==, "Let me think about it.");
  g_assert_cmpstr (decoded->content->str, ==, "Forty-two.");
  assert_usage (decoded, 20, 5, 3, 50, 30);
  usage = find_event (decoded, PRISM_STREAM_EVENT_USAGE);
  g_assert_cmpfloat (usage->provider_cost, ==, 0.00123);
  assert_finished (decoded, PRISM_FINISH_REASON_STOP, "stop");
  g_assert_cmpstr (last_event (decoded)->served_model, ==, "anthropic/claude-sonnet-4");
  g_assert_cmpstr (last_event (decoded)->served_provider, ==, "Anthropic");
}

static void
test_stream_error (void)
{
  g_autoptr(Decoded) decoded = decode_file ("openrouter", "openrouter-error.sse");
  const GError *error = assert_failed (decoded, PRISM_ERROR_RATE_LIMIT);

  g_assert_cmpstr (decoded->content->str, ==, "Partial answ");
  g_assert_cmpuint (prism_error_get_http_status (error), ==, 429);
  g_assert_nonnull (strstr (error->message, "Rate limit exceeded"));
  g_assert_cmpstr (last_event (decoded)->served_model, ==, "openai/gpt-4o");
  g_assert_cmpstr (last_event (decoded)->served_provider, ==, "OpenAI");
}

static void
test_stream_error_string_code (void)
{
  /* The streaming page's older example: code as a string. */
  g_autoptr(Decoded) decoded = decode_text ("openrouter",
    "data: {\"id\":\"gen-2\",\"object\":\"chat.completion.chunk\",\"error\":{\"code\":\"server_error\",\"message\":\"Provider disconnected\"},"
    "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"error\"}]}\n\n");
  const GError *error = assert_failed (decoded, PRISM_ERROR_SERVER);

  g_assert_nonnull (strstr (error->message, "Provider disconnected"));
}

static void
test_stream_finish_error_alone (void)
{
  g_autoptr(Decoded) decoded = decode_text ("openrouter",
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"So\"},\"finish_reason\":\"error\",\"native_finish_reason\":\"error\"}]}\n\n");

  g_assert_cmpstr (decoded->content->str, ==, "So");
  assert_failed (decoded, PRISM_ERROR_SERVER);
}

static void
test_whole_body_error (void)
{
  /* A non-stream answer that failed after partial output. */
  g_autoptr(Decoded) decoded = decode_whole_text ("openrouter",
    "{\"id\":\"gen-3\",\"provider\":\"Groq\",\"model\":\"meta-llama/llama-3.3-70b-instruct\",\"object\":\"chat.completion\","
    "\"choices\":[{\"index\":0,\"finish_reason\":\"error\",\"native_finish_reason\":\"error\","
    "\"error\":{\"code\":502,\"message\":\"Upstream error\",\"metadata\":{\"error_type\":\"provider_unavailable\"}},"
    "\"message\":{\"role\":\"assistant\",\"content\":\"Half an\"}}],"
    "\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":2,\"total_tokens\":6,\"cost\":0.00002}}");
  const GError *error = assert_failed (decoded, PRISM_ERROR_SERVER);

  g_assert_cmpstr (decoded->content->str, ==, "Half an");
  g_assert_cmpuint (prism_error_get_http_status (error), ==, 502);
  /* What was used is still reported, before the error. */
  assert_usage (decoded, 4, 0, 0, 2, 0);
  g_assert_cmpfloat (find_event (decoded, PRISM_STREAM_EVENT_USAGE)->provider_cost, ==, 0.00002);
}

static void
test_errors (void)
{
  assert_http_error (parse_error_body ("openrouter", 401, "application/json",
                                       "{\"error\":{\"message\":\"No auth credentials found\",\"code\":401}}", NULL),
                     PRISM_ERROR_AUTH, 401, -1, "No auth credentials found");
  assert_http_error (parse_error_body ("openrouter", 402, "application/json",
                                       "{\"error\":{\"message\":\"This request requires more credits, or fewer max_tokens. You requested up to 4096 tokens, but can only afford 1337.\",\"code\":402}}",
                                       NULL),
                     PRISM_ERROR_PAYMENT, 402, -1, "can only afford 1337");
  /* 403 at OpenRouter is moderation, not the key. */
  assert_http_error (parse_error_body ("openrouter", 403, "application/json",
                                       "{\"error\":{\"code\":403,\"message\":\"openai/gpt-4o requires moderation on OpenAI. Your input was flagged for \\\"harassment\\\".\","
                                       "\"metadata\":{\"reasons\":[\"harassment\"],\"flagged_input\":\"...\",\"provider_name\":\"OpenAI\",\"model_slug\":\"openai/gpt-4o\"}}}",
                                       NULL),
                     PRISM_ERROR_BAD_REQUEST, 403, -1, "Your input was flagged");
  assert_http_error (parse_error_body ("openrouter", 408, "application/json",
                                       "{\"error\":{\"message\":\"Request timed out\",\"code\":408}}", NULL),
                     PRISM_ERROR_TIMEOUT, 408, -1, "Request timed out");
  assert_http_error (parse_error_body ("openrouter", 429, "application/json",
                                       "{\"error\":{\"message\":\"Rate limit exceeded: free-models-per-min. \",\"code\":429,\"metadata\":{\"headers\":{\"X-RateLimit-Limit\":\"20\",\"X-RateLimit-Remaining\":\"0\",\"X-RateLimit-Reset\":\"1755000060000\"}}}}",
                                       "12"),
                     PRISM_ERROR_RATE_LIMIT, 429, 12, "free-models-per-min");
  assert_http_error (parse_error_body ("openrouter", 502, "application/json",
                                       "{\"error\":{\"message\":\"Provider returned error\",\"code\":502,\"metadata\":{\"raw\":\"upstream connect error\",\"provider_name\":\"Together\"}}}",
                                       NULL),
                     PRISM_ERROR_SERVER, 502, -1, "Provider returned error");
  assert_http_error (parse_error_body ("openrouter", 503, "application/json",
                                       "{\"error\":{\"message\":\"No endpoints found that can handle the requested parameters.\",\"code\":503}}",
                                       "30"),
                     PRISM_ERROR_OVERLOADED, 503, 30, "No endpoints found");
  assert_http_error (parse_error_body ("openrouter", 404, "application/json",
                                       "{\"error\":{\"message\":\"No endpoints found matching your data policy (Free model publication). Configure: https://openrouter.ai/settings/privacy\",\"code\":404}}",
                                       NULL),
                     PRISM_ERROR_BAD_REQUEST, 404, -1, "No endpoints found matching your data policy");
  assert_http_error (parse_error_body ("openrouter", 524, "text/html; charset=UTF-8",
                                       "<!DOCTYPE html><html><head><title>openrouter.ai | 524: A timeout occurred</title></head><body>…</body></html>",
                                       NULL),
                     PRISM_ERROR_TIMEOUT, 524, -1, "“openrouter.ai | 524: A timeout occurred”");
  assert_http_error (parse_error_body ("openrouter", 529, "application/json",
                                       "{\"error\":{\"message\":\"Provider returned error\",\"code\":529,\"metadata\":{\"error_type\":\"provider_overloaded\",\"provider_name\":\"Anthropic\"}}}",
                                       "5"),
                     PRISM_ERROR_OVERLOADED, 529, 5, "Provider returned error");
  assert_http_error (parse_error_body ("openrouter", 400, "application/json",
                                       "{\"error\":{\"message\":\"This endpoint's maximum context length is 8192 tokens.\",\"code\":400,\"metadata\":{\"error_type\":\"context_length_exceeded\"}}}",
                                       NULL),
                     PRISM_ERROR_BAD_REQUEST, 400, -1, "maximum context length");
}

static void
test_models (void)
{
  g_autoptr(GPtrArray) models = parse_models_text ("openrouter", "openrouter",
    "{\"data\":[{\"id\":\"acme/model-x\",\"canonical_slug\":\"acme/model-x-2025\",\"name\":\"Acme: Model X\",\"created\":1750000000,"
    "\"context_length\":128000,\"architecture\":{\"modality\":\"text+image->text\",\"input_modalities\":[\"text\",\"image\"],"
    "\"output_modalities\":[\"text\"],\"tokenizer\":\"Other\",\"instruct_type\":null},"
    "\"pricing\":{\"prompt\":\"0.0000025\",\"completion\":\"0.00001\",\"request\":\"0\",\"image\":\"0\",\"input_cache_read\":\"0.00000125\",\"input_cache_write\":\"0.000003125\"},"
    "\"top_provider\":{\"context_length\":128000,\"max_completion_tokens\":16384,\"is_moderated\":true},"
    "\"supported_parameters\":[\"tools\",\"temperature\",\"reasoning\"]},"
    "{\"id\":\"meta-llama/llama-3.3-70b-instruct:free\",\"name\":\"Llama 3.3 70B (free)\",\"context_length\":null,"
    "\"architecture\":{\"input_modalities\":[\"text\"]},\"pricing\":{\"prompt\":\"0\",\"completion\":\"0\"},"
    "\"top_provider\":{\"context_length\":65536}},"
    "{\"id\":\"openrouter/auto\",\"name\":\"Auto Router\",\"context_length\":2000000,\"pricing\":{\"prompt\":\"-1\",\"completion\":\"-1\"}}],"
    "\"total_count\":3,\"links\":{\"next\":null}}");
  PrismModel *model;
  const PrismPrices *prices;

  g_assert_cmpuint (models->len, ==, 3);

  model = g_ptr_array_index (models, 0);
  g_assert_cmpstr (prism_model_get_id (model), ==, "openrouter:acme/model-x");
  g_assert_cmpstr (prism_model_get_name (model), ==, "Acme: Model X");
  g_assert_cmpint (prism_model_get_context_length (model), ==, 128000);
  prices = prism_model_get_prices (model);
  g_assert_cmpfloat (prices->input, ==, 2.5);
  g_assert_cmpfloat (prices->output, ==, 10.0);
  g_assert_cmpfloat (prices->cached_input, ==, 1.25);
  g_assert_cmpfloat (prices->cache_write, ==, 3.125);
  g_assert_cmpint (prices->source, ==, PRISM_COST_SOURCE_CATALOG);
  g_assert_true (prism_model_accepts_images (model));
  g_assert_true (prism_model_supports_parameter (model, "reasoning"));
  g_assert_false (prism_model_supports_parameter (model, "seed"));

  model = g_ptr_array_index (models, 1);
  g_assert_cmpint (prism_model_get_context_length (model), ==, 65536);
  prices = prism_model_get_prices (model);
  g_assert_cmpfloat (prices->input, ==, 0.0);
  g_assert_cmpfloat (prices->output, ==, 0.0);
  g_assert_true (isnan (prices->cached_input));
  g_assert_false (prism_model_accepts_images (model));

  /* The router's price varies: unknown, never zero. */
  model = g_ptr_array_index (models, 2);
  g_assert_cmpint (prism_model_get_prices (model)->source, ==, PRISM_COST_SOURCE_UNKNOWN);
  g_assert_true (isnan (prism_model_get_prices (model)->input));
}

static void
test_models_message_without_key (void)
{
  g_autoptr(PrismProtocol) protocol = prism_protocol_new_for_kind ("openrouter");
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *uri = NULL;

  message = prism_protocol_build_models_message (protocol, "https://openrouter.ai/api/v1", NULL, &error);
  g_assert_no_error (error);
  uri = request_uri (message);
  g_assert_cmpstr (uri, ==, "https://openrouter.ai/api/v1/models");
  g_assert_null (request_header (message, "Authorization"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/prism/protocol-openrouter/request/extras", test_request);
  g_test_add_func ("/prism/protocol-openrouter/request/without-extras", test_request_without_extras);
  g_test_add_func ("/prism/protocol-openrouter/stream/text", test_stream_text);
  g_test_add_func ("/prism/protocol-openrouter/stream/error", test_stream_error);
  g_test_add_func ("/prism/protocol-openrouter/stream/error-string-code", test_stream_error_string_code);
  g_test_add_func ("/prism/protocol-openrouter/stream/finish-error-alone", test_stream_finish_error_alone);
  g_test_add_func ("/prism/protocol-openrouter/whole/error", test_whole_body_error);
  g_test_add_func ("/prism/protocol-openrouter/errors/statuses", test_errors);
  g_test_add_func ("/prism/protocol-openrouter/models", test_models);
  g_test_add_func ("/prism/protocol-openrouter/models/without-key", test_models_message_without_key);

  return g_test_run ();
}
