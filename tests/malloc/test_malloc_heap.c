/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: the rte_malloc family on rtmem's heap, black box and white
 * box (malloc_heap_check() after each step, exact statistics).
 * - Bad arguments: size 0, alignment 17, unknown and negative sockets
 *   (NULL with EINVAL), calloc overflow (EINVAL), requests too big for
 *   any memory (ENOMEM, and the heap does not grow for them),
 *   rte_free(NULL), heap names and sockets (get_socket,
 *   socket_is_external, get_socket_stats).
 * - Alignment: 0 gives 64 bytes; 64 B to 256 MiB (data aligned, usable
 *   size >= request), 1 GiB when the machine has the memory.
 * - Size-class boundaries (63/64/65 ... 1M+-1): usable size, exact cost
 *   (data rounded to 64 plus a 64-byte header), blocks placed one after
 *   the other from the start of the arena's last free block, a freed hole
 *   reused by the same size and not by one line more.
 * - Split, PAD and merge: holes one and two lines bigger than a request;
 *   alignment padding in front (last block: PAD header or a free block)
 *   and behind (a hole, carved from its end: tails of 0 to 192 bytes);
 *   blocks freed in every order of three; stats back exactly to the
 *   start.
 * - rte_realloc: NULL, shrink in place, grow into a freed neighbour, move
 *   past a busy one, stricter alignment, size 0, bad socket, foreign and
 *   freed pointers (the old block always intact on failure); growing into
 *   the arena's big last block does not touch its pages (Rss).
 * - rte_zmalloc/rte_calloc after a dirty free, and from a block the crash
 *   repair marked dirty.
 * - Foreign, interior, forged and double frees: logged, nothing changes;
 *   rte_malloc_validate on NULL, foreign and freed pointers.
 * - Growth beyond -m (extending the free last block, or after a busy
 *   one), and its reuse.
 * - rte_malloc_dump_stats/dump_heaps output; malloc_heap_check() itself
 *   catches a damaged header and a wrong count.
 * Each scenario runs in its own child process with a fresh primary.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_memory.h>

#include "malloc_test.h"

#define KB (1ull << 10)
#define MB (1ull << 20)
#define GB (1ull << 30)
#define HDR 64u /* MALLOC_ELEM_OVERHEAD */

/* ------------------------------------------------------------------ */
/* helpers                                                             */

static struct rte_malloc_socket_stats
stats(void)
{
	struct rte_malloc_socket_stats s;

	memset(&s, 0, sizeof(s));
	ASSERT_EQ_INT(rte_malloc_get_socket_stats(sock(), &s), 0);
	return s;
}

#define EXPECT_STATS_EQ(a, b)                                                 \
	do {                                                                  \
		EXPECT_EQ_UINT((a).heap_totalsz_bytes, (b).heap_totalsz_bytes); \
		EXPECT_EQ_UINT((a).heap_freesz_bytes, (b).heap_freesz_bytes); \
		EXPECT_EQ_UINT((a).greatest_free_size, (b).greatest_free_size); \
		EXPECT_EQ_UINT((a).free_count, (b).free_count);               \
		EXPECT_EQ_UINT((a).alloc_count, (b).alloc_count);             \
		EXPECT_EQ_UINT((a).heap_allocsz_bytes, (b).heap_allocsz_bytes); \
	} while (0)

/* The stats change of one allocation that took `cost` bytes of a block. */
#define EXPECT_STATS_DELTA(before, after, cost, dfree_count)                  \
	do {                                                                  \
		EXPECT_EQ_UINT((after).heap_totalsz_bytes,                    \
			       (before).heap_totalsz_bytes);                  \
		EXPECT_EQ_UINT((after).heap_allocsz_bytes,                    \
			       (before).heap_allocsz_bytes + (cost));         \
		EXPECT_EQ_UINT((after).heap_freesz_bytes,                     \
			       (before).heap_freesz_bytes - (cost));          \
		EXPECT_EQ_UINT((after).alloc_count, (before).alloc_count + 1); \
		EXPECT_EQ_INT((long long)(after).free_count,                  \
			      (long long)(before).free_count + (dfree_count)); \
	} while (0)

/*
 * The same pointer, hidden from the compiler's object-size tracking: the
 * white-box checks read the header 64 bytes below a block's data.
 */
static char *
launder(void *p)
{
	uintptr_t u = (uintptr_t)p;

	__asm__ volatile("" : "+r"(u));
	return (char *)u;
}

/* The header of a block or hole whose data is at p. */
static struct malloc_elem *
header_of(void *p)
{
	return (struct malloc_elem *)(launder(p) - HDR);
}

static size_t
roundup64(size_t n)
{
	return (n + 63) & ~(size_t)63;
}

static bool
aligned(const void *p, size_t a)
{
	return ((uintptr_t)p & (a - 1)) == 0;
}

static bool
all_bytes(const void *p, int v, size_t n)
{
	const unsigned char *c = p;

	for (size_t i = 0; i < n; i++)
		if (c[i] != (unsigned char)v)
			return false;
	return true;
}

static size_t
usable(const void *p)
{
	size_t sz = 0;

	EXPECT_EQ_INT(rte_malloc_validate(p, &sz), 0);
	return sz;
}

/* The log, captured in memory (open_memstream). */
static char *log_buf;
static size_t log_len;
static FILE *log_f;

static void
log_capture(void)
{
	log_f = open_memstream(&log_buf, &log_len);
	ASSERT_NOT_NULL(log_f);
	rte_openlog_stream(log_f);
}

/* What was logged since the last call (a fresh string, or ""). */
static const char *
log_take(void)
{
	static char last[4096];

	fflush(log_f);
	snprintf(last, sizeof(last), "%s", log_buf != NULL ? log_buf : "");
	rewind(log_f);
	fflush(log_f);
	if (log_buf != NULL)
		log_buf[0] = '\0';
	return last;
}

static void
log_release(void)
{
	rte_openlog_stream(NULL);
	fclose(log_f);
	free(log_buf);
	log_buf = NULL;
}

/* ------------------------------------------------------------------ */
/* bad arguments and names                                             */

