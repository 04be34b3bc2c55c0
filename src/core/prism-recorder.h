/* prism-recorder.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prism-completion.h"
#include "prism-store.h"

G_BEGIN_DECLS

#define PRISM_TYPE_RECORDER (prism_recorder_get_type ())

G_DECLARE_FINAL_TYPE (PrismRecorder, prism_recorder, PRISM, RECORDER, GObject)

PrismRecorder *prism_recorder_new            (PrismStore       *store,
                                              PrismCompletion  *completion,
                                              const char       *conversation_id,
                                              const char       *parent_id,
                                              const char       *comparison_id,
                                              gint64            project_id);
const char    *prism_recorder_get_message_id (PrismRecorder    *self);
void           prism_recorder_set_record_reasoning (PrismRecorder *self,
                                                    gboolean       record_reasoning);
gboolean       prism_recorder_finish         (PrismRecorder    *self,
                                              GError          **error);
PrismAttempt  *prism_recorder_attempt_to_row (PrismCompletion          *completion,
                                              const PrismAttemptRecord *record,
                                              gboolean                  last,
                                              const char               *message_id,
                                              gint64                    project_id);

G_END_DECLS
