/* prism-cli-history.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "prism-cli.h"
#include "prism-cli-commands.h"
#include "prism-cli-context.h"
#include "prism-cli-table.h"
#include "prism-error.h"
#include "prism-format.h"

/* `history`, `show`, `export` and `import`: the history the window
 * keeps, from a terminal.
 */

static gboolean
parse_options (const char    *command,
               const char    *parameters,
               const char    *summary,
               GOptionEntry  *entries,
               int           *argc,
               char        ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("prism-cli %s", command);

  g_set_prgname (prgname);
  context = g_option_context_new (parameters);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("prism-cli %s: %s\n", command, error->message);
      return FALSE;
    }

  return TRUE;
}

static PrismStore *
open_store (const char       *command,
            PrismCliContext **context_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismCliContext) context = prism_cli_context_new (&error);
  PrismStore *store;

  if (context == NULL)
    {
      g_printerr ("prism-cli %s: %s\n", command, error->message);
      return NULL;
    }

  store = prism_cli_context_get_store (context, &error);
  if (store == NULL)
    {
      g_printerr ("prism-cli %s: %s\n", command, error->message);
      return NULL;
    }

  *context_out = g_steal_pointer (&context);

  return store;
}

static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  if (local == NULL)
    return g_strdup ("");

  return prism_format_date_time (local);
}

static char *
format_iso_time (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  if (local == NULL)
    return NULL;

  return g_date_time_format_iso8601 (local);
}

static void
add_cost (JsonBuilder *builder,
          double       cost)
{
  json_builder_set_member_name (builder, "cost_usd");
  if (isnan (cost))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, cost);
}

static char *
cost_text (double cost)
{
  if (isnan (cost))
    return g_strdup (_("unknown"));

  return prism_format_cost (cost);
}

static char *history_search;
static int history_limit = 20;
static gboolean history_json;

int
prism_cli_history (int    argc,
                   char **argv)
{
  GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &history_search, N_("Only conversations whose messages hold TEXT"), N_("TEXT") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &history_limit, N_("Show at most N conversations (20)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &history_json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(PrismCliContext) context = NULL;
  g_autoptr(GPtrArray) conversations = NULL;
  g_autoptr(GError) error = NULL;
  PrismStore *store;

  if (!parse_options ("history", NULL, _("List the stored conversations, newest first."), entries, &argc, &argv))
    return PRISM_CLI_EXIT_USAGE;
  if (argc > 1 || history_limit <= 0)
    {
      g_printerr ("prism-cli history: %s\n", _("Takes no arguments, and --limit must be above 0."));
      return PRISM_CLI_EXIT_USAGE;
    }

  store = open_store ("history", &context);
  if (store == NULL)
    return PRISM_CLI_EXIT_FAILED;

  if (history_search != NULL)
    {
      g_autoptr(GPtrArray) hits = prism_store_search (store, history_search, history_limit, &error);

      if (hits == NULL)
        {
          g_printerr ("prism-cli history: %s\n", error->message);
          return PRISM_CLI_EXIT_FAILED;
        }

      conversations = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_conversation_free);
      for (guint i = 0; i < hits->len; i++)
        {
          PrismSearchHit *hit = g_ptr_array_index (hits, i);
          PrismConversation *conversation = prism_store_get_conversation (store, hit->conversation_id, NULL);

          if (conversation != NULL)
            g_ptr_array_add (conversations, conversation);
        }
    }
  else
    {
      conversations = prism_store_list_conversations (store, history_limit, &error);
      if (conversations == NULL)
        {
          g_printerr ("prism-cli history: %s\n", error->message);
          return PRISM_CLI_EXIT_FAILED;
        }
    }

  if (history_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < conversations->len; i++)
        {
          PrismConversation *conversation = g_ptr_array_index (conversations, i);
          g_autofree char *updated = format_iso_time (conversation->updated_at);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, conversation->id);
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, conversation->title);
          json_builder_set_member_name (builder, "updated_at");
          json_builder_add_string_value (builder, updated);
          json_builder_set_member_name (builder, "models");
          json_builder_begin_array (builder);
          for (guint j = 0; conversation->models != NULL && conversation->models[j] != NULL; j++)
            json_builder_add_string_value (builder, conversation->models[j]);
          json_builder_end_array (builder);
          json_builder_set_member_name (builder, "messages");
          json_builder_add_int_value (builder, conversation->n_messages);
          add_cost (builder, conversation->cost_usd);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      prism_cli_print_json (root);
    }
  else
    {
      g_autoptr(PrismCliTable) table = prism_cli_table_new (5, _("ID"), _("UPDATED"), _("MESSAGES"), _("COST"), _("TITLE"));

      prism_cli_table_set_align (table, 2, PRISM_CLI_ALIGN_RIGHT);
      prism_cli_table_set_align (table, 3, PRISM_CLI_ALIGN_RIGHT);
      for (guint i = 0; i < conversations->len; i++)
        {
          PrismConversation *conversation = g_ptr_array_index (conversations, i);
          g_autofree char *updated = format_time (conversation->updated_at);
          g_autofree char *n = g_strdup_printf ("%u", conversation->n_messages);
          g_autofree char *cost = cost_text (conversation->cost_usd);

          prism_cli_table_add_row (table, conversation->id, updated, n, cost, conversation->title);
        }
      prism_cli_table_print (table, stdout, isatty (fileno (stdout)));
    }

  return PRISM_CLI_EXIT_OK;
}

