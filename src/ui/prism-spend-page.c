/* prism-spend-page.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-spend-page"

#include "config.h"

#include "prism-spend-page.h"
#include "prism-spend-page-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "prism-format.h"
#include "prism-spend-export.h"
#include "prism-spend-item.h"
#include "prism-spend-series.h"
#include "prism-store-activity.h"

/* Where the money went: the range, the totals, the chart per day and a
 * table per model, plus the budgets. Both queries run on the store's
 * worker; the page shows the last range asked for, dropping answers to
 * earlier ones. Costs of unknown source are counted and said, never
 * shown as $0; costs from the bundled price table are marked. */

#define MAX_SERIES 7

G_DEFINE_FINAL_TYPE (PrismSpendPage, prism_spend_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_MONITOR,
  N_PROPS
};

enum {
  LOADED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static const struct {
  const char *id;
  const char *title;
  gboolean    expand;
} columns[] = {
  { "model", N_("Model"), TRUE },
  { "requests", N_("Requests"), FALSE },
  { "input", N_("Tokens In"), FALSE },
  { "output", N_("Tokens Out"), FALSE },
  { "cost", N_("Cost"), FALSE },
  { "mean-cost", N_("Per Request"), FALSE },
  { "ttft", N_("First Token"), FALSE },
  { "speed", N_("Tokens/s"), FALSE },
  { "errors", N_("Errors"), FALSE },
};

/**
 * _prism_spend_page_format_cell:
 * @column: a column's id
 *
 * Returns: (transfer full): the text of the table's cell
 */
char *
_prism_spend_page_format_cell (const PrismModelStats *stats,
                               const char            *column)
{
  gint64 known = stats->requests - stats->unknown_cost_requests;

  if (g_str_equal (column, "model"))
    return g_strdup (stats->model);
  if (g_str_equal (column, "requests"))
    return prism_format_tokens (stats->requests);
  if (g_str_equal (column, "input"))
    return prism_format_tokens (stats->input_tokens);
  if (g_str_equal (column, "output"))
    return prism_format_tokens (stats->output_tokens);
  if (g_str_equal (column, "cost"))
    {
      g_autofree char *cost = NULL;

      if (known == 0)
        return g_strdup (_("Unknown"));

      cost = prism_format_cost (stats->cost_usd);
      /* The star sends to the note under the total */
      if (stats->unknown_cost_requests > 0)
        return g_strdup_printf (_("%s%s + %lld unknown"), cost,
                                stats->estimated_requests > 0 ? "*" : "",
                                (long long)stats->unknown_cost_requests);
      return g_strdup_printf ("%s%s", cost, stats->estimated_requests > 0 ? "*" : "");
    }
  if (g_str_equal (column, "mean-cost"))
    {
      double mean = prism_model_stats_get_mean_cost (stats);

      return isnan (mean) ? g_strdup ("—") : prism_format_cost (mean);
    }
  if (g_str_equal (column, "ttft"))
    return prism_format_milliseconds (stats->mean_ttft_ms);
  if (g_str_equal (column, "speed"))
    return isnan (stats->output_tokens_per_second) ? g_strdup ("—")
           : g_strdup_printf ("%.0f", stats->output_tokens_per_second);
  if (g_str_equal (column, "errors"))
    {
      double rate = prism_model_stats_get_error_rate (stats);

      if (stats->errors == 0)
        return g_strdup ("0");
      return g_strdup_printf ("%" G_GINT64_FORMAT " (%.0f%%)", stats->errors, rate * 100);
    }

  g_return_val_if_reached (NULL);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  const char *column = user_data;
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), g_str_equal (column, "model") ? 0 : 1);
  if (g_str_equal (column, "model"))
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  else
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  PrismSpendItem *row = gtk_list_item_get_item (item);
  g_autofree char *text = _prism_spend_page_format_cell (prism_spend_item_get_stats (row), user_data);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
add_columns (PrismSpendPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), (gpointer)columns[i].id);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), (gpointer)columns[i].id);
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->table, column);
      g_object_unref (column);
    }
}

/* The range */

static char *
format_day (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%d");
}

static GDateTime *
parse_day (const char *day)
{
  int y, m, d;

  if (day == NULL || sscanf (day, "%d-%d-%d", &y, &m, &d) != 3)
    return NULL;

  return g_date_time_new_local (y, m, d, 12, 0, 0);
}

