/* prism-store-import.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-store"

#include "config.h"

#include <string.h>

#include <math.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "prism-store-private.h"

#include "prism-error.h"

/* An import is read and checked whole before anything is written, then
 * written in one transaction: a file with one bad field changes nothing,
 * and the error names the field (conversations[2].messages[5].role). */

typedef struct
{
  char   *comparison_id;
  char   *winner_id;
  char   *loser_id;
  gint64  created_at;
} Vote;

typedef struct
{
  GPtrArray *conversations;   /* of PrismConversation */
  GPtrArray *votes;           /* of Vote */
  GPtrArray *attempts;        /* of PrismAttempt without a message */
  guint      imported;
  guint      skipped;
} Import;

static void
vote_free (Vote *vote)
{
  g_free (vote->comparison_id);
  g_free (vote->winner_id);
  g_free (vote->loser_id);
  g_free (vote);
}

static void
import_free (Import *import)
{
  g_ptr_array_unref (import->conversations);
  g_ptr_array_unref (import->votes);
  g_ptr_array_unref (import->attempts);
  g_free (import);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Import, import_free)

static gboolean G_GNUC_PRINTF (3, 4)
invalid (GError     **error,
         const char  *where,
         const char  *format,
         ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, PRISM_ERROR, PRISM_ERROR_STORE,
               _("Cannot import this file, nothing was changed: %s: %s"), where, what);
  return FALSE;
}

static JsonNode *
member (JsonObject *object,
        const char *name)
{
  return json_object_has_member (object, name) ? json_object_get_member (object, name) : NULL;
}

static gboolean
read_string (JsonObject  *object,
             const char  *where,
             const char  *name,
             gboolean     nullable,
             char       **out,
             GError     **error)
{
  JsonNode *node = member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (nullable)
        return TRUE;
      return invalid (error, where, _("“%s” is missing"), name);
    }

  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, where, _("“%s” must be a string"), name);

  *out = g_strdup (json_node_get_string (node));

  return TRUE;
}

static gboolean
read_uuid (JsonObject  *object,
           const char  *where,
           const char  *name,
           gboolean     nullable,
           char       **out,
           GError     **error)
{
  if (!read_string (object, where, name, nullable, out, error))
    return FALSE;

  if (*out != NULL && !g_uuid_string_is_valid (*out))
    return invalid (error, where, _("“%s” must be a UUID, not “%s”"), name, *out);

  return TRUE;
}

static gboolean
read_time (JsonObject  *object,
           const char  *where,
           const char  *name,
           gint64      *out,
           GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) time = NULL;

  if (!read_string (object, where, name, FALSE, &text, error))
    return FALSE;

  time = g_date_time_new_from_iso8601 (text, NULL);
  if (time == NULL)
    return invalid (error, where, _("“%s” must be an ISO 8601 time, not “%s”"), name, text);

  *out = g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);

  return TRUE;
}

static gboolean
read_number (JsonObject  *object,
             const char  *where,
             const char  *name,
             double      *out,
             GError     **error)
{
  JsonNode *node = member (object, name);
  GType type;

  *out = NAN;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  type = json_node_get_value_type (node);
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return invalid (error, where, _("“%s” must be a number or null"), name);

  *out = json_node_get_double (node);
  if (*out < 0 || isinf (*out))
    return invalid (error, where, _("“%s” must not be negative"), name);

  return TRUE;
}

static gboolean
read_usage (JsonObject  *object,
            const char  *where,
            PrismUsage  *usage,
            GError     **error)
{
  static const char * const fields[] = {
    "input_tokens", "cached_input_tokens", "cache_write_tokens", "output_tokens", "reasoning_tokens",
  };
  gint64 *values[] = {
    &usage->input_tokens, &usage->cached_input_tokens, &usage->cache_write_tokens,
    &usage->output_tokens, &usage->reasoning_tokens,
  };
  g_autofree char *inner = g_strdup_printf ("%s.usage", where);
  JsonNode *node = member (object, "usage");
  JsonObject *usage_object;

  usage->known = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, where, _("“usage” must be an object or null"));

  usage_object = json_node_get_object (node);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      JsonNode *field = member (usage_object, fields[i]);

      if (field == NULL || json_node_get_value_type (field) != G_TYPE_INT64 ||
          json_node_get_int (field) < 0)
        return invalid (error, inner, _("“%s” must be a whole number, zero or more"), fields[i]);
      *values[i] = json_node_get_int (field);
    }
  usage->known = TRUE;

  return TRUE;
}

