/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: hugepage discovery (hugepage_info_discover and
 * hugepage_info_node_pages) on fake sysfs and proc trees built under a
 * mkdtemp() directory, so every rule runs on any machine, as root or not:
 * no hugepage directory; the free-count arithmetic (resv > free, surplus >
 * overcommit, clamping to 32 bits without wrapping); per-node counts and
 * the node-0 fallback; the meminfo default size; hugetlbfs mounts (pagesize=
 * spellings, the default size, other file systems ignored, the first mount
 * wins, escaped and over-long mount points); sort order and the
 * HUGEPAGE_MAX_SIZES cut; garbage names and contents; files that exist but
 * cannot be read; a --huge-dir that is not hugetlbfs. The real /sys and
 * /proc are read too, and a real hugetlbfs mount, when the machine has one,
 * is checked as an accepted --huge-dir.
 */
#include <errno.h>
#include <ftw.h>
#include <inttypes.h>
#include <limits.h>
#include <mntent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "mem/hugepage_info.h"
#include "test.h"

#define KIB_64K UINT64_C(64)
#define KIB_2M  UINT64_C(2048)
#define KIB_32M UINT64_C(32768)
#define KIB_1G  UINT64_C(1048576)
#define SZ_64K  (KIB_64K * 1024)
#define SZ_2M   (KIB_2M * 1024)
#define SZ_32M  (KIB_32M * 1024)
#define SZ_1G   (KIB_1G * 1024)

#define SIZE_DIR_FMT "%s/kernel/mm/hugepages/hugepages-%" PRIu64 "kB"
#define NODE_DIR_FMT \
	"%s/devices/system/node/node%u/hugepages/hugepages-%" PRIu64 "kB"

static char top[PATH_MAX]; /* the mkdtemp() directory holding everything */

/* A fake machine: base = <top>/<name>, holding sys/ and proc/. */
struct fake {
	char base[PATH_MAX];
	char sys[PATH_MAX];
	char proc[PATH_MAX];
};

/* snprintf() that ends the test when the text does not fit. */
__attribute__((format(printf, 3, 4))) static void
fmt_checked(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	ASSERT_TRUE(n >= 0 && (size_t)n < size);
}

static void
mkdir_p(const char *path)
{
	char buf[PATH_MAX];

	ASSERT_TRUE(strlen(path) < sizeof(buf));
	strcpy(buf, path);
	for (char *p = buf + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(buf, 0755); /* checked through the last one */
		*p = '/';
	}
	if (mkdir(buf, 0755) != 0)
		ASSERT_EQ_INT(errno, EEXIST);
}

/* Write content to the file at the formatted path, making its directories. */
__attribute__((format(printf, 2, 3))) static void
write_file(const char *content, const char *fmt, ...)
{
	char path[PATH_MAX];
	char *slash;
	va_list ap;
	FILE *f;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	ASSERT_TRUE(n > 0 && n < (int)sizeof(path));
	slash = strrchr(path, '/');
	*slash = '\0';
	mkdir_p(path);
	*slash = '/';
	f = fopen(path, "w");
	ASSERT_NOT_NULL(f);
	fputs(content, f);
	ASSERT_EQ_INT(fclose(f), 0);
}

static void
fake_init(struct fake *fk, const char *name)
{
	fmt_checked(fk->base, sizeof(fk->base), "%s/%s", top, name);
	fmt_checked(fk->sys, sizeof(fk->sys), "%s/sys", fk->base);
	fmt_checked(fk->proc, sizeof(fk->proc), "%s/proc", fk->base);
	mkdir_p(fk->sys);
	mkdir_p(fk->proc);
}

/* Write <file> of the size's sysfs directory (creating the size). */
static void
fake_count(const struct fake *fk, uint64_t kib, const char *file,
	   const char *content)
{
	write_file(content, SIZE_DIR_FMT "/%s", fk->sys, kib, file);
}

static void
fake_node_count(const struct fake *fk, unsigned int node, uint64_t kib,
		const char *content)
{
	write_file(content, NODE_DIR_FMT "/free_hugepages", fk->sys, node, kib);
}

static void
fake_meminfo(const struct fake *fk, const char *content)
{
	write_file(content, "%s/meminfo", fk->proc);
}

static void
fake_mounts(const struct fake *fk, const char *content)
{
	write_file(content, "%s/mounts", fk->proc);
}

/* Discover on fk without --huge-dir, which must succeed. */
static void
discover_ok(const struct fake *fk, struct hugepage_info *hi)
{
	bool rejected = true;

	memset(hi, 0xa5, sizeof(*hi)); /* discovery must set every field */
	ASSERT_EQ_INT(hugepage_info_discover(hi, fk->sys, fk->proc, NULL,
					     &rejected), 0);
	EXPECT_FALSE(rejected);
}

