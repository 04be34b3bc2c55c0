/* prism-fake-provider-openai.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* OpenAI Chat Completions and the providers that copy it, each with its
 * own usage placement (PROTOCOLS.md §1, §2, §6):
 *
 *   openai      usage only with stream_options.include_usage, in a last
 *               chunk with "choices": []; every other chunk "usage": null
 *   openrouter  ": OPENROUTER PROCESSING" comments, "reasoning" deltas,
 *               usage with "cost" always in a last empty-choices chunk
 *   groq        x_groq {id} first; the finish chunk carries x_groq.usage
 *               and the same top-level usage, with timings
 *   deepseek    "usage": null until the finish chunk, which carries usage
 *               with prompt_cache_hit_tokens / prompt_cache_miss_tokens
 *   xai         no finish_reason until the end; a last empty-choices usage
 *               chunk whose completion_tokens exclude reasoning tokens
 *   mistral     usage on the finish chunk
 *   perplexity  cumulative usage and citations on every chunk; the last
 *               chunk is "chat.completion.done"; no [DONE]
 *   local       LM Studio and llama.cpp: as openai, with no key needed
 *
 * OpenRouter also honours a "models" fallback list: the first model whose
 * scenario does not fail answers, and the body's "model" says which.
 */

#define G_LOG_DOMAIN "prism-fake-provider"

#include "config.h"

#include <string.h>

#include "prism-fake-provider-private.h"

typedef struct
{
  const char *id;
  const char *name;
  const char *prompt;
  const char *completion;
  const char *cache_read;
  const char *cache_write;
  guint       context_length;
  const char *modalities;
  const char *parameters;
} CatalogModel;

/* OpenRouter's catalog; prices are USD per token, as OpenRouter writes them. */
static const CatalogModel catalog[] = {
  { "fake/echo", "Fake: Echo", "0.000001", "0.000002", "0.0000001", NULL, 32768,
    "[\"text\"]",
    "[\"max_tokens\",\"temperature\",\"top_p\",\"stop\",\"tools\",\"tool_choice\",\"reasoning\",\"include_reasoning\"]" },
  { "openai/gpt-4o-mini", "OpenAI: GPT-4o-mini", "0.00000015", "0.0000006", "0.000000075", NULL, 128000,
    "[\"text\",\"image\",\"file\"]",
    "[\"max_tokens\",\"temperature\",\"top_p\",\"stop\",\"seed\",\"tools\",\"tool_choice\",\"response_format\",\"structured_outputs\"]" },
  { "anthropic/claude-sonnet-4.5", "Anthropic: Claude Sonnet 4.5", "0.000003", "0.000015", "0.0000003", "0.00000375", 1000000,
    "[\"text\",\"image\",\"file\"]",
    "[\"max_tokens\",\"temperature\",\"top_p\",\"stop\",\"tools\",\"tool_choice\",\"reasoning\",\"include_reasoning\"]" },
  { "deepseek/deepseek-r1:free", "DeepSeek: R1 (free)", "0", "0", NULL, NULL, 163840,
    "[\"text\"]",
    "[\"max_tokens\",\"temperature\",\"reasoning\",\"include_reasoning\"]" },
};

static const char *flavor_models[] = {
  [PRISM_FAKE_FLAVOR_OPENAI] = "gpt-4o-mini",
  [PRISM_FAKE_FLAVOR_OPENROUTER] = "openai/gpt-4o-mini",
  [PRISM_FAKE_FLAVOR_GROQ] = "llama-3.3-70b-versatile",
  [PRISM_FAKE_FLAVOR_DEEPSEEK] = "deepseek-chat",
  [PRISM_FAKE_FLAVOR_XAI] = "grok-4",
  [PRISM_FAKE_FLAVOR_MISTRAL] = "mistral-small-latest",
  [PRISM_FAKE_FLAVOR_PERPLEXITY] = "sonar",
  [PRISM_FAKE_FLAVOR_LOCAL] = "llama-3.2-3b-instruct",
};

static const char *
id_prefix (PrismFakeRequest *req)
{
  return req->flavor == PRISM_FAKE_FLAVOR_OPENROUTER ? "gen-fake" : "chatcmpl-fake";
}