static char *
format_long_day (const char *day)
{
  g_autoptr(GDateTime) time = parse_day (day);

  /* Translators: a date in the Spend page's range, strftime format */
  return time ? g_date_time_format (time, _("%b %-d, %Y")) : g_strdup (day);
}

static void
compute_days (PrismSpendPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) first = NULL;

  g_clear_pointer (&self->since, g_free);
  g_clear_pointer (&self->until, g_free);

  switch (self->range)
    {
    case PRISM_SPEND_RANGE_WEEK:
      first = g_date_time_add_days (now, -6);
      break;

    case PRISM_SPEND_RANGE_30_DAYS:
      first = g_date_time_add_days (now, -29);
      break;

    case PRISM_SPEND_RANGE_MONTH:
      first = g_date_time_add_days (now, 1 - g_date_time_get_day_of_month (now));
      break;

    case PRISM_SPEND_RANGE_CUSTOM:
    default:
      self->since = g_strdup (self->custom_since);
      self->until = g_strdup (self->custom_until);
      return;
    }

  self->since = format_day (first);
  self->until = format_day (now);
}

static void
update_custom_buttons (PrismSpendPage *self)
{
  g_autofree char *since = format_long_day (self->custom_since);
  g_autofree char *until = format_long_day (self->custom_until);

  gtk_menu_button_set_label (self->since_button, since);
  gtk_menu_button_set_label (self->until_button, until);
}

/* Loading */

void
_prism_spend_page_finish_loading (PrismSpendPage *self)
{
  g_assert (self->pending > 0);

  if (--self->pending == 0)
    g_signal_emit (self, signals [LOADED], 0);
}

static void
spend_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PrismSpendPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(PrismSpendSeries) series = NULL;

  rows = prism_store_query_spend_finish (PRISM_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (rows != NULL)
    series = prism_spend_series_new (rows, self->since, self->until, MAX_SERIES, &error);
  if (series == NULL)
    g_warning ("The spend of %s to %s could not be read: %s",
               self->since ? self->since : "…", self->until ? self->until : "…", error->message);

  prism_spend_chart_set_series (self->chart, series);
  _prism_spend_page_finish_loading (self);
}

static void
update_totals (PrismSpendPage *self)
{
  double cost = 0, estimated = 0;
  gint64 requests = 0, unknown = 0, estimated_requests = 0;
  g_autofree char *total = NULL;
  g_autofree char *since = format_long_day (self->since);
  g_autofree char *until = format_long_day (self->until);
  g_autofree char *range = NULL;
  g_autofree char *requests_text = NULL;

  for (guint i = 0; i < self->stats->len; i++)
    {
      const PrismModelStats *s = g_ptr_array_index (self->stats, i);

      cost += s->cost_usd;
      estimated += s->estimated_cost_usd;
      requests += s->requests;
      unknown += s->unknown_cost_requests;
      estimated_requests += s->estimated_requests;
    }

  total = prism_format_cost (cost);
  gtk_label_set_text (self->total_label, total);

  /* Translators: the range of the total, "Mar 1, 2026 – Mar 30, 2026" */
  range = g_strdup_printf (_("Known cost, %s – %s"), since, until);
  gtk_label_set_text (self->range_label, range);

  {
    g_autofree char *count = prism_format_tokens (requests);

    /* Translators: %s is a count with its thousands grouped */
    requests_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s request", "%s requests", requests),
                                     count);
  }
  gtk_label_set_text (self->requests_label, requests_text);

  gtk_widget_set_visible (GTK_WIDGET (self->unknown_label), unknown > 0);
  if (unknown > 0)
    {
      g_autofree char *count = prism_format_tokens (unknown);
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%s request with unknown cost, not in the total",
                                      "%s requests with unknown cost, not in the total",
                                      unknown),
                         count);

      gtk_label_set_text (self->unknown_label, text);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->estimate_label), estimated_requests > 0);
  if (estimated_requests > 0)
    {
      g_autofree char *amount = prism_format_cost (estimated);
      g_autofree char *text = g_strdup_printf (_("* Includes %s estimated from bundled prices"), amount);

      gtk_label_set_text (self->estimate_label, text);
    }
}

