/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * process.c: primary and secondary processes (multiprocess.md 6.4-6.5).
 *
 * Primary init (mem_init, --proc-type primary or auto-and-first):
 *   1. take `lock` b0 W (election); failing it means a primary runs;
 *   2. remove what a dead primary of this prefix left: its config,
 *      config.tmp and the backing files its config names (orphaned
 *      secondaries keep their mappings of the unlinked files; the old
 *      config is never modified in place);
 *   3. plan the memory (backing.c), reserve the address range with
 *      MAP_FIXED_NOREPLACE;
 *   4. create config.tmp, lock its b0 (alive) and b1 (gate) W, map it at
 *      the base, fill header and config, create and map the backing files,
 *      commit -m memory, run the clients' primary_init (heaps, memzones);
 *   5. state READY, rename config.tmp -> config, release b1.
 * Secondary attach: wait (bounded) for a config whose b0 is locked and
 * whose gate b1 we can read-lock; check the header (magic, layout,
 * version, state, size) before mapping anything; reserve the same range;
 * map config and backing files; claim a process-table slot (its liveness
 * is our write lock on config byte 64+k); release the gate.
 * Cleanup: a primary marks the config CLOSED, waits out attaches in flight
 * (gate W), deletes config and backing files and unmaps; a secondary frees
 * its slot and unmaps. A primary that exits without cleanup deletes its
 * files at exit; one that is killed leaves them to the next primary.
 *
 * --in-memory / --no-shconf: the same layout in memfds, no runtime files,
 * no locks; always primary.
 *
 * State (process-private): `mp` below, written under the EAL init lock by
 * init and cleanup only; read by any thread in between.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>

#include "internal/rtmem_export.h"
#include "internal/rtmem_log.h"
#include "internal/test_hooks.h"
#include "mem/fbarray_private.h"
#include "mem/mem_internal.h"

#define DEFAULT_BASE 0x100000000ull       /* 4 GiB, DPDK's default */
#define DEFAULT_BASE_ASAN 0x200000000000ull /* above ASan's shadow */
#define BASE_RETRIES 64                   /* tries, 1 GiB apart */
#define ATTACH_TIMEOUT_MS 10000
#define CLOSE_GATE_WAIT_MS 1000
#define MAX_CLIENTS 8

#if defined(__SANITIZE_ADDRESS__)
#define RTMEM_ASAN_BUILD 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RTMEM_ASAN_BUILD 1
#endif
#endif

static struct {
	struct mem_header *hdr;  /* == base: the start of the reservation */
	size_t total_len;
	enum rte_proc_type_t type;
	uint32_t identity;       /* shlock identity: generation << 8 | slot */
	int lock_fd;             /* <runtime>/lock (primary: election) */
	int config_fd;           /* config (file or memfd) */
	bool owns_files;         /* primary: delete config and files at exit */
	pid_t owner_pid;         /* the process that owns them (not a child) */
	char prefix[NAME_MAX];
} mp = { .type = RTE_PROC_PRIMARY, .lock_fd = -1, .config_fd = -1 };

static unsigned int memzone_max = RTE_MAX_MEMZONE;

void
mem_set_memzone_max(unsigned int max)
{
	memzone_max = max;
}

unsigned int
mem_memzone_max(void)
{
	return memzone_max;
}

static struct mem_client clients[MAX_CLIENTS];
static unsigned int n_clients;

void
mem_register_client(const struct mem_client *client)
{
	unsigned int i;

	if (n_clients == MAX_CLIENTS)
		rte_panic("mem: too many clients (%s)", client->name);
	for (i = n_clients; i > 0 && clients[i - 1].order > client->order; i--)
		clients[i] = clients[i - 1];
	clients[i] = *client;
	n_clients++;
}

struct mem_config *mem_config_;
unsigned int mem_proc_slot_;

enum rte_proc_type_t
mem_proc_type(void)
{
	return mp.type;
}

bool
mem_addr_is_shared(const void *addr)
{
	const char *p = addr, *base = (const char *)mp.hdr;

	return base != NULL && p >= base && p < base + mp.total_len;
}

/* ------------------------------------------------------------------ */
/* small helpers                                                       */

static uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void
sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Start time of this process in clock ticks since boot (diagnostics). */
static uint64_t
process_start_time(void)
{
	char buf[1024], *p;
	unsigned long long start = 0;
	FILE *f = fopen("/proc/self/stat", "re");

	if (f == NULL)
		return 0;
	if (fgets(buf, sizeof(buf), f) != NULL &&
	    (p = strrchr(buf, ')')) != NULL) {
		/* field 22, counted from the state field after the name */
		for (int field = 3; field < 22 && p != NULL; field++)
			p = strchr(p + 1, ' ');
		if (p != NULL)
			start = strtoull(p + 1, NULL, 10);
	}
	fclose(f);
	return start;
}

