/* prism-sse-parser.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-sse-parser"

#include "config.h"

#include "prism-sse-parser-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "prism-error.h"

/*
 * An incremental parser of the WHATWG "text/event-stream" format.
 *
 * It works on bytes: line ends and field names are ASCII, which never
 * occurs inside a multi-byte UTF-8 sequence, so a feed may end anywhere,
 * even inside a character. Values are decoded as UTF-8 (invalid sequences
 * become U+FFFD, as the standard's decoder does) only when they are used.
 *
 * Each byte is examined a bounded number of times: whole lines found in a
 * feed are parsed where they lie; only the unfinished tail of a feed is
 * copied aside, and the search for the next line end never goes back over
 * bytes already searched.
 */

static const guchar bom[] = { 0xEF, 0xBB, 0xBF };

struct _PrismSseParser
{
  PrismSseEventFunc  func;
  gpointer           user_data;

  /* The start of a line whose end has not arrived yet. */
  GString           *line;
  GString           *data;
  GString           *event_type;
  /* NULL when the last id: was empty or there was none. */
  char              *last_event_id;
  /* Where values with invalid UTF-8 are decoded at dispatch. */
  GString           *scratch;
  GString           *type_scratch;

  gint64             retry;
  guint64            examined;

  /* How many bytes of a byte order mark the stream has begun with. */
  guint              bom_seen;
  guint              bom_done : 1;
  /* The last line ended in CR: an LF that follows belongs to it. */
  guint              skip_lf : 1;
  guint              failed : 1;
};

/**
 * prism_sse_parser_new:
 * @func: called for each event
 * @user_data: passed to @func
 *
 * Returns: (transfer full): a parser at the start of a stream
 */
PrismSseParser *
prism_sse_parser_new (PrismSseEventFunc func,
                      gpointer          user_data)
{
  PrismSseParser *self;

  g_return_val_if_fail (func != NULL, NULL);

  self = g_new0 (PrismSseParser, 1);
  self->func = func;
  self->user_data = user_data;
  self->line = g_string_new (NULL);
  self->data = g_string_new (NULL);
  self->event_type = g_string_new (NULL);
  self->scratch = g_string_new (NULL);
  self->type_scratch = g_string_new (NULL);
  self->retry = -1;

  return self;
}

void
prism_sse_parser_free (PrismSseParser *self)
{
  if (self == NULL)
    return;

  g_string_free (self->line, TRUE);
  g_string_free (self->data, TRUE);
  g_string_free (self->event_type, TRUE);
  g_string_free (self->scratch, TRUE);
  g_string_free (self->type_scratch, TRUE);
  g_free (self->last_event_id);
  g_free (self);
}

/* One step of the WHATWG UTF-8 decoder: TRUE for a valid sequence of
 * *consumed bytes; FALSE for one U+FFFD that replaces *consumed bytes. */
static gboolean
utf8_sequence (const guchar *p,
               gsize         avail,
               gsize        *consumed)
{
  guchar lower = 0x80;
  guchar upper = 0xBF;
  gsize needed;

  if (p[0] < 0x80)
    needed = 0;
  else if (p[0] >= 0xC2 && p[0] <= 0xDF)
    needed = 1;
  else if (p[0] >= 0xE0 && p[0] <= 0xEF)
    {
      needed = 2;
      if (p[0] == 0xE0)
        lower = 0xA0;
      else if (p[0] == 0xED)
        upper = 0x9F;
    }
  else if (p[0] >= 0xF0 && p[0] <= 0xF4)
    {
      needed = 3;
      if (p[0] == 0xF0)
        lower = 0x90;
      else if (p[0] == 0xF4)
        upper = 0x8F;
    }
  else
    {
      *consumed = 1;
      return FALSE;
    }

  for (gsize i = 1; i <= needed; i++)
    {
      if (i >= avail || p[i] < lower || p[i] > upper)
        {
          *consumed = i;
          return FALSE;
        }
      lower = 0x80;
      upper = 0xBF;
    }

  *consumed = needed + 1;
  return TRUE;
}

/* Returns @text itself when it is valid UTF-8 (U+0000 included), else a
 * copy in @scratch with each invalid sequence replaced by U+FFFD. */
