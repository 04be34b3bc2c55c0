/* test-comparison-view.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <adwaita.h>

#include "prism-comparison-pane-view.h"
#include "prism-comparison-view.h"
#include "prism-fake-provider.h"
#include "prism-leaderboard-view.h"
#include "prism-markdown-view.h"
#include "prism-test-comparison.h"

/* The comparison view in a real window under Xvfb, against the fake
 * provider on 127.0.0.1: panes streaming side by side, a failing pane
 * showing its error in its own pane, stopping one pane from its button,
 * marking a winner and a blind vote. Buttons are pressed as a person
 * would (gtk_widget_activate), and what is asserted is the widgets'
 * state and what the history holds.
 */

typedef struct
{
  PrismFakeProvider  *fake;
  char               *dir;
  PrismClient        *client;
  PrismStore         *store;
  PrismComparisonRun *run;
  GtkWidget          *window;
  PrismComparisonView *view;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->fake = prism_fake_provider_new ();
  prism_fake_provider_start (fixture->fake, 0, &error);
  g_assert_no_error (error);
  fixture->dir = g_dir_make_tmp ("prism-comparison-view-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->client = prism_test_comparison_client_new (fixture->dir, prism_fake_provider_get_port (fixture->fake),
                                                      "[model openai:markdown+rate=200]\n"
                                                      "input-price=2\noutput-price=8\n");
  fixture->store = prism_test_comparison_store_new (fixture->dir);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 700);
  fixture->view = PRISM_COMPARISON_VIEW (prism_comparison_view_new ());
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->run);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->client);
  prism_fake_provider_stop (fixture->fake);
  g_clear_object (&fixture->fake);
  prism_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
