/* test-cli-ask.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "prism-test-cli.h"
#include "prism-test-keys.h"

/* The real prism-cli, run as a person runs it, against the fake provider
 * served from this process's main loop; the history it writes is then
 * read back through PrismStore.
 */

static void
test_stream_one (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *args[] = { "ask", "-m", "openai:echo", "hello from a script", NULL };
  g_auto(Run) run = { 0 };
  g_autofree char *expected = prism_fake_provider_reply_for ("hello from a script");
  g_autofree char *line = g_strconcat (expected, "\n", NULL);
  g_autoptr(PrismStore) store = NULL;
  g_autoptr(GPtrArray) conversations = NULL;
  g_autoptr(PrismConversation) conversation = NULL;
  g_autoptr(GError) error = NULL;
  PrismMessage *answer;

  run_cli (fixture, args, &run);
  g_assert_cmpint (run.status, ==, 0);
  /* Standard output holds the answer alone; the summary is on stderr. */
  g_assert_cmpstr (run.out, ==, line);
  g_assert_nonnull (strstr (run.err, "4 in"));
  g_assert_nonnull (strstr (run.err, "first token"));

  /* The request is in the history, like one made in the window. */
  store = open_history (fixture);
  conversations = prism_store_list_conversations (store, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conversations->len, ==, 1);
  conversation = prism_store_get_conversation (store, ((PrismConversation *)g_ptr_array_index (conversations, 0))->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (conversation->title, ==, "hello from a script");
  g_assert_cmpuint (conversation->messages->len, ==, 2);
  g_assert_cmpstr (((PrismMessage *)g_ptr_array_index (conversation->messages, 0))->role, ==, "user");
  answer = g_ptr_array_index (conversation->messages, 1);
  g_assert_cmpstr (answer->role, ==, "assistant");
  g_assert_cmpstr (answer->content, ==, expected);
  g_assert_cmpint (answer->status, ==, PRISM_MESSAGE_STATUS_COMPLETE);
  g_assert_cmpint (answer->usage.input_tokens, ==, 4);
  g_assert_nonnull (answer->attempts);
  g_assert_cmpuint (answer->attempts->len, ==, 1);
  g_assert_cmpuint (((PrismAttempt *)g_ptr_array_index (answer->attempts, 0))->http_status, ==, 200);
}

static void
test_json_one (Fixture       *fixture,
               gconstpointer  data)
{
  const char *args[] = { "ask", "--json", "-m", "openrouter:acme/model-x", "price me", NULL };
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object, *usage, *attempt;
  JsonArray *attempts;

  run_cli (fixture, args, &run);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  object = json_node_get_object (root);

  g_assert_cmpstr (json_object_get_string_member (object, "model"), ==, "openrouter:acme/model-x");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "served_by"), "openrouter:"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "content"), "Echo: price me"));
  g_assert_true (json_object_get_null_member (object, "reasoning"));
  g_assert_cmpstr (json_object_get_string_member (object, "finish_reason"), ==, "stop");
  usage = json_object_get_object_member (object, "usage");
  g_assert_cmpint (json_object_get_int_member (usage, "input_tokens"), ==, 2);
  g_assert_true (json_object_has_member (usage, "cached_input_tokens"));
  g_assert_true (json_object_has_member (usage, "cache_write_tokens"));
  g_assert_true (json_object_has_member (usage, "reasoning_tokens"));
  g_assert_cmpint (json_object_get_int_member (usage, "output_tokens"), >, 0);
  g_assert_cmpfloat (json_object_get_double_member (object, "cost_usd"), >, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "cost_source"), ==, "provider");
  g_assert_cmpfloat (json_object_get_double_member (object, "ttft_ms"), >=, 0);
  g_assert_cmpfloat (json_object_get_double_member (object, "latency_ms"), >=,
                     json_object_get_double_member (object, "ttft_ms"));
  attempts = json_object_get_array_member (object, "attempts");
  g_assert_cmpuint (json_array_get_length (attempts), ==, 1);
  attempt = json_array_get_object_element (attempts, 0);
  g_assert_cmpint (json_object_get_int_member (attempt, "status"), ==, 200);
  g_assert_true (json_object_get_null_member (attempt, "error"));
  g_assert_true (json_object_get_null_member (object, "error"));
  g_assert_nonnull (json_object_get_string_member (object, "conversation_id"));
  g_assert_nonnull (json_object_get_string_member (object, "message_id"));
}

