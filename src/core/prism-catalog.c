/* prism-catalog.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-catalog"

#include "config.h"

#include <math.h>

#include "prism-catalog-private.h"

/* Every model Prism knows, from every provider's model list, as one
 * GListModel sorted by provider and model id. The protocol code parses
 * providers' lists into PrismModel objects; the catalog merges them,
 * lays providers.ini's per-model facts over them, and keeps a copy in
 * the cache folder so the models can be listed offline.
 *
 * A refresh of one provider keeps the PrismModel objects of models that
 * are still there (their properties are updated, so rows bound to them
 * follow) and emits one items-changed covering only the part of the list
 * where models came or went. The cache lives in prism-catalog-cache.c. */

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PrismCatalog, prism_catalog, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
item_free (gpointer data)
{
  PrismCatalogItem *item = data;

  g_clear_object (&item->model);
  g_free (item->key);
  g_free (item);
}

static char *
fold (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar)*p >= 0x80)
        return g_utf8_casefold (text, -1);
    }

  return g_ascii_strdown (text, -1);
}

static void
item_update_key (PrismCatalogItem *item)
{
  g_autofree char *text = g_strconcat (prism_model_get_id (item->model), " ",
                                       prism_model_get_name (item->model), NULL);

  g_free (item->key);
  item->key = fold (text);
}

static int
compare_ids (const char *provider_a,
             const char *model_a,
             const char *provider_b,
             const char *model_b)
{
  int ret = strcmp (provider_a, provider_b);

  return ret != 0 ? ret : strcmp (model_a, model_b);
}

static int
compare_models (gconstpointer a,
                gconstpointer b)
{
  PrismModel *ma = *(PrismModel **)a;
  PrismModel *mb = *(PrismModel **)b;

  return compare_ids (prism_model_get_provider_id (ma), prism_model_get_model_id (ma),
                      prism_model_get_provider_id (mb), prism_model_get_model_id (mb));
}

static GType
prism_catalog_get_item_type (GListModel *model)
{
  return PRISM_TYPE_MODEL;
}

static guint
prism_catalog_get_n_items (GListModel *model)
{
  return PRISM_CATALOG (model)->items->len;
}

static gpointer
prism_catalog_get_item (GListModel *model,
                        guint       position)
{
  PrismCatalog *self = PRISM_CATALOG (model);
  PrismCatalogItem *item;

  if (position >= self->items->len)
    return NULL;

  item = g_ptr_array_index (self->items, position);

  return g_object_ref (item->model);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = prism_catalog_get_item_type;
  iface->get_n_items = prism_catalog_get_n_items;
  iface->get_item = prism_catalog_get_item;
}

