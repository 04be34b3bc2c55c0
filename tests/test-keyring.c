/* test-keyring.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "prism-error.h"
#include "prism-keyring-private.h"
#include "prism-test-keys.h"

/* These talk to the real gnome-keyring of `build-aux/dev test`
 * (build-aux/test-session). The failure paths need another bus than the
 * one libsecret has already connected to in this process, so they run in
 * subprocesses: libsecret keeps one SecretService per process. */

static gboolean
entries_contain (GPtrArray  *entries,
                 const char *provider,
                 const char *project)
{
  for (guint i = 0; i < entries->len; i++)
    {
      PrismKeyringEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->provider, provider) && g_str_equal (entry->project, project))
        return TRUE;
    }

  return FALSE;
}

static guint
entries_count_provider (GPtrArray  *entries,
                        const char *provider)
{
  guint n = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      PrismKeyringEntry *entry = g_ptr_array_index (entries, i);

      n += g_str_equal (entry->provider, provider);
    }

  return n;
}

static void
assert_lookup (PrismKeyring *keyring,
               const char   *provider,
               const char   *project,
               const char   *expected)
{
  g_autoptr(GError) error = NULL;
  char *key;

  key = prism_keyring_lookup_sync (keyring, provider, project, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, expected);
  prism_keyring_free_key (key);
}

/* Outside build-aux/dev's session there is no keyring to talk to. */
static gboolean
skip_without_keyring (void)
{
  static int has_keyring = -1;

  if (has_keyring < 0)
    has_keyring = prism_test_has_keyring ();

  if (!has_keyring)
    g_test_skip ("no Secret Service on the session bus: run the README's test command");

  return !has_keyring;
}

static void
test_schema (void)
{
  const SecretSchema *schema = prism_keyring_get_schema ();

  g_assert_cmpstr (schema->name, ==, "io.github.prismllm.Prism.ApiKey");
  g_assert_cmpstr (schema->attributes[0].name, ==, "provider");
  g_assert_cmpint (schema->attributes[0].type, ==, SECRET_SCHEMA_ATTRIBUTE_STRING);
  g_assert_cmpstr (schema->attributes[1].name, ==, "project");
  g_assert_cmpint (schema->attributes[1].type, ==, SECRET_SCHEMA_ATTRIBUTE_STRING);
  g_assert_null (schema->attributes[2].name);
}

static char *
work_proxy_key_env (const char *provider,
                    gpointer    user_data)
{
  if (g_str_equal (provider, "work-proxy"))
    return g_strdup (user_data);

  return NULL;
}

static void
test_key_env (void)
{
  g_autoptr(PrismKeyring) keyring = prism_keyring_new ();
  g_autofree char *openai = prism_keyring_default_key_env ("openai");
  g_autofree char *gemini = prism_keyring_dup_key_env (keyring, "gemini");
  g_autofree char *proxy = NULL;
  g_autofree char *other = NULL;
  g_autofree char *dotted = prism_keyring_default_key_env ("my.local-llm");

  g_assert_cmpstr (openai, ==, "OPENAI_API_KEY");
  g_assert_cmpstr (gemini, ==, "GEMINI_API_KEY");
  g_assert_cmpstr (dotted, ==, "MY_LOCAL_LLM_API_KEY");

  prism_keyring_set_key_env_func (keyring, work_proxy_key_env, g_strdup ("WORK_PROXY_KEY"), g_free);
  proxy = prism_keyring_dup_key_env (keyring, "work-proxy");
  other = prism_keyring_dup_key_env (keyring, "groq");
  g_assert_cmpstr (proxy, ==, "WORK_PROXY_KEY");
  g_assert_cmpstr (other, ==, "GROQ_API_KEY");
}

