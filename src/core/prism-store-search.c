/* prism-store-search.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "prism-store-private.h"

#include "prism-error.h"

/* What a person types becomes an FTS5 query of quoted words, all of which
 * must match, the last one as a prefix so that results follow typing.
 * Quoting keeps FTS5's own syntax (AND, NEAR, "*", ":") out of their way. */
static char *
build_match (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\r\n", -1);
  GString *match = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;

      if (match->len > 0)
        g_string_append_c (match, ' ');

      g_string_append_c (match, '"');
      for (const char *p = words[i]; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (match, '"');
          g_string_append_c (match, *p);
        }
      g_string_append_c (match, '"');
      n++;
    }

  if (n == 0)
    return g_string_free (match, TRUE);

  g_string_append_c (match, '*');

  return g_string_free (match, FALSE);
}

typedef struct
{
  char *match;
  guint limit;
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_free (data->match);
  g_free (data);
}

static gboolean
search_job (PrismStore  *self,
            sqlite3     *db,
            gpointer     data,
            gpointer    *result,
            GError     **error)
{
  SearchData *search = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GHashTable) seen = NULL;
  int rc;

  /* Newest first, in the order messages were written: FTS5 walks its
   * index in rowid order and stops after @limit conversations, so a word
   * found in a hundred thousand messages costs what a rare one does
   * (ranking by bm25 would score every match first: ~230 ms at a
   * million messages). A conversation shows once, with the snippet of
   * its newest matching message. */
  stmt = _prism_store_prepare (db,
                               "SELECT m.conversation_id, c.title, m.id,"
                               " snippet (messages_fts, 0, '" PRISM_STORE_MATCH_START "', '"
                               PRISM_STORE_MATCH_END "', '…', 16), c.updated_at"
                               " FROM messages_fts f"
                               " JOIN messages m ON m.rowid = f.rowid"
                               " JOIN conversations c ON c.id = m.conversation_id"
                               " WHERE messages_fts MATCH ?1 ORDER BY f.rowid DESC",
                               error);
  if (stmt == NULL)
    return FALSE;

  _prism_store_bind_text (stmt, 1, search->match);

  hits = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_search_hit_free);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  while (hits->len < search->limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *conversation_id = (const char *)sqlite3_column_text (stmt, 0);
      PrismSearchHit *hit;

      if (!g_hash_table_add (seen, g_strdup (conversation_id)))
        continue;

      hit = _prism_search_hit_new ();
      hit->conversation_id = g_strdup (conversation_id);
      hit->title = _prism_store_column_dup (stmt, 1);
      hit->message_id = _prism_store_column_dup (stmt, 2);
      hit->snippet = _prism_store_column_dup (stmt, 3);
      hit->updated_at = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (hits, hit);
    }

  if (hits->len < search->limit && rc != SQLITE_DONE)
    return _prism_store_fail (db, rc, error);

  *result = g_steal_pointer (&hits);

  return TRUE;
}

static SearchData *
search_data_new (const char  *text,
                 guint        limit,
                 GError     **error)
{
  g_autofree char *match = build_match (text);
  SearchData *data;

  if (match == NULL)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("Type a word to search the history for."));
      return NULL;
    }

  data = g_new0 (SearchData, 1);
  data->match = g_steal_pointer (&match);
  data->limit = limit ? limit : 50;

  return data;
}

/**
 * prism_store_search:
 * @text: the words to find, as a person typed them
 * @limit: at most this many conversations, 0 for 50
 *
 * Full-text search over message text.
 *
 * Returns: (transfer container) (element-type PrismSearchHit): the
 *   conversations where all the words occur in one message, the most
 *   recently written first, each with a snippet of that message
 */
GPtrArray *
prism_store_search (PrismStore  *self,
                    const char  *text,
                    guint        limit,
                    GError     **error)
{
  SearchData *data;
  GPtrArray *hits = NULL;
  gboolean ok;

  g_return_val_if_fail (PRISM_IS_STORE (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  data = search_data_new (text, limit, error);
  if (data == NULL)
    return NULL;

  ok = _prism_store_run (self, search_job, data, (gpointer *)&hits, error);
  search_data_free (data);

  return ok ? hits : NULL;
}

void
prism_store_search_async (PrismStore          *self,
                          const char          *text,
                          guint                limit,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GError *error = NULL;
  SearchData *data;

  g_return_if_fail (PRISM_IS_STORE (self));
  g_return_if_fail (text != NULL);

  data = search_data_new (text, limit, &error);
  if (data == NULL)
    {
      g_task_report_error (self, callback, user_data, prism_store_search_async, error);
      return;
    }

  _prism_store_run_async (self, search_job, data, (GDestroyNotify)search_data_free,
                          (GDestroyNotify)g_ptr_array_unref, prism_store_search_async,
                          cancellable, callback, user_data);
}

GPtrArray *
prism_store_search_finish (PrismStore    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return _prism_store_run_finish (self, result, prism_store_search_async, error);
}
