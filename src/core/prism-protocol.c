/* prism-protocol.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-protocol"

#include "config.h"

#include "prism-protocol.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "prism-protocol-anthropic.h"
#include "prism-protocol-gemini.h"
#include "prism-protocol-ollama.h"
#include "prism-protocol-openai.h"
#include "prism-protocol-openrouter.h"
#include "prism-protocol-private.h"

G_DEFINE_ABSTRACT_TYPE (PrismProtocol, prism_protocol, G_TYPE_OBJECT)

static PrismErrorCode
prism_protocol_real_classify_status (PrismProtocol *self,
                                     guint          status)
{
  return prism_protocol_classify_http (status);
}

static void
prism_protocol_class_init (PrismProtocolClass *klass)
{
  klass->framing = PRISM_STREAM_FRAMING_SSE;
  klass->classify_status = prism_protocol_real_classify_status;
}

static void
prism_protocol_init (PrismProtocol *self)
{
}

/**
 * prism_protocol_new_for_kind:
 * @kind: `openai`, `openrouter`, `anthropic`, `gemini` or `ollama`
 *
 * Returns: (transfer full) (nullable): the protocol, or %NULL when
 *   @kind is not one Prism speaks
 */
PrismProtocol *
prism_protocol_new_for_kind (const char *kind)
{
  GType type;

  g_return_val_if_fail (kind != NULL, NULL);

  if (g_str_equal (kind, "openai"))
    type = PRISM_TYPE_PROTOCOL_OPENAI;
  else if (g_str_equal (kind, "openrouter"))
    type = PRISM_TYPE_PROTOCOL_OPENROUTER;
  else if (g_str_equal (kind, "anthropic"))
    type = PRISM_TYPE_PROTOCOL_ANTHROPIC;
  else if (g_str_equal (kind, "gemini"))
    type = PRISM_TYPE_PROTOCOL_GEMINI;
  else if (g_str_equal (kind, "ollama"))
    type = PRISM_TYPE_PROTOCOL_OLLAMA;
  else
    return NULL;

  return g_object_new (type, NULL);
}

const char *
prism_protocol_get_kind (PrismProtocol *self)
{
  g_return_val_if_fail (PRISM_IS_PROTOCOL (self), NULL);

  return PRISM_PROTOCOL_GET_CLASS (self)->kind;
}

PrismStreamFraming
prism_protocol_get_framing (PrismProtocol *self)
{
  g_return_val_if_fail (PRISM_IS_PROTOCOL (self), PRISM_STREAM_FRAMING_SSE);

  return PRISM_PROTOCOL_GET_CLASS (self)->framing;
}

/**
 * prism_protocol_build_chat_message:
 * @self: a #PrismProtocol
 * @base_url: the provider's base URL, which the protocol's path is
 *   appended to (DESIGN.md)
 * @model_id: the model, without the provider prefix
 * @api_key: (nullable): the key, or %NULL for servers that need none
 * @request: what to ask
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the request, ready to send; %NULL with
 *   %PRISM_ERROR_CONFIG when @base_url is not an HTTP URL, or
 *   %PRISM_ERROR_BAD_REQUEST when @request holds something this
 *   protocol cannot carry
 */
