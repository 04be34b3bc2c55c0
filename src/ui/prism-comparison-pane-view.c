/* prism-comparison-pane-view.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-comparison-pane-view"

#include "config.h"

#include "prism-comparison-pane-view.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "prism-format.h"
#include "prism-markdown-view.h"

/* One answer of a comparison: its model and provider, its figures as
 * they come in, its error with Retry, and the answer itself. The buttons
 * name the comparison view's actions with this pane's index, so what a
 * button does goes through the same path as a test or a shortcut.
 *
 * The figures are refreshed ten times a second while the answer runs,
 * and the text arriving is handed to the Markdown view on every sixth
 * frame, each pane on a different one, not on every token: six panes at a few hundred tokens a second would
 * otherwise render their last block thousands of times a second
 * (tests/bench-comparison.c measures what is left).
 */
struct _PrismComparisonPaneView
{
  GtkWidget            parent_instance;

  PrismComparisonPane *pane;
  PrismCompletion     *completion;
  gulong               delta_id;
  gulong               completion_id;
  gulong               running_id;
  gulong               winner_id;
  guint                tick_id;
  guint                flush_id;
  GString             *pending;
  gboolean             reasoning_pending;
  gint64               last_flush;
  guint                n_chunks;

  GtkLabel            *model_label;
  GtkLabel            *provider_label;
  GtkButton           *winner_button;
  GtkButton           *stop_button;
  GtkButton           *continue_button;
  GtkLabel            *timing_label;
  GtkLabel            *usage_label;
  GtkLabel            *state_label;
  GtkWidget           *error_box;
  GtkLabel            *error_label;
  GtkButton           *retry_button;
  GtkScrolledWindow   *scroller;
  GtkExpander         *reasoning_expander;
  GtkLabel            *reasoning_label;
  PrismMarkdownView   *markdown_view;
};

/* The arriving text is rendered every sixth frame, each pane on its own
 * frame: ten times a second at 60 frames a second, which reads as a live
 * stream, and never six panes' rendering in one frame. */
#define FLUSH_FRAMES 6
#define FLUSH_MAX_WAIT_US (100 * 1000)

G_DEFINE_FINAL_TYPE (PrismComparisonPaneView, prism_comparison_pane_view, GTK_TYPE_WIDGET)

static void
format_seconds (GString *out,
                double   ms)
{
  /* A no-break space keeps the unit with its number when the line wraps. */
  g_string_append_printf (out, "%.*f\u00a0s", ms < 10000 ? 2 : 1, ms / 1000.0);
}

static double
elapsed_ms (PrismComparisonPane *pane)
{
  GDateTime *started = prism_comparison_pane_get_started_at (pane);
  g_autoptr(GDateTime) now = NULL;

  if (started == NULL)
    return NAN;

  now = g_date_time_new_now_local ();

  return g_date_time_difference (now, started) / 1000.0;
}

/* Three short lines, so that a narrow pane wraps none of them: the
 * speed, the tokens and cost, and where the answer stands with its time.
 */
static void
update_timing (PrismComparisonPaneView *self)
{
  g_autoptr(GString) speed = g_string_new (NULL);
  g_autoptr(GString) state = g_string_new (NULL);
  gboolean running = prism_comparison_pane_get_running (self->pane);
  double ttft, tps, time;

  if (prism_comparison_pane_get_message_id (self->pane) == NULL)
    {
      gtk_label_set_text (self->timing_label, _("Not sent yet"));
      gtk_label_set_text (self->state_label, "");
      return;
    }

  ttft = prism_comparison_pane_get_ttft_ms (self->pane);
  tps = prism_comparison_pane_get_tokens_per_second (self->pane);

  /* Translators: time to first token */
  g_string_append (speed, _("First token "));
  if (isnan (ttft))
    g_string_append (speed, "—");
  else
    format_seconds (speed, ttft);
  if (!isnan (tps))
    /* Translators: output tokens per second */
    g_string_append_printf (speed, _(" · %.1f\u00a0tokens/s"), tps);
  else if (running && !isnan (ttft) && self->n_chunks > 1)
    {
      /* Until the provider counts the tokens, the chunks that arrived
       * since the first stand in for them: most providers send about a
       * token a chunk. */
      double streaming_ms = elapsed_ms (self->pane) - ttft;

      if (streaming_ms > 0)
        /* Translators: about so many output tokens per second, counted live */
        g_string_append_printf (speed, _(" · ≈%.0f\u00a0tokens/s"), (self->n_chunks - 1) * 1000.0 / streaming_ms);
    }

  time = running ? elapsed_ms (self->pane) : prism_comparison_pane_get_latency_ms (self->pane);
  switch (prism_comparison_pane_get_status (self->pane))
    {
    case PRISM_COMPLETION_PENDING:
      g_string_append (state, running ? _("Waiting for the first token… ") : _("Not answered "));
      break;
    case PRISM_COMPLETION_STREAMING:
      g_string_append (state, _("Streaming… "));
      break;
    case PRISM_COMPLETION_COMPLETE:
      /* Translators: followed by the time the whole answer took */
      g_string_append (state, _("Done in "));
      break;
    case PRISM_COMPLETION_CANCELLED:
      g_string_append (state, _("Stopped after "));
      break;
    case PRISM_COMPLETION_PARTIAL:
    case PRISM_COMPLETION_ERROR:
    default:
      g_string_append (state, _("Failed after "));
      break;
    }
  if (!isnan (time))
    format_seconds (state, time);

  gtk_label_set_text (self->timing_label, speed->str);
  gtk_label_set_text (self->state_label, state->str);
}

