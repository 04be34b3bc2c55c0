/* prism-store-records.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-store"

#include "config.h"

#include <math.h>

#include "prism-store-private.h"

/* The records are atomic reference-counted boxes: the worker thread makes
 * them, the main thread reads them, and a list model can hold them
 * without copying. */

#define DEFINE_RECORD(Type, type, clear_body)                            \
  G_DEFINE_BOXED_TYPE (Type, type, type##_copy, type##_free)             \
  Type *                                                                 \
  type##_copy (Type *self)                                               \
  {                                                                      \
    g_return_val_if_fail (self != NULL, NULL);                           \
    return g_atomic_rc_box_acquire (self);                               \
  }                                                                      \
  static void                                                            \
  type##_clear (gpointer data)                                           \
  {                                                                      \
    Type *self = data;                                                   \
    clear_body                                                           \
  }                                                                      \
  void                                                                   \
  type##_free (Type *self)                                               \
  {                                                                      \
    g_return_if_fail (self != NULL);                                     \
    g_atomic_rc_box_release_full (self, type##_clear);                   \
  }

DEFINE_RECORD (PrismAttempt, prism_attempt,
  g_free (self->message_id);
  g_free (self->model);
  g_free (self->provider);
  g_free (self->error_kind);
  g_free (self->error_message);
)

DEFINE_RECORD (PrismMessage, prism_message,
  g_free (self->id);
  g_free (self->conversation_id);
  g_free (self->parent_id);
  g_free (self->role);
  g_free (self->content);
  g_free (self->reasoning);
  g_free (self->attachments);
  g_free (self->model);
  g_free (self->error);
  g_free (self->comparison_id);
  g_clear_pointer (&self->attempts, g_ptr_array_unref);
)

DEFINE_RECORD (PrismComparison, prism_comparison,
  g_free (self->id);
  g_free (self->parent_id);
  g_free (self->winner_id);
)

DEFINE_RECORD (PrismConversation, prism_conversation,
  g_free (self->id);
  g_free (self->title);
  g_free (self->project);
  g_strfreev (self->models);
  g_clear_pointer (&self->messages, g_ptr_array_unref);
  g_clear_pointer (&self->comparisons, g_ptr_array_unref);
)

DEFINE_RECORD (PrismSearchHit, prism_search_hit,
  g_free (self->conversation_id);
  g_free (self->title);
  g_free (self->message_id);
  g_free (self->snippet);
)

DEFINE_RECORD (PrismSpendRow, prism_spend_row,
  g_free (self->key);
  g_free (self->day);
)

DEFINE_RECORD (PrismBudget, prism_budget,
  g_free (self->scope);
  g_free (self->target);
  g_free (self->period);
  g_free (self->action);
)

DEFINE_RECORD (PrismProject, prism_project,
  g_free (self->name);
)

DEFINE_RECORD (PrismVoteMatch, prism_vote_match,
  g_free (self->winner);
  g_free (self->loser);
)

/**
 * prism_attempt_new:
 *
 * Returns: (transfer full): an attempt with unknown usage, cost and
 *   prices, for the caller to fill in and pass to
 *   prism_store_record_attempt()
 */
PrismAttempt *
prism_attempt_new (void)
{
  PrismAttempt *self = g_atomic_rc_box_new0 (PrismAttempt);

  self->cost_usd = NAN;
  self->ttft_ms = NAN;
  self->latency_ms = NAN;
  self->project_id = PRISM_STORE_DEFAULT_PROJECT;
  prism_prices_init_unknown (&self->prices);

  return self;
}

PrismAttempt *
_prism_attempt_dup (const PrismAttempt *attempt)
{
  PrismAttempt *self = g_atomic_rc_box_new0 (PrismAttempt);

  *self = *attempt;
  self->message_id = g_strdup (attempt->message_id);
  self->model = g_strdup (attempt->model);
  self->provider = g_strdup (attempt->provider);
  self->error_kind = g_strdup (attempt->error_kind);
  self->error_message = g_strdup (attempt->error_message);

  return self;
}

PrismMessage *
_prism_message_new (void)
{
  PrismMessage *self = g_atomic_rc_box_new0 (PrismMessage);

  self->cost_usd = NAN;
  self->attempts = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_attempt_free);

  return self;
}

PrismConversation *
_prism_conversation_new (void)
{
  PrismConversation *self = g_atomic_rc_box_new0 (PrismConversation);

  self->cost_usd = NAN;
  self->project_id = PRISM_STORE_DEFAULT_PROJECT;

  return self;
}

PrismComparison *
_prism_comparison_new (void)
{
  return g_atomic_rc_box_new0 (PrismComparison);
}

PrismSearchHit *
_prism_search_hit_new (void)
{
  return g_atomic_rc_box_new0 (PrismSearchHit);
}

PrismSpendRow *
_prism_spend_row_new (void)
{
  return g_atomic_rc_box_new0 (PrismSpendRow);
}

PrismProject *
_prism_project_new (void)
{
  return g_atomic_rc_box_new0 (PrismProject);
}

PrismVoteMatch *
_prism_vote_match_new (void)
{
  return g_atomic_rc_box_new0 (PrismVoteMatch);
}

PrismBudget *
_prism_budget_new (void)
{
  return g_atomic_rc_box_new0 (PrismBudget);
}

static const char * const statuses[] = {
  [PRISM_MESSAGE_STATUS_COMPLETE] = "complete",
  [PRISM_MESSAGE_STATUS_PARTIAL] = "partial",
  [PRISM_MESSAGE_STATUS_ERROR] = "error",
  [PRISM_MESSAGE_STATUS_CANCELLED] = "cancelled",
  [PRISM_MESSAGE_STATUS_STREAMING] = "streaming",
};

const char *
prism_message_status_to_string (PrismMessageStatus status)
{
  if ((guint)status < G_N_ELEMENTS (statuses))
    return statuses[status];

  return "error";
}

gboolean
prism_message_status_from_string (const char         *str,
                                  PrismMessageStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      if (g_strcmp0 (statuses[i], str) == 0)
        {
          *status = i;
          return TRUE;
        }
    }

  return FALSE;
}

