/* bench-store.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Generates a year of history (1,000,000 messages in 100,000
 * conversations by default; PRISM_BENCH_MESSAGES for a quicker run) and
 * times what the window does with it. The floor is one empty query's
 * round trip through the store's worker, measured in the same run. */

#include "config.h"

#include <glib/gstdio.h>

#include "prism-store-private.h"

#define RUNS 9
#define BIG_CONVERSATION 1000
#define RARE_WORD "quetzalcoatlus"
#define COMMON_WORD "hello"

static const char * const models[] = {
  "openai:gpt-4o", "openai:gpt-4o-mini", "anthropic:claude-sonnet-4-5", "anthropic:claude-haiku-4-5",
  "gemini:gemini-2.5-pro", "openrouter:meta-llama/llama-3.3-70b-instruct", "groq:llama-3.1-8b-instant",
  "deepseek:deepseek-chat", "mistral:mistral-small", "ollama:llama3.2",
};

static double
median (double *values,
        guint   n)
{
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && values[j - 1] > values[j]; j--)
      {
        double swap = values[j];

        values[j] = values[j - 1];
        values[j - 1] = swap;
      }

  return values[n / 2];
}

static void
check (int         rc,
       sqlite3    *db,
       const char *what)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    g_error ("%s: %s", what, sqlite3_errmsg (db));
}

static void
add_words (GString     *text,
           GRand       *rand,
           char       **vocabulary,
           guint        n_words)
{
  guint count = g_rand_int_range (rand, 6, 40);

  for (guint i = 0; i < count; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, vocabulary[g_rand_int_range (rand, 0, n_words)]);
    }
}

/* Writes straight through SQLite, as a migration or an import would: one
 * transaction, prepared statements, the store's own triggers filling the
 * FTS index and the per-day totals as rows go in. */