/* Log the mappings of this process that overlap [start, start + len). */
static void
log_mappings_in_the_way(uintptr_t start, size_t len)
{
	char line[PATH_MAX + 128];
	FILE *f = fopen("/proc/self/maps", "re");

	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		unsigned long lo, hi;
		int name_at = 0;

		if (sscanf(line, "%lx-%lx %*s %*s %*s %*s %n", &lo, &hi,
			   &name_at) < 2 || hi <= start || lo >= start + len)
			continue;
		line[strcspn(line, "\n")] = '\0';
		EAL_LOG(ERR, "  in the way: %lx-%lx %s", lo, hi,
			name_at > 0 && line[name_at] != '\0' ? line + name_at
							     : "[anonymous]");
	}
	fclose(f);
}

/* Reserve exactly [addr, addr + len) (PROT_NONE). 0 or -errno. */
static int
reserve_exact(uintptr_t addr, size_t len)
{
	void *va = mmap((void *)addr, len, PROT_NONE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
				MAP_FIXED_NOREPLACE,
			-1, 0);

	if (va == MAP_FAILED)
		return -errno;
	if ((uintptr_t)va != addr) { /* a kernel older than 4.17 */
		munmap(va, len);
		return -EEXIST;
	}
	return 0;
}

/*
 * The primary's reservation: --base-virtaddr or the default, aligned to
 * `align`, else the next free GiB above it.
 */
static int
reserve_primary(const struct eal_options *o, size_t len, size_t align,
		uintptr_t *base)
{
#ifdef RTMEM_ASAN_BUILD
	uintptr_t want = DEFAULT_BASE_ASAN;
#else
	uintptr_t want = DEFAULT_BASE;
#endif
	const uintptr_t step = RTE_MAX((uintptr_t)1 << 30, (uintptr_t)align);

	if (o->base_virtaddr != 0)
		want = o->base_virtaddr;
	want = RTE_ALIGN_CEIL(want, align);
	for (unsigned int i = 0; i < BASE_RETRIES; i++) {
		uintptr_t addr = want + i * step;
		int ret = reserve_exact(addr, len);

		if (ret == 0) {
			if (i > 0 && o->base_virtaddr != 0)
				EAL_LOG(WARNING, "--base-virtaddr %#lx is taken; "
					"using %#lx", (unsigned long)want,
					(unsigned long)addr);
			*base = addr;
			return 0;
		}
		if (ret != -EEXIST) {
			EAL_LOG(ERR, "cannot reserve %zu MB of address space at "
				"%#lx: %s", len >> 20, (unsigned long)addr,
				strerror(-ret));
			return -ENOMEM;
		}
	}
	EAL_LOG(ERR, "cannot reserve %zu MB of address space at or above "
		"%#lx; try another --base-virtaddr", len >> 20,
		(unsigned long)want);
	log_mappings_in_the_way(want, len);
	return -ENOMEM;
}

/* ------------------------------------------------------------------ */
/* teardown shared by failure paths and cleanup                        */

static void
unmap_and_close(void)
{
	backing_close();
	if (mp.hdr != NULL)
		munmap(mp.hdr, mp.total_len);
	if (mp.config_fd >= 0)
		close(mp.config_fd);
	if (mp.lock_fd >= 0)
		close(mp.lock_fd);
	mp.hdr = NULL;
	mem_config_ = NULL;
	mp.total_len = 0;
	mp.config_fd = -1;
	mp.lock_fd = -1;
	mp.owns_files = false;
	mem_proc_slot_ = 0;
	mp.type = RTE_PROC_PRIMARY;
	runtime_dir_forget();
}

/* Delete config and backing files of this primary (it owns them). */
static void
delete_own_files(void)
{
	char path[PATH_MAX];

	if (!mp.owns_files || getpid() != mp.owner_pid)
		return;
	if (mem_runtime_path(path, sizeof(path), "config") == 0)
		unlink(path);
	if (mem_runtime_path(path, sizeof(path), "config.tmp") == 0)
		unlink(path);
	backing_unlink(mem_config_, mp.prefix);
	mp.owns_files = false;
}

