/* bench-markdown.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Streams a 20,000-word Markdown answer with code blocks and tables in
 * 4-character deltas into a PrismMarkdownView in a window, and reports
 * the time per delta and in all, beside a floor measured in the same
 * run: the same growing text set into one plain GtkLabel. Each delta's
 * time includes the main-loop work it causes, so the frames drawn while
 * streaming count too. Runs under the Xvfb of build-aux/dev. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <adwaita.h>

#include "markdown-sample.h"
#include "prism-markdown-view.h"

#define WORDS 20000
#define DELTA_CHARS 4
/* A floor that grows too slow to finish is cut short, and says so. */
#define BUDGET_SECONDS 60

typedef struct
{
  GArray *us;
  double  total_ms;
  guint   frames;
  guint   done;
  guint   slowest;
  GArray *frame_us;
  gint64  frame_start;
} Run;

typedef void (*FeedFunc) (GtkWidget  *widget,
                          const char *text,
                          gsize       offset,
                          gsize       len);

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *values,
            double  p)
{
  g_autoptr(GArray) sorted = g_array_copy (values);

  g_array_sort (sorted, compare_doubles);

  return g_array_index (sorted, double, MIN (sorted->len - 1, (guint)(p * sorted->len)));
}

static void
on_before_paint (GdkFrameClock *clock,
                 Run           *run)
{
  run->frame_start = g_get_monotonic_time ();
}

/* From the start of a frame to its end: layout, snapshot and drawing. */
static void
on_after_paint (GdkFrameClock *clock,
                Run           *run)
{
  double us = g_get_monotonic_time () - run->frame_start;

  run->frames++;
  g_array_append_val (run->frame_us, us);
}

static void
feed_markdown (GtkWidget  *widget,
               const char *text,
               gsize       offset,
               gsize       len)
{
  g_autofree char *delta = g_strndup (text + offset, len);

  prism_markdown_view_append (PRISM_MARKDOWN_VIEW (widget), delta);
}

static void
feed_label (GtkWidget  *widget,
            const char *text,
            gsize       offset,
            gsize       len)
{
  g_autofree char *prefix = g_strndup (text, offset + len);

  gtk_label_set_text (GTK_LABEL (widget), prefix);
}

static Run
stream (GtkWidget  *widget,
        const char *text,
        GArray     *cuts,
        FeedFunc    feed)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  Run run = { g_array_new (FALSE, FALSE, sizeof (double)), 0, 0, 0, 0,
              g_array_new (FALSE, FALSE, sizeof (double)), 0 };
  gint64 start;
  gulong handler;
  gulong before_handler;

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 900);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), widget);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  /* Connected before the stream starts, so run.frame_us gets no frame
   * of the window's mapping. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  before_handler = g_signal_connect (gtk_widget_get_frame_clock (window), "before-paint",
                                     G_CALLBACK (on_before_paint), &run);
  handler = g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                              G_CALLBACK (on_after_paint), &run);

  start = g_get_monotonic_time ();
  for (guint i = 0; i + 1 < cuts->len; i++)
    {
      gsize from = g_array_index (cuts, gsize, i);
      gsize to = g_array_index (cuts, gsize, i + 1);
      gint64 before = g_get_monotonic_time ();
      double us;

      feed (widget, text, from, to - from);
      while (g_main_context_iteration (NULL, FALSE))
        ;

      us = g_get_monotonic_time () - before;
      if (run.us->len > 0 && us > g_array_index (run.us, double, run.slowest))
        run.slowest = run.us->len;
      g_array_append_val (run.us, us);
      run.done++;

      if (g_get_monotonic_time () - start > BUDGET_SECONDS * G_USEC_PER_SEC)
        break;
    }
  run.total_ms = (g_get_monotonic_time () - start) / 1000.0;

  g_signal_handler_disconnect (gtk_widget_get_frame_clock (window), handler);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (window), before_handler);
  gtk_window_destroy (GTK_WINDOW (window));

  return run;
}

static void
report (const char *name,
        Run        *run,
        guint       n_deltas)
{
  printf ("%-30s %8.3f ms %8.3f ms %8.1f ms %9.0f ms %7u %8.1f ms %8.1f ms  slowest: delta %u",
          name,
          percentile (run->us, 0.5) / 1000.0,
          percentile (run->us, 0.99) / 1000.0,
          percentile (run->us, 1.0) / 1000.0,
          run->total_ms,
          run->frames,
          run->frame_us->len > 0 ? percentile (run->frame_us, 0.5) / 1000.0 : 0.0,
          run->frame_us->len > 0 ? percentile (run->frame_us, 1.0) / 1000.0 : 0.0,
          run->slowest);
  if (run->done < n_deltas)
    printf ("  (stopped after %u of %u deltas: over %d s)", run->done, n_deltas, BUDGET_SECONDS);
  printf ("\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *text = NULL;
  g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (gsize));
  Run markdown;
  Run label;
  guint n_deltas;
  gsize words = 0;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("bench-markdown needs a display: run it through build-aux/dev or xvfb-run\n");
      return EXIT_FAILURE;
    }

  gtk_init ();
  adw_init ();

  text = markdown_sample_new (WORDS);
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p) && (p == text || g_ascii_isspace (p[-1])))
      words++;

  for (const char *p = text; *p != '\0';)
    {
      gsize offset = p - text;

      g_array_append_val (cuts, offset);
      for (guint n = 0; n < DELTA_CHARS && *p != '\0'; n++)
        p = g_utf8_next_char (p);
    }
  {
    gsize end = strlen (text);

    g_array_append_val (cuts, end);
  }
  n_deltas = cuts->len - 1;

  markdown = stream (prism_markdown_view_new (), text, cuts, feed_markdown);
  {
    GtkWidget *plain = gtk_label_new (NULL);

    gtk_label_set_wrap (GTK_LABEL (plain), TRUE);
    gtk_label_set_xalign (GTK_LABEL (plain), 0);
    label = stream (plain, text, cuts, feed_label);
  }

  printf ("Streaming %" G_GSIZE_FORMAT " words (%" G_GSIZE_FORMAT " bytes) in %u deltas of %d characters, "
          "800×900 window (renderer: %s)\n",
          words, strlen (text), n_deltas, DELTA_CHARS,
          g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");
  printf ("%-30s %11s %11s %11s %12s %7s %11s %11s\n", "", "median/delta", "p99/delta", "max/delta", "total",
          "frames", "med frame", "max frame");
  report ("PrismMarkdownView", &markdown, n_deltas);
  report ("floor: one GtkLabel set_text", &label, n_deltas);

  g_array_unref (markdown.us);
  g_array_unref (markdown.frame_us);
  g_array_unref (label.us);
  g_array_unref (label.frame_us);

  return EXIT_SUCCESS;
}
