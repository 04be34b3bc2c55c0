/* prism-comparison-run-private.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prism-comparison-pane-private.h"
#include "prism-comparison-run.h"

G_BEGIN_DECLS

/* One prompt sent to 2–6 models at once, each answer in its own pane.
 * prism-comparison-run.c sends and stops, -history.c reopens, -votes.c
 * votes, -fuse.c merges, -summary.c tabulates. */
struct _PrismComparisonRun
{
  GObject            parent_instance;

  PrismClient       *client;
  PrismStore        *store;
  GPtrArray         *panes;             /* of PrismComparisonPane */
  PrismConversation *conversation;      /* the one continued, or NULL */

  char              *prompt;
  char              *system_prompt;
  gint64             max_tokens;
  gint64             project_id;
  double             cost_cap;

  PrismChatRequest  *request;
  char              *conversation_id;
  char              *prompt_id;
  char              *comparison_id;
  guint              n_running;
  gboolean           reopened;
};

void     _prism_comparison_run_start_pane  (PrismComparisonRun  *self,
                                            PrismComparisonPane *pane);
gboolean _prism_comparison_pane_has_answer (PrismComparisonPane *pane);

G_END_DECLS
