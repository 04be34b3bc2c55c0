/* prism-fake-client.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the fake provider's tests use to talk to it: a fixture with a
 * started server and a SoupSession, blocking requests that keep what
 * arrived before an error, and small SSE and JSON helpers. */

#include "config.h"

#include <string.h>

#include "prism-fake-client.h"

void
fake_response_free (Response *r)
{
  g_clear_pointer (&r->headers, soup_message_headers_unref);
  g_clear_pointer (&r->body, g_bytes_unref);
  g_clear_error (&r->error);
  g_free (r);
}

void
fake_fixture_setup (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->provider = prism_fake_provider_new ();
  g_assert_true (prism_fake_provider_start (f->provider, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (prism_fake_provider_get_port (f->provider), >, 0);
  f->session = soup_session_new_with_options ("timeout", 30, NULL);
}

void
fake_fixture_teardown (Fixture       *f,
                       gconstpointer  data)
{
  g_clear_object (&f->session);
  prism_fake_provider_stop (f->provider);
  g_clear_object (&f->provider);
}

const char *
fake_body (Response *r)
{
  return g_bytes_get_data (r->body, NULL);
}

/* Sends a request and reads the whole body, keeping what arrived before
 * any error. @headers is NULL or "Name: value" strings. */
Response *
fake_send (Fixture            *f,
           const char         *method,
           const char         *provider,
           const char         *path,
           const char * const *headers,
           const char         *json,
           GCancellable       *cancellable)
{
  g_autofree char *base = prism_fake_provider_get_base_url (f->provider, provider);
  g_autofree char *url = g_strconcat (base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  Response *r = g_new0 (Response, 1);
  guint8 buf[65536];
  gssize n;

  g_assert_nonnull (msg);
  for (guint i = 0; headers != NULL && headers[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (headers[i], ": ", 2);
      soup_message_headers_append (soup_message_get_request_headers (msg), kv[0], kv[1]);
    }
  if (json != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
      soup_message_set_request_body_from_bytes (msg, "application/json", body);
    }

  stream = soup_session_send (f->session, msg, cancellable, &r->error);
  if (stream != NULL)
    {
      while ((n = g_input_stream_read (stream, buf, sizeof buf, cancellable, &r->error)) > 0)
        g_byte_array_append (data, buf, n);
    }

  r->status = soup_message_get_status (msg);
  r->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  g_byte_array_append (data, (const guint8 *) "", 1);
  /* Kept NUL-terminated for the string checks. */
  r->body = g_bytes_new (data->data, data->len);
  return r;
}

Response *
fake_post (Fixture    *f,
           const char *provider,
           const char *path,
           const char *json)
{
  static const char *openai[] = { "Authorization: Bearer test-key", NULL };
  static const char *anthropic[] = { "x-api-key: test-key", "anthropic-version: 2023-06-01", NULL };
  static const char *gemini[] = { "x-goog-api-key: test-key", NULL };
  const char * const *headers = openai;

  if (g_str_equal (provider, "anthropic"))
    headers = anthropic;
  else if (g_str_equal (provider, "gemini"))
    headers = gemini;
  else if (g_str_equal (provider, "ollama"))
    headers = NULL;

  return fake_send (f, json ? "POST" : "GET", provider, path, headers, json, NULL);
}

/* A chat request for @provider's own protocol. */
Response *
fake_chat (Fixture    *f,
           const char *provider,
           const char *model,
           gboolean    stream)
{
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;

  if (g_str_equal (provider, "anthropic"))
    {
      json = g_strdup_printf ("{\"model\":\"%s\",\"max_tokens\":1024,\"stream\":%s,\"system\":\"Be brief\","
                              "\"messages\":[{\"role\":\"user\",\"content\":\"hello there world\"}]}",
                              model, stream ? "true" : "false");
      return fake_post (f, provider, "/v1/messages", json);
    }
  if (g_str_equal (provider, "gemini"))
    {
      json = g_strdup ("{\"systemInstruction\":{\"parts\":[{\"text\":\"Be brief\"}]},"
                       "\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello there world\"}]}]}");
      path = g_strdup_printf ("/v1beta/models/%s:%s", model,
                              stream ? "streamGenerateContent?alt=sse" : "generateContent");
      return fake_post (f, provider, path, json);
    }

  json = g_strdup_printf ("{\"model\":\"%s\",\"stream\":%s,\"stream_options\":{\"include_usage\":true},"
                          "\"messages\":[{\"role\":\"system\",\"content\":\"Be brief\"},"
                          "{\"role\":\"user\",\"content\":\"hello there world\"}]}",
                          model, stream ? "true" : "false");
  if (g_str_equal (provider, "ollama"))
    return fake_post (f, provider, "/api/chat", json);

  return fake_post (f, provider, "/chat/completions", json);
}

void
fake_event_free (Event *e)
{
  g_free (e->name);
  g_free (e->data);
  g_free (e);
}

GPtrArray *
fake_parse_sse (const char *body,
                guint      *n_comments)
{
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_event_free);
  g_auto(GStrv) blocks = g_strsplit (body, "\n\n", -1);

  if (n_comments)
    *n_comments = 0;

  for (guint i = 0; blocks[i] != NULL; i++)
    {
      g_auto(GStrv) lines = g_strsplit (blocks[i], "\n", -1);
      g_autoptr(GString) data = NULL;
      char *name = NULL;

      for (guint j = 0; lines[j] != NULL; j++)
        {
          if (g_str_has_prefix (lines[j], ":") && n_comments)
            (*n_comments)++;
          else if (g_str_has_prefix (lines[j], "event: "))
            name = g_strdup (lines[j] + 7);
          else if (g_str_has_prefix (lines[j], "data: "))
            {
              if (data == NULL)
                data = g_string_new (lines[j] + 6);
              else
                g_string_append_printf (data, "\n%s", lines[j] + 6);
            }
        }

      if (data != NULL)
        {
          Event *e = g_new0 (Event, 1);
          e->name = name;
          e->data = g_string_free (g_steal_pointer (&data), FALSE);
          g_ptr_array_add (events, e);
        }
      else
        g_free (name);
    }

  return events;
}

JsonNode *
fake_parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* The value at a dotted path, numbers as array indexes: "choices.0.delta". */
JsonNode *
fake_at (JsonNode   *node,
         const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);

  for (guint i = 0; parts[i] != NULL && node != NULL; i++)
    {
      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          guint64 index = g_ascii_strtoull (parts[i], NULL, 10);
          node = index < json_array_get_length (array) ? json_array_get_element (array, index) : NULL;
        }
      else if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), parts[i]);
      else
        node = NULL;
    }

  return node;
}

