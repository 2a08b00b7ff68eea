#!/bin/sh
# selftest.sh CHECKER: check-layers.sh must pass a tree that keeps the
# layers and refuse each kind of upward include, naming the file.
set -eu
checker=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

tree() { # a small tree that keeps every rule
	rm -rf "$tmp/t"
	mkdir -p "$tmp/t/lib/base" "$tmp/t/lib/values" "$tmp/t/lib/model" "$tmp/t/lib/io" \
		"$tmp/t/lib/estimate" "$tmp/t/tools"
	printf '#include <glib.h>\n' >"$tmp/t/lib/base/error.c"
	printf '#include "base/error-private.h"\n#include <jansson.h>\n' >"$tmp/t/lib/values/json.c"
	printf '#include "model/model-private.h"\n#include "values/json-check.h"\n' >"$tmp/t/lib/model/ids.c"
	printf '#include "model/dataset-private.h"\n#include "values/json-private.h"\n#include <sys/stat.h>\n' >"$tmp/t/lib/io/load.c"
	printf '#include "model/dataset-private.h"\n#include "forcetrack/estimate.h"\n' >"$tmp/t/lib/estimate/figure.c"
	printf '#include <forcetrack.h>\n#include "cli.h"\n' >"$tmp/t/tools/main.c"
}

# expect NAME FILE LINE...: add LINE to FILE of a fresh tree; the checker
# must exit 1 and name FILE.
expect() {
	name=$1 file=$2
	shift 2
	tree
	printf '%s\n' "$@" >>"$tmp/t/$file"
	if out=$("$checker" "$tmp/t" 2>&1); then
		echo "FAIL $name: accepted"
		failures=$((failures + 1))
	elif ! printf '%s\n' "$out" | grep -q "^$file:"; then
		echo "FAIL $name: refused without naming $file: $out"
		failures=$((failures + 1))
	else
		echo "ok   $name: $out"
	fi
}

tree
if out=$("$checker" "$tmp/t" 2>&1); then
	echo "ok   a tree that keeps the layers: $out"
else
	echo "FAIL a tree that keeps the layers was refused: $out"
	failures=$((failures + 1))
fi
expect "values includes the model" lib/values/json.c '#include "model/dataset-private.h"'
expect "base includes values" lib/base/error.c '#  include "values/json-check.h"'
expect "the estimator includes io" lib/estimate/figure.c '#include "io/read-private.h"'
expect "io includes the estimator" lib/io/load.c '#include "estimate/estimate-private.h"'
expect "the model includes Jansson" lib/model/ids.c '#include <jansson.h>'
expect "the estimator includes JSON helpers" lib/estimate/figure.c '#include "values/json-private.h"'
expect "io includes the model's own header" lib/io/load.c '#include "model/model-private.h"'
expect "a program includes a private header" tools/main.c '#include "model/dataset-private.h"'
expect "the program includes Jansson" tools/main.c '#include <jansson.h>'

if [ "$failures" -gt 0 ]; then
	echo "selftest: $failures failed"
	exit 1
fi
echo "selftest: every case as expected"
