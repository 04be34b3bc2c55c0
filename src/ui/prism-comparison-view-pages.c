/* prism-comparison-view-pages.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-comparison-view"

#include "config.h"

#include "prism-comparison-view-private.h"

#include <glib/gi18n-lib.h>

#include "prism-word-diff.h"

/* The pages shown instead of the panes: the blind vote between two
 * unnamed answers, and the words two answers differ in.
 */

void
_prism_comparison_view_blind_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  PrismComparisonView *self = PRISM_COMPARISON_VIEW (widget);
  PrismComparisonPane *first = NULL;
  PrismComparisonPane *second = NULL;

  if (self->run == NULL)
    return;

  if (!prism_comparison_run_pick_blind_pair (self->run, &first, &second))
    {
      _prism_comparison_view_toast (self, _("A blind vote needs two answers with text."));
      return;
    }

  g_set_object (&self->blind_first, first);
  g_set_object (&self->blind_second, second);
  self->blind_voted = FALSE;

  prism_markdown_view_set_text (self->blind_a_view, prism_comparison_pane_get_content (first));
  prism_markdown_view_set_text (self->blind_b_view, prism_comparison_pane_get_content (second));
  gtk_label_set_text (self->blind_a_label, _("Answer A"));
  gtk_label_set_text (self->blind_b_label, _("Answer B"));
  gtk_label_set_text (self->blind_result_label,
                      _("Which answer is better? The models are named after you vote."));

  /* The table would tell the answers apart by their figures. */
  gtk_stack_set_visible_child_name (self->stack, "blind");
  gtk_revealer_set_reveal_child (self->summary_revealer, FALSE);
  _prism_comparison_view_update_actions (self);
  _prism_comparison_view_notify_blind (self);
}

void
_prism_comparison_view_blind_vote_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  PrismComparisonView *self = PRISM_COMPARISON_VIEW (widget);
  gboolean first_wins = g_variant_get_uint32 (parameter) == 0;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *result = NULL;

  if (self->blind_first == NULL || self->blind_voted)
    return;

  if (!prism_comparison_run_vote_pair (self->run,
                                       first_wins ? self->blind_first : self->blind_second,
                                       first_wins ? self->blind_second : self->blind_first,
                                       &error))
    {
      _prism_comparison_view_toast (self, error->message);
      return;
    }

  self->blind_voted = TRUE;

  /* Translators: the blind answer's letter and, after the vote, its model */
  a = g_strdup_printf (_("Answer A · %s"), prism_comparison_pane_get_model (self->blind_first));
  b = g_strdup_printf (_("Answer B · %s"), prism_comparison_pane_get_model (self->blind_second));
  gtk_label_set_text (self->blind_a_label, a);
  gtk_label_set_text (self->blind_b_label, b);
  result = g_strdup_printf (first_wins ? _("You chose A, the answer of %s. The vote is kept for your leaderboard.")
                                       : _("You chose B, the answer of %s. The vote is kept for your leaderboard."),
                            prism_comparison_pane_get_model (first_wins ? self->blind_first : self->blind_second));
  gtk_label_set_text (self->blind_result_label, result);

  _prism_comparison_view_update_actions (self);
}

void
_prism_comparison_view_show_answers_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *parameter)
{
  PrismComparisonView *self = PRISM_COMPARISON_VIEW (widget);

  g_clear_object (&self->blind_first);
  g_clear_object (&self->blind_second);
  self->blind_voted = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "panes");
  gtk_revealer_set_reveal_child (self->summary_revealer, !prism_comparison_run_get_running (self->run));
  _prism_comparison_view_update_actions (self);
  _prism_comparison_view_notify_blind (self);
}

/* Words only in the first answer struck through on red, words only in
 * the second on green; translucent, so that light and dark both read. */
static char *
diff_markup (const char *first,
             const char *second)
{
  g_autoptr(GPtrArray) spans = prism_word_diff (first, second);
  GString *markup = g_string_new (NULL);

  for (guint i = 0; i < spans->len; i++)
    {
      PrismDiffSpan *span = g_ptr_array_index (spans, i);
      g_autofree char *escaped = g_markup_escape_text (span->text, -1);

      switch (span->op)
        {
        case PRISM_DIFF_DELETE:
          g_string_append_printf (markup, "<span strikethrough=\"true\" background=\"#e01b24\" bgalpha=\"25%%\">%s</span>",
                                  escaped);
          break;
        case PRISM_DIFF_INSERT:
          g_string_append_printf (markup, "<span background=\"#2ec27e\" bgalpha=\"30%%\">%s</span>", escaped);
          break;
        case PRISM_DIFF_EQUAL:
        default:
          g_string_append (markup, escaped);
          break;
        }
    }

  return g_string_free (markup, FALSE);
}

void
_prism_comparison_view_diff_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  PrismComparisonView *self = PRISM_COMPARISON_VIEW (widget);
  g_autofree char *markup = NULL;
  g_autofree char *title = NULL;
  PrismComparisonPane *first, *second;
  guint a, b, n;

  if (self->run == NULL)
    return;

  g_variant_get (parameter, "(uu)", &a, &b);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->run));
  if (a >= n || b >= n || a == b)
    return;

  first = prism_comparison_run_get_pane (self->run, a);
  second = prism_comparison_run_get_pane (self->run, b);
  markup = diff_markup (prism_comparison_pane_get_content (first), prism_comparison_pane_get_content (second));
  /* Translators: the two models whose answers are compared word by word */
  title = g_strdup_printf (_("From %s to %s: words struck through are only in the first, highlighted ones only in the second"),
                           prism_comparison_pane_get_model (first), prism_comparison_pane_get_model (second));
  gtk_label_set_text (self->diff_title_label, title);
  gtk_label_set_markup (self->diff_label, markup);

  gtk_stack_set_visible_child_name (self->stack, "diff");
  _prism_comparison_view_update_actions (self);
}

GMenuModel *
_prism_comparison_view_build_diff_menu (PrismComparisonRun *run)
{
  GMenu *menu = g_menu_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (run));

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        g_autoptr(GMenuItem) item = NULL;
        /* Translators: the first and second answers to compare, by their place and model */
        g_autofree char *label = g_strdup_printf (_("%u. %s and %u. %s"),
                                                  i + 1, prism_comparison_pane_get_model (prism_comparison_run_get_pane (run, i)),
                                                  j + 1, prism_comparison_pane_get_model (prism_comparison_run_get_pane (run, j)));

        item = g_menu_item_new (label, NULL);
        g_menu_item_set_action_and_target_value (item, "comparison.diff", g_variant_new ("(uu)", i, j));
        g_menu_append_item (menu, item);
      }

  return G_MENU_MODEL (menu);
}
