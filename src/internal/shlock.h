/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shlock.h: the lock every structure in shared memory uses.
 *
 * A shlock is a process-shared, robust, recursive pthread mutex living in
 * the shared config region (multiprocess.md 6.6, decision D10):
 *   - process-shared: any process mapping the region may take it;
 *   - robust: when the holder dies (a secondary killed mid-split), the
 *     next locker gets EOWNERDEAD instead of waiting forever. shlock_lock()
 *     then runs the repair routine registered for the lock's kind in the
 *     calling process (never a function pointer stored in shared memory),
 *     marks the mutex consistent and returns holding it;
 *   - recursive: a thread may re-take a lock it holds (DPDK callers nest
 *     read locks, and a memory walk callback may allocate).
 * Readers and writers are not distinguished: a read lock is exclusive.
 *
 * Lock order (take only downwards; checked nowhere, kept by the code):
 *   MEMPOOL -> TAILQ -> MEMZONE -> HEAP(i) -> MEM -> PROC
 * TIMER is independent. Repair routines run with the lock held and must not
 * take a lock above it.
 *
 * Test hook: RTMEM_TEST_KILL_AT=lock:<name> (names in shlock.c) kills the
 * process with SIGKILL right after it takes that lock, so tests can prove
 * that a dead holder never blocks the others (test_hooks.h).
 *
 * Who may call: shlock_init by the process creating the region (the
 * primary) before anyone else can see it; the rest by any thread of any
 * attached process.
 */
#ifndef RTMEM_SHLOCK_H
#define RTMEM_SHLOCK_H

#include <pthread.h>
#include <stdint.h>

/* What a lock protects; selects the repair routine. */
enum shlock_kind {
	SHLOCK_MEMZONE = 0, /* memzone table (rte_mcfg_mem_* is MEM) */
	SHLOCK_TAILQ,       /* named-object lists */
	SHLOCK_MEMPOOL,     /* mempool list (rte_mcfg_mempool_*) */
	SHLOCK_MEM,         /* memory commits, memseg lists */
	SHLOCK_PROC,        /* process table */
	SHLOCK_TIMER,       /* rte_mcfg_timer_* (users' own state) */
	SHLOCK_HEAP,        /* one per malloc heap; index in shlock.index */
	SHLOCK_KIND_COUNT
};

struct shlock {
	pthread_mutex_t mutex;
	uint32_t kind;     /* enum shlock_kind; written once by shlock_init */
	uint32_t index;    /* which heap for SHLOCK_HEAP, else 0 */
	uint32_t repairs;  /* times a dead holder was repaired (diagnostics) */
};

/*
 * Repair routine: called with the lock held after its previous holder
 * died. It must leave the protected structure consistent (or mark it
 * unusable). It runs in the process that found the dead holder.
 */
typedef void (*shlock_repair_t)(struct shlock *lock);

/*
 * Initialise a lock in shared memory. Returns 0 or -errno (pthread
 * attribute failures; robust mutexes need glibc >= 2.12).
 */
int shlock_init(struct shlock *lock, enum shlock_kind kind, uint32_t index);

/* Register this process's repair routine for a kind (NULL: none). */
void shlock_set_repair(enum shlock_kind kind, shlock_repair_t repair);

/* Take the lock, repairing after a dead holder. Never fails. */
void shlock_lock(struct shlock *lock);

/* 0 if taken (repairing as shlock_lock does), -EBUSY if held elsewhere. */
int shlock_trylock(struct shlock *lock);

/* Release one level of the lock (the calling thread must hold it). */
void shlock_unlock(struct shlock *lock);

/* Name of a kind, for logs ("memzone", "heap", ...). */
const char *shlock_kind_name(enum shlock_kind kind);

#endif /* RTMEM_SHLOCK_H */
