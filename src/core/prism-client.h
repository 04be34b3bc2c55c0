/* prism-client.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prism-catalog.h"
#include "prism-chat-request.h"
#include "prism-http-client.h"
#include "prism-keyring.h"
#include "prism-pricing.h"
#include "prism-protocol.h"
#include "prism-provider-registry.h"
#include "prism-retry.h"

G_BEGIN_DECLS

#define PRISM_TYPE_CLIENT (prism_client_get_type ())

G_DECLARE_FINAL_TYPE (PrismClient, prism_client, PRISM, CLIENT, GObject)

PrismClient           *prism_client_new                 (PrismProviderRegistry    *registry,
                                                         PrismKeyring             *keyring,
                                                         PrismHttpClient          *http_client);
PrismProviderRegistry *prism_client_get_registry        (PrismClient              *self);
PrismKeyring          *prism_client_get_keyring         (PrismClient              *self);
PrismHttpClient       *prism_client_get_http_client     (PrismClient              *self);
PrismPricing          *prism_client_get_pricing         (PrismClient              *self);
PrismCatalog          *prism_client_get_catalog         (PrismClient              *self);
void                   prism_client_set_catalog         (PrismClient              *self,
                                                         PrismCatalog             *catalog);
const PrismHttpTimeouts *prism_client_get_timeouts      (PrismClient              *self);
void                   prism_client_set_timeouts        (PrismClient              *self,
                                                         const PrismHttpTimeouts  *timeouts);
const PrismRetryPolicy *prism_client_get_retry_policy   (PrismClient              *self);
void                   prism_client_set_retry_policy    (PrismClient              *self,
                                                         const PrismRetryPolicy   *policy);
PrismProtocol         *prism_client_get_protocol        (PrismClient              *self,
                                                         PrismProviderConfig      *config);
gboolean               prism_client_check_model         (PrismClient              *self,
                                                         const char               *name,
                                                         GError                  **error);
void                   prism_client_lookup_key_async    (PrismClient              *self,
                                                         PrismProviderConfig      *config,
                                                         const char               *project,
                                                         GCancellable             *cancellable,
                                                         GAsyncReadyCallback       callback,
                                                         gpointer                  user_data);
char                  *prism_client_lookup_key_finish   (PrismClient              *self,
                                                         GAsyncResult             *result,
                                                         GError                  **error);
gboolean               prism_client_resolve_prices      (PrismClient              *self,
                                                         const char               *model,
                                                         PrismPrices              *prices);

void                   prism_client_list_models_async   (PrismClient              *self,
                                                         PrismProviderConfig      *config,
                                                         GCancellable             *cancellable,
                                                         GAsyncReadyCallback       callback,
                                                         gpointer                  user_data);
GPtrArray             *prism_client_list_models_finish  (PrismClient              *self,
                                                         GAsyncResult             *result,
                                                         GError                  **error);
void                   prism_client_refresh_catalog_async  (PrismClient           *self,
                                                            const char            *provider_id,
                                                            GCancellable          *cancellable,
                                                            GAsyncReadyCallback    callback,
                                                            gpointer               user_data);
GHashTable            *prism_client_refresh_catalog_finish (PrismClient           *self,
                                                            GAsyncResult          *result,
                                                            GError               **error);

G_END_DECLS
