/* prism-client-models.c
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

/* Listing each provider's models into the catalog: the models endpoint
 * of its protocol, with its key when it has one (OpenRouter's list needs
 * none).
 */

typedef struct
{
  PrismProviderConfig *config;
  PrismProtocol       *protocol;
  char                *key;
} ListModels;

static void
list_models_free (ListModels *state)
{
  g_clear_object (&state->config);
  g_clear_pointer (&state->key, prism_keyring_free_key);
  g_free (state);
}

static void
list_models_get_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ListModels *state = g_task_get_task_data (task);
  g_autoptr(PrismHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *models;

  if (!prism_http_client_get_bytes_finish (PRISM_HTTP_CLIENT (object), result, &response, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!prism_http_response_is_success (response))
    {
      g_task_return_error (task, prism_protocol_parse_error (state->protocol,
                                                             response->status,
                                                             response->content_type,
                                                             response->body,
                                                             response->retry_after,
                                                             state->key));
      return;
    }

  models = prism_protocol_parse_models (state->protocol,
                                        prism_provider_config_get_id (state->config),
                                        response->body,
                                        &error);
  if (models == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, models, (GDestroyNotify)g_ptr_array_unref);
}

static void
list_models_key_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PrismClient *self = g_task_get_source_object (task);
  ListModels *state = g_task_get_task_data (task);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  state->key = prism_client_lookup_key_finish (self, result, &error);

  /* OpenRouter lists its models with prices to anyone: a missing key
   * must not hide them.
   */
  if (error != NULL)
    {
      if (!(prism_provider_config_get_protocol (state->config) == PRISM_PROTOCOL_KIND_OPENROUTER &&
            g_error_matches (error, PRISM_ERROR, PRISM_ERROR_CONFIG)))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_clear_error (&error);
    }

  msg = prism_protocol_build_models_message (state->protocol,
                                             prism_provider_config_get_base_url (state->config),
                                             state->key,
                                             &error);
  if (msg == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  cancellable = g_task_get_cancellable (task);
  prism_http_client_get_bytes_async (prism_client_get_http_client (self),
                                     msg,
                                     prism_client_get_timeouts (self),
                                     cancellable,
                                     list_models_get_cb,
                                     g_steal_pointer (&task));
}

/**
 * prism_client_list_models_async:
 * @self: a #PrismClient
 * @config: the provider
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the list
 * @user_data: data for @callback
 *
 * Asks @config for the models it serves.
 */
void
prism_client_list_models_async (PrismClient         *self,
                                PrismProviderConfig *config,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ListModels *state;

  g_return_if_fail (PRISM_IS_CLIENT (self));
  g_return_if_fail (PRISM_IS_PROVIDER_CONFIG (config));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, prism_client_list_models_async);

  state = g_new0 (ListModels, 1);
  state->config = g_object_ref (config);
  state->protocol = prism_client_get_protocol (self, config);
  g_task_set_task_data (task, state, (GDestroyNotify)list_models_free);

  prism_client_lookup_key_async (self, config, NULL, cancellable,
                                 list_models_key_cb, g_steal_pointer (&task));
}

/**
 * prism_client_list_models_finish:
 * @self: a #PrismClient
 * @result: the result given to the callback
 * @error: why the list could not be had
 *
 * Returns: (transfer full) (element-type PrismModel): the models
 */
GPtrArray *
prism_client_list_models_finish (PrismClient   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (PRISM_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  GHashTable *failures;
  guint       pending;
} Refresh;

static void
refresh_free (Refresh *state)
{
  g_clear_pointer (&state->failures, g_hash_table_unref);
  g_free (state);
}

typedef struct
{
  GTask *task;
  char  *provider_id;
} RefreshOne;

static void
refresh_one_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RefreshOne *one = user_data;
  g_autoptr(GTask) task = one->task;
  PrismClient *self = g_task_get_source_object (task);
  Refresh *state = g_task_get_task_data (task);
  g_autoptr(GPtrArray) models = NULL;
  GError *error = NULL;

  models = prism_client_list_models_finish (self, result, &error);
  if (models != NULL)
    prism_catalog_replace_provider (prism_client_get_catalog (self), one->provider_id, models);
  else
    g_hash_table_insert (state->failures, g_steal_pointer (&one->provider_id), error);

  g_free (one->provider_id);
  g_free (one);

  if (--state->pending == 0)
    g_task_return_pointer (task, g_hash_table_ref (state->failures), (GDestroyNotify)g_hash_table_unref);
}

/**
 * prism_client_refresh_catalog_async:
 * @self: a #PrismClient
 * @provider_id: (nullable): one provider, or %NULL for every enabled one
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every provider has answered or failed
 * @user_data: data for @callback
 *
 * Lists the models of the providers into the catalog, all at once. A
 * provider that fails keeps the models it had.
 */
void
prism_client_refresh_catalog_async (PrismClient         *self,
                                    const char          *provider_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GListModel *providers;
  Refresh *state;

  g_return_if_fail (PRISM_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, prism_client_refresh_catalog_async);

  state = g_new0 (Refresh, 1);
  state->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_error_free);
  g_task_set_task_data (task, state, (GDestroyNotify)refresh_free);

  providers = prism_provider_registry_get_providers (prism_client_get_registry (self));
  for (guint i = 0; i < g_list_model_get_n_items (providers); i++)
    {
      g_autoptr(PrismProviderConfig) config = g_list_model_get_item (providers, i);
      RefreshOne *one;

      if (provider_id != NULL && !g_str_equal (provider_id, prism_provider_config_get_id (config)))
        continue;
      if (provider_id == NULL && !prism_provider_config_get_enabled (config))
        continue;

      one = g_new0 (RefreshOne, 1);
      one->task = g_object_ref (task);
      one->provider_id = g_strdup (prism_provider_config_get_id (config));
      state->pending++;
      prism_client_list_models_async (self, config, cancellable, refresh_one_cb, one);
    }

  if (state->pending == 0)
    {
      if (provider_id != NULL)
        g_task_return_new_error (task, PRISM_ERROR, PRISM_ERROR_CONFIG,
                                 _("Unknown provider “%s”."), provider_id);
      else
        g_task_return_pointer (task, g_hash_table_ref (state->failures), (GDestroyNotify)g_hash_table_unref);
    }
}

/**
 * prism_client_refresh_catalog_finish:
 * @self: a #PrismClient
 * @result: the result given to the callback
 * @error: an error only when nothing could be asked
 *
 * Returns: (transfer full) (element-type utf8 GError): the providers that
 *   failed, with why; empty when all answered
 */
GHashTable *
prism_client_refresh_catalog_finish (PrismClient   *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (PRISM_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
