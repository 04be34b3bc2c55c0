/* prism-chat-view.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-chat-view"

#include "config.h"

#include <glib/gi18n.h>

#include "prism-chat-view.h"
#include "prism-format.h"
#include "prism-message-row.h"
#include "prism-model-picker.h"

/* The conversation and its composer. The messages are a GtkListView over
 * the chat's list model, so only the rows on screen exist; the composer
 * sends through the chat's actions, which the buttons, the keyboard and
 * the tests share.
 */
struct _PrismChatView
{
  GtkWidget         parent_instance;

  PrismSession     *session;
  PrismChat        *chat;
  PrismBudgetMonitor *budget_monitor;
  char             *pending_prompt;
  gboolean          stick_to_bottom;
  double            last_value;
  double            last_upper;

  /* Template widgets */
  GtkWidget        *box;
  GtkStack         *view_stack;
  GtkScrolledWindow *scroller;
  GtkListView      *message_list;
  GtkRevealer      *error_revealer;
  GtkLabel         *error_label;
  GtkTextView      *text_view;
  GtkWidget        *placeholder;
  PrismModelPicker *model_picker;
  GtkButton        *send_button;
  GtkButton        *stop_button;
};

G_DEFINE_FINAL_TYPE (PrismChatView, prism_chat_view, GTK_TYPE_WIDGET)

static void
show_error (PrismChatView *self,
            const char    *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
hide_error (PrismChatView *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static char *
dup_prompt (PrismChatView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
update_state (PrismChatView *self)
{
  gboolean busy = self->chat != NULL && prism_chat_get_busy (self->chat);
  guint n = self->chat != NULL ? g_list_model_get_n_items (prism_chat_get_messages (self->chat)) : 0;

  gtk_widget_set_visible (GTK_WIDGET (self->stop_button), busy);
  gtk_widget_set_visible (GTK_WIDGET (self->send_button), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chat.stop", busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chat.send", !busy && self->chat != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chat.regenerate", !busy && n >= 2);
  gtk_stack_set_visible_child_name (self->view_stack, n > 0 ? "messages" : "new");
}

static void send_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter);

static void
on_budget_response (AdwMessageDialog *dialog,
                    const char       *response,
                    PrismChatView    *self)
{
  gint64 budget_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "budget-id"));
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "send"))
    return;

  /* One click: this budget lets requests through until its period ends. */
  token = prism_budget_monitor_override (self->budget_monitor, budget_id, &error);
  if (token == NULL)
    {
      show_error (self, error->message);
      return;
    }

  send_action (GTK_WIDGET (self), "chat.send", NULL);
}

/* A reached budget that blocks asks first; one that warns says so and
 * lets the request go. */
