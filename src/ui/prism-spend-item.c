/* prism-spend-item.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-spend-item"

#include "config.h"

#include "prism-spend-item.h"

struct _PrismSpendItem
{
  GObject          parent_instance;

  PrismModelStats *stats;
  PrismAttempt    *attempt;
};

G_DEFINE_FINAL_TYPE (PrismSpendItem, prism_spend_item, G_TYPE_OBJECT)

static void
prism_spend_item_finalize (GObject *object)
{
  PrismSpendItem *self = PRISM_SPEND_ITEM (object);

  g_clear_pointer (&self->stats, prism_model_stats_free);
  g_clear_pointer (&self->attempt, prism_attempt_free);

  G_OBJECT_CLASS (prism_spend_item_parent_class)->finalize (object);
}

static void
prism_spend_item_class_init (PrismSpendItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prism_spend_item_finalize;
}

static void
prism_spend_item_init (PrismSpendItem *self)
{
}

PrismSpendItem *
prism_spend_item_new_stats (const PrismModelStats *stats)
{
  PrismSpendItem *self;

  g_return_val_if_fail (stats != NULL, NULL);

  self = g_object_new (PRISM_TYPE_SPEND_ITEM, NULL);
  self->stats = prism_model_stats_copy (stats);

  return self;
}

PrismSpendItem *
prism_spend_item_new_attempt (PrismAttempt *attempt)
{
  PrismSpendItem *self;

  g_return_val_if_fail (attempt != NULL, NULL);

  self = g_object_new (PRISM_TYPE_SPEND_ITEM, NULL);
  self->attempt = prism_attempt_copy (attempt);

  return self;
}

/**
 * prism_spend_item_get_stats:
 *
 * Returns: (transfer none) (nullable): the model's figures
 */
const PrismModelStats *
prism_spend_item_get_stats (PrismSpendItem *self)
{
  g_return_val_if_fail (PRISM_IS_SPEND_ITEM (self), NULL);

  return self->stats;
}

/**
 * prism_spend_item_get_attempt:
 *
 * Returns: (transfer none) (nullable): the attempt
 */
PrismAttempt *
prism_spend_item_get_attempt (PrismSpendItem *self)
{
  g_return_val_if_fail (PRISM_IS_SPEND_ITEM (self), NULL);

  return self->attempt;
}
