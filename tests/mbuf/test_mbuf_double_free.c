/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: rtmem's double-free detection for mbufs (rtmem only; seed
 * 004 shows DPDK handing out the same mbuf twice after a double
 * rte_pktmbuf_free).
 *
 * The design under test: an mbuf waiting in its pool has refcnt 0 (DPDK:
 * 1); an allocation sets it to 1. rte_pktmbuf_free, rte_pktmbuf_free_seg,
 * rte_pktmbuf_free_bulk and rte_mbuf_raw_free of an mbuf whose refcnt is
 * 0 log one ERR line that names the mbuf (its address, %p) and its pool,
 * and do not put it back. So:
 *   - seed 004's sequence: alloc m, free m, free m again; then all n
 *     mbufs of the pool can be allocated, every pointer distinct (m
 *     once), the next allocation fails, avail_count was n (not n + 1);
 *   - the same through free_seg, raw_free, free_bulk (the mbuf again in a
 *     later bulk, and twice in one bulk: [a, b, a]), a chain (the head
 *     freed twice; a segment of a freed chain freed again, through
 *     free_seg and through free_bulk), a clone (free the clone, free the
 *     original, free the original again; free the original, free the
 *     clone, free the clone again: the log names the clone pool; free the
 *     original twice while the clone lives, then the clone: its release
 *     of the direct mbuf is caught, naming the direct mbuf), and an mbuf
 *     whose refcnt was raised to 2 and is freed three times;
 *   - each detection is exactly one line at ERR level (checked by
 *     capturing with the global log level at ERR, and at the default
 *     level), and the normal paths log nothing;
 *   - afterwards each pool still works: rte_mempool_audit passes, every
 *     mbuf is back (avail_count == n), every one of them has refcnt 0
 *     (obj_iter), and all n can be allocated once each.
 * Each scenario runs for pools with a cache of 0 and of 32, in a child
 * process of its own (a crash fails the scenario, not the test).
 *
 * Built with -DMBUF_TEST_DPDK against DPDK 22.11 this test fails (as it
 * should): the second free puts the mbuf back, the pool reports n + 1
 * available and hands the same mbuf out twice, and nothing is logged.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_log.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "mbuf_test.h"

#define N 64u

static struct rte_mempool *pool, *cpool;

/* ---- catching a bad free */

/*
 * Run bad(arg), which must be caught once: with the global log level at
 * ERR (even so one line: it is an ERR line) or, when `at_default`, at the
 * default level (exactly one line in all). The line names `m` and the
 * pool `mp`. The pool's avail_count does not change.
 */
static void
expect_caught(int line, void (*bad)(void *), void *arg, struct rte_mbuf *m,
	      struct rte_mempool *mp, bool at_default)
{
	unsigned int before = failures(), lines;
	unsigned int avail = rte_mempool_avail_count(mp);
	uint32_t level = rte_log_get_global_level();

	if (!at_default)
		rte_log_set_global_level(RTE_LOG_ERR);
	test_log_begin();
	bad(arg);
	lines = test_log_end();
	rte_log_set_global_level(level);
	EXPECT_EQ_UINT(lines, 1);
	EXPECT_TRUE(mb_log_names(test_log_text(), m));
	EXPECT_CONTAINS(test_log_text(), mp->name);
	EXPECT_AVAIL(mp, avail);
	if (failures() != before)
		printf("^^^ bad free at line %d (mbuf %p, pool %s); log: "
		       "\"%s\"\n", line, (void *)m, mp->name,
		       test_log_text() ? test_log_text() : "");
}
#define CAUGHT(bad, arg, m, mp, dflt)                                         \
	expect_caught(__LINE__, bad, arg, m, mp, dflt)

static void
do_free(void *m)
{
	rte_pktmbuf_free(m);
}

static void
do_free_seg(void *m)
{
	rte_pktmbuf_free_seg(m);
}

static void
do_raw_free(void *m)
{
	rte_mbuf_raw_free(m);
}

struct bulk {
	struct rte_mbuf **tbl;
	unsigned int n;
};

static void
do_free_bulk(void *arg)
{
	struct bulk *b = arg;

	rte_pktmbuf_free_bulk(b->tbl, b->n);
}

/* The pool is whole: audit, avail n, every mbuf refcnt 0, and all n can
 * be allocated once each (then freed, logging nothing). */
