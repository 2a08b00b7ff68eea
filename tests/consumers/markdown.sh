#!/bin/sh
# markdown.sh FORCETRACK SOURCE_DIR CLAIMS_REPORT
#
# The Markdown reports as their real consumer reads them: cmark-gfm, the
# CommonMark parser GitHub renders with, with GitHub's extensions (tables,
# strike-through, autolinks) and --unsafe, so that raw HTML from the data
# would pass through to the page and show here rather than be dropped.
# Renders the golden files (tests/data/reports/*.md), checks that the
# program and the example write them byte for byte, and renders the
# reports of the hostile dataset: tables with the expected number of
# rows, the figures in their cells, quotes as block quotes, and no
# element, link or tag that the data's text would make. Fails when
# cmark-gfm is missing: scripts/install-deps installs it.
set -eu

if [ "$#" -ne 3 ]; then
	echo "usage: $0 FORCETRACK SOURCE_DIR CLAIMS_REPORT" >&2
	exit 2
fi
cli=$1
src=$2
claims=$3
reports=$src/tests/data/reports

if ! command -v cmark-gfm >/dev/null 2>&1; then
	echo "markdown.sh: cmark-gfm is missing (scripts/install-deps installs it)" >&2
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ft-markdown.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

failures=0
fail() {
	echo "markdown.sh: $*" >&2
	failures=$((failures + 1))
}

# render IN OUT: IN as HTML, the way GitHub parses it.
render() {
	cmark-gfm --unsafe -e table -e strikethrough -e autolink "$1" >"$2" || fail "cmark-gfm refused $1"
}

# count FILE STRING: how many times STRING stands in FILE.
count() {
	grep -o -F -- "$2" "$1" | wc -l | tr -d ' '
}

# expect_count FILE STRING N
expect_count() {
	n=$(count "$1" "$2")
	[ "$n" -eq "$3" ] || fail "$(basename "$1"): $3 times '$2' expected, $n found"
}

# expect_none FILE STRING...: none of the strings, in any case.
expect_none() {
	file=$1
	shift
	for s in "$@"; do
		if grep -i -q -F -- "$s" "$file"; then
			fail "$(basename "$file"): holds '$s': $(grep -i -F -- "$s" "$file" | head -n 1)"
		fi
	done
}

# The situation report on 2021-12-03: the program writes the golden file;
# three tables (ua-border, UA, donbas) of four entries in all, RU's
# figures in their cells, c-ru-125k's quote under UA and under donbas.
"$cli" report "$src/examples/data/buildup-2021-12.json" --at 2021-12-03 --format md -o "$tmp/buildup.md" ||
	fail "forcetrack report --format md failed"
cmp -s "$tmp/buildup.md" "$reports/buildup-2021-12.md" ||
	fail "forcetrack report --format md differs from tests/data/reports/buildup-2021-12.md"
render "$reports/buildup-2021-12.md" "$tmp/buildup.html"
expect_count "$tmp/buildup.html" "<table>" 3
expect_count "$tmp/buildup.html" "<tr>" 7
expect_count "$tmp/buildup.html" "<blockquote>" 2
expect_count "$tmp/buildup.html" '<td align="right">94,300</td>' 1
expect_count "$tmp/buildup.html" '<td align="right">84,870</td>' 1
expect_count "$tmp/buildup.html" '<td align="right">103,730</td>' 1
expect_count "$tmp/buildup.html" '<td>+2,300 since 2021-11-26</td>' 1
expect_count "$tmp/buildup.html" "<h2>" 2
expect_count "$tmp/buildup.html" "<h3>Donbas (donbas)</h3>" 1

# The claims report of the spring dataset: the example writes the golden
# file; 36 claims, each a list item with its quote as a block quote and its
# URL as a link, under five headings.
"$claims" "$src/examples/data/spring-2021.json" >"$tmp/spring.md" || fail "claims-report failed"
cmp -s "$tmp/spring.md" "$reports/spring-2021-claims.md" ||
	fail "claims-report differs from tests/data/reports/spring-2021-claims.md"
render "$reports/spring-2021-claims.md" "$tmp/spring.html"
expect_count "$tmp/spring.html" "<li><strong>c-" 36
expect_count "$tmp/spring.html" "<blockquote>" 36
expect_count "$tmp/spring.html" '<a href="https://' 36
expect_count "$tmp/spring.html" "<h2>" 5
expect_count "$tmp/spring.html" "<li>superseded by c-borrell-100k (reported 2021-04-19)</li>" 1
expect_none "$tmp/spring.html" "<code" "<table"

# The hostile dataset. Its situation report: three tables of one row of ten
# cells each, whatever the pipes in the names; the quotes of c1 and c2
# under their own region and under border, c3's under border; not one
# element, link or entity of the data's making.
"$cli" report "$reports/hostile.json" --format md -o "$tmp/hostile.md" || fail "forcetrack report failed on hostile.json"
render "$tmp/hostile.md" "$tmp/hostile.html"
expect_count "$tmp/hostile.html" "<table>" 3
expect_count "$tmp/hostile.html" "<tr>" 6
expect_count "$tmp/hostile.html" "<td" 30
expect_count "$tmp/hostile.html" "<blockquote>" 5
expect_count "$tmp/hostile.html" '<td align="right">124,000</td>' 1
expect_none "$tmp/hostile.html" "<script" "<img" "<svg" "<b>" "<title" "<style" "<em>" "<code" "<del" \
	"<a " "raw HTML omitted" "&amp;amp;amp;"

# Its claims report: one link, the claim's own, its destination escaped.
"$claims" "$reports/hostile.json" >"$tmp/hostile-claims.md" || fail "claims-report failed on hostile.json"
render "$tmp/hostile-claims.md" "$tmp/hostile-claims.html"
expect_count "$tmp/hostile-claims.html" "<blockquote>" 3
expect_count "$tmp/hostile-claims.html" "<a " 1
expect_count "$tmp/hostile-claims.html" '<a href="https://example.org/a?b=1&amp;c=%3C2%3E">' 1
expect_none "$tmp/hostile-claims.html" "<script" "<img" "<svg" "<b>" "<title" "<style" "<em>" "<code" "<del" \
	"raw HTML omitted"

# A URL with a space, <> and () is one link; a javascript: URL is none.
"$claims" "$reports/markdown-cases.json" >"$tmp/cases.md" || fail "claims-report failed on markdown-cases.json"
render "$tmp/cases.md" "$tmp/cases.html"
expect_count "$tmp/cases.html" '<a href="https://example.org/a%20b?x=%3Cy%3E&amp;z=(1)">' 1
expect_count "$tmp/cases.html" "<a " 1
expect_count "$tmp/cases.html" "<li>URL, not a web link: javascript:alert(1)</li>" 1

if [ "$failures" -ne 0 ]; then
	echo "markdown.sh: FAILED: $failures problem(s)" >&2
	exit 1
fi
echo "markdown.sh: the golden files, the hostile reports and the links render as expected"
