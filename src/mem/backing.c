/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * backing.c: memory types, their backing files, and commits.
 *
 * The primary plans the memory once (backing_plan): a backend, and one
 * memory type per (page size, NUMA socket), each with a budget of virtual
 * addresses (its arena) and one backing file that every process maps whole
 * (MAP_SHARED | MAP_NORESERVE). Memory is committed at the end of an arena
 * with fallocate() on the file, by whichever process needs it, under the
 * MEM lock; the pages are then visible in every process without any
 * message, since all of them map the whole file (decision D4).
 *
 * Backends, in order of preference (decision D5):
 *   hugetlbfs  a writable mount with free pages of the size:
 *              <mount>/rtmem.<prefix>.map_<type>;
 *   shm        4 KiB pages in /dev/shm/rtmem.<prefix>.map_<type>, when
 *              hugepages are missing, not mounted or not writable (NOTICE),
 *              or with --no-huge;
 *   anon       memfd (MFD_HUGETLB when hugepages exist), --in-memory and
 *              --no-shconf only: nothing on disk, no secondaries.
 * Every process holds flock(LOCK_SH) on each backing file, as DPDK does on
 * its hugepage files, so a DPDK primary's cleanup of a shared hugetlbfs
 * mount (it deletes "*map_*" files it can lock exclusively) leaves ours.
 *
 * NUMA: a commit for a socket runs under set_mempolicy(MPOL_BIND) to that
 * node (raw system calls, no libnuma needed) when the machine has more than
 * one node, so a socket's memory is really on it; fallocate then fails
 * rather than use another node, and SOCKET_ID_ANY callers try the next
 * socket.
 *
 * State (process-private): the descriptor of each backing file, and
 * whether commits read physical addresses. Set at init, under the EAL init
 * lock; commits run under the MEM lock.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/magic.h>
#include <linux/memfd.h>
#include <linux/mempolicy.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_lcore.h>

#include "internal/cpu.h"
#include "internal/rtmem_log.h"
#include "internal/test_hooks.h"
#include "mem/fbarray_private.h"
#include "mem/mem_internal.h"

#define SHM_DIR "/dev/shm"
#define SMALL_PAGE_SZ 4096ull
/* budget of a 4 KiB type unless -m/--socket-limit ask for more */
#define SMALL_TYPE_BUDGET (4ull << 30)
/* a 4 KiB type grows by at least this much per commit */
#define SMALL_GROWTH_STEP (2ull << 20)
/* legacy 4 KiB memory without -m: DPDK's --no-huge default */
#define SMALL_LEGACY_DEFAULT (64ull << 20)

static int type_fd[RTE_MAX_MEMSEG_LISTS] = { [0 ... RTE_MAX_MEMSEG_LISTS - 1] = -1 };
static bool commit_reads_phys;

/* ------------------------------------------------------------------ */
/* planning                                                            */

/* Bytes -m/--socket-mem ask for on socket s (prealloc). */
static uint64_t
prealloc_for_socket(const struct eal_options *o, int socket)
{
	unsigned int on_socket = 0;

	if (o->socket_mem_set)
		return o->socket_mem[socket];
	if (o->memory == 0)
		return 0;
	/* -m: split in proportion to the enabled lcores of each socket */
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++)
		if (o->lcore_enabled[id] &&
		    cpu_set_node(&o->lcore_cpus[id]) == socket)
			on_socket++;
	if (o->lcore_count == 0)
		return 0;
	return o->memory * on_socket / o->lcore_count;
}

/* Budget of a type: DPDK's per-type cap, or what the options need. */
static uint64_t
type_budget(const struct eal_options *o, uint64_t page_sz, int socket)
{
	uint64_t budget, need;

	if (page_sz == SMALL_PAGE_SZ)
		budget = SMALL_TYPE_BUDGET;
	else
		budget = RTE_MIN((uint64_t)RTE_MAX_MEM_MB_PER_TYPE << 20,
				 (uint64_t)RTE_MAX_MEMSEG_PER_TYPE * page_sz);
	need = RTE_MAX(prealloc_for_socket(o, socket),
		       o->socket_limit_set ? o->socket_limit[socket] : 0);
	if (page_sz == SMALL_PAGE_SZ && o->memory > need)
		need = o->memory;
	budget = RTE_MAX(budget, need);
	return RTE_ALIGN_CEIL(budget, RTE_MAX(page_sz, SMALL_GROWTH_STEP));
}