static int
scenario_bad_params(void *arg)
{
	struct rte_malloc_socket_stats s0, s;
	void *p;

	(void)arg;
	init_eal();
	s0 = stats();

	/* size 0 */
	const size_t zero = opaque(0);
	rte_errno = 0;
	EXPECT_NULL(rte_malloc(NULL, zero, 0));
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_NULL(rte_zmalloc("t", zero, 64));
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_NULL(rte_calloc(NULL, zero, 8, 0));
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_NULL(rte_calloc(NULL, 8, zero, 0));
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_NULL(rte_malloc_socket(NULL, zero, 0, sock()));
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_NULL(rte_realloc(NULL, zero, 0));
	EXPECT_EQ_INT(rte_errno, EINVAL);

	/* alignment not a power of two */
	const unsigned int bad_aligns[] = { 3, 17, 100, 0x80000001u, 96 };
	for (unsigned int i = 0; i < RTE_DIM(bad_aligns); i++) {
		rte_errno = 0;
		EXPECT_NULL(rte_malloc(NULL, 1024, bad_aligns[i]));
		EXPECT_EQ_INT(rte_errno, EINVAL);
		rte_errno = 0;
		EXPECT_NULL(rte_zmalloc(NULL, 1024, bad_aligns[i]));
		EXPECT_EQ_INT(rte_errno, EINVAL);
		rte_errno = 0;
		EXPECT_NULL(rte_realloc(NULL, 1024, bad_aligns[i]));
		EXPECT_EQ_INT(rte_errno, EINVAL);
	}

	/* align 0 and 1 give cache-line (64-byte) alignment */
	const size_t sizes[] = { 1, 7, 63, 64, 100, 1000, 1024, 4097 };
	for (unsigned int i = 0; i < RTE_DIM(sizes); i++) {
		void *a = rte_malloc(NULL, sizes[i], 0);
		void *b = rte_malloc(NULL, sizes[i], 1);
		void *c = rte_zmalloc(NULL, sizes[i], 0);

		EXPECT_NOT_NULL(a);
		EXPECT_NOT_NULL(b);
		EXPECT_NOT_NULL(c);
		EXPECT_TRUE(aligned(a, RTE_CACHE_LINE_SIZE));
		EXPECT_TRUE(aligned(b, RTE_CACHE_LINE_SIZE));
		EXPECT_TRUE(aligned(c, RTE_CACHE_LINE_SIZE));
		rte_free(a);
		rte_free(b);
		rte_free(c);
	}
	EXPECT_HEAPS_OK();

	/* a block stays intact when realloc refuses the alignment */
	p = rte_malloc(NULL, 1024, 0);
	ASSERT_NOT_NULL(p);
	memset(p, 0x5a, 1024);
	rte_errno = 0;
	EXPECT_NULL(rte_realloc(p, 2048, 17));
	EXPECT_EQ_INT(rte_errno, EINVAL);
	EXPECT_EQ_UINT(usable(p), 1024);
	EXPECT_TRUE(all_bytes(p, 0x5a, 1024));

	/* sockets: negative, out of range, and (on one socket) without a heap */
	const int bad_sockets[] = { -2, -100, RTE_MAX_NUMA_NODES, INT_MAX };
	for (unsigned int i = 0; i < RTE_DIM(bad_sockets); i++) {
		rte_errno = 0;
		EXPECT_NULL(rte_malloc_socket(NULL, 64, 0, bad_sockets[i]));
		EXPECT_EQ_INT(rte_errno, EINVAL);
		rte_errno = 0;
		EXPECT_NULL(rte_zmalloc_socket(NULL, 64, 0, bad_sockets[i]));
		EXPECT_EQ_INT(rte_errno, EINVAL);
	}
	if (rte_socket_count() == 1) {
		const int missing[] = { 1, 5, RTE_MAX_NUMA_NODES - 1 };

		for (unsigned int i = 0; i < RTE_DIM(missing); i++) {
			if (missing[i] == sock())
				continue;
			rte_errno = 0;
			EXPECT_NULL(rte_malloc_socket(NULL, 64, 0, missing[i]));
			EXPECT_EQ_INT(rte_errno, EINVAL);
			rte_errno = 0;
			EXPECT_NULL(rte_zmalloc_socket(NULL, 64, 0, missing[i]));
			EXPECT_EQ_INT(rte_errno, EINVAL);
			rte_errno = 0;
			EXPECT_NULL(rte_calloc_socket(NULL, 4, 16, 0,
						      missing[i]));
			EXPECT_EQ_INT(rte_errno, EINVAL);
			rte_errno = 0;
			EXPECT_NULL(rte_realloc_socket(NULL, 64, 0,
						       missing[i]));
			EXPECT_EQ_INT(rte_errno, EINVAL);
			/* a block cannot move there: it stays */
			rte_errno = 0;
			EXPECT_NULL(rte_realloc_socket(p, 8192, 0, missing[i]));
			EXPECT_EQ_INT(rte_errno, EINVAL);
			EXPECT_EQ_UINT(usable(p), 1024);
			EXPECT_TRUE(all_bytes(p, 0x5a, 1024));
			rte_errno = 0;
			EXPECT_EQ_INT(rte_malloc_get_socket_stats(missing[i],
								  &s), -1);
			rte_errno = 0;
			EXPECT_EQ_INT(rte_malloc_heap_socket_is_external(
					      missing[i]), -1);
			EXPECT_EQ_INT(rte_errno, ENOENT);
		}
	} else {
		printf("note: %u sockets: unknown-socket cases skipped\n",
		       rte_socket_count());
	}
	/* the explicit socket and SOCKET_ID_ANY both work and land on it */
	void *on_sock = rte_malloc_socket(NULL, 64, 0, sock());
	void *on_any = rte_zmalloc_socket(NULL, 64, 0, SOCKET_ID_ANY);
	EXPECT_NOT_NULL(on_sock);
	EXPECT_NOT_NULL(on_any);
	const struct rte_memseg *ms = rte_mem_virt2memseg(on_sock, NULL);
	EXPECT_NOT_NULL(ms);
	if (ms != NULL)
		EXPECT_EQ_INT(ms->socket_id, sock());
	EXPECT_EQ_UINT(rte_malloc_virt2iova(on_sock),
		       rte_mem_virt2iova(on_sock));
	EXPECT_NE_UINT(rte_malloc_virt2iova(on_sock), RTE_BAD_IOVA);
	rte_free(on_sock);
	rte_free(on_any);

	/* calloc: an overflowing product */
	rte_errno = 0;
	EXPECT_NULL(rte_calloc(NULL, opaque(SIZE_MAX / 2), 4, 0));
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_NULL(rte_calloc_socket(NULL, 3, opaque(SIZE_MAX / 3 + 1), 64,
				      sock()));
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_NULL(rte_calloc(NULL, opaque((size_t)1 << 32),
			       opaque((size_t)1 << 32), 0));
	EXPECT_EQ_INT(rte_errno, EINVAL);

	/*
	 * Requests no memory can satisfy: ENOMEM, and the heap must not
	 * commit memory for them (a size near SIZE_MAX once overflowed the
	 * growth computation and committed 2 MiB per failing call).
	 */
	s = stats();
	const size_t huge[] = { 1ull << 40, SIZE_MAX / 2, SIZE_MAX - 4095,
				SIZE_MAX - 200, SIZE_MAX - 63, SIZE_MAX };
	for (unsigned int i = 0; i < RTE_DIM(huge); i++) {
		rte_errno = 0;
		EXPECT_NULL(rte_malloc(NULL, opaque(huge[i]), 0));
		EXPECT_EQ_INT(rte_errno, ENOMEM);
		rte_errno = 0;
		EXPECT_NULL(rte_zmalloc(NULL, opaque(huge[i]), 4096));
		EXPECT_EQ_INT(rte_errno, ENOMEM);
		rte_errno = 0;
		EXPECT_NULL(rte_realloc(p, opaque(huge[i]), 0));
		EXPECT_EQ_INT(rte_errno, ENOMEM);
		EXPECT_EQ_UINT(stats().heap_totalsz_bytes,
			       s.heap_totalsz_bytes);
	}
	rte_errno = 0;
	EXPECT_NULL(rte_malloc(NULL, opaque(SIZE_MAX - GB), 1u << 30));
	EXPECT_EQ_INT(rte_errno, ENOMEM);
	EXPECT_STATS_EQ(stats(), s);
	EXPECT_EQ_UINT(usable(p), 1024);
	EXPECT_TRUE(all_bytes(p, 0x5a, 1024));

	/* rte_free(NULL) changes nothing */
	rte_free(NULL);
	EXPECT_STATS_EQ(stats(), s);
	rte_free(p);
	EXPECT_STATS_EQ(stats(), s0);
	EXPECT_HEAPS_OK();

	/* heap names */
	char name[32];
	snprintf(name, sizeof(name), "socket_%d", sock());
	EXPECT_EQ_INT(rte_malloc_heap_get_socket(name), sock());
	if (sock() == 0)
		EXPECT_EQ_INT(rte_malloc_heap_get_socket("socket_0"), 0);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_malloc_heap_get_socket("socket_31"), -1);
	EXPECT_EQ_INT(rte_errno, ENOENT);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_malloc_heap_get_socket("no_such_heap"), -1);
	EXPECT_EQ_INT(rte_errno, ENOENT);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_malloc_heap_get_socket(NULL), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_malloc_heap_get_socket(""), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_malloc_heap_get_socket(
			      "a_heap_name_of_far_more_than_32_bytes"), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	EXPECT_EQ_INT(rte_malloc_heap_socket_is_external(sock()), 0);
	EXPECT_EQ_INT(rte_malloc_heap_socket_is_external(0), 0);
	EXPECT_EQ_INT(rte_malloc_heap_socket_is_external(SOCKET_ID_ANY), 0);
	if (rte_socket_count() == 1) {
		rte_errno = 0;
		EXPECT_EQ_INT(rte_malloc_heap_socket_is_external(7), -1);
		EXPECT_EQ_INT(rte_errno, ENOENT);
	}
	EXPECT_EQ_INT(rte_malloc_get_socket_stats(sock(), NULL), -1);
	EXPECT_EQ_INT(rte_malloc_get_socket_stats(-5, &s), -1);
	EXPECT_STATS_EQ(stats(), s0);
	return done();
}

