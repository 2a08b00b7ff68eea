#!/bin/sh
# check-readme-synopsis.sh README FORCETRACK
#
# The README's synopsis of the forcetrack program (the first ``` block
# after the heading "## The `forcetrack` program") must be exactly what
# `FORCETRACK --help` prints: the same commands, arguments, optional parts,
# defaults and options, the same spacing. A change to the program's help
# that the README does not follow fails here, with the diff and the way to
# re-sync.

set -eu

if [ "$#" -ne 2 ]; then
	echo "usage: $0 README FORCETRACK" >&2
	exit 2
fi
readme=$1
cli=$2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ft-synopsis.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

awk '
	/^## The `forcetrack` program$/ { section = 1; next }
	section && /^## / { exit }
	section && !inblock && /^```/ { inblock = 1; next }
	inblock && /^```/ { found = 1; exit }
	inblock { print }
	END { if (!found) exit 1 }
' "$readme" >"$tmp/readme" || {
	echo "check-readme-synopsis: no \`\`\` block under \"## The \`forcetrack\` program\" in $readme" >&2
	exit 1
}

status=0
"$cli" --help >"$tmp/help" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
	echo "check-readme-synopsis: $cli --help exited with status $status:" >&2
	cat "$tmp/help" >&2
	exit 1
fi

if cmp -s "$tmp/help" "$tmp/readme"; then
	echo "check-readme-synopsis: ok, the README's synopsis is $cli --help ($(wc -l <"$tmp/help" | tr -d ' ') lines)"
	exit 0
fi
echo "check-readme-synopsis: FAILED: the README's synopsis differs from forcetrack --help" >&2
echo "(--- forcetrack --help, +++ $readme):" >&2
diff -u "$tmp/help" "$tmp/readme" >&2 || true
echo "Re-sync: replace the block with the output of build/forcetrack --help." >&2
exit 1