static PrismAttempt *
read_attempt (JsonNode    *node,
              const char  *where,
              GError     **error)
{
  g_autoptr(PrismAttempt) attempt = prism_attempt_new ();
  g_autofree char *source = NULL;
  g_autofree char *prices_where = g_strdup_printf ("%s.prices", where);
  JsonObject *object;
  JsonNode *field;
  PrismErrorCode code;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, where, _("an attempt must be an object")), NULL;
  object = json_node_get_object (node);

  if (!read_string (object, where, "model", FALSE, &attempt->model, error) ||
      !read_string (object, where, "provider", TRUE, &attempt->provider, error) ||
      !read_usage (object, where, &attempt->usage, error) ||
      !read_number (object, where, "cost_usd", &attempt->cost_usd, error) ||
      !read_string (object, where, "cost_source", FALSE, &source, error) ||
      !read_number (object, where, "ttft_ms", &attempt->ttft_ms, error) ||
      !read_number (object, where, "latency_ms", &attempt->latency_ms, error) ||
      !read_time (object, where, "started_at", &attempt->started_at, error))
    return NULL;

  if (strchr (attempt->model, ':') == NULL)
    return invalid (error, where, _("“model” must be PROVIDER:MODEL, not “%s”"), attempt->model), NULL;

  if (!prism_cost_source_from_string (source, &attempt->cost_source))
    return invalid (error, where, _("“cost_source” cannot be “%s”"), source), NULL;

  if (!isnan (attempt->cost_usd) && attempt->cost_source == PRISM_COST_SOURCE_UNKNOWN)
    return invalid (error, where, _("a cost needs a “cost_source” other than unknown")), NULL;

  field = member (object, "status");
  if (field != NULL && !JSON_NODE_HOLDS_NULL (field))
    {
      if (json_node_get_value_type (field) != G_TYPE_INT64 ||
          json_node_get_int (field) < 100 || json_node_get_int (field) > 599)
        return invalid (error, where, _("“status” must be an HTTP status or null")), NULL;
      attempt->http_status = json_node_get_int (field);
    }

  field = member (object, "error");
  if (field != NULL && !JSON_NODE_HOLDS_NULL (field))
    {
      g_autofree char *error_where = g_strdup_printf ("%s.error", where);

      if (!JSON_NODE_HOLDS_OBJECT (field))
        return invalid (error, where, _("“error” must be an object or null")), NULL;
      if (!read_string (json_node_get_object (field), error_where, "kind", TRUE, &attempt->error_kind, error) ||
          !read_string (json_node_get_object (field), error_where, "message", TRUE, &attempt->error_message, error))
        return NULL;
      if (attempt->error_kind != NULL && !prism_error_kind_from_string (attempt->error_kind, &code))
        return invalid (error, error_where, _("“kind” cannot be “%s”"), attempt->error_kind), NULL;
    }

  field = member (object, "prices");
  if (field != NULL && !JSON_NODE_HOLDS_NULL (field))
    {
      JsonObject *prices;

      if (!JSON_NODE_HOLDS_OBJECT (field))
        return invalid (error, where, _("“prices” must be an object or null")), NULL;
      prices = json_node_get_object (field);
      if (!read_number (prices, prices_where, "input", &attempt->prices.input, error) ||
          !read_number (prices, prices_where, "output", &attempt->prices.output, error) ||
          !read_number (prices, prices_where, "cached_input", &attempt->prices.cached_input, error) ||
          !read_number (prices, prices_where, "cache_write", &attempt->prices.cache_write, error))
        return NULL;
    }
  attempt->prices.source = attempt->cost_source;

  return g_steal_pointer (&attempt);
}

