/* prism-code-block.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PRISM_TYPE_CODE_BLOCK (prism_code_block_get_type ())

G_DECLARE_FINAL_TYPE (PrismCodeBlock, prism_code_block, PRISM, CODE_BLOCK, GtkWidget)

GtkWidget  *prism_code_block_new          (void);
const char *prism_code_block_get_language (PrismCodeBlock *self);
void        prism_code_block_set_language (PrismCodeBlock *self,
                                           const char     *language);
const char *prism_code_block_get_text     (PrismCodeBlock *self);
void        prism_code_block_set_text     (PrismCodeBlock *self,
                                           const char     *text);

G_END_DECLS
