#!/bin/sh
# Fails when a source or template marks strings for translation but is
# missing from po/POTFILES.in, or when POTFILES.in names a missing file.
set -eu
srcdir=${1:?usage: check-potfiles.sh SOURCE_ROOT}
cd "$srcdir"

status=0
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d')

for file in $listed; do
  if [ ! -f "$file" ]; then
    echo "po/POTFILES.in names $file, which does not exist"
    status=1
  fi
done

marked=$( (grep -rlE '(^|[^A-Za-z0-9_])(N?_|C_|g_dngettext|ngettext)[[:space:]]*\(' --include='*.c' src || true;
           grep -rl 'translatable="yes"' --include='*.ui' src || true) | sort -u)

for file in $marked; do
  if ! printf '%s\n' "$listed" | grep -qx "$file"; then
    echo "$file has translatable strings but is missing from po/POTFILES.in"
    status=1
  fi
done

count=$(printf '%s\n' "$marked" | sed '/^$/d' | wc -l)
if [ "$count" -eq 0 ]; then
  echo "found no file with translatable strings; is the source root right?"
  status=1
fi

[ $status -eq 0 ] && echo "all $count files with translatable strings are in po/POTFILES.in"
exit $status
