#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Description: every public header compiles on its own, as a DPDK program
# would include it: in strict C11 (-std=c11 -Wall -Wextra -Werror) and,
# when a C++ compiler is present, in C++11 (extern "C" guards, no C-only
# syntax). Usage: check_headers.sh <include dir> <generated include dir>
# <C compiler> [C++ compiler]. Exit 0 pass, 1 fail.
set -u
inc=$1 gen=$2 cc=$3 cxx=${4:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for h in "$inc"/*.h; do
	name=$(basename "$h")
	printf '#include <%s>\n#include <%s>\nint main(void) { return 0; }\n' \
		"$name" "$name" > "$tmp/t.c"
	if ! "$cc" -std=c11 -Wall -Wextra -Werror -I"$inc" -I"$gen" \
		-c "$tmp/t.c" -o "$tmp/t.o" 2> "$tmp/err"; then
		echo "FAIL (C11): $name"; cat "$tmp/err"; fail=1
	fi
	if [ -n "$cxx" ]; then
		cp "$tmp/t.c" "$tmp/t.cc"
		if ! "$cxx" -std=c++11 -Wall -Wextra -Werror -I"$inc" -I"$gen" \
			-c "$tmp/t.cc" -o "$tmp/t.o" 2> "$tmp/err"; then
			echo "FAIL (C++11): $name"; cat "$tmp/err"; fail=1
		fi
	fi
done
n=$(ls "$inc"/*.h | wc -l)
if [ $fail -eq 0 ]; then echo "$n headers compile alone in C11${cxx:+ and C++11}"; fi
exit $fail
