/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Rings of objects of any size that is a multiple of 4 bytes (the "_elem"
 * API). rte_ring.h includes this header and adds the same calls for
 * pointers.
 *
 * Every call comes in three forms per side: mp/mc (multi-thread, MT),
 * sp/sc (single-thread, ST) whatever the ring's flags, and a plain form
 * that uses the mode the ring was made with (MT, ST, RTS or HTS; see
 * rte_ring_hts.h and rte_ring_rts.h). The caller passes the same esize
 * the ring was created with; a wrong size is undefined behaviour, as in
 * DPDK (the calls are inline and check nothing in release builds).
 *
 * "bulk" calls move exactly n objects or none; "burst" calls move as many
 * as they can, up to n. Counts are returned; n = 0 returns 0.
 */
#ifndef _RTE_RING_ELEM_H_
#define _RTE_RING_ELEM_H_

#include <sys/types.h>

#include <rte_ring_core.h>
#include <rte_ring_elem_pvt.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Returns the memory a ring of count objects of esize bytes needs
 * (header and slots), for rte_ring_init().
 *
 * @param esize
 *   Object size in bytes, a multiple of 4.
 * @param count
 *   Number of slots: a power of two, at most RTE_RING_SZ_MASK.
 * @return
 *   The size in bytes, or -EINVAL when esize is not a multiple of 4 or
 *   count is not a power of two or too large (logged).
 */
ssize_t rte_ring_get_memsize_elem(unsigned int esize, unsigned int count);

/**
 * Creates a ring of objects of esize bytes in a memzone and adds it to
 * the shared list of rings, so any process of the instance finds it
 * with rte_ring_lookup().
 *
 * @param name
 *   Name of the ring (shorter than RTE_RING_NAMESIZE).
 * @param esize
 *   Object size in bytes, a multiple of 4.
 * @param count
 *   Number of slots: a power of two (the ring holds count - 1 objects),
 *   or with RING_F_EXACT_SZ any number (the ring holds exactly count).
 * @param socket_id
 *   NUMA socket of the memory, or SOCKET_ID_ANY.
 * @param flags
 *   0 or an OR of RING_F_SP_ENQ or RING_F_MP_RTS_ENQ or
 *   RING_F_MP_HTS_ENQ (producer mode, default MT), RING_F_SC_DEQ or
 *   RING_F_MC_RTS_DEQ or RING_F_MC_HTS_DEQ (consumer mode, default MT),
 *   and RING_F_EXACT_SZ.
 * @return
 *   The ring, or NULL with rte_errno set (and one log line):
 *   - EINVAL: esize is not a multiple of 4; count is 0, not a power of
 *     two without RING_F_EXACT_SZ, or too large; an unknown flag or two
 *     modes for one side (DPDK 22.11 does not check the flags here and
 *     returns a ring of size 0);
 *   - ENAMETOOLONG: name too long;
 *   - EEXIST: a memzone of that name exists (a ring of that name);
 *   - ENOSPC: no free memzone descriptor;
 *   - ENOMEM: no memory for the ring or its list entry;
 *   - E_RTE_NO_CONFIG: the EAL could not be initialised.
 */
struct rte_ring *rte_ring_create_elem(const char *name, unsigned int esize,
			unsigned int count, int socket_id, unsigned int flags);

/**
 * Enqueues exactly n objects or none, multi-producer (MT)
 * whatever the ring's flags.
 *
 * @param r
 *   The ring.
 * @param obj_table
 *   The objects: n objects of esize bytes.
 * @param esize
 *   Object size: a multiple of 4, the size the ring was made with.
 * @param n
 *   Number of objects.
 * @param free_space
 *   If not NULL, set to the number of free slots left after the call.
 * @return
 *   Number of objects moved: n or 0.
 */
static __rte_always_inline unsigned int
rte_ring_mp_enqueue_bulk_elem(struct rte_ring *r,
		const void *obj_table, unsigned int esize, unsigned int n,
		unsigned int *free_space)
{
	return __rte_ring_do_enqueue_elem(r, obj_table, esize, n,
			RTE_RING_QUEUE_FIXED, 0, free_space);
}

