/* test-spend-data.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "prism-error.h"
#include "prism-spend-export.h"
#include "prism-spend-reconcile.h"
#include "prism-spend-series.h"
#include "prism-store-activity.h"

#include "spend-test-data.h"

typedef struct
{
  SpendTestStore t;
  gint64         work;
} Fixture;

/* Three days of March 2026:
 *   10th: gpt-4o $1.00 (catalog), $0.50 (bundled), claude $2.00, one
 *         llama of unknown cost
 *   11th: nothing
 *   12th: claude $3.00 (project Work), a gpt-4o that failed ($0)
 */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PrismStore *store;

  spend_test_store_open (&f->t);
  store = f->t.store;
  f->work = prism_store_create_project (store, "Work", &error);
  g_assert_no_error (error);

  spend_test_add (store, "openai:gpt-4o", spend_test_local_us (2026, 3, 10, 9, 0), 1.0,
                  PRISM_COST_SOURCE_CATALOG, 1000, 500, 400, 2400, NULL, 0);
  spend_test_add (store, "openai:gpt-4o", spend_test_local_us (2026, 3, 10, 10, 0), 0.5,
                  PRISM_COST_SOURCE_BUNDLED, 500, 300, 600, 1600, NULL, 0);
  spend_test_add (store, "anthropic:claude-sonnet-4-5", spend_test_local_us (2026, 3, 10, 11, 0), 2.0,
                  PRISM_COST_SOURCE_PROVIDER, 2000, 1000, 800, 5800, NULL, 0);
  spend_test_add (store, "ollama:llama3.2", spend_test_local_us (2026, 3, 10, 12, 0), NAN,
                  PRISM_COST_SOURCE_UNKNOWN, 0, 0, 100, 1100, NULL, 0);
  spend_test_add (store, "anthropic:claude-sonnet-4-5", spend_test_local_us (2026, 3, 12, 8, 0), 3.0,
                  PRISM_COST_SOURCE_PROVIDER, 3000, 1500, 1000, 4000, NULL, f->work);
  spend_test_add (store, "openai:gpt-4o", spend_test_local_us (2026, 3, 12, 9, 0), 0.0,
                  PRISM_COST_SOURCE_CATALOG, 0, 0, NAN, 300, "server", 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  spend_test_store_close (&f->t);
}

static const PrismModelStats *
find_stats (GPtrArray  *rows,
            const char *model)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const PrismModelStats *s = g_ptr_array_index (rows, i);

      if (g_str_equal (s->model, model))
        return s;
    }

  return NULL;
}

