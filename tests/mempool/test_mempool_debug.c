/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: rtmem's run-time mempool debug mode (an rtmem extension;
 * DPDK has only the build-time RTE_LIBRTE_MEMPOOL_DEBUG).
 *
 * The interface under test:
 *   - RTMEM_MEMPOOL_F_DEBUG (<rtmem.h>, 0x1000), a create flag: debug on
 *     for that pool;
 *   - the environment variable RTMEM_MEMPOOL_DEBUG=1: debug on for every
 *     pool the process creates afterwards (flag or not).
 * In debug mode each of these is caught at put time:
 *   - a double put (the object is already in the pool, in the backend or
 *     in a cache);
 *   - a put of a pointer that is not one of the pool's objects: memory
 *     from malloc, or an object of another pool;
 *   - a write past elt_size, into the object's trailer;
 * and then the object is not enqueued (avail_count unchanged, so no
 * object is ever handed out twice) and exactly one ERR line is logged
 * that names the pool and the object (its address in hex). Normal gets
 * and puts of a debug pool log nothing and count as usual; audit passes.
 * Each case runs for cache sizes 0 and 32, with the flag and with the
 * environment variable, in a child process of its own (rte_eal_init once
 * per child; a crash fails the case without ending the test).
 *
 * Also a put and a get after rte_mempool_free() of a debug pool: refused
 * with one line naming the pool, no crash (the freed pool's header is
 * kept), and the name can be used again.
 *
 * Skipped (77) while <rtmem.h> lacks RTMEM_MEMPOOL_F_DEBUG, so it builds
 * before the feature exists. Not checked against DPDK 22.11 (no such
 * mode there).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_mempool.h>

#if defined(__has_include)
#if __has_include(<rtmem.h>)
#include <rtmem.h>
#endif
#endif

#include "mempool_test.h"

#ifdef RTMEM_MEMPOOL_F_DEBUG

#define N 64u
#define ELT 64u

enum how { BY_FLAG, BY_ENV };
enum bad { DOUBLE_PUT, FOREIGN_MALLOC, FOREIGN_POOL, TRAILER_WRITE,
	   CLEAN };

static const char *const bad_name[] = {
	"double put", "malloc'd pointer", "object of another pool",
	"write into the trailer", "clean run",
};

struct scenario {
	enum how how;
	enum bad bad;
	unsigned int cache;
};

/* Whether the log text names the object: its address in hex. */
static bool
log_names(const char *text, const void *obj)
{
	char hex[32];

	if (text == NULL)
		return false;
	snprintf(hex, sizeof(hex), "%" PRIxPTR, (uintptr_t)obj);
	if (strstr(text, hex) != NULL)
		return true;
	snprintf(hex, sizeof(hex), "%" PRIXPTR, (uintptr_t)obj);
	return strstr(text, hex) != NULL;
}

/* One caught put: nothing enqueued, one ERR line naming pool and object. */
static void
expect_caught(struct rte_mempool *mp, void *bad_obj, void (*put)(void *))
{
	unsigned int avail = rte_mempool_avail_count(mp), lines;

	test_log_begin();
	put(bad_obj);
	lines = test_log_end();
	EXPECT_EQ_UINT(rte_mempool_avail_count(mp), avail);
	EXPECT_EQ_UINT(lines, 1);
	EXPECT_CONTAINS(test_log_text(), mp->name);
	EXPECT_TRUE(log_names(test_log_text(), bad_obj));
	if (lines != 1 || !log_names(test_log_text(), bad_obj))
		printf("log: \"%s\"\n", test_log_text() ? test_log_text()
							: "");
}

static struct rte_mempool *put_pool;

static void
put_single(void *obj)
{
	rte_mempool_put(put_pool, obj);
}

static void
put_nocache(void *obj)
{
	rte_mempool_generic_put(put_pool, &obj, 1, NULL);
}

