/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * malloc_heap.c: the shared-memory heap (the algorithm behind rte_malloc
 * and memzones). Structures and invariants: malloc_types.h.
 *
 * One heap per NUMA socket; each owns the arenas (memory types) of its
 * socket, smallest page size first. Free blocks sit on segregated lists,
 * one per power-of-two size class, with a bitmap of the non-empty ones; a
 * search starts at the class of the request and takes the first block
 * that can hold it (alignment, bound and IOVA contiguity included). A
 * block is carved from the end of a free block, so the front part keeps
 * its header and place; remainders smaller than a minimal block stay with
 * the allocation (tail) or become alignment padding (front, behind a PAD
 * header that points back). A freed block is zeroed and merged with free
 * neighbours, so free memory is zero and rte_zmalloc() needs no memset
 * (except for blocks a crash repair marked dirty). The arena's last free
 * block is carved from its start instead, so its remainder stays next to
 * the uncommitted end and merges with the next growth.
 *
 * When no block fits, the heap commits more memory at the end of one of
 * its arenas (mem_type_grow) and adds it, extending the last block when
 * that one is free.
 *
 * Locks: the heap's shlock guards everything of the heap and its arenas'
 * malloc_arena; mem_type_grow takes the MEM lock inside it (order HEAP ->
 * MEM). No other lock is taken while holding a heap lock.
 *
 * Crash repair (heap lock found with a dead holder): split and merge write
 * in an order that keeps the forward walk by size correct at every store
 * (see malloc_types.h), so the repair walks each arena, rebuilds prev
 * pointers, the free lists and the counters, marks free blocks dirty and
 * adds committed memory the dead process had not added yet. A chain it
 * cannot walk (a header outside the rules) poisons the heap: later calls
 * fail with EFAULT rather than corrupt more memory.
 *
 * Who may call: any thread of any attached process.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_lcore.h>
#include <rte_memzone.h>

#include "internal/rtmem_log.h"
#include "internal/test_hooks.h"
#include "malloc/malloc_heap.h"
#include "mem/mem_private.h"

#define H MALLOC_ELEM_HEADER_LEN
#define MIN_ELEM (MALLOC_ELEM_HEADER_LEN + MALLOC_ELEM_MIN_DATA)

/* ------------------------------------------------------------------ */
/* elements                                                            */

static struct malloc_heap *
heap_at(unsigned int idx)
{
	return &mem_cfg()->heap[idx];
}

static struct malloc_arena *
arena_of(const struct malloc_elem *e)
{
	return &mem_cfg()->arena[e->arena];
}

static char *
arena_start(unsigned int t)
{
	return mem_cfg()->type[t].va;
}

static void *
elem_data(const struct malloc_elem *e)
{
	return (char *)e + H + e->pad;
}

/* Bytes of data a BUSY element offers. */
static size_t
elem_data_len(const struct malloc_elem *e)
{
	return e->size - H - e->pad;
}

/* The element after e in its arena, or NULL. */
static struct malloc_elem *
elem_next(const struct malloc_elem *e)
{
	char *next = (char *)e + e->size;

	return next < arena_of(e)->end ? (struct malloc_elem *)next : NULL;
}

static void
elem_set_state(struct malloc_elem *e, enum malloc_elem_state state)
{
	e->state = (uint16_t)state;
	e->magic = MALLOC_ELEM_MAGIC ^ state;
}

/* Write a whole header (before anything links to it). */
static void
elem_write(struct malloc_elem *e, struct malloc_elem *prev, size_t size,
	   enum malloc_elem_state state, uint8_t arena, uint32_t growth,
	   uint32_t dirty)
{
	memset(e, 0, sizeof(*e));
	e->prev = prev;
	e->size = size;
	e->arena = arena;
	e->growth = growth;
	e->dirty = dirty;
	elem_set_state(e, state);
}

static unsigned int
size_class(size_t size)
{
	unsigned int log2 = 63u - (unsigned int)__builtin_clzll(size | 1);

	log2 = log2 < 7 ? 0 : log2 - 7;
	return RTE_MIN(log2, MALLOC_HEAP_NCLASSES - 1u);
}

static void
free_list_insert(struct malloc_heap *heap, struct malloc_elem *e)
{
	unsigned int c = size_class(e->size);

	e->free_prev = NULL;
	e->free_next = heap->free_head[c];
	if (e->free_next != NULL)
		e->free_next->free_prev = e;
	heap->free_head[c] = e;
	heap->nonempty |= 1ull << c;
}

