/* test-sse.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "prism-error.h"
#include "prism-sse-parser-private.h"

typedef struct
{
  char  *type;
  char  *data;
  gsize  data_len;
  char  *id;
} Event;

typedef struct
{
  /* NULL when only the log is wanted, as in the many split runs. */
  GPtrArray *events;
  /* Every event in one comparable string, lengths included. */
  GString   *log;
} Recorder;

static void
event_free (gpointer data)
{
  Event *event = data;

  g_free (event->type);
  g_free (event->data);
  g_free (event->id);
  g_free (event);
}

static void
recorder_init (Recorder *rec)
{
  rec->events = g_ptr_array_new_with_free_func (event_free);
  rec->log = g_string_new (NULL);
}

static void
recorder_init_log_only (Recorder *rec)
{
  rec->events = NULL;
  rec->log = g_string_new (NULL);
}

static void
recorder_clear (Recorder *rec)
{
  g_clear_pointer (&rec->events, g_ptr_array_unref);
  g_string_free (rec->log, TRUE);
}

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
  Recorder *rec = user_data;

  g_assert_nonnull (event_type);
  g_assert_cmpuint (strlen (event_type), >, 0);
  g_assert_nonnull (data);
  g_assert_cmpint (data[data_len], ==, '\0');
  g_assert_true (g_utf8_validate (event_type, -1, NULL));
  g_assert_true (valid_utf8_with_nul (data, data_len));
  if (last_event_id != NULL)
    {
      g_assert_cmpuint (strlen (last_event_id), >, 0);
      g_assert_true (g_utf8_validate (last_event_id, -1, NULL));
    }

  if (rec->events != NULL)
    {
      Event *event = g_new0 (Event, 1);

      event->type = g_strdup (event_type);
      event->data = g_memdup2 (data, data_len + 1);
      event->data_len = data_len;
      event->id = g_strdup (last_event_id);
      g_ptr_array_add (rec->events, event);
    }

  g_string_append_printf (rec->log, "[%s|%s|%" G_GSIZE_FORMAT "]",
                          event_type, last_event_id ? last_event_id : "-", data_len);
  g_string_append_len (rec->log, data, data_len);
  g_string_append_c (rec->log, '\n');
}

static Event *
event_at (Recorder *rec,
          guint     i)
{
  g_assert_cmpuint (i, <, rec->events->len);
  return g_ptr_array_index (rec->events, i);
}

/* Feeds @input in pieces cut at each of @cuts (ascending), then finishes. */
static void
parse_cut (Recorder    *rec,
           const char  *input,
           gsize        len,
           const gsize *cuts,
           guint        n_cuts)
{
  g_autoptr(PrismSseParser) parser = prism_sse_parser_new (on_event, rec);
  g_autoptr(GError) error = NULL;
  gsize start = 0;

  for (guint i = 0; i <= n_cuts; i++)
    {
      gsize stop = i < n_cuts ? cuts[i] : len;

      g_assert_true (prism_sse_parser_feed (parser, input + start, stop - start, &error));
      g_assert_no_error (error);
      start = stop;
    }

  g_assert_true (prism_sse_parser_finish (parser, &error));
  g_assert_no_error (error);
}

static void
parse_whole (Recorder   *rec,
             const char *input,
             gsize       len)
{
  recorder_init (rec);
  parse_cut (rec, input, len, NULL, 0);
}

static void
parse_bytewise (Recorder   *rec,
                const char *input,
                gsize       len)
{
  g_autoptr(PrismSseParser) parser = prism_sse_parser_new (on_event, rec);
  g_autoptr(GError) error = NULL;

  recorder_init_log_only (rec);
  for (gsize i = 0; i < len; i++)
    {
      g_assert_true (prism_sse_parser_feed (parser, input + i, 1, &error));
      g_assert_no_error (error);
    }
  g_assert_true (prism_sse_parser_finish (parser, &error));
  g_assert_no_error (error);
}

/* Whatever way the input is cut, the events are those of one feed. */
static void
assert_any_split_same (const char *input,
                       gsize       len,
                       Recorder   *whole)
{
  Recorder bytewise;

  parse_whole (whole, input, len);

  for (gsize cut = 0; cut <= len; cut++)
    {
      Recorder split;

      recorder_init_log_only (&split);
      parse_cut (&split, input, len, &cut, 1);
      g_assert_cmpmem (split.log->str, split.log->len, whole->log->str, whole->log->len);
      recorder_clear (&split);
    }

  parse_bytewise (&bytewise, input, len);
  g_assert_cmpmem (bytewise.log->str, bytewise.log->len, whole->log->str, whole->log->len);
  recorder_clear (&bytewise);
}