static void
test_valid_provider (void)
{
  g_assert_true (prism_keyring_is_valid_provider ("openai"));
  g_assert_true (prism_keyring_is_valid_provider ("work-proxy"));
  g_assert_true (prism_keyring_is_valid_provider ("llama.cpp_2"));
  g_assert_true (prism_keyring_is_valid_provider ("0x"));
  g_assert_false (prism_keyring_is_valid_provider (NULL));
  g_assert_false (prism_keyring_is_valid_provider (""));
  g_assert_false (prism_keyring_is_valid_provider ("OpenAI"));
  g_assert_false (prism_keyring_is_valid_provider ("-openai"));
  g_assert_false (prism_keyring_is_valid_provider (".hidden"));
  g_assert_false (prism_keyring_is_valid_provider ("open ai"));
  g_assert_false (prism_keyring_is_valid_provider ("openai:gpt-4o"));
}

static void
test_timeout_property (void)
{
  g_autoptr(PrismKeyring) keyring = prism_keyring_new ();
  guint timeout = 0;

  g_assert_cmpuint (prism_keyring_get_timeout (keyring), ==, 10000);
  prism_keyring_set_timeout (keyring, 300);
  g_object_get (keyring, "timeout", &timeout, NULL);
  g_assert_cmpuint (timeout, ==, 300);
}

