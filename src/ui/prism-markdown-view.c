/* prism-markdown-view.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-markdown-view"

#include "config.h"

#include "prism-markdown-view.h"
#include "prism-markdown-view-private.h"

#include <string.h>

#include "prism-code-block.h"
#include "prism-markdown.h"

/* Shows a message written in Markdown, one widget per top-level block.
 *
 * While a message streams in, the text is cut into chunks where a new
 * top-level block surely begins (PrismMarkdownSplitter). Chunks above the
 * last one are finished: they are never parsed again and their widgets
 * stay as they are. Each delta re-parses the last chunk only, and of its
 * blocks only those that changed touch their widgets. */

typedef struct
{
  PrismMarkdownBlock *block;
  GtkWidget          *widget;
  guint               chunk;
} Entry;

struct _PrismMarkdownView
{
  GtkWidget              parent_instance;

  GtkWidget             *box;

  GString               *text;
  gsize                  valid_len;
  PrismMarkdownSplitter  splitter;
  GArray                *chunks;
  GString               *definitions;
  GArray                *entries;

  guint                  render_count;
};

G_DEFINE_FINAL_TYPE (PrismMarkdownView, prism_markdown_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static GtkWidget *create_block (const PrismMarkdownBlock *block,
                                guint                     depth);
static gboolean   update_block (GtkWidget                *widget,
                                const PrismMarkdownBlock *old,
                                const PrismMarkdownBlock *block,
                                guint                     depth);

/* Block widgets ------------------------------------------------------ */

static GtkWidget *
create_label (const char        *markup,
              const char        *css_class,
              GtkAccessibleRole  role)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "accessible-role", role,
                                   NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup != NULL ? markup : "");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
update_label (GtkWidget  *label,
              const char *markup)
{
  if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), markup) != 0)
    gtk_label_set_markup (GTK_LABEL (label), markup != NULL ? markup : "");
}

static const char *
heading_class (guint level)
{
  static const char *classes[] = { "title-1", "title-2", "title-3", "title-4" };

  return (level >= 1 && level <= 4) ? classes[level - 1] : "heading";
}

static char *
item_marker (const PrismMarkdownBlock *list,
             const PrismMarkdownBlock *item,
             guint                     index,
             guint                     depth)
{
  static const char *bullets[] = { "•", "◦", "▪" };

  if (item->task == PRISM_MARKDOWN_TASK_OPEN)
    return g_strdup ("☐");
  if (item->task == PRISM_MARKDOWN_TASK_DONE)
    return g_strdup ("☑");
  if (list->ordered)
    return g_strdup_printf ("%u.", list->start + index);

  return g_strdup (bullets[MIN (depth, G_N_ELEMENTS (bullets) - 1)]);
}

static void
append_children (GtkWidget       *box,
                 const GPtrArray *children,
                 guint            depth)
{
  for (guint i = 0; i < children->len; i++)
    gtk_box_append (GTK_BOX (box), create_block (g_ptr_array_index (children, i), depth));
}

/* Brings the widgets of @box, made for @old, up to @children, keeping
 * every widget whose block did not change. */
static void
update_children (GtkWidget       *box,
                 const GPtrArray *old,
                 const GPtrArray *children,
                 guint            depth)
{
  GtkWidget *child = gtk_widget_get_first_child (box);
  GtkWidget *previous = NULL;
  guint i;

  for (i = 0; i < children->len && child != NULL; i++)
    {
      const PrismMarkdownBlock *block = g_ptr_array_index (children, i);
      const PrismMarkdownBlock *old_block = g_ptr_array_index (old, i);
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (!prism_markdown_block_equal (old_block, block) &&
          !update_block (child, old_block, block, depth))
        {
          GtkWidget *replacement = create_block (block, depth);

          gtk_box_insert_child_after (GTK_BOX (box), replacement, previous);
          gtk_box_remove (GTK_BOX (box), child);
          child = replacement;
        }

      previous = child;
      child = next;
    }

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      gtk_box_remove (GTK_BOX (box), child);
      child = next;
    }

  for (; i < children->len; i++)
    gtk_box_append (GTK_BOX (box), create_block (g_ptr_array_index (children, i), depth));
}