/**
 * Enqueues exactly n objects or none, single-producer (ST)
 * whatever the ring's flags.
 *
 * @param r
 *   The ring.
 * @param obj_table
 *   The objects: n objects of esize bytes.
 * @param esize
 *   Object size: a multiple of 4, the size the ring was made with.
 * @param n
 *   Number of objects.
 * @param free_space
 *   If not NULL, set to the number of free slots left after the call.
 * @return
 *   Number of objects moved: n or 0.
 */
static __rte_always_inline unsigned int
rte_ring_sp_enqueue_bulk_elem(struct rte_ring *r,
		const void *obj_table, unsigned int esize, unsigned int n,
		unsigned int *free_space)
{
	return __rte_ring_do_enqueue_elem(r, obj_table, esize, n,
			RTE_RING_QUEUE_FIXED, 1, free_space);
}

/**
 * Enqueues up to n objects, multi-producer (MT)
 * whatever the ring's flags.
 *
 * @param r
 *   The ring.
 * @param obj_table
 *   The objects: n objects of esize bytes.
 * @param esize
 *   Object size: a multiple of 4, the size the ring was made with.
 * @param n
 *   Number of objects.
 * @param free_space
 *   If not NULL, set to the number of free slots left after the call.
 * @return
 *   Number of objects moved: 0 to n.
 */
static __rte_always_inline unsigned int
rte_ring_mp_enqueue_burst_elem(struct rte_ring *r,
		const void *obj_table, unsigned int esize, unsigned int n,
		unsigned int *free_space)
{
	return __rte_ring_do_enqueue_elem(r, obj_table, esize, n,
			RTE_RING_QUEUE_VARIABLE, 0, free_space);
}

/**
 * Enqueues up to n objects, single-producer (ST)
 * whatever the ring's flags.
 *
 * @param r
 *   The ring.
 * @param obj_table
 *   The objects: n objects of esize bytes.
 * @param esize
 *   Object size: a multiple of 4, the size the ring was made with.
 * @param n
 *   Number of objects.
 * @param free_space
 *   If not NULL, set to the number of free slots left after the call.
 * @return
 *   Number of objects moved: 0 to n.
 */
static __rte_always_inline unsigned int
rte_ring_sp_enqueue_burst_elem(struct rte_ring *r,
		const void *obj_table, unsigned int esize, unsigned int n,
		unsigned int *free_space)
{
	return __rte_ring_do_enqueue_elem(r, obj_table, esize, n,
			RTE_RING_QUEUE_VARIABLE, 1, free_space);
}

/**
 * Dequeues exactly n objects or none, multi-consumer (MT)
 * whatever the ring's flags.
 *
 * @param r
 *   The ring.
 * @param obj_table
 *   The objects: n objects of esize bytes.
 * @param esize
 *   Object size: a multiple of 4, the size the ring was made with.
 * @param n
 *   Number of objects.
 * @param available
 *   If not NULL, set to the number of objects left after the call.
 * @return
 *   Number of objects moved: n or 0.
 */
static __rte_always_inline unsigned int
rte_ring_mc_dequeue_bulk_elem(struct rte_ring *r,
		void *obj_table, unsigned int esize, unsigned int n,
		unsigned int *available)
{
	return __rte_ring_do_dequeue_elem(r, obj_table, esize, n,
			RTE_RING_QUEUE_FIXED, 0, available);
}

/**
 * Dequeues exactly n objects or none, single-consumer (ST)
 * whatever the ring's flags.
 *
 * @param r
 *   The ring.
 * @param obj_table
 *   The objects: n objects of esize bytes.
 * @param esize
 *   Object size: a multiple of 4, the size the ring was made with.
 * @param n
 *   Number of objects.
 * @param available
 *   If not NULL, set to the number of objects left after the call.
 * @return
 *   Number of objects moved: n or 0.
 */
