/* prism-store.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "prism-store-private.h"

#include "prism-dirs.h"
#include "prism-error.h"

struct _PrismStore
{
  GObject            parent_instance;

  char              *path;
  sqlite3           *db;
  int                lock_fd;
  GThreadPool       *worker;
  guint              recovered;
  guint              commits;       /* atomic: bumped on the worker */
  PrismStoreStreams  streams;
};

G_DEFINE_FINAL_TYPE (PrismStore, prism_store, G_TYPE_OBJECT)

typedef struct
{
  PrismStoreJobFunc  func;
  gpointer           data;
  GDestroyNotify     data_destroy;
  GDestroyNotify     result_destroy;
  GTask             *task;          /* asynchronous jobs */

  /* synchronous jobs */
  GMutex             mutex;
  GCond              cond;
  gboolean           done;
  gboolean           ok;
  gpointer           result;
  GError            *error;
} Job;

static int
commit_hook (void *user_data)
{
  PrismStore *self = user_data;

  g_atomic_int_inc (&self->commits);

  return 0;
}

static void
job_free (Job *job)
{
  if (job->data_destroy != NULL)
    g_clear_pointer (&job->data, job->data_destroy);
  if (job->result_destroy != NULL)
    g_clear_pointer (&job->result, job->result_destroy);
  g_clear_error (&job->error);
  g_clear_object (&job->task);
  g_free (job);
}

/* The task is completed, and the job freed, on the task's own main
 * context: the worker never drops the last reference to a task, so the
 * store (the task's source object) is never finalized on the worker. */
static gboolean
complete_job (gpointer data)
{
  Job *job = data;

  if (job->ok)
    g_task_return_pointer (job->task, g_steal_pointer (&job->result), job->result_destroy);
  else
    g_task_return_error (job->task, g_steal_pointer (&job->error));
  job_free (job);

  return G_SOURCE_REMOVE;
}

static void
worker_func (gpointer job_data,
             gpointer user_data)
{
  PrismStore *self = user_data;
  Job *job = job_data;
  GCancellable *cancellable;

  if (job->task != NULL)
    {
      cancellable = g_task_get_cancellable (job->task);
      if (g_cancellable_set_error_if_cancelled (cancellable, &job->error))
        job->ok = FALSE;
      else
        job->ok = job->func (self, self->db, job->data, &job->result, &job->error);

      g_main_context_invoke (g_task_get_context (job->task), complete_job, job);
      return;
    }

  g_mutex_lock (&job->mutex);
  job->ok = job->func (self, self->db, job->data, &job->result, &job->error);
  job->done = TRUE;
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->mutex);
}

gboolean
_prism_store_run (PrismStore         *self,
                  PrismStoreJobFunc   func,
                  gpointer            data,
                  gpointer           *result,
                  GError            **error)
{
  Job job = { .func = func, .data = data };

  g_mutex_init (&job.mutex);
  g_cond_init (&job.cond);

  g_mutex_lock (&job.mutex);
  g_thread_pool_push (self->worker, &job, NULL);
  while (!job.done)
    g_cond_wait (&job.cond, &job.mutex);
  g_mutex_unlock (&job.mutex);

  g_mutex_clear (&job.mutex);
  g_cond_clear (&job.cond);

  if (!job.ok)
    {
      g_propagate_error (error, job.error);
      return FALSE;
    }

  if (result != NULL)
    *result = job.result;

  return TRUE;
}

void
_prism_store_run_async (PrismStore          *self,
                        PrismStoreJobFunc    func,
                        gpointer             data,
                        GDestroyNotify       data_destroy,
                        GDestroyNotify       result_destroy,
                        gpointer             source_tag,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  Job *job = g_new0 (Job, 1);

  job->func = func;
  job->data = data;
  job->data_destroy = data_destroy;
  job->result_destroy = result_destroy;
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, source_tag);

  g_thread_pool_push (self->worker, job, NULL);
}

