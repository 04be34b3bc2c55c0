/* fuzz-markdown.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "prism-markdown.h"

/*
 * A model's answer is untrusted text. Parsing it must never crash; every
 * piece of markup must be well formed with only the tags the parser
 * writes, so that a GtkLabel never rejects it; code must be UTF-8. The
 * splitter must find the same cuts however the text arrives, each at the
 * start of a line, in order.
 */

static const char *allowed_tags[] = { "m", "i", "b", "s", "span", "a" };

static void
on_start_element (GMarkupParseContext  *context,
                  const char           *element_name,
                  const char          **attribute_names,
                  const char          **attribute_values,
                  gpointer              user_data,
                  GError              **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (allowed_tags); i++)
    if (strcmp (element_name, allowed_tags[i]) == 0)
      return;

  abort ();
}

static void
check_markup (const char *markup)
{
  const GMarkupParser parser = { .start_element = on_start_element };
  GMarkupParseContext *context;
  char *wrapped;

  if (markup == NULL)
    abort ();

  wrapped = g_strconcat ("<m>", markup, "</m>", NULL);
  context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  if (!g_markup_parse_context_parse (context, wrapped, -1, NULL) ||
      !g_markup_parse_context_end_parse (context, NULL))
    abort ();
  g_markup_parse_context_free (context);
  g_free (wrapped);
}

static void
check_blocks (GPtrArray *blocks)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      PrismMarkdownBlock *block = g_ptr_array_index (blocks, i);

      switch (block->kind)
        {
        case PRISM_MARKDOWN_BLOCK_PARAGRAPH:
        case PRISM_MARKDOWN_BLOCK_HEADING:
          check_markup (block->markup);
          break;

        case PRISM_MARKDOWN_BLOCK_TABLE:
          if (block->cells->len != block->n_rows * block->n_columns)
            abort ();
          for (guint j = 0; j < block->cells->len; j++)
            check_markup (g_ptr_array_index (block->cells, j));
          break;

        case PRISM_MARKDOWN_BLOCK_CODE:
          if (block->text == NULL || !g_utf8_validate (block->text, -1, NULL) ||
              (block->lang != NULL && !g_utf8_validate (block->lang, -1, NULL)))
            abort ();
          break;

        case PRISM_MARKDOWN_BLOCK_LIST:
        case PRISM_MARKDOWN_BLOCK_LIST_ITEM:
        case PRISM_MARKDOWN_BLOCK_QUOTE:
          check_blocks (block->children);
          break;

        case PRISM_MARKDOWN_BLOCK_RULE:
        default:
          break;
        }

      if (!prism_markdown_block_equal (block, block))
        abort ();
    }
}

static GArray *
split (const char *input,
       gsize       size,
       gsize       step,
       GString    *definitions)
{
  GArray *cuts = g_array_new (FALSE, FALSE, sizeof (gsize));
  PrismMarkdownSplitter splitter;

  prism_markdown_splitter_init (&splitter);
  for (gsize len = step; len < size; len += step)
    prism_markdown_splitter_scan (&splitter, input, len, cuts, definitions);
  prism_markdown_splitter_scan (&splitter, input, size, cuts, definitions);

  return cuts;
}

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *input = (const char *) data;
  GPtrArray *blocks;
  GArray *whole;
  GString *whole_definitions;

  blocks = prism_markdown_parse (input, size);
  check_blocks (blocks);
  g_ptr_array_unref (blocks);

  whole_definitions = g_string_new (NULL);
  whole = split (input, size, size + 1, whole_definitions);
  for (guint i = 0; i < whole->len; i++)
    {
      gsize cut = g_array_index (whole, gsize, i);

      if (cut == 0 || cut >= size || input[cut - 1] != '\n' ||
          (i > 0 && cut <= g_array_index (whole, gsize, i - 1)))
        abort ();
    }

  for (gsize step = 1; step <= 7 && step < size; step += 3)
    {
      GString *definitions = g_string_new (NULL);
      GArray *other = split (input, size, step, definitions);

      if (other->len != whole->len ||
          (whole->len > 0 && memcmp (other->data, whole->data, whole->len * sizeof (gsize)) != 0) ||
          !g_string_equal (definitions, whole_definitions))
        abort ();
      g_array_unref (other);
      g_string_free (definitions, TRUE);
    }

  g_array_unref (whole);
  g_string_free (whole_definitions, TRUE);

  return 0;
}
