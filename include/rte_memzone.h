/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Memzones: named blocks of shared memory.
 *
 * A memzone is a block of the malloc heap with a name and a descriptor in
 * a fixed table in shared memory, so rte_memzone_lookup() returns the same
 * descriptor, at the same address, in every process of a --file-prefix.
 * Descriptors are reused lowest slot first. The table holds
 * rte_memzone_max_get() descriptors (RTE_MAX_MEMZONE, 2560, unless
 * rte_memzone_max_set() changed it before rte_eal_init()).
 *
 * Thread and process safety: every call is safe from any thread of any
 * process; reserve/free/lookup/walk serialise on the memzone lock (shared
 * between processes; a process that dies holding it does not block the
 * others).
 */
#ifndef _RTE_MEMZONE_H_
#define _RTE_MEMZONE_H_

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <rte_common.h>
#include <rte_memory.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @name Memzone flags: page size wanted, and IOVA contiguity.
 * Without RTE_MEMZONE_SIZE_HINT_ONLY a page-size flag is a requirement:
 * the reserve fails (ENOMEM) when no memory of that size exists.
 * @{ */
#define RTE_MEMZONE_2MB            0x00000001 /**< 2 MiB pages. */
#define RTE_MEMZONE_1GB            0x00000002 /**< 1 GiB pages. */
#define RTE_MEMZONE_16MB           0x00000100 /**< 16 MiB pages. */
#define RTE_MEMZONE_16GB           0x00000200 /**< 16 GiB pages. */
#define RTE_MEMZONE_256KB          0x00010000 /**< 256 KiB pages. */
#define RTE_MEMZONE_256MB          0x00020000 /**< 256 MiB pages. */
#define RTE_MEMZONE_512MB          0x00040000 /**< 512 MiB pages. */
#define RTE_MEMZONE_4GB            0x00080000 /**< 4 GiB pages. */
#define RTE_MEMZONE_SIZE_HINT_ONLY 0x00000004 /**< Other sizes will do. */
#define RTE_MEMZONE_IOVA_CONTIG    0x00100000 /**< IOVA-contiguous memory. */
/** @} */

/** Longest memzone name, including the NUL. */
#define RTE_MEMZONE_NAMESIZE 32

/** A memzone descriptor (DPDK's layout, 72 bytes). */
struct rte_memzone {
	char name[RTE_MEMZONE_NAMESIZE]; /**< Name. */
	rte_iova_t iova;                 /**< IO address of the start. */
	__extension__
	union {
		void *addr;              /**< Virtual address of the start. */
		uint64_t addr_64;        /**< Keeps addr 64 bits wide. */
	};
	size_t len;                      /**< Length in bytes. */
	uint64_t hugepage_sz;            /**< Page size of the memory. */
	int32_t socket_id;               /**< NUMA socket of the memory. */
	uint32_t flags;                  /**< Always 0. */
} __rte_packed;

/**
 * Reserves a memzone aligned to a cache line.
 * Same as rte_memzone_reserve_bounded(name, len, socket_id, flags,
 * RTE_CACHE_LINE_SIZE, 0).
 */
const struct rte_memzone *rte_memzone_reserve(const char *name, size_t len,
					      int socket_id, unsigned int flags);

/**
 * Reserves an aligned memzone.
 * Same as rte_memzone_reserve_bounded(name, len, socket_id, flags, align,
 * 0).
 */
const struct rte_memzone *rte_memzone_reserve_aligned(const char *name,
		size_t len, int socket_id, unsigned int flags,
		unsigned int align);

/**
 * Reserves a named block of shared memory.
 *
 * @param name
 *   Name, 1 to RTE_MEMZONE_NAMESIZE - 1 characters, unique.
 * @param len
 *   Length; rounded up to a multiple of the cache line (at least one).
 *   0 takes the biggest free block of the heap (no growth), or `bound`
 *   bytes when a bound is given.
 * @param socket_id
 *   NUMA socket, or SOCKET_ID_ANY (this lcore's socket first, then the
 *   others).
 * @param flags
 *   RTE_MEMZONE_* page-size flags, RTE_MEMZONE_SIZE_HINT_ONLY,
 *   RTE_MEMZONE_IOVA_CONTIG; 0 for any memory.
 * @param align
 *   Alignment of the start (address and IOVA): a power of two; raised to
 *   the cache line size when smaller.
 * @param bound
 *   0, or a power of two >= the rounded length: the zone will not cross a
 *   multiple of it.
 * @return
 *   The descriptor (valid in every process), or NULL with rte_errno:
 *   - ENOSPC: every descriptor is in use;
 *   - ENAMETOOLONG: name too long;
 *   - EEXIST: a memzone with this name exists;
 *   - EINVAL: NULL or empty name, bad alignment or bound, bad socket,
 *     unknown flag, len too large to round;
 *   - ENOMEM: no memory matches (size, socket, page size, contiguity);
 *   - E_RTE_NO_CONFIG: the EAL could not be initialised.
 */
const struct rte_memzone *rte_memzone_reserve_bounded(const char *name,
		size_t len, int socket_id, unsigned int flags,
		unsigned int align, unsigned int bound);

/**
 * Frees a memzone: its memory and its descriptor.
 *
 * @param mz
 *   A descriptor returned by a reserve call (in any process).
 * @return
 *   0, or -EINVAL for NULL or a descriptor that is not in use.
 */
int rte_memzone_free(const struct rte_memzone *mz);

/**
 * Finds a memzone by name.
 *
 * @param name
 *   The name.
 * @return
 *   The descriptor, or NULL (rte_errno untouched, as in DPDK).
 */
const struct rte_memzone *rte_memzone_lookup(const char *name);

/**
 * Prints every memzone.
 *
 * @param f
 *   Output stream.
 */
void rte_memzone_dump(FILE *f);

/**
 * Calls func for every memzone, in descriptor order.
 *
 * @param func
 *   The callback; it may not reserve or free memzones.
 * @param arg
 *   Passed to func.
 */
void rte_memzone_walk(void (*func)(const struct rte_memzone *, void *arg),
		      void *arg);

/**
 * Sets the number of memzone descriptors (DPDK 23.07 addition). Only
 * before rte_eal_init() (and before any lazy initialisation).
 *
 * @param max
 *   Number of descriptors, at least 1.
 * @return
 *   0, or -1 with rte_errno: EINVAL (0), EBUSY (the EAL is initialised).
 */
int rte_memzone_max_set(size_t max);

/**
 * Number of memzone descriptors.
 *
 * @return
 *   The value in force (the shared one once initialised).
 */
size_t rte_memzone_max_get(void);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_MEMZONE_H_ */
