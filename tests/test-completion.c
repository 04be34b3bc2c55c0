/* test-completion.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gstdio.h>

#include "prism-client.h"
#include "prism-completion.h"
#include "prism-error.h"
#include "prism-fake-provider.h"
#include "prism-recorder.h"

/* Every protocol through the real client: registry → key → protocol →
 * libsoup → stream parser → decoder → router, against the fake provider
 * on 127.0.0.1.
 */

typedef struct
{
  PrismFakeProvider     *fake;
  char                  *dir;
  char                  *ini;
  PrismProviderRegistry *registry;
  PrismClient           *client;
  GPtrArray             *deltas;
  guint                  cancel_after;
  GCancellable          *cancellable;
} Fixture;

static const char *providers[] = {
  "openai", "openrouter", "anthropic", "gemini", "ollama",
  "groq", "deepseek", "xai", "mistral",
};

static const char *key_variables[] = {
  "OPENAI_API_KEY", "OPENROUTER_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY",
  "GROQ_API_KEY", "DEEPSEEK_API_KEY", "XAI_API_KEY", "MISTRAL_API_KEY",
};

static void
write_ini (Fixture    *fixture,
           const char *extra)
{
  g_autoptr(GString) ini = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    {
      g_autofree char *base = prism_fake_provider_get_base_url (fixture->fake, providers[i]);

      g_string_append_printf (ini, "[provider %s]\nbase-url=%s\n\n", providers[i], base);
    }
  if (extra != NULL)
    g_string_append (ini, extra);

  g_file_set_contents (fixture->ini, ini->str, -1, &error);
  g_assert_no_error (error);

  g_clear_object (&fixture->client);
  g_clear_object (&fixture->registry);
  fixture->registry = prism_provider_registry_new_for_path (fixture->ini);
  prism_provider_registry_load (fixture->registry, &error);
  g_assert_no_error (error);
  fixture->client = prism_client_new (fixture->registry, NULL, NULL);
}

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
  PrismRetryPolicy policy;
  PrismHttpTimeouts timeouts;

  for (guint i = 0; i < G_N_ELEMENTS (key_variables); i++)
    g_setenv (key_variables[i], PRISM_FAKE_PROVIDER_KEY, TRUE);

  fixture->fake = prism_fake_provider_new ();
  prism_fake_provider_start (fixture->fake, 0, &error);
  g_assert_no_error (error);

  fixture->dir = g_dir_make_tmp ("prism-completion-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->ini = g_build_filename (fixture->dir, "providers.ini", NULL);
  write_ini (fixture, NULL);

  /* Short waits so that the retry cases take milliseconds, not seconds. */
  prism_retry_policy_init_default (&policy);
  policy.base_delay_ms = 20;
  policy.max_delay_ms = 100;
  policy.max_retries = 2;
  policy.random = no_jitter;
  prism_client_set_retry_policy (fixture->client, &policy);

  prism_http_timeouts_init_default (&timeouts);
  timeouts.first_byte_ms = 5000;
  timeouts.idle_ms = 5000;
  prism_client_set_timeouts (fixture->client, &timeouts);

  fixture->deltas = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_stream_event_free);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_unlink (fixture->ini);
  g_rmdir (fixture->dir);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->registry);
  prism_fake_provider_stop (fixture->fake);
  g_clear_object (&fixture->fake);
  g_clear_object (&fixture->cancellable);
  g_clear_pointer (&fixture->deltas, g_ptr_array_unref);
  g_free (fixture->ini);
  g_free (fixture->dir);
}

static void
delta_cb (PrismCompletion  *completion,
          PrismStreamEvent *event,
          Fixture          *fixture)
{
  g_ptr_array_add (fixture->deltas, prism_stream_event_copy (event));

  if (fixture->cancel_after > 0 && event->kind == PRISM_STREAM_EVENT_CONTENT &&
      --fixture->cancel_after == 0)
    g_cancellable_cancel (fixture->cancellable);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("the completion did not finish within 20 s");
  return G_SOURCE_REMOVE;
}

