/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mempool_ops_default.c: the default calc_mem_size and populate of the
 * drivers (rte_mempool_op_*). Objects are laid out back to back and never
 * cross a page boundary when pages matter (pg_shift != 0), so that each
 * object is IOVA-contiguous; each laid-out object is handed to the
 * library's callback and enqueued to the driver.
 *
 * Locks: none (the caller, a populate call, owns the pool).
 */
#include <errno.h>

#include <rte_mempool.h>

#include "internal/rtmem_export.h"

/* Bytes from addr to the next page boundary (pages of 1 << pg_shift). */
static size_t
to_page_end(uintptr_t addr, uint32_t pg_shift)
{
	uintptr_t pg = (uintptr_t)1 << pg_shift;

	return pg - (addr & (pg - 1));
}

RTMEM_EXPORT ssize_t
rte_mempool_op_calc_mem_size_helper(const struct rte_mempool *mp,
		uint32_t obj_num, uint32_t pg_shift, size_t chunk_reserve,
		size_t *min_chunk_size, size_t *align)
{
	size_t total = (size_t)mp->header_size + mp->elt_size +
		       mp->trailer_size;
	size_t mem;

	if (total == 0)
		return -EINVAL;
	if (pg_shift == 0) {
		mem = total * obj_num;
	} else {
		size_t pg = (size_t)1 << pg_shift;

		if (total <= pg) {
			size_t per_page = pg / total;
			size_t full = obj_num / per_page;
			size_t rest = obj_num % per_page;

			mem = (full << pg_shift) + rest * total;
		} else {
			/* Each object in its own run of pages. */
			size_t pages = (total + pg - 1) >> pg_shift;

			mem = ((size_t)obj_num * pages) << pg_shift;
		}
		/* Room to align the start (the chunk may begin mid-page). */
		mem += total - 1;
	}
	mem += chunk_reserve;
	*min_chunk_size = total + chunk_reserve;
	*align = RTE_MEMPOOL_ALIGN;
	return (ssize_t)mem;
}

RTMEM_EXPORT ssize_t
rte_mempool_op_calc_mem_size_default(const struct rte_mempool *mp,
		uint32_t obj_num, uint32_t pg_shift,
		size_t *min_chunk_size, size_t *align)
{
	return rte_mempool_op_calc_mem_size_helper(mp, obj_num, pg_shift, 0,
						   min_chunk_size, align);
}

RTMEM_EXPORT int
rte_mempool_op_populate_helper(struct rte_mempool *mp, unsigned int flags,
		unsigned int max_objs, void *vaddr, rte_iova_t iova,
		size_t len, rte_mempool_populate_obj_cb_t *obj_cb,
		void *obj_cb_arg)
{
	size_t total = (size_t)mp->header_size + mp->elt_size +
		       mp->trailer_size;
	size_t pg_sz = 0, off = 0;
	unsigned int i;
	int ret;

	ret = rte_mempool_get_page_size(mp, &pg_sz);
	if (ret < 0)
		return ret;
	for (i = 0; i < max_objs; i++) {
		char *va = (char *)vaddr + off;
		void *elt;

		if (flags & RTE_MEMPOOL_POPULATE_F_ALIGN_OBJ) {
			/* Headers at multiples of total from vaddr. */
			size_t skew = off % total;

			if (skew != 0) {
				off += total - skew;
				va = (char *)vaddr + off;
			}
		}
		if (pg_sz != 0 && total <= pg_sz &&
		    to_page_end((uintptr_t)va, (uint32_t)__builtin_ctzll(pg_sz)) <
			    total) {
			/* Skip to the next page rather than cross it. */
			off += to_page_end((uintptr_t)va,
					   (uint32_t)__builtin_ctzll(pg_sz));
			va = (char *)vaddr + off;
		}
		if (off + total > len)
			break;
		elt = va + mp->header_size;
		obj_cb(mp, obj_cb_arg, elt,
		       iova == RTE_BAD_IOVA ? RTE_BAD_IOVA :
					      iova + off + mp->header_size);
		ret = rte_mempool_ops_enqueue_bulk(mp, &elt, 1);
		if (ret < 0)
			return ret;
		off += total;
	}
	return (int)i;
}

RTMEM_EXPORT int
rte_mempool_op_populate_default(struct rte_mempool *mp,
		unsigned int max_objs, void *vaddr, rte_iova_t iova,
		size_t len, rte_mempool_populate_obj_cb_t *obj_cb,
		void *obj_cb_arg)
{
	return rte_mempool_op_populate_helper(mp, 0, max_objs, vaddr, iova,
					      len, obj_cb, obj_cb_arg);
}
