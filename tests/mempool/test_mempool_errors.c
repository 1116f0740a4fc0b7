/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: rte_mempool's answers to bad input, and that a refused call
 * leaves nothing behind.
 *
 * rte_mempool_create and rte_mempool_create_empty return NULL with
 * rte_errno:
 *   EINVAL       n == 0; cache_size > RTE_MEMPOOL_CACHE_MAX_SIZE (513,
 *                1024, UINT32_MAX); cache_size > n; flags outside
 *                RTE_MEMPOOL_VALID_USER_FLAGS (POOL_CREATED, NON_IO,
 *                0x100, ~0);
 *   ENAMETOOLONG a name of RTE_MEMPOOL_NAMESIZE (26) characters or more;
 *                25 is accepted;
 *   EEXIST       a name in use, whatever the other arguments; lookup
 *                returns the first pool, which still works;
 * and a pool too large for memory gives NULL (rte_mempool_create frees
 * what it made). After each refusal: lookup(name) is NULL with ENOENT, no
 * memzone "MP_<name>" exists, the memzone count is unchanged, and a valid
 * pool of that name can then be made.
 *
 * rtmem accepts what DPDK 26.07 accepts, not only what 22.11 does
 * (DESIGN.md section 1): cache_size == n and cache_size between n/1.5 and
 * n are valid. 22.11 rejects both with EINVAL (its rule is
 * cache_size * 1.5 <= n): the two checks marked "rtmem/26.07" fail there.
 *
 * DPDK 22.11 also fails the "nothing left" checks for names of 26 to 28
 * characters: it reserves memzone "MP_<name>" (which still fits in 31)
 * before it finds that the name does not fit in mp->name, and returns
 * NULL + ENAMETOOLONG without freeing that memzone; the next create of
 * the same name then fails with EEXIST. rtmem must leave nothing.
 *
 * Then: set_ops_byname with an unknown name is -EINVAL and changes
 * nothing; after the first populate it is -EEXIST (also for the name in
 * use); populate_default on a populated pool is -EEXIST; populate_anon
 * on a populated pool returns 0; rte_mempool_cache_create(0) and (513)
 * are NULL with EINVAL; the stack driver on a 25-character pool name
 * cannot name its stack ("STK_MP_" + 25 > 31): populate fails with
 * -ENAMETOOLONG, the pool stays empty and frees cleanly. What DPDK
 * tolerates, rtmem tolerates: rte_mempool_free(NULL),
 * rte_mempool_cache_free(NULL), rte_mempool_cache_flush(NULL, pool without
 * cache), generic_get/put with a NULL cache, lookup("") (ENOENT).
 *
 * The logic of this test was checked against DPDK 22.11.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_memzone.h>
#include <rte_mempool.h>

#include "mempool_test.h"
#include "test_mempool_gone.h"

/* A valid pool of that name can be made (and is freed again). */
static void
expect_name_usable(const char *name)
{
	struct rte_mempool *mp = rte_mempool_create(name, 64, 32, 0, 0, NULL,
						    NULL, NULL, NULL,
						    SOCKET_ID_ANY, 0);

	EXPECT_NOT_NULL(mp);
	if (mp == NULL)
		return;
	EXPECT_EQ_PTR(rte_mempool_lookup(name), mp);
	EXPECT_EQ_UINT(rte_mempool_avail_count(mp), 64);
	rte_mempool_free(mp);
}

/* Both creators must fail with `err` and leave nothing behind. */
static void
create_fails(int line, const char *name, unsigned int n, unsigned int elt,
	     unsigned int cache, unsigned int flags, int err)
{
	unsigned int zones = test_memzone_count(), before = failures();
	struct rte_mempool *mp;

	rte_errno = 0;
	mp = rte_mempool_create(name, n, elt, cache, 0, NULL, NULL, NULL,
				NULL, SOCKET_ID_ANY, flags);
	EXPECT_NULL(mp);
	if (err != 0)
		EXPECT_EQ_INT(rte_errno, err);
	else
		EXPECT_NE_INT(rte_errno, 0);
	if (mp != NULL)
		rte_mempool_free(mp);
	test_expect_no_mempool(name, zones);
	rte_errno = 0;
	mp = rte_mempool_create_empty(name, n, elt, cache, 0, SOCKET_ID_ANY,
				      flags);
	if (err != 0) {
		EXPECT_NULL(mp);
		EXPECT_EQ_INT(rte_errno, err);
	}
	if (mp != NULL)
		rte_mempool_free(mp);
	test_expect_no_mempool(name, zones);
	if (strlen(name) < RTE_MEMPOOL_NAMESIZE)
		expect_name_usable(name);
	EXPECT_EQ_UINT(test_memzone_count(), zones);
	if (failures() != before)
		printf("^^^ create(\"%s\", n %u, elt %u, cache %u, flags %#x) "
		       "from line %d\n", name, n, elt, cache, flags, line);
}

