/* prism-budget-monitor.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-budget-monitor"

#include "config.h"

#include "prism-budget-monitor.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "prism-error.h"
#include "prism-store-activity.h"

/* Budgets are counted over local days and months, as the spend page
 * shows them. A state is worked out on the store's worker (any thread
 * may wait for it), then applied on the caller's thread, which is where
 * the signal telling about a crossed threshold is emitted: once per
 * budget, period and level. */

#define WARNING_FRACTION 0.8

struct _PrismBudgetMonitor
{
  GObject      parent_instance;

  PrismStore  *store;
  GDateTime   *now;          /* NULL: the clock */
  GPtrArray   *states;       /* of PrismBudgetState */
  GHashTable  *overrides;    /* budget id → period it was overridden for */
  GHashTable  *notified;     /* budget id → "period level" last announced */
};

G_DEFINE_FINAL_TYPE (PrismBudgetMonitor, prism_budget_monitor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  THRESHOLD_CROSSED,
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

PrismBudgetState *
prism_budget_state_copy (const PrismBudgetState *state)
{
  PrismBudgetState *copy;

  g_return_val_if_fail (state != NULL, NULL);

  copy = g_memdup2 (state, sizeof *state);
  copy->budget = prism_budget_copy (state->budget);
  copy->period = g_strdup (state->period);

  return copy;
}

void
prism_budget_state_free (PrismBudgetState *state)
{
  if (state == NULL)
    return;

  g_clear_pointer (&state->budget, prism_budget_free);
  g_free (state->period);
  g_free (state);
}

/**
 * prism_budget_state_dup_override_token:
 *
 * Returns: (transfer full): the token that overrides the budget for the
 *   period of @state, for prism_budget_monitor_accept_override(); a
 *   notification's button carries it
 */
char *
prism_budget_state_dup_override_token (const PrismBudgetState *state)
{
  g_return_val_if_fail (state != NULL, NULL);

  return g_strdup_printf ("%" G_GINT64_FORMAT "@%s", state->budget->id, state->period);
}

G_DEFINE_BOXED_TYPE (PrismBudgetState, prism_budget_state,
                     prism_budget_state_copy, prism_budget_state_free)

/**
 * prism_budget_level_for:
 *
 * A limit of zero is reached at once: it allows no spend at all.
 *
 * Returns: where @spent_usd stands against @limit_usd
 */
PrismBudgetLevel
prism_budget_level_for (double spent_usd,
                        double limit_usd)
{
  /* Sums of many small costs carry rounding errors; a hair under the
   * mark is the mark. */
  double slack = 1e-9 * MAX (1.0, limit_usd);

  if (spent_usd + slack >= limit_usd)
    return PRISM_BUDGET_LEVEL_REACHED;
  if (spent_usd + slack >= limit_usd * WARNING_FRACTION)
    return PRISM_BUDGET_LEVEL_WARNING;

  return PRISM_BUDGET_LEVEL_OK;
}

static void
prism_budget_monitor_dispose (GObject *object)
{
  PrismBudgetMonitor *self = PRISM_BUDGET_MONITOR (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (prism_budget_monitor_parent_class)->dispose (object);
}

static void
prism_budget_monitor_finalize (GObject *object)
{
  PrismBudgetMonitor *self = PRISM_BUDGET_MONITOR (object);

  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->states, g_ptr_array_unref);
  g_clear_pointer (&self->overrides, g_hash_table_unref);
  g_clear_pointer (&self->notified, g_hash_table_unref);

  G_OBJECT_CLASS (prism_budget_monitor_parent_class)->finalize (object);
}

static void
prism_budget_monitor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PrismBudgetMonitor *self = PRISM_BUDGET_MONITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_budget_monitor_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PrismBudgetMonitor *self = PRISM_BUDGET_MONITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_budget_monitor_class_init (PrismBudgetMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = prism_budget_monitor_dispose;
  object_class->finalize = prism_budget_monitor_finalize;
  object_class->get_property = prism_budget_monitor_get_property;
  object_class->set_property = prism_budget_monitor_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         PRISM_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PrismBudgetMonitor::threshold-crossed:
   * @state: the budget, at %PRISM_BUDGET_LEVEL_WARNING or REACHED
   *
   * A budget got to 80% or 100% of its limit in its current period; once
   * per budget, period and level.
   */
  signals [THRESHOLD_CROSSED] =
    g_signal_new ("threshold-crossed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, PRISM_TYPE_BUDGET_STATE);

  /**
   * PrismBudgetMonitor::changed:
   *
   * The states were worked out again.
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
prism_budget_monitor_init (PrismBudgetMonitor *self)
{
  self->states = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_budget_state_free);
  self->overrides = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->notified = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

PrismBudgetMonitor *
prism_budget_monitor_new (PrismStore *store)
{
  g_return_val_if_fail (PRISM_IS_STORE (store), NULL);

  return g_object_new (PRISM_TYPE_BUDGET_MONITOR, "store", store, NULL);
}

PrismStore *
prism_budget_monitor_get_store (PrismBudgetMonitor *self)
{
  g_return_val_if_fail (PRISM_IS_BUDGET_MONITOR (self), NULL);

  return self->store;
}

/**
 * prism_budget_monitor_set_now:
 * @now: (nullable): the time to count periods from; %NULL for the clock
 *
 * For the tests, which cross midnight and month ends at will.
 */
void
prism_budget_monitor_set_now (PrismBudgetMonitor *self,
                              GDateTime          *now)
{
  g_return_if_fail (PRISM_IS_BUDGET_MONITOR (self));

  g_clear_pointer (&self->now, g_date_time_unref);
  if (now != NULL)
    self->now = g_date_time_to_local (now);
}

static GDateTime *
get_now (PrismBudgetMonitor *self)
{
  return self->now ? g_date_time_ref (self->now) : g_date_time_new_now_local ();
}

static char *
period_of (GDateTime  *now,
           const char *period)
{
  return g_date_time_format (now, g_str_equal (period, "day") ? "%Y-%m-%d" : "%Y-%m");
}

static GPtrArray *
compute_states (PrismStore  *store,
                GDateTime   *now,
                GError     **error)
{
  g_autoptr(GPtrArray) budgets = NULL;
  g_autoptr(GPtrArray) states = NULL;
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *month_start = g_date_time_format (now, "%Y-%m-01");

  budgets = prism_store_list_budgets (store, error);
  if (budgets == NULL)
    return NULL;

  states = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_budget_state_free);
  for (guint i = 0; i < budgets->len; i++)
    {
      PrismBudget *budget = g_ptr_array_index (budgets, i);
      gboolean daily = g_str_equal (budget->period, "day");
      g_autoptr(PrismSpendRow) row = NULL;
      PrismBudgetState *state;

      row = prism_store_get_scope_total (store, budget->scope, budget->target,
                                         daily ? today : month_start, today, error);
      if (row == NULL)
        return NULL;

      state = g_new0 (PrismBudgetState, 1);
      state->budget = prism_budget_copy (budget);
      state->period = period_of (now, budget->period);
      state->spent_usd = row->cost_usd;
      state->unknown_cost_requests = row->unknown_cost_requests;
      state->fraction = budget->limit_usd > 0 ? row->cost_usd / budget->limit_usd
                        : row->cost_usd > 0 ? INFINITY : 1.0;
      state->level = prism_budget_level_for (row->cost_usd, budget->limit_usd);
      g_ptr_array_add (states, state);
    }

  return g_steal_pointer (&states);
}

static void
apply_states (PrismBudgetMonitor *self,
              GPtrArray          *states)
{
  g_clear_pointer (&self->states, g_ptr_array_unref);
  self->states = g_ptr_array_ref (states);

  for (guint i = 0; i < states->len; i++)
    {
      PrismBudgetState *state = g_ptr_array_index (states, i);
      const char *overridden = g_hash_table_lookup (self->overrides, &state->budget->id);

      state->overridden = g_strcmp0 (overridden, state->period) == 0;
    }

  g_signal_emit (self, signals [CHANGED], 0);

  for (guint i = 0; i < states->len; i++)
    {
      PrismBudgetState *state = g_ptr_array_index (states, i);
      const char *last = g_hash_table_lookup (self->notified, &state->budget->id);
      g_autofree char *mark = NULL;

      if (state->level == PRISM_BUDGET_LEVEL_OK)
        continue;

      mark = g_strdup_printf ("%s %d", state->period, state->level);
      /* Same period and level (or the warning after the limit): said already */
      if (last != NULL && strncmp (last, mark, strlen (state->period) + 1) == 0 &&
          atoi (last + strlen (state->period) + 1) >= (int)state->level)
        continue;

      g_hash_table_insert (self->notified, g_memdup2 (&state->budget->id, sizeof (gint64)),
                           g_steal_pointer (&mark));
      g_signal_emit (self, signals [THRESHOLD_CROSSED], 0, state);
    }
}

/**
 * prism_budget_monitor_refresh:
 *
 * Reads the budgets and what was spent in their current periods, then
 * emits #PrismBudgetMonitor::threshold-crossed for each budget that got
 * to a new level.
 */
gboolean
prism_budget_monitor_refresh (PrismBudgetMonitor  *self,
                              GError             **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GPtrArray) states = NULL;

  g_return_val_if_fail (PRISM_IS_BUDGET_MONITOR (self), FALSE);

  now = get_now (self);
  states = compute_states (self->store, now, error);
  if (states == NULL)
    return FALSE;

  apply_states (self, states);

  return TRUE;
}

static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PrismBudgetMonitor *self = source_object;
  GError *error = NULL;
  GPtrArray *states;

  states = compute_states (self->store, task_data, &error);
  if (states == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, states, (GDestroyNotify)g_ptr_array_unref);
}

