/* prism-store-spend.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-store"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "prism-store-private.h"

#include "prism-error.h"

/* Spend reads spend_days, the per-day totals that triggers keep beside
 * the attempts (schema v2): a year is a few thousand rows, whatever the
 * number of requests. Unknown costs are counted, never summed as zero. */

#define SPEND_SUMS \
  "sum (s.requests), sum (s.unknown_cost_requests), sum (s.input_tokens)," \
  " sum (s.cached_input_tokens), sum (s.cache_write_tokens), sum (s.output_tokens)," \
  " sum (s.reasoning_tokens), total (s.cost_usd)"

#define SPEND_RANGE " WHERE s.day BETWEEN coalesce (?1, '0000-00-00') AND coalesce (?2, '9999-99-99')"

#define SPEND_QUERY(key, join, group) \
  "SELECT " key ", NULL, " SPEND_SUMS " FROM spend_days s " join SPEND_RANGE \
  " GROUP BY " group " ORDER BY 10 DESC, 1"

#define SPEND_DAILY_QUERY(key, join, group) \
  "SELECT " key ", s.day, " SPEND_SUMS " FROM spend_days s " join SPEND_RANGE \
  " GROUP BY s.day, " group " ORDER BY s.day, 1"

#define PROJECT_JOIN "JOIN projects p ON p.id = s.project_id"

static const char * const spend_sql[][2] = {
  [PRISM_SPEND_BY_MODEL] = {
    SPEND_QUERY ("s.model", "", "s.model"),
    SPEND_DAILY_QUERY ("s.model", "", "s.model"),
  },
  [PRISM_SPEND_BY_PROVIDER] = {
    SPEND_QUERY ("s.provider", "", "s.provider"),
    SPEND_DAILY_QUERY ("s.provider", "", "s.provider"),
  },
  [PRISM_SPEND_BY_PROJECT] = {
    SPEND_QUERY ("p.name", PROJECT_JOIN, "s.project_id"),
    SPEND_DAILY_QUERY ("p.name", PROJECT_JOIN, "s.project_id"),
  },
  [PRISM_SPEND_BY_DAY] = {
    "SELECT s.day, s.day, " SPEND_SUMS " FROM spend_days s" SPEND_RANGE
    " GROUP BY s.day ORDER BY s.day",
    "SELECT s.day, s.day, " SPEND_SUMS " FROM spend_days s" SPEND_RANGE
    " GROUP BY s.day ORDER BY s.day",
  },
};

static PrismSpendRow *
spend_row_from_row (sqlite3_stmt *stmt)
{
  PrismSpendRow *row = _prism_spend_row_new ();

  row->key = g_strdup (sqlite3_column_type (stmt, 0) == SQLITE_NULL
                       ? "total" : (const char *)sqlite3_column_text (stmt, 0));
  row->day = _prism_store_column_dup (stmt, 1);
  row->requests = sqlite3_column_int64 (stmt, 2);
  row->unknown_cost_requests = sqlite3_column_int64 (stmt, 3);
  row->input_tokens = sqlite3_column_int64 (stmt, 4);
  row->cached_input_tokens = sqlite3_column_int64 (stmt, 5);
  row->cache_write_tokens = sqlite3_column_int64 (stmt, 6);
  row->output_tokens = sqlite3_column_int64 (stmt, 7);
  row->reasoning_tokens = sqlite3_column_int64 (stmt, 8);
  row->cost_usd = sqlite3_column_double (stmt, 9);

  return row;
}

typedef struct
{
  PrismSpendGroup  by;
  gboolean         per_day;
  char            *since;
  char            *until;
  char            *scope;
  char            *target;
} SpendData;

static void
spend_data_free (SpendData *data)
{
  g_free (data->since);
  g_free (data->until);
  g_free (data->scope);
  g_free (data->target);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpendData, spend_data_free)

static gboolean
spend_job (PrismStore  *self,
           sqlite3     *db,
           gpointer     data,
           gpointer    *result,
           GError     **error)
{
  SpendData *spend = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  int rc;

  stmt = _prism_store_prepare (db, spend_sql[spend->by][spend->per_day ? 1 : 0], error);
  if (stmt == NULL)
    return FALSE;

  _prism_store_bind_text (stmt, 1, spend->since);
  _prism_store_bind_text (stmt, 2, spend->until);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_spend_row_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, spend_row_from_row (stmt));
  if (rc != SQLITE_DONE)
    return _prism_store_fail (db, rc, error);

  *result = g_steal_pointer (&rows);

  return TRUE;
}

