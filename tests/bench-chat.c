/* bench-chat.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Streams a 20,000-token Markdown answer with code blocks and tables at
 * 500 tokens per second from the fake provider into the real window,
 * whose conversation already holds 1,000 messages, and reports the
 * longest main-loop stall and the frame times (GdkFrameClock) while it
 * streams, beside the same figures for a bare libadwaita window measured
 * in the same run. Runs under the Xvfb of build-aux/dev.
 *
 * PRISM_BENCH_TOKENS and PRISM_BENCH_MESSAGES make a shorter run.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "prism-application.h"
#include "prism-fake-provider.h"
#include "prism-model-picker.h"
#include "prism-window.h"

#define RATE 500
/* How often the stall probe asks to run; a stall is how late it ran. */
#define PROBE_MS 1

typedef struct
{
  GArray *gaps_us;
  GArray *frames_us;
  gint64  last_probe;
  GArray *layout_us;
  GArray *paint_us;
  gint64  last_frame;
  gint64  update_end;
  gint64  layout_end;
  guint   probe;
  gulong  paint_handler;
  gulong  update_handler;
  gulong  layout_handler;
  gulong  painted_handler;
  GdkFrameClock *clock;
} Probe;

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
  g_autoptr(GArray) sorted = NULL;

  if (values->len == 0)
    return 0;

  sorted = g_array_copy (values);
  g_array_sort (sorted, compare_doubles);

  return g_array_index (sorted, double, MIN (sorted->len - 1, (guint)(p * sorted->len)));
}

static gboolean
probe_cb (gpointer user_data)
{
  Probe *probe = user_data;
  gint64 now = g_get_monotonic_time ();
  double gap = now - probe->last_probe - PROBE_MS * 1000;

  g_array_append_val (probe->gaps_us, gap);
  probe->last_probe = now;

  return G_SOURCE_CONTINUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Probe         *probe)
{
  gint64 now = g_get_monotonic_time ();

  if (probe->last_frame != 0)
    {
      double interval = now - probe->last_frame;

      g_array_append_val (probe->frames_us, interval);
    }
  probe->last_frame = now;
}

/* GTK's own handlers of each phase run first, so the time between the
 * ends of two phases is the time of the second. */
static void
update_cb (GdkFrameClock *clock,
           Probe         *probe)
{
  probe->update_end = g_get_monotonic_time ();
}

static void
layout_cb (GdkFrameClock *clock,
           Probe         *probe)
{
  double us;

  probe->layout_end = g_get_monotonic_time ();
  us = probe->layout_end - probe->update_end;
  g_array_append_val (probe->layout_us, us);
}

static void
paint_cb (GdkFrameClock *clock,
          Probe         *probe)
{
  double us;

  /* A frame with nothing to lay out goes from update to paint. */
  if (probe->layout_end < probe->update_end)
    probe->layout_end = probe->update_end;
  us = g_get_monotonic_time () - probe->layout_end;
  g_array_append_val (probe->paint_us, us);
}

static void
probe_start (Probe     *probe,
             GtkWidget *window)
{
  probe->gaps_us = g_array_new (FALSE, FALSE, sizeof (double));
  probe->frames_us = g_array_new (FALSE, FALSE, sizeof (double));
  probe->last_probe = g_get_monotonic_time ();
  probe->probe = g_timeout_add_full (G_PRIORITY_HIGH, PROBE_MS, probe_cb, probe, NULL);
  probe->clock = gtk_widget_get_frame_clock (window);
  probe->layout_us = g_array_new (FALSE, FALSE, sizeof (double));
  probe->paint_us = g_array_new (FALSE, FALSE, sizeof (double));
  probe->paint_handler = g_signal_connect (probe->clock, "after-paint", G_CALLBACK (after_paint_cb), probe);
  probe->update_handler = g_signal_connect (probe->clock, "update", G_CALLBACK (update_cb), probe);
  probe->layout_handler = g_signal_connect (probe->clock, "layout", G_CALLBACK (layout_cb), probe);
  probe->painted_handler = g_signal_connect (probe->clock, "paint", G_CALLBACK (paint_cb), probe);
}

