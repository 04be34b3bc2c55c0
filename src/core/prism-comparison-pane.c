/* prism-comparison-pane.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-comparison-pane"

#include "config.h"

#include "prism-comparison-pane-private.h"

#include <math.h>

#include "prism-model.h"

/* One model's answer in a comparison. A retry replaces the completion
 * (and the history message it writes to), so views follow the
 * "completion" property rather than holding on to one completion.
 *
 * A pane of a comparison reopened from the history has no completion:
 * its stored message answers the same questions (content, usage, cost,
 * times) through the same getters, until a retry gives it a completion.
 */
struct _PrismComparisonPane
{
  GObject          parent_instance;

  guint            index;
  char            *model;
  char            *provider;
  PrismCompletion *completion;
  PrismRecorder   *recorder;
  PrismMessage    *message;         /* reopened from the history */
  PrismChatRequest *request;        /* a fusion's own; NULL: the comparison's */
  GCancellable    *cancellable;
  gulong           status_id;
  double           estimated_cost;
  guint            running : 1;
  guint            winner : 1;
};

G_DEFINE_FINAL_TYPE (PrismComparisonPane, prism_comparison_pane, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INDEX,
  PROP_MODEL,
  PROP_PROVIDER,
  PROP_COMPLETION,
  PROP_STATUS,
  PROP_RUNNING,
  PROP_MESSAGE_ID,
  PROP_ESTIMATED_COST,
  PROP_WINNER,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
prism_comparison_pane_dispose (GObject *object)
{
  PrismComparisonPane *self = (PrismComparisonPane *)object;

  if (self->completion != NULL)
    g_clear_signal_handler (&self->status_id, self->completion);
  g_clear_object (&self->completion);
  g_clear_object (&self->recorder);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->message, prism_message_free);
  g_clear_object (&self->request);

  G_OBJECT_CLASS (prism_comparison_pane_parent_class)->dispose (object);
}

static void
prism_comparison_pane_finalize (GObject *object)
{
  PrismComparisonPane *self = (PrismComparisonPane *)object;

  g_clear_pointer (&self->model, g_free);
  g_clear_pointer (&self->provider, g_free);

  G_OBJECT_CLASS (prism_comparison_pane_parent_class)->finalize (object);
}

static void
prism_comparison_pane_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PrismComparisonPane *self = PRISM_COMPARISON_PANE (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;
    case PROP_PROVIDER:
      g_value_set_string (value, self->provider);
      break;
    case PROP_COMPLETION:
      g_value_set_object (value, self->completion);
      break;
    case PROP_STATUS:
      g_value_set_int (value, prism_comparison_pane_get_status (self));
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_MESSAGE_ID:
      g_value_set_string (value, prism_comparison_pane_get_message_id (self));
      break;
    case PROP_ESTIMATED_COST:
      g_value_set_double (value, self->estimated_cost);
      break;
    case PROP_WINNER:
      g_value_set_boolean (value, self->winner);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_comparison_pane_class_init (PrismComparisonPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = prism_comparison_pane_dispose;
  object_class->finalize = prism_comparison_pane_finalize;
  object_class->get_property = prism_comparison_pane_get_property;

  properties [PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_MODEL] =
    g_param_spec_string ("model", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_PROVIDER] =
    g_param_spec_string ("provider", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_COMPLETION] =
    g_param_spec_object ("completion", NULL, NULL, PRISM_TYPE_COMPLETION,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL,
                      PRISM_COMPLETION_PENDING, PRISM_COMPLETION_CANCELLED, PRISM_COMPLETION_PENDING,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_MESSAGE_ID] =
    g_param_spec_string ("message-id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_ESTIMATED_COST] =
    g_param_spec_double ("estimated-cost", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_WINNER] =
    g_param_spec_boolean ("winner", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
prism_comparison_pane_init (PrismComparisonPane *self)
{
  self->estimated_cost = NAN;
}

PrismComparisonPane *
_prism_comparison_pane_new (guint       index,
                            const char *model)
{
  PrismComparisonPane *self = g_object_new (PRISM_TYPE_COMPARISON_PANE, NULL);

  self->index = index;
  self->model = g_strdup (model);
  if (!prism_model_split_id (model, &self->provider, NULL))
    self->provider = g_strdup ("");

  return self;
}

PrismComparisonPane *
_prism_comparison_pane_new_stored (guint         index,
                                   PrismMessage *message)
{
  PrismComparisonPane *self = _prism_comparison_pane_new (index, message->model ? message->model : "");

  self->message = prism_message_copy (message);

  return self;
}

/* The attempt that ended a stored answer: it holds the times. */
static PrismAttempt *
stored_attempt (PrismComparisonPane *self)
{
  if (self->message == NULL || self->message->attempts == NULL || self->message->attempts->len == 0)
    return NULL;

  return g_ptr_array_index (self->message->attempts, self->message->attempts->len - 1);
}

/* The ms from the answer's first attempt to its last one, which the
 * completion's own times count too (retries and their waits). */
static double
stored_offset_ms (PrismComparisonPane *self)
{
  PrismAttempt *first = g_ptr_array_index (self->message->attempts, 0);
  PrismAttempt *last = stored_attempt (self);

  return (last->started_at - first->started_at) / 1000.0;
}

static void
status_cb (PrismCompletion     *completion,
           GParamSpec          *pspec,
           PrismComparisonPane *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATUS]);
}

void
_prism_comparison_pane_start (PrismComparisonPane *self,
                              PrismCompletion     *completion,
                              PrismRecorder       *recorder)
{
  g_return_if_fail (PRISM_IS_COMPARISON_PANE (self));
  g_return_if_fail (!self->running);

  if (self->completion != NULL)
    g_clear_signal_handler (&self->status_id, self->completion);
  g_set_object (&self->completion, completion);
  g_set_object (&self->recorder, recorder);
  g_clear_pointer (&self->message, prism_message_free);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->status_id = g_signal_connect (completion, "notify::status", G_CALLBACK (status_cb), self);
  self->running = TRUE;

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_COMPLETION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MESSAGE_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATUS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RUNNING]);
}