static gboolean
budget_allows (PrismChatView *self,
               const char    *model)
{
  const PrismBudgetState *reached = NULL;
  g_autofree char *provider = NULL;
  g_autofree char *spent = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *message = NULL;
  PrismBudgetVerdict verdict;
  GtkWidget *dialog;

  if (self->budget_monitor == NULL || model == NULL)
    return TRUE;

  prism_model_split_id (model, &provider, NULL);
  verdict = prism_budget_monitor_check (self->budget_monitor, model, provider, NULL, &reached);
  if (verdict == PRISM_BUDGET_VERDICT_GO || reached == NULL)
    return TRUE;

  spent = prism_format_cost (reached->spent_usd);
  limit = prism_format_cost (reached->budget->limit_usd);
  message = g_strdup_printf (_("%s of the %s budget for %s is spent."), spent, limit, reached->period);

  if (verdict == PRISM_BUDGET_VERDICT_WARN)
    {
      show_error (self, message);
      return TRUE;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Budget Reached"), message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "send", _("_Send Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "budget-id", GSIZE_TO_POINTER (reached->budget->id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_budget_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return FALSE;
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PrismChatView *self = PRISM_CHAT_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = dup_prompt (self);
  g_autofree char *prompt = g_strstrip (g_strdup (text));

  if (self->chat == NULL || prompt[0] == '\0')
    return;

  if (!budget_allows (self, prism_model_picker_get_model (self->model_picker)))
    return;

  if (!prism_chat_send (self->chat, prism_model_picker_get_model (self->model_picker), prompt, &error))
    {
      show_error (self, error->message);
      return;
    }

  hide_error (self);
  g_free (self->pending_prompt);
  self->pending_prompt = g_steal_pointer (&text);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", 0);
  self->stick_to_bottom = TRUE;
}

/**
 * prism_chat_view_set_budget_monitor:
 * @self: a #PrismChatView
 * @monitor: (nullable): the budgets a request is checked against
 */
void
prism_chat_view_set_budget_monitor (PrismChatView      *self,
                                    PrismBudgetMonitor *monitor)
{
  g_return_if_fail (PRISM_IS_CHAT_VIEW (self));

  g_set_object (&self->budget_monitor, monitor);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PrismChatView *self = PRISM_CHAT_VIEW (widget);

  if (self->chat != NULL)
    prism_chat_stop (self->chat);
}

static void
regenerate_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PrismChatView *self = PRISM_CHAT_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (self->chat == NULL)
    return;

  if (!prism_chat_regenerate (self->chat, prism_model_picker_get_model (self->model_picker), &error))
    show_error (self, error->message);
  else
    hide_error (self);
}

static void
refresh_models_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PrismChatView) self = user_data;
  g_autoptr(GHashTable) failures = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) message = g_string_new (NULL);
  GHashTableIter iter;
  const char *provider;
  const GError *failure;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chat.refresh-models", TRUE);

  failures = prism_session_refresh_models_finish (PRISM_SESSION (object), result, &error);
  if (failures == NULL)
    {
      show_error (self, error->message);
      return;
    }

  g_hash_table_iter_init (&iter, failures);
  while (g_hash_table_iter_next (&iter, (gpointer *)&provider, (gpointer *)&failure))
    {
      if (message->len > 0)
        g_string_append_c (message, '\n');
      /* Translators: a provider's id, then why its models could not be listed */
      g_string_append_printf (message, _("Could not list the models of %s: %s"), provider, failure->message);
    }

  if (message->len > 0)
    show_error (self, message->str);
}

static void
refresh_models_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PrismChatView *self = PRISM_CHAT_VIEW (widget);

  if (self->session == NULL)
    return;

  gtk_widget_action_set_enabled (widget, "chat.refresh-models", FALSE);
  prism_session_refresh_models_async (self->session, NULL, refresh_models_cb, g_object_ref (self));
}

static void
copy_last_answer_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PrismChatView *self = PRISM_CHAT_VIEW (widget);
  GListModel *messages;

  if (self->chat == NULL)
    return;

  messages = prism_chat_get_messages (self->chat);
  for (guint i = g_list_model_get_n_items (messages); i > 0; i--)
    {
      g_autoptr(PrismMessageItem) item = g_list_model_get_item (messages, i - 1);

      if (!prism_message_item_is_user (item) && prism_message_item_get_content (item)[0] != '\0')
        {
          gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), prism_message_item_get_content (item));
          return;
        }
    }
}

static void
show_sibling_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PrismChatView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!prism_chat_show_sibling_finish (PRISM_CHAT (object), result, &error))
    show_error (self, error->message);
}

static void
sibling_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PrismChatView *self = PRISM_CHAT_VIEW (widget);
  int step = g_str_equal (action_name, "chat.next-answer") ? 1 : -1;

  if (self->chat == NULL)
    return;

  prism_chat_show_sibling_async (self->chat, g_variant_get_string (parameter, NULL), step, NULL,
                                 show_sibling_cb, g_object_ref (self));
}

static void
dismiss_error_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  hide_error (PRISM_CHAT_VIEW (widget));
}

static void
pick_model_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  prism_model_picker_popup (PRISM_CHAT_VIEW (widget)->model_picker);
}

static gboolean
on_key_pressed (PrismChatView         *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) &&
      (state & (GDK_SHIFT_MASK | GDK_ALT_MASK)) == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "chat.send", NULL);
      return GDK_EVENT_STOP;
    }

  if (keyval == GDK_KEY_Escape && self->chat != NULL && prism_chat_get_busy (self->chat))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "chat.stop", NULL);
      return GDK_EVENT_STOP;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
