#!/bin/sh
# check-install.sh SRC_DIR BUILD_DIR
#
# Installs the build in BUILD_DIR into a fresh temporary prefix, checks that
# everything is there (the licence too) and builds
# tests/packaging/consumer/main.c against it from outside the source tree,
# twice, the two ways users do:
#   (a) with the flags `pkg-config --cflags --libs forcetrack` gives;
#   (b) with CMake, find_package(ForceTrack) and forcetrack::forcetrack.
# Both programs are run against the installed shared library and must print
# the consumer's line of success. The installed forcetrack program must run
# without LD_LIBRARY_PATH (a DT_RUNPATH with $ORIGIN), from the prefix and
# from wherever the prefix is moved. The prefix is removed on exit; set
# FT_KEEP_TMP=1 to keep it for a look after a failure.
#
# The library in BUILD_DIR must be a plain build: a program built without
# sanitizers cannot run against a library built with them.

set -eu

if [ "$#" -ne 2 ]; then
	echo "usage: $0 SRC_DIR BUILD_DIR" >&2
	exit 2
fi
src=$(cd "$1" && pwd)
build=$(cd "$2" && pwd)

CC=${CC:-cc}
CMAKE=${CMAKE:-cmake}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
READELF=${READELF:-readelf}

say() {
	echo "check-install: $*"
}
die() {
	echo "check-install: FAILED: $*" >&2
	exit 1
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ft-install.XXXXXX")
if [ "${FT_KEEP_TMP:-0}" = 1 ]; then
	trap 'echo "check-install: kept $tmp"' EXIT
else
	trap 'rm -rf "$tmp"' EXIT
fi
trap 'exit 1' HUP INT TERM
prefix=$tmp/prefix

version=$(sed -n 's/^#define FT_VERSION_STRING[[:space:]]*"\(.*\)"$/\1/p' "$src/include/forcetrack/version.h")
[ -n "$version" ] || die "cannot read FT_VERSION_STRING from $src/include/forcetrack/version.h"
expected="consumer ok: 1 claims, version $version"
# Before 1.0 every minor release may break the ABI, so the SONAME carries
# MAJOR.MINOR; from 1.0 on, MAJOR alone (CMakeLists.txt, FT_SOVERSION).
major=${version%%.*}
minor=${version#*.}
minor=${minor%%.*}
if [ "$major" -eq 0 ]; then
	soname=libforcetrack.so.0.$minor
else
	soname=libforcetrack.so.$major
fi

# --- Install ---------------------------------------------------------------
say "installing $build into $prefix"
"$CMAKE" --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1 || {
	cat "$tmp/install.log" >&2
	die "cmake --install failed"
}

# GNUInstallDirs may choose lib, lib64 or lib/<multiarch>: find the one used.
pcfile=$(find "$prefix" -name forcetrack.pc -path '*/pkgconfig/*' | head -n 1)
[ -n "$pcfile" ] || die "no forcetrack.pc installed under $prefix"
pcdir=$(dirname "$pcfile")
libdir=$(dirname "$pcdir")
say "library directory $libdir"

for f in "$prefix/include/forcetrack.h" "$prefix/include/forcetrack/version.h" \
	"$libdir/libforcetrack.so" "$libdir/libforcetrack.a" \
	"$libdir/cmake/ForceTrack/ForceTrackConfig.cmake" \
	"$libdir/cmake/ForceTrack/ForceTrackConfigVersion.cmake" \
	"$prefix/share/doc/forcetrack/LICENSE"; do
	[ -e "$f" ] || die "not installed: $f"
done
cmp -s "$src/LICENSE" "$prefix/share/doc/forcetrack/LICENSE" ||
	die "the installed LICENSE differs from $src/LICENSE"
say "headers, shared and static library, pkg-config file, CMake package and licence are installed"

# The man pages, when the build made them (FT_MANPAGES, docs/CMakeLists.txt).
manpages=$(sed -n 's/^FT_MANPAGES_BUILT:INTERNAL=//p' "$build/CMakeCache.txt")
tools=$(sed -n 's/^FT_BUILD_TOOLS:BOOL=//p' "$build/CMakeCache.txt")
case $manpages in
ON)
	pages="man3/forcetrack.3.gz man5/forcetrack-format.5.gz"
	case $tools in
	ON | on | TRUE | true | 1 | YES | yes) pages="man1/forcetrack.1.gz $pages" ;;
	esac
	for page in $pages; do
		f=$prefix/share/man/$page
		[ -f "$f" ] || die "not installed: $f"
		gzip -t "$f" 2>/dev/null || die "$f is not gzip data"
		gzip -dc "$f" | grep -q '^\.TH ' || die "$f is not a man page (no .TH)"
	done
	say "man pages installed: $pages"
	;;