static void
test_model_stats (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const PrismModelStats *gpt, *claude, *llama;

  rows = prism_store_query_model_stats (f->t.store, "2026-03-10", "2026-03-12", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);

  /* Biggest cost first */
  claude = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (claude->model, ==, "anthropic:claude-sonnet-4-5");
  g_assert_cmpstr (claude->provider, ==, "anthropic");
  g_assert_cmpint (claude->requests, ==, 2);
  g_assert_cmpint (claude->input_tokens, ==, 5000);
  g_assert_cmpint (claude->output_tokens, ==, 2500);
  g_assert_cmpfloat_with_epsilon (claude->cost_usd, 5.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (claude->mean_ttft_ms, 900, 1e-9);
  /* 2,500 tokens over (5800 - 800) + (4000 - 1000) ms */
  g_assert_cmpfloat_with_epsilon (claude->output_tokens_per_second, 2500 / 8.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (prism_model_stats_get_mean_cost (claude), 2.5, 1e-9);

  gpt = find_stats (rows, "openai:gpt-4o");
  g_assert_cmpint (gpt->requests, ==, 3);
  g_assert_cmpint (gpt->errors, ==, 1);
  g_assert_cmpint (gpt->estimated_requests, ==, 1);
  g_assert_cmpfloat_with_epsilon (gpt->estimated_cost_usd, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (gpt->cost_usd, 1.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (prism_model_stats_get_error_rate (gpt), 1.0 / 3, 1e-9);
  /* The failed attempt measured no first token */
  g_assert_cmpfloat_with_epsilon (gpt->mean_ttft_ms, 500, 1e-9);
  g_assert_cmpfloat_with_epsilon (gpt->output_tokens_per_second, 800 / 3.0, 1e-9);

  llama = find_stats (rows, "ollama:llama3.2");
  g_assert_cmpint (llama->unknown_cost_requests, ==, 1);
  g_assert_cmpfloat (llama->cost_usd, ==, 0);
  g_assert_true (isnan (prism_model_stats_get_mean_cost (llama)));
  g_assert_true (isnan (llama->output_tokens_per_second));

  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = prism_store_query_model_stats (f->t.store, "2026-03-11", "2026-03-11", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);

  g_assert_null (prism_store_query_model_stats (f->t.store, "March", NULL, &error));
  g_assert_nonnull (error);
}

static void
test_list_attempts (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) some = NULL;
  PrismAttemptFilter filter = { 0 };

  all = prism_store_list_attempts (f->t.store, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 6);
  for (guint i = 1; i < all->len; i++)
    g_assert_cmpint (((PrismAttempt *)all->pdata[i - 1])->started_at, >=,
                     ((PrismAttempt *)all->pdata[i])->started_at);
  g_assert_cmpstr (((PrismAttempt *)all->pdata[0])->error_kind, ==, "server");

  page = prism_store_list_attempts (f->t.store, NULL, 2, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpint (((PrismAttempt *)page->pdata[0])->id, ==, ((PrismAttempt *)all->pdata[2])->id);

  filter.provider = "openai";
  some = prism_store_list_attempts (f->t.store, &filter, 0, 0, &error);
  g_assert_cmpuint (some->len, ==, 3);
  g_clear_pointer (&some, g_ptr_array_unref);

  filter.status = "error";
  some = prism_store_list_attempts (f->t.store, &filter, 0, 0, &error);
  g_assert_cmpuint (some->len, ==, 1);
  g_clear_pointer (&some, g_ptr_array_unref);

  filter = (PrismAttemptFilter) { .status = "ok", .model = "anthropic:claude-sonnet-4-5",
                                  .project_id = f->work };
  some = prism_store_list_attempts (f->t.store, &filter, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (some->len, ==, 1);
  g_assert_cmpfloat_with_epsilon (((PrismAttempt *)some->pdata[0])->cost_usd, 3.0, 1e-9);
  g_assert_cmpint (((PrismAttempt *)some->pdata[0])->cost_source, ==, PRISM_COST_SOURCE_PROVIDER);

  filter = (PrismAttemptFilter) { .status = "maybe" };
  g_assert_null (prism_store_list_attempts (f->t.store, &filter, 0, 0, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
}

static void
test_series (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(PrismSpendSeries) series = NULL;
  g_autoptr(PrismSpendSeries) folded = NULL;
  g_autofree char *description = NULL;
  int claude, gpt, llama;

  rows = prism_store_query_spend (f->t.store, PRISM_SPEND_BY_MODEL, TRUE, "2026-03-09", "2026-03-12", &error);
  g_assert_no_error (error);
  series = prism_spend_series_new (rows, "2026-03-09", "2026-03-12", 6, &error);
  g_assert_no_error (error);

  /* Every day of the range, the empty ones too */
  g_assert_cmpuint (prism_spend_series_get_n_days (series), ==, 4);
  g_assert_cmpstr (prism_spend_series_get_day (series, 0), ==, "2026-03-09");
  g_assert_cmpstr (prism_spend_series_get_day (series, 3), ==, "2026-03-12");
  g_assert_cmpuint (prism_spend_series_get_n_series (series), ==, 3);
  g_assert_cmpstr (prism_spend_series_get_key (series, 0), ==, "anthropic:claude-sonnet-4-5");

  claude = prism_spend_series_find (series, "anthropic:claude-sonnet-4-5");
  gpt = prism_spend_series_find (series, "openai:gpt-4o");
  llama = prism_spend_series_find (series, "ollama:llama3.2");
  g_assert_cmpint (claude, ==, 0);
  g_assert_cmpint (gpt, ==, 1);
  g_assert_cmpint (llama, ==, 2);
  g_assert_cmpint (prism_spend_series_find (series, "nobody:none"), ==, -1);

  g_assert_cmpfloat_with_epsilon (prism_spend_series_get_cost (series, claude, 1), 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (prism_spend_series_get_cost (series, claude, 3), 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (prism_spend_series_get_cost (series, gpt, 1), 1.5, 1e-9);
  g_assert_cmpint (prism_spend_series_get_requests (series, gpt, 3), ==, 1);
  g_assert_cmpint (prism_spend_series_get_unknown (series, llama, 1), ==, 1);
  g_assert_cmpfloat (prism_spend_series_get_day_total (series, 2), ==, 0);
  g_assert_cmpfloat_with_epsilon (prism_spend_series_get_day_total (series, 1), 3.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (prism_spend_series_get_total (series), 6.5, 1e-9);
  g_assert_cmpint (prism_spend_series_get_total_requests (series), ==, 6);
  g_assert_cmpint (prism_spend_series_get_total_unknown (series), ==, 1);
  g_assert_cmpfloat_with_epsilon (prism_spend_series_get_max_day_total (series, -1), 3.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (prism_spend_series_get_max_day_total (series, gpt), 1.5, 1e-9);

  description = prism_spend_series_describe (series);
  g_assert_nonnull (strstr (description, "$6.50"));
  g_assert_nonnull (strstr (description, "1 request with unknown cost"));

  /* Past two series, the smallest fold into "Other" */
  folded = prism_spend_series_new (rows, NULL, NULL, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (prism_spend_series_get_n_days (folded), ==, 3);
  g_assert_cmpuint (prism_spend_series_get_n_series (folded), ==, 2);
  g_assert_true (prism_spend_series_is_other (folded, 1));
  g_assert_cmpint (prism_spend_series_find (folded, "ollama:llama3.2"), ==, 1);
  g_assert_cmpfloat_with_epsilon (prism_spend_series_get_series_total (folded, 1), 1.5, 1e-9);
  g_assert_cmpint (prism_spend_series_get_unknown (folded, 1, 0), ==, 1);

  g_clear_object (&folded);
  g_assert_null (prism_spend_series_new (rows, "2026-03-12", "2026-03-01", 6, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) attempts = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *log = NULL;
  g_auto(GStrv) lines = NULL;
  PrismModelStats quoted = { .model = (char *)"odd:\"name\", with comma", .provider = (char *)"odd", .requests = 1,
                             .unknown_cost_requests = 1, .mean_ttft_ms = NAN,
                             .output_tokens_per_second = NAN };

  rows = prism_store_query_model_stats (f->t.store, NULL, NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_add (rows, prism_model_stats_copy (&quoted));
  csv = prism_spend_export_models_csv (rows);
  lines = g_strsplit (csv, "\r\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  g_assert_cmpstr (lines[0], ==, "model,provider,requests,unknown_cost_requests,input_tokens,"
                                 "output_tokens,cost_usd,estimated_cost_usd,mean_cost_usd,"
                                 "mean_ttft_ms,output_tokens_per_second,error_rate");
  g_assert_cmpstr (lines[1], ==, "anthropic:claude-sonnet-4-5,anthropic,2,0,5000,2500,5.000000,"
                                 "0.000000,2.500000,900.0,312.5,0.0000");
  g_assert_cmpstr (lines[2], ==, "openai:gpt-4o,openai,3,0,1500,800,1.500000,0.500000,0.500000,"
                                 "500.0,266.7,0.3333");
  /* Unknown cost: empty fields, not zero */
  g_assert_cmpstr (lines[3], ==, "ollama:llama3.2,ollama,1,1,0,0,,,,100.0,,0.0000");
  g_assert_cmpstr (lines[4], ==, "\"odd:\"\"name\"\", with comma\",odd,1,1,0,0,,,,,,0.0000");
  g_assert_cmpstr (lines[5], ==, "");

  attempts = prism_store_list_attempts (f->t.store, NULL, 1, 0, &error);
  g_assert_no_error (error);
  log = prism_spend_export_attempts_csv (attempts);
  g_assert_true (g_str_has_prefix (log, "started_at,model,provider,project_id,http_status,"));
  g_assert_nonnull (strstr (log, ",openai:gpt-4o,openai,1,500,server,The server failed; try again later.,"));
}

static gint64
utc_us (int month,
        int day,
        int hour)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (2026, month, day, hour, 0, 0);

  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

static void
test_reconcile (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 3, 12, 15, 0, 0);   /* a Thursday */
  PrismOpenrouterAccount account = { .usage_daily = 0.5, .usage_weekly = 1.5, .usage_monthly = 3.6,
                                     .limit = NAN, .limit_remaining = NAN };
  PrismReconcileRow rows[PRISM_RECONCILE_N_PERIODS];
  const char *model = "openrouter:meta-llama/llama-3.3-70b-instruct";

  spend_test_add (f->t.store, model, utc_us (3, 12, 10), 0.4, PRISM_COST_SOURCE_PROVIDER, 10, 10, NAN, NAN, NULL, 0);
  spend_test_add (f->t.store, model, utc_us (3, 12, 0), NAN, PRISM_COST_SOURCE_UNKNOWN, 10, 10, NAN, NAN, NULL, 0);
  spend_test_add (f->t.store, model, utc_us (3, 10, 12), 1.0, PRISM_COST_SOURCE_PROVIDER, 10, 10, NAN, NAN, NULL, 0);
  spend_test_add (f->t.store, model, utc_us (3, 2, 12), 2.0, PRISM_COST_SOURCE_PROVIDER, 10, 10, NAN, NAN, NULL, 0);
  spend_test_add (f->t.store, model, utc_us (2, 28, 23), 5.0, PRISM_COST_SOURCE_PROVIDER, 10, 10, NAN, NAN, NULL, 0);
  spend_test_add (f->t.store, model, utc_us (3, 12, 16), 9.0, PRISM_COST_SOURCE_PROVIDER, 10, 10, NAN, NAN, NULL, 0);

  g_assert_true (prism_spend_reconcile_openrouter (f->t.store, &account, now, rows, &error));
  g_assert_no_error (error);

  g_assert_cmpint (rows[PRISM_RECONCILE_TODAY].since_us, ==, utc_us (3, 12, 0));
  g_assert_cmpint (rows[PRISM_RECONCILE_TODAY].requests, ==, 2);
  g_assert_cmpint (rows[PRISM_RECONCILE_TODAY].unknown_cost_requests, ==, 1);
  g_assert_cmpfloat_with_epsilon (rows[PRISM_RECONCILE_TODAY].recorded_usd, 0.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (rows[PRISM_RECONCILE_TODAY].difference_usd, 0.1, 1e-9);

  g_assert_cmpint (rows[PRISM_RECONCILE_WEEK].since_us, ==, utc_us (3, 9, 0));
  g_assert_cmpfloat_with_epsilon (rows[PRISM_RECONCILE_WEEK].recorded_usd, 1.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (rows[PRISM_RECONCILE_WEEK].difference_usd, 0.1, 1e-9);

  g_assert_cmpint (rows[PRISM_RECONCILE_MONTH].since_us, ==, utc_us (3, 1, 0));
  g_assert_cmpfloat_with_epsilon (rows[PRISM_RECONCILE_MONTH].recorded_usd, 3.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (rows[PRISM_RECONCILE_MONTH].openrouter_usd, 3.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (rows[PRISM_RECONCILE_MONTH].difference_usd, 0.2, 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/prism/spend-data/model-stats", test_model_stats);
  ADD ("/prism/spend-data/list-attempts", test_list_attempts);
  ADD ("/prism/spend-data/series", test_series);
  ADD ("/prism/spend-data/csv", test_csv);
  ADD ("/prism/spend-data/reconcile", test_reconcile);

  return g_test_run ();
}
