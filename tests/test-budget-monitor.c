/* test-budget-monitor.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "prism-budget-monitor.h"
#include "prism-error.h"

#include "spend-test-data.h"

typedef struct
{
  SpendTestStore      t;
  PrismBudgetMonitor *monitor;
  GPtrArray          *crossed;   /* of PrismBudgetState */
} Fixture;

static void
crossed_cb (PrismBudgetMonitor *monitor,
            PrismBudgetState   *state,
            Fixture            *f)
{
  g_ptr_array_add (f->crossed, prism_budget_state_copy (state));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  spend_test_store_open (&f->t);
  f->monitor = prism_budget_monitor_new (f->t.store);
  f->crossed = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_budget_state_free);
  g_signal_connect (f->monitor, "threshold-crossed", G_CALLBACK (crossed_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->monitor);
  g_clear_pointer (&f->crossed, g_ptr_array_unref);
  spend_test_store_close (&f->t);
}

static void
set_now (Fixture *f,
         int      year,
         int      month,
         int      day,
         int      hour,
         int      minute)
{
  g_autoptr(GDateTime) now = g_date_time_new_local (year, month, day, hour, minute, 0);

  prism_budget_monitor_set_now (f->monitor, now);
}

static void
refresh (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (prism_budget_monitor_refresh (f->monitor, &error));
  g_assert_no_error (error);
}

static const PrismBudgetState *
state_of (Fixture *f,
          gint64   id)
{
  GPtrArray *states = prism_budget_monitor_get_states (f->monitor);

  for (guint i = 0; i < states->len; i++)
    {
      const PrismBudgetState *state = g_ptr_array_index (states, i);

      if (state->budget->id == id)
        return state;
    }

  g_assert_not_reached ();
}

