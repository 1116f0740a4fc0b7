/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * hugepage_info.c: hugepage discovery (contract in hugepage_info.h).
 *
 * Role: tell the primary which hugepage sizes the kernel offers, how many
 * pages of each can still be allocated (in total and per NUMA node) and
 * where each size is mounted, so that it can choose a backend
 * (multiprocess.md section 6.3).
 *
 * What is read, in order, and nothing is written:
 *   1. the names of <sysfs>/kernel/mm/hugepages/hugepages-<N>kB: the sizes;
 *   2. their {free,resv,nr_overcommit,surplus}_hugepages: the free counts;
 *   3. <sysfs>/devices/system/node/node<K>/hugepages/hugepages-<N>kB/
 *      free_hugepages for K < RTE_MAX_NUMA_NODES: the per-node counts;
 *   4. the "Hugepagesize:" line of <proc>/meminfo: the default size;
 *   5. with --huge-dir, statfs() of that directory; without it, the
 *      hugetlbfs entries of <proc>/mounts.
 *
 * Who calls it: the primary, during rte_eal_init(). Secondaries never
 * discover. No locks and no state: each call reads the files again and
 * writes only the caller's struct.
 *
 * Odd input: a missing file counts as 0 (or as absent), and so does
 * content that is not exactly the expected number; names that do not fit
 * PATH_MAX are skipped. Only a file that exists but cannot be read is an
 * error.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <mntent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <linux/magic.h>

#include "mem/hugepage_info.h"

/* <sysfs>/kernel/mm/hugepages/hugepages-<N>kB/<file> */
#define SIZE_FILE_FMT "%s/kernel/mm/hugepages/hugepages-%" PRIu64 "kB/%s"
/* <sysfs>/devices/system/node/node<K>/hugepages/hugepages-<N>kB/... */
#define NODE_FILE_FMT \
	"%s/devices/system/node/node%u/hugepages/hugepages-%" PRIu64 \
	"kB/free_hugepages"

/*
 * Buffer for one line of <proc>/mounts. The kernel writes a space, tab,
 * newline or backslash of the source or the mount point as 4 characters,
 * so each of them takes up to 4 * PATH_MAX; one more PATH_MAX holds the
 * type and options. getmntent_r() would cut a longer line.
 */
#define MOUNT_LINE_MAX (9 * PATH_MAX)

/* ENOENT, or ENOTDIR (a component is not a directory): no such file. */
static bool
is_missing(int err)
{
	return err == ENOENT || err == ENOTDIR;
}

static uint64_t
sub_or_zero(uint64_t a, uint64_t b)
{
	return a > b ? a - b : 0;
}

