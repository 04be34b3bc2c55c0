/* prism-comparison-run-history.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-comparison-run"

#include "config.h"

#include "prism-comparison-run-private.h"

#include <glib/gi18n-lib.h>

#include "prism-error.h"

static gboolean
superseded (PrismConversation *conversation,
            guint              index)
{
  PrismMessage *message = g_ptr_array_index (conversation->messages, index);

  if (message->status == PRISM_MESSAGE_STATUS_COMPLETE)
    return FALSE;

  for (guint i = index + 1; i < conversation->messages->len; i++)
    {
      PrismMessage *later = g_ptr_array_index (conversation->messages, i);

      if (g_strcmp0 (later->comparison_id, message->comparison_id) == 0 &&
          g_strcmp0 (later->model, message->model) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * prism_comparison_run_new_from_history:
 * @client: the client a retry sends with
 * @store: the history
 * @conversation_id: the conversation holding the comparison
 * @comparison_id: the comparison group
 * @error: %PRISM_ERROR_STORE when either is not in the history
 *
 * Reopens a stored comparison as it was: one ended pane per answer, with
 * its text, tokens, cost and times, and the winner marked. An answer
 * that failed and was asked again later shows as its later answer. A
 * pane that failed or was stopped can be retried; votes are stored as in
 * a new comparison.
 *
 * Returns: (transfer full) (nullable): the reopened comparison
 */
PrismComparisonRun *
prism_comparison_run_new_from_history (PrismClient  *client,
                                       PrismStore   *store,
                                       const char   *conversation_id,
                                       const char   *comparison_id,
                                       GError      **error)
{
  g_autoptr(PrismComparisonRun) self = NULL;
  PrismComparison *comparison = NULL;
  PrismMessage *prompt;
  g_autoptr(GPtrArray) path = NULL;

  g_return_val_if_fail (PRISM_IS_CLIENT (client), NULL);
  g_return_val_if_fail (PRISM_IS_STORE (store), NULL);
  g_return_val_if_fail (conversation_id != NULL, NULL);
  g_return_val_if_fail (comparison_id != NULL, NULL);

  self = g_object_new (PRISM_TYPE_COMPARISON_RUN, NULL);
  self->client = g_object_ref (client);
  self->store = g_object_ref (store);
  self->reopened = TRUE;

  self->conversation = prism_store_get_conversation (store, conversation_id, error);
  if (self->conversation == NULL)
    return NULL;

  for (guint i = 0; i < self->conversation->comparisons->len; i++)
    if (g_str_equal (((PrismComparison *)g_ptr_array_index (self->conversation->comparisons, i))->id, comparison_id))
      comparison = g_ptr_array_index (self->conversation->comparisons, i);

  prompt = comparison && comparison->parent_id
           ? prism_conversation_find_message (self->conversation, comparison->parent_id)
           : NULL;
  if (prompt == NULL)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("Conversation %s has no comparison %s with its prompt."), conversation_id, comparison_id);
      return NULL;
    }

  self->prompt = g_strdup (prompt->content);
  self->conversation_id = g_strdup (conversation_id);
  self->prompt_id = g_strdup (prompt->id);
  self->comparison_id = g_strdup (comparison_id);

  for (guint i = 0; i < self->conversation->messages->len; i++)
    {
      PrismMessage *message = g_ptr_array_index (self->conversation->messages, i);
      PrismComparisonPane *pane;

      if (g_strcmp0 (message->comparison_id, comparison_id) != 0 || !g_str_equal (message->role, "assistant") ||
          superseded (self->conversation, i))
        continue;

      pane = _prism_comparison_pane_new_stored (self->panes->len, message);
      _prism_comparison_pane_set_winner (pane, g_strcmp0 (comparison->winner_id, message->id) == 0);
      g_ptr_array_add (self->panes, pane);
    }

  /* A retry asks what was asked then: the conversation up to the prompt. */
  self->request = prism_chat_request_new ();
  prism_chat_request_set_stream (self->request, TRUE);
  path = prism_conversation_get_path (self->conversation, prompt->id);
  for (guint i = 0; i < path->len; i++)
    {
      PrismMessage *message = g_ptr_array_index (path, i);

      if (message->content == NULL || message->content[0] == '\0')
        continue;
      if (g_str_equal (message->role, "user"))
        prism_chat_request_add_text (self->request, PRISM_CHAT_ROLE_USER, message->content);
      else if (g_str_equal (message->role, "assistant"))
        prism_chat_request_add_text (self->request, PRISM_CHAT_ROLE_ASSISTANT, message->content);
      else if (g_str_equal (message->role, "system"))
        prism_chat_request_set_system_prompt (self->request, message->content);
    }

  return g_steal_pointer (&self);
}

/**
 * prism_comparison_run_get_reopened:
 * @self: a #PrismComparisonRun
 *
 * Returns: whether it was reopened from the history rather than sent now
 */
gboolean
prism_comparison_run_get_reopened (PrismComparisonRun *self)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_RUN (self), FALSE);

  return self->reopened;
}
