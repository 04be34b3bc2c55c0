/* prism-provider-page.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-provider-page"

#include "config.h"

#include <glib/gi18n.h>

#include "prism-provider-page.h"

#include "prism-error.h"

/* One provider in the Preferences window, shown as a subpage: where its
 * key is, a row to paste a new one, a test that lists its models, and
 * for a provider the person defined, its fields. The key typed in is
 * handed to the keyring and never shown back.
 */

/* Local servers answer at once or not at all: a short wait tells
 * "not running" without keeping the window busy. */
#define DETECT_CONNECT_TIMEOUT_MS 1500
#define DETECT_RESPONSE_TIMEOUT_MS 3000

/* How many model names the test shows beside the count. */
#define TEST_SHOWN_MODELS 3

struct _PrismProviderPage
{
  GtkBox               parent_instance;

  PrismClient         *client;
  PrismClient         *detect_client;
  PrismProviderConfig *config;
  GCancellable        *cancellable;
  GCancellable        *test_cancellable;

  PrismKeyState        key_state;
  char                *key_variable;
  char                *keyring_message;
  gboolean             keyring_known;
  gboolean             stored;
  gboolean             busy;
  gboolean             updating;

  /* For local servers: -1 not yet known, -2 not running, -3 running
   * but failing, else the number of models. */
  int                  local_models;

  char                *summary;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  AdwPreferencesGroup *key_group;
  AdwActionRow        *key_row;
  GtkImage            *key_icon;
  GtkButton           *remove_key_button;
  AdwPasswordEntryRow *key_entry;
  GtkSwitch           *enabled_switch;
  AdwActionRow        *test_row;
  GtkImage            *test_icon;
  GtkSpinner          *test_spinner;
  GtkButton           *test_button;
  AdwPreferencesGroup *custom_group;
  AdwEntryRow         *name_row;
  AdwComboRow         *protocol_row;
  AdwEntryRow         *base_url_row;
  AdwEntryRow         *key_env_row;
  AdwPreferencesGroup *remove_group;
};

G_DEFINE_FINAL_TYPE (PrismProviderPage, prism_provider_page, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CONFIG,
  PROP_KEY_STATE,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         g_error_matches (error, PRISM_ERROR, PRISM_ERROR_CANCELLED);
}

/* A late answer may arrive after the page was disposed: its widgets
 * and provider are gone then. */
static gboolean
is_disposed (PrismProviderPage *self)
{
  return self->config == NULL;
}

static void
add_toast (PrismProviderPage *self,
           const char        *title)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);

  if (window != NULL)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), adw_toast_new (title));
}

static const char *
key_variable (PrismProviderPage *self)
{
  const char *variable = prism_provider_config_get_key_env (self->config);

  if (variable == NULL)
    variable = prism_provider_config_get_key_variable (self->config);

  return variable;
}

static char *
key_summary (PrismProviderPage *self)
{
  switch (self->key_state)
    {
    case PRISM_KEY_STATE_CHECKING:
      return g_strdup (_("Checking the keyring…"));
    case PRISM_KEY_STATE_STORED:
      return g_strdup (_("Key stored in the keyring"));
    case PRISM_KEY_STATE_ENVIRONMENT:
      return g_strdup_printf (_("Key from %s"), self->key_variable);
    case PRISM_KEY_STATE_NOT_NEEDED:
      return g_strdup (_("No key needed"));
    case PRISM_KEY_STATE_MISSING:
      return g_strdup (_("No key"));
    case PRISM_KEY_STATE_NO_KEYRING:
      return g_strdup_printf (_("No key: set %s"), key_variable (self));
    default:
      g_assert_not_reached ();
    }
}

static char *
local_summary (PrismProviderPage *self)
{
  if (self->local_models == -1)
    return g_strdup (_("Looking for the server…"));
  if (self->local_models == -2)
    return g_strdup (_("Not running"));
  if (self->local_models == -3)
    return g_strdup (_("Running, but it did not list its models"));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Running — %d model", "Running — %d models",
                                       self->local_models),
                          self->local_models);
}

