/* prism-store.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "prism-cost.h"
#include "prism-usage.h"

G_BEGIN_DECLS

/* The schema version this build writes; older files are migrated. */
#define PRISM_STORE_SCHEMA_VERSION 3

/* Conversations of the project nobody chose. */
#define PRISM_STORE_DEFAULT_PROJECT 1

/* In the snippets of search hits, the matched words sit between these. */
#define PRISM_STORE_MATCH_START "\002"
#define PRISM_STORE_MATCH_END   "\003"

typedef enum
{
  PRISM_MESSAGE_STATUS_COMPLETE,
  PRISM_MESSAGE_STATUS_PARTIAL,
  PRISM_MESSAGE_STATUS_ERROR,
  PRISM_MESSAGE_STATUS_CANCELLED,
  PRISM_MESSAGE_STATUS_STREAMING,
} PrismMessageStatus;

typedef enum
{
  PRISM_STREAM_DELTA_TEXT,
  PRISM_STREAM_DELTA_REASONING,
} PrismStreamDelta;

typedef enum
{
  PRISM_CONVERSATION_RENAME,
  PRISM_CONVERSATION_PIN,
  PRISM_CONVERSATION_MOVE,
  PRISM_CONVERSATION_DELETE,
} PrismConversationChange;

typedef enum
{
  PRISM_SPEND_BY_MODEL,
  PRISM_SPEND_BY_PROVIDER,
  PRISM_SPEND_BY_PROJECT,
  PRISM_SPEND_BY_DAY,
} PrismSpendGroup;

/* Records are reference-counted boxed structs, safe to hand between
 * threads; copy takes a reference, free drops one. Treat them as
 * read-only. */

/**
 * PrismAttempt:
 * One HTTP attempt of a request (retries and fallbacks are attempts too).
 * @cost_usd is NAN when the cost is not known; @usage.known is %FALSE
 * when the provider reported no usage.
 */
typedef struct
{
  gint64           id;
  char            *message_id;
  char            *model;
  char            *provider;
  guint            http_status;       /* 0: no response */
  char            *error_kind;        /* NULL, or a PRISM_ERROR kind */
  char            *error_message;
  PrismUsage       usage;
  double           cost_usd;
  PrismCostSource  cost_source;
  PrismPrices      prices;            /* the prices the cost was computed with */
  double           ttft_ms;           /* NAN when no token arrived */
  double           latency_ms;
  gint64           started_at;        /* µs since the epoch, UTC */
  gint64           project_id;
} PrismAttempt;

typedef struct
{
  char               *id;
  char               *conversation_id;
  char               *parent_id;
  char               *role;           /* system, user, assistant, tool */
  char               *content;
  char               *reasoning;
  char               *attachments;    /* JSON text, or NULL */
  char               *model;
  PrismMessageStatus  status;
  char               *error;
  char               *comparison_id;
  gint64              created_at;     /* µs since the epoch, UTC */
  /* Sums over the attempts below */
  PrismUsage          usage;
  double              cost_usd;       /* NAN when no attempt had a known cost */
  guint               unknown_cost_attempts;
  GPtrArray          *attempts;       /* of PrismAttempt */
} PrismMessage;

typedef struct
{
  char      *id;
  char      *parent_id;               /* the prompt the answers reply to */
  char      *winner_id;               /* last vote; NULL when none or a tie */
  guint      votes;
  gint64     created_at;
} PrismComparison;

typedef struct
{
  char      *id;
  char      *title;
  gint64     project_id;
  char      *project;
  gboolean   pinned;
  char     **models;
  gint64     created_at;
  gint64     updated_at;
  guint      n_messages;
  double     cost_usd;                /* NAN when nothing had a known cost */
  GPtrArray *messages;                /* of PrismMessage, oldest first; NULL in lists */
  GPtrArray *comparisons;             /* of PrismComparison; NULL in lists */
} PrismConversation;

