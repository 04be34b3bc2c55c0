/* test-cli-history.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "prism-test-cli.h"

/* prism-cli models, history, show, spend, export and import, on a
 * history written by real `ask` runs.
 */

static void
ask (Fixture    *fixture,
     const char *model,
     const char *other_model,
     const char *prompt)
{
  const char *one[] = { "ask", "-m", model, prompt, NULL };
  const char *two[] = { "ask", "-m", model, "-m", other_model, prompt, NULL };
  g_auto(Run) run = { 0 };

  run_cli (fixture, other_model ? two : one, &run);
  g_assert_cmpint (run.status, ==, 0);
}

static JsonNode *
run_json (Fixture            *fixture,
          const char * const *args)
{
  g_auto(Run) run = { 0 };

  run_cli (fixture, args, &run);
  g_assert_cmpint (run.status, ==, 0);

  return parse_json (run.out);
}

static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  const char *empty_args[] = { "history", "--json", NULL };
  const char *list_args[] = { "history", "--json", NULL };
  const char *search_args[] = { "history", "--json", "--search", "zeppelin", NULL };
  const char *table_args[] = { "history", NULL };
  g_autoptr(JsonNode) empty = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) found = NULL;
  g_auto(Run) table = { 0 };
  JsonArray *array;
  JsonObject *newest;

  empty = run_json (fixture, empty_args);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (empty)), ==, 0);

  ask (fixture, "openai:echo", NULL, "tell me about a zeppelin");
  ask (fixture, "anthropic:claude-sonnet-4-5", "openai:gpt-4o", "compare these please");

  list = run_json (fixture, list_args);
  array = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  newest = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (newest, "title"), ==, "compare these please");
  g_assert_cmpint (json_object_get_int_member (newest, "messages"), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (newest, "models")), ==, 2);
  g_assert_nonnull (json_object_get_string_member (newest, "updated_at"));
  /* Sonnet has a bundled price, gpt-4o here none: a known part. */
  g_assert_true (json_object_has_member (newest, "cost_usd"));

  found = run_json (fixture, search_args);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (found)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (found), 0), "title"),
                   ==, "tell me about a zeppelin");

  run_cli (fixture, table_args, &table);
  g_assert_cmpint (table.status, ==, 0);
  g_assert_nonnull (strstr (table.out, "compare these please"));
  g_assert_nonnull (strstr (table.out, "TITLE"));
}

static void
test_show (Fixture       *fixture,
           gconstpointer  data)
{
  const char *list_args[] = { "history", "--json", NULL };
  const char *missing[] = { "show", "no-such-id", NULL };
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_autofree char *id = NULL;
  g_auto(Run) text = { 0 };
  g_auto(Run) markdown = { 0 };
  g_auto(Run) unknown = { 0 };
  JsonArray *messages;
  JsonObject *answer;

  ask (fixture, "openai:echo", NULL, "show me this");
  list = run_json (fixture, list_args);
  id = g_strdup (json_object_get_string_member (json_array_get_object_element (json_node_get_array (list), 0), "id"));

  {
    const char *json_args[] = { "show", "--json", id, NULL };
    const char *text_args[] = { "show", id, NULL };
    const char *markdown_args[] = { "show", "--markdown", id, NULL };

    shown = run_json (fixture, json_args);
    run_cli (fixture, text_args, &text);
    run_cli (fixture, markdown_args, &markdown);
  }

  messages = json_object_get_array_member (json_node_get_object (shown), "messages");
  g_assert_cmpuint (json_array_get_length (messages), ==, 2);
  answer = json_array_get_object_element (messages, 1);
  g_assert_cmpstr (json_object_get_string_member (answer, "role"), ==, "assistant");
  g_assert_cmpstr (json_object_get_string_member (answer, "model"), ==, "openai:echo");
  g_assert_cmpstr (json_object_get_string_member (answer, "status"), ==, "complete");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (answer, "content"), "Echo: show me this"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (answer, "usage"), "input_tokens"), ==, 3);
  g_assert_nonnull (json_object_get_string_member (answer, "created_at"));

  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "Echo: show me this"));
  g_assert_cmpint (markdown.status, ==, 0);
  g_assert_nonnull (strstr (markdown.out, "Echo: show me this"));

  run_cli (fixture, missing, &unknown);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "no-such-id"));
}

