/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * memseg.c: the public memseg API (rte_memory.h): lists, walks, IOVA
 * translation, memory events and allocation validators.
 *
 * Memseg lists live in the shared config, one per memory type; their
 * arrays are rte_fbarrays over config storage. Committed memory is a
 * prefix of each list and never shrinks, so walks read the committed
 * length once (acquire, pairing with the release in mem_type_grow) and
 * visit that prefix without a lock: a callback may allocate memory, which
 * in DPDK deadlocks.
 *
 * Event callbacks and validators are process-local (function pointers
 * never go into shared memory), kept in small lists under a process mutex.
 *
 * Who may call: any thread of any process once the EAL is initialised;
 * the public entry points initialise it with defaults on first use.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_memory.h>

#include "eal/eal_private.h"
#include "internal/rtmem_export.h"
#include "internal/rtmem_log.h"
#include "mem/fbarray_private.h"
#include "mem/mem_internal.h"

/* The config once the EAL is up (initialising it on first use), or NULL. */
static struct mem_config *
ready_cfg(void)
{
	if (eal_ensure_init() < 0)
		return NULL;
	return mem_cfg();
}

static uint64_t
committed_pages(const struct mem_config *cfg, unsigned int t)
{
	/* acquire: pairs with the release in mem_type_grow() */
	return __atomic_load_n(&cfg->type[t].committed, __ATOMIC_ACQUIRE) /
	       cfg->type[t].page_sz;
}

int
memseg_list_init(struct mem_config *cfg, unsigned int t, void *array)
{
	const struct mem_type *mt = &cfg->type[t];
	struct rte_memseg_list *msl = &cfg->msl[t];
	char name[RTE_FBARRAY_NAME_LEN];

	snprintf(name, sizeof(name), "memseg-%" PRIu64 "k-%d-%u",
		 mt->page_sz >> 10, mt->socket_id, t);
	msl->base_va = mt->va;
	msl->page_sz = mt->page_sz;
	msl->socket_id = mt->socket_id;
	msl->len = mt->va_len;
	msl->external = 0;
	msl->heap = 1;
	msl->version = 0;
	return fbarray_init_at(&msl->memseg_arr, name,
			       (unsigned int)(mt->va_len / mt->page_sz),
			       sizeof(struct rte_memseg), array);
}

/* ------------------------------------------------------------------ */
/* translation                                                         */

uint64_t
memseg_virt2phy(const void *addr)
{
	long pg = sysconf(_SC_PAGESIZE);
	uint64_t entry, pfn;
	off_t off = (off_t)((uintptr_t)addr / (uintptr_t)pg * sizeof(entry));
	int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return RTE_BAD_IOVA;
	n = pread(fd, &entry, sizeof(entry), off);
	close(fd);
	/* bit 63: present; bits 0-54: frame number (0 without CAP_SYS_ADMIN) */
	if (n != (ssize_t)sizeof(entry) || !(entry & (1ull << 63)))
		return RTE_BAD_IOVA;
	pfn = entry & ((1ull << 55) - 1);
	if (pfn == 0)
		return RTE_BAD_IOVA;
	return pfn * (uint64_t)pg + (uintptr_t)addr % (uintptr_t)pg;
}

int
mem_type_of(const void *addr)
{
	const struct mem_config *cfg = mem_cfg();
	const char *p = addr;

	if (cfg == NULL)
		return -1;
	for (unsigned int t = 0; t < cfg->n_types; t++)
		if (p >= cfg->type[t].va &&
		    p < cfg->type[t].va + cfg->type[t].va_len)
			return (int)t;
	return -1;
}

/* The memseg of a committed address of type t, or NULL. */
static struct rte_memseg *
memseg_of(struct mem_config *cfg, unsigned int t, const void *addr)
{
	uint64_t idx = (uint64_t)((const char *)addr - cfg->type[t].va) /
		       cfg->type[t].page_sz;

	if (idx >= committed_pages(cfg, t))
		return NULL;
	return rte_fbarray_get(&cfg->msl[t].memseg_arr, (unsigned int)idx);
}

rte_iova_t
mem_virt2iova(const void *addr)
{
	struct mem_config *cfg = mem_cfg();
	const struct rte_memseg *ms;
	int t = mem_type_of(addr);

	if (t < 0 || (ms = memseg_of(cfg, (unsigned int)t, addr)) == NULL)
		return RTE_BAD_IOVA;
	if (ms->iova == RTE_BAD_IOVA)
		return RTE_BAD_IOVA;
	return ms->iova + (uint64_t)((const char *)addr - (char *)ms->addr);
}