static __rte_always_inline unsigned int
rte_ring_sc_dequeue_bulk_elem(struct rte_ring *r,
		void *obj_table, unsigned int esize, unsigned int n,
		unsigned int *available)
{
	return __rte_ring_do_dequeue_elem(r, obj_table, esize, n,
			RTE_RING_QUEUE_FIXED, 1, available);
}

/**
 * Dequeues up to n objects, multi-consumer (MT)
 * whatever the ring's flags.
 *
 * @param r
 *   The ring.
 * @param obj_table
 *   The objects: n objects of esize bytes.
 * @param esize
 *   Object size: a multiple of 4, the size the ring was made with.
 * @param n
 *   Number of objects.
 * @param available
 *   If not NULL, set to the number of objects left after the call.
 * @return
 *   Number of objects moved: 0 to n.
 */
static __rte_always_inline unsigned int
rte_ring_mc_dequeue_burst_elem(struct rte_ring *r,
		void *obj_table, unsigned int esize, unsigned int n,
		unsigned int *available)
{
	return __rte_ring_do_dequeue_elem(r, obj_table, esize, n,
			RTE_RING_QUEUE_VARIABLE, 0, available);
}

/**
 * Dequeues up to n objects, single-consumer (ST)
 * whatever the ring's flags.
 *
 * @param r
 *   The ring.
 * @param obj_table
 *   The objects: n objects of esize bytes.
 * @param esize
 *   Object size: a multiple of 4, the size the ring was made with.
 * @param n
 *   Number of objects.
 * @param available
 *   If not NULL, set to the number of objects left after the call.
 * @return
 *   Number of objects moved: 0 to n.
 */
static __rte_always_inline unsigned int
rte_ring_sc_dequeue_burst_elem(struct rte_ring *r,
		void *obj_table, unsigned int esize, unsigned int n,
		unsigned int *available)
{
	return __rte_ring_do_dequeue_elem(r, obj_table, esize, n,
			RTE_RING_QUEUE_VARIABLE, 1, available);
}

#include <rte_ring_hts.h>
#include <rte_ring_rts.h>

/**
 * Enqueues exactly n objects or none in the mode the ring's
 * producer side was made with (MT, ST, RTS or HTS).
 *
 * @param r
 *   The ring.
 * @param obj_table
 *   The objects: n objects of esize bytes.
 * @param esize
 *   Object size: a multiple of 4, the size the ring was made with.
 * @param n
 *   Number of objects.
 * @param free_space
 *   If not NULL, set to the number of free slots left after the call.
 * @return
 *   Number of objects moved: n or 0.
 */
static __rte_always_inline unsigned int
rte_ring_enqueue_bulk_elem(struct rte_ring *r, const void *obj_table,
		unsigned int esize, unsigned int n, unsigned int *free_space)
{
	switch (r->prod.sync_type) {
	case RTE_RING_SYNC_MT:
		return rte_ring_mp_enqueue_bulk_elem(r, obj_table, esize, n,
				free_space);
	case RTE_RING_SYNC_ST:
		return rte_ring_sp_enqueue_bulk_elem(r, obj_table, esize, n,
				free_space);
	case RTE_RING_SYNC_MT_RTS:
		return rte_ring_mp_rts_enqueue_bulk_elem(r, obj_table, esize, n,
				free_space);
	case RTE_RING_SYNC_MT_HTS:
		return rte_ring_mp_hts_enqueue_bulk_elem(r, obj_table, esize, n,
				free_space);
	}
	/* Not a valid ring. */
	RTE_ASSERT(0);
	if (free_space != NULL)
		*free_space = 0;
	return 0;
}

/**
 * Enqueues up to n objects in the mode the ring's
 * producer side was made with (MT, ST, RTS or HTS).
 *
 * @param r
 *   The ring.
 * @param obj_table
 *   The objects: n objects of esize bytes.
 * @param esize
 *   Object size: a multiple of 4, the size the ring was made with.
 * @param n
 *   Number of objects.
 * @param free_space
 *   If not NULL, set to the number of free slots left after the call.
 * @return
 *   Number of objects moved: 0 to n.
 */
