/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: memzones, after DPDK's memzone_autotest.
 * - Basic: zones of 100, 1000 (socket 0), 1000 (socket 1, may fail) and
 *   1024 bytes: lengths rounded to 64 (1024 stays 1024), aligned, apart,
 *   on the socket asked for, found by lookup, the walk count rising and
 *   falling; a duplicate name fails with EEXIST.
 * - Bad arguments, each with its rte_errno and nothing leaked: names of
 *   32 characters (ENAMETOOLONG; 31 is fine), NULL or empty names, bad
 *   alignments and bounds, unknown flags, socket -5 (EINVAL), a socket
 *   without memory, len (size_t)-1 and other lengths too big (no heap
 *   growth for them); the order of the checks.
 * - Alignments 32 to 2 MiB; bounds (DPDK's cases, len 0 gives len ==
 *   bound); len 0 takes the biggest block: greatest_free_size - 64
 *   exactly, or within [max - align, max] with an alignment.
 * - Descriptor slots: lowest reused first, the table filled to the end,
 *   one freed, then len 0 succeeds; rte_memzone_free(NULL), a double free
 *   and pointers that are no descriptor (-EINVAL).
 * - Walk order and count, rte_memzone_dump() format.
 * - Page-size flags against the page sizes rte_memseg_list_walk() shows
 *   (4 KiB without hugepages): a missing size fails with ENOMEM unless
 *   RTE_MEMZONE_SIZE_HINT_ONLY, and hugepage_sz reports the backing size;
 *   RTE_MEMZONE_IOVA_CONTIG works.
 * - rte_memzone_max_set/get: 8 before init, the 9th zone fails with
 *   ENOSPC, len 0 after a free; EBUSY after init, EINVAL for 0.
 * - A zone is a heap block: heap stats and malloc_heap_check() agree.
 * Each scenario runs in its own child process with a fresh primary.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "malloc_test.h"

#define KB (1ull << 10)
#define MB (1ull << 20)

/* ------------------------------------------------------------------ */
/* helpers                                                             */

static struct rte_malloc_socket_stats
stats(int socket)
{
	struct rte_malloc_socket_stats s;

	memset(&s, 0, sizeof(s));
	ASSERT_EQ_INT(rte_malloc_get_socket_stats(socket, &s), 0);
	return s;
}

#define EXPECT_STATS_EQ(a, b)                                                 \
	do {                                                                  \
		EXPECT_EQ_UINT((a).heap_totalsz_bytes, (b).heap_totalsz_bytes); \
		EXPECT_EQ_UINT((a).heap_freesz_bytes, (b).heap_freesz_bytes); \
		EXPECT_EQ_UINT((a).greatest_free_size, (b).greatest_free_size); \
		EXPECT_EQ_UINT((a).free_count, (b).free_count);               \
		EXPECT_EQ_UINT((a).alloc_count, (b).alloc_count);             \
	} while (0)

static bool
aligned(uint64_t v, uint64_t a)
{
	return (v & (a - 1)) == 0;
}

/* Whether [addr, addr + len) crosses a multiple of bound. */
static bool
crosses(const void *addr, size_t len, size_t bound)
{
	uintptr_t a = (uintptr_t)addr;

	return (a & ~(uintptr_t)(bound - 1)) !=
	       ((a + len - 1) & ~(uintptr_t)(bound - 1));
}

static bool
overlap(const struct rte_memzone *a, const struct rte_memzone *b)
{
	uintptr_t a0 = (uintptr_t)a->addr, b0 = (uintptr_t)b->addr;

	return a0 < b0 + b->len && b0 < a0 + a->len;
}

/* The sanity every zone must show. */
static void
check_zone(const struct rte_memzone *mz, const char *name, size_t len_min,
	   size_t align)
{
	size_t usable = 0;

	ASSERT_NOT_NULL(mz);
	EXPECT_EQ_STR(mz->name, name);
	EXPECT_TRUE(aligned((uintptr_t)mz->addr, align));
	EXPECT_TRUE(aligned(mz->iova, align));
	EXPECT_EQ_UINT(mz->iova, rte_mem_virt2iova(mz->addr));
	EXPECT_NE_UINT(mz->iova, RTE_BAD_IOVA);
	EXPECT_GE_UINT(mz->len, len_min);
	EXPECT_NE_UINT(mz->len, 0);
	EXPECT_EQ_UINT(mz->len % RTE_CACHE_LINE_SIZE, 0);
	EXPECT_EQ_UINT(mz->flags, 0);
	EXPECT_NE_UINT(mz->hugepage_sz, 0);
	if (!on_hugepages())
		EXPECT_EQ_UINT(mz->hugepage_sz, 4096);
	EXPECT_EQ_PTR(rte_memzone_lookup(name), mz);
	/* the memory is a live heap block at least as long as the zone */
	EXPECT_EQ_INT(rte_malloc_validate(mz->addr, &usable), 0);
	EXPECT_GE_UINT(usable, mz->len);
	const struct rte_memseg *ms = rte_mem_virt2memseg(mz->addr, NULL);
	EXPECT_NOT_NULL(ms);
	if (ms != NULL) {
		EXPECT_EQ_INT(ms->socket_id, mz->socket_id);
		EXPECT_EQ_UINT(ms->hugepage_sz, mz->hugepage_sz);
	}
	/* the whole zone is committed and writable */
	((volatile char *)mz->addr)[0] = 1;
	((volatile char *)mz->addr)[mz->len - 1] = 1;
}