static uint32_t
clamp_u32(uint64_t v)
{
	return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

/*
 * Format a path into buf (PATH_MAX bytes).
 * Returns 0, or -ENAMETOOLONG when it does not fit.
 */
__attribute__((format(printf, 2, 0))) static int
path_vfmt(char *buf, const char *fmt, va_list ap)
{
	int n = vsnprintf(buf, PATH_MAX, fmt, ap);

	return n >= 0 && n < PATH_MAX ? 0 : -ENAMETOOLONG;
}

__attribute__((format(printf, 2, 3))) static int
path_fmt(char *buf, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = path_vfmt(buf, fmt, ap);
	va_end(ap);
	return ret;
}

/*
 * Parse the decimal digits at the start of s into *val (no sign, no
 * spaces, unlike strtoull). Returns the character after the digits, or
 * NULL when s does not start with a digit or the number overflows 64 bits.
 */
static const char *
parse_decimal(const char *s, uint64_t *val)
{
	uint64_t v = 0;

	if (!isdigit((unsigned char)*s))
		return NULL;
	for (; isdigit((unsigned char)*s); s++) {
		unsigned int digit = (unsigned int)(*s - '0');

		if (v > (UINT64_MAX - digit) / 10)
			return NULL;
		v = v * 10 + digit;
	}
	*val = v;
	return s;
}

/* kib KiB in bytes, or 0 when that overflows 64 bits. */
static uint64_t
kib_to_bytes(uint64_t kib)
{
	return kib > UINT64_MAX / 1024 ? 0 : kib * 1024;
}

/*
 * The page size, in bytes, of a sysfs directory name "hugepages-<N>kB", or
 * 0 when the name is not exactly that with N a power of two written
 * without leading zeros. Refusing leading zeros keeps the sizes unique
 * (no "hugepages-02048kB" beside "hugepages-2048kB") and the name equal
 * to the one rebuilt from the size by SIZE_FILE_FMT.
 */
static uint64_t
size_from_dirname(const char *name)
{
	static const char prefix[] = "hugepages-";
	const char *end;
	uint64_t kib;

	if (strncmp(name, prefix, sizeof(prefix) - 1) != 0)
		return 0;
	name += sizeof(prefix) - 1;
	if (*name == '0')
		return 0;
	end = parse_decimal(name, &kib);
	if (end == NULL || strcmp(end, "kB") != 0 || (kib & (kib - 1)) != 0)
		return 0;
	return kib_to_bytes(kib);
}

/*
 * A size option of a hugetlbfs mount, as the kernel prints it ("2M",
 * "1G", "64K") or as a user may write it ("2048k", "2097152" bytes), up to
 * the next ',' or the end. Returns bytes, or 0 when malformed.
 */
static uint64_t
parse_size_option(const char *s)
{
	unsigned int shift = 0;
	const char *end;
	uint64_t n;

	end = parse_decimal(s, &n);
	if (end == NULL)
		return 0;
	switch (*end) {
	case 'k': case 'K':
		shift = 10;
		end++;
		break;
	case 'm': case 'M':
		shift = 20;
		end++;
		break;
	case 'g': case 'G':
		shift = 30;
		end++;
		break;
	}
	if ((*end != ',' && *end != '\0') || n > UINT64_MAX >> shift)
		return 0;
	return n << shift;
}

/*
 * *val = the number in the first line of the file at the formatted path.
 * A missing file, a path too long for PATH_MAX, or a line that is not
 * just digits (and a newline) gives 0.
 * Returns 0, or -errno when the file exists but cannot be read.
 */
__attribute__((format(printf, 2, 3))) static int
read_count(uint64_t *val, const char *fmt, ...)
{
	char path[PATH_MAX];
	char line[32]; /* 20 digits, the newline and the NUL fit */
	const char *end;
	uint64_t n;
	va_list ap;
	int ret;
	FILE *f;

	*val = 0;
	va_start(ap, fmt);
	ret = path_vfmt(path, fmt, ap);
	va_end(ap);
	if (ret != 0)
		return 0;
	f = fopen(path, "re");
	if (f == NULL)
		return is_missing(errno) ? 0 : -errno;
	if (fgets(line, sizeof(line), f) != NULL) {
		end = parse_decimal(line, &n);
		if (end != NULL && (*end == '\0' || strcmp(end, "\n") == 0))
			*val = n;
	} else if (ferror(f)) {
		ret = -EIO;
	}
	fclose(f);
	return ret;
}

/*
 * Add page size sz to hi->size[], which is kept sorted largest first;
 * when it is full, the smallest of the sizes and sz is left out.
 * Only page_sz is set; the other fields are still zero.
 */
static void
size_list_add(struct hugepage_info *hi, uint64_t sz)
{
	unsigned int i = hi->n_sizes;

	if (i == HUGEPAGE_MAX_SIZES) {
		if (sz < hi->size[i - 1].page_sz)
			return;
		i--; /* sz replaces the smallest */
	} else {
		hi->n_sizes++;
	}
	for (; i > 0 && hi->size[i - 1].page_sz < sz; i--)
		hi->size[i].page_sz = hi->size[i - 1].page_sz;
	hi->size[i].page_sz = sz;
}

/* The entry of hi->size[] with page size sz, or NULL. */
static struct hugepage_size *
find_size(struct hugepage_info *hi, uint64_t sz)
{
	for (unsigned int i = 0; i < hi->n_sizes; i++)
		if (hi->size[i].page_sz == sz)
			return &hi->size[i];
	return NULL;
}

/*
 * Fill hi->size[].page_sz from the sysfs directory names.
 * Returns 0 or -errno.
 */
static int
list_sizes(struct hugepage_info *hi, const char *sysfs_root)
{
	char path[PATH_MAX];
	struct dirent *de;
	int ret = 0;
	DIR *d;

	if (path_fmt(path, "%s/kernel/mm/hugepages", sysfs_root) != 0)
		return 0;
	d = opendir(path);
	if (d == NULL)
		return is_missing(errno) ? 0 : -errno;
	for (;;) {
		uint64_t sz;

		errno = 0; /* readdir() returns NULL for both end and error */
		de = readdir(d);
		if (de == NULL) {
			ret = -errno;
			break;
		}
		sz = size_from_dirname(de->d_name);
		if (sz != 0)
			size_list_add(hi, sz);
	}
	closedir(d);
	return ret;
}

/* Fill the free counts of hs (page_sz set). Returns 0 or -errno. */
static int
read_free_pages(struct hugepage_size *hs, const char *sysfs_root)
{
	uint64_t kib = hs->page_sz / 1024;
	uint64_t nfree, resv, overcommit, surplus, node_free;
	int ret;

	if ((ret = read_count(&nfree, SIZE_FILE_FMT, sysfs_root, kib,
			      "free_hugepages")) != 0 ||
	    (ret = read_count(&resv, SIZE_FILE_FMT, sysfs_root, kib,
			      "resv_hugepages")) != 0 ||
	    (ret = read_count(&overcommit, SIZE_FILE_FMT, sysfs_root, kib,
			      "nr_overcommit_hugepages")) != 0 ||
	    (ret = read_count(&surplus, SIZE_FILE_FMT, sysfs_root, kib,
			      "surplus_hugepages")) != 0)
		return ret;
	/* Each term is clamped before the sum, so the sum cannot wrap. */
	hs->free_pages =
		clamp_u32((uint64_t)clamp_u32(sub_or_zero(nfree, resv)) +
			  clamp_u32(sub_or_zero(overcommit, surplus)));

	for (unsigned int node = 0; node < RTE_MAX_NUMA_NODES; node++) {
		ret = read_count(&node_free, NODE_FILE_FMT, sysfs_root, node,
				 kib);
		if (ret != 0)
			return ret;
		hs->node_free_pages[node] = clamp_u32(node_free);
	}
	return 0;
}

/*
 * The value of a meminfo "Hugepagesize:" line after the key, such as
 * "       2048 kB\n", in bytes; 0 when malformed.
 */
static uint64_t
parse_meminfo_kib(const char *s)
{
	const char *end;
	uint64_t kib;

	while (*s == ' ' || *s == '\t')
		s++;
	end = parse_decimal(s, &kib);
	if (end == NULL ||
	    (strcmp(end, " kB\n") != 0 && strcmp(end, " kB") != 0))
		return 0;
	return kib_to_bytes(kib);
}

/* Set hi->default_size from <proc>/meminfo. Returns 0 or -errno. */
static int
read_default_size(struct hugepage_info *hi, const char *proc_root)
{
	static const char key[] = "Hugepagesize:";
	char path[PATH_MAX];
	char line[256]; /* meminfo lines are under 64 characters */
	int ret = 0;
	FILE *f;

	if (path_fmt(path, "%s/meminfo", proc_root) != 0)
		return 0;
	f = fopen(path, "re");
	if (f == NULL)
		return is_missing(errno) ? 0 : -errno;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, key, sizeof(key) - 1) == 0) {
			hi->default_size =
				parse_meminfo_kib(line + sizeof(key) - 1);
			break;
		}
	}
	if (ferror(f))
		ret = -EIO;
	fclose(f);
	return ret;
}

