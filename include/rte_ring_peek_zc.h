/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Zero-copy peek API (included by rte_ring.h): a start call claims slots
 * and returns pointers into the ring's own storage, the caller writes or
 * reads the objects there, and a finish call publishes. This saves the
 * copy through a separate table, e.g. when objects are built or consumed
 * in place. The same rules as the peek API (rte_ring_peek.h) apply: ST
 * or HTS sides only, one start/finish pair at a time per side.
 */
#ifndef _RTE_RING_PEEK_ZC_H_
#define _RTE_RING_PEEK_ZC_H_

#include <rte_ring_peek_elem_pvt.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The slots of a zero-copy claim. */
struct rte_ring_zc_data {
	/** First claimed slot. */
	void *ptr1;
	/** Slot 0 of the ring when the claim wraps around, else NULL. */
	void *ptr2;
	/** Number of claimed slots at ptr1; the rest are at ptr2. */
	unsigned int n1;
} __rte_cache_aligned;

/* Point zcd at n slots starting at counter head. */
static __rte_always_inline void
__rte_ring_zc_fill(struct rte_ring *r, uint32_t head, uint32_t esize,
		   uint32_t n, struct rte_ring_zc_data *zcd)
{
	uint32_t idx = head & r->mask;
	char *slots = (char *)(r + 1);

	zcd->ptr1 = slots + (size_t)idx * esize;
	if (idx + n <= r->size) {
		zcd->n1 = n;
		zcd->ptr2 = NULL;
	} else {
		zcd->n1 = r->size - idx;
		zcd->ptr2 = slots;
	}
}

/* Zero-copy enqueue start. */
static __rte_always_inline unsigned int
__rte_ring_do_enqueue_zc_elem_start(struct rte_ring *r, unsigned int esize,
		uint32_t n, enum rte_ring_queue_behavior behavior,
		struct rte_ring_zc_data *zcd, unsigned int *free_space)
{
	uint32_t head, room;

	n = __rte_ring_peek_move_head(&r->prod, &r->cons, r->capacity, n,
				      behavior, &head, &room);
	if (n != 0)
		__rte_ring_zc_fill(r, head, esize, n, zcd);
	if (free_space != NULL)
		*free_space = room - n;
	return n;
}

/* Zero-copy dequeue start. */
static __rte_always_inline unsigned int
__rte_ring_do_dequeue_zc_elem_start(struct rte_ring *r, unsigned int esize,
		uint32_t n, enum rte_ring_queue_behavior behavior,
		struct rte_ring_zc_data *zcd, unsigned int *available)
{
	uint32_t head, entries;

	n = __rte_ring_peek_move_head(&r->cons, &r->prod, 0, n, behavior,
				      &head, &entries);
	if (n != 0)
		__rte_ring_zc_fill(r, head, esize, n, zcd);
	if (available != NULL)
		*available = entries - n;
	return n;
}

/**
 * Starts a zero-copy enqueue: claims exactly n slots to fill in place
 * and points zcd at them; rte_ring_enqueue_zc_elem_finish() publishes.
 *
 * @param r
 *   The ring; its producer side must be ST or HTS.
 * @param esize
 *   Object size: a multiple of 4, the size the ring was made with.
 * @param n
 *   Number wanted.
 * @param zcd
 *   Set to the claimed slots: n1 at ptr1, the rest at ptr2 (set only
 *   when the claim wraps around the end of the ring).
 * @param free_space
 *   If not NULL, set to the number of free slots left after the claim.
 * @return
 *   Number claimed (n or 0); 0 on an MT or RTS side.
 */
static __rte_always_inline unsigned int
rte_ring_enqueue_zc_bulk_elem_start(struct rte_ring *r, unsigned int esize,
		unsigned int n, struct rte_ring_zc_data *zcd,
		unsigned int *free_space)
{
	return __rte_ring_do_enqueue_zc_elem_start(r, esize, n,
			RTE_RING_QUEUE_FIXED, zcd, free_space);
}

/**
 * rte_ring_enqueue_zc_bulk_elem_start() for pointers.
 *
 * @param r
 *   The ring; its producer side must be ST or HTS.
 * @param n
 *   Number wanted.
 * @param zcd
 *   Set to the claimed slots.
 * @param free_space
 *   If not NULL, set to the number of free slots left after the claim.
 * @return
 *   Number claimed.
 */
