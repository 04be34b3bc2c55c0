/* prism-cli-table.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  PRISM_CLI_ALIGN_LEFT,
  PRISM_CLI_ALIGN_RIGHT,
} PrismCliAlign;

typedef struct _PrismCliTable PrismCliTable;

PrismCliTable *prism_cli_table_new       (guint           n_columns,
                                          ...);
void           prism_cli_table_free      (PrismCliTable  *self);
void           prism_cli_table_set_align (PrismCliTable  *self,
                                          guint           column,
                                          PrismCliAlign   align);
void           prism_cli_table_add_row   (PrismCliTable  *self,
                                          ...);
void           prism_cli_table_print     (PrismCliTable  *self,
                                          FILE           *stream,
                                          gboolean        bold_header);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrismCliTable, prism_cli_table_free)

G_END_DECLS
