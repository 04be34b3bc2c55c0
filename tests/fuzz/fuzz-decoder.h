/* fuzz-decoder.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdint.h>
#include <string.h>

#include "prism-protocol.h"

/* Feeds arbitrary bytes to one protocol's stream decoder the way the
 * transport would: for SSE protocols, blocks separated by a blank line
 * are events, a first line "event: NAME" naming the type; for NDJSON,
 * every line is one object. Then the stream ends, and the same bytes
 * are decoded again as a whole `stream: false` body. Any input must
 * give events or a GError, never a crash, a leak or a hang.
 */
static inline void
fuzz_feed_events (PrismStreamDecoder *decoder,
                  PrismStreamFraming  framing,
                  const char         *text,
                  gsize               len,
                  GPtrArray          *events)
{
  const char *p = text;
  const char *end = text + len;

  while (p < end)
    {
      const char *next;
      gsize block_len;
      g_autofree char *type = NULL;
      g_autofree char *block = NULL;
      g_autoptr(GError) error = NULL;
      gboolean ok;

      if (framing == PRISM_STREAM_FRAMING_SSE)
        next = g_strstr_len (p, end - p, "\n\n");
      else
        next = memchr (p, '\n', end - p);

      block_len = next != NULL ? (gsize)(next - p) : (gsize)(end - p);
      block = g_strndup (p, block_len);
      p = next != NULL ? next + (framing == PRISM_STREAM_FRAMING_SSE ? 2 : 1) : end;

      if (framing == PRISM_STREAM_FRAMING_NDJSON)
        {
          ok = prism_stream_decoder_feed_line (decoder, block, strlen (block), events, &error);
        }
      else
        {
          const char *data = block;

          if (g_str_has_prefix (block, "event:"))
            {
              const char *nl = strchr (block, '\n');

              type = g_strndup (block + strlen ("event:"), nl != NULL ? (gsize)(nl - block) - strlen ("event:") : strlen (block));
              data = nl != NULL ? nl + 1 : "";
            }

          ok = prism_stream_decoder_feed_sse (decoder, type != NULL ? g_strstrip (type) : "message",
                                              data, strlen (data), events, &error);
        }

      if (!ok)
        {
          g_assert (error != NULL && error->domain == PRISM_ERROR);
          return;
        }
    }
}

static inline int
fuzz_decoder (const char    *kind,
              const uint8_t *data,
              size_t         size)
{
  g_autoptr(PrismProtocol) protocol = prism_protocol_new_for_kind (kind);
  g_autoptr(PrismStreamDecoder) decoder = prism_protocol_create_decoder (protocol);
  g_autoptr(PrismStreamDecoder) whole = prism_protocol_create_decoder (protocol);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) prism_stream_event_free);
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;

  fuzz_feed_events (decoder, prism_protocol_get_framing (protocol), (const char *)data, size, events);
  if (!prism_stream_decoder_finish (decoder, events, &error))
    g_clear_error (&error);

  if (!prism_stream_decoder_decode_whole (whole, bytes, events, &error))
    g_clear_error (&error);

  /* Every event must be well formed. */
  for (guint i = 0; i < events->len; i++)
    {
      PrismStreamEvent *event = g_ptr_array_index (events, i);

      if (event->kind == PRISM_STREAM_EVENT_CONTENT || event->kind == PRISM_STREAM_EVENT_REASONING)
        g_assert (event->text != NULL);
      else if (event->kind == PRISM_STREAM_EVENT_ERROR)
        g_assert (event->error != NULL && event->error->message != NULL);
      else if (event->kind == PRISM_STREAM_EVENT_TOOL_CALL)
        g_assert (event->tool_arguments != NULL);
    }

  return 0;
}
