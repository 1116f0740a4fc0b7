/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: rte_ring under concurrent producers and consumers, bounded
 * in time, counting every element.
 *
 * Modes:
 *   MP/MC      flags 0: default, mp/mc and single-element calls
 *   HTS        MP_HTS|MC_HTS: hts and default calls
 *   RTS        MP_RTS|MC_RTS, exact size 1000: rts and default calls
 *   peek HTS   MP_HTS|MC_HTS: peek start/finish and zero-copy
 *              start/copy/finish only, finishing fewer than reserved
 *              (the rest released, or put back for another consumer)
 *   SP/SC      SP|SC, one producer (an EAL lcore) and one consumer (a
 *              registered non-EAL thread): sp/sc, default, single, peek
 *              and zero-copy calls
 *   RTS/HTS    MP_RTS|MC_HTS, one mode on each side: rts enqueues, hts
 *              dequeues and default calls
 * each with elements of 8 bytes (legacy void * calls mixed with _elem
 * calls), 16 and 20 bytes. The multi-thread modes run on every EAL lcore
 * (four lcores mapped onto the CPUs this process may use) plus two non-EAL
 * threads registered with rte_thread_register(): two threads produce, two
 * consume and two do both, with random bulk and burst sizes of 1..32 on a
 * small ring, so it is often full and often empty.
 *
 * Each element carries (producer, sequence) and, in 16 and 20 bytes, a
 * checksum of it, so a torn copy shows. Consumers mark every element in a
 * per-producer bitmap: at the end every element produced was consumed
 * exactly once (none lost, none duplicated, none invented), the ring is
 * empty, and each consumer saw each producer's elements in increasing
 * order (a ring hands out positions in order, and one producer's
 * elements take increasing positions: this holds for any number of
 * consumers).
 *
 * After the time is up, producers stop and consumers drain the ring
 * until every producer has finished and a dequeue finds nothing.
 *
 * Usage: test_ring_stress [seconds]   (total; default 4.5, or
 * $RTMEM_STRESS_SECONDS), split evenly between the 18 runs.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>
#include <rte_ring_hts.h>
#include <rte_ring_peek.h>
#include <rte_ring_peek_zc.h>
#include <rte_ring_rts.h>

#include "test.h"

#define MAX_THREADS 8
#define N_EAL_LCORES 4
#define N_NON_EAL 2
#define MAX_BULK 32u
#define SEQ_LIMIT (1u << 26) /* elements one producer may make per run */
#define MAX_ESZ 20u

enum api { API_MT, API_HTS, API_RTS, API_PEEK, API_ST, API_MIX };

struct mode {
	const char *name;
	enum api api;
	unsigned int flags;
	unsigned int count;
};

static const struct mode modes[] = {
	{ "MP/MC", API_MT, 0, 512 },
	{ "HTS", API_HTS, RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ, 256 },
	{ "RTS", API_RTS, RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ |
				  RING_F_EXACT_SZ, 1000 },
	{ "peek HTS", API_PEEK, RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ, 128 },
	{ "SP/SC", API_ST, RING_F_SP_ENQ | RING_F_SC_DEQ, 64 },
	{ "RTS/HTS", API_MIX, RING_F_MP_RTS_ENQ | RING_F_MC_HTS_DEQ, 256 },
};

static const unsigned int esizes[] = { 8, 16, 20 };

struct worker {
	unsigned int id;
	bool produce, consume;
	unsigned int pid;       /* producer number, if produce */
	uint64_t rng;
	uint32_t seq;           /* next sequence number to produce */
	int64_t last[MAX_THREADS]; /* last sequence seen from each producer */
	/* counters */
	uint64_t enq_calls, deq_calls, consumed, partial;
	uint64_t torn, bad_id, dup, order;
	unsigned int lcore;     /* EAL lcore it runs on, or LCORE_ID_ANY */
	pthread_t tid;
};

/* What one run shares. */
static struct {
	struct rte_ring *r;
	const struct mode *m;
	unsigned int esz;
	unsigned int n_producers;
	uint64_t deadline_ns;
	unsigned int stop;
	unsigned int producers_done;
	uint64_t *seen[MAX_THREADS]; /* bitmaps of consumed sequences */
} run;

