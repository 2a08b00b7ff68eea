#!/bin/sh
# check-manpage.sh MANPAGE.scd FORCETRACK
#
# Keeps forcetrack(1) (docs/man/forcetrack.1.scd) in step with the program,
# reading the program's own help at test time:
#   - the commands `FORCETRACK --help` lists are the `## NAME` sections of
#     the page's COMMANDS, no more and no fewer;
#   - each section opens with the command's synopsis, *forcetrack NAME*;
#   - the options `FORCETRACK NAME --help` lists (short and long, but for
#     -h/--help, which the page describes once) are the options the
#     section describes, no more and no fewer;
#   - the options `FORCETRACK --help` lists are those of the OPTIONS section.
# The page describes an option on a line of its own that begins with it, as
# scdoc's option lists do: "*-o*, *--output*=_OUT_".

set -eu

if [ "$#" -ne 2 ]; then
	echo "usage: $0 MANPAGE.scd FORCETRACK" >&2
	exit 2
fi
page=$1
cli=$2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ft-manpage.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

failures=0
fail() {
	echo "check-manpage: $*" >&2
	failures=$((failures + 1))
}

# run_help OUT ARG...: the program's help, which must exit 0.
run_help() {
	out=$1
	shift
	status=0
	"$cli" "$@" >"$out" 2>&1 || status=$?
	if [ "$status" -ne 0 ]; then
		echo "check-manpage: $cli $* exited with status $status:" >&2
		cat "$out" >&2
		exit 1
	fi
}

# The options a help text lists after the heading that matches $2 (up to
# the next heading), one a line: "-o" and "--output" for
# "  -o, --output=OUT   Write to OUT".
help_options() {
	awk -v heading="$2" '
		/^[A-Z][A-Za-z ]*:$/ { inside = ($0 ~ heading); next }
		inside && /^  +-/ {
			line = $0
			sub(/^ +/, "", line)
			n = split(line, words, /[ ,=]+/)
			for (i = 1; i <= n && words[i] ~ /^-/; i++)
				print words[i]
		}
	' "$1" | LC_ALL=C sort -u
}

# The options a part of the page describes: the *-x* and *--name* that
# begin a line and follow it on that line, in the section whose heading
# is $2 ("# OPTIONS") or the subsection $3 of it ("## fmt").
page_options() {
	awk -v section="$2" -v sub_="$3" '
		/^# / { in_section = ($0 == section); in_sub = (sub_ == ""); next }
		/^## / { if (in_section && sub_ != "") in_sub = ($0 == "## " sub_); next }
		in_section && in_sub && /^\*-/ {
			line = $0
			while (match(line, /\*--?[A-Za-z0-9][A-Za-z0-9-]*\*/)) {
				print substr(line, RSTART + 1, RLENGTH - 2)
				line = substr(line, RSTART + RLENGTH)
			}
		}
	' "$1" | LC_ALL=C sort -u
}

# compare WHAT EXPECTED ACTUAL: names what one side has and the other lacks.
compare() {
	missing=$(LC_ALL=C comm -23 "$2" "$3" | tr '\n' ' ')
	extra=$(LC_ALL=C comm -13 "$2" "$3" | tr '\n' ' ')
	[ -z "$missing" ] || fail "$1: in the program but not in $page: $missing"
	[ -z "$extra" ] || fail "$1: in $page but not in the program: $extra"
}

[ -f "$page" ] || {
	echo "check-manpage: no such page: $page" >&2
	exit 1
}

# --- The commands ------------------------------------------------------------
run_help "$tmp/help" --help
awk '
	/^Commands:$/ { inside = 1; next }
	/^[A-Z][A-Za-z ]*:$/ { inside = 0 }
	inside && /^  [a-z]/ { print $1 }
' "$tmp/help" | LC_ALL=C sort -u >"$tmp/commands.program"
[ -s "$tmp/commands.program" ] || {
	echo "check-manpage: $cli --help lists no commands under \"Commands:\":" >&2
	cat "$tmp/help" >&2
	exit 1
}
awk '/^# / { inside = ($0 == "# COMMANDS"); next } inside && /^## / { print $2 }' "$page" |
	LC_ALL=C sort -u >"$tmp/commands.page"
compare "commands" "$tmp/commands.program" "$tmp/commands.page"

# --- Each command's synopsis and options ----------------------------------------
# Of the commands both know; one only the page knows is reported above.
LC_ALL=C comm -12 "$tmp/commands.program" "$tmp/commands.page" >"$tmp/commands.both"
checked=0
while read -r command; do
	awk -v sub_="## $command" '
		/^# / { in_section = ($0 == "# COMMANDS"); next }
		in_section && /^## / { in_sub = ($0 == sub_); next }
		in_sub && NF { print; exit }
	' "$page" >"$tmp/synopsis"
	case $(cat "$tmp/synopsis") in
	"*forcetrack $command"*) ;;
	*) fail "$command: its section does not open with its synopsis, *forcetrack $command* ..." ;;
	esac
	[ "$command" = help ] && continue
	run_help "$tmp/help.$command" "$command" --help
	help_options "$tmp/help.$command" "Application Options" >"$tmp/options.program"
	page_options "$page" "# COMMANDS" "$command" >"$tmp/options.page"
	compare "$command's options" "$tmp/options.program" "$tmp/options.page"
	checked=$((checked + 1))
done <"$tmp/commands.both"

# --- The program's own options ---------------------------------------------------
help_options "$tmp/help" "^Options" >"$tmp/global.program"
page_options "$page" "# OPTIONS" "" >"$tmp/global.page"
compare "the program's options" "$tmp/global.program" "$tmp/global.page"

if [ "$failures" -ne 0 ]; then
	echo "check-manpage: FAILED: $failures difference(s) between $page and $cli's help" >&2
	exit 1
fi
echo "check-manpage: ok: $(wc -l <"$tmp/commands.program" | tr -d ' ') commands, the options of $checked and the program's own are all in $page"
