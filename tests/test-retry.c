/* test-retry.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <gio/gio.h>

#include "prism-error.h"
#include "prism-retry.h"

static double
fixed_random (gpointer user_data)
{
  return *(double *)user_data;
}

static void
policy_with_random (PrismRetryPolicy *policy,
                    double           *value)
{
  prism_retry_policy_init_default (policy);
  policy->random = fixed_random;
  policy->random_data = value;
}

static PrismAttemptRecord *
failed_attempt (const char *model,
                guint       status,
                int         code)
{
  PrismAttemptRecord *attempt = prism_attempt_record_new (model);

  attempt->http_status = status;
  attempt->error = g_error_new (PRISM_ERROR, code, "attempt failed (%u)", status);

  return attempt;
}

static void
test_defaults (void)
{
  PrismRetryPolicy policy;

  prism_retry_policy_init_default (&policy);
  g_assert_cmpuint (policy.base_delay_ms, ==, 500);
  g_assert_cmpfloat (policy.factor, ==, 2.0);
  g_assert_cmpuint (policy.max_delay_ms, ==, 30000);
  g_assert_cmpuint (policy.max_retries, ==, 3);
  g_assert_cmpuint (policy.max_retry_after_ms, ==, 60000);
  g_assert_null (policy.random);
}

static void
test_backoff_ceilings (void)
{
  static const guint64 ceilings[] = { 500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000 };
  PrismRetryPolicy policy;
  double value;

  policy_with_random (&policy, &value);

  for (guint i = 0; i < G_N_ELEMENTS (ceilings); i++)
    {
      value = 0.0;
      g_assert_cmpuint (prism_retry_policy_backoff (&policy, i), ==, 0);
      value = 0.5;
      g_assert_cmpuint (prism_retry_policy_backoff (&policy, i), ==, ceilings[i] / 2);
      value = 0.999999;
      g_assert_cmpuint (prism_retry_policy_backoff (&policy, i), ==, ceilings[i] - 1);
    }

  /* A retry count whose power would overflow stays at the cap. */
  value = 0.5;
  g_assert_cmpuint (prism_retry_policy_backoff (&policy, 5000), ==, 15000);
}

static void
test_backoff_random_bounds (void)
{
  PrismRetryPolicy policy;
  double value;
  guint64 lowest = G_MAXUINT64;
  guint64 highest = 0;

  prism_retry_policy_init_default (&policy);

  for (guint i = 0; i < 10000; i++)
    {
      guint64 delay = prism_retry_policy_backoff (&policy, 2);

      g_assert_cmpuint (delay, <, 2000);
      lowest = MIN (lowest, delay);
      highest = MAX (highest, delay);
    }

  /* Full jitter spreads over the whole range, not just near its top. */
  g_assert_cmpuint (lowest, <, 200);
  g_assert_cmpuint (highest, >, 1800);

  /* A random source out of its range is held to it. */
  policy_with_random (&policy, &value);
  value = 1.5;
  g_assert_cmpuint (prism_retry_policy_backoff (&policy, 0), ==, 499);
  value = -3.0;
  g_assert_cmpuint (prism_retry_policy_backoff (&policy, 0), ==, 0);
  value = NAN;
  g_assert_cmpuint (prism_retry_policy_backoff (&policy, 0), ==, 0);
}

