/* prism-fake-provider.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A local HTTP server that speaks the provider protocols Prism talks to,
 * for tests, screenshots and benchmarks. It runs in a thread of its own
 * with its own GMainContext, so a test may block on a client (or iterate
 * its own context) without starving the server. */

#define G_LOG_DOMAIN "prism-fake-provider"

#include "config.h"

#include <string.h>

#include "prism-fake-provider-private.h"

struct _PrismFakeProvider
{
  GObject             parent_instance;

  GMutex              mutex;
  GCond               cond;
  GThread            *thread;
  GMainContext       *context;
  GMainLoop          *loop;
  gboolean            ready;
  GError             *start_error;
  guint               requested_port;
  guint               port;

  /* Server thread only. */
  SoupServer         *server;
  GPtrArray          *requests;

  /* Under the mutex. */
  guint               request_count;
  GHashTable         *failures;
  char               *last_path;
  SoupMessageHeaders *last_headers;
  GBytes             *last_body;
};

G_DEFINE_FINAL_TYPE (PrismFakeProvider, prism_fake_provider, G_TYPE_OBJECT)

static const struct {
  const char     *prefix;
  PrismFakeFlavor flavor;
} openai_routes[] = {
  { "/openai/v1", PRISM_FAKE_FLAVOR_OPENAI },
  { "/openrouter/api/v1", PRISM_FAKE_FLAVOR_OPENROUTER },
  { "/groq/openai/v1", PRISM_FAKE_FLAVOR_GROQ },
  { "/groq/v1", PRISM_FAKE_FLAVOR_GROQ },
  { "/deepseek/v1", PRISM_FAKE_FLAVOR_DEEPSEEK },
  { "/deepseek", PRISM_FAKE_FLAVOR_DEEPSEEK },
  { "/xai/v1", PRISM_FAKE_FLAVOR_XAI },
  { "/mistral/v1", PRISM_FAKE_FLAVOR_MISTRAL },
  { "/perplexity/v1", PRISM_FAKE_FLAVOR_PERPLEXITY },
  { "/perplexity", PRISM_FAKE_FLAVOR_PERPLEXITY },
  { "/together/v1", PRISM_FAKE_FLAVOR_OPENAI },
  { "/fireworks/inference/v1", PRISM_FAKE_FLAVOR_OPENAI },
  { "/cerebras/v1", PRISM_FAKE_FLAVOR_OPENAI },
  { "/lmstudio/v1", PRISM_FAKE_FLAVOR_LOCAL },
  { "/llamacpp/v1", PRISM_FAKE_FLAVOR_LOCAL },
};

static const struct {
  const char *provider;
  const char *path;
} base_paths[] = {
  { "openai", "/openai/v1" },
  { "openrouter", "/openrouter/api/v1" },
  { "groq", "/groq/v1" },
  { "deepseek", "/deepseek/v1" },
  { "xai", "/xai/v1" },
  { "mistral", "/mistral/v1" },
  { "perplexity", "/perplexity/v1" },
  { "together", "/together/v1" },
  { "fireworks", "/fireworks/inference/v1" },
  { "cerebras", "/cerebras/v1" },
  { "lmstudio", "/lmstudio/v1" },
  { "llamacpp", "/llamacpp/v1" },
  { "anthropic", "/anthropic" },
  { "gemini", "/gemini" },
  { "ollama", "/ollama" },
};

static SoupMessageHeaders *
copy_headers (SoupMessageHeaders *headers)
{
  SoupMessageHeaders *copy = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    soup_message_headers_append (copy, name, value);

  return copy;
}

static void
record (PrismFakeProvider *self,
        SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

  g_mutex_lock (&self->mutex);
  self->request_count++;
  g_free (self->last_path);
  if (g_uri_get_query (uri) != NULL)
    self->last_path = g_strdup_printf ("%s?%s", g_uri_get_path (uri), g_uri_get_query (uri));
  else
    self->last_path = g_strdup (g_uri_get_path (uri));
  g_clear_pointer (&self->last_headers, soup_message_headers_unref);
  self->last_headers = copy_headers (soup_server_message_get_request_headers (msg));
  g_clear_pointer (&self->last_body, g_bytes_unref);
  self->last_body = g_steal_pointer (&bytes);
  g_mutex_unlock (&self->mutex);
}

static gboolean
has_prefix (const char  *path,
            const char  *prefix,
            const char **rest)
{
  gsize len = strlen (prefix);

  if (strncmp (path, prefix, len) != 0 || (path[len] != '\0' && path[len] != '/'))
    return FALSE;

  *rest = path + len;
  return TRUE;
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  PrismFakeProvider *self = user_data;
  const char *rest;

  record (self, msg);

  for (guint i = 0; i < G_N_ELEMENTS (openai_routes); i++)
    {
      if (has_prefix (path, openai_routes[i].prefix, &rest))
        {
          prism_fake_openai_handle (self, msg, openai_routes[i].flavor, rest);
          return;
        }
    }

  if (has_prefix (path, "/anthropic", &rest))
    prism_fake_anthropic_handle (self, msg, rest);
  else if (has_prefix (path, "/gemini", &rest))
    prism_fake_gemini_handle (self, msg, rest);
  else if (has_prefix (path, "/ollama", &rest))
    prism_fake_ollama_handle (self, msg, rest);
  else
    prism_fake_respond_json (msg, SOUP_STATUS_NOT_FOUND,
                             "{\"error\":\"The fake provider serves no such path\"}");
}

