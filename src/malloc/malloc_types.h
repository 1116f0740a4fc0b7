/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * malloc_types.h: the heap's structures in shared memory.
 *
 * Only the types, so that the mem layer's config struct (mem_private.h) can
 * embed the heaps as DPDK's rte_mem_config does; the algorithm is in
 * malloc_heap.c and its interface in malloc_heap.h.
 *
 * Picture of one arena (one memory type: a page size on a socket, backed by
 * one file). The heap owns the committed prefix; it grows at the end:
 *
 *   base                                             end          base+va_len
 *   | hdr | data  | hdr | data ... | hdr | data      |  uncommitted  |
 *   '-- elem -----'-- elem --------'-- last elem ----'
 *
 * Elements tile [base, end) exactly: the next element is always at
 * elem + elem->size, so only `prev` is stored. Every element starts on a
 * 64-byte boundary and has a 64-byte header (DPDK's has 128), so data
 * returned without extra alignment is cache-line aligned.
 *
 * Invariants (checked by malloc_heap_validate and restored by the repair
 * after a dead lock holder):
 *   - elements tile the committed range; for each element after the first
 *     of its arena, elem->prev + elem->prev->size == elem;
 *   - magic == MALLOC_ELEM_MAGIC ^ state, state FREE or BUSY in the chain
 *     (PAD headers sit inside BUSY elements only);
 *   - a FREE element is on exactly the free list of its size class, and no
 *     two FREE elements are adjacent unless --match-allocations keeps them
 *     apart (different growth);
 *   - the data of a FREE element is all zero unless `dirty` is set.
 * Write order that makes a crash repairable: a new header is written in
 * full before anything links to it, and the size change of an existing
 * element is the last store of a split or merge (the forward walk by size
 * is the truth; prev pointers and free lists are rebuilt from it).
 */
#ifndef MALLOC_TYPES_H
#define MALLOC_TYPES_H

#include <stddef.h>
#include <stdint.h>

#include <rte_config.h>

#include "internal/shlock.h"

#define MALLOC_ELEM_HEADER_LEN 64u     /* bytes before the data */
#define MALLOC_ELEM_MIN_DATA 64u       /* smallest data part of a block */
#define MALLOC_ELEM_MAGIC 0x6d656c65u  /* "elem", xor-ed with the state */
#define MALLOC_HEAP_NCLASSES 40        /* class c: sizes [2^(c+7), 2^(c+8)) */
#define MALLOC_HEAP_NAMESIZE 32        /* RTE_HEAP_NAME_MAX_LEN */

enum malloc_elem_state {
	MALLOC_ELEM_FREE = 1,
	MALLOC_ELEM_BUSY = 2,
	MALLOC_ELEM_PAD = 3, /* alignment stub before aligned data */
};

struct malloc_elem {
	/* element just below in the same arena; NULL for the first */
	struct malloc_elem *prev;
	/* whole element (header, padding, data), a multiple of 64 */
	size_t size;
	/* FREE: doubly linked free list of the size class; NULL otherwise */
	struct malloc_elem *free_next;
	struct malloc_elem *free_prev;
	/* MALLOC_ELEM_MAGIC ^ state: a stale or foreign pointer fails it */
	uint32_t magic;
	uint16_t state;      /* enum malloc_elem_state */
	uint8_t arena;       /* memory type index: which arena and heap */
	uint8_t owner;       /* BUSY: process-table slot of the allocator */
	/*
	 * BUSY: bytes between the end of this header and the data (0, or a
	 * multiple of 64; a PAD header sits just before the data then).
	 * PAD: distance from the real header to this PAD header.
	 */
	uint32_t pad;
	uint32_t dirty;      /* FREE: data may hold non-zero bytes */
	uint32_t growth;     /* heap growth the memory came from */
	uint32_t reserved[3];
};

/* malloc's view of one memory type (arena). */
struct malloc_arena {
	/* highest element, NULL while nothing is committed to the heap */
	struct malloc_elem *last;
	/* end of the range given to the heap (<= the type's committed end) */
	char *end;
};

/* One heap per NUMA socket, named "socket_<id>" as in DPDK. */
struct malloc_heap {
	struct shlock lock;
	char name[MALLOC_HEAP_NAMESIZE];
	int32_t socket_id;        /* -1: slot unused */
	/* set when a repair found the chain broken: calls fail (EFAULT) */
	uint32_t poisoned;
	uint32_t growth_seq;      /* last growth number handed out */
	uint32_t alloc_count;     /* BUSY elements */
	size_t total_size;        /* bytes of arena given to this heap */
	uint64_t nonempty;        /* bit c: free_head[c] != NULL */
	struct malloc_elem *free_head[MALLOC_HEAP_NCLASSES];
	/* memory types of this heap, smallest page size first */
	uint32_t n_arenas;
	uint8_t arenas[RTE_MAX_MEMSEG_LISTS];
};

#endif /* MALLOC_TYPES_H */