/* The entry for page_sz; the test ends when there is none. */
static const struct hugepage_size *
size_of(const struct hugepage_info *hi, uint64_t page_sz)
{
	for (unsigned int i = 0; i < hi->n_sizes; i++)
		if (hi->size[i].page_sz == page_sz)
			return &hi->size[i];
	printf("no entry for page size %" PRIu64 "\n", page_sz);
	ASSERT_TRUE(false);
	return NULL;
}

static void
test_no_hugepages(void)
{
	static const char long_root_part[] = "/deep";
	char long_root[PATH_MAX + 64] = "";
	struct hugepage_info hi;
	struct fake fk;
	bool rejected;

	/* empty sysfs and proc: nothing, and no error */
	fake_init(&fk, "empty");
	discover_ok(&fk, &hi);
	EXPECT_EQ_UINT(hi.n_sizes, 0);
	EXPECT_EQ_UINT(hi.default_size, 0);

	/* roots that do not exist */
	memset(&hi, 0xa5, sizeof(hi));
	EXPECT_EQ_INT(hugepage_info_discover(&hi, "/nonexistent-rtmem-sys",
					     "/nonexistent-rtmem-proc", NULL,
					     &rejected), 0);
	EXPECT_EQ_UINT(hi.n_sizes, 0);
	EXPECT_EQ_UINT(hi.default_size, 0);

	/* kernel/mm/hugepages is a file, not a directory: no hugepages */
	fake_init(&fk, "hugepages-is-a-file");
	write_file("", "%s/kernel/mm/hugepages", fk.sys);
	discover_ok(&fk, &hi);
	EXPECT_EQ_UINT(hi.n_sizes, 0);

	/* a root longer than PATH_MAX: every path is skipped */
	while (strlen(long_root) + sizeof(long_root_part) < sizeof(long_root))
		strcat(long_root, long_root_part);
	memset(&hi, 0xa5, sizeof(hi));
	EXPECT_EQ_INT(hugepage_info_discover(&hi, long_root, long_root, NULL,
					     &rejected), 0);
	EXPECT_EQ_UINT(hi.n_sizes, 0);
	EXPECT_EQ_UINT(hi.default_size, 0);
}

/* free_pages = max(0, free - resv) + max(0, overcommit - surplus), 32 bits */
static void
test_free_count_arithmetic(void)
{
	static const struct {
		/* file contents; NULL: no file */
		const char *nfree, *resv, *overcommit, *surplus;
		uint32_t want;
	} cases[] = {
		{ "10", "3", "5", "2", 10 },
		{ "10", "0", "0", "0", 10 },
		{ "2", "5", "0", "0", 0 },           /* resv > free */
		{ "2", "5", "4", "1", 3 },
		{ "8", "1", "1", "4", 7 },           /* surplus > overcommit */
		{ "3", "9", "2", "7", 0 },           /* both */
		{ "6", NULL, NULL, NULL, 6 },        /* missing files are 0 */
		{ NULL, NULL, "9", NULL, 9 },
		{ NULL, NULL, NULL, NULL, 0 },
		{ "5000000000", "0", "0", "0", UINT32_MAX },
		/* the sum clamps */
		{ "4294967295", "0", "1", "0", UINT32_MAX },
		{ "4294967295", "1", "1", "0", UINT32_MAX },
		{ "4294967294", "0", "1", "0", UINT32_MAX },
		{ "4294967293", "0", "1", "0", 4294967294u },
		{ "0", "0", "18446744073709551615", "0", UINT32_MAX },
		/* the sum of two large terms must not wrap around 64 bits */
		{ "18446744073709551615", "0", "2", "0", UINT32_MAX },
		{ "18446744073709551615", "0", "18446744073709551615", "0",
		  UINT32_MAX },
		{ "18446744073709551615", "18446744073709551615", "0", "0", 0 },
	};
	static const char *const files[] = {
		"free_hugepages", "resv_hugepages", "nr_overcommit_hugepages",
		"surplus_hugepages",
	};

	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		const char *values[] = {
			cases[c].nfree, cases[c].resv, cases[c].overcommit,
			cases[c].surplus,
		};
		const struct hugepage_size *hs2m, *hs1g;
		char name[32], line[32], dir2m[PATH_MAX];
		struct hugepage_info hi;
		struct fake fk;

		fmt_checked(name, sizeof(name), "count-%zu", c);
		fake_init(&fk, name);
		/* the 2M directory exists even when it has no count files */
		fmt_checked(dir2m, sizeof(dir2m), SIZE_DIR_FMT, fk.sys, KIB_2M);
		mkdir_p(dir2m);
		for (size_t f = 0; f < 4; f++) {
			if (values[f] == NULL)
				continue;
			fmt_checked(line, sizeof(line), "%s\n", values[f]);
			fake_count(&fk, KIB_2M, files[f], line);
		}
		/* a second size with its own counts: 2 + 1 */
		fake_count(&fk, KIB_1G, "free_hugepages", "3\n");
		fake_count(&fk, KIB_1G, "resv_hugepages", "1\n");
		fake_count(&fk, KIB_1G, "nr_overcommit_hugepages", "2\n");
		fake_count(&fk, KIB_1G, "surplus_hugepages", "1\n");

		discover_ok(&fk, &hi);
		ASSERT_EQ_UINT(hi.n_sizes, 2);
		hs2m = size_of(&hi, SZ_2M);
		hs1g = size_of(&hi, SZ_1G);
		if (hs2m->free_pages != cases[c].want)
			printf("case %zu: free %s resv %s overcommit %s "
			       "surplus %s\n", c, cases[c].nfree,
			       cases[c].resv, cases[c].overcommit,
			       cases[c].surplus);
		EXPECT_EQ_UINT(hs2m->free_pages, cases[c].want);
		EXPECT_EQ_UINT(hs1g->free_pages, 3);
		/* no mounts file: no directory, not writable */
		EXPECT_EQ_STR(hs2m->dir, "");
		EXPECT_FALSE(hs2m->dir_writable);
	}
}

