/* prism-store-attempts.c
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

PrismAttempt *
_prism_attempt_new_from_row (sqlite3_stmt *stmt)
{
  PrismAttempt *attempt = prism_attempt_new ();

  attempt->id = sqlite3_column_int64 (stmt, 0);
  attempt->message_id = _prism_store_column_dup (stmt, 1);
  attempt->model = _prism_store_column_dup (stmt, 2);
  attempt->provider = _prism_store_column_dup (stmt, 3);
  attempt->http_status = sqlite3_column_int (stmt, 4);
  attempt->error_kind = _prism_store_column_dup (stmt, 5);
  attempt->error_message = _prism_store_column_dup (stmt, 6);
  attempt->usage.known = sqlite3_column_type (stmt, 7) != SQLITE_NULL;
  attempt->usage.input_tokens = sqlite3_column_int64 (stmt, 7);
  attempt->usage.cached_input_tokens = sqlite3_column_int64 (stmt, 8);
  attempt->usage.cache_write_tokens = sqlite3_column_int64 (stmt, 9);
  attempt->usage.output_tokens = sqlite3_column_int64 (stmt, 10);
  attempt->usage.reasoning_tokens = sqlite3_column_int64 (stmt, 11);
  attempt->cost_usd = _prism_store_column_double (stmt, 12);
  if (!prism_cost_source_from_string ((const char *)sqlite3_column_text (stmt, 13), &attempt->cost_source))
    attempt->cost_source = PRISM_COST_SOURCE_UNKNOWN;
  attempt->prices.input = _prism_store_column_double (stmt, 14);
  attempt->prices.output = _prism_store_column_double (stmt, 15);
  attempt->prices.cached_input = _prism_store_column_double (stmt, 16);
  attempt->prices.cache_write = _prism_store_column_double (stmt, 17);
  attempt->prices.source = attempt->cost_source;
  attempt->ttft_ms = _prism_store_column_double (stmt, 18);
  attempt->latency_ms = _prism_store_column_double (stmt, 19);
  attempt->started_at = sqlite3_column_int64 (stmt, 20);
  attempt->project_id = sqlite3_column_int64 (stmt, 21);

  return attempt;
}

static gboolean
check_attempt (const PrismAttempt  *attempt,
               GError             **error)
{
  PrismErrorCode code;

  if (attempt->model == NULL || strchr (attempt->model, ':') == NULL)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("An attempt needs its model as PROVIDER:MODEL, not “%s”."),
                   attempt->model ? attempt->model : "(null)");
      return FALSE;
    }

  if (attempt->error_kind != NULL && !prism_error_kind_from_string (attempt->error_kind, &code))
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("“%s” is not an error kind."), attempt->error_kind);
      return FALSE;
    }

  if (attempt->usage.known &&
      (attempt->usage.input_tokens < 0 || attempt->usage.cached_input_tokens < 0 ||
       attempt->usage.cache_write_tokens < 0 || attempt->usage.output_tokens < 0 ||
       attempt->usage.reasoning_tokens < 0))
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("The token counts of an attempt of %s are negative."), attempt->model);
      return FALSE;
    }

  if (!isnan (attempt->cost_usd) && (attempt->cost_usd < 0 || isinf (attempt->cost_usd)))
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("The cost of an attempt of %s is not a positive number."), attempt->model);
      return FALSE;
    }

  if (!isnan (attempt->cost_usd) && attempt->cost_source == PRISM_COST_SOURCE_UNKNOWN)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("An attempt of %s has a cost but no source for it."), attempt->model);
      return FALSE;
    }

  return TRUE;
}

/* Inserts one attempt; the caller holds the transaction. The project is
 * the message's conversation's when there is a message. */
