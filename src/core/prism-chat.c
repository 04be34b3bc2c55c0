/* prism-chat.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-chat"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "prism-chat.h"

#include "prism-error.h"
#include "prism-recorder.h"

/* One open conversation: the branch a person sees as a list of
 * #PrismMessageItem, and the one answer that may be streaming into it.
 * Prompts are stored before anything is sent and answers are kept as
 * they stream (PrismRecorder), so nothing typed or received is lost.
 */
struct _PrismChat
{
  GObject           parent_instance;

  PrismSession     *session;
  char             *conversation_id;
  char             *title;
  GListStore       *messages;

  PrismCompletion  *completion;
  PrismRecorder    *recorder;
  PrismMessageItem *streaming;
  GCancellable     *cancellable;
  GCancellable     *load_cancellable;
  gboolean          record_reasoning;

  /* The branch to show when loading, NULL for the newest. */
  char             *leaf_id;
};

G_DEFINE_FINAL_TYPE (PrismChat, prism_chat, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONVERSATION_ID,
  PROP_TITLE,
  PROP_BUSY,
  PROP_RECORD_REASONING,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
prism_chat_dispose (GObject *object)
{
  PrismChat *self = (PrismChat *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->messages);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (prism_chat_parent_class)->dispose (object);
}

static void
prism_chat_finalize (GObject *object)
{
  PrismChat *self = (PrismChat *)object;

  g_free (self->conversation_id);
  g_free (self->title);
  g_free (self->leaf_id);

  G_OBJECT_CLASS (prism_chat_parent_class)->finalize (object);
}

static void
prism_chat_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PrismChat *self = PRISM_CHAT (object);

  switch (prop_id)
    {
    case PROP_CONVERSATION_ID:
      g_value_set_string (value, self->conversation_id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, prism_chat_get_busy (self));
      break;

    case PROP_RECORD_REASONING:
      g_value_set_boolean (value, self->record_reasoning);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_chat_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PrismChat *self = PRISM_CHAT (object);

  switch (prop_id)
    {
    case PROP_RECORD_REASONING:
      if (self->record_reasoning != g_value_get_boolean (value))
        {
          self->record_reasoning = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_chat_class_init (PrismChatClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = prism_chat_dispose;
  object_class->finalize = prism_chat_finalize;
  object_class->get_property = prism_chat_get_property;
  object_class->set_property = prism_chat_set_property;

  properties [PROP_CONVERSATION_ID] =
    g_param_spec_string ("conversation-id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Whether answers' reasoning is kept in the history (it is always
   * shown while it streams). */
  properties [PROP_RECORD_REASONING] =
    g_param_spec_boolean ("record-reasoning", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PrismChat::finished:
   * @item: the answer that ended, whatever its status
   */
  signals [FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, PRISM_TYPE_MESSAGE_ITEM);
}

static void
prism_chat_init (PrismChat *self)
{
  self->messages = g_list_store_new (PRISM_TYPE_MESSAGE_ITEM);
  self->record_reasoning = TRUE;
}

/**
 * prism_chat_new:
 * @session: an open #PrismSession
 *
 * Returns: (transfer full): a new #PrismChat with no conversation yet
 */
PrismChat *
prism_chat_new (PrismSession *session)
{
  PrismChat *self;

  g_return_val_if_fail (PRISM_IS_SESSION (session), NULL);

  self = g_object_new (PRISM_TYPE_CHAT, NULL);
  self->session = g_object_ref (session);

  return self;
}

const char *
prism_chat_get_conversation_id (PrismChat *self)
{
  g_return_val_if_fail (PRISM_IS_CHAT (self), NULL);
  return self->conversation_id;
}

const char *
prism_chat_get_title (PrismChat *self)
{
  g_return_val_if_fail (PRISM_IS_CHAT (self), NULL);
  return self->title;
}

gboolean
prism_chat_get_busy (PrismChat *self)
{
  g_return_val_if_fail (PRISM_IS_CHAT (self), FALSE);
  return self->completion != NULL;
}

/**
 * prism_chat_get_messages:
 *
 * Returns: (transfer none): the #PrismMessageItem of the branch shown
 */
GListModel *
prism_chat_get_messages (PrismChat *self)
{
  g_return_val_if_fail (PRISM_IS_CHAT (self), NULL);
  return G_LIST_MODEL (self->messages);
}

/**
 * prism_chat_get_completion:
 *
 * Returns: (transfer none) (nullable): the answer streaming now
 */
PrismCompletion *
prism_chat_get_completion (PrismChat *self)
{
  g_return_val_if_fail (PRISM_IS_CHAT (self), NULL);
  return self->completion;
}

static gboolean
set_str (char       **ptr,
         const char  *value)
{
  if (g_strcmp0 (*ptr, value) == 0)
    return FALSE;

  g_free (*ptr);
  *ptr = g_strdup (value);

  return TRUE;
}

static void
set_conversation (PrismChat  *self,
                  const char *id,
                  const char *title)
{
  if (set_str (&self->conversation_id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CONVERSATION_ID]);
  if (set_str (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TITLE]);
}

static void
mark_last (PrismChat *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->messages));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PrismMessageItem) item = g_list_model_get_item (G_LIST_MODEL (self->messages), i);

      prism_message_item_set_is_last (item, i == n - 1);
    }
}

/* Shows the branch of @conversation down to self->leaf_id, or its
 * newest message. */
static void
show_conversation (PrismChat         *self,
                   PrismConversation *conversation)
{
  g_autoptr(GPtrArray) path = NULL;
  g_autoptr(GPtrArray) items = NULL;

  set_conversation (self, conversation->id, conversation->title);

  path = prism_conversation_get_path (conversation, self->leaf_id);
  g_clear_pointer (&self->leaf_id, g_free);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < path->len; i++)
    {
      PrismMessage *message = g_ptr_array_index (path, i);
      g_autoptr(GPtrArray) siblings = NULL;
      PrismMessageItem *item;

      if (!g_str_equal (message->role, "user") && !g_str_equal (message->role, "assistant"))
        continue;

      item = prism_message_item_new_from_message (message);
      siblings = prism_conversation_get_siblings (conversation, message->id);
      for (guint j = 0; j < siblings->len; j++)
        {
          if (g_str_equal (((PrismMessage *)g_ptr_array_index (siblings, j))->id, message->id))
            prism_message_item_set_siblings (item, j, siblings->len);
        }
      g_ptr_array_add (items, item);
    }

  g_list_store_splice (self->messages, 0, g_list_model_get_n_items (G_LIST_MODEL (self->messages)),
                       items->pdata, items->len);
  mark_last (self);
}

