/* prism-ndjson-parser.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-ndjson-parser"

#include "config.h"

#include "prism-ndjson-parser-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "prism-error.h"

/*
 * Splits a stream of newline-delimited JSON (Ollama's /api/chat) into
 * lines. Only LF ends a line (a CR before it is dropped); JSON itself is
 * left to the caller. Each byte is searched once and copied once, into
 * the buffer that NUL-terminates the line, so the cost is linear.
 */

struct _PrismNdjsonParser
{
  PrismNdjsonLineFunc  func;
  gpointer             user_data;
  GString             *line;
  guint64              examined;
  gboolean             failed;
};

/**
 * prism_ndjson_parser_new:
 * @func: called for each non-empty line
 * @user_data: passed to @func
 *
 * Returns: (transfer full): a parser at the start of a stream
 */
PrismNdjsonParser *
prism_ndjson_parser_new (PrismNdjsonLineFunc func,
                         gpointer            user_data)
{
  PrismNdjsonParser *self;

  g_return_val_if_fail (func != NULL, NULL);

  self = g_new0 (PrismNdjsonParser, 1);
  self->func = func;
  self->user_data = user_data;
  self->line = g_string_new (NULL);

  return self;
}

void
prism_ndjson_parser_free (PrismNdjsonParser *self)
{
  if (self == NULL)
    return;

  g_string_free (self->line, TRUE);
  g_free (self);
}

static gboolean
set_too_long (PrismNdjsonParser  *self,
              GError            **error)
{
  self->failed = TRUE;
  g_set_error (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL,
               _("The server sent a line longer than %u MiB, which is not a chat "
                 "stream. Check the server’s address, or try again later."),
               (guint) (PRISM_NDJSON_MAX_LINE_SIZE / (1024 * 1024)));
  return FALSE;
}

/* Hands over the line collected in self->line and empties it. */
static void
deliver (PrismNdjsonParser *self)
{
  gsize len = self->line->len;

  if (len > 0 && self->line->str[len - 1] == '\r')
    g_string_truncate (self->line, --len);

  if (len > 0)
    self->func (self->line->str, len, self->user_data);

  g_string_truncate (self->line, 0);
}

/**
 * prism_ndjson_parser_feed:
 * @self: a #PrismNdjsonParser
 * @bytes: (array length=len): the next bytes of the stream
 * @len: the length of @bytes
 * @error: return location for a #GError
 *
 * Calls the line function for each line that @bytes complete.
 *
 * Returns: %FALSE with %PRISM_ERROR_PROTOCOL when one line grew past
 *   64 MiB; the parser then refuses further bytes
 */
gboolean
prism_ndjson_parser_feed (PrismNdjsonParser  *self,
                          const char         *bytes,
                          gsize               len,
                          GError            **error)
{
  const char *p = bytes;
  const char *end = bytes + len;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->failed)
    return set_too_long (self, error);

  while (p < end)
    {
      const char *lf = memchr (p, '\n', end - p);
      const char *stop = lf != NULL ? lf : end;

      self->examined += (lf != NULL ? lf + 1 : end) - p;

      if (self->line->len + (stop - p) > PRISM_NDJSON_MAX_LINE_SIZE)
        return set_too_long (self, error);

      g_string_append_len (self->line, p, stop - p);
      self->examined += stop - p;

      if (lf == NULL)
        break;

      deliver (self);
      p = lf + 1;
    }

  return TRUE;
}

/**
 * prism_ndjson_parser_finish:
 * @self: a #PrismNdjsonParser
 * @error: return location for a #GError
 *
 * Ends the stream, delivering a last line that lacks its line end. The
 * parser is then ready for a new stream.
 *
 * Returns: %FALSE when the parser had failed
 */
gboolean
prism_ndjson_parser_finish (PrismNdjsonParser  *self,
                            GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->failed)
    return set_too_long (self, error);

  deliver (self);

  return TRUE;
}

/* How many bytes the parser has looked at or copied, for the test that
 * proves its cost is linear in the length of the stream. */
guint64
prism_ndjson_parser_get_bytes_examined (PrismNdjsonParser *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->examined;
}
