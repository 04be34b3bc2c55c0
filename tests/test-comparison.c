/* test-comparison.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "prism-comparison-run.h"
#include "prism-error.h"
#include "prism-fake-provider.h"
#include "prism-leaderboard.h"
#include "prism-word-diff.h"

/* A comparison through the real client, the real history and the fake
 * provider on 127.0.0.1: answers of different speeds, a failing pane,
 * stopping one pane, the cost estimate and cap, votes and the
 * leaderboard they make.
 */

typedef struct
{
  PrismFakeProvider     *fake;
  char                  *dir;
  PrismProviderRegistry *registry;
  PrismClient           *client;
  PrismStore            *store;
  GPtrArray             *finished;     /* of PrismComparisonPane, in the order they ended */
  guint                  n_finished_signals;
} Fixture;

static const char *prices_ini =
  "[model openai:priced-a]\n"
  "input-price=2\n"
  "output-price=10\n"
  "\n"
  "[model openai:priced-b]\n"
  "input-price=1\n"
  "output-price=4\n";

static double
no_jitter (gpointer user_data)
{
  return 0.5;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *ini = NULL;
  g_autofree char *ini_path = NULL;
  g_autofree char *db_path = NULL;
  PrismRetryPolicy policy;

  g_setenv ("OPENAI_API_KEY", PRISM_FAKE_PROVIDER_KEY, TRUE);

  fixture->fake = prism_fake_provider_new ();
  prism_fake_provider_start (fixture->fake, 0, &error);
  g_assert_no_error (error);

  fixture->dir = g_dir_make_tmp ("prism-comparison-XXXXXX", &error);
  g_assert_no_error (error);

  base = prism_fake_provider_get_base_url (fixture->fake, "openai");
  ini = g_strdup_printf ("[provider openai]\nbase-url=%s\n\n%s", base, prices_ini);
  ini_path = g_build_filename (fixture->dir, "providers.ini", NULL);
  g_file_set_contents (ini_path, ini, -1, &error);
  g_assert_no_error (error);

  fixture->registry = prism_provider_registry_new_for_path (ini_path);
  prism_provider_registry_load (fixture->registry, &error);
  g_assert_no_error (error);
  fixture->client = prism_client_new (fixture->registry, NULL, NULL);

  /* One quick retry, so that a failing pane fails in milliseconds. */
  prism_retry_policy_init_default (&policy);
  policy.base_delay_ms = 5;
  policy.max_delay_ms = 10;
  policy.max_retries = 1;
  policy.random = no_jitter;
  prism_client_set_retry_policy (fixture->client, &policy);

  db_path = g_build_filename (fixture->dir, "history.db", NULL);
  fixture->store = prism_store_open (db_path, &error);
  g_assert_no_error (error);

  fixture->finished = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->registry);
  prism_fake_provider_stop (fixture->fake);
  g_clear_object (&fixture->fake);
  g_clear_pointer (&fixture->finished, g_ptr_array_unref);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
pane_finished_cb (PrismComparisonRun  *run,
                  PrismComparisonPane *pane,
                  Fixture             *fixture)
{
  g_ptr_array_add (fixture->finished, g_object_ref (pane));
}

static void
finished_cb (PrismComparisonRun *run,
             Fixture            *fixture)
{
  fixture->n_finished_signals++;
}

static PrismComparisonRun *
new_run (Fixture            *fixture,
         const char         *prompt,
         const char * const *models)
{
  g_autoptr(GError) error = NULL;
  PrismComparisonRun *run;

  run = prism_comparison_run_new (fixture->client, fixture->store, NULL, prompt, models, &error);
  g_assert_no_error (error);
  g_assert_true (PRISM_IS_COMPARISON_RUN (run));
  g_signal_connect (run, "pane-finished", G_CALLBACK (pane_finished_cb), fixture);
  g_signal_connect (run, "finished", G_CALLBACK (finished_cb), fixture);

  return run;
}

static void
wait_until_done (PrismComparisonRun *run)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (prism_comparison_run_get_running (run))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the comparison did not finish within 20 s");
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
start_and_wait (PrismComparisonRun *run)
{
  g_autoptr(GError) error = NULL;

  prism_comparison_run_start (run, &error);
  g_assert_no_error (error);
  g_assert_true (prism_comparison_run_get_running (run));
  wait_until_done (run);
}

static PrismCompletion *
pane_completion (PrismComparisonRun *run,
                 guint               index)
{
  return prism_comparison_pane_get_completion (prism_comparison_run_get_pane (run, index));
}

static void
test_speeds (Fixture       *fixture,
             gconstpointer  data)
{
  const char *models[] = { "openai:echo+tokens=30+rate=15", "openai:echo+tokens=5+rate=200", NULL };
  g_autoptr(PrismComparisonRun) run = new_run (fixture, "compare these speeds", models);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (run)), ==, 2);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (run)) == PRISM_TYPE_COMPARISON_PANE);
  g_assert_null (pane_completion (run, 0));

  start_and_wait (run);

  /* Both ran at once: the fast one ended first, while the slow one was
   * still streaming, and "finished" came once, after both. */
  g_assert_cmpuint (fixture->finished->len, ==, 2);
  g_assert_true (g_ptr_array_index (fixture->finished, 0) == prism_comparison_run_get_pane (run, 1));
  g_assert_true (g_ptr_array_index (fixture->finished, 1) == prism_comparison_run_get_pane (run, 0));
  g_assert_cmpuint (fixture->n_finished_signals, ==, 1);

  for (guint i = 0; i < 2; i++)
    {
      PrismCompletion *completion = pane_completion (run, i);

      g_assert_cmpint (prism_completion_get_status (completion), ==, PRISM_COMPLETION_COMPLETE);
      g_assert_cmpint (prism_comparison_pane_get_status (prism_comparison_run_get_pane (run, i)), ==,
                       PRISM_COMPLETION_COMPLETE);
      g_assert_false (isnan (prism_completion_get_ttft_ms (completion)));
      g_assert_cmpfloat (prism_completion_get_tokens_per_second (completion), >, 0);
      g_assert_true (prism_completion_get_usage (completion)->known);
    }
  g_assert_cmpint (prism_completion_get_usage (pane_completion (run, 0))->output_tokens, ==, 30);
  g_assert_cmpint (prism_completion_get_usage (pane_completion (run, 1))->output_tokens, ==, 5);
  /* 30 chunks at 15 a second take about two seconds; 5 at 200, 25 ms. */
  g_assert_cmpfloat (prism_completion_get_latency_ms (pane_completion (run, 0)), >,
                     prism_completion_get_latency_ms (pane_completion (run, 1)) + 1000);
  g_assert_cmpstr (prism_comparison_pane_get_provider (prism_comparison_run_get_pane (run, 0)), ==, "openai");
  g_assert_cmpuint (prism_fake_provider_get_request_count (fixture->fake), ==, 2);
}

