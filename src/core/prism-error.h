/* prism-error.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PRISM_ERROR (prism_error_quark ())

/**
 * PrismErrorCode:
 *
 * The kinds of failure a person may see. The first ten are the `error.kind`
 * values of `prism-cli ask --json` (see DESIGN.md); the rest are Prism's own.
 */
typedef enum
{
  PRISM_ERROR_AUTH,
  PRISM_ERROR_PAYMENT,
  PRISM_ERROR_RATE_LIMIT,
  PRISM_ERROR_OVERLOADED,
  PRISM_ERROR_BAD_REQUEST,
  PRISM_ERROR_TIMEOUT,
  PRISM_ERROR_NETWORK,
  PRISM_ERROR_PROTOCOL,
  PRISM_ERROR_SERVER,
  PRISM_ERROR_CANCELLED,
  PRISM_ERROR_CONFIG,
  PRISM_ERROR_STORE,
  PRISM_ERROR_CORRUPT,
  PRISM_ERROR_KEYRING,
} PrismErrorCode;

GQuark       prism_error_quark           (void);
const char  *prism_error_code_to_kind    (PrismErrorCode  code);
gboolean     prism_error_kind_from_string (const char     *kind,
                                           PrismErrorCode *code);
gboolean     prism_error_is_retryable    (const GError   *error);
void         prism_error_set_http        (GError         *error,
                                          guint           http_status,
                                          gint64          retry_after);
guint        prism_error_get_http_status (const GError   *error);
gint64       prism_error_get_retry_after (const GError   *error);

G_END_DECLS
