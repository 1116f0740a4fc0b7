/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: the public memseg API of rte_memory.h on a primary process.
 * Each scenario runs rte_eal_init("-l 0 --file-prefix <test prefix> ...")
 * in its own child. The plain run has 4 KiB pages even where hugepages
 * exist (see init_eal); the hugepage run (test_on_hugepages) 2 MiB pages.
 * - lists (with the automatic fallback and with --no-huge):
 *   rte_memseg_list_walk sees one list per memory type with a sane base_va,
 *   page_sz, socket_id and len, heap 1, external 0; 4 KiB pages,
 *   rte_eal_has_hugepages() == 0 and VA mode (2 MiB and 1 on the hugepage
 *   run); nothing committed without -m; callbacks returning 1 or -1 stop
 *   the walk with that result; a NULL callback is EINVAL; the
 *   _thread_unsafe variant agrees.
 * - -m 16: exactly 16 MiB committed at init; rte_memseg_walk visits
 *   16 MiB / page size memsegs, consecutive from the list's base, len ==
 *   hugepage_sz == page size, RTE_MEMSEG_FLAG_DO_NOT_FREE, iova == addr in
 *   VA mode; the contig walk gives one 16 MiB run; stops and EINVAL for
 *   every walk and its _thread_unsafe variant.
 * - growth: rte_malloc beyond -m commits more in steps of at least 2 MiB;
 *   a memory-event callback sees each new range (RTE_MEM_EVENT_ALLOC,
 *   contiguous, summing to the growth) and can already look its memsegs
 *   up; the new memsegs are not DO_NOT_FREE; after unregistering no more
 *   events; EEXIST, ENOENT and EINVAL cases.
 * - validators: asked when a socket's memory would reach its limit (a
 *   growth that lands exactly on it included), never below it nor for
 *   other sockets; a refusal fails the allocation with ENOMEM and commits
 *   nothing; after unregistering it succeeds; bad arguments.
 * - --socket-limit 32 stops growth at exactly 32 MiB; --socket-mem and -m
 *   commit exactly what they ask (-m 3 included: not rounded up to the
 *   growth step); --legacy-mem -m 16 never grows.
 * - a walk callback that allocates (and grows memory) does not deadlock;
 *   walks from one thread while another grows memory see consistent,
 *   never shrinking memsegs.
 * - lazy initialisation by the memseg API itself, and nothing after
 *   rte_eal_cleanup.
 * - translation: rte_mem_virt2memseg(_list) for heap, stack, uncommitted
 *   and foreign addresses; rte_mem_virt2iova, rte_malloc_virt2iova and
 *   rte_mem_iova2virt round trips (address == IOVA in VA mode); NULL for
 *   unknown IOVAs; rte_mem_virt2phy of a stack address.
 * - rte_memseg_get_fd(_offset), shared files and --in-memory memfds: the
 *   descriptor of the list, offset == addr - base_va; pread, pwrite and a
 *   second mmap of the descriptor agree with the memory; EINVAL for NULL,
 *   a copy of a memseg, an uncommitted entry and a NULL offset.
 * - rte_mem_check_dma_mask bounds (and the exact width the memory needs);
 *   a remembered mask (rte_mem_set_dma_mask) refuses growth beyond it;
 *   rte_mem_lock_page; rte_dump_physmem_layout prints one line per memseg;
 *   -n 4 -r 2 in rte_memory_get_nchannel/nrank and in the memsegs.
 * - resources (design test 15): the descriptors rte_eal_init opens do not
 *   depend on -m (16 vs 256) and are all closed by rte_eal_cleanup, after
 *   which the runtime directory holds only `lock` and no
 *   /dev/shm/rtmem.<prefix>.* file is left.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memory.h>

#include "test.h"

#define MB (1ull << 20)
#define GROWTH_STEP (2 * MB) /* the least a 4 KiB type grows by */

/* What children report to the parent (a MAP_SHARED page). */
struct shared_report {
	int fds_m16;  /* descriptors opened by rte_eal_init with -m 16 */
	int fds_m256; /* ... with -m 256 */
};

static struct shared_report *report;

/* ------------------------------------------------------------------ */
/* helpers                                                             */

/*
 * Whether a memseg list's page size is right (after init): 4 KiB without
 * hugepages, 2 MiB on the hugepage run, else any hugepage size (a lazy
 * initialisation takes the hugepages the machine offers).
 */
static bool
page_sz_ok(uint64_t page_sz)
{
	if (!rte_eal_has_hugepages())
		return page_sz == RTE_PGSIZE_4K;
	if (test_on_hugepages())
		return page_sz == RTE_PGSIZE_2M;
	return page_sz >= RTE_PGSIZE_2M && rte_is_power_of_2(page_sz);
}

/* NUMA node of CPU 0 (the -l 0 lcore), 0 when sysfs does not say. */
static int
cpu0_node(void)
{
	DIR *d = opendir("/sys/devices/system/cpu/cpu0");
	struct dirent *de;
	int node = 0;

	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, "node", 4) == 0 &&
		    de->d_name[4] >= '0' && de->d_name[4] <= '9')
			node = atoi(de->d_name + 4);
	closedir(d);
	return node;
}

/* "0,0,...,mb" with mb at socket s (a --socket-mem/--socket-limit list). */
static const char *
socket_list(int s, unsigned int mb)
{
	static char buf[256];
	size_t off = 0;

	for (int i = 0; i < s && off < sizeof(buf) - 8; i++)
		off += (size_t)snprintf(buf + off, sizeof(buf) - off, "0,");
	snprintf(buf + off, sizeof(buf) - off, "%u", mb);
	return buf;
}

/*
 * rte_eal_init("-l 0 --file-prefix <prefix> <extra>"). The plain run is
 * the run without hugepages even on a machine that has some (another
 * test's hugetlbfs mount may come and go): it points --huge-dir at a
 * directory that is not hugetlbfs, so rtmem falls back to 4 KiB pages as
 * it does on a machine without hugepages (--in-memory, which needs no
 * mount, gets --no-huge). The hugepage run adds its own options.
 */
static void
init_eal(const char *extra)
{
	const char *plain = "";
	char args[512];
	int ret;

	if (!test_on_hugepages() && strstr(extra, "--no-huge") == NULL)
		plain = strstr(extra, "--in-memory") != NULL
				? "--no-huge"
				: "--huge-dir=/dev/shm";
	snprintf(args, sizeof(args), "-l 0 --file-prefix %s %s %s",
		 test_file_prefix(), plain, extra);
	ret = test_eal_init(args);
	if (ret < 0)
		printf("rte_eal_init(\"%s\"): %s\n", args,
		       rte_strerror(rte_errno));
	ASSERT_GE_INT(ret, 0);
}

/* End a scenario: clean up the EAL, report the child's checks. */
static int
finish(void)
{
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}

static int
count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *de;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			n++;
	closedir(d);
	return n - 1; /* the directory stream's own descriptor */
}

/* ---- memseg statistics, gathered by a walk */

struct seg_stats {
	unsigned int n;          /* memsegs visited */
	uint64_t bytes;          /* their total length */
	int socket;              /* only this socket (-1: all) */
	uint32_t want_flags;     /* every memseg's flags should be this */
	bool check_flags;
	unsigned int bad_len;    /* len != hugepage_sz or != msl->page_sz */
	unsigned int bad_order;  /* not right after the previous memseg */
	unsigned int bad_flags;
	unsigned int bad_iova;   /* iova != addr (checked in VA mode) */
	unsigned int bad_socket; /* socket_id != msl->socket_id */
	unsigned int bad_nch;    /* nchannel/nrank != want */
	uint32_t want_nchannel, want_nrank;
	const struct rte_memseg_list *msl;
	const char *next;        /* where the next memseg of msl must be */
	uintptr_t max_end;       /* highest iova + len - 1 */
};