/* Why no hugepage size is usable, for the fallback notice. */
static const char *
hugepage_unusable_reason(const struct hugepage_info *hi, bool dir_rejected,
			 const char *huge_dir)
{
	bool any_free = false, any_dir = false;

	if (dir_rejected) {
		static char reason[PATH_MAX + 64];

		snprintf(reason, sizeof(reason),
			 "--huge-dir %s is not a hugetlbfs mount", huge_dir);
		return reason;
	}
	if (hi->n_sizes == 0)
		return "the kernel offers no hugepages";
	for (unsigned int i = 0; i < hi->n_sizes; i++) {
		any_free |= hi->size[i].free_pages > 0;
		any_dir |= hi->size[i].dir[0] != '\0';
	}
	if (!any_free)
		return "no free hugepages are reserved";
	if (!any_dir)
		return "no hugetlbfs is mounted for the sizes with free pages";
	return "no hugetlbfs mount is writable";
}

/*
 * Free bytes of a hugepage size on a node. Node counts ignore reserved
 * pages, so they are capped by the size's free total.
 */
static uint64_t
node_free_bytes(const struct hugepage_size *hs, int node)
{
	uint32_t pages = RTE_MIN(hugepage_info_node_pages(hs,
							  (unsigned int)node),
				 hs->free_pages);

	return (uint64_t)pages * hs->page_sz;
}

/*
 * What to commit at init on each type (mem_type.prealloc): the socket's
 * -m share or --socket-mem, from the largest page size down, within the
 * free hugepages of the node; with --legacy-mem and no amount, every free
 * hugepage (DPDK's rule), or 64 MiB of 4 KiB pages on the first socket.
 */
static int
plan_prealloc(struct mem_plan *plan, const struct eal_options *o,
	      const struct hugepage_info *hi)
{
	for (unsigned int s = 0; s < cpu_node_count(); s++) {
		int socket = cpu_node_by_index(s);
		uint64_t need = prealloc_for_socket(o, socket);
		bool take_all = o->legacy_mem && need == 0;

		if (take_all && plan->type[0].page_sz == SMALL_PAGE_SZ)
			need = s == 0 ? SMALL_LEGACY_DEFAULT : 0;
		for (unsigned int t = 0; t < plan->n_types; t++) {
			struct mem_type *mt = &plan->type[t];
			uint64_t avail = mt->va_len, take;

			if (mt->socket_id != socket)
				continue;
			for (unsigned int i = 0; i < hi->n_sizes; i++)
				if (mt->page_sz != SMALL_PAGE_SZ &&
				    hi->size[i].page_sz == mt->page_sz)
					avail = RTE_MIN(avail,
						node_free_bytes(&hi->size[i],
								socket));
			take = take_all && mt->page_sz != SMALL_PAGE_SZ
				       ? avail
				       : RTE_MIN(RTE_ALIGN_CEIL(need, mt->page_sz),
						 avail);
			mt->prealloc = take;
			need -= RTE_MIN(need, take);
		}
		if (need > 0 && !(take_all && plan->type[0].page_sz !=
						      SMALL_PAGE_SZ)) {
			EAL_LOG(DEBUG, "socket %d: %" PRIu64 " MB of the "
				"memory to commit at start is not free",
				socket, need >> 20);
			return -ENOMEM;
		}
	}
	return 0;
}

static void
add_type(struct mem_plan *plan, const struct eal_options *o,
	 uint64_t page_sz, int socket, const char *dir)
{
	struct mem_type *t = &plan->type[plan->n_types];

	t->page_sz = page_sz;
	t->socket_id = socket;
	t->va_len = type_budget(o, page_sz, socket);
	if (dir != NULL)
		snprintf(t->path, sizeof(t->path), "%s/rtmem.%s.map_%u", dir,
			 o->file_prefix, plan->n_types);
	else
		t->path[0] = '\0';
	plan->n_types++;
}