#define assert_event(rec, i, t, d, id_) \
  G_STMT_START { \
    Event *e_ = event_at ((rec), (i)); \
    g_assert_cmpstr (e_->type, ==, (t)); \
    g_assert_cmpmem (e_->data, e_->data_len, (d), strlen (d)); \
    g_assert_cmpstr (e_->id, ==, (id_)); \
  } G_STMT_END

static void
test_basic (void)
{
  Recorder rec;

  assert_any_split_same ("data: hello\n\n", 13, &rec);
  g_assert_cmpuint (rec.events->len, ==, 1);
  assert_event (&rec, 0, "message", "hello", NULL);
  recorder_clear (&rec);

  /* Empty feeds change nothing. */
  recorder_init (&rec);
  {
    g_autoptr(PrismSseParser) parser = prism_sse_parser_new (on_event, &rec);

    g_assert_true (prism_sse_parser_feed (parser, NULL, 0, NULL));
    g_assert_true (prism_sse_parser_feed (parser, "data: x\n", 8, NULL));
    g_assert_true (prism_sse_parser_feed (parser, "", 0, NULL));
    g_assert_true (prism_sse_parser_feed (parser, "\n", 1, NULL));
    g_assert_true (prism_sse_parser_finish (parser, NULL));
  }
  g_assert_cmpuint (rec.events->len, ==, 1);
  assert_event (&rec, 0, "message", "x", NULL);
  recorder_clear (&rec);
}

static void
test_line_ends (void)
{
  static const char *variants[] = {
    "event: a\ndata: 1\ndata: 2\n\ndata: 3\n\n",
    "event: a\r\ndata: 1\r\ndata: 2\r\n\r\ndata: 3\r\n\r\n",
    "event: a\rdata: 1\rdata: 2\r\rdata: 3\r\r",
    "event: a\r\ndata: 1\rdata: 2\n\r\ndata: 3\r\r",
    "event: a\ndata: 1\r\ndata: 2\r\rdata: 3\n\r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      Recorder rec;

      assert_any_split_same (variants[i], strlen (variants[i]), &rec);
      g_assert_cmpuint (rec.events->len, ==, 2);
      assert_event (&rec, 0, "a", "1\n2", NULL);
      assert_event (&rec, 1, "message", "3", NULL);
      recorder_clear (&rec);
    }
}

/* A CR that ends one feed and the LF that starts the next are one line
 * end, not a line end and an empty line that would dispatch. */
static void
test_crlf_across_feeds (void)
{
  static const char input[] = "data: a\r\ndata: b\r\n\r\n";
  static const gsize cuts[] = { 8, 17 };
  Recorder rec;

  recorder_init (&rec);
  parse_cut (&rec, input, strlen (input), cuts, 1);
  g_assert_cmpuint (rec.events->len, ==, 1);
  assert_event (&rec, 0, "message", "a\nb", NULL);
  recorder_clear (&rec);

  recorder_init (&rec);
  parse_cut (&rec, input, strlen (input), cuts, 2);
  g_assert_cmpuint (rec.events->len, ==, 1);
  assert_event (&rec, 0, "message", "a\nb", NULL);
  recorder_clear (&rec);
}

static void
test_comments (void)
{
  static const char input[] =
    ": OPENROUTER PROCESSING\n\n"
    ":\n"
    ": ping\r\n"
    "data: {\"a\":1}\n"
    ": in the middle\n"
    "data: {\"b\":2}\n\n"
    ": OPENROUTER PROCESSING\n\n";
  Recorder rec;

  assert_any_split_same (input, strlen (input), &rec);
  g_assert_cmpuint (rec.events->len, ==, 1);
  assert_event (&rec, 0, "message", "{\"a\":1}\n{\"b\":2}", NULL);
  recorder_clear (&rec);
}

static void
test_data_space (void)
{
  static const char input[] =
    "data:x\n\n"
    "data: x\n\n"
    "data:  x\n\n"
    "data:\tx\n\n"
    "data: x \n\n";
  Recorder rec;

  assert_any_split_same (input, strlen (input), &rec);
  g_assert_cmpuint (rec.events->len, ==, 5);
  assert_event (&rec, 0, "message", "x", NULL);
  assert_event (&rec, 1, "message", "x", NULL);
  assert_event (&rec, 2, "message", " x", NULL);
  assert_event (&rec, 3, "message", "\tx", NULL);
  assert_event (&rec, 4, "message", "x ", NULL);
  recorder_clear (&rec);
}

