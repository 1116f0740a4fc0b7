/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * File-backed arrays: fixed-size arrays of equal elements, each element
 * marked used or free, that several processes can share.
 *
 * An array holds `len` elements of `elt_sz` bytes, followed by a bitmap of
 * which are used. rte_fbarray_init() creates the storage: a file named
 * "fbarray_<name>" in the runtime directory (rte_eal_get_runtime_dir()),
 * mapped shared, or anonymous memory when the process has no runtime
 * directory (--in-memory, --no-shconf). When the struct rte_fbarray itself
 * lives in shared memory, another process calls rte_fbarray_attach() on it
 * to map the same file at the same address.
 *
 * rtmem's memseg lists are rte_fbarrays whose storage lies inside the
 * shared config region; the query functions below work on them too.
 *
 * Thread safety: the queries take the array's rwlock for reading and
 * set_used/set_free for writing (it also works between processes);
 * rte_fbarray_get() and rte_fbarray_find_idx() need no lock. As in DPDK,
 * rte_fbarray_init() and rte_fbarray_destroy() must not run while any
 * other thread or process uses the array; attach and detach affect only
 * the calling process.
 * Errors: int calls return -1 with rte_errno set (the codes are listed per
 * call); rte_fbarray_get returns NULL with rte_errno set.
 */
#ifndef RTE_FBARRAY_H
#define RTE_FBARRAY_H

#include <stdio.h>

#include <rte_rwlock.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Longest array name, including the NUL. */
#define RTE_FBARRAY_NAME_LEN 64

/** A file-backed array (DPDK's layout). */
struct rte_fbarray {
	char name[RTE_FBARRAY_NAME_LEN]; /**< Name, also names its file. */
	unsigned int count;              /**< Number of used elements. */
	unsigned int len;                /**< Number of elements. */
	unsigned int elt_sz;             /**< Size of one element in bytes. */
	void *data;                      /**< Elements, then the used bitmap. */
	rte_rwlock_t rwlock;             /**< Guards count and the bitmap. */
};

/**
 * Creates an array and its storage.
 *
 * @param arr
 *   Where to keep the descriptor (put it in shared memory to share it).
 * @param name
 *   Name, 1 to RTE_FBARRAY_NAME_LEN - 1 characters, unique in the
 *   runtime directory.
 * @param len
 *   Number of elements, at least 1 and at most INT_MAX.
 * @param elt_sz
 *   Size of one element, at least 1.
 * @return
 *   0, or -1 with rte_errno: EINVAL (NULL, empty name, bad length or
 *   size), ENAMETOOLONG, EEXIST (an array with this name is mapped by a
 *   process, this one included), ENOMEM, or the errno of a failed file
 *   operation on the backing file (EACCES, ENOSPC, ...).
 */
int rte_fbarray_init(struct rte_fbarray *arr, const char *name,
		     unsigned int len, unsigned int elt_sz);

/**
 * Maps, in this process, an array another process created; the
 * descriptor must be in memory both processes share. The storage is
 * mapped at arr->data, the address it has in the creator.
 *
 * A forked child inherits its parent's mapping and shares its parent's
 * hold on the file: to hold the array in its own right (so that the
 * parent's rte_fbarray_destroy() sees it), it calls rte_fbarray_detach()
 * and then rte_fbarray_attach().
 *
 * @param arr
 *   The shared descriptor.
 * @return
 *   0, or -1 with rte_errno: EINVAL (NULL or not a valid descriptor),
 *   ENAMETOOLONG, EEXIST (this process has it mapped already), ENOENT
 *   (its file is gone, or this process has no runtime directory), EBUSY
 *   (it is being created or destroyed), EADDRNOTAVAIL (its address is
 *   taken in this process), ENOMEM.
 */
int rte_fbarray_attach(struct rte_fbarray *arr);

/**
 * Unmaps the array and deletes its storage, then zeroes the whole
 * descriptor, so that later calls on it fail with EINVAL. No process may
 * use it afterwards.
 *
 * @param arr
 *   The array, mapped by this process (by rte_fbarray_init() or
 *   rte_fbarray_attach()).
 * @return
 *   0, or -1 with rte_errno: EINVAL (NULL), ENOENT (this process has no
 *   mapping of it), EBUSY (another process has it mapped), or the errno
 *   of a failed unlink of its file (nothing changes then).
 */
int rte_fbarray_destroy(struct rte_fbarray *arr);

/**
 * Unmaps the array in this process only; its storage and the descriptor
 * stay.
 *
 * @param arr
 *   The array.
 * @return
 *   0, or -1 with rte_errno: EINVAL (NULL), ENOENT (this process has no
 *   mapping of it).
 */
int rte_fbarray_detach(struct rte_fbarray *arr);

/**
 * Address of element idx, used or not.
 *
 * @param arr
 *   The array.
 * @param idx
 *   Index below arr->len.
 * @return
 *   The element, or NULL with rte_errno EINVAL.
 */