/*
 * The page size a hugetlbfs mount serves: its pagesize= option, else the
 * default size. 0 (matches no size) when the option is malformed.
 */
static uint64_t
mount_page_size(const struct mntent *m, uint64_t default_size)
{
	static const char opt[] = "pagesize";
	const char *p = hasmntopt(m, opt);

	if (p == NULL)
		return default_size;
	p += sizeof(opt) - 1;
	return *p == '=' ? parse_size_option(p + 1) : 0;
}

/*
 * Give each size the first hugetlbfs mount of <proc>/mounts that serves
 * it (hi->default_size set). Returns 0 or -errno.
 */
static int
find_mounts(struct hugepage_info *hi, const char *proc_root)
{
	char path[PATH_MAX];
	struct mntent m;
	char *line;
	int ret = 0;
	FILE *f;

	if (path_fmt(path, "%s/mounts", proc_root) != 0)
		return 0;
	f = setmntent(path, "r"); /* glibc adds "ce": close-on-exec */
	if (f == NULL)
		return is_missing(errno) ? 0 : -errno;
	line = malloc(MOUNT_LINE_MAX);
	if (line == NULL) {
		endmntent(f);
		return -ENOMEM;
	}
	while (getmntent_r(f, &m, line, MOUNT_LINE_MAX) != NULL) {
		struct hugepage_size *hs;

		if (strcmp(m.mnt_type, "hugetlbfs") != 0 ||
		    strlen(m.mnt_dir) >= PATH_MAX)
			continue;
		hs = find_size(hi, mount_page_size(&m, hi->default_size));
		if (hs != NULL && hs->dir[0] == '\0') /* the first mount wins */
			strcpy(hs->dir, m.mnt_dir);
	}
	if (ferror(f))
		ret = -EIO;
	free(line);
	endmntent(f);
	return ret;
}

