/* spend-screenshot.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Renders the Spend page over a realistic month to PNG, light or dark,
 * to look at: spend-screenshot [--dark] [--width W] [--height H] OUT.png */

#include "config.h"

#include <stdlib.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "prism-activity-page.h"
#include "prism-budget-monitor.h"
#include "prism-spend-indicator.h"
#include "prism-spend-page.h"

#include "spend-generate.h"

static char *output;
static gboolean dark;
static int width = 1100;
static int height = 1150;
static int scale = 1;
static char *which;
static int status = EXIT_FAILURE;

static gboolean
save_window (gpointer user_data)
{
  GtkWidget *window = user_data;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w = gtk_widget_get_width (window);
  int h = gtk_widget_get_height (window);

  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_scale (snapshot, scale, scale);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, w * scale, h * scale));

  if (gdk_texture_save_to_png (texture, output))
    {
      g_print ("%s: %d×%d\n", output, w, h);
      status = EXIT_SUCCESS;
    }
  else
    g_printerr ("Could not write %s\n", output);

  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (gtk_window_get_toplevels (), 0);

      gtk_window_destroy (toplevel);
    }

  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) provider = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismStore) store = NULL;
  g_autoptr(PrismBudgetMonitor) monitor = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  GtkWidget *window, *box, *header, *page;
  const GOptionEntry entries[] = {
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style", NULL },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height", "H" },
    { "page", 0, 0, G_OPTION_ARG_STRING, &which, "spend (the default), activity or details", "PAGE" },
    { "scale", 0, 0, G_OPTION_ARG_INT, &scale, "Scale factor (run with GDK_SCALE set alike)", "N" },
    { NULL }
  };

  context = g_option_context_new ("OUTPUT.png");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "Usage: spend-screenshot [--dark] OUTPUT.png");
      return EXIT_FAILURE;
    }
  output = argv[1];

  dir = g_dir_make_tmp ("prism-spend-shot-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "history.db", NULL);
  store = prism_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  spend_generate (path, 2400, 45, 7);
  store = prism_store_open (path, &error);
  g_assert_no_error (error);
  prism_store_add_budget (store, "all", NULL, "month", 150, "warn", &error);
  g_assert_no_error (error);
  prism_store_add_budget (store, "provider", "anthropic", "day", 3, "block", &error);
  g_assert_no_error (error);
  monitor = prism_budget_monitor_new (store);

  gtk_init ();
  adw_init ();

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/prismllm/Prism/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set (gtk_settings_get_default (), "gtk-label-select-on-focus", FALSE, NULL);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);

  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new ("Spend", NULL));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), prism_spend_indicator_new (store, monitor));
  if (g_strcmp0 (which, "activity") == 0 || g_strcmp0 (which, "details") == 0)
    page = prism_activity_page_new (store);
  else
    page = prism_spend_page_new (store, monitor);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));

  if (g_strcmp0 (which, "details") == 0)
    {
      /* The newest failed attempt's details, over the log */
      PrismAttemptFilter filter = { .status = "error" };
      gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC;

      prism_activity_page_set_filter (PRISM_ACTIVITY_PAGE (page), &filter);
      while (g_get_monotonic_time () < until || prism_activity_page_is_loading (PRISM_ACTIVITY_PAGE (page)))
        g_main_context_iteration (NULL, FALSE);
      window = GTK_WIDGET (prism_activity_page_open_details (PRISM_ACTIVITY_PAGE (page), 0));
      gtk_window_set_default_size (GTK_WINDOW (window), 520, 1000);
    }

  g_timeout_add (1200, save_window, window);

  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    g_main_context_iteration (NULL, TRUE);

  g_clear_object (&store);
  g_unlink (path);
  g_rmdir (dir);

  return status;
}
