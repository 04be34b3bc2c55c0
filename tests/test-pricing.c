/* test-pricing.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <json-glib/json-glib.h>

#include "prism-core-resources.h"
#include "prism-error.h"
#include "prism-pricing.h"
#include "prism-provider-registry.h"

static const PrismUsage usage = {
  .input_tokens = 1000000,
  .cached_input_tokens = 200000,
  .cache_write_tokens = 100000,
  .output_tokens = 500000,
  .reasoning_tokens = 100000,
  .known = TRUE,
};

static void
test_pricing_bundled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismPricing) pricing = prism_pricing_new (&error);
  g_autoptr(GDate) date = g_date_new ();
  PrismPrices prices;

  g_assert_no_error (error);
  g_assert_nonnull (pricing);
  g_assert_true (prism_pricing_get_default () != NULL);
  g_assert_cmpuint (prism_pricing_get_n_entries (pricing), ==,
                    prism_pricing_get_n_entries (prism_pricing_get_default ()));

  g_date_set_parse (date, prism_pricing_get_taken (pricing));
  g_assert_true (g_date_valid (date));
  g_assert_cmpint (strlen (prism_pricing_get_taken (pricing)), ==, strlen ("YYYY-MM-DD"));

  g_assert_true (prism_pricing_lookup (pricing, "openai", "gpt-4o-mini", &prices));
  g_assert_cmpint (prices.source, ==, PRISM_COST_SOURCE_BUNDLED);
  g_assert_cmpfloat_with_epsilon (prices.input, 0.15, 1e-12);
  g_assert_cmpfloat_with_epsilon (prices.output, 0.60, 1e-12);
  g_assert_cmpfloat_with_epsilon (prices.cached_input, 0.075, 1e-12);
  g_assert_true (isnan (prices.cache_write));
  g_assert_true (g_str_has_prefix (prism_pricing_get_source_url (pricing, "openai", "gpt-4o-mini"), "https://"));

  g_assert_true (prism_pricing_lookup (pricing, "anthropic", "claude-sonnet-4-5", &prices));
  g_assert_cmpfloat_with_epsilon (prices.cache_write, 3.75, 1e-12);

  g_assert_false (prism_pricing_lookup (pricing, "openai", "no-such-model", &prices));
  g_assert_cmpint (prices.source, ==, PRISM_COST_SOURCE_UNKNOWN);
  g_assert_true (isnan (prices.input));
  g_assert_false (prism_pricing_lookup (pricing, "anthropic", "gpt-4o-mini", NULL));
  g_assert_null (prism_pricing_get_source_url (pricing, "openai", "no-such-model"));
}

/* The shipped file and the resource agree, and every entry names a
 * built-in provider, with the prices every cost needs. */
static void
test_pricing_table_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "prices.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(PrismProviderRegistry) registry = prism_provider_registry_new_for_path ("/nonexistent/providers.ini");
  g_autoptr(GError) error = NULL;
  PrismPricing *pricing = prism_pricing_get_default ();
  JsonArray *entries;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  entries = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "prices");
  g_assert_cmpuint (json_array_get_length (entries), ==, prism_pricing_get_n_entries (pricing));
  g_assert_cmpuint (json_array_get_length (entries), >, 0);

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      const char *provider = json_object_get_string_member (entry, "provider");
      const char *model = json_object_get_string_member (entry, "model");
      PrismPrices prices;

      g_test_message ("%s:%s", provider, model);
      g_assert_nonnull (prism_provider_registry_lookup (registry, provider));
      g_assert_true (prism_pricing_lookup (pricing, provider, model, &prices));
      g_assert_true (prism_prices_is_known (&prices));
      g_assert_cmpfloat (prices.input, ==, json_object_get_double_member (entry, "input"));
      g_assert_cmpfloat (prices.output, ==, json_object_get_double_member (entry, "output"));
      g_assert_true (g_str_has_prefix (json_object_get_string_member (entry, "source"), "https://"));
    }
}