static void
test_retry_after_seconds (void)
{
  static const struct { const char *value; gboolean ok; guint64 ms; } cases[] = {
    { "7", TRUE, 7000 },
    { " 12 ", TRUE, 12000 },
    { "0", TRUE, 0 },
    { "3600", TRUE, 3600000 },
    { "-1", FALSE, 0 },
    { "1.5", FALSE, 0 },
    { "7s", FALSE, 0 },
    { "", FALSE, 0 },
    { "soon", FALSE, 0 },
    { "99999999999999999999999", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint64 ms = 12345;
      gboolean ok = prism_retry_after_parse (cases[i].value, NULL, NULL, &ms);

      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        g_assert_cmpuint (ms, ==, cases[i].ms);
    }

  g_assert_false (prism_retry_after_parse (NULL, NULL, NULL, &(guint64){ 0 }));
}

static void
test_retry_after_date (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 25, 8, 0, 0);
  guint64 ms = 0;

  g_assert_true (prism_retry_after_parse ("Wed, 25 Nov 2026 08:00:30 GMT", NULL, now, &ms));
  g_assert_cmpuint (ms, ==, 30000);

  /* The obsolete forms HTTP still allows */
  g_assert_true (prism_retry_after_parse ("Wednesday, 25-Nov-26 08:01:00 GMT", NULL, now, &ms));
  g_assert_cmpuint (ms, ==, 60000);
  g_assert_true (prism_retry_after_parse ("Wed Nov 25 08:00:05 2026", NULL, now, &ms));
  g_assert_cmpuint (ms, ==, 5000);

  /* A date past means now. */
  g_assert_true (prism_retry_after_parse ("Wed, 25 Nov 2026 07:59:00 GMT", NULL, now, &ms));
  g_assert_cmpuint (ms, ==, 0);

  g_assert_false (prism_retry_after_parse ("Wed, 32 Nov 2026 07:59:00 GMT", NULL, now, &ms));
}

static void
test_retry_after_ms (void)
{
  guint64 ms = 0;

  g_assert_true (prism_retry_after_parse ("7", "1500", NULL, &ms));
  g_assert_cmpuint (ms, ==, 1500);
  g_assert_true (prism_retry_after_parse (NULL, "12.3", NULL, &ms));
  g_assert_cmpuint (ms, ==, 13);
  /* A malformed retry-after-ms leaves Retry-After to speak. */
  g_assert_true (prism_retry_after_parse ("2", "later", NULL, &ms));
  g_assert_cmpuint (ms, ==, 2000);
  g_assert_false (prism_retry_after_parse (NULL, "-5", NULL, &ms));
  g_assert_false (prism_retry_after_parse (NULL, "inf", NULL, &ms));
}

