/* prism-spend-chart.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-spend-chart"

#include "config.h"

#include "prism-spend-chart.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "prism-format.h"

/* Cost per day as stacked bars, drawn with GtkSnapshot: rectangles
 * snapped to device pixels (crisp at any scale factor) and Pango text
 * for the axes. The legend is a row of real toggle buttons under the
 * plot, so that filtering works from the keyboard and screen readers
 * too; a click on a bar does the same. The table of the Spend page is
 * the accessible alternative to the bars themselves. */

#define PLOT_MIN_HEIGHT 140
#define PLOT_NAT_HEIGHT 220
#define AXIS_GAP 6
#define BAR_GAP_FRACTION 0.25
#define N_TICKS 4

struct _PrismSpendChart
{
  GtkWidget         parent_instance;

  PrismSpendSeries *series;
  int               filter;
  GtkWidget        *legend;      /* GtkFlowBox */
  GPtrArray        *toggles;     /* of GtkToggleButton, one per series */
  gboolean          updating_toggles;

  /* The plot's geometry of the last snapshot, for hit tests */
  graphene_rect_t   plot;
  double            scale_max;
};

G_DEFINE_FINAL_TYPE (PrismSpendChart, prism_spend_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SERIES,
  PROP_FILTER,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* GNOME's palette: the darker shades on light backgrounds, the lighter
 * ones on dark. The last colour is for the folded "Other". */
static const char * const light_palette[] = {
  "#1c71d8", "#e66100", "#26a269", "#9141ac", "#c01c28", "#986a44", "#0d8a8a", "#77767b",
};
static const char * const dark_palette[] = {
  "#62a0ea", "#ffa348", "#57e389", "#c061cb", "#f66151", "#cdab8f", "#5bc8c8", "#9a9996",
};

#define N_COLORS (G_N_ELEMENTS (light_palette) - 1)

void
prism_spend_chart_get_series_color (PrismSpendChart *self,
                                    guint            series,
                                    GdkRGBA         *color)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  const char * const *palette = dark ? dark_palette : light_palette;

  g_return_if_fail (PRISM_IS_SPEND_CHART (self));

  if (self->series != NULL && prism_spend_series_is_other (self->series, series))
    gdk_rgba_parse (color, palette[N_COLORS]);
  else
    gdk_rgba_parse (color, palette[series % N_COLORS]);
}

static void
get_fg_color (GtkWidget *widget,
              GdkRGBA   *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static char *
short_day (const char *day)
{
  int y, m, d;
  g_autoptr(GDateTime) time = NULL;

  if (sscanf (day, "%d-%d-%d", &y, &m, &d) != 3)
    return g_strdup (day);

  time = g_date_time_new_local (y, m, d, 12, 0, 0);
  if (time == NULL)
    return g_strdup (day);

  /* Translators: a day on the chart's axis, strftime format */
  return g_date_time_format (time, _("%b %-d"));
}

/* A round step for the money axis: 1, 2 or 5 times a power of ten */
static double
nice_step (double max)
{
  double raw = max / N_TICKS;
  double magnitude = pow (10, floor (log10 (raw)));
  double fraction = raw / magnitude;

  if (fraction <= 1)
    return magnitude;
  if (fraction <= 2)
    return 2 * magnitude;
  if (fraction <= 5)
    return 5 * magnitude;
  return 10 * magnitude;
}

/* Axis labels share the step's precision: $0.50, $1.00, $0.002 */
static char *
format_tick (double value,
             double step)
{
  int decimals = CLAMP ((int)-floor (log10 (step) + 1e-9), 2, 8);

  return g_strdup_printf ("$%.*f", decimals, value);
}

static double
snap (double value,
      double scale)
{
  return round (value * scale) / scale;
}

static PangoLayout *
make_layout (PrismSpendChart *self,
             const char      *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.83));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

