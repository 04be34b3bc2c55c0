/* bench-spend.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Spend page over a year of history (150,000 attempts by default;
 * PRISM_BENCH_ATTEMPTS for another number): the time to open it (its
 * queries and its first frame with the data) and to show another range
 * (queries and the frame after), beside a bare libadwaita window's first
 * frame measured in the same run. Goal: under 100 ms. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "prism-spend-page.h"
#include "prism-store-activity.h"

#include "spend-generate.h"

#define RUNS 9

static gboolean loaded;
static gboolean painted;
static gint64 loaded_at;

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
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  if (loaded)
    painted = TRUE;
}

static void
realize_cb (GtkWidget *window,
            gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint_cb), NULL);
}

static void
loaded_cb (PrismSpendPage *page,
           gpointer        user_data)
{
  loaded = TRUE;
  loaded_at = g_get_monotonic_time ();
  gtk_widget_queue_draw (GTK_WIDGET (page));
}

static void
wait_painted (void)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!painted)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for a frame");
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
close_window (GtkWidget *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GtkWidget *
new_window (GtkWidget *child)
{
  GtkWidget *window = adw_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  adw_window_set_content (ADW_WINDOW (window), child);
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);

  return window;
}

static double
time_floor (void)
{
  gint64 start = g_get_monotonic_time ();
  GtkWidget *window = new_window (adw_status_page_new ());
  double ms;

  loaded = TRUE;
  painted = FALSE;
  gtk_window_present (GTK_WINDOW (window));
  wait_painted ();
  ms = (g_get_monotonic_time () - start) / 1000.0;
  close_window (window);

  return ms;
}

static double
time_open (PrismStore *store,
           const char *since,
           const char *until,
           double     *data_ms)
{
  gint64 start = g_get_monotonic_time ();
  GtkWidget *page, *window;
  double ms;

  loaded = FALSE;
  painted = FALSE;
  page = prism_spend_page_new (store, NULL);
  g_signal_connect (page, "loaded", G_CALLBACK (loaded_cb), NULL);
  if (since != NULL)
    prism_spend_page_set_custom_range (PRISM_SPEND_PAGE (page), since, until);
  window = new_window (page);
  gtk_window_present (GTK_WINDOW (window));
  wait_painted ();
  ms = (g_get_monotonic_time () - start) / 1000.0;
  if (data_ms != NULL)
    *data_ms = (loaded_at - start) / 1000.0;
  close_window (window);

  return ms;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *year_ago = NULL;
  g_autofree char *today = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) then = NULL;
  const char *env = g_getenv ("PRISM_BENCH_ATTEMPTS");
  guint n_attempts = env ? (guint)atoi (env) : 150000;
  double floor_ms[RUNS], open_ms[RUNS], year_ms[RUNS], redraw_ms[RUNS];
  double open_data_ms[RUNS], year_data_ms[RUNS];
  PrismSpendRange ranges[] = { PRISM_SPEND_RANGE_WEEK, PRISM_SPEND_RANGE_MONTH, PRISM_SPEND_RANGE_30_DAYS };
  GtkWidget *page, *window;
  gint64 start;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      printf ("No display; run it through build-aux/dev test --benchmark\n");
      return 0;
    }

  gtk_init ();
  adw_init ();

  dir = g_dir_make_tmp ("prism-bench-spend-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "history.db", NULL);
  store = prism_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  start = g_get_monotonic_time ();
  spend_generate (path, n_attempts, 365, 42);
  printf ("Generated %u attempts over 365 days in %.1f s\n", n_attempts,
          (g_get_monotonic_time () - start) / 1e6);

  store = prism_store_open (path, &error);
  g_assert_no_error (error);

  now = g_date_time_new_now_local ();
  then = g_date_time_add_days (now, -364);
  today = g_date_time_format (now, "%Y-%m-%d");
  year_ago = g_date_time_format (then, "%Y-%m-%d");

  /* The two queries alone, for where the time goes */
  {
    double stats_ms[RUNS], spend_ms[RUNS];

    for (guint i = 0; i < RUNS; i++)
      {
        g_autoptr(GPtrArray) stats = NULL;
        g_autoptr(GPtrArray) rows = NULL;

        start = g_get_monotonic_time ();
        stats = prism_store_query_model_stats (store, year_ago, today, &error);
        g_assert_no_error (error);
        stats_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
        start = g_get_monotonic_time ();
        rows = prism_store_query_spend (store, PRISM_SPEND_BY_MODEL, TRUE, year_ago, today, &error);
        g_assert_no_error (error);
        spend_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      }
    printf ("Queries over the year: figures per model %.1f ms, spend per day and model %.1f ms\n",
            median (stats_ms, RUNS), median (spend_ms, RUNS));
  }

  /* Building the page alone, its queries not yet asked for */
  {
    double build_ms[RUNS];

    for (guint i = 0; i < RUNS; i++)
      {
        GtkWidget *built;

        start = g_get_monotonic_time ();
        built = g_object_ref_sink (prism_spend_page_new (store, NULL));
        build_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
        g_object_unref (built);
        while (g_main_context_iteration (NULL, FALSE))
          ;
      }
    printf ("Building the page (template, no queries): %.1f ms\n", median (build_ms, RUNS));
  }

  /* Warm up fonts, icons, the CSS and SQLite's cache once */
  time_floor ();
  time_open (store, NULL, NULL, NULL);

  for (guint i = 0; i < RUNS; i++)
    {
      floor_ms[i] = time_floor ();
      open_ms[i] = time_open (store, NULL, NULL, &open_data_ms[i]);
      year_ms[i] = time_open (store, year_ago, today, &year_data_ms[i]);
    }

  /* Changing the range of an open page */
  loaded = FALSE;
  painted = FALSE;
  page = prism_spend_page_new (store, NULL);
  g_signal_connect (page, "loaded", G_CALLBACK (loaded_cb), NULL);
  window = new_window (page);
  gtk_window_present (GTK_WINDOW (window));
  wait_painted ();
  for (guint i = 0; i < RUNS; i++)
    {
      start = g_get_monotonic_time ();
      loaded = FALSE;
      painted = FALSE;
      prism_spend_page_set_range (PRISM_SPEND_PAGE (page), ranges[i % G_N_ELEMENTS (ranges)]);
      wait_painted ();
      redraw_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  close_window (window);

  printf ("Spend page, %u attempts over a year (median of %d):\n", n_attempts, RUNS);
  printf ("  floor: bare libadwaita window, first frame  %7.1f ms\n", median (floor_ms, RUNS));
  printf ("  open, last 30 days (queries + first frame)  %7.1f ms  (data in %.1f ms)\n",
          median (open_ms, RUNS), median (open_data_ms, RUNS));
  printf ("  open, the whole year in range               %7.1f ms  (data in %.1f ms)\n",
          median (year_ms, RUNS), median (year_data_ms, RUNS));
  printf ("  change of range (queries + next frame)      %7.1f ms\n", median (redraw_ms, RUNS));

  g_clear_object (&store);
  if (g_getenv ("PRISM_BENCH_KEEP") != NULL)
    {
      printf ("Kept %s\n", path);
      return 0;
    }
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_unlink (path);
  g_rmdir (dir);

  return 0;
}