static struct worker workers[MAX_THREADS];

/* The worker's next random number. */
static uint64_t
rnd(struct worker *w)
{
	return test_rand64(&w->rng);
}

/* ---- elements: (producer + 1) << 32 | sequence, plus a checksum */

static uint64_t
mix(uint64_t v)
{
	v ^= v >> 33;
	v *= 0xff51afd7ed558ccdull;
	v ^= v >> 33;
	return v;
}

static void
elem_encode(void *dst, unsigned int esz, uint64_t val)
{
	uint64_t h = mix(val);
	uint32_t w[5];

	switch (esz) {
	case 8:
		memcpy(dst, &val, 8);
		break;
	case 16:
		memcpy(dst, &val, 8);
		memcpy((char *)dst + 8, &h, 8);
		break;
	default:
		w[0] = (uint32_t)val;
		w[1] = (uint32_t)(val >> 32);
		w[2] = (uint32_t)h;
		w[3] = (uint32_t)(h >> 32);
		w[4] = w[0] ^ w[1] ^ 0xdeadbeefu;
		memcpy(dst, w, 20);
		break;
	}
}

/* The value of an element; false if its parts do not agree (torn). */
static bool
elem_decode(const void *src, unsigned int esz, uint64_t *val)
{
	uint64_t h;
	uint32_t w[5];

	switch (esz) {
	case 8:
		memcpy(val, src, 8);
		return true;
	case 16:
		memcpy(val, src, 8);
		memcpy(&h, (const char *)src + 8, 8);
		return h == mix(*val);
	default:
		memcpy(w, src, 20);
		*val = (uint64_t)w[1] << 32 | w[0];
		h = mix(*val);
		return w[2] == (uint32_t)h && w[3] == (uint32_t)(h >> 32) &&
		       w[4] == (w[0] ^ w[1] ^ 0xdeadbeefu);
	}
}

static void
record(struct worker *w, const char *buf, unsigned int k)
{
	for (unsigned int i = 0; i < k; i++) {
		uint64_t val, bit;
		uint32_t seq;
		unsigned int pid;

		if (!elem_decode(buf + (size_t)i * run.esz, run.esz, &val)) {
			if (w->torn++ < 3)
				fprintf(stderr, "thread %u: torn element\n",
					w->id);
			continue;
		}
		pid = (unsigned int)(val >> 32) - 1;
		seq = (uint32_t)val;
		if (pid >= run.n_producers || seq >= SEQ_LIMIT) {
			if (w->bad_id++ < 3)
				fprintf(stderr, "thread %u: element %#" PRIx64
					" was never made\n", w->id, val);
			continue;
		}
		bit = 1ull << (seq % 64);
		if (__atomic_fetch_or(&run.seen[pid][seq / 64], bit,
				      __ATOMIC_RELAXED) & bit) {
			if (w->dup++ < 3)
				fprintf(stderr, "thread %u: producer %u's "
					"element %u seen twice\n", w->id, pid,
					seq);
		}
		if ((int64_t)seq <= w->last[pid]) {
			if (w->order++ < 3)
				fprintf(stderr, "thread %u: producer %u's "
					"element %u after %" PRId64 "\n",
					w->id, pid, seq, w->last[pid]);
		}
		w->last[pid] = seq;
		w->consumed++;
	}
}

/* ---- one enqueue or dequeue call, of a kind chosen at random */

static unsigned int
zc_put(struct rte_ring_zc_data *zcd, const char *src, unsigned int k,
       unsigned int esz)
{
	unsigned int n1 = RTE_MIN(zcd->n1, k);

	memcpy(zcd->ptr1, src, (size_t)n1 * esz);
	if (k > n1)
		memcpy(zcd->ptr2, src + (size_t)n1 * esz, (size_t)(k - n1) * esz);
	return k;
}

static void
zc_get(char *dst, const struct rte_ring_zc_data *zcd, unsigned int k,
       unsigned int esz)
{
	unsigned int n1 = RTE_MIN(zcd->n1, k);

	memcpy(dst, zcd->ptr1, (size_t)n1 * esz);
	if (k > n1)
		memcpy(dst + (size_t)n1 * esz, zcd->ptr2, (size_t)(k - n1) * esz);
}

