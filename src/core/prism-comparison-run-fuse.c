/* prism-comparison-run-fuse.c
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

/* Fusion: a chosen model reads the prompt and the panes' answers and
 * writes one answer from them, as big-AGI's Beam and Chorus do. It is a
 * pane of its own, sent, costed and kept in the history like any other
 * answer of the comparison. The instructions are for the model, so they
 * are not translated.
 */

static const char fuse_instructions[] =
  "You are given a question and several answers to it, each written by a different AI model. "
  "Write the single best answer to the question: keep what is correct and useful in each answer, "
  "correct what is wrong, and leave out repetition. Answer the question directly, in the format "
  "that suits it; do not mention the other answers or the models.";

static PrismChatRequest *
build_fuse_request (PrismComparisonRun *self,
                    GPtrArray          *answers)
{
  PrismChatRequest *request = prism_chat_request_new ();
  g_autoptr(GString) text = g_string_new (NULL);

  prism_chat_request_set_system_prompt (request, fuse_instructions);
  prism_chat_request_set_stream (request, TRUE);
  if (self->max_tokens > 0)
    prism_chat_request_set_max_tokens (request, self->max_tokens);

  g_string_append_printf (text, "Question:\n\n%s\n", self->prompt);
  for (guint i = 0; i < answers->len; i++)
    {
      PrismComparisonPane *pane = g_ptr_array_index (answers, i);

      g_string_append_printf (text, "\n---\n\nAnswer %u (%s):\n\n%s\n", i + 1,
                              prism_comparison_pane_get_model (pane),
                              prism_comparison_pane_get_content (pane));
    }
  prism_chat_request_add_text (request, PRISM_CHAT_ROLE_USER, text->str);

  return request;
}

/**
 * prism_comparison_run_fuse:
 * @self: a #PrismComparisonRun whose answers have ended
 * @model: the model that merges them, `PROVIDER:MODEL`
 * @error: %PRISM_ERROR_CONFIG when there are not two answers to merge or
 *   @model cannot be asked
 *
 * Asks @model to merge the answers with text into one, in a new pane at
 * the end of the list (the list model says "items-changed").
 *
 * Returns: (transfer none) (nullable): the new pane, streaming
 */
PrismComparisonPane *
prism_comparison_run_fuse (PrismComparisonRun  *self,
                           const char          *model,
                           GError             **error)
{
  g_autoptr(GPtrArray) answers = g_ptr_array_new ();
  g_autoptr(PrismChatRequest) request = NULL;
  PrismComparisonPane *pane;
  guint position;

  g_return_val_if_fail (PRISM_IS_COMPARISON_RUN (self), NULL);
  g_return_val_if_fail (model != NULL, NULL);

  if (self->request == NULL || self->n_running > 0)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("Wait for every answer to end before merging them."));
      return NULL;
    }

  for (guint i = 0; i < self->panes->len; i++)
    {
      PrismComparisonPane *answer = g_ptr_array_index (self->panes, i);

      /* A fusion is not merged again into the next one. */
      if (_prism_comparison_pane_has_answer (answer) && !prism_comparison_pane_get_fusion (answer))
        g_ptr_array_add (answers, answer);
    }

  if (answers->len < 2)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("Merging needs two answers with text; there are %u."), answers->len);
      return NULL;
    }

  if (!prism_client_check_model (self->client, model, error))
    return NULL;

  request = build_fuse_request (self, answers);
  position = self->panes->len;
  pane = _prism_comparison_pane_new (position, model);
  _prism_comparison_pane_set_request (pane, request);
  g_ptr_array_add (self->panes, pane);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);

  _prism_comparison_run_start_pane (self, pane);

  return pane;
}
