/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * The lock-free stack's fast paths (included by rte_stack.h; use that).
 *
 * Structure. A lock-free stack of capacity c owns c nodes (struct
 * rte_stack_lf_elem) and two lists of them: `used` (the stack, its top
 * node holding the pointer pushed last) and `free`. Each list is a
 * singly linked list with a 16-byte head {top, cnt}, changed only by
 * rte_atomic128_cmp_exchange(); cnt rises by one at every change, so an
 * old copy of the head never matches a head that has since changed and
 * come back to the same top (the ABA problem). The lists only hold
 * pointers into the stack's memzone, which every process maps at the same
 * address.
 *
 * Operations. push(n): take n nodes off `free`, store the pointers in them,
 * put them on `used`. pop(n): take n nodes off `used`, copying out their
 * pointers, put them back on `free`. Taking nodes off a list is in two
 * steps, which makes both operations all-or-nothing:
 *   1. reserve: lower list->len by n with a compare-and-swap loop, or give
 *      up (return 0) when len < n. Nothing has been changed yet.
 *   2. unlink: read the head, walk n nodes down from its top, and swap the
 *      head to the node below them. The swap fails if anyone changed the
 *      head meanwhile; then walk again from the head the swap returned.
 * Putting nodes on a list links the last one to the current top, swaps
 * the head to the first one, and only then raises list->len by n.
 * So list->len never exceeds the number of nodes on the list (raised after
 * linking, lowered before unlinking), and a reservation of n always finds
 * n nodes: a walk that meets the end of the list early saw a stale head and
 * reads the head again. A walk of a stale head may read nodes that another
 * thread is changing; the head swap then fails and the values are thrown
 * away. Every node field is therefore accessed with atomic loads and stores
 * (relaxed), which are plain moves on x86_64 and arm64.
 *
 * Memory order (each pair is named at both ends in the code):
 *   R_head/A_head: a put's head swap is a release; a take reads the head
 *     it walks from with an acquire, either the load of head.cnt or its
 *     failed swap, which returns the current head. Every change of a head
 *     is a read-modify-write, so it continues the release sequence of
 *     every earlier put: whatever head value a take reads, it sees the
 *     nodes' data and links as their putters wrote them. (An acquire fence
 *     after a relaxed read would do the same, but ThreadSanitizer does not
 *     model fences.)
 *   R_len/A_len: a put raises len with a release after its head swap; a
 *     reservation lowers len with an acquire. A take therefore reads a
 *     head at least as new as every put whose count it reserved, and its
 *     walk finds those nodes without spinning on a stale head.
 *   A take's successful swap needs no release: its reads of the nodes come
 *   before the put onto the other list, whose release (R_head) orders
 *   them before any later writer of those nodes. (It is an acquire only
 *   because the failure order may not be stronger than the success one.)
 * The head is read as two 8-byte atomic loads, cnt (the acquire) first,
 * then top. A pair taken from two versions thus has a cnt older than its
 * top; as cnt is unique to a version, no current head can match it and
 * the swap fails, returning the whole current value. A pair that matches
 * is one version, whose nodes the acquire made visible and which did not
 * change until the swap. (A put reads both halves relaxed, in any order;
 * a matching pair still means that the current top is the one it linked
 * below its chain, which is all a put relies on.)
 *
 * Progress: lock-free. A thread that stops (or a process that dies) inside
 * push or pop never blocks the others; it loses the nodes it holds, which
 * lowers the stack's usable capacity.
 *
 * ThreadSanitizer cannot see the 128-bit compare-and-swap (inline assembly),
 * so under TSan the swap is announced with __tsan_release() before a put's
 * swap and __tsan_acquire() after a take's swap, on the head's address.
 * This describes R_head/A_head to TSan (slightly more strongly: every take
 * then appears to synchronise with every earlier put) and costs nothing
 * in other builds.
 */
/* rte_stack.h defines the structures and includes this file back. */
#include <rte_stack.h>

#ifndef _RTE_STACK_LF_H_
#define _RTE_STACK_LF_H_

#include <stdint.h>

