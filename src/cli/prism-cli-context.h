/* prism-cli-context.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "prism-client.h"
#include "prism-store.h"

G_BEGIN_DECLS

#define PRISM_TYPE_CLI_CONTEXT (prism_cli_context_get_type ())

G_DECLARE_FINAL_TYPE (PrismCliContext, prism_cli_context, PRISM, CLI_CONTEXT, GObject)

PrismCliContext *prism_cli_context_new                  (GError             **error);
PrismClient     *prism_cli_context_get_client           (PrismCliContext     *self);
PrismStore      *prism_cli_context_get_store            (PrismCliContext     *self,
                                                         GError             **error);
gboolean         prism_cli_context_check_model          (PrismCliContext     *self,
                                                         const char          *model,
                                                         GError             **error);
gboolean         prism_cli_context_prepare_conversation (PrismCliContext     *self,
                                                         const char          *conversation_id,
                                                         PrismChatRequest    *request,
                                                         const char * const  *models,
                                                         const char          *prompt,
                                                         GError             **error);
void             prism_cli_context_record               (PrismCliContext     *self,
                                                         GPtrArray           *completions);
gboolean         prism_cli_context_finish_recording     (PrismCliContext     *self,
                                                         GError             **error);
void             prism_cli_print_completions_json       (PrismCliContext     *self,
                                                         GPtrArray           *completions,
                                                         gboolean             as_array);
void             prism_cli_print_json                   (JsonNode            *node);

G_END_DECLS