static void
draw_text (GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           double         x,
           double         y,
           const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static double
visible_value (PrismSpendChart *self,
               guint            series,
               guint            day)
{
  if (self->filter >= 0 && (guint)self->filter != series)
    return 0;

  return prism_spend_series_get_cost (self->series, series, day);
}

static void
prism_spend_chart_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  PrismSpendChart *self = PRISM_SPEND_CHART (widget);
  double scale = gtk_widget_get_scale_factor (widget);
  int width = gtk_widget_get_width (widget);
  int legend_height = gtk_widget_get_height (self->legend);
  int height = gtk_widget_get_height (widget) - legend_height - AXIS_GAP;
  GdkRGBA fg, grid, muted;
  double max, step, top, label_width = 0, line_height = 0;
  guint n_days, label_every;
  int n_ticks;
  int text_w, text_h;

  gtk_widget_snapshot_child (widget, self->legend, snapshot);

  get_fg_color (widget, &fg);
  grid = fg;
  grid.alpha = 0.15;
  muted = fg;
  muted.alpha = 0.7;

  if (self->series == NULL || prism_spend_series_get_n_days (self->series) == 0 || height < 40)
    return;

  n_days = prism_spend_series_get_n_days (self->series);
  max = prism_spend_series_get_max_day_total (self->series, self->filter);
  if (max <= 0)
    max = 1;
  step = nice_step (max);
  top = step * ceil (max / step - 1e-9);
  if (top <= 0)
    top = step;
  n_ticks = MAX (1, (int)round (top / step));

  /* The money labels set the width of the left margin */
  for (int i = 0; i <= n_ticks; i++)
    {
      g_autofree char *text = format_tick (step * i, step);
      g_autoptr(PangoLayout) layout = make_layout (self, text);

      pango_layout_get_pixel_size (layout, &text_w, &text_h);
      label_width = MAX (label_width, text_w);
      line_height = text_h;
    }

  self->plot = GRAPHENE_RECT_INIT (label_width + 2 * AXIS_GAP, line_height / 2,
                                   width - label_width - 2 * AXIS_GAP,
                                   height - line_height * 1.5 - AXIS_GAP);
  self->scale_max = top;
  if (self->plot.size.width < 20 || self->plot.size.height < 20)
    return;

  /* Grid lines and money labels */
  for (int i = 0; i <= n_ticks; i++)
    {
      double value = step * i;
      double y = snap (self->plot.origin.y + self->plot.size.height * (1 - (double)i / n_ticks), scale);
      g_autofree char *text = format_tick (value, step);
      g_autoptr(PangoLayout) layout = make_layout (self, text);

      gtk_snapshot_append_color (snapshot, i == 0 ? &muted : &grid,
                                 &GRAPHENE_RECT_INIT (self->plot.origin.x, y,
                                                      self->plot.size.width, 1 / scale));
      pango_layout_get_pixel_size (layout, &text_w, &text_h);
      draw_text (snapshot, layout, label_width + AXIS_GAP - text_w, y - text_h / 2.0, &muted);
    }

  /* Bars, stacked from the biggest series up */
  {
    double slot = self->plot.size.width / n_days;
    double gap = slot >= 4 ? MAX (1, slot * BAR_GAP_FRACTION) : 0;
    guint n_series = prism_spend_series_get_n_series (self->series);

    for (guint d = 0; d < n_days; d++)
      {
        double x0 = snap (self->plot.origin.x + d * slot + gap / 2, scale);
        double x1 = snap (self->plot.origin.x + (d + 1) * slot - gap / 2, scale);
        double base = self->plot.origin.y + self->plot.size.height;
        double sum = 0;

        if (x1 - x0 < 1 / scale)
          x1 = x0 + 1 / scale;

        for (guint s = 0; s < n_series; s++)
          {
            double value = visible_value (self, s, d);
            double y0, y1;
            GdkRGBA color;

            if (value <= 0)
              continue;

            y0 = snap (base - self->plot.size.height * sum / top, scale);
            sum += value;
            y1 = snap (base - self->plot.size.height * sum / top, scale);
            /* A cent on a scale of hundreds still shows */
            if (y0 - y1 < 1 / scale)
              y1 = y0 - 1 / scale;

            prism_spend_chart_get_series_color (self, s, &color);
            gtk_snapshot_append_color (snapshot, &color,
                                       &GRAPHENE_RECT_INIT (x0, y1, x1 - x0, y0 - y1));
          }
      }

    /* Day labels, as many as fit without touching */
    {
      g_autofree char *sample = short_day (prism_spend_series_get_day (self->series, n_days - 1));
      g_autoptr(PangoLayout) layout = make_layout (self, sample);

      pango_layout_get_pixel_size (layout, &text_w, &text_h);
      label_every = MAX (1, (guint)ceil ((text_w + 2 * AXIS_GAP) / slot));
    }

    /* Counted back from the last day, so that today is always labelled */
    for (guint day = (n_days - 1) % label_every; day < n_days; day += label_every)
      {
        g_autofree char *text = NULL;
        g_autoptr(PangoLayout) layout = NULL;
        double cx;

        text = short_day (prism_spend_series_get_day (self->series, day));
        layout = make_layout (self, text);
        pango_layout_get_pixel_size (layout, &text_w, &text_h);
        cx = self->plot.origin.x + (day + 0.5) * slot - text_w / 2.0;
        cx = CLAMP (cx, self->plot.origin.x, width - text_w);
        draw_text (snapshot, layout, cx,
                   self->plot.origin.y + self->plot.size.height + AXIS_GAP, &muted);
      }
  }
}

