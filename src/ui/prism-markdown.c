/* prism-markdown.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-markdown"

#include "config.h"

#include "prism-markdown.h"

#include <md4c.h>
#include <string.h>

/* Raw HTML is shown as text, never interpreted: a model's answer is not
 * trusted markup. */
#define PARSER_FLAGS (MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS | \
                      MD_FLAG_PERMISSIVEURLAUTOLINKS | MD_FLAG_PERMISSIVEWWWAUTOLINKS | \
                      MD_FLAG_NOHTML)

/* Inline code on a grey that reads on light and dark backgrounds alike. */
#define CODE_SPAN_OPEN "<span font_family=\"monospace\" background=\"#8080802e\">"

static PrismMarkdownBlock *
block_new (PrismMarkdownBlockKind kind)
{
  PrismMarkdownBlock *block = g_new0 (PrismMarkdownBlock, 1);

  block->kind = kind;
  if (kind == PRISM_MARKDOWN_BLOCK_LIST ||
      kind == PRISM_MARKDOWN_BLOCK_LIST_ITEM ||
      kind == PRISM_MARKDOWN_BLOCK_QUOTE)
    block->children = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_markdown_block_free);
  if (kind == PRISM_MARKDOWN_BLOCK_TABLE)
    block->cells = g_ptr_array_new_with_free_func (g_free);

  return block;
}

void
prism_markdown_block_free (PrismMarkdownBlock *block)
{
  if (block == NULL)
    return;

  g_free (block->markup);
  g_free (block->lang);
  g_free (block->text);
  g_free (block->aligns);
  g_clear_pointer (&block->cells, g_ptr_array_unref);
  g_clear_pointer (&block->children, g_ptr_array_unref);
  g_free (block);
}

gboolean
prism_markdown_block_equal (const PrismMarkdownBlock *a,
                            const PrismMarkdownBlock *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  if (a->kind != b->kind ||
      a->level != b->level ||
      a->ordered != b->ordered ||
      a->start != b->start ||
      a->task != b->task ||
      a->n_columns != b->n_columns ||
      a->n_rows != b->n_rows ||
      g_strcmp0 (a->markup, b->markup) != 0 ||
      g_strcmp0 (a->lang, b->lang) != 0 ||
      g_strcmp0 (a->text, b->text) != 0)
    return FALSE;

  if (a->aligns != NULL && memcmp (a->aligns, b->aligns, a->n_columns * sizeof *a->aligns) != 0)
    return FALSE;

  if (a->cells != NULL)
    {
      if (a->cells->len != b->cells->len)
        return FALSE;
      for (guint i = 0; i < a->cells->len; i++)
        if (g_strcmp0 (g_ptr_array_index (a->cells, i), g_ptr_array_index (b->cells, i)) != 0)
          return FALSE;
    }

  if (a->children != NULL)
    {
      if (a->children->len != b->children->len)
        return FALSE;
      for (guint i = 0; i < a->children->len; i++)
        if (!prism_markdown_block_equal (g_ptr_array_index (a->children, i),
                                         g_ptr_array_index (b->children, i)))
          return FALSE;
    }

  return TRUE;
}

const char *
prism_markdown_block_kind_to_string (PrismMarkdownBlockKind kind)
{
  switch (kind)
    {
    case PRISM_MARKDOWN_BLOCK_PARAGRAPH: return "paragraph";
    case PRISM_MARKDOWN_BLOCK_HEADING: return "heading";
    case PRISM_MARKDOWN_BLOCK_LIST: return "list";
    case PRISM_MARKDOWN_BLOCK_LIST_ITEM: return "item";
    case PRISM_MARKDOWN_BLOCK_QUOTE: return "quote";
    case PRISM_MARKDOWN_BLOCK_TABLE: return "table";
    case PRISM_MARKDOWN_BLOCK_CODE: return "code";
    case PRISM_MARKDOWN_BLOCK_RULE: return "rule";
    default: g_return_val_if_reached (NULL);
    }
}

/* Entities ----------------------------------------------------------- */

