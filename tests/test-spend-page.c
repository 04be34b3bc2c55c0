/* test-spend-page.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <adwaita.h>

#include "prism-activity-page.h"
#include "prism-budget-monitor.h"
#include "prism-spend-chart.h"
#include "prism-spend-export.h"
#include "prism-spend-indicator.h"
#include "prism-spend-item.h"
#include "prism-spend-page-private.h"
#include "prism-format.h"
#include "prism-store-activity.h"

#include "spend-test-data.h"

typedef struct
{
  SpendTestStore      t;
  PrismBudgetMonitor *monitor;
  GtkWindow          *window;
  PrismSpendPage     *page;
  guint               loaded;
} Fixture;

static void
iterate_until (gboolean (*done) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for the Spend page");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
page_is_loaded (gpointer data)
{
  Fixture *f = data;

  return !prism_spend_page_is_loading (f->page) && gtk_widget_get_mapped (GTK_WIDGET (f->page));
}

/* Let a frame or two be drawn, so that the chart knows its geometry */
static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + 200 * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/* The same days as test-spend-data: $6.50 known over four days, one
 * request of unknown cost, $0.50 of it from bundled prices. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PrismStore *store;
  gint64 work;

  spend_test_store_open (&f->t);
  store = f->t.store;
  work = prism_store_create_project (store, "Work", &error);
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
                  PRISM_COST_SOURCE_PROVIDER, 3000, 1500, 1000, 4000, NULL, work);
  spend_test_add (store, "openai:gpt-4o", spend_test_local_us (2026, 3, 12, 9, 0), 0.0,
                  PRISM_COST_SOURCE_CATALOG, 0, 0, NAN, 300, "server", 0);
  g_assert_cmpint (prism_store_add_budget (store, "all", NULL, "day", 10.0, "warn", &error), >, 0);

  f->monitor = prism_budget_monitor_new (store);
  f->page = PRISM_SPEND_PAGE (prism_spend_page_new (store, f->monitor));
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 900);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);

  prism_spend_page_set_custom_range (f->page, "2026-03-09", "2026-03-12");
  iterate_until (page_is_loaded, f);
  settle ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_clear_object (&f->monitor);
  settle ();
  spend_test_store_close (&f->t);
}

static gboolean
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0 &&
      gtk_widget_get_mapped (widget))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (find_label (child, text))
      return TRUE;

  return FALSE;
}

static const PrismModelStats *
row_stats (Fixture *f,
           guint    position)
{
  g_autoptr(PrismSpendItem) item = g_list_model_get_item (prism_spend_page_get_models (f->page), position);

  g_assert_nonnull (item);
  return prism_spend_item_get_stats (item);
}

static void
test_chart_and_totals (Fixture       *f,
                       gconstpointer  data)
{
  PrismSpendChart *chart = prism_spend_page_get_chart (f->page);
  PrismSpendSeries *series = prism_spend_chart_get_series (chart);
  GtkLabel *unknown = _prism_spend_page_get_unknown_label (f->page);
  GtkLabel *estimate = _prism_spend_page_get_estimate_label (f->page);
  g_autofree char *tooltip = NULL;
  gboolean found_bar = FALSE, found_gap = FALSE;
  int legend_height, bottom;

  g_assert_nonnull (series);
  g_assert_cmpuint (prism_spend_series_get_n_days (series), ==, 4);
  g_assert_cmpuint (prism_spend_series_get_n_series (series), ==, 3);
  g_assert_cmpstr (prism_spend_series_get_key (series, 0), ==, "anthropic:claude-sonnet-4-5");
  g_assert_cmpstr (prism_spend_series_get_key (series, 1), ==, "openai:gpt-4o");
  g_assert_cmpstr (prism_spend_series_get_key (series, 2), ==, "ollama:llama3.2");
  g_assert_cmpfloat_with_epsilon (prism_spend_series_get_cost (series, 0, 1), 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (prism_spend_series_get_cost (series, 0, 3), 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (prism_spend_series_get_cost (series, 1, 1), 1.5, 1e-9);
  g_assert_cmpfloat (prism_spend_series_get_day_total (series, 0), ==, 0);

  g_assert_cmpstr (gtk_label_get_text (_prism_spend_page_get_total_label (f->page)), ==, "$6.50");
  g_assert_cmpstr (gtk_label_get_text (_prism_spend_page_get_requests_label (f->page)), ==, "6 requests");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (unknown)));
  g_assert_cmpstr (gtk_label_get_text (unknown), ==, "1 request with unknown cost, not in the total");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (estimate)));
  g_assert_cmpstr (gtk_label_get_text (estimate), ==, "* Includes $0.5000 estimated from bundled prices");

  /* The legend: one entry per series */
  g_assert_true (find_label (prism_spend_chart_get_legend (chart), "ollama:llama3.2"));

  /* Hovering the bottom of the 10th's bar finds Claude's $2.00 */
  legend_height = gtk_widget_get_height (prism_spend_chart_get_legend (chart));
  bottom = gtk_widget_get_height (GTK_WIDGET (chart)) - legend_height - 40;
  for (int x = 0; x < gtk_widget_get_width (GTK_WIDGET (chart)); x++)
    {
      guint day;
      int hit;

      if (!prism_spend_chart_hit (chart, x, bottom, &day, &hit))
        continue;
      if (day == 1 && hit == 0)
        found_bar = TRUE;
      if (day == 2)
        {
          g_assert_cmpint (hit, ==, -1);
          found_gap = TRUE;
        }
    }
  g_assert_true (found_bar);
  g_assert_true (found_gap);
  tooltip = prism_spend_chart_describe_point (chart, 1, 2);
  g_assert_cmpstr (tooltip, ==, "2026-03-10\nollama:llama3.2: $0.00\n1 request with unknown cost");
}