/* Runs @models to the end and returns the completion; @error gets
 * whatever prism_completion_run_finish() said.
 */
static PrismCompletion *
run_with (Fixture            *fixture,
          const char * const *models,
          PrismChatRequest   *request,
          GError            **error)
{
  g_autoptr(PrismCompletion) completion = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  guint timeout;

  completion = prism_completion_new (fixture->client, models, request);
  g_signal_connect (completion, "delta", G_CALLBACK (delta_cb), fixture);
  g_assert_cmpint (prism_completion_get_status (completion), ==, PRISM_COMPLETION_PENDING);

  timeout = g_timeout_add_seconds (20, timeout_cb, NULL);
  prism_completion_run_async (completion, fixture->cancellable, run_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  prism_completion_run_finish (completion, result, error);

  return g_steal_pointer (&completion);
}

static PrismCompletion *
run_one (Fixture     *fixture,
         const char  *model,
         const char  *prompt,
         GError     **error)
{
  const char *models[] = { model, NULL };
  g_autoptr(PrismChatRequest) request = prism_chat_request_new ();

  prism_chat_request_add_text (request, PRISM_CHAT_ROLE_USER, prompt);

  return run_with (fixture, models, request, error);
}

static guint
count_deltas (Fixture              *fixture,
              PrismStreamEventKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < fixture->deltas->len; i++)
    {
      PrismStreamEvent *event = g_ptr_array_index (fixture->deltas, i);

      if (event->kind == kind)
        n++;
    }

  return n;
}

static void
assert_echo (Fixture         *fixture,
             PrismCompletion *completion,
             const char      *prompt)
{
  g_autofree char *expected = prism_fake_provider_reply_for (prompt);
  const PrismUsage *usage = prism_completion_get_usage (completion);
  GPtrArray *attempts = prism_completion_get_attempts (completion);
  PrismAttemptRecord *attempt;
  g_auto(GStrv) words = g_strsplit (prompt, " ", -1);

  g_assert_cmpstr (prism_completion_get_content (completion), ==, expected);
  g_assert_cmpint (prism_completion_get_status (completion), ==, PRISM_COMPLETION_COMPLETE);
  g_assert_null (prism_completion_get_error (completion));

  g_assert_true (usage->known);
  g_assert_cmpint (usage->input_tokens, ==, g_strv_length (words));
  g_assert_cmpint (usage->output_tokens, ==, count_deltas (fixture, PRISM_STREAM_EVENT_CONTENT));
  g_assert_cmpuint (count_deltas (fixture, PRISM_STREAM_EVENT_FINISH), ==, 1);

  g_assert_cmpuint (attempts->len, ==, 1);
  attempt = g_ptr_array_index (attempts, 0);
  g_assert_cmpuint (attempt->http_status, ==, 200);
  g_assert_null (attempt->error);
  g_assert_true (attempt->got_token);

  g_assert_false (isnan (prism_completion_get_ttft_ms (completion)));
  g_assert_cmpfloat (prism_completion_get_ttft_ms (completion), <=, prism_completion_get_latency_ms (completion));
  g_assert_cmpfloat (prism_completion_get_tokens_per_second (completion), >, 0);
}

static void
test_stream (Fixture       *fixture,
             gconstpointer  data)
{
  const char *variant = data;

  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    {
      g_autoptr(PrismCompletion) completion = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *model = g_strdup_printf ("%s:echo%s", providers[i], variant);

      /* A lone CR ends a line in server-sent events only; NDJSON lines end
       * with LF (or CRLF), and Ollama sends nothing else.
       */
      if (g_str_equal (variant, "+cr") && g_str_equal (providers[i], "ollama"))
        continue;

      g_test_message ("%s", model);
      g_ptr_array_set_size (fixture->deltas, 0);
      completion = run_one (fixture, model, "hello prism world", &error);
      g_assert_no_error (error);
      assert_echo (fixture, completion, "hello prism world");
      g_assert_cmpstr (prism_completion_get_served_by (completion), !=, NULL);
    }
}

