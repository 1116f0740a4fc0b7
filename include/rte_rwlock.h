/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Reader-writer spinlocks.
 *
 * rte_rwlock_t is one 32-bit word: bit 0 says a writer is waiting, bit 1
 * that a writer holds the lock, and the bits from 2 up count readers (each
 * reader adds RTE_RWLOCK_READ). A waiting writer stops new readers, so
 * writers are not starved. Taking the lock (read or write) is an acquire
 * that pairs with the release of the matching unlock.
 *
 * Like rte_spinlock_t it works between processes in shared memory, and is
 * not robust: a thread that dies holding it leaves it held. rtmem's own
 * shared structures use locks that survive a holder's death instead; the
 * type stays for source compatibility (it is a field of struct
 * rte_fbarray).
 */
#ifndef _RTE_RWLOCK_H_
#define _RTE_RWLOCK_H_

#include <errno.h>
#include <stdint.h>

#include <rte_branch_prediction.h>
#include <rte_common.h>
#include <rte_pause.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_RWLOCK_WAIT  0x1 /**< A writer is waiting. */
#define RTE_RWLOCK_WRITE 0x2 /**< A writer holds the lock. */
#define RTE_RWLOCK_MASK  (RTE_RWLOCK_WAIT | RTE_RWLOCK_WRITE) /**< Writer bits. */
#define RTE_RWLOCK_READ  0x4 /**< What one reader adds. */

/** A reader-writer spinlock. */
typedef struct {
	int32_t cnt; /**< Writer bits and reader count (see the file comment). */
} rte_rwlock_t;

/** Static initialiser of a free rte_rwlock_t. */
#define RTE_RWLOCK_INITIALIZER { 0 }

/**
 * Initialises a lock as free.
 *
 * @param rwl
 *   The lock; nobody may be using it.
 */
static inline void
rte_rwlock_init(rte_rwlock_t *rwl)
{
	__atomic_store_n(&rwl->cnt, 0, __ATOMIC_RELAXED);
}

/**
 * Tries to take the lock for reading, without waiting.
 *
 * @param rwl
 *   The lock.
 * @return
 *   0 when taken; -EBUSY when a writer holds it or waits for it.
 */
static inline int
rte_rwlock_read_trylock(rte_rwlock_t *rwl)
{
	int32_t now = __atomic_load_n(&rwl->cnt, __ATOMIC_RELAXED);

	if (now & RTE_RWLOCK_MASK)
		return -EBUSY;
	/* acquire: pairs with the release of rte_rwlock_write_unlock */
	now = __atomic_add_fetch(&rwl->cnt, RTE_RWLOCK_READ, __ATOMIC_ACQUIRE);
	if (unlikely(now & RTE_RWLOCK_MASK)) {
		/* a writer came in between: step back */
		__atomic_fetch_sub(&rwl->cnt, RTE_RWLOCK_READ,
				   __ATOMIC_RELEASE);
		return -EBUSY;
	}
	return 0;
}

/**
 * Takes the lock for reading, spinning while a writer holds or waits for it.
 *
 * @param rwl
 *   The lock.
 */
static inline void
rte_rwlock_read_lock(rte_rwlock_t *rwl)
{
	while (rte_rwlock_read_trylock(rwl) != 0)
		while (__atomic_load_n(&rwl->cnt, __ATOMIC_RELAXED) &
		       RTE_RWLOCK_MASK)
			rte_pause();
}

/**
 * Releases a read hold.
 *
 * @param rwl
 *   The lock, held for reading by the caller.
 */
static inline void
rte_rwlock_read_unlock(rte_rwlock_t *rwl)
{
	/* release: pairs with the acquire of the next writer */
	__atomic_fetch_sub(&rwl->cnt, RTE_RWLOCK_READ, __ATOMIC_RELEASE);
}

/**
 * Tries to take the lock for writing, without waiting.
 *
 * @param rwl
 *   The lock.
 * @return
 *   0 when taken; -EBUSY when a reader or writer holds it.
 */
static inline int
rte_rwlock_write_trylock(rte_rwlock_t *rwl)
{
	int32_t now = __atomic_load_n(&rwl->cnt, __ATOMIC_RELAXED);

	/* free, possibly with the wait bit of some writer (maybe us) set */
	if (now < RTE_RWLOCK_WRITE &&
	    __atomic_compare_exchange_n(&rwl->cnt, &now, RTE_RWLOCK_WRITE, 0,
					__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return 0;
	return -EBUSY;
}

/**
 * Takes the lock for writing. While waiting it sets the wait bit, which
 * keeps new readers out.
 *
 * @param rwl
 *   The lock.
 */
static inline void
rte_rwlock_write_lock(rte_rwlock_t *rwl)
{
	while (rte_rwlock_write_trylock(rwl) != 0) {
		__atomic_fetch_or(&rwl->cnt, RTE_RWLOCK_WAIT, __ATOMIC_RELAXED);
		while (__atomic_load_n(&rwl->cnt, __ATOMIC_RELAXED) >
		       RTE_RWLOCK_WAIT)
			rte_pause();
	}
}

/**
 * Releases the write hold.
 *
 * @param rwl
 *   The lock, held for writing by the caller.
 */
static inline void
rte_rwlock_write_unlock(rte_rwlock_t *rwl)
{
	/* release: pairs with the acquire of the next reader or writer */
	__atomic_fetch_sub(&rwl->cnt, RTE_RWLOCK_WRITE, __ATOMIC_RELEASE);
}

/** rte_rwlock_read_lock(): rtmem has no transactional memory. */
static inline void
rte_rwlock_read_lock_tm(rte_rwlock_t *rwl)
{
	rte_rwlock_read_lock(rwl);
}

/** rte_rwlock_read_unlock(). */
static inline void
rte_rwlock_read_unlock_tm(rte_rwlock_t *rwl)
{
	rte_rwlock_read_unlock(rwl);
}

/** rte_rwlock_write_lock(). */
static inline void
rte_rwlock_write_lock_tm(rte_rwlock_t *rwl)
{
	rte_rwlock_write_lock(rwl);
}

/** rte_rwlock_write_unlock(). */
static inline void
rte_rwlock_write_unlock_tm(rte_rwlock_t *rwl)
{
	rte_rwlock_write_unlock(rwl);
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_RWLOCK_H_ */
