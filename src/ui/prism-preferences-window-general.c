/* prism-preferences-window-general.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "prism-preferences-window-private.h"

/* The General page: the model a new chat starts with, how long history
 * is kept, and whether reasoning is kept. */

/* The choices of "Keep Conversations", in days; 0 is forever. */
static const guint history_days[] = { 0, 365, 182, 91, 30 };

static gboolean
history_get_mapping (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  guint days = g_variant_get_uint32 (variant);

  /* A number set by hand falls to the nearest longer choice, so that
   * nothing is deleted sooner than asked. */
  for (guint i = G_N_ELEMENTS (history_days) - 1; i > 0; i--)
    {
      if (days != 0 && days <= history_days[i])
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  g_value_set_uint (value, days == 0 ? 0 : 1);

  return TRUE;
}

static GVariant *
history_set_mapping (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (history_days))
    return NULL;

  return g_variant_new_uint32 (history_days[selected]);
}

static void
on_model_changed (PrismPreferencesWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->model_row), "error");
}

static void
on_model_applied (PrismPreferencesWindow *self)
{
  g_autofree char *model = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->model_row))));
  g_autoptr(GError) error = NULL;

  if (*model != '\0' && !prism_client_check_model (self->client, model, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->model_row), "error");
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }

  g_settings_set_string (self->settings, "last-model", model);
}

void
_prism_preferences_window_class_init_general (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, PrismPreferencesWindow, model_row);
  gtk_widget_class_bind_template_child (widget_class, PrismPreferencesWindow, history_row);
  gtk_widget_class_bind_template_child (widget_class, PrismPreferencesWindow, reasoning_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_model_applied);
  gtk_widget_class_bind_template_callback (widget_class, on_model_changed);
}

void
_prism_preferences_window_init_general (PrismPreferencesWindow *self)
{
  g_autofree char *model = NULL;

  self->settings = g_settings_new (APPLICATION_ID);

  model = g_settings_get_string (self->settings, "last-model");
  gtk_editable_set_text (GTK_EDITABLE (self->model_row), model);

  g_settings_bind_with_mapping (self->settings, "history-days",
                                self->history_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                history_get_mapping,
                                history_set_mapping,
                                NULL, NULL);
  g_settings_bind (self->settings, "record-reasoning",
                   self->reasoning_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
}