#define CREATE_FAILS(name, n, elt, cache, flags, err)                         \
	create_fails(__LINE__, name, n, elt, cache, flags, err)

static void
test_bad_sizes(void)
{
	CREATE_FAILS("n_zero", 0, 64, 0, 0, EINVAL);
	CREATE_FAILS("n_zero_cache", 0, 64, 32, 0, EINVAL);
	CREATE_FAILS("cache_513", 10000, 64, RTE_MEMPOOL_CACHE_MAX_SIZE + 1,
		     0, EINVAL);
	CREATE_FAILS("cache_1024", 10000, 64, 1024, 0, EINVAL);
	CREATE_FAILS("cache_max", 10000, 64, UINT32_MAX, 0, EINVAL);
	CREATE_FAILS("cache_gt_n", 100, 64, 101, 0, EINVAL);
	CREATE_FAILS("cache_gt_n1", 1, 64, 2, 0, EINVAL);
	/* a pool that cannot fit in memory (1 TiB): refused, nothing kept;
	 * the code is the failing callee's (ENOMEM/ENOSPC), not checked */
	CREATE_FAILS("huge", 1u << 20, 1u << 20, 0, 0, 0);
}

/* rtmem/26.07: cache_size <= n is enough (22.11 needs 1.5x: EINVAL). */
static void
test_cache_up_to_n(void)
{
	static const struct { unsigned int n, cache; } ok[] = {
		{ 512, 512 }, /* rtmem/26.07; 22.11: EINVAL */
		{ 100, 80 },  /* rtmem/26.07; 22.11: EINVAL */
		{ 1, 1 },     /* both (22.11: 1 * 3 / 2 == 1) */
		{ 768, 512 }, /* both */
	};

	for (unsigned int i = 0; i < RTE_DIM(ok); i++) {
		struct rte_mempool *mp;
		void **objs = calloc(ok[i].n, sizeof(void *));

		ASSERT_NOT_NULL(objs);
		rte_errno = 0;
		mp = rte_mempool_create("cache_n", ok[i].n, 64, ok[i].cache, 0,
					NULL, NULL, NULL, NULL, SOCKET_ID_ANY,
					0);
		EXPECT_NOT_NULL(mp);
		if (mp == NULL) {
			printf("^^^ n %u, cache %u: %s\n", ok[i].n,
			       ok[i].cache, rte_strerror(rte_errno));
			free(objs);
			continue;
		}
		EXPECT_EQ_UINT(mp->cache_size, ok[i].cache);
		/* every object can be taken and given back */
		EXPECT_EQ_INT(rte_mempool_get_bulk(mp, objs, ok[i].n), 0);
		EXPECT_EQ_UINT(rte_mempool_avail_count(mp), 0);
		rte_mempool_put_bulk(mp, objs, ok[i].n);
		EXPECT_EQ_UINT(rte_mempool_avail_count(mp), ok[i].n);
		rte_mempool_free(mp);
		free(objs);
	}
}

static void
test_bad_flags(void)
{
	CREATE_FAILS("f_created", 64, 64, 0, RTE_MEMPOOL_F_POOL_CREATED,
		     EINVAL);
	CREATE_FAILS("f_non_io", 64, 64, 0, RTE_MEMPOOL_F_NON_IO, EINVAL);
	CREATE_FAILS("f_0x100", 64, 64, 0, 0x100, EINVAL);
	CREATE_FAILS("f_all", 64, 64, 0, ~0u, EINVAL);
	CREATE_FAILS("f_invalid", 64, 64, 0, ~RTE_MEMPOOL_VALID_USER_FLAGS,
		     EINVAL);
}

