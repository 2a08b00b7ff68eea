#!/bin/sh
# check-layers.sh ROOT: fails when a file includes something above its
# layer (STYLE.md, DESIGN.md "The layers"). From the bottom:
#
#   base < values < model < io, estimate < report
#
# io and estimate are siblings: neither may include the other. Besides:
#   - a private header of the model's own files (model/model-private.h)
#     is included only from lib/model/;
#   - the model and the estimator never see Jansson (<jansson.h>, or
#     values/json-private.h, which includes it);
#   - tools/, examples/ and bench/ use the public API only (<forcetrack.h>
#     or forcetrack/*.h, no header from lib/); tools/ and examples/ do not
#     include Jansson either: what they print as JSON, the library renders
#     (bench/ may, to time Jansson alone).
# Prints one line per offending include, FILE:LINE: what and why, and
# exits 1 if there is any; 0 with a count otherwise.
set -eu
root=${1:-.}
cd "$root"

allowed() { # the layers a layer's files may include
	case $1 in
	base) echo "base" ;;
	values) echo "base values" ;;
	model) echo "base values model" ;;
	io) echo "base values model io" ;;
	estimate) echo "base values model estimate" ;;
	report) echo "base values model io estimate report" ;;
	*) echo "" ;;
	esac
}

layers="base values model io estimate report"
bad=0
checked=0
say() {
	echo "$1"
	bad=$((bad + 1))
}

for dir in lib/*/; do
	layer=$(basename "$dir")
	case " $layers " in
	*" $layer "*) ;;
	*) say "$dir: a folder that is not a layer ($layers)"; continue ;;
	esac
	ok=$(allowed "$layer")
	for f in "$dir"*.c "$dir"*.h; do
		[ -f "$f" ] || continue
		checked=$((checked + 1))
		# Every quoted include: "layer/file.h" names its layer.
		grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*["<]' "$f" | while IFS= read -r hit; do
			line=${hit%%:*}
			target=$(printf '%s\n' "$hit" | sed 's/.*include[[:space:]]*["<]\([^">]*\)[">].*/\1/')
			case $target in
			forcetrack/* | forcetrack.h) continue ;;
			jansson.h)
				case $layer in model | estimate)
					echo "$f:$line: includes <jansson.h>: the $layer layer never sees JSON" ;;
				esac
				continue ;;
			*/*) ;;
			*) continue ;; # a system header
			esac
			tlayer=${target%%/*}
			case " $layers " in
			*" $tlayer "*) ;;
			*) continue ;; # a system header with a folder (sys/stat.h)
			esac
			case " $ok " in
			*" $tlayer "*) ;;
			*) echo "$f:$line: includes \"$target\": $layer may include only $ok" ; continue ;;
			esac
			if [ "$target" = model/model-private.h ] && [ "$layer" != model ]; then
				echo "$f:$line: includes \"$target\", which is private to lib/model/"
			fi
			if [ "$target" = values/json-private.h ]; then
				case $layer in model | estimate)
					echo "$f:$line: includes \"$target\" (Jansson): the $layer layer never sees JSON" ;;
				esac
			fi
		done >>"${TMPDIR:-/tmp}/check-layers.$$"
	done
done

# Programs over the library: the public API only.
for f in $(find tools examples bench -name '*.c' -o -name '*.h' 2>/dev/null | sort); do
	checked=$((checked + 1))
	grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*["<]' "$f" | while IFS= read -r hit; do
		target=$(printf '%s\n' "$hit" | sed 's/.*include[[:space:]]*["<]\([^">]*\)[">].*/\1/')
		case $target in
		*-private.h | base/* | values/* | model/* | io/* | estimate/* | report/*)
			echo "$f:${hit%%:*}: includes \"$target\": programs use the public API only" ;;
		jansson.h)
			case $f in bench/*) ;; *)
				echo "$f:${hit%%:*}: includes <jansson.h>: the library renders JSON for the programs" ;;
			esac ;;
		esac
	done >>"${TMPDIR:-/tmp}/check-layers.$$"
done

out=$(cat "${TMPDIR:-/tmp}/check-layers.$$" 2>/dev/null || true)
rm -f "${TMPDIR:-/tmp}/check-layers.$$"
if [ -n "$out" ] || [ "$bad" -gt 0 ]; then
	[ -n "$out" ] && printf '%s\n' "$out"
	exit 1
fi
echo "check-layers: $checked files, every include within its layer"