static __rte_always_inline unsigned int
rte_ring_enqueue_zc_bulk_start(struct rte_ring *r, unsigned int n,
		struct rte_ring_zc_data *zcd, unsigned int *free_space)
{
	return rte_ring_enqueue_zc_bulk_elem_start(r, sizeof(void *), n, zcd,
			free_space);
}

/**
 * Starts a zero-copy enqueue: claims up to n slots to fill in place
 * and points zcd at them; rte_ring_enqueue_zc_elem_finish() publishes.
 *
 * @param r
 *   The ring; its producer side must be ST or HTS.
 * @param esize
 *   Object size: a multiple of 4, the size the ring was made with.
 * @param n
 *   Number wanted.
 * @param zcd
 *   Set to the claimed slots: n1 at ptr1, the rest at ptr2 (set only
 *   when the claim wraps around the end of the ring).
 * @param free_space
 *   If not NULL, set to the number of free slots left after the claim.
 * @return
 *   Number claimed (0 to n); 0 on an MT or RTS side.
 */
static __rte_always_inline unsigned int
rte_ring_enqueue_zc_burst_elem_start(struct rte_ring *r, unsigned int esize,
		unsigned int n, struct rte_ring_zc_data *zcd,
		unsigned int *free_space)
{
	return __rte_ring_do_enqueue_zc_elem_start(r, esize, n,
			RTE_RING_QUEUE_VARIABLE, zcd, free_space);
}

/**
 * rte_ring_enqueue_zc_burst_elem_start() for pointers.
 *
 * @param r
 *   The ring; its producer side must be ST or HTS.
 * @param n
 *   Number wanted.
 * @param zcd
 *   Set to the claimed slots.
 * @param free_space
 *   If not NULL, set to the number of free slots left after the claim.
 * @return
 *   Number claimed.
 */
static __rte_always_inline unsigned int
rte_ring_enqueue_zc_burst_start(struct rte_ring *r, unsigned int n,
		struct rte_ring_zc_data *zcd, unsigned int *free_space)
{
	return rte_ring_enqueue_zc_burst_elem_start(r, sizeof(void *), n, zcd,
			free_space);
}

/**
 * Ends a zero-copy enqueue: publishes the first n claimed slots
 * (filled by the caller) and releases the rest. n more than the claim
 * publishes nothing (RTE_ASSERT in debug builds).
 *
 * @param r
 *   The ring; its producer side must be ST or HTS (on others, nothing).
 * @param n
 *   Number to publish.
 */
static __rte_always_inline void
rte_ring_enqueue_zc_elem_finish(struct rte_ring *r, unsigned int n)
{
	uint32_t tail;

	if (r->prod.sync_type != RTE_RING_SYNC_ST &&
	    r->prod.sync_type != RTE_RING_SYNC_MT_HTS) {
		RTE_ASSERT(0);
		return;
	}
	n = __rte_ring_peek_get_tail(&r->prod, &tail, n);
	__rte_ring_peek_set_head_tail(&r->prod, tail, n);
}

/**
 * rte_ring_enqueue_zc_elem_finish() for pointers.
 *
 * @param r
 *   The ring; its producer side must be ST or HTS.
 * @param n
 *   Number to publish.
 */
static __rte_always_inline void
rte_ring_enqueue_zc_finish(struct rte_ring *r, unsigned int n)
{
	rte_ring_enqueue_zc_elem_finish(r, n);
}

/**
 * Starts a zero-copy dequeue: claims exactly n objects to read in place
 * and points zcd at them; rte_ring_dequeue_zc_elem_finish() publishes.
 *
 * @param r
 *   The ring; its consumer side must be ST or HTS.
 * @param esize
 *   Object size: a multiple of 4, the size the ring was made with.
 * @param n
 *   Number wanted.
 * @param zcd
 *   Set to the claimed slots: n1 at ptr1, the rest at ptr2 (set only
 *   when the claim wraps around the end of the ring).
 * @param available
 *   If not NULL, set to the number of objects left after the claim.
 * @return
 *   Number claimed (n or 0); 0 on an MT or RTS side.
 */