/* Reserve, check and free one zone; returns its length (0: failed). */
static size_t
reserve_check_free(const char *name, size_t len, int socket, unsigned int flags,
		   unsigned int align, unsigned int bound)
{
	const struct rte_memzone *mz;
	size_t got;

	mz = rte_memzone_reserve_bounded(name, len, socket, flags, align,
					 bound);
	if (mz == NULL) {
		printf("%s: reserve(len %zu, socket %d, flags %#x, align %u, "
		       "bound %u) failed: %s\n", name, len, socket, flags,
		       align, bound, rte_strerror(rte_errno));
		return 0;
	}
	check_zone(mz, name, len, RTE_MAX(align, 64u));
	if (bound != 0)
		EXPECT_FALSE(crosses(mz->addr, mz->len, bound));
	got = mz->len;
	EXPECT_EQ_INT(rte_memzone_free(mz), 0);
	return got;
}

/* ------------------------------------------------------------------ */
/* basic                                                               */

static int
scenario_basic(void *arg)
{
	const struct rte_memzone *z1, *z2, *z3, *z4;
	struct rte_malloc_socket_stats s0;
	unsigned int n0, created = 0;

	(void)arg;
	init_eal();
	n0 = test_memzone_count();
	s0 = stats(sock());

	z1 = rte_memzone_reserve("testzone1", 100, SOCKET_ID_ANY, 0);
	z2 = rte_memzone_reserve("testzone2", 1000, 0, 0);
	z3 = rte_memzone_reserve("testzone3", 1000, 1, 0);
	z4 = rte_memzone_reserve("testzone4", 1024, SOCKET_ID_ANY, 0);
	check_zone(z1, "testzone1", 100, 64);
	check_zone(z2, "testzone2", 1000, 64);
	check_zone(z4, "testzone4", 1024, 64);
	created = 3;
	EXPECT_EQ_UINT(z1->len, 128);
	EXPECT_EQ_UINT(z2->len, 1024);
	EXPECT_EQ_UINT(z4->len, 1024);
	EXPECT_EQ_INT(z2->socket_id, 0);
	EXPECT_EQ_INT(z1->socket_id, sock());
	if (z3 != NULL) {
		check_zone(z3, "testzone3", 1000, 64);
		EXPECT_EQ_INT(z3->socket_id, 1);
		created++;
	} else {
		EXPECT_LT_UINT(rte_socket_count(), 2);
		EXPECT_EQ_INT(rte_errno, ENOMEM);
	}
	EXPECT_EQ_UINT(test_memzone_count(), n0 + created);
	EXPECT_FALSE(overlap(z1, z2));
	EXPECT_FALSE(overlap(z1, z4));
	EXPECT_FALSE(overlap(z2, z4));
	if (z3 != NULL) {
		EXPECT_FALSE(overlap(z3, z1));
		EXPECT_FALSE(overlap(z3, z2));
		EXPECT_FALSE(overlap(z3, z4));
	}
	/* a zone is a block of the heap: 3 blocks of 128 + 1024 + 1024 */
	struct rte_malloc_socket_stats s = stats(sock());
	EXPECT_EQ_UINT(s.alloc_count, s0.alloc_count + 3);
	EXPECT_EQ_UINT(s.heap_allocsz_bytes,
		       s0.heap_allocsz_bytes + 128 + 1024 + 1024 +
			       3 * MALLOC_ELEM_OVERHEAD);
	EXPECT_HEAPS_OK();

	/* duplicates: EEXIST, whatever the other arguments */
	rte_errno = 0;
	EXPECT_NULL(rte_memzone_reserve("testzone1", 100, SOCKET_ID_ANY, 0));
	EXPECT_EQ_INT(rte_errno, EEXIST);
	rte_errno = 0;
	EXPECT_NULL(rte_memzone_reserve_aligned("testzone2", 0, 0, 0, 4096));
	EXPECT_EQ_INT(rte_errno, EEXIST);
	/* EEXIST comes before a bad alignment */
	rte_errno = 0;
	EXPECT_NULL(rte_memzone_reserve_aligned("testzone4", 64, 0, 0, 100));
	EXPECT_EQ_INT(rte_errno, EEXIST);
	EXPECT_EQ_UINT(test_memzone_count(), n0 + created);

	/* lookup: the same descriptor; unknown names leave rte_errno alone */
	EXPECT_EQ_PTR(rte_memzone_lookup("testzone1"), z1);
	EXPECT_EQ_PTR(rte_memzone_lookup("testzone4"), z4);
	rte_errno = 1234;
	EXPECT_NULL(rte_memzone_lookup("testzone5"));
	EXPECT_NULL(rte_memzone_lookup("testzone"));
	EXPECT_NULL(rte_memzone_lookup(""));
	EXPECT_NULL(rte_memzone_lookup(NULL));
	EXPECT_EQ_INT(rte_errno, 1234);

	/* the zones are memory we can use */
	memset(z4->addr, 0x44, z4->len);
	memset(z1->addr, 0x11, z1->len);
	EXPECT_EQ_UINT(((unsigned char *)z4->addr)[z4->len - 1], 0x44);

	EXPECT_EQ_INT(rte_memzone_free(z1), 0);
	EXPECT_NULL(rte_memzone_lookup("testzone1"));
	EXPECT_EQ_INT(rte_memzone_free(z2), 0);
	if (z3 != NULL)
		EXPECT_EQ_INT(rte_memzone_free(z3), 0);
	EXPECT_EQ_INT(rte_memzone_free(z4), 0);
	EXPECT_EQ_UINT(test_memzone_count(), n0);
	EXPECT_STATS_EQ(stats(sock()), s0);
	EXPECT_HEAPS_OK();
	/* the name is free again */
	z1 = rte_memzone_reserve("testzone1", 64, SOCKET_ID_ANY, 0);
	check_zone(z1, "testzone1", 64, 64);
	EXPECT_EQ_INT(rte_memzone_free(z1), 0);
	return done();
}