RTMEM_EXPORT int
rte_mem_lock_page(const void *virt)
{
	uintptr_t pg = (uintptr_t)sysconf(_SC_PAGESIZE);

	return mlock((const void *)((uintptr_t)virt & ~(pg - 1)), pg);
}

RTMEM_EXPORT phys_addr_t
rte_mem_virt2phy(const void *virt)
{
	return memseg_virt2phy(virt);
}

RTMEM_EXPORT rte_iova_t
rte_mem_virt2iova(const void *virt)
{
	struct mem_config *cfg = ready_cfg();

	if (cfg == NULL || cfg->iova_mode != RTE_IOVA_PA)
		return (rte_iova_t)(uintptr_t)virt;
	if (mem_type_of(virt) >= 0)
		return mem_virt2iova(virt);
	return memseg_virt2phy(virt);
}

RTMEM_EXPORT void *
rte_mem_iova2virt(rte_iova_t iova)
{
	struct mem_config *cfg = ready_cfg();

	if (cfg == NULL)
		return NULL;
	for (unsigned int t = 0; t < cfg->n_types; t++) {
		uint64_t n = committed_pages(cfg, t);

		for (uint64_t i = 0; i < n; i++) {
			const struct rte_memseg *ms = rte_fbarray_get(
				&cfg->msl[t].memseg_arr, (unsigned int)i);

			if (ms->iova != RTE_BAD_IOVA && iova >= ms->iova &&
			    iova < ms->iova + ms->len)
				return (char *)ms->addr + (iova - ms->iova);
		}
	}
	return NULL;
}

RTMEM_EXPORT struct rte_memseg_list *
rte_mem_virt2memseg_list(const void *virt)
{
	int t;

	if (ready_cfg() == NULL || (t = mem_type_of(virt)) < 0)
		return NULL;
	return &mem_cfg()->msl[t];
}

RTMEM_EXPORT struct rte_memseg *
rte_mem_virt2memseg(const void *virt, const struct rte_memseg_list *msl)
{
	struct mem_config *cfg = ready_cfg();
	int t;

	if (cfg == NULL || (t = mem_type_of(virt)) < 0 ||
	    (msl != NULL && msl != &cfg->msl[t]))
		return NULL;
	return memseg_of(cfg, (unsigned int)t, virt);
}

/* ------------------------------------------------------------------ */
/* walks                                                               */

/*
 * The start of every walk: *cfg is the config to walk, NULL when there is
 * none. Returns -1 with rte_errno EINVAL for a missing callback.
 */
static int
walk_start(bool have_callback, struct mem_config **cfg)
{
	*cfg = ready_cfg();
	if (!have_callback) {
		rte_errno = EINVAL;
		return -1;
	}
	return 0;
}

/* A callback's result as a walk's: 0 go on, 1 stopped, -1 error. */
static int
walk_result(int ret)
{
	return ret < 0 ? -1 : ret > 0 ? 1 : 0;
}

RTMEM_EXPORT int
rte_memseg_walk(rte_memseg_walk_t func, void *arg)
{
	struct mem_config *cfg;

	if (walk_start(func != NULL, &cfg) != 0)
		return -1;
	for (unsigned int t = 0; cfg != NULL && t < cfg->n_types; t++) {
		uint64_t n = committed_pages(cfg, t);

		for (uint64_t i = 0; i < n; i++) {
			const struct rte_memseg *ms = rte_fbarray_get(
				&cfg->msl[t].memseg_arr, (unsigned int)i);
			int ret = func(&cfg->msl[t], ms, arg);

			if (ret != 0)
				return walk_result(ret);
		}
	}
	return 0;
}

