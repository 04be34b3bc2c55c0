/* prism-chat.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prism-message-item.h"
#include "prism-session.h"

G_BEGIN_DECLS

#define PRISM_TYPE_CHAT (prism_chat_get_type ())

G_DECLARE_FINAL_TYPE (PrismChat, prism_chat, PRISM, CHAT, GObject)

PrismChat        *prism_chat_new                 (PrismSession  *session);
const char       *prism_chat_get_conversation_id (PrismChat     *self);
const char       *prism_chat_get_title           (PrismChat     *self);
gboolean          prism_chat_get_busy            (PrismChat     *self);
GListModel       *prism_chat_get_messages        (PrismChat     *self);
PrismCompletion  *prism_chat_get_completion      (PrismChat     *self);
void              prism_chat_open                (PrismChat     *self,
                                                  const char    *conversation_id);
void              prism_chat_clear               (PrismChat     *self);
gboolean          prism_chat_send                (PrismChat     *self,
                                                  const char    *model,
                                                  const char    *prompt,
                                                  GError       **error);
gboolean          prism_chat_regenerate          (PrismChat     *self,
                                                  const char    *model,
                                                  GError       **error);
void              prism_chat_show_sibling_async  (PrismChat           *self,
                                                  const char          *message_id,
                                                  int                  step,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean          prism_chat_show_sibling_finish (PrismChat           *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
void              prism_chat_stop                (PrismChat     *self);

G_END_DECLS
