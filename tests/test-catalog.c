/* test-catalog.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "prism-catalog.h"
#include "prism-error.h"
#include "prism-provider-registry-private.h"

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

typedef struct
{
  GArray *changes;
} Recorder;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Recorder   *recorder)
{
  Change change = { position, removed, added };

  g_array_append_val (recorder->changes, change);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static PrismModel *
make_model (const char *provider_id,
            const char *model_id,
            const char *name,
            double      input,
            double      output)
{
  PrismModel *model = prism_model_new (provider_id, model_id);
  PrismPrices prices = { input, output, NAN, NAN, PRISM_COST_SOURCE_CATALOG };

  if (name != NULL)
    prism_model_set_name (model, name);
  if (!isnan (input))
    prism_model_set_prices (model, &prices);

  return model;
}

static GPtrArray *
models_of (const char *provider_id,
           ...)
{
  GPtrArray *models = g_ptr_array_new_with_free_func (g_object_unref);
  const char *model_id;
  va_list args;

  va_start (args, provider_id);
  while ((model_id = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (models, make_model (provider_id, model_id, NULL, NAN, NAN));
  va_end (args);

  return models;
}

static char *
ids_of (GListModel *model)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PrismModel) item = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append_c (str, ' ');
      g_string_append (str, prism_model_get_id (item));
    }

  return g_string_free (str, FALSE);
}

static void
assert_change (Recorder *recorder,
               guint     index,
               guint     position,
               guint     removed,
               guint     added)
{
  Change *change;

  g_assert_cmpuint (recorder->changes->len, >, index);
  change = &g_array_index (recorder->changes, Change, index);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
}

static void
test_catalog_merge (void)
{
  g_autoptr(PrismCatalog) catalog = prism_catalog_new (NULL);
  g_autoptr(GPtrArray) openrouter = models_of ("openrouter", "z-ai/glm", "acme/model-x", NULL);
  g_autoptr(GPtrArray) openai = models_of ("openai", "gpt-4o-mini", "gpt-4o", NULL);
  g_autoptr(GPtrArray) anthropic = models_of ("anthropic", "claude-sonnet-4-5", NULL);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  Recorder recorder = { changes };
  g_autofree char *ids = NULL;

  g_assert_cmpuint (g_list_model_get_item_type (G_LIST_MODEL (catalog)), ==, PRISM_TYPE_MODEL);
  g_signal_connect (catalog, "items-changed", G_CALLBACK (on_items_changed), &recorder);

  prism_catalog_replace_provider (catalog, "openrouter", openrouter);
  prism_catalog_replace_provider (catalog, "openai", openai);
  prism_catalog_replace_provider (catalog, "anthropic", anthropic);

  ids = ids_of (G_LIST_MODEL (catalog));
  g_assert_cmpstr (ids, ==, "anthropic:claude-sonnet-4-5 openai:gpt-4o openai:gpt-4o-mini "
                            "openrouter:acme/model-x openrouter:z-ai/glm");
  g_assert_cmpuint (changes->len, ==, 3);
  assert_change (&recorder, 0, 0, 0, 2);
  assert_change (&recorder, 1, 0, 0, 2);
  assert_change (&recorder, 2, 0, 0, 1);

  g_assert_true (prism_catalog_lookup (catalog, "openai:gpt-4o") == g_ptr_array_index (openai, 1));
  g_assert_null (prism_catalog_lookup (catalog, "openai:gpt-5"));
  g_assert_null (prism_catalog_lookup (catalog, "gpt-4o"));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (catalog), 5));

  prism_catalog_remove_provider (catalog, "openai");
  g_clear_pointer (&ids, g_free);
  ids = ids_of (G_LIST_MODEL (catalog));
  g_assert_cmpstr (ids, ==, "anthropic:claude-sonnet-4-5 openrouter:acme/model-x openrouter:z-ai/glm");
  assert_change (&recorder, 3, 1, 2, 0);

  /* Removing what is not there says nothing. */
  prism_catalog_remove_provider (catalog, "openai");
  g_assert_cmpuint (changes->len, ==, 4);
}