typedef struct
{
  char      *conversation_id;
  char      *title;
  char      *message_id;
  char      *snippet;                 /* matches between PRISM_STORE_MATCH_START/END */
  gint64     updated_at;
} PrismSearchHit;

typedef struct
{
  char      *key;                     /* model, provider, project or day */
  char      *day;                     /* YYYY-MM-DD in per-day series, else NULL */
  gint64     requests;
  gint64     unknown_cost_requests;   /* not summed into cost_usd */
  gint64     input_tokens;
  gint64     cached_input_tokens;
  gint64     cache_write_tokens;
  gint64     output_tokens;
  gint64     reasoning_tokens;
  double     cost_usd;                /* sum of the known costs */
} PrismSpendRow;

typedef struct
{
  gint64     id;
  char      *name;
  guint      n_conversations;
} PrismProject;

typedef struct
{
  gint64     id;
  char      *scope;                   /* all, provider, model, project */
  char      *target;                  /* provider id, model id, project name; NULL for all */
  char      *period;                  /* day, month */
  double     limit_usd;
  char      *action;                  /* warn, block */
} PrismBudget;

/**
 * PrismVoteMatch:
 * One judgement between two models' answers, read from the votes: a
 * winner marked among a comparison's answers beats each other answer; a
 * blind vote is between the two answers shown; a tie marks every pair of
 * the comparison even. Answers of the same model are not matched.
 */
typedef struct
{
  char      *winner;                  /* a model; with @tie, either side */
  char      *loser;
  gboolean   tie;
} PrismVoteMatch;

#define PRISM_TYPE_ATTEMPT      (prism_attempt_get_type ())
#define PRISM_TYPE_MESSAGE      (prism_message_get_type ())
#define PRISM_TYPE_COMPARISON   (prism_comparison_get_type ())
#define PRISM_TYPE_CONVERSATION (prism_conversation_get_type ())
#define PRISM_TYPE_SEARCH_HIT   (prism_search_hit_get_type ())
#define PRISM_TYPE_SPEND_ROW    (prism_spend_row_get_type ())
#define PRISM_TYPE_BUDGET       (prism_budget_get_type ())
#define PRISM_TYPE_PROJECT      (prism_project_get_type ())
#define PRISM_TYPE_VOTE_MATCH   (prism_vote_match_get_type ())

GType              prism_attempt_get_type        (void) G_GNUC_CONST;
PrismAttempt      *prism_attempt_new             (void);
PrismAttempt      *prism_attempt_copy            (PrismAttempt            *attempt);
void               prism_attempt_free            (PrismAttempt            *attempt);

GType              prism_message_get_type        (void) G_GNUC_CONST;
PrismMessage      *prism_message_copy            (PrismMessage            *message);
void               prism_message_free            (PrismMessage            *message);
const char        *prism_message_status_to_string   (PrismMessageStatus  status);
gboolean           prism_message_status_from_string (const char         *str,
                                                     PrismMessageStatus *status);

GType              prism_comparison_get_type     (void) G_GNUC_CONST;
PrismComparison   *prism_comparison_copy         (PrismComparison         *comparison);
void               prism_comparison_free         (PrismComparison         *comparison);

GType              prism_conversation_get_type   (void) G_GNUC_CONST;
PrismConversation *prism_conversation_copy       (PrismConversation       *conversation);
void               prism_conversation_free       (PrismConversation       *conversation);
PrismMessage      *prism_conversation_find_message  (PrismConversation *conversation,
                                                     const char        *message_id);
GPtrArray         *prism_conversation_get_path      (PrismConversation *conversation,
                                                     const char        *leaf_id);
GPtrArray         *prism_conversation_get_siblings  (PrismConversation *conversation,
                                                     const char        *message_id);

GType              prism_search_hit_get_type     (void) G_GNUC_CONST;
PrismSearchHit    *prism_search_hit_copy         (PrismSearchHit          *hit);
void               prism_search_hit_free         (PrismSearchHit          *hit);
char              *prism_search_hit_get_snippet_markup (PrismSearchHit    *hit);

