/* test-markdown.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "markdown-sample.h"
#include "prism-code-block.h"
#include "prism-markdown.h"
#include "prism-markdown-view-private.h"

/* Parser ------------------------------------------------------------- */

static PrismMarkdownBlock *
block_at (GPtrArray *blocks,
          guint      index)
{
  g_assert_cmpuint (index, <, blocks->len);
  return g_ptr_array_index (blocks, index);
}

/* GtkLabel's markup is Pango's and <a>; a label warns (fatal in a
 * test) on markup it cannot parse. Returns the text a person sees. */
static char *
markup_to_text (const char *markup)
{
  g_autoptr(GtkWidget) label = g_object_ref_sink (gtk_label_new (NULL));

  gtk_label_set_markup (GTK_LABEL (label), markup);

  return g_strdup (gtk_label_get_text (GTK_LABEL (label)));
}

static void
test_markdown_block_kinds (void)
{
  const char *source =
    "# Title\n"
    "\n"
    "Some text.\n"
    "\n"
    "### Smaller\n"
    "- one\n"
    "- two\n"
    "\n"
    "> quoted\n"
    "\n"
    "| a | b |\n"
    "|---|---|\n"
    "| 1 | 2 |\n"
    "\n"
    "```rust\n"
    "fn main() {}\n"
    "```\n"
    "\n"
    "***\n";
  g_autoptr(GPtrArray) blocks = prism_markdown_parse (source, -1);
  const PrismMarkdownBlockKind expected[] = {
    PRISM_MARKDOWN_BLOCK_HEADING,
    PRISM_MARKDOWN_BLOCK_PARAGRAPH,
    PRISM_MARKDOWN_BLOCK_HEADING,
    PRISM_MARKDOWN_BLOCK_LIST,
    PRISM_MARKDOWN_BLOCK_QUOTE,
    PRISM_MARKDOWN_BLOCK_TABLE,
    PRISM_MARKDOWN_BLOCK_CODE,
    PRISM_MARKDOWN_BLOCK_RULE,
  };

  g_assert_cmpuint (blocks->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (prism_markdown_block_kind_to_string (block_at (blocks, i)->kind), ==,
                     prism_markdown_block_kind_to_string (expected[i]));

  g_assert_cmpuint (block_at (blocks, 0)->level, ==, 1);
  g_assert_cmpstr (block_at (blocks, 0)->markup, ==, "Title");
  g_assert_cmpstr (block_at (blocks, 1)->markup, ==, "Some text.");
  g_assert_cmpuint (block_at (blocks, 2)->level, ==, 3);
  g_assert_cmpstr (block_at (blocks, 6)->lang, ==, "rust");
  g_assert_cmpstr (block_at (blocks, 6)->text, ==, "fn main() {}");

  {
    PrismMarkdownBlock *quote = block_at (blocks, 4);

    g_assert_cmpuint (quote->children->len, ==, 1);
    g_assert_cmpstr (block_at (quote->children, 0)->markup, ==, "quoted");
  }
}

static void
test_markdown_inline (void)
{
  g_autoptr(GPtrArray) blocks = prism_markdown_parse ("*em* **strong** `code <x>` ~~gone~~ "
                                                      "[GTK](https://gtk.org/?a=1&b=2) end\n"
                                                      "hard  \nbreak &copy; &#65; &bogus;", -1);
  g_autofree char *text = NULL;
  const char *markup;

  g_assert_cmpuint (blocks->len, ==, 1);
  markup = block_at (blocks, 0)->markup;
  g_assert_cmpstr (markup, ==,
                   "<i>em</i> <b>strong</b> "
                   "<span font_family=\"monospace\" background=\"#8080802e\">code &lt;x&gt;</span> "
                   "<s>gone</s> <a href=\"https://gtk.org/?a=1&amp;b=2\">GTK</a> end "
                   "hard\nbreak © A &amp;bogus;");
  text = markup_to_text (markup);
  g_assert_cmpstr (text, ==, "em strong code <x> gone GTK end hard\nbreak © A &bogus;");
}

static void
test_markdown_escaping (void)
{
  g_autoptr(GPtrArray) blocks = prism_markdown_parse ("<script>alert(\"&\")</script> Tom & Jerry\n"
                                                      "\n"
                                                      "[click](javascript:alert(1)) "
                                                      "[rel](/local/path) "
                                                      "<https://example.com/a\"b> "
                                                      "www.gnome.org\n"
                                                      "\n"
                                                      "<div>\n"
                                                      "raw\n"
                                                      "</div>\n", -1);
  g_autofree char *text = NULL;
  g_autofree char *links = NULL;
  const char *markup;

  g_assert_cmpuint (blocks->len, ==, 3);

  markup = block_at (blocks, 0)->markup;
  g_assert_cmpstr (markup, ==, "&lt;script&gt;alert(&quot;&amp;&quot;)&lt;/script&gt; Tom &amp; Jerry");
  text = markup_to_text (markup);
  g_assert_cmpstr (text, ==, "<script>alert(\"&\")</script> Tom & Jerry");

  /* Only links a browser should open are links. */
  markup = block_at (blocks, 1)->markup;
  g_assert_null (strstr (markup, "javascript"));
  g_assert_null (strstr (markup, "href=\"/local"));
  g_assert_nonnull (strstr (markup, "click"));
  g_assert_nonnull (strstr (markup, "<a href=\"https://example.com/a%22b\">")
                    ? strstr (markup, "<a href=\"https://example.com/a%22b\">")
                    : strstr (markup, "<a href=\"https://example.com/a&quot;b\">"));
  g_assert_nonnull (strstr (markup, "<a href=\"http://www.gnome.org\">www.gnome.org</a>"));
  links = markup_to_text (markup);
  g_assert_cmpstr (links, ==, "click rel https://example.com/a\"b www.gnome.org");

  /* Raw HTML is text. */
  g_assert_cmpuint (block_at (blocks, 2)->kind, ==, PRISM_MARKDOWN_BLOCK_PARAGRAPH);
  g_assert_cmpstr (block_at (blocks, 2)->markup, ==, "&lt;div&gt; raw &lt;/div&gt;");
}

static void
test_markdown_lists (void)
{
  g_autoptr(GPtrArray) blocks = prism_markdown_parse ("3. three\n"
                                                      "4. four\n"
                                                      "   - nested *a*\n"
                                                      "   - nested b\n"
                                                      "\n"
                                                      "- [ ] open\n"
                                                      "- [x] done\n", -1);
  PrismMarkdownBlock *ordered;
  PrismMarkdownBlock *four;
  PrismMarkdownBlock *nested;
  PrismMarkdownBlock *tasks;

  g_assert_cmpuint (blocks->len, ==, 2);

  ordered = block_at (blocks, 0);
  g_assert_cmpuint (ordered->kind, ==, PRISM_MARKDOWN_BLOCK_LIST);
  g_assert_true (ordered->ordered);
  g_assert_cmpuint (ordered->start, ==, 3);
  g_assert_cmpuint (ordered->children->len, ==, 2);
  g_assert_cmpstr (block_at (block_at (ordered->children, 0)->children, 0)->markup, ==, "three");

  four = block_at (ordered->children, 1);
  g_assert_cmpuint (four->kind, ==, PRISM_MARKDOWN_BLOCK_LIST_ITEM);
  g_assert_cmpuint (four->children->len, ==, 2);
  g_assert_cmpstr (block_at (four->children, 0)->markup, ==, "four");
  nested = block_at (four->children, 1);
  g_assert_cmpuint (nested->kind, ==, PRISM_MARKDOWN_BLOCK_LIST);
  g_assert_false (nested->ordered);
  g_assert_cmpstr (block_at (block_at (nested->children, 0)->children, 0)->markup, ==, "nested <i>a</i>");

  tasks = block_at (blocks, 1);
  g_assert_cmpuint (block_at (tasks->children, 0)->task, ==, PRISM_MARKDOWN_TASK_OPEN);
  g_assert_cmpuint (block_at (tasks->children, 1)->task, ==, PRISM_MARKDOWN_TASK_DONE);
  g_assert_cmpstr (block_at (block_at (tasks->children, 1)->children, 0)->markup, ==, "done");
}

static void
test_markdown_table (void)
{
  g_autoptr(GPtrArray) blocks = prism_markdown_parse ("| Name | Price | Qty |\n"
                                                      "|:-----|------:|:---:|\n"
                                                      "| **a** | 1 & 2 |\n"
                                                      "| b | 3 | 4 |\n", -1);
  PrismMarkdownBlock *table;

  g_assert_cmpuint (blocks->len, ==, 1);
  table = block_at (blocks, 0);
  g_assert_cmpuint (table->kind, ==, PRISM_MARKDOWN_BLOCK_TABLE);
  g_assert_cmpuint (table->n_columns, ==, 3);
  g_assert_cmpuint (table->n_rows, ==, 3);
  g_assert_cmpuint (table->cells->len, ==, 9);
  g_assert_cmpint (table->aligns[0], ==, PRISM_MARKDOWN_ALIGN_LEFT);
  g_assert_cmpint (table->aligns[1], ==, PRISM_MARKDOWN_ALIGN_RIGHT);
  g_assert_cmpint (table->aligns[2], ==, PRISM_MARKDOWN_ALIGN_CENTER);
  g_assert_cmpstr (g_ptr_array_index (table->cells, 0), ==, "Name");
  g_assert_cmpstr (g_ptr_array_index (table->cells, 3), ==, "<b>a</b>");
  g_assert_cmpstr (g_ptr_array_index (table->cells, 4), ==, "1 &amp; 2");
  /* A short row is padded to the header's width. */
  g_assert_cmpstr (g_ptr_array_index (table->cells, 5), ==, "");
  g_assert_cmpstr (g_ptr_array_index (table->cells, 8), ==, "4");
}

static void
test_markdown_code (void)
{
  g_autoptr(GPtrArray) blocks = prism_markdown_parse ("~~~\n"
                                                      "plain <text> & more\n"
                                                      "\n"
                                                      "~~~\n"
                                                      "\n"
                                                      "```python title=x\n"
                                                      "print(1)\n", -1);

  g_assert_cmpuint (blocks->len, ==, 2);
  g_assert_null (block_at (blocks, 0)->lang);
  /* Code is text, not markup. */
  g_assert_cmpstr (block_at (blocks, 0)->text, ==, "plain <text> & more\n");
  /* An unclosed fence runs to the end. */
  g_assert_cmpstr (block_at (blocks, 1)->lang, ==, "python");
  g_assert_cmpstr (block_at (blocks, 1)->text, ==, "print(1)");
}

static void
test_markdown_invalid_utf8 (void)
{
  const char source[] = "bad \xff byte, cut \xe2\x9c";
  g_autoptr(GPtrArray) blocks = prism_markdown_parse (source, sizeof source - 1);

  g_assert_cmpuint (blocks->len, ==, 1);
  g_assert_cmpstr (block_at (blocks, 0)->markup, ==, "bad \xef\xbf\xbd byte, cut \xef\xbf\xbd\xef\xbf\xbd");
}

static void
test_markdown_unbalanced_spans (void)
{
  /* md4c 0.4.8 opens the strikethrough and never closes it. */
  g_autoptr(GPtrArray) blocks = prism_markdown_parse ("a ~del~~ [link](https://gnome.or~del~~ x", -1);
  g_autofree char *text = NULL;

  g_assert_cmpuint (blocks->len, ==, 1);
  g_assert_cmpstr (block_at (blocks, 0)->markup, ==,
                   "a <s>del~~ [link](<a href=\"https://gnome.or~del\">https://gnome.or~del</a>~~ x</s>");
  text = markup_to_text (block_at (blocks, 0)->markup);
  g_assert_cmpstr (text, ==, "a del~~ [link](https://gnome.or~del~~ x");
}

static void
test_markdown_autolink_at_end (void)
{
  /* Only the first 17 bytes are the text: md4c must not see the rest. */
  const char *buffer = "|![link](h.ome.orXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX";
  g_autoptr(GPtrArray) blocks = prism_markdown_parse (buffer, 17);

  g_assert_cmpuint (blocks->len, ==, 1);
  g_assert_cmpstr (block_at (blocks, 0)->markup, ==, "|![link](h.ome.or");
}

static void
test_markdown_splitter (void)
{
  const char *source =
    "# Title\n"            /*   0 */
    "text\n"               /*   8 */
    "\n"                   /*  13 */
    "Para\n"               /*  14: cut, after a blank line */
    "\n"                   /*  19 */
    "- item\n"             /*  20: no cut, may continue a list */
    "\n"                   /*  27 */
    "  indented\n"         /*  28: no cut, belongs to the item */
    "```c\n"               /*  39: cut, a fence */
    "x\n"                  /*  44 */
    "\n"                   /*  46 */
    "not a cut\n"          /*  47: inside the fence */
    "```\n"                /*  57 */
    "after\n"              /*  61: cut, after the fence */
    "\n"                   /*  67 */
    "incomplete";          /*  68: not a complete line yet */
  g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (gsize));
  PrismMarkdownSplitter splitter;
  const gsize expected[] = { 14, 39, 61 };

  prism_markdown_splitter_init (&splitter);
  /* Fed in pieces, as a stream arrives. */
  for (gsize len = 1; len <= strlen (source); len += 7)
    prism_markdown_splitter_scan (&splitter, source, len, cuts, NULL);
  prism_markdown_splitter_scan (&splitter, source, strlen (source), cuts, NULL);

  g_assert_cmpuint (cuts->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpuint (g_array_index (cuts, gsize, i), ==, expected[i]);
}

static const char *tricky_source =
    "Setext title\n"
    "============\n"
    "\n"
    "Intro paragraph\n"
    "with a lazy line.\n"
    "\n"
    "- loose item one\n"
    "\n"
    "- loose item two\n"
    "\n"
    "  second paragraph of item two\n"
    "\n"
    "  ```sh\n"
    "  echo \"inside the item\"\n"
    "\n"
    "  echo \"after a blank line\"\n"
    "  ```\n"
    "\n"
    "- loose item three\n"
    "* another list\n"
    "\n"
    "1) paren list\n"
    "2) second\n"
    "\n"
    "    indented code block\n"
    "\n"
    "    still code\n"
    "Para after code.\n"
    "\n"
    "> quote with a list\n"
    "> - a\n"
    "> - b\n"
    ">\n"
    "> ```\n"
    "> quoted fence\n"
    "> ```\n"
    "\n"
    "````markdown\n"
    "```c\n"
    "nested fence\n"
    "```\n"
    "\n"
    "still inside the outer fence\n"
    "````\n"
    "\n"
    "~~~\n"
    "tilde fence\n"
    "\n"
    "~~~\n"
    "\n"
    "***\n"
    "- - -\n"
    "___\n"
    "\n"
    "| a | b |\n"
    "|---|---|\n"
    "| 1 | 2 |\n"
    "Text right after the table.\n"
    "\n"
    "Term with trailing spaces  \n"
    "and a hard break.\n"
    "\n"
    "[ref link][r] and [r].\n"
    "\n"
    "[r]: https://example.org \"Title\"\n"
    "\n"
    "Last line without newline\n";

/* The cuts must not change what md4c makes of a whole answer. */
static void
assert_chunks_match_whole (const char *source)
{
  g_autoptr(GPtrArray) whole = prism_markdown_parse (source, -1);
  g_autoptr(GPtrArray) chunked = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_markdown_block_free);
  g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GString) definitions = g_string_new (NULL);
  PrismMarkdownSplitter splitter;
  gsize start = 0;
  gsize len = strlen (source);

  prism_markdown_splitter_init (&splitter);
  prism_markdown_splitter_scan (&splitter, source, len, cuts, definitions);
  g_assert_cmpuint (cuts->len, >, whole->len / 3);

  /* Each chunk with the definitions after it, as the view parses it. */
  for (guint i = 0; i <= cuts->len; i++)
    {
      gsize end = i < cuts->len ? g_array_index (cuts, gsize, i) : len;
      g_autoptr(GString) chunk = g_string_new_len (source + start, end - start);
      g_autoptr(GPtrArray) blocks = NULL;

      if (definitions->len > 0)
        g_string_append_printf (chunk, "\n\n%s", definitions->str);
      blocks = prism_markdown_parse (chunk->str, chunk->len);

      g_ptr_array_extend_and_steal (chunked, g_steal_pointer (&blocks));
      start = end;
    }

  g_assert_cmpuint (chunked->len, ==, whole->len);
  for (guint i = 0; i < whole->len; i++)
    g_assert_true (prism_markdown_block_equal (g_ptr_array_index (chunked, i), g_ptr_array_index (whole, i)));
}

