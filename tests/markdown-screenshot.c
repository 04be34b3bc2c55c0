/* markdown-screenshot.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Renders a sample Markdown message in a PrismMarkdownView to a PNG, in
 * the light or dark style, so that a person can look at every block the
 * chat view draws. Run under a display (build-aux/dev's Xvfb):
 *   markdown-screenshot [--dark] [--width W] OUTPUT.png */

#include "config.h"

#include <stdlib.h>

#include <adwaita.h>

#include "prism-markdown-view.h"

static const char *sample =
  "# Streaming a response\n"
  "\n"
  "Prism renders **Markdown** as it arrives: *emphasis*, `inline code`, ~~mistakes~~ and\n"
  "[links](https://gnome.org) — with <angle brackets> & ampersands shown as typed.\n"
  "\n"
  "## A list\n"
  "\n"
  "1. Install the dependencies\n"
  "2. Build it:\n"
  "   - `meson setup _build`\n"
  "   - `meson compile -C _build`\n"
  "10. Run the tests\n"
  "\n"
  "- [x] parser\n"
  "- [ ] screenshots\n"
  "\n"
  "> A quote can hold *several* lines\n"
  "> and they wrap like any paragraph does when the window is narrow.\n"
  "\n"
  "| Model | Context | Input $/M | Output $/M |\n"
  "|:------|--------:|:---------:|-----------:|\n"
  "| gpt-4o | 128,000 | 2.50 | 10.00 |\n"
  "| claude-sonnet | 200,000 | 3.00 | 15.00 |\n"
  "\n"
  "```python\n"
  "def tokens_per_second(tokens: int, seconds: float) -> float:\n"
  "    \"\"\"Rate of a stream.\"\"\"\n"
  "    return tokens / seconds if seconds > 0 else 0.0  # never divide by zero\n"
  "```\n"
  "\n"
  "---\n"
  "\n"
  "### Unknown language\n"
  "\n"
  "```\n"
  "plain text block\n"
  "```\n";

static char *output;
static gboolean dark;
static int width = 720;
static int status = EXIT_FAILURE;

/* No caret in whichever label took the focus when the window mapped. */
static gboolean
unset_focus (gpointer user_data)
{
  gtk_window_set_focus (GTK_WINDOW (user_data), NULL);

  return G_SOURCE_REMOVE;
}

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
    {
      g_printerr ("Could not write %s\n", output);
    }

  gtk_window_destroy (GTK_WINDOW (window));

  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) provider = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  GtkWidget *scroller;
  GtkWidget *view;
  const GOptionEntry entries[] = {
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style", NULL },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width", "W" },
    { NULL }
  };

  context = g_option_context_new ("OUTPUT.png");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "Usage: markdown-screenshot [--dark] [--width W] OUTPUT.png");
      return EXIT_FAILURE;
    }
  output = argv[1];

  gtk_init ();
  adw_init ();

  /* What AdwApplication does for Prism: its style.css from the resources. */
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/prismllm/Prism/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  /* The window would focus the first label, which then selects itself;
   * in Prism the composer holds the focus. */
  g_object_set (gtk_settings_get_default (), "gtk-label-select-on-focus", FALSE, NULL);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), width, 1280);
  scroller = gtk_scrolled_window_new ();
  view = prism_markdown_view_new ();
  g_object_set (view, "margin-start", 24, "margin-end", 24, "margin-top", 24, "margin-bottom", 24, NULL);
  prism_markdown_view_set_text (PRISM_MARKDOWN_VIEW (view), sample);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_present (GTK_WINDOW (window));

  g_timeout_add (300, unset_focus, window);
  g_timeout_add (800, save_window, window);

  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    g_main_context_iteration (NULL, TRUE);

  return status;
}
