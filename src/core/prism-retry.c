/* prism-retry.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-retry"

#include "config.h"

#include "prism-retry.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "prism-model.h"

#define DEFAULT_BASE_DELAY_MS        500
#define DEFAULT_FACTOR               2.0
#define DEFAULT_MAX_DELAY_MS         30000
#define DEFAULT_MAX_RETRIES          3
#define DEFAULT_MAX_RETRY_AFTER_MS   60000

G_DEFINE_BOXED_TYPE (PrismAttemptRecord, prism_attempt_record,
                     prism_attempt_record_copy, prism_attempt_record_free)

/**
 * prism_attempt_record_new:
 * @model: the model asked for, "provider:model"
 *
 * Returns: (transfer full): an empty record of an attempt at @model, its
 *   provider filled in from the model's name
 */
PrismAttemptRecord *
prism_attempt_record_new (const char *model)
{
  PrismAttemptRecord *record;

  g_return_val_if_fail (model != NULL, NULL);

  record = g_new0 (PrismAttemptRecord, 1);
  record->model = g_strdup (model);
  prism_model_split_id (model, &record->provider, NULL);
  record->ttft_us = -1;
  record->latency_us = -1;

  return record;
}

PrismAttemptRecord *
prism_attempt_record_copy (const PrismAttemptRecord *record)
{
  PrismAttemptRecord *copy;

  g_return_val_if_fail (record != NULL, NULL);

  copy = g_memdup2 (record, sizeof *record);
  copy->model = g_strdup (record->model);
  copy->provider = g_strdup (record->provider);
  copy->served_by = g_strdup (record->served_by);
  copy->error = record->error ? g_error_copy (record->error) : NULL;
  copy->retry_after = g_strdup (record->retry_after);
  copy->retry_after_ms = g_strdup (record->retry_after_ms);
  copy->started_at = record->started_at ? g_date_time_ref (record->started_at) : NULL;

  return copy;
}

void
prism_attempt_record_free (PrismAttemptRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->model);
  g_free (record->provider);
  g_free (record->served_by);
  g_clear_error (&record->error);
  g_free (record->retry_after);
  g_free (record->retry_after_ms);
  g_clear_pointer (&record->started_at, g_date_time_unref);
  g_free (record);
}

/**
 * prism_attempt_record_set_response:
 * @record: a #PrismAttemptRecord
 * @response: what the HTTP client returned for the attempt
 *
 * Copies the status, the server's wait hints and the latency of
 * @response into @record. The time to first token is the decoder's to
 * set: the first byte may be a keep-alive comment.
 */
void
prism_attempt_record_set_response (PrismAttemptRecord      *record,
                                   const PrismHttpResponse *response)
{
  g_return_if_fail (record != NULL);
  g_return_if_fail (response != NULL);

  record->http_status = response->status;
  g_free (record->retry_after);
  record->retry_after = g_strdup (response->retry_after);
  g_free (record->retry_after_ms);
  record->retry_after_ms = g_strdup (response->retry_after_ms);
  record->latency_us = response->latency_us;
}

typedef struct
{
  GSource *timeout;
  GSource *cancelled;
} Wait;

static void
wait_free (gpointer data)
{
  Wait *wait = data;

  if (wait->timeout != NULL)
    {
      g_source_destroy (wait->timeout);
      g_source_unref (wait->timeout);
    }

  if (wait->cancelled != NULL)
    {
      g_source_destroy (wait->cancelled);
      g_source_unref (wait->cancelled);
    }

  g_free (wait);
}

static gboolean
on_wait_over (gpointer user_data)
{
  GTask *task = user_data;
  Wait *wait = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  /* Whichever comes first ends the wait; the other must not fire. The
   * sources hold the task, so destroying them lets it go.
   */
  g_object_ref (task);
  g_source_destroy (wait->timeout);
  if (wait->cancelled != NULL)
    g_source_destroy (wait->cancelled);

  if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
    g_task_return_new_error (task, PRISM_ERROR, PRISM_ERROR_CANCELLED,
                             _("The request was cancelled."));
  else
    g_task_return_boolean (task, TRUE);

  g_object_unref (task);

  return G_SOURCE_REMOVE;
}

