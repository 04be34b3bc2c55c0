/* prism-stream-decoder.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-stream-decoder"

#include "config.h"

#include "prism-stream-decoder.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "prism-error.h"
#include "prism-stream-decoder-private.h"

typedef struct
{
  char              *served_model;
  char              *served_provider;
  PrismUsage         usage;
  double             provider_cost;
  PrismFinishReason  finish_reason;
  char              *raw_finish_reason;
  guint              has_finish_reason : 1;
  guint              done : 1;
} PrismStreamDecoderPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (PrismStreamDecoder, prism_stream_decoder, G_TYPE_OBJECT)

static gboolean
prism_stream_decoder_real_feed_sse (PrismStreamDecoder  *self,
                                    const char          *event_type,
                                    const char          *data,
                                    gsize                len,
                                    GPtrArray           *events_out,
                                    GError             **error)
{
  g_set_error_literal (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL,
                       _("The provider sent server-sent events where newline-delimited JSON was expected"));
  return FALSE;
}

static gboolean
prism_stream_decoder_real_feed_line (PrismStreamDecoder  *self,
                                     const char          *line,
                                     gsize                len,
                                     GPtrArray           *events_out,
                                     GError             **error)
{
  g_set_error_literal (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL,
                       _("The provider sent newline-delimited JSON where server-sent events were expected"));
  return FALSE;
}

static void
prism_stream_decoder_finalize (GObject *object)
{
  PrismStreamDecoder *self = (PrismStreamDecoder *)object;
  PrismStreamDecoderPrivate *priv = prism_stream_decoder_get_instance_private (self);

  g_clear_pointer (&priv->served_model, g_free);
  g_clear_pointer (&priv->served_provider, g_free);
  g_clear_pointer (&priv->raw_finish_reason, g_free);

  G_OBJECT_CLASS (prism_stream_decoder_parent_class)->finalize (object);
}

static void
prism_stream_decoder_class_init (PrismStreamDecoderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = prism_stream_decoder_finalize;

  klass->feed_sse = prism_stream_decoder_real_feed_sse;
  klass->feed_line = prism_stream_decoder_real_feed_line;
}

static void
prism_stream_decoder_init (PrismStreamDecoder *self)
{
  PrismStreamDecoderPrivate *priv = prism_stream_decoder_get_instance_private (self);

  priv->provider_cost = NAN;
}

/**
 * prism_stream_decoder_feed_sse:
 * @self: a #PrismStreamDecoder
 * @event_type: the event's `event:` name, "message" when it had none
 * @data: the event's data, NUL-terminated
 * @len: the length of @data
 * @events_out: (element-type PrismStreamEvent): where decoded events go
 * @error: return location for a #GError
 *
 * Decodes one server-sent event. Events after the end of the answer are
 * ignored.
 *
 * Returns: %FALSE with %PRISM_ERROR_PROTOCOL when the event is not what
 *   the protocol sends (malformed JSON, …); the stream should then be
 *   abandoned
 */
