/* prism-format.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-format"

/* for nl_langinfo (GROUPING) */
#define _GNU_SOURCE

#include "config.h"

#include <langinfo.h>
#include <limits.h>
#include <math.h>

#include <glib/gi18n-lib.h>

#include "prism-format.h"

/* Numbers shown to people follow LC_NUMERIC: its decimal separator, and
 * its thousands separator every so many digits as its grouping says
 * ("1.234,56" in German, "1 234,56" in French). The C and POSIX locales
 * define no grouping; there Prism keeps the English "1,234.56" it has
 * always printed. Machine outputs (JSON, CSV) use the _c variants, which
 * never change with the locale.
 *
 * nl_langinfo() rather than localeconv(): it reads the locale's data
 * without filling a shared static struct, so store worker threads can
 * format while the main thread does. */
typedef struct
{
  const char *decimal_point;
  const char *thousands_sep;
  const char *grouping;
} NumberStyle;

static const NumberStyle c_style = { ".", "", "" };

static void
get_locale_style (NumberStyle *style)
{
  style->decimal_point = nl_langinfo (RADIXCHAR);
  style->thousands_sep = nl_langinfo (THOUSEP);
  style->grouping = nl_langinfo (GROUPING);

  if (style->decimal_point == NULL || *style->decimal_point == '\0')
    style->decimal_point = ".";

  if (style->thousands_sep == NULL || *style->thousands_sep == '\0' ||
      style->grouping == NULL || *style->grouping == '\0' ||
      *style->grouping == CHAR_MAX)
    {
      style->thousands_sep = g_str_equal (style->decimal_point, ",") ? "." : ",";
      style->grouping = "\3";
    }
}

/* Appends the digits of @digits (no sign), grouped as @style says. */
static void
append_grouped (GString           *str,
                const char        *digits,
                const NumberStyle *style)
{
  gsize len = strlen (digits);
  gsize *breaks;
  gsize n_breaks = 0;
  gsize pos = len;
  const char *g = style->grouping;
  int size = 0;

  if (*style->thousands_sep == '\0' || *g == '\0')
    {
      g_string_append (str, digits);
      return;
    }

  /* Where the separators go, counted from the right: each byte of the
   * grouping is a group's size, the last one repeats, CHAR_MAX stops. */
  breaks = g_new (gsize, len + 1);
  for (;;)
    {
      if (*g != '\0')
        {
          if (*g == CHAR_MAX || *g <= 0)
            break;
          size = *g++;
        }
      if (pos <= (gsize)size)
        break;
      pos -= size;
      breaks[n_breaks++] = pos;
    }

  for (gsize i = 0; i < len; i++)
    {
      for (gsize b = 0; b < n_breaks; b++)
        if (breaks[b] == i)
          g_string_append (str, style->thousands_sep);
      g_string_append_c (str, digits[i]);
    }

  g_free (breaks);
}

/* Formats |value| with @decimals decimals in @style into @str. */
static void
append_number (GString           *str,
               double             value,
               int                decimals,
               const NumberStyle *style)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 320];
  char format[16];
  char *point;

  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (buf, sizeof buf, format, fabs (value));

  point = strchr (buf, '.');
  if (point != NULL)
    *point = '\0';

  append_grouped (str, buf, style);

  if (point != NULL)
    {
      g_string_append (str, style->decimal_point);
      g_string_append (str, point + 1);
    }
}

static int
cost_decimals (double usd)
{
  if (usd == 0.0 || fabs (usd) >= 1.0)
    return 2;
  if (fabs (usd) >= 0.01)
    return 4;

  return CLAMP (1 - (int)floor (log10 (fabs (usd))), 4, 8);
}

/**
 * prism_format_cost:
 * @usd: a cost in US dollars, or NAN when it is not known
 *
 * Formats a cost for a person, with as many decimals as it needs to say
 * something: cents for a dollar or more, four decimals down to a cent,
 * and two significant digits below that, so that a request of $0.000074
 * does not read as $0.00. An unknown cost reads "unknown", never zero.
 *
 * The number follows the locale's separators. Prism counts in US
 * dollars whatever the locale, so the unit stays "$"; where it goes
 * ("$12.50" or "12,50 $") is the translation's choice.
 *
 * Returns: (transfer full): the formatted cost
 */
char *
prism_format_cost (double usd)
{
  g_autoptr(GString) number = g_string_new (NULL);
  NumberStyle style;

  if (isnan (usd))
    return g_strdup (_("unknown"));

  get_locale_style (&style);
  append_number (number, usd, cost_decimals (usd), &style);

  /* Translators: a cost in US dollars; %s is the number, already
   * written with this language's separators. Keep the $ sign: Prism
   * counts in US dollars in every language. */
  return g_strdup_printf (usd < 0 ? C_("cost", "-$%s") : C_("cost", "$%s"), number->str);
}

