/* prism-client.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-client"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "prism-client.h"
#include "prism-error.h"

/* What one process needs to talk to providers: the registry of
 * providers, where keys come from, the one HTTP session, the price
 * sources and the routing policy. The window, prism-cli and the tests
 * each make one and ask it for completions (PrismCompletion).
 */
struct _PrismClient
{
  GObject                parent_instance;

  PrismProviderRegistry *registry;
  PrismKeyring          *keyring;
  PrismHttpClient       *http_client;
  PrismPricing          *pricing;
  PrismCatalog          *catalog;
  GHashTable            *protocols;

  PrismHttpTimeouts      timeouts;
  PrismRetryPolicy       retry_policy;
};

G_DEFINE_FINAL_TYPE (PrismClient, prism_client, G_TYPE_OBJECT)

static void
prism_client_dispose (GObject *object)
{
  PrismClient *self = (PrismClient *)object;

  g_clear_object (&self->registry);
  g_clear_object (&self->keyring);
  g_clear_object (&self->http_client);
  g_clear_object (&self->pricing);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->protocols, g_hash_table_unref);

  G_OBJECT_CLASS (prism_client_parent_class)->dispose (object);
}

static void
prism_client_class_init (PrismClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = prism_client_dispose;
}

static void
prism_client_init (PrismClient *self)
{
  self->protocols = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  prism_http_timeouts_init_default (&self->timeouts);
  prism_retry_policy_init_default (&self->retry_policy);
}

/**
 * prism_client_new:
 * @registry: the providers
 * @keyring: (nullable): where stored keys are looked up; %NULL to use
 *   environment variables only
 * @http_client: (nullable): the HTTP client, %NULL for the shared one
 *
 * Returns: (transfer full): a new #PrismClient
 */
PrismClient *
prism_client_new (PrismProviderRegistry *registry,
                  PrismKeyring          *keyring,
                  PrismHttpClient       *http_client)
{
  PrismClient *self;

  g_return_val_if_fail (PRISM_IS_PROVIDER_REGISTRY (registry), NULL);
  g_return_val_if_fail (keyring == NULL || PRISM_IS_KEYRING (keyring), NULL);
  g_return_val_if_fail (http_client == NULL || PRISM_IS_HTTP_CLIENT (http_client), NULL);

  self = g_object_new (PRISM_TYPE_CLIENT, NULL);
  self->registry = g_object_ref (registry);
  self->keyring = keyring ? g_object_ref (keyring) : NULL;
  self->http_client = http_client ? g_object_ref (http_client)
                                  : g_object_ref (prism_http_client_get_default ());
  self->pricing = g_object_ref (prism_pricing_get_default ());
  self->catalog = prism_catalog_new (registry);

  return self;
}

PrismProviderRegistry *
prism_client_get_registry (PrismClient *self)
{
  g_return_val_if_fail (PRISM_IS_CLIENT (self), NULL);

  return self->registry;
}

/**
 * prism_client_get_keyring:
 * @self: a #PrismClient
 *
 * Returns: (transfer none) (nullable): the keyring, %NULL when keys
 *   come from the environment only
 */
PrismKeyring *
prism_client_get_keyring (PrismClient *self)
{
  g_return_val_if_fail (PRISM_IS_CLIENT (self), NULL);

  return self->keyring;
}

PrismHttpClient *
prism_client_get_http_client (PrismClient *self)
{
  g_return_val_if_fail (PRISM_IS_CLIENT (self), NULL);

  return self->http_client;
}

PrismPricing *
prism_client_get_pricing (PrismClient *self)
{
  g_return_val_if_fail (PRISM_IS_CLIENT (self), NULL);

  return self->pricing;
}

/**
 * prism_client_get_catalog:
 * @self: a #PrismClient
 *
 * Returns: (transfer none): the models of every provider, whose live
 *   prices are used when providers.ini gives none
 */
