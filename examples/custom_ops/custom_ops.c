/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * custom_ops: a mempool driver of the application's own, the ring-backed
 * "my_mempool" of the mempool-driver lesson (shared/seeds/003), as a
 * complete program. The driver's alloc/free/enqueue/dequeue are the
 * lesson's; it is registered at load time with RTE_MEMPOOL_REGISTER_OPS
 * (the lesson's RTE_INIT + rte_mempool_register_ops(), which the macro
 * expands to) and selected with rte_mempool_set_ops_byname() between
 * rte_mempool_create_empty() and rte_mempool_populate_default().
 *
 * The program then gets and puts objects through the ordinary mempool API,
 * prints the counts, empties the pool, checks that the driver's error code
 * reaches the caller, runs a second pool on the same driver, frees both
 * and checks that the driver's rings went with them. It exits 0 only if
 * every step worked; each failed check prints "FAIL: ...".
 *
 * What the lesson leaves out or gets wrong, and how this program differs:
 *  - The ops struct comes before the functions it names (the lesson's does
 *    not compile), and it has get_count, which DPDK requires:
 *    rte_mempool_register_ops() refuses ops without it (-EINVAL), and a
 *    refusal in a constructor is silent, so set_ops_byname would fail.
 *  - alloc: the lesson's ring is always named "my_mempool" (a second pool
 *    on the driver fails with EEXIST) and always has 1024 slots (1023
 *    objects: populating a pool of 1024 fails). Here the ring is named
 *    after the pool ("MY_<pool>") and sized rte_align32pow2(size + 1), as
 *    DPDK's ring driver does, on the pool's socket; it is single-producer
 *    or single-consumer only when the pool's flags say so (the lesson's
 *    RING_F_SP_ENQ | RING_F_SC_DEQ is wrong for a pool shared by lcores).
 *  - main(): the lesson calls the driver's functions directly (alloc,
 *    dequeue, enqueue, free). An application never does: the library calls
 *    them from rte_mempool_populate_default(), rte_mempool_get/put() and
 *    rte_mempool_free(). Every call's result is checked.
 *
 * Try: custom_ops            (rtmem needs no EAL options)
 * Output (stable apart from pointers): expected_output.txt, compared by
 * check_output.sh.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_debug.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#define MY_MEMPOOL_NAME "my_mempool"
#define MY_MEMPOOL_CACHE_SIZE 32
#define MY_MEMPOOL_RING_SIZE 1024

/* ---- the driver (shared/seeds/003) ---- */

/* The name of a pool's ring, "MY_<pool>"; -ENAMETOOLONG if it does not fit. */
static int my_mempool_ring_name(char *buf, size_t size, const struct rte_mempool *mp) {
    int len = snprintf(buf, size, "MY_%s", mp->name);

    return len < 0 || (size_t)len >= size ? -ENAMETOOLONG : 0;
}

/* 内存池分配函数: the backend is a ring named after the pool */
static int my_mempool_alloc(struct rte_mempool *mp) {
    char ring_name[RTE_RING_NAMESIZE];
    unsigned int flags = 0;

    if (my_mempool_ring_name(ring_name, sizeof(ring_name), mp) != 0)
        return -ENAMETOOLONG;
    if (mp->flags & RTE_MEMPOOL_F_SP_PUT)
        flags |= RING_F_SP_ENQ;
    if (mp->flags & RTE_MEMPOOL_F_SC_GET)
        flags |= RING_F_SC_DEQ;
    // 使用大页内存分配
    mp->pool_data = rte_ring_create(ring_name, rte_align32pow2(mp->size + 1),
                                    mp->socket_id, flags);
    if (mp->pool_data == NULL) {
        printf("Failed to create ring\n");
        return -rte_errno;
    }
    return 0;
}

// 内存池释放函数
static void my_mempool_free(struct rte_mempool *mp) {
    struct rte_ring *ring = (struct rte_ring *)mp->pool_data;
    rte_ring_free(ring);
}

// 入队函数
static int my_mempool_enqueue(struct rte_mempool *mp, void * const *obj_table, unsigned int n) {
    struct rte_ring *ring = (struct rte_ring *)mp->pool_data;
    if (rte_ring_enqueue_bulk(ring, obj_table, n, NULL) == 0) {
        printf("Failed to enqueue objects\n");
        return -ENOBUFS;
    }
    return 0;
}

// 出队函数
static int my_mempool_dequeue(struct rte_mempool *mp, void **obj_table, unsigned int n) {
    struct rte_ring *ring = (struct rte_ring *)mp->pool_data;
    if (rte_ring_dequeue_bulk(ring, obj_table, n, NULL) == 0) {
        printf("Failed to dequeue objects\n");
        return -ENOENT;
    }
    return 0;
}