static void
update_summary (PrismProviderPage *self)
{
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;

  if (!prism_provider_config_get_needs_key (self->config))
    text = local_summary (self);
  else
    text = key_summary (self);

  if (prism_provider_config_get_enabled (self->config))
    summary = g_steal_pointer (&text);
  else
    /* Translators: a provider that is switched off, then its state */
    summary = g_strdup_printf (_("Off · %s"), text);

  if (g_strcmp0 (summary, self->summary) != 0)
    {
      g_free (self->summary);
      self->summary = g_steal_pointer (&summary);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SUMMARY]);
    }
}

static void
update_key_state (PrismProviderPage *self)
{
  PrismProviderRegistry *registry = prism_client_get_registry (self->client);
  g_autofree char *variable = NULL;
  g_autofree char *subtitle = NULL;
  PrismKeyState state;
  char *env_key;

  env_key = prism_provider_registry_lookup_env_key (registry, self->config, &variable);
  g_clear_pointer (&env_key, prism_keyring_free_key);

  if (variable != NULL)
    state = PRISM_KEY_STATE_ENVIRONMENT;
  else if (!prism_provider_config_get_needs_key (self->config))
    state = PRISM_KEY_STATE_NOT_NEEDED;
  else if (self->keyring_message != NULL)
    state = PRISM_KEY_STATE_NO_KEYRING;
  else if (!self->keyring_known)
    state = PRISM_KEY_STATE_CHECKING;
  else if (self->stored)
    state = PRISM_KEY_STATE_STORED;
  else
    state = PRISM_KEY_STATE_MISSING;

  g_free (self->key_variable);
  self->key_variable = g_steal_pointer (&variable);

  switch (state)
    {
    case PRISM_KEY_STATE_CHECKING:
      subtitle = g_strdup (_("Checking the keyring…"));
      break;
    case PRISM_KEY_STATE_STORED:
      subtitle = g_strdup (_("Stored in the keyring"));
      break;
    case PRISM_KEY_STATE_ENVIRONMENT:
      subtitle = g_strdup_printf (_("From the environment variable %s, which comes before the keyring"),
                                  self->key_variable);
      break;
    case PRISM_KEY_STATE_NOT_NEEDED:
      subtitle = g_strdup (_("Not needed: this is a local server"));
      break;
    case PRISM_KEY_STATE_MISSING:
      subtitle = g_strdup_printf (_("None yet. Paste one below, or set the environment variable %s."),
                                  key_variable (self));
      break;
    case PRISM_KEY_STATE_NO_KEYRING:
      subtitle = g_strdup_printf (_("Can’t be stored: no keyring service is running. "
                                    "Set the environment variable %s to the key instead."),
                                  key_variable (self));
      break;
    default:
      g_assert_not_reached ();
    }

  adw_action_row_set_subtitle (self->key_row, subtitle);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->key_entry),
                                 state == PRISM_KEY_STATE_STORED ? _("Replace With a New Key")
                                                                 : _("Paste a Key"));
  gtk_widget_set_visible (GTK_WIDGET (self->remove_key_button),
                          self->stored && self->keyring_message == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->remove_key_button), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->key_entry),
                            !self->busy && self->keyring_known && self->keyring_message == NULL);
  gtk_image_set_from_icon_name (self->key_icon,
                                state == PRISM_KEY_STATE_NO_KEYRING ? "dialog-warning-symbolic"
                                                                    : "dialog-password-symbolic");
  if (state == PRISM_KEY_STATE_NO_KEYRING)
    gtk_widget_add_css_class (GTK_WIDGET (self->key_icon), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->key_icon), "warning");

  if (state != self->key_state)
    {
      self->key_state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_KEY_STATE]);
    }

  update_summary (self);
}

static void
update_fields (PrismProviderPage *self)
{
  gboolean builtin = prism_provider_config_get_builtin (self->config);
  const char *key_env = prism_provider_config_get_key_env (self->config);

  self->updating = TRUE;

  adw_window_title_set_title (self->window_title, prism_provider_config_get_name (self->config));
  adw_window_title_set_subtitle (self->window_title, prism_provider_config_get_base_url (self->config));
  gtk_switch_set_active (self->enabled_switch, prism_provider_config_get_enabled (self->config));

  gtk_widget_set_visible (GTK_WIDGET (self->custom_group), !builtin);
  gtk_widget_set_visible (GTK_WIDGET (self->remove_group), !builtin);

  if (!builtin)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), prism_provider_config_get_name (self->config));
      gtk_editable_set_text (GTK_EDITABLE (self->base_url_row), prism_provider_config_get_base_url (self->config));
      gtk_editable_set_text (GTK_EDITABLE (self->key_env_row), key_env != NULL ? key_env : "");
      adw_combo_row_set_selected (self->protocol_row, prism_provider_config_get_protocol (self->config));
    }

  self->updating = FALSE;
}

