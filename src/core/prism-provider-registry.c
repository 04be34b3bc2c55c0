/* prism-provider-registry.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-provider-registry"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "prism-provider-registry-private.h"

#include "prism-dirs.h"
#include "prism-error.h"

/* Every provider Prism can talk to: the built-in ones of DESIGN.md, then
 * what providers.ini overrides or adds, and the per-model facts written
 * there. Reading and writing the file lives in
 * prism-provider-registry-file.c. */

G_DEFINE_FINAL_TYPE (PrismProviderRegistry, prism_provider_registry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

void
_prism_provider_registry_emit_changed (PrismProviderRegistry *self)
{
  g_signal_emit (self, signals [CHANGED], 0);
}

/* Base URLs are what each vendor's SDK appends its paths to; see the
 * tables of PROTOCOLS.md. */
static const PrismBuiltinProvider builtins[] = {
  { "openai", "OpenAI", PRISM_PROTOCOL_KIND_OPENAI, "https://api.openai.com/v1", TRUE },
  { "anthropic", "Anthropic", PRISM_PROTOCOL_KIND_ANTHROPIC, "https://api.anthropic.com", TRUE },
  { "gemini", "Google Gemini", PRISM_PROTOCOL_KIND_GEMINI, "https://generativelanguage.googleapis.com", TRUE },
  { "openrouter", "OpenRouter", PRISM_PROTOCOL_KIND_OPENROUTER, "https://openrouter.ai/api/v1", TRUE },
  { "mistral", "Mistral AI", PRISM_PROTOCOL_KIND_OPENAI, "https://api.mistral.ai/v1", TRUE },
  { "groq", "Groq", PRISM_PROTOCOL_KIND_OPENAI, "https://api.groq.com/openai/v1", TRUE },
  { "deepseek", "DeepSeek", PRISM_PROTOCOL_KIND_OPENAI, "https://api.deepseek.com", TRUE },
  { "xai", "xAI", PRISM_PROTOCOL_KIND_OPENAI, "https://api.x.ai/v1", TRUE },
  { "together", "Together AI", PRISM_PROTOCOL_KIND_OPENAI, "https://api.together.xyz/v1", TRUE },
  { "fireworks", "Fireworks AI", PRISM_PROTOCOL_KIND_OPENAI, "https://api.fireworks.ai/inference/v1", TRUE },
  { "cerebras", "Cerebras", PRISM_PROTOCOL_KIND_OPENAI, "https://api.cerebras.ai/v1", TRUE },
  { "ollama", "Ollama", PRISM_PROTOCOL_KIND_OLLAMA, "http://127.0.0.1:11434", FALSE },
  { "lmstudio", "LM Studio", PRISM_PROTOCOL_KIND_OPENAI, "http://127.0.0.1:1234/v1", FALSE },
  { "llamacpp", "llama.cpp", PRISM_PROTOCOL_KIND_OPENAI, "http://127.0.0.1:8080/v1", FALSE },
};

const PrismBuiltinProvider *
_prism_provider_registry_find_builtin (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (builtins); i++)
    {
      if (g_strcmp0 (builtins[i].id, id) == 0)
        return &builtins[i];
    }

  return NULL;
}

/* Puts back every field providers.ini may override. */
void
_prism_provider_registry_apply_builtin (PrismProviderConfig        *config,
                                        const PrismBuiltinProvider *builtin)
{
  g_object_freeze_notify (G_OBJECT (config));
  prism_provider_config_set_name (config, builtin->name);
  prism_provider_config_set_protocol (config, builtin->protocol);
  prism_provider_config_set_base_url (config, builtin->base_url);
  prism_provider_config_set_needs_key (config, builtin->needs_key);
  prism_provider_config_set_key_env (config, NULL);
  prism_provider_config_set_key_variable (config, NULL);
  prism_provider_config_set_enabled (config, TRUE);
  prism_provider_config_set_provider_sort (config, NULL);
  prism_provider_config_set_allow_fallbacks (config, TRUE);
  prism_provider_config_set_data_collection (config, NULL);
  g_object_thaw_notify (G_OBJECT (config));
}

static PrismProviderConfig *
new_builtin (const PrismBuiltinProvider *builtin)
{
  PrismProviderConfig *config;

  config = g_object_new (PRISM_TYPE_PROVIDER_CONFIG,
                         "id", builtin->id,
                         "builtin", TRUE,
                         NULL);
  _prism_provider_registry_apply_builtin (config, builtin);

  return config;
}