/* atexit: a primary that exits without rte_eal_cleanup(). */
static void
delete_files_at_exit(void)
{
	if (mem_config_ == NULL || !mp.owns_files || getpid() != mp.owner_pid)
		return;
	__atomic_store_n(&mp.hdr->state, MEM_STATE_CLOSED, __ATOMIC_RELEASE);
	delete_own_files();
}

/* fork: the child must not keep the parent's locks (primary alive). */
static void
forget_locks_in_child(void)
{
	if (mp.lock_fd >= 0)
		close(mp.lock_fd);
	if (mp.config_fd >= 0)
		close(mp.config_fd);
	mp.lock_fd = -1;
	mp.config_fd = -1;
	mp.owns_files = false;
}

/* ------------------------------------------------------------------ */
/* primary                                                             */

/*
 * What a dead primary of this prefix left behind: its config (read, never
 * modified), config.tmp, and the backing files the config names. Called
 * holding the election lock, so no live primary owns them.
 */
static void
remove_stale_files(void)
{
	char path[PATH_MAX], tmp[PATH_MAX];
	struct mem_header hdr;
	struct mem_config *old = NULL;
	struct stat st;
	int fd;

	if (mem_runtime_path(path, sizeof(path), "config") != 0 ||
	    mem_runtime_path(tmp, sizeof(tmp), "config.tmp") != 0)
		return;
	unlink(tmp); /* a primary that died initialising */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return;
	if (fstat(fd, &st) == 0 &&
	    st.st_size >= (off_t)(MEM_HEADER_LEN + sizeof(*old)) &&
	    pread(fd, &hdr, sizeof(hdr), 0) == (ssize_t)sizeof(hdr) &&
	    hdr.magic == MEM_HEADER_MAGIC &&
	    (old = malloc(sizeof(*old))) != NULL &&
	    pread(fd, old, sizeof(*old), MEM_HEADER_LEN) ==
		    (ssize_t)sizeof(*old)) {
		/* only names are used, and checked: sizes may differ */
		old->n_types = RTE_MIN(old->n_types, (uint32_t)RTE_MAX_MEMSEG_LISTS);
		EAL_LOG(NOTICE, "removing the files of a dead primary (pid "
			"%d) of prefix %s", hdr.primary_pid, mp.prefix);
		backing_unlink(old, mp.prefix);
	}
	free(old);
	close(fd);
	unlink(path);
}

/* IOVA mode: --iova-mode, else PA when hugepages give physical addresses. */
static int
choose_iova_mode(const struct eal_options *o, bool huge, uint32_t *mode)
{
	int probe = 0;
	bool phys = huge && !o->in_memory &&
		    memseg_virt2phy(&probe) != RTE_BAD_IOVA;
	struct stat st;
	bool iommu = stat("/sys/kernel/iommu_groups/0", &st) == 0;

	if (o->iova_mode == RTE_IOVA_PA && !phys) {
		EAL_LOG(ERR, "--iova-mode=pa: physical addresses are not "
			"available (they need hugepages and CAP_SYS_ADMIN)");
		return -EINVAL;
	}
	if (o->iova_mode != RTE_IOVA_DC)
		*mode = o->iova_mode;
	else
		*mode = phys && !iommu ? RTE_IOVA_PA : RTE_IOVA_VA;
	EAL_LOG(DEBUG, "IOVA mode %s", *mode == RTE_IOVA_PA ? "PA" : "VA");
	return 0;
}

/* Create the config (config.tmp, or a memfd) and map it at base. */
static int
create_config(const struct mem_plan *plan, uintptr_t base, bool shared)
{
	char tmp[PATH_MAX];
	int fd, ret;

	if (shared) {
		mem_runtime_path(tmp, sizeof(tmp), "config.tmp");
		fd = open(tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC |
				       O_NOFOLLOW, 0600);
	} else {
		fd = memfd_create("rtmem.config", MFD_CLOEXEC);
	}
	if (fd < 0) {
		ret = -errno;
		EAL_LOG(ERR, "config %s: cannot create it: %s",
			shared ? tmp : "memfd", strerror(errno));
		return ret;
	}
	mp.config_fd = fd;
	if (shared && (ofd_lock(fd, F_WRLCK, LOCK_BYTE_ALIVE, 1) != 0 ||
		       ofd_lock(fd, F_WRLCK, LOCK_BYTE_GATE, 1) != 0)) {
		EAL_LOG(ERR, "config %s: cannot lock it", tmp);
		return -EACCES;
	}
	if (ftruncate(fd, (off_t)plan->config_len) != 0 ||
	    mmap((void *)base, plan->config_len, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_FIXED, fd, 0) == MAP_FAILED) {
		ret = -errno;
		EAL_LOG(ERR, "config: cannot size or map %" PRIu64 " bytes: "
			"%s", plan->config_len, strerror(errno));
		return ret;
	}
	return 0;
}

