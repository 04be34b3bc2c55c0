/* prism-activity-page.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-activity-page"

#include "config.h"

#include "prism-activity-page.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "prism-format.h"
#include "prism-spend-export.h"
#include "prism-spend-item.h"

/* Every request attempt, newest first, a page at a time, filtered by
 * model, provider, status and project; a row opens its details. */

#define PAGE_SIZE 200

struct _PrismActivityPage
{
  AdwBin         parent_instance;

  PrismStore    *store;
  GCancellable  *cancellable;
  GListStore    *attempts;
  GPtrArray     *models;        /* of char *, the model dropdown's items after "All" */
  GPtrArray     *providers;
  GArray        *projects;      /* of gint64 */
  GHashTable    *project_names; /* id → name */
  gboolean       loading;

  GtkDropDown   *model_dropdown;
  GtkDropDown   *provider_dropdown;
  GtkDropDown   *status_dropdown;
  GtkDropDown   *project_dropdown;
  GtkLabel      *count_label;
  GtkColumnView *table;
  GtkWidget     *more_button;
};

G_DEFINE_FINAL_TYPE (PrismActivityPage, prism_activity_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
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
  { "time", N_("Time"), FALSE },
  { "model", N_("Model"), TRUE },
  { "status", N_("Status"), FALSE },
  { "tokens", N_("Tokens In / Out"), FALSE },
  { "cost", N_("Cost"), FALSE },
  { "ttft", N_("First Token"), FALSE },
  { "latency", N_("Total"), FALSE },
};

static char *
format_time (gint64 us)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (us / G_USEC_PER_SEC);

  /* Translators: when a request started, strftime format */
  return time ? g_date_time_format (time, _("%Y-%m-%d %H:%M")) : g_strdup ("—");
}

static char *
format_status (const PrismAttempt *a)
{
  if (a->error_kind != NULL || a->error_message != NULL)
    return a->http_status > 0 ? g_strdup_printf (_("Failed (%u)"), a->http_status) : g_strdup (_("Failed"));

  return g_strdup (_("Succeeded"));
}

static char *
format_cost (const PrismAttempt *a)
{
  g_autofree char *cost = NULL;

  if (isnan (a->cost_usd))
    return g_strdup (_("Unknown"));

  cost = prism_format_cost (a->cost_usd);
  /* Costs from the price table shipped with Prism are estimates */
  if (a->cost_source == PRISM_COST_SOURCE_BUNDLED)
    return g_strdup_printf (_("%s (estimate)"), cost);

  return g_steal_pointer (&cost);
}

static char *
format_cell (const PrismAttempt *a,
             const char         *column)
{
  if (g_str_equal (column, "time"))
    return format_time (a->started_at);
  if (g_str_equal (column, "model"))
    return g_strdup (a->model);
  if (g_str_equal (column, "status"))
    return format_status (a);
  if (g_str_equal (column, "tokens"))
    {
      g_autofree char *in = NULL;
      g_autofree char *out = NULL;

      if (!a->usage.known)
        return g_strdup ("—");
      in = prism_format_tokens (a->usage.input_tokens);
      out = prism_format_tokens (a->usage.output_tokens);
      return g_strdup_printf ("%s / %s", in, out);
    }
  if (g_str_equal (column, "cost"))
    return format_cost (a);
  if (g_str_equal (column, "ttft"))
    return prism_format_milliseconds (a->ttft_ms);
  if (g_str_equal (column, "latency"))
    return prism_format_milliseconds (a->latency_ms);

  g_return_val_if_reached (NULL);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  const char *column = user_data;
  GtkWidget *label = gtk_label_new (NULL);
  gboolean text = g_str_equal (column, "model") || g_str_equal (column, "status");

  gtk_label_set_xalign (GTK_LABEL (label), text ? 0 : 1);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  if (!text)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  PrismAttempt *attempt = prism_spend_item_get_attempt (gtk_list_item_get_item (item));
  g_autofree char *text = format_cell (attempt, user_data);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), text);
  if (g_str_equal (user_data, "status"))
    {
      if (attempt->error_message != NULL || attempt->error_kind != NULL)
        gtk_widget_add_css_class (label, "error");
      else
        gtk_widget_remove_css_class (label, "error");
    }
}