static void
probe_stop (Probe *probe)
{
  g_clear_handle_id (&probe->probe, g_source_remove);
  g_clear_signal_handler (&probe->paint_handler, probe->clock);
  g_clear_signal_handler (&probe->update_handler, probe->clock);
  g_clear_signal_handler (&probe->layout_handler, probe->clock);
  g_clear_signal_handler (&probe->painted_handler, probe->clock);
}

static void
probe_report (Probe      *probe,
              const char *name)
{
  printf ("%-28s longest stall %7.1f ms  p99 stall %6.1f ms  frames %5u  "
          "frame interval median %5.1f ms  p95 %6.1f ms  max %7.1f ms\n",
          name,
          percentile (probe->gaps_us, 1.0) / 1000.0,
          percentile (probe->gaps_us, 0.99) / 1000.0,
          probe->frames_us->len,
          percentile (probe->frames_us, 0.5) / 1000.0,
          percentile (probe->frames_us, 0.95) / 1000.0,
          percentile (probe->frames_us, 1.0) / 1000.0);
  printf ("%-28s layout median %5.1f ms  p95 %6.1f ms  max %6.1f ms;  "
          "paint median %5.1f ms  p95 %6.1f ms  max %6.1f ms\n",
          "",
          percentile (probe->layout_us, 0.5) / 1000.0,
          percentile (probe->layout_us, 0.95) / 1000.0,
          percentile (probe->layout_us, 1.0) / 1000.0,
          percentile (probe->paint_us, 0.5) / 1000.0,
          percentile (probe->paint_us, 0.95) / 1000.0,
          percentile (probe->paint_us, 1.0) / 1000.0);
  g_array_unref (probe->gaps_us);
  g_array_unref (probe->frames_us);
  g_array_unref (probe->layout_us);
  g_array_unref (probe->paint_us);
}

static void
iterate_for (double seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64)(seconds * G_USEC_PER_SEC);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
}

static void
iterate_until (gboolean (*done) (gpointer),
               gpointer   data,
               double     seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64)(seconds * G_USEC_PER_SEC);

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out after %.0f s", seconds);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* The floor: a bare libadwaita window whose spinner asks for a frame
 * every refresh, so its frame clock runs as it does while streaming. */
static void
measure_bare_window (double seconds)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *page = adw_status_page_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  Probe probe = { 0 };

  adw_status_page_set_title (ADW_STATUS_PAGE (page), "Bare");
  gtk_spinner_start (GTK_SPINNER (spinner));
  adw_status_page_set_child (ADW_STATUS_PAGE (page), spinner);
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  iterate_until (is_mapped, window, 10);
  iterate_for (0.5);

  probe_start (&probe, window);
  iterate_for (seconds);
  probe_stop (&probe);
  probe_report (&probe, "bare libadwaita window");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
