/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: a secondary process, started as a different executable
 * (exec, not fork), sees the primary's memzones and rte_malloc blocks at
 * the same addresses with the same contents, 50 times in a row, and the
 * primary can free what a secondary allocated (design test 1). The same
 * holds without hugepages in every way rtmem falls back to them (design
 * test 6): --no-huge, a --huge-dir that is not hugetlbfs, and an
 * unprivileged user without XDG_RUNTIME_DIR (runtime directory under
 * /tmp); memsegs then report 4 KiB pages. --base-virtaddr moves the shared
 * range, and secondaries follow it.
 */
#include <grp.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "mp_common.h"

#define ROUNDS 50

/* One peer checks the zone and answers with a block the primary frees. */
static void
check_once(struct mp_zone *z, const char *peer_args)
{
	struct mp_proc p;

	z->reply = NULL;
	mp_run("check", NULL, peer_args, NULL, 0, 20000, &p);
	ASSERT_NOT_NULL(z->reply);
	EXPECT_TRUE(mp_check(z->reply, z->reply_len, z->reply_seed));
	rte_free(z->reply);
}

static int
page_size_of_lists(const struct rte_memseg_list *msl, void *arg)
{
	uint64_t *page_sz = arg;

	if (*page_sz == 0 || msl->page_sz < *page_sz)
		*page_sz = msl->page_sz;
	return 0;
}

struct scenario {
	const char *name;
	const char *eal;        /* primary and peers */
	bool nobody;            /* run as uid/gid 65534 without XDG dir */
	bool expect_small_pages;
};

static int
run_scenario(void *arg)
{
	const struct scenario *s = arg;
	char args[512];
	uint64_t page_sz = 0;
	struct mp_zone *z;

	if (s->nobody) {
		/* default options: rtmem must find its way alone */
		unsetenv("RTMEM_TEST_EAL_ARGS");
		unsetenv("XDG_RUNTIME_DIR");
		unsetenv("RUNTIME_DIRECTORY");
		ASSERT_EQ_INT(setgroups(0, NULL), 0);
		ASSERT_EQ_INT(setresgid(65534, 65534, 65534), 0);
		ASSERT_EQ_INT(setresuid(65534, 65534, 65534), 0);
	}
	snprintf(args, sizeof(args), "--lcores 0@0 --file-prefix %s %s",
		 test_file_prefix(), s->eal);
	ASSERT_GE_INT(test_eal_init(args), 0);
	EXPECT_EQ_INT(rte_eal_process_type(), RTE_PROC_PRIMARY);
	rte_memseg_list_walk(page_size_of_lists, &page_sz);
	if (s->expect_small_pages) {
		EXPECT_EQ_INT(rte_eal_has_hugepages(), 0);
		EXPECT_EQ_UINT(page_sz, 4096);
	}
	z = mp_make_zone(10000, 42);
	ASSERT_NOT_NULL(z);
	snprintf(args, sizeof(args), "--lcores 1@0 --proc-type=secondary "
		 "--file-prefix %s %s", test_file_prefix(), s->eal);
	for (int i = 0; i < ROUNDS; i++)
		check_once(z, args);
	rte_free(z->buf);
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}

/* --base-virtaddr: the primary maps there and so does the secondary. */
static int
run_base_virtaddr(void *arg)
{
	uint64_t base = *(const uint64_t *)arg;
	char args[256], line[256], want[64];
	struct mp_proc p;

	snprintf(args, sizeof(args), "--lcores 0@0 --file-prefix %s "
		 "--base-virtaddr=%#" PRIx64, test_file_prefix(), base);
	ASSERT_GE_INT(test_eal_init(args), 0);
	EXPECT_EQ_UINT(rte_eal_get_baseaddr(), base);
	snprintf(args, sizeof(args), "--lcores 1@0 --proc-type=secondary "
		 "--file-prefix %s", test_file_prefix());
	ASSERT_EQ_INT(mp_spawn(&p, "attach", NULL, args, NULL), 0);
	EXPECT_EQ_INT(mp_line(&p, line, sizeof(line), 20000), 0);
	EXPECT_EQ_STR(line, "init=0 errno=0");
	EXPECT_EQ_INT(mp_line(&p, line, sizeof(line), 20000), 0);
	snprintf(want, sizeof(want), "base=%#" PRIx64, base);
	EXPECT_CONTAINS(line, want);
	mp_finish(&p, 20000);
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}

/* A default primary's base, to pick a --base-virtaddr away from it. */
static int
report_default_base(void *arg)
{
	(void)arg;
	ASSERT_GE_INT(test_eal_init("--lcores 0@0 --in-memory"), 0);
	printf("%" PRIu64 "\n", rte_eal_get_baseaddr());
	rte_eal_cleanup();
	return 0;
}

/* /tmp/rtmem must be usable by nobody (or absent) for that scenario. */
static bool
nobody_can_use_tmp(void)
{
	struct stat st;

	if (geteuid() != 0)
		return false;
	if (stat("/tmp/rtmem", &st) != 0)
		return true;
	return st.st_uid == 65534;
}

static void
remove_nobody_runtime_dir(void)
{
	char path[256];

	snprintf(path, sizeof(path), "/tmp/rtmem/%s/lock", test_file_prefix());
	unlink(path);
	snprintf(path, sizeof(path), "/tmp/rtmem/%s", test_file_prefix());
	rmdir(path);
	rmdir("/tmp/rtmem"); /* only if nobody else uses it */
}

int
main(void)
{
	static char huge_dir[] = "/tmp/rtmem_test_not_huge_XXXXXX";
	static char huge_dir_arg[64];
	static struct scenario scenarios[] = {
		{ "default", "", false, false },
		{ "--no-huge", "--no-huge", false, true },
		{ "--huge-dir on tmpfs/disk", huge_dir_arg, false, true },
		{ "unprivileged user", "", true, true },
	};
	struct test_child_result res;
	uint64_t base;

	ASSERT_NOT_NULL(mkdtemp(huge_dir));
	snprintf(huge_dir_arg, sizeof(huge_dir_arg), "--huge-dir=%s", huge_dir);
	scenarios[0].expect_small_pages = !test_on_hugepages();
	for (size_t i = 0; i < RTE_DIM(scenarios); i++) {
		if (scenarios[i].nobody && !nobody_can_use_tmp()) {
			printf("skip %s: needs root, and /tmp/rtmem free or "
			       "owned by nobody\n", scenarios[i].name);
			continue;
		}
		test_child_ok(scenarios[i].name, run_scenario, &scenarios[i],
			      120);
		if (scenarios[i].nobody)
			remove_nobody_runtime_dir();
		EXPECT_EQ_INT(mp_count_shm_files(test_file_prefix()), 0);
	}
	rmdir(huge_dir);

	ASSERT_EQ_INT(test_run_child(report_default_base, NULL, 30, &res), 0);
	base = strtoull(res.out, NULL, 10);
	ASSERT_TRUE(base != 0);
	base += 64ull << 30;
	test_child_ok("--base-virtaddr", run_base_virtaddr, &base, 60);
	return test_report();
}
