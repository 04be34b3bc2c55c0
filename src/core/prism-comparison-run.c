/* prism-comparison-run.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-comparison-run"

#include "config.h"

#include "prism-comparison-run.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "prism-comparison-pane-private.h"
#include "prism-comparison-run-private.h"
#include "prism-error.h"
#include "prism-format.h"
#include "prism-recorder.h"

/* One prompt sent to 2–6 models at once, each answer in its own pane.
 * The history gets what prism-cli ask writes for several models: the
 * prompt, a comparison group, and one assistant message per answer
 * through a PrismRecorder, so a comparison made in the window and one
 * made on the command line read back the same. Each pane has its own
 * cancellable: stopping one, or one failing, leaves the others running.
 */

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PrismComparisonRun, prism_comparison_run, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_COMPARISON_ID,
  N_PROPS
};

enum {
  PANE_FINISHED,
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

typedef struct
{
  PrismComparisonRun  *self;
  PrismComparisonPane *pane;
} PaneRun;

static GType
get_item_type (GListModel *model)
{
  return PRISM_TYPE_COMPARISON_PANE;
}

static guint
get_n_items (GListModel *model)
{
  return PRISM_COMPARISON_RUN (model)->panes->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  PrismComparisonRun *self = PRISM_COMPARISON_RUN (model);

  if (position >= self->panes->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->panes, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
prism_comparison_run_dispose (GObject *object)
{
  PrismComparisonRun *self = (PrismComparisonRun *)object;

  g_clear_pointer (&self->panes, g_ptr_array_unref);
  g_clear_pointer (&self->conversation, prism_conversation_free);
  g_clear_object (&self->request);
  g_clear_object (&self->client);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (prism_comparison_run_parent_class)->dispose (object);
}

static void
prism_comparison_run_finalize (GObject *object)
{
  PrismComparisonRun *self = (PrismComparisonRun *)object;

  g_clear_pointer (&self->prompt, g_free);
  g_clear_pointer (&self->system_prompt, g_free);
  g_clear_pointer (&self->conversation_id, g_free);
  g_clear_pointer (&self->prompt_id, g_free);
  g_clear_pointer (&self->comparison_id, g_free);

  G_OBJECT_CLASS (prism_comparison_run_parent_class)->finalize (object);
}

static void
prism_comparison_run_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PrismComparisonRun *self = PRISM_COMPARISON_RUN (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->n_running > 0);
      break;
    case PROP_COMPARISON_ID:
      g_value_set_string (value, self->comparison_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_comparison_run_class_init (PrismComparisonRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = prism_comparison_run_dispose;
  object_class->finalize = prism_comparison_run_finalize;
  object_class->get_property = prism_comparison_run_get_property;

  properties [PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_COMPARISON_ID] =
    g_param_spec_string ("comparison-id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PrismComparisonRun::pane-finished:
   * @self: the comparison
   * @pane: the pane whose answer ended, and is in the history
   */
  signals [PANE_FINISHED] =
    g_signal_new ("pane-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, PRISM_TYPE_COMPARISON_PANE);

  /**
   * PrismComparisonRun::finished:
   * @self: the comparison
   *
   * Every pane has ended (again, after a retry).
   */
  signals [FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
prism_comparison_run_init (PrismComparisonRun *self)
{
  self->panes = g_ptr_array_new_with_free_func (g_object_unref);
  self->max_tokens = -1;
  self->project_id = PRISM_STORE_DEFAULT_PROJECT;
  self->cost_cap = NAN;
}

/**
 * prism_comparison_run_new:
 * @client: the client that sends the requests
 * @store: the history
 * @conversation_id: (nullable): a stored conversation to continue, or
 *   %NULL for a new one titled after @prompt
 * @prompt: what the person asks
 * @models: 2 to 6 models, `PROVIDER:MODEL`; one may appear more than
 *   once to see how its answers vary
 * @error: a %PRISM_ERROR_CONFIG error saying what is wrong
 *
 * Checks what can be checked without sending; nothing is stored until
 * prism_comparison_run_start().
 *
 * Returns: (transfer full) (nullable): a new #PrismComparisonRun
 */
PrismComparisonRun *
prism_comparison_run_new (PrismClient         *client,
                          PrismStore          *store,
                          const char          *conversation_id,
                          const char          *prompt,
                          const char * const  *models,
                          GError             **error)
{
  g_autoptr(PrismComparisonRun) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *stripped = NULL;
  guint n_models;

  g_return_val_if_fail (PRISM_IS_CLIENT (client), NULL);
  g_return_val_if_fail (PRISM_IS_STORE (store), NULL);
  g_return_val_if_fail (prompt != NULL, NULL);
  g_return_val_if_fail (models != NULL, NULL);

  n_models = g_strv_length ((char **)models);
  if (n_models < PRISM_COMPARISON_MIN_MODELS || n_models > PRISM_COMPARISON_MAX_MODELS)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("A comparison takes 2 to 6 models, not %u. Add or remove models."), n_models);
      return NULL;
    }

  stripped = g_strstrip (g_strdup (prompt));
  if (*stripped == '\0')
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG, _("The prompt is empty. Type what to ask."));
      return NULL;
    }

  for (guint i = 0; i < n_models; i++)
    if (!prism_client_check_model (client, models[i], error))
      return NULL;

  self = g_object_new (PRISM_TYPE_COMPARISON_RUN, NULL);
  self->client = g_object_ref (client);
  self->store = g_object_ref (store);
  self->prompt = g_strdup (prompt);

  if (conversation_id != NULL)
    {
      self->conversation = prism_store_get_conversation (store, conversation_id, &local_error);
      if (self->conversation == NULL)
        {
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                         _("There is no conversation “%s”; it may have been deleted."), conversation_id);
          return NULL;
        }
    }

  for (guint i = 0; i < n_models; i++)
    g_ptr_array_add (self->panes, _prism_comparison_pane_new (i, models[i]));

  return g_steal_pointer (&self);
}

void
prism_comparison_run_set_system_prompt (PrismComparisonRun *self,
                                        const char         *system_prompt)
{
  g_return_if_fail (PRISM_IS_COMPARISON_RUN (self));
  g_return_if_fail (self->request == NULL);

  g_free (self->system_prompt);
  self->system_prompt = g_strdup (system_prompt);
}

/**
 * prism_comparison_run_set_max_tokens:
 * @self: a #PrismComparisonRun, not started
 * @max_tokens: the most tokens each answer may have, or -1 for the
 *   provider's default
 */
void
prism_comparison_run_set_max_tokens (PrismComparisonRun *self,
                                     gint64              max_tokens)
{
  g_return_if_fail (PRISM_IS_COMPARISON_RUN (self));
  g_return_if_fail (self->request == NULL);

  self->max_tokens = max_tokens > 0 ? max_tokens : -1;
}

void
prism_comparison_run_set_project_id (PrismComparisonRun *self,
                                     gint64              project_id)
{
  g_return_if_fail (PRISM_IS_COMPARISON_RUN (self));
  g_return_if_fail (self->request == NULL);

  self->project_id = project_id;
}

/**
 * prism_comparison_run_set_cost_cap:
 * @self: a #PrismComparisonRun
 * @cap_usd: the most the whole comparison may be expected to cost, in
 *   USD, or NAN for no cap
 *
 * With a cap, prism_comparison_run_start() sends nothing when the
 * estimate is above it, or when a model's prices are not known.
 */
void
prism_comparison_run_set_cost_cap (PrismComparisonRun *self,
                                   double              cap_usd)
{
  g_return_if_fail (PRISM_IS_COMPARISON_RUN (self));
  g_return_if_fail (isnan (cap_usd) || cap_usd >= 0);

  self->cost_cap = cap_usd;
}

double
prism_comparison_run_get_cost_cap (PrismComparisonRun *self)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_RUN (self), NAN);

  return self->cost_cap;
}

static void
add_history (PrismChatRequest  *request,
             PrismConversation *conversation)
{
  g_autoptr(GPtrArray) path = prism_conversation_get_path (conversation, NULL);

  for (guint i = 0; i < path->len; i++)
    {
      PrismMessage *message = g_ptr_array_index (path, i);

      /* A failed answer with no text is not part of what the model saw. */
      if (message->content == NULL || message->content[0] == '\0')
        continue;

      if (g_str_equal (message->role, "user"))
        prism_chat_request_add_text (request, PRISM_CHAT_ROLE_USER, message->content);
      else if (g_str_equal (message->role, "assistant"))
        prism_chat_request_add_text (request, PRISM_CHAT_ROLE_ASSISTANT, message->content);
      else if (g_str_equal (message->role, "system") && prism_chat_request_get_system_prompt (request) == NULL)
        prism_chat_request_set_system_prompt (request, message->content);
    }
}

static PrismChatRequest *
build_request (PrismComparisonRun *self)
{
  PrismChatRequest *request = prism_chat_request_new ();

  if (self->system_prompt != NULL)
    prism_chat_request_set_system_prompt (request, self->system_prompt);
  if (self->max_tokens > 0)
    prism_chat_request_set_max_tokens (request, self->max_tokens);
  prism_chat_request_set_stream (request, TRUE);
  if (self->conversation != NULL)
    add_history (request, self->conversation);
  prism_chat_request_add_text (request, PRISM_CHAT_ROLE_USER, self->prompt);

  return request;
}

/* About four characters a token in English text and code, the rule of
 * thumb the providers' own documentation gives, plus a few tokens of
 * framing per message. An estimate to warn with, not a bill.
 */
static gint64
estimate_text_tokens (const char *text)
{
  if (text == NULL)
    return 0;

  return (g_utf8_strlen (text, -1) + 3) / 4 + 4;
}

/**
 * prism_comparison_run_estimate_input_tokens:
 * @self: a #PrismComparisonRun
 *
 * Returns: about how many tokens each model reads: the conversation so
 *   far, the system prompt and the prompt
 */
gint64
prism_comparison_run_estimate_input_tokens (PrismComparisonRun *self)
{
  g_autoptr(PrismChatRequest) request = NULL;
  gint64 tokens = 0;

  g_return_val_if_fail (PRISM_IS_COMPARISON_RUN (self), 0);

  request = build_request (self);
  tokens += estimate_text_tokens (prism_chat_request_get_system_prompt (request));
  if (self->conversation != NULL)
    {
      g_autoptr(GPtrArray) path = prism_conversation_get_path (self->conversation, NULL);

      for (guint i = 0; i < path->len; i++)
        {
          PrismMessage *message = g_ptr_array_index (path, i);

          if (message->content != NULL && message->content[0] != '\0')
            tokens += estimate_text_tokens (message->content);
        }
    }
  tokens += estimate_text_tokens (self->prompt);

  return tokens;
}

/**
 * prism_comparison_run_estimate_output_tokens:
 * @self: a #PrismComparisonRun
 *
 * Returns: the most tokens each answer is counted with: the maximum set,
 *   or %PRISM_COMPARISON_DEFAULT_OUTPUT_TOKENS
 */
gint64
prism_comparison_run_estimate_output_tokens (PrismComparisonRun *self)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_RUN (self), 0);

  return self->max_tokens > 0 ? self->max_tokens : PRISM_COMPARISON_DEFAULT_OUTPUT_TOKENS;
}