PrismCatalog *
prism_client_get_catalog (PrismClient *self)
{
  g_return_val_if_fail (PRISM_IS_CLIENT (self), NULL);

  return self->catalog;
}

void
prism_client_set_catalog (PrismClient  *self,
                          PrismCatalog *catalog)
{
  g_return_if_fail (PRISM_IS_CLIENT (self));
  g_return_if_fail (PRISM_IS_CATALOG (catalog));

  g_set_object (&self->catalog, catalog);
}

const PrismHttpTimeouts *
prism_client_get_timeouts (PrismClient *self)
{
  g_return_val_if_fail (PRISM_IS_CLIENT (self), NULL);

  return &self->timeouts;
}

void
prism_client_set_timeouts (PrismClient             *self,
                           const PrismHttpTimeouts *timeouts)
{
  g_return_if_fail (PRISM_IS_CLIENT (self));
  g_return_if_fail (timeouts != NULL);

  self->timeouts = *timeouts;
}

const PrismRetryPolicy *
prism_client_get_retry_policy (PrismClient *self)
{
  g_return_val_if_fail (PRISM_IS_CLIENT (self), NULL);

  return &self->retry_policy;
}

void
prism_client_set_retry_policy (PrismClient            *self,
                               const PrismRetryPolicy *policy)
{
  g_return_if_fail (PRISM_IS_CLIENT (self));
  g_return_if_fail (policy != NULL);

  self->retry_policy = *policy;
}

/**
 * prism_client_get_protocol:
 * @self: a #PrismClient
 * @config: a provider
 *
 * Protocol objects hold no state of their own, so one serves every
 * provider that speaks it.
 *
 * Returns: (transfer none): the protocol @config speaks
 */
PrismProtocol *
prism_client_get_protocol (PrismClient         *self,
                           PrismProviderConfig *config)
{
  const char *kind;
  PrismProtocol *protocol;

  g_return_val_if_fail (PRISM_IS_CLIENT (self), NULL);
  g_return_val_if_fail (PRISM_IS_PROVIDER_CONFIG (config), NULL);

  kind = prism_protocol_kind_to_string (prism_provider_config_get_protocol (config));
  protocol = g_hash_table_lookup (self->protocols, kind);
  if (protocol == NULL)
    {
      protocol = prism_protocol_new_for_kind (kind);
      g_hash_table_insert (self->protocols, (gpointer)prism_protocol_get_kind (protocol), protocol);
    }

  return protocol;
}

/**
 * prism_client_check_model:
 * @self: a #PrismClient
 * @name: a model name, `PROVIDER:MODEL`
 * @error: the configuration error that says what is wrong
 *
 * Checks, before anything is sent, that @name names a provider that
 * exists and is turned on.
 *
 * Returns: whether @name can be asked
 */
