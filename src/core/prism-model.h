/* prism-model.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "prism-cost.h"

G_BEGIN_DECLS

#define PRISM_TYPE_MODEL (prism_model_get_type ())

G_DECLARE_FINAL_TYPE (PrismModel, prism_model, PRISM, MODEL, GObject)

PrismModel         *prism_model_new                      (const char         *provider_id,
                                                          const char         *model_id);
const char         *prism_model_get_id                   (PrismModel         *self);
const char         *prism_model_get_provider_id          (PrismModel         *self);
const char         *prism_model_get_model_id             (PrismModel         *self);
const char         *prism_model_get_name                 (PrismModel         *self);
void                prism_model_set_name                 (PrismModel         *self,
                                                          const char         *name);
gint64              prism_model_get_context_length       (PrismModel         *self);
void                prism_model_set_context_length       (PrismModel         *self,
                                                          gint64              context_length);
const PrismPrices  *prism_model_get_prices               (PrismModel         *self);
void                prism_model_set_prices               (PrismModel         *self,
                                                          const PrismPrices  *prices);
const char * const *prism_model_get_input_modalities     (PrismModel         *self);
void                prism_model_set_input_modalities     (PrismModel         *self,
                                                          const char * const *modalities);
gboolean            prism_model_accepts_images           (PrismModel         *self);
const char * const *prism_model_get_supported_parameters (PrismModel         *self);
void                prism_model_set_supported_parameters (PrismModel         *self,
                                                          const char * const *parameters);
gboolean            prism_model_supports_parameter       (PrismModel         *self,
                                                          const char         *parameter);
gboolean            prism_model_split_id                 (const char         *id,
                                                          char              **provider_id,
                                                          char              **model_id);

G_END_DECLS
