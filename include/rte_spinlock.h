/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Spinlocks and recursive spinlocks.
 *
 * rte_spinlock_t is one int: 0 when free, 1 when held. Taking it is a
 * compare-and-swap with acquire order (pairs with the release store of
 * rte_spinlock_unlock()); waiting spins with relaxed loads and rte_pause()
 * so that waiters do not bounce the cache line. The lock is not fair and
 * not robust: a thread that dies while holding it leaves it held. It works
 * between processes when placed in shared memory.
 *
 * rte_spinlock_recursive_t may be taken again by the thread that holds it;
 * it records the holder's kernel thread id (rte_gettid()) and a depth.
 *
 * The _tm variants exist for DPDK's hardware transactional memory support.
 * rtmem does not use transactions: rte_tm_supported() returns 0 and each
 * _tm call is the plain lock operation.
 */
#ifndef _RTE_SPINLOCK_H_
#define _RTE_SPINLOCK_H_

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_pause.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A spinlock. */
typedef struct {
	volatile int locked; /**< 0 when free, 1 when held. */
} rte_spinlock_t;

/** Static initialiser of a free rte_spinlock_t. */
#define RTE_SPINLOCK_INITIALIZER { 0 }

/**
 * Initialises a spinlock as free.
 *
 * @param sl
 *   The lock; nobody may be using it.
 */
static inline void
rte_spinlock_init(rte_spinlock_t *sl)
{
	__atomic_store_n(&sl->locked, 0, __ATOMIC_RELAXED);
}

/**
 * Takes a spinlock, spinning until it is free.
 *
 * Acquire: accesses after the call stay after it, and see everything the
 * previous holder did before rte_spinlock_unlock().
 *
 * @param sl
 *   The lock.
 */
static inline void
rte_spinlock_lock(rte_spinlock_t *sl)
{
	int expected = 0;

	/* acquire: pairs with the release store in rte_spinlock_unlock() */
	while (!__atomic_compare_exchange_n(&sl->locked, &expected, 1, 0,
					    __ATOMIC_ACQUIRE,
					    __ATOMIC_RELAXED)) {
		rte_wait_until_equal_32((volatile uint32_t *)&sl->locked, 0,
					__ATOMIC_RELAXED);
		expected = 0;
	}
}

/**
 * Releases a spinlock held by the caller.
 *
 * Release: accesses before the call are visible to the next holder.
 *
 * @param sl
 *   The lock.
 */
static inline void
rte_spinlock_unlock(rte_spinlock_t *sl)
{
	/* release: pairs with the acquire CAS in rte_spinlock_lock/trylock() */
	__atomic_store_n(&sl->locked, 0, __ATOMIC_RELEASE);
}

/**
 * Takes a spinlock if it is free, without waiting.
 *
 * @param sl
 *   The lock.
 * @return
 *   1 when the lock was taken (with acquire order), 0 when it was held.
 */
