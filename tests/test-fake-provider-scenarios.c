/* test-fake-provider-scenarios.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The fake provider's scenarios, chosen by the model name, through a
 * real SoupSession (and a raw socket where the wire itself matters):
 * failures, in-stream errors, resets, splitting, line endings, huge and
 * malformed events, endless streams and timing. */

#include "config.h"

#include <string.h>

#include "prism-fake-client.h"

/* Failures */

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  static const guint codes[] = { 401, 402, 403, 408, 429, 500, 502, 503, 529 };
  static const char *anthropic_types[] = {
    "authentication_error", "billing_error", "permission_error", "timeout_error",
    "rate_limit_error", "api_error", "api_error", "api_error", "overloaded_error",
  };
  static const char *gemini_status[] = {
    "UNAUTHENTICATED", "FAILED_PRECONDITION", "PERMISSION_DENIED", "DEADLINE_EXCEEDED",
    "RESOURCE_EXHAUSTED", "INTERNAL", "UNAVAILABLE", "UNAVAILABLE", "UNAVAILABLE",
  };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *model = g_strdup_printf ("error=%u+retry-after=7+retry-after-ms=7250", codes[i]);
      g_autoptr(Response) openai = fake_chat (f, "openai", model, TRUE);
      g_autoptr(Response) openrouter = fake_chat (f, "openrouter", model, TRUE);
      g_autoptr(Response) anthropic = fake_chat (f, "anthropic", model, TRUE);
      g_autoptr(Response) gemini = fake_chat (f, "gemini", model, TRUE);
      g_autoptr(Response) ollama = fake_chat (f, "ollama", model, TRUE);
      g_autoptr(JsonNode) node = NULL;

      g_assert_cmpuint (openai->status, ==, codes[i]);
      g_assert_cmpstr (fake_header (openai, "Retry-After"), ==, "7");
      g_assert_cmpstr (fake_header (openai, "retry-after-ms"), ==, "7250");
      g_assert_cmpstr (fake_header (openai, "Content-Type"), ==, "application/json");
      node = fake_parse_json (fake_body (openai));
      g_assert_nonnull (fake_str_at (node, "error.message"));
      g_assert_nonnull (fake_str_at (node, "error.type"));
      g_assert_nonnull (fake_at (node, "error.code"));
      g_clear_pointer (&node, json_node_unref);

      g_assert_cmpuint (openrouter->status, ==, codes[i]);
      node = fake_parse_json (fake_body (openrouter));
      g_assert_cmpint (fake_int_at (node, "error.code"), ==, codes[i]);
      g_clear_pointer (&node, json_node_unref);

      g_assert_cmpuint (anthropic->status, ==, codes[i]);
      node = fake_parse_json (fake_body (anthropic));
      g_assert_cmpstr (fake_str_at (node, "error.type"), ==, anthropic_types[i]);
      g_clear_pointer (&node, json_node_unref);

      g_assert_cmpuint (gemini->status, ==, codes[i]);
      node = fake_parse_json (fake_body (gemini));
      g_assert_cmpint (fake_int_at (node, "error.code"), ==, codes[i]);
      g_assert_cmpstr (fake_str_at (node, "error.status"), ==, gemini_status[i]);
      g_clear_pointer (&node, json_node_unref);

      g_assert_cmpuint (ollama->status, ==, codes[i]);
      node = fake_parse_json (fake_body (ollama));
      g_assert_nonnull (fake_str_at (node, "error"));
    }
}

static void
test_fail_times_and_html (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(Response) html = fake_chat (f, "openai", "html-error=502", TRUE);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(Response) r = fake_chat (f, "openai", "fail-times=2+error=503", FALSE);
      g_autoptr(Response) other = fake_chat (f, "openai", "fail-times=1", FALSE);

      /* Counted per model string. */
      g_assert_cmpuint (r->status, ==, i < 2 ? 503 : 200);
      g_assert_cmpuint (other->status, ==, i < 1 ? 503 : 200);
    }

  g_assert_cmpuint (html->status, ==, 502);
  g_assert_cmpstr (fake_header (html, "Content-Type"), ==, "text/html");
  g_assert_true (g_str_has_prefix (fake_body (html), "<html>"));
  g_assert_nonnull (strstr (fake_body (html), "502 Bad Gateway"));

  prism_fake_provider_reset (f->provider);
  g_assert_cmpuint (prism_fake_provider_get_request_count (f->provider), ==, 0);
  {
    g_autoptr(Response) again = fake_chat (f, "openai", "fail-times=2+error=503", FALSE);
    g_assert_cmpuint (again->status, ==, 503);
  }
}

