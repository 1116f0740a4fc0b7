/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * alloc_perf: time per get+put pair of one 2 KiB object, from a mempool
 * (rte_mempool_get/rte_mempool_put) or from malloc (malloc/free: glibc's,
 * or jemalloc's, tcmalloc's or mimalloc's when bench/run preloads one with
 * LD_PRELOAD), in three patterns:
 *
 *   keep1    put the object back at once (1 object live)
 *   keep32   32 live objects in a ring: put the oldest back, get a new one
 *            in its place (31 to 32 live)
 *   keep128  the same with 128
 *
 * The mempool is what an application makes for its packet buffers: 4095
 * objects of 2048 bytes, a cache of 512 per lcore, flags 0 (ring_mp_mc),
 * used through the main lcore's default cache. Each allocated object gets
 * one byte written, so the compiler cannot drop a malloc/free pair and the
 * object is really touched, as a user would.
 *
 * Usage: alloc_perf [EAL options] -- [--alloc mempool|malloc]
 *                   [--expect-malloc SUBSTRING] [--scale X] [--only SUBSTRING]
 *   --alloc   mempool (the default) or malloc (malloc/free; the EAL is
 *             still initialised, so the thread is pinned and the process
 *             looks the same)
 *   --expect-malloc  fail unless the shared object that provides malloc()
 *             (dladdr of dlsym(RTLD_DEFAULT, "malloc")) has SUBSTRING in
 *             its path: bench/run's check that LD_PRELOAD took effect
 *   --scale   multiply the time of each row (200 ms) by X
 *   --only    run only the rows whose name contains SUBSTRING
 *
 * Method (malloc_perf's): each row is calibrated first (the iteration count
 * doubles until a run takes 10 ms, which also warms the allocator), then
 * timed with clock_gettime(CLOCK_MONOTONIC) over 5 repetitions of about
 * 40 ms x --scale; the median is reported. Filling and emptying the ring
 * are outside the timed region. Single-threaded, on the main lcore.
 *
 * Output, on stdout, one line per row (DPDK also logs to stdout, so a
 * reader keeps only lines of this shape; bench/run knows which allocator
 * it asked for):
 *   alloc,<pattern>,<ns per get+put pair>
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* clock_gettime under -std=c11; dladdr; cpu_set_t */
#endif

#include <dlfcn.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_mempool.h>

#include "bench_common.h"

#define OBJ_SIZE 2048
#define POOL_SIZE 4095        /* a ring of 4096; more than keep + caches */
#define POOL_CACHE 512
#define MAX_KEEP 128
#define REPS 5
#define ROW_NS 200e6          /* per row, times --scale */
#define CALIB_NS 10e6         /* calibration stops once a run takes 10 ms */

static const unsigned int keeps[] = { 1, 32, 128 };

static bool use_mempool = true;  /* --alloc */
static const char *expect_malloc; /* --expect-malloc */
static struct rte_mempool *pool;

/* The allocator under test. The branch is perfectly predicted. */
static inline void *
get_obj(void)
{
	void *p;

	if (use_mempool) {
		if (unlikely(rte_mempool_get(pool, &p) != 0))
			p = NULL;
	} else {
		p = malloc(OBJ_SIZE);
	}
	if (unlikely(p == NULL)) {
		fprintf(stderr, "alloc_perf: %s failed\n",
			use_mempool ? "rte_mempool_get" : "malloc");
		exit(EXIT_FAILURE);
	}
	((volatile char *)p)[0] = 1; /* touch it; keeps the pair alive */
	return p;
}

static inline void
put_obj(void *p)
{
	if (use_mempool)
		rte_mempool_put(pool, p);
	else
		free(p);
}

