/* prism-provider-registry-file.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-provider-registry"

#include "config.h"

#include <errno.h>
#include <math.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "prism-provider-registry-private.h"

#include "prism-error.h"

/* providers.ini, read and written. The file belongs to the person, so:
 * - what is wrong in one group costs that group (or that key), never the
 *   rest of the file, and each problem is reported with the file, the line
 *   or group and what to do;
 * - saving changes only the keys that changed, keeping comments, unknown
 *   keys and groups, through the same GKeyFile that read them;
 * - a `# comment` after a value or a group header, as in DESIGN.md's
 *   example, is a comment (GKeyFile alone would read it as part of the
 *   value, or reject the header); a value that needs " #" cannot have it;
 * - keys never live here: a `key=` line is refused with a warning. */

#define PROVIDER_PREFIX "provider "
#define MODEL_PREFIX "model "

typedef struct
{
  PrismProviderRegistry *self;
} LoadState;

/* Takes @message, which may quote bytes of a file that is not UTF-8. */
static const char *
add_warning (PrismProviderRegistry *self,
             char                  *message)
{
  char *valid = g_utf8_make_valid (message, -1);

  g_free (message);
  g_ptr_array_remove_index (self->warnings, self->warnings->len - 1);
  g_ptr_array_add (self->warnings, valid);
  g_ptr_array_add (self->warnings, NULL);

  return valid;
}

static void
problem (LoadState  *state,
         const char *group,
         const char *format,
         ...) G_GNUC_PRINTF (3, 4);

/* Something in the file is wrong and was skipped. */
static void
problem (LoadState  *state,
         const char *group,
         const char *format,
         ...)
{
  g_autofree char *what = NULL;
  char *message;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  if (group != NULL)
    message = g_strdup_printf ("%s, [%s]: %s", state->self->path, group, what);
  else
    message = g_strdup_printf ("%s: %s", state->self->path, what);

  message = (char *)add_warning (state->self, message);
  if (state->self->first_problem == NULL)
    state->self->first_problem = g_strdup (message);
  state->self->n_problems++;
}

/* The rest of a value after whitespace and `#` is a comment. */
static char *
strip_comment (char *value)
{
  for (char *p = value; *p != '\0'; p++)
    {
      if (*p == '#' && p > value && g_ascii_isspace (p[-1]))
        {
          *p = '\0';
          break;
        }
    }

  return g_strstrip (value);
}

static char *
get_string (LoadState  *state,
            const char *group,
            const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  if (!g_key_file_has_key (state->self->key_file, group, key, NULL))
    return NULL;

  value = g_key_file_get_string (state->self->key_file, group, key, &error);
  if (value == NULL)
    {
      problem (state, group, _("“%s” cannot be read (%s); it is ignored"), key, error->message);
      return NULL;
    }

  strip_comment (value);
  if (*value == '\0')
    return NULL;

  return g_steal_pointer (&value);
}

/* Returns -1 when the key is absent or wrong (and reported), else 0 or 1. */
static int
get_boolean (LoadState  *state,
             const char *group,
             const char *key)
{
  g_autofree char *value = get_string (state, group, key);

  if (value == NULL)
    return -1;

  if (g_ascii_strcasecmp (value, "true") == 0 || g_str_equal (value, "1"))
    return 1;
  if (g_ascii_strcasecmp (value, "false") == 0 || g_str_equal (value, "0"))
    return 0;

  problem (state, group, _("%s=%s is not true or false; it is ignored"), key, value);

  return -1;
}

static gboolean
get_price (LoadState  *state,
           const char *group,
           const char *key,
           double     *out)
{
  g_autofree char *value = get_string (state, group, key);
  char *end = NULL;
  double price;

  *out = NAN;

  if (value == NULL)
    return TRUE;

  errno = 0;
  price = g_ascii_strtod (value, &end);
  if (end == value || *end != '\0' || errno != 0 || !isfinite (price) || price < 0)
    {
      problem (state, group,
               _("%s=%s is not a price; write US dollars per million tokens, such as %s=2.5"),
               key, value, key);
      return FALSE;
    }

  *out = price;

  return TRUE;
}

