/* fuzz-sse.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "prism-sse-parser.h"

/*
 * Feeds the input whole, cut in two and three at places the input itself
 * chooses, and a byte at a time; every way must give the same events,
 * and every event must be well formed.
 */

static gboolean
valid_utf8_with_nul (const char *text,
                     gsize       len)
{
  const char *end = text + len;

  while (text < end)
    {
      const char *nul = memchr (text, '\0', end - text);
      const char *stop = nul != NULL ? nul : end;

      if (!g_utf8_validate (text, stop - text, NULL))
        return FALSE;
      text = nul != NULL ? nul + 1 : end;
    }

  return TRUE;
}

static void
on_event (const char *event_type,
          const char *data,
          gsize       data_len,
          const char *last_event_id,
          gpointer    user_data)
{
  GString *log = user_data;

  if (event_type == NULL || event_type[0] == '\0' || !g_utf8_validate (event_type, -1, NULL))
    abort ();
  if (data == NULL || data[data_len] != '\0' || !valid_utf8_with_nul (data, data_len))
    abort ();
  if (last_event_id != NULL && (last_event_id[0] == '\0' || !g_utf8_validate (last_event_id, -1, NULL)))
    abort ();

  g_string_append_printf (log, "[%s|%s|%" G_GSIZE_FORMAT "]",
                          event_type, last_event_id ? last_event_id : "-", data_len);
  g_string_append_len (log, data, data_len);
  g_string_append_c (log, '\n');
}

static GString *
parse (const char *input,
       gsize       len,
       const gsize *cuts,
       guint        n_cuts,
       gint64      *retry)
{
  GString *log = g_string_new (NULL);
  PrismSseParser *parser = prism_sse_parser_new (on_event, log);
  gsize start = 0;

  for (guint i = 0; i <= n_cuts; i++)
    {
      gsize stop = i < n_cuts ? CLAMP (cuts[i], start, len) : len;

      /* Inputs are far below the size limit: a feed never fails. */
      if (!prism_sse_parser_feed (parser, input + start, stop - start, NULL))
        abort ();
      start = stop;
    }

  if (!prism_sse_parser_finish (parser, NULL))
    abort ();

  *retry = prism_sse_parser_get_retry (parser);
  prism_sse_parser_free (parser);

  return log;
}

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *input = (const char *) data;
  gsize cuts[3];
  gsize bytewise[4096];
  gint64 retry_whole, retry_other;
  GString *whole;
  GString *other;

  if (size == 0)
    return 0;

  whole = parse (input, size, NULL, 0, &retry_whole);

  cuts[0] = ((gsize) data[0] << 8 | data[size - 1]) % (size + 1);
  other = parse (input, size, cuts, 1, &retry_other);
  if (other->len != whole->len || memcmp (other->str, whole->str, whole->len) != 0 ||
      retry_other != retry_whole)
    abort ();
  g_string_free (other, TRUE);

  cuts[1] = cuts[0] + (size - cuts[0]) / 2;
  cuts[2] = cuts[1] + 1;
  other = parse (input, size, cuts, 3, &retry_other);
  if (other->len != whole->len || memcmp (other->str, whole->str, whole->len) != 0 ||
      retry_other != retry_whole)
    abort ();
  g_string_free (other, TRUE);

  if (size <= G_N_ELEMENTS (bytewise))
    {
      for (gsize i = 0; i < size; i++)
        bytewise[i] = i;
      other = parse (input, size, bytewise, size, &retry_other);
      if (other->len != whole->len || memcmp (other->str, whole->str, whole->len) != 0 ||
          retry_other != retry_whole)
        abort ();
      g_string_free (other, TRUE);
    }

  g_string_free (whole, TRUE);

  return 0;
}
