/* test-openrouter-account.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "prism-error.h"
#include "prism-fake-provider.h"
#include "prism-openrouter-account-private.h"

/* OpenRouter's key and credits endpoints through the real client and
 * libsoup, against the fake provider on 127.0.0.1. */

typedef struct
{
  PrismFakeProvider     *fake;
  char                  *dir;
  char                  *ini;
  PrismProviderRegistry *registry;
  PrismClient           *client;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *openai = NULL;
  g_autofree char *contents = NULL;

  g_setenv ("OPENROUTER_API_KEY", PRISM_FAKE_PROVIDER_KEY, TRUE);
  g_setenv ("OPENAI_API_KEY", PRISM_FAKE_PROVIDER_KEY, TRUE);

  fixture->fake = prism_fake_provider_new ();
  prism_fake_provider_start (fixture->fake, 0, &error);
  g_assert_no_error (error);

  fixture->dir = g_dir_make_tmp ("prism-openrouter-account-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->ini = g_build_filename (fixture->dir, "providers.ini", NULL);

  base = prism_fake_provider_get_base_url (fixture->fake, "openrouter");
  openai = prism_fake_provider_get_base_url (fixture->fake, "openai");
  contents = g_strdup_printf ("[provider openrouter]\nbase-url=%s\n\n"
                              "[provider openai]\nbase-url=%s\n\n"
                              "[provider nowhere]\nprotocol=openrouter\n"
                              "base-url=http://127.0.0.1:1/api/v1\n",
                              base, openai);
  g_file_set_contents (fixture->ini, contents, -1, &error);
  g_assert_no_error (error);

  fixture->registry = prism_provider_registry_new_for_path (fixture->ini);
  prism_provider_registry_load (fixture->registry, &error);
  g_assert_no_error (error);
  fixture->client = prism_client_new (fixture->registry, NULL, NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_unlink (fixture->ini);
  g_rmdir (fixture->dir);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->registry);
  prism_fake_provider_stop (fixture->fake);
  g_clear_object (&fixture->fake);
  g_free (fixture->ini);
  g_free (fixture->dir);
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static PrismOpenrouterAccount *
fetch (Fixture       *fixture,
       const char    *provider,
       GCancellable  *cancellable,
       GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  PrismProviderConfig *config = prism_provider_registry_lookup (fixture->registry, provider);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_assert_nonnull (config);
  prism_openrouter_account_fetch_async (fixture->client, config, cancellable, store_result, &result);
  while (result == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The account fetch did not finish within 10 s");
      g_main_context_iteration (NULL, TRUE);
    }

  return prism_openrouter_account_fetch_finish (fixture->client, result, error);
}

static void
test_fetch (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(PrismOpenrouterAccount) account = NULL;
  g_autoptr(PrismOpenrouterAccount) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *authorization = NULL;

  account = fetch (fixture, "openrouter", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);

  g_assert_cmpstr (account->label, ==, "sk-or-v1-tes...key");
  g_assert_cmpfloat (account->limit, ==, 100);
  g_assert_cmpstr (account->limit_reset, ==, "monthly");
  g_assert_cmpfloat (account->limit_remaining, ==, 74.25);
  g_assert_cmpfloat (account->usage, ==, 25.75);
  g_assert_cmpfloat (account->usage_daily, ==, 0.5);
  g_assert_cmpfloat (account->usage_weekly, ==, 3.25);
  g_assert_cmpfloat (account->usage_monthly, ==, 25.75);
  g_assert_false (account->is_free_tier);
  g_assert_cmpfloat (account->total_credits, ==, 100.5);
  g_assert_cmpfloat (account->total_usage, ==, 25.75);
  g_assert_cmpfloat_with_epsilon (prism_openrouter_account_get_balance (account), 74.75, 1e-9);

  /* Two requests: the key, then the credits, each with the key. */
  g_assert_cmpuint (prism_fake_provider_get_request_count (fixture->fake), ==, 2);
  path = prism_fake_provider_dup_last_request_path (fixture->fake);
  g_assert_true (g_str_has_suffix (path, "/credits"));
  authorization = prism_fake_provider_dup_last_request_header (fixture->fake, "Authorization");
  g_assert_cmpstr (authorization, ==, "Bearer " PRISM_FAKE_PROVIDER_KEY);

  copy = prism_openrouter_account_copy (account);
  g_assert_cmpstr (copy->label, ==, account->label);
  g_assert_true (copy->label != account->label);
  g_assert_cmpfloat (copy->total_credits, ==, 100.5);
}

static void
test_wrong_key (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PrismOpenrouterAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("OPENROUTER_API_KEY", "sk-or-v1-wrong-key-12345", TRUE);
  account = fetch (fixture, "openrouter", NULL, &error);
  g_assert_null (account);
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_AUTH);
  /* The provider's own words, and never the key. */
  g_assert_nonnull (strstr (error->message, "User not found"));
  g_assert_null (strstr (error->message, "wrong-key"));
}

static void
test_no_key (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(PrismOpenrouterAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  g_unsetenv ("OPENROUTER_API_KEY");
  account = fetch (fixture, "openrouter", NULL, &error);
  g_assert_null (account);
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "OPENROUTER_API_KEY"));
  g_assert_cmpuint (prism_fake_provider_get_request_count (fixture->fake), ==, 0);
}

