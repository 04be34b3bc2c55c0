/* fuzz-import.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* libFuzzer target: `prism-cli import` reads files a person hands it.
 * Importing must never crash, and a file that is refused must leave the
 * history exactly as it was. */

#include "config.h"

#include <stdint.h>

#include "prism-store.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static guint
count_conversations (PrismStore *store)
{
  g_autoptr(GPtrArray) conversations = prism_store_list_conversations (store, G_MAXINT, NULL);

  g_assert (conversations != NULL);

  return conversations->len;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static PrismStore *store;
  g_autoptr(GError) error = NULL;
  guint before, imported = 0, skipped = 0;

  if (store == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("prism-fuzz-import-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "history.db", NULL);

      store = prism_store_open (path, &error);
      g_assert (store != NULL);
    }

  before = count_conversations (store);

  if (prism_store_import_json (store, (const char *)data, size, &imported, &skipped, &error))
    {
      g_assert (error == NULL);
      g_assert (count_conversations (store) == before + imported);
    }
  else
    {
      g_assert (error != NULL && error->message != NULL);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      g_assert (count_conversations (store) == before);
    }

  return 0;
}