static void
get_conversation_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(PrismChat) self = user_data;
  g_autoptr(PrismConversation) conversation = NULL;
  g_autoptr(GError) error = NULL;

  conversation = prism_store_get_conversation_finish (PRISM_STORE (object), result, &error);
  if (conversation == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not open the conversation: %s", error->message);
      return;
    }

  show_conversation (self, conversation);
}

/**
 * prism_chat_open:
 * @self: a #PrismChat
 * @conversation_id: a conversation of the history
 *
 * Stops any answer still streaming and shows @conversation_id's newest
 * branch; the messages arrive from the history in the background.
 */
void
prism_chat_open (PrismChat  *self,
                 const char *conversation_id)
{
  PrismStore *store;

  g_return_if_fail (PRISM_IS_CHAT (self));
  g_return_if_fail (conversation_id != NULL);

  if (g_strcmp0 (conversation_id, self->conversation_id) == 0)
    return;

  prism_chat_clear (self);

  store = prism_session_get_store (self->session);
  if (store == NULL)
    return;

  self->load_cancellable = g_cancellable_new ();
  prism_store_get_conversation_async (store, conversation_id, self->load_cancellable,
                                      get_conversation_cb, g_object_ref (self));
}

/**
 * prism_chat_clear:
 *
 * Stops any answer streaming and starts a new, empty conversation; it
 * is stored when its first prompt is sent.
 */