static int
stats_cb(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
	 void *arg)
{
	struct seg_stats *st = arg;

	if (st->socket >= 0 && ms->socket_id != st->socket)
		return 0;
	if (msl != st->msl) {
		st->msl = msl;
		st->next = msl->base_va;
	}
	st->n++;
	st->bytes += ms->len;
	st->bad_len += ms->len != ms->hugepage_sz || ms->len != msl->page_sz;
	st->bad_order += (const char *)ms->addr != st->next;
	st->next = (const char *)ms->addr + ms->len;
	st->bad_flags += st->check_flags && ms->flags != st->want_flags;
	st->bad_iova += rte_eal_iova_mode() == RTE_IOVA_VA &&
			ms->iova != (rte_iova_t)(uintptr_t)ms->addr;
	st->bad_socket += ms->socket_id != msl->socket_id;
	st->bad_nch += ms->nchannel != st->want_nchannel ||
		       ms->nrank != st->want_nrank;
	if (ms->iova + ms->len - 1 > st->max_end)
		st->max_end = (uintptr_t)(ms->iova + ms->len - 1);
	return 0;
}

static void
seg_stats_get(struct seg_stats *st, int socket)
{
	memset(st, 0, sizeof(*st));
	st->socket = socket;
	EXPECT_EQ_INT(rte_memseg_walk(stats_cb, st), 0);
}

/* Committed bytes on one socket. */
static uint64_t
socket_physmem(int socket)
{
	struct seg_stats st;

	seg_stats_get(&st, socket);
	return st.bytes;
}

/* ---- walk callbacks that stop */

struct stopper {
	unsigned int calls;
	unsigned int stop_at; /* stop at this call (1-based) */
	int ret;              /* with this result */
};

static int
stop_seg_cb(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
	    void *arg)
{
	struct stopper *s = arg;

	(void)msl;
	(void)ms;
	return ++s->calls == s->stop_at ? s->ret : 0;
}

static int
stop_contig_cb(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
	       size_t len, void *arg)
{
	(void)len;
	return stop_seg_cb(msl, ms, arg);
}

static int
stop_list_cb(const struct rte_memseg_list *msl, void *arg)
{
	return stop_seg_cb(msl, NULL, arg);
}

typedef int (*seg_walk_fn)(rte_memseg_walk_t, void *);
typedef int (*contig_walk_fn)(rte_memseg_contig_walk_t, void *);
typedef int (*list_walk_fn)(rte_memseg_list_walk_t, void *);

/* Each walk with a callback that stops at call k with 1, then with -1. */
static void
check_walk_stops(unsigned int seg_k)
{
	static const seg_walk_fn seg_walks[] = {
		rte_memseg_walk, rte_memseg_walk_thread_unsafe
	};
	static const contig_walk_fn contig_walks[] = {
		rte_memseg_contig_walk, rte_memseg_contig_walk_thread_unsafe
	};
	static const list_walk_fn list_walks[] = {
		rte_memseg_list_walk, rte_memseg_list_walk_thread_unsafe
	};
	static const int results[] = { 1, -1 };

	for (unsigned int w = 0; w < 2; w++) {
		for (unsigned int r = 0; r < RTE_DIM(results); r++) {
			struct stopper s = { 0, seg_k, results[r] };

			EXPECT_EQ_INT(seg_walks[w](stop_seg_cb, &s), results[r]);
			EXPECT_EQ_UINT(s.calls, seg_k);
			s = (struct stopper){ 0, 1, results[r] };
			EXPECT_EQ_INT(contig_walks[w](stop_contig_cb, &s),
				      results[r]);
			EXPECT_EQ_UINT(s.calls, 1);
			s = (struct stopper){ 0, 1, results[r] };
			EXPECT_EQ_INT(list_walks[w](stop_list_cb, &s),
				      results[r]);
			EXPECT_EQ_UINT(s.calls, 1);
		}
		rte_errno = 0;
		EXPECT_EQ_INT(seg_walks[w](NULL, NULL), -1);
		EXPECT_EQ_INT(rte_errno, EINVAL);
		rte_errno = 0;
		EXPECT_EQ_INT(contig_walks[w](NULL, NULL), -1);
		EXPECT_EQ_INT(rte_errno, EINVAL);
		rte_errno = 0;
		EXPECT_EQ_INT(list_walks[w](NULL, NULL), -1);
		EXPECT_EQ_INT(rte_errno, EINVAL);
	}
}

/* The first memseg list with committed memory. */
static int
first_used_list_cb(const struct rte_memseg_list *msl, void *arg)
{
	if (msl->memseg_arr.count == 0)
		return 0;
	*(const struct rte_memseg_list **)arg = msl;
	return 1;
}

static const struct rte_memseg_list *
first_used_list(void)
{
	const struct rte_memseg_list *msl = NULL;

	rte_memseg_list_walk(first_used_list_cb, &msl);
	return msl;
}

/* Page size of the memory committed at init (-m), checked. */
static uint64_t
used_page_sz(void)
{
	const struct rte_memseg_list *msl = first_used_list();

	ASSERT_NOT_NULL(msl);
	EXPECT_TRUE(page_sz_ok(msl->page_sz));
	return msl->page_sz;
}

/* ------------------------------------------------------------------ */
/* scenarios                                                           */

struct list_stats {
	unsigned int n;
	unsigned int bad;
	const struct rte_memseg_list *lists[RTE_MAX_MEMSEG_LISTS];
};

static int
list_cb(const struct rte_memseg_list *msl, void *arg)
{
	struct list_stats *ls = arg;
	bool ok = msl->base_va != NULL && page_sz_ok(msl->page_sz) &&
		  ((uintptr_t)msl->base_va & (msl->page_sz - 1)) == 0 &&
		  msl->len > 0 && msl->len % msl->page_sz == 0 &&
		  msl->socket_id >= 0 && msl->socket_id < RTE_MAX_NUMA_NODES &&
		  msl->heap == 1 && msl->external == 0 &&
		  msl->memseg_arr.len == msl->len / msl->page_sz &&
		  msl->memseg_arr.elt_sz == sizeof(struct rte_memseg);

	if (!ok)
		printf("list %u: base %p page_sz %" PRIu64 " len %zu socket "
		       "%d heap %u external %u arr.len %u\n", ls->n,
		       msl->base_va, msl->page_sz, msl->len, msl->socket_id,
		       msl->heap, msl->external, msl->memseg_arr.len);
	ls->bad += !ok;
	/* one list per memory type: no two with the same page size and
	 * socket, and no two overlapping */
	for (unsigned int i = 0; i < ls->n; i++) {
		const struct rte_memseg_list *o = ls->lists[i];
		const char *a = msl->base_va, *b = o->base_va;

		ls->bad += o->page_sz == msl->page_sz &&
			   o->socket_id == msl->socket_id;
		ls->bad += a < b + o->len && b < a + msl->len;
	}
	if (ls->n < RTE_MAX_MEMSEG_LISTS)
		ls->lists[ls->n++] = msl;
	return 0;
}

