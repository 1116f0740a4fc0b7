/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: mbufs shared between two processes. The primary makes a
 * pktmbuf pool of MPM_N mbufs and two rings (to the secondary, back from
 * it); the secondary is mp_peer mbuf <mode> on lcore 1 (see mp_mbuf.h for
 * the packets: chains of 1 to 3 segments, every fourth one a clone whose
 * original its sender frees right after sending).
 * - echo: the primary sends MPM_ECHO_N requests (at most MPM_INFLIGHT
 *   out), the secondary checks each and answers with a packet of its own
 *   from the same pool, the primary checks the replies and frees them.
 *   Both processes allocate and free, through their own lcore caches, and
 *   the last reference of a cloned packet's segments goes in either one.
 *   Afterwards the pool is full (avail_count == MPM_N), passes
 *   rte_mempool_audit(), and hands out each of its MPM_N mbufs once, each
 *   in the state of a fresh allocation.
 * - alloc, on a pool in the mempool's debug mode (made anew with
 *   RTMEM_MEMPOOL_DEBUG=1 in the environment; the mbuf library keeps
 *   DPDK's reference counts, refcnt 1 in the pool, and double frees are
 *   caught only there): the secondary allocates MPM_ALLOC_N packets and
 *   sends them, some twice (the same mbuf with refcnt 2); the primary
 *   checks and frees each (the second copy after the first: refcnt 2,
 *   then 1), logging nothing. Then the secondary frees an mbuf into its
 *   lcore cache and the primary frees it again: the object's debug cookie
 *   is in shared memory, so the primary's put is refused with the
 *   mempool's one line "mempool mp_mbuf_pool: double put of object <mbuf>"
 *   and the pool stays exact (MPM_N, each once; the secondary counts
 *   MPM_N too). Without debug mode the second free would put the mbuf
 *   twice, as in DPDK.
 * - kill: the secondary answers MPM_HOLD_K requests, takes MPM_HOLD_H more
 *   and keeps them, allocates MPM_HOLD_A mbufs, says how many mbufs it
 *   holds and is killed (SIGKILL). The primary goes on: it takes back the
 *   MPM_HOLD_R requests still in the ring, flushes the dead process's
 *   lcore cache (it is in shared memory) and finds exactly the mbufs the
 *   secondary held missing; it allocates every other mbuf, and a new
 *   secondary on the same lcore runs the echo traffic again, after which
 *   the pool holds all but the lost mbufs.
 * echo and kill run on plain pools (each case makes its own pool under
 * the same name; the secondaries look it up by name).
 */
#include <stdlib.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_ring.h>
#include <rtmem.h>

#include "mp_common.h"
#include "mp_mbuf.h"

#define PEER_LCORE 1

static struct rte_mempool *mp;
static struct rte_ring *to_sec, *to_pri;

static int
cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(void *const *)a;
	uintptr_t y = (uintptr_t)*(void *const *)b;

	return x < y ? -1 : x > y;
}

/*
 * Take every mbuf the pool gives (one at a time, through this lcore's
 * cache): `expect` of them, each once and as a fresh allocation leaves it;
 * then free them all.
 */
static void
drain_check(unsigned int expect)
{
	static struct rte_mbuf *all[MPM_N + 1];
	unsigned int n = 0, dup = 0, bad = 0;

	while (n <= MPM_N && (all[n] = rte_pktmbuf_alloc(mp)) != NULL)
		n++;
	EXPECT_EQ_UINT(n, expect);
	qsort(all, n, sizeof(all[0]), cmp_ptr);
	for (unsigned int i = 0; i < n; i++) {
		const struct rte_mbuf *m = all[i];

		dup += i > 0 && all[i] == all[i - 1];
		bad += rte_mbuf_refcnt_read(m) != 1 || m->nb_segs != 1 ||
		       m->next != NULL || !RTE_MBUF_DIRECT(m) ||
		       m->pkt_len != 0 || m->data_len != 0 || m->pool != mp ||
		       m->data_off != RTE_PKTMBUF_HEADROOM ||
		       m->buf_len != MPM_ROOM;
	}
	EXPECT_EQ_UINT(dup, 0);
	EXPECT_EQ_UINT(bad, 0);
	rte_pktmbuf_free_bulk(all, n);
	EXPECT_EQ_UINT(rte_mempool_avail_count(mp), expect);
}

/*
 * Send requests 0 .. n_req-1 (at most MPM_INFLIGHT out) and take, check
 * and free the replies 0 .. n_rep-1 (n_rep <= n_req), freeing one burst
 * mbuf by mbuf and the next in bulk. Returns the number of replies that
 * were right.
 */
