/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ring_perf: cycles per element of rte_ring enqueue+dequeue, after DPDK's
 * app/test/test_ring_perf.c (design/dpdk-api.md section 4.8).
 *
 * Method. A ring "RING_PERF" of 4096 slots (capacity 4095) is created on
 * rte_socket_id() with flags 0; the SP/SC and MP/MC functions are called
 * directly on it. Two more rings, "RING_PERF_HTS" (RING_F_MP_HTS_ENQ |
 * RING_F_MC_HTS_DEQ) and "RING_PERF_RTS" (RING_F_MP_RTS_ENQ |
 * RING_F_MC_RTS_DEQ), are driven through rte_ring_enqueue_bulk() /
 * rte_ring_dequeue_bulk(), whose default dispatch picks HTS or RTS from the
 * ring's flags, as an application would call them. Bulk sizes are
 * {8, 32, 64, 128, 256}, read from a volatile array so that the compiler
 * cannot specialise a loop for one size. Every value is rte_rdtsc()
 * cycles; everything runs once with the legacy pointer API ("ptr") and once
 * with the _elem API at esize 16 ("e16"):
 *
 *   <api>/single/<sync>     enqueue 1 + dequeue 1, SINGLE_ITERS times;
 *                           cycles per pair (spsc, mpmc)
 *   <api>/burst/<sync>/<n>  enqueue_burst n + dequeue_burst n, BULK_ELEMS/n
 *                           times; cycles per element (spsc, mpmc)
 *   <api>/bulk/<sync>/<n>   the same with the bulk functions (spsc, mpmc,
 *                           hts, rts)
 *   <api>/empty/<sync>      dequeue_bulk of 8 on an empty ring, EMPTY_ELEMS/8
 *                           times; cycles per element asked for (spsc, mpmc)
 *   <api>/2core/<sync>/<n>  producer on the main lcore, consumer on the next
 *                           lcore (rte_eal_remote_launch); both meet at a
 *                           rendezvous, then move TWO_CORE_ELEMS elements in
 *                           bulks of n, retrying with rte_pause() while a
 *                           bulk call returns 0; each side's cycles per
 *                           element, summed (spsc, mpmc, hts, rts)
 *
 * Unlike DPDK's test, each loop adds up what the calls return and checks
 * the total afterwards (an add per call), so that a broken ring cannot
 * pass for a fast one. The loops are generated per (API, sync mode) by the
 * macros below, so every ring call is a direct inline call with a constant
 * esize, as in an application.
 *
 * Iteration counts are twice DPDK main's (1<<25 single pairs, 1<<27
 * elements per burst/bulk row, 1<<30 for the empty rows, 1<<23 per two-core
 * row) times --scale (default 1: about 15 s a run on a 2.3 GHz 2-CPU
 * machine).
 *
 * Concurrency Kit mode (-DRING_PERF_CK, bench_ring_perf_ck): the same loops
 * on a ck_ring of 4096 slots, pointer rows of the spsc and mpmc modes only
 * (ck_ring_enqueue_spsc/ck_ring_dequeue_spsc, ck_ring_enqueue_mpmc/
 * ck_ring_dequeue_mpmc). ck has no bulk or burst call, so a "bulk" or
 * "burst" of n is a loop of n single calls that stops at the first failure
 * (ck's mpmc calls are then one CAS per element, DPDK's one per bulk); in
 * the two-core rows a side retries the rest of its batch with rte_pause().
 * ck runs a quarter of the iterations (its rows cost up to 100 times more
 * per element). The EAL (lcores, launch, rte_rdtsc, rte_pause) is rtmem's
 * (the program links rtmem_static); no EAL call is inside a timed loop.
 *
 * Usage: ring_perf [EAL options] -- [--scale X] [--only SUBSTRING]
 *   --scale  multiply every iteration count by X (default 1)
 *   --only   run only the rows whose name contains SUBSTRING
 * Needs two lcores for the 2core rows (e.g. -l 0-1); with one they are
 * skipped. Output, on stdout, one line per row (DPDK also logs to stdout,
 * so a reader keeps only lines of this shape):
 *   ring,<config>,<cycles>
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* cpu_set_t for rte_lcore.h */
#endif

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_pause.h>
#ifdef RING_PERF_CK
#include <ck_ring.h>
#else
#include <rte_ring.h>
#include <rte_ring_elem.h>
#endif

