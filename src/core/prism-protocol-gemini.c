/* prism-protocol-gemini.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-protocol-gemini"

#include "config.h"

#include "prism-protocol-gemini.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "prism-protocol-private.h"
#include "prism-stream-decoder-private.h"

/* The decoder of generateContent answers, streamed (alt=sse) or whole. */

#define PRISM_TYPE_GEMINI_DECODER (prism_gemini_decoder_get_type ())

G_DECLARE_FINAL_TYPE (PrismGeminiDecoder, prism_gemini_decoder, PRISM, GEMINI_DECODER, PrismStreamDecoder)

struct _PrismGeminiDecoder
{
  PrismStreamDecoder parent_instance;

  /* Gemini sends each function call whole; this numbers them. */
  gint n_tool_calls;
};

G_DEFINE_FINAL_TYPE (PrismGeminiDecoder, prism_gemini_decoder, PRISM_TYPE_STREAM_DECODER)

static PrismFinishReason
finish_reason_from_string (const char *reason)
{
  static const char * const filtered[] = {
    "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY", "LANGUAGE",
  };

  if (g_str_equal (reason, "STOP"))
    return PRISM_FINISH_REASON_STOP;
  if (g_str_equal (reason, "MAX_TOKENS"))
    return PRISM_FINISH_REASON_LENGTH;

  for (guint i = 0; i < G_N_ELEMENTS (filtered); i++)
    {
      if (g_str_equal (reason, filtered[i]))
        return PRISM_FINISH_REASON_CONTENT_FILTER;
    }

  return PRISM_FINISH_REASON_OTHER;
}

/* usageMetadata holds running totals and is repeated on every chunk;
 * the last one counts. candidatesTokenCount leaves out the thoughts,
 * promptTokenCount includes the cached content.
 */
static void
update_usage (PrismGeminiDecoder *self,
              JsonObject         *metadata)
{
  PrismUsage usage = { 0, };
  gint64 candidates = 0;
  gboolean any = FALSE;

  if (metadata == NULL)
    return;

  any |= prism_json_int (metadata, "promptTokenCount", &usage.input_tokens);
  any |= prism_json_int (metadata, "candidatesTokenCount", &candidates);
  prism_json_int (metadata, "cachedContentTokenCount", &usage.cached_input_tokens);
  any |= prism_json_int (metadata, "thoughtsTokenCount", &usage.reasoning_tokens);
  if (!any)
    return;

  usage.output_tokens = candidates + usage.reasoning_tokens;
  usage.known = TRUE;

  prism_stream_decoder_set_usage (PRISM_STREAM_DECODER (self), &usage);
}

static void
decode_object (PrismGeminiDecoder *self,
               JsonObject         *root,
               GPtrArray          *events_out)
{
  PrismStreamDecoder *decoder = PRISM_STREAM_DECODER (self);
  JsonArray *candidates;
  JsonObject *candidate = NULL;
  JsonArray *parts;
  const char *block_reason;
  const char *reason;

  if (json_object_has_member (root, "error") && !json_object_get_null_member (root, "error"))
    {
      prism_stream_decoder_fail (decoder, prism_protocol_error_from_json (root, 0), events_out);
      return;
    }

  prism_stream_decoder_set_served (decoder, prism_json_string (root, "modelVersion"), NULL);
  update_usage (self, prism_json_object (root, "usageMetadata"));

  block_reason = prism_json_string (prism_json_object (root, "promptFeedback"), "blockReason");
  if (block_reason != NULL)
    prism_stream_decoder_set_finish_reason (decoder, PRISM_FINISH_REASON_CONTENT_FILTER, block_reason);

  candidates = prism_json_array (root, "candidates");
  if (candidates != NULL && json_array_get_length (candidates) > 0 &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (candidates, 0)))
    candidate = json_array_get_object_element (candidates, 0);

  if (candidate == NULL)
    return;

  parts = prism_json_array (prism_json_object (candidate, "content"), "parts");
  for (guint i = 0; parts != NULL && i < json_array_get_length (parts); i++)
    {
      JsonNode *node = json_array_get_element (parts, i);
      JsonObject *part;
      JsonObject *call;
      const char *text;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      part = json_node_get_object (node);
      text = prism_json_string (part, "text");
      call = prism_json_object (part, "functionCall");

      if (text != NULL && *text != '\0')
        {
          if (prism_json_bool (part, "thought"))
            g_ptr_array_add (events_out, prism_stream_event_new_reasoning (text));
          else
            g_ptr_array_add (events_out, prism_stream_event_new_content (text));
        }
      else if (call != NULL)
        {
          g_autofree char *arguments = NULL;
          JsonNode *args = json_object_get_member (call, "args");

          arguments = args != NULL ? prism_json_to_string (args) : g_strdup ("{}");
          g_ptr_array_add (events_out,
                           prism_stream_event_new_tool_call (self->n_tool_calls++,
                                                             prism_json_string (call, "id"),
                                                             prism_json_string (call, "name"),
                                                             arguments));
        }
    }

  /* Function calls end with STOP; there is no reason of their own. */
  reason = prism_json_string (candidate, "finishReason");
  if (reason != NULL)
    {
      PrismFinishReason normal = finish_reason_from_string (reason);

      if (normal == PRISM_FINISH_REASON_STOP && self->n_tool_calls > 0)
        normal = PRISM_FINISH_REASON_TOOL_CALLS;

      prism_stream_decoder_set_finish_reason (decoder, normal, reason);
    }
}

