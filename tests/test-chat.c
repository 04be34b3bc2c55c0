/* test-chat.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The real window, driven through its widgets and actions, against the
 * fake provider of this process on 127.0.0.1: providers.ini points
 * openai and anthropic at it, the history lives in a temporary
 * XDG_DATA_HOME.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>

#include <glib/gstdio.h>

#include "prism-application.h"
#include "prism-conversation-item.h"
#include "prism-fake-provider.h"
#include "prism-format.h"
#include "prism-markdown-view.h"
#include "prism-message-row.h"
#include "prism-model-picker.h"
#include "prism-window.h"

/* Prices of [model openai:echo] in the test's providers.ini. */
#define ECHO_INPUT_PRICE 3.0
#define ECHO_OUTPUT_PRICE 15.0

static PrismApplication *the_app;
static PrismFakeProvider *the_fake;
static char *the_dir;

typedef struct
{
  PrismWindow   *window;
  PrismChatView *view;
  PrismChat     *chat;
} Fixture;

static void
iterate_until (gboolean (*done) (gpointer),
               gpointer   data,
               const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
}

/* Lets GTK lay out and draw what changed. */
static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + 150 * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (PRISM_IS_MESSAGE_ROW (widget))
    {
      if (gtk_widget_get_mapped (widget) && prism_message_row_get_item (PRISM_MESSAGE_ROW (widget)) != NULL)
        g_ptr_array_add (rows, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

/* The realised row that shows @item. */
static GtkWidget *
row_for_item (Fixture          *fixture,
              PrismMessageItem *item)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (fixture->view), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      if (prism_message_row_get_item (g_ptr_array_index (rows, i)) == item)
        return g_ptr_array_index (rows, i);
    }

  return NULL;
}

/* The list keeps the item alive; the caller borrows it. */
static PrismMessageItem *
item_at (Fixture *fixture,
         guint    position)
{
  g_autoptr(PrismMessageItem) item = g_list_model_get_item (prism_chat_get_messages (fixture->chat), position);

  g_assert_nonnull (item);

  return item;
}

static PrismMessageItem *
last_item (Fixture *fixture)
{
  guint n = g_list_model_get_n_items (prism_chat_get_messages (fixture->chat));

  g_assert_cmpuint (n, >, 0);

  return item_at (fixture, n - 1);
}

static gboolean
listed_first (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *list = find_named (GTK_WIDGET (fixture->window), "conversations");
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  g_autoptr(PrismConversationItem) first = g_list_model_get_item (model, 0);

  return first != NULL &&
         g_strcmp0 (prism_conversation_item_get_id (first), prism_chat_get_conversation_id (fixture->chat)) == 0;
}

static const char *
label_text (GtkWidget  *row,
            const char *name)
{
  GtkWidget *label = find_named (row, name);

  g_assert_nonnull (label);
  g_assert_true (GTK_IS_LABEL (label));

  return gtk_label_get_text (GTK_LABEL (label));
}

static gboolean
not_busy (gpointer data)
{
  return !prism_chat_get_busy (data);
}

static gboolean
session_ready (gpointer data)
{
  return prism_session_get_ready (data);
}

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
set_composer (Fixture    *fixture,
              const char *text)
{
  GtkWidget *composer = find_named (GTK_WIDGET (fixture->view), "composer");

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (composer)), text, -1);
}

static char *
dup_composer (Fixture *fixture)
{
  GtkWidget *composer = find_named (GTK_WIDGET (fixture->view), "composer");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (composer));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Sends what the composer holds the way Enter does. */
static void
send (Fixture    *fixture,
      const char *prompt)
{
  GtkWidget *composer = find_named (GTK_WIDGET (fixture->view), "composer");

  set_composer (fixture, prompt);
  g_assert_true (gtk_widget_activate_action (composer, "chat.send", NULL));
}

static void
send_and_wait (Fixture    *fixture,
               const char *prompt)
{
  send (fixture, prompt);
  g_assert_true (prism_chat_get_busy (fixture->chat));
  iterate_until (not_busy, fixture->chat, "the answer");
  settle ();
}

static PrismModelPicker *
get_picker (Fixture *fixture)
{
  return PRISM_MODEL_PICKER (find_type (GTK_WIDGET (fixture->view), PRISM_TYPE_MODEL_PICKER));
}

