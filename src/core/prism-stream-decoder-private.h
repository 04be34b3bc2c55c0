/* prism-stream-decoder-private.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prism-stream-decoder.h"

G_BEGIN_DECLS

/* What a protocol's decoder tells the shared machinery. Usage and the
 * finish reason are held back until the stream ends, because several
 * providers repeat or correct them (Perplexity's cumulative usage,
 * OpenAI's usage chunk after the finish reason), and are sent once as
 * USAGE then FINISH.
 */
void     prism_stream_decoder_set_served        (PrismStreamDecoder *self,
                                                 const char         *model,
                                                 const char         *provider);
void     prism_stream_decoder_set_usage         (PrismStreamDecoder *self,
                                                 const PrismUsage   *usage);
void     prism_stream_decoder_set_provider_cost (PrismStreamDecoder *self,
                                                 double              cost);
void     prism_stream_decoder_set_finish_reason (PrismStreamDecoder *self,
                                                 PrismFinishReason   reason,
                                                 const char         *raw);
gboolean prism_stream_decoder_has_finish_reason (PrismStreamDecoder *self);
void     prism_stream_decoder_complete          (PrismStreamDecoder *self,
                                                 GPtrArray          *events_out);
void     prism_stream_decoder_fail              (PrismStreamDecoder *self,
                                                 GError             *error,
                                                 GPtrArray          *events_out);

G_END_DECLS
