/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * rte_ring: a bounded FIFO queue of pointers (or, with rte_ring_elem.h,
 * of fixed-size objects) that several threads and processes use without
 * locks.
 *
 * A ring made by rte_ring_create() lives in a memzone and is listed by
 * name, so every process of the instance can find it with
 * rte_ring_lookup() and exchange objects through it. Each side
 * (producer, consumer) has a mode chosen by the creation flags and used
 * by the plain calls: MT (several threads, compare-and-swap on the
 * head, tails published in claim order; the default), ST (one thread;
 * RING_F_SP_ENQ / RING_F_SC_DEQ), RTS and HTS (rte_ring_rts.h,
 * rte_ring_hts.h). The mp/mc and sp/sc calls force MT or ST whatever
 * the flags. The peek API (rte_ring_peek.h) and the zero-copy API
 * (rte_ring_peek_zc.h) work on ST and HTS sides.
 *
 * Enqueue and dequeue are inline and check nothing in release builds;
 * the management calls check their arguments, set rte_errno and log.
 * A thread that is preempted between claiming and publishing slots
 * (MT mode) delays the other threads of its side until it runs again;
 * a process that dies there leaves that side stuck, as in DPDK.
 */
#ifndef _RTE_RING_H_
#define _RTE_RING_H_

#include <sys/types.h>

#include <rte_ring_core.h>
#include <rte_ring_elem.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Returns the memory a ring of count pointers needs, for rte_ring_init().
 *
 * @param count
 *   Number of slots: a power of two, at most RTE_RING_SZ_MASK.
 * @return
 *   The size in bytes, or -EINVAL when count is not a power of two or is
 *   too large (logged).
 */
ssize_t rte_ring_get_memsize(unsigned int count);

/**
 * Initialises a ring of pointers in memory the caller provides (at least
 * rte_ring_get_memsize(count) bytes, cache-line aligned; for objects of
 * another size rte_ring_get_memsize_elem(), and the ring holds them just
 * as well). The ring is not added to the list of rings: rte_ring_lookup()
 * does not find it and rte_ring_free() refuses it.
 *
 * @param r
 *   The memory.
 * @param name
 *   Name of the ring (shorter than RTE_RING_NAMESIZE).
 * @param count
 *   Number of slots, as for rte_ring_create_elem().
 * @param flags
 *   As for rte_ring_create_elem().
 * @return
 *   0, or a negative errno (logged):
 *   - -EINVAL: r or name NULL, an unknown flag, two modes for one side,
 *     or a bad count;
 *   - -ENAMETOOLONG: name too long.
 */
int rte_ring_init(struct rte_ring *r, const char *name, unsigned int count,
		  unsigned int flags);

/**
 * Creates a ring of pointers: rte_ring_create_elem() with
 * esize = sizeof(void *).
 *
 * @param name
 *   Name of the ring (shorter than RTE_RING_NAMESIZE).
 * @param count
 *   Number of slots, as for rte_ring_create_elem().
 * @param socket_id
 *   NUMA socket of the memory, or SOCKET_ID_ANY.
 * @param flags
 *   As for rte_ring_create_elem().
 * @return
 *   The ring, or NULL with rte_errno set as by rte_ring_create_elem().
 */
struct rte_ring *rte_ring_create(const char *name, unsigned int count,
				 int socket_id, unsigned int flags);

/**
 * Removes a ring made by rte_ring_create() from the list of rings and
 * frees its memzone. The ring must not be in use by any thread of any
 * process.
 *
 * @param r
 *   The ring. NULL does nothing; a ring made by rte_ring_init() or not
 *   in the list is left alone and logged.
 */
void rte_ring_free(struct rte_ring *r);

/**
 * Prints a ring's fields and counters.
 *
 * @param f
 *   The stream.
 * @param r
 *   The ring (NULL prints a line saying so).
 */
void rte_ring_dump(FILE *f, const struct rte_ring *r);

