/* prism-protocol-openai.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-protocol-openai"

#include "config.h"

#include "prism-protocol-openai.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "prism-protocol-private.h"
#include "prism-stream-decoder-private.h"

/* The decoder of Chat Completions streams and bodies. */

#define PRISM_TYPE_OPENAI_DECODER (prism_openai_decoder_get_type ())

G_DECLARE_FINAL_TYPE (PrismOpenaiDecoder, prism_openai_decoder, PRISM, OPENAI_DECODER, PrismStreamDecoder)

struct _PrismOpenaiDecoder
{
  PrismStreamDecoder parent_instance;

  /* For providers that leave out tool calls' index: the index given
   * to each call id, and the last one used.
   */
  GHashTable *index_by_id;
  gint        last_index;
  gint        next_index;
};

G_DEFINE_FINAL_TYPE (PrismOpenaiDecoder, prism_openai_decoder, PRISM_TYPE_STREAM_DECODER)

static PrismFinishReason
finish_reason_from_string (const char *reason)
{
  if (g_str_equal (reason, "stop"))
    return PRISM_FINISH_REASON_STOP;
  if (g_str_equal (reason, "length"))
    return PRISM_FINISH_REASON_LENGTH;
  if (g_str_equal (reason, "tool_calls") || g_str_equal (reason, "function_call"))
    return PRISM_FINISH_REASON_TOOL_CALLS;
  if (g_str_equal (reason, "content_filter"))
    return PRISM_FINISH_REASON_CONTENT_FILTER;
  if (g_str_equal (reason, "error"))
    return PRISM_FINISH_REASON_ERROR;

  return PRISM_FINISH_REASON_OTHER;
}

/* Every placement of usage among the OpenAI-compatible providers:
 * prompt_tokens counts cached tokens (prompt_tokens_details.cached_tokens,
 * or DeepSeek's prompt_cache_hit_tokens); completion_tokens counts
 * reasoning, except at xAI, whose total gives it away:
 * total = prompt + completion + reasoning.
 */
static gboolean
usage_from_json (JsonObject *object,
                 PrismUsage *usage)
{
  JsonObject *prompt_details = prism_json_object (object, "prompt_tokens_details");
  JsonObject *completion_details = prism_json_object (object, "completion_tokens_details");
  gint64 prompt = 0;
  gint64 completion = 0;
  gint64 total = -1;
  gint64 cached = 0;
  gint64 cache_write = 0;
  gint64 reasoning = 0;
  gboolean has_prompt;
  gboolean has_completion;

  has_prompt = prism_json_int (object, "prompt_tokens", &prompt);
  has_completion = prism_json_int (object, "completion_tokens", &completion);
  if (!has_prompt && !has_completion)
    return FALSE;

  if (!prism_json_int (prompt_details, "cached_tokens", &cached))
    prism_json_int (object, "prompt_cache_hit_tokens", &cached);
  prism_json_int (prompt_details, "cache_write_tokens", &cache_write);
  prism_json_int (completion_details, "reasoning_tokens", &reasoning);
  prism_json_int (object, "total_tokens", &total);

  memset (usage, 0, sizeof *usage);
  usage->input_tokens = prompt;
  usage->cached_input_tokens = cached;
  usage->cache_write_tokens = cache_write;
  usage->output_tokens = completion;
  usage->reasoning_tokens = reasoning;
  usage->known = TRUE;

  if (reasoning > 0 && total == prompt + completion + reasoning)
    usage->output_tokens = completion + reasoning;

  return TRUE;
}

static void
add_reasoning (JsonObject *delta,
               GPtrArray  *events_out)
{
  const char *text = prism_json_string (delta, "reasoning_content");
  JsonArray *details;

  if (text == NULL)
    text = prism_json_string (delta, "reasoning");

  if (text != NULL)
    {
      if (*text != '\0')
        g_ptr_array_add (events_out, prism_stream_event_new_reasoning (text));
      return;
    }

  /* Only when no plain reasoning came: OpenRouter sends both, with the
   * same text.
   */
  details = prism_json_array (delta, "reasoning_details");
  if (details == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (details); i++)
    {
      JsonNode *node = json_array_get_element (details, i);
      JsonObject *detail;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      detail = json_node_get_object (node);
      text = prism_json_string (detail, "text");
      if (text == NULL)
        text = prism_json_string (detail, "summary");
      if (text != NULL && *text != '\0')
        g_ptr_array_add (events_out, prism_stream_event_new_reasoning (text));
    }
}

