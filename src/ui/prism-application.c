/* prism-application.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-application"

#include "config.h"

#include <glib/gi18n.h>

#include "prism-application.h"
#include "prism-preferences-window.h"
#include "prism-window.h"

struct _PrismApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  PrismSession   *session;
};

G_DEFINE_FINAL_TYPE (PrismApplication, prism_application, ADW_TYPE_APPLICATION)

PrismApplication *
prism_application_new (void)
{
  return g_object_new (PRISM_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/prismllm/Prism",
                       NULL);
}

/**
 * prism_application_get_settings:
 *
 * Returns: (transfer none): the application's #GSettings
 */
GSettings *
prism_application_get_settings (PrismApplication *self)
{
  g_return_val_if_fail (PRISM_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * prism_application_get_client:
 *
 * Returns: (transfer none): the providers of providers.ini, the keyring
 *   and the network, shared by every window
 */
PrismClient *
prism_application_get_client (PrismApplication *self)
{
  g_return_val_if_fail (PRISM_IS_APPLICATION (self), NULL);

  return prism_session_get_client (self->session);
}

/**
 * prism_application_get_session:
 *
 * Returns: (transfer none): the providers, client and history every
 *   window shares; made at startup
 */
PrismSession *
prism_application_get_session (PrismApplication *self)
{
  g_return_val_if_fail (PRISM_IS_APPLICATION (self), NULL);

  return self->session;
}

static void
forget_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PrismSession) session = user_data;
  g_autoptr(GError) error = NULL;
  guint n_deleted = 0;

  if (!prism_store_forget_before_finish (PRISM_STORE (object), result, &n_deleted, &error))
    g_warning ("Could not delete old conversations: %s", error->message);
  else if (n_deleted > 0)
    prism_session_reload_conversations (session);
}

/* "Keep Conversations" in Preferences: the old ones go when Prism starts. */
static void
forget_old_conversations (PrismApplication *self)
{
  guint days = g_settings_get_uint (self->settings, "history-days");

  if (days == 0)
    return;

  prism_store_forget_before_async (prism_session_get_store (self->session),
                                   g_get_real_time () - (gint64)days * G_TIME_SPAN_DAY,
                                   NULL, forget_cb, g_object_ref (self->session));
}

static void
session_open_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PrismApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  if (prism_session_open_finish (PRISM_SESSION (object), result, &error))
    {
      forget_old_conversations (self);
      return;
    }

  g_warning ("Could not open the history: %s", error->message);

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (window, _("The History Could Not Be Opened"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
on_color_scheme_changed (PrismApplication *self,
                         const char       *key,
                         GSettings        *settings)
{
  g_autofree char *scheme = g_settings_get_string (settings, "color-scheme");
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  AdwColorScheme color_scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (scheme, "light"))
    color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (scheme, "dark"))
    color_scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (style_manager, color_scheme);
}

static void
prism_application_activate (GApplication *app)
{
  PrismApplication *self = PRISM_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (prism_window_new (self));

  gtk_window_present (window);
}

static void
prism_application_startup (GApplication *app)
{
  PrismApplication *self = PRISM_APPLICATION (app);

  G_APPLICATION_CLASS (prism_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APPLICATION_ID);

  g_signal_connect_object (self->settings,
                           "changed::color-scheme",
                           G_CALLBACK (on_color_scheme_changed),
                           self,
                           G_CONNECT_SWAPPED);
  on_color_scheme_changed (self, "color-scheme", self->settings);

  /* The history opens on a worker thread while the first window maps. */
  self->session = prism_session_new ();
  prism_session_open_async (self->session, NULL, session_open_cb, g_object_ref (self));
}

static void
prism_application_dispose (GObject *object)
{
  PrismApplication *self = PRISM_APPLICATION (object);

  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (prism_application_parent_class)->dispose (object);
}

static void
prism_application_class_init (PrismApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = prism_application_dispose;

  app_class->activate = prism_application_activate;
  app_class->startup = prism_application_startup;
}

static void
prism_application_about_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  static const char *developers[] = { "The Prism developers", NULL };
  PrismApplication *self = user_data;
  GtkWindow *window;
  GtkWidget *about;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", window,
                        "modal", TRUE,
                        "application-name", _("Prism"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Prism developers"),
                        "version", PACKAGE_VERSION,
                        "website", PACKAGE_WEBSITE,
                        "issue-url", PACKAGE_ISSUES,
                        "developers", developers,
                        "copyright", "© 2026 The Prism developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: replace with your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);

  gtk_window_present (GTK_WINDOW (about));
}

static void
prism_application_preferences_action (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  PrismApplication *self = user_data;
  GtkWindow *window;
  PrismPreferencesWindow *preferences;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  preferences = prism_preferences_window_new (self);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), window);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
prism_application_quit_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  PrismApplication *self = user_data;
  GList *windows;

  /* Closing each window, rather than quitting under them, lets them
   * save their state the same way as when a person closes them. */
  windows = g_list_copy_deep (gtk_application_get_windows (GTK_APPLICATION (self)),
                              (GCopyFunc)g_object_ref, NULL);
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "quit", prism_application_quit_action },
  { "about", prism_application_about_action },
  { "preferences", prism_application_preferences_action },
};

static void
prism_application_init (PrismApplication *self)
{
  self->settings = g_settings_new (APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                         "app.quit",
                                         (const char *[]) { "<primary>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                         "app.preferences",
                                         (const char *[]) { "<primary>comma", NULL });
}
