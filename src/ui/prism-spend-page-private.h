/* prism-spend-page-private.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prism-leaderboard-view.h"
#include "prism-spend-page.h"
#include "prism-store-activity.h"

G_BEGIN_DECLS

struct _PrismSpendPage
{
  AdwBin               parent_instance;

  PrismStore          *store;
  PrismBudgetMonitor  *monitor;
  GCancellable        *cancellable;
  PrismSpendRange      range;
  PrismSpendGroup      group;
  char                *since;
  char                *until;
  char                *custom_since;
  char                *custom_until;
  guint                pending;
  guint                reload_source;
  GListStore          *models;
  GPtrArray           *stats;          /* of PrismModelStats, for the CSV */
  GPtrArray           *budget_rows;

  GtkDropDown         *range_dropdown;
  GtkWidget           *custom_box;
  GtkMenuButton       *since_button;
  GtkMenuButton       *until_button;
  GtkCalendar         *since_calendar;
  GtkCalendar         *until_calendar;
  GtkDropDown         *group_dropdown;
  GtkLabel            *total_label;
  GtkLabel            *range_label;
  GtkLabel            *requests_label;
  GtkLabel            *unknown_label;
  GtkLabel            *estimate_label;
  PrismSpendChart     *chart;
  GtkColumnView       *table;
  AdwPreferencesGroup *budgets_group;
  PrismLeaderboardView *leaderboard;
  AdwPreferencesGroup *openrouter_group;
  GPtrArray           *openrouter_rows;
  GCancellable        *openrouter_cancellable;
};

/* Shared by the page's files */
void           _prism_spend_page_finish_loading     (PrismSpendPage *self);
void           _prism_spend_page_show_error         (PrismSpendPage *self,
                                                     const char     *heading,
                                                     const GError   *error);
void           _prism_spend_page_rebuild_budgets    (PrismSpendPage *self);
void           _prism_spend_page_class_init_budgets (GtkWidgetClass *widget_class);

/* For the tests, which read what a person sees */
GtkLabel      *_prism_spend_page_get_total_label    (PrismSpendPage *self);
GtkLabel      *_prism_spend_page_get_requests_label (PrismSpendPage *self);
GtkLabel      *_prism_spend_page_get_unknown_label  (PrismSpendPage *self);
GtkLabel      *_prism_spend_page_get_estimate_label (PrismSpendPage *self);
GtkColumnView *_prism_spend_page_get_table          (PrismSpendPage *self);
AdwPreferencesGroup *_prism_spend_page_get_budgets_group (PrismSpendPage *self);
AdwPreferencesGroup *_prism_spend_page_get_openrouter_group (PrismSpendPage *self);
char          *_prism_spend_page_format_cell        (const PrismModelStats *stats,
                                                     const char            *column);

G_END_DECLS