static void
free_list_remove(struct malloc_heap *heap, struct malloc_elem *e)
{
	unsigned int c = size_class(e->size);

	if (e->free_prev != NULL)
		e->free_prev->free_next = e->free_next;
	else
		heap->free_head[c] = e->free_next;
	if (e->free_next != NULL)
		e->free_next->free_prev = e->free_prev;
	if (heap->free_head[c] == NULL)
		heap->nonempty &= ~(1ull << c);
	e->free_next = NULL;
	e->free_prev = NULL;
}

/*
 * Split e at offset off: e keeps [e, e + off), a new element of `state`
 * gets the rest. The new header is complete before the next element links
 * to it, and e's size shrinks last (the commit point of the split).
 */
static struct malloc_elem *
elem_split(struct malloc_elem *e, size_t off, enum malloc_elem_state state)
{
	struct malloc_elem *x = (struct malloc_elem *)((char *)e + off);
	struct malloc_elem *next = elem_next(e);
	struct malloc_arena *arena = arena_of(e);

	elem_write(x, e, e->size - off, state, e->arena, e->growth, e->dirty);
	if (next != NULL)
		next->prev = x;
	test_hook_point("split");
	e->size = off;
	if (arena->last == e)
		arena->last = x;
	return x;
}

/* Whether two adjacent free elements may merge (--match-allocations). */
static bool
mergeable(const struct malloc_elem *a, const struct malloc_elem *b)
{
	return b != NULL && b->state == MALLOC_ELEM_FREE &&
	       (!mem_cfg()->match_allocations || a->growth == b->growth);
}

/*
 * Merge e's successor n (FREE, off its free list) into e. The size of e
 * grows last; then the dead header, now inside e's data, is zeroed.
 */
static void
elem_absorb_next(struct malloc_elem *e, struct malloc_elem *n)
{
	struct malloc_elem *after = elem_next(n);
	struct malloc_arena *arena = arena_of(e);
	uint32_t dirty = n->dirty;

	if (after != NULL)
		after->prev = e;
	test_hook_point("merge");
	e->size += n->size;
	if (arena->last == n)
		arena->last = e;
	memset(n, 0, H);
	e->dirty |= dirty;
}

/* ------------------------------------------------------------------ */
/* placement                                                           */

/* Page size allowed by RTE_MEMZONE_* flags (hint or no flag: any). */
static bool
page_size_allowed(uint64_t page_sz, unsigned int flags, bool strict)
{
	static const struct { unsigned int flag; uint64_t size; } sizes[] = {
		{ RTE_MEMZONE_256KB, 256ull << 10 },
		{ RTE_MEMZONE_2MB, 2ull << 20 },
		{ RTE_MEMZONE_16MB, 16ull << 20 },
		{ RTE_MEMZONE_256MB, 256ull << 20 },
		{ RTE_MEMZONE_512MB, 512ull << 20 },
		{ RTE_MEMZONE_1GB, 1ull << 30 },
		{ RTE_MEMZONE_4GB, 4ull << 30 },
		{ RTE_MEMZONE_16GB, 16ull << 30 },
	};
	bool any_size = true;

	if ((flags & ~(RTE_MEMZONE_SIZE_HINT_ONLY | RTE_MEMZONE_IOVA_CONTIG)) ==
	    0)
		return true; /* rte_malloc and most memzones: no size asked */
	for (unsigned int i = 0; i < RTE_DIM(sizes); i++) {
		if (!(flags & sizes[i].flag))
			continue;
		any_size = false;
		if (sizes[i].size == page_sz)
			return true;
	}
	return any_size || !strict;
}

/*
 * The lowest data address in free element e that satisfies req, or NULL:
 * for the arena's last element, so that what is left stays at the arena's
 * end, where the next growth extends it.
 */
static char *
place_low(const struct malloc_elem *e, const struct malloc_request *req,
	  size_t size)
{
	char *end = (char *)e + e->size;
	char *data = RTE_PTR_ALIGN_CEIL((char *)e + H, req->align);

	while (data < end && (size_t)(end - data) >= size) {
		uintptr_t last = ((uintptr_t)data + size - 1) &
				 ~(req->bound - 1);

		if (req->bound != 0 && ((uintptr_t)data & ~(req->bound - 1)) !=
					       last) /* crosses: next boundary */
			data = RTE_PTR_ALIGN_CEIL((char *)last, req->align);
		else if (req->contig &&
			 !mem_range_iova_contig(e->arena, data, size))
			data += req->align;
		else
			return data;
	}
	return NULL;
}

/*
 * Where the data of req would go inside free element e, or NULL when e
 * cannot hold it. Blocks are carved from the end of a free element, so the
 * element keeps its header and place; from the start of the arena's last
 * one (place_low).
 */