/* One type per (usable hugepage size, socket), largest size first. */
static void
plan_huge_types(struct mem_plan *plan, const struct eal_options *o,
		const struct hugepage_info *hi, bool file_backed)
{
	for (unsigned int i = 0; i < hi->n_sizes; i++) {
		const struct hugepage_size *hs = &hi->size[i];

		if (hs->free_pages == 0 ||
		    (file_backed && (hs->dir[0] == '\0' || !hs->dir_writable)))
			continue;
		for (unsigned int s = 0; s < cpu_node_count() &&
					 plan->n_types < RTE_MAX_MEMSEG_LISTS;
		     s++)
			add_type(plan, o, hs->page_sz, cpu_node_by_index(s),
				 file_backed ? hs->dir : NULL);
	}
}

static void
plan_small_types(struct mem_plan *plan, const struct eal_options *o,
		 bool file_backed)
{
	for (unsigned int s = 0; s < cpu_node_count(); s++)
		add_type(plan, o, SMALL_PAGE_SZ, cpu_node_by_index(s),
			 file_backed ? SHM_DIR : NULL);
}

static bool
shm_dir_usable(void)
{
	struct statfs sfs;

	return statfs(SHM_DIR, &sfs) == 0 && sfs.f_type == TMPFS_MAGIC &&
	       access(SHM_DIR, W_OK | X_OK) == 0;
}

/* Offsets of everything inside the reservation (see mem_private.h). */
static void
plan_layout(struct mem_plan *plan, unsigned int memzone_max)
{
	const uint64_t pg = (uint64_t)sysconf(_SC_PAGESIZE);
	uint64_t off, align = SMALL_GROWTH_STEP;

	off = MEM_HEADER_LEN + RTE_ALIGN_CEIL(sizeof(struct mem_config), pg);
	plan->memzone_off = off;
	off += RTE_ALIGN_CEIL((uint64_t)memzone_max * sizeof(struct rte_memzone) +
			      (memzone_max + 63) / 64 * 8, pg);
	for (unsigned int t = 0; t < plan->n_types; t++) {
		const struct mem_type *mt = &plan->type[t];

		plan->memseg_off[t] = off;
		off += RTE_ALIGN_CEIL(fbarray_storage_size(
				(unsigned int)(mt->va_len / mt->page_sz),
				sizeof(struct rte_memseg)), pg);
		align = RTE_MAX(align, mt->page_sz);
	}
	plan->config_len = off;
	/* a guard gap of the largest page, then arenas, each page aligned */
	off = RTE_ALIGN_CEIL(off, align) + align;
	for (unsigned int t = 0; t < plan->n_types; t++) {
		struct mem_type *mt = &plan->type[t];

		off = RTE_ALIGN_CEIL(off, mt->page_sz);
		mt->va = (char *)(uintptr_t)off; /* an offset until mapped */
		off += mt->va_len;
	}
	plan->total_len = RTE_ALIGN_CEIL(off, align);
}

/* Paths, layout and init commits of the planned types: 0, -ENOMEM, ... */
static int
plan_finish(struct mem_plan *plan, const struct eal_options *o,
	    const struct hugepage_info *hi)
{
	for (unsigned int t = 0; t < plan->n_types; t++)
		if (strlen(plan->type[t].path) + 1 >= MEM_PATH_MAX) {
			EAL_LOG(ERR, "backing file path %s... is too long",
				plan->type[t].path);
			return -ENAMETOOLONG;
		}
	plan_layout(plan, mem_memzone_max());
	return plan_prealloc(plan, o, hi);
}

