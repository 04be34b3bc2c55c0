/* prism-test-keys.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "prism-test-keys.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

/* Helpers for the tests that handle keys. */

static gboolean
contains (const char *haystack,
          gsize       len,
          const char *needle,
          gsize       needle_len)
{
  for (gsize i = 0; i + needle_len <= len; i++)
    {
      if (memcmp (haystack + i, needle, needle_len) == 0)
        return TRUE;
    }

  return FALSE;
}

static char *
find_in_dir (const char *needle,
             gsize       needle_len,
             const char *path,
             guint      *n_files)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return NULL;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      GStatBuf st;

      if (g_lstat (child, &st) != 0)
        continue;

      if (S_ISDIR (st.st_mode))
        {
          char *found = find_in_dir (needle, needle_len, child, n_files);

          if (found != NULL)
            return found;
        }
      else if (S_ISREG (st.st_mode))
        {
          g_autofree char *contents = NULL;
          gsize len = 0;
          g_autoptr(GError) error = NULL;

          if (!g_file_get_contents (child, &contents, &len, &error))
            g_error ("Cannot read %s to look for a key in it: %s", child, error->message);

          (*n_files)++;
          if (contains (contents, len, needle, needle_len))
            return g_steal_pointer (&child);
        }
    }

  return NULL;
}

/**
 * prism_test_find_in_files:
 *
 * Finds a secret in every file under some folders, whatever the files
 * are (text, SQLite, logs): a key must never be written anywhere but the
 * keyring.
 *
 * @needle: the bytes to look for, such as a key
 * @dirs: folders to search, recursively; missing ones are empty
 * @n_files: (out) (optional): how many files were read
 *
 * Returns: (nullable): the first file holding @needle, or %NULL
 */
char *
prism_test_find_in_files (const char         *needle,
                          const char * const *dirs,
                          guint              *n_files)
{
  guint count = 0;
  char *found = NULL;

  g_assert_nonnull (needle);
  g_assert_cmpuint (strlen (needle), >, 0);

  for (guint i = 0; dirs[i] != NULL && found == NULL; i++)
    found = find_in_dir (needle, strlen (needle), dirs[i], &count);

  if (n_files != NULL)
    *n_files = count;

  return found;
}

/**
 * prism_test_remove_tree:
 * @path: a folder a test made
 *
 * Removes @path and everything in it, without following links.
 */
void
prism_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      GStatBuf st;

      if (g_lstat (child, &st) == 0 && S_ISDIR (st.st_mode))
        prism_test_remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

/**
 * prism_test_has_keyring:
 *
 * Whether a Secret Service runs on the session bus, as in the session of
 * `build-aux/dev test`. Never starts a bus.
 */
gboolean
prism_test_has_keyring (void)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    return FALSE;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    return FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);

  return has_owner;
}
