/* prism-window.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-window"

#include "config.h"

#include <glib/gi18n.h>

#include "prism-activity-page.h"
#include "prism-budget-monitor.h"
#include "prism-chat-view.h"
#include "prism-compare-page.h"
#include "prism-conversation-row.h"
#include "prism-spend-indicator.h"
#include "prism-spend-page.h"
#include "prism-window.h"

/* The main window: the welcome while there is nothing to chat with,
 * otherwise the conversations beside the open one, in a leaflet that
 * folds to one pane on a narrow window.
 */
struct _PrismWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  PrismSession         *session;
  GtkCustomFilter      *deleted_filter;
  GtkSingleSelection   *selection;
  GHashTable           *pending_deletes;
  GCancellable         *search_cancellable;
  guint                 select_source;
  PrismBudgetMonitor   *budget_monitor;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwHeaderBar         *header_bar;
  GtkMenuButton        *primary_menu_button;
  AdwStatusPage        *empty_page;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *content;
  GtkSearchEntry       *search_entry;
  GtkStack             *sidebar_stack;
  GtkListView          *conversation_list;
  GtkListBox           *search_results;
  AdwViewSwitcherTitle *window_title;
  AdwViewStack         *view_stack;
  PrismChatView        *chat_view;
  PrismComparePage     *compare_page;
  AdwBin               *spend_bin;
  AdwBin               *activity_bin;
  AdwBin               *indicator_bin;
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

/**
 * prism_window_get_chat_view:
 *
 * Returns: (transfer none): the conversation pane
 */
PrismChatView *
prism_window_get_chat_view (PrismWindow *self)
{
  g_return_val_if_fail (PRISM_IS_WINDOW (self), NULL);
  return self->chat_view;
}

/**
 * prism_window_get_view:
 * @self: a #PrismWindow
 * @name: `chat`, `compare`, `spend` or `activity`
 *
 * Returns: (transfer none) (nullable): the page's widget; the Spend and
 *   Activity pages exist once the history is open
 */
GtkWidget *
prism_window_get_view (PrismWindow *self,
                       const char  *name)
{
  GtkWidget *child;

  g_return_val_if_fail (PRISM_IS_WINDOW (self), NULL);

  child = adw_view_stack_get_child_by_name (self->view_stack, name);
  if (ADW_IS_BIN (child))
    return adw_bin_get_child (ADW_BIN (child));

  return child;
}

void
prism_window_show_view (PrismWindow *self,
                        const char  *name)
{
  g_return_if_fail (PRISM_IS_WINDOW (self));

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-view", "s", name);
}

static PrismChat *
get_chat (PrismWindow *self)
{
  return prism_chat_view_get_chat (self->chat_view);
}

static void
update_page (PrismWindow *self)
{
  gboolean usable = self->session != NULL && prism_session_get_usable (self->session);

  gtk_stack_set_visible_child_name (self->main_stack, usable ? "chat" : "welcome");
}

static void
show_content (PrismWindow *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  prism_chat_view_focus (self->chat_view);
}

/* Keeps the sidebar's selection on the open conversation as the list
 * is reloaded. */
static void
select_current (PrismWindow *self)
{
  const char *id = get_chat (self) != NULL ? prism_chat_get_conversation_id (get_chat (self)) : NULL;
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; id != NULL && i < n; i++)
    {
      g_autoptr(PrismConversationItem) item = g_list_model_get_item (model, i);

      if (g_str_equal (prism_conversation_item_get_id (item), id))
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static gboolean
select_current_cb (gpointer user_data)
{
  PrismWindow *self = user_data;

  self->select_source = 0;
  select_current (self);

  return G_SOURCE_REMOVE;
}

/* A list view must not see its selection change while it handles the
 * items-changed that caused it; the selection follows in an idle. */
static void
queue_select_current (PrismWindow *self)
{
  if (self->select_source == 0)
    self->select_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, select_current_cb, self, NULL);
}

static void
on_chat_changed (PrismWindow *self)
{
  const char *title = prism_chat_get_title (get_chat (self));

  adw_view_switcher_title_set_title (self->window_title, title != NULL ? title : _("New Chat"));
  select_current (self);
}

static void
on_conversation_activated (PrismWindow *self,
                           guint        position)
{
  g_autoptr(PrismConversationItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item == NULL)
    return;

  prism_chat_open (get_chat (self), prism_conversation_item_get_id (item));
  show_content (self);
}

static void
on_search_result_activated (PrismWindow   *self,
                            GtkListBoxRow *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "conversation-id");

  prism_chat_open (get_chat (self), id);
  show_content (self);
}

