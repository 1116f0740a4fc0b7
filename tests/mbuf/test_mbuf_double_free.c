/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: double frees of mbufs caught by the mempool's debug mode
 * (rtmem only; seed 004 shows DPDK handing out the same mbuf twice after
 * a double rte_pktmbuf_free).
 *
 * The design under test. Reference counts are DPDK's: an mbuf waiting in
 * its pool has refcnt 1 (rte_pktmbuf_init sets it, an allocation does not
 * write it, a free leaves it), so the mbuf library cannot tell a second
 * free from the first and puts the mbuf again. rtmem catches that put in
 * the mempool's run-time debug mode: RTMEM_MEMPOOL_DEBUG=1 in the
 * environment when the pool is created (rte_pktmbuf_pool_create reads it
 * through rte_mempool_create_empty), or RTMEM_MEMPOOL_F_DEBUG (rtmem.h)
 * in the flags of a pool built by hand (create_empty + pool_init +
 * populate_default + obj_iter(rte_pktmbuf_init)). The put of an object
 * that is already in the pool (or in one of its caches) is refused with
 * one ERR line, "mempool <pool>: double put of object <%p>", and the
 * object is not enqueued again, so the pool keeps each mbuf once. In an
 * ASan build on a process-private instance (--in-memory, as here) the
 * mbufs in a pool are also poisoned, and the mbuf library may refuse the
 * free itself first with its own line (type MBUF, naming the mbuf and the
 * pool): either line is accepted there, and either way the mbuf is not
 * put back. Without debug mode a double free behaves as in DPDK, which
 * is not tested here (examples/mbuf_double_free shows it).
 *
 * Every scenario runs on debug-mode pools, once for pools without a
 * cache made by rte_pktmbuf_pool_create with RTMEM_MEMPOOL_DEBUG=1 set in
 * the child process, and once for pools with a cache of 32 built by hand
 * with RTMEM_MEMPOOL_F_DEBUG (the variable unset), each in a child
 * process of its own (a crash fails the scenario, not the test):
 *   - seed 004's sequence: alloc m, free m, free m again (caught); then
 *     all n mbufs of the pool can be allocated, every pointer distinct
 *     (m once), the next allocation fails, avail_count stayed n (not
 *     n + 1); the same mbuf freed a third time is caught again;
 *   - the same through rte_pktmbuf_free_seg, rte_mbuf_raw_free
 *     (after raw_alloc, and after prefree_seg as a driver frees), and
 *     rte_pktmbuf_free_bulk: the mbuf again in a later bulk; twice in one
 *     bulk [a, b, a] (the mempool marks each object as it takes it, so
 *     the second a is refused and a and b go back once); a freed mbuf
 *     between two good ones and a NULL (the good ones go back);
 *   - an mbuf whose refcnt was raised to 2: two frees are legitimate,
 *     the third is caught;
 *   - a 3-segment chain: the head freed twice (a free resets next, so
 *     only the head is put again: one line), a segment of the freed
 *     chain freed again through free_seg, free and free_bulk; a chain
 *     freed by free_bulk, then its head again;
 *   - clones (the clone in a pool of its own): the clone, the original,
 *     then the original again (caught, pool) and the clone again (caught,
 *     clone pool); the original, the clone (its release returns the
 *     direct mbuf), then the clone again, the original again, the clone
 *     through free_seg (each caught once, naming its own pool);
 *   - the original freed twice while its clone lives. With DPDK's counts
 *     the second free is NOT caught: the clone had raised the original's
 *     refcnt to 2, the first free took it to 1, so the second looks like
 *     the last reference and puts the original back (avail_count n,
 *     nothing logged) although the clone still points into its buffer.
 *     The clone's free then releases the direct mbuf a second time: its
 *     refcnt goes 1 -> 0, is set back to 1 and the direct mbuf is put:
 *     that put is the one refused (one line naming the original and its
 *     pool), while the clone itself goes back to its pool. (Had the
 *     original been allocated again in between, the clone's release would
 *     have dropped the new owner's reference: not detectable, as in
 *     DPDK.)
 * For each caught free: exactly one log line (with the global log level
 * at ERR, and at the default level), naming the mbuf's address and its
 * pool, and avail_count unchanged by the bad free. After each scenario
 * (and between its steps) each pool is whole: rte_mempool_audit passes
 * (debug mode: it checks every object's cookies), avail_count == n,
 * every mbuf in the pool has refcnt 1 (obj_iter), all n can be allocated
 * once each, fresh (refcnt 1), and the ordinary frees of them log
 * nothing.
 *
 * Built with -DMBUF_TEST_DPDK against DPDK 22.11 this test fails (as it
 * should): DPDK has no run-time debug mode (RTE_LIBRTE_MEMPOOL_DEBUG is a
 * build option, and its check panics), so the second free puts the mbuf
 * back, the pool reports n + 1 available and hands the same mbuf out
 * twice, and nothing is logged.
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
#include <rte_mbuf_pool_ops.h>
#include <rte_mempool.h>
#ifndef MBUF_TEST_DPDK
#include <rtmem.h>
#else
#define RTMEM_MEMPOOL_F_DEBUG 0 /* DPDK: a build option, not a flag */
#endif

#include "mbuf_test.h"

#if defined(__SANITIZE_ADDRESS__)
#define HAVE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_ASAN 1
#endif
#endif

#define N 64u

static struct rte_mempool *pool, *cpool;

/* ---- catching a bad free */

/*
 * Whether the captured log text is the refusal of a free of m from mp:
 * the mempool's debug-mode line, or (ASan builds) the mbuf library's
 * (type MBUF, naming the mbuf and the pool; its wording may change).
 */
static bool
refusal_logged(const char *text, const struct rte_mbuf *m,
	       const struct rte_mempool *mp)
{
	char want[RTE_MEMPOOL_NAMESIZE + 96];

	if (text == NULL)
		return false;
	snprintf(want, sizeof(want),
		 "MEMPOOL: mempool %s: double put of object %p\n", mp->name,
		 (const void *)m);
	if (strstr(text, want) != NULL)
		return true;
#ifdef HAVE_ASAN
	if (strncmp(text, "MBUF: ", 6) == 0 && mb_log_names(text, m) &&
	    strstr(text, mp->name) != NULL)
		return true;
#endif
	return false;
}

/*
 * Run bad(arg), which must be caught once: with the global log level at
 * ERR (even so one line: it is an ERR line) or, when `at_default`, at the
 * default level (exactly one line in all). The line is the refusal of a
 * free of `m` from the pool `mp`. The pool's avail_count grows by `back`
 * (the good mbufs bad() also frees), not by the refused one.
 */
static void
expect_caught(int line, void (*bad)(void *), void *arg, struct rte_mbuf *m,
	      struct rte_mempool *mp, bool at_default, unsigned int back)
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
	EXPECT_TRUE(refusal_logged(test_log_text(), m, mp));
	EXPECT_AVAIL(mp, avail + back);
	if (failures() != before)
		printf("^^^ bad free at line %d (mbuf %p, pool %s); log: "
		       "\"%s\"\n", line, (void *)m, mp->name,
		       test_log_text() ? test_log_text() : "");
}
#define CAUGHT(bad, arg, m, mp, dflt)                                         \
	expect_caught(__LINE__, bad, arg, m, mp, dflt, 0)
