/* bench-startup-app.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One launch for bench-startup: either Prism's real application or a
 * bare libadwaita window (the floor). At the first frame drawn it prints
 * "FRAME <monotonic µs> RSS <kB> ANON <kB>" and quits; the monotonic
 * clock is the same in every process, so bench-startup can subtract the
 * time it spawned us. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "prism-application.h"

static void
read_rss (gint64 *rss_kb,
          gint64 *anon_kb)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;

  *rss_kb = *anon_kb = -1;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return;

  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "VmRSS:"))
        *rss_kb = g_ascii_strtoll (lines[i] + 6, NULL, 10);
      else if (g_str_has_prefix (lines[i], "RssAnon:"))
        *anon_kb = g_ascii_strtoll (lines[i] + 8, NULL, 10);
    }
}

static void
on_after_paint (GdkFrameClock *clock,
                GApplication  *app)
{
  gint64 now = g_get_monotonic_time ();
  gint64 rss_kb;
  gint64 anon_kb;

  g_signal_handlers_disconnect_by_func (clock, on_after_paint, app);
  read_rss (&rss_kb, &anon_kb);
  printf ("FRAME %" G_GINT64_FORMAT " RSS %" G_GINT64_FORMAT " ANON %" G_GINT64_FORMAT "\n",
          now, rss_kb, anon_kb);
  fflush (stdout);

  g_application_quit (app);
}

static void
on_window_realized (GtkWidget    *window,
                    GApplication *app)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), app);
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window)
{
  g_signal_connect (window, "realize", G_CALLBACK (on_window_realized), app);
}

static void
on_bare_activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), g_object_new (ADW_TYPE_STATUS_PAGE,
                                               "title", "Floor",
                                               "vexpand", TRUE,
                                               NULL));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GApplication) app = NULL;

  if (argc == 2 && g_str_equal (argv[1], "--bare"))
    {
      app = G_APPLICATION (adw_application_new ("io.github.prismllm.PrismBenchFloor",
                                                G_APPLICATION_NON_UNIQUE));
      g_signal_connect (app, "activate", G_CALLBACK (on_bare_activate), NULL);
    }
  else
    {
      app = G_APPLICATION (prism_application_new ());
      g_application_set_flags (app, G_APPLICATION_NON_UNIQUE);
    }

  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);

  return g_application_run (app, 1, argv);
}