static void
test_table (Fixture       *f,
            gconstpointer  data)
{
  GListModel *models = prism_spend_page_get_models (f->page);
  const PrismModelStats *claude, *gpt, *llama;
  g_autofree char *cost = NULL;
  g_autofree char *gpt_cost = NULL;
  g_autofree char *llama_cost = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *ttft = NULL;
  g_autofree char *speed = NULL;
  g_autofree char *mean = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (models), ==, 3);
  claude = row_stats (f, 0);
  gpt = row_stats (f, 1);
  llama = row_stats (f, 2);
  g_assert_cmpstr (claude->model, ==, "anthropic:claude-sonnet-4-5");
  g_assert_cmpstr (gpt->model, ==, "openai:gpt-4o");
  g_assert_cmpstr (llama->model, ==, "ollama:llama3.2");

  cost = _prism_spend_page_format_cell (claude, "cost");
  g_assert_cmpstr (cost, ==, "$5.00");
  mean = _prism_spend_page_format_cell (claude, "mean-cost");
  g_assert_cmpstr (mean, ==, "$2.50");
  ttft = _prism_spend_page_format_cell (claude, "ttft");
  g_assert_cmpstr (ttft, ==, "900 ms");
  speed = _prism_spend_page_format_cell (claude, "speed");
  g_assert_cmpstr (speed, ==, "312");
  gpt_cost = _prism_spend_page_format_cell (gpt, "cost");
  g_assert_cmpstr (gpt_cost, ==, "$1.50*");
  errors = _prism_spend_page_format_cell (gpt, "errors");
  g_assert_cmpstr (errors, ==, "1 (33%)");
  llama_cost = _prism_spend_page_format_cell (llama, "cost");
  g_assert_cmpstr (llama_cost, ==, "Unknown");

  /* What a person sees in the table */
  g_assert_true (find_label (GTK_WIDGET (_prism_spend_page_get_table (f->page)), "$1.50*"));
  g_assert_true (find_label (GTK_WIDGET (_prism_spend_page_get_table (f->page)), "Unknown"));
  g_assert_true (find_label (GTK_WIDGET (_prism_spend_page_get_table (f->page)), "1 (33%)"));

  /* The budget and its spend today (none of the March attempts) */
  g_assert_true (find_label (GTK_WIDGET (_prism_spend_page_get_budgets_group (f->page)),
                             "All spend, per day"));
  g_assert_true (find_label (GTK_WIDGET (_prism_spend_page_get_budgets_group (f->page)),
                             "$0.00 of $10.00 (0%), warns at the limit"));
}