static void
test_json_several (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *args[] = { "ask", "--json", "-m", "anthropic:slow+rate=50", "-m", "openai:fast",
                         "-m", "openai:broken+error=401", "side by side", NULL };
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(PrismStore) store = NULL;
  g_autoptr(PrismConversation) conversation = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  JsonObject *failed, *err;

  run_cli (fixture, args, &run);
  /* One of the three failed. */
  g_assert_cmpint (run.status, ==, 1);
  root = parse_json (run.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  /* In the order the models were given, not the order they ended. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "model"), ==, "anthropic:slow+rate=50");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1), "model"), ==, "openai:fast");
  failed = json_array_get_object_element (array, 2);
  err = json_object_get_object_member (failed, "error");
  g_assert_cmpstr (json_object_get_string_member (err, "kind"), ==, "auth");
  g_assert_cmpint (json_object_get_int_member (err, "status"), ==, 401);
  g_assert_null (strstr (run.out, PRISM_FAKE_PROVIDER_KEY));
  g_assert_null (strstr (run.err, PRISM_FAKE_PROVIDER_KEY));

  /* One conversation holds the comparison, listing every model. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "conversation_id"), ==,
                   json_object_get_string_member (failed, "conversation_id"));
  store = open_history (fixture);
  conversation = prism_store_get_conversation (store, json_object_get_string_member (failed, "conversation_id"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (conversation->models), ==, 3);
  g_assert_cmpuint (conversation->messages->len, ==, 4);
  g_assert_nonnull (conversation->comparisons);
  g_assert_cmpuint (conversation->comparisons->len, ==, 1);
}

static void
test_several_text (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *args[] = { "ask", "-m", "openai:one", "-m", "gemini:two", "two panes", NULL };
  g_auto(Run) run = { 0 };

  run_cli (fixture, args, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "── openai:one ──\nEcho: two panes"));
  g_assert_nonnull (strstr (run.out, "── gemini:two ──\nEcho: two panes"));
  g_assert_nonnull (strstr (run.out, "first token"));
}

static void
test_stdin (Fixture       *fixture,
            gconstpointer  data)
{
  const char *args[] = { "ask", "-m", "anthropic:echo", "-", NULL };
  g_auto(Run) run = { 0 };

  run_cli_full (fixture, args, "read from the pipe\n", 0, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Echo: read from the pipe"));
}

static void
test_fallback (Fixture       *fixture,
               gconstpointer  data)
{
  const char *args[] = { "ask", "--json", "-m", "openai:down+error=401", "--fallback", "anthropic:backup",
                         "fall over", NULL };
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *attempts;

  run_cli (fixture, args, &run);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "served_by"), ==, "anthropic:backup");
  attempts = json_object_get_array_member (object, "attempts");
  g_assert_cmpuint (json_array_get_length (attempts), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (attempts, 0), "status"), ==, 401);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (attempts, 1), "status"), ==, 200);
}

static void
test_config_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *unknown[] = { "ask", "-m", "nowhere:model", "hi", NULL };
  const char *no_model[] = { "ask", "hi", NULL };
  const char *no_prompt[] = { "ask", "-m", "openai:x", NULL };
  const char *bad_temperature[] = { "ask", "-m", "openai:x", "--temperature", "hot", "hi", NULL };
  const char *no_key[] = { "ask", "-m", "ollama:llama", "-m", "groq:llama", "hi", NULL };
  g_auto(Run) run1 = { 0 };
  g_auto(Run) run2 = { 0 };
  g_auto(Run) run3 = { 0 };
  g_auto(Run) run4 = { 0 };
  g_auto(Run) run5 = { 0 };

  run_cli (fixture, unknown, &run1);
  g_assert_cmpint (run1.status, ==, 2);
  g_assert_nonnull (strstr (run1.err, "nowhere"));
  g_assert_nonnull (strstr (run1.err, "openrouter"));

  run_cli (fixture, no_model, &run2);
  g_assert_cmpint (run2.status, ==, 2);
  g_assert_nonnull (strstr (run2.err, "-m"));

  run_cli (fixture, no_prompt, &run3);
  g_assert_cmpint (run3.status, ==, 2);

  run_cli (fixture, bad_temperature, &run4);
  g_assert_cmpint (run4.status, ==, 2);
  g_assert_nonnull (strstr (run4.err, "hot"));

  /* Groq has no key here: nothing is sent, not even to Ollama. */
  run_cli (fixture, no_key, &run5);
  g_assert_cmpint (run5.status, ==, 2);
  g_assert_nonnull (strstr (run5.err, "GROQ_API_KEY"));
  g_assert_nonnull (strstr (run5.err, "prism-cli keys set groq"));

  g_assert_cmpuint (prism_fake_provider_get_request_count (fixture->fake), ==, 0);
}

static void
test_interrupt_keeps_partial (Fixture       *fixture,
                              gconstpointer  data)
{
  const char *args[] = { "ask", "--json", "-m", "openai:endless+endless+rate=100", "never stops", NULL };
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(PrismStore) store = NULL;
  g_autoptr(PrismConversation) conversation = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  PrismMessage *answer;
  const char *content;

  run_cli_full (fixture, args, NULL, 800, &run);
  g_assert_cmpint (run.status, ==, 1);
  root = parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "error"), "kind"), ==, "cancelled");
  content = json_object_get_string_member (object, "content");
  g_assert_cmpuint (strlen (content), >, 0);

  /* What arrived is in the history, marked cancelled, word for word. */
  store = open_history (fixture);
  conversation = prism_store_get_conversation (store, json_object_get_string_member (object, "conversation_id"), &error);
  g_assert_no_error (error);
  answer = g_ptr_array_index (conversation->messages, 1);
  g_assert_cmpint (answer->status, ==, PRISM_MESSAGE_STATUS_CANCELLED);
  g_assert_cmpstr (answer->content, ==, content);
}

