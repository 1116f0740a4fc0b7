/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mempool_usage: the program of the mempool lesson (shared/seeds/000,
 * sections 3 and 4), as our users write it. Everything between the two
 * "seed" markers is the lesson's code, copied verbatim (its #defines from
 * section 3.1, test_mempool_same_name_twice_creation() from 4.2 and
 * test_mempool_basic() from 4.1, in the order of the lesson's main.c);
 * only the includes and main() are ours, because the lesson does not show
 * them.
 *
 * Where the lesson and DPDK disagree, DPDK is right, and so is this
 * program's expected output (expected_output.txt, checked by
 * check_output.sh). Section 4.2 of the lesson concludes that a second
 * rte_mempool_create() with a used name returns the existing pool. It does
 * not: DPDK returns NULL with rte_errno == EEXIST, so the same-name test
 * prints "ERROR: second mempool 1234 created failed", returns -1 and
 * leaves the first pool "1234" allocated. main() checks rte_errno, finds
 * the pool with rte_mempool_lookup() and frees it.
 *
 * Try: mempool_usage            (rtmem needs no EAL options)
 */
#include <stdio.h>
#include <stdlib.h>

#include <rte_debug.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_mempool.h>

/* ---- seed: shared/seeds/000, sections 3.1, 4.2 and 4.1, verbatim ---- */
#define MEMPOOL_SIZE (1024)       // 内存池大小
#define MEMPOOL_ELT_SIZE (256)    // 对象大小

// 测试同名内存池是否可以创建两次
static int test_mempool_same_name_twice_creation(void)
{
    struct rte_mempool *mp_tc, *mp_tc2;
    char *mempool_name = "1234";

    // 第一次创建
    mp_tc = rte_mempool_create(mempool_name, MEMPOOL_SIZE,
        MEMPOOL_ELT_SIZE, 0, 0,
        NULL, NULL,
        NULL, NULL,
        SOCKET_ID_ANY, 0);

    if (mp_tc == NULL) {
        printf("INFO: first mempool %s created failed\n", mempool_name);
        return -1;
    }

    // 第二次创建同名内存池
    mp_tc2 = rte_mempool_create(mempool_name, MEMPOOL_SIZE,
        MEMPOOL_ELT_SIZE, 0, 0,
        NULL, NULL,
        NULL, NULL,
        SOCKET_ID_ANY, 0);

    if (mp_tc2 == NULL) {
        printf("ERROR: second mempool %s created failed\n", mempool_name);
        return -1;
    }

    // 如果第二次创建成功，说明返回的是同一个内存池
    if (mp_tc2 != NULL) {
        printf("INFO: 第二次创建返回了已存在的内存池\n");
        printf("INFO: mp_tc = %p, mp_tc2 = %p, 相同: %s\n",
               mp_tc, mp_tc2, (mp_tc == mp_tc2) ? "是" : "否");

        // 只需要释放一次
        rte_mempool_free(mp_tc);
        printf("INFO: mempool created successfully, let's free it\n");
    }

    return 0;
}

static int test_mempool_basic()
{
    void *obj, *obj2;

    // 1. 创建内存池
    printf("1. 创建内存池\n");
    struct rte_mempool *mp = rte_mempool_create(
        "test_mempool_basic",
        MEMPOOL_SIZE,
        MEMPOOL_ELT_SIZE,
        0, 0,
        NULL, NULL,
        NULL, NULL,
        SOCKET_ID_ANY, 0);

    if (mp == NULL) {
        printf("ERROR: create mempool failed\n");
        return -1;
    }

    // 查看初始状态
    printf("可用对象数量: %d, 使用中对象数量: %d\n",
           rte_mempool_avail_count(mp),
           rte_mempool_in_use_count(mp));
    printf("-----------------------------------------\n");

    // 2. 获取一个对象
    printf("2. 获取一个对象\n");
    if (rte_mempool_generic_get(mp, &obj, 1, NULL) < 0) {
        printf("ERROR: get object failed\n");
        return -1;
    }

    printf("对象地址: %p, 可用对象数量: %d, 使用中对象数量: %d\n",
           obj, rte_mempool_avail_count(mp),
           rte_mempool_in_use_count(mp));
    printf("-----------------------------------------\n");

    // 3. 将对象放回内存池
    printf("3. 将对象放回内存池\n");
    rte_mempool_generic_put(mp, &obj, 1, NULL);
    printf("对象地址: %p, 可用对象数量: %d, 使用中对象数量: %d\n",
           obj, rte_mempool_avail_count(mp),
           rte_mempool_in_use_count(mp));
    printf("-----------------------------------------\n");

    // 4. 批量获取两个对象
    printf("4. 批量获取两个对象后获取对象数量\n");
    void *objects[2];
    if (rte_mempool_get_bulk(mp, objects, 2) < 0) {
        printf("ERROR: bulk get objects failed\n");
        return -1;
    }
    obj = objects[0];
    obj2 = objects[1];
    printf("对象地址: %p, %p, 可用对象数量: %d, 使用中对象数量: %d\n",
           obj, obj2, rte_mempool_avail_count(mp),
           rte_mempool_in_use_count(mp));
    printf("-----------------------------------------\n");

    // 5. 批量将两个对象归还给内存池
    printf("5. 批量将两个对象归还给内存池\n");
    rte_mempool_put_bulk(mp, objects, 2);
    printf("可用对象数量: %d, 使用中对象数量: %d\n",
           rte_mempool_avail_count(mp),
           rte_mempool_in_use_count(mp));
    printf("-----------------------------------------\n");

    // 6. 释放内存池
    printf("6. 释放内存池\n");
    rte_mempool_free(mp);

    return 0;
}
/* ---- end of the seed's code ---- */

int
main(int argc, char **argv)
{
	struct rte_mempool *leftover;
	int ret = EXIT_SUCCESS;

	if (rte_eal_init(argc, argv) < 0)
		rte_exit(EXIT_FAILURE, "cannot initialise the EAL\n");

	/* DPDK: -1, the second create failed with EEXIST (see the top). */
	if (test_mempool_same_name_twice_creation() < 0) {
		printf("same-name test: -1, rte_errno %s\n",
		       rte_errno == EEXIST ? "EEXIST" : "is not EEXIST");
		if (rte_errno != EEXIST)
			ret = EXIT_FAILURE;
		/* The first pool is still there: find it and free it. */
		leftover = rte_mempool_lookup("1234");
		printf("rte_mempool_lookup(\"1234\") %s\n",
		       leftover != NULL ? "finds the first pool" :
					  "finds nothing");
		if (leftover == NULL)
			ret = EXIT_FAILURE;
		rte_mempool_free(leftover);
	}
	printf("\n");

	if (test_mempool_basic() < 0)
		ret = EXIT_FAILURE;

	if (rte_mempool_lookup("1234") != NULL ||
	    rte_mempool_lookup("test_mempool_basic") != NULL) {
		printf("ERROR: a pool outlived rte_mempool_free()\n");
		ret = EXIT_FAILURE;
	}

	rte_eal_cleanup();
	printf("EAL cleanup completed\n");
	return ret;
}