int
backing_plan(const struct eal_options *o, struct mem_plan *plan)
{
	struct hugepage_info hi;
	bool dir_rejected = false, private_mem = o->in_memory || o->no_shconf;
	const char *reason = NULL;
	int ret;

	memset(plan, 0, sizeof(*plan));
	memset(&hi, 0, sizeof(hi));
	if (!o->no_huge &&
	    hugepage_info_discover(&hi, "/sys", "/proc", o->huge_dir,
				   &dir_rejected) != 0)
		hi.n_sizes = 0;
	if (!o->no_huge)
		plan_huge_types(plan, o, &hi, !private_mem);
	if (plan->n_types > 0) {
		plan->backend = private_mem ? MEM_BACKEND_ANON
					    : MEM_BACKEND_HUGETLBFS;
		if ((ret = plan_finish(plan, o, &hi)) != -ENOMEM)
			return ret;
		reason = "too few free hugepages for -m, --socket-mem or "
			 "--legacy-mem";
		memset(plan, 0, sizeof(*plan));
	} else if (!o->no_huge) {
		reason = hugepage_unusable_reason(&hi, dir_rejected,
						  o->huge_dir);
	}
	if (reason != NULL && o->huge_strict) {
		EAL_LOG(ERR, "no usable hugepages (%s) and --huge-strict "
			"forbids 4 KiB pages", reason);
		return -ENOMEM;
	}
	if (private_mem) {
		plan->backend = MEM_BACKEND_ANON;
	} else if (shm_dir_usable()) {
		plan->backend = MEM_BACKEND_SHM;
	} else {
		EAL_LOG(ERR, "%s is not a writable tmpfs: cannot place shared "
			"memory; use --in-memory for private memory", SHM_DIR);
		return -EACCES;
	}
	plan_small_types(plan, o, plan->backend == MEM_BACKEND_SHM);
	if (reason != NULL)
		EAL_LOG(NOTICE, "using 4 KiB pages in %s: %s",
			plan->backend == MEM_BACKEND_SHM ? SHM_DIR : "memory",
			reason);
	ret = plan_finish(plan, o, &hi);
	if (ret == -ENOMEM)
		EAL_LOG(ERR, "cannot commit the memory -m, --socket-mem or "
			"--legacy-mem ask for");
	return ret;
}

/* ------------------------------------------------------------------ */
/* files                                                               */

/* The memfd of an --in-memory type. */
static int
create_memfd(unsigned int t, uint64_t page_sz)
{
	unsigned int flags = MFD_CLOEXEC;
	char name[32];

	if (page_sz != SMALL_PAGE_SZ)
		flags |= MFD_HUGETLB |
			 ((unsigned int)rte_log2_u64(page_sz) << MFD_HUGE_SHIFT);
	snprintf(name, sizeof(name), "rtmem.map_%u", t);
	return memfd_create(name, flags);
}

/*
 * Create type t's backing file with O_EXCL. A leftover of ours that no
 * process maps (we get LOCK_EX) is removed first; anything else in the
 * way is an error.
 */
static int
create_file(const char *path)
{
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
		      0600);
	struct stat st;

	if (fd >= 0 || errno != EEXIST)
		return fd;
	fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0 || fstat(fd, &st) != 0 || st.st_uid != geteuid() ||
	    flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (fd >= 0)
			close(fd);
		errno = EEXIST;
		return -1;
	}
	unlink(path);
	close(fd);
	return open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
		    0600);
}

/* Size the file, lock it shared and map it over the arena. */
static int
map_type(const struct mem_type *mt, int fd, bool size_it)
{
	void *va;

	if (size_it && ftruncate(fd, (off_t)mt->va_len) != 0)
		return -errno;
	if (mt->path[0] != '\0' && flock(fd, LOCK_SH | LOCK_NB) != 0)
		return -errno;
	va = mmap(mt->va, mt->va_len, PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_FIXED | MAP_NORESERVE, fd, 0);
	if (va == MAP_FAILED)
		return -errno;
	madvise(mt->va, mt->va_len, MADV_DONTDUMP);
	return 0;
}

