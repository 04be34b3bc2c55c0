/* prism-comparison-view-private.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prism-comparison-view.h"
#include "prism-markdown-view.h"

G_BEGIN_DECLS

/* prism-comparison-view.c holds the panes and the bar, -summary.c the
 * table, -pages.c the blind vote and the differences. */
struct _PrismComparisonView
{
  GtkWidget            parent_instance;

  PrismComparisonRun  *run;
  gulong               running_id;
  gulong               pane_finished_id;
  gulong               items_changed_id;
  gboolean             scroll_together;
  gboolean             scrolling;
  PrismComparisonPane *blind_first;
  PrismComparisonPane *blind_second;
  gboolean             blind_voted;

  AdwToastOverlay     *toast_overlay;
  GtkLabel            *prompt_label;
  GtkLabel            *estimate_label;
  GtkWidget           *blind_button;
  GtkMenuButton       *fuse_button;
  GtkMenuButton       *diff_button;
  GtkLabel            *diff_title_label;
  GtkLabel            *diff_label;
  GtkWidget           *stop_all_button;
  GtkStack            *stack;
  GtkBox              *panes_box;
  GtkLabel            *blind_a_label;
  GtkLabel            *blind_b_label;
  PrismMarkdownView   *blind_a_view;
  PrismMarkdownView   *blind_b_view;
  GtkLabel            *blind_result_label;
  GtkWidget           *blind_next_button;
  GtkRevealer         *summary_revealer;
  GtkColumnView       *summary_view;
};

void        _prism_comparison_view_toast                (PrismComparisonView *self,
                                                         const char          *message);
void        _prism_comparison_view_update_actions       (PrismComparisonView *self);
void        _prism_comparison_view_notify_blind         (PrismComparisonView *self);

void        _prism_comparison_view_add_columns          (PrismComparisonView *self);
void        _prism_comparison_view_refresh_summary      (PrismComparisonView *self);
void        _prism_comparison_view_copy_summary_action  (GtkWidget           *widget,
                                                         const char          *action_name,
                                                         GVariant            *parameter);

void        _prism_comparison_view_blind_action         (GtkWidget           *widget,
                                                         const char          *action_name,
                                                         GVariant            *parameter);
void        _prism_comparison_view_blind_vote_action    (GtkWidget           *widget,
                                                         const char          *action_name,
                                                         GVariant            *parameter);
void        _prism_comparison_view_show_answers_action  (GtkWidget           *widget,
                                                         const char          *action_name,
                                                         GVariant            *parameter);
void        _prism_comparison_view_diff_action          (GtkWidget           *widget,
                                                         const char          *action_name,
                                                         GVariant            *parameter);
GMenuModel *_prism_comparison_view_build_diff_menu      (PrismComparisonRun  *run);

G_END_DECLS