static const struct {
  const char *name;
  const char *utf8;
} named_entities[] = {
  { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
  { "nbsp", "\xc2\xa0" }, { "copy", "\xc2\xa9" }, { "reg", "\xc2\xae" },
  { "trade", "\xe2\x84\xa2" }, { "mdash", "\xe2\x80\x94" }, { "ndash", "\xe2\x80\x93" },
  { "hellip", "\xe2\x80\xa6" }, { "laquo", "\xc2\xab" }, { "raquo", "\xc2\xbb" },
  { "ldquo", "\xe2\x80\x9c" }, { "rdquo", "\xe2\x80\x9d" }, { "lsquo", "\xe2\x80\x98" },
  { "rsquo", "\xe2\x80\x99" }, { "times", "\xc3\x97" }, { "divide", "\xc3\xb7" },
  { "deg", "\xc2\xb0" }, { "plusmn", "\xc2\xb1" }, { "middot", "\xc2\xb7" },
  { "bull", "\xe2\x80\xa2" }, { "euro", "\xe2\x82\xac" }, { "pound", "\xc2\xa3" },
  { "larr", "\xe2\x86\x90" }, { "rarr", "\xe2\x86\x92" }, { "uarr", "\xe2\x86\x91" },
  { "darr", "\xe2\x86\x93" }, { "le", "\xe2\x89\xa4" }, { "ge", "\xe2\x89\xa5" },
  { "ne", "\xe2\x89\xa0" },
};

/* Appends the entity (as md4c hands it over, "&…;") decoded, or as it
 * was when unknown. */
static void
append_entity (GString    *out,
               const char *text,
               gsize       size)
{
  g_autofree char *body = NULL;

  if (size < 3 || text[0] != '&' || text[size - 1] != ';')
    goto raw;

  body = g_strndup (text + 1, size - 2);

  if (body[0] == '#')
    {
      gboolean hex = body[1] == 'x' || body[1] == 'X';
      const char *digits = body + (hex ? 2 : 1);
      char *end = NULL;
      guint64 code;

      code = g_ascii_strtoull (digits, &end, hex ? 16 : 10);
      if (end == digits || *end != '\0')
        goto raw;
      if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        code = 0xFFFD;
      g_string_append_unichar (out, (gunichar)code);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (named_entities); i++)
    {
      if (strcmp (named_entities[i].name, body) == 0)
        {
          g_string_append (out, named_entities[i].utf8);
          return;
        }
    }

raw:
  g_string_append_len (out, text, size);
}

static char *
attribute_to_string (const MD_ATTRIBUTE *attr)
{
  GString *out = g_string_new (NULL);

  if (attr->text == NULL || attr->size == 0)
    return g_string_free (out, FALSE);

  for (guint i = 0; attr->substr_offsets[i] < attr->size; i++)
    {
      MD_OFFSET begin = attr->substr_offsets[i];
      MD_OFFSET end = attr->substr_offsets[i + 1];

      switch (attr->substr_types[i])
        {
        case MD_TEXT_ENTITY:
          append_entity (out, attr->text + begin, end - begin);
          break;
        case MD_TEXT_NULLCHAR:
          g_string_append (out, "\xef\xbf\xbd");
          break;
        default:
          g_string_append_len (out, attr->text + begin, end - begin);
          break;
        }
    }

  return g_string_free (out, FALSE);
}

static void
append_escaped (GString    *out,
                const char *text,
                gsize       size)
{
  g_autofree char *escaped = g_markup_escape_text (text, size);

  g_string_append (out, escaped);
}

/* Only links a browser or mail client should open become clickable. */
static gboolean
is_openable_uri (const char *uri)
{
  g_autofree char *scheme = g_uri_parse_scheme (uri);

  return scheme != NULL &&
         (g_ascii_strcasecmp (scheme, "http") == 0 ||
          g_ascii_strcasecmp (scheme, "https") == 0 ||
          g_ascii_strcasecmp (scheme, "mailto") == 0);
}

/* Parser ------------------------------------------------------------- */

typedef struct
{
  GPtrArray          *blocks;
  GPtrArray          *stack;
  PrismMarkdownBlock *inline_block;
  PrismMarkdownBlock *table;
  PrismMarkdownBlock *code;
  GString            *inline_buf;
  GString            *code_buf;
  GArray             *spans;
  gboolean            in_cell;
  guint               column;
  gsize               input_len;
} Parser;

/* An open span: its tags, or NULL for a link that is not clickable. */
typedef struct
{
  MD_SPANTYPE  type;
  char        *open;
  const char  *close;
} Span;

static void
clear_span (gpointer data)
{
  Span *span = data;

  g_clear_pointer (&span->open, g_free);
}

/* md4c 0.4.8 can leave a span open, e.g. strikethrough around a
 * permissive autolink; markup a label accepts must stay balanced. */
static void
close_spans (Parser *parser)
{
  for (guint i = parser->spans->len; i > 0; i--)
    {
      Span *span = &g_array_index (parser->spans, Span, i - 1);

      if (span->close != NULL)
        g_string_append (parser->inline_buf, span->close);
    }
  g_array_set_size (parser->spans, 0);
}

static void
finish_inline (Parser *parser)
{
  if (parser->inline_block == NULL)
    return;

  close_spans (parser);
  g_free (parser->inline_block->markup);
  parser->inline_block->markup = g_strdup (parser->inline_buf->str);
  g_strchomp (parser->inline_block->markup);
  g_string_truncate (parser->inline_buf, 0);
  parser->inline_block = NULL;
}

static void
add_block (Parser             *parser,
           PrismMarkdownBlock *block)
{
  finish_inline (parser);

  if (parser->stack->len == 0)
    g_ptr_array_add (parser->blocks, block);
  else
    g_ptr_array_add (((PrismMarkdownBlock *)g_ptr_array_index (parser->stack, parser->stack->len - 1))->children, block);
}

static void
push_block (Parser             *parser,
            PrismMarkdownBlock *block)
{
  add_block (parser, block);
  g_ptr_array_add (parser->stack, block);
}

/* Text of a tight list item arrives without a paragraph around it. */
static GString *
inline_target (Parser *parser)
{
  if (parser->in_cell)
    return parser->inline_buf;

  if (parser->inline_block == NULL)
    {
      PrismMarkdownBlock *paragraph = block_new (PRISM_MARKDOWN_BLOCK_PARAGRAPH);

      add_block (parser, paragraph);
      parser->inline_block = paragraph;
    }

  return parser->inline_buf;
}

static int
enter_block (MD_BLOCKTYPE  type,
             void         *detail,
             void         *user_data)
{
  Parser *parser = user_data;
  PrismMarkdownBlock *block;

  switch (type)
    {
    case MD_BLOCK_DOC:
    case MD_BLOCK_THEAD:
    case MD_BLOCK_TBODY:
    case MD_BLOCK_HTML:
      break;

    case MD_BLOCK_QUOTE:
      push_block (parser, block_new (PRISM_MARKDOWN_BLOCK_QUOTE));
      break;

    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      block = block_new (PRISM_MARKDOWN_BLOCK_LIST);
      if (type == MD_BLOCK_OL)
        {
          block->ordered = TRUE;
          block->start = ((MD_BLOCK_OL_DETAIL *)detail)->start;
        }
      push_block (parser, block);
      break;

    case MD_BLOCK_LI:
      {
        MD_BLOCK_LI_DETAIL *li = detail;

        block = block_new (PRISM_MARKDOWN_BLOCK_LIST_ITEM);
        if (li->is_task)
          block->task = (li->task_mark == ' ') ? PRISM_MARKDOWN_TASK_OPEN : PRISM_MARKDOWN_TASK_DONE;
        push_block (parser, block);
      }
      break;

    case MD_BLOCK_HR:
      add_block (parser, block_new (PRISM_MARKDOWN_BLOCK_RULE));
      break;

    case MD_BLOCK_H:
      block = block_new (PRISM_MARKDOWN_BLOCK_HEADING);
      block->level = ((MD_BLOCK_H_DETAIL *)detail)->level;
      add_block (parser, block);
      parser->inline_block = block;
      break;

    case MD_BLOCK_P:
      block = block_new (PRISM_MARKDOWN_BLOCK_PARAGRAPH);
      add_block (parser, block);
      parser->inline_block = block;
      break;

    case MD_BLOCK_CODE:
      {
        MD_BLOCK_CODE_DETAIL *code = detail;

        block = block_new (PRISM_MARKDOWN_BLOCK_CODE);
        if (code->lang.size > 0)
          block->lang = attribute_to_string (&code->lang);
        add_block (parser, block);
        parser->code = block;
        g_string_truncate (parser->code_buf, 0);
      }
      break;

    case MD_BLOCK_TABLE:
      {
        MD_BLOCK_TABLE_DETAIL *table = detail;

        block = block_new (PRISM_MARKDOWN_BLOCK_TABLE);
        block->n_columns = MAX (table->col_count, 1);
        block->aligns = g_new0 (PrismMarkdownAlign, block->n_columns);
        add_block (parser, block);
        parser->table = block;
      }
      break;

    case MD_BLOCK_TR:
      parser->column = 0;
      break;

    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      if (parser->table != NULL && parser->table->n_rows == 0 && parser->column < parser->table->n_columns)
        {
          static const PrismMarkdownAlign aligns[] = {
            [MD_ALIGN_DEFAULT] = PRISM_MARKDOWN_ALIGN_DEFAULT,
            [MD_ALIGN_LEFT] = PRISM_MARKDOWN_ALIGN_LEFT,
            [MD_ALIGN_CENTER] = PRISM_MARKDOWN_ALIGN_CENTER,
            [MD_ALIGN_RIGHT] = PRISM_MARKDOWN_ALIGN_RIGHT,
          };
          parser->table->aligns[parser->column] = aligns[((MD_BLOCK_TD_DETAIL *)detail)->align];
        }
      parser->in_cell = TRUE;
      g_string_truncate (parser->inline_buf, 0);
      break;

    default:
      break;
    }

  return 0;
}

static int
leave_block (MD_BLOCKTYPE  type,
             void         *detail,
             void         *user_data)
{
  Parser *parser = user_data;

  switch (type)
    {
    case MD_BLOCK_QUOTE:
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
    case MD_BLOCK_LI:
      finish_inline (parser);
      g_ptr_array_remove_index (parser->stack, parser->stack->len - 1);
      break;

    case MD_BLOCK_H:
    case MD_BLOCK_P:
      finish_inline (parser);
      break;

    case MD_BLOCK_CODE:
      if (parser->code_buf->len > 0 && parser->code_buf->str[parser->code_buf->len - 1] == '\n')
        g_string_truncate (parser->code_buf, parser->code_buf->len - 1);
      parser->code->text = g_strdup (parser->code_buf->str);
      parser->code = NULL;
      break;

    case MD_BLOCK_TABLE:
      parser->table = NULL;
      break;

    case MD_BLOCK_TR:
      if (parser->table != NULL)
        {
          /* md4c gives every row the header's width; be sure of it. */
          for (; parser->column < parser->table->n_columns; parser->column++)
            g_ptr_array_add (parser->table->cells, g_strdup (""));
          parser->table->n_rows++;
        }
      break;

    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      close_spans (parser);
      if (parser->table != NULL && parser->column < parser->table->n_columns)
        {
          g_strstrip (parser->inline_buf->str);
          g_ptr_array_add (parser->table->cells, g_strdup (parser->inline_buf->str));
          parser->column++;
        }
      g_string_truncate (parser->inline_buf, 0);
      parser->in_cell = FALSE;
      break;

    default:
      break;
    }

  return 0;
}

static void
push_span (Parser      *parser,
           MD_SPANTYPE  type,
           char        *open,
           const char  *close)
{
  Span span = { type, open, close };

  if (open != NULL)
    g_string_append (inline_target (parser), open);
  g_array_append_val (parser->spans, span);
}

static void
open_link (Parser             *parser,
           MD_SPANTYPE         type,
           const MD_ATTRIBUTE *href)
{
  g_autofree char *uri = attribute_to_string (href);
  g_autofree char *escaped = NULL;

  /* A label cannot hold a link inside a link. */
  for (guint i = 0; i < parser->spans->len; i++)
    {
      Span *span = &g_array_index (parser->spans, Span, i);

      if ((span->type == MD_SPAN_A || span->type == MD_SPAN_IMG) && span->open != NULL)
        {
          push_span (parser, type, NULL, NULL);
          return;
        }
    }

  if (!is_openable_uri (uri))
    {
      push_span (parser, type, NULL, NULL);
      return;
    }

  escaped = g_markup_escape_text (uri, -1);
  push_span (parser, type, g_strdup_printf ("<a href=\"%s\">", escaped), "</a>");
}

static int
enter_span (MD_SPANTYPE  type,
            void        *detail,
            void        *user_data)
{
  Parser *parser = user_data;

  switch (type)
    {
    case MD_SPAN_EM:
      push_span (parser, type, g_strdup ("<i>"), "</i>");
      break;
    case MD_SPAN_STRONG:
      push_span (parser, type, g_strdup ("<b>"), "</b>");
      break;
    case MD_SPAN_DEL:
      push_span (parser, type, g_strdup ("<s>"), "</s>");
      break;
    case MD_SPAN_CODE:
      push_span (parser, type, g_strdup (CODE_SPAN_OPEN), "</span>");
      break;
    case MD_SPAN_A:
      open_link (parser, type, &((MD_SPAN_A_DETAIL *)detail)->href);
      break;
    case MD_SPAN_IMG:
      /* An image shows as its description, linked to the image. */
      open_link (parser, type, &((MD_SPAN_IMG_DETAIL *)detail)->src);
      break;
    default:
      break;
    }

  return 0;
}

/* Closes the innermost open span of @type; spans opened inside it are
 * closed with it and opened again after it. */
static int
leave_span (MD_SPANTYPE  type,
            void        *detail,
            void        *user_data)
{
  Parser *parser = user_data;
  g_autoptr(GArray) reopen = NULL;
  guint k;

  for (k = parser->spans->len; k > 0; k--)
    if (g_array_index (parser->spans, Span, k - 1).type == type)
      break;
  if (k == 0)
    return 0;
  k--;

  reopen = g_array_new (FALSE, FALSE, sizeof (Span));
  g_array_set_clear_func (reopen, clear_span);
  for (guint i = parser->spans->len; i > k; i--)
    {
      Span *span = &g_array_index (parser->spans, Span, i - 1);

      if (span->close != NULL)
        g_string_append (inline_target (parser), span->close);
      if (i - 1 > k)
        {
          g_array_prepend_val (reopen, *span);
          span->open = NULL;
        }
    }
  g_array_set_size (parser->spans, k);

  for (guint i = 0; i < reopen->len; i++)
    {
      Span *span = &g_array_index (reopen, Span, i);

      push_span (parser, span->type, g_steal_pointer (&span->open), span->close);
    }

  return 0;
}

static int
on_text (MD_TEXTTYPE    type,
      const MD_CHAR *text,
      MD_SIZE        size,
      void          *user_data)
{
  Parser *parser = user_data;
  GString *out;

  /* Never trust a length past the input (see prism_markdown_parse()). */
  if (size > parser->input_len)
    return 0;

  if (parser->code != NULL)
    {
      if (type == MD_TEXT_NULLCHAR)
        g_string_append (parser->code_buf, "\xef\xbf\xbd");
      else
        g_string_append_len (parser->code_buf, text, size);
      return 0;
    }

  out = inline_target (parser);

  switch (type)
    {
    case MD_TEXT_NULLCHAR:
      g_string_append (out, "\xef\xbf\xbd");
      break;
    case MD_TEXT_BR:
      g_string_append_c (out, '\n');
      break;
    case MD_TEXT_SOFTBR:
      g_string_append_c (out, ' ');
      break;
    case MD_TEXT_ENTITY:
      {
        g_autoptr(GString) decoded = g_string_new (NULL);

        append_entity (decoded, text, size);
        append_escaped (out, decoded->str, decoded->len);
      }
      break;
    default:
      append_escaped (out, text, size);
      break;
    }

  return 0;
}

/**
 * prism_markdown_parse:
 * @text: Markdown source, UTF-8
 * @len: length of @text in bytes, or -1 when NUL-terminated
 *
 * Bytes of @text that are not UTF-8 show as U+FFFD.
 *
 * Returns: (transfer container) (element-type PrismMarkdownBlock): the
 *   top-level blocks of @text
 */
GPtrArray *
prism_markdown_parse (const char *text,
                      gssize      len)
{
  const MD_PARSER md_parser = {
    .abi_version = 0,
    .flags = PARSER_FLAGS,
    .enter_block = enter_block,
    .leave_block = leave_block,
    .enter_span = enter_span,
    .leave_span = leave_span,
    .text = on_text,
  };
  Parser parser = { 0 };
  g_autofree char *owned = NULL;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (len < 0)
    len = strlen (text);

  /* Escaping and Pango both need UTF-8 throughout. md4c 0.4.8 reads a
   * byte past the end when it looks for a permissive autolink, so it
   * always gets a copy that ends in NUL: a chunk of a longer text would
   * otherwise lend it the next chunk's first byte. */
  if (!g_utf8_validate_len (text, len, NULL))
    {
      owned = g_utf8_make_valid (text, len);
      len = strlen (owned);
    }
  else
    {
      owned = g_malloc (len + 1);
      memcpy (owned, text, len);
      owned[len] = '\0';
    }
  text = owned;
  parser.input_len = len;

  parser.blocks = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_markdown_block_free);
  parser.stack = g_ptr_array_new ();
  parser.inline_buf = g_string_new (NULL);
  parser.code_buf = g_string_new (NULL);
  parser.spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_array_set_clear_func (parser.spans, clear_span);

  if (len > 0 && md_parse (text, (MD_SIZE)len, &md_parser, &parser) != 0)
    {
      /* md4c fails only when out of memory; show what it gave. */
      g_warning ("Could not parse %" G_GSSIZE_FORMAT " bytes of Markdown", len);
    }

  finish_inline (&parser);
  if (parser.code != NULL && parser.code->text == NULL)
    parser.code->text = g_strdup (parser.code_buf->str);

  g_ptr_array_unref (parser.stack);
  g_string_free (parser.inline_buf, TRUE);
  g_string_free (parser.code_buf, TRUE);
  g_array_unref (parser.spans);

  return parser.blocks;
}