static void
test_bad_scenario (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(Response) r = fake_chat (f, "openai", "echo+bogus", TRUE);
  g_autoptr(Response) r2 = fake_chat (f, "anthropic", "echo+tokens=many", TRUE);
  g_autoptr(JsonNode) node = fake_parse_json (fake_body (r));

  g_assert_cmpuint (r->status, ==, 400);
  g_assert_nonnull (strstr (fake_str_at (node, "error.message"), "“bogus”"));
  g_assert_cmpuint (r2->status, ==, 400);
}

static void
test_stream_error (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(Response) openai = fake_chat (f, "openai", "stream-error", TRUE);
  g_autoptr(Response) openrouter = fake_chat (f, "openrouter", "stream-error", TRUE);
  g_autoptr(Response) anthropic = fake_chat (f, "anthropic", "stream-error", TRUE);
  g_autoptr(Response) gemini = fake_chat (f, "gemini", "stream-error", TRUE);
  g_autoptr(Response) ollama = fake_chat (f, "ollama", "stream-error", TRUE);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_auto(GStrv) lines = NULL;

  /* role + 2 chunks + the error; the body ends without [DONE]. */
  g_assert_cmpuint (openai->status, ==, 200);
  g_assert_no_error (openai->error);
  events = fake_parse_sse (fake_body (openai), NULL);
  g_assert_cmpuint (events->len, ==, 4);
  node = fake_event_json (events, -1);
  g_assert_cmpstr (fake_str_at (node, "error.type"), ==, "server_error");
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&events, g_ptr_array_unref);

  events = fake_parse_sse (fake_body (openrouter), NULL);
  node = fake_event_json (events, -1);
  g_assert_cmpint (fake_int_at (node, "error.code"), ==, 502);
  g_assert_cmpstr (fake_str_at (node, "choices.0.finish_reason"), ==, "error");
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&events, g_ptr_array_unref);

  events = fake_parse_sse (fake_body (anthropic), NULL);
  g_assert_cmpstr (((Event *) g_ptr_array_index (events, events->len - 1))->name, ==, "error");
  node = fake_event_json (events, -1);
  g_assert_cmpstr (fake_str_at (node, "error.type"), ==, "overloaded_error");
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&events, g_ptr_array_unref);

  events = fake_parse_sse (fake_body (gemini), NULL);
  g_assert_cmpuint (events->len, ==, 3);
  node = fake_event_json (events, -1);
  g_assert_cmpstr (fake_str_at (node, "error.status"), ==, "INTERNAL");
  g_clear_pointer (&node, json_node_unref);

  lines = g_strsplit (fake_body (ollama), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  node = fake_parse_json (lines[2]);
  g_assert_nonnull (fake_str_at (node, "error"));
}

static void
test_reset (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *raw = fake_raw_request (f, "reset-after=3");
  g_autoptr(Response) r = fake_chat (f, "openai", "reset-after=3", TRUE);
  g_autoptr(Response) next = fake_chat (f, "openai", "echo", TRUE);
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *content = NULL;

  /* On the wire, the connection closes without the last chunk. */
  g_assert_true (g_str_has_suffix (raw, "\" there\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n\r\n"));
  g_assert_false (g_str_has_suffix (raw, "0\r\n\r\n"));

  /* libsoup reads a close between chunks as the end of the body, so
   * the client has only the missing terminal event to go by. */
  g_assert_cmpuint (r->status, ==, 200);
  events = fake_parse_sse (fake_body (r), NULL);
  g_assert_cmpuint (events->len, ==, 4);
  content = fake_openai_join (events, "content");
  g_assert_cmpstr (content, ==, "Echo: hello there");
  g_assert_null (strstr (fake_body (r), "[DONE]"));

  /* The server is none the worse for it. */
  g_assert_no_error (next->error);
  g_assert_cmpuint (next->status, ==, 200);
}