static char *
place_in(const struct malloc_elem *e, const struct malloc_request *req,
	 size_t size)
{
	char *start = (char *)e + H, *end = (char *)e + e->size;
	char *data;

	if ((size_t)(end - start) < size)
		return NULL;
	if (e == arena_of(e)->last)
		return place_low(e, req, size);
	data = RTE_PTR_ALIGN_FLOOR(end - size, req->align);
	while (data >= start) {
		uintptr_t last = ((uintptr_t)data + size - 1) &
				 ~(req->bound - 1);

		if (req->bound != 0 && ((uintptr_t)data & ~(req->bound - 1)) !=
					       last) /* crosses: end below it */
			data = RTE_PTR_ALIGN_FLOOR((char *)last - size,
						   req->align);
		else if (req->contig &&
			 !mem_range_iova_contig(e->arena, data, size))
			data -= req->align;
		else
			return data;
	}
	return NULL;
}

/*
 * Turn free element e into the busy block with data at `data`. Returns the
 * busy element.
 */
static struct malloc_elem *
carve(struct malloc_heap *heap, struct malloc_elem *e, char *data,
      size_t size)
{
	char *tail = data + size;
	size_t front = (size_t)(data - H - (char *)e);
	struct malloc_elem *busy;

	free_list_remove(heap, e);
	if ((size_t)((char *)e + e->size - tail) >= MIN_ELEM)
		free_list_insert(heap, elem_split(e, (size_t)(tail - (char *)e),
						  MALLOC_ELEM_FREE));
	if (front >= MIN_ELEM) {
		busy = elem_split(e, front, MALLOC_ELEM_BUSY);
		free_list_insert(heap, e);
	} else if (front > 0) {
		struct malloc_elem *pad = (struct malloc_elem *)(data - H);

		/* too small to stand alone: padding behind a PAD header */
		elem_write(pad, NULL, 0, MALLOC_ELEM_PAD, e->arena, e->growth, 0);
		pad->pad = (uint32_t)front;
		e->pad = (uint32_t)front;
		elem_set_state(e, MALLOC_ELEM_BUSY);
		busy = e;
	} else {
		elem_set_state(e, MALLOC_ELEM_BUSY);
		busy = e;
	}
	busy->owner = (uint8_t)mem_proc_slot();
	busy->free_next = NULL;
	busy->free_prev = NULL;
	heap->alloc_count++;
	return busy;
}

