#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Description: run test programs again with shared memory on real 2 MiB
# hugepages. Needs root: it reserves pages (/proc/sys/vm/nr_hugepages),
# mounts a private hugetlbfs, runs each program given as an argument with
# RTMEM_TEST_EAL_ARGS="--huge-dir=<mount> --huge-strict" (tests/common/
# test.h adds that to their EAL options), then unmounts and gives the pages
# back. It fails when a program fails or when the host's free hugepage
# count is not what it was before. Exits 77 (skipped) when pages cannot be
# reserved. ctest runs it alone (RUN_SERIAL): while it runs, the mount is
# visible to every process on the host.
set -u

WANT_PAGES=${RTMEM_TEST_HUGEPAGES:-512}   # 1 GiB of 2 MiB pages
MIN_PAGES=128
SYS=/sys/kernel/mm/hugepages/hugepages-2048kB

skip() { echo "skipped: $*"; exit 77; }

[ "$(id -u)" = 0 ] || skip "needs root to reserve hugepages"
[ -w /proc/sys/vm/nr_hugepages ] && [ -d "$SYS" ] ||
	skip "no writable 2 MiB hugepage pool"

nr_before=$(cat "$SYS/nr_hugepages")
free_before=$(cat "$SYS/free_hugepages")
mnt=$(mktemp -d /tmp/rtmem_hugepages.XXXXXX)

restore() {
	umount "$mnt" 2>/dev/null
	rmdir "$mnt" 2>/dev/null
	echo "$nr_before" > "$SYS/nr_hugepages"
}
trap restore EXIT

echo $((nr_before + WANT_PAGES)) > "$SYS/nr_hugepages" 2>/dev/null
got=$(( $(cat "$SYS/free_hugepages") - free_before ))
[ "$got" -ge "$MIN_PAGES" ] || skip "only $got hugepages could be reserved"
mount -t hugetlbfs -o pagesize=2M,mode=0700 nodev "$mnt" ||
	skip "cannot mount hugetlbfs"
echo "reserved $got hugepages of 2 MiB, mounted at $mnt"

export RTMEM_TEST_EAL_ARGS="--huge-dir=$mnt --huge-strict"
failed=0
for prog in "$@"; do
	echo "== $(basename "$prog") on hugepages"
	"$prog"
	rc=$?
	if [ "$rc" != 0 ] && [ "$rc" != 77 ]; then
		echo "FAILED on hugepages: $(basename "$prog") (exit $rc)"
		failed=1
	fi
done

left=$(ls "$mnt" | wc -l)
[ "$left" = 0 ] || { echo "FAILED: $left files left in $mnt"; ls -l "$mnt"; failed=1; }
umount "$mnt" && rmdir "$mnt"
echo "$nr_before" > "$SYS/nr_hugepages"
trap - EXIT
free_after=$(cat "$SYS/free_hugepages")
if [ "$free_after" != "$free_before" ]; then
	echo "FAILED: free hugepages $free_before before, $free_after after"
	failed=1
fi
exit $failed
