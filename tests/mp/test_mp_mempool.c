/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: mempools shared between two processes.
 * - Driver order: the primary registers the test drivers mpt_a then
 *   mpt_b, a secondary (mp_peer mempool ba) mpt_b then mpt_a. Pools the
 *   primary made on each must still call the same driver in the
 *   secondary: the peer checks each pool's ops name through its index and
 *   counts which driver's functions its gets and puts reach. (DPDK needs
 *   both processes to register in the same order.)
 * - A secondary takes part: both processes churn one pool (random bulk
 *   gets and puts through their lcores' caches) for a second; every
 *   object carries an owner word, so an object handed to both at once is
 *   caught. Afterwards the pool is full (avail_count == size), passes
 *   rte_mempool_audit(), and all its objects can be got, each once.
 */
#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_mempool.h>

#include "mp_common.h"
#include "mp_mempool.h"

static struct rte_mempool *
pool_on(const char *name, const char *ops)
{
	struct rte_mempool *mp = rte_mempool_create_empty(name, 1000, 64, 0,
							  0, SOCKET_ID_ANY, 0);

	ASSERT_NOT_NULL(mp);
	ASSERT_EQ_INT(rte_mempool_set_ops_byname(mp, ops, NULL), 0);
	ASSERT_EQ_INT(rte_mempool_populate_default(mp), 1000);
	return mp;
}

static void
zero_owner(struct rte_mempool *mp, void *arg, void *obj, unsigned int idx)
{
	(void)mp;
	(void)arg;
	(void)idx;
	*(uint64_t *)obj = 0;
}

static int
pools(void *arg)
{
	struct rte_mempool *a, *b, *sh;
	static void *all[MP_POOL_SHARED_N];
	char args[256], line[256];
	unsigned long moved;
	unsigned int dup;
	struct mp_proc p;
	int status;

	(void)arg;
	ASSERT_EQ_INT(mpt_register("ab"), 0);
	snprintf(args, sizeof(args), "--lcores 0@0 --file-prefix %s",
		 test_file_prefix());
	ASSERT_GE_INT(test_eal_init(args), 0);
	a = pool_on(MP_POOL_A, "mpt_a");
	b = pool_on(MP_POOL_B, "mpt_b");
	sh = rte_mempool_create(MP_POOL_SHARED, MP_POOL_SHARED_N, 64, 64, 0,
				NULL, NULL, zero_owner, NULL, SOCKET_ID_ANY, 0);
	ASSERT_NOT_NULL(sh);

	snprintf(args, sizeof(args), "--lcores 1@0 --proc-type=secondary "
		 "--file-prefix %s", test_file_prefix());
	ASSERT_EQ_INT(mp_spawn(&p, "mempool", "ba", args, NULL), 0);
	/* init=0, then "ops ok" once the driver checks pass */
	ASSERT_EQ_INT(mp_line(&p, line, sizeof(line), 30000), 0);
	EXPECT_CONTAINS(line, "init=0");
	ASSERT_EQ_INT(mp_line(&p, line, sizeof(line), 30000), 0);
	EXPECT_CONTAINS(line, "ops ok");
	/* the peer churns now: so do we */
	dup = mpt_churn(sh, 1, 1000, mp_now_ms, &moved);
	EXPECT_EQ_UINT(dup, 0);
	EXPECT_GT_UINT(moved, 0);
	status = mp_finish(&p, 60000);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		mp_print(&p, "mempool peer");
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ_INT(WEXITSTATUS(status), 0);
	EXPECT_CONTAINS(p.out, "churn dup=0");

	/* everything is back, each object once */
	EXPECT_EQ_UINT(rte_mempool_avail_count(sh), MP_POOL_SHARED_N);
	rte_mempool_audit(sh);
	ASSERT_EQ_INT(rte_mempool_get_bulk(sh, all, MP_POOL_SHARED_N), 0);
	for (unsigned int i = 0; i < MP_POOL_SHARED_N; i++) {
		EXPECT_EQ_UINT((unsigned int)*(uint64_t *)all[i], 0);
		*(uint64_t *)all[i] = 1;
	}
	rte_mempool_put_bulk(sh, all, MP_POOL_SHARED_N);
	rte_mempool_free(a);
	rte_mempool_free(b);
	rte_mempool_free(sh);
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}

int
main(void)
{
	test_child_ok("pools", pools, NULL, 120);
	EXPECT_EQ_INT(mp_count_shm_files(test_file_prefix()), 0);
	return test_report();
}