static void
test_continue_conversation (Fixture       *fixture,
                            gconstpointer  data)
{
  const char *first[] = { "ask", "--json", "-m", "openai:echo", "first question", NULL };
  g_auto(Run) run1 = { 0 };
  g_auto(Run) run2 = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) sent = NULL;
  g_autofree char *id = NULL;
  JsonArray *messages;

  run_cli (fixture, first, &run1);
  g_assert_cmpint (run1.status, ==, 0);
  root = parse_json (run1.out);
  id = g_strdup (json_object_get_string_member (json_node_get_object (root), "conversation_id"));

  {
    const char *second[] = { "ask", "-m", "openai:echo", "--conversation", id, "second question", NULL };

    run_cli (fixture, second, &run2);
  }
  g_assert_cmpint (run2.status, ==, 0);

  /* The model saw the whole conversation: question, answer, question. */
  sent = prism_fake_provider_dup_last_request_json (fixture->fake);
  messages = json_object_get_array_member (json_node_get_object (sent), "messages");
  g_assert_cmpuint (json_array_get_length (messages), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 0), "role"), ==, "user");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 1), "role"), ==, "assistant");
}

static void
test_no_key_in_files (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *wrong_key = "sk-wrong-0123456789abcdefSECRET";
  const char *ask_args[] = { "ask", "--json", "-m", "openai:echo", "keep my secret", NULL };
  const char *models_args[] = { "models", "--refresh", NULL };
  const char *dirs[] = { fixture->home, NULL };
  g_auto(Run) refused = { 0 };
  g_auto(Run) answered = { 0 };
  g_auto(Run) listed = { 0 };
  g_autofree char *found = NULL;
  guint n_files = 0;

  /* A refused key, whose error the provider echoes in part, is stored
   * in the history's error text; the key itself never is.
   */
  fixture->env = g_environ_setenv (fixture->env, "OPENAI_API_KEY", wrong_key, TRUE);
  run_cli (fixture, ask_args, &refused);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_null (strstr (refused.out, wrong_key));
  g_assert_null (strstr (refused.err, wrong_key));

  fixture->env = g_environ_setenv (fixture->env, "OPENAI_API_KEY", PRISM_FAKE_PROVIDER_KEY, TRUE);
  run_cli (fixture, ask_args, &answered);
  g_assert_cmpint (answered.status, ==, 0);
  run_cli (fixture, models_args, &listed);
  g_assert_cmpint (listed.status, ==, 0);

  /* Every file Prism wrote: the history (and its WAL), the catalog
   * cache, providers.ini.
   */
  found = prism_test_find_in_files (wrong_key, dirs, &n_files);
  g_assert_null (found);
  g_assert_cmpuint (n_files, >=, 3);
  found = prism_test_find_in_files (PRISM_FAKE_PROVIDER_KEY, dirs, &n_files);
  g_assert_null (found);
}