static SpendData *
spend_data_new (PrismSpendGroup   by,
                gboolean          per_day,
                const char       *since,
                const char       *until,
                GError          **error)
{
  SpendData *data;

  if ((guint)by >= G_N_ELEMENTS (spend_sql))
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("Spend can be grouped by model, provider, project or day."));
      return NULL;
    }

  if (!_prism_store_check_day (since, error) || !_prism_store_check_day (until, error))
    return NULL;

  data = g_new0 (SpendData, 1);
  data->by = by;
  data->per_day = per_day;
  data->since = g_strdup (since);
  data->until = g_strdup (until);

  return data;
}

/**
 * prism_store_query_spend:
 * @by: what to group by
 * @per_day: %TRUE for a series with one row per day and key
 * @since: (nullable): the first local day, YYYY-MM-DD
 * @until: (nullable): the last local day, YYYY-MM-DD
 *
 * Returns: (transfer container) (element-type PrismSpendRow): the totals,
 *   biggest cost first, or the series, oldest day first
 */
GPtrArray *
prism_store_query_spend (PrismStore       *self,
                         PrismSpendGroup   by,
                         gboolean          per_day,
                         const char       *since,
                         const char       *until,
                         GError          **error)
{
  g_autoptr(SpendData) data = NULL;
  GPtrArray *rows = NULL;

  g_return_val_if_fail (PRISM_IS_STORE (self), NULL);

  data = spend_data_new (by, per_day, since, until, error);
  if (data == NULL)
    return NULL;

  if (!_prism_store_run (self, spend_job, data, (gpointer *)&rows, error))
    return NULL;

  return rows;
}

void
prism_store_query_spend_async (PrismStore          *self,
                               PrismSpendGroup      by,
                               gboolean             per_day,
                               const char          *since,
                               const char          *until,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GError *error = NULL;
  SpendData *data;

  g_return_if_fail (PRISM_IS_STORE (self));

  data = spend_data_new (by, per_day, since, until, &error);
  if (data == NULL)
    {
      g_task_report_error (self, callback, user_data, prism_store_query_spend_async, error);
      return;
    }

  _prism_store_run_async (self, spend_job, data, (GDestroyNotify)spend_data_free,
                          (GDestroyNotify)g_ptr_array_unref, prism_store_query_spend_async,
                          cancellable, callback, user_data);
}

GPtrArray *
prism_store_query_spend_finish (PrismStore    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return _prism_store_run_finish (self, result, prism_store_query_spend_async, error);
}

static gboolean
total_job (PrismStore  *self,
           sqlite3     *db,
           gpointer     data,
           gpointer    *result,
           GError     **error)
{
  SpendData *spend = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _prism_store_prepare (db,
                               "SELECT NULL, NULL, " SPEND_SUMS " FROM spend_days s" SPEND_RANGE
                               " AND (?3 = 'all'"
                               "  OR (?3 = 'provider' AND s.provider = ?4)"
                               "  OR (?3 = 'model' AND s.model = ?4)"
                               "  OR (?3 = 'project' AND s.project_id ="
                               "      (SELECT id FROM projects WHERE name = ?4)))",
                               error);
  if (stmt == NULL)
    return FALSE;

  _prism_store_bind_text (stmt, 1, spend->since);
  _prism_store_bind_text (stmt, 2, spend->until);
  _prism_store_bind_text (stmt, 3, spend->scope ? spend->scope : "all");
  _prism_store_bind_text (stmt, 4, spend->target);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _prism_store_fail (db, rc, error);

  *result = spend_row_from_row (stmt);

  return TRUE;
}

static PrismSpendRow *
run_total (PrismStore  *self,
           SpendData   *data,
           GError     **error)
{
  PrismSpendRow *row = NULL;

  if (!_prism_store_run (self, total_job, data, (gpointer *)&row, error))
    return NULL;

  return row;
}

/**
 * prism_store_get_total:
 *
 * Returns: (transfer full): what was spent over the days, keyed "total"
 */
PrismSpendRow *
prism_store_get_total (PrismStore  *self,
                       const char  *since,
                       const char  *until,
                       GError     **error)
{
  g_autoptr(SpendData) data = NULL;

  g_return_val_if_fail (PRISM_IS_STORE (self), NULL);

  data = spend_data_new (PRISM_SPEND_BY_DAY, FALSE, since, until, error);
  if (data == NULL)
    return NULL;

  return run_total (self, data, error);
}

