/* prism-screenshot.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Renders Prism's real main window to a PNG with GTK's own renderer, as
 * a person would see it, for screenshots/ and the AppStream metainfo.
 * build-aux/screenshots runs it under Xvfb. */

#include "config.h"

#include <stdlib.h>

#include "prism-application.h"
#include "prism-preferences-window.h"
#include "prism-window.h"

static char *output;
static gboolean dark;
static int width = 1100;
static int height = 760;
static int status = EXIT_FAILURE;
static char *preferences_page;
static char *provider;

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

  g_application_quit (g_application_get_default ());

  return G_SOURCE_REMOVE;
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

  if (preferences_page != NULL)
    {
      g_idle_add (open_preferences, NULL);
      return;
    }

  /* Let the first frames settle (fonts, icons, the size allocation)
   * before rendering. */
  g_timeout_add (500, save_window, window);
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

  app = prism_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);

  g_application_run (G_APPLICATION (app), 1, argv);

  g_free (output);
  g_free (preferences_page);
  g_free (provider);

  return status;
}
