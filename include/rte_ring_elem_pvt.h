/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Private inline core of the ring: element copies and the MT/ST head and
 * tail moves. Not an API: applications include rte_ring.h.
 *
 * Protocol of one side (producer shown; the consumer is its mirror,
 * with "free slots" replaced by "filled slots"):
 *   1. move_head: read our head H and the other side's tail T; the free
 *      room is capacity + T - H; claim n slots by moving head to H + n
 *      (a plain store for ST, a compare-and-swap for MT).
 *   2. copy the objects into slots H .. H + n - 1.
 *   3. update_tail: MT waits until tail == H (earlier claimants are
 *      done: tails move in claim order), then stores tail = H + n.
 *
 * Memory ordering (C11 model, GCC __atomic builtins). Each acquire names
 * its release partner:
 *   A. update_tail stores the tail with RELEASE, so this side's slot
 *      accesses (producer writes, consumer reads) happen before it.
 *      Partner: the other side's ACQUIRE load of this tail in move_head
 *      (B), after which it may read (consumer) or overwrite (producer)
 *      those slots.
 *   B. move_head loads the other side's tail with ACQUIRE (partner: A).
 *   C. MT move_head loads its own head with ACQUIRE and its CAS is
 *      ACQ_REL (ACQUIRE on failure). Partner: the RELEASE half of
 *      another claimant's CAS. This orders our tail load (B) after the
 *      tail load that the previous claimant made before moving the head
 *      to the value we read; so the tail we see is at least the tail it
 *      saw, and "other tail - our head" never underflows. (Loading the
 *      head relaxed, as DPDK did before 2025, lets a weakly ordered CPU
 *      satisfy B with a tail older than the head and see a huge count.)
 *   D. MT update_tail waits for tail == H with ACQUIRE. Partner: the
 *      previous claimant's RELEASE store (A). Without it our RELEASE
 *      store would not carry that claimant's slot accesses to the other
 *      side (a plain store does not extend a release sequence).
 * On x86 every one of these is an ordinary load or store; only the CAS
 * is a locked instruction.
 *
 * The other side may be in any mode; __rte_ring_side_tail() reads its
 * tail position.
 *
 * Counters are free-running uint32_t: all differences are modulo 2^32
 * and never exceed the ring size.
 */
#ifndef _RTE_RING_ELEM_PVT_H_
#define _RTE_RING_ELEM_PVT_H_

#include <stdint.h>
#include <string.h>

#include <rte_common.h>
#include <rte_pause.h>
#include <rte_ring_core.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Copy len bytes (a multiple of 4) in 16-byte moves, then 8 and 4. The
 * empty asm keeps the compiler from turning the loop into a memcpy call,
 * whose register saves would burden the whole inline fast path.
 */
static __rte_always_inline void
__rte_ring_copy_words(char *__restrict d, const char *__restrict s,
		      size_t len)
{
#pragma GCC unroll 4
	for (; len >= 16; len -= 16, d += 16, s += 16) {
		memcpy(d, s, 16);
		__asm__ volatile("");
	}
	if (len >= 8) {
		memcpy(d, s, 8);
		len -= 8;
		d += 8;
		s += 8;
	}
	if (len != 0)
		memcpy(d, s, 4);
}

/*
 * Copy n objects of esize bytes between the ring and a user table when
 * the slots do not wrap: memcpy when the length is a constant (one or
 * two moves), else the inline loop of __rte_ring_copy_words(). A libc
 * memcpy call is faster for long copies on one core, but measured with
 * the other side on another core (bench/ring_perf.c, two-core rows) it
 * doubled the cost of 2 KiB bursts, and short bursts pay for the call.
 */
static __rte_always_inline void
__rte_ring_copy(void *__restrict dst, const void *__restrict src,
		uint32_t esize, uint32_t n)
{
	size_t len = (size_t)n * esize;

	if (__builtin_constant_p(len))
		memcpy(dst, src, len);
	else
		__rte_ring_copy_words((char *)dst, (const char *)src, len);
}

