#!/bin/sh
# cli-export.sh FORCETRACK SOURCE_DIR
#
# forcetrack export's command line: what each --what takes, the usage
# errors (exit 2) for a format, an option or a pair of options that does
# not fit, exit 1 for an actor the dataset does not hold, a series of
# dates under one header, and -o. What the tables and collections hold is
# tested by test_report_csv, test_report_geojson and consumers_csv_geojson.

set -eu

if [ "$#" -ne 2 ]; then
	echo "usage: $0 FORCETRACK SOURCE_DIR" >&2
	exit 2
fi
cli=$1
buildup=$2/examples/data/buildup-2021-12.json

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ft-cli-export.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

failures=0
fail() {
	echo "cli_export: $*" >&2
	failures=$((failures + 1))
}

# expect STATUS MESSAGE ARG...: export exits with STATUS and says MESSAGE
# (a whole line of its standard error; "" for none).
expect() {
	want=$1
	message=$2
	shift 2
	status=0
	"$cli" export "$@" >"$tmp/out" 2>"$tmp/err" || status=$?
	[ "$status" -eq "$want" ] || fail "export $*: exit $status, not $want: $(cat "$tmp/err")"
	if [ -n "$message" ] && ! grep -qxF "forcetrack export: $message" "$tmp/err"; then
		fail "export $*: did not say \"$message\": $(cat "$tmp/err")"
	fi
}

expect 2 "--to is needed: csv or geojson" "$buildup"
expect 2 "--to: csv or geojson" "$buildup" --to xml
expect 2 "--to: csv or geojson" "$buildup" --to json
expect 2 "--what: claims, estimates or timeline" "$buildup" --to csv --what everything
expect 2 "--to geojson maps the estimates: --what claims and timeline are CSV only" \
	"$buildup" --to geojson --what claims
expect 2 "--to geojson maps the estimates: --what claims and timeline are CSV only" \
	"$buildup" --to geojson --what timeline -a RU -r ua-border --from 2021-11 --until 2021-12
expect 2 "--at does not apply to --what claims" "$buildup" --to csv --what claims --at 2021-12-03
expect 2 "--method does not apply to --what claims" "$buildup" --to csv --what claims --method median
expect 2 "--actor does not apply to --what estimates" "$buildup" --to csv --actor RU
expect 2 "--hindsight does not apply to --what estimates" "$buildup" --to csv --hindsight
expect 2 "--at does not apply to --what timeline" \
	"$buildup" --to csv --what timeline -a RU -r ua-border --at 2021-12-03
expect 2 "--at gives one date, --from and --until a series: give one" \
	"$buildup" --to csv --at 2021-12-03 --from 2021-11-01 --until 2021-12-01
expect 2 "--from and --until are needed" "$buildup" --to csv --from 2021-11-01
expect 2 "--from and --until are needed" "$buildup" --to csv --what timeline -a RU -r ua-border
expect 2 "--from is later than --until" "$buildup" --to csv --from 2021-12-02 --until 2021-12-01
expect 2 "--from, --until and --step make more than 100000 dates" \
	"$buildup" --to csv --from 0001-01-01 --until 9999-12-31 --step 1d
expect 2 "--actor is needed" "$buildup" --to csv --what timeline --from 2021-11 --until 2021-12
expect 2 "exactly one FILE is needed" --to csv
expect 1 'unknown actor "RUS" (did you mean "RU"?)' \
	"$buildup" --to csv --what timeline -a RUS -r ua-border --from 2021-11 --until 2021-12

# A series of two dates: one header, then each date's entries: as known on
# 2021-11-26 only c-hur-92k had been reported (one entry), on 2021-12-03
# all seven claims (four entries).
expect 0 "" "$buildup" --to csv --from 2021-11-26 --until 2021-12-03 --step 1w
[ "$(grep -c '^date,' "$tmp/out")" -eq 1 ] || fail "a series has more than one header"
[ "$(grep -c '^2021-11-26,2021-11-26,RU,Russia,ua-border,' "$tmp/out")" -eq 1 ] ||
	fail "the series lacks the row of 2021-11-26"
