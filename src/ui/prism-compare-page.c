/* prism-compare-page.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-compare-page"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "prism-comparison-run.h"
#include "prism-comparison-view.h"
#include "prism-compare-page.h"
#include "prism-format.h"

/* The Compare page of the window: the models, one prompt, what asking
 * them all would cost, and the comparison view where they answer. The
 * models stay for the next prompt. */
struct _PrismComparePage
{
  GtkWidget            parent_instance;

  PrismSession        *session;
  GSettings           *settings;
  PrismComparisonRun  *run;
  gulong               running_id;

  GtkWidget           *box;
  GtkStack            *stack;
  PrismComparisonView *view;
  GtkEntry            *models_entry;
  GtkTextView         *prompt_view;
  GtkWidget           *send_button;
  GtkWidget           *stop_button;
  GtkLabel            *estimate_label;
};

G_DEFINE_FINAL_TYPE (PrismComparePage, prism_compare_page, GTK_TYPE_WIDGET)

static GStrv
parse_models (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text, ",;\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

static char *
dup_prompt (PrismComparePage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->prompt_view);
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  return g_strstrip (text);
}

/* A run that is not started yet, for the estimate and for sending. */
static PrismComparisonRun *
make_run (PrismComparePage  *self,
          GError           **error)
{
  g_auto(GStrv) models = parse_models (gtk_editable_get_text (GTK_EDITABLE (self->models_entry)));
  g_autofree char *prompt = dup_prompt (self);
  PrismClient *client;

  if (self->session == NULL || !prism_session_get_ready (self->session))
    {
      g_set_error_literal (error, PRISM_ERROR, PRISM_ERROR_STORE, _("The history is not open yet."));
      return NULL;
    }

  if (g_strv_length (models) < PRISM_COMPARISON_MIN_MODELS || g_strv_length (models) > PRISM_COMPARISON_MAX_MODELS)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("Name from %d to %d models, separated by commas."),
                   PRISM_COMPARISON_MIN_MODELS, PRISM_COMPARISON_MAX_MODELS);
      return NULL;
    }

  client = prism_session_get_client (self->session);
  for (guint i = 0; models[i] != NULL; i++)
    {
      if (!prism_client_check_model (client, models[i], error))
        return NULL;
    }

  if (*prompt == '\0')
    {
      g_set_error_literal (error, PRISM_ERROR, PRISM_ERROR_CONFIG, _("Write what to ask."));
      return NULL;
    }

  return prism_comparison_run_new (client, prism_session_get_store (self->session), NULL, prompt,
                                   (const char * const *)models, error);
}

static void
on_input_changed (PrismComparePage *self)
{
  g_autoptr(PrismComparisonRun) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *money = NULL;
  g_autofree char *text = NULL;
  guint n_unknown = 0;
  double cost;

  run = make_run (self, &error);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.send", run != NULL);
  if (run == NULL)
    {
      gtk_label_set_text (self->estimate_label, error->message);
      return;
    }

  cost = prism_comparison_run_estimate_cost (run, &n_unknown);
  money = isnan (cost) ? NULL : prism_format_cost (cost);
  if (money != NULL && n_unknown > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "At most about %s, and %u model whose prices are unknown",
                                         "At most about %s, and %u models whose prices are unknown",
                                         n_unknown),
                            money, n_unknown);
  else if (money != NULL)
    text = g_strdup_printf (_("At most about %s for every answer together"), money);
  else
    text = g_strdup (_("What these models cost is unknown"));
  gtk_label_set_text (self->estimate_label, text);
}

static void
on_running_changed (PrismComparePage *self)
{
  gboolean running = self->run != NULL && prism_comparison_run_get_running (self->run);

  gtk_widget_set_visible (self->send_button, !running);
  gtk_widget_set_visible (self->stop_button, running);

  /* The spend in the window's header follows the answers. */
  if (!running)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.refresh-spend", NULL);
}

static void
show_error (PrismComparePage *self,
            const GError     *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (error->message));
  gtk_label_set_text (self->estimate_label, error->message);
}

/**
 * prism_compare_page_send:
 * @self: a #PrismComparePage
 * @prompt: (nullable): what to ask, or %NULL for the composer's text
 * @error: why it could not be sent; the prompt then stays
 *
 * Asks every model at once; the answers stream side by side and are
 * kept in the history as one conversation.
 *
 * Returns: whether the comparison started
 */
