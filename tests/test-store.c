/* test-store.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <signal.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "prism-error.h"
#include "prism-store-private.h"

typedef struct
{
  char       *dir;
  char       *path;
  PrismStore *store;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* The crash test's child writes where its parent says. */
  if (g_test_subprocess ())
    return;

  f->dir = g_dir_make_tmp ("prism-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "history.db", NULL);

  if (data == NULL)
    {
      f->store = prism_store_open (f->path, &error);
      g_assert_no_error (error);
      g_assert_nonnull (f->store);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  if (f->dir != NULL)
    remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* A raw connection beside the store's, to look at what was really written */
static sqlite3 *
open_raw (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);

  return db;
}

static char *
query_text (sqlite3    *db,
            const char *sql,
            const char *param)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));

  return text;
}

static gint64
query_int (sqlite3    *db,
           const char *sql,
           const char *param)
{
  g_autofree char *text = query_text (db, sql, param);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

/* µs of noon, local time, on a given day */
static gint64
local_noon (int year,
            int month,
            int day)
{
  g_autoptr(GDateTime) time = g_date_time_new_local (year, month, day, 12, 0, 0);

  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

static PrismAttempt *
make_attempt (const char *message_id,
              const char *model,
              gint64      started_at,
              gint64      input,
              gint64      output,
              double      cost)
{
  PrismAttempt *attempt = prism_attempt_new ();

  attempt->message_id = g_strdup (message_id);
  attempt->model = g_strdup (model);
  attempt->http_status = 200;
  attempt->usage = (PrismUsage) { .input_tokens = input, .output_tokens = output, .known = TRUE };
  attempt->cost_usd = cost;
  attempt->cost_source = isnan (cost) ? PRISM_COST_SOURCE_UNKNOWN : PRISM_COST_SOURCE_CONFIG;
  attempt->started_at = started_at;
  attempt->ttft_ms = 120.5;
  attempt->latency_ms = 800.25;
  if (!isnan (cost))
    {
      attempt->prices.input = 2.5;
      attempt->prices.output = 10;
    }

  return attempt;
}

static void
test_conversations (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismConversation) a = NULL;
  g_autoptr(PrismConversation) b = NULL;
  g_autoptr(PrismConversation) c = NULL;
  g_autoptr(PrismConversation) loaded = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(PrismAttempt) attempt = NULL;
  g_autoptr(PrismSpendRow) total = NULL;
  g_autofree char *message = NULL;
  const char *models[] = { "openai:gpt-4o", "anthropic:claude-sonnet-4-5", NULL };
  gint64 work;

  a = prism_store_create_conversation (f->store, "First", 0, NULL, &error);
  g_assert_no_error (error);
  b = prism_store_create_conversation (f->store, "Second", 0, models, &error);
  g_assert_no_error (error);
  c = prism_store_create_conversation (f->store, "Third", 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (a->id));

  /* A message makes "First" the most recent; pinning "Second" puts it on top. */
  message = prism_store_add_message (f->store, a->id, NULL, "user", "hello", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (prism_store_set_pinned (f->store, b->id, TRUE, &error));
  g_assert_no_error (error);

  list = prism_store_list_conversations (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (((PrismConversation *)list->pdata[0])->id, ==, b->id);
  g_assert_true (((PrismConversation *)list->pdata[0])->pinned);
  g_assert_cmpstr (((PrismConversation *)list->pdata[1])->id, ==, a->id);
  g_assert_cmpuint (((PrismConversation *)list->pdata[1])->n_messages, ==, 1);
  g_assert_cmpstr (((PrismConversation *)list->pdata[2])->id, ==, c->id);
  g_assert_cmpstrv (((PrismConversation *)list->pdata[0])->models, models);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = prism_store_list_conversations (f->store, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);

  g_assert_true (prism_store_rename_conversation (f->store, c->id, "Renamed", &error));
  g_assert_no_error (error);

  work = prism_store_create_project (f->store, "Work", &error);
  g_assert_no_error (error);
  g_assert_cmpint (work, >, PRISM_STORE_DEFAULT_PROJECT);
  g_assert_cmpint (prism_store_create_project (f->store, "Work", &error), ==, work);

  attempt = make_attempt (message, "openai:gpt-4o", 0, 10, 10, 0.5);
  g_assert_cmpint (prism_store_record_attempt (f->store, attempt, &error), >, 0);
  g_assert_no_error (error);

  g_assert_true (prism_store_move_conversation (f->store, a->id, work, &error));
  g_assert_no_error (error);
  loaded = prism_store_get_conversation (f->store, a->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->project, ==, "Work");
  g_assert_cmpfloat_with_epsilon (loaded->cost_usd, 0.5, 1e-9);
  g_clear_pointer (&loaded, prism_conversation_free);

  /* Spend moved with the conversation */
  g_clear_pointer (&list, g_ptr_array_unref);
  list = prism_store_query_spend (f->store, PRISM_SPEND_BY_PROJECT, FALSE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((PrismSpendRow *)list->pdata[0])->key, ==, "Work");

  g_assert_false (prism_store_move_conversation (f->store, a->id, 999, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_STORE);
  g_clear_error (&error);

  loaded = prism_store_get_conversation (f->store, c->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->title, ==, "Renamed");

  /* Deleting keeps what was spent */
  g_assert_true (prism_store_delete_conversation (f->store, a->id, &error));
  g_assert_no_error (error);
  g_assert_null (prism_store_get_conversation (f->store, a->id, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_STORE);
  g_clear_error (&error);
  g_assert_false (prism_store_delete_conversation (f->store, a->id, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_STORE);
  g_clear_error (&error);

  total = prism_store_get_total (f->store, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (total->requests, ==, 1);
  g_assert_cmpfloat_with_epsilon (total->cost_usd, 0.5, 1e-9);
}

static void
test_paging_and_projects (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) paged = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_conversation_free);
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(PrismConversation) first = NULL;
  g_autofree char *message = NULL;
  g_autoptr(PrismAttempt) attempt = NULL;
  PrismConversation *last = NULL;
  gint64 hobby;
  sqlite3 *db;

  hobby = prism_store_create_project (f->store, "Hobby", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *title = g_strdup_printf ("Chat %u", i);
      g_autoptr(PrismConversation) conversation = prism_store_create_conversation (f->store, title, i < 2 ? hobby : 0, NULL, &error);

      g_assert_no_error (error);
      if (i == 3)
        g_assert_true (prism_store_set_pinned (f->store, conversation->id, TRUE, &error));
      if (i == 0)
        first = prism_conversation_copy (conversation);
    }

  /* Ties in time are broken the same way on every page */
  db = open_raw (f->path);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE conversations SET updated_at = 1000 WHERE title IN ('Chat 1', 'Chat 2', 'Chat 4', 'Chat 5')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  all = prism_store_list_conversations (f->store, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 7);
  g_assert_cmpstr (((PrismConversation *)all->pdata[0])->title, ==, "Chat 3");

  do
    {
      g_autoptr(GPtrArray) page = prism_store_list_conversations_after (f->store, last, 3, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (page->len, <=, 3);
      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (paged, prism_conversation_copy (page->pdata[i]));
      last = page->len > 0 ? paged->pdata[paged->len - 1] : NULL;
    }
  while (last != NULL && paged->len < 100);

  g_assert_cmpuint (paged->len, ==, all->len);
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpstr (((PrismConversation *)paged->pdata[i])->id, ==, ((PrismConversation *)all->pdata[i])->id);

  /* Projects: the default one first, then by name */
  projects = prism_store_list_projects (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (projects->len, ==, 2);
  g_assert_cmpstr (((PrismProject *)projects->pdata[0])->name, ==, "Default");
  g_assert_cmpuint (((PrismProject *)projects->pdata[0])->n_conversations, ==, 5);
  g_assert_cmpuint (((PrismProject *)projects->pdata[1])->n_conversations, ==, 2);
  g_clear_pointer (&projects, g_ptr_array_unref);

  g_assert_true (prism_store_rename_project (f->store, hobby, "Side project", &error));
  g_assert_no_error (error);
  g_assert_false (prism_store_rename_project (f->store, hobby, "Default", &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_clear_error (&error);
  g_assert_false (prism_store_rename_project (f->store, hobby, "", &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_clear_error (&error);

  /* Deleting a project brings its conversations and their spend home */
  message = prism_store_add_message (f->store, first->id, NULL, "assistant", "hi", NULL, NULL, &error);
  g_assert_no_error (error);
  attempt = make_attempt (message, "openai:gpt-4o", 0, 1, 1, 0.25);
  g_assert_cmpint (prism_store_record_attempt (f->store, attempt, &error), >, 0);
  rows = prism_store_query_spend (f->store, PRISM_SPEND_BY_PROJECT, FALSE, NULL, NULL, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((PrismSpendRow *)rows->pdata[0])->key, ==, "Side project");
  g_clear_pointer (&rows, g_ptr_array_unref);

  g_assert_false (prism_store_delete_project (f->store, PRISM_STORE_DEFAULT_PROJECT, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_clear_error (&error);
  g_assert_true (prism_store_delete_project (f->store, hobby, &error));
  g_assert_no_error (error);
  g_assert_false (prism_store_delete_project (f->store, hobby, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_STORE);
  g_clear_error (&error);

  rows = prism_store_query_spend (f->store, PRISM_SPEND_BY_PROJECT, FALSE, NULL, NULL, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((PrismSpendRow *)rows->pdata[0])->key, ==, "Default");
  g_assert_cmpfloat_with_epsilon (((PrismSpendRow *)rows->pdata[0])->cost_usd, 0.25, 1e-9);
  projects = prism_store_list_projects (f->store, &error);
  g_assert_cmpuint (projects->len, ==, 1);
  g_assert_cmpuint (((PrismProject *)projects->pdata[0])->n_conversations, ==, 7);
}

static void
test_migrate_v1 (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismConversation) conversation = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  sqlite3 *db = open_raw (f->path);
  const char *id = "6f1c1e5a-4d6b-4a53-9a53-0e7d1c6c9d01";
  const char *message_id = "6f1c1e5a-4d6b-4a53-9a53-0e7d1c6c9d02";
  PrismSpendRow *row;

  /* A history as the first schema wrote it */
  g_assert_cmpint (sqlite3_exec (db, _prism_store_migrations[0], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO conversations (id, title, created_at, updated_at)"
                                 " VALUES ('6f1c1e5a-4d6b-4a53-9a53-0e7d1c6c9d01', 'Old', 1, 2);"
                                 "INSERT INTO messages (id, conversation_id, role, content, model, created_at)"
                                 " VALUES ('6f1c1e5a-4d6b-4a53-9a53-0e7d1c6c9d02',"
                                 " '6f1c1e5a-4d6b-4a53-9a53-0e7d1c6c9d01', 'assistant', 'kept walrus', 'groq:llama', 3);"
                                 "INSERT INTO attempts (message_id, model, provider, input_tokens, output_tokens,"
                                 " cost_usd, cost_source, started_at, day) VALUES"
                                 " ('6f1c1e5a-4d6b-4a53-9a53-0e7d1c6c9d02', 'groq:llama', 'groq', 5, 6, 0.25,"
                                 "  'bundled', 3, '2026-01-02'),"
                                 " (NULL, 'groq:llama', 'groq', 1, 1, NULL, 'unknown', 4, '2026-01-02');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (query_int (db, "PRAGMA user_version", NULL), ==, 1);
  sqlite3_close (db);

  f->store = prism_store_open (f->path, &error);
  g_assert_no_error (error);

  db = open_raw (f->path);
  g_assert_cmpint (query_int (db, "PRAGMA user_version", NULL), ==, PRISM_STORE_SCHEMA_VERSION);
  sqlite3_close (db);

  conversation = prism_store_get_conversation (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (conversation->title, ==, "Old");
  g_assert_cmpuint (conversation->messages->len, ==, 1);
  g_assert_cmpstr (((PrismMessage *)conversation->messages->pdata[0])->id, ==, message_id);
  g_assert_cmpstr (((PrismMessage *)conversation->messages->pdata[0])->content, ==, "kept walrus");

  /* The per-day totals of v2 were filled from the old attempts */
  rows = prism_store_query_spend (f->store, PRISM_SPEND_BY_MODEL, TRUE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = rows->pdata[0];
  g_assert_cmpstr (row->key, ==, "groq:llama");
  g_assert_cmpstr (row->day, ==, "2026-01-02");
  g_assert_cmpint (row->requests, ==, 2);
  g_assert_cmpint (row->unknown_cost_requests, ==, 1);
  g_assert_cmpint (row->input_tokens, ==, 6);
  g_assert_cmpfloat_with_epsilon (row->cost_usd, 0.25, 1e-9);

  hits = prism_store_search (f->store, "walrus", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
}

static void
test_newer_schema (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = open_raw (f->path);

  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_null (prism_store_open (f->path, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "newer Prism"));
}

static void
test_tree (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismConversation) conversation = NULL;
  g_autoptr(PrismConversation) other = NULL;
  g_autoptr(PrismConversation) loaded = NULL;
  g_autoptr(GPtrArray) path = NULL;
  g_autoptr(GPtrArray) siblings = NULL;
  g_autofree char *q1 = NULL, *a1 = NULL, *a2 = NULL, *q2 = NULL, *a3 = NULL, *q1b = NULL;
  g_autofree char *comparison = NULL;

  conversation = prism_store_create_conversation (f->store, "Tree", 0, NULL, &error);
  g_assert_no_error (error);
  other = prism_store_create_conversation (f->store, "Other", 0, NULL, &error);
  g_assert_no_error (error);

  q1 = prism_store_add_message (f->store, conversation->id, NULL, "user", "Q1", NULL, NULL, &error);
  g_assert_no_error (error);
  a1 = prism_store_add_message (f->store, conversation->id, q1, "assistant", "A1", NULL, "openai:gpt-4o", &error);
  g_assert_no_error (error);
  /* A regeneration: a sibling, not an overwrite */
  a2 = prism_store_add_message (f->store, conversation->id, q1, "assistant", "A2", NULL, "openai:gpt-4o", &error);
  g_assert_no_error (error);
  q2 = prism_store_add_message (f->store, conversation->id, a1, "user", "Q2", "[{\"name\": \"a.png\"}]", NULL, &error);
  g_assert_no_error (error);
  a3 = prism_store_add_message (f->store, conversation->id, q2, "assistant", "A3", NULL, "openai:gpt-4o", &error);
  g_assert_no_error (error);
  /* An edit of the first prompt: another root */
  q1b = prism_store_add_message (f->store, conversation->id, NULL, "user", "Q1 edited", NULL, NULL, &error);
  g_assert_no_error (error);

  /* Bad input is refused with a clear error */
  g_assert_null (prism_store_add_message (f->store, conversation->id, NULL, "bot", "x", NULL, NULL, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_STORE);
  g_clear_error (&error);
  g_assert_null (prism_store_add_message (f->store, other->id, a1, "user", "x", NULL, NULL, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "is not in conversation"));
  g_clear_error (&error);
  g_assert_null (prism_store_add_message (f->store, "no-such", NULL, "user", "x", NULL, NULL, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_STORE);
  g_clear_error (&error);
  g_assert_null (prism_store_add_message (f->store, conversation->id, NULL, "user", "x", "{}", NULL, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_STORE);
  g_clear_error (&error);

  loaded = prism_store_get_conversation (f->store, conversation->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->messages->len, ==, 6);
  g_assert_cmpstr (prism_conversation_find_message (loaded, q2)->attachments, ==, "[{\"name\": \"a.png\"}]");

  path = prism_conversation_get_path (loaded, a3);
  g_assert_cmpuint (path->len, ==, 4);
  g_assert_cmpstr (((PrismMessage *)path->pdata[0])->id, ==, q1);
  g_assert_cmpstr (((PrismMessage *)path->pdata[1])->id, ==, a1);
  g_assert_cmpstr (((PrismMessage *)path->pdata[2])->id, ==, q2);
  g_assert_cmpstr (((PrismMessage *)path->pdata[3])->id, ==, a3);
  g_clear_pointer (&path, g_ptr_array_unref);

  path = prism_conversation_get_path (loaded, NULL);
  g_assert_cmpuint (path->len, ==, 1);
  g_assert_cmpstr (((PrismMessage *)path->pdata[0])->id, ==, q1b);

  siblings = prism_conversation_get_siblings (loaded, a2);
  g_assert_cmpuint (siblings->len, ==, 2);
  g_assert_cmpstr (((PrismMessage *)siblings->pdata[0])->id, ==, a1);
  g_assert_cmpstr (((PrismMessage *)siblings->pdata[1])->id, ==, a2);
  g_clear_pointer (&siblings, g_ptr_array_unref);

  siblings = prism_conversation_get_siblings (loaded, q1);
  g_assert_cmpuint (siblings->len, ==, 2);
  g_clear_pointer (&siblings, g_ptr_array_unref);

  /* A comparison groups sibling answers; votes pick one */
  comparison = prism_store_create_comparison (f->store, conversation->id, q2, &error);
  g_assert_no_error (error);
  {
    g_autofree char *x = prism_store_begin_message (f->store, conversation->id, q2, "openai:gpt-4o", comparison);
    g_autofree char *y = prism_store_begin_message (f->store, conversation->id, q2, "groq:llama", comparison);
    g_autoptr(PrismConversation) compared = NULL;
    PrismComparison *group;

    prism_store_append (f->store, x, PRISM_STREAM_DELTA_TEXT, "X");
    prism_store_append (f->store, y, PRISM_STREAM_DELTA_TEXT, "Y");
    g_assert_true (prism_store_finish_message (f->store, x, PRISM_MESSAGE_STATUS_COMPLETE, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (prism_store_finish_message (f->store, y, PRISM_MESSAGE_STATUS_COMPLETE, NULL, NULL, &error));
    g_assert_no_error (error);

    g_assert_false (prism_store_vote (f->store, comparison, a1, &error));
    g_assert_error (error, PRISM_ERROR, PRISM_ERROR_STORE);
    g_clear_error (&error);
    g_assert_true (prism_store_vote (f->store, comparison, x, &error));
    g_assert_true (prism_store_vote (f->store, comparison, y, &error));
    g_assert_no_error (error);

    compared = prism_store_get_conversation (f->store, conversation->id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (compared->comparisons->len, ==, 1);
    group = compared->comparisons->pdata[0];
    g_assert_cmpstr (group->parent_id, ==, q2);
    g_assert_cmpuint (group->votes, ==, 2);
    g_assert_cmpstr (group->winner_id, ==, y);
    siblings = prism_conversation_get_siblings (compared, x);
    g_assert_cmpuint (siblings->len, ==, 3);
    g_assert_cmpstr (prism_conversation_find_message (compared, y)->comparison_id, ==, comparison);
  }
}

static void
wait_for_flushes (PrismStore *store,
                  guint       count)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (_prism_store_get_flush_count (store) < count)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

static void
test_streaming_batches (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismConversation) conversation = NULL;
  g_autofree char *id = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  guint commits_before;
  gint64 started;
  sqlite3 *db;

  conversation = prism_store_create_conversation (f->store, "Stream", 0, NULL, &error);
  g_assert_no_error (error);

  commits_before = _prism_store_get_commit_count (f->store);
  started = g_get_monotonic_time ();
  id = prism_store_begin_message (f->store, conversation->id, NULL, "openai:gpt-4o", NULL);
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *delta = g_strdup_printf ("tok%u ", i);

      prism_store_append (f->store, id, PRISM_STREAM_DELTA_TEXT, delta);
      g_string_append (expected, delta);
    }
  prism_store_append (f->store, id, PRISM_STREAM_DELTA_REASONING, "thinking");

  /* The 1,000 deltas came in well under 250 ms; they are one write. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 250000);
  wait_for_flushes (f->store, 1);
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 250000);
  g_assert_cmpuint (_prism_store_get_flush_count (f->store), ==, 1);
  /* one transaction for the new row, one for the batch */
  g_assert_cmpuint (_prism_store_get_commit_count (f->store) - commits_before, ==, 2);

  db = open_raw (f->path);
  stored = query_text (db, "SELECT content FROM messages WHERE id = ?", id);
  g_assert_cmpstr (stored, ==, expected->str);
  g_clear_pointer (&stored, g_free);
  stored = query_text (db, "SELECT status || ' ' || reasoning FROM messages WHERE id = ?", id);
  g_assert_cmpstr (stored, ==, "streaming thinking");
  g_clear_pointer (&stored, g_free);

  g_assert_true (prism_store_finish_message (f->store, id, PRISM_MESSAGE_STATUS_COMPLETE, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (_prism_store_get_commit_count (f->store) - commits_before, ==, 3);
  stored = query_text (db, "SELECT status FROM messages WHERE id = ?", id);
  g_assert_cmpstr (stored, ==, "complete");
  sqlite3_close (db);

  g_assert_false (prism_store_finish_message (f->store, id, PRISM_MESSAGE_STATUS_COMPLETE, NULL, NULL, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_STORE);
}

static void
test_streaming_together (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismConversation) conversation = NULL;
  g_autofree char *x = NULL, *y = NULL, *text = NULL;
  guint commits_before;
  sqlite3 *db;

  conversation = prism_store_create_conversation (f->store, "Side by side", 0, NULL, &error);
  g_assert_no_error (error);

  /* Two answers of a comparison share each batch's transaction */
  commits_before = _prism_store_get_commit_count (f->store);
  x = prism_store_begin_message (f->store, conversation->id, NULL, "openai:gpt-4o", NULL);
  y = prism_store_begin_message (f->store, conversation->id, NULL, "groq:llama", NULL);
  for (guint i = 0; i < 100; i++)
    {
      prism_store_append (f->store, x, PRISM_STREAM_DELTA_TEXT, "x");
      prism_store_append (f->store, y, PRISM_STREAM_DELTA_TEXT, "y");
    }
  wait_for_flushes (f->store, 1);
  g_assert_cmpuint (_prism_store_get_commit_count (f->store) - commits_before, ==, 3);

  db = open_raw (f->path);
  text = query_text (db, "SELECT group_concat (length (content)) FROM messages", NULL);
  g_assert_cmpstr (text, ==, "100,100");
  sqlite3_close (db);

  /* Much text at once is written without waiting for the timer */
  {
    g_autofree char *chunk = g_strnfill (70 * 1024, 'z');

    prism_store_append (f->store, x, PRISM_STREAM_DELTA_TEXT, "a little first");
    g_assert_nonnull (_prism_store_get_streams (f->store)->flush_source);
    prism_store_append (f->store, x, PRISM_STREAM_DELTA_TEXT, chunk);
    /* sent to the worker at once: no timer is left waiting */
    g_assert_null (_prism_store_get_streams (f->store)->flush_source);
    wait_for_flushes (f->store, 2);
  }

  g_assert_true (prism_store_finish_message (f->store, x, PRISM_MESSAGE_STATUS_COMPLETE, NULL, NULL, &error));
  g_assert_true (prism_store_finish_message (f->store, y, PRISM_MESSAGE_STATUS_CANCELLED, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_streaming_missing_conversation (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  /* The row cannot be written; the stream goes on in memory and its end
   * reports the failure. */
  g_test_expect_message ("prism-store", G_LOG_LEVEL_WARNING, "*Could not write a streaming message*");
  id = prism_store_begin_message (f->store, "7c3f0d4e-0000-4000-8000-000000000000", NULL, "openai:gpt-4o", NULL);
  prism_store_append (f->store, id, PRISM_STREAM_DELTA_TEXT, "nowhere");
  g_assert_false (prism_store_finish_message (f->store, id, PRISM_MESSAGE_STATUS_COMPLETE, NULL, NULL, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "could not be saved"));

  /* The begin's failure reaches the main context after its job ran */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_test_assert_expected_messages ();
}

static gboolean
append_tick (gpointer user_data)
{
  gpointer *state = user_data;

  prism_store_append (state[0], state[1], PRISM_STREAM_DELTA_TEXT, "x");

  return G_SOURCE_CONTINUE;
}

static void
test_streaming_interval (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismConversation) conversation = NULL;
  g_autoptr(PrismAttempt) attempt = NULL;
  g_autoptr(PrismConversation) loaded = NULL;
  g_autofree char *id = NULL;
  gpointer state[2];
  gint64 started, elapsed;
  guint tick, flushes;
  PrismMessage *message;

  conversation = prism_store_create_conversation (f->store, "Slow stream", 0, NULL, &error);
  g_assert_no_error (error);
  id = prism_store_begin_message (f->store, conversation->id, NULL, "openai:gpt-4o", NULL);

  /* A delta every 10 ms for a second: at most one write per 250 ms */
  state[0] = f->store;
  state[1] = id;
  started = g_get_monotonic_time ();
  tick = g_timeout_add (10, append_tick, state);
  while (g_get_monotonic_time () - started < G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  elapsed = g_get_monotonic_time () - started;

  flushes = _prism_store_get_flush_count (f->store);
  g_assert_cmpuint (flushes, >=, 2);
  g_assert_cmpuint (flushes, <=, elapsed / 250000 + 1);

  attempt = make_attempt (NULL, "openai:gpt-4o", 0, 100, 50, 0.001);
  g_assert_true (prism_store_finish_message (f->store, id, PRISM_MESSAGE_STATUS_COMPLETE, NULL, attempt, &error));
  g_assert_no_error (error);

  loaded = prism_store_get_conversation (f->store, conversation->id, &error);
  g_assert_no_error (error);
  message = loaded->messages->pdata[0];
  g_assert_cmpuint (strlen (message->content), >=, 50);
  g_assert_cmpuint (message->attempts->len, ==, 1);
  g_assert_true (message->usage.known);
  g_assert_cmpint (message->usage.input_tokens, ==, 100);
  g_assert_cmpfloat_with_epsilon (message->cost_usd, 0.001, 1e-12);
}

static void
crash_child (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismStore) store = prism_store_open (g_getenv ("PRISM_TEST_DB"), &error);
  g_autoptr(PrismConversation) conversation = NULL;
  g_autofree char *id = NULL;

  g_assert_no_error (error);
  conversation = prism_store_create_conversation (store, "Crash", 0, NULL, &error);
  g_assert_no_error (error);
  id = prism_store_begin_message (store, conversation->id, NULL, "openai:gpt-4o", NULL);
  prism_store_append (store, id, PRISM_STREAM_DELTA_TEXT, "survives the crash");
  wait_for_flushes (store, 1);
  /* Text that came after the last batch is what a crash may lose. */
  prism_store_append (store, id, PRISM_STREAM_DELTA_TEXT, " lost");

  raise (SIGKILL);
}

static void
test_crash_recovery (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(PrismConversation) conversation = NULL;
  PrismMessage *message;

  if (g_test_subprocess ())
    {
      crash_child ();
      return;
    }

  g_setenv ("PRISM_TEST_DB", f->path, TRUE);
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();

  f->store = prism_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (prism_store_get_recovered (f->store), ==, 1);

  list = prism_store_list_conversations (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  conversation = prism_store_get_conversation (f->store, ((PrismConversation *)list->pdata[0])->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conversation->messages->len, ==, 1);
  message = conversation->messages->pdata[0];
  g_assert_cmpint (message->status, ==, PRISM_MESSAGE_STATUS_PARTIAL);
  g_assert_cmpstr (message->content, ==, "survives the crash");
}

static void
test_recovery_spares_running_streams (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismConversation) conversation = NULL;
  g_autoptr(PrismStore) second = NULL;
  g_autofree char *id = NULL;
  g_autofree char *status = NULL;
  sqlite3 *db;

  conversation = prism_store_create_conversation (f->store, "Busy", 0, NULL, &error);
  g_assert_no_error (error);
  id = prism_store_begin_message (f->store, conversation->id, NULL, "openai:gpt-4o", NULL);
  prism_store_append (f->store, id, PRISM_STREAM_DELTA_TEXT, "still going");
  wait_for_flushes (f->store, 1);

  /* Another Prism (the CLI, say) opening the same history must not
   * mark a message that is streaming right now as partial. */
  second = prism_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (prism_store_get_recovered (second), ==, 0);

  db = open_raw (f->path);
  status = query_text (db, "SELECT status FROM messages WHERE id = ?", id);
  g_assert_cmpstr (status, ==, "streaming");
  g_clear_pointer (&status, g_free);

  /* A store closed mid-stream keeps what arrived, as partial. */
  g_clear_object (&f->store);
  status = query_text (db, "SELECT status || ':' || content FROM messages WHERE id = ?", id);
  g_assert_cmpstr (status, ==, "partial:still going");
  sqlite3_close (db);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismConversation) a = NULL;
  g_autoptr(PrismConversation) b = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *m1 = NULL, *m2 = NULL, *stream = NULL, *markup = NULL;
  PrismSearchHit *hit;

  a = prism_store_create_conversation (f->store, "Birds", 0, NULL, &error);
  b = prism_store_create_conversation (f->store, "Fish", 0, NULL, &error);
  g_assert_no_error (error);
  m1 = prism_store_add_message (f->store, a->id, NULL, "user",
                                "Tell me about the <common> kingfisher & its nest", NULL, NULL, &error);
  m2 = prism_store_add_message (f->store, a->id, m1, "assistant",
                                "The <common> kingfisher dives for fish & more", NULL, NULL, &error);
  g_assert_no_error (error);
  stream = prism_store_begin_message (f->store, b->id, NULL, "openai:gpt-4o", NULL);
  prism_store_append (f->store, stream, PRISM_STREAM_DELTA_TEXT, "A salmon swims upstream");
  g_assert_true (prism_store_finish_message (f->store, stream, PRISM_MESSAGE_STATUS_COMPLETE, NULL, NULL, &error));
  g_assert_no_error (error);

  /* One hit per conversation, with a highlighted snippet */
  hits = prism_store_search (f->store, "kingfisher", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = hits->pdata[0];
  g_assert_cmpstr (hit->conversation_id, ==, a->id);
  g_assert_cmpstr (hit->title, ==, "Birds");
  g_assert_nonnull (strstr (hit->snippet, PRISM_STORE_MATCH_START "kingfisher" PRISM_STORE_MATCH_END));
  markup = prism_search_hit_get_snippet_markup (hit);
  g_assert_nonnull (strstr (markup, "<b>kingfisher</b>"));
  g_assert_nonnull (strstr (markup, "&lt;common&gt;"));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Streamed text is found once written; prefixes match while typing */
  hits = prism_store_search (f->store, "salm", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((PrismSearchHit *)hits->pdata[0])->message_id, ==, stream);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Words must all match in one message */
  hits = prism_store_search (f->store, "kingfisher salmon", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* FTS5 syntax in what a person types is just text */
  hits = prism_store_search (f->store, "\"dives\" AND NEAR(", 0, &error);
  g_assert_no_error (error);
  g_clear_pointer (&hits, g_ptr_array_unref);

  g_assert_null (prism_store_search (f->store, "   ", 0, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_clear_error (&error);

  /* The conversation written to last comes first */
  {
    g_autoptr(PrismConversation) later = prism_store_create_conversation (f->store, "Later", 0, NULL, &error);

    g_free (prism_store_add_message (f->store, later->id, NULL, "user", "kingfisher again", NULL, NULL, &error));
    g_assert_no_error (error);
    hits = prism_store_search (f->store, "kingfisher", 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 2);
    g_assert_cmpstr (((PrismSearchHit *)hits->pdata[0])->conversation_id, ==, later->id);
    g_assert_cmpstr (((PrismSearchHit *)hits->pdata[1])->conversation_id, ==, a->id);
    g_assert_cmpstr (((PrismSearchHit *)hits->pdata[1])->message_id, ==, m2);
    g_clear_pointer (&hits, g_ptr_array_unref);
    hits = prism_store_search (f->store, "kingfisher", 1, &error);
    g_assert_cmpuint (hits->len, ==, 1);
    g_clear_pointer (&hits, g_ptr_array_unref);
  }

  /* Triggers keep the index in step with deletions */
  g_assert_true (prism_store_delete_conversation (f->store, a->id, &error));
  hits = prism_store_search (f->store, "kingfisher", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((PrismSearchHit *)hits->pdata[0])->title, ==, "Later");
}

static void
add_spend (PrismStore *store,
           const char *message_id,
           const char *model,
           gint64      when,
           gint64      input,
           gint64      output,
           double      cost)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismAttempt) attempt = make_attempt (message_id, model, when, input, output, cost);

  g_assert_cmpint (prism_store_record_attempt (store, attempt, &error), >, 0);
  g_assert_no_error (error);
}

static PrismSpendRow *
find_row (GPtrArray  *rows,
          const char *key,
          const char *day)
{
  for (guint i = 0; i < rows->len; i++)
    {
      PrismSpendRow *row = rows->pdata[i];

      if (g_str_equal (row->key, key) && g_strcmp0 (row->day, day) == 0)
        return row;
    }

  g_assert_not_reached ();
}

static void
test_spend (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(PrismConversation) work = NULL;
  g_autoptr(PrismSpendRow) total = NULL;
  g_autoptr(PrismSpendRow) month = NULL;
  g_autoptr(PrismAttempt) bad = NULL;
  g_autofree char *message = NULL;
  gint64 project;
  PrismSpendRow *row;

  project = prism_store_create_project (f->store, "Work", &error);
  work = prism_store_create_conversation (f->store, "Work chat", project, NULL, &error);
  g_assert_no_error (error);
  message = prism_store_add_message (f->store, work->id, NULL, "assistant", "hi", NULL, NULL, &error);
  g_assert_no_error (error);

  add_spend (f->store, NULL, "openai:gpt-4o", local_noon (2026, 3, 1), 100, 10, 0.10);
  add_spend (f->store, NULL, "openai:gpt-4o", local_noon (2026, 3, 1), 200, 20, 0.20);
  add_spend (f->store, NULL, "openai:gpt-4o", local_noon (2026, 3, 2), 300, 30, NAN);
  add_spend (f->store, message, "anthropic:claude-sonnet-4-5", local_noon (2026, 3, 2), 50, 5, 1.00);
  add_spend (f->store, NULL, "openai:gpt-4o-mini", local_noon (2026, 3, 3), 10, 1, NAN);
  add_spend (f->store, NULL, "openai:gpt-4o", local_noon (2026, 4, 1), 1, 1, 5.0);

  rows = prism_store_query_spend (f->store, PRISM_SPEND_BY_MODEL, FALSE, "2026-03-01", "2026-03-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  /* Biggest cost first */
  g_assert_cmpstr (((PrismSpendRow *)rows->pdata[0])->key, ==, "anthropic:claude-sonnet-4-5");
  row = find_row (rows, "openai:gpt-4o", NULL);
  g_assert_cmpint (row->requests, ==, 3);
  g_assert_cmpint (row->unknown_cost_requests, ==, 1);
  g_assert_cmpint (row->input_tokens, ==, 600);
  g_assert_cmpint (row->output_tokens, ==, 60);
  g_assert_cmpfloat_with_epsilon (row->cost_usd, 0.30, 1e-9);
  /* A model whose every cost is unknown has no cost to show, not a zero one */
  row = find_row (rows, "openai:gpt-4o-mini", NULL);
  g_assert_cmpint (row->requests, ==, row->unknown_cost_requests);
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = prism_store_query_spend (f->store, PRISM_SPEND_BY_PROVIDER, FALSE, "2026-03-01", "2026-03-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  row = find_row (rows, "openai", NULL);
  g_assert_cmpint (row->requests, ==, 4);
  g_assert_cmpint (row->unknown_cost_requests, ==, 2);
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = prism_store_query_spend (f->store, PRISM_SPEND_BY_PROJECT, FALSE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpfloat_with_epsilon (find_row (rows, "Work", NULL)->cost_usd, 1.0, 1e-9);
  g_assert_cmpint (find_row (rows, "Default", NULL)->requests, ==, 5);
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = prism_store_query_spend (f->store, PRISM_SPEND_BY_MODEL, TRUE, "2026-03-01", "2026-03-02", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (((PrismSpendRow *)rows->pdata[0])->day, ==, "2026-03-01");
  row = find_row (rows, "openai:gpt-4o", "2026-03-01");
  g_assert_cmpint (row->requests, ==, 2);
  g_assert_cmpfloat_with_epsilon (row->cost_usd, 0.30, 1e-9);
  row = find_row (rows, "openai:gpt-4o", "2026-03-02");
  g_assert_cmpint (row->unknown_cost_requests, ==, 1);
  g_assert_cmpfloat (row->cost_usd, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = prism_store_query_spend (f->store, PRISM_SPEND_BY_DAY, FALSE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpstr (((PrismSpendRow *)rows->pdata[3])->key, ==, "2026-04-01");
  g_assert_cmpstr (((PrismSpendRow *)rows->pdata[3])->day, ==, "2026-04-01");
  g_clear_pointer (&rows, g_ptr_array_unref);

  total = prism_store_get_total (f->store, "2026-03-01", "2026-03-31", &error);
  g_assert_no_error (error);
  g_assert_cmpint (total->requests, ==, 5);
  g_assert_cmpint (total->unknown_cost_requests, ==, 2);
  g_assert_cmpfloat_with_epsilon (total->cost_usd, 1.30, 1e-9);

  /* Nothing this month in this history */
  month = prism_store_get_month_total (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (month->requests, ==, 0);

  g_assert_null (prism_store_query_spend (f->store, PRISM_SPEND_BY_MODEL, FALSE, "2026-02-30", NULL, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_clear_error (&error);
  g_assert_null (prism_store_get_total (f->store, "yesterday", NULL, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_clear_error (&error);

  bad = make_attempt (NULL, "no-provider", 0, 1, 1, 0.1);
  g_assert_cmpint (prism_store_record_attempt (f->store, bad, &error), ==, 0);
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_STORE);
  g_clear_error (&error);
  g_free (bad->model);
  bad->model = g_strdup ("openai:gpt-4o");
  bad->cost_usd = -1;
  g_assert_cmpint (prism_store_record_attempt (f->store, bad, &error), ==, 0);
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_STORE);
}

static void
test_budgets (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) budgets = NULL;
  g_autoptr(PrismSpendRow) spent = NULL;
  gint64 all, model;
  PrismBudget *budget;

  all = prism_store_add_budget (f->store, "all", NULL, "month", 20, "warn", &error);
  g_assert_no_error (error);
  model = prism_store_add_budget (f->store, "model", "openai:gpt-4o", "day", 1.5, "block", &error);
  g_assert_no_error (error);

  g_assert_cmpint (prism_store_add_budget (f->store, "team", NULL, "month", 1, "warn", &error), ==, 0);
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_clear_error (&error);
  g_assert_cmpint (prism_store_add_budget (f->store, "model", NULL, "month", 1, "warn", &error), ==, 0);
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_clear_error (&error);
  g_assert_cmpint (prism_store_add_budget (f->store, "all", NULL, "week", 1, "warn", &error), ==, 0);
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_clear_error (&error);
  g_assert_cmpint (prism_store_add_budget (f->store, "all", NULL, "day", -1, "warn", &error), ==, 0);
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_clear_error (&error);

  g_assert_true (prism_store_update_budget (f->store, model, 2.5, "warn", &error));
  g_assert_no_error (error);
  g_assert_false (prism_store_update_budget (f->store, 999, 2.5, "warn", &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_STORE);
  g_clear_error (&error);

  budgets = prism_store_list_budgets (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (budgets->len, ==, 2);
  budget = budgets->pdata[1];
  g_assert_cmpint (budget->id, ==, model);
  g_assert_cmpstr (budget->target, ==, "openai:gpt-4o");
  g_assert_cmpfloat (budget->limit_usd, ==, 2.5);
  g_assert_cmpstr (budget->action, ==, "warn");

  /* Spend within a budget's period and scope */
  add_spend (f->store, NULL, "openai:gpt-4o", g_get_real_time (), 10, 10, 0.75);
  add_spend (f->store, NULL, "groq:llama", g_get_real_time (), 10, 10, 0.25);
  add_spend (f->store, NULL, "openai:gpt-4o", g_get_real_time (), 10, 10, NAN);
  spent = prism_store_get_budget_spend (f->store, budget, &error);
  g_assert_no_error (error);
  g_assert_cmpint (spent->requests, ==, 2);
  g_assert_cmpint (spent->unknown_cost_requests, ==, 1);
  g_assert_cmpfloat_with_epsilon (spent->cost_usd, 0.75, 1e-9);
  g_clear_pointer (&spent, prism_spend_row_free);
  spent = prism_store_get_budget_spend (f->store, budgets->pdata[0], &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (spent->cost_usd, 1.0, 1e-9);
  g_clear_pointer (&spent, prism_spend_row_free);
  spent = prism_store_get_month_total (f->store, &error);
  g_assert_cmpint (spent->requests, ==, 3);

  g_assert_true (prism_store_delete_budget (f->store, all, &error));
  g_assert_no_error (error);
  g_clear_pointer (&budgets, g_ptr_array_unref);
  budgets = prism_store_list_budgets (f->store, &error);
  g_assert_cmpuint (budgets->len, ==, 1);
}

/* A history with every kind of thing an export has to carry */
static char *
fill_history (PrismStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismConversation) conversation = NULL;
  g_autoptr(PrismConversation) second = NULL;
  g_autoptr(PrismAttempt) failed = NULL;
  g_autoptr(PrismAttempt) ok = NULL;
  g_autofree char *q = NULL, *comparison = NULL, *x = NULL, *y = NULL;
  const char *models[] = { "openai:gpt-4o", "groq:llama", NULL };
  gint64 project;

  project = prism_store_create_project (store, "Personal", &error);
  conversation = prism_store_create_conversation (store, "Round trip ✓", project, models, &error);
  g_assert_no_error (error);
  second = prism_store_create_conversation (store, "Second", 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (prism_store_set_pinned (store, second->id, TRUE, &error));

  q = prism_store_add_message (store, conversation->id, NULL, "user", "Compare \"these\"\nplease",
                               "[{\"name\":\"a.txt\",\"size\":3}]", NULL, &error);
  g_assert_no_error (error);
  comparison = prism_store_create_comparison (store, conversation->id, q, &error);
  g_assert_no_error (error);
  x = prism_store_begin_message (store, conversation->id, q, "openai:gpt-4o", comparison);
  y = prism_store_begin_message (store, conversation->id, q, "groq:llama", comparison);
  prism_store_append (store, x, PRISM_STREAM_DELTA_REASONING, "hmm");
  prism_store_append (store, x, PRISM_STREAM_DELTA_TEXT, "Answer X");
  prism_store_append (store, y, PRISM_STREAM_DELTA_TEXT, "Answer Y, cut");

  failed = make_attempt (NULL, "groq:llama", 0, 0, 0, NAN);
  failed->usage.known = FALSE;
  failed->http_status = 429;
  failed->error_kind = g_strdup ("rate_limit");
  failed->error_message = g_strdup ("slow down");
  ok = make_attempt (NULL, "openai:gpt-4o", 0, 12, 7, 0.000074);
  ok->usage.cached_input_tokens = 4;
  ok->usage.reasoning_tokens = 2;
  ok->prices.cached_input = 1.25;

  g_assert_true (prism_store_finish_message (store, x, PRISM_MESSAGE_STATUS_COMPLETE, NULL, ok, &error));
  g_assert_no_error (error);
  g_assert_true (prism_store_finish_message (store, y, PRISM_MESSAGE_STATUS_ERROR, "rate limited", failed, &error));
  g_assert_no_error (error);
  g_assert_true (prism_store_vote (store, comparison, x, &error));
  g_assert_true (prism_store_vote (store, comparison, NULL, &error));
  g_assert_no_error (error);

  /* Spend without a message survives in a whole export */
  add_spend (store, NULL, "mistral:small", local_noon (2026, 2, 3), 5, 5, 0.01);

  return g_strdup (conversation->id);
}

static void
test_export_import (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismStore) copy = NULL;
  g_autofree char *copy_path = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *single_path = g_build_filename (f->dir, "single.db", NULL);
  g_autofree char *id = fill_history (f->store);
  g_autofree char *all = NULL, *all_again = NULL, *one = NULL, *one_again = NULL, *md = NULL;
  g_autoptr(PrismSpendRow) total = NULL;
  g_autoptr(PrismSpendRow) copy_total = NULL;
  g_autoptr(GPtrArray) list = NULL;
  guint imported = 0, skipped = 0;

  all = prism_store_export_json (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (all, "\"prism_export\" : 1"));
  g_assert_nonnull (strstr (all, "\"cost_usd\" : null"));

  copy = prism_store_open (copy_path, &error);
  g_assert_no_error (error);
  g_assert_true (prism_store_import_json (copy, all, -1, &imported, &skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (imported, ==, 2);
  g_assert_cmpuint (skipped, ==, 0);

  /* Lossless: the copy exports to the very same text */
  all_again = prism_store_export_json (copy, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (all_again, ==, all);

  total = prism_store_get_total (f->store, NULL, NULL, &error);
  copy_total = prism_store_get_total (copy, NULL, NULL, &error);
  g_assert_cmpint (copy_total->requests, ==, total->requests);
  g_assert_cmpint (copy_total->unknown_cost_requests, ==, total->unknown_cost_requests);
  g_assert_cmpfloat_with_epsilon (copy_total->cost_usd, total->cost_usd, 1e-12);

  /* Importing again adds nothing */
  g_assert_true (prism_store_import_json (copy, all, -1, &imported, &skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (imported, ==, 0);
  g_assert_cmpuint (skipped, ==, 2);
  g_clear_pointer (&copy_total, prism_spend_row_free);
  copy_total = prism_store_get_total (copy, NULL, NULL, &error);
  g_assert_cmpint (copy_total->requests, ==, total->requests);
  g_clear_object (&copy);

  /* One conversation, in the shape of `prism-cli show --json` */
  one = prism_store_export_json (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (one, "\"role\" : \"assistant\""));
  g_assert_nonnull (strstr (one, "\"status\" : \"error\""));
  g_assert_nonnull (strstr (one, "\"attempts\""));
  copy = prism_store_open (single_path, &error);
  g_assert_no_error (error);
  g_assert_true (prism_store_import_json (copy, one, -1, &imported, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (imported, ==, 1);
  one_again = prism_store_export_json (copy, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (one_again, ==, one);
  list = prism_store_list_conversations (copy, 0, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((PrismConversation *)list->pdata[0])->project, ==, "Personal");

  md = prism_store_export_markdown (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (md, "# Round trip ✓\n"));
  g_assert_nonnull (strstr (md, "## Assistant · openai:gpt-4o"));
  g_assert_nonnull (strstr (md, "version 2 of 2"));
  g_assert_nonnull (strstr (md, "> hmm"));
  g_assert_nonnull (strstr (md, "12 tokens in, 7 out"));
  g_assert_nonnull (strstr (md, "Status: error — rate limited"));
}

static void
test_import_malformed (Fixture       *f,
                       gconstpointer  data)
{
  static const struct {
    const char *find;
    const char *replace;
    const char *says;
  } damage[] = {
    { "\"role\" : \"user\"", "\"role\" : \"bot\"", "conversations[0].messages[0]: “role” cannot be “bot”" },
    { "\"status\" : \"complete\"", "\"status\" : 3", "“status” must be a string" },
    { "\"cost_source\" : \"config\"", "\"cost_source\" : \"guess\"", "“cost_source” cannot be “guess”" },
    { "\"input_tokens\" : 12", "\"input_tokens\" : -12", "“input_tokens” must be a whole number" },
    { "\"prism_export\" : 1", "\"prism_export\" : 7", "version 1" },
    { "\"kind\" : \"rate_limit\"", "\"kind\" : \"oops\"", "“kind” cannot be “oops”" },
    { "\"title\" : \"Second\"", "\"title\" : null", "conversations[1]: “title” is missing" },
    { "\"started_at\" : \"", "\"started_at\" : \"yesterday", "ISO 8601" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismStore) source = NULL;
  g_autofree char *source_path = g_build_filename (f->dir, "source.db", NULL);
  g_autofree char *id = NULL;
  g_autofree char *json = NULL;
  g_autofree char *one = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(PrismSpendRow) total = NULL;

  source = prism_store_open (source_path, &error);
  g_assert_no_error (error);
  id = fill_history (source);
  json = prism_store_export_json (source, NULL, &error);
  g_assert_no_error (error);
  one = prism_store_export_json (source, id, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (damage); i++)
    {
      g_autoptr(GString) broken = g_string_new (json);

      g_assert_cmpuint (g_string_replace (broken, damage[i].find, damage[i].replace, 1), ==, 1);
      g_assert_false (prism_store_import_json (f->store, broken->str, -1, NULL, NULL, &error));
      g_assert_error (error, PRISM_ERROR, PRISM_ERROR_STORE);
      if (strstr (error->message, damage[i].says) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, damage[i].says);
      g_assert_nonnull (strstr (error->message, "nothing was changed"));
      g_clear_error (&error);
    }

  /* Not JSON, not an export, a child before its parent */
  g_assert_false (prism_store_import_json (f->store, "{\"prism_export\": 1, \"conv", -1, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "not JSON"));
  g_clear_error (&error);
  g_assert_false (prism_store_import_json (f->store, "[1, 2]", -1, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "not a Prism export"));
  g_clear_error (&error);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(JsonGenerator) generator = json_generator_new ();
    g_autofree char *reversed = NULL;
    JsonArray *messages;
    JsonNode *first;

    g_assert_true (json_parser_load_from_data (parser, one, -1, NULL));
    messages = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "messages");
    first = json_node_copy (json_array_get_element (messages, 0));
    json_array_remove_element (messages, 0);
    json_array_add_element (messages, first);
    json_generator_set_root (generator, json_parser_get_root (parser));
    reversed = json_generator_to_data (generator, NULL);

    g_assert_false (prism_store_import_json (f->store, reversed, -1, NULL, NULL, &error));
    g_assert_nonnull (strstr (error->message, "is not an earlier message"));
    g_clear_error (&error);
  }

  /* A file that is right up to its last conversation changes nothing
   * either: the database check happens inside the one transaction. */
  {
    g_autoptr(GString) clash = g_string_new (json);
    g_autoptr(PrismConversation) existing = NULL;
    g_autofree char *message = NULL;

    existing = prism_store_create_conversation (f->store, "Mine", 0, NULL, &error);
    message = prism_store_add_message (f->store, existing->id, NULL, "user", "mine", NULL, NULL, &error);
    g_assert_no_error (error);
    /* The second conversation's messages are none; make the first one's
     * first message collide with a message already in this history. */
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      const char *first_id;

      g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
      first_id = json_object_get_string_member (
        json_array_get_object_element (
          json_object_get_array_member (
            json_array_get_object_element (
              json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "conversations"),
              0),
            "messages"),
          0),
        "id");
      g_string_replace (clash, first_id, message, 0);
    }

    g_assert_false (prism_store_import_json (f->store, clash->str, -1, NULL, NULL, &error));
    g_assert_error (error, PRISM_ERROR, PRISM_ERROR_STORE);
    g_clear_error (&error);
    g_assert_true (prism_store_delete_conversation (f->store, existing->id, &error));
  }

  list = prism_store_list_conversations (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  total = prism_store_get_total (f->store, NULL, NULL, &error);
  g_assert_cmpint (total->requests, ==, 0);
}

static void
test_corrupt (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismStore) store = NULL;
  g_autoptr(PrismConversation) conversation = NULL;
  g_autofree char *moved_to = NULL;
  g_autofree char *contents = NULL;
  char garbage[8192];

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (char)(i * 7 + 3);
  g_assert_true (g_file_set_contents (f->path, garbage, sizeof garbage, NULL));

  g_assert_null (prism_store_open (f->path, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);

  /* Never overwritten */
  g_assert_true (g_file_get_contents (f->path, &contents, NULL, NULL));
  g_assert_cmpmem (contents, sizeof garbage, garbage, sizeof garbage);
  g_clear_pointer (&contents, g_free);

  store = prism_store_open_fresh_beside (f->path, &moved_to, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (moved_to, f->path));
  g_assert_nonnull (strstr (moved_to, "history.db.corrupt-"));
  g_assert_true (g_file_get_contents (moved_to, &contents, NULL, NULL));
  g_assert_cmpmem (contents, sizeof garbage, garbage, sizeof garbage);

  conversation = prism_store_create_conversation (store, "Fresh", 0, NULL, &error);
  g_assert_no_error (error);
}

static void
test_corrupt_inside (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismConversation) conversation = NULL;
  g_autoptr(PrismStore) store = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  conversation = prism_store_create_conversation (f->store, "Soon damaged", 0, NULL, &error);
  g_assert_no_error (error);
  g_free (prism_store_add_message (f->store, conversation->id, NULL, "user", "text", NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);

  /* A sound header and schema page, damaged tables behind them */
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 3 * 4096);
  for (gsize i = 4096; i < length; i++)
    contents[i] = (char)(i * 13 + 5);
  g_assert_true (g_file_set_contents (f->path, contents, length, NULL));

  store = prism_store_open (f->path, &error);
  if (store != NULL)
    {
      g_autoptr(GPtrArray) list = prism_store_list_conversations (store, 0, &error);

      g_assert_null (list);
    }
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_nonnull (strstr (error->message, "start a new history beside it"));
}

static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismConversation) conversation = NULL;
  g_autoptr(PrismConversation) loaded = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *big = g_strnfill (2 * 1024 * 1024, 'z');
  g_autofree char *check = NULL;
  gint64 pages;
  sqlite3 *db;

  conversation = prism_store_create_conversation (f->store, "Full", 0, NULL, &error);
  kept = prism_store_add_message (f->store, conversation->id, NULL, "user", "kept", NULL, NULL, &error);
  g_assert_no_error (error);

  db = open_raw (f->path);
  pages = query_int (db, "PRAGMA page_count", NULL);
  g_assert_true (_prism_store_set_max_page_count (f->store, pages + 2, &error));
  g_assert_no_error (error);

  g_assert_null (prism_store_add_message (f->store, conversation->id, kept, "assistant", big, NULL, NULL, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);

  /* Consistent: nothing half-written, the rest still there */
  check = query_text (db, "PRAGMA integrity_check", NULL);
  g_assert_cmpstr (check, ==, "ok");
  g_clear_pointer (&check, g_free);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  loaded = prism_store_get_conversation (f->store, conversation->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->messages->len, ==, 1);

  /* And once there is room again, writing works */
  g_assert_true (_prism_store_set_max_page_count (f->store, 1 << 30, &error));
  g_free (prism_store_add_message (f->store, conversation->id, kept, "assistant", big, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_unwritable (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *blocker = g_build_filename (f->dir, "file", NULL);
  g_autofree char *path = g_build_filename (blocker, "history.db", NULL);

  /* Tests run as root here, so a mode cannot make a folder unwritable;
   * a file where the folder should be cannot be written through by anyone. */
  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  g_assert_null (prism_store_open (path, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, blocker));
}

static void
got_result (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  *out = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (*result == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }

  return *result;
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismConversation) conversation = NULL;
  g_autoptr(PrismConversation) loaded = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PrismStore) opened = NULL;
  g_autofree char *id = NULL;

  conversation = prism_store_create_conversation (f->store, "Async", 0, NULL, &error);
  g_assert_no_error (error);

  prism_store_list_conversations_async (f->store, 10, NULL, got_result, &result);
  list = prism_store_list_conversations_finish (f->store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_object (&result);
  g_clear_pointer (&list, g_ptr_array_unref);

  id = prism_store_begin_message (f->store, conversation->id, NULL, "openai:gpt-4o", NULL);
  prism_store_append (f->store, id, PRISM_STREAM_DELTA_TEXT, "async penguin");
  prism_store_finish_message_async (f->store, id, PRISM_MESSAGE_STATUS_CANCELLED, NULL, NULL, NULL,
                                    got_result, &result);
  g_assert_true (prism_store_finish_message_finish (f->store, wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  prism_store_get_conversation_async (f->store, conversation->id, NULL, got_result, &result);
  loaded = prism_store_get_conversation_finish (f->store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (((PrismMessage *)loaded->messages->pdata[0])->status, ==, PRISM_MESSAGE_STATUS_CANCELLED);
  g_clear_object (&result);

  prism_store_search_async (f->store, "penguin", 0, NULL, got_result, &result);
  list = prism_store_search_finish (f->store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_object (&result);
  g_clear_pointer (&list, g_ptr_array_unref);

  prism_store_search_async (f->store, "", 0, NULL, got_result, &result);
  g_assert_null (prism_store_search_finish (f->store, wait_result (&result), &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_clear_error (&error);
  g_clear_object (&result);

  prism_store_query_spend_async (f->store, PRISM_SPEND_BY_MODEL, TRUE, "2026-01-01", NULL, NULL,
                                 got_result, &result);
  list = prism_store_query_spend_finish (f->store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_object (&result);

  g_clear_pointer (&list, g_ptr_array_unref);
  g_clear_pointer (&loaded, prism_conversation_free);
  g_clear_pointer (&id, g_free);

  /* The writes the window makes */
  prism_store_create_conversation_async (f->store, "Made async", 0, NULL, NULL, got_result, &result);
  loaded = prism_store_create_conversation_finish (f->store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->title, ==, "Made async");
  g_clear_object (&result);

  prism_store_add_message_async (f->store, loaded->id, NULL, "user", "albatross", NULL, NULL, NULL,
                                 got_result, &result);
  id = prism_store_add_message_finish (f->store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (id));
  g_clear_object (&result);

  prism_store_add_message_async (f->store, loaded->id, NULL, "robot", "x", NULL, NULL, NULL,
                                 got_result, &result);
  g_assert_null (prism_store_add_message_finish (f->store, wait_result (&result), &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_STORE);
  g_clear_error (&error);
  g_clear_object (&result);

  {
    g_autoptr(PrismAttempt) attempt = make_attempt (id, "openai:gpt-4o", 0, 1, 1, 0.5);
    g_autoptr(PrismBudget) budget = NULL;
    g_autoptr(GPtrArray) budgets = NULL;
    g_autoptr(PrismSpendRow) spent = NULL;
    g_autoptr(PrismConversation) check = NULL;
    g_autoptr(PrismStore) copy = NULL;
    g_autofree char *copy_path = g_build_filename (f->dir, "copy.db", NULL);
    g_autofree char *json = NULL;
    g_autoptr(GBytes) bytes = NULL;
    guint imported = 0;
    gint64 project = prism_store_create_project (f->store, "Elsewhere", &error);

    prism_store_record_attempt_async (f->store, attempt, NULL, got_result, &result);
    g_assert_cmpint (prism_store_record_attempt_finish (f->store, wait_result (&result), &error), >, 0);
    g_assert_no_error (error);
    g_clear_object (&result);

    prism_store_add_budget (f->store, "all", NULL, "month", 10, "warn", &error);
    budgets = prism_store_list_budgets (f->store, &error);
    prism_store_get_budget_spend_async (f->store, budgets->pdata[0], NULL, got_result, &result);
    spent = prism_store_get_budget_spend_finish (f->store, wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpfloat_with_epsilon (spent->cost_usd, 0.5, 1e-9);
    g_clear_object (&result);

    prism_store_change_conversation_async (f->store, loaded->id, PRISM_CONVERSATION_RENAME, "Renamed async", 0,
                                           NULL, got_result, &result);
    g_assert_true (prism_store_change_conversation_finish (f->store, wait_result (&result), &error));
    g_assert_no_error (error);
    g_clear_object (&result);
    prism_store_change_conversation_async (f->store, loaded->id, PRISM_CONVERSATION_PIN, NULL, TRUE,
                                           NULL, got_result, &result);
    g_assert_true (prism_store_change_conversation_finish (f->store, wait_result (&result), &error));
    g_clear_object (&result);
    prism_store_change_conversation_async (f->store, loaded->id, PRISM_CONVERSATION_MOVE, NULL, project,
                                           NULL, got_result, &result);
    g_assert_true (prism_store_change_conversation_finish (f->store, wait_result (&result), &error));
    g_assert_no_error (error);
    g_clear_object (&result);

    check = prism_store_get_conversation (f->store, loaded->id, &error);
    g_assert_cmpstr (check->title, ==, "Renamed async");
    g_assert_true (check->pinned);
    g_assert_cmpstr (check->project, ==, "Elsewhere");

    prism_store_export_json_async (f->store, NULL, NULL, got_result, &result);
    json = prism_store_export_json_finish (f->store, wait_result (&result), &error);
    g_assert_no_error (error);
    g_clear_object (&result);

    copy = prism_store_open (copy_path, &error);
    g_assert_no_error (error);
    bytes = g_bytes_new (json, strlen (json));
    prism_store_import_json_async (copy, bytes, NULL, got_result, &result);
    g_assert_true (prism_store_import_json_finish (copy, wait_result (&result), &imported, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (imported, ==, 2);
    g_clear_object (&result);
    g_clear_pointer (&bytes, g_bytes_unref);

    bytes = g_bytes_new_static ("{\"messages\": 3}", 15);
    prism_store_import_json_async (copy, bytes, NULL, got_result, &result);
    g_assert_false (prism_store_import_json_finish (copy, wait_result (&result), NULL, NULL, &error));
    g_assert_error (error, PRISM_ERROR, PRISM_ERROR_STORE);
    g_clear_error (&error);
    g_clear_object (&result);

    prism_store_change_conversation_async (f->store, loaded->id, PRISM_CONVERSATION_DELETE, NULL, 0,
                                           NULL, got_result, &result);
    g_assert_true (prism_store_change_conversation_finish (f->store, wait_result (&result), &error));
    g_clear_object (&result);
    prism_store_change_conversation_async (f->store, loaded->id, PRISM_CONVERSATION_DELETE, NULL, 0,
                                           NULL, got_result, &result);
    g_assert_false (prism_store_change_conversation_finish (f->store, wait_result (&result), &error));
    g_assert_error (error, PRISM_ERROR, PRISM_ERROR_STORE);
    g_clear_error (&error);
    g_clear_object (&result);
  }

  /* A cancelled query reports so, on the caller's context */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    prism_store_list_conversations_async (f->store, 10, cancellable, got_result, &result);
    g_assert_null (prism_store_list_conversations_finish (f->store, wait_result (&result), &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_clear_object (&result);
  }

  prism_store_list_projects_async (f->store, NULL, got_result, &result);
  list = prism_store_list_projects_finish (f->store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_object (&result);
  g_clear_pointer (&list, g_ptr_array_unref);

  prism_store_list_conversations_after_async (f->store, conversation, 10, NULL, got_result, &result);
  list = prism_store_list_conversations_finish (f->store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_object (&result);

  prism_store_open_async (f->path, NULL, got_result, &result);
  opened = prism_store_open_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (prism_store_get_path (opened), ==, f->path);
}

static void
test_default_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismStore) store = prism_store_open (NULL, &error);
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "prism", "history.db", NULL);

  g_assert_no_error (error);
  g_assert_cmpstr (prism_store_get_path (store), ==, expected);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
}

/* Found by fuzz-import: json-glib cuts the token it quotes in a parse
 * error at a byte count, which can fall inside a character; the message
 * a person reads must still be text. Bytes that are not UTF-8 at all are
 * refused before parsing.
 */
static void
test_import_error_is_text (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "fuzz-regressions", "import",
                                                 "json-error-cuts-a-character.json", NULL);
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  guint imported = 0, skipped = 0;
  const char latin1[] = "{\"prism_export\": 1, \"conversations\": [{\"title\": \"caf\xe9\"}]}";

  g_file_get_contents (path, &json, &length, &error);
  g_assert_no_error (error);

  g_assert_false (prism_store_import_json (f->store, json, length, &imported, &skipped, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_STORE);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, "not JSON"));
  g_clear_error (&error);

  g_assert_false (prism_store_import_json (f->store, latin1, sizeof latin1 - 1, &imported, &skipped, &error));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, "UTF-8"));
  g_assert_cmpuint (imported, ==, 0);
}

/* Forgetting old conversations keeps pinned ones and every cent spent. */
static void
test_forget_before (Fixture       *f,
                    gconstpointer  data)
{
  const char *models[] = { "openai:gpt-4o", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(PrismSpendRow) before_total = NULL;
  g_autoptr(PrismSpendRow) after_total = NULL;
  g_autofree char *kept_id = NULL;
  guint deleted = 99;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PrismConversation) conversation = NULL;
      g_autoptr(PrismAttempt) attempt = prism_attempt_new ();
      g_autofree char *prompt = NULL;

      conversation = prism_store_create_conversation (f->store, "old", PRISM_STORE_DEFAULT_PROJECT, models, &error);
      g_assert_no_error (error);
      prompt = prism_store_add_message (f->store, conversation->id, NULL, "user", "hello", NULL, NULL, &error);
      g_assert_no_error (error);
      attempt->message_id = prism_store_add_message (f->store, conversation->id, prompt, "assistant", "hi",
                                                     NULL, "openai:gpt-4o", &error);
      g_assert_no_error (error);
      attempt->model = g_strdup ("openai:gpt-4o");
      attempt->provider = g_strdup ("openai");
      attempt->http_status = 200;
      attempt->usage.known = TRUE;
      attempt->usage.input_tokens = 10;
      attempt->usage.output_tokens = 5;
      attempt->cost_usd = 0.25;
      attempt->cost_source = PRISM_COST_SOURCE_CONFIG;
      attempt->started_at = g_get_real_time ();
      attempt->project_id = PRISM_STORE_DEFAULT_PROJECT;
      g_assert_cmpint (prism_store_record_attempt (f->store, attempt, &error), >, 0);
      g_assert_no_error (error);
      if (i == 0)
        {
          kept_id = g_strdup (conversation->id);
          prism_store_set_pinned (f->store, kept_id, TRUE, &error);
          g_assert_no_error (error);
        }
    }

  before_total = prism_store_get_total (f->store, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Nothing is older than a year ago. */
  g_assert_true (prism_store_forget_before (f->store, g_get_real_time () - 365 * G_TIME_SPAN_DAY, &deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (deleted, ==, 0);

  g_assert_true (prism_store_forget_before (f->store, g_get_real_time () + G_TIME_SPAN_SECOND, &deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (deleted, ==, 2);

  left = prism_store_list_conversations (f->store, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (left->len, ==, 1);
  g_assert_cmpstr (((PrismConversation *)g_ptr_array_index (left, 0))->id, ==, kept_id);

  after_total = prism_store_get_total (f->store, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after_total->requests, ==, before_total->requests);
  g_assert_cmpfloat_with_epsilon (after_total->cost_usd, 0.75, 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add ("/prism/store/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
#define ADD_BARE(path, func) g_test_add ("/prism/store/" path, Fixture, "bare", fixture_setup, func, fixture_teardown)
  ADD ("conversations", test_conversations);
  ADD ("paging-and-projects", test_paging_and_projects);
  ADD_BARE ("migrate-v1", test_migrate_v1);
  ADD_BARE ("newer-schema", test_newer_schema);
  ADD ("tree", test_tree);
  ADD ("streaming-batches", test_streaming_batches);
  ADD ("streaming-interval", test_streaming_interval);
  ADD ("streaming-together", test_streaming_together);
  ADD ("streaming-missing-conversation", test_streaming_missing_conversation);
  ADD_BARE ("crash-recovery", test_crash_recovery);
  ADD ("recovery-spares-running-streams", test_recovery_spares_running_streams);
  ADD ("search", test_search);
  ADD ("spend", test_spend);
  ADD ("budgets", test_budgets);
  ADD ("export-import", test_export_import);
  ADD ("import-malformed", test_import_malformed);
  ADD ("import-error-is-text", test_import_error_is_text);
  ADD ("forget-before", test_forget_before);
  ADD_BARE ("corrupt", test_corrupt);
  ADD ("corrupt-inside", test_corrupt_inside);
  ADD ("disk-full", test_disk_full);
  ADD_BARE ("unwritable", test_unwritable);
  ADD ("async", test_async);
  g_test_add_func ("/prism/store/default-path", test_default_path);
#undef ADD
#undef ADD_BARE

  return g_test_run ();
}
