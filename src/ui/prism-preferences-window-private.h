/* prism-preferences-window-private.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prism-preferences-window.h"
#include "prism-provider-page.h"

G_BEGIN_DECLS

struct _PrismPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  PrismClient          *client;
  GCancellable         *cancellable;

  /* Provider id → ProviderEntry (its row and subpage) */
  GHashTable           *entries;
  /* Ids with a key in the keyring, once the keyring has answered */
  GHashTable           *stored_ids;
  GError               *keyring_error;
  gboolean              keyring_known;

  gboolean              updating_routing;
  gboolean              account_fetched;

  /* Template widgets */
  AdwComboRow          *style_row;
  AdwEntryRow          *model_row;
  AdwComboRow          *history_row;
  GtkSwitch            *reasoning_switch;
  GSettings            *settings;
  AdwPreferencesPage   *providers_page;
  AdwPreferencesGroup  *keyring_group;
  AdwActionRow         *keyring_row;
  AdwPreferencesGroup  *cloud_group;
  AdwPreferencesGroup  *local_group;
  AdwPreferencesGroup  *custom_group;
  GtkButton            *add_button;
  AdwPreferencesPage   *openrouter_page;
  AdwActionRow         *openrouter_key_row;
  AdwActionRow         *credits_row;
  AdwActionRow         *limit_row;
  AdwActionRow         *usage_row;
  GtkSpinner           *account_spinner;
  GtkButton            *account_refresh_button;
  AdwComboRow          *sort_row;
  GtkSwitch            *fallbacks_switch;
  AdwComboRow          *data_collection_row;
};

void               _prism_preferences_window_class_init_providers  (GtkWidgetClass         *widget_class);
void               _prism_preferences_window_init_providers        (PrismPreferencesWindow *self);
void               _prism_preferences_window_class_init_openrouter (GtkWidgetClass         *widget_class);
void               _prism_preferences_window_init_openrouter       (PrismPreferencesWindow *self);
void               _prism_preferences_window_class_init_general    (GtkWidgetClass         *widget_class);
void               _prism_preferences_window_init_general          (PrismPreferencesWindow *self);
void               _prism_preferences_window_page_changed          (PrismPreferencesWindow *self);
PrismProviderPage *_prism_preferences_window_get_provider_page     (PrismPreferencesWindow *self,
                                                                    const char             *id);
gboolean           _prism_preferences_window_show_provider         (PrismPreferencesWindow *self,
                                                                    const char             *id);

G_END_DECLS