// 空闲对象数量: the objects in the ring (the library adds the caches)
static unsigned int my_mempool_get_count(const struct rte_mempool *mp) {
    const struct rte_ring *ring = (const struct rte_ring *)mp->pool_data;
    return rte_ring_count(ring);
}

struct rte_mempool_ops my_mempool_ops = {
    .name = MY_MEMPOOL_NAME,
    .alloc = my_mempool_alloc,
    .free = my_mempool_free,
    .enqueue = my_mempool_enqueue,
    .dequeue = my_mempool_dequeue,
    .get_count = my_mempool_get_count,
};

// 注册mempool驱动 (RTE_INIT(my_mempool_init) { rte_mempool_register_ops(...); })
RTE_MEMPOOL_REGISTER_OPS(my_mempool_ops);

/* ---- the application ---- */

static int failures;

#define CHECK(cond, ...)                                  \
    do {                                                  \
        if (!(cond)) {                                    \
            printf("FAIL: line %d: ", __LINE__);          \
            printf(__VA_ARGS__);                          \
            printf("\n");                                 \
            failures++;                                   \
        }                                                 \
    } while (0)

static void print_counts(const struct rte_mempool *mp) {
    printf("avail %u, in use %u\n", rte_mempool_avail_count(mp),
           rte_mempool_in_use_count(mp));
}

/*
 * rte_mempool_create_empty + set_ops_byname("my_mempool") + populate, as
 * the lesson shows it; NULL (and a FAIL line) if a step fails.
 */
static struct rte_mempool *create_on_my_mempool(const char *name, unsigned int n,
                                                unsigned int cache_size) {
    struct rte_mempool *mp;
    int ret;

    // 创建内存池,指定使用自定义驱动
    mp = rte_mempool_create_empty(name, n, sizeof(void *), cache_size,
                                  0, rte_socket_id(), 0);
    CHECK(mp != NULL, "rte_mempool_create_empty(%s): %s", name,
          rte_strerror(rte_errno));
    if (mp == NULL)
        return NULL;

    // 设置内存池的操作
    ret = rte_mempool_set_ops_byname(mp, MY_MEMPOOL_NAME, NULL);
    printf("rte_mempool_set_ops_byname(%s, \"%s\") = %d\n", name,
           MY_MEMPOOL_NAME, ret);
    CHECK(ret == 0, "set_ops_byname: %s", strerror(-ret));

    // 初始化内存池: the library calls my_mempool_alloc, then enqueues every object
    ret = rte_mempool_populate_default(mp);
    printf("rte_mempool_populate_default(%s) = %d\n", name, ret);
    CHECK(ret == (int)n, "populate_default: %d", ret);
    if (ret != (int)n) {
        rte_mempool_free(mp);
        return NULL;
    }
    return mp;
}

/* The pool's backend is our ring "MY_<name>" and holds all n objects. */
static void check_backend(struct rte_mempool *mp, unsigned int n) {
    char ring_name[RTE_RING_NAMESIZE];
    struct rte_ring *ring;

    ring = my_mempool_ring_name(ring_name, sizeof(ring_name), mp) == 0 ?
           rte_ring_lookup(ring_name) : NULL;
    printf("pool %s: ops %s, ring %s %s, ring count %u\n", mp->name,
           rte_mempool_get_ops(mp->ops_index)->name, ring_name,
           ring != NULL && ring == mp->pool_data ? "is pool_data" : "missing",
           ring != NULL ? rte_ring_count(ring) : 0);
    CHECK(strcmp(rte_mempool_get_ops(mp->ops_index)->name, MY_MEMPOOL_NAME) == 0,
          "ops %s", rte_mempool_get_ops(mp->ops_index)->name);
    CHECK(ring != NULL && ring == mp->pool_data, "ring %s", ring_name);
    CHECK(ring != NULL && rte_ring_count(ring) == n, "ring count");
}

