/* test-ndjson.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "prism-error.h"
#include "prism-ndjson-parser-private.h"

typedef struct
{
  /* NULL when only the log is wanted, as in the many split runs. */
  GPtrArray *lines;
  /* Every line in one comparable string, lengths included. */
  GString   *log;
} Recorder;

static void
recorder_init (Recorder *rec)
{
  rec->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  rec->log = g_string_new (NULL);
}

static void
recorder_init_log_only (Recorder *rec)
{
  rec->lines = NULL;
  rec->log = g_string_new (NULL);
}

static void
recorder_clear (Recorder *rec)
{
  g_clear_pointer (&rec->lines, g_ptr_array_unref);
  g_string_free (rec->log, TRUE);
}

static void
on_line (const char *line,
         gsize       len,
         gpointer    user_data)
{
  Recorder *rec = user_data;

  g_assert_nonnull (line);
  g_assert_cmpuint (len, >, 0);
  g_assert_cmpint (line[len], ==, '\0');
  g_assert_null (memchr (line, '\n', len));

  if (rec->lines != NULL)
    g_ptr_array_add (rec->lines, g_bytes_new_take (g_memdup2 (line, len + 1), len));
  g_string_append_printf (rec->log, "[%" G_GSIZE_FORMAT "]", len);
  g_string_append_len (rec->log, line, len);
  g_string_append_c (rec->log, '\n');
}

static void
assert_line (Recorder   *rec,
             guint       i,
             const char *expected,
             gsize       expected_len)
{
  GBytes *bytes;
  gsize len;
  const char *data;

  g_assert_cmpuint (i, <, rec->lines->len);
  bytes = g_ptr_array_index (rec->lines, i);
  data = g_bytes_get_data (bytes, &len);
  g_assert_cmpmem (data, len, expected, expected_len);
}

#define assert_line_str(rec, i, s) assert_line ((rec), (i), (s), strlen (s))

static void
parse_cut (Recorder    *rec,
           const char  *input,
           gsize        len,
           const gsize *cuts,
           guint        n_cuts)
{
  g_autoptr(PrismNdjsonParser) parser = prism_ndjson_parser_new (on_line, rec);
  g_autoptr(GError) error = NULL;
  gsize start = 0;

  for (guint i = 0; i <= n_cuts; i++)
    {
      gsize stop = i < n_cuts ? cuts[i] : len;

      g_assert_true (prism_ndjson_parser_feed (parser, input + start, stop - start, &error));
      g_assert_no_error (error);
      start = stop;
    }

  g_assert_true (prism_ndjson_parser_finish (parser, &error));
  g_assert_no_error (error);
}