static guint
picker_n_items (PrismModelPicker *picker)
{
  GtkWidget *list = find_named (GTK_WIDGET (picker), "model-list");

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list))));
}

/* The search entry tells its changes after a short delay. */
static gboolean
picker_filtered (gpointer data)
{
  return gtk_widget_get_visible (find_named (data, "use-model")) || picker_n_items (data) == 1;
}

/* Types @model into the picker's search and takes the catalog's row, or
 * the "Use …" button when the catalog does not list it. */
static void
pick_model (Fixture    *fixture,
            const char *search,
            const char *model)
{
  PrismModelPicker *picker = get_picker (fixture);
  GtkWidget *entry;
  GtkWidget *use;

  prism_model_picker_popup (picker);
  settle ();
  entry = find_named (GTK_WIDGET (picker), "model-search");
  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_get_mapped (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), search);
  iterate_until (picker_filtered, picker, "the picker to filter");
  settle ();

  use = find_named (GTK_WIDGET (picker), "use-model");
  if (gtk_widget_get_visible (use))
    {
      g_signal_emit_by_name (use, "clicked");
    }
  else
    {
      GtkWidget *list = find_named (GTK_WIDGET (picker), "model-list");
      GListModel *model_list = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));

      g_assert_cmpuint (g_list_model_get_n_items (model_list), ==, 1);
      g_signal_emit_by_name (list, "activate", 0);
    }

  settle ();
  g_assert_cmpstr (prism_model_picker_get_model (picker), ==, model);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (the_app));
  window = gtk_application_get_active_window (GTK_APPLICATION (the_app));
  g_assert_true (PRISM_IS_WINDOW (window));
  iterate_until (widget_is_mapped, window, "the window");

  fixture->window = PRISM_WINDOW (window);
  fixture->view = prism_window_get_chat_view (fixture->window);
  fixture->chat = prism_chat_view_get_chat (fixture->view);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-chat", NULL));
  settle ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  iterate_until (not_busy, fixture->chat, "the chat to end");
}

static void
test_chat_pick_model (Fixture       *fixture,
                      gconstpointer  user_data)
{
  GSettings *settings = prism_application_get_settings (the_app);
  g_autofree char *last = NULL;
  GtkWidget *list;
  GListModel *models;
  g_autoptr(PrismModel) model = NULL;
  GtkWidget *picker_label;

  /* The catalog offers providers.ini's models and the bundled ones. */
  pick_model (fixture, "echo", "openai:echo");

  last = g_settings_get_string (settings, "last-model");
  g_assert_cmpstr (last, ==, "openai:echo");

  /* The picker's rows show prices per million tokens. */
  prism_model_picker_popup (get_picker (fixture));
  settle ();
  list = find_named (GTK_WIDGET (get_picker (fixture)), "model-list");
  models = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  g_assert_cmpuint (g_list_model_get_n_items (models), >, 1);
  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (get_picker (fixture)), "model-search")),
                         "claude-sonnet-4-5");
  iterate_until (picker_filtered, get_picker (fixture), "the picker to filter");
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (models), ==, 1);
  model = g_list_model_get_item (models, 0);
  g_assert_cmpstr (prism_model_get_id (model), ==, "anthropic:claude-sonnet-4-5");
  picker_label = find_type (list, GTK_TYPE_LABEL);
  g_assert_nonnull (picker_label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (picker_label)), ==, "claude-sonnet-4-5");
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (gtk_widget_get_parent (gtk_widget_get_parent (picker_label))),
                            "anthropic:claude-sonnet-4-5"));
  /* Prices per million tokens, from the bundled table. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_next_sibling (gtk_widget_get_parent (picker_label)))),
                   ==, "$3.00 in · $15.00 out per 1M tokens (list price)");
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (list, GTK_TYPE_POPOVER)));
}

static void
test_chat_send (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *expected = prism_fake_provider_reply_for ("Hello there, model");
  g_autofree char *composer = NULL;
  g_autofree char *cost = NULL;
  GListModel *conversations = prism_session_get_conversations (prism_application_get_session (the_app));
  g_autoptr(PrismConversationItem) first = NULL;
  PrismMessageItem *answer;
  const PrismUsage *usage;
  GtkWidget *row;
  g_autofree char *tokens = NULL;

  pick_model (fixture, "openai:echo", "openai:echo");
  send_and_wait (fixture, "Hello there, model");

  composer = dup_composer (fixture);
  g_assert_cmpstr (composer, ==, "");

  g_assert_cmpuint (g_list_model_get_n_items (prism_chat_get_messages (fixture->chat)), ==, 2);
  answer = last_item (fixture);
  g_assert_cmpint (prism_message_item_get_status (answer), ==, PRISM_MESSAGE_STATUS_COMPLETE);

  row = row_for_item (fixture, answer);
  g_assert_nonnull (row);
  g_assert_cmpstr (prism_markdown_view_get_text (PRISM_MARKDOWN_VIEW (find_named (row, "answer"))), ==, expected);
  g_assert_cmpstr (label_text (row, "model"), ==, "openai:echo");

  /* The fake counts the prompt's words in, the reply's words out. */
  usage = prism_message_item_get_usage (answer);
  g_assert_cmpint (usage->input_tokens, ==, 3);
  g_assert_cmpint (usage->output_tokens, >, 3);
  tokens = g_strdup_printf ("3 in · %" G_GINT64_FORMAT " out", usage->output_tokens);
  g_assert_cmpstr (label_text (row, "tokens"), ==, tokens);

  /* providers.ini's prices: an exact cost, not an estimate. */
  cost = prism_format_cost ((usage->input_tokens * ECHO_INPUT_PRICE + usage->output_tokens * ECHO_OUTPUT_PRICE) / 1e6);
  g_assert_cmpstr (label_text (row, "cost"), ==, cost);
  g_assert_true (g_str_has_suffix (label_text (row, "ttft"), "ms to first token"));
  g_assert_true (gtk_widget_is_visible (find_named (row, "regenerate")));
  g_assert_false (gtk_widget_is_visible (find_named (row, "message-error")));

  /* The user's prompt is plain selectable text. */
  row = row_for_item (fixture, item_at (fixture, 0));
  g_assert_nonnull (row);
  g_assert_cmpstr (label_text (row, "prompt"), ==, "Hello there, model");
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (find_named (row, "prompt"))));

  /* The sidebar lists the new conversation first, named after the prompt. */
  iterate_until (listed_first, fixture, "the conversation in the sidebar");
  first = g_list_model_get_item (conversations, 0);
  g_assert_cmpstr (prism_conversation_item_get_title (first), ==, "Hello there, model");
  g_assert_cmpstr (prism_conversation_item_get_id (first), ==, prism_chat_get_conversation_id (fixture->chat));
}

