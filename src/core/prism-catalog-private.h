/* prism-catalog-private.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prism-catalog.h"

G_BEGIN_DECLS

typedef struct
{
  PrismModel  *model;
  char        *key;            /* casefolded "id name" for filtering */
  PrismPrices  catalog_prices; /* the provider's own, before providers.ini */
  gboolean     kept;           /* during a replace: still listed */
} PrismCatalogItem;

struct _PrismCatalog
{
  GObject                parent_instance;

  PrismProviderRegistry *registry;
  GPtrArray             *items;  /* PrismCatalogItem, sorted by provider id then model id */
};

G_END_DECLS