SoupMessage *
prism_protocol_build_chat_message (PrismProtocol     *self,
                                   const char        *base_url,
                                   const char        *model_id,
                                   const char        *api_key,
                                   PrismChatRequest  *request,
                                   GError           **error)
{
  g_return_val_if_fail (PRISM_IS_PROTOCOL (self), NULL);
  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (model_id != NULL, NULL);
  g_return_val_if_fail (PRISM_IS_CHAT_REQUEST (request), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return PRISM_PROTOCOL_GET_CLASS (self)->build_chat_message (self, base_url, model_id,
                                                              api_key, request, error);
}

SoupMessage *
prism_protocol_build_models_message (PrismProtocol  *self,
                                     const char     *base_url,
                                     const char     *api_key,
                                     GError        **error)
{
  g_return_val_if_fail (PRISM_IS_PROTOCOL (self), NULL);
  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return PRISM_PROTOCOL_GET_CLASS (self)->build_models_message (self, base_url, api_key, error);
}

/**
 * prism_protocol_parse_models:
 * @self: a #PrismProtocol
 * @provider_id: the provider the list came from (the models' id prefix)
 * @body: the body of a successful answer to the models request
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type PrismModel): the models,
 *   or %NULL with %PRISM_ERROR_PROTOCOL when @body is malformed
 */
GPtrArray *
prism_protocol_parse_models (PrismProtocol  *self,
                             const char     *provider_id,
                             GBytes         *body,
                             GError        **error)
{
  g_return_val_if_fail (PRISM_IS_PROTOCOL (self), NULL);
  g_return_val_if_fail (provider_id != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return PRISM_PROTOCOL_GET_CLASS (self)->parse_models (self, provider_id, body, error);
}

/**
 * prism_protocol_create_decoder:
 *
 * Returns: (transfer full): a decoder for one response
 */
PrismStreamDecoder *
prism_protocol_create_decoder (PrismProtocol *self)
{
  g_return_val_if_fail (PRISM_IS_PROTOCOL (self), NULL);

  return PRISM_PROTOCOL_GET_CLASS (self)->create_decoder (self);
}

/* At most PRISM_PROTOCOL_EXCERPT_MAX bytes of @data, valid UTF-8 on
 * one line, without anything that looks like a key.
 */
char *
prism_protocol_excerpt (const char *data,
                        gsize       len)
{
  g_autofree char *valid = NULL;
  gsize cut = MIN (len, PRISM_PROTOCOL_EXCERPT_MAX);
  GString *out;

  valid = g_utf8_make_valid (data, cut);

  /* Cutting may have split a character; make_valid turned it into
   * U+FFFD, which is better dropped.
   */
  if (cut < len && g_str_has_suffix (valid, "\xEF\xBF\xBD"))
    valid[strlen (valid) - 3] = '\0';

  out = g_string_new (NULL);
  for (const char *p = valid; *p != '\0'; p++)
    g_string_append_c (out, (guchar)*p < 0x20 ? ' ' : *p);

  g_strstrip (out->str);
  out->len = strlen (out->str);

  if (cut < len)
    g_string_append (out, "…");

  /* Excerpts end up in messages a person sees, and in logs. */
  {
    g_autofree char *text = g_string_free (out, FALSE);

    return prism_protocol_redact (text, NULL);
  }
}

/* json-glib parses recursively and overflows the stack on a few
 * hundred thousand nested brackets; no provider nests this deep. It
 * also accepts a second value after the first ("{…}{…}", as two
 * NDJSON lines read as one body), keeping the last and leaking the
 * others. Both are refused by this linear scan first.
 */
#define MAX_JSON_DEPTH 512

static gboolean
json_shape_is_sane (const char  *data,
                    gsize        len,
                    GError     **error)
{
  gboolean in_string = FALSE;
  gboolean seen_value = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (depth == 0 && !g_ascii_isspace (c))
        {
          if ((c == '[' || c == '{') && seen_value)
            {
              g_set_error_literal (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL,
                                   _("The provider sent several JSON values where one was expected"));
              return FALSE;
            }
          seen_value = TRUE;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            {
              g_set_error (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL,
                           _("The provider sent JSON nested more than %d levels deep"), MAX_JSON_DEPTH);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

JsonNode *
prism_protocol_parse_json (const char  *data,
                           gssize       len,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (len < 0)
    len = strlen (data);

  if (!json_shape_is_sane (data, len, error))
    return NULL;

  if (!json_parser_load_from_data (parser, data, len, &local_error) ||
      (root = json_parser_get_root (parser)) == NULL)
    {
      g_autofree char *excerpt = prism_protocol_excerpt (data, len);

      g_set_error (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL,
                   _("The provider sent something that is not valid JSON: “%s”"), excerpt);
      return NULL;
    }

  return json_node_ref (root);
}

JsonObject *
prism_protocol_parse_json_object (const char  *data,
                                  gssize       len,
                                  GError     **error)
{
  g_autoptr(JsonNode) root = prism_protocol_parse_json (data, len, error);

  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autofree char *excerpt = prism_protocol_excerpt (data, len < 0 ? strlen (data) : (gsize)len);

      g_set_error (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL,
                   _("The provider sent JSON that is not an object: “%s”"), excerpt);
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

JsonObject *
prism_json_object (JsonObject *object,
                   const char *member)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL)
    return NULL;

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
prism_json_array (JsonObject *object,
                  const char *member)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL)
    return NULL;

  return JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

const char *
prism_json_string (JsonObject *object,
                   const char *member)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

gboolean
prism_json_int (JsonObject *object,
                const char *member,
                gint64     *value)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL ||
      !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *value = json_node_get_int (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      {
        double d = json_node_get_double (node);

        if (!isfinite (d) || d < (double) G_MININT64 || d >= (double) G_MAXINT64)
          return FALSE;
        *value = (gint64)d;
        return TRUE;
      }
    default:
      return FALSE;
    }
}

double
prism_json_double (JsonObject *object,
                   const char *member)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL ||
      !JSON_NODE_HOLDS_VALUE (node))
    return NAN;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return (double)json_node_get_int (node);
    case G_TYPE_DOUBLE:
      return json_node_get_double (node);
    case G_TYPE_STRING:
      {
        const char *str = json_node_get_string (node);
        char *end = NULL;
        double d = g_ascii_strtod (str, &end);

        return end != str && *end == '\0' ? d : NAN;
      }
    default:
      return NAN;
    }
}

