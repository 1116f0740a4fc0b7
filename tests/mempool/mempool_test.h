/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mempool_test.h: helpers the mempool tests share. API only (no src/
 * headers), so the tests also build against DPDK's own headers.
 *
 * Cache algorithm: the checks of rte_mempool_default_cache()->len follow
 * rtmem's rule (DPDK 26.07's; DESIGN.md section 1): a cache never holds
 * more than cache_size objects, a put that does not fit flushes the oldest
 * cache_size/2 (or goes straight to the backend when n > cache_size/2), a
 * get that the cache cannot satisfy refills cache_size/2 (or goes straight
 * to the backend when what is missing is more than cache_size/2).
 * DPDK 22.11 has a 1.5x flush threshold, flushes everything and refills
 * cache_size + n, so those checks fail there. Building with
 * -DMEMPOOL_TEST_CACHE_2211 swaps in a model of 22.11's rule; it exists
 * only to validate the test logic against Debian's DPDK 22.11.
 */
#ifndef MEMPOOL_TEST_H
#define MEMPOOL_TEST_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_mempool.h>
#include <rte_stack.h>

#include "test.h"

/* Every driver rtmem provides, in the order the suites run them. */
static const char *const mp_drivers[] = {
	"ring_mp_mc", "ring_sp_sc", "ring_mp_sc", "ring_sp_mc",
	"ring_mt_rts", "ring_mt_hts", "stack", "lf_stack", "bucket",
};
#define MP_N_DRIVERS (sizeof(mp_drivers) / sizeof(mp_drivers[0]))

/* Failed checks so far: compare before and after a part to name it. */
static inline unsigned int
failures(void)
{
	return __atomic_load_n(&test_failures_, __ATOMIC_RELAXED);
}

/* Whether this machine can make a lock-free stack (128-bit CAS). */
static inline bool
mp_lf_stack_supported(void)
{
	struct rte_stack *s = rte_stack_create("lf_probe", 16, SOCKET_ID_ANY,
					       RTE_STACK_F_LF);

	if (s == NULL)
		return false;
	rte_stack_free(s);
	return true;
}

/* Whether driver `name` can run here (lf_stack needs 128-bit CAS). */
static inline bool
mp_driver_usable(const char *name)
{
	if (strcmp(name, "lf_stack") == 0)
		return mp_lf_stack_supported();
	return true;
}

/* Whether the driver keeps its state per lcore id (bucket does). */
static inline bool
mp_driver_is_bucket(const char *name)
{
	return strcmp(name, "bucket") == 0;
}

/* The name of the ops a pool uses. */
static inline const char *
mp_ops_name(const struct rte_mempool *mp)
{
	return rte_mempool_get_ops(mp->ops_index)->name;
}

/*
 * create_empty + set_ops_byname(driver) + populate_default: a pool of n
 * objects on that driver. NULL (with a message) on failure.
 */
static inline struct rte_mempool *
mp_make(const char *name, const char *driver, unsigned int n,
	unsigned int elt_size, unsigned int cache_size,
	unsigned int priv_size, unsigned int flags)
{
	struct rte_mempool *mp;
	int ret;

	mp = rte_mempool_create_empty(name, n, elt_size, cache_size,
				      priv_size, SOCKET_ID_ANY, flags);
	if (mp == NULL) {
		printf("create_empty(%s, n %u, cache %u, flags %#x): %s\n",
		       name, n, cache_size, flags, rte_strerror(rte_errno));
		return NULL;
	}
	ret = rte_mempool_set_ops_byname(mp, driver, NULL);
	if (ret != 0) {
		printf("set_ops_byname(%s): %d\n", driver, ret);
		rte_mempool_free(mp);
		return NULL;
	}
	ret = rte_mempool_populate_default(mp);
	if (ret != (int)n) {
		printf("populate_default(%s on %s): %d\n", name, driver, ret);
		rte_mempool_free(mp);
		return NULL;
	}
	return mp;
}

/* ---- the cache model: the length a cache has after a put or a get */

struct cache_model {
	unsigned int size;    /* cache size; 0: no cache */
	unsigned int len;     /* objects in the cache */
	unsigned int backend; /* objects in the backend */
};

/* The most objects a cache of `size` may hold. */
#ifndef MEMPOOL_TEST_CACHE_2211
#define CACHE_MAX_LEN(size) (size)
#else
#define CACHE_MAX_LEN(size) ((size) * 3 / 2)
#endif

/* Put n objects: where they go. */
static inline void
cache_model_put(struct cache_model *c, unsigned int n)
{
	if (c->size == 0) {
		c->backend += n;
		return;
	}
#ifndef MEMPOOL_TEST_CACHE_2211
	if (c->len + n <= c->size) {
		c->len += n;
	} else if (n <= c->size / 2) {
		/* the oldest half goes to the backend */
		c->backend += c->size / 2;
		c->len = c->len - c->size / 2 + n;
	} else {
		c->backend += n;
	}
#else
	unsigned int thresh = c->size * 3 / 2;

	if (n > thresh) {
		c->backend += n;
	} else if (c->len + n <= thresh) {
		c->len += n;
	} else {
		c->backend += c->len;
		c->len = n;
	}
#endif
}

