/* prism-fake-provider.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define PRISM_FAKE_PROVIDER_KEY "test-key"

#define PRISM_TYPE_FAKE_PROVIDER (prism_fake_provider_get_type ())

G_DECLARE_FINAL_TYPE (PrismFakeProvider, prism_fake_provider, PRISM, FAKE_PROVIDER, GObject)

PrismFakeProvider  *prism_fake_provider_new                      (void);
gboolean            prism_fake_provider_start                    (PrismFakeProvider  *self,
                                                                  guint               port,
                                                                  GError            **error);
void                prism_fake_provider_stop                     (PrismFakeProvider  *self);
guint               prism_fake_provider_get_port                 (PrismFakeProvider  *self);
char               *prism_fake_provider_get_base_url             (PrismFakeProvider  *self,
                                                                  const char         *provider);
guint               prism_fake_provider_get_request_count        (PrismFakeProvider  *self);
void                prism_fake_provider_reset                    (PrismFakeProvider  *self);
char               *prism_fake_provider_dup_last_request_path    (PrismFakeProvider  *self);
char               *prism_fake_provider_dup_last_request_header  (PrismFakeProvider  *self,
                                                                  const char         *name);
SoupMessageHeaders *prism_fake_provider_dup_last_request_headers (PrismFakeProvider  *self);
GBytes             *prism_fake_provider_dup_last_request_body    (PrismFakeProvider  *self);
JsonNode           *prism_fake_provider_dup_last_request_json    (PrismFakeProvider  *self);
char               *prism_fake_provider_reply_for                (const char         *prompt);

G_END_DECLS
