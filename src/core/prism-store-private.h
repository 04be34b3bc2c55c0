/* prism-store-private.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "prism-store.h"

G_BEGIN_DECLS

/* Every query runs on the store's one worker thread, on its own
 * connection, in the order it was asked for. Synchronous calls wait for
 * their job; asynchronous ones get their result on the main context that
 * was current when they were made. A job returns its result in
 * @result (with @result_destroy to free it) or sets @error. */
typedef gboolean (*PrismStoreJobFunc) (PrismStore      *self,
                                       sqlite3         *db,
                                       gpointer         data,
                                       gpointer        *result,
                                       GError         **error);

gboolean  _prism_store_run               (PrismStore          *self,
                                          PrismStoreJobFunc    func,
                                          gpointer             data,
                                          gpointer            *result,
                                          GError             **error);
void      _prism_store_run_async         (PrismStore          *self,
                                          PrismStoreJobFunc    func,
                                          gpointer             data,
                                          GDestroyNotify       data_destroy,
                                          GDestroyNotify       result_destroy,
                                          gpointer             source_tag,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gpointer  _prism_store_run_finish        (PrismStore          *self,
                                          GAsyncResult        *result,
                                          gpointer             source_tag,
                                          GError             **error);

/* SQLite helpers, all on the worker's connection */
gboolean  _prism_store_fail              (sqlite3             *db,
                                          int                  rc,
                                          GError             **error);
sqlite3_stmt *_prism_store_prepare       (sqlite3             *db,
                                          const char          *sql,
                                          GError             **error);
gboolean  _prism_store_exec              (sqlite3             *db,
                                          const char          *sql,
                                          GError             **error);
gboolean  _prism_store_begin             (sqlite3             *db,
                                          GError             **error);
gboolean  _prism_store_commit            (sqlite3             *db,
                                          GError             **error);
void      _prism_store_rollback          (sqlite3             *db);
void      _prism_store_bind_text         (sqlite3_stmt        *stmt,
                                          int                  index,
                                          const char          *text);
void      _prism_store_bind_double       (sqlite3_stmt        *stmt,
                                          int                  index,
                                          double               value);
char     *_prism_store_column_dup        (sqlite3_stmt        *stmt,
                                          int                  column);
double    _prism_store_column_double     (sqlite3_stmt        *stmt,
                                          int                  column);
char     *_prism_store_local_day         (gint64               time_us);
gboolean  _prism_store_check_day         (const char          *day,
                                          GError             **error);
gboolean  _prism_store_touch_conversation (sqlite3            *db,
                                           const char         *conversation_id,
                                           gint64              now,
                                           GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Shared between the concerns */
PrismMessage *_prism_message_new_from_row    (sqlite3_stmt *stmt);
PrismAttempt *_prism_attempt_new_from_row    (sqlite3_stmt *stmt);
PrismConversation *_prism_conversation_new   (void);
PrismComparison   *_prism_comparison_new     (void);
PrismSearchHit    *_prism_search_hit_new     (void);
PrismSpendRow     *_prism_spend_row_new      (void);
PrismBudget       *_prism_budget_new         (void);
PrismProject      *_prism_project_new        (void);
PrismVoteMatch    *_prism_vote_match_new     (void);
PrismMessage      *_prism_message_new        (void);
PrismAttempt      *_prism_attempt_dup        (const PrismAttempt *attempt);

/* The columns _prism_message_new_from_row and _prism_attempt_new_from_row read */
#define PRISM_STORE_MESSAGE_COLUMNS \
  "m.id, m.conversation_id, m.parent_id, m.role, m.content, m.reasoning, " \
  "m.attachments, m.model, m.status, m.error, m.comparison_id, m.created_at"
#define PRISM_STORE_ATTEMPT_COLUMNS \
  "a.id, a.message_id, a.model, a.provider, a.http_status, a.error_kind, " \
  "a.error_message, a.input_tokens, a.cached_input_tokens, a.cache_write_tokens, " \
  "a.output_tokens, a.reasoning_tokens, a.cost_usd, a.cost_source, a.input_price, " \
  "a.output_price, a.cached_input_price, a.cache_write_price, a.ttft_ms, " \
  "a.latency_ms, a.started_at, a.project_id"

gboolean  _prism_store_insert_attempt    (sqlite3             *db,
                                          const PrismAttempt  *attempt,
                                          gint64              *id,
                                          GError             **error);
gboolean  _prism_store_load_conversation (sqlite3             *db,
                                          const char          *id,
                                          PrismConversation  **conversation,
                                          GError             **error);
gboolean  _prism_store_add_message_job   (PrismStore          *self,
                                          sqlite3             *db,
                                          gpointer             data,
                                          gpointer            *result,
                                          GError             **error);
gboolean  _prism_store_insert_message    (sqlite3             *db,
                                          const PrismMessage  *message,
                                          GError             **error);

/* Streaming state, kept on the caller's thread */
void      _prism_store_streams_init      (PrismStore          *self);
void      _prism_store_streams_shutdown  (PrismStore          *self);

/* The schema, exposed so that the tests can build databases of every
 * earlier version and check that they are brought up to date. */
extern const char * const _prism_store_migrations[PRISM_STORE_SCHEMA_VERSION];

/* For the tests and the benchmark */
guint     _prism_store_get_commit_count  (PrismStore          *self);
guint     _prism_store_get_flush_count   (PrismStore          *self);
gboolean  _prism_store_set_max_page_count (PrismStore         *self,
                                           gint64              pages,
                                           GError            **error);

/* Fields of PrismStore the concern files share */
typedef struct
{
  GHashTable   *streams;       /* message id → PrismStoreStream */
  GMainContext *context;
  GSource      *flush_source;
  guint         flushes;
} PrismStoreStreams;

PrismStoreStreams *_prism_store_get_streams (PrismStore *self);

G_END_DECLS
