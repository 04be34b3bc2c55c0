/* prism-cli-keys.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-cli"

#include "config.h"

#include "prism-cli-keys.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "prism-cli.h"
#include "prism-cli-table.h"
#include "prism-error.h"
#include "prism-keyring.h"

/* `prism-cli keys`: the keyring from a terminal. A key comes in on
 * standard input only (never as an argument, which other users could
 * read in the process list) and is never printed. */

#define MAX_KEY_LENGTH (64 * 1024)

static char *project;
static gboolean json;

static const GOptionEntry project_entries[] = {
  { "project", 'p', 0, G_OPTION_ARG_STRING, &project,
    N_("The key of project NAME instead of the provider’s own"), N_("NAME") },
  { NULL }
};

static const GOptionEntry list_entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
  { NULL }
};

static void
print_keys_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n", _("Usage: prism-cli keys COMMAND [OPTION…]"));
  fprintf (stream, "%s\n\n", _("Store, delete and list API keys in the system keyring."));
  fprintf (stream, "%s\n", _("Commands:"));
  fprintf (stream, "  set PROVIDER     %s\n", _("Store the key read from standard input"));
  fprintf (stream, "  delete PROVIDER  %s\n", _("Delete the stored key"));
  fprintf (stream, "  list             %s\n", _("List the providers that have a stored key"));
  fprintf (stream, "\n%s\n", _("A key in the provider’s environment variable (such as OPENAI_API_KEY) "
                               "is used before the keyring."));
  fprintf (stream, "\n%s\n", _("Run “prism-cli keys COMMAND --help” for the options of a command."));
}

static int
exit_code_for (const GError *error)
{
  if (g_error_matches (error, PRISM_ERROR, PRISM_ERROR_CONFIG))
    return PRISM_CLI_EXIT_USAGE;

  return PRISM_CLI_EXIT_FAILED;
}

static int
usage_error (const char *command,
             const char *message)
{
  g_printerr ("prism-cli keys %s: %s\n", command, message);
  g_printerr (_("Run “prism-cli keys %s --help” for its options.\n"), command);

  return PRISM_CLI_EXIT_USAGE;
}

/* Parses a subcommand's options; on failure prints why and returns FALSE
 * with *exit_code set. */
static gboolean
parse_options (const char         *command,
               const char         *parameters,
               const char         *summary,
               const GOptionEntry *entries,
               int                *argc,
               char             ***argv,
               int                *exit_code)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("prism-cli keys %s", command);

  g_set_prgname (prgname);
  context = g_option_context_new (parameters);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *exit_code = usage_error (command, error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_provider_argument (const char  *command,
                         int          argc,
                         char       **argv,
                         int         *exit_code)
{
  g_autofree char *message = NULL;

  if (argc < 2)
    {
      *exit_code = usage_error (command, _("Name the provider, such as “openai”."));
      return FALSE;
    }

  if (argc > 2)
    {
      /* Not shown back: it may well be a key. */
      *exit_code = usage_error (command, _("Too many arguments. Give only the provider: the key "
                                           "is read from standard input, never from the command "
                                           "line."));
      return FALSE;
    }

  if (!prism_keyring_is_valid_provider (argv[1]))
    {
      message = g_strdup_printf (_("“%s” is not a provider id. An id is lower-case letters, "
                                   "digits, dots, dashes and underscores, such as “openai”."),
                                 argv[1]);
      *exit_code = usage_error (command, message);
      return FALSE;
    }

  return TRUE;
}

static void
wipe_buffer (char  *buffer,
             gsize  len)
{
  volatile char *p = (volatile char *)buffer;

  for (gsize i = 0; i < len; i++)
    p[i] = '\0';
}

/* Echo stays off only while the key is typed: a signal that ends the
 * program first gives the terminal back as it was. */
static struct termios saved_termios;
static volatile sig_atomic_t echo_is_off;

static const int restoring_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

static void
restore_echo_and_die (int signum)
{
  if (echo_is_off)
    tcsetattr (STDIN_FILENO, TCSANOW, &saved_termios);

  signal (signum, SIG_DFL);
  raise (signum);
}

static gboolean
echo_off (struct sigaction *old_actions)
{
  struct sigaction action;
  struct termios quiet;

  if (tcgetattr (STDIN_FILENO, &saved_termios) != 0)
    return FALSE;

  memset (&action, 0, sizeof action);
  action.sa_handler = restore_echo_and_die;
  sigemptyset (&action.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (restoring_signals); i++)
    sigaction (restoring_signals[i], &action, &old_actions[i]);

  quiet = saved_termios;
  quiet.c_lflag &= ~ECHO;
  quiet.c_lflag |= ECHONL;
  echo_is_off = TRUE;
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);

  return TRUE;
}

