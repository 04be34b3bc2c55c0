/* prism-store-conversations.c
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

static char *
models_to_json (const char * const *models)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; models != NULL && models[i] != NULL; i++)
    json_builder_add_string_value (builder, models[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static char **
models_from_json (const char *text)
{
  g_autoptr(JsonNode) root = json_from_string (text, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *model = json_array_get_string_element (array, i);

          if (model != NULL)
            g_strv_builder_add (builder, model);
        }
    }

  return g_strv_builder_end (builder);
}

/* The columns of conversation_from_row */
#define CONVERSATION_COLUMNS \
  "c.id, c.title, c.project_id, p.name, c.pinned, c.models, c.created_at, c.updated_at, " \
  "(SELECT count(*) FROM messages m WHERE m.conversation_id = c.id), " \
  "(SELECT sum (a.cost_usd) FROM messages m JOIN attempts a ON a.message_id = m.id " \
  "  WHERE m.conversation_id = c.id)"

static PrismConversation *
conversation_from_row (sqlite3_stmt *stmt)
{
  PrismConversation *conversation = _prism_conversation_new ();

  conversation->id = _prism_store_column_dup (stmt, 0);
  conversation->title = _prism_store_column_dup (stmt, 1);
  conversation->project_id = sqlite3_column_int64 (stmt, 2);
  conversation->project = _prism_store_column_dup (stmt, 3);
  conversation->pinned = sqlite3_column_int (stmt, 4) != 0;
  conversation->models = models_from_json ((const char *)sqlite3_column_text (stmt, 5));
  conversation->created_at = sqlite3_column_int64 (stmt, 6);
  conversation->updated_at = sqlite3_column_int64 (stmt, 7);
  conversation->n_messages = sqlite3_column_int (stmt, 8);
  conversation->cost_usd = _prism_store_column_double (stmt, 9);

  return conversation;
}

typedef struct
{
  char    *title;
  gint64   project_id;
  char   **models;
} CreateData;

static gboolean
create_job (PrismStore  *self,
            sqlite3     *db,
            gpointer     data,
            gpointer    *result,
            GError     **error)
{
  CreateData *create = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *models = models_to_json ((const char * const *)create->models);
  PrismConversation *conversation;
  gint64 now = g_get_real_time ();
  int rc;

  stmt = _prism_store_prepare (db,
                               "INSERT INTO conversations (id, title, project_id, models, created_at, updated_at)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                               error);
  if (stmt == NULL)
    return FALSE;

  conversation = _prism_conversation_new ();
  conversation->id = g_uuid_string_random ();
  conversation->title = g_strdup (create->title ? create->title : "");
  conversation->project_id = create->project_id;
  conversation->models = g_strdupv (create->models ? create->models : (char *[]) { NULL });
  conversation->created_at = now;
  conversation->updated_at = now;
  conversation->messages = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_message_free);
  conversation->comparisons = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_comparison_free);

  _prism_store_bind_text (stmt, 1, conversation->id);
  _prism_store_bind_text (stmt, 2, conversation->title);
  sqlite3_bind_int64 (stmt, 3, conversation->project_id);
  _prism_store_bind_text (stmt, 4, models);
  sqlite3_bind_int64 (stmt, 5, now);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      prism_conversation_free (conversation);
      if ((rc & 0xff) == SQLITE_CONSTRAINT)
        {
          g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                       _("There is no project %lld to put the conversation in."),
                       (long long)create->project_id);
          return FALSE;
        }
      return _prism_store_fail (db, rc, error);
    }

  *result = conversation;

  return TRUE;
}

/**
 * prism_store_create_conversation:
 * @title: (nullable): the title; the UI fills it in later when %NULL
 * @project_id: a project, or 0 for the default one
 * @models: (nullable): the models the conversation talks to
 *
 * Returns: (transfer full): the new, empty conversation
 */
PrismConversation *
prism_store_create_conversation (PrismStore          *self,
                                 const char          *title,
                                 gint64               project_id,
                                 const char * const  *models,
                                 GError             **error)
{
  CreateData data = {
    .title = (char *)title,
    .project_id = project_id > 0 ? project_id : PRISM_STORE_DEFAULT_PROJECT,
    .models = (char **)models,
  };
  PrismConversation *conversation = NULL;

  g_return_val_if_fail (PRISM_IS_STORE (self), NULL);

  if (!_prism_store_run (self, create_job, &data, (gpointer *)&conversation, error))
    return NULL;

  return conversation;
}