static char *
generate (const char *path,
          guint       n_messages)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GPtrArray) vocabulary = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *big_id = NULL;
  sqlite3_stmt *conversation, *message, *attempt;
  guint n_conversations = MAX (2, n_messages / 10);
  guint rest_per = (n_messages - BIG_CONVERSATION) / (n_conversations - 1);
  gint64 now = g_get_real_time ();
  gint64 year = G_GINT64_CONSTANT (365) * 24 * 3600 * G_USEC_PER_SEC;
  guint written = 0;
  sqlite3 *db;

  for (guint i = 0; i < 5000; i++)
    {
      GString *word = g_string_new (NULL);
      guint length = g_rand_int_range (rand, 2, 10);

      for (guint j = 0; j < length; j++)
        g_string_append_c (word, 'a' + g_rand_int_range (rand, 0, 26));
      g_ptr_array_add (vocabulary, g_string_free (word, FALSE));
    }

  check (sqlite3_open (path, &db), db, "open");
  check (sqlite3_exec (db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = OFF;"
                           "PRAGMA cache_size = -200000; BEGIN", NULL, NULL, NULL), db, "begin");
  check (sqlite3_prepare_v2 (db, "INSERT INTO conversations (id, title, models, created_at, updated_at)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5)", -1, &conversation, NULL), db, "prepare");
  check (sqlite3_prepare_v2 (db, "INSERT INTO messages (id, conversation_id, parent_id, role, content,"
                                 " model, status, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'complete', ?7)",
                             -1, &message, NULL), db, "prepare");
  check (sqlite3_prepare_v2 (db, "INSERT INTO attempts (message_id, model, provider, http_status,"
                                 " input_tokens, cached_input_tokens, cache_write_tokens, output_tokens,"
                                 " reasoning_tokens, cost_usd, cost_source, input_price, output_price,"
                                 " ttft_ms, latency_ms, started_at, day)"
                                 " VALUES (?1, ?2, ?3, 200, ?4, ?5, 0, ?6, 0, ?7, ?8, 2.5, 10, ?9, ?10, ?11, ?12)",
                             -1, &attempt, NULL), db, "prepare");

  for (guint c = 0; c < n_conversations; c++)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *parent = NULL;
      guint count = c == n_conversations / 2 ? BIG_CONVERSATION : rest_per;
      const char *model = models[c % G_N_ELEMENTS (models)];
      g_autofree char *models_json = g_strdup_printf ("[\"%s\"]", model);
      gint64 started = now - year + (year / n_conversations) * c;
      gint64 last = started + (gint64)count * 20 * G_USEC_PER_SEC;

      if (count == BIG_CONVERSATION)
        big_id = g_strdup (id);

      g_string_truncate (text, 0);
      add_words (text, rand, (char **)vocabulary->pdata, 12);
      sqlite3_bind_text (conversation, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (conversation, 2, text->str, MIN (text->len, 40), SQLITE_TRANSIENT);
      sqlite3_bind_text (conversation, 3, models_json, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (conversation, 4, started);
      sqlite3_bind_int64 (conversation, 5, last);
      check (sqlite3_step (conversation), db, "conversation");
      sqlite3_reset (conversation);

      for (guint m = 0; m < count; m++)
        {
          g_autofree char *message_id = g_uuid_string_random ();
          g_autofree char *day = NULL;
          gboolean assistant = m % 2 == 1;
          gint64 at = started + (gint64)m * 20 * G_USEC_PER_SEC;

          g_string_truncate (text, 0);
          add_words (text, rand, (char **)vocabulary->pdata, vocabulary->len);
          if (written == n_messages / 3)
            g_string_append (text, " " RARE_WORD);
          if (written % 10 == 0)
            g_string_append (text, " " COMMON_WORD);

          sqlite3_bind_text (message, 1, message_id, -1, SQLITE_STATIC);
          sqlite3_bind_text (message, 2, id, -1, SQLITE_STATIC);
          sqlite3_bind_text (message, 3, parent, -1, SQLITE_STATIC);
          sqlite3_bind_text (message, 4, assistant ? "assistant" : "user", -1, SQLITE_STATIC);
          sqlite3_bind_text (message, 5, text->str, text->len, SQLITE_STATIC);
          if (assistant)
            sqlite3_bind_text (message, 6, model, -1, SQLITE_STATIC);
          else
            sqlite3_bind_null (message, 6);
          sqlite3_bind_int64 (message, 7, at);
          check (sqlite3_step (message), db, "message");
          sqlite3_reset (message);
          written++;

          if (assistant)
            {
              gint64 input = g_rand_int_range (rand, 10, 4000);
              gint64 output = g_rand_int_range (rand, 10, 1500);
              gboolean unknown = g_rand_int_range (rand, 0, 20) == 0;
              g_autofree char *provider = g_strndup (model, strchr (model, ':') - model);

              day = _prism_store_local_day (at);
              sqlite3_bind_text (attempt, 1, message_id, -1, SQLITE_STATIC);
              sqlite3_bind_text (attempt, 2, model, -1, SQLITE_STATIC);
              sqlite3_bind_text (attempt, 3, provider, -1, SQLITE_STATIC);
              sqlite3_bind_int64 (attempt, 4, input);
              sqlite3_bind_int64 (attempt, 5, input / 4);
              sqlite3_bind_int64 (attempt, 6, output);
              if (unknown)
                sqlite3_bind_null (attempt, 7);
              else
                sqlite3_bind_double (attempt, 7, (input * 2.5 + output * 10) / 1e6);
              sqlite3_bind_text (attempt, 8, unknown ? "unknown" : "bundled", -1, SQLITE_STATIC);
              sqlite3_bind_double (attempt, 9, g_rand_double_range (rand, 80, 900));
              sqlite3_bind_double (attempt, 10, g_rand_double_range (rand, 500, 9000));
              sqlite3_bind_int64 (attempt, 11, at);
              sqlite3_bind_text (attempt, 12, day, -1, SQLITE_STATIC);
              check (sqlite3_step (attempt), db, "attempt");
              sqlite3_reset (attempt);
            }

          g_free (parent);
          parent = g_steal_pointer (&message_id);
        }
    }

  sqlite3_finalize (conversation);
  sqlite3_finalize (message);
  sqlite3_finalize (attempt);
  check (sqlite3_exec (db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), db, "commit");
  sqlite3_close (db);

  return g_steal_pointer (&big_id);
}

typedef gboolean (*Query) (PrismStore *store, gpointer data);

