/* prism-completion.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-completion"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "prism-completion.h"
#include "prism-error.h"
#include "prism-ndjson-parser.h"
#include "prism-sse-parser.h"

/* One answer to one prompt: the request goes to the first model of the
 * chain, is retried while nothing has arrived, falls back to the next
 * models, and streams its events to whoever listens. Every HTTP attempt
 * is recorded. Whatever arrived before a failure is kept, and the answer
 * is then partial, never complete.
 */
struct _PrismCompletion
{
  GObject                parent_instance;

  PrismClient           *client;
  PrismChatRequest      *request;
  GStrv                  models;
  char                  *project;

  GTask                 *task;
  GCancellable          *cancellable;
  gulong                 cancelled_id;
  PrismRouterPlan       *plan;
  guint                  delay_source;
  GDateTime             *started_at;
  gint64                 started_us;
  gint64                 first_token_us;
  gint64                 finished_us;

  /* The attempt under way. */
  PrismRouterStep        step;
  PrismAttemptRecord    *attempt;
  PrismProviderConfig   *config;
  PrismProtocol         *protocol;
  PrismStreamDecoder    *decoder;
  SoupMessage           *msg;
  PrismSseParser        *sse;
  PrismNdjsonParser     *ndjson;
  GByteArray            *whole_body;
  GPtrArray             *events;
  GError                *stream_error;
  char                  *api_key;
  char                  *model_id;
  gint64                 attempt_us;

  /* The answer. */
  PrismCompletionStatus  status;
  GString               *content;
  GString               *reasoning;
  GPtrArray             *tool_calls;
  PrismUsage             usage;
  double                 provider_cost;
  PrismFinishReason      finish_reason;
  char                  *raw_finish_reason;
  gboolean               have_finish_reason;
  char                  *served_by;
  char                  *answered_model;
  double                 cost;
  PrismPrices            prices;
  GError                *error;
};

G_DEFINE_FINAL_TYPE (PrismCompletion, prism_completion, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATUS,
  N_PROPS
};

enum {
  DELTA,
  ATTEMPT_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void start_next_step (PrismCompletion *self);

static void
set_str (char       **ptr,
         const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*ptr);
  *ptr = copy;
}

