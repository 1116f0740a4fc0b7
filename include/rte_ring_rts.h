/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Ring calls for the RTS (relaxed tail sync) mode (included by
 * rte_ring.h).
 *
 * A ring side is in this mode when the ring was made with
 * RING_F_MP_RTS_ENQ (producer) or RING_F_MC_RTS_DEQ (consumer). Several
 * operations run at once as in the MT mode, but a finished operation
 * does not wait for earlier ones to finish: the last operation out
 * publishes them all. A preempted thread therefore stalls only the
 * publication of its own slots (and, once head - tail exceeds the
 * head-tail distance "htd_max", new claims on that side), not every
 * later thread's tail update. Calling these on a side of another mode is
 * undefined behaviour, as in DPDK.
 */
#ifndef _RTE_RING_RTS_H_
#define _RTE_RING_RTS_H_

#include <rte_ring_rts_elem_pvt.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Enqueues exactly n objects or none on a multi-producer RTS side.
 *
 * @param r
 *   The ring; its producer side must be in the RTS mode.
 * @param obj_table
 *   The objects (n objects of esize bytes).
 * @param esize
 *   Object size in bytes: a multiple of 4, the one the ring was made with.
 * @param n
 *   Number of objects.
 * @param free_space
 *   If not NULL, set to the number of free slots left after the call.
 * @return
 *   The number of objects moved: n or 0.
 */
static __rte_always_inline unsigned int
rte_ring_mp_rts_enqueue_bulk_elem(struct rte_ring *r, 
		const void *obj_table, unsigned int esize, unsigned int n,
		unsigned int *free_space)
{
	return __rte_ring_do_rts_enqueue_elem(r, obj_table, esize, n,
			RTE_RING_QUEUE_FIXED, free_space);
}

/**
 * Enqueues up to n objects on a multi-producer RTS side.
 *
 * @param r
 *   The ring; its producer side must be in the RTS mode.
 * @param obj_table
 *   The objects (n objects of esize bytes).
 * @param esize
 *   Object size in bytes: a multiple of 4, the one the ring was made with.
 * @param n
 *   Number of objects.
 * @param free_space
 *   If not NULL, set to the number of free slots left after the call.
 * @return
 *   The number of objects moved: 0 to n.
 */
static __rte_always_inline unsigned int
rte_ring_mp_rts_enqueue_burst_elem(struct rte_ring *r, 
		const void *obj_table, unsigned int esize, unsigned int n,
		unsigned int *free_space)
{
	return __rte_ring_do_rts_enqueue_elem(r, obj_table, esize, n,
			RTE_RING_QUEUE_VARIABLE, free_space);
}

/**
 * Dequeues exactly n objects or none on a multi-consumer RTS side.
 *
 * @param r
 *   The ring; its consumer side must be in the RTS mode.
 * @param obj_table
 *   The objects (n objects of esize bytes).
 * @param esize
 *   Object size in bytes: a multiple of 4, the one the ring was made with.
 * @param n
 *   Number of objects.
 * @param available
 *   If not NULL, set to the number of objects left after the call.
 * @return
 *   The number of objects moved: n or 0.
 */
static __rte_always_inline unsigned int
rte_ring_mc_rts_dequeue_bulk_elem(struct rte_ring *r, 
		void *obj_table, unsigned int esize, unsigned int n,
		unsigned int *available)
{
	return __rte_ring_do_rts_dequeue_elem(r, obj_table, esize, n,
			RTE_RING_QUEUE_FIXED, available);
}

/**
 * Dequeues up to n objects on a multi-consumer RTS side.
 *
 * @param r
 *   The ring; its consumer side must be in the RTS mode.
 * @param obj_table
 *   The objects (n objects of esize bytes).
 * @param esize
 *   Object size in bytes: a multiple of 4, the one the ring was made with.
 * @param n
 *   Number of objects.
 * @param available
 *   If not NULL, set to the number of objects left after the call.
 * @return
 *   The number of objects moved: 0 to n.
 */
static __rte_always_inline unsigned int
rte_ring_mc_rts_dequeue_burst_elem(struct rte_ring *r, 
		void *obj_table, unsigned int esize, unsigned int n,
		unsigned int *available)
{
	return __rte_ring_do_rts_dequeue_elem(r, obj_table, esize, n,
			RTE_RING_QUEUE_VARIABLE, available);
}

/**
 * rte_ring_mp_rts_enqueue_bulk_elem() for pointers.
 *
 * @param r
 *   The ring.
 * @param obj_table
 *   The pointers.
 * @param n
 *   Number of pointers.
 * @param free_space
 *   If not NULL, set as by rte_ring_mp_rts_enqueue_bulk_elem().
 * @return
 *   The number of pointers moved.
 */
