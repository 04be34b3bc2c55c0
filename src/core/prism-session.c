/* prism-session.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-session"

#include "config.h"

#include "prism-session.h"

#include "prism-conversation-item.h"
#include "prism-provider-registry-private.h"

/* What the window shares for the life of the application: the providers
 * of providers.ini, the keyring, the client, the models a picker offers,
 * the history and the list of its conversations. The same objects the
 * CLI drives, so the window has no path of its own to a provider.
 */
struct _PrismSession
{
  GObject                parent_instance;

  PrismProviderRegistry *registry;
  PrismKeyring          *keyring;
  PrismClient           *client;
  PrismCatalog          *catalog;
  PrismStore            *store;
  GListStore            *conversations;
  GCancellable          *cancellable;

  guint                  ready : 1;
  guint                  has_key : 1;
  guint                  reloading : 1;
  guint                  reload_again : 1;
};

G_DEFINE_FINAL_TYPE (PrismSession, prism_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_READY,
  PROP_USABLE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* How many conversations the sidebar lists; search reaches the rest. */
#define MAX_CONVERSATIONS 1000

static void
prism_session_dispose (GObject *object)
{
  PrismSession *self = (PrismSession *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->conversations);
  g_clear_object (&self->store);
  g_clear_object (&self->catalog);
  g_clear_object (&self->client);
  g_clear_object (&self->keyring);
  g_clear_object (&self->registry);

  G_OBJECT_CLASS (prism_session_parent_class)->dispose (object);
}

static void
prism_session_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PrismSession *self = PRISM_SESSION (object);

  switch (prop_id)
    {
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;

    case PROP_USABLE:
      g_value_set_boolean (value, prism_session_get_usable (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_session_class_init (PrismSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = prism_session_dispose;
  object_class->get_property = prism_session_get_property;

  properties [PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* Whether there is anything to show beside the welcome: a provider
   * with a key, or a history. */
  properties [PROP_USABLE] =
    g_param_spec_boolean ("usable", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
prism_session_init (PrismSession *self)
{
  self->conversations = g_list_store_new (PRISM_TYPE_CONVERSATION_ITEM);
  self->cancellable = g_cancellable_new ();
}

static char *
key_env_for_provider (const char *provider,
                      gpointer    user_data)
{
  PrismProviderRegistry *registry = user_data;
  PrismProviderConfig *config = prism_provider_registry_lookup (registry, provider);
  const char *variable = NULL;

  if (config != NULL)
    {
      variable = prism_provider_config_get_key_env (config);
      if (variable == NULL)
        variable = prism_provider_config_get_key_variable (config);
    }

  return g_strdup (variable);
}

/* The models a picker offers before any live list was fetched: those
 * providers.ini describes and those of the bundled price table, for every
 * provider that is turned on. The catalog lays providers.ini's facts on
 * top of the bundled prices. */
static void
fill_catalog (PrismSession *self)
{
  g_autoptr(GHashTable) by_provider = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             (GDestroyNotify)g_ptr_array_unref);
  g_auto(GStrv) priced = prism_pricing_dup_ids (prism_client_get_pricing (self->client));
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  GListModel *providers = prism_provider_registry_get_providers (self->registry);
  GHashTableIter iter;
  const char *id;
  GPtrArray *models;

  for (guint i = 0; priced[i] != NULL; i++)
    g_ptr_array_add (ids, priced[i]);
  g_hash_table_iter_init (&iter, self->registry->models);
  while (g_hash_table_iter_next (&iter, (gpointer *)&id, NULL))
    g_ptr_array_add (ids, (char *)id);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *provider_id = NULL;
      g_autofree char *model_id = NULL;
      g_autoptr(PrismModel) model = NULL;
      PrismProviderConfig *config;

      if (!prism_model_split_id (g_ptr_array_index (ids, i), &provider_id, &model_id))
        continue;
      config = prism_provider_registry_lookup (self->registry, provider_id);
      if (config == NULL || !prism_provider_config_get_enabled (config))
        continue;

      models = g_hash_table_lookup (by_provider, provider_id);
      if (models == NULL)
        {
          models = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (by_provider, g_strdup (provider_id), models);
        }

      /* The bundled prices stay the pricing table's, so that a cost
       * computed from them is still told as an estimate. */
      model = prism_model_new (provider_id, model_id);
      g_ptr_array_add (models, g_steal_pointer (&model));
    }

  /* A provider's fetched list (the cache's) stays; the models above are
   * laid beside it. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->catalog)); i++)
    {
      g_autoptr(PrismModel) known = g_list_model_get_item (G_LIST_MODEL (self->catalog), i);

      models = g_hash_table_lookup (by_provider, prism_model_get_provider_id (known));
      if (models == NULL)
        continue;
      for (guint j = 0; j < models->len; j++)
        {
          if (g_str_equal (prism_model_get_id (g_ptr_array_index (models, j)), prism_model_get_id (known)))
            {
              g_ptr_array_remove_index (models, j);
              break;
            }
        }
      g_ptr_array_add (models, g_object_ref (known));
    }

  for (guint i = 0; i < g_list_model_get_n_items (providers); i++)
    {
      g_autoptr(PrismProviderConfig) config = g_list_model_get_item (providers, i);

      models = g_hash_table_lookup (by_provider, prism_provider_config_get_id (config));
      if (models != NULL)
        prism_catalog_replace_provider (self->catalog, prism_provider_config_get_id (config), models);
    }
}

static gboolean
has_env_key (PrismSession *self)
{
  GListModel *providers = prism_provider_registry_get_providers (self->registry);

  for (guint i = 0; i < g_list_model_get_n_items (providers); i++)
    {
      g_autoptr(PrismProviderConfig) config = g_list_model_get_item (providers, i);
      g_autofree char *key = NULL;

      if (!prism_provider_config_get_enabled (config))
        continue;

      key = prism_provider_registry_lookup_env_key (self->registry, config, NULL);
      if (key != NULL && key[0] != '\0')
        {
          prism_keyring_free_key (g_steal_pointer (&key));
          return TRUE;
        }
      prism_keyring_free_key (g_steal_pointer (&key));
    }

  return FALSE;
}

/**
 * prism_session_new:
 *
 * Loads providers.ini (what is wrong in it is logged and left out) and
 * makes the client. The history opens with prism_session_open_async().
 *
 * Returns: (transfer full): a new #PrismSession
 */
PrismSession *
prism_session_new (void)
{
  PrismSession *self = g_object_new (PRISM_TYPE_SESSION, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = NULL;
  const char * const *warnings;

  self->registry = prism_provider_registry_new ();
  if (!prism_provider_registry_load (self->registry, &error))
    g_warning ("%s", error->message);

  g_clear_error (&error);

  warnings = prism_provider_registry_get_warnings (self->registry);
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    g_warning ("%s", warnings[i]);

  self->keyring = prism_keyring_new ();
  prism_keyring_set_key_env_func (self->keyring, key_env_for_provider,
                                  g_object_ref (self->registry), g_object_unref);
  self->client = prism_client_new (self->registry, self->keyring, NULL);
  self->catalog = g_object_ref (prism_client_get_catalog (self->client));

  /* What `prism-cli models` or the picker last fetched; a cache that
   * cannot be read is fetched again when asked, never fatal. */
  cache = prism_catalog_get_default_cache_path ();
  if (!prism_catalog_load_cache (self->catalog, cache, &error))
    g_debug ("No model list cached: %s", error->message);
  fill_catalog (self);
  self->has_key = has_env_key (self);

  return self;
}

static void
keyring_list_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PrismSession) self = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gboolean was_usable = prism_session_get_usable (self);

  entries = prism_keyring_list_finish (PRISM_KEYRING (object), result, &error);
  if (entries == NULL)
    {
      /* No keyring is a normal state: keys may come from the environment. */
      g_debug ("No keys from the keyring: %s", error->message);
      return;
    }

  if (entries->len > 0)
    self->has_key = TRUE;
  if (was_usable != prism_session_get_usable (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_USABLE]);
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PrismSession) self = user_data;
  g_autoptr(GPtrArray) conversations = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  gboolean was_usable = prism_session_get_usable (self);

  self->reloading = FALSE;

  conversations = prism_store_list_conversations_finish (PRISM_STORE (object), result, &error);
  if (conversations == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list the conversations: %s", error->message);
      return;
    }

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < conversations->len; i++)
    g_ptr_array_add (items, prism_conversation_item_new (g_ptr_array_index (conversations, i)));
  g_list_store_splice (self->conversations, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->conversations)),
                       items->pdata, items->len);

  if (was_usable != prism_session_get_usable (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_USABLE]);

  if (self->reload_again)
    {
      self->reload_again = FALSE;
      prism_session_reload_conversations (self);
    }
}

/**
 * prism_session_reload_conversations:
 * @self: an open #PrismSession
 *
 * Lists the conversations again, in the background; the list model
 * changes when they arrive.
 */
void
prism_session_reload_conversations (PrismSession *self)
{
  g_return_if_fail (PRISM_IS_SESSION (self));

  if (self->store == NULL)
    return;

  if (self->reloading)
    {
      self->reload_again = TRUE;
      return;
    }

  self->reloading = TRUE;
  prism_store_list_conversations_async (self->store, MAX_CONVERSATIONS, self->cancellable,
                                        list_cb, g_object_ref (self));
}

static void
store_open_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PrismSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  self->store = prism_store_open_finish (result, &error);
  if (self->store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->ready = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_READY]);
  prism_session_reload_conversations (self);

  g_task_return_boolean (task, TRUE);
}