/**
 * prism_spend_chart_hit:
 * @x: a point in the widget
 * @y: a point in the widget
 * @day: (out): the day under it
 * @series: (out): the series whose bar is under it, or -1 between bars
 *
 * Returns: whether the point is over a day of the plot
 */
gboolean
prism_spend_chart_hit (PrismSpendChart *self,
                       double           x,
                       double           y,
                       guint           *day,
                       int             *series)
{
  guint n_days;
  double sum = 0, value_at;

  g_return_val_if_fail (PRISM_IS_SPEND_CHART (self), FALSE);

  *series = -1;
  if (self->series == NULL || self->scale_max <= 0 ||
      !graphene_rect_contains_point (&self->plot, &GRAPHENE_POINT_INIT (x, y)))
    return FALSE;

  n_days = prism_spend_series_get_n_days (self->series);
  *day = MIN (n_days - 1, (guint)((x - self->plot.origin.x) / (self->plot.size.width / n_days)));

  value_at = (self->plot.origin.y + self->plot.size.height - y) / self->plot.size.height * self->scale_max;
  for (guint s = 0; s < prism_spend_series_get_n_series (self->series); s++)
    {
      double value = visible_value (self, s, *day);

      if (value <= 0)
        continue;
      sum += value;
      if (value_at <= sum)
        {
          *series = s;
          break;
        }
    }

  return TRUE;
}

/**
 * prism_spend_chart_describe_point:
 * @series: a series, or -1 for the whole day
 *
 * Returns: (transfer full): the tooltip's text: the day, the series and
 *   its cost, and the requests whose cost is unknown
 */
char *
prism_spend_chart_describe_point (PrismSpendChart *self,
                                  guint            day,
                                  int              series)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *date = NULL;
  gint64 unknown = 0;

  g_return_val_if_fail (PRISM_IS_SPEND_CHART (self), NULL);
  g_return_val_if_fail (self->series != NULL, NULL);
  g_return_val_if_fail (day < prism_spend_series_get_n_days (self->series), NULL);

  date = g_strdup (prism_spend_series_get_day (self->series, day));
  g_string_append (text, date);

  if (series >= 0)
    {
      g_autofree char *cost = prism_format_cost (prism_spend_series_get_cost (self->series, series, day));

      g_string_append_printf (text, "\n%s: %s", prism_spend_series_get_key (self->series, series), cost);
      unknown = prism_spend_series_get_unknown (self->series, series, day);
    }
  else
    {
      g_autofree char *cost = prism_format_cost (prism_spend_series_get_day_total (self->series, day));

      g_string_append_printf (text, "\n%s: %s", _("Total"), cost);
      for (guint s = 0; s < prism_spend_series_get_n_series (self->series); s++)
        unknown += prism_spend_series_get_unknown (self->series, s, day);
    }

  if (unknown > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE, "%lld request with unknown cost",
                                           "%lld requests with unknown cost", unknown),
                              (long long)unknown);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
prism_spend_chart_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard,
                                 GtkTooltip *tooltip)
{
  PrismSpendChart *self = PRISM_SPEND_CHART (widget);
  g_autofree char *text = NULL;
  guint day;
  int series;

  if (keyboard || !prism_spend_chart_hit (self, x, y, &day, &series))
    return FALSE;

  text = prism_spend_chart_describe_point (self, day, series);
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  PrismSpendChart *self)
{
  guint day;
  int series;

  if (!prism_spend_chart_hit (self, x, y, &day, &series) || series < 0)
    return;

  prism_spend_chart_set_filter (self, self->filter == series ? -1 : series);
}