static void
test_spend (Fixture       *fixture,
            gconstpointer  data)
{
  const char *by_model[] = { "spend", "--json", NULL };
  const char *by_day[] = { "spend", "--json", "--by", "day", NULL };
  const char *csv[] = { "spend", "--csv", "--by", "provider", NULL };
  const char *future[] = { "spend", "--json", "--since", "2999-01-01", NULL };
  const char *bad_day[] = { "spend", "--since", "yesterday", NULL };
  const char *bad_by[] = { "spend", "--by", "colour", NULL };
  g_autoptr(JsonNode) models = NULL;
  g_autoptr(JsonNode) days = NULL;
  g_autoptr(JsonNode) none = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_auto(Run) csv_run = { 0 };
  g_auto(Run) bad_day_run = { 0 };
  g_auto(Run) bad_by_run = { 0 };
  JsonArray *array;
  gboolean saw_unknown = FALSE, saw_known = FALSE;

  ask (fixture, "anthropic:claude-sonnet-4-5", NULL, "what does this cost");
  ask (fixture, "openai:unpriced-model", NULL, "and this one");

  models = run_json (fixture, by_model);
  array = json_node_get_array (models);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *row = json_array_get_object_element (array, i);

      g_assert_cmpint (json_object_get_int_member (row, "requests"), ==, 1);
      if (g_str_equal (json_object_get_string_member (row, "key"), "openai:unpriced-model"))
        {
          /* Unknown is null, never zero. */
          g_assert_true (json_object_get_null_member (row, "cost_usd"));
          saw_unknown = TRUE;
        }
      else
        {
          g_assert_cmpfloat (json_object_get_double_member (row, "cost_usd"), >, 0);
          saw_known = TRUE;
        }
    }
  g_assert_true (saw_unknown && saw_known);

  days = run_json (fixture, by_day);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (days)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (days), 0), "key"),
                   ==, today);

  run_cli (fixture, csv, &csv_run);
  g_assert_cmpint (csv_run.status, ==, 0);
  g_assert_true (g_str_has_prefix (csv_run.out, "key,requests,"));
  g_assert_nonnull (strstr (csv_run.out, "\nanthropic,1,0,"));
  g_assert_nonnull (strstr (csv_run.out, "\nopenai,1,1,"));

  none = run_json (fixture, future);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (none)), ==, 0);

  run_cli (fixture, bad_day, &bad_day_run);
  g_assert_cmpint (bad_day_run.status, ==, 2);
  run_cli (fixture, bad_by, &bad_by_run);
  g_assert_cmpint (bad_by_run.status, ==, 2);
  g_assert_nonnull (strstr (bad_by_run.err, "colour"));
}

static void
test_export_import (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *export_args[] = { "export", NULL };
  const char *list_args[] = { "history", "--json", NULL };
  g_autofree char *file = g_build_filename (fixture->home, "export.json", NULL);
  g_autofree char *bad = g_build_filename (fixture->home, "bad.json", NULL);
  g_autofree char *fresh_data = g_build_filename (fixture->home, "fresh", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_auto(Run) exported = { 0 };
  g_auto(Run) imported = { 0 };
  g_auto(Run) refused = { 0 };

  ask (fixture, "openai:echo", NULL, "keep this safe");
  ask (fixture, "gemini:echo", "anthropic:echo", "and this comparison");
  before = run_json (fixture, list_args);

  run_cli (fixture, export_args, &exported);
  g_assert_cmpint (exported.status, ==, 0);
  g_file_set_contents (file, exported.out, -1, &error);
  g_assert_no_error (error);

  /* Into an empty history elsewhere. */
  fixture->env = g_environ_setenv (fixture->env, "XDG_DATA_HOME", fresh_data, TRUE);
  {
    const char *import_args[] = { "import", file, NULL };

    run_cli (fixture, import_args, &imported);
  }
  g_assert_cmpint (imported.status, ==, 0);
  g_assert_nonnull (strstr (imported.out, "2"));
  after = run_json (fixture, list_args);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (after)), ==, 2);
  g_assert_true (json_node_equal (json_array_get_element (json_node_get_array (before), 0),
                                  json_array_get_element (json_node_get_array (after), 0)));

  /* A damaged file is refused whole, and the history is as it was. */
  g_file_set_contents (bad, "{\"prism_export\": 1, \"conversations\": [{\"id\": 7}]}", -1, &error);
  g_assert_no_error (error);
  {
    const char *import_args[] = { "import", bad, NULL };

    run_cli (fixture, import_args, &refused);
  }
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.err, "bad.json"));
  g_clear_pointer (&after, json_node_unref);
  after = run_json (fixture, list_args);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (after)), ==, 2);
}

static void
test_models (Fixture       *fixture,
             gconstpointer  data)
{
  const char *refresh[] = { "models", "--json", "--refresh", NULL };
  const char *search[] = { "models", "--json", "--search", "sonnet", NULL };
  const char *unknown[] = { "models", "--provider", "nowhere", NULL };
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(JsonNode) cached = NULL;
  g_auto(Run) unknown_run = { 0 };
  JsonArray *array;
  JsonObject *priced = NULL;
  guint requests;

  /* OpenRouter lists its models to anyone, with prices. */
  fixture->env = g_environ_unsetenv (fixture->env, "OPENROUTER_API_KEY");
  all = run_json (fixture, refresh);
  array = json_node_get_array (all);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *model = json_array_get_object_element (array, i);

      if (g_str_has_prefix (json_object_get_string_member (model, "id"), "openrouter:") &&
          !json_object_get_null_member (model, "input_price"))
        priced = model;
    }
  g_assert_nonnull (priced);
  g_assert_cmpfloat (json_object_get_double_member (priced, "input_price"), >, 0);
  g_assert_true (json_object_has_member (priced, "context_length"));
  g_assert_true (json_object_has_member (priced, "cached_input_price"));

  /* Later runs list from the cache, without asking anyone. */
  requests = prism_fake_provider_get_request_count (fixture->fake);
  cached = run_json (fixture, search);
  g_assert_cmpuint (prism_fake_provider_get_request_count (fixture->fake), ==, requests);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (cached)), >=, 1);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (cached)); i++)
    g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (cached), i), "id"),
                              "sonnet"));

  run_cli (fixture, unknown, &unknown_run);
  g_assert_cmpint (unknown_run.status, ==, 2);
  g_assert_nonnull (strstr (unknown_run.err, "openrouter"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/prism/cli/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("history", test_history);
  ADD ("show", test_show);
  ADD ("spend", test_spend);
  ADD ("export-import", test_export_import);
  ADD ("models", test_models);

#undef ADD

  return g_test_run ();
}