static gboolean
on_wait_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  return on_wait_over (user_data);
}

/**
 * prism_retry_wait_async:
 * @delay_ms: how long to wait
 * @cancellable: (nullable): a #GCancellable, which ends the wait at once
 * @callback: called when the wait is over
 * @user_data: data for @callback
 *
 * Waits before a retry without blocking the main loop; the wait fails
 * with %PRISM_ERROR_CANCELLED as soon as @cancellable is cancelled.
 */
void
prism_retry_wait_async (guint64              delay_ms,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Wait *wait;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, prism_retry_wait_async);
  g_task_set_check_cancellable (task, FALSE);

  wait = g_new0 (Wait, 1);
  g_task_set_task_data (task, wait, wait_free);

  wait->timeout = g_timeout_source_new (MIN (delay_ms, (guint64)G_MAXUINT));
  g_source_set_static_name (wait->timeout, "[prism] retry wait");
  g_source_set_callback (wait->timeout, on_wait_over, g_object_ref (task), g_object_unref);
  g_source_attach (wait->timeout, g_task_get_context (task));

  if (cancellable != NULL)
    {
      /* Fires on the task's context, whichever thread cancels. */
      wait->cancelled = g_cancellable_source_new (cancellable);
      g_source_set_static_name (wait->cancelled, "[prism] retry wait cancelled");
      g_source_set_callback (wait->cancelled, G_SOURCE_FUNC (on_wait_cancelled),
                             g_object_ref (task), g_object_unref);
      g_source_attach (wait->cancelled, g_task_get_context (task));
    }
}

gboolean
prism_retry_wait_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == prism_retry_wait_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * prism_retry_policy_init_default:
 * @policy: the policy to fill in
 *
 * Backoff from 0.5 s doubling up to 30 s, three retries per model, and
 * `Retry-After` honoured up to a minute.
 */
void
prism_retry_policy_init_default (PrismRetryPolicy *policy)
{
  g_return_if_fail (policy != NULL);

  policy->base_delay_ms = DEFAULT_BASE_DELAY_MS;
  policy->factor = DEFAULT_FACTOR;
  policy->max_delay_ms = DEFAULT_MAX_DELAY_MS;
  policy->max_retries = DEFAULT_MAX_RETRIES;
  policy->max_retry_after_ms = DEFAULT_MAX_RETRY_AFTER_MS;
  policy->random = NULL;
  policy->random_data = NULL;
}

/**
 * prism_retry_policy_backoff:
 * @policy: a #PrismRetryPolicy
 * @retries_done: how many retries of this model went before
 *
 * Full jitter: a delay drawn uniformly below the ceiling
 * base × factor^@retries_done (at most @max_delay_ms), so that many
 * clients turned away at once do not come back at once.
 *
 * Returns: the delay in milliseconds
 */
guint64
prism_retry_policy_backoff (const PrismRetryPolicy *policy,
                            guint                   retries_done)
{
  double ceiling;
  double r;

  g_return_val_if_fail (policy != NULL, 0);

  ceiling = policy->base_delay_ms;
  for (guint i = 0; i < retries_done && ceiling < policy->max_delay_ms; i++)
    ceiling *= policy->factor;
  ceiling = MIN (ceiling, (double)policy->max_delay_ms);

  r = policy->random != NULL ? policy->random (policy->random_data) : g_random_double ();
  if (!(r >= 0.0))
    r = 0.0;
  else if (r >= 1.0)
    r = nextafter (1.0, 0.0);

  return (guint64)floor (r * ceiling);
}

/**
 * prism_retry_after_parse:
 * @retry_after: (nullable): a `Retry-After` header: seconds or an HTTP date
 * @retry_after_ms: (nullable): a `retry-after-ms` header: milliseconds,
 *   which wins when both are given
 * @now: (nullable): the time to measure an HTTP date from, %NULL for now
 * @delay_ms: (out): how long the server asks to wait, 0 for a date past
 *
 * Returns: whether either header held a wait Prism understands
 */