void
prism_chat_clear (PrismChat *self)
{
  g_return_if_fail (PRISM_IS_CHAT (self));

  prism_chat_stop (self);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  g_list_store_remove_all (self->messages);
  set_conversation (self, NULL, NULL);
}

static char *
make_title (const char *prompt)
{
  g_autofree char *line = NULL;
  const char *end = strchr (prompt, '\n');

  line = end ? g_strndup (prompt, end - prompt) : g_strdup (prompt);
  g_strstrip (line);
  if (g_utf8_strlen (line, -1) <= 60)
    return g_steal_pointer (&line);

  return g_strdup_printf ("%.*s…", (int)(g_utf8_offset_to_pointer (line, 59) - line), line);
}

static void
delta_cb (PrismCompletion  *completion,
          PrismStreamEvent *event,
          PrismMessageItem *item)
{
  if (event->kind == PRISM_STREAM_EVENT_CONTENT)
    prism_message_item_append (item, PRISM_STREAM_DELTA_TEXT, event->text);
  else if (event->kind == PRISM_STREAM_EVENT_REASONING)
    prism_message_item_append (item, PRISM_STREAM_DELTA_REASONING, event->text);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(PrismChat) self = user_data;
  g_autoptr(PrismCompletion) completion = PRISM_COMPLETION (object);
  g_autoptr(PrismRecorder) recorder = g_steal_pointer (&self->recorder);
  g_autoptr(PrismMessageItem) item = g_steal_pointer (&self->streaming);
  g_autoptr(GError) error = NULL;

  /* Its failure is the item's error text; run_finish() adds nothing. */
  prism_completion_run_finish (completion, result, NULL);
  g_signal_handlers_disconnect_by_func (completion, delta_cb, item);
  self->completion = NULL;
  g_clear_object (&self->cancellable);

  if (!prism_recorder_finish (recorder, &error))
    g_warning ("Could not keep the answer in the history: %s", error->message);

  prism_message_item_finish (item, completion);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
  g_signal_emit (self, signals [FINISHED], 0, item);

  prism_session_reload_conversations (self->session);
}

/* Asks @model for an answer to the branch up to and including
 * @parent_index, as a child of that message. */
static void
start_answer (PrismChat  *self,
              const char *model,
              guint       parent_index)
{
  const char *models[] = { model, NULL };
  g_autoptr(PrismChatRequest) request = prism_chat_request_new ();
  g_autoptr(PrismMessageItem) parent = NULL;
  PrismStore *store = prism_session_get_store (self->session);

  for (guint i = 0; i <= parent_index; i++)
    {
      g_autoptr(PrismMessageItem) item = g_list_model_get_item (G_LIST_MODEL (self->messages), i);
      const char *content = prism_message_item_get_content (item);

      /* A failed answer with no text is not part of what the model saw. */
      if (content[0] == '\0')
        continue;
      prism_chat_request_add_text (request,
                                   prism_message_item_is_user (item) ? PRISM_CHAT_ROLE_USER
                                                                     : PRISM_CHAT_ROLE_ASSISTANT,
                                   content);
    }

  parent = g_list_model_get_item (G_LIST_MODEL (self->messages), parent_index);

  self->completion = prism_completion_new (prism_session_get_client (self->session), models, request);
  self->cancellable = g_cancellable_new ();
  self->recorder = prism_recorder_new (store, self->completion, self->conversation_id,
                                       prism_message_item_get_id (parent), NULL,
                                       PRISM_STORE_DEFAULT_PROJECT);
  prism_recorder_set_record_reasoning (self->recorder, self->record_reasoning);
  self->streaming = prism_message_item_new_streaming (prism_recorder_get_message_id (self->recorder),
                                                      prism_message_item_get_id (parent), model);
  g_signal_connect_object (self->completion, "delta", G_CALLBACK (delta_cb), self->streaming, 0);

  g_list_store_append (self->messages, self->streaming);
  mark_last (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);

  prism_completion_run_async (self->completion, self->cancellable, run_cb, g_object_ref (self));
}

