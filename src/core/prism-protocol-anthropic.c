/* prism-protocol-anthropic.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-protocol-anthropic"

#include "config.h"

#include "prism-protocol-anthropic.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "prism-protocol-private.h"
#include "prism-stream-decoder-private.h"

/* The decoder of Messages streams and bodies. */

#define PRISM_TYPE_ANTHROPIC_DECODER (prism_anthropic_decoder_get_type ())

G_DECLARE_FINAL_TYPE (PrismAnthropicDecoder, prism_anthropic_decoder, PRISM, ANTHROPIC_DECODER, PrismStreamDecoder)

struct _PrismAnthropicDecoder
{
  PrismStreamDecoder parent_instance;

  /* Anthropic's own counts, each replaced when a later event repeats
   * it: message_delta's usage is cumulative.
   */
  gint64 input_tokens;
  gint64 cache_read_tokens;
  gint64 cache_creation_tokens;
  gint64 output_tokens;
  char  *message_id;
  /* Held until message_stop: only that event ends the stream. */
  char  *stop_reason;
};

G_DEFINE_FINAL_TYPE (PrismAnthropicDecoder, prism_anthropic_decoder, PRISM_TYPE_STREAM_DECODER)

static PrismFinishReason
finish_reason_from_string (const char *reason)
{
  if (g_str_equal (reason, "end_turn") || g_str_equal (reason, "stop_sequence"))
    return PRISM_FINISH_REASON_STOP;
  if (g_str_equal (reason, "max_tokens") || g_str_equal (reason, "model_context_window_exceeded"))
    return PRISM_FINISH_REASON_LENGTH;
  if (g_str_equal (reason, "tool_use"))
    return PRISM_FINISH_REASON_TOOL_CALLS;
  if (g_str_equal (reason, "refusal"))
    return PRISM_FINISH_REASON_CONTENT_FILTER;

  return PRISM_FINISH_REASON_OTHER;
}

/* input_tokens excludes what was read from or written to the cache;
 * Prism's input counts every prompt token.
 */
static void
update_usage (PrismAnthropicDecoder *self,
              JsonObject            *usage)
{
  PrismUsage total = { 0, };
  gboolean any = FALSE;

  if (usage == NULL)
    return;

  any |= prism_json_int (usage, "input_tokens", &self->input_tokens);
  any |= prism_json_int (usage, "cache_read_input_tokens", &self->cache_read_tokens);
  any |= prism_json_int (usage, "cache_creation_input_tokens", &self->cache_creation_tokens);
  any |= prism_json_int (usage, "output_tokens", &self->output_tokens);
  if (!any)
    return;

  total.input_tokens = self->input_tokens + self->cache_read_tokens + self->cache_creation_tokens;
  total.cached_input_tokens = self->cache_read_tokens;
  total.cache_write_tokens = self->cache_creation_tokens;
  total.output_tokens = self->output_tokens;
  total.known = TRUE;

  prism_stream_decoder_set_usage (PRISM_STREAM_DECODER (self), &total);
}

static void
add_block_start (JsonObject *block,
                 gint        index,
                 GPtrArray  *events_out,
                 gboolean    whole)
{
  const char *type = prism_json_string (block, "type");
  const char *text;

  if (type == NULL)
    return;

  if (g_str_equal (type, "text"))
    {
      text = prism_json_string (block, "text");
      if (text != NULL && *text != '\0')
        g_ptr_array_add (events_out, prism_stream_event_new_content (text));
    }
  else if (g_str_equal (type, "thinking"))
    {
      text = prism_json_string (block, "thinking");
      if (text != NULL && *text != '\0')
        g_ptr_array_add (events_out, prism_stream_event_new_reasoning (text));
    }
  else if (g_str_equal (type, "tool_use"))
    {
      g_autofree char *arguments = NULL;
      JsonNode *input = json_object_get_member (block, "input");

      /* A stream's tool_use starts with input {} and sends the real
       * input as input_json_delta pieces; a whole body has it here.
       */
      if (whole && input != NULL)
        arguments = prism_json_to_string (input);

      g_ptr_array_add (events_out,
                       prism_stream_event_new_tool_call (index,
                                                         prism_json_string (block, "id"),
                                                         prism_json_string (block, "name"),
                                                         arguments));
    }
}