static const CatalogModel *
price_of (PrismFakeRequest *req)
{
  for (guint i = 0; i < G_N_ELEMENTS (catalog); i++)
    if (g_str_equal (catalog[i].id, req->scenario->name))
      return &catalog[i];

  return &catalog[0];
}

static void
append_double (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.12g", value));
}

static void
append_usage (PrismFakeRequest *req,
              GString          *out)
{
  guint input, cached, output, reasoning;

  prism_fake_request_get_usage (req, &input, &cached, &output, &reasoning);

  switch (req->flavor)
    {
    case PRISM_FAKE_FLAVOR_GROQ:
      g_string_append_printf (out,
                              "{\"queue_time\":0.012,\"prompt_tokens\":%u,\"prompt_time\":0.002,"
                              "\"completion_tokens\":%u,\"completion_time\":0.04,"
                              "\"total_tokens\":%u,\"total_time\":0.042}",
                              input, output + reasoning, input + output + reasoning);
      return;

    case PRISM_FAKE_FLAVOR_MISTRAL:
      g_string_append_printf (out,
                              "{\"prompt_tokens\":%u,\"total_tokens\":%u,\"completion_tokens\":%u}",
                              input, input + output + reasoning, output + reasoning);
      return;

    case PRISM_FAKE_FLAVOR_PERPLEXITY:
      g_string_append_printf (out,
                              "{\"prompt_tokens\":%u,\"completion_tokens\":%u,\"total_tokens\":%u,"
                              "\"search_context_size\":\"low\"}",
                              input, output + reasoning, input + output + reasoning);
      return;

    case PRISM_FAKE_FLAVOR_XAI:
      /* xAI counts reasoning apart from completion tokens. */
      g_string_append_printf (out,
                              "{\"prompt_tokens\":%u,\"completion_tokens\":%u,\"total_tokens\":%u,"
                              "\"prompt_tokens_details\":{\"text_tokens\":%u,\"audio_tokens\":0,"
                              "\"image_tokens\":0,\"cached_tokens\":%u},"
                              "\"completion_tokens_details\":{\"reasoning_tokens\":%u,\"audio_tokens\":0,"
                              "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0},"
                              "\"num_sources_used\":0,\"cost_in_usd_ticks\":%u}",
                              input, output, input + output + reasoning, input, cached,
                              reasoning, (input + output + reasoning) * 1000);
      return;

    case PRISM_FAKE_FLAVOR_DEEPSEEK:
      g_string_append_printf (out,
                              "{\"prompt_tokens\":%u,\"completion_tokens\":%u,\"total_tokens\":%u,"
                              "\"prompt_tokens_details\":{\"cached_tokens\":%u},"
                              "\"completion_tokens_details\":{\"reasoning_tokens\":%u},"
                              "\"prompt_cache_hit_tokens\":%u,\"prompt_cache_miss_tokens\":%u}",
                              input, output + reasoning, input + output + reasoning,
                              cached, reasoning, cached, input - cached);
      return;

    case PRISM_FAKE_FLAVOR_OPENAI:
    case PRISM_FAKE_FLAVOR_OPENROUTER:
    case PRISM_FAKE_FLAVOR_LOCAL:
    default:
      g_string_append_printf (out,
                              "{\"prompt_tokens\":%u,\"completion_tokens\":%u,\"total_tokens\":%u,"
                              "\"prompt_tokens_details\":{\"cached_tokens\":%u,\"audio_tokens\":0",
                              input, output + reasoning, input + output + reasoning, cached);
      if (req->flavor == PRISM_FAKE_FLAVOR_OPENROUTER)
        g_string_append_printf (out, ",\"cache_write_tokens\":%u",
                                prism_fake_request_get_cache_write (req));
      g_string_append_printf (out,
                              "},\"completion_tokens_details\":{\"reasoning_tokens\":%u,\"audio_tokens\":0,"
                              "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}",
                              reasoning);
      if (req->flavor == PRISM_FAKE_FLAVOR_OPENROUTER)
        {
          const CatalogModel *model = price_of (req);
          guint written = prism_fake_request_get_cache_write (req);
          double prompt = g_ascii_strtod (model->prompt, NULL);
          double read_price = model->cache_read ? g_ascii_strtod (model->cache_read, NULL) : prompt;
          double write_price = model->cache_write ? g_ascii_strtod (model->cache_write, NULL) : prompt;
          double cost = (input - cached - written) * prompt
                        + cached * read_price
                        + written * write_price
                        + (output + reasoning) * g_ascii_strtod (model->completion, NULL);

          g_string_append (out, ",\"cost\":");
          append_double (out, cost);
          g_string_append (out, ",\"is_byok\":false,\"cost_details\":{\"upstream_inference_cost\":null,"
                                "\"upstream_inference_prompt_cost\":0,\"upstream_inference_completions_cost\":0}");
        }
      g_string_append_c (out, '}');
      return;
    }
}