static void
test_node_counts(void)
{
	const struct hugepage_size *hs2m, *hs1g;
	struct hugepage_info hi;
	struct fake fk;

	fake_init(&fk, "nodes");
	fake_count(&fk, KIB_2M, "free_hugepages", "10\n");
	fake_node_count(&fk, 0, KIB_2M, "3\n");
	fake_node_count(&fk, 1, KIB_2M, "4\n");
	fake_node_count(&fk, 2, KIB_2M, "5000000000\n"); /* clamped */
	fake_node_count(&fk, 3, KIB_2M, "x\n");          /* garbage: 0 */
	fake_node_count(&fk, RTE_MAX_NUMA_NODES - 1, KIB_2M, "2\n");
	fake_node_count(&fk, RTE_MAX_NUMA_NODES, KIB_2M, "99\n"); /* not read */
	/* 1G has no node tree at all */
	fake_count(&fk, KIB_1G, "free_hugepages", "5\n");
	discover_ok(&fk, &hi);
	hs2m = size_of(&hi, SZ_2M);
	hs1g = size_of(&hi, SZ_1G);

	EXPECT_EQ_UINT(hs2m->free_pages, 10);
	EXPECT_EQ_UINT(hs2m->node_free_pages[0], 3);
	EXPECT_EQ_UINT(hs2m->node_free_pages[1], 4);
	EXPECT_EQ_UINT(hs2m->node_free_pages[2], UINT32_MAX);
	EXPECT_EQ_UINT(hs2m->node_free_pages[3], 0);
	EXPECT_EQ_UINT(hs2m->node_free_pages[4], 0);
	EXPECT_EQ_UINT(hs2m->node_free_pages[RTE_MAX_NUMA_NODES - 1], 2);
	EXPECT_EQ_UINT(hugepage_info_node_pages(hs2m, 0), 3);
	EXPECT_EQ_UINT(hugepage_info_node_pages(hs2m, 1), 4);
	EXPECT_EQ_UINT(hugepage_info_node_pages(hs2m, 4), 0);
	EXPECT_EQ_UINT(hugepage_info_node_pages(hs2m, RTE_MAX_NUMA_NODES - 1),
		       2);
	EXPECT_EQ_UINT(hugepage_info_node_pages(hs2m, RTE_MAX_NUMA_NODES), 0);
	EXPECT_EQ_UINT(hugepage_info_node_pages(hs2m, UINT32_MAX), 0);

	/* no node reported a page: all of them are node 0's */
	for (unsigned int n = 0; n < RTE_MAX_NUMA_NODES; n++)
		EXPECT_EQ_UINT(hs1g->node_free_pages[n], 0);
	EXPECT_EQ_UINT(hugepage_info_node_pages(hs1g, 0), 5);
	EXPECT_EQ_UINT(hugepage_info_node_pages(hs1g, 1), 0);
	EXPECT_EQ_UINT(hugepage_info_node_pages(hs1g, RTE_MAX_NUMA_NODES), 0);

	/* only node 1 has pages: node 0 gets its own count, 0, not the total */
	fake_init(&fk, "nodes-only-1");
	fake_count(&fk, KIB_2M, "free_hugepages", "6\n");
	fake_node_count(&fk, 0, KIB_2M, "0\n");
	fake_node_count(&fk, 1, KIB_2M, "6\n");
	discover_ok(&fk, &hi);
	ASSERT_EQ_UINT(hi.n_sizes, 1);
	EXPECT_EQ_UINT(hugepage_info_node_pages(&hi.size[0], 0), 0);
	EXPECT_EQ_UINT(hugepage_info_node_pages(&hi.size[0], 1), 6);
}

