/* prism-protocol-ollama.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-protocol-ollama"

#include "config.h"

#include "prism-protocol-ollama.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "prism-protocol-private.h"
#include "prism-stream-decoder-private.h"

/* The decoder of /api/chat: NDJSON lines, the last with done:true. */

#define PRISM_TYPE_OLLAMA_DECODER (prism_ollama_decoder_get_type ())

G_DECLARE_FINAL_TYPE (PrismOllamaDecoder, prism_ollama_decoder, PRISM, OLLAMA_DECODER, PrismStreamDecoder)

struct _PrismOllamaDecoder
{
  PrismStreamDecoder parent_instance;

  /* Ollama sends each tool call whole; this numbers them. */
  gint n_tool_calls;
};

G_DEFINE_FINAL_TYPE (PrismOllamaDecoder, prism_ollama_decoder, PRISM_TYPE_STREAM_DECODER)

static void
add_tool_calls (PrismOllamaDecoder *self,
                JsonArray          *calls,
                GPtrArray          *events_out)
{
  for (guint i = 0; calls != NULL && i < json_array_get_length (calls); i++)
    {
      JsonNode *node = json_array_get_element (calls, i);
      JsonObject *call;
      JsonObject *function;
      JsonNode *arguments;
      g_autofree char *text = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      call = json_node_get_object (node);
      function = prism_json_object (call, "function");
      if (function == NULL)
        continue;

      /* Arguments come as a JSON object, not a string as in OpenAI's format. */
      arguments = json_object_get_member (function, "arguments");
      if (arguments != NULL && JSON_NODE_HOLDS_VALUE (arguments) &&
          json_node_get_value_type (arguments) == G_TYPE_STRING)
        text = g_strdup (json_node_get_string (arguments));
      else if (arguments != NULL)
        text = prism_json_to_string (arguments);

      g_ptr_array_add (events_out,
                       prism_stream_event_new_tool_call (self->n_tool_calls++,
                                                         prism_json_string (call, "id"),
                                                         prism_json_string (function, "name"),
                                                         text != NULL ? text : "{}"));
    }
}

static void
decode_object (PrismOllamaDecoder *self,
               JsonObject         *root,
               GPtrArray          *events_out)
{
  PrismStreamDecoder *decoder = PRISM_STREAM_DECODER (self);
  JsonObject *message;
  const char *text;

  if (json_object_has_member (root, "error") && !json_object_get_null_member (root, "error"))
    {
      prism_stream_decoder_fail (decoder, prism_protocol_error_from_json (root, 0), events_out);
      return;
    }

  prism_stream_decoder_set_served (decoder, prism_json_string (root, "model"), NULL);

  message = prism_json_object (root, "message");
  text = prism_json_string (message, "thinking");
  if (text != NULL && *text != '\0')
    g_ptr_array_add (events_out, prism_stream_event_new_reasoning (text));
  text = prism_json_string (message, "content");
  if (text != NULL && *text != '\0')
    g_ptr_array_add (events_out, prism_stream_event_new_content (text));
  add_tool_calls (self, prism_json_array (message, "tool_calls"), events_out);

  if (prism_json_bool (root, "done"))
    {
      const char *reason = prism_json_string (root, "done_reason");
      PrismFinishReason normal = PRISM_FINISH_REASON_OTHER;
      PrismUsage usage = { 0, };

      /* prompt_eval_count is left out when the whole prompt was cached. */
      prism_json_int (root, "prompt_eval_count", &usage.input_tokens);
      if (prism_json_int (root, "eval_count", &usage.output_tokens) ||
          json_object_has_member (root, "prompt_eval_count"))
        prism_stream_decoder_set_usage (decoder, &usage);

      if (reason == NULL || g_str_equal (reason, "stop"))
        normal = self->n_tool_calls > 0 ? PRISM_FINISH_REASON_TOOL_CALLS : PRISM_FINISH_REASON_STOP;
      else if (g_str_equal (reason, "length"))
        normal = PRISM_FINISH_REASON_LENGTH;

      prism_stream_decoder_set_finish_reason (decoder, normal, reason != NULL ? reason : "stop");
      prism_stream_decoder_complete (decoder, events_out);
    }
}

