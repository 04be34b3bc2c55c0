/* prism-store-export.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-store"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "prism-store-private.h"

#include "prism-error.h"
#include "prism-format.h"

/* One conversation exports as the object of `prism-cli show --json` with
 * the attempts of each message beside it; the whole history as
 * {"prism_export": 1, "conversations": [...], "attempts": [...]}, the
 * last holding attempts whose message was deleted. Messages keep the
 * chat-completions shape ("role", "content") with Prism's fields added. */

#define EXPORT_VERSION 1

static char *
format_time (gint64 time_us)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) exact = NULL;

  if (seconds == NULL)
    return g_strdup ("1970-01-01T00:00:00Z");

  exact = g_date_time_add (seconds, time_us % G_USEC_PER_SEC);

  return g_date_time_format_iso8601 (exact);
}

static void
add_time (JsonBuilder *builder,
          const char  *member,
          gint64       time_us)
{
  g_autofree char *text = format_time (time_us);

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, text);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, value);
}

static void
add_double (JsonBuilder *builder,
            const char  *member,
            double       value)
{
  json_builder_set_member_name (builder, member);
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

static void
add_usage (JsonBuilder      *builder,
           const PrismUsage *usage)
{
  json_builder_set_member_name (builder, "usage");
  prism_usage_to_json (usage, builder);
}

static void
add_attempt (JsonBuilder        *builder,
             const PrismAttempt *attempt)
{
  json_builder_begin_object (builder);
  add_string (builder, "model", attempt->model);
  add_string (builder, "provider", attempt->provider);
  json_builder_set_member_name (builder, "status");
  if (attempt->http_status == 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, attempt->http_status);
  json_builder_set_member_name (builder, "error");
  if (attempt->error_kind == NULL && attempt->error_message == NULL)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_object (builder);
      add_string (builder, "kind", attempt->error_kind);
      add_string (builder, "message", attempt->error_message);
      json_builder_end_object (builder);
    }
  add_usage (builder, &attempt->usage);
  add_double (builder, "cost_usd", attempt->cost_usd);
  add_string (builder, "cost_source", prism_cost_source_to_string (attempt->cost_source));
  json_builder_set_member_name (builder, "prices");
  json_builder_begin_object (builder);
  add_double (builder, "input", attempt->prices.input);
  add_double (builder, "output", attempt->prices.output);
  add_double (builder, "cached_input", attempt->prices.cached_input);
  add_double (builder, "cache_write", attempt->prices.cache_write);
  json_builder_end_object (builder);
  add_double (builder, "ttft_ms", attempt->ttft_ms);
  add_double (builder, "latency_ms", attempt->latency_ms);
  add_time (builder, "started_at", attempt->started_at);
  json_builder_end_object (builder);
}

static gboolean
add_votes (JsonBuilder  *builder,
           sqlite3      *db,
           const char   *comparison_id,
           GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _prism_store_prepare (db,
                               "SELECT winner_id, created_at, loser_id FROM votes WHERE comparison_id = ?1"
                               " ORDER BY created_at, id",
                               error);
  if (stmt == NULL)
    return FALSE;

  _prism_store_bind_text (stmt, 1, comparison_id);
  json_builder_set_member_name (builder, "votes");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      add_string (builder, "winner_id", (const char *)sqlite3_column_text (stmt, 0));
      add_time (builder, "created_at", sqlite3_column_int64 (stmt, 1));
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        add_string (builder, "loser_id", (const char *)sqlite3_column_text (stmt, 2));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (rc != SQLITE_DONE)
    return _prism_store_fail (db, rc, error);

  return TRUE;
}

