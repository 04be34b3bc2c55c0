/* prism-provider-registry.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prism-cost.h"
#include "prism-model.h"
#include "prism-provider-config.h"

G_BEGIN_DECLS

#define PRISM_TYPE_PROVIDER_REGISTRY (prism_provider_registry_get_type ())

G_DECLARE_FINAL_TYPE (PrismProviderRegistry, prism_provider_registry, PRISM, PROVIDER_REGISTRY, GObject)

PrismProviderRegistry *prism_provider_registry_new                (void);
PrismProviderRegistry *prism_provider_registry_new_for_path       (const char             *path);
const char            *prism_provider_registry_get_path           (PrismProviderRegistry  *self);
gboolean               prism_provider_registry_load               (PrismProviderRegistry  *self,
                                                                   GError                **error);
gboolean               prism_provider_registry_check              (PrismProviderRegistry  *self,
                                                                   GError                **error);
const char * const    *prism_provider_registry_get_warnings       (PrismProviderRegistry  *self);
GListModel            *prism_provider_registry_get_providers      (PrismProviderRegistry  *self);
PrismProviderConfig   *prism_provider_registry_lookup             (PrismProviderRegistry  *self,
                                                                   const char             *id);
char                  *prism_provider_registry_list_ids           (PrismProviderRegistry  *self);
gboolean               prism_provider_registry_resolve_model      (PrismProviderRegistry  *self,
                                                                   const char             *name,
                                                                   PrismProviderConfig   **config,
                                                                   char                  **model_id,
                                                                   GError                **error);
PrismModel            *prism_provider_registry_lookup_model       (PrismProviderRegistry  *self,
                                                                   const char             *id);
gboolean               prism_provider_registry_get_model_prices   (PrismProviderRegistry  *self,
                                                                   const char             *id,
                                                                   PrismPrices            *prices);
char                  *prism_provider_registry_lookup_env_key     (PrismProviderRegistry  *self,
                                                                   PrismProviderConfig    *config,
                                                                   char                  **variable_out);
GError                *prism_provider_registry_missing_key_error  (PrismProviderRegistry  *self,
                                                                   PrismProviderConfig    *config);
gboolean               prism_provider_registry_save_provider      (PrismProviderRegistry  *self,
                                                                   PrismProviderConfig    *config,
                                                                   GError                **error);
gboolean               prism_provider_registry_remove_provider    (PrismProviderRegistry  *self,
                                                                   const char             *id,
                                                                   GError                **error);
gboolean               prism_provider_registry_set_model_prices   (PrismProviderRegistry  *self,
                                                                   const char             *id,
                                                                   const PrismPrices      *prices,
                                                                   GError                **error);

G_END_DECLS