int main(int argc, char **argv) {
    static void *objs[MY_MEMPOOL_RING_SIZE];
    struct rte_mempool *mp, *mp2;
    void *obj, *extra;
    unsigned int i, j, distinct;
    int ret;

    // 初始化DPDK
    if (rte_eal_init(argc, argv) < 0)
        rte_exit(EXIT_FAILURE, "cannot initialise the EAL\n");

    mp = create_on_my_mempool("test_mempool", MY_MEMPOOL_RING_SIZE,
                              MY_MEMPOOL_CACHE_SIZE);
    if (mp == NULL)
        rte_exit(EXIT_FAILURE, "cannot create a pool on %s\n", MY_MEMPOOL_NAME);
    check_backend(mp, MY_MEMPOOL_RING_SIZE);
    print_counts(mp);
    CHECK(rte_mempool_avail_count(mp) == MY_MEMPOOL_RING_SIZE, "avail");

    // 从内存池取出一个对象
    ret = rte_mempool_get(mp, &obj);
    CHECK(ret == 0, "rte_mempool_get: %d", ret);
    if (ret == 0) {
        printf("Dequeued object: %p\n", obj);
        CHECK(rte_mempool_from_obj(obj) == mp, "object of another pool");
        memset(obj, 0xa5, sizeof(void *));
    }
    print_counts(mp);
    CHECK(rte_mempool_in_use_count(mp) == 1, "in use");

    // 将对象放回内存池
    if (ret == 0) {
        rte_mempool_put(mp, obj);
        printf("Enqueued object: %p\n", obj);
    }
    print_counts(mp);
    CHECK(rte_mempool_in_use_count(mp) == 0, "in use");

    /* Every object at once: all distinct, all of this pool, all writable. */
    ret = rte_mempool_get_bulk(mp, objs, MY_MEMPOOL_RING_SIZE);
    printf("rte_mempool_get_bulk(%u) = %d\n", MY_MEMPOOL_RING_SIZE, ret);
    CHECK(ret == 0, "get_bulk: %d", ret);
    if (ret == 0) {
        distinct = 0;
        for (i = 0; i < MY_MEMPOOL_RING_SIZE; i++) {
            for (j = 0; j < i && objs[j] != objs[i]; j++)
                ;
            distinct += j == i && rte_mempool_from_obj(objs[i]) == mp;
            *(uintptr_t *)objs[i] = i;
        }
        for (i = 0; i < MY_MEMPOOL_RING_SIZE; i++)
            CHECK(*(uintptr_t *)objs[i] == i, "object %u overwritten", i);
        printf("%u distinct objects of the pool\n", distinct);
        CHECK(distinct == MY_MEMPOOL_RING_SIZE, "distinct %u", distinct);
    }
    print_counts(mp);
    CHECK(rte_mempool_empty(mp), "pool not empty");

    /* Empty: the driver's dequeue fails, its code reaches the caller. */
    ret = rte_mempool_generic_get(mp, &extra, 1, NULL);
    printf("rte_mempool_generic_get(no cache) on the empty pool = %d (%s)\n",
           ret, ret == -ENOENT ? "-ENOENT, the driver's code" : "unexpected");
    CHECK(ret == -ENOENT, "generic_get on empty: %d", ret);

    if (rte_mempool_empty(mp))
        rte_mempool_put_bulk(mp, objs, MY_MEMPOOL_RING_SIZE);
    print_counts(mp);
    CHECK(rte_mempool_full(mp), "pool not full");

    /* The lcore's cache emptied into the driver: the ring has them all. */
    rte_mempool_cache_flush(NULL, mp);
    check_backend(mp, MY_MEMPOOL_RING_SIZE);

    /* A second pool on the same driver has a ring of its own. */
    mp2 = create_on_my_mempool("test_mempool2", 512, 0);
    if (mp2 != NULL) {
        check_backend(mp2, 512);
        ret = rte_mempool_get_bulk(mp2, objs, 512);
        CHECK(ret == 0, "get_bulk on the second pool: %d", ret);
        if (ret == 0) {
            CHECK(rte_mempool_from_obj(objs[0]) == mp2, "object of another pool");
            rte_mempool_put_bulk(mp2, objs, 512);
        }
        print_counts(mp2);
        CHECK(rte_mempool_full(mp2), "second pool not full");
    }

    // 释放内存池: the library calls my_mempool_free
    rte_mempool_free(mp2);
    rte_mempool_free(mp);
    printf("freed: pools %s, rings %s\n",
           rte_mempool_lookup("test_mempool") == NULL &&
           rte_mempool_lookup("test_mempool2") == NULL ? "gone" : "left",
           rte_ring_lookup("MY_test_mempool") == NULL &&
           rte_ring_lookup("MY_test_mempool2") == NULL ? "gone" : "left");
    CHECK(rte_mempool_lookup("test_mempool") == NULL, "pool left");
    CHECK(rte_ring_lookup("MY_test_mempool") == NULL, "ring left");
    CHECK(rte_ring_lookup("MY_test_mempool2") == NULL, "ring left");

    rte_eal_cleanup();
    printf("custom_ops: %s\n", failures == 0 ? "all checks passed" : "FAILED");
    return failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
