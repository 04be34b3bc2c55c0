/* test-registry.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gstdio.h>

#include "prism-error.h"
#include "prism-provider-registry-private.h"

static char *
write_ini (const char *contents)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "prism", NULL);
  char *path = g_build_filename (dir, "providers.ini", NULL);

  g_assert_no_errno (g_mkdir_with_parents (dir, 0700));
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));

  return path;
}

static PrismProviderRegistry *
load_ini (const char *contents,
          GError    **error)
{
  g_autofree char *path = write_ini (contents);
  PrismProviderRegistry *registry = prism_provider_registry_new ();

  g_assert_cmpstr (prism_provider_registry_get_path (registry), ==, path);
  g_assert_true (prism_provider_registry_load (registry, NULL));
  prism_provider_registry_check (registry, error);

  return registry;
}

static gboolean
warnings_contain (PrismProviderRegistry *registry,
                  const char            *a,
                  const char            *b)
{
  const char * const *warnings = prism_provider_registry_get_warnings (registry);

  for (guint i = 0; warnings[i] != NULL; i++)
    {
      if (strstr (warnings[i], a) != NULL && (b == NULL || strstr (warnings[i], b) != NULL))
        return TRUE;
    }

  return FALSE;
}

static void
test_registry_builtins (void)
{
  static const struct {
    const char *id;
    PrismProtocolKind protocol;
    const char *base_url;
    const char *variable;
    gboolean local;
  } expected[] = {
    { "openai", PRISM_PROTOCOL_KIND_OPENAI, "https://api.openai.com/v1", "OPENAI_API_KEY", FALSE },
    { "anthropic", PRISM_PROTOCOL_KIND_ANTHROPIC, "https://api.anthropic.com", "ANTHROPIC_API_KEY", FALSE },
    { "gemini", PRISM_PROTOCOL_KIND_GEMINI, "https://generativelanguage.googleapis.com", "GEMINI_API_KEY", FALSE },
    { "openrouter", PRISM_PROTOCOL_KIND_OPENROUTER, "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY", FALSE },
    { "mistral", PRISM_PROTOCOL_KIND_OPENAI, "https://api.mistral.ai/v1", "MISTRAL_API_KEY", FALSE },
    { "groq", PRISM_PROTOCOL_KIND_OPENAI, "https://api.groq.com/openai/v1", "GROQ_API_KEY", FALSE },
    { "deepseek", PRISM_PROTOCOL_KIND_OPENAI, "https://api.deepseek.com", "DEEPSEEK_API_KEY", FALSE },
    { "xai", PRISM_PROTOCOL_KIND_OPENAI, "https://api.x.ai/v1", "XAI_API_KEY", FALSE },
    { "together", PRISM_PROTOCOL_KIND_OPENAI, "https://api.together.xyz/v1", "TOGETHER_API_KEY", FALSE },
    { "fireworks", PRISM_PROTOCOL_KIND_OPENAI, "https://api.fireworks.ai/inference/v1", "FIREWORKS_API_KEY", FALSE },
    { "cerebras", PRISM_PROTOCOL_KIND_OPENAI, "https://api.cerebras.ai/v1", "CEREBRAS_API_KEY", FALSE },
    { "ollama", PRISM_PROTOCOL_KIND_OLLAMA, "http://127.0.0.1:11434", "OLLAMA_API_KEY", TRUE },
    { "lmstudio", PRISM_PROTOCOL_KIND_OPENAI, "http://127.0.0.1:1234/v1", "LMSTUDIO_API_KEY", TRUE },
    { "llamacpp", PRISM_PROTOCOL_KIND_OPENAI, "http://127.0.0.1:8080/v1", "LLAMACPP_API_KEY", TRUE },
  };
  g_autoptr(PrismProviderRegistry) registry = prism_provider_registry_new ();
  g_autoptr(GError) error = NULL;
  GListModel *providers = prism_provider_registry_get_providers (registry);

  /* No providers.ini at all is the normal first run. */
  g_assert_true (prism_provider_registry_load (registry, &error));
  g_assert_no_error (error);
  g_assert_null (prism_provider_registry_get_warnings (registry)[0]);

  g_assert_cmpuint (g_list_model_get_item_type (providers), ==, PRISM_TYPE_PROVIDER_CONFIG);
  g_assert_cmpuint (g_list_model_get_n_items (providers), ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(PrismProviderConfig) config = g_list_model_get_item (providers, i);

      g_assert_cmpstr (prism_provider_config_get_id (config), ==, expected[i].id);
      g_assert_true (prism_provider_registry_lookup (registry, expected[i].id) == config);
      g_assert_cmpint (prism_provider_config_get_protocol (config), ==, expected[i].protocol);
      g_assert_cmpstr (prism_provider_config_get_base_url (config), ==, expected[i].base_url);
      g_assert_cmpstr (prism_provider_config_get_key_variable (config), ==, expected[i].variable);
      g_assert_null (prism_provider_config_get_key_env (config));
      g_assert_cmpint (prism_provider_config_get_local (config), ==, expected[i].local);
      g_assert_cmpint (prism_provider_config_get_needs_key (config), ==, !expected[i].local);
      g_assert_true (prism_provider_config_get_builtin (config));
      g_assert_true (prism_provider_config_get_enabled (config));
      g_assert_false (prism_provider_config_get_insecure (config));
      g_assert_cmpstr (prism_provider_config_get_name (config), !=, expected[i].id);
    }

  g_assert_null (prism_provider_registry_lookup (registry, "nope"));
  g_assert_null (prism_provider_registry_lookup (registry, NULL));
}