static gboolean
add_conversation (JsonBuilder  *builder,
                  sqlite3      *db,
                  const char   *id,
                  GError      **error)
{
  g_autoptr(PrismConversation) conversation = NULL;

  if (!_prism_store_load_conversation (db, id, &conversation, error))
    return FALSE;

  json_builder_begin_object (builder);
  add_string (builder, "id", conversation->id);
  add_string (builder, "title", conversation->title);
  add_string (builder, "project", conversation->project);
  json_builder_set_member_name (builder, "pinned");
  json_builder_add_boolean_value (builder, conversation->pinned);
  json_builder_set_member_name (builder, "models");
  json_builder_begin_array (builder);
  for (guint i = 0; conversation->models[i] != NULL; i++)
    json_builder_add_string_value (builder, conversation->models[i]);
  json_builder_end_array (builder);
  add_time (builder, "created_at", conversation->created_at);
  add_time (builder, "updated_at", conversation->updated_at);
  add_double (builder, "cost_usd", conversation->cost_usd);

  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < conversation->messages->len; i++)
    {
      PrismMessage *message = g_ptr_array_index (conversation->messages, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", message->id);
      add_string (builder, "parent_id", message->parent_id);
      add_string (builder, "role", message->role);
      add_string (builder, "content", message->content);
      add_string (builder, "reasoning", message->reasoning);
      json_builder_set_member_name (builder, "attachments");
      if (message->attachments != NULL)
        json_builder_add_value (builder, json_from_string (message->attachments, NULL));
      else
        json_builder_add_null_value (builder);
      add_string (builder, "model", message->model);
      add_string (builder, "status", prism_message_status_to_string (message->status));
      add_string (builder, "error", message->error);
      add_string (builder, "comparison_id", message->comparison_id);
      add_time (builder, "created_at", message->created_at);
      add_usage (builder, &message->usage);
      add_double (builder, "cost_usd", message->cost_usd);
      json_builder_set_member_name (builder, "attempts");
      json_builder_begin_array (builder);
      for (guint j = 0; j < message->attempts->len; j++)
        add_attempt (builder, g_ptr_array_index (message->attempts, j));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "comparisons");
  json_builder_begin_array (builder);
  for (guint i = 0; i < conversation->comparisons->len; i++)
    {
      PrismComparison *comparison = g_ptr_array_index (conversation->comparisons, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", comparison->id);
      add_string (builder, "parent_id", comparison->parent_id);
      add_time (builder, "created_at", comparison->created_at);
      if (!add_votes (builder, db, comparison->id, error))
        return FALSE;
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return TRUE;
}

static gboolean
add_everything (JsonBuilder  *builder,
                sqlite3      *db,
                GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "prism_export");
  json_builder_add_int_value (builder, EXPORT_VERSION);

  stmt = _prism_store_prepare (db, "SELECT id FROM conversations ORDER BY created_at, rowid", error);
  if (stmt == NULL)
    return FALSE;
  json_builder_set_member_name (builder, "conversations");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!add_conversation (builder, db, (const char *)sqlite3_column_text (stmt, 0), error))
      return FALSE;
  if (rc != SQLITE_DONE)
    return _prism_store_fail (db, rc, error);
  json_builder_end_array (builder);
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _prism_store_prepare (db,
                               "SELECT " PRISM_STORE_ATTEMPT_COLUMNS " FROM attempts a"
                               " WHERE a.message_id IS NULL ORDER BY a.started_at, a.id",
                               error);
  if (stmt == NULL)
    return FALSE;
  json_builder_set_member_name (builder, "attempts");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(PrismAttempt) attempt = _prism_attempt_new_from_row (stmt);

      add_attempt (builder, attempt);
    }
  if (rc != SQLITE_DONE)
    return _prism_store_fail (db, rc, error);
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return TRUE;
}

static gboolean
export_json_job (PrismStore  *self,
                 sqlite3     *db,
                 gpointer     data,
                 gpointer    *result,
                 GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  gboolean ok;

  /* One read transaction: a consistent snapshot while others write. */
  if (!_prism_store_exec (db, "BEGIN", error))
    return FALSE;
  if (data != NULL)
    ok = add_conversation (builder, db, data, error);
  else
    ok = add_everything (builder, db, error);
  _prism_store_rollback (db);

  if (!ok)
    return FALSE;

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  *result = json_generator_to_data (generator, NULL);

  return TRUE;
}

/**
 * prism_store_export_json:
 * @conversation_id: (nullable): one conversation, or %NULL for all
 *
 * Returns: (transfer full): the JSON text, which
 *   prism_store_import_json() reads back into the same history
 */
char *
prism_store_export_json (PrismStore  *self,
                         const char  *conversation_id,
                         GError     **error)
{
  char *json = NULL;

  g_return_val_if_fail (PRISM_IS_STORE (self), NULL);

  if (!_prism_store_run (self, export_json_job, (gpointer)conversation_id, (gpointer *)&json, error))
    return NULL;

  return json;
}

void
prism_store_export_json_async (PrismStore          *self,
                               const char          *conversation_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (PRISM_IS_STORE (self));

  _prism_store_run_async (self, export_json_job, g_strdup (conversation_id), g_free, g_free,
                          prism_store_export_json_async, cancellable, callback, user_data);
}

/**
 * prism_store_export_json_finish:
 *
 * Returns: (transfer full): the JSON text, or %NULL
 */
char *
prism_store_export_json_finish (PrismStore    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return _prism_store_run_finish (self, result, prism_store_export_json_async, error);
}

static char *
format_local (gint64 time_us)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? prism_format_date_time (local) : g_strdup ("?");
}