/* Filters */

static void
fill_dropdown (GtkDropDown *dropdown,
               const char  *all,
               GPtrArray   *values)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, all);
  for (guint i = 0; i < values->len; i++)
    gtk_string_list_append (list, values->pdata[i]);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char **)a, *(char **)b);
}

static void
load_filters (PrismActivityPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) models = NULL;
  g_autoptr(GPtrArray) providers = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GPtrArray) project_names = g_ptr_array_new ();

  models = prism_store_query_spend (self->store, PRISM_SPEND_BY_MODEL, FALSE, NULL, NULL, &error);
  if (models != NULL)
    providers = prism_store_query_spend (self->store, PRISM_SPEND_BY_PROVIDER, FALSE, NULL, NULL, &error);
  if (providers != NULL)
    projects = prism_store_list_projects (self->store, &error);
  if (projects == NULL)
    {
      g_warning ("The activity log's filters could not be read: %s", error->message);
      return;
    }

  for (guint i = 0; i < models->len; i++)
    g_ptr_array_add (self->models, g_strdup (((PrismSpendRow *)models->pdata[i])->key));
  g_ptr_array_sort (self->models, compare_strings);
  for (guint i = 0; i < providers->len; i++)
    g_ptr_array_add (self->providers, g_strdup (((PrismSpendRow *)providers->pdata[i])->key));
  for (guint i = 0; i < projects->len; i++)
    {
      PrismProject *project = g_ptr_array_index (projects, i);

      g_array_append_val (self->projects, project->id);
      g_ptr_array_add (project_names, project->name);
      g_hash_table_insert (self->project_names, g_memdup2 (&project->id, sizeof (gint64)),
                           g_strdup (project->name));
    }

  fill_dropdown (self->model_dropdown, _("All Models"), self->models);
  fill_dropdown (self->provider_dropdown, _("All Providers"), self->providers);
  fill_dropdown (self->project_dropdown, _("All Projects"), project_names);
}

static void
get_filter (PrismActivityPage  *self,
            PrismAttemptFilter *filter)
{
  guint model = gtk_drop_down_get_selected (self->model_dropdown);
  guint provider = gtk_drop_down_get_selected (self->provider_dropdown);
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  guint project = gtk_drop_down_get_selected (self->project_dropdown);

  *filter = (PrismAttemptFilter) { 0 };
  if (model > 0 && model <= self->models->len)
    filter->model = self->models->pdata[model - 1];
  if (provider > 0 && provider <= self->providers->len)
    filter->provider = self->providers->pdata[provider - 1];
  if (status == 1)
    filter->status = "ok";
  else if (status == 2)
    filter->status = "error";
  if (project > 0 && project <= self->projects->len)
    filter->project_id = g_array_index (self->projects, gint64, project - 1);
}

/* Loading */

static void
update_count (PrismActivityPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->attempts));
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u request shown",
                                                        "%u requests shown", n), n);

  gtk_label_set_text (self->count_label, text);
}

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PrismActivityPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attempts = NULL;
  g_autoptr(GPtrArray) items = NULL;

  attempts = prism_store_list_attempts_finish (PRISM_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  if (attempts == NULL)
    {
      g_warning ("The activity log could not be read: %s", error->message);
      g_signal_emit (self, signals [LOADED], 0);
      return;
    }

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < attempts->len; i++)
    g_ptr_array_add (items, prism_spend_item_new_attempt (g_ptr_array_index (attempts, i)));
  g_list_store_splice (self->attempts, g_list_model_get_n_items (G_LIST_MODEL (self->attempts)), 0,
                       items->pdata, items->len);

  gtk_widget_set_visible (self->more_button, attempts->len == PAGE_SIZE);
  update_count (self);
  g_signal_emit (self, signals [LOADED], 0);
}