/**
 * prism_session_open_async:
 * @self: a #PrismSession
 *
 * Opens the history ($XDG_DATA_HOME/prism/history.db) on a worker
 * thread, lists its conversations, and looks for keys in the keyring.
 */
void
prism_session_open_async (PrismSession        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PRISM_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, prism_session_open_async);

  if (!self->has_key)
    prism_keyring_list_async (self->keyring, self->cancellable, keyring_list_cb, g_object_ref (self));

  prism_store_open_async (NULL, cancellable, store_open_cb, g_steal_pointer (&task));
}

gboolean
prism_session_open_finish (PrismSession  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (PRISM_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PrismSession *self = g_task_get_source_object (task);
  g_autoptr(GHashTable) failures = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) save_error = NULL;
  g_autofree char *cache = NULL;

  failures = prism_client_refresh_catalog_finish (PRISM_CLIENT (object), result, &error);
  if (failures == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  cache = prism_catalog_get_default_cache_path ();
  if (!prism_catalog_save_cache (self->catalog, cache, &save_error))
    g_warning ("Could not keep the model list: %s", save_error->message);

  g_task_return_pointer (task, g_steal_pointer (&failures), (GDestroyNotify)g_hash_table_unref);
}

/**
 * prism_session_refresh_models_async:
 * @self: a #PrismSession
 *
 * Asks every enabled provider for its models, puts them in the catalog
 * and keeps them in the cache for the next start.
 */
void
prism_session_refresh_models_async (PrismSession        *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PRISM_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, prism_session_refresh_models_async);
  prism_client_refresh_catalog_async (self->client, NULL, cancellable, refresh_cb, g_steal_pointer (&task));
}

