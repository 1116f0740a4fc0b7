/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fbarray_private.h: rte_fbarray over storage the caller provides (mem
 * layer, private).
 *
 * rtmem keeps its memseg lists inside the shared config region, so their
 * arrays need no file and no mapping of their own: the primary lays out
 * fbarray_storage_size() bytes of zeroed config memory per list and calls
 * fbarray_init_at() on it. Every query and set call of rte_fbarray.h then
 * works on the array, in every process that maps the config.
 * rte_fbarray_detach() and rte_fbarray_destroy() refuse such an array
 * (rte_errno ENOENT: this process made no mapping for it); the storage
 * lives and dies with its owner.
 */
#ifndef MEM_FBARRAY_PRIVATE_H
#define MEM_FBARRAY_PRIVATE_H

#include <stddef.h>

#include <rte_fbarray.h>

/*
 * Bytes of storage an array of len elements of elt_sz bytes needs: the
 * elements rounded up to 8, then the used bitmap (one uint64_t per 64
 * elements). No preconditions; the result fits size_t for any arguments
 * on a 64-bit platform.
 */
size_t fbarray_storage_size(unsigned int len, unsigned int elt_sz);

/*
 * Initialises arr over caller-provided storage `mem`: at least
 * fbarray_storage_size(len, elt_sz) bytes, 8-byte aligned and zeroed (this
 * call does not write to it). No file and no lock descriptor are made.
 * Nobody may use arr during the call.
 * Returns 0, or -EINVAL (NULL arr or mem, mem not 8-byte aligned, or name,
 * len, elt_sz outside rte_fbarray_init()'s limits; logged). rte_errno is
 * not touched.
 */
int fbarray_init_at(struct rte_fbarray *arr, const char *name,
		    unsigned int len, unsigned int elt_sz, void *mem);

#endif /* MEM_FBARRAY_PRIVATE_H */
