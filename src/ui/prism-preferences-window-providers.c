/* prism-preferences-window-providers.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "prism-preferences-window-private.h"

#include "prism-error.h"

/* The Providers page: one row per provider of the registry's list, each
 * opening that provider's PrismProviderPage as a subpage. The keyring is
 * listed once, asynchronously, when the window opens; until it answers
 * the rows say so, and when no keyring service runs a warning at the top
 * says what to do instead.
 */

typedef struct
{
  PrismPreferencesWindow *window;
  AdwPreferencesGroup    *group;
  AdwActionRow           *row;
  PrismProviderPage      *page;
} ProviderEntry;

static void
provider_entry_free (ProviderEntry *entry)
{
  adw_preferences_group_remove (entry->group, GTK_WIDGET (entry->row));

  /* Its provider or the window is going: what the page waits for is of
   * no use any more, and the callbacks would keep the page alive. */
  prism_provider_page_cancel (entry->page);

  g_object_unref (entry->row);
  g_object_unref (entry->page);
  g_free (entry);
}

static void
apply_keyring_state (PrismPreferencesWindow *self,
                     PrismProviderPage      *page)
{
  PrismProviderConfig *config = prism_provider_page_get_config (page);

  if (!self->keyring_known)
    return;

  prism_provider_page_set_keyring_state (page,
                                         self->stored_ids != NULL &&
                                         g_hash_table_contains (self->stored_ids,
                                                                prism_provider_config_get_id (config)),
                                         self->keyring_error);
}

PrismProviderPage *
_prism_preferences_window_get_provider_page (PrismPreferencesWindow *self,
                                             const char             *id)
{
  ProviderEntry *entry;

  if (self->entries == NULL)
    return NULL;

  entry = g_hash_table_lookup (self->entries, id);

  return entry != NULL ? entry->page : NULL;
}

gboolean
_prism_preferences_window_show_provider (PrismPreferencesWindow *self,
                                         const char             *id)
{
  PrismProviderPage *page = _prism_preferences_window_get_provider_page (self, id);

  if (page == NULL)
    return FALSE;

  /* A subpage already shown is closed first: presenting another one over
   * it would leave no way back to the list. */
  if (gtk_widget_get_parent (GTK_WIDGET (page)) != NULL)
    return TRUE;

  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (self));
  adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (self), GTK_WIDGET (page));

  return TRUE;
}

static void
on_row_activated (AdwActionRow  *row,
                  ProviderEntry *entry)
{
  PrismProviderConfig *config = prism_provider_page_get_config (entry->page);

  _prism_preferences_window_show_provider (entry->window, prism_provider_config_get_id (config));
}

static AdwPreferencesGroup *
group_for (PrismPreferencesWindow *self,
           PrismProviderConfig    *config)
{
  if (!prism_provider_config_get_builtin (config))
    return self->custom_group;
  if (!prism_provider_config_get_needs_key (config))
    return self->local_group;

  return self->cloud_group;
}

static ProviderEntry *
provider_entry_new (PrismPreferencesWindow *self,
                    PrismProviderConfig    *config)
{
  ProviderEntry *entry = g_new0 (ProviderEntry, 1);
  GtkWidget *arrow;

  entry->window = self;
  entry->group = group_for (self, config);
  entry->page = g_object_ref_sink (prism_provider_page_new (self->client, config));
  entry->row = g_object_ref_sink (ADW_ACTION_ROW (adw_action_row_new ()));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (entry->row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (entry->row), TRUE);
  g_object_bind_property (config, "name", entry->row, "title", G_BINDING_SYNC_CREATE);
  g_object_bind_property (entry->page, "summary", entry->row, "subtitle", G_BINDING_SYNC_CREATE);

  arrow = g_object_new (GTK_TYPE_IMAGE,
                        "icon-name", "go-next-symbolic",
                        "valign", GTK_ALIGN_CENTER,
                        "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                        NULL);
  adw_action_row_add_suffix (entry->row, arrow);

  g_signal_connect (entry->row, "activated", G_CALLBACK (on_row_activated), entry);
  adw_preferences_group_add (entry->group, GTK_WIDGET (entry->row));

  apply_keyring_state (self, entry->page);
  prism_provider_page_detect (entry->page);

  return entry;
}

/* Keeps one entry per provider of the list: a provider added or removed
 * (here or by the registry) gains or loses its row, while the others
 * keep theirs, with a subpage that may be on screen. */
static void
sync_entries (PrismPreferencesWindow *self)
{
  GListModel *providers = prism_provider_registry_get_providers (prism_client_get_registry (self->client));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  const char *id;
  ProviderEntry *entry;

  for (guint i = 0; i < g_list_model_get_n_items (providers); i++)
    {
      g_autoptr(PrismProviderConfig) config = g_list_model_get_item (providers, i);

      id = prism_provider_config_get_id (config);
      entry = g_hash_table_lookup (self->entries, id);
      if (entry != NULL && prism_provider_page_get_config (entry->page) != config)
        {
          g_hash_table_remove (self->entries, id);
          entry = NULL;
        }
      if (entry == NULL)
        {
          entry = provider_entry_new (self, config);
          g_hash_table_insert (self->entries, g_strdup (id), entry);
        }
      g_hash_table_add (seen, (gpointer)prism_provider_config_get_id (prism_provider_page_get_config (entry->page)));
    }

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, (gpointer *)&id, (gpointer *)&entry))
    {
      if (!g_hash_table_contains (seen, id))
        g_hash_table_iter_remove (&iter);
    }
}