int
backing_create(struct mem_config *cfg, bool unlink_now)
{
	for (unsigned int t = 0; t < cfg->n_types; t++) {
		struct mem_type *mt = &cfg->type[t];
		const char *what = mt->path[0] != '\0' ? mt->path : "memfd";
		int fd, ret;

		fd = mt->path[0] != '\0' ? create_file(mt->path)
					 : create_memfd(t, mt->page_sz);
		if (fd < 0) {
			ret = -errno;
			EAL_LOG(ERR, "backing file %s: cannot create it: %s%s",
				what, strerror(errno),
				ret == -EEXIST ? " (in use by another process "
						 "or user; use another "
						 "--file-prefix)" : "");
			return ret == -EEXIST ? -EACCES : ret;
		}
		type_fd[t] = fd;
		if ((ret = map_type(mt, fd, true)) != 0) {
			EAL_LOG(ERR, "backing file %s: cannot map %" PRIu64
				" bytes: %s", what, mt->va_len, strerror(-ret));
			return ret;
		}
		if (unlink_now && mt->path[0] != '\0')
			unlink(mt->path);
	}
	return 0;
}

int
backing_open(struct mem_config *cfg)
{
	for (unsigned int t = 0; t < cfg->n_types; t++) {
		struct mem_type *mt = &cfg->type[t];
		int fd, ret;

		if (mt->path[0] == '\0') {
			EAL_LOG(ERR, "cannot attach: the primary runs with "
				"private memory (--in-memory or --no-shconf)");
			return -EPROTO;
		}
		fd = open(mt->path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
		if (fd < 0) {
			ret = -errno;
			EAL_LOG(ERR, "cannot attach: backing file %s: %s%s",
				mt->path, strerror(errno),
				errno == ENOENT ? " (the primary runs with "
						  "--huge-unlink=always?)" : "");
			return ret;
		}
		type_fd[t] = fd;
		if ((ret = map_type(mt, fd, false)) != 0) {
			EAL_LOG(ERR, "cannot attach: backing file %s: cannot "
				"map it: %s", mt->path, strerror(-ret));
			return ret;
		}
	}
	return 0;
}

void
backing_close(void)
{
	for (unsigned int t = 0; t < RTE_MAX_MEMSEG_LISTS; t++) {
		if (type_fd[t] >= 0)
			close(type_fd[t]);
		type_fd[t] = -1;
	}
}

/* Only files named like ours, owned by us, are ever unlinked. */
static bool
is_our_backing_file(const char *path, const char *prefix)
{
	const char *base = strrchr(path, '/');
	char want[MEM_PATH_MAX];
	struct stat st;

	snprintf(want, sizeof(want), "rtmem.%s.map_", prefix);
	return base != NULL && strncmp(base + 1, want, strlen(want)) == 0 &&
	       lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	       st.st_uid == geteuid();
}

void
backing_unlink(const struct mem_config *cfg, const char *prefix)
{
	for (unsigned int t = 0; t < cfg->n_types && t < RTE_MAX_MEMSEG_LISTS;
	     t++) {
		char path[MEM_PATH_MAX];

		snprintf(path, sizeof(path), "%.*s", MEM_PATH_MAX - 1,
			 cfg->type[t].path);
		if (path[0] != '\0' && is_our_backing_file(path, prefix))
			unlink(path);
	}
}

/* Unlink our unlocked rtmem.<prefix>.map_* files in dir. */
static void
remove_unlocked_files(const char *dir, const char *prefix)
{
	char want[MEM_PATH_MAX], path[MEM_PATH_MAX];
	DIR *d = opendir(dir);
	struct dirent *de;

	if (d == NULL)
		return;
	snprintf(want, sizeof(want), "rtmem.%s.map_", prefix);
	while ((de = readdir(d)) != NULL) {
		int fd;

		if (strncmp(de->d_name, want, strlen(want)) != 0 ||
		    (size_t)snprintf(path, sizeof(path), "%s/%s", dir,
				     de->d_name) >= sizeof(path) ||
		    !is_our_backing_file(path, prefix))
			continue;
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0) {
			EAL_LOG(DEBUG, "removing leftover backing file %s",
				path);
			unlink(path);
		}
		if (fd >= 0)
			close(fd);
	}
	closedir(d);
}

