/* test-cost.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <gio/gio.h>

#include "prism-cost.h"
#include "prism-error.h"

static void
test_cost_formula (void)
{
  PrismPrices prices = {
    .input = 2.5, .output = 10.0, .cached_input = 1.25, .cache_write = 3.125,
    .source = PRISM_COST_SOURCE_CONFIG,
  };
  PrismUsage usage = {
    .input_tokens = 1000, .cached_input_tokens = 400, .cache_write_tokens = 100,
    .output_tokens = 50, .reasoning_tokens = 20, .known = TRUE,
  };
  double expected = (500 * 2.5 + 400 * 1.25 + 100 * 3.125 + 50 * 10.0) / 1e6;

  g_assert_cmpfloat_with_epsilon (prism_cost_compute (&prices, &usage), expected, 1e-12);
}

static void
test_cost_cache_prices_fall_back_to_input (void)
{
  g_autoptr(PrismPrices) prices = prism_prices_new_unknown ();
  PrismUsage usage = {
    .input_tokens = 1000000, .cached_input_tokens = 500000, .output_tokens = 1000000,
    .known = TRUE,
  };

  prices->input = 3.0;
  prices->output = 15.0;
  prices->source = PRISM_COST_SOURCE_BUNDLED;

  g_assert_true (prism_prices_is_known (prices));
  g_assert_cmpfloat_with_epsilon (prism_cost_compute (prices, &usage), 18.0, 1e-9);
}

static void
test_cost_unknown_is_not_zero (void)
{
  g_autoptr(PrismPrices) prices = prism_prices_new_unknown ();
  PrismUsage usage = { .input_tokens = 10, .output_tokens = 10, .known = TRUE };
  PrismUsage no_usage = { 0 };

  g_assert_false (prism_prices_is_known (prices));
  g_assert_true (isnan (prism_cost_compute (prices, &usage)));
  g_assert_true (isnan (prism_cost_compute (NULL, &usage)));

  prices->input = 1.0;
  prices->output = 1.0;
  /* A provider that reported no usage has no known cost either. */
  g_assert_true (isnan (prism_cost_compute (prices, &no_usage)));
}

static void
test_cost_sources (void)
{
  static const char * const names[] = { "unknown", "bundled", "catalog", "config", "provider" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      PrismCostSource source = 99;

      g_assert_cmpstr (prism_cost_source_to_string (i), ==, names[i]);
      g_assert_true (prism_cost_source_from_string (names[i], &source));
      g_assert_cmpint (source, ==, i);
    }

  /* The order is the order of trust. */
  g_assert_cmpint (PRISM_COST_SOURCE_PROVIDER, >, PRISM_COST_SOURCE_CONFIG);
  g_assert_cmpint (PRISM_COST_SOURCE_CONFIG, >, PRISM_COST_SOURCE_CATALOG);
  g_assert_cmpint (PRISM_COST_SOURCE_CATALOG, >, PRISM_COST_SOURCE_BUNDLED);
  g_assert_cmpint (PRISM_COST_SOURCE_BUNDLED, >, PRISM_COST_SOURCE_UNKNOWN);
}

static void
test_usage_add (void)
{
  PrismUsage total = { 0 };
  PrismUsage a = { 10, 2, 1, 5, 3, TRUE };
  PrismUsage b = { 1, 0, 0, 1, 0, FALSE };

  prism_usage_add (&total, &b);
  g_assert_false (total.known);
  prism_usage_add (&total, &a);
  g_assert_true (total.known);
  g_assert_cmpint (total.input_tokens, ==, 11);
  g_assert_cmpint (total.cached_input_tokens, ==, 2);
  g_assert_cmpint (total.cache_write_tokens, ==, 1);
  g_assert_cmpint (total.output_tokens, ==, 6);
  g_assert_cmpint (total.reasoning_tokens, ==, 3);
}

static void
test_error_kinds (void)
{
  static const char * const kinds[] = {
    "auth", "payment", "rate_limit", "overloaded", "bad_request",
    "timeout", "network", "protocol", "server", "cancelled",
  };
  g_autoptr(GError) rate = g_error_new_literal (PRISM_ERROR, PRISM_ERROR_RATE_LIMIT, "slow down");
  g_autoptr(GError) auth = g_error_new_literal (PRISM_ERROR, PRISM_ERROR_AUTH, "bad key");
  g_autoptr(GError) io = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "io");

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      PrismErrorCode code;

      g_assert_cmpstr (prism_error_code_to_kind (i), ==, kinds[i]);
      g_assert_true (prism_error_kind_from_string (kinds[i], &code));
      g_assert_cmpint (code, ==, i);
    }

  g_assert_true (prism_error_is_retryable (rate));
  g_assert_false (prism_error_is_retryable (auth));
  g_assert_false (prism_error_is_retryable (io));
  g_assert_false (prism_error_is_retryable (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/prism/cost/formula", test_cost_formula);
  g_test_add_func ("/prism/cost/cache-prices-fall-back", test_cost_cache_prices_fall_back_to_input);
  g_test_add_func ("/prism/cost/unknown-is-not-zero", test_cost_unknown_is_not_zero);
  g_test_add_func ("/prism/cost/sources", test_cost_sources);
  g_test_add_func ("/prism/usage/add", test_usage_add);
  g_test_add_func ("/prism/error/kinds", test_error_kinds);

  return g_test_run ();
}