iterate_until (gboolean (*done) (gpointer),
               gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for the comparison view");
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
run_done (gpointer data)
{
  return !prism_comparison_run_get_running (data);
}

static GtkWidget *
find_by_id (GtkWidget  *root,
            const char *id)
{
  const char *root_id = GTK_IS_BUILDABLE (root) ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)) : NULL;

  if (g_strcmp0 (root_id, id) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_id (child, id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
child (GtkWidget  *root,
       const char *id)
{
  GtkWidget *widget = find_by_id (root, id);

  if (widget == NULL)
    g_error ("no widget “%s”", id);

  return widget;
}

static GtkWidget *
pane_view (Fixture *fixture,
           guint    index)
{
  GtkWidget *box = child (GTK_WIDGET (fixture->view), "panes_box");
  GtkWidget *widget = gtk_widget_get_first_child (box);

  for (guint i = 0; i < index && widget != NULL; i++)
    widget = gtk_widget_get_next_sibling (widget);

  g_assert_true (PRISM_IS_COMPARISON_PANE_VIEW (widget));

  return widget;
}

static const char *
label_text (GtkWidget  *root,
            const char *id)
{
  return gtk_label_get_text (GTK_LABEL (child (root, id)));
}

static const char *
markdown_text (GtkWidget  *root,
               const char *id)
{
  return prism_markdown_view_get_text (PRISM_MARKDOWN_VIEW (child (root, id)));
}

/* What a click does, without the button's pressed-look delay that
 * gtk_widget_activate() adds. */
static void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_is_visible (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
start (Fixture            *fixture,
       const char * const *models)
{
  g_autoptr(GError) error = NULL;

  fixture->run = prism_comparison_run_new (fixture->client, fixture->store, NULL,
                                           "compare us side by side", models, &error);
  g_assert_no_error (error);
  prism_comparison_view_set_run (fixture->view, fixture->run);
  prism_comparison_run_start (fixture->run, &error);
  g_assert_no_error (error);
}

typedef struct
{
  Fixture  *fixture;
  gboolean  failed;
  gboolean  slow_running_when_failed;
} FailWatch;

static void
pane_finished_cb (PrismComparisonRun  *run,
                  PrismComparisonPane *pane,
                  FailWatch           *watch)
{
  if (pane != prism_comparison_run_get_pane (run, 2))
    return;

  watch->failed = TRUE;
  watch->slow_running_when_failed = prism_comparison_pane_get_running (prism_comparison_run_get_pane (run, 0));
}

static gboolean
failed (gpointer data)
{
  return ((FailWatch *)data)->failed;
}

static gboolean
slow_shows_text (gpointer data)
{
  Fixture *fixture = data;

  return *markdown_text (pane_view (fixture, 0), "markdown_view") != '\0';
}

static gboolean
fast_done (gpointer data)
{
  Fixture *fixture = data;

  return !prism_comparison_pane_get_running (prism_comparison_run_get_pane (fixture->run, 1));
}

static void
test_three_panes (Fixture       *fixture,
                  gconstpointer  data)
{
  /* The slow pane never ends by itself, so that the failure surely comes
   * while it streams, however slow the machine; Stop All ends it. */
  const char *models[] = { "openai:endless+rate=20", "openai:markdown+rate=200", "openai:error=500", NULL };
  FailWatch watch = { fixture, FALSE, FALSE };
  GtkWidget *summary;
  GtkWidget *slow, *fast, *failing;
  GListModel *rows;
  g_autofree char *clipboard = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(PrismComparisonPane) first_row = NULL;
  GListModel *columns;

  start (fixture, models);
  g_signal_connect (fixture->run, "pane-finished", G_CALLBACK (pane_finished_cb), &watch);
  slow = pane_view (fixture, 0);
  fast = pane_view (fixture, 1);
  failing = pane_view (fixture, 2);
  g_assert_null (gtk_widget_get_next_sibling (failing));

  g_assert_cmpstr (label_text (slow, "model_label"), ==, "endless+rate=20");
  g_assert_cmpstr (label_text (slow, "provider_label"), ==, "openai");
  g_assert_true (gtk_widget_get_visible (child (slow, "stop_button")));
  g_assert_true (gtk_widget_get_visible (child (GTK_WIDGET (fixture->view), "stop_all_button")));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (child (GTK_WIDGET (fixture->view), "summary_revealer"))));

  /* The failure shows in its own pane while the slow one still streams. */
  iterate_until (failed, &watch);
  g_assert_true (watch.slow_running_when_failed);
  g_assert_true (gtk_widget_get_visible (child (failing, "error_box")));
  g_assert_nonnull (strstr (label_text (failing, "error_label"), "HTTP 500"));
  g_assert_true (g_str_has_prefix (label_text (failing, "state_label"), "Failed after "));
  g_assert_true (gtk_widget_get_visible (child (failing, "retry_button")));
  g_assert_false (gtk_widget_get_visible (child (failing, "stop_button")));
  g_assert_cmpstr (markdown_text (failing, "markdown_view"), ==, "");
  g_assert_false (gtk_widget_get_visible (child (slow, "error_box")));

  /* The slow pane's text shows as it streams, with a live speed; the
   * fast one ends beside it. */
  iterate_until (slow_shows_text, fixture);
  iterate_until (fast_done, fixture);
  g_assert_true (prism_comparison_pane_get_running (prism_comparison_run_get_pane (fixture->run, 0)));
  g_assert_true (g_str_has_prefix (label_text (slow, "state_label"), "Streaming… "));
  g_assert_nonnull (strstr (label_text (slow, "usage_label"), "so far"));

  click (child (GTK_WIDGET (fixture->view), "stop_all_button"));
  iterate_until (run_done, fixture->run);

  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *pane = pane_view (fixture, i);
      PrismCompletion *completion = prism_comparison_pane_get_completion (prism_comparison_run_get_pane (fixture->run, i));

      g_assert_cmpstr (markdown_text (pane, "markdown_view"), ==, prism_completion_get_content (completion));
      g_assert_cmpstr (markdown_text (pane, "markdown_view"), !=, "");
      g_assert_true (g_str_has_prefix (label_text (pane, "timing_label"), "First token "));
      g_assert_false (gtk_widget_get_visible (child (pane, "stop_button")));
      g_assert_true (gtk_widget_get_visible (child (pane, "winner_button")));
    }
  g_assert_nonnull (strstr (label_text (fast, "timing_label"), "tokens/s"));
  g_assert_true (g_str_has_prefix (label_text (fast, "state_label"), "Done in "));
  g_assert_nonnull (strstr (label_text (fast, "usage_label"), "47 out"));
  g_assert_nonnull (strstr (label_text (fast, "usage_label"), "$"));
  g_assert_true (g_str_has_prefix (label_text (slow, "state_label"), "Stopped after "));
  g_assert_cmpstr (label_text (slow, "error_label"), ==, "Stopped. What arrived is kept.");
  g_assert_true (gtk_widget_get_visible (child (failing, "error_box")));
  g_assert_false (gtk_widget_get_visible (child (GTK_WIDGET (fixture->view), "stop_all_button")));

  /* The summary: one row per pane, sortable. */
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (child (GTK_WIDGET (fixture->view), "summary_revealer"))));
  summary = child (GTK_WIDGET (fixture->view), "summary_view");
  rows = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (summary)));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (summary));
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 9);
  {
    g_autoptr(GtkColumnViewColumn) tps = g_list_model_get_item (columns, 2);

    g_assert_cmpstr (gtk_column_view_column_get_title (tps), ==, "Tokens/s");
    gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (summary), tps, GTK_SORT_DESCENDING);
  }
  /* Unknown figures sort as the largest: the fast pane's is the only
   * speed known (the stopped one never got its token count). */
  first_row = g_list_model_get_item (rows, 0);
  g_assert_true (first_row != prism_comparison_run_get_pane (fixture->run, 1));
  g_clear_object (&first_row);
  first_row = g_list_model_get_item (rows, 2);
  g_assert_true (first_row == prism_comparison_run_get_pane (fixture->run, 1));
  g_clear_object (&first_row);
  {
    g_autoptr(GtkColumnViewColumn) tps = g_list_model_get_item (columns, 2);

    gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (summary), tps, GTK_SORT_ASCENDING);
  }
  first_row = g_list_model_get_item (rows, 0);
  g_assert_true (first_row == prism_comparison_run_get_pane (fixture->run, 1));

  /* Copy as CSV puts the summary on the clipboard. */
  g_assert_true (gtk_widget_is_sensitive (child (GTK_WIDGET (fixture->view), "copy_csv_button")));
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (fixture->view)), "something else");
  click (child (GTK_WIDGET (fixture->view), "copy_csv_button"));
  {
    GdkContentProvider *content = gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (fixture->view)));
    g_auto(GValue) value = G_VALUE_INIT;
    g_autoptr(GError) error = NULL;

    g_assert_nonnull (content);
    g_value_init (&value, G_TYPE_STRING);
    gdk_content_provider_get_value (content, &value, &error);
    g_assert_no_error (error);
    clipboard = g_value_dup_string (&value);
  }
  csv = prism_comparison_run_format_summary (fixture->run, PRISM_COMPARISON_SUMMARY_CSV);
  g_assert_cmpstr (clipboard, ==, csv);

  /* Marking a winner, from its star. */
  click (child (fast, "winner_button"));
  g_assert_true (prism_comparison_pane_get_winner (prism_comparison_run_get_pane (fixture->run, 1)));
  g_assert_true (gtk_widget_has_css_class (fast, "winner"));
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (child (fast, "winner_button"))), ==, "starred-symbolic");
  g_assert_false (gtk_widget_has_css_class (slow, "winner"));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PrismConversation) conversation =
      prism_store_get_conversation (fixture->store, prism_comparison_run_get_conversation_id (fixture->run), &error);
    PrismComparison *comparison;

    g_assert_no_error (error);
    comparison = g_ptr_array_index (conversation->comparisons, 0);
    g_assert_cmpstr (comparison->winner_id, ==,
                     prism_comparison_pane_get_message_id (prism_comparison_run_get_pane (fixture->run, 1)));
  }
}