static void
test_multi_data (void)
{
  static const char input[] = "data: a\ndata:\ndata: b\ndata\n\n";
  Recorder rec;

  assert_any_split_same (input, strlen (input), &rec);
  g_assert_cmpuint (rec.events->len, ==, 1);
  assert_event (&rec, 0, "message", "a\n\nb\n", NULL);
  recorder_clear (&rec);
}

/* An empty data: line makes an event with empty data; an event with no
 * data: line at all is not dispatched, and its event: is forgotten. */
static void
test_empty_data (void)
{
  static const char input[] =
    "data\n\n"
    "data:\n\n"
    "event: lonely\n\n"
    "data: after\n\n"
    "id: 7\n\n";
  Recorder rec;

  assert_any_split_same (input, strlen (input), &rec);
  g_assert_cmpuint (rec.events->len, ==, 3);
  assert_event (&rec, 0, "message", "", NULL);
  assert_event (&rec, 1, "message", "", NULL);
  assert_event (&rec, 2, "message", "after", NULL);
  recorder_clear (&rec);
}

static void
test_event_type (void)
{
  static const char input[] =
    "event: ping\ndata: {\"type\":\"ping\"}\n\n"
    "data: plain\n\n"
    "event: first\nevent: second\ndata: x\n\n"
    "event\ndata: y\n\n"
    "event:\ndata: z\n\n";
  Recorder rec;

  assert_any_split_same (input, strlen (input), &rec);
  g_assert_cmpuint (rec.events->len, ==, 5);
  assert_event (&rec, 0, "ping", "{\"type\":\"ping\"}", NULL);
  assert_event (&rec, 1, "message", "plain", NULL);
  assert_event (&rec, 2, "second", "x", NULL);
  assert_event (&rec, 3, "message", "y", NULL);
  assert_event (&rec, 4, "message", "z", NULL);
  recorder_clear (&rec);
}

static void
test_id (void)
{
  static const char input[] =
    "id: 42\ndata: a\n\n"
    "data: b\n\n"
    "id: 4\0002\ndata: c\n\n"
    "id: 43\n\n"
    "data: d\n\n"
    "id\ndata: e\n\n"
    "id: x\n\nid:\ndata: f\n\n"
    "data: g\nid: late\n\n";
  Recorder rec;

  assert_any_split_same (input, sizeof input - 1, &rec);
  g_assert_cmpuint (rec.events->len, ==, 7);
  assert_event (&rec, 0, "message", "a", "42");
  assert_event (&rec, 1, "message", "b", "42");
  /* An id: holding NUL is ignored. */
  assert_event (&rec, 2, "message", "c", "42");
  /* An id: without data still sets the id. */
  assert_event (&rec, 3, "message", "d", "43");
  assert_event (&rec, 4, "message", "e", NULL);
  assert_event (&rec, 5, "message", "f", NULL);
  assert_event (&rec, 6, "message", "g", "late");
  recorder_clear (&rec);
}

