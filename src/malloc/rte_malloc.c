/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rte_malloc.c: the public rte_malloc API (rte_malloc.h) on the heaps of
 * malloc_heap.c.
 *
 * This file checks arguments, picks the socket, logs one line per failure
 * and sets rte_errno; the heap does the rest under its own locks. Entry
 * points initialise the EAL with defaults on first use.
 *
 * Who may call: any thread of any process.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_malloc.h>

#include "eal/eal_private.h"
#include "internal/rtmem_export.h"
#include "internal/rtmem_log.h"
#include "malloc/malloc_heap.h"
#include "mem/mem_private.h"

static const char *
errno_text(int err)
{
	switch (err) {
	case -EINVAL:
		return "no heap on that socket";
	case -EFAULT:
		return "the heap is unusable after a crash";
	default:
		return "out of memory";
	}
}

/*
 * Check size and alignment, initialise the EAL if needed. Returns 0, or
 * -1 after setting rte_errno and logging.
 */
static int
check_request(const char *who, size_t size, unsigned int align, int socket)
{
	if (eal_ensure_init() < 0) {
		EAL_LOG(ERR, "%s: the EAL could not be initialised", who);
		rte_errno = E_RTE_NO_CONFIG;
		return -1;
	}
	if (size == 0 || (align != 0 && !rte_is_power_of_2(align)) ||
	    (socket != SOCKET_ID_ANY &&
	     (socket < 0 || socket >= RTE_MAX_NUMA_NODES))) {
		EAL_LOG(ERR, "%s(size %zu, align %u, socket %d): %s", who,
			size, align, socket,
			size == 0 ? "size is 0"
			: (align != 0 && !rte_is_power_of_2(align))
				? "alignment is not a power of two"
				: "invalid socket");
		rte_errno = EINVAL;
		return -1;
	}
	return 0;
}

static void *
alloc_socket(const char *who, size_t size, unsigned int align, int socket,
	     bool zero)
{
	struct malloc_request req = {
		.size = size,
		.align = RTE_MAX((size_t)align, (size_t)RTE_CACHE_LINE_SIZE),
	};
	bool dirty = false;
	int err;
	void *p;

	if (check_request(who, size, align, socket) != 0)
		return NULL;
	p = malloc_heap_alloc(socket, &req, &dirty, &err);
	if (p == NULL) {
		EAL_LOG(ERR, "%s(size %zu, align %u, socket %d): %s", who,
			size, align, socket, errno_text(err));
		rte_errno = -err;
		return NULL;
	}
	if (zero && dirty)
		memset(p, 0, size);
	return p;
}

RTMEM_EXPORT void *
rte_malloc_socket(const char *type, size_t size, unsigned int align,
		  int socket)
{
	(void)type;
	return alloc_socket("rte_malloc", size, align, socket, false);
}

RTMEM_EXPORT void *
rte_malloc(const char *type, size_t size, unsigned int align)
{
	(void)type;
	return alloc_socket("rte_malloc", size, align, SOCKET_ID_ANY, false);
}

RTMEM_EXPORT void *
rte_zmalloc_socket(const char *type, size_t size, unsigned int align,
		   int socket)
{
	(void)type;
	return alloc_socket("rte_zmalloc", size, align, socket, true);
}

RTMEM_EXPORT void *
rte_zmalloc(const char *type, size_t size, unsigned int align)
{
	(void)type;
	return alloc_socket("rte_zmalloc", size, align, SOCKET_ID_ANY, true);
}

RTMEM_EXPORT void *
rte_calloc_socket(const char *type, size_t num, size_t size,
		  unsigned int align, int socket)
{
	(void)type;
	if (size != 0 && num > SIZE_MAX / size) {
		EAL_LOG(ERR, "rte_calloc(%zu x %zu): the size overflows", num,
			size);
		rte_errno = EINVAL;
		return NULL;
	}
	return alloc_socket("rte_calloc", num * size, align, socket, true);
}

RTMEM_EXPORT void *
rte_calloc(const char *type, size_t num, size_t size, unsigned int align)
{
	return rte_calloc_socket(type, num, size, align, SOCKET_ID_ANY);
}

RTMEM_EXPORT void
rte_free(void *ptr)
{
	if (ptr == NULL)
		return;
	if (mem_cfg() == NULL) {
		EAL_LOG(ERR, "rte_free(%p): not a block of rtmem's heap (the "
			"EAL is not initialised)", ptr);
		return;
	}
	malloc_heap_free(ptr, "rte_free");
}

