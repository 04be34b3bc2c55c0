/* prism-cli-spend.c
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
#include "prism-format.h"

/* `prism-cli spend`: what was spent, grouped, over local days. */

static char *spend_by;
static char *spend_since;
static char *spend_until;
static gboolean spend_json;
static gboolean spend_csv;

static void
reset_options (void)
{
  g_clear_pointer (&spend_by, g_free);
  g_clear_pointer (&spend_since, g_free);
  g_clear_pointer (&spend_until, g_free);
  spend_json = spend_csv = FALSE;
}

static gboolean
is_day (const char *text)
{
  g_autoptr(GDate) date = NULL;
  guint year, month, day;

  if (text == NULL)
    return TRUE;
  if (strlen (text) != 10 || sscanf (text, "%4u-%2u-%2u", &year, &month, &day) != 3)
    return FALSE;

  return g_date_valid_dmy (day, month, year);
}

static void
print_csv_field (const char *text)
{
  if (strpbrk (text, ",\"\n\r") == NULL)
    {
      fputs (text, stdout);
      return;
    }

  fputc ('"', stdout);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        fputc ('"', stdout);
      fputc (*p, stdout);
    }
  fputc ('"', stdout);
}

int
prism_cli_spend (int    argc,
                 char **argv)
{
  GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &spend_by, N_("Group by model, provider, day or project (model)"), N_("WHAT") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &spend_since, N_("From this local day on"), N_("YYYY-MM-DD") },
    { "until", 0, 0, G_OPTION_ARG_STRING, &spend_until, N_("Up to this local day, included"), N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &spend_json, N_("Print JSON"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &spend_csv, N_("Print CSV"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) option_context = NULL;
  g_autoptr(PrismCliContext) context = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  PrismSpendGroup group = PRISM_SPEND_BY_MODEL;
  gint64 unknown = 0;
  double total = 0;
  PrismStore *store;
  int status = PRISM_CLI_EXIT_OK;

  reset_options ();
  g_set_prgname ("prism-cli spend");
  option_context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (option_context, GETTEXT_PACKAGE);
  g_option_context_set_summary (option_context,
                                _("What was spent, from the history. Requests whose cost is unknown are counted,\n"
                                  "never added as zero."));
  g_option_context_add_main_entries (option_context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (option_context, &argc, &argv, &error))
    {
      g_printerr ("prism-cli spend: %s\n", error->message);
      reset_options ();
      return PRISM_CLI_EXIT_USAGE;
    }

  if (spend_by == NULL || g_str_equal (spend_by, "model"))
    group = PRISM_SPEND_BY_MODEL;
  else if (g_str_equal (spend_by, "provider"))
    group = PRISM_SPEND_BY_PROVIDER;
  else if (g_str_equal (spend_by, "day"))
    group = PRISM_SPEND_BY_DAY;
  else if (g_str_equal (spend_by, "project"))
    group = PRISM_SPEND_BY_PROJECT;
  else
    {
      g_printerr (_("prism-cli spend: --by takes model, provider, day or project, not “%s”.\n"), spend_by);
      reset_options ();
      return PRISM_CLI_EXIT_USAGE;
    }

  if (argc > 1 || (spend_json && spend_csv) || !is_day (spend_since) || !is_day (spend_until))
    {
      g_printerr ("prism-cli spend: %s\n", _("Days are written YYYY-MM-DD, and only one of --json and --csv may be given."));
      reset_options ();
      return PRISM_CLI_EXIT_USAGE;
    }

  context = prism_cli_context_new (&error);
  store = context ? prism_cli_context_get_store (context, &error) : NULL;
  if (store == NULL)
    {
      g_printerr ("prism-cli spend: %s\n", error->message);
      reset_options ();
      return PRISM_CLI_EXIT_FAILED;
    }

  rows = prism_store_query_spend (store, group, FALSE, spend_since, spend_until, &error);
  if (rows == NULL)
    {
      g_printerr ("prism-cli spend: %s\n", error->message);
      reset_options ();
      return PRISM_CLI_EXIT_FAILED;
    }

  if (spend_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < rows->len; i++)
        {
          PrismSpendRow *row = g_ptr_array_index (rows, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "key");
          json_builder_add_string_value (builder, row->key);
          json_builder_set_member_name (builder, "requests");
          json_builder_add_int_value (builder, row->requests);
          json_builder_set_member_name (builder, "unknown_cost_requests");
          json_builder_add_int_value (builder, row->unknown_cost_requests);
          json_builder_set_member_name (builder, "input_tokens");
          json_builder_add_int_value (builder, row->input_tokens);
          json_builder_set_member_name (builder, "cached_input_tokens");
          json_builder_add_int_value (builder, row->cached_input_tokens);
          json_builder_set_member_name (builder, "output_tokens");
          json_builder_add_int_value (builder, row->output_tokens);
          json_builder_set_member_name (builder, "reasoning_tokens");
          json_builder_add_int_value (builder, row->reasoning_tokens);
          json_builder_set_member_name (builder, "cost_usd");
          /* Nothing known is null; a known sum beside unknown requests is
           * the known part, and unknown_cost_requests says what is missing.
           */
          if (row->unknown_cost_requests == row->requests)
            json_builder_add_null_value (builder);
          else
            json_builder_add_double_value (builder, row->cost_usd);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      prism_cli_print_json (root);
    }
  else if (spend_csv)
    {
      printf ("key,requests,unknown_cost_requests,input_tokens,cached_input_tokens,output_tokens,reasoning_tokens,cost_usd\n");
      for (guint i = 0; i < rows->len; i++)
        {
          PrismSpendRow *row = g_ptr_array_index (rows, i);
          char cost[G_ASCII_DTOSTR_BUF_SIZE] = "";

          if (row->unknown_cost_requests < row->requests)
            g_ascii_formatd (cost, sizeof cost, "%.6f", row->cost_usd);
          print_csv_field (row->key);
          printf (",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                  ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%s\n",
                  row->requests, row->unknown_cost_requests, row->input_tokens, row->cached_input_tokens,
                  row->output_tokens, row->reasoning_tokens, cost);
        }
    }
  else
    {
      g_autoptr(PrismCliTable) table = NULL;
      const char *heading = group == PRISM_SPEND_BY_MODEL ? _("MODEL")
                          : group == PRISM_SPEND_BY_PROVIDER ? _("PROVIDER")
                          : group == PRISM_SPEND_BY_DAY ? _("DAY") : _("PROJECT");

      table = prism_cli_table_new (5, heading, _("REQUESTS"), _("TOKENS IN"), _("TOKENS OUT"), _("COST"));
      for (guint c = 1; c < 5; c++)
        prism_cli_table_set_align (table, c, PRISM_CLI_ALIGN_RIGHT);

      for (guint i = 0; i < rows->len; i++)
        {
          PrismSpendRow *row = g_ptr_array_index (rows, i);
          g_autofree char *requests = g_strdup_printf ("%" G_GINT64_FORMAT, row->requests);
          g_autofree char *in = prism_format_tokens (row->input_tokens);
          g_autofree char *out = prism_format_tokens (row->output_tokens);
          g_autofree char *cost = NULL;

          if (row->unknown_cost_requests == row->requests)
            cost = g_strdup (_("unknown"));
          else if (row->unknown_cost_requests > 0)
            {
              g_autofree char *known = prism_format_cost (row->cost_usd);

              /* Translators: a known sum, plus a number of requests whose cost is unknown */
              cost = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s + %lld unknown", "%s + %lld unknown",
                                                   row->unknown_cost_requests),
                                      known, (long long)row->unknown_cost_requests);
            }
          else
            cost = prism_format_cost (row->cost_usd);

          total += row->cost_usd;
          unknown += row->unknown_cost_requests;
          prism_cli_table_add_row (table, row->key, requests, in, out, cost);
        }
      prism_cli_table_print (table, stdout, isatty (STDOUT_FILENO));

      if (rows->len > 0)
        {
          g_autofree char *money = prism_format_cost (total);

          if (unknown > 0)
            printf (g_dngettext (GETTEXT_PACKAGE,
                                 "Total %s, and %lld request whose cost is unknown.\n",
                                 "Total %s, and %lld requests whose cost is unknown.\n",
                                 unknown),
                    money, (long long)unknown);
          else
            printf (_("Total %s.\n"), money);
        }
      else
        printf ("%s\n", _("Nothing was spent in this period."));
    }

  reset_options ();

  return status;
}