void
backing_remove_leftovers(const struct mem_plan *plan, const char *prefix)
{
	char dir[MEM_PATH_MAX];

	for (unsigned int t = 0; t < plan->n_types; t++) {
		const char *slash = strrchr(plan->type[t].path, '/');

		if (slash == NULL)
			continue;
		snprintf(dir, sizeof(dir), "%.*s",
			 (int)(slash - plan->type[t].path), plan->type[t].path);
		remove_unlocked_files(dir, prefix);
	}
}

int
backing_fd(unsigned int t)
{
	return t < RTE_MAX_MEMSEG_LISTS ? type_fd[t] : -1;
}

void
backing_set_iova_pa(bool pa)
{
	commit_reads_phys = pa;
}

/* ------------------------------------------------------------------ */
/* commits                                                             */

/* Bind this thread's allocations to `node`; *saved gets what to restore. */
static bool
bind_to_node(int node, int *saved_mode, unsigned long *saved_mask)
{
	unsigned long mask[RTE_MAX_NUMA_NODES / (8 * sizeof(long)) + 1] = { 0 };

	if (cpu_node_count() < 2 || node < 0 || node >= RTE_MAX_NUMA_NODES)
		return false;
	if (syscall(SYS_get_mempolicy, saved_mode, saved_mask,
		    8 * sizeof(long), NULL, 0) != 0)
		return false;
	mask[node / (8 * sizeof(long))] = 1ul << (node % (8 * sizeof(long)));
	if (syscall(SYS_set_mempolicy, MPOL_BIND, mask,
		    RTE_MAX_NUMA_NODES + 1) != 0) {
		EAL_LOG(DEBUG, "cannot bind memory to node %d: %s", node,
			strerror(errno));
		return false;
	}
	return true;
}

static void
restore_binding(int mode, unsigned long mask)
{
	syscall(SYS_set_mempolicy, mode, mode == MPOL_DEFAULT ? NULL : &mask,
		8 * sizeof(long));
}

/* Fill the memsegs of [from, to) of type t and mark them used. */
static void
fill_memsegs(struct mem_config *cfg, unsigned int t, uint64_t from,
	     uint64_t to)
{
	struct mem_type *mt = &cfg->type[t];
	struct rte_fbarray *arr = &cfg->msl[t].memseg_arr;

	for (uint64_t off = from; off < to; off += mt->page_sz) {
		unsigned int idx = (unsigned int)(off / mt->page_sz);
		struct rte_memseg *ms = rte_fbarray_get(arr, idx);
		char *va = mt->va + off;

		ms->addr = va;
		ms->len = mt->page_sz;
		ms->hugepage_sz = mt->page_sz;
		ms->socket_id = mt->socket_id;
		ms->nchannel = cfg->nchannel;
		ms->nrank = cfg->nrank;
		ms->flags = off < mt->prealloc ? RTE_MEMSEG_FLAG_DO_NOT_FREE : 0;
		if (commit_reads_phys) {
			*(volatile char *)va; /* fault it in to get its frame */
			ms->iova = memseg_virt2phy(va);
		} else {
			ms->iova = (rte_iova_t)(uintptr_t)va;
		}
		rte_fbarray_set_used(arr, idx);
	}
}

/* Committed bytes on a socket, all types. */
static uint64_t
socket_committed(const struct mem_config *cfg, int socket)
{
	uint64_t sum = 0;

	for (unsigned int t = 0; t < cfg->n_types; t++)
		if (cfg->type[t].socket_id == socket)
			sum += __atomic_load_n(&cfg->type[t].committed,
					       __ATOMIC_ACQUIRE);
	return sum;
}

/*
 * How far type t may grow from `old` for a request of `want` bytes: by
 * the growth step, or by exactly `want` rounded to pages when `exact`
 * (the -m / --socket-mem commit at init, which must not round -m 3 up to
 * 4 MiB).
 */