static void
on_providers_changed (PrismPreferencesWindow *self)
{
  if (self->entries != NULL)
    sync_entries (self);
}

static void
list_keys_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PrismPreferencesWindow) self = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  ProviderEntry *entry;

  entries = prism_keyring_list_finish (PRISM_KEYRING (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->entries == NULL)
    return;

  self->keyring_known = TRUE;
  if (entries == NULL)
    {
      g_autofree char *text = g_strconcat (error->message, " ",
                                           _("Local servers work without a key."),
                                           NULL);

      self->keyring_error = g_steal_pointer (&error);
      adw_action_row_set_subtitle (self->keyring_row, text);
      gtk_widget_set_visible (GTK_WIDGET (self->keyring_group), TRUE);
    }
  else
    {
      for (guint i = 0; i < entries->len; i++)
        {
          PrismKeyringEntry *key = g_ptr_array_index (entries, i);

          /* A project's own key is not the provider's key. */
          if (key->project[0] == '\0')
            g_hash_table_add (self->stored_ids, g_strdup (key->provider));
        }
    }

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&entry))
    apply_keyring_state (self, entry->page);
}

static void
on_detect_clicked (PrismPreferencesWindow *self)
{
  GHashTableIter iter;
  ProviderEntry *entry;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&entry))
    prism_provider_page_detect (entry->page);
}

/* The dialog of "Add Provider…": a name, a protocol and a base URL. The
 * id is made from the name. */
typedef struct
{
  PrismPreferencesWindow *window;
  AdwMessageDialog       *dialog;
  AdwEntryRow            *name_row;
  AdwComboRow            *protocol_row;
  AdwEntryRow            *url_row;
} AddDialog;

static char *
make_id (PrismProviderRegistry *registry,
         const char            *name)
{
  g_autoptr(GString) base = g_string_new (NULL);
  g_autofree char *lower = g_utf8_strdown (name, -1);
  char *id;

  for (const char *p = lower; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (base, *p);
      else if (base->len > 0 && base->str[base->len - 1] != '-')
        g_string_append_c (base, '-');
    }
  while (base->len > 0 && base->str[base->len - 1] == '-')
    g_string_truncate (base, base->len - 1);
  if (base->len == 0)
    g_string_append (base, "provider");

  id = g_strdup (base->str);
  for (guint n = 2; prism_provider_registry_lookup (registry, id) != NULL; n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base->str, n);
    }

  return id;
}

static void
add_dialog_update (GObject    *row,
                   GParamSpec *pspec,
                   AddDialog  *add)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (add->name_row))));
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (add->url_row))));

  adw_message_dialog_set_response_enabled (add->dialog, "add",
                                           name[0] != '\0' &&
                                           prism_provider_config_classify_url (url, NULL, NULL));
}

