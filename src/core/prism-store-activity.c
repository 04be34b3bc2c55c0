/* prism-store-activity.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-store"

#include "config.h"

#include "prism-store-activity.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "prism-store-private.h"

#include "prism-error.h"

/* An attempt failed when it carries an error, whatever its HTTP status. */
#define ATTEMPT_FAILED "(a.error_kind IS NOT NULL OR a.error_message IS NOT NULL)"

#define DAY_RANGE "a.day BETWEEN coalesce (?1, '0000-00-00') AND coalesce (?2, '9999-99-99')"

PrismModelStats *
prism_model_stats_copy (const PrismModelStats *stats)
{
  PrismModelStats *copy;

  g_return_val_if_fail (stats != NULL, NULL);

  copy = g_memdup2 (stats, sizeof *stats);
  copy->model = g_strdup (stats->model);
  copy->provider = g_strdup (stats->provider);

  return copy;
}

void
prism_model_stats_free (PrismModelStats *stats)
{
  if (stats == NULL)
    return;

  g_free (stats->model);
  g_free (stats->provider);
  g_free (stats);
}

G_DEFINE_BOXED_TYPE (PrismModelStats, prism_model_stats,
                     prism_model_stats_copy, prism_model_stats_free)

/**
 * prism_model_stats_get_error_rate:
 *
 * Returns: the share of attempts that failed, 0 to 1; NAN without attempts
 */
double
prism_model_stats_get_error_rate (const PrismModelStats *stats)
{
  g_return_val_if_fail (stats != NULL, NAN);

  if (stats->requests == 0)
    return NAN;

  return (double)stats->errors / stats->requests;
}

/**
 * prism_model_stats_get_mean_cost:
 *
 * Returns: the mean cost of the attempts whose cost is known; NAN when
 *   none is
 */
double
prism_model_stats_get_mean_cost (const PrismModelStats *stats)
{
  gint64 known;

  g_return_val_if_fail (stats != NULL, NAN);

  known = stats->requests - stats->unknown_cost_requests;
  if (known <= 0)
    return NAN;

  return stats->cost_usd / known;
}

/* The activity log */

typedef struct
{
  char   *model;
  char   *provider;
  char   *status;
  gint64  project_id;
  guint   limit;
  guint   offset;
} ListData;

static void
list_data_free (ListData *data)
{
  g_free (data->model);
  g_free (data->provider);
  g_free (data->status);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ListData, list_data_free)

static ListData *
list_data_new (const PrismAttemptFilter  *filter,
               guint                      limit,
               guint                      offset,
               GError                   **error)
{
  ListData *data;

  if (filter != NULL && filter->status != NULL &&
      !g_str_equal (filter->status, "ok") && !g_str_equal (filter->status, "error"))
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("“%s” is not an attempt status; use “ok” or “error”."), filter->status);
      return NULL;
    }

  data = g_new0 (ListData, 1);
  if (filter != NULL)
    {
      data->model = g_strdup (filter->model);
      data->provider = g_strdup (filter->provider);
      data->status = g_strdup (filter->status);
      data->project_id = filter->project_id;
    }
  data->limit = limit;
  data->offset = offset;

  return data;
}

static gboolean
list_job (PrismStore  *self,
          sqlite3     *db,
          gpointer     data,
          gpointer    *result,
          GError     **error)
{
  ListData *list = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) attempts = NULL;
  int rc;

  stmt = _prism_store_prepare (db,
                               "SELECT " PRISM_STORE_ATTEMPT_COLUMNS " FROM attempts a"
                               " WHERE (?1 IS NULL OR a.model = ?1)"
                               " AND (?2 IS NULL OR a.provider = ?2)"
                               " AND (?3 IS NULL OR (?3 = 'error') = " ATTEMPT_FAILED ")"
                               " AND (?4 = 0 OR a.project_id = ?4)"
                               " ORDER BY a.started_at DESC, a.id DESC LIMIT ?5 OFFSET ?6",
                               error);
  if (stmt == NULL)
    return FALSE;

  _prism_store_bind_text (stmt, 1, list->model);
  _prism_store_bind_text (stmt, 2, list->provider);
  _prism_store_bind_text (stmt, 3, list->status);
  sqlite3_bind_int64 (stmt, 4, list->project_id);
  sqlite3_bind_int64 (stmt, 5, list->limit == 0 ? -1 : (gint64)list->limit);
  sqlite3_bind_int64 (stmt, 6, list->offset);

  attempts = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_attempt_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (attempts, _prism_attempt_new_from_row (stmt));
  if (rc != SQLITE_DONE)
    return _prism_store_fail (db, rc, error);

  *result = g_steal_pointer (&attempts);

  return TRUE;
}