static void
test_catalog_replace (void)
{
  g_autoptr(PrismCatalog) catalog = prism_catalog_new (NULL);
  g_autoptr(GPtrArray) first = models_of ("groq", "a", "b", "c", "d", "e", NULL);
  g_autoptr(GPtrArray) same = models_of ("groq", "e", "d", "c", "b", "a", NULL);
  g_autoptr(GPtrArray) middle = models_of ("groq", "a", "b", "c2", "d", "e", NULL);
  g_autoptr(GPtrArray) grown = models_of ("groq", "a", "a0", "b", "c2", "d", "e", "f", NULL);
  g_autoptr(GPtrArray) others = models_of ("mistral", "m", NULL);
  g_autoptr(GPtrArray) earlier = models_of ("cerebras", "x", NULL);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  Recorder recorder = { changes };
  g_autoptr(PrismModel) renamed = make_model ("groq", "b", "Model B", 1, 2);
  g_autoptr(PrismModel) kept = NULL;
  g_autofree char *ids = NULL;
  guint notified = 0;

  prism_catalog_replace_provider (catalog, "mistral", others);
  prism_catalog_replace_provider (catalog, "cerebras", earlier);
  prism_catalog_replace_provider (catalog, "groq", first);
  g_signal_connect (catalog, "items-changed", G_CALLBACK (on_items_changed), &recorder);
  kept = g_list_model_get_item (G_LIST_MODEL (catalog), 2);
  g_assert_cmpstr (prism_model_get_id (kept), ==, "groq:b");

  /* The same ids again: no items-changed, the objects stay. */
  prism_catalog_replace_provider (catalog, "groq", same);
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_true (prism_catalog_lookup (catalog, "groq:b") == kept);

  /* Only facts changed: the row's object takes them, nothing moves. */
  g_signal_connect (kept, "notify::name", G_CALLBACK (count_notify), &notified);
  g_ptr_array_add (same, g_object_ref (renamed));
  g_ptr_array_remove_index (same, 3);
  prism_catalog_replace_provider (catalog, "groq", same);
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (prism_model_get_name (kept), ==, "Model B");
  g_assert_cmpfloat (prism_model_get_prices (kept)->output, ==, 2);

  /* One model swapped in the middle: one change of one item. */
  prism_catalog_replace_provider (catalog, "groq", middle);
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (&recorder, 0, 3, 1, 1);
  g_assert_cmpstr (prism_model_get_name (kept), ==, "b");
  g_signal_handlers_disconnect_by_func (kept, count_notify, &notified);

  /* Models added at both ends of the block and in between: one change
   * spanning from the first to the last difference. */
  prism_catalog_replace_provider (catalog, "groq", grown);
  g_assert_cmpuint (changes->len, ==, 2);
  assert_change (&recorder, 1, 2, 4, 6);

  ids = ids_of (G_LIST_MODEL (catalog));
  g_assert_cmpstr (ids, ==, "cerebras:x groq:a groq:a0 groq:b groq:c2 groq:d groq:e groq:f mistral:m");
  g_assert_true (prism_catalog_lookup (catalog, "groq:b") == kept);
}