static void
test_no_stream (Fixture       *fixture,
                gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    {
      g_autoptr(PrismCompletion) completion = NULL;
      g_autoptr(PrismChatRequest) request = prism_chat_request_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *model = g_strdup_printf ("%s:echo", providers[i]);
      g_autofree char *expected = prism_fake_provider_reply_for ("two words");
      const char *models[] = { model, NULL };

      g_test_message ("%s", model);
      prism_chat_request_add_text (request, PRISM_CHAT_ROLE_USER, "two words");
      prism_chat_request_set_stream (request, FALSE);
      completion = run_with (fixture, models, request, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (prism_completion_get_content (completion), ==, expected);
      g_assert_true (prism_completion_get_usage (completion)->known);
      g_assert_cmpint (prism_completion_get_usage (completion)->input_tokens, ==, 2);
    }
}

static void
test_reasoning (Fixture       *fixture,
                gconstpointer  data)
{
  const char *models[] = { "openai", "openrouter", "anthropic", "gemini", "ollama", "deepseek" };

  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    {
      g_autoptr(PrismCompletion) completion = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *model = g_strdup_printf ("%s:think+reasoning", models[i]);

      g_test_message ("%s", model);
      completion = run_one (fixture, model, "why is the sky blue", &error);
      g_assert_no_error (error);
      g_assert_nonnull (prism_completion_get_reasoning (completion));
      g_assert_true (g_str_has_prefix (prism_completion_get_reasoning (completion), "Let me think."));
      g_assert_true (g_str_has_prefix (prism_completion_get_content (completion), "Echo: why is the sky blue"));
    }
}

static void
test_auth_error (Fixture       *fixture,
                 gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    {
      g_autoptr(PrismCompletion) completion = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *model = g_strdup_printf ("%s:echo+error=401", providers[i]);
      PrismAttemptRecord *attempt;

      g_test_message ("%s", model);
      completion = run_one (fixture, model, "hi", &error);
      g_assert_error (error, PRISM_ERROR, PRISM_ERROR_AUTH);
      g_assert_cmpuint (prism_error_get_http_status (error), ==, 401);
      g_assert_null (strstr (error->message, PRISM_FAKE_PROVIDER_KEY));
      g_assert_cmpint (prism_completion_get_status (completion), ==, PRISM_COMPLETION_ERROR);
      /* A bad key is not retried. */
      g_assert_cmpuint (prism_completion_get_attempts (completion)->len, ==, 1);
      attempt = g_ptr_array_index (prism_completion_get_attempts (completion), 0);
      g_assert_cmpuint (attempt->http_status, ==, 401);
      g_assert_false (attempt->got_token);
    }
}

static void
test_error_kinds (Fixture       *fixture,
                  gconstpointer  data)
{
  static const struct {
    const char     *model;
    int             code;
    guint           status;
  } cases[] = {
    { "openai:x+error=402", PRISM_ERROR_PAYMENT, 402 },
    { "openrouter:x+error=402", PRISM_ERROR_PAYMENT, 402 },
    { "openai:x+error=400", PRISM_ERROR_BAD_REQUEST, 400 },
    { "anthropic:x+error=529", PRISM_ERROR_OVERLOADED, 529 },
    { "openai:x+error=429", PRISM_ERROR_RATE_LIMIT, 429 },
    { "gemini:x+error=429", PRISM_ERROR_RATE_LIMIT, 429 },
    { "openai:x+error=500", PRISM_ERROR_SERVER, 500 },
    { "openai:x+html-error=502", PRISM_ERROR_SERVER, 502 },
  };
  PrismRetryPolicy policy = *prism_client_get_retry_policy (fixture->client);

  /* Only the kinds here; the waits a 429 asks for are tested below. */
  policy.max_retries = 0;
  prism_client_set_retry_policy (fixture->client, &policy);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PrismCompletion) completion = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", cases[i].model);
      completion = run_one (fixture, cases[i].model, "hi", &error);
      g_assert_error (error, PRISM_ERROR, cases[i].code);
      g_assert_cmpuint (prism_error_get_http_status (error), ==, cases[i].status);
      g_assert_null (strstr (error->message, "<html"));
      g_assert_null (strstr (error->message, "<HTML"));
    }
}

