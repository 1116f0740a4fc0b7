/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mempool_bucket.c: the "bucket" driver. Objects are laid out in
 * buckets: aligned blocks of bucket_size() bytes, a header line then
 * obj_per_bucket objects, so the
 * bucket of an object is its address rounded down, and a bucket whose
 * objects are all in the pool can be handed out whole
 * (rte_mempool_get_contig_blocks(), blocks of obj_per_bucket objects
 * total_elt_size apart).
 *
 * State, all in shared memory (so it works from any process and from
 * threads without an lcore, unlike DPDK's per-lcore bucket stacks):
 *   - per bucket, in its header: `capacity`, the objects laid out in it;
 *     `present`, a bitmap of the objects that are back in the bucket;
 *     `fill`, how many of them are counted there (see the invariant);
 *   - `full`: a ring of buckets with fill == capacity == obj_per_bucket;
 *   - `orphans`: a ring of single objects, the rest of split buckets.
 * enqueue sets the object's bit, then adds 1 to fill; the thread whose
 * add completes the bucket moves it to `full` (or, for a short last
 * bucket, spills its objects to `orphans`). dequeue takes orphans first,
 * then splits whole buckets, and when those are not enough, scavenges
 * objects from partly refilled buckets: it reserves one by lowering
 * fill (a CAS from f to f - 1, only while 0 < f < capacity), then
 * claims a set bit with an atomic fetch-and. So every object the count
 * (get_count: orphans plus every bucket's fill) says is there can be
 * taken, unlike DPDK's bucket driver, where objects returned to a bucket
 * that is not complete wait until it is.
 *
 * Invariant: fill <= the number of set bits of present, because an
 * enqueue sets its bit before it raises fill and a scavenger lowers fill
 * before it clears a bit; so a reservation always finds a bit to claim.
 * A bucket whose fill reached capacity belongs to the thread that
 * completed it: scavengers leave it alone (f == capacity), and whoever
 * takes it from `full` clears fill and present before handing out its
 * objects.
 *
 * Memory ordering: the bit's fetch-or is RELEASE and fill's fetch-add is
 * ACQ_REL, so the completing thread or a scavenger (ACQUIRE on its CAS
 * and fetch-and) sees every earlier return; rings carry the rest.
 *
 * Who may call: the mempool library, through the ops table.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/queue.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_mempool.h>
#include <rte_pause.h>
#include <rte_ring.h>

#include "mempool/mempool_private.h"

/*
 * Bucket size: as DPDK, the smaller of RTE_DRIVER_MEMPOOL_BUCKET_SIZE_KB
 * and the page size of the instance's memory (4 KiB pages without
 * hugepages), so a bucket never spans pages. The same in every process.
 */
static size_t
bucket_size(void)
{
	size_t max = (size_t)RTE_DRIVER_MEMPOOL_BUCKET_SIZE_KB * 1024;
	size_t pg = rte_eal_has_hugepages() ? max :
		    (size_t)sysconf(_SC_PAGESIZE);

	return RTE_MIN(pg, max);
}

#define BUCKET_SIZE bucket_size()

/*
 * Header at the start of each bucket, rounded up to a cache line: its
 * size depends on obj_per_bucket (bucket_hdr_size()).
 */
struct bucket_hdr {
	uint32_t fill;       /* objects counted in the bucket (invariant) */
	uint32_t capacity;   /* objects laid out in the bucket */
	uint64_t present[];  /* bit i: object i is back in the bucket */
};

/* Header bytes of a bucket of opb objects. */
static size_t
bucket_hdr_size(uint32_t opb)
{
	return RTE_ALIGN_CEIL(sizeof(struct bucket_hdr) +
			      sizeof(uint64_t) * ((opb + 63) / 64),
			      RTE_CACHE_LINE_SIZE);
}

/* The driver's store (mp->pool_data), in the shared heap. */
struct bucket_data {
	struct rte_ring *full;    /* complete buckets */
	struct rte_ring *orphans; /* single objects */
	uint32_t obj_per_bucket;
	uint32_t total_elt_sz;
	uint32_t hdr_sz;          /* bucket_hdr_size(obj_per_bucket) */
};

static uint32_t
total_elt_size(const struct rte_mempool *mp)
{
	return mp->header_size + mp->elt_size + mp->trailer_size;
}

/* The most objects that fit a bucket with their header (0: none). */
static uint32_t
obj_per_bucket(const struct rte_mempool *mp)
{
	size_t size = BUCKET_SIZE, total = total_elt_size(mp);
	uint32_t opb = (uint32_t)((size - bucket_hdr_size(1)) / total);

	while (opb > 0 && bucket_hdr_size(opb) + opb * total > size)
		opb--;
	return opb;
}

static struct bucket_hdr *
bucket_of(const void *obj)
{
	return (struct bucket_hdr *)RTE_ALIGN_FLOOR((uintptr_t)obj,
						    BUCKET_SIZE);
}

/* The element of the first object of bucket b. */
static void *
first_obj(const struct rte_mempool *mp, const struct bucket_data *bd,
	  struct bucket_hdr *b)
{
	return (char *)b + bd->hdr_sz + mp->header_size;
}

/* The index of obj in its bucket b. */
static uint32_t
obj_index(const struct rte_mempool *mp, const struct bucket_data *bd,
	  struct bucket_hdr *b, const void *obj)
{
	return (uint32_t)(((const char *)obj - (char *)first_obj(mp, bd, b)) /
			  bd->total_elt_sz);
}

/* Empties bucket b's count and bitmap: the caller owns all its objects. */
static void
bucket_take(struct bucket_hdr *b)
{
	__atomic_store_n(&b->fill, 0, __ATOMIC_RELAXED);
	for (uint32_t w = 0; w < (b->capacity + 63) / 64; w++)
		__atomic_store_n(&b->present[w], 0, __ATOMIC_RELAXED);
}

static int
bucket_alloc(struct rte_mempool *mp)
{
	char name[RTE_RING_NAMESIZE];
	struct bucket_data *bd;
	uint32_t opb = obj_per_bucket(mp);

	if (opb == 0 || (mp->flags & RTE_MEMPOOL_F_NO_IOVA_CONTIG)) {
		MEMPOOL_LOG(ERR, "mempool %s: objects of %u bytes do not fit "
			    "the bucket driver's %zu-byte buckets", mp->name,
			    total_elt_size(mp), BUCKET_SIZE);
		return -EINVAL;
	}
	bd = rte_zmalloc_socket("MEMPOOL_BUCKET", sizeof(*bd), 0,
				mp->socket_id);
	if (bd == NULL)
		return -ENOMEM;
	bd->obj_per_bucket = opb;
	bd->total_elt_sz = total_elt_size(mp);
	bd->hdr_sz = (uint32_t)bucket_hdr_size(opb);
	if ((size_t)snprintf(name, sizeof(name), "MP_%s.1", mp->name) >=
	    sizeof(name))
		goto too_long;
	bd->full = rte_ring_create(name, (mp->size + opb - 1) / opb,
				   mp->socket_id, RING_F_EXACT_SZ);
	if (bd->full == NULL)
		goto fail;
	/* Same length as the ".1" name, which fitted. */
	if ((size_t)snprintf(name, sizeof(name), "MP_%s.0", mp->name) >=
	    sizeof(name))
		goto too_long;
	bd->orphans = rte_ring_create(name, mp->size, mp->socket_id,
				      RING_F_EXACT_SZ);
	if (bd->orphans == NULL)
		goto fail;
	mp->pool_data = bd;
	return 0;
too_long:
	rte_errno = ENAMETOOLONG;
fail:
	rte_ring_free(bd->full);
	rte_free(bd);
	return -rte_errno;
}

static void
bucket_free(struct rte_mempool *mp)
{
	struct bucket_data *bd = mp->pool_data;

	if (bd == NULL)
		return;
	rte_ring_free(bd->full);
	rte_ring_free(bd->orphans);
	rte_free(bd);
	mp->pool_data = NULL;
}

/*
 * Puts objects of the pool into a ring sized for all of them. A try can
 * fail only while another thread is between its head and tail updates;
 * after about a second of tries the ring is deemed really full, which
 * only more puts than the pool has objects can do: logged, not spun on.
 */
static void
must_enqueue(const struct rte_mempool *mp, struct rte_ring *r,
	     void * const *objs, unsigned int n)
{
	for (uint32_t spins = 0; spins < MEMPOOL_ENQUEUE_RETRY_SPINS;
	     spins++) {
		if (rte_ring_enqueue_bulk(r, objs, n, NULL) == n)
			return;
		rte_pause();
	}
	MEMPOOL_LOG(ERR, "mempool %s: bucket ring %s has no room for %u "
		    "objects: more objects put than the pool has", mp->name,
		    r->name, n);
}

/* b has all its objects back: make it available. */
static void
bucket_complete(const struct rte_mempool *mp, struct bucket_data *bd,
		struct bucket_hdr *b)
{
	void *objs[1];

	if (b->capacity == bd->obj_per_bucket) {
		objs[0] = b;
		must_enqueue(mp, bd->full, objs, 1);
		return;
	}
	/* A short bucket is never a block: spill its objects. */
	bucket_take(b);
	for (uint32_t i = 0; i < b->capacity; i++) {
		objs[0] = (char *)first_obj(mp, bd, b) + (size_t)i * bd->total_elt_sz;
		must_enqueue(mp, bd->orphans, objs, 1);
	}
}

static int
bucket_enqueue(struct rte_mempool *mp, void * const *obj_table,
	       unsigned int n)
{
	struct bucket_data *bd = mp->pool_data;

	for (unsigned int i = 0; i < n; i++) {
		struct bucket_hdr *b = bucket_of(obj_table[i]);
		uint32_t k = obj_index(mp, bd, b, obj_table[i]);

		/* The bit first, then the count (invariant). */
		__atomic_fetch_or(&b->present[k / 64], UINT64_C(1) << (k % 64),
				  __ATOMIC_RELEASE);
		/* ACQ_REL: the completer sees every earlier return. */
		if (__atomic_add_fetch(&b->fill, 1, __ATOMIC_ACQ_REL) ==
		    b->capacity)
			bucket_complete(mp, bd, b);
	}
	return 0;
}

/* Reserves one counted object of bucket b: 0 < fill < capacity. */
static int
bucket_reserve_one(struct bucket_hdr *b)
{
	uint32_t f = __atomic_load_n(&b->fill, __ATOMIC_RELAXED);

	while (f > 0 && f < b->capacity) {
		if (__atomic_compare_exchange_n(&b->fill, &f, f - 1, 0,
						__ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return 1;
	}
	return 0;
}

/* Claims a set bit of b after a reservation (one is there to claim). */
static void *
bucket_claim_one(const struct rte_mempool *mp, const struct bucket_data *bd,
		 struct bucket_hdr *b)
{
	uint32_t words = (b->capacity + 63) / 64;

	for (;;) {
		for (uint32_t w = 0; w < words; w++) {
			uint64_t bits = __atomic_load_n(&b->present[w],
							__ATOMIC_RELAXED);

			while (bits != 0) {
				uint64_t bit = bits & -bits;
				uint64_t old = __atomic_fetch_and(
					&b->present[w], ~bit, __ATOMIC_ACQUIRE);

				if (old & bit) {
					uint32_t k = w * 64 +
						(uint32_t)__builtin_ctzll(bit);

					return (char *)first_obj(mp, bd, b) +
					       (size_t)k * bd->total_elt_sz;
				}
				bits = old & ~bit;
			}
		}
		/* Another scavenger took the bit we saw: its owner's
		 * enqueue is setting another one. */
		rte_pause();
	}
}

/*
 * Takes up to n objects from partly refilled buckets into obj_table
 * (dequeue, when orphans and whole buckets are not enough). Returns how
 * many it took.
 */
static unsigned int
bucket_scavenge(const struct rte_mempool *mp, const struct bucket_data *bd,
		void **obj_table, unsigned int n)
{
	const struct rte_mempool_memhdr *memhdr;
	unsigned int got = 0;

	STAILQ_FOREACH(memhdr, &mp->mem_list, next) {
		char *p = RTE_PTR_ALIGN_CEIL(memhdr->addr, BUCKET_SIZE);
		char *end = (char *)memhdr->addr + memhdr->len;

		for (; p + BUCKET_SIZE <= end; p += BUCKET_SIZE) {
			struct bucket_hdr *b = (struct bucket_hdr *)p;

			while (got < n && bucket_reserve_one(b))
				obj_table[got++] = bucket_claim_one(mp, bd, b);
			if (got == n)
				return got;
		}
	}
	return got;
}

/* Hand out the objects of bucket b: want to out, the rest to orphans. */
static void
bucket_split(const struct rte_mempool *mp, struct bucket_data *bd,
	     struct bucket_hdr *b, void **out, unsigned int want)
{
	bucket_take(b);
	for (uint32_t i = 0; i < b->capacity; i++) {
		void *obj = (char *)first_obj(mp, bd, b) +
			    (size_t)i * bd->total_elt_sz;

		if (i < want)
			out[i] = obj;
		else
			must_enqueue(mp, bd->orphans, &obj, 1);
	}
}

static int
bucket_dequeue(struct rte_mempool *mp, void **obj_table, unsigned int n)
{
	struct bucket_data *bd = mp->pool_data;
	unsigned int got = 0;

	while (got < n) {
		void *b;
		unsigned int want;

		got += rte_ring_dequeue_burst(bd->orphans, &obj_table[got],
					      n - got, NULL);
		if (got == n)
			break;
		if (rte_ring_dequeue(bd->full, &b) != 0) {
			got += bucket_scavenge(mp, bd, &obj_table[got],
					       n - got);
			if (got == n)
				break;
			/* All or nothing: give back what was taken. */
			if (got != 0)
				must_enqueue(mp, bd->orphans, obj_table, got);
			return -ENOBUFS;
		}
		want = RTE_MIN(n - got, bd->obj_per_bucket);
		bucket_split(mp, bd, b, &obj_table[got], want);
		got += want;
	}
	return 0;
}

static int
bucket_dequeue_contig_blocks(struct rte_mempool *mp, void **first_obj_table,
			     unsigned int n)
{
	struct bucket_data *bd = mp->pool_data;

	if (rte_ring_dequeue_bulk(bd->full, first_obj_table, n, NULL) != n)
		return -ENOBUFS;
	for (unsigned int i = 0; i < n; i++) {
		struct bucket_hdr *b = first_obj_table[i];

		bucket_take(b);
		first_obj_table[i] = first_obj(mp, bd, b);
		/* Handed out whole: open every object of the block (ASan). */
		for (uint32_t j = 0; j < b->capacity; j++) {
			void *obj = (char *)first_obj_table[i] +
				    (size_t)j * bd->total_elt_sz;

			__rte_mempool_asan_mark(mp, &obj, 1, 0);
		}
	}
	return 0;
}

static unsigned int
bucket_get_count(const struct rte_mempool *mp)
{
	const struct bucket_data *bd = mp->pool_data;
	const struct rte_mempool_memhdr *memhdr;
	unsigned int count = rte_ring_count(bd->orphans);

	/* Complete and partly refilled buckets, chunk by chunk. */
	STAILQ_FOREACH(memhdr, &mp->mem_list, next) {
		char *p = RTE_PTR_ALIGN_CEIL(memhdr->addr, BUCKET_SIZE);
		char *end = (char *)memhdr->addr + memhdr->len;

		for (; p + BUCKET_SIZE <= end; p += BUCKET_SIZE) {
			const struct bucket_hdr *b = (const void *)p;

			count += __atomic_load_n(&b->fill, __ATOMIC_RELAXED);
		}
	}
	return count;
}

static ssize_t
bucket_calc_mem_size(const struct rte_mempool *mp, uint32_t obj_num,
		     uint32_t pg_shift, size_t *min_chunk_size, size_t *align)
{
	uint32_t opb = obj_per_bucket(mp);

	RTE_SET_USED(pg_shift);
	if (opb == 0)
		return -EINVAL;
	*min_chunk_size = BUCKET_SIZE;
	*align = BUCKET_SIZE;
	return (ssize_t)(((size_t)obj_num + opb - 1) / opb * BUCKET_SIZE);
}

static int
bucket_populate(struct rte_mempool *mp, unsigned int max_objs, void *vaddr,
		rte_iova_t iova, size_t len,
		rte_mempool_populate_obj_cb_t *obj_cb, void *obj_cb_arg)
{
	const struct bucket_data *bd = mp->pool_data;
	uint32_t opb = bd->obj_per_bucket, total = bd->total_elt_sz;
	char *p = RTE_PTR_ALIGN_CEIL(vaddr, BUCKET_SIZE);
	char *end = (char *)vaddr + len;
	unsigned int n = 0;

	for (; n < max_objs && p + BUCKET_SIZE <= end; p += BUCKET_SIZE) {
		struct bucket_hdr *b = (struct bucket_hdr *)p;
		uint32_t k = RTE_MIN(opb, max_objs - n);

		b->capacity = k;
		bucket_take(b);
		for (uint32_t i = 0; i < k; i++) {
			void *elt = (char *)first_obj(mp, bd, b) + (size_t)i * total;
			size_t off = (size_t)((char *)elt - (char *)vaddr);

			obj_cb(mp, obj_cb_arg, elt,
			       iova == RTE_BAD_IOVA ? RTE_BAD_IOVA : iova + off);
		}
		/* Returning the objects completes the bucket. */
		for (uint32_t i = 0; i < k; i++) {
			void *elt = (char *)first_obj(mp, bd, b) + (size_t)i * total;

			bucket_enqueue(mp, &elt, 1);
		}
		n += k;
	}
	return (int)n;
}

static int
bucket_get_info(const struct rte_mempool *mp, struct rte_mempool_info *info)
{
	info->contig_block_size = obj_per_bucket(mp);
	return 0;
}

const struct rte_mempool_ops mempool_ops_bucket = {
	.name = "bucket",
	.alloc = bucket_alloc,
	.free = bucket_free,
	.enqueue = bucket_enqueue,
	.dequeue = bucket_dequeue,
	.get_count = bucket_get_count,
	.calc_mem_size = bucket_calc_mem_size,
	.populate = bucket_populate,
	.get_info = bucket_get_info,
	.dequeue_contig_blocks = bucket_dequeue_contig_blocks,
};
