/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mempool_ops.c: the driver registry (rte_mempool_ops_table) and the ops
 * wrappers that are not inline.
 *
 * A pool stores its driver as an index (function pointers are
 * process-private). DPDK makes the index mean the same driver in every
 * process only if all processes register the same drivers in the same
 * order; rtmem does not rely on that. The shared configuration keeps the
 * instance's list of driver names (mem_config.mempool_ops_names), index
 * order; rte_mempool_ops_table.ops[i] of every process is the driver
 * whose name is the i-th of that list:
 *   - registration (usually a constructor, before rte_eal_init) only
 *     records the driver in `pending`;
 *   - at init (primary) or attach (secondary) the mem client below
 *     resolves each pending driver: found by name in the shared list, or
 *     appended to it; the local table is filled by index;
 *   - a registration after init is resolved at once.
 * A secondary that lacks a driver the primary has leaves that entry
 * empty (name only); a pool using it fails its ops calls with a log line
 * rather than calling a wrong function.
 *
 * Locks: the local table's spinlock guards `pending` and the table; the
 * shared list is changed under the MEMPOOL shared lock (shlock), which a
 * dead holder cannot keep.
 */
#include <errno.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_mempool.h>
#include <rte_pause.h>

#include "internal/rtmem_export.h"
#include "internal/rtmem_log.h"
#include "mem/mem_private.h"
#include "mempool/mempool_private.h"

RTMEM_EXPORT struct rte_mempool_ops_table rte_mempool_ops_table = {
	.sl = RTE_SPINLOCK_INITIALIZER,
	.num_ops = 0,
};

/* Drivers registered in this process, in registration order. */
static struct rte_mempool_ops pending[RTE_MEMPOOL_MAX_OPS_IDX];
static unsigned int pending_count;
/* Whether the shared list is known (init or attach done). */
static int resolved;

/* Index of name in the shared list, or -1. MEMPOOL lock held. */
static int
shared_index(const struct mem_config *cfg, const char *name)
{
	for (unsigned int i = 0; i < cfg->mempool_ops_count; i++)
		if (strncmp(cfg->mempool_ops_names[i], name,
			    RTE_MEMPOOL_OPS_NAMESIZE) == 0)
			return (int)i;
	return -1;
}

/*
 * Place driver ops in the local table at its shared index (appending
 * the name to the shared list when new). Table spinlock held. Returns
 * the index or -ENOSPC.
 */
static int
place(struct mem_config *cfg, const struct rte_mempool_ops *ops)
{
	int idx;

	shlock_lock(&cfg->mempool_lock);
	idx = shared_index(cfg, ops->name);
	if (idx < 0 && cfg->mempool_ops_count < RTE_MEMPOOL_MAX_OPS_IDX) {
		idx = (int)cfg->mempool_ops_count;
		snprintf(cfg->mempool_ops_names[idx], RTE_MEMPOOL_OPS_NAMESIZE,
			 "%s", ops->name);
		cfg->mempool_ops_count++; /* commit */
	}
	shlock_unlock(&cfg->mempool_lock);
	if (idx < 0) {
		MEMPOOL_LOG(ERR, "ops %s: the instance already has %d drivers",
			    ops->name, RTE_MEMPOOL_MAX_OPS_IDX);
		return -ENOSPC;
	}
	rte_mempool_ops_table.ops[idx] = *ops;
	if ((uint32_t)idx >= rte_mempool_ops_table.num_ops)
		rte_mempool_ops_table.num_ops = (uint32_t)idx + 1;
	return idx;
}

_Static_assert(sizeof(((struct mem_config *)0)->mempool_ops_names) ==
	       RTE_MEMPOOL_MAX_OPS_IDX * RTE_MEMPOOL_OPS_NAMESIZE,
	       "the shared name list holds every driver name");

/* Resolve every pending driver against the shared list. */
void
mempool_ops_resolve(void)
{
	struct mem_config *cfg = mem_cfg();

	rte_spinlock_lock(&rte_mempool_ops_table.sl);
	memset(rte_mempool_ops_table.ops, 0,
	       sizeof(rte_mempool_ops_table.ops));
	rte_mempool_ops_table.num_ops = 0;
	/* Names the instance knows but this process lacks keep the name. */
	for (unsigned int i = 0; i < cfg->mempool_ops_count; i++) {
		snprintf(rte_mempool_ops_table.ops[i].name,
			 RTE_MEMPOOL_OPS_NAMESIZE, "%s",
			 cfg->mempool_ops_names[i]);
		rte_mempool_ops_table.num_ops = i + 1;
	}
	for (unsigned int i = 0; i < pending_count; i++)
		place(cfg, &pending[i]);
	resolved = 1;
	rte_spinlock_unlock(&rte_mempool_ops_table.sl);
}