__rte_warn_unused_result
static inline int
rte_spinlock_trylock(rte_spinlock_t *sl)
{
	int expected = 0;

	/* acquire: pairs with the release store in rte_spinlock_unlock() */
	return __atomic_compare_exchange_n(&sl->locked, &expected, 1, 0,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/**
 * Tells whether a spinlock is held (by anyone).
 *
 * @param sl
 *   The lock.
 * @return
 *   1 when held, 0 when free; the answer may be stale at once.
 */
static inline int
rte_spinlock_is_locked(rte_spinlock_t *sl)
{
	return __atomic_load_n(&sl->locked, __ATOMIC_ACQUIRE);
}

/**
 * Tells whether the lock calls may use hardware transactional memory.
 *
 * @return
 *   Always 0 in rtmem.
 */
static inline int
rte_tm_supported(void)
{
	return 0;
}

/**
 * Transactional-memory variant of rte_spinlock_lock(); in rtmem the same.
 *
 * @param sl
 *   The lock.
 */
static inline void
rte_spinlock_lock_tm(rte_spinlock_t *sl)
{
	rte_spinlock_lock(sl);
}

/**
 * Transactional-memory variant of rte_spinlock_unlock(); in rtmem the same.
 *
 * @param sl
 *   The lock.
 */
static inline void
rte_spinlock_unlock_tm(rte_spinlock_t *sl)
{
	rte_spinlock_unlock(sl);
}

/**
 * Transactional-memory variant of rte_spinlock_trylock(); in rtmem the
 * same.
 *
 * @param sl
 *   The lock.
 * @return
 *   1 when the lock was taken, 0 when it was held.
 */
__rte_warn_unused_result
static inline int
rte_spinlock_trylock_tm(rte_spinlock_t *sl)
{
	return rte_spinlock_trylock(sl);
}

/** A spinlock that its holder may take again. */
typedef struct {
	rte_spinlock_t sl;  /**< The underlying lock. */
	volatile int user;  /**< Holder's thread id (rte_gettid()), -1 if free. */
	volatile int count; /**< Depth: times the holder has taken it. */
} rte_spinlock_recursive_t;

/** Static initialiser of a free rte_spinlock_recursive_t. */
#define RTE_SPINLOCK_RECURSIVE_INITIALIZER {RTE_SPINLOCK_INITIALIZER, -1, 0}

/**
 * Initialises a recursive spinlock as free.
 *
 * @param slr
 *   The lock; nobody may be using it.
 */
static inline void
rte_spinlock_recursive_init(rte_spinlock_recursive_t *slr)
{
	rte_spinlock_init(&slr->sl);
	__atomic_store_n(&slr->user, -1, __ATOMIC_RELAXED);
	slr->count = 0;
}

/**
 * Takes a recursive spinlock; returns at once if the caller holds it.
 *
 * @param slr
 *   The lock.
 */
static inline void
rte_spinlock_recursive_lock(rte_spinlock_recursive_t *slr)
{
	int id = rte_gettid();

	/* only the holder can have stored its own id, so a relaxed read is
	 * enough to recognise ourselves */
	if (__atomic_load_n(&slr->user, __ATOMIC_RELAXED) != id) {
		rte_spinlock_lock(&slr->sl);
		__atomic_store_n(&slr->user, id, __ATOMIC_RELAXED);
	}
	slr->count++;
}

/**
 * Releases one level of a recursive spinlock held by the caller; the lock
 * becomes free when the depth drops to 0.
 *
 * @param slr
 *   The lock.
 */
static inline void
rte_spinlock_recursive_unlock(rte_spinlock_recursive_t *slr)
{
	if (--(slr->count) == 0) {
		__atomic_store_n(&slr->user, -1, __ATOMIC_RELAXED);
		rte_spinlock_unlock(&slr->sl);
	}
}

/**
 * Takes a recursive spinlock without waiting.
 *
 * @param slr
 *   The lock.
 * @return
 *   1 when the caller now holds it (again), 0 when another thread holds it.
 */
__rte_warn_unused_result
static inline int
rte_spinlock_recursive_trylock(rte_spinlock_recursive_t *slr)
{
	int id = rte_gettid();

	if (__atomic_load_n(&slr->user, __ATOMIC_RELAXED) != id) {
		if (rte_spinlock_trylock(&slr->sl) == 0)
			return 0;
		__atomic_store_n(&slr->user, id, __ATOMIC_RELAXED);
	}
	slr->count++;
	return 1;
}

/**
 * Transactional-memory variant of rte_spinlock_recursive_lock(); in rtmem
 * the same.
 *
 * @param slr
 *   The lock.
 */
static inline void
rte_spinlock_recursive_lock_tm(rte_spinlock_recursive_t *slr)
{
	rte_spinlock_recursive_lock(slr);
}

/**
 * Transactional-memory variant of rte_spinlock_recursive_unlock(); in
 * rtmem the same.
 *
 * @param slr
 *   The lock.
 */
static inline void
rte_spinlock_recursive_unlock_tm(rte_spinlock_recursive_t *slr)
{
	rte_spinlock_recursive_unlock(slr);
}

/**
 * Transactional-memory variant of rte_spinlock_recursive_trylock(); in
 * rtmem the same.
 *
 * @param slr
 *   The lock.
 * @return
 *   1 when the caller now holds it, 0 when another thread holds it.
 */
__rte_warn_unused_result
static inline int
rte_spinlock_recursive_trylock_tm(rte_spinlock_recursive_t *slr)
{
	return rte_spinlock_recursive_trylock(slr);
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_SPINLOCK_H_ */