static void
test_retry_then_success (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(PrismCompletion) completion = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *attempts;

  completion = run_one (fixture, "openai:echo+fail-times=2+error=503", "retry me", &error);
  g_assert_no_error (error);
  attempts = prism_completion_get_attempts (completion);
  g_assert_cmpuint (attempts->len, ==, 3);
  g_assert_cmpuint (((PrismAttemptRecord *)g_ptr_array_index (attempts, 0))->http_status, ==, 503);
  g_assert_cmpuint (((PrismAttemptRecord *)g_ptr_array_index (attempts, 1))->http_status, ==, 503);
  g_assert_cmpuint (((PrismAttemptRecord *)g_ptr_array_index (attempts, 2))->http_status, ==, 200);
  /* Backoff ceilings 20 ms then 40 ms, with the jitter drawn at 0.5. */
  g_assert_cmpuint (((PrismAttemptRecord *)g_ptr_array_index (attempts, 1))->delay_ms, ==, 10);
  g_assert_cmpuint (((PrismAttemptRecord *)g_ptr_array_index (attempts, 2))->delay_ms, ==, 20);
  g_assert_cmpuint (prism_fake_provider_get_request_count (fixture->fake), ==, 3);
  g_assert_cmpint (prism_completion_get_status (completion), ==, PRISM_COMPLETION_COMPLETE);
}

static void
test_retry_after (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PrismCompletion) completion = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *attempts;

  completion = run_one (fixture, "anthropic:echo+fail-times=1+error=429+retry-after=1", "wait", &error);
  g_assert_no_error (error);
  attempts = prism_completion_get_attempts (completion);
  g_assert_cmpuint (attempts->len, ==, 2);
  g_assert_cmpuint (((PrismAttemptRecord *)g_ptr_array_index (attempts, 0))->http_status, ==, 429);
  g_assert_cmpuint (((PrismAttemptRecord *)g_ptr_array_index (attempts, 1))->delay_ms, ==, 1000);
  g_assert_cmpfloat (prism_completion_get_latency_ms (completion), >=, 1000);
}

static void
test_fallback (Fixture       *fixture,
               gconstpointer  data)
{
  const char *models[] = { "openai:down+error=500", "gemini:down+error=401", "anthropic:echo", NULL };
  g_autoptr(PrismChatRequest) request = prism_chat_request_new ();
  g_autoptr(PrismCompletion) completion = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *attempts;
  PrismAttemptRecord *attempt;

  prism_chat_request_add_text (request, PRISM_CHAT_ROLE_USER, "fall back");
  completion = run_with (fixture, models, request, &error);
  g_assert_no_error (error);

  /* 500 is retried twice, 401 goes to the next model at once. */
  attempts = prism_completion_get_attempts (completion);
  g_assert_cmpuint (attempts->len, ==, 5);
  for (guint i = 0; i < 3; i++)
    {
      attempt = g_ptr_array_index (attempts, i);
      g_assert_cmpstr (attempt->model, ==, "openai:down+error=500");
      g_assert_cmpuint (attempt->http_status, ==, 500);
      g_assert_error (attempt->error, PRISM_ERROR, PRISM_ERROR_SERVER);
    }
  attempt = g_ptr_array_index (attempts, 3);
  g_assert_cmpstr (attempt->model, ==, "gemini:down+error=401");
  g_assert_error (attempt->error, PRISM_ERROR, PRISM_ERROR_AUTH);
  attempt = g_ptr_array_index (attempts, 4);
  g_assert_cmpstr (attempt->provider, ==, "anthropic");
  g_assert_null (attempt->error);

  g_assert_true (g_str_has_prefix (prism_completion_get_served_by (completion), "anthropic:"));
  g_assert_cmpstr (prism_completion_get_model (completion), ==, "openai:down+error=500");
}

