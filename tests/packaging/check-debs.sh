#!/bin/sh
# check-debs.sh SRC_DIR DEB_DIR
#
# Checks the Debian packages scripts/build-debs made in DEB_DIR, on this
# machine, as root (CI runs it; it is not a CTest test, since it installs
# into /usr):
#   1. each package holds exactly the files it should, and says what it
#      depends on;
#   2. the three install with dpkg -i, into /usr and the multiarch library
#      directory, and ldconfig knows the library;
#   3. the installed forcetrack runs (no RUNPATH, the library found by the
#      loader) and validates the example dataset;
#   4. tests/packaging/consumer/main.c builds against the installed -dev
#      package with pkg-config and with find_package (shared and static,
#      without PKG_CONFIG_PATH or CMAKE_PREFIX_PATH) and runs;
#   5. the packages are purged, and nothing of them is left.
# It refuses to start when a forcetrack package is installed already, and
# purges what it installed whichever way it ends.

set -eu

if [ "$#" -ne 2 ]; then
	echo "usage: $0 SRC_DIR DEB_DIR" >&2
	exit 2
fi
src=$(cd "$1" && pwd)
debs=$(cd "$2" && pwd)

say() {
	echo "check-debs: $*"
}
die() {
	echo "check-debs: FAILED: $*" >&2
	exit 1
}

[ "$(id -u)" -eq 0 ] || die "run as root: the packages are installed into /usr and removed again"
for tool in dpkg dpkg-deb dpkg-architecture readelf pkg-config cmake cc ldd ldconfig; do
	command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (scripts/install-deps --packages)"
done