static void
test_markdown_chunks_match_whole (void)
{
  g_autofree char *sample = markdown_sample_new (2000);

  assert_chunks_match_whole (sample);
  assert_chunks_match_whole (tricky_source);
}

/* View --------------------------------------------------------------- */

static GtkWidget *
find_child_of_type (GtkWidget *widget,
                    GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_child_of_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
blocks_box (GtkWidget *view)
{
  return gtk_widget_get_first_child (view);
}

static guint
count_blocks (GtkWidget *view)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (blocks_box (view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

/* Everything a person would see of the blocks, as text. */
static void
dump_widget (GtkWidget *widget,
             GString   *out,
             guint      depth)
{
  g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);
  g_autofree char *joined = g_strjoinv (".", classes);

  if (GTK_IS_SCROLLBAR (widget))
    return;

  g_string_append_printf (out, "%*s%s .%s", depth * 2, "", G_OBJECT_TYPE_NAME (widget), joined);

  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, " «%s»", gtk_label_get_label (GTK_LABEL (widget)));

  if (PRISM_IS_CODE_BLOCK (widget))
    {
      GtkSourceView *view = GTK_SOURCE_VIEW (find_child_of_type (widget, GTK_SOURCE_TYPE_VIEW));
      GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
      GtkSourceLanguage *language = gtk_source_buffer_get_language (buffer);
      g_autofree char *text = NULL;
      GtkTextIter start;
      GtkTextIter end;

      gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (buffer), &start, &end);
      text = gtk_text_buffer_get_text (GTK_TEXT_BUFFER (buffer), &start, &end, TRUE);
      g_string_append_printf (out, " [%s] «%s»\n",
                              language != NULL ? gtk_source_language_get_id (language) : "-", text);
      return;
    }

  g_string_append_c (out, '\n');

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    dump_widget (child, out, depth + 1);
}