/* Copy n objects from obj_table into the slots starting at counter head. */
static __rte_always_inline void
__rte_ring_enqueue_elems(struct rte_ring *r, uint32_t head,
			 const void *obj_table, uint32_t esize, uint32_t n)
{
	uint32_t idx = head & r->mask;
	char *slots = (char *)(r + 1);
	const char *src = (const char *)obj_table;

	if (__builtin_constant_p(n) && n == 1) {
		/* One object never wraps. */
		memcpy(slots + (size_t)idx * esize, src, esize);
	} else if (likely(idx + n <= r->size)) {
		__rte_ring_copy(slots + (size_t)idx * esize, src, esize, n);
	} else {
		uint32_t first = r->size - idx;

		/* Wrapping (once per lap): plain word loops. */
		__rte_ring_copy_words(slots + (size_t)idx * esize, src,
				      (size_t)first * esize);
		__rte_ring_copy_words(slots, src + (size_t)first * esize,
				      (size_t)(n - first) * esize);
	}
}

/* Copy n objects from the slots starting at counter head into obj_table. */
static __rte_always_inline void
__rte_ring_dequeue_elems(struct rte_ring *r, uint32_t head, void *obj_table,
			 uint32_t esize, uint32_t n)
{
	uint32_t idx = head & r->mask;
	const char *slots = (const char *)(r + 1);
	char *dst = (char *)obj_table;

	if (__builtin_constant_p(n) && n == 1) {
		/* One object never wraps. */
		memcpy(dst, slots + (size_t)idx * esize, esize);
	} else if (likely(idx + n <= r->size)) {
		__rte_ring_copy(dst, slots + (size_t)idx * esize, esize, n);
	} else {
		uint32_t first = r->size - idx;

		/* Wrapping (once per lap): plain word loops. */
		__rte_ring_copy_words(dst, slots + (size_t)idx * esize,
				      (size_t)first * esize);
		__rte_ring_copy_words(dst + (size_t)first * esize, slots,
				      (size_t)(n - first) * esize);
	}
}

/*
 * The tail position of side s, loaded with memory order `order`. It is
 * at offset 4 in every mode: the 32-bit tail of an MT or ST side, the
 * tail half of the 64-bit {head, tail} word of an HTS side or of the
 * {cnt, pos} tail word of an RTS side. A 32-bit load of half of a word
 * written as 64 bits is well defined on x86-64 and AArch64 (their memory
 * models cover mixed-size accesses: the load reads from the store and
 * its ACQUIRE pairs with that store's RELEASE), but not in C11, whose
 * model ThreadSanitizer checks; so a TSan build reads the width the
 * side's mode writes. Same values, same ordering.
 */
#if defined(__SANITIZE_THREAD__)
#define __RTE_RING_EXACT_WIDTH_TAIL 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define __RTE_RING_EXACT_WIDTH_TAIL 1
#endif
#endif

static __rte_always_inline uint32_t
__rte_ring_side_tail(const struct rte_ring_headtail *s, int order)
{
#ifdef __RTE_RING_EXACT_WIDTH_TAIL
	if (s->sync_type == RTE_RING_SYNC_MT_HTS ||
	    s->sync_type == RTE_RING_SYNC_MT_RTS) {
		union __rte_ring_hts_pos word;

		/* RTS's {cnt, pos} has the layout of HTS's {head, tail}. */
		word.raw = __atomic_load_n(
			&((const volatile union __rte_ring_hts_pos *)s)->raw,
			order);
		return word.pos.tail;
	}
#endif
	return __atomic_load_n(&s->tail, order);
}

/*
 * Step 1 for either side. d is the moving side, s the other one;
 * capacity is r->capacity for the producer (room = capacity + s.tail -
 * head) and 0 for the consumer (objects = s.tail - head). Returns the
 * number claimed (0 .. n) with *old_head, *new_head, and *entries (room
 * or objects seen before the claim).
 */
