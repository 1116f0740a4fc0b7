/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: rte_ring shared between two processes. The primary (a
 * child of the test) makes four rings and a block of shared memory; a
 * secondary, another executable (mp_peer ring-echo), finds the rings by
 * name at the same addresses and plays ping-pong: everything the primary
 * sends on mp_ping (pointers into the shared block; MP/MC ring) and
 * mp_ping_e (16-byte elements with a checksum; HTS ring) comes back on
 * mp_pong (SP/SC) and mp_pong_e (RTS), each object exactly once and in
 * order, checked by both sides. Then a secondary creates a ring of its
 * own (mp_peer ring-make) that the primary looks up and uses in both
 * directions; the secondary's rte_ring_free removes it for both
 * processes (lookup ENOENT, no memzone left), and the name can be used
 * again.
 */
#include <sched.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_memzone.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>

#include "mp_common.h"

#define N_OBJS 20000u

static void
peer_args(char *buf, size_t len)
{
	snprintf(buf, len, "--lcores 1@0 --proc-type=secondary "
		 "--file-prefix %s", test_file_prefix());
}

static int
ping_pong(void *arg)
{
	struct rte_ring *ping, *pong, *ping_e, *pong_e;
	unsigned int sent = 0, back = 0, sent_e = 0, back_e = 0;
	unsigned int bad = 0, bad_e = 0;
	char args[256], line[256], want[256];
	struct mp_zone *z;
	struct mp_proc p;
	int64_t deadline;
	int status;

	(void)arg;
	snprintf(args, sizeof(args), "--lcores 0@0 --file-prefix %s",
		 test_file_prefix());
	ASSERT_GE_INT(test_eal_init(args), 0);
	z = mp_make_zone(N_OBJS, 21);
	ASSERT_NOT_NULL(z);
	ping = rte_ring_create("mp_ping", 1024, SOCKET_ID_ANY, 0);
	pong = rte_ring_create("mp_pong", 256, SOCKET_ID_ANY,
			       RING_F_SP_ENQ | RING_F_SC_DEQ);
	ping_e = rte_ring_create_elem("mp_ping_e", sizeof(struct mp_ring_elem),
				      512, SOCKET_ID_ANY,
				      RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ);
	pong_e = rte_ring_create_elem("mp_pong_e", sizeof(struct mp_ring_elem),
				      100, SOCKET_ID_ANY,
				      RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ |
					      RING_F_EXACT_SZ);
	ASSERT_NOT_NULL(ping);
	ASSERT_NOT_NULL(pong);
	ASSERT_NOT_NULL(ping_e);
	ASSERT_NOT_NULL(pong_e);

	peer_args(args, sizeof(args));
	ASSERT_EQ_INT(mp_spawn(&p, "ring-echo", "20000", args, NULL), 0);
	if (mp_line(&p, line, sizeof(line), 30000) != 0 ||
	    strncmp(line, "init=0", 6) != 0 ||
	    mp_line(&p, line, sizeof(line), 30000) != 0) {
		mp_finish(&p, 5000);
		mp_print(&p, "ring-echo");
		ASSERT_TRUE(false);
	}
	/* the secondary sees the rings at the primary's addresses */
	snprintf(want, sizeof(want), "rings %p %p %p %p", (void *)ping,
		 (void *)pong, (void *)ping_e, (void *)pong_e);
	EXPECT_EQ_STR(line, want);

	deadline = mp_now_ms() + 60000;
	while ((back < N_OBJS || back_e < N_OBJS) && mp_now_ms() < deadline) {
		void *obj[32];
		struct mp_ring_elem el[32];
		unsigned int k, n, moved = 0;

		/* send */
		n = RTE_MIN(32u, N_OBJS - sent);
		for (unsigned int i = 0; i < n; i++)
			obj[i] = z->buf + sent + i;
		k = rte_ring_enqueue_burst(ping, obj, n, NULL);
		sent += k;
		moved += k;
		n = RTE_MIN(32u, N_OBJS - sent_e);
		for (unsigned int i = 0; i < n; i++) {
			el[i].seq = sent_e + i;
			el[i].check = mp_ring_check(sent_e + i);
		}
		k = rte_ring_enqueue_burst_elem(ping_e, el, sizeof(el[0]), n,
						NULL);
		sent_e += k;
		moved += k;
		/* receive: the same objects, in order */
		k = rte_ring_dequeue_burst(pong, obj, 32, NULL);
		for (unsigned int i = 0; i < k; i++)
			if (obj[i] != z->buf + back + i && bad++ < 3)
				printf("pointer %u came back as %p\n",
				       back + i, obj[i]);
		back += k;
		moved += k;
		k = rte_ring_dequeue_burst_elem(pong_e, el, sizeof(el[0]), 32,
						NULL);
		for (unsigned int i = 0; i < k; i++)
			if ((el[i].seq != back_e + i ||
			     el[i].check != mp_ring_check(back_e + i)) &&
			    bad_e++ < 3)
				printf("element %u came back as %" PRIu64 "\n",
				       back_e + i, el[i].seq);
		back_e += k;
		moved += k;
		if (moved == 0) {
			siginfo_t info = { 0 };

			/* the peer gave up (it says why): stop waiting */
			if (waitid(P_PID, (id_t)p.pid, &info,
				   WEXITED | WNOHANG | WNOWAIT) == 0 &&
			    info.si_pid == p.pid)
				break;
			sched_yield();
		}
	}
	EXPECT_EQ_UINT(sent, N_OBJS);
	EXPECT_EQ_UINT(back, N_OBJS);
	EXPECT_EQ_UINT(sent_e, N_OBJS);
	EXPECT_EQ_UINT(back_e, N_OBJS);
	EXPECT_EQ_UINT(bad, 0);
	EXPECT_EQ_UINT(bad_e, 0);
	EXPECT_EQ_INT(mp_line(&p, line, sizeof(line), 30000), 0);
	EXPECT_EQ_STR(line, "echoed ptr=20000 elem=20000");
	status = mp_finish(&p, 30000);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		mp_print(&p, "ring-echo");
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ_INT(WEXITSTATUS(status), 0);
	/* nothing left over, nothing extra */
	EXPECT_TRUE(rte_ring_empty(ping));
	EXPECT_TRUE(rte_ring_empty(pong));
	EXPECT_TRUE(rte_ring_empty(ping_e));
	EXPECT_TRUE(rte_ring_empty(pong_e));
	rte_ring_free(ping);
	rte_ring_free(pong);
	rte_ring_free(ping_e);
	rte_ring_free(pong_e);
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}

