/* prism-pricing.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-pricing"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "prism-pricing.h"

#include "prism-core-resources.h"
#include "prism-error.h"

/* The price table shipped in data/prices.json, and the order in which
 * DESIGN.md trusts the places a cost can come from: the provider's own
 * figure, then providers.ini, then a live catalog, then this table.
 *
 * The table is compiled into a resource of the core library. A static
 * library's resource constructor is dropped by the linker when nothing
 * names its object; reaching the resource through prism_core_get_resource()
 * names it, so every program that prices anything has it. */

#define PRICES_RESOURCE "/io/github/prismllm/Prism/core/prices.json"

typedef struct
{
  PrismPrices  prices;
  char        *source;
} Entry;

struct _PrismPricing
{
  GObject     parent_instance;

  char       *taken;
  GHashTable *entries;   /* "provider:model" → Entry */
};

G_DEFINE_FINAL_TYPE (PrismPricing, prism_pricing, G_TYPE_OBJECT)

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->source);
  g_free (entry);
}

static gboolean
read_price (JsonObject  *object,
            const char  *member,
            gboolean     required,
            double      *out,
            guint        index,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NAN;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!required)
        return TRUE;
    }
  else if (JSON_NODE_HOLDS_VALUE (node)
           && (json_node_get_value_type (node) == G_TYPE_DOUBLE
               || json_node_get_value_type (node) == G_TYPE_INT64))
    {
      *out = json_node_get_double (node);
      if (isfinite (*out) && *out >= 0)
        return TRUE;
    }

  g_set_error (error, PRISM_ERROR, PRISM_ERROR_CORRUPT,
               _("Price table entry %u: “%s” must be a price of zero or more%s"),
               index, member, required ? "" : _(" or null"));

  return FALSE;
}

/**
 * prism_pricing_new_from_data:
 * @data: a price table in the format of data/prices.json
 * @len: its length, or -1 when NUL-terminated
 *
 * Returns: (transfer full) (nullable): the table, or %NULL with a
 *   %PRISM_ERROR_CORRUPT error saying what is wrong with it
 */
PrismPricing *
prism_pricing_new_from_data (const char  *data,
                             gssize       len,
                             GError     **error)
{
  g_autoptr(PrismPricing) self = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;
  JsonArray *prices;
  const char *taken;

  g_return_val_if_fail (data != NULL, NULL);

  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CORRUPT,
                   _("The price table is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, PRISM_ERROR, PRISM_ERROR_CORRUPT,
                           _("The price table must be a JSON object"));
      return NULL;
    }

  root = json_node_get_object (json_parser_get_root (parser));
  taken = json_object_get_string_member_with_default (root, "taken", NULL);
  if (taken == NULL || !json_object_has_member (root, "prices")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "prices")))
    {
      g_set_error_literal (error, PRISM_ERROR, PRISM_ERROR_CORRUPT,
                           _("The price table needs a “taken” date and a “prices” array"));
      return NULL;
    }

  self = g_object_new (PRISM_TYPE_PRICING, NULL);
  self->taken = g_strdup (taken);

  prices = json_object_get_array_member (root, "prices");
  for (guint i = 0; i < json_array_get_length (prices); i++)
    {
      JsonNode *node = json_array_get_element (prices, i);
      g_autofree Entry *entry = NULL;
      JsonObject *object;
      const char *provider;
      const char *model;
      const char *source;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, PRISM_ERROR, PRISM_ERROR_CORRUPT,
                       _("Price table entry %u is not an object"), i);
          return NULL;
        }

      object = json_node_get_object (node);
      provider = json_object_get_string_member_with_default (object, "provider", NULL);
      model = json_object_get_string_member_with_default (object, "model", NULL);
      source = json_object_get_string_member_with_default (object, "source", NULL);
      if (provider == NULL || *provider == '\0' || model == NULL || *model == '\0' || source == NULL)
        {
          g_set_error (error, PRISM_ERROR, PRISM_ERROR_CORRUPT,
                       _("Price table entry %u needs a provider, a model and a source"), i);
          return NULL;
        }

      entry = g_new0 (Entry, 1);
      entry->prices.source = PRISM_COST_SOURCE_BUNDLED;
      if (!read_price (object, "input", TRUE, &entry->prices.input, i, error) ||
          !read_price (object, "output", TRUE, &entry->prices.output, i, error) ||
          !read_price (object, "cached_input", FALSE, &entry->prices.cached_input, i, error) ||
          !read_price (object, "cache_write", FALSE, &entry->prices.cache_write, i, error))
        return NULL;

      entry->source = g_strdup (source);
      g_hash_table_replace (self->entries,
                            g_strconcat (provider, ":", model, NULL),
                            g_steal_pointer (&entry));
    }

  return g_steal_pointer (&self);
}

/**
 * prism_pricing_new:
 *
 * Returns: (transfer full) (nullable): the price table shipped with Prism
 */
PrismPricing *
prism_pricing_new (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize len;
  const char *data;

  bytes = g_resource_lookup_data (prism_core_get_resource (), PRICES_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &len);

  return prism_pricing_new_from_data (data, len, error);
}

/**
 * prism_pricing_get_default:
 *
 * Returns: (transfer none): the shipped price table, read once
 */
PrismPricing *
prism_pricing_get_default (void)
{
  static PrismPricing *pricing;

  if (g_once_init_enter (&pricing))
    {
      g_autoptr(GError) error = NULL;
      PrismPricing *loaded = prism_pricing_new (&error);

      /* The table is part of the program; if it does not load, the build is broken. */
      if (loaded == NULL)
        g_error ("The bundled price table is broken: %s", error->message);

      g_once_init_leave (&pricing, loaded);
    }

  return pricing;
}