static void
load (PrismActivityPage *self,
      guint              offset)
{
  PrismAttemptFilter filter;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;

  get_filter (self, &filter);
  prism_store_list_attempts_async (self->store, &filter, PAGE_SIZE, offset, self->cancellable,
                                   list_cb, g_object_ref (self));
}

void
prism_activity_page_reload (PrismActivityPage *self)
{
  g_return_if_fail (PRISM_IS_ACTIVITY_PAGE (self));

  g_list_store_remove_all (self->attempts);
  load (self, 0);
}

static void
more_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PrismActivityPage *self = PRISM_ACTIVITY_PAGE (widget);

  load (self, g_list_model_get_n_items (G_LIST_MODEL (self->attempts)));
}

/* Details */

static void
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value ? value : "—");

  /* The value beside its name, selectable so that it can be copied */
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* Short values stay on one line; an error message wraps */
  if (value != NULL && g_utf8_strlen (value, -1) > 32)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (GTK_LABEL (label), 24);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_widget_set_hexpand (label, TRUE);
    }
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (group, row);
}

static AdwPreferencesGroup *
add_group (AdwPreferencesPage *page,
           const char         *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));

  return ADW_PREFERENCES_GROUP (group);
}

static char *
format_price (double price)
{
  g_autofree char *money = NULL;

  if (isnan (price))
    return g_strdup (_("Unknown"));

  money = prism_format_price (price);
  /* Translators: %s is a price in US dollars, such as "$2.50" */
  return g_strdup_printf (_("%s per million tokens"), money);
}

static char *
format_count (gint64 count)
{
  return prism_format_tokens (count);
}

/**
 * prism_activity_page_open_details:
 * @position: a row of the log
 *
 * Returns: (transfer none): the window with the attempt's details
 */
GtkWindow *
prism_activity_page_open_details (PrismActivityPage *self,
                                  guint              position)
{
  g_autoptr(PrismSpendItem) item = NULL;
  AdwPreferencesPage *page;
  AdwPreferencesGroup *group;
  PrismAttempt *a;
  GtkWidget *window, *box;
  const char *project;

  g_return_val_if_fail (PRISM_IS_ACTIVITY_PAGE (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->attempts), position);
  g_return_val_if_fail (item != NULL, NULL);
  a = prism_spend_item_get_attempt (item);
  project = g_hash_table_lookup (self->project_names, &a->project_id);

  page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());

  group = add_group (page, _("Request"));
  {
    g_autofree char *time = format_time (a->started_at);
    g_autofree char *status = format_status (a);
    g_autofree char *http = a->http_status > 0 ? g_strdup_printf ("%u", a->http_status)
                                                : g_strdup (_("No response"));

    add_row (group, _("Model"), a->model);
    add_row (group, _("Provider"), a->provider);
    add_row (group, _("Project"), project);
    add_row (group, _("Started"), time);
    add_row (group, _("Status"), status);
    add_row (group, _("HTTP Status"), http);
  }

  if (a->error_kind != NULL || a->error_message != NULL)
    {
      group = add_group (page, _("Error"));
      add_row (group, _("Kind"), a->error_kind);
      add_row (group, _("Message"), a->error_message);
    }

  group = add_group (page, _("Usage"));
  if (a->usage.known)
    {
      g_autofree char *in = format_count (a->usage.input_tokens);
      g_autofree char *cached = format_count (a->usage.cached_input_tokens);
      g_autofree char *written = format_count (a->usage.cache_write_tokens);
      g_autofree char *out = format_count (a->usage.output_tokens);
      g_autofree char *reasoning = format_count (a->usage.reasoning_tokens);

      add_row (group, _("Input Tokens"), in);
      add_row (group, _("Cached Input Tokens"), cached);
      add_row (group, _("Cache Write Tokens"), written);
      add_row (group, _("Output Tokens"), out);
      add_row (group, _("Reasoning Tokens"), reasoning);
    }
  else
    add_row (group, _("Tokens"), _("The provider reported no usage"));

  group = add_group (page, _("Cost"));
  {
    static const char * const sources[] = {
      [PRISM_COST_SOURCE_UNKNOWN] = N_("Unknown: no price is known for this model"),
      [PRISM_COST_SOURCE_BUNDLED] = N_("Estimate from the price table shipped with Prism"),
      [PRISM_COST_SOURCE_CATALOG] = N_("The provider’s model list"),
      [PRISM_COST_SOURCE_CONFIG] = N_("Prices set in providers.ini"),
      [PRISM_COST_SOURCE_PROVIDER] = N_("Reported by the provider"),
    };
    g_autofree char *cost = format_cost (a);
    g_autofree char *input = format_price (a->prices.input);
    g_autofree char *output = format_price (a->prices.output);

    add_row (group, _("Cost"), cost);
    add_row (group, _("Source"), (guint)a->cost_source < G_N_ELEMENTS (sources)
                                 ? _(sources[a->cost_source]) : NULL);
    add_row (group, _("Input Price"), input);
    add_row (group, _("Output Price"), output);
  }

  group = add_group (page, _("Timings"));
  {
    g_autofree char *ttft = prism_format_milliseconds (a->ttft_ms);
    g_autofree char *latency = prism_format_milliseconds (a->latency_ms);

    add_row (group, _("First Token"), ttft);
    add_row (group, _("Total"), latency);
  }

  group = add_group (page, _("Parameters and Raw JSON"));
  adw_preferences_group_set_description (group,
                                         _("Prism does not record a request’s parameters or the raw JSON "
                                           "of requests and responses yet, so there is nothing to show here."));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (page), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (page));

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Request Details"));
  gtk_window_set_default_size (GTK_WINDOW (window), 520, 640);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));

  return GTK_WINDOW (window);
}

