/* prism-keyring-sync.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-keyring"

#include "config.h"

#include "prism-keyring-private.h"

/* The synchronous calls run the asynchronous ones on a context of their
 * own, so the timeout works the same way in prism-cli. */
#define SYNC_GRACE_PERIOD 500 /* ms */

typedef struct
{
  GMainContext *context;
  GAsyncResult *result;
} SyncData;

static void
sync_data_begin (SyncData *data)
{
  data->context = g_main_context_new ();
  data->result = NULL;
  g_main_context_push_thread_default (data->context);
}

static void
on_sync_ready (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  SyncData *data = user_data;

  data->result = g_object_ref (result);
}

static void
sync_data_wait (SyncData *data)
{
  while (data->result == NULL)
    g_main_context_iteration (data->context, TRUE);
}

static gboolean
on_sync_grace_over (gpointer user_data)
{
  gboolean *over = user_data;

  *over = TRUE;

  return G_SOURCE_REMOVE;
}

static void
sync_data_end (SyncData *data)
{
  gboolean over = FALSE;
  GSource *grace;

  /* After a timeout or a cancellation, libsecret's answer to its
   * cancelled call is on its way to this context: let it arrive so that
   * nothing is left behind, but never wait long for it. */
  grace = g_timeout_source_new (SYNC_GRACE_PERIOD);
  g_source_set_callback (grace, on_sync_grace_over, &over, NULL);
  g_source_attach (grace, data->context);
  while (_prism_keyring_result_get_pending (data->result) > 0 && !over)
    g_main_context_iteration (data->context, TRUE);
  g_source_destroy (grace);
  g_source_unref (grace);

  while (g_main_context_iteration (data->context, FALSE))
    ;

  g_main_context_pop_thread_default (data->context);
  g_clear_object (&data->result);
  g_clear_pointer (&data->context, g_main_context_unref);
}

gboolean
prism_keyring_store_sync (PrismKeyring  *self,
                          const char    *provider,
                          const char    *project,
                          const char    *key,
                          GCancellable  *cancellable,
                          GError       **error)
{
  SyncData data;
  gboolean ret;

  g_return_val_if_fail (PRISM_IS_KEYRING (self), FALSE);
  g_return_val_if_fail (provider != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  sync_data_begin (&data);
  prism_keyring_store_async (self, provider, project, key, cancellable, on_sync_ready, &data);
  sync_data_wait (&data);
  ret = prism_keyring_store_finish (self, data.result, error);
  sync_data_end (&data);

  return ret;
}

/**
 * prism_keyring_lookup_sync:
 *
 * Returns: (transfer full) (nullable): as prism_keyring_lookup_finish()
 */
char *
prism_keyring_lookup_sync (PrismKeyring  *self,
                           const char    *provider,
                           const char    *project,
                           GCancellable  *cancellable,
                           GError       **error)
{
  SyncData data;
  char *ret;

  g_return_val_if_fail (PRISM_IS_KEYRING (self), NULL);
  g_return_val_if_fail (provider != NULL, NULL);

  sync_data_begin (&data);
  prism_keyring_lookup_async (self, provider, project, cancellable, on_sync_ready, &data);
  sync_data_wait (&data);
  ret = prism_keyring_lookup_finish (self, data.result, error);
  sync_data_end (&data);

  return ret;
}

/**
 * prism_keyring_delete_sync:
 *
 * Returns: as prism_keyring_delete_finish()
 */
gboolean
prism_keyring_delete_sync (PrismKeyring  *self,
                           const char    *provider,
                           const char    *project,
                           GCancellable  *cancellable,
                           GError       **error)
{
  SyncData data;
  gboolean ret;

  g_return_val_if_fail (PRISM_IS_KEYRING (self), FALSE);
  g_return_val_if_fail (provider != NULL, FALSE);

  sync_data_begin (&data);
  prism_keyring_delete_async (self, provider, project, cancellable, on_sync_ready, &data);
  sync_data_wait (&data);
  ret = prism_keyring_delete_finish (self, data.result, error);
  sync_data_end (&data);

  return ret;
}

/**
 * prism_keyring_list_sync:
 *
 * Returns: (transfer container) (element-type PrismKeyringEntry): as
 *   prism_keyring_list_finish()
 */
GPtrArray *
prism_keyring_list_sync (PrismKeyring  *self,
                         GCancellable  *cancellable,
                         GError       **error)
{
  SyncData data;
  GPtrArray *ret;

  g_return_val_if_fail (PRISM_IS_KEYRING (self), NULL);

  sync_data_begin (&data);
  prism_keyring_list_async (self, cancellable, on_sync_ready, &data);
  sync_data_wait (&data);
  ret = prism_keyring_list_finish (self, data.result, error);
  sync_data_end (&data);

  return ret;
}
