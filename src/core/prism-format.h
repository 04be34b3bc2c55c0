/* prism-format.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *prism_format_cost          (double       usd);
char *prism_format_cost_c        (double       usd);
char *prism_format_price         (double       usd_per_million);
char *prism_format_tokens        (gint64       tokens);
char *prism_format_tokens_c      (gint64       tokens);
char *prism_format_date_time     (GDateTime   *date_time);
char *prism_format_milliseconds  (double       ms);
guint prism_format_display_width (const char  *text);

G_END_DECLS