gpointer
_prism_store_run_finish (PrismStore    *self,
                         GAsyncResult  *result,
                         gpointer       source_tag,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Errors */

static gboolean
is_corrupt (int rc)
{
  rc &= 0xff;
  return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

gboolean
_prism_store_fail (sqlite3  *db,
                   int       rc,
                   GError  **error)
{
  const char *path = sqlite3_db_filename (db, "main");
  const char *message = sqlite3_errmsg (db);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("The history database %s could not grow: the disk is full (%s). "
                     "Nothing was half-written; free some space and try again."),
                   path, message);
      break;

    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_IOERR:
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("The history database %s could not be written (%s). "
                     "Check that its folder is writable and the disk is healthy."),
                   path, message);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("The history database %s is busy in another program (%s). "
                     "Close other copies of Prism and try again."),
                   path, message);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CORRUPT,
                   _("The history database %s is damaged (%s). It was left as it is; "
                     "start a new history beside it to keep using Prism."),
                   path, message);
      break;

    default:
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("The history database %s failed: %s"),
                   path, message);
      break;
    }

  return FALSE;
}

sqlite3_stmt *
_prism_store_prepare (sqlite3     *db,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v3 (db, sql, -1, 0, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _prism_store_fail (db, rc, error);
      return NULL;
    }

  return stmt;
}

gboolean
_prism_store_exec (sqlite3     *db,
                   const char  *sql,
                   GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _prism_store_fail (db, rc, error);

  return TRUE;
}

gboolean
_prism_store_begin (sqlite3  *db,
                    GError  **error)
{
  return _prism_store_exec (db, "BEGIN IMMEDIATE", error);
}

gboolean
_prism_store_commit (sqlite3  *db,
                     GError  **error)
{
  if (!_prism_store_exec (db, "COMMIT", error))
    {
      _prism_store_rollback (db);
      return FALSE;
    }

  return TRUE;
}

void
_prism_store_rollback (sqlite3 *db)
{
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

void
_prism_store_bind_text (sqlite3_stmt *stmt,
                        int           index,
                        const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

void
_prism_store_bind_double (sqlite3_stmt *stmt,
                          int           index,
                          double        value)
{
  if (isnan (value))
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_double (stmt, index, value);
}

char *
_prism_store_column_dup (sqlite3_stmt *stmt,
                         int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

double
_prism_store_column_double (sqlite3_stmt *stmt,
                            int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NAN;

  return sqlite3_column_double (stmt, column);
}

char *
_prism_store_local_day (gint64 time_us)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("1970-01-01");

  local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%Y-%m-%d");
}

gboolean
_prism_store_check_day (const char  *day,
                        GError     **error)
{
  guint y, m, d;
  char end;

  if (day == NULL)
    return TRUE;

  if (strlen (day) != 10 ||
      sscanf (day, "%4u-%2u-%2u%c", &y, &m, &d, &end) != 3 ||
      !g_date_valid_dmy (d, m, y))
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("“%s” is not a date; write it as YYYY-MM-DD."), day);
      return FALSE;
    }

  return TRUE;
}

gboolean
_prism_store_touch_conversation (sqlite3     *db,
                                 const char  *conversation_id,
                                 gint64       now,
                                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _prism_store_prepare (db, "UPDATE conversations SET updated_at = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  _prism_store_bind_text (stmt, 1, conversation_id);
  sqlite3_bind_int64 (stmt, 2, now);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return _prism_store_fail (db, rc, error);

  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("There is no conversation “%s” in the history."), conversation_id);
      return FALSE;
    }

  return TRUE;
}

/* Opening */

