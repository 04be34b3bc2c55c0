/* bench-startup.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Time from launch to the first drawn frame, and resident memory then,
 * for Prism's window beside a bare libadwaita window measured in the
 * same run: absolute figures drift on a shared machine, the difference
 * is what Prism adds. Runs under the Xvfb of build-aux/dev. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <gio/gio.h>

#define RUNS 15

typedef struct
{
  double ms[RUNS];
  double rss_mb[RUNS];
  double anon_mb[RUNS];
} Samples;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median (const double *values)
{
  double sorted[RUNS];

  memcpy (sorted, values, sizeof sorted);
  qsort (sorted, RUNS, sizeof (double), compare_doubles);

  return sorted[RUNS / 2];
}

static gboolean
launch (const char  *app,
        const char  *mode,
        double      *ms,
        double      *rss_mb,
        double      *anon_mb,
        GError     **error)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  gint64 frame;
  gint64 rss;
  gint64 anon;
  gint64 start;

  start = g_get_monotonic_time ();
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, error, app, mode, NULL);
  if (process == NULL)
    return FALSE;

  if (!g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, error))
    return FALSE;

  if (out == NULL || sscanf (out, "FRAME %" G_GINT64_FORMAT " RSS %" G_GINT64_FORMAT " ANON %" G_GINT64_FORMAT,
                             &frame, &rss, &anon) != 3)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s %s drew no frame", app, mode);
      return FALSE;
    }

  *ms = (frame - start) / 1000.0;
  *rss_mb = rss / 1024.0;
  *anon_mb = anon / 1024.0;

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *app = NULL;
  Samples prism = { 0 };
  Samples bare = { 0 };

  if (g_getenv ("DISPLAY") == NULL)
    {
      g_printerr ("bench-startup needs a display: run it through build-aux/dev or xvfb-run\n");
      return EXIT_FAILURE;
    }

  app = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                          "bench-startup-app", NULL);

  /* Interleaved, so a slow moment of the machine hits both alike. The
   * first launch of each only warms caches and is not counted. */
  for (int i = -1; i < RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      double ms, rss, anon;

      if (!launch (app, "--bare", &ms, &rss, &anon, &error))
        g_error ("%s", error->message);
      if (i >= 0)
        bare.ms[i] = ms, bare.rss_mb[i] = rss, bare.anon_mb[i] = anon;

      if (!launch (app, "--prism", &ms, &rss, &anon, &error))
        g_error ("%s", error->message);
      if (i >= 0)
        prism.ms[i] = ms, prism.rss_mb[i] = rss, prism.anon_mb[i] = anon;
    }

  printf ("Launch to first frame and memory at that frame, median of %d (renderer: %s)\n",
          RUNS, g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");
  printf ("%-26s %12s %12s %14s\n", "", "first frame", "RSS", "anonymous RSS");
  printf ("%-26s %9.1f ms %9.1f MB %11.1f MB\n", "bare libadwaita window",
          median (bare.ms), median (bare.rss_mb), median (bare.anon_mb));
  printf ("%-26s %9.1f ms %9.1f MB %11.1f MB\n", "Prism",
          median (prism.ms), median (prism.rss_mb), median (prism.anon_mb));
  printf ("%-26s %+9.1f ms %+9.1f MB %+11.1f MB\n", "Prism − floor",
          median (prism.ms) - median (bare.ms),
          median (prism.rss_mb) - median (bare.rss_mb),
          median (prism.anon_mb) - median (bare.anon_mb));

  return EXIT_SUCCESS;
}
