/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * malloc_perf: time per rte_malloc()+rte_free() pair (or malloc()+free()),
 * for block sizes 64 B to 16 KiB and three usage patterns:
 *
 *   single   allocate a block and free it at once (1 block live)
 *   ring32   keep 32 live blocks in a ring: allocate one, free the oldest
 *   batch1024  allocate 1024 blocks, then free them all in the same order
 *
 * Usage: malloc_perf [EAL options] -- [--alloc rte|libc] [--ms N] [--reps N]
 *                                     [--pattern NAME] [--size N]
 *   --alloc  allocator: rte (rte_malloc/rte_free, the default) or libc
 *            (malloc/free; the EAL is still initialised so that the thread
 *            is pinned and the process looks the same);
 *   --ms     target time of one cell (pattern x size), default 200 ms,
 *            spread over the repetitions;
 *   --reps   repetitions per cell, default 5; the median is reported;
 *   --pattern, --size  run only the cells of this pattern or size (for
 *            profiling one cell with perf).
 *
 * Output, on stdout, one line per cell (DPDK 22.11 also logs to stdout,
 * so a reader keeps only lines of this shape; bench/run knows which
 * allocator it asked for):
 *   malloc,<pattern>/<size>,<ns_per_pair>
 *
 * Design: the program uses only DPDK's public headers, so the same source
 * builds against rtmem (bench/CMakeLists.txt) and against DPDK
 * (bench/run, with pkg-config libdpdk); bench/run runs both and compares.
 * Each cell is calibrated first (the iteration count doubles until a run
 * takes 10 ms, which also warms the heap), then timed with
 * clock_gettime(CLOCK_MONOTONIC) over whole repetitions. Setup (filling
 * the ring) and teardown (emptying it) are outside the timed region. Every
 * block gets one byte written, so the compiler cannot drop a malloc/free
 * pair and the block is really touched, as a user would.
 *
 * Single-threaded: everything runs on the main lcore.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* clock_gettime under -std=c11; cpu_set_t for rte_lcore.h */
#endif

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_malloc.h>

#include "bench_common.h"

#define RING_LIVE 32
#define BATCH_LIVE 1024
#define MAX_REPS 99
#define CALIB_NS 10000000.0 /* calibration stops once a run takes 10 ms */

static const size_t sizes[] = { 64, 256, 1024, 4096, 16384 };

static bool use_rte = true; /* --alloc: rte_malloc/rte_free or malloc/free */

/* The allocator under test. The branch is perfectly predicted. */
static void *
bench_alloc(size_t size)
{
	void *p = use_rte ? rte_malloc(NULL, size, 0) : malloc(size);

	if (p == NULL) {
		fprintf(stderr, "malloc_perf: %s(%zu) failed\n",
			use_rte ? "rte_malloc" : "malloc", size);
		exit(EXIT_FAILURE);
	}
	((volatile char *)p)[0] = 1; /* touch it; keeps the pair alive */
	return p;
}