static int
growth_target(struct mem_config *cfg, unsigned int t, uint64_t old,
	      uint64_t want, bool exact, uint64_t *target)
{
	const struct mem_type *mt = &cfg->type[t];
	uint64_t step = exact ? mt->page_sz
			      : RTE_MAX(mt->page_sz, SMALL_GROWTH_STEP);
	uint64_t limit = cfg->socket_limit[mt->socket_id];
	uint64_t on_socket = socket_committed(cfg, mt->socket_id);
	uint64_t grow;

	want = RTE_ALIGN_CEIL(want, mt->page_sz);
	if (want == 0 || want > mt->va_len - old)
		return -ENOMEM;
	grow = RTE_MIN(RTE_ALIGN_CEIL(want, step), mt->va_len - old);
	if (limit != 0) {
		if (on_socket + want > limit)
			return -ENOMEM;
		grow = RTE_MIN(grow, limit - on_socket);
	}
	if (memseg_validate_growth(mt->socket_id, on_socket + grow) != 0)
		return -ENOMEM;
	*target = old + grow;
	return 0;
}

/*
 * Whether the memsegs of [from, to) of type t fit the DMA mask remembered
 * by rte_mem_check_dma_mask / rte_mem_set_dma_mask (none: they fit).
 */
static bool
fits_dma_mask(const struct mem_config *cfg, unsigned int t, uint64_t from,
	      uint64_t to)
{
	const struct mem_type *mt = &cfg->type[t];
	const struct rte_fbarray *arr = &cfg->msl[t].memseg_arr;

	if (cfg->dma_maskbits == 0 || cfg->dma_maskbits >= 64)
		return true;
	for (uint64_t off = from; off < to; off += mt->page_sz) {
		const struct rte_memseg *ms = rte_fbarray_get(
			arr, (unsigned int)(off / mt->page_sz));

		/* unknown IOVAs are skipped, as rte_mem_check_dma_mask does */
		if (ms->iova != RTE_BAD_IOVA &&
		    (ms->iova + ms->len - 1) >> cfg->dma_maskbits != 0)
			return false;
	}
	return true;
}

/* Forget memseg idx: zeroed and no longer used. */
static void
clear_memseg(struct rte_fbarray *arr, unsigned int idx)
{
	memset(rte_fbarray_get(arr, idx), 0, sizeof(struct rte_memseg));
	rte_fbarray_set_free(arr, idx);
}

/* Undo fill_memsegs() and the commit of [from, to): nobody saw them. */
static void
uncommit(struct mem_config *cfg, unsigned int t, uint64_t from, uint64_t to)
{
	struct mem_type *mt = &cfg->type[t];

	for (uint64_t off = from; off < to; off += mt->page_sz)
		clear_memseg(&cfg->msl[t].memseg_arr,
			     (unsigned int)(off / mt->page_sz));
	fallocate(type_fd[t], FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
		  (off_t)from, (off_t)(to - from));
}

static int
type_commit(unsigned int t, size_t bytes, bool exact, uint64_t *committed)
{
	struct mem_config *cfg = mem_cfg();
	struct mem_type *mt = &cfg->type[t];
	unsigned long saved_mask = 0;
	uint64_t old, target;
	int saved_mode = MPOL_DEFAULT, ret;
	bool bound;

	shlock_lock(&cfg->mem_lock);
	old = mt->committed;
	if (cfg->legacy_mem) {
		ret = -ENOMEM; /* set after the init commits: never grow */
		goto out;
	}
	if ((ret = growth_target(cfg, t, old, bytes, exact, &target)) != 0)
		goto out;
	bound = bind_to_node(mt->socket_id, &saved_mode, &saved_mask);
	if (fallocate(type_fd[t], 0, (off_t)old, (off_t)(target - old)) != 0)
		ret = errno == ENOSPC || errno == ENOMEM ? -ENOMEM : -errno;
	if (bound)
		restore_binding(saved_mode, saved_mask);
	if (ret != 0) {
		if (ret == -ENOMEM)
			EAL_LOG(DEBUG, "memory type %u (%" PRIu64 " kB pages, "
				"socket %d): no memory for %" PRIu64 " more bytes",
				t, mt->page_sz >> 10, mt->socket_id,
				target - old);
		else
			EAL_LOG(ERR, "memory type %u (%" PRIu64 " kB pages, "
				"socket %d): cannot commit %" PRIu64 " bytes: %s",
				t, mt->page_sz >> 10, mt->socket_id,
				target - old, strerror(-ret));
		goto out;
	}
	fill_memsegs(cfg, t, old, target);
	if (!fits_dma_mask(cfg, t, old, target)) {
		/* DPDK refuses heap growth beyond the mask as well */
		EAL_LOG(DEBUG, "memory type %u: %" PRIu64 " more bytes at %p "
			"would be above the %u-bit DMA mask", t, target - old,
			(void *)(mt->va + old), (unsigned int)cfg->dma_maskbits);
		uncommit(cfg, t, old, target);
		ret = -ENOMEM;
		goto out;
	}
	test_hook_point("commit");
	cfg->msl[t].version++;
	/* release: pairs with the acquire of memseg walkers and heaps */
	__atomic_store_n(&mt->committed, target, __ATOMIC_RELEASE);
out:
	*committed = mt->committed;
	shlock_unlock(&cfg->mem_lock);
	if (ret == 0)
		memseg_notify_alloc(mt->va + old, target - old);
	return ret;
}