/* Back to the built-ins alone, as if providers.ini were empty. The
 * built-in objects are kept, so views bound to them stay bound. */
void
_prism_provider_registry_reset (PrismProviderRegistry *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->providers));
  guint n_builtin = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PrismProviderConfig) config = g_list_model_get_item (G_LIST_MODEL (self->providers), i);
      const PrismBuiltinProvider *builtin;

      if (!prism_provider_config_get_builtin (config))
        break;

      builtin = _prism_provider_registry_find_builtin (prism_provider_config_get_id (config));
      _prism_provider_registry_apply_builtin (config, builtin);
      n_builtin++;
    }

  if (n > n_builtin)
    g_list_store_splice (self->providers, n_builtin, n - n_builtin, NULL, 0);

  g_hash_table_remove_all (self->models);
  g_clear_pointer (&self->key_file, g_key_file_unref);
  self->key_file = g_key_file_new ();
  g_ptr_array_set_size (self->warnings, 0);
  g_ptr_array_add (self->warnings, NULL);
  g_clear_pointer (&self->broken, g_free);
  g_clear_pointer (&self->first_problem, g_free);
  self->n_problems = 0;
}

/**
 * prism_provider_registry_new:
 *
 * The built-in providers, with `$XDG_CONFIG_HOME/prism/providers.ini` to
 * be read by prism_provider_registry_load().
 */
PrismProviderRegistry *
prism_provider_registry_new (void)
{
  g_autofree char *path = prism_dirs_build_config ("providers.ini");

  return prism_provider_registry_new_for_path (path);
}

/**
 * prism_provider_registry_new_for_path:
 * @path: the providers.ini to read and write; it need not exist
 */
PrismProviderRegistry *
prism_provider_registry_new_for_path (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (PRISM_TYPE_PROVIDER_REGISTRY,
                       "path", path,
                       NULL);
}

const char *
prism_provider_registry_get_path (PrismProviderRegistry *self)
{
  g_return_val_if_fail (PRISM_IS_PROVIDER_REGISTRY (self), NULL);

  return self->path;
}

/**
 * prism_provider_registry_check:
 *
 * Whether the last prism_provider_registry_load() found mistakes in the
 * file (an unknown protocol, a new provider without base-url, a price that
 * is not a number, a line that is not key=value …). They cost only their
 * line, key or group, so the registry is usable either way; this is for
 * callers that want to stop and show the mistake.
 *
 * Returns: %FALSE with a %PRISM_ERROR_CONFIG error naming the file, the
 *   line or group of the first mistake, what is wrong and how many more
 *   there are
 */
gboolean
prism_provider_registry_check (PrismProviderRegistry  *self,
                               GError                **error)
{
  g_return_val_if_fail (PRISM_IS_PROVIDER_REGISTRY (self), FALSE);

  if (self->n_problems == 0)
    return TRUE;

  if (self->n_problems == 1)
    g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                 _("%s. The rest of the file was read."), self->first_problem);
  else
    g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                 g_dngettext (GETTEXT_PACKAGE,
                              "%s (and %u more problem). The rest of the file was read.",
                              "%s (and %u more problems). The rest of the file was read.",
                              self->n_problems - 1),
                 self->first_problem, self->n_problems - 1);

  return FALSE;
}

/**
 * prism_provider_registry_get_warnings:
 *
 * What the last prism_provider_registry_load() found wrong or worth
 * telling: each names the file and the line or group, says what is wrong
 * and what Prism did about it. Besides the mistakes of
 * prism_provider_registry_check() these include notices: a `key=` line
 * that was ignored, a group Prism does not know, a plain http:// base URL
 * to a public host.
 *
 * Returns: (transfer none) (array zero-terminated=1): the warnings, empty
 *   when there is nothing to say
 */
const char * const *
prism_provider_registry_get_warnings (PrismProviderRegistry *self)
{
  g_return_val_if_fail (PRISM_IS_PROVIDER_REGISTRY (self), NULL);

  return (const char * const *)self->warnings->pdata;
}

/**
 * prism_provider_registry_get_providers:
 *
 * Returns: (transfer none): a #GListModel of #PrismProviderConfig, the
 *   built-in providers first in DESIGN.md's order, then the person's own
 */
GListModel *
prism_provider_registry_get_providers (PrismProviderRegistry *self)
{
  g_return_val_if_fail (PRISM_IS_PROVIDER_REGISTRY (self), NULL);

  return G_LIST_MODEL (self->providers);
}

/**
 * prism_provider_registry_lookup:
 *
 * Returns: (transfer none) (nullable): the provider called @id
 */
