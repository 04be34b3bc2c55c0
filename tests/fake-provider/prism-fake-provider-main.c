/* prism-fake-provider-main.c
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* `prism-fake-provider [--port N]`: serves on 127.0.0.1, prints
 * "PORT <n>" as its first line of standard output, and runs until it is
 * killed (SIGTERM, SIGINT) or, when standard input is a pipe or a
 * terminal, until standard input closes. */

#define G_LOG_DOMAIN "prism-fake-provider"

#include "config.h"

#include <glib-unix.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "prism-fake-provider.h"

static gboolean
on_signal (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static gboolean
on_stdin (int          fd,
          GIOCondition condition,
          gpointer     data)
{
  char buf[256];
  gssize n = read (fd, buf, sizeof buf);

  if (n > 0)
    return G_SOURCE_CONTINUE;

  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static gboolean
stdin_can_close (void)
{
  struct stat st;

  if (isatty (STDIN_FILENO))
    return TRUE;
  if (fstat (STDIN_FILENO, &st) != 0)
    return FALSE;

  return S_ISFIFO (st.st_mode) || S_ISSOCK (st.st_mode);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PrismFakeProvider) provider = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  int port = 0;
  GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port to listen on at 127.0.0.1 (0: any free port)", "N" },
    { NULL }
  };

  context = g_option_context_new ("- serve fake LLM provider APIs for Prism's tests");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("prism-fake-provider: %s\n", error->message);
      return 2;
    }

  if (port < 0 || port > G_MAXUINT16)
    {
      g_printerr ("prism-fake-provider: --port must be between 0 and 65535\n");
      return 2;
    }

  provider = prism_fake_provider_new ();
  if (!prism_fake_provider_start (provider, port, &error))
    {
      g_printerr ("prism-fake-provider: %s\n", error->message);
      return 1;
    }

  printf ("PORT %u\n", prism_fake_provider_get_port (provider));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_signal, loop);
  g_unix_signal_add (SIGINT, on_signal, loop);
  if (stdin_can_close ())
    g_unix_fd_add (STDIN_FILENO, G_IO_IN | G_IO_HUP | G_IO_ERR, on_stdin, loop);

  g_main_loop_run (loop);
  prism_fake_provider_stop (provider);

  return 0;
}