static void
test_catalog_config_prices (void)
{
  g_autoptr(PrismProviderRegistry) registry = prism_provider_registry_new ();
  g_autoptr(PrismCatalog) catalog = NULL;
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  PrismModel *model;

  prism_provider_registry_load_from_data (registry,
    "[model openrouter:acme/model-x]\ninput-price=1\noutput-price=4\nname=Acme X (ours)\ncontext-length=64000\n",
    -1);
  g_assert_true (prism_provider_registry_check (registry, &error));
  g_assert_no_error (error);

  catalog = prism_catalog_new (registry);
  g_ptr_array_add (models, make_model ("openrouter", "acme/model-x", "Acme: Model X", 3, 15));
  g_ptr_array_add (models, make_model ("openrouter", "acme/model-y", NULL, 0.5, 1.5));
  prism_catalog_replace_provider (catalog, "openrouter", models);

  model = prism_catalog_lookup (catalog, "openrouter:acme/model-x");
  g_assert_cmpint (prism_model_get_prices (model)->source, ==, PRISM_COST_SOURCE_CONFIG);
  g_assert_cmpfloat (prism_model_get_prices (model)->input, ==, 1);
  g_assert_cmpfloat (prism_model_get_prices (model)->output, ==, 4);
  g_assert_cmpstr (prism_model_get_name (model), ==, "Acme X (ours)");
  g_assert_cmpint (prism_model_get_context_length (model), ==, 64000);

  model = prism_catalog_lookup (catalog, "openrouter:acme/model-y");
  g_assert_cmpint (prism_model_get_prices (model)->source, ==, PRISM_COST_SOURCE_CATALOG);
  g_assert_cmpfloat (prism_model_get_prices (model)->input, ==, 0.5);

  /* Handing the same objects in again loses nothing of the provider's prices. */
  prism_catalog_replace_provider (catalog, "openrouter", models);
  model = prism_catalog_lookup (catalog, "openrouter:acme/model-x");
  g_assert_cmpint (prism_model_get_prices (model)->source, ==, PRISM_COST_SOURCE_CONFIG);

  /* The file is read again without the prices: the catalog follows by
   * itself, and the provider's own prices come back. */
  prism_provider_registry_load_from_data (registry, "", 0);
  model = prism_catalog_lookup (catalog, "openrouter:acme/model-x");
  g_assert_cmpint (prism_model_get_prices (model)->source, ==, PRISM_COST_SOURCE_CATALOG);
  g_assert_cmpfloat (prism_model_get_prices (model)->input, ==, 3);

  /* Prices set in Preferences reach the catalog at once. */
  {
    PrismPrices ours = { 0.25, 0.75, NAN, NAN, PRISM_COST_SOURCE_UNKNOWN };

    g_assert_true (prism_provider_registry_set_model_prices (registry, "openrouter:acme/model-y", &ours, &error));
    g_assert_no_error (error);
    model = prism_catalog_lookup (catalog, "openrouter:acme/model-y");
    g_assert_cmpint (prism_model_get_prices (model)->source, ==, PRISM_COST_SOURCE_CONFIG);
    g_assert_cmpfloat (prism_model_get_prices (model)->output, ==, 0.75);

    g_assert_true (prism_provider_registry_set_model_prices (registry, "openrouter:acme/model-y", NULL, &error));
    g_assert_cmpint (prism_model_get_prices (model)->source, ==, PRISM_COST_SOURCE_CATALOG);
    g_assert_cmpfloat (prism_model_get_prices (model)->output, ==, 1.5);
  }

  /* A catalog that is gone no longer listens. */
  g_clear_object (&catalog);
  prism_provider_registry_load_from_data (registry, "", 0);
}