const char *
prism_completion_status_to_string (PrismCompletionStatus status)
{
  switch (status)
    {
    case PRISM_COMPLETION_PENDING:
      return "pending";
    case PRISM_COMPLETION_STREAMING:
      return "streaming";
    case PRISM_COMPLETION_COMPLETE:
      return "complete";
    case PRISM_COMPLETION_PARTIAL:
      return "partial";
    case PRISM_COMPLETION_ERROR:
      return "error";
    case PRISM_COMPLETION_CANCELLED:
      return "cancelled";
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
clear_key (char **key)
{
  g_clear_pointer (key, prism_keyring_free_key);
}

static void
clear_attempt_state (PrismCompletion *self)
{
  g_clear_pointer (&self->attempt, prism_attempt_record_free);
  g_clear_object (&self->config);
  g_clear_object (&self->decoder);
  g_clear_object (&self->msg);
  g_clear_pointer (&self->sse, prism_sse_parser_free);
  g_clear_pointer (&self->ndjson, prism_ndjson_parser_free);
  g_clear_pointer (&self->whole_body, g_byte_array_unref);
  g_clear_error (&self->stream_error);
  g_clear_pointer (&self->model_id, g_free);
  clear_key (&self->api_key);
  self->protocol = NULL;
}

static void
prism_completion_dispose (GObject *object)
{
  PrismCompletion *self = (PrismCompletion *)object;

  g_clear_handle_id (&self->delay_source, g_source_remove);
  if (self->cancelled_id != 0)
    g_cancellable_disconnect (self->cancellable, self->cancelled_id);
  self->cancelled_id = 0;
  clear_attempt_state (self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->task);
  g_clear_object (&self->client);
  g_clear_object (&self->request);

  G_OBJECT_CLASS (prism_completion_parent_class)->dispose (object);
}

static void
prism_completion_finalize (GObject *object)
{
  PrismCompletion *self = (PrismCompletion *)object;

  g_clear_pointer (&self->models, g_strfreev);
  g_clear_pointer (&self->project, g_free);
  g_clear_pointer (&self->plan, prism_router_plan_free);
  g_clear_pointer (&self->started_at, g_date_time_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_string_free (self->content, TRUE);
  g_string_free (self->reasoning, TRUE);
  g_clear_pointer (&self->tool_calls, g_ptr_array_unref);
  g_clear_pointer (&self->raw_finish_reason, g_free);
  g_clear_pointer (&self->served_by, g_free);
  g_clear_pointer (&self->answered_model, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (prism_completion_parent_class)->finalize (object);
}

static void
prism_completion_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PrismCompletion *self = PRISM_COMPLETION (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_completion_class_init (PrismCompletionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = prism_completion_dispose;
  object_class->finalize = prism_completion_finalize;
  object_class->get_property = prism_completion_get_property;

  /**
   * PrismCompletion:status:
   *
   * A #PrismCompletionStatus.
   */
  properties [PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL,
                      PRISM_COMPLETION_PENDING, PRISM_COMPLETION_CANCELLED,
                      PRISM_COMPLETION_PENDING,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PrismCompletion::delta:
   * @self: a #PrismCompletion
   * @event: the #PrismStreamEvent that arrived
   *
   * Emitted on the caller's main context for every event of the answer
   * as it arrives: content, reasoning, tool calls, usage, the finish.
   */
  signals [DELTA] =
    g_signal_new ("delta",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  PRISM_TYPE_STREAM_EVENT | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * PrismCompletion::attempt-finished:
   * @self: a #PrismCompletion
   * @attempt: the #PrismAttemptRecord of the attempt that ended
   *
   * Emitted when one HTTP attempt ends, in success or failure, before
   * the router decides what comes next.
   */
  signals [ATTEMPT_FINISHED] =
    g_signal_new ("attempt-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  PRISM_TYPE_ATTEMPT_RECORD | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
tool_call_free (PrismStreamEvent *call)
{
  prism_stream_event_free (call);
}

static void
prism_completion_init (PrismCompletion *self)
{
  self->content = g_string_new (NULL);
  self->reasoning = g_string_new (NULL);
  self->tool_calls = g_ptr_array_new_with_free_func ((GDestroyNotify)tool_call_free);
  self->events = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_stream_event_free);
  self->provider_cost = NAN;
  self->cost = NAN;
  self->first_token_us = -1;
  prism_prices_init_unknown (&self->prices);
}

/**
 * prism_completion_new:
 * @client: the #PrismClient that sends it
 * @models: (array zero-terminated=1): the model, then its fallbacks, each
 *   `PROVIDER:MODEL`
 * @request: what to ask
 *
 * Returns: (transfer full): a new #PrismCompletion, not started
 */
PrismCompletion *
prism_completion_new (PrismClient        *client,
                      const char * const *models,
                      PrismChatRequest   *request)
{
  PrismCompletion *self;

  g_return_val_if_fail (PRISM_IS_CLIENT (client), NULL);
  g_return_val_if_fail (models != NULL && models[0] != NULL, NULL);
  g_return_val_if_fail (PRISM_IS_CHAT_REQUEST (request), NULL);

  self = g_object_new (PRISM_TYPE_COMPLETION, NULL);
  self->client = g_object_ref (client);
  self->request = g_object_ref (request);
  self->models = g_strdupv ((char **)models);

  return self;
}

/**
 * prism_completion_set_project:
 * @self: a #PrismCompletion
 * @project: (nullable): the project whose own keys are used first
 */
void
prism_completion_set_project (PrismCompletion *self,
                              const char      *project)
{
  g_return_if_fail (PRISM_IS_COMPLETION (self));

  set_str (&self->project, project);
}

static void
set_status (PrismCompletion       *self,
            PrismCompletionStatus  status)
{
  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATUS]);
}

static gboolean
is_cancelled_error (const GError *error)
{
  return g_error_matches (error, PRISM_ERROR, PRISM_ERROR_CANCELLED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static double
elapsed_ms (gint64 from_us,
            gint64 to_us)
{
  if (from_us < 0 || to_us < from_us)
    return NAN;

  return (to_us - from_us) / 1000.0;
}

static void
compute_cost (PrismCompletion *self)
{
  const char *model = self->answered_model ? self->answered_model : self->models[0];

  /* Prices are those of the model asked; an OpenRouter `models` list or a
   * provider's dated snapshot names another, tried when the first has none.
   */
  if (!prism_client_resolve_prices (self->client, model, &self->prices) && self->served_by != NULL)
    prism_client_resolve_prices (self->client, self->served_by, &self->prices);

  if (!isnan (self->provider_cost))
    {
      self->cost = self->provider_cost;
      self->prices.source = PRISM_COST_SOURCE_PROVIDER;
      return;
    }

  if (self->usage.known && prism_prices_is_known (&self->prices))
    {
      self->cost = prism_cost_compute (&self->prices, &self->usage);
      return;
    }

  self->cost = NAN;
  self->prices.source = PRISM_COST_SOURCE_UNKNOWN;
}

static void
finish_completion (PrismCompletion *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  const GError *plan_error;

  g_clear_handle_id (&self->delay_source, g_source_remove);
  if (self->cancelled_id != 0)
    g_cancellable_disconnect (self->cancellable, self->cancelled_id);
  self->cancelled_id = 0;

  self->finished_us = g_get_monotonic_time ();

  plan_error = self->plan ? prism_router_plan_get_error (self->plan) : NULL;
  if (self->error == NULL && plan_error != NULL && !prism_router_plan_succeeded (self->plan))
    self->error = g_error_copy (plan_error);

  compute_cost (self);

  if (self->error == NULL)
    set_status (self, PRISM_COMPLETION_COMPLETE);
  else if (is_cancelled_error (self->error))
    set_status (self, PRISM_COMPLETION_CANCELLED);
  else if (self->content->len > 0 || self->reasoning->len > 0 || self->tool_calls->len > 0)
    set_status (self, PRISM_COMPLETION_PARTIAL);
  else
    set_status (self, PRISM_COMPLETION_ERROR);

  clear_attempt_state (self);

  if (self->error != NULL)
    g_task_return_error (task, g_error_copy (self->error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
note_first_token (PrismCompletion *self)
{
  if (self->first_token_us < 0)
    self->first_token_us = g_get_monotonic_time ();
  if (self->attempt->ttft_us < 0)
    self->attempt->ttft_us = g_get_monotonic_time () - self->attempt_us;
  self->attempt->got_token = TRUE;
  set_status (self, PRISM_COMPLETION_STREAMING);
}

static void
set_served_by (PrismCompletion  *self,
               const char       *served_model)
{
  g_autofree char *served = NULL;

  if (served_model == NULL || *served_model == '\0')
    return;

  /* OpenRouter names the model that answered without its own prefix;
   * a direct provider may report a dated snapshot of the model asked.
   */
  served = g_strdup_printf ("%s:%s", prism_provider_config_get_id (self->config), served_model);
  set_str (&self->served_by, served);
  set_str (&self->attempt->served_by, served);
}

static void
handle_event (PrismCompletion  *self,
              PrismStreamEvent *event)
{
  switch (event->kind)
    {
    case PRISM_STREAM_EVENT_CONTENT:
      if (event->text == NULL || event->text[0] == '\0')
        return;
      note_first_token (self);
      g_string_append (self->content, event->text);
      break;

    case PRISM_STREAM_EVENT_REASONING:
      if (event->text == NULL || event->text[0] == '\0')
        return;
      note_first_token (self);
      g_string_append (self->reasoning, event->text);
      break;

    case PRISM_STREAM_EVENT_TOOL_CALL:
      note_first_token (self);
      g_ptr_array_add (self->tool_calls, prism_stream_event_copy (event));
      break;

    case PRISM_STREAM_EVENT_USAGE:
      /* Every protocol's decoder hands over the request's whole usage, so
       * a later report replaces an earlier one (cumulative counts).
       */
      self->usage = event->usage;
      self->usage.known = TRUE;
      if (!isnan (event->provider_cost))
        self->provider_cost = event->provider_cost;
      break;

    case PRISM_STREAM_EVENT_FINISH:
      self->finish_reason = event->finish_reason;
      set_str (&self->raw_finish_reason, event->raw_finish_reason);
      self->have_finish_reason = TRUE;
      set_served_by (self, event->served_model);
      break;

    case PRISM_STREAM_EVENT_ERROR:
      if (self->stream_error == NULL && event->error != NULL)
        self->stream_error = g_error_copy (event->error);
      set_served_by (self, event->served_model);
      break;

    default:
      g_return_if_reached ();
    }

  g_signal_emit (self, signals [DELTA], 0, event);
}

static void
handle_events (PrismCompletion *self)
{
  for (guint i = 0; i < self->events->len; i++)
    handle_event (self, g_ptr_array_index (self->events, i));
  g_ptr_array_set_size (self->events, 0);
}

static void
sse_event_cb (const char *event_type,
              const char *data,
              gsize       data_len,
              const char *last_event_id,
              gpointer    user_data)
{
  PrismCompletion *self = user_data;

  if (self->stream_error != NULL)
    return;

  if (!prism_stream_decoder_feed_sse (self->decoder, event_type, data, data_len,
                                      self->events, &self->stream_error))
    return;

  handle_events (self);
}

static void
ndjson_line_cb (const char *line,
                gsize       len,
                gpointer    user_data)
{
  PrismCompletion *self = user_data;

  if (self->stream_error != NULL)
    return;

  if (!prism_stream_decoder_feed_line (self->decoder, line, len, self->events, &self->stream_error))
    return;

  handle_events (self);
}

static gboolean
chunk_cb (const guint8  *data,
          gsize          len,
          gpointer       user_data,
          GError       **error)
{
  PrismCompletion *self = user_data;
  gboolean ok;

  /* A base URL that leads to a web site answers 200 with a page: say so
   * rather than "the stream ended early".
   */
  if (self->attempt->ttft_us < 0 && self->msg != NULL)
    {
      const char *type = soup_message_headers_get_content_type (soup_message_get_response_headers (self->msg), NULL);

      if (type != NULL && g_ascii_strcasecmp (type, "text/html") == 0)
        {
          g_set_error (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL,
                       _("%s answered with a web page instead of a model's answer. Check the provider's base URL (%s)."),
                       prism_provider_config_get_name (self->config),
                       prism_provider_config_get_base_url (self->config));
          return FALSE;
        }
    }

  if (self->whole_body != NULL)
    {
      g_byte_array_append (self->whole_body, data, len);
      return TRUE;
    }

  if (self->sse != NULL)
    ok = prism_sse_parser_feed (self->sse, (const char *)data, len, error);
  else
    ok = prism_ndjson_parser_feed (self->ndjson, (const char *)data, len, error);

  if (!ok)
    return FALSE;

  /* A malformed event or an error the provider sent inside the stream
   * ends the attempt at once; what arrived before it stays.
   */
  if (self->stream_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->stream_error));
      return FALSE;
    }

  return TRUE;
}

static void
report_attempt (PrismCompletion *self,
                GError          *error)
{
  PrismRetryDecision decision;

  if (error != NULL && self->attempt->error == NULL)
    self->attempt->error = g_error_copy (error);

  set_str (&self->answered_model, self->step.model);

  if (self->attempt->error != NULL)
    {
      if (self->attempt->http_status == 0)
        self->attempt->http_status = prism_error_get_http_status (self->attempt->error);
      if (self->attempt->retry_after == NULL && prism_error_get_retry_after (self->attempt->error) >= 0)
        self->attempt->retry_after = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                      prism_error_get_retry_after (self->attempt->error));
    }

  if (self->attempt->latency_us < 0 && self->attempt_us > 0)
    self->attempt->latency_us = g_get_monotonic_time () - self->attempt_us;

  g_signal_emit (self, signals [ATTEMPT_FINISHED], 0, self->attempt);

  decision = prism_router_plan_report (self->plan, self->attempt);

  if (decision == PRISM_RETRY_STOP || g_cancellable_is_cancelled (self->cancellable))
    {
      if (self->attempt->error != NULL && self->error == NULL)
        self->error = g_error_copy (self->attempt->error);
      finish_completion (self);
      return;
    }

  clear_attempt_state (self);
  start_next_step (self);
}

static void
stream_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PrismCompletion) self = user_data;
  g_autoptr(PrismHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  if (!prism_http_client_stream_finish (PRISM_HTTP_CLIENT (object), result, &response, &error))
    {
      if (response != NULL)
        self->attempt->http_status = response->status;
      /* The chunk function stopped on the provider's own in-stream error
       * or on a malformed event; a cancelled request is cancelled.
       */
      if (g_cancellable_is_cancelled (self->cancellable) &&
          !g_error_matches (error, PRISM_ERROR, PRISM_ERROR_CANCELLED))
        {
          g_clear_error (&error);
          error = g_error_new_literal (PRISM_ERROR, PRISM_ERROR_CANCELLED, _("The request was stopped."));
        }
      report_attempt (self, error);
      return;
    }

  self->attempt->http_status = response->status;
  self->attempt->latency_us = response->latency_us;

  if (!prism_http_response_is_success (response))
    {
      g_autoptr(GError) http_error = NULL;

      http_error = prism_protocol_parse_error (self->protocol,
                                               response->status,
                                               response->content_type,
                                               response->body,
                                               response->retry_after,
                                               self->api_key);
      set_str (&self->attempt->retry_after, response->retry_after);
      set_str (&self->attempt->retry_after_ms, response->retry_after_ms);
      report_attempt (self, http_error);
      return;
    }

  if (self->whole_body != NULL)
    {
      g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&self->whole_body));

      if (!prism_stream_decoder_decode_whole (self->decoder, body, self->events, &error))
        {
          report_attempt (self, error);
          return;
        }
      handle_events (self);
    }
  else
    {
      gboolean ok;

      if (self->sse != NULL)
        ok = prism_sse_parser_finish (self->sse, &error);
      else
        ok = prism_ndjson_parser_finish (self->ndjson, &error);

      if (ok && self->stream_error == NULL)
        {
          ok = prism_stream_decoder_finish (self->decoder, self->events, &error);
          handle_events (self);
        }

      if (self->stream_error != NULL)
        {
          g_clear_error (&error);
          error = g_steal_pointer (&self->stream_error);
          ok = FALSE;
        }

      if (!ok)
        {
          report_attempt (self, error);
          return;
        }
    }

  if (self->stream_error != NULL)
    {
      error = g_steal_pointer (&self->stream_error);
      report_attempt (self, error);
      return;
    }

  report_attempt (self, NULL);
}

/* The OpenRouter preferences of providers.ini apply where the request
 * sets none of its own.
 */
static void
apply_openrouter_defaults (PrismCompletion *self)
{
  const char *sort = prism_provider_config_get_provider_sort (self->config);
  const char *data_collection = prism_provider_config_get_data_collection (self->config);
  gboolean allow;

  if (prism_provider_config_get_protocol (self->config) != PRISM_PROTOCOL_KIND_OPENROUTER)
    return;

  if (sort != NULL && prism_chat_request_get_provider_sort (self->request) == NULL)
    prism_chat_request_set_provider_sort (self->request, sort);
  if (data_collection != NULL && prism_chat_request_get_provider_data_collection (self->request) == NULL)
    prism_chat_request_set_provider_data_collection (self->request, data_collection);
  if (!prism_provider_config_get_allow_fallbacks (self->config) &&
      !prism_chat_request_get_provider_allow_fallbacks (self->request, &allow))
    prism_chat_request_set_provider_allow_fallbacks (self->request, FALSE);
}

static void
send_attempt (PrismCompletion *self)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fallbacks = NULL;
  g_auto(GStrv) saved_fallbacks = NULL;
  gboolean group = self->step.n_models > 1;

  self->protocol = prism_client_get_protocol (self->client, self->config);
  apply_openrouter_defaults (self);

  /* An OpenRouter chain goes out as one request whose `models` list
   * falls back on OpenRouter's side.
   */
  if (group)
    {
      saved_fallbacks = g_strdupv ((char **)prism_chat_request_get_fallback_models (self->request));
      fallbacks = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 1; i < self->step.n_models; i++)
        {
          g_autofree char *model_id = NULL;

          if (prism_provider_registry_resolve_model (prism_client_get_registry (self->client),
                                                     self->step.models[i], NULL, &model_id, NULL))
            g_ptr_array_add (fallbacks, g_steal_pointer (&model_id));
        }
      g_ptr_array_add (fallbacks, NULL);
      prism_chat_request_set_fallback_models (self->request, (const char * const *)fallbacks->pdata);
    }

  msg = prism_protocol_build_chat_message (self->protocol,
                                           prism_provider_config_get_base_url (self->config),
                                           self->model_id,
                                           self->api_key,
                                           self->request,
                                           &error);

  if (group)
    prism_chat_request_set_fallback_models (self->request, (const char * const *)saved_fallbacks);

  if (msg == NULL)
    {
      report_attempt (self, error);
      return;
    }

  self->decoder = prism_protocol_create_decoder (self->protocol);
  if (!prism_chat_request_get_stream (self->request))
    self->whole_body = g_byte_array_new ();
  else if (prism_protocol_get_framing (self->protocol) == PRISM_STREAM_FRAMING_SSE)
    self->sse = prism_sse_parser_new (sse_event_cb, self);
  else
    self->ndjson = prism_ndjson_parser_new (ndjson_line_cb, self);

  self->attempt_us = g_get_monotonic_time ();
  self->attempt->started_at = g_date_time_new_now_utc ();
  self->msg = g_object_ref (msg);

  prism_http_client_stream_async (prism_client_get_http_client (self->client),
                                  msg,
                                  prism_client_get_timeouts (self->client),
                                  chunk_cb, self, NULL,
                                  self->cancellable,
                                  stream_cb,
                                  g_object_ref (self));
}

static void
lookup_key_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PrismCompletion) self = user_data;
  g_autoptr(GError) error = NULL;

  self->api_key = prism_client_lookup_key_finish (PRISM_CLIENT (object), result, &error);
  if (error != NULL)
    {
      report_attempt (self, error);
      return;
    }

  send_attempt (self);
}

static void
begin_attempt (PrismCompletion *self)
{
  g_autoptr(GError) error = NULL;
  PrismProviderConfig *config = NULL;

  self->attempt = prism_attempt_record_new (self->step.model);
  self->attempt->ttft_us = -1;
  self->attempt->latency_us = -1;
  self->attempt->delay_ms = self->step.delay_ms;
  self->attempt_us = 0;

  if (!prism_provider_registry_resolve_model (prism_client_get_registry (self->client),
                                              self->step.model, &config, &self->model_id, &error))
    {
      report_attempt (self, error);
      return;
    }

  self->config = g_object_ref (config);
  set_str (&self->attempt->provider, prism_provider_config_get_id (config));

  prism_client_lookup_key_async (self->client, config, self->project, self->cancellable,
                                 lookup_key_cb, g_object_ref (self));
}

static gboolean
delay_done_cb (gpointer user_data)
{
  PrismCompletion *self = user_data;

  self->delay_source = 0;
  begin_attempt (self);

  return G_SOURCE_REMOVE;
}

static void
start_next_step (PrismCompletion *self)
{
  if (!prism_router_plan_next (self->plan, &self->step))
    {
      finish_completion (self);
      return;
    }

  if (self->step.delay_ms > 0)
    {
      self->delay_source = g_timeout_add_full (G_PRIORITY_DEFAULT, self->step.delay_ms,
                                               delay_done_cb, self, NULL);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->delay_source),
                                "[prism] retry delay");
      return;
    }

  begin_attempt (self);
}