/* OpenAI numbers a call's pieces with `index`; some compatible servers
 * leave it out and send each call whole, or its id with every piece.
 * Then a new id is a new call, and a piece without id continues the
 * last one.
 */
static gint
tool_call_index (PrismOpenaiDecoder *self,
                 JsonObject         *call,
                 const char         *id)
{
  gint64 index;
  gpointer known;

  if (prism_json_int (call, "index", &index))
    {
      index = CLAMP (index, 0, G_MAXINT - 1);
      self->next_index = MAX (self->next_index, index + 1);
      if (id != NULL)
        g_hash_table_insert (self->index_by_id, g_strdup (id), GINT_TO_POINTER (index));
      return self->last_index = index;
    }

  if (id == NULL)
    return self->last_index;

  if (g_hash_table_lookup_extended (self->index_by_id, id, NULL, &known))
    return self->last_index = GPOINTER_TO_INT (known);

  g_hash_table_insert (self->index_by_id, g_strdup (id), GINT_TO_POINTER (self->next_index));
  self->last_index = self->next_index++;

  return self->last_index;
}

static void
add_tool_calls (PrismOpenaiDecoder *self,
                JsonObject         *delta,
                GPtrArray          *events_out)
{
  JsonArray *calls = prism_json_array (delta, "tool_calls");

  if (calls == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (calls); i++)
    {
      JsonNode *node = json_array_get_element (calls, i);
      JsonObject *call;
      JsonObject *function;
      const char *id;
      const char *name;
      const char *arguments;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      call = json_node_get_object (node);
      function = prism_json_object (call, "function");
      id = prism_json_string (call, "id");
      if (id != NULL && *id == '\0')
        id = NULL;
      name = prism_json_string (function, "name");
      arguments = prism_json_string (function, "arguments");

      if (id == NULL && name == NULL && (arguments == NULL || *arguments == '\0'))
        continue;

      g_ptr_array_add (events_out,
                       prism_stream_event_new_tool_call (tool_call_index (self, call, id), id, name, arguments));
    }
}

static void
decode_object (PrismOpenaiDecoder *self,
               JsonObject         *root,
               GPtrArray          *events_out)
{
  PrismStreamDecoder *decoder = PRISM_STREAM_DECODER (self);
  JsonNode *error_node = json_object_get_member (root, "error");
  JsonObject *usage_object;
  JsonArray *choices;
  const char *model = prism_json_string (root, "model");
  const char *provider = prism_json_string (root, "provider");
  PrismUsage usage;

  prism_stream_decoder_set_served (decoder,
                                   model != NULL && *model != '\0' ? model : NULL,
                                   provider != NULL && *provider != '\0' ? provider : NULL);

  usage_object = prism_json_object (root, "usage");
  if (usage_object == NULL)
    usage_object = prism_json_object (prism_json_object (root, "x_groq"), "usage");
  if (usage_object != NULL && usage_from_json (usage_object, &usage))
    {
      double cost = prism_json_double (usage_object, "cost");

      prism_stream_decoder_set_usage (decoder, &usage);
      if (!isnan (cost))
        prism_stream_decoder_set_provider_cost (decoder, cost);
    }

  if (error_node != NULL && !JSON_NODE_HOLDS_NULL (error_node))
    {
      prism_stream_decoder_fail (decoder, prism_protocol_error_from_json (root, 0), events_out);
      return;
    }

  /* Usage chunks have no choices, or null ones (vLLM); Azure sends
   * filter results with empty choices.
   */
  choices = prism_json_array (root, "choices");
  if (choices == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (choices); i++)
    {
      JsonNode *node = json_array_get_element (choices, i);
      JsonObject *choice;
      JsonObject *delta;
      const char *content;
      const char *refusal;
      const char *finish;
      gint64 index = 0;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      choice = json_node_get_object (node);
      if (prism_json_int (choice, "index", &index) && index != 0)
        continue;

      delta = prism_json_object (choice, "delta");
      if (delta == NULL)
        delta = prism_json_object (choice, "message");

      if (delta != NULL)
        {
          add_reasoning (delta, events_out);

          content = prism_json_string (delta, "content");
          if (content != NULL && *content != '\0')
            g_ptr_array_add (events_out, prism_stream_event_new_content (content));

          refusal = prism_json_string (delta, "refusal");
          if (refusal != NULL && *refusal != '\0')
            g_ptr_array_add (events_out, prism_stream_event_new_content (refusal));

          add_tool_calls (self, delta, events_out);
        }

      finish = prism_json_string (choice, "finish_reason");
      if (finish == NULL)
        continue;

      prism_stream_decoder_set_finish_reason (decoder, finish_reason_from_string (finish), finish);

      /* OpenRouter ends a failed answer with finish_reason "error",
       * the error itself beside it (non-stream) or nowhere.
       */
      if (g_str_equal (finish, "error"))
        {
          JsonObject *error_object = prism_json_object (choice, "error");
          GError *error;

          if (error_object != NULL)
            {
              g_autoptr(JsonObject) wrapper = json_object_new ();

              json_object_set_object_member (wrapper, "error", json_object_ref (error_object));
              error = prism_protocol_error_from_json (wrapper, 0);
            }
          else
            error = prism_protocol_new_provider_error (PRISM_ERROR_SERVER, 0, -1, NULL, NULL);

          prism_stream_decoder_fail (decoder, error, events_out);
          return;
        }
    }
}