static gboolean show_json;
static gboolean show_markdown;

int
prism_cli_show (int    argc,
                char **argv)
{
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &show_json, N_("Print JSON"), NULL },
    { "markdown", 0, 0, G_OPTION_ARG_NONE, &show_markdown, N_("Print Markdown"), NULL },
    { NULL }
  };
  g_autoptr(PrismCliContext) context = NULL;
  g_autoptr(PrismConversation) conversation = NULL;
  g_autoptr(GError) error = NULL;
  PrismStore *store;

  if (!parse_options ("show", _("ID"), _("Show one stored conversation."), entries, &argc, &argv))
    return PRISM_CLI_EXIT_USAGE;
  if (argc != 2 || (show_json && show_markdown))
    {
      g_printerr ("prism-cli show: %s\n", _("Give one conversation ID (see “prism-cli history”), and at most one of --json and --markdown."));
      return PRISM_CLI_EXIT_USAGE;
    }

  store = open_store ("show", &context);
  if (store == NULL)
    return PRISM_CLI_EXIT_FAILED;

  conversation = prism_store_get_conversation (store, argv[1], &error);
  if (conversation == NULL)
    {
      if (error != NULL)
        g_printerr ("prism-cli show: %s\n", error->message);
      else
        g_printerr (_("prism-cli show: there is no conversation “%s”. “prism-cli history” lists them.\n"), argv[1]);
      return PRISM_CLI_EXIT_USAGE;
    }

  if (show_json || show_markdown)
    {
      g_autofree char *text = show_json ? prism_store_export_json (store, conversation->id, &error)
                                        : prism_store_export_markdown (store, conversation->id, &error);

      if (text == NULL)
        {
          g_printerr ("prism-cli show: %s\n", error->message);
          return PRISM_CLI_EXIT_FAILED;
        }
      fputs (text, stdout);
      if (!g_str_has_suffix (text, "\n"))
        fputs ("\n", stdout);
      return PRISM_CLI_EXIT_OK;
    }

  printf ("%s\n\n", conversation->title);
  for (guint i = 0; i < conversation->messages->len; i++)
    {
      PrismMessage *message = g_ptr_array_index (conversation->messages, i);
      g_autofree char *when = format_time (message->created_at);

      if (g_str_equal (message->role, "assistant"))
        {
          g_autofree char *cost = cost_text (message->cost_usd);

          printf ("── %s · %s · %s · %s ──\n", message->model ? message->model : _("assistant"),
                  when, prism_message_status_to_string (message->status), cost);
        }
      else
        printf ("── %s · %s ──\n", message->role, when);
      if (message->reasoning != NULL && *message->reasoning != '\0')
        printf ("%s\n\n", message->reasoning);
      printf ("%s\n", message->content ? message->content : "");
      if (message->error != NULL)
        printf ("(%s)\n", message->error);
      printf ("\n");
    }

  return PRISM_CLI_EXIT_OK;
}

int
prism_cli_export (int    argc,
                  char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(PrismCliContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  PrismStore *store;

  if (!parse_options ("export", _("[ID]"), _("Write one conversation, or all, as JSON to standard output."),
                      entries, &argc, &argv))
    return PRISM_CLI_EXIT_USAGE;
  if (argc > 2)
    {
      g_printerr ("prism-cli export: %s\n", _("Give at most one conversation ID."));
      return PRISM_CLI_EXIT_USAGE;
    }

  store = open_store ("export", &context);
  if (store == NULL)
    return PRISM_CLI_EXIT_FAILED;

  text = prism_store_export_json (store, argc == 2 ? argv[1] : NULL, &error);
  if (text == NULL)
    {
      g_printerr ("prism-cli export: %s\n", error->message);
      return g_error_matches (error, PRISM_ERROR, PRISM_ERROR_CONFIG) ? PRISM_CLI_EXIT_USAGE : PRISM_CLI_EXIT_FAILED;
    }

  fputs (text, stdout);
  if (!g_str_has_suffix (text, "\n"))
    fputs ("\n", stdout);

  return PRISM_CLI_EXIT_OK;
}

int
prism_cli_import (int    argc,
                  char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(PrismCliContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  guint imported = 0, skipped = 0;
  PrismStore *store;

  if (!parse_options ("import", _("FILE"), _("Add the conversations of a file written by “prism-cli export”.\n"
                                             "A file with any mistake is refused whole: nothing is added."),
                      entries, &argc, &argv))
    return PRISM_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr ("prism-cli import: %s\n", _("Give the file to import."));
      return PRISM_CLI_EXIT_USAGE;
    }

  if (!g_file_get_contents (argv[1], &text, &length, &error))
    {
      g_printerr ("prism-cli import: %s\n", error->message);
      return PRISM_CLI_EXIT_USAGE;
    }

  store = open_store ("import", &context);
  if (store == NULL)
    return PRISM_CLI_EXIT_FAILED;

  if (!prism_store_import_json (store, text, length, &imported, &skipped, &error))
    {
      g_printerr ("prism-cli import: %s: %s\n", argv[1], error->message);
      return PRISM_CLI_EXIT_FAILED;
    }

  printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u conversation", "Imported %u conversations", imported), imported);
  if (skipped > 0)
    printf (g_dngettext (GETTEXT_PACKAGE, "; %u was already there", "; %u were already there", skipped), skipped);
  printf (".\n");

  return PRISM_CLI_EXIT_OK;
}