static gboolean
cancelled_idle_cb (gpointer user_data)
{
  PrismCompletion *self = user_data;

  /* Only a wait between attempts needs waking: a request under way or a
   * keyring look-up ends by itself with the cancelled error.
   */
  if (self->delay_source != 0 && self->task != NULL)
    {
      g_clear_handle_id (&self->delay_source, g_source_remove);
      self->error = g_error_new_literal (PRISM_ERROR, PRISM_ERROR_CANCELLED, _("The request was stopped."));
      finish_completion (self);
    }

  return G_SOURCE_REMOVE;
}

static void
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  PrismCompletion *self = user_data;

  /* GCancellable may fire on another thread; act on the completion's own. */
  g_main_context_invoke_full (g_task_get_context (self->task), G_PRIORITY_DEFAULT,
                              cancelled_idle_cb, g_object_ref (self), g_object_unref);
}

/**
 * prism_completion_run_async:
 * @self: a #PrismCompletion, not started yet
 * @cancellable: (nullable): stops the answer; what arrived is kept
 * @callback: called when the answer is over
 * @user_data: data for @callback
 *
 * Sends the request and streams the answer. #PrismCompletion::delta is
 * emitted for each event as it arrives, on the thread-default main
 * context of the caller.
 */
void
prism_completion_run_async (PrismCompletion     *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (PRISM_IS_COMPLETION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (self->task == NULL && self->plan == NULL);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, prism_completion_run_async);
  /* What arrived before a cancellation is reported with PRISM_ERROR's own
   * cancelled error, not GIO's.
   */
  g_task_set_check_cancellable (self->task, FALSE);
  self->cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
  self->plan = prism_router_plan_new ((const char * const *)self->models,
                                      prism_client_get_retry_policy (self->client),
                                      PRISM_ROUTER_PLAN_GROUP_OPENROUTER);
  self->started_at = g_date_time_new_now_local ();
  self->started_us = g_get_monotonic_time ();

  if (cancellable != NULL)
    self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), self, NULL);

  start_next_step (self);
}