static char *
dump_view (GtkWidget *view)
{
  GString *out = g_string_new (NULL);

  dump_widget (view, out, 0);

  return g_string_free (out, FALSE);
}

static GtkWidget *
view_new (void)
{
  return g_object_ref_sink (prism_markdown_view_new ());
}

static GtkSourceView *
code_view_of (GtkWidget *widget)
{
  GtkWidget *code = find_child_of_type (widget, PRISM_TYPE_CODE_BLOCK);

  g_assert_nonnull (code);
  return GTK_SOURCE_VIEW (find_child_of_type (code, GTK_SOURCE_TYPE_VIEW));
}

static char *
buffer_text (GtkSourceView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static void
test_markdown_view_widgets (void)
{
  g_autoptr(GtkWidget) view = view_new ();
  GtkWidget *child;
  GtkSourceView *code;
  g_autofree char *text = NULL;

  prism_markdown_view_set_text (PRISM_MARKDOWN_VIEW (view),
                                "# Hello\n"
                                "\n"
                                "A [link](https://gnome.org) & <b>.\n"
                                "\n"
                                "```py\n"
                                "x = 1 < 2\n"
                                "```\n"
                                "\n"
                                "---\n");
  g_assert_cmpuint (count_blocks (view), ==, 4);

  child = gtk_widget_get_first_child (blocks_box (view));
  g_assert_true (GTK_IS_LABEL (child));
  g_assert_true (gtk_widget_has_css_class (child, "title-1"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child)), ==, "Hello");

  child = gtk_widget_get_next_sibling (child);
  g_assert_true (GTK_IS_LABEL (child));
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (child)));
  g_assert_true (gtk_label_get_use_markup (GTK_LABEL (child)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child)), ==, "A link & <b>.");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child)), ==, "A <a href=\"https://gnome.org\">link</a> &amp; &lt;b&gt;.");

  child = gtk_widget_get_next_sibling (child);
  g_assert_true (PRISM_IS_CODE_BLOCK (child));
  code = code_view_of (child);
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (code)));
  g_assert_cmpstr (gtk_source_language_get_id (gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (code))))), ==, "python3");
  text = buffer_text (code);
  g_assert_cmpstr (text, ==, "x = 1 < 2");

  child = gtk_widget_get_next_sibling (child);
  g_assert_true (GTK_IS_SEPARATOR (child));
}