static JsonArray *
read_array (JsonObject  *object,
            const char  *where,
            const char  *name,
            gboolean     optional,
            GError     **error)
{
  JsonNode *node = member (object, name);

  if (node == NULL && optional)
    return NULL;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      invalid (error, where, _("“%s” must be an array"), name);
      return NULL;
    }

  return json_node_get_array (node);
}

static PrismMessage *
read_message (JsonNode     *node,
              const char   *where,
              const char   *conversation_id,
              GHashTable   *ids,
              GHashTable   *comparison_ids,
              GError      **error)
{
  static const char * const roles[] = { "system", "user", "assistant", "tool", NULL };
  g_autoptr(PrismMessage) message = _prism_message_new ();
  g_autofree char *status = NULL;
  JsonObject *object;
  JsonArray *attempts;
  JsonNode *attachments;
  PrismUsage usage;
  double cost;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, where, _("a message must be an object")), NULL;
  object = json_node_get_object (node);

  if (!read_uuid (object, where, "id", FALSE, &message->id, error) ||
      !read_uuid (object, where, "parent_id", TRUE, &message->parent_id, error) ||
      !read_string (object, where, "role", FALSE, &message->role, error) ||
      !read_string (object, where, "content", FALSE, &message->content, error) ||
      !read_string (object, where, "reasoning", TRUE, &message->reasoning, error) ||
      !read_string (object, where, "model", TRUE, &message->model, error) ||
      !read_string (object, where, "status", FALSE, &status, error) ||
      !read_string (object, where, "error", TRUE, &message->error, error) ||
      !read_uuid (object, where, "comparison_id", TRUE, &message->comparison_id, error) ||
      !read_time (object, where, "created_at", &message->created_at, error))
    return NULL;

  /* A message's usage and cost are sums over its attempts, so they are
   * not read back, but a damaged one still makes the file malformed. */
  if (!read_usage (object, where, &usage, error) ||
      !read_number (object, where, "cost_usd", &cost, error))
    return NULL;

  if (!g_strv_contains (roles, message->role))
    return invalid (error, where, _("“role” cannot be “%s”"), message->role), NULL;

  if (!prism_message_status_from_string (status, &message->status) ||
      message->status == PRISM_MESSAGE_STATUS_STREAMING)
    return invalid (error, where, _("“status” cannot be “%s”"), status), NULL;

  if (g_hash_table_contains (ids, message->id))
    return invalid (error, where, _("message %s appears twice"), message->id), NULL;

  if (message->parent_id != NULL && !g_hash_table_contains (ids, message->parent_id))
    return invalid (error, where, _("its parent %s is not an earlier message of the conversation"),
                    message->parent_id), NULL;

  if (message->comparison_id != NULL && !g_hash_table_contains (comparison_ids, message->comparison_id))
    return invalid (error, where, _("its comparison %s is not in the conversation"),
                    message->comparison_id), NULL;

  attachments = member (object, "attachments");
  if (attachments != NULL && !JSON_NODE_HOLDS_NULL (attachments))
    {
      if (!JSON_NODE_HOLDS_ARRAY (attachments))
        return invalid (error, where, _("“attachments” must be an array or null")), NULL;
      message->attachments = json_to_string (attachments, FALSE);
    }

  message->conversation_id = g_strdup (conversation_id);

  attempts = read_array (object, where, "attempts", TRUE, error);
  if (attempts == NULL && member (object, "attempts") != NULL)
    return NULL;
  for (guint i = 0; attempts != NULL && i < json_array_get_length (attempts); i++)
    {
      g_autofree char *inner = g_strdup_printf ("%s.attempts[%u]", where, i);
      PrismAttempt *attempt = read_attempt (json_array_get_element (attempts, i), inner, error);

      if (attempt == NULL)
        return NULL;
      attempt->message_id = g_strdup (message->id);
      g_ptr_array_add (message->attempts, attempt);
    }

  g_hash_table_add (ids, message->id);

  return g_steal_pointer (&message);
}