static gboolean
wants_usage_chunk (PrismFakeRequest *req)
{
  if (req->scenario->no_usage)
    return FALSE;

  switch (req->flavor)
    {
    case PRISM_FAKE_FLAVOR_OPENAI:
    case PRISM_FAKE_FLAVOR_LOCAL:
      return req->include_usage;
    case PRISM_FAKE_FLAVOR_OPENROUTER:
    case PRISM_FAKE_FLAVOR_XAI:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The members every chunk starts with, without the closing brace. */
static void
chunk_open (PrismFakeRequest *req,
            GString          *out,
            const char       *object)
{
  /* No printf: this runs once per chunk, and printf allocates. */
  g_string_append (out, "data: {\"id\":\"");
  g_string_append (out, id_prefix (req));
  g_string_append (out, req->id);
  g_string_append (out, "\",\"object\":\"");
  g_string_append (out, object);
  g_string_append (out, "\",\"created\":" G_STRINGIFY (PRISM_FAKE_CREATED) ",\"model\":");
  prism_fake_json_string (out, req->model);
  if (req->flavor == PRISM_FAKE_FLAVOR_OPENROUTER)
    g_string_append (out, ",\"provider\":\"Fake\"");
  if (req->flavor == PRISM_FAKE_FLAVOR_OPENAI)
    g_string_append (out, ",\"system_fingerprint\":\"fp_fake\"");
}

static void
chunk_close (PrismFakeRequest *req,
             GString          *out)
{
  if (req->flavor == PRISM_FAKE_FLAVOR_PERPLEXITY && !req->scenario->no_usage)
    {
      g_string_append (out, ",\"citations\":[\"https://example.com/fake-source\"],\"usage\":");
      append_usage (req, out);
    }
  else if (((req->flavor == PRISM_FAKE_FLAVOR_OPENAI || req->flavor == PRISM_FAKE_FLAVOR_LOCAL) &&
            req->include_usage) ||
           req->flavor == PRISM_FAKE_FLAVOR_DEEPSEEK)
    g_string_append (out, ",\"usage\":null");

  g_string_append (out, "}\n\n");
}

/* A chunk whose only choice has a delta: delta_open() leaves the delta
 * object open for its members, delta_close() closes it and the chunk. */
static void
delta_open (PrismFakeRequest *req,
            GString          *out)
{
  chunk_open (req, out, "chat.completion.chunk");
  g_string_append (out, ",\"choices\":[{\"index\":0,\"delta\":{");
}

static void
delta_close (PrismFakeRequest *req,
             GString          *out)
{
  g_string_append_c (out, '}');
  if (req->flavor != PRISM_FAKE_FLAVOR_XAI && req->flavor != PRISM_FAKE_FLAVOR_PERPLEXITY)
    g_string_append (out, ",\"logprobs\":null,\"finish_reason\":null");
  g_string_append (out, "}]");
  chunk_close (req, out);
}

/* Appends a chunk whose delta has the members @members (JSON text). */
static void
append_delta (PrismFakeRequest *req,
              GString          *out,
              const char       *members)
{
  delta_open (req, out);
  g_string_append (out, members);
  delta_close (req, out);
}

static const char *
reasoning_member (PrismFakeRequest *req)
{
  switch (req->flavor)
    {
    case PRISM_FAKE_FLAVOR_OPENROUTER:
    case PRISM_FAKE_FLAVOR_GROQ:
      return "reasoning";
    default:
      return "reasoning_content";
    }
}

static void
openai_head (PrismFakeRequest *req,
             GString          *out)
{
  if (req->flavor == PRISM_FAKE_FLAVOR_OPENROUTER)
    g_string_append (out, ": OPENROUTER PROCESSING\n\n: OPENROUTER PROCESSING\n\n");

  if (req->flavor == PRISM_FAKE_FLAVOR_GROQ)
    {
      chunk_open (req, out, "chat.completion.chunk");
      g_string_append (out, ",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                            "\"logprobs\":null,\"finish_reason\":null}]");
      g_string_append_printf (out, ",\"x_groq\":{\"id\":\"req_fake%s\",\"seed\":42}", req->id);
      chunk_close (req, out);
      return;
    }

  if (req->flavor == PRISM_FAKE_FLAVOR_OPENAI)
    append_delta (req, out, "\"role\":\"assistant\",\"content\":\"\",\"refusal\":null");
  else
    append_delta (req, out, "\"role\":\"assistant\",\"content\":\"\"");
}

static void
openai_piece (PrismFakeRequest   *req,
              PrismFakePieceKind  kind,
              guint               index,
              gboolean            last,
              const char         *text,
              GString            *out)
{
  /* Written straight into @out: this runs once per chunk. */
  if (kind == PRISM_FAKE_PIECE_TOOL && index == 0)
    append_delta (req, out,
                  "\"tool_calls\":[{\"index\":0,\"id\":\"call_fake_1\",\"type\":\"function\","
                  "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]");

  delta_open (req, out);
  switch (kind)
    {
    case PRISM_FAKE_PIECE_REASONING:
      g_string_append_printf (out, "\"%s\":", reasoning_member (req));
      prism_fake_json_string (out, text);
      break;

    case PRISM_FAKE_PIECE_TOOL:
      g_string_append (out, "\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":");
      prism_fake_json_string (out, text);
      g_string_append (out, "}}]");
      break;

    case PRISM_FAKE_PIECE_CONTENT:
    default:
      g_string_append (out, "\"content\":");
      prism_fake_json_string (out, text);
      break;
    }
  delta_close (req, out);
}

static const char *
finish_reason (PrismFakeRequest *req)
{
  return req->tool->len > 0 ? "tool_calls" : "stop";
}

static void
openai_tail (PrismFakeRequest *req,
             GString          *out)
{
  gboolean usage_on_finish = !req->scenario->no_usage &&
                             (req->flavor == PRISM_FAKE_FLAVOR_GROQ ||
                              req->flavor == PRISM_FAKE_FLAVOR_DEEPSEEK ||
                              req->flavor == PRISM_FAKE_FLAVOR_MISTRAL);

  chunk_open (req, out, req->flavor == PRISM_FAKE_FLAVOR_PERPLEXITY ? "chat.completion.done"
                                                                    : "chat.completion.chunk");
  g_string_append_printf (out, ",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,"
                               "\"finish_reason\":\"%s\"", finish_reason (req));
  if (req->flavor == PRISM_FAKE_FLAVOR_OPENROUTER)
    g_string_append_printf (out, ",\"native_finish_reason\":\"%s\"", finish_reason (req));
  g_string_append (out, "}]");

  if (req->flavor == PRISM_FAKE_FLAVOR_GROQ && usage_on_finish)
    {
      g_string_append_printf (out, ",\"x_groq\":{\"id\":\"req_fake%s\",\"usage\":", req->id);
      append_usage (req, out);
      g_string_append_c (out, '}');
    }

  if (usage_on_finish)
    {
      g_string_append (out, ",\"usage\":");
      append_usage (req, out);
      g_string_append (out, "}\n\n");
    }
  else
    chunk_close (req, out);

  if (wants_usage_chunk (req))
    {
      chunk_open (req, out, "chat.completion.chunk");
      g_string_append (out, ",\"choices\":[],\"usage\":");
      append_usage (req, out);
      g_string_append (out, "}\n\n");
    }

  if (req->flavor != PRISM_FAKE_FLAVOR_PERPLEXITY)
    g_string_append (out, "data: [DONE]\n\n");
}

static void
openai_stream_error (PrismFakeRequest *req,
                     GString          *out)
{
  if (req->flavor == PRISM_FAKE_FLAVOR_OPENROUTER)
    {
      chunk_open (req, out, "chat.completion.chunk");
      g_string_append (out, ",\"error\":{\"code\":502,\"message\":\"Provider returned error\","
                            "\"metadata\":{\"error_type\":\"provider_unavailable\"}},"
                            "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},"
                            "\"finish_reason\":\"error\",\"native_finish_reason\":\"error\"}]}\n\n");
      return;
    }

  g_string_append (out, "data: {\"error\":{\"message\":\"The server had an error while processing "
                        "your request. Sorry about that!\",\"type\":\"server_error\","
                        "\"param\":null,\"code\":null}}\n\n");
}

static void
openai_malformed (PrismFakeRequest *req,
                  GString          *out)
{
  g_string_append_printf (out, "data: {\"id\":\"%s%s\",\"object\":\"chat.completion.chunk\","
                               "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"cut\n\n",
                          id_prefix (req), req->id);
}

static void
openai_complete (PrismFakeRequest *req,
                 GString          *out)
{
  g_autofree char *content = prism_fake_request_dup_text (req, PRISM_FAKE_PIECE_CONTENT);
  g_autofree char *reasoning = prism_fake_request_dup_text (req, PRISM_FAKE_PIECE_REASONING);
  g_autofree char *arguments = prism_fake_request_dup_text (req, PRISM_FAKE_PIECE_TOOL);

  g_string_append_printf (out, "{\"id\":\"%s%s\",\"object\":\"chat.completion\",\"created\":%d,\"model\":",
                          id_prefix (req), req->id, PRISM_FAKE_CREATED);
  prism_fake_json_string (out, req->model);
  if (req->flavor == PRISM_FAKE_FLAVOR_OPENROUTER)
    g_string_append (out, ",\"provider\":\"Fake\"");
  g_string_append (out, ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":");

  if (req->n_content > 0)
    prism_fake_json_string (out, content);
  else
    g_string_append (out, "null");

  if (req->reasoning->len > 0)
    {
      g_string_append_printf (out, ",\"%s\":", reasoning_member (req));
      prism_fake_json_string (out, reasoning);
    }

  if (req->tool->len > 0)
    {
      g_string_append (out, ",\"tool_calls\":[{\"id\":\"call_fake_1\",\"type\":\"function\","
                            "\"function\":{\"name\":\"get_weather\",\"arguments\":");
      prism_fake_json_string (out, arguments);
      g_string_append (out, "}}]");
    }

  g_string_append_printf (out, ",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"%s\"}]",
                          finish_reason (req));

  if (req->flavor == PRISM_FAKE_FLAVOR_PERPLEXITY)
    g_string_append (out, ",\"citations\":[\"https://example.com/fake-source\"]");
  if (req->flavor == PRISM_FAKE_FLAVOR_GROQ)
    g_string_append_printf (out, ",\"x_groq\":{\"id\":\"req_fake%s\"}", req->id);

  if (!req->scenario->no_usage)
    {
      g_string_append (out, ",\"usage\":");
      append_usage (req, out);
    }
  g_string_append_c (out, '}');
}

/* Errors */

typedef struct
{
  guint       status;
  const char *message;
  const char *type;
  const char *code;
  const char *metadata;
} ErrorInfo;

static const ErrorInfo openai_errors[] = {
  { 400, "Invalid request.", "invalid_request_error", NULL, NULL },
  { 401, "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.",
    "invalid_request_error", "invalid_api_key", NULL },
  { 402, "You exceeded your current quota, please check your plan and billing details.",
    "insufficient_quota", "insufficient_quota", NULL },
  { 403, "You are not allowed to use this model.", "invalid_request_error", "model_not_allowed", NULL },
  { 404, "The model does not exist or you do not have access to it.", "invalid_request_error", "model_not_found", NULL },
  { 408, "Request timed out.", "timeout", NULL, NULL },
  { 429, "Rate limit reached for requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.",
    "requests", "rate_limit_exceeded", NULL },
  { 500, "The server had an error while processing your request. Sorry about that!", "server_error", NULL, NULL },
  { 502, "Bad gateway.", "server_error", NULL, NULL },
  { 503, "The server is overloaded or not ready yet.", "server_error", NULL, NULL },
  { 529, "The engine is currently overloaded, please try again later.", "server_error", NULL, NULL },
};

static const ErrorInfo openrouter_errors[] = {
  { 400, "Invalid request", NULL, NULL, "{\"error_type\":\"invalid_request\"}" },
  { 401, "User not found.", NULL, NULL, NULL },
  { 402, "Insufficient credits. Add more using https://openrouter.ai/settings/credits", NULL, NULL,
    "{\"error_type\":\"payment_required\"}" },
  { 403, "Your input was flagged by moderation", NULL, NULL,
    "{\"error_type\":\"content_policy_violation\",\"reasons\":[\"violence\"],\"flagged_input\":\"…\","
    "\"provider_name\":\"Fake\",\"model_slug\":\"fake/echo\"}" },
  { 404, "No endpoints found for this model", NULL, NULL, "{\"error_type\":\"not_found\"}" },
  { 408, "Request timed out", NULL, NULL, "{\"error_type\":\"timeout\"}" },
  { 429, "Rate limit exceeded: free-models-per-min.", NULL, NULL,
    "{\"error_type\":\"rate_limit_exceeded\",\"provider_name\":\"Fake\"}" },
  { 500, "Internal Server Error", NULL, NULL, "{\"error_type\":\"server\"}" },
  { 502, "Provider returned error", NULL, NULL,
    "{\"error_type\":\"provider_unavailable\",\"provider_name\":\"Fake\",\"raw\":\"upstream connect error\"}" },
  { 503, "No allowed providers are available for the selected model.", NULL, NULL,
    "{\"error_type\":\"provider_unavailable\"}" },
  { 529, "Provider overloaded", NULL, NULL, "{\"error_type\":\"provider_overloaded\"}" },
};

static const ErrorInfo *
find_error (const ErrorInfo *table,
            gsize            n,
            guint            status)
{
  for (gsize i = 0; i < n; i++)
    if (table[i].status == status)
      return &table[i];

  /* Unlisted codes get the body of their family. */
  return find_error (table, n, status >= 500 ? 500 : 400);
}

static void
respond_error (PrismFakeRequest *req,
               guint             status,
               const char       *message,
               const ErrorInfo  *info)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  g_autoptr(GString) body = g_string_new (NULL);

  if (req->flavor == PRISM_FAKE_FLAVOR_OPENROUTER)
    {
      if (info == NULL)
        info = find_error (openrouter_errors, G_N_ELEMENTS (openrouter_errors), status);
      g_string_append_printf (body, "{\"error\":{\"code\":%u,\"message\":", status);
      prism_fake_json_string (body, message ? message : info->message);
      if (info->metadata != NULL)
        g_string_append_printf (body, ",\"metadata\":%s", info->metadata);
      g_string_append (body, "}}");

      if (status == 429)
        {
          soup_message_headers_replace (headers, "X-RateLimit-Limit", "20");
          soup_message_headers_replace (headers, "X-RateLimit-Remaining", "0");
          soup_message_headers_replace (headers, "X-RateLimit-Reset", "1767225660000");
        }
    }
  else
    {
      if (info == NULL)
        info = find_error (openai_errors, G_N_ELEMENTS (openai_errors), status);
      g_string_append (body, "{\"error\":{\"message\":");
      prism_fake_json_string (body, message ? message : info->message);
      g_string_append_printf (body, ",\"type\":\"%s\",\"param\":null,\"code\":", info->type);
      if (info->code != NULL)
        g_string_append_printf (body, "\"%s\"}}", info->code);
      else
        g_string_append (body, "null}}");

      if (status == 429 && req->flavor == PRISM_FAKE_FLAVOR_OPENAI)
        {
          soup_message_headers_replace (headers, "x-ratelimit-limit-requests", "3");
          soup_message_headers_replace (headers, "x-ratelimit-remaining-requests", "0");
          soup_message_headers_replace (headers, "x-ratelimit-reset-requests", "20s");
        }
    }

  prism_fake_respond_json (req->msg, status, body->str);
}

static void
openai_error (PrismFakeRequest *req,
              guint             status,
              const char       *message)
{
  respond_error (req, status, message, NULL);
}

const PrismFakeProtocol prism_fake_openai_protocol = {
  .stream_content_type = "text/event-stream; charset=utf-8",
  .head = openai_head,
  .piece = openai_piece,
  .tail = openai_tail,
  .stream_error = openai_stream_error,
  .malformed = openai_malformed,
  .complete = openai_complete,
  .error = openai_error,
};

/* Endpoints */

static gboolean
check_auth (PrismFakeRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *auth = soup_message_headers_get_one (headers, "Authorization");

  /* Local servers take any key, or none. */
  if (req->flavor == PRISM_FAKE_FLAVOR_LOCAL ||
      (auth != NULL && g_str_equal (auth, "Bearer " PRISM_FAKE_PROVIDER_KEY)))
    return TRUE;

  if (auth == NULL && req->flavor == PRISM_FAKE_FLAVOR_OPENROUTER)
    openai_error (req, 401, "No auth credentials found");
  else if (auth == NULL)
    {
      static const ErrorInfo missing = {
        401, "You didn't provide an API key. You need to provide your API key in an Authorization "
             "header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        "invalid_request_error", NULL, NULL
      };
      respond_error (req, 401, NULL, &missing);
    }
  else
    openai_error (req, 401, NULL);

  return FALSE;
}

/* Sets the model, or with OpenRouter's "models" list, the first of
 * "model" and that list whose scenario does not fail (the last one when
 * all fail, as OpenRouter returns the last error). */
static gboolean
set_model (PrismFakeRequest *req,
           JsonObject       *body)
{
  const char *model = json_object_get_string_member_with_default (body, "model", NULL);
  JsonNode *node = json_object_get_member (body, "models");
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  JsonArray *models;

  if (model != NULL)
    g_ptr_array_add (candidates, (gpointer) model);

  if (req->flavor == PRISM_FAKE_FLAVOR_OPENROUTER && node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      models = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (models); i++)
        {
          JsonNode *element = json_array_get_element (models, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            g_ptr_array_add (candidates, (gpointer) json_node_get_string (element));
        }
    }

  if (candidates->len == 0)
    return prism_fake_request_set_model (req, NULL);

  for (guint i = 0; i < candidates->len; i++)
    {
      if (!prism_fake_request_set_model (req, g_ptr_array_index (candidates, i)))
        return FALSE;
      if (i + 1 == candidates->len || prism_fake_request_decide_failure (req) == 0)
        break;
    }

  return TRUE;
}

static void
chat (PrismFakeRequest *req)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *body;
  JsonObject *options;

  if (!check_auth (req) || (body = prism_fake_request_parse_body (req, parser)) == NULL)
    return;

  if (!json_object_has_member (body, "messages") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (body, "messages")))
    {
      openai_error (req, 400, "'messages' is a required property");
      return;
    }

  if (!set_model (req, body))
    return;

  prism_fake_request_read_messages (req, NULL, json_object_get_member (body, "messages"), "content");
  req->stream = json_object_get_boolean_member_with_default (body, "stream", FALSE);
  options = prism_fake_get_object (body, "stream_options");
  req->include_usage = options != NULL &&
                       json_object_get_boolean_member_with_default (options, "include_usage", FALSE);

  prism_fake_request_respond (req);
}

