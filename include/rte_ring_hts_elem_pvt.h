/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Private inline core of the HTS (head/tail sync) mode. Not an API.
 *
 * An HTS side keeps head and tail in one 64-bit word and lets one
 * operation run at a time: a claimant waits until head == tail (nothing
 * in flight), then moves head with a compare-and-swap of the whole word;
 * it finishes by storing {head, tail} = {new, new}. Because one
 * operation at a time owns the side, the peek API (start, then finish
 * with fewer or no objects) works on it.
 *
 * Memory ordering (see rte_ring_elem_pvt.h for the tail protocol A/B):
 *   E. The word is loaded with ACQUIRE and the claim CAS is ACQ_REL
 *      (ACQUIRE on failure). Partner: the RELEASE store of the previous
 *      operation's finish (F), so its slot accesses happen before ours,
 *      and, as in C, the other side's tail we read is at least the one
 *      it read.
 *   F. The finish stores the word with RELEASE. Partners: the next
 *      claimant on this side (E) and the other side's ACQUIRE load of our
 *      tail half (B in rte_ring_elem_pvt.h).
 */
#ifndef _RTE_RING_HTS_ELEM_PVT_H_
#define _RTE_RING_HTS_ELEM_PVT_H_

#include <rte_ring_elem_pvt.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Finish: publish everything up to tail + num and end the operation. */
static __rte_always_inline void
__rte_ring_hts_update_tail(struct rte_ring_hts_headtail *ht, uint32_t tail,
			   uint32_t num)
{
	union __rte_ring_hts_pos p;

	p.pos.head = tail + num;
	p.pos.tail = p.pos.head;
	/* F: pairs with E (this side) and B (the other side). */
	__atomic_store_n(&ht->ht.raw, p.raw, __ATOMIC_RELEASE);
}

/* Spin until no operation is in flight on ht; returns the word. */
static __rte_always_inline union __rte_ring_hts_pos
__rte_ring_hts_wait_idle(struct rte_ring_hts_headtail *ht,
			 union __rte_ring_hts_pos p)
{
	while (p.pos.head != p.pos.tail) {
		rte_pause();
		/* E: pairs with F. */
		p.raw = __atomic_load_n(&ht->ht.raw, __ATOMIC_ACQUIRE);
	}
	return p;
}

/*
 * Claim: d is the moving side, s the other side,
 * capacity as in __rte_ring_headtail_move_head(). Returns the number
 * claimed with *old_head and *entries.
 */
static __rte_always_inline uint32_t
__rte_ring_hts_move_head(struct rte_ring_hts_headtail *d,
			 const struct rte_ring_headtail *s, uint32_t capacity,
			 uint32_t n, enum rte_ring_queue_behavior behavior,
			 uint32_t *old_head, uint32_t *entries)
{
	const uint32_t max = n;
	union __rte_ring_hts_pos op, np;

	/* E: pairs with F. */
	op.raw = __atomic_load_n(&d->ht.raw, __ATOMIC_ACQUIRE);
	for (;;) {
		uint64_t seen;

		n = max;
		op = __rte_ring_hts_wait_idle(d, op);
		/* B: pairs with the other side's RELEASE of its tail. */
		*entries = capacity + __rte_ring_side_tail(s, __ATOMIC_ACQUIRE) -
			   op.pos.head;
		if (unlikely(n > *entries))
			n = (behavior == RTE_RING_QUEUE_FIXED) ? 0 : *entries;
		if (n == 0)
			break;
		np.pos.tail = op.pos.tail;
		np.pos.head = op.pos.head + n;
		/*
		 * E: ACQ_REL on success, ACQUIRE on failure. On success the
		 * result comes from op, not the CAS output (as in
		 * __rte_ring_headtail_move_head()).
		 */
		seen = op.raw;
		if (likely(__atomic_compare_exchange_n(&d->ht.raw, &seen,
						       np.raw, 0,
						       __ATOMIC_ACQ_REL,
						       __ATOMIC_ACQUIRE)))
			break;
		op.raw = seen;
	}
	*old_head = op.pos.head;
	return n;
}

/* The producer's claim. */
static __rte_always_inline uint32_t
__rte_ring_hts_move_prod_head(struct rte_ring *r, uint32_t n,
			      enum rte_ring_queue_behavior behavior,
			      uint32_t *old_head, uint32_t *free_entries)
{
	return __rte_ring_hts_move_head(&r->hts_prod, &r->cons,
					r->capacity, n, behavior, old_head,
					free_entries);
}

/* The consumer's claim. */
static __rte_always_inline uint32_t
__rte_ring_hts_move_cons_head(struct rte_ring *r, uint32_t n,
			      enum rte_ring_queue_behavior behavior,
			      uint32_t *old_head, uint32_t *entries)
{
	return __rte_ring_hts_move_head(&r->hts_cons, &r->prod, 0, n,
					behavior, old_head, entries);
}

/* Enqueue on an HTS producer side. */
static __rte_always_inline unsigned int
__rte_ring_do_hts_enqueue_elem(struct rte_ring *r, const void *obj_table,
			       uint32_t esize, uint32_t n,
			       enum rte_ring_queue_behavior behavior,
			       uint32_t *free_space)
{
	uint32_t head, room;

	n = __rte_ring_hts_move_prod_head(r, n, behavior, &head, &room);
	if (n != 0) {
		__rte_ring_enqueue_elems(r, head, obj_table, esize, n);
		__rte_ring_hts_update_tail(&r->hts_prod, head, n);
	}
	if (free_space != NULL)
		*free_space = room - n;
	return n;
}

/* Dequeue on an HTS consumer side. */
static __rte_always_inline unsigned int
__rte_ring_do_hts_dequeue_elem(struct rte_ring *r, void *obj_table,
			       uint32_t esize, uint32_t n,
			       enum rte_ring_queue_behavior behavior,
			       uint32_t *available)
{
	uint32_t head, entries;

	n = __rte_ring_hts_move_cons_head(r, n, behavior, &head, &entries);
	if (n != 0) {
		__rte_ring_dequeue_elems(r, head, obj_table, esize, n);
		__rte_ring_hts_update_tail(&r->hts_cons, head, n);
	}
	if (available != NULL)
		*available = entries - n;
	return n;
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_RING_HTS_ELEM_PVT_H_ */
