/* prism-cli-ask.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int prism_cli_ask (int    argc,
                   char **argv);

G_END_DECLS