static void
create_data_free (CreateData *data)
{
  g_free (data->title);
  g_strfreev (data->models);
  g_free (data);
}

void
prism_store_create_conversation_async (PrismStore          *self,
                                       const char          *title,
                                       gint64               project_id,
                                       const char * const  *models,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  CreateData *data;

  g_return_if_fail (PRISM_IS_STORE (self));

  data = g_new0 (CreateData, 1);
  data->title = g_strdup (title);
  data->project_id = project_id > 0 ? project_id : PRISM_STORE_DEFAULT_PROJECT;
  data->models = g_strdupv ((char **)models);

  _prism_store_run_async (self, create_job, data, (GDestroyNotify)create_data_free,
                          (GDestroyNotify)prism_conversation_free,
                          prism_store_create_conversation_async,
                          cancellable, callback, user_data);
}

PrismConversation *
prism_store_create_conversation_finish (PrismStore    *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return _prism_store_run_finish (self, result, prism_store_create_conversation_async, error);
}

/* A page of the list: the first one, or the one after a conversation
 * already shown (keyset paging, so a page deep in a long history costs
 * what the first does). */
typedef struct
{
  guint     limit;
  gboolean  after;
  gboolean  pinned;
  gint64    updated_at;
  char     *id;
} ListData;

static void
list_data_free (ListData *data)
{
  g_free (data->id);
  g_free (data);
}

static ListData *
list_data_new (guint                     limit,
               const PrismConversation  *after)
{
  ListData *data = g_new0 (ListData, 1);

  data->limit = limit ? limit : 50;
  if (after != NULL)
    {
      data->after = TRUE;
      data->pinned = after->pinned;
      data->updated_at = after->updated_at;
      data->id = g_strdup (after->id);
    }

  return data;
}

static gboolean
list_job (PrismStore  *self,
          sqlite3     *db,
          gpointer     data,
          gpointer    *result,
          GError     **error)
{
  ListData *list_data = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  if (list_data->after)
    stmt = _prism_store_prepare (db,
                                 "SELECT " CONVERSATION_COLUMNS
                                 " FROM conversations c JOIN projects p ON p.id = c.project_id"
                                 " WHERE (c.pinned, c.updated_at, c.id) < (?2, ?3, ?4)"
                                 " ORDER BY c.pinned DESC, c.updated_at DESC, c.id DESC LIMIT ?1",
                                 error);
  else
    stmt = _prism_store_prepare (db,
                                 "SELECT " CONVERSATION_COLUMNS
                                 " FROM conversations c JOIN projects p ON p.id = c.project_id"
                                 " ORDER BY c.pinned DESC, c.updated_at DESC, c.id DESC LIMIT ?1",
                                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, list_data->limit);
  if (list_data->after)
    {
      sqlite3_bind_int (stmt, 2, list_data->pinned);
      sqlite3_bind_int64 (stmt, 3, list_data->updated_at);
      _prism_store_bind_text (stmt, 4, list_data->id);
    }

  list = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_conversation_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, conversation_from_row (stmt));

  if (rc != SQLITE_DONE)
    return _prism_store_fail (db, rc, error);

  *result = g_steal_pointer (&list);

  return TRUE;
}

/**
 * prism_store_list_conversations:
 * @limit: how many, 0 for 50
 *
 * Returns: (transfer container) (element-type PrismConversation): the
 *   most recently updated conversations, pinned ones first, without
 *   their messages
 */
GPtrArray *
prism_store_list_conversations (PrismStore  *self,
                                guint        limit,
                                GError     **error)
{
  return prism_store_list_conversations_after (self, NULL, limit, error);
}

/**
 * prism_store_list_conversations_after:
 * @after: (nullable): the last conversation of the page shown so far
 * @limit: how many, 0 for 50
 *
 * Returns: (transfer container) (element-type PrismConversation): the
 *   next page of the list, in the same order
 */
