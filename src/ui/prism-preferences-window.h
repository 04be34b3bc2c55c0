/* prism-preferences-window.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prism-application.h"

G_BEGIN_DECLS

#define PRISM_TYPE_PREFERENCES_WINDOW (prism_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (PrismPreferencesWindow, prism_preferences_window, PRISM, PREFERENCES_WINDOW, AdwPreferencesWindow)

PrismPreferencesWindow *prism_preferences_window_new            (PrismApplication       *application);
PrismPreferencesWindow *prism_preferences_window_new_for_client (PrismClient            *client);
PrismClient            *prism_preferences_window_get_client     (PrismPreferencesWindow *self);
gboolean                prism_preferences_window_show_provider  (PrismPreferencesWindow *self,
                                                                 const char             *id);

G_END_DECLS