void
prism_fake_provider_track (PrismFakeProvider *self,
                           PrismFakeRequest  *req)
{
  g_ptr_array_add (self->requests, prism_fake_request_ref (req));
}

void
prism_fake_provider_untrack (PrismFakeProvider *self,
                             PrismFakeRequest  *req)
{
  g_ptr_array_remove_fast (self->requests, req);
}

void
prism_fake_provider_count_failure (PrismFakeProvider *self,
                                   const char        *model,
                                   guint             *count)
{
  g_mutex_lock (&self->mutex);
  *count = GPOINTER_TO_UINT (g_hash_table_lookup (self->failures, model)) + 1;
  g_hash_table_replace (self->failures, g_strdup (model), GUINT_TO_POINTER (*count));
  g_mutex_unlock (&self->mutex);
}

static gpointer
server_thread (gpointer data)
{
  PrismFakeProvider *self = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);

  self->server = soup_server_new ("server-header", "prism-fake-provider ", NULL);
  soup_server_add_handler (self->server, NULL, handle, self, NULL);

  if (soup_server_listen_local (self->server, self->requested_port,
                                SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      uris = soup_server_get_uris (self->server);
      g_mutex_lock (&self->mutex);
      self->port = g_uri_get_port (uris->data);
      g_mutex_unlock (&self->mutex);
      g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
    }

  g_mutex_lock (&self->mutex);
  self->start_error = g_steal_pointer (&error);
  self->ready = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);

  if (self->port != 0)
    g_main_loop_run (self->loop);

  /* Stop timers first, then drop the clients; whatever libsoup did not
   * finish is let go here. */
  for (guint i = 0; i < self->requests->len; i++)
    prism_fake_request_abort (g_ptr_array_index (self->requests, i));
  soup_server_disconnect (self->server);
  g_ptr_array_set_size (self->requests, 0);
  g_clear_object (&self->server);
  while (g_main_context_iteration (self->context, FALSE))
    ;

  g_main_context_pop_thread_default (self->context);

  return NULL;
}

/**
 * prism_fake_provider_start:
 * @self: a #PrismFakeProvider
 * @port: the port to listen on at 127.0.0.1, or 0 for any free one
 * @error: return location for a #GError
 *
 * Starts serving in a thread of its own; returns once the port is bound.
 */
gboolean
prism_fake_provider_start (PrismFakeProvider  *self,
                           guint               port,
                           GError            **error)
{
  g_return_val_if_fail (PRISM_IS_FAKE_PROVIDER (self), FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);

  self->requested_port = port;
  self->ready = FALSE;
  self->port = 0;
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("fake-provider", server_thread, self);

  g_mutex_lock (&self->mutex);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);

  if (self->start_error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&self->start_error),
                                  "Cannot listen on 127.0.0.1:%u: ", port);
      prism_fake_provider_stop (self);
      return FALSE;
    }

  return TRUE;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
prism_fake_provider_stop (PrismFakeProvider *self)
{
  GSource *source;

  g_return_if_fail (PRISM_IS_FAKE_PROVIDER (self));

  if (self->thread == NULL)
    return;

  /* Quit from inside the loop: a quit that came before the server
   * thread reached g_main_loop_run() would be lost. */
  source = g_idle_source_new ();
  g_source_set_callback (source, quit_loop, self->loop, NULL);
  g_source_attach (source, self->context);
  g_source_unref (source);
  g_thread_join (g_steal_pointer (&self->thread));
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  self->port = 0;
}

guint
prism_fake_provider_get_port (PrismFakeProvider *self)
{
  g_return_val_if_fail (PRISM_IS_FAKE_PROVIDER (self), 0);

  return self->port;
}

/**
 * prism_fake_provider_get_base_url:
 * @self: a started #PrismFakeProvider
 * @provider: "openai", "openrouter", "groq", "deepseek", "xai", "mistral",
 *   "perplexity", "together", "fireworks", "cerebras", "lmstudio",
 *   "llamacpp", "anthropic", "gemini" or "ollama"
 *
 * Returns: (transfer full) (nullable): the base URL a client of @provider
 *   puts its paths after, or %NULL for an unknown provider
 */
