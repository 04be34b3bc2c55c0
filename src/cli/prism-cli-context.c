/* prism-cli-context.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "prism-cli-context.h"
#include "prism-error.h"
#include "prism-recorder.h"

/* What every prism-cli command shares: the providers of providers.ini,
 * the keyring, the client, and the history, opened when first needed.
 */
struct _PrismCliContext
{
  GObject                parent_instance;

  PrismProviderRegistry *registry;
  PrismKeyring          *keyring;
  PrismClient           *client;
  PrismStore            *store;

  char                  *conversation_id;
  char                  *prompt_id;
  char                  *comparison_id;
  GPtrArray             *recorders;
};

G_DEFINE_FINAL_TYPE (PrismCliContext, prism_cli_context, G_TYPE_OBJECT)

static void
prism_cli_context_dispose (GObject *object)
{
  PrismCliContext *self = (PrismCliContext *)object;

  g_clear_pointer (&self->recorders, g_ptr_array_unref);
  g_clear_object (&self->client);
  g_clear_object (&self->keyring);
  g_clear_object (&self->registry);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (prism_cli_context_parent_class)->dispose (object);
}

static void
prism_cli_context_finalize (GObject *object)
{
  PrismCliContext *self = (PrismCliContext *)object;

  g_clear_pointer (&self->conversation_id, g_free);
  g_clear_pointer (&self->prompt_id, g_free);
  g_clear_pointer (&self->comparison_id, g_free);

  G_OBJECT_CLASS (prism_cli_context_parent_class)->finalize (object);
}

static void
prism_cli_context_class_init (PrismCliContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = prism_cli_context_dispose;
  object_class->finalize = prism_cli_context_finalize;
}

static void
prism_cli_context_init (PrismCliContext *self)
{
  self->recorders = g_ptr_array_new_with_free_func (g_object_unref);
}

static char *
key_env_for_provider (const char *provider,
                      gpointer    user_data)
{
  PrismProviderRegistry *registry = user_data;
  PrismProviderConfig *config = prism_provider_registry_lookup (registry, provider);
  const char *variable = NULL;

  if (config != NULL)
    {
      variable = prism_provider_config_get_key_env (config);
      if (variable == NULL)
        variable = prism_provider_config_get_key_variable (config);
    }

  return g_strdup (variable);
}

/**
 * prism_cli_context_new:
 * @error: a %PRISM_ERROR_CONFIG error when providers.ini cannot be used
 *
 * Loads the providers. A providers.ini with mistakes still loads what is
 * right; each mistake is told on standard error.
 *
 * Returns: (transfer full) (nullable): a new #PrismCliContext
 */
PrismCliContext *
prism_cli_context_new (GError **error)
{
  g_autoptr(PrismCliContext) self = g_object_new (PRISM_TYPE_CLI_CONTEXT, NULL);
  const char * const *warnings;

  self->registry = prism_provider_registry_new ();
  if (!prism_provider_registry_load (self->registry, error))
    return NULL;

  warnings = prism_provider_registry_get_warnings (self->registry);
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    g_printerr ("prism-cli: %s\n", warnings[i]);

  self->keyring = prism_keyring_new ();
  prism_keyring_set_key_env_func (self->keyring, key_env_for_provider,
                                  g_object_ref (self->registry), g_object_unref);
  self->client = prism_client_new (self->registry, self->keyring, NULL);

  return g_steal_pointer (&self);
}

PrismClient *
prism_cli_context_get_client (PrismCliContext *self)
{
  g_return_val_if_fail (PRISM_IS_CLI_CONTEXT (self), NULL);

  return self->client;
}

/**
 * prism_cli_context_get_store:
 * @self: a #PrismCliContext
 * @error: why the history cannot be opened
 *
 * Returns: (transfer none) (nullable): the history
 */
PrismStore *
prism_cli_context_get_store (PrismCliContext  *self,
                             GError          **error)
{
  g_return_val_if_fail (PRISM_IS_CLI_CONTEXT (self), NULL);

  if (self->store == NULL)
    self->store = prism_store_open (NULL, error);

  return self->store;
}

static void
lookup_key_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/**
 * prism_cli_context_check_model:
 * @self: a #PrismCliContext
 * @model: `PROVIDER:MODEL`
 * @error: a %PRISM_ERROR_CONFIG error saying what is wrong
 *
 * Checks what can be checked before sending: that the provider exists
 * and is on, and that its key can be found.
 *
 * Returns: whether @model can be asked
 */