static void
list_models (PrismFakeRequest *req)
{
  static const char *scenario_models[] = { "echo", "markdown", "reasoning", "tool" };
  g_autoptr(GString) body = g_string_new ("{\"object\":\"list\",\"data\":[");

  g_string_append_printf (body, "{\"id\":\"%s\",\"object\":\"model\",\"created\":1721172741,"
                                "\"owned_by\":\"system\"}",
                          flavor_models[req->flavor]);
  for (guint i = 0; i < G_N_ELEMENTS (scenario_models); i++)
    g_string_append_printf (body, ",{\"id\":\"%s\",\"object\":\"model\",\"created\":%d,"
                                  "\"owned_by\":\"fake\"}",
                            scenario_models[i], PRISM_FAKE_CREATED);
  g_string_append (body, "]}");

  prism_fake_respond_json (req->msg, SOUP_STATUS_OK, body->str);
}

static void
list_openrouter_models (PrismFakeRequest *req)
{
  g_autoptr(GString) body = g_string_new ("{\"data\":[");

  for (guint i = 0; i < G_N_ELEMENTS (catalog); i++)
    {
      const CatalogModel *m = &catalog[i];

      if (i > 0)
        g_string_append_c (body, ',');
      g_string_append_printf (body,
                              "{\"id\":\"%s\",\"canonical_slug\":\"%s\",\"name\":\"%s\",\"created\":%d,"
                              "\"description\":\"%s for Prism's tests.\",\"context_length\":%u,"
                              "\"architecture\":{\"modality\":\"%s->text\",\"input_modalities\":%s,"
                              "\"output_modalities\":[\"text\"],\"tokenizer\":\"Other\",\"instruct_type\":null},"
                              "\"pricing\":{\"prompt\":\"%s\",\"completion\":\"%s\",\"request\":\"0\","
                              "\"image\":\"0\",\"web_search\":\"0\",\"internal_reasoning\":\"0\"",
                              m->id, m->id, m->name, PRISM_FAKE_CREATED, m->name, m->context_length,
                              strstr (m->modalities, "image") ? "text+image" : "text",
                              m->modalities, m->prompt, m->completion);
      if (m->cache_read != NULL)
        g_string_append_printf (body, ",\"input_cache_read\":\"%s\"", m->cache_read);
      if (m->cache_write != NULL)
        g_string_append_printf (body, ",\"input_cache_write\":\"%s\"", m->cache_write);
      g_string_append_printf (body,
                              "},\"top_provider\":{\"context_length\":%u,\"max_completion_tokens\":16384,"
                              "\"is_moderated\":false},\"per_request_limits\":null,"
                              "\"supported_parameters\":%s,\"default_parameters\":null}",
                              m->context_length, m->parameters);
    }
  g_string_append_printf (body, "],\"total_count\":%u,\"links\":{\"next\":null}}",
                          (guint) G_N_ELEMENTS (catalog));

  prism_fake_respond_json (req->msg, SOUP_STATUS_OK, body->str);
}

