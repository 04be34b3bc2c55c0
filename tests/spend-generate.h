/* spend-generate.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Realistic spend for the benchmark and the screenshots: attempts only
 * (the Spend page reads no messages), written straight through SQLite in
 * one transaction the way bench-store.c writes its year, with the
 * store's own triggers keeping spend_days. */

#include <sqlite3.h>

#include "prism-store-private.h"

typedef struct
{
  const char *model;
  double      weight;      /* share of the requests */
  double      input_price; /* USD per million tokens; < 0: unknown */
  double      output_price;
  double      ttft_ms;
  double      tokens_per_second;
} SpendGenModel;

static const SpendGenModel spend_gen_models[] = {
  { "anthropic:claude-sonnet-4-5", 0.22, 3.0, 15.0, 900, 70 },
  { "openai:gpt-4o", 0.20, 2.5, 10.0, 450, 90 },
  { "openai:gpt-4o-mini", 0.18, 0.15, 0.6, 300, 120 },
  { "gemini:gemini-2.5-pro", 0.10, 1.25, 10.0, 1400, 110 },
  { "deepseek:deepseek-chat", 0.10, 0.27, 1.1, 700, 45 },
  { "groq:llama-3.1-8b-instant", 0.08, 0.05, 0.08, 120, 700 },
  { "openrouter:meta-llama/llama-3.3-70b-instruct", 0.05, 0.13, 0.4, 600, 80 },
  { "mistral:mistral-small", 0.03, 0.2, 0.6, 350, 100 },
  { "ollama:llama3.2", 0.04, -1, -1, 250, 40 },
};

static void
spend_gen_check (int         rc,
                 sqlite3    *db,
                 const char *what)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    g_error ("%s: %s", what, sqlite3_errmsg (db));
}

/* @n_attempts over the @days days up to today; weekdays busier than
 * weekends, the last weeks busier than the first */
static void
spend_generate (const char *path,
                guint       n_attempts,
                guint       days,
                guint32     seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gint64 now_us = g_date_time_to_unix (now) * G_USEC_PER_SEC;
  gint64 span = (gint64)days * 24 * 3600 * G_USEC_PER_SEC;
  sqlite3_stmt *insert;
  sqlite3 *db;

  spend_gen_check (sqlite3_open (path, &db), db, "open");
  spend_gen_check (sqlite3_exec (db, "PRAGMA synchronous = OFF; BEGIN;"
                                     "INSERT OR IGNORE INTO projects (id, name, created_at) VALUES (2, 'Work', 0)",
                                 NULL, NULL, NULL), db, "begin");
  spend_gen_check (sqlite3_prepare_v2 (db, "INSERT INTO attempts (model, provider, project_id, http_status,"
                                           " error_kind, error_message, input_tokens, cached_input_tokens,"
                                           " cache_write_tokens, output_tokens, reasoning_tokens, cost_usd,"
                                           " cost_source, input_price, output_price, ttft_ms, latency_ms,"
                                           " started_at, day)"
                                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, 0, ?8, 0, ?9, ?10, ?11,"
                                           " ?12, ?13, ?14, ?15, ?16)",
                                       -1, &insert, NULL), db, "prepare");

  for (guint i = 0; i < n_attempts; i++)
    {
      const SpendGenModel *m = &spend_gen_models[0];
      double pick = g_rand_double (rand);
      /* Later attempts cluster towards today: sqrt skews the spread */
      gint64 at = now_us - (gint64)(span * (1 - sqrt (g_rand_double (rand))));
      g_autofree char *day = NULL;
      g_autofree char *provider = NULL;
      g_autoptr(GDateTime) local = NULL;
      gboolean failed = g_rand_int_range (rand, 0, 40) == 0;
      gboolean bundled = g_rand_int_range (rand, 0, 5) == 0;
      gint64 input = g_rand_int_range (rand, 200, 6000);
      gint64 output = failed ? 0 : g_rand_int_range (rand, 50, 1800);
      double ttft = m->ttft_ms;
      int weekday;

      for (guint k = 0; k < G_N_ELEMENTS (spend_gen_models); k++)
        {
          m = &spend_gen_models[k];
          if (pick < m->weight)
            break;
          pick -= m->weight;
        }

      local = g_date_time_new_from_unix_local (at / G_USEC_PER_SEC);
      weekday = g_date_time_get_day_of_week (local);
      if (weekday >= 6 && g_rand_int_range (rand, 0, 3) != 0)
        at -= (gint64)(weekday - 5) * 24 * 3600 * G_USEC_PER_SEC;
      at = MIN (at, now_us);

      day = _prism_store_local_day (at);
      provider = g_strndup (m->model, strchr (m->model, ':') - m->model);
      ttft = m->ttft_ms * g_rand_double_range (rand, 0.6, 1.8);

      sqlite3_bind_text (insert, 1, m->model, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 2, provider, -1, SQLITE_STATIC);
      sqlite3_bind_int (insert, 3, g_rand_int_range (rand, 0, 10) < 3 ? 2 : 1);
      sqlite3_bind_int (insert, 4, failed ? 529 : 200);
      if (failed)
        {
          sqlite3_bind_text (insert, 5, "overloaded", -1, SQLITE_STATIC);
          sqlite3_bind_text (insert, 6, "The provider is overloaded; try again in a minute.", -1, SQLITE_STATIC);
        }
      else
        {
          sqlite3_bind_null (insert, 5);
          sqlite3_bind_null (insert, 6);
        }
      sqlite3_bind_int64 (insert, 7, failed ? 0 : input);
      sqlite3_bind_int64 (insert, 8, output);
      if (m->input_price < 0)
        {
          sqlite3_bind_null (insert, 9);
          sqlite3_bind_text (insert, 10, "unknown", -1, SQLITE_STATIC);
          sqlite3_bind_null (insert, 11);
          sqlite3_bind_null (insert, 12);
        }
      else
        {
          sqlite3_bind_double (insert, 9, failed ? 0 : (input * m->input_price + output * m->output_price) / 1e6);
          sqlite3_bind_text (insert, 10, bundled ? "bundled" : "catalog", -1, SQLITE_STATIC);
          sqlite3_bind_double (insert, 11, m->input_price);
          sqlite3_bind_double (insert, 12, m->output_price);
        }
      if (failed)
        sqlite3_bind_null (insert, 13);
      else
        sqlite3_bind_double (insert, 13, ttft);
      sqlite3_bind_double (insert, 14, failed ? 300 : ttft + output * 1000.0 / m->tokens_per_second);
      sqlite3_bind_int64 (insert, 15, at);
      sqlite3_bind_text (insert, 16, day, -1, SQLITE_STATIC);
      spend_gen_check (sqlite3_step (insert), db, "attempt");
      sqlite3_reset (insert);
    }

  sqlite3_finalize (insert);
  spend_gen_check (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), db, "commit");
  sqlite3_close (db);
}