static void
test_not_openrouter (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(PrismOpenrouterAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = fetch (fixture, "openai", NULL, &error);
  g_assert_null (account);
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_assert_cmpuint (prism_fake_provider_get_request_count (fixture->fake), ==, 0);
}

static void
test_unreachable (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PrismOpenrouterAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("NOWHERE_API_KEY", PRISM_FAKE_PROVIDER_KEY, TRUE);
  account = fetch (fixture, "nowhere", NULL, &error);
  g_assert_null (account);
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_NETWORK);
  g_unsetenv ("NOWHERE_API_KEY");
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PrismOpenrouterAccount) account = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  account = fetch (fixture, "openrouter", cancellable, &error);
  g_assert_null (account);
  g_assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
                 g_error_matches (error, PRISM_ERROR, PRISM_ERROR_CANCELLED));
}

static GBytes *
bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static void
test_parse (void)
{
  static const struct {
    const char *body;
    gboolean    ok;
  } key_cases[] = {
    { "{\"data\":{\"usage\":1.5,\"limit\":null,\"limit_remaining\":null}}", TRUE },
    { "{\"data\":{\"usage\":\"2.25\",\"limit\":\"10\"}}", TRUE },
    { "{\"data\":{}}", FALSE },
    { "{\"data\":{\"usage\":\"lots\"}}", FALSE },
    { "{\"data\":{\"usage\":-3}}", FALSE },
    { "{\"data\":{\"usage\":1,\"limit\":true}}", FALSE },
    { "{\"data\":[]}", FALSE },
    { "{\"usage\":1}", FALSE },
    { "[1,2]", FALSE },
    { "not json", FALSE },
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (key_cases); i++)
    {
      g_autoptr(GBytes) body = bytes (key_cases[i].body);
      g_autoptr(PrismOpenrouterAccount) account = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("key body %s", key_cases[i].body);
      account = _prism_openrouter_account_parse_key (body, &error);
      if (key_cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_nonnull (account);
        }
      else
        {
          g_assert_null (account);
          g_assert_error (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL);
        }
    }

  {
    g_autoptr(GBytes) body = bytes ("{\"data\":{\"usage\":1.5,\"limit\":null}}");
    g_autoptr(PrismOpenrouterAccount) account = _prism_openrouter_account_parse_key (body, NULL);
    g_autoptr(GBytes) partial = bytes ("{\"data\":{\"total_credits\":5}}");
    g_autoptr(GBytes) credits = bytes ("{\"data\":{\"total_credits\":5,\"total_usage\":1.5}}");
    g_autoptr(GError) error = NULL;

    g_assert_nonnull (account);
    /* No cap is unlimited, not a cap of zero. */
    g_assert_true (isnan (account->limit));
    g_assert_true (isnan (account->limit_remaining));
    g_assert_cmpfloat (account->usage, ==, 1.5);
    g_assert_true (isnan (prism_openrouter_account_get_balance (account)));

    g_assert_false (_prism_openrouter_account_parse_credits (account, partial, &error));
    g_assert_error (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL);
    g_assert_true (isnan (account->total_credits));
    g_clear_error (&error);

    g_assert_true (_prism_openrouter_account_parse_credits (account, credits, &error));
    g_assert_no_error (error);
    g_assert_cmpfloat (prism_openrouter_account_get_balance (account), ==, 3.5);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/prism/openrouter-account/fetch", Fixture, NULL,
              fixture_setup, test_fetch, fixture_teardown);
  g_test_add ("/prism/openrouter-account/wrong-key", Fixture, NULL,
              fixture_setup, test_wrong_key, fixture_teardown);
  g_test_add ("/prism/openrouter-account/no-key", Fixture, NULL,
              fixture_setup, test_no_key, fixture_teardown);
  g_test_add ("/prism/openrouter-account/not-openrouter", Fixture, NULL,
              fixture_setup, test_not_openrouter, fixture_teardown);
  g_test_add ("/prism/openrouter-account/unreachable", Fixture, NULL,
              fixture_setup, test_unreachable, fixture_teardown);
  g_test_add ("/prism/openrouter-account/cancelled", Fixture, NULL,
              fixture_setup, test_cancelled, fixture_teardown);
  g_test_add_func ("/prism/openrouter-account/parse", test_parse);

  return g_test_run ();
}
