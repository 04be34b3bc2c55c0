/* test-metainfo.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

/* The metainfo's screenshots must be the PNGs in screenshots/, which
 * build-aux/screenshots makes from the real window: every image it
 * names exists, and every PNG there is named. */

typedef struct
{
  gboolean   in_image;
  GPtrArray *images;
  GString   *text;
} ParseState;

static void
start_element (GMarkupParseContext  *context,
               const char           *element_name,
               const char          **attribute_names,
               const char          **attribute_values,
               gpointer              user_data,
               GError              **error)
{
  ParseState *state = user_data;

  if (g_str_equal (element_name, "image"))
    {
      state->in_image = TRUE;
      g_string_truncate (state->text, 0);
    }
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element_name,
             gpointer              user_data,
             GError              **error)
{
  ParseState *state = user_data;

  if (g_str_equal (element_name, "image"))
    {
      state->in_image = FALSE;
      g_ptr_array_add (state->images, g_strstrip (g_strdup (state->text->str)));
    }
}

static void
text (GMarkupParseContext  *context,
      const char           *str,
      gsize                 len,
      gpointer              user_data,
      GError              **error)
{
  ParseState *state = user_data;

  if (state->in_image)
    g_string_append_len (state->text, str, len);
}

static void
test_metainfo_screenshots (void)
{
  static const GMarkupParser parser = { start_element, end_element, text, NULL, NULL };
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) buffer = g_string_new (NULL);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  ParseState state = { FALSE, images, buffer };
  const char *name;
  guint pngs = 0;

  path = g_test_build_filename (G_TEST_DIST, "..", "data", APPLICATION_ID ".metainfo.xml.in", NULL);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  context = g_markup_parse_context_new (&parser, 0, &state, NULL);
  g_markup_parse_context_parse (context, contents, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (images->len, >=, 2);

  dir_path = g_test_build_filename (G_TEST_DIST, "..", "screenshots", NULL);

  for (guint i = 0; i < images->len; i++)
    {
      const char *url = g_ptr_array_index (images, i);
      const char *slash = strrchr (url, '/');
      g_autofree char *file = NULL;

      g_assert_true (g_str_has_prefix (url, "https://"));
      g_assert_nonnull (strstr (url, "/screenshots/"));
      g_assert_nonnull (slash);
      file = g_build_filename (dir_path, slash + 1, NULL);
      if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
        g_error ("The metainfo shows %s, which is not in screenshots/", slash + 1);
    }

  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean referenced = FALSE;

      if (!g_str_has_suffix (name, ".png"))
        continue;

      pngs++;
      for (guint i = 0; i < images->len; i++)
        referenced |= g_str_has_suffix (g_ptr_array_index (images, i), name);
      if (!referenced)
        g_error ("screenshots/%s is not shown in the metainfo", name);
    }

  g_assert_cmpuint (pngs, ==, images->len);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/prism/metainfo/screenshots", test_metainfo_screenshots);

  return g_test_run ();
}
