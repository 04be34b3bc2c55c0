/* test-model.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "prism-model.h"

static void
test_model_split_id (void)
{
  char *provider = NULL;
  char *model = NULL;

  g_assert_true (prism_model_split_id ("openrouter:meta-llama/llama-3.3-70b-instruct:free", &provider, &model));
  g_assert_cmpstr (provider, ==, "openrouter");
  g_assert_cmpstr (model, ==, "meta-llama/llama-3.3-70b-instruct:free");
  g_clear_pointer (&provider, g_free);
  g_clear_pointer (&model, g_free);

  g_assert_true (prism_model_split_id ("ollama:llama3.2", &provider, NULL));
  g_assert_cmpstr (provider, ==, "ollama");
  g_clear_pointer (&provider, g_free);

  g_assert_false (prism_model_split_id ("gpt-4o", &provider, &model));
  g_assert_false (prism_model_split_id (":gpt-4o", NULL, NULL));
  g_assert_false (prism_model_split_id ("openai:", NULL, NULL));
  g_assert_false (prism_model_split_id (NULL, NULL, NULL));
  g_assert_null (provider);
  g_assert_null (model);
}

static void
test_model_properties (void)
{
  g_autoptr(PrismModel) model = prism_model_new ("openrouter", "acme/model-x");
  const char *modalities[] = { "text", "image", NULL };
  const char *parameters[] = { "temperature", "max_tokens", NULL };
  PrismPrices prices = { 3.0, 15.0, 0.3, NAN, PRISM_COST_SOURCE_CATALOG };

  g_assert_cmpstr (prism_model_get_id (model), ==, "openrouter:acme/model-x");
  g_assert_cmpstr (prism_model_get_name (model), ==, "acme/model-x");
  g_assert_cmpint (prism_model_get_prices (model)->source, ==, PRISM_COST_SOURCE_UNKNOWN);
  g_assert_false (prism_model_accepts_images (model));
  g_assert_true (prism_model_supports_parameter (model, "top_p"));

  prism_model_set_name (model, "Acme: Model X");
  prism_model_set_context_length (model, 128000);
  prism_model_set_prices (model, &prices);
  prism_model_set_input_modalities (model, modalities);
  prism_model_set_supported_parameters (model, parameters);

  g_assert_cmpstr (prism_model_get_name (model), ==, "Acme: Model X");
  g_assert_cmpint (prism_model_get_context_length (model), ==, 128000);
  g_assert_cmpfloat (prism_model_get_prices (model)->output, ==, 15.0);
  g_assert_cmpint (prism_model_get_prices (model)->source, ==, PRISM_COST_SOURCE_CATALOG);
  g_assert_true (prism_model_accepts_images (model));
  g_assert_true (prism_model_supports_parameter (model, "temperature"));
  g_assert_false (prism_model_supports_parameter (model, "top_p"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/prism/model/split-id", test_model_split_id);
  g_test_add_func ("/prism/model/properties", test_model_properties);

  return g_test_run ();
}
