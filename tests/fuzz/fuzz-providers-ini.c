/* fuzz-providers-ini.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* libFuzzer target: providers.ini is written by hand, so anything may be
 * in it. Loading must never crash, and whatever loaded must be usable. */

#include "config.h"

#include <stdint.h>

#include "prism-provider-registry-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static PrismProviderRegistry *registry;
  g_autoptr(GError) error = NULL;
  const char * const *warnings;
  GListModel *providers;

  if (registry == NULL)
    registry = prism_provider_registry_new_for_path ("/nonexistent/prism-fuzz/providers.ini");

  prism_provider_registry_load_from_data (registry, (const char *)data, size);

  warnings = prism_provider_registry_get_warnings (registry);
  if (!prism_provider_registry_check (registry, &error))
    g_assert (error->message != NULL && warnings[0] != NULL);
  for (guint i = 0; warnings[i] != NULL; i++)
    g_assert (g_utf8_validate (warnings[i], -1, NULL));

  providers = prism_provider_registry_get_providers (registry);
  for (guint i = 0; i < g_list_model_get_n_items (providers); i++)
    {
      g_autoptr(PrismProviderConfig) config = g_list_model_get_item (providers, i);
      g_autofree char *name = g_strconcat (prism_provider_config_get_id (config), ":some/model:free", NULL);
      g_autoptr(GError) resolve_error = NULL;
      g_autofree char *model_id = NULL;
      PrismProviderConfig *resolved = NULL;

      g_assert (prism_provider_config_get_base_url (config) != NULL);
      if (prism_provider_registry_resolve_model (registry, name, &resolved, &model_id, &resolve_error))
        g_assert (resolved == config);
    }

  return 0;
}