/* First free element of the heap that can hold req. Heap lock held. */
static struct malloc_elem *
find_fit(struct malloc_heap *heap, const struct malloc_request *req,
	 size_t size, bool strict_pages, char **data)
{
	uint64_t classes = heap->nonempty &
			   ~((1ull << size_class(size + H)) - 1);

	while (classes != 0) {
		unsigned int c = (unsigned int)__builtin_ctzll(classes);

		classes &= classes - 1;
		for (struct malloc_elem *e = heap->free_head[c]; e != NULL;
		     e = e->free_next) {
			const struct mem_type *mt = &mem_cfg()->type[e->arena];

			if (!page_size_allowed(mt->page_sz, req->page_flags,
					       strict_pages))
				continue;
			if ((*data = place_in(e, req, size)) != NULL)
				return e;
		}
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* growth                                                              */

/* Give [arena end, end) to the heap. Heap lock held. */
static void
heap_add_range(struct malloc_heap *heap, unsigned int t, char *end)
{
	struct malloc_arena *arena = &mem_cfg()->arena[t];
	char *start = arena->end;
	struct malloc_elem *last = arena->last;
	uint32_t growth;

	if (end <= start)
		return;
	growth = ++heap->growth_seq;
	if (last != NULL && last->state == MALLOC_ELEM_FREE &&
	    !mem_cfg()->match_allocations) {
		free_list_remove(heap, last);
		arena->end = end;
		last->size += (size_t)(end - start);
		free_list_insert(heap, last);
	} else {
		struct malloc_elem *e = (struct malloc_elem *)start;

		elem_write(e, last, (size_t)(end - start), MALLOC_ELEM_FREE,
			   (uint8_t)t, growth, 0);
		arena->end = end;
		arena->last = e;
		free_list_insert(heap, e);
	}
	heap->total_size += (size_t)(end - start);
}

/* Commit memory for req on one of the heap's arenas. Heap lock held. */
static int
heap_grow(struct malloc_heap *heap, const struct malloc_request *req,
	  size_t size, bool strict_pages)
{
	struct mem_config *cfg = mem_cfg();
	/* room for the block, its alignment, bound and a split */
	size_t extra = H + req->align + req->bound + MIN_ELEM;
	size_t need = size + extra;

	if (size > SIZE_MAX - extra) /* no arena is that big: commit nothing */
		return -ENOMEM;
	for (unsigned int i = 0; i < heap->n_arenas; i++) {
		unsigned int t = heap->arenas[i];
		uint64_t committed;

		if (!page_size_allowed(cfg->type[t].page_sz, req->page_flags,
				       strict_pages))
			continue;
		if (mem_type_grow(t, need, &committed) == 0) {
			heap_add_range(heap, t, cfg->type[t].va + committed);
			return 0;
		}
	}
	return -ENOMEM;
}

/* ------------------------------------------------------------------ */
/* allocation                                                          */

int
malloc_heap_of_socket(int socket_id)
{
	struct mem_config *cfg = mem_cfg();

	for (unsigned int i = 0; cfg != NULL && i < cfg->n_heaps; i++)
		if (cfg->heap[i].socket_id == socket_id)
			return (int)i;
	return -1;
}

/* One attempt with page sizes strict or not. Heap lock held. */
static struct malloc_elem *
alloc_locked(struct malloc_heap *heap, const struct malloc_request *req,
	     size_t size, bool strict_pages)
{
	struct malloc_elem *e;
	char *data;

	e = find_fit(heap, req, size, strict_pages, &data);
	if (e == NULL && heap_grow(heap, req, size, strict_pages) == 0)
		e = find_fit(heap, req, size, strict_pages, &data);
	return e != NULL ? carve(heap, e, data, size) : NULL;
}

void *
malloc_heap_alloc_on(unsigned int heap_idx, const struct malloc_request *req,
		     bool *was_dirty, int *err)
{
	struct malloc_heap *heap = heap_at(heap_idx);
	size_t size = RTE_ALIGN_CEIL(RTE_MAX(req->size, (size_t)1),
				     (size_t)MALLOC_ELEM_MIN_DATA);
	struct malloc_elem *e = NULL;

	if (size < req->size) { /* the rounding overflowed */
		*err = -ENOMEM;
		return NULL;
	}
	shlock_lock(&heap->lock);
	if (heap->poisoned) {
		shlock_unlock(&heap->lock);
		*err = -EFAULT;
		return NULL;
	}
	e = alloc_locked(heap, req, size, true);
	if (e == NULL && (req->page_flags & RTE_MEMZONE_SIZE_HINT_ONLY))
		e = alloc_locked(heap, req, size, false);
	if (e != NULL)
		*was_dirty = e->dirty != 0;
	shlock_unlock(&heap->lock);
	if (e == NULL) {
		*err = -ENOMEM;
		return NULL;
	}
	return elem_data(e);
}

void *
malloc_heap_alloc(int socket, const struct malloc_request *req,
		  bool *was_dirty, int *err)
{
	struct mem_config *cfg = mem_cfg();
	int first = socket == SOCKET_ID_ANY ? malloc_heap_of_socket(
						      (int)rte_socket_id())
					    : malloc_heap_of_socket(socket);
	void *p;

	if (socket != SOCKET_ID_ANY && first < 0) {
		*err = -EINVAL;
		return NULL;
	}
	*err = -ENOMEM;
	if (first >= 0 &&
	    (p = malloc_heap_alloc_on((unsigned int)first, req, was_dirty,
				      err)) != NULL)
		return p;
	if (socket != SOCKET_ID_ANY)
		return NULL;
	for (unsigned int i = 0; i < cfg->n_heaps; i++)
		if ((int)i != first &&
		    (p = malloc_heap_alloc_on(i, req, was_dirty, err)) != NULL)
			return p;
	return NULL;
}

/* Largest data a free element can give with align/bound. */
static size_t
biggest_in(const struct malloc_elem *e, size_t align, size_t bound)
{
	char *start = RTE_PTR_ALIGN_CEIL((char *)e + H, align);
	char *end = (char *)e + e->size;
	size_t len;

	if (start >= end)
		return 0;
	len = (size_t)(end - start);
	if (bound != 0)
		len = RTE_MIN(len, bound - ((uintptr_t)start & (bound - 1)));
	return RTE_ALIGN_FLOOR(len, (size_t)MALLOC_ELEM_MIN_DATA);
}

void *
malloc_heap_alloc_biggest(int socket, size_t align, size_t bound,
			  unsigned int page_flags, size_t *len, int *err)
{
	struct mem_config *cfg = mem_cfg();
	int best_heap = -1;
	size_t best = 0;

	for (unsigned int i = 0; i < cfg->n_heaps; i++) {
		struct malloc_heap *heap = heap_at(i);

		if (socket != SOCKET_ID_ANY && heap->socket_id != socket)
			continue;
		shlock_lock(&heap->lock);
		for (unsigned int c = 0; !heap->poisoned &&
					 c < MALLOC_HEAP_NCLASSES; c++)
			for (struct malloc_elem *e = heap->free_head[c];
			     e != NULL; e = e->free_next) {
				size_t l = biggest_in(e, align, bound);

				if (l > best &&
				    page_size_allowed(cfg->type[e->arena].page_sz,
						      page_flags,
						      !(page_flags &
							RTE_MEMZONE_SIZE_HINT_ONLY))) {
					best = l;
					best_heap = (int)i;
				}
			}
		shlock_unlock(&heap->lock);
	}
	if (best_heap < 0) {
		*err = -ENOMEM;
		return NULL;
	}
	/* the heap may have changed since: allocate what we found, or less */
	while (best >= MALLOC_ELEM_MIN_DATA) {
		struct malloc_request req = {
			.size = best, .align = align, .bound = bound,
			.page_flags = page_flags,
		};
		bool dirty;
		void *p = malloc_heap_alloc_on((unsigned int)best_heap, &req,
					       &dirty, err);

		if (p != NULL) {
			*len = best;
			return p;
		}
		best -= MALLOC_ELEM_MIN_DATA;
	}
	*err = -ENOMEM;
	return NULL;
}

/* ------------------------------------------------------------------ */
/* finding a block from its data pointer                               */

/*
 * Heap index of the memory at ptr, or -1 if it is not heap memory; *type
 * gets its memory type.
 */
static int
heap_of_ptr(const void *ptr, int *type)
{
	*type = mem_type_of(ptr);
	return *type < 0 ? -1 : (int)mem_cfg()->type[*type].heap_idx;
}

static struct malloc_elem *
busy_elem_of(const void *ptr, int t, const char **why)
{
	char *start, *end;
	struct malloc_elem *e;

	*why = "not a live block of rtmem's heap (never allocated, or already freed)";
	if (t < 0 || ((uintptr_t)ptr & (H - 1)) != 0)
		return NULL;
	start = arena_start((unsigned int)t);
	end = mem_cfg()->arena[t].end;
	if ((const char *)ptr < start + H || (const char *)ptr >= end)
		return NULL;
	e = (struct malloc_elem *)((const char *)ptr - H);
	if (e->magic == (MALLOC_ELEM_MAGIC ^ MALLOC_ELEM_PAD) &&
	    e->state == MALLOC_ELEM_PAD) {
		if (e->pad == 0 || e->pad % H != 0 ||
		    e->pad > (size_t)((char *)e - start))
			return NULL;
		e = (struct malloc_elem *)((char *)e - e->pad);
	}
	if (e->magic == (MALLOC_ELEM_MAGIC ^ MALLOC_ELEM_FREE) &&
	    e->state == MALLOC_ELEM_FREE && e->pad == 0) {
		*why = "already freed";
		return NULL;
	}
	if (e->magic != (MALLOC_ELEM_MAGIC ^ MALLOC_ELEM_BUSY) ||
	    e->state != MALLOC_ELEM_BUSY || elem_data(e) != ptr ||
	    e->arena != t || e->size < MIN_ELEM ||
	    e->size > (size_t)(end - (char *)e))
		return NULL;
	/*
	 * The neighbours must agree: catches a stale header inside data.
	 * prev is read only when it lies in [start, e) (committed memory).
	 */
	if (e->prev != NULL &&
	    ((char *)e->prev < start || (char *)e->prev >= (char *)e ||
	     (char *)e->prev + e->prev->size != (char *)e))
		return NULL;
	if (e->prev == NULL && (char *)e != start)
		return NULL;
	if (elem_next(e) != NULL && elem_next(e)->prev != e)
		return NULL;
	return e;
}

/*
 * The live block at ptr, with its heap locked (*heap). On failure nothing
 * is locked and *err says why: -EINVAL, not a live block of the heap
 * (*why explains), or -EFAULT, its heap is unusable after a crash.
 */
static struct malloc_elem *
lock_block(const void *ptr, struct malloc_heap **heap, const char **why,
	   int *err)
{
	int t, idx = heap_of_ptr(ptr, &t);
	struct malloc_elem *e;

	*err = -EINVAL;
	*why = "not a block of rtmem's heap (outside shared memory)";
	if (idx < 0)
		return NULL;
	*heap = heap_at((unsigned int)idx);
	shlock_lock(&(*heap)->lock);
	if ((*heap)->poisoned) {
		*err = -EFAULT;
		*why = "its heap is unusable after a crash";
		e = NULL;
	} else {
		e = busy_elem_of(ptr, t, why);
	}
	if (e == NULL)
		shlock_unlock(&(*heap)->lock);
	return e;
}

int
malloc_heap_block_size(const void *ptr, size_t *size)
{
	struct malloc_heap *heap;
	struct malloc_elem *e;
	const char *why;
	int err;

	if ((e = lock_block(ptr, &heap, &why, &err)) == NULL)
		return -EINVAL;
	if (size != NULL)
		*size = elem_data_len(e);
	shlock_unlock(&heap->lock);
	return 0;
}

int
malloc_heap_block_socket(const void *ptr)
{
	int t, idx = heap_of_ptr(ptr, &t);

	return idx < 0 ? SOCKET_ID_ANY : heap_at((unsigned int)idx)->socket_id;
}

/* ------------------------------------------------------------------ */
/* free and resize                                                     */

/* Merge free e with free neighbours and put it on its list. */
static void
release_free_elem(struct malloc_heap *heap, struct malloc_elem *e)
{
	struct malloc_elem *n = elem_next(e);

	if (mergeable(e, n)) {
		free_list_remove(heap, n);
		elem_absorb_next(e, n);
	}
	if (e->prev != NULL && mergeable(e, e->prev)) {
		struct malloc_elem *p = e->prev;

		free_list_remove(heap, p);
		elem_absorb_next(p, e);
		e = p;
	}
	free_list_insert(heap, e);
}

int
malloc_heap_free(void *ptr, const char *who)
{
	struct malloc_heap *heap;
	struct malloc_elem *e;
	const char *why;
	int err;

	if ((e = lock_block(ptr, &heap, &why, &err)) == NULL) {
		EAL_LOG(ERR, "%s(%p): %s", who, ptr, why);
		return err;
	}
	/* data (with any padding and PAD header) zeroed while still BUSY */
	memset((char *)e + H, 0, e->size - H);
	e->pad = 0;
	e->dirty = 0;
	elem_set_state(e, MALLOC_ELEM_FREE);
	heap->alloc_count--;
	release_free_elem(heap, e);
	shlock_unlock(&heap->lock);
	return 0;
}

int
malloc_heap_resize(void *ptr, size_t size)
{
	struct malloc_heap *heap;
	struct malloc_elem *e, *n;
	const char *why;
	size_t want = RTE_ALIGN_CEIL(size, (size_t)MALLOC_ELEM_MIN_DATA);
	size_t end_off;
	bool tail_zero = false; /* the tail given back is zero already */
	int err;

	if (want < size) /* the rounding overflowed: move (and fail) */
		return -ENOSPC;
	if ((e = lock_block(ptr, &heap, &why, &err)) == NULL)
		return -EINVAL;
	if (want > elem_data_len(e)) {
		/* grow into the free block after it, if that is enough */
		n = elem_next(e);
		if (!mergeable(e, n) || elem_data_len(e) + n->size < want) {
			shlock_unlock(&heap->lock);
			return -ENOSPC;
		}
		/*
		 * The tail given back below lies inside n: zero data unless n
		 * is dirty (the merge clears its header). Zeroing it again
		 * would touch every page of a big free block, such as the
		 * arena's last one.
		 */
		tail_zero = n->dirty == 0;
		free_list_remove(heap, n);
		elem_absorb_next(e, n);
	}
	/* give back a tail big enough to be a block */
	end_off = H + e->pad + want;
	if (e->size - end_off >= MIN_ELEM) {
		struct malloc_elem *tail;

		if (!tail_zero) /* old data, or a dirty neighbour */
			memset((char *)e + end_off, 0, e->size - end_off);
		tail = elem_split(e, end_off, MALLOC_ELEM_FREE);
		tail->dirty = 0;
		release_free_elem(heap, tail);
	}
	shlock_unlock(&heap->lock);
	return 0;
}

/* ------------------------------------------------------------------ */
/* statistics, checks, dumps                                           */

void
malloc_heap_stats(unsigned int heap_idx, struct rte_malloc_socket_stats *s)
{
	struct malloc_heap *heap = heap_at(heap_idx);

	memset(s, 0, sizeof(*s));
	shlock_lock(&heap->lock);
	for (unsigned int c = 0; c < MALLOC_HEAP_NCLASSES; c++)
		for (struct malloc_elem *e = heap->free_head[c]; e != NULL;
		     e = e->free_next) {
			s->free_count++;
			s->heap_freesz_bytes += e->size;
			s->greatest_free_size = RTE_MAX(s->greatest_free_size,
							e->size);
		}
	s->heap_totalsz_bytes = heap->total_size;
	s->alloc_count = heap->alloc_count;
	s->heap_allocsz_bytes = s->heap_totalsz_bytes - s->heap_freesz_bytes;
	shlock_unlock(&heap->lock);
}

/* Report the first broken invariant. */
#define CHECK(cond, ...)                                                 \
	do {                                                             \
		if (!(cond)) {                                           \
			if (f != NULL) {                                 \
				fprintf(f, "heap %s: ", heap->name);      \
				fprintf(f, __VA_ARGS__);                 \
				fputc('\n', f);                          \
			}                                                \
			ret = -EFAULT;                                   \
			goto out;                                        \
		}                                                        \
	} while (0)

int
malloc_heap_check(unsigned int heap_idx, FILE *f)
{
	struct mem_config *cfg = mem_cfg();
	struct malloc_heap *heap = heap_at(heap_idx);
	unsigned int busy = 0, free_in_chain = 0, free_in_lists = 0;
	size_t total = 0;
	int ret = 0;

	shlock_lock(&heap->lock);
	CHECK(!heap->poisoned, "poisoned");
	for (unsigned int i = 0; i < heap->n_arenas; i++) {
		unsigned int t = heap->arenas[i];
		struct malloc_arena *arena = &cfg->arena[t];
		struct malloc_elem *prev = NULL;
		char *p = cfg->type[t].va;

		while (p < arena->end) {
			struct malloc_elem *e = (struct malloc_elem *)p;

			CHECK(e->magic == (MALLOC_ELEM_MAGIC ^ e->state) &&
			      (e->state == MALLOC_ELEM_FREE ||
			       e->state == MALLOC_ELEM_BUSY),
			      "element %p: bad magic or state %u", (void *)e,
			      e->state);
			CHECK(e->size >= MIN_ELEM && e->size % H == 0 &&
			      e->size <= (size_t)(arena->end - p),
			      "element %p: bad size %zu", (void *)e, e->size);
			CHECK(e->prev == prev, "element %p: prev %p, expected %p",
			      (void *)e, (void *)e->prev, (void *)prev);
			CHECK(e->arena == t, "element %p: arena %u, expected %u",
			      (void *)e, e->arena, t);
			if (e->state == MALLOC_ELEM_BUSY) {
				busy++;
			} else {
				free_in_chain++;
				CHECK(!mergeable(e, prev) || prev == NULL,
				      "element %p: two free neighbours",
				      (void *)e);
			}
			prev = e;
			p += e->size;
		}
		CHECK(arena->last == prev, "arena %u: last %p, expected %p", t,
		      (void *)arena->last, (void *)prev);
		total += (size_t)(arena->end - cfg->type[t].va);
	}
	for (unsigned int c = 0; c < MALLOC_HEAP_NCLASSES; c++) {
		CHECK((heap->free_head[c] != NULL) ==
			      ((heap->nonempty >> c) & 1),
		      "class %u: bitmap disagrees with the list", c);
		for (struct malloc_elem *e = heap->free_head[c]; e != NULL;
		     e = e->free_next) {
			CHECK(e->state == MALLOC_ELEM_FREE &&
			      size_class(e->size) == c,
			      "free list %u: element %p is not free of this "
			      "class", c, (void *)e);
			CHECK(e->free_next == NULL || e->free_next->free_prev == e,
			      "free list %u: broken link at %p", c, (void *)e);
			CHECK(++free_in_lists <= free_in_chain,
			      "free lists hold more elements than the chain");
		}
	}
	CHECK(free_in_lists == free_in_chain,
	      "%u free elements in the chain, %u on the lists", free_in_chain,
	      free_in_lists);
	CHECK(busy == heap->alloc_count, "%u busy elements, alloc_count %u",
	      busy, heap->alloc_count);
	CHECK(total == heap->total_size, "arenas hold %zu bytes, total %zu",
	      total, heap->total_size);
out:
	shlock_unlock(&heap->lock);
	return ret;
}

void
malloc_heap_dump(unsigned int heap_idx, FILE *f, bool blocks)
{
	struct mem_config *cfg = mem_cfg();
	struct malloc_heap *heap = heap_at(heap_idx);
	struct rte_malloc_socket_stats s;

	malloc_heap_stats(heap_idx, &s);
	fprintf(f, "Heap id:%u\n\tHeap name:%s\n\tHeap_size:%zu,\n"
		"\tFree_size:%zu,\n\tAlloc_size:%zu,\n"
		"\tGreatest_free_size:%zu,\n\tAlloc_count:%u,\n"
		"\tFree_count:%u,\n", heap_idx, heap->name,
		s.heap_totalsz_bytes, s.heap_freesz_bytes,
		s.heap_allocsz_bytes, s.greatest_free_size, s.alloc_count,
		s.free_count);
	if (!blocks)
		return;
	shlock_lock(&heap->lock);
	for (unsigned int i = 0; !heap->poisoned && i < heap->n_arenas; i++) {
		unsigned int t = heap->arenas[i];

		for (char *p = cfg->type[t].va; p < cfg->arena[t].end;) {
			struct malloc_elem *e = (struct malloc_elem *)p;

			fprintf(f, "\t%p: %s, %zu bytes%s", (void *)e,
				e->state == MALLOC_ELEM_FREE ? "free" : "busy",
				e->size, e->dirty ? ", dirty" : "");
			if (e->state == MALLOC_ELEM_BUSY)
				fprintf(f, ", data %p, process slot %u",
					elem_data(e), e->owner);
			fputc('\n', f);
			if (e->size == 0)
				break;
			p += e->size;
		}
	}
	shlock_unlock(&heap->lock);
}

/* ------------------------------------------------------------------ */
/* setup and repair                                                    */

/*
 * Rebuild a heap from its arenas' chains after a holder died (heap lock
 * held). Marks free blocks dirty (their zeroing may have been cut short)
 * and merges free neighbours a merge left apart.
 */
static void
heap_repair(struct shlock *lock)
{
	struct mem_config *cfg = mem_cfg();
	struct malloc_heap *heap = heap_at(lock->index);

	memset(heap->free_head, 0, sizeof(heap->free_head));
	heap->nonempty = 0;
	heap->alloc_count = 0;
	heap->total_size = 0;
	for (unsigned int i = 0; i < heap->n_arenas; i++) {
		unsigned int t = heap->arenas[i];
		struct malloc_arena *arena = &cfg->arena[t];
		struct malloc_elem *prev = NULL;
		char *p = cfg->type[t].va;

		while (p < arena->end) {
			struct malloc_elem *e = (struct malloc_elem *)p;

			if ((e->state != MALLOC_ELEM_FREE &&
			     e->state != MALLOC_ELEM_BUSY) ||
			    e->size < MIN_ELEM || e->size % H != 0 ||
			    e->size > (size_t)(arena->end - p)) {
				EAL_LOG(CRIT, "heap %s: element %p is damaged; "
					"the heap is unusable", heap->name,
					(void *)e);
				heap->poisoned = 1;
				return;
			}
			elem_set_state(e, (enum malloc_elem_state)e->state);
			e->prev = prev;
			p += e->size;
			if (e->state == MALLOC_ELEM_FREE) {
				e->dirty = 1;
				if (prev != NULL && mergeable(prev, e)) {
					prev->size += e->size;
					continue;
				}
			} else {
				heap->alloc_count++;
			}
			prev = e;
		}
		arena->last = prev;
		heap->total_size += (size_t)(arena->end - cfg->type[t].va);
		for (struct malloc_elem *e = (struct malloc_elem *)cfg->type[t].va;
		     (char *)e < arena->end;
		     e = (struct malloc_elem *)((char *)e + e->size))
			if (e->state == MALLOC_ELEM_FREE)
				free_list_insert(heap, e);
		/* memory committed but not yet added by the dead process */
		heap_add_range(heap, t, cfg->type[t].va +
					__atomic_load_n(&cfg->type[t].committed,
							__ATOMIC_ACQUIRE));
	}
}

/* Primary: one heap per socket with its arenas, committed memory added. */
static int
heap_primary_init(struct mem_config *cfg)
{
	cfg->n_heaps = 0;
	for (unsigned int t = 0; t < cfg->n_types; t++) {
		int idx = malloc_heap_of_socket(cfg->type[t].socket_id);
		struct malloc_heap *heap;

		if (idx < 0) {
			if (cfg->n_heaps == RTE_MAX_HEAPS)
				return -ENOSPC;
			idx = (int)cfg->n_heaps++;
			heap = &cfg->heap[idx];
			shlock_init(&heap->lock, SHLOCK_HEAP, (uint32_t)idx);
			heap->socket_id = cfg->type[t].socket_id;
			snprintf(heap->name, sizeof(heap->name), "socket_%d",
				 heap->socket_id);
		}
		heap = &cfg->heap[idx];
		/* types are planned largest page first: insert at the front */
		memmove(&heap->arenas[1], &heap->arenas[0], heap->n_arenas);
		heap->arenas[0] = (uint8_t)t;
		heap->n_arenas++;
		cfg->type[t].heap_idx = (uint32_t)idx;
		cfg->arena[t].end = cfg->type[t].va;
		cfg->arena[t].last = NULL;
	}
	for (unsigned int t = 0; t < cfg->n_types; t++) {
		struct malloc_heap *heap = &cfg->heap[cfg->type[t].heap_idx];

		shlock_lock(&heap->lock);
		heap_add_range(heap, t, cfg->type[t].va + cfg->type[t].committed);
		shlock_unlock(&heap->lock);
	}
	return 0;
}

__attribute__((constructor)) static void
heap_register(void)
{
	static const struct mem_client client = {
		.name = "malloc heap",
		.order = 10,
		.primary_init = heap_primary_init,
	};

	shlock_set_repair(SHLOCK_HEAP, heap_repair);
	mem_register_client(&client);
}