static void
test_registry_protocol_strings (void)
{
  PrismProtocolKind kind = PRISM_PROTOCOL_KIND_OLLAMA;
  const char *names[] = { "openai", "openrouter", "anthropic", "gemini", "ollama" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (prism_protocol_kind_from_string (names[i], &kind));
      g_assert_cmpint (kind, ==, i);
      g_assert_cmpstr (prism_protocol_kind_to_string (kind), ==, names[i]);
    }

  g_assert_false (prism_protocol_kind_from_string ("OpenAI", &kind));
  g_assert_false (prism_protocol_kind_from_string (NULL, &kind));
  g_assert_cmpint (kind, ==, PRISM_PROTOCOL_KIND_OLLAMA);
}

static void
test_registry_overrides (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismProviderRegistry) registry = load_ini (
    "# my overrides\n"
    "[provider openai]\n"
    "base-url=https://proxy.example.com/v1/\n"
    "name=My OpenAI\n"
    "key-env=MY_OPENAI_KEY\n"
    "\n"
    "[provider openrouter]\n"
    "sort=price\n"
    "allow-fallbacks=false\n"
    "data-collection=deny\n"
    "\n"
    "[provider ollama]\n"
    "base-url=http://192.168.1.20:11434\n"
    "enabled=false\n",
    &error);
  PrismProviderConfig *openai, *openrouter, *ollama;

  g_assert_no_error (error);
  g_assert_null (prism_provider_registry_get_warnings (registry)[0]);
  g_assert_cmpuint (g_list_model_get_n_items (prism_provider_registry_get_providers (registry)), ==, 14);

  openai = prism_provider_registry_lookup (registry, "openai");
  g_assert_true (prism_provider_config_get_builtin (openai));
  g_assert_cmpstr (prism_provider_config_get_base_url (openai), ==, "https://proxy.example.com/v1");
  g_assert_cmpstr (prism_provider_config_get_name (openai), ==, "My OpenAI");
  g_assert_cmpstr (prism_provider_config_get_key_env (openai), ==, "MY_OPENAI_KEY");
  g_assert_cmpstr (prism_provider_config_get_key_variable (openai), ==, "OPENAI_API_KEY");
  g_assert_cmpint (prism_provider_config_get_protocol (openai), ==, PRISM_PROTOCOL_KIND_OPENAI);

  openrouter = prism_provider_registry_lookup (registry, "openrouter");
  g_assert_cmpstr (prism_provider_config_get_provider_sort (openrouter), ==, "price");
  g_assert_false (prism_provider_config_get_allow_fallbacks (openrouter));
  g_assert_cmpstr (prism_provider_config_get_data_collection (openrouter), ==, "deny");
  g_assert_cmpstr (prism_provider_config_get_base_url (openrouter), ==, "https://openrouter.ai/api/v1");

  ollama = prism_provider_registry_lookup (registry, "ollama");
  g_assert_false (prism_provider_config_get_enabled (ollama));
  g_assert_false (prism_provider_config_get_local (ollama));
  g_assert_false (prism_provider_config_get_insecure (ollama));
  g_assert_false (prism_provider_config_get_needs_key (ollama));

  /* Loading an empty file again puts the built-in values back. */
  prism_provider_registry_load_from_data (registry, "", 0);
  g_assert_true (prism_provider_registry_check (registry, &error));
  g_assert_true (prism_provider_registry_lookup (registry, "openai") == openai);
  g_assert_cmpstr (prism_provider_config_get_base_url (openai), ==, "https://api.openai.com/v1");
  g_assert_null (prism_provider_config_get_key_env (openai));
  g_assert_true (prism_provider_config_get_allow_fallbacks (openrouter));
  g_assert_null (prism_provider_config_get_provider_sort (openrouter));
  g_assert_true (prism_provider_config_get_enabled (ollama));
}

