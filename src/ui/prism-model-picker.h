/* prism-model-picker.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "prism-catalog.h"

G_BEGIN_DECLS

#define PRISM_TYPE_MODEL_PICKER (prism_model_picker_get_type ())

G_DECLARE_FINAL_TYPE (PrismModelPicker, prism_model_picker, PRISM, MODEL_PICKER, GtkWidget)

void        prism_model_picker_set_catalog (PrismModelPicker *self,
                                            PrismCatalog     *catalog);
const char *prism_model_picker_get_model   (PrismModelPicker *self);
void        prism_model_picker_set_model   (PrismModelPicker *self,
                                            const char       *model);
void        prism_model_picker_popup       (PrismModelPicker *self);

G_END_DECLS
