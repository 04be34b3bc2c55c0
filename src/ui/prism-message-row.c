/* prism-message-row.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-message-row"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "prism-format.h"
#include "prism-markdown-view.h"
#include "prism-message-row.h"

/* One message of the list view, rebound to another item as the list
 * scrolls. An assistant answer renders through PrismMarkdownView; while
 * it streams, each delta is appended, so only the growing block is
 * rendered again.
 */
struct _PrismMessageRow
{
  GtkWidget          parent_instance;

  PrismMessageItem  *item;
  gulong             appended_handler;
  gulong             status_handler;
  gulong             last_handler;
  guint              remeasure_source;
  GString           *pending;
  guint              flush_tick;
  gboolean           remeasure_all;

  /* Template widgets */
  GtkWidget         *clamp;
  GtkWidget         *box;
  GtkLabel          *author_label;
  GtkSpinner        *spinner;
  GtkLabel          *user_label;
  GtkExpander       *reasoning_expander;
  GtkLabel          *reasoning_label;
  PrismMarkdownView *markdown_view;
  GtkWidget         *error_box;
  GtkLabel          *error_label;
  GtkWidget         *retry_button;
  GtkWidget         *footer;
  GtkLabel          *model_label;
  GtkLabel          *tokens_label;
  GtkLabel          *cost_label;
  GtkLabel          *ttft_label;
  GtkLabel          *speed_label;
  GtkWidget         *siblings_box;
  GtkWidget         *previous_button;
  GtkLabel          *siblings_label;
  GtkWidget         *next_button;
  GtkWidget         *regenerate_button;
  gulong             siblings_handler;
};

G_DEFINE_FINAL_TYPE (PrismMessageRow, prism_message_row, GTK_TYPE_WIDGET)

GtkWidget *
prism_message_row_new (void)
{
  return g_object_new (PRISM_TYPE_MESSAGE_ROW, NULL);
}