/* The same when bad() also frees `back` good mbufs (free_bulk). */
#define CAUGHT_BACK(bad, arg, m, mp, back)                                    \
	expect_caught(__LINE__, bad, arg, m, mp, true, back)

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

/* The pool is whole: audit, avail n, every mbuf refcnt 1 (as DPDK), and
 * all n can be allocated once each, fresh (then freed, logging
 * nothing). */
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
	EXPECT_EQ_UINT(c.one, N);
	test_log_begin();
	while (got <= N && (tbl[got] = rte_pktmbuf_alloc(mp)) != NULL)
		got++;
	EXPECT_EQ_UINT(got, N);
	for (unsigned int i = 0; i < got; i++) {
		EXPECT_EQ_UINT(rte_mbuf_refcnt_read(tbl[i]), 1);
		EXPECT_EQ_UINT(tbl[i]->nb_segs, 1);
		EXPECT_NULL(tbl[i]->next);
		EXPECT_TRUE(RTE_MBUF_DIRECT(tbl[i]));
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
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m), 1);
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

	/* twice in the same bulk: [a, b, a]; a and b go back (avail + 2),
	 * the second a is caught */
	a = rte_pktmbuf_alloc(pool);
	b = rte_pktmbuf_alloc(pool);
	ASSERT_NOT_NULL(a);
	ASSERT_NOT_NULL(b);
	tbl[0] = a;
	tbl[1] = b;
	tbl[2] = a;
	bk.n = 3;
	CAUGHT_BACK(do_free_bulk, &bk, a, pool, 2);
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
	bk.n = 4;
	CAUGHT_BACK(do_free_bulk, &bk, a, pool, 2);
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
	 * looks legitimate (refcnt 2 -> 1 at the first, so the second is
	 * "the last") and puts the original back, unnoticed; the clone's
	 * release of its direct mbuf then puts it a second time: refused
	 * (naming the original and its pool), the clone itself goes back */
	m = rte_pktmbuf_alloc(pool);
	ASSERT_NOT_NULL(m);
	EXPECT_NOT_NULL(rte_pktmbuf_append(m, 40));
	c = rte_pktmbuf_clone(m, cpool);
	ASSERT_NOT_NULL(c);
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m), 2);
	test_log_begin();
	rte_pktmbuf_free(m);
	EXPECT_AVAIL(pool, N - 1);
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m), 1);
	rte_pktmbuf_free(m);
	EXPECT_EQ_UINT(test_log_end(), 0);
	EXPECT_AVAIL(pool, N);
	EXPECT_AVAIL(cpool, N - 1);
	CAUGHT(do_free, c, m, pool, true);
	EXPECT_AVAIL(cpool, N);
	POOL_WHOLE(pool);
	POOL_WHOLE(cpool);
}