static GtkWidget *
create_item (const PrismMarkdownBlock *list,
             const PrismMarkdownBlock *item,
             guint                     index,
             guint                     depth)
{
  g_autofree char *marker_text = item_marker (list, item, index, depth);
  GtkWidget *row = g_object_new (GTK_TYPE_BOX,
                                 "orientation", GTK_ORIENTATION_HORIZONTAL,
                                 "spacing", 6,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_LIST_ITEM,
                                 NULL);
  GtkWidget *marker = gtk_label_new (marker_text);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_add_css_class (row, "prism-markdown-item");
  gtk_widget_add_css_class (marker, "prism-markdown-marker");
  gtk_widget_set_valign (marker, GTK_ALIGN_START);
  gtk_label_set_xalign (GTK_LABEL (marker), 1);
  /* Wide enough for "10." so that the items' text lines up. */
  gtk_label_set_width_chars (GTK_LABEL (marker), list->ordered ? 3 : 2);
  gtk_widget_set_hexpand (content, TRUE);
  gtk_box_append (GTK_BOX (row), marker);
  gtk_box_append (GTK_BOX (row), content);
  append_children (content, item->children, depth + 1);

  return row;
}

static void
update_item (GtkWidget                *row,
             const PrismMarkdownBlock *list,
             const PrismMarkdownBlock *old,
             const PrismMarkdownBlock *item,
             guint                     index,
             guint                     depth)
{
  g_autofree char *marker_text = item_marker (list, item, index, depth);
  GtkWidget *marker = gtk_widget_get_first_child (row);
  GtkWidget *content = gtk_widget_get_next_sibling (marker);

  if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (marker)), marker_text) != 0)
    gtk_label_set_label (GTK_LABEL (marker), marker_text);
  update_children (content, old->children, item->children, depth + 1);
}

static GtkWidget *
create_list (const PrismMarkdownBlock *block,
             guint                     depth)
{
  GtkWidget *box = g_object_new (GTK_TYPE_BOX,
                                 "orientation", GTK_ORIENTATION_VERTICAL,
                                 "spacing", 6,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_LIST,
                                 NULL);

  gtk_widget_add_css_class (box, "prism-markdown-list");
  for (guint i = 0; i < block->children->len; i++)
    gtk_box_append (GTK_BOX (box), create_item (block, g_ptr_array_index (block->children, i), i, depth));

  return box;
}

static void
update_list (GtkWidget                *box,
             const PrismMarkdownBlock *old,
             const PrismMarkdownBlock *block,
             guint                     depth)
{
  GtkWidget *row = gtk_widget_get_first_child (box);
  guint i;

  for (i = 0; i < block->children->len && row != NULL; i++)
    {
      const PrismMarkdownBlock *item = g_ptr_array_index (block->children, i);
      const PrismMarkdownBlock *old_item = g_ptr_array_index (old->children, i);

      if (!prism_markdown_block_equal (old_item, item))
        update_item (row, block, old_item, item, i, depth);
      row = gtk_widget_get_next_sibling (row);
    }

  while (row != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (row);

      gtk_box_remove (GTK_BOX (box), row);
      row = next;
    }

  for (; i < block->children->len; i++)
    gtk_box_append (GTK_BOX (box), create_item (block, g_ptr_array_index (block->children, i), i, depth));
}

static GtkWidget *
create_cell (const PrismMarkdownBlock *table,
             guint                     index)
{
  static const float xaligns[] = {
    [PRISM_MARKDOWN_ALIGN_DEFAULT] = 0,
    [PRISM_MARKDOWN_ALIGN_LEFT] = 0,
    [PRISM_MARKDOWN_ALIGN_CENTER] = 0.5,
    [PRISM_MARKDOWN_ALIGN_RIGHT] = 1,
  };
  guint column = index % table->n_columns;
  GtkWidget *label = create_label (g_ptr_array_index (table->cells, index),
                                   "prism-markdown-cell",
                                   index < table->n_columns ? GTK_ACCESSIBLE_ROLE_COLUMN_HEADER
                                                            : GTK_ACCESSIBLE_ROLE_CELL);

  gtk_label_set_xalign (GTK_LABEL (label), xaligns[table->aligns[column]]);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  if (index < table->n_columns)
    gtk_widget_add_css_class (label, "header");
  if (column == 0)
    gtk_widget_add_css_class (label, "first-column");

  return label;
}

static void
attach_cells (GtkWidget                *grid,
              const PrismMarkdownBlock *table,
              guint                     from)
{
  for (guint i = from; i < table->cells->len; i++)
    gtk_grid_attach (GTK_GRID (grid), create_cell (table, i),
                     i % table->n_columns, i / table->n_columns, 1, 1);
}

/* A table wraps its cells rather than scrolling, so that however many
 * columns it has, it never makes the message wider than the window. */