version=$(sed -n 's/^#define FT_VERSION_STRING[[:space:]]*"\(.*\)"$/\1/p' "$src/include/forcetrack/version.h")
[ -n "$version" ] || die "cannot read FT_VERSION_STRING from $src/include/forcetrack/version.h"
major=${version%%.*}
minor=${version#*.}
minor=${minor%%.*}
# The SONAME and the runtime package's name (cmake/ForceTrackPackaging.cmake).
if [ "$major" -eq 0 ]; then
	soversion=0.$minor
else
	soversion=$major
fi
soname=libforcetrack.so.$soversion
runtime=libforcetrack$soversion
dev=libforcetrack-dev
program=forcetrack
arch=$(dpkg --print-architecture)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
libdir=/usr/lib/$multiarch
expected_consumer="consumer ok: 1 claims, version $version"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ft-debs.XXXXXX")
installed=0
cleanup() {
	status=$?
	if [ "$installed" -eq 1 ]; then
		echo "check-debs: purging the packages after a failure" >&2
		dpkg --purge "$program" "$dev" "$runtime" >/dev/null 2>&1 || true
	fi
	rm -rf "$tmp"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

# is_library PATH: whether PATH (from ldd) is the installed library; with
# /usr merged, the loader may name it /lib/MULTIARCH/...
is_library() {
	[ -n "$1" ] && [ "$(readlink -f "$1")" = "$(readlink -f "$libdir/$soname")" ]
}

# Which of our packages dpkg knows as installed (or half-installed).
our_installed() {
	dpkg-query -W -f='${Package} ${Status}\n' "$runtime" "$dev" "$program" 2>/dev/null |
		awk '$NF != "not-installed" && $NF != "config-files" { print $1 }' || true
}
[ -z "$(our_installed)" ] ||
	die "already installed: $(our_installed | tr '\n' ' '); remove them first (dpkg --purge)"

# --- 1. What the packages hold --------------------------------------------
for pkg in "$runtime" "$dev" "$program"; do
	deb=$debs/${pkg}_${version}_$arch.deb
	[ -f "$deb" ] || die "no $deb (scripts/build-debs $debs)"
done

# The files (not directories) each package must hold, one a line, sorted.
{
	echo "$libdir/$soname"
	echo "$libdir/$soname.0"
	echo "/usr/share/doc/$runtime/copyright"
} | LC_ALL=C sort >"$tmp/$runtime.expected"
{
	(cd "$src/include" && find . -name '*.h' | sed 's|^\./|/usr/include/|')
	echo "$libdir/libforcetrack.so"
	echo "$libdir/libforcetrack.a"
	echo "$libdir/pkgconfig/forcetrack.pc"
	for f in ForceTrackConfig.cmake ForceTrackConfigVersion.cmake ForceTrackTargets.cmake \
		ForceTrackTargets-none.cmake; do
		echo "$libdir/cmake/ForceTrack/$f"
	done
	echo "/usr/share/doc/$dev/copyright"
	echo "/usr/share/man/man3/forcetrack.3.gz"
} | LC_ALL=C sort >"$tmp/$dev.expected"
{
	echo "/usr/bin/forcetrack"
	echo "/usr/share/man/man1/forcetrack.1.gz"
	echo "/usr/share/man/man5/forcetrack-format.5.gz"
	echo "/usr/share/forcetrack/forcetrack-1.0.schema.json"
	echo "/usr/share/doc/$program/copyright"
} | LC_ALL=C sort >"$tmp/$program.expected"

for pkg in "$runtime" "$dev" "$program"; do
	deb=$debs/${pkg}_${version}_$arch.deb
	dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { sub(/ -> .*/, ""); print $NF }' | sed 's|^\./|/|' |
		LC_ALL=C sort >"$tmp/$pkg.actual"
	if ! cmp -s "$tmp/$pkg.expected" "$tmp/$pkg.actual"; then
		echo "--- expected files of $pkg, +++ the files it holds:" >&2
		diff -u "$tmp/$pkg.expected" "$tmp/$pkg.actual" >&2 || true
		die "$pkg does not hold the files it should"
	fi
	dpkg-deb -c "$deb" | awk '$2 != "root/root" { bad = 1 } END { exit bad }' ||
		die "$pkg has files not owned by root/root"
	name=$(dpkg-deb -f "$deb" Package)
	[ "$name" = "$pkg" ] || die "$deb says it is package '$name'"
	say "$pkg: $(wc -l <"$tmp/$pkg.actual" | tr -d ' ') files, as expected; Depends: $(dpkg-deb -f "$deb" Depends)"
done

depends_on() {
	dpkg-deb -f "$debs/${1}_${version}_$arch.deb" Depends | tr ',' '\n' | sed 's/^ *//' | grep -q "^$2"
}
depends_on "$dev" "$runtime (= $version)" || die "$dev does not depend on $runtime (= $version)"
depends_on "$program" "$runtime (= $version)" || die "$program does not depend on $runtime (= $version)"
for pkg in libc6 libglib2.0-0 libjansson4; do
	depends_on "$runtime" "$pkg" || die "$runtime does not depend on $pkg (dpkg-shlibdeps)"
done
shlibs=$(dpkg-deb --ctrl-tarfile "$debs/${runtime}_${version}_$arch.deb" | tar -xOf - ./shlibs) ||
	die "$runtime has no shlibs file"
[ "$shlibs" = "libforcetrack $soversion $runtime (>= $version)" ] ||
	die "$runtime's shlibs says '$shlibs'"
say "dependencies: $dev and $program on $runtime (= $version); shlibs: $shlibs"

# --- 2. Install -------------------------------------------------------------
installed=1
dpkg -i "$debs/${runtime}_${version}_$arch.deb" "$debs/${dev}_${version}_$arch.deb" \
	"$debs/${program}_${version}_$arch.deb" >"$tmp/dpkg-i.log" 2>&1 || {
	cat "$tmp/dpkg-i.log" >&2
	die "dpkg -i failed"
}
for pkg in "$runtime" "$dev" "$program"; do
	status=$(dpkg-query -W -f='${Status}' "$pkg")
	[ "$status" = "install ok installed" ] || die "$pkg is '$status' after dpkg -i"
done
say "installed: $(dpkg-query -W -f='${Package} ${Version}, ' "$runtime" "$dev" "$program")"

actual_soname=$(readelf -d "$libdir/$soname" | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
[ "$actual_soname" = "$soname" ] || die "$libdir/$soname has SONAME '$actual_soname'"
# With /usr merged the cache may name /lib/MULTIARCH, the same directory.
ldconfig -p | grep -q "$soname .*=> .*/$multiarch/$soname\$" || die "ldconfig does not know $libdir/$soname"
say "$libdir/$soname, SONAME $soname, in the loader's cache"

# --- 3. The installed program -------------------------------------------------
cli=/usr/bin/forcetrack
if readelf -d "$cli" | grep -q '(RPATH)\|(RUNPATH)'; then
	die "$cli has an RPATH or RUNPATH; a program in /usr needs none"
fi
resolved=$(env -u LD_LIBRARY_PATH ldd "$cli" | awk '/libforcetrack\.so/ { print $3 }')
is_library "$resolved" || die "$cli loads libforcetrack from '$resolved', not $libdir/$soname"
out=$(cd / && env -u LD_LIBRARY_PATH forcetrack --version) || die "forcetrack --version failed"
case $out in
"forcetrack $version "*) say "forcetrack --version: $out" ;;
*) die "forcetrack --version printed '$out'" ;;
esac
out=$(cd / && env -u LD_LIBRARY_PATH forcetrack validate "$src/examples/data/buildup-2021-12.json" 2>&1) ||
	die "forcetrack validate of the example dataset failed: $out"
say "forcetrack validate examples/data/buildup-2021-12.json: ok"
for page in man1/forcetrack.1.gz man3/forcetrack.3.gz man5/forcetrack-format.5.gz; do
	gzip -dc "/usr/share/man/$page" | grep -q '^\.TH ' || die "/usr/share/man/$page is not a man page"
done
if command -v man >/dev/null 2>&1; then
	page=$(man -w forcetrack 2>/dev/null) || die "man -w forcetrack finds no page"
	[ "$page" = /usr/share/man/man1/forcetrack.1.gz ] || die "man -w forcetrack finds '$page'"
	say "man forcetrack: $page"
fi

# --- 4. A program built against the installed -dev package --------------------
run_consumer() {
	how=$1
	exe=$2
	out=$(env -u LD_LIBRARY_PATH "$exe" 2>&1) || die "($how) the consumer failed: $out"
	[ "$out" = "$expected_consumer" ] || die "($how) the consumer printed '$out', expected '$expected_consumer'"
	say "($how) $out"
}
unset PKG_CONFIG_PATH CMAKE_PREFIX_PATH LD_LIBRARY_PATH || true

pc_version=$(pkg-config --modversion forcetrack) || die "pkg-config does not find forcetrack"
[ "$pc_version" = "$version" ] || die "pkg-config says version $pc_version"
pc_flags=$(pkg-config --cflags --libs forcetrack)
say "(pkg-config) cc main.c $pc_flags"
# The flags are a list of words: they are split on purpose.
# shellcheck disable=SC2086
cc -std=c11 -Wall -Wextra -Werror -o "$tmp/consumer-pc" "$src/tests/packaging/consumer/main.c" $pc_flags ||
	die "(pkg-config) compiling the consumer failed"
resolved=$(ldd "$tmp/consumer-pc" | awk '/libforcetrack\.so/ { print $3 }')
is_library "$resolved" || die "(pkg-config) the consumer loads libforcetrack from '$resolved'"
run_consumer pkg-config "$tmp/consumer-pc"

for linkage in shared static; do
	flag=OFF
	[ "$linkage" = static ] && flag=ON
	cmake -S "$src/tests/packaging/consumer" -B "$tmp/cmake-$linkage" -DCMAKE_BUILD_TYPE=Release \
		-DFT_CONSUMER_STATIC=$flag >"$tmp/cmake-$linkage.log" 2>&1 || {
		cat "$tmp/cmake-$linkage.log" >&2
		die "(find_package, $linkage) configuring the consumer failed"
	}
	found=$(sed -n 's/^ForceTrack_DIR:PATH=//p' "$tmp/cmake-$linkage/CMakeCache.txt")
	[ "$found" = "$libdir/cmake/ForceTrack" ] ||
		die "(find_package, $linkage) found ForceTrack in '$found', not $libdir/cmake/ForceTrack"
	cmake --build "$tmp/cmake-$linkage" >"$tmp/cmake-$linkage-build.log" 2>&1 || {
		cat "$tmp/cmake-$linkage-build.log" >&2
		die "(find_package, $linkage) building the consumer failed"
	}
	resolved=$(ldd "$tmp/cmake-$linkage/consumer" | awk '/libforcetrack\.so/ { print $3 }')
	if [ "$linkage" = shared ]; then
		is_library "$resolved" ||
			die "(find_package, shared) the consumer loads libforcetrack from '$resolved'"
	else
		[ -z "$resolved" ] || die "(find_package, static) the consumer loads $resolved; it should hold the library"
	fi
	run_consumer "find_package, $linkage" "$tmp/cmake-$linkage/consumer"
done

# --- 5. Remove ------------------------------------------------------------------
dpkg --purge "$program" "$dev" "$runtime" >"$tmp/dpkg-purge.log" 2>&1 || {
	cat "$tmp/dpkg-purge.log" >&2
	die "dpkg --purge failed"
}
installed=0
[ -z "$(our_installed)" ] || die "still installed after dpkg --purge: $(our_installed | tr '\n' ' ')"
for pkg in "$runtime" "$dev" "$program"; do
	while read -r f; do
		if [ -e "$f" ] || [ -L "$f" ]; then
			die "$f is left after purging $pkg"
		fi
	done <"$tmp/$pkg.expected"
done
if ldconfig -p | grep -q "$soname"; then
	die "the loader's cache still lists $soname after the purge"
fi
say "purged: no file of the packages is left, and the loader's cache has forgotten $soname"
say "ok: the packages install, build and run a consumer both ways, and remove cleanly"
