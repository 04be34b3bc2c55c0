/* fuzz-ndjson.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "prism-ndjson-parser.h"

/*
 * Feeds the input whole, cut in two and three at places the input itself
 * chooses, and a byte at a time; every way must give the same lines, and
 * every line must be non-empty, NUL-terminated and free of LF.
 */

typedef struct
{
  GString *log;
  gsize    bytes;
} Lines;

static void
on_line (const char *line,
         gsize       len,
         gpointer    user_data)
{
  Lines *lines = user_data;

  if (line == NULL || len == 0 || line[len] != '\0' || memchr (line, '\n', len) != NULL)
    abort ();

  lines->bytes += len;
  g_string_append_printf (lines->log, "[%" G_GSIZE_FORMAT "]", len);
  g_string_append_len (lines->log, line, len);
  g_string_append_c (lines->log, '\n');
}

static GString *
parse (const char  *input,
       gsize        len,
       const gsize *cuts,
       guint        n_cuts)
{
  Lines lines = { g_string_new (NULL), 0 };
  PrismNdjsonParser *parser = prism_ndjson_parser_new (on_line, &lines);
  gsize start = 0;

  for (guint i = 0; i <= n_cuts; i++)
    {
      gsize stop = i < n_cuts ? CLAMP (cuts[i], start, len) : len;

      if (!prism_ndjson_parser_feed (parser, input + start, stop - start, NULL))
        abort ();
      start = stop;
    }

  if (!prism_ndjson_parser_finish (parser, NULL))
    abort ();
  prism_ndjson_parser_free (parser);

  /* Only line ends are dropped: LF, and at most one CR before each. */
  if (lines.bytes > len)
    abort ();

  return lines.log;
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
  GString *whole;
  GString *other;

  if (size == 0)
    return 0;

  whole = parse (input, size, NULL, 0);

  cuts[0] = ((gsize) data[0] << 8 | data[size - 1]) % (size + 1);
  other = parse (input, size, cuts, 1);
  if (other->len != whole->len || memcmp (other->str, whole->str, whole->len) != 0)
    abort ();
  g_string_free (other, TRUE);

  cuts[1] = cuts[0] + (size - cuts[0]) / 2;
  cuts[2] = cuts[1] + 1;
  other = parse (input, size, cuts, 3);
  if (other->len != whole->len || memcmp (other->str, whole->str, whole->len) != 0)
    abort ();
  g_string_free (other, TRUE);

  if (size <= G_N_ELEMENTS (bytewise))
    {
      for (gsize i = 0; i < size; i++)
        bytewise[i] = i;
      other = parse (input, size, bytewise, size);
      if (other->len != whole->len || memcmp (other->str, whole->str, whole->len) != 0)
        abort ();
      g_string_free (other, TRUE);
    }

  g_string_free (whole, TRUE);

  return 0;
}
