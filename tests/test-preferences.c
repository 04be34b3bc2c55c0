/* test-preferences.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "prism-application.h"
#include "prism-error.h"
#include "prism-fake-provider.h"
#include "prism-preferences-window.h"
#include "prism-provider-page.h"
#include "prism-test-keys.h"

/* The Preferences window of the real application, driven as a person
 * would: rows activated, text typed into its rows, buttons clicked, in
 * the gnome-keyring of build-aux/dev's session and against the fake
 * provider. Every folder Prism writes to is a temporary one, searched
 * for the keys at the end. */

#define WRONG_KEY "sk-wrong-prefs-0123456789"
#define NO_KEYRING_KEY "sk-no-keyring-prefs-9876543210"

static PrismApplication *the_app;
/* The session bus of the no-Secret-Service subprocess; it goes when the
 * subprocess exits. */
static GTestDBus *private_bus;
static PrismFakeProvider *fake;
static char *home;
static char *ini_path;

static void
iterate_until (gboolean    (*done) (gpointer),
               gpointer      data,
               const char   *what)
{
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

typedef gboolean (*WidgetMatch) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find_widget (GtkWidget     *widget,
             WidgetMatch    match,
             gconstpointer  data)
{
  if (match (widget, data))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
row_titled (GtkWidget     *widget,
            gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
button_labelled (GtkWidget     *widget,
                 gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_password_row (GtkWidget     *widget,
                 gconstpointer  data)
{
  return ADW_IS_PASSWORD_ENTRY_ROW (widget);
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  GtkWidget *row = find_widget (root, row_titled, title);

  if (row == NULL)
    g_error ("No row titled “%s”", title);

  return row;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  GtkWidget *button = find_widget (root, button_labelled, label);

  if (button == NULL)
    g_error ("No button labelled “%s”", label);

  return button;
}

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static const char *
subtitle (GtkWidget *row)
{
  const char *text = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

  return text != NULL ? text : "";
}

static char *
read_ini (void)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (ini_path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

/* The keyring through its own object, as prism-cli would see it. */
static char *
keyring_lookup (const char *provider)
{
  g_autoptr(PrismKeyring) keyring = prism_keyring_new ();
  g_autoptr(GError) error = NULL;
  char *key;

  key = prism_keyring_lookup_sync (keyring, provider, NULL, NULL, &error);
  g_assert_no_error (error);

  return key;
}

static PrismPreferencesWindow *
open_preferences (void)
{
  GtkWindow *window;

  g_action_group_activate_action (G_ACTION_GROUP (the_app), "preferences", NULL);
  window = gtk_application_get_active_window (GTK_APPLICATION (the_app));
  g_assert_true (PRISM_IS_PREFERENCES_WINDOW (window));
  iterate_until ((gboolean (*) (gpointer))gtk_widget_get_mapped, window, "the window to map");

  return PRISM_PREFERENCES_WINDOW (window);
}

static void
close_windows (void)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (the_app))) != NULL)
    gtk_window_destroy (windows->data);
}

static gboolean
keyring_answered (gpointer data)
{
  return prism_provider_page_get_key_state (data) != PRISM_KEY_STATE_CHECKING;
}

static gboolean
is_page_for (GtkWidget     *widget,
             gconstpointer  id)
{
  return PRISM_IS_PROVIDER_PAGE (widget) &&
         g_str_equal (prism_provider_config_get_id (prism_provider_page_get_config (PRISM_PROVIDER_PAGE (widget))), id);
}

/* Shows a provider's subpage and waits until it knows where the key is. */
static PrismProviderPage *
show_provider (PrismPreferencesWindow *window,
               const char             *id)
{
  GtkWidget *page;

  g_assert_true (prism_preferences_window_show_provider (window, id));
  page = find_widget (GTK_WIDGET (window), is_page_for, id);
  g_assert_nonnull (page);
  iterate_until (keyring_answered, page, "the keyring");

  return PRISM_PROVIDER_PAGE (page);
}

typedef struct
{
  GtkWidget  *row;
  const char *text;
} SubtitleWait;

static gboolean
subtitle_has (gpointer data)
{
  SubtitleWait *wait = data;

  return strstr (subtitle (wait->row), wait->text) != NULL;
}

static void
wait_for_subtitle (GtkWidget  *row,
                   const char *text)
{
  SubtitleWait wait = { row, text };
  g_autofree char *what = g_strdup_printf ("“%s” in the row “%s”", text,
                                           adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));

  iterate_until (subtitle_has, &wait, what);
}