/* A count to commit of k reserved: all, or at random fewer. */
static unsigned int
some_of(struct worker *w, unsigned int k)
{
	if (k == 0 || rnd(w) % 2 == 0)
		return k;
	w->partial++;
	return (unsigned int)(rnd(w) % (k + 1));
}

static unsigned int
enqueue_peek(struct worker *w, const char *src, unsigned int n, bool zc)
{
	struct rte_ring *r = run.r;
	unsigned int es = run.esz, k, c;
	bool bulk = rnd(w) % 2 == 0;

	if (zc) {
		struct rte_ring_zc_data zcd;

		k = bulk ? rte_ring_enqueue_zc_bulk_elem_start(r, es, n, &zcd,
							       NULL)
			 : rte_ring_enqueue_zc_burst_elem_start(r, es, n, &zcd,
								NULL);
		if (k == 0)
			return 0;
		c = some_of(w, k);
		zc_put(&zcd, src, c, es);
		rte_ring_enqueue_zc_elem_finish(r, c);
		return c;
	}
	k = bulk ? rte_ring_enqueue_bulk_elem_start(r, n, NULL)
		 : rte_ring_enqueue_burst_elem_start(r, n, NULL);
	if (k == 0)
		return 0;
	c = some_of(w, k);
	rte_ring_enqueue_elem_finish(r, src, es, c);
	return c;
}

static unsigned int
dequeue_peek(struct worker *w, char *dst, unsigned int n, bool zc)
{
	struct rte_ring *r = run.r;
	unsigned int es = run.esz, k, c;
	bool bulk = rnd(w) % 2 == 0;

	if (zc) {
		struct rte_ring_zc_data zcd;

		k = bulk ? rte_ring_dequeue_zc_bulk_elem_start(r, es, n, &zcd,
							       NULL)
			 : rte_ring_dequeue_zc_burst_elem_start(r, es, n, &zcd,
								NULL);
		if (k == 0)
			return 0;
		c = some_of(w, k);
		zc_get(dst, &zcd, c, es);
		rte_ring_dequeue_zc_elem_finish(r, c);
		return c;
	}
	k = bulk ? rte_ring_dequeue_bulk_elem_start(r, dst, es, n, NULL)
		 : rte_ring_dequeue_burst_elem_start(r, dst, es, n, NULL);
	if (k == 0)
		return 0;
	c = some_of(w, k);
	rte_ring_dequeue_elem_finish(r, c);
	return c;
}

