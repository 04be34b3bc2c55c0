/* prism-fake-provider-scenario.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Scenarios are chosen by the model name a client sends:
 *
 *   MODEL      = NAME *("+" FLAG)  |  FLAG *("+" FLAG)
 *   FLAG       = KEY ["=" VALUE]
 *
 * NAME is any model name ("echo", "gpt-4o-mini", "openai/gpt-4o");
 * it behaves like "echo" unless it is one of the bare flags below, in
 * which case that flag applies. Every FLAG after the first "+" must be
 * one of these, or the request fails with 400 and says which one is
 * unknown (so a typo in a test cannot silently test nothing):
 *
 *   echo                reply "Echo: <prompt words> — ünïcode ✓ 你好 🌍" (default)
 *   markdown            reply with a heading, a list, a table and a fenced code block
 *   reasoning           reasoning first (reasoning_content / reasoning, Anthropic
 *                       thinking block, Gemini thought parts, Ollama thinking)
 *   tool                a get_weather tool call whose arguments come in 4 deltas
 *   no-usage            leave usage out wherever the protocol allows
 *   tokens=N, chunks=N  exactly N content chunks (words of the reply, cycled;
 *                       a cycled markdown reply keeps its blocks)
 *   rate=N              pace the stream at N chunks per second
 *   cached=N            report N of the input tokens as read from cache
 *   cache-write=N       report N of the input tokens as written to cache
 *                       (Anthropic's cache_creation_input_tokens, OpenRouter's
 *                       cache_write_tokens)
 *   fail                fail every request (500 unless error= says otherwise)
 *   error=CODE          fail every request with CODE and the provider's real
 *                       error body (401 402 403 408 429 500 502 503 529 …)
 *   fail-times=N        fail the first N requests for this exact model string
 *                       (503 unless error= says otherwise), then succeed
 *   retry-after=S       add Retry-After: S to a failure
 *   retry-after-ms=MS   add retry-after-ms: MS to a failure
 *   html-error=CODE     fail with an HTML body as text/html, like a proxy does
 *   stream-error        after 2 chunks, the protocol's in-stream error, then close
 *   reset-after=N       close the connection after N chunks, no terminal event
 *   stall-first-byte=MS wait MS before the status line
 *   stall-after=N       after N chunks, stay silent for stall=MS (default 1000)
 *   stall=MS
 *   malformed           after the first chunk, one event whose JSON is cut short
 *   huge=BYTES          content is "Huge:" then one chunk of BYTES bytes
 *   endless             content never ends (200 chunks/s unless rate= is given)
 *   content-type=TYPE   answer with this Content-Type instead
 *   crlf, cr            end stream lines with CRLF or a lone CR
 *   split=N             write the body in N-byte HTTP chunks, one at a time
 *
 * Token counts are computed, not guessed, so tests can assert them:
 * input tokens are the whitespace-separated words of every message
 * (system included); output tokens are the content chunks (or tool call
 * argument chunks); reasoning tokens are the reasoning chunks.
 */

#define G_LOG_DOMAIN "prism-fake-provider"

#include "config.h"

#include <string.h>

#include "prism-fake-provider-private.h"

static const char *markdown_reply =
  "# Fake answer\n"
  "\n"
  "Here is a list:\n"
  "\n"
  "- first item\n"
  "- second item with `code`\n"
  "\n"
  "| Name | Value |\n"
  "| ---- | ----- |\n"
  "| alpha | 1 |\n"
  "| beta | 2 |\n"
  "\n"
  "```c\n"
  "int main (void) { return 0; }\n"
  "```\n"
  "\n"
  "Done: ✓ 你好.";

static const char *tool_pieces[] = {
  "{\"city\": ",
  "\"Zürich\", ",
  "\"unit\": ",
  "\"celsius\"}",
};

void
prism_fake_scenario_free (PrismFakeScenario *scenario)
{
  if (scenario == NULL)
    return;

  g_free (scenario->name);
  g_free (scenario->content_type);
  g_free (scenario);
}

static gboolean
apply_bare (PrismFakeScenario *s,
            const char        *key)
{
  if (g_str_equal (key, "echo"))
    return TRUE;
  else if (g_str_equal (key, "markdown"))
    s->markdown = TRUE;
  else if (g_str_equal (key, "reasoning"))
    s->reasoning = TRUE;
  else if (g_str_equal (key, "tool"))
    s->tool = TRUE;
  else if (g_str_equal (key, "no-usage"))
    s->no_usage = TRUE;
  else if (g_str_equal (key, "fail"))
    s->fail = TRUE;
  else if (g_str_equal (key, "stream-error"))
    s->stream_error = TRUE;
  else if (g_str_equal (key, "malformed"))
    s->malformed = TRUE;
  else if (g_str_equal (key, "endless"))
    s->endless = TRUE;
  else if (g_str_equal (key, "crlf"))
    s->crlf = TRUE;
  else if (g_str_equal (key, "cr"))
    s->cr = TRUE;
  else
    return FALSE;

  return TRUE;
}