/**
 * Prints one side (head and tail) of a ring, each line prefixed.
 *
 * @param f
 *   The stream.
 * @param prefix
 *   Text printed before each line (NULL: none).
 * @param r
 *   The side: &ring->prod or &ring->cons.
 */
void rte_ring_headtail_dump(FILE *f, const char *prefix,
			    const struct rte_ring_headtail *r);

/**
 * Empties a ring: both heads and tails go back to 0. Not thread-safe:
 * nobody may use the ring meanwhile.
 *
 * @param r
 *   The ring.
 */
void rte_ring_reset(struct rte_ring *r);

/**
 * Prints every ring of the list (rte_ring_dump() of each).
 *
 * @param f
 *   The stream.
 */
void rte_ring_list_dump(FILE *f);

/**
 * Finds a ring made by rte_ring_create() in any process of the instance.
 *
 * @param name
 *   Name of the ring.
 * @return
 *   The ring, or NULL with rte_errno ENOENT (no such ring) or EINVAL
 *   (name NULL).
 */
struct rte_ring *rte_ring_lookup(const char *name);

/**
 * rte_ring_mp_enqueue_bulk_elem() for pointers: exactly n objects or none.
 *
 * @param r
 *   The ring (made for pointers).
 * @param obj_table
 *   The pointers.
 * @param n
 *   Number of pointers.
 * @param free_space
 *   If not NULL, set to the number of free slots left after the call.
 * @return
 *   Number of pointers moved: n or 0.
 */
static __rte_always_inline unsigned int
rte_ring_mp_enqueue_bulk(struct rte_ring *r, void * const *obj_table,
		unsigned int n, unsigned int *free_space)
{
	return rte_ring_mp_enqueue_bulk_elem(r, obj_table, sizeof(void *), n,
			free_space);
}

/**
 * rte_ring_sp_enqueue_bulk_elem() for pointers: exactly n objects or none.
 *
 * @param r
 *   The ring (made for pointers).
 * @param obj_table
 *   The pointers.
 * @param n
 *   Number of pointers.
 * @param free_space
 *   If not NULL, set to the number of free slots left after the call.
 * @return
 *   Number of pointers moved: n or 0.
 */
static __rte_always_inline unsigned int
rte_ring_sp_enqueue_bulk(struct rte_ring *r, void * const *obj_table,
		unsigned int n, unsigned int *free_space)
{
	return rte_ring_sp_enqueue_bulk_elem(r, obj_table, sizeof(void *), n,
			free_space);
}

/**
 * rte_ring_enqueue_bulk_elem() for pointers: exactly n objects or none.
 *
 * @param r
 *   The ring (made for pointers).
 * @param obj_table
 *   The pointers.
 * @param n
 *   Number of pointers.
 * @param free_space
 *   If not NULL, set to the number of free slots left after the call.
 * @return
 *   Number of pointers moved: n or 0.
 */
static __rte_always_inline unsigned int
rte_ring_enqueue_bulk(struct rte_ring *r, void * const *obj_table,
		unsigned int n, unsigned int *free_space)
{
	return rte_ring_enqueue_bulk_elem(r, obj_table, sizeof(void *), n,
			free_space);
}

/**
 * rte_ring_mp_enqueue_burst_elem() for pointers: up to n objects.
 *
 * @param r
 *   The ring (made for pointers).
 * @param obj_table
 *   The pointers.
 * @param n
 *   Number of pointers.
 * @param free_space
 *   If not NULL, set to the number of free slots left after the call.
 * @return
 *   Number of pointers moved: 0 to n.
 */
static __rte_always_inline unsigned int
rte_ring_mp_enqueue_burst(struct rte_ring *r, void * const *obj_table,
		unsigned int n, unsigned int *free_space)
{
	return rte_ring_mp_enqueue_burst_elem(r, obj_table, sizeof(void *), n,
			free_space);
}

