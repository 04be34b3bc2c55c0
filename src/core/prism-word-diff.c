/* prism-word-diff.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-word-diff"

#include "config.h"

#include "prism-word-diff.h"

#include <string.h>

/* A word-level difference between two answers: the longest common
 * subsequence of their words, after the common beginning and end are set
 * aside. The table it needs grows with the product of the words that
 * differ, so past MAX_CELLS (two answers of some 2,000 differing words)
 * the middle is shown as deleted and inserted whole rather than costing
 * tens of megabytes.
 */

#define MAX_CELLS (4 * 1000 * 1000)

void
prism_diff_span_free (PrismDiffSpan *span)
{
  if (span == NULL)
    return;

  g_free (span->text);
  g_free (span);
}

/* Words with the white space that follows them; white space at the very
 * start is a word of its own. */
static GPtrArray *
split_words (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  while (*p != '\0')
    {
      const char *start = p;

      while (*p != '\0' && !g_ascii_isspace (*p))
        p++;
      while (*p != '\0' && g_ascii_isspace (*p))
        p++;
      g_ptr_array_add (words, g_strndup (start, p - start));
    }

  return words;
}

/* Words compare without their trailing white space: a word that ends a
 * line in one answer and not in the other is the same word. */
static gboolean
same_word (const char *a,
           const char *b)
{
  gsize la = strlen (a), lb = strlen (b);

  while (la > 0 && g_ascii_isspace (a[la - 1]))
    la--;
  while (lb > 0 && g_ascii_isspace (b[lb - 1]))
    lb--;

  return la == lb && memcmp (a, b, la) == 0;
}

static gboolean
ends_in_space (const char *word)
{
  gsize len = strlen (word);

  return len > 0 && g_ascii_isspace (word[len - 1]);
}

/* An equal word is the second text's, unless only the first has white
 * space after it: then words deleted after it would run into it. */
static const char *
equal_word (const char *first_word,
            const char *second_word)
{
  return !ends_in_space (second_word) && ends_in_space (first_word) ? first_word : second_word;
}

static void
add_span (GPtrArray   *spans,
          PrismDiffOp  op,
          const char  *word)
{
  PrismDiffSpan *last = spans->len > 0 ? g_ptr_array_index (spans, spans->len - 1) : NULL;

  if (last != NULL && last->op == op)
    {
      char *joined = g_strconcat (last->text, word, NULL);

      g_free (last->text);
      last->text = joined;
      return;
    }

  last = g_new0 (PrismDiffSpan, 1);
  last->op = op;
  last->text = g_strdup (word);
  g_ptr_array_add (spans, last);
}

/**
 * prism_word_diff:
 * @first: the first text
 * @second: the second text
 *
 * Returns: (transfer container) (element-type PrismDiffSpan): spans in
 *   order, with the words of @first that are not in @second deleted and
 *   those of @second not in @first inserted; the equal and inserted
 *   spans make @second, but for white space after an equal word where
 *   only @first had some
 */
GPtrArray *
prism_word_diff (const char *first,
                 const char *second)
{
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;
  GPtrArray *spans = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_diff_span_free);
  guint prefix = 0, suffix = 0, n, m;

  g_return_val_if_fail (first != NULL && second != NULL, spans);

  a = split_words (first);
  b = split_words (second);

  while (prefix < a->len && prefix < b->len &&
         same_word (g_ptr_array_index (a, prefix), g_ptr_array_index (b, prefix)))
    prefix++;
  while (suffix < a->len - prefix && suffix < b->len - prefix &&
         same_word (g_ptr_array_index (a, a->len - 1 - suffix), g_ptr_array_index (b, b->len - 1 - suffix)))
    suffix++;

  for (guint i = 0; i < prefix; i++)
    add_span (spans, PRISM_DIFF_EQUAL, equal_word (g_ptr_array_index (a, i), g_ptr_array_index (b, i)));

  n = a->len - prefix - suffix;
  m = b->len - prefix - suffix;

  if ((guint64)(n + 1) * (m + 1) > MAX_CELLS)
    {
      for (guint i = 0; i < n; i++)
        add_span (spans, PRISM_DIFF_DELETE, g_ptr_array_index (a, prefix + i));
      for (guint j = 0; j < m; j++)
        add_span (spans, PRISM_DIFF_INSERT, g_ptr_array_index (b, prefix + j));
    }
  else
    {
      /* lcs[i][j]: the longest common subsequence of a[i..] and b[j..]. */
      g_autofree guint32 *lcs = g_new0 (guint32, (gsize)(n + 1) * (m + 1));
      guint i = 0, j = 0;

#define LCS(i, j) lcs[(gsize)(i) * (m + 1) + (j)]
      for (guint ii = n; ii-- > 0;)
        for (guint jj = m; jj-- > 0;)
          {
            if (same_word (g_ptr_array_index (a, prefix + ii), g_ptr_array_index (b, prefix + jj)))
              LCS (ii, jj) = LCS (ii + 1, jj + 1) + 1;
            else
              LCS (ii, jj) = MAX (LCS (ii + 1, jj), LCS (ii, jj + 1));
          }

      while (i < n || j < m)
        {
          if (i < n && j < m &&
              same_word (g_ptr_array_index (a, prefix + i), g_ptr_array_index (b, prefix + j)))
            {
              add_span (spans, PRISM_DIFF_EQUAL,
                        equal_word (g_ptr_array_index (a, prefix + i), g_ptr_array_index (b, prefix + j)));
              i++, j++;
            }
          else if (i < n && (j == m || LCS (i + 1, j) >= LCS (i, j + 1)))
            add_span (spans, PRISM_DIFF_DELETE, g_ptr_array_index (a, prefix + i++));
          else
            add_span (spans, PRISM_DIFF_INSERT, g_ptr_array_index (b, prefix + j++));
        }
#undef LCS
    }

  for (guint k = 0; k < suffix; k++)
    add_span (spans, PRISM_DIFF_EQUAL, equal_word (g_ptr_array_index (a, a->len - suffix + k),
                                                   g_ptr_array_index (b, b->len - suffix + k)));

  return spans;
}
