/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: a primary killed with SIGKILL, and what it leaves behind
 * (design tests 4 and 5).
 *   - Its secondaries see rte_eal_primary_proc_alive() == 0 and keep using
 *     their memory; a new primary of the same prefix starts at once (a new
 *     generation: it never writes into the old one's memory, so the orphans
 *     still read correct data); new secondaries attach to the new
 *     generation; once the orphans exit, only the new generation's backing
 *     files exist (and, on hugepages, the free count is back).
 *   - Stale leftovers: a dead primary's config and backing files, a
 *     config.tmp, an unlocked backing file of an even older run. A new
 *     primary removes them all; a secondary started while that primary is
 *     still initialising waits and attaches to the new generation.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "mp_common.h"

static char args_primary[256], args_secondary[256];

/* Free hugepages of the size this run uses (0 when not on hugepages). */
static long
free_hugepages(void)
{
	FILE *f;
	long n = 0;

	if (!test_on_hugepages())
		return 0;
	f = fopen("/sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages",
		  "r");
	if (f == NULL)
		return 0;
	if (fscanf(f, "%ld", &n) != 1)
		n = 0;
	fclose(f);
	return n;
}

static void
set_prefix(const char *prefix)
{
	snprintf(args_primary, sizeof(args_primary),
		 "--lcores 0@0 --proc-type=primary --file-prefix %s", prefix);
	snprintf(args_secondary, sizeof(args_secondary),
		 "--lcores 1@0 --proc-type=secondary --file-prefix %s", prefix);
}

static void
start_primary(struct mp_proc *p, const char *seed, const char *env)
{
	char line[256];

	ASSERT_EQ_INT(mp_spawn(p, "serve", seed, args_primary, env), 0);
	ASSERT_EQ_INT(mp_line(p, line, sizeof(line), 30000), 0);
	EXPECT_EQ_STR(line, "init=0 errno=0");
	ASSERT_EQ_INT(mp_line(p, line, sizeof(line), 30000), 0);
	EXPECT_CONTAINS(line, "ready type=0");
}

static void
primary_crash(void)
{
	const char *prefix = test_file_prefix();
	struct mp_proc old_primary, orphan, new_primary, p;
	long hugepages_before = free_hugepages();
	char line[256];
	int64_t t0;

	set_prefix(prefix);
	start_primary(&old_primary, "11", NULL);
	ASSERT_EQ_INT(mp_spawn(&orphan, "orphan", NULL, args_secondary, NULL),
		      0);
	ASSERT_EQ_INT(mp_line(&orphan, line, sizeof(line), 30000), 0);
	ASSERT_EQ_INT(mp_line(&orphan, line, sizeof(line), 30000), 0);
	EXPECT_EQ_STR(line, "attached");

	kill(old_primary.pid, SIGKILL);
	mp_finish(&old_primary, 10000);
	EXPECT_EQ_INT(mp_line(&orphan, line, sizeof(line), 10000), 0);
	EXPECT_EQ_STR(line, "orphan-ok"); /* saw the death, data intact */

	t0 = mp_now_ms();
	start_primary(&new_primary, "22", NULL);
	EXPECT_LT_INT((int)(mp_now_ms() - t0), 5000);
	mp_run("check", NULL, args_secondary, NULL, 0, 30000, &p);
	EXPECT_CONTAINS(p.out, "seed=22"); /* the new generation */

	/* the orphan re-checks its (old) data after the restart, then exits */
	EXPECT_EQ_INT(mp_finish(&orphan, 30000), 0);
	if (orphan.out[0] != '\0' && strstr(orphan.out, "FAIL") != NULL)
		mp_print(&orphan, "orphan");
	EXPECT_EQ_INT(mp_count_shm_files(prefix), 1);
	EXPECT_EQ_INT(mp_finish(&new_primary, 30000), 0);
	EXPECT_EQ_INT(mp_count_shm_files(prefix), 0);
	EXPECT_EQ_INT(free_hugepages(), hugepages_before);
}

static void
touch(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT, 0600);

	ASSERT_TRUE(fd >= 0);
	close(fd);
}

static void
stale_runtime_dir(void)
{
	const char *prefix = test_file_prefix_n(1);
	struct mp_proc dead, fresh, p;
	long hugepages_before = free_hugepages();
	char dir[512], path[700], leftover[700], line[256];
	struct stat st;
	int64_t deadline;

	set_prefix(prefix);
	start_primary(&dead, "33", NULL);
	kill(dead.pid, SIGKILL);
	mp_finish(&dead, 10000);
	test_runtime_dir(dir, sizeof(dir), prefix);
	snprintf(path, sizeof(path), "%s/config", dir);
	EXPECT_EQ_INT(stat(path, &st), 0); /* left behind */
	snprintf(path, sizeof(path), "%s/config.tmp", dir);
	touch(path);
	mp_backing_dir(dir, sizeof(dir));
	snprintf(leftover, sizeof(leftover), "%s/rtmem.%s.map_7", dir, prefix);
	touch(leftover); /* an unlocked file of an older run */
	EXPECT_EQ_INT(mp_count_shm_files(prefix), 2);
	test_runtime_dir(dir, sizeof(dir), prefix);

	/* the new primary is slow to start; a secondary waits for it */
	ASSERT_EQ_INT(mp_spawn(&fresh, "serve", "44", args_primary,
			       "RTMEM_TEST_DELAY_AT=init:500"), 0);
	deadline = mp_now_ms() + 10000;
	while (!mp_primary_running(prefix) && mp_now_ms() < deadline)
		usleep(1000);
	ASSERT_EQ_INT(mp_spawn(&p, "wait-check", NULL, args_secondary, NULL),
		      0);
	EXPECT_EQ_INT(mp_line(&p, line, sizeof(line), 30000), 0);
	EXPECT_EQ_STR(line, "init=0 errno=0"); /* it waited, then attached */
	ASSERT_EQ_INT(mp_line(&fresh, line, sizeof(line), 30000), 0);
	ASSERT_EQ_INT(mp_line(&fresh, line, sizeof(line), 30000), 0);
	EXPECT_CONTAINS(line, "ready");
	EXPECT_EQ_INT(mp_finish(&p, 30000), 0); /* checks the new zone */
	EXPECT_CONTAINS(p.out, "seed=44");

	snprintf(path, sizeof(path), "%s/config.tmp", dir);
	EXPECT_NE_INT(stat(path, &st), 0);
	EXPECT_NE_INT(stat(leftover, &st), 0);
	EXPECT_EQ_INT(mp_count_shm_files(prefix), 1);
	EXPECT_EQ_INT(mp_finish(&fresh, 30000), 0);
	EXPECT_EQ_INT(mp_count_shm_files(prefix), 0);
	snprintf(path, sizeof(path), "%s/config", dir);
	EXPECT_NE_INT(stat(path, &st), 0);
	EXPECT_EQ_INT(free_hugepages(), hugepages_before);
}

int
main(void)
{
	primary_crash();
	stale_runtime_dir();
	return test_report();
}
