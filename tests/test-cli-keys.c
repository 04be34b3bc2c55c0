/* test-cli-keys.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* posix_openpt() and friends */
#define _GNU_SOURCE

#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "prism-keyring.h"
#include "prism-test-keys.h"

/* Runs the real prism-cli against the gnome-keyring of the test session,
 * with a home of its own in which no key may ever turn up. */

typedef struct
{
  char *root;
  char *home;
  char *config;
  char *data;
  char *cache;
  char *state;
  char *key;    /* the key a test stored, to look for on disk */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->root = g_dir_make_tmp ("prism-cli-keys-XXXXXX", NULL);
  g_assert_nonnull (fixture->root);
  fixture->home = g_build_filename (fixture->root, "home", NULL);
  fixture->config = g_build_filename (fixture->root, "config", NULL);
  fixture->data = g_build_filename (fixture->root, "data", NULL);
  fixture->cache = g_build_filename (fixture->root, "cache", NULL);
  fixture->state = g_build_filename (fixture->root, "state", NULL);
  g_assert_cmpint (g_mkdir (fixture->home, 0700), ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->key != NULL)
    {
      const char *dirs[] = { fixture->root, NULL };
      g_autofree char *found = prism_test_find_in_files (fixture->key, dirs, NULL);

      /* Only the keyring may hold the key, never a file in Prism's home. */
      g_assert_null (found);
    }

  prism_test_remove_tree (fixture->root);
  g_free (fixture->root);
  g_free (fixture->home);
  g_free (fixture->config);
  g_free (fixture->data);
  g_free (fixture->cache);
  g_free (fixture->state);
  g_free (fixture->key);
}

static char *
cli_path (void)
{
  return g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "prism-cli", NULL);
}

static GSubprocessLauncher *
make_launcher (Fixture        *fixture,
               GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_setenv (launcher, "HOME", fixture->home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", fixture->config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", fixture->data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", fixture->cache, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_STATE_HOME", fixture->state, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "SECRET_BACKEND");

  return launcher;
}

/* Runs prism-cli ARGS with @input on standard input; returns its exit
 * status. */
static int
run_cli_full (Fixture     *fixture,
              const char  *bus_address,
              const char  *input,
              char       **out,
              char       **err,
              ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, cli_path ());
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = make_launcher (fixture,
                            G_SUBPROCESS_FLAGS_STDIN_PIPE |
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                            G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (bus_address != NULL)
    g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", bus_address, TRUE);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, input != NULL ? input : "", NULL,
                                 &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  g_test_message ("prism-cli %s → %d\nstdout: %s\nstderr: %s",
                  (char *)g_ptr_array_index (argv, 1), g_subprocess_get_exit_status (process),
                  stdout_text, stderr_text);

  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);

  return g_subprocess_get_exit_status (process);
}

#define run_cli(fixture, input, out, err, ...) \
  run_cli_full (fixture, NULL, input, out, err, __VA_ARGS__, NULL)

static char *
lookup (const char *provider,
        const char *project)
{
  g_autoptr(PrismKeyring) keyring = prism_keyring_new ();
  g_autoptr(GError) error = NULL;
  char *key;

  key = prism_keyring_lookup_sync (keyring, provider, project, NULL, &error);
  g_assert_no_error (error);

  return key;
}

static JsonArray *
parse_list (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));

  return json_array_ref (json_node_get_array (root));
}

