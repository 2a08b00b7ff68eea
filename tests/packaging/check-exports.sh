#!/bin/sh
# check-exports.sh LIB SYMFILE
#
# Checks that the shared library LIB exports exactly the functions listed in
# SYMFILE (lib/forcetrack.sym: sorted, one name a line), as Jansson's
# check-exports does. An exported name that is not listed is an internal
# function leaking out of the library; a listed name that is not exported is
# a documented function a user cannot call. Either one fails the test, and
# so does a library that exports nothing at all, so that a broken nm or a
# wrong path cannot make the comparison pass vacuously.

set -eu

if [ "$#" -ne 2 ]; then
	echo "usage: $0 LIB SYMFILE" >&2
	exit 2
fi
lib=$1
symfile=$2

if [ ! -f "$lib" ]; then
	echo "check-exports: no such library: $lib" >&2
	exit 1
fi
if [ ! -f "$symfile" ]; then
	echo "check-exports: no such symbol list: $symfile" >&2
	exit 1
fi

NM=${NM:-nm}
LC_ALL=C
export LC_ALL

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ft-exports.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

echo "check-exports: $lib against $symfile"

# The documented list, without blank lines or comments. It must already be
# sorted and free of duplicates: it is the file people edit, and a sorted
# list makes every change to it a one-line diff.
grep -v -e '^[[:space:]]*$' -e '^#' "$symfile" >"$tmp/expected" || true
sort -u "$tmp/expected" >"$tmp/expected.sorted"
if ! cmp -s "$tmp/expected" "$tmp/expected.sorted"; then
	echo "check-exports: $symfile is not sorted (LC_ALL=C) or has duplicates:" >&2
	diff -u "$tmp/expected" "$tmp/expected.sorted" >&2 || true
	exit 1
fi
if [ ! -s "$tmp/expected" ]; then
	echo "check-exports: $symfile lists no symbols" >&2
	exit 1
fi

# Every symbol the library defines in its dynamic table: functions (T, W, i)
# and data (D, B, R, G, S, V, u); the library documents no data, so an
# exported variable is a leak too. Absolute symbols (A) are version nodes.
# The names the linker and the C runtime put into every shared object are
# left out. Newer nm prints a version suffix ("@@VERS"), which is cut.
if ! "$NM" -D --defined-only "$lib" >"$tmp/nm.out"; then
	echo "check-exports: $NM -D --defined-only $lib failed" >&2
	exit 1
fi
awk 'NF >= 2 {
	type = $(NF - 1); name = $NF
	if (type !~ /^[TWiDBRGSVu]$/) next
	sub(/@.*/, "", name)
	if (name ~ /^(_init|_fini|_edata|_end|__bss_start|__data_start|data_start|_DYNAMIC|_GLOBAL_OFFSET_TABLE_|_IO_stdin_used|__dso_handle|__TMC_END__|_ITM_.*|__gmon_start__)$/) next
	print name
}' "$tmp/nm.out" | sort -u >"$tmp/actual"

if [ ! -s "$tmp/actual" ]; then
	echo "check-exports: $lib exports no symbols at all; is it built with the right visibility, and is nm working?" >&2
	echo "--- nm -D --defined-only output:" >&2
	cat "$tmp/nm.out" >&2
	exit 1
fi

comm -13 "$tmp/expected" "$tmp/actual" >"$tmp/extra"
comm -23 "$tmp/expected" "$tmp/actual" >"$tmp/missing"

n_expected=$(wc -l <"$tmp/expected" | tr -d ' ')
n_actual=$(wc -l <"$tmp/actual" | tr -d ' ')

if [ ! -s "$tmp/extra" ] && [ ! -s "$tmp/missing" ]; then
	echo "check-exports: ok, $n_actual symbols exported, all of them listed"
	exit 0
fi

echo "check-exports: FAILED: the library exports $n_actual symbols, $symfile lists $n_expected" >&2
if [ -s "$tmp/extra" ]; then
	echo "Exported but not listed (internal functions leaking out; make them static," >&2
	echo "ft__ without FT_EXTERN, or document them and add them to $symfile):" >&2
	sed 's/^/  + /' "$tmp/extra" >&2
fi
if [ -s "$tmp/missing" ]; then
	echo "Listed but not exported (documented functions a user cannot call;" >&2
	echo "missing definition, or FT_EXTERN lost from the declaration):" >&2
	sed 's/^/  - /' "$tmp/missing" >&2
fi
echo "--- diff -u $symfile exported" >&2
diff -u "$tmp/expected" "$tmp/actual" >&2 || true
exit 1
