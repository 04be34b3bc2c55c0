/* prism-protocol-openrouter.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-protocol-openrouter"

#include "config.h"

#include "prism-protocol-openrouter.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "prism-protocol-private.h"

/* OpenRouter speaks Chat Completions (the decoder is OpenAI's, which
 * already reads `usage.cost`, `provider` and `reasoning`), with its
 * own request fields, attribution headers and a model list with
 * prices.
 */
struct _PrismProtocolOpenrouter
{
  PrismProtocolOpenai parent_instance;
};

G_DEFINE_FINAL_TYPE (PrismProtocolOpenrouter, prism_protocol_openrouter, PRISM_TYPE_PROTOCOL_OPENAI)

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

static void
prism_protocol_openrouter_add_request_fields (PrismProtocolOpenai *protocol,
                                              JsonBuilder         *builder,
                                              const char          *base_url,
                                              PrismChatRequest    *request)
{
  gint64 max_tokens = prism_chat_request_get_max_tokens (request);
  const char *effort = prism_chat_request_get_reasoning_effort (request);
  const char * const *models = prism_chat_request_get_fallback_models (request);
  const char * const *order = prism_chat_request_get_provider_order (request);
  const char *sort = prism_chat_request_get_provider_sort (request);
  const char *data_collection = prism_chat_request_get_provider_data_collection (request);
  gboolean allow_fallbacks;
  gboolean has_allow_fallbacks;

  if (max_tokens > 0)
    {
      json_builder_set_member_name (builder, "max_tokens");
      json_builder_add_int_value (builder, max_tokens);
    }

  if (effort != NULL)
    {
      json_builder_set_member_name (builder, "reasoning");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "effort");
      json_builder_add_string_value (builder, effort);
      json_builder_end_object (builder);
    }

  /* Both are documented as always on now; asking costs nothing and
   * keeps older deployments and proxies sending usage and cost.
   */
  if (prism_chat_request_get_stream (request))
    {
      json_builder_set_member_name (builder, "stream_options");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "include_usage");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_end_object (builder);
    }

  json_builder_set_member_name (builder, "usage");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "include");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);

  if (models != NULL)
    add_string_array (builder, "models", models);

  has_allow_fallbacks = prism_chat_request_get_provider_allow_fallbacks (request, &allow_fallbacks);
  if (order != NULL || sort != NULL || data_collection != NULL || has_allow_fallbacks)
    {
      json_builder_set_member_name (builder, "provider");
      json_builder_begin_object (builder);
      if (order != NULL)
        add_string_array (builder, "order", order);
      if (sort != NULL)
        {
          json_builder_set_member_name (builder, "sort");
          json_builder_add_string_value (builder, sort);
        }
      if (has_allow_fallbacks)
        {
          json_builder_set_member_name (builder, "allow_fallbacks");
          json_builder_add_boolean_value (builder, allow_fallbacks);
        }
      if (data_collection != NULL)
        {
          json_builder_set_member_name (builder, "data_collection");
          json_builder_add_string_value (builder, data_collection);
        }
      json_builder_end_object (builder);
    }
}

static void
prism_protocol_openrouter_add_request_headers (PrismProtocolOpenai *protocol,
                                               SoupMessageHeaders  *headers)
{
  soup_message_headers_replace (headers, "HTTP-Referer", PRISM_PROTOCOL_OPENROUTER_REFERER);
  soup_message_headers_replace (headers, "X-OpenRouter-Title", PRISM_PROTOCOL_OPENROUTER_TITLE);
  soup_message_headers_replace (headers, "X-Title", PRISM_PROTOCOL_OPENROUTER_TITLE);
}

/* A 403 from OpenRouter is a moderation or guardrail block of this
 * request, not a refused key.
 */
static PrismErrorCode
prism_protocol_openrouter_classify_status (PrismProtocol *protocol,
                                           guint          status)
{
  if (status == 403)
    return PRISM_ERROR_BAD_REQUEST;

  return prism_protocol_classify_http (status);
}

/* Prices are decimal strings in USD per token; Prism keeps USD per
 * million. Negative ("-1", the router's variable price) is unknown.
 */
static double
price_per_million (JsonObject *pricing,
                   const char *member)
{
  double per_token = prism_json_double (pricing, member);

  if (isnan (per_token) || per_token < 0)
    return NAN;

  return round (per_token * 1e12) / 1e6;
}

static char **
strv_from_array (JsonArray *array)
{
  GPtrArray *strv = g_ptr_array_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_ptr_array_add (strv, g_strdup (json_node_get_string (node)));
    }
  g_ptr_array_add (strv, NULL);

  return (char **)g_ptr_array_free (strv, FALSE);
}

static GPtrArray *
prism_protocol_openrouter_parse_models (PrismProtocol  *protocol,
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
      JsonObject *pricing;
      JsonArray *modalities;
      JsonArray *parameters;
      g_autoptr(PrismModel) model = NULL;
      const char *id;
      const char *name;
      gint64 context_length;
      PrismPrices prices;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      object = json_node_get_object (node);
      id = prism_json_string (object, "id");
      if (id == NULL || *id == '\0')
        continue;

      model = prism_model_new (provider_id, id);

      name = prism_json_string (object, "name");
      if (name != NULL && *name != '\0')
        prism_model_set_name (model, name);

      if (prism_json_int (object, "context_length", &context_length) ||
          prism_json_int (prism_json_object (object, "top_provider"), "context_length", &context_length))
        prism_model_set_context_length (model, context_length);

      pricing = prism_json_object (object, "pricing");
      if (pricing != NULL)
        {
          prism_prices_init_unknown (&prices);
          prices.input = price_per_million (pricing, "prompt");
          prices.output = price_per_million (pricing, "completion");
          prices.cached_input = price_per_million (pricing, "input_cache_read");
          prices.cache_write = price_per_million (pricing, "input_cache_write");
          prices.source = PRISM_COST_SOURCE_CATALOG;
          if (!isnan (prices.input) && !isnan (prices.output))
            prism_model_set_prices (model, &prices);
        }

      modalities = prism_json_array (prism_json_object (object, "architecture"), "input_modalities");
      if (modalities != NULL)
        {
          g_auto(GStrv) strv = strv_from_array (modalities);

          prism_model_set_input_modalities (model, (const char * const *)strv);
        }

      parameters = prism_json_array (object, "supported_parameters");
      if (parameters != NULL)
        {
          g_auto(GStrv) strv = strv_from_array (parameters);

          prism_model_set_supported_parameters (model, (const char * const *)strv);
        }

      g_ptr_array_add (models, g_steal_pointer (&model));
    }

  return g_steal_pointer (&models);
}

static void
prism_protocol_openrouter_class_init (PrismProtocolOpenrouterClass *klass)
{
  PrismProtocolClass *protocol_class = PRISM_PROTOCOL_CLASS (klass);
  PrismProtocolOpenaiClass *openai_class = PRISM_PROTOCOL_OPENAI_CLASS (klass);

  protocol_class->kind = "openrouter";
  protocol_class->parse_models = prism_protocol_openrouter_parse_models;
  protocol_class->classify_status = prism_protocol_openrouter_classify_status;

  openai_class->add_request_fields = prism_protocol_openrouter_add_request_fields;
  openai_class->add_request_headers = prism_protocol_openrouter_add_request_headers;
}

static void
prism_protocol_openrouter_init (PrismProtocolOpenrouter *self)
{
}