static void
test_markdown_view_languages (void)
{
  const struct {
    const char *fence;
    const char *id;
    const char *title;
  } cases[] = {
    { "c", "c", "C" },
    { "python", "python3", "Python" },
    { "JavaScript", "js", "JavaScript" },
    { "bash", "sh", "sh" },
    { "rs", "rust", "Rust" },
    { "toml", "toml", "TOML" },
    { "klingon", NULL, "klingon" },
    { NULL, NULL, "Code" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GtkWidget) block = g_object_ref_sink (prism_code_block_new ());
      GtkSourceView *view = GTK_SOURCE_VIEW (find_child_of_type (block, GTK_SOURCE_TYPE_VIEW));
      GtkSourceLanguage *language;
      GtkWidget *title;

      prism_code_block_set_language (PRISM_CODE_BLOCK (block), cases[i].fence);
      language = gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view))));
      g_assert_cmpstr (language != NULL ? gtk_source_language_get_id (language) : NULL, ==, cases[i].id);

      title = find_child_of_type (block, GTK_TYPE_LABEL);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (title)), ==, cases[i].title);
    }
}

static void
on_text_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

static void
test_markdown_view_copy (void)
{
  g_autoptr(GtkWidget) view = view_new ();
  g_autofree char *copied = NULL;
  GtkWidget *code;
  GtkWidget *button;
  gint64 deadline;

  prism_markdown_view_set_text (PRISM_MARKDOWN_VIEW (view),
                                "Try:\n\n```sh\necho \"<hi>\" && ls\n```\n");
  code = find_child_of_type (view, PRISM_TYPE_CODE_BLOCK);
  button = find_child_of_type (code, GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Copy");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "code.copy");

  gdk_clipboard_set_text (gtk_widget_get_clipboard (view), "something else");
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (view), NULL, on_text_read, &copied);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (copied == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out reading the clipboard");
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_cmpstr (copied, ==, "echo \"<hi>\" && ls");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Copied");
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (button)), ==, "object-select-symbolic");
}

