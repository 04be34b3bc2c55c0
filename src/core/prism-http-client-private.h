/* prism-http-client-private.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prism-http-client.h"

G_BEGIN_DECLS

void prism_http_client_set_max_get_body (PrismHttpClient *self,
                                         gsize            max_body);

G_END_DECLS
