/* test-key-leak.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "prism-test-keys.h"

/* The leak check itself must be able to fail, or the tests that rely on
 * it prove nothing. */

static void
write_file (const char *dir,
            const char *name,
            const char *contents,
            gssize      len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
}

static void
test_finds_planted_key (void)
{
  static const char binary[] = "SQLite format 3\0\0\0\x01sk-planted-1234\0tail";
  g_autofree char *root = g_dir_make_tmp ("prism-leak-XXXXXX", NULL);
  g_autofree char *config = g_build_filename (root, "config", NULL);
  g_autofree char *data = g_build_filename (root, "data", NULL);
  g_autofree char *missing = g_build_filename (root, "missing", NULL);
  const char *dirs[] = { config, missing, data, NULL };
  g_autofree char *found = NULL;
  g_autofree char *expected = NULL;
  guint n_files = 0;

  write_file (config, "prism/providers.ini", "[provider openai]\nkey-env=OPENAI_API_KEY\n", -1);
  write_file (data, "prism/history.db", binary, sizeof binary);

  found = prism_test_find_in_files ("sk-planted-1234", dirs, &n_files);
  expected = g_build_filename (data, "prism", "history.db", NULL);
  g_assert_cmpstr (found, ==, expected);
  g_assert_cmpuint (n_files, ==, 2);

  g_clear_pointer (&found, g_free);
  found = prism_test_find_in_files ("sk-absent-5678", dirs, &n_files);
  g_assert_null (found);
  g_assert_cmpuint (n_files, ==, 2);

  prism_test_remove_tree (root);
}

static void
test_empty_folders (void)
{
  g_autofree char *root = g_dir_make_tmp ("prism-leak-XXXXXX", NULL);
  const char *dirs[] = { root, NULL };
  g_autofree char *found = NULL;
  guint n_files = 1;

  found = prism_test_find_in_files ("sk-anything", dirs, &n_files);
  g_assert_null (found);
  g_assert_cmpuint (n_files, ==, 0);

  prism_test_remove_tree (root);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/prism/key-leak/finds-planted-key", test_finds_planted_key);
  g_test_add_func ("/prism/key-leak/empty-folders", test_empty_folders);

  return g_test_run ();
}
