/* prism-fake-provider-gemini.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Gemini's native API (PROTOCOLS.md §4.1): streamGenerateContent with
 * alt=sse sends one "data:" event per chunk and just closes; without
 * alt=sse it sends one JSON array, element by element. usageMetadata is a
 * running total on every chunk; candidatesTokenCount excludes
 * thoughtsTokenCount. Tool calls arrive whole, as a functionCall part. */

#define G_LOG_DOMAIN "prism-fake-provider"

#include "config.h"

#include <string.h>

#include "prism-fake-provider-private.h"

static void
event_open (PrismFakeRequest *req,
            GString          *out)
{
  if (!req->json_array)
    g_string_append (out, "data: ");
  else if (req->open_kind >= 0)
    g_string_append (out, ",\r\n");
  req->open_kind = 0;
}

static void
event_close (PrismFakeRequest *req,
             GString          *out)
{
  if (!req->json_array)
    g_string_append (out, "\n\n");
}

static void
append_count (GString    *out,
              const char *member,
              guint       value)
{
  char buf[16];

  g_string_append (out, ",\"");
  g_string_append (out, member);
  g_string_append (out, "\":");
  g_snprintf (buf, sizeof buf, "%u", value);
  g_string_append (out, buf);
}

/* Written without printf: this runs once per chunk. */
static void
append_usage (PrismFakeRequest *req,
              GString          *out)
{
  guint input, cached, output, reasoning;
  char buf[16];

  if (req->scenario->no_usage)
    return;

  prism_fake_request_get_usage (req, &input, &cached, &output, &reasoning);
  g_string_append (out, ",\"usageMetadata\":{\"promptTokenCount\":");
  g_snprintf (buf, sizeof buf, "%u", input);
  g_string_append (out, buf);
  append_count (out, "candidatesTokenCount", output);
  append_count (out, "totalTokenCount", input + output + reasoning);
  if (cached > 0)
    append_count (out, "cachedContentTokenCount", cached);
  if (reasoning > 0)
    append_count (out, "thoughtsTokenCount", reasoning);
  g_string_append (out, ",\"promptTokensDetails\":[{\"modality\":\"TEXT\"");
  append_count (out, "tokenCount", input);
  g_string_append (out, "}]}");
}

/* A response whose parts response_open() leaves open. */
static void
response_open (GString *out)
{
  g_string_append (out, "{\"candidates\":[{\"content\":{\"parts\":[");
}

static void
response_close (PrismFakeRequest *req,
                GString          *out,
                gboolean          finish)
{
  g_string_append (out, "],\"role\":\"model\"}");
  if (finish)
    g_string_append (out, ",\"finishReason\":\"STOP\"");
  g_string_append (out, ",\"index\":0}]");
  append_usage (req, out);
  g_string_append (out, ",\"modelVersion\":");
  prism_fake_json_string (out, req->model);
  g_string_append (out, ",\"responseId\":\"fake");
  g_string_append (out, req->id);
  g_string_append (out, "\"}");
}

static void
gemini_head (PrismFakeRequest *req,
             GString          *out)
{
  if (req->json_array)
    g_string_append_c (out, '[');
}

static void
append_tool_part (PrismFakeRequest *req,
                  GString          *parts)
{
  g_autofree char *args = prism_fake_request_dup_text (req, PRISM_FAKE_PIECE_TOOL);

  g_string_append (parts, "{\"functionCall\":{\"name\":\"get_weather\",\"args\":");
  g_string_append (parts, args);
  g_string_append (parts, "}}");
}

static void
gemini_piece (PrismFakeRequest   *req,
              PrismFakePieceKind  kind,
              guint               index,
              gboolean            last,
              const char         *text,
              GString            *out)
{
  if (kind == PRISM_FAKE_PIECE_TOOL && !last)
    return;

  event_open (req, out);
  response_open (out);
  if (kind == PRISM_FAKE_PIECE_TOOL)
    append_tool_part (req, out);
  else
    {
      g_string_append (out, "{\"text\":");
      prism_fake_json_string (out, text);
      g_string_append (out, kind == PRISM_FAKE_PIECE_REASONING ? ",\"thought\":true}" : "}");
    }
  response_close (req, out, FALSE);
  event_close (req, out);
}

static void
gemini_tail (PrismFakeRequest *req,
             GString          *out)
{
  event_open (req, out);
  response_open (out);
  g_string_append (out, "{\"text\":\"\"}");
  response_close (req, out, TRUE);
  event_close (req, out);

  if (req->json_array)
    g_string_append (out, "]");
}