static char *
period_start (const char *period)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, g_str_equal (period, "day") ? "%Y-%m-%d" : "%Y-%m-01");
}

/**
 * prism_store_get_month_total:
 *
 * Returns: (transfer full): what was spent since the first of this month
 *   (local time)
 */
PrismSpendRow *
prism_store_get_month_total (PrismStore  *self,
                             GError     **error)
{
  g_autofree char *since = period_start ("month");

  g_return_val_if_fail (PRISM_IS_STORE (self), NULL);

  return prism_store_get_total (self, since, NULL, error);
}

static SpendData *
budget_data_new (const PrismBudget *budget)
{
  SpendData *data = g_new0 (SpendData, 1);

  data->since = period_start (budget->period);
  data->scope = g_strdup (budget->scope);
  data->target = g_strdup (budget->target);

  return data;
}

/**
 * prism_store_get_budget_spend:
 *
 * Returns: (transfer full): what was spent within @budget's scope in its
 *   current period (today, or this month)
 */
PrismSpendRow *
prism_store_get_budget_spend (PrismStore         *self,
                              const PrismBudget  *budget,
                              GError            **error)
{
  g_autoptr(SpendData) data = NULL;

  g_return_val_if_fail (PRISM_IS_STORE (self), NULL);
  g_return_val_if_fail (budget != NULL, NULL);

  data = budget_data_new (budget);

  return run_total (self, data, error);
}

void
prism_store_get_budget_spend_async (PrismStore          *self,
                                    const PrismBudget   *budget,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (PRISM_IS_STORE (self));
  g_return_if_fail (budget != NULL);

  _prism_store_run_async (self, total_job, budget_data_new (budget),
                          (GDestroyNotify)spend_data_free, (GDestroyNotify)prism_spend_row_free,
                          prism_store_get_budget_spend_async, cancellable, callback, user_data);
}

PrismSpendRow *
prism_store_get_budget_spend_finish (PrismStore    *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _prism_store_run_finish (self, result, prism_store_get_budget_spend_async, error);
}

/* Budgets */

static gboolean
check_one_of (const char          *what,
              const char          *value,
              const char * const  *allowed,
              GError             **error)
{
  g_autofree char *list = NULL;

  if (value != NULL && g_strv_contains (allowed, value))
    return TRUE;

  list = g_strjoinv (", ", (char **)allowed);
  g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
               _("“%s” is not a budget %s; use one of %s."),
               value ? value : "(none)", what, list);
  return FALSE;
}

static gboolean
check_limit (double   limit_usd,
             GError **error)
{
  if (isnan (limit_usd) || isinf (limit_usd) || limit_usd < 0)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("A budget's limit must be an amount of dollars, zero or more."));
      return FALSE;
    }

  return TRUE;
}

static const char * const actions[] = { "warn", "block", NULL };

typedef struct
{
  PrismBudget *budget;
  int          op;
} BudgetData;

enum { BUDGET_ADD, BUDGET_UPDATE, BUDGET_DELETE };

static gboolean
budget_job (PrismStore  *self,
            sqlite3     *db,
            gpointer     data,
            gpointer    *result,
            GError     **error)
{
  static const char * const sql[] = {
    [BUDGET_ADD] = "INSERT INTO budgets (scope, target, period, limit_usd, action)"
                   " VALUES (?2, ?3, ?4, ?5, ?6)",
    [BUDGET_UPDATE] = "UPDATE budgets SET limit_usd = ?5, action = ?6 WHERE id = ?1",
    [BUDGET_DELETE] = "DELETE FROM budgets WHERE id = ?1",
  };
  BudgetData *op = data;
  PrismBudget *budget = op->budget;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _prism_store_prepare (db, sql[op->op], error);
  if (stmt == NULL)
    return FALSE;

  if (op->op != BUDGET_ADD)
    sqlite3_bind_int64 (stmt, 1, budget->id);
  if (op->op == BUDGET_ADD)
    {
      _prism_store_bind_text (stmt, 2, budget->scope);
      _prism_store_bind_text (stmt, 3, budget->target);
      _prism_store_bind_text (stmt, 4, budget->period);
    }
  if (op->op != BUDGET_DELETE)
    {
      sqlite3_bind_double (stmt, 5, budget->limit_usd);
      _prism_store_bind_text (stmt, 6, budget->action);
    }

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return _prism_store_fail (db, rc, error);

  if (op->op != BUDGET_ADD && sqlite3_changes (db) == 0)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("There is no budget %lld."), (long long)budget->id);
      return FALSE;
    }

  if (op->op == BUDGET_ADD)
    budget->id = sqlite3_last_insert_rowid (db);

  return TRUE;
}

