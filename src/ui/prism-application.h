/* prism-application.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prism-session.h"

G_BEGIN_DECLS

#define PRISM_TYPE_APPLICATION (prism_application_get_type ())

G_DECLARE_FINAL_TYPE (PrismApplication, prism_application, PRISM, APPLICATION, AdwApplication)

PrismApplication *prism_application_new          (void);
GSettings        *prism_application_get_settings (PrismApplication *self);
PrismSession     *prism_application_get_session  (PrismApplication *self);
PrismClient      *prism_application_get_client   (PrismApplication *self);

G_END_DECLS