PrismMessage *
prism_conversation_find_message (PrismConversation *self,
                                 const char        *message_id)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (message_id != NULL, NULL);

  if (self->messages == NULL)
    return NULL;

  for (guint i = 0; i < self->messages->len; i++)
    {
      PrismMessage *message = g_ptr_array_index (self->messages, i);

      if (g_str_equal (message->id, message_id))
        return message;
    }

  return NULL;
}

/**
 * prism_conversation_get_path:
 * @leaf_id: (nullable): the last message of the branch, or %NULL for the
 *   newest message
 *
 * Returns: (transfer container) (element-type PrismMessage): the messages
 *   from the root of the tree down to @leaf_id, the branch a person sees
 */
GPtrArray *
prism_conversation_get_path (PrismConversation *self,
                             const char        *leaf_id)
{
  GPtrArray *path = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_message_free);
  PrismMessage *message = NULL;

  g_return_val_if_fail (self != NULL, path);

  if (self->messages == NULL || self->messages->len == 0)
    return path;

  if (leaf_id != NULL)
    message = prism_conversation_find_message (self, leaf_id);
  else
    message = g_ptr_array_index (self->messages, self->messages->len - 1);

  /* A bound on the walk keeps a damaged cycle from looping forever. */
  for (guint steps = 0; message != NULL && steps <= self->messages->len; steps++)
    {
      g_ptr_array_insert (path, 0, prism_message_copy (message));
      message = message->parent_id ? prism_conversation_find_message (self, message->parent_id) : NULL;
    }

  return path;
}

/**
 * prism_conversation_get_siblings:
 *
 * Returns: (transfer container) (element-type PrismMessage): the messages
 *   that share @message_id's parent, itself included, oldest first: the
 *   edits, regenerations and comparison answers of one turn
 */
GPtrArray *
prism_conversation_get_siblings (PrismConversation *self,
                                 const char        *message_id)
{
  GPtrArray *siblings = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_message_free);
  PrismMessage *message;

  g_return_val_if_fail (self != NULL, siblings);
  g_return_val_if_fail (message_id != NULL, siblings);

  message = prism_conversation_find_message (self, message_id);
  if (message == NULL)
    return siblings;

  for (guint i = 0; i < self->messages->len; i++)
    {
      PrismMessage *other = g_ptr_array_index (self->messages, i);

      if (g_strcmp0 (other->parent_id, message->parent_id) == 0)
        g_ptr_array_add (siblings, prism_message_copy (other));
    }

  return siblings;
}

/**
 * prism_search_hit_get_snippet_markup:
 *
 * Returns: (transfer full): the snippet as Pango markup, the matches in
 *   bold
 */
char *
prism_search_hit_get_snippet_markup (PrismSearchHit *self)
{
  GString *markup = g_string_new (NULL);
  const char *p;

  g_return_val_if_fail (self != NULL, g_string_free (markup, FALSE));

  for (p = self->snippet ? self->snippet : ""; *p != '\0';)
    {
      const char *next = strpbrk (p, PRISM_STORE_MATCH_START PRISM_STORE_MATCH_END);
      g_autofree char *escaped = g_markup_escape_text (p, next ? next - p : -1);

      g_string_append (markup, escaped);
      if (next == NULL)
        break;
      g_string_append (markup, *next == PRISM_STORE_MATCH_START[0] ? "<b>" : "</b>");
      p = next + 1;
    }

  return g_string_free (markup, FALSE);
}