static gboolean
endless_has_text (gpointer data)
{
  Fixture *fixture = data;

  return strlen (markdown_text (pane_view (fixture, 0), "markdown_view")) > 20;
}

static void
test_stop_one (Fixture       *fixture,
               gconstpointer  data)
{
  /* Both endless, so that the other one is surely still streaming when
   * the first stops, however slow the machine. */
  const char *models[] = { "openai:endless+rate=60", "openai:endless+rate=30", NULL };
  GtkWidget *endless, *other;
  PrismComparisonPane *pane;

  start (fixture, models);
  endless = pane_view (fixture, 0);
  other = pane_view (fixture, 1);

  iterate_until (endless_has_text, fixture);
  g_assert_true (gtk_widget_has_css_class (endless, "running"));
  click (child (endless, "stop_button"));

  pane = prism_comparison_run_get_pane (fixture->run, 0);
  while (prism_comparison_pane_get_running (pane))
    g_main_context_iteration (NULL, TRUE);

  /* Stopped alone: the other pane is still answering. */
  g_assert_true (prism_comparison_pane_get_running (prism_comparison_run_get_pane (fixture->run, 1)));
  g_assert_true (gtk_widget_get_visible (child (other, "stop_button")));
  g_assert_cmpint (prism_comparison_pane_get_status (pane), ==, PRISM_COMPLETION_CANCELLED);
  g_assert_false (gtk_widget_get_visible (child (endless, "stop_button")));
  g_assert_false (gtk_widget_has_css_class (endless, "running"));
  g_assert_true (gtk_widget_get_visible (child (endless, "error_box")));
  g_assert_cmpstr (label_text (endless, "error_label"), ==, "Stopped. What arrived is kept.");
  g_assert_true (g_str_has_prefix (label_text (endless, "state_label"), "Stopped after "));
  g_assert_true (gtk_widget_get_visible (child (endless, "retry_button")));
  g_assert_cmpstr (markdown_text (endless, "markdown_view"), ==,
                   prism_completion_get_content (prism_comparison_pane_get_completion (pane)));

  g_assert_false (gtk_widget_get_visible (child (other, "error_box")));
  g_assert_true (prism_comparison_run_get_running (fixture->run));

  /* Then the other, from its own button. */
  click (child (other, "stop_button"));
  iterate_until (run_done, fixture->run);
  g_assert_cmpint (prism_comparison_pane_get_status (prism_comparison_run_get_pane (fixture->run, 1)), ==,
                   PRISM_COMPLETION_CANCELLED);
  g_assert_true (gtk_widget_get_visible (child (other, "error_box")));
}