#include "bench_common.h"

#define RING_SIZE 4096
#define MAX_BURST 256
#define ESIZE 16 /* bytes per element of the e16 rows */

/* twice DPDK main's counts */
#define SINGLE_ITERS (1u << 25)
#define BULK_ELEMS (1u << 27)
#define EMPTY_ELEMS (1u << 30)
#define TWO_CORE_ELEMS (1u << 23)

static const volatile unsigned int bulk_sizes[] = { 8, 32, 64, 128, 256 };

struct elem16 {
	uint64_t w[ESIZE / sizeof(uint64_t)];
};

/* ---- the ring under test and its calls, named <api>_<sync>_<call> */
#ifdef RING_PERF_CK

typedef struct ck_bench_ring {
	struct ck_ring ring;
	ck_ring_buffer_t *buf;
} bench_ring;

/* n single calls, stopping at the first failure: the count moved. */
#define CK_N(dir, sync, args)                                               \
	static inline unsigned int ck_##dir##_##sync##_n args
CK_N(enq, spsc, (bench_ring *r, void *const *o, unsigned int n))
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!ck_ring_enqueue_spsc(&r->ring, r->buf, o[i]))
			break;
	return i;
}
CK_N(deq, spsc, (bench_ring *r, void **o, unsigned int n))
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!ck_ring_dequeue_spsc(&r->ring, r->buf, &o[i]))
			break;
	return i;
}
CK_N(enq, mpmc, (bench_ring *r, void *const *o, unsigned int n))
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!ck_ring_enqueue_mpmc(&r->ring, r->buf, o[i]))
			break;
	return i;
}
CK_N(deq, mpmc, (bench_ring *r, void **o, unsigned int n))
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!ck_ring_dequeue_mpmc(&r->ring, r->buf, &o[i]))
			break;
	return i;
}

/* single calls return 0 on success, as rte_ring's do */
#define ptr_spsc_enq1(r, o) (!ck_ring_enqueue_spsc(&(r)->ring, (r)->buf, *(o)))
#define ptr_spsc_deq1(r, o) (!ck_ring_dequeue_spsc(&(r)->ring, (r)->buf, o))
#define ptr_mpmc_enq1(r, o) (!ck_ring_enqueue_mpmc(&(r)->ring, (r)->buf, *(o)))
#define ptr_mpmc_deq1(r, o) (!ck_ring_dequeue_mpmc(&(r)->ring, (r)->buf, o))
#define ptr_spsc_enq_bulk(r, o, n) ck_enq_spsc_n(r, o, n)
#define ptr_spsc_deq_bulk(r, o, n) ck_deq_spsc_n(r, o, n)
#define ptr_spsc_enq_burst(r, o, n) ck_enq_spsc_n(r, o, n)
#define ptr_spsc_deq_burst(r, o, n) ck_deq_spsc_n(r, o, n)
#define ptr_mpmc_enq_bulk(r, o, n) ck_enq_mpmc_n(r, o, n)
#define ptr_mpmc_deq_bulk(r, o, n) ck_deq_mpmc_n(r, o, n)
#define ptr_mpmc_enq_burst(r, o, n) ck_enq_mpmc_n(r, o, n)
#define ptr_mpmc_deq_burst(r, o, n) ck_deq_mpmc_n(r, o, n)

#else /* rte_ring */

typedef struct rte_ring bench_ring;