static int
scenario_lists(void *arg)
{
	const bool no_huge = arg != NULL;
	struct list_stats ls = { 0 }, ls2 = { 0 };
	unsigned int nodes = 0;
	DIR *d;
	struct dirent *de;

	init_eal(no_huge ? "--no-huge" : "");
	EXPECT_EQ_INT(rte_memseg_list_walk(list_cb, &ls), 0);
	EXPECT_GE_UINT(ls.n, 1);
	EXPECT_EQ_UINT(ls.bad, 0);
	EXPECT_EQ_INT(rte_memseg_list_walk_thread_unsafe(list_cb, &ls2), 0);
	EXPECT_EQ_UINT(ls2.n, ls.n);
	/* NUMA nodes with CPUs (nodes of memory only get no type) */
	d = opendir("/sys/devices/system/node");
	while (d != NULL && (de = readdir(d)) != NULL) {
		char path[300], cpus[8] = "";
		FILE *f;

		if (strncmp(de->d_name, "node", 4) != 0 ||
		    de->d_name[4] < '0' || de->d_name[4] > '9')
			continue;
		snprintf(path, sizeof(path), "/sys/devices/system/node/%s/cpulist",
			 de->d_name);
		f = fopen(path, "r");
		if (f != NULL) {
			nodes += fgets(cpus, sizeof(cpus), f) != NULL &&
				 cpus[0] >= '0' && cpus[0] <= '9';
			fclose(f);
		}
	}
	if (d != NULL)
		closedir(d);
	if (no_huge || !test_on_hugepages()) {
		/* one 4 KiB type per NUMA node, VA mode */
		EXPECT_EQ_UINT(ls.n, nodes > 0 ? nodes : 1);
		EXPECT_EQ_INT(rte_eal_has_hugepages(), 0);
		EXPECT_EQ_UINT(ls.lists[0]->page_sz, RTE_PGSIZE_4K);
		EXPECT_EQ_INT(rte_eal_iova_mode(), RTE_IOVA_VA);
	}
	if (test_on_hugepages() && !no_huge) {
		EXPECT_EQ_INT(rte_eal_has_hugepages(), 1);
		EXPECT_EQ_UINT(ls.lists[0]->page_sz, RTE_PGSIZE_2M);
	}
	/* no -m: nothing is committed at init */
	EXPECT_EQ_UINT(rte_eal_get_physmem_size(), 0);
	/* stops and EINVAL of the list walks; the memseg walks see nothing */
	for (unsigned int w = 0; w < 2; w++) {
		list_walk_fn walk = w == 0 ? rte_memseg_list_walk
					   : rte_memseg_list_walk_thread_unsafe;
		struct stopper s = { 0, 1, 1 };

		EXPECT_EQ_INT(walk(stop_list_cb, &s), 1);
		EXPECT_EQ_UINT(s.calls, 1);
		s = (struct stopper){ 0, 1, -1 };
		EXPECT_EQ_INT(walk(stop_list_cb, &s), -1);
		EXPECT_EQ_UINT(s.calls, 1);
		s = (struct stopper){ 0, 0, 1 };
		EXPECT_EQ_INT(walk(stop_list_cb, &s), 0);
		EXPECT_EQ_UINT(s.calls, ls.n);
		rte_errno = 0;
		EXPECT_EQ_INT(walk(NULL, NULL), -1);
		EXPECT_EQ_INT(rte_errno, EINVAL);
	}
	{
		struct stopper s = { 0, 1, 1 };

		EXPECT_EQ_INT(rte_memseg_walk(stop_seg_cb, &s), 0);
		EXPECT_EQ_INT(rte_memseg_contig_walk(stop_contig_cb, &s), 0);
		EXPECT_EQ_UINT(s.calls, 0);
	}
	return finish();
}

static int
scenario_m16(void *arg)
{
	const struct rte_memseg_list *msl;
	struct seg_stats st, st2;
	uint64_t pg, want;

	(void)arg;
	init_eal("-m 16");
	pg = used_page_sz();
	want = RTE_ALIGN_CEIL(16 * MB, pg); /* 16 MiB but on 1 GiB pages */
	EXPECT_EQ_UINT(rte_eal_get_physmem_size(), want);
	if (!test_on_hugepages()) {
		EXPECT_EQ_INT(rte_eal_has_hugepages(), 0);
		EXPECT_EQ_UINT(pg, RTE_PGSIZE_4K);
		EXPECT_EQ_INT(rte_eal_iova_mode(), RTE_IOVA_VA);
	} else {
		EXPECT_EQ_INT(rte_eal_has_hugepages(), 1);
		EXPECT_EQ_UINT(pg, RTE_PGSIZE_2M);
	}

	memset(&st, 0, sizeof(st));
	st.socket = -1;
	st.check_flags = true;
	st.want_flags = RTE_MEMSEG_FLAG_DO_NOT_FREE;
	EXPECT_EQ_INT(rte_memseg_walk(stats_cb, &st), 0);
	EXPECT_EQ_UINT(st.n, want / pg);
	EXPECT_EQ_UINT(st.bytes, want);
	EXPECT_EQ_UINT(st.bad_len, 0);
	EXPECT_EQ_UINT(st.bad_order, 0);
	EXPECT_EQ_UINT(st.bad_flags, 0);
	EXPECT_EQ_UINT(st.bad_iova, 0);
	EXPECT_EQ_UINT(st.bad_socket, 0);
	/* the _thread_unsafe walk sees the same */
	memset(&st2, 0, sizeof(st2));
	st2.socket = -1;
	EXPECT_EQ_INT(rte_memseg_walk_thread_unsafe(stats_cb, &st2), 0);
	EXPECT_EQ_UINT(st2.n, st.n);
	EXPECT_EQ_UINT(st2.bytes, st.bytes);
	EXPECT_EQ_UINT(st2.bad_order, 0);

	/* all of it in the list of lcore 0's socket, from its start */
	msl = first_used_list();
	ASSERT_NOT_NULL(msl);
	EXPECT_EQ_INT(msl->socket_id, (int)rte_socket_id());
	EXPECT_EQ_UINT(msl->memseg_arr.count, want / pg);

	check_walk_stops(5);
	return finish();
}

/* Contig walk that records the runs (VA mode check of -m 16). */
struct runs {
	unsigned int n;
	uint64_t total;
	size_t len[4];
	const void *addr[4];
};

static int
runs_cb(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
	size_t len, void *arg)
{
	struct runs *r = arg;

	(void)msl;
	r->total += len;
	if (r->n < RTE_DIM(r->len)) {
		r->len[r->n] = len;
		r->addr[r->n] = ms->addr;
	}
	r->n++;
	return 0;
}

static int
scenario_contig(void *arg)
{
	const struct rte_memseg_list *msl;
	struct runs r = { 0 }, r2 = { 0 };

	(void)arg;
	init_eal("-m 16");
	msl = first_used_list();
	ASSERT_NOT_NULL(msl);
	EXPECT_EQ_INT(rte_memseg_contig_walk(runs_cb, &r), 0);
	EXPECT_EQ_INT(rte_memseg_contig_walk_thread_unsafe(runs_cb, &r2), 0);
	EXPECT_EQ_UINT(r2.n, r.n);
	EXPECT_EQ_UINT(r.total, rte_eal_get_physmem_size());
	if (rte_eal_iova_mode() == RTE_IOVA_VA) {
		EXPECT_EQ_UINT(r.n, 1);
		EXPECT_EQ_UINT(r.len[0], rte_eal_get_physmem_size());
		EXPECT_EQ_PTR(r.addr[0], msl->base_va);
	} else {
		EXPECT_GE_UINT(r.n, 1);
	}
	return finish();
}

/* ---- growth and events */

#define MAX_EVENTS 64

static struct {
	unsigned int n;
	unsigned int frees;
	unsigned int unseen; /* ranges whose memsegs a lookup did not find */
	const void *addr[MAX_EVENTS];
	size_t len[MAX_EVENTS];
	void *arg_seen;
} ev;

