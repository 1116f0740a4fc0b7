/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: every mempool driver under concurrent gets and puts from
 * every kind of thread, bounded in time, counting every object.
 *
 * Threads: four EAL lcores (mapped onto the CPUs this process may use),
 * two non-EAL threads registered with rte_thread_register() (they get an
 * lcore id, so a per-lcore cache), and two unregistered non-EAL threads
 * (LCORE_ID_ANY: no cache, every call goes to the driver). Each thread
 * makes random bulk gets and puts of 1..32 objects, holding some between
 * calls up to a limit that follows a 20 ms phase: in one phase every
 * thread holds at most 16 (the pool is nearly full, its ring nearly
 * full), in the other up to 256 (the pool runs short and gets fail).
 * Calls go through the default cache of the calling thread
 * (rte_mempool_get_bulk/put_bulk), one in 16 through generic_get/put
 * with no cache.
 *
 * The single-producer or single-consumer ring drivers (ring_sp_sc,
 * ring_sp_mc, ring_mp_sc) get the same threads, but the test lets only
 * one thread at a time into a put (SP) or a get (SC), as their contract
 * asks.
 *
 * Each object carries an owner word: a get swaps in the taker's id and
 * must find 0 (else the object was handed out twice); a put swaps 0 back
 * and must find its own id. At the end the threads put back everything,
 * the main thread flushes every lcore's cache, and then:
 *   - rte_mempool_audit passes, avail_count == size, full();
 *   - the backend is drained with single gets: every object comes out
 *     exactly once (none lost, none duplicated), then the pool is empty.
 * "No object is ever lost: a put to the backend never fails, for every
 * driver", including ring_mt_rts with 2+ threads. DPDK 22.11 fails this
 * for ring_mt_rts: an RTS consumer's tail moves only when the last of the
 * concurrent consumers finishes, so objects already handed out still
 * take ring slots; a thread that puts them back finds the ring (of
 * capacity n, for n + 1 a power of two) full, the enqueue fails, and the
 * mempool drops them. This test's pools are sized that way on purpose.
 * Observed with 22.11 (2 CPUs, 8 threads): 28 to 108 of 1023 objects
 * lost in each 0.25 s ring_mt_rts run without a cache; none with a cache
 * of 32 in those runs. 22.11's bucket driver fails too: with unregistered
 * threads it indexes its per-lcore arrays with LCORE_ID_ANY and crashes;
 * with registered threads that unregister it loses their objects and a
 * later put crashes; with EAL lcores only and a cache of 32 it hands out
 * objects twice and loses some.
 *
 * Every rtmem driver, bucket included, gives the main thread's drain
 * every object (bucket scavenges partly filled buckets). With DPDK
 * 22.11 (-DMEMPOOL_TEST_DPDK_BUCKET=1), objects that wait in a partly
 * filled bucket or in another lcore's adoption ring cannot be drained:
 * for bucket the drain must then only find no duplicate, and
 * avail_count must be the size. (Run once per cache size: 0 and 32.)
 *
 * Usage: test_mempool_stress [seconds]   (total; default 4.5, or
 * $RTMEM_STRESS_SECONDS), split evenly between the drivers.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mempool.h>

#include "mempool_test.h"

#ifndef MEMPOOL_TEST_DPDK_BUCKET
#define MEMPOOL_TEST_DPDK_BUCKET 0
#endif

#define N_EAL_LCORES 4
#define N_REGISTERED 2
#define N_UNREGISTERED 2
#define N_THREADS (N_EAL_LCORES + N_REGISTERED + N_UNREGISTERED)
#define POOL_N 1023u  /* n + 1 a power of two: a ring with no slack */
#define ELT 64u
#define MAX_BULK 32u
#define MAX_HOLD 256u /* a thread holds 4 .. MAX_HOLD, changing */
#define PHASE_NS 20000000u /* 20 ms holding little, 20 ms holding much */

static const unsigned int cache_sizes[] = { 0, 32 };

/* The head of every object. */
struct obj_head {
	uint64_t owner; /* 0 in the pool, else thread id + 1 */
	uint32_t idx;   /* index from obj_iter */
};

struct worker {
	unsigned int id;
	enum { W_EAL, W_REGISTERED, W_UNREGISTERED } kind;
	unsigned int lcore;
	uint64_t rng;
	void *held[MAX_HOLD];
	unsigned int n_held, hold_limit;
	uint64_t gets, get_fails, puts, objs_moved;
	uint64_t dup, bad_owner;
	int lcore_seen_any; /* rte_lcore_id() == LCORE_ID_ANY */
	pthread_t tid;
};

