/* prism-model.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-model"

#include "config.h"

#include "prism-model.h"

/* What Prism knows of one model of one provider: the catalog's entries,
 * the rows of the model picker, the facts of providers.ini. */
struct _PrismModel
{
  GObject      parent_instance;

  char        *id;
  char        *provider_id;
  char        *model_id;
  char        *name;
  gint64       context_length;
  PrismPrices  prices;
  GStrv        input_modalities;
  GStrv        supported_parameters;
};

G_DEFINE_FINAL_TYPE (PrismModel, prism_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PROVIDER_ID,
  PROP_MODEL_ID,
  PROP_NAME,
  PROP_CONTEXT_LENGTH,
  PROP_PRICES,
  PROP_INPUT_MODALITIES,
  PROP_SUPPORTED_PARAMETERS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/**
 * prism_model_split_id:
 * @id: a model name such as `openrouter:meta-llama/llama-3.3-70b-instruct:free`
 * @provider_id: (out) (optional): the part before the first colon
 * @model_id: (out) (optional): the rest
 *
 * Splits a model name at its first colon, as DESIGN.md defines.
 *
 * Returns: %FALSE when @id has no colon or an empty part
 */
gboolean
prism_model_split_id (const char  *id,
                      char       **provider_id,
                      char       **model_id)
{
  const char *colon;

  if (id == NULL || (colon = strchr (id, ':')) == NULL || colon == id || colon[1] == '\0')
    return FALSE;

  if (provider_id != NULL)
    *provider_id = g_strndup (id, colon - id);
  if (model_id != NULL)
    *model_id = g_strdup (colon + 1);

  return TRUE;
}

PrismModel *
prism_model_new (const char *provider_id,
                 const char *model_id)
{
  g_return_val_if_fail (provider_id != NULL && *provider_id != '\0', NULL);
  g_return_val_if_fail (model_id != NULL && *model_id != '\0', NULL);

  return g_object_new (PRISM_TYPE_MODEL,
                       "provider-id", provider_id,
                       "model-id", model_id,
                       NULL);
}

const char *
prism_model_get_id (PrismModel *self)
{
  g_return_val_if_fail (PRISM_IS_MODEL (self), NULL);

  return self->id;
}

const char *
prism_model_get_provider_id (PrismModel *self)
{
  g_return_val_if_fail (PRISM_IS_MODEL (self), NULL);

  return self->provider_id;
}

const char *
prism_model_get_model_id (PrismModel *self)
{
  g_return_val_if_fail (PRISM_IS_MODEL (self), NULL);

  return self->model_id;
}

/**
 * prism_model_get_name:
 *
 * Returns: the name to show a person, the model id when none is known
 */
const char *
prism_model_get_name (PrismModel *self)
{
  g_return_val_if_fail (PRISM_IS_MODEL (self), NULL);

  return self->name != NULL ? self->name : self->model_id;
}

void
prism_model_set_name (PrismModel *self,
                      const char *name)
{
  g_return_if_fail (PRISM_IS_MODEL (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NAME]);
}

/**
 * prism_model_get_context_length:
 *
 * Returns: the context window in tokens, or 0 when it is not known
 */
gint64
prism_model_get_context_length (PrismModel *self)
{
  g_return_val_if_fail (PRISM_IS_MODEL (self), 0);

  return self->context_length;
}

void
prism_model_set_context_length (PrismModel *self,
                                gint64      context_length)
{
  g_return_if_fail (PRISM_IS_MODEL (self));
  g_return_if_fail (context_length >= 0);

  if (self->context_length != context_length)
    {
      self->context_length = context_length;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CONTEXT_LENGTH]);
    }
}

/**
 * prism_model_get_prices:
 *
 * Returns: (transfer none): the prices, whose source says where they came
 *   from; %PRISM_COST_SOURCE_UNKNOWN when none is known
 */
const PrismPrices *
prism_model_get_prices (PrismModel *self)
{
  g_return_val_if_fail (PRISM_IS_MODEL (self), NULL);

  return &self->prices;
}

void
prism_model_set_prices (PrismModel        *self,
                        const PrismPrices *prices)
{
  g_return_if_fail (PRISM_IS_MODEL (self));

  if (prices == NULL)
    prism_prices_init_unknown (&self->prices);
  else
    self->prices = *prices;

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PRICES]);
}

/**
 * prism_model_get_input_modalities:
 *
 * Returns: (transfer none) (nullable): what the model takes, such as
 *   "text" and "image", or %NULL when not known
 */
const char * const *
prism_model_get_input_modalities (PrismModel *self)
{
  g_return_val_if_fail (PRISM_IS_MODEL (self), NULL);

  return (const char * const *)self->input_modalities;
}