static double
time_query (PrismStore *store,
            Query       query,
            gpointer    data)
{
  double runs[RUNS];

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();

      if (!query (store, data))
        g_error ("A benchmark query failed");
      runs[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  return median (runs, RUNS);
}

static gboolean
q_floor (PrismStore *store,
         gpointer    data)
{
  g_autoptr(GPtrArray) budgets = prism_store_list_budgets (store, NULL);

  return budgets != NULL;
}

static gboolean
q_list (PrismStore *store,
        gpointer    data)
{
  g_autoptr(GPtrArray) list = prism_store_list_conversations (store, 50, NULL);

  return list != NULL && list->len == 50;
}

static gboolean
q_open_big (PrismStore *store,
            gpointer    data)
{
  g_autoptr(PrismConversation) conversation = prism_store_get_conversation (store, data, NULL);

  return conversation != NULL && conversation->messages->len == BIG_CONVERSATION;
}

static gboolean
q_search (PrismStore *store,
          gpointer    data)
{
  g_autoptr(GPtrArray) hits = prism_store_search (store, RARE_WORD, 50, NULL);

  return hits != NULL && hits->len == 1;
}

static gboolean
q_search_common (PrismStore *store,
                 gpointer    data)
{
  g_autoptr(GPtrArray) hits = prism_store_search (store, COMMON_WORD, 50, NULL);

  return hits != NULL && hits->len == 50;
}

static gboolean
q_spend_90 (PrismStore *store,
            gpointer    data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = g_date_time_add_days (now, -89);
  g_autofree char *since = g_date_time_format (start, "%Y-%m-%d");
  g_autofree char *until = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GPtrArray) rows = prism_store_query_spend (store, PRISM_SPEND_BY_MODEL, TRUE, since, until, NULL);

  if (data != NULL && rows != NULL)
    *(guint *)data = rows->len;

  return rows != NULL && rows->len > 0;
}

static gboolean
q_month (PrismStore *store,
         gpointer    data)
{
  g_autoptr(PrismSpendRow) row = prism_store_get_month_total (store, NULL);

  return row != NULL;
}

static gint64
file_size (const char *path)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 ? buf.st_size : 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *big_id = NULL;
  g_autofree char *wal = NULL;
  g_autoptr(PrismStore) store = NULL;
  const char *env = g_getenv ("PRISM_BENCH_MESSAGES");
  guint n_messages = env ? (guint)g_ascii_strtoull (env, NULL, 10) : 1000000;
  double open_runs[RUNS], floor_ms, generation_s;
  gint64 start;
  guint series_rows = 0;

  n_messages = MAX (n_messages, 2 * BIG_CONVERSATION);

  dir = g_dir_make_tmp ("prism-bench-store-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "history.db", NULL);
  wal = g_strconcat (path, "-wal", NULL);

  /* The schema comes from the store itself */
  store = prism_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  start = g_get_monotonic_time ();
  big_id = generate (path, n_messages);
  generation_s = (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;

  printf ("History: %u messages in %u conversations over a year, half with an attempt row\n",
          n_messages, MAX (2, n_messages / 10));
  printf ("%-44s %10.1f s\n", "generation (one transaction, with triggers)", generation_s);
  printf ("%-44s %10.1f MB\n", "database size", (file_size (path) + file_size (wal)) / 1e6);

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(PrismStore) fresh = NULL;
      g_autoptr(GPtrArray) list = NULL;

      start = g_get_monotonic_time ();
      fresh = prism_store_open (path, &error);
      g_assert_no_error (error);
      open_runs[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  store = prism_store_open (path, &error);
  g_assert_no_error (error);

  floor_ms = time_query (store, q_floor, NULL);
  printf ("Medians of %d runs, goal < 50 ms each; floor = one empty query through the worker\n", RUNS);
  printf ("%-44s %10.3f ms\n", "floor", floor_ms);
  printf ("%-44s %10.3f ms\n", "open (new connection, schema check, recovery)", median (open_runs, RUNS));
  printf ("%-44s %10.3f ms\n", "list 50 most recent conversations", time_query (store, q_list, NULL));
  printf ("%-44s %10.3f ms\n", "open a 1,000-message conversation", time_query (store, q_open_big, big_id));
  printf ("%-44s %10.3f ms\n", "full-text search for a rare word", time_query (store, q_search, NULL));
  printf ("%-44s %10.3f ms\n", "  (a word in one message of ten)", time_query (store, q_search_common, NULL));
  printf ("%-44s %10.3f ms\n", "spend by model per day over 90 days", time_query (store, q_spend_90, NULL));
  q_spend_90 (store, &series_rows);
  printf ("%-44s %10u\n", "  (rows in that series)", series_rows);
  printf ("%-44s %10.3f ms\n", "this month's total", time_query (store, q_month, NULL));

  g_clear_object (&store);
  g_unlink (wal);
  g_unlink (path);
  {
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_autofree char *lock = g_strconcat (path, ".lock", NULL);

    g_unlink (shm);
    g_unlink (lock);
  }
  g_rmdir (dir);

  return 0;
}
