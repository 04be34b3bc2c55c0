/* prism-fake-provider-anthropic.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Anthropic Messages (PROTOCOLS.md §3): named events whose name equals
 * the JSON "type", a ping after message_start, one content block per
 * kind (thinking, then text, then tool_use), cumulative usage in
 * message_delta, and message_stop last. input_tokens exclude the tokens
 * read from cache (cache_read_input_tokens) and written to it
 * (cache_creation_input_tokens). */

#define G_LOG_DOMAIN "prism-fake-provider"

#include "config.h"

#include "prism-fake-provider-private.h"

static void
append_event (GString    *out,
              const char *name,
              const char *json)
{
  g_string_append_printf (out, "event: %s\ndata: %s\n\n", name, json);
}

static void
append_usage (PrismFakeRequest *req,
              GString          *out,
              guint             output)
{
  guint input, cached, total_output, reasoning, written;

  prism_fake_request_get_usage (req, &input, &cached, &total_output, &reasoning);
  written = prism_fake_request_get_cache_write (req);
  g_string_append_printf (out,
                          "{\"input_tokens\":%u,\"cache_creation_input_tokens\":%u,"
                          "\"cache_read_input_tokens\":%u,\"output_tokens\":%u,"
                          "\"service_tier\":\"standard\"}",
                          input - cached - written, written, cached, output);
}

