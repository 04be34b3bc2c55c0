/* prism-stream-event.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "prism-usage.h"

G_BEGIN_DECLS

/**
 * PrismStreamEventKind:
 * @PRISM_STREAM_EVENT_CONTENT: a piece of the answer's text
 * @PRISM_STREAM_EVENT_REASONING: a piece of the model's reasoning
 * @PRISM_STREAM_EVENT_TOOL_CALL: a piece of a tool call
 * @PRISM_STREAM_EVENT_USAGE: the token counts (and cost, when the
 *   provider reports one) of the whole request, sent once, just before
 *   %PRISM_STREAM_EVENT_FINISH
 * @PRISM_STREAM_EVENT_FINISH: the provider finished the answer; always
 *   the last event of a stream that completed
 * @PRISM_STREAM_EVENT_ERROR: the provider reported a failure inside a
 *   stream that had already answered 200; the last event of that stream
 */
typedef enum
{
  PRISM_STREAM_EVENT_CONTENT,
  PRISM_STREAM_EVENT_REASONING,
  PRISM_STREAM_EVENT_TOOL_CALL,
  PRISM_STREAM_EVENT_USAGE,
  PRISM_STREAM_EVENT_FINISH,
  PRISM_STREAM_EVENT_ERROR,
} PrismStreamEventKind;

/**
 * PrismFinishReason:
 * @PRISM_FINISH_REASON_STOP: the model ended its answer (or hit a stop sequence)
 * @PRISM_FINISH_REASON_LENGTH: the output token limit or the context window was reached
 * @PRISM_FINISH_REASON_TOOL_CALLS: the model stopped to call tools
 * @PRISM_FINISH_REASON_CONTENT_FILTER: a safety filter or a refusal ended the answer
 * @PRISM_FINISH_REASON_ERROR: the provider ended the answer with an error
 * @PRISM_FINISH_REASON_OTHER: anything else; see the raw reason
 *
 * Why an answer ended, normalised across protocols. The provider's own
 * value is kept beside it in #PrismStreamEvent.raw_finish_reason.
 */
typedef enum
{
  PRISM_FINISH_REASON_STOP,
  PRISM_FINISH_REASON_LENGTH,
  PRISM_FINISH_REASON_TOOL_CALLS,
  PRISM_FINISH_REASON_CONTENT_FILTER,
  PRISM_FINISH_REASON_ERROR,
  PRISM_FINISH_REASON_OTHER,
} PrismFinishReason;

#define PRISM_TYPE_STREAM_EVENT (prism_stream_event_get_type ())

/**
 * PrismStreamEvent:
 * @kind: what happened
 * @text: the text delta (%PRISM_STREAM_EVENT_CONTENT and
 *   %PRISM_STREAM_EVENT_REASONING)
 * @tool_index: groups the pieces of one tool call: pieces with the same
 *   index belong to the same call (%PRISM_STREAM_EVENT_TOOL_CALL)
 * @tool_id: the call's id, on the first piece only (may be %NULL when
 *   the provider gives none)
 * @tool_name: the function name, on the first piece only
 * @tool_arguments: a piece of the arguments' JSON text; concatenate the
 *   pieces of one index
 * @usage: the token counts of the request (%PRISM_STREAM_EVENT_USAGE)
 * @provider_cost: the cost in USD the provider reported, NAN when it
 *   reported none (%PRISM_STREAM_EVENT_USAGE)
 * @finish_reason: why the answer ended (%PRISM_STREAM_EVENT_FINISH)
 * @raw_finish_reason: the provider's own value (%PRISM_STREAM_EVENT_FINISH)
 * @error: the failure (%PRISM_STREAM_EVENT_ERROR); in %PRISM_ERROR, with
 *   the HTTP status of prism_error_get_http_status() when the provider
 *   gave one inside the stream
 * @served_model: the model that actually answered, when the provider
 *   says so (OpenRouter's `model`, Gemini's `modelVersion`, …); set on
 *   %PRISM_STREAM_EVENT_FINISH and %PRISM_STREAM_EVENT_ERROR
 * @served_provider: the upstream provider that answered (OpenRouter's
 *   `provider`), when known; set like @served_model
 *
 * One event decoded from a provider's response. Fields that do not
 * belong to @kind are zero, %NULL or NAN.
 */
typedef struct
{
  PrismStreamEventKind kind;

  char                *text;

  gint                 tool_index;
  char                *tool_id;
  char                *tool_name;
  char                *tool_arguments;

  PrismUsage           usage;
  double               provider_cost;

  PrismFinishReason    finish_reason;
  char                *raw_finish_reason;

  GError              *error;

  char                *served_model;
  char                *served_provider;
} PrismStreamEvent;

GType             prism_stream_event_get_type       (void) G_GNUC_CONST;
PrismStreamEvent *prism_stream_event_new_content    (const char              *text);
PrismStreamEvent *prism_stream_event_new_reasoning  (const char              *text);
PrismStreamEvent *prism_stream_event_new_tool_call  (gint                     index,
                                                     const char              *id,
                                                     const char              *name,
                                                     const char              *arguments);
PrismStreamEvent *prism_stream_event_new_usage      (const PrismUsage        *usage,
                                                     double                   provider_cost);
PrismStreamEvent *prism_stream_event_new_finish     (PrismFinishReason        reason,
                                                     const char              *raw_reason);
PrismStreamEvent *prism_stream_event_new_error      (GError                  *error);
void              prism_stream_event_set_served     (PrismStreamEvent        *self,
                                                     const char              *model,
                                                     const char              *provider);
PrismStreamEvent *prism_stream_event_copy           (const PrismStreamEvent  *self);
void              prism_stream_event_free           (PrismStreamEvent        *self);
const char       *prism_finish_reason_to_string     (PrismFinishReason        reason);
const char       *prism_stream_event_kind_to_string (PrismStreamEventKind     kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrismStreamEvent, prism_stream_event_free)

G_END_DECLS
