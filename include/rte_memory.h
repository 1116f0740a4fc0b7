/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Memory layout constants and small types.
 *
 * This header currently holds only the constants and small types of
 * DPDK 22.11's rte_memory.h: page sizes, SOCKET_ID_ANY, memseg flags and
 * the memory-event names. The memseg, memseg-list and IOVA functions and
 * their structures arrive with the memory layer.
 *
 * The cache-line macros (RTE_CACHE_LINE_SIZE, __rte_cache_aligned, ...) and
 * the IOVA types (rte_iova_t, RTE_BAD_IOVA, phys_addr_t,
 * RTE_BAD_PHYS_ADDR) are in rte_common.h, which this header includes, as
 * in DPDK.
 */
#ifndef _RTE_MEMORY_H_
#define _RTE_MEMORY_H_

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <rte_bitops.h>
#include <rte_common.h>
#include <rte_config.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_PGSIZE_4K   (1ULL << 12) /**< 4 KiB page. */
#define RTE_PGSIZE_64K  (1ULL << 16) /**< 64 KiB page. */
#define RTE_PGSIZE_256K (1ULL << 18) /**< 256 KiB page. */
#define RTE_PGSIZE_2M   (1ULL << 21) /**< 2 MiB page. */
#define RTE_PGSIZE_16M  (1ULL << 24) /**< 16 MiB page. */
#define RTE_PGSIZE_256M (1ULL << 28) /**< 256 MiB page. */
#define RTE_PGSIZE_512M (1ULL << 29) /**< 512 MiB page. */
#define RTE_PGSIZE_1G   (1ULL << 30) /**< 1 GiB page. */
#define RTE_PGSIZE_4G   (1ULL << 32) /**< 4 GiB page. */
#define RTE_PGSIZE_16G  (1ULL << 34) /**< 16 GiB page. */

/** "Any NUMA socket" in socket_id arguments. */
#define SOCKET_ID_ANY -1

/** A memseg flag: never give this segment's memory back to the OS. */
#define RTE_MEMSEG_FLAG_DO_NOT_FREE RTE_BIT32(0)
/** A memseg flag: the segment's memory may hold non-zero bytes. */
#define RTE_MEMSEG_FLAG_DIRTY RTE_BIT32(1)

/** What happened to memory, as reported to memory-event callbacks. */
enum rte_mem_event {
	RTE_MEM_EVENT_ALLOC = 0, /**< Memory was added to the heap. */
	RTE_MEM_EVENT_FREE,      /**< Memory was removed from the heap. */
};

/** Longest memory-event callback name, including the NUL. */
#define RTE_MEM_EVENT_CALLBACK_NAME_LEN 64

/**
 * A memory-event callback.
 *
 * @param event_type
 *   Whether the range was allocated or freed.
 * @param addr
 *   Start of the range.
 * @param len
 *   Length of the range in bytes.
 * @param arg
 *   The argument given at registration.
 */
typedef void (*rte_mem_event_callback_t)(enum rte_mem_event event_type,
					 const void *addr, size_t len,
					 void *arg);

/** Longest allocation-validator name, including the NUL. */
#define RTE_MEM_ALLOC_VALIDATOR_NAME_LEN 64

/**
 * An allocation validator: decides whether a socket's heap may grow.
 *
 * @param socket_id
 *   The socket whose heap would grow.
 * @param cur_limit
 *   The limit given at registration, in bytes.
 * @param new_len
 *   The heap size after the allocation, in bytes.
 * @return
 *   0 to allow the allocation, -1 to refuse it.
 */
typedef int (*rte_mem_alloc_validator_t)(int socket_id,
					 size_t cur_limit, size_t new_len);

/* The memseg/IOVA functions and structures arrive with the memory layer. */

#ifdef __cplusplus
}
#endif

#endif /* _RTE_MEMORY_H_ */