static unsigned int
do_enqueue(struct worker *w, const char *src, unsigned int n)
{
	struct rte_ring *r = run.r;
	unsigned int es = run.esz, choice = (unsigned int)(rnd(w) % 8);
	void *const *tab = (void *const *)(uintptr_t)src;
	bool legacy = es == sizeof(void *) && rnd(w) % 2 == 0;
	void *p;

	if (run.m->api == API_PEEK)
		return enqueue_peek(w, src, n, choice % 2 == 0);
	switch (choice) {
	case 0: /* single element, default call */
		if (legacy) {
			memcpy(&p, src, sizeof(p));
			return rte_ring_enqueue(r, p) == 0;
		}
		return rte_ring_enqueue_elem(r, (void *)(uintptr_t)src, es) == 0;
	case 1:
		return legacy ? rte_ring_enqueue_bulk(r, tab, n, NULL)
			      : rte_ring_enqueue_bulk_elem(r, src, es, n, NULL);
	case 2:
		return legacy ? rte_ring_enqueue_burst(r, tab, n, NULL)
			      : rte_ring_enqueue_burst_elem(r, src, es, n, NULL);
	default:
		break;
	}
	/* the mode's own calls */
	bool bulk = choice % 2 == 0;
	switch (run.m->api) {
	case API_MT:
		if (choice == 7) {
			if (legacy) {
				memcpy(&p, src, sizeof(p));
				return rte_ring_mp_enqueue(r, p) == 0;
			}
			return rte_ring_mp_enqueue_elem(
				       r, (void *)(uintptr_t)src, es) == 0;
		}
		if (legacy)
			return bulk ? rte_ring_mp_enqueue_bulk(r, tab, n, NULL)
				    : rte_ring_mp_enqueue_burst(r, tab, n,
								NULL);
		return bulk ? rte_ring_mp_enqueue_bulk_elem(r, src, es, n, NULL)
			    : rte_ring_mp_enqueue_burst_elem(r, src, es, n,
							     NULL);
	case API_HTS:
		if (legacy)
			return bulk ? rte_ring_mp_hts_enqueue_bulk(r, tab, n,
								   NULL)
				    : rte_ring_mp_hts_enqueue_burst(r, tab, n,
								    NULL);
		return bulk ? rte_ring_mp_hts_enqueue_bulk_elem(r, src, es, n,
								NULL)
			    : rte_ring_mp_hts_enqueue_burst_elem(r, src, es, n,
								 NULL);
	case API_RTS:
	case API_MIX:
		if (legacy)
			return bulk ? rte_ring_mp_rts_enqueue_bulk(r, tab, n,
								   NULL)
				    : rte_ring_mp_rts_enqueue_burst(r, tab, n,
								    NULL);
		return bulk ? rte_ring_mp_rts_enqueue_bulk_elem(r, src, es, n,
								NULL)
			    : rte_ring_mp_rts_enqueue_burst_elem(r, src, es, n,
								 NULL);
	case API_ST:
		if (choice == 3)
			return enqueue_peek(w, src, n, false);
		if (choice == 5)
			return enqueue_peek(w, src, n, true);
		if (choice == 7) {
			if (legacy) {
				memcpy(&p, src, sizeof(p));
				return rte_ring_sp_enqueue(r, p) == 0;
			}
			return rte_ring_sp_enqueue_elem(
				       r, (void *)(uintptr_t)src, es) == 0;
		}
		if (legacy)
			return bulk ? rte_ring_sp_enqueue_bulk(r, tab, n, NULL)
				    : rte_ring_sp_enqueue_burst(r, tab, n,
								NULL);
		return bulk ? rte_ring_sp_enqueue_bulk_elem(r, src, es, n, NULL)
			    : rte_ring_sp_enqueue_burst_elem(r, src, es, n,
							     NULL);
	case API_PEEK:
		break;
	}
	return 0;
}

static unsigned int
do_dequeue(struct worker *w, char *dst, unsigned int n)
{
	struct rte_ring *r = run.r;
	unsigned int es = run.esz, choice = (unsigned int)(rnd(w) % 8);
	void **tab = (void **)dst;
	bool legacy = es == sizeof(void *) && rnd(w) % 2 == 0;
	void *p = NULL;

	if (run.m->api == API_PEEK)
		return dequeue_peek(w, dst, n, choice % 2 == 0);
	switch (choice) {
	case 0:
		if (legacy) {
			if (rte_ring_dequeue(r, &p) != 0)
				return 0;
			memcpy(dst, &p, sizeof(p));
			return 1;
		}
		return rte_ring_dequeue_elem(r, dst, es) == 0;
	case 1:
		return legacy ? rte_ring_dequeue_bulk(r, tab, n, NULL)
			      : rte_ring_dequeue_bulk_elem(r, dst, es, n, NULL);
	case 2:
		return legacy ? rte_ring_dequeue_burst(r, tab, n, NULL)
			      : rte_ring_dequeue_burst_elem(r, dst, es, n, NULL);
	default:
		break;
	}
	bool bulk = choice % 2 == 0;
	switch (run.m->api) {
	case API_MT:
		if (choice == 7) {
			if (legacy) {
				if (rte_ring_mc_dequeue(r, &p) != 0)
					return 0;
				memcpy(dst, &p, sizeof(p));
				return 1;
			}
			return rte_ring_mc_dequeue_elem(r, dst, es) == 0;
		}
		if (legacy)
			return bulk ? rte_ring_mc_dequeue_bulk(r, tab, n, NULL)
				    : rte_ring_mc_dequeue_burst(r, tab, n,
								NULL);
		return bulk ? rte_ring_mc_dequeue_bulk_elem(r, dst, es, n, NULL)
			    : rte_ring_mc_dequeue_burst_elem(r, dst, es, n,
							     NULL);
	case API_HTS:
	case API_MIX:
		if (legacy)
			return bulk ? rte_ring_mc_hts_dequeue_bulk(r, tab, n,
								   NULL)
				    : rte_ring_mc_hts_dequeue_burst(r, tab, n,
								    NULL);
		return bulk ? rte_ring_mc_hts_dequeue_bulk_elem(r, dst, es, n,
								NULL)
			    : rte_ring_mc_hts_dequeue_burst_elem(r, dst, es, n,
								 NULL);
	case API_RTS:
		if (legacy)
			return bulk ? rte_ring_mc_rts_dequeue_bulk(r, tab, n,
								   NULL)
				    : rte_ring_mc_rts_dequeue_burst(r, tab, n,
								    NULL);
		return bulk ? rte_ring_mc_rts_dequeue_bulk_elem(r, dst, es, n,
								NULL)
			    : rte_ring_mc_rts_dequeue_burst_elem(r, dst, es, n,
								 NULL);
	case API_ST:
		if (choice == 3)
			return dequeue_peek(w, dst, n, false);
		if (choice == 5)
			return dequeue_peek(w, dst, n, true);
		if (choice == 7) {
			if (legacy) {
				if (rte_ring_sc_dequeue(r, &p) != 0)
					return 0;
				memcpy(dst, &p, sizeof(p));
				return 1;
			}
			return rte_ring_sc_dequeue_elem(r, dst, es) == 0;
		}
		if (legacy)
			return bulk ? rte_ring_sc_dequeue_bulk(r, tab, n, NULL)
				    : rte_ring_sc_dequeue_burst(r, tab, n,
								NULL);
		return bulk ? rte_ring_sc_dequeue_bulk_elem(r, dst, es, n, NULL)
			    : rte_ring_sc_dequeue_burst_elem(r, dst, es, n,
							     NULL);
	case API_PEEK:
		break;
	}
	return 0;
}