/* ------------------------------------------------------------------ */
/* bad arguments                                                       */

#define EXPECT_REFUSED(call, err)                                             \
	do {                                                                  \
		rte_errno = 0;                                                \
		EXPECT_NULL(call);                                            \
		EXPECT_EQ_INT(rte_errno, err);                                \
	} while (0)

static int
scenario_bad_args(void *arg)
{
	struct rte_malloc_socket_stats s0;
	unsigned int n0;
	const struct rte_memzone *mz;
	char name[64];

	(void)arg;
	init_eal();
	n0 = test_memzone_count();
	s0 = stats(sock());

	/* names */
	memset(name, 'n', sizeof(name));
	name[RTE_MEMZONE_NAMESIZE] = '\0'; /* 32 characters */
	EXPECT_REFUSED(rte_memzone_reserve(name, 64, SOCKET_ID_ANY, 0),
		       ENAMETOOLONG);
	name[40] = 'n';
	name[41] = '\0';
	EXPECT_REFUSED(rte_memzone_reserve(name, 64, SOCKET_ID_ANY, 0),
		       ENAMETOOLONG);
	name[RTE_MEMZONE_NAMESIZE - 1] = '\0'; /* 31: the longest allowed */
	mz = rte_memzone_reserve(name, 64, SOCKET_ID_ANY, 0);
	check_zone(mz, name, 64, 64);
	EXPECT_EQ_INT(rte_memzone_free(mz), 0);
	EXPECT_REFUSED(rte_memzone_reserve(NULL, 64, SOCKET_ID_ANY, 0), EINVAL);
	EXPECT_REFUSED(rte_memzone_reserve("", 64, SOCKET_ID_ANY, 0), EINVAL);

	/* alignment */
	const unsigned int bad_align[] = { 3, 100, 96, 0x80000001u,
					   UINT32_MAX };
	for (unsigned int i = 0; i < RTE_DIM(bad_align); i++)
		EXPECT_REFUSED(rte_memzone_reserve_aligned("mz_align", 64,
							   SOCKET_ID_ANY, 0,
							   bad_align[i]),
			       EINVAL);

	/* bounds: not a power of two, or below the (rounded) length */
	EXPECT_REFUSED(rte_memzone_reserve_bounded("mz_bound", 100,
						   SOCKET_ID_ANY, 0, 32,
						   UINT32_MAX), EINVAL);
	EXPECT_REFUSED(rte_memzone_reserve_bounded("mz_bound", 100,
						   SOCKET_ID_ANY, 0, 32, 100),
		       EINVAL);
	EXPECT_REFUSED(rte_memzone_reserve_bounded("mz_bound", 100,
						   SOCKET_ID_ANY, 0, 32, 32),
		       EINVAL);
	EXPECT_REFUSED(rte_memzone_reserve_bounded("mz_bound", 65,
						   SOCKET_ID_ANY, 0, 0, 64),
		       EINVAL);

	/* flags */
	EXPECT_REFUSED(rte_memzone_reserve("mz_flags", 64, SOCKET_ID_ANY,
					   RTE_MEMZONE_IOVA_CONTIG << 1),
		       EINVAL);
	EXPECT_REFUSED(rte_memzone_reserve("mz_flags", 64, SOCKET_ID_ANY, 0x8),
		       EINVAL);
	EXPECT_REFUSED(rte_memzone_reserve("mz_flags", 64, SOCKET_ID_ANY,
					   0x80000000u), EINVAL);

	/* sockets */
	EXPECT_REFUSED(rte_memzone_reserve("mz_socket", 64, -5, 0), EINVAL);
	EXPECT_REFUSED(rte_memzone_reserve("mz_socket", 64, INT32_MIN, 0),
		       EINVAL);
	if (rte_socket_count() == 1 && sock() != 5) {
		EXPECT_REFUSED(rte_memzone_reserve("mz_socket", 64, 5, 0),
			       ENOMEM);
		EXPECT_REFUSED(rte_memzone_reserve("mz_socket", 0, 5, 0),
			       ENOMEM);
	}

	/* lengths no memory can hold; the heap must not grow for them */
	EXPECT_REFUSED(rte_memzone_reserve("mz_len", opaque(SIZE_MAX),
					   SOCKET_ID_ANY, 0), EINVAL);
	EXPECT_REFUSED(rte_memzone_reserve("mz_len", opaque(SIZE_MAX - 62),
					   SOCKET_ID_ANY, 0), EINVAL);
	const size_t huge[] = { SIZE_MAX - 63, SIZE_MAX - 100, SIZE_MAX / 2,
				1ull << 40 };
	for (unsigned int i = 0; i < RTE_DIM(huge); i++) {
		EXPECT_REFUSED(rte_memzone_reserve("mz_len", opaque(huge[i]),
						   SOCKET_ID_ANY, 0), ENOMEM);
		EXPECT_REFUSED(rte_memzone_reserve_aligned(
				       "mz_len", opaque(huge[i]), SOCKET_ID_ANY,
				       0, 1u << 31), ENOMEM);
	}

	/* nothing was created or leaked by all that */
	EXPECT_EQ_UINT(test_memzone_count(), n0);
	EXPECT_STATS_EQ(stats(sock()), s0);
	EXPECT_HEAPS_OK();
	return done();
}