GPtrArray *
prism_store_list_conversations_after (PrismStore               *self,
                                      const PrismConversation  *after,
                                      guint                     limit,
                                      GError                  **error)
{
  ListData *data;
  GPtrArray *list = NULL;
  gboolean ok;

  g_return_val_if_fail (PRISM_IS_STORE (self), NULL);

  data = list_data_new (limit, after);
  ok = _prism_store_run (self, list_job, data, (gpointer *)&list, error);
  list_data_free (data);

  return ok ? list : NULL;
}

void
prism_store_list_conversations_async (PrismStore          *self,
                                      guint                limit,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  prism_store_list_conversations_after_async (self, NULL, limit, cancellable, callback, user_data);
}

void
prism_store_list_conversations_after_async (PrismStore               *self,
                                            const PrismConversation  *after,
                                            guint                     limit,
                                            GCancellable             *cancellable,
                                            GAsyncReadyCallback       callback,
                                            gpointer                  user_data)
{
  g_return_if_fail (PRISM_IS_STORE (self));

  _prism_store_run_async (self, list_job, list_data_new (limit, after), (GDestroyNotify)list_data_free,
                          (GDestroyNotify)g_ptr_array_unref,
                          prism_store_list_conversations_async,
                          cancellable, callback, user_data);
}

GPtrArray *
prism_store_list_conversations_finish (PrismStore    *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return _prism_store_run_finish (self, result, prism_store_list_conversations_async, error);
}

static gboolean
load_comparisons (sqlite3            *db,
                  PrismConversation  *conversation,
                  GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _prism_store_prepare (db,
                               "SELECT c.id, c.parent_id, c.created_at,"
                               " (SELECT count(*) FROM votes v WHERE v.comparison_id = c.id),"
                               " (SELECT v.winner_id FROM votes v WHERE v.comparison_id = c.id AND v.loser_id IS NULL"
                               "   ORDER BY v.created_at DESC, v.id DESC LIMIT 1)"
                               " FROM comparisons c WHERE c.conversation_id = ?1"
                               " ORDER BY c.created_at, c.rowid",
                               error);
  if (stmt == NULL)
    return FALSE;

  _prism_store_bind_text (stmt, 1, conversation->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PrismComparison *comparison = _prism_comparison_new ();

      comparison->id = _prism_store_column_dup (stmt, 0);
      comparison->parent_id = _prism_store_column_dup (stmt, 1);
      comparison->created_at = sqlite3_column_int64 (stmt, 2);
      comparison->votes = sqlite3_column_int (stmt, 3);
      comparison->winner_id = _prism_store_column_dup (stmt, 4);
      g_ptr_array_add (conversation->comparisons, comparison);
    }

  if (rc != SQLITE_DONE)
    return _prism_store_fail (db, rc, error);

  return TRUE;
}

static gboolean
load_attempts (sqlite3            *db,
               PrismConversation  *conversation,
               GHashTable         *by_id,
               GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _prism_store_prepare (db,
                               "SELECT " PRISM_STORE_ATTEMPT_COLUMNS
                               " FROM messages m JOIN attempts a ON a.message_id = m.id"
                               " WHERE m.conversation_id = ?1 ORDER BY a.started_at, a.id",
                               error);
  if (stmt == NULL)
    return FALSE;

  _prism_store_bind_text (stmt, 1, conversation->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PrismAttempt *attempt = _prism_attempt_new_from_row (stmt);
      PrismMessage *message = g_hash_table_lookup (by_id, attempt->message_id);

      if (attempt->usage.known)
        prism_usage_add (&message->usage, &attempt->usage);

      if (isnan (attempt->cost_usd))
        message->unknown_cost_attempts++;
      else
        message->cost_usd = (isnan (message->cost_usd) ? 0 : message->cost_usd) + attempt->cost_usd;

      g_ptr_array_add (message->attempts, attempt);
    }

  if (rc != SQLITE_DONE)
    return _prism_store_fail (db, rc, error);

  return TRUE;
}

