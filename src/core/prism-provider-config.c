/* prism-provider-config.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-provider-config"

#include "config.h"

#include <gio/gio.h>

#include "prism-provider-config.h"

/* One provider as Prism knows it: a built-in one, possibly with fields
 * overridden in providers.ini, or one the person defined there. It is
 * plain data; speaking the protocol belongs to the provider classes. */
struct _PrismProviderConfig
{
  GObject            parent_instance;

  char              *id;
  char              *name;
  char              *base_url;
  char              *key_env;
  char              *key_variable;
  char              *provider_sort;
  char              *data_collection;
  PrismProtocolKind  protocol;
  guint              needs_key : 1;
  guint              enabled : 1;
  guint              builtin : 1;
  guint              local : 1;
  guint              insecure : 1;
  guint              allow_fallbacks : 1;
};

G_DEFINE_FINAL_TYPE (PrismProviderConfig, prism_provider_config, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PrismProtocolKind, prism_protocol_kind,
  G_DEFINE_ENUM_VALUE (PRISM_PROTOCOL_KIND_OPENAI, "openai"),
  G_DEFINE_ENUM_VALUE (PRISM_PROTOCOL_KIND_OPENROUTER, "openrouter"),
  G_DEFINE_ENUM_VALUE (PRISM_PROTOCOL_KIND_ANTHROPIC, "anthropic"),
  G_DEFINE_ENUM_VALUE (PRISM_PROTOCOL_KIND_GEMINI, "gemini"),
  G_DEFINE_ENUM_VALUE (PRISM_PROTOCOL_KIND_OLLAMA, "ollama"))

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_PROTOCOL,
  PROP_BASE_URL,
  PROP_KEY_ENV,
  PROP_KEY_VARIABLE,
  PROP_NEEDS_KEY,
  PROP_ENABLED,
  PROP_BUILTIN,
  PROP_LOCAL,
  PROP_INSECURE,
  PROP_PROVIDER_SORT,
  PROP_ALLOW_FALLBACKS,
  PROP_DATA_COLLECTION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char * const protocol_names[] = {
  [PRISM_PROTOCOL_KIND_OPENAI] = "openai",
  [PRISM_PROTOCOL_KIND_OPENROUTER] = "openrouter",
  [PRISM_PROTOCOL_KIND_ANTHROPIC] = "anthropic",
  [PRISM_PROTOCOL_KIND_GEMINI] = "gemini",
  [PRISM_PROTOCOL_KIND_OLLAMA] = "ollama",
};

const char *
prism_protocol_kind_to_string (PrismProtocolKind kind)
{
  g_return_val_if_fail ((guint)kind < G_N_ELEMENTS (protocol_names), NULL);

  return protocol_names[kind];
}

/**
 * prism_protocol_kind_from_string:
 * @str: (nullable): a `protocol=` value such as "openai"
 * @kind: (out): where to store the protocol
 *
 * Returns: %FALSE when @str names no protocol Prism speaks
 */