static gboolean
check_can_send (PrismChat   *self,
                const char  *model,
                GError     **error)
{
  if (self->completion != NULL)
    {
      g_set_error_literal (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                           _("An answer is still arriving. Stop it before sending another prompt."));
      return FALSE;
    }

  if (prism_session_get_store (self->session) == NULL)
    {
      g_set_error_literal (error, PRISM_ERROR, PRISM_ERROR_STORE,
                           _("The history is still opening. Try again in a moment."));
      return FALSE;
    }

  if (model == NULL || model[0] == '\0')
    {
      g_set_error_literal (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                           _("Choose a model first."));
      return FALSE;
    }

  return prism_client_check_model (prism_session_get_client (self->session), model, error);
}

/**
 * prism_chat_send:
 * @self: a #PrismChat
 * @model: `PROVIDER:MODEL`
 * @prompt: what the person wrote
 * @error: a %PRISM_ERROR_CONFIG error when nothing could be sent
 *
 * Stores @prompt (creating the conversation when there is none yet) and
 * starts streaming @model's answer. How the answer ends is told by
 * #PrismChat::finished.
 *
 * Returns: whether the prompt was sent
 */
gboolean
prism_chat_send (PrismChat   *self,
                 const char  *model,
                 const char  *prompt,
                 GError     **error)
{
  g_autoptr(PrismMessageItem) user_item = NULL;
  g_autofree char *message_id = NULL;
  const char *parent_id = NULL;
  PrismStore *store;
  guint n;

  g_return_val_if_fail (PRISM_IS_CHAT (self), FALSE);
  g_return_val_if_fail (prompt != NULL, FALSE);

  if (!check_can_send (self, model, error))
    return FALSE;

  store = prism_session_get_store (self->session);

  if (self->conversation_id == NULL)
    {
      const char *models[] = { model, NULL };
      g_autofree char *title = make_title (prompt);
      g_autoptr(PrismConversation) conversation = NULL;

      conversation = prism_store_create_conversation (store, title, PRISM_STORE_DEFAULT_PROJECT,
                                                      models, error);
      if (conversation == NULL)
        return FALSE;
      set_conversation (self, conversation->id, conversation->title);
      prism_session_reload_conversations (self->session);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->messages));
  if (n > 0)
    {
      g_autoptr(PrismMessageItem) last = g_list_model_get_item (G_LIST_MODEL (self->messages), n - 1);

      parent_id = prism_message_item_get_id (last);
      message_id = prism_store_add_message (store, self->conversation_id, parent_id, "user",
                                            prompt, NULL, NULL, error);
    }
  else
    {
      message_id = prism_store_add_message (store, self->conversation_id, NULL, "user",
                                            prompt, NULL, NULL, error);
    }
  if (message_id == NULL)
    return FALSE;

  user_item = prism_message_item_new_prompt (message_id, parent_id, prompt);
  g_list_store_append (self->messages, user_item);

  start_answer (self, model, n);

  return TRUE;
}

/**
 * prism_chat_regenerate:
 * @self: a #PrismChat
 * @model: the model to ask this time
 * @error: why it cannot
 *
 * Asks again for the last answer; the new one is its sibling in the
 * history's tree and takes its place in the branch shown.
 *
 * Returns: whether a new answer started
 */
