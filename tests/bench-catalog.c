/* bench-catalog.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Filtering 20,000 models by text, as the model picker does on every
 * keystroke, beside a floor measured in the same run: a bare strstr()
 * over the same names, lowered in advance, which is the least any
 * substring search must do. */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "prism-catalog.h"

#define N_MODELS 20000
#define RUNS 31

static const char * const vendors[] = {
  "meta-llama", "openai", "anthropic", "google", "mistralai", "qwen", "deepseek", "x-ai",
};

static const char * const families[] = {
  "llama-3.3-70b-instruct", "gpt-4o-mini", "claude-sonnet-4.5", "gemini-2.5-flash",
  "ministral-8b", "qwen3-235b-a22b", "deepseek-chat-v3", "grok-4-fast",
};

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median (double *values)
{
  qsort (values, RUNS, sizeof (double), compare_doubles);

  return values[RUNS / 2];
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PrismCatalog) catalog = prism_catalog_new (NULL);
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  double filter_ms[RUNS], words_ms[RUNS], floor_ms[RUNS], load_ms[RUNS];
  guint matched = 0, floor_matched = 0;

  for (guint i = 0; i < N_MODELS; i++)
    {
      guint v = i % G_N_ELEMENTS (vendors);
      g_autofree char *model_id = g_strdup_printf ("%s/%s-%u", vendors[v], families[(i / 8) % G_N_ELEMENTS (families)], i);
      g_autofree char *name = g_strdup_printf ("%s: %s variant %u", vendors[v], families[(i / 8) % G_N_ELEMENTS (families)], i);
      PrismModel *model = prism_model_new ("openrouter", model_id);

      prism_model_set_name (model, name);
      g_ptr_array_add (models, model);
      g_ptr_array_add (keys, g_ascii_strdown (name, -1));
    }

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(PrismCatalog) fresh = prism_catalog_new (NULL);
      gint64 begin = g_get_monotonic_time ();

      prism_catalog_replace_provider (fresh, "openrouter", models);
      load_ms[run] = (g_get_monotonic_time () - begin) / 1000.0;
    }

  prism_catalog_replace_provider (catalog, "openrouter", models);

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GListModel) found = NULL;
      g_autoptr(GListModel) found_words = NULL;
      const char *word = "llama";
      gint64 begin;
      guint count = 0;

      begin = g_get_monotonic_time ();
      found = prism_catalog_filter (catalog, "Llama", NULL, PRISM_CATALOG_CAPABILITY_NONE);
      filter_ms[run] = (g_get_monotonic_time () - begin) / 1000.0;
      matched = g_list_model_get_n_items (found);

      begin = g_get_monotonic_time ();
      found_words = prism_catalog_filter (catalog, "Claude Sonnet 17", NULL, PRISM_CATALOG_CAPABILITY_NONE);
      words_ms[run] = (g_get_monotonic_time () - begin) / 1000.0;

      begin = g_get_monotonic_time ();
      for (guint i = 0; i < keys->len; i++)
        count += strstr (g_ptr_array_index (keys, i), word) != NULL;
      floor_ms[run] = (g_get_monotonic_time () - begin) / 1000.0;
      floor_matched = count;
    }

  if (matched != floor_matched)
    {
      g_printerr ("catalog found %u models for “llama”, strstr %u\n", matched, floor_matched);
      return 1;
    }

  printf ("Model catalog, %d models, median of %d runs\n", N_MODELS, RUNS);
  printf ("%-44s %9.2f ms\n", "filter by one word, any case", median (filter_ms));
  printf ("%-44s %9.2f ms\n", "floor: strstr over the lowered names", median (floor_ms));
  printf ("%-44s %9.2f ms\n", "filter by three words, any case", median (words_ms));
  printf ("%-44s %9.2f ms\n", "load one provider's list (replace_provider)", median (load_ms));

  return 0;
}
