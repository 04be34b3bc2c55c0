/* bench-comparison.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Six panes streaming at once in a PrismComparisonView, against one
 * stream into one PrismMarkdownView (what a chat does), both recorded in
 * the history, from the fake provider in its own process:
 *
 *  - the added time to first token: how much later the six panes see
 *    their first token than the single stream does;
 *  - the longest main-loop stall while they stream: the longest gap
 *    between two runs of a 1 ms timeout, beside the same gap measured
 *    with nothing streaming (the floor of this machine and display).
 *
 * Medians of RUNS runs of each. Run under build-aux/dev's display:
 * `build-aux/dev test --benchmark`, or meson test --benchmark under
 * xvfb-run. */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <adwaita.h>

#include "prism-comparison-view.h"
#include "prism-markdown-view.h"
#include "prism-recorder.h"
#include "prism-test-comparison.h"

#define RUNS 5
#define MODEL "openai:markdown+chunks=300+rate=150"

typedef struct
{
  gint64 last;
  gint64 longest;
} Stall;

static gboolean
tick_cb (gpointer user_data)
{
  Stall *stall = user_data;
  gint64 now = g_get_monotonic_time ();

  if (stall->last != 0)
    stall->longest = MAX (stall->longest, now - stall->last);
  stall->last = now;

  return G_SOURCE_CONTINUE;
}