/* ------------------------------------------------------------------ */
/* alignment, bounds, len 0                                            */

static int
scenario_align_bound(void *arg)
{
	const struct rte_memzone *mz[16];
	unsigned int n = 0, n0;
	struct rte_malloc_socket_stats s0;

	(void)arg;
	init_eal();
	n0 = test_memzone_count();
	s0 = stats(sock());

	/* alignments, all zones held together: none may overlap */
	const unsigned int aligns[] = { 32, 64, 128, 256, 512, 1024, 4096,
					65536, 2u << 20 };
	for (unsigned int i = 0; i < RTE_DIM(aligns); i++) {
		char name[32];

		snprintf(name, sizeof(name), "aligned%u", aligns[i]);
		mz[n] = rte_memzone_reserve_aligned(name, 100, SOCKET_ID_ANY,
						    0, aligns[i]);
		check_zone(mz[n], name, 100, RTE_MAX(aligns[i], 64u));
		EXPECT_EQ_UINT(mz[n]->len, 128);
		for (unsigned int j = 0; j < n; j++)
			EXPECT_FALSE(overlap(mz[j], mz[n]));
		n++;
	}
	EXPECT_EQ_UINT(test_memzone_count(), n0 + n);
	for (unsigned int i = 0; i < n; i++)
		EXPECT_EQ_INT(rte_memzone_free(mz[i]), 0);
	EXPECT_HEAPS_OK();

	/* DPDK's bounded cases: (len, align, bound) */
	static const struct {
		size_t len;
		unsigned int align, bound;
	} bounded[] = {
		{ 100, 128, 128 }, { 100, 256, 128 }, { 100, 64, 1024 },
		{ 0, 64, 1024 }, { 4096, 64, 4096 }, { 4000, 64, 8192 },
		{ 0, 4096, 65536 }, { 3 * 4096, 4096, 16384 },
		{ 1024 * 1024, 64, 1024 * 1024 },
	};
	for (unsigned int i = 0; i < RTE_DIM(bounded); i++) {
		char name[32];
		size_t len;

		snprintf(name, sizeof(name), "bounded%u", i);
		len = reserve_check_free(name, bounded[i].len, SOCKET_ID_ANY, 0,
					 bounded[i].align, bounded[i].bound);
		EXPECT_NE_UINT(len, 0);
		if (bounded[i].len == 0)
			EXPECT_EQ_UINT(len, bounded[i].bound);
		else
			EXPECT_EQ_UINT(len, (bounded[i].len + 63) & ~63ull);
	}
	/* many small bounded zones held at once: none crosses its bound */
	n = 0;
	for (unsigned int i = 0; i < 12; i++) {
		char name[32];

		snprintf(name, sizeof(name), "bnd%u", i);
		mz[n] = rte_memzone_reserve_bounded(name, 1000, SOCKET_ID_ANY,
						    0, 64, 1024);
		check_zone(mz[n], name, 1000, 64);
		EXPECT_FALSE(crosses(mz[n]->addr, mz[n]->len, 1024));
		n++;
	}
	for (unsigned int i = 0; i < n; i++)
		EXPECT_EQ_INT(rte_memzone_free(mz[i]), 0);
	EXPECT_EQ_UINT(test_memzone_count(), n0);
	EXPECT_EQ_UINT(stats(sock()).alloc_count, s0.alloc_count);
	EXPECT_HEAPS_OK();
	return done();
}

/* len 0 on one socket: the biggest block, exactly or within an alignment. */
static void
check_len0(int socket)
{
	struct rte_malloc_socket_stats s;
	const struct rte_memzone *mz;
	size_t maxlen;

	s = stats(socket);
	maxlen = s.greatest_free_size - MALLOC_ELEM_OVERHEAD;
	mz = rte_memzone_reserve("max_zone", 0, socket, 0);
	check_zone(mz, "max_zone", 1, 64);
	EXPECT_EQ_UINT(mz->len, maxlen);
	EXPECT_EQ_INT(mz->socket_id, socket);
	/* it took the whole block */
	EXPECT_EQ_UINT(stats(socket).free_count, s.free_count - 1);
	EXPECT_EQ_INT(rte_memzone_free(mz), 0);
	EXPECT_STATS_EQ(stats(socket), s);

	for (unsigned int shift = 5; shift <= 12; shift++) {
		unsigned int align = 1u << shift;
		size_t minlen = maxlen - RTE_ALIGN_CEIL((size_t)align,
						       (size_t)64);

		mz = rte_memzone_reserve_aligned("max_zone_aligned", 0, socket,
						 0, align);
		check_zone(mz, "max_zone_aligned", minlen,
			   RTE_MAX(align, 64u));
		EXPECT_GE_UINT(mz->len, minlen);
		EXPECT_LE_UINT(mz->len, maxlen);
		EXPECT_EQ_INT(rte_memzone_free(mz), 0);
		EXPECT_STATS_EQ(stats(socket), s);
	}
}

