/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shlock.h: the lock every structure in shared memory uses.
 *
 * A shlock is a recursive lock that works between processes and survives a
 * holder that dies (multiprocess.md 6.6, decision D10):
 *   - one 64-bit owner word: 0 when free, else the holder's identity
 *     (its process identity, given by the mem layer, and its thread id).
 *     Taking it is one compare-and-swap (acquire), releasing it one store
 *     (release): about a third of a robust pthread mutex's cost;
 *   - a waiter spins, then yields, and every millisecond asks the holder
 *     liveness check registered by the mem layer whether the holder still
 *     lives (its process-table slot is still its own and still locked, or,
 *     in this process, its thread still exists). A dead holder's lock is
 *     taken over with a compare-and-swap, and the repair routine registered
 *     for the lock's kind in the taking process runs before the taker
 *     proceeds (never a function pointer stored in shared memory);
 *   - recursive: a thread may re-take a lock it holds (DPDK callers nest
 *     read locks, and a memory walk callback may allocate).
 * Readers and writers are not distinguished: a read lock is exclusive.
 * Waiting is not fair; these locks guard control paths (heap, memzones,
 * lists), never the data paths (rings and mempools take no lock).
 *
 * Lock order (take only downwards; checked nowhere, kept by the code):
 *   MEMPOOL -> TAILQ -> MEMZONE -> HEAP(i) -> MEM
 * TIMER is independent. Repair routines run with the lock held and must not
 * take a lock above it.
 *
 * Test hook: RTMEM_TEST_KILL_AT=lock:<name> (names in shlock.c) kills the
 * process with SIGKILL right after it takes that lock, so tests can prove
 * that a dead holder never blocks the others (test_hooks.h).
 *
 * Who may call: shlock_init by the process creating the region (the
 * primary) before anyone else can see it; the rest by any thread of an
 * attached process, after shlock_set_identity.
 */
#ifndef RTMEM_SHLOCK_H
#define RTMEM_SHLOCK_H

#include <stdbool.h>
#include <stdint.h>

/* What a lock protects; selects the repair routine. */
enum shlock_kind {
	SHLOCK_MEMZONE = 0, /* memzone table */
	SHLOCK_TAILQ,       /* named-object lists (rte_mcfg_tailq_*) */
	SHLOCK_MEMPOOL,     /* mempool list (rte_mcfg_mempool_*) */
	SHLOCK_MEM,         /* memory commits, memseg lists (rte_mcfg_mem_*) */
	SHLOCK_TIMER,       /* rte_mcfg_timer_* (users' own state) */
	SHLOCK_HEAP,        /* one per malloc heap; index in shlock.index */
	SHLOCK_KIND_COUNT
};

struct shlock {
	/* 0, or (process identity << 32 | thread id) of the holder */
	uint64_t owner;
	uint32_t depth;    /* recursion depth; written by the holder only */
	uint32_t kind;     /* enum shlock_kind; written once by shlock_init */
	uint32_t index;    /* which heap for SHLOCK_HEAP, else 0 */
	uint32_t repairs;  /* times a dead holder was taken over (diagnostics) */
};

/*
 * Repair routine: called with the lock held after its previous holder
 * died. It must leave the protected structure consistent (or mark it
 * unusable). It runs in the process that found the dead holder.
 */
typedef void (*shlock_repair_t)(struct shlock *lock);

/*
 * Whether the holder (process identity, thread id) still lives. Called by
 * waiters, about once a millisecond, never with a lock held by them
 * beyond the one they wait for.
 */
typedef bool (*shlock_alive_t)(uint32_t process, uint32_t tid);

/* Initialise a free lock in shared memory. */
void shlock_init(struct shlock *lock, enum shlock_kind kind, uint32_t index);

/* Register this process's repair routine for a kind (NULL: none). */
void shlock_set_repair(enum shlock_kind kind, shlock_repair_t repair);

/*
 * This process's identity in owner words (nonzero, unique among the
 * processes attached to the memory, never reused while a lock could carry
 * it) and the liveness check of holders. Set by the mem layer before the
 * process takes any shared lock.
 */
void shlock_set_identity(uint32_t process, shlock_alive_t alive);

/* 0 if taken (as shlock_lock, without waiting for a live holder), -EBUSY. */
int shlock_trylock(struct shlock *lock);

/* Slow paths of the inline calls below. */
void shlock_lock_slow_(struct shlock *lock, uint64_t me);
void shlock_unlock_bad_(struct shlock *lock);
uint32_t shlock_read_tid_(void);

extern uint32_t shlock_process_;           /* identity: shlock_set_identity */
extern __thread uint32_t shlock_tid_;      /* cached thread id, 0: unread */
extern bool shlock_hooks_;                 /* a lock:<kind> test hook is set */

/* The calling thread's owner word. */
static inline uint64_t
shlock_self_(void)
{
	uint32_t tid = shlock_tid_;

	if (__builtin_expect(tid == 0, 0))
		tid = shlock_read_tid_();
	return (uint64_t)shlock_process_ << 32 | tid;
}

/* Take the lock, taking it over from a dead holder if need be. */
static inline void
shlock_lock(struct shlock *lock)
{
	uint64_t me = shlock_self_(), free_word = 0;

	/* acquire: pairs with the release in shlock_unlock */
	if (__builtin_expect(!shlock_hooks_, 1) &&
	    __atomic_compare_exchange_n(&lock->owner, &free_word, me, false,
					__ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
		lock->depth = 1;
		return;
	}
	shlock_lock_slow_(lock, me); /* held, recursion, hooks, waiting */
}

/* Release one level of the lock (the calling thread must hold it). */
static inline void
shlock_unlock(struct shlock *lock)
{
	if (__builtin_expect(__atomic_load_n(&lock->owner, __ATOMIC_RELAXED) !=
			     shlock_self_(), 0)) {
		shlock_unlock_bad_(lock);
		return;
	}
	if (--lock->depth == 0)
		/* release: pairs with the acquire of the next taker */
		__atomic_store_n(&lock->owner, 0, __ATOMIC_RELEASE);
}

/* Name of a kind, for logs ("memzone", "heap", ...). */
const char *shlock_kind_name(enum shlock_kind kind);

#endif /* RTMEM_SHLOCK_H */