static void
gemini_stream_error (PrismFakeRequest *req,
                     GString          *out)
{
  event_open (req, out);
  g_string_append (out, "{\"error\":{\"code\":500,\"message\":\"An internal error has occurred. "
                        "Please retry or report in https://developers.generativeai.google/guide/troubleshooting\","
                        "\"status\":\"INTERNAL\"}}");
  event_close (req, out);
  if (req->json_array)
    g_string_append (out, "]");
}

static void
gemini_malformed (PrismFakeRequest *req,
                  GString          *out)
{
  event_open (req, out);
  g_string_append (out, "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"cut");
  g_string_append (out, req->json_array ? "\n" : "\n\n");
}

static void
gemini_complete (PrismFakeRequest *req,
                 GString          *out)
{
  gboolean first = TRUE;

  response_open (out);

  if (req->reasoning->len > 0)
    {
      g_autofree char *text = prism_fake_request_dup_text (req, PRISM_FAKE_PIECE_REASONING);

      g_string_append (out, "{\"text\":");
      prism_fake_json_string (out, text);
      g_string_append (out, ",\"thought\":true}");
      first = FALSE;
    }

  if (req->n_content > 0)
    {
      g_autofree char *text = prism_fake_request_dup_text (req, PRISM_FAKE_PIECE_CONTENT);

      g_string_append (out, first ? "{\"text\":" : ",{\"text\":");
      prism_fake_json_string (out, text);
      g_string_append_c (out, '}');
      first = FALSE;
    }

  if (req->tool->len > 0)
    {
      if (!first)
        g_string_append_c (out, ',');
      append_tool_part (req, out);
    }

  response_close (req, out, TRUE);
}

static const struct {
  guint       status;
  const char *status_name;
  const char *message;
} errors[] = {
  { 400, "INVALID_ARGUMENT", "Request contains an invalid argument." },
  { 401, "UNAUTHENTICATED", "Request had invalid authentication credentials." },
  { 402, "FAILED_PRECONDITION", "Billing is not enabled for this project." },
  { 403, "PERMISSION_DENIED", "The caller does not have permission" },
  { 404, "NOT_FOUND", "models/unknown is not found for API version v1beta." },
  { 408, "DEADLINE_EXCEEDED", "The request timed out." },
  { 429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details." },
  { 500, "INTERNAL", "An internal error has occurred. Please retry or report in "
                     "https://developers.generativeai.google/guide/troubleshooting" },
  { 502, "UNAVAILABLE", "Bad gateway." },
  { 503, "UNAVAILABLE", "The model is overloaded. Please try again later." },
  { 504, "DEADLINE_EXCEEDED", "Deadline exceeded." },
  { 529, "UNAVAILABLE", "The model is overloaded. Please try again later." },
};

static void
respond_error (PrismFakeRequest *req,
               guint             status,
               const char       *message,
               const char       *details)
{
  g_autoptr(GString) body = g_string_new (NULL);
  const char *status_name = status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT";

  for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
    {
      if (errors[i].status == status)
        {
          status_name = errors[i].status_name;
          if (message == NULL)
            message = errors[i].message;
          break;
        }
    }

  g_string_append_printf (body, "{\"error\":{\"code\":%u,\"message\":", status);
  prism_fake_json_string (body, message ? message : "Error");
  g_string_append_printf (body, ",\"status\":\"%s\"", status_name);
  if (details != NULL)
    g_string_append_printf (body, ",\"details\":%s", details);
  else if (status == 429)
    g_string_append (body, ",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
                           "\"retryDelay\":\"20s\"}]");
  g_string_append (body, "}}");

  prism_fake_respond_json (req->msg, status, body->str);
}

static void
gemini_error (PrismFakeRequest *req,
              guint             status,
              const char       *message)
{
  respond_error (req, status, message, NULL);
}

const PrismFakeProtocol prism_fake_gemini_protocol = {
  .stream_content_type = "text/event-stream",
  .head = gemini_head,
  .piece = gemini_piece,
  .tail = gemini_tail,
  .stream_error = gemini_stream_error,
  .malformed = gemini_malformed,
  .complete = gemini_complete,
  .error = gemini_error,
};

/* Google answers a wrong key with 400 and a missing one with 403. */
static gboolean
check_auth (PrismFakeRequest *req,
            GHashTable       *params)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *key = soup_message_headers_get_one (headers, "x-goog-api-key");

  if (key == NULL && params != NULL)
    key = g_hash_table_lookup (params, "key");

  if (key == NULL)
    {
      respond_error (req, 403, "Method doesn't allow unregistered callers (callers without established "
                               "identity). Please use API Key or other form of API consumer identity "
                               "to call this API.", NULL);
      return FALSE;
    }

  if (!g_str_equal (key, PRISM_FAKE_PROVIDER_KEY))
    {
      respond_error (req, 400, "API key not valid. Please pass a valid API key.",
                     "[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\","
                     "\"domain\":\"googleapis.com\",\"metadata\":{\"service\":\"generativelanguage.googleapis.com\"}}]");
      return FALSE;
    }

  return TRUE;
}

static void
generate (PrismFakeRequest *req,
          const char       *model,
          gboolean          stream,
          gboolean          sse)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *body;
  JsonObject *system;
  JsonNode *node;

  if ((body = prism_fake_request_parse_body (req, parser)) == NULL)
    return;

  node = json_object_get_member (body, "contents");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      respond_error (req, 400, "* GenerateContentRequest.contents: contents is not specified", NULL);
      return;
    }

  if (!prism_fake_request_set_model (req, model))
    return;

  system = prism_fake_get_object (body, "systemInstruction");
  prism_fake_request_read_messages (req, system ? json_object_get_member (system, "parts") : NULL,
                                    node, "parts");
  req->stream = stream;
  req->json_array = stream && !sse;

  prism_fake_request_respond (req);
}

