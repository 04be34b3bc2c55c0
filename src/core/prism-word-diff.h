/* prism-word-diff.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  PRISM_DIFF_EQUAL,
  PRISM_DIFF_DELETE,     /* only in the first text */
  PRISM_DIFF_INSERT,     /* only in the second text */
} PrismDiffOp;

/**
 * PrismDiffSpan:
 * @op: where the words are
 * @text: the words, each with the white space after it
 */
typedef struct
{
  PrismDiffOp  op;
  char        *text;
} PrismDiffSpan;

void       prism_diff_span_free (PrismDiffSpan *span);
GPtrArray *prism_word_diff      (const char    *first,
                                 const char    *second);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrismDiffSpan, prism_diff_span_free)

G_END_DECLS