const char *
fake_str_at (JsonNode   *node,
             const char *path)
{
  JsonNode *value = fake_at (node, path);

  return value && JSON_NODE_HOLDS_VALUE (value) ? json_node_get_string (value) : NULL;
}

gint64
fake_int_at (JsonNode   *node,
             const char *path)
{
  JsonNode *value = fake_at (node, path);

  g_assert_nonnull (value);
  return json_node_get_int (value);
}

const char *
fake_header (Response   *r,
             const char *name)
{
  return soup_message_headers_get_one (r->headers, name);
}

/* Concatenates a member of every OpenAI-style chunk's first delta. */
char *
fake_openai_join (GPtrArray  *events,
                  const char *member)
{
  GString *text = g_string_new (NULL);
  g_autofree char *path = g_strdup_printf ("choices.0.delta.%s", member);

  for (guint i = 0; i < events->len; i++)
    {
      Event *e = g_ptr_array_index (events, i);
      g_autoptr(JsonNode) node = NULL;
      const char *piece;

      if (g_str_equal (e->data, "[DONE]"))
        continue;
      node = fake_parse_json (e->data);
      piece = fake_str_at (node, path);
      if (piece != NULL)
        g_string_append (text, piece);
    }

  return g_string_free (text, FALSE);
}

JsonNode *
fake_event_json (GPtrArray *events,
                 int        index)
{
  Event *e = g_ptr_array_index (events, index < 0 ? (int) events->len + index : index);

  return fake_parse_json (e->data);
}

/* Reads a raw HTTP/1.1 response, to see the chunks on the wire. */
char *
fake_raw_request (Fixture    *f,
                  const char *model)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = g_strdup_printf ("{\"model\":\"%s\",\"stream\":true,"
                                           "\"messages\":[{\"role\":\"user\",\"content\":\"hello there world\"}]}",
                                           model);
  g_autofree char *request = g_strdup_printf ("POST /openai/v1/chat/completions HTTP/1.1\r\n"
                                              "Host: 127.0.0.1\r\nAuthorization: Bearer test-key\r\n"
                                              "Connection: close\r\nContent-Length: %zu\r\n\r\n%s",
                                              strlen (body), body);
  GString *response = g_string_new (NULL);
  char buf[4096];
  gssize n;

  conn = g_socket_client_connect_to_host (client, "127.0.0.1",
                                          prism_fake_provider_get_port (f->provider), NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)),
                             request, strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);
  while ((n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (conn)),
                                   buf, sizeof buf, NULL, &error)) > 0)
    g_string_append_len (response, buf, n);
  g_assert_no_error (error);

  return g_string_free (response, FALSE);
}