static void
test_default_size(void)
{
	static const struct {
		const char *meminfo; /* NULL: no file */
		uint64_t want;
	} cases[] = {
		{ "MemTotal:       16384 kB\nHugePages_Total:       0\n"
		  "Hugepagesize:       2048 kB\nHugetlb:               0 kB\n",
		  SZ_2M },
		{ "Hugepagesize:    1048576 kB\n", SZ_1G },
		{ "Hugepagesize:\t64 kB", SZ_64K }, /* a tab, no newline */
		{ "Hugepagesize: 2048 kB\nHugepagesize: 64 kB\n", SZ_2M },
		{ "MemTotal:       16384 kB\n", 0 },
		{ "Hugepagesize:\n", 0 },
		{ "Hugepagesize: abc kB\n", 0 },
		{ "Hugepagesize: 2048 MB\n", 0 },
		{ "Hugepagesize: 2048\n", 0 },
		{ "Hugepagesize: -2048 kB\n", 0 },
		{ "Hugepagesize: 2048 kB extra\n", 0 },
		{ "Hugepagesize: 99999999999999999999 kB\n", 0 },
		{ "Hugepagesize: 18014398509481984 kB\n", 0 }, /* 2^64 bytes */
		{ " Hugepagesize: 2048 kB\n", 0 },
		{ "", 0 },
		{ NULL, 0 },
	};

	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		struct hugepage_info hi;
		struct fake fk;
		char name[32];

		fmt_checked(name, sizeof(name), "meminfo-%zu", c);
		fake_init(&fk, name);
		if (cases[c].meminfo != NULL)
			fake_meminfo(&fk, cases[c].meminfo);
		discover_ok(&fk, &hi);
		if (hi.default_size != cases[c].want)
			printf("case %zu: meminfo \"%s\"\n", c,
			       cases[c].meminfo ? cases[c].meminfo : "(none)");
		EXPECT_EQ_UINT(hi.default_size, cases[c].want);
	}
}

/* Give fk sizes 64K, 2M and 1G, default 2M, and the given mounts file. */
static void
fake_mount_machine(const struct fake *fk, const char *mounts)
{
	fake_count(fk, KIB_64K, "free_hugepages", "1\n");
	fake_count(fk, KIB_2M, "free_hugepages", "1\n");
	fake_count(fk, KIB_1G, "free_hugepages", "1\n");
	fake_meminfo(fk, "Hugepagesize:       2048 kB\n");
	fake_mounts(fk, mounts);
}

static void
test_mounts(void)
{
	char mounts[8 * PATH_MAX], dir1g[PATH_MAX], dirdef[PATH_MAX];
	char dirspace[PATH_MAX], too_long[PATH_MAX + 1], longest[PATH_MAX];
	struct hugepage_info hi;
	struct fake fk;

	/*
	 * A non-hugetlbfs line first (it would claim 2M), then 1G, a mount
	 * without pagesize= (the default, 2M), and later mounts of both
	 * sizes, which lose to the first ones.
	 */
	fake_init(&fk, "mounts");
	fmt_checked(dir1g, sizeof(dir1g), "%s/mnt/huge1G", fk.base);
	fmt_checked(dirdef, sizeof(dirdef), "%s/mnt/huge-default", fk.base);
	mkdir_p(dir1g);
	mkdir_p(dirdef);
	fmt_checked(mounts, sizeof(mounts),
		    "proc /proc proc rw,nosuid 0 0\n"
		    "tmpfs %s/mnt/tmp tmpfs rw,pagesize=2M 0 0\n"
		    "hugetlbfs %s hugetlbfs rw,relatime,pagesize=1G 0 0\n"
		    "nodev %s hugetlbfs rw,relatime 0 0\n"
		    "hugetlbfs %s/mnt/second2M hugetlbfs rw,pagesize=2M 0 0\n"
		    "nodev %s/mnt/second1G hugetlbfs rw,pagesize=1024M 0 0\n",
		    fk.base, dir1g, dirdef, fk.base, fk.base);
	fake_mount_machine(&fk, mounts);
	discover_ok(&fk, &hi);
	EXPECT_EQ_UINT(hi.default_size, SZ_2M);
	ASSERT_EQ_UINT(hi.n_sizes, 3);
	EXPECT_EQ_STR(size_of(&hi, SZ_1G)->dir, dir1g);
	EXPECT_TRUE(size_of(&hi, SZ_1G)->dir_writable);
	EXPECT_EQ_STR(size_of(&hi, SZ_2M)->dir, dirdef);
	EXPECT_TRUE(size_of(&hi, SZ_2M)->dir_writable);
	EXPECT_EQ_STR(size_of(&hi, SZ_64K)->dir, "");
	EXPECT_FALSE(size_of(&hi, SZ_64K)->dir_writable);

	/*
	 * No meminfo: a mount without pagesize= serves no size. A mount point
	 * that does not exist is taken but not writable.
	 */
	fake_init(&fk, "mounts-no-default");
	fmt_checked(mounts, sizeof(mounts),
		    "nodev %s/mnt/a hugetlbfs rw 0 0\n"
		    "nodev %s/mnt/missing hugetlbfs rw,pagesize=2048k 0 0\n",
		    fk.base, fk.base);
	fake_count(&fk, KIB_2M, "free_hugepages", "1\n");
	fake_mounts(&fk, mounts);
	discover_ok(&fk, &hi);
	EXPECT_EQ_UINT(hi.default_size, 0);
	ASSERT_EQ_UINT(hi.n_sizes, 1);
	fmt_checked(dirdef, sizeof(dirdef), "%s/mnt/missing", fk.base);
	EXPECT_EQ_STR(hi.size[0].dir, dirdef);
	EXPECT_FALSE(hi.size[0].dir_writable);

	/* an escaped space in the mount point (getmntent decodes \040) */
	fake_init(&fk, "mounts-space");
	fmt_checked(dirspace, sizeof(dirspace), "%s/mnt/with space", fk.base);
	mkdir_p(dirspace);
	fmt_checked(mounts, sizeof(mounts),
		    "none %s/mnt/with\\040space hugetlbfs rw,pagesize=2M 0 0\n",
		    fk.base);
	fake_mount_machine(&fk, mounts);
	discover_ok(&fk, &hi);
	EXPECT_EQ_STR(size_of(&hi, SZ_2M)->dir, dirspace);
	EXPECT_TRUE(size_of(&hi, SZ_2M)->dir_writable);

	/*
	 * A mount point of PATH_MAX characters is skipped, so the next mount
	 * of that size wins; one of PATH_MAX - 1 characters fits.
	 */
	memset(too_long, 'a', PATH_MAX);
	too_long[0] = '/';
	too_long[PATH_MAX] = '\0';
	memcpy(longest, too_long, PATH_MAX - 1);
	longest[PATH_MAX - 1] = '\0';
	fmt_checked(mounts, sizeof(mounts),
		    "nodev %s hugetlbfs rw,pagesize=2M 0 0\n"
		    "nodev %s hugetlbfs rw,pagesize=2M 0 0\n",
		    too_long, longest);
	fake_init(&fk, "mounts-long");
	fake_mount_machine(&fk, mounts);
	discover_ok(&fk, &hi);
	EXPECT_EQ_STR(size_of(&hi, SZ_2M)->dir, longest);
	EXPECT_FALSE(size_of(&hi, SZ_2M)->dir_writable);
}