static void
test_catalog_filter (void)
{
  g_autoptr(PrismCatalog) catalog = prism_catalog_new (NULL);
  g_autoptr(GPtrArray) openrouter = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) groq = g_ptr_array_new_with_free_func (g_object_unref);
  const char *vision[] = { "text", "image", NULL };
  const char *tools[] = { "tools", "temperature", NULL };
  const char *plain[] = { "temperature", NULL };
  g_autoptr(GListModel) found = NULL;
  g_autofree char *ids = NULL;
  PrismModel *model;

  model = make_model ("openrouter", "meta-llama/llama-3.3-70b-instruct:free", "Meta: Llama 3.3 70B Instruct (free)", 0, 0);
  prism_model_set_supported_parameters (model, plain);
  g_ptr_array_add (openrouter, model);
  model = make_model ("openrouter", "openai/gpt-4o", "OpenAI: GPT-4o", 2.5, 10);
  prism_model_set_input_modalities (model, vision);
  prism_model_set_supported_parameters (model, tools);
  g_ptr_array_add (openrouter, model);
  model = make_model ("openrouter", "mistralai/ministral-8b", "Mistral: Ministral 8B — Édition", NAN, NAN);
  prism_model_set_supported_parameters (model, plain);
  g_ptr_array_add (openrouter, model);
  g_ptr_array_add (groq, make_model ("groq", "llama-3.3-70b-versatile", NULL, NAN, NAN));

  prism_catalog_replace_provider (catalog, "openrouter", openrouter);
  prism_catalog_replace_provider (catalog, "groq", groq);

#define CHECK(text, provider, caps, expected)                                      \
  G_STMT_START {                                                                   \
    g_clear_object (&found);                                                       \
    g_clear_pointer (&ids, g_free);                                                \
    found = prism_catalog_filter (catalog, text, provider, caps);                 \
    ids = ids_of (found);                                                          \
    g_assert_cmpstr (ids, ==, expected);                                           \
  } G_STMT_END

  CHECK (NULL, NULL, PRISM_CATALOG_CAPABILITY_NONE,
         "groq:llama-3.3-70b-versatile openrouter:meta-llama/llama-3.3-70b-instruct:free "
         "openrouter:mistralai/ministral-8b openrouter:openai/gpt-4o");
  CHECK ("LLAMA", NULL, PRISM_CATALOG_CAPABILITY_NONE,
         "groq:llama-3.3-70b-versatile openrouter:meta-llama/llama-3.3-70b-instruct:free");
  CHECK ("llama free", NULL, PRISM_CATALOG_CAPABILITY_NONE,
         "openrouter:meta-llama/llama-3.3-70b-instruct:free");
  CHECK ("  llama  ", "groq", PRISM_CATALOG_CAPABILITY_NONE, "groq:llama-3.3-70b-versatile");
  CHECK ("meta: llama", NULL, PRISM_CATALOG_CAPABILITY_NONE,
         "openrouter:meta-llama/llama-3.3-70b-instruct:free");
  CHECK ("édition", NULL, PRISM_CATALOG_CAPABILITY_NONE, "openrouter:mistralai/ministral-8b");
  CHECK ("ÉDITION", NULL, PRISM_CATALOG_CAPABILITY_NONE, "openrouter:mistralai/ministral-8b");
  CHECK (NULL, NULL, PRISM_CATALOG_CAPABILITY_IMAGES, "openrouter:openai/gpt-4o");
  /* Unknown parameters count as supported, as everywhere else. */
  CHECK (NULL, NULL, PRISM_CATALOG_CAPABILITY_TOOLS,
         "groq:llama-3.3-70b-versatile openrouter:openai/gpt-4o");
  CHECK (NULL, "openrouter", PRISM_CATALOG_CAPABILITY_PRICED,
         "openrouter:meta-llama/llama-3.3-70b-instruct:free openrouter:openai/gpt-4o");
  CHECK ("gpt", "anthropic", PRISM_CATALOG_CAPABILITY_NONE, "");
  CHECK ("no such thing", NULL, PRISM_CATALOG_CAPABILITY_NONE, "");

#undef CHECK

  model = prism_catalog_lookup (catalog, "openrouter:openai/gpt-4o");
  g_assert_true (prism_catalog_model_matches (model, "GPT 4o", NULL, PRISM_CATALOG_CAPABILITY_IMAGES));
  g_assert_true (prism_catalog_model_matches (model, NULL, "openrouter", PRISM_CATALOG_CAPABILITY_NONE));
  g_assert_false (prism_catalog_model_matches (model, "claude", NULL, PRISM_CATALOG_CAPABILITY_NONE));
  g_assert_false (prism_catalog_model_matches (model, NULL, "openai", PRISM_CATALOG_CAPABILITY_NONE));
  g_assert_false (prism_catalog_model_matches (model, NULL, NULL, PRISM_CATALOG_CAPABILITY_REASONING));
}

