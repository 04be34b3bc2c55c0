/* prism-provider-registry-private.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prism-provider-registry.h"

G_BEGIN_DECLS

struct _PrismProviderRegistry
{
  GObject     parent_instance;

  char       *path;
  GListStore *providers;   /* PrismProviderConfig, built-ins first */
  GHashTable *models;      /* "provider:model" → PrismModel with the file's facts */
  GKeyFile   *key_file;    /* the file as read, comments and unknown keys included */
  GPtrArray  *warnings;    /* NULL-terminated array of char * */
  char       *broken;      /* why saving would lose lines, or NULL */
  char       *first_problem;
  guint       n_problems;  /* warnings about mistakes, not mere notices */
};

typedef struct
{
  const char        *id;
  const char        *name;
  PrismProtocolKind  protocol;
  const char        *base_url;
  gboolean           needs_key;
} PrismBuiltinProvider;

const PrismBuiltinProvider *_prism_provider_registry_find_builtin   (const char             *id);
void                        _prism_provider_registry_reset          (PrismProviderRegistry  *self);
void                        _prism_provider_registry_emit_changed   (PrismProviderRegistry  *self);
void                        _prism_provider_registry_apply_builtin  (PrismProviderConfig    *config,
                                                                     const PrismBuiltinProvider *builtin);
void                        prism_provider_registry_load_from_data  (PrismProviderRegistry  *self,
                                                                     const char             *data,
                                                                     gssize                  len);

G_END_DECLS