/* ------------------------------------------------------------------ */
/* alignment                                                           */

static int
scenario_alignments(void *arg)
{
	struct rte_malloc_socket_stats s0, s;

	(void)arg;
	init_eal();
	s0 = stats();
	for (unsigned int shift = 6; shift <= 28; shift++) {
		const size_t a = (size_t)1 << shift;
		const size_t sizes[] = { 1, 100, 4096 + 1, a <= MB ? a : 64 };

		for (unsigned int i = 0; i < RTE_DIM(sizes); i++) {
			char *p = rte_malloc(NULL, sizes[i], (unsigned int)a);
			char *z = rte_zmalloc(NULL, sizes[i], (unsigned int)a);

			if ((p == NULL || z == NULL) && on_hugepages() &&
			    a >= 16 * MB) {
				printf("note: not enough hugepages for "
				       "alignment %zu\n", a);
				rte_free(p);
				rte_free(z);
				break;
			}
			ASSERT_NOT_NULL(p);
			ASSERT_NOT_NULL(z);
			EXPECT_TRUE(aligned(p, a));
			EXPECT_GE_UINT(usable(p), sizes[i]);
			memset(p, 0xa5, sizes[i]);
			EXPECT_TRUE(aligned(z, a));
			EXPECT_TRUE(all_bytes(z, 0, sizes[i]));
			EXPECT_TRUE(p + sizes[i] <= z || z + sizes[i] <= p);
			EXPECT_TRUE(all_bytes(p, 0xa5, sizes[i]));
			EXPECT_HEAPS_OK();
			rte_free(p);
			rte_free(z);
		}
	}
	EXPECT_HEAPS_OK();
	s = stats();
	EXPECT_EQ_UINT(s.alloc_count, s0.alloc_count);
	EXPECT_EQ_UINT(s.heap_allocsz_bytes, s0.heap_allocsz_bytes);
	EXPECT_EQ_UINT(s.heap_freesz_bytes,
		       s.heap_totalsz_bytes - s0.heap_allocsz_bytes);
	return done();
}

static int
scenario_align_1g(void *arg)
{
	char *p;

	(void)arg;
	init_eal();
	p = rte_malloc(NULL, 100, 1u << 30);
	if (p == NULL && on_hugepages()) {
		printf("note: no hugepages for a 1 GiB alignment\n");
		return done();
	}
	ASSERT_NOT_NULL(p);
	EXPECT_TRUE(aligned(p, GB));
	EXPECT_GE_UINT(usable(p), 100);
	memset(p, 1, 100);
	EXPECT_HEAPS_OK();
	rte_free(p);
	EXPECT_EQ_UINT(stats().alloc_count, 0);
	EXPECT_HEAPS_OK();
	return done();
}

/* Whether ~1 GiB more of RAM and of /dev/shm is free (with a margin). */
static bool
memory_for_1g(void)
{
	long pages = sysconf(_SC_AVPHYS_PAGES), pg = sysconf(_SC_PAGESIZE);
	struct statvfs sv;

	if (pages < 0 || pg < 0 ||
	    (unsigned long long)pages * (unsigned long long)pg < 3 * GB)
		return false;
	if (statvfs("/dev/shm", &sv) != 0 ||
	    (unsigned long long)sv.f_bavail * sv.f_frsize < 2 * GB)
		return false;
	return true;
}

/* ------------------------------------------------------------------ */
/* size classes                                                        */

static const size_t class_sizes[] = {
	1, 63, 64, 65, 127, 128, 129, 255, 256, 257, 1023, 1024, 1025,
	4095, 4096, 4097, 64 * KB - 1, 64 * KB, 64 * KB + 1,
	MB - 1, MB, MB + 1,
};

static int
scenario_size_classes(void *arg)
{
	struct rte_malloc_socket_stats s0, before, after;
	char *p[RTE_DIM(class_sizes)];

	(void)arg;
	init_eal();
	s0 = stats();

	/* every boundary size costs its 64-rounded size plus a header */
	for (unsigned int i = 0; i < RTE_DIM(class_sizes); i++) {
		size_t r = roundup64(class_sizes[i]);

		before = stats();
		p[i] = rte_malloc(NULL, class_sizes[i], 0);
		ASSERT_NOT_NULL(p[i]);
		after = stats();
		EXPECT_TRUE(aligned(p[i], 64));
		EXPECT_EQ_UINT(usable(p[i]), r);
		EXPECT_STATS_DELTA(before, after, r + HDR, 0);
		EXPECT_EQ_UINT(after.greatest_free_size,
			       before.greatest_free_size - r - HDR);
		/* from the start of the last block: right after the previous */
		if (i > 0)
			EXPECT_EQ_PTR(p[i], p[i - 1] + HDR +
					    roundup64(class_sizes[i - 1]));
		memset(p[i], 0xff, r);
		EXPECT_HEAPS_OK();
	}
	/* free every other block: each leaves a hole between busy blocks */
	before = stats();
	size_t freed = 0;
	unsigned int holes = 0;
	for (unsigned int i = 0; i < RTE_DIM(class_sizes); i += 2) {
		freed += roundup64(class_sizes[i]) + HDR;
		holes++;
		rte_free(p[i]);
		EXPECT_HEAPS_OK();
	}
	after = stats();
	EXPECT_EQ_UINT(after.heap_freesz_bytes,
		       before.heap_freesz_bytes + freed);
	EXPECT_EQ_UINT(after.free_count, before.free_count + holes);
	EXPECT_EQ_UINT(after.alloc_count, before.alloc_count - holes);
	for (unsigned int i = 1; i < RTE_DIM(class_sizes); i += 2) {
		rte_free(p[i]);
		EXPECT_HEAPS_OK();
	}
	EXPECT_STATS_EQ(stats(), s0);

	/*
	 * One hole at a time, between two busy guards: the same size takes
	 * it exactly; one line more does not fit it.
	 */
	for (unsigned int i = 0; i < RTE_DIM(class_sizes); i++) {
		size_t r = roundup64(class_sizes[i]);
		char *g1 = rte_malloc(NULL, 64, 0);
		char *h = rte_zmalloc(NULL, class_sizes[i], 0);
		char *g2 = rte_malloc(NULL, 64, 0);
		char *q, *big;

		ASSERT_NOT_NULL(g1);
		ASSERT_NOT_NULL(h);
		ASSERT_NOT_NULL(g2);
		EXPECT_TRUE(all_bytes(h, 0, r));
		memset(h, 0xee, r);
		rte_free(h);
		before = stats();
		big = rte_malloc(NULL, r + 1, 0);
		ASSERT_NOT_NULL(big);
		EXPECT_NE_PTR(big, h);
		EXPECT_TRUE(big > g2); /* from the last block, after g2 */
		q = rte_malloc(NULL, class_sizes[i], 0);
		EXPECT_EQ_PTR(q, h);
		after = stats();
		EXPECT_EQ_UINT(after.free_count, before.free_count - 1);
		EXPECT_EQ_UINT(after.alloc_count, before.alloc_count + 2);
		/* freed memory reads back zero (rtmem zeroes at free) */
		EXPECT_TRUE(all_bytes(q, 0, r));
		EXPECT_HEAPS_OK();
		rte_free(big);
		rte_free(q);
		rte_free(g2);
		rte_free(g1);
		EXPECT_STATS_EQ(stats(), s0);
	}
	EXPECT_HEAPS_OK();
	return done();
}

/* ------------------------------------------------------------------ */
/* split, pad, merge                                                   */

/*
 * A hole with `data` bytes of data between two busy guards g1 (below)
 * and g2 (above). Returns the hole's data address (its header is 64
 * bytes below). The guards come from the start of the last block, one
 * after the other.
 */
static char *
make_hole(size_t data, char **g1, char **g2)
{
	char *h;

	*g1 = rte_malloc(NULL, 64, 0);
	h = rte_malloc(NULL, data, 0);
	*g2 = rte_malloc(NULL, 64, 0);
	ASSERT_NOT_NULL(*g1);
	ASSERT_NOT_NULL(h);
	ASSERT_NOT_NULL(*g2);
	EXPECT_EQ_PTR(h, *g1 + 64 + HDR);
	EXPECT_EQ_PTR(*g2, h + data + HDR);
	rte_free(h);
	return h;
}