static gboolean
read_comparisons (JsonObject         *object,
                  const char         *where,
                  PrismConversation  *conversation,
                  GHashTable         *comparison_ids,
                  GPtrArray          *votes,
                  GError            **error)
{
  JsonArray *array = read_array (object, where, "comparisons", TRUE, error);

  if (array == NULL)
    return member (object, "comparisons") == NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *inner = g_strdup_printf ("%s.comparisons[%u]", where, i);
      g_autoptr(PrismComparison) comparison = _prism_comparison_new ();
      JsonNode *node = json_array_get_element (array, i);
      JsonArray *vote_array;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, inner, _("a comparison must be an object"));

      object = json_node_get_object (node);
      if (!read_uuid (object, inner, "id", FALSE, &comparison->id, error) ||
          !read_uuid (object, inner, "parent_id", TRUE, &comparison->parent_id, error) ||
          !read_time (object, inner, "created_at", &comparison->created_at, error))
        return FALSE;

      vote_array = read_array (object, inner, "votes", TRUE, error);
      if (vote_array == NULL && member (object, "votes") != NULL)
        return FALSE;
      for (guint j = 0; vote_array != NULL && j < json_array_get_length (vote_array); j++)
        {
          g_autofree char *vote_where = g_strdup_printf ("%s.votes[%u]", inner, j);
          JsonNode *vote_node = json_array_get_element (vote_array, j);
          Vote *vote;

          if (!JSON_NODE_HOLDS_OBJECT (vote_node))
            return invalid (error, vote_where, _("a vote must be an object"));

          vote = g_new0 (Vote, 1);
          g_ptr_array_add (votes, vote);
          vote->comparison_id = g_strdup (comparison->id);
          if (!read_uuid (json_node_get_object (vote_node), vote_where, "winner_id", TRUE,
                          &vote->winner_id, error) ||
              !read_uuid (json_node_get_object (vote_node), vote_where, "loser_id", TRUE,
                          &vote->loser_id, error) ||
              !read_time (json_node_get_object (vote_node), vote_where, "created_at",
                          &vote->created_at, error))
            return FALSE;
        }

      g_hash_table_add (comparison_ids, g_strdup (comparison->id));
      g_ptr_array_add (conversation->comparisons, g_steal_pointer (&comparison));
    }

  return TRUE;
}

static PrismConversation *
read_conversation (JsonNode    *node,
                   const char  *where,
                   GPtrArray   *votes,
                   GError     **error)
{
  g_autoptr(PrismConversation) conversation = _prism_conversation_new ();
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) comparison_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GStrvBuilder) models = g_strv_builder_new ();
  JsonObject *object;
  JsonArray *array;
  JsonNode *pinned;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, where, _("a conversation must be an object")), NULL;
  object = json_node_get_object (node);

  conversation->messages = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_message_free);
  conversation->comparisons = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_comparison_free);

  if (!read_uuid (object, where, "id", FALSE, &conversation->id, error) ||
      !read_string (object, where, "title", FALSE, &conversation->title, error) ||
      !read_string (object, where, "project", TRUE, &conversation->project, error) ||
      !read_time (object, where, "created_at", &conversation->created_at, error) ||
      !read_time (object, where, "updated_at", &conversation->updated_at, error))
    return NULL;

  pinned = member (object, "pinned");
  if (pinned != NULL && json_node_get_value_type (pinned) != G_TYPE_BOOLEAN)
    return invalid (error, where, _("“pinned” must be true or false")), NULL;
  conversation->pinned = pinned != NULL && json_node_get_boolean (pinned);

  array = read_array (object, where, "models", FALSE, error);
  if (array == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *model = json_array_get_element (array, i);

      if (json_node_get_value_type (model) != G_TYPE_STRING)
        return invalid (error, where, _("“models” must hold strings")), NULL;
      g_strv_builder_add (models, json_node_get_string (model));
    }
  conversation->models = g_strv_builder_end (models);

  if (!read_comparisons (object, where, conversation, comparison_ids, votes, error))
    return NULL;

  array = read_array (object, where, "messages", FALSE, error);
  if (array == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *inner = g_strdup_printf ("%s.messages[%u]", where, i);
      PrismMessage *message = read_message (json_array_get_element (array, i), inner,
                                            conversation->id, ids, comparison_ids, error);

      if (message == NULL)
        return NULL;
      g_ptr_array_add (conversation->messages, message);
    }

  for (guint i = 0; i < votes->len; i++)
    {
      Vote *vote = g_ptr_array_index (votes, i);

      if (g_hash_table_contains (comparison_ids, vote->comparison_id) &&
          vote->winner_id != NULL && !g_hash_table_contains (ids, vote->winner_id))
        return invalid (error, where, _("a vote names %s, which is not one of its messages"),
                        vote->winner_id), NULL;
      if (g_hash_table_contains (comparison_ids, vote->comparison_id) &&
          vote->loser_id != NULL && !g_hash_table_contains (ids, vote->loser_id))
        return invalid (error, where, _("a vote names %s, which is not one of its messages"),
                        vote->loser_id), NULL;
    }

  return g_steal_pointer (&conversation);
}

