/* prism-model-picker.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-model-picker"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "prism-format.h"
#include "prism-model-picker.h"
#include "prism-pricing.h"

/* A button naming the model the composer asks, and a popover to choose
 * another: the catalog filtered as one types, each model with what a
 * million tokens in and out cost. A `provider:model` the catalog does not
 * list can still be typed and used.
 */
struct _PrismModelPicker
{
  GtkWidget           parent_instance;

  PrismCatalog       *catalog;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  char               *model;

  /* Template widgets */
  GtkMenuButton      *button;
  GtkLabel           *button_label;
  GtkPopover         *popover;
  GtkSearchEntry     *search_entry;
  GtkButton          *use_button;
  GtkListView        *list_view;
};

G_DEFINE_FINAL_TYPE (PrismModelPicker, prism_model_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static char *
dup_prices_text (PrismModel *model)
{
  const PrismPrices *prices = prism_model_get_prices (model);
  PrismPrices bundled;
  g_autofree char *in = NULL;
  g_autofree char *out = NULL;

  if (!prism_prices_is_known (prices) &&
      prism_pricing_lookup (prism_pricing_get_default (), prism_model_get_provider_id (model),
                            prism_model_get_model_id (model), &bundled))
    prices = &bundled;

  if (!prism_prices_is_known (prices))
    return g_strdup (_("price unknown"));

  in = prism_format_price (prices->input);
  out = prism_format_price (prices->output);

  if (prices->source == PRISM_COST_SOURCE_BUNDLED)
    /* Translators: prices in and out per million tokens, from the table shipped with Prism */
    return g_strdup_printf (_("%s in · %s out per 1M tokens (list price)"), in, out);

  /* Translators: prices in and out per million tokens */
  return g_strdup_printf (_("%s in · %s out per 1M tokens"), in, out);
}

static void
update_button (PrismModelPicker *self)
{
  gtk_label_set_text (self->button_label,
                      self->model != NULL && self->model[0] != '\0' ? self->model : _("Choose a Model"));
}

const char *
prism_model_picker_get_model (PrismModelPicker *self)
{
  g_return_val_if_fail (PRISM_IS_MODEL_PICKER (self), NULL);
  return self->model;
}

void
prism_model_picker_set_model (PrismModelPicker *self,
                              const char       *model)
{
  g_return_if_fail (PRISM_IS_MODEL_PICKER (self));

  if (g_strcmp0 (self->model, model) == 0)
    return;

  g_free (self->model);
  self->model = g_strdup (model);
  update_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MODEL]);
}

void
prism_model_picker_popup (PrismModelPicker *self)
{
  g_return_if_fail (PRISM_IS_MODEL_PICKER (self));
  gtk_menu_button_popup (self->button);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  PrismModelPicker *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return prism_catalog_model_matches (item, text, NULL, PRISM_CATALOG_CAPABILITY_NONE);
}

static void
on_search_changed (PrismModelPicker *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *provider = NULL;
  g_autofree char *model = NULL;
  gboolean typed_id = prism_model_split_id (text, &provider, &model) && model[0] != '\0' &&
                      (self->catalog == NULL || prism_catalog_lookup (self->catalog, text) == NULL);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);

  gtk_widget_set_visible (GTK_WIDGET (self->use_button), typed_id);
  if (typed_id)
    {
      /* Translators: %s is a model name a person typed, PROVIDER:MODEL */
      g_autofree char *label = g_strdup_printf (_("Use “%s”"), text);

      gtk_button_set_label (self->use_button, label);
    }
}

static void
choose (PrismModelPicker *self,
        const char       *model)
{
  prism_model_picker_set_model (self, model);
  gtk_popover_popdown (self->popover);
}

static void
on_use_clicked (PrismModelPicker *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  choose (self, g_strstrip (text));
}

static void
on_row_activated (PrismModelPicker *self,
                  guint             position)
{
  g_autoptr(PrismModel) model = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (model != NULL)
    choose (self, prism_model_get_id (model));
}

static void
on_search_activate (PrismModelPicker *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->use_button)))
    on_use_clicked (self);
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
    on_row_activated (self, 0);
}

static void
on_popover_show (PrismModelPicker *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *provider = gtk_label_new (NULL);
  GtkWidget *prices = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (provider, "dim-label");
  gtk_widget_add_css_class (provider, "caption");
  gtk_label_set_xalign (GTK_LABEL (prices), 0);
  gtk_widget_add_css_class (prices, "dim-label");
  gtk_widget_add_css_class (prices, "caption");
  gtk_widget_add_css_class (prices, "numeric");

  gtk_box_append (GTK_BOX (top), name);
  gtk_box_append (GTK_BOX (top), provider);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), prices);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  PrismModel *model = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *top = gtk_widget_get_first_child (box);
  GtkWidget *name = gtk_widget_get_first_child (top);
  GtkWidget *provider = gtk_widget_get_next_sibling (name);
  GtkWidget *prices = gtk_widget_get_next_sibling (top);
  g_autofree char *prices_text = dup_prices_text (model);

  gtk_label_set_text (GTK_LABEL (name), prism_model_get_name (model));
  gtk_label_set_text (GTK_LABEL (provider), prism_model_get_provider_id (model));
  gtk_label_set_text (GTK_LABEL (prices), prices_text);
  gtk_widget_set_tooltip_text (box, prism_model_get_id (model));
}

/**
 * prism_model_picker_set_catalog:
 * @catalog: the models to offer
 */
void
prism_model_picker_set_catalog (PrismModelPicker *self,
                                PrismCatalog     *catalog)
{
  g_return_if_fail (PRISM_IS_MODEL_PICKER (self));
  g_return_if_fail (PRISM_IS_CATALOG (catalog));

  g_set_object (&self->catalog, catalog);
  gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (catalog));
}

static void
prism_model_picker_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PrismModelPicker *self = PRISM_MODEL_PICKER (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_model_picker_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PrismModelPicker *self = PRISM_MODEL_PICKER (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      prism_model_picker_set_model (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_model_picker_dispose (GObject *object)
{
  PrismModelPicker *self = (PrismModelPicker *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PRISM_TYPE_MODEL_PICKER);

  g_clear_object (&self->filtered);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (prism_model_picker_parent_class)->dispose (object);
}

static void
prism_model_picker_finalize (GObject *object)
{
  PrismModelPicker *self = (PrismModelPicker *)object;

  g_free (self->model);

  G_OBJECT_CLASS (prism_model_picker_parent_class)->finalize (object);
}

static void
prism_model_picker_class_init (PrismModelPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prism_model_picker_dispose;
  object_class->finalize = prism_model_picker_finalize;
  object_class->get_property = prism_model_picker_get_property;
  object_class->set_property = prism_model_picker_set_property;

  properties [PROP_MODEL] =
    g_param_spec_string ("model", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/prismllm/Prism/prism-model-picker.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, PrismModelPicker, button);
  gtk_widget_class_bind_template_child (widget_class, PrismModelPicker, button_label);
  gtk_widget_class_bind_template_child (widget_class, PrismModelPicker, popover);
  gtk_widget_class_bind_template_child (widget_class, PrismModelPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PrismModelPicker, use_button);
  gtk_widget_class_bind_template_child (widget_class, PrismModelPicker, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_use_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show);
}

static void
prism_model_picker_init (PrismModelPicker *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkSingleSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  update_button (self);
}