typedef struct
{
  PrismProviderPage *page;
  PrismKeyState      state;
} StateWait;

static gboolean
key_state_is (gpointer data)
{
  StateWait *wait = data;

  return prism_provider_page_get_key_state (wait->page) == wait->state;
}

static void
wait_for_key_state (PrismProviderPage *page,
                    PrismKeyState      state)
{
  StateWait wait = { page, state };

  iterate_until (key_state_is, &wait, "the key's state");
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
result_arrived (gpointer data)
{
  return *(GAsyncResult **)data != NULL;
}

/* What the window should count: the same list through the same client. */
static guint
count_models (const char *provider)
{
  PrismClient *client = prism_application_get_client (the_app);
  PrismProviderConfig *config = prism_provider_registry_lookup (prism_client_get_registry (client), provider);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) models = NULL;
  g_autoptr(GError) error = NULL;

  prism_client_list_models_async (client, config, NULL, store_result, &result);
  iterate_until (result_arrived, &result, "the model list");
  models = prism_client_list_models_finish (client, result, &error);
  g_assert_no_error (error);

  return models->len;
}

static void
test_providers_listed (void)
{
  PrismPreferencesWindow *window = open_preferences ();
  GtkWidget *openai;
  GtkWidget *ollama;
  GtkWidget *lmstudio;
  GtkWidget *keyring_row;
  g_autofree char *running = NULL;

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "providers");

  /* Every provider has its row, saying where its key is. */
  openai = find_row (GTK_WIDGET (window), "OpenAI");
  find_row (GTK_WIDGET (window), "Anthropic");
  find_row (GTK_WIDGET (window), "OpenRouter");
  wait_for_subtitle (openai, "No key");

  /* Local servers: the fake one runs, the one on a closed port does not. */
  ollama = find_row (GTK_WIDGET (window), "Ollama");
  running = g_strdup_printf ("Running — %u models", count_models ("ollama"));
  wait_for_subtitle (ollama, running);
  lmstudio = find_row (GTK_WIDGET (window), "LM Studio");
  wait_for_subtitle (lmstudio, "Not running");

  /* A row opens its provider's page from the keyboard as from a click. */
  g_assert_true (gtk_widget_get_focusable (openai));
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (openai)));
  g_assert_null (find_widget (GTK_WIDGET (window), is_page_for, "openai"));
  gtk_widget_activate (openai);
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_page_for, "openai"));

  /* The keyring runs: no warning. */
  keyring_row = find_row (GTK_WIDGET (window), "Keys Can’t Be Stored");
  g_assert_false (gtk_widget_is_visible (keyring_row));

  close_windows ();
}