/* The last dequeues: a burst of everything that is there. */
static unsigned int
drain_once(struct worker *w, char *dst)
{
	struct rte_ring *r = run.r;
	unsigned int k;

	switch (run.m->api) {
	case API_PEEK:
		k = rte_ring_dequeue_burst_elem_start(r, dst, run.esz, MAX_BULK,
						      NULL);
		if (k != 0)
			rte_ring_dequeue_elem_finish(r, k);
		return k;
	default:
		(void)w;
		return rte_ring_dequeue_burst_elem(r, dst, run.esz, MAX_BULK,
						   NULL);
	}
}

/* ---- the threads */

static unsigned int
produce(struct worker *w)
{
	/* 8-byte aligned: the legacy calls read it as void *[] */
	uint64_t buf[MAX_BULK * MAX_ESZ / 8];
	unsigned int n = 1 + (unsigned int)(rnd(w) % MAX_BULK), k;

	if (w->seq + n > SEQ_LIMIT)
		n = SEQ_LIMIT - w->seq;
	if (n == 0)
		return 0;
	for (unsigned int i = 0; i < n; i++)
		elem_encode((char *)buf + (size_t)i * run.esz, run.esz,
			    (uint64_t)(w->pid + 1) << 32 | (w->seq + i));
	k = do_enqueue(w, (const char *)buf, n);
	if (k > n) {
		EXPECT_LE_UINT(k, n);
		k = n;
	}
	w->seq += k;
	w->enq_calls++;
	return k;
}

static unsigned int
consume(struct worker *w)
{
	uint64_t buf[MAX_BULK * MAX_ESZ / 8];
	unsigned int n = 1 + (unsigned int)(rnd(w) % MAX_BULK), k;

	k = do_dequeue(w, (char *)buf, n);
	if (k > n) {
		EXPECT_LE_UINT(k, n);
		k = n;
	}
	record(w, (const char *)buf, k);
	w->deq_calls++;
	return k;
}