gboolean
prism_stream_decoder_feed_sse (PrismStreamDecoder  *self,
                               const char          *event_type,
                               const char          *data,
                               gsize                len,
                               GPtrArray           *events_out,
                               GError             **error)
{
  PrismStreamDecoderPrivate *priv = prism_stream_decoder_get_instance_private (self);

  g_return_val_if_fail (PRISM_IS_STREAM_DECODER (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (events_out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (priv->done)
    return TRUE;

  return PRISM_STREAM_DECODER_GET_CLASS (self)->feed_sse (self, event_type ? event_type : "message",
                                                          data, len, events_out, error);
}

/**
 * prism_stream_decoder_feed_line:
 * @self: a #PrismStreamDecoder
 * @line: one NDJSON line, NUL-terminated, without its line end
 * @len: the length of @line
 * @events_out: (element-type PrismStreamEvent): where decoded events go
 * @error: return location for a #GError
 *
 * Returns: %FALSE with %PRISM_ERROR_PROTOCOL when the line is malformed
 */
gboolean
prism_stream_decoder_feed_line (PrismStreamDecoder  *self,
                                const char          *line,
                                gsize                len,
                                GPtrArray           *events_out,
                                GError             **error)
{
  PrismStreamDecoderPrivate *priv = prism_stream_decoder_get_instance_private (self);

  g_return_val_if_fail (PRISM_IS_STREAM_DECODER (self), FALSE);
  g_return_val_if_fail (line != NULL, FALSE);
  g_return_val_if_fail (events_out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (priv->done)
    return TRUE;

  return PRISM_STREAM_DECODER_GET_CLASS (self)->feed_line (self, line, len, events_out, error);
}

/**
 * prism_stream_decoder_finish:
 * @self: a #PrismStreamDecoder
 * @events_out: (element-type PrismStreamEvent): where decoded events go
 * @error: return location for a #GError
 *
 * Tells the decoder that the response body ended. When the provider had
 * said it finished but not yet sent everything it holds back (usage,
 * finish reason), those events are added now.
 *
 * Returns: %FALSE with %PRISM_ERROR_PROTOCOL when the stream ended
 *   before the provider finished its answer
 */
gboolean
prism_stream_decoder_finish (PrismStreamDecoder  *self,
                             GPtrArray           *events_out,
                             GError             **error)
{
  PrismStreamDecoderPrivate *priv = prism_stream_decoder_get_instance_private (self);

  g_return_val_if_fail (PRISM_IS_STREAM_DECODER (self), FALSE);
  g_return_val_if_fail (events_out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (priv->done)
    return TRUE;

  if (priv->has_finish_reason)
    {
      prism_stream_decoder_complete (self, events_out);
      return TRUE;
    }

  g_set_error_literal (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL,
                       _("The stream ended before the provider finished; the answer is incomplete"));
  return FALSE;
}

/**
 * prism_stream_decoder_decode_whole:
 * @self: a #PrismStreamDecoder
 * @body: the body of a successful `stream: false` response
 * @events_out: (element-type PrismStreamEvent): where decoded events go
 * @error: return location for a #GError
 *
 * Decodes a complete answer into the same events a stream would give.
 *
 * Returns: %FALSE with %PRISM_ERROR_PROTOCOL when @body is malformed
 */
gboolean
prism_stream_decoder_decode_whole (PrismStreamDecoder  *self,
                                   GBytes              *body,
                                   GPtrArray           *events_out,
                                   GError             **error)
{
  g_return_val_if_fail (PRISM_IS_STREAM_DECODER (self), FALSE);
  g_return_val_if_fail (body != NULL, FALSE);
  g_return_val_if_fail (events_out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return PRISM_STREAM_DECODER_GET_CLASS (self)->decode_whole (self, body, events_out, error);
}

/**
 * prism_stream_decoder_is_done:
 *
 * Returns: whether the answer ended (FINISH or ERROR was emitted)
 */
gboolean
prism_stream_decoder_is_done (PrismStreamDecoder *self)
{
  PrismStreamDecoderPrivate *priv = prism_stream_decoder_get_instance_private (self);

  g_return_val_if_fail (PRISM_IS_STREAM_DECODER (self), FALSE);

  return priv->done;
}

/**
 * prism_stream_decoder_get_served_model:
 *
 * Returns: (nullable): the model that answered, as far as the provider
 *   said so yet
 */
const char *
prism_stream_decoder_get_served_model (PrismStreamDecoder *self)
{
  PrismStreamDecoderPrivate *priv = prism_stream_decoder_get_instance_private (self);

  g_return_val_if_fail (PRISM_IS_STREAM_DECODER (self), NULL);

  return priv->served_model;
}

void
prism_stream_decoder_set_served (PrismStreamDecoder *self,
                                 const char         *model,
                                 const char         *provider)
{
  PrismStreamDecoderPrivate *priv = prism_stream_decoder_get_instance_private (self);

  if (model != NULL && g_strcmp0 (model, priv->served_model) != 0)
    {
      g_free (priv->served_model);
      priv->served_model = g_strdup (model);
    }

  if (provider != NULL && g_strcmp0 (provider, priv->served_provider) != 0)
    {
      g_free (priv->served_provider);
      priv->served_provider = g_strdup (provider);
    }
}

/* Usage replaces what came before: every provider that repeats it sends
 * running totals, never increments.
 */
void
prism_stream_decoder_set_usage (PrismStreamDecoder *self,
                                const PrismUsage   *usage)
{
  PrismStreamDecoderPrivate *priv = prism_stream_decoder_get_instance_private (self);

  priv->usage = *usage;
  priv->usage.known = TRUE;
}

void
prism_stream_decoder_set_provider_cost (PrismStreamDecoder *self,
                                        double              cost)
{
  PrismStreamDecoderPrivate *priv = prism_stream_decoder_get_instance_private (self);

  priv->provider_cost = cost;
}

void
prism_stream_decoder_set_finish_reason (PrismStreamDecoder *self,
                                        PrismFinishReason   reason,
                                        const char         *raw)
{
  PrismStreamDecoderPrivate *priv = prism_stream_decoder_get_instance_private (self);

  priv->finish_reason = reason;
  g_free (priv->raw_finish_reason);
  priv->raw_finish_reason = g_strdup (raw);
  priv->has_finish_reason = TRUE;
}

gboolean
prism_stream_decoder_has_finish_reason (PrismStreamDecoder *self)
{
  PrismStreamDecoderPrivate *priv = prism_stream_decoder_get_instance_private (self);

  return priv->has_finish_reason;
}

static void
emit_usage (PrismStreamDecoder *self,
            GPtrArray          *events_out)
{
  PrismStreamDecoderPrivate *priv = prism_stream_decoder_get_instance_private (self);

  if (priv->usage.known || !isnan (priv->provider_cost))
    g_ptr_array_add (events_out, prism_stream_event_new_usage (&priv->usage, priv->provider_cost));
}

/* Ends the answer: USAGE (when any was reported) then FINISH. */
void
prism_stream_decoder_complete (PrismStreamDecoder *self,
                               GPtrArray          *events_out)
{
  PrismStreamDecoderPrivate *priv = prism_stream_decoder_get_instance_private (self);
  PrismStreamEvent *event;

  if (priv->done)
    return;

  emit_usage (self, events_out);

  if (priv->has_finish_reason)
    event = prism_stream_event_new_finish (priv->finish_reason, priv->raw_finish_reason);
  else
    event = prism_stream_event_new_finish (PRISM_FINISH_REASON_OTHER, NULL);

  prism_stream_event_set_served (event, priv->served_model, priv->served_provider);
  g_ptr_array_add (events_out, event);
  priv->done = TRUE;
}

/* Ends the answer with a failure the provider reported after 200:
 * USAGE (what was consumed is still billed) then ERROR. Takes @error.
 */
void
prism_stream_decoder_fail (PrismStreamDecoder *self,
                           GError             *error,
                           GPtrArray          *events_out)
{
  PrismStreamDecoderPrivate *priv = prism_stream_decoder_get_instance_private (self);
  PrismStreamEvent *event;

  if (priv->done)
    {
      g_error_free (error);
      return;
    }

  emit_usage (self, events_out);

  event = prism_stream_event_new_error (error);
  prism_stream_event_set_served (event, priv->served_model, priv->served_provider);
  g_ptr_array_add (events_out, event);
  priv->done = TRUE;
}
