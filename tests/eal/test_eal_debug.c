/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: the fatal-error paths, each run in a forked child with its
 * output captured. rte_panic ends the child with SIGABRT and its stderr
 * names the function and carries the message; RTE_VERIFY(false) aborts
 * naming the failed condition; rte_exit(3, ...) exits with status 3 and
 * prints the message, before rte_eal_init, after it (the EAL is cleaned
 * up), and when called from a worker lcore (no deadlock waiting for
 * itself); rte_dump_stack prints frames. RTE_ASSERT is compiled out
 * without RTE_ENABLE_ASSERT (its argument is not evaluated) and
 * RTE_VERIFY evaluates its argument exactly once.
 */
#include <signal.h>
#include <stdlib.h>

#include <rte_common.h>
#include <rte_config.h>
#include <rte_debug.h>
#include <rte_eal.h>
#include <rte_launch.h>
#include <rte_lcore.h>

#include "test.h"

#define CHILD_TIMEOUT_S 20

static int
child_panic(void *arg)
{
	RTE_SET_USED(arg);
	rte_panic("the answer is %d\n", 42);
	return 0; /* not reached */
}

static int
child_panic_no_args(void *arg)
{
	RTE_SET_USED(arg);
	rte_panic("plain message\n");
	return 0;
}

static int
child_verify(void *arg)
{
	int x = 3;

	RTE_SET_USED(arg);
	RTE_VERIFY(x == 3);
	RTE_VERIFY(x == 4);
	return 0;
}

static int
child_exit_no_init(void *arg)
{
	RTE_SET_USED(arg);
	rte_exit(3, "leaving with %s\n", "three");
}

static int
child_exit_after_init(void *arg)
{
	char *argv[] = { "test_eal_debug", "--lcores", "(0-1)@(0)",
			 "--in-memory", NULL };

	RTE_SET_USED(arg);
	if (rte_eal_init(4, argv) < 0)
		return 99;
	rte_exit(3, "after init %d\n", 7);
}

static int
exit_from_worker(void *arg)
{
	RTE_SET_USED(arg);
	rte_exit(3, "worker %u exits\n", rte_lcore_id());
}

static int
child_exit_from_worker(void *arg)
{
	char *argv[] = { "test_eal_debug", "--lcores", "(0-1)@(0)",
			 "--in-memory", NULL };

	RTE_SET_USED(arg);
	if (rte_eal_init(4, argv) < 0)
		return 99;
	if (rte_eal_remote_launch(exit_from_worker, NULL, 1) != 0)
		return 98;
	rte_eal_mp_wait_lcore();
	return 97; /* the worker's exit() should have ended the process */
}

static int
child_dump_stack(void *arg)
{
	RTE_SET_USED(arg);
	rte_dump_stack();
	return 0;
}

static void
test_panic(void)
{
	struct test_child_result *r = malloc(sizeof(*r));

	ASSERT_NOT_NULL(r);
	ASSERT_EQ_INT(test_run_child(child_panic, NULL, CHILD_TIMEOUT_S, r), 0);
	EXPECT_FALSE(r->exited);
	EXPECT_EQ_INT(r->signal, SIGABRT);
	EXPECT_CONTAINS(r->err, "PANIC in child_panic():");
	EXPECT_CONTAINS(r->err, "the answer is 42");

	ASSERT_EQ_INT(test_run_child(child_panic_no_args, NULL,
				     CHILD_TIMEOUT_S, r), 0);
	EXPECT_EQ_INT(r->signal, SIGABRT);
	EXPECT_CONTAINS(r->err, "PANIC in child_panic_no_args():");
	EXPECT_CONTAINS(r->err, "plain message");

	ASSERT_EQ_INT(test_run_child(child_verify, NULL, CHILD_TIMEOUT_S, r),
		      0);
	EXPECT_EQ_INT(r->signal, SIGABRT);
	EXPECT_CONTAINS(r->err, "PANIC in child_verify():");
	EXPECT_CONTAINS(r->err, "assert \"x == 4\" failed");
	free(r);
}

static void
test_exit(void)
{
	struct test_child_result *r = malloc(sizeof(*r));

	ASSERT_NOT_NULL(r);
	ASSERT_EQ_INT(test_run_child(child_exit_no_init, NULL,
				     CHILD_TIMEOUT_S, r), 0);
	EXPECT_TRUE(r->exited);
	EXPECT_EQ_INT(r->exit_code, 3);
	EXPECT_CONTAINS(r->err, "leaving with three");

	ASSERT_EQ_INT(test_run_child(child_exit_after_init, NULL,
				     CHILD_TIMEOUT_S, r), 0);
	EXPECT_FALSE(r->timed_out);
	EXPECT_TRUE(r->exited);
	EXPECT_EQ_INT(r->exit_code, 3);
	EXPECT_CONTAINS(r->err, "after init 7");

	ASSERT_EQ_INT(test_run_child(child_exit_from_worker, NULL,
				     CHILD_TIMEOUT_S, r), 0);
	EXPECT_FALSE(r->timed_out);
	EXPECT_TRUE(r->exited);
	EXPECT_EQ_INT(r->exit_code, 3);
	EXPECT_CONTAINS(r->err, "worker 1 exits");
	free(r);
}

static void
test_dump_stack(void)
{
	struct test_child_result *r = malloc(sizeof(*r));

	ASSERT_NOT_NULL(r);
	ASSERT_EQ_INT(test_run_child(child_dump_stack, NULL, CHILD_TIMEOUT_S,
				     r), 0);
	EXPECT_TRUE(r->exited);
	EXPECT_EQ_INT(r->exit_code, 0);
#ifdef RTE_BACKTRACE
	/* at least the caller's frame, as "EAL: <n>: [<symbol or address>]" */
	EXPECT_CONTAINS(r->err, "EAL: 1: [");
#endif
	free(r);
}

static int side_effects;

static int
bump(void)
{
	return ++side_effects;
}

static void
test_assert_levels(void)
{
	side_effects = 0;
#ifdef RTE_ENABLE_ASSERT
	EXPECT_TRUE(false); /* this test must be built without it */
#endif
	RTE_ASSERT(bump() == 0); /* not evaluated, so no panic either */
	EXPECT_EQ_INT(side_effects, 0);
	RTE_VERIFY(bump() == 1);
	EXPECT_EQ_INT(side_effects, 1);
}

int
main(void)
{
	test_assert_levels();
	test_panic();
	test_exit();
	test_dump_stack();
	return test_report();
}