/**
 * prism_session_refresh_models_finish:
 *
 * Returns: (transfer full) (element-type utf8 GError): the providers that
 *   could not list their models, with why
 */
GHashTable *
prism_session_refresh_models_finish (PrismSession  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (PRISM_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
prism_session_get_ready (PrismSession *self)
{
  g_return_val_if_fail (PRISM_IS_SESSION (self), FALSE);
  return self->ready;
}

gboolean
prism_session_get_usable (PrismSession *self)
{
  g_return_val_if_fail (PRISM_IS_SESSION (self), FALSE);

  return self->has_key || g_list_model_get_n_items (G_LIST_MODEL (self->conversations)) > 0;
}

PrismProviderRegistry *
prism_session_get_registry (PrismSession *self)
{
  g_return_val_if_fail (PRISM_IS_SESSION (self), NULL);
  return self->registry;
}

PrismClient *
prism_session_get_client (PrismSession *self)
{
  g_return_val_if_fail (PRISM_IS_SESSION (self), NULL);
  return self->client;
}

PrismCatalog *
prism_session_get_catalog (PrismSession *self)
{
  g_return_val_if_fail (PRISM_IS_SESSION (self), NULL);
  return self->catalog;
}

/**
 * prism_session_get_store:
 *
 * Returns: (transfer none) (nullable): the history, once open
 */
PrismStore *
prism_session_get_store (PrismSession *self)
{
  g_return_val_if_fail (PRISM_IS_SESSION (self), NULL);
  return self->store;
}

/**
 * prism_session_get_conversations:
 *
 * Returns: (transfer none): the #PrismConversationItem of the history,
 *   pinned first, then newest first
 */
GListModel *
prism_session_get_conversations (PrismSession *self)
{
  g_return_val_if_fail (PRISM_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->conversations);
}