static void
test_catalog_cache_round_trip (void)
{
  g_autoptr(PrismCatalog) catalog = prism_catalog_new (NULL);
  g_autoptr(PrismCatalog) offline = prism_catalog_new (NULL);
  g_autoptr(PrismProviderRegistry) registry = prism_provider_registry_new_for_path ("/nonexistent/providers.ini");
  g_autoptr(PrismCatalog) configured = NULL;
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) local = models_of ("ollama", "llama3.2", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = prism_catalog_get_default_cache_path ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *modalities[] = { "text", "image", NULL };
  const char *parameters[] = { "tools", "reasoning", NULL };
  PrismPrices prices = { 3, 15, 0.3, 3.75, PRISM_COST_SOURCE_CATALOG };
  PrismModel *model;

  g_assert_true (g_str_has_prefix (path, g_get_user_cache_dir ()));

  model = prism_model_new ("openrouter", "anthropic/claude-sonnet-4.5");
  prism_model_set_name (model, "Anthropic: Claude Sonnet 4.5");
  prism_model_set_context_length (model, 1000000);
  prism_model_set_prices (model, &prices);
  prism_model_set_input_modalities (model, modalities);
  prism_model_set_supported_parameters (model, parameters);
  g_ptr_array_add (models, model);
  g_ptr_array_add (models, make_model ("openrouter", "acme/free:free", NULL, 0, 0));
  prism_catalog_replace_provider (catalog, "openrouter", models);
  prism_catalog_replace_provider (catalog, "ollama", local);

  /* Nothing cached yet is no error. */
  g_assert_true (prism_catalog_load_cache (offline, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (offline)), ==, 0);

  g_assert_true (prism_catalog_save_cache (catalog, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (prism_catalog_load_cache (offline, NULL, &error));
  g_assert_no_error (error);

  before = ids_of (G_LIST_MODEL (catalog));
  after = ids_of (G_LIST_MODEL (offline));
  g_assert_cmpstr (before, ==, after);

  model = prism_catalog_lookup (offline, "openrouter:anthropic/claude-sonnet-4.5");
  g_assert_cmpstr (prism_model_get_name (model), ==, "Anthropic: Claude Sonnet 4.5");
  g_assert_cmpint (prism_model_get_context_length (model), ==, 1000000);
  g_assert_cmpint (prism_model_get_prices (model)->source, ==, PRISM_COST_SOURCE_CATALOG);
  g_assert_cmpfloat (prism_model_get_prices (model)->input, ==, 3);
  g_assert_cmpfloat (prism_model_get_prices (model)->output, ==, 15);
  g_assert_cmpfloat (prism_model_get_prices (model)->cached_input, ==, 0.3);
  g_assert_cmpfloat (prism_model_get_prices (model)->cache_write, ==, 3.75);
  g_assert_true (prism_model_accepts_images (model));
  g_assert_true (prism_model_supports_parameter (model, "reasoning"));
  g_assert_false (prism_model_supports_parameter (model, "temperature"));

  model = prism_catalog_lookup (offline, "openrouter:acme/free:free");
  g_assert_cmpfloat (prism_model_get_prices (model)->output, ==, 0);
  g_assert_cmpint (prism_model_get_prices (model)->source, ==, PRISM_COST_SOURCE_CATALOG);

  model = prism_catalog_lookup (offline, "ollama:llama3.2");
  g_assert_cmpint (prism_model_get_prices (model)->source, ==, PRISM_COST_SOURCE_UNKNOWN);
  g_assert_true (isnan (prism_model_get_prices (model)->input));
  g_assert_null (prism_model_get_input_modalities (model));

  /* The cache keeps the provider's prices; providers.ini's come on top. */
  prism_provider_registry_load_from_data (registry,
    "[model openrouter:acme/free:free]\ninput-price=0.1\noutput-price=0.2\n", -1);
  g_assert_true (prism_provider_registry_check (registry, &error));
  configured = prism_catalog_new (registry);
  g_assert_true (prism_catalog_load_cache (configured, path, &error));
  model = prism_catalog_lookup (configured, "openrouter:acme/free:free");
  g_assert_cmpint (prism_model_get_prices (model)->source, ==, PRISM_COST_SOURCE_CONFIG);
  g_assert_true (prism_catalog_save_cache (configured, path, &error));
  g_assert_true (prism_catalog_load_cache (offline, path, &error));
  model = prism_catalog_lookup (offline, "openrouter:acme/free:free");
  g_assert_cmpint (prism_model_get_prices (model)->source, ==, PRISM_COST_SOURCE_CATALOG);
  g_assert_cmpfloat (prism_model_get_prices (model)->output, ==, 0);
}

static void
test_catalog_corrupt_cache (void)
{
  const char *damaged[] = {
    "",
    "{\"version\": 1, \"models\": [",
    "[]",
    "{\"models\": []}",
    "{\"version\": 99, \"models\": []}",
    "{\"version\": 1}",
    "{\"version\": 1, \"models\": [42]}",
    "{\"version\": 1, \"models\": [{\"id\": \"no-colon\"}]}",
    "{\"version\": 1, \"models\": [{\"id\": \"a:b\", \"input_price\": \"cheap\"}]}",
    "{\"version\": 1, \"models\": [{\"id\": \"a:b\", \"input_price\": -3}]}",
    "{\"version\": 1, \"models\": [{\"id\": \"a:b\", \"price_source\": \"rumour\"}]}",
    "{\"version\": 1, \"models\": [{\"id\": \"a:b\", \"context_length\": \"big\"}]}",
    "{\"version\": 1, \"models\": [{\"id\": \"a:b\", \"input_modalities\": [1]}]}",
    "{\"version\": 1, \"models\": [{\"id\": \"a:b\"}, {\"id\": 7}]}",
    "\xff\xfe not even text",
  };
  g_autoptr(PrismCatalog) catalog = prism_catalog_new (NULL);
  g_autoptr(GPtrArray) models = models_of ("openai", "gpt-4o-mini", NULL);
  g_autofree char *path = prism_catalog_get_default_cache_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  prism_catalog_replace_provider (catalog, "openai", models);
  g_assert_no_errno (g_mkdir_with_parents (dir, 0700));

  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", damaged[i]);
      g_assert_true (g_file_set_contents (path, damaged[i], -1, NULL));
      g_assert_false (prism_catalog_load_cache (catalog, NULL, &error));
      g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CORRUPT);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, "ignored"));

      /* What was there stays, and nothing half-loaded was added. */
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, 1);
      g_assert_nonnull (prism_catalog_lookup (catalog, "openai:gpt-4o-mini"));
    }

  /* The next save replaces the damaged file with a good one. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PrismCatalog) fresh = prism_catalog_new (NULL);

    g_assert_true (prism_catalog_save_cache (catalog, NULL, &error));
    g_assert_true (prism_catalog_load_cache (fresh, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fresh)), ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/prism/catalog/merge", test_catalog_merge);
  g_test_add_func ("/prism/catalog/replace", test_catalog_replace);
  g_test_add_func ("/prism/catalog/config-prices", test_catalog_config_prices);
  g_test_add_func ("/prism/catalog/filter", test_catalog_filter);
  g_test_add_func ("/prism/catalog/cache-round-trip", test_catalog_cache_round_trip);
  g_test_add_func ("/prism/catalog/corrupt-cache", test_catalog_corrupt_cache);

  return g_test_run ();
}
