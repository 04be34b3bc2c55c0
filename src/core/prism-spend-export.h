/* prism-spend-export.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* CSV (RFC 4180, comma-separated, CRLF line ends, numbers in the C
 * locale). A figure that is not known is an empty field, never 0. */
char *prism_spend_export_models_csv   (GPtrArray *model_stats);
char *prism_spend_export_attempts_csv (GPtrArray *attempts);

G_END_DECLS