static void
test_status_rules (void)
{
  static const struct { guint status; PrismErrorCode code; gboolean retryable; } cases[] = {
    { 400, PRISM_ERROR_BAD_REQUEST, FALSE },
    { 401, PRISM_ERROR_AUTH, FALSE },
    { 402, PRISM_ERROR_PAYMENT, FALSE },
    { 403, PRISM_ERROR_AUTH, FALSE },
    { 404, PRISM_ERROR_BAD_REQUEST, FALSE },
    { 408, PRISM_ERROR_TIMEOUT, TRUE },
    { 413, PRISM_ERROR_BAD_REQUEST, FALSE },
    { 422, PRISM_ERROR_BAD_REQUEST, FALSE },
    { 429, PRISM_ERROR_RATE_LIMIT, TRUE },
    { 500, PRISM_ERROR_SERVER, TRUE },
    { 502, PRISM_ERROR_SERVER, TRUE },
    { 503, PRISM_ERROR_OVERLOADED, TRUE },
    { 504, PRISM_ERROR_TIMEOUT, TRUE },
    { 524, PRISM_ERROR_TIMEOUT, TRUE },
    { 529, PRISM_ERROR_OVERLOADED, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpint (prism_http_status_to_error_code (cases[i].status), ==, cases[i].code);
      g_assert_cmpint (prism_http_status_is_retryable (cases[i].status), ==, cases[i].retryable);
    }
}

typedef struct
{
  guint              status;
  int                code;
  gboolean           got_token;
  const char        *retry_after;
  guint              retries_done;
  PrismRetryDecision decision;
  guint64            delay_ms;
} DecideCase;

static void
test_decide (void)
{
  static const DecideCase cases[] = {
    /* Worth another try, with backoff (random 0.5: half the ceiling) */
    { 408, PRISM_ERROR_TIMEOUT, FALSE, NULL, 0, PRISM_RETRY_SAME_MODEL, 250 },
    { 429, PRISM_ERROR_RATE_LIMIT, FALSE, NULL, 1, PRISM_RETRY_SAME_MODEL, 500 },
    { 500, PRISM_ERROR_SERVER, FALSE, NULL, 2, PRISM_RETRY_SAME_MODEL, 1000 },
    { 502, PRISM_ERROR_SERVER, FALSE, NULL, 0, PRISM_RETRY_SAME_MODEL, 250 },
    { 503, PRISM_ERROR_OVERLOADED, FALSE, NULL, 0, PRISM_RETRY_SAME_MODEL, 250 },
    { 529, PRISM_ERROR_OVERLOADED, FALSE, NULL, 0, PRISM_RETRY_SAME_MODEL, 250 },
    /* No response at all: connection failures and timeouts */
    { 0, PRISM_ERROR_NETWORK, FALSE, NULL, 0, PRISM_RETRY_SAME_MODEL, 250 },
    { 0, PRISM_ERROR_TIMEOUT, FALSE, NULL, 0, PRISM_RETRY_SAME_MODEL, 250 },
    /* An error inside a 200 stream, before any token */
    { 200, PRISM_ERROR_RATE_LIMIT, FALSE, NULL, 0, PRISM_RETRY_SAME_MODEL, 250 },
    { 200, PRISM_ERROR_AUTH, FALSE, NULL, 0, PRISM_RETRY_NEXT_MODEL, 0 },
    { 200, PRISM_ERROR_PROTOCOL, FALSE, NULL, 0, PRISM_RETRY_NEXT_MODEL, 0 },
    /* The status wins over the kind the protocol made of it */
    { 400, PRISM_ERROR_SERVER, FALSE, NULL, 0, PRISM_RETRY_NEXT_MODEL, 0 },
    /* Would fail the same way again: the next model may do better */
    { 400, PRISM_ERROR_BAD_REQUEST, FALSE, NULL, 0, PRISM_RETRY_NEXT_MODEL, 0 },
    { 401, PRISM_ERROR_AUTH, FALSE, NULL, 0, PRISM_RETRY_NEXT_MODEL, 0 },
    { 402, PRISM_ERROR_PAYMENT, FALSE, NULL, 0, PRISM_RETRY_NEXT_MODEL, 0 },
    { 403, PRISM_ERROR_AUTH, FALSE, NULL, 0, PRISM_RETRY_NEXT_MODEL, 0 },
    { 404, PRISM_ERROR_BAD_REQUEST, FALSE, "1", 0, PRISM_RETRY_NEXT_MODEL, 0 },
    { 0, PRISM_ERROR_CONFIG, FALSE, NULL, 0, PRISM_RETRY_NEXT_MODEL, 0 },
    { 0, PRISM_ERROR_PROTOCOL, FALSE, NULL, 0, PRISM_RETRY_NEXT_MODEL, 0 },
    /* Retries run out */
    { 429, PRISM_ERROR_RATE_LIMIT, FALSE, NULL, 3, PRISM_RETRY_NEXT_MODEL, 0 },
    { 429, PRISM_ERROR_RATE_LIMIT, FALSE, "1", 3, PRISM_RETRY_NEXT_MODEL, 0 },
    /* Retry-After is honoured up to its cap, else the next model at once */
    { 429, PRISM_ERROR_RATE_LIMIT, FALSE, "7", 0, PRISM_RETRY_SAME_MODEL, 7000 },
    { 503, PRISM_ERROR_OVERLOADED, FALSE, "60", 2, PRISM_RETRY_SAME_MODEL, 60000 },
    { 429, PRISM_ERROR_RATE_LIMIT, FALSE, "61", 0, PRISM_RETRY_NEXT_MODEL, 0 },
    { 429, PRISM_ERROR_RATE_LIMIT, FALSE, "Wed, 25 Nov 2026 08:00:20 GMT", 0, PRISM_RETRY_SAME_MODEL, 20000 },
    { 429, PRISM_ERROR_RATE_LIMIT, FALSE, "Wed, 25 Nov 2026 09:00:00 GMT", 0, PRISM_RETRY_NEXT_MODEL, 0 },
    { 429, PRISM_ERROR_RATE_LIMIT, FALSE, "whenever", 1, PRISM_RETRY_SAME_MODEL, 500 },
    /* Never once a token has arrived, never after cancellation */
    { 200, PRISM_ERROR_NETWORK, TRUE, NULL, 0, PRISM_RETRY_STOP, 0 },
    { 200, PRISM_ERROR_TIMEOUT, TRUE, NULL, 0, PRISM_RETRY_STOP, 0 },
    { 200, PRISM_ERROR_OVERLOADED, TRUE, "1", 0, PRISM_RETRY_STOP, 0 },
    { 0, PRISM_ERROR_CANCELLED, FALSE, NULL, 0, PRISM_RETRY_STOP, 0 },
    { 200, PRISM_ERROR_CANCELLED, TRUE, NULL, 0, PRISM_RETRY_STOP, 0 },
  };
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 25, 8, 0, 0);
  PrismRetryPolicy policy;
  double value = 0.5;

  policy_with_random (&policy, &value);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PrismAttemptRecord) attempt = failed_attempt ("openai:gpt-4o", cases[i].status, cases[i].code);
      guint64 delay_ms = 4242;
      PrismRetryDecision decision;

      attempt->got_token = cases[i].got_token;
      attempt->retry_after = g_strdup (cases[i].retry_after);

      decision = prism_retry_policy_decide (&policy, attempt, cases[i].retries_done, now, &delay_ms);
      if (decision != cases[i].decision || delay_ms != cases[i].delay_ms)
        g_error ("case %u (status %u, %s): got decision %d after %" G_GUINT64_FORMAT " ms, "
                 "expected %d after %" G_GUINT64_FORMAT " ms",
                 i, cases[i].status, prism_error_code_to_kind (cases[i].code),
                 decision, delay_ms, cases[i].decision, cases[i].delay_ms);
    }
}