static void
test_openrouter_models_list (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *models[] = { "openrouter:acme/first", "openrouter:acme/second", NULL };
  g_autoptr(PrismChatRequest) request = prism_chat_request_new ();
  g_autoptr(PrismCompletion) completion = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *referer = NULL;
  JsonArray *list;
  PrismCostSource source;
  double cost;

  prism_chat_request_add_text (request, PRISM_CHAT_ROLE_USER, "one request");
  completion = run_with (fixture, models, request, &error);
  g_assert_no_error (error);

  /* One request carrying OpenRouter's own fallback list. */
  g_assert_cmpuint (prism_fake_provider_get_request_count (fixture->fake), ==, 1);
  body = prism_fake_provider_dup_last_request_json (fixture->fake);
  g_assert_nonnull (body);
  list = json_object_get_array_member (json_node_get_object (body), "models");
  g_assert_nonnull (list);
  g_assert_cmpuint (json_array_get_length (list), >=, 1);
  g_assert_cmpstr (json_array_get_string_element (list, json_array_get_length (list) - 1), ==, "acme/second");
  referer = prism_fake_provider_dup_last_request_header (fixture->fake, "HTTP-Referer");
  g_assert_nonnull (referer);

  /* OpenRouter reports the cost itself: it is the most trusted source. */
  cost = prism_completion_get_cost (completion, &source);
  g_assert_cmpint (source, ==, PRISM_COST_SOURCE_PROVIDER);
  g_assert_false (isnan (cost));
  g_assert_cmpfloat (cost, >, 0);
  g_assert_true (g_str_has_prefix (prism_completion_get_served_by (completion), "openrouter:"));
}

static void
test_openrouter_preferences (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(PrismCompletion) completion = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = NULL;
  JsonObject *provider;

  write_ini (fixture,
             "[provider openrouter]\n"
             "sort=throughput\n"
             "allow-fallbacks=false\n"
             "data-collection=deny\n");

  completion = run_one (fixture, "openrouter:acme/prefs", "where does this go", &error);
  g_assert_no_error (error);
  body = prism_fake_provider_dup_last_request_json (fixture->fake);
  provider = json_object_get_object_member (json_node_get_object (body), "provider");
  g_assert_nonnull (provider);
  g_assert_cmpstr (json_object_get_string_member (provider, "sort"), ==, "throughput");
  g_assert_false (json_object_get_boolean_member (provider, "allow_fallbacks"));
  g_assert_cmpstr (json_object_get_string_member (provider, "data_collection"), ==, "deny");
}

static void
test_config_prices (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PrismCompletion) completion = NULL;
  g_autoptr(GError) error = NULL;
  const PrismUsage *usage;
  PrismCostSource source;
  double cost, expected;

  write_ini (fixture,
             "[model openai:priced]\n"
             "input-price=2.5\n"
             "output-price=10\n"
             "cached-input-price=1.25\n");

  completion = run_one (fixture, "openai:priced", "what does this cost", &error);
  g_assert_no_error (error);
  usage = prism_completion_get_usage (completion);
  cost = prism_completion_get_cost (completion, &source);
  g_assert_cmpint (source, ==, PRISM_COST_SOURCE_CONFIG);
  expected = ((usage->input_tokens - usage->cached_input_tokens) * 2.5 +
              usage->cached_input_tokens * 1.25 +
              usage->output_tokens * 10) / 1e6;
  g_assert_cmpfloat_with_epsilon (cost, expected, 1e-12);
  g_assert_cmpfloat_with_epsilon (prism_completion_get_prices (completion)->input, 2.5, 1e-12);
}

static void
test_unknown_cost (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PrismCompletion) completion = NULL;
  g_autoptr(GError) error = NULL;
  PrismCostSource source;

  completion = run_one (fixture, "ollama:llama-unpriced", "free or not", &error);
  g_assert_no_error (error);
  g_assert_true (isnan (prism_completion_get_cost (completion, &source)));
  g_assert_cmpint (source, ==, PRISM_COST_SOURCE_UNKNOWN);
}