static __rte_always_inline unsigned int
rte_ring_dequeue_zc_bulk_elem_start(struct rte_ring *r, unsigned int esize,
		unsigned int n, struct rte_ring_zc_data *zcd,
		unsigned int *available)
{
	return __rte_ring_do_dequeue_zc_elem_start(r, esize, n,
			RTE_RING_QUEUE_FIXED, zcd, available);
}

/**
 * rte_ring_dequeue_zc_bulk_elem_start() for pointers.
 *
 * @param r
 *   The ring; its consumer side must be ST or HTS.
 * @param n
 *   Number wanted.
 * @param zcd
 *   Set to the claimed slots.
 * @param available
 *   If not NULL, set to the number of objects left after the claim.
 * @return
 *   Number claimed.
 */
static __rte_always_inline unsigned int
rte_ring_dequeue_zc_bulk_start(struct rte_ring *r, unsigned int n,
		struct rte_ring_zc_data *zcd, unsigned int *available)
{
	return rte_ring_dequeue_zc_bulk_elem_start(r, sizeof(void *), n, zcd,
			available);
}

/**
 * Starts a zero-copy dequeue: claims up to n objects to read in place
 * and points zcd at them; rte_ring_dequeue_zc_elem_finish() publishes.
 *
 * @param r
 *   The ring; its consumer side must be ST or HTS.
 * @param esize
 *   Object size: a multiple of 4, the size the ring was made with.
 * @param n
 *   Number wanted.
 * @param zcd
 *   Set to the claimed slots: n1 at ptr1, the rest at ptr2 (set only
 *   when the claim wraps around the end of the ring).
 * @param available
 *   If not NULL, set to the number of objects left after the claim.
 * @return
 *   Number claimed (0 to n); 0 on an MT or RTS side.
 */
static __rte_always_inline unsigned int
rte_ring_dequeue_zc_burst_elem_start(struct rte_ring *r, unsigned int esize,
		unsigned int n, struct rte_ring_zc_data *zcd,
		unsigned int *available)
{
	return __rte_ring_do_dequeue_zc_elem_start(r, esize, n,
			RTE_RING_QUEUE_VARIABLE, zcd, available);
}

/**
 * rte_ring_dequeue_zc_burst_elem_start() for pointers.
 *
 * @param r
 *   The ring; its consumer side must be ST or HTS.
 * @param n
 *   Number wanted.
 * @param zcd
 *   Set to the claimed slots.
 * @param available
 *   If not NULL, set to the number of objects left after the claim.
 * @return
 *   Number claimed.
 */
static __rte_always_inline unsigned int
rte_ring_dequeue_zc_burst_start(struct rte_ring *r, unsigned int n,
		struct rte_ring_zc_data *zcd, unsigned int *available)
{
	return rte_ring_dequeue_zc_burst_elem_start(r, sizeof(void *), n, zcd,
			available);
}

/**
 * Ends a zero-copy dequeue: removes the first n claimed objects; the rest
 * stay in the ring (n = 0 puts them all back). n more than the claim
 * publishes nothing (RTE_ASSERT in debug builds).
 *
 * @param r
 *   The ring; its consumer side must be ST or HTS (on others, nothing).
 * @param n
 *   Number to publish.
 */
static __rte_always_inline void
rte_ring_dequeue_zc_elem_finish(struct rte_ring *r, unsigned int n)
{
	uint32_t tail;

	if (r->cons.sync_type != RTE_RING_SYNC_ST &&
	    r->cons.sync_type != RTE_RING_SYNC_MT_HTS) {
		RTE_ASSERT(0);
		return;
	}
	n = __rte_ring_peek_get_tail(&r->cons, &tail, n);
	__rte_ring_peek_set_head_tail(&r->cons, tail, n);
}

/**
 * rte_ring_dequeue_zc_elem_finish() for pointers.
 *
 * @param r
 *   The ring; its consumer side must be ST or HTS.
 * @param n
 *   Number to publish.
 */
static __rte_always_inline void
rte_ring_dequeue_zc_finish(struct rte_ring *r, unsigned int n)
{
	rte_ring_dequeue_zc_elem_finish(r, n);
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_RING_PEEK_ZC_H_ */
