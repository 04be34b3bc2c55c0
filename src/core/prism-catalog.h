/* prism-catalog.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prism-model.h"
#include "prism-provider-registry.h"

G_BEGIN_DECLS

/**
 * PrismCatalogCapability:
 * @PRISM_CATALOG_CAPABILITY_NONE: no requirement
 * @PRISM_CATALOG_CAPABILITY_IMAGES: takes images as input
 * @PRISM_CATALOG_CAPABILITY_TOOLS: takes `tools` (as far as is known)
 * @PRISM_CATALOG_CAPABILITY_REASONING: takes `reasoning` (as far as is known)
 * @PRISM_CATALOG_CAPABILITY_PRICED: has known prices
 *
 * What a model must offer to pass a filter.
 */
typedef enum
{
  PRISM_CATALOG_CAPABILITY_NONE = 0,
  PRISM_CATALOG_CAPABILITY_IMAGES = 1 << 0,
  PRISM_CATALOG_CAPABILITY_TOOLS = 1 << 1,
  PRISM_CATALOG_CAPABILITY_REASONING = 1 << 2,
  PRISM_CATALOG_CAPABILITY_PRICED = 1 << 3,
} PrismCatalogCapability;

#define PRISM_TYPE_CATALOG (prism_catalog_get_type ())

G_DECLARE_FINAL_TYPE (PrismCatalog, prism_catalog, PRISM, CATALOG, GObject)

PrismCatalog *prism_catalog_new                    (PrismProviderRegistry   *registry);
void          prism_catalog_replace_provider       (PrismCatalog            *self,
                                                    const char              *provider_id,
                                                    GPtrArray               *models);
void          prism_catalog_remove_provider        (PrismCatalog            *self,
                                                    const char              *provider_id);
void          prism_catalog_apply_config           (PrismCatalog            *self);
PrismModel   *prism_catalog_lookup                 (PrismCatalog            *self,
                                                    const char              *id);
gboolean      prism_catalog_model_matches          (PrismModel              *model,
                                                    const char              *text,
                                                    const char              *provider_id,
                                                    PrismCatalogCapability   capabilities);
GListModel   *prism_catalog_filter                 (PrismCatalog            *self,
                                                    const char              *text,
                                                    const char              *provider_id,
                                                    PrismCatalogCapability   capabilities);
char         *prism_catalog_get_default_cache_path (void);
gboolean      prism_catalog_save_cache             (PrismCatalog            *self,
                                                    const char              *path,
                                                    GError                 **error);
gboolean      prism_catalog_load_cache             (PrismCatalog            *self,
                                                    const char              *path,
                                                    GError                 **error);

G_END_DECLS
