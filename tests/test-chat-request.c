/* test-chat-request.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "prism-chat-request.h"
#include "prism-error.h"
#include "prism-stream-event.h"

static void
test_request_unset (void)
{
  g_autoptr(PrismChatRequest) request = prism_chat_request_new ();
  gint64 seed = 5;
  gboolean allow = TRUE;

  g_assert_true (prism_chat_request_get_stream (request));
  g_assert_true (isnan (prism_chat_request_get_temperature (request)));
  g_assert_true (isnan (prism_chat_request_get_top_p (request)));
  g_assert_cmpint (prism_chat_request_get_max_tokens (request), ==, 0);
  g_assert_false (prism_chat_request_get_seed (request, &seed));
  g_assert_false (prism_chat_request_get_provider_allow_fallbacks (request, &allow));
  g_assert_null (prism_chat_request_get_stop (request));
  g_assert_null (prism_chat_request_get_system_prompt (request));
  g_assert_null (prism_chat_request_get_reasoning_effort (request));
  g_assert_null (prism_chat_request_get_fallback_models (request));
  g_assert_null (prism_chat_request_get_provider_order (request));
  g_assert_null (prism_chat_request_get_provider_sort (request));
  g_assert_null (prism_chat_request_get_provider_data_collection (request));
  g_assert_cmpuint (prism_chat_request_get_n_messages (request), ==, 0);
}

static void
test_request_set (void)
{
  g_autoptr(PrismChatRequest) request = prism_chat_request_new ();
  const char *stop[] = { "a", "b", NULL };
  const char *empty[] = { NULL };
  gint64 seed = 0;
  gboolean allow = TRUE;

  prism_chat_request_set_seed (request, 0);
  g_assert_true (prism_chat_request_get_seed (request, &seed));
  g_assert_cmpint (seed, ==, 0);

  prism_chat_request_set_provider_allow_fallbacks (request, FALSE);
  g_assert_true (prism_chat_request_get_provider_allow_fallbacks (request, &allow));
  g_assert_false (allow);

  prism_chat_request_set_stop (request, stop);
  g_assert_cmpstr (prism_chat_request_get_stop (request)[1], ==, "b");
  /* An empty list is no list: nothing is sent. */
  prism_chat_request_set_stop (request, empty);
  g_assert_null (prism_chat_request_get_stop (request));

  prism_chat_request_set_system_prompt (request, "x");
  prism_chat_request_set_system_prompt (request, prism_chat_request_get_system_prompt (request));
  g_assert_cmpstr (prism_chat_request_get_system_prompt (request), ==, "x");
  prism_chat_request_set_system_prompt (request, NULL);
  g_assert_null (prism_chat_request_get_system_prompt (request));

  prism_chat_request_add_text (request, PRISM_CHAT_ROLE_USER, "Hi");
  g_assert_cmpint (prism_chat_request_get_message (request, 0)->role, ==, PRISM_CHAT_ROLE_USER);
  g_assert_cmpstr (prism_chat_request_get_message (request, 0)->text, ==, "Hi");
}

static void
test_message_copy (void)
{
  g_autoptr(PrismChatMessage) message = prism_chat_message_new (PRISM_CHAT_ROLE_ASSISTANT, "t");
  g_autoptr(PrismChatMessage) copy = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("ab", 2);
  PrismChatToolCall *call;

  prism_chat_message_add_image_url (message, "https://example.com/a.png");
  prism_chat_message_add_image_bytes (message, bytes, "image/gif");
  prism_chat_message_add_tool_call (message, "id1", "f", NULL);

  copy = prism_chat_message_copy (message);
  g_assert_cmpint (copy->role, ==, PRISM_CHAT_ROLE_ASSISTANT);
  g_assert_cmpstr (copy->text, ==, "t");
  g_assert_cmpuint (copy->images->len, ==, 2);
  g_assert_cmpstr (((PrismChatImage *)g_ptr_array_index (copy->images, 0))->url, ==, "https://example.com/a.png");
  g_assert_true (g_bytes_equal (((PrismChatImage *)g_ptr_array_index (copy->images, 1))->bytes, bytes));
  call = g_ptr_array_index (copy->tool_calls, 0);
  g_assert_cmpstr (call->id, ==, "id1");
  g_assert_cmpstr (call->arguments, ==, "{}");
}