/* DESIGN.md's example, inline comments and all. */
static const char design_example[] =
  "[provider work-proxy]\n"
  "protocol=openai\n"
  "base-url=https://llm.example.com/v1\n"
  "name=Work proxy\n"
  "key-env=WORK_PROXY_KEY        # optional: the environment variable that holds the key\n"
  "\n"
  "[model work-proxy:big-model]  # optional per-model facts; prices in USD per million tokens\n"
  "input-price=2.5\n"
  "output-price=10\n"
  "cached-input-price=1.25\n"
  "cache-write-price=3.125\n"
  "context-length=128000\n";

static void
test_registry_custom_provider (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismProviderRegistry) registry = load_ini (design_example, &error);
  GListModel *providers = prism_provider_registry_get_providers (registry);
  g_autoptr(PrismProviderConfig) last = NULL;
  PrismProviderConfig *config;
  PrismModel *model;
  const PrismPrices *prices;
  PrismPrices out;

  g_assert_no_error (error);
  g_assert_null (prism_provider_registry_get_warnings (registry)[0]);
  g_assert_cmpuint (g_list_model_get_n_items (providers), ==, 15);

  config = prism_provider_registry_lookup (registry, "work-proxy");
  last = g_list_model_get_item (providers, 14);
  g_assert_true (last == config);
  g_assert_false (prism_provider_config_get_builtin (config));
  g_assert_cmpint (prism_provider_config_get_protocol (config), ==, PRISM_PROTOCOL_KIND_OPENAI);
  g_assert_cmpstr (prism_provider_config_get_base_url (config), ==, "https://llm.example.com/v1");
  g_assert_cmpstr (prism_provider_config_get_name (config), ==, "Work proxy");
  g_assert_cmpstr (prism_provider_config_get_key_env (config), ==, "WORK_PROXY_KEY");
  g_assert_cmpstr (prism_provider_config_get_key_variable (config), ==, "WORK_PROXY_API_KEY");
  g_assert_true (prism_provider_config_get_needs_key (config));
  g_assert_false (prism_provider_config_get_local (config));

  model = prism_provider_registry_lookup_model (registry, "work-proxy:big-model");
  g_assert_nonnull (model);
  g_assert_cmpint (prism_model_get_context_length (model), ==, 128000);
  prices = prism_model_get_prices (model);
  g_assert_cmpint (prices->source, ==, PRISM_COST_SOURCE_CONFIG);
  g_assert_cmpfloat (prices->input, ==, 2.5);
  g_assert_cmpfloat (prices->output, ==, 10);
  g_assert_cmpfloat (prices->cached_input, ==, 1.25);
  g_assert_cmpfloat (prices->cache_write, ==, 3.125);

  g_assert_true (prism_provider_registry_get_model_prices (registry, "work-proxy:big-model", &out));
  g_assert_cmpfloat (out.output, ==, 10);
  g_assert_false (prism_provider_registry_get_model_prices (registry, "work-proxy:other", &out));
  g_assert_true (isnan (out.input));
  g_assert_cmpint (out.source, ==, PRISM_COST_SOURCE_UNKNOWN);

  /* A custom server on this machine needs no key unless it says so. */
  prism_provider_registry_load_from_data (registry,
    "[provider vllm]\nprotocol=openai\nbase-url=http://localhost:8000/v1\n"
    "[provider vllm-keyed]\nprotocol=openai\nbase-url=http://[::1]:8001/v1\nneeds-key=true\n", -1);
  g_assert_true (prism_provider_registry_check (registry, &error));
  g_assert_true (prism_provider_config_get_local (prism_provider_registry_lookup (registry, "vllm")));
  g_assert_false (prism_provider_config_get_needs_key (prism_provider_registry_lookup (registry, "vllm")));
  g_assert_true (prism_provider_config_get_local (prism_provider_registry_lookup (registry, "vllm-keyed")));
  g_assert_true (prism_provider_config_get_needs_key (prism_provider_registry_lookup (registry, "vllm-keyed")));
  g_assert_null (prism_provider_registry_lookup (registry, "work-proxy"));
}

