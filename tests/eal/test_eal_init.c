/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: the EAL life cycle. rte_eal_init once (a second call, a call
 * after a lazy initialisation and a call after cleanup fail with EALREADY);
 * lazy initialisation on first use keeps the caller's CPU affinity while an
 * explicit one pins the main lcore; worker threads are created, named, and
 * joined by rte_eal_cleanup; a failed init starts nothing and may be
 * retried; process type and small process facts.
 * Each scenario runs in its own child process.
 */
#include <dirent.h>
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_pause.h>

#include "test.h"

/* Number of threads of this process whose name starts with prefix. */
static int
count_threads(const char *prefix)
{
	struct dirent *de;
	DIR *d = opendir("/proc/self/task");
	int n = 0;

	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		char path[300], comm[64] = "";
		FILE *f;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/self/task/%s/comm", de->d_name);
		f = fopen(path, "r");
		if (f != NULL) {
			if (fgets(comm, sizeof(comm), f) != NULL)
				comm[strcspn(comm, "\n")] = '\0';
			fclose(f);
		}
		n += strncmp(comm, prefix, strlen(prefix)) == 0;
	}
	closedir(d);
	return n;
}

/*
 * Worker threads left after cleanup. pthread_join() returns once the kernel
 * has cleared the thread's id, a moment before its /proc entry goes: give
 * the entries up to a second to disappear.
 */
static int
workers_left_after_join(void)
{
	int n = count_threads("rte-worker-");

	for (int i = 0; i < 100 && n > 0; i++) {
		usleep(10 * 1000);
		n = count_threads("rte-worker-");
	}
	return n;
}

static int
explicit_init_once(void *arg)
{
	char *argv[] = { "prog", "-l", "0-1", "--in-memory", NULL };
	cpu_set_t set;

	(void)arg;
	EXPECT_EQ_INT(count_threads("rte-worker-"), 0);
	ASSERT_EQ_INT(rte_eal_init(4, argv), 3);
	EXPECT_EQ_UINT(rte_lcore_id(), 0);
	EXPECT_EQ_INT(rte_eal_process_type(), RTE_PROC_PRIMARY);
	/* one worker thread, named after its lcore */
	EXPECT_EQ_INT(count_threads("rte-worker-"), 1);
	EXPECT_EQ_INT(count_threads("rte-worker-1"), 1);
	/* the main thread is pinned to the main lcore's CPU */
	ASSERT_EQ_INT(sched_getaffinity(0, sizeof(set), &set), 0);
	EXPECT_EQ_INT(CPU_COUNT(&set), 1);
	EXPECT_TRUE(CPU_ISSET(0, &set));
	/* second call */
	rte_errno = 0;
	EXPECT_EQ_INT(rte_eal_init(4, argv), -1);
	EXPECT_EQ_INT(rte_errno, EALREADY);
	/* cleanup joins the workers */
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	EXPECT_EQ_INT(workers_left_after_join(), 0);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_eal_cleanup(), -1);
	EXPECT_EQ_INT(rte_errno, EALREADY);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_eal_init(4, argv), -1);
	EXPECT_EQ_INT(rte_errno, EALREADY);
	EXPECT_EQ_INT(rte_eal_remote_launch((lcore_function_t *)(uintptr_t)1,
					    NULL, 1), -EPIPE);
	return test_report();
}

static int
lazy_init(void *arg)
{
	char *argv[] = { "prog", NULL };
	cpu_set_t before, after;

	(void)arg;
	ASSERT_EQ_INT(sched_getaffinity(0, sizeof(before), &before), 0);
	EXPECT_EQ_UINT(rte_lcore_id(), LCORE_ID_ANY); /* nothing yet */
	/* the first call that needs the EAL initialises it with defaults */
	EXPECT_GE_UINT(rte_lcore_count(), 1);
	EXPECT_EQ_UINT(rte_lcore_id(), rte_get_main_lcore());
	EXPECT_TRUE(rte_lcore_is_enabled(rte_get_main_lcore()));
	/* and does not pin the caller */
	ASSERT_EQ_INT(sched_getaffinity(0, sizeof(after), &after), 0);
	EXPECT_TRUE(CPU_EQUAL(&before, &after));
	rte_errno = 0;
	EXPECT_EQ_INT(rte_eal_init(1, argv), -1);
	EXPECT_EQ_INT(rte_errno, EALREADY);
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}

