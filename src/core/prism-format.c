/* prism-format.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-format"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "prism-format.h"

/**
 * prism_format_cost:
 * @usd: a cost in US dollars, or NAN when it is not known
 *
 * Formats a cost with as many decimals as it needs to say something:
 * cents for a dollar or more, four decimals down to a cent, and two
 * significant digits below that, so that a request of $0.000074 does not
 * read as $0.00. An unknown cost reads "unknown", never zero.
 *
 * Returns: (transfer full): the formatted cost
 */
char *
prism_format_cost (double usd)
{
  int decimals;

  if (isnan (usd))
    return g_strdup (_("unknown"));

  if (usd == 0.0)
    return g_strdup ("$0.00");

  if (fabs (usd) >= 1.0)
    decimals = 2;
  else if (fabs (usd) >= 0.01)
    decimals = 4;
  else
    decimals = CLAMP (1 - (int)floor (log10 (fabs (usd))), 4, 8);

  if (usd < 0)
    return g_strdup_printf ("-$%.*f", decimals, -usd);

  return g_strdup_printf ("$%.*f", decimals, usd);
}

/**
 * prism_format_tokens:
 * @tokens: a token count
 *
 * Returns: (transfer full): @tokens with thousands grouped, e.g. "12,345"
 */
char *
prism_format_tokens (gint64 tokens)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, tokens < 0 ? -tokens : tokens);
  GString *str = g_string_new (tokens < 0 ? "-" : NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (str, ',');
      g_string_append_c (str, digits[i]);
    }

  return g_string_free (str, FALSE);
}

/**
 * prism_format_display_width:
 * @text: UTF-8 text
 *
 * Returns: how many terminal columns @text takes: wide characters such
 *   as CJK take two, combining marks none
 */
guint
prism_format_display_width (const char *text)
{
  guint width = 0;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;

      width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}