static void
test_registry_resolve (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismProviderRegistry) registry = load_ini ("[provider groq]\nenabled=false\n", &error);
  PrismProviderConfig *config = NULL;
  char *model_id = NULL;

  g_assert_no_error (error);

  g_assert_true (prism_provider_registry_resolve_model (registry, "openrouter:meta-llama/llama-3.3-70b-instruct:free",
                                                        &config, &model_id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (prism_provider_config_get_id (config), ==, "openrouter");
  g_assert_cmpstr (model_id, ==, "meta-llama/llama-3.3-70b-instruct:free");
  g_clear_pointer (&model_id, g_free);

  g_assert_true (prism_provider_registry_resolve_model (registry, "anthropic:claude-sonnet-4-5", &config, &model_id, &error));
  g_assert_cmpstr (prism_provider_config_get_id (config), ==, "anthropic");
  g_assert_cmpstr (model_id, ==, "claude-sonnet-4-5");
  g_clear_pointer (&model_id, g_free);

  g_assert_true (prism_provider_registry_resolve_model (registry, "ollama:llama3.2", &config, &model_id, &error));
  g_assert_cmpint (prism_provider_config_get_protocol (config), ==, PRISM_PROTOCOL_KIND_OLLAMA);
  g_assert_cmpstr (model_id, ==, "llama3.2");
  g_clear_pointer (&model_id, g_free);

  config = NULL;
  g_assert_false (prism_provider_registry_resolve_model (registry, "acme:model-x", &config, &model_id, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "“acme”"));
  g_assert_nonnull (strstr (error->message, "openai, anthropic, gemini, openrouter, mistral"));
  g_assert_nonnull (strstr (error->message, "llamacpp"));
  g_assert_nonnull (strstr (error->message, "providers.ini"));
  g_assert_null (config);
  g_assert_null (model_id);
  g_clear_error (&error);

  g_assert_false (prism_provider_registry_resolve_model (registry, "gpt-4o", &config, &model_id, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "PROVIDER:MODEL"));
  g_assert_nonnull (strstr (error->message, "openrouter"));
  g_clear_error (&error);

  g_assert_false (prism_provider_registry_resolve_model (registry, "openai:", &config, &model_id, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_clear_error (&error);

  g_assert_false (prism_provider_registry_resolve_model (registry, "groq:llama-3.3-70b-versatile", &config, &model_id, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "turned off"));
  g_assert_null (config);
}

static void
test_registry_env_lookup (void)
{
  g_autoptr(PrismProviderRegistry) registry = prism_provider_registry_new ();
  PrismProviderConfig *openai = prism_provider_registry_lookup (registry, "openai");
  char *variable = NULL;
  char *key;

  g_unsetenv ("OPENAI_API_KEY");
  g_unsetenv ("MY_OPENAI_KEY");

  key = prism_provider_registry_lookup_env_key (registry, openai, &variable);
  g_assert_null (key);
  g_assert_null (variable);

  g_setenv ("OPENAI_API_KEY", "sk-conventional", TRUE);
  key = prism_provider_registry_lookup_env_key (registry, openai, &variable);
  g_assert_cmpstr (key, ==, "sk-conventional");
  g_assert_cmpstr (variable, ==, "OPENAI_API_KEY");
  g_clear_pointer (&key, g_free);
  g_clear_pointer (&variable, g_free);

  /* key-env comes first; while it is unset the conventional one counts. */
  prism_provider_config_set_key_env (openai, "MY_OPENAI_KEY");
  key = prism_provider_registry_lookup_env_key (registry, openai, &variable);
  g_assert_cmpstr (key, ==, "sk-conventional");
  g_assert_cmpstr (variable, ==, "OPENAI_API_KEY");
  g_clear_pointer (&key, g_free);
  g_clear_pointer (&variable, g_free);

  g_setenv ("MY_OPENAI_KEY", "sk-explicit", TRUE);
  key = prism_provider_registry_lookup_env_key (registry, openai, &variable);
  g_assert_cmpstr (key, ==, "sk-explicit");
  g_assert_cmpstr (variable, ==, "MY_OPENAI_KEY");
  g_clear_pointer (&key, g_free);
  g_clear_pointer (&variable, g_free);

  /* An empty variable is as good as none. */
  g_setenv ("MY_OPENAI_KEY", "", TRUE);
  key = prism_provider_registry_lookup_env_key (registry, openai, NULL);
  g_assert_cmpstr (key, ==, "sk-conventional");
  g_clear_pointer (&key, g_free);

  g_unsetenv ("OPENAI_API_KEY");
  g_unsetenv ("MY_OPENAI_KEY");
}

static void
test_registry_missing_key_error (void)
{
  g_autoptr(PrismProviderRegistry) registry = prism_provider_registry_new ();
  PrismProviderConfig *anthropic = prism_provider_registry_lookup (registry, "anthropic");
  g_autoptr(GError) error = prism_provider_registry_missing_key_error (registry, anthropic);
  g_autoptr(GError) explicit = NULL;

  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "Anthropic"));
  g_assert_nonnull (strstr (error->message, "ANTHROPIC_API_KEY"));
  g_assert_nonnull (strstr (error->message, "prism-cli keys set anthropic"));

  prism_provider_config_set_key_env (anthropic, "TEAM_CLAUDE_KEY");
  explicit = prism_provider_registry_missing_key_error (registry, anthropic);
  g_assert_nonnull (strstr (explicit->message, "TEAM_CLAUDE_KEY"));
  g_assert_nonnull (strstr (explicit->message, "prism-cli keys set anthropic"));
}

static void
test_registry_bad_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismProviderRegistry) registry = load_ini (
    "[provider good]\n"
    "protocol=anthropic\n"
    "base-url=https://claude-proxy.example.com\n"
    "\n"
    "[provider strange]\n"
    "protocol=soap\n"
    "base-url=https://soap.example.com\n"
    "\n"
    "[provider nourl]\n"
    "protocol=openai\n"
    "\n"
    "[provider leaky]\n"
    "protocol=openai\n"
    "base-url=https://leaky.example.com/v1\n"
    "key=sk-do-not-store-me\n"
    "\n"
    "[model good:cheap]\n"
    "input-price=lots\n"
    "output-price=1\n"
    "name=Cheap one\n"
    "\n"
    "[model good:fine]\n"
    "input-price=1\n"
    "output-price=2\n"
    "context-length=many\n"
    "\n"
    "[model ghost:model]\n"
    "input-price=1\n"
    "output-price=2\n",
    &error);
  PrismModel *model;

  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, prism_provider_registry_get_path (registry)));
  g_assert_nonnull (strstr (error->message, "[provider strange]"));
  g_assert_nonnull (strstr (error->message, "unknown protocol “soap”"));
  g_assert_nonnull (strstr (error->message, "more problems"));

  g_assert_true (warnings_contain (registry, "[provider nourl]", "needs base-url="));
  g_assert_true (warnings_contain (registry, "[model good:cheap]", "input-price=lots is not a price"));
  g_assert_true (warnings_contain (registry, "[model good:fine]", "context-length=many"));
  g_assert_true (warnings_contain (registry, "[model ghost:model]", "no provider “ghost”"));
  g_assert_true (warnings_contain (registry, "[provider leaky]", "prism-cli keys set leaky"));
  g_assert_false (warnings_contain (registry, "sk-do-not-store-me", NULL));

  /* The valid parts are loaded all the same. */
  g_assert_nonnull (prism_provider_registry_lookup (registry, "good"));
  g_assert_nonnull (prism_provider_registry_lookup (registry, "leaky"));
  g_assert_null (prism_provider_registry_lookup (registry, "strange"));
  g_assert_null (prism_provider_registry_lookup (registry, "nourl"));
  g_assert_null (prism_provider_registry_lookup_model (registry, "ghost:model"));

  model = prism_provider_registry_lookup_model (registry, "good:cheap");
  g_assert_cmpstr (prism_model_get_name (model), ==, "Cheap one");
  g_assert_cmpint (prism_model_get_prices (model)->source, ==, PRISM_COST_SOURCE_UNKNOWN);
  g_assert_true (isnan (prism_model_get_prices (model)->output));

  model = prism_provider_registry_lookup_model (registry, "good:fine");
  g_assert_cmpint (prism_model_get_prices (model)->source, ==, PRISM_COST_SOURCE_CONFIG);
  g_assert_cmpint (prism_model_get_context_length (model), ==, 0);
}

