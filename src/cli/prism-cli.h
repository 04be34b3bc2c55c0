/* prism-cli.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes of the contract in DESIGN.md. */
#define PRISM_CLI_EXIT_OK      0
#define PRISM_CLI_EXIT_FAILED  1
#define PRISM_CLI_EXIT_USAGE   2

int prism_cli_main (int    argc,
                    char **argv);

G_END_DECLS
