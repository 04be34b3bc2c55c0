/* prism-compare-page.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "prism-session.h"

G_BEGIN_DECLS

#define PRISM_TYPE_COMPARE_PAGE (prism_compare_page_get_type ())

G_DECLARE_FINAL_TYPE (PrismComparePage, prism_compare_page, PRISM, COMPARE_PAGE, GtkWidget)

void     prism_compare_page_set_session (PrismComparePage  *self,
                                         PrismSession      *session,
                                         GSettings         *settings);
void     prism_compare_page_set_models  (PrismComparePage  *self,
                                         const char        *models);
gboolean prism_compare_page_send        (PrismComparePage  *self,
                                         const char        *prompt,
                                         GError           **error);
GtkWidget *prism_compare_page_get_view  (PrismComparePage  *self);

G_END_DECLS