static void
test_registry_unreadable_file (void)
{
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "prism", "providers.ini", NULL);
  g_autoptr(PrismProviderRegistry) registry = prism_provider_registry_new ();
  g_autoptr(GError) error = NULL;

  /* Not a file at all: nothing of it can be used, and the caller is told. */
  g_assert_no_errno (g_mkdir_with_parents (path, 0700));
  g_assert_false (prism_provider_registry_load (registry, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpuint (g_list_model_get_n_items (prism_provider_registry_get_providers (registry)), ==, 14);
  g_assert_nonnull (prism_provider_registry_lookup (registry, "openai"));
}

static void
test_registry_syntax_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismProviderRegistry) registry = load_ini (
    "stray=before any group\n"
    "[provider fine]\n"
    "protocol=openai\n"
    "base-url=https://fine.example.com/v1\n"
    "this line is nonsense\n"
    "[broken\n",
    &error);
  g_autoptr(PrismProviderConfig) config = NULL;

  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "line 1"));
  g_assert_true (warnings_contain (registry, "line 5", "this line is nonsense"));
  g_assert_true (warnings_contain (registry, "line 6", "[broken"));
  g_assert_nonnull (prism_provider_registry_lookup (registry, "fine"));
  g_clear_error (&error);

  /* Saving would drop the lines the person still has to fix. */
  config = prism_provider_config_new ("another", PRISM_PROTOCOL_KIND_OPENAI, "https://another.example.com/v1");
  g_assert_false (prism_provider_registry_save_provider (registry, config, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "line 1"));
  g_assert_null (prism_provider_registry_lookup (registry, "another"));
}

static const char commented_file[] =
  "# Written by hand; keep this comment.\n"
  "\n"
  "# My company's gateway\n"
  "[provider work-proxy]\n"
  "protocol=openai\n"
  "base-url=https://llm.example.com/v1\n"
  "# ask IT before changing\n"
  "name=Work proxy\n"
  "future-option=42\n"
  "\n"
  "[appearance]\n"
  "colour=blue\n";