PrismProviderConfig *
prism_provider_registry_lookup (PrismProviderRegistry *self,
                                const char            *id)
{
  guint n;

  g_return_val_if_fail (PRISM_IS_PROVIDER_REGISTRY (self), NULL);

  if (id == NULL)
    return NULL;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->providers));
  for (guint i = 0; i < n; i++)
    {
      PrismProviderConfig *config = g_list_model_get_item (G_LIST_MODEL (self->providers), i);

      /* The store holds a reference for as long as the caller may use it. */
      g_object_unref (config);
      if (g_strcmp0 (prism_provider_config_get_id (config), id) == 0)
        return config;
    }

  return NULL;
}

/**
 * prism_provider_registry_list_ids:
 *
 * Returns: (transfer full): the provider ids, comma-separated, for messages
 */
char *
prism_provider_registry_list_ids (PrismProviderRegistry *self)
{
  GString *str;
  guint n;

  g_return_val_if_fail (PRISM_IS_PROVIDER_REGISTRY (self), NULL);

  str = g_string_new (NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->providers));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PrismProviderConfig) config = g_list_model_get_item (G_LIST_MODEL (self->providers), i);

      if (str->len > 0)
        g_string_append (str, ", ");
      g_string_append (str, prism_provider_config_get_id (config));
    }

  return g_string_free (str, FALSE);
}

/**
 * prism_provider_registry_resolve_model:
 * @name: a model name, `PROVIDER:MODEL`, split at the first colon
 * @config: (out) (optional) (transfer none): the provider
 * @model_id: (out) (optional) (transfer full): the model as the provider
 *   calls it, such as `meta-llama/llama-3.3-70b-instruct:free`
 *
 * Returns: %FALSE with a %PRISM_ERROR_CONFIG error that lists the known
 *   providers when @name names no provider, an unknown one or one that is
 *   turned off
 */
gboolean
prism_provider_registry_resolve_model (PrismProviderRegistry  *self,
                                       const char             *name,
                                       PrismProviderConfig   **config,
                                       char                  **model_id,
                                       GError                **error)
{
  g_autofree char *provider_id = NULL;
  g_autofree char *model = NULL;
  g_autofree char *ids = NULL;
  PrismProviderConfig *found;

  g_return_val_if_fail (PRISM_IS_PROVIDER_REGISTRY (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!prism_model_split_id (name, &provider_id, &model))
    {
      ids = prism_provider_registry_list_ids (self);
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("“%s” does not say which provider serves it. Write PROVIDER:MODEL, such as openai:gpt-4o-mini; the providers are %s."),
                   name, ids);
      return FALSE;
    }

  found = prism_provider_registry_lookup (self, provider_id);
  if (found == NULL)
    {
      ids = prism_provider_registry_list_ids (self);
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("Unknown provider “%s” in “%s”. The providers are %s; others can be added in %s."),
                   provider_id, name, ids, self->path);
      return FALSE;
    }

  if (!prism_provider_config_get_enabled (found))
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("The provider “%s” is turned off. Turn it on in Preferences or remove “enabled=false” from [provider %s] in %s."),
                   provider_id, provider_id, self->path);
      return FALSE;
    }

  if (config != NULL)
    *config = found;
  if (model_id != NULL)
    *model_id = g_steal_pointer (&model);

  return TRUE;
}

/**
 * prism_provider_registry_lookup_model:
 * @id: a model name, `PROVIDER:MODEL`
 *
 * Returns: (transfer none) (nullable): the facts a `[model …]` group of
 *   providers.ini gives about @id: name, context length and prices (whose
 *   source is %PRISM_COST_SOURCE_CONFIG when known)
 */
PrismModel *
prism_provider_registry_lookup_model (PrismProviderRegistry *self,
                                      const char            *id)
{
  g_return_val_if_fail (PRISM_IS_PROVIDER_REGISTRY (self), NULL);

  if (id == NULL)
    return NULL;

  return g_hash_table_lookup (self->models, id);
}

/**
 * prism_provider_registry_get_model_prices:
 * @prices: (out caller-allocates): the prices of providers.ini, source
 *   %PRISM_COST_SOURCE_CONFIG
 *
 * Returns: %TRUE when providers.ini gives both an input and an output
 *   price for @id; otherwise @prices is set to unknown
 */