static __rte_always_inline uint32_t
__rte_ring_headtail_move_head(struct rte_ring_headtail *d,
			      const struct rte_ring_headtail *s,
			      uint32_t capacity, int is_st, uint32_t n,
			      enum rte_ring_queue_behavior behavior,
			      uint32_t *old_head, uint32_t *new_head,
			      uint32_t *entries)
{
	const uint32_t max = n;
	uint32_t head;

	if (is_st) {
		/* Only this thread writes d->head. */
		head = __atomic_load_n(&d->head, __ATOMIC_RELAXED);
		/* B: pairs with the other side's RELEASE of its tail (A). */
		*entries = capacity + __rte_ring_side_tail(s, __ATOMIC_ACQUIRE) -
			   head;
		if (unlikely(n > *entries))
			n = (behavior == RTE_RING_QUEUE_FIXED) ? 0 : *entries;
		if (n == 0)
			return 0;
		*old_head = head;
		*new_head = head + n;
		__atomic_store_n(&d->head, head + n, __ATOMIC_RELAXED);
		return n;
	}

	/* C: pairs with the RELEASE half of the last claimant's CAS. */
	head = __atomic_load_n(&d->head, __ATOMIC_ACQUIRE);
	for (;;) {
		uint32_t seen = head;

		n = max;
		/* B: pairs with the other side's RELEASE of its tail (A). */
		*entries = capacity + __rte_ring_side_tail(s, __ATOMIC_ACQUIRE) -
			   head;
		if (unlikely(n > *entries))
			n = (behavior == RTE_RING_QUEUE_FIXED) ? 0 : *entries;
		if (n == 0)
			return 0;
		/*
		 * C: RELEASE for the next claimant, ACQUIRE on failure. On
		 * success the result uses `head`, not the CAS output, so the
		 * copy does not wait for the locked instruction's result.
		 */
		if (likely(__atomic_compare_exchange_n(&d->head, &seen,
						       head + n, 0,
						       __ATOMIC_ACQ_REL,
						       __ATOMIC_ACQUIRE)))
			break;
		head = seen;
	}
	*old_head = head;
	*new_head = head + n;
	return n;
}

/* Step 3: publish [old_val, new_val) of side ht. */
static __rte_always_inline void
__rte_ring_update_tail(struct rte_ring_headtail *ht, uint32_t old_val,
		       uint32_t new_val, int is_st)
{
	/*
	 * D: earlier claimants publish first; ACQUIRE pairs with their
	 * RELEASE (A) so our RELEASE below carries their slot accesses.
	 */
	if (!is_st)
		rte_wait_until_equal_32(&ht->tail, old_val, __ATOMIC_ACQUIRE);
	/* A: pairs with the other side's ACQUIRE in move_head (B). */
	__atomic_store_n(&ht->tail, new_val, __ATOMIC_RELEASE);
}

/* Enqueue for the MT and ST modes: the three steps. */
static __rte_always_inline unsigned int
__rte_ring_do_enqueue_elem(struct rte_ring *r, const void *obj_table,
			   unsigned int esize, unsigned int n,
			   enum rte_ring_queue_behavior behavior, int is_sp,
			   unsigned int *free_space)
{
	uint32_t head, next, room;

	n = __rte_ring_headtail_move_head(&r->prod, &r->cons, r->capacity,
					  is_sp, n, behavior, &head, &next,
					  &room);
	if (n != 0) {
		__rte_ring_enqueue_elems(r, head, obj_table, esize, n);
		__rte_ring_update_tail(&r->prod, head, next, is_sp);
	}
	if (free_space != NULL)
		*free_space = room - n;
	return n;
}

/* Dequeue for the MT and ST modes: the three steps. */
static __rte_always_inline unsigned int
__rte_ring_do_dequeue_elem(struct rte_ring *r, void *obj_table,
			   unsigned int esize, unsigned int n,
			   enum rte_ring_queue_behavior behavior, int is_sc,
			   unsigned int *available)
{
	uint32_t head, next, entries;

	n = __rte_ring_headtail_move_head(&r->cons, &r->prod, 0, is_sc, n,
					  behavior, &head, &next, &entries);
	if (n != 0) {
		__rte_ring_dequeue_elems(r, head, obj_table, esize, n);
		__rte_ring_update_tail(&r->cons, head, next, is_sc);
	}
	if (available != NULL)
		*available = entries - n;
	return n;
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_RING_ELEM_PVT_H_ */
