/* prism-recorder.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-recorder"

#include "config.h"

#include <math.h>
#include <string.h>

#include "prism-error.h"
#include "prism-recorder.h"

/* Keeps one completion in the history as it streams: the assistant
 * message is written the moment the request starts (so a crash leaves a
 * partial message, not none), its text follows in the store's batches,
 * and when the answer ends its status and every HTTP attempt, with usage,
 * cost and the prices used, are written. The window and prism-cli record
 * through this same path.
 */
struct _PrismRecorder
{
  GObject          parent_instance;

  PrismStore      *store;
  PrismCompletion *completion;
  char            *message_id;
  gint64           project_id;
  gulong           delta_id;
  gboolean         finished;
  gboolean         skip_reasoning;
};

G_DEFINE_FINAL_TYPE (PrismRecorder, prism_recorder, G_TYPE_OBJECT)

static void
prism_recorder_dispose (GObject *object)
{
  PrismRecorder *self = (PrismRecorder *)object;

  g_clear_signal_handler (&self->delta_id, self->completion);
  g_clear_object (&self->completion);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (prism_recorder_parent_class)->dispose (object);
}

static void
prism_recorder_finalize (GObject *object)
{
  PrismRecorder *self = (PrismRecorder *)object;

  g_clear_pointer (&self->message_id, g_free);

  G_OBJECT_CLASS (prism_recorder_parent_class)->finalize (object);
}

static void
prism_recorder_class_init (PrismRecorderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = prism_recorder_dispose;
  object_class->finalize = prism_recorder_finalize;
}

static void
prism_recorder_init (PrismRecorder *self)
{
}

static void
delta_cb (PrismCompletion  *completion,
          PrismStreamEvent *event,
          PrismRecorder    *self)
{
  if (event->kind == PRISM_STREAM_EVENT_CONTENT)
    prism_store_append (self->store, self->message_id, PRISM_STREAM_DELTA_TEXT, event->text);
  else if (event->kind == PRISM_STREAM_EVENT_REASONING && !self->skip_reasoning)
    prism_store_append (self->store, self->message_id, PRISM_STREAM_DELTA_REASONING, event->text);
}

/**
 * prism_recorder_new:
 * @store: the history
 * @completion: a completion, not started yet
 * @conversation_id: the conversation it answers in
 * @parent_id: (nullable): the prompt it answers
 * @comparison_id: (nullable): the comparison it is part of
 * @project_id: the project its spend counts to
 *
 * Adds the assistant message at once, with status streaming.
 *
 * Returns: (transfer full): a new #PrismRecorder
 */
PrismRecorder *
prism_recorder_new (PrismStore      *store,
                    PrismCompletion *completion,
                    const char      *conversation_id,
                    const char      *parent_id,
                    const char      *comparison_id,
                    gint64           project_id)
{
  PrismRecorder *self;

  g_return_val_if_fail (PRISM_IS_STORE (store), NULL);
  g_return_val_if_fail (PRISM_IS_COMPLETION (completion), NULL);
  g_return_val_if_fail (conversation_id != NULL, NULL);

  self = g_object_new (PRISM_TYPE_RECORDER, NULL);
  self->store = g_object_ref (store);
  self->completion = g_object_ref (completion);
  self->project_id = project_id;
  self->message_id = prism_store_begin_message (store, conversation_id, parent_id,
                                                prism_completion_get_model (completion),
                                                comparison_id);
  self->delta_id = g_signal_connect (completion, "delta", G_CALLBACK (delta_cb), self);

  return self;
}

const char *
prism_recorder_get_message_id (PrismRecorder *self)
{
  g_return_val_if_fail (PRISM_IS_RECORDER (self), NULL);

  return self->message_id;
}

/**
 * prism_recorder_set_record_reasoning:
 * @self: a #PrismRecorder
 * @record_reasoning: whether the model's reasoning is kept in the history
 *
 * Reasoning can be long, and some people would rather not keep it; the
 * answer itself and its usage are always kept.
 */
void
prism_recorder_set_record_reasoning (PrismRecorder *self,
                                     gboolean       record_reasoning)
{
  g_return_if_fail (PRISM_IS_RECORDER (self));

  self->skip_reasoning = !record_reasoning;
}