static gboolean
has_content (gpointer data)
{
  return prism_message_item_get_content (data)[0] != '\0';
}

static void
test_chat_stop (Fixture       *fixture,
                gconstpointer  user_data)
{
  GtkWidget *stop = find_named (GTK_WIDGET (fixture->view), "stop");
  GtkWidget *send_button = find_named (GTK_WIDGET (fixture->view), "send");
  PrismMessageItem *answer;
  GtkWidget *row;

  pick_model (fixture, "openai:endless+rate=50", "openai:endless+rate=50");
  send (fixture, "Never stop talking");
  settle ();

  g_assert_true (prism_chat_get_busy (fixture->chat));
  g_assert_true (gtk_widget_get_visible (stop));
  g_assert_false (gtk_widget_get_visible (send_button));

  answer = last_item (fixture);
  iterate_until (has_content, answer, "the first tokens");
  settle ();

  g_signal_emit_by_name (stop, "clicked");
  iterate_until (not_busy, fixture->chat, "the stream to stop");
  settle ();

  g_assert_cmpint (prism_message_item_get_status (answer), ==, PRISM_MESSAGE_STATUS_CANCELLED);
  g_assert_cmpstr (prism_message_item_get_content (answer), !=, "");
  g_assert_false (gtk_widget_get_visible (stop));
  g_assert_true (gtk_widget_get_visible (send_button));

  /* What arrived is kept, on screen as in the item. */
  row = row_for_item (fixture, answer);
  g_assert_nonnull (row);
  g_assert_cmpstr (prism_markdown_view_get_text (PRISM_MARKDOWN_VIEW (find_named (row, "answer"))), ==,
                   prism_message_item_get_content (answer));
}

static const char *wanted_id;

static gboolean
last_is_wanted (gpointer data)
{
  Fixture *fixture = data;
  guint n = g_list_model_get_n_items (prism_chat_get_messages (fixture->chat));

  return n > 0 && g_strcmp0 (prism_message_item_get_id (last_item (fixture)), wanted_id) == 0;
}