static void
test_blind_vote (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *models[] = { "openai:echo", "openai:markdown+rate=200", NULL };
  GtkWidget *view;
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;
  PrismComparisonPane *a_pane = NULL;
  PrismComparisonPane *b_pane = NULL;
  PrismVoteMatch *match;

  start (fixture, models);
  view = GTK_WIDGET (fixture->view);
  g_assert_false (gtk_widget_get_visible (child (view, "blind_button")));
  iterate_until (run_done, fixture->run);
  g_assert_true (gtk_widget_get_visible (child (view, "blind_button")));

  click (child (view, "blind_button"));
  g_assert_true (prism_comparison_view_get_blind (fixture->view));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (view, "stack"))), ==, "blind");
  /* The summary would tell the answers apart by their figures. */
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (child (view, "summary_revealer"))));

  /* Unnamed: the answers, not their models. */
  g_assert_cmpstr (label_text (view, "blind_a_label"), ==, "Answer A");
  g_assert_cmpstr (label_text (view, "blind_b_label"), ==, "Answer B");
  for (guint i = 0; i < 2; i++)
    {
      PrismComparisonPane *pane = prism_comparison_run_get_pane (fixture->run, i);
      const char *content = prism_completion_get_content (prism_comparison_pane_get_completion (pane));

      if (g_str_equal (markdown_text (view, "blind_a_view"), content))
        a_pane = pane;
      if (g_str_equal (markdown_text (view, "blind_b_view"), content))
        b_pane = pane;
    }
  g_assert_nonnull (a_pane);
  g_assert_nonnull (b_pane);
  g_assert_true (a_pane != b_pane);
  g_assert_true (gtk_widget_is_sensitive (child (view, "vote_b_button")));
  g_assert_false (gtk_widget_get_visible (child (view, "blind_next_button")));

  click (child (view, "vote_b_button"));

  /* Stored as a pairwise vote: B over A. */
  matches = prism_store_list_vote_matches (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (matches->len, ==, 1);
  match = g_ptr_array_index (matches, 0);
  g_assert_cmpstr (match->winner, ==, prism_comparison_pane_get_model (b_pane));
  g_assert_cmpstr (match->loser, ==, prism_comparison_pane_get_model (a_pane));
  g_assert_false (match->tie);

  /* Named after the vote; no second vote on the same pair. */
  g_assert_nonnull (strstr (label_text (view, "blind_a_label"), prism_comparison_pane_get_model (a_pane)));
  g_assert_nonnull (strstr (label_text (view, "blind_b_label"), prism_comparison_pane_get_model (b_pane)));
  g_assert_true (g_str_has_prefix (label_text (view, "blind_result_label"), "You chose B"));
  g_assert_false (gtk_widget_is_sensitive (child (view, "vote_a_button")));
  g_assert_false (gtk_widget_is_sensitive (child (view, "vote_b_button")));
  g_assert_true (gtk_widget_get_visible (child (view, "blind_next_button")));

  click (child (view, "blind_close_button"));
  g_assert_false (prism_comparison_view_get_blind (fixture->view));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (view, "stack"))), ==, "panes");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (child (view, "summary_revealer"))));
}