static int
worker_main(void *arg)
{
	struct worker *w = arg;
	unsigned int i = 0, idle = 0;

	while (!__atomic_load_n(&run.stop, __ATOMIC_RELAXED)) {
		unsigned int moved = 0;

		if (w->produce)
			moved += produce(w);
		if (w->consume)
			moved += consume(w);
		/* with more threads than CPUs, let the others run */
		if (moved == 0 && (++idle & 15) == 0)
			sched_yield();
		if ((++i & 31) == 0 && test_now_ns() >= run.deadline_ns)
			__atomic_store_n(&run.stop, 1, __ATOMIC_RELAXED);
	}
	if (w->produce)
		__atomic_fetch_add(&run.producers_done, 1, __ATOMIC_RELEASE);
	if (w->consume) {
		uint64_t buf[MAX_BULK * MAX_ESZ / 8];

		for (;;) {
			/* read "all done" before the dequeue that finds
			 * the ring empty: nothing can come after it */
			bool done = __atomic_load_n(&run.producers_done,
						    __ATOMIC_ACQUIRE) ==
				    run.n_producers;
			unsigned int k = drain_once(w, (char *)buf);

			record(w, (const char *)buf, k);
			if (k == 0 && done)
				break;
			if (k == 0)
				sched_yield();
		}
	}
	return 0;
}

static void *
thread_main(void *arg)
{
	struct worker *w = arg;

	EXPECT_EQ_INT(rte_thread_register(), 0);
	EXPECT_NE_UINT(rte_lcore_id(), LCORE_ID_ANY);
	worker_main(w);
	rte_thread_unregister();
	return NULL;
}

/* Run workers 0 .. n_threads-1: the first n_lcores on the EAL lcores
 * (worker 0 on the main lcore), the rest on registered non-EAL threads;
 * wait for all of them. */
static void
run_workers(unsigned int n_lcores, unsigned int n_threads)
{
	unsigned int lcore, t = 1;

	for (unsigned int i = 0; i < n_threads; i++)
		workers[i].lcore = LCORE_ID_ANY;
	workers[0].lcore = rte_get_main_lcore();
	RTE_LCORE_FOREACH_WORKER(lcore) {
		if (t >= n_lcores)
			break;
		workers[t].lcore = lcore;
		ASSERT_EQ_INT(rte_eal_remote_launch(worker_main, &workers[t],
						    lcore), 0);
		t++;
	}
	ASSERT_EQ_UINT(t, n_lcores);
	for (t = n_lcores; t < n_threads; t++)
		ASSERT_EQ_INT(pthread_create(&workers[t].tid, NULL,
					     thread_main, &workers[t]), 0);
	worker_main(&workers[0]);
	for (t = 1; t < n_lcores; t++)
		EXPECT_EQ_INT(rte_eal_wait_lcore(workers[t].lcore), 0);
	for (t = n_lcores; t < n_threads; t++)
		EXPECT_EQ_INT(pthread_join(workers[t].tid, NULL), 0);
}

