/* prism-message-row.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "prism-message-item.h"

G_BEGIN_DECLS

#define PRISM_TYPE_MESSAGE_ROW (prism_message_row_get_type ())

G_DECLARE_FINAL_TYPE (PrismMessageRow, prism_message_row, PRISM, MESSAGE_ROW, GtkWidget)

GtkWidget        *prism_message_row_new      (void);
PrismMessageItem *prism_message_row_get_item (PrismMessageRow  *self);
void              prism_message_row_set_item (PrismMessageRow  *self,
                                              PrismMessageItem *item);

G_END_DECLS
