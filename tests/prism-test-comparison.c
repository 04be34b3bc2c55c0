/* prism-test-comparison.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "prism-test-comparison.h"

#include <glib/gstdio.h>

/* What the comparison view's test, benchmark and screenshots share: a
 * client whose providers all point at a fake provider on 127.0.0.1, and
 * a history in a scratch folder.
 */

static const struct {
  const char *id;
  const char *path;
  const char *key_variable;
} providers[] = {
  { "openai", "/openai/v1", "OPENAI_API_KEY" },
  { "anthropic", "/anthropic", "ANTHROPIC_API_KEY" },
  { "gemini", "/gemini", "GEMINI_API_KEY" },
  { "groq", "/groq/v1", "GROQ_API_KEY" },
  { "mistral", "/mistral/v1", "MISTRAL_API_KEY" },
  { "deepseek", "/deepseek/v1", "DEEPSEEK_API_KEY" },
  { "openrouter", "/openrouter/api/v1", "OPENROUTER_API_KEY" },
};

static double
no_jitter (gpointer user_data)
{
  return 0.5;
}

PrismClient *
prism_test_comparison_client_new (const char *dir,
                                  guint       port,
                                  const char *extra_ini)
{
  g_autoptr(GString) ini = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismProviderRegistry) registry = NULL;
  g_autofree char *path = g_build_filename (dir, "providers.ini", NULL);
  PrismClient *client;
  PrismRetryPolicy policy;

  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    {
      g_string_append_printf (ini, "[provider %s]\nbase-url=http://127.0.0.1:%u%s\n\n",
                              providers[i].id, port, providers[i].path);
      g_setenv (providers[i].key_variable, "test-key", TRUE);
    }
  if (extra_ini != NULL)
    g_string_append (ini, extra_ini);

  g_file_set_contents (path, ini->str, -1, &error);
  g_assert_no_error (error);

  registry = prism_provider_registry_new_for_path (path);
  prism_provider_registry_load (registry, &error);
  g_assert_no_error (error);
  client = prism_client_new (registry, NULL, NULL);

  /* A failing pane fails at once: one quick retry. */
  prism_retry_policy_init_default (&policy);
  policy.base_delay_ms = 5;
  policy.max_delay_ms = 10;
  policy.max_retries = 1;
  policy.random = no_jitter;
  prism_client_set_retry_policy (client, &policy);

  return client;
}

PrismStore *
prism_test_comparison_store_new (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "history.db", NULL);
  g_autoptr(GError) error = NULL;
  PrismStore *store = prism_store_open (path, &error);

  g_assert_no_error (error);

  return store;
}

void
prism_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        prism_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}
