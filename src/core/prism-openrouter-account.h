/* prism-openrouter-account.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prism-client.h"

G_BEGIN_DECLS

#define PRISM_TYPE_OPENROUTER_ACCOUNT (prism_openrouter_account_get_type ())

/**
 * PrismOpenrouterAccount:
 * @label: (nullable): the key's masked label, as OpenRouter shows it
 * @limit: the key's spending cap in USD, NAN when it has none
 * @limit_reset: (nullable): how often the cap resets (e.g. "monthly"),
 *   %NULL for never
 * @limit_remaining: USD left under the cap, NAN when there is no cap
 * @usage: USD spent with the key, all time
 * @usage_daily: USD spent today (UTC)
 * @usage_weekly: USD spent this week (from Monday, UTC)
 * @usage_monthly: USD spent this month (UTC)
 * @is_free_tier: whether the account never bought credits
 * @total_credits: USD of credits bought, NAN when OpenRouter did not
 *   tell (its credits endpoint wants a management key)
 * @total_usage: USD of credits used, NAN when unknown
 *
 * What OpenRouter's key and credits endpoints say about an account. Never
 * holds the key.
 */
typedef struct
{
  char     *label;
  double    limit;
  char     *limit_reset;
  double    limit_remaining;
  double    usage;
  double    usage_daily;
  double    usage_weekly;
  double    usage_monthly;
  gboolean  is_free_tier;
  double    total_credits;
  double    total_usage;
} PrismOpenrouterAccount;

GType                   prism_openrouter_account_get_type      (void) G_GNUC_CONST;
PrismOpenrouterAccount *prism_openrouter_account_copy          (const PrismOpenrouterAccount *self);
void                    prism_openrouter_account_free          (PrismOpenrouterAccount       *self);
double                  prism_openrouter_account_get_balance   (const PrismOpenrouterAccount *self);

void                    prism_openrouter_account_fetch_async   (PrismClient                  *client,
                                                                PrismProviderConfig          *config,
                                                                GCancellable                 *cancellable,
                                                                GAsyncReadyCallback           callback,
                                                                gpointer                      user_data);
PrismOpenrouterAccount *prism_openrouter_account_fetch_finish  (PrismClient                  *client,
                                                                GAsyncResult                 *result,
                                                                GError                      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrismOpenrouterAccount, prism_openrouter_account_free)

G_END_DECLS
