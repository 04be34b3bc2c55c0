/* prism-conversation-row.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "prism-conversation-item.h"

G_BEGIN_DECLS

#define PRISM_TYPE_CONVERSATION_ROW (prism_conversation_row_get_type ())

G_DECLARE_FINAL_TYPE (PrismConversationRow, prism_conversation_row, PRISM, CONVERSATION_ROW, GtkWidget)

GtkWidget *prism_conversation_row_new      (void);
void       prism_conversation_row_set_item (PrismConversationRow  *self,
                                            PrismConversationItem *item);

G_END_DECLS
