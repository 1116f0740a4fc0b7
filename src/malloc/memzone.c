/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * memzone.c: named blocks of shared memory (rte_memzone.h).
 *
 * The descriptors are a fixed table in the shared config
 * (mem_config.memzones, memzone_max entries) with a used bitmap; a
 * memzone's memory is an ordinary heap block. A descriptor is filled
 * completely before its used bit is set (the commit point of a reserve),
 * and its used bit is cleared before its block is freed, so a process
 * that dies in between leaves at worst a leaked block, never a descriptor
 * pointing at freed memory. The crash repair (memzone lock found with a
 * dead holder) recounts the table and drops descriptors whose block is
 * not a live heap block.
 *
 * Locks: the memzone lock for every table access; heap locks inside it
 * (order MEMZONE -> HEAP).
 *
 * Who may call: any thread of any process; rte_memzone_max_set() only
 * before the EAL is initialised.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <string.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_memzone.h>

#include "eal/eal_private.h"
#include "internal/rtmem_export.h"
#include "internal/rtmem_log.h"
#include "malloc/malloc_heap.h"
#include "mem/mem_private.h"

/* Every flag a reserve accepts. */
#define MEMZONE_KNOWN_FLAGS                                                   \
	(RTE_MEMZONE_2MB | RTE_MEMZONE_1GB | RTE_MEMZONE_16MB |              \
	 RTE_MEMZONE_16GB | RTE_MEMZONE_256KB | RTE_MEMZONE_256MB |          \
	 RTE_MEMZONE_512MB | RTE_MEMZONE_4GB | RTE_MEMZONE_SIZE_HINT_ONLY |  \
	 RTE_MEMZONE_IOVA_CONTIG)

static bool
slot_used(const struct mem_config *cfg, unsigned int i)
{
	return (cfg->memzone_used[i / 64] >> (i % 64)) & 1;
}

static void
slot_mark(struct mem_config *cfg, unsigned int i, bool used)
{
	if (used)
		cfg->memzone_used[i / 64] |= 1ull << (i % 64);
	else
		cfg->memzone_used[i / 64] &= ~(1ull << (i % 64));
}

/* The used descriptor named `name`, or NULL. Memzone lock held. */
static struct rte_memzone *
find_by_name(struct mem_config *cfg, const char *name)
{
	for (unsigned int i = 0; i < cfg->memzone_max; i++)
		if (slot_used(cfg, i) &&
		    strncmp(cfg->memzones[i].name, name,
			    RTE_MEMZONE_NAMESIZE) == 0)
			return &cfg->memzones[i];
	return NULL;
}

static int
lowest_free_slot(const struct mem_config *cfg)
{
	for (unsigned int i = 0; i < cfg->memzone_max; i++)
		if (!slot_used(cfg, i))
			return (int)i;
	return -1;
}

/* Why a reserve is refused before anything is allocated, or 0. */
static int
check_reserve(struct mem_config *cfg, const char *name, size_t len,
	      int socket_id, unsigned int flags, unsigned int align,
	      unsigned int bound, const char **why)
{
	size_t rounded;

	if (cfg->memzone_count >= cfg->memzone_max) {
		*why = "every memzone descriptor is in use";
		return ENOSPC;
	}
	if (strnlen(name, RTE_MEMZONE_NAMESIZE) >= RTE_MEMZONE_NAMESIZE) {
		*why = "name too long";
		return ENAMETOOLONG;
	}
	if (find_by_name(cfg, name) != NULL) {
		*why = "a memzone with this name exists";
		return EEXIST;
	}
	if (align != 0 && !rte_is_power_of_2(align)) {
		*why = "alignment is not a power of two";
		return EINVAL;
	}
	if (len > SIZE_MAX - RTE_CACHE_LINE_MASK) {
		*why = "length too large";
		return EINVAL;
	}
	rounded = RTE_MAX(RTE_ALIGN_CEIL(len, RTE_CACHE_LINE_SIZE),
			  (size_t)RTE_CACHE_LINE_SIZE);
	if (bound != 0 && (!rte_is_power_of_2(bound) || rounded > bound)) {
		*why = "bound is not a power of two or is below the length";
		return EINVAL;
	}
	if (socket_id < 0 && socket_id != SOCKET_ID_ANY) {
		*why = "invalid socket";
		return EINVAL;
	}
	if (flags & ~MEMZONE_KNOWN_FLAGS) {
		*why = "unknown flags";
		return EINVAL;
	}
	return 0;
}

/* Allocate the zone's memory; *len gets its length. */
static void *
zone_memory(size_t *len, int socket_id, unsigned int flags, size_t align,
	    size_t bound, int *err)
{
	struct malloc_request req = {
		.size = *len,
		.align = align,
		.bound = bound,
		.contig = (flags & RTE_MEMZONE_IOVA_CONTIG) != 0,
		.page_flags = flags,
	};
	bool dirty;

	if (*len == 0 && bound != 0)
		req.size = *len = bound; /* DPDK: length 0 with a bound */
	if (*len == 0)
		return malloc_heap_alloc_biggest(socket_id, align, bound,
						 flags, len, err);
	if (socket_id >= 0 && malloc_heap_of_socket(socket_id) < 0) {
		*err = -ENOMEM; /* DPDK: a socket without memory */
		return NULL;
	}
	return malloc_heap_alloc(socket_id, &req, &dirty, err);
}

