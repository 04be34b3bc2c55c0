/* prism-error.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-error"

#include "config.h"

#include "prism-error.h"

/* Every PRISM_ERROR carries the HTTP status and Retry-After of the
 * response it describes, when there was one, so that the router can
 * decide on retries and the history can record the status without
 * parsing messages. An extended error domain keeps both attached
 * through g_error_copy() and GTask.
 */
typedef struct
{
  guint  http_status;
  gint64 retry_after;
} PrismErrorPrivate;

static void
prism_error_private_init (PrismErrorPrivate *priv)
{
  priv->http_status = 0;
  priv->retry_after = -1;
}

static void
prism_error_private_copy (const PrismErrorPrivate *src,
                          PrismErrorPrivate       *dest)
{
  *dest = *src;
}

static void
prism_error_private_clear (PrismErrorPrivate *priv)
{
}

G_DEFINE_EXTENDED_ERROR (PrismError, prism_error)

static const char * const kinds[] = {
  [PRISM_ERROR_AUTH] = "auth",
  [PRISM_ERROR_PAYMENT] = "payment",
  [PRISM_ERROR_RATE_LIMIT] = "rate_limit",
  [PRISM_ERROR_OVERLOADED] = "overloaded",
  [PRISM_ERROR_BAD_REQUEST] = "bad_request",
  [PRISM_ERROR_TIMEOUT] = "timeout",
  [PRISM_ERROR_NETWORK] = "network",
  [PRISM_ERROR_PROTOCOL] = "protocol",
  [PRISM_ERROR_SERVER] = "server",
  [PRISM_ERROR_CANCELLED] = "cancelled",
  [PRISM_ERROR_CONFIG] = "config",
  [PRISM_ERROR_STORE] = "store",
  [PRISM_ERROR_CORRUPT] = "corrupt",
  [PRISM_ERROR_KEYRING] = "keyring",
};

/**
 * prism_error_code_to_kind:
 * @code: a #PrismErrorCode
 *
 * Returns: the stable, untranslated name of @code, as written in JSON
 *   output and in the history database.
 */
const char *
prism_error_code_to_kind (PrismErrorCode code)
{
  if ((guint)code < G_N_ELEMENTS (kinds))
    return kinds[code];

  return "unknown";
}

gboolean
prism_error_kind_from_string (const char     *kind,
                              PrismErrorCode *code)
{
  g_return_val_if_fail (code != NULL, FALSE);

  if (kind == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (g_strcmp0 (kinds[i], kind) == 0)
        {
          *code = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * prism_error_is_retryable:
 * @error: (nullable): a #GError
 *
 * Whether the same request may succeed if sent again after a pause:
 * rate limits, overloaded or failing servers, timeouts and lost
 * connections. A bad key, an empty account or a malformed request
 * will fail the same way again.
 */
gboolean
prism_error_is_retryable (const GError *error)
{
  if (error == NULL || error->domain != PRISM_ERROR)
    return FALSE;

  switch ((PrismErrorCode)error->code)
    {
    case PRISM_ERROR_RATE_LIMIT:
    case PRISM_ERROR_OVERLOADED:
    case PRISM_ERROR_SERVER:
    case PRISM_ERROR_TIMEOUT:
    case PRISM_ERROR_NETWORK:
      return TRUE;

    case PRISM_ERROR_AUTH:
    case PRISM_ERROR_PAYMENT:
    case PRISM_ERROR_BAD_REQUEST:
    case PRISM_ERROR_PROTOCOL:
    case PRISM_ERROR_CANCELLED:
    case PRISM_ERROR_CONFIG:
    case PRISM_ERROR_STORE:
    case PRISM_ERROR_CORRUPT:
    case PRISM_ERROR_KEYRING:
    default:
      return FALSE;
    }
}

/**
 * prism_error_set_http:
 * @error: a #GError in the %PRISM_ERROR domain
 * @http_status: the HTTP status of the response, 0 when none
 * @retry_after: seconds the provider asked to wait, -1 when it did not say
 *
 * Attaches what the HTTP response said to @error.
 */
void
prism_error_set_http (GError *error,
                      guint   http_status,
                      gint64  retry_after)
{
  PrismErrorPrivate *priv;

  g_return_if_fail (error != NULL);
  g_return_if_fail (error->domain == PRISM_ERROR);

  priv = prism_error_get_private (error);
  priv->http_status = http_status;
  priv->retry_after = retry_after;
}

/**
 * prism_error_get_http_status:
 * @error: (nullable): a #GError
 *
 * Returns: the HTTP status attached to a %PRISM_ERROR, or 0 when there
 *   is none (another domain, or no HTTP response, or a failure inside a
 *   stream that had already answered 200 and said no status).
 */
guint
prism_error_get_http_status (const GError *error)
{
  if (error == NULL || error->domain != PRISM_ERROR)
    return 0;

  return prism_error_get_private (error)->http_status;
}

/**
 * prism_error_get_retry_after:
 * @error: (nullable): a #GError
 *
 * Returns: the number of seconds the provider asked to wait before
 *   trying again (from `Retry-After` or the error body), or -1.
 */
gint64
prism_error_get_retry_after (const GError *error)
{
  if (error == NULL || error->domain != PRISM_ERROR)
    return -1;

  return prism_error_get_private (error)->retry_after;
}
