/* prism-catalog-cache.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-catalog"

#include "config.h"

#include <errno.h>
#include <math.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "prism-catalog-private.h"

#include "prism-dirs.h"
#include "prism-error.h"

/* The catalog on disk, so the app lists models before (or without) a
 * network: one JSON file in the cache folder, with each model's facts and
 * the provider's own prices. It is Prism's file, not the person's, so a
 * damaged one is simply ignored and written again. */

#define CACHE_VERSION 1

/**
 * prism_catalog_get_default_cache_path:
 *
 * Returns: (transfer full): `$XDG_CACHE_HOME/prism/models.json`
 */
char *
prism_catalog_get_default_cache_path (void)
{
  return prism_dirs_build_cache ("models.json");
}

static void
add_price (JsonBuilder *builder,
           const char  *member,
           double       price)
{
  json_builder_set_member_name (builder, member);
  if (isnan (price))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, price);
}

static void
add_strv (JsonBuilder        *builder,
          const char         *member,
          const char * const *strv)
{
  if (strv == NULL)
    return;

  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

/**
 * prism_catalog_save_cache:
 * @path: (nullable): the file, or %NULL for the default in the cache folder
 *
 * Writes every model with the provider's own prices (providers.ini's are
 * laid over them again on loading), replacing the file atomically.
 */
gboolean
prism_catalog_save_cache (PrismCatalog  *self,
                          const char    *path,
                          GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *default_path = NULL;
  g_autofree char *saved_at = NULL;
  g_autofree char *data = NULL;
  g_autofree char *dir = NULL;
  gsize len;

  g_return_val_if_fail (PRISM_IS_CATALOG (self), FALSE);

  if (path == NULL)
    path = default_path = prism_catalog_get_default_cache_path ();

  saved_at = g_date_time_format_iso8601 (now);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, CACHE_VERSION);
  json_builder_set_member_name (builder, "saved_at");
  json_builder_add_string_value (builder, saved_at);
  json_builder_set_member_name (builder, "models");
  json_builder_begin_array (builder);

  for (guint i = 0; i < self->items->len; i++)
    {
      PrismCatalogItem *item = g_ptr_array_index (self->items, i);
      PrismModel *model = item->model;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, prism_model_get_id (model));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, prism_model_get_name (model));
      json_builder_set_member_name (builder, "context_length");
      json_builder_add_int_value (builder, prism_model_get_context_length (model));
      add_price (builder, "input_price", item->catalog_prices.input);
      add_price (builder, "output_price", item->catalog_prices.output);
      add_price (builder, "cached_input_price", item->catalog_prices.cached_input);
      add_price (builder, "cache_write_price", item->catalog_prices.cache_write);
      json_builder_set_member_name (builder, "price_source");
      json_builder_add_string_value (builder, prism_cost_source_to_string (item->catalog_prices.source));
      add_strv (builder, "input_modalities", prism_model_get_input_modalities (model));
      add_strv (builder, "supported_parameters", prism_model_get_supported_parameters (model));
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &len);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("Cannot create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  if (!g_file_set_contents_full (path, data, len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
                   _("Cannot save the model list to %s: %s"), path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
member_number (JsonObject *object,
               const char *member,
               double     *out)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NAN;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node)
      || (json_node_get_value_type (node) != G_TYPE_DOUBLE && json_node_get_value_type (node) != G_TYPE_INT64))
    return FALSE;

  *out = json_node_get_double (node);

  return isfinite (*out) && *out >= 0;
}

static gboolean
member_strv (JsonObject  *object,
             const char  *member,
             GStrv       *out)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;

  *out = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  builder = g_strv_builder_new ();
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return FALSE;
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  *out = g_strv_builder_end (builder);

  return TRUE;
}