gboolean
prism_cli_context_check_model (PrismCliContext  *self,
                               const char       *model,
                               GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  PrismProviderConfig *config = NULL;
  char *key;

  g_return_val_if_fail (PRISM_IS_CLI_CONTEXT (self), FALSE);

  if (!prism_provider_registry_resolve_model (self->registry, model, &config, NULL, error))
    return FALSE;

  prism_client_lookup_key_async (self->client, config, NULL, NULL, lookup_key_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  key = prism_client_lookup_key_finish (self->client, result, error);
  if (key == NULL && error != NULL && *error != NULL)
    return FALSE;

  prism_keyring_free_key (key);

  return TRUE;
}

static char *
make_title (const char *prompt)
{
  g_autofree char *line = NULL;
  const char *end = strchr (prompt, '\n');
  glong length;

  line = end ? g_strndup (prompt, end - prompt) : g_strdup (prompt);
  g_strstrip (line);
  length = g_utf8_strlen (line, -1);
  if (length <= 60)
    return g_steal_pointer (&line);

  /* Cut at a character, never inside one, and say it was cut. */
  return g_strdup_printf ("%.*s…", (int)(g_utf8_offset_to_pointer (line, 59) - line), line);
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

/**
 * prism_cli_context_prepare_conversation:
 * @self: a #PrismCliContext
 * @conversation_id: (nullable): a stored conversation to continue
 * @request: the request, which gets the conversation so far and @prompt
 * @models: the models asked; several make a comparison
 * @prompt: what the person asks
 * @error: %PRISM_ERROR_CONFIG for an unknown conversation, or the
 *   history's own error
 *
 * Stores the prompt before anything is sent, so that nothing a person
 * typed is lost whatever happens to the request.
 *
 * Returns: whether the request is ready
 */
gboolean
prism_cli_context_prepare_conversation (PrismCliContext     *self,
                                        const char          *conversation_id,
                                        PrismChatRequest    *request,
                                        const char * const  *models,
                                        const char          *prompt,
                                        GError             **error)
{
  g_autoptr(PrismConversation) conversation = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *title = NULL;
  const char *parent_id = NULL;
  g_autoptr(GPtrArray) path = NULL;
  PrismStore *store;

  g_return_val_if_fail (PRISM_IS_CLI_CONTEXT (self), FALSE);

  store = prism_cli_context_get_store (self, error);
  if (store == NULL)
    return FALSE;

  if (conversation_id != NULL)
    {
      conversation = prism_store_get_conversation (store, conversation_id, &local_error);
      if (conversation == NULL)
        {
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                         _("There is no conversation “%s”. “prism-cli history” lists them."),
                         conversation_id);
          return FALSE;
        }
      add_history (request, conversation);
      path = prism_conversation_get_path (conversation, NULL);
      if (path->len > 0)
        parent_id = ((PrismMessage *)g_ptr_array_index (path, path->len - 1))->id;
    }
  else
    {
      title = make_title (prompt);
      conversation = prism_store_create_conversation (store, title, PRISM_STORE_DEFAULT_PROJECT,
                                                      models, error);
      if (conversation == NULL)
        return FALSE;
    }

  g_free (self->conversation_id);
  self->conversation_id = g_strdup (conversation->id);

  self->prompt_id = prism_store_add_message (store, conversation->id, parent_id, "user", prompt,
                                             NULL, NULL, error);
  if (self->prompt_id == NULL)
    return FALSE;

  if (g_strv_length ((char **)models) > 1)
    {
      self->comparison_id = prism_store_create_comparison (store, conversation->id, self->prompt_id, error);
      if (self->comparison_id == NULL)
        return FALSE;
    }

  prism_chat_request_add_text (request, PRISM_CHAT_ROLE_USER, prompt);

  return TRUE;
}

/**
 * prism_cli_context_record:
 * @self: a #PrismCliContext whose conversation is prepared
 * @completions: (element-type PrismCompletion): the completions, not
 *   started yet
 *
 * Starts keeping each completion in the history as it streams.
 */
void
prism_cli_context_record (PrismCliContext *self,
                          GPtrArray       *completions)
{
  g_return_if_fail (PRISM_IS_CLI_CONTEXT (self));
  g_return_if_fail (self->store != NULL && self->conversation_id != NULL);

  for (guint i = 0; i < completions->len; i++)
    g_ptr_array_add (self->recorders,
                     prism_recorder_new (self->store,
                                         g_ptr_array_index (completions, i),
                                         self->conversation_id,
                                         self->prompt_id,
                                         self->comparison_id,
                                         PRISM_STORE_DEFAULT_PROJECT));
}

/**
 * prism_cli_context_finish_recording:
 * @self: a #PrismCliContext
 * @error: the first failure of the history
 *
 * Writes every ended completion's status and attempts; tries them all
 * even when one fails.
 *
 * Returns: whether all were written
 */
gboolean
prism_cli_context_finish_recording (PrismCliContext  *self,
                                    GError          **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (PRISM_IS_CLI_CONTEXT (self), FALSE);

  for (guint i = 0; i < self->recorders->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!prism_recorder_finish (g_ptr_array_index (self->recorders, i), &local_error))
        {
          if (ok)
            g_propagate_error (error, g_steal_pointer (&local_error));
          ok = FALSE;
        }
    }

  return ok;
}

