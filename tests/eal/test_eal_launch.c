/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: running functions on lcores. Launch on every worker and wait
 * for each return value; rte_eal_mp_remote_launch with SKIP_MAIN and
 * CALL_MAIN; state transitions WAIT -> RUNNING -> WAIT; a busy lcore
 * refuses with -EBUSY (and mp launch then starts nothing); lcores without
 * a worker thread get -EPIPE as in DPDK, NULL functions -EINVAL; many back-to-back launches lose no
 * wake-up. 8 lcores share the machine's CPUs 0-1 (--lcores (0-7)@(0-1)).
 */
#include <errno.h>
#include <sched.h>
#include <stdio.h>

#include <rte_eal.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_pause.h>

#include "test.h"

#define NB_LCORES 8
#define ROUNDS 2000

static unsigned int ran_on[RTE_MAX_LCORE];
static unsigned int calls;
static volatile int gate;

static int
record(void *arg)
{
	unsigned int id = rte_lcore_id();

	if (id < RTE_MAX_LCORE)
		__atomic_fetch_add(&ran_on[id], 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&calls, 1, __ATOMIC_RELAXED);
	return (int)id + (int)(uintptr_t)arg;
}

static int
block_until_gate(void *arg)
{
	(void)arg;
	while (!__atomic_load_n(&gate, __ATOMIC_ACQUIRE))
		rte_pause();
	return 7;
}

static int
count_one(void *arg)
{
	__atomic_fetch_add((unsigned int *)arg, 1, __ATOMIC_RELAXED);
	return 0;
}

int
main(void)
{
	char *argv[] = { "prog", "--lcores", "(0-7)@(0-1)", "--in-memory",
			 NULL };
	unsigned int id, total = 0;

	ASSERT_EQ_INT(rte_eal_init(4, argv), 3);
	ASSERT_EQ_UINT(rte_lcore_count(), NB_LCORES);

	/* every worker, one by one; return values come back */
	RTE_LCORE_FOREACH_WORKER(id) {
		EXPECT_EQ_INT(rte_eal_get_lcore_state(id), WAIT);
		EXPECT_EQ_INT(rte_eal_wait_lcore(id), 0); /* never launched */
		ASSERT_EQ_INT(rte_eal_remote_launch(record, (void *)100, id), 0);
	}
	RTE_LCORE_FOREACH_WORKER(id)
		EXPECT_EQ_INT(rte_eal_wait_lcore(id), (int)id + 100);
	RTE_LCORE_FOREACH_WORKER(id)
		EXPECT_EQ_UINT(ran_on[id], 1);
	EXPECT_EQ_UINT(ran_on[rte_get_main_lcore()], 0);

	/* all workers, then all lcores */
	calls = 0;
	EXPECT_EQ_INT(rte_eal_mp_remote_launch(record, NULL, SKIP_MAIN), 0);
	rte_eal_mp_wait_lcore();
	EXPECT_EQ_UINT(calls, NB_LCORES - 1);
	calls = 0;
	EXPECT_EQ_INT(rte_eal_mp_remote_launch(record, (void *)5, CALL_MAIN), 0);
	rte_eal_mp_wait_lcore();
	EXPECT_EQ_UINT(calls, NB_LCORES);
	EXPECT_EQ_UINT(ran_on[rte_get_main_lcore()], 1);
	EXPECT_EQ_INT(rte_eal_wait_lcore(rte_get_main_lcore()),
		      (int)rte_get_main_lcore() + 5);

	/* busy lcore: RUNNING until it returns; launches are refused */
	gate = 0;
	ASSERT_EQ_INT(rte_eal_remote_launch(block_until_gate, NULL, 3), 0);
	EXPECT_EQ_INT(rte_eal_get_lcore_state(3), RUNNING);
	EXPECT_EQ_INT(rte_eal_remote_launch(record, NULL, 3), -EBUSY);
	calls = 0;
	EXPECT_EQ_INT(rte_eal_mp_remote_launch(record, NULL, CALL_MAIN), -EBUSY);
	EXPECT_EQ_UINT(calls, 0); /* nothing was started, main included */
	__atomic_store_n(&gate, 1, __ATOMIC_RELEASE);
	EXPECT_EQ_INT(rte_eal_wait_lcore(3), 7);
	EXPECT_EQ_INT(rte_eal_get_lcore_state(3), WAIT);

	/* bad input */
	EXPECT_EQ_INT(rte_eal_remote_launch(record, NULL, rte_get_main_lcore()),
		      -EPIPE);
	EXPECT_EQ_INT(rte_eal_remote_launch(record, NULL, 50), -EPIPE);
	EXPECT_EQ_INT(rte_eal_remote_launch(record, NULL, 500), -EPIPE);
	EXPECT_EQ_INT(rte_eal_remote_launch(NULL, NULL, 1), -EINVAL);
	EXPECT_EQ_INT(rte_eal_mp_remote_launch(NULL, NULL, SKIP_MAIN), -EINVAL);
	EXPECT_EQ_INT(rte_eal_wait_lcore(500), -EINVAL);
	EXPECT_EQ_INT(rte_eal_wait_lcore(50), 0);
	EXPECT_EQ_INT(rte_eal_get_lcore_state(500), WAIT);

	/* back-to-back launches: every one runs exactly once */
	for (int r = 0; r < ROUNDS; r++) {
		RTE_LCORE_FOREACH_WORKER(id)
			ASSERT_EQ_INT(rte_eal_remote_launch(count_one, &total, id), 0);
		RTE_LCORE_FOREACH_WORKER(id)
			ASSERT_EQ_INT(rte_eal_wait_lcore(id), 0);
	}
	EXPECT_EQ_UINT(total, (unsigned int)ROUNDS * (NB_LCORES - 1));

	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	EXPECT_EQ_INT(rte_eal_remote_launch(record, NULL, 1), -EPIPE);
	return test_report();
}
