/* prism-store-streaming.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "prism-store-private.h"

#include "prism-error.h"

/* Deltas wait at most this long before they are written, and no longer
 * than it takes this much text to pile up. */
#define FLUSH_INTERVAL_MS 250
#define FLUSH_BYTES       (64 * 1024)

/* Streaming */

typedef struct
{
  char    *id;
  char    *conversation_id;
  GString *text;
  GString *reasoning;      /* NULL until reasoning arrives */
  gsize    text_flushed;
  gsize    reasoning_flushed;
} Stream;

static void
stream_free (Stream *stream)
{
  g_free (stream->id);
  g_free (stream->conversation_id);
  g_string_free (stream->text, TRUE);
  if (stream->reasoning != NULL)
    g_string_free (stream->reasoning, TRUE);
  g_free (stream);
}

typedef struct
{
  char *id;
  char *text;
  char *reasoning;
} Delta;

static void
delta_free (gpointer data)
{
  Delta *delta = data;

  g_free (delta->id);
  g_free (delta->text);
  g_free (delta->reasoning);
  g_free (delta);
}

void
_prism_store_streams_init (PrismStore *self)
{
  PrismStoreStreams *streams = _prism_store_get_streams (self);

  streams->streams = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify)stream_free);
}

static gboolean
begin_job (PrismStore  *self,
           sqlite3     *db,
           gpointer     data,
           gpointer    *result,
           GError     **error)
{
  return _prism_store_add_message_job (self, db, data, result, error);
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  PrismStore *self = PRISM_STORE (object);
  g_autoptr(GError) error = NULL;

  /* A new row's job returns its id; a batch returns nothing. */
  g_free (g_task_propagate_pointer (G_TASK (result), &error));
  if (error != NULL)
    g_warning ("Could not write a streaming message yet, will retry when it ends: %s",
               error->message);

  if (GPOINTER_TO_INT (user_data))
    _prism_store_get_streams (self)->flushes++;
}

static gboolean
flush_job (PrismStore  *self,
           sqlite3     *db,
           gpointer     data,
           gpointer    *result,
           GError     **error)
{
  GPtrArray *deltas = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_prism_store_begin (db, error))
    return FALSE;

  stmt = _prism_store_prepare (db,
                               "UPDATE messages SET content = content || ?2,"
                               " reasoning = CASE WHEN ?3 IS NULL THEN reasoning"
                               "   ELSE coalesce (reasoning, '') || ?3 END"
                               " WHERE id = ?1",
                               error);
  if (stmt == NULL)
    goto failed;

  for (guint i = 0; i < deltas->len; i++)
    {
      Delta *delta = g_ptr_array_index (deltas, i);
      int rc;

      sqlite3_reset (stmt);
      _prism_store_bind_text (stmt, 1, delta->id);
      _prism_store_bind_text (stmt, 2, delta->text);
      _prism_store_bind_text (stmt, 3, delta->reasoning);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          _prism_store_fail (db, rc, error);
          goto failed;
        }
    }

  return _prism_store_commit (db, error);

failed:
  _prism_store_rollback (db);
  return FALSE;
}

/* Sends every stream's waiting text to the worker as one transaction. */
static void
flush_streams (PrismStore *self)
{
  PrismStoreStreams *streams = _prism_store_get_streams (self);
  g_autoptr(GPtrArray) deltas = g_ptr_array_new_with_free_func (delta_free);
  GHashTableIter iter;
  Stream *stream;

  if (streams->flush_source != NULL)
    {
      g_source_destroy (streams->flush_source);
      g_clear_pointer (&streams->flush_source, g_source_unref);
    }

  g_hash_table_iter_init (&iter, streams->streams);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&stream))
    {
      gsize reasoning_len = stream->reasoning ? stream->reasoning->len : 0;
      Delta *delta;

      if (stream->text->len == stream->text_flushed && reasoning_len == stream->reasoning_flushed)
        continue;

      delta = g_new0 (Delta, 1);
      delta->id = g_strdup (stream->id);
      delta->text = g_strndup (stream->text->str + stream->text_flushed,
                               stream->text->len - stream->text_flushed);
      if (reasoning_len > stream->reasoning_flushed)
        delta->reasoning = g_strndup (stream->reasoning->str + stream->reasoning_flushed,
                                      reasoning_len - stream->reasoning_flushed);
      stream->text_flushed = stream->text->len;
      stream->reasoning_flushed = reasoning_len;
      g_ptr_array_add (deltas, delta);
    }

  if (deltas->len == 0)
    return;

  _prism_store_run_async (self, flush_job, g_steal_pointer (&deltas),
                          (GDestroyNotify)g_ptr_array_unref, NULL,
                          flush_streams, NULL, job_done_cb, GINT_TO_POINTER (TRUE));
}