/**
 * prism_comparison_run_estimate_cost:
 * @self: a #PrismComparisonRun
 * @n_unknown: (out) (optional): how many panes' models have no known
 *   prices; they are not in the sum
 *
 * Estimates the whole fan-out before it is sent, from the prices of
 * providers.ini, the live catalog or the bundled table: the estimated
 * prompt tokens at the input price plus the output tokens of
 * prism_comparison_run_estimate_output_tokens() at the output price, for
 * every pane. Each pane's own estimate is its "estimated-cost".
 *
 * Returns: the estimate in USD, or NAN when no model's prices are known
 */
double
prism_comparison_run_estimate_cost (PrismComparisonRun *self,
                                    guint              *n_unknown)
{
  gint64 input, output;
  double total = 0;
  guint unknown = 0;
  guint n_panes;

  g_return_val_if_fail (PRISM_IS_COMPARISON_RUN (self), NAN);

  n_panes = self->panes->len;
  input = prism_comparison_run_estimate_input_tokens (self);
  output = prism_comparison_run_estimate_output_tokens (self);

  for (guint i = 0; i < self->panes->len; i++)
    {
      PrismComparisonPane *pane = g_ptr_array_index (self->panes, i);
      PrismPrices prices;
      double cost = NAN;

      /* A merged answer is asked later, with the answers to read. */
      if (prism_comparison_pane_get_fusion (pane))
        {
          n_panes--;
          continue;
        }

      if (prism_client_resolve_prices (self->client, prism_comparison_pane_get_model (pane), &prices) &&
          !isnan (prices.input) && !isnan (prices.output))
        cost = (input * prices.input + output * prices.output) / 1e6;

      _prism_comparison_pane_set_estimated_cost (pane, cost);
      if (isnan (cost))
        unknown++;
      else
        total += cost;
    }

  if (n_unknown != NULL)
    *n_unknown = unknown;

  return unknown == n_panes ? NAN : total;
}

