/* prism-chat-request.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-chat-request"

#include "config.h"

#include "prism-chat-request.h"

#include <math.h>
#include <string.h>

/*
 * PrismChatRequest holds what is asked of a model, independent of the
 * protocol that carries it. Every parameter is optional: one that was
 * never set is not sent, so the provider's own default applies.
 * Unset is NAN for the doubles, 0 for max-tokens, NULL for strings
 * and lists, and a separate flag for the seed and allow-fallbacks.
 */

struct _PrismChatRequest
{
  GObject    parent_instance;

  GPtrArray *messages;
  char      *system_prompt;
  double     temperature;
  double     top_p;
  gint64     max_tokens;
  GStrv      stop;
  gint64     seed;
  char      *reasoning_effort;
  GStrv      fallback_models;
  GStrv      provider_order;
  char      *provider_sort;
  char      *provider_data_collection;
  guint      has_seed : 1;
  guint      stream : 1;
  guint      has_allow_fallbacks : 1;
  guint      allow_fallbacks : 1;
};

G_DEFINE_FINAL_TYPE (PrismChatRequest, prism_chat_request, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (PrismChatMessage, prism_chat_message,
                     prism_chat_message_copy, prism_chat_message_free)

static void
prism_chat_image_free (PrismChatImage *image)
{
  g_free (image->url);
  g_clear_pointer (&image->bytes, g_bytes_unref);
  g_free (image->mime_type);
  g_free (image);
}

static void
prism_chat_tool_call_free (PrismChatToolCall *call)
{
  g_free (call->id);
  g_free (call->name);
  g_free (call->arguments);
  g_free (call);
}

PrismChatMessage *
prism_chat_message_new (PrismChatRole  role,
                        const char    *text)
{
  PrismChatMessage *self = g_new0 (PrismChatMessage, 1);

  self->role = role;
  self->text = g_strdup (text);
  self->images = g_ptr_array_new_with_free_func ((GDestroyNotify) prism_chat_image_free);
  self->tool_calls = g_ptr_array_new_with_free_func ((GDestroyNotify) prism_chat_tool_call_free);

  return self;
}

/**
 * prism_chat_message_new_tool_result:
 * @tool_call_id: (nullable): the id of the call this answers
 * @tool_name: (nullable): the function that was called
 * @text: the result, as text (often JSON)
 *
 * Returns: (transfer full): a %PRISM_CHAT_ROLE_TOOL message
 */
PrismChatMessage *
prism_chat_message_new_tool_result (const char *tool_call_id,
                                    const char *tool_name,
                                    const char *text)
{
  PrismChatMessage *self = prism_chat_message_new (PRISM_CHAT_ROLE_TOOL, text);

  self->tool_call_id = g_strdup (tool_call_id);
  self->tool_name = g_strdup (tool_name);

  return self;
}

/**
 * prism_chat_message_add_image_url:
 * @self: a #PrismChatMessage
 * @url: an `https:` URL or a `data:image/…;base64,…` URL
 *
 * Attaches an image. Protocols that only take inline images (Gemini,
 * Ollama) accept only `data:` URLs.
 */
void
prism_chat_message_add_image_url (PrismChatMessage *self,
                                  const char       *url)
{
  PrismChatImage *image;

  g_return_if_fail (self != NULL);
  g_return_if_fail (url != NULL);

  image = g_new0 (PrismChatImage, 1);
  image->url = g_strdup (url);
  g_ptr_array_add (self->images, image);
}

void
prism_chat_message_add_image_bytes (PrismChatMessage *self,
                                    GBytes           *bytes,
                                    const char       *mime_type)
{
  PrismChatImage *image;

  g_return_if_fail (self != NULL);
  g_return_if_fail (bytes != NULL);
  g_return_if_fail (mime_type != NULL);

  image = g_new0 (PrismChatImage, 1);
  image->bytes = g_bytes_ref (bytes);
  image->mime_type = g_strdup (mime_type);
  g_ptr_array_add (self->images, image);
}

void
prism_chat_message_add_tool_call (PrismChatMessage *self,
                                  const char       *id,
                                  const char       *name,
                                  const char       *arguments)
{
  PrismChatToolCall *call;

  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);

  call = g_new0 (PrismChatToolCall, 1);
  call->id = g_strdup (id);
  call->name = g_strdup (name);
  call->arguments = g_strdup (arguments != NULL ? arguments : "{}");
  g_ptr_array_add (self->tool_calls, call);
}