/* The first position whose provider is not before @provider_id. */
static guint
lower_bound (PrismCatalog *self,
             const char   *provider_id)
{
  guint lo = 0, hi = self->items->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      PrismCatalogItem *item = g_ptr_array_index (self->items, mid);

      if (strcmp (prism_model_get_provider_id (item->model), provider_id) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static guint
block_end (PrismCatalog *self,
           const char   *provider_id,
           guint         start)
{
  guint end = start;

  while (end < self->items->len)
    {
      PrismCatalogItem *item = g_ptr_array_index (self->items, end);

      if (strcmp (prism_model_get_provider_id (item->model), provider_id) != 0)
        break;
      end++;
    }

  return end;
}

static gboolean
same_price (double a,
            double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

static gboolean
same_prices (const PrismPrices *a,
             const PrismPrices *b)
{
  return same_price (a->input, b->input)
         && same_price (a->output, b->output)
         && same_price (a->cached_input, b->cached_input)
         && same_price (a->cache_write, b->cache_write)
         && a->source == b->source;
}

/* providers.ini's facts win over the provider's list. */
static void
item_apply_config (PrismCatalog *self,
                   PrismCatalogItem         *item)
{
  PrismModel *facts = NULL;
  const PrismPrices *prices = &item->catalog_prices;

  if (self->registry != NULL)
    facts = prism_provider_registry_lookup_model (self->registry, prism_model_get_id (item->model));

  if (facts != NULL)
    {
      if (prism_prices_is_known (prism_model_get_prices (facts)))
        prices = prism_model_get_prices (facts);
      if (prism_model_get_context_length (facts) > 0)
        prism_model_set_context_length (item->model, prism_model_get_context_length (facts));
      if (g_strcmp0 (prism_model_get_name (facts), prism_model_get_model_id (facts)) != 0)
        {
          prism_model_set_name (item->model, prism_model_get_name (facts));
          item_update_key (item);
        }
    }

  if (!same_prices (prices, prism_model_get_prices (item->model)))
    prism_model_set_prices (item->model, prices);
}

static PrismCatalogItem *
item_new (PrismCatalog *self,
          PrismModel   *model)
{
  PrismCatalogItem *item = g_new0 (PrismCatalogItem, 1);

  item->model = g_object_ref (model);
  item->catalog_prices = *prism_model_get_prices (model);
  item_update_key (item);
  item_apply_config (self, item);

  return item;
}

/* A model still listed keeps its object; it takes the new facts. */
static void
item_update (PrismCatalog *self,
             PrismCatalogItem         *item,
             PrismModel   *from)
{
  PrismModel *to = item->model;
  const char *name = prism_model_get_name (from);

  g_object_freeze_notify (G_OBJECT (to));
  prism_model_set_name (to, g_strcmp0 (name, prism_model_get_model_id (from)) != 0 ? name : NULL);
  prism_model_set_context_length (to, prism_model_get_context_length (from));
  if (!g_strv_equal ((const char * const *)prism_model_get_input_modalities (to) ?: (const char * const[]) { NULL },
                     (const char * const *)prism_model_get_input_modalities (from) ?: (const char * const[]) { NULL }))
    prism_model_set_input_modalities (to, prism_model_get_input_modalities (from));
  if (!g_strv_equal ((const char * const *)prism_model_get_supported_parameters (to) ?: (const char * const[]) { NULL },
                     (const char * const *)prism_model_get_supported_parameters (from) ?: (const char * const[]) { NULL }))
    prism_model_set_supported_parameters (to, prism_model_get_supported_parameters (from));
  item->catalog_prices = *prism_model_get_prices (from);
  item_update_key (item);
  item_apply_config (self, item);
  g_object_thaw_notify (G_OBJECT (to));
}

/**
 * prism_catalog_new:
 * @registry: (nullable): where providers.ini's per-model facts come from
 */
PrismCatalog *
prism_catalog_new (PrismProviderRegistry *registry)
{
  PrismCatalog *self;

  g_return_val_if_fail (registry == NULL || PRISM_IS_PROVIDER_REGISTRY (registry), NULL);

  self = g_object_new (PRISM_TYPE_CATALOG, NULL);
  if (registry != NULL)
    {
      self->registry = g_object_ref (registry);
      g_signal_connect_object (registry, "changed",
                               G_CALLBACK (prism_catalog_apply_config),
                               self, G_CONNECT_SWAPPED);
    }

  return self;
}

/**
 * prism_catalog_replace_provider:
 * @provider_id: a provider id
 * @models: (element-type PrismModel) (nullable): every model of that
 *   provider, in any order; %NULL or empty removes them all
 *
 * Puts @models in place of the provider's models. Models still listed
 * keep their object in the catalog, which takes the new name, context
 * length, modalities, parameters and prices (providers.ini's prices stay
 * on top). One items-changed is emitted, covering the span where models
 * came or went, or none when only facts changed.
 */
void
prism_catalog_replace_provider (PrismCatalog *self,
                                const char   *provider_id,
                                GPtrArray    *models)
{
  g_autoptr(GPtrArray) incoming = g_ptr_array_new ();
  g_autoptr(GPtrArray) block = g_ptr_array_new ();
  guint start, end, old_len, prefix, suffix, i, j;

  g_return_if_fail (PRISM_IS_CATALOG (self));
  g_return_if_fail (provider_id != NULL);

  for (i = 0; models != NULL && i < models->len; i++)
    {
      PrismModel *model = g_ptr_array_index (models, i);

      g_return_if_fail (PRISM_IS_MODEL (model));
      g_return_if_fail (g_strcmp0 (prism_model_get_provider_id (model), provider_id) == 0);
      g_ptr_array_add (incoming, model);
    }

  g_ptr_array_sort (incoming, compare_models);

  start = lower_bound (self, provider_id);
  end = block_end (self, provider_id, start);
  old_len = end - start;

  /* Merge the sorted old block with the sorted new list; a repeated id
   * in @models counts once, the last one winning. */
  i = start;
  for (j = 0; j < incoming->len; j++)
    {
      PrismModel *model = g_ptr_array_index (incoming, j);
      const char *model_id = prism_model_get_model_id (model);
      int cmp = -1;

      if (j + 1 < incoming->len &&
          g_str_equal (model_id, prism_model_get_model_id (g_ptr_array_index (incoming, j + 1))))
        continue;

      while (i < end)
        {
          PrismCatalogItem *old = g_ptr_array_index (self->items, i);

          cmp = strcmp (prism_model_get_model_id (old->model), model_id);
          if (cmp >= 0)
            break;
          i++;
        }

      if (i < end && cmp == 0)
        {
          PrismCatalogItem *old = g_ptr_array_index (self->items, i);

          /* The very object again carries providers.ini's prices by
           * now, not the provider's: only its other facts may be new. */
          if (old->model != model)
            item_update (self, old, model);
          else
            {
              item_update_key (old);
              item_apply_config (self, old);
            }
          old->kept = TRUE;
          g_ptr_array_add (block, old);
          i++;
        }
      else
        g_ptr_array_add (block, item_new (self, model));
    }

  for (prefix = 0; prefix < old_len && prefix < block->len; prefix++)
    {
      if (g_ptr_array_index (self->items, start + prefix) != g_ptr_array_index (block, prefix))
        break;
    }

  for (suffix = 0; suffix < old_len - prefix && suffix < block->len - prefix; suffix++)
    {
      if (g_ptr_array_index (self->items, end - 1 - suffix) != g_ptr_array_index (block, block->len - 1 - suffix))
        break;
    }

  /* Free the items that went, keep the ones that moved into @block. */
  for (i = start + prefix; i < end - suffix; i++)
    {
      PrismCatalogItem *old = g_ptr_array_index (self->items, i);

      if (!old->kept)
        item_free (old);
    }

  for (j = 0; j < block->len; j++)
    ((PrismCatalogItem *)g_ptr_array_index (block, j))->kept = FALSE;

  if (prefix + suffix == old_len && prefix + suffix == block->len)
    return;

  g_ptr_array_set_free_func (self->items, NULL);
  g_ptr_array_remove_range (self->items, start + prefix, old_len - prefix - suffix);
  g_ptr_array_set_free_func (self->items, item_free);
  for (j = prefix; j < block->len - suffix; j++)
    g_ptr_array_insert (self->items, start + j, g_ptr_array_index (block, j));

  g_list_model_items_changed (G_LIST_MODEL (self), start + prefix,
                              old_len - prefix - suffix,
                              block->len - prefix - suffix);
}

void
prism_catalog_remove_provider (PrismCatalog *self,
                               const char   *provider_id)
{
  g_return_if_fail (PRISM_IS_CATALOG (self));

  prism_catalog_replace_provider (self, provider_id, NULL);
}

/**
 * prism_catalog_apply_config:
 *
 * Lays providers.ini's per-model facts over the models again. The catalog
 * does so by itself whenever its registry emits
 * #PrismProviderRegistry::changed.
 */
void
prism_catalog_apply_config (PrismCatalog *self)
{
  g_return_if_fail (PRISM_IS_CATALOG (self));

  for (guint i = 0; i < self->items->len; i++)
    item_apply_config (self, g_ptr_array_index (self->items, i));
}

/**
 * prism_catalog_lookup:
 * @id: a model name, `PROVIDER:MODEL`
 *
 * Returns: (transfer none) (nullable): the model
 */
PrismModel *
prism_catalog_lookup (PrismCatalog *self,
                      const char   *id)
{
  g_autofree char *provider_id = NULL;
  g_autofree char *model_id = NULL;
  guint lo, hi;

  g_return_val_if_fail (PRISM_IS_CATALOG (self), NULL);

  if (!prism_model_split_id (id, &provider_id, &model_id))
    return NULL;

  lo = 0;
  hi = self->items->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      PrismCatalogItem *item = g_ptr_array_index (self->items, mid);
      int cmp = compare_ids (prism_model_get_provider_id (item->model), prism_model_get_model_id (item->model),
                             provider_id, model_id);

      if (cmp == 0)
        return item->model;
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return NULL;
}

static gboolean
has_capabilities (PrismModel             *model,
                  PrismCatalogCapability  capabilities)
{
  if ((capabilities & PRISM_CATALOG_CAPABILITY_IMAGES) && !prism_model_accepts_images (model))
    return FALSE;
  if ((capabilities & PRISM_CATALOG_CAPABILITY_TOOLS) && !prism_model_supports_parameter (model, "tools"))
    return FALSE;
  if ((capabilities & PRISM_CATALOG_CAPABILITY_REASONING) && !prism_model_supports_parameter (model, "reasoning"))
    return FALSE;
  if ((capabilities & PRISM_CATALOG_CAPABILITY_PRICED) && !prism_prices_is_known (prism_model_get_prices (model)))
    return FALSE;

  return TRUE;
}

static GStrv
fold_words (const char *text)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  GPtrArray *kept = g_ptr_array_new ();

  if (text != NULL)
    {
      folded = fold (text);
      words = g_strsplit_set (folded, " \t\n", -1);
      for (guint i = 0; words[i] != NULL; i++)
        {
          if (*words[i] != '\0')
            g_ptr_array_add (kept, g_strdup (words[i]));
        }
    }

  g_ptr_array_add (kept, NULL);

  return (GStrv)g_ptr_array_free (kept, FALSE);
}

static gboolean
key_matches (const char *key,
             GStrv       words)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (strstr (key, words[i]) == NULL)
        return FALSE;
    }

  return TRUE;
}