static gboolean
check_cap (PrismComparisonRun  *self,
           GError             **error)
{
  g_autofree char *cap_text = NULL;
  guint n_unknown = 0;
  double estimate;

  if (isnan (self->cost_cap))
    return TRUE;

  estimate = prism_comparison_run_estimate_cost (self, &n_unknown);
  cap_text = prism_format_cost (self->cost_cap);

  if (n_unknown > 0)
    {
      for (guint i = 0; i < self->panes->len; i++)
        {
          PrismComparisonPane *pane = g_ptr_array_index (self->panes, i);

          if (!isnan (prism_comparison_pane_get_estimated_cost (pane)))
            continue;

          g_set_error (error, PRISM_ERROR, PRISM_ERROR_PAYMENT,
                       _("The prices of %s are not known, so the cap of %s cannot be kept. "
                         "Set its prices in providers.ini or remove the cap."),
                       prism_comparison_pane_get_model (pane), cap_text);
          return FALSE;
        }
    }

  if (estimate > self->cost_cap)
    {
      g_autofree char *estimate_text = prism_format_cost (estimate);

      g_set_error (error, PRISM_ERROR, PRISM_ERROR_PAYMENT,
                   _("This comparison may cost up to %s, more than the cap of %s. "
                     "Raise the cap, lower the maximum tokens or compare fewer models."),
                   estimate_text, cap_text);
      return FALSE;
    }

  return TRUE;
}