void
prism_fake_openai_handle (PrismFakeProvider *self,
                          SoupServerMessage *msg,
                          PrismFakeFlavor    flavor,
                          const char        *path)
{
  g_autoptr(PrismFakeRequest) req = prism_fake_request_new (self, msg, flavor, &prism_fake_openai_protocol);
  const char *method = soup_server_message_get_method (msg);
  gboolean openrouter = flavor == PRISM_FAKE_FLAVOR_OPENROUTER;

  if (g_str_equal (path, "/chat/completions") && method == SOUP_METHOD_POST)
    chat (req);
  else if (g_str_equal (path, "/models") && method == SOUP_METHOD_GET)
    {
      /* OpenRouter's catalog is public. */
      if (openrouter)
        list_openrouter_models (req);
      else if (check_auth (req))
        list_models (req);
    }
  else if (openrouter && (g_str_equal (path, "/key") || g_str_equal (path, "/auth/key")) &&
           method == SOUP_METHOD_GET)
    {
      if (check_auth (req))
        prism_fake_respond_json (msg, SOUP_STATUS_OK,
                                 "{\"data\":{\"label\":\"sk-or-v1-tes...key\",\"limit\":100,"
                                 "\"limit_reset\":\"monthly\",\"limit_remaining\":74.25,"
                                 "\"include_byok_in_limit\":false,\"usage\":25.75,\"usage_daily\":0.5,"
                                 "\"usage_weekly\":3.25,\"usage_monthly\":25.75,\"byok_usage\":0,"
                                 "\"byok_usage_daily\":0,\"byok_usage_weekly\":0,\"byok_usage_monthly\":0,"
                                 "\"is_free_tier\":false,\"is_management_key\":false,"
                                 "\"is_provisioning_key\":false,\"creator_user_id\":\"user_fake\","
                                 "\"expires_at\":null}}");
    }
  else if (openrouter && g_str_equal (path, "/credits") && method == SOUP_METHOD_GET)
    {
      if (check_auth (req))
        prism_fake_respond_json (msg, SOUP_STATUS_OK,
                                 "{\"data\":{\"total_credits\":100.5,\"total_usage\":25.75}}");
    }
  else
    openai_error (req, 404, "Unknown path for this provider.");
}