*) say "the build made no man pages (FT_MANPAGES_BUILT is '$manpages')" ;;
esac

actual_soname=$("$READELF" -d "$libdir/libforcetrack.so" | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
[ "$actual_soname" = "$soname" ] ||
	die "the installed library's SONAME is '$actual_soname', expected '$soname' for version $version"
[ -e "$libdir/$soname" ] || die "no $libdir/$soname for the loader to find"
say "SONAME $soname"

# --- The installed forcetrack program ---------------------------------------
# It must run from the prefix with no LD_LIBRARY_PATH, finding the library
# through a DT_RUNPATH relative to itself ($ORIGIN), and keep doing so when
# the whole prefix is moved (checked at the end).
cli=$prefix/bin/forcetrack
example=$src/examples/data/buildup-2021-12.json
# run_cli CLI ARG...: runs the program with LD_LIBRARY_PATH unset; its
# output is in $out, its status in $status.
run_cli() {
	status=0
	out=$(
		unset LD_LIBRARY_PATH
		"$@" 2>&1
	) || status=$?
}
check_cli_version() {
	run_cli "$1" --version
	[ "$status" -eq 0 ] || die "$1 --version exited with status $status without LD_LIBRARY_PATH: $out"
	case $out in
	"forcetrack $version "*) say "$1 --version: $out" ;;
	*) die "$1 --version printed '$out', expected 'forcetrack $version ...'" ;;
	esac
}
case $tools in
ON | on | TRUE | true | 1 | YES | yes)
	[ -x "$cli" ] || die "not installed: $cli"
	dynamic=$("$READELF" -d "$cli") || die "$READELF -d $cli failed"
	if printf '%s\n' "$dynamic" | grep -q '(RPATH)'; then
		die "$cli has a DT_RPATH; it should be a DT_RUNPATH (--enable-new-dtags)"
	fi
	runpath=$(printf '%s\n' "$dynamic" | sed -n 's/.*(RUNPATH).*\[\(.*\)\].*/\1/p')
	# shellcheck disable=SC2016 # a literal $ORIGIN, which the loader expands
	case $runpath in
	*'$ORIGIN'*) say "$cli RUNPATH $runpath" ;;
	*) die "$cli has RUNPATH '$runpath', which does not contain \$ORIGIN" ;;
	esac
	if command -v ldd >/dev/null 2>&1; then
		resolved=$(
			unset LD_LIBRARY_PATH
			ldd "$cli" | awk '/libforcetrack\.so/ { print $3 }'
		)
		# Through $ORIGIN the path reads .../bin/../lib: compare directories.
		resolved_dir=$(cd "$(dirname "$resolved")" 2>/dev/null && pwd -P) || resolved_dir=
		if [ -z "$resolved_dir" ] || [ "$resolved_dir" != "$(cd "$libdir" && pwd -P)" ]; then
			die "$cli does not load libforcetrack from $libdir without LD_LIBRARY_PATH (ldd says '$resolved')"
		fi
		say "$cli loads $resolved"
	fi
	check_cli_version "$cli"
	run_cli "$cli" validate "$example"
	[ "$status" -eq 0 ] || die "$cli validate $example exited with status $status: $out"
	say "$cli validate $example: ok"
	;;
*)
	say "FT_BUILD_TOOLS is '$tools': no forcetrack program to check"
	cli=
	;;
esac