static gboolean
valid_provider_id (const char *id)
{
  if (id == NULL || *id == '\0')
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
        return FALSE;
    }

  return TRUE;
}

static void
refuse_keys (LoadState  *state,
             const char *group,
             const char *id)
{
  static const char * const names[] = { "key", "api-key", "api_key", "apikey" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_key_file_has_key (state->self->key_file, group, names[i], NULL))
        add_warning (state->self,
                     g_strdup_printf (_("%s, [%s]: “%s=” is ignored: Prism never reads keys from this file. "
                                        "Remove the line and store the key with “prism-cli keys set %s”, "
                                        "or name an environment variable with key-env="),
                                      state->self->path, group, names[i], id));
    }
}

static void
load_provider (LoadState  *state,
               const char *group,
               const char *id)
{
  PrismProviderRegistry *self = state->self;
  const PrismBuiltinProvider *builtin;
  g_autoptr(PrismProviderConfig) config = NULL;
  g_autofree char *protocol = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *name = NULL;
  g_autofree char *key_env = NULL;
  g_autofree char *sort = NULL;
  g_autofree char *data_collection = NULL;
  PrismProtocolKind kind = PRISM_PROTOCOL_KIND_OPENAI;
  gboolean has_kind = FALSE;
  gboolean local = FALSE;
  gboolean insecure = FALSE;
  int needs_key, enabled, allow_fallbacks;

  if (!valid_provider_id (id))
    {
      problem (state, group, _("“%s” is not a provider id: use letters, digits, “-”, “_” and “.”; the group is ignored"), id);
      return;
    }

  refuse_keys (state, group, id);

  protocol = get_string (state, group, "protocol");
  if (protocol != NULL)
    {
      if (prism_protocol_kind_from_string (protocol, &kind))
        has_kind = TRUE;
      else
        problem (state, group,
                 _("unknown protocol “%s”; use openai, openrouter, anthropic, gemini or ollama"),
                 protocol);
    }

  base_url = get_string (state, group, "base-url");
  if (base_url != NULL && !prism_provider_config_classify_url (base_url, &local, &insecure))
    {
      problem (state, group, _("base-url “%s” is not an http:// or https:// URL"), base_url);
      g_clear_pointer (&base_url, g_free);
    }

  builtin = _prism_provider_registry_find_builtin (id);
  if (builtin != NULL)
    {
      config = g_object_ref (prism_provider_registry_lookup (self, id));
    }
  else
    {
      if (!has_kind)
        {
          if (protocol == NULL)
            problem (state, group, _("a new provider needs protocol= (openai, openrouter, anthropic, gemini or ollama); the group is ignored"));
          return;
        }
      if (base_url == NULL)
        {
          problem (state, group, _("a new provider needs base-url=, such as https://llm.example.com/v1; the group is ignored"));
          return;
        }
      config = prism_provider_config_new (id, kind, base_url);
      /* Servers on this machine rarely want a key; needs-key= says otherwise. */
      prism_provider_config_set_needs_key (config, !local);
    }

  g_object_freeze_notify (G_OBJECT (config));

  if (has_kind)
    prism_provider_config_set_protocol (config, kind);
  if (base_url != NULL)
    prism_provider_config_set_base_url (config, base_url);
  if ((name = get_string (state, group, "name")) != NULL)
    prism_provider_config_set_name (config, name);
  if ((key_env = get_string (state, group, "key-env")) != NULL)
    prism_provider_config_set_key_env (config, key_env);
  if ((needs_key = get_boolean (state, group, "needs-key")) >= 0)
    prism_provider_config_set_needs_key (config, needs_key);
  if ((enabled = get_boolean (state, group, "enabled")) >= 0)
    prism_provider_config_set_enabled (config, enabled);
  if ((allow_fallbacks = get_boolean (state, group, "allow-fallbacks")) >= 0)
    prism_provider_config_set_allow_fallbacks (config, allow_fallbacks);

  if ((sort = get_string (state, group, "sort")) != NULL)
    {
      if (prism_provider_config_is_valid_sort (sort))
        prism_provider_config_set_provider_sort (config, sort);
      else
        problem (state, group, _("sort=%s is not price, throughput or latency; it is ignored"), sort);
    }

  if ((data_collection = get_string (state, group, "data-collection")) != NULL)
    {
      if (prism_provider_config_is_valid_data_collection (data_collection))
        prism_provider_config_set_data_collection (config, data_collection);
      else
        problem (state, group, _("data-collection=%s is not allow or deny; it is ignored"), data_collection);
    }

  g_object_thaw_notify (G_OBJECT (config));

  if (builtin == NULL)
    g_list_store_append (self->providers, config);
}