static void
test_stream_error_keeps_partial (Fixture       *fixture,
                                 gconstpointer  data)
{
  const char *protocols[] = { "openai", "openrouter", "anthropic", "gemini", "ollama" };

  for (guint i = 0; i < G_N_ELEMENTS (protocols); i++)
    {
      g_autoptr(PrismCompletion) completion = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *model = g_strdup_printf ("%s:echo+stream-error", protocols[i]);

      g_test_message ("%s", model);
      completion = run_one (fixture, model, "a b c d e f", &error);
      g_assert_nonnull (error);
      g_assert_true (error->domain == PRISM_ERROR);
      g_assert_cmpint (prism_completion_get_status (completion), ==, PRISM_COMPLETION_PARTIAL);
      g_assert_cmpstr (prism_completion_get_content (completion), !=, "");
      /* Tokens reached the person: no retry, no fallback. */
      g_assert_cmpuint (prism_completion_get_attempts (completion)->len, ==, 1);
    }
}

static void
test_reset_is_partial (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *protocols[] = { "openai", "anthropic", "gemini", "ollama" };

  for (guint i = 0; i < G_N_ELEMENTS (protocols); i++)
    {
      g_autoptr(PrismCompletion) completion = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *model = g_strdup_printf ("%s:echo+reset-after=3", protocols[i]);

      g_test_message ("%s", model);
      completion = run_one (fixture, model, "one two three four five six", &error);
      g_assert_nonnull (error);
      g_assert_true (g_error_matches (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL) ||
                     g_error_matches (error, PRISM_ERROR, PRISM_ERROR_NETWORK));
      g_assert_cmpint (prism_completion_get_status (completion), ==, PRISM_COMPLETION_PARTIAL);
      g_assert_true (g_str_has_prefix (prism_completion_get_content (completion), "Echo:"));
    }
}

static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PrismCompletion) completion = NULL;
  g_autoptr(GError) error = NULL;

  completion = run_one (fixture, "openai:echo+malformed", "broken json", &error);
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL);
  g_assert_cmpint (prism_completion_get_status (completion), ==, PRISM_COMPLETION_PARTIAL);
}

static void
test_idle_timeout (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PrismCompletion) completion = NULL;
  g_autoptr(GError) error = NULL;
  PrismHttpTimeouts timeouts;

  prism_http_timeouts_init_default (&timeouts);
  timeouts.idle_ms = 300;
  prism_client_set_timeouts (fixture->client, &timeouts);

  completion = run_one (fixture, "anthropic:echo+stall-after=2+stall=3000", "slow stream here", &error);
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_TIMEOUT);
  g_assert_cmpint (prism_completion_get_status (completion), ==, PRISM_COMPLETION_PARTIAL);
  g_assert_cmpuint (prism_completion_get_attempts (completion)->len, ==, 1);
}

static void
test_first_byte_timeout_retries (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(PrismCompletion) completion = NULL;
  g_autoptr(GError) error = NULL;
  PrismHttpTimeouts timeouts;

  prism_http_timeouts_init_default (&timeouts);
  timeouts.first_byte_ms = 200;
  prism_client_set_timeouts (fixture->client, &timeouts);

  completion = run_one (fixture, "openai:echo+stall-first-byte=2000", "nothing comes", &error);
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_TIMEOUT);
  g_assert_cmpint (prism_completion_get_status (completion), ==, PRISM_COMPLETION_ERROR);
  /* Nothing arrived, so the timeout was retried. */
  g_assert_cmpuint (prism_completion_get_attempts (completion)->len, ==, 3);
}

static void
test_cancel_mid_stream (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(PrismCompletion) completion = NULL;
  g_autoptr(GError) error = NULL;

  fixture->cancellable = g_cancellable_new ();
  fixture->cancel_after = 5;

  completion = run_one (fixture, "openai:echo+endless+rate=500", "go on forever", &error);
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CANCELLED);
  g_assert_cmpint (prism_completion_get_status (completion), ==, PRISM_COMPLETION_CANCELLED);
  g_assert_cmpuint (count_deltas (fixture, PRISM_STREAM_EVENT_CONTENT), >=, 5);
  g_assert_cmpstr (prism_completion_get_content (completion), !=, "");
  g_assert_cmpuint (prism_completion_get_attempts (completion)->len, ==, 1);
}