static void
test_names(void)
{
	char name[64];
	unsigned int zones = test_memzone_count();
	struct rte_mempool *mp;

	/* RTE_MEMPOOL_NAMESIZE (26) characters and more: too long */
	for (unsigned int len = RTE_MEMPOOL_NAMESIZE; len < 40; len += 5) {
		memset(name, 'n', len);
		name[len] = '\0';
		CREATE_FAILS(name, 64, 64, 0, 0, ENAMETOOLONG);
	}
	/* 25: the longest name */
	memset(name, 'm', RTE_MEMPOOL_NAMESIZE - 1);
	name[RTE_MEMPOOL_NAMESIZE - 1] = '\0';
	mp = rte_mempool_create(name, 64, 64, 0, 0, NULL, NULL, NULL, NULL,
				SOCKET_ID_ANY, 0);
	EXPECT_NOT_NULL(mp);
	EXPECT_EQ_PTR(rte_mempool_lookup(name), mp);
	rte_mempool_free(mp);
	EXPECT_EQ_UINT(test_memzone_count(), zones);

	/* ... but the stack driver's "STK_MP_<name>" does not fit */
	mp = rte_mempool_create_empty(name, 64, 64, 0, 0, SOCKET_ID_ANY, 0);
	ASSERT_NOT_NULL(mp);
	EXPECT_EQ_INT(rte_mempool_set_ops_byname(mp, "stack", NULL), 0);
	EXPECT_EQ_INT(rte_mempool_populate_default(mp), -ENAMETOOLONG);
	EXPECT_EQ_UINT(mp->populated_size, 0);
	EXPECT_EQ_UINT(mp->nb_mem_chunks, 0);
	EXPECT_EQ_PTR(rte_mempool_lookup(name), mp);
	rte_mempool_free(mp);
	test_expect_no_mempool(name, zones);

	/* the empty name is an ordinary miss */
	rte_errno = 0;
	EXPECT_NULL(rte_mempool_lookup(""));
	EXPECT_EQ_INT(rte_errno, ENOENT);
}

static void
test_duplicate(void)
{
	unsigned int zones = test_memzone_count();
	struct rte_mempool *a, *b;
	void *obj;

	a = rte_mempool_create("dup", 64, 64, 16, 8, NULL, NULL, NULL, NULL,
			       SOCKET_ID_ANY, 0);
	ASSERT_NOT_NULL(a);
	EXPECT_EQ_INT(rte_mempool_get(a, &obj), 0);
	zones = test_memzone_count();
	/* same arguments, other arguments, the empty creator */
	rte_errno = 0;
	b = rte_mempool_create("dup", 64, 64, 16, 8, NULL, NULL, NULL, NULL,
			       SOCKET_ID_ANY, 0);
	EXPECT_NULL(b);
	EXPECT_EQ_INT(rte_errno, EEXIST);
	rte_errno = 0;
	b = rte_mempool_create("dup", 1000, 128, 0, 0, NULL, NULL, NULL,
			       NULL, SOCKET_ID_ANY,
			       RTE_MEMPOOL_F_SP_PUT | RTE_MEMPOOL_F_SC_GET);
	EXPECT_NULL(b);
	EXPECT_EQ_INT(rte_errno, EEXIST);
	rte_errno = 0;
	b = rte_mempool_create_empty("dup", 10, 8, 0, 0, SOCKET_ID_ANY, 0);
	EXPECT_NULL(b);
	EXPECT_EQ_INT(rte_errno, EEXIST);
	EXPECT_EQ_UINT(test_memzone_count(), zones);
	/* the first pool is untouched */
	EXPECT_EQ_PTR(rte_mempool_lookup("dup"), a);
	EXPECT_EQ_UINT(a->size, 64);
	EXPECT_EQ_UINT(a->cache_size, 16);
	EXPECT_EQ_UINT(rte_mempool_avail_count(a), 63);
	rte_mempool_put(a, obj);
	EXPECT_EQ_UINT(rte_mempool_avail_count(a), 64);
	rte_mempool_audit(a);
	rte_mempool_free(a);
	rte_errno = 0;
	EXPECT_NULL(rte_mempool_lookup("dup"));
	EXPECT_EQ_INT(rte_errno, ENOENT);
	expect_name_usable("dup");
}

