/* prism-message-item.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-message-item"

#include "config.h"

#include <math.h>

#include "prism-message-item.h"

/* One message of the branch a person sees, as a GObject that list views
 * can bind to. A streaming answer grows through prism_message_item_append(),
 * which emits ::appended with the delta alone, so that a view renders
 * only what is new; the footer's facts arrive at once on ::notify::status.
 */
struct _PrismMessageItem
{
  GObject             parent_instance;

  char               *id;
  char               *parent_id;
  char               *role;
  GString            *content;
  GString            *reasoning;
  char               *model;
  PrismMessageStatus  status;
  char               *error;
  PrismUsage          usage;
  double              cost;
  PrismCostSource     cost_source;
  double              ttft_ms;
  double              tokens_per_second;
  gboolean            is_last;
  guint               sibling_index;
  guint               n_siblings;
};

G_DEFINE_FINAL_TYPE (PrismMessageItem, prism_message_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATUS,
  PROP_IS_LAST,
  PROP_N_SIBLINGS,
  N_PROPS
};

enum {
  APPENDED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
prism_message_item_finalize (GObject *object)
{
  PrismMessageItem *self = (PrismMessageItem *)object;

  g_free (self->id);
  g_free (self->parent_id);
  g_free (self->role);
  g_string_free (self->content, TRUE);
  g_string_free (self->reasoning, TRUE);
  g_free (self->model);
  g_free (self->error);

  G_OBJECT_CLASS (prism_message_item_parent_class)->finalize (object);
}

static void
prism_message_item_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PrismMessageItem *self = PRISM_MESSAGE_ITEM (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;

    case PROP_IS_LAST:
      g_value_set_boolean (value, self->is_last);
      break;

    case PROP_N_SIBLINGS:
      g_value_set_uint (value, self->n_siblings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_message_item_class_init (PrismMessageItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = prism_message_item_finalize;
  object_class->get_property = prism_message_item_get_property;

  properties [PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL,
                      PRISM_MESSAGE_STATUS_COMPLETE, PRISM_MESSAGE_STATUS_STREAMING,
                      PRISM_MESSAGE_STATUS_COMPLETE,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_IS_LAST] =
    g_param_spec_boolean ("is-last", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* How many answers (or edits) share this message's parent; the
   * notification also tells a change of its place among them. */
  properties [PROP_N_SIBLINGS] =
    g_param_spec_uint ("n-siblings", NULL, NULL, 0, G_MAXUINT, 1,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PrismMessageItem::appended:
   * @kind: a #PrismStreamDelta
   * @text: the delta
   */
  signals [APPENDED] =
    g_signal_new ("appended",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_INT,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
prism_message_item_init (PrismMessageItem *self)
{
  self->content = g_string_new (NULL);
  self->reasoning = g_string_new (NULL);
  self->cost = NAN;
  self->ttft_ms = NAN;
  self->tokens_per_second = NAN;
  self->n_siblings = 1;
}

/* A speed measured over less than this says nothing: a short answer
 * that arrived in one read would show hundreds of thousands a second. */
#define MIN_SPEED_WINDOW_MS 50.0

static double
tokens_per_second (gint64 output_tokens,
                   double ttft_ms,
                   double latency_ms)
{
  double window_ms = latency_ms - ttft_ms;

  if (output_tokens <= 0 || isnan (ttft_ms) || isnan (latency_ms) || window_ms < MIN_SPEED_WINDOW_MS)
    return NAN;

  return output_tokens / (window_ms / 1000.0);
}

/**
 * prism_message_item_new_from_message:
 * @message: a message of the history
 *
 * Returns: (transfer full): a new #PrismMessageItem
 */
PrismMessageItem *
prism_message_item_new_from_message (const PrismMessage *message)
{
  PrismMessageItem *self;

  g_return_val_if_fail (message != NULL, NULL);

  self = g_object_new (PRISM_TYPE_MESSAGE_ITEM, NULL);
  self->id = g_strdup (message->id);
  self->parent_id = g_strdup (message->parent_id);
  self->role = g_strdup (message->role);
  g_string_assign (self->content, message->content != NULL ? message->content : "");
  g_string_assign (self->reasoning, message->reasoning != NULL ? message->reasoning : "");
  self->model = g_strdup (message->model);
  self->status = message->status;
  self->error = g_strdup (message->error);
  self->usage = message->usage;
  self->cost = message->cost_usd;

  if (message->attempts != NULL && message->attempts->len > 0)
    {
      const PrismAttempt *last = g_ptr_array_index (message->attempts, message->attempts->len - 1);

      self->cost_source = isnan (self->cost) ? PRISM_COST_SOURCE_UNKNOWN : last->cost_source;
      self->ttft_ms = last->ttft_ms;
      self->tokens_per_second = tokens_per_second (last->usage.output_tokens,
                                                   last->ttft_ms, last->latency_ms);
    }

  return self;
}

/**
 * prism_message_item_new_prompt:
 * @id: the message's id in the history
 * @parent_id: (nullable): the message it follows
 * @content: what the person wrote
 *
 * Returns: (transfer full): a user message
 */
PrismMessageItem *
prism_message_item_new_prompt (const char *id,
                               const char *parent_id,
                               const char *content)
{
  PrismMessageItem *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (content != NULL, NULL);

  self = g_object_new (PRISM_TYPE_MESSAGE_ITEM, NULL);
  self->id = g_strdup (id);
  self->parent_id = g_strdup (parent_id);
  self->role = g_strdup ("user");
  g_string_assign (self->content, content);

  return self;
}

/**
 * prism_message_item_new_streaming:
 * @id: the message's id in the history
 * @parent_id: (nullable): the prompt it answers
 * @model: the model asked
 *
 * Returns: (transfer full): an empty assistant message, streaming
 */
PrismMessageItem *
prism_message_item_new_streaming (const char *id,
                                  const char *parent_id,
                                  const char *model)
{
  PrismMessageItem *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (PRISM_TYPE_MESSAGE_ITEM, NULL);
  self->id = g_strdup (id);
  self->parent_id = g_strdup (parent_id);
  self->role = g_strdup ("assistant");
  self->model = g_strdup (model);
  self->status = PRISM_MESSAGE_STATUS_STREAMING;

  return self;
}

const char *
prism_message_item_get_id (PrismMessageItem *self)
{
  g_return_val_if_fail (PRISM_IS_MESSAGE_ITEM (self), NULL);
  return self->id;
}

const char *
prism_message_item_get_parent_id (PrismMessageItem *self)
{
  g_return_val_if_fail (PRISM_IS_MESSAGE_ITEM (self), NULL);
  return self->parent_id;
}

const char *
prism_message_item_get_role (PrismMessageItem *self)
{
  g_return_val_if_fail (PRISM_IS_MESSAGE_ITEM (self), NULL);
  return self->role;
}

gboolean
prism_message_item_is_user (PrismMessageItem *self)
{
  g_return_val_if_fail (PRISM_IS_MESSAGE_ITEM (self), FALSE);
  return g_strcmp0 (self->role, "user") == 0;
}

const char *
prism_message_item_get_content (PrismMessageItem *self)
{
  g_return_val_if_fail (PRISM_IS_MESSAGE_ITEM (self), NULL);
  return self->content->str;
}

const char *
prism_message_item_get_reasoning (PrismMessageItem *self)
{
  g_return_val_if_fail (PRISM_IS_MESSAGE_ITEM (self), NULL);
  return self->reasoning->str;
}

const char *
prism_message_item_get_model (PrismMessageItem *self)
{
  g_return_val_if_fail (PRISM_IS_MESSAGE_ITEM (self), NULL);
  return self->model;
}

PrismMessageStatus
prism_message_item_get_status (PrismMessageItem *self)
{
  g_return_val_if_fail (PRISM_IS_MESSAGE_ITEM (self), PRISM_MESSAGE_STATUS_ERROR);
  return self->status;
}

const char *
prism_message_item_get_error (PrismMessageItem *self)
{
  g_return_val_if_fail (PRISM_IS_MESSAGE_ITEM (self), NULL);
  return self->error;
}

const PrismUsage *
prism_message_item_get_usage (PrismMessageItem *self)
{
  g_return_val_if_fail (PRISM_IS_MESSAGE_ITEM (self), NULL);
  return &self->usage;
}

/**
 * prism_message_item_get_cost:
 * @source: (out) (optional): where the cost came from
 *
 * Returns: the cost in USD, NAN when it is not known
 */
double
prism_message_item_get_cost (PrismMessageItem *self,
                             PrismCostSource  *source)
{
  g_return_val_if_fail (PRISM_IS_MESSAGE_ITEM (self), NAN);

  if (source != NULL)
    *source = self->cost_source;

  return self->cost;
}

double
prism_message_item_get_ttft_ms (PrismMessageItem *self)
{
  g_return_val_if_fail (PRISM_IS_MESSAGE_ITEM (self), NAN);
  return self->ttft_ms;
}

double
prism_message_item_get_tokens_per_second (PrismMessageItem *self)
{
  g_return_val_if_fail (PRISM_IS_MESSAGE_ITEM (self), NAN);
  return self->tokens_per_second;
}

gboolean
prism_message_item_get_is_last (PrismMessageItem *self)
{
  g_return_val_if_fail (PRISM_IS_MESSAGE_ITEM (self), FALSE);
  return self->is_last;
}

/* Only the last answer of a branch can be regenerated or retried. */
void
prism_message_item_set_is_last (PrismMessageItem *self,
                                gboolean          is_last)
{
  g_return_if_fail (PRISM_IS_MESSAGE_ITEM (self));

  is_last = !!is_last;
  if (self->is_last == is_last)
    return;

  self->is_last = is_last;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_IS_LAST]);
}

guint
prism_message_item_get_sibling_index (PrismMessageItem *self)
{
  g_return_val_if_fail (PRISM_IS_MESSAGE_ITEM (self), 0);
  return self->sibling_index;
}

guint
prism_message_item_get_n_siblings (PrismMessageItem *self)
{
  g_return_val_if_fail (PRISM_IS_MESSAGE_ITEM (self), 1);
  return self->n_siblings;
}

/**
 * prism_message_item_set_siblings:
 * @index: where @self stands among the messages of its turn, oldest first
 * @n_siblings: how many there are, @self included
 */
void
prism_message_item_set_siblings (PrismMessageItem *self,
                                 guint             index,
                                 guint             n_siblings)
{
  g_return_if_fail (PRISM_IS_MESSAGE_ITEM (self));
  g_return_if_fail (index < n_siblings);

  if (self->sibling_index == index && self->n_siblings == n_siblings)
    return;

  self->sibling_index = index;
  self->n_siblings = n_siblings;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_SIBLINGS]);
}

void
prism_message_item_append (PrismMessageItem *self,
                           PrismStreamDelta  kind,
                           const char       *text)
{
  g_return_if_fail (PRISM_IS_MESSAGE_ITEM (self));
  g_return_if_fail (text != NULL);

  if (kind == PRISM_STREAM_DELTA_REASONING)
    g_string_append (self->reasoning, text);
  else
    g_string_append (self->content, text);

  g_signal_emit (self, signals [APPENDED], 0, (int)kind, text);
}

static PrismMessageStatus
status_from_completion (PrismCompletionStatus status)
{
  switch (status)
    {
    case PRISM_COMPLETION_COMPLETE:
      return PRISM_MESSAGE_STATUS_COMPLETE;
    case PRISM_COMPLETION_PARTIAL:
      return PRISM_MESSAGE_STATUS_PARTIAL;
    case PRISM_COMPLETION_CANCELLED:
      return PRISM_MESSAGE_STATUS_CANCELLED;
    case PRISM_COMPLETION_PENDING:
    case PRISM_COMPLETION_STREAMING:
      return PRISM_MESSAGE_STATUS_STREAMING;
    case PRISM_COMPLETION_ERROR:
    default:
      return PRISM_MESSAGE_STATUS_ERROR;
    }
}

/**
 * prism_message_item_finish:
 * @completion: the ended completion that streamed into @self
 *
 * Takes the footer's facts from @completion and notifies the status.
 */
void
prism_message_item_finish (PrismMessageItem *self,
                           PrismCompletion  *completion)
{
  const GError *error;
  const char *served_by;

  g_return_if_fail (PRISM_IS_MESSAGE_ITEM (self));
  g_return_if_fail (PRISM_IS_COMPLETION (completion));

  served_by = prism_completion_get_served_by (completion);
  if (served_by != NULL)
    {
      g_free (self->model);
      self->model = g_strdup (served_by);
    }

  self->usage = *prism_completion_get_usage (completion);
  self->cost = prism_completion_get_cost (completion, &self->cost_source);
  self->ttft_ms = prism_completion_get_ttft_ms (completion);
  self->tokens_per_second = tokens_per_second (self->usage.output_tokens,
                                               prism_completion_get_ttft_ms (completion),
                                               prism_completion_get_latency_ms (completion));

  error = prism_completion_get_error (completion);
  g_clear_pointer (&self->error, g_free);
  if (error != NULL)
    self->error = g_strdup (error->message);

  self->status = status_from_completion (prism_completion_get_status (completion));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATUS]);
}
