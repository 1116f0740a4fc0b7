/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Private inline core of the peek and zero-copy APIs. Not an API.
 *
 * A peek operation is a claim (start) and a later publish (finish) of
 * possibly fewer slots than claimed. It needs a side on which one
 * operation runs at a time, so that "the claim in flight" is simply the
 * distance from tail to head: an ST side (one thread) or an HTS side
 * (operations serialised). On the other modes start claims nothing and
 * returns 0, and finish does nothing (RTE_ASSERT in debug builds), as in
 * DPDK.
 *
 * Memory ordering: the claim is the ordinary ST or HTS claim; finish
 * publishes with the RELEASE store of the tail (A in
 * rte_ring_elem_pvt.h, F in rte_ring_hts_elem_pvt.h).
 */
#ifndef _RTE_RING_PEEK_ELEM_PVT_H_
#define _RTE_RING_PEEK_ELEM_PVT_H_

#include <rte_ring_hts_elem_pvt.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The claim in flight on side ht (ST or HTS): sets *tail to its start
 * and returns num, or 0 when num exceeds the claim.
 */
static __rte_always_inline uint32_t
__rte_ring_peek_get_tail(struct rte_ring_headtail *ht, uint32_t *tail,
			 uint32_t num)
{
	uint32_t head, claimed;

	if (ht->sync_type == RTE_RING_SYNC_MT_HTS) {
		union __rte_ring_hts_pos p;

		p.raw = __atomic_load_n(
			&((struct rte_ring_hts_headtail *)ht)->ht.raw,
			__ATOMIC_RELAXED);
		head = p.pos.head;
		*tail = p.pos.tail;
	} else {
		head = ht->head;
		*tail = ht->tail;
	}
	claimed = head - *tail;
	RTE_ASSERT(claimed >= num);
	return claimed >= num ? num : 0;
}

/* Ends the claim in flight on side ht at tail + num (ST or HTS). */
static __rte_always_inline void
__rte_ring_peek_set_head_tail(struct rte_ring_headtail *ht, uint32_t tail,
			      uint32_t num)
{
	if (ht->sync_type == RTE_RING_SYNC_MT_HTS) {
		__rte_ring_hts_update_tail((struct rte_ring_hts_headtail *)ht,
					   tail, num);
	} else {
		ht->head = tail + num;
		/* A: pairs with the other side's ACQUIRE of this tail. */
		__atomic_store_n(&ht->tail, tail + num, __ATOMIC_RELEASE);
	}
}

/* Claims up to n slots on side d for a peek; sets *head, *entries. */
static __rte_always_inline uint32_t
__rte_ring_peek_move_head(struct rte_ring_headtail *d,
			  struct rte_ring_headtail *s, uint32_t capacity,
			  uint32_t n, enum rte_ring_queue_behavior behavior,
			  uint32_t *head, uint32_t *entries)
{
	uint32_t next;

	switch (d->sync_type) {
	case RTE_RING_SYNC_ST:
		return __rte_ring_headtail_move_head(d, s, capacity, 1, n,
						     behavior, head, &next,
						     entries);
	case RTE_RING_SYNC_MT_HTS:
		return __rte_ring_hts_move_head(
			(struct rte_ring_hts_headtail *)d, s, capacity,
			n, behavior, head, entries);
	default:
		/* MT and RTS sides cannot peek. */
		RTE_ASSERT(0);
		*entries = 0;
		return 0;
	}
}

/* Peek enqueue start: claim up to n slots. */
static __rte_always_inline unsigned int
__rte_ring_do_enqueue_start(struct rte_ring *r, uint32_t n,
			    enum rte_ring_queue_behavior behavior,
			    uint32_t *free_space)
{
	uint32_t head, room;

	n = __rte_ring_peek_move_head(&r->prod, &r->cons, r->capacity, n,
				      behavior, &head, &room);
	if (free_space != NULL)
		*free_space = room - n;
	return n;
}

/* Peek dequeue start: claim up to n objects and copy them out. */
static __rte_always_inline unsigned int
__rte_ring_do_dequeue_start(struct rte_ring *r, void *obj_table,
			    uint32_t esize, uint32_t n,
			    enum rte_ring_queue_behavior behavior,
			    uint32_t *available)
{
	uint32_t head, entries;

	n = __rte_ring_peek_move_head(&r->cons, &r->prod, 0, n, behavior,
				      &head, &entries);
	if (n != 0)
		__rte_ring_dequeue_elems(r, head, obj_table, esize, n);
	if (available != NULL)
		*available = entries - n;
	return n;
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_RING_PEEK_ELEM_PVT_H_ */