static gboolean
save (PrismProviderPage *self)
{
  PrismProviderRegistry *registry = prism_client_get_registry (self->client);
  g_autoptr(GError) error = NULL;

  if (!prism_provider_registry_save_provider (registry, self->config, &error))
    {
      add_toast (self, error->message);
      return FALSE;
    }

  update_fields (self);
  update_key_state (self);

  return TRUE;
}

static void
on_back_clicked (PrismProviderPage *self)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);

  if (window != NULL)
    adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (window));
}

static void
set_busy (PrismProviderPage *self,
          gboolean           busy)
{
  self->busy = busy;
  update_key_state (self);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PrismProviderPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!prism_keyring_store_finish (PRISM_KEYRING (object), result, &error))
    {
      if (!is_cancelled (error) && !is_disposed (self))
        {
          set_busy (self, FALSE);
          /* Beside the row too: a toast goes, and this says what to do. */
          adw_action_row_set_subtitle (self->key_row, error->message);
          add_toast (self, error->message);
        }
      return;
    }

  if (is_disposed (self))
    return;

  /* The key leaves the widget as soon as the keyring holds it. */
  gtk_editable_set_text (GTK_EDITABLE (self->key_entry), "");
  self->stored = TRUE;
  set_busy (self, FALSE);
  add_toast (self, _("The key was stored in the keyring"));
}

static void
on_key_entry_apply (PrismProviderPage *self)
{
  PrismKeyring *keyring = prism_client_get_keyring (self->client);
  g_autofree char *key = NULL;

  key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_entry))));
  if (key[0] == '\0')
    return;

  if (keyring == NULL)
    {
      add_toast (self, _("Prism has no keyring to store the key in"));
      prism_keyring_free_key (g_steal_pointer (&key));
      return;
    }

  set_busy (self, TRUE);
  prism_keyring_store_async (keyring,
                             prism_provider_config_get_id (self->config),
                             NULL,
                             key,
                             self->cancellable,
                             store_cb,
                             g_object_ref (self));
  prism_keyring_free_key (g_steal_pointer (&key));
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PrismProviderPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!prism_keyring_delete_finish (PRISM_KEYRING (object), result, &error))
    {
      if (!is_cancelled (error) && !is_disposed (self))
        {
          set_busy (self, FALSE);
          add_toast (self, error->message);
        }
      return;
    }

  if (is_disposed (self))
    return;

  self->stored = FALSE;
  set_busy (self, FALSE);
  add_toast (self, _("The key was removed from the keyring"));
}

static void
on_remove_key_clicked (PrismProviderPage *self)
{
  PrismKeyring *keyring = prism_client_get_keyring (self->client);

  g_return_if_fail (keyring != NULL);

  set_busy (self, TRUE);
  prism_keyring_delete_async (keyring,
                              prism_provider_config_get_id (self->config),
                              NULL,
                              self->cancellable,
                              delete_cb,
                              g_object_ref (self));
}

static void
on_enabled_changed (PrismProviderPage *self)
{
  gboolean active = gtk_switch_get_active (self->enabled_switch);

  if (self->updating || active == prism_provider_config_get_enabled (self->config))
    return;

  prism_provider_config_set_enabled (self->config, active);
  if (!save (self))
    {
      prism_provider_config_set_enabled (self->config, !active);
      update_fields (self);
    }
  update_summary (self);
}

static void
show_test_result (PrismProviderPage *self,
                  const char        *text,
                  gboolean           ok)
{
  gtk_spinner_stop (self->test_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), TRUE);

  adw_action_row_set_subtitle (self->test_row, text);
  gtk_image_set_from_icon_name (self->test_icon, ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->test_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, ok ? _("Success") : _("Failed"),
                                  -1);
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_icon), ok ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->test_icon), ok ? "success" : "error");
  gtk_widget_set_visible (GTK_WIDGET (self->test_icon), TRUE);
}