static PrismModel *
model_from_json (JsonNode  *node,
                 char     **why)
{
  g_autoptr(PrismModel) model = NULL;
  g_autofree char *provider_id = NULL;
  g_autofree char *model_id = NULL;
  g_auto(GStrv) modalities = NULL;
  g_auto(GStrv) parameters = NULL;
  JsonObject *object;
  JsonNode *context;
  const char *id;
  const char *name;
  const char *source;
  PrismPrices prices;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      *why = g_strdup (_("a model is not an object"));
      return NULL;
    }

  object = json_node_get_object (node);
  id = member_string (object, "id");
  if (!prism_model_split_id (id, &provider_id, &model_id))
    {
      *why = g_strdup (_("a model has no PROVIDER:MODEL id"));
      return NULL;
    }

  prism_prices_init_unknown (&prices);
  source = member_string (object, "price_source");
  if (!member_number (object, "input_price", &prices.input) ||
      !member_number (object, "output_price", &prices.output) ||
      !member_number (object, "cached_input_price", &prices.cached_input) ||
      !member_number (object, "cache_write_price", &prices.cache_write) ||
      (source != NULL && !prism_cost_source_from_string (source, &prices.source)))
    {
      *why = g_strdup_printf (_("the prices of %s are not valid"), id);
      return NULL;
    }

  if (!member_strv (object, "input_modalities", &modalities) ||
      !member_strv (object, "supported_parameters", &parameters))
    {
      *why = g_strdup_printf (_("the modalities or parameters of %s are not lists of strings"), id);
      return NULL;
    }

  model = prism_model_new (provider_id, model_id);

  name = member_string (object, "name");
  if (name != NULL && g_strcmp0 (name, model_id) != 0)
    prism_model_set_name (model, name);

  context = json_object_get_member (object, "context_length");
  if (context != NULL && !JSON_NODE_HOLDS_NULL (context))
    {
      if (!JSON_NODE_HOLDS_VALUE (context) || json_node_get_value_type (context) != G_TYPE_INT64
          || json_node_get_int (context) < 0)
        {
          *why = g_strdup_printf (_("the context length of %s is not a number of tokens"), id);
          return NULL;
        }
      prism_model_set_context_length (model, json_node_get_int (context));
    }

  if (prism_prices_is_known (&prices) || prices.source != PRISM_COST_SOURCE_UNKNOWN)
    prism_model_set_prices (model, &prices);
  if (modalities != NULL)
    prism_model_set_input_modalities (model, (const char * const *)modalities);
  if (parameters != NULL)
    prism_model_set_supported_parameters (model, (const char * const *)parameters);

  return g_steal_pointer (&model);
}

/**
 * prism_catalog_load_cache:
 * @path: (nullable): the file, or %NULL for the default in the cache folder
 *
 * Puts the cached models of each provider in the catalog. A missing cache
 * is no error. A damaged one changes nothing: the caller shows the error
 * as a warning and carries on; the next save replaces the file.
 *
 * Returns: %FALSE with a %PRISM_ERROR_CORRUPT error when the file is not a
 *   model cache Prism wrote
 */
gboolean
prism_catalog_load_cache (PrismCatalog  *self,
                          const char    *path,
                          GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) by_provider = NULL;
  g_autofree char *default_path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *why = NULL;
  g_autoptr(GPtrArray) provider_ids = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonNode *models = NULL;
  JsonNode *version;
  gsize len;

  g_return_val_if_fail (PRISM_IS_CATALOG (self), FALSE);

  if (path == NULL)
    path = default_path = prism_catalog_get_default_cache_path ();

  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;

      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CORRUPT,
                   _("Cannot read the model list cache %s (%s); it is ignored"),
                   path, local_error->message);
      return FALSE;
    }

  if (!json_parser_load_from_data (parser, contents, len, &local_error))
    why = g_strdup (local_error->message);
  else if ((root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    why = g_strdup (_("it is not a JSON object"));
  else if (object = json_node_get_object (root),
           (version = json_object_get_member (object, "version")) == NULL
           || !JSON_NODE_HOLDS_VALUE (version)
           || json_node_get_value_type (version) != G_TYPE_INT64
           || json_node_get_int (version) != CACHE_VERSION)
    why = g_strdup (_("it is not a version this Prism reads"));
  else if ((models = json_object_get_member (object, "models")) == NULL || !JSON_NODE_HOLDS_ARRAY (models))
    why = g_strdup (_("it has no list of models"));

  if (why == NULL)
    {
      JsonArray *array = json_node_get_array (models);

      by_provider = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)g_ptr_array_unref);
      provider_ids = g_ptr_array_new ();

      for (guint i = 0; i < json_array_get_length (array) && why == NULL; i++)
        {
          PrismModel *model = model_from_json (json_array_get_element (array, i), &why);
          GPtrArray *list;

          if (model == NULL)
            break;

          list = g_hash_table_lookup (by_provider, prism_model_get_provider_id (model));
          if (list == NULL)
            {
              list = g_ptr_array_new_with_free_func (g_object_unref);
              g_hash_table_insert (by_provider, (gpointer)prism_model_get_provider_id (model), list);
              g_ptr_array_add (provider_ids, (gpointer)prism_model_get_provider_id (model));
            }
          g_ptr_array_add (list, model);
        }
    }

  if (why != NULL)
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CORRUPT,
                   _("The model list cache %s is damaged (%s); it is ignored and will be written again after the next refresh"),
                   path, why);
      return FALSE;
    }

  for (guint i = 0; i < provider_ids->len; i++)
    {
      const char *provider_id = g_ptr_array_index (provider_ids, i);

      prism_catalog_replace_provider (self, provider_id, g_hash_table_lookup (by_provider, provider_id));
    }

  return TRUE;
}