void
_prism_comparison_pane_set_finished (PrismComparisonPane *self)
{
  g_return_if_fail (PRISM_IS_COMPARISON_PANE (self));

  self->running = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATUS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RUNNING]);
}

void
_prism_comparison_pane_set_request (PrismComparisonPane *self,
                                    PrismChatRequest    *request)
{
  g_set_object (&self->request, request);
}

PrismChatRequest *
_prism_comparison_pane_get_request (PrismComparisonPane *self)
{
  return self->request;
}

/**
 * prism_comparison_pane_get_fusion:
 * @self: a #PrismComparisonPane
 *
 * Returns: whether this answer merges the other panes' answers
 */
gboolean
prism_comparison_pane_get_fusion (PrismComparisonPane *self)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_PANE (self), FALSE);

  return self->request != NULL;
}

PrismRecorder *
_prism_comparison_pane_get_recorder (PrismComparisonPane *self)
{
  return self->recorder;
}

GCancellable *
_prism_comparison_pane_get_cancellable (PrismComparisonPane *self)
{
  return self->cancellable;
}

void
_prism_comparison_pane_set_estimated_cost (PrismComparisonPane *self,
                                           double               cost)
{
  self->estimated_cost = cost;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ESTIMATED_COST]);
}

void
_prism_comparison_pane_set_winner (PrismComparisonPane *self,
                                   gboolean             winner)
{
  winner = !!winner;
  if (self->winner == winner)
    return;

  self->winner = winner;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_WINNER]);
}

guint
prism_comparison_pane_get_index (PrismComparisonPane *self)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_PANE (self), 0);

  return self->index;
}

const char *
prism_comparison_pane_get_model (PrismComparisonPane *self)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_PANE (self), NULL);

  return self->model;
}

/**
 * prism_comparison_pane_get_provider:
 * @self: a #PrismComparisonPane
 *
 * Returns: the provider id of the model asked
 */
const char *
prism_comparison_pane_get_provider (PrismComparisonPane *self)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_PANE (self), NULL);

  return self->provider;
}

/**
 * prism_comparison_pane_get_completion:
 * @self: a #PrismComparisonPane
 *
 * Returns: (transfer none) (nullable): the current completion, %NULL
 *   before the comparison starts
 */
PrismCompletion *
prism_comparison_pane_get_completion (PrismComparisonPane *self)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_PANE (self), NULL);

  return self->completion;
}