static void
test_reopen (Fixture       *fixture,
             gconstpointer  data)
{
  const char *models[] = { "openai:echo", "openai:markdown+rate=200", "openai:error=500", NULL };
  g_autoptr(PrismComparisonRun) reopened = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *view = GTK_WIDGET (fixture->view);
  GListModel *rows;

  start (fixture, models);
  iterate_until (run_done, fixture->run);
  click (child (pane_view (fixture, 1), "winner_button"));

  /* Reopened from the history in the same view, as it was. */
  reopened = prism_comparison_run_new_from_history (fixture->client, fixture->store,
                                                    prism_comparison_run_get_conversation_id (fixture->run),
                                                    prism_comparison_run_get_comparison_id (fixture->run), &error);
  g_assert_no_error (error);
  prism_comparison_view_set_run (fixture->view, reopened);
  g_assert_true (prism_comparison_view_get_run (fixture->view) == reopened);

  for (guint i = 0; i < 3; i++)
    {
      GtkWidget *pane = pane_view (fixture, i);
      PrismComparisonPane *live = prism_comparison_run_get_pane (fixture->run, i);

      g_assert_true (prism_comparison_pane_view_get_pane (PRISM_COMPARISON_PANE_VIEW (pane)) ==
                     prism_comparison_run_get_pane (reopened, i));
      g_assert_cmpstr (markdown_text (pane, "markdown_view"), ==, prism_comparison_pane_get_content (live));
      g_assert_false (gtk_widget_get_visible (child (pane, "stop_button")));
      g_assert_cmpint (gtk_widget_has_css_class (pane, "winner"), ==, i == 1);
    }
  g_assert_null (gtk_widget_get_next_sibling (pane_view (fixture, 2)));
  g_assert_true (g_str_has_prefix (label_text (pane_view (fixture, 0), "state_label"), "Done in "));
  g_assert_nonnull (strstr (label_text (pane_view (fixture, 1), "timing_label"), "tokens/s"));
  g_assert_nonnull (strstr (label_text (pane_view (fixture, 1), "usage_label"), "47 out"));
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (child (pane_view (fixture, 1), "winner_button"))), ==,
                   "starred-symbolic");
  g_assert_true (gtk_widget_get_visible (child (pane_view (fixture, 2), "error_box")));
  g_assert_nonnull (strstr (label_text (pane_view (fixture, 2), "error_label"), "HTTP 500"));
  g_assert_true (gtk_widget_get_visible (child (pane_view (fixture, 2), "retry_button")));

  g_assert_true (g_str_has_prefix (label_text (view, "estimate_label"), "3 models · cost "));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (child (view, "summary_revealer"))));
  rows = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (child (view, "summary_view"))));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  g_assert_true (gtk_widget_get_visible (child (view, "blind_button")));
  g_assert_false (gtk_widget_get_visible (child (view, "stop_all_button")));

  /* Retry from the reopened pane's button sends again. */
  click (child (pane_view (fixture, 2), "retry_button"));
  g_assert_true (prism_comparison_run_get_running (reopened));
  g_assert_true (gtk_widget_get_visible (child (view, "stop_all_button")));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (child (view, "summary_revealer"))));
  iterate_until (run_done, reopened);
  g_assert_nonnull (strstr (label_text (pane_view (fixture, 2), "error_label"), "HTTP 500"));
}

