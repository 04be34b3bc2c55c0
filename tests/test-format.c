/* test-format.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include <glib/gi18n-lib.h>

#include "prism-format.h"

#define NNBSP "\xe2\x80\xaf" /* U+202F NARROW NO-BREAK SPACE, French grouping */

static void
assert_cost (double      usd,
             const char *expected)
{
  g_autofree char *str = prism_format_cost (usd);

  g_assert_cmpstr (str, ==, expected);
}

static void
assert_cost_c (double      usd,
               const char *expected)
{
  g_autofree char *str = prism_format_cost_c (usd);

  g_assert_cmpstr (str, ==, expected);
}

static void
assert_price (double      usd_per_million,
              const char *expected)
{
  g_autofree char *str = prism_format_price (usd_per_million);

  g_assert_cmpstr (str, ==, expected);
}

static void
assert_tokens (gint64      tokens,
               const char *expected)
{
  g_autofree char *str = prism_format_tokens (tokens);

  g_assert_cmpstr (str, ==, expected);
}

static void
assert_tokens_c (gint64      tokens,
                 const char *expected)
{
  g_autofree char *str = prism_format_tokens_c (tokens);

  g_assert_cmpstr (str, ==, expected);
}

static void
assert_date_time (const char *expected)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = g_date_time_new (utc, 2026, 11, 5, 9, 7, 30);
  g_autofree char *str = prism_format_date_time (dt);

  g_assert_cmpstr (str, ==, expected);
}

/* Switches the whole process to @name, or skips the case when the
 * machine lacks it. Returns whether the case can go on. */
static gboolean
use_locale (const char *name)
{
  if (setlocale (LC_ALL, name) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("the %s locale is not generated here "
                                                  "(build-aux/dev test generates it as root)", name);

      g_test_skip (message);
      return FALSE;
    }

  return TRUE;
}

static void
restore_c_locale (void)
{
  setlocale (LC_ALL, "C");
}

static void
test_format_cost (void)
{
  assert_cost (NAN, "unknown");
  assert_cost (0.0, "$0.00");
  assert_cost (12.5, "$12.50");
  assert_cost (1.0, "$1.00");
  assert_cost (0.1234, "$0.1234");
  assert_cost (0.01, "$0.0100");
  assert_cost (0.000074, "$0.000074");
  assert_cost (0.0012345, "$0.0012");
  assert_cost (0.00000001, "$0.00000001");
  assert_cost (-0.5, "-$0.5000");
  assert_cost (1234567.891, "$1,234,567.89");
}

static void
test_format_price (void)
{
  assert_price (NAN, "unknown");
  assert_price (0.0, "$0.00");
  assert_price (0.15, "$0.15");
  assert_price (2.5, "$2.50");
  assert_price (15.0, "$15.00");
  assert_price (0.075, "$0.075");
  assert_price (0.0375, "$0.0375");
  assert_price (1234.5, "$1,234.50");
}

static void
test_format_tokens (void)
{
  assert_tokens (0, "0");
  assert_tokens (999, "999");
  assert_tokens (1000, "1,000");
  assert_tokens (1234567, "1,234,567");
  assert_tokens (-12345, "-12,345");
  assert_tokens (G_MININT64, "-9,223,372,036,854,775,808");
}

static void
test_format_date_time (void)
{
  assert_date_time ("2026-11-05 09:07");
}

/* The machine-readable forms stay the same in every locale. */
static void
check_c_variants (void)
{
  assert_cost_c (NAN, "unknown");
  assert_cost_c (1234.5, "$1234.50");
  assert_cost_c (0.000074, "$0.000074");
  assert_cost_c (-0.5, "-$0.5000");
  assert_tokens_c (1234567, "1234567");
  assert_tokens_c (-12345, "-12345");
}

static void
test_format_c_variants (void)
{
  check_c_variants ();
}

static void
test_format_german (void)
{
  if (!use_locale ("de_DE.UTF-8"))
    return;

  assert_tokens (999, "999");
  assert_tokens (1234567, "1.234.567");
  assert_tokens (-12345, "-12.345");
  assert_cost (1234567.891, "1.234.567,89 $");
  assert_cost (0.000074, "0,000074 $");
  assert_cost (-0.5, "-0,5000 $");
  assert_cost (NAN, "unbekannt");
  assert_price (0.075, "0,075 $");
  assert_price (1234.5, "1.234,50 $");
  assert_date_time ("05.11.2026, 09:07");
  check_c_variants ();

  restore_c_locale ();
}

static void
test_format_french (void)
{
  if (!use_locale ("fr_FR.UTF-8"))
    return;

  assert_tokens (999, "999");
  assert_tokens (1234567, "1" NNBSP "234" NNBSP "567");
  assert_tokens (-12345, "-12" NNBSP "345");
  assert_cost (1234.5, "1" NNBSP "234,50 $");
  assert_cost (0.0012345, "0,0012 $");
  assert_cost (NAN, "inconnu");
  assert_price (2.5, "2,50 $");
  assert_date_time ("05/11/2026 09:07");
  check_c_variants ();

  restore_c_locale ();
}

static void
test_format_display_width (void)
{
  g_assert_cmpuint (prism_format_display_width (""), ==, 0);
  g_assert_cmpuint (prism_format_display_width ("gpt-4o"), ==, 6);
  g_assert_cmpuint (prism_format_display_width ("héllo"), ==, 5);
  g_assert_cmpuint (prism_format_display_width ("世界"), ==, 4);
  /* e + combining acute accent */
  g_assert_cmpuint (prism_format_display_width ("e\xcc\x81"), ==, 1);
}

static void
test_format_milliseconds (void)
{
  g_autofree char *unknown = prism_format_milliseconds (NAN);
  g_autofree char *short_ms = prism_format_milliseconds (323.4);
  g_autofree char *long_ms = prism_format_milliseconds (1234);

  g_assert_cmpstr (unknown, ==, "—");
  g_assert_cmpstr (short_ms, ==, "323 ms");
  g_assert_cmpstr (long_ms, ==, "1.2 s");
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("PRISM_LOCALEDIR");

  /* The German and French cases read Prism's own translations, built
   * by meson into the build directory; LANGUAGE would override the
   * locale each case sets. */
  g_assert_nonnull (localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_unsetenv ("LANGUAGE");

  g_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "C");

  g_test_add_func ("/prism/format/cost", test_format_cost);
  g_test_add_func ("/prism/format/price", test_format_price);
  g_test_add_func ("/prism/format/tokens", test_format_tokens);
  g_test_add_func ("/prism/format/date-time", test_format_date_time);
  g_test_add_func ("/prism/format/milliseconds", test_format_milliseconds);
  g_test_add_func ("/prism/format/c-variants", test_format_c_variants);
  g_test_add_func ("/prism/format/german", test_format_german);
  g_test_add_func ("/prism/format/french", test_format_french);
  g_test_add_func ("/prism/format/display-width", test_format_display_width);

  return g_test_run ();
}