static gboolean
prism_ollama_decoder_feed_line (PrismStreamDecoder  *decoder,
                                const char          *line,
                                gsize                len,
                                GPtrArray           *events_out,
                                GError             **error)
{
  g_autoptr(JsonObject) root = prism_protocol_parse_json_object (line, len, error);

  if (root == NULL)
    return FALSE;

  decode_object (PRISM_OLLAMA_DECODER (decoder), root, events_out);

  return TRUE;
}

static gboolean
prism_ollama_decoder_decode_whole (PrismStreamDecoder  *decoder,
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

  decode_object (PRISM_OLLAMA_DECODER (decoder), root, events_out);
  prism_stream_decoder_complete (decoder, events_out);

  return TRUE;
}

static void
prism_ollama_decoder_class_init (PrismOllamaDecoderClass *klass)
{
  PrismStreamDecoderClass *decoder_class = PRISM_STREAM_DECODER_CLASS (klass);

  decoder_class->feed_line = prism_ollama_decoder_feed_line;
  decoder_class->decode_whole = prism_ollama_decoder_decode_whole;
}

static void
prism_ollama_decoder_init (PrismOllamaDecoder *self)
{
}

/* The protocol. */

struct _PrismProtocolOllama
{
  PrismProtocol parent_instance;
};

G_DEFINE_FINAL_TYPE (PrismProtocolOllama, prism_protocol_ollama, PRISM_TYPE_PROTOCOL)

static gboolean
add_message (JsonBuilder             *builder,
             const PrismChatMessage  *message,
             GError                 **error)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, prism_chat_role_to_string (message->role));
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, message->text != NULL ? message->text : "");

  if (message->images->len > 0)
    {
      json_builder_set_member_name (builder, "images");
      json_builder_begin_array (builder);
      for (guint i = 0; i < message->images->len; i++)
        {
          g_autofree char *mime_type = NULL;
          g_autofree char *base64 = NULL;

          if (!prism_chat_image_get_base64 (g_ptr_array_index (message->images, i), &mime_type, &base64))
            {
              g_set_error_literal (error, PRISM_ERROR, PRISM_ERROR_BAD_REQUEST,
                                   _("Ollama takes images inline only: attach the image’s bytes or a base64 data URL"));
              return FALSE;
            }
          json_builder_add_string_value (builder, base64);
        }
      json_builder_end_array (builder);
    }

  if (message->tool_calls->len > 0)
    {
      json_builder_set_member_name (builder, "tool_calls");
      json_builder_begin_array (builder);
      for (guint i = 0; i < message->tool_calls->len; i++)
        {
          const PrismChatToolCall *call = g_ptr_array_index (message->tool_calls, i);
          g_autoptr(JsonNode) arguments = prism_protocol_parse_json (call->arguments, -1, NULL);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "function");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, call->name);
          json_builder_set_member_name (builder, "arguments");
          if (arguments != NULL && JSON_NODE_HOLDS_OBJECT (arguments))
            json_builder_add_value (builder, g_steal_pointer (&arguments));
          else
            {
              json_builder_begin_object (builder);
              json_builder_end_object (builder);
            }
          json_builder_end_object (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  if (message->role == PRISM_CHAT_ROLE_TOOL && message->tool_name != NULL)
    {
      json_builder_set_member_name (builder, "tool_name");
      json_builder_add_string_value (builder, message->tool_name);
    }

  json_builder_end_object (builder);

  return TRUE;
}

/* Ollama's think takes false or low/medium/high (and max on newer
 * versions); Prism's other efforts are mapped onto the nearest.
 */
static void
add_think (JsonBuilder *builder,
           const char  *effort)
{
  json_builder_set_member_name (builder, "think");

  if (g_str_equal (effort, "none"))
    json_builder_add_boolean_value (builder, FALSE);
  else if (g_str_equal (effort, "minimal") || g_str_equal (effort, "low"))
    json_builder_add_string_value (builder, "low");
  else if (g_str_equal (effort, "xhigh") || g_str_equal (effort, "high"))
    json_builder_add_string_value (builder, "high");
  else if (g_str_equal (effort, "max"))
    json_builder_add_string_value (builder, "max");
  else
    json_builder_add_string_value (builder, "medium");
}

