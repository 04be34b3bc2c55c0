/* prism-keyring-private.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsecret/secret.h>

#include "prism-keyring.h"

G_BEGIN_DECLS

/* The schema name the keyring shows, and what tests search for. */
#define PRISM_KEYRING_SCHEMA_NAME "io.github.prismllm.Prism.ApiKey"

const SecretSchema *prism_keyring_get_schema          (void);
guint               _prism_keyring_result_get_pending (GAsyncResult *result);

G_END_DECLS