static guint
stall_watch (Stall *stall)
{
  GSource *source = g_timeout_source_new (1);
  guint id;

  *stall = (Stall) { 0 };
  g_source_set_priority (source, G_PRIORITY_HIGH);
  g_source_set_callback (source, tick_cb, stall, NULL);
  id = g_source_attach (source, NULL);
  g_source_unref (source);

  return id;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  g_autofree double *sorted = g_memdup2 (values, n * sizeof *values);

  qsort (sorted, n, sizeof *sorted, (GCompareFunc)compare_doubles);

  return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

static void
wait_ms (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;

  prism_completion_run_finish (PRISM_COMPLETION (object), result, NULL);
  *done = TRUE;
}

static void
delta_cb (PrismCompletion   *completion,
          PrismStreamEvent  *event,
          PrismMarkdownView *view)
{
  if (event->kind == PRISM_STREAM_EVENT_CONTENT)
    prism_markdown_view_append (view, event->text);
}

static void
single_run (PrismClient *client,
            PrismStore  *store,
            GtkWindow   *window,
            double      *ttft_ms,
            double      *stall_ms)
{
  const char *models[] = { MODEL, NULL };
  g_autoptr(PrismChatRequest) request = prism_chat_request_new ();
  g_autoptr(PrismConversation) conversation = NULL;
  g_autoptr(PrismCompletion) completion = NULL;
  g_autoptr(PrismRecorder) recorder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prompt_id = NULL;
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *view = prism_markdown_view_new ();
  gboolean done = FALSE;
  Stall stall;
  guint watch;

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_window_set_child (window, scroller);
  wait_ms (100);

  conversation = prism_store_create_conversation (store, "bench", PRISM_STORE_DEFAULT_PROJECT, models, &error);
  g_assert_no_error (error);
  prompt_id = prism_store_add_message (store, conversation->id, NULL, "user", "stream please", NULL, NULL, &error);
  g_assert_no_error (error);
  prism_chat_request_add_text (request, PRISM_CHAT_ROLE_USER, "stream please");

  completion = prism_completion_new (client, models, request);
  recorder = prism_recorder_new (store, completion, conversation->id, prompt_id, NULL, PRISM_STORE_DEFAULT_PROJECT);
  g_signal_connect (completion, "delta", G_CALLBACK (delta_cb), view);

  watch = stall_watch (&stall);
  prism_completion_run_async (completion, NULL, done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (watch);

  prism_recorder_finish (recorder, &error);
  g_assert_no_error (error);
  if (prism_completion_get_status (completion) != PRISM_COMPLETION_COMPLETE)
    g_error ("the single stream did not complete");

  *ttft_ms = prism_completion_get_ttft_ms (completion);
  *stall_ms = stall.longest / 1000.0;
}

static void
comparison_run (PrismClient *client,
                PrismStore  *store,
                GtkWindow   *window,
                double      *ttft_ms,
                double      *worst_ttft_ms,
                double      *stall_ms)
{
  const char *models[] = { MODEL, MODEL, MODEL, MODEL, MODEL, MODEL, NULL };
  g_autoptr(PrismComparisonRun) run = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *view = prism_comparison_view_new ();
  double ttfts[6];
  Stall stall;
  guint watch;

  run = prism_comparison_run_new (client, store, NULL, "stream please", models, &error);
  g_assert_no_error (error);
  prism_comparison_view_set_run (PRISM_COMPARISON_VIEW (view), run);
  gtk_window_set_child (window, view);
  wait_ms (100);

  watch = stall_watch (&stall);
  prism_comparison_run_start (run, &error);
  g_assert_no_error (error);
  while (prism_comparison_run_get_running (run))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (watch);

  *worst_ttft_ms = 0;
  for (guint i = 0; i < 6; i++)
    {
      PrismCompletion *completion = prism_comparison_pane_get_completion (prism_comparison_run_get_pane (run, i));

      if (prism_completion_get_status (completion) != PRISM_COMPLETION_COMPLETE)
        g_error ("pane %u did not complete", i);
      ttfts[i] = prism_completion_get_ttft_ms (completion);
      *worst_ttft_ms = MAX (*worst_ttft_ms, ttfts[i]);
    }
  *ttft_ms = median (ttfts, 6);
  *stall_ms = stall.longest / 1000.0;
}

static double
idle_stall (void)
{
  Stall stall;
  guint watch = stall_watch (&stall);

  wait_ms (1000);
  g_source_remove (watch);

  return stall.longest / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GDataInputStream) server_out = NULL;
  g_autoptr(PrismClient) client = NULL;
  g_autoptr(PrismStore) store = NULL;
  g_autofree char *fake = NULL;
  g_autofree char *line = NULL;
  g_autofree char *dir = NULL;
  double single_ttft[RUNS], single_stall[RUNS];
  double six_ttft[RUNS], six_worst[RUNS], six_stall[RUNS], idle[RUNS];
  GtkWidget *window;
  guint16 port;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      printf ("bench-comparison: no display; run it through build-aux/dev (it needs Xvfb)\n");
      return 0;
    }

  gtk_init ();
  adw_init ();

  {
    g_autofree char *self_dir = g_path_get_dirname (argv[0]);

    fake = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : self_dir,
                             "fake-provider", "prism-fake-provider", NULL);
  }
  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, fake, NULL);
  g_assert_no_error (error);
  server_out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  line = g_data_input_stream_read_line (server_out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL || sscanf (line, "PORT %hu", &port) != 1)
    g_error ("the fake provider did not say its port");

  dir = g_dir_make_tmp ("prism-bench-comparison-XXXXXX", &error);
  g_assert_no_error (error);
  client = prism_test_comparison_client_new (dir, port, NULL);
  store = prism_test_comparison_store_new (dir);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1600, 900);
  gtk_window_present (GTK_WINDOW (window));

  /* One of each to warm the connections, the fonts and the allocator. */
  single_run (client, store, GTK_WINDOW (window), &single_ttft[0], &single_stall[0]);
  comparison_run (client, store, GTK_WINDOW (window), &six_ttft[0], &six_worst[0], &six_stall[0]);

  for (guint i = 0; i < RUNS; i++)
    {
      gtk_window_set_child (GTK_WINDOW (window), NULL);
      idle[i] = idle_stall ();
      single_run (client, store, GTK_WINDOW (window), &single_ttft[i], &single_stall[i]);
      comparison_run (client, store, GTK_WINDOW (window), &six_ttft[i], &six_worst[i], &six_stall[i]);
    }

  printf ("comparison view, %s (300 Markdown chunks at 150/s each), median of %u runs:\n", MODEL, RUNS);
  printf ("  %-46s %8.1f ms\n", "time to first token, one stream", median (single_ttft, RUNS));
  printf ("  %-46s %8.1f ms\n", "time to first token, 6 panes (median pane)", median (six_ttft, RUNS));
  printf ("  %-46s %8.1f ms\n", "time to first token, 6 panes (slowest pane)", median (six_worst, RUNS));
  printf ("  %-46s %+8.1f ms\n", "added time to first token (median pane)",
          median (six_ttft, RUNS) - median (single_ttft, RUNS));
  printf ("  %-46s %+8.1f ms\n", "added time to first token (slowest pane)",
          median (six_worst, RUNS) - median (single_ttft, RUNS));
  printf ("  %-46s %8.1f ms\n", "longest main-loop stall, one stream", median (single_stall, RUNS));
  printf ("  %-46s %8.1f ms\n", "longest main-loop stall, 6 panes", median (six_stall, RUNS));
  printf ("  %-46s %8.1f ms\n", "floor: longest stall with nothing streaming", median (idle, RUNS));

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  g_subprocess_force_exit (server);
  prism_test_remove_tree (dir);

  return 0;
}
