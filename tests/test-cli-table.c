/* test-cli-table.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "prism-cli-table.h"

static char *
print_to_string (PrismCliTable *table)
{
  char *buffer = NULL;
  size_t size = 0;
  FILE *stream = open_memstream (&buffer, &size);

  prism_cli_table_print (table, stream, FALSE);
  fclose (stream);

  return buffer;
}

static void
test_cli_table_aligns_cells (void)
{
  g_autoptr(PrismCliTable) table = prism_cli_table_new (3, "MODEL", "REQUESTS", "COST");
  g_autofree char *out = NULL;

  prism_cli_table_set_align (table, 1, PRISM_CLI_ALIGN_RIGHT);
  prism_cli_table_set_align (table, 2, PRISM_CLI_ALIGN_RIGHT);
  prism_cli_table_add_row (table, "openai:gpt-4o", "12", "$0.0420");
  prism_cli_table_add_row (table, "ollama:llama3.2", "3", "$0.00");
  prism_cli_table_add_row (table, "openrouter:世界", "1,024", NULL);

  out = print_to_string (table);
  g_assert_cmpstr (out, ==,
                   "MODEL            REQUESTS     COST\n"
                   "openai:gpt-4o          12  $0.0420\n"
                   "ollama:llama3.2         3    $0.00\n"
                   "openrouter:世界     1,024         \n");
}

static void
test_cli_table_no_trailing_blanks (void)
{
  g_autoptr(PrismCliTable) table = prism_cli_table_new (2, "ID", "TITLE");
  g_autofree char *out = NULL;

  prism_cli_table_add_row (table, "1", "a long title");
  prism_cli_table_add_row (table, "22", "x");

  out = print_to_string (table);
  g_assert_cmpstr (out, ==,
                   "ID  TITLE\n"
                   "1   a long title\n"
                   "22  x\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/prism/cli/table/aligns-cells", test_cli_table_aligns_cells);
  g_test_add_func ("/prism/cli/table/no-trailing-blanks", test_cli_table_no_trailing_blanks);

  return g_test_run ();
}
