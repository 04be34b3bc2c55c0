/* prism-session.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prism-catalog.h"
#include "prism-client.h"
#include "prism-store.h"

G_BEGIN_DECLS

#define PRISM_TYPE_SESSION (prism_session_get_type ())

G_DECLARE_FINAL_TYPE (PrismSession, prism_session, PRISM, SESSION, GObject)

PrismSession          *prism_session_new                   (void);
void                   prism_session_open_async            (PrismSession         *self,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean               prism_session_open_finish           (PrismSession         *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
void                   prism_session_refresh_models_async  (PrismSession         *self,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
GHashTable            *prism_session_refresh_models_finish (PrismSession         *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
gboolean               prism_session_get_ready             (PrismSession         *self);
gboolean               prism_session_get_usable            (PrismSession         *self);
PrismProviderRegistry *prism_session_get_registry          (PrismSession         *self);
PrismClient           *prism_session_get_client            (PrismSession         *self);
PrismCatalog          *prism_session_get_catalog           (PrismSession         *self);
PrismStore            *prism_session_get_store             (PrismSession         *self);
GListModel            *prism_session_get_conversations     (PrismSession         *self);
void                   prism_session_reload_conversations  (PrismSession         *self);

G_END_DECLS
