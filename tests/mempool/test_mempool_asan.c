/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: under AddressSanitizer, an object sitting in a pool (in
 * the driver's store or in a cache) is poisoned, so a use after put is
 * reported. A child gets an object, writes it, puts it back and reads it
 * again: ASan must stop it with a use-after-poison report. A second child
 * does the same without the bad read and must exit cleanly, and objects
 * handed out again are usable (unpoisoned). Both with a per-lcore cache
 * and without one. Skipped (77) in builds without ASan.
 */
#include <stdio.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_mempool.h>

#include "test.h"

#if defined(__SANITIZE_ADDRESS__)
#define HAVE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_ASAN 1
#endif
#endif

#ifdef HAVE_ASAN
struct run {
	unsigned int cache;
	int bad_read;
};

static int
use_after_put(void *arg)
{
	const struct run *r = arg;
	struct rte_mempool *mp;
	volatile char *obj;
	void *o, *again;

	if (test_eal_init("--in-memory -l 0") < 0)
		return 2;
	mp = rte_mempool_create("asan", 64, 128, r->cache, 0, NULL, NULL,
				NULL, NULL, SOCKET_ID_ANY, 0);
	if (mp == NULL)
		return 3;
	if (rte_mempool_get(mp, &o) != 0)
		return 4;
	obj = o;
	obj[0] = 1;
	rte_mempool_put(mp, o);
	if (r->bad_read)
		printf("read %d\n", obj[5]); /* ASan stops here */
	/* Handed out again: usable. */
	if (rte_mempool_get(mp, &again) != 0)
		return 5;
	memset(again, 7, 128);
	rte_mempool_put(mp, again);
	rte_mempool_free(mp);
	return 0;
}

#endif

int
main(void)
{
#ifndef HAVE_ASAN
	printf("not an ASan build: nothing to check\n");
	return 77;
#else
	static struct test_child_result res;
	static const unsigned int caches[] = { 0, 32 };

	for (unsigned int i = 0; i < 2; i++) {
		struct run bad = { caches[i], 1 }, good = { caches[i], 0 };

		test_run_child(use_after_put, &bad, 60, &res);
		EXPECT_TRUE(!res.exited || res.exit_code != 0);
		EXPECT_CONTAINS(res.err, "use-after-poison");
		test_run_child(use_after_put, &good, 60, &res);
		EXPECT_TRUE(res.exited);
		EXPECT_EQ_INT(res.exit_code, 0);
		if (!res.exited || res.exit_code != 0)
			printf("cache %u stderr:\n%s\n", caches[i], res.err);
	}
	return test_report();
#endif
}
