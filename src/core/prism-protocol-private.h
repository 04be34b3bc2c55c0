/* prism-protocol-private.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "prism-error.h"
#include "prism-protocol.h"

G_BEGIN_DECLS

/* How much of a provider's text an error message may quote. */
#define PRISM_PROTOCOL_EXCERPT_MAX 160

/* Shared by the protocols: JSON access that tolerates missing or
 * mistyped members (providers differ), message building, and the
 * mapping of providers' error types onto PrismErrorCode.
 */
JsonNode     *prism_protocol_parse_json          (const char        *data,
                                                  gssize             len,
                                                  GError           **error);
JsonObject   *prism_protocol_parse_json_object   (const char        *data,
                                                  gssize             len,
                                                  GError           **error);
char         *prism_protocol_excerpt             (const char        *data,
                                                  gsize              len);
JsonObject   *prism_json_object                  (JsonObject        *object,
                                                  const char        *member);
JsonArray    *prism_json_array                   (JsonObject        *object,
                                                  const char        *member);
const char   *prism_json_string                  (JsonObject        *object,
                                                  const char        *member);
gboolean      prism_json_int                     (JsonObject        *object,
                                                  const char        *member,
                                                  gint64            *value);
double        prism_json_double                  (JsonObject        *object,
                                                  const char        *member);
gboolean      prism_json_bool                    (JsonObject        *object,
                                                  const char        *member);
char         *prism_json_to_string               (JsonNode          *node);

SoupMessage  *prism_protocol_new_message         (const char        *method,
                                                  const char        *base_url,
                                                  const char        *path,
                                                  const char        *query,
                                                  GError           **error);
void          prism_protocol_set_json_body       (SoupMessage       *message,
                                                  JsonBuilder       *builder);

char         *prism_protocol_redact              (const char        *text,
                                                  const char        *api_key);
PrismErrorCode prism_protocol_classify_http      (guint              status);
gboolean      prism_protocol_classify_type       (const char        *type,
                                                  PrismErrorCode    *code);
GError       *prism_protocol_new_provider_error  (PrismErrorCode     code,
                                                  guint              status,
                                                  gint64             retry_after,
                                                  const char        *provider_message,
                                                  const char        *api_key);
gint64        prism_protocol_thinking_budget     (const char        *effort);
GError       *prism_protocol_error_from_json     (JsonObject        *root,
                                                  guint              fallback_status);

G_END_DECLS