static gboolean
prism_gemini_decoder_feed_sse (PrismStreamDecoder  *decoder,
                               const char          *event_type,
                               const char          *data,
                               gsize                len,
                               GPtrArray           *events_out,
                               GError             **error)
{
  g_autoptr(JsonObject) root = prism_protocol_parse_json_object (data, len, error);

  if (root == NULL)
    return FALSE;

  decode_object (PRISM_GEMINI_DECODER (decoder), root, events_out);

  return TRUE;
}

static gboolean
prism_gemini_decoder_decode_whole (PrismStreamDecoder  *decoder,
                                   GBytes              *body,
                                   GPtrArray           *events_out,
                                   GError             **error)
{
  g_autoptr(JsonObject) root = NULL;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  root = prism_protocol_parse_json_object (data != NULL ? data : "", len, error);
  if (root == NULL)
    return FALSE;

  decode_object (PRISM_GEMINI_DECODER (decoder), root, events_out);
  prism_stream_decoder_complete (decoder, events_out);

  return TRUE;
}

static void
prism_gemini_decoder_class_init (PrismGeminiDecoderClass *klass)
{
  PrismStreamDecoderClass *decoder_class = PRISM_STREAM_DECODER_CLASS (klass);

  decoder_class->feed_sse = prism_gemini_decoder_feed_sse;
  decoder_class->decode_whole = prism_gemini_decoder_decode_whole;
}

static void
prism_gemini_decoder_init (PrismGeminiDecoder *self)
{
}

/* The protocol. */

struct _PrismProtocolGemini
{
  PrismProtocol parent_instance;
};

G_DEFINE_FINAL_TYPE (PrismProtocolGemini, prism_protocol_gemini, PRISM_TYPE_PROTOCOL)

static void
add_text_part (JsonBuilder *builder,
               const char  *text)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
}

static gboolean
add_message (JsonBuilder             *builder,
             const PrismChatMessage  *message,
             GError                 **error)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, message->role == PRISM_CHAT_ROLE_ASSISTANT ? "model" : "user");
  json_builder_set_member_name (builder, "parts");
  json_builder_begin_array (builder);

  if (message->role == PRISM_CHAT_ROLE_TOOL)
    {
      g_autoptr(JsonNode) result = NULL;

      if (message->text != NULL)
        result = prism_protocol_parse_json (message->text, -1, NULL);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "functionResponse");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, message->tool_name != NULL ? message->tool_name : "");
      if (message->tool_call_id != NULL)
        {
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, message->tool_call_id);
        }
      /* The response must be an object; plain text is wrapped. */
      json_builder_set_member_name (builder, "response");
      if (result != NULL && JSON_NODE_HOLDS_OBJECT (result))
        json_builder_add_value (builder, g_steal_pointer (&result));
      else
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "content");
          json_builder_add_string_value (builder, message->text != NULL ? message->text : "");
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  else
    {
      if ((message->text != NULL && *message->text != '\0') ||
          (message->images->len == 0 && message->tool_calls->len == 0))
        add_text_part (builder, message->text != NULL ? message->text : "");

      for (guint i = 0; i < message->images->len; i++)
        {
          g_autofree char *mime_type = NULL;
          g_autofree char *base64 = NULL;

          if (!prism_chat_image_get_base64 (g_ptr_array_index (message->images, i), &mime_type, &base64))
            {
              g_set_error_literal (error, PRISM_ERROR, PRISM_ERROR_BAD_REQUEST,
                                   _("Gemini takes images inline only: attach the image’s bytes or a base64 data URL"));
              return FALSE;
            }

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "inlineData");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "mimeType");
          json_builder_add_string_value (builder, mime_type);
          json_builder_set_member_name (builder, "data");
          json_builder_add_string_value (builder, base64);
          json_builder_end_object (builder);
          json_builder_end_object (builder);
        }

      for (guint i = 0; i < message->tool_calls->len; i++)
        {
          const PrismChatToolCall *call = g_ptr_array_index (message->tool_calls, i);
          g_autoptr(JsonNode) args = prism_protocol_parse_json (call->arguments, -1, NULL);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "functionCall");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, call->name);
          json_builder_set_member_name (builder, "args");
          if (args != NULL && JSON_NODE_HOLDS_OBJECT (args))
            json_builder_add_value (builder, g_steal_pointer (&args));
          else
            {
              json_builder_begin_object (builder);
              json_builder_end_object (builder);
            }
          json_builder_end_object (builder);
          json_builder_end_object (builder);
        }
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return TRUE;
}