static int
scenario_len0(void *arg)
{
	const struct rte_memzone *a, *b, *c;
	unsigned int n0;

	(void)arg;
	init_eal();
	n0 = test_memzone_count();
	for (unsigned int i = 0; i < rte_socket_count(); i++) {
		int socket = rte_socket_id_by_idx(i);

		if (malloc_heap_of_socket(socket) >= 0)
			check_len0(socket);
	}
	/* with holes and a grown heap: still the biggest free block */
	a = rte_memzone_reserve("len0_a", 3 * MB, SOCKET_ID_ANY, 0);
	b = rte_memzone_reserve("len0_b", 20 * MB, SOCKET_ID_ANY, 0);
	c = rte_memzone_reserve("len0_c", 64, SOCKET_ID_ANY, 0);
	check_zone(a, "len0_a", 3 * MB, 64);
	check_zone(b, "len0_b", 20 * MB, 64);
	check_zone(c, "len0_c", 64, 64);
	EXPECT_EQ_INT(rte_memzone_free(b), 0);
	check_len0(sock());
	EXPECT_EQ_INT(rte_memzone_free(a), 0);
	EXPECT_EQ_INT(rte_memzone_free(c), 0);
	/* len 0 with a hint flag also works */
	const struct rte_memzone *mz = rte_memzone_reserve(
		"len0_hint", 0, SOCKET_ID_ANY,
		RTE_MEMZONE_2MB | RTE_MEMZONE_SIZE_HINT_ONLY);
	check_zone(mz, "len0_hint", 64, 64);
	EXPECT_EQ_INT(rte_memzone_free(mz), 0);
	EXPECT_EQ_UINT(test_memzone_count(), n0);
	EXPECT_HEAPS_OK();
	return done();
}

/* ------------------------------------------------------------------ */
/* slots                                                               */

static const struct rte_memzone *all_zones[RTE_MAX_MEMZONE + 1];

static int
scenario_slots(void *arg)
{
	const struct rte_memzone *t0, *t1, *t2, *mz;
	unsigned int n0, n = 0;
	struct rte_memzone fake;
	char name[32];

	(void)arg;
	init_eal();
	n0 = test_memzone_count();
	EXPECT_EQ_UINT(rte_memzone_max_get(), RTE_MAX_MEMZONE);

	t0 = rte_memzone_reserve("tempzone0", 64, SOCKET_ID_ANY, 0);
	t1 = rte_memzone_reserve("tempzone1", 64, SOCKET_ID_ANY, 0);
	ASSERT_NOT_NULL(t0);
	ASSERT_NOT_NULL(t1);
	EXPECT_LT_UINT((uintptr_t)t0, (uintptr_t)t1);
	EXPECT_EQ_INT(rte_memzone_free(t0), 0);
	EXPECT_NULL(rte_memzone_lookup("tempzone0"));
	EXPECT_EQ_PTR(rte_memzone_lookup("tempzone1"), t1);
	/* the lowest free descriptor is reused */
	t2 = rte_memzone_reserve("tempzone2", 64, SOCKET_ID_ANY, 0);
	EXPECT_EQ_PTR(t2, t0);
	EXPECT_EQ_STR(t2->name, "tempzone2");

	/* bad frees: -EINVAL, nothing changes */
	EXPECT_EQ_INT(rte_memzone_free(NULL), -EINVAL);
	memcpy(&fake, t1, sizeof(fake));
	EXPECT_EQ_INT(rte_memzone_free(&fake), -EINVAL);
	/* inside the table but not the start of a descriptor */
	const size_t offs[] = { 1, 8, 36, 71, sizeof(*t1) + 8 };
	for (unsigned int i = 0; i < RTE_DIM(offs); i++)
		EXPECT_EQ_INT(rte_memzone_free(
				      (const struct rte_memzone *)(
					      (const char *)t0 + offs[i])),
			      -EINVAL);
	EXPECT_EQ_UINT(test_memzone_count(), n0 + 2);
	EXPECT_EQ_PTR(rte_memzone_lookup("tempzone2"), t2);
	EXPECT_EQ_PTR(rte_memzone_lookup("tempzone1"), t1);
	EXPECT_EQ_INT(rte_memzone_free(t1), 0);
	EXPECT_EQ_INT(rte_memzone_free(t1), -EINVAL); /* double free */
	EXPECT_EQ_INT(rte_memzone_free(t2), 0);
	EXPECT_EQ_INT(rte_memzone_free(t2), -EINVAL);
	EXPECT_EQ_UINT(test_memzone_count(), n0);
	EXPECT_HEAPS_OK();

	/* fill every descriptor */
	for (;;) {
		snprintf(name, sizeof(name), "fill%u", n);
		mz = rte_memzone_reserve(name, 1, SOCKET_ID_ANY, 0);
		if (mz == NULL)
			break;
		ASSERT_TRUE(n < RTE_DIM(all_zones));
		all_zones[n++] = mz;
	}
	EXPECT_EQ_INT(rte_errno, ENOSPC);
	EXPECT_EQ_UINT(n + n0, rte_memzone_max_get());
	EXPECT_EQ_UINT(test_memzone_count(), rte_memzone_max_get());
	/* a full table says ENOSPC before it looks at the name */
	memset(name, 'x', sizeof(name));
	name[31] = '\0';
	char longname[40];
	memset(longname, 'y', sizeof(longname));
	longname[39] = '\0';
	EXPECT_REFUSED(rte_memzone_reserve(longname, 64, SOCKET_ID_ANY, 0),
		       ENOSPC);
	EXPECT_REFUSED(rte_memzone_reserve("fill0", 64, SOCKET_ID_ANY, 0),
		       ENOSPC);
	/* one freed: len 0 works and takes that very slot */
	EXPECT_EQ_INT(rte_memzone_free(all_zones[n / 2]), 0);
	mz = rte_memzone_reserve("after_full", 0, SOCKET_ID_ANY, 0);
	EXPECT_EQ_PTR(mz, all_zones[n / 2]);
	ASSERT_NOT_NULL(mz);
	EXPECT_GT_UINT(mz->len, MB);
	all_zones[n / 2] = mz;
	for (unsigned int i = 0; i < n; i++)
		EXPECT_EQ_INT(rte_memzone_free(all_zones[i]), 0);
	EXPECT_EQ_UINT(test_memzone_count(), n0);
	EXPECT_HEAPS_OK();
	return done();
}