/* Whether slot k's owner still lives (its OFD lock is held). */
static bool
slot_alive(unsigned int k)
{
	if (!__atomic_load_n(&mem_config_->proc[k].in_use, __ATOMIC_ACQUIRE))
		return false;
	if (mp.hdr->backend == MEM_BACKEND_ANON)
		return true; /* private memory: only this process */
	return ofd_test(mp.config_fd, F_WRLCK, LOCK_BYTE_SLOT(k), 1, NULL) == 1;
}

/*
 * shlock liveness check: a lock holder lives while the slot in its
 * identity is still its own (same generation) and alive; in this process,
 * while its thread exists.
 */
static bool
lock_holder_alive(uint32_t process, uint32_t tid)
{
	unsigned int k = process & 0xff;
	const struct mem_proc_slot *s;

	if (process == mp.identity)
		return syscall(SYS_tgkill, getpid(), (pid_t)tid, 0) == 0 ||
		       errno != ESRCH;
	if (mem_config_ == NULL || k >= MEM_MAX_PROCS)
		return true; /* cannot tell: never take over */
	s = &mem_config_->proc[k];
	return (__atomic_load_n(&s->generation, __ATOMIC_ACQUIRE) & 0xffffff) ==
		       process >> 8 &&
	       slot_alive(k);
}

/*
 * Claim slot k for this process: the kernel arbitrates with an OFD write
 * lock on the slot's byte (it fails while a live process holds the slot or
 * another claims it), kept for life as the slot's liveness. The slot's
 * generation makes this process's lock identity unique.
 */
static int
claim_slot(unsigned int k, const struct eal_options *o, bool primary)
{
	struct mem_proc_slot *s = &mem_config_->proc[k];
	uint32_t generation;

	if (mp.hdr->backend != MEM_BACKEND_ANON &&
	    ofd_lock(mp.config_fd, F_WRLCK, LOCK_BYTE_SLOT(k), 1) != 0)
		return -EAGAIN;
	generation = __atomic_load_n(&s->generation, __ATOMIC_RELAXED) + 1;
	if ((generation & 0xffffff) == 0)
		generation++;
	s->pid = getpid();
	s->start_time = process_start_time();
	s->is_primary = primary;
	memset(s->lcores, 0, sizeof(s->lcores));
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++)
		if (o->lcore_enabled[id])
			s->lcores[id / 64] |= 1ull << (id % 64);
	__atomic_store_n(&s->generation, generation, __ATOMIC_RELEASE);
	/* seq_cst: pairs with rte_mp_disable (a Dekker-style handshake) */
	__atomic_store_n(&s->in_use, 1, __ATOMIC_SEQ_CST);
	mem_proc_slot_ = k;
	mp.identity = (generation & 0xffffff) << 8 | k;
	shlock_set_identity(mp.identity, lock_holder_alive);
	return 0;
}

/* Fill the config from the plan (the primary, nobody else can see it). */
static int
fill_config(const struct eal_options *o, const struct mem_plan *plan,
	    uintptr_t base)
{
	struct mem_config *cfg = mem_config_;
	char *b = (char *)base;
	int ret = 0;

	shlock_init(&cfg->memzone_lock, SHLOCK_MEMZONE, 0);
	shlock_init(&cfg->tailq_lock, SHLOCK_TAILQ, 0);
	shlock_init(&cfg->mempool_lock, SHLOCK_MEMPOOL, 0);
	shlock_init(&cfg->mem_lock, SHLOCK_MEM, 0);
	shlock_init(&cfg->timer_lock, SHLOCK_TIMER, 0);
	cfg->has_hugepages = plan->type[0].page_sz > 4096;
	cfg->single_file_segments = o->single_file_segments;
	cfg->match_allocations = o->match_allocations;
	cfg->nchannel = o->channels;
	cfg->nrank = o->ranks;
	cfg->tsc_hz = rte_get_tsc_hz();
	for (unsigned int s = 0; s < RTE_MAX_NUMA_NODES; s++)
		cfg->socket_limit[s] = o->socket_limit_set ? o->socket_limit[s]
							   : 0;
	if ((ret = choose_iova_mode(o, cfg->has_hugepages, &cfg->iova_mode)))
		return ret;
	backing_set_iova_pa(cfg->iova_mode == RTE_IOVA_PA);
	cfg->n_types = plan->n_types;
	for (unsigned int t = 0; t < plan->n_types; t++) {
		cfg->type[t] = plan->type[t];
		cfg->type[t].va = b + (uintptr_t)plan->type[t].va;
		cfg->type[t].committed = 0;
		if ((ret = memseg_list_init(cfg, t,
					    b + plan->memseg_off[t])) != 0)
			return ret;
	}
	cfg->memzone_max = memzone_max;
	cfg->memzones = (struct rte_memzone *)(b + plan->memzone_off);
	cfg->memzone_used = (uint64_t *)(cfg->memzones + cfg->memzone_max);
	return claim_slot(0, o, true);
}