static void
test_pricing_resource_registered (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  /* Naming the resource links its object, whose constructor registers
   * it in the global table too, for resource:// users. */
  g_assert_nonnull (prism_core_get_resource ());
  bytes = g_resources_lookup_data ("/io/github/prismllm/Prism/core/prices.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 0);
}

static void
test_pricing_resolve_provider (void)
{
  PrismPrices config = { 1, 2, NAN, NAN, PRISM_COST_SOURCE_CONFIG };
  PrismCostSource source = PRISM_COST_SOURCE_UNKNOWN;
  double cost;

  cost = prism_pricing_resolve (prism_pricing_get_default (), "openai", "gpt-4o-mini",
                                &usage, 0.0123, &config, &config, &source);
  g_assert_cmpfloat (cost, ==, 0.0123);
  g_assert_cmpint (source, ==, PRISM_COST_SOURCE_PROVIDER);

  /* A free request the provider says cost nothing really is zero. */
  cost = prism_pricing_resolve (NULL, "openrouter", "x:free", NULL, 0.0, NULL, NULL, &source);
  g_assert_cmpfloat (cost, ==, 0.0);
  g_assert_cmpint (source, ==, PRISM_COST_SOURCE_PROVIDER);
}

static void
test_pricing_resolve_config (void)
{
  PrismPrices config = { 2.5, 10, 1.25, 3.125, PRISM_COST_SOURCE_CONFIG };
  PrismPrices catalog = { 100, 100, NAN, NAN, PRISM_COST_SOURCE_CATALOG };
  PrismCostSource source = PRISM_COST_SOURCE_UNKNOWN;
  double cost;

  cost = prism_pricing_resolve (prism_pricing_get_default (), "openai", "gpt-4o-mini",
                                &usage, NAN, &config, &catalog, &source);
  g_assert_cmpint (source, ==, PRISM_COST_SOURCE_CONFIG);
  /* 0.7 M × 2.5 + 0.2 M × 1.25 + 0.1 M × 3.125 + 0.5 M × 10 */
  g_assert_cmpfloat_with_epsilon (cost, 1.75 + 0.25 + 0.3125 + 5.0, 1e-9);
}

static void
test_pricing_resolve_catalog (void)
{
  PrismPrices half = { 2.5, NAN, NAN, NAN, PRISM_COST_SOURCE_CONFIG };
  PrismPrices catalog = { 3, 15, 0.3, NAN, PRISM_COST_SOURCE_CATALOG };
  PrismCostSource source = PRISM_COST_SOURCE_UNKNOWN;
  double cost;

  /* Config prices without an output price do not count. */
  cost = prism_pricing_resolve (prism_pricing_get_default (), "openai", "gpt-4o-mini",
                                &usage, NAN, &half, &catalog, &source);
  g_assert_cmpint (source, ==, PRISM_COST_SOURCE_CATALOG);
  g_assert_cmpfloat_with_epsilon (cost, 0.7 * 3 + 0.2 * 0.3 + 0.1 * 3 + 0.5 * 15, 1e-9);
}

static void
test_pricing_resolve_bundled (void)
{
  PrismCostSource source = PRISM_COST_SOURCE_UNKNOWN;
  double cost;

  cost = prism_pricing_resolve (prism_pricing_get_default (), "openai", "gpt-4o-mini",
                                &usage, NAN, NULL, NULL, &source);
  g_assert_cmpint (source, ==, PRISM_COST_SOURCE_BUNDLED);
  /* No write price: written tokens cost the input price. */
  g_assert_cmpfloat_with_epsilon (cost, 0.7 * 0.15 + 0.2 * 0.075 + 0.1 * 0.15 + 0.5 * 0.60, 1e-9);
}

static void
test_pricing_resolve_unknown (void)
{
  PrismPrices unknown;
  PrismUsage no_usage = { 0 };
  PrismCostSource source = PRISM_COST_SOURCE_CONFIG;
  double cost;

  prism_prices_init_unknown (&unknown);

  cost = prism_pricing_resolve (prism_pricing_get_default (), "acme", "model-x",
                                &usage, NAN, &unknown, &unknown, &source);
  g_assert_true (isnan (cost));
  g_assert_cmpint (source, ==, PRISM_COST_SOURCE_UNKNOWN);

  /* Prices are no use without token counts. */
  source = PRISM_COST_SOURCE_CONFIG;
  cost = prism_pricing_resolve (prism_pricing_get_default (), "openai", "gpt-4o-mini",
                                &no_usage, NAN, NULL, NULL, &source);
  g_assert_true (isnan (cost));
  g_assert_cmpint (source, ==, PRISM_COST_SOURCE_UNKNOWN);

  cost = prism_pricing_resolve (NULL, "openai", "gpt-4o-mini", &usage, NAN, NULL, NULL, &source);
  g_assert_true (isnan (cost));
  g_assert_cmpint (source, ==, PRISM_COST_SOURCE_UNKNOWN);
}

static void
test_pricing_bad_tables (void)
{
  const char *tables[] = {
    "",
    "[1, 2]",
    "{\"prices\": []}",
    "{\"taken\": \"2026-01-01\"}",
    "{\"taken\": \"2026-01-01\", \"prices\": [3]}",
    "{\"taken\": \"2026-01-01\", \"prices\": [{\"provider\": \"openai\", \"model\": \"m\", \"output\": 1, \"source\": \"s\"}]}",
    "{\"taken\": \"2026-01-01\", \"prices\": [{\"provider\": \"openai\", \"model\": \"m\", \"input\": \"cheap\", \"output\": 1, \"source\": \"s\"}]}",
    "{\"taken\": \"2026-01-01\", \"prices\": [{\"provider\": \"openai\", \"model\": \"m\", \"input\": -1, \"output\": 1, \"source\": \"s\"}]}",
    "{\"taken\": \"2026-01-01\", \"prices\": [{\"model\": \"m\", \"input\": 1, \"output\": 1, \"source\": \"s\"}]}",
    "{\"taken\": \"2026-01-01\", \"prices\": [{\"provider\": \"openai\", \"model\": \"m\", \"input\": 1, \"output\": 1}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PrismPricing) pricing = NULL;

      g_test_message ("%s", tables[i]);
      pricing = prism_pricing_new_from_data (tables[i], -1, &error);
      g_assert_null (pricing);
      g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CORRUPT);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/prism/pricing/bundled", test_pricing_bundled);
  g_test_add_func ("/prism/pricing/table-file", test_pricing_table_file);
  g_test_add_func ("/prism/pricing/resource-registered", test_pricing_resource_registered);
  g_test_add_func ("/prism/pricing/resolve-provider", test_pricing_resolve_provider);
  g_test_add_func ("/prism/pricing/resolve-config", test_pricing_resolve_config);
  g_test_add_func ("/prism/pricing/resolve-catalog", test_pricing_resolve_catalog);
  g_test_add_func ("/prism/pricing/resolve-bundled", test_pricing_resolve_bundled);
  g_test_add_func ("/prism/pricing/resolve-unknown", test_pricing_resolve_unknown);
  g_test_add_func ("/prism/pricing/bad-tables", test_pricing_bad_tables);

  return g_test_run ();
}