static void
table_activate_cb (PrismActivityPage *self,
                   guint              position)
{
  prism_activity_page_open_details (self, position);
}

/* Export */

/**
 * prism_activity_page_dup_csv:
 *
 * Returns: (transfer full): the requests shown, as CSV
 */
char *
prism_activity_page_dup_csv (PrismActivityPage *self)
{
  g_autoptr(GPtrArray) attempts = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->attempts));

  g_return_val_if_fail (PRISM_IS_ACTIVITY_PAGE (self), NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PrismSpendItem) item = g_list_model_get_item (G_LIST_MODEL (self->attempts), i);

      g_ptr_array_add (attempts, prism_spend_item_get_attempt (item));
    }

  return prism_spend_export_attempts_csv (attempts);
}

static void
export_response_cb (GtkNativeDialog   *chooser,
                    int                response,
                    PrismActivityPage *self)
{
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *csv = prism_activity_page_dup_csv (self);

      if (!g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE,
                                    G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
        {
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                      _("The Requests Were Not Exported"), error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Requests"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "prism-requests.csv");
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GObject */

static void
filter_changed_cb (PrismActivityPage *self)
{
  prism_activity_page_reload (self);
}

static void
prism_activity_page_dispose (GObject *object)
{
  PrismActivityPage *self = PRISM_ACTIVITY_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PRISM_TYPE_ACTIVITY_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->attempts);

  G_OBJECT_CLASS (prism_activity_page_parent_class)->dispose (object);
}

static void
prism_activity_page_finalize (GObject *object)
{
  PrismActivityPage *self = PRISM_ACTIVITY_PAGE (object);

  g_clear_pointer (&self->models, g_ptr_array_unref);
  g_clear_pointer (&self->providers, g_ptr_array_unref);
  g_clear_pointer (&self->projects, g_array_unref);
  g_clear_pointer (&self->project_names, g_hash_table_unref);

  G_OBJECT_CLASS (prism_activity_page_parent_class)->finalize (object);
}

static void
prism_activity_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PrismActivityPage *self = PRISM_ACTIVITY_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_activity_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PrismActivityPage *self = PRISM_ACTIVITY_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_activity_page_constructed (GObject *object)
{
  PrismActivityPage *self = PRISM_ACTIVITY_PAGE (object);

  G_OBJECT_CLASS (prism_activity_page_parent_class)->constructed (object);

  load_filters (self);
  g_signal_connect_swapped (self->model_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->provider_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->status_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->project_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  prism_activity_page_reload (self);
}

static void
prism_activity_page_class_init (PrismActivityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prism_activity_page_dispose;
  object_class->finalize = prism_activity_page_finalize;
  object_class->get_property = prism_activity_page_get_property;
  object_class->set_property = prism_activity_page_set_property;
  object_class->constructed = prism_activity_page_constructed;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         PRISM_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PrismActivityPage::loaded:
   *
   * A page of attempts arrived.
   */
  signals [LOADED] =
    g_signal_new ("loaded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/prismllm/Prism/prism-activity-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PrismActivityPage, model_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PrismActivityPage, provider_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PrismActivityPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PrismActivityPage, project_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PrismActivityPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, PrismActivityPage, table);
  gtk_widget_class_bind_template_child (widget_class, PrismActivityPage, more_button);
  gtk_widget_class_bind_template_callback (widget_class, table_activate_cb);

  gtk_widget_class_install_action (widget_class, "activity.more", NULL, more_action);
  gtk_widget_class_install_action (widget_class, "activity.export", NULL, export_action);
}

static void
prism_activity_page_init (PrismActivityPage *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->attempts = g_list_store_new (PRISM_TYPE_SPEND_ITEM);
  self->models = g_ptr_array_new_with_free_func (g_free);
  self->providers = g_ptr_array_new_with_free_func (g_free);
  self->projects = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->project_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->attempts)));
  gtk_column_view_set_model (self->table, GTK_SELECTION_MODEL (selection));

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

GtkWidget *
prism_activity_page_new (PrismStore *store)
{
  g_return_val_if_fail (PRISM_IS_STORE (store), NULL);

  return g_object_new (PRISM_TYPE_ACTIVITY_PAGE, "store", store, NULL);
}

gboolean
prism_activity_page_is_loading (PrismActivityPage *self)
{
  g_return_val_if_fail (PRISM_IS_ACTIVITY_PAGE (self), FALSE);

  return self->loading;
}

static guint
index_of (GPtrArray  *values,
          const char *value)
{
  guint index;

  if (value == NULL || !g_ptr_array_find_with_equal_func (values, value, g_str_equal, &index))
    return 0;

  return index + 1;
}

/**
 * prism_activity_page_set_filter:
 * @filter: (nullable): which attempts to show; %NULL for all
 *
 * Selects the filters as a person would, and shows what they let through.
 */
void
prism_activity_page_set_filter (PrismActivityPage        *self,
                                const PrismAttemptFilter *filter)
{
  PrismAttemptFilter none = { 0 };
  guint project = 0;

  g_return_if_fail (PRISM_IS_ACTIVITY_PAGE (self));

  if (filter == NULL)
    filter = &none;

  for (guint i = 0; i < self->projects->len; i++)
    if (g_array_index (self->projects, gint64, i) == filter->project_id)
      project = i + 1;

  g_signal_handlers_block_by_func (self->model_dropdown, filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->provider_dropdown, filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->status_dropdown, filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->project_dropdown, filter_changed_cb, self);
  gtk_drop_down_set_selected (self->model_dropdown, index_of (self->models, filter->model));
  gtk_drop_down_set_selected (self->provider_dropdown, index_of (self->providers, filter->provider));
  gtk_drop_down_set_selected (self->status_dropdown,
                              g_strcmp0 (filter->status, "ok") == 0 ? 1
                              : g_strcmp0 (filter->status, "error") == 0 ? 2 : 0);
  gtk_drop_down_set_selected (self->project_dropdown, project);
  g_signal_handlers_unblock_by_func (self->model_dropdown, filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->provider_dropdown, filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->status_dropdown, filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->project_dropdown, filter_changed_cb, self);

  prism_activity_page_reload (self);
}

/**
 * prism_activity_page_get_attempts:
 *
 * Returns: (transfer none): the rows shown, #PrismSpendItem of attempts
 */
GListModel *
prism_activity_page_get_attempts (PrismActivityPage *self)
{
  g_return_val_if_fail (PRISM_IS_ACTIVITY_PAGE (self), NULL);

  return G_LIST_MODEL (self->attempts);
}
