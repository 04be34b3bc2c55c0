/* prism-leaderboard.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-leaderboard"

#include "config.h"

#include "prism-leaderboard.h"

#include <math.h>

/* A private leaderboard of a person's own models, from their votes.
 *
 * Bradley–Terry: model i is preferred to j with probability
 * p_i / (p_i + p_j). The strengths are the maximum-likelihood ones, found
 * with Hunter's MM iteration (p_i ← W_i / Σ_j n_ij / (p_i + p_j)); a tie
 * counts half a win to each side. A model that never lost would have an
 * infinite strength, so each model also plays two virtual games, one won
 * and one lost, against a reference of strength 1: few votes keep a
 * model near the base rating, many votes move it where they say.
 * Ratings are on the Elo scale around PRISM_LEADERBOARD_BASE_RATING.
 */

#define PRIOR_GAMES 2.0
#define PRIOR_WINS  1.0
#define MAX_ITERATIONS 10000
#define TOLERANCE 1e-12

G_DEFINE_BOXED_TYPE (PrismLeaderboardRow, prism_leaderboard_row,
                     prism_leaderboard_row_copy, prism_leaderboard_row_free)

PrismLeaderboardRow *
prism_leaderboard_row_copy (PrismLeaderboardRow *row)
{
  PrismLeaderboardRow *copy;

  g_return_val_if_fail (row != NULL, NULL);

  copy = g_memdup2 (row, sizeof *row);
  copy->model = g_strdup (row->model);

  return copy;
}

void
prism_leaderboard_row_free (PrismLeaderboardRow *row)
{
  if (row == NULL)
    return;

  g_free (row->model);
  g_free (row);
}

static guint
model_index (GHashTable *indices,
             GPtrArray  *rows,
             const char *model)
{
  gpointer value;
  PrismLeaderboardRow *row;

  if (g_hash_table_lookup_extended (indices, model, NULL, &value))
    return GPOINTER_TO_UINT (value);

  row = g_new0 (PrismLeaderboardRow, 1);
  row->model = g_strdup (model);
  g_ptr_array_add (rows, row);
  g_hash_table_insert (indices, row->model, GUINT_TO_POINTER (rows->len - 1));

  return rows->len - 1;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const PrismLeaderboardRow *row_a = *(PrismLeaderboardRow **)a;
  const PrismLeaderboardRow *row_b = *(PrismLeaderboardRow **)b;

  if (row_a->rating != row_b->rating)
    return row_a->rating > row_b->rating ? -1 : 1;
  if (row_a->votes != row_b->votes)
    return row_a->votes > row_b->votes ? -1 : 1;

  return g_strcmp0 (row_a->model, row_b->model);
}

/**
 * prism_leaderboard_compute:
 * @matches: (element-type PrismVoteMatch): the matches, as
 *   prism_store_list_vote_matches() reads them
 *
 * Returns: (transfer container) (element-type PrismLeaderboardRow): one
 *   row per model, best first
 */
GPtrArray *
prism_leaderboard_compute (GPtrArray *matches)
{
  g_autoptr(GHashTable) indices = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_leaderboard_row_free);
  g_autofree double *games = NULL;   /* n × n games between i and j */
  g_autofree double *wins = NULL;
  g_autofree double *strength = NULL;
  g_autofree double *next = NULL;
  guint n;

  g_return_val_if_fail (matches != NULL, rows);

  for (guint k = 0; k < matches->len; k++)
    {
      PrismVoteMatch *match = g_ptr_array_index (matches, k);

      model_index (indices, rows, match->winner);
      model_index (indices, rows, match->loser);
    }

  n = rows->len;
  if (n == 0)
    return rows;

  games = g_new0 (double, n * n);
  wins = g_new0 (double, n);
  strength = g_new (double, n);
  next = g_new (double, n);

  for (guint k = 0; k < matches->len; k++)
    {
      PrismVoteMatch *match = g_ptr_array_index (matches, k);
      guint w = GPOINTER_TO_UINT (g_hash_table_lookup (indices, match->winner));
      guint l = GPOINTER_TO_UINT (g_hash_table_lookup (indices, match->loser));
      PrismLeaderboardRow *winner = g_ptr_array_index (rows, w);
      PrismLeaderboardRow *loser = g_ptr_array_index (rows, l);

      games[w * n + l] += 1;
      games[l * n + w] += 1;
      winner->votes++;
      loser->votes++;

      if (match->tie)
        {
          wins[w] += 0.5;
          wins[l] += 0.5;
          winner->ties++;
          loser->ties++;
        }
      else
        {
          wins[w] += 1;
          winner->wins++;
          loser->losses++;
        }
    }

  for (guint i = 0; i < n; i++)
    strength[i] = 1;

  for (guint iteration = 0; iteration < MAX_ITERATIONS; iteration++)
    {
      double change = 0;

      for (guint i = 0; i < n; i++)
        {
          double denominator = PRIOR_GAMES / (strength[i] + 1);

          for (guint j = 0; j < n; j++)
            if (j != i && games[i * n + j] > 0)
              denominator += games[i * n + j] / (strength[i] + strength[j]);

          next[i] = (wins[i] + PRIOR_WINS) / denominator;
        }

      for (guint i = 0; i < n; i++)
        {
          change = MAX (change, fabs (next[i] - strength[i]) / strength[i]);
          strength[i] = next[i];
        }

      if (change < TOLERANCE)
        break;
    }

  for (guint i = 0; i < n; i++)
    {
      PrismLeaderboardRow *row = g_ptr_array_index (rows, i);

      row->rating = PRISM_LEADERBOARD_BASE_RATING + 400 * log10 (strength[i]);
    }

  g_ptr_array_sort (rows, compare_rows);

  return rows;
}