static char *
make_title (const char *prompt)
{
  g_autofree char *line = NULL;
  const char *end = strchr (prompt, '\n');

  line = end ? g_strndup (prompt, end - prompt) : g_strdup (prompt);
  g_strstrip (line);
  if (g_utf8_strlen (line, -1) <= 60)
    return g_steal_pointer (&line);

  return g_strdup_printf ("%.*s…", (int)(g_utf8_offset_to_pointer (line, 59) - line), line);
}

static void
set_running (PrismComparisonRun *self,
             gint                change)
{
  gboolean was_running = self->n_running > 0;

  self->n_running += change;
  if (was_running != (self->n_running > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RUNNING]);
}

static void
completion_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  PaneRun *run = user_data;
  PrismComparisonRun *self = run->self;
  g_autoptr(GError) error = NULL;

  /* The pane shows a failure from the completion itself. */
  prism_completion_run_finish (PRISM_COMPLETION (object), result, NULL);

  if (!prism_recorder_finish (_prism_comparison_pane_get_recorder (run->pane), &error))
    g_warning ("The answer of %s could not be kept in the history: %s",
               prism_comparison_pane_get_model (run->pane), error->message);

  _prism_comparison_pane_set_finished (run->pane);
  g_signal_emit (self, signals [PANE_FINISHED], 0, run->pane);

  set_running (self, -1);
  if (self->n_running == 0)
    g_signal_emit (self, signals [FINISHED], 0);

  g_object_unref (run->pane);
  g_object_unref (run->self);
  g_free (run);
}

