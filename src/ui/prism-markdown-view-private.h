/* prism-markdown-view-private.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prism-markdown-view.h"

G_BEGIN_DECLS

/* How many top-level block widgets were created or changed since the
 * view was made: tests prove with it that streaming renders only the
 * growing block. */
guint prism_markdown_view_get_render_count (PrismMarkdownView *self);

G_END_DECLS
