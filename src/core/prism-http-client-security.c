/* prism-http-client-security.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What keeps keys where they belong: which addresses may be reached
 * over plain http://, and taking a key out of text that is shown.
 */

#define G_LOG_DOMAIN "prism-http-client"

#include "config.h"

#include "prism-http-client.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "prism-error.h"

static gboolean
ipv4_is_local (const guint8 *a)
{
  return a[0] == 127 ||                                  /* loopback */
         a[0] == 10 ||                                   /* RFC 1918 */
         (a[0] == 172 && (a[1] & 0xf0) == 16) ||
         (a[0] == 192 && a[1] == 168) ||
         (a[0] == 169 && a[1] == 254);                   /* link-local */
}

static gboolean
ipv6_is_local (const guint8 *a)
{
  static const guint8 loopback[16] = { [15] = 1 };
  static const guint8 v4_mapped[12] = { [10] = 0xff, [11] = 0xff };

  if (memcmp (a, loopback, 16) == 0)
    return TRUE;

  if ((a[0] & 0xfe) == 0xfc)                             /* fc00::/7, unique local */
    return TRUE;

  if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)             /* fe80::/10, link-local */
    return TRUE;

  if (memcmp (a, v4_mapped, 12) == 0)
    return ipv4_is_local (a + 12);

  return FALSE;
}

/**
 * prism_http_uri_is_local:
 * @uri: an address
 *
 * Whether @uri names this machine or the local network by address:
 * `localhost`, 127.0.0.0/8, ::1, the private ranges of RFC 1918,
 * fc00::/7 and link-local addresses. Other host names count as remote,
 * whatever they may resolve to.
 *
 * Returns: whether plain `http://` may be used for @uri
 */
gboolean
prism_http_uri_is_local (GUri *uri)
{
  const char *host;
  g_autofree char *bare = NULL;
  g_autoptr(GInetAddress) address = NULL;
  char *zone;

  g_return_val_if_fail (uri != NULL, FALSE);

  host = g_uri_get_host (uri);
  if (host == NULL || host[0] == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0 ||
      g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;

  /* A link-local IPv6 address may carry its interface: fe80::1%eth0 */
  bare = g_strdup (host);
  if ((zone = strchr (bare, '%')) != NULL)
    *zone = '\0';

  address = g_inet_address_new_from_string (bare);
  if (address == NULL)
    return FALSE;

  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
    return ipv4_is_local (g_inet_address_to_bytes (address));

  return ipv6_is_local (g_inet_address_to_bytes (address));
}

/**
 * prism_http_uri_check_secure:
 * @uri: the base address of a provider
 * @error: a #GError
 *
 * Keys travel only over `https://`, or plain `http://` to a local
 * address (see prism_http_uri_is_local()).
 *
 * Returns: %TRUE when requests to @uri may carry a key
 */
gboolean
prism_http_uri_check_secure (GUri    *uri,
                             GError **error)
{
  const char *scheme;
  const char *host;

  g_return_val_if_fail (uri != NULL, FALSE);

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  if (g_ascii_strcasecmp (scheme, "https") == 0 && host != NULL && host[0] != '\0')
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "http") == 0 && prism_http_uri_is_local (uri))
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "http") == 0)
    g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                 _("Prism sends keys to %s only over https://: plain http:// is allowed "
                   "for this machine and the local network only. Change the base URL "
                   "to https://."),
                 host);
  else
    g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                 _("“%s” is not a web address Prism can use: the base URL must start "
                   "with https://."),
                 scheme);

  return FALSE;
}

/**
 * prism_redact:
 * @text: (nullable): text that may hold @secret, such as a server's message
 * @secret: (nullable): a key
 *
 * Replaces every occurrence of @secret in @text, so that a message can be
 * shown, stored or logged.
 *
 * Returns: (transfer full) (nullable): a copy of @text without @secret
 */
char *
prism_redact (const char *text,
              const char *secret)
{
  GString *out;
  const char *p;
  const char *hit;
  gsize secret_len;

  if (text == NULL)
    return NULL;

  if (secret == NULL || secret[0] == '\0')
    return g_strdup (text);

  secret_len = strlen (secret);
  out = g_string_sized_new (strlen (text));

  for (p = text; (hit = strstr (p, secret)) != NULL; p = hit + secret_len)
    {
      g_string_append_len (out, p, hit - p);
      g_string_append (out, "[redacted]");
    }
  g_string_append (out, p);

  return g_string_free (out, FALSE);
}