static void
test_chat_regenerate (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *second_id = NULL;
  PrismStore *store = prism_session_get_store (prism_application_get_session (the_app));
  g_autoptr(PrismConversation) conversation = NULL;
  g_autoptr(GPtrArray) siblings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_id = NULL;
  PrismMessageItem *answer;
  GtkWidget *row;

  pick_model (fixture, "openai:echo", "openai:echo");
  send_and_wait (fixture, "Say it twice");

  answer = last_item (fixture);
  first_id = g_strdup (prism_message_item_get_id (answer));
  row = row_for_item (fixture, answer);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_is_visible (find_named (row, "regenerate")));

  g_signal_emit_by_name (find_named (row, "regenerate"), "clicked");
  g_assert_true (prism_chat_get_busy (fixture->chat));
  iterate_until (not_busy, fixture->chat, "the new answer");
  settle ();

  g_assert_cmpuint (g_list_model_get_n_items (prism_chat_get_messages (fixture->chat)), ==, 2);
  answer = last_item (fixture);
  g_assert_cmpstr (prism_message_item_get_id (answer), !=, first_id);
  g_assert_cmpint (prism_message_item_get_status (answer), ==, PRISM_MESSAGE_STATUS_COMPLETE);

  /* Both answers are kept, siblings under the same prompt. */
  conversation = prism_store_get_conversation (store, prism_chat_get_conversation_id (fixture->chat), &error);
  g_assert_no_error (error);
  siblings = prism_conversation_get_siblings (conversation, prism_message_item_get_id (answer));
  g_assert_cmpuint (siblings->len, ==, 2);
  second_id = g_strdup (prism_message_item_get_id (answer));

  /* Arrows move between them. */
  row = row_for_item (fixture, answer);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_is_visible (find_named (row, "siblings")));
  g_assert_cmpstr (label_text (row, "siblings"), ==, "2 / 2");
  g_assert_false (gtk_widget_is_sensitive (find_named (row, "next-answer")));
  g_signal_emit_by_name (find_named (row, "previous-answer"), "clicked");
  wanted_id = first_id;
  iterate_until (last_is_wanted, fixture, "the older answer");
  settle ();
  row = row_for_item (fixture, last_item (fixture));
  g_assert_nonnull (row);
  g_assert_cmpstr (label_text (row, "siblings"), ==, "1 / 2");
  g_assert_cmpuint (g_list_model_get_n_items (prism_chat_get_messages (fixture->chat)), ==, 2);

  g_signal_emit_by_name (find_named (row, "next-answer"), "clicked");
  wanted_id = second_id;
  iterate_until (last_is_wanted, fixture, "the newer answer");
}

static gboolean
search_shown (gpointer data)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (data), "search") == 0;
}

static void
test_chat_search (Fixture       *fixture,
                  gconstpointer  user_data)
{
  GtkWidget *entry = find_named (GTK_WIDGET (fixture->window), "conversation-search");
  GtkWidget *stack = find_named (GTK_WIDGET (fixture->window), "sidebar-stack");
  GtkWidget *results = find_named (GTK_WIDGET (fixture->window), "search-results");
  GtkListBoxRow *row;
  GtkWidget *title;
  GtkWidget *snippet;

  pick_model (fixture, "openai:echo", "openai:echo");
  send_and_wait (fixture, "Tell me about marmalade sandwiches");

  gtk_editable_set_text (GTK_EDITABLE (entry), "marmalade");
  iterate_until (search_shown, stack, "the search results");
  settle ();

  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (results), 0);
  g_assert_nonnull (row);
  title = find_type (GTK_WIDGET (row), GTK_TYPE_LABEL);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (title)), ==, "Tell me about marmalade sandwiches");
  snippet = gtk_widget_get_next_sibling (title);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (snippet)), "marmalade"));
  /* The matched word is marked. */
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (snippet)), "<b>marmalade</b>"));

  /* Opening a hit opens its conversation. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-chat", NULL));
  g_assert_null (prism_chat_get_conversation_id (fixture->chat));
  g_signal_emit_by_name (results, "row-activated", row);
  settle ();
  g_assert_cmpstr (prism_chat_get_title (fixture->chat), ==, "Tell me about marmalade sandwiches");

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  settle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "list");
}

static void
test_chat_provider_error (Fixture       *fixture,
                          gconstpointer  user_data)
{
  GtkWidget *revealer = find_named (GTK_WIDGET (fixture->view), "composer-error-revealer");
  g_autofree char *composer = NULL;
  PrismMessageItem *answer;
  GtkWidget *row;

  pick_model (fixture, "openai:error=401", "openai:error=401");
  send_and_wait (fixture, "Keep this prompt safe");

  /* The prompt is back in the composer, and the error says what happened. */
  composer = dup_composer (fixture);
  g_assert_cmpstr (composer, ==, "Keep this prompt safe");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (find_named (revealer, "composer-error"))), "key"));

  answer = last_item (fixture);
  g_assert_cmpint (prism_message_item_get_status (answer), ==, PRISM_MESSAGE_STATUS_ERROR);
  row = row_for_item (fixture, answer);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_is_visible (find_named (row, "message-error")));
  g_assert_cmpstr (label_text (row, "message-error"), ==, prism_message_item_get_error (answer));
  g_assert_true (gtk_widget_is_visible (find_named (row, "retry")));
  g_assert_cmpstr (label_text (row, "cost"), ==, "cost unknown");

  /* Retry with a model that works answers the same prompt. */
  pick_model (fixture, "openai:echo", "openai:echo");
  g_signal_emit_by_name (find_named (row, "retry"), "clicked");
  iterate_until (not_busy, fixture->chat, "the retried answer");
  answer = last_item (fixture);
  g_assert_cmpint (prism_message_item_get_status (answer), ==, PRISM_MESSAGE_STATUS_COMPLETE);
  g_assert_true (g_str_has_prefix (prism_message_item_get_content (answer), "Echo: Keep this prompt safe"));
}