static unsigned int
traffic(uint32_t n_req, uint32_t n_rep, int timeout_ms)
{
	int64_t deadline = mp_now_ms() + timeout_ms;
	uint32_t sent = 0, got = 0;
	char why[200];

	while (got < n_rep || sent < n_req) {
		struct rte_mbuf *pk[32], *orig[32];
		unsigned int k = RTE_MIN(32u, n_req - sent);

		k = RTE_MIN(k, MPM_INFLIGHT - (sent - got));
		for (unsigned int i = 0; i < k; i++) {
			pk[i] = mpm_build(mp, MPM_REQ, sent + i, &orig[i]);
			ASSERT_NOT_NULL(pk[i]);
		}
		if (k != 0)
			ASSERT_EQ_UINT(rte_ring_enqueue_bulk(to_sec, (void **)pk,
							     k, NULL), k);
		for (unsigned int i = 0; i < k; i++)
			rte_pktmbuf_free(orig[i]);
		sent += k;

		k = rte_ring_dequeue_burst(to_pri, (void **)pk, 32, NULL);
		for (unsigned int i = 0; i < k; i++) {
			if (mpm_check(pk[i], mp, MPM_REP, got + i, 1, why,
				      sizeof(why)) != 0) {
				printf("reply %s\n", why);
				EXPECT_TRUE(false);
				return got + i;
			}
			if ((got / 32) % 2 == 0)
				rte_pktmbuf_free(pk[i]);
		}
		if ((got / 32) % 2 != 0)
			rte_pktmbuf_free_bulk(pk, k);
		got += k;
		if (k == 0 && mp_now_ms() > deadline) {
			printf("timed out: %u requests sent, %u replies\n", sent,
			       got);
			break;
		}
		if (k == 0)
			sched_yield();
	}
	return got;
}

/*
 * Make the pool MPM_POOL (freeing the previous one, which must be full):
 * in the mempool's debug mode when `debug` (RTMEM_MEMPOOL_DEBUG=1 while
 * it is created, read by rte_mempool_create_empty), else plain.
 */
static void
pool_make(bool debug)
{
	if (mp != NULL)
		rte_mempool_free(mp);
	if (debug)
		ASSERT_EQ_INT(setenv("RTMEM_MEMPOOL_DEBUG", "1", 1), 0);
	else
		ASSERT_EQ_INT(unsetenv("RTMEM_MEMPOOL_DEBUG"), 0);
	mp = rte_pktmbuf_pool_create(MPM_POOL, MPM_N, MPM_CACHE, 0, MPM_ROOM,
				     SOCKET_ID_ANY);
	ASSERT_EQ_INT(unsetenv("RTMEM_MEMPOOL_DEBUG"), 0);
	ASSERT_NOT_NULL(mp);
	ASSERT_EQ_INT(!!(mp->flags & RTMEM_MEMPOOL_F_DEBUG), debug);
}

/* Start mp_peer mbuf <mode> as a secondary on PEER_LCORE. */
static void
peer_start(struct mp_proc *p, const char *mode)
{
	char args[256], line[256];

	snprintf(args, sizeof(args), "--lcores %u@0 --proc-type=secondary "
		 "--file-prefix %s", PEER_LCORE, test_file_prefix());
	ASSERT_EQ_INT(mp_spawn(p, "mbuf", mode, args, NULL), 0);
	ASSERT_EQ_INT(mp_line(p, line, sizeof(line), 30000), 0);
	EXPECT_CONTAINS(line, "init=0");
}

/* Wait for the peer; it must exit 0 and have printed `want`. */
static void
peer_end(struct mp_proc *p, const char *want)
{
	int status = mp_finish(p, 60000);

	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		mp_print(p, "mbuf peer");
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ_INT(WEXITSTATUS(status), 0);
	EXPECT_CONTAINS(p->out, want);
}

static void
case_echo(void)
{
	struct mp_proc p;

	peer_start(&p, "echo");
	EXPECT_EQ_UINT(traffic(MPM_ECHO_N, MPM_ECHO_N, 60000), MPM_ECHO_N);
	peer_end(&p, "echo ok");
	EXPECT_EQ_UINT(rte_ring_count(to_sec), 0);
	EXPECT_EQ_UINT(rte_ring_count(to_pri), 0);
	EXPECT_EQ_UINT(rte_mempool_avail_count(mp), MPM_N);
	rte_mempool_audit(mp);
	drain_check(MPM_N);
}