RTMEM_EXPORT int
rte_mempool_register_ops(const struct rte_mempool_ops *h)
{
	int ret;

	if (h == NULL || h->alloc == NULL || h->enqueue == NULL ||
	    h->dequeue == NULL || h->get_count == NULL) {
		MEMPOOL_LOG(ERR, "ops %s: alloc, enqueue, dequeue and "
			    "get_count are required",
			    h != NULL ? h->name : "(null)");
		rte_errno = EINVAL;
		return -EINVAL;
	}
	if (strnlen(h->name, RTE_MEMPOOL_OPS_NAMESIZE) >=
	    RTE_MEMPOOL_OPS_NAMESIZE - 1) {
		/* DPDK refuses names of 31 characters and more, with EEXIST. */
		MEMPOOL_LOG(ERR, "ops %.*s...: name too long",
			    RTE_MEMPOOL_OPS_NAMESIZE - 2, h->name);
		rte_errno = EEXIST;
		return -EEXIST;
	}
	rte_spinlock_lock(&rte_mempool_ops_table.sl);
	for (unsigned int i = 0; i < pending_count; i++) {
		if (strcmp(pending[i].name, h->name) == 0) {
			rte_spinlock_unlock(&rte_mempool_ops_table.sl);
			MEMPOOL_LOG(ERR, "ops %s: registered twice", h->name);
			rte_errno = EEXIST;
			return -EEXIST;
		}
	}
	if (pending_count >= RTE_MEMPOOL_MAX_OPS_IDX) {
		rte_spinlock_unlock(&rte_mempool_ops_table.sl);
		MEMPOOL_LOG(ERR, "ops %s: %d drivers are registered already",
			    h->name, RTE_MEMPOOL_MAX_OPS_IDX);
		rte_errno = ENOSPC;
		return -ENOSPC;
	}
	pending[pending_count++] = *h;
	if (resolved) {
		ret = place(mem_cfg(), h);
	} else {
		/* Provisional index until the shared list is known. */
		ret = (int)pending_count - 1;
		rte_mempool_ops_table.ops[ret] = *h;
		rte_mempool_ops_table.num_ops = pending_count;
	}
	rte_spinlock_unlock(&rte_mempool_ops_table.sl);
	return ret;
}

/* Index of a driver by name in this process's table, or -1. */
int
mempool_ops_find(const char *name)
{
	for (uint32_t i = 0; i < rte_mempool_ops_table.num_ops; i++)
		if (rte_mempool_ops_table.ops[i].alloc != NULL &&
		    strcmp(rte_mempool_ops_table.ops[i].name, name) == 0)
			return (int)i;
	return -1;
}

RTMEM_EXPORT int
rte_mempool_set_ops_byname(struct rte_mempool *mp, const char *name,
			   void *pool_config)
{
	int idx;

	if (mp == NULL || name == NULL) {
		MEMPOOL_LOG(ERR, "rte_mempool_set_ops_byname: %s is NULL",
			    mp == NULL ? "the pool" : "the name");
		return -EINVAL;
	}
	if (mp->flags & RTE_MEMPOOL_F_POOL_CREATED) {
		MEMPOOL_LOG(ERR, "mempool %s: ops cannot change once populated",
			    mp->name);
		return -EEXIST;
	}
	idx = mempool_ops_find(name);
	if (idx < 0) {
		MEMPOOL_LOG(ERR, "mempool %s: no ops named %s", mp->name,
			    name);
		return -EINVAL;
	}
	mp->ops_index = idx;
	mp->pool_config = pool_config;
	return 0;
}

/* The driver of mp, or NULL (logged) when this process lacks it. */
static const struct rte_mempool_ops *
ops_of(const struct rte_mempool *mp)
{
	const struct rte_mempool_ops *ops = rte_mempool_get_ops(mp->ops_index);

	if (ops->alloc == NULL) {
		MEMPOOL_LOG(ERR, "mempool %s: this process has no driver %s",
			    mp->name, ops->name);
		return NULL;
	}
	return ops;
}