static void
event_cb(enum rte_mem_event type, const void *addr, size_t len, void *arg)
{
	if (type != RTE_MEM_EVENT_ALLOC) {
		ev.frees++;
		return;
	}
	/* as a DMA-mapping callback does: look the new memsegs up */
	ev.unseen += rte_mem_virt2memseg(addr, NULL) == NULL ||
		     rte_mem_virt2memseg((const char *)addr + len - 1, NULL) ==
			     NULL ||
		     rte_mem_virt2memseg_list(addr) == NULL;
	if (ev.n < MAX_EVENTS) {
		ev.addr[ev.n] = addr;
		ev.len[ev.n] = len;
	}
	ev.n++;
	ev.arg_seen = arg;
}

static int
scenario_growth(void *arg)
{
	static int cookie;
	char long_name[RTE_MEM_EVENT_CALLBACK_NAME_LEN + 1];
	const struct rte_memseg_list *msl;
	uint64_t pg, before, prev, now, big;
	unsigned int steps = 0, bad_steps = 0;
	struct seg_stats st;
	void *p[64];
	unsigned int np = 0;

	(void)arg;
	init_eal("-m 16");
	pg = used_page_sz();
	before = rte_eal_get_physmem_size();
	ASSERT_EQ_UINT(before, RTE_ALIGN_CEIL(16 * MB, pg));
	msl = first_used_list();
	ASSERT_NOT_NULL(msl);

	/* bad arguments and duplicates */
	rte_errno = 0;
	EXPECT_EQ_INT(rte_mem_event_callback_register(NULL, event_cb, NULL),
		      -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_mem_event_callback_register("ev", NULL, NULL), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_mem_event_callback_register("", event_cb, NULL), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	memset(long_name, 'x', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	rte_errno = 0;
	EXPECT_EQ_INT(rte_mem_event_callback_register(long_name, event_cb,
						      NULL), -1);
	/* rtmem documents EINVAL; DPDK's code says ENAMETOOLONG */
	EXPECT_TRUE(rte_errno == EINVAL || rte_errno == ENAMETOOLONG);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_mem_event_callback_unregister(NULL, NULL), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_mem_event_callback_unregister("nobody", NULL), -1);
	EXPECT_EQ_INT(rte_errno, ENOENT);

	ASSERT_EQ_INT(rte_mem_event_callback_register("ev", event_cb, &cookie),
		      0);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_mem_event_callback_register("ev", event_cb, &cookie),
		      -1);
	EXPECT_EQ_INT(rte_errno, EEXIST);
	/* (name, arg) is the key: another arg is another registration */
	EXPECT_EQ_INT(rte_mem_event_callback_register("ev", event_cb, NULL), 0);
	EXPECT_EQ_INT(rte_mem_event_callback_unregister("ev", NULL), 0);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_mem_event_callback_unregister("ev", NULL), -1);
	EXPECT_EQ_INT(rte_errno, ENOENT);

	/* one allocation bigger than all of -m */
	big = before + 8 * MB;
	p[np] = rte_malloc("growth", big, 0);
	ASSERT_NOT_NULL(p[np]);
	memset(p[np++], 0xa5, big);
	now = rte_eal_get_physmem_size();
	EXPECT_GE_UINT(now, before + big);
	EXPECT_EQ_UINT(now % pg, 0);
	EXPECT_GE_UINT(ev.n, 1);
	EXPECT_EQ_PTR(ev.arg_seen, &cookie);
	/* then 1 MiB at a time: growth in steps of at least 2 MiB */
	prev = now;
	while (np < RTE_DIM(p) && steps < 4) {
		p[np] = rte_malloc("growth", MB, 0);
		ASSERT_NOT_NULL(p[np]);
		np++;
		now = rte_eal_get_physmem_size();
		if (now != prev) {
			steps++;
			bad_steps += now - prev < RTE_MAX(pg, GROWTH_STEP) ||
				     (now - prev) % pg != 0;
			prev = now;
		}
	}
	EXPECT_EQ_UINT(steps, 4);
	EXPECT_EQ_UINT(bad_steps, 0);
	EXPECT_EQ_UINT(ev.frees, 0);
	EXPECT_EQ_UINT(ev.unseen, 0);
	EXPECT_LE_UINT(ev.n, MAX_EVENTS);
	/* the events cover exactly what was committed, in order, in msl */
	{
		const char *expect = (const char *)msl->base_va + before;
		uint64_t sum = 0;
		unsigned int bad = 0;

		for (unsigned int i = 0; i < ev.n && i < MAX_EVENTS; i++) {
			bad += ev.addr[i] != expect || ev.len[i] % pg != 0;
			expect = (const char *)ev.addr[i] + ev.len[i];
			sum += ev.len[i];
		}
		EXPECT_EQ_UINT(bad, 0);
		EXPECT_EQ_UINT(sum, now - before);
		EXPECT_EQ_PTR(expect, (const char *)msl->base_va + now);
	}
	/* the new memsegs are not DO_NOT_FREE; -m's still are */
	{
		struct rte_memseg *first = rte_mem_virt2memseg(msl->base_va,
							       msl);
		struct rte_memseg *grown = rte_mem_virt2memseg(
			(const char *)msl->base_va + before, msl);

		ASSERT_NOT_NULL(first);
		ASSERT_NOT_NULL(grown);
		EXPECT_EQ_UINT(first->flags, RTE_MEMSEG_FLAG_DO_NOT_FREE);
		EXPECT_EQ_UINT(grown->flags, 0);
	}
	seg_stats_get(&st, -1);
	EXPECT_EQ_UINT(st.bytes, now);
	EXPECT_EQ_UINT(st.bad_order, 0);

	/* unregistered: no more events */
	EXPECT_EQ_INT(rte_mem_event_callback_unregister("ev", &cookie), 0);
	{
		unsigned int seen = ev.n;
		void *big = rte_malloc("growth", 8 * MB, 0);

		EXPECT_NOT_NULL(big);
		EXPECT_GT_UINT(rte_eal_get_physmem_size(), now);
		EXPECT_EQ_UINT(ev.n, seen);
		rte_free(big);
	}
	rte_errno = 0;
	EXPECT_EQ_INT(rte_mem_event_callback_unregister("ev", &cookie), -1);
	EXPECT_EQ_INT(rte_errno, ENOENT);
	for (unsigned int i = 0; i < np; i++)
		rte_free(p[i]);
	/* committed memory stays committed */
	EXPECT_GE_UINT(rte_eal_get_physmem_size(), now);
	return finish();
}

/* ---- validators */

static struct {
	unsigned int calls;
	int socket;
	size_t limit;
	size_t new_len;
	bool refuse;
} val;

static int
validator(int socket_id, size_t cur_limit, size_t new_len)
{
	val.calls++;
	val.socket = socket_id;
	val.limit = cur_limit;
	val.new_len = new_len;
	return val.refuse ? -1 : 0;
}

static int
refuse_all(int socket_id, size_t cur_limit, size_t new_len)
{
	(void)socket_id;
	(void)cur_limit;
	(void)new_len;
	return -1;
}