gboolean
prism_protocol_kind_from_string (const char        *str,
                                 PrismProtocolKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (protocol_names); i++)
    {
      if (g_strcmp0 (protocol_names[i], str) == 0)
        {
          *kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * prism_provider_config_is_valid_sort:
 *
 * Returns: %TRUE for the values of OpenRouter's `provider.sort`
 *   that Prism offers: price, throughput and latency
 */
gboolean
prism_provider_config_is_valid_sort (const char *sort)
{
  return g_strcmp0 (sort, "price") == 0
         || g_strcmp0 (sort, "throughput") == 0
         || g_strcmp0 (sort, "latency") == 0;
}

gboolean
prism_provider_config_is_valid_data_collection (const char *data_collection)
{
  return g_strcmp0 (data_collection, "allow") == 0
         || g_strcmp0 (data_collection, "deny") == 0;
}

/**
 * prism_provider_config_conventional_key_variable:
 * @id: a provider id
 *
 * The environment variable vendors' SDKs read, which for every built-in
 * provider is its id in capitals followed by `_API_KEY` (`OPENAI_API_KEY`,
 * `XAI_API_KEY`). Providers defined in providers.ini get one of the same
 * form, with anything but letters and digits turned into `_`.
 *
 * Returns: (transfer full): the variable's name
 */
char *
prism_provider_config_conventional_key_variable (const char *id)
{
  GString *str;

  g_return_val_if_fail (id != NULL, NULL);

  str = g_string_new (NULL);
  for (const char *p = id; *p != '\0'; p++)
    g_string_append_c (str, g_ascii_isalnum (*p) ? g_ascii_toupper (*p) : '_');
  g_string_append (str, "_API_KEY");

  return g_string_free (str, FALSE);
}

static gboolean
host_is_loopback (const char    *host,
                  GInetAddress  *address)
{
  if (address != NULL)
    return g_inet_address_get_is_loopback (address);

  return g_ascii_strcasecmp (host, "localhost") == 0
         || g_str_has_suffix (host, ".localhost");
}

static gboolean
address_is_private (GInetAddress *address)
{
  const guint8 *bytes = g_inet_address_to_bytes (address);

  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
    return bytes[0] == 10
           || (bytes[0] == 172 && (bytes[1] & 0xf0) == 16)
           || (bytes[0] == 192 && bytes[1] == 168);

  /* fc00::/7, unique local addresses */
  return (bytes[0] & 0xfe) == 0xfc;
}

/**
 * prism_provider_config_classify_url:
 * @url: a base URL
 * @local: (out) (optional): whether it points at this machine
 * @insecure: (out) (optional): whether a key would cross a network in
 *   the clear: plain `http://` to a host that is neither this machine
 *   nor a private address (RFC 1918, fc00::/7)
 *
 * Returns: %FALSE when @url is not an absolute http or https URL with a host
 */
gboolean
prism_provider_config_classify_url (const char *url,
                                    gboolean   *local,
                                    gboolean   *insecure)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *scheme;
  const char *host;
  gboolean loopback;
  gboolean is_http;

  if (url == NULL)
    return FALSE;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    return FALSE;

  is_http = g_ascii_strcasecmp (scheme, "http") == 0;
  if (!is_http && g_ascii_strcasecmp (scheme, "https") != 0)
    return FALSE;

  address = g_inet_address_new_from_string (host);
  loopback = host_is_loopback (host, address);

  if (local != NULL)
    *local = loopback;
  if (insecure != NULL)
    *insecure = is_http && !loopback && (address == NULL || !address_is_private (address));

  return TRUE;
}

PrismProviderConfig *
prism_provider_config_new (const char        *id,
                           PrismProtocolKind  protocol,
                           const char        *base_url)
{
  g_return_val_if_fail (id != NULL && *id != '\0', NULL);
  g_return_val_if_fail (strchr (id, ':') == NULL, NULL);

  return g_object_new (PRISM_TYPE_PROVIDER_CONFIG,
                       "id", id,
                       "protocol", protocol,
                       "base-url", base_url,
                       NULL);
}

const char *
prism_provider_config_get_id (PrismProviderConfig *self)
{
  g_return_val_if_fail (PRISM_IS_PROVIDER_CONFIG (self), NULL);

  return self->id;
}

/**
 * prism_provider_config_get_name:
 *
 * Returns: the name to show a person, the id when none was given
 */
const char *
prism_provider_config_get_name (PrismProviderConfig *self)
{
  g_return_val_if_fail (PRISM_IS_PROVIDER_CONFIG (self), NULL);

  return self->name != NULL ? self->name : self->id;
}

static gboolean
set_string (PrismProviderConfig  *self,
            char                **field,
            const char           *value,
            guint                 prop)
{
  if (value != NULL && *value == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties [prop]);

  return TRUE;
}

static void
set_flag (PrismProviderConfig *self,
          gboolean             current,
          gboolean             value,
          guint                prop)
{
  if (!current == !value)
    return;

  switch (prop)
    {
    case PROP_NEEDS_KEY:
      self->needs_key = !!value;
      break;

    case PROP_ENABLED:
      self->enabled = !!value;
      break;

    case PROP_LOCAL:
      self->local = !!value;
      break;

    case PROP_INSECURE:
      self->insecure = !!value;
      break;

    case PROP_ALLOW_FALLBACKS:
      self->allow_fallbacks = !!value;
      break;

    default:
      g_assert_not_reached ();
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties [prop]);
}

void
prism_provider_config_set_name (PrismProviderConfig *self,
                                const char          *name)
{
  g_return_if_fail (PRISM_IS_PROVIDER_CONFIG (self));

  set_string (self, &self->name, name, PROP_NAME);
}

PrismProtocolKind
prism_provider_config_get_protocol (PrismProviderConfig *self)
{
  g_return_val_if_fail (PRISM_IS_PROVIDER_CONFIG (self), PRISM_PROTOCOL_KIND_OPENAI);

  return self->protocol;
}

void
prism_provider_config_set_protocol (PrismProviderConfig *self,
                                    PrismProtocolKind    protocol)
{
  g_return_if_fail (PRISM_IS_PROVIDER_CONFIG (self));
  g_return_if_fail ((guint)protocol < G_N_ELEMENTS (protocol_names));

  if (self->protocol != protocol)
    {
      self->protocol = protocol;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROTOCOL]);
    }
}