static void
test_store_test_remove_key (void)
{
  PrismPreferencesWindow *window = open_preferences ();
  PrismProviderPage *page = show_provider (window, "openai");
  GtkWidget *entry;
  GtkWidget *key_row;
  GtkWidget *test_row;
  GtkWidget *remove;
  g_autofree char *stored = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *expected = NULL;

  g_assert_cmpint (prism_provider_page_get_key_state (page), ==, PRISM_KEY_STATE_MISSING);
  key_row = find_row (GTK_WIDGET (page), "Key");
  remove = find_widget (GTK_WIDGET (page), button_labelled, "_Remove");
  g_assert_false (gtk_widget_get_visible (remove));

  /* A key pasted and applied goes to the keyring, and leaves the row. */
  entry = find_widget (GTK_WIDGET (page), is_password_row, NULL);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), PRISM_FAKE_PROVIDER_KEY);
  g_signal_emit_by_name (entry, "apply");
  wait_for_key_state (page, PRISM_KEY_STATE_STORED);

  stored = keyring_lookup ("openai");
  g_assert_cmpstr (stored, ==, PRISM_FAKE_PROVIDER_KEY);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpstr (subtitle (key_row), ==, "Stored in the keyring");
  g_assert_null (strstr (subtitle (key_row), PRISM_FAKE_PROVIDER_KEY));
  g_assert_true (gtk_widget_get_visible (remove));

  /* The test lists the models with the stored key. */
  test_row = find_row (GTK_WIDGET (page), "Test Connection");
  click (find_button (GTK_WIDGET (page), "_Test"));
  expected = g_strdup_printf ("Connected: %u models", count_models ("openai"));
  wait_for_subtitle (test_row, expected);

  /* Switched off and on, in providers.ini; on is the default, left out. */
  {
    GtkWidget *enabled = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (find_row (GTK_WIDGET (page), "_Enabled")));
    g_autofree char *off = NULL;
    g_autofree char *on = NULL;

    gtk_switch_set_active (GTK_SWITCH (enabled), FALSE);
    off = read_ini ();
    g_assert_nonnull (strstr (off, "enabled=false\n"));
    g_assert_false (prism_provider_config_get_enabled (prism_provider_page_get_config (page)));
    gtk_switch_set_active (GTK_SWITCH (enabled), TRUE);
    on = read_ini ();
    g_assert_null (strstr (on, "enabled="));
  }

  /* Removing it empties the keyring. */
  click (remove);
  wait_for_key_state (page, PRISM_KEY_STATE_MISSING);
  gone = keyring_lookup ("openai");
  g_assert_null (gone);
  g_assert_false (gtk_widget_get_visible (remove));

  close_windows ();
}

static void
test_provider_error (void)
{
  PrismPreferencesWindow *window = open_preferences ();
  PrismProviderPage *page = show_provider (window, "openai");
  GtkWidget *entry = find_widget (GTK_WIDGET (page), is_password_row, NULL);
  GtkWidget *test_row = find_row (GTK_WIDGET (page), "Test Connection");
  g_autoptr(PrismKeyring) keyring = prism_keyring_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), WRONG_KEY);
  g_signal_emit_by_name (entry, "apply");
  wait_for_key_state (page, PRISM_KEY_STATE_STORED);

  /* The provider's own words, never the key. */
  click (find_button (GTK_WIDGET (page), "_Test"));
  wait_for_subtitle (test_row, "Incorrect API key");
  g_assert_null (strstr (subtitle (test_row), WRONG_KEY));

  g_assert_true (prism_keyring_delete_sync (keyring, "openai", NULL, NULL, NULL));
  close_windows ();
}

static AdwMessageDialog *
find_dialog (const char *response)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l != NULL; l = l->next)
    {
      if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
          adw_message_dialog_has_response (l->data, response))
        return l->data;
    }

  g_error ("No dialog with the response “%s” is open", response);
}

static gboolean
is_entry_row (GtkWidget     *widget,
              gconstpointer  title)
{
  return ADW_IS_ENTRY_ROW (widget) && row_titled (widget, title);
}

