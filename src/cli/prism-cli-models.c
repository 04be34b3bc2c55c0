/* prism-cli-models.c
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

/* `prism-cli models`: the catalog the model picker shows, from the cache
 * the window keeps, or asked afresh of the providers with --refresh.
 */

static char *models_provider;
static char *models_search;
static gboolean models_refresh;
static gboolean models_json;

static void
reset_options (void)
{
  g_clear_pointer (&models_provider, g_free);
  g_clear_pointer (&models_search, g_free);
  models_refresh = models_json = FALSE;
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
add_price (JsonBuilder *builder,
           const char  *name,
           double       price)
{
  json_builder_set_member_name (builder, name);
  if (isnan (price))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, price);
}

static char *
price_text (double price)
{
  if (isnan (price))
    return g_strdup ("—");

  return g_strdup_printf ("%.2f", price);
}

int
prism_cli_models (int    argc,
                  char **argv)
{
  GOptionEntry entries[] = {
    { "provider", 0, 0, G_OPTION_ARG_STRING, &models_provider, N_("Only the models of provider ID"), N_("ID") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &models_search, N_("Only models whose id or name holds TEXT"), N_("TEXT") },
    { "refresh", 0, 0, G_OPTION_ARG_NONE, &models_refresh, N_("Ask the providers again instead of using the cache"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &models_json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) option_context = NULL;
  g_autoptr(PrismCliContext) context = NULL;
  g_autoptr(GListModel) matches = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = NULL;
  PrismClient *client;
  PrismCatalog *catalog;

  reset_options ();
  g_set_prgname ("prism-cli models");
  option_context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (option_context, GETTEXT_PACKAGE);
  g_option_context_set_summary (option_context,
                                _("List the models of the providers, with their prices in USD per million tokens."));
  g_option_context_add_main_entries (option_context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (option_context, &argc, &argv, &error) || argc > 1)
    {
      g_printerr ("prism-cli models: %s\n", error ? error->message : _("Takes no arguments."));
      reset_options ();
      return PRISM_CLI_EXIT_USAGE;
    }

  context = prism_cli_context_new (&error);
  if (context == NULL)
    {
      g_printerr ("prism-cli models: %s\n", error->message);
      reset_options ();
      return PRISM_CLI_EXIT_USAGE;
    }
  client = prism_cli_context_get_client (context);
  catalog = prism_client_get_catalog (client);

  if (models_provider != NULL &&
      prism_provider_registry_lookup (prism_client_get_registry (client), models_provider) == NULL)
    {
      g_autofree char *ids = prism_provider_registry_list_ids (prism_client_get_registry (client));

      g_printerr (_("prism-cli models: unknown provider “%s”. The providers are %s.\n"), models_provider, ids);
      reset_options ();
      return PRISM_CLI_EXIT_USAGE;
    }

  cache = prism_catalog_get_default_cache_path ();
  if (!models_refresh && !prism_catalog_load_cache (catalog, cache, &error))
    {
      /* A cache that cannot be read is asked for again, never fatal. */
      g_clear_error (&error);
    }

  matches = prism_catalog_filter (catalog, NULL, models_provider, PRISM_CATALOG_CAPABILITY_NONE);
  if (models_refresh || g_list_model_get_n_items (matches) == 0)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GHashTable) failures = NULL;
      GHashTableIter iter;
      const char *id;
      const GError *failure;

      prism_client_refresh_catalog_async (client, models_provider, NULL, refresh_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      failures = prism_client_refresh_catalog_finish (client, result, &error);
      if (failures == NULL)
        {
          g_printerr ("prism-cli models: %s\n", error->message);
          reset_options ();
          return PRISM_CLI_EXIT_FAILED;
        }

      /* Providers without a key, or local servers that are not running,
       * are simply not in use; they are named only when asked for.
       */
      g_hash_table_iter_init (&iter, failures);
      while (g_hash_table_iter_next (&iter, (gpointer *)&id, (gpointer *)&failure))
        {
          gboolean unused = g_error_matches (failure, PRISM_ERROR, PRISM_ERROR_CONFIG) ||
                            (g_error_matches (failure, PRISM_ERROR, PRISM_ERROR_NETWORK) &&
                             prism_provider_config_get_local (prism_provider_registry_lookup (prism_client_get_registry (client), id)));

          if (models_provider != NULL || !unused)
            g_printerr ("prism-cli models: %s: %s\n", id, failure->message);
        }

      if (!prism_catalog_save_cache (catalog, cache, &error))
        {
          g_printerr ("prism-cli models: %s\n", error->message);
          g_clear_error (&error);
        }

      if (models_provider != NULL && g_hash_table_contains (failures, models_provider))
        {
          reset_options ();
          return PRISM_CLI_EXIT_FAILED;
        }
    }

  g_clear_object (&matches);
  matches = prism_catalog_filter (catalog, models_search, models_provider, PRISM_CATALOG_CAPABILITY_NONE);

  if (models_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < g_list_model_get_n_items (matches); i++)
        {
          g_autoptr(PrismModel) model = g_list_model_get_item (matches, i);
          const PrismPrices *prices = prism_model_get_prices (model);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, prism_model_get_id (model));
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, prism_model_get_name (model));
          json_builder_set_member_name (builder, "context_length");
          if (prism_model_get_context_length (model) > 0)
            json_builder_add_int_value (builder, prism_model_get_context_length (model));
          else
            json_builder_add_null_value (builder);
          add_price (builder, "input_price", prices->input);
          add_price (builder, "output_price", prices->output);
          add_price (builder, "cached_input_price", prices->cached_input);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      prism_cli_print_json (root);
    }
  else
    {
      g_autoptr(PrismCliTable) table = prism_cli_table_new (5, _("MODEL"), _("CONTEXT"), _("INPUT $/M"),
                                                           _("OUTPUT $/M"), _("NAME"));

      for (guint c = 1; c < 4; c++)
        prism_cli_table_set_align (table, c, PRISM_CLI_ALIGN_RIGHT);
      for (guint i = 0; i < g_list_model_get_n_items (matches); i++)
        {
          g_autoptr(PrismModel) model = g_list_model_get_item (matches, i);
          const PrismPrices *prices = prism_model_get_prices (model);
          g_autofree char *context_length = prism_model_get_context_length (model) > 0
            ? g_strdup_printf ("%" G_GINT64_FORMAT, prism_model_get_context_length (model))
            : g_strdup ("—");
          g_autofree char *input = price_text (prices->input);
          g_autofree char *output = price_text (prices->output);

          prism_cli_table_add_row (table, prism_model_get_id (model), context_length, input, output,
                                   prism_model_get_name (model) ? prism_model_get_name (model) : "");
        }
      prism_cli_table_print (table, stdout, isatty (STDOUT_FILENO));
    }

  reset_options ();

  return PRISM_CLI_EXIT_OK;
}