on_finished (PrismChatView    *self,
             PrismMessageItem *item,
             PrismChat        *chat)
{
  g_autofree char *prompt = g_steal_pointer (&self->pending_prompt);
  PrismMessageStatus status = prism_message_item_get_status (item);
  g_autofree char *text = NULL;

  if (status != PRISM_MESSAGE_STATUS_ERROR && status != PRISM_MESSAGE_STATUS_PARTIAL)
    return;

  show_error (self, prism_message_item_get_error (item) != NULL ? prism_message_item_get_error (item)
                                                                 : _("The answer failed."));

  /* Nothing a person typed is lost: the prompt that got no answer goes
   * back into the composer, unless they have started another. */
  text = dup_prompt (self);
  if (status == PRISM_MESSAGE_STATUS_ERROR && prompt != NULL && text[0] == '\0')
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), prompt, -1);
}

/* GtkTextView has no placeholder of its own. */
static void
on_buffer_changed (PrismChatView *self,
                   GtkTextBuffer *buffer)
{
  gtk_widget_set_visible (self->placeholder, gtk_text_buffer_get_char_count (buffer) == 0);
}

static void
scroll_to_end (PrismChatView *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  guint n = self->chat != NULL ? g_list_model_get_n_items (prism_chat_get_messages (self->chat)) : 0;

  if (n == 0)
    return;

  /* The list only knows the heights of the rows it has made; bringing
   * the last one in first makes the end of the adjustment the real end. */
  gtk_widget_activate_action (GTK_WIDGET (self->message_list), "list.scroll-to-item", "u", n - 1);
  self->last_value = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  gtk_adjustment_set_value (adjustment, self->last_value);
}

/* Only the person scrolling up lets go of the end; the list moving its
 * own estimate of the heights does not. */
static void
on_scroll_value_changed (PrismChatView *self,
                         GtkAdjustment *adjustment)
{
  double value = gtk_adjustment_get_value (adjustment);
  double bottom = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  if (value >= bottom - 24)
    self->stick_to_bottom = TRUE;
  else if (value < self->last_value - 1 && gtk_adjustment_get_upper (adjustment) == self->last_upper)
    self->stick_to_bottom = FALSE;

  self->last_value = value;
  self->last_upper = gtk_adjustment_get_upper (adjustment);
}