static void
test_decide_success (void)
{
  g_autoptr(PrismAttemptRecord) attempt = prism_attempt_record_new ("openai:gpt-4o");
  PrismRetryPolicy policy;
  guint64 delay_ms = 1;

  prism_retry_policy_init_default (&policy);
  attempt->http_status = 200;
  g_assert_cmpint (prism_retry_policy_decide (&policy, attempt, 0, NULL, &delay_ms), ==, PRISM_RETRY_STOP);
  g_assert_cmpuint (delay_ms, ==, 0);
}

static void
test_record (void)
{
  g_autoptr(PrismAttemptRecord) record = prism_attempt_record_new ("openrouter:meta-llama/llama-3.3-70b-instruct:free");
  g_autoptr(PrismAttemptRecord) copy = NULL;

  g_assert_cmpstr (record->model, ==, "openrouter:meta-llama/llama-3.3-70b-instruct:free");
  g_assert_cmpstr (record->provider, ==, "openrouter");
  g_assert_cmpint (record->ttft_us, ==, -1);
  g_assert_null (record->error);

  record->http_status = 429;
  record->error = g_error_new_literal (PRISM_ERROR, PRISM_ERROR_RATE_LIMIT, "Slow down");
  record->started_at = g_date_time_new_now_utc ();
  record->retry_after = g_strdup ("3");
  record->latency_us = 1200;

  copy = prism_attempt_record_copy (record);
  g_assert_cmpstr (copy->model, ==, record->model);
  g_assert_true (copy->model != record->model);
  g_assert_error (copy->error, PRISM_ERROR, PRISM_ERROR_RATE_LIMIT);
  g_assert_true (copy->error != record->error);
  g_assert_cmpstr (copy->retry_after, ==, "3");
  g_assert_true (g_date_time_equal (copy->started_at, record->started_at));
  g_assert_cmpint (copy->latency_us, ==, 1200);

  g_clear_pointer (&record, prism_attempt_record_free);
  record = prism_attempt_record_new ("no-provider");
  g_assert_null (record->provider);
}

