/* prism-test-cli.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "prism-fake-provider.h"
#include "prism-store.h"

G_BEGIN_DECLS

/* Runs the real prism-cli with a temporary home whose providers.ini
 * points at a fake provider served from the test's own main loop.
 */
typedef struct
{
  PrismFakeProvider *fake;
  char              *home;
  char              *config;
  char              *data;
  char             **env;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

void        run_clear        (Run                *run);
void        fixture_setup    (Fixture            *fixture,
                              gconstpointer       data);
void        fixture_teardown (Fixture            *fixture,
                              gconstpointer       data);
void        run_cli_full     (Fixture            *fixture,
                              const char * const *args,
                              const char         *input,
                              guint               interrupt_ms,
                              Run                *run);
void        run_cli          (Fixture            *fixture,
                              const char * const *args,
                              Run                *run);
JsonNode   *parse_json       (const char         *text);
PrismStore *open_history     (Fixture            *fixture);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

G_END_DECLS
