/* test-cli-i18n.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* prism-cli in German and French, with the translations meson built
 * into the build directory (PRISM_LOCALEDIR): the help and the spend
 * table read in the language, costs and counts follow the locale, and
 * the JSON and CSV outputs stay byte for byte the same as in English.
 */

#include "config.h"

#include <locale.h>

#include "prism-test-cli.h"

#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"

/* Sets @fixture's prism-cli to run in @locale, or skips the case when
 * the machine lacks it. */
static gboolean
use_locale (Fixture    *fixture,
            const char *language,
            const char *locale)
{
  locale_t probe = newlocale (LC_ALL_MASK, locale, (locale_t)0);

  if (probe == (locale_t)0)
    {
      g_autofree char *message = g_strdup_printf ("the %s locale is not generated here "
                                                  "(build-aux/dev test generates it as root)", locale);

      g_test_skip (message);
      return FALSE;
    }
  freelocale (probe);

  fixture->env = g_environ_setenv (fixture->env, "LANGUAGE", language, TRUE);
  fixture->env = g_environ_setenv (fixture->env, "LC_ALL", locale, TRUE);

  return TRUE;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” is not in:\n%s", needle, haystack);
}

static void
ask (Fixture    *fixture,
     const char *model,
     const char *prompt)
{
  const char *args[] = { "ask", "-m", model, prompt, NULL };
  g_auto(Run) run = { 0 };

  run_cli (fixture, args, &run);
  g_assert_cmpint (run.status, ==, 0);
}

static void
test_help_english (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *args[] = { "--help", NULL };
  g_auto(Run) run = { 0 };

  run_cli (fixture, args, &run);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "Usage: prism-cli COMMAND [OPTION…]");
  assert_contains (run.out, "Show this help");
}

static void
test_help_german (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *args[] = { "--help", NULL };
  const char *wrong[] = { "frobnicate", NULL };
  g_auto(Run) run = { 0 };
  g_auto(Run) wrong_run = { 0 };

  if (!use_locale (fixture, "de", "de_DE.UTF-8"))
    return;

  run_cli (fixture, args, &run);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "Aufruf: prism-cli BEFEHL [OPTION…]");
  assert_contains (run.out, "Diese Hilfe anzeigen");
  assert_contains (run.out, "API-Schlüssel im Schlüsselbund speichern, löschen und auflisten");

  run_cli (fixture, wrong, &wrong_run);
  g_assert_cmpint (wrong_run.status, ==, 2);
  assert_contains (wrong_run.err, "„frobnicate“ ist kein Befehl");
}

static void
test_help_french (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *args[] = { "--help", NULL };
  const char *keys[] = { "keys", "--help", NULL };
  g_auto(Run) run = { 0 };
  g_auto(Run) keys_run = { 0 };

  if (!use_locale (fixture, "fr", "fr_FR.UTF-8"))
    return;

  run_cli (fixture, args, &run);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "Utilisation" NBSP ": prism-cli COMMANDE [OPTION…]");
  assert_contains (run.out, "Afficher cette aide");

  run_cli (fixture, keys, &keys_run);
  g_assert_cmpint (keys_run.status, ==, 0);
  assert_contains (keys_run.out, "les clés d’API dans le trousseau du système");
}

/* Runs @args in the fixture's current locale and in English, and checks
 * that both print exactly the same. */
static void
assert_same_as_english (Fixture            *fixture,
                        const char * const *args)
{
  g_auto(GStrv) localized_env = g_strdupv (fixture->env);
  g_auto(Run) localized = { 0 };
  g_auto(Run) english = { 0 };

  run_cli (fixture, args, &localized);
  g_assert_cmpint (localized.status, ==, 0);

  fixture->env = g_environ_unsetenv (fixture->env, "LANGUAGE");
  fixture->env = g_environ_setenv (fixture->env, "LC_ALL", "C.UTF-8", TRUE);
  run_cli (fixture, args, &english);
  g_assert_cmpint (english.status, ==, 0);

  g_strfreev (fixture->env);
  fixture->env = g_steal_pointer (&localized_env);

  g_assert_cmpstr (localized.out, ==, english.out);
}

static void
test_spend_german (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *table[] = { "spend", NULL };
  const char *json[] = { "spend", "--json", NULL };
  const char *csv[] = { "spend", "--csv", NULL };
  g_auto(Run) run = { 0 };

  if (!use_locale (fixture, "de", "de_DE.UTF-8"))
    return;

  ask (fixture, "anthropic:claude-sonnet-4-5", "was kostet das");
  ask (fixture, "openai:unpriced-model", "und das hier");

  run_cli (fixture, table, &run);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "ANFRAGEN");
  assert_contains (run.out, "unbekannt");
  /* A German decimal comma, and the dollar after the number. */
  assert_contains (run.out, "Summe 0,");
  assert_contains (run.out, " $, dazu 1 Anfrage mit unbekannten Kosten.");

  assert_same_as_english (fixture, json);
  assert_same_as_english (fixture, csv);
}

static void
test_spend_french (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *table[] = { "spend", "--by", "provider", NULL };
  const char *json[] = { "spend", "--json", "--by", "provider", NULL };
  const char *csv[] = { "spend", "--csv", "--by", "provider", NULL };
  g_auto(Run) run = { 0 };

  if (!use_locale (fixture, "fr", "fr_FR.UTF-8"))
    return;

  ask (fixture, "anthropic:claude-sonnet-4-5", "combien ça coûte");

  run_cli (fixture, table, &run);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "REQUÊTES");
  assert_contains (run.out, "Total 0,");
  g_assert_null (strstr (run.out, "unknown"));

  assert_same_as_english (fixture, json);
  assert_same_as_english (fixture, csv);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/prism/cli-i18n/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("help-english", test_help_english);
  ADD ("help-german", test_help_german);
  ADD ("help-french", test_help_french);
  ADD ("spend-german", test_spend_german);
  ADD ("spend-french", test_spend_french);

#undef ADD

  return g_test_run ();
}
