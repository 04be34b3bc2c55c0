/* prism-dirs.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *prism_dirs_get_config_dir (void);
const char *prism_dirs_get_data_dir   (void);
const char *prism_dirs_get_cache_dir  (void);
char       *prism_dirs_build_config   (const char *name);
char       *prism_dirs_build_data     (const char *name);
char       *prism_dirs_build_cache    (const char *name);

G_END_DECLS