static int
scenario_validator(void *arg)
{
	char long_name[RTE_MEM_ALLOC_VALIDATOR_NAME_LEN + 1];
	uint64_t m0, now, limit;
	void *p[128], *q;
	unsigned int np = 0;
	int sock;

	(void)arg;
	init_eal("-m 16");
	sock = (int)rte_socket_id();
	m0 = rte_eal_get_physmem_size();
	ASSERT_EQ_UINT(m0, RTE_ALIGN_CEIL(16 * MB, used_page_sz()));

	/* bad arguments */
	rte_errno = 0;
	EXPECT_EQ_INT(rte_mem_alloc_validator_register(NULL, validator, sock,
						       0), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_mem_alloc_validator_register("v", NULL, sock, 0), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_mem_alloc_validator_register("", validator, sock, 0),
		      -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_mem_alloc_validator_register("v", validator,
						       SOCKET_ID_ANY, 0), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_mem_alloc_validator_register("v", validator,
						       RTE_MAX_NUMA_NODES, 0),
		      -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	memset(long_name, 'v', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	rte_errno = 0;
	EXPECT_EQ_INT(rte_mem_alloc_validator_register(long_name, validator,
						       sock, 0), -1);
	EXPECT_TRUE(rte_errno == EINVAL || rte_errno == ENAMETOOLONG);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_mem_alloc_validator_unregister(NULL, sock), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_mem_alloc_validator_unregister("v", -1), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_mem_alloc_validator_unregister("v", sock), -1);
	EXPECT_EQ_INT(rte_errno, ENOENT);
	EXPECT_EQ_INT(rte_mem_alloc_validator_register("d", validator, sock,
						       1ull << 40), 0);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_mem_alloc_validator_register("d", validator, sock,
						       1ull << 40), -1);
	EXPECT_EQ_INT(rte_errno, EEXIST);
	EXPECT_EQ_INT(rte_mem_alloc_validator_unregister("d", sock), 0);

	/* a refusing validator of another socket is never asked here */
	if (sock + 1 < RTE_MAX_NUMA_NODES)
		EXPECT_EQ_INT(rte_mem_alloc_validator_register(
				      "other", refuse_all, sock + 1, 0), 0);

	/*
	 * Limit = what the first growth step reaches (16 MiB + 2 MiB): a
	 * growth that lands exactly on the limit asks the validator (DPDK
	 * asks when new_len >= limit), one that stays below does not.
	 */
	limit = m0 + RTE_MAX(used_page_sz(), GROWTH_STEP);
	ASSERT_EQ_INT(rte_mem_alloc_validator_register("v", validator, sock,
						       limit), 0);
	while (np < RTE_DIM(p) && rte_eal_get_physmem_size() == m0) {
		p[np] = rte_malloc("val", 256 << 10, 0);
		ASSERT_NOT_NULL(p[np]);
		np++;
		if (rte_eal_get_physmem_size() == m0)
			EXPECT_EQ_UINT(val.calls, 0);
	}
	now = rte_eal_get_physmem_size();
	EXPECT_EQ_UINT(now, limit);
	EXPECT_EQ_UINT(val.calls, 1);
	EXPECT_EQ_INT(val.socket, sock);
	EXPECT_EQ_UINT(val.limit, limit);
	EXPECT_EQ_UINT(val.new_len, limit);

	/* refusing: an allocation that needs memory fails, nothing grows */
	val.refuse = true;
	val.calls = 0;
	rte_errno = 0;
	q = rte_malloc("val", 4 * MB, 0);
	EXPECT_NULL(q);
	EXPECT_EQ_INT(rte_errno, ENOMEM);
	EXPECT_GE_UINT(val.calls, 1);
	EXPECT_GT_UINT(val.new_len, limit);
	EXPECT_EQ_UINT(rte_eal_get_physmem_size(), now);
	rte_errno = 0;
	q = rte_malloc_socket("val", 4 * MB, 0, sock);
	EXPECT_NULL(q);
	EXPECT_EQ_INT(rte_errno, ENOMEM);

	/* unregistered: it succeeds */
	EXPECT_EQ_INT(rte_mem_alloc_validator_unregister("v", sock), 0);
	val.calls = 0;
	q = rte_malloc("val", 4 * MB, 0);
	EXPECT_NOT_NULL(q);
	EXPECT_EQ_UINT(val.calls, 0);
	EXPECT_GT_UINT(rte_eal_get_physmem_size(), now);
	rte_free(q);
	if (sock + 1 < RTE_MAX_NUMA_NODES)
		EXPECT_EQ_INT(rte_mem_alloc_validator_unregister("other",
								 sock + 1), 0);
	for (unsigned int i = 0; i < np; i++)
		rte_free(p[i]);
	return finish();
}

/* ---- limits and preallocation */

static int
scenario_socket_limit(void *arg)
{
	const int node = cpu0_node();
	char args[300];
	void *p[128];
	unsigned int np = 0, fails = 0;
	int err = 0, sock;

	(void)arg;
	snprintf(args, sizeof(args), "-m 16 --socket-limit %s",
		 socket_list(node, 32));
	init_eal(args);
	sock = (int)rte_socket_id();
	EXPECT_EQ_INT(sock, node);
	EXPECT_EQ_UINT(socket_physmem(sock), 16 * MB);
	/* grow 1 MiB at a time until the limit refuses */
	while (np < RTE_DIM(p)) {
		rte_errno = 0;
		p[np] = rte_malloc_socket("lim", MB, 0, sock);
		if (p[np] == NULL) {
			err = rte_errno;
			fails++;
			break;
		}
		np++;
	}
	EXPECT_EQ_UINT(fails, 1);
	EXPECT_EQ_INT(err, ENOMEM);
	EXPECT_EQ_UINT(socket_physmem(sock), 32 * MB);
	/*
	 * 15 fit in -m's 16 MiB, then at least one per 2 MiB step: a block
	 * is carved from the end of the step just added, so the free front
	 * (2 MiB - 1 MiB - header) cannot hold the next 1 MiB block.
	 */
	EXPECT_GE_UINT(np, 15 + 16 / 2);
	/* a single allocation past the limit fails too, without growing */
	rte_errno = 0;
	EXPECT_NULL(rte_malloc_socket("lim", 40 * MB, 0, sock));
	EXPECT_EQ_INT(rte_errno, ENOMEM);
	EXPECT_EQ_UINT(socket_physmem(sock), 32 * MB);
	/* freed memory is reused without growing */
	rte_free(p[0]);
	p[0] = rte_malloc_socket("lim", MB, 0, sock);
	EXPECT_NOT_NULL(p[0]);
	for (unsigned int i = 0; i < np; i++)
		rte_free(p[i]);
	return finish();
}

struct prealloc_case {
	const char *args; /* %s: a socket list, when socket_mem */
	bool socket_mem;
	uint64_t want;    /* bytes committed on lcore 0's socket at init */
};

static int
scenario_prealloc(void *arg)
{
	const struct prealloc_case *c = arg;
	char args[300];
	struct seg_stats st;
	uint64_t pg, want;
	int sock;

	if (c->socket_mem)
		snprintf(args, sizeof(args), c->args,
			 socket_list(cpu0_node(), (unsigned int)(c->want / MB)));
	else
		snprintf(args, sizeof(args), "%s", c->args);
	init_eal(args);
	pg = used_page_sz();
	sock = (int)rte_socket_id();
	memset(&st, 0, sizeof(st));
	st.socket = -1;
	st.check_flags = true;
	st.want_flags = RTE_MEMSEG_FLAG_DO_NOT_FREE;
	EXPECT_EQ_INT(rte_memseg_walk(stats_cb, &st), 0);
	/* exactly what was asked, rounded up to the page size only */
	want = RTE_ALIGN_CEIL(c->want, pg);
	EXPECT_EQ_UINT(rte_eal_get_physmem_size(), want);
	EXPECT_EQ_UINT(socket_physmem(sock), want);
	EXPECT_EQ_UINT(st.n, want / pg);
	EXPECT_EQ_UINT(st.bad_flags, 0);
	EXPECT_EQ_UINT(st.bad_order, 0);
	EXPECT_EQ_UINT(st.bad_len, 0);
	return finish();
}