static void
test_store_lookup_delete (void)
{
  g_autoptr(PrismKeyring) keyring = prism_keyring_new ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  const char *provider = "test-keyring-basic";

  if (skip_without_keyring ())
    return;

  assert_lookup (keyring, provider, NULL, NULL);

  g_assert_true (prism_keyring_store_sync (keyring, provider, NULL, "sk-basic-0001", NULL, &error));
  g_assert_no_error (error);
  assert_lookup (keyring, provider, NULL, "sk-basic-0001");
  assert_lookup (keyring, provider, "", "sk-basic-0001");

  entries = prism_keyring_list_sync (keyring, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (entries_contain (entries, provider, ""));
  g_clear_pointer (&entries, g_ptr_array_unref);

  g_assert_true (prism_keyring_delete_sync (keyring, provider, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_lookup (keyring, provider, NULL, NULL);

  /* Nothing left to delete is not an error. */
  g_assert_false (prism_keyring_delete_sync (keyring, provider, NULL, NULL, &error));
  g_assert_no_error (error);

  entries = prism_keyring_list_sync (keyring, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (entries_contain (entries, provider, ""));
}

static void
test_overwrite (void)
{
  g_autoptr(PrismKeyring) keyring = prism_keyring_new ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  const char *provider = "test-keyring-overwrite";

  if (skip_without_keyring ())
    return;

  g_assert_true (prism_keyring_store_sync (keyring, provider, NULL, "sk-first-0001", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (prism_keyring_store_sync (keyring, provider, NULL, "sk-second-0002", NULL, &error));
  g_assert_no_error (error);
  assert_lookup (keyring, provider, NULL, "sk-second-0002");

  /* Replaced, not added beside the first. */
  entries = prism_keyring_list_sync (keyring, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries_count_provider (entries, provider), ==, 1);

  g_assert_true (prism_keyring_delete_sync (keyring, provider, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_project_fallback (void)
{
  g_autoptr(PrismKeyring) keyring = prism_keyring_new ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  const char *provider = "test-keyring-project";

  if (skip_without_keyring ())
    return;

  /* A project key alone does not serve other projects. */
  g_assert_true (prism_keyring_store_sync (keyring, provider, "work", "sk-work-0001", NULL, &error));
  g_assert_no_error (error);
  assert_lookup (keyring, provider, "work", "sk-work-0001");
  assert_lookup (keyring, provider, "home", NULL);
  assert_lookup (keyring, provider, NULL, NULL);

  g_assert_true (prism_keyring_store_sync (keyring, provider, NULL, "sk-personal-0002", NULL, &error));
  g_assert_no_error (error);
  assert_lookup (keyring, provider, "work", "sk-work-0001");
  assert_lookup (keyring, provider, "home", "sk-personal-0002");
  assert_lookup (keyring, provider, NULL, "sk-personal-0002");

  entries = prism_keyring_list_sync (keyring, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (entries_contain (entries, provider, "work"));
  g_assert_true (entries_contain (entries, provider, ""));
  g_assert_cmpuint (entries_count_provider (entries, provider), ==, 2);

  /* Deleting the project's key leaves the provider's for it. */
  g_assert_true (prism_keyring_delete_sync (keyring, provider, "work", NULL, &error));
  g_assert_no_error (error);
  assert_lookup (keyring, provider, "work", "sk-personal-0002");

  g_assert_true (prism_keyring_delete_sync (keyring, provider, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_lookup (keyring, provider, "work", NULL);
}

static void
on_ready (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (*result == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for the keyring");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return *result;
}

static void
test_async (void)
{
  g_autoptr(PrismKeyring) keyring = prism_keyring_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  const char *provider = "test-keyring-async";
  char *key;

  if (skip_without_keyring ())
    return;

  prism_keyring_store_async (keyring, provider, "p1", "sk-async-0001", NULL, on_ready, &result);
  g_assert_true (prism_keyring_store_finish (keyring, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  prism_keyring_lookup_async (keyring, provider, "p1", NULL, on_ready, &result);
  key = prism_keyring_lookup_finish (keyring, wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "sk-async-0001");
  prism_keyring_free_key (key);
  g_clear_object (&result);

  prism_keyring_list_async (keyring, NULL, on_ready, &result);
  entries = prism_keyring_list_finish (keyring, wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (entries_contain (entries, provider, "p1"));
  g_clear_object (&result);

  prism_keyring_delete_async (keyring, provider, "p1", NULL, on_ready, &result);
  g_assert_true (prism_keyring_delete_finish (keyring, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
}

static void
test_bad_input (void)
{
  g_autoptr(PrismKeyring) keyring = prism_keyring_new ();
  g_autoptr(GError) error = NULL;
  char *key;

  g_assert_false (prism_keyring_store_sync (keyring, "test-keyring-bad", NULL, "", NULL, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "empty"));
  g_clear_error (&error);

  g_assert_false (prism_keyring_store_sync (keyring, "test-keyring-bad", NULL, "sk-two\nlines-77", NULL, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_assert_null (strstr (error->message, "lines-77"));
  g_clear_error (&error);

  g_assert_false (prism_keyring_store_sync (keyring, "OpenAI", NULL, "sk-bad-provider-88", NULL, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "“OpenAI”"));
  g_assert_null (strstr (error->message, "sk-bad-provider-88"));
  g_clear_error (&error);

  key = prism_keyring_lookup_sync (keyring, "no spaces", NULL, NULL, &error);
  g_assert_null (key);
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_clear_error (&error);

  g_assert_false (prism_keyring_store_sync (keyring, "test-keyring-bad", "a\tb", "sk-ok-99", NULL, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_clear_error (&error);

  /* None of it reached the keyring. */
  if (prism_test_has_keyring ())
    assert_lookup (keyring, "test-keyring-bad", NULL, NULL);
}

/* The failure paths, each in a subprocess with a bus of its own. */

static char *scratch_home;

/* Kept up until the process exits: taking it down would wait for
 * libsecret to let go of the bus, which it never does. */
static GTestDBus *private_bus;

/* Points HOME and the XDG folders at an empty folder, so that the test
 * can show nothing at all was written. */
static void
use_scratch_home (void)
{
  const char *vars[] = { "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };

  scratch_home = g_dir_make_tmp ("prism-keyring-XXXXXX", NULL);
  g_assert_nonnull (scratch_home);
  g_setenv ("HOME", scratch_home, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", scratch_home, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      g_autofree char *dir = g_build_filename (scratch_home, vars[i], NULL);

      g_setenv (vars[i], dir, TRUE);
    }

  /* A file keyring instead of the Secret Service would be a key on disk. */
  g_unsetenv ("SECRET_BACKEND");
}

static void
assert_no_service (void)
{
  g_autoptr(PrismKeyring) keyring = prism_keyring_new ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  const char *dirs[] = { scratch_home, NULL };
  g_autofree char *found = NULL;
  guint n_files = G_MAXUINT;
  char *key;

  prism_keyring_set_timeout (keyring, 5000);
  prism_keyring_set_key_env_func (keyring, work_proxy_key_env, g_strdup ("WORK_PROXY_KEY"), g_free);

  g_assert_false (prism_keyring_store_sync (keyring, "openai", NULL, "sk-no-service-4242", NULL, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_KEYRING);
  g_test_message ("store: %s", error->message);
  g_assert_nonnull (strstr (error->message, "No keyring service is running"));
  g_assert_nonnull (strstr (error->message, "OPENAI_API_KEY"));
  g_assert_null (strstr (error->message, "sk-no-service-4242"));
  g_clear_error (&error);

  key = prism_keyring_lookup_sync (keyring, "work-proxy", "work", NULL, &error);
  g_assert_null (key);
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_KEYRING);
  g_assert_nonnull (strstr (error->message, "No keyring service is running"));
  g_assert_nonnull (strstr (error->message, "WORK_PROXY_KEY"));
  g_clear_error (&error);

  g_assert_false (prism_keyring_delete_sync (keyring, "openai", NULL, NULL, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_KEYRING);
  g_assert_nonnull (strstr (error->message, "No keyring service is running"));
  g_clear_error (&error);

  entries = prism_keyring_list_sync (keyring, NULL, &error);
  g_assert_null (entries);
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_KEYRING);
  g_assert_nonnull (strstr (error->message, "No keyring service is running"));
  g_clear_error (&error);

  /* Nothing fell back to a file: the scratch home is still empty. */
  found = prism_test_find_in_files ("sk-no-service-4242", dirs, &n_files);
  g_assert_null (found);
  g_assert_cmpuint (n_files, ==, 0);

  prism_test_remove_tree (scratch_home);
}

static void
test_no_bus (void)
{
  if (g_test_subprocess ())
    {
      use_scratch_home ();
      /* No address, no display to autolaunch a bus with, and no bus
       * socket in the runtime folder. */
      g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
      g_unsetenv ("DBUS_STARTER_ADDRESS");
      g_unsetenv ("DISPLAY");
      g_unsetenv ("WAYLAND_DISPLAY");
      assert_no_service ();
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_dead_bus_address (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *address = NULL;

      use_scratch_home ();
      address = g_strdup_printf ("unix:path=%s/no-bus-here", scratch_home);
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
      assert_no_service ();
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_bus_without_service (void)
{
  if (g_test_subprocess ())
    {
      /* A private dbus-daemon with no service files: nobody owns or can
       * start org.freedesktop.secrets. The daemon goes when we exit. */
      use_scratch_home ();
      private_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_test_dbus_up (private_bus);
      g_test_message ("private bus: %s", g_test_dbus_get_bus_address (private_bus));
      assert_no_service ();
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* A Secret Service that owns its name and never answers, as a locked
 * keyring whose prompt nobody answers looks to libsecret. */
static int silent_calls;

static GDBusMessage *
swallow_method_calls (GDBusConnection *connection,
                      GDBusMessage    *message,
                      gboolean         incoming,
                      gpointer         user_data)
{
  if (incoming && g_dbus_message_get_message_type (message) == G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    {
      g_atomic_int_inc (&silent_calls);
      g_object_unref (message);
      return NULL;
    }

  return message;
}

static GDBusConnection *
start_silent_service (void)
{
  g_autoptr(GDBusConnection) service = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  use_scratch_home ();

  private_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (private_bus);

  service = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (private_bus),
                                                    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                    G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                    NULL, NULL, &error);
  g_assert_no_error (error);

  reply = g_dbus_connection_call_sync (service, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.secrets", 0),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);

  g_dbus_connection_add_filter (service, swallow_method_calls, NULL, NULL);

  return g_steal_pointer (&service);
}

static void
test_timeout (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GDBusConnection) service = start_silent_service ();
      g_autoptr(PrismKeyring) keyring = prism_keyring_new ();
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start, elapsed;
      char *key;

      prism_keyring_set_timeout (keyring, 300);

      start = g_get_monotonic_time ();
      key = prism_keyring_lookup_sync (keyring, "openai", NULL, NULL, &error);
      elapsed = g_get_monotonic_time () - start;
      g_assert_null (key);
      g_assert_error (error, PRISM_ERROR, PRISM_ERROR_KEYRING);
      g_test_message ("lookup after %" G_GINT64_FORMAT " ms: %s", elapsed / 1000, error->message);
      g_assert_nonnull (strstr (error->message, "timed out"));
      g_assert_nonnull (strstr (error->message, "300 ms"));
      g_assert_cmpint (elapsed, >=, 290 * 1000);
      g_assert_cmpint (elapsed, <, 2 * G_USEC_PER_SEC);
      /* libsecret did reach the silent service: the wait was on it. */
      g_assert_cmpint (g_atomic_int_get (&silent_calls), >, 0);
      g_clear_error (&error);

      /* The same through the asynchronous call, on this thread's loop. */
      start = g_get_monotonic_time ();
      prism_keyring_store_async (keyring, "openai", "work", "sk-timeout-5151", NULL, on_ready, &result);
      g_assert_false (prism_keyring_store_finish (keyring, wait_for_result (&result), &error));
      elapsed = g_get_monotonic_time () - start;
      g_assert_error (error, PRISM_ERROR, PRISM_ERROR_KEYRING);
      g_assert_nonnull (strstr (error->message, "timed out"));
      g_assert_null (strstr (error->message, "sk-timeout-5151"));
      g_assert_cmpint (elapsed, >=, 290 * 1000);
      g_assert_cmpint (elapsed, <, 2 * G_USEC_PER_SEC);
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static gboolean
cancel_later (gpointer user_data)
{
  g_cancellable_cancel (user_data);

  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GDBusConnection) service = start_silent_service ();
      g_autoptr(PrismKeyring) keyring = prism_keyring_new ();
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start, elapsed;
      char *key;

      /* No time limit: only the cancellable can end the wait. */
      prism_keyring_set_timeout (keyring, 0);

      start = g_get_monotonic_time ();
      g_timeout_add (200, cancel_later, cancellable);
      prism_keyring_lookup_async (keyring, "openai", NULL, cancellable, on_ready, &result);
      key = prism_keyring_lookup_finish (keyring, wait_for_result (&result), &error);
      elapsed = g_get_monotonic_time () - start;
      g_assert_null (key);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_cmpint (elapsed, >=, 190 * 1000);
      g_assert_cmpint (elapsed, <, 2 * G_USEC_PER_SEC);
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/prism/keyring/schema", test_schema);
  g_test_add_func ("/prism/keyring/key-env", test_key_env);
  g_test_add_func ("/prism/keyring/valid-provider", test_valid_provider);
  g_test_add_func ("/prism/keyring/timeout-property", test_timeout_property);
  g_test_add_func ("/prism/keyring/store-lookup-delete", test_store_lookup_delete);
  g_test_add_func ("/prism/keyring/overwrite", test_overwrite);
  g_test_add_func ("/prism/keyring/project-fallback", test_project_fallback);
  g_test_add_func ("/prism/keyring/async", test_async);
  g_test_add_func ("/prism/keyring/bad-input", test_bad_input);
  g_test_add_func ("/prism/keyring/no-service/no-bus", test_no_bus);
  g_test_add_func ("/prism/keyring/no-service/dead-bus-address", test_dead_bus_address);
  g_test_add_func ("/prism/keyring/no-service/bus-without-service", test_bus_without_service);
  g_test_add_func ("/prism/keyring/timeout", test_timeout);
  g_test_add_func ("/prism/keyring/cancel", test_cancel);

  return g_test_run ();
}
