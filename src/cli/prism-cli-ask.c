/* prism-cli-ask.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "prism-cli.h"
#include "prism-cli-ask.h"
#include "prism-cli-context.h"
#include "prism-completion.h"
#include "prism-error.h"
#include "prism-format.h"

/* `prism-cli ask`: one model streams to standard output as it arrives;
 * several run at once and print each answer under its model's name when
 * it is done. Every request is kept in the history like one made in the
 * window.
 */

typedef struct
{
  PrismCliContext  *context;
  GPtrArray        *completions;
  GPtrArray        *recorders;
  GCancellable     *cancellable;
  guint             pending;
  gboolean          stream_to_terminal;
  gboolean          json;
  gboolean          color_out;
  gboolean          color_err;
  gboolean          reasoning_open;
  gboolean          content_started;
} Ask;

static char **models;
static char **fallbacks;
static char *system_prompt;
static double temperature = NAN;
static gint64 max_tokens = -1;
static gboolean no_stream;
static char *conversation_id;
static gboolean json;

static gboolean
parse_temperature (const char  *option_name,
                   const char  *value,
                   gpointer     data,
                   GError     **error)
{
  char *end = NULL;

  temperature = g_ascii_strtod (value, &end);
  if (end == value || *end != '\0' || temperature < 0 || temperature > 2)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--temperature takes a number from 0 to 2, not “%s”"), value);
      return FALSE;
    }

  return TRUE;
}

static const GOptionEntry entries[] = {
  { "model", 'm', 0, G_OPTION_ARG_STRING_ARRAY, &models,
    N_("Ask MODEL (PROVIDER:MODEL); give it several times to compare models"), N_("MODEL") },
  { "fallback", 0, 0, G_OPTION_ARG_STRING_ARRAY, &fallbacks,
    N_("Try MODEL when the models before it fail; may be given several times"), N_("MODEL") },
  { "system", 0, 0, G_OPTION_ARG_STRING, &system_prompt,
    N_("The system prompt"), N_("TEXT") },
  { "temperature", 0, 0, G_OPTION_ARG_CALLBACK, parse_temperature,
    N_("Sampling temperature, 0 to 2"), N_("F") },
  { "max-tokens", 0, 0, G_OPTION_ARG_INT64, &max_tokens,
    N_("The most tokens to generate"), N_("N") },
  { "no-stream", 0, 0, G_OPTION_ARG_NONE, &no_stream,
    N_("Ask for the whole answer at once instead of a stream"), NULL },
  { "conversation", 0, 0, G_OPTION_ARG_STRING, &conversation_id,
    N_("Continue the stored conversation ID"), N_("ID") },
  { "json", 0, 0, G_OPTION_ARG_NONE, &json,
    N_("Print the result as JSON"), NULL },
  { NULL }
};

static void
reset_options (void)
{
  g_clear_pointer (&models, g_strfreev);
  g_clear_pointer (&fallbacks, g_strfreev);
  g_clear_pointer (&system_prompt, g_free);
  g_clear_pointer (&conversation_id, g_free);
  temperature = NAN;
  max_tokens = -1;
  no_stream = FALSE;
  json = FALSE;
}

static char *
read_prompt (const char  *argument,
             GError     **error)
{
  g_autoptr(GString) prompt = NULL;
  char buffer[8192];
  size_t n;

  if (!g_str_equal (argument, "-"))
    return g_strdup (argument);

  prompt = g_string_new (NULL);
  while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
    g_string_append_len (prompt, buffer, n);

  if (ferror (stdin))
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG, _("Could not read the prompt from standard input."));
      return NULL;
    }

  if (!g_utf8_validate_len (prompt->str, prompt->len, NULL))
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("The prompt on standard input is not UTF-8 text."));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&prompt), FALSE);
}