/* Splitter ----------------------------------------------------------- */

void
prism_markdown_splitter_init (PrismMarkdownSplitter *self)
{
  g_return_if_fail (self != NULL);

  memset (self, 0, sizeof *self);
  self->after_break = TRUE;
}

static gboolean
line_is_blank (const char *line,
               gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
      return FALSE;
  return TRUE;
}

static gboolean
is_space_or_end (const char *line,
                 gsize       len,
                 gsize       i)
{
  return i >= len || line[i] == ' ' || line[i] == '\t' || line[i] == '\r';
}

/* A list item after a blank line may continue the list above it. */
static gboolean
line_is_list_item (const char *line,
                   gsize       len)
{
  gsize i = 0;

  if (len > 0 && strchr ("-*+", line[0]) != NULL)
    return is_space_or_end (line, len, 1);

  while (i < len && i < 9 && g_ascii_isdigit (line[i]))
    i++;

  return i > 0 && i < len && (line[i] == '.' || line[i] == ')') && is_space_or_end (line, len, i + 1);
}

static gsize
fence_run (const char *line,
           gsize       len,
           gsize      *indent,
           char       *fence_char)
{
  gsize i = 0;
  gsize n = 0;

  while (i < len && i < 4 && line[i] == ' ')
    i++;
  if (i > 3 || i >= len || (line[i] != '`' && line[i] != '~'))
    return 0;

  *indent = i;
  *fence_char = line[i];
  while (i + n < len && line[i + n] == *fence_char)
    n++;

  return n >= 3 ? n : 0;
}