static __rte_always_inline unsigned int
rte_ring_mp_rts_enqueue_bulk(struct rte_ring *r, void * const *obj_table,
		unsigned int n, unsigned int *free_space)
{
	return rte_ring_mp_rts_enqueue_bulk_elem(r, obj_table,
			sizeof(uintptr_t), n, free_space);
}

/**
 * rte_ring_mp_rts_enqueue_burst_elem() for pointers.
 *
 * @param r
 *   The ring.
 * @param obj_table
 *   The pointers.
 * @param n
 *   Number of pointers.
 * @param free_space
 *   If not NULL, set as by rte_ring_mp_rts_enqueue_burst_elem().
 * @return
 *   The number of pointers moved.
 */
static __rte_always_inline unsigned int
rte_ring_mp_rts_enqueue_burst(struct rte_ring *r, void * const *obj_table,
		unsigned int n, unsigned int *free_space)
{
	return rte_ring_mp_rts_enqueue_burst_elem(r, obj_table,
			sizeof(uintptr_t), n, free_space);
}

/**
 * rte_ring_mc_rts_dequeue_bulk_elem() for pointers.
 *
 * @param r
 *   The ring.
 * @param obj_table
 *   The pointers.
 * @param n
 *   Number of pointers.
 * @param available
 *   If not NULL, set as by rte_ring_mc_rts_dequeue_bulk_elem().
 * @return
 *   The number of pointers moved.
 */
static __rte_always_inline unsigned int
rte_ring_mc_rts_dequeue_bulk(struct rte_ring *r, void **obj_table,
		unsigned int n, unsigned int *available)
{
	return rte_ring_mc_rts_dequeue_bulk_elem(r, obj_table,
			sizeof(uintptr_t), n, available);
}

/**
 * rte_ring_mc_rts_dequeue_burst_elem() for pointers.
 *
 * @param r
 *   The ring.
 * @param obj_table
 *   The pointers.
 * @param n
 *   Number of pointers.
 * @param available
 *   If not NULL, set as by rte_ring_mc_rts_dequeue_burst_elem().
 * @return
 *   The number of pointers moved.
 */
static __rte_always_inline unsigned int
rte_ring_mc_rts_dequeue_burst(struct rte_ring *r, void **obj_table,
		unsigned int n, unsigned int *available)
{
	return rte_ring_mc_rts_dequeue_burst_elem(r, obj_table,
			sizeof(uintptr_t), n, available);
}

/**
 * Returns the producer's head-tail distance limit.
 *
 * @param r
 *   The ring.
 * @return
 *   The limit, or UINT32_MAX when the producer side is not in RTS mode.
 */
static inline uint32_t
rte_ring_get_prod_htd_max(const struct rte_ring *r)
{
	if (r->prod.sync_type == RTE_RING_SYNC_MT_RTS)
		return r->rts_prod.htd_max;
	return UINT32_MAX;
}

/**
 * Sets the producer's head-tail distance limit: a claim waits while the
 * producer head is more than v ahead of its tail. Not thread-safe
 * against operations on the ring.
 *
 * @param r
 *   The ring.
 * @param v
 *   The new limit.
 * @return
 *   0, or -ENOTSUP when the producer side is not in RTS mode.
 */
static inline int
rte_ring_set_prod_htd_max(struct rte_ring *r, uint32_t v)
{
	if (r->prod.sync_type != RTE_RING_SYNC_MT_RTS)
		return -ENOTSUP;
	r->rts_prod.htd_max = v;
	return 0;
}

/**
 * Returns the consumer's head-tail distance limit.
 *
 * @param r
 *   The ring.
 * @return
 *   The limit, or UINT32_MAX when the consumer side is not in RTS mode.
 */
static inline uint32_t
rte_ring_get_cons_htd_max(const struct rte_ring *r)
{
	if (r->cons.sync_type == RTE_RING_SYNC_MT_RTS)
		return r->rts_cons.htd_max;
	return UINT32_MAX;
}

/**
 * Sets the consumer's head-tail distance limit (see
 * rte_ring_set_prod_htd_max()).
 *
 * @param r
 *   The ring.
 * @param v
 *   The new limit.
 * @return
 *   0, or -ENOTSUP when the consumer side is not in RTS mode.
 */
static inline int
rte_ring_set_cons_htd_max(struct rte_ring *r, uint32_t v)
{
	if (r->cons.sync_type != RTE_RING_SYNC_MT_RTS)
		return -ENOTSUP;
	r->rts_cons.htd_max = v;
	return 0;
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_RING_RTS_H_ */