gboolean
prism_retry_after_parse (const char *retry_after,
                         const char *retry_after_ms,
                         GDateTime  *now,
                         guint64    *delay_ms)
{
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) reference = NULL;
  g_autofree char *value = NULL;
  GTimeSpan span;

  g_return_val_if_fail (delay_ms != NULL, FALSE);

  if (retry_after_ms != NULL)
    {
      g_autofree char *ms = g_strstrip (g_strdup (retry_after_ms));
      char *end = NULL;
      double parsed = g_ascii_strtod (ms, &end);

      if (ms[0] != '\0' && end != NULL && *end == '\0' && isfinite (parsed) && parsed >= 0 &&
          parsed < (double)G_MAXINT64)
        {
          *delay_ms = (guint64)ceil (parsed);
          return TRUE;
        }
    }

  if (retry_after == NULL)
    return FALSE;

  value = g_strstrip (g_strdup (retry_after));
  if (value[0] == '\0')
    return FALSE;

  /* delay-seconds = 1*DIGIT (RFC 9110, section 10.2.3) */
  if (g_ascii_isdigit (value[0]))
    {
      guint64 seconds;

      if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT64 / 1000, &seconds, NULL))
        return FALSE;

      *delay_ms = seconds * 1000;
      return TRUE;
    }

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return FALSE;

  reference = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  span = g_date_time_difference (date, reference);
  *delay_ms = span > 0 ? (guint64)((span + 999) / 1000) : 0;

  return TRUE;
}

/**
 * prism_http_status_is_retryable:
 * @status: an HTTP status
 *
 * Returns: whether the same request may succeed later: 408, 429 and
 *   every 5xx (Anthropic's 529 and the gateways' 502, 503, 504, 524)
 */
gboolean
prism_http_status_is_retryable (guint status)
{
  return status == 408 || status == 429 || (status >= 500 && status <= 599);
}

/**
 * prism_http_status_to_error_code:
 * @status: an HTTP status that is not 2xx
 *
 * The kind of error a status means when the body tells nothing better.
 *
 * Returns: a #PrismErrorCode
 */
PrismErrorCode
prism_http_status_to_error_code (guint status)
{
  switch (status)
    {
    case 401:
    case 403:
      return PRISM_ERROR_AUTH;

    case 402:
      return PRISM_ERROR_PAYMENT;

    case 408:
    case 504:
    case 524:
      return PRISM_ERROR_TIMEOUT;

    case 429:
      return PRISM_ERROR_RATE_LIMIT;

    case 503:
    case 529:
      return PRISM_ERROR_OVERLOADED;

    default:
      if (status >= 500)
        return PRISM_ERROR_SERVER;
      return PRISM_ERROR_BAD_REQUEST;
    }
}

static gboolean
attempt_is_retryable (const PrismAttemptRecord *attempt)
{
  /* A status says more than the kind the protocol made of it; after a
   * 200, the error came inside the stream and its kind is all there is.
   */
  if (attempt->http_status >= 300)
    return prism_http_status_is_retryable (attempt->http_status);

  return prism_error_is_retryable (attempt->error);
}

/**
 * prism_retry_policy_decide:
 * @policy: a #PrismRetryPolicy
 * @attempt: the attempt that just failed
 * @retries_done: how many retries of this model went before it
 * @now: (nullable): the time, to measure an HTTP-date `Retry-After`
 * @delay_ms: (out): with %PRISM_RETRY_SAME_MODEL, how long to wait
 *
 * What to do after a failed attempt. Nothing is retried once a token
 * has arrived (it reached the person, and a new answer would not follow
 * on from it), nor after cancellation. Rate limits, overloaded or failing
 * servers (408, 429, 5xx, 529), timeouts and network failures are tried
 * again with backoff up to @max_retries times, waiting as long as the
 * server asks when it says so. Anything else — a bad key, no credit, a
 * refused or malformed request — would fail the same way again, and
 * moves on to the next model; so does a server that asks to wait longer
 * than @max_retry_after_ms.
 *
 * Returns: the decision
 */
