/* prism-store-retention.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-store"

#include "config.h"

#include "prism-store-private.h"

/* How long history is kept: Preferences may ask for conversations to be
 * forgotten after a while. What was spent stays: deleting a conversation
 * keeps its request rows (their message is cleared), so the spend
 * figures of past months never change. Pinned conversations are kept.
 */

typedef struct
{
  gint64 before;
} Prune;

static gboolean
prune_job (PrismStore  *self,
           sqlite3     *db,
           gpointer     data,
           gpointer    *result,
           GError     **error)
{
  Prune *prune = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_prism_store_begin (db, error))
    return FALSE;

  stmt = _prism_store_prepare (db,
                               "DELETE FROM conversations WHERE updated_at < ?1 AND pinned = 0",
                               error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_int64 (stmt, 1, prune->before);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _prism_store_fail (db, sqlite3_errcode (db), error);
      goto failed;
    }

  *result = g_memdup2 (&(guint) { sqlite3_changes (db) }, sizeof (guint));

  if (!_prism_store_commit (db, error))
    goto failed;

  return TRUE;

failed:
  _prism_store_rollback (db);
  return FALSE;
}

/**
 * prism_store_forget_before:
 * @self: a #PrismStore
 * @before: a time in µs since the epoch, UTC
 * @n_deleted: (out) (optional): how many conversations were forgotten
 * @error: a %PRISM_ERROR_STORE error
 *
 * Deletes the conversations last changed before @before, except pinned
 * ones, with their messages. Their spend stays counted.
 *
 * Returns: whether it was done
 */
gboolean
prism_store_forget_before (PrismStore  *self,
                           gint64       before,
                           guint       *n_deleted,
                           GError     **error)
{
  g_autofree guint *deleted = NULL;
  Prune prune = { before };

  g_return_val_if_fail (PRISM_IS_STORE (self), FALSE);

  if (!_prism_store_run (self, prune_job, &prune, (gpointer *)&deleted, error))
    return FALSE;

  if (n_deleted != NULL)
    *n_deleted = *deleted;

  return TRUE;
}

/**
 * prism_store_forget_before_async:
 * @self: a #PrismStore
 * @before: a time in µs since the epoch, UTC
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is done
 * @user_data: data for @callback
 *
 * prism_store_forget_before() on the store's worker, for the window.
 */
void
prism_store_forget_before_async (PrismStore          *self,
                                 gint64               before,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (PRISM_IS_STORE (self));

  _prism_store_run_async (self, prune_job, g_memdup2 (&(Prune) { before }, sizeof (Prune)), g_free,
                          g_free, prism_store_forget_before_async,
                          cancellable, callback, user_data);
}

/**
 * prism_store_forget_before_finish:
 * @self: a #PrismStore
 * @result: the result given to the callback
 * @n_deleted: (out) (optional): how many conversations were forgotten
 * @error: a %PRISM_ERROR_STORE error
 *
 * Returns: whether it was done
 */
gboolean
prism_store_forget_before_finish (PrismStore    *self,
                                  GAsyncResult  *result,
                                  guint         *n_deleted,
                                  GError       **error)
{
  g_autofree guint *deleted = _prism_store_run_finish (self, result, prism_store_forget_before_async, error);

  if (deleted == NULL)
    return FALSE;

  if (n_deleted != NULL)
    *n_deleted = *deleted;

  return TRUE;
}