static void
anthropic_head (PrismFakeRequest *req,
                GString          *out)
{
  g_autoptr(GString) json = g_string_new (NULL);

  g_string_append_printf (json, "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_fake%s\","
                                "\"type\":\"message\",\"role\":\"assistant\",\"model\":",
                          req->id);
  prism_fake_json_string (json, req->model);
  g_string_append (json, ",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":");
  append_usage (req, json, 1);
  g_string_append (json, "}}");

  append_event (out, "message_start", json->str);
  append_event (out, "ping", "{\"type\": \"ping\"}");
}

static void
close_block (PrismFakeRequest *req,
             GString          *out)
{
  g_autofree char *json = NULL;

  if (req->open_kind < 0)
    return;

  if (req->open_kind == PRISM_FAKE_PIECE_REASONING)
    {
      json = g_strdup_printf ("{\"type\":\"content_block_delta\",\"index\":%u,"
                              "\"delta\":{\"type\":\"signature_delta\",\"signature\":\"ZmFrZS1zaWduYXR1cmU=\"}}",
                              req->block_index);
      append_event (out, "content_block_delta", json);
      g_clear_pointer (&json, g_free);
    }

  json = g_strdup_printf ("{\"type\":\"content_block_stop\",\"index\":%u}", req->block_index);
  append_event (out, "content_block_stop", json);
  req->open_kind = -1;
  req->block_index++;
}

static void
open_block (PrismFakeRequest   *req,
            PrismFakePieceKind  kind,
            GString            *out)
{
  g_autofree char *json = NULL;
  const char *block;

  close_block (req, out);

  switch (kind)
    {
    case PRISM_FAKE_PIECE_REASONING:
      block = "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}";
      break;
    case PRISM_FAKE_PIECE_TOOL:
      block = "{\"type\":\"tool_use\",\"id\":\"toolu_fake_1\",\"name\":\"get_weather\",\"input\":{}}";
      break;
    case PRISM_FAKE_PIECE_CONTENT:
    default:
      block = "{\"type\":\"text\",\"text\":\"\"}";
      break;
    }

  json = g_strdup_printf ("{\"type\":\"content_block_start\",\"index\":%u,\"content_block\":%s}",
                          req->block_index, block);
  append_event (out, "content_block_start", json);
  req->open_kind = kind;
}

static void
anthropic_piece (PrismFakeRequest   *req,
                 PrismFakePieceKind  kind,
                 guint               index,
                 gboolean            last,
                 const char         *text,
                 GString            *out)
{
  static const char *delta_types[] = { "thinking_delta", "text_delta", "input_json_delta" };
  static const char *members[] = { "thinking", "text", "partial_json" };

  if (req->open_kind != (int) kind)
    open_block (req, kind, out);

  g_string_append_printf (out, "event: content_block_delta\n"
                               "data: {\"type\":\"content_block_delta\",\"index\":%u,"
                               "\"delta\":{\"type\":\"%s\",\"%s\":",
                          req->block_index, delta_types[kind], members[kind]);
  prism_fake_json_string (out, text);
  g_string_append (out, "}}\n\n");
}

static const char *
stop_reason (PrismFakeRequest *req)
{
  return req->tool->len > 0 ? "tool_use" : "end_turn";
}

static void
anthropic_tail (PrismFakeRequest *req,
                GString          *out)
{
  g_autoptr(GString) json = g_string_new (NULL);
  guint input, cached, output, reasoning;

  close_block (req, out);

  prism_fake_request_get_usage (req, &input, &cached, &output, &reasoning);
  g_string_append_printf (json, "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"%s\","
                                "\"stop_sequence\":null},\"usage\":",
                          stop_reason (req));
  if (req->scenario->no_usage)
    g_string_append (json, "{}");
  else
    append_usage (req, json, output + reasoning);
  g_string_append_c (json, '}');

  append_event (out, "message_delta", json->str);
  append_event (out, "message_stop", "{\"type\":\"message_stop\"}");
}

static void
anthropic_stream_error (PrismFakeRequest *req,
                        GString          *out)
{
  append_event (out, "error",
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
}

static void
anthropic_malformed (PrismFakeRequest *req,
                     GString          *out)
{
  g_string_append_printf (out, "event: content_block_delta\n"
                               "data: {\"type\":\"content_block_delta\",\"index\":%u,"
                               "\"delta\":{\"type\":\"text_delta\",\"text\":\"cut\n\n",
                          req->block_index);
}

static void
anthropic_complete (PrismFakeRequest *req,
                    GString          *out)
{
  guint input, cached, output, reasoning;
  gboolean first = TRUE;

  g_string_append_printf (out, "{\"id\":\"msg_fake%s\",\"type\":\"message\",\"role\":\"assistant\",\"model\":",
                          req->id);
  prism_fake_json_string (out, req->model);
  g_string_append (out, ",\"content\":[");

  if (req->reasoning->len > 0)
    {
      g_autofree char *thinking = prism_fake_request_dup_text (req, PRISM_FAKE_PIECE_REASONING);

      g_string_append (out, "{\"type\":\"thinking\",\"thinking\":");
      prism_fake_json_string (out, thinking);
      g_string_append (out, ",\"signature\":\"ZmFrZS1zaWduYXR1cmU=\"}");
      first = FALSE;
    }

  if (req->n_content > 0)
    {
      g_autofree char *text = prism_fake_request_dup_text (req, PRISM_FAKE_PIECE_CONTENT);

      g_string_append (out, first ? "{\"type\":\"text\",\"text\":" : ",{\"type\":\"text\",\"text\":");
      prism_fake_json_string (out, text);
      g_string_append_c (out, '}');
      first = FALSE;
    }

  if (req->tool->len > 0)
    {
      g_string_append (out, first ? "" : ",");
      g_autofree char *arguments = prism_fake_request_dup_text (req, PRISM_FAKE_PIECE_TOOL);

      g_string_append (out, "{\"type\":\"tool_use\",\"id\":\"toolu_fake_1\",\"name\":\"get_weather\",\"input\":");
      g_string_append (out, arguments);
      g_string_append_c (out, '}');
    }

  g_string_append_printf (out, "],\"stop_reason\":\"%s\",\"stop_sequence\":null,\"usage\":",
                          stop_reason (req));
  prism_fake_request_get_usage (req, &input, &cached, &output, &reasoning);
  append_usage (req, out, output + reasoning);
  g_string_append_c (out, '}');
}

static const struct {
  guint       status;
  const char *type;
  const char *message;
} errors[] = {
  { 400, "invalid_request_error", "Invalid request." },
  { 401, "authentication_error", "invalid x-api-key" },
  { 402, "billing_error", "Your credit balance is too low to access the Anthropic API. "
                          "Please go to Plans & Billing to upgrade or purchase credits." },
  { 403, "permission_error", "Your API key does not have permission to use the specified resource." },
  { 404, "not_found_error", "Not found." },
  { 408, "timeout_error", "Request timed out." },
  { 413, "request_too_large", "Request exceeds the maximum allowed number of bytes." },
  { 429, "rate_limit_error", "This request would exceed the rate limit for your organization of "
                             "50 requests per minute. Please try again later." },
  { 500, "api_error", "Internal server error" },
  { 502, "api_error", "Bad gateway" },
  { 503, "api_error", "Service unavailable" },
  { 504, "timeout_error", "Gateway timeout" },
  { 529, "overloaded_error", "Overloaded" },
};

static void
anthropic_error (PrismFakeRequest *req,
                 guint             status,
                 const char       *message)
{
  g_autoptr(GString) body = g_string_new (NULL);
  const char *type = status >= 500 ? "api_error" : "invalid_request_error";

  for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
    {
      if (errors[i].status == status)
        {
          type = errors[i].type;
          if (message == NULL)
            message = errors[i].message;
          break;
        }
    }

  g_string_append_printf (body, "{\"type\":\"error\",\"error\":{\"type\":\"%s\",\"message\":", type);
  prism_fake_json_string (body, message ? message : "Error");
  g_string_append_printf (body, "},\"request_id\":\"req_fake%s\"}", req->id);

  if (status == 429)
    {
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

      soup_message_headers_replace (headers, "anthropic-ratelimit-requests-limit", "50");
      soup_message_headers_replace (headers, "anthropic-ratelimit-requests-remaining", "0");
      soup_message_headers_replace (headers, "anthropic-ratelimit-requests-reset", "2026-01-01T00:01:00Z");
    }

  prism_fake_respond_json (req->msg, status, body->str);
}

const PrismFakeProtocol prism_fake_anthropic_protocol = {
  .stream_content_type = "text/event-stream; charset=utf-8",
  .head = anthropic_head,
  .piece = anthropic_piece,
  .tail = anthropic_tail,
  .stream_error = anthropic_stream_error,
  .malformed = anthropic_malformed,
  .complete = anthropic_complete,
  .error = anthropic_error,
};

static gboolean
check_auth (PrismFakeRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *key = soup_message_headers_get_one (headers, "x-api-key");

  if (key == NULL)
    {
      anthropic_error (req, 401, "x-api-key header is required");
      return FALSE;
    }

  if (!g_str_equal (key, PRISM_FAKE_PROVIDER_KEY))
    {
      anthropic_error (req, 401, "invalid x-api-key");
      return FALSE;
    }

  if (soup_message_headers_get_one (headers, "anthropic-version") == NULL)
    {
      anthropic_error (req, 400, "anthropic-version: header is required");
      return FALSE;
    }

  return TRUE;
}

static void
messages (PrismFakeRequest *req)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *body;
  JsonNode *node;

  if (!check_auth (req) || (body = prism_fake_request_parse_body (req, parser)) == NULL)
    return;

  if (!json_object_has_member (body, "max_tokens"))
    {
      anthropic_error (req, 400, "max_tokens: Field required");
      return;
    }

  node = json_object_get_member (body, "messages");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      anthropic_error (req, 400, "messages: Field required");
      return;
    }

  if (!prism_fake_request_set_model (req, json_object_get_string_member_with_default (body, "model", NULL)))
    return;

  prism_fake_request_read_messages (req, json_object_get_member (body, "system"), node, "content");
  req->stream = json_object_get_boolean_member_with_default (body, "stream", FALSE);

  prism_fake_request_respond (req);
}