static char *
model_path (const char *model_id,
            const char *method)
{
  g_autofree char *escaped = NULL;

  /* Gemini's own ids read "models/gemini-…"; Prism's do not. */
  if (g_str_has_prefix (model_id, "models/"))
    model_id += strlen ("models/");

  escaped = g_uri_escape_string (model_id, "-._~", FALSE);

  return g_strconcat ("/v1beta/models/", escaped, ":", method, NULL);
}

static void
set_headers (SoupMessage *message,
             const char  *api_key,
             const char  *accept)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  if (api_key != NULL && *api_key != '\0')
    soup_message_headers_replace (headers, "x-goog-api-key", api_key);
  soup_message_headers_replace (headers, "Accept", accept);
}

static SoupMessage *
prism_protocol_gemini_build_chat_message (PrismProtocol     *protocol,
                                          const char        *base_url,
                                          const char        *model_id,
                                          const char        *api_key,
                                          PrismChatRequest  *request,
                                          GError           **error)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GString) system = g_string_new (prism_chat_request_get_system_prompt (request));
  g_autofree char *path = NULL;
  const char * const *stop = prism_chat_request_get_stop (request);
  const char *effort = prism_chat_request_get_reasoning_effort (request);
  gboolean stream = prism_chat_request_get_stream (request);
  double temperature = prism_chat_request_get_temperature (request);
  double top_p = prism_chat_request_get_top_p (request);
  gint64 max_tokens = prism_chat_request_get_max_tokens (request);
  gint64 seed;
  gboolean has_seed = prism_chat_request_get_seed (request, &seed);

  path = model_path (model_id, stream ? "streamGenerateContent" : "generateContent");
  message = prism_protocol_new_message ("POST", base_url, path, stream ? "alt=sse" : NULL, error);
  if (message == NULL)
    return NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "contents");
  json_builder_begin_array (builder);
  for (guint i = 0; i < prism_chat_request_get_n_messages (request); i++)
    {
      const PrismChatMessage *chat_message = prism_chat_request_get_message (request, i);

      if (chat_message->role == PRISM_CHAT_ROLE_SYSTEM)
        {
          if (chat_message->text != NULL)
            g_string_append_printf (system, "%s%s", system->len > 0 ? "\n\n" : "", chat_message->text);
          continue;
        }

      if (!add_message (builder, chat_message, error))
        return NULL;
    }
  json_builder_end_array (builder);

  if (system->len > 0)
    {
      json_builder_set_member_name (builder, "systemInstruction");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "parts");
      json_builder_begin_array (builder);
      add_text_part (builder, system->str);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }

  if (!isnan (temperature) || !isnan (top_p) || max_tokens > 0 || stop != NULL || has_seed || effort != NULL)
    {
      json_builder_set_member_name (builder, "generationConfig");
      json_builder_begin_object (builder);
      if (!isnan (temperature))
        {
          json_builder_set_member_name (builder, "temperature");
          json_builder_add_double_value (builder, temperature);
        }
      if (!isnan (top_p))
        {
          json_builder_set_member_name (builder, "topP");
          json_builder_add_double_value (builder, top_p);
        }
      if (max_tokens > 0)
        {
          json_builder_set_member_name (builder, "maxOutputTokens");
          json_builder_add_int_value (builder, max_tokens);
        }
      if (stop != NULL)
        {
          json_builder_set_member_name (builder, "stopSequences");
          json_builder_begin_array (builder);
          for (guint i = 0; stop[i] != NULL; i++)
            json_builder_add_string_value (builder, stop[i]);
          json_builder_end_array (builder);
        }
      if (has_seed)
        {
          json_builder_set_member_name (builder, "seed");
          json_builder_add_int_value (builder, seed);
        }
      if (effort != NULL)
        {
          gint64 budget = prism_protocol_thinking_budget (effort);

          json_builder_set_member_name (builder, "thinkingConfig");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "thinkingBudget");
          json_builder_add_int_value (builder, budget);
          json_builder_set_member_name (builder, "includeThoughts");
          json_builder_add_boolean_value (builder, budget > 0);
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
    }

  json_builder_end_object (builder);

  prism_protocol_set_json_body (message, builder);
  set_headers (message, api_key, stream ? "text/event-stream" : "application/json");

  return g_steal_pointer (&message);
}