static void
test_fuse (Fixture       *fixture,
           gconstpointer  data)
{
  const char *models[] = { "openai:echo", "openai:markdown+rate=200", "openai:echo", NULL };
  GtkWidget *view = GTK_WIDGET (fixture->view);
  GtkWidget *fuse_button = child (view, "fuse_button");
  GMenuModel *menu;
  GtkWidget *merged;
  g_autofree char *target = NULL;
  g_autofree char *action = NULL;

  start (fixture, models);
  g_assert_false (gtk_widget_get_visible (fuse_button));
  iterate_until (run_done, fixture->run);
  g_assert_true (gtk_widget_get_visible (fuse_button));

  /* One entry per model, the same model once. */
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (fuse_button));
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
  g_assert_true (g_menu_model_get_item_attribute (menu, 1, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  g_assert_cmpstr (action, ==, "comparison.fuse");
  g_assert_true (g_menu_model_get_item_attribute (menu, 1, G_MENU_ATTRIBUTE_TARGET, "s", &target));
  g_assert_cmpstr (target, ==, "openai:markdown+rate=200");

  /* What the menu item does. */
  g_assert_true (gtk_widget_activate_action (view, "comparison.fuse", "s", "openai:echo"));
  merged = pane_view (fixture, 3);
  g_assert_cmpstr (label_text (merged, "provider_label"), ==, "openai · merged answer");
  g_assert_true (gtk_widget_has_css_class (merged, "fusion"));
  g_assert_true (gtk_widget_get_visible (child (merged, "stop_button")));
  g_assert_false (gtk_widget_get_visible (fuse_button));
  iterate_until (run_done, fixture->run);

  g_assert_true (g_str_has_prefix (markdown_text (merged, "markdown_view"), "Echo: Question:"));
  g_assert_false (gtk_widget_get_visible (child (merged, "winner_button")));
  g_assert_true (g_str_has_prefix (label_text (merged, "state_label"), "Done in "));
  g_assert_true (g_str_has_prefix (label_text (view, "estimate_label"), "3 models · cost "));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (
                      GTK_COLUMN_VIEW (child (view, "summary_view"))))), ==, 4);
}

static double
scroll_range (GtkAdjustment *adjustment)
{
  return gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_lower (adjustment) -
         gtk_adjustment_get_page_size (adjustment);
}

static gboolean
both_scroll (gpointer data)
{
  Fixture *fixture = data;

  for (guint i = 0; i < 2; i++)
    if (scroll_range (prism_comparison_pane_view_get_vadjustment (PRISM_COMPARISON_PANE_VIEW (pane_view (fixture, i)))) <= 0)
      return FALSE;

  return TRUE;
}

static void
test_scroll_together (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *models[] = { "openai:echo+tokens=3000", "openai:echo+tokens=1500", NULL };
  GtkAdjustment *first, *second;
  GtkWidget *toggle;

  start (fixture, models);
  iterate_until (run_done, fixture->run);
  iterate_until (both_scroll, fixture);
  first = prism_comparison_pane_view_get_vadjustment (PRISM_COMPARISON_PANE_VIEW (pane_view (fixture, 0)));
  second = prism_comparison_pane_view_get_vadjustment (PRISM_COMPARISON_PANE_VIEW (pane_view (fixture, 1)));
  g_assert_cmpfloat (scroll_range (first), >, scroll_range (second));

  /* Apart by default. */
  gtk_adjustment_set_value (first, scroll_range (first) / 2);
  g_assert_cmpfloat (gtk_adjustment_get_value (second), ==, 0);

  /* Together: to the same point of each answer. */
  toggle = child (GTK_WIDGET (fixture->view), "scroll_together_button");
  click (toggle);
  g_assert_true (prism_comparison_view_get_scroll_together (fixture->view));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  gtk_adjustment_set_value (first, scroll_range (first) / 4);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (second), scroll_range (second) / 4, 0.5);
  gtk_adjustment_set_value (second, scroll_range (second));
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (first), scroll_range (first), 0.5);

  click (toggle);
  g_assert_false (prism_comparison_view_get_scroll_together (fixture->view));
  gtk_adjustment_set_value (first, 0);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (second), scroll_range (second), 0.5);
}