static void
add_block_delta (JsonObject *delta,
                 gint        index,
                 GPtrArray  *events_out)
{
  const char *type = prism_json_string (delta, "type");
  const char *text;

  if (type == NULL)
    return;

  if (g_str_equal (type, "text_delta"))
    {
      text = prism_json_string (delta, "text");
      if (text != NULL && *text != '\0')
        g_ptr_array_add (events_out, prism_stream_event_new_content (text));
    }
  else if (g_str_equal (type, "thinking_delta"))
    {
      text = prism_json_string (delta, "thinking");
      if (text != NULL && *text != '\0')
        g_ptr_array_add (events_out, prism_stream_event_new_reasoning (text));
    }
  else if (g_str_equal (type, "input_json_delta"))
    {
      text = prism_json_string (delta, "partial_json");
      if (text != NULL && *text != '\0')
        g_ptr_array_add (events_out, prism_stream_event_new_tool_call (index, NULL, NULL, text));
    }
  /* signature_delta, citations_delta and types yet unknown carry
   * nothing Prism shows.
   */
}

static gint
block_index (JsonObject *root)
{
  gint64 index = 0;

  prism_json_int (root, "index", &index);

  return CLAMP (index, 0, G_MAXINT);
}

static gboolean
prism_anthropic_decoder_feed_sse (PrismStreamDecoder  *decoder,
                                  const char          *event_type,
                                  const char          *data,
                                  gsize                len,
                                  GPtrArray           *events_out,
                                  GError             **error)
{
  PrismAnthropicDecoder *self = PRISM_ANTHROPIC_DECODER (decoder);
  g_autoptr(JsonObject) root = NULL;
  const char *type;

  root = prism_protocol_parse_json_object (data, len, error);
  if (root == NULL)
    return FALSE;

  type = prism_json_string (root, "type");
  if (type == NULL)
    type = event_type;

  if (g_str_equal (type, "message_start"))
    {
      JsonObject *message = prism_json_object (root, "message");
      const char *id = prism_json_string (message, "id");

      /* Proxies sometimes splice a second message_start into the
       * stream; a new id starts the count again.
       */
      if (id != NULL && self->message_id != NULL && !g_str_equal (id, self->message_id))
        self->input_tokens = self->cache_read_tokens = self->cache_creation_tokens = self->output_tokens = 0;
      if (id != NULL)
        {
          g_free (self->message_id);
          self->message_id = g_strdup (id);
        }

      prism_stream_decoder_set_served (decoder, prism_json_string (message, "model"), NULL);
      update_usage (self, prism_json_object (message, "usage"));
    }
  else if (g_str_equal (type, "content_block_start"))
    add_block_start (prism_json_object (root, "content_block"), block_index (root), events_out, FALSE);
  else if (g_str_equal (type, "content_block_delta"))
    add_block_delta (prism_json_object (root, "delta"), block_index (root), events_out);
  else if (g_str_equal (type, "message_delta"))
    {
      const char *reason = prism_json_string (prism_json_object (root, "delta"), "stop_reason");

      if (reason != NULL)
        {
          g_free (self->stop_reason);
          self->stop_reason = g_strdup (reason);
        }
      update_usage (self, prism_json_object (root, "usage"));
    }
  else if (g_str_equal (type, "message_stop"))
    {
      if (self->stop_reason != NULL)
        prism_stream_decoder_set_finish_reason (decoder, finish_reason_from_string (self->stop_reason),
                                                self->stop_reason);
      prism_stream_decoder_complete (decoder, events_out);
    }
  else if (g_str_equal (type, "error"))
    prism_stream_decoder_fail (decoder, prism_protocol_error_from_json (root, 0), events_out);

  return TRUE;
}

