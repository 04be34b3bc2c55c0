/* prism-comparison-run.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prism-client.h"
#include "prism-comparison-pane.h"
#include "prism-store.h"

G_BEGIN_DECLS

#define PRISM_COMPARISON_MIN_MODELS 2
#define PRISM_COMPARISON_MAX_MODELS 6

/* What an answer is assumed to grow to when no maximum is set. */
#define PRISM_COMPARISON_DEFAULT_OUTPUT_TOKENS 1024

typedef enum
{
  PRISM_COMPARISON_SUMMARY_MARKDOWN,
  PRISM_COMPARISON_SUMMARY_CSV,
} PrismComparisonSummaryFormat;

#define PRISM_TYPE_COMPARISON_RUN (prism_comparison_run_get_type ())

G_DECLARE_FINAL_TYPE (PrismComparisonRun, prism_comparison_run, PRISM, COMPARISON_RUN, GObject)

PrismComparisonRun  *prism_comparison_run_new                    (PrismClient          *client,
                                                                  PrismStore           *store,
                                                                  const char           *conversation_id,
                                                                  const char           *prompt,
                                                                  const char * const   *models,
                                                                  GError              **error);
PrismComparisonRun  *prism_comparison_run_new_from_history       (PrismClient          *client,
                                                                  PrismStore           *store,
                                                                  const char           *conversation_id,
                                                                  const char           *comparison_id,
                                                                  GError              **error);
gboolean             prism_comparison_run_get_reopened           (PrismComparisonRun   *self);
void                 prism_comparison_run_set_system_prompt      (PrismComparisonRun   *self,
                                                                  const char           *system_prompt);
void                 prism_comparison_run_set_max_tokens         (PrismComparisonRun   *self,
                                                                  gint64                max_tokens);
void                 prism_comparison_run_set_project_id         (PrismComparisonRun   *self,
                                                                  gint64                project_id);
void                 prism_comparison_run_set_cost_cap           (PrismComparisonRun   *self,
                                                                  double                cap_usd);
double               prism_comparison_run_get_cost_cap           (PrismComparisonRun   *self);
gint64               prism_comparison_run_estimate_input_tokens  (PrismComparisonRun   *self);
gint64               prism_comparison_run_estimate_output_tokens (PrismComparisonRun   *self);
double               prism_comparison_run_estimate_cost          (PrismComparisonRun   *self,
                                                                  guint                *n_unknown);
gboolean             prism_comparison_run_start                  (PrismComparisonRun   *self,
                                                                  GError              **error);
void                 prism_comparison_run_stop_all               (PrismComparisonRun   *self);
gboolean             prism_comparison_run_retry                  (PrismComparisonRun   *self,
                                                                  PrismComparisonPane  *pane,
                                                                  GError              **error);
gboolean             prism_comparison_run_get_running            (PrismComparisonRun   *self);
const char          *prism_comparison_run_get_prompt             (PrismComparisonRun   *self);
const char          *prism_comparison_run_get_conversation_id    (PrismComparisonRun   *self);
const char          *prism_comparison_run_get_prompt_id          (PrismComparisonRun   *self);
const char          *prism_comparison_run_get_comparison_id      (PrismComparisonRun   *self);
PrismComparisonPane *prism_comparison_run_get_pane               (PrismComparisonRun   *self,
                                                                  guint                 index);
gboolean             prism_comparison_run_vote_winner            (PrismComparisonRun   *self,
                                                                  PrismComparisonPane  *winner,
                                                                  GError              **error);
gboolean             prism_comparison_run_vote_pair              (PrismComparisonRun   *self,
                                                                  PrismComparisonPane  *winner,
                                                                  PrismComparisonPane  *loser,
                                                                  GError              **error);
gboolean             prism_comparison_run_pick_blind_pair        (PrismComparisonRun   *self,
                                                                  PrismComparisonPane **first,
                                                                  PrismComparisonPane **second);
PrismComparisonPane *prism_comparison_run_fuse                   (PrismComparisonRun   *self,
                                                                  const char           *model,
                                                                  GError              **error);
char                *prism_comparison_run_format_summary         (PrismComparisonRun   *self,
                                                                  PrismComparisonSummaryFormat format);

G_END_DECLS
