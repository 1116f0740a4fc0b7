#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# check_exports.sh LIBRARY MAP [ARCHIVE]: checks that the shared library
# exports exactly the names listed in the version script, and only names with
# rtmem's prefixes.
#
#   LIBRARY  the built librtmem.so
#   MAP      src/rtmem.map, a GNU ld version script:
#              RTMEM_0 { global: name; name; ... local: *; };
#            names are read between `global:` and `local:` (or the closing
#            brace); `#` starts a comment.
#   ARCHIVE  optional: the built librtmem.a, made from the same objects. Its
#            global symbols with default visibility are the definitions that
#            carry RTMEM_EXPORT, whether or not the map lists them.
#
# Fails (exit 1), listing the names, when:
#   (a) a name in the map is not exported (its definition lacks RTMEM_EXPORT,
#       or nothing defines it);
#   (b) an exported name is not in the map (cannot happen while the map ends
#       with `local: *;`, checked anyway), or, with ARCHIVE, a definition
#       carries RTMEM_EXPORT but the map does not list it (so the version
#       script silently hides it);
#   (c) an exported name has none of the allowed prefixes;
#   (d) the map lists a name twice or uses a wildcard in its global list.
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
	echo "usage: $0 LIBRARY MAP [ARCHIVE]" >&2
	exit 1
fi
lib=$1
map=$2
archive=${3:-}

# Prefixes of rtmem's exported names (DPDK's and rtmem's own).
prefixes='rte_ rtmem_ per_lcore_'
# DPDK 22.11 public names without those prefixes, which DPDK programs may
# reference directly, so rtmem must export them under the same name.
legacy_names=(
	__rte_panic      # called by the rte_panic() macro
	eal_timer_source # extern variable declared in rte_cycles.h
)

for f in "$lib" "$map" ${archive:+"$archive"}; do
	if [ ! -r "$f" ]; then
		echo "check_exports: cannot read $f" >&2
		exit 1
	fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Names in the global lists of the map, one per line, in file order.
sed 's/#.*//' "$map" |
	sed -e 's/global:/ global: /g' -e 's/local:/ local: /g' \
	    -e 's/[{};]/ & /g' |
	tr -s ' \t' '\n' |
	awk '$0 == "global:" { g = 1; next }
	     $0 == "local:" || $0 == "}" { g = 0; next }
	     g && $0 != "" && $0 != ";" && $0 != "{" { print }' \
	>"$tmp/map_all"
sort "$tmp/map_all" >"$tmp/map_sorted"
sort -u "$tmp/map_all" >"$tmp/map_uniq"
grep -E '[*?[]' "$tmp/map_uniq" >"$tmp/wild" || true
grep -v -E '[*?[]' "$tmp/map_uniq" >"$tmp/map" || true

# Defined dynamic symbols, without version suffixes. Absolute (A) symbols
# are the version nodes themselves (RTMEM_0), not exports.
nm -D --defined-only "$lib" |
	awk 'NF >= 3 && $2 != "A" { sub(/@.*/, "", $3); print $3 }' |
	sort -u >"$tmp/lib"

# Defined global functions and variables with default visibility in the
# archive's objects: the RTMEM_EXPORT definitions. Sanitizer instrumentation
# adds default-visibility helpers of its own (__odr_asan_gen_*, ...); they
# are not rtmem's and the version script keeps them local.
: >"$tmp/tagged"
if [ -n "$archive" ]; then
	readelf -sW "$archive" |
		awk '$7 != "UND" && ($5 == "GLOBAL" || $5 == "WEAK") &&
		     $6 == "DEFAULT" &&
		     ($4 == "FUNC" || $4 == "OBJECT" || $4 == "TLS" || $4 == "IFUNC") &&
		     $8 !~ /^__(odr_)?asan/ { print $8 }' |
		sort -u >"$tmp/tagged"
fi

status=0
report() { # report TITLE FILE: print the names in FILE under TITLE, if any
	if [ -s "$2" ]; then
		echo "FAIL: $1:"
		sed 's/^/    /' "$2"
		status=1
	fi
}

uniq -d "$tmp/map_sorted" >"$tmp/dups"
report "names listed more than once in $map" "$tmp/dups"
report "wildcards in the global list of $map (list each name)" "$tmp/wild"

comm -23 "$tmp/map" "$tmp/lib" >"$tmp/missing"
report "names in $map that $(basename "$lib") does not export (missing RTMEM_EXPORT, or not defined)" \
	"$tmp/missing"
comm -13 "$tmp/map" "$tmp/lib" >"$tmp/extra"
report "names $(basename "$lib") exports that are not in $map" "$tmp/extra"
comm -23 "$tmp/tagged" "$tmp/map" >"$tmp/unlisted"
report "definitions marked RTMEM_EXPORT that $map does not list (add them to the map)" \
	"$tmp/unlisted"

: >"$tmp/badprefix"
while read -r name; do
	ok=0
	for p in $prefixes; do
		case $name in "$p"*) ok=1 ;; esac
	done
	for l in "${legacy_names[@]}"; do
		[ "$name" = "$l" ] && ok=1
	done
	[ $ok = 1 ] || echo "$name" >>"$tmp/badprefix"
done < <(sort -u "$tmp/lib" "$tmp/tagged")
report "exported names without an allowed prefix ($prefixes, or a listed DPDK legacy name)" \
	"$tmp/badprefix"

if [ $status = 0 ]; then
	echo "check_exports: $(wc -l <"$tmp/lib") exported names match $map"
fi
exit $status