static void
test_custom_provider (void)
{
  PrismPreferencesWindow *window = open_preferences ();
  PrismProviderRegistry *registry = prism_client_get_registry (prism_preferences_window_get_client (window));
  g_autofree char *base = prism_fake_provider_get_base_url (fake, "openai");
  g_autofree char *url_line = g_strdup_printf ("base-url=%s\n", base);
  g_autofree char *ini = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  AdwMessageDialog *dialog;
  PrismProviderPage *page;
  GtkWidget *row;

  /* Add Provider… asks for a name, a protocol and a base URL. */
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "providers");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "preferences.add-provider", NULL));
  dialog = find_dialog ("add");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (dialog), is_entry_row, "Name")), "Work Proxy");
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (dialog), is_entry_row, "Base URL")), "not a url");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (dialog), is_entry_row, "Base URL")), base);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  adw_message_dialog_response (dialog, "add");

  /* It is in providers.ini, in the list, and its page is shown. */
  ini = read_ini ();
  g_assert_nonnull (strstr (ini, "[provider work-proxy]\n"));
  g_assert_nonnull (strstr (ini, "name=Work Proxy\n"));
  g_assert_nonnull (strstr (ini, url_line));
  g_assert_nonnull (prism_provider_registry_lookup (registry, "work-proxy"));
  find_row (GTK_WIDGET (window), "Work Proxy");
  page = show_provider (window, "work-proxy");
  /* On this computer, so taken for a local server that needs no key. */
  g_assert_cmpint (prism_provider_page_get_key_state (page), ==, PRISM_KEY_STATE_NOT_NEEDED);

  /* Its own key variable, saved and used. */
  g_setenv ("WORK_PROXY_TOKEN", PRISM_FAKE_PROVIDER_KEY, TRUE);
  row = find_widget (GTK_WIDGET (page), is_entry_row, "Key Environment Variable");
  gtk_editable_set_text (GTK_EDITABLE (row), "WORK_PROXY_TOKEN");
  g_signal_emit_by_name (row, "apply");
  g_free (ini);
  ini = read_ini ();
  g_assert_nonnull (strstr (ini, "key-env=WORK_PROXY_TOKEN\n"));
  g_assert_cmpint (prism_provider_page_get_key_state (page), ==, PRISM_KEY_STATE_ENVIRONMENT);
  click (find_button (GTK_WIDGET (page), "_Test"));
  expected = g_strdup_printf ("Connected: %u models", count_models ("work-proxy"));
  wait_for_subtitle (find_row (GTK_WIDGET (page), "Test Connection"), expected);
  g_unsetenv ("WORK_PROXY_TOKEN");

  /* Another protocol, saved at once. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (page), "_Protocol")), PRISM_PROTOCOL_KIND_ANTHROPIC);
  g_free (ini);
  ini = read_ini ();
  g_assert_nonnull (strstr (ini, "protocol=anthropic\n"));

  /* Remove asks first, then the provider is gone from the file. */
  click (find_button (GTK_WIDGET (page), "Remove Provider…"));
  dialog = find_dialog ("remove");
  adw_message_dialog_response (dialog, "remove");
  after = read_ini ();
  g_assert_null (strstr (after, "work-proxy"));
  g_assert_null (prism_provider_registry_lookup (registry, "work-proxy"));
  g_assert_null (find_widget (GTK_WIDGET (window), row_titled, "Work Proxy"));

  close_windows ();
}

static void
test_openrouter_routing (void)
{
  PrismPreferencesWindow *window = open_preferences ();
  GtkWidget *sort_row;
  GtkWidget *data_row;
  GtkWidget *fallbacks;
  g_autofree char *ini = NULL;
  g_autofree char *back = NULL;

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "openrouter");
  sort_row = find_row (GTK_WIDGET (window), "_Prefer");
  data_row = find_row (GTK_WIDGET (window), "_Data Collection");
  fallbacks = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (find_row (GTK_WIDGET (window), "Allow _Fallbacks")));

  adw_combo_row_set_selected (ADW_COMBO_ROW (sort_row), 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (data_row), 1);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (fallbacks)));
  gtk_switch_set_active (GTK_SWITCH (fallbacks), FALSE);

  ini = read_ini ();
  g_assert_nonnull (strstr (ini, "sort=price\n"));
  g_assert_nonnull (strstr (ini, "data-collection=deny\n"));
  g_assert_nonnull (strstr (ini, "allow-fallbacks=false\n"));

  /* Back to OpenRouter's defaults: nothing of them stays in the file. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (sort_row), 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (data_row), 0);
  gtk_switch_set_active (GTK_SWITCH (fallbacks), TRUE);
  back = read_ini ();
  g_assert_null (strstr (back, "sort="));
  g_assert_null (strstr (back, "data-collection="));
  g_assert_null (strstr (back, "allow-fallbacks="));

  close_windows ();
}

static void
test_general (void)
{
  PrismPreferencesWindow *window = open_preferences ();
  GSettings *settings = prism_application_get_settings (the_app);
  GtkWidget *model_row;
  GtkWidget *history_row;
  GtkWidget *reasoning;
  g_autofree char *model = NULL;

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "general");
  model_row = find_row (GTK_WIDGET (window), "_Model for New Chats");
  history_row = find_row (GTK_WIDGET (window), "_Keep Conversations");
  reasoning = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (find_row (GTK_WIDGET (window), "Keep _Reasoning")));

  /* A model of no known provider is refused and the setting stays. */
  g_settings_set_string (settings, "last-model", "");
  gtk_editable_set_text (GTK_EDITABLE (model_row), "nowhere:model");
  g_signal_emit_by_name (model_row, "apply");
  g_assert_true (gtk_widget_has_css_class (model_row, "error"));
  model = g_settings_get_string (settings, "last-model");
  g_assert_cmpstr (model, ==, "");
  g_clear_pointer (&model, g_free);

  gtk_editable_set_text (GTK_EDITABLE (model_row), "openai:gpt-4o-mini");
  g_assert_false (gtk_widget_has_css_class (model_row, "error"));
  g_signal_emit_by_name (model_row, "apply");
  model = g_settings_get_string (settings, "last-model");
  g_assert_cmpstr (model, ==, "openai:gpt-4o-mini");

  adw_combo_row_set_selected (ADW_COMBO_ROW (history_row), 3);
  g_assert_cmpuint (g_settings_get_uint (settings, "history-days"), ==, 91);
  adw_combo_row_set_selected (ADW_COMBO_ROW (history_row), 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "history-days"), ==, 0);
  /* A number set by hand shows as the nearest longer choice. */
  g_settings_set_uint (settings, "history-days", 100);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (history_row)), ==, 2);
  g_settings_set_uint (settings, "history-days", 0);

  g_assert_true (gtk_switch_get_active (GTK_SWITCH (reasoning)));
  gtk_switch_set_active (GTK_SWITCH (reasoning), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "record-reasoning"));
  gtk_switch_set_active (GTK_SWITCH (reasoning), TRUE);

  close_windows ();
}