/* legacy pointer API */
#define ptr_spsc_enq1(r, o) rte_ring_sp_enqueue(r, *(o))
#define ptr_spsc_deq1(r, o) rte_ring_sc_dequeue(r, o)
#define ptr_mpmc_enq1(r, o) rte_ring_mp_enqueue(r, *(o))
#define ptr_mpmc_deq1(r, o) rte_ring_mc_dequeue(r, o)
#define ptr_spsc_enq_bulk(r, o, n) rte_ring_sp_enqueue_bulk(r, o, n, NULL)
#define ptr_spsc_deq_bulk(r, o, n) rte_ring_sc_dequeue_bulk(r, o, n, NULL)
#define ptr_spsc_enq_burst(r, o, n) rte_ring_sp_enqueue_burst(r, o, n, NULL)
#define ptr_spsc_deq_burst(r, o, n) rte_ring_sc_dequeue_burst(r, o, n, NULL)
#define ptr_mpmc_enq_bulk(r, o, n) rte_ring_mp_enqueue_bulk(r, o, n, NULL)
#define ptr_mpmc_deq_bulk(r, o, n) rte_ring_mc_dequeue_bulk(r, o, n, NULL)
#define ptr_mpmc_enq_burst(r, o, n) rte_ring_mp_enqueue_burst(r, o, n, NULL)
#define ptr_mpmc_deq_burst(r, o, n) rte_ring_mc_dequeue_burst(r, o, n, NULL)
/* HTS and RTS: the default dispatch on the ring's sync type */
#define ptr_hts_enq_bulk(r, o, n) rte_ring_enqueue_bulk(r, o, n, NULL)
#define ptr_hts_deq_bulk(r, o, n) rte_ring_dequeue_bulk(r, o, n, NULL)
#define ptr_rts_enq_bulk(r, o, n) rte_ring_enqueue_bulk(r, o, n, NULL)
#define ptr_rts_deq_bulk(r, o, n) rte_ring_dequeue_bulk(r, o, n, NULL)

/* _elem API, esize 16 */
#define e16_spsc_enq1(r, o) rte_ring_sp_enqueue_elem(r, o, ESIZE)
#define e16_spsc_deq1(r, o) rte_ring_sc_dequeue_elem(r, o, ESIZE)
#define e16_mpmc_enq1(r, o) rte_ring_mp_enqueue_elem(r, o, ESIZE)
#define e16_mpmc_deq1(r, o) rte_ring_mc_dequeue_elem(r, o, ESIZE)
#define e16_spsc_enq_bulk(r, o, n) rte_ring_sp_enqueue_bulk_elem(r, o, ESIZE, n, NULL)
#define e16_spsc_deq_bulk(r, o, n) rte_ring_sc_dequeue_bulk_elem(r, o, ESIZE, n, NULL)
#define e16_spsc_enq_burst(r, o, n) rte_ring_sp_enqueue_burst_elem(r, o, ESIZE, n, NULL)
#define e16_spsc_deq_burst(r, o, n) rte_ring_sc_dequeue_burst_elem(r, o, ESIZE, n, NULL)
#define e16_mpmc_enq_bulk(r, o, n) rte_ring_mp_enqueue_bulk_elem(r, o, ESIZE, n, NULL)
#define e16_mpmc_deq_bulk(r, o, n) rte_ring_mc_dequeue_bulk_elem(r, o, ESIZE, n, NULL)
#define e16_mpmc_enq_burst(r, o, n) rte_ring_mp_enqueue_burst_elem(r, o, ESIZE, n, NULL)
#define e16_mpmc_deq_burst(r, o, n) rte_ring_mc_dequeue_burst_elem(r, o, ESIZE, n, NULL)
#define e16_hts_enq_bulk(r, o, n) rte_ring_enqueue_bulk_elem(r, o, ESIZE, n, NULL)
#define e16_hts_deq_bulk(r, o, n) rte_ring_dequeue_bulk_elem(r, o, ESIZE, n, NULL)
#define e16_rts_enq_bulk(r, o, n) rte_ring_enqueue_bulk_elem(r, o, ESIZE, n, NULL)
#define e16_rts_deq_bulk(r, o, n) rte_ring_dequeue_bulk_elem(r, o, ESIZE, n, NULL)

