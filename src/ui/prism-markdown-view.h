/* prism-markdown-view.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PRISM_TYPE_MARKDOWN_VIEW (prism_markdown_view_get_type ())

G_DECLARE_FINAL_TYPE (PrismMarkdownView, prism_markdown_view, PRISM, MARKDOWN_VIEW, GtkWidget)

GtkWidget  *prism_markdown_view_new      (void);
const char *prism_markdown_view_get_text (PrismMarkdownView *self);
void        prism_markdown_view_set_text (PrismMarkdownView *self,
                                          const char        *text);
void        prism_markdown_view_append   (PrismMarkdownView *self,
                                          const char        *delta);

G_END_DECLS
