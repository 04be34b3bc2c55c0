/* prism-provider-page.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prism-client.h"

G_BEGIN_DECLS

/**
 * PrismKeyState:
 * @PRISM_KEY_STATE_CHECKING: the keyring has not answered yet
 * @PRISM_KEY_STATE_STORED: the key is in the keyring
 * @PRISM_KEY_STATE_ENVIRONMENT: the key is in an environment variable
 * @PRISM_KEY_STATE_NOT_NEEDED: a local server, which needs no key
 * @PRISM_KEY_STATE_MISSING: no key anywhere
 * @PRISM_KEY_STATE_NO_KEYRING: no key, and no keyring to store one in
 *
 * Where a provider's key is, as the Preferences window shows it.
 */
typedef enum
{
  PRISM_KEY_STATE_CHECKING,
  PRISM_KEY_STATE_STORED,
  PRISM_KEY_STATE_ENVIRONMENT,
  PRISM_KEY_STATE_NOT_NEEDED,
  PRISM_KEY_STATE_MISSING,
  PRISM_KEY_STATE_NO_KEYRING,
} PrismKeyState;

#define PRISM_TYPE_PROVIDER_PAGE (prism_provider_page_get_type ())

G_DECLARE_FINAL_TYPE (PrismProviderPage, prism_provider_page, PRISM, PROVIDER_PAGE, GtkBox)

PrismProviderPage   *prism_provider_page_new               (PrismClient         *client,
                                                            PrismProviderConfig *config);
PrismProviderConfig *prism_provider_page_get_config        (PrismProviderPage   *self);
PrismKeyState        prism_provider_page_get_key_state     (PrismProviderPage   *self);
const char          *prism_provider_page_get_summary       (PrismProviderPage   *self);
void                 prism_provider_page_set_keyring_state (PrismProviderPage   *self,
                                                            gboolean             stored,
                                                            const GError        *keyring_error);
void                 prism_provider_page_detect            (PrismProviderPage   *self);
void                 prism_provider_page_cancel            (PrismProviderPage   *self);

G_END_DECLS