void
prism_fake_anthropic_handle (PrismFakeProvider *self,
                             SoupServerMessage *msg,
                             const char        *path)
{
  g_autoptr(PrismFakeRequest) req = prism_fake_request_new (self, msg, PRISM_FAKE_FLAVOR_ANTHROPIC,
                                                            &prism_fake_anthropic_protocol);
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (path, "/v1/messages") && method == SOUP_METHOD_POST)
    messages (req);
  else if (g_str_equal (path, "/v1/models") && method == SOUP_METHOD_GET)
    {
      if (check_auth (req))
        prism_fake_respond_json (msg, SOUP_STATUS_OK,
                                 "{\"data\":["
                                 "{\"type\":\"model\",\"id\":\"claude-sonnet-4-5-20250929\","
                                 "\"display_name\":\"Claude Sonnet 4.5\",\"created_at\":\"2025-09-29T00:00:00Z\"},"
                                 "{\"type\":\"model\",\"id\":\"claude-haiku-4-5-20251001\","
                                 "\"display_name\":\"Claude Haiku 4.5\",\"created_at\":\"2025-10-01T00:00:00Z\"},"
                                 "{\"type\":\"model\",\"id\":\"echo\","
                                 "\"display_name\":\"Fake Echo\",\"created_at\":\"2026-01-01T00:00:00Z\"}],"
                                 "\"has_more\":false,\"first_id\":\"claude-sonnet-4-5-20250929\","
                                 "\"last_id\":\"echo\"}");
    }
  else
    anthropic_error (req, 404, "Not found");
}