static void
test_click_filters (Fixture       *f,
                    gconstpointer  data)
{
  PrismSpendChart *chart = prism_spend_page_get_chart (f->page);
  GtkColumnView *table = _prism_spend_page_get_table (f->page);
  GtkWidget *legend = prism_spend_chart_get_legend (chart);
  GtkWidget *third;

  g_assert_cmpint (prism_spend_chart_get_filter (chart), ==, -1);

  /* A click on gpt-4o's row (single-click activates) */
  g_signal_emit_by_name (table, "activate", 1);
  g_assert_cmpint (prism_spend_chart_get_filter (chart), ==, 1);
  g_assert_cmpfloat_with_epsilon (prism_spend_series_get_max_day_total (prism_spend_chart_get_series (chart), 1),
                                  1.5, 1e-9);
  /* Again: everything */
  g_signal_emit_by_name (table, "activate", 1);
  g_assert_cmpint (prism_spend_chart_get_filter (chart), ==, -1);

  /* The legend's third entry */
  third = gtk_flow_box_child_get_child (gtk_flow_box_get_child_at_index (GTK_FLOW_BOX (legend), 2));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (third), TRUE);
  g_assert_cmpint (prism_spend_chart_get_filter (chart), ==, 2);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (third), FALSE);
  g_assert_cmpint (prism_spend_chart_get_filter (chart), ==, -1);

  /* Grouped by provider, a model's row shows its provider */
  prism_spend_page_set_group (f->page, PRISM_SPEND_BY_PROVIDER);
  iterate_until (page_is_loaded, f);
  g_assert_cmpstr (prism_spend_series_get_key (prism_spend_chart_get_series (chart), 0), ==, "anthropic");
  g_assert_cmpstr (prism_spend_series_get_key (prism_spend_chart_get_series (chart), 1), ==, "openai");
  g_signal_emit_by_name (table, "activate", 1);
  g_assert_cmpint (prism_spend_chart_get_filter (chart), ==, 1);
}

static void
test_ranges (Fixture       *f,
             gconstpointer  data)
{
  PrismSpendChart *chart = prism_spend_page_get_chart (f->page);
  const char *since, *until;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *first = g_date_time_format (now, "%Y-%m-01");

  prism_spend_page_set_range (f->page, PRISM_SPEND_RANGE_WEEK);
  iterate_until (page_is_loaded, f);
  prism_spend_page_get_days (f->page, &since, &until);
  g_assert_cmpstr (until, ==, today);
  g_assert_cmpuint (prism_spend_series_get_n_days (prism_spend_chart_get_series (chart)), ==, 7);

  prism_spend_page_set_range (f->page, PRISM_SPEND_RANGE_MONTH);
  iterate_until (page_is_loaded, f);
  prism_spend_page_get_days (f->page, &since, &until);
  g_assert_cmpstr (since, ==, first);

  /* No spend in range: $0.00 known, and no unknown-cost note */
  g_assert_cmpstr (gtk_label_get_text (_prism_spend_page_get_total_label (f->page)), ==, "$0.00");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (_prism_spend_page_get_unknown_label (f->page))));
  g_assert_cmpuint (g_list_model_get_n_items (prism_spend_page_get_models (f->page)), ==, 0);

  prism_spend_page_set_custom_range (f->page, "2026-03-12", "2026-03-12");
  iterate_until (page_is_loaded, f);
  g_assert_cmpstr (gtk_label_get_text (_prism_spend_page_get_total_label (f->page)), ==, "$3.00");
  g_assert_cmpstr (gtk_label_get_text (_prism_spend_page_get_requests_label (f->page)), ==, "2 requests");
}

static void
test_csv_export (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *csv = prism_spend_page_dup_csv (f->page);
  g_autofree char *expected = NULL;

  rows = prism_store_query_model_stats (f->t.store, "2026-03-09", "2026-03-12", &error);
  g_assert_no_error (error);
  expected = prism_spend_export_models_csv (rows);
  g_assert_cmpstr (csv, ==, expected);
  g_assert_nonnull (strstr (csv, "\r\nopenai:gpt-4o,openai,3,0,1500,800,1.500000,0.500000,0.500000,500.0,266.7,0.3333\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nollama:llama3.2,ollama,1,1,0,0,,,,100.0,,0.0000\r\n"));
}

static gboolean
activity_is_loaded (gpointer data)
{
  return !prism_activity_page_is_loading (data) && gtk_widget_get_mapped (data);
}

static PrismAttempt *
activity_row (PrismActivityPage *activity,
              guint              position)
{
  g_autoptr(PrismSpendItem) item = g_list_model_get_item (prism_activity_page_get_attempts (activity), position);

  g_assert_nonnull (item);
  return prism_spend_item_get_attempt (item);
}

/* A details row: its title, and its value in the label beside it */
static gboolean
find_row (GtkWidget  *widget,
          const char *title,
          const char *value)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return find_label (widget, value);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (find_row (child, title, value))
      return TRUE;

  return FALSE;
}

