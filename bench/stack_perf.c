/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * stack_perf: cycles per operation of rte_stack push+pop, after DPDK's
 * app/test/test_stack_perf.c (design/dpdk-api.md section 4.9), for the
 * standard stack ("std", flags 0) and the lock-free one ("lf",
 * RTE_STACK_F_LF).
 *
 * Method. A stack "STACK_PERF" of 4096 objects (DPDK's RTE_MAX_LCORE x 32
 * with its default 128 lcores, fixed here so that both libraries get the
 * same stack whatever their RTE_MAX_LCORE) on rte_socket_id(). Bulk sizes
 * {8, 32} come from a volatile array. Every value is rte_rdtsc() cycles:
 *
 *   <type>/single      push 1 + pop 1, SINGLE_ITERS times; cycles per
 *                      iteration (push+pop pair)
 *   <type>/empty       pop 8 from the empty stack, EMPTY_ITERS times;
 *                      cycles per pop call
 *   <type>/bulk/<n>    push n + pop n, BULK_ITERS times, on the main lcore;
 *                      cycles per object (per push+pop of one object)
 *   <type>/2core/<n>   the same loop, PAIR_ITERS times, on the main lcore
 *                      and on the next lcore at once (rte_eal_remote_launch),
 *                      both on the shared stack after a barrier (each side
 *                      decrements a count of 2, then waits for 0); the mean
 *                      of the two sides' cycles per object
 *
 * Unlike DPDK's test, each loop adds up what push and pop return and checks
 * the total afterwards (an add per call), so that a broken stack cannot pass
 * for a fast one.
 *
 * Iteration counts are half DPDK's (8,000,000 single pairs, 50,000,000
 * empty pops, 4,000,000 bulk and 500,000 pair iterations per size) times
 * --scale (default 1: about 5 s a run on a 2.3 GHz 2-CPU machine).
 *
 * Usage: stack_perf [EAL options] -- [--scale X] [--only SUBSTRING]
 *   --scale  multiply every iteration count by X (default 1)
 *   --only   run only the rows whose name contains SUBSTRING
 * Needs two lcores for the 2core rows (e.g. -l 0-1); with one they are
 * skipped. Output, on stdout, one line per row (DPDK also logs to stdout,
 * so a reader keeps only lines of this shape):
 *   stack,<config>,<cycles>
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
#include <rte_stack.h>

#include "bench_common.h"

#define STACK_SIZE 4096
#define MAX_BULK 32

/* half DPDK's counts */
#define SINGLE_ITERS 8000000.0
#define EMPTY_ITERS 50000000.0
#define BULK_ITERS 4000000.0
#define PAIR_ITERS 500000.0

static const volatile unsigned int bulk_sizes[] = { 8, 32 };

static void
check_moved(const char *what, uint64_t got, uint64_t want)
{
	if (got != want) {
		fprintf(stderr,
			"stack_perf: %s moved %" PRIu64 " objects, not %" PRIu64
			"\n", what, got, want);
		exit(EXIT_FAILURE);
	}
}

/* ---- the timed loops; each returns the cycles of its loop */
static uint64_t
single_push_pop(struct rte_stack *s, uint64_t iters)
{
	void *obj = NULL;
	uint64_t t, moved = 0;

	t = rte_rdtsc();
	for (uint64_t i = 0; i < iters; i++) {
		moved += rte_stack_push(s, &obj, 1);
		moved += rte_stack_pop(s, &obj, 1);
	}
	t = rte_rdtsc() - t;
	check_moved("single push/pop", moved, iters * 2);
	return t;
}

static uint64_t
empty_pop(struct rte_stack *s, unsigned int n, uint64_t iters)
{
	void *objs[MAX_BULK];
	uint64_t t, moved = 0;

	t = rte_rdtsc();
	for (uint64_t i = 0; i < iters; i++)
		moved += rte_stack_pop(s, objs, n);
	t = rte_rdtsc() - t;
	check_moved("empty pop", moved, 0);
	return t;
}

static uint64_t
bulk_push_pop(struct rte_stack *s, unsigned int n, uint64_t iters)
{
	void *objs[MAX_BULK] = { NULL };
	uint64_t t, moved = 0;

	t = rte_rdtsc();
	for (uint64_t i = 0; i < iters; i++) {
		moved += rte_stack_push(s, objs, n);
		moved += rte_stack_pop(s, objs, n);
	}
	t = rte_rdtsc() - t;
	check_moved("bulk push/pop", moved, iters * n * 2);
	return t;
}

