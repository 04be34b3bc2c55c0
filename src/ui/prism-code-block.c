/* prism-code-block.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-code-block"

#include "config.h"

#include "prism-code-block.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <gtksourceview/gtksource.h>
#include <math.h>

/* A fenced code block of a message: the language's name and a Copy
 * button above the code, highlighted by GtkSourceView in the scheme
 * that matches the light or dark style. */
struct _PrismCodeBlock
{
  GtkWidget        parent_instance;

  GtkLabel        *title;
  GtkButton       *copy_button;
  GtkScrolledWindow *scroller;
  GtkSourceView   *view;
  GtkSourceBuffer *buffer;

  char            *language;
  GString         *text;

  guint            copied_source;
};

G_DEFINE_FINAL_TYPE (PrismCodeBlock, prism_code_block, GTK_TYPE_WIDGET)

static const struct {
  const char *alias;
  const char *id;
} language_aliases[] = {
  { "py", "python3" }, { "py3", "python3" }, { "python", "python3" },
  { "javascript", "js" }, { "node", "js" }, { "mjs", "js" },
  { "ts", "typescript" }, { "tsx", "typescript-jsx" },
  { "bash", "sh" }, { "shell", "sh" }, { "zsh", "sh" }, { "console", "sh" },
  { "shell-session", "sh" }, { "shellscript", "sh" },
  { "rs", "rust" }, { "c++", "cpp" }, { "cxx", "cpp" }, { "hpp", "cpphdr" },
  { "cs", "c-sharp" }, { "csharp", "c-sharp" }, { "c#", "c-sharp" },
  { "yml", "yaml" }, { "md", "markdown" }, { "rb", "ruby" }, { "kt", "kotlin" },
  { "golang", "go" }, { "dockerfile", "docker" }, { "make", "makefile" },
  { "objective-c", "objc" }, { "ps1", "powershell" }, { "pwsh", "powershell" },
  { "htm", "html" }, { "patch", "diff" }, { "jsonc", "json" },
};

static GtkSourceLanguage *
find_language (const char *name)
{
  GtkSourceLanguageManager *manager = gtk_source_language_manager_get_default ();
  g_autofree char *lower = NULL;
  g_autofree char *filename = NULL;
  GtkSourceLanguage *language;

  if (name == NULL || name[0] == '\0')
    return NULL;

  lower = g_ascii_strdown (name, -1);

  /* Aliases first: GtkSourceView's "python" is Python 2. */
  for (guint i = 0; i < G_N_ELEMENTS (language_aliases); i++)
    if (g_str_equal (language_aliases[i].alias, lower))
      return gtk_source_language_manager_get_language (manager, language_aliases[i].id);

  if ((language = gtk_source_language_manager_get_language (manager, lower)) != NULL)
    return language;

  /* Many fences name the file extension: "vala", "h", "toml"… */
  if (strchr (lower, '/') != NULL)
    return NULL;
  filename = g_strconcat ("file.", lower, NULL);

  return gtk_source_language_manager_guess_language (manager, filename, NULL);
}

static void
update_style_scheme (PrismCodeBlock *self)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkSourceStyleScheme *scheme;

  scheme = gtk_source_style_scheme_manager_get_scheme (manager, dark ? "Adwaita-dark" : "Adwaita");
  gtk_source_buffer_set_style_scheme (self->buffer, scheme);
}

static gboolean
end_copied (gpointer user_data)
{
  PrismCodeBlock *self = user_data;

  self->copied_source = 0;
  gtk_button_set_icon_name (self->copy_button, "edit-copy-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->copy_button), _("Copy"));

  return G_SOURCE_REMOVE;
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PrismCodeBlock *self = PRISM_CODE_BLOCK (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->text->str);

  /* A tick for a moment says the copy happened. */
  gtk_button_set_icon_name (self->copy_button, "object-select-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->copy_button), _("Copied"));
  g_clear_handle_id (&self->copied_source, g_source_remove);
  self->copied_source = g_timeout_add_seconds (2, end_copied, self);
}

/* Sideways scrolling only, so that the wheel over a wide block scrolls
 * the conversation rather than stopping at the block. */
static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           PrismCodeBlock           *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (self->scroller);
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double step = 1;

  if (state & GDK_SHIFT_MASK)
    {
      dx = dy;
      dy = 0;
    }

  if (fabs (dx) <= fabs (dy) ||
      gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_lower (adjustment) <= gtk_adjustment_get_page_size (adjustment))
    return GDK_EVENT_PROPAGATE;

  /* A wheel click moves as far as GtkScrolledWindow's own would. */
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    step = pow (gtk_adjustment_get_page_size (adjustment), 2.0 / 3.0);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + dx * step);

  return GDK_EVENT_STOP;
}

static void
take_over_scrolling (PrismCodeBlock *self)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (self->scroller));
  GtkEventController *controller;

  /* GtkScrolledWindow 4.8 keeps every wheel event once it can scroll
   * in any direction. */
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (item))
        gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (item), GTK_PHASE_NONE);
    }

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scroller), controller);
}

