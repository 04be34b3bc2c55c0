/* prism-leaderboard.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "prism-store.h"

G_BEGIN_DECLS

/* The rating of a model that won as often as it lost. */
#define PRISM_LEADERBOARD_BASE_RATING 1000.0

/**
 * PrismLeaderboardRow:
 * @model: `PROVIDER:MODEL`
 * @rating: a Bradley–Terry strength on the Elo scale: 400 points more
 *   means 10 to 1 odds of being preferred
 * @votes: the matches the model took part in (@wins + @losses + @ties)
 */
typedef struct
{
  char   *model;
  double  rating;
  guint   wins;
  guint   losses;
  guint   ties;
  guint   votes;
} PrismLeaderboardRow;

#define PRISM_TYPE_LEADERBOARD_ROW (prism_leaderboard_row_get_type ())

GType                prism_leaderboard_row_get_type (void) G_GNUC_CONST;
PrismLeaderboardRow *prism_leaderboard_row_copy     (PrismLeaderboardRow *row);
void                 prism_leaderboard_row_free     (PrismLeaderboardRow *row);

GPtrArray           *prism_leaderboard_compute      (GPtrArray           *matches);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrismLeaderboardRow, prism_leaderboard_row_free)

G_END_DECLS
