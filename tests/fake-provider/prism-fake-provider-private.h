/* prism-fake-provider-private.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "prism-fake-provider.h"

G_BEGIN_DECLS

/* Every answer carries this creation time so bodies are byte-for-byte
 * predictable (2026-01-01T00:00:00Z). */
#define PRISM_FAKE_CREATED 1767225600

typedef enum
{
  PRISM_FAKE_FLAVOR_OPENAI,
  PRISM_FAKE_FLAVOR_OPENROUTER,
  PRISM_FAKE_FLAVOR_GROQ,
  PRISM_FAKE_FLAVOR_DEEPSEEK,
  PRISM_FAKE_FLAVOR_XAI,
  PRISM_FAKE_FLAVOR_MISTRAL,
  PRISM_FAKE_FLAVOR_PERPLEXITY,
  PRISM_FAKE_FLAVOR_LOCAL,
  PRISM_FAKE_FLAVOR_ANTHROPIC,
  PRISM_FAKE_FLAVOR_GEMINI,
  PRISM_FAKE_FLAVOR_OLLAMA,
} PrismFakeFlavor;

typedef struct
{
  char     *name;
  gboolean  markdown;
  gboolean  tool;
  gboolean  reasoning;
  gboolean  no_usage;
  gboolean  stream_error;
  gboolean  malformed;
  gboolean  endless;
  gboolean  crlf;
  gboolean  cr;
  gboolean  fail;
  guint     tokens;
  guint     rate;
  guint     error;
  int       retry_after;
  guint     fail_times;
  guint     html_error;
  int       reset_after;
  guint     stall_first_byte;
  int       stall_after;
  guint     stall;
  gsize     huge;
  char     *content_type;
  gsize     split;
  guint     cached;
  guint     cache_write;
  int       retry_after_ms;
} PrismFakeScenario;

typedef enum
{
  PRISM_FAKE_PIECE_REASONING,
  PRISM_FAKE_PIECE_CONTENT,
  PRISM_FAKE_PIECE_TOOL,
} PrismFakePieceKind;

typedef struct _PrismFakeRequest PrismFakeRequest;

/* One wire protocol. `piece` appends the event(s) for one delta; it is
 * told the kind, its index among pieces of that kind and whether it is
 * the last of its kind, so protocols that send whole blocks (Gemini and
 * Ollama tool calls) or open and close blocks (Anthropic) can. */
typedef struct
{
  const char *stream_content_type;
  void (*head)         (PrismFakeRequest   *req,
                        GString            *out);
  void (*piece)        (PrismFakeRequest   *req,
                        PrismFakePieceKind  kind,
                        guint               index,
                        gboolean            last,
                        const char         *text,
                        GString            *out);
  void (*tail)         (PrismFakeRequest   *req,
                        GString            *out);
  void (*stream_error) (PrismFakeRequest   *req,
                        GString            *out);
  void (*malformed)    (PrismFakeRequest   *req,
                        GString            *out);
  void (*complete)     (PrismFakeRequest   *req,
                        GString            *out);
  /* Sets status, headers and body of an error response. */
  void (*error)        (PrismFakeRequest   *req,
                        guint               status,
                        const char         *message);
} PrismFakeProtocol;

struct _PrismFakeRequest
{
  gatomicrefcount          ref_count;
  PrismFakeProvider       *provider;
  SoupServerMessage       *msg;
  const PrismFakeProtocol *protocol;
  PrismFakeFlavor          flavor;
  PrismFakeScenario       *scenario;
  char                    *model;
  char                    *id;
  char                    *prompt;
  guint                    input_tokens;
  gboolean                 stream;
  gboolean                 include_usage;
  gboolean                 json_array;
  guint                    failure;
  gboolean                 failure_decided;

  /* The reply: whitespace-led words of the content, reasoning and tool
   * call arguments. */
  GPtrArray               *content;
  GPtrArray               *reasoning;
  GPtrArray               *tool;
  guint                    n_content;

  /* What has been sent so far, for running totals. */
  guint                    sent_content;
  guint                    sent_reasoning;
  guint                    sent_tool;
  guint                    sent_pieces;

  /* Protocol state (Anthropic blocks). */
  int                      open_kind;
  guint                    block_index;