static GtkWidget *
create_table (const PrismMarkdownBlock *block)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_widget_add_css_class (grid, "prism-markdown-table");
  gtk_widget_set_halign (grid, GTK_ALIGN_START);
  attach_cells (grid, block, 0);

  return grid;
}

static gboolean
update_table (GtkWidget                *grid,
              const PrismMarkdownBlock *old,
              const PrismMarkdownBlock *block)
{
  if (old->n_columns != block->n_columns ||
      old->cells->len > block->cells->len ||
      memcmp (old->aligns, block->aligns, block->n_columns * sizeof *block->aligns) != 0)
    return FALSE;

  for (guint i = 0; i < old->cells->len; i++)
    {
      const char *markup = g_ptr_array_index (block->cells, i);

      if (g_strcmp0 (g_ptr_array_index (old->cells, i), markup) != 0)
        update_label (gtk_grid_get_child_at (GTK_GRID (grid), i % block->n_columns, i / block->n_columns), markup);
    }
  attach_cells (grid, block, old->cells->len);

  return TRUE;
}

static GtkWidget *
create_block (const PrismMarkdownBlock *block,
              guint                     depth)
{
  GtkWidget *widget = NULL;

  switch (block->kind)
    {
    case PRISM_MARKDOWN_BLOCK_PARAGRAPH:
      widget = create_label (block->markup, "prism-markdown-paragraph", GTK_ACCESSIBLE_ROLE_LABEL);
      break;

    case PRISM_MARKDOWN_BLOCK_HEADING:
      widget = create_label (block->markup, "prism-markdown-heading", GTK_ACCESSIBLE_ROLE_HEADING);
      gtk_widget_add_css_class (widget, heading_class (block->level));
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_PROPERTY_LEVEL, (int)block->level,
                                      -1);
      break;

    case PRISM_MARKDOWN_BLOCK_LIST:
      widget = create_list (block, depth);
      break;

    case PRISM_MARKDOWN_BLOCK_QUOTE:
      widget = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
      gtk_widget_add_css_class (widget, "prism-markdown-quote");
      append_children (widget, block->children, depth);
      break;

    case PRISM_MARKDOWN_BLOCK_TABLE:
      widget = create_table (block);
      break;

    case PRISM_MARKDOWN_BLOCK_CODE:
      widget = prism_code_block_new ();
      prism_code_block_set_language (PRISM_CODE_BLOCK (widget), block->lang);
      prism_code_block_set_text (PRISM_CODE_BLOCK (widget), block->text);
      break;

    case PRISM_MARKDOWN_BLOCK_RULE:
      widget = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
      gtk_widget_add_css_class (widget, "prism-markdown-rule");
      break;

    case PRISM_MARKDOWN_BLOCK_LIST_ITEM:
    default:
      g_return_val_if_reached (gtk_label_new (NULL));
    }

  return widget;
}

/* Changes @widget from showing @old to showing @block; FALSE when it
 * cannot and a new widget has to take its place. */
static gboolean
update_block (GtkWidget                *widget,
              const PrismMarkdownBlock *old,
              const PrismMarkdownBlock *block,
              guint                     depth)
{
  if (old->kind != block->kind)
    return FALSE;

  switch (block->kind)
    {
    case PRISM_MARKDOWN_BLOCK_PARAGRAPH:
      update_label (widget, block->markup);
      return TRUE;

    case PRISM_MARKDOWN_BLOCK_HEADING:
      if (old->level != block->level)
        return FALSE;
      update_label (widget, block->markup);
      return TRUE;

    case PRISM_MARKDOWN_BLOCK_LIST:
      if (old->ordered != block->ordered || old->start != block->start)
        return FALSE;
      update_list (widget, old, block, depth);
      return TRUE;

    case PRISM_MARKDOWN_BLOCK_QUOTE:
      update_children (widget, old->children, block->children, depth);
      return TRUE;

    case PRISM_MARKDOWN_BLOCK_TABLE:
      return update_table (widget, old, block);

    case PRISM_MARKDOWN_BLOCK_CODE:
      prism_code_block_set_language (PRISM_CODE_BLOCK (widget), block->lang);
      prism_code_block_set_text (PRISM_CODE_BLOCK (widget), block->text);
      return TRUE;

    case PRISM_MARKDOWN_BLOCK_RULE:
      return TRUE;

    case PRISM_MARKDOWN_BLOCK_LIST_ITEM:
    default:
      return FALSE;
    }
}

/* Streaming ---------------------------------------------------------- */