void
prism_budget_monitor_refresh_async (PrismBudgetMonitor  *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PRISM_IS_BUDGET_MONITOR (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, prism_budget_monitor_refresh_async);
  g_task_set_task_data (task, get_now (self), (GDestroyNotify)g_date_time_unref);
  g_task_run_in_thread (task, refresh_thread);
}

gboolean
prism_budget_monitor_refresh_finish (PrismBudgetMonitor  *self,
                                     GAsyncResult        *result,
                                     GError             **error)
{
  g_autoptr(GPtrArray) states = NULL;

  g_return_val_if_fail (PRISM_IS_BUDGET_MONITOR (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  states = g_task_propagate_pointer (G_TASK (result), error);
  if (states == NULL)
    return FALSE;

  apply_states (self, states);

  return TRUE;
}

/**
 * prism_budget_monitor_get_states:
 *
 * Returns: (transfer none) (element-type PrismBudgetState): every budget
 *   as of the last refresh
 */
GPtrArray *
prism_budget_monitor_get_states (PrismBudgetMonitor *self)
{
  g_return_val_if_fail (PRISM_IS_BUDGET_MONITOR (self), NULL);

  return self->states;
}

static gboolean
applies_to (const PrismBudget *budget,
            const char        *model,
            const char        *provider,
            const char        *project)
{
  if (g_str_equal (budget->scope, "all"))
    return TRUE;
  if (g_str_equal (budget->scope, "provider"))
    return g_strcmp0 (budget->target, provider) == 0;
  if (g_str_equal (budget->scope, "model"))
    return g_strcmp0 (budget->target, model) == 0;
  if (g_str_equal (budget->scope, "project"))
    return g_strcmp0 (budget->target, project) == 0;

  return FALSE;
}

/**
 * prism_budget_monitor_check:
 * @model: the model id the request goes to ("provider:model")
 * @provider: (nullable): its provider
 * @project: (nullable): the project it counts to
 * @reached: (out) (optional) (transfer none): the budget behind the verdict
 *
 * Whether a request may go, as of the last refresh: a reached budget
 * warns or blocks, as its action says, unless it was overridden for its
 * current period. A block outweighs a warning.
 *
 * Returns: the verdict
 */
PrismBudgetVerdict
prism_budget_monitor_check (PrismBudgetMonitor      *self,
                            const char              *model,
                            const char              *provider,
                            const char              *project,
                            const PrismBudgetState **reached)
{
  PrismBudgetVerdict verdict = PRISM_BUDGET_VERDICT_GO;
  const PrismBudgetState *why = NULL;

  g_return_val_if_fail (PRISM_IS_BUDGET_MONITOR (self), PRISM_BUDGET_VERDICT_GO);

  for (guint i = 0; i < self->states->len; i++)
    {
      const PrismBudgetState *state = g_ptr_array_index (self->states, i);
      PrismBudgetVerdict v;

      if (state->level != PRISM_BUDGET_LEVEL_REACHED || state->overridden ||
          !applies_to (state->budget, model, provider, project))
        continue;

      v = g_str_equal (state->budget->action, "block") ? PRISM_BUDGET_VERDICT_BLOCK
                                                        : PRISM_BUDGET_VERDICT_WARN;
      if (v > verdict)
        {
          verdict = v;
          why = state;
        }
    }

  if (reached != NULL)
    *reached = why;

  return verdict;
}

static PrismBudgetState *
find_state (PrismBudgetMonitor *self,
            gint64              budget_id)
{
  for (guint i = 0; i < self->states->len; i++)
    {
      PrismBudgetState *state = g_ptr_array_index (self->states, i);

      if (state->budget->id == budget_id)
        return state;
    }

  return NULL;
}

/**
 * prism_budget_monitor_override:
 * @budget_id: a budget of the last refresh
 *
 * Lets requests past @budget_id's limit until its period ends (midnight,
 * or the end of the month, local time).
 *
 * Returns: (transfer full): a token naming the budget and the period,
 *   which prism_budget_monitor_accept_override() takes back (a
 *   notification's button carries it), or %NULL with @error set
 */
char *
prism_budget_monitor_override (PrismBudgetMonitor  *self,
                               gint64               budget_id,
                               GError             **error)
{
  PrismBudgetState *state;
  g_autofree char *token = NULL;

  g_return_val_if_fail (PRISM_IS_BUDGET_MONITOR (self), NULL);

  state = find_state (self, budget_id);
  if (state == NULL)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("There is no budget %lld; it may have been deleted."),
                   (long long)budget_id);
      return NULL;
    }

  token = prism_budget_state_dup_override_token (state);
  if (!prism_budget_monitor_accept_override (self, token, error))
    return NULL;

  return g_steal_pointer (&token);
}

