/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mempool_perf: time per object of rte_mempool get+put, after DPDK 22.11's
 * app/test/test_mempool_perf.c (design/dpdk-api.md section 4.7), on a
 * smaller grid.
 *
 * Method (DPDK 22.11's). Objects of 2048 bytes, each initialised like
 * DPDK's my_obj_init() (zeroed, its index in the first word). Pool size
 * rte_lcore_count() x (MAX_KEEP + RTE_MEMPOOL_CACHE_MAX_SIZE) - 1 with
 * MAX_KEEP 512, as in 22.11 (2047 objects with -l 0-1), whatever the rows
 * use. Two pools made with rte_mempool_create(), flags 0 (so the default
 * ops, ring_mp_mc, in both libraries): "perf_test_nocache" (cache 0) and
 * "perf_test_cache" (cache 512). The rows:
 *
 *   cache0/<c>core/keep<k>/bulk<b>        perf_test_nocache, no cache
 *   cache512/<c>core/keep<k>/bulk<b>      perf_test_cache, each lcore's
 *                                         default cache
 *   usercache512/<c>core/keep<k>/bulk<b>  perf_test_nocache, through a
 *                                         user-owned cache of 512 that each
 *                                         lcore makes with
 *                                         rte_mempool_cache_create() before
 *                                         its run, flushes and frees after
 *
 * for c in {1, 2} lcores (the main lcore and the first worker), keep k in
 * {32, 128} and bulk b in {1, 4, 32}: every lcore repeats test_loop() of
 * DPDK, N/k rounds of (get k objects into a local table in bulks of b
 * with rte_mempool_generic_get(), then put them back in bulks of b with
 * rte_mempool_generic_put()), N = 65536 objects a loop, until TIME_MS
 * milliseconds of rte_get_timer_cycles() have passed; the time is checked
 * between loops only, as in DPDK. The get and put bulk sizes are equal and
 * compile-time constants (DPDK's dispatch of test_loop() on {1, 4, 32}),
 * as in an application with a fixed burst. The lcores start together
 * (a flag the workers wait for, set by the main lcore). Before each row
 * rte_mempool_avail_count() must be the pool's size (DPDK's check), after
 * it too; a failed get is fatal.
 *
 * Value: DPDK's rate (the sum over the lcores of objects x timer hz /
 * cycles) turned into nanoseconds per object per lcore, c x 1e9 / rate:
 * the mean time one lcore takes to get and put one object (lower is
 * better). With 2 lcores it grows with the contention on the pool.
 *
 * Differences from DPDK 22.11's test: a subset of its grid (22.11: keep
 * {32, 128, 512} x get {1, 4, 32, 64(=cache line burst)} x put the same;
 * here get = put); TIME_MS = 500 x --scale per row instead of 5 s; the rate
 * from measured cycles (DPDK 26.07's formula) instead of objects / 5 s.
 * No "default_pool" rows: DPDK runs them only when rte_mbuf_best_mempool_ops()
 * differs from ring_mp_mc, which it does not here.
 *
 * Usage: mempool_perf [EAL options] -- [--scale X] [--only SUBSTRING]
 *   --scale  multiply the time of each row by X (default 1: 36 rows of
 *            0.5 s, about 20 s a run)
 *   --only   run only the rows whose name contains SUBSTRING
 * Needs two lcores for the 2core rows (e.g. -l 0-1); with one they are
 * skipped. Output, on stdout, one line per row (DPDK also logs to stdout,
 * so a reader keeps only lines of this shape):
 *   mempool,<config>,<ns per object get+put per lcore>
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
#include <rte_mempool.h>
#include <rte_pause.h>

#include "bench_common.h"

#define ELT_SIZE 2048
#define MAX_KEEP 512          /* DPDK 22.11's; sizes the pool and the table */
#define N 65536u              /* objects per test_loop(), DPDK 22.11's */
#define TIME_MS 500.0         /* per row, times --scale */
#define USER_CACHE_SIZE RTE_MEMPOOL_CACHE_MAX_SIZE

static const unsigned int cores_list[] = { 1, 2 };
static const unsigned int keep_list[] = { 32, 128 };
static const unsigned int bulk_list[] = { 1, 4, 32 };

/* ---- one row: what every participating lcore runs */
static struct row_params {
	struct rte_mempool *mp;
	int user_cache;         /* 1: a user-owned cache per lcore */
	unsigned int n_keep;
	unsigned int n_bulk;
	uint64_t run_cycles;    /* timer cycles per lcore */
} params;

static uint32_t synchro;      /* 1: start */

static struct lcore_result {
	uint64_t objects;       /* put (and got) */
	uint64_t cycles;        /* timer cycles they took */
	int failed;
} __rte_cache_aligned results[RTE_MAX_LCORE];

/* DPDK's my_obj_init(): zero the object, its index in the first word. */
static void
my_obj_init(struct rte_mempool *mp, void *arg, void *obj, unsigned int i)
{
	uint32_t *objnum = obj;

	(void)arg;
	memset(obj, 0, mp->elt_size);
	*objnum = i;
}

/*
 * DPDK's test_loop(): N/n_keep rounds of get n_keep objects in bulks of
 * n_get, then put them back in bulks of n_put. 0, or -1 if a get failed.
 */
static __rte_always_inline int
test_loop(struct rte_mempool *mp, struct rte_mempool_cache *cache,
	  unsigned int n_keep, unsigned int n_get, unsigned int n_put)
{
	void *obj_table[MAX_KEEP] __rte_cache_aligned;
	unsigned int i, idx;

	for (i = 0; likely(i < N / n_keep); i++) {
		for (idx = 0; idx < n_keep; idx += n_get)
			if (unlikely(rte_mempool_generic_get(mp, &obj_table[idx],
							     n_get, cache) < 0))
				return -1;
		for (idx = 0; idx < n_keep; idx += n_put)
			rte_mempool_generic_put(mp, &obj_table[idx], n_put,
						cache);
	}
	return 0;
}

/* the bulk size as a compile-time constant, as DPDK dispatches it */
static int
test_loop_dispatch(struct rte_mempool *mp, struct rte_mempool_cache *cache,
		   unsigned int n_keep, unsigned int n_bulk)
{
	switch (n_bulk) {
	case 1:
		return test_loop(mp, cache, n_keep, 1, 1);
	case 4:
		return test_loop(mp, cache, n_keep, 4, 4);
	case 32:
		return test_loop(mp, cache, n_keep, 32, 32);
	default:
		return test_loop(mp, cache, n_keep, n_bulk, n_bulk);
	}
}

/* DPDK's per_lcore_mempool_test(), on every participating lcore. */
static int
per_lcore_test(void *arg)
{
	const struct row_params *p = &params;
	struct lcore_result *res = &results[rte_lcore_id()];
	struct rte_mempool_cache *cache;
	uint64_t start, elapsed = 0, objects = 0;

	(void)arg;
	if (p->user_cache)
		cache = rte_mempool_cache_create(USER_CACHE_SIZE, SOCKET_ID_ANY);
	else
		cache = rte_mempool_default_cache(p->mp, rte_lcore_id());
	res->failed = p->user_cache && cache == NULL;

	while (__atomic_load_n(&synchro, __ATOMIC_RELAXED) == 0)
		rte_pause();
	if (res->failed)
		return -1;

	start = rte_get_timer_cycles();
	while (elapsed < p->run_cycles) {
		if (test_loop_dispatch(p->mp, cache, p->n_keep, p->n_bulk) < 0) {
			res->failed = 1;
			break;
		}
		objects += N;
		elapsed = rte_get_timer_cycles() - start;
	}
	res->objects = objects;
	res->cycles = elapsed;

	if (p->user_cache) {
		rte_mempool_cache_flush(cache, p->mp);
		rte_mempool_cache_free(cache);
	}
	return res->failed ? -1 : 0;
}

/* One row on `cores` lcores; ns per object per lcore. Exits on failure. */
static double
run_row(const char *row, unsigned int cores)
{
	unsigned int lcores[2], n = 0, lcore_id, i;
	double rate = 0;
	int failed = 0;

	if (rte_mempool_avail_count(params.mp) != params.mp->size) {
		fprintf(stderr, "mempool_perf: %s: %u objects available before "
			"the run, not %u\n", row,
			rte_mempool_avail_count(params.mp), params.mp->size);
		exit(EXIT_FAILURE);
	}
	memset(results, 0, sizeof(results));
	__atomic_store_n(&synchro, 0, __ATOMIC_RELAXED);

	lcores[n++] = rte_lcore_id();
	RTE_LCORE_FOREACH_WORKER(lcore_id) {
		if (n == cores)
			break;
		if (rte_eal_remote_launch(per_lcore_test, NULL, lcore_id) != 0) {
			fprintf(stderr, "mempool_perf: %s: cannot launch on "
				"lcore %u\n", row, lcore_id);
			exit(EXIT_FAILURE);
		}
		lcores[n++] = lcore_id;
	}
	__atomic_store_n(&synchro, 1, __ATOMIC_RELAXED);
	failed |= per_lcore_test(NULL) != 0;
	for (i = 1; i < n; i++)
		failed |= rte_eal_wait_lcore(lcores[i]) != 0;

	if (failed) {
		fprintf(stderr, "mempool_perf: %s: a get failed or a cache "
			"could not be made\n", row);
		rte_mempool_dump(stderr, params.mp);
		exit(EXIT_FAILURE);
	}
	if (rte_mempool_avail_count(params.mp) != params.mp->size) {
		fprintf(stderr, "mempool_perf: %s: %u objects available after "
			"the run, not %u\n", row,
			rte_mempool_avail_count(params.mp), params.mp->size);
		exit(EXIT_FAILURE);
	}
	for (i = 0; i < n; i++) {
		const struct lcore_result *r = &results[lcores[i]];

		rate += (double)r->objects * (double)rte_get_timer_hz() /
			(double)r->cycles;
	}
	return (double)n * 1e9 / rate;
}

static struct rte_mempool *
make_pool(const char *name, unsigned int size, unsigned int cache_size)
{
	struct rte_mempool *mp;

	mp = rte_mempool_create(name, size, ELT_SIZE, cache_size, 0, NULL,
				NULL, my_obj_init, NULL, SOCKET_ID_ANY, 0);
	if (mp == NULL) {
		fprintf(stderr, "mempool_perf: cannot create %s: %s\n", name,
			rte_strerror(rte_errno));
		exit(EXIT_FAILURE);
	}
	return mp;
}

int
main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int pool;               /* 0: nocache, 1: cache */
		int user_cache;
	} kinds[] = {
		{ "cache0", 0, 0 },
		{ "cache512", 1, 0 },
		{ "usercache512", 0, 1 },
	};
	struct rte_mempool *pools[2];
	unsigned int size;
	char row[64];

	bench_init(argc, argv, "mempool_perf", BENCH_SCALE_ONLY_USAGE,
		   bench_scale_only_option);
	size = rte_lcore_count() * (MAX_KEEP + RTE_MEMPOOL_CACHE_MAX_SIZE) - 1;
	pools[0] = make_pool("perf_test_nocache", size, 0);
	pools[1] = make_pool("perf_test_cache", size, RTE_MEMPOOL_CACHE_MAX_SIZE);
	params.run_cycles = (uint64_t)((double)rte_get_timer_hz() * TIME_MS *
				       bench_scale / 1000.0);
	if (params.run_cycles == 0)
		params.run_cycles = 1;
	fprintf(stderr, "mempool_perf: %u lcores, pools of %u objects of %u "
		"bytes, ops %s, %.0f ms per row, timer %" PRIu64 " Hz\n",
		rte_lcore_count(), size, ELT_SIZE,
		rte_mempool_get_ops(pools[0]->ops_index)->name,
		TIME_MS * bench_scale, rte_get_timer_hz());

	for (size_t k = 0; k < RTE_DIM(kinds); k++) {
		for (size_t c = 0; c < RTE_DIM(cores_list); c++) {
			unsigned int cores = cores_list[c];

			for (size_t ki = 0; ki < RTE_DIM(keep_list); ki++) {
				for (size_t b = 0; b < RTE_DIM(bulk_list); b++) {
					snprintf(row, sizeof(row),
						 "%s/%ucore/keep%u/bulk%u",
						 kinds[k].name, cores,
						 keep_list[ki], bulk_list[b]);
					if (!bench_wanted(row))
						continue;
					if (cores > rte_lcore_count()) {
						fprintf(stderr, "mempool_perf: %s "
							"skipped: %u lcore(s)\n",
							row, rte_lcore_count());
						continue;
					}
					params.mp = pools[kinds[k].pool];
					params.user_cache = kinds[k].user_cache;
					params.n_keep = keep_list[ki];
					params.n_bulk = bulk_list[b];
					bench_report("mempool", row,
						     run_row(row, cores));
				}
			}
		}
	}

	rte_mempool_free(pools[1]);
	rte_mempool_free(pools[0]);
	rte_eal_cleanup();
	return EXIT_SUCCESS;
}