  /* Writer state, see prism-fake-provider-stream.c. */
  guint                    phase;
  guint                    phase_index;
  guint                    tick_budget;
  gboolean                 finished;
  gboolean                 body_done;
  gboolean                 reset_pending;
  gboolean                 stalled;
  gboolean                 malformed_sent;
  guint                    outstanding;
  GSource                  *timer;
  GByteArray              *backlog;
  gsize                    backlog_pos;
  gulong                   wrote_chunk_id;
  gulong                   finished_id;
};

/* prism-fake-provider.c */
void               prism_fake_provider_count_failure     (PrismFakeProvider  *self,
                                                          const char         *model,
                                                          guint              *count);
void               prism_fake_provider_track             (PrismFakeProvider  *self,
                                                          PrismFakeRequest   *req);
void               prism_fake_provider_untrack           (PrismFakeProvider  *self,
                                                          PrismFakeRequest   *req);

/* prism-fake-provider-scenario.c */
PrismFakeScenario *prism_fake_scenario_parse             (const char         *model,
                                                          GError            **error);
void               prism_fake_scenario_free              (PrismFakeScenario  *scenario);
void               prism_fake_request_plan               (PrismFakeRequest   *req);
void               prism_fake_request_content_piece      (PrismFakeRequest   *req,
                                                          guint               index,
                                                          GString            *out);
guint              prism_fake_count_words                (const char         *text);
void               prism_fake_json_string                (GString            *out,
                                                          const char         *text);
const char        *prism_fake_status_phrase              (guint               status);

/* prism-fake-provider-stream.c */
PrismFakeRequest  *prism_fake_request_new                (PrismFakeProvider  *provider,
                                                          SoupServerMessage  *msg,
                                                          PrismFakeFlavor     flavor,
                                                          const PrismFakeProtocol *protocol);
PrismFakeRequest  *prism_fake_request_ref                (PrismFakeRequest   *req);
void               prism_fake_request_unref              (PrismFakeRequest   *req);
void               prism_fake_request_respond            (PrismFakeRequest   *req);
void               prism_fake_request_abort              (PrismFakeRequest   *req);
void               prism_fake_request_get_usage          (PrismFakeRequest   *req,
                                                          guint              *input,
                                                          guint              *cached,
                                                          guint              *output,
                                                          guint              *reasoning);
JsonObject        *prism_fake_request_parse_body         (PrismFakeRequest   *req,
                                                          JsonParser         *parser);
gboolean           prism_fake_request_set_model          (PrismFakeRequest   *req,
                                                          const char         *model);
JsonObject        *prism_fake_get_object                 (JsonObject         *object,
                                                          const char         *name);
void               prism_fake_request_read_messages      (PrismFakeRequest   *req,
                                                          JsonNode           *system,
                                                          JsonNode           *messages,
                                                          const char         *member);
char              *prism_fake_request_dup_text           (PrismFakeRequest   *req,
                                                          PrismFakePieceKind  kind);
void               prism_fake_append_text                (GString            *out,
                                                          JsonNode           *content);
guint              prism_fake_request_get_cache_write    (PrismFakeRequest   *req);
guint              prism_fake_request_decide_failure     (PrismFakeRequest   *req);
void               prism_fake_respond_json               (SoupServerMessage  *msg,
                                                          guint               status,
                                                          const char         *json);

/* The protocols. Each handles the paths under its prefix. */
extern const PrismFakeProtocol prism_fake_openai_protocol;
extern const PrismFakeProtocol prism_fake_anthropic_protocol;
extern const PrismFakeProtocol prism_fake_gemini_protocol;
extern const PrismFakeProtocol prism_fake_ollama_protocol;

void               prism_fake_openai_handle              (PrismFakeProvider  *self,
                                                          SoupServerMessage  *msg,
                                                          PrismFakeFlavor     flavor,
                                                          const char         *path);
void               prism_fake_anthropic_handle           (PrismFakeProvider  *self,
                                                          SoupServerMessage  *msg,
                                                          const char         *path);
void               prism_fake_gemini_handle              (PrismFakeProvider  *self,
                                                          SoupServerMessage  *msg,
                                                          const char         *path);
void               prism_fake_ollama_handle              (PrismFakeProvider  *self,
                                                          SoupServerMessage  *msg,
                                                          const char         *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrismFakeRequest, prism_fake_request_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrismFakeScenario, prism_fake_scenario_free)

G_END_DECLS
