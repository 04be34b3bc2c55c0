/* prism-leaderboard-view.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "prism-leaderboard.h"
#include "prism-store.h"

G_BEGIN_DECLS

#define PRISM_TYPE_LEADERBOARD_VIEW (prism_leaderboard_view_get_type ())

G_DECLARE_FINAL_TYPE (PrismLeaderboardView, prism_leaderboard_view, PRISM, LEADERBOARD_VIEW, GtkWidget)

GtkWidget  *prism_leaderboard_view_new       (void);
void        prism_leaderboard_view_set_store (PrismLeaderboardView *self,
                                              PrismStore           *store);
gboolean    prism_leaderboard_view_reload    (PrismLeaderboardView *self,
                                              GError              **error);
guint       prism_leaderboard_view_get_n_rows (PrismLeaderboardView *self);
const PrismLeaderboardRow *
            prism_leaderboard_view_get_row   (PrismLeaderboardView *self,
                                              guint                 index);

G_END_DECLS