static GtkWidget *
make_search_row (PrismSearchHit *hit)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (hit->title);
  g_autofree char *markup = prism_search_hit_get_snippet_markup (hit);
  GtkWidget *snippet = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (snippet), markup);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (snippet), 0);
  gtk_label_set_wrap (GTK_LABEL (snippet), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (snippet), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (snippet), 3);
  gtk_label_set_ellipsize (GTK_LABEL (snippet), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_add_css_class (snippet, "dim-label");
  gtk_widget_add_css_class (snippet, "prism-snippet");

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), snippet);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "conversation-id", g_strdup (hit->conversation_id), g_free);

  return row;
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PrismWindow) self = user_data;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  hits = prism_store_search_finish (PRISM_STORE (object), result, &error);
  if (hits == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Search failed: %s", error->message);
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->search_results))) != NULL)
    gtk_list_box_remove (self->search_results, child);

  for (guint i = 0; hits != NULL && i < hits->len; i++)
    {
      PrismSearchHit *hit = g_ptr_array_index (hits, i);

      if (g_hash_table_contains (self->pending_deletes, hit->conversation_id))
        continue;
      gtk_list_box_append (self->search_results, make_search_row (hit));
    }

  gtk_stack_set_visible_child_name (self->sidebar_stack,
                                    gtk_widget_get_first_child (GTK_WIDGET (self->search_results)) != NULL
                                      ? "search" : "no-results");
}

static void
on_search_changed (PrismWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  PrismStore *store = prism_session_get_store (self->session);

  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  if (text[0] == '\0' || store == NULL)
    {
      gtk_stack_set_visible_child_name (self->sidebar_stack, "list");
      return;
    }

  self->search_cancellable = g_cancellable_new ();
  prism_store_search_async (store, text, 50, self->search_cancellable, search_cb, g_object_ref (self));
}

static void
on_stop_search (PrismWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
new_chat_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PrismWindow *self = PRISM_WINDOW (widget);

  prism_chat_clear (get_chat (self));
  show_content (self);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PrismWindow *self = PRISM_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PrismWindow *self = PRISM_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));
  if (g_str_equal (g_variant_get_string (parameter, NULL), "chat"))
    prism_chat_view_focus (self->chat_view);
}

/* The Spend and Activity pages and the spend in the header read the
 * history, so they come once it is open. */
static void
on_session_ready (PrismWindow *self)
{
  PrismStore *store;

  if (!prism_session_get_ready (self->session) || self->budget_monitor != NULL)
    return;

  store = prism_session_get_store (self->session);
  self->budget_monitor = prism_budget_monitor_new (store);
  prism_chat_view_set_budget_monitor (self->chat_view, self->budget_monitor);
  adw_bin_set_child (self->spend_bin, prism_spend_page_new (store, self->budget_monitor));
  adw_bin_set_child (self->activity_bin, prism_activity_page_new (store));
  adw_bin_set_child (self->indicator_bin, prism_spend_indicator_new (store, self->budget_monitor));
}

static void
refresh_spend_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PrismWindow *self = PRISM_WINDOW (widget);
  GtkWidget *indicator = adw_bin_get_child (self->indicator_bin);

  if (indicator != NULL)
    prism_spend_indicator_refresh (PRISM_SPEND_INDICATOR (indicator));
}

static void
on_answer_finished (PrismWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.refresh-spend", NULL);
}

/* What was spent changes with every answer: the figures follow when a
 * page is shown. */
static void
on_view_changed (PrismWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);
  GtkWidget *child;

  if (name == NULL)
    return;
  if (g_str_equal (name, "spend") && (child = adw_bin_get_child (self->spend_bin)) != NULL)
    prism_spend_page_reload (PRISM_SPEND_PAGE (child));
  else if (g_str_equal (name, "activity") && (child = adw_bin_get_child (self->activity_bin)) != NULL)
    prism_activity_page_reload (PRISM_ACTIVITY_PAGE (child));
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PrismWindow *self = PRISM_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
step_conversation (PrismWindow *self,
                   int          step)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);
  guint selected = gtk_single_selection_get_selected (self->selection);
  guint next;

  if (n == 0)
    return;

  if (selected == GTK_INVALID_LIST_POSITION)
    next = step > 0 ? 0 : n - 1;
  else if ((step < 0 && selected == 0) || (step > 0 && selected + 1 >= n))
    return;
  else
    next = selected + step;

  on_conversation_activated (self, next);
}

static void
previous_conversation_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  step_conversation (PRISM_WINDOW (widget), -1);
}

static void
next_conversation_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  step_conversation (PRISM_WINDOW (widget), 1);
}