static void
test_openrouter_account (void)
{
  g_autoptr(PrismKeyring) keyring = prism_keyring_new ();
  g_autoptr(GError) error = NULL;
  PrismPreferencesWindow *window;
  GtkWidget *credits;
  GtkWidget *limit;

  prism_keyring_store_sync (keyring, "openrouter", NULL, PRISM_FAKE_PROVIDER_KEY, NULL, &error);
  g_assert_no_error (error);

  /* Fetched when the page is first shown. */
  window = open_preferences ();
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "openrouter");
  credits = find_row (GTK_WIDGET (window), "Credits");
  limit = find_row (GTK_WIDGET (window), "Key Limit");
  wait_for_subtitle (credits, "$74.75 left of $100.50");
  g_assert_cmpstr (subtitle (limit), ==, "$74.25 left of $100.00, reset monthly");
  wait_for_subtitle (find_row (GTK_WIDGET (window), "API _Key"), "Key stored in the keyring");

  g_assert_true (prism_keyring_delete_sync (keyring, "openrouter", NULL, NULL, &error));
  g_assert_no_error (error);
  close_windows ();
}

/* A server that takes connections and never answers, as a hung provider
 * looks. */
static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  g_ptr_array_add (user_data, g_object_ref (connection));

  return TRUE;
}

static gboolean
two_connections (gpointer data)
{
  return ((GPtrArray *)data)->len >= 2;
}

