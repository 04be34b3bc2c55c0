/* main.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "prism"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "prism-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PrismApplication) app = NULL;
  const char *localedir = g_getenv ("PRISM_LOCALEDIR");

  /* PRISM_LOCALEDIR points the tests at the translations in the build
   * directory; an installed Prism reads its own. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Prism"));

  app = prism_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