seed_conversation (const char  *db,
                   guint        n_messages,
                   char       **conversation_id)
{
  const char *models[] = { "openai:gpt-4o-mini", NULL };
  g_autoptr(PrismStore) store = NULL;
  g_autoptr(PrismConversation) conversation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = NULL;

  store = prism_store_open (db, &error);
  g_assert_no_error (error);
  conversation = prism_store_create_conversation (store, "A long conversation", PRISM_STORE_DEFAULT_PROJECT,
                                                  models, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n_messages; i++)
    {
      gboolean user = i % 2 == 0;
      g_autofree char *text = NULL;
      char *id;

      if (user)
        text = g_strdup_printf ("Question %u: how does step %u work?", i / 2, i / 2);
      else
        text = g_strdup_printf ("## Step %u\n\nIt works like this:\n\n- first, *this*\n- then `that`\n\n"
                                "```c\nint step_%u (void) { return %u; }\n```\n", i / 2, i / 2, i / 2);

      id = prism_store_add_message (store, conversation->id, parent, user ? "user" : "assistant",
                                    text, NULL, user ? NULL : models[0], &error);
      g_assert_no_error (error);
      g_free (parent);
      parent = id;
    }

  *conversation_id = g_strdup (conversation->id);
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
session_ready (gpointer data)
{
  return prism_session_get_ready (data);
}

static gboolean
not_busy (gpointer data)
{
  return !prism_chat_get_busy (data);
}

static guint n_expected;

static gboolean
loaded (gpointer data)
{
  return g_list_model_get_n_items (prism_chat_get_messages (data)) == n_expected;
}

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *value = g_getenv (name);

  return value != NULL ? (guint)g_ascii_strtoull (value, NULL, 10) : fallback;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismFakeProvider) fake = NULL;
  g_autoptr(PrismApplication) app = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *config = NULL;
  g_autofree char *ini = NULL;
  g_autofree char *ini_path = NULL;
  g_autofree char *base = NULL;
  g_autofree char *db = NULL;
  g_autofree char *conversation_id = NULL;
  g_autofree char *model = NULL;
  guint tokens = env_uint ("PRISM_BENCH_TOKENS", 20000);
  guint n_messages = env_uint ("PRISM_BENCH_MESSAGES", 1000);
  PrismSession *session;
  PrismWindow *window;
  PrismChat *chat;
  GtkWidget *composer;
  gint64 send_start;
  gint64 send_us;
  Probe probe = { 0 };
  gint64 start;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      printf ("bench-chat: no display; run it through build-aux/dev test --benchmark\n");
      return EXIT_SUCCESS;
    }

  dir = g_dir_make_tmp ("prism-bench-chat-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      const char *variables[] = { "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME" };
      const char *names[] = { "config", "data", "cache" };
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      g_setenv (variables[i], path, TRUE);
    }
  g_setenv ("OPENAI_API_KEY", PRISM_FAKE_PROVIDER_KEY, TRUE);

  gtk_init ();
  adw_init ();

  fake = prism_fake_provider_new ();
  prism_fake_provider_start (fake, 0, &error);
  g_assert_no_error (error);
  base = prism_fake_provider_get_base_url (fake, "openai");
  ini = g_strdup_printf ("[provider openai]\nbase-url=%s\n", base);
  config = g_build_filename (dir, "config", "prism", NULL);
  g_mkdir_with_parents (config, 0700);
  ini_path = g_build_filename (config, "providers.ini", NULL);
  g_file_set_contents (ini_path, ini, -1, &error);
  g_assert_no_error (error);

  db = g_build_filename (dir, "data", "prism", "history.db", NULL);
  seed_conversation (db, n_messages, &conversation_id);

  measure_bare_window (5);

  app = prism_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  session = prism_application_get_session (app);
  iterate_until (session_ready, session, 30);

  g_application_activate (G_APPLICATION (app));
  window = PRISM_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  iterate_until (is_mapped, window, 10);

  chat = prism_chat_view_get_chat (prism_window_get_chat_view (window));
  n_expected = n_messages;
  start = g_get_monotonic_time ();
  prism_chat_open (chat, conversation_id);
  iterate_until (loaded, chat, 60);
  iterate_for (1.0);
  printf ("%-28s %u messages in %.0f ms (opened, then 1 s to settle)\n", "open conversation",
          n_messages, (g_get_monotonic_time () - start) / 1000.0 - 1000.0);

  model = g_strdup_printf ("openai:markdown+tokens=%u+rate=%u", tokens, RATE);
  n_expected = n_messages + 2;

  probe_start (&probe, GTK_WIDGET (window));
  start = g_get_monotonic_time ();
  /* Through the composer, as a person sends. */
  prism_model_picker_set_model (PRISM_MODEL_PICKER (find_type (GTK_WIDGET (window), PRISM_TYPE_MODEL_PICKER)), model);
  composer = find_named (GTK_WIDGET (window), "composer");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (composer)),
                            "Explain it all again, with code.", -1);
  send_start = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (composer, "chat.send", NULL));
  send_us = g_get_monotonic_time () - send_start;
  if (!prism_chat_get_busy (chat))
    g_error ("Not sent: %s", gtk_label_get_text (GTK_LABEL (find_named (GTK_WIDGET (window), "composer-error"))));
  iterate_until (not_busy, chat, tokens / (double)RATE * 3 + 30);
  probe_stop (&probe);

  printf ("%-28s %u tokens at %u/s in %.1f s (sending took %.1f ms of the main loop)\n", "stream", tokens, RATE,
          (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC, send_us / 1000.0);
  probe_report (&probe, "chat window, streaming");

  gtk_window_destroy (GTK_WINDOW (window));
  prism_fake_provider_stop (fake);

  return EXIT_SUCCESS;
}