static void
test_close_cancels (void)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(PrismProviderConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  PrismProviderRegistry *registry;
  PrismPreferencesWindow *window;
  PrismProviderPage *page;
  gpointer weak;
  gint64 deadline;

  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (on_incoming), held);
  g_socket_service_start (service);
  url = g_strdup_printf ("http://127.0.0.1:%u/v1", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  window = open_preferences ();
  registry = prism_client_get_registry (prism_preferences_window_get_client (window));
  config = prism_provider_config_new ("silent", PRISM_PROTOCOL_KIND_OPENAI, url);
  prism_provider_config_set_name (config, "Silent");
  prism_provider_config_set_needs_key (config, FALSE);
  g_assert_true (prism_provider_registry_save_provider (registry, config, &error));
  g_assert_no_error (error);

  /* The look for the server and the test both wait on it. */
  page = show_provider (window, "silent");
  click (find_button (GTK_WIDGET (page), "_Test"));
  iterate_until (two_connections, held, "the two requests");
  g_assert_cmpstr (subtitle (find_row (GTK_WIDGET (page), "Test Connection")), ==,
                   "Asking the provider for its models…");

  /* Closing cancels both at once: nothing keeps the page alive, long
   * before any timeout. */
  weak = page;
  g_object_add_weak_pointer (G_OBJECT (page), &weak);
  close_windows ();
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (weak != NULL && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  if (weak != NULL)
    g_error ("The provider's page still waits one second after its window closed");

  g_socket_service_stop (service);
  g_assert_true (prism_provider_registry_remove_provider (registry, "silent", &error));
  g_assert_no_error (error);
}

/* Without a Secret Service: a private bus where nobody owns
 * org.freedesktop.secrets, in a subprocess that has it as its session bus
 * from the start (libadwaita connects to the session bus as it starts,
 * and libsecret then uses that connection). */
static void
test_no_secret_service (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(PrismProviderRegistry) registry = NULL;
      g_autoptr(PrismKeyring) keyring = NULL;
      g_autoptr(PrismClient) client = NULL;
      g_autoptr(GError) error = NULL;
      const char *dirs[] = { home, NULL };
      PrismPreferencesWindow *window;
      PrismProviderPage *page;
      GtkWidget *warning;
      GtkWidget *entry;
      GtkWidget *key_row;
      g_autofree char *found = NULL;
      guint n_files = 0;

      g_assert_nonnull (private_bus);
      g_assert_cmpstr (g_getenv ("DBUS_SESSION_BUS_ADDRESS"), ==, g_test_dbus_get_bus_address (private_bus));

      registry = prism_provider_registry_new_for_path (ini_path);
      g_assert_true (prism_provider_registry_load (registry, &error));
      keyring = prism_keyring_new ();
      client = prism_client_new (registry, keyring, NULL);

      window = prism_preferences_window_new_for_client (client);
      gtk_window_present (GTK_WINDOW (window));
      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "providers");

      /* The warning at the top says why and what to do instead. */
      warning = find_row (GTK_WIDGET (window), "Keys Can’t Be Stored");
      iterate_until ((gboolean (*) (gpointer))gtk_widget_is_visible, warning, "the keyring warning");
      g_assert_nonnull (strstr (subtitle (warning), "No keyring service is running"));
      g_assert_nonnull (strstr (subtitle (warning), "environment variable"));

      /* Each provider names its own variable, and takes no key. */
      page = show_provider (window, "openai");
      g_assert_cmpint (prism_provider_page_get_key_state (page), ==, PRISM_KEY_STATE_NO_KEYRING);
      key_row = find_row (GTK_WIDGET (page), "Key");
      g_assert_nonnull (strstr (subtitle (key_row), "OPENAI_API_KEY"));
      entry = find_widget (GTK_WIDGET (page), is_password_row, NULL);
      g_assert_false (gtk_widget_get_sensitive (entry));

      /* Even applied anyway, the key is refused, and written nowhere. */
      gtk_editable_set_text (GTK_EDITABLE (entry), NO_KEYRING_KEY);
      g_signal_emit_by_name (entry, "apply");
      wait_for_subtitle (key_row, "cannot store the key");

      /* Local servers keep working. */
      wait_for_subtitle (find_row (GTK_WIDGET (window), "Ollama"), "Running — ");

      gtk_window_destroy (GTK_WINDOW (window));

      found = prism_test_find_in_files (NO_KEYRING_KEY, dirs, &n_files);
      g_assert_null (found);
      g_assert_cmpuint (n_files, >, 0);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_no_key_on_disk (void)
{
  const char *dirs[] = { home, NULL };
  const char *keys[] = { PRISM_FAKE_PROVIDER_KEY, WRONG_KEY, NO_KEYRING_KEY };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *found = NULL;
      guint n_files = 0;

      found = prism_test_find_in_files (keys[i], dirs, &n_files);
      if (found != NULL)
        g_error ("The key %s was written to %s", keys[i], found);
      /* providers.ini at least was searched. */
      g_assert_cmpuint (n_files, >, 0);
    }
}

