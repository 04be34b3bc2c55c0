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

# xgettext cannot expand macros such as G_GINT64_FORMAT, so a msgid
# written as "… %" G_GINT64_FORMAT " …" is cut at the "%" and no
# translation can ever match it. Find such msgids in what xgettext
# extracts.
if command -v xgettext >/dev/null 2>&1; then
  sources=$(printf '%s\n' "$listed" | grep '\.c$' || true)
  pot=$(mktemp)
  # shellcheck disable=SC2086
  xgettext --from-code=UTF-8 --no-wrap --omit-header -o "$pot" \
    --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
    --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 --keyword=g_dpgettext2:2c,3 \
    $sources 2>/dev/null || true
  cut=$(grep -nE '^msgid(_plural)? "(.*[^%])?(%%)*%"$' "$pot" || true)
  rm -f "$pot"
  if [ -n "$cut" ]; then
    printf '%s\n' "$cut"
    echo "these msgids end in the middle of a conversion, most likely a G_GINT64_FORMAT-style macro"
    echo "inside _(): write %lld with a (long long) cast, or format the number into a %s"
    status=1
  fi
fi

count=$(printf '%s\n' "$marked" | sed '/^$/d' | wc -l)
if [ "$count" -eq 0 ]; then
  echo "found no file with translatable strings; is the source root right?"
  status=1
fi

[ $status -eq 0 ] && echo "all $count files with translatable strings are in po/POTFILES.in"
exit $status
