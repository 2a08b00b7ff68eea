#!/bin/sh
# fuzz-replay-order.sh REPLAY DIR...
#
# Checks the order in which fuzz-replay.c replays its inputs, through its
# --list mode: for every DIR, each regular file under it is listed once
# (as many as find counts), in strictly ascending byte order (LC_ALL=C
# sort -c -u). A made-up directory first pins the comparison down where
# locales and a sort per directory would differ: capitals before small
# letters, '-' (0x2d) before '/' (0x2f), UTF-8 after ASCII.

set -eu

if [ "$#" -lt 2 ]; then
	echo "usage: $0 REPLAY DIR..." >&2
	exit 2
fi
replay=$1
shift

LC_ALL=C
export LC_ALL

die() {
	echo "fuzz-replay-order: FAILED: $*" >&2
	exit 1
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ft-replay-order.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# --- A known answer ----------------------------------------------------------
mkdir -p "$tmp/d/a/x"
for f in b B a-z a/y a/x/w _ "$(printf '\303\251')"; do
	printf 'x' >"$tmp/d/$f"
done
printf '%s\n' B _ a-z a/x/w a/y b "$(printf '\303\251')" | sed "s|^|$tmp/d/|" >"$tmp/expected"
"$replay" --list "$tmp/d" >"$tmp/actual" || die "$replay --list $tmp/d failed"
if ! cmp -s "$tmp/expected" "$tmp/actual"; then
	diff -u "$tmp/expected" "$tmp/actual" >&2 || true
	die "$replay --list does not give the byte order of the paths"
fi
echo "fuzz-replay-order: a made-up directory comes in byte order"

# --- The stored inputs ---------------------------------------------------------
for dir in "$@"; do
	"$replay" --list "$dir" >"$tmp/list" || die "$replay --list $dir failed"
	listed=$(wc -l <"$tmp/list" | tr -d ' ')
	files=$(find -L "$dir" -type f | wc -l | tr -d ' ')
	[ "$listed" -gt 0 ] || die "$dir: nothing listed"
	[ "$listed" -eq "$files" ] || die "$dir: $listed inputs listed, but $files files under it"
	sort -c -u "$tmp/list" || die "$dir: the inputs are not replayed in sorted order (see the line above)"
	echo "fuzz-replay-order: $dir: $listed inputs, in byte order"
done