static const char *
decode_utf8 (PrismSseParser *self,
             GString        *scratch,
             const char     *text,
             gsize           len,
             gsize          *out_len)
{
  const guchar *p = (const guchar *) text;
  gsize i = 0;
  gsize consumed;

  self->examined += len;

  while (i < len)
    {
      guint64 word;

      /* Eight ASCII bytes at a time: the usual case, JSON. */
      if (i + sizeof word <= len)
        {
          memcpy (&word, p + i, sizeof word);
          if ((word & G_GUINT64_CONSTANT (0x8080808080808080)) == 0)
            {
              i += sizeof word;
              continue;
            }
        }

      if (p[i] < 0x80)
        i++;
      else if (utf8_sequence (p + i, len - i, &consumed))
        i += consumed;
      else
        break;
    }

  if (i == len)
    {
      *out_len = len;
      return text;
    }

  g_string_truncate (scratch, 0);
  g_string_append_len (scratch, text, i);

  while (i < len)
    {
      if (utf8_sequence (p + i, len - i, &consumed))
        g_string_append_len (scratch, text + i, consumed);
      else
        g_string_append (scratch, "\xEF\xBF\xBD");
      i += consumed;
    }

  *out_len = scratch->len;
  return scratch->str;
}

static void
dispatch (PrismSseParser *self)
{
  const char *event_type = "";
  const char *data;
  gsize data_len;

  if (self->data->len == 0)
    {
      g_string_truncate (self->event_type, 0);
      return;
    }

  if (self->data->str[self->data->len - 1] == '\n')
    g_string_truncate (self->data, self->data->len - 1);

  if (self->event_type->len > 0)
    {
      gsize type_len;

      event_type = decode_utf8 (self, self->type_scratch,
                                self->event_type->str, self->event_type->len, &type_len);
    }

  data = decode_utf8 (self, self->scratch, self->data->str, self->data->len, &data_len);

  /* A C string ends at U+0000, so a name holding one is cut there; an
   * empty name is "message", as when there was none. */
  self->func (event_type[0] != '\0' ? event_type : "message",
              data,
              data_len,
              self->last_event_id,
              self->user_data);

  g_string_truncate (self->data, 0);
  g_string_truncate (self->event_type, 0);
}

static gboolean
set_too_large (PrismSseParser  *self,
               GError         **error)
{
  self->failed = TRUE;
  g_set_error (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL,
               _("The server sent an event larger than %u MiB, which is not a chat "
                 "stream. Check the provider’s base URL, or try again later."),
               (guint) (PRISM_SSE_MAX_EVENT_SIZE / (1024 * 1024)));
  return FALSE;
}

static gboolean
field_is (const char *name,
          gsize       name_len,
          const char *field)
{
  return name_len == strlen (field) && memcmp (name, field, name_len) == 0;
}

static void
set_retry (PrismSseParser *self,
           const char     *value,
           gsize           len)
{
  gint64 retry = 0;

  if (len == 0)
    return;

  for (gsize i = 0; i < len; i++)
    {
      int digit;

      if (value[i] < '0' || value[i] > '9')
        return;

      digit = value[i] - '0';
      /* Digits past what fits still name "a very long time". */
      if (retry > (G_MAXINT64 - digit) / 10)
        retry = G_MAXINT64;
      else
        retry = retry * 10 + digit;
    }

  self->retry = retry;
}

static gboolean
process_line (PrismSseParser  *self,
              const char      *line,
              gsize            len,
              GError         **error)
{
  const char *colon;
  const char *value;
  gsize name_len;
  gsize value_len;

  if (len == 0)
    {
      dispatch (self);
      return TRUE;
    }

  if (line[0] == ':')
    return TRUE;

  colon = memchr (line, ':', len);
  if (colon != NULL)
    {
      name_len = colon - line;
      value = colon + 1;
      value_len = len - name_len - 1;
      if (value_len > 0 && value[0] == ' ')
        {
          value++;
          value_len--;
        }
      self->examined += name_len + 1;
    }
  else
    {
      name_len = len;
      value = line + len;
      value_len = 0;
      self->examined += len;
    }

  if (field_is (line, name_len, "data"))
    {
      if (self->data->len + value_len + 1 > PRISM_SSE_MAX_EVENT_SIZE)
        return set_too_large (self, error);

      g_string_append_len (self->data, value, value_len);
      g_string_append_c (self->data, '\n');
      self->examined += value_len;
    }
  else if (field_is (line, name_len, "event"))
    {
      g_string_truncate (self->event_type, 0);
      g_string_append_len (self->event_type, value, value_len);
      self->examined += value_len;
    }
  else if (field_is (line, name_len, "id"))
    {
      self->examined += value_len;
      if (memchr (value, '\0', value_len) == NULL)
        {
          g_clear_pointer (&self->last_event_id, g_free);
          if (value_len > 0)
            {
              gsize id_len;
              const char *id = decode_utf8 (self, self->scratch, value, value_len, &id_len);

              self->last_event_id = g_strndup (id, id_len);
            }
        }
    }
  else if (field_is (line, name_len, "retry"))
    {
      self->examined += value_len;
      set_retry (self, value, value_len);
    }

  return TRUE;
}