PrismCompletionStatus
prism_comparison_pane_get_status (PrismComparisonPane *self)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_PANE (self), PRISM_COMPLETION_PENDING);

  if (self->completion != NULL)
    return prism_completion_get_status (self->completion);

  if (self->message != NULL)
    switch (self->message->status)
      {
      case PRISM_MESSAGE_STATUS_COMPLETE:
        return PRISM_COMPLETION_COMPLETE;
      case PRISM_MESSAGE_STATUS_PARTIAL:
        return PRISM_COMPLETION_PARTIAL;
      case PRISM_MESSAGE_STATUS_CANCELLED:
        return PRISM_COMPLETION_CANCELLED;
      case PRISM_MESSAGE_STATUS_STREAMING:
        /* Left streaming by a crash: it will not go on. */
      case PRISM_MESSAGE_STATUS_ERROR:
      default:
        return *self->message->content != '\0' ? PRISM_COMPLETION_PARTIAL : PRISM_COMPLETION_ERROR;
      }

  return PRISM_COMPLETION_PENDING;
}

/**
 * prism_comparison_pane_get_running:
 * @self: a #PrismComparisonPane
 *
 * Returns: whether its request is under way (the history is written
 *   when this turns %FALSE)
 */
gboolean
prism_comparison_pane_get_running (PrismComparisonPane *self)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_PANE (self), FALSE);

  return self->running;
}

/**
 * prism_comparison_pane_get_message_id:
 * @self: a #PrismComparisonPane
 *
 * Returns: (nullable): the history's message of the current answer
 */
const char *
prism_comparison_pane_get_message_id (PrismComparisonPane *self)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_PANE (self), NULL);

  if (self->recorder != NULL)
    return prism_recorder_get_message_id (self->recorder);

  return self->message ? self->message->id : NULL;
}

/**
 * prism_comparison_pane_get_estimated_cost:
 * @self: a #PrismComparisonPane
 *
 * Returns: the most this answer is expected to cost, in USD, or NAN when
 *   the model's prices are not known
 */
double
prism_comparison_pane_get_estimated_cost (PrismComparisonPane *self)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_PANE (self), NAN);

  return self->estimated_cost;
}

/**
 * prism_comparison_pane_get_winner:
 * @self: a #PrismComparisonPane
 *
 * Returns: whether the person marked this answer the best
 */
gboolean
prism_comparison_pane_get_winner (PrismComparisonPane *self)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_PANE (self), FALSE);

  return self->winner;
}

/**
 * prism_comparison_pane_stop:
 * @self: a #PrismComparisonPane
 *
 * Stops this answer alone; what arrived is kept. The other panes go on.
 */
void
prism_comparison_pane_stop (PrismComparisonPane *self)
{
  g_return_if_fail (PRISM_IS_COMPARISON_PANE (self));

  if (self->running && self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/**
 * prism_comparison_pane_get_content:
 * @self: a #PrismComparisonPane
 *
 * Returns: the answer so far; "" before any text
 */
const char *
prism_comparison_pane_get_content (PrismComparisonPane *self)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_PANE (self), "");

  if (self->completion != NULL)
    return prism_completion_get_content (self->completion);

  return self->message && self->message->content ? self->message->content : "";
}

/**
 * prism_comparison_pane_get_reasoning:
 * @self: a #PrismComparisonPane
 *
 * Returns: (nullable): the model's reasoning so far, when it shows it
 */
const char *
prism_comparison_pane_get_reasoning (PrismComparisonPane *self)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_PANE (self), NULL);

  if (self->completion != NULL)
    return prism_completion_get_reasoning (self->completion);

  return self->message ? self->message->reasoning : NULL;
}

/**
 * prism_comparison_pane_get_usage:
 * @self: a #PrismComparisonPane
 *
 * Returns: (nullable): the tokens, or %NULL while they are not known
 */
const PrismUsage *
prism_comparison_pane_get_usage (PrismComparisonPane *self)
{
  const PrismUsage *usage = NULL;

  g_return_val_if_fail (PRISM_IS_COMPARISON_PANE (self), NULL);

  if (self->completion != NULL)
    usage = prism_completion_get_usage (self->completion);
  else if (self->message != NULL)
    usage = &self->message->usage;

  return usage != NULL && usage->known ? usage : NULL;
}