/**
 * prism_store_list_attempts:
 * @filter: (nullable): which attempts; %NULL for all
 * @limit: how many at most; 0 for all
 * @offset: how many of the newest to skip
 *
 * Returns: (transfer container) (element-type PrismAttempt): the
 *   attempts, newest first
 */
GPtrArray *
prism_store_list_attempts (PrismStore                *self,
                           const PrismAttemptFilter  *filter,
                           guint                      limit,
                           guint                      offset,
                           GError                   **error)
{
  g_autoptr(ListData) data = NULL;
  GPtrArray *attempts = NULL;

  g_return_val_if_fail (PRISM_IS_STORE (self), NULL);

  data = list_data_new (filter, limit, offset, error);
  if (data == NULL)
    return NULL;

  if (!_prism_store_run (self, list_job, data, (gpointer *)&attempts, error))
    return NULL;

  return attempts;
}

void
prism_store_list_attempts_async (PrismStore               *self,
                                 const PrismAttemptFilter *filter,
                                 guint                     limit,
                                 guint                     offset,
                                 GCancellable             *cancellable,
                                 GAsyncReadyCallback       callback,
                                 gpointer                  user_data)
{
  GError *error = NULL;
  ListData *data;

  g_return_if_fail (PRISM_IS_STORE (self));

  data = list_data_new (filter, limit, offset, &error);
  if (data == NULL)
    {
      g_task_report_error (self, callback, user_data, prism_store_list_attempts_async, error);
      return;
    }

  _prism_store_run_async (self, list_job, data, (GDestroyNotify)list_data_free,
                          (GDestroyNotify)g_ptr_array_unref, prism_store_list_attempts_async,
                          cancellable, callback, user_data);
}

GPtrArray *
prism_store_list_attempts_finish (PrismStore    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _prism_store_run_finish (self, result, prism_store_list_attempts_async, error);
}

/* Per-model figures */

typedef struct
{
  char *since;
  char *until;
  char *scope;
  char *target;
} RangeData;

static void
range_data_free (RangeData *data)
{
  g_free (data->since);
  g_free (data->until);
  g_free (data->scope);
  g_free (data->target);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RangeData, range_data_free)

static RangeData *
range_data_new (const char  *since,
                const char  *until,
                GError     **error)
{
  RangeData *data;

  if (!_prism_store_check_day (since, error) || !_prism_store_check_day (until, error))
    return NULL;

  data = g_new0 (RangeData, 1);
  data->since = g_strdup (since);
  data->until = g_strdup (until);

  return data;
}

/* Tokens per second count the output of answers that arrived, over the
 * time from their first token to their last. */
#define MEASURED "(NOT " ATTEMPT_FAILED " AND a.output_tokens > 0" \
                 " AND a.latency_ms > coalesce (a.ttft_ms, 0))"

static int
compare_stats (gconstpointer a,
               gconstpointer b)
{
  const PrismModelStats *x = *(PrismModelStats **)a;
  const PrismModelStats *y = *(PrismModelStats **)b;

  if (x->cost_usd != y->cost_usd)
    return x->cost_usd > y->cost_usd ? -1 : 1;

  return g_strcmp0 (x->model, y->model);
}

/* Sums per model in C rather than with GROUP BY: SQLite would sort
 * every attempt of the range by model first, which over a year of
 * history costs more than the scan itself. Over a long range a plain
 * scan of the table beats a walk of the day index. */
