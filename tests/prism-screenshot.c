/* prism-screenshot.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Renders Prism's real main window to a PNG with GTK's own renderer, as
 * a person would see it, for screenshots/ and the AppStream metainfo.
 * build-aux/screenshots runs it under Xvfb, with a history of a few
 * conversations and an answer streamed from the fake provider of this
 * process, in temporary XDG directories. */

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "prism-application.h"
#include "prism-compare-page.h"
#include "prism-comparison-run.h"
#include "prism-comparison-view.h"
#include "prism-fake-provider.h"
#include "prism-preferences-window.h"
#include "prism-window.h"

#define MODEL "openai:markdown"

static char *output;
static gboolean dark;
static int width = 1100;
static int height = 760;
static int status = EXIT_FAILURE;
static PrismFakeProvider *fake;
static char *preferences_page;
static char *provider;
static char *view_name;

static gboolean
save_window (gpointer user_data)
{
  GtkWidget *window = user_data;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;
  int w;
  int h;

  w = gtk_widget_get_width (window);
  h = gtk_widget_get_height (window);

  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));

  if (gdk_texture_save_to_png (texture, output))
    {
      g_print ("%s: %d×%d\n", output, w, h);
      status = EXIT_SUCCESS;
    }
  else
    {
      g_printerr ("Could not write %s\n", output);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_application_quit (g_application_get_default ());

  return G_SOURCE_REMOVE;
}

static void
seed_history (PrismStore *store)
{
  static const struct {
    const char *title;
    const char *prompt;
    const char *answer;
    gboolean    pinned;
  } conversations[] = {
    { "Weekly report draft", "Draft this week's report from my notes.", "Here is a draft of the report.", TRUE },
    { "Plan a weekend in Lisbon", "Plan two days in Lisbon.", "Day one: Alfama and the castle.", FALSE },
    { "Explain Rust lifetimes", "What is a lifetime in Rust?", "A lifetime names how long a reference is valid.", FALSE },
    { "SQL window functions", "When do I use a window function?", "When each row needs an aggregate over its neighbours.", FALSE },
  };
  const char *models[] = { "openai:gpt-4o-mini", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (conversations); i++)
    {
      g_autoptr(PrismConversation) conversation = NULL;
      g_autofree char *prompt_id = NULL;
      g_autofree char *answer_id = NULL;
      g_autoptr(GError) error = NULL;

      conversation = prism_store_create_conversation (store, conversations[i].title,
                                                      PRISM_STORE_DEFAULT_PROJECT, models, &error);
      g_assert_no_error (error);
      prism_store_set_pinned (store, conversation->id, conversations[i].pinned, NULL);
      prompt_id = prism_store_add_message (store, conversation->id, NULL, "user", conversations[i].prompt,
                                           NULL, NULL, &error);
      g_assert_no_error (error);
      answer_id = prism_store_add_message (store, conversation->id, prompt_id, "assistant",
                                           conversations[i].answer, NULL, models[0], &error);
      g_assert_no_error (error);
    }
}

/* A month of requests to several models, some priced by the provider
 * and some by the bundled table, a few with no known cost. */
