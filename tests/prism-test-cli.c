/* prism-test-cli.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>

#include <glib/gstdio.h>

#include "prism-test-cli.h"
#include "prism-test-keys.h"

void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) ini = g_string_new (NULL);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  const char *providers[] = { "openai", "anthropic", "openrouter", "gemini", "ollama" };

  fixture->fake = prism_fake_provider_new ();
  prism_fake_provider_start (fixture->fake, 0, &error);
  g_assert_no_error (error);

  fixture->home = g_dir_make_tmp ("prism-cli-ask-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->config = g_build_filename (fixture->home, "config", NULL);
  fixture->data = g_build_filename (fixture->home, "data", NULL);
  dir = g_build_filename (fixture->config, "prism", NULL);
  g_mkdir_with_parents (dir, 0700);

  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    {
      g_autofree char *base = prism_fake_provider_get_base_url (fixture->fake, providers[i]);

      g_string_append_printf (ini, "[provider %s]\nbase-url=%s\n\n", providers[i], base);
    }
  path = g_build_filename (dir, "providers.ini", NULL);
  g_file_set_contents (path, ini->str, -1, &error);
  g_assert_no_error (error);

  fixture->env = g_get_environ ();
  fixture->env = g_environ_setenv (fixture->env, "HOME", fixture->home, TRUE);
  fixture->env = g_environ_setenv (fixture->env, "XDG_CONFIG_HOME", fixture->config, TRUE);
  fixture->env = g_environ_setenv (fixture->env, "XDG_DATA_HOME", fixture->data, TRUE);
  fixture->env = g_environ_setenv (fixture->env, "XDG_CACHE_HOME", fixture->home, TRUE);
  fixture->env = g_environ_setenv (fixture->env, "OPENAI_API_KEY", PRISM_FAKE_PROVIDER_KEY, TRUE);
  fixture->env = g_environ_setenv (fixture->env, "ANTHROPIC_API_KEY", PRISM_FAKE_PROVIDER_KEY, TRUE);
  fixture->env = g_environ_setenv (fixture->env, "OPENROUTER_API_KEY", PRISM_FAKE_PROVIDER_KEY, TRUE);
  fixture->env = g_environ_setenv (fixture->env, "GEMINI_API_KEY", PRISM_FAKE_PROVIDER_KEY, TRUE);
  fixture->env = g_environ_unsetenv (fixture->env, "PRISM_MODEL");
  fixture->env = g_environ_setenv (fixture->env, "NO_COLOR", "1", TRUE);
  /* English whatever the developer's language, as the tests expect;
   * the translation tests switch these per case. */
  fixture->env = g_environ_setenv (fixture->env, "LC_ALL", "C.UTF-8", TRUE);
  fixture->env = g_environ_unsetenv (fixture->env, "LANGUAGE");
}

void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  prism_test_remove_tree (fixture->home);
  prism_fake_provider_stop (fixture->fake);
  g_clear_object (&fixture->fake);
  g_clear_pointer (&fixture->env, g_strfreev);
  g_free (fixture->home);
  g_free (fixture->config);
  g_free (fixture->data);
}

typedef struct
{
  GSubprocess *process;
  char        *out;
  char        *err;
  gboolean     done;
} Pending;

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &pending->out, &pending->err, &error);
  g_assert_no_error (error);
  pending->done = TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("prism-cli did not end within 30 s");
  return G_SOURCE_REMOVE;
}

static gboolean
interrupt_cb (gpointer user_data)
{
  Pending *pending = user_data;

  g_subprocess_send_signal (pending->process, SIGINT);

  return G_SOURCE_REMOVE;
}

/* Runs prism-cli with @argv while this process serves the fake provider;
 * @interrupt_ms > 0 sends SIGINT after that long.
 */
void
run_cli_full (Fixture            *fixture,
              const char * const *args,
              const char         *input,
              guint               interrupt_ms,
              Run                *run)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *cli = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "prism-cli", NULL);
  Pending pending = { 0 };
  guint timeout;

  g_ptr_array_add (argv, cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_environ (launcher, fixture->env);
  pending.process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);

  timeout = g_timeout_add_seconds (30, timeout_cb, NULL);
  if (interrupt_ms > 0)
    g_timeout_add (interrupt_ms, interrupt_cb, &pending);
  g_subprocess_communicate_utf8_async (pending.process, input ? input : "", NULL, communicate_cb, &pending);
  while (!pending.done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  g_assert_true (g_subprocess_get_if_exited (pending.process));
  run->status = g_subprocess_get_exit_status (pending.process);
  run->out = pending.out;
  run->err = pending.err;
  g_object_unref (pending.process);
}

void
run_cli (Fixture            *fixture,
         const char * const *args,
         Run                *run)
{
  run_cli_full (fixture, args, NULL, 0, run);
}

JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

PrismStore *
open_history (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->data, "prism", "history.db", NULL);
  g_autoptr(GError) error = NULL;
  PrismStore *store;

  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  store = prism_store_open (path, &error);
  g_assert_no_error (error);

  return store;
}