static gboolean
migrate (sqlite3  *db,
         GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int version;
  int rc;

  stmt = _prism_store_prepare (db, "PRAGMA user_version", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _prism_store_fail (db, rc, error);
  version = sqlite3_column_int (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (version > PRISM_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("The history database %s was written by a newer Prism (schema %d, "
                     "this one knows %d). Update Prism to open it."),
                   sqlite3_db_filename (db, "main"), version, PRISM_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  for (int v = version; v < PRISM_STORE_SCHEMA_VERSION; v++)
    {
      g_debug ("Migrating %s from schema %d to %d", sqlite3_db_filename (db, "main"), v, v + 1);

      if (!_prism_store_begin (db, error))
        return FALSE;
      if (!_prism_store_exec (db, _prism_store_migrations[v], error))
        {
          _prism_store_rollback (db);
          return FALSE;
        }
      if (!_prism_store_commit (db, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
recover (sqlite3  *db,
         guint    *recovered,
         GError  **error)
{
  int rc = sqlite3_exec (db,
                         "UPDATE messages SET status = 'partial' WHERE status = 'streaming'",
                         NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _prism_store_fail (db, rc, error);

  *recovered = sqlite3_changes (db);
  if (*recovered > 0)
    g_message ("Marked %u unfinished messages as partial", *recovered);

  return TRUE;
}

/* Every store holds a shared lock on history.db.lock; only a store that
 * finds nobody else holding it may mark streaming messages as partial,
 * since another running Prism may be streaming them right now. A killed
 * process drops its lock with it. */
static int
take_lock (const char *path,
           gboolean   *alone)
{
  g_autofree char *lock_path = g_strconcat (path, ".lock", NULL);
  int fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  *alone = FALSE;
  if (fd < 0)
    return -1;

  if (flock (fd, LOCK_EX | LOCK_NB) == 0)
    *alone = TRUE;
  flock (fd, LOCK_SH);

  return fd;
}

static gboolean
prism_store_open_db (PrismStore  *self,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  gboolean alone;
  int rc;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("Could not create the folder %s for the history database: %s"),
                   dir, g_strerror (errsv));
      return FALSE;
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("Could not open the history database %s: %s. "
                     "Check that its folder exists and is writable."),
                   self->path, self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);

  /* A damaged file shows itself at the first read: journal_mode reads
   * the header. */
  if (!_prism_store_exec (self->db,
                          "PRAGMA journal_mode = WAL;"
                          "PRAGMA synchronous = NORMAL;"
                          "PRAGMA foreign_keys = ON;"
                          "PRAGMA temp_store = MEMORY;"
                          "PRAGMA cache_size = -16000;",
                          error))
    return FALSE;

  if (!migrate (self->db, error))
    return FALSE;

  self->lock_fd = take_lock (self->path, &alone);
  if (alone && !recover (self->db, &self->recovered, error))
    return FALSE;

  sqlite3_commit_hook (self->db, commit_hook, self);

  return TRUE;
}

static void
prism_store_dispose (GObject *object)
{
  PrismStore *self = (PrismStore *)object;

  _prism_store_streams_shutdown (self);

  if (self->worker != NULL)
    g_thread_pool_free (g_steal_pointer (&self->worker), FALSE, TRUE);

  G_OBJECT_CLASS (prism_store_parent_class)->dispose (object);
}

static void
prism_store_finalize (GObject *object)
{
  PrismStore *self = (PrismStore *)object;

  if (self->db != NULL)
    {
      sqlite3_commit_hook (self->db, NULL, NULL);
      sqlite3_close_v2 (self->db);
    }
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_clear_pointer (&self->streams.streams, g_hash_table_unref);
  g_free (self->path);

  G_OBJECT_CLASS (prism_store_parent_class)->finalize (object);
}

static void
prism_store_class_init (PrismStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = prism_store_dispose;
  object_class->finalize = prism_store_finalize;
}

static void
prism_store_init (PrismStore *self)
{
  self->lock_fd = -1;
  _prism_store_streams_init (self);
}

/**
 * prism_store_open:
 * @path: (nullable): the database file, or %NULL for
 *   `$XDG_DATA_HOME/prism/history.db`
 * @error: a #GError
 *
 * Opens the history, creating it or bringing an older one up to date.
 * A damaged file fails with %PRISM_ERROR_CORRUPT and is left untouched;
 * prism_store_open_fresh_beside() starts a new one beside it.
 *
 * Returns: (transfer full): the store, or %NULL
 */
PrismStore *
prism_store_open (const char  *path,
                  GError     **error)
{
  g_autoptr(PrismStore) self = g_object_new (PRISM_TYPE_STORE, NULL);
  g_autoptr(GError) local_error = NULL;

  self->path = path != NULL ? g_strdup (path) : prism_dirs_build_data ("history.db");

  if (!prism_store_open_db (self, &local_error))
    {
      if (self->db != NULL && is_corrupt (sqlite3_extended_errcode (self->db))
          && !g_error_matches (local_error, PRISM_ERROR, PRISM_ERROR_CORRUPT))
        {
          g_clear_error (&local_error);
          _prism_store_fail (self->db, SQLITE_CORRUPT, &local_error);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  self->worker = g_thread_pool_new (worker_func, self, 1, TRUE, NULL);

  return g_steal_pointer (&self);
}

/**
 * prism_store_open_fresh_beside:
 * @path: (nullable): the damaged database, %NULL for the default one
 * @moved_to: (out) (optional): where the damaged file now is
 * @error: a #GError
 *
 * Moves the damaged file (and its journal) aside to
 * `history.db.corrupt-<time>`, keeping it for later rescue, and opens
 * a new, empty history in its place.
 */
PrismStore *
prism_store_open_fresh_beside (const char  *path,
                               char       **moved_to,
                               GError     **error)
{
  g_autofree char *real_path = path != NULL ? g_strdup (path) : prism_dirs_build_data ("history.db");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target = g_strdup_printf ("%s.corrupt-%s", real_path, stamp);
  static const char * const suffixes[] = { "-wal", "-shm" };

  if (g_rename (real_path, target) != 0)
    {
      int errsv = errno;

      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("Could not move the damaged history database %s aside to %s: %s"),
                   real_path, target, g_strerror (errsv));
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (real_path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }

  g_message ("Moved the damaged history database %s aside to %s", real_path, target);

  if (moved_to != NULL)
    *moved_to = g_steal_pointer (&target);

  return prism_store_open (real_path, error);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  PrismStore *store = prism_store_open (task_data, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

void
prism_store_open_async (const char          *path,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, prism_store_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_thread);
}

PrismStore *
prism_store_open_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
prism_store_get_path (PrismStore *self)
{
  g_return_val_if_fail (PRISM_IS_STORE (self), NULL);

  return self->path;
}

/**
 * prism_store_get_recovered:
 *
 * Returns: how many messages left streaming by a crash were marked
 *   partial when this store was opened
 */
guint
prism_store_get_recovered (PrismStore *self)
{
  g_return_val_if_fail (PRISM_IS_STORE (self), 0);

  return self->recovered;
}

PrismStoreStreams *
_prism_store_get_streams (PrismStore *self)
{
  return &self->streams;
}

guint
_prism_store_get_commit_count (PrismStore *self)
{
  return g_atomic_int_get (&self->commits);
}

guint
_prism_store_get_flush_count (PrismStore *self)
{
  return self->streams.flushes;
}

static gboolean
set_max_page_count_job (PrismStore  *self,
                        sqlite3     *db,
                        gpointer     data,
                        gpointer    *result,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;

  /* PRAGMA takes no parameters; the number is formatted from an integer. */
  sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, *(gint64 *)data);
  stmt = _prism_store_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_step (stmt);

  return TRUE;
}

gboolean
_prism_store_set_max_page_count (PrismStore  *self,
                                 gint64       pages,
                                 GError     **error)
{
  return _prism_store_run (self, set_max_page_count_job, &pages, NULL, error);
}