static PrismConversationItem *
find_item (PrismWindow *self,
           const char  *id)
{
  GListModel *model = prism_session_get_conversations (self->session);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PrismConversationItem) item = g_list_model_get_item (model, i);

      if (g_str_equal (prism_conversation_item_get_id (item), id))
        return g_steal_pointer (&item);
    }

  return NULL;
}

static void
show_toast_error (PrismWindow  *self,
                  const GError *error)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
pin_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PrismWindow *self = PRISM_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(PrismConversationItem) item = find_item (self, id);
  g_autoptr(GError) error = NULL;

  if (item == NULL)
    return;

  if (!prism_store_set_pinned (prism_session_get_store (self->session), id,
                               !prism_conversation_item_get_pinned (item), &error))
    show_toast_error (self, error);
  prism_session_reload_conversations (self->session);
}

static void
on_rename_response (AdwMessageDialog *dialog,
                    const char       *response,
                    PrismWindow      *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  const char *id = g_object_get_data (G_OBJECT (dialog), "conversation-id");
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "rename") || title[0] == '\0')
    return;

  if (!prism_store_rename_conversation (prism_session_get_store (self->session), id, title, &error))
    {
      show_toast_error (self, error);
      return;
    }

  /* The open conversation shows its new title in the header at once. */
  if (g_strcmp0 (prism_chat_get_conversation_id (get_chat (self)), id) == 0)
    adw_view_switcher_title_set_title (self->window_title, title);
  prism_session_reload_conversations (self->session);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PrismWindow *self = PRISM_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(PrismConversationItem) item = find_item (self, id);
  GtkWidget *dialog;
  GtkWidget *entry;

  if (item == NULL)
    return;

  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), prism_conversation_item_get_title (item));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Title"),
                                  -1);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Rename Conversation"), NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "conversation-id", g_strdup (id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_now (PrismWindow *self,
            const char  *id)
{
  g_autoptr(GError) error = NULL;
  PrismStore *store = prism_session_get_store (self->session);

  if (store != NULL && !prism_store_delete_conversation (store, id, &error))
    g_warning ("Could not delete the conversation: %s", error->message);
}

static void
on_delete_toast_dismissed (AdwToast    *toast,
                           PrismWindow *self)
{
  const char *id = g_object_get_data (G_OBJECT (toast), "conversation-id");

  /* Undone, or already deleted when the window went. */
  if (self->pending_deletes == NULL || !g_hash_table_remove (self->pending_deletes, id))
    return;

  delete_now (self, id);
  prism_session_reload_conversations (self->session);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PrismWindow *self = PRISM_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(PrismConversationItem) item = find_item (self, id);
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (item == NULL || g_hash_table_contains (self->pending_deletes, id))
    return;

  /* Hidden at once, deleted when the toast goes without an undo. */
  g_hash_table_add (self->pending_deletes, g_strdup (id));
  gtk_filter_changed (GTK_FILTER (self->deleted_filter), GTK_FILTER_CHANGE_MORE_STRICT);

  if (g_strcmp0 (prism_chat_get_conversation_id (get_chat (self)), id) == 0)
    prism_chat_clear (get_chat (self));

  /* Translators: %s is a conversation's title */
  title = g_strdup_printf (_("“%s” deleted"), prism_conversation_item_get_title (item));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-delete");
  adw_toast_set_action_target_value (toast, g_variant_new_string (id));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "conversation-id", g_strdup (id), g_free);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_delete_toast_dismissed), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PrismWindow *self = PRISM_WINDOW (widget);

  if (g_hash_table_remove (self->pending_deletes, g_variant_get_string (parameter, NULL)))
    gtk_filter_changed (GTK_FILTER (self->deleted_filter), GTK_FILTER_CHANGE_LESS_STRICT);
}

static gboolean
not_deleted (gpointer item,
             gpointer user_data)
{
  PrismWindow *self = user_data;

  return !g_hash_table_contains (self->pending_deletes, prism_conversation_item_get_id (item));
}

static void
setup_conversation_row (GtkSignalListItemFactory *factory,
                        GtkListItem              *list_item,
                        gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, prism_conversation_row_new ());
}