/* Which size a mount with these options serves (0: none). */
static void
test_pagesize_option(void)
{
	static const struct {
		const char *opts;
		uint64_t want;
	} cases[] = {
		{ "rw,relatime,pagesize=2M", SZ_2M },
		{ "pagesize=1G,rw", SZ_1G },
		{ "rw,pagesize=1024M", SZ_1G },
		{ "rw,pagesize=2048k", SZ_2M },
		{ "rw,pagesize=2048K", SZ_2M },
		{ "rw,pagesize=2m", SZ_2M },
		{ "rw,pagesize=1g", SZ_1G },
		{ "rw,pagesize=2097152", SZ_2M },      /* bytes */
		{ "rw,pagesize=64K", SZ_64K },
		{ "rw", SZ_2M },                       /* the default size */
		{ "rw,pagesizes=1G", SZ_2M },          /* another option */
		{ "rw,pagesize=4M", 0 },               /* no such size */
		{ "rw,pagesize=2X", 0 },
		{ "rw,pagesize=2MB", 0 },
		{ "rw,pagesize=", 0 },
		{ "rw,pagesize=M", 0 },
		{ "rw,pagesize", 0 },
		{ "rw,pagesize=-2M", 0 },
		{ "rw,pagesize= 2M", 0 },
		{ "rw,pagesize=99999999999999999999", 0 },
		{ "rw,pagesize=17179869184G", 0 },     /* 2^64 bytes */
	};

	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		char mounts[PATH_MAX + 128], dir[PATH_MAX], name[32];
		struct hugepage_info hi;
		struct fake fk;

		fmt_checked(name, sizeof(name), "pagesize-%zu", c);
		fake_init(&fk, name);
		fmt_checked(dir, sizeof(dir), "%s/mnt", fk.base);
		fmt_checked(mounts, sizeof(mounts),
			    "nodev %s hugetlbfs %s 0 0\n", dir, cases[c].opts);
		fake_mount_machine(&fk, mounts);
		discover_ok(&fk, &hi);
		ASSERT_EQ_UINT(hi.n_sizes, 3);
		for (unsigned int i = 0; i < hi.n_sizes; i++) {
			bool want = hi.size[i].page_sz == cases[c].want;

			if (want != (strcmp(hi.size[i].dir, dir) == 0))
				printf("case %zu: options \"%s\", size %" PRIu64
				       "\n", c, cases[c].opts,
				       hi.size[i].page_sz);
			EXPECT_EQ_STR(hi.size[i].dir, want ? dir : "");
		}
	}
}