gboolean
prism_json_bool (JsonObject *object,
                 const char *member)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL ||
      !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;

  return json_node_get_boolean (node);
}

char *
prism_json_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);

  return json_generator_to_data (generator, NULL);
}

SoupMessage *
prism_protocol_new_message (const char  *method,
                            const char  *base_url,
                            const char  *path,
                            const char  *query,
                            GError     **error)
{
  g_autofree char *trimmed = g_strdup (base_url);
  g_autofree char *uri_string = NULL;
  g_autoptr(GUri) uri = NULL;
  gsize len = strlen (trimmed);

  while (len > 0 && trimmed[len - 1] == '/')
    trimmed[--len] = '\0';

  uri_string = g_strconcat (trimmed, path, query ? "?" : NULL, query, NULL);
  uri = g_uri_parse (uri_string, SOUP_HTTP_URI_FLAGS, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    {
      g_autofree char *excerpt = prism_protocol_excerpt (base_url, strlen (base_url));

      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("The base URL “%s” is not an http:// or https:// address; correct it in providers.ini"),
                   excerpt);
      return NULL;
    }

  return soup_message_new_from_uri (method, uri);
}

void
prism_protocol_set_json_body (SoupMessage *message,
                              JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GBytes) bytes = NULL;
  char *data;
  gsize len;

  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &len);
  bytes = g_bytes_new_take (data, len);

  soup_message_set_request_body_from_bytes (message, "application/json", bytes);
  g_object_set_data_full (G_OBJECT (message), "prism-request-body",
                          g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
}

/**
 * prism_protocol_get_request_body:
 * @message: a message made by a #PrismProtocol
 *
 * libsoup gives no access to a request body once set; Prism keeps the
 * JSON it sent beside it, for tests and debugging. It holds no key:
 * keys travel in headers only.
 *
 * Returns: (transfer none) (nullable): the body, or %NULL for a
 *   request without one
 */
GBytes *
prism_protocol_get_request_body (SoupMessage *message)
{
  g_return_val_if_fail (SOUP_IS_MESSAGE (message), NULL);

  return g_object_get_data (G_OBJECT (message), "prism-request-body");
}

/* Protocols that take a token budget for reasoning rather than an
 * effort (Anthropic's thinking, Gemini's thinkingBudget) get this one.
 * "none" is 0; an effort Prism does not know counts as "medium".
 */
gint64
prism_protocol_thinking_budget (const char *effort)
{
  static const struct
  {
    const char *effort;
    gint64      budget;
  } budgets[] = {
    { "none", 0 },
    { "minimal", 1024 },
    { "low", 2048 },
    { "medium", 8192 },
    { "high", 16384 },
    { "xhigh", 24576 },
    { "max", 32768 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (budgets); i++)
    {
      if (g_strcmp0 (effort, budgets[i].effort) == 0)
        return budgets[i].budget;
    }

  return 8192;
}