static int
failed_init_retry(void *arg)
{
	char *bad[] = { "prog", "-l", "1", "--in-memory", NULL };
	char *good[] = { "prog", "-l", "0", "--in-memory", NULL };
	cpu_set_t only0;

	(void)arg;
	/* CPU 1 exists but this process may not use it */
	CPU_ZERO(&only0);
	CPU_SET(0, &only0);
	ASSERT_EQ_INT(sched_setaffinity(0, sizeof(only0), &only0), 0);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_eal_init(4, bad), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	EXPECT_EQ_INT(count_threads("rte-worker-"), 0);
	/* the failure left nothing: a correct line now works */
	EXPECT_EQ_INT(rte_eal_init(4, good), 3);
	EXPECT_EQ_UINT(rte_lcore_count(), 1);
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}

static int
process_facts(void *arg)
{
	char *argv[] = { "prog", "-l", "0", "--proc-type=auto", "--in-memory",
			 "--mbuf-pool-ops-name", "ring_sp_sc", NULL };

	(void)arg;
	EXPECT_EQ_INT(rte_eal_process_type(), RTE_PROC_PRIMARY);
	EXPECT_NULL(rte_eal_mbuf_user_pool_ops());
	ASSERT_EQ_INT(rte_eal_init(7, argv), 6);
	/* auto with private memory: always the primary */
	EXPECT_EQ_INT(rte_eal_process_type(), RTE_PROC_PRIMARY);
	EXPECT_EQ_STR(rte_eal_mbuf_user_pool_ops(), "ring_sp_sc");
	EXPECT_EQ_INT(rte_eal_has_pci(), 0);
	EXPECT_EQ_INT(rte_sys_gettid(), (int)syscall(SYS_gettid));
	EXPECT_EQ_INT(rte_gettid(), rte_sys_gettid());
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}

static int
spin_forever(void *arg)
{
	(void)arg;
	for (;;)
		rte_pause();
	return 0;
}

/* rte_exit on main while a worker never returns: exits, does not hang */
static int
exit_with_busy_worker(void *arg)
{
	char *argv[] = { "prog", "-l", "0-1", "--in-memory", NULL };

	(void)arg;
	ASSERT_EQ_INT(rte_eal_init(4, argv), 3);
	ASSERT_EQ_INT(rte_eal_remote_launch(spin_forever, NULL, 1), 0);
	rte_exit(9, "giving up while lcore 1 spins\n");
}

static int
cleanup_without_init(void *arg)
{
	(void)arg;
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}

int
main(void)
{
	TEST_REQUIRE_CPUS(2);
	test_child_ok("explicit_init_once", explicit_init_once, NULL, 60);
	test_child_ok("lazy_init", lazy_init, NULL, 60);
	test_child_ok("failed_init_retry", failed_init_retry, NULL, 60);
	test_child_ok("process_facts", process_facts, NULL, 60);
	test_child_ok("cleanup_without_init", cleanup_without_init, NULL, 60);
	{
		struct test_child_result res;

		ASSERT_EQ_INT(test_run_child(exit_with_busy_worker, NULL, 20,
					     &res), 0);
		EXPECT_FALSE(res.timed_out);
		EXPECT_TRUE(res.exited);
		EXPECT_EQ_INT(res.exit_code, 9);
		EXPECT_CONTAINS(res.err, "giving up while lcore 1 spins");
	}
	return test_report();
}