static char *
describe_models (GPtrArray *models)
{
  g_autoptr(GString) names = g_string_new (NULL);

  if (models->len == 0)
    return g_strdup (_("Connected, but the provider lists no models"));

  for (guint i = 0; i < models->len && i < TEST_SHOWN_MODELS; i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, prism_model_get_model_id (g_ptr_array_index (models, i)));
    }
  if (models->len > TEST_SHOWN_MODELS)
    g_string_append (names, "…");

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Connected: %u model (%s)",
                                       "Connected: %u models (%s)", models->len),
                          models->len, names->str);
}

static void
test_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PrismProviderPage) self = user_data;
  g_autoptr(GPtrArray) models = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  models = prism_client_list_models_finish (PRISM_CLIENT (object), result, &error);
  if (is_disposed (self))
    return;

  if (models == NULL)
    {
      if (!is_cancelled (error))
        show_test_result (self, error->message, FALSE);
      return;
    }

  text = describe_models (models);
  show_test_result (self, text, TRUE);

  if (!prism_provider_config_get_needs_key (self->config))
    {
      self->local_models = models->len;
      update_summary (self);
    }
}

static void
on_test_clicked (PrismProviderPage *self)
{
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  g_cancellable_cancel (self->test_cancellable);
  g_clear_object (&self->test_cancellable);
  self->test_cancellable = g_cancellable_new ();

  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->test_icon), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), TRUE);
  gtk_spinner_start (self->test_spinner);
  adw_action_row_set_subtitle (self->test_row, _("Asking the provider for its models…"));

  prism_client_list_models_async (self->client,
                                  self->config,
                                  self->test_cancellable,
                                  test_cb,
                                  g_object_ref (self));
}

static void
detect_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PrismProviderPage) self = user_data;
  g_autoptr(GPtrArray) models = NULL;
  g_autoptr(GError) error = NULL;

  models = prism_client_list_models_finish (PRISM_CLIENT (object), result, &error);
  if (is_cancelled (error) || is_disposed (self))
    return;

  /* A server that answers with an error runs all the same. */
  if (models != NULL)
    self->local_models = models->len;
  else if (g_error_matches (error, PRISM_ERROR, PRISM_ERROR_NETWORK) ||
           g_error_matches (error, PRISM_ERROR, PRISM_ERROR_TIMEOUT))
    self->local_models = -2;
  else
    self->local_models = -3;
  update_summary (self);
}

/**
 * prism_provider_page_detect:
 * @self: a #PrismProviderPage
 *
 * Looks whether a local server runs, by listing its models with a short
 * timeout; the summary then says "Running — N models" or "Not running".
 * Does nothing for a provider that needs a key.
 */
void
prism_provider_page_detect (PrismProviderPage *self)
{
  g_return_if_fail (PRISM_IS_PROVIDER_PAGE (self));

  if (prism_provider_config_get_needs_key (self->config))
    return;

  if (self->detect_client == NULL)
    {
      PrismHttpTimeouts timeouts;

      self->detect_client = prism_client_new (prism_client_get_registry (self->client),
                                              prism_client_get_keyring (self->client),
                                              prism_client_get_http_client (self->client));
      prism_http_timeouts_init_default (&timeouts);
      timeouts.connect_ms = DETECT_CONNECT_TIMEOUT_MS;
      timeouts.first_byte_ms = DETECT_RESPONSE_TIMEOUT_MS;
      timeouts.idle_ms = DETECT_RESPONSE_TIMEOUT_MS;
      prism_client_set_timeouts (self->detect_client, &timeouts);
    }

  self->local_models = -1;
  update_summary (self);

  prism_client_list_models_async (self->detect_client,
                                  self->config,
                                  self->cancellable,
                                  detect_cb,
                                  g_object_ref (self));
}

static void
on_name_apply (PrismProviderPage *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  if (name[0] == '\0')
    {
      add_toast (self, _("A provider needs a name"));
      update_fields (self);
      return;
    }

  prism_provider_config_set_name (self->config, name);
  save (self);
}

static void
on_base_url_apply (PrismProviderPage *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->base_url_row))));

  if (!prism_provider_config_classify_url (url, NULL, NULL))
    {
      add_toast (self, _("The base URL must start with https:// or http://"));
      return;
    }

  prism_provider_config_set_base_url (self->config, url);
  save (self);
}