RTMEM_EXPORT int
rte_memseg_contig_walk(rte_memseg_contig_walk_t func, void *arg)
{
	struct mem_config *cfg;

	if (walk_start(func != NULL, &cfg) != 0)
		return -1;
	for (unsigned int t = 0; cfg != NULL && t < cfg->n_types; t++) {
		const struct rte_fbarray *arr = &cfg->msl[t].memseg_arr;
		uint64_t n = committed_pages(cfg, t), start = 0;

		while (start < n) {
			const struct rte_memseg *first =
				rte_fbarray_get(arr, (unsigned int)start);
			uint64_t end = start + 1;
			int ret;

			/* extend while both addresses stay contiguous */
			while (end < n) {
				const struct rte_memseg *ms =
					rte_fbarray_get(arr, (unsigned int)end);

				if (ms->iova == RTE_BAD_IOVA ||
				    ms->iova != first->iova +
						(end - start) * first->len)
					break;
				end++;
			}
			ret = func(&cfg->msl[t], first,
				   (size_t)((end - start) * first->len), arg);
			if (ret != 0)
				return walk_result(ret);
			start = end;
		}
	}
	return 0;
}

RTMEM_EXPORT int
rte_memseg_list_walk(rte_memseg_list_walk_t func, void *arg)
{
	struct mem_config *cfg;

	if (walk_start(func != NULL, &cfg) != 0)
		return -1;
	for (unsigned int t = 0; cfg != NULL && t < cfg->n_types; t++) {
		int ret = func(&cfg->msl[t], arg);

		if (ret != 0)
			return walk_result(ret);
	}
	return 0;
}

RTMEM_EXPORT int
rte_memseg_walk_thread_unsafe(rte_memseg_walk_t func, void *arg)
{
	return rte_memseg_walk(func, arg);
}

RTMEM_EXPORT int
rte_memseg_contig_walk_thread_unsafe(rte_memseg_contig_walk_t func, void *arg)
{
	return rte_memseg_contig_walk(func, arg);
}

RTMEM_EXPORT int
rte_memseg_list_walk_thread_unsafe(rte_memseg_list_walk_t func, void *arg)
{
	return rte_memseg_list_walk(func, arg);
}

/* ------------------------------------------------------------------ */
/* file descriptors                                                    */

RTMEM_EXPORT int
rte_memseg_get_fd_offset(const struct rte_memseg *ms, size_t *offset)
{
	struct mem_config *cfg = ready_cfg();
	int t;

	if (ms == NULL || offset == NULL || cfg == NULL ||
	    (t = mem_type_of(ms->addr)) < 0 ||
	    memseg_of(cfg, (unsigned int)t, ms->addr) != ms) {
		rte_errno = EINVAL;
		return -1;
	}
	*offset = (size_t)((const char *)ms->addr - cfg->type[t].va);
	return 0;
}

RTMEM_EXPORT int
rte_memseg_get_fd(const struct rte_memseg *ms)
{
	size_t offset;

	if (rte_memseg_get_fd_offset(ms, &offset) != 0)
		return -1;
	return backing_fd((unsigned int)mem_type_of(ms->addr));
}

RTMEM_EXPORT int
rte_memseg_get_fd_thread_unsafe(const struct rte_memseg *ms)
{
	return rte_memseg_get_fd(ms);
}

RTMEM_EXPORT int
rte_memseg_get_fd_offset_thread_unsafe(const struct rte_memseg *ms,
				       size_t *offset)
{
	return rte_memseg_get_fd_offset(ms, offset);
}

/* ------------------------------------------------------------------ */
/* facts and dumps                                                     */

RTMEM_EXPORT uint64_t
rte_eal_get_physmem_size(void)
{
	struct mem_config *cfg = ready_cfg();
	uint64_t sum = 0;

	for (unsigned int t = 0; cfg != NULL && t < cfg->n_types; t++)
		sum += committed_pages(cfg, t) * cfg->type[t].page_sz;
	return sum;
}

static int
dump_memseg(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
	    void *arg)
{
	int idx = rte_fbarray_find_idx(&msl->memseg_arr, ms);

	fprintf(arg, "Segment %u-%d: IOVA:0x%" PRIx64 ", len:%zu, virt:%p, "
		"socket_id:%" PRId32 ", hugepage_sz:%" PRIu64 ", "
		"nchannel:%" PRIx32 ", nrank:%" PRIx32 " fd:%d\n",
		(unsigned int)(msl - mem_cfg()->msl), idx, ms->iova, ms->len,
		ms->addr, ms->socket_id, ms->hugepage_sz, ms->nchannel,
		ms->nrank, rte_memseg_get_fd_thread_unsafe(ms));
	return 0;
}

RTMEM_EXPORT void
rte_dump_physmem_layout(FILE *f)
{
	rte_memseg_walk(dump_memseg, f);
}

