/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Peek API: enqueue and dequeue in two steps (included by rte_ring.h).
 *
 * start claims slots (and, for a dequeue, copies the objects out without
 * removing them); finish publishes all or part of the claim. Between the
 * two the thread can decide: write fewer objects than it reserved, or
 * keep only some of the objects it looked at and leave the rest in the
 * ring. A side must be ST or HTS for this (one operation at a time);
 * other sides make start return 0. Each start must be followed by its
 * finish before the same side starts again.
 */
#ifndef _RTE_RING_PEEK_H_
#define _RTE_RING_PEEK_H_

#include <rte_ring_peek_elem_pvt.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Starts a peek enqueue: claims exactly n slots or none for objects
 * that rte_ring_enqueue_elem_finish() then writes and publishes.
 *
 * @param r
 *   The ring; its producer side must be ST or HTS.
 * @param n
 *   Number of slots wanted.
 * @param free_space
 *   If not NULL, set to the number of free slots left after the claim.
 * @return
 *   Number of slots claimed (n or 0); 0 on an MT or RTS side.
 */
static __rte_always_inline unsigned int
rte_ring_enqueue_bulk_elem_start(struct rte_ring *r, unsigned int n,
		unsigned int *free_space)
{
	return __rte_ring_do_enqueue_start(r, n, RTE_RING_QUEUE_FIXED, free_space);
}

/**
 * rte_ring_enqueue_bulk_elem_start() for pointers.
 *
 * @param r
 *   The ring; its producer side must be ST or HTS.
 * @param n
 *   Number of slots wanted.
 * @param free_space
 *   If not NULL, set to the number of free slots left after the claim.
 * @return
 *   Number of slots claimed.
 */
static __rte_always_inline unsigned int
rte_ring_enqueue_bulk_start(struct rte_ring *r, unsigned int n,
		unsigned int *free_space)
{
	return rte_ring_enqueue_bulk_elem_start(r, n, free_space);
}

/**
 * Starts a peek enqueue: claims up to n slots for objects
 * that rte_ring_enqueue_elem_finish() then writes and publishes.
 *
 * @param r
 *   The ring; its producer side must be ST or HTS.
 * @param n
 *   Number of slots wanted.
 * @param free_space
 *   If not NULL, set to the number of free slots left after the claim.
 * @return
 *   Number of slots claimed (0 to n); 0 on an MT or RTS side.
 */
static __rte_always_inline unsigned int
rte_ring_enqueue_burst_elem_start(struct rte_ring *r, unsigned int n,
		unsigned int *free_space)
{
	return __rte_ring_do_enqueue_start(r, n, RTE_RING_QUEUE_VARIABLE, free_space);
}

/**
 * rte_ring_enqueue_burst_elem_start() for pointers.
 *
 * @param r
 *   The ring; its producer side must be ST or HTS.
 * @param n
 *   Number of slots wanted.
 * @param free_space
 *   If not NULL, set to the number of free slots left after the claim.
 * @return
 *   Number of slots claimed.
 */
static __rte_always_inline unsigned int
rte_ring_enqueue_burst_start(struct rte_ring *r, unsigned int n,
		unsigned int *free_space)
{
	return rte_ring_enqueue_burst_elem_start(r, n, free_space);
}

/**
 * Ends a peek enqueue: writes n objects into the claimed slots and
 * publishes them. n may be less than the claim (the rest is released)
 * and 0 releases it all; more than the claim writes nothing and
 * releases the claim (RTE_ASSERT in debug builds).
 *
 * @param r
 *   The ring; its producer side must be ST or HTS (on others, nothing).
 * @param obj_table
 *   The objects: n objects of esize bytes.
 * @param esize
 *   Object size: a multiple of 4, the size the ring was made with.
 * @param n
 *   Number of objects to publish.
 */
static __rte_always_inline void
rte_ring_enqueue_elem_finish(struct rte_ring *r, const void *obj_table,
		unsigned int esize, unsigned int n)
{
	uint32_t tail;

	if (r->prod.sync_type != RTE_RING_SYNC_ST &&
	    r->prod.sync_type != RTE_RING_SYNC_MT_HTS) {
		RTE_ASSERT(0);
		return;
	}
	n = __rte_ring_peek_get_tail(&r->prod, &tail, n);
	if (n != 0)
		__rte_ring_enqueue_elems(r, tail, obj_table, esize, n);
	__rte_ring_peek_set_head_tail(&r->prod, tail, n);
}