static Import *
read_import (const char  *json,
             gssize       length,
             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(Import) import = g_new0 (Import, 1);
  g_autoptr(GError) parse_error = NULL;
  JsonObject *root;
  JsonArray *array;

  import->conversations = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_conversation_free);
  import->votes = g_ptr_array_new_with_free_func ((GDestroyNotify)vote_free);
  import->attempts = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_attempt_free);

  /* JSON is UTF-8; anything else is refused before the parser can quote
   * its bytes back into an error message.
   */
  if (!g_utf8_validate_len (json, length < 0 ? strlen (json) : (gsize)length, NULL))
    return invalid (error, _("the file"), _("it is not UTF-8 text, so it cannot be a Prism export")), NULL;

  if (!json_parser_load_from_data (parser, json, length, &parse_error))
    {
      g_autofree char *reason = g_utf8_make_valid (parse_error->message, -1);

      return invalid (error, _("the file"), _("it is not JSON (%s)"), reason), NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return invalid (error, _("the file"), _("it is not a Prism export: the top level must be an object")), NULL;
  root = json_node_get_object (json_parser_get_root (parser));

  /* One conversation, as exported by `prism-cli export ID` */
  if (!json_object_has_member (root, "prism_export"))
    {
      PrismConversation *conversation;

      if (!json_object_has_member (root, "messages"))
        return invalid (error, _("the file"),
                        _("it is not a Prism export: it has neither “prism_export” nor “messages”")), NULL;

      conversation = read_conversation (json_parser_get_root (parser), "conversation", import->votes, error);
      if (conversation == NULL)
        return NULL;
      g_ptr_array_add (import->conversations, conversation);
      return g_steal_pointer (&import);
    }

  if (json_node_get_value_type (json_object_get_member (root, "prism_export")) != G_TYPE_INT64 ||
      json_object_get_int_member (root, "prism_export") != 1)
    return invalid (error, "prism_export", _("this Prism reads version 1 exports only")), NULL;

  array = read_array (root, _("the file"), "conversations", FALSE, error);
  if (array == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *where = g_strdup_printf ("conversations[%u]", i);
      PrismConversation *conversation = read_conversation (json_array_get_element (array, i),
                                                           where, import->votes, error);

      if (conversation == NULL)
        return NULL;
      g_ptr_array_add (import->conversations, conversation);
    }

  array = read_array (root, _("the file"), "attempts", TRUE, error);
  if (array == NULL && json_object_has_member (root, "attempts"))
    return NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *where = g_strdup_printf ("attempts[%u]", i);
      PrismAttempt *attempt = read_attempt (json_array_get_element (array, i), where, error);

      if (attempt == NULL)
        return NULL;
      g_ptr_array_add (import->attempts, attempt);
    }

  return g_steal_pointer (&import);
}