static void
case_alloc(struct mp_zone *z)
{
	int64_t deadline = mp_now_ms() + 60000;
	struct rte_mbuf *m, *first = NULL;
	char line[256], why[200], want[128];
	unsigned int bad = 0;
	struct mp_proc p;

	pool_make(true);
	z->reply = NULL;
	peer_start(&p, "alloc");
	test_log_begin();
	for (uint32_t seq = 0; seq < MPM_ALLOC_N && bad == 0; seq++) {
		for (unsigned int c = 0; c < mpm_copies(seq); c++) {
			while (rte_ring_dequeue(to_pri, (void **)&m) != 0) {
				ASSERT_TRUE(mp_now_ms() < deadline);
				sched_yield();
			}
			/* the second copy is the first one's mbuf */
			if (c == 1 && m != first)
				bad++;
			first = m;
			if (mpm_check(m, mp, MPM_REP, seq,
				      (uint16_t)(mpm_copies(seq) - c), why,
				      sizeof(why)) != 0) {
				printf("packet %s\n", why);
				bad++;
			}
			rte_pktmbuf_free(m);
		}
	}
	/* the legitimate frees (refcnt 2, then 1) log nothing */
	EXPECT_EQ_UINT(test_log_end(), 0);
	EXPECT_EQ_UINT(bad, 0);
	ASSERT_EQ_INT(mp_line(&p, line, sizeof(line), 30000), 0);
	EXPECT_CONTAINS(line, "sent n=");
	EXPECT_EQ_UINT(rte_ring_count(to_pri), 0);

	/* the secondary freed this one already (it is in its lcore cache):
	 * the second free, here, is refused by the mempool */
	ASSERT_NOT_NULL(z->reply);
	m = (struct rte_mbuf *)(void *)z->reply;
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m), 1); /* as DPDK */
	snprintf(want, sizeof(want),
		 "MEMPOOL: mempool %s: double put of object %p\n", MPM_POOL,
		 (void *)m);
	test_log_begin();
	rte_pktmbuf_free(m);
	EXPECT_EQ_UINT(test_log_end(), 1);
	EXPECT_CONTAINS(test_log_text(), want);

	peer_end(&p, "avail=4095");
	EXPECT_EQ_UINT(rte_mempool_avail_count(mp), MPM_N);
	rte_mempool_audit(mp);
	drain_check(MPM_N);
	pool_make(false);
}

static void
case_kill(void)
{
	unsigned int held = 0, expect = MPM_HOLD_A, lost, left = 0;
	struct rte_mbuf *m;
	char line[256], why[200];
	struct mp_proc p;
	int status;

	for (uint32_t i = 0; i < MPM_HOLD_H; i++)
		expect += mpm_mbufs(MPM_HOLD_K + i);
	peer_start(&p, "hold");
	EXPECT_EQ_UINT(traffic(MPM_HOLD_K + MPM_HOLD_H + MPM_HOLD_R,
			       MPM_HOLD_K, 60000), MPM_HOLD_K);
	ASSERT_EQ_INT(mp_line(&p, line, sizeof(line), 30000), 0);
	ASSERT_EQ_INT(sscanf(line, "held mbufs=%u", &held), 1);
	EXPECT_EQ_UINT(held, expect);
	kill(p.pid, SIGKILL);
	status = mp_finish(&p, 30000);
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

	/* the requests it never took come back; no reply is left over */
	while (rte_ring_dequeue(to_sec, (void **)&m) == 0) {
		if (mpm_check(m, mp, MPM_REQ, MPM_HOLD_K + MPM_HOLD_H + left,
			      1, why, sizeof(why)) != 0) {
			printf("request %s\n", why);
			EXPECT_TRUE(false);
		}
		rte_pktmbuf_free(m);
		left++;
	}
	EXPECT_EQ_UINT(left, MPM_HOLD_R);
	EXPECT_EQ_UINT(rte_ring_count(to_pri), 0);

	/* its lcore cache is shared memory: give its mbufs back */
	rte_mempool_cache_flush(rte_mempool_default_cache(mp, PEER_LCORE), mp);
	lost = MPM_N - rte_mempool_avail_count(mp);
	printf("the killed secondary held %u mbufs; %u are missing from the "
	       "pool\n", held, lost);
	EXPECT_EQ_UINT(lost, expect);
	rte_mempool_audit(mp);
	drain_check(MPM_N - lost);

	/* a new secondary on the same lcore: the traffic goes on */
	peer_start(&p, "echo");
	EXPECT_EQ_UINT(traffic(MPM_ECHO_N, MPM_ECHO_N, 60000), MPM_ECHO_N);
	peer_end(&p, "echo ok");
	EXPECT_EQ_UINT(rte_mempool_avail_count(mp), MPM_N - lost);
	rte_mempool_audit(mp);
	drain_check(MPM_N - lost);
}

static int
cases(void *arg)
{
	struct mp_zone *z;
	char args[256];

	(void)arg;
	snprintf(args, sizeof(args), "--lcores 0@0 --file-prefix %s",
		 test_file_prefix());
	ASSERT_GE_INT(test_eal_init(args), 0);
	pool_make(false);
	to_sec = rte_ring_create(MPM_TO_SEC, MPM_RING, SOCKET_ID_ANY,
				 RING_F_SP_ENQ | RING_F_SC_DEQ);
	to_pri = rte_ring_create(MPM_TO_PRI, MPM_RING, SOCKET_ID_ANY,
				 RING_F_SP_ENQ | RING_F_SC_DEQ);
	ASSERT_NOT_NULL(to_sec);
	ASSERT_NOT_NULL(to_pri);
	z = mp_make_zone(64, 1);
	ASSERT_NOT_NULL(z);

	printf("echo\n");
	case_echo();
	printf("alloc\n");
	case_alloc(z);
	printf("kill\n");
	case_kill();

	rte_ring_free(to_sec);
	rte_ring_free(to_pri);
	rte_mempool_free(mp);
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}

int
main(void)
{
	test_child_ok("mbuf", cases, NULL, 240);
	EXPECT_EQ_INT(mp_count_shm_files(test_file_prefix()), 0);
	return test_report();
}