static guint
count_conversations (Fixture *fixture)
{
  GtkWidget *list = find_named (GTK_WIDGET (fixture->window), "conversations");

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list))));
}

static void
test_chat_delete_undo (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *id = NULL;
  guint n;

  pick_model (fixture, "openai:echo", "openai:echo");
  send_and_wait (fixture, "Delete me later");
  id = g_strdup (prism_chat_get_conversation_id (fixture->chat));
  n = count_conversations (fixture);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete-conversation", "s", id));
  g_assert_cmpuint (count_conversations (fixture), ==, n - 1);
  g_assert_null (prism_chat_get_conversation_id (fixture->chat));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo-delete", "s", id));
  g_assert_cmpuint (count_conversations (fixture), ==, n);
}

static void
test_chat_reasoning (Fixture       *fixture,
                     gconstpointer  user_data)
{
  GSettings *settings = prism_application_get_settings (the_app);
  PrismStore *store = prism_session_get_store (prism_application_get_session (the_app));
  g_autoptr(PrismConversation) conversation = NULL;
  g_autoptr(GError) error = NULL;
  PrismMessage *stored;
  PrismMessageItem *answer;
  GtkWidget *row;
  GtkWidget *expander;

  pick_model (fixture, "openai:reasoning", "openai:reasoning");
  send_and_wait (fixture, "Think first");

  answer = last_item (fixture);
  g_assert_cmpstr (prism_message_item_get_reasoning (answer), !=, "");
  row = row_for_item (fixture, answer);
  g_assert_nonnull (row);
  expander = find_named (row, "reasoning");
  g_assert_true (gtk_widget_is_visible (expander));
  /* Collapsed until asked for. */
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (expander)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_expander_get_child (GTK_EXPANDER (expander)))), ==,
                   prism_message_item_get_reasoning (answer));

  /* With "Keep Reasoning" off it shows while it streams, but the history
   * keeps only the answer. */
  g_settings_set_boolean (settings, "record-reasoning", FALSE);
  send_and_wait (fixture, "Think again");
  answer = last_item (fixture);
  g_assert_cmpstr (prism_message_item_get_reasoning (answer), !=, "");
  conversation = prism_store_get_conversation (store, prism_chat_get_conversation_id (fixture->chat), &error);
  g_assert_no_error (error);
  stored = prism_conversation_find_message (conversation, prism_message_item_get_id (answer));
  g_assert_nonnull (stored);
  g_assert_cmpstr (stored->content, ==, prism_message_item_get_content (answer));
  g_assert_true (stored->reasoning == NULL || stored->reasoning[0] == '\0');
  g_settings_reset (settings, "record-reasoning");
}