PrismRetryDecision
prism_retry_policy_decide (const PrismRetryPolicy   *policy,
                           const PrismAttemptRecord *attempt,
                           guint                     retries_done,
                           GDateTime                *now,
                           guint64                  *delay_ms)
{
  guint64 asked;

  g_return_val_if_fail (policy != NULL, PRISM_RETRY_STOP);
  g_return_val_if_fail (attempt != NULL, PRISM_RETRY_STOP);
  g_return_val_if_fail (delay_ms != NULL, PRISM_RETRY_STOP);

  *delay_ms = 0;

  if (attempt->error == NULL)
    return PRISM_RETRY_STOP;

  if (g_error_matches (attempt->error, PRISM_ERROR, PRISM_ERROR_CANCELLED))
    return PRISM_RETRY_STOP;

  if (attempt->got_token)
    return PRISM_RETRY_STOP;

  if (!attempt_is_retryable (attempt))
    return PRISM_RETRY_NEXT_MODEL;

  if (retries_done >= policy->max_retries)
    return PRISM_RETRY_NEXT_MODEL;

  if (prism_retry_after_parse (attempt->retry_after, attempt->retry_after_ms, now, &asked))
    {
      if (asked > policy->max_retry_after_ms)
        return PRISM_RETRY_NEXT_MODEL;

      *delay_ms = asked;
      return PRISM_RETRY_SAME_MODEL;
    }

  *delay_ms = prism_retry_policy_backoff (policy, retries_done);

  return PRISM_RETRY_SAME_MODEL;
}

struct _PrismRouterPlan
{
  PrismRetryPolicy  policy;
  GPtrArray        *candidates;  /* of GStrv */
  GPtrArray        *attempts;    /* of PrismAttemptRecord */
  GError           *error;
  guint             candidate;
  guint             retries;
  guint64           delay_ms;
  guint             awaiting_report : 1;
  guint             finished : 1;
  guint             succeeded : 1;
};

static gboolean
is_openrouter (const char *model)
{
  return g_str_has_prefix (model, "openrouter:");
}

/**
 * prism_router_plan_new:
 * @models: (array zero-terminated=1): the chain, "provider:model" each,
 *   the preferred first
 * @policy: (nullable): when to retry, %NULL for the defaults
 * @flags: #PrismRouterPlanFlags
 *
 * The order of attempts of one routed request: each candidate of the
 * chain, retried as @policy says, until one succeeds or none is left.
 * The router asks prism_router_plan_next() what to send, sends it, and
 * tells the plan how it went with prism_router_plan_report().
 *
 * Returns: (transfer full): a new plan
 */
PrismRouterPlan *
prism_router_plan_new (const char * const     *models,
                       const PrismRetryPolicy *policy,
                       PrismRouterPlanFlags    flags)
{
  PrismRouterPlan *self;
  g_autoptr(GStrvBuilder) group = NULL;

  g_return_val_if_fail (models != NULL, NULL);

  self = g_new0 (PrismRouterPlan, 1);
  self->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  self->attempts = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_attempt_record_free);

  if (policy != NULL)
    self->policy = *policy;
  else
    prism_retry_policy_init_default (&self->policy);

  for (guint i = 0; models[i] != NULL; i++)
    {
      gboolean grouped = (flags & PRISM_ROUTER_PLAN_GROUP_OPENROUTER) != 0 &&
                         is_openrouter (models[i]);

      if (group != NULL && !grouped)
        g_ptr_array_add (self->candidates, g_strv_builder_end (g_steal_pointer (&group)));

      if (grouped)
        {
          if (group == NULL)
            group = g_strv_builder_new ();
          g_strv_builder_add (group, models[i]);
        }
      else
        {
          const char *single[] = { models[i], NULL };

          g_ptr_array_add (self->candidates, g_strdupv ((char **)single));
        }
    }

  if (group != NULL)
    g_ptr_array_add (self->candidates, g_strv_builder_end (g_steal_pointer (&group)));

  self->finished = self->candidates->len == 0;

  return self;
}

void
prism_router_plan_free (PrismRouterPlan *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  g_clear_pointer (&self->attempts, g_ptr_array_unref);
  g_clear_error (&self->error);
  g_free (self);
}