/**
 * prism_pricing_get_taken:
 *
 * Returns: the date the table's prices were taken, YYYY-MM-DD
 */
const char *
prism_pricing_get_taken (PrismPricing *self)
{
  g_return_val_if_fail (PRISM_IS_PRICING (self), NULL);

  return self->taken;
}

guint
prism_pricing_get_n_entries (PrismPricing *self)
{
  g_return_val_if_fail (PRISM_IS_PRICING (self), 0);

  return g_hash_table_size (self->entries);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/**
 * prism_pricing_dup_ids:
 * @self: a #PrismPricing
 *
 * Lists the priced models, so that a model picker can offer them before
 * any provider's live list has been fetched.
 *
 * Returns: (transfer full): the `PROVIDER:MODEL` ids of the table, sorted
 */
char **
prism_pricing_dup_ids (PrismPricing *self)
{
  g_autofree gpointer *keys = NULL;
  GStrvBuilder *builder;
  guint n = 0;
  char **ids;

  g_return_val_if_fail (PRISM_IS_PRICING (self), NULL);

  keys = g_hash_table_get_keys_as_array (self->entries, &n);
  qsort (keys, n, sizeof (gpointer), compare_strings);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, keys[i]);
  ids = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return ids;
}

static Entry *
find (PrismPricing *self,
      const char   *provider_id,
      const char   *model_id)
{
  g_autofree char *key = NULL;

  if (provider_id == NULL || model_id == NULL)
    return NULL;

  key = g_strconcat (provider_id, ":", model_id, NULL);

  return g_hash_table_lookup (self->entries, key);
}

/**
 * prism_pricing_lookup:
 * @out: (out caller-allocates) (optional): the prices, source
 *   %PRISM_COST_SOURCE_BUNDLED; unknown when the table lacks the model
 *
 * Returns: %TRUE when the table has prices for the model
 */
gboolean
prism_pricing_lookup (PrismPricing *self,
                      const char   *provider_id,
                      const char   *model_id,
                      PrismPrices  *out)
{
  Entry *entry;

  g_return_val_if_fail (PRISM_IS_PRICING (self), FALSE);

  entry = find (self, provider_id, model_id);

  if (out != NULL)
    {
      if (entry != NULL)
        *out = entry->prices;
      else
        prism_prices_init_unknown (out);
    }

  return entry != NULL;
}

/**
 * prism_pricing_get_source_url:
 *
 * Returns: (nullable): where the table's prices for the model came from
 */
const char *
prism_pricing_get_source_url (PrismPricing *self,
                              const char   *provider_id,
                              const char   *model_id)
{
  Entry *entry;

  g_return_val_if_fail (PRISM_IS_PRICING (self), NULL);

  entry = find (self, provider_id, model_id);

  return entry != NULL ? entry->source : NULL;
}

/**
 * prism_pricing_resolve:
 * @self: (nullable): the bundled table, last resort; %NULL to skip it
 * @usage: (nullable): the request's tokens
 * @provider_cost: the cost the provider reported, NAN when it did not
 * @config_prices: (nullable): prices from providers.ini
 * @catalog_prices: (nullable): prices from a provider's live model list
 * @source: (out) (optional): where the cost came from
 *
 * The cost of one request, from the most trusted place that knows it, in
 * DESIGN.md's order: provider, config, catalog, bundled. Prices that lack
 * an input or an output price do not count.
 *
 * Returns: the cost in USD, or NAN (never zero) with source
 *   %PRISM_COST_SOURCE_UNKNOWN when nothing knows it
 */
double
prism_pricing_resolve (PrismPricing      *self,
                       const char        *provider_id,
                       const char        *model_id,
                       const PrismUsage  *usage,
                       double             provider_cost,
                       const PrismPrices *config_prices,
                       const PrismPrices *catalog_prices,
                       PrismCostSource   *source)
{
  const PrismPrices *candidates[2] = { config_prices, catalog_prices };
  const PrismCostSource sources[2] = { PRISM_COST_SOURCE_CONFIG, PRISM_COST_SOURCE_CATALOG };
  PrismPrices bundled;

  g_return_val_if_fail (self == NULL || PRISM_IS_PRICING (self), NAN);

  if (source != NULL)
    *source = PRISM_COST_SOURCE_UNKNOWN;

  if (isfinite (provider_cost) && provider_cost >= 0)
    {
      if (source != NULL)
        *source = PRISM_COST_SOURCE_PROVIDER;
      return provider_cost;
    }

  if (usage == NULL || !usage->known)
    return NAN;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      if (prism_prices_is_known (candidates[i]))
        {
          if (source != NULL)
            *source = sources[i];
          return prism_cost_compute (candidates[i], usage);
        }
    }

  if (self != NULL && prism_pricing_lookup (self, provider_id, model_id, &bundled))
    {
      if (source != NULL)
        *source = PRISM_COST_SOURCE_BUNDLED;
      return prism_cost_compute (&bundled, usage);
    }

  return NAN;
}

static void
prism_pricing_finalize (GObject *object)
{
  PrismPricing *self = PRISM_PRICING (object);

  g_clear_pointer (&self->taken, g_free);
  g_clear_pointer (&self->entries, g_hash_table_unref);

  G_OBJECT_CLASS (prism_pricing_parent_class)->finalize (object);
}

static void
prism_pricing_class_init (PrismPricingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = prism_pricing_finalize;
}

static void
prism_pricing_init (PrismPricing *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
}