static void
test_one_fails (Fixture       *fixture,
                gconstpointer  data)
{
  const char *models[] = { "openai:echo+tokens=40+rate=40", "openai:error=500", "openai:echo", NULL };
  g_autoptr(PrismComparisonRun) run = new_run (fixture, "one of us fails", models);
  PrismComparisonPane *failing;
  const GError *failure;

  start_and_wait (run);

  failing = prism_comparison_run_get_pane (run, 1);
  g_assert_cmpint (prism_comparison_pane_get_status (failing), ==, PRISM_COMPLETION_ERROR);
  failure = prism_completion_get_error (prism_comparison_pane_get_completion (failing));
  g_assert_error (failure, PRISM_ERROR, PRISM_ERROR_SERVER);

  /* The failure ended its pane before the slow pane was done, and the
   * slow pane went on to the end. */
  g_assert_true (g_ptr_array_index (fixture->finished, 0) != prism_comparison_run_get_pane (run, 0));
  g_assert_true (g_ptr_array_index (fixture->finished, 2) == prism_comparison_run_get_pane (run, 0));
  g_assert_cmpint (prism_completion_get_status (pane_completion (run, 0)), ==, PRISM_COMPLETION_COMPLETE);
  g_assert_cmpint (prism_completion_get_status (pane_completion (run, 2)), ==, PRISM_COMPLETION_COMPLETE);
}

static void
test_retry (Fixture       *fixture,
            gconstpointer  data)
{
  /* Fails twice (the first try and the client's one retry), then works. */
  const char *models[] = { "openai:echo", "openai:fail-times=2+error=500", NULL };
  g_autoptr(PrismComparisonRun) run = new_run (fixture, "try again", models);
  PrismComparisonPane *pane;
  g_autofree char *failed_message = NULL;
  g_autoptr(PrismConversation) conversation = NULL;
  g_autoptr(GError) error = NULL;

  start_and_wait (run);
  pane = prism_comparison_run_get_pane (run, 1);
  g_assert_cmpint (prism_comparison_pane_get_status (pane), ==, PRISM_COMPLETION_ERROR);
  failed_message = g_strdup (prism_comparison_pane_get_message_id (pane));

  /* A complete answer is not asked again. */
  g_assert_false (prism_comparison_run_retry (run, prism_comparison_run_get_pane (run, 0), &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_clear_error (&error);

  g_assert_true (prism_comparison_run_retry (run, pane, &error));
  g_assert_no_error (error);
  g_assert_true (prism_comparison_run_get_running (run));
  wait_until_done (run);

  g_assert_cmpint (prism_comparison_pane_get_status (pane), ==, PRISM_COMPLETION_COMPLETE);
  g_assert_cmpstr (prism_comparison_pane_get_message_id (pane), !=, failed_message);
  g_assert_cmpuint (fixture->n_finished_signals, ==, 2);

  /* The history keeps the failed answer beside the new one. */
  conversation = prism_store_get_conversation (fixture->store, prism_comparison_run_get_conversation_id (run), &error);
  g_assert_no_error (error);
  g_assert_cmpint (prism_conversation_find_message (conversation, failed_message)->status, ==,
                   PRISM_MESSAGE_STATUS_ERROR);
  g_assert_cmpint (prism_conversation_find_message (conversation, prism_comparison_pane_get_message_id (pane))->status,
                   ==, PRISM_MESSAGE_STATUS_COMPLETE);
}

static void
stop_endless_cb (PrismCompletion     *completion,
                 PrismStreamEvent    *event,
                 PrismComparisonPane *pane)
{
  if (event->kind == PRISM_STREAM_EVENT_CONTENT)
    prism_comparison_pane_stop (pane);
}

static void
test_stop_one (Fixture       *fixture,
               gconstpointer  data)
{
  const char *models[] = { "openai:endless+rate=50", "openai:echo+tokens=10+rate=50", NULL };
  g_autoptr(PrismComparisonRun) run = new_run (fixture, "stop the endless one", models);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismConversation) conversation = NULL;
  PrismComparisonPane *endless;

  prism_comparison_run_start (run, &error);
  g_assert_no_error (error);
  endless = prism_comparison_run_get_pane (run, 0);
  g_signal_connect (prism_comparison_pane_get_completion (endless), "delta", G_CALLBACK (stop_endless_cb), endless);
  wait_until_done (run);

  g_assert_cmpint (prism_comparison_pane_get_status (endless), ==, PRISM_COMPLETION_CANCELLED);
  g_assert_cmpstr (prism_completion_get_content (prism_comparison_pane_get_completion (endless)), !=, "");
  g_assert_cmpint (prism_completion_get_status (pane_completion (run, 1)), ==, PRISM_COMPLETION_COMPLETE);
  g_assert_cmpint (prism_completion_get_usage (pane_completion (run, 1))->output_tokens, ==, 10);

  conversation = prism_store_get_conversation (fixture->store, prism_comparison_run_get_conversation_id (run), &error);
  g_assert_no_error (error);
  g_assert_cmpint (prism_conversation_find_message (conversation, prism_comparison_pane_get_message_id (endless))->status,
                   ==, PRISM_MESSAGE_STATUS_CANCELLED);
}

static void
test_stop_all (Fixture       *fixture,
               gconstpointer  data)
{
  const char *models[] = { "openai:endless", "openai:endless+rate=20", "openai:endless", NULL };
  g_autoptr(PrismComparisonRun) run = new_run (fixture, "never ends", models);
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  prism_comparison_run_start (run, &error);
  g_assert_no_error (error);

  /* Let each of them stream a little first. */
  for (gboolean all_streaming = FALSE; !all_streaming;)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
      all_streaming = TRUE;
      for (guint i = 0; i < 3; i++)
        if (prism_completion_get_status (pane_completion (run, i)) != PRISM_COMPLETION_STREAMING)
          all_streaming = FALSE;
    }

  prism_comparison_run_stop_all (run);
  wait_until_done (run);

  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (prism_completion_get_status (pane_completion (run, i)), ==, PRISM_COMPLETION_CANCELLED);
}

