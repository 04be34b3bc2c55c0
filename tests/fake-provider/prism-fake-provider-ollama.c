/* prism-fake-provider-ollama.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Ollama's native chat (PROTOCOLS.md §5.1): NDJSON, streaming unless
 * "stream": false, "thinking" in the message for reasoning, whole tool
 * calls with arguments as an object, and counts and durations (in
 * nanoseconds) on the final "done": true line. No authentication. */

#define G_LOG_DOMAIN "prism-fake-provider"

#include "config.h"

#include "prism-fake-provider-private.h"

/* Durations are derived from the counts: 1 ms per prompt token and 10 ms
 * per generated token, so eval_count / eval_duration is 100 tokens/s. */
#define LOAD_DURATION   1000000
#define PROMPT_NS       1000000
#define EVAL_NS         10000000

static void
line_open (PrismFakeRequest *req,
           GString          *out)
{
  g_string_append (out, "{\"model\":");
  prism_fake_json_string (out, req->model);
  g_string_append (out, ",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":");
}

static void
ollama_head (PrismFakeRequest *req,
             GString          *out)
{
}

static void
append_tool_calls (PrismFakeRequest *req,
                   GString          *out)
{
  g_autofree char *arguments = prism_fake_request_dup_text (req, PRISM_FAKE_PIECE_TOOL);

  g_string_append (out, ",\"tool_calls\":[{\"function\":{\"name\":\"get_weather\",\"arguments\":");
  g_string_append (out, arguments);
  g_string_append (out, "}}]");
}

static void
ollama_piece (PrismFakeRequest   *req,
              PrismFakePieceKind  kind,
              guint               index,
              gboolean            last,
              const char         *text,
              GString            *out)
{
  if (kind == PRISM_FAKE_PIECE_TOOL && !last)
    return;

  line_open (req, out);
  switch (kind)
    {
    case PRISM_FAKE_PIECE_REASONING:
      g_string_append (out, "\"\",\"thinking\":");
      prism_fake_json_string (out, text);
      break;
    case PRISM_FAKE_PIECE_TOOL:
      g_string_append (out, "\"\"");
      append_tool_calls (req, out);
      break;
    case PRISM_FAKE_PIECE_CONTENT:
    default:
      prism_fake_json_string (out, text);
      break;
    }
  g_string_append (out, "},\"done\":false}\n");
}

static void
append_done (PrismFakeRequest *req,
             GString          *out)
{
  guint input, cached, output, reasoning;
  guint64 prompt_ns, eval_ns;

  g_string_append (out, ",\"done\":true,\"done_reason\":\"stop\"");
  if (req->scenario->no_usage)
    return;

  prism_fake_request_get_usage (req, &input, &cached, &output, &reasoning);
  prompt_ns = (guint64) input * PROMPT_NS;
  eval_ns = (guint64) (output + reasoning) * EVAL_NS;
  g_string_append_printf (out, ",\"total_duration\":%" G_GUINT64_FORMAT ",\"load_duration\":%d,"
                               "\"prompt_eval_count\":%u,\"prompt_eval_duration\":%" G_GUINT64_FORMAT ","
                               "\"eval_count\":%u,\"eval_duration\":%" G_GUINT64_FORMAT,
                          LOAD_DURATION + prompt_ns + eval_ns, LOAD_DURATION,
                          input, prompt_ns, output + reasoning, eval_ns);
}

static void
ollama_tail (PrismFakeRequest *req,
             GString          *out)
{
  line_open (req, out);
  g_string_append (out, "\"\"}");
  append_done (req, out);
  g_string_append (out, "}\n");
}

static void
ollama_stream_error (PrismFakeRequest *req,
                     GString          *out)
{
  g_string_append (out, "{\"error\":\"an error was encountered while running the model: unexpected EOF\"}\n");
}

static void
ollama_malformed (PrismFakeRequest *req,
                  GString          *out)
{
  line_open (req, out);
  g_string_append (out, "\"cut\n");
}

static void
ollama_complete (PrismFakeRequest *req,
                 GString          *out)
{
  g_autofree char *content = prism_fake_request_dup_text (req, PRISM_FAKE_PIECE_CONTENT);
  g_autofree char *thinking = prism_fake_request_dup_text (req, PRISM_FAKE_PIECE_REASONING);

  line_open (req, out);
  prism_fake_json_string (out, content);
  if (req->reasoning->len > 0)
    {
      g_string_append (out, ",\"thinking\":");
      prism_fake_json_string (out, thinking);
    }
  if (req->tool->len > 0)
    append_tool_calls (req, out);
  g_string_append_c (out, '}');
  append_done (req, out);
  g_string_append_c (out, '}');
}

static void
ollama_error (PrismFakeRequest *req,
              guint             status,
              const char       *message)
{
  g_autoptr(GString) body = g_string_new ("{\"error\":");

  if (message == NULL)
    {
      switch (status)
        {
        case 404:
          message = "model not found, try pulling it first";
          break;
        case 429:
          message = "server busy, please try again.  maximum pending requests exceeded";
          break;
        case 500:
          message = "llama runner process has terminated: exit status 2";
          break;
        case 502:
          message = "an error was encountered while running the model: connection refused";
          break;
        case 503:
          message = "server overloaded, please try again later";
          break;
        default:
          message = soup_status_get_phrase (status);
          break;
        }
    }

  prism_fake_json_string (body, message ? message : "error");
  g_string_append_c (body, '}');
  prism_fake_respond_json (req->msg, status, body->str);
}

const PrismFakeProtocol prism_fake_ollama_protocol = {
  .stream_content_type = "application/x-ndjson",
  .head = ollama_head,
  .piece = ollama_piece,
  .tail = ollama_tail,
  .stream_error = ollama_stream_error,
  .malformed = ollama_malformed,
  .complete = ollama_complete,
  .error = ollama_error,
};

static void
chat (PrismFakeRequest *req)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *body;

  if ((body = prism_fake_request_parse_body (req, parser)) == NULL)
    return;

  if (!prism_fake_request_set_model (req, json_object_get_string_member_with_default (body, "model", NULL)))
    return;

  prism_fake_request_read_messages (req, NULL, json_object_get_member (body, "messages"), "content");
  req->stream = json_object_get_boolean_member_with_default (body, "stream", TRUE);

  prism_fake_request_respond (req);
}

