/* test-manifest.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

static JsonObject *manifest;

static void
test_manifest_names_app_and_runtime (void)
{
  const char *version;
  char *end = NULL;

  g_assert_cmpstr (json_object_get_string_member (manifest, "id"), ==, APPLICATION_ID);
  g_assert_cmpstr (json_object_get_string_member (manifest, "runtime"), ==, "org.gnome.Platform");
  g_assert_cmpstr (json_object_get_string_member (manifest, "sdk"), ==, "org.gnome.Sdk");
  g_assert_cmpstr (json_object_get_string_member (manifest, "command"), ==, "prism");

  /* A GNOME release number, not "master" or a nightly. */
  version = json_object_get_string_member (manifest, "runtime-version");
  g_assert_nonnull (version);
  g_assert_cmpuint (g_ascii_strtoull (version, &end, 10), >=, 49);
  g_assert_cmpstr (end, ==, "");
}

static void
test_manifest_permissions (void)
{
  static const char * const allowed[] = {
    "--share=network", "--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri",
  };
  static const char * const required[] = {
    "--share=network", "--socket=wayland", "--socket=fallback-x11", "--device=dri",
  };
  JsonArray *args = json_object_get_array_member (manifest, "finish-args");
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();

  g_assert_nonnull (args);

  for (guint i = 0; i < json_array_get_length (args); i++)
    {
      const char *arg = json_array_get_string_element (args, i);

      /* Keys go through the Secret portal: no talk-name holes, no files. */
      if (!g_strv_contains (allowed, arg))
        g_error ("The manifest asks for “%s”, which Prism does not need", arg);
      g_ptr_array_add (seen, (gpointer)arg);
    }

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    g_assert_true (g_ptr_array_find_with_equal_func (seen, required[i], g_str_equal, NULL));
}

static void
test_manifest_sources_are_pinned (void)
{
  JsonArray *modules = json_object_get_array_member (manifest, "modules");
  gboolean has_md4c = FALSE;
  gboolean last_is_prism = FALSE;

  g_assert_nonnull (modules);
  g_assert_cmpuint (json_array_get_length (modules), >, 0);

  for (guint i = 0; i < json_array_get_length (modules); i++)
    {
      JsonObject *module = json_array_get_object_element (modules, i);
      const char *name = json_object_get_string_member (module, "name");
      JsonArray *sources = json_object_get_array_member (module, "sources");

      g_assert_nonnull (name);
      g_assert_nonnull (sources);

      has_md4c |= g_str_equal (name, "md4c");
      last_is_prism = g_str_equal (name, "prism");

      for (guint j = 0; j < json_array_get_length (sources); j++)
        {
          JsonObject *source = json_array_get_object_element (sources, j);
          const char *type = json_object_get_string_member (source, "type");

          if (g_str_equal (type, "git"))
            {
              const char *commit = json_object_get_string_member_with_default (source, "commit", "");

              g_assert_cmpuint (strlen (commit), ==, 40);
              g_assert_true (g_str_has_prefix (json_object_get_string_member (source, "url"), "https://"));
            }
          else if (g_str_equal (type, "archive") || g_str_equal (type, "file"))
            {
              const char *sha256 = json_object_get_string_member_with_default (source, "sha256", "");

              g_assert_cmpuint (strlen (sha256), ==, 64);
            }
          else if (g_str_equal (type, "dir"))
            {
              /* Only Prism itself is built from the checkout. */
              g_assert_cmpstr (name, ==, "prism");
            }
          else
            {
              g_error ("Module %s has a source of type %s that is not pinned", name, type);
            }
        }
    }

  g_assert_true (has_md4c);
  g_assert_true (last_is_prism);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_test_init (&argc, &argv, NULL);

  path = g_test_build_filename (G_TEST_DIST, "..", "flatpak", APPLICATION_ID ".json", NULL);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  manifest = json_node_get_object (json_parser_get_root (parser));

  g_test_add_func ("/prism/manifest/app-and-runtime", test_manifest_names_app_and_runtime);
  g_test_add_func ("/prism/manifest/permissions", test_manifest_permissions);
  g_test_add_func ("/prism/manifest/sources-are-pinned", test_manifest_sources_are_pinned);

  return g_test_run ();
}