static int
scenario_split_pad_merge(void *arg)
{
	struct rte_malloc_socket_stats s0, before, after;
	char *g1, *g2, *h, *q, *p;

	(void)arg;
	init_eal();
	s0 = stats();

	/*
	 * PAD: a hole one line bigger than the block. The block takes the
	 * whole hole, its data at the end and a PAD header before it.
	 */
	h = make_hole(1024 + 64, &g1, &g2);
	before = stats();
	q = rte_malloc(NULL, 1000, 0);
	after = stats();
	EXPECT_EQ_PTR(q, h + 64);
	EXPECT_EQ_UINT(usable(q), 1024);
	EXPECT_STATS_DELTA(before, after, 1024 + 64 + HDR, -1);
	memset(launder(q), 0x77, 1024); /* the usable size */
	EXPECT_HEAPS_OK();
	/* the PAD header is no block: a free at the hole's start is refused */
	log_capture();
	rte_free(h);
	EXPECT_CONTAINS(log_take(), "rte_free");
	EXPECT_EQ_INT(rte_malloc_validate(h, NULL), -1);
	EXPECT_STATS_EQ(stats(), after);
	log_release();
	rte_free(q);
	EXPECT_STATS_EQ(stats(), before);
	EXPECT_HEAPS_OK();
	/* the hole is whole and zero again: the same size refills it exactly */
	q = rte_zmalloc(NULL, 1024 + 64, 0);
	EXPECT_EQ_PTR(q, h);
	EXPECT_TRUE(all_bytes(q, 0, 1024 + 64));
	rte_free(q);
	rte_free(g2);
	rte_free(g1);
	EXPECT_STATS_EQ(stats(), s0);

	/*
	 * Split at the front: a hole two lines bigger leaves a minimal free
	 * block (header + 64 bytes) in front of the new one.
	 */
	h = make_hole(1024 + 128, &g1, &g2);
	before = stats();
	q = rte_malloc(NULL, 1024, 0);
	after = stats();
	EXPECT_EQ_PTR(q, h + 128);
	EXPECT_EQ_UINT(usable(q), 1024);
	EXPECT_STATS_DELTA(before, after, 1024 + HDR, 0);
	EXPECT_HEAPS_OK();
	/* that minimal block takes a 64-byte request exactly */
	p = rte_malloc(NULL, 10, 0);
	EXPECT_EQ_PTR(p, h);
	EXPECT_EQ_UINT(stats().free_count, before.free_count - 1);
	rte_free(p);
	rte_free(q);
	EXPECT_STATS_EQ(stats(), before);
	rte_free(g2);
	rte_free(g1);
	EXPECT_STATS_EQ(stats(), s0);
	EXPECT_HEAPS_OK();

	/*
	 * Alignment padding in the arena's last block: the data goes to the
	 * lowest aligned address, the rest behind it stays free at the end.
	 * A front of a minimal block (128 bytes) or more becomes a free
	 * block; 64 bytes become padding behind a PAD header. A bottom block
	 * of 64 to 320 bytes moves the start, so the fronts cover 0, 64, 128
	 * and 192 bytes.
	 */
	const size_t aligns[] = { 128, 256, 512, 4096, 65536, MB };
	const size_t sizes5[] = { 64, 128, 192, 256, 320 };
	bool seen[4] = { false }; /* fronts / tails of 0, 64, 128, 192 */
	for (unsigned int t = 0; t < RTE_DIM(sizes5); t++) {
		char *bottom = rte_malloc(NULL, sizes5[t], 0);

		ASSERT_NOT_NULL(bottom);
		/* the last block's header right after it */
		char *start = bottom + sizes5[t];
		for (unsigned int i = 0; i < RTE_DIM(aligns); i++) {
			size_t a = aligns[i];

			before = stats();
			q = rte_malloc(NULL, 100, (unsigned int)a);
			after = stats();
			ASSERT_NOT_NULL(q);
			EXPECT_TRUE(aligned(q, a));
			EXPECT_EQ_UINT(usable(q), 128);
			size_t front = (size_t)(q - HDR - start);
			EXPECT_LT_UINT(front, a);
			if (front / 64 < 4)
				seen[front / 64] = true;
			if (front >= 128)
				EXPECT_STATS_DELTA(before, after, 128 + HDR, 1);
			else
				EXPECT_STATS_DELTA(before, after,
						   128 + HDR + front, 0);
			EXPECT_HEAPS_OK();
			rte_free(q);
			EXPECT_STATS_EQ(stats(), before);
		}
		rte_free(bottom);
		EXPECT_STATS_EQ(stats(), s0);
	}
	for (unsigned int i = 0; i < 4; i++)
		EXPECT_TRUE(seen[i]);

	/*
	 * Alignment padding in a hole (not the last block): carved from its
	 * end, at the highest aligned address that fits; a tail of 128
	 * bytes or more becomes a free block, a smaller one stays with the
	 * block. The hole's size moves its end: tails 0, 64, 128, 192.
	 */
	memset(seen, 0, sizeof(seen));
	for (unsigned int t = 0; t < RTE_DIM(sizes5); t++) {
		h = make_hole(2 * MB + sizes5[t], &g1, &g2);
		char *end = h + 2 * MB + sizes5[t];
		for (unsigned int i = 0; i < RTE_DIM(aligns); i++) {
			size_t a = aligns[i];

			before = stats();
			q = rte_malloc(NULL, 100, (unsigned int)a);
			after = stats();
			ASSERT_NOT_NULL(q);
			EXPECT_TRUE(aligned(q, a));
			EXPECT_TRUE(q > h && q < end); /* in the hole */
			size_t tail = (size_t)(end - (q + 128));
			EXPECT_LT_UINT(tail, a);
			if (tail / 64 < 4)
				seen[tail / 64] = true;
			if (tail >= 128) {
				EXPECT_STATS_DELTA(before, after, 128 + HDR, 1);
				EXPECT_EQ_UINT(usable(q), 128);
			} else {
				EXPECT_STATS_DELTA(before, after,
						   128 + HDR + tail, 0);
				EXPECT_EQ_UINT(usable(q), 128 + tail);
			}
			EXPECT_HEAPS_OK();
			rte_free(q);
			EXPECT_STATS_EQ(stats(), before);
		}
		rte_free(g2);
		rte_free(g1);
		EXPECT_STATS_EQ(stats(), s0);
	}
	for (unsigned int i = 0; i < 4; i++)
		EXPECT_TRUE(seen[i]);

	/* merge: three neighbours freed in each of the 6 orders */
	static const unsigned int orders[6][3] = {
		{ 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 },
		{ 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 },
	};
	for (unsigned int o = 0; o < 6; o++) {
		char *b[3];
		const size_t sz[3] = { 1000, 5000, 300 };

		for (unsigned int i = 0; i < 3; i++) {
			b[i] = rte_calloc(NULL, sz[i], 1, 0);
			ASSERT_NOT_NULL(b[i]);
			memset(b[i], 0x40 + (int)i, sz[i]);
		}
		for (unsigned int i = 0; i < 3; i++) {
			unsigned int k = orders[o][i];

			before = stats();
			rte_free(b[k]);
			after = stats();
			EXPECT_EQ_UINT(after.heap_freesz_bytes,
				       before.heap_freesz_bytes +
					       roundup64(sz[k]) + HDR);
			EXPECT_EQ_UINT(after.alloc_count,
				       before.alloc_count - 1);
			EXPECT_HEAPS_OK();
		}
		EXPECT_STATS_EQ(stats(), s0);
	}
	/* the middle block freed last joins both sides into one block */
	{
		char *a = rte_malloc(NULL, 256, 0);
		char *b = rte_malloc(NULL, 256, 0);
		char *c = rte_malloc(NULL, 256, 0);

		ASSERT_NOT_NULL(a);
		ASSERT_NOT_NULL(b);
		ASSERT_NOT_NULL(c);
		rte_free(a); /* the lowest block: alone */
		before = stats();
		rte_free(c); /* merges with the last block above */
		after = stats();
		EXPECT_EQ_UINT(after.free_count, before.free_count);
		rte_free(b); /* merges with both */
		EXPECT_EQ_UINT(stats().free_count, after.free_count - 1);
		EXPECT_STATS_EQ(stats(), s0);
	}
	EXPECT_HEAPS_OK();
	return done();
}