static gboolean
line_opens_fence (const char *line,
                  gsize       len,
                  gsize      *indent,
                  char       *fence_char,
                  gsize      *fence_len)
{
  gsize n = fence_run (line, len, indent, fence_char);

  if (n == 0)
    return FALSE;

  /* The info string of a backtick fence holds no backtick. */
  if (*fence_char == '`' && memchr (line + *indent + n, '`', len - *indent - n) != NULL)
    return FALSE;

  *fence_len = n;

  return TRUE;
}

static gboolean
line_closes_fence (PrismMarkdownSplitter *self,
                   const char            *line,
                   gsize                  len)
{
  gsize indent;
  char fence_char;
  gsize n = fence_run (line, len, &indent, &fence_char);

  return n >= self->fence_len &&
         fence_char == self->fence_char &&
         line_is_blank (line + indent + n, len - indent - n);
}

/* "[label]: destination", indented at most three spaces. */
static gboolean
line_is_definition (const char *line,
                    gsize       len)
{
  gsize i = 0;

  while (i < len && i < 3 && line[i] == ' ')
    i++;
  if (i >= len || line[i] != '[')
    return FALSE;

  for (i++; i < len && line[i] != ']'; i++)
    if (line[i] == '\\')
      i++;
  if (i + 1 >= len || line[i + 1] != ':' || i == 0 || line[i - 1] == '[')
    return FALSE;

  return !line_is_blank (line + i + 2, len - i - 2);
}