/* Get n objects: returns whether the get succeeds, and updates the model. */
static inline bool
cache_model_get(struct cache_model *c, unsigned int n)
{
	unsigned int remaining;

	if (c->size == 0) {
		if (c->backend < n)
			return false;
		c->backend -= n;
		return true;
	}
	if (n <= c->len) {
		c->len -= n;
		return true;
	}
	remaining = n - c->len;
#ifndef MEMPOOL_TEST_CACHE_2211
	if (remaining <= c->size / 2 && c->backend >= c->size / 2) {
		/* refill half a cache, hand out `remaining` from it */
		c->backend -= c->size / 2;
		c->len = c->size / 2 - remaining;
		return true;
	}
#else
	if (remaining <= RTE_MEMPOOL_CACHE_MAX_SIZE &&
	    c->backend >= c->size + remaining) {
		c->backend -= c->size + remaining;
		c->len = c->size;
		return true;
	}
#endif
	if (c->backend >= remaining) {
		c->backend -= remaining;
		c->len = 0;
		return true;
	}
	return false; /* all or nothing: the cache keeps its objects */
}

/* ---- objects: every object of a pool, by index */

/* The obj_init used by the tests: stamps the index and a pool tag. */
struct mp_obj_stamp {
	uint32_t idx;
	uint32_t tag;
};

struct mp_objs {
	struct rte_mempool *mp;
	unsigned int n;
	void **obj;          /* obj[idx], in obj_iter order */
	unsigned char *seen; /* per index, for uniqueness checks */
	uint32_t tag;
};

static inline void
mp_stamp_cb(struct rte_mempool *mp, void *opaque, void *obj,
	    unsigned int idx)
{
	struct mp_objs *o = opaque;
	struct mp_obj_stamp s = { idx, o->tag };

	(void)mp;
	if (idx < o->n)
		o->obj[idx] = obj;
	memcpy(obj, &s, sizeof(s));
}

/* Stamp every object of mp with its index (obj_iter) and remember them. */
static inline void
mp_objs_init(struct mp_objs *o, struct rte_mempool *mp, uint32_t tag)
{
	o->mp = mp;
	o->n = mp->size;
	o->tag = tag;
	o->obj = calloc(mp->size, sizeof(void *));
	o->seen = calloc(mp->size, 1);
	ASSERT_NOT_NULL(o->obj);
	ASSERT_NOT_NULL(o->seen);
	EXPECT_EQ_UINT(rte_mempool_obj_iter(mp, mp_stamp_cb, o), mp->size);
}

static inline void
mp_objs_fini(struct mp_objs *o)
{
	free(o->obj);
	free(o->seen);
	o->obj = NULL;
	o->seen = NULL;
}

/* The index of obj if it is one of o's objects, else -1. */
static inline long
mp_obj_index(const struct mp_objs *o, const void *obj)
{
	struct mp_obj_stamp s;

	if (obj == NULL)
		return -1;
	memcpy(&s, obj, sizeof(s));
	if (s.tag != o->tag || s.idx >= o->n || o->obj[s.idx] != obj)
		return -1;
	return (long)s.idx;
}

/*
 * Objects just taken: each must be one of o's, from this pool, and not
 * held already. Marks them held. Returns how many were bad.
 */
static inline unsigned int
mp_objs_take(struct mp_objs *o, void *const *tbl, unsigned int n)
{
	unsigned int bad = 0;

	for (unsigned int i = 0; i < n; i++) {
		long idx = mp_obj_index(o, tbl[i]);

		if (idx < 0 || rte_mempool_from_obj(tbl[i]) != o->mp ||
		    o->seen[idx]) {
			if (bad++ == 0)
				printf("object %p (%u of %u): %s\n", tbl[i],
				       i, n, idx < 0 ? "not of this pool"
				       : o->seen[idx] ? "handed out twice"
				       : "from_obj disagrees");
			continue;
		}
		o->seen[idx] = 1;
	}
	EXPECT_EQ_UINT(bad, 0);
	return bad;
}

/* Objects about to be put back: unmark them. */
static inline void
mp_objs_give(struct mp_objs *o, void *const *tbl, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		long idx = mp_obj_index(o, tbl[i]);

		if (idx >= 0)
			o->seen[idx] = 0;
	}
}

/* Counts of a pool: avail == want, in_use, full and empty agree. */
#define EXPECT_AVAIL(mp, want)                                                \
	do {                                                                  \
		unsigned int w_ = (want);                                     \
		EXPECT_EQ_UINT(rte_mempool_avail_count(mp), w_);              \
		EXPECT_EQ_UINT(rte_mempool_in_use_count(mp), (mp)->size - w_);\
		EXPECT_EQ_INT(rte_mempool_full(mp) != 0, w_ == (mp)->size);   \
		EXPECT_EQ_INT(rte_mempool_empty(mp) != 0, w_ == 0);           \
	} while (0)

#endif /* MEMPOOL_TEST_H */
