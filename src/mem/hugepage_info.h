/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * hugepage_info.h: what hugepages this machine offers (mem layer, private).
 *
 * Discovery reads, in this order:
 *   <sysfs>/kernel/mm/hugepages/hugepages-<N>kB/{free,resv,nr_overcommit,
 *       surplus}_hugepages          page sizes and free counts
 *   <sysfs>/devices/system/node/node<K>/hugepages/hugepages-<N>kB/
 *       free_hugepages              per-NUMA-node free counts
 *   <proc>/meminfo "Hugepagesize:"  the default size (mounts without
 *                                   pagesize= use it)
 *   <proc>/mounts                   hugetlbfs mount points and pagesize=
 * and, for --huge-dir, statfs() of that directory (HUGETLBFS_MAGIC and a
 * block size equal to the page size).
 *
 * The roots are parameters so that a test can point discovery at a fake
 * tree; the primary passes "/sys" and "/proc". Nothing here takes locks or
 * keeps state: hugepage_info_discover() is a pure function of the files.
 * Called by the primary during rte_eal_init() only; secondaries follow
 * the backend recorded in the shared header and never discover.
 */
#ifndef MEM_HUGEPAGE_INFO_H
#define MEM_HUGEPAGE_INFO_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include <rte_config.h>

/* Most page sizes kept (DPDK keeps 3, 4 on Arm). */
#define HUGEPAGE_MAX_SIZES 4

/* One hugepage size. */
struct hugepage_size {
	uint64_t page_sz;        /* bytes, a power of two */
	/*
	 * Pages that can still be allocated: free - resv (clamped at 0)
	 * plus nr_overcommit - surplus (clamped at 0), clamped to 32 bits.
	 */
	uint32_t free_pages;
	/*
	 * free_hugepages of each node directory; all zero when the node
	 * tree is missing (then every page counts as node 0's, see
	 * hugepage_info_node_pages()).
	 */
	uint32_t node_free_pages[RTE_MAX_NUMA_NODES];
	/*
	 * Directory to create backing files in: the --huge-dir, or the
	 * first hugetlbfs mount of this size in <proc>/mounts; "" when
	 * there is none (the size is then unusable through files).
	 */
	char dir[PATH_MAX];
	bool dir_writable;       /* access(dir, W_OK | X_OK) == 0 */
};

struct hugepage_info {
	uint64_t default_size;   /* Hugepagesize from meminfo, 0 if absent */
	unsigned int n_sizes;    /* entries of size[] used */
	/* sorted largest page size first, as DPDK does */
	struct hugepage_size size[HUGEPAGE_MAX_SIZES];
};

/*
 * Discover the hugepage sizes, counts and mounts.
 *   sysfs_root, proc_root: "/sys" and "/proc" on a real system.
 *   huge_dir: the --huge-dir value or NULL. When given, only that
 *     directory is used: the size whose page size equals its statfs
 *     block size gets it as dir, provided statfs reports hugetlbfs;
 *     every other size gets dir "". A huge_dir that is not a hugetlbfs
 *     mount (or a subdirectory of one) gives all sizes dir "" and
 *     *huge_dir_rejected = true (the caller logs it and falls back to
 *     4 KiB pages).
 *   huge_dir_rejected: always written; false when huge_dir is NULL.
 * Sizes whose sysfs directory exists are listed even when they have no
 * free pages or no mount, so the caller can say why it cannot use them.
 * A missing <sysfs>/kernel/mm/hugepages (kernel without hugetlb) gives
 * n_sizes == 0 and returns 0. Any other missing file, and a file whose
 * content is not the expected number, counts as 0 (or no mount); a
 * directory name or path that does not fit PATH_MAX is skipped.
 *
 * Returns 0, or -errno for an unreadable file that exists (the caller
 * treats that as "no hugepages"); *hi is then all zero (n_sizes == 0).
 */
int hugepage_info_discover(struct hugepage_info *hi, const char *sysfs_root,
			   const char *proc_root, const char *huge_dir,
			   bool *huge_dir_rejected);

/*
 * Free pages of size hs on NUMA node `node`: node_free_pages[node], or,
 * when no node reported any page, all free_pages on node 0 and none
 * elsewhere (DPDK's rule).
 */
uint32_t hugepage_info_node_pages(const struct hugepage_size *hs,
				  unsigned int node);

#endif /* MEM_HUGEPAGE_INFO_H */