/**
 * rte_ring_enqueue_elem_finish() for pointers.
 *
 * @param r
 *   The ring; its producer side must be ST or HTS.
 * @param obj_table
 *   The pointers.
 * @param n
 *   Number of pointers to publish.
 */
static __rte_always_inline void
rte_ring_enqueue_finish(struct rte_ring *r, void * const *obj_table,
		unsigned int n)
{
	rte_ring_enqueue_elem_finish(r, obj_table, sizeof(void *), n);
}

/**
 * Starts a peek dequeue: claims exactly n objects or none and copies
 * them out; they stay in the ring until rte_ring_dequeue_elem_finish().
 *
 * @param r
 *   The ring; its consumer side must be ST or HTS.
 * @param obj_table
 *   Where to copy the objects: room for n objects of esize bytes.
 * @param esize
 *   Object size: a multiple of 4, the size the ring was made with.
 * @param n
 *   Number of objects wanted.
 * @param available
 *   If not NULL, set to the number of objects left after the claim.
 * @return
 *   Number of objects claimed (n or 0); 0 on an MT or RTS side.
 */
static __rte_always_inline unsigned int
rte_ring_dequeue_bulk_elem_start(struct rte_ring *r, void *obj_table,
		unsigned int esize, unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_start(r, obj_table, esize, n,
			RTE_RING_QUEUE_FIXED, available);
}

/**
 * rte_ring_dequeue_bulk_elem_start() for pointers.
 *
 * @param r
 *   The ring; its consumer side must be ST or HTS.
 * @param obj_table
 *   Where to copy the pointers.
 * @param n
 *   Number of pointers wanted.
 * @param available
 *   If not NULL, set to the number of objects left after the claim.
 * @return
 *   Number of pointers claimed.
 */
static __rte_always_inline unsigned int
rte_ring_dequeue_bulk_start(struct rte_ring *r, void **obj_table,
		unsigned int n, unsigned int *available)
{
	return rte_ring_dequeue_bulk_elem_start(r, obj_table,
			sizeof(void *), n, available);
}

/**
 * Starts a peek dequeue: claims up to n objects and copies
 * them out; they stay in the ring until rte_ring_dequeue_elem_finish().
 *
 * @param r
 *   The ring; its consumer side must be ST or HTS.
 * @param obj_table
 *   Where to copy the objects: room for n objects of esize bytes.
 * @param esize
 *   Object size: a multiple of 4, the size the ring was made with.
 * @param n
 *   Number of objects wanted.
 * @param available
 *   If not NULL, set to the number of objects left after the claim.
 * @return
 *   Number of objects claimed (0 to n); 0 on an MT or RTS side.
 */
static __rte_always_inline unsigned int
rte_ring_dequeue_burst_elem_start(struct rte_ring *r, void *obj_table,
		unsigned int esize, unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_start(r, obj_table, esize, n,
			RTE_RING_QUEUE_VARIABLE, available);
}

/**
 * rte_ring_dequeue_burst_elem_start() for pointers.
 *
 * @param r
 *   The ring; its consumer side must be ST or HTS.
 * @param obj_table
 *   Where to copy the pointers.
 * @param n
 *   Number of pointers wanted.
 * @param available
 *   If not NULL, set to the number of objects left after the claim.
 * @return
 *   Number of pointers claimed.
 */
static __rte_always_inline unsigned int
rte_ring_dequeue_burst_start(struct rte_ring *r, void **obj_table,
		unsigned int n, unsigned int *available)
{
	return rte_ring_dequeue_burst_elem_start(r, obj_table,
			sizeof(void *), n, available);
}

/**
 * Ends a peek dequeue: removes the first n claimed objects from the ring;
 * the rest of the claim stays in the ring (n = 0 puts them all back). n
 * more than the claim removes nothing (RTE_ASSERT in debug builds).
 *
 * @param r
 *   The ring; its consumer side must be ST or HTS (on others, nothing).
 * @param n
 *   Number of objects to remove.
 */
static __rte_always_inline void
rte_ring_dequeue_elem_finish(struct rte_ring *r, unsigned int n)
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
 * rte_ring_dequeue_elem_finish() for pointers.
 *
 * @param r
 *   The ring; its consumer side must be ST or HTS.
 * @param n
 *   Number of pointers to remove.
 */
static __rte_always_inline void
rte_ring_dequeue_finish(struct rte_ring *r, unsigned int n)
{
	rte_ring_dequeue_elem_finish(r, n);
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_RING_PEEK_H_ */