char *
prism_fake_provider_get_base_url (PrismFakeProvider *self,
                                  const char        *provider)
{
  g_return_val_if_fail (PRISM_IS_FAKE_PROVIDER (self), NULL);
  g_return_val_if_fail (provider != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (base_paths); i++)
    if (g_str_equal (provider, base_paths[i].provider))
      return g_strdup_printf ("http://127.0.0.1:%u%s", self->port, base_paths[i].path);

  return NULL;
}

guint
prism_fake_provider_get_request_count (PrismFakeProvider *self)
{
  guint count;

  g_return_val_if_fail (PRISM_IS_FAKE_PROVIDER (self), 0);

  g_mutex_lock (&self->mutex);
  count = self->request_count;
  g_mutex_unlock (&self->mutex);

  return count;
}

/**
 * prism_fake_provider_reset:
 * @self: a #PrismFakeProvider
 *
 * Forgets the request count, the last request and the fail-times counts.
 */
void
prism_fake_provider_reset (PrismFakeProvider *self)
{
  g_return_if_fail (PRISM_IS_FAKE_PROVIDER (self));

  g_mutex_lock (&self->mutex);
  self->request_count = 0;
  g_hash_table_remove_all (self->failures);
  g_clear_pointer (&self->last_path, g_free);
  g_clear_pointer (&self->last_headers, soup_message_headers_unref);
  g_clear_pointer (&self->last_body, g_bytes_unref);
  g_mutex_unlock (&self->mutex);
}

/* Returns: (transfer full) (nullable): path and query of the last request */
char *
prism_fake_provider_dup_last_request_path (PrismFakeProvider *self)
{
  char *path;

  g_return_val_if_fail (PRISM_IS_FAKE_PROVIDER (self), NULL);

  g_mutex_lock (&self->mutex);
  path = g_strdup (self->last_path);
  g_mutex_unlock (&self->mutex);

  return path;
}

char *
prism_fake_provider_dup_last_request_header (PrismFakeProvider *self,
                                             const char        *name)
{
  char *value = NULL;

  g_return_val_if_fail (PRISM_IS_FAKE_PROVIDER (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  g_mutex_lock (&self->mutex);
  if (self->last_headers != NULL)
    value = g_strdup (soup_message_headers_get_one (self->last_headers, name));
  g_mutex_unlock (&self->mutex);

  return value;
}

SoupMessageHeaders *
prism_fake_provider_dup_last_request_headers (PrismFakeProvider *self)
{
  SoupMessageHeaders *headers = NULL;

  g_return_val_if_fail (PRISM_IS_FAKE_PROVIDER (self), NULL);

  g_mutex_lock (&self->mutex);
  if (self->last_headers != NULL)
    headers = copy_headers (self->last_headers);
  g_mutex_unlock (&self->mutex);

  return headers;
}

GBytes *
prism_fake_provider_dup_last_request_body (PrismFakeProvider *self)
{
  GBytes *body = NULL;

  g_return_val_if_fail (PRISM_IS_FAKE_PROVIDER (self), NULL);

  g_mutex_lock (&self->mutex);
  if (self->last_body != NULL)
    body = g_bytes_ref (self->last_body);
  g_mutex_unlock (&self->mutex);

  return body;
}

/* Returns: (transfer full) (nullable): the last request body parsed as
 * JSON, or %NULL when there was none or it was not JSON */
JsonNode *
prism_fake_provider_dup_last_request_json (PrismFakeProvider *self)
{
  g_autoptr(GBytes) body = prism_fake_provider_dup_last_request_body (self);
  g_autoptr(JsonParser) parser = NULL;
  gsize len;
  const char *data;

  if (body == NULL)
    return NULL;

  data = g_bytes_get_data (body, &len);
  parser = json_parser_new ();
  if (len == 0 || !json_parser_load_from_data (parser, data, len, NULL))
    return NULL;

  return json_node_copy (json_parser_get_root (parser));
}

static void
prism_fake_provider_dispose (GObject *object)
{
  PrismFakeProvider *self = (PrismFakeProvider *)object;

  prism_fake_provider_stop (self);

  G_OBJECT_CLASS (prism_fake_provider_parent_class)->dispose (object);
}

static void
prism_fake_provider_finalize (GObject *object)
{
  PrismFakeProvider *self = (PrismFakeProvider *)object;

  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->failures, g_hash_table_unref);
  g_clear_pointer (&self->last_path, g_free);
  g_clear_pointer (&self->last_headers, soup_message_headers_unref);
  g_clear_pointer (&self->last_body, g_bytes_unref);
  g_clear_error (&self->start_error);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (prism_fake_provider_parent_class)->finalize (object);
}

static void
prism_fake_provider_class_init (PrismFakeProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = prism_fake_provider_dispose;
  object_class->finalize = prism_fake_provider_finalize;
}

static void
prism_fake_provider_init (PrismFakeProvider *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) prism_fake_request_unref);
  self->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

PrismFakeProvider *
prism_fake_provider_new (void)
{
  return g_object_new (PRISM_TYPE_FAKE_PROVIDER, NULL);
}