static void
check_sizes(const struct hugepage_info *hi, const uint64_t *want_sz,
	    const uint32_t *want_free, unsigned int n)
{
	ASSERT_EQ_UINT(hi->n_sizes, n);
	for (unsigned int i = 0; i < n; i++) {
		EXPECT_EQ_UINT(hi->size[i].page_sz, want_sz[i]);
		EXPECT_EQ_UINT(hi->size[i].free_pages, want_free[i]);
	}
}

static void
test_sort_and_cut(void)
{
	/* kB sizes, each with free_hugepages = its index + 1 */
	static const uint64_t kib[] = { KIB_2M, KIB_1G, KIB_64K, KIB_32M };
	static const uint64_t many_kib[] = { 64, 2048, 32768, 524288, 1048576,
					     16777216 };
	const uint64_t sorted_sz[] = { SZ_1G, SZ_32M, SZ_2M, SZ_64K };
	const uint32_t sorted_free[] = { 2, 4, 1, 3 };
	const uint64_t many_sz[] = { UINT64_C(16777216) << 10, SZ_1G,
				     UINT64_C(524288) << 10, SZ_32M };
	const uint32_t many_free[] = { 6, 5, 4, 3 };
	const size_t n_many = sizeof(many_kib) / sizeof(many_kib[0]);
	struct hugepage_info hi;
	struct fake fk;
	char count[16];

	fake_init(&fk, "sorted");
	for (size_t i = 0; i < sizeof(kib) / sizeof(kib[0]); i++) {
		fmt_checked(count, sizeof(count), "%zu\n", i + 1);
		fake_count(&fk, kib[i], "free_hugepages", count);
	}
	discover_ok(&fk, &hi);
	check_sizes(&hi, sorted_sz, sorted_free, 4);

	/*
	 * Six sizes: the four largest are kept. The directories are created
	 * in both orders, although readdir() order is the file system's.
	 */
	for (int order = 0; order < 2; order++) {
		fake_init(&fk, order == 0 ? "many-up" : "many-down");
		for (size_t j = 0; j < n_many; j++) {
			size_t i = order == 0 ? j : n_many - 1 - j;

			fmt_checked(count, sizeof(count), "%zu\n", i + 1);
			fake_count(&fk, many_kib[i], "free_hugepages", count);
		}
		discover_ok(&fk, &hi);
		check_sizes(&hi, many_sz, many_free, HUGEPAGE_MAX_SIZES);
	}
}

static void
test_garbage(void)
{
	static const char *const bad_names[] = {
		"hugepages-", "hugepages-kB", "hugepages-2048",
		"hugepages-2048kb", "hugepages-2048kBx", "hugepages--2048kB",
		"hugepages-+2048kB", "hugepages- 2048kB", "hugepages-02048kB",
		"hugepages-0kB", "hugepages-3000kB", "hugepages-0x800kB",
		"hugepages-99999999999999999999kB",
		"hugepages-18014398509481984kB", /* 2^64 bytes */
		"Hugepages-1048576kB", "hugepages2048kB", "other",
	};
	static const struct {
		const char *content;
		uint32_t want;
	} counts[] = {
		{ "7\n", 7 }, { "7", 7 }, { "5\njunk\n", 5 },
		{ "abc\n", 0 }, { "-5\n", 0 }, { "+5\n", 0 }, { " 5\n", 0 },
		{ "5 \n", 0 }, { "12abc\n", 0 }, { "0x10\n", 0 }, { "", 0 },
		{ "\n", 0 }, { "99999999999999999999\n", 0 },
		{ "\xff\x01\x02", 0 },
		{ "1111111111111111111111111111111111111111111111111111\n", 0 },
	};
	char mounts[2 * PATH_MAX], good[PATH_MAX];
	struct hugepage_info hi;
	struct fake fk;

	/* bad directory names are ignored; only 2048kB is a size */
	fake_init(&fk, "bad-names");
	for (size_t i = 0; i < sizeof(bad_names) / sizeof(bad_names[0]); i++)
		write_file("1\n", "%s/kernel/mm/hugepages/%s/free_hugepages",
			   fk.sys, bad_names[i]);
	fake_count(&fk, KIB_2M, "free_hugepages", "1\n");
	discover_ok(&fk, &hi);
	ASSERT_EQ_UINT(hi.n_sizes, 1);
	EXPECT_EQ_UINT(hi.size[0].page_sz, SZ_2M);
	EXPECT_EQ_UINT(hi.size[0].free_pages, 1);

	/* count files that are not a number count as 0 */
	for (size_t c = 0; c < sizeof(counts) / sizeof(counts[0]); c++) {
		char name[32];

		fmt_checked(name, sizeof(name), "bad-count-%zu", c);
		fake_init(&fk, name);
		fake_count(&fk, KIB_2M, "free_hugepages", counts[c].content);
		fake_count(&fk, KIB_2M, "nr_overcommit_hugepages",
			   counts[c].content);
		discover_ok(&fk, &hi);
		ASSERT_EQ_UINT(hi.n_sizes, 1);
		if (hi.size[0].free_pages != 2 * counts[c].want)
			printf("count case %zu\n", c);
		EXPECT_EQ_UINT(hi.size[0].free_pages, 2 * counts[c].want);
	}

	/* odd lines in mounts are ignored; the good line still wins */
	fake_init(&fk, "bad-mounts");
	fmt_checked(good, sizeof(good), "%s/mnt", fk.base);
	fmt_checked(mounts, sizeof(mounts),
		    "\n"
		    "# nodev /comment hugetlbfs rw,pagesize=2M 0 0\n"
		    "onefield\n"
		    "two fields\n"
		    "nodev /notype\n"
		    "\t  \n"
		    "nodev /x hugetlbfs_not rw,pagesize=2M 0 0\n"
		    "nodev /y HUGETLBFS rw,pagesize=2M 0 0\n"
		    "\xff\xfe \x01 \x02\n"
		    "nodev %s hugetlbfs rw,pagesize=2M 0 0\n",
		    good);
	fake_mount_machine(&fk, mounts);
	discover_ok(&fk, &hi);
	EXPECT_EQ_STR(size_of(&hi, SZ_2M)->dir, good);
}