static void
prism_code_block_dispose (GObject *object)
{
  PrismCodeBlock *self = PRISM_CODE_BLOCK (object);
  GtkWidget *child;

  g_clear_handle_id (&self->copied_source, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (prism_code_block_parent_class)->dispose (object);
}

static void
prism_code_block_finalize (GObject *object)
{
  PrismCodeBlock *self = PRISM_CODE_BLOCK (object);

  g_clear_pointer (&self->language, g_free);
  g_string_free (self->text, TRUE);

  G_OBJECT_CLASS (prism_code_block_parent_class)->finalize (object);
}

static void
prism_code_block_class_init (PrismCodeBlockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prism_code_block_dispose;
  object_class->finalize = prism_code_block_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "codeblock");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_install_action (widget_class, "code.copy", NULL, copy_action);

  gtk_source_init ();
}

static void
prism_code_block_init (PrismCodeBlock *self)
{
  GtkWidget *header;

  self->text = g_string_new (NULL);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_widget_add_css_class (GTK_WIDGET (self), "prism-code-block");
  /* The code's own background stays inside the rounded corners. */
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (header, "prism-code-header");
  gtk_widget_set_parent (header, GTK_WIDGET (self));

  self->title = GTK_LABEL (gtk_label_new (_("Code")));
  gtk_label_set_xalign (self->title, 0);
  gtk_label_set_ellipsize (self->title, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "caption-heading");
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "dim-label");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->title));
  /* A screen reader names the block by its language. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title, NULL,
                                  -1);

  self->copy_button = GTK_BUTTON (gtk_button_new_from_icon_name ("edit-copy-symbolic"));
  gtk_widget_add_css_class (GTK_WIDGET (self->copy_button), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->copy_button), _("Copy"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->copy_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy Code"),
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->copy_button), "code.copy");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->copy_button));

  self->buffer = gtk_source_buffer_new (NULL);
  gtk_source_buffer_set_highlight_matching_brackets (self->buffer, FALSE);
  self->view = GTK_SOURCE_VIEW (gtk_source_view_new_with_buffer (self->buffer));
  g_object_unref (self->buffer);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (self->view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (self->view), TRUE);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->view), 12);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->view), 10);

  /* The code scrolls sideways; the message scrolls as a whole. */
  self->scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (self->scroller, TRUE);
  gtk_scrolled_window_set_child (self->scroller, GTK_WIDGET (self->view));
  gtk_widget_set_parent (GTK_WIDGET (self->scroller), GTK_WIDGET (self));
  take_over_scrolling (self);

  update_style_scheme (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);
}

GtkWidget *
prism_code_block_new (void)
{
  return g_object_new (PRISM_TYPE_CODE_BLOCK, NULL);
}

/**
 * prism_code_block_get_language:
 *
 * Returns: (nullable): the language as the fence named it
 */
const char *
prism_code_block_get_language (PrismCodeBlock *self)
{
  g_return_val_if_fail (PRISM_IS_CODE_BLOCK (self), NULL);

  return self->language;
}

void
prism_code_block_set_language (PrismCodeBlock *self,
                               const char     *language)
{
  GtkSourceLanguage *source_language;

  g_return_if_fail (PRISM_IS_CODE_BLOCK (self));

  if (language != NULL && language[0] == '\0')
    language = NULL;

  if (g_strcmp0 (self->language, language) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (language);

  source_language = find_language (language);
  gtk_source_buffer_set_language (self->buffer, source_language);

  if (source_language != NULL)
    gtk_label_set_text (self->title, gtk_source_language_get_name (source_language));
  else if (language != NULL)
    gtk_label_set_text (self->title, language);
  else
    gtk_label_set_text (self->title, _("Code"));
}

const char *
prism_code_block_get_text (PrismCodeBlock *self)
{
  g_return_val_if_fail (PRISM_IS_CODE_BLOCK (self), NULL);

  return self->text->str;
}

void
prism_code_block_set_text (PrismCodeBlock *self,
                           const char     *text)
{
  gsize len;

  g_return_if_fail (PRISM_IS_CODE_BLOCK (self));

  if (text == NULL)
    text = "";
  len = strlen (text);

  if (len == self->text->len && memcmp (text, self->text->str, len) == 0)
    return;

  /* While a block streams in, only its new end is inserted, so the
   * highlighter goes over the new lines rather than all of them. */
  if (len > self->text->len && memcmp (text, self->text->str, self->text->len) == 0)
    {
      GtkTextIter end;

      gtk_text_buffer_get_end_iter (GTK_TEXT_BUFFER (self->buffer), &end);
      gtk_text_buffer_insert (GTK_TEXT_BUFFER (self->buffer), &end,
                              text + self->text->len, len - self->text->len);
    }
  else
    {
      gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), text, len);
    }

  g_string_assign (self->text, text);
}