static void
set_label_or_hide (GtkLabel   *label,
                   const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

/* Regenerated answers are siblings; arrows move between them. */
static void
update_siblings (PrismMessageRow *self)
{
  guint n = prism_message_item_get_n_siblings (self->item);
  guint index = prism_message_item_get_sibling_index (self->item);
  gboolean streaming = prism_message_item_get_status (self->item) == PRISM_MESSAGE_STATUS_STREAMING;
  g_autofree char *text = NULL;
  GVariant *target;

  gtk_widget_set_visible (self->siblings_box, n > 1);
  /* One of them at the end of the footer: the arrows when shown. */
  gtk_widget_set_hexpand (self->regenerate_button, n <= 1);
  if (n <= 1)
    return;

  /* Translators: which of the answers to one prompt this is, "2 / 3" */
  text = g_strdup_printf (_("%u / %u"), index + 1, n);
  gtk_label_set_text (self->siblings_label, text);

  target = g_variant_ref_sink (g_variant_new_string (prism_message_item_get_id (self->item)));
  /* The actions take the message's id; named only once it is set. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->previous_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->next_button), target);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->previous_button), "chat.previous-answer");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->next_button), "chat.next-answer");
  g_variant_unref (target);
  gtk_widget_set_sensitive (self->previous_button, !streaming && index > 0);
  gtk_widget_set_sensitive (self->next_button, !streaming && index + 1 < n);
}

static void
update_footer (PrismMessageRow *self)
{
  PrismMessageStatus status = prism_message_item_get_status (self->item);
  gboolean streaming = status == PRISM_MESSAGE_STATUS_STREAMING;
  gboolean failed = status == PRISM_MESSAGE_STATUS_ERROR || status == PRISM_MESSAGE_STATUS_PARTIAL;
  gboolean is_last = prism_message_item_get_is_last (self->item);
  const PrismUsage *usage = prism_message_item_get_usage (self->item);
  PrismCostSource source;
  double cost = prism_message_item_get_cost (self->item, &source);
  double ttft = prism_message_item_get_ttft_ms (self->item);
  double speed = prism_message_item_get_tokens_per_second (self->item);
  g_autofree char *cost_text = prism_format_cost (cost);
  g_autofree char *tokens = NULL;
  g_autofree char *ttft_text = NULL;
  g_autofree char *speed_text = NULL;
  g_autofree char *cost_label = NULL;

  gtk_spinner_set_spinning (self->spinner, streaming);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), streaming);

  gtk_widget_set_visible (self->footer, !streaming);
  gtk_label_set_text (self->model_label, prism_message_item_get_model (self->item));

  if (usage->known)
    {
      g_autofree char *in = prism_format_tokens (usage->input_tokens);
      g_autofree char *out = prism_format_tokens (usage->output_tokens);

      /* Translators: tokens sent to and received from a model */
      tokens = g_strdup_printf (_("%s in · %s out"), in, out);
    }
  set_label_or_hide (self->tokens_label, tokens);

  /* A cost is never shown as zero when it is unknown, and a cost from
   * the bundled price table says it is an estimate. */
  if (isnan (cost))
    cost_label = g_strdup (_("cost unknown"));
  else if (source == PRISM_COST_SOURCE_BUNDLED)
    /* Translators: a cost computed from prices shipped with Prism */
    cost_label = g_strdup_printf (_("%s (estimate)"), cost_text);
  else
    cost_label = g_strdup (cost_text);
  gtk_label_set_text (self->cost_label, cost_label);

  if (!isnan (ttft))
    /* Translators: time to the first token of an answer */
    ttft_text = g_strdup_printf (_("%.0f ms to first token"), ttft);
  set_label_or_hide (self->ttft_label, ttft_text);

  if (!isnan (speed))
    speed_text = g_strdup_printf (_("%.1f tokens/s"), speed);
  set_label_or_hide (self->speed_label, speed_text);

  gtk_widget_set_visible (self->error_box, failed);
  gtk_label_set_text (self->error_label,
                      prism_message_item_get_error (self->item) != NULL ? prism_message_item_get_error (self->item) : "");
  gtk_widget_set_visible (self->retry_button, failed && is_last);
  gtk_widget_set_visible (self->regenerate_button, !failed && is_last);

  update_siblings (self);
}

static void
update_reasoning (PrismMessageRow *self)
{
  const char *reasoning = prism_message_item_get_reasoning (self->item);

  gtk_widget_set_visible (GTK_WIDGET (self->reasoning_expander), reasoning[0] != '\0');
  gtk_label_set_text (self->reasoning_label, reasoning);
}

static void
queue_resize_text_views (GtkWidget *widget)
{
  if (GTK_IS_TEXT_VIEW (widget))
    gtk_widget_queue_resize (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    queue_resize_text_views (child);
}

/* While an answer streams only its last blocks change; looking at those
 * keeps a long answer's cost per delta flat. */
#define GROWING_BLOCKS 3

static gboolean
remeasure_cb (gpointer user_data)
{
  PrismMessageRow *self = user_data;
  GtkWidget *view = GTK_WIDGET (self->markdown_view);
  GtkWidget *child;

  self->remeasure_source = 0;

  if (self->remeasure_all)
    {
      queue_resize_text_views (view);
      self->remeasure_all = FALSE;
      return G_SOURCE_REMOVE;
    }

  /* Down through the wrappers to the widget that holds the blocks. */
  while (gtk_widget_get_first_child (view) != NULL &&
         gtk_widget_get_first_child (view) == gtk_widget_get_last_child (view))
    view = gtk_widget_get_first_child (view);

  child = gtk_widget_get_last_child (view);
  for (guint i = 0; child != NULL && i < GROWING_BLOCKS; i++, child = gtk_widget_get_prev_sibling (child))
    queue_resize_text_views (child);

  return G_SOURCE_REMOVE;
}

/* A GtkTextView (a code block's) is measured before it has laid out its
 * lines, and inside a GtkListView row (GTK 4.8) it is not measured again
 * when they are, which leaves a code block cut to its first pixels. Asking
 * again once the text changed, at most once per main loop turn, gives it
 * its height. */
static void
queue_remeasure (PrismMessageRow *self)
{
  if (self->remeasure_source == 0)
    self->remeasure_source = g_idle_add_full (G_PRIORITY_LOW, remeasure_cb, self, NULL);
}

static void
flush_pending (PrismMessageRow *self)
{
  if (self->flush_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->flush_tick);
      self->flush_tick = 0;
    }

  if (self->pending->len == 0)
    return;

  prism_markdown_view_append (self->markdown_view, self->pending->str);
  g_string_truncate (self->pending, 0);
  queue_remeasure (self);
}