static void
load_model (LoadState  *state,
            const char *group,
            const char *id)
{
  g_autoptr(PrismModel) model = NULL;
  g_autofree char *provider_id = NULL;
  g_autofree char *model_id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *context = NULL;
  PrismPrices prices;
  gboolean prices_ok = TRUE;

  if (!prism_model_split_id (id, &provider_id, &model_id))
    {
      problem (state, group, _("“%s” is not PROVIDER:MODEL; the group is ignored"), id);
      return;
    }

  if (prism_provider_registry_lookup (state->self, provider_id) == NULL)
    {
      problem (state, group, _("there is no provider “%s”; define [provider %s] or fix the name; the group is ignored"),
               provider_id, provider_id);
      return;
    }

  model = prism_model_new (provider_id, model_id);

  prism_prices_init_unknown (&prices);
  prices_ok &= get_price (state, group, "input-price", &prices.input);
  prices_ok &= get_price (state, group, "output-price", &prices.output);
  prices_ok &= get_price (state, group, "cached-input-price", &prices.cached_input);
  prices_ok &= get_price (state, group, "cache-write-price", &prices.cache_write);

  /* Half a price list would make a cost that looks right and is not. */
  if (prices_ok && prism_prices_is_known (&prices))
    {
      prices.source = PRISM_COST_SOURCE_CONFIG;
      prism_model_set_prices (model, &prices);
    }
  else if (prices_ok && (!isnan (prices.input) || !isnan (prices.output)))
    problem (state, group, _("a price needs both input-price= and output-price=; the prices are ignored"));

  if ((name = get_string (state, group, "name")) != NULL)
    prism_model_set_name (model, name);

  if ((context = get_string (state, group, "context-length")) != NULL)
    {
      guint64 length;

      if (g_ascii_string_to_unsigned (context, 10, 1, G_MAXINT64, &length, NULL))
        prism_model_set_context_length (model, (gint64)length);
      else
        problem (state, group, _("context-length=%s is not a number of tokens; it is ignored"), context);
    }

  g_hash_table_replace (state->self->models, g_strdup (id), g_steal_pointer (&model));
}

/* GKeyFile rejects `[group]  # comment`; a comment line above it means
 * the same and survives saving. */
static char *
move_header_comments (const char *data,
                      gsize       len)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = g_strndup (data, len);
  GString *out = g_string_sized_new (len + 16);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *close = strchr (line, ']');
      const char *rest;

      if (line[0] == '[' && close != NULL)
        {
          rest = close + 1;
          while (*rest == ' ' || *rest == '\t')
            rest++;
          if (*rest == '#')
            {
              g_string_append_printf (out, "%s\n", rest);
              g_string_append_len (out, line, close + 1 - line);
              if (lines[i + 1] != NULL)
                g_string_append_c (out, '\n');
              continue;
            }
        }

      g_string_append (out, line);
      if (lines[i + 1] != NULL)
        g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

