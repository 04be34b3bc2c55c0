/* prism-window.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prism-application.h"
#include "prism-chat-view.h"

G_BEGIN_DECLS

#define PRISM_TYPE_WINDOW (prism_window_get_type ())

G_DECLARE_FINAL_TYPE (PrismWindow, prism_window, PRISM, WINDOW, AdwApplicationWindow)

PrismWindow   *prism_window_new           (PrismApplication *application);
PrismChatView *prism_window_get_chat_view (PrismWindow      *self);
GtkWidget     *prism_window_get_view      (PrismWindow      *self,
                                           const char       *name);
void           prism_window_show_view     (PrismWindow      *self,
                                           const char       *name);

G_END_DECLS