#endif

static void
check_moved(const char *what, uint64_t got, uint64_t want)
{
	if (got != want) {
		fprintf(stderr,
			"ring_perf: %s moved %" PRIu64 " elements, not %" PRIu64
			"\n", what, got, want);
		exit(EXIT_FAILURE);
	}
}

/*
 * Loop generators. Each function returns the rte_rdtsc() cycles of its
 * timed loop; the count checks come after the second rte_rdtsc().
 */
#define DEFINE_SINGLE(api, obj_t, sync)                                     \
	static uint64_t api##_##sync##_single(bench_ring *r, uint64_t iters) \
	{                                                                   \
		obj_t obj;                                                  \
		uint64_t t, fails = 0;                                      \
                                                                            \
		memset(&obj, 0, sizeof(obj));                               \
		t = rte_rdtsc();                                            \
		for (uint64_t i = 0; i < iters; i++) {                      \
			fails += (api##_##sync##_enq1(r, &obj) != 0);       \
			fails += (api##_##sync##_deq1(r, &obj) != 0);       \
		}                                                           \
		t = rte_rdtsc() - t;                                        \
		check_moved(#api " single " #sync, iters * 2 - fails,       \
			    iters * 2);                                     \
		return t;                                                   \
	}

/* enqueue n + dequeue n, iters times; call is bulk or burst */
#define DEFINE_LOOP(api, obj_t, sync, call)                                 \
	static uint64_t api##_##sync##_##call(bench_ring *r, unsigned int n, \
					      uint64_t iters)               \
	{                                                                   \
		obj_t burst[MAX_BURST];                                     \
		uint64_t t, moved = 0;                                      \
                                                                            \
		memset(burst, 0, sizeof(burst));                            \
		t = rte_rdtsc();                                            \
		for (uint64_t i = 0; i < iters; i++) {                      \
			moved += api##_##sync##_enq_##call(r, burst, n);    \
			moved += api##_##sync##_deq_##call(r, burst, n);    \
		}                                                           \
		t = rte_rdtsc() - t;                                        \
		check_moved(#api " " #call " " #sync, moved, iters * n * 2); \
		return t;                                                   \
	}

/* dequeue_bulk of n from an empty ring, iters times */
#define DEFINE_EMPTY(api, obj_t, sync)                                      \
	static uint64_t api##_##sync##_empty(bench_ring *r, unsigned int n, \
					     uint64_t iters)                \
	{                                                                   \
		obj_t burst[MAX_BURST];                                     \
		uint64_t t, moved = 0;                                      \
                                                                            \
		t = rte_rdtsc();                                            \
		for (uint64_t i = 0; i < iters; i++)                        \
			moved += api##_##sync##_deq_bulk(r, burst, n);      \
		t = rte_rdtsc() - t;                                        \
		check_moved(#api " empty " #sync, moved, 0);                \
		return t;                                                   \
	}

/*
 * The two sides of a two-core row: iters bulks of n, each retried (the
 * rest of it, for ck) with rte_pause() until it has all moved.
 */
#define DEFINE_SIDES(api, obj_t, sync)                                      \
	static uint64_t api##_##sync##_enq_side(bench_ring *r,              \
						unsigned int n,             \
						uint64_t iters)             \
	{                                                                   \
		obj_t burst[MAX_BURST];                                     \
		uint64_t t;                                                 \
                                                                            \
		memset(burst, 0, sizeof(burst));                            \
		t = rte_rdtsc();                                            \
		for (uint64_t i = 0; i < iters; i++) {                      \
			unsigned int done = 0;                              \
                                                                            \
			while ((done += api##_##sync##_enq_bulk(            \
					r, burst + done, n - done)) < n)    \
				rte_pause();                                \
		}                                                           \
		return rte_rdtsc() - t;                                     \
	}                                                                   \
	static uint64_t api##_##sync##_deq_side(bench_ring *r,              \
						unsigned int n,             \
						uint64_t iters)             \
	{                                                                   \
		obj_t burst[MAX_BURST];                                     \
		uint64_t t;                                                 \
                                                                            \
		t = rte_rdtsc();                                            \
		for (uint64_t i = 0; i < iters; i++) {                      \
			unsigned int done = 0;                              \
                                                                            \
			while ((done += api##_##sync##_deq_bulk(            \
					r, burst + done, n - done)) < n)    \
				rte_pause();                                \
		}                                                           \
		return rte_rdtsc() - t;                                     \
	}