static void
clear_entry (gpointer data)
{
  Entry *entry = data;

  g_clear_pointer (&entry->block, prism_markdown_block_free);
}

/* Parses only text that is valid UTF-8: a multi-byte character split
 * between two deltas waits for its end, and a byte that can never be
 * valid becomes U+FFFD. */
static void
validate_text (PrismMarkdownView *self)
{
  for (;;)
    {
      const char *end;
      gsize at;

      if (g_utf8_validate_len (self->text->str + self->valid_len,
                               self->text->len - self->valid_len, &end))
        {
          self->valid_len = self->text->len;
          return;
        }

      at = end - self->text->str;
      if (g_utf8_get_char_validated (end, self->text->len - at) == (gunichar)-2)
        {
          self->valid_len = at;
          return;
        }

      g_string_erase (self->text, at, 1);
      g_string_insert (self->text, at, "\xef\xbf\xbd");
      self->valid_len = at + 3;
    }
}

/* Whether the line still arriving at the end of the text opens a fence. */
static gboolean
last_line_opens_fence (PrismMarkdownView *self)
{
  const char *line = self->text->str + self->splitter.scan_pos;
  const char *end = self->text->str + self->valid_len;

  for (guint i = 0; i < 3 && line < end && *line == ' '; i++)
    line++;

  return end - line >= 3 &&
         (strncmp (line, "```", 3) == 0 || strncmp (line, "~~~", 3) == 0);
}

static GPtrArray *
parse_chunk (PrismMarkdownView *self,
             guint              chunk)
{
  gsize start = g_array_index (self->chunks, gsize, chunk);
  gsize end = chunk + 1 < self->chunks->len ? g_array_index (self->chunks, gsize, chunk + 1) : self->valid_len;
  g_autoptr(GString) text = NULL;

  /* Definitions after the chunk's text would be code inside a fence
   * that is still open. */
  if (self->definitions->len == 0 ||
      (chunk + 1 == self->chunks->len && (self->splitter.in_fence || last_line_opens_fence (self))))
    return prism_markdown_parse (self->text->str + start, end - start);

  text = g_string_sized_new (end - start + 2 + self->definitions->len);
  g_string_append_len (text, self->text->str + start, end - start);
  g_string_append (text, "\n\n");
  g_string_append_len (text, self->definitions->str, self->definitions->len);

  return prism_markdown_parse (text->str, text->len);
}

static void
refresh (PrismMarkdownView *self)
{
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  g_autoptr(GArray) fresh_chunks = g_array_new (FALSE, FALSE, sizeof (guint));
  guint first_dirty = self->chunks->len - 1;
  gsize n_definitions = self->definitions->len;
  GtkWidget *previous = NULL;
  guint first;

  prism_markdown_splitter_scan (&self->splitter, self->text->str, self->valid_len,
                                self->chunks, self->definitions);

  /* A new link reference may be used anywhere above it. */
  if (self->definitions->len != n_definitions)
    first_dirty = 0;

  for (guint c = first_dirty; c < self->chunks->len; c++)
    {
      g_autoptr(GPtrArray) blocks = parse_chunk (self, c);

      g_ptr_array_set_free_func (blocks, NULL);
      for (guint i = 0; i < blocks->len; i++)
        {
          g_ptr_array_add (fresh, g_ptr_array_index (blocks, i));
          g_array_append_val (fresh_chunks, c);
        }
    }

  first = self->entries->len;
  while (first > 0 && g_array_index (self->entries, Entry, first - 1).chunk >= first_dirty)
    first--;
  if (first > 0)
    previous = g_array_index (self->entries, Entry, first - 1).widget;

  for (guint i = 0; i < fresh->len; i++)
    {
      PrismMarkdownBlock *block = g_ptr_array_index (fresh, i);
      guint chunk = g_array_index (fresh_chunks, guint, i);

      if (first + i < self->entries->len)
        {
          Entry *entry = &g_array_index (self->entries, Entry, first + i);

          entry->chunk = chunk;
          if (prism_markdown_block_equal (entry->block, block))
            {
              prism_markdown_block_free (block);
            }
          else
            {
              if (!update_block (entry->widget, entry->block, block, 0))
                {
                  GtkWidget *replacement = create_block (block, 0);

                  gtk_box_insert_child_after (GTK_BOX (self->box), replacement, previous);
                  gtk_box_remove (GTK_BOX (self->box), entry->widget);
                  entry->widget = replacement;
                }
              prism_markdown_block_free (entry->block);
              entry->block = block;
              self->render_count++;
            }
          previous = entry->widget;
        }
      else
        {
          Entry entry = { block, create_block (block, 0), chunk };

          gtk_box_append (GTK_BOX (self->box), entry.widget);
          g_array_append_val (self->entries, entry);
          previous = entry.widget;
          self->render_count++;
        }
    }

  while (self->entries->len > first + fresh->len)
    {
      Entry *entry = &g_array_index (self->entries, Entry, self->entries->len - 1);

      gtk_box_remove (GTK_BOX (self->box), entry->widget);
      g_array_set_size (self->entries, self->entries->len - 1);
    }
}