static void
stats_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PrismSpendPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) items = NULL;

  rows = prism_store_query_model_stats_finish (PRISM_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (rows == NULL)
    {
      g_warning ("The figures per model could not be read: %s", error->message);
      rows = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_model_stats_free);
    }

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (items, prism_spend_item_new_stats (g_ptr_array_index (rows, i)));

  g_clear_pointer (&self->stats, g_ptr_array_unref);
  self->stats = g_steal_pointer (&rows);
  g_list_store_splice (self->models, 0, g_list_model_get_n_items (G_LIST_MODEL (self->models)),
                       items->pdata, items->len);

  update_totals (self);
  _prism_spend_page_finish_loading (self);
}

/* The votes of comparisons, as ratings; a failure leaves the last ones. */
static void
reload_leaderboard (PrismSpendPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!prism_leaderboard_view_reload (self->leaderboard, &error))
    g_warning ("Could not rate the models: %s", error->message);
}

void
prism_spend_page_reload (PrismSpendPage *self)
{
  g_return_if_fail (PRISM_IS_SPEND_PAGE (self));

  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_clear_handle_id (&self->reload_source, g_source_remove);
  compute_days (self);
  self->pending = 2;
  prism_store_query_spend_async (self->store, self->group, TRUE, self->since, self->until,
                                 self->cancellable, spend_cb, g_object_ref (self));
  prism_store_query_model_stats_async (self->store, self->since, self->until,
                                       self->cancellable, stats_cb, g_object_ref (self));
  _prism_spend_page_rebuild_budgets (self);
  reload_leaderboard (self);
}

/* Export */

void
_prism_spend_page_show_error (PrismSpendPage *self,
            const char     *heading,
            const GError   *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}