static gboolean
flush_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  PrismMessageRow *self = PRISM_MESSAGE_ROW (widget);

  self->flush_tick = 0;
  flush_pending (self);

  return G_SOURCE_REMOVE;
}

/* Deltas arrive faster than frames (500 tokens a second is 8 a frame);
 * they are rendered together, once per frame, before the layout. */
static void
on_appended (PrismMessageRow  *self,
             int               kind,
             const char       *text,
             PrismMessageItem *item)
{
  if (kind == PRISM_STREAM_DELTA_REASONING)
    {
      update_reasoning (self);
      return;
    }

  g_string_append (self->pending, text);
  if (self->flush_tick == 0)
    self->flush_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), flush_tick_cb, NULL, NULL);
}

static void
on_status_changed (PrismMessageRow *self)
{
  flush_pending (self);
  update_footer (self);

  self->remeasure_all = TRUE;
  queue_remeasure (self);
}

static void
disconnect_item (PrismMessageRow *self)
{
  if (self->item == NULL)
    return;

  /* The next item is shown from its whole text. */
  if (self->flush_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->flush_tick);
  self->flush_tick = 0;
  g_string_truncate (self->pending, 0);

  g_clear_signal_handler (&self->appended_handler, self->item);
  g_clear_signal_handler (&self->status_handler, self->item);
  g_clear_signal_handler (&self->last_handler, self->item);
  g_clear_signal_handler (&self->siblings_handler, self->item);
  g_clear_object (&self->item);
}

/**
 * prism_message_row_set_item:
 * @item: (nullable): the message to show
 */
void
prism_message_row_set_item (PrismMessageRow  *self,
                            PrismMessageItem *item)
{
  gboolean user;

  g_return_if_fail (PRISM_IS_MESSAGE_ROW (self));
  g_return_if_fail (item == NULL || PRISM_IS_MESSAGE_ITEM (item));

  if (self->item == item)
    return;

  disconnect_item (self);
  if (item == NULL)
    return;

  self->item = g_object_ref (item);
  user = prism_message_item_is_user (item);

  gtk_widget_remove_css_class (GTK_WIDGET (self), user ? "assistant" : "user");
  gtk_widget_add_css_class (GTK_WIDGET (self), user ? "user" : "assistant");

  gtk_widget_set_visible (GTK_WIDGET (self->user_label), user);
  gtk_widget_set_visible (GTK_WIDGET (self->markdown_view), !user);

  if (user)
    {
      gtk_label_set_text (self->author_label, _("You"));
      gtk_label_set_text (self->user_label, prism_message_item_get_content (item));
      gtk_widget_set_visible (GTK_WIDGET (self->reasoning_expander), FALSE);
      gtk_widget_set_visible (self->footer, FALSE);
      gtk_widget_set_visible (self->error_box, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
      gtk_spinner_set_spinning (self->spinner, FALSE);
      return;
    }

  gtk_label_set_text (self->author_label, prism_message_item_get_model (item));
  prism_markdown_view_set_text (self->markdown_view, prism_message_item_get_content (item));
  self->remeasure_all = TRUE;
  queue_remeasure (self);
  update_reasoning (self);
  update_footer (self);

  self->appended_handler = g_signal_connect_object (item, "appended", G_CALLBACK (on_appended),
                                                    self, G_CONNECT_SWAPPED);
  self->status_handler = g_signal_connect_object (item, "notify::status", G_CALLBACK (on_status_changed),
                                                  self, G_CONNECT_SWAPPED);
  self->last_handler = g_signal_connect_object (item, "notify::is-last", G_CALLBACK (update_footer),
                                                self, G_CONNECT_SWAPPED);
  self->siblings_handler = g_signal_connect_object (item, "notify::n-siblings", G_CALLBACK (update_siblings),
                                                    self, G_CONNECT_SWAPPED);
}

/**
 * prism_message_row_get_item:
 *
 * Returns: (transfer none) (nullable): the message shown
 */
PrismMessageItem *
prism_message_row_get_item (PrismMessageRow *self)
{
  g_return_val_if_fail (PRISM_IS_MESSAGE_ROW (self), NULL);
  return self->item;
}

static void
prism_message_row_dispose (GObject *object)
{
  PrismMessageRow *self = (PrismMessageRow *)object;

  disconnect_item (self);
  g_clear_handle_id (&self->remeasure_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), PRISM_TYPE_MESSAGE_ROW);

  G_OBJECT_CLASS (prism_message_row_parent_class)->dispose (object);
}

