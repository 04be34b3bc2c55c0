/* prism-spend-series.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-spend-series"

#include "config.h"

#include "prism-spend-series.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "prism-error.h"
#include "prism-format.h"

/* A year of days is the most a range may span: enough for the Spend
 * page's longest range, small enough that a wrong date cannot make the
 * chart allocate millions of cells. */
#define MAX_DAYS 3660

typedef struct
{
  double cost;
  gint64 requests;
  gint64 unknown;
} Cell;

struct _PrismSpendSeries
{
  GObject    parent_instance;

  GPtrArray *days;       /* of char *, YYYY-MM-DD */
  GPtrArray *keys;       /* of char *, one per series */
  guint      n_series;
  gboolean   has_other;
  Cell      *cells;      /* [series * n_days + day] */
  double    *series_totals;
  double    *day_totals;
};

G_DEFINE_FINAL_TYPE (PrismSpendSeries, prism_spend_series, G_TYPE_OBJECT)

static void
prism_spend_series_finalize (GObject *object)
{
  PrismSpendSeries *self = PRISM_SPEND_SERIES (object);

  g_clear_pointer (&self->days, g_ptr_array_unref);
  g_clear_pointer (&self->keys, g_ptr_array_unref);
  g_clear_pointer (&self->cells, g_free);
  g_clear_pointer (&self->series_totals, g_free);
  g_clear_pointer (&self->day_totals, g_free);

  G_OBJECT_CLASS (prism_spend_series_parent_class)->finalize (object);
}

static void
prism_spend_series_class_init (PrismSpendSeriesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = prism_spend_series_finalize;
}

static void
prism_spend_series_init (PrismSpendSeries *self)
{
  self->days = g_ptr_array_new_with_free_func (g_free);
  self->keys = g_ptr_array_new_with_free_func (g_free);
}

static gboolean
parse_day (const char  *text,
           GDate       *date,
           GError     **error)
{
  guint y, m, d;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4u-%2u-%2u", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    {
      g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                   _("“%s” is not a date; write it as YYYY-MM-DD."), text ? text : "");
      return FALSE;
    }

  g_date_set_dmy (date, d, m, y);

  return TRUE;
}

typedef struct
{
  const char *key;
  double      total;
} KeyTotal;

static int
compare_totals (gconstpointer a,
                gconstpointer b)
{
  const KeyTotal *x = a, *y = b;

  if (x->total != y->total)
    return x->total > y->total ? -1 : 1;

  return g_strcmp0 (x->key, y->key);
}

/**
 * prism_spend_series_new:
 * @per_day_rows: (element-type PrismSpendRow): rows of
 *   prism_store_query_spend() with @per_day
 * @since: (nullable): the first day; %NULL for the first of the rows
 * @until: (nullable): the last day; %NULL for the last of the rows
 * @max_series: how many series to keep apart, at least 1
 *
 * Returns: (transfer full): the series, or %NULL with @error set when a
 *   day is not a date or the range is backwards or longer than ten years
 */