static void
test_chat_estimate (Fixture       *fixture,
                    gconstpointer  user_data)
{
  PrismMessageItem *answer;
  PrismCostSource source;
  g_autofree char *cost = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *row;

  /* Only the bundled price table knows this model's prices. */
  pick_model (fixture, "claude-haiku-4-5", "anthropic:claude-haiku-4-5");
  send_and_wait (fixture, "How much is this");

  answer = last_item (fixture);
  g_assert_cmpint (prism_message_item_get_status (answer), ==, PRISM_MESSAGE_STATUS_COMPLETE);
  cost = prism_format_cost (prism_message_item_get_cost (answer, &source));
  g_assert_cmpint (source, ==, PRISM_COST_SOURCE_BUNDLED);
  expected = g_strdup_printf ("%s (estimate)", cost);
  row = row_for_item (fixture, answer);
  g_assert_nonnull (row);
  g_assert_cmpstr (label_text (row, "cost"), ==, expected);
}

static gboolean
has_two_messages (gpointer data)
{
  return g_list_model_get_n_items (prism_chat_get_messages (data)) == 2;
}

static void
test_chat_reopen (Fixture       *fixture,
                  gconstpointer  user_data)
{
  GtkWidget *list = find_named (GTK_WIDGET (fixture->window), "conversations");
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  g_autofree char *id = NULL;
  g_autofree char *cost = NULL;
  g_autofree char *tokens = NULL;
  GtkSelectionModel *selection = gtk_list_view_get_model (GTK_LIST_VIEW (list));
  GtkWidget *row;
  guint position = GTK_INVALID_LIST_POSITION;

  pick_model (fixture, "openai:echo", "openai:echo");
  send_and_wait (fixture, "Remember this one");
  id = g_strdup (prism_chat_get_conversation_id (fixture->chat));
  row = row_for_item (fixture, last_item (fixture));
  cost = g_strdup (label_text (row, "cost"));
  tokens = g_strdup (label_text (row, "tokens"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-chat", NULL));
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (prism_chat_get_messages (fixture->chat)), ==, 0);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PrismConversationItem) item = g_list_model_get_item (model, i);

      if (g_str_equal (prism_conversation_item_get_id (item), id))
        position = i;
    }
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);

  g_signal_emit_by_name (list, "activate", position);
  iterate_until (has_two_messages, fixture->chat, "the conversation to load");
  settle ();

  /* The footer comes back from the history as it was. */
  g_assert_cmpstr (prism_chat_get_conversation_id (fixture->chat), ==, id);
  row = row_for_item (fixture, last_item (fixture));
  g_assert_nonnull (row);
  g_assert_cmpstr (label_text (row, "cost"), ==, cost);
  g_assert_cmpstr (label_text (row, "tokens"), ==, tokens);
  g_assert_true (gtk_selection_model_is_selected (selection, position));
}

static gboolean
is_folded (gpointer data)
{
  return adw_leaflet_get_folded (data);
}

static gboolean
is_unfolded (gpointer data)
{
  return !adw_leaflet_get_folded (data);
}

static void
test_chat_narrow (Fixture       *fixture,
                  gconstpointer  user_data)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (find_type (GTK_WIDGET (fixture->window), ADW_TYPE_LEAFLET));
  GtkWidget *sidebar = find_named (GTK_WIDGET (fixture->window), "conversation-search");
  int width, height;

  g_assert_false (adw_leaflet_get_folded (leaflet));
  gtk_window_get_default_size (GTK_WINDOW (fixture->window), &width, &height);

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 400, height);
  iterate_until (is_folded, leaflet, "the leaflet to fold");

  /* One pane at a time: the sidebar, then the conversation. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-sidebar", NULL));
  settle ();
  g_assert_true (gtk_widget_is_ancestor (sidebar, adw_leaflet_get_visible_child (leaflet)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-chat", NULL));
  settle ();
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (fixture->view), adw_leaflet_get_visible_child (leaflet)));

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  iterate_until (is_unfolded, leaflet, "the leaflet to unfold");
}

/* The button comes back when every provider has answered. */
static gboolean
refreshed (gpointer data)
{
  return gtk_widget_is_sensitive (data);
}