static void
test_registry_save_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismProviderRegistry) registry = load_ini (commented_file, &error);
  g_autoptr(PrismProviderRegistry) again = NULL;
  g_autoptr(PrismProviderConfig) lab = NULL;
  g_autofree char *contents = NULL;
  PrismProviderConfig *openai;
  PrismProviderConfig *proxy;
  PrismPrices prices = { 0.5, 1.5, NAN, NAN, PRISM_COST_SOURCE_UNKNOWN };
  PrismPrices read_back;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_true (warnings_contain (registry, "[appearance]", "kept"));

  /* A built-in field overridden; the rest of the group stays out. */
  openai = prism_provider_registry_lookup (registry, "openai");
  prism_provider_config_set_base_url (openai, "https://eu.api.openai.com/v1");
  g_assert_true (prism_provider_registry_save_provider (registry, openai, &error));
  g_assert_no_error (error);

  /* A custom provider changed, another added. */
  proxy = prism_provider_registry_lookup (registry, "work-proxy");
  prism_provider_config_set_key_env (proxy, "WORK_PROXY_KEY");
  g_assert_true (prism_provider_registry_save_provider (registry, proxy, &error));

  lab = prism_provider_config_new ("lab", PRISM_PROTOCOL_KIND_OLLAMA, "http://10.0.0.7:11434");
  prism_provider_config_set_name (lab, "Lab box");
  prism_provider_config_set_needs_key (lab, FALSE);
  g_assert_true (prism_provider_registry_save_provider (registry, lab, &error));
  g_assert_true (prism_provider_registry_lookup (registry, "lab") == lab);

  g_assert_true (prism_provider_registry_set_model_prices (registry, "lab:qwen3", &prices, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (prism_provider_registry_get_path (registry), &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "# Written by hand; keep this comment."));
  g_assert_nonnull (strstr (contents, "# My company's gateway\n"));
  g_assert_nonnull (strstr (contents, "[provider work-proxy]\nprotocol=openai\n"));
  g_assert_nonnull (strstr (contents, "# ask IT before changing\nname=Work proxy"));
  g_assert_nonnull (strstr (contents, "future-option=42"));
  g_assert_nonnull (strstr (contents, "[appearance]\ncolour=blue"));
  g_assert_nonnull (strstr (contents, "[provider openai]\nbase-url=https://eu.api.openai.com/v1\n"));
  g_assert_null (strstr (contents, "api.openai.com/v1\nname"));
  g_assert_nonnull (strstr (contents, "input-price=0.5\n"));
  g_clear_pointer (&contents, g_free);

  g_assert_no_errno (g_stat (prism_provider_registry_get_path (registry), &st));
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  again = prism_provider_registry_new ();
  g_assert_true (prism_provider_registry_load (again, &error));
  g_assert_no_error (error);
  g_assert_true (prism_provider_registry_check (again, &error));
  g_assert_cmpstr (prism_provider_config_get_base_url (prism_provider_registry_lookup (again, "openai")), ==,
                   "https://eu.api.openai.com/v1");
  g_assert_cmpstr (prism_provider_config_get_name (prism_provider_registry_lookup (again, "openai")), ==, "OpenAI");
  g_assert_cmpstr (prism_provider_config_get_key_env (prism_provider_registry_lookup (again, "work-proxy")), ==,
                   "WORK_PROXY_KEY");
  g_assert_cmpstr (prism_provider_config_get_name (prism_provider_registry_lookup (again, "lab")), ==, "Lab box");
  g_assert_cmpint (prism_provider_config_get_protocol (prism_provider_registry_lookup (again, "lab")), ==,
                   PRISM_PROTOCOL_KIND_OLLAMA);
  g_assert_false (prism_provider_config_get_needs_key (prism_provider_registry_lookup (again, "lab")));
  g_assert_true (prism_provider_registry_get_model_prices (again, "lab:qwen3", &read_back));
  g_assert_cmpfloat (read_back.input, ==, 0.5);
  g_assert_cmpfloat (read_back.output, ==, 1.5);
  g_assert_true (isnan (read_back.cached_input));

  /* Removing: the custom one goes with its models; the built-in one is reset. */
  g_assert_true (prism_provider_registry_remove_provider (again, "lab", &error));
  g_assert_true (prism_provider_registry_remove_provider (again, "openai", &error));
  g_assert_no_error (error);
  g_assert_null (prism_provider_registry_lookup (again, "lab"));
  g_assert_null (prism_provider_registry_lookup_model (again, "lab:qwen3"));
  g_assert_cmpstr (prism_provider_config_get_base_url (prism_provider_registry_lookup (again, "openai")), ==,
                   "https://api.openai.com/v1");
  g_assert_false (prism_provider_registry_remove_provider (again, "nope", &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (prism_provider_registry_get_path (again), &contents, NULL, NULL));
  g_assert_null (strstr (contents, "[provider lab]"));
  g_assert_null (strstr (contents, "lab:qwen3"));
  g_assert_null (strstr (contents, "[provider openai]"));
  g_assert_nonnull (strstr (contents, "# ask IT before changing"));
  g_assert_nonnull (strstr (contents, "key-env=WORK_PROXY_KEY"));

  /* An invalid provider is refused before anything is written. */
  g_clear_object (&lab);
  lab = prism_provider_config_new ("bad", PRISM_PROTOCOL_KIND_OPENAI, "ftp://files.example.com");
  g_assert_false (prism_provider_registry_save_provider (again, lab, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_assert_null (prism_provider_registry_lookup (again, "bad"));
}

static void
test_registry_http_warning (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismProviderRegistry) registry = load_ini (
    "[provider lan]\nprotocol=openai\nbase-url=http://192.168.1.5:8000/v1\n"
    "[provider corp]\nprotocol=openai\nbase-url=http://172.20.0.4/v1\n"
    "[provider ula]\nprotocol=openai\nbase-url=http://[fd12:3456::1]:8000/v1\n"
    "[provider public]\nprotocol=openai\nbase-url=http://llm.example.com/v1\n"
    "[provider almost]\nprotocol=openai\nbase-url=http://172.32.0.1/v1\n",
    &error);
  struct {
    const char *url;
    gboolean valid, local, insecure;
  } urls[] = {
    { "http://127.0.0.1:11434", TRUE, TRUE, FALSE },
    { "http://127.5.6.7", TRUE, TRUE, FALSE },
    { "http://[::1]:8080/v1", TRUE, TRUE, FALSE },
    { "http://localhost:1234/v1", TRUE, TRUE, FALSE },
    { "http://10.1.2.3/v1", TRUE, FALSE, FALSE },
    { "http://172.31.255.1/v1", TRUE, FALSE, FALSE },
    { "http://172.15.0.1/v1", TRUE, FALSE, TRUE },
    { "http://192.169.0.1/v1", TRUE, FALSE, TRUE },
    { "http://[fc00::5]/v1", TRUE, FALSE, FALSE },
    { "http://[fe80::1]/v1", TRUE, FALSE, TRUE },
    { "http://8.8.8.8/v1", TRUE, FALSE, TRUE },
    { "https://8.8.8.8/v1", TRUE, FALSE, FALSE },
    { "ftp://example.com", FALSE, FALSE, FALSE },
    { "llm.example.com/v1", FALSE, FALSE, FALSE },
    { "https://", FALSE, FALSE, FALSE },
  };

  /* A warning, not an error: the provider works, the person is told. */
  g_assert_no_error (error);
  g_assert_false (prism_provider_config_get_insecure (prism_provider_registry_lookup (registry, "lan")));
  g_assert_false (prism_provider_config_get_insecure (prism_provider_registry_lookup (registry, "corp")));
  g_assert_false (prism_provider_config_get_insecure (prism_provider_registry_lookup (registry, "ula")));
  g_assert_true (prism_provider_config_get_insecure (prism_provider_registry_lookup (registry, "public")));
  g_assert_true (prism_provider_config_get_insecure (prism_provider_registry_lookup (registry, "almost")));
  g_assert_true (warnings_contain (registry, "[provider public]", "use https://"));
  g_assert_true (warnings_contain (registry, "[provider almost]", "unencrypted"));
  g_assert_false (warnings_contain (registry, "[provider lan]", NULL));
  g_assert_false (warnings_contain (registry, "[provider ula]", NULL));

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      gboolean local = -1, insecure = -1;

      g_test_message ("%s", urls[i].url);
      g_assert_cmpint (prism_provider_config_classify_url (urls[i].url, &local, &insecure), ==, urls[i].valid);
      if (urls[i].valid)
        {
          g_assert_cmpint (local, ==, urls[i].local);
          g_assert_cmpint (insecure, ==, urls[i].insecure);
        }
    }
}

/* The README's example is what people copy; it must load cleanly. */
static void
test_registry_readme_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "README.md", NULL);
  g_autoptr(PrismProviderRegistry) registry = prism_provider_registry_new_for_path ("/nonexistent/providers.ini");
  g_autoptr(GError) error = NULL;
  g_autofree char *readme = NULL;
  const char *start;
  const char *end;
  PrismPrices prices;

  g_assert_true (g_file_get_contents (path, &readme, NULL, &error));
  start = strstr (readme, "```ini\n");
  g_assert_nonnull (start);
  start += strlen ("```ini\n");
  end = strstr (start, "```");
  g_assert_nonnull (end);

  prism_provider_registry_load_from_data (registry, start, end - start);
  g_assert_true (prism_provider_registry_check (registry, &error));
  g_assert_no_error (error);
  g_assert_null (prism_provider_registry_get_warnings (registry)[0]);
  g_assert_cmpstr (prism_provider_config_get_key_env (prism_provider_registry_lookup (registry, "work-proxy")), ==,
                   "WORK_PROXY_KEY");
  g_assert_cmpstr (prism_provider_config_get_provider_sort (prism_provider_registry_lookup (registry, "openrouter")), ==,
                   "price");
  g_assert_true (prism_provider_registry_get_model_prices (registry, "work-proxy:big-model", &prices));
}