static void
bind_conversation_row (GtkSignalListItemFactory *factory,
                       GtkListItem              *list_item,
                       gpointer                  user_data)
{
  prism_conversation_row_set_item (PRISM_CONVERSATION_ROW (gtk_list_item_get_child (list_item)),
                                   gtk_list_item_get_item (list_item));
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

/* Deletions still waiting for their toast happen when the window goes. */
static void
flush_deletes (PrismWindow *self)
{
  GHashTableIter iter;
  const char *id;

  g_hash_table_iter_init (&iter, self->pending_deletes);
  while (g_hash_table_iter_next (&iter, (gpointer *)&id, NULL))
    {
      delete_now (self, id);
      g_hash_table_iter_remove (&iter);
    }
}

static gboolean
prism_window_close_request (GtkWindow *window)
{
  PrismWindow *self = PRISM_WINDOW (window);

  prism_window_save_state (self);
  flush_deletes (self);

  return GTK_WINDOW_CLASS (prism_window_parent_class)->close_request (window);
}

/* The application is set after construction, as a plain property; the
 * window takes its session the first time it gets one. */
static void
on_application_set (PrismWindow *self)
{
  PrismApplication *app;
  g_autoptr(GtkFilterListModel) filtered = NULL;
  g_autoptr(GtkListItemFactory) factory = NULL;

  app = PRISM_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  if (app == NULL || self->session != NULL)
    return;

  self->session = g_object_ref (prism_application_get_session (app));

  prism_chat_view_set_session (self->chat_view, self->session, prism_application_get_settings (app));
  g_signal_connect_object (get_chat (self), "notify::title", G_CALLBACK (on_chat_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (get_chat (self), "notify::conversation-id", G_CALLBACK (on_chat_changed),
                           self, G_CONNECT_SWAPPED);

  self->deleted_filter = gtk_custom_filter_new (not_deleted, self, NULL);
  filtered = gtk_filter_list_model_new (g_object_ref (prism_session_get_conversations (self->session)),
                                        g_object_ref (GTK_FILTER (self->deleted_filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "items-changed", G_CALLBACK (queue_select_current),
                           self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_conversation_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_conversation_row), NULL);
  gtk_list_view_set_factory (self->conversation_list, factory);
  gtk_list_view_set_model (self->conversation_list, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->session, "notify::usable", G_CALLBACK (update_page),
                           self, G_CONNECT_SWAPPED);
  update_page (self);

  prism_compare_page_set_session (self->compare_page, self->session, prism_application_get_settings (app));
  g_signal_connect_object (get_chat (self), "finished", G_CALLBACK (on_answer_finished),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::ready", G_CALLBACK (on_session_ready),
                           self, G_CONNECT_SWAPPED);
  on_session_ready (self);
  g_signal_connect_object (self->view_stack, "notify::visible-child", G_CALLBACK (on_view_changed),
                           self, G_CONNECT_SWAPPED);
}

static void
prism_window_dispose (GObject *object)
{
  PrismWindow *self = PRISM_WINDOW (object);

  if (self->pending_deletes != NULL)
    flush_deletes (self);

  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  g_clear_handle_id (&self->select_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), PRISM_TYPE_WINDOW);

  g_clear_object (&self->selection);
  g_clear_object (&self->deleted_filter);
  g_clear_object (&self->budget_monitor);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->pending_deletes, g_hash_table_unref);

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

  g_type_ensure (PRISM_TYPE_CHAT_VIEW);
  g_type_ensure (PRISM_TYPE_COMPARE_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/prismllm/Prism/prism-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PrismWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PrismWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PrismWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, PrismWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, PrismWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PrismWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PrismWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, PrismWindow, content);
  gtk_widget_class_bind_template_child (widget_class, PrismWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PrismWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, PrismWindow, conversation_list);
  gtk_widget_class_bind_template_child (widget_class, PrismWindow, search_results);
  gtk_widget_class_bind_template_child (widget_class, PrismWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PrismWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PrismWindow, chat_view);
  gtk_widget_class_bind_template_child (widget_class, PrismWindow, compare_page);
  gtk_widget_class_bind_template_child (widget_class, PrismWindow, spend_bin);
  gtk_widget_class_bind_template_child (widget_class, PrismWindow, activity_bin);
  gtk_widget_class_bind_template_child (widget_class, PrismWindow, indicator_bin);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_conversation_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_result_activated);

  gtk_widget_class_install_action (widget_class, "win.new-chat", NULL, new_chat_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.refresh-spend", NULL, refresh_spend_action);
  gtk_widget_class_install_action (widget_class, "win.pin-conversation", "s", pin_action);
  gtk_widget_class_install_action (widget_class, "win.rename-conversation", "s", rename_action);
  gtk_widget_class_install_action (widget_class, "win.delete-conversation", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", "s", undo_delete_action);
  gtk_widget_class_install_action (widget_class, "win.previous-conversation", NULL, previous_conversation_action);
  gtk_widget_class_install_action (widget_class, "win.next-conversation", NULL, next_conversation_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-chat", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-view", "s", "chat");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-view", "s", "compare");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-view", "s", "spend");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-view", "s", "activity");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "win.previous-conversation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "win.next-conversation", NULL);
}

static void
prism_window_init (PrismWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_set), NULL);

  self->pending_deletes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->settings = g_settings_new (APPLICATION_ID);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}
