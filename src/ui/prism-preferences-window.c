/* prism-preferences-window.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "prism-preferences-window-private.h"

/* The Preferences window: General here, the providers and their keys in
 * prism-preferences-window-providers.c, OpenRouter's routing and account
 * in prism-preferences-window-openrouter.c. Nothing here waits on the
 * keyring or the network; closing the window cancels what is under way.
 */

G_DEFINE_FINAL_TYPE (PrismPreferencesWindow, prism_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The order of the rows in the style combo row. */
static const char * const color_schemes[] = { "default", "light", "dark" };

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

PrismPreferencesWindow *
prism_preferences_window_new (PrismApplication *application)
{
  g_return_val_if_fail (PRISM_IS_APPLICATION (application), NULL);

  return g_object_new (PRISM_TYPE_PREFERENCES_WINDOW,
                       "application", application,
                       "client", prism_application_get_client (application),
                       NULL);
}

/**
 * prism_preferences_window_new_for_client:
 * @client: the providers, keyring and network to show and change
 *
 * Returns: (transfer none): a Preferences window of no application
 */
PrismPreferencesWindow *
prism_preferences_window_new_for_client (PrismClient *client)
{
  g_return_val_if_fail (PRISM_IS_CLIENT (client), NULL);

  return g_object_new (PRISM_TYPE_PREFERENCES_WINDOW,
                       "client", client,
                       NULL);
}

PrismClient *
prism_preferences_window_get_client (PrismPreferencesWindow *self)
{
  g_return_val_if_fail (PRISM_IS_PREFERENCES_WINDOW (self), NULL);

  return self->client;
}

/**
 * prism_preferences_window_show_provider:
 * @self: a #PrismPreferencesWindow
 * @id: a provider id
 *
 * Shows the page of one provider, where its key is pasted.
 *
 * Returns: whether @id is a provider
 */
gboolean
prism_preferences_window_show_provider (PrismPreferencesWindow *self,
                                        const char             *id)
{
  g_return_val_if_fail (PRISM_IS_PREFERENCES_WINDOW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return _prism_preferences_window_show_provider (self, id);
}

static void
show_provider_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PrismPreferencesWindow *self = PRISM_PREFERENCES_WINDOW (widget);

  _prism_preferences_window_show_provider (self, g_variant_get_string (parameter, NULL));
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
prism_preferences_window_constructed (GObject *object)
{
  PrismPreferencesWindow *self = (PrismPreferencesWindow *)object;

  G_OBJECT_CLASS (prism_preferences_window_parent_class)->constructed (object);

  g_return_if_fail (PRISM_IS_CLIENT (self->client));

  _prism_preferences_window_init_general (self);
  _prism_preferences_window_init_providers (self);
  _prism_preferences_window_init_openrouter (self);
}

static void
prism_preferences_window_dispose (GObject *object)
{
  PrismPreferencesWindow *self = (PrismPreferencesWindow *)object;

  g_cancellable_cancel (self->cancellable);

  /* The subpages are not children of the template until presented. */
  g_clear_pointer (&self->entries, g_hash_table_unref);

  gtk_widget_dispose_template (GTK_WIDGET (object), PRISM_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->client);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->stored_ids, g_hash_table_unref);
  g_clear_error (&self->keyring_error);

  G_OBJECT_CLASS (prism_preferences_window_parent_class)->dispose (object);
}

static void
prism_preferences_window_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  PrismPreferencesWindow *self = PRISM_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_preferences_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  PrismPreferencesWindow *self = PRISM_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_preferences_window_class_init (PrismPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = prism_preferences_window_constructed;
  object_class->dispose = prism_preferences_window_dispose;
  object_class->get_property = prism_preferences_window_get_property;
  object_class->set_property = prism_preferences_window_set_property;

  properties [PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         PRISM_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/prismllm/Prism/prism-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PrismPreferencesWindow, style_row);
  gtk_widget_class_bind_template_callback (widget_class, _prism_preferences_window_page_changed);

  gtk_widget_class_install_action (widget_class, "preferences.show-provider", "s", show_provider_action);

  _prism_preferences_window_class_init_general (widget_class);
  _prism_preferences_window_class_init_providers (widget_class);
  _prism_preferences_window_class_init_openrouter (widget_class);
}

static void
prism_preferences_window_init (PrismPreferencesWindow *self)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_settings_bind_with_mapping (settings, "color-scheme",
                                self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                color_scheme_get_mapping,
                                color_scheme_set_mapping,
                                NULL, NULL);
}