static void
update_usage (PrismComparisonPaneView *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const PrismUsage *usage;
  PrismCostSource source;
  double cost;

  if (prism_comparison_pane_get_message_id (self->pane) == NULL)
    {
      double estimate = prism_comparison_pane_get_estimated_cost (self->pane);

      if (!isnan (estimate))
        {
          g_autofree char *money = prism_format_cost (estimate);

          /* Translators: the most an answer is expected to cost */
          g_string_append_printf (text, _("At most %s"), money);
        }
      gtk_label_set_text (self->usage_label, text->str);
      return;
    }

  usage = prism_comparison_pane_get_usage (self->pane);
  if (usage != NULL)
    {
      g_autofree char *in = prism_format_tokens (usage->input_tokens);
      g_autofree char *out = prism_format_tokens (usage->output_tokens);

      /* Translators: tokens sent and received, e.g. "12 in · 340 out" */
      g_string_append_printf (text, _("%s in · %s out"), in, out);
      if (usage->cached_input_tokens > 0)
        {
          g_autofree char *cached = prism_format_tokens (usage->cached_input_tokens);

          /* Translators: of the input tokens, so many read from the cache */
          g_string_append_printf (text, _(" (%s cached)"), cached);
        }
    }
  else if (prism_comparison_pane_get_running (self->pane))
    /* Translators: chunks of text received so far; tokens are counted at the end */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u chunk so far", "%u chunks so far",
                                               self->n_chunks), self->n_chunks);
  else
    g_string_append (text, _("Tokens unknown"));

  cost = prism_comparison_pane_get_cost (self->pane, &source);
  if (!isnan (cost))
    {
      g_autofree char *money = prism_format_cost (cost);

      if (source == PRISM_COST_SOURCE_BUNDLED)
        /* Translators: a cost from Prism's own price table */
        g_string_append_printf (text, _(" · %s (estimate)"), money);
      else
        g_string_append_printf (text, " · %s", money);
    }
  else if (!prism_comparison_pane_get_running (self->pane))
    g_string_append (text, _(" · cost unknown"));

  gtk_label_set_text (self->usage_label, text->str);
}

static void
update_status (PrismComparisonPaneView *self)
{
  PrismCompletionStatus status = prism_comparison_pane_get_status (self->pane);
  gboolean running = prism_comparison_pane_get_running (self->pane);
  const char *error = prism_comparison_pane_get_error_message (self->pane);
  gboolean failed = !running && (status == PRISM_COMPLETION_ERROR || status == PRISM_COMPLETION_PARTIAL);
  gboolean stopped = !running && status == PRISM_COMPLETION_CANCELLED;

  gtk_widget_set_visible (GTK_WIDGET (self->stop_button), running);
  gtk_widget_set_visible (GTK_WIDGET (self->winner_button),
                          !running && !prism_comparison_pane_get_fusion (self->pane) &&
                          prism_comparison_pane_get_message_id (self->pane) != NULL &&
                          *prism_comparison_pane_get_content (self->pane) != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->continue_button),
                          !running && prism_comparison_pane_get_message_id (self->pane) != NULL &&
                          *prism_comparison_pane_get_content (self->pane) != '\0');
  gtk_widget_set_visible (self->error_box, failed || stopped);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), failed || stopped);

  if (failed && error != NULL)
    {
      g_autofree char *message = NULL;

      if (status == PRISM_COMPLETION_PARTIAL)
        /* Translators: the answer broke off; %s says why */
        message = g_strdup_printf (_("The answer broke off: %s"), error);
      else
        message = g_strdup (error);
      gtk_label_set_text (self->error_label, message);
      gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
    }
  else if (stopped)
    {
      gtk_label_set_text (self->error_label, _("Stopped. What arrived is kept."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "error");
    }

  if (running)
    gtk_widget_add_css_class (GTK_WIDGET (self), "running");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "running");

  update_timing (self);
  update_usage (self);
}