/**
 * prism_store_add_budget:
 * @scope: all, provider, model or project
 * @target: (nullable): the provider id, model id or project name; %NULL
 *   for all
 * @period: day or month
 * @action: warn or block
 *
 * Returns: the new budget's id, or 0 on error
 */
gint64
prism_store_add_budget (PrismStore  *self,
                        const char  *scope,
                        const char  *target,
                        const char  *period,
                        double       limit_usd,
                        const char  *action,
                        GError     **error)
{
  static const char * const scopes[] = { "all", "provider", "model", "project", NULL };
  static const char * const periods[] = { "day", "month", NULL };
  PrismBudget budget = {
    .scope = (char *)scope, .target = (char *)target, .period = (char *)period,
    .limit_usd = limit_usd, .action = (char *)action,
  };

  g_return_val_if_fail (PRISM_IS_STORE (self), 0);

  if (!check_one_of (_("scope"), scope, scopes, error) ||
      !check_one_of (_("period"), period, periods, error) ||
      !check_one_of (_("action"), action, actions, error) ||
      !check_limit (limit_usd, error))
    return 0;

  if ((g_strcmp0 (scope, "all") == 0) != (target == NULL || *target == '\0'))
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("A budget for all spend takes no target; one for a provider, model or "
                     "project needs its name."));
      return 0;
    }

  if (!_prism_store_run (self, budget_job, &(BudgetData) { &budget, BUDGET_ADD }, NULL, error))
    return 0;

  return budget.id;
}

gboolean
prism_store_update_budget (PrismStore  *self,
                           gint64       id,
                           double       limit_usd,
                           const char  *action,
                           GError     **error)
{
  PrismBudget budget = { .id = id, .limit_usd = limit_usd, .action = (char *)action };

  g_return_val_if_fail (PRISM_IS_STORE (self), FALSE);

  if (!check_one_of (_("action"), action, actions, error) || !check_limit (limit_usd, error))
    return FALSE;

  return _prism_store_run (self, budget_job, &(BudgetData) { &budget, BUDGET_UPDATE }, NULL, error);
}

gboolean
prism_store_delete_budget (PrismStore  *self,
                           gint64       id,
                           GError     **error)
{
  PrismBudget budget = { .id = id };

  g_return_val_if_fail (PRISM_IS_STORE (self), FALSE);

  return _prism_store_run (self, budget_job, &(BudgetData) { &budget, BUDGET_DELETE }, NULL, error);
}

static gboolean
list_budgets_job (PrismStore  *self,
                  sqlite3     *db,
                  gpointer     data,
                  gpointer    *result,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) budgets = NULL;
  int rc;

  stmt = _prism_store_prepare (db,
                               "SELECT id, scope, target, period, limit_usd, action FROM budgets ORDER BY id",
                               error);
  if (stmt == NULL)
    return FALSE;

  budgets = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_budget_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PrismBudget *budget = _prism_budget_new ();

      budget->id = sqlite3_column_int64 (stmt, 0);
      budget->scope = _prism_store_column_dup (stmt, 1);
      budget->target = _prism_store_column_dup (stmt, 2);
      budget->period = _prism_store_column_dup (stmt, 3);
      budget->limit_usd = sqlite3_column_double (stmt, 4);
      budget->action = _prism_store_column_dup (stmt, 5);
      g_ptr_array_add (budgets, budget);
    }
  if (rc != SQLITE_DONE)
    return _prism_store_fail (db, rc, error);

  *result = g_steal_pointer (&budgets);

  return TRUE;
}

/**
 * prism_store_list_budgets:
 *
 * Returns: (transfer container) (element-type PrismBudget): every budget
 */
GPtrArray *
prism_store_list_budgets (PrismStore  *self,
                          GError     **error)
{
  GPtrArray *budgets = NULL;

  g_return_val_if_fail (PRISM_IS_STORE (self), NULL);

  if (!_prism_store_run (self, list_budgets_job, NULL, (gpointer *)&budgets, error))
    return NULL;

  return budgets;
}