static void
delta_cb (PrismCompletion  *completion,
          PrismStreamEvent *event,
          Ask              *ask)
{
  if (!ask->stream_to_terminal)
    return;

  switch (event->kind)
    {
    case PRISM_STREAM_EVENT_REASONING:
      /* Reasoning goes to standard error, dimmed on a terminal, so that
       * standard output holds the answer alone.
       */
      if (ask->color_err && !ask->reasoning_open)
        fputs ("\033[2m", stderr);
      ask->reasoning_open = TRUE;
      fputs (event->text, stderr);
      fflush (stderr);
      break;

    case PRISM_STREAM_EVENT_CONTENT:
      if (ask->reasoning_open)
        {
          fputs (ask->color_err ? "\033[0m\n" : "\n", stderr);
          ask->reasoning_open = FALSE;
        }
      ask->content_started = TRUE;
      fputs (event->text, stdout);
      fflush (stdout);
      break;

    case PRISM_STREAM_EVENT_TOOL_CALL:
    case PRISM_STREAM_EVENT_USAGE:
    case PRISM_STREAM_EVENT_FINISH:
    case PRISM_STREAM_EVENT_ERROR:
    default:
      break;
    }
}

static char *
format_summary (PrismCompletion *completion)
{
  const PrismUsage *usage = prism_completion_get_usage (completion);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *cost_text = NULL;
  PrismCostSource source;
  double cost, ttft, tps;

  if (usage->known)
    {
      g_autofree char *in = prism_format_tokens (usage->input_tokens);
      g_autofree char *out = prism_format_tokens (usage->output_tokens);

      /* Translators: tokens sent and received, e.g. "12 in, 340 out" */
      g_string_append_printf (line, _("%s in, %s out"), in, out);
    }
  else
    g_string_append (line, _("tokens unknown"));

  cost = prism_completion_get_cost (completion, &source);
  if (isnan (cost))
    cost_text = g_strdup (_("cost unknown"));
  else if (source == PRISM_COST_SOURCE_BUNDLED)
    {
      g_autofree char *money = prism_format_cost (cost);

      /* Translators: a cost computed from Prism's own price table */
      cost_text = g_strdup_printf (_("%s (estimate)"), money);
    }
  else
    cost_text = prism_format_cost (cost);
  g_string_append_printf (line, " · %s", cost_text);

  ttft = prism_completion_get_ttft_ms (completion);
  if (!isnan (ttft))
    /* Translators: time to first token, in seconds */
    g_string_append_printf (line, _(" · first token %.2f s"), ttft / 1000.0);

  tps = prism_completion_get_tokens_per_second (completion);
  if (!isnan (tps))
    g_string_append_printf (line, _(" · %.1f tokens/s"), tps);

  return g_string_free (g_steal_pointer (&line), FALSE);
}

static void
print_error (Ask             *ask,
             PrismCompletion *completion)
{
  const GError *error = prism_completion_get_error (completion);
  guint status;

  if (error == NULL)
    return;

  status = prism_error_get_http_status (error);
  if (status != 0)
    g_printerr ("prism-cli: %s: HTTP %u: %s\n", prism_completion_get_model (completion), status, error->message);
  else
    g_printerr ("prism-cli: %s: %s\n", prism_completion_get_model (completion), error->message);

  if (prism_completion_get_status (completion) == PRISM_COMPLETION_PARTIAL)
    g_printerr (_("prism-cli: %s: the answer above is incomplete; what arrived is kept in the history.\n"),
                prism_completion_get_model (completion));
}