static struct {
	struct rte_mempool *mp;
	uint64_t deadline_ns;
	unsigned int stop;
	/* single-producer / single-consumer drivers: the test lets one
	 * thread at a time put (get), as their contract asks */
	bool sp, sc;
	unsigned int put_lock, get_lock;
} run;

static void
lock(bool on, unsigned int *l)
{
	if (!on)
		return;
	while (__atomic_exchange_n(l, 1, __ATOMIC_ACQUIRE) != 0)
		sched_yield();
}

static void
unlock(bool on, unsigned int *l)
{
	if (on)
		__atomic_store_n(l, 0, __ATOMIC_RELEASE);
}

static struct worker workers[N_THREADS];

static void
stamp_cb(struct rte_mempool *mp, void *opaque, void *obj, unsigned int idx)
{
	struct obj_head *h = obj;

	(void)mp;
	(void)opaque;
	h->owner = 0;
	h->idx = idx;
}

static void
claim(struct worker *w, void *const *objs, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		struct obj_head *h = objs[i];
		uint64_t old = __atomic_exchange_n(&h->owner, w->id + 1,
						   __ATOMIC_ACQ_REL);

		w->dup += old != 0;
	}
}

static void
release(struct worker *w, void *const *objs, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		struct obj_head *h = objs[i];
		uint64_t old = __atomic_exchange_n(&h->owner, 0,
						   __ATOMIC_ACQ_REL);

		w->bad_owner += old != w->id + 1;
	}
}

static void
one_op(struct worker *w)
{
	uint64_t r = test_rand64(&w->rng);
	bool nocache = (r & 0xf) == 0;
	bool get;
	unsigned int n;

	/* the limit follows the phase: the pool nearly full (every
	 * thread holds a few), or short (gets fail) */
	if (w->hold_limit == 0 || (r >> 40) % 256 == 0) {
		unsigned int top = (test_now_ns() / PHASE_NS) % 2 ? MAX_HOLD
								   : 16;

		w->hold_limit = 4 + (unsigned int)((r >> 20) % (top - 3));
		if (w->n_held > w->hold_limit)
			w->hold_limit = w->n_held;
	}
	get = w->n_held == 0 ||
	      (w->n_held < w->hold_limit && ((r >> 4) & 1));
	if (get) {
		n = 1 + (unsigned int)((r >> 8) % MAX_BULK);
		if (n > w->hold_limit - w->n_held)
			n = w->hold_limit - w->n_held;
		void **dst = &w->held[w->n_held];
		int rc;

		lock(run.sc, &run.get_lock);
		rc = nocache ? rte_mempool_generic_get(run.mp, dst, n, NULL)
			     : rte_mempool_get_bulk(run.mp, dst, n);
		unlock(run.sc, &run.get_lock);

		w->gets++;
		if (rc != 0) {
			w->get_fails++;
			return;
		}
		claim(w, dst, n);
		w->n_held += n;
		w->objs_moved += n;
	} else {
		n = 1 + (unsigned int)((r >> 8) %
				       RTE_MIN(w->n_held, MAX_BULK));
		w->n_held -= n;
		release(w, &w->held[w->n_held], n);
		lock(run.sp, &run.put_lock);
		if (nocache)
			rte_mempool_generic_put(run.mp, &w->held[w->n_held], n,
						NULL);
		else
			rte_mempool_put_bulk(run.mp, &w->held[w->n_held], n);
		unlock(run.sp, &run.put_lock);
		w->puts++;
	}
}

static int
worker_main(void *arg)
{
	struct worker *w = arg;
	unsigned int i = 0;

	w->lcore_seen_any = rte_lcore_id() == LCORE_ID_ANY;
	while (!__atomic_load_n(&run.stop, __ATOMIC_RELAXED)) {
		one_op(w);
		if ((++i & 7) == 0 && test_now_ns() >= run.deadline_ns)
			__atomic_store_n(&run.stop, 1, __ATOMIC_RELAXED);
		/* with more threads than CPUs, let the others run */
		if ((i & 63) == 0)
			sched_yield();
	}
	/* give everything back */
	if (w->n_held > 0) {
		release(w, w->held, w->n_held);
		lock(run.sp, &run.put_lock);
		rte_mempool_put_bulk(run.mp, w->held, w->n_held);
		unlock(run.sp, &run.put_lock);
		w->n_held = 0;
	}
	return 0;
}

