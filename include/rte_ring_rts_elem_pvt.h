/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Private inline core of the RTS (relaxed tail sync) mode. Not an API.
 *
 * An RTS side has a head {cnt, pos} and a tail {cnt, pos}, each one
 * 64-bit word. A claimant moves head.pos by n and head.cnt by one with a
 * compare-and-swap. After copying it does not wait for earlier
 * claimants (unlike MT): it increments tail.cnt with a compare-and-swap,
 * and the operation that brings tail.cnt level with head.cnt, the last
 * one out, also moves tail.pos to head.pos, publishing every finished
 * claim at once. So a preempted thread never makes the others spin on
 * the tail. To bound how long the tail can lag, a claimant waits while
 * head.pos - tail.pos exceeds htd_max.
 *
 * Memory ordering (see rte_ring_elem_pvt.h for the tail protocol A/B):
 *   G. The head is loaded with ACQUIRE and its CAS is ACQ_REL (ACQUIRE
 *      on failure), as C in rte_ring_elem_pvt.h: the other side's tail
 *      we read is at least the one the previous claimant read.
 *   H. The tail CAS is ACQ_REL (ACQUIRE on failure). All changes of the
 *      tail word are read-modify-writes, so they form one release
 *      sequence: the other side's ACQUIRE load of tail.pos (B) that reads
 *      the last one out's value synchronises with every claimant that
 *      incremented the tail before it, so all their slot accesses are
 *      visible. The ACQUIRE half also lets the last one out read a head
 *      at least as new as the claims it counts.
 */
#ifndef _RTE_RING_RTS_ELEM_PVT_H_
#define _RTE_RING_RTS_ELEM_PVT_H_

#include <rte_ring_elem_pvt.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Finish: count this operation out; the last one out publishes. */
static __rte_always_inline void
__rte_ring_rts_update_tail(struct rte_ring_rts_headtail *ht)
{
	union __rte_ring_rts_poscnt h, ot, nt;

	/* H: pairs with the RMWs of the other claimants. */
	ot.raw = __atomic_load_n(&ht->tail.raw, __ATOMIC_ACQUIRE);
	do {
		/* G: pairs with the claim CAS that made this head. */
		h.raw = __atomic_load_n(&ht->head.raw, __ATOMIC_ACQUIRE);
		nt.raw = ot.raw;
		if (++nt.val.cnt == h.val.cnt)
			nt.val.pos = h.val.pos;
		/* H: ACQ_REL on success, ACQUIRE on failure. */
	} while (unlikely(!__atomic_compare_exchange_n(&ht->tail.raw, &ot.raw,
						       nt.raw, 0,
						       __ATOMIC_ACQ_REL,
						       __ATOMIC_ACQUIRE)));
}

/* Wait until head may move (head.pos - tail.pos <= htd_max). */
static __rte_always_inline union __rte_ring_rts_poscnt
__rte_ring_rts_head_wait(const struct rte_ring_rts_headtail *ht,
			 union __rte_ring_rts_poscnt h)
{
	const uint32_t max = ht->htd_max;
	union __rte_ring_rts_poscnt t;

	for (;;) {
		/* A throttle only: RELAXED (the whole word, as it is written). */
		t.raw = __atomic_load_n(&ht->tail.raw, __ATOMIC_RELAXED);
		if (h.val.pos - t.val.pos <= max)
			return h;
		rte_pause();
		/* G */
		h.raw = __atomic_load_n(&ht->head.raw, __ATOMIC_ACQUIRE);
	}
}

/*
 * Claim: d is the moving side, s the other side,
 * capacity as in __rte_ring_headtail_move_head().
 */
static __rte_always_inline uint32_t
__rte_ring_rts_move_head(struct rte_ring_rts_headtail *d,
			 const struct rte_ring_headtail *s, uint32_t capacity,
			 uint32_t n, enum rte_ring_queue_behavior behavior,
			 uint32_t *old_head, uint32_t *entries)
{
	const uint32_t max = n;
	union __rte_ring_rts_poscnt oh, nh;

	/* G */
	oh.raw = __atomic_load_n(&d->head.raw, __ATOMIC_ACQUIRE);
	for (;;) {
		uint64_t seen;

		n = max;
		oh = __rte_ring_rts_head_wait(d, oh);
		/* B: pairs with the other side's RELEASE of its tail. */
		*entries = capacity + __rte_ring_side_tail(s, __ATOMIC_ACQUIRE) -
			   oh.val.pos;
		if (unlikely(n > *entries))
			n = (behavior == RTE_RING_QUEUE_FIXED) ? 0 : *entries;
		if (n == 0)
			break;
		nh.val.pos = oh.val.pos + n;
		nh.val.cnt = oh.val.cnt + 1;
		/*
		 * G: ACQ_REL on success, ACQUIRE on failure. On success the
		 * result comes from oh, not the CAS output (as in
		 * __rte_ring_headtail_move_head()).
		 */
		seen = oh.raw;
		if (likely(__atomic_compare_exchange_n(&d->head.raw, &seen,
						       nh.raw, 0,
						       __ATOMIC_ACQ_REL,
						       __ATOMIC_ACQUIRE)))
			break;
		oh.raw = seen;
	}
	*old_head = oh.val.pos;
	return n;
}

/* Enqueue on an RTS producer side. */
static __rte_always_inline unsigned int
__rte_ring_do_rts_enqueue_elem(struct rte_ring *r, const void *obj_table,
			       uint32_t esize, uint32_t n,
			       enum rte_ring_queue_behavior behavior,
			       uint32_t *free_space)
{
	uint32_t head, room;

	n = __rte_ring_rts_move_head(&r->rts_prod, &r->cons, r->capacity,
				     n, behavior, &head, &room);
	if (n != 0) {
		__rte_ring_enqueue_elems(r, head, obj_table, esize, n);
		__rte_ring_rts_update_tail(&r->rts_prod);
	}
	if (free_space != NULL)
		*free_space = room - n;
	return n;
}

/* Dequeue on an RTS consumer side. */
static __rte_always_inline unsigned int
__rte_ring_do_rts_dequeue_elem(struct rte_ring *r, void *obj_table,
			       uint32_t esize, uint32_t n,
			       enum rte_ring_queue_behavior behavior,
			       uint32_t *available)
{
	uint32_t head, entries;

	n = __rte_ring_rts_move_head(&r->rts_cons, &r->prod, 0, n,
				     behavior, &head, &entries);
	if (n != 0) {
		__rte_ring_dequeue_elems(r, head, obj_table, esize, n);
		__rte_ring_rts_update_tail(&r->rts_cons);
	}
	if (available != NULL)
		*available = entries - n;
	return n;
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_RING_RTS_ELEM_PVT_H_ */