GType              prism_spend_row_get_type      (void) G_GNUC_CONST;
PrismSpendRow     *prism_spend_row_copy          (PrismSpendRow           *row);
void               prism_spend_row_free          (PrismSpendRow           *row);

GType              prism_budget_get_type         (void) G_GNUC_CONST;
PrismBudget       *prism_budget_copy             (PrismBudget             *budget);
void               prism_budget_free             (PrismBudget             *budget);

GType              prism_project_get_type        (void) G_GNUC_CONST;
PrismProject      *prism_project_copy            (PrismProject            *project);
void               prism_project_free            (PrismProject            *project);

GType              prism_vote_match_get_type     (void) G_GNUC_CONST;
PrismVoteMatch    *prism_vote_match_copy         (PrismVoteMatch          *match);
void               prism_vote_match_free         (PrismVoteMatch          *match);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrismAttempt, prism_attempt_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrismMessage, prism_message_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrismComparison, prism_comparison_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrismConversation, prism_conversation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrismSearchHit, prism_search_hit_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrismSpendRow, prism_spend_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrismBudget, prism_budget_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrismProject, prism_project_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrismVoteMatch, prism_vote_match_free)

#define PRISM_TYPE_STORE (prism_store_get_type ())

G_DECLARE_FINAL_TYPE (PrismStore, prism_store, PRISM, STORE, GObject)

/* Opening. @path NULL means $XDG_DATA_HOME/prism/history.db. */
PrismStore  *prism_store_open                (const char           *path,
                                              GError              **error);
PrismStore  *prism_store_open_fresh_beside   (const char           *path,
                                              char                **moved_to,
                                              GError              **error);