static gboolean
flush_timeout_cb (gpointer user_data)
{
  PrismStore *self = user_data;
  PrismStoreStreams *streams = _prism_store_get_streams (self);

  /* flush_streams() would destroy the source that is running now. */
  g_clear_pointer (&streams->flush_source, g_source_unref);
  flush_streams (self);

  return G_SOURCE_REMOVE;
}

static gsize
pending_bytes (PrismStoreStreams *streams)
{
  GHashTableIter iter;
  Stream *stream;
  gsize total = 0;

  g_hash_table_iter_init (&iter, streams->streams);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&stream))
    {
      total += stream->text->len - stream->text_flushed;
      if (stream->reasoning != NULL)
        total += stream->reasoning->len - stream->reasoning_flushed;
    }

  return total;
}

/**
 * prism_store_begin_message:
 * @parent_id: (nullable): the prompt this answers
 * @model: (nullable): the model writing it
 * @comparison_id: (nullable): the comparison this answer is part of
 *
 * Adds an assistant message that is being streamed. Its row is written
 * at once with status streaming, so that a crash leaves a partial
 * message, not none. Deltas go to prism_store_append(); the message ends
 * with prism_store_finish_message(), which reports any failure.
 *
 * The writes happen on the store's worker; the batching timer runs on
 * the thread-default main context of the first caller.
 *
 * Returns: (transfer full): the new message's id
 */
char *
prism_store_begin_message (PrismStore  *self,
                           const char  *conversation_id,
                           const char  *parent_id,
                           const char  *model,
                           const char  *comparison_id)
{
  PrismStoreStreams *streams;
  PrismMessage *message;
  Stream *stream;

  g_return_val_if_fail (PRISM_IS_STORE (self), NULL);
  g_return_val_if_fail (conversation_id != NULL, NULL);

  streams = _prism_store_get_streams (self);
  if (streams->context == NULL)
    streams->context = g_main_context_ref_thread_default ();

  message = _prism_message_new ();
  message->id = g_uuid_string_random ();
  message->conversation_id = g_strdup (conversation_id);
  message->parent_id = g_strdup (parent_id);
  message->role = g_strdup ("assistant");
  message->content = g_strdup ("");
  message->model = g_strdup (model);
  message->comparison_id = g_strdup (comparison_id);
  message->status = PRISM_MESSAGE_STATUS_STREAMING;
  message->created_at = g_get_real_time ();

  stream = g_new0 (Stream, 1);
  stream->id = g_strdup (message->id);
  stream->conversation_id = g_strdup (conversation_id);
  stream->text = g_string_new (NULL);
  g_hash_table_insert (streams->streams, stream->id, stream);

  _prism_store_run_async (self, begin_job, message, (GDestroyNotify)prism_message_free, g_free,
                          prism_store_begin_message, NULL, job_done_cb, GINT_TO_POINTER (FALSE));

  return g_strdup (stream->id);
}

/**
 * prism_store_append:
 * @kind: whether @text is answer text or reasoning
 *
 * Adds a delta to a streaming message. Nothing is written here: deltas
 * are written together at most every 250 ms, in one transaction for all
 * the messages streaming at the time.
 */