static int
run_primary_init_clients(void)
{
	for (unsigned int i = 0; i < n_clients; i++) {
		int ret = clients[i].primary_init != NULL
				  ? clients[i].primary_init(mem_config_) : 0;

		if (ret != 0)
			return ret;
	}
	return 0;
}

static int
run_attach_clients(void)
{
	for (unsigned int i = 0; i < n_clients; i++) {
		int ret = clients[i].attach != NULL ? clients[i].attach(mem_config_)
						    : 0;

		if (ret != 0)
			return ret;
	}
	return 0;
}

/* Make the config visible to secondaries (shared) and open the gate. */
static int
publish_config(bool shared)
{
	char tmp[PATH_MAX], path[PATH_MAX];

	mp.hdr->magic = MEM_HEADER_MAGIC;
	/* release: pairs with the secondary's acquire load of state */
	__atomic_store_n(&mp.hdr->state, MEM_STATE_READY, __ATOMIC_RELEASE);
	if (!shared)
		return 0;
	mem_runtime_path(tmp, sizeof(tmp), "config.tmp");
	mem_runtime_path(path, sizeof(path), "config");
	if (rename(tmp, path) != 0) {
		int ret = -errno;

		EAL_LOG(ERR, "config: cannot rename %s to %s: %s", tmp, path,
			strerror(errno));
		return ret;
	}
	ofd_lock(mp.config_fd, F_UNLCK, LOCK_BYTE_GATE, 1);
	return 0;
}

static int
primary_init(const struct eal_options *o, bool shared)
{
	struct mem_plan *plan = calloc(1, sizeof(*plan));
	uintptr_t base;
	size_t align = 2u << 20;
	int ret;

	if (plan == NULL)
		return -ENOMEM;
	if (o->huge_unlink == EAL_HUGE_UNLINK_NEVER)
		EAL_LOG(NOTICE, "--huge-unlink=never: rtmem always starts with "
			"new backing files");
	if (shared)
		remove_stale_files();
	if ((ret = backing_plan(o, plan)) != 0)
		goto out;
	if (shared)
		backing_remove_leftovers(plan, mp.prefix);
	for (unsigned int t = 0; t < plan->n_types; t++)
		align = RTE_MAX(align, (size_t)plan->type[t].page_sz);
	if ((ret = reserve_primary(o, plan->total_len, align, &base)) != 0)
		goto out;
	mp.hdr = (struct mem_header *)base;
	mem_config_ = (struct mem_config *)(base + MEM_HEADER_LEN);
	mp.total_len = plan->total_len;
	if ((ret = create_config(plan, base, shared)) != 0)
		goto out;
	mp.owns_files = shared;
	mp.owner_pid = getpid();
	layout_fill(mp.hdr);
	mp.hdr->format = MEM_HEADER_FORMAT;
	mp.hdr->state = MEM_STATE_INIT;
	if (getrandom(&mp.hdr->generation, sizeof(mp.hdr->generation), 0) !=
	    (ssize_t)sizeof(mp.hdr->generation))
		mp.hdr->generation = now_ms() ^ ((uint64_t)getpid() << 32);
	mp.hdr->base = base;
	mp.hdr->total_len = plan->total_len;
	mp.hdr->config_len = plan->config_len;
	mp.hdr->backend = plan->backend;
	mp.hdr->primary_pid = getpid();
	mp.hdr->primary_start = process_start_time();
	if ((ret = fill_config(o, plan, base)) != 0 ||
	    (ret = backing_create(mem_config_, o->huge_unlink ==
					   EAL_HUGE_UNLINK_ALWAYS)) != 0 ||
	    (ret = backing_prealloc()) != 0)
		goto out;
	mem_config_->legacy_mem = o->legacy_mem; /* from now on: never grow */
	if ((ret = run_primary_init_clients()) != 0)
		goto out;
	test_hook_point("init");
	if ((ret = publish_config(shared)) != 0)
		goto out;
	if (shared)
		atexit(delete_files_at_exit);
	mp.type = RTE_PROC_PRIMARY;
	ret = run_attach_clients();
out:
	free(plan);
	return ret;
}

