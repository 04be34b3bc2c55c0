/* prism-completion.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prism-client.h"
#include "prism-cost.h"
#include "prism-retry.h"
#include "prism-stream-event.h"
#include "prism-usage.h"

G_BEGIN_DECLS

/**
 * PrismCompletionStatus:
 * @PRISM_COMPLETION_PENDING: not started, or waiting for its first byte
 * @PRISM_COMPLETION_STREAMING: tokens are arriving
 * @PRISM_COMPLETION_COMPLETE: the provider finished the answer
 * @PRISM_COMPLETION_PARTIAL: it failed after some of the answer arrived;
 *   what arrived is kept
 * @PRISM_COMPLETION_ERROR: it failed before anything arrived
 * @PRISM_COMPLETION_CANCELLED: it was stopped; what arrived is kept
 *
 * Where an answer stands. The last four are the `status` values the
 * history stores (`complete|partial|error|cancelled`).
 */
typedef enum
{
  PRISM_COMPLETION_PENDING,
  PRISM_COMPLETION_STREAMING,
  PRISM_COMPLETION_COMPLETE,
  PRISM_COMPLETION_PARTIAL,
  PRISM_COMPLETION_ERROR,
  PRISM_COMPLETION_CANCELLED,
} PrismCompletionStatus;

const char *prism_completion_status_to_string (PrismCompletionStatus status);

#define PRISM_TYPE_COMPLETION (prism_completion_get_type ())

G_DECLARE_FINAL_TYPE (PrismCompletion, prism_completion, PRISM, COMPLETION, GObject)

PrismCompletion      *prism_completion_new                 (PrismClient         *client,
                                                            const char * const  *models,
                                                            PrismChatRequest    *request);
void                  prism_completion_set_project         (PrismCompletion     *self,
                                                            const char          *project);
void                  prism_completion_run_async           (PrismCompletion     *self,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean              prism_completion_run_finish          (PrismCompletion     *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);
const char * const   *prism_completion_get_models          (PrismCompletion     *self);
const char           *prism_completion_get_model           (PrismCompletion     *self);
const char           *prism_completion_get_served_by       (PrismCompletion     *self);
PrismCompletionStatus prism_completion_get_status          (PrismCompletion     *self);
const char           *prism_completion_get_content         (PrismCompletion     *self);
const char           *prism_completion_get_reasoning       (PrismCompletion     *self);
GPtrArray            *prism_completion_get_tool_calls      (PrismCompletion     *self);
gboolean              prism_completion_get_finish_reason   (PrismCompletion     *self,
                                                            PrismFinishReason   *reason,
                                                            const char         **raw_reason);
const PrismUsage     *prism_completion_get_usage           (PrismCompletion     *self);
double                prism_completion_get_cost            (PrismCompletion     *self,
                                                            PrismCostSource     *source);
const PrismPrices    *prism_completion_get_prices          (PrismCompletion     *self);
double                prism_completion_get_ttft_ms         (PrismCompletion     *self);
double                prism_completion_get_latency_ms      (PrismCompletion     *self);
double                prism_completion_get_tokens_per_second (PrismCompletion   *self);
GPtrArray            *prism_completion_get_attempts        (PrismCompletion     *self);
const GError         *prism_completion_get_error           (PrismCompletion     *self);
GDateTime            *prism_completion_get_started_at      (PrismCompletion     *self);

G_END_DECLS