static void
seed_spend (PrismStore *store)
{
  static const struct {
    const char *model;
    const char *provider;
    double      cost;
    gint64      input;
    gint64      output;
  } kinds[] = {
    { "anthropic:claude-sonnet-4-5", "anthropic", 0.0213, 2400, 940 },
    { "openai:gpt-4o-mini", "openai", 0.0009, 3100, 620 },
    { "openrouter:meta-llama/llama-3.3-70b-instruct", "openrouter", 0.0031, 2800, 1100 },
    { "gemini:gemini-2.5-pro", "gemini", 0.0175, 1900, 1300 },
    { "ollama:llama3.2", "ollama", NAN, 1500, 700 },
  };
  gint64 now = g_get_real_time ();

  for (guint day = 0; day < 30; day++)
    for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
      {
        /* A working week: more on some days than others. */
        guint n = (day * 7 + k * 3) % 5 + (k == 0 ? 2 : 0);

        for (guint i = 0; i < n; i++)
          {
            g_autoptr(PrismAttempt) attempt = prism_attempt_new ();

            attempt->model = g_strdup (kinds[k].model);
            attempt->provider = g_strdup (kinds[k].provider);
            attempt->http_status = (day + i + k) % 23 == 0 ? 429 : 200;
            attempt->usage.known = attempt->http_status == 200;
            attempt->usage.input_tokens = kinds[k].input + i * 37;
            attempt->usage.output_tokens = kinds[k].output + i * 11;
            attempt->cost_usd = attempt->http_status == 200 ? kinds[k].cost * (1 + i * 0.1) : 0;
            attempt->cost_source = k == 2 ? PRISM_COST_SOURCE_PROVIDER : isnan (kinds[k].cost)
                                   ? PRISM_COST_SOURCE_UNKNOWN : PRISM_COST_SOURCE_BUNDLED;
            attempt->ttft_ms = 300 + k * 120 + i * 13;
            attempt->latency_ms = 2000 + k * 500;
            attempt->started_at = now - (gint64)day * G_TIME_SPAN_DAY - i * G_TIME_SPAN_MINUTE;
            attempt->project_id = PRISM_STORE_DEFAULT_PROJECT;
            if (attempt->http_status != 200)
              {
                attempt->error_kind = g_strdup ("rate_limit");
                attempt->error_message = g_strdup ("Rate limit reached; try again in 20 s.");
              }
            prism_store_record_attempt (store, attempt, NULL);
          }
      }
}

static void
on_comparison_running (PrismComparisonRun *run,
                       GParamSpec         *pspec,
                       GtkWindow          *window)
{
  if (!prism_comparison_run_get_running (run))
    g_timeout_add (1000, save_window, window);
}

static void
on_finished (PrismChat        *chat,
             PrismMessageItem *item,
             GtkWindow        *window)
{
  /* Let the last blocks render and the list settle at the bottom. */
  g_timeout_add (1000, save_window, window);
}

static void
on_ready (PrismSession *session,
          GParamSpec   *pspec,
          GtkWindow    *window)
{
  PrismChatView *view = prism_window_get_chat_view (PRISM_WINDOW (window));
  PrismChat *chat = prism_chat_view_get_chat (view);
  g_autoptr(GError) error = NULL;

  if (!prism_session_get_ready (session))
    return;

  seed_history (prism_session_get_store (session));
  prism_session_reload_conversations (session);

  if (g_strcmp0 (view_name, "spend") == 0 || g_strcmp0 (view_name, "activity") == 0)
    {
      seed_spend (prism_session_get_store (session));
      prism_window_show_view (PRISM_WINDOW (window), view_name);
      g_timeout_add (1500, save_window, window);
      return;
    }

  if (g_strcmp0 (view_name, "compare") == 0)
    {
      PrismComparePage *page = PRISM_COMPARE_PAGE (prism_window_get_view (PRISM_WINDOW (window), "compare"));
      PrismComparisonRun *run;

      prism_window_show_view (PRISM_WINDOW (window), "compare");
      prism_compare_page_set_models (page, "openai:markdown+rate=60, anthropic:claude-sonnet-4-5+rate=30, "
                                           "gemini:gemini-2.5-pro+markdown+rate=45");
      if (!prism_compare_page_send (page, "Lay out a small C project, with a table of the files.", &error))
        {
          g_printerr ("Could not compare: %s\n", error->message);
          gtk_window_destroy (window);
          return;
        }
      run = prism_comparison_view_get_run (PRISM_COMPARISON_VIEW (prism_compare_page_get_view (page)));
      g_signal_connect (run, "notify::running", G_CALLBACK (on_comparison_running), window);
      return;
    }

  g_signal_connect (chat, "finished", G_CALLBACK (on_finished), window);
  if (!prism_chat_send (chat, MODEL, "Show me how to lay out a small C project, with a table of the files.", &error))
    {
      g_printerr ("Could not send: %s\n", error->message);
      gtk_window_destroy (window);
    }
}