static void
test_missing_key (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PrismCompletion) completion = NULL;
  g_autoptr(GError) error = NULL;

  g_unsetenv ("OPENAI_API_KEY");
  completion = run_one (fixture, "openai:echo", "no key", &error);
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "OPENAI_API_KEY"));
  g_assert_cmpuint (prism_fake_provider_get_request_count (fixture->fake), ==, 0);
}

static void
test_unknown_provider (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (prism_client_check_model (fixture->client, "nowhere:model", &error));
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "openai"));
  g_clear_error (&error);

  g_assert_true (prism_client_check_model (fixture->client, "openrouter:meta-llama/llama-3.3-70b-instruct:free", &error));
  g_assert_no_error (error);
}

static void
test_request_fields (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *models[] = { "anthropic:echo", NULL };
  g_autoptr(PrismChatRequest) request = prism_chat_request_new ();
  g_autoptr(PrismCompletion) completion = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *key = NULL;
  JsonObject *object;

  prism_chat_request_set_system_prompt (request, "Be brief.");
  prism_chat_request_set_temperature (request, 0.25);
  prism_chat_request_set_max_tokens (request, 77);
  prism_chat_request_add_text (request, PRISM_CHAT_ROLE_USER, "fields please");
  completion = run_with (fixture, models, request, &error);
  g_assert_no_error (error);

  body = prism_fake_provider_dup_last_request_json (fixture->fake);
  object = json_node_get_object (body);
  g_assert_cmpstr (json_object_get_string_member (object, "system"), ==, "Be brief.");
  g_assert_cmpint (json_object_get_int_member (object, "max_tokens"), ==, 77);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "temperature"), 0.25, 1e-9);
  g_assert_true (json_object_get_boolean_member (object, "stream"));
  key = prism_fake_provider_dup_last_request_header (fixture->fake, "x-api-key");
  g_assert_cmpstr (key, ==, PRISM_FAKE_PROVIDER_KEY);
  /* The system prompt was answered from too: input counts every word. */
  g_assert_cmpint (prism_completion_get_usage (completion)->input_tokens, ==, 4);
}

static void
test_connection_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(PrismCompletion) completion = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ini = NULL;
  guint16 port;

  /* A port that was free a moment ago and is closed now. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  ini = g_strdup_printf ("[provider work-proxy]\nprotocol=openai\nbase-url=http://127.0.0.1:%u/v1\n", port);
  write_ini (fixture, ini);

  completion = run_one (fixture, "work-proxy:model", "anyone there", &error);
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_cmpint (prism_completion_get_status (completion), ==, PRISM_COMPLETION_ERROR);
  /* Nothing arrived: retried, then given up, every attempt recorded. */
  g_assert_cmpuint (prism_completion_get_attempts (completion)->len, >, 1);
}

static void
test_huge_event (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PrismCompletion) completion = NULL;
  g_autoptr(GError) error = NULL;

  completion = run_one (fixture, "anthropic:echo+huge=10000000", "a very long word", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (prism_completion_get_content (completion)), >=, 10000000);
  g_assert_cmpint (prism_completion_get_status (completion), ==, PRISM_COMPLETION_COMPLETE);
}

static void
test_web_page (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(PrismCompletion) completion = NULL;
  g_autoptr(GError) error = NULL;

  completion = run_one (fixture, "openai:echo+content-type=text/html", "is this a model", &error);
  g_assert_error (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "base URL"));
  g_assert_cmpint (prism_completion_get_status (completion), ==, PRISM_COMPLETION_ERROR);
  g_assert_cmpstr (prism_completion_get_content (completion), ==, "");
}

