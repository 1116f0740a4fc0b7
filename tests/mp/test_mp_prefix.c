/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: --file-prefix isolates groups of processes (design test 7).
 * Primaries "a" and "b" both create a memzone with the same name;
 * secondaries of each prefix see only their own. Killing and restarting
 * "a" never touches "b"'s files or memory, and "a"'s rte_eal_cleanup()
 * leaves "b" intact.
 */
#include <sys/stat.h>

#include "mp_common.h"

struct group {
	const char *prefix;
	char primary[256], secondary[256];
	struct mp_proc proc;
};

static void
group_init(struct group *g, const char *prefix)
{
	g->prefix = prefix;
	snprintf(g->primary, sizeof(g->primary),
		 "--lcores 0@0 --proc-type=primary --file-prefix %s", prefix);
	snprintf(g->secondary, sizeof(g->secondary),
		 "--lcores 1@0 --proc-type=secondary --file-prefix %s", prefix);
}

static void
group_start(struct group *g, const char *seed)
{
	char line[256];

	ASSERT_EQ_INT(mp_spawn(&g->proc, "serve", seed, g->primary, NULL), 0);
	ASSERT_EQ_INT(mp_line(&g->proc, line, sizeof(line), 30000), 0);
	ASSERT_EQ_INT(mp_line(&g->proc, line, sizeof(line), 30000), 0);
	EXPECT_CONTAINS(line, "ready type=0");
}

/* A secondary of g sees its own zone, filled from `seed`. */
static void
group_sees(struct group *g, const char *seed)
{
	char want[32];
	struct mp_proc p;

	mp_run("check", NULL, g->secondary, NULL, 0, 30000, &p);
	snprintf(want, sizeof(want), "seed=%s\n", seed);
	EXPECT_CONTAINS(p.out, want);
}

/* inode of b's first backing file (0 if none): proves it was untouched */
static ino_t
shm_inode(const char *prefix)
{
	char dir[256], path[512];
	struct stat st;

	mp_backing_dir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/rtmem.%s.map_0", dir, prefix);
	return stat(path, &st) == 0 ? st.st_ino : 0;
}

int
main(void)
{
	struct group a, b;
	ino_t b_inode;

	group_init(&a, test_file_prefix_n(1));
	group_init(&b, test_file_prefix_n(2));
	group_start(&a, "1");
	group_start(&b, "2");
	group_sees(&a, "1");
	group_sees(&b, "2");
	b_inode = shm_inode(b.prefix);

	kill(a.proc.pid, SIGKILL);
	mp_finish(&a.proc, 10000);
	group_sees(&b, "2");
	group_start(&a, "3");
	group_sees(&a, "3");
	group_sees(&b, "2");
	EXPECT_EQ_UINT(shm_inode(b.prefix), b_inode);

	EXPECT_EQ_INT(mp_finish(&a.proc, 30000), 0); /* a's cleanup */
	group_sees(&b, "2");
	EXPECT_EQ_UINT(shm_inode(b.prefix), b_inode);
	EXPECT_EQ_INT(mp_count_shm_files(a.prefix), 0);
	EXPECT_EQ_INT(mp_finish(&b.proc, 30000), 0);
	EXPECT_EQ_INT(mp_count_shm_files(b.prefix), 0);
	return test_report();
}