static void
echo_on (const struct sigaction *old_actions)
{
  tcsetattr (STDIN_FILENO, TCSANOW, &saved_termios);
  echo_is_off = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (restoring_signals); i++)
    sigaction (restoring_signals[i], &old_actions[i], NULL);
}

/* Reads the key: from a terminal, one line typed without echo; from a
 * pipe or a file, everything. One trailing newline is not part of it. */
static char *
read_key (const char  *provider,
          GError     **error)
{
  struct sigaction old_actions[G_N_ELEMENTS (restoring_signals)];
  gboolean tty = isatty (STDIN_FILENO);
  gboolean quiet = FALSE;
  gboolean too_long = FALSE;
  char *buffer;
  char *key = NULL;
  gsize len = 0;
  int saved_errno = 0;

  if (tty)
    {
      fprintf (stderr, _("Key for %s (typing is not shown): "), provider);
      fflush (stderr);
      quiet = echo_off (old_actions);
    }

  buffer = g_malloc0 (MAX_KEY_LENGTH + 2);
  for (;;)
    {
      gssize n = read (STDIN_FILENO, buffer + len, MAX_KEY_LENGTH + 1 - len);

      if (n < 0 && errno == EINTR)
        continue;

      if (n < 0)
        {
          saved_errno = errno;
          break;
        }

      if (n == 0)
        break;

      len += n;
      if (len > MAX_KEY_LENGTH)
        {
          too_long = TRUE;
          break;
        }

      if (tty && memchr (buffer + len - n, '\n', n) != NULL)
        break;
    }

  if (quiet)
    echo_on (old_actions);

  if (tty && (len == 0 || memchr (buffer, '\n', len) == NULL))
    fputc ('\n', stderr);

  if (saved_errno != 0)
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Cannot read the key from standard input: %s"), g_strerror (saved_errno));
  else if (too_long)
    g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                 _("The input is longer than %d KiB, too long for a key. Give only the key."),
                 MAX_KEY_LENGTH / 1024);
  else
    {
      char *end;

      /* From a terminal the key ends at the first line. */
      if (tty && (end = memchr (buffer, '\n', len)) != NULL)
        len = end - buffer + 1;

      if (len > 0 && buffer[len - 1] == '\n')
        {
          len--;
          if (len > 0 && buffer[len - 1] == '\r')
            len--;
        }

      if (len == 0)
        g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                     _("The key is empty, so nothing was stored. Give the key on standard input, "
                       "for example: prism-cli keys set %s < key.txt"),
                     provider);
      else if (memchr (buffer, '\0', len) != NULL)
        g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                     _("The input holds a NUL byte, which a key never does. Give only the key."));
      else
        key = g_strndup (buffer, len);
    }

  wipe_buffer (buffer, MAX_KEY_LENGTH + 2);
  g_free (buffer);

  return key;
}

static int
keys_set (int    argc,
          char **argv)
{
  g_autoptr(PrismKeyring) keyring = NULL;
  g_autoptr(GError) error = NULL;
  int exit_code;
  char *key;

  if (!parse_options ("set", _("PROVIDER"),
                      _("Stores the key read from standard input in the system keyring, "
                        "replacing the key stored before. On a terminal, the key is typed "
                        "without being shown; from a pipe or a file, one trailing newline is "
                        "dropped. The key is never printed."),
                      project_entries, &argc, &argv, &exit_code))
    return exit_code;

  if (!check_provider_argument ("set", argc, argv, &exit_code))
    return exit_code;

  key = read_key (argv[1], &error);
  if (key == NULL)
    {
      g_printerr ("prism-cli keys set: %s\n", error->message);
      return exit_code_for (error);
    }

  keyring = prism_keyring_new ();
  prism_keyring_store_sync (keyring, argv[1], project, key, NULL, &error);
  prism_keyring_free_key (key);

  if (error != NULL)
    {
      g_printerr ("prism-cli keys set: %s\n", error->message);
      return exit_code_for (error);
    }

  if (project != NULL && project[0] != '\0')
    printf (_("Stored the key for %s, project “%s”, in the keyring.\n"), argv[1], project);
  else
    printf (_("Stored the key for %s in the keyring.\n"), argv[1]);

  return PRISM_CLI_EXIT_OK;
}