/**
 * prism_catalog_model_matches:
 * @text: (nullable): words that must all appear, ignoring case, in the
 *   model's id or name
 * @provider_id: (nullable): the provider the model must belong to
 * @capabilities: what the model must offer
 *
 * The test of prism_catalog_filter(), for a GtkCustomFilter.
 */
gboolean
prism_catalog_model_matches (PrismModel             *model,
                             const char             *text,
                             const char             *provider_id,
                             PrismCatalogCapability  capabilities)
{
  g_auto(GStrv) words = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (PRISM_IS_MODEL (model), FALSE);

  if (provider_id != NULL && g_strcmp0 (prism_model_get_provider_id (model), provider_id) != 0)
    return FALSE;
  if (!has_capabilities (model, capabilities))
    return FALSE;

  words = fold_words (text);
  joined = g_strconcat (prism_model_get_id (model), " ", prism_model_get_name (model), NULL);
  key = fold (joined);

  return key_matches (key, words);
}

/**
 * prism_catalog_filter:
 *
 * See prism_catalog_model_matches().
 *
 * Returns: (transfer full): a #GListModel of the matching #PrismModel, in
 *   the catalog's order; a snapshot that does not follow later changes
 */
GListModel *
prism_catalog_filter (PrismCatalog           *self,
                      const char             *text,
                      const char             *provider_id,
                      PrismCatalogCapability  capabilities)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GListStore *store;
  guint start = 0, end;

  g_return_val_if_fail (PRISM_IS_CATALOG (self), NULL);

  words = fold_words (text);
  end = self->items->len;
  if (provider_id != NULL)
    {
      start = lower_bound (self, provider_id);
      end = block_end (self, provider_id, start);
    }

  for (guint i = start; i < end; i++)
    {
      PrismCatalogItem *item = g_ptr_array_index (self->items, i);

      if (key_matches (item->key, words) && has_capabilities (item->model, capabilities))
        g_ptr_array_add (found, item->model);
    }

  store = g_list_store_new (PRISM_TYPE_MODEL);
  g_list_store_splice (store, 0, 0, found->pdata, found->len);

  return G_LIST_MODEL (store);
}

static void
prism_catalog_finalize (GObject *object)
{
  PrismCatalog *self = PRISM_CATALOG (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (prism_catalog_parent_class)->finalize (object);
}

static void
prism_catalog_dispose (GObject *object)
{
  PrismCatalog *self = PRISM_CATALOG (object);

  g_clear_object (&self->registry);

  G_OBJECT_CLASS (prism_catalog_parent_class)->dispose (object);
}

static void
prism_catalog_class_init (PrismCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = prism_catalog_dispose;
  object_class->finalize = prism_catalog_finalize;
}

static void
prism_catalog_init (PrismCatalog *self)
{
  self->items = g_ptr_array_new_with_free_func (item_free);
}