static __rte_always_inline unsigned int
rte_ring_enqueue_burst_elem(struct rte_ring *r, const void *obj_table,
		unsigned int esize, unsigned int n, unsigned int *free_space)
{
	switch (r->prod.sync_type) {
	case RTE_RING_SYNC_MT:
		return rte_ring_mp_enqueue_burst_elem(r, obj_table, esize, n,
				free_space);
	case RTE_RING_SYNC_ST:
		return rte_ring_sp_enqueue_burst_elem(r, obj_table, esize, n,
				free_space);
	case RTE_RING_SYNC_MT_RTS:
		return rte_ring_mp_rts_enqueue_burst_elem(r, obj_table, esize, n,
				free_space);
	case RTE_RING_SYNC_MT_HTS:
		return rte_ring_mp_hts_enqueue_burst_elem(r, obj_table, esize, n,
				free_space);
	}
	/* Not a valid ring. */
	RTE_ASSERT(0);
	if (free_space != NULL)
		*free_space = 0;
	return 0;
}

/**
 * Enqueues one object, multi-producer (MT) whatever the ring's flags.
 *
 * @param r
 *   The ring.
 * @param obj
 *   The object (esize bytes).
 * @param esize
 *   Object size: a multiple of 4, the size the ring was made with.
 * @return
 *   0, or -ENOBUFS when the ring is full.
 */
static __rte_always_inline int
rte_ring_mp_enqueue_elem(struct rte_ring *r, void *obj, unsigned int esize)
{
	return rte_ring_mp_enqueue_bulk_elem(r, obj, esize, 1, NULL) ? 0 : -ENOBUFS;
}

/**
 * Enqueues one object, single-producer (ST) whatever the ring's flags.
 *
 * @param r
 *   The ring.
 * @param obj
 *   The object (esize bytes).
 * @param esize
 *   Object size: a multiple of 4, the size the ring was made with.
 * @return
 *   0, or -ENOBUFS when the ring is full.
 */
static __rte_always_inline int
rte_ring_sp_enqueue_elem(struct rte_ring *r, void *obj, unsigned int esize)
{
	return rte_ring_sp_enqueue_bulk_elem(r, obj, esize, 1, NULL) ? 0 : -ENOBUFS;
}

/**
 * Enqueues one object, in the mode of the ring's producer side.
 *
 * @param r
 *   The ring.
 * @param obj
 *   The object (esize bytes).
 * @param esize
 *   Object size: a multiple of 4, the size the ring was made with.
 * @return
 *   0, or -ENOBUFS when the ring is full.
 */
static __rte_always_inline int
rte_ring_enqueue_elem(struct rte_ring *r, void *obj, unsigned int esize)
{
	return rte_ring_enqueue_bulk_elem(r, obj, esize, 1, NULL) ? 0 : -ENOBUFS;
}

/**
 * Dequeues exactly n objects or none in the mode the ring's
 * consumer side was made with (MT, ST, RTS or HTS).
 *
 * @param r
 *   The ring.
 * @param obj_table
 *   The objects: n objects of esize bytes.
 * @param esize
 *   Object size: a multiple of 4, the size the ring was made with.
 * @param n
 *   Number of objects.
 * @param available
 *   If not NULL, set to the number of objects left after the call.
 * @return
 *   Number of objects moved: n or 0.
 */
static __rte_always_inline unsigned int
rte_ring_dequeue_bulk_elem(struct rte_ring *r, void *obj_table,
		unsigned int esize, unsigned int n, unsigned int *available)
{
	switch (r->cons.sync_type) {
	case RTE_RING_SYNC_MT:
		return rte_ring_mc_dequeue_bulk_elem(r, obj_table, esize, n,
				available);
	case RTE_RING_SYNC_ST:
		return rte_ring_sc_dequeue_bulk_elem(r, obj_table, esize, n,
				available);
	case RTE_RING_SYNC_MT_RTS:
		return rte_ring_mc_rts_dequeue_bulk_elem(r, obj_table, esize, n,
				available);
	case RTE_RING_SYNC_MT_HTS:
		return rte_ring_mc_hts_dequeue_bulk_elem(r, obj_table, esize, n,
				available);
	}
	/* Not a valid ring. */
	RTE_ASSERT(0);
	if (available != NULL)
		*available = 0;
	return 0;
}