static gint64
add_budget (Fixture    *f,
            const char *scope,
            const char *target,
            const char *period,
            double      limit,
            const char *action)
{
  g_autoptr(GError) error = NULL;
  gint64 id = prism_store_add_budget (f->t.store, scope, target, period, limit, action, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static void
spend (Fixture    *f,
       const char *model,
       gint64      at,
       double      cost)
{
  spend_test_add (f->t.store, model, at, cost, PRISM_COST_SOURCE_CATALOG,
                  100, 50, 200, 900, NULL, 0);
}

static void
test_thresholds (Fixture       *f,
                 gconstpointer  data)
{
  gint64 noon = spend_test_local_us (2026, 3, 10, 12, 0);
  gint64 id = add_budget (f, "all", NULL, "day", 10.0, "warn");

  set_now (f, 2026, 3, 10, 18, 0);

  spend (f, "openai:gpt-4o", noon, 7.9);
  refresh (f);
  g_assert_cmpint (state_of (f, id)->level, ==, PRISM_BUDGET_LEVEL_OK);
  g_assert_cmpfloat_with_epsilon (state_of (f, id)->spent_usd, 7.9, 1e-9);
  g_assert_cmpfloat_with_epsilon (state_of (f, id)->fraction, 0.79, 1e-9);
  g_assert_cmpstr (state_of (f, id)->period, ==, "2026-03-10");
  g_assert_cmpuint (f->crossed->len, ==, 0);

  spend (f, "openai:gpt-4o", noon, 0.1);
  refresh (f);
  g_assert_cmpint (state_of (f, id)->level, ==, PRISM_BUDGET_LEVEL_WARNING);
  g_assert_cmpuint (f->crossed->len, ==, 1);
  g_assert_cmpint (((PrismBudgetState *)f->crossed->pdata[0])->level, ==, PRISM_BUDGET_LEVEL_WARNING);

  /* Said once per period and level */
  refresh (f);
  g_assert_cmpuint (f->crossed->len, ==, 1);
  g_assert_cmpint (prism_budget_monitor_check (f->monitor, "openai:gpt-4o", "openai", NULL, NULL),
                   ==, PRISM_BUDGET_VERDICT_GO);

  spend (f, "openai:gpt-4o", noon, 1.99);
  refresh (f);
  g_assert_cmpint (state_of (f, id)->level, ==, PRISM_BUDGET_LEVEL_WARNING);

  spend (f, "openai:gpt-4o", noon, 0.01);
  refresh (f);
  g_assert_cmpint (state_of (f, id)->level, ==, PRISM_BUDGET_LEVEL_REACHED);
  g_assert_cmpuint (f->crossed->len, ==, 2);
  g_assert_cmpint (((PrismBudgetState *)f->crossed->pdata[1])->level, ==, PRISM_BUDGET_LEVEL_REACHED);
  refresh (f);
  g_assert_cmpuint (f->crossed->len, ==, 2);

  /* Unknown costs are counted apart, not as zero and not in the spend */
  spend (f, "ollama:llama3.2", noon, NAN);
  refresh (f);
  g_assert_cmpint (state_of (f, id)->unknown_cost_requests, ==, 1);
  g_assert_cmpfloat_with_epsilon (state_of (f, id)->spent_usd, 10.0, 1e-9);

  g_assert_cmpint (prism_budget_level_for (0, 0), ==, PRISM_BUDGET_LEVEL_REACHED);
  g_assert_cmpint (prism_budget_level_for (0.79, 1), ==, PRISM_BUDGET_LEVEL_OK);
  g_assert_cmpint (prism_budget_level_for (0.8, 1), ==, PRISM_BUDGET_LEVEL_WARNING);
  g_assert_cmpint (prism_budget_level_for (1, 1), ==, PRISM_BUDGET_LEVEL_REACHED);
}

static void
test_warn_and_block (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const PrismBudgetState *why = NULL;
  gint64 noon = spend_test_local_us (2026, 3, 10, 12, 0);
  gint64 warn = add_budget (f, "provider", "openai", "day", 1.0, "warn");
  gint64 block;

  set_now (f, 2026, 3, 10, 18, 0);
  spend (f, "openai:gpt-4o", noon, 1.5);
  refresh (f);

  g_assert_cmpint (prism_budget_monitor_check (f->monitor, "openai:gpt-4o", "openai", NULL, &why),
                   ==, PRISM_BUDGET_VERDICT_WARN);
  g_assert_nonnull (why);
  g_assert_cmpint (why->budget->id, ==, warn);
  /* Another provider is not under this budget */
  g_assert_cmpint (prism_budget_monitor_check (f->monitor, "groq:llama", "groq", NULL, &why),
                   ==, PRISM_BUDGET_VERDICT_GO);
  g_assert_null (why);

  /* A block outweighs a warning */
  block = add_budget (f, "model", "openai:gpt-4o", "month", 1.0, "block");
  refresh (f);
  g_assert_cmpint (prism_budget_monitor_check (f->monitor, "openai:gpt-4o", "openai", NULL, &why),
                   ==, PRISM_BUDGET_VERDICT_BLOCK);
  g_assert_cmpint (why->budget->id, ==, block);
  g_assert_cmpint (prism_budget_monitor_check (f->monitor, "openai:gpt-4o-mini", "openai", NULL, NULL),
                   ==, PRISM_BUDGET_VERDICT_WARN);

  /* Raising the limit lifts the block */
  g_assert_true (prism_store_update_budget (f->t.store, block, 5.0, "block", &error));
  g_assert_no_error (error);
  refresh (f);
  g_assert_cmpint (state_of (f, block)->level, ==, PRISM_BUDGET_LEVEL_OK);
  g_assert_cmpint (prism_budget_monitor_check (f->monitor, "openai:gpt-4o", "openai", NULL, NULL),
                   ==, PRISM_BUDGET_VERDICT_WARN);
}

static void
test_override (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *month_token = NULL;
  g_autofree char *expected = NULL;
  gint64 day = add_budget (f, "all", NULL, "day", 1.0, "block");
  gint64 month = add_budget (f, "all", NULL, "month", 2.0, "block");

  set_now (f, 2026, 3, 10, 18, 0);
  spend (f, "openai:gpt-4o", spend_test_local_us (2026, 3, 10, 12, 0), 2.5);
  refresh (f);
  g_assert_cmpint (prism_budget_monitor_check (f->monitor, "openai:gpt-4o", "openai", NULL, NULL),
                   ==, PRISM_BUDGET_VERDICT_BLOCK);

  token = prism_budget_monitor_override (f->monitor, day, &error);
  g_assert_no_error (error);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT "@2026-03-10", day);
  g_assert_cmpstr (token, ==, expected);
  /* Still blocked by the month's budget */
  g_assert_cmpint (prism_budget_monitor_check (f->monitor, "openai:gpt-4o", "openai", NULL, NULL),
                   ==, PRISM_BUDGET_VERDICT_BLOCK);
  month_token = prism_budget_monitor_override (f->monitor, month, &error);
  g_assert_no_error (error);
  g_assert_cmpint (prism_budget_monitor_check (f->monitor, "openai:gpt-4o", "openai", NULL, NULL),
                   ==, PRISM_BUDGET_VERDICT_GO);
  /* A refresh keeps the overrides of the period */
  refresh (f);
  g_assert_true (state_of (f, day)->overridden);
  g_assert_cmpint (prism_budget_monitor_check (f->monitor, "openai:gpt-4o", "openai", NULL, NULL),
                   ==, PRISM_BUDGET_VERDICT_GO);

  /* The next day: the day's override is over, the month's holds */
  set_now (f, 2026, 3, 11, 9, 0);
  spend (f, "openai:gpt-4o", spend_test_local_us (2026, 3, 11, 8, 0), 1.0);
  refresh (f);
  g_assert_false (state_of (f, day)->overridden);
  g_assert_true (state_of (f, month)->overridden);
  g_assert_cmpint (prism_budget_monitor_check (f->monitor, "openai:gpt-4o", "openai", NULL, NULL),
                   ==, PRISM_BUDGET_VERDICT_BLOCK);
  g_assert_false (prism_budget_monitor_accept_override (f->monitor, token, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_clear_error (&error);
  g_assert_true (prism_budget_monitor_accept_override (f->monitor, month_token, &error));
  g_assert_no_error (error);

  /* Bad tokens and budgets */
  g_assert_false (prism_budget_monitor_accept_override (f->monitor, "nonsense", &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_clear_error (&error);
  g_assert_null (prism_budget_monitor_override (f->monitor, 9999, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
}

static void
test_day_boundary (Fixture       *f,
                   gconstpointer  data)
{
  gint64 day = add_budget (f, "all", NULL, "day", 10.0, "warn");
  gint64 month = add_budget (f, "all", NULL, "month", 10.0, "warn");

  /* Late on the last day of March, early on the first of April */
  spend (f, "openai:gpt-4o", spend_test_local_us (2026, 3, 31, 23, 59), 3.0);
  spend (f, "openai:gpt-4o", spend_test_local_us (2026, 4, 1, 0, 1), 5.0);
  spend (f, "openai:gpt-4o", spend_test_local_us (2026, 3, 1, 0, 0), 1.0);
  spend (f, "openai:gpt-4o", spend_test_local_us (2026, 2, 28, 23, 59), 100.0);

  set_now (f, 2026, 3, 31, 23, 59);
  refresh (f);
  g_assert_cmpfloat_with_epsilon (state_of (f, day)->spent_usd, 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (state_of (f, month)->spent_usd, 4.0, 1e-9);
  g_assert_cmpstr (state_of (f, month)->period, ==, "2026-03");

  set_now (f, 2026, 4, 1, 0, 30);
  refresh (f);
  g_assert_cmpfloat_with_epsilon (state_of (f, day)->spent_usd, 5.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (state_of (f, month)->spent_usd, 5.0, 1e-9);
  g_assert_cmpstr (state_of (f, day)->period, ==, "2026-04-01");
  g_assert_cmpstr (state_of (f, month)->period, ==, "2026-04");
}

static void
test_scopes (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 noon = spend_test_local_us (2026, 3, 10, 12, 0);
  gint64 work = prism_store_create_project (f->t.store, "Work", &error);
  gint64 all, provider, model, project;

  g_assert_no_error (error);
  all = add_budget (f, "all", NULL, "day", 100.0, "warn");
  provider = add_budget (f, "provider", "anthropic", "day", 100.0, "warn");
  model = add_budget (f, "model", "openai:gpt-4o-mini", "day", 100.0, "warn");
  project = add_budget (f, "project", "Work", "day", 100.0, "warn");

  spend (f, "openai:gpt-4o", noon, 1.0);
  spend (f, "openai:gpt-4o-mini", noon, 2.0);
  spend (f, "anthropic:claude-sonnet-4-5", noon, 4.0);
  spend_test_add (f->t.store, "anthropic:claude-haiku-4-5", noon, 8.0, PRISM_COST_SOURCE_CATALOG,
                  10, 10, NAN, NAN, NULL, work);

  set_now (f, 2026, 3, 10, 18, 0);
  refresh (f);
  g_assert_cmpfloat_with_epsilon (state_of (f, all)->spent_usd, 15.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (state_of (f, provider)->spent_usd, 12.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (state_of (f, model)->spent_usd, 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (state_of (f, project)->spent_usd, 8.0, 1e-9);

  /* Only the project's requests fall under its budget */
  g_assert_true (prism_store_update_budget (f->t.store, project, 8.0, "block", &error));
  refresh (f);
  g_assert_cmpint (prism_budget_monitor_check (f->monitor, "openai:gpt-4o", "openai", "Work", NULL),
                   ==, PRISM_BUDGET_VERDICT_BLOCK);
  g_assert_cmpint (prism_budget_monitor_check (f->monitor, "openai:gpt-4o", "openai", "Default", NULL),
                   ==, PRISM_BUDGET_VERDICT_GO);
}

static void
refreshed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (prism_budget_monitor_refresh_finish (PRISM_BUDGET_MONITOR (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_refresh_async (Fixture       *f,
                    gconstpointer  data)
{
  gint64 id = add_budget (f, "all", NULL, "day", 1.0, "warn");
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  gboolean done = FALSE;

  set_now (f, 2026, 3, 10, 18, 0);
  spend (f, "openai:gpt-4o", spend_test_local_us (2026, 3, 10, 12, 0), 0.85);
  prism_budget_monitor_refresh_async (f->monitor, NULL, refreshed_cb, &done);
  while (!done)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  g_assert_cmpint (state_of (f, id)->level, ==, PRISM_BUDGET_LEVEL_WARNING);
  g_assert_cmpuint (f->crossed->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/prism/budget-monitor/thresholds", test_thresholds);
  ADD ("/prism/budget-monitor/warn-and-block", test_warn_and_block);
  ADD ("/prism/budget-monitor/override", test_override);
  ADD ("/prism/budget-monitor/day-boundary", test_day_boundary);
  ADD ("/prism/budget-monitor/scopes", test_scopes);
  ADD ("/prism/budget-monitor/refresh-async", test_refresh_async);

  return g_test_run ();
}