static gboolean
prism_anthropic_decoder_decode_whole (PrismStreamDecoder  *decoder,
                                      GBytes              *body,
                                      GPtrArray           *events_out,
                                      GError             **error)
{
  PrismAnthropicDecoder *self = PRISM_ANTHROPIC_DECODER (decoder);
  g_autoptr(JsonObject) root = NULL;
  JsonArray *content;
  const char *reason;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  root = prism_protocol_parse_json_object (data != NULL ? data : "", len, error);
  if (root == NULL)
    return FALSE;

  if (g_strcmp0 (prism_json_string (root, "type"), "error") == 0)
    {
      prism_stream_decoder_fail (decoder, prism_protocol_error_from_json (root, 0), events_out);
      return TRUE;
    }

  prism_stream_decoder_set_served (decoder, prism_json_string (root, "model"), NULL);

  content = prism_json_array (root, "content");
  for (guint i = 0; content != NULL && i < json_array_get_length (content); i++)
    {
      JsonNode *node = json_array_get_element (content, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        add_block_start (json_node_get_object (node), i, events_out, TRUE);
    }

  reason = prism_json_string (root, "stop_reason");
  if (reason != NULL)
    prism_stream_decoder_set_finish_reason (decoder, finish_reason_from_string (reason), reason);

  update_usage (self, prism_json_object (root, "usage"));
  prism_stream_decoder_complete (decoder, events_out);

  return TRUE;
}

static void
prism_anthropic_decoder_finalize (GObject *object)
{
  PrismAnthropicDecoder *self = (PrismAnthropicDecoder *)object;

  g_clear_pointer (&self->message_id, g_free);
  g_clear_pointer (&self->stop_reason, g_free);

  G_OBJECT_CLASS (prism_anthropic_decoder_parent_class)->finalize (object);
}

static void
prism_anthropic_decoder_class_init (PrismAnthropicDecoderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PrismStreamDecoderClass *decoder_class = PRISM_STREAM_DECODER_CLASS (klass);

  object_class->finalize = prism_anthropic_decoder_finalize;

  decoder_class->feed_sse = prism_anthropic_decoder_feed_sse;
  decoder_class->decode_whole = prism_anthropic_decoder_decode_whole;
}

static void
prism_anthropic_decoder_init (PrismAnthropicDecoder *self)
{
}

/* The protocol. */

struct _PrismProtocolAnthropic
{
  PrismProtocol parent_instance;
};

G_DEFINE_FINAL_TYPE (PrismProtocolAnthropic, prism_protocol_anthropic, PRISM_TYPE_PROTOCOL)

static gboolean
add_image (JsonBuilder           *builder,
           const PrismChatImage  *image,
           GError               **error)
{
  g_autofree char *mime_type = NULL;
  g_autofree char *base64 = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "image");
  json_builder_set_member_name (builder, "source");
  json_builder_begin_object (builder);

  if (prism_chat_image_get_base64 (image, &mime_type, &base64))
    {
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "base64");
      json_builder_set_member_name (builder, "media_type");
      json_builder_add_string_value (builder, mime_type);
      json_builder_set_member_name (builder, "data");
      json_builder_add_string_value (builder, base64);
    }
  else if (image->url != NULL && g_str_has_prefix (image->url, "https:"))
    {
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "url");
      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, image->url);
    }
  else
    {
      g_set_error_literal (error, PRISM_ERROR, PRISM_ERROR_BAD_REQUEST,
                           _("An image must be a base64 data URL or an https:// URL"));
      return FALSE;
    }

  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return TRUE;
}