/* the spsc and mpmc modes, all rows */
#define DEFINE_SPMC(api, obj_t, sync)                                       \
	DEFINE_SINGLE(api, obj_t, sync)                                     \
	DEFINE_LOOP(api, obj_t, sync, burst)                                \
	DEFINE_LOOP(api, obj_t, sync, bulk)                                 \
	DEFINE_EMPTY(api, obj_t, sync)                                      \
	DEFINE_SIDES(api, obj_t, sync)
/* hts and rts: bulk rows, single-thread and two-core */
#define DEFINE_HTS(api, obj_t, sync)                                        \
	DEFINE_LOOP(api, obj_t, sync, bulk)                                 \
	DEFINE_SIDES(api, obj_t, sync)

typedef void *ptr_obj;
DEFINE_SPMC(ptr, ptr_obj, spsc)
DEFINE_SPMC(ptr, ptr_obj, mpmc)
#ifndef RING_PERF_CK
DEFINE_HTS(ptr, ptr_obj, hts)
DEFINE_HTS(ptr, ptr_obj, rts)
DEFINE_SPMC(e16, struct elem16, spsc)
DEFINE_SPMC(e16, struct elem16, mpmc)
DEFINE_HTS(e16, struct elem16, hts)
DEFINE_HTS(e16, struct elem16, rts)
#endif

/* ---- the rows of one API: which ring, which loops (NULL: no such row) */
typedef uint64_t single_fn(bench_ring *r, uint64_t iters);
typedef uint64_t loop_fn(bench_ring *r, unsigned int n, uint64_t iters);

/*
 * RING_CK_MPMC: ck_ring's sp and mp calls keep different producer indexes,
 * so that a ck_ring must not see both; its mpmc rows get a ring of their own.
 */
enum { RING_PLAIN, RING_HTS, RING_RTS, RING_CK_MPMC, RING_KINDS };

struct sync_mode {
	const char *name;
	int ring;                /* RING_PLAIN, RING_HTS or RING_RTS */
	single_fn *single;
	loop_fn *burst, *bulk, *empty, *enq_side, *deq_side;
};

