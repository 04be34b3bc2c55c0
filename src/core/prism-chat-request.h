/* prism-chat-request.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * PrismChatRole:
 * @PRISM_CHAT_ROLE_SYSTEM: instructions for the model
 * @PRISM_CHAT_ROLE_USER: what the person wrote
 * @PRISM_CHAT_ROLE_ASSISTANT: what a model answered earlier
 * @PRISM_CHAT_ROLE_TOOL: the result of a tool call
 */
typedef enum
{
  PRISM_CHAT_ROLE_SYSTEM,
  PRISM_CHAT_ROLE_USER,
  PRISM_CHAT_ROLE_ASSISTANT,
  PRISM_CHAT_ROLE_TOOL,
} PrismChatRole;

/**
 * PrismChatImage:
 * @url: an `https:` or `data:` URL, or %NULL when @bytes is set
 * @bytes: the encoded image, or %NULL when @url is set
 * @mime_type: the type of @bytes (`image/png`…)
 */
typedef struct
{
  char   *url;
  GBytes *bytes;
  char   *mime_type;
} PrismChatImage;

/**
 * PrismChatToolCall:
 * @id: the call's id, as the provider gave it (may be %NULL)
 * @name: the function's name
 * @arguments: the arguments as JSON text
 *
 * A tool call an assistant message made earlier in the conversation.
 */
typedef struct
{
  char *id;
  char *name;
  char *arguments;
} PrismChatToolCall;

#define PRISM_TYPE_CHAT_MESSAGE (prism_chat_message_get_type ())

/**
 * PrismChatMessage:
 * @role: who speaks
 * @text: (nullable): the text
 * @images: the #PrismChatImage of a user message
 * @tool_calls: the #PrismChatToolCall of an assistant message
 * @tool_call_id: (nullable): for %PRISM_CHAT_ROLE_TOOL, the call answered
 * @tool_name: (nullable): for %PRISM_CHAT_ROLE_TOOL, the function called
 *   (Gemini and Ollama identify the call by name)
 */
typedef struct
{
  PrismChatRole  role;
  char          *text;
  GPtrArray     *images;
  GPtrArray     *tool_calls;
  char          *tool_call_id;
  char          *tool_name;
} PrismChatMessage;

GType             prism_chat_message_get_type        (void) G_GNUC_CONST;
PrismChatMessage *prism_chat_message_new             (PrismChatRole            role,
                                                      const char              *text);
PrismChatMessage *prism_chat_message_new_tool_result (const char              *tool_call_id,
                                                      const char              *tool_name,
                                                      const char              *text);
void              prism_chat_message_add_image_url   (PrismChatMessage        *self,
                                                      const char              *url);
void              prism_chat_message_add_image_bytes (PrismChatMessage        *self,
                                                      GBytes                  *bytes,
                                                      const char              *mime_type);
void              prism_chat_message_add_tool_call   (PrismChatMessage        *self,
                                                      const char              *id,
                                                      const char              *name,
                                                      const char              *arguments);
PrismChatMessage *prism_chat_message_copy            (const PrismChatMessage  *self);
void              prism_chat_message_free            (PrismChatMessage        *self);
const char       *prism_chat_role_to_string          (PrismChatRole            role);

char             *prism_chat_image_to_url            (const PrismChatImage    *image);
gboolean          prism_chat_image_get_base64        (const PrismChatImage    *image,
                                                      char                   **mime_type,
                                                      char                   **base64);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrismChatMessage, prism_chat_message_free)

#define PRISM_TYPE_CHAT_REQUEST (prism_chat_request_get_type ())

G_DECLARE_FINAL_TYPE (PrismChatRequest, prism_chat_request, PRISM, CHAT_REQUEST, GObject)

PrismChatRequest   *prism_chat_request_new                          (void);
void                prism_chat_request_add_message                  (PrismChatRequest   *self,
                                                                     PrismChatMessage   *message);
void                prism_chat_request_add_text                     (PrismChatRequest   *self,
                                                                     PrismChatRole       role,
                                                                     const char         *text);
guint               prism_chat_request_get_n_messages               (PrismChatRequest   *self);
const PrismChatMessage *prism_chat_request_get_message              (PrismChatRequest   *self,
                                                                     guint               position);
const char         *prism_chat_request_get_system_prompt            (PrismChatRequest   *self);
void                prism_chat_request_set_system_prompt            (PrismChatRequest   *self,
                                                                     const char         *system_prompt);
double              prism_chat_request_get_temperature              (PrismChatRequest   *self);
void                prism_chat_request_set_temperature              (PrismChatRequest   *self,
                                                                     double              temperature);
double              prism_chat_request_get_top_p                    (PrismChatRequest   *self);
void                prism_chat_request_set_top_p                    (PrismChatRequest   *self,
                                                                     double              top_p);
gint64              prism_chat_request_get_max_tokens               (PrismChatRequest   *self);
void                prism_chat_request_set_max_tokens               (PrismChatRequest   *self,
                                                                     gint64              max_tokens);
const char * const *prism_chat_request_get_stop                     (PrismChatRequest   *self);
void                prism_chat_request_set_stop                     (PrismChatRequest   *self,
                                                                     const char * const *stop);
gboolean            prism_chat_request_get_seed                     (PrismChatRequest   *self,
                                                                     gint64             *seed);
void                prism_chat_request_set_seed                     (PrismChatRequest   *self,
                                                                     gint64              seed);
gboolean            prism_chat_request_get_stream                   (PrismChatRequest   *self);
void                prism_chat_request_set_stream                   (PrismChatRequest   *self,
                                                                     gboolean            stream);
const char         *prism_chat_request_get_reasoning_effort         (PrismChatRequest   *self);
void                prism_chat_request_set_reasoning_effort         (PrismChatRequest   *self,
                                                                     const char         *effort);
const char * const *prism_chat_request_get_fallback_models          (PrismChatRequest   *self);
void                prism_chat_request_set_fallback_models          (PrismChatRequest   *self,
                                                                     const char * const *models);
const char * const *prism_chat_request_get_provider_order           (PrismChatRequest   *self);
void                prism_chat_request_set_provider_order           (PrismChatRequest   *self,
                                                                     const char * const *order);
const char         *prism_chat_request_get_provider_sort            (PrismChatRequest   *self);
void                prism_chat_request_set_provider_sort            (PrismChatRequest   *self,
                                                                     const char         *sort);
gboolean            prism_chat_request_get_provider_allow_fallbacks (PrismChatRequest   *self,
                                                                     gboolean           *allow);
void                prism_chat_request_set_provider_allow_fallbacks (PrismChatRequest   *self,
                                                                     gboolean            allow);
const char         *prism_chat_request_get_provider_data_collection (PrismChatRequest   *self);
void                prism_chat_request_set_provider_data_collection (PrismChatRequest   *self,
                                                                     const char         *data_collection);

G_END_DECLS
