/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * malloc_test.h: helpers the heap tests share (white box: they may call
 * malloc_heap_check). Each test runs its scenarios in children; a scenario
 * starts with init_eal() and ends with `return done();`.
 */
#ifndef MALLOC_TEST_H
#define MALLOC_TEST_H

#include <rte_eal.h>
#include <rte_lcore.h>

#include "malloc/malloc_heap.h"
#include "mem/mem_private.h"
#include "test.h"

/* Keep the compiler from judging sizes it can see (-Walloc-size-...). */
static inline size_t
opaque(size_t v)
{
	volatile size_t x = v;

	return x;
}

/* A primary of this test's prefix with 16 MiB committed. */
static inline void
init_eal(void)
{
	char args[256];

	snprintf(args, sizeof(args), "-l 0 --file-prefix %s -m 16",
		 test_file_prefix());
	ASSERT_GE_INT(test_eal_init(args), 0);
}

/*
 * Whether this process's shared memory is on hugepages: in the hugepage
 * run (test_on_hugepages()), and also whenever the host offers free
 * hugepages with a mount (rtmem then uses them by default).
 */
static inline bool
on_hugepages(void)
{
	return rte_eal_has_hugepages() != 0;
}

static inline int
done(void)
{
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}

/* malloc_heap_check() on every heap; 0 when all are sound. */
static inline int
heaps_check(void)
{
	struct mem_config *cfg = mem_cfg();
	int ret = 0;

	for (unsigned int i = 0; cfg != NULL && i < cfg->n_heaps; i++)
		if (malloc_heap_check(i, stderr) != 0)
			ret = -1;
	return ret;
}

#define EXPECT_HEAPS_OK() EXPECT_EQ_INT(heaps_check(), 0)

static inline int
sock(void)
{
	return (int)rte_socket_id();
}

/*
 * Run one scenario in a child (each initialises its own EAL) and print
 * what it printed, then check that it passed.
 */
static inline void
run_scenario(const char *name, int (*fn)(void *))
{
	struct test_child_result res;

	printf("-- %s\n", name);
	ASSERT_EQ_INT(test_run_child(fn, NULL, 60, &res), 0);
	fputs(res.out, stdout);
	if (!res.exited || res.exit_code != 0)
		printf("%s failed: stderr:\n%s\n", name, res.err);
	EXPECT_FALSE(res.timed_out);
	EXPECT_TRUE(res.exited);
	EXPECT_EQ_INT(res.exit_code, 0);
	EXPECT_EQ_INT(res.signal, 0);
}

#endif /* MALLOC_TEST_H */