RTMEM_EXPORT int
rte_mempool_ops_alloc(struct rte_mempool *mp)
{
	const struct rte_mempool_ops *ops = ops_of(mp);

	return ops == NULL ? -ENOTSUP : ops->alloc(mp);
}

RTMEM_EXPORT void
rte_mempool_ops_free(struct rte_mempool *mp)
{
	const struct rte_mempool_ops *ops = ops_of(mp);

	if (ops != NULL && ops->free != NULL)
		ops->free(mp);
}

RTMEM_EXPORT unsigned
rte_mempool_ops_get_count(const struct rte_mempool *mp)
{
	const struct rte_mempool_ops *ops = ops_of(mp);

	return ops == NULL ? 0 : ops->get_count(mp);
}

RTMEM_EXPORT ssize_t
rte_mempool_ops_calc_mem_size(const struct rte_mempool *mp, uint32_t obj_num,
			      uint32_t pg_shift, size_t *min_chunk_size,
			      size_t *align)
{
	const struct rte_mempool_ops *ops = ops_of(mp);

	if (ops == NULL)
		return -ENOTSUP;
	if (ops->calc_mem_size == NULL)
		return rte_mempool_op_calc_mem_size_default(mp, obj_num,
				pg_shift, min_chunk_size, align);
	return ops->calc_mem_size(mp, obj_num, pg_shift, min_chunk_size,
				  align);
}

RTMEM_EXPORT int
rte_mempool_ops_populate(struct rte_mempool *mp, unsigned int max_objs,
			 void *vaddr, rte_iova_t iova, size_t len,
			 rte_mempool_populate_obj_cb_t *obj_cb,
			 void *obj_cb_arg)
{
	const struct rte_mempool_ops *ops = ops_of(mp);

	if (ops == NULL)
		return -ENOTSUP;
	if (ops->populate == NULL)
		return rte_mempool_op_populate_default(mp, max_objs, vaddr,
				iova, len, obj_cb, obj_cb_arg);
	return ops->populate(mp, max_objs, vaddr, iova, len, obj_cb,
			     obj_cb_arg);
}

RTMEM_EXPORT int
rte_mempool_ops_get_info(const struct rte_mempool *mp,
			 struct rte_mempool_info *info)
{
	const struct rte_mempool_ops *ops;

	if (mp == NULL || info == NULL)
		return -EINVAL;
	ops = ops_of(mp);
	if (ops == NULL || ops->get_info == NULL)
		return -ENOTSUP;
	return ops->get_info(mp, info);
}


int
mempool_driver_enqueue_retry(struct rte_mempool *mp, void * const *obj_table,
		unsigned int n,
		int (*try_enqueue)(struct rte_mempool *mp,
				   void * const *obj_table, unsigned int n))
{
	for (uint32_t spins = 0; spins < MEMPOOL_ENQUEUE_RETRY_SPINS; spins++) {
		if (try_enqueue(mp, obj_table, n) == 0)
			return 0;
		rte_pause();
	}
	MEMPOOL_LOG(ERR, "mempool %s: no room for %u objects in a store "
		    "sized for all %u: more objects put than the pool has",
		    mp->name, n, mp->size);
	return -ENOBUFS;
}

static int
ops_attach(struct mem_config *cfg)
{
	RTE_SET_USED(cfg);
	mempool_ops_resolve();
	return 0;
}

static void
ops_detach(void)
{
	rte_spinlock_lock(&rte_mempool_ops_table.sl);
	resolved = 0;
	rte_spinlock_unlock(&rte_mempool_ops_table.sl);
}

RTE_INIT(mempool_ops_client)
{
	/*
	 * The built-in drivers, registered here rather than by constructors
	 * in their own files, which a static link would drop.
	 */
	static const struct rte_mempool_ops *const builtin[] = {
		&mempool_ops_mp_mc, &mempool_ops_sp_sc, &mempool_ops_mp_sc,
		&mempool_ops_sp_mc, &mempool_ops_mt_rts, &mempool_ops_mt_hts,
		&mempool_ops_stack, &mempool_ops_lf_stack, &mempool_ops_bucket,
	};
	static const struct mem_client client = {
		.name = "mempool ops",
		.order = 14,
		.attach = ops_attach,
		.detach = ops_detach,
	};

	for (unsigned int i = 0; i < RTE_DIM(builtin); i++)
		rte_mempool_register_ops(builtin[i]);
	mem_register_client(&client);
}