typedef struct
{
  const char *model;
  guint       retry;
  guint64     delay_ms;
  guint       status;
  int         code;       /* -1: success */
  gboolean    got_token;
  const char *retry_after;
} PlanStep;

/* Drives @plan through @steps, checking each step it yields and
 * reporting the given outcome.
 */
static void
run_plan (PrismRouterPlan *plan,
          const PlanStep  *steps,
          guint            n_steps)
{
  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(PrismAttemptRecord) attempt = NULL;
      PrismRouterStep step;
      PrismAttemptRecord *recorded;

      g_assert_true (prism_router_plan_next (plan, &step));
      g_assert_cmpstr (step.model, ==, steps[i].model);
      g_assert_cmpuint (step.retry, ==, steps[i].retry);
      g_assert_cmpuint (step.delay_ms, ==, steps[i].delay_ms);

      attempt = prism_attempt_record_new (step.model);
      attempt->http_status = steps[i].status;
      attempt->got_token = steps[i].got_token;
      attempt->retry_after = g_strdup (steps[i].retry_after);
      if (steps[i].code >= 0)
        attempt->error = g_error_new (PRISM_ERROR, steps[i].code, "step %u failed", i);

      prism_router_plan_report (plan, attempt);

      recorded = g_ptr_array_index (prism_router_plan_get_attempts (plan), i);
      g_assert_cmpstr (recorded->model, ==, steps[i].model);
      g_assert_cmpuint (recorded->delay_ms, ==, steps[i].delay_ms);
      g_assert_cmpuint (recorded->http_status, ==, steps[i].status);
    }

  g_assert_true (prism_router_plan_is_finished (plan));
  g_assert_cmpuint (prism_router_plan_get_attempts (plan)->len, ==, n_steps);
  g_assert_false (prism_router_plan_next (plan, &(PrismRouterStep){ 0 }));
}

static void
test_plan_first_succeeds (void)
{
  const char *models[] = { "openai:gpt-4o", "anthropic:claude-sonnet-4-5", NULL };
  static const PlanStep steps[] = {
    { "openai:gpt-4o", 0, 0, 200, -1, FALSE, NULL },
  };
  g_autoptr(PrismRouterPlan) plan = prism_router_plan_new (models, NULL, PRISM_ROUTER_PLAN_NONE);

  g_assert_cmpuint (prism_router_plan_get_n_candidates (plan), ==, 2);
  run_plan (plan, steps, G_N_ELEMENTS (steps));
  g_assert_true (prism_router_plan_succeeded (plan));
  g_assert_null (prism_router_plan_get_error (plan));
}

/* Retries with backoff, a Retry-After, exhausted retries, a bad key and
 * a fallback that succeeds, across three providers.
 */
static void
test_plan_fallback_chain (void)
{
  const char *models[] = { "openai:gpt-4o", "anthropic:claude-sonnet-4-5", "gemini:gemini-2.5-pro", NULL };
  static const PlanStep steps[] = {
    { "openai:gpt-4o", 0, 0, 429, PRISM_ERROR_RATE_LIMIT, FALSE, NULL },
    { "openai:gpt-4o", 1, 250, 503, PRISM_ERROR_OVERLOADED, FALSE, "2" },
    { "openai:gpt-4o", 2, 2000, 0, PRISM_ERROR_NETWORK, FALSE, NULL },
    { "openai:gpt-4o", 3, 1000, 500, PRISM_ERROR_SERVER, FALSE, NULL },
    { "anthropic:claude-sonnet-4-5", 0, 0, 401, PRISM_ERROR_AUTH, FALSE, NULL },
    { "gemini:gemini-2.5-pro", 0, 0, 200, -1, FALSE, NULL },
  };
  PrismRetryPolicy policy;
  double value = 0.5;
  g_autoptr(PrismRouterPlan) plan = NULL;

  policy_with_random (&policy, &value);
  plan = prism_router_plan_new (models, &policy, PRISM_ROUTER_PLAN_NONE);
  run_plan (plan, steps, G_N_ELEMENTS (steps));

  g_assert_true (prism_router_plan_succeeded (plan));
  g_assert_null (prism_router_plan_get_error (plan));
}