static gboolean
prism_openai_decoder_feed_sse (PrismStreamDecoder  *decoder,
                               const char          *event_type,
                               const char          *data,
                               gsize                len,
                               GPtrArray           *events_out,
                               GError             **error)
{
  PrismOpenaiDecoder *self = PRISM_OPENAI_DECODER (decoder);
  g_autoptr(JsonObject) root = NULL;
  const char *p = data;

  while (len > 0 && g_ascii_isspace (*p))
    p++, len--;

  if (len == 0)
    return TRUE;

  if (len == strlen ("[DONE]") && memcmp (p, "[DONE]", len) == 0)
    {
      prism_stream_decoder_complete (decoder, events_out);
      return TRUE;
    }

  if (g_str_equal (event_type, "error"))
    {
      g_autoptr(JsonNode) node = prism_protocol_parse_json (p, len, NULL);
      g_autofree char *excerpt = NULL;

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        {
          prism_stream_decoder_fail (decoder,
                                     prism_protocol_error_from_json (json_node_get_object (node), 0),
                                     events_out);
          return TRUE;
        }

      excerpt = prism_protocol_excerpt (p, len);
      prism_stream_decoder_fail (decoder,
                                 prism_protocol_new_provider_error (PRISM_ERROR_SERVER, 0, -1, excerpt, NULL),
                                 events_out);
      return TRUE;
    }

  root = prism_protocol_parse_json_object (p, len, error);
  if (root == NULL)
    return FALSE;

  decode_object (self, root, events_out);

  return TRUE;
}

static gboolean
prism_openai_decoder_decode_whole (PrismStreamDecoder  *decoder,
                                   GBytes              *body,
                                   GPtrArray           *events_out,
                                   GError             **error)
{
  PrismOpenaiDecoder *self = PRISM_OPENAI_DECODER (decoder);
  g_autoptr(JsonObject) root = NULL;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  root = prism_protocol_parse_json_object (data != NULL ? data : "", len, error);
  if (root == NULL)
    return FALSE;

  decode_object (self, root, events_out);
  prism_stream_decoder_complete (decoder, events_out);

  return TRUE;
}

static void
prism_openai_decoder_finalize (GObject *object)
{
  PrismOpenaiDecoder *self = (PrismOpenaiDecoder *)object;

  g_clear_pointer (&self->index_by_id, g_hash_table_unref);

  G_OBJECT_CLASS (prism_openai_decoder_parent_class)->finalize (object);
}

static void
prism_openai_decoder_class_init (PrismOpenaiDecoderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PrismStreamDecoderClass *decoder_class = PRISM_STREAM_DECODER_CLASS (klass);

  object_class->finalize = prism_openai_decoder_finalize;

  decoder_class->feed_sse = prism_openai_decoder_feed_sse;
  decoder_class->decode_whole = prism_openai_decoder_decode_whole;
}