PrismSpendSeries *
prism_spend_series_new (GPtrArray   *per_day_rows,
                        const char  *since,
                        const char  *until,
                        guint        max_series,
                        GError     **error)
{
  g_autoptr(PrismSpendSeries) self = NULL;
  g_autoptr(GHashTable) totals = NULL;
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GArray) order = NULL;
  GHashTableIter iter;
  gpointer key, value;
  GDate first, last, date;
  const char *lo = since, *hi = until;
  guint n_days;

  g_return_val_if_fail (per_day_rows != NULL, NULL);
  g_return_val_if_fail (max_series > 0, NULL);

  for (guint i = 0; i < per_day_rows->len; i++)
    {
      PrismSpendRow *row = g_ptr_array_index (per_day_rows, i);

      if (row->day == NULL)
        {
          g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                       _("The spend chart needs rows per day."));
          return NULL;
        }
      if (since == NULL && (lo == NULL || strcmp (row->day, lo) < 0))
        lo = row->day;
      if (until == NULL && (hi == NULL || strcmp (row->day, hi) > 0))
        hi = row->day;
    }

  self = g_object_new (PRISM_TYPE_SPEND_SERIES, NULL);

  if (lo == NULL || hi == NULL)
    lo = hi = NULL;
  else if (!parse_day (lo, &first, error) || !parse_day (hi, &last, error))
    return NULL;

  if (lo != NULL)
    {
      if (g_date_compare (&first, &last) > 0)
        {
          g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                       _("The range ends (%s) before it starts (%s)."), hi, lo);
          return NULL;
        }
      if (g_date_days_between (&first, &last) >= MAX_DAYS)
        {
          g_set_error (error, PRISM_ERROR, PRISM_ERROR_CONFIG,
                       _("The chart shows ten years at most; choose a shorter range."));
          return NULL;
        }

      for (date = first; g_date_compare (&date, &last) <= 0; g_date_add_days (&date, 1))
        g_ptr_array_add (self->days,
                         g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date),
                                          g_date_get_month (&date), g_date_get_day (&date)));
    }
  n_days = self->days->len;

  /* Which series stand alone: the biggest, by their total in the range */
  totals = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < per_day_rows->len; i++)
    {
      PrismSpendRow *row = g_ptr_array_index (per_day_rows, i);
      double *sum;

      if (n_days == 0 || strcmp (row->day, self->days->pdata[0]) < 0 ||
          strcmp (row->day, self->days->pdata[n_days - 1]) > 0)
        continue;

      sum = g_hash_table_lookup (totals, row->key);
      if (sum == NULL)
        {
          sum = g_new0 (double, 1);
          g_hash_table_insert (totals, row->key, sum);
        }
      *sum += row->cost_usd;
    }

  order = g_array_new (FALSE, FALSE, sizeof (KeyTotal));
  g_hash_table_iter_init (&iter, totals);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      KeyTotal kt = { key, *(double *)value };

      g_array_append_val (order, kt);
      g_free (value);
    }
  g_array_sort (order, compare_totals);

  index = g_hash_table_new (g_str_hash, g_str_equal);
  self->has_other = order->len > max_series;
  self->n_series = self->has_other ? max_series : order->len;
  for (guint i = 0; i < self->n_series; i++)
    {
      const char *k = g_array_index (order, KeyTotal, i).key;

      if (self->has_other && i == max_series - 1)
        {
          g_ptr_array_add (self->keys, g_strdup (_("Other")));
          break;
        }
      g_ptr_array_add (self->keys, g_strdup (k));
      g_hash_table_insert (index, (gpointer)k, GUINT_TO_POINTER (i + 1));
    }

  self->cells = g_new0 (Cell, (gsize)MAX (1, self->n_series) * MAX (1, n_days));
  self->series_totals = g_new0 (double, MAX (1, self->n_series));
  self->day_totals = g_new0 (double, MAX (1, n_days));

  for (guint i = 0, d = 0; i < per_day_rows->len && n_days > 0; i++)
    {
      PrismSpendRow *row = g_ptr_array_index (per_day_rows, i);
      guint s = GPOINTER_TO_UINT (g_hash_table_lookup (index, row->key));
      Cell *cell;

      if (strcmp (row->day, self->days->pdata[0]) < 0 ||
          strcmp (row->day, self->days->pdata[n_days - 1]) > 0)
        continue;

      /* Rows come oldest day first; look the day up from where the last one was */
      if (d >= n_days || strcmp (self->days->pdata[d], row->day) > 0)
        d = 0;
      while (d < n_days && strcmp (self->days->pdata[d], row->day) < 0)
        d++;
      if (d == n_days)
        continue;

      s = s == 0 ? self->n_series - 1 : s - 1;
      cell = &self->cells[s * n_days + d];
      cell->cost += row->cost_usd;
      cell->requests += row->requests;
      cell->unknown += row->unknown_cost_requests;
      self->series_totals[s] += row->cost_usd;
      self->day_totals[d] += row->cost_usd;
    }

  return g_steal_pointer (&self);
}

guint
prism_spend_series_get_n_days (PrismSpendSeries *self)
{
  g_return_val_if_fail (PRISM_IS_SPEND_SERIES (self), 0);

  return self->days->len;
}

const char *
prism_spend_series_get_day (PrismSpendSeries *self,
                            guint             day)
{
  g_return_val_if_fail (PRISM_IS_SPEND_SERIES (self), NULL);
  g_return_val_if_fail (day < self->days->len, NULL);

  return self->days->pdata[day];
}

guint
prism_spend_series_get_n_series (PrismSpendSeries *self)
{
  g_return_val_if_fail (PRISM_IS_SPEND_SERIES (self), 0);

  return self->n_series;
}

const char *
prism_spend_series_get_key (PrismSpendSeries *self,
                            guint             series)
{
  g_return_val_if_fail (PRISM_IS_SPEND_SERIES (self), NULL);
  g_return_val_if_fail (series < self->n_series, NULL);

  return self->keys->pdata[series];
}

/**
 * prism_spend_series_is_other:
 *
 * Returns: whether @series is the one the smallest series were folded into
 */
gboolean
prism_spend_series_is_other (PrismSpendSeries *self,
                             guint             series)
{
  g_return_val_if_fail (PRISM_IS_SPEND_SERIES (self), FALSE);

  return self->has_other && series == self->n_series - 1;
}

/**
 * prism_spend_series_find:
 *
 * Returns: the series @key is drawn in (the folded one when it is among
 *   the smallest), or -1 when it spent nothing in the range
 */
int
prism_spend_series_find (PrismSpendSeries *self,
                         const char       *key)
{
  g_return_val_if_fail (PRISM_IS_SPEND_SERIES (self), -1);

  if (key == NULL)
    return -1;

  for (guint i = 0; i < self->n_series; i++)
    if (!prism_spend_series_is_other (self, i) && g_str_equal (self->keys->pdata[i], key))
      return i;

  return self->has_other ? (int)self->n_series - 1 : -1;
}