/* A folded expander keeps its child out of the widget tree. */
static const char *
reasoning_text (GtkWidget *pane)
{
  GtkWidget *label = gtk_expander_get_child (GTK_EXPANDER (child (pane, "reasoning_expander")));

  return gtk_label_get_text (GTK_LABEL (label));
}

static void
test_reasoning (Fixture       *fixture,
                gconstpointer  data)
{
  const char *models[] = { "openai:reasoning+rate=100", "openai:echo", NULL };
  g_autoptr(PrismComparisonRun) reopened = NULL;
  g_autoptr(GError) error = NULL;
  const char *reasoning;

  start (fixture, models);
  iterate_until (run_done, fixture->run);

  reasoning = prism_comparison_pane_get_reasoning (prism_comparison_run_get_pane (fixture->run, 0));
  g_assert_nonnull (reasoning);
  g_assert_cmpstr (reasoning, !=, "");

  /* Folded above the answer, which holds the content alone. */
  g_assert_true (gtk_widget_get_visible (child (pane_view (fixture, 0), "reasoning_expander")));
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (child (pane_view (fixture, 0), "reasoning_expander"))));
  g_assert_cmpstr (reasoning_text (pane_view (fixture, 0)), ==, reasoning);
  g_assert_cmpstr (markdown_text (pane_view (fixture, 0), "markdown_view"), ==,
                   prism_comparison_pane_get_content (prism_comparison_run_get_pane (fixture->run, 0)));
  g_assert_false (gtk_widget_get_visible (child (pane_view (fixture, 1), "reasoning_expander")));

  /* And so when reopened. */
  reopened = prism_comparison_run_new_from_history (fixture->client, fixture->store,
                                                    prism_comparison_run_get_conversation_id (fixture->run),
                                                    prism_comparison_run_get_comparison_id (fixture->run), &error);
  g_assert_no_error (error);
  prism_comparison_view_set_run (fixture->view, reopened);
  g_assert_true (gtk_widget_get_visible (child (pane_view (fixture, 0), "reasoning_expander")));
  g_assert_cmpstr (reasoning_text (pane_view (fixture, 0)), ==, reasoning);
}

static void
test_differences (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *models[] = { "openai:echo", "openai:echo+tokens=3", "openai:markdown", NULL };
  GtkWidget *view = GTK_WIDGET (fixture->view);
  GMenuModel *menu;
  guint a = 99, b = 99;
  const char *markup;
  g_autofree char *expected_start = NULL;

  start (fixture, models);
  g_assert_false (gtk_widget_get_visible (child (view, "diff_button")));
  iterate_until (run_done, fixture->run);
  g_assert_true (gtk_widget_get_visible (child (view, "diff_button")));

  /* Every pair once. */
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (child (view, "diff_button")));
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 3);
  g_assert_true (g_menu_model_get_item_attribute (menu, 2, G_MENU_ATTRIBUTE_TARGET, "(uu)", &a, &b));
  g_assert_cmpuint (a, ==, 1);
  g_assert_cmpuint (b, ==, 2);

  g_assert_true (gtk_widget_activate_action (view, "comparison.diff", "(uu)", 0, 1));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (view, "stack"))), ==, "diff");

  /* The short answer is the long one's first words: the rest is struck
   * through, nothing is highlighted. */
  markup = gtk_label_get_label (GTK_LABEL (child (view, "diff_label")));
  expected_start = g_strdup (prism_comparison_pane_get_content (prism_comparison_run_get_pane (fixture->run, 1)));
  g_assert_true (g_str_has_prefix (markup, expected_start));
  g_assert_nonnull (strstr (markup, "strikethrough=\"true\""));
  g_assert_null (strstr (markup, "#2ec27e"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (view, "diff_label"))), ==,
                   prism_comparison_pane_get_content (prism_comparison_run_get_pane (fixture->run, 0)));
  g_assert_nonnull (strstr (label_text (view, "diff_title_label"), "From openai:echo to openai:echo+tokens=3"));

  click (child (view, "diff_close_button"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (view, "stack"))), ==, "panes");
}