RTMEM_EXPORT unsigned int
rte_memory_get_nchannel(void)
{
	struct mem_config *cfg = ready_cfg();

	return cfg != NULL ? cfg->nchannel : 0;
}

RTMEM_EXPORT unsigned int
rte_memory_get_nrank(void)
{
	struct mem_config *cfg = ready_cfg();

	return cfg != NULL ? cfg->nrank : 0;
}

RTMEM_EXPORT int
rte_eal_using_phys_addrs(void)
{
	struct mem_config *cfg = ready_cfg();

	return cfg != NULL && cfg->iova_mode == RTE_IOVA_PA;
}

static int
check_dma_mask(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
	       void *arg)
{
	uint64_t mask = *(const uint64_t *)arg;

	(void)msl;
	if (ms->iova == RTE_BAD_IOVA)
		return 0;
	return (ms->iova + ms->len - 1) & ~mask ? -1 : 0;
}

RTMEM_EXPORT int
rte_mem_check_dma_mask(uint8_t maskbits)
{
	struct mem_config *cfg = ready_cfg();
	uint64_t mask;

	if (maskbits == 0 || maskbits > 64) {
		EAL_LOG(ERR, "DMA mask of %u bits: must be 1 to 64",
			(unsigned int)maskbits);
		rte_errno = EINVAL;
		return -1;
	}
	mask = maskbits == 64 ? UINT64_MAX : (1ull << maskbits) - 1;
	if (rte_memseg_walk(check_dma_mask, &mask) != 0) {
		EAL_LOG(ERR, "memory above the %u-bit DMA mask is in use",
			(unsigned int)maskbits);
		return -1;
	}
	if (cfg != NULL &&
	    (cfg->dma_maskbits == 0 || maskbits < cfg->dma_maskbits))
		cfg->dma_maskbits = maskbits;
	return 0;
}

RTMEM_EXPORT int
rte_mem_check_dma_mask_thread_unsafe(uint8_t maskbits)
{
	return rte_mem_check_dma_mask(maskbits);
}

RTMEM_EXPORT void
rte_mem_set_dma_mask(uint8_t maskbits)
{
	struct mem_config *cfg = ready_cfg();

	if (cfg != NULL && maskbits > 0 && maskbits <= 64)
		cfg->dma_maskbits = maskbits;
}

/* ------------------------------------------------------------------ */
/* events and validators (process-local)                               */

struct mem_event_entry {
	struct mem_event_entry *next;
	char name[RTE_MEM_EVENT_CALLBACK_NAME_LEN];
	rte_mem_event_callback_t clb; /* events */
	void *arg;
	rte_mem_alloc_validator_t validator; /* validators */
	int socket_id;
	size_t limit;
};

static pthread_mutex_t events_lock = PTHREAD_MUTEX_INITIALIZER;
static struct mem_event_entry *event_list;
static struct mem_event_entry *validator_list;

/*
 * --legacy-mem never grows, so there is nothing to report or validate:
 * DPDK refuses these registrations then (ENOTSUP), and so does rtmem.
 */
static bool
refused_in_legacy_mode(const char *what)
{
	struct mem_config *cfg = ready_cfg();

	if (cfg == NULL || !cfg->legacy_mem)
		return false;
	EAL_LOG(DEBUG, "%s: memory is fixed (--legacy-mem)", what);
	rte_errno = ENOTSUP;
	return true;
}

static bool
name_ok(const char *name, size_t max)
{
	return name != NULL && name[0] != '\0' && strnlen(name, max) < max;
}

/* The entry of list matching (name, arg or socket), and its link. */
static struct mem_event_entry **
find_entry(struct mem_event_entry **list, const char *name, void *arg,
	   int socket_id)
{
	for (; *list != NULL; list = &(*list)->next)
		if (strcmp((*list)->name, name) == 0 && (*list)->arg == arg &&
		    (*list)->socket_id == socket_id)
			return list;
	return NULL;
}

/* Insert a copy of e into list unless an equal key exists. */
static int
add_entry(struct mem_event_entry **list, const struct mem_event_entry *e)
{
	struct mem_event_entry *copy;

	pthread_mutex_lock(&events_lock);
	if (find_entry(list, e->name, e->arg, e->socket_id) != NULL) {
		pthread_mutex_unlock(&events_lock);
		rte_errno = EEXIST;
		return -1;
	}
	copy = malloc(sizeof(*copy));
	if (copy == NULL) {
		pthread_mutex_unlock(&events_lock);
		rte_errno = ENOMEM;
		return -1;
	}
	*copy = *e;
	copy->next = *list;
	*list = copy;
	pthread_mutex_unlock(&events_lock);
	return 0;
}

