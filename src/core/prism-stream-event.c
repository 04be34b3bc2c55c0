/* prism-stream-event.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-stream-event"

#include "config.h"

#include "prism-stream-event.h"

#include <math.h>

G_DEFINE_BOXED_TYPE (PrismStreamEvent, prism_stream_event,
                     prism_stream_event_copy, prism_stream_event_free)

static PrismStreamEvent *
prism_stream_event_new (PrismStreamEventKind kind)
{
  PrismStreamEvent *self = g_new0 (PrismStreamEvent, 1);

  self->kind = kind;
  self->provider_cost = NAN;
  self->finish_reason = PRISM_FINISH_REASON_OTHER;

  return self;
}

PrismStreamEvent *
prism_stream_event_new_content (const char *text)
{
  PrismStreamEvent *self;

  g_return_val_if_fail (text != NULL, NULL);

  self = prism_stream_event_new (PRISM_STREAM_EVENT_CONTENT);
  self->text = g_strdup (text);

  return self;
}

PrismStreamEvent *
prism_stream_event_new_reasoning (const char *text)
{
  PrismStreamEvent *self;

  g_return_val_if_fail (text != NULL, NULL);

  self = prism_stream_event_new (PRISM_STREAM_EVENT_REASONING);
  self->text = g_strdup (text);

  return self;
}

/**
 * prism_stream_event_new_tool_call:
 * @index: the key that groups the pieces of one call
 * @id: (nullable): the call's id
 * @name: (nullable): the function's name
 * @arguments: (nullable): a piece of the arguments' JSON text
 *
 * Returns: (transfer full): a new %PRISM_STREAM_EVENT_TOOL_CALL event;
 *   a %NULL @arguments becomes ""
 */
PrismStreamEvent *
prism_stream_event_new_tool_call (gint        index,
                                  const char *id,
                                  const char *name,
                                  const char *arguments)
{
  PrismStreamEvent *self = prism_stream_event_new (PRISM_STREAM_EVENT_TOOL_CALL);

  self->tool_index = index;
  self->tool_id = g_strdup (id);
  self->tool_name = g_strdup (name);
  self->tool_arguments = g_strdup (arguments != NULL ? arguments : "");

  return self;
}

PrismStreamEvent *
prism_stream_event_new_usage (const PrismUsage *usage,
                              double            provider_cost)
{
  PrismStreamEvent *self;

  g_return_val_if_fail (usage != NULL, NULL);

  self = prism_stream_event_new (PRISM_STREAM_EVENT_USAGE);
  self->usage = *usage;
  self->provider_cost = provider_cost;

  return self;
}

PrismStreamEvent *
prism_stream_event_new_finish (PrismFinishReason  reason,
                               const char        *raw_reason)
{
  PrismStreamEvent *self = prism_stream_event_new (PRISM_STREAM_EVENT_FINISH);

  self->finish_reason = reason;
  self->raw_finish_reason = g_strdup (raw_reason);

  return self;
}

/**
 * prism_stream_event_new_error:
 * @error: (transfer full): the failure
 *
 * Returns: (transfer full): a new %PRISM_STREAM_EVENT_ERROR event that
 *   owns @error
 */
PrismStreamEvent *
prism_stream_event_new_error (GError *error)
{
  PrismStreamEvent *self;

  g_return_val_if_fail (error != NULL, NULL);

  self = prism_stream_event_new (PRISM_STREAM_EVENT_ERROR);
  self->error = error;
  self->finish_reason = PRISM_FINISH_REASON_ERROR;

  return self;
}

void
prism_stream_event_set_served (PrismStreamEvent *self,
                               const char       *model,
                               const char       *provider)
{
  g_return_if_fail (self != NULL);

  if (model != self->served_model)
    {
      g_free (self->served_model);
      self->served_model = g_strdup (model);
    }

  if (provider != self->served_provider)
    {
      g_free (self->served_provider);
      self->served_provider = g_strdup (provider);
    }
}

PrismStreamEvent *
prism_stream_event_copy (const PrismStreamEvent *self)
{
  PrismStreamEvent *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->text = g_strdup (self->text);
  copy->tool_id = g_strdup (self->tool_id);
  copy->tool_name = g_strdup (self->tool_name);
  copy->tool_arguments = g_strdup (self->tool_arguments);
  copy->raw_finish_reason = g_strdup (self->raw_finish_reason);
  copy->error = self->error != NULL ? g_error_copy (self->error) : NULL;
  copy->served_model = g_strdup (self->served_model);
  copy->served_provider = g_strdup (self->served_provider);

  return copy;
}

void
prism_stream_event_free (PrismStreamEvent *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_free (self->tool_id);
  g_free (self->tool_name);
  g_free (self->tool_arguments);
  g_free (self->raw_finish_reason);
  g_clear_error (&self->error);
  g_free (self->served_model);
  g_free (self->served_provider);
  g_free (self);
}

/**
 * prism_finish_reason_to_string:
 * @reason: a #PrismFinishReason
 *
 * Returns: the stable name of @reason, as `prism-cli ask --json` writes
 *   it in `finish_reason`
 */
const char *
prism_finish_reason_to_string (PrismFinishReason reason)
{
  switch (reason)
    {
    case PRISM_FINISH_REASON_STOP:
      return "stop";
    case PRISM_FINISH_REASON_LENGTH:
      return "length";
    case PRISM_FINISH_REASON_TOOL_CALLS:
      return "tool_calls";
    case PRISM_FINISH_REASON_CONTENT_FILTER:
      return "content_filter";
    case PRISM_FINISH_REASON_ERROR:
      return "error";
    case PRISM_FINISH_REASON_OTHER:
    default:
      return "other";
    }
}

const char *
prism_stream_event_kind_to_string (PrismStreamEventKind kind)
{
  switch (kind)
    {
    case PRISM_STREAM_EVENT_CONTENT:
      return "content";
    case PRISM_STREAM_EVENT_REASONING:
      return "reasoning";
    case PRISM_STREAM_EVENT_TOOL_CALL:
      return "tool_call";
    case PRISM_STREAM_EVENT_USAGE:
      return "usage";
    case PRISM_STREAM_EVENT_FINISH:
      return "finish";
    case PRISM_STREAM_EVENT_ERROR:
      return "error";
    default:
      return "unknown";
    }
}