static void
test_ops_and_populate(void)
{
	unsigned int zones = test_memzone_count();
	struct rte_mempool *mp;

	mp = rte_mempool_create_empty("ops", 128, 64, 0, 0, SOCKET_ID_ANY, 0);
	ASSERT_NOT_NULL(mp);
	EXPECT_EQ_STR(mp_ops_name(mp), "ring_mp_mc");
	EXPECT_EQ_INT(rte_mempool_set_ops_byname(mp, "no_such_ops", NULL),
		      -EINVAL);
	EXPECT_EQ_INT(rte_mempool_set_ops_byname(mp, "", NULL), -EINVAL);
	EXPECT_EQ_INT(rte_mempool_set_ops_byname(mp, "ring_mp_m", NULL),
		      -EINVAL);
	EXPECT_EQ_STR(mp_ops_name(mp), "ring_mp_mc");
	/* changed as often as wanted before the first populate */
	EXPECT_EQ_INT(rte_mempool_set_ops_byname(mp, "stack", NULL), 0);
	EXPECT_EQ_INT(rte_mempool_set_ops_byname(mp, "ring_sp_sc", NULL), 0);
	EXPECT_EQ_STR(mp_ops_name(mp), "ring_sp_sc");
	EXPECT_EQ_INT(rte_mempool_populate_default(mp), 128);
	/* then never again, not even to the same name */
	EXPECT_EQ_INT(rte_mempool_set_ops_byname(mp, "ring_mp_mc", NULL),
		      -EEXIST);
	EXPECT_EQ_INT(rte_mempool_set_ops_byname(mp, "ring_sp_sc", NULL),
		      -EEXIST);
	EXPECT_EQ_INT(rte_mempool_set_ops_byname(mp, "no_such_ops", NULL),
		      -EEXIST);
	EXPECT_EQ_STR(mp_ops_name(mp), "ring_sp_sc");
	/* populating again: -EEXIST; populate_anon: 0 */
	EXPECT_EQ_INT(rte_mempool_populate_default(mp), -EEXIST);
	EXPECT_EQ_INT(rte_mempool_populate_anon(mp), 0);
	EXPECT_EQ_UINT(mp->populated_size, 128);
	EXPECT_EQ_UINT(rte_mempool_avail_count(mp), 128);
	rte_mempool_free(mp);
	EXPECT_EQ_UINT(test_memzone_count(), zones);

	/* populate_anon twice */
	mp = rte_mempool_create_empty("ops", 128, 64, 0, 0, SOCKET_ID_ANY, 0);
	ASSERT_NOT_NULL(mp);
	EXPECT_EQ_INT(rte_mempool_populate_anon(mp), 128);
	EXPECT_EQ_INT(rte_mempool_populate_anon(mp), 0);
	EXPECT_EQ_INT(rte_mempool_populate_default(mp), -EEXIST);
	EXPECT_EQ_UINT(rte_mempool_avail_count(mp), 128);
	EXPECT_EQ_INT(rte_mempool_set_ops_byname(mp, "stack", NULL), -EEXIST);
	rte_mempool_free(mp);
	EXPECT_EQ_UINT(test_memzone_count(), zones);
}

static void
test_caches_and_null(void)
{
	struct rte_mempool *mp;
	void *objs[8];

	rte_errno = 0;
	EXPECT_NULL(rte_mempool_cache_create(0, SOCKET_ID_ANY));
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_NULL(rte_mempool_cache_create(RTE_MEMPOOL_CACHE_MAX_SIZE + 1,
					     SOCKET_ID_ANY));
	EXPECT_EQ_INT(rte_errno, EINVAL);
	struct rte_mempool_cache *uc = rte_mempool_cache_create(
		RTE_MEMPOOL_CACHE_MAX_SIZE, SOCKET_ID_ANY);
	EXPECT_NOT_NULL(uc);
	rte_mempool_cache_free(uc);

	/* what DPDK tolerates */
	rte_mempool_free(NULL);
	rte_mempool_cache_free(NULL);
	mp = rte_mempool_create("null", 64, 64, 0, 0, NULL, NULL, NULL, NULL,
				SOCKET_ID_ANY, 0);
	ASSERT_NOT_NULL(mp);
	rte_mempool_cache_flush(NULL, mp); /* no cache: nothing to do */
	EXPECT_NULL(rte_mempool_default_cache(mp, rte_lcore_id()));
	EXPECT_EQ_INT(rte_mempool_generic_get(mp, objs, 8, NULL), 0);
	EXPECT_EQ_UINT(rte_mempool_avail_count(mp), 56);
	rte_mempool_generic_put(mp, objs, 8, NULL);
	EXPECT_EQ_UINT(rte_mempool_avail_count(mp), 64);
	/* no get_info in the ring driver */
	struct rte_mempool_info info;
	EXPECT_EQ_INT(rte_mempool_ops_get_info(mp, &info), -ENOTSUP);
	rte_mempool_free(mp);
}

int
main(void)
{
	unsigned int zones;

	ASSERT_GE_INT(test_eal_init("-l 0 --in-memory"), 0);
	zones = test_memzone_count();
	test_bad_sizes();
	test_bad_flags();
	test_names();
	test_duplicate();
	test_ops_and_populate();
	test_caches_and_null();
	test_cache_up_to_n();
	EXPECT_EQ_UINT(test_memzone_count(), zones);
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}