static void
on_add_response (AdwMessageDialog *dialog,
                 const char       *response,
                 AddDialog        *add)
{
  PrismPreferencesWindow *self = add->window;
  PrismProviderRegistry *registry = prism_client_get_registry (self->client);
  g_autoptr(PrismProviderConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *url = NULL;
  g_autofree char *id = NULL;
  gboolean local = FALSE;

  if (!g_str_equal (response, "add"))
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (add->name_row))));
  url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (add->url_row))));
  if (name[0] == '\0' || !prism_provider_config_classify_url (url, &local, NULL))
    return;

  id = make_id (registry, name);
  config = prism_provider_config_new (id, adw_combo_row_get_selected (add->protocol_row), url);
  prism_provider_config_set_name (config, name);
  prism_provider_config_set_needs_key (config, !local);

  if (!prism_provider_registry_save_provider (registry, config, &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }

  /* The registry's list told the window already; the new provider's page
   * is where its key goes. */
  _prism_preferences_window_show_provider (self, id);
}

static GtkWidget *
add_dialog_new (PrismPreferencesWindow *self)
{
  AdwMessageDialog *dialog;
  GtkStringList *protocols;
  GtkWidget *list;
  AddDialog *add;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Add Provider"),
                                                       _("A company proxy, another vendor or a server on "
                                                         "this computer that speaks one of these protocols. "
                                                         "Its key goes in the keyring afterwards.")));
  add = g_new0 (AddDialog, 1);
  add->window = self;
  add->dialog = dialog;
  g_object_set_data_full (G_OBJECT (dialog), "prism-add-dialog", add, g_free);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  add->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add->name_row), _("Name"));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (add->name_row));

  protocols = gtk_string_list_new ((const char * const[]) {
    _("OpenAI-compatible"), _("OpenRouter"), _("Anthropic"), _("Google Gemini"), _("Ollama"), NULL
  });
  add->protocol_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add->protocol_row), _("Protocol"));
  adw_combo_row_set_model (add->protocol_row, G_LIST_MODEL (protocols));
  g_object_unref (protocols);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (add->protocol_row));

  add->url_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add->url_row), _("Base URL"));
  adw_entry_row_set_input_purpose (add->url_row, GTK_INPUT_PURPOSE_URL);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (add->url_row));

  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "add");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, "add", FALSE);

  g_signal_connect (add->name_row, "notify::text", G_CALLBACK (add_dialog_update), add);
  g_signal_connect (add->url_row, "notify::text", G_CALLBACK (add_dialog_update), add);
  g_signal_connect (dialog, "response", G_CALLBACK (on_add_response), add);

  return GTK_WIDGET (dialog);
}

static void
add_provider_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GtkWidget *dialog = add_dialog_new (PRISM_PREFERENCES_WINDOW (widget));
  AddDialog *add = g_object_get_data (G_OBJECT (dialog), "prism-add-dialog");

  gtk_window_present (GTK_WINDOW (dialog));
  /* Typing starts with the name, not on the buttons. */
  gtk_widget_grab_focus (GTK_WIDGET (add->name_row));
}

void
_prism_preferences_window_class_init_providers (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, PrismPreferencesWindow, providers_page);
  gtk_widget_class_bind_template_child (widget_class, PrismPreferencesWindow, keyring_group);
  gtk_widget_class_bind_template_child (widget_class, PrismPreferencesWindow, keyring_row);
  gtk_widget_class_bind_template_child (widget_class, PrismPreferencesWindow, cloud_group);
  gtk_widget_class_bind_template_child (widget_class, PrismPreferencesWindow, local_group);
  gtk_widget_class_bind_template_child (widget_class, PrismPreferencesWindow, custom_group);
  gtk_widget_class_bind_template_child (widget_class, PrismPreferencesWindow, add_button);
  gtk_widget_class_bind_template_callback (widget_class, on_detect_clicked);

  gtk_widget_class_install_action (widget_class, "preferences.add-provider", NULL, add_provider_action);
}

void
_prism_preferences_window_init_providers (PrismPreferencesWindow *self)
{
  PrismProviderRegistry *registry = prism_client_get_registry (self->client);
  PrismKeyring *keyring = prism_client_get_keyring (self->client);

  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)provider_entry_free);
  self->stored_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  sync_entries (self);
  g_signal_connect_object (prism_provider_registry_get_providers (registry),
                           "items-changed",
                           G_CALLBACK (on_providers_changed),
                           self,
                           G_CONNECT_SWAPPED);

  if (keyring != NULL)
    {
      prism_keyring_list_async (keyring, self->cancellable, list_keys_cb, g_object_ref (self));
    }
  else
    {
      GHashTableIter iter;
      ProviderEntry *entry;

      self->keyring_known = TRUE;
      g_hash_table_iter_init (&iter, self->entries);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&entry))
        apply_keyring_state (self, entry->page);
    }
}