void         prism_store_open_async          (const char           *path,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
PrismStore  *prism_store_open_finish         (GAsyncResult         *result,
                                              GError              **error);
const char  *prism_store_get_path            (PrismStore           *self);
guint        prism_store_get_recovered       (PrismStore           *self);

/* Projects */
gint64       prism_store_create_project      (PrismStore           *self,
                                              const char           *name,
                                              GError              **error);
GPtrArray   *prism_store_list_projects       (PrismStore           *self,
                                              GError              **error);
void         prism_store_list_projects_async (PrismStore           *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GPtrArray   *prism_store_list_projects_finish (PrismStore          *self,
                                               GAsyncResult        *result,
                                               GError             **error);
gboolean     prism_store_rename_project      (PrismStore           *self,
                                              gint64                id,
                                              const char           *name,
                                              GError              **error);
gboolean     prism_store_delete_project      (PrismStore           *self,
                                              gint64                id,
                                              GError              **error);

/* Conversations */
PrismConversation *prism_store_create_conversation (PrismStore          *self,
                                                    const char          *title,
                                                    gint64               project_id,
                                                    const char * const  *models,
                                                    GError             **error);
GPtrArray   *prism_store_list_conversations  (PrismStore           *self,
                                              guint                 limit,
                                              GError              **error);
GPtrArray   *prism_store_list_conversations_after (PrismStore              *self,
                                                   const PrismConversation *after,
                                                   guint                    limit,
                                                   GError                 **error);
PrismConversation *prism_store_get_conversation    (PrismStore          *self,
                                                    const char          *id,
                                                    GError             **error);
gboolean     prism_store_rename_conversation (PrismStore           *self,
                                              const char           *id,
                                              const char           *title,
                                              GError              **error);
gboolean     prism_store_set_pinned          (PrismStore           *self,
                                              const char           *id,
                                              gboolean              pinned,
                                              GError              **error);
gboolean     prism_store_move_conversation   (PrismStore           *self,
                                              const char           *id,
                                              gint64                project_id,
                                              GError              **error);
gboolean     prism_store_forget_before       (PrismStore           *self,
                                              gint64                before,
                                              guint                *n_deleted,
                                              GError              **error);
void         prism_store_forget_before_async (PrismStore           *self,
                                              gint64                before,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean     prism_store_forget_before_finish (PrismStore          *self,
                                               GAsyncResult        *result,
                                               guint               *n_deleted,
                                               GError             **error);
gboolean     prism_store_delete_conversation (PrismStore           *self,
                                              const char           *id,
                                              GError              **error);

void         prism_store_create_conversation_async  (PrismStore          *self,
                                                    const char          *title,
                                                    gint64               project_id,
                                                    const char * const  *models,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
PrismConversation *prism_store_create_conversation_finish (PrismStore   *self,
                                                           GAsyncResult *result,
                                                           GError      **error);
void         prism_store_change_conversation_async  (PrismStore               *self,
                                                    const char               *id,
                                                    PrismConversationChange   kind,
                                                    const char               *title,
                                                    gint64                    value,
                                                    GCancellable             *cancellable,
                                                    GAsyncReadyCallback       callback,
                                                    gpointer                  user_data);
gboolean     prism_store_change_conversation_finish (PrismStore          *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void         prism_store_list_conversations_async (PrismStore          *self,
                                                   guint                limit,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
void         prism_store_list_conversations_after_async (PrismStore              *self,
                                                         const PrismConversation *after,
                                                         guint                    limit,
                                                         GCancellable            *cancellable,
                                                         GAsyncReadyCallback      callback,
                                                         gpointer                 user_data);
GPtrArray   *prism_store_list_conversations_finish (PrismStore         *self,
                                                    GAsyncResult       *result,
                                                    GError            **error);
void         prism_store_get_conversation_async    (PrismStore          *self,
                                                    const char          *id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
PrismConversation *prism_store_get_conversation_finish (PrismStore     *self,
                                                        GAsyncResult   *result,
                                                        GError        **error);

/* Messages */
char        *prism_store_add_message         (PrismStore           *self,
                                              const char           *conversation_id,
                                              const char           *parent_id,
                                              const char           *role,
                                              const char           *content,
                                              const char           *attachments,
                                              const char           *model,
                                              GError              **error);
void         prism_store_add_message_async   (PrismStore           *self,
                                              const char           *conversation_id,
                                              const char           *parent_id,
                                              const char           *role,
                                              const char           *content,
                                              const char           *attachments,
                                              const char           *model,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
char        *prism_store_add_message_finish  (PrismStore           *self,
                                              GAsyncResult         *result,
                                              GError              **error);
char        *prism_store_create_comparison   (PrismStore           *self,
                                              const char           *conversation_id,
                                              const char           *parent_id,
                                              GError              **error);
gboolean     prism_store_vote                (PrismStore           *self,
                                              const char           *comparison_id,
                                              const char           *winner_id,
                                              GError              **error);
gboolean     prism_store_vote_pair           (PrismStore           *self,
                                              const char           *comparison_id,
                                              const char           *winner_id,
                                              const char           *loser_id,
                                              GError              **error);
GPtrArray   *prism_store_list_vote_matches   (PrismStore           *self,
                                              GError              **error);

/* Streaming: the row is written at once, deltas at most every 250 ms
 * in one transaction (sooner when much text is waiting). */
char        *prism_store_begin_message       (PrismStore           *self,
                                              const char           *conversation_id,
                                              const char           *parent_id,
                                              const char           *model,
                                              const char           *comparison_id);
void         prism_store_append              (PrismStore           *self,
                                              const char           *message_id,
                                              PrismStreamDelta      kind,
                                              const char           *text);
gboolean     prism_store_finish_message      (PrismStore           *self,
                                              const char           *message_id,
                                              PrismMessageStatus    status,
                                              const char           *error_text,
                                              const PrismAttempt   *attempt,
                                              GError              **error);
void         prism_store_finish_message_async  (PrismStore          *self,
                                                const char          *message_id,
                                                PrismMessageStatus   status,
                                                const char          *error_text,
                                                const PrismAttempt  *attempt,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean     prism_store_finish_message_finish (PrismStore          *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* Attempts */
gint64       prism_store_record_attempt      (PrismStore           *self,
                                              const PrismAttempt   *attempt,
                                              GError              **error);

void         prism_store_record_attempt_async  (PrismStore          *self,
                                                const PrismAttempt  *attempt,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gint64       prism_store_record_attempt_finish (PrismStore          *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* Search */
GPtrArray   *prism_store_search              (PrismStore           *self,
                                              const char           *text,
                                              guint                 limit,
                                              GError              **error);
void         prism_store_search_async        (PrismStore           *self,
                                              const char           *text,
                                              guint                 limit,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GPtrArray   *prism_store_search_finish       (PrismStore           *self,
                                              GAsyncResult         *result,
                                              GError              **error);

/* Spend; days are local dates, YYYY-MM-DD, both ends included, NULL for open */
GPtrArray   *prism_store_query_spend         (PrismStore           *self,
                                              PrismSpendGroup       by,
                                              gboolean              per_day,
                                              const char           *since,
                                              const char           *until,
                                              GError              **error);
void         prism_store_query_spend_async   (PrismStore           *self,
                                              PrismSpendGroup       by,
                                              gboolean              per_day,
                                              const char           *since,
                                              const char           *until,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GPtrArray   *prism_store_query_spend_finish  (PrismStore           *self,
                                              GAsyncResult         *result,
                                              GError              **error);
PrismSpendRow *prism_store_get_total         (PrismStore           *self,
                                              const char           *since,
                                              const char           *until,
                                              GError              **error);
PrismSpendRow *prism_store_get_month_total   (PrismStore           *self,
                                              GError              **error);
void         prism_store_get_budget_spend_async  (PrismStore          *self,
                                                  const PrismBudget   *budget,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
PrismSpendRow *prism_store_get_budget_spend_finish (PrismStore        *self,
                                                    GAsyncResult      *result,
                                                    GError           **error);

/* Budgets */
gint64       prism_store_add_budget          (PrismStore           *self,
                                              const char           *scope,
                                              const char           *target,
                                              const char           *period,
                                              double                limit_usd,
                                              const char           *action,
                                              GError              **error);
GPtrArray   *prism_store_list_budgets        (PrismStore           *self,
                                              GError              **error);
gboolean     prism_store_update_budget       (PrismStore           *self,
                                              gint64                id,
                                              double                limit_usd,
                                              const char           *action,
                                              GError              **error);
gboolean     prism_store_delete_budget       (PrismStore           *self,
                                              gint64                id,
                                              GError              **error);
PrismSpendRow *prism_store_get_budget_spend  (PrismStore           *self,
                                              const PrismBudget    *budget,
                                              GError              **error);

/* Export and import */
char        *prism_store_export_json         (PrismStore           *self,
                                              const char           *conversation_id,
                                              GError              **error);
char        *prism_store_export_markdown     (PrismStore           *self,
                                              const char           *conversation_id,
                                              GError              **error);
void         prism_store_export_json_async   (PrismStore           *self,
                                              const char           *conversation_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
char        *prism_store_export_json_finish  (PrismStore           *self,
                                              GAsyncResult         *result,
                                              GError              **error);
void         prism_store_import_json_async   (PrismStore           *self,
                                              GBytes               *json,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean     prism_store_import_json_finish  (PrismStore           *self,
                                              GAsyncResult         *result,
                                              guint                *n_imported,
                                              guint                *n_skipped,
                                              GError              **error);
gboolean     prism_store_import_json         (PrismStore           *self,
                                              const char           *json,
                                              gssize                length,
                                              guint                *n_imported,
                                              guint                *n_skipped,
                                              GError              **error);

G_END_DECLS
