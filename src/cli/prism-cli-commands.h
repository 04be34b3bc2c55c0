/* prism-cli-commands.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The subcommands of prism-cli; each takes the arguments after
 * `prism-cli`, its own name first, and returns the exit code.
 */
int prism_cli_history (int argc, char **argv);
int prism_cli_show    (int argc, char **argv);
int prism_cli_export  (int argc, char **argv);
int prism_cli_import  (int argc, char **argv);
int prism_cli_spend   (int argc, char **argv);
int prism_cli_models  (int argc, char **argv);

G_END_DECLS
