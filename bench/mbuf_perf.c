/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mbuf_perf: time per mbuf of the allocation and free paths of rte_mbuf,
 * on one lcore, in the manner of mempool_perf (DPDK 22.11's
 * test_mempool_perf.c loop: take KEEP, give them back, repeat).
 *
 * Method. Two pools of NB_MBUFS mbufs made with rte_pktmbuf_pool_create()
 * (priv_size 0, data room RTE_MBUF_DEFAULT_BUF_SIZE, so the default ops,
 * ring_mp_mc, in both libraries): "mbuf_perf_c256" (cache 256) and
 * "mbuf_perf_c0" (no cache). The rows, each on both pools
 * (<pool> = cache256 or cache0):
 *
 *   <pool>/single   KEEP x rte_pktmbuf_alloc(), then KEEP x
 *                   rte_pktmbuf_free()
 *   <pool>/bulk<b>  rte_pktmbuf_alloc_bulk() of b until KEEP are out, then
 *                   rte_pktmbuf_free_bulk() of b, for b in {1, 8, 32}
 *   <pool>/raw      KEEP x rte_mbuf_raw_alloc(), then KEEP x
 *                   rte_mbuf_raw_free()
 *   <pool>/clone    KEEP x rte_pktmbuf_clone() of one mbuf holding 64
 *                   bytes (an indirect mbuf from the same pool each, the
 *                   direct one's refcnt going up), then KEEP x
 *                   rte_pktmbuf_free() of the clones (each detaches)
 *
 * with KEEP = 32, N/KEEP such rounds a loop (N = 65536 mbufs), loops until
 * TIME_MS milliseconds of rte_get_timer_cycles() have passed (checked
 * between loops, as mempool_perf does). The bulk sizes are compile-time
 * constants, as in an application with a fixed burst. Before and after
 * each row (after freeing clone's direct mbuf) rte_mempool_avail_count()
 * must be the pool's size; a failed allocation is fatal.
 *
 * Value: nanoseconds per mbuf allocated and freed (lower is better).
 *
 * Usage: mbuf_perf [EAL options] -- [--scale X] [--only SUBSTRING]
 *   --scale  multiply the time of each row by X (default 1: 12 rows of
 *            0.5 s, about 6 s a run)
 *   --only   run only the rows whose name contains SUBSTRING
 * Output, on stdout, one line per row (DPDK also logs to stdout, so a
 * reader keeps only lines of this shape):
 *   mbuf,<config>,<ns per mbuf alloc+free>
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* cpu_set_t for rte_lcore.h */
#endif

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "bench_common.h"

#define NB_MBUFS 4095
#define KEEP 32
#define N 65536u              /* mbufs per loop */
#define TIME_MS 500.0         /* per row, times --scale */
#define CLONE_DATA 64

enum kind { SINGLE, BULK, RAW, CLONE };

static void
fail(const char *row, const char *what)
{
	fprintf(stderr, "mbuf_perf: %s: %s\n", row, what);
	exit(EXIT_FAILURE);
}

/* N/KEEP rounds of bulk allocations of b, then bulk frees of b. */
static __rte_always_inline int
loop_bulk(struct rte_mempool *mp, unsigned int b)
{
	struct rte_mbuf *m[KEEP];

	for (unsigned int r = 0; likely(r < N / KEEP); r++) {
		for (unsigned int i = 0; i < KEEP; i += b)
			if (unlikely(rte_pktmbuf_alloc_bulk(mp, &m[i], b) != 0))
				return -1;
		for (unsigned int i = 0; i < KEEP; i += b)
			rte_pktmbuf_free_bulk(&m[i], b);
	}
	return 0;
}

/* One loop of N mbufs of a row; 0, or -1 if an allocation failed. */
static int
loop(enum kind kind, unsigned int b, struct rte_mempool *mp,
     struct rte_mbuf *md)
{
	struct rte_mbuf *m[KEEP];

	switch (kind) {
	case SINGLE:
		for (unsigned int r = 0; likely(r < N / KEEP); r++) {
			for (unsigned int i = 0; i < KEEP; i++)
				if (unlikely((m[i] = rte_pktmbuf_alloc(mp)) ==
					     NULL))
					return -1;
			for (unsigned int i = 0; i < KEEP; i++)
				rte_pktmbuf_free(m[i]);
		}
		return 0;
	case RAW:
		for (unsigned int r = 0; likely(r < N / KEEP); r++) {
			for (unsigned int i = 0; i < KEEP; i++)
				if (unlikely((m[i] = rte_mbuf_raw_alloc(mp)) ==
					     NULL))
					return -1;
			for (unsigned int i = 0; i < KEEP; i++)
				rte_mbuf_raw_free(m[i]);
		}
		return 0;
	case CLONE:
		for (unsigned int r = 0; likely(r < N / KEEP); r++) {
			for (unsigned int i = 0; i < KEEP; i++)
				if (unlikely((m[i] = rte_pktmbuf_clone(md, mp)) ==
					     NULL))
					return -1;
			for (unsigned int i = 0; i < KEEP; i++)
				rte_pktmbuf_free(m[i]);
		}
		return 0;
	case BULK:
		switch (b) {
		case 1:
			return loop_bulk(mp, 1);
		case 8:
			return loop_bulk(mp, 8);
		case 32:
			return loop_bulk(mp, 32);
		default:
			return loop_bulk(mp, b);
		}
	}
	return -1;
}

/* One row; ns per mbuf. Exits on failure. */
static double
run_row(const char *row, enum kind kind, unsigned int b,
	struct rte_mempool *mp, uint64_t run_cycles)
{
	struct rte_mbuf *md = NULL;
	uint64_t start, elapsed = 0, mbufs = 0;

	if (rte_mempool_avail_count(mp) != mp->size)
		fail(row, "the pool is not full before the run");
	if (kind == CLONE) {
		md = rte_pktmbuf_alloc(mp);
		if (md == NULL || rte_pktmbuf_append(md, CLONE_DATA) == NULL)
			fail(row, "cannot make the mbuf to clone");
		memset(rte_pktmbuf_mtod(md, char *), 0x5a, CLONE_DATA);
	}
	start = rte_get_timer_cycles();
	while (elapsed < run_cycles) {
		if (loop(kind, b, mp, md) != 0)
			fail(row, "an allocation failed");
		mbufs += N;
		elapsed = rte_get_timer_cycles() - start;
	}
	if (kind == CLONE) {
		if (rte_mbuf_refcnt_read(md) != 1)
			fail(row, "the cloned mbuf's refcnt is not 1 after");
		rte_pktmbuf_free(md);
	}
	if (rte_mempool_avail_count(mp) != mp->size)
		fail(row, "the pool is not full after the run");
	return (double)elapsed * 1e9 / (double)rte_get_timer_hz() /
	       (double)mbufs;
}

static struct rte_mempool *
make_pool(const char *name, unsigned int cache_size)
{
	struct rte_mempool *mp;

	mp = rte_pktmbuf_pool_create(name, NB_MBUFS, cache_size, 0,
				     RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	if (mp == NULL) {
		fprintf(stderr, "mbuf_perf: cannot create %s: %s\n", name,
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
		enum kind kind;
		unsigned int bulk;
	} rows[] = {
		{ "single", SINGLE, 1 },
		{ "bulk1", BULK, 1 },
		{ "bulk8", BULK, 8 },
		{ "bulk32", BULK, 32 },
		{ "raw", RAW, 1 },
		{ "clone", CLONE, 1 },
	};
	static const struct {
		const char *name;
		unsigned int cache_size;
	} pools[] = {
		{ "cache256", 256 },
		{ "cache0", 0 },
	};
	uint64_t run_cycles;
	char row[64];

	bench_init(argc, argv, "mbuf_perf", BENCH_SCALE_ONLY_USAGE,
		   bench_scale_only_option);
	run_cycles = (uint64_t)((double)rte_get_timer_hz() * TIME_MS *
				bench_scale / 1000.0);
	if (run_cycles == 0)
		run_cycles = 1;
	fprintf(stderr, "mbuf_perf: lcore %u, pools of %u mbufs (buffers of "
		"%u bytes), %.0f ms per row, timer %" PRIu64 " Hz\n", rte_lcore_id(),
		NB_MBUFS, RTE_MBUF_DEFAULT_BUF_SIZE, TIME_MS * bench_scale,
		rte_get_timer_hz());

	for (size_t p = 0; p < RTE_DIM(pools); p++) {
		struct rte_mempool *mp = NULL;
		char name[32];

		for (size_t r = 0; r < RTE_DIM(rows); r++) {
			snprintf(row, sizeof(row), "%s/%s", pools[p].name,
				 rows[r].name);
			if (!bench_wanted(row))
				continue;
			if (mp == NULL) {
				snprintf(name, sizeof(name), "mbuf_perf_c%u",
					 pools[p].cache_size);
				mp = make_pool(name, pools[p].cache_size);
			}
			bench_report("mbuf", row,
				     run_row(row, rows[r].kind, rows[r].bulk,
					     mp, run_cycles));
		}
		rte_mempool_free(mp);
	}
	rte_eal_cleanup();
	return EXIT_SUCCESS;
}