static void *
thread_main(void *arg)
{
	struct worker *w = arg;

	if (w->kind == W_REGISTERED) {
		EXPECT_EQ_INT(rte_thread_register(), 0);
		EXPECT_NE_UINT(rte_lcore_id(), LCORE_ID_ANY);
	} else {
		EXPECT_EQ_UINT(rte_lcore_id(), LCORE_ID_ANY);
		EXPECT_NULL(rte_mempool_default_cache(run.mp,
						      rte_lcore_id()));
	}
	w->lcore = rte_lcore_id();
#ifdef MEMPOOL_TEST_BUCKET_EAL_ONLY
	/* validation against DPDK 22.11 only: its bucket driver indexes
	 * per-lcore arrays with LCORE_ID_ANY and crashes, and loses the
	 * objects of lcores that unregister */
	if (strcmp(mp_ops_name(run.mp), "bucket") == 0) {
		w->lcore_seen_any = w->kind == W_UNREGISTERED;
		if (w->kind == W_REGISTERED)
			rte_thread_unregister();
		return NULL;
	}
#endif
	worker_main(w);
	if (w->kind == W_REGISTERED)
		rte_thread_unregister();
	return NULL;
}

static void
run_workers(void)
{
	unsigned int lcore, t = 1;

	workers[0].kind = W_EAL;
	workers[0].lcore = rte_get_main_lcore();
	RTE_LCORE_FOREACH_WORKER(lcore) {
		if (t >= N_EAL_LCORES)
			break;
		workers[t].kind = W_EAL;
		workers[t].lcore = lcore;
		ASSERT_EQ_INT(rte_eal_remote_launch(worker_main, &workers[t],
						    lcore), 0);
		t++;
	}
	ASSERT_EQ_UINT(t, N_EAL_LCORES);
	for (; t < N_THREADS; t++) {
		workers[t].kind = t < N_EAL_LCORES + N_REGISTERED
					  ? W_REGISTERED : W_UNREGISTERED;
		ASSERT_EQ_INT(pthread_create(&workers[t].tid, NULL,
					     thread_main, &workers[t]), 0);
	}
	worker_main(&workers[0]);
	for (t = 1; t < N_EAL_LCORES; t++)
		EXPECT_EQ_INT(rte_eal_wait_lcore(workers[t].lcore), 0);
	for (t = N_EAL_LCORES; t < N_THREADS; t++)
		EXPECT_EQ_INT(pthread_join(workers[t].tid, NULL), 0);
}

