/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: the heap under concurrent use. Four threads (the main
 * lcore, a worker lcore when CPUs 0-1 are ours, and non-EAL threads
 * registered with rte_thread_register) run for a bounded time, each with
 * its own slots of blocks: rte_malloc, rte_zmalloc, rte_calloc and
 * rte_realloc of random sizes (1 B to 64 KiB, log-uniform) and random
 * alignments (0 or a power of two up to 4096), and rte_free. Every block
 * is stamped with a pattern of its own (thread, serial) and checked
 * before it is freed or resized, so a block handed out twice or placed
 * over another shows up as a damaged pattern; zeroed blocks must read
 * zero, aligned blocks must be aligned, rte_malloc_validate must report at
 * least the size asked for, and realloc must keep the contents. Threads
 * also pass blocks to each other through mailboxes (freed by another
 * thread than the one that allocated them) and reserve and free small
 * memzones. The EAL starts with -m 2, so the heap grows during the run.
 * At the end every block is freed; then malloc_heap_check() passes on
 * every heap, alloc_count is back to its start, the free bytes are the
 * heap size minus what was allocated before the run, and the memzone
 * count is back.
 *
 * Usage: test_malloc_stress [seconds]   (default 2, or
 * $RTMEM_STRESS_SECONDS).
 */
#include <errno.h>
#include <pthread.h>
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
#include <rte_malloc.h>
#include <rte_memzone.h>

#include "malloc/malloc_heap.h"
#include "mem/mem_private.h"

#include "test.h"

#define NTHREADS 4
#define SLOTS 96
#define MAILBOXES 16
#define MAX_SIZE (64u * 1024)
#define ZONES 4

struct block {
	unsigned char *p;
	size_t size;      /* bytes asked for and stamped */
	uint64_t tag;     /* the pattern's seed: thread and serial */
};

struct worker {
	unsigned int id;
	uint64_t rng;
	uint64_t serial;
	struct block slot[SLOTS];
	const struct rte_memzone *zone[ZONES];
	uint64_t zone_tag[ZONES];
	/* counters */
	uint64_t ops, allocs, frees, reallocs, moved, passed, zones;
	uint64_t bad_pattern, bad_zero, bad_align, bad_size, alloc_fail;
	bool use_launch; /* run on an EAL worker lcore */
};

static struct worker workers[NTHREADS];
static struct block *mailbox[MAILBOXES];
static uint64_t deadline_ns;
static unsigned int stop;

/* The worker's next random number. */
static uint64_t
rnd(struct worker *w)
{
	return test_rand64(&w->rng);
}

/* 1 .. MAX_SIZE, log-uniform: mostly small blocks, some big ones. */
static size_t
rnd_size(struct worker *w)
{
	unsigned int bits = (unsigned int)(rnd(w) % 17); /* 0 .. 16 */
	size_t top = (size_t)1 << bits;

	return RTE_MIN((size_t)(rnd(w) % top) + 1 + (top > 1 ? top / 2 : 0),
		       (size_t)MAX_SIZE);
}

/* 0 (cache line) or 1 .. 4096. */
static unsigned int
rnd_align(struct worker *w)
{
	unsigned int r = (unsigned int)(rnd(w) % 16);

	return r > 12 ? 0 : 1u << r;
}

static uint64_t
pattern_word(uint64_t tag, size_t i)
{
	return tag ^ ((uint64_t)i * 0x9e3779b97f4a7c15ull);
}

/*
 * Byte i of a block is byte i % 8 of pattern_word(tag, i / 8), whatever
 * the block's size, so any prefix of a stamped block checks.
 */
static void
stamp(unsigned char *p, size_t size, uint64_t tag)
{
	size_t words = size / 8;
	uint64_t last = pattern_word(tag, words);

	for (size_t i = 0; i < words; i++) {
		uint64_t v = pattern_word(tag, i);

		memcpy(p + i * 8, &v, 8);
	}
	memcpy(p + words * 8, &last, size - words * 8);
}

