/* prism-retry.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prism-error.h"
#include "prism-http-client.h"

G_BEGIN_DECLS

/**
 * PrismRandomFunc:
 * @user_data: the data given with it
 *
 * Returns: a number drawn uniformly from [0, 1)
 */
typedef double (*PrismRandomFunc) (gpointer user_data);

/**
 * PrismRetryPolicy:
 * @base_delay_ms: the ceiling of the first backoff
 * @factor: how the ceiling grows with each retry
 * @max_delay_ms: the largest ceiling
 * @max_retries: retries of one model before falling back to the next
 * @max_retry_after_ms: the longest `Retry-After` Prism waits for; a
 *   server that asks for longer sends Prism to the next model at once
 * @random: (nullable): the source of jitter, %NULL for g_random_double()
 * @random_data: data for @random
 *
 * When to send a failed request again, and after how long: exponential
 * backoff with full jitter (a delay drawn from [0, ceiling)), unless the
 * server said how long to wait.
 */
typedef struct
{
  guint           base_delay_ms;
  double          factor;
  guint           max_delay_ms;
  guint           max_retries;
  guint           max_retry_after_ms;
  PrismRandomFunc random;
  gpointer        random_data;
} PrismRetryPolicy;

/**
 * PrismRetryDecision:
 * @PRISM_RETRY_SAME_MODEL: send the same request again after the delay
 * @PRISM_RETRY_NEXT_MODEL: give this model up; try the next of the chain
 * @PRISM_RETRY_STOP: stop: the request succeeded, was cancelled, tokens
 *   already reached the person, or no model is left
 */
typedef enum
{
  PRISM_RETRY_SAME_MODEL,
  PRISM_RETRY_NEXT_MODEL,
  PRISM_RETRY_STOP,
} PrismRetryDecision;

#define PRISM_TYPE_ATTEMPT_RECORD (prism_attempt_record_get_type ())

/**
 * PrismAttemptRecord:
 * @model: the model asked for, "provider:model"
 * @provider: (nullable): the provider id
 * @served_by: (nullable): the model that answered, when the provider
 *   said (OpenRouter's `model` field after a `models` fallback)
 * @http_status: the HTTP status, 0 when no response arrived
 * @error: (nullable): why the attempt failed, in %PRISM_ERROR; %NULL on success
 * @retry_after: (nullable): the server's `Retry-After`, as sent (seconds
 *   or an HTTP date); also a `retry_after` found in a streamed error
 * @retry_after_ms: (nullable): the server's `retry-after-ms`
 * @got_token: whether any content, reasoning or tool call reached the
 *   person before the attempt ended
 * @ttft_us: microseconds to the first token (or byte), -1 when none
 * @latency_us: microseconds from sending to the end of the attempt
 * @started_at: (nullable): when the attempt was sent, wall clock
 * @delay_ms: how long Prism waited before sending it
 *
 * One HTTP attempt of a routed request: every retry and every fallback
 * is one. The router fills it in and hands it to the plan.
 */
typedef struct
{
  char      *model;
  char      *provider;
  char      *served_by;
  guint      http_status;
  GError    *error;
  char      *retry_after;
  char      *retry_after_ms;
  gboolean   got_token;
  gint64     ttft_us;
  gint64     latency_us;
  GDateTime *started_at;
  guint64    delay_ms;
} PrismAttemptRecord;

GType               prism_attempt_record_get_type (void) G_GNUC_CONST;
PrismAttemptRecord *prism_attempt_record_new      (const char               *model);
PrismAttemptRecord *prism_attempt_record_copy     (const PrismAttemptRecord *record);
void                prism_attempt_record_free     (PrismAttemptRecord       *record);
void                prism_attempt_record_set_response (PrismAttemptRecord      *record,
                                                       const PrismHttpResponse *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrismAttemptRecord, prism_attempt_record_free)

void               prism_retry_policy_init_default  (PrismRetryPolicy          *policy);
guint64            prism_retry_policy_backoff       (const PrismRetryPolicy    *policy,
                                                     guint                      retries_done);
PrismRetryDecision prism_retry_policy_decide        (const PrismRetryPolicy    *policy,
                                                     const PrismAttemptRecord  *attempt,
                                                     guint                      retries_done,
                                                     GDateTime                 *now,
                                                     guint64                   *delay_ms);
gboolean           prism_retry_after_parse          (const char                *retry_after,
                                                     const char                *retry_after_ms,
                                                     GDateTime                 *now,
                                                     guint64                   *delay_ms);
void               prism_retry_wait_async           (guint64                    delay_ms,
                                                     GCancellable              *cancellable,
                                                     GAsyncReadyCallback        callback,
                                                     gpointer                   user_data);
gboolean           prism_retry_wait_finish          (GAsyncResult              *result,
                                                     GError                   **error);
gboolean           prism_http_status_is_retryable   (guint                      status);
PrismErrorCode     prism_http_status_to_error_code  (guint                      status);

/**
 * PrismRouterPlanFlags:
 * @PRISM_ROUTER_PLAN_NONE: one candidate per model
 * @PRISM_ROUTER_PLAN_GROUP_OPENROUTER: consecutive `openrouter:` models
 *   make one candidate, sent as one request with OpenRouter's `models`
 *   list, which falls back on OpenRouter's side
 */
typedef enum
{
  PRISM_ROUTER_PLAN_NONE = 0,
  PRISM_ROUTER_PLAN_GROUP_OPENROUTER = 1 << 0,
} PrismRouterPlanFlags;

/**
 * PrismRouterStep:
 * @model: the model to send to ("provider:model")
 * @models: (array zero-terminated=1): every model of the candidate, @model
 *   first; more than one only for an OpenRouter group
 * @n_models: the length of @models
 * @candidate: the index of the candidate in the chain
 * @retry: 0 for the first attempt at a candidate, then 1, 2…
 * @delay_ms: how long to wait before sending
 *
 * The next attempt of a plan. The strings belong to the plan.
 */
typedef struct
{
  const char         *model;
  const char * const *models;
  guint               n_models;
  guint               candidate;
  guint               retry;
  guint64             delay_ms;
} PrismRouterStep;

typedef struct _PrismRouterPlan PrismRouterPlan;

PrismRouterPlan    *prism_router_plan_new          (const char * const       *models,
                                                    const PrismRetryPolicy   *policy,
                                                    PrismRouterPlanFlags      flags);
void                prism_router_plan_free         (PrismRouterPlan          *self);
guint               prism_router_plan_get_n_candidates (PrismRouterPlan      *self);
gboolean            prism_router_plan_next         (PrismRouterPlan          *self,
                                                    PrismRouterStep          *step);
PrismRetryDecision  prism_router_plan_report       (PrismRouterPlan          *self,
                                                    const PrismAttemptRecord *attempt);
gboolean            prism_router_plan_is_finished  (PrismRouterPlan          *self);
gboolean            prism_router_plan_succeeded    (PrismRouterPlan          *self);
const GError       *prism_router_plan_get_error    (PrismRouterPlan          *self);
GPtrArray          *prism_router_plan_get_attempts (PrismRouterPlan          *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrismRouterPlan, prism_router_plan_free)

G_END_DECLS
