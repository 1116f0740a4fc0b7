/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mbuf_double_free: the double-free program of the mempool lesson
 * (shared/seeds/004, "同一个mbuf多次free": the same mbuf freed twice).
 * Everything between the two "seed" markers is the lesson's main(), as
 * written; what is ours is marked "rtmem:" and listed here:
 *  - the lesson does not show its includes, MEMPOOL_CACHE_SIZE or the
 *    globals pool1 and pool2: MEMPOOL_CACHE_SIZE is 256, the value of
 *    DPDK's examples (l2fwd, l3fwd);
 *  - after each "mbuf1 %p , mbuf2 %p" line, a call of show(): whether the
 *    two are the same mbuf and how many mbufs the pool counts (the
 *    pointers change from run to run, and check_output.sh replaces them
 *    with <ptr>), then how many more mbufs the pool hands out (all it
 *    has) and whether one mbuf was handed out twice in all;
 *  - (void)lcore_id, which only the lesson's "#if 0" block uses;
 *  - no getchar() at the end (the lesson waits for Enter so that the
 *    process can be looked at; this program is run by `make test`): the
 *    pools are freed and the EAL cleaned up instead.
 *
 * What happens. Each pool of 1024 mbufs hands out an mbuf, which is freed
 * twice, then two more.
 *  - DPDK 22.11 (the lesson's result): an mbuf in its pool keeps refcnt 1,
 *    so rte_pktmbuf_free() cannot tell a second free from the first and
 *    puts the mbuf back twice. pool1 has a per-lcore cache (LIFO), so the
 *    next two allocations return that mbuf both times: two users now own
 *    it. pool2 has none; its ring (FIFO, 2047 slots) queues both copies
 *    behind the other mbufs, so the next two allocations differ, as in the
 *    lesson, but the mbuf comes out twice later. Both pools count 1023
 *    available mbufs where 1022 are, and hand out 1025 for 1024 mbufs.
 *  - rtmem: an mbuf in its pool has refcnt 0 and an allocation sets it to
 *    1. The second rte_pktmbuf_free() finds 0, logs one ERR line (on
 *    stderr, naming the mbuf's address and its pool) and does not put it
 *    back: both pools hand out different mbufs, count 1022 available and
 *    hand out each of their 1024 mbufs once.
 * expected_output.txt holds rtmem's output (check_output.sh compares it).
 * DPDK's differs in the show() lines: "the same mbuf" for pool1, 1023
 * available and "1023 more allocations, 1025 in all for 1024 mbufs: an
 * mbuf handed out twice" for both pools.
 *
 * Try: mbuf_double_free      (rtmem needs no EAL options)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <rte_common.h>
#include <rte_debug.h>
#include <rte_eal.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#define MEMPOOL_CACHE_SIZE 256 /* rtmem: not in the lesson (see the top) */

static struct rte_mempool *pool1; /* rtmem: the lesson's globals */
static struct rte_mempool *pool2;

/* rtmem: pointers sorted, to find one handed out twice */
static int
cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(void *const *)a;
	uintptr_t y = (uintptr_t)*(void *const *)b;

	return x < y ? -1 : x > y;
}

/*
 * rtmem: what the pointers do not show, after each pair of allocations:
 * whether mbuf1 and mbuf2 are the same mbuf, how many mbufs the pool
 * counts, and then how many more it hands out (all it has) and whether
 * any mbuf was handed out twice in all. The mbufs stay out: the pool is
 * freed at the end.
 */
static void
show(const char *pool, struct rte_mbuf *mbuf1, struct rte_mbuf *mbuf2,
     struct rte_mempool *mp)
{
	static void *out[2 * 1024];
	unsigned int n = 0, twice = 0;

	printf("%s: mbuf1 and mbuf2 are %s; %u mbufs available\n", pool,
	       mbuf1 == mbuf2 ? "the same mbuf" : "different mbufs",
	       rte_mempool_avail_count(mp));
	out[n++] = mbuf1;
	out[n++] = mbuf2;
	while (n < RTE_DIM(out) && (out[n] = rte_pktmbuf_alloc(mp)) != NULL)
		n++;
	qsort(out, n, sizeof(out[0]), cmp_ptr);
	for (unsigned int i = 1; i < n; i++)
		twice += out[i] == out[i - 1];
	printf("%s: %u more allocations, %u in all for %u mbufs: %s\n", pool,
	       n - 2, n, mp->size,
	       twice == 0 ? "each mbuf once" : "an mbuf handed out twice");
}

/* ---- seed: shared/seeds/004, the lesson's main(), as written ---- */
int
main(int argc, char **argv)
{
        int ret;
        unsigned lcore_id;
        struct rte_mbuf *mbuf1 = NULL;
        struct rte_mbuf *mbuf2 = NULL;
        ret = rte_eal_init(argc, argv);
        if (ret < 0)
                rte_panic("Cannot init EAL\n");
        (void)lcore_id; /* rtmem: only the #if 0 block uses it */
#if 0
        /* call lcore_hello() on every slave lcore */
        RTE_LCORE_FOREACH_SLAVE(lcore_id) {
                rte_eal_remote_launch(lcore_hello, NULL, lcore_id);
        }
#endif
        pool1 = rte_pktmbuf_pool_create("mbuf_pool1", 1024,
                                                    MEMPOOL_CACHE_SIZE, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
                                                    rte_socket_id());
        if (pool1 == NULL)
            rte_exit(EXIT_FAILURE, "Cannot init mbuf pool1\n");
        mbuf1 = rte_pktmbuf_alloc(pool1);
        printf("mbuf1 %p \n",mbuf1);
        rte_pktmbuf_free(mbuf1);
        rte_pktmbuf_free(mbuf1);
        mbuf1 = rte_pktmbuf_alloc(pool1);
        mbuf2 = rte_pktmbuf_alloc(pool1);
        printf("mbuf1 %p , mbuf2 %p \n",mbuf1,mbuf2);
        show("pool1", mbuf1, mbuf2, pool1); /* rtmem */
#if 1
        pool2 = rte_pktmbuf_pool_create("mbuf_pool2", 1024, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
                                                    rte_socket_id());
        if (pool2 == NULL)
            rte_exit(EXIT_FAILURE, "Cannot init mbuf pool2\n");
        printf("------------------- test mem pool2--------------- \n");
        mbuf1 = rte_pktmbuf_alloc(pool2);
        printf("mbuf1 %p \n",mbuf1);
        rte_pktmbuf_free(mbuf1);
        rte_pktmbuf_free(mbuf1);
        mbuf1 = rte_pktmbuf_alloc(pool2);
        mbuf2 = rte_pktmbuf_alloc(pool2);
        printf("mbuf1 %p , mbuf2 %p \n",mbuf1,mbuf2);
        show("pool2", mbuf1, mbuf2, pool2); /* rtmem */
#endif
        rte_eal_mp_wait_lcore();
        /* rtmem: instead of the lesson's getchar(), free and clean up */
        rte_mempool_free(pool2);
        rte_mempool_free(pool1);
        rte_eal_cleanup();
        return 0;
}
/* ---- end of the seed's code ---- */
