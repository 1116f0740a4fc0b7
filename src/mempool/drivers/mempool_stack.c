/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mempool_stack.c: the stack drivers "stack" (rte_stack, spinlock) and
 * "lf_stack" (RTE_STACK_F_LF). The store is an rte_stack "MP_<pool>"
 * (memzone "STK_MP_<pool>") of size entries, so a pool name of more
 * than 23 characters is too long for these drivers, as in DPDK.
 *
 * No object is lost: a push can find too few free nodes only while
 * another thread's pop is returning its nodes, so it retries
 * (mempool_driver_enqueue_retry()).
 *
 * Who may call: the mempool library, through the ops table. The library
 * registers these drivers itself (mempool_ops.c), so that a static link
 * keeps them.
 */
#include <errno.h>
#include <stdio.h>

#include <rte_errno.h>
#include <rte_mempool.h>
#include <rte_stack.h>

#include "mempool/mempool_private.h"

static int
stack_alloc(struct rte_mempool *mp, uint32_t flags)
{
	char name[RTE_STACK_NAMESIZE];
	struct rte_stack *s;

	if ((size_t)snprintf(name, sizeof(name), RTE_MEMPOOL_MZ_FORMAT,
			     mp->name) >= sizeof(name)) {
		MEMPOOL_LOG(ERR, "mempool %s: stack name too long", mp->name);
		return -ENAMETOOLONG;
	}
	s = rte_stack_create(name, mp->size, mp->socket_id, flags);
	if (s == NULL)
		return -rte_errno;
	mp->pool_data = s;
	return 0;
}

static int
stack_alloc_std(struct rte_mempool *mp)
{
	return stack_alloc(mp, 0);
}

static int
stack_alloc_lf(struct rte_mempool *mp)
{
	return stack_alloc(mp, RTE_STACK_F_LF);
}

static void
stack_free(struct rte_mempool *mp)
{
	rte_stack_free(mp->pool_data);
	mp->pool_data = NULL;
}

static int
stack_try_push(struct rte_mempool *mp, void * const *obj_table,
	       unsigned int n)
{
	return rte_stack_push(mp->pool_data, obj_table, n) == n ? 0 : -ENOBUFS;
}

static int
stack_enqueue(struct rte_mempool *mp, void * const *obj_table, unsigned int n)
{
	if (likely(stack_try_push(mp, obj_table, n) == 0))
		return 0;
	return mempool_driver_enqueue_retry(mp, obj_table, n, stack_try_push);
}

static int
stack_dequeue(struct rte_mempool *mp, void **obj_table, unsigned int n)
{
	return rte_stack_pop(mp->pool_data, obj_table, n) == n ? 0 : -ENOBUFS;
}

static unsigned int
stack_count(const struct rte_mempool *mp)
{
	return rte_stack_count(mp->pool_data);
}

const struct rte_mempool_ops mempool_ops_stack = {
	.name = "stack",
	.alloc = stack_alloc_std,
	.free = stack_free,
	.enqueue = stack_enqueue,
	.dequeue = stack_dequeue,
	.get_count = stack_count,
};

const struct rte_mempool_ops mempool_ops_lf_stack = {
	.name = "lf_stack",
	.alloc = stack_alloc_lf,
	.free = stack_free,
	.enqueue = stack_enqueue,
	.dequeue = stack_dequeue,
	.get_count = stack_count,
};

