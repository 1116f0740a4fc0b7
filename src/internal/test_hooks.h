/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * test_hooks.h: fault-injection points for the multi-process tests.
 *
 * Crash-robustness claims (a secondary killed mid-split, while holding the
 * memzone lock, mid-attach...) can only be tested by killing a process at
 * exactly that point. The library calls test_hook_point("name") there; when
 * the environment variable RTMEM_TEST_KILL_AT equals that name the process
 * sends itself SIGKILL. RTMEM_TEST_DELAY_AT=<name>:<ms> sleeps instead.
 *
 * The variables are read once, by a library constructor; the disabled cost
 * is one predictable branch. These are test interfaces, documented here only.
 *
 * Named points: "split", "merge" (malloc_heap.c), "lock:<kind>" (shlock.c,
 * right after taking the lock), "commit" (backing.c: memsegs filled, the
 * commit not yet published), "attach" (secondary, holding the attach gate,
 * before claiming its slot), "init" (primary, after reserving memory,
 * before READY).
 */
#ifndef RTMEM_TEST_HOOKS_H
#define RTMEM_TEST_HOOKS_H

#include <stdbool.h>

extern bool test_hooks_enabled_; /* any RTMEM_TEST_* variable set */

/* Slow path of test_hook_point(). */
void test_hook_fire_(const char *name);

/* Kill or delay the process here if a test asked for it (see above). */
static inline void
test_hook_point(const char *name)
{
	if (__builtin_expect(test_hooks_enabled_, 0))
		test_hook_fire_(name);
}

#endif /* RTMEM_TEST_HOOKS_H */
