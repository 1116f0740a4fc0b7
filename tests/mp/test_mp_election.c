/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: who becomes the primary, and how long a secondary waits for
 * it (design tests 8 and 9).
 *   - rte_eal_primary_proc_alive() called inside the primary keeps it
 *     alive (OFD locks: no POSIX close trap), and a second primary is
 *     refused with EEXIST;
 *   - 8 processes started at once with --proc-type=auto: exactly one
 *     primary;
 *   - a secondary started while the primary is still initialising waits,
 *     then attaches;
 *   - with the primary killed during its initialisation, the waiting
 *     secondary fails promptly with ESRCH; when the primary is merely too
 *     slow, the secondary gives up after RTMEM_ATTACH_TIMEOUT_MS.
 */
#include <fcntl.h>
#include <stdlib.h>

#include <rte_eal.h>
#include <rte_errno.h>

#include "mp_common.h"

#define AUTO_PROCS 8

static char args_primary[256], args_secondary[256], args_auto[256];

static void
make_args(const char *prefix)
{
	snprintf(args_primary, sizeof(args_primary),
		 "--lcores 0@0 --proc-type=primary --file-prefix %s", prefix);
	snprintf(args_secondary, sizeof(args_secondary),
		 "--lcores 1@0 --proc-type=secondary --file-prefix %s", prefix);
	snprintf(args_auto, sizeof(args_auto),
		 "--lcores 1@0 --proc-type=auto --file-prefix %s", prefix);
}

static int
alive_inside_primary(void *arg)
{
	char args[256];
	struct mp_proc p;

	(void)arg;
	make_args(test_file_prefix());
	snprintf(args, sizeof(args), "--lcores 0@0 --file-prefix %s",
		 test_file_prefix());
	ASSERT_GE_INT(test_eal_init(args), 0);
	EXPECT_EQ_INT(rte_eal_primary_proc_alive(NULL), 1);
	EXPECT_EQ_INT(rte_eal_primary_proc_alive(NULL), 1); /* still */
	mp_run("attach", NULL, args_primary, NULL, 10, 20000, &p);
	EXPECT_CONTAINS(p.out, "errno=17"); /* EEXIST */
	EXPECT_CONTAINS(p.err, "already running");
	EXPECT_EQ_INT(rte_eal_primary_proc_alive(NULL), 1);
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}

static void
auto_election(void)
{
	struct mp_proc p[AUTO_PROCS];
	int primaries = 0, secondaries = 0;
	char line[256];

	make_args(test_file_prefix_n(1));
	for (int i = 0; i < AUTO_PROCS; i++)
		ASSERT_EQ_INT(mp_spawn(&p[i], "attach", NULL, args_auto, NULL),
			      0);
	for (int i = 0; i < AUTO_PROCS; i++) {
		if (mp_line(&p[i], line, sizeof(line), 30000) != 0 ||
		    strcmp(line, "init=0 errno=0") != 0 ||
		    mp_line(&p[i], line, sizeof(line), 30000) != 0) {
			printf("auto %d: %s\n", i, line);
			continue;
		}
		primaries += strstr(line, "type=0") != NULL;
		secondaries += strstr(line, "type=1") != NULL;
	}
	EXPECT_EQ_INT(primaries, 1);
	EXPECT_EQ_INT(secondaries, AUTO_PROCS - 1);
	for (int i = 0; i < AUTO_PROCS; i++) {
		int status = mp_finish(&p[i], 20000);

		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			mp_print(&p[i], "auto");
		EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
}

/* Start a primary that stays in its init for delay_ms. */
static void
slow_primary(struct mp_proc *p, const char *prefix, unsigned int delay_ms)
{
	char env[64];
	int64_t deadline = mp_now_ms() + 10000;

	make_args(prefix);
	snprintf(env, sizeof(env), "RTMEM_TEST_DELAY_AT=init:%u", delay_ms);
	ASSERT_EQ_INT(mp_spawn(p, "serve", "5", args_primary, env), 0);
	while (!mp_primary_running(prefix) && mp_now_ms() < deadline)
		usleep(1000);
	ASSERT_TRUE(mp_primary_running(prefix));
}

static void
secondary_waits_for_slow_primary(void)
{
	struct mp_proc primary, secondary;
	char line[256];
	int64_t t0;

	slow_primary(&primary, test_file_prefix_n(2), 800);
	t0 = mp_now_ms();
	ASSERT_EQ_INT(mp_spawn(&secondary, "wait-check", NULL, args_secondary,
			       NULL), 0);
	EXPECT_EQ_INT(mp_line(&secondary, line, sizeof(line), 20000), 0);
	EXPECT_EQ_STR(line, "init=0 errno=0");
	EXPECT_GE_INT((int)(mp_now_ms() - t0), 300); /* it did wait */
	EXPECT_EQ_INT(mp_line(&primary, line, sizeof(line), 20000), 0);
	EXPECT_EQ_INT(mp_line(&primary, line, sizeof(line), 20000), 0);
	EXPECT_CONTAINS(line, "ready");
	EXPECT_EQ_INT(mp_finish(&secondary, 20000), 0);
	EXPECT_CONTAINS(secondary.out, "seed=5");
	EXPECT_EQ_INT(mp_finish(&primary, 20000), 0);
}

static void
secondary_sees_primary_die_in_init(void)
{
	struct mp_proc primary, secondary;
	int64_t t0;
	int status;

	slow_primary(&primary, test_file_prefix_n(3), 5000);
	ASSERT_EQ_INT(mp_spawn(&secondary, "attach", NULL, args_secondary,
			       NULL), 0);
	usleep(200 * 1000);
	kill(primary.pid, SIGKILL);
	t0 = mp_now_ms();
	status = mp_finish(&secondary, 20000);
	EXPECT_LT_INT((int)(mp_now_ms() - t0), 1000);
	EXPECT_EQ_INT(WEXITSTATUS(status), 10);
	EXPECT_CONTAINS(secondary.out, "errno=3"); /* ESRCH */
	EXPECT_CONTAINS(secondary.err, "died");
	mp_finish(&primary, 20000);
	/* the next primary removes what the killed one left */
	EXPECT_EQ_INT(mp_count_shm_files(test_file_prefix_n(3)), 1);
	mp_run("serve", "6", args_primary, NULL, 0, 20000, &primary);
}

static void
secondary_times_out(void)
{
	struct mp_proc primary, secondary;
	int64_t t0;

	slow_primary(&primary, test_file_prefix_n(4), 3000);
	t0 = mp_now_ms();
	mp_run("attach", NULL, args_secondary, "RTMEM_ATTACH_TIMEOUT_MS=300",
	       10, 20000, &secondary);
	EXPECT_CONTAINS(secondary.out, "errno=3");
	EXPECT_CONTAINS(secondary.err, "did not become ready within 300 ms");
	EXPECT_GE_INT((int)(mp_now_ms() - t0), 300);
	EXPECT_LT_INT((int)(mp_now_ms() - t0), 2500);
	mp_finish(&primary, 20000);
}

int
main(void)
{
	test_child_ok("alive inside the primary", alive_inside_primary, NULL,
		      60);
	auto_election();
	secondary_waits_for_slow_primary();
	secondary_sees_primary_die_in_init();
	secondary_times_out();
	for (unsigned int n = 0; n < 5; n++)
		EXPECT_EQ_INT(mp_count_shm_files(test_file_prefix_n(n)), 0);
	return test_report();
}
