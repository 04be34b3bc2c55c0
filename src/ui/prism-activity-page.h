/* prism-activity-page.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prism-store-activity.h"

G_BEGIN_DECLS

#define PRISM_TYPE_ACTIVITY_PAGE (prism_activity_page_get_type ())

G_DECLARE_FINAL_TYPE (PrismActivityPage, prism_activity_page, PRISM, ACTIVITY_PAGE, AdwBin)

GtkWidget  *prism_activity_page_new          (PrismStore               *store);
void        prism_activity_page_reload       (PrismActivityPage        *self);
gboolean    prism_activity_page_is_loading   (PrismActivityPage        *self);
void        prism_activity_page_set_filter   (PrismActivityPage        *self,
                                              const PrismAttemptFilter *filter);
GListModel *prism_activity_page_get_attempts (PrismActivityPage        *self);
GtkWindow  *prism_activity_page_open_details (PrismActivityPage        *self,
                                              guint                     position);
char       *prism_activity_page_dup_csv      (PrismActivityPage        *self);

G_END_DECLS
