/* prism-dirs.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-dirs"

#include "config.h"

#include "prism-dirs.h"

/* Inside the Flatpak the XDG variables point into the sandbox's own
 * ~/.var/app/io.github.prismllm.Prism, so these follow it without
 * knowing about it; tests get their own folders from
 * G_TEST_OPTION_ISOLATE_DIRS. */

const char *
prism_dirs_get_config_dir (void)
{
  return g_get_user_config_dir ();
}

const char *
prism_dirs_get_data_dir (void)
{
  return g_get_user_data_dir ();
}

const char *
prism_dirs_get_cache_dir (void)
{
  return g_get_user_cache_dir ();
}

/**
 * prism_dirs_build_config:
 * @name: (nullable): a file name inside Prism's configuration folder
 *
 * Returns: (transfer full): `$XDG_CONFIG_HOME/prism/@name`
 */
char *
prism_dirs_build_config (const char *name)
{
  return g_build_filename (prism_dirs_get_config_dir (), "prism", name, NULL);
}

char *
prism_dirs_build_data (const char *name)
{
  return g_build_filename (prism_dirs_get_data_dir (), "prism", name, NULL);
}

char *
prism_dirs_build_cache (const char *name)
{
  return g_build_filename (prism_dirs_get_cache_dir (), "prism", name, NULL);
}