void *rte_fbarray_get(const struct rte_fbarray *arr, unsigned int idx);

/**
 * Index of an element from its address.
 *
 * @param arr
 *   The array.
 * @param elt
 *   Address of an element, or of any byte inside one.
 * @return
 *   The index of the element that holds elt, or -1 with rte_errno EINVAL
 *   (NULL, or elt outside the elements).
 */
int rte_fbarray_find_idx(const struct rte_fbarray *arr, const void *elt);

/**
 * Marks element idx used (no effect if it already is).
 *
 * @param arr
 *   The array.
 * @param idx
 *   Index below arr->len.
 * @return
 *   0, or -1 with rte_errno EINVAL.
 */
int rte_fbarray_set_used(struct rte_fbarray *arr, unsigned int idx);

/**
 * Marks element idx free (no effect if it already is).
 *
 * @param arr
 *   The array.
 * @param idx
 *   Index below arr->len.
 * @return
 *   0, or -1 with rte_errno EINVAL.
 */
int rte_fbarray_set_free(struct rte_fbarray *arr, unsigned int idx);

/**
 * Whether element idx is used.
 *
 * @param arr
 *   The array.
 * @param idx
 *   Index below arr->len.
 * @return
 *   1 if used, 0 if free, -1 with rte_errno EINVAL.
 */
int rte_fbarray_is_used(struct rte_fbarray *arr, unsigned int idx);

/**
 * @name Searches
 * Each takes the array (NULL is EINVAL) and start, an index below len;
 * the _n_ calls also take n, 1 to len. A "run" is a sequence of
 * consecutive elements that are all free (the _free calls) or all used
 * (the _used calls); only elements inside [0, len) count.
 *
 * - find_next[_n]: lowest i >= start that begins a run of n (1 without
 *   _n) elements, [i, i + n).
 * - find_prev[_n]: lowest index of the highest run of n elements that
 *   ends at or below start, [i, i + n) with i + n - 1 <= start.
 * - find_contig: length of the run that begins at start (0 if start does
 *   not match); find_rev_contig: length of the run that ends at start,
 *   counted downwards.
 * - find_biggest: lowest index of the longest run inside [start, len)
 *   (the lowest such run on ties); find_rev_biggest: lowest index of the
 *   longest run inside [0, start] (the highest such run on ties). A run
 *   through start counts only its part inside the range.
 *
 * @return
 *   The index (or, for the contig calls, the length); else -1 with
 *   rte_errno: EINVAL (bad argument), ENOSPC (a _free call of the next or
 *   prev kind on an array with fewer than n free elements, as DPDK),
 *   ENOENT (no such run).
 * @{
 */
int rte_fbarray_find_next_free(struct rte_fbarray *arr, unsigned int start);
int rte_fbarray_find_next_used(struct rte_fbarray *arr, unsigned int start);
int rte_fbarray_find_next_n_free(struct rte_fbarray *arr, unsigned int start,
				 unsigned int n);
int rte_fbarray_find_next_n_used(struct rte_fbarray *arr, unsigned int start,
				 unsigned int n);
int rte_fbarray_find_contig_free(struct rte_fbarray *arr, unsigned int start);
int rte_fbarray_find_contig_used(struct rte_fbarray *arr, unsigned int start);
int rte_fbarray_find_prev_free(struct rte_fbarray *arr, unsigned int start);
int rte_fbarray_find_prev_used(struct rte_fbarray *arr, unsigned int start);
int rte_fbarray_find_prev_n_free(struct rte_fbarray *arr, unsigned int start,
				 unsigned int n);
int rte_fbarray_find_prev_n_used(struct rte_fbarray *arr, unsigned int start,
				 unsigned int n);
int rte_fbarray_find_rev_contig_free(struct rte_fbarray *arr,
				     unsigned int start);
int rte_fbarray_find_rev_contig_used(struct rte_fbarray *arr,
				     unsigned int start);
int rte_fbarray_find_biggest_free(struct rte_fbarray *arr, unsigned int start);
int rte_fbarray_find_biggest_used(struct rte_fbarray *arr, unsigned int start);
int rte_fbarray_find_rev_biggest_free(struct rte_fbarray *arr,
				      unsigned int start);
int rte_fbarray_find_rev_biggest_used(struct rte_fbarray *arr,
				      unsigned int start);
/** @} */

/**
 * Prints the array's name, sizes and used bitmap, or one line saying
 * the descriptor is invalid.
 *
 * @param arr
 *   The array.
 * @param f
 *   Output stream.
 * NULL arr or f: nothing is printed and rte_errno is set to EINVAL.
 */
void rte_fbarray_dump_metadata(struct rte_fbarray *arr, FILE *f);

#ifdef __cplusplus
}
#endif

#endif /* RTE_FBARRAY_H */