/* ------------------------------------------------------------------ */
/* secondary                                                           */

static unsigned int
attach_timeout_ms(void)
{
	const char *env = getenv("RTMEM_ATTACH_TIMEOUT_MS");
	char *end;
	unsigned long ms;

	if (env == NULL || env[0] == '\0')
		return ATTACH_TIMEOUT_MS;
	ms = strtoul(env, &end, 10);
	return *end == '\0' && ms <= 3600000 ? (unsigned int)ms
					     : ATTACH_TIMEOUT_MS;
}

/* Whether the primary of this prefix holds its election lock. */
static bool
primary_running(void)
{
	return ofd_test(mp.lock_fd, F_WRLCK, LOCK_BYTE_ALIVE, 1, NULL) == 1;
}

/*
 * Wait for a published config of a live primary and take its gate for
 * reading. Returns 0 with mp.config_fd set, or -ESRCH (logged).
 */
static int
wait_for_primary(void)
{
	char path[PATH_MAX];
	uint64_t deadline = now_ms() + attach_timeout_ms();
	unsigned int pause_ms = 1;

	mem_runtime_path(path, sizeof(path), "config");
	for (;;) {
		int fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);

		if (fd >= 0 &&
		    ofd_test(fd, F_WRLCK, LOCK_BYTE_ALIVE, 1, NULL) == 1 &&
		    ofd_lock(fd, F_RDLCK, LOCK_BYTE_GATE, 1) == 0) {
			mp.config_fd = fd;
			return 0;
		}
		if (fd >= 0)
			close(fd);
		if (!primary_running()) { /* it was when we started */
			EAL_LOG(ERR, "cannot attach: the primary process of "
				"prefix %s exited or died before it was ready",
				mp.prefix);
			return -ESRCH;
		}
		if (now_ms() >= deadline) {
			EAL_LOG(ERR, "cannot attach: the primary process of "
				"prefix %s did not become ready within %u ms "
				"(RTMEM_ATTACH_TIMEOUT_MS)", mp.prefix,
				attach_timeout_ms());
			return -ESRCH;
		}
		sleep_ms(pause_ms);
		pause_ms = RTE_MIN(pause_ms * 2, 20u);
	}
}

/* Check the header read from the config file before mapping it. */
static int
check_header(const struct mem_header *h)
{
	struct stat st;

	if (h->magic != MEM_HEADER_MAGIC) {
		EAL_LOG(ERR, "cannot attach: config of prefix %s has a bad "
			"magic (%#" PRIx64 "): not an rtmem config, or corrupt",
			mp.prefix, h->magic);
		return -EPROTO;
	}
	if (h->format != MEM_HEADER_FORMAT) {
		EAL_LOG(ERR, "cannot attach: config format %u, this process "
			"reads %u (field \"header_format\")", h->format,
			MEM_HEADER_FORMAT);
		return -EPROTO;
	}
	if (layout_check(h) != 0)
		return -EPROTO;
	if (__atomic_load_n(&h->state, __ATOMIC_ACQUIRE) != MEM_STATE_READY) {
		EAL_LOG(ERR, "cannot attach: the primary of prefix %s is %s",
			mp.prefix, h->state == MEM_STATE_CLOSED
					   ? "shutting down" : "not ready");
		return -ESRCH;
	}
	if (fstat(mp.config_fd, &st) != 0 ||
	    (uint64_t)st.st_size < h->config_len ||
	    h->config_len < MEM_HEADER_LEN + sizeof(struct mem_config) ||
	    h->total_len < h->config_len) {
		EAL_LOG(ERR, "cannot attach: config of prefix %s is truncated "
			"(%lld bytes, %" PRIu64 " expected)", mp.prefix,
			(long long)st.st_size, h->config_len);
		return -EPROTO;
	}
	return 0;
}