static int
scenario_legacy(void *arg)
{
	static int cookie;
	void *a, *b;
	struct seg_stats st;
	uint64_t m0;

	(void)arg;
	init_eal("--legacy-mem -m 16");
	m0 = RTE_ALIGN_CEIL(16 * MB, used_page_sz());
	EXPECT_EQ_UINT(rte_eal_get_physmem_size(), m0);
	/* fixed memory: nothing to report or validate (DPDK: ENOTSUP) */
	rte_errno = 0;
	EXPECT_EQ_INT(rte_mem_event_callback_register("legacy", event_cb,
						      &cookie), -1);
	EXPECT_EQ_INT(rte_errno, ENOTSUP);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_mem_alloc_validator_register("legacy", refuse_all,
						       0, 0), -1);
	EXPECT_EQ_INT(rte_errno, ENOTSUP);
	a = rte_malloc("legacy", m0 / 2, 0);
	EXPECT_NOT_NULL(a);
	rte_errno = 0;
	b = rte_malloc("legacy", m0 + 16 * MB, 0);
	EXPECT_NULL(b);
	EXPECT_EQ_INT(rte_errno, ENOMEM);
	rte_errno = 0;
	EXPECT_NULL(rte_malloc_socket("legacy", m0 / 2 + MB, 0,
				      (int)rte_socket_id()));
	EXPECT_EQ_INT(rte_errno, ENOMEM);
	EXPECT_EQ_UINT(rte_eal_get_physmem_size(), m0);
	EXPECT_EQ_UINT(ev.n, 0);
	memset(&st, 0, sizeof(st));
	st.socket = -1;
	st.check_flags = true;
	st.want_flags = RTE_MEMSEG_FLAG_DO_NOT_FREE;
	EXPECT_EQ_INT(rte_memseg_walk(stats_cb, &st), 0);
	EXPECT_EQ_UINT(st.bytes, m0);
	EXPECT_EQ_UINT(st.bad_flags, 0);
	rte_free(a);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_mem_event_callback_unregister("legacy", &cookie), -1);
	EXPECT_EQ_INT(rte_errno, ENOTSUP);
	return finish();
}

/* ---- walks while memory grows */

struct alloc_in_walk {
	size_t size;
	void *p;
	unsigned int visited;
};

static int
alloc_in_walk_cb(const struct rte_memseg_list *msl,
		 const struct rte_memseg *ms, void *arg)
{
	struct alloc_in_walk *a = arg;

	(void)msl;
	(void)ms;
	if (a->visited++ == 0)
		a->p = rte_malloc("walk", a->size, 0); /* grows: no deadlock */
	return 0;
}

struct grower {
	volatile bool done;
	unsigned int grown;
};

static void *
grow_thread(void *arg)
{
	struct grower *g = arg;
	void *p[40];
	unsigned int n = 0;

	for (; n < RTE_DIM(p); n++) {
		p[n] = rte_malloc("grow", MB, 0);
		if (p[n] == NULL)
			break;
	}
	g->grown = n;
	for (unsigned int i = 0; i < n; i++)
		rte_free(p[i]);
	__atomic_store_n(&g->done, true, __ATOMIC_RELEASE);
	return NULL;
}

static int
scenario_walk_growth(void *arg)
{
	struct alloc_in_walk a;
	struct grower g = { false, 0 };
	struct seg_stats st;
	unsigned int walks = 0, bad = 0, shrank = 0;
	uint64_t before, last = 0;
	pthread_t th;

	(void)arg;
	init_eal("-m 16");
	before = rte_eal_get_physmem_size();

	/* a walk callback may allocate memory that grows the heap */
	memset(&a, 0, sizeof(a));
	a.size = before + 4 * MB;
	EXPECT_EQ_INT(rte_memseg_walk(alloc_in_walk_cb, &a), 0);
	EXPECT_NOT_NULL(a.p);
	EXPECT_GE_UINT(a.visited, before / used_page_sz());
	EXPECT_GT_UINT(rte_eal_get_physmem_size(), before);
	rte_free(a.p);

	/* walks from this thread while another one grows memory */
	ASSERT_EQ_INT(pthread_create(&th, NULL, grow_thread, &g), 0);
	do {
		seg_stats_get(&st, -1);
		bad += st.bad_len + st.bad_order + st.bad_socket;
		shrank += st.bytes < last;
		last = st.bytes;
		walks++;
	} while (!__atomic_load_n(&g.done, __ATOMIC_ACQUIRE));
	pthread_join(th, NULL);
	EXPECT_EQ_UINT(g.grown, 40);
	EXPECT_EQ_UINT(bad, 0);
	EXPECT_EQ_UINT(shrank, 0);
	EXPECT_GE_UINT(walks, 1);
	seg_stats_get(&st, -1);
	EXPECT_EQ_UINT(st.bytes, rte_eal_get_physmem_size());
	return finish();
}

/* No rte_eal_init: the memseg API initialises the EAL (private memory). */
static int
scenario_lazy(void *arg)
{
	struct list_stats ls = { 0 };
	void *p;

	(void)arg;
	EXPECT_EQ_INT(rte_memseg_list_walk(list_cb, &ls), 0);
	EXPECT_GE_UINT(ls.n, 1);
	EXPECT_EQ_UINT(ls.bad, 0);
	p = rte_malloc("lazy", MB, 0);
	ASSERT_NOT_NULL(p);
	EXPECT_GE_UINT(rte_eal_get_physmem_size(), MB);
	EXPECT_NOT_NULL(rte_mem_virt2memseg(p, NULL));
	EXPECT_GE_INT(rte_memseg_get_fd(rte_mem_virt2memseg(p, NULL)), 0);
	rte_free(p);
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	/* after cleanup: nothing, and no new initialisation */
	EXPECT_EQ_UINT(rte_eal_get_physmem_size(), 0);
	EXPECT_NULL(rte_mem_virt2memseg_list(p));
	return test_report();
}

/* ---- translation */

