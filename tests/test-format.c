/* test-format.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "prism-format.h"

static void
assert_cost (double      usd,
             const char *expected)
{
  g_autofree char *str = prism_format_cost (usd);

  g_assert_cmpstr (str, ==, expected);
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
}

static void
assert_tokens (gint64      tokens,
               const char *expected)
{
  g_autofree char *str = prism_format_tokens (tokens);

  g_assert_cmpstr (str, ==, expected);
}

static void
test_format_tokens (void)
{
  assert_tokens (0, "0");
  assert_tokens (999, "999");
  assert_tokens (1000, "1,000");
  assert_tokens (1234567, "1,234,567");
  assert_tokens (-12345, "-12,345");
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/prism/format/cost", test_format_cost);
  g_test_add_func ("/prism/format/tokens", test_format_tokens);
  g_test_add_func ("/prism/format/display-width", test_format_display_width);

  return g_test_run ();
}
