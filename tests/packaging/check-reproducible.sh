#!/bin/sh
# check-reproducible.sh SRC_DIR
#
# Builds the Debian packages twice with scripts/build-debs, from two copies
# of the sources at different paths, into build directories at different
# paths (one inside its copy, one outside), with different umasks and
# different numbers of jobs, and requires the two sets of packages to be
# byte-identical (cmp). Both builds use the same SOURCE_DATE_EPOCH: the one
# in the environment, or the time of SRC_DIR's last commit.
#
# On a difference it names the packages and the members that differ (with
# diffoscope when it is installed). The copies are removed on exit; set
# FT_KEEP_TMP=1 to keep them.

set -eu

if [ "$#" -ne 1 ]; then
	echo "usage: $0 SRC_DIR" >&2
	exit 2
fi
src=$(cd "$1" && pwd)

say() {
	echo "check-reproducible: $*"
}
die() {
	echo "check-reproducible: FAILED: $*" >&2
	exit 1
}

if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
	SOURCE_DATE_EPOCH=$(git -C "$src" log -1 --format=%ct 2>/dev/null) ||
		die "SOURCE_DATE_EPOCH is not set and $src is not a git checkout"
fi
export SOURCE_DATE_EPOCH

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ft-repro.XXXXXX")
if [ "${FT_KEEP_TMP:-0}" = 1 ]; then
	trap 'echo "check-reproducible: kept $tmp"' EXIT
else
	trap 'rm -rf "$tmp"' EXIT
fi
trap 'exit 1' HUP INT TERM

# Two copies of the sources, without git's data and without build trees.
copy_sources() {
	mkdir -p "$1"
	tar -C "$src" --anchored --exclude=./.git --exclude='./build*' --exclude='./_build*' \
		--exclude='./fuzz/out*' -cf - . | tar -C "$1" -xf -
}
a_src=$tmp/a
b_src=$tmp/second/copy/of/the/sources
copy_sources "$a_src"
copy_sources "$b_src"
say "sources copied to $a_src and $b_src; SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH"

a_build=$a_src/build-deb
b_build=$tmp/b-build
say "build A: $a_build (umask 022, 2 jobs)"
(umask 022 && cd "$a_src" && FT_JOBS=2 scripts/build-debs "$a_build") >"$tmp/a.log" 2>&1 || {
	cat "$tmp/a.log" >&2
	die "build A failed"
}
say "build B: $b_build (umask 002, 1 job)"
(umask 002 && cd "$tmp" && FT_JOBS=1 "$b_src/scripts/build-debs" "$b_build") >"$tmp/b.log" 2>&1 || {
	cat "$tmp/b.log" >&2
	die "build B failed"
}

(cd "$a_build" && ls -- *.deb) >"$tmp/a.list" 2>/dev/null || die "build A made no packages"
(cd "$b_build" && ls -- *.deb) >"$tmp/b.list" 2>/dev/null || die "build B made no packages"
cmp -s "$tmp/a.list" "$tmp/b.list" || {
	diff -u "$tmp/a.list" "$tmp/b.list" >&2 || true
	die "the two builds made different sets of packages"
}

differ=0
while read -r deb; do
	if cmp -s "$a_build/$deb" "$b_build/$deb"; then
		say "identical: $deb $(sha256sum <"$a_build/$deb" | cut -c1-16)"
		continue
	fi
	differ=$((differ + 1))
	echo "check-reproducible: DIFFERENT: $deb" >&2
	if command -v diffoscope >/dev/null 2>&1; then
		diffoscope "$a_build/$deb" "$b_build/$deb" >&2 || true
	else
		for part in ctrl fsys; do
			dpkg-deb --"$part"-tarfile "$a_build/$deb" | tar -tv --full-time >"$tmp/a.$part"
			dpkg-deb --"$part"-tarfile "$b_build/$deb" | tar -tv --full-time >"$tmp/b.$part"
			diff -u "$tmp/a.$part" "$tmp/b.$part" >&2 || true
		done
		mkdir -p "$tmp/x/a" "$tmp/x/b"
		dpkg-deb -x "$a_build/$deb" "$tmp/x/a"
		dpkg-deb -x "$b_build/$deb" "$tmp/x/b"
		diff -r "$tmp/x/a" "$tmp/x/b" >&2 || true
		rm -rf "$tmp/x"
	fi
done <"$tmp/a.list"
[ "$differ" -eq 0 ] || die "$differ of $(wc -l <"$tmp/a.list" | tr -d ' ') packages differ between the two builds"
say "ok: $(wc -l <"$tmp/a.list" | tr -d ' ') packages byte-identical across source paths, build paths, umasks and job counts"
