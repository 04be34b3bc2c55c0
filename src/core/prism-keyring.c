/* prism-keyring.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-keyring"

#include "config.h"

#include "prism-keyring-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "prism-error.h"

/* API keys in the system keyring, through libsecret: the Secret Service
 * on a desktop, the Secret portal inside the Flatpak. A key is never
 * written anywhere else, and never appears in an error or a log.
 *
 * Every call has a timeout as well as the caller's cancellable: a locked
 * keyring shows an unlock prompt that may never be answered (or, with no
 * display, never be shown), and neither the window nor prism-cli may wait
 * on it forever. When the time is up the libsecret call is cancelled and
 * the caller hears at once, without waiting for libsecret to notice. */

struct _PrismKeyring
{
  GObject                 parent_instance;

  guint                   timeout;
  PrismKeyringKeyEnvFunc  key_env_func;
  gpointer                key_env_data;
  GDestroyNotify          key_env_destroy;
};

G_DEFINE_FINAL_TYPE (PrismKeyring, prism_keyring, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (PrismKeyringEntry, prism_keyring_entry,
                     prism_keyring_entry_copy, prism_keyring_entry_free)

enum {
  PROP_0,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

typedef enum
{
  OP_STORE,
  OP_LOOKUP,
  OP_DELETE,
  OP_LIST,
} OpKind;

typedef struct
{
  OpKind        kind;
  char         *provider;
  char         *project;    /* "" for the provider's own key */
  char         *key;        /* only while storing; wiped when freed */
  char         *key_env;
  guint         timeout;
  GCancellable *inner;      /* what libsecret is given */
  GSource      *timeout_source;
  GSource      *cancel_source;
  guint         pending;    /* libsecret calls not yet answered */
  guint         attempts;
  gboolean      fallback;   /* a lookup now tries the provider's own key */
  gboolean      done;
} Op;

const SecretSchema *
prism_keyring_get_schema (void)
{
  static const SecretSchema schema = {
    .name = PRISM_KEYRING_SCHEMA_NAME,
    .flags = SECRET_SCHEMA_NONE,
    .attributes = {
      { .name = "provider", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
      { .name = "project", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
      { .name = NULL, .type = 0 },
    },
  };

  return &schema;
}

PrismKeyringEntry *
prism_keyring_entry_new (const char *provider,
                         const char *project)
{
  PrismKeyringEntry *self;

  g_return_val_if_fail (provider != NULL, NULL);

  self = g_new0 (PrismKeyringEntry, 1);
  self->provider = g_strdup (provider);
  self->project = g_strdup (project != NULL ? project : "");

  return self;
}

PrismKeyringEntry *
prism_keyring_entry_copy (const PrismKeyringEntry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return prism_keyring_entry_new (self->provider, self->project);
}

void
prism_keyring_entry_free (PrismKeyringEntry *self)
{
  if (self == NULL)
    return;

  g_free (self->provider);
  g_free (self->project);
  g_free (self);
}

static void
wipe_string (char *str)
{
  volatile char *p = (volatile char *)str;

  if (str == NULL)
    return;

  while (*p != '\0')
    *p++ = '\0';
}

/**
 * prism_keyring_free_key:
 * @key: (nullable): a key returned by a lookup
 *
 * Overwrites @key and frees it.
 */
void
prism_keyring_free_key (char *key)
{
  if (key == NULL)
    return;

  wipe_string (key);
  g_free (key);
}

static void
source_destroy_and_unref (GSource *source)
{
  g_source_destroy (source);
  g_source_unref (source);
}

static void
op_free (gpointer data)
{
  Op *op = data;

  g_clear_pointer (&op->timeout_source, source_destroy_and_unref);
  g_clear_pointer (&op->cancel_source, source_destroy_and_unref);
  g_clear_object (&op->inner);
  g_free (op->provider);
  g_free (op->project);
  g_clear_pointer (&op->key, prism_keyring_free_key);
  g_free (op->key_env);
  g_free (op);
}

/**
 * prism_keyring_is_valid_provider:
 * @provider: (nullable): a provider id
 *
 * Whether @provider is a well-formed provider id: a lower-case letter or
 * digit, then lower-case letters, digits, dots, dashes or underscores.
 */
gboolean
prism_keyring_is_valid_provider (const char *provider)
{
  if (provider == NULL || !(g_ascii_islower (provider[0]) || g_ascii_isdigit (provider[0])))
    return FALSE;

  for (const char *p = provider; *p != '\0'; p++)
    {
      if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '.' || *p == '_' || *p == '-'))
        return FALSE;
    }

  return TRUE;
}

static gboolean
has_control_characters (const char *str)
{
  for (const char *p = str; *p != '\0'; p++)
    {
      if ((guchar)*p < 0x20 || (guchar)*p == 0x7f)
        return TRUE;
    }

  return FALSE;
}

/**
 * prism_keyring_default_key_env:
 * @provider: a provider id
 *
 * Returns: the conventional variable for @provider's key: its id in upper
 *   case with `_API_KEY` after it (`OPENAI_API_KEY`, `GEMINI_API_KEY`)
 */
char *
prism_keyring_default_key_env (const char *provider)
{
  g_autoptr(GString) name = NULL;

  g_return_val_if_fail (provider != NULL, NULL);

  name = g_string_new (NULL);
  for (const char *p = provider; *p != '\0'; p++)
    g_string_append_c (name, g_ascii_isalnum (*p) ? g_ascii_toupper (*p) : '_');
  g_string_append (name, "_API_KEY");

  return g_string_free (g_steal_pointer (&name), FALSE);
}

/**
 * prism_keyring_dup_key_env:
 * @self: a #PrismKeyring
 * @provider: a provider id
 *
 * Returns: the environment variable named in errors as the place for
 *   @provider's key when the keyring cannot hold it
 */
char *
prism_keyring_dup_key_env (PrismKeyring *self,
                           const char   *provider)
{
  g_return_val_if_fail (PRISM_IS_KEYRING (self), NULL);
  g_return_val_if_fail (provider != NULL, NULL);

  if (self->key_env_func != NULL)
    {
      char *name = self->key_env_func (provider, self->key_env_data);

      if (name != NULL)
        return name;
    }

  return prism_keyring_default_key_env (provider);
}

/**
 * prism_keyring_set_key_env_func:
 * @self: a #PrismKeyring
 * @func: (nullable): what names a provider's key variable
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data
 *
 * Lets the provider registry name the variable of providers that set
 * `key-env`, so that errors point at the variable that really works.
 */
void
prism_keyring_set_key_env_func (PrismKeyring           *self,
                                PrismKeyringKeyEnvFunc  func,
                                gpointer                user_data,
                                GDestroyNotify          destroy)
{
  g_return_if_fail (PRISM_IS_KEYRING (self));

  if (self->key_env_destroy != NULL)
    self->key_env_destroy (self->key_env_data);

  self->key_env_func = func;
  self->key_env_data = user_data;
  self->key_env_destroy = destroy;
}

guint
prism_keyring_get_timeout (PrismKeyring *self)
{
  g_return_val_if_fail (PRISM_IS_KEYRING (self), 0);

  return self->timeout;
}

/**
 * prism_keyring_set_timeout:
 * @self: a #PrismKeyring
 * @timeout_ms: how long a call may take, in milliseconds; 0 for no limit
 */
void
prism_keyring_set_timeout (PrismKeyring *self,
                           guint         timeout_ms)
{
  g_return_if_fail (PRISM_IS_KEYRING (self));

  if (self->timeout == timeout_ms)
    return;

  self->timeout = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

static char *
format_duration (guint ms)
{
  if (ms < 1000)
    return g_strdup_printf (_("%u ms"), ms);

  return g_strdup_printf (_("%g s"), ms / 1000.0);
}

/* libsecret's errors when nothing answers for org.freedesktop.secrets:
 * no bus at all ("Cannot autolaunch D-Bus"), a bus address that leads
 * nowhere, or a bus where nobody owns or can start the service. */
static gboolean
is_no_service_error (const GError *error)
{
  if (error->domain == G_DBUS_ERROR)
    {
      switch (error->code)
        {
        case G_DBUS_ERROR_SERVICE_UNKNOWN:
        case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
        case G_DBUS_ERROR_NO_SERVER:
        case G_DBUS_ERROR_DISCONNECTED:
        case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
        case G_DBUS_ERROR_SPAWN_FORK_FAILED:
        case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
        case G_DBUS_ERROR_SPAWN_CHILD_SIGNALED:
        case G_DBUS_ERROR_SPAWN_FAILED:
        case G_DBUS_ERROR_SPAWN_SERVICE_INVALID:
        case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
        case G_DBUS_ERROR_SPAWN_NO_MEMORY:
        case G_DBUS_ERROR_SPAWN_FILE_INVALID:
          return TRUE;
        default:
          return FALSE;
        }
    }

  /* Connecting to the bus fails in GIO's own domain. */
  return error->domain == G_IO_ERROR &&
         error->code != G_IO_ERROR_CANCELLED &&
         error->code != G_IO_ERROR_DBUS_ERROR;
}

static GError *
op_no_service_error (Op *op)
{
  if (op->kind == OP_LIST)
    return g_error_new_literal (PRISM_ERROR, PRISM_ERROR_KEYRING,
                                _("No keyring service is running, so Prism cannot list the "
                                  "stored keys. A provider’s key can be set in its environment "
                                  "variable instead, such as OPENAI_API_KEY."));

  if (op->kind == OP_STORE)
    return g_error_new (PRISM_ERROR, PRISM_ERROR_KEYRING,
                        _("No keyring service is running, so Prism cannot store the key for "
                          "“%s”. Set the %s environment variable to the key instead."),
                        op->provider, op->key_env);

  return g_error_new (PRISM_ERROR, PRISM_ERROR_KEYRING,
                      _("No keyring service is running, so Prism cannot reach the key for “%s”. "
                        "Set the %s environment variable to the key instead."),
                      op->provider, op->key_env);
}

static GError *
op_map_error (Op           *op,
              const GError *error)
{
  /* libsecret's messages never hold a secret, but they are for the log:
   * a person gets a sentence that says what to do. */
  g_debug ("libsecret: %s (%s, %d)", error->message,
           g_quark_to_string (error->domain), error->code);

  if (is_no_service_error (error))
    return op_no_service_error (op);

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* Our own cancellations never reach here, so this is a dismissed
     * unlock prompt. */
    return g_error_new_literal (PRISM_ERROR, PRISM_ERROR_KEYRING,
                                _("The keyring is locked. Unlock it (for example in Passwords "
                                  "and Keys) and try again."));

  return g_error_new (PRISM_ERROR, PRISM_ERROR_KEYRING,
                      _("The keyring failed: %s"), error->message);
}

static void
op_complete (Op *op)
{
  op->done = TRUE;
  g_clear_pointer (&op->timeout_source, source_destroy_and_unref);
  g_clear_pointer (&op->cancel_source, source_destroy_and_unref);
  /* Stops whatever libsecret still does for us; its late answer is
   * ignored. */
  g_cancellable_cancel (op->inner);
}

static void
op_return_error (GTask  *task,
                 GError *error)
{
  Op *op = g_task_get_task_data (task);

  if (op->done)
    {
      g_error_free (error);
      return;
    }

  op_complete (op);
  g_task_return_error (task, error);
}

static gboolean
on_timeout (gpointer user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autofree char *duration = format_duration (op->timeout);

  op_return_error (task,
                   g_error_new (PRISM_ERROR, PRISM_ERROR_KEYRING,
                                _("The keyring timed out: it did not answer within %s. "
                                  "It may be locked and waiting for its password; unlock it "
                                  "(for example in Passwords and Keys) and try again."),
                                duration));

  return G_SOURCE_REMOVE;
}

static gboolean
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;

  op_return_error (task,
                   g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                        _("The keyring call was cancelled.")));

  return G_SOURCE_REMOVE;
}

static GTask *
op_new (PrismKeyring        *self,
        OpKind               kind,
        const char          *provider,
        const char          *project,
        GCancellable        *cancellable,
        GAsyncReadyCallback  callback,
        gpointer             user_data,
        gpointer             source_tag)
{
  g_autoptr(GTask) task = NULL;
  Op *op;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  op = g_new0 (Op, 1);
  op->kind = kind;
  op->provider = g_strdup (provider);
  op->project = g_strdup (project != NULL ? project : "");
  op->key_env = provider != NULL ? prism_keyring_dup_key_env (self, provider) : NULL;
  op->timeout = self->timeout;
  op->inner = g_cancellable_new ();
  g_task_set_task_data (task, op, op_free);

  /* The sources hold no reference: op_complete() removes them before the
   * task can go away. */
  if (op->timeout > 0)
    {
      op->timeout_source = g_timeout_source_new (op->timeout);
      g_source_set_name (op->timeout_source, "[prism-keyring] timeout");
      g_source_set_callback (op->timeout_source, on_timeout, task, NULL);
      g_source_attach (op->timeout_source, g_task_get_context (task));
    }

  if (cancellable != NULL)
    {
      op->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_name (op->cancel_source, "[prism-keyring] cancelled");
      g_source_set_callback (op->cancel_source, G_SOURCE_FUNC (on_cancelled), task, NULL);
      g_source_attach (op->cancel_source, g_task_get_context (task));
    }

  return g_steal_pointer (&task);
}

static gboolean
op_check_arguments (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  if (op->provider != NULL && !prism_keyring_is_valid_provider (op->provider))
    {
      op_return_error (task,
                       g_error_new (PRISM_ERROR, PRISM_ERROR_CONFIG,
                                    _("“%s” is not a provider id. An id is lower-case letters, "
                                      "digits, dots, dashes and underscores, such as “openai”."),
                                    op->provider));
      return FALSE;
    }

  if (!g_utf8_validate (op->project, -1, NULL) || has_control_characters (op->project))
    {
      op_return_error (task,
                       g_error_new_literal (PRISM_ERROR, PRISM_ERROR_CONFIG,
                                            _("A project name must be text without line breaks "
                                              "or control characters.")));
      return FALSE;
    }

  return TRUE;
}

static void on_lookup_ready (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data);
static void on_delete_ready (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data);
static void on_list_ready   (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data);

/* Makes the libsecret call of a lookup, delete or list. */
static void
op_call (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  const SecretSchema *schema = prism_keyring_get_schema ();

  op->pending++;
  op->attempts++;

  switch (op->kind)
    {
    case OP_LOOKUP:
      secret_password_lookup (schema, op->inner, on_lookup_ready, g_object_ref (task),
                              "provider", op->provider,
                              "project", op->fallback ? "" : op->project,
                              NULL);
      break;

    case OP_DELETE:
      secret_password_clear (schema, op->inner, on_delete_ready, g_object_ref (task),
                             "provider", op->provider,
                             "project", op->project,
                             NULL);
      break;

    case OP_LIST:
      secret_password_search (schema, SECRET_SEARCH_ALL, op->inner, on_list_ready,
                              g_object_ref (task),
                              NULL);
      break;

    case OP_STORE:
    default:
      g_assert_not_reached ();
    }
}

/* An item found by a search can be deleted, by another program, before
 * libsecret reads it; searching again then gives the right answer. */
static gboolean
op_retry (GTask        *task,
          const GError *error)
{
  Op *op = g_task_get_task_data (task);

  gboolean vanished;

  /* libsecret says so itself, or passes on gnome-keyring's answer for an
   * object path that no longer exists. */
  vanished = g_error_matches (error, SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT) ||
             g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
             g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT);
  if (!vanished || op->attempts >= 3)
    return FALSE;

  op_call (task);

  return TRUE;
}