void
prism_model_set_input_modalities (PrismModel         *self,
                                  const char * const *modalities)
{
  g_return_if_fail (PRISM_IS_MODEL (self));

  g_strfreev (self->input_modalities);
  self->input_modalities = g_strdupv ((char **)modalities);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_INPUT_MODALITIES]);
}

gboolean
prism_model_accepts_images (PrismModel *self)
{
  g_return_val_if_fail (PRISM_IS_MODEL (self), FALSE);

  return self->input_modalities != NULL
         && g_strv_contains ((const char * const *)self->input_modalities, "image");
}

/**
 * prism_model_get_supported_parameters:
 *
 * Returns: (transfer none) (nullable): the request parameters the model
 *   accepts (OpenRouter's `supported_parameters`), or %NULL when not known
 */
const char * const *
prism_model_get_supported_parameters (PrismModel *self)
{
  g_return_val_if_fail (PRISM_IS_MODEL (self), NULL);

  return (const char * const *)self->supported_parameters;
}

void
prism_model_set_supported_parameters (PrismModel         *self,
                                      const char * const *parameters)
{
  g_return_if_fail (PRISM_IS_MODEL (self));

  g_strfreev (self->supported_parameters);
  self->supported_parameters = g_strdupv ((char **)parameters);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SUPPORTED_PARAMETERS]);
}

/**
 * prism_model_supports_parameter:
 * @parameter: a request field such as "temperature" or "top_p"
 *
 * Returns: %TRUE unless the catalog says the model does not take @parameter;
 *   a model whose parameters are not known is assumed to take them all
 */
gboolean
prism_model_supports_parameter (PrismModel *self,
                                const char *parameter)
{
  g_return_val_if_fail (PRISM_IS_MODEL (self), FALSE);
  g_return_val_if_fail (parameter != NULL, FALSE);

  return self->supported_parameters == NULL
         || g_strv_contains ((const char * const *)self->supported_parameters, parameter);
}

static void
prism_model_constructed (GObject *object)
{
  PrismModel *self = PRISM_MODEL (object);

  G_OBJECT_CLASS (prism_model_parent_class)->constructed (object);

  self->id = g_strconcat (self->provider_id, ":", self->model_id, NULL);
}

static void
prism_model_finalize (GObject *object)
{
  PrismModel *self = PRISM_MODEL (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->provider_id, g_free);
  g_clear_pointer (&self->model_id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->input_modalities, g_strfreev);
  g_clear_pointer (&self->supported_parameters, g_strfreev);

  G_OBJECT_CLASS (prism_model_parent_class)->finalize (object);
}

static void
prism_model_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PrismModel *self = PRISM_MODEL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_PROVIDER_ID:
      g_value_set_string (value, self->provider_id);
      break;

    case PROP_MODEL_ID:
      g_value_set_string (value, self->model_id);
      break;

    case PROP_NAME:
      g_value_set_string (value, prism_model_get_name (self));
      break;

    case PROP_CONTEXT_LENGTH:
      g_value_set_int64 (value, self->context_length);
      break;

    case PROP_PRICES:
      g_value_set_boxed (value, &self->prices);
      break;

    case PROP_INPUT_MODALITIES:
      g_value_set_boxed (value, self->input_modalities);
      break;

    case PROP_SUPPORTED_PARAMETERS:
      g_value_set_boxed (value, self->supported_parameters);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_model_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PrismModel *self = PRISM_MODEL (object);

  switch (prop_id)
    {
    case PROP_PROVIDER_ID:
      self->provider_id = g_value_dup_string (value);
      break;

    case PROP_MODEL_ID:
      self->model_id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      prism_model_set_name (self, g_value_get_string (value));
      break;

    case PROP_CONTEXT_LENGTH:
      prism_model_set_context_length (self, g_value_get_int64 (value));
      break;

    case PROP_PRICES:
      prism_model_set_prices (self, g_value_get_boxed (value));
      break;

    case PROP_INPUT_MODALITIES:
      prism_model_set_input_modalities (self, g_value_get_boxed (value));
      break;

    case PROP_SUPPORTED_PARAMETERS:
      prism_model_set_supported_parameters (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
prism_model_class_init (PrismModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = prism_model_constructed;
  object_class->finalize = prism_model_finalize;
  object_class->get_property = prism_model_get_property;
  object_class->set_property = prism_model_set_property;

  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties [PROP_PROVIDER_ID] =
    g_param_spec_string ("provider-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_MODEL_ID] =
    g_param_spec_string ("model-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_CONTEXT_LENGTH] =
    g_param_spec_int64 ("context-length", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_PRICES] =
    g_param_spec_boxed ("prices", NULL, NULL,
                        PRISM_TYPE_PRICES,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_INPUT_MODALITIES] =
    g_param_spec_boxed ("input-modalities", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SUPPORTED_PARAMETERS] =
    g_param_spec_boxed ("supported-parameters", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
prism_model_init (PrismModel *self)
{
  prism_prices_init_unknown (&self->prices);
}
