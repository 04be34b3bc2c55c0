/* prism-protocol-errors.c
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

#include "prism-protocol-private.h"

/* How PrismProtocol turns what providers say about failures (HTTP
 * statuses, headers and the error bodies of every protocol) into
 * PRISM_ERROR kinds with a message a person can act on.
 */

/**
 * prism_protocol_parse_retry_after:
 * @value: (nullable): a `Retry-After` header
 *
 * Returns: the seconds to wait, from delay-seconds or an HTTP date, or
 *   -1 when @value says nothing usable
 */
gint64
prism_protocol_parse_retry_after (const char *value)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  guint64 seconds;
  GTimeSpan span;

  if (value == NULL)
    return -1;

  while (g_ascii_isspace (*value))
    value++;

  if (g_ascii_isdigit (*value))
    {
      if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT32, &seconds, NULL))
        return -1;
      return (gint64)seconds;
    }

  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return -1;

  now = g_date_time_new_now_utc ();
  span = g_date_time_difference (when, now);

  return span > 0 ? (span + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND : 0;
}

/* Gemini puts the delay in the body: details[{@type: …RetryInfo, retryDelay: "30s"}]. */
static gint64
retry_delay_from_details (JsonObject *error_object)
{
  JsonArray *details = prism_json_array (error_object, "details");

  if (details == NULL)
    return -1;

  for (guint i = 0; i < json_array_get_length (details); i++)
    {
      JsonNode *node = json_array_get_element (details, i);
      const char *delay;
      char *end = NULL;
      double seconds;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      delay = prism_json_string (json_node_get_object (node), "retryDelay");
      if (delay == NULL)
        continue;

      seconds = g_ascii_strtod (delay, &end);
      if (end != delay && g_str_equal (end, "s") && seconds >= 0)
        return (gint64)ceil (seconds);
    }

  return -1;
}

static const char *
reason_from_details (JsonObject *error_object)
{
  JsonArray *details = prism_json_array (error_object, "details");

  if (details == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (details); i++)
    {
      JsonNode *node = json_array_get_element (details, i);
      const char *reason;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      reason = prism_json_string (json_node_get_object (node), "reason");
      if (reason != NULL)
        return reason;
    }

  return NULL;
}

typedef struct
{
  const char *message;
  const char *types[5];
  guint       n_types;
  guint       status;
  gint64      retry_after;
} ErrorInfo;

static void
error_info_add_type (ErrorInfo  *info,
                     const char *type)
{
  if (type != NULL && info->n_types < G_N_ELEMENTS (info->types))
    info->types[info->n_types++] = type;
}

/* Reads every error shape the protocols use, most specific type first:
 *   OpenAI      {"error":{"message","type","param","code":"…"}}
 *   OpenRouter  {"error":{"code":402,"message","metadata":{"error_type"}}}
 *   Anthropic   {"type":"error","error":{"type":"overloaded_error","message"}}
 *   Gemini      {"error":{"code":429,"message","status":"RESOURCE_EXHAUSTED","details":[…]}}
 *   Ollama      {"error":"message"}
 */
static void
error_info_from_json (JsonObject *root,
                      ErrorInfo  *info)
{
  JsonNode *node = json_object_get_member (root, "error");
  JsonObject *object = NULL;
  JsonNode *code;

  memset (info, 0, sizeof *info);
  info->retry_after = -1;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    object = json_node_get_object (node);
  else if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    info->message = json_node_get_string (node);

  if (object == NULL)
    {
      if (info->message == NULL)
        info->message = prism_json_string (root, "message");
      if (info->message == NULL)
        info->message = prism_json_string (root, "detail");
      error_info_add_type (info, prism_json_string (root, "error_type"));
      return;
    }

  info->message = prism_json_string (object, "message");
  error_info_add_type (info, reason_from_details (object));
  error_info_add_type (info, prism_json_string (prism_json_object (object, "metadata"), "error_type"));
  error_info_add_type (info, prism_json_string (root, "error_type"));

  code = json_object_get_member (object, "code");
  if (code != NULL && JSON_NODE_HOLDS_VALUE (code))
    {
      if (json_node_get_value_type (code) == G_TYPE_STRING)
        error_info_add_type (info, json_node_get_string (code));
      else if (json_node_get_value_type (code) == G_TYPE_INT64)
        {
          gint64 value = json_node_get_int (code);

          if (value >= 100 && value <= 599)
            info->status = value;
        }
    }

  error_info_add_type (info, prism_json_string (object, "type"));
  error_info_add_type (info, prism_json_string (object, "status"));
  info->retry_after = retry_delay_from_details (object);
}