/**
 * Dequeues up to n objects in the mode the ring's
 * consumer side was made with (MT, ST, RTS or HTS).
 *
 * @param r
 *   The ring.
 * @param obj_table
 *   The objects: n objects of esize bytes.
 * @param esize
 *   Object size: a multiple of 4, the size the ring was made with.
 * @param n
 *   Number of objects.
 * @param available
 *   If not NULL, set to the number of objects left after the call.
 * @return
 *   Number of objects moved: 0 to n.
 */
static __rte_always_inline unsigned int
rte_ring_dequeue_burst_elem(struct rte_ring *r, void *obj_table,
		unsigned int esize, unsigned int n, unsigned int *available)
{
	switch (r->cons.sync_type) {
	case RTE_RING_SYNC_MT:
		return rte_ring_mc_dequeue_burst_elem(r, obj_table, esize, n,
				available);
	case RTE_RING_SYNC_ST:
		return rte_ring_sc_dequeue_burst_elem(r, obj_table, esize, n,
				available);
	case RTE_RING_SYNC_MT_RTS:
		return rte_ring_mc_rts_dequeue_burst_elem(r, obj_table, esize, n,
				available);
	case RTE_RING_SYNC_MT_HTS:
		return rte_ring_mc_hts_dequeue_burst_elem(r, obj_table, esize, n,
				available);
	}
	/* Not a valid ring. */
	RTE_ASSERT(0);
	if (available != NULL)
		*available = 0;
	return 0;
}

/**
 * Dequeues one object, multi-consumer (MT) whatever the ring's flags.
 *
 * @param r
 *   The ring.
 * @param obj_p
 *   Where to put the object (esize bytes).
 * @param esize
 *   Object size: a multiple of 4, the size the ring was made with.
 * @return
 *   0, or -ENOENT when the ring is empty.
 */
static __rte_always_inline int
rte_ring_mc_dequeue_elem(struct rte_ring *r, void *obj_p, unsigned int esize)
{
	return rte_ring_mc_dequeue_bulk_elem(r, obj_p, esize, 1, NULL) ? 0 : -ENOENT;
}

/**
 * Dequeues one object, single-consumer (ST) whatever the ring's flags.
 *
 * @param r
 *   The ring.
 * @param obj_p
 *   Where to put the object (esize bytes).
 * @param esize
 *   Object size: a multiple of 4, the size the ring was made with.
 * @return
 *   0, or -ENOENT when the ring is empty.
 */
static __rte_always_inline int
rte_ring_sc_dequeue_elem(struct rte_ring *r, void *obj_p, unsigned int esize)
{
	return rte_ring_sc_dequeue_bulk_elem(r, obj_p, esize, 1, NULL) ? 0 : -ENOENT;
}

/**
 * Dequeues one object, in the mode of the ring's consumer side.
 *
 * @param r
 *   The ring.
 * @param obj_p
 *   Where to put the object (esize bytes).
 * @param esize
 *   Object size: a multiple of 4, the size the ring was made with.
 * @return
 *   0, or -ENOENT when the ring is empty.
 */
static __rte_always_inline int
rte_ring_dequeue_elem(struct rte_ring *r, void *obj_p, unsigned int esize)
{
	return rte_ring_dequeue_bulk_elem(r, obj_p, esize, 1, NULL) ? 0 : -ENOENT;
}

#ifdef __cplusplus
}
#endif

#include <rte_ring_peek.h>
#include <rte_ring_peek_zc.h>

#include <rte_ring.h>

#endif /* _RTE_RING_ELEM_H_ */