static gboolean
tick_cb (gpointer user_data)
{
  PrismComparisonPaneView *self = user_data;

  update_timing (self);
  update_usage (self);

  return G_SOURCE_CONTINUE;
}

/* Reasoning shows folded, above the answer; the whole of it each time,
 * as a label cannot take an append. */
static void
show_reasoning (PrismComparisonPaneView *self)
{
  const char *reasoning = prism_comparison_pane_get_reasoning (self->pane);
  gboolean any = reasoning != NULL && *reasoning != '\0';

  gtk_widget_set_visible (GTK_WIDGET (self->reasoning_expander), any);
  if (any && g_strcmp0 (gtk_label_get_text (self->reasoning_label), reasoning) != 0)
    gtk_label_set_text (self->reasoning_label, reasoning);
}

static void
flush_pending (PrismComparisonPaneView *self)
{
  if (self->reasoning_pending)
    {
      self->reasoning_pending = FALSE;
      show_reasoning (self);
    }

  if (self->pending != NULL && self->pending->len > 0)
    {
      prism_markdown_view_append (self->markdown_view, self->pending->str);
      g_string_truncate (self->pending, 0);
    }
}

static gboolean
flush_cb (GtkWidget     *widget,
          GdkFrameClock *frame_clock,
          gpointer       user_data)
{
  PrismComparisonPaneView *self = PRISM_COMPARISON_PANE_VIEW (widget);
  gint64 frame = gdk_frame_clock_get_frame_counter (frame_clock);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);

  /* The first text at once; then on this pane's frame, or after 100 ms
   * however few frames there were. */
  if (self->last_flush != 0 && now - self->last_flush < FLUSH_MAX_WAIT_US &&
      frame % FLUSH_FRAMES != prism_comparison_pane_get_index (self->pane) % FLUSH_FRAMES)
    return G_SOURCE_CONTINUE;

  self->last_flush = now;
  flush_pending (self);
  /* The figures of the same frame as the text. */
  update_timing (self);
  update_usage (self);
  self->flush_id = 0;

  return G_SOURCE_REMOVE;
}

static void
delta_cb (PrismCompletion         *completion,
          PrismStreamEvent        *event,
          PrismComparisonPaneView *self)
{
  if (event->kind == PRISM_STREAM_EVENT_REASONING)
    self->reasoning_pending = TRUE;
  else if (event->kind == PRISM_STREAM_EVENT_CONTENT)
    {
      self->n_chunks++;
      g_string_append (self->pending, event->text);
    }
  else
    return;

  if (self->flush_id == 0)
    self->flush_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), flush_cb, NULL, NULL);
}

static void
running_cb (PrismComparisonPaneView *self)
{
  gboolean running = prism_comparison_pane_get_running (self->pane);

  if (running && self->tick_id == 0)
    self->tick_id = g_timeout_add (100, tick_cb, self);
  else if (!running)
    {
      g_clear_handle_id (&self->tick_id, g_source_remove);
      /* The whole answer shows once it has ended, drawn or not. */
      flush_pending (self);
    }

  update_status (self);
}

static void
show_answer (PrismComparisonPaneView *self)
{
  PrismCompletion *completion = prism_comparison_pane_get_completion (self->pane);

  if (self->completion != NULL)
    g_clear_signal_handler (&self->delta_id, self->completion);
  g_set_object (&self->completion, completion);

  /* A retry starts the answer over. */
  g_string_truncate (self->pending, 0);
  self->last_flush = 0;
  self->n_chunks = 0;
  prism_markdown_view_set_text (self->markdown_view, "");
  prism_markdown_view_set_text (self->markdown_view, prism_comparison_pane_get_content (self->pane));
  self->reasoning_pending = FALSE;
  show_reasoning (self);
  if (completion != NULL)
    self->delta_id = g_signal_connect (completion, "delta", G_CALLBACK (delta_cb), self);

  update_status (self);
}

static void
completion_cb (PrismComparisonPaneView *self)
{
  if (prism_comparison_pane_get_completion (self->pane) != self->completion)
    show_answer (self);
}

static void
winner_cb (PrismComparisonPaneView *self)
{
  gboolean winner = prism_comparison_pane_get_winner (self->pane);
  const char *label = winner ? _("The Best Answer") : _("Mark as the Best Answer");

  gtk_button_set_icon_name (self->winner_button, winner ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->winner_button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->winner_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  if (winner)
    gtk_widget_add_css_class (GTK_WIDGET (self), "winner");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "winner");
}