/* ------------------------------------------------------------------ */
/* realloc                                                             */

static void
fill_seq(void *p, size_t n, unsigned int seed)
{
	unsigned char *c = p;

	for (size_t i = 0; i < n; i++)
		c[i] = (unsigned char)(i * 7 + seed);
}

static bool
check_seq(const void *p, size_t n, unsigned int seed)
{
	const unsigned char *c = p;

	for (size_t i = 0; i < n; i++)
		if (c[i] != (unsigned char)(i * 7 + seed))
			return false;
	return true;
}

/* Rss (kB) of this process's mapping that holds addr, or -1. */
static long
rss_kb_of(const void *addr)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512];
	bool in = false;
	long rss = -1;

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		unsigned long lo, hi;
		char *dash = strchr(line, '-'), *space = strchr(line, ' ');

		if (dash != NULL && space != NULL && dash < space &&
		    sscanf(line, "%lx-%lx", &lo, &hi) == 2) {
			in = (uintptr_t)addr >= lo && (uintptr_t)addr < hi;
			continue;
		}
		if (in && sscanf(line, "Rss: %ld", &rss) == 1)
			break;
	}
	fclose(f);
	return rss;
}

static int
scenario_realloc(void *arg)
{
	struct rte_malloc_socket_stats s0, before, after;
	char *p, *q, *g1, *g2, *a, *b;
	int x = 0;

	(void)arg;
	init_eal();
	s0 = stats();

	/* NULL: an allocation */
	p = rte_realloc(NULL, 1024, 0);
	ASSERT_NOT_NULL(p);
	EXPECT_EQ_UINT(usable(p), 1024);
	rte_free(p);
	p = rte_realloc_socket(NULL, 1000, 256, sock());
	ASSERT_NOT_NULL(p);
	EXPECT_TRUE(aligned(p, 256));
	EXPECT_GE_UINT(usable(p), 1000);
	rte_free(p);
	EXPECT_STATS_EQ(stats(), s0);

	/* shrink in place; the tail becomes a free block (zeroed) */
	g1 = rte_malloc(NULL, 64, 0);
	p = rte_malloc(NULL, 4096, 0);
	g2 = rte_malloc(NULL, 64, 0);
	ASSERT_NOT_NULL(g1);
	ASSERT_NOT_NULL(p);
	ASSERT_NOT_NULL(g2);
	fill_seq(p, 4096, 1);
	before = stats();
	q = rte_realloc(p, 1024, 0);
	after = stats();
	EXPECT_EQ_PTR(q, p);
	EXPECT_EQ_UINT(usable(p), 1024);
	EXPECT_TRUE(check_seq(p, 1024, 1));
	EXPECT_EQ_UINT(after.heap_allocsz_bytes,
		       before.heap_allocsz_bytes - 3072);
	EXPECT_EQ_UINT(after.free_count, before.free_count + 1);
	EXPECT_EQ_UINT(after.alloc_count, before.alloc_count);
	EXPECT_HEAPS_OK();
	/* shrinking by less than a minimal block changes nothing */
	q = rte_realloc(p, 1024 - 64, 0);
	EXPECT_EQ_PTR(q, p);
	EXPECT_EQ_UINT(usable(p), 1024);
	EXPECT_STATS_EQ(stats(), after);
	/* grow back into the freed tail: same pointer, zero beyond the data */
	q = rte_realloc(p, 4096, 0);
	EXPECT_EQ_PTR(q, p);
	EXPECT_EQ_UINT(usable(p), 4096);
	EXPECT_TRUE(check_seq(p, 1024, 1));
	EXPECT_TRUE(all_bytes(p + 1024, 0, 3072));
	EXPECT_STATS_EQ(stats(), before);
	EXPECT_HEAPS_OK();
	/* the same size and an alignment it already has: nothing moves */
	q = rte_realloc(p, 4096, 64);
	EXPECT_EQ_PTR(q, p);
	EXPECT_STATS_EQ(stats(), before);
	rte_free(p);
	rte_free(g2);
	rte_free(g1);
	EXPECT_STATS_EQ(stats(), s0);

	/* grow into a freed neighbour (the block above), twice */
	g1 = rte_malloc(NULL, 64, 0);
	b = rte_malloc(NULL, 1024, 0);
	a = rte_malloc(NULL, 1024, 0);
	g2 = rte_malloc(NULL, 64, 0);
	ASSERT_NOT_NULL(a);
	ASSERT_NOT_NULL(b);
	EXPECT_EQ_PTR(a, b + 1024 + HDR);
	fill_seq(b, 1024, 2);
	rte_free(a);
	before = stats();
	q = rte_realloc(b, 1500, 0);
	EXPECT_EQ_PTR(q, b);
	EXPECT_GE_UINT(usable(b), 1500);
	EXPECT_TRUE(check_seq(b, 1024, 2));
	EXPECT_EQ_UINT(stats().alloc_count, before.alloc_count);
	EXPECT_HEAPS_OK();
	q = rte_realloc(b, 2048, 0);
	EXPECT_EQ_PTR(q, b);
	EXPECT_GE_UINT(usable(b), 2048);
	EXPECT_TRUE(check_seq(b, 1024, 2));
	EXPECT_EQ_UINT(stats().free_count, before.free_count - 1);
	EXPECT_HEAPS_OK();
	/* past the busy guard above: it moves and keeps the data */
	b = q; /* the same block, now known to hold 2048 bytes */
	fill_seq(b, 2048, 3);
	q = rte_realloc(b, 3 * 4096, 0);
	ASSERT_NOT_NULL(q);
	EXPECT_NE_PTR(q, b);
	EXPECT_GE_UINT(usable(q), 3 * 4096);
	EXPECT_TRUE(check_seq(q, 2048, 3));
	EXPECT_EQ_INT(rte_malloc_validate(b, NULL), -1);
	EXPECT_HEAPS_OK();
	rte_free(q);
	rte_free(g2);
	rte_free(g1);
	EXPECT_STATS_EQ(stats(), s0);

	/* a freed neighbour too small for the growth: the block moves */
	g1 = rte_malloc(NULL, 64, 0);
	b = rte_malloc(NULL, 1024, 0);
	a = rte_malloc(NULL, 128, 0);
	g2 = rte_malloc(NULL, 64, 0);
	ASSERT_NOT_NULL(a);
	ASSERT_NOT_NULL(b);
	EXPECT_EQ_PTR(a, b + 1024 + HDR);
	rte_free(a);
	fill_seq(b, 1024, 4);
	q = rte_realloc(b, 1024 + 128 + HDR + 64, 0);
	ASSERT_NOT_NULL(q);
	EXPECT_NE_PTR(q, b);
	EXPECT_TRUE(check_seq(q, 1024, 4));
	rte_free(q);
	rte_free(g2);
	rte_free(g1);
	EXPECT_STATS_EQ(stats(), s0);
	EXPECT_HEAPS_OK();

	/* a stricter alignment: an aligned block with the same data */
	const unsigned int aligns[] = { 128, 4096, 65536, 1u << 21 };
	for (unsigned int i = 0; i < RTE_DIM(aligns); i++) {
		char *keep = NULL;

		p = rte_malloc(NULL, 1000, 0);
		ASSERT_NOT_NULL(p);
		if (aligned(p, aligns[i])) { /* make sure it must move */
			keep = p;
			p = rte_malloc(NULL, 1000, 0);
			ASSERT_NOT_NULL(p);
		}
		ASSERT_FALSE(aligned(p, aligns[i]));
		fill_seq(p, 1000, 5 + i);
		q = rte_realloc(p, 1000, aligns[i]);
		ASSERT_NOT_NULL(q);
		EXPECT_TRUE(aligned(q, aligns[i]));
		EXPECT_TRUE(check_seq(q, 1000, 5 + i));
		EXPECT_EQ_INT(rte_malloc_validate(p, NULL), -1);
		/* shrinking keeps that alignment in place */
		char *r = rte_realloc(q, 500, aligns[i]);
		EXPECT_EQ_PTR(r, q);
		EXPECT_TRUE(check_seq(q, 500, 5 + i));
		rte_free(q);
		rte_free(keep);
		EXPECT_HEAPS_OK();
	}
	EXPECT_EQ_UINT(stats().alloc_count, s0.alloc_count);

	/* failures leave the block as it was */
	p = rte_malloc(NULL, 2000, 0);
	ASSERT_NOT_NULL(p);
	fill_seq(p, 2000, 9);
	before = stats();
	rte_errno = 0;
	EXPECT_NULL(rte_realloc(p, opaque(0), 0));
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_NULL(rte_realloc(p, 4000, 24));
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_NULL(rte_realloc_socket(p, 4000, 0, -3));
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_NULL(rte_realloc(p, opaque(1ull << 40), 0));
	EXPECT_EQ_INT(rte_errno, ENOMEM);
	EXPECT_STATS_EQ(stats(), before);
	EXPECT_EQ_UINT(usable(p), 2048);
	EXPECT_TRUE(check_seq(p, 2000, 9));
	/* pointers that are no live block: refused */
	log_capture();
	rte_errno = 0;
	EXPECT_NULL(rte_realloc(&x, 64, 0));
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_NULL(rte_realloc(p + 64, 64, 0));
	EXPECT_EQ_INT(rte_errno, EINVAL);
	EXPECT_CONTAINS(log_take(), "rte_realloc");
	log_release();
	EXPECT_STATS_EQ(stats(), before);
	rte_free(p);
	rte_errno = 0;
	log_capture();
	EXPECT_NULL(rte_realloc(p, 64, 0));
	EXPECT_EQ_INT(rte_errno, EINVAL);
	log_release();
	EXPECT_STATS_EQ(stats(), s0);
	EXPECT_HEAPS_OK();

	/*
	 * Growing the block just below the arena's big last free block: the
	 * tail given back is that block's zero memory and stays untouched
	 * (zeroing it again touched every page of it, ~100 ms for 1 GiB).
	 * A 256 MiB-aligned block grows the heap by ~258 MiB this process
	 * never touches.
	 */
	p = rte_malloc(NULL, 64, 256u << 20);
	if (p == NULL && on_hugepages()) {
		printf("note: no hugepages for the untouched-growth case\n");
		return done();
	}
	ASSERT_NOT_NULL(p);
	rte_free(p);
	p = rte_malloc(NULL, 64, 0);
	ASSERT_NOT_NULL(p);
	long rss0 = rss_kb_of(p);
	q = rte_realloc(p, 4096, 0);
	long rss1 = rss_kb_of(p);
	EXPECT_EQ_PTR(q, p);
	EXPECT_GE_INT(rss0, 0);
	EXPECT_LT_INT(rss1 - rss0, 8 * 1024);
	q = rte_realloc(p, 64 * 1024, 0);
	EXPECT_EQ_PTR(q, p);
	EXPECT_LT_INT(rss_kb_of(p) - rss0, 8 * 1024);
	rte_free(p);
	EXPECT_EQ_UINT(stats().alloc_count, s0.alloc_count);
	EXPECT_HEAPS_OK();
	return done();
}