static void
test_split_and_line_endings (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *raw = fake_raw_request (f, "echo+split=7");
  g_autoptr(Response) split = fake_chat (f, "openai", "echo+split=7", TRUE);
  g_autoptr(Response) plain = fake_chat (f, "openai", "echo", TRUE);
  g_autoptr(Response) crlf = fake_chat (f, "openai", "crlf", TRUE);
  g_autoptr(Response) cr = fake_chat (f, "openai", "cr", TRUE);
  const char *p = strstr (raw, "\r\n\r\n") + 4;
  guint n_chunks = 0;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  /* Every chunk on the wire is at most 7 bytes. */
  g_assert_nonnull (strstr (raw, "Transfer-Encoding: chunked"));
  for (;;)
    {
      guint64 size = g_ascii_strtoull (p, NULL, 16);

      if (size == 0)
        break;
      g_assert_cmpuint (size, <=, 7);
      n_chunks++;
      p = strstr (p, "\r\n") + 2 + size + 2;
    }
  g_assert_cmpuint (n_chunks, >, 100);

  /* Same events, apart from the random id. */
  {
    g_autoptr(GPtrArray) e1 = fake_parse_sse (fake_body (split), NULL);
    g_autoptr(GPtrArray) e2 = fake_parse_sse (fake_body (plain), NULL);

    g_assert_cmpuint (e1->len, ==, e2->len);
    a = fake_openai_join (e1, "content");
    b = fake_openai_join (e2, "content");
    g_assert_cmpstr (a, ==, b);
  }

  /* A big event in small pieces arrives whole. */
  {
    g_autoptr(Response) big = fake_chat (f, "openai", "huge=200000+split=1000", TRUE);
    g_autoptr(GPtrArray) events = fake_parse_sse (fake_body (big), NULL);
    g_autofree char *content = fake_openai_join (events, "content");

    g_assert_cmpuint (strlen (content), ==, 5 + 200000);
  }

  /* A whole JSON body can come in pieces as well. */
  {
    g_autoptr(Response) whole = fake_chat (f, "anthropic", "echo+split=5", FALSE);
    g_autoptr(JsonNode) node = fake_parse_json (fake_body (whole));

    g_assert_cmpstr (fake_header (whole, "Transfer-Encoding"), ==, "chunked");
    g_assert_cmpstr (fake_str_at (node, "content.0.text"), ==, ECHO_REPLY);
  }

  g_assert_nonnull (strstr (fake_body (crlf), "\r\n\r\n"));
  g_assert_null (strstr (fake_body (crlf), "}\n"));
  g_assert_true (g_str_has_suffix (fake_body (crlf), "data: [DONE]\r\n\r\n"));
  g_assert_null (strchr (fake_body (cr), '\n'));
  g_assert_true (g_str_has_suffix (fake_body (cr), "data: [DONE]\r\r"));
}

