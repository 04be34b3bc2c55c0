/* prism-test-keys.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *prism_test_find_in_files (const char         *needle,
                                const char * const *dirs,
                                guint              *n_files);

void  prism_test_remove_tree   (const char         *path);

gboolean prism_test_has_keyring (void);

G_END_DECLS