/**
 * prism_router_plan_get_n_candidates:
 * @self: a #PrismRouterPlan
 *
 * Returns: how many candidates the chain has, an OpenRouter group
 *   counting as one
 */
guint
prism_router_plan_get_n_candidates (PrismRouterPlan *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->candidates->len;
}

/**
 * prism_router_plan_next:
 * @self: a #PrismRouterPlan
 * @step: (out caller-allocates): the attempt to make
 *
 * Returns: %TRUE with the next attempt in @step; %FALSE when the plan is
 *   over (see prism_router_plan_succeeded())
 */
gboolean
prism_router_plan_next (PrismRouterPlan *self,
                        PrismRouterStep *step)
{
  char **models;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (step != NULL, FALSE);
  g_return_val_if_fail (!self->awaiting_report, FALSE);

  if (self->finished)
    return FALSE;

  models = g_ptr_array_index (self->candidates, self->candidate);

  step->model = models[0];
  step->models = (const char * const *)models;
  step->n_models = g_strv_length (models);
  step->candidate = self->candidate;
  step->retry = self->retries;
  step->delay_ms = self->delay_ms;

  self->awaiting_report = TRUE;

  return TRUE;
}

/**
 * prism_router_plan_report:
 * @self: a #PrismRouterPlan
 * @attempt: how the attempt of the last step went; its @error is %NULL
 *   when it succeeded
 *
 * Records a copy of @attempt (with the delay waited before it) and
 * decides what comes next.
 *
 * Returns: %PRISM_RETRY_STOP when the plan is over
 */
PrismRetryDecision
prism_router_plan_report (PrismRouterPlan          *self,
                          const PrismAttemptRecord *attempt)
{
  PrismAttemptRecord *copy;
  PrismRetryDecision decision;
  guint64 delay_ms = 0;

  g_return_val_if_fail (self != NULL, PRISM_RETRY_STOP);
  g_return_val_if_fail (attempt != NULL, PRISM_RETRY_STOP);
  g_return_val_if_fail (self->awaiting_report, PRISM_RETRY_STOP);

  self->awaiting_report = FALSE;

  copy = prism_attempt_record_copy (attempt);
  copy->delay_ms = self->delay_ms;
  g_ptr_array_add (self->attempts, copy);

  if (attempt->error == NULL)
    {
      g_clear_error (&self->error);
      self->succeeded = TRUE;
      self->finished = TRUE;
      return PRISM_RETRY_STOP;
    }

  g_clear_error (&self->error);
  self->error = g_error_copy (attempt->error);

  decision = prism_retry_policy_decide (&self->policy, attempt, self->retries, NULL, &delay_ms);

  switch (decision)
    {
    case PRISM_RETRY_SAME_MODEL:
      self->retries++;
      self->delay_ms = delay_ms;
      break;

    case PRISM_RETRY_NEXT_MODEL:
      self->candidate++;
      self->retries = 0;
      self->delay_ms = 0;
      if (self->candidate >= self->candidates->len)
        {
          self->finished = TRUE;
          decision = PRISM_RETRY_STOP;
        }
      break;

    case PRISM_RETRY_STOP:
    default:
      self->finished = TRUE;
      break;
    }

  return decision;
}

gboolean
prism_router_plan_is_finished (PrismRouterPlan *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->finished;
}

gboolean
prism_router_plan_succeeded (PrismRouterPlan *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->succeeded;
}

/**
 * prism_router_plan_get_error:
 * @self: a #PrismRouterPlan
 *
 * Returns: (nullable) (transfer none): the error of the last attempt, the
 *   one to show when the plan ended without success (as OpenRouter
 *   returns the last model's error)
 */
const GError *
prism_router_plan_get_error (PrismRouterPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->error;
}

/**
 * prism_router_plan_get_attempts:
 * @self: a #PrismRouterPlan
 *
 * Returns: (transfer none) (element-type PrismAttemptRecord): every
 *   attempt reported, in order
 */
GPtrArray *
prism_router_plan_get_attempts (PrismRouterPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->attempts;
}