/**
 * prism_completion_run_finish:
 * @self: a #PrismCompletion
 * @result: the result given to the callback
 * @error: why the answer did not complete
 *
 * Returns: %TRUE when the provider finished the answer
 */
gboolean
prism_completion_run_finish (PrismCompletion  *self,
                             GAsyncResult     *result,
                             GError          **error)
{
  g_return_val_if_fail (PRISM_IS_COMPLETION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

const char * const *
prism_completion_get_models (PrismCompletion *self)
{
  g_return_val_if_fail (PRISM_IS_COMPLETION (self), NULL);

  return (const char * const *)self->models;
}

/**
 * prism_completion_get_model:
 * @self: a #PrismCompletion
 *
 * Returns: the model asked first
 */
const char *
prism_completion_get_model (PrismCompletion *self)
{
  g_return_val_if_fail (PRISM_IS_COMPLETION (self), NULL);

  return self->models[0];
}

/**
 * prism_completion_get_served_by:
 * @self: a #PrismCompletion
 *
 * Returns: the model that answered, which differs from the one asked
 *   after a fallback; the first model when none answered yet
 */
const char *
prism_completion_get_served_by (PrismCompletion *self)
{
  g_return_val_if_fail (PRISM_IS_COMPLETION (self), NULL);

  if (self->served_by != NULL)
    return self->served_by;
  if (self->answered_model != NULL)
    return self->answered_model;

  return self->models[0];
}

PrismCompletionStatus
prism_completion_get_status (PrismCompletion *self)
{
  g_return_val_if_fail (PRISM_IS_COMPLETION (self), PRISM_COMPLETION_ERROR);

  return self->status;
}

const char *
prism_completion_get_content (PrismCompletion *self)
{
  g_return_val_if_fail (PRISM_IS_COMPLETION (self), NULL);

  return self->content->str;
}

/**
 * prism_completion_get_reasoning:
 * @self: a #PrismCompletion
 *
 * Returns: (nullable): the reasoning the model showed, %NULL when none
 */
const char *
prism_completion_get_reasoning (PrismCompletion *self)
{
  g_return_val_if_fail (PRISM_IS_COMPLETION (self), NULL);

  return self->reasoning->len > 0 ? self->reasoning->str : NULL;
}

/**
 * prism_completion_get_tool_calls:
 * @self: a #PrismCompletion
 *
 * Returns: (transfer none) (element-type PrismStreamEvent): the pieces
 *   of the tool calls, in the order they arrived
 */
GPtrArray *
prism_completion_get_tool_calls (PrismCompletion *self)
{
  g_return_val_if_fail (PRISM_IS_COMPLETION (self), NULL);

  return self->tool_calls;
}

gboolean
prism_completion_get_finish_reason (PrismCompletion    *self,
                                    PrismFinishReason  *reason,
                                    const char        **raw_reason)
{
  g_return_val_if_fail (PRISM_IS_COMPLETION (self), FALSE);

  if (reason != NULL)
    *reason = self->finish_reason;
  if (raw_reason != NULL)
    *raw_reason = self->raw_finish_reason;

  return self->have_finish_reason;
}

/**
 * prism_completion_get_usage:
 * @self: a #PrismCompletion
 *
 * Returns: the token counts; `known` is %FALSE when the provider
 *   reported none
 */
const PrismUsage *
prism_completion_get_usage (PrismCompletion *self)
{
  g_return_val_if_fail (PRISM_IS_COMPLETION (self), NULL);

  return &self->usage;
}

/**
 * prism_completion_get_cost:
 * @self: a #PrismCompletion
 * @source: (out) (optional): where the figure came from
 *
 * Returns: the cost in USD, NAN when unknown (never 0 for unknown)
 */
double
prism_completion_get_cost (PrismCompletion *self,
                           PrismCostSource *source)
{
  g_return_val_if_fail (PRISM_IS_COMPLETION (self), NAN);

  if (source != NULL)
    *source = self->prices.source;

  return self->cost;
}

/**
 * prism_completion_get_prices:
 * @self: a #PrismCompletion
 *
 * Returns: the prices the cost was computed with, kept with the request
 *   so that a later change of prices never rewrites past spend
 */
const PrismPrices *
prism_completion_get_prices (PrismCompletion *self)
{
  g_return_val_if_fail (PRISM_IS_COMPLETION (self), NULL);

  return &self->prices;
}

/**
 * prism_completion_get_ttft_ms:
 * @self: a #PrismCompletion
 *
 * Time to first token as the person waits it: from sending the first
 * attempt (retries and fallbacks included) to the first token of the
 * answer, reasoning included.
 *
 * Returns: milliseconds, NAN when no token arrived
 */
double
prism_completion_get_ttft_ms (PrismCompletion *self)
{
  g_return_val_if_fail (PRISM_IS_COMPLETION (self), NAN);

  return elapsed_ms (self->started_us, self->first_token_us);
}

/**
 * prism_completion_get_latency_ms:
 * @self: a #PrismCompletion
 *
 * Returns: milliseconds from sending until the answer ended, NAN while
 *   it runs
 */
double
prism_completion_get_latency_ms (PrismCompletion *self)
{
  g_return_val_if_fail (PRISM_IS_COMPLETION (self), NAN);

  if (self->finished_us == 0)
    return NAN;

  return elapsed_ms (self->started_us, self->finished_us);
}

/**
 * prism_completion_get_tokens_per_second:
 * @self: a #PrismCompletion
 *
 * Output tokens per second from the first token to the end, the speed a
 * person sees text arrive.
 *
 * Returns: tokens per second, NAN when unknown
 */
double
prism_completion_get_tokens_per_second (PrismCompletion *self)
{
  double seconds;

  g_return_val_if_fail (PRISM_IS_COMPLETION (self), NAN);

  if (!self->usage.known || self->first_token_us < 0 || self->finished_us <= self->first_token_us)
    return NAN;

  seconds = (self->finished_us - self->first_token_us) / (double)G_USEC_PER_SEC;

  return self->usage.output_tokens / seconds;
}

/**
 * prism_completion_get_attempts:
 * @self: a #PrismCompletion
 *
 * Returns: (transfer none) (element-type PrismAttemptRecord): every HTTP
 *   attempt so far, retries and fallbacks included
 */
GPtrArray *
prism_completion_get_attempts (PrismCompletion *self)
{
  g_return_val_if_fail (PRISM_IS_COMPLETION (self), NULL);

  if (self->plan == NULL)
    return NULL;

  return prism_router_plan_get_attempts (self->plan);
}

/**
 * prism_completion_get_error:
 * @self: a #PrismCompletion
 *
 * Returns: (nullable): why the answer did not complete
 */
const GError *
prism_completion_get_error (PrismCompletion *self)
{
  g_return_val_if_fail (PRISM_IS_COMPLETION (self), NULL);

  return self->error;
}

/**
 * prism_completion_get_started_at:
 * @self: a #PrismCompletion
 *
 * Returns: (nullable): when it was sent, local time
 */
GDateTime *
prism_completion_get_started_at (PrismCompletion *self)
{
  g_return_val_if_fail (PRISM_IS_COMPLETION (self), NULL);

  return self->started_at;
}
