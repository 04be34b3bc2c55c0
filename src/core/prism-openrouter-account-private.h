/* prism-openrouter-account-private.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prism-openrouter-account.h"

G_BEGIN_DECLS

PrismOpenrouterAccount *_prism_openrouter_account_parse_key     (GBytes                  *body,
                                                                 GError                 **error);
gboolean                _prism_openrouter_account_parse_credits (PrismOpenrouterAccount  *self,
                                                                 GBytes                  *body,
                                                                 GError                 **error);

G_END_DECLS