static gboolean
line_is_valid (const char *line,
               gboolean    in_group)
{
  const char *p = line;
  const char *eq;

  while (*p == ' ' || *p == '\t' || *p == '\r')
    p++;

  if (*p == '\0' || *p == '#')
    return TRUE;

  if (!g_utf8_validate (line, -1, NULL))
    return FALSE;

  if (*p == '[')
    {
      g_autofree char *copy = g_strdup (p);
      g_autoptr(GKeyFile) probe = g_key_file_new ();

      g_strchomp (copy);
      return g_key_file_load_from_data (probe, copy, -1, G_KEY_FILE_NONE, NULL);
    }

  eq = strchr (p, '=');
  if (!in_group || eq == NULL || eq == p)
    return FALSE;

  {
    g_autofree char *probe_text = g_strdup_printf ("[g]\n%s\n", line);
    g_autoptr(GKeyFile) probe = g_key_file_new ();

    return g_key_file_load_from_data (probe, probe_text, -1, G_KEY_FILE_NONE, NULL);
  }
}

/* The file does not parse as a whole: report each line GKeyFile cannot
 * take, by number, and keep the others. */
static char *
drop_bad_lines (LoadState  *state,
                const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);
  gboolean in_group = FALSE;
  guint first_bad = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *p = lines[i];

      while (*p == ' ' || *p == '\t')
        p++;

      if (line_is_valid (lines[i], in_group))
        {
          if (*p == '[')
            in_group = TRUE;
          g_string_append (out, lines[i]);
          g_string_append_c (out, '\n');
          continue;
        }

      if (first_bad == 0)
        first_bad = i + 1;

      if (!g_utf8_validate (lines[i], -1, NULL))
        problem (state, NULL, _("line %u is not valid UTF-8 text; it is ignored"), i + 1);
      else if (*p == '[')
        problem (state, NULL, _("line %u, “%s”, is not a valid [group] header; the line is ignored"), i + 1, lines[i]);
      else if (!in_group)
        problem (state, NULL, _("line %u, “%s”, comes before any [group]; it is ignored"), i + 1, lines[i]);
      else
        problem (state, NULL, _("line %u, “%s”, is not a key=value line, a [group] or a # comment; it is ignored"),
                 i + 1, lines[i]);
    }

  state->self->broken = g_strdup_printf (_("%s cannot be saved without losing line %u; fix or remove that line first"),
                                         state->self->path, first_bad);

  return g_string_free (out, FALSE);
}

/**
 * prism_provider_registry_load_from_data:
 * @data: the text of a providers.ini
 * @len: its length in bytes, or -1 when it ends with a NUL
 *
 * Replaces what an earlier load read. See prism_provider_registry_load().
 */