/* Whether the first n bytes carry the pattern of tag. */
static bool
check_stamp(const unsigned char *p, size_t n, uint64_t tag)
{
	size_t words = n / 8;
	uint64_t last = pattern_word(tag, words);

	for (size_t i = 0; i < words; i++) {
		uint64_t v;

		memcpy(&v, p + i * 8, 8);
		if (v != pattern_word(tag, i))
			return false;
	}
	return memcmp(p + words * 8, &last, n - words * 8) == 0;
}

static bool
is_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != 0)
			return false;
	return true;
}

static uint64_t
new_tag(struct worker *w)
{
	return ((uint64_t)(w->id + 1) << 56) | (++w->serial << 8) |
	       (rnd(w) & 0xff);
}

static void
report(struct worker *w, uint64_t *counter, const char *what,
       const void *p, size_t size)
{
	if ((*counter)++ < 5)
		fprintf(stderr, "thread %u: %s (block %p, %zu bytes)\n", w->id,
			what, p, size);
}

/* Checks of a block just returned by the heap. */
static void
check_new(struct worker *w, unsigned char *p, size_t size,
	  unsigned int align, bool zeroed)
{
	size_t usable = 0;

	if (((uintptr_t)p & (RTE_MAX(align, 64u) - 1)) != 0)
		report(w, &w->bad_align, "misaligned", p, size);
	if (rte_malloc_validate(p, &usable) != 0 || usable < size)
		report(w, &w->bad_size, "validate", p, size);
	if (zeroed && !is_zero(p, size))
		report(w, &w->bad_zero, "not zeroed", p, size);
}

static void
verify(struct worker *w, const struct block *b)
{
	if (!check_stamp(b->p, b->size, b->tag))
		report(w, &w->bad_pattern, "pattern damaged", b->p, b->size);
}

static void
block_free(struct worker *w, struct block *b)
{
	verify(w, b);
	rte_free(b->p);
	b->p = NULL;
	w->frees++;
}

static void
block_alloc(struct worker *w, struct block *b)
{
	size_t size = rnd_size(w);
	unsigned int align = rnd_align(w);
	unsigned int op = (unsigned int)(rnd(w) % 10);
	bool zeroed = false;
	unsigned char *p;

	if (op < 4) {
		p = rte_malloc("stress", size, align);
	} else if (op < 7) {
		p = rte_zmalloc("stress", size, align);
		zeroed = true;
	} else if (op < 9) {
		size_t n = 1 + (size_t)(rnd(w) % 8);

		size = (size + n - 1) / n * n;
		p = rte_calloc("stress", size / n, n, align);
		zeroed = true;
	} else {
		p = rte_realloc(NULL, size, align);
	}
	if (p == NULL) {
		report(w, &w->alloc_fail, "allocation failed", NULL, size);
		return;
	}
	check_new(w, p, size, align, zeroed);
	b->p = p;
	b->size = size;
	b->tag = new_tag(w);
	stamp(p, size, b->tag);
	w->allocs++;
}

static void
block_realloc(struct worker *w, struct block *b)
{
	size_t size = rnd_size(w);
	unsigned int align = rnd_align(w);
	unsigned char *p;

	verify(w, b);
	p = rte_realloc(b->p, size, align);
	if (p == NULL) {
		report(w, &w->alloc_fail, "realloc failed", b->p, size);
		return;
	}
	check_new(w, p, size, align, false);
	if (!check_stamp(p, RTE_MIN(size, b->size), b->tag))
		report(w, &w->bad_pattern, "realloc lost the contents", p,
		       size);
	w->moved += p != b->p;
	b->p = p;
	b->size = size;
	b->tag = new_tag(w);
	stamp(p, size, b->tag);
	w->reallocs++;
}

