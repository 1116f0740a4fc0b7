/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * The shared-memory heap: rte_malloc and friends.
 *
 * Blocks come from the heap of a NUMA socket, in shared memory that every
 * process of a --file-prefix maps at the same address: a pointer from
 * rte_malloc() is valid in every process, and any process may free it.
 * The heap grows on demand (up to --socket-limit, never with --legacy-mem)
 * and keeps its memory until the primary process ends.
 *
 * Per block, rtmem spends a 64-byte header (DPDK: 128), plus padding for
 * alignments above 64 and rounding of the size to 64 bytes. Freed memory
 * is zeroed at rte_free(), so rte_zmalloc() usually has nothing to clear.
 *
 * Errors: allocations return NULL and set rte_errno (DPDK leaves it
 * untouched; rtmem sets it): EINVAL for a size of 0, an alignment that is
 * not a power of two or an unknown socket, ENOMEM when no memory is left.
 * Each failure logs one line. rte_free() of a pointer rtmem did not return,
 * or of a block already freed, logs an error and changes nothing.
 *
 * Thread and process safety: every call is safe from any thread of any
 * process. Each heap has one lock, shared between processes and safe
 * against a holder's death: a process that dies inside the heap does not
 * block the others; the heap is repaired, or refused with EFAULT if it
 * cannot be.
 */
#ifndef _RTE_MALLOC_H_
#define _RTE_MALLOC_H_

#include <stddef.h>
#include <stdio.h>

#include <rte_common.h>
#include <rte_memory.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Heap statistics of one socket (DPDK's layout). */
struct rte_malloc_socket_stats {
	size_t heap_totalsz_bytes; /**< Bytes of memory in the heap. */
	size_t heap_freesz_bytes;  /**< Bytes in free blocks, headers included. */
	size_t greatest_free_size; /**< Largest free block, header included. */
	unsigned int free_count;   /**< Number of free blocks. */
	unsigned int alloc_count;  /**< Number of allocated blocks. */
	size_t heap_allocsz_bytes; /**< heap_totalsz_bytes - heap_freesz_bytes. */
};

/**
 * Allocates a block from this lcore's socket, then any other.
 * Same as rte_malloc_socket(type, size, align, SOCKET_ID_ANY).
 */
void *rte_malloc(const char *type, size_t size, unsigned int align)
	__rte_alloc_size(2);

/** rte_malloc(), zeroed. */
void *rte_zmalloc(const char *type, size_t size, unsigned int align)
	__rte_alloc_size(2);

/**
 * rte_zmalloc(type, num * size, align). As in DPDK, num * size is not
 * checked for overflow by the interface; rtmem refuses an overflowing
 * product with EINVAL.
 */
void *rte_calloc(const char *type, size_t num, size_t size, unsigned int align)
	__rte_alloc_size(2, 3);

/**
 * Resizes a block, keeping its contents up to the smaller size.
 * Same as rte_realloc_socket(ptr, size, align, SOCKET_ID_ANY).
 */
void *rte_realloc(void *ptr, size_t size, unsigned int align)
	__rte_alloc_size(2);

/**
 * Resizes a block. It stays in place when it shrinks, or when the free
 * memory after it is enough, its alignment still holds and its socket
 * matches; otherwise a new block is allocated, the contents copied and the
 * old block freed.
 *
 * @param ptr
 *   A block, or NULL (then it allocates).
 * @param size
 *   New size, at least 1.
 * @param align
 *   0 or a power of two.
 * @param socket
 *   NUMA socket for a moved block, or SOCKET_ID_ANY.
 * @return
 *   The block, or NULL with rte_errno (EINVAL, ENOMEM); the old block is
 *   then unchanged.
 */
void *rte_realloc_socket(void *ptr, size_t size, unsigned int align,
			 int socket)
	__rte_alloc_size(2);

/**
 * Allocates a block of shared memory.
 *
 * @param type
 *   Ignored (DPDK ignores it too); may be NULL.
 * @param size
 *   Bytes, at least 1.
 * @param align
 *   0 (cache-line alignment) or a power of two.
 * @param socket
 *   NUMA socket, or SOCKET_ID_ANY for this lcore's socket, then any.
 * @return
 *   The block, or NULL with rte_errno: EINVAL (size 0, bad alignment,
 *   unknown socket), ENOMEM (no memory), EFAULT (the heap was found
 *   corrupt after a crash), E_RTE_NO_CONFIG (the EAL could not be
 *   initialised).
 */
void *rte_malloc_socket(const char *type, size_t size, unsigned int align,
			int socket)
	__rte_alloc_size(2);

/** rte_malloc_socket(), zeroed. */
void *rte_zmalloc_socket(const char *type, size_t size, unsigned int align,
			 int socket)
	__rte_alloc_size(2);

/** rte_zmalloc_socket(type, num * size, align, socket); see rte_calloc(). */
void *rte_calloc_socket(const char *type, size_t num, size_t size,
			unsigned int align, int socket)
	__rte_alloc_size(2, 3);

/**
 * Frees a block. Its memory is zeroed and merged with free neighbours.
 *
 * @param ptr
 *   A block from any rte_malloc-family call, in any process, or NULL
 *   (nothing happens). A pointer rtmem never returned, or one already
 *   freed, is reported in the log and otherwise ignored.
 */
void rte_free(void *ptr);

/**
 * Checks that ptr is a live block and gives its usable size.
 *
 * @param ptr
 *   The block.
 * @param size
 *   If not NULL, receives the usable size (at least the size asked for).
 * @return
 *   0 if ptr is a live block of rtmem's heap, -1 otherwise (NULL, foreign
 *   pointer, freed block, damaged header).
 */
int rte_malloc_validate(const void *ptr, size_t *size);

/**
 * Statistics of a socket's heap.
 *
 * @param socket
 *   The socket.
 * @param socket_stats
 *   Receives the statistics.
 * @return
 *   0, or -1 when the socket has no heap (or socket_stats is NULL).
 */
int rte_malloc_get_socket_stats(int socket,
				struct rte_malloc_socket_stats *socket_stats);

/**
 * Socket id of a heap by name ("socket_<id>" for rtmem's heaps).
 *
 * @param name
 *   The heap name.
 * @return
 *   The socket id, or -1 with rte_errno: EINVAL (NULL or bad name),
 *   ENOENT (no such heap).
 */
int rte_malloc_heap_get_socket(const char *name);

/**
 * Whether a socket id names an external heap. rtmem has no external
 * heaps.
 *
 * @param socket_id
 *   A socket id.
 * @return
 *   0 for a socket with a heap and for SOCKET_ID_ANY, -1 with rte_errno
 *   ENOENT for any other id.
 */
int rte_malloc_heap_socket_is_external(int socket_id);

/**
 * Prints the statistics of every heap.
 *
 * @param f
 *   Output stream.
 * @param type
 *   Ignored.
 */
void rte_malloc_dump_stats(FILE *f, const char *type);

/**
 * Prints every heap: statistics, then each block (address, size, state,
 * owning process slot).
 *
 * @param f
 *   Output stream.
 */
void rte_malloc_dump_heaps(FILE *f);

/**
 * IO address of an address inside a block.
 *
 * @param addr
 *   Any address of shared memory.
 * @return
 *   Its IOVA, or RTE_BAD_IOVA when unknown.
 */
rte_iova_t rte_malloc_virt2iova(const void *addr);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_MALLOC_H_ */