static gboolean
stats_job (PrismStore  *self,
           sqlite3     *db,
           gpointer     data,
           gpointer    *result,
           GError     **error)
{
  RangeData *range = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) by_model = NULL;
  g_autofree double *ttft_sums = NULL;
  g_autofree gint64 *ttft_counts = NULL;
  g_autofree double *measured_tokens = NULL;
  g_autofree double *measured_ms = NULL;
  gboolean long_range;
  int rc;

  long_range = range->since == NULL || range->until == NULL ||
               strncmp (range->since, range->until, 4) != 0 ||
               atoi (range->until + 5) - atoi (range->since + 5) > 2;

  stmt = _prism_store_prepare (db,
                               long_range
                               ? "SELECT a.model, a.provider, a.cost_usd, a.cost_source = 'bundled',"
                                 " " ATTEMPT_FAILED ", a.input_tokens, a.output_tokens, a.ttft_ms,"
                                 " " MEASURED ", a.latency_ms - coalesce (a.ttft_ms, 0)"
                                 " FROM attempts a NOT INDEXED WHERE " DAY_RANGE
                               : "SELECT a.model, a.provider, a.cost_usd, a.cost_source = 'bundled',"
                                 " " ATTEMPT_FAILED ", a.input_tokens, a.output_tokens, a.ttft_ms,"
                                 " " MEASURED ", a.latency_ms - coalesce (a.ttft_ms, 0)"
                                 " FROM attempts a WHERE " DAY_RANGE,
                               error);
  if (stmt == NULL)
    return FALSE;

  _prism_store_bind_text (stmt, 1, range->since);
  _prism_store_bind_text (stmt, 2, range->until);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_model_stats_free);
  by_model = g_hash_table_new (g_str_hash, g_str_equal);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *model = (const char *)sqlite3_column_text (stmt, 0);
      PrismModelStats *stats;
      gpointer index;
      guint i;

      if (!g_hash_table_lookup_extended (by_model, model, NULL, &index))
        {
          stats = g_new0 (PrismModelStats, 1);
          stats->model = g_strdup (model);
          stats->provider = _prism_store_column_dup (stmt, 1);
          g_ptr_array_add (rows, stats);
          index = GUINT_TO_POINTER (rows->len - 1);
          g_hash_table_insert (by_model, stats->model, index);
          ttft_sums = g_renew (double, ttft_sums, rows->len);
          ttft_counts = g_renew (gint64, ttft_counts, rows->len);
          measured_tokens = g_renew (double, measured_tokens, rows->len);
          measured_ms = g_renew (double, measured_ms, rows->len);
          i = rows->len - 1;
          ttft_sums[i] = measured_tokens[i] = measured_ms[i] = 0;
          ttft_counts[i] = 0;
        }

      i = GPOINTER_TO_UINT (index);
      stats = g_ptr_array_index (rows, i);
      stats->requests++;
      if (sqlite3_column_type (stmt, 2) == SQLITE_NULL)
        stats->unknown_cost_requests++;
      else
        {
          double cost = sqlite3_column_double (stmt, 2);

          stats->cost_usd += cost;
          if (sqlite3_column_int (stmt, 3))
            {
              stats->estimated_requests++;
              stats->estimated_cost_usd += cost;
            }
        }
      stats->errors += sqlite3_column_int (stmt, 4);
      stats->input_tokens += sqlite3_column_int64 (stmt, 5);
      stats->output_tokens += sqlite3_column_int64 (stmt, 6);
      if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
        {
          ttft_sums[i] += sqlite3_column_double (stmt, 7);
          ttft_counts[i]++;
        }
      if (sqlite3_column_int (stmt, 8))
        {
          measured_tokens[i] += sqlite3_column_int64 (stmt, 6);
          measured_ms[i] += sqlite3_column_double (stmt, 9);
        }
    }
  if (rc != SQLITE_DONE)
    return _prism_store_fail (db, rc, error);

  for (guint i = 0; i < rows->len; i++)
    {
      PrismModelStats *stats = g_ptr_array_index (rows, i);

      stats->mean_ttft_ms = ttft_counts[i] > 0 ? ttft_sums[i] / ttft_counts[i] : NAN;
      stats->output_tokens_per_second = measured_ms[i] > 0 ? measured_tokens[i] * 1000.0 / measured_ms[i] : NAN;
    }
  g_ptr_array_sort (rows, compare_stats);

  *result = g_steal_pointer (&rows);

  return TRUE;
}