static void
test_activity (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  PrismActivityPage *activity = PRISM_ACTIVITY_PAGE (prism_activity_page_new (f->t.store));
  GListModel *rows = prism_activity_page_get_attempts (activity);
  PrismAttemptFilter filter = { .status = "error" };
  g_autofree char *csv = NULL;
  GtkWindow *details;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (activity));
  gtk_window_present (GTK_WINDOW (window));
  iterate_until (activity_is_loaded, activity);

  /* Every attempt, newest first */
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 6);
  for (guint i = 1; i < 6; i++)
    g_assert_cmpint (activity_row (activity, i - 1)->started_at, >=, activity_row (activity, i)->started_at);
  settle ();
  g_assert_true (find_label (GTK_WIDGET (activity), "Failed (500)"));
  g_assert_true (find_label (GTK_WIDGET (activity), "$0.5000 (estimate)"));
  g_assert_true (find_label (GTK_WIDGET (activity), "Unknown"));

  prism_activity_page_set_filter (activity, &filter);
  iterate_until (activity_is_loaded, activity);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  g_assert_cmpstr (activity_row (activity, 0)->error_kind, ==, "server");

  filter = (PrismAttemptFilter) { .provider = "anthropic" };
  prism_activity_page_set_filter (activity, &filter);
  iterate_until (activity_is_loaded, activity);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  csv = prism_activity_page_dup_csv (activity);
  g_assert_nonnull (strstr (csv, ",anthropic:claude-sonnet-4-5,anthropic,2,200,,,3000,1500,3.000000,provider,1000.0,4000.0\r\n"));

  /* The details of the newest: Claude's $3.00 in the Work project */
  details = prism_activity_page_open_details (activity, 0);
  g_assert_true (find_row (GTK_WIDGET (details), "Project", "Work"));
  g_assert_true (find_row (GTK_WIDGET (details), "Source", "Reported by the provider"));
  g_assert_true (find_row (GTK_WIDGET (details), "Output Tokens", "1,500"));
  g_assert_true (find_row (GTK_WIDGET (details), "First Token", "1.0 s"));
  gtk_window_destroy (details);

  filter = (PrismAttemptFilter) { .status = "error" };
  prism_activity_page_set_filter (activity, &filter);
  iterate_until (activity_is_loaded, activity);
  details = prism_activity_page_open_details (activity, 0);
  g_assert_true (find_row (GTK_WIDGET (details), "Message", "The server failed; try again later."));
  gtk_window_destroy (details);

  gtk_window_destroy (GTK_WINDOW (window));
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static void
test_budgets (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) budgets = NULL;
  GtkWidget *group = GTK_WIDGET (_prism_spend_page_get_budgets_group (f->page));
  AdwMessageDialog *dialog;
  gint64 first;

  /* Add Budget, saved as it opens: $10.00 a day for all spend, warning */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "spend.add-budget", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "save");
  iterate_until (page_is_loaded, f);
  settle ();

  budgets = prism_store_list_budgets (f->t.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (budgets->len, ==, 2);
  g_assert_cmpstr (((PrismBudget *)budgets->pdata[1])->scope, ==, "all");
  g_assert_cmpstr (((PrismBudget *)budgets->pdata[1])->period, ==, "day");
  g_assert_cmpfloat (((PrismBudget *)budgets->pdata[1])->limit_usd, ==, 10.0);
  g_assert_cmpuint (prism_budget_monitor_get_states (f->monitor)->len, ==, 2);

  /* Delete the first one */
  first = ((PrismBudget *)budgets->pdata[0])->id;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "spend.delete-budget", "x", first));
  iterate_until (page_is_loaded, f);
  settle ();
  g_clear_pointer (&budgets, g_ptr_array_unref);
  budgets = prism_store_list_budgets (f->t.store, &error);
  g_assert_cmpuint (budgets->len, ==, 1);
  g_assert_cmpint (((PrismBudget *)budgets->pdata[0])->id, !=, first);
  g_assert_true (find_label (group, "All spend, per day"));

  /* And the last: the group says there are none */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "spend.delete-budget", "x",
                                             ((PrismBudget *)budgets->pdata[0])->id));
  iterate_until (page_is_loaded, f);
  settle ();
  g_assert_true (find_label (group, "No budgets yet"));
}

static gboolean
widget_is_visible (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static gboolean
find_subtitle (GtkWidget  *widget,
               const char *title,
               const char *subtitle)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), subtitle) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (find_subtitle (child, title, subtitle))
      return TRUE;

  return FALSE;
}