/**
 * prism_comparison_pane_get_cost:
 * @self: a #PrismComparisonPane
 * @source: (out) (optional): where the figure came from
 *
 * Returns: the cost in USD, or NAN when not known
 */
double
prism_comparison_pane_get_cost (PrismComparisonPane *self,
                                PrismCostSource     *source)
{
  PrismAttempt *attempt;

  g_return_val_if_fail (PRISM_IS_COMPARISON_PANE (self), NAN);

  if (self->completion != NULL)
    return prism_completion_get_cost (self->completion, source);

  attempt = stored_attempt (self);
  if (source != NULL)
    *source = attempt ? attempt->cost_source : PRISM_COST_SOURCE_UNKNOWN;

  return self->message ? self->message->cost_usd : NAN;
}

double
prism_comparison_pane_get_ttft_ms (PrismComparisonPane *self)
{
  PrismAttempt *attempt;

  g_return_val_if_fail (PRISM_IS_COMPARISON_PANE (self), NAN);

  if (self->completion != NULL)
    return prism_completion_get_ttft_ms (self->completion);

  attempt = stored_attempt (self);

  return attempt ? stored_offset_ms (self) + attempt->ttft_ms : NAN;
}

/**
 * prism_comparison_pane_get_latency_ms:
 * @self: a #PrismComparisonPane
 *
 * Returns: how long the whole answer took, or NAN while it runs
 */
double
prism_comparison_pane_get_latency_ms (PrismComparisonPane *self)
{
  PrismAttempt *attempt;

  g_return_val_if_fail (PRISM_IS_COMPARISON_PANE (self), NAN);

  if (self->running)
    return NAN;

  if (self->completion != NULL)
    return prism_completion_get_latency_ms (self->completion);

  attempt = stored_attempt (self);

  return attempt ? stored_offset_ms (self) + attempt->latency_ms : NAN;
}

/**
 * prism_comparison_pane_get_tokens_per_second:
 * @self: a #PrismComparisonPane
 *
 * Returns: output tokens per second of streaming (from the first token
 *   to the end), or NAN when not known
 */
double
prism_comparison_pane_get_tokens_per_second (PrismComparisonPane *self)
{
  PrismAttempt *attempt;

  g_return_val_if_fail (PRISM_IS_COMPARISON_PANE (self), NAN);

  if (self->completion != NULL)
    return prism_completion_get_tokens_per_second (self->completion);

  attempt = stored_attempt (self);
  if (attempt == NULL || !attempt->usage.known || isnan (attempt->ttft_ms) || isnan (attempt->latency_ms) ||
      attempt->latency_ms <= attempt->ttft_ms)
    return NAN;

  return attempt->usage.output_tokens * 1000.0 / (attempt->latency_ms - attempt->ttft_ms);
}

/**
 * prism_comparison_pane_get_finish_reason:
 * @self: a #PrismComparisonPane
 *
 * Returns: (nullable): why the model stopped, as
 *   prism_finish_reason_to_string() names it; %NULL when not known (the
 *   history does not keep it)
 */
const char *
prism_comparison_pane_get_finish_reason (PrismComparisonPane *self)
{
  PrismFinishReason reason;
  const char *raw = NULL;

  g_return_val_if_fail (PRISM_IS_COMPARISON_PANE (self), NULL);

  if (self->completion != NULL && prism_completion_get_finish_reason (self->completion, &reason, &raw))
    return prism_finish_reason_to_string (reason);

  return NULL;
}

/**
 * prism_comparison_pane_get_error_message:
 * @self: a #PrismComparisonPane
 *
 * Returns: (nullable): why the answer failed
 */
const char *
prism_comparison_pane_get_error_message (PrismComparisonPane *self)
{
  const GError *error;

  g_return_val_if_fail (PRISM_IS_COMPARISON_PANE (self), NULL);

  if (self->completion != NULL)
    {
      error = prism_completion_get_error (self->completion);
      return error ? error->message : NULL;
    }

  return self->message ? self->message->error : NULL;
}

/**
 * prism_comparison_pane_get_started_at:
 * @self: a #PrismComparisonPane
 *
 * Returns: (transfer none) (nullable): when the current request started
 */
GDateTime *
prism_comparison_pane_get_started_at (PrismComparisonPane *self)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_PANE (self), NULL);

  return self->completion ? prism_completion_get_started_at (self->completion) : NULL;
}