gboolean
prism_provider_registry_get_model_prices (PrismProviderRegistry *self,
                                          const char            *id,
                                          PrismPrices           *prices)
{
  PrismModel *model;

  g_return_val_if_fail (PRISM_IS_PROVIDER_REGISTRY (self), FALSE);
  g_return_val_if_fail (prices != NULL, FALSE);

  model = prism_provider_registry_lookup_model (self, id);
  if (model == NULL || !prism_prices_is_known (prism_model_get_prices (model)))
    {
      prism_prices_init_unknown (prices);
      return FALSE;
    }

  *prices = *prism_model_get_prices (model);

  return TRUE;
}

static const char *
getenv_nonempty (const char *variable)
{
  const char *value;

  if (variable == NULL)
    return NULL;

  value = g_getenv (variable);

  return value != NULL && *value != '\0' ? value : NULL;
}

/**
 * prism_provider_registry_lookup_env_key:
 * @config: a provider
 * @variable_out: (out) (optional) (transfer full): the variable the key
 *   came from, or %NULL when none holds one
 *
 * Looks at the provider's `key-env` variable, then its conventional one
 * (`OPENAI_API_KEY` …). An empty variable counts as unset. The keyring,
 * which comes next, is not this object's business.
 *
 * Returns: (transfer full) (nullable): the key
 */
char *
prism_provider_registry_lookup_env_key (PrismProviderRegistry  *self,
                                        PrismProviderConfig    *config,
                                        char                  **variable_out)
{
  const char *variables[2];

  g_return_val_if_fail (PRISM_IS_PROVIDER_REGISTRY (self), NULL);
  g_return_val_if_fail (PRISM_IS_PROVIDER_CONFIG (config), NULL);

  variables[0] = prism_provider_config_get_key_env (config);
  variables[1] = prism_provider_config_get_key_variable (config);

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      const char *value = getenv_nonempty (variables[i]);

      if (value != NULL)
        {
          if (variable_out != NULL)
            *variable_out = g_strdup (variables[i]);
          return g_strdup (value);
        }
    }

  if (variable_out != NULL)
    *variable_out = NULL;

  return NULL;
}

/**
 * prism_provider_registry_missing_key_error:
 * @config: a provider that needs a key and has none
 *
 * Returns: (transfer full): a %PRISM_ERROR_CONFIG error that says which
 *   variable to set, or to run `prism-cli keys set ID`
 */
GError *
prism_provider_registry_missing_key_error (PrismProviderRegistry *self,
                                           PrismProviderConfig   *config)
{
  const char *variable;

  g_return_val_if_fail (PRISM_IS_PROVIDER_REGISTRY (self), NULL);
  g_return_val_if_fail (PRISM_IS_PROVIDER_CONFIG (config), NULL);

  variable = prism_provider_config_get_key_env (config);
  if (variable == NULL)
    variable = prism_provider_config_get_key_variable (config);

  return g_error_new (PRISM_ERROR, PRISM_ERROR_CONFIG,
                      _("No API key for %s. Set the environment variable %s, or store the key in the keyring with “prism-cli keys set %s”."),
                      prism_provider_config_get_name (config),
                      variable,
                      prism_provider_config_get_id (config));
}

static void
prism_provider_registry_finalize (GObject *object)
{
  PrismProviderRegistry *self = PRISM_PROVIDER_REGISTRY (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_object (&self->providers);
  g_clear_pointer (&self->models, g_hash_table_unref);
  g_clear_pointer (&self->key_file, g_key_file_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->broken, g_free);
  g_clear_pointer (&self->first_problem, g_free);

  G_OBJECT_CLASS (prism_provider_registry_parent_class)->finalize (object);
}

static void
prism_provider_registry_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  PrismProviderRegistry *self = PRISM_PROVIDER_REGISTRY (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_provider_registry_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  PrismProviderRegistry *self = PRISM_PROVIDER_REGISTRY (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_provider_registry_class_init (PrismProviderRegistryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = prism_provider_registry_finalize;
  object_class->get_property = prism_provider_registry_get_property;
  object_class->set_property = prism_provider_registry_set_property;

  properties [PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PrismProviderRegistry::changed:
   *
   * The providers or the per-model facts changed: the file was read
   * again, or something was saved to it.
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
prism_provider_registry_init (PrismProviderRegistry *self)
{
  self->providers = g_list_store_new (PRISM_TYPE_PROVIDER_CONFIG);
  self->models = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->key_file = g_key_file_new ();
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->warnings, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (builtins); i++)
    {
      g_autoptr(PrismProviderConfig) config = new_builtin (&builtins[i]);

      g_list_store_append (self->providers, config);
    }
}