static void
toggle_toggled_cb (GtkToggleButton *toggle,
                   PrismSpendChart *self)
{
  guint index;

  if (self->updating_toggles)
    return;

  if (!g_ptr_array_find (self->toggles, toggle, &index))
    return;

  if (gtk_toggle_button_get_active (toggle))
    prism_spend_chart_set_filter (self, index);
  else if (self->filter == (int)index)
    prism_spend_chart_set_filter (self, -1);
}

static void
swatch_draw (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  PrismSpendChart *self = g_object_get_data (G_OBJECT (area), "chart");
  GdkRGBA color;

  prism_spend_chart_get_series_color (self, GPOINTER_TO_UINT (user_data), &color);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
sync_toggles (PrismSpendChart *self)
{
  self->updating_toggles = TRUE;
  for (guint i = 0; i < self->toggles->len; i++)
    gtk_toggle_button_set_active (self->toggles->pdata[i], self->filter == (int)i);
  self->updating_toggles = FALSE;
}

static void
rebuild_legend (PrismSpendChart *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->legend)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->legend), child);
  g_ptr_array_set_size (self->toggles, 0);

  if (self->series == NULL)
    return;

  for (guint i = 0; i < prism_spend_series_get_n_series (self->series); i++)
    {
      GtkWidget *toggle = gtk_toggle_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *swatch = gtk_drawing_area_new ();
      GtkWidget *label = gtk_label_new (prism_spend_series_get_key (self->series, i));
      g_autofree char *total = prism_format_cost (prism_spend_series_get_series_total (self->series, i));
      g_autofree char *tooltip = g_strdup_printf (_("%s: %s. Show only this"),
                                                  prism_spend_series_get_key (self->series, i), total);

      g_object_set_data (G_OBJECT (swatch), "chart", self);
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 10);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 10);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), swatch_draw, GUINT_TO_POINTER (i), NULL);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
      gtk_box_append (GTK_BOX (box), swatch);
      gtk_box_append (GTK_BOX (box), label);
      gtk_button_set_child (GTK_BUTTON (toggle), box);
      gtk_widget_add_css_class (toggle, "flat");
      gtk_widget_add_css_class (toggle, "prism-legend-entry");
      gtk_widget_set_tooltip_text (toggle, tooltip);
      g_signal_connect (toggle, "toggled", G_CALLBACK (toggle_toggled_cb), self);
      gtk_flow_box_append (GTK_FLOW_BOX (self->legend), toggle);
      g_ptr_array_add (self->toggles, toggle);
    }

  sync_toggles (self);
}

static void
update_description (PrismSpendChart *self)
{
  g_autofree char *description = self->series ? prism_spend_series_describe (self->series) : NULL;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description ? description : _("No spend to show."),
                                  -1);
}

static void
prism_spend_chart_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  PrismSpendChart *self = PRISM_SPEND_CHART (widget);
  int legend_min, legend_nat;

  gtk_widget_measure (self->legend, orientation, for_size, &legend_min, &legend_nat, NULL, NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (legend_min, 240);
      *natural = MAX (legend_nat, 600);
    }
  else
    {
      *minimum = legend_min + PLOT_MIN_HEIGHT + AXIS_GAP;
      *natural = legend_nat + PLOT_NAT_HEIGHT + AXIS_GAP;
    }
}

static void
prism_spend_chart_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  PrismSpendChart *self = PRISM_SPEND_CHART (widget);
  int legend_height;

  gtk_widget_measure (self->legend, GTK_ORIENTATION_VERTICAL, width, &legend_height, NULL, NULL, NULL);
  gtk_widget_size_allocate (self->legend,
                            &(GtkAllocation) { 0, height - legend_height, width, legend_height },
                            -1);
}

static void
dark_changed_cb (PrismSpendChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  for (guint i = 0; i < self->toggles->len; i++)
    {
      GtkWidget *box = gtk_button_get_child (self->toggles->pdata[i]);

      gtk_widget_queue_draw (gtk_widget_get_first_child (box));
    }
}