gboolean
prism_client_check_model (PrismClient  *self,
                          const char   *name,
                          GError      **error)
{
  g_return_val_if_fail (PRISM_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return prism_provider_registry_resolve_model (self->registry, name, NULL, NULL, error);
}

typedef struct
{
  PrismProviderConfig *config;
} LookupKey;

static void
lookup_key_free (LookupKey *state)
{
  g_clear_object (&state->config);
  g_free (state);
}

static void
lookup_key_keyring_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PrismClient *self = g_task_get_source_object (task);
  LookupKey *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) missing = NULL;
  char *key;

  key = prism_keyring_lookup_finish (PRISM_KEYRING (object), result, &error);
  if (key != NULL)
    {
      g_task_return_pointer (task, key, (GDestroyNotify)prism_keyring_free_key);
      return;
    }

  if (!prism_provider_config_get_needs_key (state->config))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  if (g_error_matches (error, PRISM_ERROR, PRISM_ERROR_CANCELLED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  missing = prism_provider_registry_missing_key_error (self->registry, state->config);
  if (error != NULL)
    g_task_return_new_error (task, PRISM_ERROR, PRISM_ERROR_CONFIG,
                             "%s %s", missing->message, error->message);
  else
    g_task_return_error (task, g_steal_pointer (&missing));
}

/**
 * prism_client_lookup_key_async:
 * @self: a #PrismClient
 * @config: the provider
 * @project: (nullable): the project, whose own key wins over the
 *   provider's
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the key
 * @user_data: data for @callback
 *
 * Finds the key of @config in the order of the design notes: its
 * `key-env` variable, its conventional variable, then the keyring.
 * Local providers need none, but use one when it is given.
 */
void
prism_client_lookup_key_async (PrismClient         *self,
                               PrismProviderConfig *config,
                               const char          *project,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LookupKey *state;
  char *key;

  g_return_if_fail (PRISM_IS_CLIENT (self));
  g_return_if_fail (PRISM_IS_PROVIDER_CONFIG (config));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, prism_client_lookup_key_async);

  key = prism_provider_registry_lookup_env_key (self->registry, config, NULL);
  if (key != NULL)
    {
      g_task_return_pointer (task, key, (GDestroyNotify)prism_keyring_free_key);
      return;
    }

  if (self->keyring == NULL || !prism_provider_config_get_needs_key (config))
    {
      /* A local server asked through the keyring would make every request
       * wait on a keyring that may be locked, for a key it does not need.
       */
      if (prism_provider_config_get_needs_key (config))
        g_task_return_error (task, prism_provider_registry_missing_key_error (self->registry, config));
      else
        g_task_return_pointer (task, NULL, NULL);
      return;
    }

  state = g_new0 (LookupKey, 1);
  state->config = g_object_ref (config);
  g_task_set_task_data (task, state, (GDestroyNotify)lookup_key_free);

  prism_keyring_lookup_async (self->keyring,
                              prism_provider_config_get_id (config),
                              project,
                              cancellable,
                              lookup_key_keyring_cb,
                              g_steal_pointer (&task));
}

/**
 * prism_client_lookup_key_finish:
 * @self: a #PrismClient
 * @result: the result given to the callback
 * @error: a %PRISM_ERROR_CONFIG error that names the variable to set
 *
 * Returns: (transfer full) (nullable): the key, to be freed with
 *   prism_keyring_free_key(); %NULL without an error for a provider that
 *   needs none
 */
char *
prism_client_lookup_key_finish (PrismClient   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (PRISM_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * prism_client_resolve_prices:
 * @self: a #PrismClient
 * @model: a model name, `PROVIDER:MODEL`
 * @prices: (out): the prices, with their source
 *
 * The most trusted prices known before a request: providers.ini, then
 * the live catalog, then the bundled table. A cost the provider reports
 * itself wins over all of these once the answer is in.
 *
 * Returns: whether any price is known
 */
gboolean
prism_client_resolve_prices (PrismClient *self,
                             const char  *model,
                             PrismPrices *prices)
{
  g_autofree char *provider_id = NULL;
  g_autofree char *model_id = NULL;
  PrismModel *entry;

  g_return_val_if_fail (PRISM_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (prices != NULL, FALSE);

  if (prism_provider_registry_get_model_prices (self->registry, model, prices))
    {
      prices->source = PRISM_COST_SOURCE_CONFIG;
      return TRUE;
    }

  entry = prism_catalog_lookup (self->catalog, model);
  if (entry != NULL && prism_prices_is_known (prism_model_get_prices (entry)))
    {
      /* An entry filled from the bundled table says so itself. */
      *prices = *prism_model_get_prices (entry);
      if (prices->source == PRISM_COST_SOURCE_UNKNOWN)
        prices->source = PRISM_COST_SOURCE_CATALOG;
      return TRUE;
    }

  if (prism_model_split_id (model, &provider_id, &model_id) &&
      prism_pricing_lookup (self->pricing, provider_id, model_id, prices))
    {
      prices->source = PRISM_COST_SOURCE_BUNDLED;
      return TRUE;
    }

  prism_prices_init_unknown (prices);

  return FALSE;
}