static gboolean
open_preferences (gpointer user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (g_application_get_default ()), "preferences", NULL);

  return G_SOURCE_REMOVE;
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window)
{
  PrismSession *session;

  if (PRISM_IS_PREFERENCES_WINDOW (window))
    {
      gtk_window_set_default_size (window, 640, MIN (height, 720));
      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), preferences_page);
      if (provider != NULL)
        prism_preferences_window_show_provider (PRISM_PREFERENCES_WINDOW (window), provider);
      /* Longer: the keyring and the local servers answer first. */
      g_timeout_add (2000, save_window, window);
      return;
    }

  if (!PRISM_IS_WINDOW (window))
    return;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_window_set_default_size (window, width, height);

  /* The Preferences pages are shot in build-aux/screenshots' keyring
   * session, with its own providers.ini and keys. */
  if (preferences_page != NULL)
    {
      g_idle_add (open_preferences, NULL);
      return;
    }

  session = prism_application_get_session (PRISM_APPLICATION (app));
  g_settings_set_string (prism_application_get_settings (PRISM_APPLICATION (app)), "last-model", MODEL);
  g_signal_connect_object (session, "notify::ready", G_CALLBACK (on_ready), window, 0);
  on_ready (session, NULL, window);
}

static void
set_up_dirs (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("prism-screenshot-XXXXXX", &error);
  g_autofree char *config = NULL;
  g_autofree char *ini = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  g_autofree char *anthropic = NULL;
  g_autofree char *gemini = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      const char *variables[] = { "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME" };
      const char *names[] = { "config", "data", "cache" };
      g_autofree char *dir = g_build_filename (tmp, names[i], NULL);

      g_setenv (variables[i], dir, TRUE);
    }
  g_setenv ("OPENAI_API_KEY", PRISM_FAKE_PROVIDER_KEY, TRUE);
  g_setenv ("ANTHROPIC_API_KEY", PRISM_FAKE_PROVIDER_KEY, TRUE);
  g_setenv ("GEMINI_API_KEY", PRISM_FAKE_PROVIDER_KEY, TRUE);

  fake = prism_fake_provider_new ();
  prism_fake_provider_start (fake, 0, &error);
  g_assert_no_error (error);

  base = prism_fake_provider_get_base_url (fake, "openai");
  anthropic = prism_fake_provider_get_base_url (fake, "anthropic");
  gemini = prism_fake_provider_get_base_url (fake, "gemini");
  ini = g_strdup_printf ("[provider openai]\nbase-url=%s\n\n"
                         "[provider anthropic]\nbase-url=%s\n\n"
                         "[provider gemini]\nbase-url=%s\n\n"
                         "[model " MODEL "]\ninput-price=2.5\noutput-price=10\n", base, anthropic, gemini);
  config = g_build_filename (tmp, "config", "prism", NULL);
  g_mkdir_with_parents (config, 0700);
  path = g_build_filename (config, "providers.ini", NULL);
  g_file_set_contents (path, ini, -1, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PrismApplication) app = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style", NULL },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height", "H" },
    { "preferences", 0, 0, G_OPTION_ARG_STRING, &preferences_page, "Render this page of the Preferences window", "PAGE" },
    { "provider", 0, 0, G_OPTION_ARG_STRING, &provider, "With --preferences, the subpage of this provider", "ID" },
    { "view", 0, 0, G_OPTION_ARG_STRING, &view_name, "Show the window's compare, spend or activity page", "NAME" },
    { NULL }
  };

  context = g_option_context_new ("OUTPUT.png");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "Usage: prism-screenshot [--dark] OUTPUT.png");
      return EXIT_FAILURE;
    }
  output = g_strdup (argv[1]);
  if (preferences_page == NULL)
    set_up_dirs ();

  app = prism_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);

  g_application_run (G_APPLICATION (app), 1, argv);

  g_free (output);
  g_free (preferences_page);
  g_free (provider);
  g_free (view_name);
  if (fake != NULL)
    prism_fake_provider_stop (fake);
  g_clear_object (&fake);

  return status;
}