PrismChatMessage *
prism_chat_message_copy (const PrismChatMessage *self)
{
  PrismChatMessage *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = prism_chat_message_new (self->role, self->text);
  copy->tool_call_id = g_strdup (self->tool_call_id);
  copy->tool_name = g_strdup (self->tool_name);

  for (guint i = 0; i < self->images->len; i++)
    {
      const PrismChatImage *image = g_ptr_array_index (self->images, i);

      if (image->url != NULL)
        prism_chat_message_add_image_url (copy, image->url);
      else
        prism_chat_message_add_image_bytes (copy, image->bytes, image->mime_type);
    }

  for (guint i = 0; i < self->tool_calls->len; i++)
    {
      const PrismChatToolCall *call = g_ptr_array_index (self->tool_calls, i);

      prism_chat_message_add_tool_call (copy, call->id, call->name, call->arguments);
    }

  return copy;
}

void
prism_chat_message_free (PrismChatMessage *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_ptr_array_unref (self->images);
  g_ptr_array_unref (self->tool_calls);
  g_free (self->tool_call_id);
  g_free (self->tool_name);
  g_free (self);
}

const char *
prism_chat_role_to_string (PrismChatRole role)
{
  switch (role)
    {
    case PRISM_CHAT_ROLE_SYSTEM:
      return "system";
    case PRISM_CHAT_ROLE_USER:
      return "user";
    case PRISM_CHAT_ROLE_ASSISTANT:
      return "assistant";
    case PRISM_CHAT_ROLE_TOOL:
      return "tool";
    default:
      return "user";
    }
}

/**
 * prism_chat_image_to_url:
 * @image: a #PrismChatImage
 *
 * Returns: (transfer full): the image's URL: the one it was given, or a
 *   `data:` URL holding its bytes
 */
char *
prism_chat_image_to_url (const PrismChatImage *image)
{
  g_autofree char *base64 = NULL;

  g_return_val_if_fail (image != NULL, NULL);

  if (image->url != NULL)
    return g_strdup (image->url);

  base64 = g_base64_encode (g_bytes_get_data (image->bytes, NULL),
                            g_bytes_get_size (image->bytes));

  return g_strdup_printf ("data:%s;base64,%s", image->mime_type, base64);
}

/**
 * prism_chat_image_get_base64:
 * @image: a #PrismChatImage
 * @mime_type: (out): the image's type
 * @base64: (out): the image's bytes in base64
 *
 * Returns: %FALSE when the image is only known by an `https:` URL (or a
 *   `data:` URL that is not base64), which inline-only protocols cannot
 *   carry
 */
gboolean
prism_chat_image_get_base64 (const PrismChatImage  *image,
                             char                 **mime_type,
                             char                 **base64)
{
  const char *comma;
  const char *semi;

  g_return_val_if_fail (image != NULL, FALSE);
  g_return_val_if_fail (mime_type != NULL, FALSE);
  g_return_val_if_fail (base64 != NULL, FALSE);

  *mime_type = NULL;
  *base64 = NULL;

  if (image->url == NULL)
    {
      *mime_type = g_strdup (image->mime_type);
      *base64 = g_base64_encode (g_bytes_get_data (image->bytes, NULL),
                                 g_bytes_get_size (image->bytes));
      return TRUE;
    }

  if (!g_str_has_prefix (image->url, "data:"))
    return FALSE;

  comma = strchr (image->url, ',');
  if (comma == NULL)
    return FALSE;

  semi = g_strstr_len (image->url, comma - image->url, ";base64");
  if (semi == NULL || semi + strlen (";base64") != comma)
    return FALSE;

  *mime_type = g_strndup (image->url + strlen ("data:"), semi - image->url - strlen ("data:"));
  *base64 = g_strdup (comma + 1);

  return TRUE;
}