static void
test_plan_all_fail (void)
{
  const char *models[] = { "openai:gpt-4o", "groq:llama-3.3-70b", NULL };
  static const PlanStep steps[] = {
    { "openai:gpt-4o", 0, 0, 402, PRISM_ERROR_PAYMENT, FALSE, NULL },
    { "groq:llama-3.3-70b", 0, 0, 429, PRISM_ERROR_RATE_LIMIT, FALSE, "3600" },
  };
  g_autoptr(PrismRouterPlan) plan = prism_router_plan_new (models, NULL, PRISM_ROUTER_PLAN_NONE);

  run_plan (plan, steps, G_N_ELEMENTS (steps));
  g_assert_false (prism_router_plan_succeeded (plan));
  /* The last model's error is the one to show. */
  g_assert_error (prism_router_plan_get_error (plan), PRISM_ERROR, PRISM_ERROR_RATE_LIMIT);
}

static void
test_plan_stops_after_token (void)
{
  const char *models[] = { "openai:gpt-4o", "anthropic:claude-sonnet-4-5", NULL };
  static const PlanStep steps[] = {
    { "openai:gpt-4o", 0, 0, 200, PRISM_ERROR_NETWORK, TRUE, NULL },
  };
  g_autoptr(PrismRouterPlan) plan = prism_router_plan_new (models, NULL, PRISM_ROUTER_PLAN_NONE);

  run_plan (plan, steps, G_N_ELEMENTS (steps));
  g_assert_false (prism_router_plan_succeeded (plan));
  g_assert_error (prism_router_plan_get_error (plan), PRISM_ERROR, PRISM_ERROR_NETWORK);
}

static void
test_plan_stops_when_cancelled (void)
{
  const char *models[] = { "openai:gpt-4o", "anthropic:claude-sonnet-4-5", NULL };
  static const PlanStep steps[] = {
    { "openai:gpt-4o", 0, 0, 429, PRISM_ERROR_RATE_LIMIT, FALSE, "1" },
    { "openai:gpt-4o", 1, 1000, 0, PRISM_ERROR_CANCELLED, FALSE, NULL },
  };
  g_autoptr(PrismRouterPlan) plan = prism_router_plan_new (models, NULL, PRISM_ROUTER_PLAN_NONE);

  run_plan (plan, steps, G_N_ELEMENTS (steps));
  g_assert_error (prism_router_plan_get_error (plan), PRISM_ERROR, PRISM_ERROR_CANCELLED);
}

