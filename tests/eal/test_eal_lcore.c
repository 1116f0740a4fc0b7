/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: lcore and socket queries of rte_lcore.h on an lcore map with
 * remapped, grouped and listed-out-of-order lcores; iteration (FOREACH,
 * next_lcore with skip/wrap), roles, indexes, CPU sets, dump, iterate and
 * lcore callbacks. Sockets are checked on a fake two-node topology
 * (cpu_topology_load of a sysfs tree made by the test), so the NUMA logic
 * is exercised on any machine.
 */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_memory.h>

#include "internal/cpu.h"
#include "test.h"

static int init_calls, uninit_calls, refuse_lcore = -1;

static int
cb_init(unsigned int lcore_id, void *arg)
{
	(void)arg;
	if ((int)lcore_id == refuse_lcore)
		return -1;
	init_calls++;
	return 0;
}

static void
cb_uninit(unsigned int lcore_id, void *arg)
{
	(void)lcore_id;
	(void)arg;
	uninit_calls++;
}

static int
iterate_count(unsigned int lcore_id, void *arg)
{
	(void)lcore_id;
	(*(int *)arg)++;
	return 0;
}

static int
iterate_stop(unsigned int lcore_id, void *arg)
{
	(void)arg;
	return lcore_id == 3 ? 42 : 0;
}

static int
queries(void *arg)
{
	/* lcores 0..3, 5, 6: listed as 3,1,0 then a group and a remap */
	char *argv[] = { "prog", "--lcores", "3@0,1,0,(5-6)@(0-1)",
			 "--main-lcore", "1", "--in-memory", NULL };
	unsigned int id, n;
	char *dump = NULL;
	size_t dump_len = 0;
	FILE *f;
	void *h;

	(void)arg;
	ASSERT_EQ_INT(rte_eal_init(6, argv), 5);
	EXPECT_EQ_UINT(rte_lcore_count(), 5);
	EXPECT_EQ_UINT(rte_get_main_lcore(), 1);
	EXPECT_EQ_UINT(rte_lcore_id(), 1);
	/* roles */
	EXPECT_TRUE(rte_lcore_is_enabled(3));
	EXPECT_FALSE(rte_lcore_is_enabled(2));
	EXPECT_FALSE(rte_lcore_is_enabled(RTE_MAX_LCORE));
	EXPECT_EQ_INT(rte_eal_lcore_role(5), ROLE_RTE);
	EXPECT_EQ_INT(rte_eal_lcore_role(2), ROLE_OFF);
	EXPECT_EQ_INT(rte_eal_lcore_role(RTE_MAX_LCORE + 7), ROLE_OFF);
	EXPECT_EQ_INT(rte_lcore_has_role(0, ROLE_RTE), 1);
	EXPECT_EQ_INT(rte_lcore_has_role(2, ROLE_RTE), 0);
	EXPECT_EQ_INT(rte_lcore_has_role(RTE_MAX_LCORE, ROLE_RTE), 0);
	/* indexes follow the listing order */
	EXPECT_EQ_INT(rte_lcore_index(3), 0);
	EXPECT_EQ_INT(rte_lcore_index(1), 1);
	EXPECT_EQ_INT(rte_lcore_index(0), 2);
	EXPECT_EQ_INT(rte_lcore_index(5), 3);
	EXPECT_EQ_INT(rte_lcore_index(6), 4);
	EXPECT_EQ_INT(rte_lcore_index(-1), 1); /* the caller: lcore 1 */
	EXPECT_EQ_INT(rte_lcore_index(2), -1);
	EXPECT_EQ_INT(rte_lcore_index(RTE_MAX_LCORE), -1);
	/* CPUs */
	EXPECT_EQ_INT(rte_lcore_to_cpu_id(3), 0);
	EXPECT_EQ_INT(rte_lcore_to_cpu_id(1), 1);
	EXPECT_EQ_INT(rte_lcore_to_cpu_id(5), 0);
	EXPECT_EQ_INT(rte_lcore_to_cpu_id(-1), 1);
	EXPECT_EQ_INT(rte_lcore_to_cpu_id(2), -1);
	EXPECT_EQ_INT(rte_lcore_to_cpu_id(RTE_MAX_LCORE), -1);
	{
		rte_cpuset_t s6 = rte_lcore_cpuset(6), s2 = rte_lcore_cpuset(2);

		EXPECT_EQ_INT(CPU_COUNT(&s6), 2);
		EXPECT_EQ_INT(CPU_COUNT(&s2), 0);
	}
	/* iteration */
	n = 0;
	RTE_LCORE_FOREACH(id)
		n++;
	EXPECT_EQ_UINT(n, 5);
	n = 0;
	RTE_LCORE_FOREACH_WORKER(id) {
		EXPECT_NE_UINT(id, 1);
		n++;
	}
	EXPECT_EQ_UINT(n, 4);
	EXPECT_EQ_UINT(rte_get_next_lcore(-1, 0, 0), 0);
	EXPECT_EQ_UINT(rte_get_next_lcore(0, 1, 0), 3);
	EXPECT_EQ_UINT(rte_get_next_lcore(3, 0, 0), 5);
	EXPECT_EQ_UINT(rte_get_next_lcore(6, 0, 0), RTE_MAX_LCORE);
	EXPECT_EQ_UINT(rte_get_next_lcore(6, 0, 1), 0);
	EXPECT_EQ_UINT(rte_get_next_lcore(6, 1, 1), 0);
	EXPECT_EQ_UINT(rte_get_next_lcore(0, 1, 1), 3);
	/* iterate and dump */
	n = 0;
	EXPECT_EQ_INT(rte_lcore_iterate(iterate_count, &n), 0);
	EXPECT_EQ_UINT(n, 5);
	EXPECT_EQ_INT(rte_lcore_iterate(iterate_stop, NULL), 42);
	f = open_memstream(&dump, &dump_len);
	ASSERT_NOT_NULL(f);
	rte_lcore_dump(f);
	fclose(f);
	EXPECT_CONTAINS(dump, "lcore 5, socket");
	EXPECT_CONTAINS(dump, "cpuset 0-1");
	EXPECT_CONTAINS(dump, "main");
	free(dump);
	/* callbacks: init for every lcore in use, rollback on refusal */
	h = rte_lcore_callback_register("count", cb_init, cb_uninit, NULL);
	ASSERT_NOT_NULL(h);
	EXPECT_EQ_INT(init_calls, 5);
	rte_lcore_callback_unregister(h);
	EXPECT_EQ_INT(uninit_calls, 5);
	init_calls = uninit_calls = 0;
	refuse_lcore = 5;
	EXPECT_NULL(rte_lcore_callback_register("refuse", cb_init, cb_uninit,
						NULL));
	EXPECT_EQ_INT(init_calls, 3);   /* lcores 0, 1, 3 */
	EXPECT_EQ_INT(uninit_calls, 3); /* rolled back */
	EXPECT_NULL(rte_lcore_callback_register(NULL, cb_init, NULL, NULL));
	rte_lcore_callback_unregister(NULL);
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}

