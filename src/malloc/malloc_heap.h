/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * malloc_heap.h: the heap's interface to rte_malloc.c and memzone.c, and
 * to white-box tests. The structures are in malloc_types.h.
 *
 * Every function takes the heap lock itself unless its comment says the
 * caller holds it. Sizes are data sizes (what the user asked for); the
 * 64-byte header is the heap's business.
 */
#ifndef MALLOC_HEAP_H
#define MALLOC_HEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <rte_malloc.h>

#include "malloc/malloc_types.h"

/* Overhead of one block beyond its (64-rounded) data. */
#define MALLOC_ELEM_OVERHEAD MALLOC_ELEM_HEADER_LEN

/* What to allocate (rte_malloc: page_flags 0, bound 0, contig false). */
struct malloc_request {
	size_t size;          /* data bytes, >= 1 */
	size_t align;         /* power of two >= 64 */
	size_t bound;         /* 0, or a power of two >= size */
	bool contig;          /* IOVA-contiguous */
	unsigned int page_flags; /* RTE_MEMZONE_* page-size and hint flags */
};

/* Index of the heap of a socket, or -1. */
int malloc_heap_of_socket(int socket_id);

/*
 * Allocate on one heap (growing it when needed). Returns the data, or
 * NULL with *err = -ENOMEM or -EFAULT (heap poisoned). *was_dirty tells
 * whether the data may hold old bytes (rte_zmalloc must then clear it).
 */
void *malloc_heap_alloc_on(unsigned int heap_idx,
			   const struct malloc_request *req, bool *was_dirty,
			   int *err);

/*
 * Allocate on `socket` or, for SOCKET_ID_ANY, this lcore's socket first
 * and then every other heap. Returns the data or NULL with *err as above,
 * or -EINVAL for a socket without a heap.
 */
void *malloc_heap_alloc(int socket, const struct malloc_request *req,
			bool *was_dirty, int *err);

/*
 * The biggest block that exists now on `socket` (or any heap for
 * SOCKET_ID_ANY), aligned, not crossing bound, of the page sizes in
 * page_flags: memzones of length 0. The heap does not grow. Returns the
 * data and its usable length in *len, or NULL (*err -ENOMEM).
 */
void *malloc_heap_alloc_biggest(int socket, size_t align, size_t bound,
				unsigned int page_flags, size_t *len,
				int *err);

/*
 * Free a block. Returns 0, or -EINVAL when ptr is not a live block of the
 * heap (logged with `who`, naming the pointer; nothing changes).
 */
int malloc_heap_free(void *ptr, const char *who);

/*
 * Resize a block in place when possible: shrink, or grow into the free
 * block after it. Returns 0 (done), -ENOSPC (not possible in place:
 * caller moves it), -EINVAL (not a live block; logged).
 */
int malloc_heap_resize(void *ptr, size_t size);

/*
 * Usable size of a live block in *size. Returns 0, or -EINVAL (not a live
 * block; not logged).
 */
int malloc_heap_block_size(const void *ptr, size_t *size);

/* Socket of the heap holding a live block, or SOCKET_ID_ANY. */
int malloc_heap_block_socket(const void *ptr);

/* Statistics of a heap (rte_malloc_socket_stats semantics). */
void malloc_heap_stats(unsigned int heap_idx,
		       struct rte_malloc_socket_stats *stats);

/*
 * Check every invariant of malloc_types.h on a heap: the chain, the free
 * lists against it, alloc_count, total size. Returns 0, or -EFAULT after
 * printing the first broken invariant to f (if not NULL).
 */
int malloc_heap_check(unsigned int heap_idx, FILE *f);

/* Print a heap's statistics and, with blocks, each block. */
void malloc_heap_dump(unsigned int heap_idx, FILE *f, bool blocks);

#endif /* MALLOC_HEAP_H */