static PrismErrorCode
classify (PrismProtocol   *self,
          guint            status,
          const ErrorInfo *info)
{
  PrismErrorCode code = PRISM_ERROR_SERVER;
  PrismErrorCode typed;
  gboolean has_type = FALSE;

  for (guint i = 0; i < info->n_types && !has_type; i++)
    has_type = prism_protocol_classify_type (info->types[i], &typed);

  if (status == 0)
    return has_type ? typed : PRISM_ERROR_SERVER;

  if (self != NULL)
    code = PRISM_PROTOCOL_GET_CLASS (self)->classify_status (self, status);
  else
    code = prism_protocol_classify_http (status);

  /* The status decides, except where the body knows better: a 400
   * that is a bad key (Gemini), a 429 that is an empty account
   * (OpenAI's insufficient_quota), a 403 or a generic 4xx/5xx.
   */
  if (has_type &&
      (code == PRISM_ERROR_BAD_REQUEST ||
       code == PRISM_ERROR_SERVER ||
       status == 403 ||
       (code == PRISM_ERROR_RATE_LIMIT && typed == PRISM_ERROR_PAYMENT)))
    code = typed;

  return code;
}

/* A provider's HTML error page (a proxy's 502, Cloudflare) becomes
 * its title, or its first words.
 */
static char *
text_from_html (const char *html,
                gsize       len)
{
  g_autofree char *copy = g_strndup (html, len);
  g_autofree char *lower = g_ascii_strdown (copy, -1);
  GString *text = g_string_new (NULL);
  const char *title = strstr (lower, "<title");
  const char *p = copy;
  const char *end = copy + strlen (copy);
  gboolean in_tag = FALSE;
  gboolean space = FALSE;

  if (title != NULL && (title = strchr (title, '>')) != NULL)
    {
      const char *close = strstr (title, "</title");

      if (close != NULL)
        {
          p = copy + (title - lower) + 1;
          end = copy + (close - lower);
        }
    }
  else
    {
      const char *body = strstr (lower, "<body");

      if (body != NULL)
        p = copy + (body - lower);
    }

  for (; p < end && text->len < PRISM_PROTOCOL_EXCERPT_MAX; p++)
    {
      if (*p == '<')
        in_tag = TRUE;
      else if (*p == '>')
        in_tag = FALSE, space = TRUE;
      else if (!in_tag && g_ascii_isspace (*p))
        space = TRUE;
      else if (!in_tag)
        {
          if (space && text->len > 0)
            g_string_append_c (text, ' ');
          space = FALSE;
          g_string_append_c (text, *p);
        }
    }

  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }

  return prism_protocol_excerpt (text->str, text->len);
}

static gboolean
looks_like_html (const char *content_type,
                 const char *data,
                 gsize       len)
{
  if (content_type != NULL && strstr (content_type, "html") != NULL)
    return TRUE;

  while (len > 0 && g_ascii_isspace (*data))
    data++, len--;

  return len > 0 && *data == '<';
}

/**
 * prism_protocol_parse_error:
 * @self: a #PrismProtocol
 * @status: the HTTP status of a failed request
 * @content_type: (nullable): the response's `Content-Type`
 * @body: (nullable): the response body
 * @retry_after_header: (nullable): the response's `Retry-After`
 * @api_key: (nullable): the key that was sent, so that it is removed
 *   from anything the provider echoed
 *
 * Turns an HTTP failure into a #GError in %PRISM_ERROR whose code is
 * the kind of failure (401 %PRISM_ERROR_AUTH, 402 %PRISM_ERROR_PAYMENT,
 * 408/504 %PRISM_ERROR_TIMEOUT, 429 %PRISM_ERROR_RATE_LIMIT, 503/529
 * %PRISM_ERROR_OVERLOADED, other 5xx %PRISM_ERROR_SERVER, other 4xx
 * %PRISM_ERROR_BAD_REQUEST, refined by the body's error type) and whose
 * message says what to do and quotes the provider's own message,
 * without anything that looks like a key. The status and the seconds
 * to wait are attached: prism_error_get_http_status(),
 * prism_error_get_retry_after().
 *
 * Returns: (transfer full): the error
 */
