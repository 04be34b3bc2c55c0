/* prism-chat-view.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prism-budget-monitor.h"

#include "prism-chat.h"
#include "prism-session.h"

G_BEGIN_DECLS

#define PRISM_TYPE_CHAT_VIEW (prism_chat_view_get_type ())

G_DECLARE_FINAL_TYPE (PrismChatView, prism_chat_view, PRISM, CHAT_VIEW, GtkWidget)

void       prism_chat_view_set_session (PrismChatView *self,
                                        PrismSession  *session,
                                        GSettings     *settings);
PrismChat *prism_chat_view_get_chat    (PrismChatView *self);
void       prism_chat_view_focus       (PrismChatView *self);
void       prism_chat_view_set_budget_monitor (PrismChatView      *self,
                                               PrismBudgetMonitor *monitor);

G_END_DECLS