const char *
prism_provider_config_get_base_url (PrismProviderConfig *self)
{
  g_return_val_if_fail (PRISM_IS_PROVIDER_CONFIG (self), NULL);

  return self->base_url;
}

/**
 * prism_provider_config_set_base_url:
 * @base_url: what the protocol's own path is appended to, without a
 *   trailing slash (one is removed)
 *
 * Also updates #PrismProviderConfig:local and #PrismProviderConfig:insecure.
 */
void
prism_provider_config_set_base_url (PrismProviderConfig *self,
                                    const char          *base_url)
{
  g_autofree char *trimmed = NULL;
  gboolean local = FALSE;
  gboolean insecure = FALSE;

  g_return_if_fail (PRISM_IS_PROVIDER_CONFIG (self));

  if (base_url != NULL)
    {
      gsize len;

      trimmed = g_strstrip (g_strdup (base_url));
      len = strlen (trimmed);
      while (len > 0 && trimmed[len - 1] == '/')
        trimmed[--len] = '\0';
    }

  g_object_freeze_notify (G_OBJECT (self));

  set_string (self, &self->base_url, trimmed, PROP_BASE_URL);
  prism_provider_config_classify_url (self->base_url, &local, &insecure);
  set_flag (self, self->local, local, PROP_LOCAL);
  set_flag (self, self->insecure, insecure, PROP_INSECURE);

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * prism_provider_config_get_key_env:
 *
 * Returns: (nullable): the environment variable the person named with
 *   `key-env=`, looked at before the conventional one
 */
const char *
prism_provider_config_get_key_env (PrismProviderConfig *self)
{
  g_return_val_if_fail (PRISM_IS_PROVIDER_CONFIG (self), NULL);

  return self->key_env;
}

void
prism_provider_config_set_key_env (PrismProviderConfig *self,
                                   const char          *key_env)
{
  g_return_if_fail (PRISM_IS_PROVIDER_CONFIG (self));

  set_string (self, &self->key_env, key_env, PROP_KEY_ENV);
}

/**
 * prism_provider_config_get_key_variable:
 *
 * Returns: the conventional environment variable, such as `OPENAI_API_KEY`
 */
const char *
prism_provider_config_get_key_variable (PrismProviderConfig *self)
{
  g_return_val_if_fail (PRISM_IS_PROVIDER_CONFIG (self), NULL);

  return self->key_variable;
}

void
prism_provider_config_set_key_variable (PrismProviderConfig *self,
                                        const char          *key_variable)
{
  g_return_if_fail (PRISM_IS_PROVIDER_CONFIG (self));

  if (key_variable == NULL || *key_variable == '\0')
    {
      g_autofree char *conventional = prism_provider_config_conventional_key_variable (self->id);

      set_string (self, &self->key_variable, conventional, PROP_KEY_VARIABLE);
    }
  else
    set_string (self, &self->key_variable, key_variable, PROP_KEY_VARIABLE);
}

/**
 * prism_provider_config_get_needs_key:
 *
 * Returns: %FALSE for servers that take requests without a key, such as
 *   a local Ollama
 */
gboolean
prism_provider_config_get_needs_key (PrismProviderConfig *self)
{
  g_return_val_if_fail (PRISM_IS_PROVIDER_CONFIG (self), FALSE);

  return self->needs_key;
}

void
prism_provider_config_set_needs_key (PrismProviderConfig *self,
                                     gboolean             needs_key)
{
  g_return_if_fail (PRISM_IS_PROVIDER_CONFIG (self));

  set_flag (self, self->needs_key, needs_key, PROP_NEEDS_KEY);
}

gboolean
prism_provider_config_get_enabled (PrismProviderConfig *self)
{
  g_return_val_if_fail (PRISM_IS_PROVIDER_CONFIG (self), FALSE);

  return self->enabled;
}

void
prism_provider_config_set_enabled (PrismProviderConfig *self,
                                   gboolean             enabled)
{
  g_return_if_fail (PRISM_IS_PROVIDER_CONFIG (self));

  set_flag (self, self->enabled, enabled, PROP_ENABLED);
}

gboolean
prism_provider_config_get_builtin (PrismProviderConfig *self)
{
  g_return_val_if_fail (PRISM_IS_PROVIDER_CONFIG (self), FALSE);

  return self->builtin;
}

/**
 * prism_provider_config_get_local:
 *
 * Returns: %TRUE when the base URL points at this machine (a loopback
 *   address or `localhost`)
 */
gboolean
prism_provider_config_get_local (PrismProviderConfig *self)
{
  g_return_val_if_fail (PRISM_IS_PROVIDER_CONFIG (self), FALSE);

  return self->local;
}

/**
 * prism_provider_config_get_insecure:
 *
 * Returns: %TRUE when the base URL is plain `http://` to a host that is
 *   neither this machine nor a private address, so that prompts and the
 *   key would cross a network unencrypted. Such a provider still works;
 *   the registry warns about it.
 */
gboolean
prism_provider_config_get_insecure (PrismProviderConfig *self)
{
  g_return_val_if_fail (PRISM_IS_PROVIDER_CONFIG (self), FALSE);

  return self->insecure;
}

/**
 * prism_provider_config_get_provider_sort:
 *
 * Returns: (nullable): OpenRouter's default `provider.sort` ("price",
 *   "throughput" or "latency"), %NULL for OpenRouter's own balancing
 */
const char *
prism_provider_config_get_provider_sort (PrismProviderConfig *self)
{
  g_return_val_if_fail (PRISM_IS_PROVIDER_CONFIG (self), NULL);

  return self->provider_sort;
}

void
prism_provider_config_set_provider_sort (PrismProviderConfig *self,
                                         const char          *sort)
{
  g_return_if_fail (PRISM_IS_PROVIDER_CONFIG (self));
  g_return_if_fail (sort == NULL || *sort == '\0' || prism_provider_config_is_valid_sort (sort));

  set_string (self, &self->provider_sort, sort, PROP_PROVIDER_SORT);
}

/**
 * prism_provider_config_get_allow_fallbacks:
 *
 * Returns: OpenRouter's default `provider.allow_fallbacks`, %TRUE unless
 *   the person turned it off
 */
gboolean
prism_provider_config_get_allow_fallbacks (PrismProviderConfig *self)
{
  g_return_val_if_fail (PRISM_IS_PROVIDER_CONFIG (self), TRUE);

  return self->allow_fallbacks;
}

void
prism_provider_config_set_allow_fallbacks (PrismProviderConfig *self,
                                           gboolean             allow_fallbacks)
{
  g_return_if_fail (PRISM_IS_PROVIDER_CONFIG (self));

  set_flag (self, self->allow_fallbacks, allow_fallbacks, PROP_ALLOW_FALLBACKS);
}

/**
 * prism_provider_config_get_data_collection:
 *
 * Returns: (nullable): OpenRouter's default `provider.data_collection`,
 *   "allow" or "deny", or %NULL to leave it to the account's setting
 */
const char *
prism_provider_config_get_data_collection (PrismProviderConfig *self)
{
  g_return_val_if_fail (PRISM_IS_PROVIDER_CONFIG (self), NULL);

  return self->data_collection;
}

void
prism_provider_config_set_data_collection (PrismProviderConfig *self,
                                           const char          *data_collection)
{
  g_return_if_fail (PRISM_IS_PROVIDER_CONFIG (self));
  g_return_if_fail (data_collection == NULL || *data_collection == '\0'
                    || prism_provider_config_is_valid_data_collection (data_collection));

  set_string (self, &self->data_collection, data_collection, PROP_DATA_COLLECTION);
}

static void
prism_provider_config_constructed (GObject *object)
{
  PrismProviderConfig *self = PRISM_PROVIDER_CONFIG (object);

  G_OBJECT_CLASS (prism_provider_config_parent_class)->constructed (object);

  if (self->key_variable == NULL)
    self->key_variable = prism_provider_config_conventional_key_variable (self->id);
}

static void
prism_provider_config_finalize (GObject *object)
{
  PrismProviderConfig *self = PRISM_PROVIDER_CONFIG (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->key_env, g_free);
  g_clear_pointer (&self->key_variable, g_free);
  g_clear_pointer (&self->provider_sort, g_free);
  g_clear_pointer (&self->data_collection, g_free);

  G_OBJECT_CLASS (prism_provider_config_parent_class)->finalize (object);
}

static void
prism_provider_config_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PrismProviderConfig *self = PRISM_PROVIDER_CONFIG (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, prism_provider_config_get_name (self));
      break;

    case PROP_PROTOCOL:
      g_value_set_enum (value, self->protocol);
      break;

    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_KEY_ENV:
      g_value_set_string (value, self->key_env);
      break;

    case PROP_KEY_VARIABLE:
      g_value_set_string (value, self->key_variable);
      break;

    case PROP_NEEDS_KEY:
      g_value_set_boolean (value, self->needs_key);
      break;

    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;

    case PROP_BUILTIN:
      g_value_set_boolean (value, self->builtin);
      break;

    case PROP_LOCAL:
      g_value_set_boolean (value, self->local);
      break;

    case PROP_INSECURE:
      g_value_set_boolean (value, self->insecure);
      break;

    case PROP_PROVIDER_SORT:
      g_value_set_string (value, self->provider_sort);
      break;

    case PROP_ALLOW_FALLBACKS:
      g_value_set_boolean (value, self->allow_fallbacks);
      break;

    case PROP_DATA_COLLECTION:
      g_value_set_string (value, self->data_collection);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_provider_config_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PrismProviderConfig *self = PRISM_PROVIDER_CONFIG (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      prism_provider_config_set_name (self, g_value_get_string (value));
      break;

    case PROP_PROTOCOL:
      prism_provider_config_set_protocol (self, g_value_get_enum (value));
      break;

    case PROP_BASE_URL:
      prism_provider_config_set_base_url (self, g_value_get_string (value));
      break;

    case PROP_KEY_ENV:
      prism_provider_config_set_key_env (self, g_value_get_string (value));
      break;

    case PROP_KEY_VARIABLE:
      if (self->id != NULL)
        prism_provider_config_set_key_variable (self, g_value_get_string (value));
      else
        self->key_variable = g_value_dup_string (value);
      break;

    case PROP_NEEDS_KEY:
      prism_provider_config_set_needs_key (self, g_value_get_boolean (value));
      break;

    case PROP_ENABLED:
      prism_provider_config_set_enabled (self, g_value_get_boolean (value));
      break;

    case PROP_BUILTIN:
      self->builtin = g_value_get_boolean (value);
      break;

    case PROP_PROVIDER_SORT:
      prism_provider_config_set_provider_sort (self, g_value_get_string (value));
      break;

    case PROP_ALLOW_FALLBACKS:
      prism_provider_config_set_allow_fallbacks (self, g_value_get_boolean (value));
      break;

    case PROP_DATA_COLLECTION:
      prism_provider_config_set_data_collection (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_provider_config_class_init (PrismProviderConfigClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = prism_provider_config_constructed;
  object_class->finalize = prism_provider_config_finalize;
  object_class->get_property = prism_provider_config_get_property;
  object_class->set_property = prism_provider_config_set_property;

  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_PROTOCOL] =
    g_param_spec_enum ("protocol", NULL, NULL,
                       PRISM_TYPE_PROTOCOL_KIND,
                       PRISM_PROTOCOL_KIND_OPENAI,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_KEY_ENV] =
    g_param_spec_string ("key-env", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_KEY_VARIABLE] =
    g_param_spec_string ("key-variable", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_NEEDS_KEY] =
    g_param_spec_boolean ("needs-key", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_BUILTIN] =
    g_param_spec_boolean ("builtin", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_LOCAL] =
    g_param_spec_boolean ("local", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_INSECURE] =
    g_param_spec_boolean ("insecure", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_PROVIDER_SORT] =
    g_param_spec_string ("provider-sort", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ALLOW_FALLBACKS] =
    g_param_spec_boolean ("allow-fallbacks", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_DATA_COLLECTION] =
    g_param_spec_string ("data-collection", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
prism_provider_config_init (PrismProviderConfig *self)
{
  self->needs_key = TRUE;
  self->enabled = TRUE;
  self->allow_fallbacks = TRUE;
}
