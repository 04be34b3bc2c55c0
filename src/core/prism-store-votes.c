/* prism-store-votes.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "prism-error.h"
#include "prism-store-private.h"

/* Blind votes between two answers, and the votes read back as matches
 * between models for the leaderboard. prism_store_vote() (a winner among
 * all of a comparison's answers, or a tie) is in prism-store-messages.c.
 */

typedef struct
{
  const char *comparison_id;
  const char *winner_id;
  const char *loser_id;
} PairData;

static gboolean
vote_pair_job (PrismStore  *self,
               sqlite3     *db,
               gpointer     data,
               gpointer    *result,
               GError     **error)
{
  PairData *pair = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* Both answers must belong to the comparison. */
  stmt = _prism_store_prepare (db,
                               "INSERT INTO votes (comparison_id, winner_id, loser_id, created_at)"
                               " SELECT ?1, ?2, ?3, ?4 WHERE"
                               "  (SELECT count(*) FROM messages WHERE id IN (?2, ?3) AND comparison_id = ?1) = 2",
                               error);
  if (stmt == NULL)
    return FALSE;

  _prism_store_bind_text (stmt, 1, pair->comparison_id);
  _prism_store_bind_text (stmt, 2, pair->winner_id);
  _prism_store_bind_text (stmt, 3, pair->loser_id);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return _prism_store_fail (db, rc, error);

  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("Messages %s and %s are not both answers of comparison %s."),
                   pair->winner_id, pair->loser_id, pair->comparison_id);
      return FALSE;
    }

  return TRUE;
}

/**
 * prism_store_vote_pair:
 * @self: a #PrismStore
 * @comparison_id: the comparison both answers belong to
 * @winner_id: the answer judged better
 * @loser_id: the answer it was shown beside
 * @error: a %PRISM_ERROR_STORE error when the answers are not the
 *   comparison's
 *
 * Records a blind vote between two answers of a comparison. Unlike
 * prism_store_vote(), every such vote counts; none replaces another.
 *
 * Returns: whether the vote was stored
 */
gboolean
prism_store_vote_pair (PrismStore  *self,
                       const char  *comparison_id,
                       const char  *winner_id,
                       const char  *loser_id,
                       GError     **error)
{
  PairData data = { comparison_id, winner_id, loser_id };

  g_return_val_if_fail (PRISM_IS_STORE (self), FALSE);
  g_return_val_if_fail (comparison_id != NULL, FALSE);
  g_return_val_if_fail (winner_id != NULL, FALSE);
  g_return_val_if_fail (loser_id != NULL, FALSE);

  if (g_str_equal (winner_id, loser_id))
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("A blind vote needs two different answers."));
      return FALSE;
    }

  return _prism_store_run (self, vote_pair_job, &data, NULL, error);
}

static void
add_match (GPtrArray  *matches,
           const char *winner,
           const char *loser,
           gboolean    tie)
{
  PrismVoteMatch *match;

  if (winner == NULL || loser == NULL || g_str_equal (winner, loser))
    return;

  match = _prism_vote_match_new ();
  match->winner = g_strdup (winner);
  match->loser = g_strdup (loser);
  match->tie = tie;
  g_ptr_array_add (matches, match);
}

static gboolean
add_pair_matches (sqlite3    *db,
                  GPtrArray  *matches,
                  GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _prism_store_prepare (db,
                               "SELECT w.model, l.model FROM votes v"
                               " JOIN messages w ON w.id = v.winner_id"
                               " JOIN messages l ON l.id = v.loser_id"
                               " WHERE v.loser_id IS NOT NULL ORDER BY v.id",
                               error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_match (matches,
               (const char *)sqlite3_column_text (stmt, 0),
               (const char *)sqlite3_column_text (stmt, 1),
               FALSE);

  if (rc != SQLITE_DONE)
    return _prism_store_fail (db, rc, error);

  return TRUE;
}

/* The last winner vote of each comparison is the one that stands: a
 * person who changes their mind has not voted twice. Failed answers with
 * no text were not judged, so they are left out.
 */
static gboolean
add_winner_matches (sqlite3    *db,
                    GPtrArray  *matches,
                    GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *comparison = NULL;
  g_autofree char *current = NULL;
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *winner_model = NULL;
  gboolean tie = FALSE;
  int rc;

  stmt = _prism_store_prepare (db,
                               "SELECT v.comparison_id, v.winner_id IS NULL, w.model, m.id = v.winner_id, m.model"
                               " FROM votes v"
                               " LEFT JOIN messages w ON w.id = v.winner_id"
                               " JOIN messages m ON m.comparison_id = v.comparison_id"
                               "  AND m.role = 'assistant' AND (m.status <> 'error' OR m.content <> '')"
                               " WHERE v.loser_id IS NULL AND v.id = (SELECT v2.id FROM votes v2"
                               "  WHERE v2.comparison_id = v.comparison_id AND v2.loser_id IS NULL"
                               "  ORDER BY v2.created_at DESC, v2.id DESC LIMIT 1)"
                               " ORDER BY v.comparison_id, m.created_at, m.rowid",
                               error);
  if (stmt == NULL)
    return FALSE;

  for (;;)
    {
      rc = sqlite3_step (stmt);
      comparison = rc == SQLITE_ROW ? (const char *)sqlite3_column_text (stmt, 0) : NULL;

      if (current != NULL && g_strcmp0 (comparison, current) != 0)
        {
          /* One comparison read: turn it into matches. */
          for (guint i = 0; i < models->len; i++)
            {
              const char *model = g_ptr_array_index (models, i);

              if (!tie)
                add_match (matches, winner_model, model, FALSE);
              else
                for (guint j = i + 1; j < models->len; j++)
                  add_match (matches, model, g_ptr_array_index (models, j), TRUE);
            }
          g_ptr_array_set_size (models, 0);
          g_clear_pointer (&current, g_free);
          g_clear_pointer (&winner_model, g_free);
        }

      if (rc != SQLITE_ROW)
        break;

      if (current == NULL)
        {
          current = g_strdup (comparison);
          tie = sqlite3_column_int (stmt, 1);
          winner_model = _prism_store_column_dup (stmt, 2);
        }

      /* The winner's own message is not matched against itself. */
      if (!sqlite3_column_int (stmt, 3))
        g_ptr_array_add (models, _prism_store_column_dup (stmt, 4));
    }

  if (rc != SQLITE_DONE)
    return _prism_store_fail (db, rc, error);

  return TRUE;
}

static gboolean
list_vote_matches_job (PrismStore  *self,
                       sqlite3     *db,
                       gpointer     data,
                       gpointer    *result,
                       GError     **error)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_vote_match_free);

  if (!add_winner_matches (db, matches, error) ||
      !add_pair_matches (db, matches, error))
    return FALSE;

  *result = g_steal_pointer (&matches);

  return TRUE;
}

/**
 * prism_store_list_vote_matches:
 * @self: a #PrismStore
 * @error: a %PRISM_ERROR_STORE error
 *
 * Reads every vote as matches between models, for
 * prism_leaderboard_compute().
 *
 * Returns: (transfer container) (element-type PrismVoteMatch) (nullable):
 *   the matches
 */
GPtrArray *
prism_store_list_vote_matches (PrismStore  *self,
                               GError     **error)
{
  gpointer result = NULL;

  g_return_val_if_fail (PRISM_IS_STORE (self), NULL);

  if (!_prism_store_run (self, list_vote_matches_job, NULL, &result, error))
    return NULL;

  return result;
}