/**
 * prism_store_query_model_stats:
 * @since: (nullable): the first local day, YYYY-MM-DD
 * @until: (nullable): the last local day, YYYY-MM-DD
 *
 * Returns: (transfer container) (element-type PrismModelStats): one row
 *   per model, biggest cost first
 */
GPtrArray *
prism_store_query_model_stats (PrismStore  *self,
                               const char  *since,
                               const char  *until,
                               GError     **error)
{
  g_autoptr(RangeData) data = NULL;
  GPtrArray *rows = NULL;

  g_return_val_if_fail (PRISM_IS_STORE (self), NULL);

  data = range_data_new (since, until, error);
  if (data == NULL)
    return NULL;

  if (!_prism_store_run (self, stats_job, data, (gpointer *)&rows, error))
    return NULL;

  return rows;
}

void
prism_store_query_model_stats_async (PrismStore          *self,
                                     const char          *since,
                                     const char          *until,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GError *error = NULL;
  RangeData *data;

  g_return_if_fail (PRISM_IS_STORE (self));

  data = range_data_new (since, until, &error);
  if (data == NULL)
    {
      g_task_report_error (self, callback, user_data, prism_store_query_model_stats_async, error);
      return;
    }

  _prism_store_run_async (self, stats_job, data, (GDestroyNotify)range_data_free,
                          (GDestroyNotify)g_ptr_array_unref, prism_store_query_model_stats_async,
                          cancellable, callback, user_data);
}

GPtrArray *
prism_store_query_model_stats_finish (PrismStore    *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return _prism_store_run_finish (self, result, prism_store_query_model_stats_async, error);
}

/* Scope totals, for budgets over any period */

static gboolean
scope_total_job (PrismStore  *self,
                 sqlite3     *db,
                 gpointer     data,
                 gpointer    *result,
                 GError     **error)
{
  RangeData *range = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  PrismSpendRow *row;
  int rc;

  stmt = _prism_store_prepare (db,
                               "SELECT sum (s.requests), sum (s.unknown_cost_requests),"
                               " sum (s.input_tokens), sum (s.cached_input_tokens),"
                               " sum (s.cache_write_tokens), sum (s.output_tokens),"
                               " sum (s.reasoning_tokens), total (s.cost_usd)"
                               " FROM spend_days s"
                               " WHERE s.day BETWEEN coalesce (?1, '0000-00-00') AND coalesce (?2, '9999-99-99')"
                               " AND (?3 = 'all'"
                               "  OR (?3 = 'provider' AND s.provider = ?4)"
                               "  OR (?3 = 'model' AND s.model = ?4)"
                               "  OR (?3 = 'project' AND s.project_id ="
                               "      (SELECT id FROM projects WHERE name = ?4)))",
                               error);
  if (stmt == NULL)
    return FALSE;

  _prism_store_bind_text (stmt, 1, range->since);
  _prism_store_bind_text (stmt, 2, range->until);
  _prism_store_bind_text (stmt, 3, range->scope);
  _prism_store_bind_text (stmt, 4, range->target);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _prism_store_fail (db, rc, error);

  row = _prism_spend_row_new ();
  row->key = g_strdup ("total");
  row->requests = sqlite3_column_int64 (stmt, 0);
  row->unknown_cost_requests = sqlite3_column_int64 (stmt, 1);
  row->input_tokens = sqlite3_column_int64 (stmt, 2);
  row->cached_input_tokens = sqlite3_column_int64 (stmt, 3);
  row->cache_write_tokens = sqlite3_column_int64 (stmt, 4);
  row->output_tokens = sqlite3_column_int64 (stmt, 5);
  row->reasoning_tokens = sqlite3_column_int64 (stmt, 6);
  row->cost_usd = sqlite3_column_double (stmt, 7);
  *result = row;

  return TRUE;
}

