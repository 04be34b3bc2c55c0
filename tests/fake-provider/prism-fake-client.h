/* prism-fake-client.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prism-fake-provider.h"

G_BEGIN_DECLS

/* The echo reply to "hello there world", the prompt of fake_chat(). */
#define ECHO_REPLY "Echo: hello there world — ünïcode ✓ 你好 🌍"

typedef struct
{
  PrismFakeProvider *provider;
  SoupSession       *session;
} Fixture;

typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;
  GBytes             *body;
  GError             *error;
} Response;

/* SSE, as the tests need it: events split on blank lines, "data:"
 * lines joined, comments kept apart. */
typedef struct
{
  char *name;
  char *data;
} Event;

void        fake_response_free    (Response            *r);
void        fake_fixture_setup    (Fixture             *f,
                                   gconstpointer        data);
void        fake_fixture_teardown (Fixture             *f,
                                   gconstpointer        data);
const char *fake_body             (Response            *r);
Response   *fake_send             (Fixture             *f,
                                   const char          *method,
                                   const char          *provider,
                                   const char          *path,
                                   const char * const  *headers,
                                   const char          *json,
                                   GCancellable        *cancellable);
Response   *fake_post             (Fixture             *f,
                                   const char          *provider,
                                   const char          *path,
                                   const char          *json);
Response   *fake_chat             (Fixture             *f,
                                   const char          *provider,
                                   const char          *model,
                                   gboolean             stream);
char       *fake_raw_request      (Fixture             *f,
                                   const char          *model);
const char *fake_header           (Response            *r,
                                   const char          *name);
void        fake_event_free       (Event               *e);
GPtrArray  *fake_parse_sse        (const char          *body,
                                   guint               *n_comments);
JsonNode   *fake_parse_json       (const char          *text);
JsonNode   *fake_at               (JsonNode            *node,
                                   const char          *path);
const char *fake_str_at           (JsonNode            *node,
                                   const char          *path);
gint64      fake_int_at           (JsonNode            *node,
                                   const char          *path);
char       *fake_openai_join      (GPtrArray           *events,
                                   const char          *member);
JsonNode   *fake_event_json       (GPtrArray           *events,
                                   int                  index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, fake_response_free)

G_END_DECLS
