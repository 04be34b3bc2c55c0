/* prism-comparison-run-votes.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-comparison-run"

#include "config.h"

#include "prism-comparison-run-private.h"

#include <glib/gi18n-lib.h>

#include "prism-error.h"

static gboolean
check_votable (PrismComparisonRun   *self,
               PrismComparisonPane  *pane,
               GError              **error)
{
  if (self->comparison_id == NULL)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("Send the comparison before voting."));
      return FALSE;
    }

  if (pane != NULL && prism_comparison_pane_get_fusion (pane))
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("A merged answer is not one model's own, so it takes no part in the votes."));
      return FALSE;
    }

  if (pane != NULL &&
      (prism_comparison_pane_get_running (pane) || prism_comparison_pane_get_message_id (pane) == NULL))
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("Wait for the answer of %s to end before voting for it."),
                   prism_comparison_pane_get_model (pane));
      return FALSE;
    }

  return TRUE;
}

/**
 * prism_comparison_run_vote_winner:
 * @self: a started #PrismComparisonRun
 * @winner: (nullable): the best answer, or %NULL when they are as good
 * @error: why the vote was not stored
 *
 * Marks the best answer of the comparison; a later vote replaces it.
 *
 * Returns: whether the vote was stored
 */
gboolean
prism_comparison_run_vote_winner (PrismComparisonRun   *self,
                                  PrismComparisonPane  *winner,
                                  GError              **error)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_RUN (self), FALSE);
  g_return_val_if_fail (winner == NULL || g_ptr_array_find (self->panes, winner, NULL), FALSE);

  if (!check_votable (self, winner, error))
    return FALSE;

  if (!prism_store_vote (self->store, self->comparison_id,
                         winner ? prism_comparison_pane_get_message_id (winner) : NULL, error))
    return FALSE;

  for (guint i = 0; i < self->panes->len; i++)
    {
      PrismComparisonPane *pane = g_ptr_array_index (self->panes, i);

      _prism_comparison_pane_set_winner (pane, pane == winner);
    }

  return TRUE;
}

/**
 * prism_comparison_run_vote_pair:
 * @self: a started #PrismComparisonRun
 * @winner: the answer judged better in a blind vote
 * @loser: the answer shown beside it
 * @error: why the vote was not stored
 *
 * Returns: whether the vote was stored
 */
gboolean
prism_comparison_run_vote_pair (PrismComparisonRun   *self,
                                PrismComparisonPane  *winner,
                                PrismComparisonPane  *loser,
                                GError              **error)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_RUN (self), FALSE);
  g_return_val_if_fail (g_ptr_array_find (self->panes, winner, NULL), FALSE);
  g_return_val_if_fail (g_ptr_array_find (self->panes, loser, NULL), FALSE);

  if (!check_votable (self, winner, error) || !check_votable (self, loser, error))
    return FALSE;

  return prism_store_vote_pair (self->store, self->comparison_id,
                                prism_comparison_pane_get_message_id (winner),
                                prism_comparison_pane_get_message_id (loser),
                                error);
}

gboolean
_prism_comparison_pane_has_answer (PrismComparisonPane *pane)
{
  return !prism_comparison_pane_get_running (pane) &&
         prism_comparison_pane_get_message_id (pane) != NULL &&
         *prism_comparison_pane_get_content (pane) != '\0';
}

/**
 * prism_comparison_run_pick_blind_pair:
 * @self: a #PrismComparisonRun
 * @first: (out) (transfer none): the answer to show first
 * @second: (out) (transfer none): the answer to show second
 *
 * Picks two ended answers with text at random, in a random order, of
 * different models when there are such.
 *
 * Returns: whether there were two answers to pick
 */
gboolean
prism_comparison_run_pick_blind_pair (PrismComparisonRun   *self,
                                      PrismComparisonPane **first,
                                      PrismComparisonPane **second)
{
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  g_autoptr(GArray) same_model = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  GArray *from;
  guint *pick;

  g_return_val_if_fail (PRISM_IS_COMPARISON_RUN (self), FALSE);
  g_return_val_if_fail (first != NULL && second != NULL, FALSE);

  for (guint i = 0; i < self->panes->len; i++)
    for (guint j = i + 1; j < self->panes->len; j++)
      {
        PrismComparisonPane *a = g_ptr_array_index (self->panes, i);
        PrismComparisonPane *b = g_ptr_array_index (self->panes, j);
        guint pair[2] = { i, j };

        if (!_prism_comparison_pane_has_answer (a) || !_prism_comparison_pane_has_answer (b) ||
            prism_comparison_pane_get_fusion (a) || prism_comparison_pane_get_fusion (b))
          continue;

        if (g_str_equal (prism_comparison_pane_get_model (a), prism_comparison_pane_get_model (b)))
          g_array_append_vals (same_model, pair, 1);
        else
          g_array_append_vals (pairs, pair, 1);
      }

  from = pairs->len > 0 ? pairs : same_model;
  if (from->len == 0)
    return FALSE;

  pick = (guint *)(from->data + g_random_int_range (0, from->len) * sizeof (guint) * 2);
  if (g_random_boolean ())
    {
      *first = g_ptr_array_index (self->panes, pick[0]);
      *second = g_ptr_array_index (self->panes, pick[1]);
    }
  else
    {
      *first = g_ptr_array_index (self->panes, pick[1]);
      *second = g_ptr_array_index (self->panes, pick[0]);
    }

  return TRUE;
}
