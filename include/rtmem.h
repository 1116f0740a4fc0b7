/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * rtmem's extensions to the DPDK API (DESIGN.md section 1: whatever DPDK
 * lacks gets the rtmem_ / RTMEM_ prefix and lives here, so the compatible
 * surface stays checkable by diff against DPDK's headers).
 */
#ifndef _RTMEM_H_
#define _RTMEM_H_

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Mempool flag (rte_mempool_create(), rte_mempool_create_empty()): run the
 * pool in debug mode. Every object carries a cookie before its header and
 * one after its element; a put checks them and refuses, with one log line
 * naming the pool and the object, a double put, a pointer that is not an
 * object of this pool, and an object whose trailer was overwritten (a
 * write past elt_size). A refused object is not enqueued, so the pool
 * stays consistent. The environment variable RTMEM_MEMPOOL_DEBUG=1 sets
 * the flag on every pool the process creates.
 */
#define RTMEM_MEMPOOL_F_DEBUG 0x1000

/**
 * Mempool flag: count every get and put in the statistics that
 * rte_mempool_dump() shows (struct rte_mempool_debug_stats per lcore and
 * the counters of each cache). Without it only the gets and puts that
 * reach the driver are counted, which keeps the cached fast path free of
 * counter updates (DPDK counts nothing unless built with
 * RTE_LIBRTE_MEMPOOL_STATS). Debug mode implies it. The environment
 * variable RTMEM_MEMPOOL_STATS=1 sets it on every pool.
 */
#define RTMEM_MEMPOOL_F_STATS 0x2000

#ifdef __cplusplus
}
#endif

#endif /* _RTMEM_H_ */