static double
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* One timed run: n put+get pairs with keep objects live. ns of the pairs. */
static double
run_keep(unsigned int keep, uint64_t n)
{
	void *ring[MAX_KEEP];
	unsigned int slot = 0;
	double t0, t;

	for (unsigned int i = 0; i < keep; i++)
		ring[i] = get_obj();
	t0 = now_ns();
	for (uint64_t i = 0; i < n; i++) {
		put_obj(ring[slot]);
		ring[slot] = get_obj();
		if (++slot == keep)
			slot = 0;
	}
	t = now_ns() - t0;
	for (unsigned int i = 0; i < keep; i++)
		put_obj(ring[i]);
	return t;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Median ns per pair over REPS runs of about rep_ns each. */
static double
measure(unsigned int keep, double rep_ns)
{
	double per_pair[REPS];
	uint64_t n = 1;
	double t;

	while ((t = run_keep(keep, n)) < CALIB_NS)
		n *= 2;
	n = (uint64_t)((double)n * rep_ns / t);
	if (n == 0)
		n = 1;
	for (unsigned int r = 0; r < REPS; r++)
		per_pair[r] = run_keep(keep, n) / (double)n;
	qsort(per_pair, REPS, sizeof(per_pair[0]), cmp_double);
	return per_pair[REPS / 2];
}

/* The shared object malloc() comes from, or "?" */
static const char *
malloc_provider(void)
{
	void *sym = dlsym(RTLD_DEFAULT, "malloc");
	Dl_info info;

	if (sym == NULL || dladdr(sym, &info) == 0 || info.dli_fname == NULL)
		return "?";
	return info.dli_fname;
}

static bool
option(const char *name, const char *value)
{
	if (strcmp(name, "--alloc") == 0 && strcmp(value, "mempool") == 0)
		use_mempool = true;
	else if (strcmp(name, "--alloc") == 0 && strcmp(value, "malloc") == 0)
		use_mempool = false;
	else if (strcmp(name, "--expect-malloc") == 0)
		expect_malloc = value;
	else
		return bench_scale_only_option(name, value);
	return true;
}

int
main(int argc, char **argv)
{
	const char *provider;
	char row[32];

	bench_init(argc, argv, "alloc_perf",
		   "[--alloc mempool|malloc] [--expect-malloc SUBSTRING] "
		   BENCH_SCALE_ONLY_USAGE, option);

	provider = malloc_provider();
	if (expect_malloc != NULL && strstr(provider, expect_malloc) == NULL) {
		fprintf(stderr, "alloc_perf: malloc comes from %s, not from "
			"a library named *%s* (LD_PRELOAD not in effect?)\n",
			provider, expect_malloc);
		return EXIT_FAILURE;
	}
	if (use_mempool) {
		pool = rte_mempool_create("alloc_perf", POOL_SIZE, OBJ_SIZE,
					  POOL_CACHE, 0, NULL, NULL, NULL, NULL,
					  SOCKET_ID_ANY, 0);
		if (pool == NULL) {
			fprintf(stderr, "alloc_perf: cannot create the pool: "
				"%s\n", rte_strerror(rte_errno));
			return EXIT_FAILURE;
		}
	}
	fprintf(stderr, "alloc_perf: %s on lcore %u, %u-byte objects, "
		"%.0f ms per row\n",
		use_mempool ? "rte_mempool (cache 512)" : provider,
		rte_lcore_id(), OBJ_SIZE, ROW_NS * bench_scale / 1e6);

	for (size_t k = 0; k < RTE_DIM(keeps); k++) {
		snprintf(row, sizeof(row), "keep%u", keeps[k]);
		if (bench_wanted(row))
			bench_report("alloc", row,
				     measure(keeps[k],
					     ROW_NS * bench_scale / REPS));
	}

	if (use_mempool) {
		if (rte_mempool_avail_count(pool) != POOL_SIZE) {
			fprintf(stderr, "alloc_perf: %u objects of %u "
				"available at the end\n",
				rte_mempool_avail_count(pool), POOL_SIZE);
			return EXIT_FAILURE;
		}
		rte_mempool_free(pool);
	}
	rte_eal_cleanup();
	return EXIT_SUCCESS;
}
