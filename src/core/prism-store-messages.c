/* prism-store-messages.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "prism-store-private.h"

#include "prism-error.h"

static const char * const roles[] = { "system", "user", "assistant", "tool" };

PrismMessage *
_prism_message_new_from_row (sqlite3_stmt *stmt)
{
  PrismMessage *message = _prism_message_new ();

  message->id = _prism_store_column_dup (stmt, 0);
  message->conversation_id = _prism_store_column_dup (stmt, 1);
  message->parent_id = _prism_store_column_dup (stmt, 2);
  message->role = _prism_store_column_dup (stmt, 3);
  message->content = _prism_store_column_dup (stmt, 4);
  message->reasoning = _prism_store_column_dup (stmt, 5);
  message->attachments = _prism_store_column_dup (stmt, 6);
  message->model = _prism_store_column_dup (stmt, 7);
  if (!prism_message_status_from_string ((const char *)sqlite3_column_text (stmt, 8), &message->status))
    message->status = PRISM_MESSAGE_STATUS_ERROR;
  message->error = _prism_store_column_dup (stmt, 9);
  message->comparison_id = _prism_store_column_dup (stmt, 10);
  message->created_at = sqlite3_column_int64 (stmt, 11);

  return message;
}

static gboolean
check_role (const char  *role,
            GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_strcmp0 (role, roles[i]) == 0)
      return TRUE;

  g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
               _("“%s” is not a message role; use system, user, assistant or tool."),
               role ? role : "(null)");
  return FALSE;
}

/* Inserts @message as it is; the caller holds the transaction. */
gboolean
_prism_store_insert_message (sqlite3             *db,
                             const PrismMessage  *message,
                             GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _prism_store_prepare (db,
                               "INSERT INTO messages (id, conversation_id, parent_id, role, content,"
                               " reasoning, attachments, model, status, error, comparison_id, created_at)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                               error);
  if (stmt == NULL)
    return FALSE;

  _prism_store_bind_text (stmt, 1, message->id);
  _prism_store_bind_text (stmt, 2, message->conversation_id);
  _prism_store_bind_text (stmt, 3, message->parent_id);
  _prism_store_bind_text (stmt, 4, message->role);
  _prism_store_bind_text (stmt, 5, message->content ? message->content : "");
  _prism_store_bind_text (stmt, 6, message->reasoning);
  _prism_store_bind_text (stmt, 7, message->attachments);
  _prism_store_bind_text (stmt, 8, message->model);
  _prism_store_bind_text (stmt, 9, prism_message_status_to_string (message->status));
  _prism_store_bind_text (stmt, 10, message->error);
  _prism_store_bind_text (stmt, 11, message->comparison_id);
  sqlite3_bind_int64 (stmt, 12, message->created_at);

  rc = sqlite3_step (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("Could not add message %s: its conversation %s, parent %s or comparison %s "
                     "is not in the history, or the message is already there."),
                   message->id, message->conversation_id,
                   message->parent_id ? message->parent_id : "(none)",
                   message->comparison_id ? message->comparison_id : "(none)");
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return _prism_store_fail (db, rc, error);

  return TRUE;
}

/* The parent must be in the same conversation: a tree never spans two. */
static gboolean
check_parent (sqlite3             *db,
              const PrismMessage  *message,
              GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (message->parent_id == NULL)
    return TRUE;

  stmt = _prism_store_prepare (db, "SELECT conversation_id FROM messages WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  _prism_store_bind_text (stmt, 1, message->parent_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW &&
      g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), message->conversation_id) == 0)
    return TRUE;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _prism_store_fail (db, rc, error);

  g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
               _("The parent message %s is not in conversation %s."),
               message->parent_id, message->conversation_id);
  return FALSE;
}

gboolean
_prism_store_add_message_job (PrismStore  *self,
                 sqlite3     *db,
                 gpointer     data,
                 gpointer    *result,
                 GError     **error)
{
  PrismMessage *message = data;

  if (!_prism_store_begin (db, error))
    return FALSE;

  if (!check_parent (db, message, error) ||
      !_prism_store_insert_message (db, message, error) ||
      !_prism_store_touch_conversation (db, message->conversation_id, message->created_at, error))
    {
      _prism_store_rollback (db);
      return FALSE;
    }

  if (!_prism_store_commit (db, error))
    return FALSE;

  *result = g_strdup (message->id);
  return TRUE;
}

static PrismMessage *
build_message (const char  *conversation_id,
               const char  *parent_id,
               const char  *role,
               const char  *content,
               const char  *attachments,
               const char  *model,
               GError     **error)
{
  PrismMessage *message;

  if (!check_role (role, error))
    return NULL;

  if (attachments != NULL)
    {
      g_autoptr(JsonNode) node = json_from_string (attachments, NULL);

      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                       _("The attachments of a message must be a JSON array."));
          return NULL;
        }
    }

  message = _prism_message_new ();
  message->id = g_uuid_string_random ();
  message->conversation_id = g_strdup (conversation_id);
  message->parent_id = g_strdup (parent_id);
  message->role = g_strdup (role);
  message->content = g_strdup (content);
  message->attachments = g_strdup (attachments);
  message->model = g_strdup (model);
  message->status = PRISM_MESSAGE_STATUS_COMPLETE;
  message->created_at = g_get_real_time ();

  return message;
}

/**
 * prism_store_add_message:
 * @parent_id: (nullable): the message this one follows, %NULL for a root
 * @attachments: (nullable): a JSON array describing the attachments
 * @model: (nullable): the model that wrote it
 *
 * Adds a finished message. A second child of the same parent is a
 * sibling: an edit, a regeneration or another model's answer.
 *
 * Returns: (transfer full): the new message's id, or %NULL
 */