[ "$(grep -c '^2021-12-03,' "$tmp/out")" -eq 4 ] || fail "the series lacks the rows of 2021-12-03"
[ "$(wc -l <"$tmp/out")" -eq 6 ] || fail "the series is not a header and 5 rows: $(cat "$tmp/out")"
# --known-on reaches every date of a series: by 2021-12-01 three claims
# were known, making three entries on each date.
expect 0 "" "$buildup" --to csv --from 2021-11-26 --until 2021-12-03 --known-on 2021-12-01
[ "$(grep -c '^2021-1[12]-[0-9]*,2021-12-01,' "$tmp/out")" -eq 6 ] || fail "--known-on is not every row's"
[ "$(wc -l <"$tmp/out")" -eq 7 ] || fail "the series with --known-on is not a header and 6 rows"

# -o writes the file, and nothing on standard output.
expect 0 "" "$buildup" --to csv --what claims -o "$tmp/claims.csv"
[ ! -s "$tmp/out" ] || fail "-o also wrote to standard output"
head -n 1 "$tmp/claims.csv" | grep -q '^id,subject,subject_name,' || fail "-o did not write the claims"

# A timeline's options reach it: --measure btg has no figure before
# 2021-12-03 (c-us-50btg), --hindsight gives every point everything.
expect 0 "" "$buildup" --to csv --what timeline -a RU -r ua-border -m btg --from 2021-12-03 --until 2021-12-03
grep -q '^2021-12-03,2021-12-03,RU,ua-border,btg,50,45,55,' "$tmp/out" || fail "--measure btg: $(cat "$tmp/out")"
expect 0 "" "$buildup" --to csv --what timeline -a RU -r ua-border --from 2021-12-01 --until 2021-12-01 --hindsight
grep -q '^2021-12-01,,RU,ua-border,personnel,' "$tmp/out" || fail "--hindsight: known_on not empty: $(cat "$tmp/out")"

# -o streams into a temporary file beside OUT and renames it: nothing else
# is left in the directory, and a directory that does not exist is a
# one-line error that leaves no file behind.
mkdir "$tmp/outdir"
expect 0 "" "$buildup" --to csv --what claims -o "$tmp/outdir/claims.csv"
[ "$(ls -A "$tmp/outdir")" = "claims.csv" ] || fail "-o left more than OUT: $(ls -A "$tmp/outdir")"
cmp -s "$tmp/outdir/claims.csv" "$tmp/claims.csv" || fail "-o wrote other bytes than before"
status=0
"$cli" export "$buildup" --to csv --what claims -o "$tmp/missing/claims.csv" >"$tmp/out" 2>"$tmp/err" || status=$?
[ "$status" -eq 1 ] || fail "-o into a missing directory: exit $status, not 1"
grep -q "^forcetrack export: cannot write \".*missing/claims.csv\": No such file or directory$" "$tmp/err" ||
	fail "-o into a missing directory: $(cat "$tmp/err")"
[ ! -e "$tmp/missing" ] || fail "-o into a missing directory made it"

# On a terminal the dataset's control characters are shown escaped (a CSV
# cell keeps them as data: hostile.json's region name holds U+009B, CSI);
# to a pipe they are the bytes of the format. script(1) (bsdutils, in every
# Debian) gives the program a terminal.
hostile=$2/tests/data/reports/hostile.json
"$cli" export "$hostile" --to csv --what claims >"$tmp/piped"
grep -q "$(printf '\302\233')" "$tmp/piped" || fail "to a pipe, U+009B is not kept as data"
script -qec "'$cli' export '$hostile' --to csv --what claims" /dev/null >"$tmp/tty" </dev/null
grep -qF '\u009b31m' "$tmp/tty" || fail "on a terminal, U+009B is not shown escaped"
! grep -q "$(printf '\302\233')" "$tmp/tty" || fail "on a terminal, U+009B reached it raw"

if [ "$failures" -ne 0 ]; then
	echo "cli_export: FAILED: $failures check(s)" >&2
	exit 1
fi
echo "cli_export: ok"