void
prism_provider_registry_load_from_data (PrismProviderRegistry *self,
                                        const char            *data,
                                        gssize                 len)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) groups = NULL;
  LoadState state = { self };

  g_return_if_fail (PRISM_IS_PROVIDER_REGISTRY (self));
  g_return_if_fail (data != NULL || len <= 0);

  _prism_provider_registry_reset (self);

  /* A NUL ends the text, as it would for any editor. */
  if (data == NULL)
    data = "";
  if (len < 0 || memchr (data, '\0', len) != NULL)
    len = strlen (data);

  text = move_header_comments (data, len);

  if (!g_key_file_load_from_data (self->key_file, text, -1,
                                  G_KEY_FILE_KEEP_COMMENTS, &local_error))
    {
      g_autofree char *cleaned = drop_bad_lines (&state, text);

      g_clear_error (&local_error);
      g_key_file_unref (self->key_file);
      self->key_file = g_key_file_new ();
      if (!g_key_file_load_from_data (self->key_file, cleaned, -1,
                                      G_KEY_FILE_KEEP_COMMENTS, &local_error))
        {
          problem (&state, NULL, _("the file cannot be read (%s); only the built-in providers are available"),
                   local_error->message);
          g_key_file_unref (self->key_file);
          self->key_file = g_key_file_new ();
        }
    }

  groups = g_key_file_get_groups (self->key_file, NULL);

  /* Providers first, so a [model …] group may come before its provider. */
  for (guint i = 0; groups[i] != NULL; i++)
    {
      if (g_str_has_prefix (groups[i], PROVIDER_PREFIX))
        {
          load_provider (&state, groups[i], groups[i] + strlen (PROVIDER_PREFIX));
        }
      else if (!g_str_has_prefix (groups[i], MODEL_PREFIX))
        add_warning (self, g_strdup_printf (_("%s, [%s]: Prism does not know this group; it is kept but not used. "
                                              "Groups are [provider ID] and [model PROVIDER:MODEL]"),
                                            self->path, groups[i]));
    }

  for (guint i = 0; groups[i] != NULL; i++)
    {
      if (g_str_has_prefix (groups[i], MODEL_PREFIX))
        load_model (&state, groups[i], groups[i] + strlen (MODEL_PREFIX));
    }

  /* Not an error: the person may mean it, for a server on a trusted LAN
   * with a public address; but they should know. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->providers)); i++)
    {
      g_autoptr(PrismProviderConfig) config = g_list_model_get_item (G_LIST_MODEL (self->providers), i);

      if (prism_provider_config_get_insecure (config))
        add_warning (self, g_strdup_printf (_("%s, [provider %s]: base-url %s is plain http:// to a host outside "
                                              "this machine and private networks, so prompts and the key travel "
                                              "unencrypted; use https://"),
                                            self->path,
                                            prism_provider_config_get_id (config),
                                            prism_provider_config_get_base_url (config)));
    }

  _prism_provider_registry_emit_changed (self);
}

/**
 * prism_provider_registry_load:
 *
 * Reads providers.ini again, on top of the built-in providers. A missing
 * file is no error. Whatever is wrong in the file costs only the line,
 * key or group where it is: everything valid is loaded,
 * prism_provider_registry_get_warnings() lists each problem, and
 * prism_provider_registry_check() gives the first as an error.
 *
 * Returns: %FALSE with a %PRISM_ERROR_CONFIG error when the file exists
 *   but cannot be read; only the built-in providers are then available
 */
gboolean
prism_provider_registry_load (PrismProviderRegistry  *self,
                              GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_return_val_if_fail (PRISM_IS_PROVIDER_REGISTRY (self), FALSE);

  if (!g_file_get_contents (self->path, &contents, &len, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          prism_provider_registry_load_from_data (self, "", 0);
          return TRUE;
        }

      _prism_provider_registry_reset (self);
      _prism_provider_registry_emit_changed (self);
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("Cannot read %s: %s. Only the built-in providers are available."),
                   self->path, local_error->message);
      return FALSE;
    }

  prism_provider_registry_load_from_data (self, contents, len);

  return TRUE;
}

