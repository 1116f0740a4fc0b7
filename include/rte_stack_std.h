/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * The standard stack's fast paths (included by rte_stack.h; use that).
 *
 * An array of pointers and its length behind an rte_spinlock_t, all in the
 * stack's shared memzone. Push and pop take the lock, check the length
 * (all-or-nothing), copy the pointers and update the length; the lock's
 * acquire (take) and release (unlock) order the copies between holders.
 * len is written only under the lock but read without it by
 * rte_stack_count(), so every access to it is atomic (relaxed).
 *
 * As in DPDK, the lock is not robust: a thread or process that dies while
 * holding it (inside push or pop, a short copy) leaves it held, and every
 * later push or pop of that stack spins for ever. Use RTE_STACK_F_LF where
 * that matters.
 */
/* rte_stack.h defines the structures and includes this file back. */
#include <rte_stack.h>

#ifndef _RTE_STACK_STD_H_
#define _RTE_STACK_STD_H_

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @internal Pushes n pointers on a standard stack, all or none.
 *
 * @param s
 *   A standard stack.
 * @param obj_table
 *   The pointers; obj_table[n - 1] becomes the top.
 * @param n
 *   How many.
 * @return
 *   n, or 0 when they do not fit.
 */
static __rte_always_inline unsigned int
__rte_stack_std_push(struct rte_stack *s, void * const *obj_table,
		     unsigned int n)
{
	struct rte_stack_std *st = &s->stack_std;
	uint32_t len;

	rte_spinlock_lock(&st->lock);
	len = __atomic_load_n(&st->len, __ATOMIC_RELAXED);
	if (unlikely(n > s->capacity - len)) {
		rte_spinlock_unlock(&st->lock);
		return 0;
	}
	for (unsigned int i = 0; i < n; i++)
		st->objs[len + i] = obj_table[i];
	__atomic_store_n(&st->len, len + n, __ATOMIC_RELAXED);
	rte_spinlock_unlock(&st->lock);
	return n;
}

/**
 * @internal Pops n pointers from a standard stack, all or none.
 *
 * @param s
 *   A standard stack.
 * @param obj_table
 *   Receives the pointers, the top first.
 * @param n
 *   How many.
 * @return
 *   n, or 0 when fewer are on the stack.
 */
static __rte_always_inline unsigned int
__rte_stack_std_pop(struct rte_stack *s, void **obj_table, unsigned int n)
{
	struct rte_stack_std *st = &s->stack_std;
	uint32_t len;

	rte_spinlock_lock(&st->lock);
	len = __atomic_load_n(&st->len, __ATOMIC_RELAXED);
	if (unlikely(n > len)) {
		rte_spinlock_unlock(&st->lock);
		return 0;
	}
	for (unsigned int i = 0; i < n; i++)
		obj_table[i] = st->objs[len - 1 - i];
	__atomic_store_n(&st->len, len - n, __ATOMIC_RELAXED);
	rte_spinlock_unlock(&st->lock);
	return n;
}

/**
 * @internal Pointers on a standard stack (a snapshot).
 *
 * @param s
 *   A standard stack.
 * @return
 *   The length.
 */
static __rte_always_inline unsigned int
__rte_stack_std_count(struct rte_stack *s)
{
	return __atomic_load_n(&s->stack_std.len, __ATOMIC_RELAXED);
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_STACK_STD_H_ */