static void
prism_message_row_finalize (GObject *object)
{
  PrismMessageRow *self = (PrismMessageRow *)object;

  g_string_free (self->pending, TRUE);

  G_OBJECT_CLASS (prism_message_row_parent_class)->finalize (object);
}

static void
prism_message_row_class_init (PrismMessageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prism_message_row_dispose;
  object_class->finalize = prism_message_row_finalize;

  g_type_ensure (PRISM_TYPE_MARKDOWN_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/prismllm/Prism/prism-message-row.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "messagerow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, PrismMessageRow, clamp);
  gtk_widget_class_bind_template_child (widget_class, PrismMessageRow, box);
  gtk_widget_class_bind_template_child (widget_class, PrismMessageRow, author_label);
  gtk_widget_class_bind_template_child (widget_class, PrismMessageRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, PrismMessageRow, user_label);
  gtk_widget_class_bind_template_child (widget_class, PrismMessageRow, reasoning_expander);
  gtk_widget_class_bind_template_child (widget_class, PrismMessageRow, reasoning_label);
  gtk_widget_class_bind_template_child (widget_class, PrismMessageRow, markdown_view);
  gtk_widget_class_bind_template_child (widget_class, PrismMessageRow, error_box);
  gtk_widget_class_bind_template_child (widget_class, PrismMessageRow, error_label);
  gtk_widget_class_bind_template_child (widget_class, PrismMessageRow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, PrismMessageRow, footer);
  gtk_widget_class_bind_template_child (widget_class, PrismMessageRow, model_label);
  gtk_widget_class_bind_template_child (widget_class, PrismMessageRow, tokens_label);
  gtk_widget_class_bind_template_child (widget_class, PrismMessageRow, cost_label);
  gtk_widget_class_bind_template_child (widget_class, PrismMessageRow, ttft_label);
  gtk_widget_class_bind_template_child (widget_class, PrismMessageRow, speed_label);
  gtk_widget_class_bind_template_child (widget_class, PrismMessageRow, siblings_box);
  gtk_widget_class_bind_template_child (widget_class, PrismMessageRow, previous_button);
  gtk_widget_class_bind_template_child (widget_class, PrismMessageRow, siblings_label);
  gtk_widget_class_bind_template_child (widget_class, PrismMessageRow, next_button);
  gtk_widget_class_bind_template_child (widget_class, PrismMessageRow, regenerate_button);
}

static void
prism_message_row_init (PrismMessageRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->pending = g_string_new (NULL);
}