static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    PrismSpendPage  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      csv = prism_spend_page_dup_csv (self);
      if (!g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE,
                                    G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
        _prism_spend_page_show_error (self, _("The Table Was Not Exported"), error);
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PrismSpendPage *self = PRISM_SPEND_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = g_strdup_printf ("prism-spend-%s-%s.csv",
                                           self->since ? self->since : "all",
                                           self->until ? self->until : "now");

  chooser = gtk_file_chooser_native_new (_("Export Spend"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Controls */

static void
range_selected_cb (PrismSpendPage *self)
{
  PrismSpendRange range = gtk_drop_down_get_selected (self->range_dropdown);

  gtk_widget_set_visible (self->custom_box, range == PRISM_SPEND_RANGE_CUSTOM);
  if (range == self->range)
    return;

  if (range == PRISM_SPEND_RANGE_CUSTOM && self->custom_since == NULL)
    {
      self->custom_since = g_strdup (self->since);
      self->custom_until = g_strdup (self->until);
      update_custom_buttons (self);
    }

  self->range = range;
  prism_spend_page_reload (self);
}

static void
group_selected_cb (PrismSpendPage *self)
{
  PrismSpendGroup group = gtk_drop_down_get_selected (self->group_dropdown);

  if (group == self->group)
    return;

  self->group = group;
  prism_spend_page_reload (self);
}

static void
calendar_day_selected_cb (PrismSpendPage *self,
                          GtkCalendar    *calendar)
{
  g_autoptr(GDateTime) since = gtk_calendar_get_date (self->since_calendar);
  g_autoptr(GDateTime) until = gtk_calendar_get_date (self->until_calendar);
  g_autofree char *since_day = format_day (since);
  g_autofree char *until_day = format_day (until);

  /* A first day after the last one moves the other end along */
  if (g_date_time_compare (since, until) > 0)
    {
      if (calendar == self->since_calendar)
        {
          g_free (until_day);
          until_day = g_strdup (since_day);
        }
      else
        {
          g_free (since_day);
          since_day = g_strdup (until_day);
        }
    }

  prism_spend_page_set_custom_range (self, since_day, until_day);
}

static void
table_activate_cb (PrismSpendPage *self,
                   guint           position)
{
  g_autoptr(PrismSpendItem) item = g_list_model_get_item (G_LIST_MODEL (self->models), position);

  if (item != NULL)
    prism_spend_page_select_model (self, prism_spend_item_get_stats (item)->model);
}

/* GObject */

static void
prism_spend_page_dispose (GObject *object)
{
  PrismSpendPage *self = PRISM_SPEND_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->openrouter_cancellable);
  g_clear_object (&self->openrouter_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PRISM_TYPE_SPEND_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->monitor);
  g_clear_object (&self->models);

  G_OBJECT_CLASS (prism_spend_page_parent_class)->dispose (object);
}

static void
prism_spend_page_finalize (GObject *object)
{
  PrismSpendPage *self = PRISM_SPEND_PAGE (object);

  g_free (self->since);
  g_free (self->until);
  g_free (self->custom_since);
  g_free (self->custom_until);
  g_clear_pointer (&self->stats, g_ptr_array_unref);
  g_clear_pointer (&self->budget_rows, g_ptr_array_unref);
  g_clear_pointer (&self->openrouter_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (prism_spend_page_parent_class)->finalize (object);
}

static void
prism_spend_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PrismSpendPage *self = PRISM_SPEND_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_MONITOR:
      g_value_set_object (value, self->monitor);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_spend_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PrismSpendPage *self = PRISM_SPEND_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_MONITOR:
      self->monitor = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
initial_reload_cb (gpointer user_data)
{
  PrismSpendPage *self = user_data;

  self->reload_source = 0;
  prism_spend_page_reload (self);

  return G_SOURCE_REMOVE;
}

static void
prism_spend_page_constructed (GObject *object)
{
  PrismSpendPage *self = PRISM_SPEND_PAGE (object);

  G_OBJECT_CLASS (prism_spend_page_parent_class)->constructed (object);

  if (self->monitor == NULL && self->store != NULL)
    self->monitor = prism_budget_monitor_new (self->store);
  if (self->store != NULL)
    prism_leaderboard_view_set_store (self->leaderboard, self->store);

  /* Soon rather than now: whoever made the page may choose a range first */
  self->reload_source = g_idle_add_full (G_PRIORITY_HIGH, initial_reload_cb, self, NULL);
}

static void
prism_spend_page_class_init (PrismSpendPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prism_spend_page_dispose;
  object_class->finalize = prism_spend_page_finalize;
  object_class->get_property = prism_spend_page_get_property;
  object_class->set_property = prism_spend_page_set_property;
  object_class->constructed = prism_spend_page_constructed;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         PRISM_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_MONITOR] =
    g_param_spec_object ("monitor", NULL, NULL,
                         PRISM_TYPE_BUDGET_MONITOR,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PrismSpendPage::loaded:
   *
   * The chart and the table show the range last asked for.
   */
  signals [LOADED] =
    g_signal_new ("loaded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (PRISM_TYPE_SPEND_CHART);
  g_type_ensure (PRISM_TYPE_LEADERBOARD_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/prismllm/Prism/prism-spend-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PrismSpendPage, range_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PrismSpendPage, custom_box);
  gtk_widget_class_bind_template_child (widget_class, PrismSpendPage, since_button);
  gtk_widget_class_bind_template_child (widget_class, PrismSpendPage, until_button);
  gtk_widget_class_bind_template_child (widget_class, PrismSpendPage, since_calendar);
  gtk_widget_class_bind_template_child (widget_class, PrismSpendPage, until_calendar);
  gtk_widget_class_bind_template_child (widget_class, PrismSpendPage, group_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PrismSpendPage, total_label);
  gtk_widget_class_bind_template_child (widget_class, PrismSpendPage, range_label);
  gtk_widget_class_bind_template_child (widget_class, PrismSpendPage, requests_label);
  gtk_widget_class_bind_template_child (widget_class, PrismSpendPage, unknown_label);
  gtk_widget_class_bind_template_child (widget_class, PrismSpendPage, estimate_label);
  gtk_widget_class_bind_template_child (widget_class, PrismSpendPage, chart);
  gtk_widget_class_bind_template_child (widget_class, PrismSpendPage, table);
  gtk_widget_class_bind_template_child (widget_class, PrismSpendPage, budgets_group);
  gtk_widget_class_bind_template_child (widget_class, PrismSpendPage, leaderboard);
  gtk_widget_class_bind_template_child (widget_class, PrismSpendPage, openrouter_group);
  gtk_widget_class_bind_template_callback (widget_class, table_activate_cb);

  gtk_widget_class_install_action (widget_class, "spend.export", NULL, export_action);

  _prism_spend_page_class_init_budgets (widget_class);
}

static void
prism_spend_page_init (PrismSpendPage *self)
{
  g_autoptr(GtkSingleSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->range = PRISM_SPEND_RANGE_30_DAYS;
  self->group = PRISM_SPEND_BY_MODEL;
  self->models = g_list_store_new (PRISM_TYPE_SPEND_ITEM);
  self->stats = g_ptr_array_new_with_free_func ((GDestroyNotify)prism_model_stats_free);
  self->budget_rows = g_ptr_array_new ();
  self->openrouter_rows = g_ptr_array_new ();

  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->models)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->table, GTK_SELECTION_MODEL (selection));
  add_columns (self);

  g_signal_connect_swapped (self->range_dropdown, "notify::selected", G_CALLBACK (range_selected_cb), self);
  g_signal_connect_swapped (self->group_dropdown, "notify::selected", G_CALLBACK (group_selected_cb), self);
  g_signal_connect_swapped (self->since_calendar, "day-selected", G_CALLBACK (calendar_day_selected_cb), self);
  g_signal_connect_swapped (self->until_calendar, "day-selected", G_CALLBACK (calendar_day_selected_cb), self);
}

GtkWidget *
prism_spend_page_new (PrismStore         *store,
                      PrismBudgetMonitor *monitor)
{
  g_return_val_if_fail (PRISM_IS_STORE (store), NULL);
  g_return_val_if_fail (monitor == NULL || PRISM_IS_BUDGET_MONITOR (monitor), NULL);

  return g_object_new (PRISM_TYPE_SPEND_PAGE, "store", store, "monitor", monitor, NULL);
}

PrismStore *
prism_spend_page_get_store (PrismSpendPage *self)
{
  g_return_val_if_fail (PRISM_IS_SPEND_PAGE (self), NULL);

  return self->store;
}

PrismBudgetMonitor *
prism_spend_page_get_monitor (PrismSpendPage *self)
{
  g_return_val_if_fail (PRISM_IS_SPEND_PAGE (self), NULL);

  return self->monitor;
}

void
prism_spend_page_set_range (PrismSpendPage  *self,
                            PrismSpendRange  range)
{
  g_return_if_fail (PRISM_IS_SPEND_PAGE (self));
  g_return_if_fail (range <= PRISM_SPEND_RANGE_CUSTOM);

  gtk_drop_down_set_selected (self->range_dropdown, range);
}

/**
 * prism_spend_page_set_custom_range:
 * @since: the first local day, YYYY-MM-DD
 * @until: the last local day, YYYY-MM-DD
 *
 * Shows the days from @since to @until and selects the custom range.
 */
void
prism_spend_page_set_custom_range (PrismSpendPage *self,
                                   const char     *since,
                                   const char     *until)
{
  g_autoptr(GDateTime) since_time = NULL;
  g_autoptr(GDateTime) until_time = NULL;

  g_return_if_fail (PRISM_IS_SPEND_PAGE (self));

  since_time = parse_day (since);
  until_time = parse_day (until);
  g_return_if_fail (since_time != NULL && until_time != NULL);

  if (g_strcmp0 (since, self->custom_since) == 0 && g_strcmp0 (until, self->custom_until) == 0 &&
      self->range == PRISM_SPEND_RANGE_CUSTOM)
    return;

  {
    char *new_since = g_strdup (since);
    char *new_until = g_strdup (until);

    g_free (self->custom_since);
    g_free (self->custom_until);
    self->custom_since = new_since;
    self->custom_until = new_until;
  }
  update_custom_buttons (self);

  g_signal_handlers_block_by_func (self->since_calendar, calendar_day_selected_cb, self);
  g_signal_handlers_block_by_func (self->until_calendar, calendar_day_selected_cb, self);
  gtk_calendar_select_day (self->since_calendar, since_time);
  gtk_calendar_select_day (self->until_calendar, until_time);
  g_signal_handlers_unblock_by_func (self->since_calendar, calendar_day_selected_cb, self);
  g_signal_handlers_unblock_by_func (self->until_calendar, calendar_day_selected_cb, self);

  if (self->range != PRISM_SPEND_RANGE_CUSTOM)
    {
      /* Selecting the range reloads */
      self->range = PRISM_SPEND_RANGE_CUSTOM;
      g_signal_handlers_block_by_func (self->range_dropdown, range_selected_cb, self);
      gtk_drop_down_set_selected (self->range_dropdown, PRISM_SPEND_RANGE_CUSTOM);
      g_signal_handlers_unblock_by_func (self->range_dropdown, range_selected_cb, self);
      gtk_widget_set_visible (self->custom_box, TRUE);
    }

  prism_spend_page_reload (self);
}

/**
 * prism_spend_page_get_days:
 * @since: (out) (transfer none) (nullable): the first day shown
 * @until: (out) (transfer none) (nullable): the last day shown
 */
void
prism_spend_page_get_days (PrismSpendPage  *self,
                           const char     **since,
                           const char     **until)
{
  g_return_if_fail (PRISM_IS_SPEND_PAGE (self));

  if (since != NULL)
    *since = self->since;
  if (until != NULL)
    *until = self->until;
}

void
prism_spend_page_set_group (PrismSpendPage  *self,
                            PrismSpendGroup  by)
{
  g_return_if_fail (PRISM_IS_SPEND_PAGE (self));
  g_return_if_fail (by <= PRISM_SPEND_BY_PROJECT);

  gtk_drop_down_set_selected (self->group_dropdown, by);
}

/**
 * prism_spend_page_is_loading:
 *
 * Returns: whether an answer of the store is still awaited
 */
gboolean
prism_spend_page_is_loading (PrismSpendPage *self)
{
  g_return_val_if_fail (PRISM_IS_SPEND_PAGE (self), FALSE);

  return self->pending > 0 || self->reload_source != 0;
}

/**
 * prism_spend_page_get_chart:
 *
 * Returns: (transfer none): the chart
 */
PrismSpendChart *
prism_spend_page_get_chart (PrismSpendPage *self)
{
  g_return_val_if_fail (PRISM_IS_SPEND_PAGE (self), NULL);

  return self->chart;
}

/**
 * prism_spend_page_get_models:
 *
 * Returns: (transfer none): the table's rows, #PrismSpendItem of figures
 */
GListModel *
prism_spend_page_get_models (PrismSpendPage *self)
{
  g_return_val_if_fail (PRISM_IS_SPEND_PAGE (self), NULL);

  return G_LIST_MODEL (self->models);
}

/**
 * prism_spend_page_select_model:
 * @model: (nullable): a model id; %NULL to show every series
 *
 * What a click on the table does: the chart shows @model's series alone
 * (grouped by model), or its provider's (grouped by provider).
 */
void
prism_spend_page_select_model (PrismSpendPage *self,
                               const char     *model)
{
  PrismSpendSeries *series;
  g_auto(GStrv) parts = NULL;
  const char *key = model;
  int index;

  g_return_if_fail (PRISM_IS_SPEND_PAGE (self));

  series = prism_spend_chart_get_series (self->chart);
  if (series == NULL || model == NULL || self->group == PRISM_SPEND_BY_PROJECT)
    {
      prism_spend_chart_set_filter (self->chart, -1);
      return;
    }

  if (self->group == PRISM_SPEND_BY_PROVIDER)
    {
      parts = g_strsplit (model, ":", 2);
      key = parts[0];
    }

  index = prism_spend_series_find (series, key);
  /* A second click on the same model shows them all again */
  if (index == prism_spend_chart_get_filter (self->chart))
    index = -1;
  prism_spend_chart_set_filter (self->chart, index);
}

/**
 * prism_spend_page_dup_csv:
 *
 * Returns: (transfer full): the table as CSV, what Export writes
 */
char *
prism_spend_page_dup_csv (PrismSpendPage *self)
{
  g_return_val_if_fail (PRISM_IS_SPEND_PAGE (self), NULL);

  return prism_spend_export_models_csv (self->stats);
}

GtkLabel *
_prism_spend_page_get_total_label (PrismSpendPage *self)
{
  return self->total_label;
}

GtkLabel *
_prism_spend_page_get_requests_label (PrismSpendPage *self)
{
  return self->requests_label;
}

GtkLabel *
_prism_spend_page_get_unknown_label (PrismSpendPage *self)
{
  return self->unknown_label;
}

GtkLabel *
_prism_spend_page_get_estimate_label (PrismSpendPage *self)
{
  return self->estimate_label;
}

GtkColumnView *
_prism_spend_page_get_table (PrismSpendPage *self)
{
  return self->table;
}

AdwPreferencesGroup *
_prism_spend_page_get_budgets_group (PrismSpendPage *self)
{
  return self->budgets_group;
}
