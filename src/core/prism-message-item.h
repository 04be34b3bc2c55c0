/* prism-message-item.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "prism-completion.h"
#include "prism-store.h"

G_BEGIN_DECLS

#define PRISM_TYPE_MESSAGE_ITEM (prism_message_item_get_type ())

G_DECLARE_FINAL_TYPE (PrismMessageItem, prism_message_item, PRISM, MESSAGE_ITEM, GObject)

PrismMessageItem   *prism_message_item_new_from_message   (const PrismMessage *message);
PrismMessageItem   *prism_message_item_new_prompt         (const char         *id,
                                                           const char         *parent_id,
                                                           const char         *content);
PrismMessageItem   *prism_message_item_new_streaming      (const char         *id,
                                                           const char         *parent_id,
                                                           const char         *model);
const char         *prism_message_item_get_id             (PrismMessageItem   *self);
const char         *prism_message_item_get_parent_id      (PrismMessageItem   *self);
const char         *prism_message_item_get_role           (PrismMessageItem   *self);
gboolean            prism_message_item_is_user            (PrismMessageItem   *self);
const char         *prism_message_item_get_content        (PrismMessageItem   *self);
const char         *prism_message_item_get_reasoning      (PrismMessageItem   *self);
const char         *prism_message_item_get_model          (PrismMessageItem   *self);
PrismMessageStatus  prism_message_item_get_status         (PrismMessageItem   *self);
const char         *prism_message_item_get_error          (PrismMessageItem   *self);
const PrismUsage   *prism_message_item_get_usage          (PrismMessageItem   *self);
double              prism_message_item_get_cost           (PrismMessageItem   *self,
                                                           PrismCostSource    *source);
double              prism_message_item_get_ttft_ms        (PrismMessageItem   *self);
double              prism_message_item_get_tokens_per_second (PrismMessageItem *self);
gboolean            prism_message_item_get_is_last        (PrismMessageItem   *self);
void                prism_message_item_set_is_last       (PrismMessageItem   *self,
                                                           gboolean            is_last);
guint               prism_message_item_get_sibling_index  (PrismMessageItem   *self);
guint               prism_message_item_get_n_siblings     (PrismMessageItem   *self);
void                prism_message_item_set_siblings       (PrismMessageItem   *self,
                                                           guint               index,
                                                           guint               n_siblings);
void                prism_message_item_append             (PrismMessageItem   *self,
                                                           PrismStreamDelta    kind,
                                                           const char         *text);
void                prism_message_item_finish             (PrismMessageItem   *self,
                                                           PrismCompletion    *completion);

G_END_DECLS