static void
prism_chat_request_finalize (GObject *object)
{
  PrismChatRequest *self = (PrismChatRequest *)object;

  g_clear_pointer (&self->messages, g_ptr_array_unref);
  g_clear_pointer (&self->system_prompt, g_free);
  g_clear_pointer (&self->stop, g_strfreev);
  g_clear_pointer (&self->reasoning_effort, g_free);
  g_clear_pointer (&self->fallback_models, g_strfreev);
  g_clear_pointer (&self->provider_order, g_strfreev);
  g_clear_pointer (&self->provider_sort, g_free);
  g_clear_pointer (&self->provider_data_collection, g_free);

  G_OBJECT_CLASS (prism_chat_request_parent_class)->finalize (object);
}

static void
prism_chat_request_class_init (PrismChatRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = prism_chat_request_finalize;
}

static void
prism_chat_request_init (PrismChatRequest *self)
{
  self->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) prism_chat_message_free);
  self->temperature = NAN;
  self->top_p = NAN;
  self->stream = TRUE;
}

/**
 * prism_chat_request_new:
 *
 * Returns: (transfer full): an empty request that streams, with no
 *   parameter set
 */
PrismChatRequest *
prism_chat_request_new (void)
{
  return g_object_new (PRISM_TYPE_CHAT_REQUEST, NULL);
}

/**
 * prism_chat_request_add_message:
 * @self: a #PrismChatRequest
 * @message: (transfer full): the next message of the conversation
 */
void
prism_chat_request_add_message (PrismChatRequest *self,
                                PrismChatMessage *message)
{
  g_return_if_fail (PRISM_IS_CHAT_REQUEST (self));
  g_return_if_fail (message != NULL);

  g_ptr_array_add (self->messages, message);
}

void
prism_chat_request_add_text (PrismChatRequest *self,
                             PrismChatRole     role,
                             const char       *text)
{
  g_return_if_fail (PRISM_IS_CHAT_REQUEST (self));
  g_return_if_fail (text != NULL);

  g_ptr_array_add (self->messages, prism_chat_message_new (role, text));
}

guint
prism_chat_request_get_n_messages (PrismChatRequest *self)
{
  g_return_val_if_fail (PRISM_IS_CHAT_REQUEST (self), 0);

  return self->messages->len;
}

const PrismChatMessage *
prism_chat_request_get_message (PrismChatRequest *self,
                                guint             position)
{
  g_return_val_if_fail (PRISM_IS_CHAT_REQUEST (self), NULL);
  g_return_val_if_fail (position < self->messages->len, NULL);

  return g_ptr_array_index (self->messages, position);
}

#define STRING_ACCESSORS(field)                                            \
const char *                                                               \
prism_chat_request_get_##field (PrismChatRequest *self)                    \
{                                                                          \
  g_return_val_if_fail (PRISM_IS_CHAT_REQUEST (self), NULL);               \
  return self->field;                                                      \
}                                                                          \
                                                                           \
void                                                                       \
prism_chat_request_set_##field (PrismChatRequest *self,                    \
                                const char       *value)                   \
{                                                                          \
  g_return_if_fail (PRISM_IS_CHAT_REQUEST (self));                         \
  if (self->field != value)                                                 \
    {                                                                      \
      g_free (self->field);                                                \
      self->field = g_strdup (value);                                      \
    }                                                                      \
}

#define STRV_ACCESSORS(field)                                              \
const char * const *                                                       \
prism_chat_request_get_##field (PrismChatRequest *self)                    \
{                                                                          \
  g_return_val_if_fail (PRISM_IS_CHAT_REQUEST (self), NULL);               \
  return (const char * const *)self->field;                                \
}                                                                          \
                                                                           \
