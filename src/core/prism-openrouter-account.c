/* prism-openrouter-account.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-openrouter-account"

#include "config.h"

#include "prism-openrouter-account-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "prism-error.h"
#include "prism-protocol-private.h"

/* An OpenRouter account as its key sees it: GET {base}/key for the key's
 * cap and spend, then GET {base}/credits for the account's balance. The
 * credits endpoint wants a management key, so an ordinary key that it
 * refuses still gives the key's own figures.
 */

G_DEFINE_BOXED_TYPE (PrismOpenrouterAccount, prism_openrouter_account,
                     prism_openrouter_account_copy, prism_openrouter_account_free)

static PrismOpenrouterAccount *
prism_openrouter_account_new (void)
{
  PrismOpenrouterAccount *self = g_new0 (PrismOpenrouterAccount, 1);

  self->limit = NAN;
  self->limit_remaining = NAN;
  self->usage = NAN;
  self->usage_daily = NAN;
  self->usage_weekly = NAN;
  self->usage_monthly = NAN;
  self->total_credits = NAN;
  self->total_usage = NAN;

  return self;
}

PrismOpenrouterAccount *
prism_openrouter_account_copy (const PrismOpenrouterAccount *self)
{
  PrismOpenrouterAccount *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->label = g_strdup (self->label);
  copy->limit_reset = g_strdup (self->limit_reset);

  return copy;
}

void
prism_openrouter_account_free (PrismOpenrouterAccount *self)
{
  if (self == NULL)
    return;

  g_free (self->label);
  g_free (self->limit_reset);
  g_free (self);
}

/**
 * prism_openrouter_account_get_balance:
 * @self: an account
 *
 * Returns: the USD of credits left, NAN when OpenRouter did not tell
 */
double
prism_openrouter_account_get_balance (const PrismOpenrouterAccount *self)
{
  g_return_val_if_fail (self != NULL, NAN);

  return self->total_credits - self->total_usage;
}

static JsonObject *
parse_data (GBytes      *body,
            const char  *what,
            GError     **error)
{
  g_autoptr(JsonObject) root = NULL;
  JsonObject *data;
  const char *bytes;
  gsize len = 0;

  bytes = body != NULL ? g_bytes_get_data (body, &len) : NULL;
  root = prism_protocol_parse_json_object (bytes != NULL ? bytes : "", len, error);
  if (root == NULL)
    return NULL;

  data = prism_json_object (root, "data");
  if (data == NULL)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL,
                   _("OpenRouter’s %s answer has no “data” object"), what);
      return NULL;
    }

  return json_object_ref (data);
}

/* A member that is absent or null is unknown or unlimited (NAN); one of
 * another type is a broken answer. */
static gboolean
read_amount (JsonObject  *data,
             const char  *member,
             double      *value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (data, member);

  *value = NAN;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  *value = prism_json_double (data, member);
  if (isnan (*value) || *value < 0)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL,
                   _("OpenRouter’s “%s” is not an amount of money"), member);
      return FALSE;
    }

  return TRUE;
}

PrismOpenrouterAccount *
_prism_openrouter_account_parse_key (GBytes  *body,
                                     GError **error)
{
  g_autoptr(PrismOpenrouterAccount) self = prism_openrouter_account_new ();
  g_autoptr(JsonObject) data = NULL;

  data = parse_data (body, "key", error);
  if (data == NULL)
    return NULL;

  if (!json_object_has_member (data, "usage"))
    {
      g_set_error_literal (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL,
                           _("OpenRouter’s key answer does not say what the key has spent"));
      return NULL;
    }

  if (!read_amount (data, "limit", &self->limit, error) ||
      !read_amount (data, "limit_remaining", &self->limit_remaining, error) ||
      !read_amount (data, "usage", &self->usage, error) ||
      !read_amount (data, "usage_daily", &self->usage_daily, error) ||
      !read_amount (data, "usage_weekly", &self->usage_weekly, error) ||
      !read_amount (data, "usage_monthly", &self->usage_monthly, error))
    return NULL;

  self->label = g_strdup (prism_json_string (data, "label"));
  self->limit_reset = g_strdup (prism_json_string (data, "limit_reset"));
  self->is_free_tier = prism_json_bool (data, "is_free_tier");

  return g_steal_pointer (&self);
}

gboolean
_prism_openrouter_account_parse_credits (PrismOpenrouterAccount  *self,
                                         GBytes                  *body,
                                         GError                 **error)
{
  g_autoptr(JsonObject) data = NULL;
  double total_credits;
  double total_usage;

  data = parse_data (body, "credits", error);
  if (data == NULL)
    return FALSE;

  if (!read_amount (data, "total_credits", &total_credits, error) ||
      !read_amount (data, "total_usage", &total_usage, error))
    return FALSE;

  if (isnan (total_credits) || isnan (total_usage))
    {
      g_set_error_literal (error, PRISM_ERROR, PRISM_ERROR_PROTOCOL,
                           _("OpenRouter’s credits answer lacks the credits or their usage"));
      return FALSE;
    }

  self->total_credits = total_credits;
  self->total_usage = total_usage;

  return TRUE;
}

typedef struct
{
  PrismProviderConfig    *config;
  PrismProtocol          *protocol;
  char                   *key;
  PrismOpenrouterAccount *account;
} Fetch;

