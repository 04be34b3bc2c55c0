/* prism-keyring.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How long a keyring call may take before it fails, in milliseconds. */
#define PRISM_KEYRING_DEFAULT_TIMEOUT 10000

#define PRISM_TYPE_KEYRING_ENTRY (prism_keyring_entry_get_type ())

/**
 * PrismKeyringEntry:
 * @provider: the provider id
 * @project: the project the key belongs to, or "" for the provider's own key
 *
 * One key stored in the keyring. Never holds the key itself.
 */
typedef struct _PrismKeyringEntry
{
  char *provider;
  char *project;
} PrismKeyringEntry;

GType              prism_keyring_entry_get_type (void) G_GNUC_CONST;
PrismKeyringEntry *prism_keyring_entry_new      (const char              *provider,
                                                 const char              *project);
PrismKeyringEntry *prism_keyring_entry_copy     (const PrismKeyringEntry *self);
void               prism_keyring_entry_free     (PrismKeyringEntry       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrismKeyringEntry, prism_keyring_entry_free)

/**
 * PrismKeyringKeyEnvFunc:
 * @provider: a provider id
 * @user_data: the data given with the function
 *
 * Returns: (transfer full) (nullable): the environment variable that can
 *   hold @provider's key instead of the keyring, or %NULL for the default
 */
typedef char *(*PrismKeyringKeyEnvFunc) (const char *provider,
                                         gpointer    user_data);

#define PRISM_TYPE_KEYRING (prism_keyring_get_type ())

/* Every call below fails with %PRISM_ERROR_KEYRING when no keyring
 * service runs (the message names the key's environment variable), when
 * the keyring is locked, or when it does not answer within the timeout;
 * with %PRISM_ERROR_CONFIG for a malformed provider id, project name or
 * key; and with %G_IO_ERROR_CANCELLED when the caller's cancellable is
 * cancelled. No message ever holds a key. The _sync variants are for
 * prism-cli and worker threads, never for the main loop of the window. */

G_DECLARE_FINAL_TYPE (PrismKeyring, prism_keyring, PRISM, KEYRING, GObject)

PrismKeyring *prism_keyring_new                 (void);
guint         prism_keyring_get_timeout         (PrismKeyring            *self);
void          prism_keyring_set_timeout         (PrismKeyring            *self,
                                                 guint                    timeout_ms);
void          prism_keyring_set_key_env_func    (PrismKeyring            *self,
                                                 PrismKeyringKeyEnvFunc   func,
                                                 gpointer                 user_data,
                                                 GDestroyNotify           destroy);
char         *prism_keyring_dup_key_env         (PrismKeyring            *self,
                                                 const char              *provider);
char         *prism_keyring_default_key_env     (const char              *provider);
gboolean      prism_keyring_is_valid_provider   (const char              *provider);
void          prism_keyring_free_key            (char                    *key);

void          prism_keyring_store_async         (PrismKeyring            *self,
                                                 const char              *provider,
                                                 const char              *project,
                                                 const char              *key,
                                                 GCancellable            *cancellable,
                                                 GAsyncReadyCallback      callback,
                                                 gpointer                 user_data);
gboolean      prism_keyring_store_finish        (PrismKeyring            *self,
                                                 GAsyncResult            *result,
                                                 GError                 **error);
gboolean      prism_keyring_store_sync          (PrismKeyring            *self,
                                                 const char              *provider,
                                                 const char              *project,
                                                 const char              *key,
                                                 GCancellable            *cancellable,
                                                 GError                 **error);

void          prism_keyring_lookup_async        (PrismKeyring            *self,
                                                 const char              *provider,
                                                 const char              *project,
                                                 GCancellable            *cancellable,
                                                 GAsyncReadyCallback      callback,
                                                 gpointer                 user_data);
char         *prism_keyring_lookup_finish       (PrismKeyring            *self,
                                                 GAsyncResult            *result,
                                                 GError                 **error);
char         *prism_keyring_lookup_sync         (PrismKeyring            *self,
                                                 const char              *provider,
                                                 const char              *project,
                                                 GCancellable            *cancellable,
                                                 GError                 **error);

void          prism_keyring_delete_async        (PrismKeyring            *self,
                                                 const char              *provider,
                                                 const char              *project,
                                                 GCancellable            *cancellable,
                                                 GAsyncReadyCallback      callback,
                                                 gpointer                 user_data);
gboolean      prism_keyring_delete_finish       (PrismKeyring            *self,
                                                 GAsyncResult            *result,
                                                 GError                 **error);
gboolean      prism_keyring_delete_sync         (PrismKeyring            *self,
                                                 const char              *provider,
                                                 const char              *project,
                                                 GCancellable            *cancellable,
                                                 GError                 **error);

void          prism_keyring_list_async          (PrismKeyring            *self,
                                                 GCancellable            *cancellable,
                                                 GAsyncReadyCallback      callback,
                                                 gpointer                 user_data);
GPtrArray    *prism_keyring_list_finish         (PrismKeyring            *self,
                                                 GAsyncResult            *result,
                                                 GError                 **error);
GPtrArray    *prism_keyring_list_sync           (PrismKeyring            *self,
                                                 GCancellable            *cancellable,
                                                 GError                 **error);

G_END_DECLS