void                                                                       \
prism_chat_request_set_##field (PrismChatRequest   *self,                  \
                                const char * const *value)                 \
{                                                                          \
  g_return_if_fail (PRISM_IS_CHAT_REQUEST (self));                         \
  g_strfreev (self->field);                                                \
  self->field = value != NULL && value[0] != NULL                          \
    ? g_strdupv ((char **)value) : NULL;                                   \
}

STRING_ACCESSORS (system_prompt)
STRING_ACCESSORS (reasoning_effort)
STRING_ACCESSORS (provider_sort)
STRING_ACCESSORS (provider_data_collection)
STRV_ACCESSORS (stop)
STRV_ACCESSORS (fallback_models)
STRV_ACCESSORS (provider_order)

/**
 * prism_chat_request_get_temperature:
 *
 * Returns: the sampling temperature, NAN when unset
 */
double
prism_chat_request_get_temperature (PrismChatRequest *self)
{
  g_return_val_if_fail (PRISM_IS_CHAT_REQUEST (self), NAN);

  return self->temperature;
}

void
prism_chat_request_set_temperature (PrismChatRequest *self,
                                    double            temperature)
{
  g_return_if_fail (PRISM_IS_CHAT_REQUEST (self));

  self->temperature = temperature;
}

/**
 * prism_chat_request_get_top_p:
 *
 * Returns: the nucleus sampling mass, NAN when unset
 */
double
prism_chat_request_get_top_p (PrismChatRequest *self)
{
  g_return_val_if_fail (PRISM_IS_CHAT_REQUEST (self), NAN);

  return self->top_p;
}

void
prism_chat_request_set_top_p (PrismChatRequest *self,
                              double            top_p)
{
  g_return_if_fail (PRISM_IS_CHAT_REQUEST (self));

  self->top_p = top_p;
}

/**
 * prism_chat_request_get_max_tokens:
 *
 * Returns: the limit on generated tokens, 0 when unset
 */
gint64
prism_chat_request_get_max_tokens (PrismChatRequest *self)
{
  g_return_val_if_fail (PRISM_IS_CHAT_REQUEST (self), 0);

  return self->max_tokens;
}

void
prism_chat_request_set_max_tokens (PrismChatRequest *self,
                                   gint64            max_tokens)
{
  g_return_if_fail (PRISM_IS_CHAT_REQUEST (self));
  g_return_if_fail (max_tokens >= 0);

  self->max_tokens = max_tokens;
}

gboolean
prism_chat_request_get_seed (PrismChatRequest *self,
                             gint64           *seed)
{
  g_return_val_if_fail (PRISM_IS_CHAT_REQUEST (self), FALSE);

  if (seed != NULL)
    *seed = self->seed;

  return self->has_seed;
}

void
prism_chat_request_set_seed (PrismChatRequest *self,
                             gint64            seed)
{
  g_return_if_fail (PRISM_IS_CHAT_REQUEST (self));

  self->seed = seed;
  self->has_seed = TRUE;
}

gboolean
prism_chat_request_get_stream (PrismChatRequest *self)
{
  g_return_val_if_fail (PRISM_IS_CHAT_REQUEST (self), TRUE);

  return self->stream;
}

void
prism_chat_request_set_stream (PrismChatRequest *self,
                               gboolean          stream)
{
  g_return_if_fail (PRISM_IS_CHAT_REQUEST (self));

  self->stream = !!stream;
}

gboolean
prism_chat_request_get_provider_allow_fallbacks (PrismChatRequest *self,
                                                 gboolean         *allow)
{
  g_return_val_if_fail (PRISM_IS_CHAT_REQUEST (self), FALSE);

  if (allow != NULL)
    *allow = self->allow_fallbacks;

  return self->has_allow_fallbacks;
}

void
prism_chat_request_set_provider_allow_fallbacks (PrismChatRequest *self,
                                                 gboolean          allow)
{
  g_return_if_fail (PRISM_IS_CHAT_REQUEST (self));

  self->allow_fallbacks = !!allow;
  self->has_allow_fallbacks = TRUE;
}