static void
test_markdown_view_code_scroll (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *block = prism_code_block_new ();
  GtkWidget *scroller = find_child_of_type (block, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (scroller);
  guint n_active = 0;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  prism_code_block_set_text (PRISM_CODE_BLOCK (block),
                             "a line of code far too long to fit into the two hundred pixels of this window");
  gtk_window_set_default_size (GTK_WINDOW (window), 200, 200);
  gtk_window_set_child (GTK_WINDOW (window), block);
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_adjustment_get_upper (adjustment) <= gtk_adjustment_get_page_size (adjustment) ||
         gtk_adjustment_get_page_size (adjustment) == 0)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for the code block's layout");
      g_main_context_iteration (NULL, FALSE);
    }

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      gboolean handled = TRUE;

      if (!GTK_IS_EVENT_CONTROLLER_SCROLL (controller) ||
          gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (controller)) == GTK_PHASE_NONE)
        continue;
      n_active++;

      /* The wheel goes on to the conversation around the block… */
      g_signal_emit_by_name (controller, "scroll", 0.0, 1.0, &handled);
      g_assert_false (handled);
      g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);

      /* …while a sideways scroll moves the code. */
      g_signal_emit_by_name (controller, "scroll", 1.0, 0.0, &handled);
      g_assert_true (handled);
      g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
    }
  g_assert_cmpuint (n_active, ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_markdown_view_style_scheme (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autoptr(GtkWidget) block = g_object_ref_sink (prism_code_block_new ());
  GtkSourceView *view = GTK_SOURCE_VIEW (find_child_of_type (block, GTK_SOURCE_TYPE_VIEW));
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_cmpstr (gtk_source_style_scheme_get_id (gtk_source_buffer_get_style_scheme (buffer)), ==, "Adwaita-dark");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_cmpstr (gtk_source_style_scheme_get_id (gtk_source_buffer_get_style_scheme (buffer)), ==, "Adwaita");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

/* Cuts @text into deltas of 3, 4 and 5 characters in turn. */
static GPtrArray *
split_deltas (const char *text)
{
  GPtrArray *deltas = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  for (guint i = 0; *p != '\0'; i++)
    {
      const char *end = p;

      for (guint n = 0; n < 3 + i % 3 && *end != '\0'; n++)
        end = g_utf8_next_char (end);
      g_ptr_array_add (deltas, g_strndup (p, end - p));
      p = end;
    }

  return deltas;
}

static void
test_markdown_view_streaming (void)
{
  g_autofree char *source = markdown_sample_new (1200);
  g_autoptr(GPtrArray) deltas = split_deltas (source);
  g_autoptr(GtkWidget) whole = view_new ();
  g_autoptr(GtkWidget) streamed = view_new ();
  g_autofree char *whole_dump = NULL;
  g_autofree char *streamed_dump = NULL;
  GtkWidget *first = NULL;
  guint n_blocks;
  guint renders;

  prism_markdown_view_set_text (PRISM_MARKDOWN_VIEW (whole), source);
  n_blocks = count_blocks (whole);
  g_assert_cmpuint (n_blocks, >, 50);
  g_assert_cmpuint (prism_markdown_view_get_render_count (PRISM_MARKDOWN_VIEW (whole)), ==, n_blocks);

  for (guint i = 0; i < deltas->len; i++)
    {
      prism_markdown_view_append (PRISM_MARKDOWN_VIEW (streamed), g_ptr_array_index (deltas, i));

      /* A finished block keeps its widget to the end. */
      if (first == NULL && count_blocks (streamed) > 3)
        first = gtk_widget_get_first_child (blocks_box (streamed));
    }

  g_assert_cmpstr (prism_markdown_view_get_text (PRISM_MARKDOWN_VIEW (streamed)), ==, source);
  g_assert_true (first == gtk_widget_get_first_child (blocks_box (streamed)));

  whole_dump = dump_view (whole);
  streamed_dump = dump_view (streamed);
  g_assert_cmpstr (streamed_dump, ==, whole_dump);

  /* Each delta renders the growing block, and a new block now and then:
   * O(deltas), where re-rendering everything would be O(deltas × blocks). */
  renders = prism_markdown_view_get_render_count (PRISM_MARKDOWN_VIEW (streamed));
  g_test_message ("%u deltas, %u blocks, %u renders", deltas->len, n_blocks, renders);
  g_assert_cmpuint (renders, <=, deltas->len + 2 * n_blocks);
  g_assert_cmpuint (renders, <, (guint64)deltas->len * n_blocks / 50);
}

static void
test_markdown_view_unclosed_fence (void)
{
  g_autoptr(GtkWidget) view = view_new ();
  GtkWidget *child;
  GtkWidget *code;
  g_autofree char *text = NULL;
  g_autofree char *closed = NULL;

  prism_markdown_view_append (PRISM_MARKDOWN_VIEW (view), "Intro\n\n```pyt");
  g_assert_cmpuint (count_blocks (view), ==, 2);
  code = gtk_widget_get_next_sibling (gtk_widget_get_first_child (blocks_box (view)));
  g_assert_true (PRISM_IS_CODE_BLOCK (code));

  prism_markdown_view_append (PRISM_MARKDOWN_VIEW (view), "hon\nprint(1)\nx = [");
  g_assert_cmpuint (count_blocks (view), ==, 2);
  /* The same block widget, grown. */
  g_assert_true (code == gtk_widget_get_next_sibling (gtk_widget_get_first_child (blocks_box (view))));
  g_assert_cmpstr (prism_code_block_get_language (PRISM_CODE_BLOCK (code)), ==, "python");
  text = buffer_text (code_view_of (code));
  g_assert_cmpstr (text, ==, "print(1)\nx = [");

  prism_markdown_view_append (PRISM_MARKDOWN_VIEW (view), "]\n```\n\nAfter *it*.");
  g_assert_cmpuint (count_blocks (view), ==, 3);
  g_assert_true (code == gtk_widget_get_next_sibling (gtk_widget_get_first_child (blocks_box (view))));
  closed = buffer_text (code_view_of (code));
  g_assert_cmpstr (closed, ==, "print(1)\nx = []");
  child = gtk_widget_get_last_child (blocks_box (view));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child)), ==, "After <i>it</i>.");
}