static void
on_store_ready (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  op->pending--;
  if (!secret_password_store_finish (result, &error))
    {
      if (!op->done)
        op_return_error (task, op_map_error (op, error));
      return;
    }

  if (op->done)
    return;

  op_complete (op);
  g_task_return_boolean (task, TRUE);
}

/**
 * prism_keyring_store_async:
 * @self: a #PrismKeyring
 * @provider: a provider id
 * @project: (nullable): a project name, or %NULL or "" for the key every
 *   project of @provider uses unless it has its own
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the key is stored or storing failed
 * @user_data: data for @callback
 *
 * Stores @key in the keyring, replacing the key stored before for the
 * same @provider and @project. An empty key, or one with a line break,
 * fails with %PRISM_ERROR_CONFIG.
 */
void
prism_keyring_store_async (PrismKeyring        *self,
                           const char          *provider,
                           const char          *project,
                           const char          *key,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;
  Op *op;

  g_return_if_fail (PRISM_IS_KEYRING (self));
  g_return_if_fail (provider != NULL);
  g_return_if_fail (key != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = op_new (self, OP_STORE, provider, project, cancellable, callback, user_data,
                 prism_keyring_store_async);
  op = g_task_get_task_data (task);
  op->key = g_strdup (key);

  if (!op_check_arguments (task))
    return;

  if (op->key[0] == '\0')
    {
      op_return_error (task,
                       g_error_new_literal (PRISM_ERROR, PRISM_ERROR_CONFIG,
                                            _("The key is empty, so there is nothing to store.")));
      return;
    }

  if (has_control_characters (op->key) || !g_utf8_validate (op->key, -1, NULL))
    {
      op_return_error (task,
                       g_error_new_literal (PRISM_ERROR, PRISM_ERROR_CONFIG,
                                            _("The key holds a line break or another control "
                                              "character. Give only the key itself.")));
      return;
    }

  /* The label is what keyring managers such as Passwords and Keys show. */
  if (op->project[0] == '\0')
    label = g_strdup_printf (_("Prism API key for %s"), op->provider);
  else
    label = g_strdup_printf (_("Prism API key for %s (project %s)"), op->provider, op->project);

  op->pending++;
  secret_password_store (prism_keyring_get_schema (), SECRET_COLLECTION_DEFAULT, label, op->key,
                         op->inner, on_store_ready, g_object_ref (task),
                         "provider", op->provider,
                         "project", op->project,
                         NULL);
}

gboolean
prism_keyring_store_finish (PrismKeyring  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (PRISM_IS_KEYRING (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == prism_keyring_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_lookup_ready (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *key;

  op->pending--;
  key = secret_password_lookup_finish (result, &error);

  if (op->done)
    {
      g_clear_pointer (&key, secret_password_free);
      return;
    }

  if (error != NULL)
    {
      if (!op_retry (task, error))
        op_return_error (task, op_map_error (op, error));
      return;
    }

  /* A project without a key of its own uses the provider's. */
  if (key == NULL && op->project[0] != '\0' && !op->fallback)
    {
      op->fallback = TRUE;
      op->attempts = 0;
      op_call (task);
      return;
    }

  op_complete (op);
  g_task_return_pointer (task, key, (GDestroyNotify)secret_password_free);
}

/**
 * prism_keyring_lookup_async:
 * @self: a #PrismKeyring
 * @provider: a provider id
 * @project: (nullable): a project name, or %NULL or ""
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the key, or without one
 * @user_data: data for @callback
 *
 * Looks up @provider's key for @project, and when @project has no key of
 * its own, @provider's key for every project.
 */
void
prism_keyring_lookup_async (PrismKeyring        *self,
                            const char          *provider,
                            const char          *project,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PRISM_IS_KEYRING (self));
  g_return_if_fail (provider != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = op_new (self, OP_LOOKUP, provider, project, cancellable, callback, user_data,
                 prism_keyring_lookup_async);

  if (!op_check_arguments (task))
    return;

  op_call (task);
}

/**
 * prism_keyring_lookup_finish:
 * @self: a #PrismKeyring
 * @result: the #GAsyncResult given to the callback
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the key, to be freed with
 *   prism_keyring_free_key(); %NULL with @error unset when no key is stored
 */
char *
prism_keyring_lookup_finish (PrismKeyring  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  char *key;

  g_return_val_if_fail (PRISM_IS_KEYRING (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == prism_keyring_lookup_async, NULL);

  /* libsecret keeps secrets in memory that is never swapped out; hand
   * over a plain copy that prism_keyring_free_key() wipes. */
  key = g_task_propagate_pointer (G_TASK (result), error);
  if (key != NULL)
    {
      char *copy = g_strdup (key);

      secret_password_free (key);
      return copy;
    }

  return NULL;
}

static void
on_delete_ready (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean removed;

  op->pending--;
  removed = secret_password_clear_finish (result, &error);

  if (op->done)
    return;

  if (error != NULL)
    {
      if (!op_retry (task, error))
        op_return_error (task, op_map_error (op, error));
      return;
    }

  op_complete (op);
  g_task_return_boolean (task, removed);
}

/**
 * prism_keyring_delete_async:
 * @self: a #PrismKeyring
 * @provider: a provider id
 * @project: (nullable): a project name, or %NULL or "" for the
 *   provider's own key
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Deletes the key stored for exactly @provider and @project; a project's
 * key and the provider's own are deleted separately.
 */
void
prism_keyring_delete_async (PrismKeyring        *self,
                            const char          *provider,
                            const char          *project,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PRISM_IS_KEYRING (self));
  g_return_if_fail (provider != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = op_new (self, OP_DELETE, provider, project, cancellable, callback, user_data,
                 prism_keyring_delete_async);

  if (!op_check_arguments (task))
    return;

  op_call (task);
}

/**
 * prism_keyring_delete_finish:
 * @self: a #PrismKeyring
 * @result: the #GAsyncResult given to the callback
 * @error: a location for a #GError
 *
 * Returns: %TRUE when a key was deleted; %FALSE with @error unset when
 *   none was stored
 */
gboolean
prism_keyring_delete_finish (PrismKeyring  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (PRISM_IS_KEYRING (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == prism_keyring_delete_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const PrismKeyringEntry *ea = *(PrismKeyringEntry * const *)a;
  const PrismKeyringEntry *eb = *(PrismKeyringEntry * const *)b;
  int ret;

  if ((ret = g_strcmp0 (ea->provider, eb->provider)) != 0)
    return ret;

  return g_strcmp0 (ea->project, eb->project);
}

static void
on_list_ready (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GList *items;

  op->pending--;
  items = secret_password_search_finish (result, &error);

  if (op->done)
    {
      g_list_free_full (items, g_object_unref);
      return;
    }

  if (error != NULL)
    {
      if (!op_retry (task, error))
        op_return_error (task, op_map_error (op, error));
      return;
    }

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_keyring_entry_free);
  for (const GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (l->data);
      const char *provider = g_hash_table_lookup (attributes, "provider");
      const char *project = g_hash_table_lookup (attributes, "project");

      /* Items written by hand under our schema may lack attributes. */
      if (provider == NULL)
        continue;

      g_ptr_array_add (entries, prism_keyring_entry_new (provider, project));
    }
  g_list_free_full (items, g_object_unref);

  g_ptr_array_sort (entries, compare_entries);

  op_complete (op);
  g_task_return_pointer (task, g_steal_pointer (&entries), (GDestroyNotify)g_ptr_array_unref);
}

/**
 * prism_keyring_list_async:
 * @self: a #PrismKeyring
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the list
 * @user_data: data for @callback
 *
 * Lists which providers and projects have a key in the keyring, without
 * reading (or unlocking) any key.
 */
void
prism_keyring_list_async (PrismKeyring        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PRISM_IS_KEYRING (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = op_new (self, OP_LIST, NULL, NULL, cancellable, callback, user_data,
                 prism_keyring_list_async);

  op_call (task);
}

/**
 * prism_keyring_list_finish:
 * @self: a #PrismKeyring
 * @result: the #GAsyncResult given to the callback
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type PrismKeyringEntry): the
 *   stored keys, sorted by provider and project
 */
GPtrArray *
prism_keyring_list_finish (PrismKeyring  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (PRISM_IS_KEYRING (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == prism_keyring_list_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Used by the synchronous calls (prism-keyring-sync.c) to let libsecret
 * answer a call that was cancelled, before they drop their context. */
guint
_prism_keyring_result_get_pending (GAsyncResult *result)
{
  Op *op = g_task_get_task_data (G_TASK (result));

  return op->pending;
}

static void
prism_keyring_finalize (GObject *object)
{
  PrismKeyring *self = (PrismKeyring *)object;

  if (self->key_env_destroy != NULL)
    self->key_env_destroy (self->key_env_data);

  G_OBJECT_CLASS (prism_keyring_parent_class)->finalize (object);
}

static void
prism_keyring_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PrismKeyring *self = PRISM_KEYRING (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_keyring_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PrismKeyring *self = PRISM_KEYRING (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      prism_keyring_set_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_keyring_class_init (PrismKeyringClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = prism_keyring_finalize;
  object_class->get_property = prism_keyring_get_property;
  object_class->set_property = prism_keyring_set_property;

  /**
   * PrismKeyring:timeout:
   *
   * How long a keyring call may take, in milliseconds, before it fails
   * with %PRISM_ERROR_KEYRING; 0 for no limit.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       0, G_MAXUINT, PRISM_KEYRING_DEFAULT_TIMEOUT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
prism_keyring_init (PrismKeyring *self)
{
  self->timeout = PRISM_KEYRING_DEFAULT_TIMEOUT;
}

/**
 * prism_keyring_new:
 *
 * Returns: (transfer full): a #PrismKeyring with the default timeout
 */
PrismKeyring *
prism_keyring_new (void)
{
  return g_object_new (PRISM_TYPE_KEYRING, NULL);
}