/* ---- sockets on a fake topology: CPU 0 on node 0, CPU 1 on node 1 */

static char fake_root[64];

static void
make_fake_sysfs(void)
{
	char path[256];
	FILE *f;

	snprintf(fake_root, sizeof(fake_root), "/tmp/rtmem-sysfs-%d", getpid());
	snprintf(path, sizeof(path), "%s/cpu/cpu0/node0", fake_root);
	{
		char cmd[512];

		snprintf(cmd, sizeof(cmd),
			 "mkdir -p %s/cpu/cpu0/node0 %s/cpu/cpu1/node1",
			 fake_root, fake_root);
		ASSERT_EQ_INT(system(cmd), 0);
	}
	snprintf(path, sizeof(path), "%s/cpu/online", fake_root);
	f = fopen(path, "w");
	ASSERT_NOT_NULL(f);
	fputs("0-1\n", f);
	fclose(f);
}

static int
worker_socket(void *arg)
{
	(void)arg;
	return (int)rte_socket_id();
}

static int
sockets(void *arg)
{
	char *argv[] = { "prog", "--lcores", "0,1,(2-3)@(0-1)",
			 "--in-memory", NULL };

	(void)arg;
	ASSERT_EQ_INT(cpu_topology_load(fake_root), 0);
	EXPECT_EQ_UINT(rte_socket_count(), 2);
	EXPECT_EQ_INT(rte_socket_id_by_idx(0), 0);
	EXPECT_EQ_INT(rte_socket_id_by_idx(1), 1);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_socket_id_by_idx(2), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	ASSERT_EQ_INT(rte_eal_init(4, argv), 3);
	EXPECT_EQ_UINT(rte_lcore_to_socket_id(0), 0);
	EXPECT_EQ_UINT(rte_lcore_to_socket_id(1), 1);
	/* lcores that may run on both nodes have no single socket */
	EXPECT_EQ_UINT(rte_lcore_to_socket_id(2), (unsigned int)SOCKET_ID_ANY);
	EXPECT_EQ_UINT(rte_lcore_to_socket_id(RTE_MAX_LCORE),
		       (unsigned int)SOCKET_ID_ANY);
	EXPECT_EQ_UINT(rte_socket_id(), 0);
	ASSERT_EQ_INT(rte_eal_remote_launch(worker_socket, NULL, 1), 0);
	EXPECT_EQ_INT(rte_eal_wait_lcore(1), 1);
	ASSERT_EQ_INT(rte_eal_remote_launch(worker_socket, NULL, 3), 0);
	EXPECT_EQ_INT(rte_eal_wait_lcore(3), SOCKET_ID_ANY);
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}

int
main(void)
{
	char cmd[128];

	TEST_REQUIRE_CPUS(2);
	test_child_ok("queries", queries, NULL, 60);
	make_fake_sysfs();
	test_child_ok("sockets", sockets, NULL, 60);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", fake_root);
	if (system(cmd) != 0)
		printf("could not remove %s\n", fake_root);
	return test_report();
}