static void
test_markdown_view_half_table (void)
{
  g_autoptr(GtkWidget) view = view_new ();
  GtkWidget *table;
  GtkWidget *grid;

  prism_markdown_view_append (PRISM_MARKDOWN_VIEW (view), "| a | b |\n");
  g_assert_cmpuint (count_blocks (view), ==, 1);
  /* Without its delimiter row, a table is still text. */
  g_assert_true (GTK_IS_LABEL (gtk_widget_get_first_child (blocks_box (view))));

  prism_markdown_view_append (PRISM_MARKDOWN_VIEW (view), "|---|---|\n| 1 |");
  table = gtk_widget_get_first_child (blocks_box (view));
  grid = find_child_of_type (table, GTK_TYPE_GRID);
  g_assert_nonnull (grid);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 0, 1))), ==, "1");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 1, 1))), ==, "");

  prism_markdown_view_append (PRISM_MARKDOWN_VIEW (view), " 2 |\n| 3 | 4 |\n");
  /* The table grew in place. */
  g_assert_true (table == gtk_widget_get_first_child (blocks_box (view)));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 1, 1))), ==, "2");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 1, 2))), ==, "4");
}

static void
test_markdown_view_split_utf8 (void)
{
  g_autoptr(GtkWidget) view = view_new ();
  const char *source = "Caf\xc3\xa9 \xe2\x9c\x93 bad:\xff.";
  char byte[2] = { 0, 0 };

  /* One byte at a time, splitting multi-byte characters. */
  for (const char *p = source; *p != '\0'; p++)
    {
      byte[0] = *p;
      prism_markdown_view_append (PRISM_MARKDOWN_VIEW (view), byte);
    }

  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_first_child (blocks_box (view)))), ==,
                   "Caf\xc3\xa9 \xe2\x9c\x93 bad:\xef\xbf\xbd.");
}