/* Warn when another live process runs one of our lcores. */
static void
warn_shared_lcores(const struct mem_proc_slot *mine)
{
	for (unsigned int k = 0; k < MEM_MAX_PROCS; k++) {
		const struct mem_proc_slot *s = &mem_config_->proc[k];

		if (k == mem_proc_slot_ || !slot_alive(k))
			continue;
		for (unsigned int w = 0; w < RTE_MAX_LCORE / 64; w++)
			if (s->lcores[w] & mine->lcores[w]) {
				EAL_LOG(WARNING, "lcore %u is also used by "
					"process %d: per-lcore mempool caches "
					"must not be shared; give each "
					"process its own -l",
					w * 64 + (unsigned int)__builtin_ctzll(
						s->lcores[w] & mine->lcores[w]),
					s->pid);
				return;
			}
	}
}

/* A free slot: not in use, or its owner's liveness lock is gone. */
static int
claim_free_slot(const struct eal_options *o)
{
	int ret = -ENOSPC;

	for (unsigned int k = 1; k < MEM_MAX_PROCS && ret != 0; k++)
		ret = claim_slot(k, o, false);
	if (ret != 0)
		EAL_LOG(ERR, "cannot attach: all %u process slots are in use",
			MEM_MAX_PROCS - 1);
	else
		warn_shared_lcores(&mem_config_->proc[mem_proc_slot_]);
	return ret;
}

static int
secondary_attach(const struct eal_options *o)
{
	struct mem_header hdr;
	int ret;

	if (!primary_running()) {
		EAL_LOG(ERR, "cannot attach: no primary process is running "
			"for prefix %s", mp.prefix);
		return -ESRCH;
	}
	if ((ret = wait_for_primary()) != 0)
		return ret;
	if (pread(mp.config_fd, &hdr, sizeof(hdr), 0) != (ssize_t)sizeof(hdr))
		memset(&hdr, 0, sizeof(hdr));
	if ((ret = check_header(&hdr)) != 0)
		return ret;
	if ((ret = reserve_exact(hdr.base, hdr.total_len)) != 0) {
		EAL_LOG(ERR, "cannot attach: the primary's address range "
			"%#" PRIx64 "-%#" PRIx64 " is taken in this process%s; "
			"start the primary with another --base-virtaddr",
			hdr.base, hdr.base + hdr.total_len,
			ret == -EEXIST ? "" : " (mmap failed)");
		log_mappings_in_the_way(hdr.base, hdr.total_len);
		return -EADDRINUSE;
	}
	mp.hdr = (struct mem_header *)hdr.base;
	mem_config_ = (struct mem_config *)(hdr.base + MEM_HEADER_LEN);
	mp.total_len = hdr.total_len;
	if (mmap(mp.hdr, hdr.config_len, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_FIXED, mp.config_fd, 0) == MAP_FAILED) {
		ret = -errno;
		EAL_LOG(ERR, "cannot attach: cannot map the config: %s",
			strerror(errno));
		return ret;
	}
	backing_set_iova_pa(mem_config_->iova_mode == RTE_IOVA_PA);
	if ((ret = backing_open(mem_config_)) != 0)
		return ret;
	test_hook_point("attach");
	if ((ret = claim_free_slot(o)) != 0)
		return ret;
	if (__atomic_load_n(&mem_config_->mp_disabled, __ATOMIC_SEQ_CST)) {
		EAL_LOG(ERR, "cannot attach: the primary of prefix %s refuses "
			"secondary processes (rte_mp_disable)", mp.prefix);
		return -EPERM;
	}
	ofd_lock(mp.config_fd, F_UNLCK, LOCK_BYTE_GATE, 1);
	mp.type = RTE_PROC_SECONDARY;
	return run_attach_clients();
}

/* ------------------------------------------------------------------ */
/* init and cleanup                                                    */

int
mem_init(const struct eal_options *o)
{
	char path[PATH_MAX];
	enum rte_proc_type_t want = o->proc_type;
	int ret;

	snprintf(mp.prefix, sizeof(mp.prefix), "%s", o->file_prefix);
	if (o->in_memory || o->no_shconf) {
		ret = primary_init(o, false);
		goto done;
	}
	if ((ret = runtime_dir_setup(o->file_prefix)) != 0)
		goto done;
	mem_runtime_path(path, sizeof(path), "lock");
	mp.lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
			  0600);
	if (mp.lock_fd < 0) {
		ret = -EACCES;
		EAL_LOG(ERR, "%s: cannot open it: %s", path, strerror(errno));
		goto done;
	}
	if (want != RTE_PROC_SECONDARY) {
		ret = ofd_lock(mp.lock_fd, F_WRLCK, LOCK_BYTE_ALIVE, 1);
		if (ret == 0) {
			ret = primary_init(o, true);
			goto done;
		}
		if (want == RTE_PROC_PRIMARY) {
			EAL_LOG(ERR, "a primary process is already running for "
				"prefix %s; use --proc-type=secondary or "
				"another --file-prefix", o->file_prefix);
			ret = -EEXIST;
			goto done;
		}
	}
	ret = secondary_attach(o);