/*
 * The MEM lock's holder died in the middle of a commit. What counts is the
 * published committed length: memsegs past it were never committed (their
 * pages, if allocated, are reused by the next commit). The dead process
 * may also have held a memseg array's rwlock (inside set_used).
 */
static void
mem_repair(struct shlock *lock)
{
	struct mem_config *cfg = mem_cfg();

	(void)lock;
	for (unsigned int t = 0; t < cfg->n_types; t++) {
		struct rte_fbarray *arr = &cfg->msl[t].memseg_arr;
		unsigned int idx = (unsigned int)(cfg->type[t].committed /
						  cfg->type[t].page_sz);

		rte_rwlock_init(&arr->rwlock);
		for (; idx < arr->len && rte_fbarray_is_used(arr, idx) == 1;
		     idx++)
			clear_memseg(arr, idx);
	}
}

__attribute__((constructor)) static void
backing_register_repair(void)
{
	shlock_set_repair(SHLOCK_MEM, mem_repair);
}

int
mem_type_grow(unsigned int t, size_t bytes, uint64_t *committed)
{
	return type_commit(t, bytes, false, committed);
}

int
backing_prealloc(void)
{
	struct mem_config *cfg = mem_cfg();

	for (unsigned int t = 0; t < cfg->n_types; t++) {
		struct mem_type *mt = &cfg->type[t];
		uint64_t committed;

		if (mt->prealloc == 0)
			continue;
		if (type_commit(t, mt->prealloc, true, &committed) != 0) {
			EAL_LOG(ERR, "cannot commit %" PRIu64 " MB of %" PRIu64
				" kB pages on socket %d (-m, --socket-mem or "
				"--legacy-mem)", mt->prealloc >> 20,
				mt->page_sz >> 10, mt->socket_id);
			return -ENOMEM;
		}
	}
	return 0;
}

bool
mem_range_iova_contig(unsigned int t, const void *addr, size_t len)
{
	const struct mem_config *cfg = mem_cfg();
	const struct mem_type *mt = &cfg->type[t];
	const struct rte_fbarray *arr = &cfg->msl[t].memseg_arr;
	uint64_t first, last;
	const struct rte_memseg *prev = NULL;

	if (cfg->iova_mode != RTE_IOVA_PA || len == 0)
		return true;
	first = (uint64_t)((const char *)addr - mt->va) / mt->page_sz;
	last = (uint64_t)((const char *)addr + len - 1 - mt->va) / mt->page_sz;
	for (uint64_t i = first; i <= last; i++) {
		const struct rte_memseg *ms = rte_fbarray_get(arr,
							      (unsigned int)i);

		if (ms->iova == RTE_BAD_IOVA ||
		    (prev != NULL && prev->iova + prev->len != ms->iova))
			return false;
		prev = ms;
	}
	return true;
}