static void
test_markdown_view_references (void)
{
  const char *source =
    "See [the docs][docs] first.\n"
    "\n"
    "Then more text, and [GTK][].\n"
    "\n"
    "```\n"
    "[docs]: not a definition inside code\n"
    "```\n"
    "\n"
    "[docs]: https://docs.gtk.org/\n"
    "[gtk]: https://gtk.org \"The toolkit\"\n";
  g_autoptr(GtkWidget) whole = view_new ();
  g_autoptr(GtkWidget) streamed = view_new ();
  g_autoptr(GPtrArray) deltas = split_deltas (source);
  g_autofree char *whole_dump = NULL;
  g_autofree char *streamed_dump = NULL;
  GtkWidget *first;
  GtkWidget *second;

  prism_markdown_view_set_text (PRISM_MARKDOWN_VIEW (whole), source);
  first = gtk_widget_get_first_child (blocks_box (whole));
  second = gtk_widget_get_next_sibling (first);
  /* The definitions below resolve links in chunks above them. */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (first)), ==,
                   "See <a href=\"https://docs.gtk.org/\">the docs</a> first.");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (second)), ==,
                   "Then more text, and <a href=\"https://gtk.org\">GTK</a>.");
  g_assert_cmpuint (count_blocks (whole), ==, 3);

  for (guint i = 0; i < deltas->len; i++)
    prism_markdown_view_append (PRISM_MARKDOWN_VIEW (streamed), g_ptr_array_index (deltas, i));

  whole_dump = dump_view (whole);
  streamed_dump = dump_view (streamed);
  g_assert_cmpstr (streamed_dump, ==, whole_dump);

  /* A fence that is opening as the text ends does not take the
   * definitions in as code. */
  prism_markdown_view_append (PRISM_MARKDOWN_VIEW (streamed), "\n```py");
  g_assert_cmpstr (prism_code_block_get_text (PRISM_CODE_BLOCK (gtk_widget_get_last_child (blocks_box (streamed)))), ==, "");
  prism_markdown_view_append (PRISM_MARKDOWN_VIEW (streamed), "\nx = 1");
  g_assert_cmpstr (prism_code_block_get_text (PRISM_CODE_BLOCK (gtk_widget_get_last_child (blocks_box (streamed)))), ==, "x = 1");
}