done:
	if (ret != 0) {
		if (mp.type == RTE_PROC_PRIMARY)
			delete_own_files();
		unmap_and_close();
		return ret;
	}
	EAL_LOG(DEBUG, "%s of prefix %s: %" PRIu64 " MB reserved at %p",
		mp.type == RTE_PROC_PRIMARY ? "primary" : "secondary",
		mp.prefix, (uint64_t)mp.total_len >> 20, (void *)mp.hdr);
	return 0;
}

/* Primary cleanup: close the gate, wait out attaches, delete files. */
static void
primary_close(void)
{
	uint64_t deadline = now_ms() + CLOSE_GATE_WAIT_MS;

	__atomic_store_n(&mp.hdr->state, MEM_STATE_CLOSED, __ATOMIC_RELEASE);
	if (mp.owns_files)
		while (ofd_lock(mp.config_fd, F_WRLCK, LOCK_BYTE_GATE, 1) != 0 &&
		       now_ms() < deadline)
			sleep_ms(1);
	delete_own_files();
}

void
mem_cleanup(void)
{
	if (mem_config_ == NULL)
		return;
	for (unsigned int i = n_clients; i-- > 0;)
		if (clients[i].detach != NULL)
			clients[i].detach();
	if (mp.type == RTE_PROC_PRIMARY) {
		primary_close();
	} else {
		__atomic_store_n(&mem_config_->proc[mem_proc_slot_].in_use, 0,
				 __ATOMIC_RELEASE);
	}
	unmap_and_close();
}

/* Process-table repair: nothing to rebuild, slots are checked by lock. */
__attribute__((constructor)) static void
process_register(void)
{
	pthread_atfork(NULL, NULL, forget_locks_in_child);
}

/* ------------------------------------------------------------------ */
/* public                                                              */

RTMEM_EXPORT int
rte_eal_primary_proc_alive(const char *config_file_path)
{
	char path[PATH_MAX];
	struct mem_header hdr;
	int fd, alive;

	if (config_file_path == NULL) {
		if (mem_runtime_path(path, sizeof(path), "config") != 0)
			return 0;
		config_file_path = path;
	}
	fd = open(config_file_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	/*
	 * Our config: byte 0 is the primary's (secondaries lock others).
	 * Any other file: any lock counts, as DPDK's lockf(F_TEST) does.
	 */
	if (pread(fd, &hdr, sizeof(hdr.magic), 0) == (ssize_t)sizeof(hdr.magic) &&
	    hdr.magic == MEM_HEADER_MAGIC)
		alive = ofd_test(fd, F_WRLCK, LOCK_BYTE_ALIVE, 1, NULL);
	else
		alive = ofd_test(fd, F_WRLCK, 0, 0, NULL);
	close(fd); /* harmless: our own locks are OFD locks on other fds */
	return alive == 1;
}

RTMEM_EXPORT bool
rte_mp_disable(void)
{
	struct mem_config *cfg = mem_cfg();
	bool ok = true;

	if (cfg == NULL || mp.type != RTE_PROC_PRIMARY)
		return false; /* as DPDK 22.11 answers in a secondary */
	/*
	 * Set the flag, then look for secondaries; an attaching secondary
	 * claims its slot, then reads the flag (seq_cst both sides): one of
	 * the two always sees the other and backs off.
	 */
	__atomic_store_n(&cfg->mp_disabled, 1, __ATOMIC_SEQ_CST);
	for (unsigned int k = 1; k < MEM_MAX_PROCS && ok; k++)
		if (slot_alive(k))
			ok = false;
	if (!ok)
		__atomic_store_n(&cfg->mp_disabled, 0, __ATOMIC_SEQ_CST);
	return ok;
}

RTMEM_EXPORT int
rte_eal_has_hugepages(void)
{
	return mem_config_ != NULL && mem_config_->has_hugepages;
}

RTMEM_EXPORT enum rte_iova_mode
rte_eal_iova_mode(void)
{
	return mem_config_ != NULL ? (enum rte_iova_mode)mem_config_->iova_mode
			      : RTE_IOVA_DC;
}

RTMEM_EXPORT uint64_t
rte_eal_get_baseaddr(void)
{
	return (uint64_t)(uintptr_t)mp.hdr;
}