/* What tests/fuzz/fuzz-providers-ini.c does at scale, here on a fixed set
 * of mutations of real files: no input may crash the loader, every
 * warning is text a window can show, and what loaded resolves. */
static void
test_registry_mutations (void)
{
  const char *seeds[] = { design_example, commented_file,
                          "[provider openrouter]\nsort=latency\n[provider x]\nprotocol=ollama\nbase-url=http://[::1]:1\n" };
  const char garbage[] = { '\0', '\n', '\r', '[', ']', '=', '#', ' ', ':', '\\', '\xc3', '\xff', 'a', ';' };
  g_autoptr(PrismProviderRegistry) registry = prism_provider_registry_new_for_path ("/nonexistent/providers.ini");
  GRand *rand = g_rand_new_with_seed (20261125);

  for (guint round = 0; round < 1000; round++)
    {
      const char *seed = seeds[round % G_N_ELEMENTS (seeds)];
      g_autoptr(GByteArray) bytes = g_byte_array_new ();
      g_autoptr(GError) error = NULL;
      const char * const *warnings;
      GListModel *providers;
      guint n_mutations = g_rand_int_range (rand, 1, 8);

      g_byte_array_append (bytes, (const guint8 *)seed, strlen (seed));
      for (guint m = 0; m < n_mutations && bytes->len > 0; m++)
        {
          guint at = g_rand_int_range (rand, 0, bytes->len);

          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0:
              bytes->data[at] = garbage[g_rand_int_range (rand, 0, sizeof garbage)];
              break;
            case 1:
              {
                guint len = g_rand_int_range (rand, 1, 20);

                g_byte_array_remove_range (bytes, at, MIN (bytes->len - at, len));
              }
              break;
            default:
              {
                guint8 c = garbage[g_rand_int_range (rand, 0, sizeof garbage)];
                g_byte_array_prepend (bytes, &c, 1);
              }
            }
        }

      prism_provider_registry_load_from_data (registry, (const char *)bytes->data, bytes->len);
      warnings = prism_provider_registry_get_warnings (registry);
      if (!prism_provider_registry_check (registry, &error))
        {
          g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
          g_assert_nonnull (warnings[0]);
        }

      for (guint i = 0; warnings[i] != NULL; i++)
        g_assert_true (g_utf8_validate (warnings[i], -1, NULL));

      providers = prism_provider_registry_get_providers (registry);
      g_assert_cmpuint (g_list_model_get_n_items (providers), >=, 14);
      for (guint i = 0; i < g_list_model_get_n_items (providers); i++)
        {
          g_autoptr(PrismProviderConfig) config = g_list_model_get_item (providers, i);
          g_autofree char *name = g_strconcat (prism_provider_config_get_id (config), ":m", NULL);
          g_autoptr(GError) resolve_error = NULL;
          PrismProviderConfig *resolved = NULL;

          g_assert_nonnull (prism_provider_config_get_base_url (config));
          g_assert_true (g_utf8_validate (prism_provider_config_get_name (config), -1, NULL));
          if (prism_provider_registry_resolve_model (registry, name, &resolved, NULL, &resolve_error))
            g_assert_true (resolved == config);
          else
            g_assert_false (prism_provider_config_get_enabled (config));
        }
    }

  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/prism/registry/builtins", test_registry_builtins);
  g_test_add_func ("/prism/registry/protocol-strings", test_registry_protocol_strings);
  g_test_add_func ("/prism/registry/overrides", test_registry_overrides);
  g_test_add_func ("/prism/registry/custom-provider", test_registry_custom_provider);
  g_test_add_func ("/prism/registry/resolve", test_registry_resolve);
  g_test_add_func ("/prism/registry/env-lookup", test_registry_env_lookup);
  g_test_add_func ("/prism/registry/missing-key-error", test_registry_missing_key_error);
  g_test_add_func ("/prism/registry/bad-file", test_registry_bad_file);
  g_test_add_func ("/prism/registry/syntax-error", test_registry_syntax_error);
  g_test_add_func ("/prism/registry/unreadable-file", test_registry_unreadable_file);
  g_test_add_func ("/prism/registry/save-round-trip", test_registry_save_round_trip);
  g_test_add_func ("/prism/registry/http-warning", test_registry_http_warning);
  g_test_add_func ("/prism/registry/readme-example", test_registry_readme_example);
  g_test_add_func ("/prism/registry/mutations", test_registry_mutations);

  return g_test_run ();
}
