#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# check_output.sh [--expected NAME] <binary> [args...]: runs an example
# with the given arguments (rtmem needs none; DPDK needs its EAL options)
# and compares its stable output with the expected_output.txt next to its
# source, in examples/<name of the binary>/, or with the file NAME there
# (an example whose output depends on its environment, e.g.
# RTMEM_MEMPOOL_DEBUG=1, keeps one expected file per case).
#
# Stable output: the program's stdout with every pointer (0x...) replaced by
# <ptr>, and without library log lines ("EAL: ...", "MEMPOOL: ...", which
# both rtmem and DPDK send to stderr, but a library may log to stdout). The
# program must also exit 0. Exit 0: match; 1: mismatch or failure (the
# difference and the program's stderr are shown).
set -u

name=expected_output.txt
if [ "${1:-}" = --expected ]; then
	[ $# -ge 2 ] || { echo "$0: --expected needs a file name" >&2; exit 1; }
	name=$2
	shift 2
fi
[ $# -ge 1 ] || {
	echo "usage: $0 [--expected NAME] <binary> [args...]" >&2
	exit 1
}
here=$(cd "$(dirname "$0")" && pwd)
bin=$1
expected=$here/$(basename "$bin")/$name
shift
[ -f "$expected" ] || { echo "$0: no $expected" >&2; exit 1; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

rc=0
"$bin" "$@" >"$tmp/stdout" 2>"$tmp/stderr" || rc=$?
sed -E -e 's/0x[0-9a-fA-F]+/<ptr>/g' \
	-e '/^(EAL|MEMPOOL|RING|MALLOC|MEMZONE|STACK|MBUF|LCORE|USER[0-9]+): /d' \
	"$tmp/stdout" >"$tmp/actual"

if [ $rc -ne 0 ] || ! cmp -s "$expected" "$tmp/actual"; then
	[ $rc -eq 0 ] || echo "$0: $bin exited with status $rc" >&2
	diff -u "$expected" "$tmp/actual" | sed 's/^/    /' >&2
	echo "$0: stderr of $bin:" >&2
	tail -n 20 "$tmp/stderr" | sed 's/^/    /' >&2
	echo "$0: FAIL" >&2
	exit 1
fi
echo "$0: output of $bin matches $expected"
exit 0