static int
child(void *arg)
{
	const struct scenario *s = arg;
	unsigned int flags = s->how == BY_FLAG ? RTMEM_MEMPOOL_F_DEBUG : 0;
	struct rte_mempool *mp, *other;
	void *objs[N], *obj, *o2;
	unsigned int lines;

	if (s->how == BY_ENV)
		setenv("RTMEM_MEMPOOL_DEBUG", "1", 1);
	else
		unsetenv("RTMEM_MEMPOOL_DEBUG");
	ASSERT_GE_INT(test_eal_init("-l 0 --in-memory"), 0);
	mp = rte_mempool_create("dbg_pool", N, ELT, s->cache, 0, NULL, NULL,
				NULL, NULL, SOCKET_ID_ANY, flags);
	ASSERT_NOT_NULL(mp);
	put_pool = mp;

	/* ordinary use: counts as usual, nothing logged */
	test_log_begin();
	EXPECT_EQ_INT(rte_mempool_get_bulk(mp, objs, N), 0);
	EXPECT_EQ_UINT(rte_mempool_avail_count(mp), 0);
	for (unsigned int i = 0; i < N; i++)
		memset(objs[i], 0xee, ELT); /* the whole element is usable */
	rte_mempool_put_bulk(mp, objs, N);
	EXPECT_EQ_UINT(rte_mempool_avail_count(mp), N);
	EXPECT_EQ_INT(rte_mempool_get(mp, &obj), 0);
	rte_mempool_put(mp, obj);
	rte_mempool_audit(mp);
	lines = test_log_end();
	EXPECT_EQ_UINT(lines, 0);
	if (lines != 0)
		printf("log: \"%s\"\n", test_log_text());

	switch (s->bad) {
	case DOUBLE_PUT:
		ASSERT_EQ_INT(rte_mempool_get(mp, &obj), 0);
		rte_mempool_put(mp, obj);            /* now in the pool */
		expect_caught(mp, obj, put_single);  /* in cache or ring */
		/* again, past the cache */
		expect_caught(mp, obj, put_nocache);
		/* after a flush: the object is in the backend */
		rte_mempool_cache_flush(NULL, mp);
		expect_caught(mp, obj, put_single);
		break;
	case FOREIGN_MALLOC: {
		/* room before and after, so reading a header cannot fault */
		char *buf = aligned_alloc(64, 4096);

		ASSERT_NOT_NULL(buf);
		memset(buf, 0, 4096);
		expect_caught(mp, buf + 2048, put_single);
		expect_caught(mp, buf + 2048, put_nocache);
		free(buf);
		break;
	}
	case FOREIGN_POOL:
		other = rte_mempool_create("dbg_other", N, ELT, s->cache, 0,
					   NULL, NULL, NULL, NULL,
					   SOCKET_ID_ANY, flags);
		ASSERT_NOT_NULL(other);
		ASSERT_EQ_INT(rte_mempool_get(other, &o2), 0);
		expect_caught(mp, o2, put_single);
		expect_caught(mp, o2, put_nocache);
		/* it still belongs to its own pool, which takes it */
		EXPECT_EQ_UINT(rte_mempool_avail_count(other), N - 1);
		test_log_begin();
		rte_mempool_put(other, o2);
		EXPECT_EQ_UINT(test_log_end(), 0);
		EXPECT_EQ_UINT(rte_mempool_avail_count(other), N);
		rte_mempool_free(other);
		break;
	case TRAILER_WRITE:
		ASSERT_EQ_INT(rte_mempool_get(mp, &obj), 0);
		((unsigned char *)obj)[mp->elt_size] ^= 0x5a;
		expect_caught(mp, obj, put_single);
		ASSERT_EQ_INT(rte_mempool_get(mp, &o2), 0);
		((unsigned char *)o2)[mp->elt_size + 1] ^= 0xa5;
		expect_caught(mp, o2, put_nocache);
		break;
	case CLEAN:
		break;
	}
	/* the pool still works; nothing it hands out is held elsewhere */
	unsigned int avail = rte_mempool_avail_count(mp);

	test_log_begin();
	EXPECT_EQ_INT(rte_mempool_get_bulk(mp, objs, avail), 0);
	for (unsigned int i = 0; i < avail; i++)
		for (unsigned int j = i + 1; j < avail; j++)
			EXPECT_NE_PTR(objs[i], objs[j]);
	rte_mempool_put_bulk(mp, objs, avail);
	EXPECT_EQ_UINT(test_log_end(), 0);
	EXPECT_EQ_UINT(rte_mempool_avail_count(mp), avail);
	rte_mempool_free(mp);
	rte_eal_cleanup();
	return test_report();
}

/*
 * A put and a get after rte_mempool_free() of a debug-mode pool: refused
 * with a log line naming the pool, no crash; a new pool may take the name.
 */
static int
after_free(void *arg)
{
	const unsigned int *cache = arg;
	struct rte_mempool *mp, *again;
	void *obj, *o2;

	ASSERT_GE_INT(test_eal_init("-l 0 --in-memory"), 0);
	mp = rte_mempool_create("dbg_freed", N, ELT, *cache, 0, NULL, NULL,
				NULL, NULL, SOCKET_ID_ANY,
				RTMEM_MEMPOOL_F_DEBUG);
	ASSERT_NOT_NULL(mp);
	ASSERT_EQ_INT(rte_mempool_get(mp, &obj), 0);
	rte_mempool_free(mp);
	test_log_begin();
	rte_mempool_put(mp, obj);
	EXPECT_EQ_UINT(test_log_end(), 1);
	EXPECT_CONTAINS(test_log_text(), "dbg_freed");
	test_log_begin();
	EXPECT_LT_INT(rte_mempool_get(mp, &o2), 0);
	EXPECT_EQ_UINT(test_log_end(), 1);
	again = rte_mempool_create("dbg_freed", N, ELT, *cache, 0, NULL, NULL,
				   NULL, NULL, SOCKET_ID_ANY,
				   RTMEM_MEMPOOL_F_DEBUG);
	EXPECT_NOT_NULL(again);
	rte_mempool_free(again);
	return test_report();
}

int
main(void)
{
	static const unsigned int caches[] = { 0, 32 };

	for (unsigned int c = 0; c < RTE_DIM(caches); c++) {
		char what[64];

		snprintf(what, sizeof(what), "put after free, cache %u",
			 caches[c]);
		test_child_ok(what, after_free, (void *)&caches[c], 30);
	}

	EXPECT_EQ_UINT(RTMEM_MEMPOOL_F_DEBUG, 0x1000);
	for (unsigned int h = 0; h < 2; h++) {
		for (unsigned int b = 0; b <= CLEAN; b++) {
			for (unsigned int c = 0; c < RTE_DIM(caches); c++) {
				struct scenario s = { .how = (enum how)h,
						      .bad = (enum bad)b,
						      .cache = caches[c] };
				char what[128];

				snprintf(what, sizeof(what),
					 "%s, cache %u, debug by %s",
					 bad_name[b], caches[c],
					 h == BY_FLAG ? "flag" : "env");
				test_child_ok(what, child, &s, 30);
			}
		}
	}
	return test_report();
}

#else /* !RTMEM_MEMPOOL_F_DEBUG */

int
main(void)
{
	TEST_SKIP_IF(1, "<rtmem.h> has no RTMEM_MEMPOOL_F_DEBUG yet");
	return TEST_SKIP;
}

#endif