static void
list_models (PrismFakeRequest *req)
{
  prism_fake_respond_json (req->msg, SOUP_STATUS_OK,
                           "{\"models\":["
                           "{\"name\":\"models/gemini-2.5-flash\",\"version\":\"001\","
                           "\"displayName\":\"Gemini 2.5 Flash\",\"description\":\"Fast and versatile.\","
                           "\"inputTokenLimit\":1048576,\"outputTokenLimit\":65536,"
                           "\"supportedGenerationMethods\":[\"generateContent\",\"countTokens\"],"
                           "\"temperature\":1,\"maxTemperature\":2,\"topP\":0.95,\"topK\":64,\"thinking\":true},"
                           "{\"name\":\"models/gemini-2.5-pro\",\"version\":\"2.5\","
                           "\"displayName\":\"Gemini 2.5 Pro\",\"description\":\"Most capable.\","
                           "\"inputTokenLimit\":1048576,\"outputTokenLimit\":65536,"
                           "\"supportedGenerationMethods\":[\"generateContent\",\"countTokens\"],"
                           "\"thinking\":true},"
                           "{\"name\":\"models/text-embedding-004\",\"version\":\"004\","
                           "\"displayName\":\"Text Embedding 004\",\"description\":\"Embeddings.\","
                           "\"inputTokenLimit\":2048,\"outputTokenLimit\":1,"
                           "\"supportedGenerationMethods\":[\"embedContent\"]},"
                           "{\"name\":\"models/echo\",\"version\":\"1\","
                           "\"displayName\":\"Fake Echo\",\"description\":\"Prism's fake model.\","
                           "\"inputTokenLimit\":32768,\"outputTokenLimit\":8192,"
                           "\"supportedGenerationMethods\":[\"generateContent\"]}]}");
}

void
prism_fake_gemini_handle (PrismFakeProvider *self,
                          SoupServerMessage *msg,
                          const char        *path)
{
  g_autoptr(PrismFakeRequest) req = prism_fake_request_new (self, msg, PRISM_FAKE_FLAVOR_GEMINI,
                                                            &prism_fake_gemini_protocol);
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_autoptr(GHashTable) params = NULL;
  const char *method = soup_server_message_get_method (msg);
  const char *colon;

  if (query != NULL)
    params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);

  if (!check_auth (req, params))
    return;

  if (g_str_equal (path, "/v1beta/models") && method == SOUP_METHOD_GET)
    {
      list_models (req);
      return;
    }

  colon = strrchr (path, ':');
  if (g_str_has_prefix (path, "/v1beta/models/") && colon != NULL && method == SOUP_METHOD_POST)
    {
      g_autofree char *escaped = g_strndup (path + strlen ("/v1beta/models/"),
                                            colon - path - strlen ("/v1beta/models/"));
      g_autofree char *model = g_uri_unescape_string (escaped, NULL);
      const char *alt = params ? g_hash_table_lookup (params, "alt") : NULL;

      if (g_str_equal (colon, ":streamGenerateContent"))
        {
          generate (req, model, TRUE, g_strcmp0 (alt, "sse") == 0);
          return;
        }
      if (g_str_equal (colon, ":generateContent"))
        {
          generate (req, model, FALSE, FALSE);
          return;
        }
    }

  respond_error (req, 404, "Method not found.", NULL);
}