/* A file that exists but cannot be read fails discovery, zeroing *hi. */
static void
expect_unreadable(const struct fake *fk)
{
	struct hugepage_info hi;
	bool rejected = true;
	int ret;

	memset(&hi, 0xa5, sizeof(hi));
	ret = hugepage_info_discover(&hi, fk->sys, fk->proc, NULL, &rejected);
	if (ret >= 0)
		printf("%s: discovery returned %d\n", fk->base, ret);
	EXPECT_LT_INT(ret, 0);
	EXPECT_EQ_UINT(hi.n_sizes, 0);
	EXPECT_EQ_UINT(hi.default_size, 0);
	EXPECT_FALSE(rejected);
}

static void
test_unreadable(void)
{
	char path[PATH_MAX];
	struct fake fk;

	/*
	 * A directory where a file should be: it opens, but reading fails
	 * (EISDIR), for root as well.
	 */
	fake_init(&fk, "count-is-dir");
	fake_count(&fk, KIB_2M, "free_hugepages", "1\n");
	fmt_checked(path, sizeof(path), SIZE_DIR_FMT "/resv_hugepages", fk.sys,
		    KIB_2M);
	mkdir_p(path);
	expect_unreadable(&fk);

	fake_init(&fk, "node-count-is-dir");
	fake_count(&fk, KIB_2M, "free_hugepages", "1\n");
	fmt_checked(path, sizeof(path), NODE_DIR_FMT "/free_hugepages", fk.sys,
		    1u, KIB_2M);
	mkdir_p(path);
	expect_unreadable(&fk);

	fake_init(&fk, "meminfo-is-dir");
	fake_count(&fk, KIB_2M, "free_hugepages", "1\n");
	fmt_checked(path, sizeof(path), "%s/meminfo", fk.proc);
	mkdir_p(path);
	expect_unreadable(&fk);

	fake_init(&fk, "mounts-is-dir");
	fake_count(&fk, KIB_2M, "free_hugepages", "1\n");
	fmt_checked(path, sizeof(path), "%s/mounts", fk.proc);
	mkdir_p(path);
	expect_unreadable(&fk);

	/* permission denied: only an ordinary user can see it */
	if (geteuid() != 0) {
		fake_init(&fk, "count-no-permission");
		fake_count(&fk, KIB_2M, "free_hugepages", "1\n");
		fmt_checked(path, sizeof(path), SIZE_DIR_FMT "/free_hugepages",
			    fk.sys, KIB_2M);
		ASSERT_EQ_INT(chmod(path, 0), 0);
		expect_unreadable(&fk);
	} else {
		printf("root: the permission-denied case is skipped\n");
	}
}