static void
print_done_completion (Ask             *ask,
                       PrismCompletion *completion)
{
  g_autofree char *summary = format_summary (completion);

  if (ask->stream_to_terminal)
    {
      if (ask->reasoning_open)
        fputs (ask->color_err ? "\033[0m\n" : "\n", stderr);
      if (ask->content_started)
        fputs ("\n", stdout);
      fflush (stdout);
      g_printerr ("%s%s%s\n", ask->color_err ? "\033[2m" : "", summary, ask->color_err ? "\033[0m" : "");
      print_error (ask, completion);
      return;
    }

  /* Several models: each answer under its model's name, as it ends. */
  if (ask->color_out)
    printf ("\033[1m── %s ──\033[0m\n", prism_completion_get_served_by (completion));
  else
    printf ("── %s ──\n", prism_completion_get_served_by (completion));
  if (prism_completion_get_reasoning (completion) != NULL)
    {
      g_autofree char *reasoning = g_strchomp (g_strdup (prism_completion_get_reasoning (completion)));

      printf ("%s%s%s\n\n", ask->color_out ? "\033[2m" : "", reasoning, ask->color_out ? "\033[0m" : "");
    }
  if (*prism_completion_get_content (completion) != '\0')
    printf ("%s\n", prism_completion_get_content (completion));
  printf ("%s%s%s\n\n", ask->color_out ? "\033[2m" : "", summary, ask->color_out ? "\033[0m" : "");
  fflush (stdout);
  print_error (ask, completion);
}

static void
completion_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Ask *ask = user_data;
  PrismCompletion *completion = PRISM_COMPLETION (object);

  prism_completion_run_finish (completion, result, NULL);

  if (!ask->json)
    print_done_completion (ask, completion);

  ask->pending--;
}

static gboolean
interrupt_cb (gpointer user_data)
{
  Ask *ask = user_data;

  /* A second Ctrl+C while the history is being written waits: nothing
   * is lost by waiting for a cancelled stream to end.
   */
  g_cancellable_cancel (ask->cancellable);

  return G_SOURCE_CONTINUE;
}