static void
fetch_free (Fetch *state)
{
  g_clear_object (&state->config);
  g_clear_pointer (&state->key, prism_keyring_free_key);
  g_clear_pointer (&state->account, prism_openrouter_account_free);
  g_free (state);
}

static void
fetch_send (GTask               *task,
            const char          *path,
            GAsyncReadyCallback  callback)
{
  PrismClient *client = g_task_get_source_object (task);
  Fetch *state = g_task_get_task_data (task);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *authorization = NULL;
  SoupMessageHeaders *headers;

  msg = prism_protocol_new_message ("GET", prism_provider_config_get_base_url (state->config),
                                    path, NULL, &error);
  if (msg == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  headers = soup_message_get_request_headers (msg);
  authorization = g_strconcat ("Bearer ", state->key, NULL);
  soup_message_headers_replace (headers, "Authorization", authorization);
  soup_message_headers_replace (headers, "Accept", "application/json");

  prism_http_client_get_bytes_async (prism_client_get_http_client (client),
                                     msg,
                                     prism_client_get_timeouts (client),
                                     g_task_get_cancellable (task),
                                     callback,
                                     task);
}

static void
fetch_credits_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *state = g_task_get_task_data (task);
  g_autoptr(PrismHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  if (!prism_http_client_get_bytes_finish (PRISM_HTTP_CLIENT (object), result, &response, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Only a management key may read the credits: a refusal leaves the
   * balance unknown rather than failing what the key endpoint told. */
  if (response->status == 401 || response->status == 403)
    {
      g_task_return_pointer (task, g_steal_pointer (&state->account),
                             (GDestroyNotify)prism_openrouter_account_free);
      return;
    }

  if (!prism_http_response_is_success (response))
    {
      g_task_return_error (task, prism_protocol_parse_error (state->protocol,
                                                             response->status,
                                                             response->content_type,
                                                             response->body,
                                                             response->retry_after,
                                                             state->key));
      return;
    }

  if (!_prism_openrouter_account_parse_credits (state->account, response->body, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&state->account),
                         (GDestroyNotify)prism_openrouter_account_free);
}

static void
fetch_key_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *state = g_task_get_task_data (task);
  g_autoptr(PrismHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  if (!prism_http_client_get_bytes_finish (PRISM_HTTP_CLIENT (object), result, &response, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!prism_http_response_is_success (response))
    {
      g_task_return_error (task, prism_protocol_parse_error (state->protocol,
                                                             response->status,
                                                             response->content_type,
                                                             response->body,
                                                             response->retry_after,
                                                             state->key));
      return;
    }

  state->account = _prism_openrouter_account_parse_key (response->body, &error);
  if (state->account == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  fetch_send (g_steal_pointer (&task), "/credits", fetch_credits_cb);
}

static void
fetch_lookup_key_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  state->key = prism_client_lookup_key_finish (PRISM_CLIENT (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (state->key == NULL)
    {
      g_task_return_new_error (task, PRISM_ERROR, PRISM_ERROR_CONFIG,
                               _("%s has no API key, and OpenRouter tells an account’s credits "
                                 "only to its key. Add the key first."),
                               prism_provider_config_get_name (state->config));
      return;
    }

  fetch_send (g_steal_pointer (&task), "/key", fetch_key_cb);
}

/**
 * prism_openrouter_account_fetch_async:
 * @client: a #PrismClient
 * @config: an OpenRouter provider
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the account
 * @user_data: data for @callback
 *
 * Asks OpenRouter what the key of @config may spend and has spent, and
 * the account's credits when the key may see them.
 */
void
prism_openrouter_account_fetch_async (PrismClient         *client,
                                      PrismProviderConfig *config,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Fetch *state;

  g_return_if_fail (PRISM_IS_CLIENT (client));
  g_return_if_fail (PRISM_IS_PROVIDER_CONFIG (config));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, prism_openrouter_account_fetch_async);

  if (prism_provider_config_get_protocol (config) != PRISM_PROTOCOL_KIND_OPENROUTER)
    {
      g_task_return_new_error (task, PRISM_ERROR, PRISM_ERROR_CONFIG,
                               _("%s does not speak OpenRouter’s protocol, so it has no "
                                 "OpenRouter account to show."),
                               prism_provider_config_get_name (config));
      return;
    }

  state = g_new0 (Fetch, 1);
  state->config = g_object_ref (config);
  state->protocol = prism_client_get_protocol (client, config);
  g_task_set_task_data (task, state, (GDestroyNotify)fetch_free);

  prism_client_lookup_key_async (client, config, NULL, cancellable,
                                 fetch_lookup_key_cb, g_steal_pointer (&task));
}

/**
 * prism_openrouter_account_fetch_finish:
 * @client: a #PrismClient
 * @result: the result given to the callback
 * @error: why the account could not be had: a %PRISM_ERROR with the
 *   provider's own message, or %PRISM_ERROR_PROTOCOL for an answer that
 *   cannot be read
 *
 * Returns: (transfer full): the account
 */
PrismOpenrouterAccount *
prism_openrouter_account_fetch_finish (PrismClient   *client,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (PRISM_IS_CLIENT (client), NULL);
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