/* Whether the JSON list has {"provider": provider, "project": project}. */
static gboolean
list_has (JsonArray  *list,
          const char *provider,
          const char *project)
{
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *object = json_array_get_object_element (list, i);
      JsonNode *project_node = json_object_get_member (object, "project");

      g_assert_nonnull (project_node);
      if (g_strcmp0 (json_object_get_string_member (object, "provider"), provider) != 0)
        continue;
      if (project == NULL ? JSON_NODE_HOLDS_NULL (project_node)
                          : g_strcmp0 (json_node_get_string (project_node), project) == 0)
        return TRUE;
    }

  return FALSE;
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
test_set_list_delete (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonArray) list = NULL;
  char *stored;

  if (skip_without_keyring ())
    return;

  fixture->key = g_strdup ("sk-cli-test-7Qx9");

  g_assert_cmpint (run_cli (fixture, "sk-cli-test-7Qx9\n", &out, &err, "keys", "set", "test-cli-keys"), ==, 0);
  g_assert_null (strstr (out, fixture->key));
  g_assert_null (strstr (err, fixture->key));
  g_assert_nonnull (strstr (out, "test-cli-keys"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Exactly the key, its newline dropped. */
  stored = lookup ("test-cli-keys", NULL);
  g_assert_cmpstr (stored, ==, "sk-cli-test-7Qx9");
  prism_keyring_free_key (stored);

  g_assert_cmpint (run_cli (fixture, NULL, &out, &err, "keys", "list"), ==, 0);
  g_assert_nonnull (strstr (out, "PROVIDER"));
  g_assert_nonnull (strstr (out, "test-cli-keys"));
  g_assert_null (strstr (out, fixture->key));
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (fixture, NULL, &out, &err, "keys", "list", "--json"), ==, 0);
  g_assert_null (strstr (out, fixture->key));
  list = parse_list (out);
  g_assert_true (list_has (list, "test-cli-keys", NULL));
  g_clear_pointer (&list, json_array_unref);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (fixture, NULL, &out, &err, "keys", "delete", "test-cli-keys"), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  stored = lookup ("test-cli-keys", NULL);
  g_assert_null (stored);

  g_assert_cmpint (run_cli (fixture, NULL, &out, &err, "keys", "list", "--json"), ==, 0);
  list = parse_list (out);
  g_assert_false (list_has (list, "test-cli-keys", NULL));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Deleting what is not there fails, and says so. */
  g_assert_cmpint (run_cli (fixture, NULL, &out, &err, "keys", "delete", "test-cli-keys"), ==, 1);
  g_assert_nonnull (strstr (err, "No key for test-cli-keys"));
}