static void
prism_comparison_pane_view_dispose (GObject *object)
{
  PrismComparisonPaneView *self = (PrismComparisonPaneView *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->flush_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->flush_id);
      self->flush_id = 0;
    }
  if (self->pending != NULL)
    {
      g_string_free (self->pending, TRUE);
      self->pending = NULL;
    }
  if (self->completion != NULL)
    g_clear_signal_handler (&self->delta_id, self->completion);
  if (self->pane != NULL)
    {
      g_clear_signal_handler (&self->completion_id, self->pane);
      g_clear_signal_handler (&self->running_id, self->pane);
      g_clear_signal_handler (&self->winner_id, self->pane);
    }
  g_clear_object (&self->completion);
  g_clear_object (&self->pane);

  gtk_widget_dispose_template (GTK_WIDGET (self), PRISM_TYPE_COMPARISON_PANE_VIEW);
  /* The template's unnamed children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (prism_comparison_pane_view_parent_class)->dispose (object);
}

static void
prism_comparison_pane_view_class_init (PrismComparisonPaneViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prism_comparison_pane_view_dispose;

  g_type_ensure (PRISM_TYPE_MARKDOWN_VIEW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "comparison-pane");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/prismllm/Prism/prism-comparison-pane-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonPaneView, model_label);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonPaneView, provider_label);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonPaneView, winner_button);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonPaneView, stop_button);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonPaneView, continue_button);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonPaneView, timing_label);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonPaneView, usage_label);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonPaneView, state_label);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonPaneView, error_box);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonPaneView, error_label);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonPaneView, retry_button);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonPaneView, scroller);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonPaneView, reasoning_expander);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonPaneView, reasoning_label);
  gtk_widget_class_bind_template_child (widget_class, PrismComparisonPaneView, markdown_view);
}

static void
prism_comparison_pane_view_init (PrismComparisonPaneView *self)
{
  self->pending = g_string_new (NULL);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * prism_comparison_pane_view_new:
 * @pane: the pane to show
 *
 * Returns: (transfer floating): a new #PrismComparisonPaneView
 */
GtkWidget *
prism_comparison_pane_view_new (PrismComparisonPane *pane)
{
  PrismComparisonPaneView *self;
  g_autofree char *model_id = NULL;
  GVariant *target;

  g_return_val_if_fail (PRISM_IS_COMPARISON_PANE (pane), NULL);

  self = g_object_new (PRISM_TYPE_COMPARISON_PANE_VIEW, NULL);
  self->pane = g_object_ref (pane);

  /* The model's own name is the title; its provider under it. */
  if (!g_str_equal (prism_comparison_pane_get_provider (pane), "") &&
      g_str_has_prefix (prism_comparison_pane_get_model (pane), prism_comparison_pane_get_provider (pane)))
    model_id = g_strdup (prism_comparison_pane_get_model (pane) + strlen (prism_comparison_pane_get_provider (pane)) + 1);
  else
    model_id = g_strdup (prism_comparison_pane_get_model (pane));
  gtk_label_set_text (self->model_label, model_id);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->model_label), prism_comparison_pane_get_model (pane));
  if (prism_comparison_pane_get_fusion (pane))
    {
      /* Translators: the provider of a model that merged the other answers */
      g_autofree char *text = g_strdup_printf (_("%s · merged answer"), prism_comparison_pane_get_provider (pane));

      gtk_label_set_text (self->provider_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self), "fusion");
    }
  else
    gtk_label_set_text (self->provider_label, prism_comparison_pane_get_provider (pane));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, prism_comparison_pane_get_model (pane),
                                  -1);

  target = g_variant_new_uint32 (prism_comparison_pane_get_index (pane));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->winner_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->stop_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->continue_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->retry_button), target);

  self->completion_id = g_signal_connect_swapped (pane, "notify::completion", G_CALLBACK (completion_cb), self);
  self->running_id = g_signal_connect_swapped (pane, "notify::running", G_CALLBACK (running_cb), self);
  self->winner_id = g_signal_connect_swapped (pane, "notify::winner", G_CALLBACK (winner_cb), self);

  show_answer (self);
  running_cb (self);
  winner_cb (self);

  return GTK_WIDGET (self);
}

/**
 * prism_comparison_pane_view_get_pane:
 * @self: a #PrismComparisonPaneView
 *
 * Returns: (transfer none): the pane shown
 */
PrismComparisonPane *
prism_comparison_pane_view_get_pane (PrismComparisonPaneView *self)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_PANE_VIEW (self), NULL);

  return self->pane;
}

/**
 * prism_comparison_pane_view_get_vadjustment:
 * @self: a #PrismComparisonPaneView
 *
 * Returns: (transfer none): the vertical scrolling of the answer
 */
GtkAdjustment *
prism_comparison_pane_view_get_vadjustment (PrismComparisonPaneView *self)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_PANE_VIEW (self), NULL);

  return gtk_scrolled_window_get_vadjustment (self->scroller);
}
