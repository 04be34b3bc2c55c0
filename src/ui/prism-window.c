/* prism-window.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-window"

#include "config.h"

#include <glib/gi18n.h>

#include "prism-window.h"

struct _PrismWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

  /* Template widgets */
  AdwHeaderBar         *header_bar;
  GtkMenuButton        *primary_menu_button;
  AdwStatusPage        *empty_page;
};

G_DEFINE_FINAL_TYPE (PrismWindow, prism_window, ADW_TYPE_APPLICATION_WINDOW)

PrismWindow *
prism_window_new (PrismApplication *application)
{
  g_return_val_if_fail (PRISM_IS_APPLICATION (application), NULL);

  return g_object_new (PRISM_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

static void
prism_window_save_state (PrismWindow *self)
{
  int width;
  int height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  /* A maximised window's size is the screen's; keep the size it will
   * go back to when unmaximised. */
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);
}

static gboolean
prism_window_close_request (GtkWindow *window)
{
  PrismWindow *self = PRISM_WINDOW (window);

  prism_window_save_state (self);

  return GTK_WINDOW_CLASS (prism_window_parent_class)->close_request (window);
}

static void
prism_window_dispose (GObject *object)
{
  PrismWindow *self = PRISM_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PRISM_TYPE_WINDOW);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (prism_window_parent_class)->dispose (object);
}

static void
prism_window_class_init (PrismWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = prism_window_dispose;

  window_class->close_request = prism_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/prismllm/Prism/prism-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PrismWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, PrismWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, PrismWindow, empty_page);
}

static void
prism_window_init (PrismWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}
