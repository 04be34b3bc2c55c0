/* prism-conversation-row.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-conversation-row"

#include "config.h"

#include <glib/gi18n.h>

#include "prism-conversation-row.h"

/* A conversation in the sidebar: its title, a pin when pinned, and a
 * context menu (right click or long press) whose items are the window's
 * actions, targeted at this conversation's id. */
struct _PrismConversationRow
{
  GtkWidget              parent_instance;

  PrismConversationItem *item;

  GtkWidget             *box;
  GtkLabel              *title_label;
  GtkWidget             *pin_image;
  GtkPopoverMenu        *menu_popover;
};

G_DEFINE_FINAL_TYPE (PrismConversationRow, prism_conversation_row, GTK_TYPE_WIDGET)

GtkWidget *
prism_conversation_row_new (void)
{
  return g_object_new (PRISM_TYPE_CONVERSATION_ROW, NULL);
}

static GMenuModel *
build_menu (PrismConversationItem *item)
{
  GMenu *menu = g_menu_new ();
  const char *id = prism_conversation_item_get_id (item);
  g_autoptr(GMenuItem) rename = g_menu_item_new (_("_Rename…"), NULL);
  g_autoptr(GMenuItem) pin = g_menu_item_new (prism_conversation_item_get_pinned (item) ? _("_Unpin") : _("_Pin"), NULL);
  g_autoptr(GMenuItem) delete = g_menu_item_new (_("_Delete"), NULL);

  g_menu_item_set_action_and_target (rename, "win.rename-conversation", "s", id);
  g_menu_item_set_action_and_target (pin, "win.pin-conversation", "s", id);
  g_menu_item_set_action_and_target (delete, "win.delete-conversation", "s", id);
  g_menu_append_item (menu, pin);
  g_menu_append_item (menu, rename);
  g_menu_append_item (menu, delete);

  return G_MENU_MODEL (menu);
}

static void
show_menu (PrismConversationRow *self,
           double                x,
           double                y)
{
  g_autoptr(GMenuModel) menu = NULL;

  if (self->item == NULL)
    return;

  menu = build_menu (self->item);
  gtk_popover_menu_set_menu_model (self->menu_popover, menu);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu_popover),
                               &(GdkRectangle) { (int)x, (int)y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu_popover));
}

static void
on_secondary_click (PrismConversationRow *self,
                    int                   n_press,
                    double                x,
                    double                y)
{
  show_menu (self, x, y);
}

static void
on_long_press (PrismConversationRow *self,
               double                x,
               double                y)
{
  show_menu (self, x, y);
}

/**
 * prism_conversation_row_set_item:
 * @item: (nullable): the conversation to show
 */
void
prism_conversation_row_set_item (PrismConversationRow  *self,
                                 PrismConversationItem *item)
{
  g_return_if_fail (PRISM_IS_CONVERSATION_ROW (self));

  g_set_object (&self->item, item);
  if (item == NULL)
    return;

  gtk_label_set_text (self->title_label, prism_conversation_item_get_title (item));
  gtk_widget_set_visible (self->pin_image, prism_conversation_item_get_pinned (item));
}

static void
prism_conversation_row_size_allocate (GtkWidget *widget,
                                      int        width,
                                      int        height,
                                      int        baseline)
{
  PrismConversationRow *self = PRISM_CONVERSATION_ROW (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  gtk_popover_present (GTK_POPOVER (self->menu_popover));
}

static void
prism_conversation_row_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  PrismConversationRow *self = PRISM_CONVERSATION_ROW (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
prism_conversation_row_dispose (GObject *object)
{
  PrismConversationRow *self = (PrismConversationRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PRISM_TYPE_CONVERSATION_ROW);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (prism_conversation_row_parent_class)->dispose (object);
}

static void
prism_conversation_row_class_init (PrismConversationRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = prism_conversation_row_dispose;
  widget_class->measure = prism_conversation_row_measure;
  widget_class->size_allocate = prism_conversation_row_size_allocate;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/prismllm/Prism/prism-conversation-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PrismConversationRow, box);
  gtk_widget_class_bind_template_child (widget_class, PrismConversationRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, PrismConversationRow, pin_image);
  gtk_widget_class_bind_template_child (widget_class, PrismConversationRow, menu_popover);
  gtk_widget_class_bind_template_callback (widget_class, on_secondary_click);
  gtk_widget_class_bind_template_callback (widget_class, on_long_press);
}

static void
prism_conversation_row_init (PrismConversationRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