static void
append_message_markdown (GString           *md,
                         PrismConversation *conversation,
                         PrismMessage      *message)
{
  g_autoptr(GPtrArray) siblings = prism_conversation_get_siblings (conversation, message->id);
  g_autofree char *when = format_local (message->created_at);
  g_autofree char *role = g_strdup (message->role);

  role[0] = g_ascii_toupper (role[0]);
  g_string_append_printf (md, "## %s", role);
  if (message->model != NULL)
    g_string_append_printf (md, " · %s", message->model);
  g_string_append_printf (md, " · %s", when);

  if (siblings->len > 1)
    {
      guint index = 0;

      while (index < siblings->len &&
             !g_str_equal (((PrismMessage *)g_ptr_array_index (siblings, index))->id, message->id))
        index++;
      g_string_append_printf (md, _(" · version %u of %u"), index + 1, siblings->len);
    }
  g_string_append (md, "\n\n");

  if (message->usage.known || message->attempts->len > 0)
    {
      g_autofree char *in = prism_format_tokens (message->usage.input_tokens);
      g_autofree char *out = prism_format_tokens (message->usage.output_tokens);
      g_autofree char *cost = isnan (message->cost_usd) ? g_strdup (_("unknown"))
                                                        : prism_format_cost (message->cost_usd);

      if (message->usage.known)
        g_string_append_printf (md,
                                /* Translators: the count is the number of input tokens */
                                g_dngettext (GETTEXT_PACKAGE,
                                             "*%s token in, %s out · cost %s*\n\n",
                                             "*%s tokens in, %s out · cost %s*\n\n",
                                             message->usage.input_tokens),
                                in, out, cost);
      else
        g_string_append_printf (md, _("*tokens unknown · cost %s*\n\n"), cost);
    }

  if (message->status != PRISM_MESSAGE_STATUS_COMPLETE)
    g_string_append_printf (md, _("*Status: %s%s%s*\n\n"),
                            prism_message_status_to_string (message->status),
                            message->error ? " — " : "", message->error ? message->error : "");

  if (message->reasoning != NULL && *message->reasoning != '\0')
    {
      g_auto(GStrv) lines = g_strsplit (message->reasoning, "\n", -1);

      g_string_append_printf (md, "> **%s**\n", _("Reasoning"));
      for (guint i = 0; lines[i] != NULL; i++)
        g_string_append_printf (md, "> %s\n", lines[i]);
      g_string_append_c (md, '\n');
    }

  g_string_append (md, message->content);
  g_string_append (md, "\n\n");
}

static gboolean
export_markdown_job (PrismStore  *self,
                     sqlite3     *db,
                     gpointer     data,
                     gpointer    *result,
                     GError     **error)
{
  g_autoptr(PrismConversation) conversation = NULL;
  g_autofree char *created = NULL;
  g_autofree char *models = NULL;
  GString *md;
  gboolean ok;

  if (!_prism_store_exec (db, "BEGIN", error))
    return FALSE;
  ok = _prism_store_load_conversation (db, data, &conversation, error);
  _prism_store_rollback (db);
  if (!ok)
    return FALSE;

  created = format_local (conversation->created_at);
  models = g_strjoinv (", ", conversation->models);

  md = g_string_new (NULL);
  g_string_append_printf (md, "# %s\n\n",
                          *conversation->title ? conversation->title : _("Untitled conversation"));
  g_string_append_printf (md, _("*Project: %s · started %s"), conversation->project, created);
  if (*models != '\0')
    g_string_append_printf (md, _(" · models: %s"), models);
  if (!isnan (conversation->cost_usd))
    {
      g_autofree char *cost = prism_format_cost (conversation->cost_usd);

      g_string_append_printf (md, _(" · total cost %s"), cost);
    }
  g_string_append (md, "*\n\n");

  for (guint i = 0; i < conversation->messages->len; i++)
    append_message_markdown (md, conversation, g_ptr_array_index (conversation->messages, i));

  *result = g_string_free (md, FALSE);

  return TRUE;
}

/**
 * prism_store_export_markdown:
 *
 * Returns: (transfer full): the conversation as Markdown, every message
 *   of its tree in order with its model, time, tokens and cost
 */
char *
prism_store_export_markdown (PrismStore  *self,
                             const char  *conversation_id,
                             GError     **error)
{
  char *md = NULL;

  g_return_val_if_fail (PRISM_IS_STORE (self), NULL);
  g_return_val_if_fail (conversation_id != NULL, NULL);

  if (!_prism_store_run (self, export_markdown_job, (gpointer)conversation_id, (gpointer *)&md, error))
    return NULL;

  return md;
}