/*
 * Give huge_dir to the size equal to its statfs block size, if statfs
 * says hugetlbfs; otherwise set *rejected.
 */
static void
use_huge_dir(struct hugepage_info *hi, const char *huge_dir, bool *rejected)
{
	struct hugepage_size *hs;
	struct statfs st;

	if (strlen(huge_dir) >= PATH_MAX || statfs(huge_dir, &st) != 0 ||
	    st.f_type != HUGETLBFS_MAGIC) {
		*rejected = true;
		return;
	}
	hs = find_size(hi, (uint64_t)st.f_bsize);
	if (hs != NULL)
		strcpy(hs->dir, huge_dir);
}

int
hugepage_info_discover(struct hugepage_info *hi, const char *sysfs_root,
		       const char *proc_root, const char *huge_dir,
		       bool *huge_dir_rejected)
{
	int ret;

	memset(hi, 0, sizeof(*hi));
	*huge_dir_rejected = false;
	ret = list_sizes(hi, sysfs_root);
	for (unsigned int i = 0; ret == 0 && i < hi->n_sizes; i++)
		ret = read_free_pages(&hi->size[i], sysfs_root);
	if (ret == 0)
		ret = read_default_size(hi, proc_root);
	if (ret == 0) {
		if (huge_dir != NULL)
			use_huge_dir(hi, huge_dir, huge_dir_rejected);
		else
			ret = find_mounts(hi, proc_root);
	}
	if (ret != 0) {
		memset(hi, 0, sizeof(*hi));
		return ret;
	}
	for (unsigned int i = 0; i < hi->n_sizes; i++) {
		struct hugepage_size *hs = &hi->size[i];

		hs->dir_writable = hs->dir[0] != '\0' &&
				   access(hs->dir, W_OK | X_OK) == 0;
	}
	return 0;
}

uint32_t
hugepage_info_node_pages(const struct hugepage_size *hs, unsigned int node)
{
	bool any_node_reported = false;

	if (node >= RTE_MAX_NUMA_NODES)
		return 0;
	for (unsigned int n = 0; n < RTE_MAX_NUMA_NODES; n++)
		if (hs->node_free_pages[n] != 0)
			any_node_reported = true;
	if (any_node_reported)
		return hs->node_free_pages[node];
	return node == 0 ? hs->free_pages : 0;
}