#include <rte_atomic.h>
#include <rte_branch_prediction.h>
#include <rte_common.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Defined where the build has the lock-free stack: rtmem builds only for
 * x86_64 and arm64, which both have a 128-bit compare-and-swap
 * (rte_atomic128_cmp_exchange()). An x86_64 CPU without cmpxchg16b makes
 * rte_stack_create() fail with ENOTSUP at run time.
 */
#define RTE_STACK_LF_SUPPORTED

/** @internal TSan annotations of the 128-bit swap (see the file comment). */
#if defined(__SANITIZE_THREAD__)
#define RTE_STACK_LF_TSAN_ 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define RTE_STACK_LF_TSAN_ 1
#endif
#endif
#ifdef RTE_STACK_LF_TSAN_
void __tsan_acquire(void *addr);
void __tsan_release(void *addr);
#define RTE_STACK_LF_TSAN_ACQUIRE_(addr) __tsan_acquire(addr)
#define RTE_STACK_LF_TSAN_RELEASE_(addr) __tsan_release(addr)
#else
#define RTE_STACK_LF_TSAN_ACQUIRE_(addr) do { } while (0)
#define RTE_STACK_LF_TSAN_RELEASE_(addr) do { } while (0)
#endif

/**
 * @internal Reads a head as two atomic halves (possibly torn, see above):
 * cnt with memory order cnt_order, then top.
 */
static __rte_always_inline void
__rte_stack_lf_head_read(struct rte_stack_lf_list *list,
			 struct rte_stack_lf_head *h, int cnt_order)
{
	h->cnt = __atomic_load_n(&list->head.cnt, cnt_order);
	h->top = __atomic_load_n(&list->head.top, __ATOMIC_RELAXED);
}

/**
 * @internal Swaps the head from *old to {top, old->cnt + 1}, with memory
 * order `order` on success and on failure (not release or acq_rel).
 *
 * @return
 *   1 on success; 0 with *old set to the current head.
 */
static __rte_always_inline int
__rte_stack_lf_head_swap(struct rte_stack_lf_list *list,
			 struct rte_stack_lf_head *old,
			 struct rte_stack_lf_elem *top, int order)
{
	rte_int128_t expected, desired;

	expected.val[0] = (uint64_t)(uintptr_t)old->top;
	expected.val[1] = old->cnt;
	desired.val[0] = (uint64_t)(uintptr_t)top;
	desired.val[1] = old->cnt + 1;
	if (rte_atomic128_cmp_exchange((rte_int128_t *)(void *)&list->head,
				       &expected, &desired, 0, order,
				       order == __ATOMIC_RELEASE ?
				       __ATOMIC_RELAXED : order))
		return 1;
	old->top = (struct rte_stack_lf_elem *)(uintptr_t)expected.val[0];
	old->cnt = expected.val[1];
	return 0;
}

/**
 * @internal Puts the chain first..last (n nodes, linked through next and
 * owned by the caller) on top of a list.
 */
static __rte_always_inline void
__rte_stack_lf_push_elems(struct rte_stack_lf_list *list,
			  struct rte_stack_lf_elem *first,
			  struct rte_stack_lf_elem *last, unsigned int n)
{
	struct rte_stack_lf_head old;

	__rte_stack_lf_head_read(list, &old, __ATOMIC_RELAXED);
	RTE_STACK_LF_TSAN_RELEASE_(&list->head);
	do {
		__atomic_store_n(&last->next, old.top, __ATOMIC_RELAXED);
		/* R_head: release the chain's data and links with the new
		 * top; pairs with A_head in __rte_stack_lf_pop_elems() */
	} while (!__rte_stack_lf_head_swap(list, &old, first,
					   __ATOMIC_RELEASE));
	/* R_len: the nodes are on the list before they are counted; pairs
	 * with A_len in __rte_stack_lf_pop_elems() */
	__atomic_fetch_add(&list->len, n, __ATOMIC_RELEASE);
}

/**
 * @internal Takes n nodes (n > 0) off the top of a list, all or none.
 *
 * @param obj_table
 *   NULL, or receives the n nodes' data, top first.
 * @param last
 *   Receives the n-th node.
 * @return
 *   The first (top) node of the chain taken, or NULL when the list has
 *   fewer than n nodes to spare.
 */