RTMEM_EXPORT const struct rte_memzone *
rte_memzone_reserve_bounded(const char *name, size_t len, int socket_id,
			    unsigned int flags, unsigned int align,
			    unsigned int bound)
{
	struct mem_config *cfg;
	struct rte_memzone *mz;
	const char *why = NULL;
	void *addr;
	int slot, err;
	int type;

	if (eal_ensure_init() < 0 || (cfg = mem_cfg()) == NULL) {
		rte_errno = E_RTE_NO_CONFIG;
		return NULL;
	}
	if (name == NULL || name[0] == '\0') {
		EAL_LOG(ERR, "memzone reserve: no name");
		rte_errno = EINVAL;
		return NULL;
	}
	shlock_lock(&cfg->memzone_lock);
	err = check_reserve(cfg, name, len, socket_id, flags, align, bound,
			    &why);
	if (err != 0) {
		shlock_unlock(&cfg->memzone_lock);
		EAL_LOG(ERR, "memzone %.*s: %s", RTE_MEMZONE_NAMESIZE, name,
			why);
		rte_errno = err;
		return NULL;
	}
	if (len != 0)
		len = RTE_MAX(RTE_ALIGN_CEIL(len, RTE_CACHE_LINE_SIZE),
			      (size_t)RTE_CACHE_LINE_SIZE);
	addr = zone_memory(&len, socket_id, flags,
			   RTE_MAX((size_t)align, (size_t)RTE_CACHE_LINE_SIZE),
			   bound, &err);
	if (addr == NULL) {
		shlock_unlock(&cfg->memzone_lock);
		EAL_LOG(ERR, "memzone %s: cannot reserve %zu bytes on socket "
			"%d: %s", name, len, socket_id,
			err == -EFAULT ? "the heap is unusable after a crash"
				       : "no memory matches");
		rte_errno = ENOMEM;
		return NULL;
	}
	slot = lowest_free_slot(cfg);
	mz = &cfg->memzones[slot];
	type = mem_type_of(addr);
	memset(mz, 0, sizeof(*mz));
	snprintf(mz->name, sizeof(mz->name), "%s", name);
	mz->addr = addr;
	mz->iova = rte_mem_virt2iova(addr);
	mz->len = len;
	mz->hugepage_sz = cfg->type[type].page_sz;
	mz->socket_id = cfg->type[type].socket_id;
	mz->flags = 0;
	slot_mark(cfg, (unsigned int)slot, true); /* commit */
	cfg->memzone_count++;
	shlock_unlock(&cfg->memzone_lock);
	return mz;
}

RTMEM_EXPORT const struct rte_memzone *
rte_memzone_reserve_aligned(const char *name, size_t len, int socket_id,
			    unsigned int flags, unsigned int align)
{
	return rte_memzone_reserve_bounded(name, len, socket_id, flags, align,
					   0);
}

RTMEM_EXPORT const struct rte_memzone *
rte_memzone_reserve(const char *name, size_t len, int socket_id,
		    unsigned int flags)
{
	return rte_memzone_reserve_bounded(name, len, socket_id, flags,
					   RTE_CACHE_LINE_SIZE, 0);
}

/*
 * Frees mz's descriptor (its name can be reserved again) but not its
 * memory, which stays allocated until the instance ends: a quarantine for
 * memory that stale pointers may still reach (debug-mode mempools, whose
 * header must still say "freed" to a late put). Returns 0 or -EINVAL.
 */
int
memzone_forget(const struct rte_memzone *mz)
{
	struct mem_config *cfg = mem_cfg();
	size_t idx;

	if (mz == NULL || cfg == NULL || mz < cfg->memzones ||
	    mz >= cfg->memzones + cfg->memzone_max)
		return -EINVAL;
	idx = (size_t)(mz - cfg->memzones);
	shlock_lock(&cfg->memzone_lock);
	if (!slot_used(cfg, (unsigned int)idx)) {
		shlock_unlock(&cfg->memzone_lock);
		return -EINVAL;
	}
	slot_mark(cfg, (unsigned int)idx, false); /* commit */
	cfg->memzone_count--;
	memset(&cfg->memzones[idx], 0, sizeof(cfg->memzones[idx]));
	shlock_unlock(&cfg->memzone_lock);
	return 0;
}