RTMEM_EXPORT void *
rte_realloc_socket(void *ptr, size_t size, unsigned int align, int socket)
{
	size_t old_len;
	void *moved;
	int ret;

	if (ptr == NULL)
		return rte_malloc_socket(NULL, size, align, socket);
	if (check_request("rte_realloc", size, align, socket) != 0)
		return NULL;
	if (malloc_heap_block_size(ptr, &old_len) != 0) {
		EAL_LOG(ERR, "rte_realloc(%p): not a live block of rtmem's "
			"heap", ptr);
		rte_errno = EINVAL;
		return NULL;
	}
	if ((socket == SOCKET_ID_ANY ||
	     socket == malloc_heap_block_socket(ptr)) &&
	    ((uintptr_t)ptr & (RTE_MAX((size_t)align,
				       (size_t)RTE_CACHE_LINE_SIZE) - 1)) == 0) {
		ret = malloc_heap_resize(ptr, size);
		if (ret == 0)
			return ptr;
		if (ret != -ENOSPC) {
			rte_errno = EINVAL;
			return NULL;
		}
	}
	moved = alloc_socket("rte_realloc", size, align, socket, false);
	if (moved == NULL)
		return NULL;
	memcpy(moved, ptr, RTE_MIN(old_len, size));
	malloc_heap_free(ptr, "rte_realloc");
	return moved;
}

RTMEM_EXPORT void *
rte_realloc(void *ptr, size_t size, unsigned int align)
{
	return rte_realloc_socket(ptr, size, align, SOCKET_ID_ANY);
}

RTMEM_EXPORT int
rte_malloc_validate(const void *ptr, size_t *size)
{
	if (ptr == NULL || mem_cfg() == NULL)
		return -1;
	return malloc_heap_block_size(ptr, size) == 0 ? 0 : -1;
}

RTMEM_EXPORT int
rte_malloc_get_socket_stats(int socket, struct rte_malloc_socket_stats *stats)
{
	int idx;

	if (stats == NULL || eal_ensure_init() < 0 ||
	    (idx = malloc_heap_of_socket(socket)) < 0)
		return -1;
	malloc_heap_stats((unsigned int)idx, stats);
	return 0;
}

RTMEM_EXPORT int
rte_malloc_heap_get_socket(const char *name)
{
	struct mem_config *cfg;

	if (name == NULL || name[0] == '\0' ||
	    strnlen(name, MALLOC_HEAP_NAMESIZE) == MALLOC_HEAP_NAMESIZE) {
		rte_errno = EINVAL;
		return -1;
	}
	if (eal_ensure_init() < 0 || (cfg = mem_cfg()) == NULL) {
		rte_errno = ENOENT;
		return -1;
	}
	for (unsigned int i = 0; i < cfg->n_heaps; i++)
		if (strcmp(cfg->heap[i].name, name) == 0)
			return cfg->heap[i].socket_id;
	rte_errno = ENOENT;
	return -1;
}

RTMEM_EXPORT int
rte_malloc_heap_socket_is_external(int socket_id)
{
	if (socket_id == SOCKET_ID_ANY)
		return 0;
	if (eal_ensure_init() < 0 || malloc_heap_of_socket(socket_id) < 0) {
		rte_errno = ENOENT;
		return -1;
	}
	return 0;
}

RTMEM_EXPORT void
rte_malloc_dump_stats(FILE *f, const char *type)
{
	struct mem_config *cfg;

	(void)type;
	if (eal_ensure_init() < 0 || (cfg = mem_cfg()) == NULL)
		return;
	for (unsigned int i = 0; i < cfg->n_heaps; i++) {
		struct rte_malloc_socket_stats s;

		malloc_heap_stats(i, &s);
		fprintf(f, "Socket:%d\n\tHeap_size:%zu,\n\tFree_size:%zu,\n"
			"\tAlloc_size:%zu,\n\tGreatest_free_size:%zu,\n"
			"\tAlloc_count:%u,\n\tFree_count:%u,\n",
			cfg->heap[i].socket_id, s.heap_totalsz_bytes,
			s.heap_freesz_bytes, s.heap_allocsz_bytes,
			s.greatest_free_size, s.alloc_count, s.free_count);
	}
}

RTMEM_EXPORT void
rte_malloc_dump_heaps(FILE *f)
{
	struct mem_config *cfg;

	if (eal_ensure_init() < 0 || (cfg = mem_cfg()) == NULL)
		return;
	for (unsigned int i = 0; i < cfg->n_heaps; i++)
		malloc_heap_dump(i, f, true);
}

RTMEM_EXPORT rte_iova_t
rte_malloc_virt2iova(const void *addr)
{
	return rte_mem_virt2iova(addr);
}