static void
prism_spend_chart_dispose (GObject *object)
{
  PrismSpendChart *self = PRISM_SPEND_CHART (object);

  g_clear_pointer (&self->legend, gtk_widget_unparent);
  g_clear_pointer (&self->toggles, g_ptr_array_unref);
  g_clear_object (&self->series);

  G_OBJECT_CLASS (prism_spend_chart_parent_class)->dispose (object);
}

static void
prism_spend_chart_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PrismSpendChart *self = PRISM_SPEND_CHART (object);

  switch (prop_id)
    {
    case PROP_SERIES:
      g_value_set_object (value, self->series);
      break;

    case PROP_FILTER:
      g_value_set_int (value, self->filter);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_spend_chart_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PrismSpendChart *self = PRISM_SPEND_CHART (object);

  switch (prop_id)
    {
    case PROP_SERIES:
      prism_spend_chart_set_series (self, g_value_get_object (value));
      break;

    case PROP_FILTER:
      prism_spend_chart_set_filter (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_spend_chart_class_init (PrismSpendChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prism_spend_chart_dispose;
  object_class->get_property = prism_spend_chart_get_property;
  object_class->set_property = prism_spend_chart_set_property;

  widget_class->snapshot = prism_spend_chart_snapshot;
  widget_class->measure = prism_spend_chart_measure;
  widget_class->size_allocate = prism_spend_chart_size_allocate;
  widget_class->query_tooltip = prism_spend_chart_query_tooltip;

  properties [PROP_SERIES] =
    g_param_spec_object ("series", NULL, NULL,
                         PRISM_TYPE_SPEND_SERIES,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_FILTER] =
    g_param_spec_int ("filter", NULL, NULL,
                      -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "spendchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
prism_spend_chart_init (PrismSpendChart *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->filter = -1;
  self->toggles = g_ptr_array_new ();

  self->legend = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->legend), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->legend), 8);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (self->legend), FALSE);
  gtk_widget_add_css_class (self->legend, "prism-spend-legend");
  gtk_widget_set_parent (self->legend, GTK_WIDGET (self));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Cost per day"),
                                  -1);
  update_description (self);
}

GtkWidget *
prism_spend_chart_new (void)
{
  return g_object_new (PRISM_TYPE_SPEND_CHART, NULL);
}

/**
 * prism_spend_chart_get_series:
 *
 * Returns: (transfer none) (nullable): what the chart draws
 */
PrismSpendSeries *
prism_spend_chart_get_series (PrismSpendChart *self)
{
  g_return_val_if_fail (PRISM_IS_SPEND_CHART (self), NULL);

  return self->series;
}

void
prism_spend_chart_set_series (PrismSpendChart  *self,
                              PrismSpendSeries *series)
{
  g_return_if_fail (PRISM_IS_SPEND_CHART (self));
  g_return_if_fail (series == NULL || PRISM_IS_SPEND_SERIES (series));

  if (!g_set_object (&self->series, series))
    return;

  if (self->filter >= 0)
    {
      self->filter = -1;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FILTER]);
    }

  rebuild_legend (self);
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SERIES]);
}

/**
 * prism_spend_chart_get_filter:
 *
 * Returns: the only series shown, or -1 when all are
 */
int
prism_spend_chart_get_filter (PrismSpendChart *self)
{
  g_return_val_if_fail (PRISM_IS_SPEND_CHART (self), -1);

  return self->filter;
}

void
prism_spend_chart_set_filter (PrismSpendChart *self,
                              int              series)
{
  g_return_if_fail (PRISM_IS_SPEND_CHART (self));

  if (self->series == NULL || series >= (int)prism_spend_series_get_n_series (self->series))
    series = -1;
  series = MAX (series, -1);

  if (self->filter == series)
    return;

  self->filter = series;
  sync_toggles (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FILTER]);
}

/**
 * prism_spend_chart_get_legend:
 *
 * Returns: (transfer none): the legend, a #GtkFlowBox of toggle buttons
 */
GtkWidget *
prism_spend_chart_get_legend (PrismSpendChart *self)
{
  g_return_val_if_fail (PRISM_IS_SPEND_CHART (self), NULL);

  return self->legend;
}