void
prism_store_append (PrismStore        *self,
                    const char        *message_id,
                    PrismStreamDelta   kind,
                    const char        *text)
{
  PrismStoreStreams *streams;
  Stream *stream;

  g_return_if_fail (PRISM_IS_STORE (self));
  g_return_if_fail (message_id != NULL);
  g_return_if_fail (text != NULL);

  streams = _prism_store_get_streams (self);
  stream = g_hash_table_lookup (streams->streams, message_id);
  g_return_if_fail (stream != NULL);

  if (kind == PRISM_STREAM_DELTA_REASONING)
    {
      if (stream->reasoning == NULL)
        stream->reasoning = g_string_new (NULL);
      g_string_append (stream->reasoning, text);
    }
  else
    g_string_append (stream->text, text);

  if (pending_bytes (streams) >= FLUSH_BYTES)
    {
      flush_streams (self);
      return;
    }

  if (streams->flush_source == NULL)
    {
      streams->flush_source = g_timeout_source_new (FLUSH_INTERVAL_MS);
      g_source_set_callback (streams->flush_source, flush_timeout_cb, self, NULL);
      g_source_set_static_name (streams->flush_source, "[prism-store-flush]");
      g_source_attach (streams->flush_source, streams->context);
    }
}

typedef struct
{
  char               *id;
  char               *conversation_id;
  char               *text;
  char               *reasoning;
  PrismMessageStatus  status;
  char               *error_text;
  PrismAttempt       *attempt;
} Finish;

static void
finish_free (Finish *finish)
{
  g_free (finish->id);
  g_free (finish->conversation_id);
  g_free (finish->text);
  g_free (finish->reasoning);
  g_free (finish->error_text);
  g_clear_pointer (&finish->attempt, prism_attempt_free);
  g_free (finish);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Finish, finish_free)

static gboolean
finish_job (PrismStore  *self,
            sqlite3     *db,
            gpointer     data,
            gpointer    *result,
            GError     **error)
{
  Finish *finish = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 now = g_get_real_time ();
  int rc;

  if (!_prism_store_begin (db, error))
    return FALSE;

  /* The whole text, not a last delta: an earlier batch that failed (a
   * full disk that was cleared since) is made good here. */
  stmt = _prism_store_prepare (db,
                               "UPDATE messages SET content = ?2, reasoning = ?3, status = ?4, error = ?5"
                               " WHERE id = ?1",
                               error);
  if (stmt == NULL)
    goto failed;

  _prism_store_bind_text (stmt, 1, finish->id);
  _prism_store_bind_text (stmt, 2, finish->text);
  _prism_store_bind_text (stmt, 3, finish->reasoning);
  _prism_store_bind_text (stmt, 4, prism_message_status_to_string (finish->status));
  _prism_store_bind_text (stmt, 5, finish->error_text);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _prism_store_fail (db, rc, error);
      goto failed;
    }

  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("The streamed message %s could not be saved: its conversation %s "
                     "is not in the history."),
                   finish->id, finish->conversation_id);
      goto failed;
    }

  if (finish->attempt != NULL)
    {
      g_free (finish->attempt->message_id);
      finish->attempt->message_id = g_strdup (finish->id);
      if (!_prism_store_insert_attempt (db, finish->attempt, NULL, error))
        goto failed;
    }

  if (!_prism_store_touch_conversation (db, finish->conversation_id, now, error))
    goto failed;

  if (!_prism_store_commit (db, error))
    return FALSE;

  *result = GINT_TO_POINTER (TRUE);
  return TRUE;

failed:
  _prism_store_rollback (db);
  return FALSE;
}

