/* prism-cli-table.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism-cli"

#include "config.h"

#include "prism-cli-table.h"
#include "prism-format.h"

/* Aligned columns for people reading a terminal: widths are measured in
 * terminal cells, not bytes, so model names in any script line up. */
struct _PrismCliTable
{
  guint          n_columns;
  PrismCliAlign *align;
  GPtrArray     *rows;   /* of GStrv, the header first */
};

/**
 * prism_cli_table_new:
 * @n_columns: how many columns
 * @...: the @n_columns header titles
 */
PrismCliTable *
prism_cli_table_new (guint n_columns,
                     ...)
{
  PrismCliTable *self;
  va_list args;
  char **header;

  g_return_val_if_fail (n_columns > 0, NULL);

  self = g_new0 (PrismCliTable, 1);
  self->n_columns = n_columns;
  self->align = g_new0 (PrismCliAlign, n_columns);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);

  header = g_new0 (char *, n_columns + 1);
  va_start (args, n_columns);
  for (guint i = 0; i < n_columns; i++)
    header[i] = g_strdup (va_arg (args, const char *));
  va_end (args);
  g_ptr_array_add (self->rows, header);

  return self;
}

void
prism_cli_table_free (PrismCliTable *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->rows);
  g_free (self->align);
  g_free (self);
}

void
prism_cli_table_set_align (PrismCliTable *self,
                           guint          column,
                           PrismCliAlign  align)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (column < self->n_columns);

  self->align[column] = align;
}

/**
 * prism_cli_table_add_row:
 * @...: one string per column; %NULL prints as an empty cell
 */
void
prism_cli_table_add_row (PrismCliTable *self,
                         ...)
{
  va_list args;
  char **row;

  g_return_if_fail (self != NULL);

  row = g_new0 (char *, self->n_columns + 1);
  va_start (args, self);
  for (guint i = 0; i < self->n_columns; i++)
    {
      const char *cell = va_arg (args, const char *);

      row[i] = g_strdup (cell != NULL ? cell : "");
    }
  va_end (args);
  g_ptr_array_add (self->rows, row);
}

void
prism_cli_table_print (PrismCliTable *self,
                       FILE          *stream,
                       gboolean       bold_header)
{
  g_autofree guint *widths = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (stream != NULL);

  widths = g_new0 (guint, self->n_columns);
  for (guint r = 0; r < self->rows->len; r++)
    {
      char **row = g_ptr_array_index (self->rows, r);

      for (guint c = 0; c < self->n_columns; c++)
        widths[c] = MAX (widths[c], prism_format_display_width (row[c]));
    }

  for (guint r = 0; r < self->rows->len; r++)
    {
      char **row = g_ptr_array_index (self->rows, r);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < self->n_columns; c++)
        {
          guint pad = widths[c] - prism_format_display_width (row[c]);
          gboolean last = c + 1 == self->n_columns;

          if (c > 0)
            g_string_append (line, "  ");

          if (self->align[c] == PRISM_CLI_ALIGN_RIGHT)
            {
              for (guint i = 0; i < pad; i++)
                g_string_append_c (line, ' ');
              g_string_append (line, row[c]);
            }
          else
            {
              g_string_append (line, row[c]);
              /* No trailing blanks after the last column. */
              for (guint i = 0; !last && i < pad; i++)
                g_string_append_c (line, ' ');
            }
        }

      if (r == 0 && bold_header)
        fprintf (stream, "\033[1m%s\033[0m\n", line->str);
      else
        fprintf (stream, "%s\n", line->str);
    }
}