static void
test_cost (Fixture       *fixture,
           gconstpointer  data)
{
  const char *models[] = { "openai:priced-a", "openai:priced-b", "openai:priced-a", NULL };
  const char *with_unknown[] = { "openai:priced-a", "openai:echo", NULL };
  g_autoptr(PrismComparisonRun) run = new_run (fixture, "one two three four", models);
  g_autoptr(PrismComparisonRun) unknown = new_run (fixture, "one two three four", with_unknown);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conversations = NULL;
  double expected_a, expected_b;
  guint n_unknown = 99;

  prism_comparison_run_set_max_tokens (run, 100);

  /* "one two three four" is 18 characters: 5 tokens, and 4 of framing. */
  g_assert_cmpint (prism_comparison_run_estimate_input_tokens (run), ==, 9);
  g_assert_cmpint (prism_comparison_run_estimate_output_tokens (run), ==, 100);
  expected_a = (9 * 2.0 + 100 * 10.0) / 1e6;
  expected_b = (9 * 1.0 + 100 * 4.0) / 1e6;
  g_assert_cmpfloat_with_epsilon (prism_comparison_run_estimate_cost (run, &n_unknown),
                                  2 * expected_a + expected_b, 1e-12);
  g_assert_cmpuint (n_unknown, ==, 0);
  g_assert_cmpfloat_with_epsilon (prism_comparison_pane_get_estimated_cost (prism_comparison_run_get_pane (run, 1)),
                                  expected_b, 1e-12);

  /* Without a maximum, an answer is counted at the default length. */
  g_assert_cmpint (prism_comparison_run_estimate_output_tokens (unknown), ==,
                   PRISM_COMPARISON_DEFAULT_OUTPUT_TOKENS);
  g_assert_cmpfloat_with_epsilon (prism_comparison_run_estimate_cost (unknown, &n_unknown),
                                  (9 * 2.0 + PRISM_COMPARISON_DEFAULT_OUTPUT_TOKENS * 10.0) / 1e6, 1e-12);
  g_assert_cmpuint (n_unknown, ==, 1);
  g_assert_true (isnan (prism_comparison_pane_get_estimated_cost (prism_comparison_run_get_pane (unknown, 1))));

  /* Above the cap: nothing is sent, nothing is stored. */
  prism_comparison_run_set_cost_cap (run, 2 * expected_a + expected_b - 1e-7);
  g_assert_false (prism_comparison_run_start (run, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_PAYMENT);
  g_clear_error (&error);

  /* Unknown prices cannot be held under a cap. */
  prism_comparison_run_set_cost_cap (unknown, 100);
  g_assert_false (prism_comparison_run_start (unknown, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_PAYMENT);
  g_assert_nonnull (strstr (error->message, "openai:echo"));
  g_clear_error (&error);

  g_assert_cmpuint (prism_fake_provider_get_request_count (fixture->fake), ==, 0);
  conversations = prism_store_list_conversations (fixture->store, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conversations->len, ==, 0);

  /* At the cap, it goes. */
  prism_comparison_run_set_cost_cap (run, 2 * expected_a + expected_b);
  start_and_wait (run);
  g_assert_cmpuint (prism_fake_provider_get_request_count (fixture->fake), ==, 3);

  /* The real cost is known after, from the same prices. */
  for (guint i = 0; i < 3; i++)
    {
      PrismCostSource source;
      double cost = prism_completion_get_cost (pane_completion (run, i), &source);

      g_assert_false (isnan (cost));
      g_assert_cmpint (source, ==, PRISM_COST_SOURCE_CONFIG);
      g_assert_cmpfloat (cost, <=, i == 1 ? expected_b : expected_a);
    }
}

static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  /* The same model twice, to see how its answers vary. */
  const char *models[] = { "openai:echo+tokens=4", "openai:markdown", "openai:echo+tokens=4", NULL };
  g_autoptr(PrismComparisonRun) run = new_run (fixture, "what is in a name", models);
  g_autoptr(PrismComparisonRun) follow_up = NULL;
  g_autoptr(PrismConversation) conversation = NULL;
  g_autoptr(GPtrArray) siblings = NULL;
  g_autoptr(GError) error = NULL;
  PrismMessage *prompt;

  start_and_wait (run);

  conversation = prism_store_get_conversation (fixture->store, prism_comparison_run_get_conversation_id (run), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (conversation->title, ==, "what is in a name");
  g_assert_cmpuint (g_strv_length (conversation->models), ==, 2);
  g_assert_cmpuint (conversation->comparisons->len, ==, 1);
  g_assert_cmpstr (((PrismComparison *)g_ptr_array_index (conversation->comparisons, 0))->id, ==,
                   prism_comparison_run_get_comparison_id (run));

  prompt = prism_conversation_find_message (conversation, prism_comparison_run_get_prompt_id (run));
  g_assert_cmpstr (prompt->role, ==, "user");
  g_assert_cmpstr (prompt->content, ==, "what is in a name");

  /* Reopened, the comparison is its answers as siblings, in order. */
  siblings = prism_conversation_get_siblings (conversation, prism_comparison_pane_get_message_id (
                                                prism_comparison_run_get_pane (run, 1)));
  g_assert_cmpuint (siblings->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      PrismComparisonPane *pane = prism_comparison_run_get_pane (run, i);
      PrismMessage *message = prism_conversation_find_message (conversation, prism_comparison_pane_get_message_id (pane));

      g_assert_nonnull (message);
      g_assert_true (g_ptr_array_find (siblings, message, NULL));
      g_assert_cmpstr (message->parent_id, ==, prompt->id);
      g_assert_cmpstr (message->comparison_id, ==, prism_comparison_run_get_comparison_id (run));
      g_assert_cmpstr (message->model, ==, models[i]);
      g_assert_cmpint (message->status, ==, PRISM_MESSAGE_STATUS_COMPLETE);
      g_assert_cmpstr (message->content, ==, prism_completion_get_content (prism_comparison_pane_get_completion (pane)));
      g_assert_cmpuint (message->attempts->len, ==, 1);
    }

  /* A second comparison in the same conversation answers after the first. */
  follow_up = prism_comparison_run_new (fixture->client, fixture->store, conversation->id, "and again",
                                        (const char *[]) { "openai:echo", "openai:echo+tokens=2", NULL }, &error);
  g_assert_no_error (error);
  g_assert_cmpint (prism_comparison_run_estimate_input_tokens (follow_up), >,
                   prism_comparison_run_estimate_input_tokens (run));
  start_and_wait (follow_up);
  g_clear_pointer (&conversation, prism_conversation_free);
  conversation = prism_store_get_conversation (fixture->store, prism_comparison_run_get_conversation_id (follow_up), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conversation->comparisons->len, ==, 2);
  g_assert_nonnull (prism_conversation_find_message (conversation, prism_comparison_run_get_prompt_id (follow_up))->parent_id);
}

static void
test_reopen (Fixture       *fixture,
             gconstpointer  data)
{
  /* The last pane fails twice (the try and the client's retry), is asked
   * again and answers: the history has four answers, the reopened
   * comparison three panes. */
  const char *models[] = { "openai:priced-a", "openai:markdown+rate=200", "openai:fail-times=2+error=500", NULL };
  g_autoptr(PrismComparisonRun) run = new_run (fixture, "reopen me", models);
  g_autoptr(PrismComparisonRun) reopened = NULL;
  g_autoptr(PrismComparisonRun) failed = NULL;
  g_autoptr(GError) error = NULL;
  const char *failing[] = { "openai:echo", "openai:fail-times=2+error=503", NULL };

  start_and_wait (run);
  g_assert_true (prism_comparison_run_retry (run, prism_comparison_run_get_pane (run, 2), &error));
  g_assert_no_error (error);
  wait_until_done (run);
  g_assert_true (prism_comparison_run_vote_winner (run, prism_comparison_run_get_pane (run, 1), &error));
  g_assert_no_error (error);

  reopened = prism_comparison_run_new_from_history (fixture->client, fixture->store,
                                                    prism_comparison_run_get_conversation_id (run),
                                                    prism_comparison_run_get_comparison_id (run), &error);
  g_assert_no_error (error);
  g_assert_true (prism_comparison_run_get_reopened (reopened));
  g_assert_false (prism_comparison_run_get_reopened (run));
  g_assert_false (prism_comparison_run_get_running (reopened));
  g_assert_cmpstr (prism_comparison_run_get_prompt (reopened), ==, "reopen me");
  g_assert_cmpstr (prism_comparison_run_get_prompt_id (reopened), ==, prism_comparison_run_get_prompt_id (run));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reopened)), ==, 3);

  for (guint i = 0; i < 3; i++)
    {
      PrismComparisonPane *live = prism_comparison_run_get_pane (run, i);
      PrismComparisonPane *stored = prism_comparison_run_get_pane (reopened, i);

      g_assert_null (prism_comparison_pane_get_completion (stored));
      g_assert_cmpstr (prism_comparison_pane_get_model (stored), ==, models[i]);
      g_assert_cmpstr (prism_comparison_pane_get_message_id (stored), ==, prism_comparison_pane_get_message_id (live));
      g_assert_cmpstr (prism_comparison_pane_get_content (stored), ==, prism_comparison_pane_get_content (live));
      g_assert_cmpint (prism_comparison_pane_get_status (stored), ==, PRISM_COMPLETION_COMPLETE);
      g_assert_cmpint (prism_comparison_pane_get_usage (stored)->output_tokens, ==,
                       prism_comparison_pane_get_usage (live)->output_tokens);
      /* The history times each attempt from when its request started;
       * the completion, from before its key was looked up. */
      g_assert_cmpfloat (prism_comparison_pane_get_ttft_ms (stored), <=, prism_comparison_pane_get_ttft_ms (live));
      g_assert_cmpfloat (prism_comparison_pane_get_ttft_ms (stored), >, prism_comparison_pane_get_ttft_ms (live) - 50);
      g_assert_cmpfloat (prism_comparison_pane_get_latency_ms (stored), <=, prism_comparison_pane_get_latency_ms (live));
      g_assert_cmpfloat (prism_comparison_pane_get_latency_ms (stored), >, prism_comparison_pane_get_latency_ms (live) - 50);
      /* Unknown when the whole answer came in one read. */
      g_assert_true (isnan (prism_comparison_pane_get_tokens_per_second (stored)) ||
                     prism_comparison_pane_get_tokens_per_second (stored) > 0);
      g_assert_cmpint (prism_comparison_pane_get_winner (stored), ==, i == 1);
    }
  /* 47 chunks at 200 a second, timed by the history and by the completion. */
  g_assert_cmpfloat_with_epsilon (prism_comparison_pane_get_tokens_per_second (prism_comparison_run_get_pane (reopened, 1)),
                                  prism_comparison_pane_get_tokens_per_second (prism_comparison_run_get_pane (run, 1)),
                                  0.2 * prism_comparison_pane_get_tokens_per_second (prism_comparison_run_get_pane (run, 1)));
  g_assert_cmpfloat_with_epsilon (prism_comparison_pane_get_cost (prism_comparison_run_get_pane (reopened, 0), NULL),
                                  prism_comparison_pane_get_cost (prism_comparison_run_get_pane (run, 0), NULL), 1e-12);
  g_assert_true (isnan (prism_comparison_pane_get_cost (prism_comparison_run_get_pane (reopened, 1), NULL)));

  /* A failed pane reopened can be asked again, with what was asked then. */
  failed = new_run (fixture, "fail then work", failing);
  start_and_wait (failed);
  g_clear_object (&reopened);
  reopened = prism_comparison_run_new_from_history (fixture->client, fixture->store,
                                                    prism_comparison_run_get_conversation_id (failed),
                                                    prism_comparison_run_get_comparison_id (failed), &error);
  g_assert_no_error (error);
  g_assert_cmpint (prism_comparison_pane_get_status (prism_comparison_run_get_pane (reopened, 1)), ==,
                   PRISM_COMPLETION_ERROR);
  g_assert_nonnull (strstr (prism_comparison_pane_get_error_message (prism_comparison_run_get_pane (reopened, 1)),
                            "HTTP 503"));
  g_assert_true (prism_comparison_run_retry (reopened, prism_comparison_run_get_pane (reopened, 1), &error));
  g_assert_no_error (error);
  wait_until_done (reopened);
  g_assert_cmpint (prism_comparison_pane_get_status (prism_comparison_run_get_pane (reopened, 1)), ==,
                   PRISM_COMPLETION_COMPLETE);
  {
    g_autoptr(JsonNode) body = prism_fake_provider_dup_last_request_json (fixture->fake);
    JsonArray *messages = json_object_get_array_member (json_node_get_object (body), "messages");

    g_assert_cmpuint (json_array_get_length (messages), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 0), "content"), ==,
                     "fail then work");
  }

  /* Not a comparison of that conversation. */
  g_clear_object (&reopened);
  reopened = prism_comparison_run_new_from_history (fixture->client, fixture->store,
                                                    prism_comparison_run_get_conversation_id (failed),
                                                    prism_comparison_run_get_comparison_id (run), &error);
  g_assert_null (reopened);
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_STORE);
}