static void
test_markdown_view_streaming_tricky (void)
{
  g_autoptr(GtkWidget) whole = view_new ();
  g_autoptr(GtkWidget) streamed = view_new ();
  g_autoptr(GPtrArray) deltas = split_deltas (tricky_source);
  g_autofree char *whole_dump = NULL;
  g_autofree char *streamed_dump = NULL;

  prism_markdown_view_set_text (PRISM_MARKDOWN_VIEW (whole), tricky_source);
  for (guint i = 0; i < deltas->len; i++)
    prism_markdown_view_append (PRISM_MARKDOWN_VIEW (streamed), g_ptr_array_index (deltas, i));

  whole_dump = dump_view (whole);
  streamed_dump = dump_view (streamed);
  g_assert_cmpstr (streamed_dump, ==, whole_dump);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_markdown_view_text_property (void)
{
  g_autoptr(GtkWidget) view = view_new ();
  g_autoptr(GtkWidget) source = g_object_ref_sink (gtk_label_new (NULL));
  g_autofree char *text = NULL;
  guint notified = 0;

  g_signal_connect (view, "notify::text", G_CALLBACK (on_notify), &notified);

  /* A message's content bound to the view, growing as it streams. */
  g_object_bind_property (source, "label", view, "text", G_BINDING_DEFAULT);
  gtk_label_set_label (GTK_LABEL (source), "Hello *wor");
  gtk_label_set_label (GTK_LABEL (source), "Hello *world*\n\nBye");
  g_assert_cmpuint (count_blocks (view), ==, 2);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_first_child (blocks_box (view)))), ==,
                   "Hello <i>world</i>");

  g_object_get (view, "text", &text, NULL);
  g_assert_cmpstr (text, ==, "Hello *world*\n\nBye");

  /* Setting the same text again changes nothing. */
  prism_markdown_view_set_text (PRISM_MARKDOWN_VIEW (view), "Hello *world*\n\nBye");
  g_assert_cmpuint (notified, ==, 2);
}

static void
test_markdown_view_replace (void)
{
  g_autoptr(GtkWidget) view = view_new ();

  prism_markdown_view_set_text (PRISM_MARKDOWN_VIEW (view), "one\n\ntwo\n\nthree\n");
  g_assert_cmpuint (count_blocks (view), ==, 3);
  prism_markdown_view_set_text (PRISM_MARKDOWN_VIEW (view), "# other\n");
  g_assert_cmpuint (count_blocks (view), ==, 1);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_first_child (blocks_box (view)))), ==, "other");
  prism_markdown_view_set_text (PRISM_MARKDOWN_VIEW (view), "");
  g_assert_cmpuint (count_blocks (view), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      /* meson's TAP reader counts exit code 77 as an error. */
      printf ("1..0 # SKIP no display; run the tests through the README's test command\n");
      return 0;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/prism/markdown/block-kinds", test_markdown_block_kinds);
  g_test_add_func ("/prism/markdown/inline", test_markdown_inline);
  g_test_add_func ("/prism/markdown/escaping", test_markdown_escaping);
  g_test_add_func ("/prism/markdown/lists", test_markdown_lists);
  g_test_add_func ("/prism/markdown/table", test_markdown_table);
  g_test_add_func ("/prism/markdown/code", test_markdown_code);
  g_test_add_func ("/prism/markdown/invalid-utf8", test_markdown_invalid_utf8);
  g_test_add_func ("/prism/markdown/unbalanced-spans", test_markdown_unbalanced_spans);
  g_test_add_func ("/prism/markdown/autolink-at-end", test_markdown_autolink_at_end);
  g_test_add_func ("/prism/markdown/splitter", test_markdown_splitter);
  g_test_add_func ("/prism/markdown/chunks-match-whole", test_markdown_chunks_match_whole);
  g_test_add_func ("/prism/markdown/view-widgets", test_markdown_view_widgets);
  g_test_add_func ("/prism/markdown/view-languages", test_markdown_view_languages);
  g_test_add_func ("/prism/markdown/view-copy", test_markdown_view_copy);
  g_test_add_func ("/prism/markdown/view-code-scroll", test_markdown_view_code_scroll);
  g_test_add_func ("/prism/markdown/view-style-scheme", test_markdown_view_style_scheme);
  g_test_add_func ("/prism/markdown/view-streaming", test_markdown_view_streaming);
  g_test_add_func ("/prism/markdown/view-streaming-tricky", test_markdown_view_streaming_tricky);
  g_test_add_func ("/prism/markdown/view-unclosed-fence", test_markdown_view_unclosed_fence);
  g_test_add_func ("/prism/markdown/view-half-table", test_markdown_view_half_table);
  g_test_add_func ("/prism/markdown/view-split-utf8", test_markdown_view_split_utf8);
  g_test_add_func ("/prism/markdown/view-references", test_markdown_view_references);
  g_test_add_func ("/prism/markdown/view-text-property", test_markdown_view_text_property);
  g_test_add_func ("/prism/markdown/view-replace", test_markdown_view_replace);

  return g_test_run ();
}