/* Swap a block with a mailbox: the other side is freed by this thread. */
static void
block_pass(struct worker *w, struct block *b)
{
	struct block *mine = malloc(sizeof(*mine)), *theirs;

	if (mine == NULL)
		return;
	*mine = *b;
	b->p = NULL;
	/* acq_rel: publishes the block's pattern, receives the other's */
	theirs = __atomic_exchange_n(&mailbox[rnd(w) % MAILBOXES], mine,
				     __ATOMIC_ACQ_REL);
	if (theirs != NULL) {
		block_free(w, theirs);
		free(theirs);
		w->passed++;
	}
}

static void
zone_op(struct worker *w)
{
	unsigned int k = (unsigned int)(rnd(w) % ZONES);
	const struct rte_memzone *mz = w->zone[k];
	char name[RTE_MEMZONE_NAMESIZE];

	if (mz != NULL) {
		if (!check_stamp(mz->addr, mz->len, w->zone_tag[k]))
			report(w, &w->bad_pattern, "memzone damaged", mz->addr,
			       mz->len);
		EXPECT_EQ_INT(rte_memzone_free(mz), 0);
		w->zone[k] = NULL;
		return;
	}
	snprintf(name, sizeof(name), "stress_%u_%u", w->id, k);
	mz = rte_memzone_reserve_aligned(name, 1 + rnd(w) % 8192,
					 SOCKET_ID_ANY, 0, 64u << (rnd(w) % 4));
	if (mz == NULL) {
		report(w, &w->alloc_fail, "memzone reserve failed", NULL, 0);
		return;
	}
	EXPECT_EQ_PTR(rte_memzone_lookup(name), mz);
	w->zone[k] = mz;
	w->zone_tag[k] = new_tag(w);
	stamp(mz->addr, mz->len, w->zone_tag[k]);
	w->zones++;
}