static void
continue_cb (PrismComparisonView  *view,
             const char           *conversation_id,
             const char           *message_id,
             const char           *model,
             GStrv                *out)
{
  g_strfreev (*out);
  *out = g_strdupv ((char *[]) { (char *)conversation_id, (char *)message_id, (char *)model, NULL });
}

static void
test_continue (Fixture       *fixture,
               gconstpointer  data)
{
  const char *models[] = { "openai:echo+tokens=10+rate=50", "openai:markdown", "openai:error=500", NULL };
  g_auto(GStrv) chosen = NULL;
  PrismComparisonPane *pane;

  g_signal_connect (fixture->view, "continue", G_CALLBACK (continue_cb), &chosen);
  start (fixture, models);
  g_assert_false (gtk_widget_get_visible (child (pane_view (fixture, 0), "continue_button")));
  iterate_until (run_done, fixture->run);

  /* Not from an answer with no text. */
  g_assert_false (gtk_widget_get_visible (child (pane_view (fixture, 2), "continue_button")));

  click (child (pane_view (fixture, 1), "continue_button"));
  pane = prism_comparison_run_get_pane (fixture->run, 1);
  g_assert_nonnull (chosen);
  g_assert_cmpstr (chosen[0], ==, prism_comparison_run_get_conversation_id (fixture->run));
  g_assert_cmpstr (chosen[1], ==, prism_comparison_pane_get_message_id (pane));
  g_assert_cmpstr (chosen[2], ==, "openai:markdown");
}

static void
test_leaderboard (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *models[] = { "openai:echo", "openai:markdown+rate=200", "openai:echo+tokens=3", NULL };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *board = prism_leaderboard_view_new ();
  const PrismLeaderboardRow *row;
  g_autoptr(GError) error = NULL;

  gtk_window_set_child (GTK_WINDOW (window), board);
  gtk_window_present (GTK_WINDOW (window));

  /* No vote yet: the empty state. */
  prism_leaderboard_view_set_store (PRISM_LEADERBOARD_VIEW (board), fixture->store);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (board, "stack"))), ==, "empty");
  g_assert_cmpuint (prism_leaderboard_view_get_n_rows (PRISM_LEADERBOARD_VIEW (board)), ==, 0);

  start (fixture, models);
  iterate_until (run_done, fixture->run);
  click (child (pane_view (fixture, 1), "winner_button"));

  g_assert_true (prism_leaderboard_view_reload (PRISM_LEADERBOARD_VIEW (board), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (board, "stack"))), ==, "table");
  g_assert_cmpuint (prism_leaderboard_view_get_n_rows (PRISM_LEADERBOARD_VIEW (board)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (
                      GTK_COLUMN_VIEW (child (board, "column_view"))))), ==, 3);
  row = prism_leaderboard_view_get_row (PRISM_LEADERBOARD_VIEW (board), 0);
  g_assert_cmpstr (row->model, ==, "openai:markdown+rate=200");
  g_assert_cmpuint (row->wins, ==, 2);
  g_assert_cmpuint (row->votes, ==, 2);
  g_assert_cmpfloat (row->rating, >, 1000);
  row = prism_leaderboard_view_get_row (PRISM_LEADERBOARD_VIEW (board), 2);
  g_assert_cmpuint (row->losses, ==, 1);
  g_assert_cmpfloat (row->rating, <, 1000);
  g_assert_true (g_str_has_prefix (label_text (board, "caption_label"), "Bradley–Terry ratings from 2 judgements"));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      printf ("1..0 # SKIP no display; run the tests through the README's test command\n");
      return 0;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/prism/comparison-view/three-panes", test_three_panes);
  ADD ("/prism/comparison-view/stop-one", test_stop_one);
  ADD ("/prism/comparison-view/blind-vote", test_blind_vote);
  ADD ("/prism/comparison-view/reopen", test_reopen);
  ADD ("/prism/comparison-view/fuse", test_fuse);
  ADD ("/prism/comparison-view/scroll-together", test_scroll_together);
  ADD ("/prism/comparison-view/reasoning", test_reasoning);
  ADD ("/prism/comparison-view/differences", test_differences);
  ADD ("/prism/comparison-view/continue", test_continue);
  ADD ("/prism/comparison-view/leaderboard", test_leaderboard);

#undef ADD

  return g_test_run ();
}
