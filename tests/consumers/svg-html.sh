#!/bin/sh
# svg-html.sh FORCETRACK SRCDIR
#
# Hands the SVG charts and the HTML situation reports to the programs that
# really read them: xmllint (each SVG, and each page both as XML and as
# HTML), rsvg-convert (each SVG to a PNG) and headless Chromium (each page
# to a PNG and a PDF, and its DOM, which must hold the figures the report
# states and none of the markup the hostile names carry). The files are
# the golden ones (tests/data/reports/buildup-2021-12.{svg,html}, which the
# program must write byte for byte too), the spring 2021 timeline (alerts,
# many voices) and report (contested), and those of
# tests/data/reports/hostile.json. A consumer that is missing is a failure,
# not a skip: scripts/install-deps installs them all.
#
# libxml2's HTML parser knows HTML 4 only: it calls the HTML5 and SVG
# elements "invalid" and still parses the page (exit 0). Those messages are
# allowed; any other error of the HTML parser fails.

set -eu

if [ "$#" -ne 2 ]; then
	echo "usage: $0 FORCETRACK SRCDIR" >&2
	exit 2
fi
cli=$1
src=$2

for tool in xmllint rsvg-convert chromium timeout; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "svg-html: $tool is missing (scripts/install-deps installs it)" >&2
		exit 1
	}
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ft-svg-html.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

failures=0
fail() {
	echo "svg-html: FAILED: $*" >&2
	failures=$((failures + 1))
}

# magic FILE HEX: the file begins with these bytes (and is not empty).
magic() {
	[ -s "$1" ] || return 1
	want=$2
	n=$(printf '%s' "$want" | tr -d ' ' | awk '{ print length($0) / 2 }')
	got=$(head -c "$n" "$1" | od -An -tx1 | tr -d ' \n')
	[ "$got" = "$(printf '%s' "$want" | tr -d ' ')" ]
}

buildup=$src/examples/data/buildup-2021-12.json
spring=$src/examples/data/spring-2021.json
hostile=$src/tests/data/reports/hostile.json
golden=$src/tests/data/reports

# --- The files --------------------------------------------------------------
"$cli" chart "$buildup" -a RU -r ua-border --from 2021-11-01 --to 2021-12-03 --step 2d -o "$tmp/buildup.svg"
cmp -s "$tmp/buildup.svg" "$golden/buildup-2021-12.svg" ||
	fail "forcetrack chart does not write tests/data/reports/buildup-2021-12.svg"
"$cli" timeline "$spring" -a RU -r ua-border --from 2021-03-01 --to 2021-05-31 --format svg -o "$tmp/spring.svg"
"$cli" chart "$hostile" -a RU -r border --from 2021-11-01 --to 2021-12-03 -o "$tmp/hostile.svg"
"$cli" report "$buildup" --at 2021-12-03 --format html -o "$tmp/buildup.html"
cmp -s "$tmp/buildup.html" "$golden/buildup-2021-12.html" ||
	fail "forcetrack report --format html does not write tests/data/reports/buildup-2021-12.html"
"$cli" report "$spring" --at 2021-05-17 --format html -o "$tmp/spring.html"
"$cli" report "$hostile" --at 2021-12-03 --format html -o "$tmp/hostile.html"

# --- SVG: xmllint, rsvg-convert --------------------------------------------------
for name in buildup spring hostile; do
	svg=$tmp/$name.svg
	xmllint --noout "$svg" || fail "$name.svg is not well-formed XML"
	rsvg-convert -o "$tmp/$name.svg.png" "$svg" || fail "rsvg-convert refused $name.svg"
	magic "$tmp/$name.svg.png" "89 50 4e 47 0d 0a 1a 0a" || fail "rsvg-convert made no PNG of $name.svg"
done

# --- HTML: xmllint as XML and as HTML, Chromium ---------------------------------
html5='Tag (header|footer|section|article|figure|figcaption|svg|title|desc|defs|lineargradient|stop|rect|text|g|line|polygon|polyline|path|circle) invalid'
for name in buildup spring hostile; do
	html=$tmp/$name.html
	xmllint --noout "$html" || fail "$name.html is not well-formed XML"
	status=0
	xmllint --noout --html "$html" 2>"$tmp/$name.xmllint" || status=$?
	[ "$status" -eq 0 ] || fail "xmllint --html exits $status on $name.html"
	if grep 'parser error' "$tmp/$name.xmllint" | grep -Ev "$html5" >"$tmp/$name.errors"; then
		fail "xmllint --html finds errors in $name.html:"
		cat "$tmp/$name.errors" >&2
	fi

	# Chromium prints harmless noise on stderr (D-Bus, the GPU): what
	# counts is its exit status and what it wrote.
	for what in screenshot pdf dom; do
		case $what in
		screenshot) set -- --screenshot="$tmp/$name.png" --window-size=1200,2000 ;;
		pdf) set -- --print-to-pdf="$tmp/$name.pdf" --no-pdf-header-footer ;;
		dom) set -- --dump-dom ;;
		esac
		status=0
		timeout 120 chromium --headless --no-sandbox --disable-gpu --user-data-dir="$tmp/profile" "$@" \
			"file://$html" >"$tmp/$name.$what.out" 2>"$tmp/$name.$what.err" || status=$?
		[ "$status" -eq 0 ] || fail "chromium ($what) exits $status on $name.html"
	done
	mv "$tmp/$name.dom.out" "$tmp/$name.dom"
	magic "$tmp/$name.png" "89 50 4e 47 0d 0a 1a 0a" || fail "chromium made no PNG of $name.html"
	magic "$tmp/$name.pdf" "25 50 44 46 2d" || fail "chromium made no PDF of $name.html"
	[ -s "$tmp/$name.dom" ] || fail "chromium dumped no DOM of $name.html"
done

# holds NAME TEXT...: the DOM Chromium built of NAME.html holds each TEXT.
holds() {
	name=$1
	shift
	for text in "$@"; do
		grep -qF -- "$text" "$tmp/$name.dom" || fail "the DOM of $name.html lacks \"$text\""
	done
}
# lacks NAME TEXT...: and none of these.
lacks() {
	name=$1
	shift
	for text in "$@"; do
		! grep -qF -- "$text" "$tmp/$name.dom" || fail "the DOM of $name.html holds \"$text\""
	done
}
holds buildup "about 94,300 (84,870-103,730)" "+2,300 since 2021-11-26" "about 125,000 (112,500-137,500)" \
	"c-mod-94300" "same voice as c-mod-94300, which was observed later" "Near Ukraine's borders (ua-border)"
holds spring "CONTESTED (" "Russia (RU), personnel"
# The hostile names are text: a DOM holds no element they spell.
lacks hostile "<script" "<img" "onerror=\"" "onload=\"" "<b>&amp;"
holds hostile "&lt;script&gt;alert(1)&lt;/script&gt;" "&lt;/title&gt;&lt;img src=x onerror=alert(2)&gt;"
for name in buildup spring hostile; do
	lacks "$name" "<script" "<link" "<iframe"
done

if [ "$failures" -ne 0 ]; then
	echo "svg-html: $failures failure(s)" >&2
	exit 1
fi
echo "svg-html: ok: 3 SVG charts (xmllint, rsvg-convert) and 3 HTML reports (xmllint as XML and HTML, Chromium to PNG, PDF and DOM)"