static void
one_run(const char *driver, unsigned int cache, uint64_t run_ns)
{
	unsigned int before = failures(), drained = 0, dup = 0, avail;
	uint64_t gets = 0, fails = 0, puts = 0, moved = 0, wdup = 0, bad = 0;
	uint64_t start = test_now_ns();
	unsigned char *seen;
	void **objs;
	bool bucket = mp_driver_is_bucket(driver);

	memset(&run, 0, sizeof(run));
	memset(workers, 0, sizeof(workers));
	run.sp = strcmp(driver, "ring_sp_sc") == 0 ||
		 strcmp(driver, "ring_sp_mc") == 0;
	run.sc = strcmp(driver, "ring_sp_sc") == 0 ||
		 strcmp(driver, "ring_mp_sc") == 0;
	run.mp = mp_make("stress", driver, POOL_N, ELT, cache, 0, 0);
	ASSERT_NOT_NULL(run.mp);
	EXPECT_EQ_UINT(rte_mempool_obj_iter(run.mp, stamp_cb, NULL), POOL_N);
	for (unsigned int t = 0; t < N_THREADS; t++) {
		workers[t].id = t;
		workers[t].rng = 0x9e3779b97f4a7c15ull * (t + 1) ^
				 test_now_ns();
	}
	run.deadline_ns = test_now_ns() + run_ns;
	run_workers();

	for (unsigned int t = 0; t < N_THREADS; t++) {
		struct worker *w = &workers[t];

		gets += w->gets;
		fails += w->get_fails;
		puts += w->puts;
		moved += w->objs_moved;
		wdup += w->dup;
		bad += w->bad_owner;
		EXPECT_EQ_INT(w->lcore_seen_any, w->kind == W_UNREGISTERED);
	}
	EXPECT_EQ_UINT(wdup, 0);
	EXPECT_EQ_UINT(bad, 0);
	EXPECT_GT_UINT(moved, 0);
	/* every lcore's cache back to the backend */
	for (unsigned int l = 0; l < RTE_MAX_LCORE; l++) {
		struct rte_mempool_cache *c = rte_mempool_default_cache(run.mp,
									 l);

		if (c == NULL)
			continue;
		EXPECT_LE_UINT(c->len, CACHE_MAX_LEN(cache));
		rte_mempool_cache_flush(c, run.mp);
	}
	rte_mempool_audit(run.mp);
	avail = rte_mempool_avail_count(run.mp);
	EXPECT_EQ_UINT(avail, POOL_N);
	EXPECT_TRUE(rte_mempool_full(run.mp));
	/* drain: each object exactly once */
	seen = calloc(POOL_N, 1);
	objs = calloc(POOL_N + 1, sizeof(void *));
	ASSERT_NOT_NULL(seen);
	ASSERT_NOT_NULL(objs);
	while (drained <= POOL_N &&
	       rte_mempool_generic_get(run.mp, &objs[drained], 1, NULL) == 0) {
		struct obj_head *h = objs[drained];

		if (h->idx >= POOL_N || seen[h->idx] || h->owner != 0 ||
		    rte_mempool_from_obj(h) != run.mp)
			dup++;
		else
			seen[h->idx] = 1;
		drained++;
	}
	EXPECT_EQ_UINT(dup, 0);
	if (!bucket || !MEMPOOL_TEST_DPDK_BUCKET) {
		EXPECT_EQ_UINT(drained, POOL_N);
		EXPECT_TRUE(rte_mempool_empty(run.mp));
	} else {
		EXPECT_LE_UINT(drained, POOL_N);
	}
	if (drained > POOL_N)
		drained = POOL_N;
	rte_mempool_generic_put(run.mp, objs, drained, NULL);
	EXPECT_EQ_UINT(rte_mempool_avail_count(run.mp), POOL_N);
	printf("%-11s cache %2u: %" PRIu64 " gets (%" PRIu64 " failed), %"
	       PRIu64 " puts, %" PRIu64 " objects, %.2f s; at the end avail %u"
	       ", drained %u%s\n", driver, cache, gets, fails, puts, moved,
	       (double)(test_now_ns() - start) / 1e9, avail, drained,
	       avail < POOL_N ? "  <-- OBJECTS LOST" : "");
	rte_mempool_free(run.mp);
	free(seen);
	free(objs);
	if (failures() != before)
		printf("^^^ in driver %s, cache %u\n", driver, cache);
}

int
main(int argc, char **argv)
{
	double seconds = test_stress_seconds(argc, argv, 4.5);
	unsigned int n_cpus = 0, runs = 0;
	char cpus[64] = "", args[256];
	cpu_set_t allowed;
	uint64_t run_ns;
	bool lf;

	setvbuf(stdout, NULL, _IOLBF, 0);
	ASSERT_EQ_INT(sched_getaffinity(0, sizeof(allowed), &allowed), 0);
	for (int c = 0; c < CPU_SETSIZE && n_cpus < 4; c++) {
		if (!CPU_ISSET(c, &allowed))
			continue;
		snprintf(cpus + strlen(cpus), sizeof(cpus) - strlen(cpus),
			 "%s%d", n_cpus ? "," : "", c);
		n_cpus++;
	}
	snprintf(args, sizeof(args), "--lcores (0-%d)@(%s) --in-memory",
		 N_EAL_LCORES - 1, cpus);
	ASSERT_GE_INT(test_eal_init(args), 0);
	ASSERT_EQ_UINT(rte_lcore_count(), N_EAL_LCORES);
	lf = mp_lf_stack_supported();
	runs = (unsigned int)(MP_N_DRIVERS - !lf) * RTE_DIM(cache_sizes);
	run_ns = (uint64_t)(seconds * 1e9 / runs);
	printf("%u runs of %.2f s; %d lcores on CPUs %s, %d registered and "
	       "%d unregistered non-EAL threads; pools of %u\n", runs,
	       (double)run_ns / 1e9, N_EAL_LCORES, cpus, N_REGISTERED,
	       N_UNREGISTERED, POOL_N);
	for (unsigned int d = 0; d < MP_N_DRIVERS; d++) {
		if (!lf && strcmp(mp_drivers[d], "lf_stack") == 0) {
			printf("lf_stack: no 128-bit CAS here, skipped\n");
			continue;
		}
#ifdef MEMPOOL_TEST_ONLY_DRIVER
		if (strcmp(mp_drivers[d], MEMPOOL_TEST_ONLY_DRIVER) != 0)
			continue;
#endif
		for (unsigned int c = 0; c < RTE_DIM(cache_sizes); c++)
			one_run(mp_drivers[d], cache_sizes[c], run_ns);
	}
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}