static void
write_providers_ini (void)
{
  g_autoptr(GString) ini = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (ini_path);
  const char *providers[] = { "openai", "openrouter", "ollama" };

  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    {
      g_autofree char *base = prism_fake_provider_get_base_url (fake, providers[i]);

      g_string_append_printf (ini, "[provider %s]\nbase-url=%s\n\n", providers[i], base);
    }
  /* Port 1 refuses at once: a local server that does not run. */
  g_string_append (ini, "[provider lmstudio]\nbase-url=http://127.0.0.1:1/v1\n\n");
  g_string_append (ini, "[provider llamacpp]\nbase-url=http://127.0.0.1:1/v1\n");

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (ini_path, ini->str, -1, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  const char *key_variables[] = {
    "OPENAI_API_KEY", "OPENROUTER_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY",
    "MISTRAL_API_KEY", "GROQ_API_KEY", "DEEPSEEK_API_KEY", "XAI_API_KEY",
    "TOGETHER_API_KEY", "FIREWORKS_API_KEY", "CEREBRAS_API_KEY",
  };
  g_autoptr(GError) error = NULL;
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      /* meson's TAP reader counts exit code 77 as an error. */
      printf ("1..0 # SKIP no display; run the tests through the README's test command\n");
      return 0;
    }

  /* Folders of the test's own for everything Prism writes, before GLib
   * caches them; a subprocess gets them from its parent. */
  if (g_getenv ("PRISM_TEST_PREFERENCES_HOME") == NULL)
    {
      home = g_dir_make_tmp ("prism-preferences-XXXXXX", &error);
      g_assert_no_error (error);
      g_setenv ("PRISM_TEST_PREFERENCES_HOME", home, TRUE);
    }
  else
    {
      home = g_strdup (g_getenv ("PRISM_TEST_PREFERENCES_HOME"));
    }
  {
    g_autofree char *config = g_build_filename (home, "config", NULL);
    g_autofree char *data = g_build_filename (home, "data", NULL);
    g_autofree char *cache = g_build_filename (home, "cache", NULL);

    g_setenv ("XDG_CONFIG_HOME", config, TRUE);
    g_setenv ("XDG_DATA_HOME", data, TRUE);
    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
    ini_path = g_build_filename (config, "prism", "providers.ini", NULL);
  }
  for (guint i = 0; i < G_N_ELEMENTS (key_variables); i++)
    g_unsetenv (key_variables[i]);

  /* The subprocess without a Secret Service needs its private bus before
   * libadwaita connects to the session bus in adw_init(). */
  for (int i = 1; i + 1 < argc; i++)
    {
      if (g_str_equal (argv[i], "-p") && g_str_equal (argv[i + 1], "/prism/preferences/no-secret-service"))
        {
          for (int j = 1; j < argc; j++)
            {
              if (g_str_equal (argv[j], "--GTestSubprocess"))
                {
                  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));

                  /* It unsets DISPLAY, which GTK needs. */
                  private_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
                  g_test_dbus_up (private_bus);
                  if (display != NULL)
                    g_setenv ("DISPLAY", display, TRUE);
                  /* Nor does this bus have an accessibility bus. */
                  g_setenv ("GTK_A11Y", "none", TRUE);
                }
            }
        }
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  fake = prism_fake_provider_new ();
  g_assert_true (prism_fake_provider_start (fake, 0, &error));
  write_providers_ini ();

  the_app = prism_application_new ();
  /* Tests run side by side; none may own the application's bus name. */
  g_application_set_flags (G_APPLICATION (the_app), G_APPLICATION_NON_UNIQUE);
  if (!g_test_subprocess ())
    g_assert_true (g_application_register (G_APPLICATION (the_app), NULL, NULL));

  g_test_add_func ("/prism/preferences/providers-listed", test_providers_listed);
  g_test_add_func ("/prism/preferences/store-test-remove-key", test_store_test_remove_key);
  g_test_add_func ("/prism/preferences/provider-error", test_provider_error);
  g_test_add_func ("/prism/preferences/custom-provider", test_custom_provider);
  g_test_add_func ("/prism/preferences/openrouter-routing", test_openrouter_routing);
  g_test_add_func ("/prism/preferences/general", test_general);
  g_test_add_func ("/prism/preferences/openrouter-account", test_openrouter_account);
  g_test_add_func ("/prism/preferences/close-cancels", test_close_cancels);
  g_test_add_func ("/prism/preferences/no-secret-service", test_no_secret_service);
  g_test_add_func ("/prism/preferences/no-key-on-disk", test_no_key_on_disk);

  status = g_test_run ();

  g_clear_object (&the_app);
  prism_fake_provider_stop (fake);
  g_clear_object (&fake);
  if (!g_test_subprocess ())
    prism_test_remove_tree (home);
  g_free (home);
  g_free (ini_path);

  return status;
}
