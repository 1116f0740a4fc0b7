/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: every way a secondary is refused, each with its rte_errno
 * and a log line that names the cause, and none of them harming the
 * primary (design tests 6, 9, 10 and 11):
 *   - no primary at all: ESRCH at once;
 *   - a primary built differently (a layout field, the version): EPROTO,
 *     the field named;
 *   - a config with a corrupted magic: EPROTO;
 *   - a config truncated to its header page: EPROTO, no SIGBUS;
 *   - the primary's address range taken in the secondary: EADDRINUSE, the
 *     mapping in the way named, --base-virtaddr suggested;
 *   - a primary with --in-memory: no files anywhere, secondaries refused;
 *   - a primary that called rte_mp_disable(): EPERM (and rte_mp_disable()
 *     itself fails while a secondary is attached).
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_memzone.h>

#include "mem/mem_private.h"
#include "mp_common.h"

static char secondary_args[256];

/* A peer that must fail rte_eal_init with `err` and log `needle`. */
static void
expect_refused(const char *what, const char *cmd, const char *arg,
	       const char *env, int err, const char *needle)
{
	char want[64];
	struct mp_proc p;

	printf("-- %s\n", what);
	mp_run(cmd, arg, secondary_args, env, 10, 20000, &p);
	snprintf(want, sizeof(want), "init=-1 errno=%d", err);
	EXPECT_CONTAINS(p.out, want);
	EXPECT_CONTAINS(p.err, needle);
}

/* The config file of this test's prefix. */
static void
config_path(char *buf, size_t len)
{
	char dir[512];

	test_runtime_dir(dir, sizeof(dir), test_file_prefix());
	snprintf(buf, len, "%s/config", dir);
}

/* Pretend to be a primary whose config is only its header page. */
static void
truncated_config(const char *prefix)
{
	char dir[512], path[600], src[600];
	struct flock fl = { .l_type = F_WRLCK, .l_start = 0, .l_len = 1 };
	char header[MEM_HEADER_LEN];
	int lock_fd, cfg_fd, in;

	config_path(src, sizeof(src));
	in = open(src, O_RDONLY);
	ASSERT_TRUE(in >= 0);
	ASSERT_EQ_INT((int)pread(in, header, sizeof(header), 0),
		      (int)sizeof(header));
	close(in);
	test_runtime_dir(dir, sizeof(dir), prefix);
	mkdir(dir, 0700);
	snprintf(path, sizeof(path), "%s/lock", dir);
	lock_fd = open(path, O_RDWR | O_CREAT, 0600);
	ASSERT_EQ_INT(fcntl(lock_fd, F_OFD_SETLK, &fl), 0);
	snprintf(path, sizeof(path), "%s/config", dir);
	cfg_fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	ASSERT_EQ_INT((int)write(cfg_fd, header, sizeof(header)),
		      (int)sizeof(header));
	ASSERT_EQ_INT(fcntl(cfg_fd, F_OFD_SETLK, &fl), 0);
	snprintf(secondary_args, sizeof(secondary_args),
		 "--lcores 1@0 --proc-type=secondary --file-prefix %s", prefix);
	expect_refused("truncated config", "attach", NULL, NULL, EPROTO,
		       "truncated");
	unlink(path);
	close(cfg_fd);
	snprintf(path, sizeof(path), "%s/lock", dir);
	unlink(path);
	close(lock_fd);
	rmdir(dir);
}

