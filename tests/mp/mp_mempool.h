/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mp_mempool.h: what test_mp_mempool and its peer (mp_peer mempool) share:
 * two mempool drivers, "mpt_a" and "mpt_b", both thin wrappers of an
 * rte_ring that count their calls in this process, registered in an
 * order the caller chooses ("ab" or "ba"); and the churn loop both
 * processes run on one pool, where every object carries an owner word
 * (0 while in the pool) so that an object handed to two users at once is
 * caught.
 */
#ifndef MP_MEMPOOL_H
#define MP_MEMPOOL_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <rte_mempool.h>
#include <rte_ring.h>

#define MP_POOL_A "mp_pool_a"
#define MP_POOL_B "mp_pool_b"
#define MP_POOL_SHARED "mp_pool_sh"
#define MP_POOL_SHARED_N 2047u

/* Calls of each driver's enqueue and dequeue in this process. */
static unsigned int mpt_calls_a, mpt_calls_b;

static int
mpt_alloc(struct rte_mempool *mp)
{
	char name[RTE_MEMZONE_NAMESIZE];

	/* The test's pool names are short: "MPT_" + name fits a ring name. */
	snprintf(name, sizeof(name), "MPT_%s", mp->name);
	mp->pool_data = rte_ring_create(name, mp->size, mp->socket_id,
					RING_F_EXACT_SZ);
	return mp->pool_data == NULL ? -ENOMEM : 0;
}

static void
mpt_free(struct rte_mempool *mp)
{
	rte_ring_free(mp->pool_data);
}

static unsigned int
mpt_count(const struct rte_mempool *mp)
{
	return rte_ring_count(mp->pool_data);
}

#define MPT_OPS(x)                                                          \
static int                                                                  \
mpt_enq_##x(struct rte_mempool *mp, void * const *t, unsigned int n)        \
{                                                                           \
	mpt_calls_##x++;                                                    \
	return rte_ring_enqueue_bulk(mp->pool_data, t, n, NULL) == n ?      \
		0 : -ENOBUFS;                                               \
}                                                                           \
static int                                                                  \
mpt_deq_##x(struct rte_mempool *mp, void **t, unsigned int n)               \
{                                                                           \
	mpt_calls_##x++;                                                    \
	return rte_ring_dequeue_bulk(mp->pool_data, t, n, NULL) == n ?      \
		0 : -ENOBUFS;                                               \
}                                                                           \
static const struct rte_mempool_ops mpt_ops_##x = {                         \
	.name = "mpt_" #x,                                                  \
	.alloc = mpt_alloc,                                                 \
	.free = mpt_free,                                                   \
	.enqueue = mpt_enq_##x,                                             \
	.dequeue = mpt_deq_##x,                                             \
	.get_count = mpt_count,                                             \
};
MPT_OPS(a)
MPT_OPS(b)

/* Register mpt_a and mpt_b in the order of `order` ("ab" or "ba"). */
static inline int
mpt_register(const char *order)
{
	for (; *order != '\0'; order++)
		if (rte_mempool_register_ops(*order == 'a' ? &mpt_ops_a :
					     &mpt_ops_b) < 0)
			return -1;
	return 0;
}

/*
 * Random bulk gets and puts on mp for ms milliseconds with the calling
 * lcore's cache, holding up to 64 objects; every object taken must have
 * owner 0 and gets `me`. Returns the number of objects seen twice (0 on
 * success) and puts everything back.
 */
static inline unsigned int
mpt_churn(struct rte_mempool *mp, uint64_t me, int64_t ms,
	  int64_t (*now_ms)(void), unsigned long *moved)
{
	void *held[64];
	unsigned int nheld = 0, dup = 0;
	uint64_t rng = me * 0x9e3779b97f4a7c15ull + 1;
	int64_t end = now_ms() + ms;

	*moved = 0;
	while (now_ms() < end) {
		unsigned int k;

		rng ^= rng << 13;
		rng ^= rng >> 7;
		rng ^= rng << 17;
		k = (unsigned int)(rng % 16) + 1;
		if ((rng >> 20) & 1) {
			if (nheld + k > 64)
				k = 64 - nheld;
			if (k == 0 || rte_mempool_get_bulk(mp, &held[nheld], k))
				continue;
			for (unsigned int i = 0; i < k; i++) {
				uint64_t prev = __atomic_exchange_n(
					(uint64_t *)held[nheld + i], me,
					__ATOMIC_ACQ_REL);

				dup += prev != 0;
			}
			nheld += k;
		} else {
			if (k > nheld)
				k = nheld;
			nheld -= k;
			for (unsigned int i = 0; i < k; i++)
				__atomic_store_n((uint64_t *)held[nheld + i], 0,
						 __ATOMIC_RELEASE);
			rte_mempool_put_bulk(mp, &held[nheld], k);
		}
		*moved += k;
	}
	for (unsigned int i = 0; i < nheld; i++)
		__atomic_store_n((uint64_t *)held[i], 0, __ATOMIC_RELEASE);
	rte_mempool_put_bulk(mp, held, nheld);
	rte_mempool_cache_flush(NULL, mp);
	return dup;
}

#endif /* MP_MEMPOOL_H */