static int
worker_main(void *arg)
{
	struct worker *w = arg;
	unsigned int i = 0;

	while (!__atomic_load_n(&stop, __ATOMIC_RELAXED)) {
		struct block *b = &w->slot[rnd(w) % SLOTS];
		unsigned int r = (unsigned int)(rnd(w) % 100);

		if (b->p == NULL)
			block_alloc(w, b);
		else if (r < 55)
			block_free(w, b);
		else if (r < 90)
			block_realloc(w, b);
		else
			block_pass(w, b);
		if (r == 99 && rnd(w) % 4 == 0)
			zone_op(w);
		w->ops++;
		if ((++i & 63) == 0 && test_now_ns() >= deadline_ns)
			__atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
	}
	for (unsigned int k = 0; k < SLOTS; k++)
		if (w->slot[k].p != NULL)
			block_free(w, &w->slot[k]);
	for (unsigned int k = 0; k < ZONES; k++)
		if (w->zone[k] != NULL) {
			EXPECT_TRUE(check_stamp(w->zone[k]->addr,
						w->zone[k]->len,
						w->zone_tag[k]));
			EXPECT_EQ_INT(rte_memzone_free(w->zone[k]), 0);
			w->zone[k] = NULL;
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

int
main(int argc, char **argv)
{
	struct rte_malloc_socket_stats before[RTE_MAX_HEAPS];
	struct mem_config *cfg;
	pthread_t tid[NTHREADS];
	bool two_cpus, launched = false;
	unsigned int zones_before = 0, zones_after = 0, n_heaps;
	double seconds = test_stress_seconds(argc, argv, 2.0);
	char args[256];
	cpu_set_t allowed;

	/* an EAL worker lcore on CPU 1 when the process may use CPUs 0-1 */
	two_cpus = sched_getaffinity(0, sizeof(allowed), &allowed) == 0 &&
		   CPU_ISSET(0, &allowed) && CPU_ISSET(1, &allowed);
	/* -m 2: the heap grows while the threads run */
	snprintf(args, sizeof(args), "-l %s --file-prefix %s -m 2",
		 two_cpus ? "0-1" : "0", test_file_prefix());
	ASSERT_GE_INT(test_eal_init(args), 0);
	cfg = mem_cfg();
	ASSERT_NOT_NULL(cfg);
	n_heaps = cfg->n_heaps;
	for (unsigned int i = 0; i < n_heaps; i++)
		malloc_heap_stats(i, &before[i]);
	zones_before = test_memzone_count();

	for (unsigned int i = 0; i < NTHREADS; i++) {
		workers[i].id = i;
		workers[i].rng = 0x9e3779b97f4a7c15ull * (i + 1) ^
				 test_now_ns();
	}
	deadline_ns = test_now_ns() + (uint64_t)(seconds * 1e9);
	printf("%u threads for %.1f s (%s)\n", NTHREADS, seconds,
	       two_cpus ? "main lcore, worker lcore 1, 2 registered threads"
			: "main lcore, 3 registered threads");
	/* thread 0: this (main) lcore; 1: lcore 1 or a registered thread */
	for (unsigned int i = 1; i < NTHREADS; i++) {
		if (i == 1 && two_cpus) {
			ASSERT_EQ_INT(rte_eal_remote_launch(worker_main,
							    &workers[i], 1), 0);
			launched = true;
			continue;
		}
		ASSERT_EQ_INT(pthread_create(&tid[i], NULL, thread_main,
					     &workers[i]), 0);
	}
	worker_main(&workers[0]);
	for (unsigned int i = 1; i < NTHREADS; i++) {
		if (i == 1 && launched)
			EXPECT_EQ_INT(rte_eal_wait_lcore(1), 0);
		else
			EXPECT_EQ_INT(pthread_join(tid[i], NULL), 0);
	}
	/* blocks still in mailboxes: free them here */
	for (unsigned int i = 0; i < MAILBOXES; i++) {
		struct block *b = __atomic_exchange_n(&mailbox[i], NULL,
						      __ATOMIC_ACQ_REL);

		if (b != NULL) {
			block_free(&workers[0], b);
			free(b);
		}
	}

	uint64_t ops = 0;
	for (unsigned int i = 0; i < NTHREADS; i++) {
		struct worker *w = &workers[i];

		printf("thread %u: %" PRIu64 " ops: %" PRIu64 " allocs, %"
		       PRIu64 " frees, %" PRIu64 " reallocs (%" PRIu64
		       " moved), %" PRIu64 " passed, %" PRIu64 " memzones\n",
		       i, w->ops, w->allocs, w->frees, w->reallocs, w->moved,
		       w->passed, w->zones);
		ops += w->ops;
		EXPECT_EQ_UINT(w->bad_pattern, 0);
		EXPECT_EQ_UINT(w->bad_zero, 0);
		EXPECT_EQ_UINT(w->bad_align, 0);
		EXPECT_EQ_UINT(w->bad_size, 0);
		EXPECT_EQ_UINT(w->alloc_fail, 0);
		EXPECT_GT_UINT(w->allocs, 0);
	}
	EXPECT_GT_UINT(ops, 1000);

	/* everything is back */
	for (unsigned int i = 0; i < n_heaps; i++) {
		struct rte_malloc_socket_stats s;

		EXPECT_EQ_INT(malloc_heap_check(i, stderr), 0);
		malloc_heap_stats(i, &s);
		EXPECT_EQ_UINT(s.alloc_count, before[i].alloc_count);
		EXPECT_EQ_UINT(s.heap_allocsz_bytes,
			       before[i].heap_allocsz_bytes);
		EXPECT_EQ_UINT(s.heap_freesz_bytes,
			       s.heap_totalsz_bytes -
				       before[i].heap_allocsz_bytes);
		EXPECT_GE_UINT(s.heap_totalsz_bytes,
			       before[i].heap_totalsz_bytes);
		printf("heap %u: %zu bytes (%zu at the start), %u free "
		       "blocks\n", i, s.heap_totalsz_bytes,
		       before[i].heap_totalsz_bytes, s.free_count);
	}
	zones_after = test_memzone_count();
	EXPECT_EQ_UINT(zones_after, zones_before);
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}
