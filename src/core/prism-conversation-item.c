/* prism-conversation-item.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-conversation-item"

#include "config.h"

#include "prism-conversation-item.h"

/* A conversation of the history's list, as a GObject for list models;
 * its properties feed the sidebar's rows through bindings. */
struct _PrismConversationItem
{
  GObject  parent_instance;

  char    *id;
  char    *title;
  gboolean pinned;
  gint64   updated_at;
};

G_DEFINE_FINAL_TYPE (PrismConversationItem, prism_conversation_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_PINNED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
prism_conversation_item_finalize (GObject *object)
{
  PrismConversationItem *self = (PrismConversationItem *)object;

  g_free (self->id);
  g_free (self->title);

  G_OBJECT_CLASS (prism_conversation_item_parent_class)->finalize (object);
}

static void
prism_conversation_item_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  PrismConversationItem *self = PRISM_CONVERSATION_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_PINNED:
      g_value_set_boolean (value, self->pinned);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_conversation_item_class_init (PrismConversationItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = prism_conversation_item_finalize;
  object_class->get_property = prism_conversation_item_get_property;

  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_PINNED] =
    g_param_spec_boolean ("pinned", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
prism_conversation_item_init (PrismConversationItem *self)
{
}

PrismConversationItem *
prism_conversation_item_new (const PrismConversation *conversation)
{
  PrismConversationItem *self;

  g_return_val_if_fail (conversation != NULL, NULL);

  self = g_object_new (PRISM_TYPE_CONVERSATION_ITEM, NULL);
  self->id = g_strdup (conversation->id);
  self->title = g_strdup (conversation->title);
  self->pinned = conversation->pinned;
  self->updated_at = conversation->updated_at;

  return self;
}

const char *
prism_conversation_item_get_id (PrismConversationItem *self)
{
  g_return_val_if_fail (PRISM_IS_CONVERSATION_ITEM (self), NULL);
  return self->id;
}

const char *
prism_conversation_item_get_title (PrismConversationItem *self)
{
  g_return_val_if_fail (PRISM_IS_CONVERSATION_ITEM (self), NULL);
  return self->title;
}

gboolean
prism_conversation_item_get_pinned (PrismConversationItem *self)
{
  g_return_val_if_fail (PRISM_IS_CONVERSATION_ITEM (self), FALSE);
  return self->pinned;
}

gint64
prism_conversation_item_get_updated_at (PrismConversationItem *self)
{
  g_return_val_if_fail (PRISM_IS_CONVERSATION_ITEM (self), 0);
  return self->updated_at;
}