static void
add_text_block (JsonBuilder *builder,
                const char  *text)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "text");
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
  json_builder_add_string_value (builder, message->role == PRISM_CHAT_ROLE_ASSISTANT ? "assistant" : "user");
  json_builder_set_member_name (builder, "content");

  if (message->role == PRISM_CHAT_ROLE_TOOL)
    {
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "tool_result");
      json_builder_set_member_name (builder, "tool_use_id");
      json_builder_add_string_value (builder, message->tool_call_id != NULL ? message->tool_call_id : "");
      json_builder_set_member_name (builder, "content");
      json_builder_add_string_value (builder, message->text != NULL ? message->text : "");
      json_builder_end_object (builder);
      json_builder_end_array (builder);
    }
  else if (message->images->len == 0 && message->tool_calls->len == 0)
    json_builder_add_string_value (builder, message->text != NULL ? message->text : "");
  else
    {
      json_builder_begin_array (builder);
      for (guint i = 0; i < message->images->len; i++)
        {
          if (!add_image (builder, g_ptr_array_index (message->images, i), error))
            return FALSE;
        }
      if (message->text != NULL && *message->text != '\0')
        add_text_block (builder, message->text);
      for (guint i = 0; i < message->tool_calls->len; i++)
        {
          const PrismChatToolCall *call = g_ptr_array_index (message->tool_calls, i);
          g_autoptr(JsonNode) input = prism_protocol_parse_json (call->arguments, -1, NULL);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "type");
          json_builder_add_string_value (builder, "tool_use");
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, call->id != NULL ? call->id : "");
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, call->name);
          json_builder_set_member_name (builder, "input");
          if (input != NULL && JSON_NODE_HOLDS_OBJECT (input))
            json_builder_add_value (builder, g_steal_pointer (&input));
          else
            {
              json_builder_begin_object (builder);
              json_builder_end_object (builder);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);

  return TRUE;
}

static void
set_headers (SoupMessage *message,
             const char  *api_key,
             const char  *accept)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  if (api_key != NULL && *api_key != '\0')
    soup_message_headers_replace (headers, "x-api-key", api_key);
  soup_message_headers_replace (headers, "anthropic-version", PRISM_PROTOCOL_ANTHROPIC_VERSION);
  soup_message_headers_replace (headers, "Accept", accept);
}

static SoupMessage *
prism_protocol_anthropic_build_chat_message (PrismProtocol     *protocol,
                                             const char        *base_url,
                                             const char        *model_id,
                                             const char        *api_key,
                                             PrismChatRequest  *request,
                                             GError           **error)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GString) system = g_string_new (prism_chat_request_get_system_prompt (request));
  const char * const *stop = prism_chat_request_get_stop (request);
  const char *effort = prism_chat_request_get_reasoning_effort (request);
  gboolean stream = prism_chat_request_get_stream (request);
  double temperature = prism_chat_request_get_temperature (request);
  double top_p = prism_chat_request_get_top_p (request);
  gint64 max_tokens = prism_chat_request_get_max_tokens (request);
  gint64 budget = effort != NULL ? prism_protocol_thinking_budget (effort) : 0;

  /* Thinking needs a budget of at least 1024 tokens, below max_tokens. */
  if (budget > 0)
    {
      budget = MAX (budget, 1024);
      if (max_tokens == 0)
        max_tokens = budget + PRISM_PROTOCOL_ANTHROPIC_DEFAULT_MAX_TOKENS;
      else if (max_tokens <= 1024)
        {
          g_set_error (error, PRISM_ERROR, PRISM_ERROR_BAD_REQUEST,
                       _("Reasoning with Anthropic models needs a token limit above 1024; the limit is %lld"),
                       (long long)max_tokens);
          return NULL;
        }
      else
        budget = MIN (budget, max_tokens - 1);
    }
  else if (max_tokens == 0)
    max_tokens = PRISM_PROTOCOL_ANTHROPIC_DEFAULT_MAX_TOKENS;

  /* The API refuses these with thinking; saying so before sending is
   * clearer than its 400, and dropping them silently would change
   * what was asked.
   */
  if (budget > 0 && ((!isnan (temperature) && temperature != 1.0) || (!isnan (top_p) && top_p < 0.95)))
    {
      g_set_error_literal (error, PRISM_ERROR, PRISM_ERROR_BAD_REQUEST,
                           _("Anthropic models cannot reason with a temperature other than 1 or a top-p below 0.95; unset them or the reasoning effort"));
      return NULL;
    }

  message = prism_protocol_new_message ("POST", base_url, "/v1/messages", NULL, error);
  if (message == NULL)
    return NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, model_id);
  json_builder_set_member_name (builder, "max_tokens");
  json_builder_add_int_value (builder, max_tokens);

  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < prism_chat_request_get_n_messages (request); i++)
    {
      const PrismChatMessage *chat_message = prism_chat_request_get_message (request, i);

      /* There is no system role; system text is one top-level field. */
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
      json_builder_set_member_name (builder, "system");
      json_builder_add_string_value (builder, system->str);
    }

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

  if (stop != NULL)
    {
      json_builder_set_member_name (builder, "stop_sequences");
      json_builder_begin_array (builder);
      for (guint i = 0; stop[i] != NULL; i++)
        json_builder_add_string_value (builder, stop[i]);
      json_builder_end_array (builder);
    }

  if (budget > 0)
    {
      json_builder_set_member_name (builder, "thinking");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "enabled");
      json_builder_set_member_name (builder, "budget_tokens");
      json_builder_add_int_value (builder, budget);
      json_builder_end_object (builder);
    }

  json_builder_set_member_name (builder, "stream");
  json_builder_add_boolean_value (builder, stream);
  json_builder_end_object (builder);

  prism_protocol_set_json_body (message, builder);
  set_headers (message, api_key, stream ? "text/event-stream" : "application/json");

  return g_steal_pointer (&message);
}