/* Whatever way the input is cut, the lines are those of one feed. */
static void
assert_any_split_same (const char *input,
                       gsize       len,
                       Recorder   *whole)
{
  g_autoptr(PrismNdjsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  Recorder bytewise;

  recorder_init (whole);
  parse_cut (whole, input, len, NULL, 0);

  for (gsize cut = 0; cut <= len; cut++)
    {
      Recorder split;

      recorder_init_log_only (&split);
      parse_cut (&split, input, len, &cut, 1);
      g_assert_cmpmem (split.log->str, split.log->len, whole->log->str, whole->log->len);
      recorder_clear (&split);
    }

  recorder_init_log_only (&bytewise);
  parser = prism_ndjson_parser_new (on_line, &bytewise);
  for (gsize i = 0; i < len; i++)
    g_assert_true (prism_ndjson_parser_feed (parser, input + i, 1, &error));
  g_assert_true (prism_ndjson_parser_finish (parser, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (bytewise.log->str, bytewise.log->len, whole->log->str, whole->log->len);
  recorder_clear (&bytewise);
}

static void
test_lines (void)
{
  static const char input[] = "{\"a\":1}\n{\"b\":2}\n";
  Recorder rec;

  assert_any_split_same (input, strlen (input), &rec);
  g_assert_cmpuint (rec.lines->len, ==, 2);
  assert_line_str (&rec, 0, "{\"a\":1}");
  assert_line_str (&rec, 1, "{\"b\":2}");
  recorder_clear (&rec);
}

/* CRLF ends a line like LF; a CR anywhere else is part of the line. */
static void
test_crlf (void)
{
  static const char input[] = "{\"a\":1}\r\n{\"b\":\r2}\n\r{\"c\":3}\r\r\n";
  Recorder rec;

  assert_any_split_same (input, strlen (input), &rec);
  g_assert_cmpuint (rec.lines->len, ==, 3);
  assert_line_str (&rec, 0, "{\"a\":1}");
  assert_line_str (&rec, 1, "{\"b\":\r2}");
  assert_line_str (&rec, 2, "\r{\"c\":3}\r");
  recorder_clear (&rec);
}

static void
test_empty_lines (void)
{
  static const char input[] = "\n\n{\"a\":1}\n\r\n\n{\"b\":2}\n\n\r\n";
  Recorder rec;

  assert_any_split_same (input, strlen (input), &rec);
  g_assert_cmpuint (rec.lines->len, ==, 2);
  assert_line_str (&rec, 0, "{\"a\":1}");
  assert_line_str (&rec, 1, "{\"b\":2}");
  recorder_clear (&rec);
}

static void
test_finish (void)
{
  static const struct {
    const char *input;
    const char *last;
    guint       n_lines;
  } cases[] = {
    { "{\"a\":1}", "{\"a\":1}", 1 },
    { "{\"a\":1}\r", "{\"a\":1}", 1 },
    { "{\"a\":1}\n{\"done\":true}", "{\"done\":true}", 2 },
    { "{\"a\":1}\n", "{\"a\":1}", 1 },
    { "", NULL, 0 },
    { "\r", NULL, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Recorder rec;

      assert_any_split_same (cases[i].input, strlen (cases[i].input), &rec);
      g_assert_cmpuint (rec.lines->len, ==, cases[i].n_lines);
      if (cases[i].last != NULL)
        assert_line_str (&rec, rec.lines->len - 1, cases[i].last);
      recorder_clear (&rec);
    }
}

/* After finish the parser reads a new stream from an empty line. */
static void
test_reuse (void)
{
  g_autoptr(PrismNdjsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  Recorder rec;

  recorder_init (&rec);
  parser = prism_ndjson_parser_new (on_line, &rec);
  g_assert_true (prism_ndjson_parser_feed (parser, "{\"x\":", 5, &error));
  g_assert_true (prism_ndjson_parser_finish (parser, &error));
  g_assert_true (prism_ndjson_parser_feed (parser, "{\"y\":2}\n", 8, &error));
  g_assert_true (prism_ndjson_parser_finish (parser, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rec.lines->len, ==, 2);
  assert_line_str (&rec, 0, "{\"x\":");
  assert_line_str (&rec, 1, "{\"y\":2}");
  recorder_clear (&rec);
}

static void
test_nul_and_utf8 (void)
{
  static const char input[] = "{\"t\":\"日本語 🌈 größer\"}\na\000b\n";
  Recorder rec;

  assert_any_split_same (input, sizeof input - 1, &rec);
  g_assert_cmpuint (rec.lines->len, ==, 2);
  assert_line_str (&rec, 0, "{\"t\":\"日本語 🌈 größer\"}");
  assert_line (&rec, 1, "a\000b", 3);
  recorder_clear (&rec);
}

static void
test_recorded_ollama (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "streams", "ollama-chat.ndjson", NULL);
  g_autofree char *input = NULL;
  g_autofree char *crlf = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  Recorder rec, variant;

  g_file_get_contents (path, &input, &len, &error);
  g_assert_no_error (error);

  assert_any_split_same (input, len, &rec);
  g_assert_cmpuint (rec.lines->len, ==, 11);
  for (guint i = 0; i < rec.lines->len; i++)
    {
      gsize line_len;
      const char *line = g_bytes_get_data (g_ptr_array_index (rec.lines, i), &line_len);

      g_assert_cmpint (line[0], ==, '{');
      g_assert_cmpint (line[line_len - 1], ==, '}');
      g_assert_true (g_utf8_validate (line, line_len, NULL));
      g_assert_nonnull (strstr (line, i == 10 ? "\"done\":true" : "\"done\":false"));
    }
  g_assert_nonnull (strstr (g_bytes_get_data (g_ptr_array_index (rec.lines, 7), NULL), "máš"));

  /* The same stream with CRLF line ends gives the same lines. */
  lines = g_strsplit (input, "\n", -1);
  crlf = g_strjoinv ("\r\n", lines);
  assert_any_split_same (crlf, strlen (crlf), &variant);
  g_assert_cmpmem (variant.log->str, variant.log->len, rec.log->str, rec.log->len);
  recorder_clear (&variant);

  recorder_clear (&rec);
}

static void
test_large_line (void)
{
  const gsize size = 10 * 1000 * 1000;
  g_autoptr(GString) input = g_string_sized_new (size + 64);
  gsize cuts[(10 * 1000 * 1000 + 64) / 4096 + 1];
  guint n_cuts = 0;
  Recorder rec;

  g_string_append (input, "{\"message\":{\"images\":[\"");
  while (input->len < size)
    g_string_append (input, "iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB");
  g_string_append (input, "\"]}}\n{\"done\":true}\n");

  for (gsize at = 4096; at < input->len; at += 4096)
    cuts[n_cuts++] = at;

  recorder_init (&rec);
  parse_cut (&rec, input->str, input->len, cuts, n_cuts);
  g_assert_cmpuint (rec.lines->len, ==, 2);
  assert_line (&rec, 0, input->str, input->len - strlen ("\n{\"done\":true}\n"));
  assert_line_str (&rec, 1, "{\"done\":true}");
  recorder_clear (&rec);
}

static void
test_too_long (void)
{
  g_autoptr(PrismNdjsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *piece = g_malloc (1024 * 1024);
  gsize fed = 0;
  Recorder rec;

  recorder_init (&rec);
  parser = prism_ndjson_parser_new (on_line, &rec);
  memset (piece, 'a', 1024 * 1024);

  /* A short line first: the limit is per line, not per stream. */
  g_assert_true (prism_ndjson_parser_feed (parser, "{}\n", 3, &error));
  while (prism_ndjson_parser_feed (parser, piece, 1024 * 1024, &error))
    {
      fed += 1024 * 1024;
      g_assert_cmpuint (fed, <=, PRISM_NDJSON_MAX_LINE_SIZE);
    }

  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "64 MiB"));
  g_assert_cmpuint (fed, ==, PRISM_NDJSON_MAX_LINE_SIZE);
  g_clear_error (&error);

  g_assert_false (prism_ndjson_parser_feed (parser, "\n{}\n", 4, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL);
  g_clear_error (&error);
  g_assert_false (prism_ndjson_parser_finish (parser, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL);
  g_assert_cmpuint (rec.lines->len, ==, 1);
  recorder_clear (&rec);
}

/* 20 MB a byte at a time finishes, and each byte is looked at a bounded
 * number of times (searched once, copied once). */
static void
test_linear (void)
{
  const gsize size = 20 * 1000 * 1000;
  g_autoptr(GString) input = g_string_sized_new (size + 4096);
  g_autoptr(PrismNdjsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  static const char small[] = "{\"message\":{\"content\":\"x\"},\"done\":false}\r\n";
  gsize first_len;
  guint64 examined;
  Recorder rec;

  while (input->len < size / 2)
    g_string_append (input, "0123456789abcdef");
  g_string_append_c (input, '\n');
  first_len = input->len;
  while (input->len < size)
    g_string_append (input, small);

  recorder_init (&rec);
  parser = prism_ndjson_parser_new (on_line, &rec);
  for (gsize i = 0; i < input->len; i++)
    {
      if (!prism_ndjson_parser_feed (parser, input->str + i, 1, &error))
        break;
    }
  g_assert_no_error (error);
  g_assert_true (prism_ndjson_parser_finish (parser, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (rec.lines->len, ==, 1 + (input->len - first_len) / strlen (small));

  examined = prism_ndjson_parser_get_bytes_examined (parser);
  g_test_message ("examined %" G_GUINT64_FORMAT " bytes for %" G_GSIZE_FORMAT,
                  examined, input->len);
  g_assert_cmpuint (examined, >=, input->len);
  g_assert_cmpuint (examined, <=, 3 * (guint64) input->len);
  recorder_clear (&rec);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/prism/ndjson/lines", test_lines);
  g_test_add_func ("/prism/ndjson/crlf", test_crlf);
  g_test_add_func ("/prism/ndjson/empty-lines", test_empty_lines);
  g_test_add_func ("/prism/ndjson/finish", test_finish);
  g_test_add_func ("/prism/ndjson/reuse", test_reuse);
  g_test_add_func ("/prism/ndjson/nul-and-utf8", test_nul_and_utf8);
  g_test_add_func ("/prism/ndjson/recorded/ollama", test_recorded_ollama);
  g_test_add_func ("/prism/ndjson/large-line", test_large_line);
  g_test_add_func ("/prism/ndjson/too-long", test_too_long);
  g_test_add_func ("/prism/ndjson/linear", test_linear);

  return g_test_run ();
}
