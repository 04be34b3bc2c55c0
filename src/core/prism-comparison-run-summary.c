/* prism-comparison-run-summary.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-comparison-run"

#include "config.h"

#include "prism-comparison-run.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

/* The panes' figures as a table to paste elsewhere: Markdown for people
 * (unknown figures shown as —), CSV for spreadsheets (unknown figures
 * left empty, numbers unformatted, the column names of prism-cli's JSON,
 * and merged 1 in the row of an answer merged from the others).
 */

typedef struct
{
  const char *model;
  gboolean    merged;
  const char *status;
  const char *finish;
  double      ttft_ms;
  double      tokens_per_second;
  double      latency_ms;
  gint64      input;
  gint64      output;
  gint64      cached;
  double      cost;
} Row;

static void
read_row (PrismComparisonPane *pane,
          Row                 *row)
{
  const PrismUsage *usage = prism_comparison_pane_get_usage (pane);

  row->model = prism_comparison_pane_get_model (pane);
  row->merged = prism_comparison_pane_get_fusion (pane);
  row->status = prism_completion_status_to_string (prism_comparison_pane_get_status (pane));
  row->finish = prism_comparison_pane_get_finish_reason (pane);
  row->ttft_ms = prism_comparison_pane_get_ttft_ms (pane);
  row->tokens_per_second = prism_comparison_pane_get_tokens_per_second (pane);
  row->latency_ms = prism_comparison_pane_get_latency_ms (pane);
  row->cost = prism_comparison_pane_get_cost (pane, NULL);
  row->input = usage ? usage->input_tokens : -1;
  row->output = usage ? usage->output_tokens : -1;
  row->cached = usage ? usage->cached_input_tokens : -1;
}

static void
append_markdown_cell (GString    *out,
                      const char *text)
{
  g_string_append (out, " ");
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '|')
        g_string_append (out, "\\|");
      else if (*p == '\n')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
  g_string_append (out, " |");
}

static char *
format_number (double value,
               int    decimals,
               double scale)
{
  if (isnan (value))
    return g_strdup ("—");

  return g_strdup_printf ("%.*f", decimals, value * scale);
}

static char *
format_tokens (gint64 tokens)
{
  if (tokens < 0)
    return g_strdup ("—");

  return g_strdup_printf ("%" G_GINT64_FORMAT, tokens);
}

static void
append_markdown (GString *out,
                 Row     *row)
{
  g_autofree char *ttft = format_number (row->ttft_ms, 2, 0.001);
  g_autofree char *tps = format_number (row->tokens_per_second, 1, 1);
  g_autofree char *in = format_tokens (row->input);
  g_autofree char *output = format_tokens (row->output);
  g_autofree char *cached = format_tokens (row->cached);
  g_autofree char *cost = isnan (row->cost) ? g_strdup ("—") : g_strdup_printf ("$%.6f", row->cost);
  g_autofree char *latency = format_number (row->latency_ms, 2, 0.001);

  g_autofree char *model = row->merged ? g_strdup_printf (_("%s (merged)"), row->model) : g_strdup (row->model);

  g_string_append (out, "|");
  append_markdown_cell (out, model);
  append_markdown_cell (out, ttft);
  append_markdown_cell (out, tps);
  append_markdown_cell (out, in);
  append_markdown_cell (out, output);
  append_markdown_cell (out, cached);
  append_markdown_cell (out, cost);
  append_markdown_cell (out, row->finish ? row->finish : row->status);
  append_markdown_cell (out, latency);
  g_string_append_c (out, '\n');
}

static void
append_csv_text (GString    *out,
                 const char *text)
{
  if (text == NULL)
    return;

  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_csv_double (GString *out,
                   double   value,
                   int      decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *format = g_strdup_printf ("%%.%df", decimals);

  g_string_append_c (out, ',');
  if (!isnan (value))
    g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, format, value));
}

static void
append_csv_tokens (GString *out,
                   gint64   tokens)
{
  g_string_append_c (out, ',');
  if (tokens >= 0)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, tokens);
}

static void
append_csv (GString *out,
            Row     *row)
{
  append_csv_text (out, row->model);
  g_string_append_c (out, ',');
  append_csv_text (out, row->status);
  g_string_append_c (out, ',');
  append_csv_text (out, row->finish);
  append_csv_double (out, row->ttft_ms, 1);
  append_csv_double (out, row->tokens_per_second, 1);
  append_csv_tokens (out, row->input);
  append_csv_tokens (out, row->output);
  append_csv_tokens (out, row->cached);
  append_csv_double (out, row->cost, 8);
  append_csv_double (out, row->latency_ms, 1);
  g_string_append (out, row->merged ? ",1\r\n" : ",0\r\n");
}

/**
 * prism_comparison_run_format_summary:
 * @self: a #PrismComparisonRun
 * @format: Markdown or CSV
 *
 * Returns: (transfer full): one row per pane, in the panes' order
 */
char *
prism_comparison_run_format_summary (PrismComparisonRun           *self,
                                     PrismComparisonSummaryFormat  format)
{
  GListModel *model = G_LIST_MODEL (self);
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (PRISM_IS_COMPARISON_RUN (self), NULL);

  if (format == PRISM_COMPARISON_SUMMARY_MARKDOWN)
    {
      g_string_append_printf (out, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
                              _("Model"), _("First token (s)"), _("Tokens/s"), _("In"), _("Out"),
                              _("Cached"), _("Cost"), _("Finish"), _("Latency (s)"));
      g_string_append (out, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |\n");
    }
  else
    g_string_append (out, "model,status,finish_reason,ttft_ms,tokens_per_second,input_tokens,"
                          "output_tokens,cached_input_tokens,cost_usd,latency_ms,merged\r\n");

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PrismComparisonPane) pane = g_list_model_get_item (model, i);
      Row row;

      read_row (pane, &row);
      if (format == PRISM_COMPARISON_SUMMARY_MARKDOWN)
        append_markdown (out, &row);
      else
        append_csv (out, &row);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
