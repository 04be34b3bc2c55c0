/* prism-test-comparison.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prism-client.h"
#include "prism-store.h"

G_BEGIN_DECLS

PrismClient *prism_test_comparison_client_new (const char *dir,
                                               guint       port,
                                               const char *extra_ini);
PrismStore  *prism_test_comparison_store_new  (const char *dir);
void         prism_test_remove_tree           (const char *path);

G_END_DECLS