static gint64
to_unix_usec (GDateTime *time)
{
  if (time == NULL)
    return g_get_real_time ();

  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

/**
 * prism_recorder_attempt_to_row:
 * @completion: the completion the attempt belongs to
 * @record: one of its attempts
 * @last: whether @record is the attempt that ended the completion
 * @message_id: (nullable): the message it answered
 * @project_id: the project its spend counts to
 *
 * The usage and cost the provider reported belong to the attempt that
 * ended the answer. An earlier attempt failed before any token arrived
 * (the router only retries then), so it used no tokens and costs
 * nothing — zero at known prices, unknown where no price is known.
 *
 * Returns: (transfer full): the history's row for @record
 */
PrismAttempt *
prism_recorder_attempt_to_row (PrismCompletion          *completion,
                               const PrismAttemptRecord *record,
                               gboolean                  last,
                               const char               *message_id,
                               gint64                    project_id)
{
  PrismAttempt *row = prism_attempt_new ();
  const PrismPrices *prices = prism_completion_get_prices (completion);
  PrismCostSource source;
  double cost;

  row->message_id = g_strdup (message_id);
  row->model = g_strdup (last ? prism_completion_get_served_by (completion) : record->model);
  row->provider = g_strdup (record->provider);
  row->http_status = record->http_status;
  if (record->error != NULL)
    {
      if (record->error->domain == PRISM_ERROR)
        row->error_kind = g_strdup (prism_error_code_to_kind (record->error->code));
      row->error_message = g_strdup (record->error->message);
    }
  row->ttft_ms = record->ttft_us >= 0 ? record->ttft_us / 1000.0 : NAN;
  row->latency_ms = record->latency_us >= 0 ? record->latency_us / 1000.0 : NAN;
  row->started_at = to_unix_usec (record->started_at);
  row->project_id = project_id;
  row->prices = *prices;

  if (last)
    {
      /* The answer's own times, as the person saw them: from sending,
       * retries and fallbacks included, so the history shows what the
       * window showed while it streamed. */
      row->ttft_ms = prism_completion_get_ttft_ms (completion);
      row->latency_ms = prism_completion_get_latency_ms (completion);
      cost = prism_completion_get_cost (completion, &source);
      row->usage = *prism_completion_get_usage (completion);
      row->cost_usd = cost;
      row->cost_source = source;
      if (!row->usage.known && !record->got_token && prism_prices_is_known (prices))
        {
          /* Refused before a token: nothing used, nothing billed. */
          memset (&row->usage, 0, sizeof row->usage);
          row->usage.known = TRUE;
          row->cost_usd = 0;
          row->cost_source = prices->source;
        }
    }
  else
    {
      memset (&row->usage, 0, sizeof row->usage);
      row->usage.known = TRUE;
      row->cost_usd = prism_prices_is_known (prices) ? 0 : NAN;
      row->cost_source = prism_prices_is_known (prices) ? prices->source : PRISM_COST_SOURCE_UNKNOWN;
    }

  return row;
}

static PrismMessageStatus
message_status (PrismCompletionStatus status)
{
  switch (status)
    {
    case PRISM_COMPLETION_COMPLETE:
      return PRISM_MESSAGE_STATUS_COMPLETE;
    case PRISM_COMPLETION_PARTIAL:
      return PRISM_MESSAGE_STATUS_PARTIAL;
    case PRISM_COMPLETION_CANCELLED:
      return PRISM_MESSAGE_STATUS_CANCELLED;
    case PRISM_COMPLETION_ERROR:
    case PRISM_COMPLETION_PENDING:
    case PRISM_COMPLETION_STREAMING:
    default:
      return PRISM_MESSAGE_STATUS_ERROR;
    }
}

/**
 * prism_recorder_finish:
 * @self: a #PrismRecorder whose completion has ended
 * @error: a %PRISM_ERROR_STORE error
 *
 * Writes the message's status and the attempts. The last attempt goes in
 * the same transaction as the message's final text.
 *
 * Returns: whether the history holds it all
 */
gboolean
prism_recorder_finish (PrismRecorder  *self,
                       GError        **error)
{
  g_autoptr(PrismAttempt) last_row = NULL;
  GPtrArray *attempts;
  const GError *failure;

  g_return_val_if_fail (PRISM_IS_RECORDER (self), FALSE);
  g_return_val_if_fail (!self->finished, FALSE);

  self->finished = TRUE;
  g_clear_signal_handler (&self->delta_id, self->completion);

  attempts = prism_completion_get_attempts (self->completion);
  for (guint i = 0; attempts != NULL && i < attempts->len; i++)
    {
      const PrismAttemptRecord *record = g_ptr_array_index (attempts, i);
      gboolean last = i + 1 == attempts->len;
      g_autoptr(PrismAttempt) row = prism_recorder_attempt_to_row (self->completion, record, last,
                                                                   self->message_id, self->project_id);

      if (last)
        last_row = g_steal_pointer (&row);
      else if (prism_store_record_attempt (self->store, row, error) == 0)
        return FALSE;
    }

  failure = prism_completion_get_error (self->completion);

  return prism_store_finish_message (self->store,
                                     self->message_id,
                                     message_status (prism_completion_get_status (self->completion)),
                                     failure ? failure->message : NULL,
                                     last_row,
                                     error);
}