static void
test_plan_openrouter_group (void)
{
  const char *models[] = {
    "openrouter:anthropic/claude-sonnet-4", "openrouter:openai/gpt-4o",
    "openai:gpt-4o-mini", "openrouter:meta-llama/llama-3.3-70b-instruct:free", NULL
  };
  g_autoptr(PrismRouterPlan) plan = prism_router_plan_new (models, NULL, PRISM_ROUTER_PLAN_GROUP_OPENROUTER);
  g_autoptr(PrismRouterPlan) ungrouped = prism_router_plan_new (models, NULL, PRISM_ROUTER_PLAN_NONE);
  PrismRouterStep step;

  g_assert_cmpuint (prism_router_plan_get_n_candidates (plan), ==, 3);
  g_assert_cmpuint (prism_router_plan_get_n_candidates (ungrouped), ==, 4);

  g_assert_true (prism_router_plan_next (plan, &step));
  g_assert_cmpstr (step.model, ==, "openrouter:anthropic/claude-sonnet-4");
  g_assert_cmpuint (step.n_models, ==, 2);
  g_assert_cmpstr (step.models[0], ==, "openrouter:anthropic/claude-sonnet-4");
  g_assert_cmpstr (step.models[1], ==, "openrouter:openai/gpt-4o");
  g_assert_null (step.models[2]);

  {
    g_autoptr(PrismAttemptRecord) attempt = failed_attempt (step.model, 404, PRISM_ERROR_BAD_REQUEST);

    g_assert_cmpint (prism_router_plan_report (plan, attempt), ==, PRISM_RETRY_NEXT_MODEL);
  }

  g_assert_true (prism_router_plan_next (plan, &step));
  g_assert_cmpstr (step.model, ==, "openai:gpt-4o-mini");
  g_assert_cmpuint (step.n_models, ==, 1);
  g_assert_cmpuint (step.candidate, ==, 1);

  {
    g_autoptr(PrismAttemptRecord) attempt = failed_attempt (step.model, 400, PRISM_ERROR_BAD_REQUEST);

    g_assert_cmpint (prism_router_plan_report (plan, attempt), ==, PRISM_RETRY_NEXT_MODEL);
  }

  g_assert_true (prism_router_plan_next (plan, &step));
  g_assert_cmpstr (step.model, ==, "openrouter:meta-llama/llama-3.3-70b-instruct:free");
  g_assert_cmpuint (step.n_models, ==, 1);

  {
    g_autoptr(PrismAttemptRecord) attempt = prism_attempt_record_new (step.model);

    attempt->served_by = g_strdup ("openrouter:meta-llama/llama-3.3-70b-instruct:free");
    g_assert_cmpint (prism_router_plan_report (plan, attempt), ==, PRISM_RETRY_STOP);
  }

  g_assert_true (prism_router_plan_succeeded (plan));
  g_assert_cmpuint (prism_router_plan_get_attempts (plan)->len, ==, 3);
}

static void
test_plan_empty (void)
{
  const char *models[] = { NULL };
  g_autoptr(PrismRouterPlan) plan = prism_router_plan_new (models, NULL, PRISM_ROUTER_PLAN_NONE);
  PrismRouterStep step;

  g_assert_true (prism_router_plan_is_finished (plan));
  g_assert_false (prism_router_plan_next (plan, &step));
  g_assert_false (prism_router_plan_succeeded (plan));
}

static void
test_plan_report_before_next (void)
{
  const char *models[] = { "openai:gpt-4o", NULL };
  g_autoptr(PrismRouterPlan) plan = prism_router_plan_new (models, NULL, PRISM_ROUTER_PLAN_NONE);
  g_autoptr(PrismAttemptRecord) attempt = prism_attempt_record_new ("openai:gpt-4o");
  PrismRouterStep step;

  g_test_expect_message ("prism-retry", G_LOG_LEVEL_CRITICAL, "*awaiting_report*");
  g_assert_cmpint (prism_router_plan_report (plan, attempt), ==, PRISM_RETRY_STOP);
  g_test_assert_expected_messages ();

  g_assert_true (prism_router_plan_next (plan, &step));
  g_test_expect_message ("prism-retry", G_LOG_LEVEL_CRITICAL, "*awaiting_report*");
  g_assert_false (prism_router_plan_next (plan, &step));
  g_test_assert_expected_messages ();

  g_assert_cmpuint (prism_router_plan_get_attempts (plan)->len, ==, 0);
}

static void
test_record_set_response (void)
{
  g_autoptr(PrismAttemptRecord) record = prism_attempt_record_new ("anthropic:claude-sonnet-4-5");
  PrismHttpResponse response = {
    .status = 529, .retry_after = (char *)"4", .retry_after_ms = (char *)"3500",
    .ttfb_us = 1000, .latency_us = 2000,
  };
  PrismRetryPolicy policy;
  guint64 delay_ms = 0;

  record->error = g_error_new_literal (PRISM_ERROR, PRISM_ERROR_OVERLOADED, "Overloaded");
  prism_attempt_record_set_response (record, &response);

  g_assert_cmpuint (record->http_status, ==, 529);
  g_assert_cmpstr (record->retry_after, ==, "4");
  g_assert_cmpstr (record->retry_after_ms, ==, "3500");
  g_assert_cmpint (record->latency_us, ==, 2000);
  /* The first byte is not the first token. */
  g_assert_cmpint (record->ttft_us, ==, -1);

  prism_retry_policy_init_default (&policy);
  g_assert_cmpint (prism_retry_policy_decide (&policy, record, 0, NULL, &delay_ms), ==, PRISM_RETRY_SAME_MODEL);
  g_assert_cmpuint (delay_ms, ==, 3500);
}