static int
remove_entry(struct mem_event_entry **list, const char *name, void *arg,
	     int socket_id)
{
	struct mem_event_entry **link, *gone;

	pthread_mutex_lock(&events_lock);
	link = find_entry(list, name, arg, socket_id);
	if (link == NULL) {
		pthread_mutex_unlock(&events_lock);
		rte_errno = ENOENT;
		return -1;
	}
	gone = *link;
	*link = gone->next;
	pthread_mutex_unlock(&events_lock);
	free(gone);
	return 0;
}

RTMEM_EXPORT int
rte_mem_event_callback_register(const char *name, rte_mem_event_callback_t clb,
				void *arg)
{
	struct mem_event_entry e = { .clb = clb, .arg = arg, .socket_id = 0 };

	if (refused_in_legacy_mode("rte_mem_event_callback_register"))
		return -1;
	if (clb == NULL || !name_ok(name, sizeof(e.name))) {
		EAL_LOG(ERR, "memory event callback %s: invalid name or "
			"callback", name != NULL ? name : "(null)");
		rte_errno = EINVAL;
		return -1;
	}
	snprintf(e.name, sizeof(e.name), "%s", name);
	return add_entry(&event_list, &e);
}

RTMEM_EXPORT int
rte_mem_event_callback_unregister(const char *name, void *arg)
{
	if (refused_in_legacy_mode("rte_mem_event_callback_unregister"))
		return -1;
	if (!name_ok(name, RTE_MEM_EVENT_CALLBACK_NAME_LEN)) {
		rte_errno = EINVAL;
		return -1;
	}
	return remove_entry(&event_list, name, arg, 0);
}

RTMEM_EXPORT int
rte_mem_alloc_validator_register(const char *name,
				 rte_mem_alloc_validator_t clb, int socket_id,
				 size_t limit)
{
	struct mem_event_entry e = {
		.validator = clb, .socket_id = socket_id, .limit = limit,
	};

	if (refused_in_legacy_mode("rte_mem_alloc_validator_register"))
		return -1;
	if (clb == NULL || socket_id < 0 || socket_id >= RTE_MAX_NUMA_NODES ||
	    !name_ok(name, sizeof(e.name))) {
		EAL_LOG(ERR, "allocation validator %s: invalid name, "
			"callback or socket %d", name != NULL ? name : "(null)",
			socket_id);
		rte_errno = EINVAL;
		return -1;
	}
	snprintf(e.name, sizeof(e.name), "%s", name);
	return add_entry(&validator_list, &e);
}

RTMEM_EXPORT int
rte_mem_alloc_validator_unregister(const char *name, int socket_id)
{
	if (refused_in_legacy_mode("rte_mem_alloc_validator_unregister"))
		return -1;
	if (!name_ok(name, RTE_MEM_ALLOC_VALIDATOR_NAME_LEN) || socket_id < 0 ||
	    socket_id >= RTE_MAX_NUMA_NODES) {
		rte_errno = EINVAL;
		return -1;
	}
	return remove_entry(&validator_list, name, NULL, socket_id);
}

void
memseg_notify_alloc(const void *addr, size_t len)
{
	pthread_mutex_lock(&events_lock);
	for (struct mem_event_entry *e = event_list; e != NULL; e = e->next)
		e->clb(RTE_MEM_EVENT_ALLOC, addr, len, e->arg);
	pthread_mutex_unlock(&events_lock);
}

/*
 * A validator is asked once the new total reaches its limit: only totals
 * below it need no answer (DPDK asks when new_len >= limit).
 */
int
memseg_validate_growth(int socket_id, uint64_t new_socket_total)
{
	int ret = 0;

	pthread_mutex_lock(&events_lock);
	for (struct mem_event_entry *e = validator_list; e != NULL && ret == 0;
	     e = e->next)
		if (e->socket_id == socket_id && new_socket_total >= e->limit &&
		    e->validator(socket_id, e->limit, new_socket_total) != 0)
			ret = -1;
	pthread_mutex_unlock(&events_lock);
	return ret;
}