gboolean
_prism_store_insert_attempt (sqlite3             *db,
                             const PrismAttempt  *attempt,
                             gint64              *id,
                             GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *provider = NULL;
  g_autofree char *day = NULL;
  gint64 started_at;
  int rc;

  if (!check_attempt (attempt, error))
    return FALSE;

  stmt = _prism_store_prepare (db,
                               "INSERT INTO attempts (message_id, project_id, model, provider,"
                               " http_status, error_kind, error_message, input_tokens,"
                               " cached_input_tokens, cache_write_tokens, output_tokens,"
                               " reasoning_tokens, cost_usd, cost_source, input_price, output_price,"
                               " cached_input_price, cache_write_price, ttft_ms, latency_ms,"
                               " started_at, day)"
                               " VALUES (?1, coalesce ((SELECT c.project_id FROM messages m"
                               "   JOIN conversations c ON c.id = m.conversation_id WHERE m.id = ?1), ?2),"
                               " ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
                               " ?18, ?19, ?20, ?21, ?22)",
                               error);
  if (stmt == NULL)
    return FALSE;

  if (attempt->provider != NULL)
    provider = g_strdup (attempt->provider);
  else
    provider = g_strndup (attempt->model, strchr (attempt->model, ':') - attempt->model);

  started_at = attempt->started_at != 0 ? attempt->started_at : g_get_real_time ();
  day = _prism_store_local_day (started_at);

  _prism_store_bind_text (stmt, 1, attempt->message_id);
  sqlite3_bind_int64 (stmt, 2, attempt->project_id > 0 ? attempt->project_id : PRISM_STORE_DEFAULT_PROJECT);
  _prism_store_bind_text (stmt, 3, attempt->model);
  _prism_store_bind_text (stmt, 4, provider);
  if (attempt->http_status != 0)
    sqlite3_bind_int (stmt, 5, attempt->http_status);
  _prism_store_bind_text (stmt, 6, attempt->error_kind);
  _prism_store_bind_text (stmt, 7, attempt->error_message);
  if (attempt->usage.known)
    {
      sqlite3_bind_int64 (stmt, 8, attempt->usage.input_tokens);
      sqlite3_bind_int64 (stmt, 9, attempt->usage.cached_input_tokens);
      sqlite3_bind_int64 (stmt, 10, attempt->usage.cache_write_tokens);
      sqlite3_bind_int64 (stmt, 11, attempt->usage.output_tokens);
      sqlite3_bind_int64 (stmt, 12, attempt->usage.reasoning_tokens);
    }
  _prism_store_bind_double (stmt, 13, attempt->cost_usd);
  _prism_store_bind_text (stmt, 14, prism_cost_source_to_string (attempt->cost_source));
  _prism_store_bind_double (stmt, 15, attempt->prices.input);
  _prism_store_bind_double (stmt, 16, attempt->prices.output);
  _prism_store_bind_double (stmt, 17, attempt->prices.cached_input);
  _prism_store_bind_double (stmt, 18, attempt->prices.cache_write);
  _prism_store_bind_double (stmt, 19, attempt->ttft_ms);
  _prism_store_bind_double (stmt, 20, attempt->latency_ms);
  sqlite3_bind_int64 (stmt, 21, started_at);
  _prism_store_bind_text (stmt, 22, day);

  rc = sqlite3_step (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("Could not record an attempt of %s: message %s is not in the history."),
                   attempt->model, attempt->message_id ? attempt->message_id : "(none)");
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return _prism_store_fail (db, rc, error);

  if (id != NULL)
    *id = sqlite3_last_insert_rowid (db);

  return TRUE;
}

static gboolean
record_job (PrismStore  *self,
            sqlite3     *db,
            gpointer     data,
            gpointer    *result,
            GError     **error)
{
  gint64 id;

  if (!_prism_store_insert_attempt (db, data, &id, error))
    return FALSE;

  *result = g_memdup2 (&id, sizeof id);

  return TRUE;
}

/**
 * prism_store_record_attempt:
 * @attempt: one HTTP attempt; @attempt->message_id may be %NULL for a
 *   request that belongs to no message
 *
 * Records what one attempt used and cost, with the prices the cost was
 * computed with, so that a later change of price never rewrites it.
 * A cost of NAN is stored as unknown, never as zero.
 *
 * Returns: the attempt's id, or 0 on error
 */
gint64
prism_store_record_attempt (PrismStore          *self,
                            const PrismAttempt  *attempt,
                            GError             **error)
{
  g_autofree gint64 *id = NULL;

  g_return_val_if_fail (PRISM_IS_STORE (self), 0);
  g_return_val_if_fail (attempt != NULL, 0);

  if (!_prism_store_run (self, record_job, (gpointer)attempt, (gpointer *)&id, error))
    return 0;

  return *id;
}

void
prism_store_record_attempt_async (PrismStore          *self,
                                  const PrismAttempt  *attempt,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (PRISM_IS_STORE (self));
  g_return_if_fail (attempt != NULL);

  _prism_store_run_async (self, record_job, _prism_attempt_dup (attempt),
                          (GDestroyNotify)prism_attempt_free, g_free,
                          prism_store_record_attempt_async, cancellable, callback, user_data);
}

/**
 * prism_store_record_attempt_finish:
 *
 * Returns: the attempt's id, or 0 on error
 */
gint64
prism_store_record_attempt_finish (PrismStore    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_autofree gint64 *id = _prism_store_run_finish (self, result, prism_store_record_attempt_async, error);

  return id != NULL ? *id : 0;
}