static void
test_openrouter (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *group = GTK_WIDGET (_prism_spend_page_get_openrouter_group (f->page));
  PrismOpenrouterAccount account = { .usage_daily = 0.3, .usage_weekly = 1.0, .usage_monthly = 2.0,
                                     .limit = 10, .limit_remaining = 8 };

  spend_test_add (f->t.store, "openrouter:openai/gpt-4o", g_get_real_time (), 0.25,
                  PRISM_COST_SOURCE_PROVIDER, 100, 100, 300, 900, NULL, 0);
  spend_test_add (f->t.store, "openrouter:openai/gpt-4o", g_get_real_time (), NAN,
                  PRISM_COST_SOURCE_UNKNOWN, 100, 100, 300, 900, NULL, 0);

  g_assert_false (gtk_widget_get_visible (group));
  prism_spend_page_set_openrouter_account (f->page, &account);
  iterate_until (widget_is_visible, group);

  g_assert_true (find_subtitle (group, "Today",
                                "OpenRouter $0.3000 · Prism recorded $0.2500 · difference $0.0500"
                                " · 1 request of unknown cost"));
  g_assert_true (find_subtitle (group, "This Month",
                                "OpenRouter $2.00 · Prism recorded $0.2500 · difference $1.75"
                                " · 1 request of unknown cost"));
  g_assert_true (find_subtitle (group, "Key Limit", "$8.00 left of $10.00"));

  prism_spend_page_set_openrouter_account (f->page, NULL);
  g_assert_false (gtk_widget_get_visible (group));
}

static gboolean
indicator_is_loaded (gpointer data)
{
  return !prism_spend_indicator_is_loading (data);
}

static void
test_indicator (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *first = g_date_time_format (now, "%Y-%m-01");
  g_autoptr(PrismSpendRow) day = NULL;
  g_autoptr(PrismSpendRow) month = NULL;
  g_autofree char *day_cost = NULL;
  g_autofree char *month_cost = NULL;
  g_autofree char *expected = NULL;
  PrismSpendIndicator *indicator;
  GPtrArray *states;
  GtkWidget *window = gtk_window_new ();

  spend_test_add (f->t.store, "openai:gpt-4o", g_get_real_time (), 1.25, PRISM_COST_SOURCE_CATALOG,
                  100, 100, 300, 900, NULL, 0);
  spend_test_add (f->t.store, "ollama:llama3.2", g_get_real_time (), NAN, PRISM_COST_SOURCE_UNKNOWN,
                  100, 100, 300, 900, NULL, 0);
  day = prism_store_get_total (f->t.store, today, today, &error);
  month = prism_store_get_total (f->t.store, first, today, &error);
  g_assert_no_error (error);
  day_cost = prism_format_cost (day->cost_usd);
  month_cost = prism_format_cost (month->cost_usd);
  expected = g_strdup_printf ("today %s · this month %s", day_cost, month_cost);

  indicator = PRISM_SPEND_INDICATOR (prism_spend_indicator_new (f->t.store, f->monitor));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (indicator));
  gtk_window_present (GTK_WINDOW (window));
  iterate_until (indicator_is_loaded, indicator);

  g_assert_cmpstr (prism_spend_indicator_get_text (indicator), ==, expected);
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (GTK_WIDGET (indicator)), "Known costs only: "));

  /* The fixture's $10 a day budget, checked along */
  states = prism_budget_monitor_get_states (f->monitor);
  g_assert_cmpuint (states->len, ==, 1);
  g_assert_cmpfloat_with_epsilon (((PrismBudgetState *)states->pdata[0])->spent_usd, day->cost_usd, 1e-9);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      /* meson's TAP reader counts exit code 77 as an error. */
      printf ("1..0 # SKIP no display; run the tests through the README's test command\n");
      return 0;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/prism/spend-page/chart-and-totals", test_chart_and_totals);
  ADD ("/prism/spend-page/table", test_table);
  ADD ("/prism/spend-page/click-filters", test_click_filters);
  ADD ("/prism/spend-page/ranges", test_ranges);
  ADD ("/prism/spend-page/csv-export", test_csv_export);
  ADD ("/prism/spend-page/activity", test_activity);
  ADD ("/prism/spend-page/indicator", test_indicator);
  ADD ("/prism/spend-page/budgets", test_budgets);
  ADD ("/prism/spend-page/openrouter", test_openrouter);

  return g_test_run ();
}