gboolean
prism_chat_regenerate (PrismChat   *self,
                       const char  *model,
                       GError     **error)
{
  g_autoptr(PrismMessageItem) last = NULL;
  guint siblings;
  guint n;

  g_return_val_if_fail (PRISM_IS_CHAT (self), FALSE);

  if (!check_can_send (self, model, error))
    return FALSE;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->messages));
  if (n < 2)
    {
      g_set_error_literal (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                           _("There is no answer to regenerate yet."));
      return FALSE;
    }

  last = g_list_model_get_item (G_LIST_MODEL (self->messages), n - 1);
  if (prism_message_item_is_user (last))
    {
      start_answer (self, model, n - 1);
      return TRUE;
    }

  g_list_store_remove (self->messages, n - 1);
  start_answer (self, model, n - 2);

  /* The new answer is the newest of its turn. */
  siblings = prism_message_item_get_n_siblings (last) + 1;
  prism_message_item_set_siblings (self->streaming, siblings - 1, siblings);

  return TRUE;
}

static void
sibling_conversation_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PrismChat *self = g_task_get_source_object (task);
  int step = GPOINTER_TO_INT (g_task_get_task_data (task));
  g_autoptr(PrismConversation) conversation = NULL;
  g_autoptr(GPtrArray) siblings = NULL;
  g_autoptr(GError) error = NULL;
  const char *message_id = g_object_get_data (G_OBJECT (task), "message-id");
  const char *leaf;
  int index = -1;

  conversation = prism_store_get_conversation_finish (PRISM_STORE (object), result, &error);
  if (conversation == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, PRISM_ERROR, PRISM_ERROR_STORE, _("The conversation is gone."));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  siblings = prism_conversation_get_siblings (conversation, message_id);
  for (guint i = 0; i < siblings->len; i++)
    {
      if (g_str_equal (((PrismMessage *)g_ptr_array_index (siblings, i))->id, message_id))
        index = i;
    }
  if (index < 0 || index + step < 0 || index + step >= (int)siblings->len)
    {
      g_set_error_literal (&error, PRISM_ERROR, PRISM_ERROR_CONFIG, _("There is no other answer that way."));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Down the chosen sibling's branch to its newest message. */
  leaf = ((PrismMessage *)g_ptr_array_index (siblings, index + step))->id;
  for (gboolean found = TRUE; found;)
    {
      found = FALSE;
      for (guint i = conversation->messages->len; i > 0; i--)
        {
          PrismMessage *child = g_ptr_array_index (conversation->messages, i - 1);

          if (g_strcmp0 (child->parent_id, leaf) == 0)
            {
              leaf = child->id;
              found = TRUE;
              break;
            }
        }
    }

  g_free (self->leaf_id);
  self->leaf_id = g_strdup (leaf);
  show_conversation (self, conversation);
  g_task_return_boolean (task, TRUE);
}

/**
 * prism_chat_show_sibling_async:
 * @self: a #PrismChat, not streaming
 * @message_id: a message of the branch shown
 * @step: -1 for the older answer of its turn, 1 for the newer
 *
 * Shows the branch through @message_id's sibling, down to its newest
 * message; the messages arrive from the history in the background.
 */
void
prism_chat_show_sibling_async (PrismChat           *self,
                               const char          *message_id,
                               int                  step,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PRISM_IS_CHAT (self));
  g_return_if_fail (message_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, prism_chat_show_sibling_async);
  g_task_set_task_data (task, GINT_TO_POINTER (step), NULL);
  g_object_set_data_full (G_OBJECT (task), "message-id", g_strdup (message_id), g_free);

  if (self->completion != NULL || self->conversation_id == NULL)
    {
      g_task_return_new_error (task, PRISM_ERROR, PRISM_ERROR_CONFIG, "%s",
                               _("Wait for the answer to end before moving between answers."));
      return;
    }

  prism_store_get_conversation_async (prism_session_get_store (self->session), self->conversation_id,
                                      cancellable, sibling_conversation_cb, g_steal_pointer (&task));
}

gboolean
prism_chat_show_sibling_finish (PrismChat     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (PRISM_IS_CHAT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * prism_chat_stop:
 *
 * Cancels the answer streaming, if any; what arrived is kept, with the
 * status cancelled.
 */
void
prism_chat_stop (PrismChat *self)
{
  g_return_if_fail (PRISM_IS_CHAT (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}
