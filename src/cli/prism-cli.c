/* prism-cli.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "prism-cli.h"
#include "prism-cli-ask.h"
#include "prism-cli-commands.h"
#include "prism-cli-keys.h"

typedef struct
{
  const char *name;
  const char *summary;
  int       (*run) (int argc, char **argv);
} PrismCliCommand;

static const PrismCliCommand commands[] = {
  { "ask", N_("Ask one model, or several to compare them"), prism_cli_ask },
  { "models", N_("List the models of the providers, with prices"), prism_cli_models },
  { "history", N_("List the stored conversations"), prism_cli_history },
  { "show", N_("Show one stored conversation"), prism_cli_show },
  { "spend", N_("What was spent, by model, provider, day or project"), prism_cli_spend },
  { "export", N_("Write conversations as JSON"), prism_cli_export },
  { "import", N_("Add conversations from a JSON file"), prism_cli_import },
  { "keys", N_("Store, delete and list API keys in the keyring"), prism_cli_keys },
  { NULL, NULL, NULL },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n", _("Usage: prism-cli COMMAND [OPTION…]"));
  fprintf (stream, "%s\n\n", _("Ask language models and look at what they cost, from a terminal."));
  fprintf (stream, "%s\n", _("Commands:"));
  for (guint i = 0; commands[i].name != NULL; i++)
    fprintf (stream, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("Options:"));
  fprintf (stream, "  -h, --help     %s\n", _("Show this help"));
  fprintf (stream, "  --version      %s\n", _("Show the version"));
  fprintf (stream, "\n%s\n", _("Run “prism-cli COMMAND --help” for the options of a command."));
}

int
prism_cli_main (int    argc,
                char **argv)
{
  const char *command;

  if (argc < 2)
    {
      print_usage (stderr);
      return PRISM_CLI_EXIT_USAGE;
    }

  command = argv[1];

  if (g_str_equal (command, "-h") || g_str_equal (command, "--help") || g_str_equal (command, "help"))
    {
      print_usage (stdout);
      return PRISM_CLI_EXIT_OK;
    }

  if (g_str_equal (command, "--version"))
    {
      printf ("prism-cli %s\n", PACKAGE_VERSION);
      return PRISM_CLI_EXIT_OK;
    }

  for (guint i = 0; commands[i].name != NULL; i++)
    {
      if (g_str_equal (command, commands[i].name))
        return commands[i].run (argc - 1, argv + 1);
    }

  g_printerr (_("prism-cli: “%s” is not a command. Run “prism-cli --help” for the list.\n"), command);

  return PRISM_CLI_EXIT_USAGE;
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("PRISM_LOCALEDIR");

  /* PRISM_LOCALEDIR points the tests at the translations in the build
   * directory; an installed prism-cli reads its own. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return prism_cli_main (argc, argv);
}