static void
expect_pool_whole(int line, struct rte_mempool *mp)
{
	unsigned int before = failures(), got = 0, lines;
	struct rte_mbuf *tbl[N + 1];
	struct mb_refcnt_census c;

	rte_mempool_audit(mp);
	EXPECT_AVAIL(mp, N);
	c = mb_refcnt_census(mp);
	EXPECT_EQ_UINT(c.n, N);
	EXPECT_EQ_UINT(c.zero, N);
	test_log_begin();
	while (got <= N && (tbl[got] = rte_pktmbuf_alloc(mp)) != NULL)
		got++;
	EXPECT_EQ_UINT(got, N);
	for (unsigned int i = 0; i < got; i++) {
		EXPECT_EQ_UINT(rte_mbuf_refcnt_read(tbl[i]), 1);
		for (unsigned int j = 0; j < i; j++)
			if (tbl[j] == tbl[i]) {
				printf("mbuf %p handed out twice (%u, %u)\n",
				       (void *)tbl[i], j, i);
				EXPECT_NE_PTR(tbl[j], tbl[i]);
			}
	}
	for (unsigned int i = 0; i < got; i++)
		rte_pktmbuf_free(tbl[i]);
	lines = test_log_end();
	EXPECT_EQ_UINT(lines, 0);
	EXPECT_AVAIL(mp, N);
	if (failures() != before)
		printf("^^^ pool %s checked at line %d\n", mp->name, line);
}
#define POOL_WHOLE(mp) expect_pool_whole(__LINE__, mp)

/* ---- scenarios */

/* Seed 004: alloc, free, free again, then alloc everything. */
static void
sc_seed(void)
{
	struct rte_mbuf *m, *tbl[N + 1];
	unsigned int got = 0, seen_m = 0;

	m = rte_pktmbuf_alloc(pool);
	ASSERT_NOT_NULL(m);
	printf("mbuf1 %p\n", (void *)m);
	rte_pktmbuf_free(m);
	EXPECT_AVAIL(pool, N);
	CAUGHT(do_free, m, m, pool, true);
	/* everything, each once */
	while (got <= N && (tbl[got] = rte_pktmbuf_alloc(pool)) != NULL)
		got++;
	EXPECT_EQ_UINT(got, N);
	EXPECT_AVAIL(pool, 0);
	for (unsigned int i = 0; i < got; i++) {
		seen_m += tbl[i] == m;
		for (unsigned int j = 0; j < i; j++)
			EXPECT_NE_PTR(tbl[j], tbl[i]);
	}
	EXPECT_EQ_UINT(seen_m, 1);
	printf("mbuf1 %p, mbuf2 %p\n", (void *)tbl[0], (void *)tbl[1]);
	rte_pktmbuf_free_bulk(tbl, got);
	POOL_WHOLE(pool);
	/* the same mbuf again, caught again, at ERR level */
	m = rte_pktmbuf_alloc(pool);
	ASSERT_NOT_NULL(m);
	rte_pktmbuf_free(m);
	CAUGHT(do_free, m, m, pool, false);
	CAUGHT(do_free, m, m, pool, false);
	POOL_WHOLE(pool);
}

static void
sc_free_seg_raw(void)
{
	struct rte_mbuf *m;

	m = rte_pktmbuf_alloc(pool);
	ASSERT_NOT_NULL(m);
	rte_pktmbuf_free_seg(m);
	CAUGHT(do_free_seg, m, m, pool, true);
	CAUGHT(do_free, m, m, pool, false);
	POOL_WHOLE(pool);

	m = rte_mbuf_raw_alloc(pool);
	ASSERT_NOT_NULL(m);
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m), 1);
	rte_mbuf_raw_free(m);
	EXPECT_AVAIL(pool, N);
	CAUGHT(do_raw_free, m, m, pool, true);
	CAUGHT(do_free_seg, m, m, pool, false);
	POOL_WHOLE(pool);

	/* freed by prefree_seg + raw_free (a driver's path), then again */
	m = rte_pktmbuf_alloc(pool);
	ASSERT_NOT_NULL(m);
	m = rte_pktmbuf_prefree_seg(m);
	ASSERT_NOT_NULL(m);
	rte_mbuf_raw_free(m);
	CAUGHT(do_raw_free, m, m, pool, false);
	CAUGHT(do_free, m, m, pool, false);
	POOL_WHOLE(pool);

	/* refcnt 2: two frees are fine, the third is not */
	m = rte_pktmbuf_alloc(pool);
	ASSERT_NOT_NULL(m);
	rte_mbuf_refcnt_update(m, 1);
	test_log_begin();
	rte_pktmbuf_free(m);
	EXPECT_AVAIL(pool, N - 1);
	rte_pktmbuf_free(m);
	EXPECT_EQ_UINT(test_log_end(), 0);
	EXPECT_AVAIL(pool, N);
	CAUGHT(do_free, m, m, pool, true);
	POOL_WHOLE(pool);
}