static void
test_recorder_reasoning (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *models[] = { "anthropic:think+reasoning", NULL };
  g_autofree char *path = g_build_filename (fixture->dir, "history.db", NULL);
  g_autoptr(PrismStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = prism_store_open (path, &error);
  g_assert_no_error (error);

  for (guint keep = 0; keep < 2; keep++)
    {
      g_autoptr(PrismChatRequest) request = prism_chat_request_new ();
      g_autoptr(PrismConversation) conversation = NULL;
      g_autoptr(PrismConversation) stored = NULL;
      g_autoptr(PrismCompletion) completion = NULL;
      g_autoptr(PrismRecorder) recorder = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      PrismMessage *message;

      conversation = prism_store_create_conversation (store, "thinking", PRISM_STORE_DEFAULT_PROJECT, models, &error);
      g_assert_no_error (error);
      prism_chat_request_add_text (request, PRISM_CHAT_ROLE_USER, "think first");
      completion = prism_completion_new (fixture->client, models, request);
      recorder = prism_recorder_new (store, completion, conversation->id, NULL, NULL, PRISM_STORE_DEFAULT_PROJECT);
      prism_recorder_set_record_reasoning (recorder, keep);
      prism_completion_run_async (completion, NULL, run_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (prism_completion_run_finish (completion, result, &error));
      g_assert_true (prism_recorder_finish (recorder, &error));
      g_assert_no_error (error);

      stored = prism_store_get_conversation (store, conversation->id, &error);
      g_assert_no_error (error);
      message = g_ptr_array_index (stored->messages, 0);
      g_assert_cmpstr (message->content, ==, prism_completion_get_content (completion));
      if (keep)
        g_assert_cmpstr (message->reasoning, ==, prism_completion_get_reasoning (completion));
      else
        g_assert_true (message->reasoning == NULL || message->reasoning[0] == '\0');
      /* The reasoning tokens were paid for either way. */
      g_assert_cmpint (message->usage.reasoning_tokens, ==, prism_completion_get_usage (completion)->reasoning_tokens);
    }

  g_clear_object (&store);
  for (guint i = 0; i < 4; i++)
    {
      const char *suffixes[] = { "", "-wal", "-shm", ".lock" };
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add ("/prism/completion/" path, Fixture, data, fixture_setup, func, fixture_teardown)

  ADD ("stream", test_stream, "");
  ADD ("stream-split-1", test_stream, "+split=1");
  ADD ("stream-split-7", test_stream, "+split=7");
  ADD ("stream-crlf", test_stream, "+crlf");
  ADD ("stream-cr", test_stream, "+cr");
  ADD ("no-stream", test_no_stream, NULL);
  ADD ("reasoning", test_reasoning, NULL);
  ADD ("request-fields", test_request_fields, NULL);
  ADD ("auth-error", test_auth_error, NULL);
  ADD ("error-kinds", test_error_kinds, NULL);
  ADD ("retry-then-success", test_retry_then_success, NULL);
  ADD ("retry-after", test_retry_after, NULL);
  ADD ("fallback", test_fallback, NULL);
  ADD ("openrouter-models-list", test_openrouter_models_list, NULL);
  ADD ("openrouter-preferences", test_openrouter_preferences, NULL);
  ADD ("config-prices", test_config_prices, NULL);
  ADD ("unknown-cost", test_unknown_cost, NULL);
  ADD ("stream-error-partial", test_stream_error_keeps_partial, NULL);
  ADD ("reset-partial", test_reset_is_partial, NULL);
  ADD ("malformed", test_malformed, NULL);
  ADD ("idle-timeout", test_idle_timeout, NULL);
  ADD ("first-byte-timeout", test_first_byte_timeout_retries, NULL);
  ADD ("cancel", test_cancel_mid_stream, NULL);
  ADD ("missing-key", test_missing_key, NULL);
  ADD ("connection-refused", test_connection_refused, NULL);
  ADD ("huge-event", test_huge_event, NULL);
  ADD ("web-page", test_web_page, NULL);
  ADD ("recorder-reasoning", test_recorder_reasoning, NULL);
  ADD ("unknown-provider", test_unknown_provider, NULL);

#undef ADD

  return g_test_run ();
}