static void
test_huge_and_malformed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(Response) huge = fake_chat (f, "openai", "huge=10000000", TRUE);
  g_autoptr(Response) bad = fake_chat (f, "anthropic", "malformed", TRUE);
  g_autoptr(GPtrArray) events = fake_parse_sse (fake_body (huge), NULL);
  g_autoptr(GPtrArray) bad_events = fake_parse_sse (fake_body (bad), NULL);
  g_autofree char *content = fake_openai_join (events, "content");
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint n_broken = 0;

  g_assert_cmpuint (events->len, ==, 6);
  g_assert_cmpuint (strlen (((Event *) g_ptr_array_index (events, 2))->data), >, 10000000);
  g_assert_cmpuint (strlen (content), ==, 5 + 10000000);
  g_assert_true (g_str_has_prefix (content, "Huge:0123456789"));

  for (guint i = 0; i < bad_events->len; i++)
    {
      Event *e = g_ptr_array_index (bad_events, i);

      if (!json_parser_load_from_data (parser, e->data, -1, NULL))
        n_broken++;
    }
  g_assert_cmpuint (n_broken, ==, 1);
  g_assert_true (g_str_has_suffix (fake_body (bad), "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
}

static void
test_endless_cancel (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *base = prism_fake_provider_get_base_url (f->provider, "openai");
  g_autofree char *url = g_strconcat (base, "/chat/completions", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  const char *json = "{\"model\":\"endless+rate=2000\",\"stream\":true,\"messages\":[]}";
  g_autoptr(GBytes) body = g_bytes_new_static (json, strlen (json));
  g_autoptr(GString) received = g_string_new (NULL);
  char buf[4096];

  soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization", "Bearer test-key");
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  stream = soup_session_send (f->session, msg, cancellable, &error);
  g_assert_no_error (error);

  while (received->len < 64 * 1024)
    {
      gssize n = g_input_stream_read (stream, buf, sizeof buf, cancellable, &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, >, 0);
      g_string_append_len (received, buf, n);
    }
  g_assert_null (strstr (received->str, "[DONE]"));
  g_assert_nonnull (strstr (received->str, "{\"content\":\" 你好\"}"));

  g_cancellable_cancel (cancellable);
  g_input_stream_read (stream, buf, sizeof buf, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&stream);

  /* Give the server a moment to see the client go, then use it again. */
  g_usleep (50 * 1000);
  {
    g_autoptr(Response) next = fake_chat (f, "openai", "echo", TRUE);
    g_assert_cmpuint (next->status, ==, 200);
    g_assert_no_error (next->error);
  }
}

static void
test_timing (Fixture       *f,
             gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(Response) first = fake_chat (f, "openai", "stall-first-byte=200", FALSE);
  gint64 after_first = g_get_monotonic_time ();
  g_autoptr(Response) stall = fake_chat (f, "openai", "stall-after=2+stall=300", TRUE);
  gint64 after_stall = g_get_monotonic_time ();
  g_autoptr(Response) rate = fake_chat (f, "anthropic", "tokens=30+rate=100", TRUE);
  gint64 after_rate = g_get_monotonic_time ();
  g_autoptr(Response) ct = fake_chat (f, "openai", "content-type=text/plain", TRUE);
  g_autoptr(Response) no_usage = fake_chat (f, "openai", "no-usage+chunks=1000", TRUE);
  g_autoptr(GPtrArray) events = fake_parse_sse (fake_body (no_usage), NULL);

  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpint (after_first - start, >=, 200 * 1000);
  g_assert_cmpuint (stall->status, ==, 200);
  g_assert_no_error (stall->error);
  g_assert_cmpint (after_stall - after_first, >=, 300 * 1000);
  /* 30 chunks at 100 per second */
  g_assert_no_error (rate->error);
  g_assert_cmpint (after_rate - after_stall, >=, 250 * 1000);

  g_assert_cmpstr (fake_header (ct, "Content-Type"), ==, "text/plain");

  /* role, 1000 chunks, finish, [DONE]: no usage chunk */
  g_assert_cmpuint (events->len, ==, 1003);
  g_assert_null (strstr (fake_body (no_usage), "\"usage\":{"));
}

/* Stopping lets go of requests still waiting: no hang, no leak. */
static void
test_stop_while_pending (Fixture       *f,
                         gconstpointer  data)
{
  static const char *models[] = { "endless", "stall-first-byte=60000", "echo+stall-after=1+stall=60000" };
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  GSocketConnection *conns[G_N_ELEMENTS (models)];
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"model\":\"%s\",\"stream\":%s,\"messages\":[]}",
                                               models[i], i == 2 ? "true" : "false");
      g_autofree char *request = g_strdup_printf ("POST /openai/v1/chat/completions HTTP/1.1\r\n"
                                                  "Host: 127.0.0.1\r\nAuthorization: Bearer test-key\r\n"
                                                  "Content-Length: %zu\r\n\r\n%s",
                                                  strlen (body), body);

      conns[i] = g_socket_client_connect_to_host (client, "127.0.0.1",
                                                  prism_fake_provider_get_port (f->provider),
                                                  NULL, &error);
      g_assert_no_error (error);
      g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conns[i])),
                                 request, strlen (request), NULL, NULL, &error);
      g_assert_no_error (error);
    }

  /* Wait until the server has them all, then stop it under them. */
  while (prism_fake_provider_get_request_count (f->provider) < G_N_ELEMENTS (models))
    g_usleep (1000);
  g_usleep (50 * 1000);
  prism_fake_provider_stop (f->provider);

  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    {
      g_autoptr(GString) received = g_string_new (NULL);
      char buf[4096];
      gssize n;

      while ((n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (conns[i])),
                                       buf, sizeof buf, NULL, &error)) > 0)
        g_string_append_len (received, buf, n);
      g_assert_no_error (error);

      /* Only the stalled stream had begun; nothing finished. */
      if (i == 2)
        g_assert_true (g_str_has_prefix (received->str, "HTTP/1.1 200 OK"));
      else
        g_assert_cmpuint (received->len, ==, 0);
      g_assert_null (strstr (received->str, "[DONE]"));
      g_object_unref (conns[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/prism/fake-provider/" path, Fixture, NULL, fake_fixture_setup, func, fake_fixture_teardown)

  ADD ("scenario/errors", test_errors);
  ADD ("scenario/fail-times-html", test_fail_times_and_html);
  ADD ("scenario/unknown-flag", test_bad_scenario);
  ADD ("scenario/stream-error", test_stream_error);
  ADD ("scenario/reset", test_reset);
  ADD ("scenario/split-line-endings", test_split_and_line_endings);
  ADD ("scenario/huge-malformed", test_huge_and_malformed);
  ADD ("scenario/endless-cancel", test_endless_cancel);
  ADD ("scenario/timing", test_timing);
  ADD ("scenario/stop-while-pending", test_stop_while_pending);

#undef ADD


  return g_test_run ();
}