static void
count_items_changed (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *count)
{
  g_assert_cmpuint (removed, ==, 0);
  *count += added;
}

static void
test_fuse (Fixture       *fixture,
           gconstpointer  data)
{
  const char *models[] = { "openai:priced-a", "openai:markdown", "openai:error=500", NULL };
  g_autoptr(PrismComparisonRun) run = new_run (fixture, "merge us", models);
  g_autoptr(PrismConversation) conversation = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  PrismComparisonPane *fusion;
  PrismComparisonPane *first = NULL, *second = NULL;
  JsonArray *messages;
  const char *asked;
  guint added = 0;

  g_signal_connect (run, "items-changed", G_CALLBACK (count_items_changed), &added);

  /* Not before the answers are in. */
  g_assert_null (prism_comparison_run_fuse (run, "openai:priced-b", &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_clear_error (&error);

  start_and_wait (run);
  g_assert_null (prism_comparison_run_fuse (run, "nowhere:model", &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_clear_error (&error);
  g_assert_cmpuint (added, ==, 0);

  fusion = prism_comparison_run_fuse (run, "openai:priced-b", &error);
  g_assert_no_error (error);
  g_assert_nonnull (fusion);
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (run)), ==, 4);
  g_assert_true (prism_comparison_run_get_pane (run, 3) == fusion);
  g_assert_cmpuint (prism_comparison_pane_get_index (fusion), ==, 3);
  g_assert_true (prism_comparison_pane_get_fusion (fusion));
  g_assert_false (prism_comparison_pane_get_fusion (prism_comparison_run_get_pane (run, 0)));
  g_assert_true (prism_comparison_run_get_running (run));
  wait_until_done (run);

  g_assert_cmpint (prism_comparison_pane_get_status (fusion), ==, PRISM_COMPLETION_COMPLETE);
  g_assert_false (isnan (prism_comparison_pane_get_cost (fusion, NULL)));

  /* What the merging model was asked: the instructions, then the
   * question and every answer with text, the failed one left out. */
  body = prism_fake_provider_dup_last_request_json (fixture->fake);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (body), "model"), ==, "priced-b");
  messages = json_object_get_array_member (json_node_get_object (body), "messages");
  g_assert_cmpuint (json_array_get_length (messages), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 0), "role"), ==, "system");
  asked = json_object_get_string_member (json_array_get_object_element (messages, 1), "content");
  g_assert_true (g_str_has_prefix (asked, "Question:\n\nmerge us\n"));
  g_assert_nonnull (strstr (asked, "Answer 1 (openai:priced-a):"));
  g_assert_nonnull (strstr (asked, prism_comparison_pane_get_content (prism_comparison_run_get_pane (run, 0))));
  g_assert_nonnull (strstr (asked, "Answer 2 (openai:markdown):"));
  g_assert_nonnull (strstr (asked, "# Fake answer"));
  g_assert_null (strstr (asked, "Answer 3"));

  /* Marked in the summary; not in the estimate of the fan-out. */
  {
    g_autofree char *markdown = prism_comparison_run_format_summary (run, PRISM_COMPARISON_SUMMARY_MARKDOWN);
    g_autofree char *csv = prism_comparison_run_format_summary (run, PRISM_COMPARISON_SUMMARY_CSV);
    guint n_unknown;

    g_assert_nonnull (strstr (markdown, "| openai:priced-b (merged) |"));
    g_assert_true (g_str_has_suffix (csv, ",1\r\n"));
    prism_comparison_run_estimate_cost (run, &n_unknown);
    g_assert_cmpuint (n_unknown, ==, 2);
  }

  /* Kept in the history as another answer of the comparison. */
  conversation = prism_store_get_conversation (fixture->store, prism_comparison_run_get_conversation_id (run), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (prism_conversation_find_message (conversation, prism_comparison_pane_get_message_id (fusion))->comparison_id,
                   ==, prism_comparison_run_get_comparison_id (run));

  /* Not one model's own answer: no votes for it, no blind pair with it. */
  g_assert_false (prism_comparison_run_vote_winner (run, fusion, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_clear_error (&error);
  for (guint i = 0; i < 10; i++)
    {
      g_assert_true (prism_comparison_run_pick_blind_pair (run, &first, &second));
      g_assert_true (first != fusion && second != fusion);
    }
}

static void
test_votes (Fixture       *fixture,
            gconstpointer  data)
{
  const char *models[] = { "openai:echo", "openai:markdown", "openai:echo+tokens=3", NULL };
  g_autoptr(PrismComparisonRun) run = new_run (fixture, "vote for me", models);
  g_autoptr(PrismConversation) conversation = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;
  PrismComparisonPane *first = NULL, *second = NULL;
  PrismComparison *comparison;
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PrismStore) imported = NULL;
  guint n_imported = 0;

  g_assert_false (prism_comparison_run_vote_winner (run, prism_comparison_run_get_pane (run, 0), &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_clear_error (&error);

  start_and_wait (run);

  g_assert_true (prism_comparison_run_vote_winner (run, prism_comparison_run_get_pane (run, 0), &error));
  g_assert_no_error (error);
  /* Changed their mind: the second vote stands. */
  g_assert_true (prism_comparison_run_vote_winner (run, prism_comparison_run_get_pane (run, 1), &error));
  g_assert_no_error (error);
  g_assert_false (prism_comparison_pane_get_winner (prism_comparison_run_get_pane (run, 0)));
  g_assert_true (prism_comparison_pane_get_winner (prism_comparison_run_get_pane (run, 1)));

  g_assert_true (prism_comparison_run_pick_blind_pair (run, &first, &second));
  g_assert_true (first != second);
  g_assert_true (prism_comparison_run_vote_pair (run, first, second, &error));
  g_assert_no_error (error);

  conversation = prism_store_get_conversation (fixture->store, prism_comparison_run_get_conversation_id (run), &error);
  g_assert_no_error (error);
  comparison = g_ptr_array_index (conversation->comparisons, 0);
  g_assert_cmpuint (comparison->votes, ==, 3);
  /* A blind vote does not make a winner of the comparison. */
  g_assert_cmpstr (comparison->winner_id, ==, prism_comparison_pane_get_message_id (prism_comparison_run_get_pane (run, 1)));

  /* The standing winner beats the two others; the blind vote is one more. */
  matches = prism_store_list_vote_matches (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (matches->len, ==, 3);
  for (guint i = 0; i < 2; i++)
    {
      PrismVoteMatch *match = g_ptr_array_index (matches, i);

      g_assert_cmpstr (match->winner, ==, "openai:markdown");
      g_assert_false (match->tie);
    }
  g_assert_cmpstr (((PrismVoteMatch *)g_ptr_array_index (matches, 2))->winner, ==,
                   prism_comparison_pane_get_model (first));
  g_assert_cmpstr (((PrismVoteMatch *)g_ptr_array_index (matches, 2))->loser, ==,
                   prism_comparison_pane_get_model (second));

  /* A tie as the last winner vote makes every pair even. */
  g_assert_true (prism_comparison_run_vote_winner (run, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&matches, g_ptr_array_unref);
  matches = prism_store_list_vote_matches (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (matches->len, ==, 4);
  for (guint i = 0; i < 3; i++)
    g_assert_true (((PrismVoteMatch *)g_ptr_array_index (matches, i))->tie);

  /* A blind vote must name two of the comparison's answers. */
  g_assert_false (prism_store_vote_pair (fixture->store, prism_comparison_run_get_comparison_id (run),
                                         prism_comparison_run_get_prompt_id (run),
                                         prism_comparison_pane_get_message_id (first), &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_STORE);
  g_clear_error (&error);

  /* Blind votes travel through export and import. */
  json = prism_store_export_json (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (json, "\"loser_id\""));
  path = g_build_filename (fixture->dir, "imported.db", NULL);
  imported = prism_store_open (path, &error);
  g_assert_no_error (error);
  prism_store_import_json (imported, json, -1, &n_imported, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 1);
  g_clear_pointer (&matches, g_ptr_array_unref);
  matches = prism_store_list_vote_matches (imported, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (matches->len, ==, 4);
}

static PrismVoteMatch *
match_new (const char *winner,
           const char *loser,
           gboolean    tie)
{
  PrismVoteMatch *match = g_new0 (PrismVoteMatch, 1);

  match->winner = g_strdup (winner);
  match->loser = g_strdup (loser);
  match->tie = tie;

  return match;
}

static void
match_free (PrismVoteMatch *match)
{
  g_free (match->winner);
  g_free (match->loser);
  g_free (match);
}

static PrismLeaderboardRow *
find_row (GPtrArray  *rows,
          const char *model)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (((PrismLeaderboardRow *)g_ptr_array_index (rows, i))->model, model))
      return g_ptr_array_index (rows, i);

  g_assert_not_reached ();
}

static void
test_leaderboard (void)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func ((GDestroyNotify)match_free);
  g_autoptr(GPtrArray) rows = NULL;
  PrismLeaderboardRow *a, *b, *c;
  /* The root of a³ − a² − 2 = 0; see below. */
  const double one_win = 1.695620769559862;

  rows = prism_leaderboard_compute (matches);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* One win of A over B. With the virtual win and loss of each against
   * a reference of strength 1, the strengths are a and 1/a where
   * 2/(1 + a) + 1/(1 + a²) = 1, that is a³ − a² − 2 = 0. */
  g_ptr_array_add (matches, match_new ("m:a", "m:b", FALSE));
  rows = prism_leaderboard_compute (matches);
  g_assert_cmpuint (rows->len, ==, 2);
  a = g_ptr_array_index (rows, 0);
  b = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (a->model, ==, "m:a");
  g_assert_cmpfloat_with_epsilon (a->rating, 1000 + 400 * log10 (one_win), 1e-6);
  g_assert_cmpfloat_with_epsilon (b->rating, 1000 - 400 * log10 (one_win), 1e-6);
  g_assert_cmpuint (a->wins, ==, 1);
  g_assert_cmpuint (a->losses, ==, 0);
  g_assert_cmpuint (b->losses, ==, 1);
  g_assert_cmpuint (a->votes, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Even results and ties: even ratings. */
  g_ptr_array_add (matches, match_new ("m:b", "m:a", FALSE));
  g_ptr_array_add (matches, match_new ("m:a", "m:b", TRUE));
  rows = prism_leaderboard_compute (matches);
  g_assert_cmpfloat_with_epsilon (find_row (rows, "m:a")->rating, 1000, 1e-6);
  g_assert_cmpfloat_with_epsilon (find_row (rows, "m:b")->rating, 1000, 1e-6);
  g_assert_cmpuint (find_row (rows, "m:a")->ties, ==, 1);
  g_assert_cmpuint (find_row (rows, "m:b")->votes, ==, 3);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* A beats B and B beats C, often: A > B > C, and the strengths are the
   * maximum-likelihood ones: each model's wins equal its expected wins. */
  g_ptr_array_set_size (matches, 0);
  for (guint i = 0; i < 6; i++)
    {
      g_ptr_array_add (matches, match_new ("m:a", "m:b", FALSE));
      g_ptr_array_add (matches, match_new ("m:b", "m:c", FALSE));
    }
  g_ptr_array_add (matches, match_new ("m:b", "m:a", FALSE));
  g_ptr_array_add (matches, match_new ("m:c", "m:a", FALSE));
  rows = prism_leaderboard_compute (matches);
  a = find_row (rows, "m:a");
  b = find_row (rows, "m:b");
  c = find_row (rows, "m:c");
  g_assert_true (g_ptr_array_index (rows, 0) == a);
  g_assert_true (g_ptr_array_index (rows, 1) == b);
  g_assert_true (g_ptr_array_index (rows, 2) == c);
  g_assert_cmpuint (a->votes, ==, 8);
  g_assert_cmpuint (b->wins, ==, 7);
  g_assert_cmpuint (c->losses, ==, 6);

  {
    PrismLeaderboardRow *all[] = { a, b, c };
    double strength[3];
    double games[3][3] = { { 0, 7, 1 }, { 7, 0, 6 }, { 1, 6, 0 } };
    double wins[3] = { 6, 7, 1 };

    for (guint i = 0; i < 3; i++)
      strength[i] = pow (10, (all[i]->rating - 1000) / 400);

    for (guint i = 0; i < 3; i++)
      {
        double expected = 2 * strength[i] / (strength[i] + 1);

        for (guint j = 0; j < 3; j++)
          if (j != i)
            expected += games[i][j] * strength[i] / (strength[i] + strength[j]);

        g_assert_cmpfloat_with_epsilon (expected, wins[i] + 1, 1e-6);
      }
  }
}

static char *
describe_diff (GPtrArray *spans)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < spans->len; i++)
    {
      PrismDiffSpan *span = g_ptr_array_index (spans, i);
      const char *mark[] = { "=", "-", "+" };

      g_string_append_printf (out, "%s[%s]", mark[span->op], span->text);
    }

  return g_string_free (out, FALSE);
}

static void
test_word_diff (void)
{
  const struct {
    const char *first;
    const char *second;
    const char *expected;
  } cases[] = {
    { "the quick brown fox", "the slow brown fox jumps", "=[the ]-[quick ]+[slow ]=[brown fox ]+[jumps]" },
    { "same words here", "same words here", "=[same words here]" },
    { "", "all new", "+[all new]" },
    { "all gone", "", "-[all gone]" },
    { "", "", "" },
    /* A word at the end of a line is the same word. */
    { "one two\nthree", "one two three", "=[one two three]" },
    { "a b c d e", "a x c y e", "=[a ]-[b ]+[x ]=[c ]-[d ]+[y ]=[e]" },
    { "ünïcode ✓ 你好", "ünïcode ✗ 你好", "=[ünïcode ]-[✓ ]+[✗ ]=[你好]" },
  };
  g_autoptr(GPtrArray) cut = NULL;
  g_autofree char *cut_described = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) spans = prism_word_diff (cases[i].first, cases[i].second);
      g_autofree char *described = describe_diff (spans);
      g_autoptr(GString) second = g_string_new (NULL);

      g_assert_cmpstr (described, ==, cases[i].expected);
      for (guint j = 0; j < spans->len; j++)
        {
          PrismDiffSpan *span = g_ptr_array_index (spans, j);

          if (span->op != PRISM_DIFF_DELETE)
            g_string_append (second, span->text);
        }
      g_assert_cmpstr (second->str, ==, cases[i].second);
    }

  /* The second cut short: its last word keeps the first's space, so the
   * words deleted after it do not run into it. */
  cut = prism_word_diff ("one two three four", "one two");
  cut_described = describe_diff (cut);
  g_assert_cmpstr (cut_described, ==, "=[one two ]-[three four]");

  /* Past the table's limit, the differing middle is replaced whole. */
  {
    g_autoptr(GString) first = g_string_new ("start ");
    g_autoptr(GString) second = g_string_new ("start ");
    g_autoptr(GPtrArray) spans = NULL;

    for (guint i = 0; i < 2500; i++)
      {
        g_string_append_printf (first, "a%u ", i);
        g_string_append_printf (second, "b%u ", i);
      }
    g_string_append (first, "end");
    g_string_append (second, "end");
    spans = prism_word_diff (first->str, second->str);
    g_assert_cmpuint (spans->len, ==, 4);
    g_assert_cmpint (((PrismDiffSpan *)g_ptr_array_index (spans, 1))->op, ==, PRISM_DIFF_DELETE);
    g_assert_cmpint (((PrismDiffSpan *)g_ptr_array_index (spans, 2))->op, ==, PRISM_DIFF_INSERT);
    g_assert_cmpstr (((PrismDiffSpan *)g_ptr_array_index (spans, 3))->text, ==, "end");
  }
}

static void
test_summary (Fixture       *fixture,
              gconstpointer  data)
{
  const char *models[] = { "openai:priced-a", "openai:error=500", NULL };
  g_autoptr(PrismComparisonRun) run = new_run (fixture, "tabulate", models);
  g_autofree char *markdown = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) fields = NULL;

  start_and_wait (run);

  markdown = prism_comparison_run_format_summary (run, PRISM_COMPARISON_SUMMARY_MARKDOWN);
  lines = g_strsplit (markdown, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_true (g_str_has_prefix (lines[0], "| Model |"));
  g_assert_true (g_str_has_prefix (lines[2], "| openai:priced-a | "));
  g_assert_nonnull (strstr (lines[2], "| stop |"));
  g_assert_nonnull (strstr (lines[2], "| $0.0000"));
  g_assert_true (g_str_has_prefix (lines[3], "| openai:error=500 | — |"));
  g_assert_nonnull (strstr (lines[3], "| error |"));
  g_clear_pointer (&lines, g_strfreev);

  csv = prism_comparison_run_format_summary (run, PRISM_COMPARISON_SUMMARY_CSV);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[0], ==, "model,status,finish_reason,ttft_ms,tokens_per_second,input_tokens,"
                                 "output_tokens,cached_input_tokens,cost_usd,latency_ms,merged");
  fields = g_strsplit (lines[1], ",", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 11);
  g_assert_cmpstr (fields[10], ==, "0");
  g_assert_cmpstr (fields[0], ==, "openai:priced-a");
  g_assert_cmpstr (fields[1], ==, "complete");
  g_assert_cmpstr (fields[2], ==, "stop");
  g_assert_cmpint (g_ascii_strtoll (fields[5], NULL, 10), ==,
                   prism_completion_get_usage (pane_completion (run, 0))->input_tokens);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (fields[8], NULL),
                                  prism_completion_get_cost (pane_completion (run, 0), NULL), 1e-8);
  g_clear_pointer (&fields, g_strfreev);
  fields = g_strsplit (lines[2], ",", -1);
  g_assert_cmpstr (fields[1], ==, "error");
  g_assert_cmpstr (fields[3], ==, "");
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  const char *one[] = { "openai:echo", NULL };
  const char *seven[] = { "openai:a", "openai:b", "openai:c", "openai:d", "openai:e", "openai:f", "openai:g", NULL };
  const char *unknown[] = { "openai:echo", "nowhere:model", NULL };
  const char *two[] = { "openai:echo", "openai:echo", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_null (prism_comparison_run_new (fixture->client, fixture->store, NULL, "hi", one, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_clear_error (&error);
  g_assert_null (prism_comparison_run_new (fixture->client, fixture->store, NULL, "hi", seven, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_clear_error (&error);
  g_assert_null (prism_comparison_run_new (fixture->client, fixture->store, NULL, "hi", unknown, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_clear_error (&error);
  g_assert_null (prism_comparison_run_new (fixture->client, fixture->store, NULL, "  \n", two, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_clear_error (&error);
  g_assert_null (prism_comparison_run_new (fixture->client, fixture->store, "no-such-conversation", "hi", two, &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_STORE);
  g_clear_error (&error);
  g_assert_cmpuint (prism_fake_provider_get_request_count (fixture->fake), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/prism/comparison/speeds", test_speeds);
  ADD ("/prism/comparison/one-fails", test_one_fails);
  ADD ("/prism/comparison/retry", test_retry);
  ADD ("/prism/comparison/stop-one", test_stop_one);
  ADD ("/prism/comparison/stop-all", test_stop_all);
  ADD ("/prism/comparison/cost", test_cost);
  ADD ("/prism/comparison/history", test_history);
  ADD ("/prism/comparison/reopen", test_reopen);
  ADD ("/prism/comparison/votes", test_votes);
  ADD ("/prism/comparison/fuse", test_fuse);
  ADD ("/prism/comparison/summary", test_summary);
  ADD ("/prism/comparison/bad-input", test_bad_input);
  g_test_add_func ("/prism/comparison/leaderboard", test_leaderboard);
  g_test_add_func ("/prism/comparison/word-diff", test_word_diff);

#undef ADD

  return g_test_run ();
}