static __rte_always_inline struct rte_stack_lf_elem *
__rte_stack_lf_pop_elems(struct rte_stack_lf_list *list, unsigned int n,
			 void **obj_table, struct rte_stack_lf_elem **last)
{
	struct rte_stack_lf_head old;
	struct rte_stack_lf_elem *e;
	uint64_t len;
	unsigned int i;

	/* 1. reserve n nodes */
	len = __atomic_load_n(&list->len, __ATOMIC_RELAXED);
	do {
		if (unlikely(len < n))
			return NULL;
		/* A_len: pairs with R_len in __rte_stack_lf_push_elems() */
	} while (!__atomic_compare_exchange_n(&list->len, &len, len - n, 1,
					      __ATOMIC_ACQUIRE,
					      __ATOMIC_RELAXED));

	/* 2. unlink them. A_head (acquire, here, below on a stale walk and in
	 * the failed swap): the nodes under the head read are seen as their
	 * putters left them; pairs with R_head in __rte_stack_lf_push_elems() */
	__rte_stack_lf_head_read(list, &old, __ATOMIC_ACQUIRE);
	for (;;) {
		e = old.top;
		for (i = 0; i < n && e != NULL; i++) {
			if (obj_table != NULL)
				obj_table[i] = __atomic_load_n(&e->data,
							       __ATOMIC_RELAXED);
			*last = e;
			e = __atomic_load_n(&e->next, __ATOMIC_RELAXED);
		}
		if (unlikely(i < n)) {
			/* a stale head: the reserved nodes are there, in a
			 * newer version of the list */
			__rte_stack_lf_head_read(list, &old, __ATOMIC_ACQUIRE);
			continue;
		}
		/* acquire on failure: A_head; see "A take's successful swap"
		 * in the file comment */
		if (__rte_stack_lf_head_swap(list, &old, e, __ATOMIC_ACQUIRE))
			break;
	}
	RTE_STACK_LF_TSAN_ACQUIRE_(&list->head);
	return old.top;
}

/**
 * @internal Pushes n pointers on a lock-free stack, all or none.
 *
 * @return
 *   n, or 0 when fewer than n nodes are free or n is 0.
 */
static __rte_always_inline unsigned int
__rte_stack_lf_push(struct rte_stack *s, void * const *obj_table,
		    unsigned int n)
{
	struct rte_stack_lf_elem *first, *last = NULL, *e;
	unsigned int i;

	if (unlikely(n == 0))
		return 0;
	first = __rte_stack_lf_pop_elems(&s->stack_lf.free, n, NULL, &last);
	if (unlikely(first == NULL))
		return 0;
	/* the chain is ours: the top node gets the last pointer */
	for (e = first, i = n; i > 0; i--) {
		__atomic_store_n(&e->data, obj_table[i - 1], __ATOMIC_RELAXED);
		e = __atomic_load_n(&e->next, __ATOMIC_RELAXED);
	}
	__rte_stack_lf_push_elems(&s->stack_lf.used, first, last, n);
	return n;
}

/**
 * @internal Pops n pointers from a lock-free stack, all or none.
 *
 * @return
 *   n, or 0 when fewer than n pointers are on the stack or n is 0.
 */
static __rte_always_inline unsigned int
__rte_stack_lf_pop(struct rte_stack *s, void **obj_table, unsigned int n)
{
	struct rte_stack_lf_elem *first, *last = NULL;

	if (unlikely(n == 0))
		return 0;
	first = __rte_stack_lf_pop_elems(&s->stack_lf.used, n, obj_table,
					 &last);
	if (unlikely(first == NULL))
		return 0;
	__rte_stack_lf_push_elems(&s->stack_lf.free, first, last, n);
	return n;
}

/**
 * @internal Pointers on a lock-free stack: used.len, which may lag behind
 * a push in flight (lower, never higher).
 */
static __rte_always_inline unsigned int
__rte_stack_lf_count(struct rte_stack *s)
{
	return (unsigned int)__atomic_load_n(&s->stack_lf.used.len,
					     __ATOMIC_RELAXED);
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_STACK_LF_H_ */