GError *
prism_protocol_parse_error (PrismProtocol *self,
                            guint          status,
                            const char    *content_type,
                            GBytes        *body,
                            const char    *retry_after_header,
                            const char    *api_key)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *message = NULL;
  const char *data = NULL;
  gsize len = 0;
  ErrorInfo info;
  gint64 retry_after;

  g_return_val_if_fail (PRISM_IS_PROTOCOL (self), NULL);

  memset (&info, 0, sizeof info);
  info.retry_after = -1;

  if (body != NULL)
    data = g_bytes_get_data (body, &len);

  if (len > 0 && (node = prism_protocol_parse_json (data, len, NULL)) != NULL &&
      JSON_NODE_HOLDS_OBJECT (node))
    {
      error_info_from_json (json_node_get_object (node), &info);
      if (info.message != NULL)
        message = prism_protocol_excerpt (info.message, strlen (info.message));
    }
  else if (len > 0 && looks_like_html (content_type, data, len))
    message = text_from_html (data, len);
  else if (len > 0)
    {
      const char *nl = memchr (data, '\n', len);

      message = prism_protocol_excerpt (data, nl != NULL ? (gsize)(nl - data) : len);
    }

  retry_after = prism_protocol_parse_retry_after (retry_after_header);
  if (retry_after < 0)
    retry_after = info.retry_after;

  return prism_protocol_new_provider_error (classify (self, status, &info), status,
                                            retry_after, message, api_key);
}

/* Errors inside a stream that had answered 200; the status is the one
 * the provider wrote in the error, if any.
 */
GError *
prism_protocol_error_from_json (JsonObject *root,
                                guint       fallback_status)
{
  g_autofree char *message = NULL;
  ErrorInfo info;
  guint status;

  error_info_from_json (root, &info);
  status = info.status != 0 ? info.status : fallback_status;

  if (info.message != NULL)
    message = prism_protocol_excerpt (info.message, strlen (info.message));

  return prism_protocol_new_provider_error (classify (NULL, status, &info), status,
                                            info.retry_after, message, NULL);
}

static const char *
advice_for (PrismErrorCode code,
            guint          status)
{
  switch (code)
    {
    case PRISM_ERROR_AUTH:
      if (status == 403)
        return _("The provider refused access to this model or feature.");
      return _("The provider did not accept the API key. Check the key set for this provider.");
    case PRISM_ERROR_PAYMENT:
      return _("The account has no credits left. Add credits with the provider or pick another model.");
    case PRISM_ERROR_RATE_LIMIT:
      return _("The provider is limiting requests. Wait a moment and try again.");
    case PRISM_ERROR_OVERLOADED:
      return _("The provider is overloaded. Try again shortly or pick another model.");
    case PRISM_ERROR_BAD_REQUEST:
      return _("The provider rejected the request.");
    case PRISM_ERROR_TIMEOUT:
      return _("The provider took too long to answer. Try again.");
    case PRISM_ERROR_SERVER:
      return _("The provider failed to answer. Try again later.");
    case PRISM_ERROR_NETWORK:
    case PRISM_ERROR_PROTOCOL:
    case PRISM_ERROR_CANCELLED:
    case PRISM_ERROR_CONFIG:
    case PRISM_ERROR_STORE:
    case PRISM_ERROR_CORRUPT:
    case PRISM_ERROR_KEYRING:
    default:
      return _("The provider reported an error.");
    }
}

GError *
prism_protocol_new_provider_error (PrismErrorCode  code,
                                   guint           status,
                                   gint64          retry_after,
                                   const char     *provider_message,
                                   const char     *api_key)
{
  g_autoptr(GString) text = g_string_new (advice_for (code, status));
  g_autofree char *safe = NULL;
  GError *error;

  if (provider_message != NULL && *provider_message != '\0')
    {
      safe = prism_protocol_redact (provider_message, api_key);
      g_string_append_c (text, ' ');
      /* Translators: %s is the provider's own error message */
      g_string_append_printf (text, _("The provider said: “%s”"), safe);
    }

  if (status != 0)
    g_string_append_printf (text, " (HTTP %u)", status);

  if (retry_after >= 0 && code == PRISM_ERROR_RATE_LIMIT)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "It asks to wait %lld second.",
                                           "It asks to wait %lld seconds.",
                                           retry_after),
                              (long long)retry_after);
    }

  error = g_error_new_literal (PRISM_ERROR, code, text->str);
  prism_error_set_http (error, status, retry_after);

  return error;
}

PrismErrorCode
prism_protocol_classify_http (guint status)
{
  switch (status)
    {
    case 401:
    case 403:
      return PRISM_ERROR_AUTH;
    case 402:
      return PRISM_ERROR_PAYMENT;
    case 408:
    case 504:
    case 524:
      return PRISM_ERROR_TIMEOUT;
    case 429:
      return PRISM_ERROR_RATE_LIMIT;
    case 503:
    case 529:
      return PRISM_ERROR_OVERLOADED;
    default:
      if (status >= 400 && status < 500)
        return PRISM_ERROR_BAD_REQUEST;
      return PRISM_ERROR_SERVER;
    }
}