gboolean
_prism_store_load_conversation (sqlite3             *db,
                                const char          *id,
                                PrismConversation  **result,
                                GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(PrismConversation) conversation = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  int rc;

  stmt = _prism_store_prepare (db,
                               "SELECT " CONVERSATION_COLUMNS
                               " FROM conversations c JOIN projects p ON p.id = c.project_id"
                               " WHERE c.id = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;

  _prism_store_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("There is no conversation “%s” in the history."), id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return _prism_store_fail (db, rc, error);

  conversation = conversation_from_row (stmt);
  conversation->messages = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_message_free);
  conversation->comparisons = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_comparison_free);
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _prism_store_prepare (db,
                               "SELECT " PRISM_STORE_MESSAGE_COLUMNS " FROM messages m"
                               " WHERE m.conversation_id = ?1 ORDER BY m.created_at, m.rowid",
                               error);
  if (stmt == NULL)
    return FALSE;

  by_id = g_hash_table_new (g_str_hash, g_str_equal);
  _prism_store_bind_text (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PrismMessage *message = _prism_message_new_from_row (stmt);

      g_hash_table_insert (by_id, message->id, message);
      g_ptr_array_add (conversation->messages, message);
    }
  if (rc != SQLITE_DONE)
    return _prism_store_fail (db, rc, error);

  if (!load_attempts (db, conversation, by_id, error) ||
      !load_comparisons (db, conversation, error))
    return FALSE;

  *result = g_steal_pointer (&conversation);

  return TRUE;
}

static gboolean
get_job (PrismStore  *self,
         sqlite3     *db,
         gpointer     data,
         gpointer    *result,
         GError     **error)
{
  gboolean ok;

  /* One read transaction, so the messages and their attempts agree. */
  if (!_prism_store_exec (db, "BEGIN", error))
    return FALSE;
  ok = _prism_store_load_conversation (db, data, (PrismConversation **)result, error);
  _prism_store_rollback (db);

  return ok;
}

/**
 * prism_store_get_conversation:
 *
 * Returns: (transfer full): the conversation with every message of its
 *   tree, oldest first, each with its attempts, usage and cost
 */
PrismConversation *
prism_store_get_conversation (PrismStore  *self,
                              const char  *id,
                              GError     **error)
{
  PrismConversation *conversation = NULL;

  g_return_val_if_fail (PRISM_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!_prism_store_run (self, get_job, (gpointer)id, (gpointer *)&conversation, error))
    return NULL;

  return conversation;
}

void
prism_store_get_conversation_async (PrismStore          *self,
                                    const char          *id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (PRISM_IS_STORE (self));
  g_return_if_fail (id != NULL);

  _prism_store_run_async (self, get_job, g_strdup (id), g_free,
                          (GDestroyNotify)prism_conversation_free,
                          prism_store_get_conversation_async,
                          cancellable, callback, user_data);
}

PrismConversation *
prism_store_get_conversation_finish (PrismStore    *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _prism_store_run_finish (self, result, prism_store_get_conversation_async, error);
}

/* Changes to one conversation */

typedef enum
{
  CHANGE_RENAME = PRISM_CONVERSATION_RENAME,
  CHANGE_PIN = PRISM_CONVERSATION_PIN,
  CHANGE_MOVE = PRISM_CONVERSATION_MOVE,
  CHANGE_DELETE = PRISM_CONVERSATION_DELETE,
} ChangeKind;

typedef struct
{
  ChangeKind   kind;
  char        *id;
  char        *title;
  gint64       value;
} Change;

static void
change_free (Change *change)
{
  g_free (change->id);
  g_free (change->title);
  g_free (change);
}

static const char * const change_sql[] = {
  [CHANGE_RENAME] = "UPDATE conversations SET title = ?2 WHERE id = ?1",
  [CHANGE_PIN] = "UPDATE conversations SET pinned = ?3 WHERE id = ?1",
  [CHANGE_MOVE] = "UPDATE conversations SET project_id = ?3 WHERE id = ?1",
  [CHANGE_DELETE] = "DELETE FROM conversations WHERE id = ?1",
};