static int
scenario_translation(void *arg)
{
	int on_stack = 42;
	const struct rte_memseg_list *msl;
	struct rte_memseg_list fake;
	struct rte_memseg *ms;
	char *p, *uncommitted;
	phys_addr_t pa;
	uint64_t phys;

	(void)arg;
	init_eal("-m 16");
	p = rte_malloc("xlate", 64 << 10, 0);
	ASSERT_NOT_NULL(p);
	p[100] = 1;

	/* a heap pointer: its memseg and list */
	msl = rte_mem_virt2memseg_list(p + 100);
	ASSERT_NOT_NULL(msl);
	EXPECT_TRUE(p >= (char *)msl->base_va &&
		    p < (char *)msl->base_va + msl->len);
	ms = rte_mem_virt2memseg(p + 100, NULL);
	ASSERT_NOT_NULL(ms);
	EXPECT_TRUE(p + 100 >= (char *)ms->addr &&
		    p + 100 < (char *)ms->addr + ms->len);
	EXPECT_EQ_PTR(rte_mem_virt2memseg(p + 100, msl), ms);
	memset(&fake, 0, sizeof(fake));
	EXPECT_NULL(rte_mem_virt2memseg(p + 100, &fake));
	/* the first and last committed bytes, and the one after */
	EXPECT_NOT_NULL(rte_mem_virt2memseg(msl->base_va, msl));
	EXPECT_NOT_NULL(rte_mem_virt2memseg(
		(char *)msl->base_va + rte_eal_get_physmem_size() - 1, msl));
	uncommitted = (char *)msl->base_va + rte_eal_get_physmem_size();
	EXPECT_EQ_PTR(rte_mem_virt2memseg_list(uncommitted), msl);
	EXPECT_NULL(rte_mem_virt2memseg(uncommitted, NULL));
	/* the last page of the list's range: listed, not committed */
	uncommitted = (char *)msl->base_va + msl->len - msl->page_sz;
	EXPECT_EQ_PTR(rte_mem_virt2memseg_list(uncommitted), msl);
	EXPECT_NULL(rte_mem_virt2memseg(uncommitted, NULL));
	EXPECT_NULL(rte_mem_virt2memseg_list((char *)msl->base_va + msl->len +
					     (1ull << 40)));
	/* the shared config below the lists is not memseg memory */
	EXPECT_NULL(rte_mem_virt2memseg_list(
		(void *)(uintptr_t)rte_eal_get_baseaddr()));
	EXPECT_NULL(rte_mem_virt2memseg(
		(void *)(uintptr_t)rte_eal_get_baseaddr(), NULL));
	/* a stack pointer, and NULL */
	EXPECT_NULL(rte_mem_virt2memseg(&on_stack, NULL));
	EXPECT_NULL(rte_mem_virt2memseg_list(&on_stack));
	EXPECT_NULL(rte_mem_virt2memseg(NULL, NULL));
	EXPECT_NULL(rte_mem_virt2memseg_list(NULL));

	EXPECT_EQ_INT(rte_eal_using_phys_addrs(),
		      rte_eal_iova_mode() == RTE_IOVA_PA);
	/* IOVA in VA mode: the address itself, both ways */
	if (rte_eal_iova_mode() == RTE_IOVA_VA) {
		EXPECT_EQ_UINT(rte_mem_virt2iova(p + 100),
			       (uintptr_t)(p + 100));
		EXPECT_EQ_UINT(rte_malloc_virt2iova(p), (uintptr_t)p);
		EXPECT_EQ_UINT(ms->iova, (uintptr_t)ms->addr);
	}
	EXPECT_NE_UINT(rte_mem_virt2iova(p), RTE_BAD_IOVA);
	EXPECT_EQ_PTR(rte_mem_iova2virt(rte_mem_virt2iova(p + 100)), p + 100);
	EXPECT_EQ_PTR(rte_mem_iova2virt(ms->iova), ms->addr);
	EXPECT_EQ_PTR(rte_mem_iova2virt(ms->iova + ms->len - 1),
		      (char *)ms->addr + ms->len - 1);
	EXPECT_NULL(rte_mem_iova2virt(RTE_BAD_IOVA));
	if (rte_eal_iova_mode() == RTE_IOVA_VA) {
		EXPECT_NULL(rte_mem_iova2virt((rte_iova_t)(uintptr_t)&on_stack));
		EXPECT_NULL(rte_mem_iova2virt(
			(rte_iova_t)(uintptr_t)uncommitted));
		EXPECT_NULL(rte_mem_iova2virt(1));
	}

	/* physical address of the stack: unknown, or a plausible one */
	pa = rte_mem_virt2phy(&on_stack);
	if (pa != RTE_BAD_IOVA) {
		EXPECT_NE_UINT(pa, 0);
		EXPECT_EQ_UINT(pa & 4095, (uintptr_t)&on_stack & 4095);
	}
	phys = rte_mem_virt2phy(p);
	(void)phys; /* anything but a crash: shm pages have frames too */
	rte_free(p);
	return finish();
}

/* ---- file descriptors */

static int
scenario_fd(void *arg)
{
	const struct rte_memseg_list *msl;
	struct rte_memseg *ms, copy, *unused;
	size_t off = 12345, off2 = 0;
	char *p, *second, buf[256], pattern[256];
	struct stat sb;
	int fd;

	init_eal(arg);
	p = rte_malloc("fd", 3 * 4096, 0);
	ASSERT_NOT_NULL(p);
	ms = rte_mem_virt2memseg(p, NULL);
	msl = rte_mem_virt2memseg_list(p);
	ASSERT_NOT_NULL(ms);
	ASSERT_NOT_NULL(msl);

	fd = rte_memseg_get_fd(ms);
	ASSERT_GE_INT(fd, 0);
	EXPECT_GE_INT(fcntl(fd, F_GETFD), 0);
	EXPECT_EQ_INT(rte_memseg_get_fd_thread_unsafe(ms), fd);
	EXPECT_EQ_INT(rte_memseg_get_fd_offset(ms, &off), 0);
	EXPECT_EQ_UINT(off, (uintptr_t)ms->addr - (uintptr_t)msl->base_va);
	EXPECT_EQ_INT(rte_memseg_get_fd_offset_thread_unsafe(ms, &off2), 0);
	EXPECT_EQ_UINT(off2, off);
	EXPECT_EQ_INT(fstat(fd, &sb), 0);
	EXPECT_GE_UINT((uint64_t)sb.st_size, off + ms->len);
	/* every memseg of the list shares the file */
	EXPECT_EQ_INT(rte_memseg_get_fd(rte_mem_virt2memseg(msl->base_va,
							    msl)), fd);

	/* written through the pointer, read through the file, and back */
	for (unsigned int i = 0; i < sizeof(pattern); i++)
		pattern[i] = (char)(i * 7 + 3);
	memcpy(p, pattern, sizeof(pattern));
	memset(buf, 0, sizeof(buf));
	EXPECT_EQ_INT(pread(fd, buf, sizeof(buf),
			    (off_t)(off + (size_t)(p - (char *)ms->addr))),
		      (int)sizeof(buf));
	EXPECT_EQ_INT(memcmp(buf, pattern, sizeof(buf)), 0);
	memset(buf, 0x5a, sizeof(buf));
	if (!rte_eal_has_hugepages()) { /* hugetlbfs has no write() */
		EXPECT_EQ_INT(pwrite(fd, buf, 16,
				     (off_t)(off +
					     (size_t)(p - (char *)ms->addr))),
			      16);
		EXPECT_EQ_INT(memcmp(p, buf, 16), 0);
	}
	/* a second mapping of the memseg from the descriptor is the same
	 * memory */
	second = mmap(NULL, ms->len, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		      (off_t)off);
	EXPECT_TRUE(second != MAP_FAILED);
	if (second != MAP_FAILED) {
		size_t at = (size_t)(p - (char *)ms->addr);

		EXPECT_EQ_INT(memcmp(second + at, p, sizeof(pattern)), 0);
		second[at + 1] = 0x11;
		EXPECT_EQ_INT(p[1], 0x11);
		munmap(second, ms->len);
	}

	/* NULL, a copy of a memseg, an uncommitted entry, a NULL offset */
	rte_errno = 0;
	EXPECT_EQ_INT(rte_memseg_get_fd(NULL), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_memseg_get_fd_thread_unsafe(NULL), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	copy = *ms;
	rte_errno = 0;
	EXPECT_EQ_INT(rte_memseg_get_fd(&copy), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_memseg_get_fd_offset(&copy, &off), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_memseg_get_fd_offset(NULL, &off), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_memseg_get_fd_offset(ms, NULL), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_memseg_get_fd_offset_thread_unsafe(ms, NULL), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	unused = rte_fbarray_get(&msl->memseg_arr,
				 (unsigned int)(rte_eal_get_physmem_size() /
						msl->page_sz));
	if (unused != NULL) {
		rte_errno = 0;
		EXPECT_EQ_INT(rte_memseg_get_fd(unused), -1);
		EXPECT_NE_INT(rte_errno, 0);
	}
	rte_free(p);
	return finish();
}

/* ---- DMA mask, page lock, dump, channels */

static int
scenario_misc(void *arg)
{
	struct seg_stats st;
	unsigned int bits, lines = 0;
	uint64_t before;
	char *text = NULL;
	size_t text_len = 0;
	FILE *f;
	void *p, *q;
	int ret;

	(void)arg;
	init_eal("-n 4 -r 2 -m 16");
	EXPECT_EQ_UINT(rte_memory_get_nchannel(), 4);
	EXPECT_EQ_UINT(rte_memory_get_nrank(), 2);
	memset(&st, 0, sizeof(st));
	st.socket = -1;
	st.want_nchannel = 4;
	st.want_nrank = 2;
	EXPECT_EQ_INT(rte_memseg_walk(stats_cb, &st), 0);
	EXPECT_EQ_UINT(st.bad_nch, 0);

	/* the dump: one line per memseg */
	f = open_memstream(&text, &text_len);
	ASSERT_NOT_NULL(f);
	rte_dump_physmem_layout(f);
	fclose(f);
	for (char *c = text; c != NULL && *c != '\0'; c++)
		lines += *c == '\n';
	EXPECT_EQ_UINT(lines, st.n);
	EXPECT_EQ_UINT(lines, rte_eal_get_physmem_size() / used_page_sz());
	EXPECT_TRUE(text != NULL && strncmp(text, "Segment", 7) == 0);
	free(text);

	/* lock a heap page (RLIMIT_MEMLOCK may refuse) */
	p = rte_malloc("misc", 4096, 0);
	ASSERT_NOT_NULL(p);
	errno = 0;
	ret = rte_mem_lock_page(p);
	if (ret != 0) {
		printf("note: rte_mem_lock_page: %s\n", strerror(errno));
		EXPECT_EQ_INT(ret, -1);
		EXPECT_TRUE(errno == ENOMEM || errno == EPERM ||
			    errno == EAGAIN);
	}

	/* DMA mask bounds */
	rte_errno = 0;
	EXPECT_EQ_INT(rte_mem_check_dma_mask(0), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_mem_check_dma_mask(65), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_mem_check_dma_mask_thread_unsafe(0), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	EXPECT_EQ_INT(rte_mem_check_dma_mask(64), 0);
	EXPECT_EQ_INT(rte_mem_check_dma_mask_thread_unsafe(64), 0);
	/* a 64-bit mask does not stop growth */
	before = rte_eal_get_physmem_size();
	q = rte_malloc("misc", 24 * MB, 0);
	EXPECT_NOT_NULL(q);
	rte_free(q);
	EXPECT_GT_UINT(rte_eal_get_physmem_size(), before);
	/* exactly the width the memory in use needs */
	seg_stats_get(&st, -1);
	bits = 64u - (unsigned int)__builtin_clzll(st.max_end);
	EXPECT_EQ_INT(rte_mem_check_dma_mask((uint8_t)bits), 0);
	EXPECT_EQ_INT(rte_mem_check_dma_mask((uint8_t)(bits - 1)), -1);
	EXPECT_EQ_INT(rte_mem_check_dma_mask(20), -1);
	EXPECT_EQ_INT(rte_mem_check_dma_mask_thread_unsafe(20), -1);

	/*
	 * A remembered mask applies to memory committed later: with a
	 * 20-bit mask no new page fits, so an allocation that needs one
	 * fails and nothing is committed (DPDK checks the mask when its heap
	 * grows).
	 */
	rte_mem_set_dma_mask(20);
	before = rte_eal_get_physmem_size();
	rte_errno = 0;
	q = rte_malloc("misc", 64 * MB, 0);
	EXPECT_NULL(q);
	EXPECT_EQ_INT(rte_errno, ENOMEM);
	EXPECT_EQ_UINT(rte_eal_get_physmem_size(), before);
	seg_stats_get(&st, -1);
	EXPECT_EQ_UINT(st.bytes, before);
	rte_free(q);
	/* what is committed stays usable */
	q = rte_malloc("misc", MB, 0);
	EXPECT_NOT_NULL(q);
	rte_free(q);
	rte_free(p);
	return finish();
}

/* ---- resources */

/* Names in a directory other than . and .., joined by spaces. */
static unsigned int
dir_entries(const char *path, char *names, size_t len)
{
	DIR *d = opendir(path);
	struct dirent *de;
	unsigned int n = 0;
	size_t off = 0;

	names[0] = '\0';
	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		n++;
		if (off < len)
			off += (size_t)snprintf(names + off, len - off, "%s%s",
						n > 1 ? " " : "", de->d_name);
	}
	closedir(d);
	return n;
}

/* Files of this test's prefix in /dev/shm. */
static unsigned int
shm_files(void)
{
	char want[64];
	DIR *d = opendir("/dev/shm");
	struct dirent *de;
	unsigned int n = 0;

	snprintf(want, sizeof(want), "rtmem.%s.", test_file_prefix());
	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, want, strlen(want)) == 0) {
			printf("/dev/shm/%s\n", de->d_name);
			n++;
		}
	closedir(d);
	return n;
}