static const struct
{
  const char     *type;
  PrismErrorCode  code;
} error_types[] = {
  /* Anthropic */
  { "authentication_error", PRISM_ERROR_AUTH },
  { "permission_error", PRISM_ERROR_AUTH },
  { "billing_error", PRISM_ERROR_PAYMENT },
  { "rate_limit_error", PRISM_ERROR_RATE_LIMIT },
  { "overloaded_error", PRISM_ERROR_OVERLOADED },
  { "api_error", PRISM_ERROR_SERVER },
  { "timeout_error", PRISM_ERROR_TIMEOUT },
  { "invalid_request_error", PRISM_ERROR_BAD_REQUEST },
  { "not_found_error", PRISM_ERROR_BAD_REQUEST },
  { "request_too_large", PRISM_ERROR_BAD_REQUEST },
  /* OpenAI */
  { "invalid_api_key", PRISM_ERROR_AUTH },
  { "insufficient_quota", PRISM_ERROR_PAYMENT },
  { "rate_limit_exceeded", PRISM_ERROR_RATE_LIMIT },
  { "server_error", PRISM_ERROR_SERVER },
  { "model_not_found", PRISM_ERROR_BAD_REQUEST },
  { "context_length_exceeded", PRISM_ERROR_BAD_REQUEST },
  /* OpenRouter's metadata.error_type */
  { "authentication", PRISM_ERROR_AUTH },
  { "permission_denied", PRISM_ERROR_AUTH },
  { "payment_required", PRISM_ERROR_PAYMENT },
  { "provider_overloaded", PRISM_ERROR_OVERLOADED },
  { "capacity_exhausted", PRISM_ERROR_OVERLOADED },
  { "provider_unavailable", PRISM_ERROR_SERVER },
  { "server", PRISM_ERROR_SERVER },
  { "timeout", PRISM_ERROR_TIMEOUT },
  { "invalid_request", PRISM_ERROR_BAD_REQUEST },
  { "invalid_prompt", PRISM_ERROR_BAD_REQUEST },
  { "content_policy_violation", PRISM_ERROR_BAD_REQUEST },
  { "max_tokens_exceeded", PRISM_ERROR_BAD_REQUEST },
  { "token_limit_exceeded", PRISM_ERROR_BAD_REQUEST },
  { "not_found", PRISM_ERROR_BAD_REQUEST },
  /* Google's status and details reason */
  { "API_KEY_INVALID", PRISM_ERROR_AUTH },
  { "UNAUTHENTICATED", PRISM_ERROR_AUTH },
  { "PERMISSION_DENIED", PRISM_ERROR_AUTH },
  { "RESOURCE_EXHAUSTED", PRISM_ERROR_RATE_LIMIT },
  { "UNAVAILABLE", PRISM_ERROR_OVERLOADED },
  { "DEADLINE_EXCEEDED", PRISM_ERROR_TIMEOUT },
  { "INTERNAL", PRISM_ERROR_SERVER },
  { "INVALID_ARGUMENT", PRISM_ERROR_BAD_REQUEST },
  { "FAILED_PRECONDITION", PRISM_ERROR_BAD_REQUEST },
  { "NOT_FOUND", PRISM_ERROR_BAD_REQUEST },
};

gboolean
prism_protocol_classify_type (const char     *type,
                              PrismErrorCode *code)
{
  if (type == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (error_types); i++)
    {
      if (g_str_equal (type, error_types[i].type))
        {
          *code = error_types[i].code;
          return TRUE;
        }
    }

  return FALSE;
}

/* Keys echoed by providers ("Incorrect API key provided: sk-abc***xyz")
 * are replaced, whether or not they are the one that was sent.
 */
char *
prism_protocol_redact (const char *text,
                       const char *api_key)
{
  static GRegex *pattern;
  g_autofree char *without_key = NULL;

  if (g_once_init_enter (&pattern))
    {
      GRegex *regex = g_regex_new ("(?<![A-Za-z0-9])"
                                   "(sk-[A-Za-z0-9_*-]{4,}|sk_[A-Za-z0-9_*]{4,}|AIza[A-Za-z0-9_*-]{8,}"
                                   "|gsk_[A-Za-z0-9*]{4,}|xai-[A-Za-z0-9*]{4,}|r8_[A-Za-z0-9*]{4,}"
                                   "|[A-Za-z0-9_-]{40,})",
                                   G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&pattern, regex);
    }

  if (api_key != NULL && strlen (api_key) >= 4 && strstr (text, api_key) != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (text, api_key, -1);

      without_key = g_strjoinv ("[redacted]", parts);
      text = without_key;
    }

  return g_regex_replace_literal (pattern, text, -1, 0, "[redacted]", 0, NULL);
}

