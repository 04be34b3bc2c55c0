/* markdown-sample.h
 *
 * Copyright 2026 The Prism developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A long answer such as a model writes, with every construct the chat
 * view renders, shared by test-markdown and bench-markdown. */

#pragma once

#include <glib.h>

static const char *markdown_sample_section =
  "## Step @N@: setting things up\n"
  "\n"
  "To build the *parser* we need **three** things: a `GString`, a ~~stack~~ queue and a\n"
  "link to [the docs](https://docs.gtk.org/glib/struct.String.html) — nothing else & no <magic>.\n"
  "\n"
  "1. Install the dependencies:\n"
  "\n"
  "   ```sh\n"
  "   sudo apt install libglib2.0-dev meson\n"
  "   ```\n"
  "\n"
  "2. Configure the build\n"
  "   - with `meson setup _build`\n"
  "   - then `meson compile`\n"
  "     - nested once more\n"
  "3. Run it.\n"
  "\n"
  "- [x] parser written\n"
  "- [ ] tests for step @N@\n"
  "\n"
  "> **Note:** streaming output arrives in small pieces,\n"
  "> so every block must render while it grows.\n"
  "\n"
  "| Option | Default | Meaning |\n"
  "|:-------|:-------:|--------:|\n"
  "| `buffer` | 4096 | size of one *read* |\n"
  "| `retry` | 3 | attempts before giving up |\n"
  "| `verbose` | no | print each step @N@ |\n"
  "\n"
  "```python\n"
  "def parse(chunks):\n"
  "    total = 0\n"
  "    for chunk in chunks:\n"
  "        if chunk.startswith(\"#\"):\n"
  "            total += len(chunk)  # count < 10 & > 2\n"
  "\n"
  "    return total\n"
  "```\n"
  "\n"
  "Then the C side, which is longer than one would like but still readable enough for a\n"
  "review, since each function does one thing and says so in its name.\n"
  "\n"
  "```c\n"
  "static void\n"
  "append (GString *out, const char *text)\n"
  "{\n"
  "  g_string_append (out, text);\n"
  "}\n"
  "```\n"
  "\n"
  "---\n"
  "\n";

static inline char *
markdown_sample_new (guint min_words)
{
  GString *out = g_string_new ("# A long answer\n\nHere is the plan, in steps.\n\n");
  guint words = 0;

  for (guint step = 1; words < min_words; step++)
    {
      g_autofree char *section = NULL;
      g_auto(GStrv) split = NULL;

      g_auto(GStrv) parts = g_strsplit (markdown_sample_section, "@N@", -1);
      g_autofree char *number = g_strdup_printf ("%u", step);

      section = g_strjoinv (number, parts);
      g_string_append (out, section);

      split = g_strsplit_set (section, " \n", -1);
      for (guint i = 0; split[i] != NULL; i++)
        if (split[i][0] != '\0')
          words++;
    }

  g_string_append (out, "That is all: *good luck*.\n");

  return g_string_free (out, FALSE);
}