static char *
format_double (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* The shortest form that reads back the same: 0.15, not 0.1499999… */
  for (int digits = 6; digits <= 17; digits++)
    {
      g_autofree char *format = g_strdup_printf ("%%.%dg", digits);

      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  return g_strdup (buf);
}

static void
set_or_remove (GKeyFile   *key_file,
               const char *group,
               const char *key,
               const char *value)
{
  if (value != NULL)
    {
      g_autofree char *current = g_key_file_get_string (key_file, group, key, NULL);

      /* Keep an inline comment when the value itself did not change. */
      if (current == NULL || g_strcmp0 (strip_comment (current), value) != 0)
        g_key_file_set_string (key_file, group, key, value);
    }
  else if (g_key_file_has_key (key_file, group, key, NULL))
    g_key_file_remove_key (key_file, group, key, NULL);
}

/* Only what differs from the default goes in the file, so a default
 * that changes in a later Prism reaches the person. */
static void
set_unless_default (GKeyFile   *key_file,
                    const char *group,
                    const char *key,
                    const char *value,
                    const char *default_value)
{
  set_or_remove (key_file, group, key, g_strcmp0 (value, default_value) != 0 ? value : NULL);
}

static const char *
boolean_string (gboolean value)
{
  return value ? "true" : "false";
}

static gboolean
write_file (PrismProviderRegistry  *self,
            GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *dir = NULL;
  gsize len;

  if (self->broken != NULL)
    {
      g_set_error_literal (error, PRISM_ERROR, PRISM_ERROR_CONFIG, self->broken);
      return FALSE;
    }

  data = g_key_file_to_data (self->key_file, &len, NULL);
  dir = g_path_get_dirname (self->path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("Cannot create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  if (!g_file_set_contents_full (self->path, data, len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("Cannot save %s: %s"), self->path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

static void
remove_group_if_empty (GKeyFile   *key_file,
                       const char *group)
{
  g_auto(GStrv) keys = NULL;

  if (!g_key_file_has_group (key_file, group))
    return;

  keys = g_key_file_get_keys (key_file, group, NULL, NULL);
  if (keys == NULL || keys[0] == NULL)
    g_key_file_remove_group (key_file, group, NULL);
}

static void
copy_fields (PrismProviderConfig *to,
             PrismProviderConfig *from)
{
  g_object_freeze_notify (G_OBJECT (to));
  prism_provider_config_set_name (to, prism_provider_config_get_name (from));
  prism_provider_config_set_protocol (to, prism_provider_config_get_protocol (from));
  prism_provider_config_set_base_url (to, prism_provider_config_get_base_url (from));
  prism_provider_config_set_key_env (to, prism_provider_config_get_key_env (from));
  prism_provider_config_set_key_variable (to, prism_provider_config_get_key_variable (from));
  prism_provider_config_set_needs_key (to, prism_provider_config_get_needs_key (from));
  prism_provider_config_set_enabled (to, prism_provider_config_get_enabled (from));
  prism_provider_config_set_provider_sort (to, prism_provider_config_get_provider_sort (from));
  prism_provider_config_set_allow_fallbacks (to, prism_provider_config_get_allow_fallbacks (from));
  prism_provider_config_set_data_collection (to, prism_provider_config_get_data_collection (from));
  g_object_thaw_notify (G_OBJECT (to));
}

/**
 * prism_provider_registry_save_provider:
 * @config: a provider, new or changed
 *
 * Writes @config to providers.ini and adds it to the registry if its id is
 * new (or copies its fields into the registry's provider of that id). A
 * built-in provider is written as the fields that differ from the
 * built-in values; a new one in full. Everything else in the file stays
 * as it was. The file is replaced atomically.
 *
 * Returns: %FALSE with a %PRISM_ERROR_CONFIG error when the provider is
 *   not valid or the file cannot be written
 */
gboolean
prism_provider_registry_save_provider (PrismProviderRegistry  *self,
                                       PrismProviderConfig    *config,
                                       GError                **error)
{
  g_autofree char *group = NULL;
  const PrismBuiltinProvider *builtin;
  PrismProviderConfig *existing;
  const char *protocol;
  const char *id;
  const char *base_url;
  gboolean local = FALSE;
  GKeyFile *kf;

  g_return_val_if_fail (PRISM_IS_PROVIDER_REGISTRY (self), FALSE);
  g_return_val_if_fail (PRISM_IS_PROVIDER_CONFIG (config), FALSE);

  id = prism_provider_config_get_id (config);
  base_url = prism_provider_config_get_base_url (config);

  if (!valid_provider_id (id))
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("“%s” is not a provider id: use letters, digits, “-”, “_” and “.”"), id);
      return FALSE;
    }

  if (!prism_provider_config_classify_url (base_url, &local, NULL))
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("The provider “%s” needs a base URL starting with https:// or http://"), id);
      return FALSE;
    }

  if (self->broken != NULL)
    {
      g_set_error_literal (error, PRISM_ERROR, PRISM_ERROR_CONFIG, self->broken);
      return FALSE;
    }

  kf = self->key_file;
  group = g_strconcat (PROVIDER_PREFIX, id, NULL);
  builtin = _prism_provider_registry_find_builtin (id);
  protocol = prism_protocol_kind_to_string (prism_provider_config_get_protocol (config));

  if (builtin != NULL)
    {
      set_unless_default (kf, group, "protocol", protocol, prism_protocol_kind_to_string (builtin->protocol));
      set_unless_default (kf, group, "base-url", base_url, builtin->base_url);
      set_unless_default (kf, group, "name", prism_provider_config_get_name (config), builtin->name);
      set_unless_default (kf, group, "needs-key", boolean_string (prism_provider_config_get_needs_key (config)),
                          boolean_string (builtin->needs_key));
    }
  else
    {
      set_unless_default (kf, group, "protocol", protocol, NULL);
      set_unless_default (kf, group, "base-url", base_url, NULL);
      set_unless_default (kf, group, "name", prism_provider_config_get_name (config), id);
      set_unless_default (kf, group, "needs-key", boolean_string (prism_provider_config_get_needs_key (config)),
                          boolean_string (!local));
    }

  set_unless_default (kf, group, "key-env", prism_provider_config_get_key_env (config), NULL);
  set_unless_default (kf, group, "enabled", boolean_string (prism_provider_config_get_enabled (config)), "true");
  set_unless_default (kf, group, "sort", prism_provider_config_get_provider_sort (config), NULL);
  set_unless_default (kf, group, "allow-fallbacks", boolean_string (prism_provider_config_get_allow_fallbacks (config)), "true");
  set_unless_default (kf, group, "data-collection", prism_provider_config_get_data_collection (config), NULL);

  if (builtin != NULL)
    remove_group_if_empty (kf, group);

  if (!write_file (self, error))
    return FALSE;

  existing = prism_provider_registry_lookup (self, id);
  if (existing == NULL)
    g_list_store_append (self->providers, config);
  else if (existing != config)
    copy_fields (existing, config);

  _prism_provider_registry_emit_changed (self);

  return TRUE;
}

