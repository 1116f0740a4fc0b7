/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Locks of the shared configuration.
 *
 * DPDK exposes its configuration locks so that libraries can protect
 * their shared lists. In rtmem each is a recursive lock shared between
 * processes: a "read" lock is exclusive, the same thread may take a lock
 * again, and a process that dies holding one does not block the others
 * (the next taker repairs the protected structure).
 *
 * Lock order: mempool, then tailq, then memory (mem). Each call waits
 * until it holds the lock; every lock taken must be released by the same
 * thread.
 */
#ifndef _RTE_EAL_MEMCONFIG_H_
#define _RTE_EAL_MEMCONFIG_H_

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Takes the memory lock: no process commits memory while it is held. */
void rte_mcfg_mem_read_lock(void);
/** Releases the memory lock. */
void rte_mcfg_mem_read_unlock(void);
/** Takes the memory lock (the same lock as rte_mcfg_mem_read_lock()). */
void rte_mcfg_mem_write_lock(void);
/** Releases the memory lock. */
void rte_mcfg_mem_write_unlock(void);

/** Takes the named-list (tailq) lock. */
void rte_mcfg_tailq_read_lock(void);
/** Releases the named-list lock. */
void rte_mcfg_tailq_read_unlock(void);
/** Takes the named-list lock (the same lock as the read lock). */
void rte_mcfg_tailq_write_lock(void);
/** Releases the named-list lock. */
void rte_mcfg_tailq_write_unlock(void);

/** Takes the mempool-list lock. */
void rte_mcfg_mempool_read_lock(void);
/** Releases the mempool-list lock. */
void rte_mcfg_mempool_read_unlock(void);
/** Takes the mempool-list lock (the same lock as the read lock). */
void rte_mcfg_mempool_write_lock(void);
/** Releases the mempool-list lock. */
void rte_mcfg_mempool_write_unlock(void);

/** Takes the timer lock (kept for libraries that use it). */
void rte_mcfg_timer_lock(void);
/** Releases the timer lock. */
void rte_mcfg_timer_unlock(void);

/**
 * Whether --single-file-segments is in force. rtmem always keeps one file
 * per memory type, so this reports the option as given to the primary.
 *
 * @return true when the primary was started with --single-file-segments.
 */
bool rte_mcfg_get_single_file_segments(void);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_EAL_MEMCONFIG_H_ */