static void
test_project (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonArray) list = NULL;
  char *stored;

  if (skip_without_keyring ())
    return;

  fixture->key = g_strdup ("sk-cli-work-3Hh1");

  /* No newline at all, and a CRLF, are both fine. */
  g_assert_cmpint (run_cli (fixture, "sk-cli-work-3Hh1", &out, &err,
                            "keys", "set", "--project", "work", "test-cli-keys-project"), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture, "sk-cli-all-8Jk2\r\n", &out, &err,
                            "keys", "set", "test-cli-keys-project"), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  stored = lookup ("test-cli-keys-project", "work");
  g_assert_cmpstr (stored, ==, "sk-cli-work-3Hh1");
  prism_keyring_free_key (stored);
  stored = lookup ("test-cli-keys-project", "other");
  g_assert_cmpstr (stored, ==, "sk-cli-all-8Jk2");
  prism_keyring_free_key (stored);

  g_assert_cmpint (run_cli (fixture, NULL, &out, &err, "keys", "list", "--json"), ==, 0);
  list = parse_list (out);
  g_assert_true (list_has (list, "test-cli-keys-project", "work"));
  g_assert_true (list_has (list, "test-cli-keys-project", NULL));
  g_assert_null (strstr (out, "sk-cli-"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (fixture, NULL, &out, &err,
                            "keys", "delete", "-p", "work", "test-cli-keys-project"), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The project now falls back to the provider's own key. */
  stored = lookup ("test-cli-keys-project", "work");
  g_assert_cmpstr (stored, ==, "sk-cli-all-8Jk2");
  prism_keyring_free_key (stored);

  g_assert_cmpint (run_cli (fixture, NULL, &out, &err, "keys", "delete", "test-cli-keys-project"), ==, 0);
  stored = lookup ("test-cli-keys-project", "work");
  g_assert_null (stored);
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  user_data)
{
  static const struct {
    const char *input;
    const char *args[4];
    const char *message;
  } cases[] = {
    { "", { "keys", "set", "test-cli-keys-bad" }, "empty" },
    { "\n", { "keys", "set", "test-cli-keys-bad" }, "empty" },
    /* Only one newline is dropped: a second is part of the key. */
    { "sk-two-lines\n\n", { "keys", "set", "test-cli-keys-bad" }, "line break" },
    { "sk-a\nsk-b\n", { "keys", "set", "test-cli-keys-bad" }, "line break" },
    /* These fail before reading standard input, so they are given none:
     * writing it could race with their exit. */
    { NULL, { "keys", "set", "OpenAI" }, "not a provider id" },
    { NULL, { "keys", "set" }, "Name the provider" },
    { NULL, { "keys", "set", "openai", "sk-extra-7" }, "never from the command line" },
    { NULL, { "keys", "delete", "Bad Id" }, "not a provider id" },
    { NULL, { "keys", "list", "--bogus" }, "--bogus" },
    { NULL, { "keys", "list", "extra" }, "extra" },
    { NULL, { "keys", "frob" }, "not a command" },
    { NULL, { "keys" }, "Usage" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char * const *a = cases[i].args;
      int status;

      status = run_cli (fixture, cases[i].input, &out, &err, a[0], a[1], a[2], a[3]);
      g_assert_cmpint (status, ==, 2);
      g_assert_nonnull (strstr (err, cases[i].message));
      /* Not even a refused key is shown back. */
      g_assert_null (strstr (err, "sk-"));
      g_assert_null (strstr (out, "sk-"));
    }

  if (prism_test_has_keyring ())
    g_assert_null (lookup ("test-cli-keys-bad", NULL));
}

static void
test_help (Fixture       *fixture,
           gconstpointer  user_data)
{
  static const char * const commands[] = { "set", "delete", "list" };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (fixture, NULL, &out, &err, "--help"), ==, 0);
  g_assert_nonnull (strstr (out, "keys"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (fixture, NULL, &out, &err, "keys", "--help"), ==, 0);
  g_assert_nonnull (strstr (out, "set PROVIDER"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_assert_cmpint (run_cli (fixture, NULL, &out, &err, "keys", commands[i], "--help"), ==, 0);
      g_assert_nonnull (strstr (out, "prism-cli keys"));
      g_assert_nonnull (strstr (out, commands[i]));
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
    }
}

static void
test_no_keyring_service (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *address = g_strdup_printf ("unix:path=%s/no-bus-here", fixture->root);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  fixture->key = g_strdup ("sk-cli-nobus-2Wq4");

  g_assert_cmpint (run_cli_full (fixture, address, "sk-cli-nobus-2Wq4\n", &out, &err,
                                 "keys", "set", "openai", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "No keyring service is running"));
  g_assert_nonnull (strstr (err, "OPENAI_API_KEY"));
  g_assert_null (strstr (err, fixture->key));
  g_assert_null (strstr (out, fixture->key));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli_full (fixture, address, NULL, &out, &err, "keys", "list", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "No keyring service is running"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli_full (fixture, address, NULL, &out, &err,
                                 "keys", "delete", "groq", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "GROQ_API_KEY"));
}

/* A terminal on standard input: the key is typed without echo, and the
 * terminal is given back as it was, even after Ctrl+C. */

typedef struct
{
  int master;
  int slave;
} Pty;

static void
pty_open (Pty *pty)
{
  struct termios attrs;

  pty->master = posix_openpt (O_RDWR | O_NOCTTY);
  g_assert_cmpint (pty->master, >=, 0);
  g_assert_cmpint (grantpt (pty->master), ==, 0);
  g_assert_cmpint (unlockpt (pty->master), ==, 0);
  pty->slave = open (ptsname (pty->master), O_RDWR | O_NOCTTY);
  g_assert_cmpint (pty->slave, >=, 0);
  g_assert_cmpint (fcntl (pty->master, F_SETFL, O_NONBLOCK), ==, 0);

  g_assert_cmpint (tcgetattr (pty->slave, &attrs), ==, 0);
  g_assert_true (attrs.c_lflag & ECHO);
}

static void
pty_close (Pty *pty)
{
  close (pty->master);
  close (pty->slave);
}

static gboolean
pty_echoes (Pty *pty)
{
  struct termios attrs;

  g_assert_cmpint (tcgetattr (pty->slave, &attrs), ==, 0);

  return (attrs.c_lflag & ECHO) != 0;
}

static void
pty_wait_echo_off (Pty *pty)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (pty_echoes (pty))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("prism-cli never turned echo off");
      g_usleep (2000);
    }
}

static char *
pty_read_all (Pty *pty)
{
  GString *text = g_string_new (NULL);
  char buffer[256];
  gssize n;

  while ((n = read (pty->master, buffer, sizeof buffer)) > 0)
    g_string_append_len (text, buffer, n);

  return g_string_free (text, FALSE);
}

static GSubprocess *
spawn_on_pty (Fixture    *fixture,
              Pty        *pty,
              const char *provider)
{
  g_autoptr(GSubprocessLauncher) launcher = make_launcher (fixture, G_SUBPROCESS_FLAGS_NONE);
  g_autofree char *cli = cli_path ();
  g_autofree char *out_path = g_build_filename (fixture->root, "stdout", NULL);
  g_autofree char *err_path = g_build_filename (fixture->root, "stderr", NULL);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_take_stdin_fd (launcher, dup (pty->slave));
  g_subprocess_launcher_set_stdout_file_path (launcher, out_path);
  g_subprocess_launcher_set_stderr_file_path (launcher, err_path);
  process = g_subprocess_launcher_spawn (launcher, &error, cli, "keys", "set", provider, NULL);
  g_assert_no_error (error);

  return process;
}

static char *
read_output (Fixture    *fixture,
             const char *name)
{
  g_autofree char *path = g_build_filename (fixture->root, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

static void
test_terminal_no_echo (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *echoed = NULL;
  g_autofree char *err = NULL;
  const char *typed = "sk-typed-9Zr5\n";
  char *stored;
  Pty pty;

  if (skip_without_keyring ())
    return;

  fixture->key = g_strdup ("sk-typed-9Zr5");
  pty_open (&pty);

  process = spawn_on_pty (fixture, &pty, "test-cli-keys-tty");
  pty_wait_echo_off (&pty);
  g_assert_cmpint (write (pty.master, typed, strlen (typed)), ==, strlen (typed));
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  /* Nothing typed came back on the terminal, and echo is on again. */
  echoed = pty_read_all (&pty);
  g_assert_null (strstr (echoed, "sk-typed"));
  g_assert_true (pty_echoes (&pty));

  err = read_output (fixture, "stderr");
  g_assert_nonnull (strstr (err, "Key for test-cli-keys-tty"));
  g_assert_null (strstr (err, "sk-typed"));

  stored = lookup ("test-cli-keys-tty", NULL);
  g_assert_cmpstr (stored, ==, "sk-typed-9Zr5");
  prism_keyring_free_key (stored);

  g_assert_cmpint (run_cli (fixture, NULL, NULL, NULL, "keys", "delete", "test-cli-keys-tty"), ==, 0);
  pty_close (&pty);
}

static void
test_terminal_interrupted (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *half = "sk-half";
  char *stored;
  Pty pty;

  if (skip_without_keyring ())
    return;

  pty_open (&pty);

  process = spawn_on_pty (fixture, &pty, "test-cli-keys-interrupted");
  pty_wait_echo_off (&pty);
  g_assert_cmpint (write (pty.master, half, strlen (half)), ==, strlen (half));
  g_subprocess_send_signal (process, SIGINT);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_signaled (process));
  g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGINT);
  g_assert_true (pty_echoes (&pty));

  stored = lookup ("test-cli-keys-interrupted", NULL);
  g_assert_null (stored);
  pty_close (&pty);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/prism/cli-keys/set-list-delete", test_set_list_delete);
  ADD ("/prism/cli-keys/project", test_project);
  ADD ("/prism/cli-keys/usage-errors", test_usage_errors);
  ADD ("/prism/cli-keys/help", test_help);
  ADD ("/prism/cli-keys/no-keyring-service", test_no_keyring_service);
  ADD ("/prism/cli-keys/terminal-no-echo", test_terminal_no_echo);
  ADD ("/prism/cli-keys/terminal-interrupted", test_terminal_interrupted);

#undef ADD

  return g_test_run ();
}