static gboolean
step_done (sqlite3       *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _prism_store_fail (db, rc, error);

  return TRUE;
}

static gboolean
insert_conversation (sqlite3            *db,
                     PrismConversation  *conversation,
                     GPtrArray          *votes,
                     gboolean           *skipped,
                     GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) models = NULL;
  g_autofree char *models_json = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; conversation->models[i] != NULL; i++)
    json_builder_add_string_value (builder, conversation->models[i]);
  json_builder_end_array (builder);
  models = json_builder_get_root (builder);
  models_json = json_to_string (models, FALSE);

  stmt = _prism_store_prepare (db,
                               "INSERT INTO projects (name, created_at) VALUES (?1, ?2)"
                               " ON CONFLICT (name) DO NOTHING",
                               error);
  if (stmt == NULL)
    return FALSE;
  _prism_store_bind_text (stmt, 1, conversation->project ? conversation->project : "Default");
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
  if (!step_done (db, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _prism_store_prepare (db,
                               "INSERT INTO conversations (id, title, project_id, pinned, models,"
                               " created_at, updated_at)"
                               " SELECT ?1, ?2, p.id, ?4, ?5, ?6, ?7 FROM projects p WHERE p.name = ?3"
                               " ON CONFLICT (id) DO NOTHING",
                               error);
  if (stmt == NULL)
    return FALSE;
  _prism_store_bind_text (stmt, 1, conversation->id);
  _prism_store_bind_text (stmt, 2, conversation->title);
  _prism_store_bind_text (stmt, 3, conversation->project ? conversation->project : "Default");
  sqlite3_bind_int (stmt, 4, conversation->pinned);
  _prism_store_bind_text (stmt, 5, models_json);
  sqlite3_bind_int64 (stmt, 6, conversation->created_at);
  sqlite3_bind_int64 (stmt, 7, conversation->updated_at);
  if (!step_done (db, stmt, error))
    return FALSE;

  /* Already in the history (imported before): leave it as it is. */
  *skipped = sqlite3_changes (db) == 0;
  if (*skipped)
    return TRUE;
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _prism_store_prepare (db,
                               "INSERT INTO comparisons (id, conversation_id, parent_id, created_at)"
                               " VALUES (?1, ?2, ?3, ?4)",
                               error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < conversation->comparisons->len; i++)
    {
      PrismComparison *comparison = g_ptr_array_index (conversation->comparisons, i);

      _prism_store_bind_text (stmt, 1, comparison->id);
      _prism_store_bind_text (stmt, 2, conversation->id);
      _prism_store_bind_text (stmt, 3, comparison->parent_id);
      sqlite3_bind_int64 (stmt, 4, comparison->created_at);
      if (!step_done (db, stmt, error))
        return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  for (guint i = 0; i < conversation->messages->len; i++)
    {
      PrismMessage *message = g_ptr_array_index (conversation->messages, i);

      if (!_prism_store_insert_message (db, message, error))
        return FALSE;
      for (guint j = 0; j < message->attempts->len; j++)
        if (!_prism_store_insert_attempt (db, g_ptr_array_index (message->attempts, j), NULL, error))
          return FALSE;
    }

  stmt = _prism_store_prepare (db,
                               "INSERT INTO votes (comparison_id, winner_id, created_at, loser_id)"
                               " SELECT ?1, ?2, ?3, ?5 FROM comparisons WHERE id = ?1 AND conversation_id = ?4",
                               error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < votes->len; i++)
    {
      Vote *vote = g_ptr_array_index (votes, i);

      _prism_store_bind_text (stmt, 1, vote->comparison_id);
      _prism_store_bind_text (stmt, 2, vote->winner_id);
      sqlite3_bind_int64 (stmt, 3, vote->created_at);
      _prism_store_bind_text (stmt, 4, conversation->id);
      _prism_store_bind_text (stmt, 5, vote->loser_id);
      if (!step_done (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
import_job (PrismStore  *self,
            sqlite3     *db,
            gpointer     data,
            gpointer    *result,
            GError     **error)
{
  Import *import = data;

  if (!_prism_store_begin (db, error))
    return FALSE;

  for (guint i = 0; i < import->conversations->len; i++)
    {
      gboolean skipped;

      if (!insert_conversation (db, g_ptr_array_index (import->conversations, i),
                                import->votes, &skipped, error))
        goto failed;

      if (skipped)
        import->skipped++;
      else
        import->imported++;
    }

  /* Attempts without a message come only with a whole-history export;
   * a file imported twice would count them twice, so they are only
   * taken into a history that has no such attempts yet. */
  if (import->attempts->len > 0)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      int rc;

      stmt = _prism_store_prepare (db, "SELECT count(*) FROM attempts WHERE message_id IS NULL", error);
      if (stmt == NULL)
        goto failed;
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          _prism_store_fail (db, rc, error);
          goto failed;
        }

      for (guint i = 0; sqlite3_column_int64 (stmt, 0) == 0 && i < import->attempts->len; i++)
        if (!_prism_store_insert_attempt (db, g_ptr_array_index (import->attempts, i), NULL, error))
          goto failed;
    }

  return _prism_store_commit (db, error);

failed:
  _prism_store_rollback (db);
  return FALSE;
}

/* Reading happens on the worker too: a whole history is big. The result
 * is the two counts, imported and skipped. */
static gboolean
read_and_import_job (PrismStore  *self,
                     sqlite3     *db,
                     gpointer     data,
                     gpointer    *result,
                     GError     **error)
{
  g_autoptr(Import) import = NULL;
  gpointer done = NULL;
  guint counts[2];
  gsize length;
  const char *json = g_bytes_get_data (data, &length);

  import = read_import (json, length, error);
  if (import == NULL || !import_job (self, db, import, &done, error))
    return FALSE;

  counts[0] = import->imported;
  counts[1] = import->skipped;
  *result = g_memdup2 (counts, sizeof counts);

  return TRUE;
}

/**
 * prism_store_import_json:
 * @json: what prism_store_export_json() wrote
 * @length: its length, or -1 when NUL-terminated
 * @n_imported: (out) (optional): how many conversations were added
 * @n_skipped: (out) (optional): how many were in the history already
 *
 * Reads a whole export, checks every field, and adds it in one
 * transaction. A malformed file changes nothing and the error says what
 * is wrong and where.
 */
gboolean
prism_store_import_json (PrismStore  *self,
                         const char  *json,
                         gssize       length,
                         guint       *n_imported,
                         guint       *n_skipped,
                         GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree guint *counts = NULL;

  g_return_val_if_fail (PRISM_IS_STORE (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  bytes = g_bytes_new_static (json, length < 0 ? strlen (json) : (gsize)length);
  if (!_prism_store_run (self, read_and_import_job, bytes, (gpointer *)&counts, error))
    return FALSE;

  if (n_imported != NULL)
    *n_imported = counts[0];
  if (n_skipped != NULL)
    *n_skipped = counts[1];

  return TRUE;
}

void
prism_store_import_json_async (PrismStore          *self,
                               GBytes              *json,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (PRISM_IS_STORE (self));
  g_return_if_fail (json != NULL);

  _prism_store_run_async (self, read_and_import_job, g_bytes_ref (json),
                          (GDestroyNotify)g_bytes_unref, g_free,
                          prism_store_import_json_async, cancellable, callback, user_data);
}

gboolean
prism_store_import_json_finish (PrismStore    *self,
                                GAsyncResult  *result,
                                guint         *n_imported,
                                guint         *n_skipped,
                                GError       **error)
{
  g_autofree guint *counts = _prism_store_run_finish (self, result, prism_store_import_json_async, error);

  if (counts == NULL)
    return FALSE;

  if (n_imported != NULL)
    *n_imported = counts[0];
  if (n_skipped != NULL)
    *n_skipped = counts[1];

  return TRUE;
}