static int
keys_delete (int    argc,
             char **argv)
{
  g_autoptr(PrismKeyring) keyring = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_project;
  int exit_code;

  if (!parse_options ("delete", _("PROVIDER"),
                      _("Deletes the provider’s key from the system keyring. With --project, "
                        "deletes only that project’s key; the provider’s own stays."),
                      project_entries, &argc, &argv, &exit_code))
    return exit_code;

  if (!check_provider_argument ("delete", argc, argv, &exit_code))
    return exit_code;

  has_project = project != NULL && project[0] != '\0';
  keyring = prism_keyring_new ();
  if (!prism_keyring_delete_sync (keyring, argv[1], project, NULL, &error))
    {
      if (error != NULL)
        g_printerr ("prism-cli keys delete: %s\n", error->message);
      else if (has_project)
        g_printerr (_("prism-cli keys delete: No key for %s, project “%s”, is stored in the "
                      "keyring.\n"), argv[1], project);
      else
        g_printerr (_("prism-cli keys delete: No key for %s is stored in the keyring.\n"), argv[1]);

      return error != NULL ? exit_code_for (error) : PRISM_CLI_EXIT_FAILED;
    }

  if (has_project)
    printf (_("Deleted the key for %s, project “%s”, from the keyring.\n"), argv[1], project);
  else
    printf (_("Deleted the key for %s from the keyring.\n"), argv[1]);

  return PRISM_CLI_EXIT_OK;
}

static void
print_json (GPtrArray *entries)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    {
      PrismKeyringEntry *entry = g_ptr_array_index (entries, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "provider");
      json_builder_add_string_value (builder, entry->provider);
      json_builder_set_member_name (builder, "project");
      if (entry->project[0] != '\0')
        json_builder_add_string_value (builder, entry->project);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static int
keys_list (int    argc,
           char **argv)
{
  g_autoptr(PrismKeyring) keyring = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismCliTable) table = NULL;
  g_autofree char *message = NULL;
  int exit_code;

  if (!parse_options ("list", NULL,
                      _("Lists the providers, and projects, that have a key in the system "
                        "keyring. Keys themselves are never shown."),
                      list_entries, &argc, &argv, &exit_code))
    return exit_code;

  if (argc > 1)
    {
      message = g_strdup_printf (_("Unexpected argument “%s”."), argv[1]);
      return usage_error ("list", message);
    }

  keyring = prism_keyring_new ();
  entries = prism_keyring_list_sync (keyring, NULL, &error);
  if (entries == NULL)
    {
      g_printerr ("prism-cli keys list: %s\n", error->message);
      return exit_code_for (error);
    }

  if (json)
    {
      print_json (entries);
      return PRISM_CLI_EXIT_OK;
    }

  if (entries->len == 0)
    {
      printf ("%s\n", _("No keys are stored in the keyring."));
      return PRISM_CLI_EXIT_OK;
    }

  table = prism_cli_table_new (2, _("PROVIDER"), _("PROJECT"));
  for (guint i = 0; i < entries->len; i++)
    {
      PrismKeyringEntry *entry = g_ptr_array_index (entries, i);

      /* A provider's own key serves every project without one. */
      prism_cli_table_add_row (table,
                               entry->provider,
                               entry->project[0] != '\0' ? entry->project : _("(all)"));
    }
  prism_cli_table_print (table, stdout, isatty (STDOUT_FILENO));

  return PRISM_CLI_EXIT_OK;
}

/**
 * prism_cli_keys:
 * @argc: the arguments' count, `keys` included
 * @argv: the arguments, starting with `keys`
 *
 * Returns: the exit code of DESIGN.md
 */
int
prism_cli_keys (int    argc,
                char **argv)
{
  const char *command;

  if (argc < 2)
    {
      print_keys_usage (stderr);
      return PRISM_CLI_EXIT_USAGE;
    }

  command = argv[1];

  if (g_str_equal (command, "-h") || g_str_equal (command, "--help") || g_str_equal (command, "help"))
    {
      print_keys_usage (stdout);
      return PRISM_CLI_EXIT_OK;
    }

  if (g_str_equal (command, "set"))
    return keys_set (argc - 1, argv + 1);

  if (g_str_equal (command, "delete"))
    return keys_delete (argc - 1, argv + 1);

  if (g_str_equal (command, "list"))
    return keys_list (argc - 1, argv + 1);

  g_printerr (_("prism-cli keys: “%s” is not a command. Run “prism-cli keys --help” for the list.\n"),
              command);

  return PRISM_CLI_EXIT_USAGE;
}