static SoupMessage *
prism_protocol_gemini_build_models_message (PrismProtocol  *protocol,
                                            const char     *base_url,
                                            const char     *api_key,
                                            GError        **error)
{
  SoupMessage *message = prism_protocol_new_message ("GET", base_url, "/v1beta/models", "pageSize=1000", error);

  if (message != NULL)
    set_headers (message, api_key, "application/json");

  return message;
}

static gboolean
can_generate (JsonObject *object)
{
  JsonArray *methods = prism_json_array (object, "supportedGenerationMethods");

  if (methods == NULL)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (methods); i++)
    {
      JsonNode *node = json_array_get_element (methods, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          g_str_equal (json_node_get_string (node), "generateContent"))
        return TRUE;
    }

  return FALSE;
}

static GPtrArray *
prism_protocol_gemini_parse_models (PrismProtocol  *protocol,
                                    const char     *provider_id,
                                    GBytes         *body,
                                    GError        **error)
{
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *list;
  gsize len;
  const char *bytes = g_bytes_get_data (body, &len);

  root = prism_protocol_parse_json_object (bytes != NULL ? bytes : "", len, error);
  if (root == NULL)
    return NULL;

  list = prism_json_array (root, "models");
  if (list == NULL)
    {
      g_set_error_literal (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL,
                           _("The provider’s model list has no “models” array"));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      JsonObject *object;
      PrismModel *model;
      const char *id;
      const char *name;
      gint64 context_length;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      /* Embedding and other models that cannot chat are left out. */
      object = json_node_get_object (node);
      id = prism_json_string (object, "name");
      if (id == NULL || !can_generate (object))
        continue;
      if (g_str_has_prefix (id, "models/"))
        id += strlen ("models/");
      if (*id == '\0')
        continue;

      model = prism_model_new (provider_id, id);
      name = prism_json_string (object, "displayName");
      if (name != NULL && *name != '\0')
        prism_model_set_name (model, name);
      if (prism_json_int (object, "inputTokenLimit", &context_length))
        prism_model_set_context_length (model, context_length);

      g_ptr_array_add (models, model);
    }

  return g_steal_pointer (&models);
}

static PrismStreamDecoder *
prism_protocol_gemini_create_decoder (PrismProtocol *protocol)
{
  return g_object_new (PRISM_TYPE_GEMINI_DECODER, NULL);
}

static void
prism_protocol_gemini_class_init (PrismProtocolGeminiClass *klass)
{
  PrismProtocolClass *protocol_class = PRISM_PROTOCOL_CLASS (klass);

  protocol_class->kind = "gemini";
  protocol_class->framing = PRISM_STREAM_FRAMING_SSE;
  protocol_class->build_chat_message = prism_protocol_gemini_build_chat_message;
  protocol_class->build_models_message = prism_protocol_gemini_build_models_message;
  protocol_class->parse_models = prism_protocol_gemini_parse_models;
  protocol_class->create_decoder = prism_protocol_gemini_create_decoder;
}

static void
prism_protocol_gemini_init (PrismProtocolGemini *self)
{
}