static void
test_each_protocol (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *providers[] = { "openai", "openrouter", "anthropic", "gemini", "ollama" };
  g_autoptr(PrismStore) store = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    {
      g_autofree char *good = g_strdup_printf ("%s:echo", providers[i]);
      g_autofree char *bad = g_strdup_printf ("%s:echo+error=401", providers[i]);
      g_autofree char *expected = prism_fake_provider_reply_for ("one protocol after another");
      const char *good_args[] = { "ask", "--json", "-m", good, "one protocol after another", NULL };
      const char *bad_args[] = { "ask", "--json", "-m", bad, "refused", NULL };
      g_auto(Run) ok_run = { 0 };
      g_auto(Run) failed_run = { 0 };
      g_autoptr(JsonNode) ok_root = NULL;
      g_autoptr(JsonNode) failed_root = NULL;
      g_autoptr(PrismConversation) ok_conversation = NULL;
      g_autoptr(PrismConversation) failed_conversation = NULL;
      JsonObject *object, *err;
      PrismMessage *answer;

      g_test_message ("%s", providers[i]);
      run_cli (fixture, good_args, &ok_run);
      g_assert_cmpint (ok_run.status, ==, 0);
      ok_root = parse_json (ok_run.out);
      object = json_node_get_object (ok_root);
      g_assert_cmpstr (json_object_get_string_member (object, "content"), ==, expected);
      g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "usage"), "input_tokens"), ==, 4);
      g_assert_cmpstr (json_object_get_string_member (object, "finish_reason"), ==, "stop");
      g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "served_by"), providers[i]));

      run_cli (fixture, bad_args, &failed_run);
      g_assert_cmpint (failed_run.status, ==, 1);
      failed_root = parse_json (failed_run.out);
      err = json_object_get_object_member (json_node_get_object (failed_root), "error");
      g_assert_cmpstr (json_object_get_string_member (err, "kind"), ==, "auth");
      g_assert_cmpint (json_object_get_int_member (err, "status"), ==, 401);

      /* Both are in the history: the answer complete, the refusal an error. */
      g_clear_object (&store);
      store = open_history (fixture);
      ok_conversation = prism_store_get_conversation (store, json_object_get_string_member (object, "conversation_id"), &error);
      g_assert_no_error (error);
      answer = g_ptr_array_index (ok_conversation->messages, 1);
      g_assert_cmpint (answer->status, ==, PRISM_MESSAGE_STATUS_COMPLETE);
      g_assert_cmpstr (answer->content, ==, expected);
      g_assert_cmpint (answer->usage.output_tokens, >, 0);

      failed_conversation = prism_store_get_conversation (store, json_object_get_string_member (json_node_get_object (failed_root), "conversation_id"), &error);
      g_assert_no_error (error);
      answer = g_ptr_array_index (failed_conversation->messages, 1);
      g_assert_cmpint (answer->status, ==, PRISM_MESSAGE_STATUS_ERROR);
      g_assert_nonnull (answer->error);
      g_assert_cmpuint (((PrismAttempt *)g_ptr_array_index (answer->attempts, 0))->http_status, ==, 401);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/prism/cli/ask/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("each-protocol", test_each_protocol);
  ADD ("stream-one", test_stream_one);
  ADD ("json-one", test_json_one);
  ADD ("json-several", test_json_several);
  ADD ("several-text", test_several_text);
  ADD ("stdin", test_stdin);
  ADD ("fallback", test_fallback);
  ADD ("config-errors", test_config_errors);
  ADD ("interrupt", test_interrupt_keeps_partial);
  ADD ("continue", test_continue_conversation);
  ADD ("no-key-in-files", test_no_key_in_files);

#undef ADD

  return g_test_run ();
}