static SoupMessage *
prism_protocol_ollama_build_chat_message (PrismProtocol     *protocol,
                                          const char        *base_url,
                                          const char        *model_id,
                                          const char        *api_key,
                                          PrismChatRequest  *request,
                                          GError           **error)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *system_prompt = prism_chat_request_get_system_prompt (request);
  const char * const *stop = prism_chat_request_get_stop (request);
  const char *effort = prism_chat_request_get_reasoning_effort (request);
  gboolean stream = prism_chat_request_get_stream (request);
  double temperature = prism_chat_request_get_temperature (request);
  double top_p = prism_chat_request_get_top_p (request);
  gint64 max_tokens = prism_chat_request_get_max_tokens (request);
  gint64 seed;
  gboolean has_seed = prism_chat_request_get_seed (request, &seed);

  message = prism_protocol_new_message ("POST", base_url, "/api/chat", NULL, error);
  if (message == NULL)
    return NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, model_id);

  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  if (system_prompt != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, "system");
      json_builder_set_member_name (builder, "content");
      json_builder_add_string_value (builder, system_prompt);
      json_builder_end_object (builder);
    }
  for (guint i = 0; i < prism_chat_request_get_n_messages (request); i++)
    {
      if (!add_message (builder, prism_chat_request_get_message (request, i), error))
        return NULL;
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "stream");
  json_builder_add_boolean_value (builder, stream);

  if (effort != NULL)
    add_think (builder, effort);

  if (!isnan (temperature) || !isnan (top_p) || max_tokens > 0 || stop != NULL || has_seed)
    {
      json_builder_set_member_name (builder, "options");
      json_builder_begin_object (builder);
      if (!isnan (temperature))
        {
          json_builder_set_member_name (builder, "temperature");
          json_builder_add_double_value (builder, temperature);
        }
      if (!isnan (top_p))
        {
          json_builder_set_member_name (builder, "top_p");
          json_builder_add_double_value (builder, top_p);
        }
      if (max_tokens > 0)
        {
          json_builder_set_member_name (builder, "num_predict");
          json_builder_add_int_value (builder, max_tokens);
        }
      if (stop != NULL)
        {
          json_builder_set_member_name (builder, "stop");
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
      json_builder_end_object (builder);
    }

  json_builder_end_object (builder);

  prism_protocol_set_json_body (message, builder);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept",
                                stream ? "application/x-ndjson" : "application/json");

  /* A local Ollama needs no key; one behind an authenticating proxy may. */
  if (api_key != NULL && *api_key != '\0')
    {
      g_autofree char *value = g_strconcat ("Bearer ", api_key, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", value);
    }

  return g_steal_pointer (&message);
}

static SoupMessage *
prism_protocol_ollama_build_models_message (PrismProtocol  *protocol,
                                            const char     *base_url,
                                            const char     *api_key,
                                            GError        **error)
{
  SoupMessage *message = prism_protocol_new_message ("GET", base_url, "/api/tags", NULL, error);

  if (message != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "Accept", "application/json");

  return message;
}

static GPtrArray *
prism_protocol_ollama_parse_models (PrismProtocol  *protocol,
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
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      object = json_node_get_object (node);
      id = prism_json_string (object, "model");
      if (id == NULL)
        id = prism_json_string (object, "name");
      if (id == NULL || *id == '\0')
        continue;

      g_ptr_array_add (models, prism_model_new (provider_id, id));
    }

  return g_steal_pointer (&models);
}

static PrismStreamDecoder *
prism_protocol_ollama_create_decoder (PrismProtocol *protocol)
{
  return g_object_new (PRISM_TYPE_OLLAMA_DECODER, NULL);
}

static void
prism_protocol_ollama_class_init (PrismProtocolOllamaClass *klass)
{
  PrismProtocolClass *protocol_class = PRISM_PROTOCOL_CLASS (klass);

  protocol_class->kind = "ollama";
  protocol_class->framing = PRISM_STREAM_FRAMING_NDJSON;
  protocol_class->build_chat_message = prism_protocol_ollama_build_chat_message;
  protocol_class->build_models_message = prism_protocol_ollama_build_models_message;
  protocol_class->parse_models = prism_protocol_ollama_parse_models;
  protocol_class->create_decoder = prism_protocol_ollama_create_decoder;
}

static void
prism_protocol_ollama_init (PrismProtocolOllama *self)
{
}
