/* prism-preferences-window.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "prism-preferences-window.h"

struct _PrismPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwComboRow          *style_row;
};

G_DEFINE_FINAL_TYPE (PrismPreferencesWindow, prism_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The order of the rows in the style combo row. */
static const char * const color_schemes[] = { "default", "light", "dark" };

PrismPreferencesWindow *
prism_preferences_window_new (PrismApplication *application)
{
  g_return_val_if_fail (PRISM_IS_APPLICATION (application), NULL);

  return g_object_new (PRISM_TYPE_PREFERENCES_WINDOW,
                       "application", application,
                       NULL);
}

static gboolean
color_scheme_get_mapping (GValue   *value,
                          GVariant *variant,
                          gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    {
      if (g_str_equal (scheme, color_schemes[i]))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
color_scheme_set_mapping (const GValue       *value,
                          const GVariantType *expected_type,
                          gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (color_schemes))
    return NULL;

  return g_variant_new_string (color_schemes[selected]);
}

static void
prism_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PRISM_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (prism_preferences_window_parent_class)->dispose (object);
}

static void
prism_preferences_window_class_init (PrismPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prism_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/prismllm/Prism/prism-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PrismPreferencesWindow, style_row);
}

static void
prism_preferences_window_init (PrismPreferencesWindow *self)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  gtk_widget_init_template (GTK_WIDGET (self));

  g_settings_bind_with_mapping (settings, "color-scheme",
                                self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                color_scheme_get_mapping,
                                color_scheme_set_mapping,
                                NULL, NULL);
}