void
_prism_comparison_run_start_pane (PrismComparisonRun  *self,
                                  PrismComparisonPane *pane)
{
  const char *models[] = { prism_comparison_pane_get_model (pane), NULL };
  g_autoptr(PrismCompletion) completion = NULL;
  g_autoptr(PrismRecorder) recorder = NULL;
  PaneRun *run;

  /* A fusion asks with its own request. */
  completion = prism_completion_new (self->client, models,
                                     _prism_comparison_pane_get_request (pane) ? _prism_comparison_pane_get_request (pane)
                                                                            : self->request);
  recorder = prism_recorder_new (self->store, completion, self->conversation_id, self->prompt_id,
                                 self->comparison_id, self->project_id);
  _prism_comparison_pane_start (pane, completion, recorder);

  run = g_new0 (PaneRun, 1);
  run->self = g_object_ref (self);
  run->pane = g_object_ref (pane);
  set_running (self, +1);

  prism_completion_run_async (completion, _prism_comparison_pane_get_cancellable (pane),
                              completion_done_cb, run);
}

/**
 * prism_comparison_run_start:
 * @self: a #PrismComparisonRun, not started
 * @error: %PRISM_ERROR_PAYMENT when the estimate is above the cap, or the
 *   history's error
 *
 * Stores the prompt and the comparison group, then sends the prompt to
 * every model at once. Each pane's "completion" is set before this
 * returns; "pane-finished" and "finished" tell when the answers end.
 *
 * Returns: whether the requests were sent
 */
gboolean
prism_comparison_run_start (PrismComparisonRun  *self,
                            GError             **error)
{
  const char *parent_id = NULL;
  g_autoptr(GPtrArray) path = NULL;

  g_return_val_if_fail (PRISM_IS_COMPARISON_RUN (self), FALSE);
  g_return_val_if_fail (self->request == NULL, FALSE);

  if (!check_cap (self, error))
    return FALSE;

  if (self->conversation != NULL)
    {
      path = prism_conversation_get_path (self->conversation, NULL);
      if (path->len > 0)
        parent_id = ((PrismMessage *)g_ptr_array_index (path, path->len - 1))->id;
      self->conversation_id = g_strdup (self->conversation->id);
    }
  else
    {
      g_autofree char *title = make_title (self->prompt);
      g_autoptr(GPtrArray) models = g_ptr_array_new ();
      g_autoptr(PrismConversation) conversation = NULL;

      for (guint i = 0; i < self->panes->len; i++)
        {
          const char *model = prism_comparison_pane_get_model (g_ptr_array_index (self->panes, i));

          if (!g_ptr_array_find_with_equal_func (models, model, g_str_equal, NULL))
            g_ptr_array_add (models, (gpointer)model);
        }
      g_ptr_array_add (models, NULL);

      conversation = prism_store_create_conversation (self->store, title, self->project_id,
                                                      (const char * const *)models->pdata, error);
      if (conversation == NULL)
        return FALSE;
      self->conversation_id = g_strdup (conversation->id);
    }

  self->prompt_id = prism_store_add_message (self->store, self->conversation_id, parent_id, "user",
                                             self->prompt, NULL, NULL, error);
  if (self->prompt_id == NULL)
    return FALSE;

  self->comparison_id = prism_store_create_comparison (self->store, self->conversation_id,
                                                       self->prompt_id, error);
  if (self->comparison_id == NULL)
    return FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_COMPARISON_ID]);

  self->request = build_request (self);

  for (guint i = 0; i < self->panes->len; i++)
    _prism_comparison_run_start_pane (self, g_ptr_array_index (self->panes, i));

  return TRUE;
}

