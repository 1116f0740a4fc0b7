/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Compile-time limits of rtmem, with DPDK 22.11's names and values.
 *
 * Every public header includes this file first. The architecture and version
 * facts come from the generated rte_build_config.h.
 */
#ifndef _RTE_CONFIG_H_
#define _RTE_CONFIG_H_

#include <rte_build_config.h>

#define RTE_EXEC_ENV_LINUXAPP 1
#define RTE_VER_PREFIX "DPDK"

/* lcores and NUMA */
#define RTE_MAX_LCORE 128              /**< Highest lcore id + 1. */
#define RTE_MAX_NUMA_NODES 32          /**< Highest NUMA node (socket) id + 1. */

/* memory */
#define RTE_MAX_HEAPS 32
#define RTE_MAX_MEMSEG_LISTS 128
#define RTE_MAX_MEMSEG_PER_LIST 8192
#define RTE_MAX_MEM_MB_PER_LIST 32768
#define RTE_MAX_MEMSEG_PER_TYPE 32768
#define RTE_MAX_MEM_MB_PER_TYPE 65536
#define RTE_MAX_MEM_MB 524288
#define RTE_MAX_MEMZONE 2560           /**< Number of memzone descriptors. */
#define RTE_MAX_TAILQ 32               /**< Number of named-object lists. */

/* logging */
#define RTE_LOG_DP_LEVEL RTE_LOG_INFO  /**< Highest level RTE_LOG_DP compiles in. */

/* mempool and mbuf */
#define RTE_MEMPOOL_CACHE_MAX_SIZE 512
#define RTE_MBUF_DEFAULT_MEMPOOL_OPS "ring_mp_mc"
#define RTE_PKTMBUF_HEADROOM 128
#define RTE_MBUF_REFCNT_ATOMIC 1
#define RTE_DRIVER_MEMPOOL_BUCKET_SIZE_KB 64

#endif /* _RTE_CONFIG_H_ */