static void
test_image_base64 (void)
{
  g_autoptr(PrismChatMessage) message = prism_chat_message_new (PRISM_CHAT_ROLE_USER, NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("\x89PNG", 4);
  const char *urls[] = {
    "data:image/webp;base64,UklGRg==",
    "https://example.com/a.png",
    "data:image/svg+xml,<svg/>",
    "data:image/png;base64",
    "data:;base64x,AAAA",
  };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    prism_chat_message_add_image_url (message, urls[i]);
  prism_chat_message_add_image_bytes (message, bytes, "image/png");

  for (guint i = 0; i < message->images->len; i++)
    {
      const PrismChatImage *image = g_ptr_array_index (message->images, i);
      g_autofree char *mime = NULL;
      g_autofree char *base64 = NULL;
      g_autofree char *url = prism_chat_image_to_url (image);
      gboolean ok = prism_chat_image_get_base64 (image, &mime, &base64);

      switch (i)
        {
        case 0:
          g_assert_true (ok);
          g_assert_cmpstr (mime, ==, "image/webp");
          g_assert_cmpstr (base64, ==, "UklGRg==");
          g_assert_cmpstr (url, ==, urls[0]);
          break;
        case 5:
          g_assert_true (ok);
          g_assert_cmpstr (mime, ==, "image/png");
          g_assert_cmpstr (base64, ==, "iVBORw==");
          g_assert_cmpstr (url, ==, "data:image/png;base64,iVBORw==");
          break;
        default:
          g_assert_false (ok);
          g_assert_null (mime);
          g_assert_null (base64);
          g_assert_cmpstr (url, ==, urls[i]);
          break;
        }
    }
}

static void
test_stream_event (void)
{
  g_autoptr(PrismStreamEvent) error = prism_stream_event_new_error (g_error_new_literal (PRISM_ERROR, PRISM_ERROR_SERVER, "x"));
  g_autoptr(PrismStreamEvent) copy = NULL;
  g_autoptr(PrismStreamEvent) call = prism_stream_event_new_tool_call (3, NULL, "f", NULL);
  g_autoptr(PrismStreamEvent) usage = NULL;
  PrismUsage counts = { 10, 2, 1, 5, 3, TRUE };

  prism_error_set_http (error->error, 503, 4);
  prism_stream_event_set_served (error, "m", "p");
  copy = prism_stream_event_copy (error);
  g_assert_cmpint (copy->kind, ==, PRISM_STREAM_EVENT_ERROR);
  g_assert_cmpint (copy->finish_reason, ==, PRISM_FINISH_REASON_ERROR);
  g_assert_error (copy->error, PRISM_ERROR, PRISM_ERROR_SERVER);
  g_assert_cmpuint (prism_error_get_http_status (copy->error), ==, 503);
  g_assert_cmpint (prism_error_get_retry_after (copy->error), ==, 4);
  g_assert_cmpstr (copy->served_model, ==, "m");
  g_assert_cmpstr (copy->served_provider, ==, "p");
  g_assert_true (copy->error != error->error);

  g_assert_cmpstr (call->tool_arguments, ==, "");
  g_assert_cmpint (call->tool_index, ==, 3);
  g_assert_true (isnan (call->provider_cost));

  usage = prism_stream_event_new_usage (&counts, 0.5);
  g_assert_cmpint (usage->usage.cached_input_tokens, ==, 2);
  g_assert_cmpfloat (usage->provider_cost, ==, 0.5);

  g_assert_cmpstr (prism_finish_reason_to_string (PRISM_FINISH_REASON_TOOL_CALLS), ==, "tool_calls");
  g_assert_cmpstr (prism_finish_reason_to_string (PRISM_FINISH_REASON_CONTENT_FILTER), ==, "content_filter");
  g_assert_cmpstr (prism_stream_event_kind_to_string (PRISM_STREAM_EVENT_REASONING), ==, "reasoning");

  /* Errors of other domains, or without HTTP, say so. */
  g_assert_cmpuint (prism_error_get_http_status (NULL), ==, 0);
  g_assert_cmpint (prism_error_get_retry_after (NULL), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/prism/chat-request/unset", test_request_unset);
  g_test_add_func ("/prism/chat-request/set", test_request_set);
  g_test_add_func ("/prism/chat-request/message-copy", test_message_copy);
  g_test_add_func ("/prism/chat-request/image-base64", test_image_base64);
  g_test_add_func ("/prism/chat-request/stream-event", test_stream_event);

  return g_test_run ();
}