static void
prism_openai_decoder_init (PrismOpenaiDecoder *self)
{
  self->index_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* The protocol. */

G_DEFINE_TYPE (PrismProtocolOpenai, prism_protocol_openai, PRISM_TYPE_PROTOCOL)

static void
add_message (JsonBuilder            *builder,
             const PrismChatMessage *message)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, prism_chat_role_to_string (message->role));

  json_builder_set_member_name (builder, "content");
  if (message->images->len > 0)
    {
      json_builder_begin_array (builder);
      if (message->text != NULL && *message->text != '\0')
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "type");
          json_builder_add_string_value (builder, "text");
          json_builder_set_member_name (builder, "text");
          json_builder_add_string_value (builder, message->text);
          json_builder_end_object (builder);
        }
      for (guint i = 0; i < message->images->len; i++)
        {
          g_autofree char *url = prism_chat_image_to_url (g_ptr_array_index (message->images, i));

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "type");
          json_builder_add_string_value (builder, "image_url");
          json_builder_set_member_name (builder, "image_url");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "url");
          json_builder_add_string_value (builder, url);
          json_builder_end_object (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  else if (message->text == NULL && message->tool_calls->len > 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, message->text != NULL ? message->text : "");

  if (message->tool_calls->len > 0)
    {
      json_builder_set_member_name (builder, "tool_calls");
      json_builder_begin_array (builder);
      for (guint i = 0; i < message->tool_calls->len; i++)
        {
          const PrismChatToolCall *call = g_ptr_array_index (message->tool_calls, i);

          json_builder_begin_object (builder);
          if (call->id != NULL)
            {
              json_builder_set_member_name (builder, "id");
              json_builder_add_string_value (builder, call->id);
            }
          json_builder_set_member_name (builder, "type");
          json_builder_add_string_value (builder, "function");
          json_builder_set_member_name (builder, "function");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, call->name);
          json_builder_set_member_name (builder, "arguments");
          json_builder_add_string_value (builder, call->arguments);
          json_builder_end_object (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  if (message->role == PRISM_CHAT_ROLE_TOOL && message->tool_call_id != NULL)
    {
      json_builder_set_member_name (builder, "tool_call_id");
      json_builder_add_string_value (builder, message->tool_call_id);
    }

  json_builder_end_object (builder);
}

static void
add_string_array (JsonBuilder        *builder,
                  const char         *member,
                  const char * const *strings)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; strings[i] != NULL; i++)
    json_builder_add_string_value (builder, strings[i]);
  json_builder_end_array (builder);
}

static gboolean
is_openai_itself (const char *base_url)
{
  g_autoptr(GUri) uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_strcmp0 (g_uri_get_host (uri), "api.openai.com") == 0;
}

static void
prism_protocol_openai_real_add_request_fields (PrismProtocolOpenai *self,
                                               JsonBuilder         *builder,
                                               const char          *base_url,
                                               PrismChatRequest    *request)
{
  gint64 max_tokens = prism_chat_request_get_max_tokens (request);
  const char *effort = prism_chat_request_get_reasoning_effort (request);

  /* OpenAI itself wants max_completion_tokens (its reasoning models
   * refuse max_tokens); the compatible providers know max_tokens.
   */
  if (max_tokens > 0)
    {
      json_builder_set_member_name (builder, is_openai_itself (base_url) ? "max_completion_tokens" : "max_tokens");
      json_builder_add_int_value (builder, max_tokens);
    }

  if (effort != NULL)
    {
      json_builder_set_member_name (builder, "reasoning_effort");
      json_builder_add_string_value (builder, effort);
    }

  if (prism_chat_request_get_stream (request))
    {
      json_builder_set_member_name (builder, "stream_options");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "include_usage");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_end_object (builder);
    }
}

static void
prism_protocol_openai_real_add_request_headers (PrismProtocolOpenai *self,
                                                SoupMessageHeaders  *headers)
{
}