typedef struct
{
  gboolean done;
  gboolean ok;
  GError  *error;
} WaitResult;

static void
on_waited (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  WaitResult *wr = user_data;

  wr->ok = prism_retry_wait_finish (result, &wr->error);
  wr->done = TRUE;
}

static gboolean
cancel_now (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_wait (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  WaitResult wr = { 0 };
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  prism_retry_wait_async (150, cancellable, on_waited, &wr);
  while (!wr.done)
    g_main_context_iteration (NULL, TRUE);
  elapsed = g_get_monotonic_time () - start;

  g_assert_no_error (wr.error);
  g_assert_true (wr.ok);
  g_assert_cmpint (elapsed, >=, 150 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (elapsed, <, 2 * G_TIME_SPAN_SECOND);

  /* Cancelling afterwards changes nothing. */
  g_cancellable_cancel (cancellable);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_wait_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  WaitResult wr = { 0 };
  gint64 start = g_get_monotonic_time ();

  prism_retry_wait_async (30000, cancellable, on_waited, &wr);
  g_timeout_add (50, cancel_now, cancellable);
  while (!wr.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_error (wr.error, PRISM_ERROR, PRISM_ERROR_CANCELLED);
  g_assert_false (wr.ok);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_TIME_SPAN_SECOND);
  g_clear_error (&wr.error);

  /* Already cancelled: over at once. */
  wr.done = FALSE;
  prism_retry_wait_async (30000, cancellable, on_waited, &wr);
  while (!wr.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (wr.error, PRISM_ERROR, PRISM_ERROR_CANCELLED);
  g_clear_error (&wr.error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/prism/retry/defaults", test_defaults);
  g_test_add_func ("/prism/retry/backoff-ceilings", test_backoff_ceilings);
  g_test_add_func ("/prism/retry/backoff-random-bounds", test_backoff_random_bounds);
  g_test_add_func ("/prism/retry/retry-after-seconds", test_retry_after_seconds);
  g_test_add_func ("/prism/retry/retry-after-date", test_retry_after_date);
  g_test_add_func ("/prism/retry/retry-after-ms", test_retry_after_ms);
  g_test_add_func ("/prism/retry/status-rules", test_status_rules);
  g_test_add_func ("/prism/retry/decide", test_decide);
  g_test_add_func ("/prism/retry/decide-success", test_decide_success);
  g_test_add_func ("/prism/retry/record", test_record);
  g_test_add_func ("/prism/retry/record-set-response", test_record_set_response);
  g_test_add_func ("/prism/retry/wait", test_wait);
  g_test_add_func ("/prism/retry/wait-cancelled", test_wait_cancelled);
  g_test_add_func ("/prism/retry/plan-first-succeeds", test_plan_first_succeeds);
  g_test_add_func ("/prism/retry/plan-fallback-chain", test_plan_fallback_chain);
  g_test_add_func ("/prism/retry/plan-all-fail", test_plan_all_fail);
  g_test_add_func ("/prism/retry/plan-stops-after-token", test_plan_stops_after_token);
  g_test_add_func ("/prism/retry/plan-stops-when-cancelled", test_plan_stops_when_cancelled);
  g_test_add_func ("/prism/retry/plan-openrouter-group", test_plan_openrouter_group);
  g_test_add_func ("/prism/retry/plan-empty", test_plan_empty);
  g_test_add_func ("/prism/retry/plan-report-before-next", test_plan_report_before_next);

  return g_test_run ();
}