/* ------------------------------------------------------------------ */
/* zeroing                                                             */

static int
scenario_zero(void *arg)
{
	struct rte_malloc_socket_stats s0;
	char *p, *q, *g1, *g2;

	(void)arg;
	init_eal();
	s0 = stats();
	const size_t sizes[] = { 64, 1000, 4096, 65536 + 64 };
	for (unsigned int i = 0; i < RTE_DIM(sizes); i++) {
		p = rte_malloc(NULL, sizes[i], 0);
		ASSERT_NOT_NULL(p);
		memset(p, 0xff, sizes[i]);
		rte_free(p);
		q = rte_zmalloc(NULL, sizes[i], 0);
		ASSERT_NOT_NULL(q);
		EXPECT_EQ_PTR(q, p); /* likely, with this heap: exactly */
		EXPECT_TRUE(all_bytes(q, 0, usable(q)));
		memset(q, 0xff, sizes[i]);
		rte_free(q);
		q = rte_calloc(NULL, sizes[i] / 8, 8, 0);
		ASSERT_NOT_NULL(q);
		EXPECT_TRUE(all_bytes(q, 0, sizes[i]));
		memset(q, 0xfe, sizes[i]);
		rte_free(q);
		q = rte_zmalloc(NULL, sizes[i], 4096);
		ASSERT_NOT_NULL(q);
		EXPECT_TRUE(all_bytes(q, 0, sizes[i]));
		rte_free(q);
	}
	EXPECT_STATS_EQ(stats(), s0);

	/*
	 * A free block the crash repair marked dirty (its zeroing may have
	 * been cut short) holds old bytes: rte_zmalloc must clear them.
	 */
	{
		struct malloc_elem *e;

		p = make_hole(4096, &g1, &g2);
		e = header_of(p);
		ASSERT_EQ_UINT(e->state, MALLOC_ELEM_FREE);
		e->dirty = 1;
		memset(p, 0xee, 4096);
		q = rte_zmalloc(NULL, 4096, 0);
		EXPECT_EQ_PTR(q, p);
		EXPECT_TRUE(all_bytes(q, 0, 4096));
		rte_free(q);
		/* rte_free cleaned it: it is an ordinary zero block again */
		EXPECT_EQ_UINT(e->dirty, 0);
		EXPECT_TRUE(all_bytes(p, 0, 4096));
		rte_free(g2);
		rte_free(g1);
		EXPECT_STATS_EQ(stats(), s0);

		/*
		 * A clean free block that absorbs a dirty one becomes dirty:
		 * x below the dirty hole h, both between busy guards.
		 */
		char *x;

		g1 = rte_malloc(NULL, 64, 0);
		x = rte_malloc(NULL, 4096, 0);
		p = rte_malloc(NULL, 4096, 0);
		g2 = rte_malloc(NULL, 64, 0);
		ASSERT_NOT_NULL(g1);
		ASSERT_NOT_NULL(x);
		ASSERT_NOT_NULL(p);
		ASSERT_NOT_NULL(g2);
		EXPECT_EQ_PTR(p, x + 4096 + HDR);
		rte_free(p);
		e = header_of(p);
		e->dirty = 1;
		memset(p, 0xee, 4096);
		rte_free(x); /* x absorbs the dirty hole above it */
		EXPECT_EQ_UINT(header_of(x)->dirty, 1);
		q = rte_zmalloc(NULL, 4096, 0); /* the hole's end: old bytes */
		EXPECT_EQ_PTR(q, p);
		EXPECT_TRUE(all_bytes(q, 0, 4096));
		rte_free(q);
		rte_free(g2);
		rte_free(g1);

		/*
		 * realloc growing into a dirty neighbour: the part it gives
		 * back must be zeroed (or stay dirty), so a later zmalloc of
		 * exactly that part reads zero.
		 */
		g1 = rte_malloc(NULL, 64, 0);
		x = rte_malloc(NULL, 1024, 0);
		p = rte_malloc(NULL, 8192, 0);
		g2 = rte_malloc(NULL, 64, 0);
		ASSERT_NOT_NULL(x);
		ASSERT_NOT_NULL(p);
		ASSERT_NOT_NULL(g2);
		EXPECT_EQ_PTR(p, x + 1024 + HDR);
		rte_free(p);
		header_of(p)->dirty = 1;
		memset(p, 0xee, 8192);
		q = rte_realloc(x, 2048, 0);
		EXPECT_EQ_PTR(q, x);
		/* the rest of the hole: (1024 + 64 + 8192) - 2048 - 64 */
		q = rte_zmalloc(NULL, 1024 + 8192 - 2048, 0);
		EXPECT_EQ_PTR(q, x + 2048 + HDR);
		EXPECT_TRUE(all_bytes(q, 0, 1024 + 8192 - 2048));
		rte_free(q);
		rte_free(x);
		rte_free(g2);
		rte_free(g1);
	}
	EXPECT_EQ_UINT(stats().alloc_count, s0.alloc_count);
	EXPECT_HEAPS_OK();
	return done();
}

