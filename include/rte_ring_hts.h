/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Ring calls for the HTS (head/tail sync) mode, where one operation at a
 * time runs on a side (included by rte_ring.h).
 *
 * A ring side is in this mode when the ring was made with
 * RING_F_MP_HTS_ENQ (producer) or RING_F_MC_HTS_DEQ (consumer). Threads
 * still use the side concurrently, but their operations are serialised:
 * a claimant waits for the previous operation to finish. That costs
 * some throughput against the MT mode, avoids the MT mode's in-order
 * tail wait when a thread is preempted mid-operation for long (the
 * others wait at the head instead, without having claimed anything),
 * and makes the peek API (rte_ring_peek.h) possible on a
 * multi-thread side. Calling these on a side of another mode is
 * undefined behaviour, as in DPDK.
 */
#ifndef _RTE_RING_HTS_H_
#define _RTE_RING_HTS_H_

#include <rte_ring_hts_elem_pvt.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Enqueues exactly n objects or none on a multi-producer HTS side.
 *
 * @param r
 *   The ring; its producer side must be in the HTS mode.
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
rte_ring_mp_hts_enqueue_bulk_elem(struct rte_ring *r, 
		const void *obj_table, unsigned int esize, unsigned int n,
		unsigned int *free_space)
{
	return __rte_ring_do_hts_enqueue_elem(r, obj_table, esize, n,
			RTE_RING_QUEUE_FIXED, free_space);
}

/**
 * Enqueues up to n objects on a multi-producer HTS side.
 *
 * @param r
 *   The ring; its producer side must be in the HTS mode.
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
rte_ring_mp_hts_enqueue_burst_elem(struct rte_ring *r, 
		const void *obj_table, unsigned int esize, unsigned int n,
		unsigned int *free_space)
{
	return __rte_ring_do_hts_enqueue_elem(r, obj_table, esize, n,
			RTE_RING_QUEUE_VARIABLE, free_space);
}

/**
 * Dequeues exactly n objects or none on a multi-consumer HTS side.
 *
 * @param r
 *   The ring; its consumer side must be in the HTS mode.
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
rte_ring_mc_hts_dequeue_bulk_elem(struct rte_ring *r, 
		void *obj_table, unsigned int esize, unsigned int n,
		unsigned int *available)
{
	return __rte_ring_do_hts_dequeue_elem(r, obj_table, esize, n,
			RTE_RING_QUEUE_FIXED, available);
}

/**
 * Dequeues up to n objects on a multi-consumer HTS side.
 *
 * @param r
 *   The ring; its consumer side must be in the HTS mode.
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
rte_ring_mc_hts_dequeue_burst_elem(struct rte_ring *r, 
		void *obj_table, unsigned int esize, unsigned int n,
		unsigned int *available)
{
	return __rte_ring_do_hts_dequeue_elem(r, obj_table, esize, n,
			RTE_RING_QUEUE_VARIABLE, available);
}

/**
 * rte_ring_mp_hts_enqueue_bulk_elem() for pointers.
 *
 * @param r
 *   The ring.
 * @param obj_table
 *   The pointers.
 * @param n
 *   Number of pointers.
 * @param free_space
 *   If not NULL, set as by rte_ring_mp_hts_enqueue_bulk_elem().
 * @return
 *   The number of pointers moved.
 */
static __rte_always_inline unsigned int
rte_ring_mp_hts_enqueue_bulk(struct rte_ring *r, void * const *obj_table,
		unsigned int n, unsigned int *free_space)
{
	return rte_ring_mp_hts_enqueue_bulk_elem(r, obj_table,
			sizeof(uintptr_t), n, free_space);
}

/**
 * rte_ring_mp_hts_enqueue_burst_elem() for pointers.
 *
 * @param r
 *   The ring.
 * @param obj_table
 *   The pointers.
 * @param n
 *   Number of pointers.
 * @param free_space
 *   If not NULL, set as by rte_ring_mp_hts_enqueue_burst_elem().
 * @return
 *   The number of pointers moved.
 */
static __rte_always_inline unsigned int
rte_ring_mp_hts_enqueue_burst(struct rte_ring *r, void * const *obj_table,
		unsigned int n, unsigned int *free_space)
{
	return rte_ring_mp_hts_enqueue_burst_elem(r, obj_table,
			sizeof(uintptr_t), n, free_space);
}

/**
 * rte_ring_mc_hts_dequeue_bulk_elem() for pointers.
 *
 * @param r
 *   The ring.
 * @param obj_table
 *   The pointers.
 * @param n
 *   Number of pointers.
 * @param available
 *   If not NULL, set as by rte_ring_mc_hts_dequeue_bulk_elem().
 * @return
 *   The number of pointers moved.
 */
static __rte_always_inline unsigned int
rte_ring_mc_hts_dequeue_bulk(struct rte_ring *r, void **obj_table,
		unsigned int n, unsigned int *available)
{
	return rte_ring_mc_hts_dequeue_bulk_elem(r, obj_table,
			sizeof(uintptr_t), n, available);
}

/**
 * rte_ring_mc_hts_dequeue_burst_elem() for pointers.
 *
 * @param r
 *   The ring.
 * @param obj_table
 *   The pointers.
 * @param n
 *   Number of pointers.
 * @param available
 *   If not NULL, set as by rte_ring_mc_hts_dequeue_burst_elem().
 * @return
 *   The number of pointers moved.
 */
static __rte_always_inline unsigned int
rte_ring_mc_hts_dequeue_burst(struct rte_ring *r, void **obj_table,
		unsigned int n, unsigned int *available)
{
	return rte_ring_mc_hts_dequeue_burst_elem(r, obj_table,
			sizeof(uintptr_t), n, available);
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_RING_HTS_H_ */
