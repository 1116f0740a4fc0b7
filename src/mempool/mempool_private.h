/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mempool_private.h: what the mempool layer's files share. Not installed.
 */
#ifndef MEMPOOL_PRIVATE_H
#define MEMPOOL_PRIVATE_H

#include <rte_mempool.h>

#include "internal/rtmem_log.h"

#define MEMPOOL_LOG(level, fmt, ...) \
	RTMEM_LOG(level, MEMPOOL, fmt, ##__VA_ARGS__)

/* The built-in drivers (src/mempool/drivers/). */
extern const struct rte_mempool_ops mempool_ops_mp_mc, mempool_ops_sp_sc,
	mempool_ops_mp_sc, mempool_ops_sp_mc, mempool_ops_mt_rts,
	mempool_ops_mt_hts, mempool_ops_stack, mempool_ops_lf_stack,
	mempool_ops_bucket;

/* Index of the driver named name in this process, or -1. */
int mempool_ops_find(const char *name);

/* Arrange this process's driver table by the instance's names. */
void mempool_ops_resolve(void);

/* Debug mode: where an object's header cookie lives (before its header). */
static inline uint64_t *
mempool_hdr_cookie(void *obj)
{
	return (uint64_t *)RTE_PTR_SUB(obj,
			sizeof(struct rte_mempool_objhdr) + sizeof(uint64_t));
}

/* Spins before a store is deemed really full (about a second or more). */
#define MEMPOOL_ENQUEUE_RETRY_SPINS (1u << 24)

/*
 * A driver's enqueue for stores with a slot for every object of the
 * pool: try_enqueue can fail only while another thread's dequeue is
 * finishing, so retry until it succeeds. If it still fails after a long
 * while (more objects than the pool has: a double put without debug
 * mode), log once per call and return -ENOBUFS rather than hang.
 */
int mempool_driver_enqueue_retry(struct rte_mempool *mp,
		void * const *obj_table, unsigned int n,
		int (*try_enqueue)(struct rte_mempool *mp,
				   void * const *obj_table, unsigned int n));

#endif /* MEMPOOL_PRIVATE_H */