/**
 * rte_ring_sp_enqueue_burst_elem() for pointers: up to n objects.
 *
 * @param r
 *   The ring (made for pointers).
 * @param obj_table
 *   The pointers.
 * @param n
 *   Number of pointers.
 * @param free_space
 *   If not NULL, set to the number of free slots left after the call.
 * @return
 *   Number of pointers moved: 0 to n.
 */
static __rte_always_inline unsigned int
rte_ring_sp_enqueue_burst(struct rte_ring *r, void * const *obj_table,
		unsigned int n, unsigned int *free_space)
{
	return rte_ring_sp_enqueue_burst_elem(r, obj_table, sizeof(void *), n,
			free_space);
}

/**
 * rte_ring_enqueue_burst_elem() for pointers: up to n objects.
 *
 * @param r
 *   The ring (made for pointers).
 * @param obj_table
 *   The pointers.
 * @param n
 *   Number of pointers.
 * @param free_space
 *   If not NULL, set to the number of free slots left after the call.
 * @return
 *   Number of pointers moved: 0 to n.
 */
static __rte_always_inline unsigned int
rte_ring_enqueue_burst(struct rte_ring *r, void * const *obj_table,
		unsigned int n, unsigned int *free_space)
{
	return rte_ring_enqueue_burst_elem(r, obj_table, sizeof(void *), n,
			free_space);
}

/**
 * rte_ring_mp_enqueue_elem() for a pointer.
 *
 * @param r
 *   The ring (made for pointers).
 * @param obj
 *   The pointer.
 * @return
 *   0, or -ENOBUFS when the ring is full.
 */
static __rte_always_inline int
rte_ring_mp_enqueue(struct rte_ring *r, void *obj)
{
	return rte_ring_mp_enqueue_elem(r, &obj, sizeof(void *));
}

/**
 * rte_ring_sp_enqueue_elem() for a pointer.
 *
 * @param r
 *   The ring (made for pointers).
 * @param obj
 *   The pointer.
 * @return
 *   0, or -ENOBUFS when the ring is full.
 */
static __rte_always_inline int
rte_ring_sp_enqueue(struct rte_ring *r, void *obj)
{
	return rte_ring_sp_enqueue_elem(r, &obj, sizeof(void *));
}

/**
 * rte_ring_enqueue_elem() for a pointer.
 *
 * @param r
 *   The ring (made for pointers).
 * @param obj
 *   The pointer.
 * @return
 *   0, or -ENOBUFS when the ring is full.
 */
static __rte_always_inline int
rte_ring_enqueue(struct rte_ring *r, void *obj)
{
	return rte_ring_enqueue_elem(r, &obj, sizeof(void *));
}

/**
 * rte_ring_mc_dequeue_bulk_elem() for pointers: exactly n objects or none.
 *
 * @param r
 *   The ring (made for pointers).
 * @param obj_table
 *   The pointers.
 * @param n
 *   Number of pointers.
 * @param available
 *   If not NULL, set to the number of objects left after the call.
 * @return
 *   Number of pointers moved: n or 0.
 */
static __rte_always_inline unsigned int
rte_ring_mc_dequeue_bulk(struct rte_ring *r, void **obj_table,
		unsigned int n, unsigned int *available)
{
	return rte_ring_mc_dequeue_bulk_elem(r, obj_table, sizeof(void *), n,
			available);
}

/**
 * rte_ring_sc_dequeue_bulk_elem() for pointers: exactly n objects or none.
 *
 * @param r
 *   The ring (made for pointers).
 * @param obj_table
 *   The pointers.
 * @param n
 *   Number of pointers.
 * @param available
 *   If not NULL, set to the number of objects left after the call.
 * @return
 *   Number of pointers moved: n or 0.
 */
static __rte_always_inline unsigned int
rte_ring_sc_dequeue_bulk(struct rte_ring *r, void **obj_table,
		unsigned int n, unsigned int *available)
{
	return rte_ring_sc_dequeue_bulk_elem(r, obj_table, sizeof(void *), n,
			available);
}

