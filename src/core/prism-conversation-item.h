/* prism-conversation-item.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "prism-store.h"

G_BEGIN_DECLS

#define PRISM_TYPE_CONVERSATION_ITEM (prism_conversation_item_get_type ())

G_DECLARE_FINAL_TYPE (PrismConversationItem, prism_conversation_item, PRISM, CONVERSATION_ITEM, GObject)

PrismConversationItem *prism_conversation_item_new        (const PrismConversation *conversation);
const char            *prism_conversation_item_get_id     (PrismConversationItem   *self);
const char            *prism_conversation_item_get_title  (PrismConversationItem   *self);
gboolean               prism_conversation_item_get_pinned (PrismConversationItem   *self);
gint64                 prism_conversation_item_get_updated_at (PrismConversationItem *self);

G_END_DECLS