static void
sc_free_bulk(void)
{
	struct rte_mbuf *a, *b, *x, *y, *tbl[4];
	struct bulk bk = { tbl, 0 };

	/* freed by a bulk, then in another bulk */
	a = rte_pktmbuf_alloc(pool);
	ASSERT_NOT_NULL(a);
	tbl[0] = a;
	rte_pktmbuf_free_bulk(tbl, 1);
	EXPECT_AVAIL(pool, N);
	bk.n = 1;
	CAUGHT(do_free_bulk, &bk, a, pool, true);
	POOL_WHOLE(pool);

	/* twice in the same bulk: [a, b, a] */
	a = rte_pktmbuf_alloc(pool);
	b = rte_pktmbuf_alloc(pool);
	ASSERT_NOT_NULL(a);
	ASSERT_NOT_NULL(b);
	tbl[0] = a;
	tbl[1] = b;
	tbl[2] = a;
	bk.n = 3;
	{
		/* a and b go back (avail + 2), the second a is caught */
		unsigned int avail = rte_mempool_avail_count(pool), lines;

		test_log_begin();
		rte_pktmbuf_free_bulk(tbl, 3);
		lines = test_log_end();
		EXPECT_EQ_UINT(lines, 1);
		EXPECT_TRUE(mb_log_names(test_log_text(), a));
		EXPECT_CONTAINS(test_log_text(), pool->name);
		EXPECT_AVAIL(pool, avail + 2);
	}
	POOL_WHOLE(pool);

	/* a freed one between two good ones: those go back */
	a = rte_pktmbuf_alloc(pool);
	x = rte_pktmbuf_alloc(pool);
	y = rte_pktmbuf_alloc(pool);
	ASSERT_NOT_NULL(a);
	ASSERT_NOT_NULL(x);
	ASSERT_NOT_NULL(y);
	rte_pktmbuf_free(a);
	tbl[0] = x;
	tbl[1] = a;
	tbl[2] = NULL;
	tbl[3] = y;
	{
		unsigned int avail = rte_mempool_avail_count(pool), lines;

		test_log_begin();
		rte_pktmbuf_free_bulk(tbl, 4);
		lines = test_log_end();
		EXPECT_EQ_UINT(lines, 1);
		EXPECT_TRUE(mb_log_names(test_log_text(), a));
		EXPECT_AVAIL(pool, avail + 2);
	}
	POOL_WHOLE(pool);
}

static void
sc_chain(void)
{
	static const uint16_t l[] = { 10, 20, 30 };
	struct rte_mbuf *h, *s2, *s3, *tbl[2];
	struct bulk bk = { tbl, 1 };

	h = mb_make_chain(pool, 3, l, 1);
	ASSERT_NOT_NULL(h);
	s2 = h->next;
	s3 = s2->next;
	rte_pktmbuf_free(h);
	EXPECT_AVAIL(pool, N);
	CAUGHT(do_free, h, h, pool, true);
	CAUGHT(do_free_seg, s2, s2, pool, false);
	CAUGHT(do_free, s3, s3, pool, false);
	tbl[0] = h;
	CAUGHT(do_free_bulk, &bk, h, pool, false);
	tbl[0] = s3;
	CAUGHT(do_free_bulk, &bk, s3, pool, false);
	POOL_WHOLE(pool);

	/* a chain freed by free_bulk, then its head again */
	h = mb_make_chain(pool, 3, l, 2);
	ASSERT_NOT_NULL(h);
	tbl[0] = h;
	rte_pktmbuf_free_bulk(tbl, 1);
	EXPECT_AVAIL(pool, N);
	CAUGHT(do_free_bulk, &bk, h, pool, true);
	POOL_WHOLE(pool);
}