static void
remove_model_groups (PrismProviderRegistry *self,
                     const char            *provider_id)
{
  g_auto(GStrv) groups = g_key_file_get_groups (self->key_file, NULL);
  g_autofree char *prefix = g_strconcat (MODEL_PREFIX, provider_id, ":", NULL);
  g_autofree char *id_prefix = g_strconcat (provider_id, ":", NULL);
  GHashTableIter iter;
  const char *id;

  for (guint i = 0; groups[i] != NULL; i++)
    {
      if (g_str_has_prefix (groups[i], prefix))
        g_key_file_remove_group (self->key_file, groups[i], NULL);
    }

  g_hash_table_iter_init (&iter, self->models);
  while (g_hash_table_iter_next (&iter, (gpointer *)&id, NULL))
    {
      if (g_str_has_prefix (id, id_prefix))
        g_hash_table_iter_remove (&iter);
    }
}

/**
 * prism_provider_registry_remove_provider:
 * @id: a provider id
 *
 * Removes a provider the person defined, with its `[model …]` groups, or
 * puts a built-in provider back to its built-in values.
 *
 * Returns: %FALSE with a %PRISM_ERROR_CONFIG error for an unknown id or
 *   when the file cannot be written
 */
gboolean
prism_provider_registry_remove_provider (PrismProviderRegistry  *self,
                                         const char             *id,
                                         GError                **error)
{
  g_autofree char *group = NULL;
  const PrismBuiltinProvider *builtin;
  PrismProviderConfig *config;

  g_return_val_if_fail (PRISM_IS_PROVIDER_REGISTRY (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  config = prism_provider_registry_lookup (self, id);
  if (config == NULL)
    {
      g_autofree char *ids = prism_provider_registry_list_ids (self);

      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("Unknown provider “%s”. The providers are %s."), id, ids);
      return FALSE;
    }

  if (self->broken != NULL)
    {
      g_set_error_literal (error, PRISM_ERROR, PRISM_ERROR_CONFIG, self->broken);
      return FALSE;
    }

  group = g_strconcat (PROVIDER_PREFIX, id, NULL);
  if (g_key_file_has_group (self->key_file, group))
    g_key_file_remove_group (self->key_file, group, NULL);

  builtin = _prism_provider_registry_find_builtin (id);
  if (builtin == NULL)
    remove_model_groups (self, id);

  if (!write_file (self, error))
    return FALSE;

  if (builtin != NULL)
    {
      _prism_provider_registry_apply_builtin (config, builtin);
    }
  else
    {
      guint position;

      if (g_list_store_find (self->providers, config, &position))
        g_list_store_remove (self->providers, position);
    }

  _prism_provider_registry_emit_changed (self);

  return TRUE;
}

/**
 * prism_provider_registry_set_model_prices:
 * @id: a model name, `PROVIDER:MODEL`
 * @prices: (nullable): the prices to write, %NULL to remove them
 *
 * Writes the prices of @id to its `[model …]` group of providers.ini.
 *
 * Returns: %FALSE with a %PRISM_ERROR_CONFIG error for an unknown provider,
 *   incomplete prices or a file that cannot be written
 */
gboolean
prism_provider_registry_set_model_prices (PrismProviderRegistry  *self,
                                          const char             *id,
                                          const PrismPrices      *prices,
                                          GError                 **error)
{
  static const char * const keys[] = { "input-price", "output-price", "cached-input-price", "cache-write-price" };
  g_autofree char *provider_id = NULL;
  g_autofree char *model_id = NULL;
  g_autofree char *group = NULL;
  PrismModel *model;
  double values[4] = { NAN, NAN, NAN, NAN };

  g_return_val_if_fail (PRISM_IS_PROVIDER_REGISTRY (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!prism_provider_registry_resolve_model (self, id, NULL, NULL, error))
    return FALSE;
  prism_model_split_id (id, &provider_id, &model_id);

  if (prices != NULL && !prism_prices_is_known (prices))
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("A price for %s needs both an input and an output price"), id);
      return FALSE;
    }

  if (self->broken != NULL)
    {
      g_set_error_literal (error, PRISM_ERROR, PRISM_ERROR_CONFIG, self->broken);
      return FALSE;
    }

  group = g_strconcat (MODEL_PREFIX, id, NULL);
  if (prices != NULL)
    {
      values[0] = prices->input;
      values[1] = prices->output;
      values[2] = prices->cached_input;
      values[3] = prices->cache_write;
    }

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (!isnan (values[i]) && (values[i] < 0 || !isfinite (values[i])))
        {
          g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                       _("%s for %s must be a price of zero or more"), keys[i], id);
          return FALSE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *text = NULL;

      if (!isnan (values[i]))
        text = format_double (values[i]);
      set_or_remove (self->key_file, group, keys[i], text);
    }
  remove_group_if_empty (self->key_file, group);

  if (!write_file (self, error))
    return FALSE;

  model = g_hash_table_lookup (self->models, id);
  if (model == NULL)
    {
      model = prism_model_new (provider_id, model_id);
      g_hash_table_replace (self->models, g_strdup (id), model);
    }

  if (prices != NULL)
    {
      PrismPrices copy = *prices;

      copy.source = PRISM_COST_SOURCE_CONFIG;
      prism_model_set_prices (model, &copy);
    }
  else
    prism_model_set_prices (model, NULL);

  _prism_provider_registry_emit_changed (self);

  return TRUE;
}
