#!/bin/sh
# Fails when a translation in po/LINGUAS is missing, does not pass
# `msgfmt --check` (format specifiers that differ from the original,
# a wrong Plural-Forms header, …), or has untranslated or fuzzy entries.
set -eu
srcdir=${1:?usage: check-translations.sh SOURCE_ROOT}
cd "$srcdir/po"

status=0
languages=$(sed -e 's/#.*//' LINGUAS | tr -s ' \t' '\n\n' | sed '/^$/d')

if [ -z "$languages" ]; then
  echo "po/LINGUAS lists no language"
  exit 1
fi

for lang in $languages; do
  if [ ! -f "$lang.po" ]; then
    echo "po/LINGUAS lists $lang, but po/$lang.po does not exist"
    status=1
    continue
  fi
  # msgfmt prints its statistics on stderr, e.g.
  # "412 translated messages, 3 fuzzy translations, 1 untranslated message."
  if ! stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$lang.po" 2>&1); then
    printf '%s\n' "$stats"
    echo "po/$lang.po: msgfmt --check failed"
    status=1
    continue
  fi
  echo "po/$lang.po: $stats"
  case "$stats" in
    *fuzzy*|*untranslated*)
      echo "po/$lang.po has fuzzy or untranslated entries"
      status=1
      ;;
    *" translated message"*) ;;
    *)
      echo "po/$lang.po: could not read msgfmt's statistics"
      status=1
      ;;
  esac
done

exit $status
