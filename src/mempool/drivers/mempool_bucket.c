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
 *   - per bucket, `fill`: objects of the bucket returned since it was
 *     last taken, and `capacity`: objects laid out in it;
 *   - `full`: a ring of buckets with fill == capacity == obj_per_bucket;
 *   - `orphans`: a ring of single objects, the rest of split buckets.
 * enqueue adds 1 to the object's bucket with an atomic fetch-add; the
 * thread that completes the bucket moves it to `full` (or, for a short
 * last bucket, spills its objects to `orphans`). dequeue takes orphans
 * first, then splits whole buckets. As in DPDK, objects returned to a
 * bucket that is not yet complete count as available (get_count) but
 * are handed out only once their bucket is complete.
 *
 * Memory ordering: fill's fetch-add is ACQ_REL so the completing thread
 * sees every earlier return to that bucket; rings carry the rest.
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

/* Header line at the start of each bucket. */
struct bucket_hdr {
	uint32_t fill;     /* objects returned since the bucket was taken */
	uint32_t capacity; /* objects laid out in the bucket */
} __rte_cache_aligned;

/* The driver's store (mp->pool_data), in the shared heap. */
struct bucket_data {
	struct rte_ring *full;    /* complete buckets */
	struct rte_ring *orphans; /* single objects */
	uint32_t obj_per_bucket;
	uint32_t total_elt_sz;
};

static uint32_t
total_elt_size(const struct rte_mempool *mp)
{
	return mp->header_size + mp->elt_size + mp->trailer_size;
}

static uint32_t
obj_per_bucket(const struct rte_mempool *mp)
{
	return (uint32_t)((BUCKET_SIZE - sizeof(struct bucket_hdr)) /
			  total_elt_size(mp));
}

static struct bucket_hdr *
bucket_of(const void *obj)
{
	return (struct bucket_hdr *)RTE_ALIGN_FLOOR((uintptr_t)obj,
						    BUCKET_SIZE);
}

/* The element of the first object of bucket b. */
static void *
first_obj(const struct rte_mempool *mp, struct bucket_hdr *b)
{
	return (char *)(b + 1) + mp->header_size;
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

/* Put object(s) that are in the pool into a ring sized for all of them. */
static void
must_enqueue(struct rte_ring *r, void * const *objs, unsigned int n)
{
	while (rte_ring_enqueue_bulk(r, objs, n, NULL) != n)
		rte_pause();
}

/* b has all its objects back: make it available. */
static void
bucket_complete(const struct rte_mempool *mp, struct bucket_data *bd,
		struct bucket_hdr *b)
{
	void *objs[1];

	if (b->capacity == bd->obj_per_bucket) {
		objs[0] = b;
		must_enqueue(bd->full, objs, 1);
		return;
	}
	/* A short bucket is never a block: spill its objects. */
	__atomic_store_n(&b->fill, 0, __ATOMIC_RELAXED);
	for (uint32_t i = 0; i < b->capacity; i++) {
		objs[0] = (char *)first_obj(mp, b) + (size_t)i * bd->total_elt_sz;
		must_enqueue(bd->orphans, objs, 1);
	}
}

static int
bucket_enqueue(struct rte_mempool *mp, void * const *obj_table,
	       unsigned int n)
{
	struct bucket_data *bd = mp->pool_data;

	for (unsigned int i = 0; i < n; i++) {
		struct bucket_hdr *b = bucket_of(obj_table[i]);

		/* ACQ_REL: the completer sees every earlier return. */
		if (__atomic_add_fetch(&b->fill, 1, __ATOMIC_ACQ_REL) ==
		    b->capacity)
			bucket_complete(mp, bd, b);
	}
	return 0;
}

/* Hand out the objects of bucket b: want to out, the rest to orphans. */
static void
bucket_split(const struct rte_mempool *mp, struct bucket_data *bd,
	     struct bucket_hdr *b, void **out, unsigned int want)
{
	__atomic_store_n(&b->fill, 0, __ATOMIC_RELAXED);
	for (uint32_t i = 0; i < b->capacity; i++) {
		void *obj = (char *)first_obj(mp, b) +
			    (size_t)i * bd->total_elt_sz;

		if (i < want)
			out[i] = obj;
		else
			must_enqueue(bd->orphans, &obj, 1);
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
			/* All or nothing: give back what was taken. */
			if (got != 0)
				must_enqueue(bd->orphans, obj_table, got);
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

		__atomic_store_n(&b->fill, 0, __ATOMIC_RELAXED);
		first_obj_table[i] = first_obj(mp, b);
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
	uint32_t opb = obj_per_bucket(mp), total = total_elt_size(mp);
	char *p = RTE_PTR_ALIGN_CEIL(vaddr, BUCKET_SIZE);
	char *end = (char *)vaddr + len;
	unsigned int n = 0;

	for (; n < max_objs && p + BUCKET_SIZE <= end; p += BUCKET_SIZE) {
		struct bucket_hdr *b = (struct bucket_hdr *)p;
		uint32_t k = RTE_MIN(opb, max_objs - n);

		b->fill = 0;
		b->capacity = k;
		for (uint32_t i = 0; i < k; i++) {
			void *elt = (char *)first_obj(mp, b) + (size_t)i * total;
			size_t off = (size_t)((char *)elt - (char *)vaddr);

			obj_cb(mp, obj_cb_arg, elt,
			       iova == RTE_BAD_IOVA ? RTE_BAD_IOVA : iova + off);
		}
		/* Returning the objects completes the bucket. */
		for (uint32_t i = 0; i < k; i++) {
			void *elt = (char *)first_obj(mp, b) + (size_t)i * total;

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