static SoupMessage *
prism_protocol_anthropic_build_models_message (PrismProtocol  *protocol,
                                               const char     *base_url,
                                               const char     *api_key,
                                               GError        **error)
{
  SoupMessage *message = prism_protocol_new_message ("GET", base_url, "/v1/models", "limit=1000", error);

  if (message != NULL)
    set_headers (message, api_key, "application/json");

  return message;
}

static GPtrArray *
prism_protocol_anthropic_parse_models (PrismProtocol  *protocol,
                                       const char     *provider_id,
                                       GBytes         *body,
                                       GError        **error)
{
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *data;
  gsize len;
  const char *bytes = g_bytes_get_data (body, &len);

  root = prism_protocol_parse_json_object (bytes != NULL ? bytes : "", len, error);
  if (root == NULL)
    return NULL;

  data = prism_json_array (root, "data");
  if (data == NULL)
    {
      g_set_error_literal (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL,
                           _("The provider’s model list has no “data” array"));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonNode *node = json_array_get_element (data, i);
      JsonObject *object;
      PrismModel *model;
      const char *id;
      const char *name;
      gint64 context_length;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      object = json_node_get_object (node);
      id = prism_json_string (object, "id");
      if (id == NULL || *id == '\0')
        continue;

      model = prism_model_new (provider_id, id);
      name = prism_json_string (object, "display_name");
      if (name != NULL && *name != '\0')
        prism_model_set_name (model, name);
      if (prism_json_int (object, "max_input_tokens", &context_length))
        prism_model_set_context_length (model, context_length);

      g_ptr_array_add (models, model);
    }

  return g_steal_pointer (&models);
}

static PrismStreamDecoder *
prism_protocol_anthropic_create_decoder (PrismProtocol *protocol)
{
  return g_object_new (PRISM_TYPE_ANTHROPIC_DECODER, NULL);
}

static void
prism_protocol_anthropic_class_init (PrismProtocolAnthropicClass *klass)
{
  PrismProtocolClass *protocol_class = PRISM_PROTOCOL_CLASS (klass);

  protocol_class->kind = "anthropic";
  protocol_class->framing = PRISM_STREAM_FRAMING_SSE;
  protocol_class->build_chat_message = prism_protocol_anthropic_build_chat_message;
  protocol_class->build_models_message = prism_protocol_anthropic_build_models_message;
  protocol_class->parse_models = prism_protocol_anthropic_parse_models;
  protocol_class->create_decoder = prism_protocol_anthropic_create_decoder;
}

static void
prism_protocol_anthropic_init (PrismProtocolAnthropic *self)
{
}
