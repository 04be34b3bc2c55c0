/* prism-store-projects.c
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

/* Projects keep work and personal spend apart. The default project (id
 * 1) always exists; deleting another moves its conversations, and what
 * they cost, back to it. */

static gboolean
check_name (const char  *name,
            GError     **error)
{
  if (name == NULL || *name == '\0')
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG, _("A project needs a name."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
create_project_job (PrismStore  *self,
                    sqlite3     *db,
                    gpointer     data,
                    gpointer    *result,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _prism_store_prepare (db,
                               "INSERT INTO projects (name, created_at) VALUES (?1, ?2)"
                               " ON CONFLICT (name) DO UPDATE SET name = name RETURNING id",
                               error);
  if (stmt == NULL)
    return FALSE;

  _prism_store_bind_text (stmt, 1, data);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _prism_store_fail (db, rc, error);

  *result = g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64));

  return TRUE;
}

/**
 * prism_store_create_project:
 *
 * Returns: the id of the project called @name, made when there was none,
 *   or 0 on error
 */
gint64
prism_store_create_project (PrismStore  *self,
                            const char  *name,
                            GError     **error)
{
  g_autofree gint64 *id = NULL;

  g_return_val_if_fail (PRISM_IS_STORE (self), 0);

  if (!check_name (name, error))
    return 0;

  if (!_prism_store_run (self, create_project_job, (gpointer)name, (gpointer *)&id, error))
    return 0;

  return *id;
}

static gboolean
list_projects_job (PrismStore  *self,
                   sqlite3     *db,
                   gpointer     data,
                   gpointer    *result,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  int rc;

  stmt = _prism_store_prepare (db,
                               "SELECT p.id, p.name,"
                               " (SELECT count(*) FROM conversations c WHERE c.project_id = p.id)"
                               " FROM projects p ORDER BY p.id != 1, p.name COLLATE NOCASE",
                               error);
  if (stmt == NULL)
    return FALSE;

  projects = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_project_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PrismProject *project = _prism_project_new ();

      project->id = sqlite3_column_int64 (stmt, 0);
      project->name = _prism_store_column_dup (stmt, 1);
      project->n_conversations = sqlite3_column_int (stmt, 2);
      g_ptr_array_add (projects, project);
    }
  if (rc != SQLITE_DONE)
    return _prism_store_fail (db, rc, error);

  *result = g_steal_pointer (&projects);

  return TRUE;
}

/**
 * prism_store_list_projects:
 *
 * Returns: (transfer container) (element-type PrismProject): the default
 *   project, then the others by name
 */
GPtrArray *
prism_store_list_projects (PrismStore  *self,
                           GError     **error)
{
  GPtrArray *projects = NULL;

  g_return_val_if_fail (PRISM_IS_STORE (self), NULL);

  if (!_prism_store_run (self, list_projects_job, NULL, (gpointer *)&projects, error))
    return NULL;

  return projects;
}

void
prism_store_list_projects_async (PrismStore          *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (PRISM_IS_STORE (self));

  _prism_store_run_async (self, list_projects_job, NULL, NULL, (GDestroyNotify)g_ptr_array_unref,
                          prism_store_list_projects_async, cancellable, callback, user_data);
}

GPtrArray *
prism_store_list_projects_finish (PrismStore    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _prism_store_run_finish (self, result, prism_store_list_projects_async, error);
}

typedef struct
{
  gint64      id;
  const char *name;
} ProjectChange;

static gboolean
rename_project_job (PrismStore  *self,
                    sqlite3     *db,
                    gpointer     data,
                    gpointer    *result,
                    GError     **error)
{
  ProjectChange *change = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _prism_store_prepare (db, "UPDATE projects SET name = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, change->id);
  _prism_store_bind_text (stmt, 2, change->name);
  rc = sqlite3_step (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("There is a project called “%s” already."), change->name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return _prism_store_fail (db, rc, error);

  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("There is no project %lld."), (long long)change->id);
      return FALSE;
    }

  return TRUE;
}

gboolean
prism_store_rename_project (PrismStore  *self,
                            gint64       id,
                            const char  *name,
                            GError     **error)
{
  g_return_val_if_fail (PRISM_IS_STORE (self), FALSE);

  if (!check_name (name, error))
    return FALSE;

  return _prism_store_run (self, rename_project_job, &(ProjectChange) { id, name }, NULL, error);
}

static gboolean
delete_project_job (PrismStore  *self,
                    sqlite3     *db,
                    gpointer     data,
                    gpointer    *result,
                    GError     **error)
{
  static const char * const steps[] = {
    /* The per-day totals follow the attempts through their trigger. */
    "UPDATE attempts SET project_id = 1 WHERE project_id = ?1",
    "UPDATE conversations SET project_id = 1 WHERE project_id = ?1",
    "DELETE FROM projects WHERE id = ?1",
  };
  gint64 id = *(gint64 *)data;

  if (!_prism_store_begin (db, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = _prism_store_prepare (db, steps[i], error);
      int rc;

      if (stmt == NULL)
        goto failed;

      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          _prism_store_fail (db, rc, error);
          goto failed;
        }
    }

  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("There is no project %lld."), (long long)id);
      goto failed;
    }

  return _prism_store_commit (db, error);

failed:
  _prism_store_rollback (db);
  return FALSE;
}

/**
 * prism_store_delete_project:
 *
 * Deletes a project; its conversations and their spend move to the
 * default project, which cannot be deleted.
 */
gboolean
prism_store_delete_project (PrismStore  *self,
                            gint64       id,
                            GError     **error)
{
  g_return_val_if_fail (PRISM_IS_STORE (self), FALSE);

  if (id == PRISM_STORE_DEFAULT_PROJECT)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("The default project holds what belongs to no other; it cannot be deleted."));
      return FALSE;
    }

  return _prism_store_run (self, delete_project_job, &id, NULL, error);
}