RTMEM_EXPORT int
rte_memzone_free(const struct rte_memzone *mz)
{
	struct mem_config *cfg = mem_cfg();
	void *addr;
	size_t idx;

	/*
	 * Only the start of a descriptor of the table: the index of any
	 * other pointer (mz - memzones is exact division) is garbage.
	 */
	if (mz == NULL || cfg == NULL || mz < cfg->memzones ||
	    mz >= cfg->memzones + cfg->memzone_max ||
	    ((uintptr_t)mz - (uintptr_t)cfg->memzones) % sizeof(*mz) != 0) {
		EAL_LOG(ERR, "rte_memzone_free(%p): not a memzone descriptor",
			(const void *)mz);
		return -EINVAL;
	}
	idx = (size_t)(mz - cfg->memzones);
	shlock_lock(&cfg->memzone_lock);
	if (!slot_used(cfg, (unsigned int)idx)) {
		shlock_unlock(&cfg->memzone_lock);
		EAL_LOG(ERR, "rte_memzone_free(%p): memzone already freed",
			(const void *)mz);
		return -EINVAL;
	}
	addr = cfg->memzones[idx].addr;
	slot_mark(cfg, (unsigned int)idx, false); /* commit */
	cfg->memzone_count--;
	memset(&cfg->memzones[idx], 0, sizeof(cfg->memzones[idx]));
	malloc_heap_free(addr, "rte_memzone_free");
	shlock_unlock(&cfg->memzone_lock);
	return 0;
}

RTMEM_EXPORT const struct rte_memzone *
rte_memzone_lookup(const char *name)
{
	struct mem_config *cfg;
	const struct rte_memzone *mz;

	if (name == NULL || eal_ensure_init() < 0 || (cfg = mem_cfg()) == NULL)
		return NULL;
	shlock_lock(&cfg->memzone_lock);
	mz = find_by_name(cfg, name);
	shlock_unlock(&cfg->memzone_lock);
	return mz;
}

RTMEM_EXPORT void
rte_memzone_walk(void (*func)(const struct rte_memzone *, void *), void *arg)
{
	struct mem_config *cfg;

	if (func == NULL || eal_ensure_init() < 0 || (cfg = mem_cfg()) == NULL)
		return;
	shlock_lock(&cfg->memzone_lock);
	for (unsigned int i = 0; i < cfg->memzone_max; i++)
		if (slot_used(cfg, i))
			func(&cfg->memzones[i], arg);
	shlock_unlock(&cfg->memzone_lock);
}

static void
dump_zone(const struct rte_memzone *mz, void *arg)
{
	FILE *f = arg;
	struct mem_config *cfg = mem_cfg();
	const char *end = (const char *)mz->addr + mz->len;

	fprintf(f, "Zone %u: name:<%s>, len:0x%zx, virt:%p, socket_id:%"
		PRId32 ", flags:%" PRIx32 "\n",
		(unsigned int)(mz - cfg->memzones), mz->name, mz->len,
		mz->addr, mz->socket_id, mz->flags);
	fprintf(f, "physical segments used:\n");
	for (const char *p = RTE_PTR_ALIGN_FLOOR((const char *)mz->addr,
						 mz->hugepage_sz);
	     p < end; p += mz->hugepage_sz) {
		const struct rte_memseg *ms = rte_mem_virt2memseg(p, NULL);

		if (ms != NULL)
			fprintf(f, "  addr: %p iova: 0x%" PRIx64 " len: 0x%zx "
				"pagesz: 0x%" PRIx64 "\n", ms->addr, ms->iova,
				ms->len, ms->hugepage_sz);
	}
}

RTMEM_EXPORT void
rte_memzone_dump(FILE *f)
{
	rte_memzone_walk(dump_zone, f);
}

/* ------------------------------------------------------------------ */
/* descriptor count                                                    */

RTMEM_EXPORT int
rte_memzone_max_set(size_t max)
{
	if (mem_cfg() != NULL) {
		EAL_LOG(ERR, "rte_memzone_max_set: the EAL is initialised");
		rte_errno = EBUSY;
		return -1;
	}
	if (max == 0 || max > MEMZONE_MAX_LIMIT) {
		EAL_LOG(ERR, "rte_memzone_max_set(%zu): must be 1 to %u", max,
			MEMZONE_MAX_LIMIT);
		rte_errno = EINVAL;
		return -1;
	}
	mem_set_memzone_max((unsigned int)max);
	return 0;
}

RTMEM_EXPORT size_t
rte_memzone_max_get(void)
{
	struct mem_config *cfg = mem_cfg();

	return cfg != NULL ? cfg->memzone_max : mem_memzone_max();
}

/* ------------------------------------------------------------------ */
/* repair                                                              */

/* The memzone lock's holder died: make count and descriptors agree. */
static void
memzone_repair(struct shlock *lock)
{
	struct mem_config *cfg = mem_cfg();
	size_t len;

	(void)lock;
	cfg->memzone_count = 0;
	for (unsigned int i = 0; i < cfg->memzone_max; i++) {
		if (!slot_used(cfg, i))
			continue;
		if (malloc_heap_block_size(cfg->memzones[i].addr, &len) != 0) {
			EAL_LOG(WARNING, "memzone %.*s: its memory is gone; "
				"dropping it", RTE_MEMZONE_NAMESIZE,
				cfg->memzones[i].name);
			slot_mark(cfg, i, false);
			continue;
		}
		cfg->memzone_count++;
	}
}

__attribute__((constructor)) static void
memzone_register(void)
{
	shlock_set_repair(SHLOCK_MEMZONE, memzone_repair);
}