static gint64
retry_after (const char *input)
{
  g_autoptr(PrismSseParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  Recorder rec;
  gint64 retry;

  recorder_init (&rec);
  parser = prism_sse_parser_new (on_event, &rec);
  g_assert_cmpint (prism_sse_parser_get_retry (parser), ==, -1);
  g_assert_true (prism_sse_parser_feed (parser, input, strlen (input), &error));
  g_assert_no_error (error);
  retry = prism_sse_parser_get_retry (parser);
  recorder_clear (&rec);

  return retry;
}

static void
test_retry (void)
{
  g_assert_cmpint (retry_after ("retry: 3000\n"), ==, 3000);
  g_assert_cmpint (retry_after ("retry:0\n"), ==, 0);
  g_assert_cmpint (retry_after ("retry: 3000\nretry: 1500\n"), ==, 1500);
  g_assert_cmpint (retry_after ("retry: 3000\nretry: 2s\n"), ==, 3000);
  g_assert_cmpint (retry_after ("retry: 30s\n"), ==, -1);
  g_assert_cmpint (retry_after ("retry: -5\n"), ==, -1);
  g_assert_cmpint (retry_after ("retry: 1 0\n"), ==, -1);
  g_assert_cmpint (retry_after ("retry:\n"), ==, -1);
  g_assert_cmpint (retry_after ("retry\n"), ==, -1);
  g_assert_cmpint (retry_after ("retry:  100\n"), ==, -1);
  g_assert_cmpint (retry_after ("retry: 99999999999999999999999\n"), ==, G_MAXINT64);
  /* Not complete until its line ends. */
  g_assert_cmpint (retry_after ("retry: 100"), ==, -1);
}

static void
test_unknown_fields (void)
{
  static const char input[] =
    "foo: bar\n"
    "DATA: shouted\n"
    "data : spaced\n"
    "Data: capital\n"
    "data: kept\n"
    "obfuscation: Zx9\n"
    "\n";
  Recorder rec;

  assert_any_split_same (input, strlen (input), &rec);
  g_assert_cmpuint (rec.events->len, ==, 1);
  assert_event (&rec, 0, "message", "kept", NULL);
  recorder_clear (&rec);
}

/* A line without a colon is a field name with an empty value. */
static void
test_no_colon (void)
{
  static const char input[] = "data\ndata\n\nevent\ndata\n\nnonsense\n\n";
  Recorder rec;

  assert_any_split_same (input, strlen (input), &rec);
  g_assert_cmpuint (rec.events->len, ==, 2);
  assert_event (&rec, 0, "message", "\n", NULL);
  assert_event (&rec, 1, "message", "", NULL);
  recorder_clear (&rec);
}

static void
test_bom (void)
{
  static const char with_bom[] = "\xEF\xBB\xBF" "data: x\n\n";
  static const char two_boms[] = "\xEF\xBB\xBF\xEF\xBB\xBF" "data: x\n\n" "data: y\n\n";
  static const char half_bom[] = "\xEF\xBB" "data: x\n\n" "data: y\n\n";
  static const char late_bom[] = "data: a\n\n" "\xEF\xBB\xBF" "data: x\n\n";
  static const char bom_in_data[] = "\xEF\xBB\xBF" "data: \xEF\xBB\xBF\n\n";
  Recorder rec;

  assert_any_split_same (with_bom, strlen (with_bom), &rec);
  g_assert_cmpuint (rec.events->len, ==, 1);
  assert_event (&rec, 0, "message", "x", NULL);
  recorder_clear (&rec);

  /* Only one is dropped: the second starts the name of an unknown field. */
  assert_any_split_same (two_boms, strlen (two_boms), &rec);
  g_assert_cmpuint (rec.events->len, ==, 1);
  assert_event (&rec, 0, "message", "y", NULL);
  recorder_clear (&rec);

  /* Two bytes of a mark are not a mark; decoded, they are U+FFFD. */
  assert_any_split_same (half_bom, strlen (half_bom), &rec);
  g_assert_cmpuint (rec.events->len, ==, 1);
  assert_event (&rec, 0, "message", "y", NULL);
  recorder_clear (&rec);

  assert_any_split_same (late_bom, strlen (late_bom), &rec);
  g_assert_cmpuint (rec.events->len, ==, 1);
  assert_event (&rec, 0, "message", "a", NULL);
  recorder_clear (&rec);

  assert_any_split_same (bom_in_data, strlen (bom_in_data), &rec);
  g_assert_cmpuint (rec.events->len, ==, 1);
  assert_event (&rec, 0, "message", "\xEF\xBB\xBF", NULL);
  recorder_clear (&rec);
}

static void
test_finish (void)
{
  static const struct {
    const char *input;
    const char *data;
  } cases[] = {
    { "data: x", "x" },
    { "data: x\n", "x" },
    { "data: x\r", "x" },
    { "data: x\r\n", "x" },
    { "data: a\ndata: b", "a\nb" },
    { "\xEF\xBB", NULL },
    { "data: x\n\n", "x" },
    { "", NULL },
    { ": just a comment", NULL },
    { "event: only", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Recorder rec;

      assert_any_split_same (cases[i].input, strlen (cases[i].input), &rec);
      if (cases[i].data != NULL)
        {
          g_assert_cmpuint (rec.events->len, ==, 1);
          assert_event (&rec, 0, "message", cases[i].data, NULL);
        }
      else
        g_assert_cmpuint (rec.events->len, ==, 0);
      recorder_clear (&rec);
    }
}

/* After finish the parser reads a new stream: its own byte order mark
 * is dropped again, while the last id and retry carry over. */
static void
test_reuse (void)
{
  g_autoptr(PrismSseParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  static const char first[] = "retry: 500\nid: 9\ndata: one";
  static const char second[] = "\xEF\xBB\xBF" "data: two\n\n";
  Recorder rec;

  recorder_init (&rec);
  parser = prism_sse_parser_new (on_event, &rec);
  g_assert_true (prism_sse_parser_feed (parser, first, strlen (first), &error));
  g_assert_true (prism_sse_parser_finish (parser, &error));
  g_assert_true (prism_sse_parser_feed (parser, second, strlen (second), &error));
  g_assert_true (prism_sse_parser_finish (parser, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (rec.events->len, ==, 2);
  assert_event (&rec, 0, "message", "one", "9");
  assert_event (&rec, 1, "message", "two", "9");
  g_assert_cmpint (prism_sse_parser_get_retry (parser), ==, 500);
  recorder_clear (&rec);
}

static void
test_split_utf8 (void)
{
  /* Two-, three- and four-byte characters, in data and in event and id. */
  static const char input[] =
    "event: café\nid: ñ-1\ndata: {\"t\":\"größer 日本語 🌈\"}\n\n";
  Recorder rec;

  assert_any_split_same (input, strlen (input), &rec);
  g_assert_cmpuint (rec.events->len, ==, 1);
  assert_event (&rec, 0, "café", "{\"t\":\"größer 日本語 🌈\"}", "ñ-1");
  recorder_clear (&rec);
}

/* Values are decoded as the standard's UTF-8 decoder does: each maximal
 * invalid subpart becomes one U+FFFD; U+0000 is kept. */
static void
test_invalid_utf8 (void)
{
  static const char input[] =
    "data: a\xFF" "b\n\n"
    "data: \xE2\x82\n\n"
    "data: \xE2\x82" "x\xC3\n\n"
    "data: \xED\xA0\x80\n\n"
    "data: \xF0\x9F\x8C\n\n"
    "data: \xC0\xAF\n\n"
    "data: a\000b\n\n"
    "event: \xFF\ndata: t\n\n"
    "id: \xFE\ndata: i\n\n";
  Recorder rec;

  assert_any_split_same (input, sizeof input - 1, &rec);
  g_assert_cmpuint (rec.events->len, ==, 9);
  assert_event (&rec, 0, "message", "a\xEF\xBF\xBD" "b", NULL);
  assert_event (&rec, 1, "message", "\xEF\xBF\xBD", NULL);
  assert_event (&rec, 2, "message", "\xEF\xBF\xBD" "x\xEF\xBF\xBD", NULL);
  /* A surrogate: the lead byte, then each continuation byte. */
  assert_event (&rec, 3, "message", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", NULL);
  assert_event (&rec, 4, "message", "\xEF\xBF\xBD", NULL);
  assert_event (&rec, 5, "message", "\xEF\xBF\xBD\xEF\xBF\xBD", NULL);
  g_assert_cmpmem (event_at (&rec, 6)->data, event_at (&rec, 6)->data_len, "a\000b", 3);
  assert_event (&rec, 7, "\xEF\xBF\xBD", "t", NULL);
  assert_event (&rec, 8, "message", "i", "\xEF\xBF\xBD");
  recorder_clear (&rec);
}

/* A C string cannot hold U+0000: the name is cut there, and a name
 * cut to nothing is "message". Found by fuzz-sse. */
static void
test_event_type_nul (void)
{
  static const char input[] =
    "event:\000x\ndata: y\n\n"
    "event: a\000b\ndata: z\n\n";
  Recorder rec;

  assert_any_split_same (input, sizeof input - 1, &rec);
  g_assert_cmpuint (rec.events->len, ==, 2);
  assert_event (&rec, 0, "message", "y", NULL);
  assert_event (&rec, 1, "a", "z", NULL);
  recorder_clear (&rec);
}

/* Every input that once failed a fuzz target, cut every way. */
static void
test_fuzz_regressions (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "fuzz-regressions", "sse", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n_inputs = 0;

  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *input = NULL;
      gsize len;
      Recorder rec;

      g_file_get_contents (path, &input, &len, &error);
      g_assert_no_error (error);
      g_test_message ("%s: %" G_GSIZE_FORMAT " bytes", name, len);
      assert_any_split_same (input, len, &rec);
      recorder_clear (&rec);
      n_inputs++;
    }

  g_assert_cmpuint (n_inputs, >, 0);
}

static char *
load_stream (const char *name,
             gsize      *len)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "streams", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);

  return contents;
}

static void
assert_all_json_but_done (Recorder *rec)
{
  for (guint i = 0; i < rec->events->len; i++)
    {
      Event *e = event_at (rec, i);

      if (strcmp (e->data, "[DONE]") == 0)
        {
          g_assert_cmpuint (i, ==, rec->events->len - 1);
          continue;
        }
      g_assert_cmpint (e->data[0], ==, '{');
      g_assert_cmpint (e->data[e->data_len - 1], ==, '}');
      g_assert_null (strchr (e->data, '\n'));
      g_assert_true (g_utf8_validate (e->data, e->data_len, NULL));
    }
}

static void
test_recorded_openai (void)
{
  gsize len;
  g_autofree char *input = load_stream ("openai-chat.sse", &len);
  Recorder rec;
  GString *text = g_string_new (NULL);

  assert_any_split_same (input, len, &rec);
  g_assert_cmpuint (rec.events->len, ==, 20);
  assert_all_json_but_done (&rec);
  assert_event (&rec, 19, "message", "[DONE]", NULL);
  g_assert_nonnull (strstr (event_at (&rec, 0)->data, "\"role\":\"assistant\""));
  g_assert_nonnull (strstr (event_at (&rec, 17)->data, "\"finish_reason\":\"stop\""));
  g_assert_nonnull (strstr (event_at (&rec, 18)->data, "\"choices\":[]"));
  g_assert_nonnull (strstr (event_at (&rec, 18)->data, "\"total_tokens\":36"));
  g_assert_nonnull (strstr (event_at (&rec, 11)->data, "日本語"));
  for (guint i = 0; i < rec.events->len; i++)
    g_string_append (text, event_at (&rec, i)->data);
  g_assert_nonnull (strstr (text->str, "🌈"));
  g_string_free (text, TRUE);
  recorder_clear (&rec);
}

static void
test_recorded_openrouter (void)
{
  gsize len;
  g_autofree char *input = load_stream ("openrouter-chat.sse", &len);
  Recorder rec;

  assert_any_split_same (input, len, &rec);
  /* The three ": OPENROUTER PROCESSING" comments make no event. */
  g_assert_cmpuint (rec.events->len, ==, 10);
  assert_all_json_but_done (&rec);
  g_assert_null (strstr (rec.log->str, "OPENROUTER PROCESSING"));
  g_assert_nonnull (strstr (event_at (&rec, 1)->data, "größer"));
  g_assert_nonnull (strstr (event_at (&rec, 8)->data, "\"cost\":0.0001061"));
  assert_event (&rec, 9, "message", "[DONE]", NULL);
  recorder_clear (&rec);
}

static void
test_recorded_anthropic (void)
{
  static const char *types[] = {
    "message_start", "content_block_start", "ping", "content_block_delta",
    "content_block_delta", "content_block_delta", "content_block_delta",
    "content_block_stop", "content_block_start", "content_block_delta",
    "content_block_delta", "content_block_delta", "content_block_stop",
    "ping", "message_delta", "message_stop",
  };
  gsize len;
  g_autofree char *input = load_stream ("anthropic-messages.sse", &len);
  Recorder rec;

  assert_any_split_same (input, len, &rec);
  g_assert_cmpuint (rec.events->len, ==, G_N_ELEMENTS (types));
  assert_all_json_but_done (&rec);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autofree char *type_json = g_strdup_printf ("{\"type\":\"%s\"", types[i]);

      g_assert_cmpstr (event_at (&rec, i)->type, ==, types[i]);
      g_assert_true (g_str_has_prefix (event_at (&rec, i)->data, type_json));
    }
  g_assert_nonnull (strstr (event_at (&rec, 4)->data, "紅葉"));
  g_assert_nonnull (strstr (event_at (&rec, 11)->data, "寺の秋 🍁"));
  recorder_clear (&rec);
}

static void
test_recorded_gemini (void)
{
  gsize len;
  g_autofree char *input = load_stream ("gemini-alt-sse.sse", &len);
  Recorder rec;

  /* Recorded with CRLF line ends. */
  g_assert_nonnull (strstr (input, "\r\n\r\n"));
  assert_any_split_same (input, len, &rec);
  g_assert_cmpuint (rec.events->len, ==, 4);
  assert_all_json_but_done (&rec);
  g_assert_nonnull (strstr (event_at (&rec, 0)->data, "\"thought\":true"));
  g_assert_nonnull (strstr (event_at (&rec, 2)->data, "«Rayleigh scattering»"));
  g_assert_nonnull (strstr (event_at (&rec, 3)->data, "\"finishReason\":\"STOP\""));
  recorder_clear (&rec);
}

/* The recorded streams again with every line end turned into CRLF and
 * into a lone CR: the same events come out. */
static void
test_recorded_line_end_variants (void)
{
  static const char *names[] = {
    "openai-chat.sse", "openrouter-chat.sse", "anthropic-messages.sse", "gemini-alt-sse.sse",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gsize len;
      g_autofree char *input = load_stream (names[i], &len);
      g_autofree char *lf = NULL;
      g_autofree char *crlf = NULL;
      g_autofree char *cr = NULL;
      g_auto(GStrv) lines = NULL;
      Recorder plain, variant;

      /* JSON escapes its line ends, so a raw one only ends a line. */
      lines = g_strsplit (input, "\n", -1);
      for (guint j = 0; lines[j] != NULL; j++)
        if (g_str_has_suffix (lines[j], "\r"))
          lines[j][strlen (lines[j]) - 1] = '\0';
      lf = g_strjoinv ("\n", lines);
      crlf = g_strjoinv ("\r\n", lines);
      cr = g_strjoinv ("\r", lines);

      parse_whole (&plain, lf, strlen (lf));
      g_assert_cmpuint (plain.events->len, >, 0);

      assert_any_split_same (crlf, strlen (crlf), &variant);
      g_assert_cmpmem (variant.log->str, variant.log->len, plain.log->str, plain.log->len);
      recorder_clear (&variant);

      assert_any_split_same (cr, strlen (cr), &variant);
      g_assert_cmpmem (variant.log->str, variant.log->len, plain.log->str, plain.log->len);
      recorder_clear (&variant);

      recorder_clear (&plain);
    }
}

/* One 10 MB event, as a base64 image would be, in 4 KiB reads. */
static void
test_large_event (void)
{
  const gsize size = 10 * 1000 * 1000;
  g_autoptr(GString) input = g_string_sized_new (size + 64);
  gsize cuts[(10 * 1000 * 1000 + 64) / 4096 + 1];
  guint n_cuts = 0;
  Recorder rec;

  g_string_append (input, "event: image\ndata: {\"b64\":\"");
  for (gsize i = 0; input->len < size; i++)
    g_string_append_c (input, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[i % 64]);
  g_string_append (input, "\"}\n\n");

  for (gsize at = 4096; at < input->len; at += 4096)
    cuts[n_cuts++] = at;

  recorder_init (&rec);
  parse_cut (&rec, input->str, input->len, cuts, n_cuts);
  g_assert_cmpuint (rec.events->len, ==, 1);
  g_assert_cmpstr (event_at (&rec, 0)->type, ==, "image");
  g_assert_cmpuint (event_at (&rec, 0)->data_len, ==, input->len - strlen ("event: image\ndata: ") - 2);
  g_assert_cmpmem (event_at (&rec, 0)->data, event_at (&rec, 0)->data_len,
                   input->str + strlen ("event: image\ndata: "), event_at (&rec, 0)->data_len);
  recorder_clear (&rec);

  recorder_init (&rec);
  parse_cut (&rec, input->str, input->len, NULL, 0);
  g_assert_cmpuint (rec.events->len, ==, 1);
  g_assert_cmpuint (event_at (&rec, 0)->data_len, ==, input->len - strlen ("event: image\ndata: ") - 2);
  recorder_clear (&rec);
}

static void
feed_until_error (gboolean one_line)
{
  g_autoptr(PrismSseParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *piece = g_malloc (1024 * 1024);
  gsize fed = 0;
  Recorder rec;

  recorder_init (&rec);
  parser = prism_sse_parser_new (on_event, &rec);
  g_assert_true (prism_sse_parser_feed (parser, "data: ", 6, &error));

  /* Many lines, each a data: line of 1 MiB, or one endless line. */
  memset (piece, 'a', 1024 * 1024);
  if (!one_line)
    memcpy (piece + 1024 * 1024 - 7, "\ndata: ", 7);

  while (prism_sse_parser_feed (parser, piece, 1024 * 1024, &error))
    {
      fed += 1024 * 1024;
      g_assert_cmpuint (fed, <=, PRISM_SSE_MAX_EVENT_SIZE);
    }

  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "64 MiB"));
  g_assert_cmpuint (fed, >=, PRISM_SSE_MAX_EVENT_SIZE - 2 * 1024 * 1024);
  g_clear_error (&error);

  /* It stays failed rather than parse the middle of an event. */
  g_assert_false (prism_sse_parser_feed (parser, "\n\ndata: x\n\n", 11, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL);
  g_clear_error (&error);
  g_assert_false (prism_sse_parser_finish (parser, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL);
  g_assert_cmpuint (rec.events->len, ==, 0);
  recorder_clear (&rec);
}

static void
test_too_large (void)
{
  feed_until_error (FALSE);
  feed_until_error (TRUE);
}

typedef struct
{
  guint n_events;
  gsize first_len;
  gsize total_len;
} Counter;

static void
count_event (const char *event_type,
             const char *data,
             gsize       data_len,
             const char *last_event_id,
             gpointer    user_data)
{
  Counter *counter = user_data;

  if (counter->n_events++ == 0)
    counter->first_len = data_len;
  counter->total_len += data_len;
}

/* Feeding 20 MB a byte at a time finishes, and the parser looks at each
 * byte a bounded number of times: a parser that searched its buffered
 * line again on each feed would examine about n²/2 bytes here. */
static void
test_linear (void)
{
  static const char small[] = ": keep-alive\r\nevent: delta\r\ndata: {\"text\":\"x\"}\r\n\r\n";
  const gsize size = 20 * 1000 * 1000;
  g_autoptr(GString) input = g_string_sized_new (size + 4096);
  g_autoptr(PrismSseParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  Counter counter = { 0, };
  gsize one_event_len;
  guint n_small;
  guint64 examined;

  /* Half one 10 MB event, half small CRLF events with comments. */
  g_string_append (input, "data: ");
  while (input->len < size / 2)
    g_string_append (input, "0123456789abcdef");
  g_string_append (input, "\n\n");
  one_event_len = input->len;
  while (input->len < size)
    g_string_append (input, small);
  n_small = (input->len - one_event_len) / strlen (small);

  parser = prism_sse_parser_new (count_event, &counter);
  for (gsize i = 0; i < input->len; i++)
    {
      if (!prism_sse_parser_feed (parser, input->str + i, 1, &error))
        break;
    }
  g_assert_no_error (error);
  g_assert_true (prism_sse_parser_finish (parser, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (counter.n_events, ==, 1 + n_small);
  g_assert_cmpuint (counter.first_len, ==, one_event_len - 8);
  g_assert_cmpuint (counter.total_len, ==, one_event_len - 8 + n_small * strlen ("{\"text\":\"x\"}"));

  examined = prism_sse_parser_get_bytes_examined (parser);
  g_test_message ("examined %" G_GUINT64_FORMAT " bytes for %" G_GSIZE_FORMAT,
                  examined, input->len);
  g_assert_cmpuint (examined, >=, input->len);
  g_assert_cmpuint (examined, <=, 8 * (guint64) input->len);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/prism/sse/basic", test_basic);
  g_test_add_func ("/prism/sse/line-ends", test_line_ends);
  g_test_add_func ("/prism/sse/crlf-across-feeds", test_crlf_across_feeds);
  g_test_add_func ("/prism/sse/comments", test_comments);
  g_test_add_func ("/prism/sse/data-space", test_data_space);
  g_test_add_func ("/prism/sse/multi-data", test_multi_data);
  g_test_add_func ("/prism/sse/empty-data", test_empty_data);
  g_test_add_func ("/prism/sse/event-type", test_event_type);
  g_test_add_func ("/prism/sse/id", test_id);
  g_test_add_func ("/prism/sse/retry", test_retry);
  g_test_add_func ("/prism/sse/unknown-fields", test_unknown_fields);
  g_test_add_func ("/prism/sse/no-colon", test_no_colon);
  g_test_add_func ("/prism/sse/bom", test_bom);
  g_test_add_func ("/prism/sse/finish", test_finish);
  g_test_add_func ("/prism/sse/reuse", test_reuse);
  g_test_add_func ("/prism/sse/split-utf8", test_split_utf8);
  g_test_add_func ("/prism/sse/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/prism/sse/event-type-nul", test_event_type_nul);
  g_test_add_func ("/prism/sse/fuzz-regressions", test_fuzz_regressions);
  g_test_add_func ("/prism/sse/recorded/openai", test_recorded_openai);
  g_test_add_func ("/prism/sse/recorded/openrouter", test_recorded_openrouter);
  g_test_add_func ("/prism/sse/recorded/anthropic", test_recorded_anthropic);
  g_test_add_func ("/prism/sse/recorded/gemini", test_recorded_gemini);
  g_test_add_func ("/prism/sse/recorded/line-end-variants", test_recorded_line_end_variants);
  g_test_add_func ("/prism/sse/large-event", test_large_event);
  g_test_add_func ("/prism/sse/too-large", test_too_large);
  g_test_add_func ("/prism/sse/linear", test_linear);

  return g_test_run ();
}