static int
scenario_resources(void *arg)
{
	const unsigned int mb = (unsigned int)(uintptr_t)arg;
	char args[64], dir[512], names[512];
	int before, after;

	snprintf(args, sizeof(args), "-m %u", mb);
	before = count_fds();
	ASSERT_GE_INT(before, 0);
	init_eal(args);
	EXPECT_EQ_UINT(rte_eal_get_physmem_size(), (uint64_t)mb * MB);
	after = count_fds();
	if (mb == 16)
		report->fds_m16 = after - before;
	else
		report->fds_m256 = after - before;
	if (!rte_eal_has_hugepages())
		EXPECT_GE_UINT(shm_files(), 1);
	test_runtime_dir(dir, sizeof(dir), test_file_prefix());
	EXPECT_GE_UINT(dir_entries(dir, names, sizeof(names)), 2);
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	/* only the lock file stays, and nothing in /dev/shm */
	EXPECT_EQ_UINT(dir_entries(dir, names, sizeof(names)), 1);
	EXPECT_EQ_STR(names, "lock");
	EXPECT_EQ_UINT(shm_files(), 0);
	/* and the descriptors are closed */
	EXPECT_EQ_INT(count_fds(), before);
	return test_report();
}

int
main(void)
{
	static const struct prealloc_case prealloc[] = {
		{ "-m 3", false, 3 * MB },       /* not a growth-step multiple */
		{ "-m 16", false, 16 * MB },
		{ "--socket-mem %s", true, 8 * MB },
		{ "--socket-mem %s", true, 6 * MB },
	};

	TEST_REQUIRE_CPUS(1);
	report = mmap(NULL, sizeof(*report), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(report != MAP_FAILED);
	memset(report, 0, sizeof(*report));
	report->fds_m16 = report->fds_m256 = -1;

	test_child_ok("memseg lists", scenario_lists, NULL, 30);
	test_child_ok("memseg lists --no-huge", scenario_lists, "", 30);
	test_child_ok("-m 16 memsegs", scenario_m16, NULL, 30);
	test_child_ok("-m 16 contig walk", scenario_contig, NULL, 30);
	test_child_ok("growth and events", scenario_growth, NULL, 30);
	test_child_ok("allocation validators", scenario_validator, NULL, 30);
	test_child_ok("--socket-limit", scenario_socket_limit, NULL, 30);
	for (unsigned int i = 0; i < RTE_DIM(prealloc); i++)
		test_child_ok(prealloc[i].args, scenario_prealloc,
			      (void *)(uintptr_t)&prealloc[i], 30);
	test_child_ok("--legacy-mem", scenario_legacy, NULL, 30);
	test_child_ok("walks while memory grows", scenario_walk_growth, NULL,
		      30);
	test_child_ok("lazy initialisation", scenario_lazy, NULL, 30);
	test_child_ok("translation", scenario_translation, NULL, 30);
	test_child_ok("memseg fds", scenario_fd, "-m 16", 30);
	test_child_ok("memseg fds --in-memory", scenario_fd,
		      "--in-memory -m 16", 30);
	test_child_ok("dma mask, lock, dump, channels", scenario_misc, NULL, 30);
	test_child_ok("resources -m 16", scenario_resources,
		      (void *)(uintptr_t)16, 30);
	test_child_ok("resources -m 256", scenario_resources,
		      (void *)(uintptr_t)256, 30);
	EXPECT_GE_INT(report->fds_m16, 0);
	EXPECT_EQ_INT(report->fds_m256, report->fds_m16);
	EXPECT_EQ_UINT(shm_files(), 0);
	return test_report();
}