static int
refusals(void *arg)
{
	char path[600], base[32];
	uint64_t magic, zero = 0;
	int fd;

	(void)arg;
	snprintf(secondary_args, sizeof(secondary_args),
		 "--lcores 1@0 --proc-type=secondary --file-prefix %s",
		 test_file_prefix());
	{
		int64_t t0 = mp_now_ms();

		expect_refused("no primary", "attach", NULL, NULL, ESRCH,
			       "no primary process is running");
		EXPECT_LT_INT((int)(mp_now_ms() - t0), 2000);
	}
	snprintf(path, sizeof(path), "--lcores 0@0 --file-prefix %s",
		 test_file_prefix());
	ASSERT_GE_INT(test_eal_init(path), 0);
	ASSERT_NOT_NULL(rte_memzone_reserve("refuse_zone", 64, SOCKET_ID_ANY,
					    0));

	expect_refused("layout", "attach", NULL,
		       "RTMEM_TEST_FAKE_LAYOUT=max_memzone=100", EPROTO,
		       "field \"max_memzone\" is 2560 in the primary's build "
		       "and 100 in this one");
	expect_refused("version", "attach", NULL,
		       "RTMEM_TEST_FAKE_VERSION=DPDK_0.0.0", EPROTO,
		       "(field \"version\")");

	config_path(path, sizeof(path));
	fd = open(path, O_RDWR);
	ASSERT_TRUE(fd >= 0);
	ASSERT_EQ_INT((int)pread(fd, &magic, sizeof(magic), 0), 8);
	ASSERT_EQ_INT((int)pwrite(fd, &zero, sizeof(zero), 0), 8);
	expect_refused("corrupted magic", "attach", NULL, NULL, EPROTO,
		       "bad magic");
	ASSERT_EQ_INT((int)pwrite(fd, &magic, sizeof(magic), 0), 8);
	close(fd);

	snprintf(base, sizeof(base), "%" PRIx64, rte_eal_get_baseaddr());
	expect_refused("address taken", "premap", base, NULL, EADDRINUSE,
		       "in the way");
	expect_refused("address taken (advice)", "premap", base, NULL,
		       EADDRINUSE, "--base-virtaddr");

	truncated_config(test_file_prefix_n(1));

	/* after all that, the primary and a well-formed secondary are fine */
	snprintf(secondary_args, sizeof(secondary_args),
		 "--lcores 1@0 --proc-type=secondary --file-prefix %s",
		 test_file_prefix());
	{
		struct mp_proc p;

		mp_run("attach", NULL, secondary_args, NULL, 0, 20000, &p);
	}
	EXPECT_NOT_NULL(rte_memzone_lookup("refuse_zone"));
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}

/* --in-memory: nothing on disk, and secondaries are refused. */
static int
in_memory_primary(void *arg)
{
	char args[256], dir[512];
	struct stat st;

	(void)arg;
	snprintf(args, sizeof(args), "--lcores 0@0 --in-memory "
		 "--file-prefix %s", test_file_prefix_n(2));
	ASSERT_GE_INT(test_eal_init(args), 0);
	ASSERT_NOT_NULL(rte_memzone_reserve("private_zone", 4096,
					    SOCKET_ID_ANY, 0));
	test_runtime_dir(dir, sizeof(dir), test_file_prefix_n(2));
	EXPECT_NE_INT(stat(dir, &st), 0);
	EXPECT_EQ_INT(mp_count_shm_files(test_file_prefix_n(2)), 0);
	EXPECT_EQ_STR(rte_eal_get_runtime_dir(), "");
	EXPECT_EQ_INT(rte_eal_primary_proc_alive(NULL), 0);
	snprintf(secondary_args, sizeof(secondary_args),
		 "--lcores 1@0 --proc-type=secondary --file-prefix %s",
		 test_file_prefix_n(2));
	expect_refused("--in-memory primary", "attach", NULL, NULL, ESRCH,
		       "no primary process is running");
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}

/* rte_mp_disable(): refused while a secondary runs, then closes the door */
static int
mp_disabled(void *arg)
{
	char args[256], line[256];
	struct mp_proc p;

	(void)arg;
	snprintf(args, sizeof(args), "--lcores 0@0 --file-prefix %s",
		 test_file_prefix_n(3));
	ASSERT_GE_INT(test_eal_init(args), 0);
	snprintf(secondary_args, sizeof(secondary_args),
		 "--lcores 1@0 --proc-type=secondary --file-prefix %s",
		 test_file_prefix_n(3));
	ASSERT_EQ_INT(mp_spawn(&p, "attach", NULL, secondary_args, NULL), 0);
	EXPECT_EQ_INT(mp_line(&p, line, sizeof(line), 20000), 0);
	EXPECT_EQ_INT(mp_line(&p, line, sizeof(line), 20000), 0);
	EXPECT_CONTAINS(line, "type=1"); /* attached */
	EXPECT_FALSE(rte_mp_disable());
	EXPECT_EQ_INT(mp_finish(&p, 20000), 0);
	EXPECT_TRUE(rte_mp_disable());
	EXPECT_TRUE(rte_mp_disable()); /* already disabled */
	expect_refused("after rte_mp_disable", "attach", NULL, NULL, EPERM,
		       "rte_mp_disable");
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}

int
main(void)
{
	test_child_ok("refusals", refusals, NULL, 120);
	test_child_ok("rte_mp_disable", mp_disabled, NULL, 60);
	test_child_ok("--in-memory", in_memory_primary, NULL, 60);
	EXPECT_EQ_INT(mp_count_shm_files(test_file_prefix()), 0);
	return test_report();
}