static Cell *
get_cell (PrismSpendSeries *self,
          guint             series,
          guint             day)
{
  if (series >= self->n_series || day >= self->days->len)
    return NULL;

  return &self->cells[series * self->days->len + day];
}

double
prism_spend_series_get_cost (PrismSpendSeries *self,
                             guint             series,
                             guint             day)
{
  Cell *cell;

  g_return_val_if_fail (PRISM_IS_SPEND_SERIES (self), 0);

  cell = get_cell (self, series, day);
  g_return_val_if_fail (cell != NULL, 0);

  return cell->cost;
}

gint64
prism_spend_series_get_requests (PrismSpendSeries *self,
                                 guint             series,
                                 guint             day)
{
  Cell *cell;

  g_return_val_if_fail (PRISM_IS_SPEND_SERIES (self), 0);

  cell = get_cell (self, series, day);
  g_return_val_if_fail (cell != NULL, 0);

  return cell->requests;
}

gint64
prism_spend_series_get_unknown (PrismSpendSeries *self,
                                guint             series,
                                guint             day)
{
  Cell *cell;

  g_return_val_if_fail (PRISM_IS_SPEND_SERIES (self), 0);

  cell = get_cell (self, series, day);
  g_return_val_if_fail (cell != NULL, 0);

  return cell->unknown;
}

double
prism_spend_series_get_series_total (PrismSpendSeries *self,
                                     guint             series)
{
  g_return_val_if_fail (PRISM_IS_SPEND_SERIES (self), 0);
  g_return_val_if_fail (series < self->n_series, 0);

  return self->series_totals[series];
}

double
prism_spend_series_get_day_total (PrismSpendSeries *self,
                                  guint             day)
{
  g_return_val_if_fail (PRISM_IS_SPEND_SERIES (self), 0);
  g_return_val_if_fail (day < self->days->len, 0);

  return self->day_totals[day];
}

double
prism_spend_series_get_total (PrismSpendSeries *self)
{
  double total = 0;

  g_return_val_if_fail (PRISM_IS_SPEND_SERIES (self), 0);

  for (guint d = 0; d < self->days->len; d++)
    total += self->day_totals[d];

  return total;
}

gint64
prism_spend_series_get_total_requests (PrismSpendSeries *self)
{
  gint64 total = 0;

  g_return_val_if_fail (PRISM_IS_SPEND_SERIES (self), 0);

  for (gsize i = 0; i < (gsize)self->n_series * self->days->len; i++)
    total += self->cells[i].requests;

  return total;
}

gint64
prism_spend_series_get_total_unknown (PrismSpendSeries *self)
{
  gint64 total = 0;

  g_return_val_if_fail (PRISM_IS_SPEND_SERIES (self), 0);

  for (gsize i = 0; i < (gsize)self->n_series * self->days->len; i++)
    total += self->cells[i].unknown;

  return total;
}

/**
 * prism_spend_series_get_max_day_total:
 * @only_series: a series, or -1 for the stack of all of them
 *
 * Returns: the highest bar of the range
 */
double
prism_spend_series_get_max_day_total (PrismSpendSeries *self,
                                      int               only_series)
{
  double max = 0;

  g_return_val_if_fail (PRISM_IS_SPEND_SERIES (self), 0);

  for (guint d = 0; d < self->days->len; d++)
    {
      double value = only_series < 0 ? self->day_totals[d]
                     : (guint)only_series < self->n_series
                     ? self->cells[only_series * self->days->len + d].cost : 0;

      max = MAX (max, value);
    }

  return max;
}

/**
 * prism_spend_series_describe:
 *
 * Returns: (transfer full): a sentence for screen readers: the range, the
 *   total, the biggest series and the requests of unknown cost
 */
char *
prism_spend_series_describe (PrismSpendSeries *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *total = NULL;
  gint64 unknown;

  g_return_val_if_fail (PRISM_IS_SPEND_SERIES (self), NULL);

  if (self->days->len == 0 || self->n_series == 0)
    return g_strdup (_("No spend in this range."));

  total = prism_format_cost (prism_spend_series_get_total (self));
  g_string_append_printf (text, _("Cost per day from %s to %s: %s in total."),
                          (char *)self->days->pdata[0],
                          (char *)self->days->pdata[self->days->len - 1], total);

  for (guint i = 0; i < self->n_series; i++)
    {
      g_autofree char *cost = prism_format_cost (self->series_totals[i]);

      g_string_append_printf (text, " %s: %s.", (char *)self->keys->pdata[i], cost);
    }

  unknown = prism_spend_series_get_total_unknown (self);
  if (unknown > 0)
    g_string_append_printf (text,
                            g_dngettext (GETTEXT_PACKAGE, " %lld request with unknown cost.",
                                         " %lld requests with unknown cost.", unknown),
                            (long long)unknown);

  return g_string_free (g_steal_pointer (&text), FALSE);
}