static void
test_chat_refresh_models (Fixture       *fixture,
                          gconstpointer  user_data)
{
  PrismSession *session = prism_application_get_session (the_app);
  PrismCatalog *catalog = prism_session_get_catalog (session);
  PrismModelPicker *picker = get_picker (fixture);
  g_autofree char *cache = prism_catalog_get_default_cache_path ();
  GtkWidget *refresh;

  /* Only the bundled prices and providers.ini are known at first. */
  g_assert_null (prism_catalog_lookup (catalog, "openai:reasoning"));
  g_assert_nonnull (prism_catalog_lookup (catalog, "openai:echo"));

  prism_model_picker_popup (picker);
  settle ();
  refresh = find_named (GTK_WIDGET (picker), "refresh-models");
  g_assert_true (gtk_widget_is_visible (refresh));
  g_signal_emit_by_name (refresh, "clicked");
  g_assert_false (gtk_widget_is_sensitive (refresh));
  iterate_until (refreshed, refresh, "the providers' model lists");
  settle ();
  g_assert_nonnull (prism_catalog_lookup (catalog, "openai:reasoning"));

  /* The fake lists its scenarios; anthropic's list is kept too, and the
   * lists are cached for the next start. */
  g_assert_nonnull (prism_catalog_lookup (catalog, "openai:markdown"));
  g_assert_true (g_file_test (cache, G_FILE_TEST_EXISTS));

  pick_model (fixture, "openai:reasoning", "openai:reasoning");
  g_assert_false (gtk_widget_get_visible (find_named (GTK_WIDGET (picker), "use-model")));
}

static gboolean
first_selected (gpointer data)
{
  return gtk_single_selection_get_selected (data) == 0;
}

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

static gboolean
pointer_set (gpointer data)
{
  return *(char **)data != NULL;
}

