#!/bin/sh
# headertest-cxx.sh INCLUDE_DIR [CXX]
#
# The public header compiles as C++11 with -pedantic -Wall -Wextra -Werror,
# as a C++ program that includes it sees it: first include/forcetrack.h
# alone, then a translation unit that initialises each struct with its
# FT_*_INIT macro (all of them, found in the headers), since a macro is only
# compiled where it is expanded. Without CXX (no C++ compiler was found at
# configure time) the test says so and exits 77, which CTest reports as
# skipped; scripts/install-deps installs g++.

set -eu

if [ "$#" -lt 1 ] || [ "$#" -gt 2 ]; then
	echo "usage: $0 INCLUDE_DIR [CXX]" >&2
	exit 2
fi
inc=$1
cxx=${2:-}

if [ -z "$cxx" ]; then
	echo "headertest_cxx: SKIPPED: no C++ compiler (c++, g++ or clang++) was found when the build was configured; install g++ (scripts/install-deps does) and configure again"
	exit 77
fi

die() {
	echo "headertest_cxx: FAILED: $*" >&2
	exit 1
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ft-headertest-cxx.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

set -- -std=c++11 -pedantic -Wall -Wextra -Werror -I"$inc"

echo "headertest_cxx: $cxx $* -fsyntax-only -x c++ $inc/forcetrack.h"
"$cxx" "$@" -fsyntax-only -x c++ "$inc/forcetrack.h" || die "forcetrack.h does not compile alone as C++11"

# Each FT_<NAME>_INIT initialises the type ft_<name> (FT_CLAIM_DESC_INIT,
# ft_claim_desc); a macro that breaks the rule fails here too.
macros=$(sed -n 's/^#define[[:space:]]*\(FT_[A-Z0-9_]*_INIT\)[[:space:]].*/\1/p' "$inc/forcetrack.h" "$inc"/forcetrack/*.h | sort -u)
[ -n "$macros" ] || die "no FT_*_INIT macro found under $inc"
{
	echo '#include <forcetrack.h>'
	echo
	echo 'int main()'
	echo '{'
	for m in $macros; do
		type=$(printf '%s\n' "${m%_INIT}" | tr '[:upper:]' '[:lower:]')
		echo "	$type v_$type = $m;"
		echo "	(void)v_$type;"
	done
	echo '	return 0;'
	echo '}'
} >"$tmp/inits.cpp"
n=$(printf '%s\n' "$macros" | wc -l | tr -d ' ')
echo "headertest_cxx: $cxx $* -fsyntax-only inits.cpp ($n macros: $(printf '%s\n' "$macros" | tr '\n' ' '))"
"$cxx" "$@" -fsyntax-only "$tmp/inits.cpp" || {
	sed 's/^/headertest_cxx: | /' "$tmp/inits.cpp" >&2
	die "an FT_*_INIT macro does not compile as C++11"
}
echo "headertest_cxx: ok"