/* ------------------------------------------------------------------ */
/* walk and dump                                                       */

struct walk_state {
	const struct rte_memzone *last;
	unsigned int count, ours, out_of_order;
};

static void
walk_cb(const struct rte_memzone *mz, void *arg)
{
	struct walk_state *w = arg;

	if (w->last != NULL && (uintptr_t)mz <= (uintptr_t)w->last)
		w->out_of_order++;
	w->last = mz;
	w->count++;
	if (strncmp(mz->name, "walk", 4) == 0)
		w->ours++;
}

static int
scenario_walk_dump(void *arg)
{
	const struct rte_memzone *mz[5];
	struct walk_state w = { 0 };
	unsigned int n0;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)arg;
	init_eal();
	n0 = test_memzone_count();
	const size_t lens[] = { 64, 5000, 100, 3 * 4096 + 1, 64 };
	for (unsigned int i = 0; i < RTE_DIM(mz); i++) {
		char name[32];

		snprintf(name, sizeof(name), "walk%u", i);
		mz[i] = rte_memzone_reserve(name, lens[i], SOCKET_ID_ANY, 0);
		ASSERT_NOT_NULL(mz[i]);
	}
	/* a hole in the middle of the table */
	EXPECT_EQ_INT(rte_memzone_free(mz[2]), 0);
	rte_memzone_walk(walk_cb, &w);
	EXPECT_EQ_UINT(w.count, n0 + 4);
	EXPECT_EQ_UINT(w.ours, 4);
	EXPECT_EQ_UINT(w.out_of_order, 0);
	rte_memzone_walk(NULL, NULL); /* ignored */

	f = open_memstream(&buf, &len);
	ASSERT_NOT_NULL(f);
	rte_memzone_dump(f);
	fclose(f);
	for (unsigned int i = 0; i < RTE_DIM(mz); i++) {
		char want[256];
		const char *at, *next;
		unsigned int segs = 0;

		if (i == 2) {
			EXPECT_TRUE(strstr(buf, "name:<walk2>") == NULL);
			continue;
		}
		snprintf(want, sizeof(want),
			 "Zone %u: name:<%s>, len:0x%zx, virt:%p, "
			 "socket_id:%" PRId32 ", flags:0\n"
			 "physical segments used:\n",
			 (unsigned int)(mz[i] - mem_cfg()->memzones),
			 mz[i]->name, mz[i]->len, mz[i]->addr,
			 mz[i]->socket_id);
		at = strstr(buf, want);
		EXPECT_CONTAINS(buf, want);
		if (at == NULL)
			continue;
		/* one "  addr:" line per page the zone touches */
		at += strlen(want);
		next = strstr(at, "Zone ");
		for (const char *l = at; (l = strstr(l, "  addr: ")) != NULL &&
					 (next == NULL || l < next); l++)
			segs++;
		uint64_t pg = mz[i]->hugepage_sz;
		uintptr_t first = (uintptr_t)mz[i]->addr & ~(pg - 1);
		uintptr_t last = ((uintptr_t)mz[i]->addr + mz[i]->len - 1) &
				 ~(pg - 1);
		EXPECT_EQ_UINT(segs, (last - first) / pg + 1);
		snprintf(want, sizeof(want), "  addr: %p iova: 0x%" PRIx64
			 " len: 0x%" PRIx64 " pagesz: 0x%" PRIx64 "\n",
			 (void *)first, rte_mem_virt2iova((void *)first), pg,
			 pg);
		EXPECT_CONTAINS(at, want);
	}
	free(buf);
	for (unsigned int i = 0; i < RTE_DIM(mz); i++)
		if (i != 2)
			EXPECT_EQ_INT(rte_memzone_free(mz[i]), 0);
	EXPECT_EQ_UINT(test_memzone_count(), n0);
	return done();
}