static Finish *
take_stream (PrismStore          *self,
             const char          *message_id,
             PrismMessageStatus   status,
             const char          *error_text,
             const PrismAttempt  *attempt,
             GError             **error)
{
  PrismStoreStreams *streams = _prism_store_get_streams (self);
  Finish *finish;
  Stream *stream;

  stream = g_hash_table_lookup (streams->streams, message_id);
  if (stream == NULL)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("Message %s is not being streamed."), message_id);
      return NULL;
    }

  finish = g_new0 (Finish, 1);
  finish->id = g_strdup (stream->id);
  finish->conversation_id = g_strdup (stream->conversation_id);
  finish->text = g_strdup (stream->text->str);
  finish->reasoning = stream->reasoning ? g_strdup (stream->reasoning->str) : NULL;
  finish->status = status;
  finish->error_text = g_strdup (error_text);
  finish->attempt = attempt ? _prism_attempt_dup (attempt) : NULL;

  g_hash_table_remove (streams->streams, message_id);
  if (g_hash_table_size (streams->streams) == 0 && streams->flush_source != NULL)
    {
      g_source_destroy (streams->flush_source);
      g_clear_pointer (&streams->flush_source, g_source_unref);
    }

  return finish;
}

/**
 * prism_store_finish_message:
 * @status: complete, partial, error or cancelled
 * @error_text: (nullable): what went wrong, for error
 * @attempt: (nullable): the request's last attempt, recorded with the
 *   message in the same transaction
 *
 * Ends a streaming message: writes its whole text and its status.
 */
gboolean
prism_store_finish_message (PrismStore          *self,
                            const char          *message_id,
                            PrismMessageStatus   status,
                            const char          *error_text,
                            const PrismAttempt  *attempt,
                            GError             **error)
{
  g_autoptr(Finish) finish = NULL;

  g_return_val_if_fail (PRISM_IS_STORE (self), FALSE);
  g_return_val_if_fail (message_id != NULL, FALSE);
  g_return_val_if_fail (status != PRISM_MESSAGE_STATUS_STREAMING, FALSE);

  finish = take_stream (self, message_id, status, error_text, attempt, error);
  if (finish == NULL)
    return FALSE;

  return _prism_store_run (self, finish_job, finish, NULL, error);
}

void
prism_store_finish_message_async (PrismStore          *self,
                                  const char          *message_id,
                                  PrismMessageStatus   status,
                                  const char          *error_text,
                                  const PrismAttempt  *attempt,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GError *error = NULL;
  Finish *finish;

  g_return_if_fail (PRISM_IS_STORE (self));
  g_return_if_fail (message_id != NULL);
  g_return_if_fail (status != PRISM_MESSAGE_STATUS_STREAMING);

  finish = take_stream (self, message_id, status, error_text, attempt, &error);
  if (finish == NULL)
    {
      g_task_report_error (self, callback, user_data, prism_store_finish_message_async, error);
      return;
    }

  /* Not cancellable: a message that was streamed is always saved. */
  _prism_store_run_async (self, finish_job, finish, (GDestroyNotify)finish_free, NULL,
                          prism_store_finish_message_async, NULL, callback, user_data);
}

gboolean
prism_store_finish_message_finish (PrismStore    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (PRISM_IS_STORE (self), FALSE);

  return _prism_store_run_finish (self, result, prism_store_finish_message_async, error) != NULL;
}

/* When the store goes away mid-stream, what arrived is kept as partial. */
void
_prism_store_streams_shutdown (PrismStore *self)
{
  PrismStoreStreams *streams = _prism_store_get_streams (self);
  g_autoptr(GPtrArray) ids = NULL;

  if (streams->flush_source != NULL)
    {
      g_source_destroy (streams->flush_source);
      g_clear_pointer (&streams->flush_source, g_source_unref);
    }

  if (streams->streams != NULL && g_hash_table_size (streams->streams) > 0)
    {
      GHashTableIter iter;
      gpointer key;

      ids = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_iter_init (&iter, streams->streams);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (ids, g_strdup (key));

      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr(GError) error = NULL;

          if (!prism_store_finish_message (self, g_ptr_array_index (ids, i),
                                           PRISM_MESSAGE_STATUS_PARTIAL, NULL, NULL, &error))
            g_warning ("%s", error->message);
        }
    }

  g_clear_pointer (&streams->context, g_main_context_unref);
}