static void
test_huge_dir_rejected(void)
{
	char mounts[2 * PATH_MAX], plain[PATH_MAX], too_long[PATH_MAX + 1];
	const char *huge_dirs[] = { plain, "/nonexistent-rtmem-huge-dir",
				    too_long, "" };
	struct hugepage_info hi;
	struct fake fk;

	/* mounts that would serve both sizes without --huge-dir */
	fake_init(&fk, "huge-dir");
	fmt_checked(plain, sizeof(plain), "%s/plain", fk.base);
	mkdir_p(plain);
	fmt_checked(mounts, sizeof(mounts),
		    "nodev %s hugetlbfs rw,pagesize=2M 0 0\n"
		    "nodev %s hugetlbfs rw,pagesize=1G 0 0\n", plain, plain);
	fake_count(&fk, KIB_2M, "free_hugepages", "4\n");
	fake_count(&fk, KIB_1G, "free_hugepages", "2\n");
	fake_meminfo(&fk, "Hugepagesize:       2048 kB\n");
	fake_mounts(&fk, mounts);
	memset(too_long, 'a', PATH_MAX);
	too_long[0] = '/';
	too_long[PATH_MAX] = '\0';

	for (size_t c = 0; c < sizeof(huge_dirs) / sizeof(huge_dirs[0]); c++) {
		bool rejected = false;

		memset(&hi, 0xa5, sizeof(hi));
		EXPECT_EQ_INT(hugepage_info_discover(&hi, fk.sys, fk.proc,
						     huge_dirs[c], &rejected),
			      0);
		EXPECT_TRUE(rejected);
		/* the sizes and counts are still reported */
		EXPECT_EQ_UINT(hi.default_size, SZ_2M);
		ASSERT_EQ_UINT(hi.n_sizes, 2);
		EXPECT_EQ_UINT(hi.size[0].free_pages, 2);
		EXPECT_EQ_UINT(hi.size[1].free_pages, 4);
		for (unsigned int i = 0; i < hi.n_sizes; i++) {
			EXPECT_EQ_STR(hi.size[i].dir, "");
			EXPECT_FALSE(hi.size[i].dir_writable);
		}
	}
}

/*
 * The first hugetlbfs mount point of the real /proc/mounts into dir;
 * false when there is none.
 */
static bool
find_real_hugetlbfs(char *dir, size_t dir_size)
{
	struct mntent *m;
	bool found = false;
	FILE *f = setmntent("/proc/mounts", "r");

	if (f == NULL)
		return false;
	while (!found && (m = getmntent(f)) != NULL) {
		if (strcmp(m->mnt_type, "hugetlbfs") == 0 &&
		    strlen(m->mnt_dir) < dir_size) {
			strcpy(dir, m->mnt_dir);
			found = true;
		}
	}
	endmntent(f);
	return found;
}

static void
test_real_machine(void)
{
	char mnt[PATH_MAX];
	struct hugepage_info hi;
	bool rejected = true;
	struct statfs st;

	/* whatever this machine has: well-formed and sorted */
	EXPECT_EQ_INT(hugepage_info_discover(&hi, "/sys", "/proc", NULL,
					     &rejected), 0);
	EXPECT_FALSE(rejected);
	EXPECT_LE_UINT(hi.n_sizes, HUGEPAGE_MAX_SIZES);
	for (unsigned int i = 0; i < hi.n_sizes; i++) {
		uint64_t sz = hi.size[i].page_sz;

		EXPECT_GE_UINT(sz, 4096);
		EXPECT_EQ_UINT(sz & (sz - 1), 0);
		if (i > 0)
			EXPECT_LT_UINT(sz, hi.size[i - 1].page_sz);
		if (hi.size[i].dir[0] != '\0')
			EXPECT_EQ_INT(hi.size[i].dir[0], '/');
		printf("real: %" PRIu64 " kB, %u free, dir \"%s\"%s\n",
		       sz >> 10, hi.size[i].free_pages, hi.size[i].dir,
		       hi.size[i].dir_writable ? " (writable)" : "");
	}

	if (!find_real_hugetlbfs(mnt, sizeof(mnt))) {
		printf("no hugetlbfs mount here: the accepted --huge-dir case "
		       "is skipped\n");
		return;
	}
	ASSERT_EQ_INT(statfs(mnt, &st), 0);
	EXPECT_EQ_INT(hugepage_info_discover(&hi, "/sys", "/proc", mnt,
					     &rejected), 0);
	EXPECT_FALSE(rejected);
	for (unsigned int i = 0; i < hi.n_sizes; i++)
		EXPECT_EQ_STR(hi.size[i].dir,
			      hi.size[i].page_sz == (uint64_t)st.f_bsize ? mnt
									 : "");
	printf("real --huge-dir %s: accepted, block size %" PRIu64 "\n", mnt,
	       (uint64_t)st.f_bsize);
}

static int
remove_entry(const char *path, const struct stat *sb, int type,
	     struct FTW *ftw)
{
	(void)sb;
	(void)type;
	(void)ftw;
	if (remove(path) != 0)
		perror(path);
	return 0;
}

/* Runs at every exit, so a failed ASSERT leaves no tree behind either. */
static void
remove_top(void)
{
	nftw(top, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");

	if (tmp == NULL || tmp[0] == '\0')
		tmp = "/tmp";
	fmt_checked(top, sizeof(top), "%s/rtmem-hugepage-XXXXXX", tmp);
	ASSERT_NOT_NULL(mkdtemp(top));
	atexit(remove_top);

	test_no_hugepages();
	test_free_count_arithmetic();
	test_node_counts();
	test_default_size();
	test_mounts();
	test_pagesize_option();
	test_sort_and_cut();
	test_garbage();
	test_unreadable();
	test_huge_dir_rejected();
	test_real_machine();
	return test_report();
}