/**
 * rte_ring_dequeue_bulk_elem() for pointers: exactly n objects or none.
 *
 * @param r
 *   The ring (made for pointers).
 * @param obj_table
 *   The pointers.
 * @param n
 *   Number of pointers.
 * @param available
 *   If not NULL, set to the number of objects left after the call.
 * @return
 *   Number of pointers moved: n or 0.
 */
static __rte_always_inline unsigned int
rte_ring_dequeue_bulk(struct rte_ring *r, void **obj_table,
		unsigned int n, unsigned int *available)
{
	return rte_ring_dequeue_bulk_elem(r, obj_table, sizeof(void *), n,
			available);
}

/**
 * rte_ring_mc_dequeue_burst_elem() for pointers: up to n objects.
 *
 * @param r
 *   The ring (made for pointers).
 * @param obj_table
 *   The pointers.
 * @param n
 *   Number of pointers.
 * @param available
 *   If not NULL, set to the number of objects left after the call.
 * @return
 *   Number of pointers moved: 0 to n.
 */
static __rte_always_inline unsigned int
rte_ring_mc_dequeue_burst(struct rte_ring *r, void **obj_table,
		unsigned int n, unsigned int *available)
{
	return rte_ring_mc_dequeue_burst_elem(r, obj_table, sizeof(void *), n,
			available);
}

/**
 * rte_ring_sc_dequeue_burst_elem() for pointers: up to n objects.
 *
 * @param r
 *   The ring (made for pointers).
 * @param obj_table
 *   The pointers.
 * @param n
 *   Number of pointers.
 * @param available
 *   If not NULL, set to the number of objects left after the call.
 * @return
 *   Number of pointers moved: 0 to n.
 */
static __rte_always_inline unsigned int
rte_ring_sc_dequeue_burst(struct rte_ring *r, void **obj_table,
		unsigned int n, unsigned int *available)
{
	return rte_ring_sc_dequeue_burst_elem(r, obj_table, sizeof(void *), n,
			available);
}

/**
 * rte_ring_dequeue_burst_elem() for pointers: up to n objects.
 *
 * @param r
 *   The ring (made for pointers).
 * @param obj_table
 *   The pointers.
 * @param n
 *   Number of pointers.
 * @param available
 *   If not NULL, set to the number of objects left after the call.
 * @return
 *   Number of pointers moved: 0 to n.
 */
static __rte_always_inline unsigned int
rte_ring_dequeue_burst(struct rte_ring *r, void **obj_table,
		unsigned int n, unsigned int *available)
{
	return rte_ring_dequeue_burst_elem(r, obj_table, sizeof(void *), n,
			available);
}

/**
 * rte_ring_mc_dequeue_elem() for a pointer.
 *
 * @param r
 *   The ring (made for pointers).
 * @param obj_p
 *   Where to put the pointer.
 * @return
 *   0, or -ENOENT when the ring is empty.
 */
static __rte_always_inline int
rte_ring_mc_dequeue(struct rte_ring *r, void **obj_p)
{
	return rte_ring_mc_dequeue_elem(r, obj_p, sizeof(void *));
}

/**
 * rte_ring_sc_dequeue_elem() for a pointer.
 *
 * @param r
 *   The ring (made for pointers).
 * @param obj_p
 *   Where to put the pointer.
 * @return
 *   0, or -ENOENT when the ring is empty.
 */
static __rte_always_inline int
rte_ring_sc_dequeue(struct rte_ring *r, void **obj_p)
{
	return rte_ring_sc_dequeue_elem(r, obj_p, sizeof(void *));
}

/**
 * rte_ring_dequeue_elem() for a pointer.
 *
 * @param r
 *   The ring (made for pointers).
 * @param obj_p
 *   Where to put the pointer.
 * @return
 *   0, or -ENOENT when the ring is empty.
 */