static void
add_double_or_null (JsonBuilder *builder,
                    const char  *name,
                    double       value)
{
  json_builder_set_member_name (builder, name);
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, round (value * 10) / 10);
}

static void
add_error (JsonBuilder  *builder,
           const GError *error)
{
  if (error == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, error->domain == PRISM_ERROR ? prism_error_code_to_kind (error->code)
                                                                       : "protocol");
  json_builder_set_member_name (builder, "status");
  if (prism_error_get_http_status (error) != 0)
    json_builder_add_int_value (builder, prism_error_get_http_status (error));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, error->message);
  json_builder_end_object (builder);
}

static void
add_completion (PrismCliContext *self,
                JsonBuilder     *builder,
                PrismCompletion *completion,
                PrismRecorder   *recorder)
{
  GPtrArray *attempts = prism_completion_get_attempts (completion);
  PrismFinishReason reason;
  PrismCostSource source;
  double cost;

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, prism_completion_get_model (completion));
  json_builder_set_member_name (builder, "served_by");
  json_builder_add_string_value (builder, prism_completion_get_served_by (completion));
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, prism_completion_get_content (completion));
  json_builder_set_member_name (builder, "reasoning");
  if (prism_completion_get_reasoning (completion) != NULL)
    json_builder_add_string_value (builder, prism_completion_get_reasoning (completion));
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "finish_reason");
  if (prism_completion_get_finish_reason (completion, &reason, NULL))
    json_builder_add_string_value (builder, prism_finish_reason_to_string (reason));
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "usage");
  prism_usage_to_json (prism_completion_get_usage (completion), builder);

  cost = prism_completion_get_cost (completion, &source);
  json_builder_set_member_name (builder, "cost_usd");
  if (isnan (cost))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, cost);
  json_builder_set_member_name (builder, "cost_source");
  json_builder_add_string_value (builder, prism_cost_source_to_string (source));

  add_double_or_null (builder, "ttft_ms", prism_completion_get_ttft_ms (completion));
  add_double_or_null (builder, "latency_ms", prism_completion_get_latency_ms (completion));

  json_builder_set_member_name (builder, "attempts");
  json_builder_begin_array (builder);
  for (guint i = 0; attempts != NULL && i < attempts->len; i++)
    {
      const PrismAttemptRecord *attempt = g_ptr_array_index (attempts, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "model");
      json_builder_add_string_value (builder, attempt->model);
      json_builder_set_member_name (builder, "status");
      if (attempt->http_status != 0)
        json_builder_add_int_value (builder, attempt->http_status);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "error");
      add_error (builder, attempt->error);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "error");
  add_error (builder, prism_completion_get_error (completion));

  json_builder_set_member_name (builder, "conversation_id");
  if (self->conversation_id != NULL)
    json_builder_add_string_value (builder, self->conversation_id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "message_id");
  if (recorder != NULL)
    json_builder_add_string_value (builder, prism_recorder_get_message_id (recorder));
  else
    json_builder_add_null_value (builder);

  json_builder_end_object (builder);
}

void
prism_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
  fflush (stdout);
}

/**
 * prism_cli_print_completions_json:
 * @self: a #PrismCliContext
 * @completions: (element-type PrismCompletion): ended completions
 * @as_array: print an array, in the order the models were given
 *
 * Prints the `ask --json` objects of the design notes.
 */
void
prism_cli_print_completions_json (PrismCliContext *self,
                                  GPtrArray       *completions,
                                  gboolean         as_array)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_if_fail (PRISM_IS_CLI_CONTEXT (self));

  if (as_array)
    json_builder_begin_array (builder);
  for (guint i = 0; i < completions->len; i++)
    add_completion (self, builder, g_ptr_array_index (completions, i),
                    i < self->recorders->len ? g_ptr_array_index (self->recorders, i) : NULL);
  if (as_array)
    json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  prism_cli_print_json (root);
}
