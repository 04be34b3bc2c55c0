/* prism-markdown.h
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
  PRISM_MARKDOWN_BLOCK_PARAGRAPH,
  PRISM_MARKDOWN_BLOCK_HEADING,
  PRISM_MARKDOWN_BLOCK_LIST,
  PRISM_MARKDOWN_BLOCK_LIST_ITEM,
  PRISM_MARKDOWN_BLOCK_QUOTE,
  PRISM_MARKDOWN_BLOCK_TABLE,
  PRISM_MARKDOWN_BLOCK_CODE,
  PRISM_MARKDOWN_BLOCK_RULE,
} PrismMarkdownBlockKind;

typedef enum
{
  PRISM_MARKDOWN_TASK_NONE,
  PRISM_MARKDOWN_TASK_OPEN,
  PRISM_MARKDOWN_TASK_DONE,
} PrismMarkdownTask;

typedef enum
{
  PRISM_MARKDOWN_ALIGN_DEFAULT,
  PRISM_MARKDOWN_ALIGN_LEFT,
  PRISM_MARKDOWN_ALIGN_CENTER,
  PRISM_MARKDOWN_ALIGN_RIGHT,
} PrismMarkdownAlign;

typedef struct _PrismMarkdownBlock PrismMarkdownBlock;

/* One block of a Markdown document. Inline content (paragraphs,
 * headings, table cells) is Pango markup in which all text is escaped. */
struct _PrismMarkdownBlock
{
  PrismMarkdownBlockKind kind;

  /* PARAGRAPH, HEADING */
  char *markup;

  /* HEADING: 1–6 */
  guint level;

  /* LIST */
  gboolean ordered;
  guint start;

  /* LIST_ITEM */
  PrismMarkdownTask task;

  /* CODE: lang is NULL when the fence names none */
  char *lang;
  char *text;

  /* TABLE: n_rows × n_columns markup strings, row-major, the first row
   * the header; one alignment per column. */
  guint n_columns;
  guint n_rows;
  GPtrArray *cells;
  PrismMarkdownAlign *aligns;

  /* LIST (its items), LIST_ITEM and QUOTE (their blocks) */
  GPtrArray *children;
};

void                prism_markdown_block_free  (PrismMarkdownBlock       *block);
gboolean            prism_markdown_block_equal (const PrismMarkdownBlock *a,
                                                const PrismMarkdownBlock *b);
const char         *prism_markdown_block_kind_to_string (PrismMarkdownBlockKind kind);

GPtrArray          *prism_markdown_parse       (const char               *text,
                                                gssize                    len);

/* Finds where a streaming document can be cut into chunks that parse on
 * their own: a line that starts a new top-level block after a blank line
 * or a closed fence, and a fence that opens at the start of a line. Only
 * complete lines are looked at, so a cut once found never moves.
 *
 * Link reference definitions ("[id]: https://…") apply to the whole
 * document, so the splitter hands their lines over too, for the caller
 * to parse every chunk with them. */
typedef struct
{
  gsize    scan_pos;
  gboolean after_break;
  gboolean in_fence;
  gboolean fence_at_start;
  char     fence_char;
  gsize    fence_len;
} PrismMarkdownSplitter;

void                prism_markdown_splitter_init (PrismMarkdownSplitter *self);
void                prism_markdown_splitter_scan (PrismMarkdownSplitter *self,
                                                  const char            *text,
                                                  gsize                  len,
                                                  GArray                *boundaries,
                                                  GString               *definitions);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrismMarkdownBlock, prism_markdown_block_free)

G_END_DECLS