static gboolean
is_variable_name (const char *name)
{
  if (!g_ascii_isalpha (name[0]) && name[0] != '_')
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '_')
        return FALSE;
    }

  return TRUE;
}

static void
on_key_env_apply (PrismProviderPage *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_env_row))));

  if (name[0] != '\0' && !is_variable_name (name))
    {
      add_toast (self, _("An environment variable name is letters, digits and “_”"));
      return;
    }

  prism_provider_config_set_key_env (self->config, name[0] != '\0' ? name : NULL);
  save (self);
}

static void
on_protocol_changed (PrismProviderPage *self)
{
  guint selected = adw_combo_row_get_selected (self->protocol_row);

  if (self->updating || selected == GTK_INVALID_LIST_POSITION ||
      selected == (guint)prism_provider_config_get_protocol (self->config))
    return;

  prism_provider_config_set_protocol (self->config, selected);
  save (self);
}

static void
forget_key_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The provider is gone already; a key that stays behind is harmless
   * and prism-cli can remove it, so this is for the log only. */
  if (!prism_keyring_delete_finish (PRISM_KEYRING (object), result, &error))
    g_debug ("Could not remove the key of a removed provider: %s", error->message);
}

static void
on_remove_response (AdwMessageDialog  *dialog,
                    const char        *response,
                    PrismProviderPage *self)
{
  PrismProviderRegistry *registry = prism_client_get_registry (self->client);
  PrismKeyring *keyring = prism_client_get_keyring (self->client);
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;

  if (!g_str_equal (response, "remove"))
    return;

  id = g_strdup (prism_provider_config_get_id (self->config));
  window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);

  if (!prism_provider_registry_remove_provider (registry, id, &error))
    {
      add_toast (self, error->message);
      return;
    }

  if (keyring != NULL && self->stored)
    prism_keyring_delete_async (keyring, id, NULL, NULL, forget_key_cb, NULL);

  if (window != NULL)
    adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (window));
}