/* ------------------------------------------------------------------ */
/* page sizes and IOVA contiguity                                      */

struct page_sizes {
	uint64_t size[16];
	unsigned int n;
};

static int
page_size_cb(const struct rte_memseg_list *msl, void *arg)
{
	struct page_sizes *ps = arg;

	for (unsigned int i = 0; i < ps->n; i++)
		if (ps->size[i] == msl->page_sz)
			return 0;
	if (ps->n < RTE_DIM(ps->size))
		ps->size[ps->n++] = msl->page_sz;
	return 0;
}

static bool
has_page_size(const struct page_sizes *ps, uint64_t sz)
{
	for (unsigned int i = 0; i < ps->n; i++)
		if (ps->size[i] == sz)
			return true;
	return false;
}

static int
scenario_page_flags(void *arg)
{
	static const struct {
		unsigned int flag;
		uint64_t size;
	} flags[] = {
		{ RTE_MEMZONE_256KB, 256 * KB }, { RTE_MEMZONE_2MB, 2 * MB },
		{ RTE_MEMZONE_16MB, 16 * MB }, { RTE_MEMZONE_256MB, 256 * MB },
		{ RTE_MEMZONE_512MB, 512 * MB }, { RTE_MEMZONE_1GB, 1024 * MB },
		{ RTE_MEMZONE_4GB, 4096 * MB }, { RTE_MEMZONE_16GB, 16384 * MB },
	};
	struct page_sizes ps = { .n = 0 };
	const struct rte_memzone *mz;
	unsigned int n0;

	(void)arg;
	init_eal();
	n0 = test_memzone_count();
	EXPECT_EQ_INT(rte_memseg_list_walk(page_size_cb, &ps), 0);
	ASSERT_GE_UINT(ps.n, 1);
	if (!on_hugepages()) {
		EXPECT_EQ_UINT(ps.n, 1);
		EXPECT_EQ_UINT(ps.size[0], 4096);
	} else {
		EXPECT_FALSE(has_page_size(&ps, 4096));
	}
	for (unsigned int i = 0; i < RTE_DIM(flags); i++) {
		bool have = has_page_size(&ps, flags[i].size);

		/* without the hint: exactly that size, or ENOMEM */
		rte_errno = 0;
		mz = rte_memzone_reserve("pgsz", 4096, SOCKET_ID_ANY,
					 flags[i].flag);
		if (have) {
			check_zone(mz, "pgsz", 4096, 64);
			EXPECT_EQ_UINT(mz->hugepage_sz, flags[i].size);
			EXPECT_EQ_INT(rte_memzone_free(mz), 0);
		} else {
			EXPECT_NULL(mz);
			EXPECT_EQ_INT(rte_errno, ENOMEM);
		}
		/* len 0 follows the same rule */
		rte_errno = 0;
		mz = rte_memzone_reserve("pgsz0", 0, SOCKET_ID_ANY,
					 flags[i].flag);
		if (have) {
			check_zone(mz, "pgsz0", 64, 64);
			EXPECT_EQ_UINT(mz->hugepage_sz, flags[i].size);
			EXPECT_EQ_INT(rte_memzone_free(mz), 0);
		} else {
			EXPECT_NULL(mz);
			EXPECT_EQ_INT(rte_errno, ENOMEM);
		}
		/* with the hint: any size, the one used reported */
		mz = rte_memzone_reserve("pgsz_hint", 4096, SOCKET_ID_ANY,
					 flags[i].flag |
						 RTE_MEMZONE_SIZE_HINT_ONLY);
		check_zone(mz, "pgsz_hint", 4096, 64);
		EXPECT_TRUE(has_page_size(&ps, mz->hugepage_sz));
		if (have)
			EXPECT_EQ_UINT(mz->hugepage_sz, flags[i].size);
		EXPECT_EQ_INT(rte_memzone_free(mz), 0);
	}
	/* two sizes: either will do */
	mz = rte_memzone_reserve("pgsz_two", 4096, SOCKET_ID_ANY,
				 RTE_MEMZONE_2MB | RTE_MEMZONE_1GB);
	if (has_page_size(&ps, 2 * MB) || has_page_size(&ps, 1024 * MB)) {
		check_zone(mz, "pgsz_two", 4096, 64);
		EXPECT_TRUE(mz->hugepage_sz == 2 * MB ||
			    mz->hugepage_sz == 1024 * MB);
		EXPECT_EQ_INT(rte_memzone_free(mz), 0);
	} else {
		EXPECT_NULL(mz);
	}
	if (test_on_hugepages() && has_page_size(&ps, 2 * MB)) {
		mz = rte_memzone_reserve("pgsz_2m", 1000, SOCKET_ID_ANY,
					 RTE_MEMZONE_2MB);
		check_zone(mz, "pgsz_2m", 1000, 64);
		EXPECT_EQ_UINT(mz->hugepage_sz, 2 * MB);
		EXPECT_EQ_INT(rte_memzone_free(mz), 0);
	}

	/* IOVA-contiguous zones: one page, and (VA mode) 1 MiB */
	mz = rte_memzone_reserve("contig", 4000, SOCKET_ID_ANY,
				 RTE_MEMZONE_IOVA_CONTIG);
	check_zone(mz, "contig", 4000, 64);
	EXPECT_EQ_INT(rte_memzone_free(mz), 0);
	mz = rte_memzone_reserve_aligned("contig_pg", ps.size[0], SOCKET_ID_ANY,
					 RTE_MEMZONE_IOVA_CONTIG,
					 (unsigned int)ps.size[0]);
	check_zone(mz, "contig_pg", ps.size[0], ps.size[0]);
	EXPECT_EQ_INT(rte_memzone_free(mz), 0);
	if (rte_eal_iova_mode() == RTE_IOVA_VA) {
		mz = rte_memzone_reserve("contig_big", MB, SOCKET_ID_ANY,
					 RTE_MEMZONE_IOVA_CONTIG);
		check_zone(mz, "contig_big", MB, 64);
		EXPECT_EQ_UINT(mz->iova, (uintptr_t)mz->addr);
		EXPECT_EQ_INT(rte_memzone_free(mz), 0);
	} else {
		printf("note: IOVA mode PA: 1 MiB contiguous zone not "
		       "required\n");
	}
	EXPECT_EQ_UINT(test_memzone_count(), n0);
	EXPECT_HEAPS_OK();
	return done();
}