# Runs a consumer program against the installed library and checks its line.
run_consumer() {
	how=$1
	exe=$2
	say "($how) running $exe"
	if command -v ldd >/dev/null 2>&1; then
		resolved=$(LD_LIBRARY_PATH=$libdir ldd "$exe" | awk '/libforcetrack\.so/ { print $3 }')
		case $resolved in
		"$libdir"/*) say "($how) libforcetrack resolves to $resolved" ;;
		*) die "($how) $exe does not load libforcetrack from $libdir (ldd says '$resolved')" ;;
		esac
	fi
	status=0
	out=$(LD_LIBRARY_PATH=$libdir "$exe" 2>&1) || status=$?
	printf '%s\n' "$out" | sed "s/^/check-install: ($how) | /"
	[ "$status" -eq 0 ] || die "($how) consumer exited with status $status"
	[ "$out" = "$expected" ] || die "($how) consumer printed '$out', expected '$expected'"
	say "($how) ok"
}

# --- (a) pkg-config ----------------------------------------------------------
PKG_CONFIG_PATH=$pcdir${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}
export PKG_CONFIG_PATH
say "(a) PKG_CONFIG_PATH=$PKG_CONFIG_PATH"

"$PKG_CONFIG" --validate forcetrack || die "(a) pkg-config --validate refuses $pcfile"
pc_version=$("$PKG_CONFIG" --modversion forcetrack) || die "(a) pkg-config does not find forcetrack"
[ "$pc_version" = "$version" ] || die "(a) pkg-config says version $pc_version, the header $version"

# The flags must point into the prefix the library was installed to, not to
# the prefix the build was configured with.
includedir=$("$PKG_CONFIG" --variable=includedir forcetrack)
[ -f "$includedir/forcetrack.h" ] ||
	die "(a) forcetrack.pc's includedir '$includedir' does not hold forcetrack.h: the .pc file does not follow the install prefix"
pc_libdir=$("$PKG_CONFIG" --variable=libdir forcetrack)
[ -f "$pc_libdir/libforcetrack.so" ] ||
	die "(a) forcetrack.pc's libdir '$pc_libdir' does not hold libforcetrack.so: the .pc file does not follow the install prefix"

pc_flags=$("$PKG_CONFIG" --cflags --libs forcetrack) || die "(a) pkg-config --cflags --libs forcetrack failed"
say "(a) pkg-config --cflags --libs forcetrack: $pc_flags"
static_libs=$("$PKG_CONFIG" --static --libs forcetrack) || die "(a) pkg-config --static --libs forcetrack failed"
say "(a) pkg-config --static --libs forcetrack: $static_libs"
case $static_libs in
*-lglib-2.0*) ;;
*) die "(a) pkg-config --static --libs does not mention glib (-lglib-2.0)" ;;
esac
case $static_libs in
*-ljansson*) ;;
*) die "(a) pkg-config --static --libs does not mention jansson (-ljansson)" ;;
esac

mkdir "$tmp/pkgconfig-build"
say "(a) $CC -std=c11 -Wall -Wextra -Werror main.c $pc_flags"
# The flags are a list of words: they are split on purpose.
# shellcheck disable=SC2086
"$CC" -std=c11 -Wall -Wextra -Werror -o "$tmp/pkgconfig-build/consumer" \
	"$src/tests/packaging/consumer/main.c" $pc_flags ||
	die "(a) compiling the consumer with pkg-config's flags failed"
run_consumer a "$tmp/pkgconfig-build/consumer"

# --- (b) CMake find_package ---------------------------------------------------
say "(b) configuring $src/tests/packaging/consumer with CMAKE_PREFIX_PATH=$prefix"
"$CMAKE" -S "$src/tests/packaging/consumer" -B "$tmp/cmake-build" \
	-DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Debug >"$tmp/cmake-configure.log" 2>&1 || {
	cat "$tmp/cmake-configure.log" >&2
	die "(b) configuring the consumer project failed"
}
found=$(sed -n 's/^ForceTrack_DIR:PATH=//p' "$tmp/cmake-build/CMakeCache.txt")
case $found in
"$prefix"/*) say "(b) find_package(ForceTrack) found $found" ;;
*) die "(b) find_package(ForceTrack) found '$found', not the package in $prefix" ;;
esac
"$CMAKE" --build "$tmp/cmake-build" >"$tmp/cmake-build.log" 2>&1 || {
	cat "$tmp/cmake-build.log" >&2
	die "(b) building the consumer project failed"
}
run_consumer b "$tmp/cmake-build/consumer"

# --- The prefix moved ---------------------------------------------------------
# An absolute path to the library would survive the checks above if it
# happened to name the prefix; it cannot survive the prefix moving.
if [ -n "$cli" ]; then
	mv "$prefix" "$tmp/moved"
	check_cli_version "$tmp/moved/bin/forcetrack"
	mv "$tmp/moved" "$prefix"
fi

say "ok: the installed library builds and runs a consumer with pkg-config and with find_package"