/* ------------------------------------------------------------------ */
/* bad frees and validate                                              */

static int
scenario_bad_free(void *arg)
{
	struct rte_malloc_socket_stats s0, s;
	char *p, *g1, *g2, *r;
	int on_stack = 0;
	char *libc;

	(void)arg;
	init_eal();
	s0 = stats();
	EXPECT_EQ_INT(rte_malloc_validate(NULL, NULL), -1);

	p = rte_malloc(NULL, 256, 0);
	ASSERT_NOT_NULL(p);
	memset(p, 0, 256);
	libc = malloc(256);
	ASSERT_NOT_NULL(libc);
	s = stats();
	log_capture();

	struct {
		const char *what;
		void *ptr;
	} bad[] = {
		{ "stack", &on_stack },
		{ "malloc(3)", libc },
		{ "ptr+1", p + 1 },
		{ "ptr+8", p + 8 },
		{ "ptr+64", p + 64 },
		{ "ptr+128", p + 128 },
		{ "the header", p - HDR },
		{ "below the header", p - 2 * HDR },
		{ "last line", p + 256 - 64 },
	};
	for (unsigned int i = 0; i < RTE_DIM(bad); i++) {
		char ptr_text[32];

		snprintf(ptr_text, sizeof(ptr_text), "%p", bad[i].ptr);
		EXPECT_EQ_INT(rte_malloc_validate(bad[i].ptr, NULL), -1);
		rte_free(bad[i].ptr);
		const char *msg = log_take();
		if (strstr(msg, ptr_text) == NULL)
			printf("%s: the log does not name %s: \"%s\"\n",
			       bad[i].what, ptr_text, msg);
		EXPECT_CONTAINS(msg, "rte_free");
		EXPECT_CONTAINS(msg, ptr_text);
		EXPECT_STATS_EQ(stats(), s);
		EXPECT_HEAPS_OK();
	}
	free(libc);

	/* a copy of a real header inside the data is no block either */
	memcpy(p, header_of(p), HDR);
	EXPECT_EQ_INT(rte_malloc_validate(p + HDR, NULL), -1);
	rte_free(p + HDR);
	EXPECT_CONTAINS(log_take(), "rte_free");
	EXPECT_STATS_EQ(stats(), s);
	EXPECT_HEAPS_OK();
	memset(p, 0, HDR);

	/*
	 * A forged header that passes every local check but names a
	 * neighbour outside the arena: refused, without reading that
	 * neighbour (it once followed prev to any address above the arena
	 * start and crashed).
	 */
	{
		char *m = rte_malloc(NULL, 1024, 0);
		struct malloc_elem *real, *fake;

		ASSERT_NOT_NULL(m);
		real = header_of(m);
		fake = (struct malloc_elem *)m;
		memset(fake, 0, sizeof(*fake));
		fake->magic = real->magic;
		fake->state = real->state;
		fake->arena = real->arena;
		fake->size = 128;
		fake->prev = (struct malloc_elem *)(uintptr_t)(1ull << 46);
		s = stats();
		EXPECT_EQ_INT(rte_malloc_validate(m + HDR, NULL), -1);
		rte_free(m + HDR);
		EXPECT_CONTAINS(log_take(), "rte_free");
		fake->prev = (struct malloc_elem *)(m + 4096); /* above it */
		rte_free(m + HDR);
		EXPECT_CONTAINS(log_take(), "rte_free");
		EXPECT_STATS_EQ(stats(), s);
		memset(m, 0, HDR);
		rte_free(m);
		EXPECT_HEAPS_OK();
	}

	/* double free: alone between busy guards, then after a merge */
	r = make_hole(512, &g1, &g2); /* freed once already */
	s = stats();
	EXPECT_EQ_INT(rte_malloc_validate(r, NULL), -1);
	log_take();
	rte_free(r);
	EXPECT_CONTAINS(log_take(), "rte_free");
	EXPECT_STATS_EQ(stats(), s);
	EXPECT_HEAPS_OK();
	rte_free(g1); /* merges with r's hole above it */
	rte_free(g2); /* merges with that and the last block */
	s = stats();
	rte_free(g2);
	rte_free(r);
	EXPECT_CONTAINS(log_take(), "rte_free");
	EXPECT_STATS_EQ(stats(), s);
	EXPECT_HEAPS_OK();
	log_release();

	/* validate: live blocks only, with the usable size */
	EXPECT_EQ_INT(rte_malloc_validate(p, NULL), 0);
	EXPECT_EQ_UINT(usable(p), 256);
	rte_free(p);
	EXPECT_EQ_INT(rte_malloc_validate(p, NULL), -1);
	EXPECT_STATS_EQ(stats(), s0);

	/* and the heap still works */
	p = rte_malloc(NULL, 4096, 0);
	ASSERT_NOT_NULL(p);
	memset(p, 1, 4096);
	rte_free(p);
	EXPECT_STATS_EQ(stats(), s0);
	EXPECT_HEAPS_OK();
	return done();
}

/* ------------------------------------------------------------------ */
/* growth                                                              */

static int
scenario_growth(void *arg)
{
	struct rte_malloc_socket_stats s0, s;
	char *small, *big;

	(void)arg;
	init_eal();
	s0 = stats();
	if (!on_hugepages())
		EXPECT_EQ_UINT(s0.heap_totalsz_bytes, 16 * MB);

	/* the last block free: growth extends it */
	small = rte_malloc(NULL, 64, 0);
	ASSERT_NOT_NULL(small);
	big = rte_malloc(NULL, 64 * MB, 0);
	ASSERT_NOT_NULL(big);
	s = stats();
	EXPECT_GE_UINT(s.heap_totalsz_bytes,
		       s0.heap_totalsz_bytes + 64 * MB + HDR);
	EXPECT_EQ_UINT(s.alloc_count, s0.alloc_count + 2);
	EXPECT_EQ_UINT(usable(big), 64 * MB);
	big[0] = 1;
	big[64 * MB - 1] = 2;
	EXPECT_NOT_NULL(rte_mem_virt2memseg(big + 64 * MB - 1, NULL));
	EXPECT_HEAPS_OK();
	rte_free(big);
	rte_free(small);
	s = stats();
	EXPECT_EQ_UINT(s.alloc_count, s0.alloc_count);
	EXPECT_EQ_UINT(s.heap_allocsz_bytes, s0.heap_allocsz_bytes);
	if (s0.free_count == 1 && s0.heap_allocsz_bytes == 0) {
		/* everything merged back into one block */
		EXPECT_EQ_UINT(s.free_count, 1);
		EXPECT_EQ_UINT(s.greatest_free_size, s.heap_totalsz_bytes);
	}
	EXPECT_HEAPS_OK();
	/* the grown memory is reused, not committed again */
	big = rte_malloc(NULL, 64 * MB, 0);
	ASSERT_NOT_NULL(big);
	EXPECT_EQ_UINT(stats().heap_totalsz_bytes, s.heap_totalsz_bytes);
	rte_free(big);

	/*
	 * The last block busy (a block took all of it): growth adds a new
	 * block after it, and freeing merges everything again.
	 */
	s = stats();
	if (s0.free_count == 1 && s0.heap_allocsz_bytes == 0) {
		char *all = rte_malloc(NULL, s.greatest_free_size - HDR, 0);
		char *more;

		ASSERT_NOT_NULL(all);
		EXPECT_EQ_UINT(stats().free_count, 0);
		more = rte_malloc(NULL, MB, 0);
		ASSERT_NOT_NULL(more);
		EXPECT_EQ_PTR(more, all + s.greatest_free_size);
		EXPECT_GT_UINT(stats().heap_totalsz_bytes, s.heap_totalsz_bytes);
		EXPECT_EQ_UINT(stats().free_count, 1);
		EXPECT_HEAPS_OK();
		rte_free(all);
		rte_free(more);
		EXPECT_EQ_UINT(stats().free_count, 1);
		EXPECT_EQ_UINT(stats().alloc_count, 0);
		EXPECT_HEAPS_OK();
	}

	/* many small blocks past the end: the heap grows in steps */
	s = stats();
	enum { N = 1600 }; /* ~105 MB: past the 82 MiB the heap has now */
	static char *blk[N];
	for (unsigned int i = 0; i < N; i++) {
		blk[i] = rte_malloc(NULL, 64 * KB + 1, 0);
		ASSERT_NOT_NULL(blk[i]);
		memset(blk[i], (int)i, 64 * KB + 1);
	}
	EXPECT_GT_UINT(stats().heap_totalsz_bytes, s.heap_totalsz_bytes);
	EXPECT_HEAPS_OK();
	for (unsigned int i = 0; i < N; i++) {
		EXPECT_TRUE(all_bytes(blk[i], (int)(i & 0xff), 64 * KB + 1));
		rte_free(blk[i]);
	}
	s = stats();
	EXPECT_EQ_UINT(s.alloc_count, s0.alloc_count);
	EXPECT_EQ_UINT(s.heap_freesz_bytes,
		       s.heap_totalsz_bytes - s0.heap_allocsz_bytes);
	if (s0.free_count == 1 && s0.heap_allocsz_bytes == 0)
		EXPECT_EQ_UINT(s.free_count, 1);
	EXPECT_HEAPS_OK();
	return done();
}