/**
 * prism_store_get_scope_total:
 * @scope: all, provider, model or project
 * @target: (nullable): the provider id, model id or project name
 * @since: (nullable): the first local day, YYYY-MM-DD
 * @until: (nullable): the last local day, YYYY-MM-DD
 *
 * Returns: (transfer full): what was spent within @scope over the days
 */
PrismSpendRow *
prism_store_get_scope_total (PrismStore  *self,
                             const char  *scope,
                             const char  *target,
                             const char  *since,
                             const char  *until,
                             GError     **error)
{
  g_autoptr(RangeData) data = NULL;
  PrismSpendRow *row = NULL;

  g_return_val_if_fail (PRISM_IS_STORE (self), NULL);
  g_return_val_if_fail (scope != NULL, NULL);

  if (!g_str_equal (scope, "all") && !g_str_equal (scope, "provider") &&
      !g_str_equal (scope, "model") && !g_str_equal (scope, "project"))
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("“%s” is not a budget scope; use one of all, provider, model, project."),
                   scope);
      return NULL;
    }

  data = range_data_new (since, until, error);
  if (data == NULL)
    return NULL;
  data->scope = g_strdup (scope);
  data->target = g_strdup (target);

  if (!_prism_store_run (self, scope_total_job, data, (gpointer *)&row, error))
    return NULL;

  return row;
}

typedef struct
{
  char   *provider;
  gint64  since_us;
  gint64  until_us;
} SpanData;

static gboolean
span_total_job (PrismStore  *self,
                sqlite3     *db,
                gpointer     data,
                gpointer    *result,
                GError     **error)
{
  SpanData *span = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  PrismSpendRow *row;
  int rc;

  /* By the instant, not the local day: a provider's own periods are in UTC */
  stmt = _prism_store_prepare (db,
                               "SELECT count (*), count (*) - count (a.cost_usd), total (a.input_tokens),"
                               " total (a.output_tokens), total (a.cost_usd)"
                               " FROM attempts a WHERE a.provider = ?1"
                               " AND a.started_at >= ?2 AND a.started_at < ?3",
                               error);
  if (stmt == NULL)
    return FALSE;

  _prism_store_bind_text (stmt, 1, span->provider);
  sqlite3_bind_int64 (stmt, 2, span->since_us);
  sqlite3_bind_int64 (stmt, 3, span->until_us);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _prism_store_fail (db, rc, error);

  row = _prism_spend_row_new ();
  row->key = g_strdup (span->provider);
  row->requests = sqlite3_column_int64 (stmt, 0);
  row->unknown_cost_requests = sqlite3_column_int64 (stmt, 1);
  row->input_tokens = sqlite3_column_int64 (stmt, 2);
  row->output_tokens = sqlite3_column_int64 (stmt, 3);
  row->cost_usd = sqlite3_column_double (stmt, 4);
  *result = row;

  return TRUE;
}

/**
 * prism_store_get_provider_spend_between:
 * @provider: a provider id
 * @since_us: the first instant, µs since the epoch
 * @until_us: the instant after the last
 *
 * Returns: (transfer full): what the attempts of @provider that started
 *   in the span cost, keyed by the provider
 */
PrismSpendRow *
prism_store_get_provider_spend_between (PrismStore  *self,
                                        const char  *provider,
                                        gint64       since_us,
                                        gint64       until_us,
                                        GError     **error)
{
  SpanData data = { (char *)provider, since_us, until_us };
  PrismSpendRow *row = NULL;

  g_return_val_if_fail (PRISM_IS_STORE (self), NULL);
  g_return_val_if_fail (provider != NULL, NULL);

  if (!_prism_store_run (self, span_total_job, &data, (gpointer *)&row, error))
    return NULL;

  return row;
}