static void
one_run(const struct mode *m, unsigned int esz, uint64_t run_ns,
	unsigned int n_lcores)
{
	unsigned int n_threads, n_lc, before = __atomic_load_n(
		&test_failures_, __ATOMIC_RELAXED);
	uint64_t produced = 0, consumed = 0, partial = 0, calls = 0;
	uint64_t start = test_now_ns();

	memset(&run, 0, sizeof(run));
	memset(workers, 0, sizeof(workers));
	run.m = m;
	run.esz = esz;
	run.r = rte_ring_create_elem("stress", esz, m->count, SOCKET_ID_ANY,
				     m->flags);
	ASSERT_NOT_NULL(run.r);
	if (m->api == API_ST) {
		/* the producer on the main lcore, the consumer a
		 * registered non-EAL thread */
		n_lc = 1;
		n_threads = 2;
		workers[0].produce = true;
		workers[1].consume = true;
	} else {
		n_lc = n_lcores;
		n_threads = n_lcores + N_NON_EAL;
		for (unsigned int t = 0; t < n_threads; t++) {
			/* P, C, both, P, C, both, ... */
			workers[t].produce = t % 3 != 1;
			workers[t].consume = t % 3 != 0;
		}
	}
	for (unsigned int t = 0; t < n_threads; t++) {
		struct worker *w = &workers[t];

		w->id = t;
		w->rng = 0x9e3779b97f4a7c15ull * (t + 1) ^ test_now_ns();
		for (unsigned int p = 0; p < MAX_THREADS; p++)
			w->last[p] = -1;
		if (w->produce) {
			w->pid = run.n_producers++;
			run.seen[w->pid] = calloc(SEQ_LIMIT / 64,
						  sizeof(uint64_t));
			ASSERT_NOT_NULL(run.seen[w->pid]);
		}
	}
	run.deadline_ns = test_now_ns() + run_ns;
	run_workers(n_lc, n_threads);

	/* every element made was taken exactly once */
	EXPECT_EQ_UINT(rte_ring_count(run.r), 0);
	EXPECT_TRUE(rte_ring_empty(run.r));
	for (unsigned int t = 0; t < n_threads; t++) {
		struct worker *w = &workers[t];

		EXPECT_EQ_UINT(w->torn, 0);
		EXPECT_EQ_UINT(w->bad_id, 0);
		EXPECT_EQ_UINT(w->dup, 0);
		EXPECT_EQ_UINT(w->order, 0);
		consumed += w->consumed;
		partial += w->partial;
		calls += w->enq_calls + w->deq_calls;
		if (!w->produce)
			continue;
		produced += w->seq;
		/* bits 0 .. seq-1 set, none above */
		uint64_t *bits = run.seen[w->pid], missing = 0, extra = 0;
		uint32_t full = w->seq / 64;

		for (uint32_t i = 0; i < SEQ_LIMIT / 64; i++) {
			uint64_t want = i < full ? ~0ull
				      : i == full && w->seq % 64
					? (1ull << (w->seq % 64)) - 1 : 0;

			missing += (uint64_t)__builtin_popcountll(want &
								  ~bits[i]);
			extra += (uint64_t)__builtin_popcountll(bits[i] &
								~want);
		}
		if (missing != 0 || extra != 0)
			fprintf(stderr, "producer %u made %u: %" PRIu64
				" never consumed, %" PRIu64 " beyond\n",
				w->pid, w->seq, missing, extra);
		EXPECT_EQ_UINT(missing, 0);
		EXPECT_EQ_UINT(extra, 0);
		free(bits);
	}
	EXPECT_EQ_UINT(consumed, produced);
	EXPECT_GT_UINT(produced, 0);
	if (m->api == API_PEEK)
		EXPECT_GT_UINT(partial, 0);
	printf("%-8s esize %2u: %u threads (%u lcores), %" PRIu64
	       " elements, %" PRIu64 " calls, %" PRIu64 " partial finishes, "
	       "%.2f s\n", m->name, esz, n_threads, n_lc, produced, calls,
	       partial, (double)(test_now_ns() - start) / 1e9);
	for (unsigned int t = 0; t < n_threads; t++)
		printf("  thread %u (%s%s, lcore %d): made %u, took %" PRIu64
		       "\n", t, workers[t].produce ? "P" : "",
		       workers[t].consume ? "C" : "",
		       workers[t].lcore == LCORE_ID_ANY ? -1
						       : (int)workers[t].lcore,
		       workers[t].seq, workers[t].consumed);
	if (__atomic_load_n(&test_failures_, __ATOMIC_RELAXED) != before)
		printf("^^^ in mode %s, esize %u\n", m->name, esz);
	rte_ring_free(run.r);
}

int
main(int argc, char **argv)
{
	double seconds = test_stress_seconds(argc, argv, 4.5);
	unsigned int runs = RTE_DIM(modes) * RTE_DIM(esizes), n_cpus = 0;
	char cpus[64] = "", args[256];
	cpu_set_t allowed;
	uint64_t run_ns;

	/* lines in order with a sanitizer's reports on stderr */
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* four lcores on (up to four of) the CPUs this process may use */
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
	run_ns = (uint64_t)(seconds * 1e9 / runs);
	printf("%u runs of %.2f s; %d lcores on CPUs %s, plus %d non-EAL "
	       "threads\n", runs, (double)run_ns / 1e9, N_EAL_LCORES, cpus,
	       N_NON_EAL);
	for (unsigned int m = 0; m < RTE_DIM(modes); m++)
		for (unsigned int e = 0; e < RTE_DIM(esizes); e++)
			one_run(&modes[m], esizes[e], run_ns, N_EAL_LCORES);
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}