int
prism_cli_ask (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) option_context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrismChatRequest) request = NULL;
  g_autoptr(PrismCliContext) context = NULL;
  g_autofree char *prompt = NULL;
  g_autoptr(GPtrArray) chain_names = NULL;
  Ask ask = { 0 };
  guint sigint_source;
  int exit_code = PRISM_CLI_EXIT_OK;

  reset_options ();

  g_set_prgname ("prism-cli ask");
  option_context = g_option_context_new (_("PROMPT"));
  g_option_context_set_translation_domain (option_context, GETTEXT_PACKAGE);
  g_option_context_set_summary (option_context,
                                _("Ask one model, or several at once to compare them. PROMPT “-” reads standard input.\n"
                                  "With several -m, each answer is printed under its model's name when it is done.\n"
                                  "The model may also come from the PRISM_MODEL environment variable."));
  g_option_context_add_main_entries (option_context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (option_context, &argc, &argv, &error))
    {
      g_printerr ("prism-cli ask: %s\n", error->message);
      reset_options ();
      return PRISM_CLI_EXIT_USAGE;
    }

  if (argc != 2)
    {
      g_printerr ("prism-cli ask: %s\n",
                  argc < 2 ? _("Give the prompt, or “-” to read it from standard input.")
                           : _("Give the prompt as one argument; quote it when it has spaces."));
      reset_options ();
      return PRISM_CLI_EXIT_USAGE;
    }

  if (models == NULL && g_getenv ("PRISM_MODEL") != NULL && *g_getenv ("PRISM_MODEL") != '\0')
    models = g_strdupv ((char *[]) { (char *)g_getenv ("PRISM_MODEL"), NULL });

  if (models == NULL)
    {
      g_printerr ("prism-cli ask: %s\n",
                  _("Name a model with -m PROVIDER:MODEL (such as -m openai:gpt-4o-mini), or set PRISM_MODEL. "
                    "“prism-cli models” lists them."));
      reset_options ();
      return PRISM_CLI_EXIT_USAGE;
    }

  prompt = read_prompt (argv[1], &error);
  if (prompt == NULL || *g_strstrip (prompt) == '\0')
    {
      g_printerr ("prism-cli ask: %s\n", error ? error->message : _("The prompt is empty."));
      reset_options ();
      return PRISM_CLI_EXIT_USAGE;
    }

  context = prism_cli_context_new (&error);
  if (context == NULL)
    {
      g_printerr ("prism-cli ask: %s\n", error->message);
      reset_options ();
      return PRISM_CLI_EXIT_USAGE;
    }

  /* Everything that can be checked before sending is checked before
   * sending: a wrong name or a missing key sends nothing.
   */
  for (guint i = 0; models[i] != NULL; i++)
    {
      if (!prism_cli_context_check_model (context, models[i], &error))
        {
          g_printerr ("prism-cli ask: %s\n", error->message);
          reset_options ();
          return PRISM_CLI_EXIT_USAGE;
        }
    }
  for (guint i = 0; fallbacks != NULL && fallbacks[i] != NULL; i++)
    {
      if (!prism_cli_context_check_model (context, fallbacks[i], &error))
        {
          g_printerr ("prism-cli ask: %s\n", error->message);
          reset_options ();
          return PRISM_CLI_EXIT_USAGE;
        }
    }

  request = prism_chat_request_new ();
  if (system_prompt != NULL)
    prism_chat_request_set_system_prompt (request, system_prompt);
  if (!isnan (temperature))
    prism_chat_request_set_temperature (request, temperature);
  if (max_tokens > 0)
    prism_chat_request_set_max_tokens (request, max_tokens);
  prism_chat_request_set_stream (request, !no_stream);

  if (!prism_cli_context_prepare_conversation (context, conversation_id, request,
                                               (const char * const *)models, prompt, &error))
    {
      g_printerr ("prism-cli ask: %s\n", error->message);
      reset_options ();
      return g_error_matches (error, PRISM_ERROR, PRISM_ERROR_CONFIG) ? PRISM_CLI_EXIT_USAGE
                                                                      : PRISM_CLI_EXIT_FAILED;
    }

  ask.context = context;
  ask.json = json;
  ask.cancellable = g_cancellable_new ();
  ask.completions = g_ptr_array_new_with_free_func (g_object_unref);
  ask.stream_to_terminal = !json && g_strv_length (models) == 1;
  ask.color_out = isatty (STDOUT_FILENO) && g_getenv ("NO_COLOR") == NULL;
  ask.color_err = isatty (STDERR_FILENO) && g_getenv ("NO_COLOR") == NULL;

  for (guint i = 0; models[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) chain = g_ptr_array_new ();
      PrismCompletion *completion;

      g_ptr_array_add (chain, models[i]);
      for (guint j = 0; fallbacks != NULL && fallbacks[j] != NULL; j++)
        g_ptr_array_add (chain, fallbacks[j]);
      g_ptr_array_add (chain, NULL);

      completion = prism_completion_new (prism_cli_context_get_client (context),
                                         (const char * const *)chain->pdata, request);
      g_signal_connect (completion, "delta", G_CALLBACK (delta_cb), &ask);
      g_ptr_array_add (ask.completions, completion);
    }

  /* Recorders first connect to the completions, so that what the
   * terminal shows is already on its way to the history.
   */
  prism_cli_context_record (context, ask.completions);

  sigint_source = g_unix_signal_add (SIGINT, interrupt_cb, &ask);

  for (guint i = 0; i < ask.completions->len; i++)
    {
      ask.pending++;
      prism_completion_run_async (g_ptr_array_index (ask.completions, i), ask.cancellable,
                                  completion_done_cb, &ask);
    }

  while (ask.pending > 0)
    g_main_context_iteration (NULL, TRUE);

  if (!prism_cli_context_finish_recording (context, &error))
    {
      g_printerr (_("prism-cli ask: the answer could not be kept in the history: %s\n"), error->message);
      exit_code = PRISM_CLI_EXIT_FAILED;
      g_clear_error (&error);
    }

  g_source_remove (sigint_source);

  if (json)
    prism_cli_print_completions_json (context, ask.completions, g_strv_length (models) > 1);

  for (guint i = 0; i < ask.completions->len; i++)
    {
      if (prism_completion_get_status (g_ptr_array_index (ask.completions, i)) != PRISM_COMPLETION_COMPLETE)
        exit_code = PRISM_CLI_EXIT_FAILED;
    }

  g_clear_pointer (&ask.completions, g_ptr_array_unref);
  g_clear_object (&ask.cancellable);
  reset_options ();

  return exit_code;
}
