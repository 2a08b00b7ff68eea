#!/bin/sh
# csv-geojson.sh FORCETRACK SOURCE_DIR
#
# The CSV and GeoJSON exports in their real consumers. forcetrack export
# writes the golden files of tests/data/reports/ byte for byte; pandas
# (Debian's /usr/bin/python3) reads each CSV, the golden ones and the
# hostile dataset's, and csv_geojson_check.py compares them with the
# library's JSON of the same queries and with the datasets (every hostile
# cell that would run as a formula reads back with its leading '); GDAL's
# ogrinfo reads each GeoJSON, with best, low and high as integers and
# start and end as date-times. A consumer that is missing is a failure,
# not a skip: scripts/install-deps installs them.

set -eu

if [ "$#" -ne 2 ]; then
	echo "usage: $0 FORCETRACK SOURCE_DIR" >&2
	exit 2
fi
cli=$1
src=$2
python=/usr/bin/python3
reports=$src/tests/data/reports
buildup=$src/examples/data/buildup-2021-12.json
spring=$src/examples/data/spring-2021.json
hostile=$reports/hostile.json

fail() {
	echo "consumers_csv_geojson: $*" >&2
	exit 1
}

[ -x "$python" ] || fail "$python is missing (scripts/install-deps installs python3-pandas)"
"$python" -c 'import pandas' || fail "pandas is missing for $python (scripts/install-deps installs python3-pandas)"
command -v ogrinfo >/dev/null || fail "ogrinfo is missing (scripts/install-deps installs gdal-bin)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ft-csv-geojson.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# --- The program writes the golden files ---------------------------------------
same() {
	cmp -s "$1" "$reports/$2" || fail "forcetrack export $3 differs from tests/data/reports/$2"
}
"$cli" export "$buildup" --to csv --what claims -o "$tmp/claims.csv"
same "$tmp/claims.csv" buildup-2021-12-claims.csv "--what claims"
"$cli" export "$buildup" --to csv --at 2021-12-03 -o "$tmp/estimates.csv"
same "$tmp/estimates.csv" buildup-2021-12-estimates.csv "--at 2021-12-03"
"$cli" export "$spring" --to csv --what timeline -a RU -r ua-border --from 2021-03-01 --until 2021-05-01 \
	--step 7d -o "$tmp/timeline.csv"
same "$tmp/timeline.csv" spring-2021-timeline.csv "--what timeline"
"$cli" export "$buildup" --to geojson --at 2021-12-03 -o "$tmp/buildup.geojson" 2>"$tmp/stderr"
same "$tmp/buildup.geojson" buildup-2021-12.geojson "--to geojson --at 2021-12-03"
grep -qx "forcetrack export: 3 regions have no geometry and are not in the GeoJSON: ua-border, UA, donbas" \
	"$tmp/stderr" || fail "export --to geojson did not name the regions without geometry: $(cat "$tmp/stderr")"
"$cli" export "$spring" --to geojson --from 2021-04-05 --until 2021-04-26 --step 7d \
	-o "$tmp/spring.geojson" 2>/dev/null
same "$tmp/spring.geojson" spring-2021.geojson "--to geojson --from 2021-04-05 --until 2021-04-26"

# --- The library's JSON of the same queries, and the hostile exports ----------
"$cli" report "$buildup" --at 2021-12-03 --format json >"$tmp/estimates.jsonl"
"$cli" timeline "$spring" -a RU -r ua-border --from 2021-03-01 --to 2021-05-01 --step 7d --json \
	>"$tmp/timeline.json"
"$cli" export "$hostile" --to csv --what claims -o "$tmp/hostile-claims.csv"
"$cli" export "$hostile" --to csv --at 2021-12-03 -o "$tmp/hostile-estimates.csv"
"$cli" report "$hostile" --at 2021-12-03 --format json >"$tmp/hostile.jsonl"
"$cli" export "$hostile" --to geojson --at 2021-12-03 -o "$tmp/hostile.geojson" 2>"$tmp/stderr"
grep -qx "forcetrack export: 1 region has no geometry and is not in the GeoJSON: nogeo" "$tmp/stderr" ||
	fail "export --to geojson of the hostile dataset said: $(cat "$tmp/stderr")"

# --- pandas ------------------------------------------------------------------------
"$python" "$src/tests/consumers/csv_geojson_check.py" "$src" "$tmp" || fail "pandas read the CSV otherwise"

# --- ogrinfo -------------------------------------------------------------------------
# ogrinfo FILE COUNT: the layer's summary, with COUNT features; with
# features, the figures are integers and start and end date-times.
ogr() {
	ogrinfo -ro -al -so "$1" >"$tmp/ogr" 2>&1 || fail "ogrinfo cannot read $1: $(cat "$tmp/ogr")"
	grep -q "^Feature Count: $2\$" "$tmp/ogr" || fail "ogrinfo: $1 does not have $2 features: $(cat "$tmp/ogr")"
	[ "$2" -eq 0 ] && return 0
	for field in best low high pairs voices claims; do
		grep -Eq "^$field: Integer(64)? " "$tmp/ogr" || fail "ogrinfo: $field of $1 is not an integer: $(cat "$tmp/ogr")"
	done
	for field in start end; do
		grep -q "^$field: DateTime " "$tmp/ogr" || fail "ogrinfo: $field of $1 is not a DateTime: $(cat "$tmp/ogr")"
	done
}
ogr "$reports/buildup-2021-12.geojson" 0
ogr "$reports/spring-2021.geojson" 4
ogr "$tmp/hostile.geojson" 2
# The hostile names reach GDAL as the dataset has them.
ogrinfo -ro -al "$tmp/hostile.geojson" >"$tmp/ogr" 2>&1
grep -qF 'actor_name (String) = <script>alert(1)</script> & "Russia"' "$tmp/ogr" ||
	fail "ogrinfo read the hostile actor's name otherwise: $(cat "$tmp/ogr")"
grep -qF 'id (String) = sub/RU/personnel/2021-12-03' "$tmp/ogr" || fail "ogrinfo: no feature sub/RU/personnel"

echo "consumers_csv_geojson: ok: pandas and ogrinfo read every export"