static void
bench_free(void *p)
{
	if (use_rte)
		rte_free(p);
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

/*
 * One timed run of a pattern: n alloc+free pairs of size bytes. Returns
 * the elapsed nanoseconds of the pairs only.
 */
typedef double (*pattern_fn)(size_t size, uint64_t n);

static double
run_single(size_t size, uint64_t n)
{
	double t0 = now_ns();

	for (uint64_t i = 0; i < n; i++)
		bench_free(bench_alloc(size));
	return now_ns() - t0;
}

static double
run_ring32(size_t size, uint64_t n)
{
	void *ring[RING_LIVE];
	double t0, t;

	for (unsigned int i = 0; i < RING_LIVE; i++)
		ring[i] = bench_alloc(size);
	t0 = now_ns();
	for (uint64_t i = 0; i < n; i++) {
		unsigned int slot = (unsigned int)(i % RING_LIVE);
		void *oldest = ring[slot];

		ring[slot] = bench_alloc(size);
		bench_free(oldest);
	}
	t = now_ns() - t0;
	for (unsigned int i = 0; i < RING_LIVE; i++)
		bench_free(ring[i]);
	return t;
}

/* n is rounded up to whole batches by the caller. */
static double
run_batch1024(size_t size, uint64_t n)
{
	static void *live[BATCH_LIVE];
	double t0 = now_ns();

	for (uint64_t done = 0; done < n; done += BATCH_LIVE) {
		for (unsigned int i = 0; i < BATCH_LIVE; i++)
			live[i] = bench_alloc(size);
		for (unsigned int i = 0; i < BATCH_LIVE; i++)
			bench_free(live[i]);
	}
	return now_ns() - t0;
}

static const struct {
	const char *name;
	pattern_fn run;
	uint64_t unit; /* iteration counts are multiples of this */
} patterns[] = {
	{ "single", run_single, 1 },
	{ "ring32", run_ring32, 1 },
	{ "batch1024", run_batch1024, BATCH_LIVE },
};

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Median ns per pair of one cell, over reps runs of about rep_ns each. */
static double
measure(pattern_fn run, uint64_t unit, size_t size, double rep_ns,
	unsigned int reps)
{
	double per_pair[MAX_REPS];
	uint64_t n = unit;
	double t;

	/* Calibrate (and warm up): double n until a run takes CALIB_NS. */
	while ((t = run(size, n)) < CALIB_NS)
		n *= 2;
	n = (uint64_t)((double)n * rep_ns / t);
	n = (n + unit - 1) / unit * unit;
	if (n == 0)
		n = unit;

	for (unsigned int r = 0; r < reps; r++)
		per_pair[r] = run(size, n) / (double)n;
	qsort(per_pair, reps, sizeof(per_pair[0]), cmp_double);
	return per_pair[reps / 2];
}

/* the options, read by bench_init() */
static unsigned long cell_ms = 200, cell_reps = 5, only_size = 0;
static const char *only_pattern;

static bool
option(const char *opt, const char *val)
{
	if (strcmp(opt, "--alloc") == 0 && strcmp(val, "rte") == 0)
		use_rte = true;
	else if (strcmp(opt, "--alloc") == 0 && strcmp(val, "libc") == 0)
		use_rte = false;
	else if (strcmp(opt, "--ms") == 0)
		cell_ms = bench_parse_count(val, 100000);
	else if (strcmp(opt, "--reps") == 0)
		cell_reps = bench_parse_count(val, MAX_REPS);
	else if (strcmp(opt, "--pattern") == 0)
		only_pattern = val;
	else if (strcmp(opt, "--size") == 0)
		only_size = bench_parse_count(val, SIZE_MAX);
	else
		return false;
	return true;
}

int
main(int argc, char **argv)
{
	bench_init(argc, argv, "malloc_perf",
		   "[--alloc rte|libc] [--ms N] [--reps N]\n"
		   "       [--pattern single|ring32|batch1024] [--size N]",
		   option);

	fprintf(stderr, "malloc_perf: %s on lcore %u, %lu ms per cell, %lu reps\n",
		use_rte ? "rte_malloc" : "libc malloc", rte_lcore_id(), cell_ms,
		cell_reps);
	for (size_t p = 0; p < RTE_DIM(patterns); p++) {
		if (only_pattern != NULL &&
		    strcmp(only_pattern, patterns[p].name) != 0)
			continue;
		for (size_t s = 0; s < RTE_DIM(sizes); s++) {
			double ns;

			if (only_size != 0 && only_size != sizes[s])
				continue;
			ns = measure(patterns[p].run, patterns[p].unit,
					    sizes[s], cell_ms * 1e6 / cell_reps,
					    (unsigned int)cell_reps);

			printf("malloc,%s/%zu,%.2f\n", patterns[p].name,
			       sizes[s], ns);
			fflush(stdout);
		}
	}

	rte_eal_cleanup();
	return EXIT_SUCCESS;
}