/**
 * prism_comparison_run_stop_all:
 * @self: a #PrismComparisonRun
 *
 * Stops every pane still answering; what arrived is kept.
 */
void
prism_comparison_run_stop_all (PrismComparisonRun *self)
{
  g_return_if_fail (PRISM_IS_COMPARISON_RUN (self));

  for (guint i = 0; i < self->panes->len; i++)
    prism_comparison_pane_stop (g_ptr_array_index (self->panes, i));
}

/**
 * prism_comparison_run_retry:
 * @self: a started #PrismComparisonRun
 * @pane: one of its panes that ended without completing
 * @error: %PRISM_ERROR_CONFIG when @pane is still answering or complete
 *
 * Asks @pane's model again. The failed answer stays in the history; the
 * new one is another answer of the same comparison.
 *
 * Returns: whether the request was sent
 */
gboolean
prism_comparison_run_retry (PrismComparisonRun   *self,
                            PrismComparisonPane  *pane,
                            GError              **error)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_RUN (self), FALSE);
  g_return_val_if_fail (PRISM_IS_COMPARISON_PANE (pane), FALSE);
  g_return_val_if_fail (g_ptr_array_find (self->panes, pane, NULL), FALSE);

  if (self->request == NULL || prism_comparison_pane_get_running (pane) ||
      prism_comparison_pane_get_status (pane) == PRISM_COMPLETION_COMPLETE)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("Only an answer that failed or was stopped can be asked again."));
      return FALSE;
    }

  if (prism_comparison_pane_get_winner (pane))
    for (guint i = 0; i < self->panes->len; i++)
      _prism_comparison_pane_set_winner (g_ptr_array_index (self->panes, i), FALSE);

  _prism_comparison_run_start_pane (self, pane);

  return TRUE;
}

gboolean
prism_comparison_run_get_running (PrismComparisonRun *self)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_RUN (self), FALSE);

  return self->n_running > 0;
}

const char *
prism_comparison_run_get_prompt (PrismComparisonRun *self)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_RUN (self), NULL);

  return self->prompt;
}

/**
 * prism_comparison_run_get_conversation_id:
 * @self: a #PrismComparisonRun
 *
 * Returns: (nullable): the conversation, once started
 */
const char *
prism_comparison_run_get_conversation_id (PrismComparisonRun *self)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_RUN (self), NULL);

  return self->conversation_id;
}

/**
 * prism_comparison_run_get_prompt_id:
 * @self: a #PrismComparisonRun
 *
 * Returns: (nullable): the prompt's message, once started
 */
const char *
prism_comparison_run_get_prompt_id (PrismComparisonRun *self)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_RUN (self), NULL);

  return self->prompt_id;
}

/**
 * prism_comparison_run_get_comparison_id:
 * @self: a #PrismComparisonRun
 *
 * Returns: (nullable): the comparison group, once started
 */
const char *
prism_comparison_run_get_comparison_id (PrismComparisonRun *self)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_RUN (self), NULL);

  return self->comparison_id;
}

/**
 * prism_comparison_run_get_pane:
 * @self: a #PrismComparisonRun
 * @index: a pane's place, from 0
 *
 * Returns: (transfer none): the pane
 */
PrismComparisonPane *
prism_comparison_run_get_pane (PrismComparisonRun *self,
                               guint               index)
{
  g_return_val_if_fail (PRISM_IS_COMPARISON_RUN (self), NULL);
  g_return_val_if_fail (index < self->panes->len, NULL);

  return g_ptr_array_index (self->panes, index);
}