static gboolean
parse_number (const char  *model,
              const char  *key,
              const char  *value,
              guint64      max,
              guint64     *out,
              GError     **error)
{
  if (value == NULL ||
      !g_ascii_string_to_unsigned (value, 10, 0, max, out, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Scenario flag “%s” in model “%s” needs a number up to %" G_GUINT64_FORMAT,
                   key, model, max);
      return FALSE;
    }

  return TRUE;
}

static gboolean
apply_flag (PrismFakeScenario  *s,
            const char         *model,
            const char         *item,
            GError            **error)
{
  g_autofree char *key = NULL;
  const char *value = NULL;
  const char *eq = strchr (item, '=');
  guint64 n = 0;

  if (eq == NULL)
    {
      if (apply_bare (s, item))
        return TRUE;

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Unknown scenario flag “%s” in model “%s”", item, model);
      return FALSE;
    }

  key = g_strndup (item, eq - item);
  value = eq + 1;

  if (g_str_equal (key, "content-type"))
    {
      g_free (s->content_type);
      s->content_type = g_strdup (value);
      return TRUE;
    }

#define NUMBER(name, max, field)                                    \
  if (g_str_equal (key, name))                                      \
    {                                                               \
      if (!parse_number (model, key, value, max, &n, error))        \
        return FALSE;                                               \
      s->field = n;                                                 \
      return TRUE;                                                  \
    }

  NUMBER ("tokens", 10000000, tokens)
  NUMBER ("chunks", 10000000, tokens)
  NUMBER ("rate", 1000000, rate)
  NUMBER ("cached", 1000000, cached)
  NUMBER ("cache-write", 1000000, cache_write)
  NUMBER ("retry-after-ms", 86400000, retry_after_ms)
  NUMBER ("error", 599, error)
  NUMBER ("retry-after", 86400, retry_after)
  NUMBER ("fail-times", 1000000, fail_times)
  NUMBER ("html-error", 599, html_error)
  NUMBER ("reset-after", 10000000, reset_after)
  NUMBER ("stall-first-byte", 600000, stall_first_byte)
  NUMBER ("stall-after", 10000000, stall_after)
  NUMBER ("stall", 600000, stall)
  NUMBER ("huge", 512 * 1024 * 1024, huge)
  NUMBER ("split", 1024 * 1024, split)

#undef NUMBER

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               "Unknown scenario flag “%s” in model “%s”", key, model);
  return FALSE;
}

PrismFakeScenario *
prism_fake_scenario_parse (const char  *model,
                           GError     **error)
{
  g_autoptr(PrismFakeScenario) s = g_new0 (PrismFakeScenario, 1);
  g_auto(GStrv) items = NULL;

  g_return_val_if_fail (model != NULL, NULL);

  s->retry_after = -1;
  s->retry_after_ms = -1;
  s->reset_after = -1;
  s->stall_after = -1;
  s->stall = 1000;

  items = g_strsplit (model, "+", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      if (items[i][0] == '\0')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "Empty scenario flag in model “%s”", model);
          return NULL;
        }

      /* The first item is a model name unless it has a value. */
      if (i == 0 && strchr (items[i], '=') == NULL)
        {
          s->name = g_strdup (items[i]);
          apply_bare (s, items[i]);
          continue;
        }

      if (!apply_flag (s, model, items[i], error))
        return NULL;
    }

  if (s->name == NULL)
    s->name = g_strdup ("echo");

  if (s->split == 0 && strstr (model, "split=") != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Scenario flag “split” in model “%s” needs at least 1 byte", model);
      return NULL;
    }

  return g_steal_pointer (&s);
}

/* Splits @text into pieces that each start with the whitespace before a
 * word, so the pieces concatenate back to @text exactly. */
static GPtrArray *
split_words (const char *text)
{
  GPtrArray *pieces = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  while (*p != '\0')
    {
      const char *start = p;

      while (g_ascii_isspace (*p))
        p++;
      while (*p != '\0' && !g_ascii_isspace (*p))
        p++;

      g_ptr_array_add (pieces, g_strndup (start, p - start));
    }

  return pieces;
}

guint
prism_fake_count_words (const char *text)
{
  guint n = 0;
  gboolean in_word = FALSE;

  if (text == NULL)
    return 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        in_word = FALSE;
      else if (!in_word)
        {
          in_word = TRUE;
          n++;
        }
    }

  return n;
}

