/* prism-provider-config.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * PrismProtocolKind:
 * @PRISM_PROTOCOL_KIND_OPENAI: OpenAI Chat Completions
 * @PRISM_PROTOCOL_KIND_OPENROUTER: Chat Completions plus OpenRouter's extras
 * @PRISM_PROTOCOL_KIND_ANTHROPIC: Anthropic's Messages API
 * @PRISM_PROTOCOL_KIND_GEMINI: Gemini generateContent / streamGenerateContent
 * @PRISM_PROTOCOL_KIND_OLLAMA: Ollama's /api/chat with NDJSON
 *
 * The wire format a provider speaks; `protocol=` in providers.ini.
 */
typedef enum
{
  PRISM_PROTOCOL_KIND_OPENAI,
  PRISM_PROTOCOL_KIND_OPENROUTER,
  PRISM_PROTOCOL_KIND_ANTHROPIC,
  PRISM_PROTOCOL_KIND_GEMINI,
  PRISM_PROTOCOL_KIND_OLLAMA,
} PrismProtocolKind;

#define PRISM_TYPE_PROTOCOL_KIND (prism_protocol_kind_get_type ())

GType        prism_protocol_kind_get_type    (void) G_GNUC_CONST;
const char  *prism_protocol_kind_to_string   (PrismProtocolKind  kind);
gboolean     prism_protocol_kind_from_string (const char        *str,
                                              PrismProtocolKind *kind);

#define PRISM_TYPE_PROVIDER_CONFIG (prism_provider_config_get_type ())

G_DECLARE_FINAL_TYPE (PrismProviderConfig, prism_provider_config, PRISM, PROVIDER_CONFIG, GObject)

PrismProviderConfig *prism_provider_config_new                         (const char          *id,
                                                                        PrismProtocolKind    protocol,
                                                                        const char          *base_url);
const char          *prism_provider_config_get_id                      (PrismProviderConfig *self);
const char          *prism_provider_config_get_name                    (PrismProviderConfig *self);
void                 prism_provider_config_set_name                    (PrismProviderConfig *self,
                                                                        const char          *name);
PrismProtocolKind    prism_provider_config_get_protocol                (PrismProviderConfig *self);
void                 prism_provider_config_set_protocol                (PrismProviderConfig *self,
                                                                        PrismProtocolKind    protocol);
const char          *prism_provider_config_get_base_url                (PrismProviderConfig *self);
void                 prism_provider_config_set_base_url                (PrismProviderConfig *self,
                                                                        const char          *base_url);
const char          *prism_provider_config_get_key_env                 (PrismProviderConfig *self);
void                 prism_provider_config_set_key_env                 (PrismProviderConfig *self,
                                                                        const char          *key_env);
const char          *prism_provider_config_get_key_variable            (PrismProviderConfig *self);
void                 prism_provider_config_set_key_variable            (PrismProviderConfig *self,
                                                                        const char          *key_variable);
gboolean             prism_provider_config_get_needs_key               (PrismProviderConfig *self);
void                 prism_provider_config_set_needs_key               (PrismProviderConfig *self,
                                                                        gboolean             needs_key);
gboolean             prism_provider_config_get_enabled                 (PrismProviderConfig *self);
void                 prism_provider_config_set_enabled                 (PrismProviderConfig *self,
                                                                        gboolean             enabled);
gboolean             prism_provider_config_get_builtin                 (PrismProviderConfig *self);
gboolean             prism_provider_config_get_local                   (PrismProviderConfig *self);
gboolean             prism_provider_config_get_insecure                (PrismProviderConfig *self);
const char          *prism_provider_config_get_provider_sort           (PrismProviderConfig *self);
void                 prism_provider_config_set_provider_sort           (PrismProviderConfig *self,
                                                                        const char          *sort);
gboolean             prism_provider_config_get_allow_fallbacks         (PrismProviderConfig *self);
void                 prism_provider_config_set_allow_fallbacks         (PrismProviderConfig *self,
                                                                        gboolean             allow_fallbacks);
const char          *prism_provider_config_get_data_collection         (PrismProviderConfig *self);
void                 prism_provider_config_set_data_collection         (PrismProviderConfig *self,
                                                                        const char          *data_collection);

gboolean             prism_provider_config_is_valid_sort               (const char          *sort);
gboolean             prism_provider_config_is_valid_data_collection    (const char          *data_collection);
char                *prism_provider_config_conventional_key_variable   (const char          *id);
gboolean             prism_provider_config_classify_url                (const char          *url,
                                                                        gboolean            *local,
                                                                        gboolean            *insecure);

G_END_DECLS