/* ------------------------------------------------------------------ */
/* rte_memzone_max_set/get                                             */

static int
scenario_max_set(void *arg)
{
	const struct rte_memzone *mz[8], *extra;
	unsigned int n0, n = 0;

	(void)arg;
	EXPECT_EQ_UINT(rte_memzone_max_get(), RTE_MAX_MEMZONE);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_memzone_max_set(0), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_memzone_max_set((size_t)MEMZONE_MAX_LIMIT + 1), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	EXPECT_EQ_UINT(rte_memzone_max_get(), RTE_MAX_MEMZONE);
	EXPECT_EQ_INT(rte_memzone_max_set(100), 0);
	EXPECT_EQ_INT(rte_memzone_max_set(8), 0); /* the last one counts */
	EXPECT_EQ_UINT(rte_memzone_max_get(), 8);

	init_eal();
	EXPECT_EQ_UINT(rte_memzone_max_get(), 8);
	n0 = test_memzone_count();
	ASSERT_TRUE(n0 <= 8);
	for (; n0 + n < 8; n++) {
		char name[32];

		snprintf(name, sizeof(name), "max%u", n);
		mz[n] = rte_memzone_reserve(name, 64, SOCKET_ID_ANY, 0);
		ASSERT_NOT_NULL(mz[n]);
	}
	EXPECT_EQ_UINT(test_memzone_count(), 8);
	rte_errno = 0;
	EXPECT_NULL(rte_memzone_reserve("max_ninth", 64, SOCKET_ID_ANY, 0));
	EXPECT_EQ_INT(rte_errno, ENOSPC);
	rte_errno = 0;
	EXPECT_NULL(rte_memzone_reserve("max_ninth", 0, SOCKET_ID_ANY, 0));
	EXPECT_EQ_INT(rte_errno, ENOSPC);
	/* set after init: EBUSY, and nothing changes */
	rte_errno = 0;
	EXPECT_EQ_INT(rte_memzone_max_set(16), -1);
	EXPECT_EQ_INT(rte_errno, EBUSY);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_memzone_max_set(0), -1);
	EXPECT_EQ_INT(rte_errno, EBUSY);
	EXPECT_EQ_UINT(rte_memzone_max_get(), 8);
	if (n > 0) {
		EXPECT_EQ_INT(rte_memzone_free(mz[n - 1]), 0);
		extra = rte_memzone_reserve("max_len0", 0, SOCKET_ID_ANY, 0);
		check_zone(extra, "max_len0", 64, 64);
		EXPECT_EQ_PTR(extra, mz[n - 1]);
		mz[n - 1] = extra;
		EXPECT_NULL(rte_memzone_reserve("max_more", 64, SOCKET_ID_ANY,
						0));
	}
	for (unsigned int i = 0; i < n; i++)
		EXPECT_EQ_INT(rte_memzone_free(mz[i]), 0);
	EXPECT_EQ_UINT(test_memzone_count(), n0);
	EXPECT_HEAPS_OK();
	return done();
}

/* ------------------------------------------------------------------ */

static const struct {
	const char *name;
	int (*fn)(void *);
} scenarios[] = {
	{ "basic", scenario_basic },
	{ "bad arguments", scenario_bad_args },
	{ "alignment and bounds", scenario_align_bound },
	{ "len 0", scenario_len0 },
	{ "descriptor slots", scenario_slots },
	{ "walk and dump", scenario_walk_dump },
	{ "page-size flags", scenario_page_flags },
	{ "rte_memzone_max_set", scenario_max_set },
};

int
main(void)
{
	for (unsigned int i = 0; i < RTE_DIM(scenarios); i++)
		run_scenario(scenarios[i].name, scenarios[i].fn);
	return test_report();
}