static void
sc_clone(void)
{
	struct rte_mbuf *m, *c;

	/* free the clone, the original, the original again */
	m = rte_pktmbuf_alloc(pool);
	ASSERT_NOT_NULL(m);
	EXPECT_NOT_NULL(rte_pktmbuf_append(m, 40));
	c = rte_pktmbuf_clone(m, cpool);
	ASSERT_NOT_NULL(c);
	rte_pktmbuf_free(c);
	EXPECT_AVAIL(cpool, N);
	EXPECT_AVAIL(pool, N - 1);
	rte_pktmbuf_free(m);
	EXPECT_AVAIL(pool, N);
	CAUGHT(do_free, m, m, pool, true);
	CAUGHT(do_free, c, c, cpool, false);
	POOL_WHOLE(pool);
	POOL_WHOLE(cpool);

	/* free the original, the clone, the clone again */
	m = rte_pktmbuf_alloc(pool);
	ASSERT_NOT_NULL(m);
	EXPECT_NOT_NULL(rte_pktmbuf_append(m, 40));
	c = rte_pktmbuf_clone(m, cpool);
	ASSERT_NOT_NULL(c);
	rte_pktmbuf_free(m);
	EXPECT_AVAIL(pool, N - 1);
	rte_pktmbuf_free(c);
	EXPECT_AVAIL(pool, N);
	EXPECT_AVAIL(cpool, N);
	CAUGHT(do_free, c, c, cpool, true);
	CAUGHT(do_free, m, m, pool, false);
	CAUGHT(do_free_seg, c, c, cpool, false);
	POOL_WHOLE(pool);
	POOL_WHOLE(cpool);

	/* the original freed twice while its clone lives: the second free
	 * looks legitimate (refcnt 1) and returns it; the clone's release
	 * of its direct mbuf then finds it in the pool: caught, the clone
	 * itself goes back, the direct one is not put back again */
	m = rte_pktmbuf_alloc(pool);
	ASSERT_NOT_NULL(m);
	EXPECT_NOT_NULL(rte_pktmbuf_append(m, 40));
	c = rte_pktmbuf_clone(m, cpool);
	ASSERT_NOT_NULL(c);
	rte_pktmbuf_free(m);
	rte_pktmbuf_free(m);
	EXPECT_AVAIL(pool, N);
	CAUGHT(do_free, c, m, pool, true);
	EXPECT_AVAIL(cpool, N);
	POOL_WHOLE(pool);
	POOL_WHOLE(cpool);
}

/* ---- running the scenarios */

struct scenario {
	const char *name;
	void (*fn)(void);
	unsigned int cache;
};

static int
child(void *arg)
{
	const struct scenario *s = arg;

	ASSERT_GE_INT(test_eal_init(MBUF_EAL_ARGS), 0);
	pool = rte_pktmbuf_pool_create("mbuf_pool1", N, s->cache, 0,
				       RTE_MBUF_DEFAULT_BUF_SIZE,
				       SOCKET_ID_ANY);
	cpool = rte_pktmbuf_pool_create("mbuf_clones", N, s->cache, 0, 0,
					SOCKET_ID_ANY);
	ASSERT_NOT_NULL(pool);
	ASSERT_NOT_NULL(cpool);
	/* ordinary use logs nothing (POOL_WHOLE checks) */
	POOL_WHOLE(pool);
	POOL_WHOLE(cpool);
	s->fn();
	POOL_WHOLE(pool);
	POOL_WHOLE(cpool);
	rte_mempool_free(pool);
	rte_mempool_free(cpool);
	rte_eal_cleanup();
	return test_report();
}

int
main(void)
{
	static const struct { const char *name; void (*fn)(void); } sc[] = {
		{ "seed 004 (free, free)", sc_seed },
		{ "free_seg, raw_free, refcnt 2", sc_free_seg_raw },
		{ "free_bulk", sc_free_bulk },
		{ "chain", sc_chain },
		{ "clone", sc_clone },
	};
	static const unsigned int caches[] = { 0, 32 };

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (unsigned int i = 0; i < RTE_DIM(sc); i++)
		for (unsigned int c = 0; c < RTE_DIM(caches); c++) {
			struct scenario s = { sc[i].name, sc[i].fn, caches[c] };
			char what[128];

			snprintf(what, sizeof(what), "%s, cache %u", s.name,
				 s.cache);
			printf("%s\n", what);
			test_child_ok(what, child, &s, 60);
		}
	return test_report();
}