/**
 * prism_budget_monitor_accept_override:
 * @token: what prism_budget_monitor_override() returned
 *
 * Returns: %TRUE when the override holds; %FALSE with @error set when the
 *   token is malformed, its budget is gone or its period is over
 */
gboolean
prism_budget_monitor_accept_override (PrismBudgetMonitor  *self,
                                      const char          *token,
                                      GError             **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *current = NULL;
  PrismBudgetState *state;
  const char *at;
  gint64 id;
  char *end;

  g_return_val_if_fail (PRISM_IS_BUDGET_MONITOR (self), FALSE);
  g_return_val_if_fail (token != NULL, FALSE);

  at = strchr (token, '@');
  id = g_ascii_strtoll (token, &end, 10);
  if (at == NULL || end != at || id <= 0)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("“%s” is not a budget override."), token);
      return FALSE;
    }

  state = find_state (self, id);
  if (state == NULL)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("There is no budget %lld; it may have been deleted."), (long long)id);
      return FALSE;
    }

  now = get_now (self);
  current = period_of (now, state->budget->period);
  if (!g_str_equal (at + 1, current))
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("That override was for %s, which is over; override the budget again "
                     "to go past its limit in %s."), at + 1, current);
      return FALSE;
    }

  g_hash_table_insert (self->overrides, g_memdup2 (&id, sizeof id), g_strdup (current));
  if (g_str_equal (state->period, current))
    state->overridden = TRUE;

  return TRUE;
}