/**
 * prism_markdown_splitter_scan:
 * @self: a splitter
 * @text: the whole document so far
 * @len: its length
 * @boundaries: (element-type gsize): where the cuts found are appended
 * @definitions: (nullable): where lines that define link references are
 *   appended
 *
 * Looks at the lines of @text completed since the last call.
 */
void
prism_markdown_splitter_scan (PrismMarkdownSplitter *self,
                              const char            *text,
                              gsize                  len,
                              GArray                *boundaries,
                              GString               *definitions)
{
  const char *nl;

  g_return_if_fail (self != NULL);
  g_return_if_fail (boundaries != NULL);
  g_return_if_fail (self->scan_pos <= len);

  while ((nl = memchr (text + self->scan_pos, '\n', len - self->scan_pos)) != NULL)
    {
      gsize pos = self->scan_pos;
      const char *line = text + pos;
      gsize line_len = nl - line;
      gsize indent;
      char fence_char;
      gsize fence_len;

      self->scan_pos = pos + line_len + 1;

      if (self->in_fence)
        {
          /* Only a fence at the start of its line surely stood outside
           * any list or quote, and so surely ends at its closing line. */
          if (line_closes_fence (self, line, line_len))
            {
              self->in_fence = FALSE;
              self->after_break = self->fence_at_start;
            }
          continue;
        }

      if (line_is_blank (line, line_len))
        {
          self->after_break = TRUE;
          continue;
        }

      if (line_opens_fence (line, line_len, &indent, &fence_char, &fence_len))
        {
          if (indent == 0 && pos > 0)
            g_array_append_val (boundaries, pos);
          self->in_fence = TRUE;
          self->fence_char = fence_char;
          self->fence_len = fence_len;
          self->fence_at_start = indent == 0;
          self->after_break = FALSE;
          continue;
        }

      if (definitions != NULL && line_is_definition (line, line_len))
        {
          g_string_append_len (definitions, line, line_len);
          g_string_append_c (definitions, '\n');
        }

      if (self->after_break && pos > 0 &&
          !is_space_or_end (line, line_len, 0) &&
          !line_is_list_item (line, line_len))
        g_array_append_val (boundaries, pos);

      self->after_break = FALSE;
    }
}