static void
on_scroll_upper_changed (PrismChatView *self,
                         GParamSpec    *pspec,
                         GtkAdjustment *adjustment)
{
  self->last_upper = gtk_adjustment_get_upper (adjustment);

  /* A growing answer keeps its end in view unless the person scrolled up. */
  if (self->stick_to_bottom)
    scroll_to_end (self);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, prism_message_row_new ());
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  prism_message_row_set_item (PRISM_MESSAGE_ROW (gtk_list_item_get_child (list_item)),
                              gtk_list_item_get_item (list_item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  prism_message_row_set_item (PRISM_MESSAGE_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
on_messages_changed (PrismChatView *self)
{
  update_state (self);

  if (self->stick_to_bottom)
    scroll_to_end (self);
}

/* A conversation opens at its newest message. */
static void
on_conversation_changed (PrismChatView *self)
{
  self->stick_to_bottom = TRUE;
}

/**
 * prism_chat_view_set_session:
 * @settings: where the last model is remembered
 *
 * Makes the view's #PrismChat over @session; called once.
 */
void
prism_chat_view_set_session (PrismChatView *self,
                             PrismSession  *session,
                             GSettings     *settings)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_if_fail (PRISM_IS_CHAT_VIEW (self));
  g_return_if_fail (PRISM_IS_SESSION (session));
  g_return_if_fail (self->chat == NULL);

  self->session = g_object_ref (session);
  self->chat = prism_chat_new (session);
  g_signal_connect_object (self->chat, "finished", G_CALLBACK (on_finished), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chat, "notify::busy", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chat, "notify::conversation-id", G_CALLBACK (on_conversation_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (prism_chat_get_messages (self->chat), "items-changed",
                           G_CALLBACK (on_messages_changed), self, G_CONNECT_SWAPPED);

  selection = gtk_no_selection_new (g_object_ref (prism_chat_get_messages (self->chat)));
  gtk_list_view_set_model (self->message_list, GTK_SELECTION_MODEL (selection));

  prism_model_picker_set_catalog (self->model_picker, prism_session_get_catalog (session));
  g_settings_bind (settings, "last-model", self->model_picker, "model", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "record-reasoning", self->chat, "record-reasoning", G_SETTINGS_BIND_GET);

  update_state (self);
}

/**
 * prism_chat_view_get_chat:
 *
 * Returns: (transfer none) (nullable): the conversation shown
 */
PrismChat *
prism_chat_view_get_chat (PrismChatView *self)
{
  g_return_val_if_fail (PRISM_IS_CHAT_VIEW (self), NULL);
  return self->chat;
}

void
prism_chat_view_focus (PrismChatView *self)
{
  g_return_if_fail (PRISM_IS_CHAT_VIEW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
prism_chat_view_dispose (GObject *object)
{
  PrismChatView *self = (PrismChatView *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PRISM_TYPE_CHAT_VIEW);

  if (self->chat != NULL)
    prism_chat_stop (self->chat);
  g_clear_object (&self->chat);
  g_clear_object (&self->budget_monitor);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (prism_chat_view_parent_class)->dispose (object);
}

static void
prism_chat_view_finalize (GObject *object)
{
  PrismChatView *self = (PrismChatView *)object;

  g_free (self->pending_prompt);

  G_OBJECT_CLASS (prism_chat_view_parent_class)->finalize (object);
}

static void
prism_chat_view_class_init (PrismChatViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prism_chat_view_dispose;
  object_class->finalize = prism_chat_view_finalize;

  g_type_ensure (PRISM_TYPE_MODEL_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/prismllm/Prism/prism-chat-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, PrismChatView, box);
  gtk_widget_class_bind_template_child (widget_class, PrismChatView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PrismChatView, scroller);
  gtk_widget_class_bind_template_child (widget_class, PrismChatView, message_list);
  gtk_widget_class_bind_template_child (widget_class, PrismChatView, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PrismChatView, error_label);
  gtk_widget_class_bind_template_child (widget_class, PrismChatView, text_view);
  gtk_widget_class_bind_template_child (widget_class, PrismChatView, placeholder);
  gtk_widget_class_bind_template_child (widget_class, PrismChatView, model_picker);
  gtk_widget_class_bind_template_child (widget_class, PrismChatView, send_button);
  gtk_widget_class_bind_template_child (widget_class, PrismChatView, stop_button);

  gtk_widget_class_install_action (widget_class, "chat.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "chat.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "chat.regenerate", NULL, regenerate_action);
  gtk_widget_class_install_action (widget_class, "chat.dismiss-error", NULL, dismiss_error_action);
  gtk_widget_class_install_action (widget_class, "chat.pick-model", NULL, pick_model_action);
  gtk_widget_class_install_action (widget_class, "chat.refresh-models", NULL, refresh_models_action);
  gtk_widget_class_install_action (widget_class, "chat.copy-last-answer", NULL, copy_last_answer_action);
  gtk_widget_class_install_action (widget_class, "chat.previous-answer", "s", sibling_action);
  gtk_widget_class_install_action (widget_class, "chat.next-answer", "s", sibling_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "chat.send", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "chat.stop", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_C, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "chat.copy-last-answer", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "chat.pick-model", NULL);
}

static void
prism_chat_view_init (PrismChatView *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkEventController *controller;
  GtkAdjustment *adjustment;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->stick_to_bottom = TRUE;

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->message_list, factory);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_key_pressed), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), controller);

  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (on_buffer_changed), self, G_CONNECT_SWAPPED);

  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_scroll_value_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "notify::upper", G_CALLBACK (on_scroll_upper_changed),
                           self, G_CONNECT_SWAPPED);

  update_state (self);
}