/* ---- the two-core rows: the worker lcore runs pair_main */
static unsigned int lcore_barrier;

struct side {
	struct rte_stack *s;
	unsigned int n;
	uint64_t iters;
	uint64_t cycles;
};

static void
barrier(void)
{
	__atomic_fetch_sub(&lcore_barrier, 1, __ATOMIC_RELAXED);
	while (__atomic_load_n(&lcore_barrier, __ATOMIC_RELAXED) != 0)
		rte_pause();
}

static int
pair_main(void *arg)
{
	struct side *p = arg;

	barrier();
	p->cycles = bulk_push_pop(p->s, p->n, p->iters);
	return 0;
}

/* Mean cycles per object of the two sides; < 0 if the launch failed. */
static double
two_core(struct rte_stack *s, unsigned int n, uint64_t iters,
	 unsigned int worker)
{
	struct side w = { s, n, iters, 0 }, m = { s, n, iters, 0 };

	__atomic_store_n(&lcore_barrier, 2, __ATOMIC_RELAXED);
	if (rte_eal_remote_launch(pair_main, &w, worker) != 0)
		return -1;
	pair_main(&m);
	if (rte_eal_wait_lcore(worker) != 0)
		return -1;
	return ((double)m.cycles + (double)w.cycles) / 2 /
	       (double)(iters * n);
}

/* ---- rows */
static void
report(const char *row, double cycles)
{
	bench_report("stack", row, cycles);
}

static void
run_type(const char *type, uint32_t flags, unsigned int worker)
{
	const unsigned int nsizes = RTE_DIM(bulk_sizes);
	struct rte_stack *s;
	uint64_t iters;
	char row[64];

	s = rte_stack_create("STACK_PERF", STACK_SIZE, rte_socket_id(), flags);
	if (s == NULL && (flags & RTE_STACK_F_LF) && rte_errno == ENOTSUP) {
		fprintf(stderr, "stack_perf: no %s stack here, skipped\n", type);
		return;
	}
	if (s == NULL) {
		fprintf(stderr, "stack_perf: cannot create the %s stack: %s\n",
			type, strerror(rte_errno));
		exit(EXIT_FAILURE);
	}

	snprintf(row, sizeof(row), "%s/single", type);
	if (bench_wanted(row)) {
		iters = bench_iterations(SINGLE_ITERS);
		report(row, (double)single_push_pop(s, iters) / (double)iters);
	}
	snprintf(row, sizeof(row), "%s/empty", type);
	if (bench_wanted(row)) {
		iters = bench_iterations(EMPTY_ITERS);
		report(row, (double)empty_pop(s, 8, iters) / (double)iters);
	}
	for (unsigned int i = 0; i < nsizes; i++) {
		unsigned int n = bulk_sizes[i];

		snprintf(row, sizeof(row), "%s/bulk/%u", type, n);
		if (!bench_wanted(row))
			continue;
		iters = bench_iterations(BULK_ITERS);
		report(row, (double)bulk_push_pop(s, n, iters) /
				    (double)(iters * n));
	}
	for (unsigned int i = 0; i < nsizes; i++) {
		unsigned int n = bulk_sizes[i];
		double v;

		snprintf(row, sizeof(row), "%s/2core/%u", type, n);
		if (!bench_wanted(row))
			continue;
		if (worker >= RTE_MAX_LCORE) {
			fprintf(stderr, "stack_perf: %s skipped: one lcore\n",
				row);
			continue;
		}
		v = two_core(s, n, bench_iterations(PAIR_ITERS), worker);
		if (v < 0) {
			fprintf(stderr, "stack_perf: %s: launch failed\n", row);
			exit(EXIT_FAILURE);
		}
		report(row, v);
	}

	rte_stack_free(s);
}

int
main(int argc, char **argv)
{
	unsigned int worker;

	bench_init(argc, argv, "stack_perf", BENCH_SCALE_ONLY_USAGE,
		   bench_scale_only_option);
	worker = rte_get_next_lcore(-1, 1, 0);
	fprintf(stderr, "stack_perf: main lcore %u, worker lcore %u, "
		"scale %g, TSC %" PRIu64 " Hz\n",
		rte_lcore_id(), worker, bench_scale, rte_get_tsc_hz());
	run_type("std", 0, worker);
	run_type("lf", RTE_STACK_F_LF, worker);

	rte_eal_cleanup();
	return EXIT_SUCCESS;
}