void
prism_fake_ollama_handle (PrismFakeProvider *self,
                          SoupServerMessage *msg,
                          const char        *path)
{
  g_autoptr(PrismFakeRequest) req = prism_fake_request_new (self, msg, PRISM_FAKE_FLAVOR_OLLAMA,
                                                            &prism_fake_ollama_protocol);
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (path, "/api/chat") && method == SOUP_METHOD_POST)
    chat (req);
  else if (g_str_equal (path, "/api/tags") && method == SOUP_METHOD_GET)
    prism_fake_respond_json (msg, SOUP_STATUS_OK,
                             "{\"models\":["
                             "{\"name\":\"llama3.2:latest\",\"model\":\"llama3.2:latest\","
                             "\"modified_at\":\"2026-01-01T00:00:00Z\",\"size\":2019393189,"
                             "\"digest\":\"a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72\","
                             "\"details\":{\"parent_model\":\"\",\"format\":\"gguf\",\"family\":\"llama\","
                             "\"families\":[\"llama\"],\"parameter_size\":\"3.2B\",\"quantization_level\":\"Q4_K_M\"}},"
                             "{\"name\":\"echo:latest\",\"model\":\"echo:latest\","
                             "\"modified_at\":\"2026-01-01T00:00:00Z\",\"size\":1024,"
                             "\"digest\":\"0000000000000000000000000000000000000000000000000000000000000000\","
                             "\"details\":{\"parent_model\":\"\",\"format\":\"gguf\",\"family\":\"fake\","
                             "\"families\":[\"fake\"],\"parameter_size\":\"1B\",\"quantization_level\":\"Q8_0\"}}]}");
  else
    prism_fake_respond_json (msg, SOUP_STATUS_NOT_FOUND, "{\"error\":\"404 page not found\"}");
}