static gboolean
change_job (PrismStore  *self,
            sqlite3     *db,
            gpointer     data,
            gpointer    *result,
            GError     **error)
{
  Change *change = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!_prism_store_begin (db, error))
    return FALSE;

  stmt = _prism_store_prepare (db, change_sql[change->kind], error);
  if (stmt == NULL)
    goto failed;

  _prism_store_bind_text (stmt, 1, change->id);
  if (change->kind == CHANGE_RENAME)
    _prism_store_bind_text (stmt, 2, change->title);
  if (change->kind == CHANGE_PIN || change->kind == CHANGE_MOVE)
    sqlite3_bind_int64 (stmt, 3, change->value);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      if ((rc & 0xff) == SQLITE_CONSTRAINT && change->kind == CHANGE_MOVE)
        g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                     _("There is no project %lld to move the conversation to."),
                     (long long)change->value);
      else
        _prism_store_fail (db, rc, error);
      goto failed;
    }

  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("There is no conversation “%s” in the history."), change->id);
      goto failed;
    }

  /* What a conversation cost follows it to its new project. */
  if (change->kind == CHANGE_MOVE)
    {
      g_clear_pointer (&stmt, sqlite3_finalize);
      stmt = _prism_store_prepare (db,
                                   "UPDATE attempts SET project_id = ?2 WHERE message_id IN"
                                   " (SELECT id FROM messages WHERE conversation_id = ?1)",
                                   error);
      if (stmt == NULL)
        goto failed;
      _prism_store_bind_text (stmt, 1, change->id);
      sqlite3_bind_int64 (stmt, 2, change->value);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          _prism_store_fail (db, rc, error);
          goto failed;
        }
    }

  if (!_prism_store_commit (db, error))
    return FALSE;

  *result = GINT_TO_POINTER (TRUE);
  return TRUE;

failed:
  _prism_store_rollback (db);
  return FALSE;
}

static gboolean
run_change (PrismStore  *self,
            Change      *change,
            GError     **error)
{
  gpointer done = NULL;

  return _prism_store_run (self, change_job, change, &done, error);
}

/**
 * prism_store_change_conversation_async:
 * @title: (nullable): the new title, for %PRISM_CONVERSATION_RENAME
 * @value: %TRUE to pin, or the project id to move to
 *
 * Renames, pins, moves or deletes a conversation on the store's worker,
 * as the synchronous functions of the same names do.
 */
void
prism_store_change_conversation_async (PrismStore               *self,
                                       const char               *id,
                                       PrismConversationChange   kind,
                                       const char               *title,
                                       gint64                    value,
                                       GCancellable             *cancellable,
                                       GAsyncReadyCallback       callback,
                                       gpointer                  user_data)
{
  Change *change;

  g_return_if_fail (PRISM_IS_STORE (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail ((guint)kind < G_N_ELEMENTS (change_sql));
  g_return_if_fail (kind != PRISM_CONVERSATION_RENAME || title != NULL);

  change = g_new0 (Change, 1);
  change->kind = (ChangeKind)kind;
  change->id = g_strdup (id);
  change->title = g_strdup (title);
  change->value = kind == PRISM_CONVERSATION_PIN ? !!value : value;

  _prism_store_run_async (self, change_job, change, (GDestroyNotify)change_free, NULL,
                          prism_store_change_conversation_async,
                          cancellable, callback, user_data);
}

gboolean
prism_store_change_conversation_finish (PrismStore    *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return _prism_store_run_finish (self, result, prism_store_change_conversation_async, error) != NULL;
}

gboolean
prism_store_rename_conversation (PrismStore  *self,
                                 const char  *id,
                                 const char  *title,
                                 GError     **error)
{
  g_return_val_if_fail (PRISM_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL && title != NULL, FALSE);

  return run_change (self, &(Change) { CHANGE_RENAME, (char *)id, (char *)title, 0 }, error);
}

gboolean
prism_store_set_pinned (PrismStore  *self,
                        const char  *id,
                        gboolean     pinned,
                        GError     **error)
{
  g_return_val_if_fail (PRISM_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return run_change (self, &(Change) { CHANGE_PIN, (char *)id, NULL, !!pinned }, error);
}

gboolean
prism_store_move_conversation (PrismStore  *self,
                               const char  *id,
                               gint64       project_id,
                               GError     **error)
{
  g_return_val_if_fail (PRISM_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return run_change (self, &(Change) { CHANGE_MOVE, (char *)id, NULL, project_id }, error);
}

/**
 * prism_store_delete_conversation:
 *
 * Deletes the conversation with its messages, comparisons and votes. Its
 * attempts stay, without a message: what was spent stays spent.
 */
gboolean
prism_store_delete_conversation (PrismStore  *self,
                                 const char  *id,
                                 GError     **error)
{
  g_return_val_if_fail (PRISM_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return run_change (self, &(Change) { CHANGE_DELETE, (char *)id, NULL, 0 }, error);
}
