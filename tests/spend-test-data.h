/* spend-test-data.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Known attempts in a real store in a temporary folder, for the tests of
 * the spend figures, the budgets and the Spend page. */

#include <math.h>

#include <glib/gstdio.h>

#include "prism-store.h"

typedef struct
{
  char       *dir;
  char       *path;
  PrismStore *store;
} SpendTestStore;

static inline void
spend_test_store_open (SpendTestStore *t)
{
  g_autoptr(GError) error = NULL;

  t->dir = g_dir_make_tmp ("prism-spend-XXXXXX", &error);
  g_assert_no_error (error);
  t->path = g_build_filename (t->dir, "history.db", NULL);
  t->store = prism_store_open (t->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (t->store);
}

static inline void
spend_test_store_close (SpendTestStore *t)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&t->store);
  dir = g_dir_open (t->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (t->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (t->dir);
  g_clear_pointer (&t->dir, g_free);
  g_clear_pointer (&t->path, g_free);
}

/* A local time, in µs since the epoch */
static inline gint64
spend_test_local_us (int year,
                     int month,
                     int day,
                     int hour,
                     int minute)
{
  g_autoptr(GDateTime) time = g_date_time_new_local (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

/* Today at @hour, @days_ago days back, in µs since the epoch */
static inline gint64
spend_test_days_ago_us (int days_ago,
                        int hour)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = g_date_time_add_days (now, -days_ago);

  return spend_test_local_us (g_date_time_get_year (day), g_date_time_get_month (day),
                              g_date_time_get_day_of_month (day), hour, 0);
}

/* @cost NAN: unknown; @error_kind non-NULL: a failed attempt */
static inline gint64
spend_test_add (PrismStore      *store,
                const char      *model,
                gint64           started_at,
                double           cost,
                PrismCostSource  source,
                gint64           input_tokens,
                gint64           output_tokens,
                double           ttft_ms,
                double           latency_ms,
                const char      *error_kind,
                gint64           project_id)
{
  g_autoptr(PrismAttempt) attempt = prism_attempt_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = g_strsplit (model, ":", 2);
  gint64 id;

  attempt->model = g_strdup (model);
  attempt->provider = g_strdup (parts[0]);
  attempt->http_status = error_kind ? 500 : 200;
  attempt->error_kind = g_strdup (error_kind);
  attempt->error_message = error_kind ? g_strdup ("The server failed; try again later.") : NULL;
  attempt->usage.known = !isnan (cost) || input_tokens > 0;
  attempt->usage.input_tokens = input_tokens;
  attempt->usage.output_tokens = output_tokens;
  attempt->cost_usd = cost;
  attempt->cost_source = isnan (cost) ? PRISM_COST_SOURCE_UNKNOWN : source;
  attempt->ttft_ms = ttft_ms;
  attempt->latency_ms = latency_ms;
  attempt->started_at = started_at;
  attempt->project_id = project_id > 0 ? project_id : PRISM_STORE_DEFAULT_PROJECT;

  id = prism_store_record_attempt (store, attempt, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}
