/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mempool_ring.c: the ring drivers ring_mp_mc, ring_sp_sc, ring_mp_sc,
 * ring_sp_mc, ring_mt_rts and ring_mt_hts. The store is an rte_ring
 * "MP_<pool>" (memzone "RG_MP_<pool>") of exactly size slots, made in
 * the mode the driver's name says, and each driver calls that mode's
 * enqueue/dequeue functions directly.
 *
 * No object is lost: with a slot for every object of the pool, an
 * enqueue can only find the ring "full" while another thread's dequeue
 * is finishing (RTS publishes dequeued slots late), so the enqueue
 * retries (mempool_driver_enqueue_retry()) instead of failing as DPDK's
 * does.
 *
 * Who may call: the mempool library, through the ops table. The library
 * registers these drivers itself (mempool_ops.c), so that a static link
 * keeps them.
 */
#include <errno.h>
#include <stdio.h>

#include <rte_errno.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#include "mempool/mempool_private.h"

static int
ring_alloc(struct rte_mempool *mp, unsigned int flags)
{
	char name[RTE_RING_NAMESIZE];
	struct rte_ring *r;

	if ((size_t)snprintf(name, sizeof(name), RTE_MEMPOOL_MZ_FORMAT,
			     mp->name) >= sizeof(name)) {
		MEMPOOL_LOG(ERR, "mempool %s: ring name too long", mp->name);
		return -ENAMETOOLONG;
	}
	r = rte_ring_create(name, mp->size, mp->socket_id,
			    flags | RING_F_EXACT_SZ);
	if (r == NULL)
		return -rte_errno;
	mp->pool_data = r;
	return 0;
}

static int
ring_alloc_mp_mc(struct rte_mempool *mp)
{
	return ring_alloc(mp, 0);
}

static int
ring_alloc_sp_sc(struct rte_mempool *mp)
{
	return ring_alloc(mp, RING_F_SP_ENQ | RING_F_SC_DEQ);
}

static int
ring_alloc_mp_sc(struct rte_mempool *mp)
{
	return ring_alloc(mp, RING_F_SC_DEQ);
}

static int
ring_alloc_sp_mc(struct rte_mempool *mp)
{
	return ring_alloc(mp, RING_F_SP_ENQ);
}

static int
ring_alloc_rts(struct rte_mempool *mp)
{
	return ring_alloc(mp, RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ);
}

static int
ring_alloc_hts(struct rte_mempool *mp)
{
	return ring_alloc(mp, RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ);
}

static void
ring_free(struct rte_mempool *mp)
{
	rte_ring_free(mp->pool_data);
	mp->pool_data = NULL;
}

/*
 * Enqueue and dequeue for each ring mode, calling that mode's function
 * directly (as DPDK's driver does) rather than rte_ring_enqueue_bulk(),
 * which would look the mode up in the ring on every call. Each enqueue
 * first tries once; only a failed try (which a ring sized for every
 * object of the pool can only see while another thread is between its
 * head and tail updates) goes to mempool_driver_enqueue_retry().
 */
#define RING_MODE_OPS(mode, enq_fn, deq_fn)                                   \
static int                                                                    \
ring_try_enqueue_##mode(struct rte_mempool *mp, void * const *obj_table,      \
			unsigned int n)                                       \
{                                                                             \
	return enq_fn(mp->pool_data, obj_table, n, NULL) == n ? 0 : -ENOBUFS; \
}                                                                             \
static int                                                                    \
ring_enqueue_##mode(struct rte_mempool *mp, void * const *obj_table,          \
		    unsigned int n)                                           \
{                                                                             \
	if (likely(ring_try_enqueue_##mode(mp, obj_table, n) == 0))           \
		return 0;                                                     \
	return mempool_driver_enqueue_retry(mp, obj_table, n,                 \
					    ring_try_enqueue_##mode);         \
}                                                                             \
static int                                                                    \
ring_dequeue_##mode(struct rte_mempool *mp, void **obj_table, unsigned int n) \
{                                                                             \
	return deq_fn(mp->pool_data, obj_table, n, NULL) == n ? 0 : -ENOBUFS; \
}

RING_MODE_OPS(mp_mc, rte_ring_mp_enqueue_bulk, rte_ring_mc_dequeue_bulk)
RING_MODE_OPS(sp_sc, rte_ring_sp_enqueue_bulk, rte_ring_sc_dequeue_bulk)
RING_MODE_OPS(mp_sc, rte_ring_mp_enqueue_bulk, rte_ring_sc_dequeue_bulk)
RING_MODE_OPS(sp_mc, rte_ring_sp_enqueue_bulk, rte_ring_mc_dequeue_bulk)
RING_MODE_OPS(rts, rte_ring_mp_rts_enqueue_bulk, rte_ring_mc_rts_dequeue_bulk)
RING_MODE_OPS(hts, rte_ring_mp_hts_enqueue_bulk, rte_ring_mc_hts_dequeue_bulk)

static unsigned int
ring_count(const struct rte_mempool *mp)
{
	return rte_ring_count(mp->pool_data);
}

#define RING_OPS(opsname, mode) {            \
	.name = opsname,                     \
	.alloc = ring_alloc_##mode,          \
	.free = ring_free,                   \
	.enqueue = ring_enqueue_##mode,      \
	.dequeue = ring_dequeue_##mode,      \
	.get_count = ring_count,             \
}

const struct rte_mempool_ops mempool_ops_mp_mc =
	RING_OPS("ring_mp_mc", mp_mc);
const struct rte_mempool_ops mempool_ops_sp_sc =
	RING_OPS("ring_sp_sc", sp_sc);
const struct rte_mempool_ops mempool_ops_mp_sc =
	RING_OPS("ring_mp_sc", mp_sc);
const struct rte_mempool_ops mempool_ops_sp_mc =
	RING_OPS("ring_sp_mc", sp_mc);
const struct rte_mempool_ops mempool_ops_mt_rts =
	RING_OPS("ring_mt_rts", rts);
const struct rte_mempool_ops mempool_ops_mt_hts =
	RING_OPS("ring_mt_hts", hts);