/**
 * prism_fake_provider_reply_for:
 * @prompt: the text of the last user message
 *
 * Returns: the reply the `echo` scenario streams for @prompt
 */
char *
prism_fake_provider_reply_for (const char *prompt)
{
  g_autoptr(GString) reply = g_string_new ("Echo:");
  g_autoptr(GPtrArray) words = split_words (prompt != NULL ? prompt : "");

  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_strchug (g_ptr_array_index (words, i));

      if (*word != '\0')
        g_string_append_printf (reply, " %s", word);
    }

  g_string_append (reply, " — ünïcode ✓ 你好 🌍");

  return g_string_free (g_steal_pointer (&reply), FALSE);
}

void
prism_fake_request_plan (PrismFakeRequest *req)
{
  PrismFakeScenario *s = req->scenario;
  g_autofree char *reply = NULL;

  if (s->markdown)
    reply = g_strdup (markdown_reply);
  else
    reply = prism_fake_provider_reply_for (req->prompt);

  g_clear_pointer (&req->content, g_ptr_array_unref);
  g_clear_pointer (&req->reasoning, g_ptr_array_unref);
  g_clear_pointer (&req->tool, g_ptr_array_unref);

  req->content = split_words (reply);
  req->reasoning = g_ptr_array_new_with_free_func (g_free);
  req->tool = g_ptr_array_new_with_free_func (g_free);
  req->n_content = s->tokens > 0 ? s->tokens : req->content->len;

  if (s->reasoning)
    {
      g_autofree char *thought =
        g_strdup_printf ("Let me think. The prompt has %u words; echoing them back is the plan.",
                         prism_fake_count_words (req->prompt));
      g_ptr_array_unref (req->reasoning);
      req->reasoning = split_words (thought);
    }

  if (s->tool)
    {
      for (guint i = 0; i < G_N_ELEMENTS (tool_pieces); i++)
        g_ptr_array_add (req->tool, g_strdup (tool_pieces[i]));
      req->n_content = 0;
    }

  if (s->huge > 0)
    req->n_content = 2;

  if (s->endless)
    req->n_content = G_MAXUINT;
}

void
prism_fake_request_content_piece (PrismFakeRequest *req,
                                  guint             index,
                                  GString          *out)
{
  const char *word;

  if (req->scenario->huge > 0)
    {
      if (index == 0)
        g_string_append (out, "Huge:");
      else
        for (gsize i = 0; i < req->scenario->huge; i++)
          g_string_append_c (out, '0' + (i % 10));
      return;
    }

  word = g_ptr_array_index (req->content, index % req->content->len);
  if (index < req->content->len)
    {
      g_string_append (out, word);
      return;
    }

  /* A long Markdown answer keeps its structure: each cycle starts a new
   * block, and words keep the line breaks they came with. */
  if (req->scenario->markdown)
    {
      if (index % req->content->len == 0)
        g_string_append (out, "\n\n");
      g_string_append (out, word);
      return;
    }

  /* Cycled words always take one space before them. */
  while (g_ascii_isspace (*word))
    word++;
  g_string_append_c (out, ' ');
  g_string_append (out, word);
}

/* Returns: the whole text of the reply's content, reasoning or tool
 * call arguments, as a non-streamed answer carries it */
char *
prism_fake_request_dup_text (PrismFakeRequest   *req,
                             PrismFakePieceKind  kind)
{
  GString *text = g_string_new (NULL);

  if (kind == PRISM_FAKE_PIECE_CONTENT)
    {
      for (guint i = 0; i < req->n_content; i++)
        prism_fake_request_content_piece (req, i, text);
    }
  else
    {
      GPtrArray *pieces = kind == PRISM_FAKE_PIECE_REASONING ? req->reasoning : req->tool;

      for (guint i = 0; i < pieces->len; i++)
        g_string_append (text, g_ptr_array_index (pieces, i));
    }

  return g_string_free (text, FALSE);
}

void
prism_fake_json_string (GString    *out,
                        const char *text)
{
  static const char hex[] = "0123456789abcdef";

  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20)
            {
              g_string_append (out, "\\u00");
              g_string_append_c (out, hex[*p >> 4]);
              g_string_append_c (out, hex[*p & 0xf]);
            }
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

const char *
prism_fake_status_phrase (guint status)
{
  /* libsoup has no phrase for some codes providers use. */
  switch (status)
    {
    case 402:
      return "Payment Required";
    case 408:
      return "Request Timeout";
    case 429:
      return "Too Many Requests";
    case 529:
      return "Site is overloaded";
    default:
      return soup_status_get_phrase (status);
    }
}