#define SPMC_MODE(api, sync, ring)                                          \
	{ #sync, ring, api##_##sync##_single, api##_##sync##_burst,   \
	  api##_##sync##_bulk, api##_##sync##_empty,                        \
	  api##_##sync##_enq_side, api##_##sync##_deq_side }
#define HTS_MODE(api, sync, ring)                                           \
	{ #sync, ring, NULL, NULL, api##_##sync##_bulk, NULL,               \
	  api##_##sync##_enq_side, api##_##sync##_deq_side }

static const struct api {
	const char *name;
	int esize;               /* -1: legacy pointer API */
	struct sync_mode modes[4];
	unsigned int nmodes;
} apis[] = {
#ifdef RING_PERF_CK
	{ "ptr", -1,
	  { SPMC_MODE(ptr, spsc, RING_PLAIN),
	    SPMC_MODE(ptr, mpmc, RING_CK_MPMC) }, 2 },
#else
	{ "ptr", -1,
	  { SPMC_MODE(ptr, spsc, RING_PLAIN), SPMC_MODE(ptr, mpmc, RING_PLAIN),
	    HTS_MODE(ptr, hts, RING_HTS), HTS_MODE(ptr, rts, RING_RTS) }, 4 },
	{ "e16", ESIZE,
	  { SPMC_MODE(e16, spsc, RING_PLAIN), SPMC_MODE(e16, mpmc, RING_PLAIN),
	    HTS_MODE(e16, hts, RING_HTS), HTS_MODE(e16, rts, RING_RTS) }, 4 },
#endif
};

/* ---- rings */
#ifdef RING_PERF_CK
static bench_ring *
ring_create(int kind, int esize)
{
	bench_ring *r;

	(void)kind;
	(void)esize;
	r = aligned_alloc(RTE_CACHE_LINE_SIZE,
			  RTE_ALIGN_CEIL(sizeof(*r), RTE_CACHE_LINE_SIZE));
	if (r == NULL)
		return NULL;
	r->buf = aligned_alloc(RTE_CACHE_LINE_SIZE,
			       RING_SIZE * sizeof(ck_ring_buffer_t));
	if (r->buf == NULL) {
		free(r);
		return NULL;
	}
	ck_ring_init(&r->ring, RING_SIZE);
	return r;
}

static void
ring_free(bench_ring *r)
{
	if (r != NULL) {
		free(r->buf);
		free(r);
	}
}
#else
static bench_ring *
ring_create(int kind, int esize)
{
	static const struct {
		const char *name;
		unsigned int flags;
	} kinds[RING_CK_MPMC] = {
		[RING_PLAIN] = { "RING_PERF", 0 },
		[RING_HTS] = { "RING_PERF_HTS",
			       RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ },
		[RING_RTS] = { "RING_PERF_RTS",
			       RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ },
	};

	if (kind >= RING_CK_MPMC)
		return NULL;
	if (esize < 0)
		return rte_ring_create(kinds[kind].name, RING_SIZE,
				       rte_socket_id(), kinds[kind].flags);
	return rte_ring_create_elem(kinds[kind].name, (unsigned int)esize,
				    RING_SIZE, rte_socket_id(),
				    kinds[kind].flags);
}

static void
ring_free(bench_ring *r)
{
	rte_ring_free(r);
}
#endif

/* ---- rows */
/*
 * A ck "bulk" costs n single calls, and its mpmc and two-core rows cost 10
 * to 100 times rte_ring's per element, so ck runs a quarter of the counts
 * (the rows are per element all the same).
 */
#ifdef RING_PERF_CK
#define MODE_SCALE 0.25
#else
#define MODE_SCALE 1.0
#endif

static uint64_t
iterations(double base)
{
	return bench_iterations(base * MODE_SCALE);
}

static void
report(const char *row, double cycles)
{
	bench_report("ring", row, cycles);
}

/* Two-core rows: the consumer runs this on the worker lcore. */
static unsigned int rendezvous_count;

static void
rendezvous(void)
{
	__atomic_fetch_add(&rendezvous_count, 1, __ATOMIC_RELAXED);
	while (__atomic_load_n(&rendezvous_count, __ATOMIC_RELAXED) != 2)
		rte_pause();
}

struct side {
	loop_fn *fn;
	bench_ring *r;
	unsigned int n;
	uint64_t iters;
	uint64_t cycles;
};

static int
consumer_main(void *arg)
{
	struct side *s = arg;

	rendezvous();
	s->cycles = s->fn(s->r, s->n, s->iters);
	return 0;
}

/* Cycles per element, producer plus consumer; < 0 if the launch failed. */
static double
two_core(const struct sync_mode *m, bench_ring *r, unsigned int n,
	 unsigned int worker)
{
	struct side cons = { m->deq_side, r, n, 0, 0 };
	uint64_t iters = iterations((double)TWO_CORE_ELEMS / n), prod;

	cons.iters = iters;
	__atomic_store_n(&rendezvous_count, 0, __ATOMIC_RELAXED);
	if (rte_eal_remote_launch(consumer_main, &cons, worker) != 0)
		return -1;
	rendezvous();
	prod = m->enq_side(r, n, iters);
	if (rte_eal_wait_lcore(worker) != 0)
		return -1;
	return (double)(prod + cons.cycles) / (double)(iters * n);
}

static void
run_api(const struct api *a, unsigned int worker)
{
	bench_ring *rings[RING_KINDS] = { NULL };
	const unsigned int nsizes = RTE_DIM(bulk_sizes);
	char row[64];

	for (unsigned int m = 0; m < a->nmodes; m++) {
		int k = a->modes[m].ring;

		if (rings[k] != NULL)
			continue;
		rings[k] = ring_create(k, a->esize);
		if (rings[k] == NULL) {
			fprintf(stderr, "ring_perf: cannot create a ring: %s\n",
				strerror(rte_errno));
			exit(EXIT_FAILURE);
		}
	}

	for (unsigned int m = 0; m < a->nmodes; m++) {
		const struct sync_mode *s = &a->modes[m];
		uint64_t iters = iterations(SINGLE_ITERS);

		snprintf(row, sizeof(row), "%s/single/%s", a->name, s->name);
		if (s->single != NULL && bench_wanted(row))
			report(row, (double)s->single(rings[s->ring], iters) /
					    (double)iters);
	}
	for (unsigned int pass = 0; pass < 2; pass++) {
		for (unsigned int m = 0; m < a->nmodes; m++) {
			const struct sync_mode *s = &a->modes[m];
			loop_fn *fn = pass == 0 ? s->burst : s->bulk;

			for (unsigned int i = 0; fn != NULL && i < nsizes; i++) {
				unsigned int n = bulk_sizes[i];
				uint64_t iters = iterations((double)BULK_ELEMS / n);

				snprintf(row, sizeof(row), "%s/%s/%s/%u", a->name,
					 pass == 0 ? "burst" : "bulk", s->name, n);
				if (bench_wanted(row))
					report(row, (double)fn(rings[s->ring], n, iters) /
							    (double)(iters * n));
			}
		}
	}
	for (unsigned int m = 0; m < a->nmodes; m++) {
		const struct sync_mode *s = &a->modes[m];
		unsigned int n = bulk_sizes[0];
		uint64_t iters = iterations((double)EMPTY_ELEMS / n);

		snprintf(row, sizeof(row), "%s/empty/%s", a->name, s->name);
		if (s->empty != NULL && bench_wanted(row))
			report(row, (double)s->empty(rings[s->ring], n, iters) /
					    (double)(iters * n));
	}
	for (unsigned int m = 0; m < a->nmodes; m++) {
		const struct sync_mode *s = &a->modes[m];

		for (unsigned int i = 0; i < nsizes; i++) {
			unsigned int n = bulk_sizes[i];
			double v;

			snprintf(row, sizeof(row), "%s/2core/%s/%u", a->name,
				 s->name, n);
			if (!bench_wanted(row))
				continue;
			if (worker >= RTE_MAX_LCORE) {
				fprintf(stderr, "ring_perf: %s skipped: one lcore\n",
					row);
				continue;
			}
			v = two_core(s, rings[s->ring], n, worker);
			if (v < 0) {
				fprintf(stderr, "ring_perf: %s: launch failed\n", row);
				exit(EXIT_FAILURE);
			}
			report(row, v);
		}
	}

	for (int k = 0; k < RING_KINDS; k++)
		ring_free(rings[k]);
}

int
main(int argc, char **argv)
{
	unsigned int worker;

	bench_init(argc, argv, "ring_perf", BENCH_SCALE_ONLY_USAGE,
		   bench_scale_only_option);
	worker = rte_get_next_lcore(-1, 1, 0);
	fprintf(stderr, "ring_perf: %s, main lcore %u, worker lcore %u, "
		"scale %g, TSC %" PRIu64 " Hz\n",
#ifdef RING_PERF_CK
		"ck_ring",
#else
		"rte_ring",
#endif
		rte_lcore_id(), worker, bench_scale, rte_get_tsc_hz());
	for (size_t i = 0; i < RTE_DIM(apis); i++)
		run_api(&apis[i], worker);

	rte_eal_cleanup();
	return EXIT_SUCCESS;
}
