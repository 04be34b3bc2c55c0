/* comparison-screenshot.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Renders a PrismComparisonView with 3 or 6 panes answered by the fake
 * provider (in this process) to a PNG, light or dark, to look at:
 *
 *   comparison-screenshot [--panes 3|6] [--dark] [--width W] [--height H] [--live MS]
 *                         [--blind] [--merge] [--diff] OUTPUT.png
 *
 * Run it under Xvfb (build-aux/dev's environment). The 3-pane shot has
 * one failing pane, and the best answer marked. */

#include "config.h"

#include <stdlib.h>

#include <adwaita.h>

#include "prism-comparison-view.h"
#include "prism-fake-provider.h"
#include "prism-test-comparison.h"

static const char *prices_ini =
  "[model openai:gpt-4o+markdown+rate=60]\ninput-price=2.5\noutput-price=10\n\n"
  "[model anthropic:claude-sonnet+rate=30]\ninput-price=3\noutput-price=15\n\n"
  "[model anthropic:claude-sonnet+markdown+tokens=40+rate=30]\ninput-price=3\noutput-price=15\n\n"
  "[model gemini:gemini-flash+markdown+rate=120]\ninput-price=0.3\noutput-price=2.5\n\n"
  "[model mistral:mistral-large+rate=45]\ninput-price=2\noutput-price=6\n\n"
  "[model deepseek:deepseek-chat+markdown+rate=25]\ninput-price=0.27\noutput-price=1.1\n\n";

static const char *three[] = {
  "openai:gpt-4o+markdown+rate=60",
  "anthropic:claude-sonnet+markdown+tokens=40+rate=30",
  "groq:llama-3.3-70b+error=429",
  NULL
};

static const char *six[] = {
  "openai:gpt-4o+markdown+rate=60",
  "anthropic:claude-sonnet+rate=30",
  "gemini:gemini-flash+markdown+rate=120",
  "mistral:mistral-large+rate=45",
  "deepseek:deepseek-chat+markdown+rate=25",
  "openai:gpt-4o+markdown+rate=60",
  NULL
};

static char *output;
static gboolean dark;
static int n_panes = 3;
static int width = 1280;
static int height = 800;
static int live_ms = -1;
static gboolean blind;
static gboolean merge;
static gboolean diff;
static int status = EXIT_FAILURE;
static gboolean done;

static void
save_window (GtkWidget *window)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w = gtk_widget_get_width (window);
  int h = gtk_widget_get_height (window);

  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, w, h));

  if (gdk_texture_save_to_png (texture, output))
    {
      g_print ("%s: %d×%d\n", output, w, h);
      status = EXIT_SUCCESS;
    }
  else
    g_printerr ("Could not write %s\n", output);
}

static gboolean
settle_cb (gpointer user_data)
{
  done = TRUE;

  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) provider = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismFakeProvider) fake = NULL;
  g_autoptr(PrismClient) client = NULL;
  g_autoptr(PrismStore) store = NULL;
  g_autoptr(PrismComparisonRun) run = NULL;
  g_autofree char *dir = NULL;
  GtkWidget *window;
  GtkWidget *view;
  const GOptionEntry entries[] = {
    { "panes", 0, 0, G_OPTION_ARG_INT, &n_panes, "3 or 6 panes", "N" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style", NULL },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height", "H" },
    { "live", 0, 0, G_OPTION_ARG_INT, &live_ms, "Render MS after sending, while the answers stream", "MS" },
    { "blind", 0, 0, G_OPTION_ARG_NONE, &blind, "Render the blind vote, after voting", NULL },
    { "merge", 0, 0, G_OPTION_ARG_NONE, &merge, "Merge the answers with the first model first", NULL },
    { "diff", 0, 0, G_OPTION_ARG_NONE, &diff, "Render the differences of the first two answers", NULL },
    { NULL }
  };

  context = g_option_context_new ("OUTPUT.png");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || (n_panes != 3 && n_panes != 6))
    {
      g_printerr ("%s\n", error != NULL ? error->message
                                        : "Usage: comparison-screenshot [--panes 3|6] [--dark] OUTPUT.png");
      return EXIT_FAILURE;
    }
  output = argv[1];

  gtk_init ();
  adw_init ();

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/prismllm/Prism/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set (gtk_settings_get_default (), "gtk-label-select-on-focus", FALSE, NULL);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);

  fake = prism_fake_provider_new ();
  if (!prism_fake_provider_start (fake, 0, &error))
    g_error ("%s", error->message);
  dir = g_dir_make_tmp ("prism-comparison-shot-XXXXXX", &error);
  g_assert_no_error (error);
  client = prism_test_comparison_client_new (dir, prism_fake_provider_get_port (fake), prices_ini);
  store = prism_test_comparison_store_new (dir);

  run = prism_comparison_run_new (client, store, NULL,
                                  "Explain how a hash map handles collisions, with a short example.",
                                  n_panes == 3 ? three : six, &error);
  g_assert_no_error (error);
  prism_comparison_run_set_max_tokens (run, 800);

  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  view = prism_comparison_view_new ();
  prism_comparison_view_set_run (PRISM_COMPARISON_VIEW (view), run);
  adw_window_set_content (ADW_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  g_timeout_add (300, settle_cb, NULL);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  done = FALSE;

  prism_comparison_run_start (run, &error);
  g_assert_no_error (error);

  if (live_ms >= 0)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
      gulong id;

      g_timeout_add (live_ms, settle_cb, NULL);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      gtk_window_set_focus (GTK_WINDOW (window), NULL);

      /* While text streams in, layout is pending between frames: render
       * right after one is painted. */
      done = FALSE;
      id = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (settle_cb), NULL);
      gtk_widget_queue_draw (window);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      g_signal_handler_disconnect (clock, id);
      save_window (window);
      prism_comparison_run_stop_all (run);
    }

  while (prism_comparison_run_get_running (run))
    g_main_context_iteration (NULL, TRUE);

  if (live_ms < 0 && n_panes == 3)
    {
      prism_comparison_run_vote_winner (run, prism_comparison_run_get_pane (run, 0), &error);
      g_assert_no_error (error);
    }

  if (merge)
    {
      prism_comparison_run_fuse (run, prism_comparison_pane_get_model (prism_comparison_run_get_pane (run, 0)), &error);
      g_assert_no_error (error);
      while (prism_comparison_run_get_running (run))
        g_main_context_iteration (NULL, TRUE);
    }

  if (diff)
    gtk_widget_activate_action (view, "comparison.diff", "(uu)", 0, 1);

  if (blind)
    {
      gtk_widget_activate_action (view, "comparison.blind", NULL);
      gtk_widget_activate_action (view, "comparison.blind-vote", "u", 0);
    }

  if (live_ms < 0)
    {
      /* The summary slides in; let it and the fonts settle. */
      g_timeout_add (800, settle_cb, NULL);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      gtk_window_set_focus (GTK_WINDOW (window), NULL);
      done = FALSE;
      g_timeout_add (100, settle_cb, NULL);
      while (!done)
        g_main_context_iteration (NULL, TRUE);

      save_window (window);
    }

  gtk_window_destroy (GTK_WINDOW (window));

  g_clear_object (&run);
  g_clear_object (&store);
  prism_fake_provider_stop (fake);
  prism_test_remove_tree (dir);

  return status;
}