/* ---- running the scenarios */

enum how { BY_ENV, BY_FLAG };

struct scenario {
	const char *name;
	void (*fn)(void);
	unsigned int cache;
	enum how how;
};

/*
 * A pktmbuf pool built by hand in debug mode (the flag): create_empty +
 * set_ops + rte_pktmbuf_pool_init + populate_default +
 * obj_iter(rte_pktmbuf_init), as rte_pktmbuf_pool_create does.
 */
static struct rte_mempool *
pool_by_flag(const char *name, unsigned int cache, uint16_t room)
{
	struct rte_pktmbuf_pool_private pp;
	struct rte_mempool *mp;

	memset(&pp, 0, sizeof(pp));
	pp.mbuf_data_room_size = room;
	mp = rte_mempool_create_empty(name, N, sizeof(struct rte_mbuf) + room,
				      cache, sizeof(pp), SOCKET_ID_ANY,
				      RTMEM_MEMPOOL_F_DEBUG);
	ASSERT_NOT_NULL(mp);
	ASSERT_EQ_INT(rte_mempool_set_ops_byname(mp,
			rte_mbuf_best_mempool_ops(), NULL), 0);
	rte_pktmbuf_pool_init(mp, &pp);
	ASSERT_EQ_INT(rte_mempool_populate_default(mp), (int)N);
	ASSERT_EQ_UINT(rte_mempool_obj_iter(mp, rte_pktmbuf_init, NULL), N);
	return mp;
}

static int
child(void *arg)
{
	const struct scenario *s = arg;

	ASSERT_GE_INT(test_eal_init(MBUF_EAL_ARGS), 0);
	if (s->how == BY_ENV) {
		/* read by rte_mempool_create_empty */
		ASSERT_EQ_INT(setenv("RTMEM_MEMPOOL_DEBUG", "1", 1), 0);
		pool = rte_pktmbuf_pool_create("mbuf_pool1", N, s->cache, 0,
					       RTE_MBUF_DEFAULT_BUF_SIZE,
					       SOCKET_ID_ANY);
		cpool = rte_pktmbuf_pool_create("mbuf_clones", N, s->cache,
						0, 0, SOCKET_ID_ANY);
	} else {
		ASSERT_EQ_INT(unsetenv("RTMEM_MEMPOOL_DEBUG"), 0);
		pool = pool_by_flag("mbuf_pool1", s->cache,
				    RTE_MBUF_DEFAULT_BUF_SIZE);
		cpool = pool_by_flag("mbuf_clones", s->cache, 0);
	}
	ASSERT_NOT_NULL(pool);
	ASSERT_NOT_NULL(cpool);
#ifndef MBUF_TEST_DPDK
	/* the pools are in debug mode (else the scenarios test nothing) */
	ASSERT_TRUE((pool->flags & RTMEM_MEMPOOL_F_DEBUG) != 0);
	ASSERT_TRUE((cpool->flags & RTMEM_MEMPOOL_F_DEBUG) != 0);
#endif
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
	/* no cache: RTMEM_MEMPOOL_DEBUG=1; a cache: RTMEM_MEMPOOL_F_DEBUG */
	static const struct { unsigned int cache; enum how how; } pools[] = {
		{ 0, BY_ENV },
		{ 32, BY_FLAG },
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (unsigned int i = 0; i < RTE_DIM(sc); i++)
		for (unsigned int p = 0; p < RTE_DIM(pools); p++) {
			struct scenario s = { sc[i].name, sc[i].fn,
					      pools[p].cache, pools[p].how };
			char what[160];

			snprintf(what, sizeof(what), "%s, cache %u, %s", s.name,
				 s.cache, s.how == BY_ENV ?
				 "RTMEM_MEMPOOL_DEBUG=1" :
				 "RTMEM_MEMPOOL_F_DEBUG");
			printf("%s\n", what);
			test_child_ok(what, child, &s, 60);
		}
	return test_report();
}