static void
test_chat_keyboard (Fixture       *fixture,
                    gconstpointer  user_data)
{
  GtkWidget *composer = find_named (GTK_WIDGET (fixture->view), "composer");
  GtkWidget *list = find_named (GTK_WIDGET (fixture->window), "conversations");
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  g_autoptr(PrismConversationItem) first = NULL;
  g_autoptr(PrismConversationItem) second = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *id = NULL;

  pick_model (fixture, "openai:echo", "openai:echo");
  send_and_wait (fixture, "Copy this answer");
  id = g_strdup (prism_chat_get_conversation_id (fixture->chat));

  /* Ctrl+Shift+C copies the last answer's text. */
  g_assert_true (gtk_widget_activate_action (composer, "chat.copy-last-answer", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (composer), NULL, read_text_cb, &copied);
  iterate_until (pointer_set, &copied, "the clipboard");
  g_assert_cmpstr (copied, ==, prism_message_item_get_content (last_item (fixture)));

  /* Alt+Down and Alt+Up walk the sidebar; the new conversation is first. */
  iterate_until (listed_first, fixture, "the conversation in the sidebar");
  settle ();
  first = g_list_model_get_item (model, 0);
  second = g_list_model_get_item (model, 1);
  g_assert_cmpstr (prism_conversation_item_get_id (first), ==, id);
  iterate_until (first_selected, model, "the sidebar to select the open conversation");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next-conversation", NULL));
  settle ();
  g_assert_cmpstr (prism_chat_get_conversation_id (fixture->chat), ==, prism_conversation_item_get_id (second));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.previous-conversation", NULL));
  settle ();
  g_assert_cmpstr (prism_chat_get_conversation_id (fixture->chat), ==, id);
}

static void
test_chat_listed_at_once (Fixture       *fixture,
                          gconstpointer  user_data)
{
  pick_model (fixture, "openai:endless+rate=20", "openai:endless+rate=20");
  send (fixture, "Show me in the sidebar while you talk");

  /* The conversation is in the sidebar before its answer ends. */
  iterate_until (listed_first, fixture, "the new conversation in the sidebar");
  g_assert_true (prism_chat_get_busy (fixture->chat));

  g_assert_true (gtk_widget_activate_action (find_named (GTK_WIDGET (fixture->view), "composer"), "chat.stop", NULL));
}

static void
write_providers_ini (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *config = g_build_filename (the_dir, "config", "prism", NULL);
  g_autofree char *path = g_build_filename (config, "providers.ini", NULL);
  g_autofree char *openai = prism_fake_provider_get_base_url (the_fake, "openai");
  g_autofree char *anthropic = prism_fake_provider_get_base_url (the_fake, "anthropic");
  g_autofree char *ini = NULL;

  ini = g_strdup_printf ("[provider openai]\nbase-url=%s\n\n"
                         "[provider anthropic]\nbase-url=%s\n\n"
                         "[model openai:echo]\ninput-price=%g\noutput-price=%g\n",
                         openai, anthropic, ECHO_INPUT_PRICE, ECHO_OUTPUT_PRICE);

  g_mkdir_with_parents (config, 0700);
  g_file_set_contents (path, ini, -1, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  PrismRetryPolicy policy;
  PrismSession *session;
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      /* meson's TAP reader counts exit code 77 as an error. */
      printf ("1..0 # SKIP no display; run the tests through the README's test command\n");
      return 0;
    }

  /* Before anything asks GLib for these directories, which it keeps. */
  the_dir = g_dir_make_tmp ("prism-chat-XXXXXX", NULL);
  g_assert_nonnull (the_dir);
  for (guint i = 0; i < 3; i++)
    {
      const char *variables[] = { "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME" };
      const char *names[] = { "config", "data", "cache" };
      g_autofree char *dir = g_build_filename (the_dir, names[i], NULL);

      g_setenv (variables[i], dir, TRUE);
    }
  g_setenv ("OPENAI_API_KEY", PRISM_FAKE_PROVIDER_KEY, TRUE);
  g_setenv ("ANTHROPIC_API_KEY", PRISM_FAKE_PROVIDER_KEY, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  /* GTK 4.8 may warn that it snapshots a box not yet allocated while the
   * leaflet folds mid-frame (seen only under the sanitizers' slowness);
   * criticals stay fatal, and every case asserts on what it shows. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  adw_init ();

  the_fake = prism_fake_provider_new ();
  prism_fake_provider_start (the_fake, 0, &error);
  g_assert_no_error (error);
  write_providers_ini ();

  the_app = prism_application_new ();
  g_application_set_flags (G_APPLICATION (the_app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (the_app), NULL, NULL));

  session = prism_application_get_session (the_app);
  iterate_until (session_ready, session, "the history to open");

  /* A failure is shown at once rather than after the real retry waits. */
  prism_retry_policy_init_default (&policy);
  policy.max_retries = 0;
  prism_client_set_retry_policy (prism_session_get_client (session), &policy);

  g_test_add ("/prism/chat/pick-model", Fixture, NULL, fixture_set_up, test_chat_pick_model, fixture_tear_down);
  g_test_add ("/prism/chat/send", Fixture, NULL, fixture_set_up, test_chat_send, fixture_tear_down);
  g_test_add ("/prism/chat/stop", Fixture, NULL, fixture_set_up, test_chat_stop, fixture_tear_down);
  g_test_add ("/prism/chat/regenerate", Fixture, NULL, fixture_set_up, test_chat_regenerate, fixture_tear_down);
  g_test_add ("/prism/chat/search", Fixture, NULL, fixture_set_up, test_chat_search, fixture_tear_down);
  g_test_add ("/prism/chat/provider-error", Fixture, NULL, fixture_set_up, test_chat_provider_error, fixture_tear_down);
  g_test_add ("/prism/chat/reasoning", Fixture, NULL, fixture_set_up, test_chat_reasoning, fixture_tear_down);
  g_test_add ("/prism/chat/estimate", Fixture, NULL, fixture_set_up, test_chat_estimate, fixture_tear_down);
  g_test_add ("/prism/chat/reopen", Fixture, NULL, fixture_set_up, test_chat_reopen, fixture_tear_down);
  g_test_add ("/prism/chat/narrow", Fixture, NULL, fixture_set_up, test_chat_narrow, fixture_tear_down);
  g_test_add ("/prism/chat/refresh-models", Fixture, NULL, fixture_set_up, test_chat_refresh_models, fixture_tear_down);
  g_test_add ("/prism/chat/keyboard", Fixture, NULL, fixture_set_up, test_chat_keyboard, fixture_tear_down);
  g_test_add ("/prism/chat/listed-at-once", Fixture, NULL, fixture_set_up, test_chat_listed_at_once, fixture_tear_down);
  g_test_add ("/prism/chat/delete-undo", Fixture, NULL, fixture_set_up, test_chat_delete_undo, fixture_tear_down);

  status = g_test_run ();

  for (GList *windows; (windows = gtk_application_get_windows (GTK_APPLICATION (the_app))) != NULL;)
    gtk_window_destroy (windows->data);
  g_clear_object (&the_app);
  prism_fake_provider_stop (the_fake);
  g_clear_object (&the_fake);

  return status;
}