char *
prism_store_add_message (PrismStore  *self,
                         const char  *conversation_id,
                         const char  *parent_id,
                         const char  *role,
                         const char  *content,
                         const char  *attachments,
                         const char  *model,
                         GError     **error)
{
  g_autoptr(PrismMessage) message = NULL;
  char *id = NULL;

  g_return_val_if_fail (PRISM_IS_STORE (self), NULL);
  g_return_val_if_fail (conversation_id != NULL, NULL);
  g_return_val_if_fail (content != NULL, NULL);

  message = build_message (conversation_id, parent_id, role, content, attachments, model, error);
  if (message == NULL)
    return NULL;

  if (!_prism_store_run (self, _prism_store_add_message_job, message, (gpointer *)&id, error))
    return NULL;

  return id;
}

void
prism_store_add_message_async (PrismStore          *self,
                               const char          *conversation_id,
                               const char          *parent_id,
                               const char          *role,
                               const char          *content,
                               const char          *attachments,
                               const char          *model,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GError *error = NULL;
  PrismMessage *message;

  g_return_if_fail (PRISM_IS_STORE (self));
  g_return_if_fail (conversation_id != NULL);
  g_return_if_fail (content != NULL);

  message = build_message (conversation_id, parent_id, role, content, attachments, model, &error);
  if (message == NULL)
    {
      g_task_report_error (self, callback, user_data, prism_store_add_message_async, error);
      return;
    }

  _prism_store_run_async (self, _prism_store_add_message_job, message,
                          (GDestroyNotify)prism_message_free, g_free,
                          prism_store_add_message_async, cancellable, callback, user_data);
}

/**
 * prism_store_add_message_finish:
 *
 * Returns: (transfer full): the new message's id, or %NULL
 */
char *
prism_store_add_message_finish (PrismStore    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return _prism_store_run_finish (self, result, prism_store_add_message_async, error);
}

/* Comparisons and votes */

typedef struct
{
  const char *id;
  const char *conversation_id;
  const char *parent_id;
} ComparisonData;

static gboolean
create_comparison_job (PrismStore  *self,
                       sqlite3     *db,
                       gpointer     data,
                       gpointer    *result,
                       GError     **error)
{
  ComparisonData *comparison = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _prism_store_prepare (db,
                               "INSERT INTO comparisons (id, conversation_id, parent_id, created_at)"
                               " SELECT ?1, ?2, ?3, ?4 WHERE ?3 IS NULL OR EXISTS"
                               " (SELECT 1 FROM messages WHERE id = ?3 AND conversation_id = ?2)",
                               error);
  if (stmt == NULL)
    return FALSE;

  _prism_store_bind_text (stmt, 1, comparison->id);
  _prism_store_bind_text (stmt, 2, comparison->conversation_id);
  _prism_store_bind_text (stmt, 3, comparison->parent_id);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE && (rc & 0xff) != SQLITE_CONSTRAINT)
    return _prism_store_fail (db, rc, error);

  if (rc != SQLITE_DONE || sqlite3_changes (db) == 0)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("Could not start a comparison: conversation %s or its message %s "
                     "is not in the history."),
                   comparison->conversation_id,
                   comparison->parent_id ? comparison->parent_id : "(none)");
      return FALSE;
    }

  return TRUE;
}

/**
 * prism_store_create_comparison:
 * @parent_id: (nullable): the prompt that the compared answers reply to
 *
 * Starts a group of sibling answers to one prompt; pass its id to
 * prism_store_begin_message() for each model's answer.
 *
 * Returns: (transfer full): the comparison's id, or %NULL
 */
char *
prism_store_create_comparison (PrismStore  *self,
                               const char  *conversation_id,
                               const char  *parent_id,
                               GError     **error)
{
  g_autofree char *id = g_uuid_string_random ();
  ComparisonData data = { id, conversation_id, parent_id };

  g_return_val_if_fail (PRISM_IS_STORE (self), NULL);
  g_return_val_if_fail (conversation_id != NULL, NULL);

  if (!_prism_store_run (self, create_comparison_job, &data, NULL, error))
    return NULL;

  return g_steal_pointer (&id);
}

static gboolean
vote_job (PrismStore  *self,
          sqlite3     *db,
          gpointer     data,
          gpointer    *result,
          GError     **error)
{
  ComparisonData *vote = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* The winner must be one of the comparison's answers. */
  stmt = _prism_store_prepare (db,
                               "INSERT INTO votes (comparison_id, winner_id, created_at)"
                               " SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM comparisons WHERE id = ?1)"
                               " AND (?2 IS NULL OR EXISTS"
                               "  (SELECT 1 FROM messages WHERE id = ?2 AND comparison_id = ?1))",
                               error);
  if (stmt == NULL)
    return FALSE;

  _prism_store_bind_text (stmt, 1, vote->id);
  _prism_store_bind_text (stmt, 2, vote->parent_id);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return _prism_store_fail (db, rc, error);

  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("Message %s is not an answer of comparison %s."),
                   vote->parent_id ? vote->parent_id : "(tie)", vote->id);
      return FALSE;
    }

  return TRUE;
}

/**
 * prism_store_vote:
 * @winner_id: (nullable): the better answer, or %NULL for a tie
 *
 * Records a vote; the last vote of a comparison is the one shown.
 */
gboolean
prism_store_vote (PrismStore  *self,
                  const char  *comparison_id,
                  const char  *winner_id,
                  GError     **error)
{
  ComparisonData data = { comparison_id, NULL, winner_id };

  g_return_val_if_fail (PRISM_IS_STORE (self), FALSE);
  g_return_val_if_fail (comparison_id != NULL, FALSE);

  return _prism_store_run (self, vote_job, &data, NULL, error);
}