static void
on_remove_clicked (PrismProviderPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (root), NULL, NULL));
  adw_message_dialog_format_heading (dialog, _("Remove %s?"),
                                    prism_provider_config_get_name (self->config));
  adw_message_dialog_set_body (dialog,
                               _("Its settings are removed from providers.ini and its key "
                                 "from the keyring. Conversations with its models stay in "
                                 "the history."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * prism_provider_page_cancel:
 * @self: a #PrismProviderPage
 *
 * Stops whatever the page waits for (the keyring, a test, the look for
 * a local server), for good: the window calls it as it closes.
 */
void
prism_provider_page_cancel (PrismProviderPage *self)
{
  g_return_if_fail (PRISM_IS_PROVIDER_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->test_cancellable);
}

/**
 * prism_provider_page_set_keyring_state:
 * @self: a #PrismProviderPage
 * @stored: whether the keyring holds a key for the provider
 * @keyring_error: (nullable): why the keyring cannot be used
 *
 * Tells the page what the window learnt from one listing of the keyring.
 */
void
prism_provider_page_set_keyring_state (PrismProviderPage *self,
                                       gboolean           stored,
                                       const GError      *keyring_error)
{
  g_return_if_fail (PRISM_IS_PROVIDER_PAGE (self));

  self->keyring_known = TRUE;
  self->stored = stored && keyring_error == NULL;
  g_free (self->keyring_message);
  self->keyring_message = keyring_error != NULL ? g_strdup (keyring_error->message) : NULL;

  update_key_state (self);
}

PrismProviderConfig *
prism_provider_page_get_config (PrismProviderPage *self)
{
  g_return_val_if_fail (PRISM_IS_PROVIDER_PAGE (self), NULL);

  return self->config;
}

PrismKeyState
prism_provider_page_get_key_state (PrismProviderPage *self)
{
  g_return_val_if_fail (PRISM_IS_PROVIDER_PAGE (self), PRISM_KEY_STATE_CHECKING);

  return self->key_state;
}

/**
 * prism_provider_page_get_summary:
 * @self: a #PrismProviderPage
 *
 * Returns: one line for the list of providers: where the key is, or
 *   whether a local server runs
 */
const char *
prism_provider_page_get_summary (PrismProviderPage *self)
{
  g_return_val_if_fail (PRISM_IS_PROVIDER_PAGE (self), NULL);

  return self->summary;
}

PrismProviderPage *
prism_provider_page_new (PrismClient         *client,
                         PrismProviderConfig *config)
{
  g_return_val_if_fail (PRISM_IS_CLIENT (client), NULL);
  g_return_val_if_fail (PRISM_IS_PROVIDER_CONFIG (config), NULL);

  return g_object_new (PRISM_TYPE_PROVIDER_PAGE,
                       "client", client,
                       "config", config,
                       NULL);
}

static void
prism_provider_page_constructed (GObject *object)
{
  PrismProviderPage *self = (PrismProviderPage *)object;

  G_OBJECT_CLASS (prism_provider_page_parent_class)->constructed (object);

  gtk_widget_set_visible (GTK_WIDGET (self->key_group),
                          prism_provider_config_get_needs_key (self->config));
  update_fields (self);
  update_key_state (self);
}

static void
prism_provider_page_dispose (GObject *object)
{
  PrismProviderPage *self = (PrismProviderPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->test_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), PRISM_TYPE_PROVIDER_PAGE);

  g_clear_object (&self->detect_client);
  g_clear_object (&self->client);
  g_clear_object (&self->config);
  g_clear_object (&self->test_cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (prism_provider_page_parent_class)->dispose (object);
}

static void
prism_provider_page_finalize (GObject *object)
{
  PrismProviderPage *self = (PrismProviderPage *)object;

  g_clear_pointer (&self->key_variable, g_free);
  g_clear_pointer (&self->keyring_message, g_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (prism_provider_page_parent_class)->finalize (object);
}

static void
prism_provider_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PrismProviderPage *self = PRISM_PROVIDER_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_CONFIG:
      g_value_set_object (value, self->config);
      break;
    case PROP_KEY_STATE:
      g_value_set_int (value, self->key_state);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_provider_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PrismProviderPage *self = PRISM_PROVIDER_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_CONFIG:
      self->config = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_provider_page_class_init (PrismProviderPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = prism_provider_page_constructed;
  object_class->dispose = prism_provider_page_dispose;
  object_class->finalize = prism_provider_page_finalize;
  object_class->get_property = prism_provider_page_get_property;
  object_class->set_property = prism_provider_page_set_property;

  properties [PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         PRISM_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_CONFIG] =
    g_param_spec_object ("config", NULL, NULL,
                         PRISM_TYPE_PROVIDER_CONFIG,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_KEY_STATE] =
    g_param_spec_int ("key-state", NULL, NULL,
                      PRISM_KEY_STATE_CHECKING, PRISM_KEY_STATE_NO_KEYRING, PRISM_KEY_STATE_CHECKING,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/prismllm/Prism/prism-provider-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PrismProviderPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, PrismProviderPage, key_group);
  gtk_widget_class_bind_template_child (widget_class, PrismProviderPage, key_row);
  gtk_widget_class_bind_template_child (widget_class, PrismProviderPage, key_icon);
  gtk_widget_class_bind_template_child (widget_class, PrismProviderPage, remove_key_button);
  gtk_widget_class_bind_template_child (widget_class, PrismProviderPage, key_entry);
  gtk_widget_class_bind_template_child (widget_class, PrismProviderPage, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, PrismProviderPage, test_row);
  gtk_widget_class_bind_template_child (widget_class, PrismProviderPage, test_icon);
  gtk_widget_class_bind_template_child (widget_class, PrismProviderPage, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, PrismProviderPage, test_button);
  gtk_widget_class_bind_template_child (widget_class, PrismProviderPage, custom_group);
  gtk_widget_class_bind_template_child (widget_class, PrismProviderPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, PrismProviderPage, protocol_row);
  gtk_widget_class_bind_template_child (widget_class, PrismProviderPage, base_url_row);
  gtk_widget_class_bind_template_child (widget_class, PrismProviderPage, key_env_row);
  gtk_widget_class_bind_template_child (widget_class, PrismProviderPage, remove_group);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_key_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_key_entry_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_enabled_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_test_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_name_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_protocol_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_base_url_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_key_env_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
}

static void
prism_provider_page_init (PrismProviderPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->local_models = -1;

  gtk_widget_init_template (GTK_WIDGET (self));
}