static void
set_bearer (SoupMessage *message,
            const char  *api_key)
{
  g_autofree char *value = NULL;

  if (api_key == NULL || *api_key == '\0')
    return;

  value = g_strconcat ("Bearer ", api_key, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", value);
}

static SoupMessage *
prism_protocol_openai_build_chat_message (PrismProtocol     *protocol,
                                          const char        *base_url,
                                          const char        *model_id,
                                          const char        *api_key,
                                          PrismChatRequest  *request,
                                          GError           **error)
{
  PrismProtocolOpenai *self = PRISM_PROTOCOL_OPENAI (protocol);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *system_prompt = prism_chat_request_get_system_prompt (request);
  const char * const *stop = prism_chat_request_get_stop (request);
  gboolean stream = prism_chat_request_get_stream (request);
  double temperature = prism_chat_request_get_temperature (request);
  double top_p = prism_chat_request_get_top_p (request);
  gint64 seed;

  message = prism_protocol_new_message ("POST", base_url, "/chat/completions", NULL, error);
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
    add_message (builder, prism_chat_request_get_message (request, i));
  json_builder_end_array (builder);

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
    add_string_array (builder, "stop", stop);

  if (prism_chat_request_get_seed (request, &seed))
    {
      json_builder_set_member_name (builder, "seed");
      json_builder_add_int_value (builder, seed);
    }

  json_builder_set_member_name (builder, "stream");
  json_builder_add_boolean_value (builder, stream);

  PRISM_PROTOCOL_OPENAI_GET_CLASS (self)->add_request_fields (self, builder, base_url, request);

  json_builder_end_object (builder);

  prism_protocol_set_json_body (message, builder);
  set_bearer (message, api_key);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept",
                                stream ? "text/event-stream" : "application/json");
  PRISM_PROTOCOL_OPENAI_GET_CLASS (self)->add_request_headers (self, soup_message_get_request_headers (message));

  return g_steal_pointer (&message);
}

static SoupMessage *
prism_protocol_openai_build_models_message (PrismProtocol  *protocol,
                                            const char     *base_url,
                                            const char     *api_key,
                                            GError        **error)
{
  SoupMessage *message = prism_protocol_new_message ("GET", base_url, "/models", NULL, error);

  if (message == NULL)
    return NULL;

  set_bearer (message, api_key);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept", "application/json");

  return message;
}

/* OpenAI's list has ids only; the compatible providers add what they
 * know under their own names: a context length (Groq's
 * context_window, Mistral's max_context_length, vLLM's max_model_len,
 * Together's context_length) and a display name. Together answers
 * with a bare array instead of {"data": […]}.
 */
static const char * const context_members[] = {
  "context_length", "context_window", "max_context_length", "max_model_len",
};

static GPtrArray *
prism_protocol_openai_parse_models (PrismProtocol  *protocol,
                                    const char     *provider_id,
                                    GBytes         *body,
                                    GError        **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *data = NULL;
  gsize len;
  const char *bytes = g_bytes_get_data (body, &len);

  root = prism_protocol_parse_json (bytes != NULL ? bytes : "", len, error);
  if (root == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (root))
    data = json_node_get_array (root);
  else if (JSON_NODE_HOLDS_OBJECT (root))
    data = prism_json_array (json_node_get_object (root), "data");

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

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      object = json_node_get_object (node);
      id = prism_json_string (object, "id");
      if (id == NULL || *id == '\0')
        continue;

      model = prism_model_new (provider_id, id);

      name = prism_json_string (object, "display_name");
      if (name == NULL)
        name = prism_json_string (object, "name");
      if (name != NULL && *name != '\0')
        prism_model_set_name (model, name);

      for (guint j = 0; j < G_N_ELEMENTS (context_members); j++)
        {
          gint64 context_length;

          if (prism_json_int (object, context_members[j], &context_length) && context_length > 0)
            {
              prism_model_set_context_length (model, context_length);
              break;
            }
        }

      g_ptr_array_add (models, model);
    }

  return g_steal_pointer (&models);
}

static PrismStreamDecoder *
prism_protocol_openai_create_decoder (PrismProtocol *protocol)
{
  return g_object_new (PRISM_TYPE_OPENAI_DECODER, NULL);
}

static void
prism_protocol_openai_class_init (PrismProtocolOpenaiClass *klass)
{
  PrismProtocolClass *protocol_class = PRISM_PROTOCOL_CLASS (klass);

  protocol_class->kind = "openai";
  protocol_class->framing = PRISM_STREAM_FRAMING_SSE;
  protocol_class->build_chat_message = prism_protocol_openai_build_chat_message;
  protocol_class->build_models_message = prism_protocol_openai_build_models_message;
  protocol_class->parse_models = prism_protocol_openai_parse_models;
  protocol_class->create_decoder = prism_protocol_openai_create_decoder;

  klass->add_request_fields = prism_protocol_openai_real_add_request_fields;
  klass->add_request_headers = prism_protocol_openai_real_add_request_headers;
}

static void
prism_protocol_openai_init (PrismProtocolOpenai *self)
{
}