gboolean
prism_compare_page_send (PrismComparePage  *self,
                         const char        *prompt,
                         GError           **error)
{
  g_autoptr(PrismComparisonRun) run = NULL;

  g_return_val_if_fail (PRISM_IS_COMPARE_PAGE (self), FALSE);

  if (prompt != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->prompt_view), prompt, -1);

  run = make_run (self, error);
  if (run == NULL || !prism_comparison_run_start (run, error))
    return FALSE;

  if (self->run != NULL)
    g_clear_signal_handler (&self->running_id, self->run);
  g_set_object (&self->run, run);
  self->running_id = g_signal_connect_object (run, "notify::running", G_CALLBACK (on_running_changed),
                                              self, G_CONNECT_SWAPPED);
  prism_comparison_view_set_run (self->view, run);
  gtk_stack_set_visible_child_name (self->stack, "run");
  on_running_changed (self);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->prompt_view), "", -1);
  prism_session_reload_conversations (self->session);

  return TRUE;
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PrismComparePage *self = PRISM_COMPARE_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!prism_compare_page_send (self, NULL, &error))
    show_error (self, error);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PrismComparePage *self = PRISM_COMPARE_PAGE (widget);

  if (self->run != NULL)
    prism_comparison_run_stop_all (self->run);
}

/**
 * prism_compare_page_set_session:
 * @self: a #PrismComparePage
 * @session: the application's session
 * @settings: the application's settings; the composer's model starts the list
 */
void
prism_compare_page_set_session (PrismComparePage *self,
                                PrismSession     *session,
                                GSettings        *settings)
{
  g_autofree char *model = NULL;

  g_return_if_fail (PRISM_IS_COMPARE_PAGE (self));
  g_return_if_fail (PRISM_IS_SESSION (session));

  g_set_object (&self->session, session);
  g_set_object (&self->settings, settings);

  g_signal_connect_object (session, "notify::ready", G_CALLBACK (on_input_changed), self, G_CONNECT_SWAPPED);

  model = settings ? g_settings_get_string (settings, "last-model") : NULL;
  if (model != NULL && *model != '\0' && *gtk_editable_get_text (GTK_EDITABLE (self->models_entry)) == '\0')
    {
      /* The same model twice shows its spread; a person edits from there. */
      g_autofree char *twice = g_strdup_printf ("%s, %s", model, model);

      gtk_editable_set_text (GTK_EDITABLE (self->models_entry), twice);
    }
  on_input_changed (self);
}

void
prism_compare_page_set_models (PrismComparePage *self,
                               const char       *models)
{
  g_return_if_fail (PRISM_IS_COMPARE_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->models_entry), models);
}

/**
 * prism_compare_page_get_view:
 * @self: a #PrismComparePage
 *
 * Returns: (transfer none): the #PrismComparisonView
 */
GtkWidget *
prism_compare_page_get_view (PrismComparePage *self)
{
  g_return_val_if_fail (PRISM_IS_COMPARE_PAGE (self), NULL);

  return GTK_WIDGET (self->view);
}

static void
prism_compare_page_dispose (GObject *object)
{
  PrismComparePage *self = PRISM_COMPARE_PAGE (object);

  if (self->run != NULL)
    g_clear_signal_handler (&self->running_id, self->run);
  gtk_widget_dispose_template (GTK_WIDGET (self), PRISM_TYPE_COMPARE_PAGE);
  g_clear_object (&self->run);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (prism_compare_page_parent_class)->dispose (object);
}

static void
prism_compare_page_class_init (PrismComparePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prism_compare_page_dispose;

  g_type_ensure (PRISM_TYPE_COMPARISON_VIEW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/prismllm/Prism/prism-compare-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PrismComparePage, box);
  gtk_widget_class_bind_template_child (widget_class, PrismComparePage, stack);
  gtk_widget_class_bind_template_child (widget_class, PrismComparePage, view);
  gtk_widget_class_bind_template_child (widget_class, PrismComparePage, models_entry);
  gtk_widget_class_bind_template_child (widget_class, PrismComparePage, prompt_view);
  gtk_widget_class_bind_template_child (widget_class, PrismComparePage, send_button);
  gtk_widget_class_bind_template_child (widget_class, PrismComparePage, stop_button);
  gtk_widget_class_bind_template_child (widget_class, PrismComparePage, estimate_label);
  gtk_widget_class_bind_template_callback (widget_class, on_input_changed);

  gtk_widget_class_install_action (widget_class, "compare.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "compare.stop", NULL, stop_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "compare.send", NULL);
}

static void
prism_compare_page_init (PrismComparePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->prompt_view), "changed",
                           G_CALLBACK (on_input_changed), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.send", FALSE);
}
