/* prism-spend-export.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-spend-export"

#include "config.h"

#include "prism-spend-export.h"

#include <math.h>
#include <string.h>

#include "prism-store-activity.h"

static void
append_text (GString    *csv,
             const char *text)
{
  if (text == NULL)
    return;

  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (csv, text);
      return;
    }

  g_string_append_c (csv, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

static void
append_double (GString    *csv,
               const char *format,
               double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value) || isinf (value))
    return;

  g_string_append (csv, g_ascii_formatd (buffer, sizeof buffer, format, value));
}

static void
append_int (GString *csv,
            gint64   value)
{
  g_string_append_printf (csv, "%" G_GINT64_FORMAT, value);
}

#define SEP(csv) g_string_append_c (csv, ',')
#define END(csv) g_string_append (csv, "\r\n")

/**
 * prism_spend_export_models_csv:
 * @model_stats: (element-type PrismModelStats): the Spend page's table
 *
 * Returns: (transfer full): the table as CSV, with a header line
 */
char *
prism_spend_export_models_csv (GPtrArray *model_stats)
{
  GString *csv = g_string_new ("model,provider,requests,unknown_cost_requests,input_tokens,"
                               "output_tokens,cost_usd,estimated_cost_usd,mean_cost_usd,"
                               "mean_ttft_ms,output_tokens_per_second,error_rate\r\n");

  g_return_val_if_fail (model_stats != NULL, NULL);

  for (guint i = 0; i < model_stats->len; i++)
    {
      const PrismModelStats *s = g_ptr_array_index (model_stats, i);
      gboolean any_known = s->requests > s->unknown_cost_requests;

      append_text (csv, s->model); SEP (csv);
      append_text (csv, s->provider); SEP (csv);
      append_int (csv, s->requests); SEP (csv);
      append_int (csv, s->unknown_cost_requests); SEP (csv);
      append_int (csv, s->input_tokens); SEP (csv);
      append_int (csv, s->output_tokens); SEP (csv);
      append_double (csv, "%.6f", any_known ? s->cost_usd : NAN); SEP (csv);
      append_double (csv, "%.6f", any_known ? s->estimated_cost_usd : NAN); SEP (csv);
      append_double (csv, "%.6f", prism_model_stats_get_mean_cost (s)); SEP (csv);
      append_double (csv, "%.1f", s->mean_ttft_ms); SEP (csv);
      append_double (csv, "%.1f", s->output_tokens_per_second); SEP (csv);
      append_double (csv, "%.4f", prism_model_stats_get_error_rate (s));
      END (csv);
    }

  return g_string_free (csv, FALSE);
}

/**
 * prism_spend_export_attempts_csv:
 * @attempts: (element-type PrismAttempt): the activity log's rows
 *
 * Returns: (transfer full): the attempts as CSV, with a header line;
 *   times in UTC, ISO 8601
 */
char *
prism_spend_export_attempts_csv (GPtrArray *attempts)
{
  GString *csv = g_string_new ("started_at,model,provider,project_id,http_status,error_kind,"
                               "error_message,input_tokens,output_tokens,cost_usd,cost_source,"
                               "ttft_ms,latency_ms\r\n");

  g_return_val_if_fail (attempts != NULL, NULL);

  for (guint i = 0; i < attempts->len; i++)
    {
      const PrismAttempt *a = g_ptr_array_index (attempts, i);
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (a->started_at / G_USEC_PER_SEC);
      g_autofree char *iso = time ? g_date_time_format_iso8601 (time) : NULL;

      append_text (csv, iso); SEP (csv);
      append_text (csv, a->model); SEP (csv);
      append_text (csv, a->provider); SEP (csv);
      append_int (csv, a->project_id); SEP (csv);
      if (a->http_status > 0)
        append_int (csv, a->http_status);
      SEP (csv);
      append_text (csv, a->error_kind); SEP (csv);
      append_text (csv, a->error_message); SEP (csv);
      if (a->usage.known)
        append_int (csv, a->usage.input_tokens);
      SEP (csv);
      if (a->usage.known)
        append_int (csv, a->usage.output_tokens);
      SEP (csv);
      append_double (csv, "%.6f", a->cost_usd); SEP (csv);
      append_text (csv, prism_cost_source_to_string (a->cost_source)); SEP (csv);
      append_double (csv, "%.1f", a->ttft_ms); SEP (csv);
      append_double (csv, "%.1f", a->latency_ms);
      END (csv);
    }

  return g_string_free (csv, FALSE);
}