static const char *
find_byte (PrismSseParser *self,
           const char     *from,
           const char     *end,
           char            byte)
{
  const char *found = memchr (from, byte, end - from);

  if (found == NULL)
    {
      self->examined += end - from;
      return end;
    }

  self->examined += found - from + 1;
  return found;
}

static gboolean
parse (PrismSseParser  *self,
       const char      *bytes,
       gsize            len,
       GError         **error)
{
  const char *p = bytes;
  const char *end = bytes + len;
  /* The next CR and LF at or after p, or end when there is none. Each is
   * searched for again only once p has passed it. */
  const char *cr = NULL;
  const char *lf = NULL;

  while (p < end)
    {
      const char *eol;

      if (self->skip_lf)
        {
          self->skip_lf = FALSE;
          if (*p == '\n')
            {
              p++;
              continue;
            }
        }

      if (cr == NULL || cr < p)
        cr = find_byte (self, p, end, '\r');
      if (lf == NULL || lf < p)
        lf = find_byte (self, p, end, '\n');

      eol = MIN (cr, lf);

      if (eol == end)
        {
          if (self->line->len + self->data->len + (end - p) > PRISM_SSE_MAX_EVENT_SIZE)
            return set_too_large (self, error);

          g_string_append_len (self->line, p, end - p);
          self->examined += end - p;
          break;
        }

      if (self->line->len > 0)
        {
          gboolean ok;

          if (self->line->len + self->data->len + (eol - p) > PRISM_SSE_MAX_EVENT_SIZE)
            return set_too_large (self, error);

          g_string_append_len (self->line, p, eol - p);
          self->examined += eol - p;
          ok = process_line (self, self->line->str, self->line->len, error);
          g_string_truncate (self->line, 0);
          if (!ok)
            return FALSE;
        }
      else if (!process_line (self, p, eol - p, error))
        return FALSE;

      self->skip_lf = (*eol == '\r');
      p = eol + 1;
    }

  return TRUE;
}

/**
 * prism_sse_parser_feed:
 * @self: a #PrismSseParser
 * @bytes: (array length=len): the next bytes of the stream
 * @len: the length of @bytes
 * @error: return location for a #GError
 *
 * Parses @bytes, calling the event function for each event they complete.
 * A feed may end anywhere, even inside a line ending or a character.
 *
 * Returns: %FALSE with %PRISM_ERROR_PROTOCOL when one event grew past
 *   64 MiB; the parser then refuses further bytes
 */
gboolean
prism_sse_parser_feed (PrismSseParser  *self,
                       const char      *bytes,
                       gsize            len,
                       GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->failed)
    return set_too_large (self, error);

  /* One leading byte order mark is dropped, even when it arrives a byte
   * at a time; the start of anything else is parsed as it is. */
  while (!self->bom_done && len > 0)
    {
      if ((guchar) bytes[0] == bom[self->bom_seen])
        {
          self->examined++;
          self->bom_seen++;
          bytes++;
          len--;
          if (self->bom_seen == G_N_ELEMENTS (bom))
            self->bom_done = TRUE;
        }
      else
        {
          self->bom_done = TRUE;
          if (!parse (self, (const char *) bom, self->bom_seen, error))
            return FALSE;
        }
    }

  return parse (self, bytes, len, error);
}

/**
 * prism_sse_parser_finish:
 * @self: a #PrismSseParser
 * @error: return location for a #GError
 *
 * Ends the stream: a last line without its line end, and a last event
 * without its blank line, are dispatched as if they had been complete.
 * The parser is then ready for a new stream; the last event id and the
 * retry time are kept, as a reconnection keeps them.
 *
 * Returns: %FALSE when the parser had failed
 */
gboolean
prism_sse_parser_finish (PrismSseParser  *self,
                         GError         **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->failed)
    return set_too_large (self, error);

  if (!self->bom_done)
    ok = parse (self, (const char *) bom, self->bom_seen, error);

  if (ok && self->line->len > 0)
    ok = process_line (self, self->line->str, self->line->len, error);

  if (ok)
    dispatch (self);

  g_string_truncate (self->line, 0);
  g_string_truncate (self->data, 0);
  g_string_truncate (self->event_type, 0);
  self->bom_seen = 0;
  self->bom_done = FALSE;
  self->skip_lf = FALSE;

  return ok;
}

/**
 * prism_sse_parser_get_retry:
 * @self: a #PrismSseParser
 *
 * Returns: the last valid `retry:` in milliseconds, or -1 when none came
 */
gint64
prism_sse_parser_get_retry (PrismSseParser *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->retry;
}

/* How many bytes the parser has looked at or copied, for the test that
 * proves its cost is linear in the length of the stream. */
guint64
prism_sse_parser_get_bytes_examined (PrismSseParser *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->examined;
}