static void
reset (PrismMarkdownView *self)
{
  GtkWidget *child;
  gsize zero = 0;

  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);

  g_array_set_size (self->entries, 0);
  g_array_set_size (self->chunks, 0);
  g_array_append_val (self->chunks, zero);
  g_string_truncate (self->text, 0);
  g_string_truncate (self->definitions, 0);
  self->valid_len = 0;
  prism_markdown_splitter_init (&self->splitter);
}

/* GObject ------------------------------------------------------------ */

static void
prism_markdown_view_dispose (GObject *object)
{
  PrismMarkdownView *self = PRISM_MARKDOWN_VIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (prism_markdown_view_parent_class)->dispose (object);
}

static void
prism_markdown_view_finalize (GObject *object)
{
  PrismMarkdownView *self = PRISM_MARKDOWN_VIEW (object);

  g_string_free (self->text, TRUE);
  g_array_unref (self->chunks);
  g_array_unref (self->entries);
  g_string_free (self->definitions, TRUE);

  G_OBJECT_CLASS (prism_markdown_view_parent_class)->finalize (object);
}

static void
prism_markdown_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PrismMarkdownView *self = PRISM_MARKDOWN_VIEW (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, prism_markdown_view_get_text (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_markdown_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PrismMarkdownView *self = PRISM_MARKDOWN_VIEW (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      prism_markdown_view_set_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_markdown_view_class_init (PrismMarkdownViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prism_markdown_view_dispose;
  object_class->finalize = prism_markdown_view_finalize;
  object_class->get_property = prism_markdown_view_get_property;
  object_class->set_property = prism_markdown_view_set_property;

  /**
   * PrismMarkdownView:text:
   *
   * The Markdown source shown. Setting a text that extends the one
   * shown renders only what changed, so a message's content can be
   * bound to it while it streams.
   */
  properties [PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "markdown");
}

static void
prism_markdown_view_init (PrismMarkdownView *self)
{
  gsize zero = 0;

  self->text = g_string_new (NULL);
  self->chunks = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_array_append_val (self->chunks, zero);
  self->definitions = g_string_new (NULL);
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, clear_entry);
  prism_markdown_splitter_init (&self->splitter);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (self->box, "prism-markdown");
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

GtkWidget *
prism_markdown_view_new (void)
{
  return g_object_new (PRISM_TYPE_MARKDOWN_VIEW, NULL);
}

const char *
prism_markdown_view_get_text (PrismMarkdownView *self)
{
  g_return_val_if_fail (PRISM_IS_MARKDOWN_VIEW (self), NULL);

  return self->text->str;
}

/**
 * prism_markdown_view_set_text:
 * @self: a view
 * @text: (nullable): the whole Markdown source
 *
 * Shows @text. When it extends the text shown, only the blocks it
 * changes are rendered again, as with prism_markdown_view_append().
 */
void
prism_markdown_view_set_text (PrismMarkdownView *self,
                              const char        *text)
{
  g_return_if_fail (PRISM_IS_MARKDOWN_VIEW (self));

  if (text == NULL)
    text = "";

  if (strncmp (text, self->text->str, self->text->len) != 0)
    {
      reset (self);
      if (text[0] == '\0')
        g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TEXT]);
    }

  prism_markdown_view_append (self, text + self->text->len);
}

/**
 * prism_markdown_view_append:
 * @self: a view
 * @delta: the next part of the Markdown source
 */
void
prism_markdown_view_append (PrismMarkdownView *self,
                            const char        *delta)
{
  g_return_if_fail (PRISM_IS_MARKDOWN_VIEW (self));
  g_return_if_fail (delta != NULL);

  if (delta[0] == '\0')
    return;

  g_string_append (self->text, delta);
  validate_text (self);
  refresh (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TEXT]);
}

guint
prism_markdown_view_get_render_count (PrismMarkdownView *self)
{
  g_return_val_if_fail (PRISM_IS_MARKDOWN_VIEW (self), 0);

  return self->render_count;
}