static __rte_always_inline int
rte_ring_dequeue(struct rte_ring *r, void **obj_p)
{
	return rte_ring_dequeue_elem(r, obj_p, sizeof(void *));
}

/**
 * Returns the number of objects in a ring. Under concurrent use the
 * value may be stale by the time it is read.
 *
 * @param r
 *   The ring.
 * @return
 *   The number of objects, at most the capacity.
 */
static inline unsigned int
rte_ring_count(const struct rte_ring *r)
{
	uint32_t prod_tail = __rte_ring_side_tail(&r->prod, __ATOMIC_RELAXED);
	uint32_t cons_tail = __rte_ring_side_tail(&r->cons, __ATOMIC_RELAXED);
	uint32_t count = (prod_tail - cons_tail) & r->mask;

	return count > r->capacity ? r->capacity : count;
}

/**
 * Returns the number of free slots in a ring.
 *
 * @param r
 *   The ring.
 * @return
 *   capacity - rte_ring_count().
 */
static inline unsigned int
rte_ring_free_count(const struct rte_ring *r)
{
	return r->capacity - rte_ring_count(r);
}

/**
 * Tells whether a ring is full.
 *
 * @param r
 *   The ring.
 * @return
 *   1 if it is full, else 0.
 */
static inline int
rte_ring_full(const struct rte_ring *r)
{
	return rte_ring_free_count(r) == 0;
}

/**
 * Tells whether a ring is empty.
 *
 * @param r
 *   The ring.
 * @return
 *   1 if it is empty, else 0.
 */
static inline int
rte_ring_empty(const struct rte_ring *r)
{
	return __rte_ring_side_tail(&r->prod, __ATOMIC_RELAXED) ==
	       __rte_ring_side_tail(&r->cons, __ATOMIC_RELAXED);
}

/**
 * Returns the number of slots of a ring (a power of two).
 *
 * @param r
 *   The ring.
 * @return
 *   The size given at creation, or the power of two above it with
 *   RING_F_EXACT_SZ.
 */
static inline unsigned int
rte_ring_get_size(const struct rte_ring *r)
{
	return r->size;
}

/**
 * Returns the most objects a ring holds.
 *
 * @param r
 *   The ring.
 * @return
 *   size - 1, or the count given at creation with RING_F_EXACT_SZ.
 */
static inline unsigned int
rte_ring_get_capacity(const struct rte_ring *r)
{
	return r->capacity;
}

/**
 * Returns the mode of a ring's producer side.
 *
 * @param r
 *   The ring.
 * @return
 *   RTE_RING_SYNC_MT, _ST, _MT_RTS or _MT_HTS.
 */
static inline enum rte_ring_sync_type
rte_ring_get_prod_sync_type(const struct rte_ring *r)
{
	return r->prod.sync_type;
}

/**
 * Tells whether a ring's producer side is single-thread.
 *
 * @param r
 *   The ring.
 * @return
 *   1 for the ST mode, else 0.
 */
static inline int
rte_ring_is_prod_single(const struct rte_ring *r)
{
	return rte_ring_get_prod_sync_type(r) == RTE_RING_SYNC_ST;
}

/**
 * Returns the mode of a ring's consumer side.
 *
 * @param r
 *   The ring.
 * @return
 *   RTE_RING_SYNC_MT, _ST, _MT_RTS or _MT_HTS.
 */
static inline enum rte_ring_sync_type
rte_ring_get_cons_sync_type(const struct rte_ring *r)
{
	return r->cons.sync_type;
}

/**
 * Tells whether a ring's consumer side is single-thread.
 *
 * @param r
 *   The ring.
 * @return
 *   1 for the ST mode, else 0.
 */
static inline int
rte_ring_is_cons_single(const struct rte_ring *r)
{
	return rte_ring_get_cons_sync_type(r) == RTE_RING_SYNC_ST;
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_RING_H_ */