static int
secondary_ring(void *arg)
{
	struct mp_ring_elem el[MP_SEC_COUNT];
	char args[512], line[256], want[64];
	struct rte_ring *r;
	struct mp_proc p;
	int status;

	(void)arg;
	snprintf(args, sizeof(args), "--lcores 0@0 --file-prefix %s",
		 test_file_prefix_n(1));
	ASSERT_GE_INT(test_eal_init(args), 0);
	snprintf(args, sizeof(args), "--lcores 1@0 --proc-type=secondary "
		 "--file-prefix %s", test_file_prefix_n(1));
	ASSERT_EQ_INT(mp_spawn(&p, "ring-make", NULL, args, NULL), 0);
	if (mp_line(&p, line, sizeof(line), 30000) != 0 ||
	    strncmp(line, "init=0", 6) != 0 ||
	    mp_line(&p, line, sizeof(line), 30000) != 0) {
		mp_finish(&p, 5000);
		mp_print(&p, "ring-make");
		ASSERT_TRUE(false);
	}
	/* the secondary's ring, found by name at its address */
	r = rte_ring_lookup(MP_SEC_RING);
	ASSERT_NOT_NULL(r);
	snprintf(want, sizeof(want), "made %p", (void *)r);
	EXPECT_EQ_STR(line, want);
	EXPECT_NOT_NULL(rte_memzone_lookup("RG_" MP_SEC_RING));
	EXPECT_EQ_UINT(rte_ring_get_capacity(r), 63);
	EXPECT_TRUE(rte_ring_is_prod_single(r));
	EXPECT_EQ_UINT(rte_ring_count(r), MP_SEC_COUNT);
	EXPECT_EQ_UINT(rte_ring_dequeue_bulk_elem(r, el, sizeof(el[0]),
						  MP_SEC_COUNT, NULL),
		       MP_SEC_COUNT);
	for (unsigned int i = 0; i < MP_SEC_COUNT; i++) {
		EXPECT_EQ_UINT(el[i].seq, i);
		EXPECT_EQ_UINT(el[i].check, mp_ring_check(i));
		el[i].seq = 1000 + i;
		el[i].check = mp_ring_check(1000 + i);
	}
	EXPECT_EQ_UINT(rte_ring_enqueue_bulk_elem(r, el, sizeof(el[0]),
						  MP_SEC_COUNT, NULL),
		       MP_SEC_COUNT);
	/* the secondary frees it */
	ASSERT_EQ_INT(write(p.in_fd, "free\n", 5), 5);
	EXPECT_EQ_INT(mp_line(&p, line, sizeof(line), 30000), 0);
	EXPECT_EQ_STR(line, "freed");
	rte_errno = 0;
	EXPECT_NULL(rte_ring_lookup(MP_SEC_RING));
	EXPECT_EQ_INT(rte_errno, ENOENT);
	EXPECT_NULL(rte_memzone_lookup("RG_" MP_SEC_RING));
	status = mp_finish(&p, 30000);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		mp_print(&p, "ring-make");
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ_INT(WEXITSTATUS(status), 0);
	/* the name is free again */
	r = rte_ring_create(MP_SEC_RING, 16, SOCKET_ID_ANY, 0);
	EXPECT_NOT_NULL(r);
	EXPECT_EQ_PTR(rte_ring_lookup(MP_SEC_RING), r);
	rte_ring_free(r);
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}

int
main(void)
{
	test_child_ok("ping-pong", ping_pong, NULL, 120);
	EXPECT_EQ_INT(mp_count_shm_files(test_file_prefix()), 0);
	test_child_ok("secondary ring", secondary_ring, NULL, 120);
	EXPECT_EQ_INT(mp_count_shm_files(test_file_prefix_n(1)), 0);
	return test_report();
}
