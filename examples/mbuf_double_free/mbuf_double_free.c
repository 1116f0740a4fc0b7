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
 * twice, then two more. An mbuf waiting in its pool has refcnt 1, in
 * DPDK 22.11 and in rtmem alike, so rte_pktmbuf_free() cannot tell a
 * second free from the first: it puts the mbuf back twice.
 *  - DPDK 22.11 (the lesson's result): pool1 has a per-lcore cache
 *    (LIFO), so the next two allocations return that mbuf both times: two
 *    users now own it. pool2 has none; its ring (FIFO, 2047 slots) queues
 *    both copies behind the other mbufs, so the next two allocations
 *    differ, as in the lesson, but the mbuf comes out twice later. Both
 *    pools count 1023 available mbufs where 1022 are, and hand out 1025
 *    for 1024 mbufs.
 *  - rtmem, as it runs by default: pool1 the same as DPDK (the same mbuf
 *    twice, 1023 available, 1025 handed out): that is the lesson, and
 *    expected_output.txt. pool2 differs: rtmem's ring driver has a slot
 *    for each of the pool's 1024 objects and no more, and the pool is
 *    full at the second free, so that put finds no room: it is dropped
 *    with a log line ("MEMPOOL: mempool mbuf_pool2: no room for 1
 *    objects ...") and pool2 hands out each mbuf once. (It is luck, not
 *    detection: had another mbuf been out, the copy would have fitted.)
 *  - rtmem in the mempool's debug mode, RTMEM_MEMPOOL_DEBUG=1 in the
 *    environment (rte_pktmbuf_pool_create() reads it; a pool made with
 *    rte_mempool_create_empty() can take the flag RTMEM_MEMPOOL_F_DEBUG
 *    of rtmem.h instead): a put of an object that is already in its pool
 *    (or in a cache of it) is refused with one log line on stderr,
 *    "MEMPOOL: mempool mbuf_pool1: double put of object 0x...", and the
 *    mbuf is not put back: both pools hand out different mbufs, count
 *    1022 available and hand out each of their 1024 mbufs once
 *    (expected_output_debug.txt). It is off by default: marking every
 *    mbuf in its pool costs the fast path a store per free (4-7% on bulk
 *    alloc/free, see the README).
 *  - rtmem built with ASan, on a process-private instance (--in-memory,
 *    as make test runs it): the mbufs waiting in a pool are poisoned and
 *    the second free is refused by the mbuf library (one "MBUF: ..." line
 *    naming the mbuf and its pool) even without debug mode: the output is
 *    the debug mode's.
 * DPDK's output differs from expected_output.txt in pool2's show() lines
 * ("1023 mbufs available", "1023 more allocations, 1025 in all for 1024
 * mbufs: an mbuf handed out twice").
 *
 * Try: mbuf_double_free      (rtmem needs no EAL options)
 *      RTMEM_MEMPOOL_DEBUG=1 mbuf_double_free
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