/**
 * prism_format_cost_c:
 * @usd: a cost in US dollars, or NAN when it is not known
 *
 * Like prism_format_cost(), for machine-readable output: the same
 * decimals, always "$" and "." and no grouping, whatever the locale.
 *
 * Returns: (transfer full): the cost, e.g. "$1234.50", or "unknown"
 */
char *
prism_format_cost_c (double usd)
{
  g_autoptr(GString) str = g_string_new (NULL);

  if (isnan (usd))
    return g_strdup ("unknown");

  g_string_append (str, usd < 0 ? "-$" : "$");
  append_number (str, usd, cost_decimals (usd), &c_style);

  return g_string_free (g_steal_pointer (&str), FALSE);
}

/**
 * prism_format_price:
 * @usd_per_million: a price in US dollars per million tokens, or NAN
 *
 * Formats a price for a person the way providers list them: cents, and
 * up to four more decimals when the price has them ("$0.075", not
 * "$0.08"), in the locale's notation like prism_format_cost().
 *
 * Returns: (transfer full): the formatted price, or "unknown"
 */
char *
prism_format_price (double usd_per_million)
{
  g_autoptr(GString) number = g_string_new (NULL);
  double magnitude = fabs (usd_per_million);
  NumberStyle style;
  int decimals = 2;

  if (isnan (usd_per_million))
    return g_strdup (_("unknown"));

  while (decimals < 6)
    {
      double scale = pow (10, decimals);

      if (fabs (round (magnitude * scale) / scale - magnitude) <= 1e-9 * MAX (1.0, magnitude))
        break;
      decimals++;
    }

  get_locale_style (&style);
  append_number (number, usd_per_million, decimals, &style);

  return g_strdup_printf (usd_per_million < 0 ? C_("cost", "-$%s") : C_("cost", "$%s"), number->str);
}

static char *
format_tokens (gint64             tokens,
               const NumberStyle *style)
{
  /* Through a guint64 so that G_MININT64 has a magnitude too. */
  guint64 magnitude = tokens < 0 ? (guint64)0 - (guint64)tokens : (guint64)tokens;
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude);
  GString *str = g_string_new (tokens < 0 ? "-" : NULL);

  append_grouped (str, digits, style);

  return g_string_free (str, FALSE);
}

/**
 * prism_format_tokens:
 * @tokens: a token count
 *
 * Returns: (transfer full): @tokens grouped for the locale, e.g. "12,345"
 *   in English and in the C locale, "12.345" in German
 */
char *
prism_format_tokens (gint64 tokens)
{
  NumberStyle style;

  get_locale_style (&style);

  return format_tokens (tokens, &style);
}

/**
 * prism_format_tokens_c:
 * @tokens: a token count
 *
 * Returns: (transfer full): @tokens as plain digits, e.g. "12345",
 *   whatever the locale
 */
char *
prism_format_tokens_c (gint64 tokens)
{
  return format_tokens (tokens, &c_style);
}

/**
 * prism_format_date_time:
 * @date_time: a date and time, in the zone it should be shown in
 *
 * Formats a moment for a person, the way their language writes dates
 * ("2026-11-25 09:30" in English, "25.11.2026, 09:30" in German), in
 * 24-hour time.
 *
 * Returns: (transfer full): the formatted date and time
 */
char *
prism_format_date_time (GDateTime *date_time)
{
  char *text;

  g_return_val_if_fail (date_time != NULL, NULL);

  /* Translators: how a date and time are shown, in the notation of
   * g_date_time_format(): %Y year, %m month, %d day, %H:%M time. */
  text = g_date_time_format (date_time, _("%Y-%m-%d %H:%M"));
  if (text == NULL)
    text = g_date_time_format (date_time, "%Y-%m-%d %H:%M");

  return text;
}

/**
 * prism_format_milliseconds:
 * @ms: a duration in milliseconds, NAN when unknown
 *
 * Formats a time to first token or a latency: whole milliseconds below a
 * second, tenths of a second above, a dash when unknown.
 *
 * Returns: (transfer full): the formatted duration
 */
char *
prism_format_milliseconds (double ms)
{
  if (isnan (ms))
    return g_strdup ("—");
  if (ms >= 1000)
    return g_strdup_printf (_("%.1f s"), ms / 1000);

  return g_strdup_printf (_("%.0f ms"), ms);
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
