/* prism-store-activity.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prism-store.h"

G_BEGIN_DECLS

/* The activity log and the per-model figures of the Spend page: queries
 * that read the attempts themselves, where spend_days has no column for
 * what they need (timings, errors, where a cost came from). */

/**
 * PrismAttemptFilter:
 * Which attempts to list; %NULL (or 0 for @project_id) matches all.
 * @status is "ok" (no error) or "error".
 */
typedef struct
{
  const char *model;
  const char *provider;
  const char *status;
  gint64      project_id;
} PrismAttemptFilter;

/**
 * PrismModelStats:
 * One model's figures over a range of days. Unknown costs are counted in
 * @unknown_cost_requests and not summed; @estimated_cost_usd is the part
 * of @cost_usd computed from the bundled price table. @mean_ttft_ms and
 * @output_tokens_per_second are NAN when no attempt measured them.
 */
typedef struct
{
  char    *model;
  char    *provider;
  gint64   requests;
  gint64   unknown_cost_requests;
  gint64   estimated_requests;
  gint64   errors;
  gint64   input_tokens;
  gint64   output_tokens;
  double   cost_usd;
  double   estimated_cost_usd;
  double   mean_ttft_ms;
  double   output_tokens_per_second;
} PrismModelStats;

#define PRISM_TYPE_MODEL_STATS (prism_model_stats_get_type ())

GType            prism_model_stats_get_type   (void) G_GNUC_CONST;
PrismModelStats *prism_model_stats_copy       (const PrismModelStats *stats);
void             prism_model_stats_free       (PrismModelStats       *stats);
double           prism_model_stats_get_error_rate      (const PrismModelStats *stats);
double           prism_model_stats_get_mean_cost       (const PrismModelStats *stats);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrismModelStats, prism_model_stats_free)

GPtrArray   *prism_store_list_attempts          (PrismStore               *self,
                                                 const PrismAttemptFilter *filter,
                                                 guint                     limit,
                                                 guint                     offset,
                                                 GError                  **error);
void         prism_store_list_attempts_async    (PrismStore               *self,
                                                 const PrismAttemptFilter *filter,
                                                 guint                     limit,
                                                 guint                     offset,
                                                 GCancellable             *cancellable,
                                                 GAsyncReadyCallback       callback,
                                                 gpointer                  user_data);
GPtrArray   *prism_store_list_attempts_finish   (PrismStore               *self,
                                                 GAsyncResult             *result,
                                                 GError                  **error);

GPtrArray   *prism_store_query_model_stats      (PrismStore               *self,
                                                 const char               *since,
                                                 const char               *until,
                                                 GError                  **error);
void         prism_store_query_model_stats_async  (PrismStore             *self,
                                                   const char             *since,
                                                   const char             *until,
                                                   GCancellable           *cancellable,
                                                   GAsyncReadyCallback     callback,
                                                   gpointer                user_data);
GPtrArray   *prism_store_query_model_stats_finish (PrismStore             *self,
                                                   GAsyncResult           *result,
                                                   GError                **error);

PrismSpendRow *prism_store_get_scope_total      (PrismStore               *self,
                                                 const char               *scope,
                                                 const char               *target,
                                                 const char               *since,
                                                 const char               *until,
                                                 GError                  **error);

PrismSpendRow *prism_store_get_provider_spend_between (PrismStore          *self,
                                                      const char          *provider,
                                                      gint64               since_us,
                                                      gint64               until_us,
                                                      GError             **error);

G_END_DECLS