/* ------------------------------------------------------------------ */
/* dumps and the checker itself                                        */

static unsigned long long
field(const char *text, const char *name)
{
	const char *at = strstr(text, name);

	return at != NULL ? strtoull(at + strlen(name), NULL, 10) : ~0ull;
}

static int
scenario_dump(void *arg)
{
	struct rte_malloc_socket_stats s;
	char *buf = NULL, want[64];
	size_t len = 0;
	FILE *f;
	char *p, *q;

	(void)arg;
	init_eal();
	p = rte_malloc(NULL, 1000, 0);
	q = rte_malloc(NULL, 5000, 4096);
	ASSERT_NOT_NULL(p);
	ASSERT_NOT_NULL(q);
	s = stats();

	f = open_memstream(&buf, &len);
	ASSERT_NOT_NULL(f);
	rte_malloc_dump_stats(f, NULL);
	rte_malloc_dump_stats(f, "ignored type");
	fclose(f);
	snprintf(want, sizeof(want), "Socket:%d", sock());
	EXPECT_CONTAINS(buf, want);
	EXPECT_EQ_UINT(field(buf, "Heap_size:"), s.heap_totalsz_bytes);
	EXPECT_EQ_UINT(field(buf, "Free_size:"), s.heap_freesz_bytes);
	EXPECT_EQ_UINT(field(buf, "Alloc_size:"), s.heap_allocsz_bytes);
	EXPECT_EQ_UINT(field(buf, "Greatest_free_size:"), s.greatest_free_size);
	EXPECT_EQ_UINT(field(buf, "Alloc_count:"), s.alloc_count);
	EXPECT_EQ_UINT(field(buf, "Free_count:"), s.free_count);
	free(buf);

	buf = NULL;
	f = open_memstream(&buf, &len);
	ASSERT_NOT_NULL(f);
	rte_malloc_dump_heaps(f);
	fclose(f);
	snprintf(want, sizeof(want), "Heap name:socket_%d", sock());
	EXPECT_CONTAINS(buf, "Heap id:");
	EXPECT_CONTAINS(buf, want);
	EXPECT_EQ_UINT(field(buf, "Heap_size:"), s.heap_totalsz_bytes);
	EXPECT_EQ_UINT(field(buf, "Alloc_count:"), s.alloc_count);
	snprintf(want, sizeof(want), "data %p", (void *)p);
	EXPECT_CONTAINS(buf, want);
	snprintf(want, sizeof(want), "data %p", (void *)q);
	EXPECT_CONTAINS(buf, want);
	unsigned int busy = 0, free_ = 0;
	for (const char *l = buf; (l = strstr(l, "\n\t0x")) != NULL; l++) {
		const char *eol = strchr(l + 1, '\n');
		const char *st = strstr(l, ": busy");

		if (st != NULL && (eol == NULL || st < eol))
			busy++;
		st = strstr(l, ": free");
		if (st != NULL && (eol == NULL || st < eol))
			free_++;
	}
	EXPECT_EQ_UINT(busy, s.alloc_count);
	EXPECT_EQ_UINT(free_, s.free_count);
	free(buf);
	rte_free(p);
	rte_free(q);
	return done();
}

static int
scenario_check_catches(void *arg)
{
	struct malloc_elem *e, saved;
	struct malloc_heap *heap;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	char *p, *g1, *g2, *h;
	int idx;

	(void)arg;
	init_eal();
	idx = malloc_heap_of_socket(sock());
	ASSERT_GE_INT(idx, 0);
	heap = &mem_cfg()->heap[idx];
	p = rte_malloc(NULL, 1024, 0);
	ASSERT_NOT_NULL(p);
	e = header_of(p);
	saved = *e;
	f = open_memstream(&buf, &len);
	ASSERT_NOT_NULL(f);

	/* a damaged magic: check fails; validate and free refuse the block */
	e->magic ^= 0x100;
	EXPECT_EQ_INT(malloc_heap_check((unsigned int)idx, f), -EFAULT);
	EXPECT_EQ_INT(rte_malloc_validate(p, NULL), -1);
	log_capture();
	rte_free(p);
	EXPECT_CONTAINS(log_take(), "rte_free");
	log_release();
	*e = saved;
	EXPECT_EQ_INT(malloc_heap_check((unsigned int)idx, f), 0);
	EXPECT_EQ_INT(rte_malloc_validate(p, NULL), 0);

	/* a wrong size */
	e->size += 64;
	EXPECT_EQ_INT(malloc_heap_check((unsigned int)idx, f), -EFAULT);
	*e = saved;
	/* a wrong count */
	heap->alloc_count++;
	EXPECT_EQ_INT(malloc_heap_check((unsigned int)idx, f), -EFAULT);
	heap->alloc_count--;
	/* a free block missing from its list */
	h = make_hole(2048, &g1, &g2);
	struct malloc_elem *he = header_of(h);
	unsigned int c = 0;
	while (c < MALLOC_HEAP_NCLASSES && heap->free_head[c] != he)
		c++;
	ASSERT_TRUE(c < MALLOC_HEAP_NCLASSES); /* just freed: list head */
	heap->free_head[c] = he->free_next;
	EXPECT_EQ_INT(malloc_heap_check((unsigned int)idx, f), -EFAULT);
	heap->free_head[c] = he;
	EXPECT_EQ_INT(malloc_heap_check((unsigned int)idx, f), 0);
	fclose(f);
	EXPECT_CONTAINS(buf, "heap socket_");
	free(buf);

	rte_free(g1);
	rte_free(g2);
	rte_free(p);
	EXPECT_HEAPS_OK();
	EXPECT_EQ_UINT(stats().alloc_count, 0);
	return done();
}

/* ------------------------------------------------------------------ */

static const struct {
	const char *name;
	int (*fn)(void *);
} scenarios[] = {
	{ "bad parameters", scenario_bad_params },
	{ "alignments", scenario_alignments },
	{ "size classes", scenario_size_classes },
	{ "split, pad and merge", scenario_split_pad_merge },
	{ "realloc", scenario_realloc },
	{ "zeroing", scenario_zero },
	{ "bad frees", scenario_bad_free },
	{ "growth", scenario_growth },
	{ "dumps", scenario_dump },
	{ "malloc_heap_check catches damage", scenario_check_catches },
};

int
main(void)
{
	for (unsigned int i = 0; i < RTE_DIM(scenarios); i++)
		run_scenario(scenarios[i].name, scenarios[i].fn);
	if (test_on_hugepages())
		printf("note: skipped on hugepages (it would take 1 GiB of "
		       "them)\n");
	else if (!memory_for_1g())
		printf("note: skipped: it commits 1 GiB of /dev/shm, and "
		       "less than 3 GiB of RAM or 2 GiB of /dev/shm is free\n");
	else
		run_scenario("1 GiB alignment", scenario_align_1g);
	return test_report();
}
