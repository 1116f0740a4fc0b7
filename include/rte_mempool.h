/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * rte_mempool: pools of fixed-size objects, shared by the threads and
 * processes of an instance, with a per-lcore cache in front of a backend
 * chosen by "ops" (a ring, a stack, a bucket allocator or the
 * application's own driver).
 *
 * Layout. A pool is a named object (memzone "MP_<name>", listed in the
 * shared "RTE_MEMPOOL" list): struct rte_mempool, then RTE_MAX_LCORE
 * caches when cache_size != 0, then private_data_size bytes for the
 * application (rte_mempool_get_priv()). The objects live in other
 * memzones ("MP_<name>_<k>") or in memory the application gives to a
 * populate call; each object is [header | element | trailer], the header
 * (struct rte_mempool_objhdr) right before the element, which is what
 * the application gets.
 *
 * Ops. A pool records its driver as an index into a table that every
 * process keeps (function pointers are process-private). rtmem keeps the
 * index valid across processes whatever order they register their
 * drivers in: the shared configuration holds the names in index order,
 * and each process arranges its table by those names when it attaches.
 *
 * Cache (DPDK 26.07's algorithm; DESIGN.md section 1). A cache is a LIFO
 * array that never holds more than cache_size objects:
 *   - put n: append when it fits; otherwise, when n <= size/2, move the
 *     bottom size/2 objects to the backend and append; larger puts go to
 *     the backend directly.
 *   - get n: pop from the cache; what is missing is taken by refilling
 *     the cache with size/2 objects from the backend (or directly, when
 *     more than size/2 are missing). All or nothing.
 * A put to the backend never fails and never drops an object: every rtmem
 * driver sizes its store for all the pool's objects, so an enqueue always
 * finds room (DPDK 22.11 drops what its enqueue refuses, e.g. on an RTS
 * ring whose consumer tail lags).
 *
 * Thread safety: get and put are safe from any thread; each EAL thread
 * (and registered non-EAL thread) uses its own cache, others go to the
 * backend. A user-owned cache (rte_mempool_cache_create()) belongs to one
 * thread at a time. Creation, population and free take the mempool lock.
 */
#ifndef _RTE_MEMPOOL_H_
#define _RTE_MEMPOOL_H_

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include <rte_branch_prediction.h>
#include <rte_common.h>
#include <rte_config.h>
#include <rte_debug.h>
#include <rte_lcore.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_os.h>
#include <rte_spinlock.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define __RTE_MEMPOOL_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#include <sanitizer/asan_interface.h>
#define __RTE_MEMPOOL_ASAN 1
#endif
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** Cookie of a free object (in the pool) in debug mode. */
#define RTE_MEMPOOL_HEADER_COOKIE1  0xbadbadbadadd2e55ULL
/** Cookie of an object handed out, in debug mode. */
#define RTE_MEMPOOL_HEADER_COOKIE2  0xf2eef2eedadd2e55ULL
/** Trailer cookie, in debug mode. */
#define RTE_MEMPOOL_TRAILER_COOKIE  0xadd2e55badbadbadULL

/** Prefix of a pool's memzone names. */
#define RTE_MEMPOOL_MZ_PREFIX "MP_"
/**
 * Size of a pool name including the NUL (26, as DPDK): the ring driver's
 * memzone "RG_MP_<name>" must fit a memzone name.
 */
#define RTE_MEMPOOL_NAMESIZE (RTE_MEMZONE_NAMESIZE - \
			      sizeof(RTE_MEMPOOL_MZ_PREFIX) - \
			      sizeof("RG_") + 2)
/** Format of the header memzone name. */
#define RTE_MEMPOOL_MZ_FORMAT RTE_MEMPOOL_MZ_PREFIX "%s"
/** Name of the shared list of pools (rte_tailq.h). */
#define RTE_TAILQ_MEMPOOL_NAME "RTE_MEMPOOL"
/** Alignment of objects (unless RTE_MEMPOOL_F_NO_CACHE_ALIGN). */
#define RTE_MEMPOOL_ALIGN RTE_CACHE_LINE_SIZE
/** RTE_MEMPOOL_ALIGN - 1. */
#define RTE_MEMPOOL_ALIGN_MASK (RTE_MEMPOOL_ALIGN - 1)

/**
 * Statistics of one lcore (index RTE_MAX_LCORE: all other threads), kept
 * in the pool and shown by rte_mempool_dump(). The counters of gets and
 * puts served by an lcore's cache are in its struct rte_mempool_cache.
 * Gets and puts served by a cache are counted only in pools with
 * RTMEM_MEMPOOL_F_STATS (rtmem.h) or in debug mode.
 */
struct rte_mempool_debug_stats {
	uint64_t put_bulk;             /**< Puts without a cache. */
	uint64_t put_objs;             /**< Objects of those puts. */
	uint64_t put_common_pool_bulk; /**< Enqueues to the backend. */
	uint64_t put_common_pool_objs; /**< Objects enqueued. */
	uint64_t get_common_pool_bulk; /**< Dequeues from the backend. */
	uint64_t get_common_pool_objs; /**< Objects dequeued. */
	uint64_t get_success_bulk;     /**< Gets without a cache. */
	uint64_t get_success_objs;     /**< Objects of those gets. */
	uint64_t get_fail_bulk;        /**< Gets that failed. */
	uint64_t get_fail_objs;        /**< Objects those gets asked for. */
	uint64_t get_success_blks;     /**< Contiguous blocks handed out. */
	uint64_t get_fail_blks;        /**< Contiguous blocks refused. */
} __rte_cache_aligned;

/** A cache of objects: per lcore in the pool, or user-owned. */
struct rte_mempool_cache {
	uint32_t size;        /**< Most objects the cache holds. */
	uint32_t flushthresh; /**< Kept for DPDK: equal to size here. */
	uint32_t len;         /**< Objects in the cache now. */
	uint32_t unused;      /**< Padding. */
	/** Gets and puts served with this cache. */
	struct {
		uint64_t put_bulk;         /**< Puts. */
		uint64_t put_objs;         /**< Objects put. */
		uint64_t get_success_bulk; /**< Gets. */
		uint64_t get_success_objs; /**< Objects got. */
	} stats;
	/** The objects, objs[len - 1] the most recent. */
	void *objs[RTE_MEMPOOL_CACHE_MAX_SIZE * 2] __rte_cache_aligned;
} __rte_cache_aligned;

/** Sizes of an object, from rte_mempool_calc_obj_size(). */
struct rte_mempool_objsz {
	uint32_t elt_size;     /**< Element (what the user gets). */
	uint32_t header_size;  /**< Header, before the element. */
	uint32_t trailer_size; /**< Trailer, after the element. */
	uint32_t total_size;   /**< The three together. */
};

/** Header of each object, right before its element. */
struct rte_mempool_objhdr {
	RTE_STAILQ_ENTRY(rte_mempool_objhdr) next; /**< Next of the pool. */
	struct rte_mempool *mp; /**< The pool of the object. */
	rte_iova_t iova;        /**< IO address of the element. */
};

/** The list of a pool's objects. */
RTE_STAILQ_HEAD(rte_mempool_objhdr_list, rte_mempool_objhdr);

/** Trailer of an object (its cookie, in debug mode, is at its start). */
struct rte_mempool_objtlr {
	uint64_t cookie; /**< RTE_MEMPOOL_TRAILER_COOKIE in debug mode. */
};

/** The list of a pool's memory chunks. */
RTE_STAILQ_HEAD(rte_mempool_memhdr_list, rte_mempool_memhdr);

struct rte_mempool_memhdr;

/**
 * Frees a memory chunk when its pool is freed.
 *
 * @param memhdr
 *   The chunk.
 * @param opaque
 *   The argument given with it to a populate call.
 */
typedef void (rte_mempool_memchunk_free_cb_t)(struct rte_mempool_memhdr *memhdr,
					      void *opaque);

/** A memory chunk that holds objects of a pool. */
struct rte_mempool_memhdr {
	RTE_STAILQ_ENTRY(rte_mempool_memhdr) next; /**< Next chunk. */
	struct rte_mempool *mp; /**< The pool. */
	void *addr;             /**< Start. */
	rte_iova_t iova;        /**< IO address of the start. */
	size_t len;             /**< Length in bytes. */
	rte_mempool_memchunk_free_cb_t *free_cb; /**< Frees it, or NULL. */
	void *opaque;           /**< Argument of free_cb. */
};

/** What a driver tells about itself (rte_mempool_ops_get_info()). */
struct rte_mempool_info {
	/** Objects per block of rte_mempool_get_contig_blocks(). */
	unsigned int contig_block_size;
} __rte_cache_aligned;

/** A pool. Applications read the fields; the library writes them. */
struct rte_mempool {
	char name[RTE_MEMPOOL_NAMESIZE]; /**< Name of the pool. */
	RTE_STD_C11
	union {
		void *pool_data;  /**< The driver's store (a ring, ...). */
		uint64_t pool_id; /**< Or an identifier of it. */
	};
	void *pool_config;   /**< Argument given to set_ops_byname. */
	const struct rte_memzone *mz; /**< The memzone of this header. */
	unsigned int flags;  /**< RTE_MEMPOOL_F_* (and RTMEM_MEMPOOL_F_*). */
	int socket_id;       /**< Socket given at creation. */
	uint32_t size;       /**< Number of objects. */
	uint32_t cache_size; /**< Size of the per-lcore caches (0: none). */
	uint32_t elt_size;   /**< Size of an element. */
	uint32_t header_size;  /**< Bytes before each element. */
	uint32_t trailer_size; /**< Bytes after each element. */
	unsigned private_data_size; /**< Bytes of private data. */
	/** Index of the driver in rte_mempool_ops_table (same in all
	 *  processes of the instance). */
	int32_t ops_index;
	/** The per-lcore caches (NULL without a cache). */
	struct rte_mempool_cache *local_cache;
	uint32_t populated_size; /**< Objects added so far. */
	struct rte_mempool_objhdr_list elt_list; /**< The objects. */
	uint32_t nb_mem_chunks;  /**< Memory chunks. */
	struct rte_mempool_memhdr_list mem_list; /**< The chunks. */
	/** Statistics per lcore; [RTE_MAX_LCORE] for other threads. */
	struct rte_mempool_debug_stats stats[RTE_MAX_LCORE + 1];
} __rte_cache_aligned;

/** Do not spread objects over memory channels. */
#define RTE_MEMPOOL_F_NO_SPREAD      0x0001
/** Alias of RTE_MEMPOOL_F_NO_SPREAD (deprecated name). */
#define MEMPOOL_F_NO_SPREAD          RTE_MEMPOOL_F_NO_SPREAD
/** Do not align objects on cache lines (implies NO_SPREAD). */
#define RTE_MEMPOOL_F_NO_CACHE_ALIGN 0x0002
/** Alias of RTE_MEMPOOL_F_NO_CACHE_ALIGN (deprecated name). */
#define MEMPOOL_F_NO_CACHE_ALIGN     RTE_MEMPOOL_F_NO_CACHE_ALIGN
/** The default driver is single-producer. */
#define RTE_MEMPOOL_F_SP_PUT         0x0004
/** Alias of RTE_MEMPOOL_F_SP_PUT (deprecated name). */
#define MEMPOOL_F_SP_PUT             RTE_MEMPOOL_F_SP_PUT
/** The default driver is single-consumer. */
#define RTE_MEMPOOL_F_SC_GET         0x0008
/** Alias of RTE_MEMPOOL_F_SC_GET (deprecated name). */
#define MEMPOOL_F_SC_GET             RTE_MEMPOOL_F_SC_GET
/** Set by the library once the driver's store exists (first populate). */
#define RTE_MEMPOOL_F_POOL_CREATED   0x0010
/** Objects need not be IOVA-contiguous. */
#define RTE_MEMPOOL_F_NO_IOVA_CONTIG 0x0020
/** Alias of RTE_MEMPOOL_F_NO_IOVA_CONTIG (deprecated name). */
#define MEMPOOL_F_NO_IOVA_CONTIG     RTE_MEMPOOL_F_NO_IOVA_CONTIG
/** Set by the library: no object has an IO address. */
#define RTE_MEMPOOL_F_NON_IO         0x0040
/** The flags an application may pass to a create call. */
#define RTE_MEMPOOL_VALID_USER_FLAGS (RTE_MEMPOOL_F_NO_SPREAD       \
				      | RTE_MEMPOOL_F_NO_CACHE_ALIGN \
				      | RTE_MEMPOOL_F_SP_PUT         \
				      | RTE_MEMPOOL_F_SC_GET         \
				      | RTE_MEMPOOL_F_NO_IOVA_CONTIG)

/* rtmem's debug and statistics flags (rtmem.h), for the inline paths. */
#define __RTE_MEMPOOL_F_DEBUG 0x1000
#define __RTE_MEMPOOL_F_STATS 0x2000
/* Pools whose gets and puts all take the out-of-line path. */
#define __RTE_MEMPOOL_F_SLOW (__RTE_MEMPOOL_F_DEBUG | __RTE_MEMPOOL_F_STATS)
/*
 * Set by the library on a pool created with cache_size 0 (rtmem), so
 * that the lcore-cache paths test one word: they apply when none of
 * __RTE_MEMPOOL_F_LCORE_CACHE_OFF is set.
 */
#define __RTE_MEMPOOL_F_NO_CACHE 0x4000
#define __RTE_MEMPOOL_F_LCORE_CACHE_OFF (__RTE_MEMPOOL_F_SLOW | \
					 __RTE_MEMPOOL_F_NO_CACHE)
/*
 * Set by the library when the objects sitting in the pool are poisoned
 * for AddressSanitizer: only when the library is built with ASan and the
 * instance is private to this process (--in-memory, --no-shconf).
 * ASan's shadow memory is per process, so in a shared instance another
 * process would see an object it got from the pool as still poisoned.
 */
#define __RTE_MEMPOOL_F_ASAN_POISON 0x8000

/**
 * Size of a pool's header memzone before the private data: the pool and,
 * with a cache, its RTE_MAX_LCORE caches.
 */
#define RTE_MEMPOOL_HEADER_SIZE(mp, cs) \
	(sizeof(*(mp)) + (((cs) == 0) ? 0 : \
	(sizeof(struct rte_mempool_cache) * RTE_MAX_LCORE)))

/*
 * Statistics, per lcore (other threads share the last slot atomically),
 * kept only by pools with RTMEM_MEMPOOL_F_STATS (or in debug mode).
 */
#define RTE_MEMPOOL_STAT_ADD(mp, name, n) do {                           \
		if (unlikely((mp)->flags & __RTE_MEMPOOL_F_STATS)) {      \
			unsigned int __lcore_id = rte_lcore_id();         \
			if (likely(__lcore_id < RTE_MAX_LCORE))           \
				(mp)->stats[__lcore_id].name += (n);      \
			else                                              \
				__atomic_fetch_add(                       \
				    &(mp)->stats[RTE_MAX_LCORE].name,     \
				    (n), __ATOMIC_RELAXED);               \
		}                                                         \
	} while (0)
#define RTE_MEMPOOL_CACHE_STAT_ADD(cache, name, n) \
	((cache)->stats.name += (n))

/**
 * Returns the header of an object.
 *
 * @param obj
 *   An object of a pool.
 * @return
 *   Its header.
 */
static inline struct rte_mempool_objhdr *
rte_mempool_get_header(void *obj)
{
	return (struct rte_mempool_objhdr *)RTE_PTR_SUB(obj,
			sizeof(struct rte_mempool_objhdr));
}

/**
 * Returns the pool of an object.
 *
 * @param obj
 *   An object of a pool.
 * @return
 *   Its pool.
 */
static inline struct rte_mempool *
rte_mempool_from_obj(void *obj)
{
	return rte_mempool_get_header(obj)->mp;
}

/**
 * Returns the trailer of an object.
 *
 * @param obj
 *   An object of a pool.
 * @return
 *   Its trailer.
 */
static inline struct rte_mempool_objtlr *
rte_mempool_get_trailer(void *obj)
{
	return (struct rte_mempool_objtlr *)RTE_PTR_ADD(obj,
			rte_mempool_from_obj(obj)->elt_size);
}

/**
 * Checks the cookies of objects of a debug-mode pool (a no-op for other
 * pools): free = 0 for objects being put (they must be handed-out
 * objects of mp with an intact trailer), 1 for objects just got. A bad
 * object is logged and, on a put, rte_panic()s unless called through
 * rte_mempool_generic_put(), which filters bad objects out instead.
 *
 * @param mp
 *   The pool.
 * @param obj_table_const
 *   The objects.
 * @param n
 *   Number of objects.
 * @param free
 *   1 after a get, 0 before a put.
 */
void rte_mempool_check_cookies(const struct rte_mempool *mp,
	void * const *obj_table_const, unsigned n, int free);

/** Checks cookies when the pool is in debug mode. */
#define RTE_MEMPOOL_CHECK_COOKIES(mp, obj_table_const, n, free) do {     \
		if (unlikely((mp)->flags & __RTE_MEMPOOL_F_DEBUG))         \
			rte_mempool_check_cookies(mp, obj_table_const, n,  \
						  free);                   \
	} while (0)

/**
 * rte_mempool_check_cookies() for the objects of contiguous blocks.
 *
 * @param mp
 *   The pool.
 * @param first_obj_table_const
 *   The first object of each block.
 * @param n
 *   Number of blocks.
 * @param free
 *   1 after a get, 0 before a put.
 */
void rte_mempool_contig_blocks_check_cookies(const struct rte_mempool *mp,
	void * const *first_obj_table_const, unsigned int n, int free);

/** Checks the cookies of blocks when the pool is in debug mode. */
#define RTE_MEMPOOL_CONTIG_BLOCKS_CHECK_COOKIES(mp, first_obj_table_const, \
						n, free) do {             \
		if (unlikely((mp)->flags & __RTE_MEMPOOL_F_DEBUG))         \
			rte_mempool_contig_blocks_check_cookies(mp,        \
				first_obj_table_const, n, free);           \
	} while (0)

/** Longest driver name, including the NUL. */
#define RTE_MEMPOOL_OPS_NAMESIZE 32

/**
 * Driver: creates its store for mp->size objects and sets mp->pool_data.
 * Returns 0 or a negative errno.
 */
typedef int (*rte_mempool_alloc_t)(struct rte_mempool *mp);
/** Driver: frees its store. */
typedef void (*rte_mempool_free_t)(struct rte_mempool *mp);
/** Driver: stores n objects, all or none; 0 or a negative errno. */
typedef int (*rte_mempool_enqueue_t)(struct rte_mempool *mp,
		void * const *obj_table, unsigned int n);
/** Driver: takes n objects, all or none; 0 or a negative errno. */
typedef int (*rte_mempool_dequeue_t)(struct rte_mempool *mp,
		void **obj_table, unsigned int n);
/** Driver: takes n blocks of contiguous objects; 0 or a negative errno. */
typedef int (*rte_mempool_dequeue_contig_blocks_t)(struct rte_mempool *mp,
		void **first_obj_table, unsigned int n);
/** Driver: the number of objects in its store. */
typedef unsigned (*rte_mempool_get_count)(const struct rte_mempool *mp);
/**
 * Driver: the memory obj_num objects need with pages of 1 << pg_shift
 * bytes (0: one virtually contiguous area); sets the smallest useful
 * chunk and its alignment. Returns the size or a negative errno.
 */
typedef ssize_t (*rte_mempool_calc_mem_size_t)(const struct rte_mempool *mp,
		uint32_t obj_num, uint32_t pg_shift,
		size_t *min_chunk_size, size_t *align);

/**
 * The default calc_mem_size with chunk_reserve extra bytes per chunk.
 *
 * @param mp
 *   The pool.
 * @param obj_num
 *   Number of objects.
 * @param pg_shift
 *   Log2 of the page size (0: no page boundaries to respect).
 * @param chunk_reserve
 *   Bytes to keep free at the start of each chunk.
 * @param min_chunk_size
 *   Set to the size of the smallest useful chunk.
 * @param align
 *   Set to the alignment chunks need.
 * @return
 *   The size in bytes, or -EINVAL.
 */
ssize_t rte_mempool_op_calc_mem_size_helper(const struct rte_mempool *mp,
		uint32_t obj_num, uint32_t pg_shift, size_t chunk_reserve,
		size_t *min_chunk_size, size_t *align);

/**
 * The default calc_mem_size: rte_mempool_op_calc_mem_size_helper() with
 * no reserve.
 *
 * @param mp
 *   The pool.
 * @param obj_num
 *   Number of objects.
 * @param pg_shift
 *   Log2 of the page size (0: no page boundaries to respect).
 * @param min_chunk_size
 *   Set to the size of the smallest useful chunk.
 * @param align
 *   Set to the alignment chunks need.
 * @return
 *   The size in bytes, or -EINVAL.
 */
ssize_t rte_mempool_op_calc_mem_size_default(const struct rte_mempool *mp,
		uint32_t obj_num, uint32_t pg_shift,
		size_t *min_chunk_size, size_t *align);

/**
 * Called by a driver's populate for each object it lays out.
 *
 * @param mp
 *   The pool.
 * @param opaque
 *   The argument of the populate call.
 * @param vaddr
 *   The object's element (its header is right before).
 * @param iova
 *   IO address of vaddr, or RTE_BAD_IOVA.
 */
typedef void (rte_mempool_populate_obj_cb_t)(struct rte_mempool *mp,
		void *opaque, void *vaddr, rte_iova_t iova);

/**
 * Driver: lays out up to max_objs objects in [vaddr, vaddr + len), calls
 * obj_cb for each and stores them. Returns the number laid out or a
 * negative errno.
 */
typedef int (*rte_mempool_populate_t)(struct rte_mempool *mp,
		unsigned int max_objs,
		void *vaddr, rte_iova_t iova, size_t len,
		rte_mempool_populate_obj_cb_t *obj_cb, void *obj_cb_arg);

/** rte_mempool_op_populate_helper(): align objects to their total size. */
#define RTE_MEMPOOL_POPULATE_F_ALIGN_OBJ 0x0001

/**
 * The default populate with flags: lays objects out without crossing a
 * page boundary, calls obj_cb, and enqueues each object.
 *
 * @param mp
 *   The pool.
 * @param flags
 *   0 or RTE_MEMPOOL_POPULATE_F_ALIGN_OBJ.
 * @param max_objs
 *   Most objects to lay out.
 * @param vaddr
 *   Start of the memory.
 * @param iova
 *   Its IO address, or RTE_BAD_IOVA.
 * @param len
 *   Its length.
 * @param obj_cb
 *   Called for each object.
 * @param obj_cb_arg
 *   Argument of obj_cb.
 * @return
 *   The number of objects laid out, or a negative errno.
 */
int rte_mempool_op_populate_helper(struct rte_mempool *mp,
		unsigned int flags, unsigned int max_objs,
		void *vaddr, rte_iova_t iova, size_t len,
		rte_mempool_populate_obj_cb_t *obj_cb, void *obj_cb_arg);

/**
 * The default populate: rte_mempool_op_populate_helper() with flags 0.
 *
 * @param mp
 *   The pool.
 * @param max_objs
 *   Most objects to lay out.
 * @param vaddr
 *   Start of the memory.
 * @param iova
 *   Its IO address, or RTE_BAD_IOVA.
 * @param len
 *   Its length.
 * @param obj_cb
 *   Called for each object.
 * @param obj_cb_arg
 *   Argument of obj_cb.
 * @return
 *   The number of objects laid out, or a negative errno.
 */
int rte_mempool_op_populate_default(struct rte_mempool *mp,
		unsigned int max_objs,
		void *vaddr, rte_iova_t iova, size_t len,
		rte_mempool_populate_obj_cb_t *obj_cb, void *obj_cb_arg);

/** Driver: fills info; 0 or a negative errno. */
typedef int (*rte_mempool_get_info_t)(const struct rte_mempool *mp,
		struct rte_mempool_info *info);

/** A mempool driver. */
struct rte_mempool_ops {
	char name[RTE_MEMPOOL_OPS_NAMESIZE]; /**< Name (unique). */
	rte_mempool_alloc_t alloc;       /**< Required. */
	rte_mempool_free_t free;         /**< Optional. */
	rte_mempool_enqueue_t enqueue;   /**< Required. */
	rte_mempool_dequeue_t dequeue;   /**< Required. */
	rte_mempool_get_count get_count; /**< Required. */
	rte_mempool_calc_mem_size_t calc_mem_size; /**< Optional. */
	rte_mempool_populate_t populate; /**< Optional. */
	rte_mempool_get_info_t get_info; /**< Optional. */
	/** Optional: rte_mempool_get_contig_blocks(). */
	rte_mempool_dequeue_contig_blocks_t dequeue_contig_blocks;
} __rte_cache_aligned;

/** Most drivers a process registers. */
#define RTE_MEMPOOL_MAX_OPS_IDX 16

/**
 * This process's drivers. ops[i] is the driver whose name is i-th in the
 * instance's shared list, so mp->ops_index means the same driver in
 * every process (see the file comment).
 */
struct rte_mempool_ops_table {
	rte_spinlock_t sl;     /**< Guards registration. */
	uint32_t num_ops;      /**< Entries in use. */
	struct rte_mempool_ops ops[RTE_MEMPOOL_MAX_OPS_IDX]; /**< Drivers. */
} __rte_cache_aligned;

/** The drivers of this process. */
extern struct rte_mempool_ops_table rte_mempool_ops_table;

/**
 * Returns the driver of index ops_index.
 *
 * @param ops_index
 *   An index from a pool (mp->ops_index).
 * @return
 *   The driver.
 */
static inline struct rte_mempool_ops *
rte_mempool_get_ops(int ops_index)
{
	RTE_VERIFY(ops_index >= 0 && ops_index < RTE_MEMPOOL_MAX_OPS_IDX);
	return &rte_mempool_ops_table.ops[ops_index];
}

/**
 * Creates the driver's store (at the first populate).
 *
 * @param mp
 *   The pool.
 * @return
 *   0 or the driver's negative errno.
 */
int rte_mempool_ops_alloc(struct rte_mempool *mp);

/**
 * Takes n objects from the driver's store, all or none.
 *
 * @param mp
 *   The pool.
 * @param obj_table
 *   Where to put them.
 * @param n
 *   Number of objects.
 * @return
 *   0, or a negative errno (-ENOBUFS: not enough objects).
 */
static inline int
rte_mempool_ops_dequeue_bulk(struct rte_mempool *mp, void **obj_table,
			     unsigned n)
{
	int ret = rte_mempool_get_ops(mp->ops_index)->dequeue(mp, obj_table,
							       n);

	if (ret == 0) {
		RTE_MEMPOOL_STAT_ADD(mp, get_common_pool_bulk, 1);
		RTE_MEMPOOL_STAT_ADD(mp, get_common_pool_objs, n);
	}
	return ret;
}

/**
 * Takes n blocks of contiguous objects from the driver's store.
 *
 * @param mp
 *   The pool.
 * @param first_obj_table
 *   Where to put the first object of each block.
 * @param n
 *   Number of blocks.
 * @return
 *   0, -ENOBUFS, or -EOPNOTSUPP when the driver has no blocks.
 */
static inline int
rte_mempool_ops_dequeue_contig_blocks(struct rte_mempool *mp,
				      void **first_obj_table, unsigned int n)
{
	struct rte_mempool_ops *ops = rte_mempool_get_ops(mp->ops_index);

	if (ops->dequeue_contig_blocks == NULL)
		return -EOPNOTSUPP;
	return ops->dequeue_contig_blocks(mp, first_obj_table, n);
}

/**
 * Stores n objects in the driver's store. rtmem's drivers always have
 * room for every object of the pool, so this does not fail for them.
 *
 * @param mp
 *   The pool.
 * @param obj_table
 *   The objects.
 * @param n
 *   Number of objects.
 * @return
 *   0, or the driver's negative errno.
 */
static inline int
rte_mempool_ops_enqueue_bulk(struct rte_mempool *mp, void * const *obj_table,
			     unsigned n)
{
	RTE_MEMPOOL_STAT_ADD(mp, put_common_pool_bulk, 1);
	RTE_MEMPOOL_STAT_ADD(mp, put_common_pool_objs, n);
	return rte_mempool_get_ops(mp->ops_index)->enqueue(mp, obj_table, n);
}

/**
 * Returns the number of objects in the driver's store.
 *
 * @param mp
 *   The pool.
 * @return
 *   The count (caches not included).
 */
unsigned rte_mempool_ops_get_count(const struct rte_mempool *mp);

/**
 * The driver's calc_mem_size (or the default).
 *
 * @param mp
 *   The pool.
 * @param obj_num
 *   Number of objects.
 * @param pg_shift
 *   Log2 of the page size (0: none).
 * @param min_chunk_size
 *   Set to the smallest useful chunk.
 * @param align
 *   Set to the chunk alignment.
 * @return
 *   The size, or a negative errno.
 */
ssize_t rte_mempool_ops_calc_mem_size(const struct rte_mempool *mp,
				      uint32_t obj_num, uint32_t pg_shift,
				      size_t *min_chunk_size, size_t *align);

/**
 * The driver's populate (or the default).
 *
 * @param mp
 *   The pool.
 * @param max_objs
 *   Most objects to lay out.
 * @param vaddr
 *   Start of the memory.
 * @param iova
 *   Its IO address, or RTE_BAD_IOVA.
 * @param len
 *   Its length.
 * @param obj_cb
 *   Called for each object.
 * @param obj_cb_arg
 *   Argument of obj_cb.
 * @return
 *   The number of objects laid out, or a negative errno.
 */
int rte_mempool_ops_populate(struct rte_mempool *mp, unsigned int max_objs,
			     void *vaddr, rte_iova_t iova, size_t len,
			     rte_mempool_populate_obj_cb_t *obj_cb,
			     void *obj_cb_arg);

/**
 * Asks the driver about itself.
 *
 * @param mp
 *   The pool.
 * @param info
 *   Filled by the driver.
 * @return
 *   0, -ENOTSUP when the driver has no get_info, or its error.
 */
int rte_mempool_ops_get_info(const struct rte_mempool *mp,
			     struct rte_mempool_info *info);

/**
 * Frees the driver's store.
 *
 * @param mp
 *   The pool.
 */
void rte_mempool_ops_free(struct rte_mempool *mp);

/**
 * Chooses the driver of a pool, by name, before its first populate.
 *
 * @param mp
 *   The pool.
 * @param name
 *   A registered driver name.
 * @param pool_config
 *   An argument for the driver (mp->pool_config).
 * @return
 *   0; -EEXIST when the pool already has its store (populated);
 *   -EINVAL for an unknown name (logged).
 */
int rte_mempool_set_ops_byname(struct rte_mempool *mp, const char *name,
			       void *pool_config);

/**
 * Registers a driver in this process (usually from a constructor,
 * RTE_MEMPOOL_REGISTER_OPS). Its index follows the instance's shared
 * order of names, so it may differ from the registration order.
 *
 * @param ops
 *   The driver (copied).
 * @return
 *   Its index (>= 0), or -ENOSPC (table full), -EINVAL (a required
 *   callback missing), -EEXIST (name too long, as in DPDK, or a
 *   different driver of the same name already registered).
 */
int rte_mempool_register_ops(const struct rte_mempool_ops *ops);

/** Registers a driver from a constructor. */
#define RTE_MEMPOOL_REGISTER_OPS(ops)                                   \
	RTE_INIT(mp_hdlr_init_##ops)                                    \
	{                                                               \
		rte_mempool_register_ops(&ops);                         \
	}

/**
 * The name DPDK used before 21.11 (the seed lessons use it); rtmem keeps
 * it as an alias of RTE_MEMPOOL_REGISTER_OPS.
 */
#define MEMPOOL_REGISTER_OPS(ops) RTE_MEMPOOL_REGISTER_OPS(ops)

/**
 * Called for each object (rte_mempool_obj_iter(), obj_init of
 * rte_mempool_create()).
 *
 * @param mp
 *   The pool.
 * @param opaque
 *   The caller's argument.
 * @param obj
 *   The object (its element).
 * @param obj_idx
 *   Its index, 0 .. n - 1 in population order.
 */
typedef void (rte_mempool_obj_cb_t)(struct rte_mempool *mp,
		void *opaque, void *obj, unsigned obj_idx);
/** The old name of rte_mempool_obj_cb_t. */
typedef rte_mempool_obj_cb_t rte_mempool_obj_ctor_t;

/**
 * Called for each memory chunk (rte_mempool_mem_iter()).
 *
 * @param mp
 *   The pool.
 * @param opaque
 *   The caller's argument.
 * @param memhdr
 *   The chunk.
 * @param mem_idx
 *   Its index.
 */
typedef void (rte_mempool_mem_cb_t)(struct rte_mempool *mp,
		void *opaque, struct rte_mempool_memhdr *memhdr,
		unsigned mem_idx);

/**
 * Pool constructor (mp_init of rte_mempool_create()), called before the
 * pool is populated.
 */
typedef void (rte_mempool_ctor_t)(struct rte_mempool *, void *);

/**
 * Creates a pool of n objects of elt_size bytes, populated and ready:
 * rte_mempool_create_empty(), mp_init(mp, mp_init_arg),
 * rte_mempool_populate_default(), then obj_init on every object.
 *
 * @param name
 *   Name of the pool (shorter than RTE_MEMPOOL_NAMESIZE).
 * @param n
 *   Number of objects.
 * @param elt_size
 *   Size of an object.
 * @param cache_size
 *   Size of the per-lcore caches: 0 (none) to RTE_MEMPOOL_CACHE_MAX_SIZE,
 *   and at most n.
 * @param private_data_size
 *   Bytes of private data after the caches (rte_mempool_get_priv()).
 * @param mp_init
 *   Called once before population, or NULL.
 * @param mp_init_arg
 *   Its argument.
 * @param obj_init
 *   Called for each object, or NULL.
 * @param obj_init_arg
 *   Its argument.
 * @param socket_id
 *   NUMA socket, or SOCKET_ID_ANY.
 * @param flags
 *   RTE_MEMPOOL_VALID_USER_FLAGS, and RTMEM_MEMPOOL_F_DEBUG (rtmem.h).
 * @return
 *   The pool, or NULL with rte_errno set as by rte_mempool_create_empty()
 *   or by the population (ENOMEM, ENOSPC, ...); nothing is left behind.
 */
struct rte_mempool *
rte_mempool_create(const char *name, unsigned n, unsigned elt_size,
		   unsigned cache_size, unsigned private_data_size,
		   rte_mempool_ctor_t *mp_init, void *mp_init_arg,
		   rte_mempool_obj_cb_t *obj_init, void *obj_init_arg,
		   int socket_id, unsigned flags);

/**
 * Creates an empty pool: its header, caches and private data, the
 * default driver for its flags (ring_sp_sc, ring_sp_mc, ring_mp_sc or
 * ring_mp_mc), listed by name; no objects yet (see the populate calls).
 *
 * @param name
 *   Name of the pool (shorter than RTE_MEMPOOL_NAMESIZE).
 * @param n
 *   Number of objects.
 * @param elt_size
 *   Size of an object.
 * @param cache_size
 *   0 to RTE_MEMPOOL_CACHE_MAX_SIZE, and at most n.
 * @param private_data_size
 *   Bytes of private data.
 * @param socket_id
 *   NUMA socket, or SOCKET_ID_ANY.
 * @param flags
 *   As for rte_mempool_create().
 * @return
 *   The pool, or NULL with rte_errno (one log line):
 *   - EINVAL: n is 0, cache_size too large, or unknown flags;
 *   - ENAMETOOLONG: name too long;
 *   - EEXIST: a pool of that name exists;
 *   - ENOSPC, ENOMEM: no memzone or memory.
 */
struct rte_mempool *
rte_mempool_create_empty(const char *name, unsigned n, unsigned elt_size,
	unsigned cache_size, unsigned private_data_size,
	int socket_id, unsigned flags);

/**
 * Frees a pool: unlists it, frees its objects' memory, its driver store
 * and its header. No thread may use it any more. A debug-mode pool keeps
 * its header (a few kilobytes, 1 MiB with caches), marked freed, so that
 * a late get or put is refused with a log line instead of corrupting
 * memory; its name can be used again at once.
 *
 * @param mp
 *   The pool (NULL: nothing).
 */
void rte_mempool_free(struct rte_mempool *mp);

/**
 * Adds objects laid out in a chunk of IOVA-contiguous memory.
 *
 * @param mp
 *   The pool.
 * @param vaddr
 *   Start of the chunk.
 * @param iova
 *   Its IO address, or RTE_BAD_IOVA.
 * @param len
 *   Its length.
 * @param free_cb
 *   Called when the pool is freed, or NULL.
 * @param opaque
 *   Argument of free_cb.
 * @return
 *   The number of objects added (> 0), 0 when not one fits, or a
 *   negative errno: -ENOSPC (the pool is full), -ENOMEM, or the driver's
 *   error.
 */
int rte_mempool_populate_iova(struct rte_mempool *mp, char *vaddr,
	rte_iova_t iova, size_t len, rte_mempool_memchunk_free_cb_t *free_cb,
	void *opaque);

/**
 * Adds objects laid out in virtually contiguous memory, split into
 * IOVA-contiguous runs of pages of pg_sz bytes.
 *
 * @param mp
 *   The pool.
 * @param addr
 *   Start of the memory.
 * @param len
 *   Its length.
 * @param pg_sz
 *   Page size (0: the memory has no IO address).
 * @param free_cb
 *   Called when the pool is freed, or NULL.
 * @param opaque
 *   Argument of free_cb.
 * @return
 *   The number of objects added, or a negative errno as for
 *   rte_mempool_populate_iova() (-EINVAL for a bad page size).
 */
int rte_mempool_populate_virt(struct rte_mempool *mp, char *addr,
	size_t len, size_t pg_sz, rte_mempool_memchunk_free_cb_t *free_cb,
	void *opaque);

/**
 * Adds all the pool's objects in memzones "MP_<name>_<k>".
 *
 * @param mp
 *   The pool.
 * @return
 *   mp->size, or a negative errno: -EEXIST (already populated),
 *   -ENAMETOOLONG, -ENOMEM, -ENOSPC.
 */
int rte_mempool_populate_default(struct rte_mempool *mp);

/**
 * Adds all the pool's objects in anonymous memory of this process (only
 * for pools used by one process).
 *
 * @param mp
 *   The pool.
 * @return
 *   The number of objects, or 0 with rte_errno (EINVAL: already
 *   populated; ENOMEM).
 */
int rte_mempool_populate_anon(struct rte_mempool *mp);

/**
 * Calls obj_cb on every object, in population order.
 *
 * @param mp
 *   The pool.
 * @param obj_cb
 *   The callback.
 * @param obj_cb_arg
 *   Its argument.
 * @return
 *   The number of objects.
 */
uint32_t rte_mempool_obj_iter(struct rte_mempool *mp,
	rte_mempool_obj_cb_t *obj_cb, void *obj_cb_arg);

/**
 * Calls mem_cb on every memory chunk.
 *
 * @param mp
 *   The pool.
 * @param mem_cb
 *   The callback.
 * @param mem_cb_arg
 *   Its argument.
 * @return
 *   The number of chunks.
 */
uint32_t rte_mempool_mem_iter(struct rte_mempool *mp,
	rte_mempool_mem_cb_t *mem_cb, void *mem_cb_arg);

/**
 * Prints a pool: fields, counts, caches and statistics.
 *
 * @param f
 *   The stream.
 * @param mp
 *   The pool.
 */
void rte_mempool_dump(FILE *f, struct rte_mempool *mp);

/**
 * Creates a user-owned cache, for threads without an lcore cache or to
 * keep one per flow; use it with rte_mempool_generic_get/put().
 *
 * @param size
 *   Most objects it holds: 1 to RTE_MEMPOOL_CACHE_MAX_SIZE.
 * @param socket_id
 *   NUMA socket of its memory.
 * @return
 *   The cache, or NULL with rte_errno EINVAL or ENOMEM.
 */
struct rte_mempool_cache *rte_mempool_cache_create(uint32_t size,
						   int socket_id);

/**
 * Frees a user-owned cache. It must be empty (rte_mempool_cache_flush()).
 *
 * @param cache
 *   The cache.
 */
void rte_mempool_cache_free(struct rte_mempool_cache *cache);

/**
 * Returns the cache of lcore_id in a pool.
 *
 * @param mp
 *   The pool.
 * @param lcore_id
 *   An lcore id.
 * @return
 *   The cache, or NULL when the pool has none or lcore_id is not an
 *   lcore (LCORE_ID_ANY).
 */
static __rte_always_inline struct rte_mempool_cache *
rte_mempool_default_cache(struct rte_mempool *mp, unsigned lcore_id)
{
	if (mp->cache_size == 0 || lcore_id >= RTE_MAX_LCORE)
		return NULL;
	return &mp->local_cache[lcore_id];
}

/* Mark n objects as in the pool (ASan: poisoned) or handed out. */
static __rte_always_inline void
__rte_mempool_asan_mark(const struct rte_mempool *mp, void * const *objs,
			unsigned int n, int in_pool)
{
#ifdef __RTE_MEMPOOL_ASAN
	if (!(mp->flags & __RTE_MEMPOOL_F_ASAN_POISON))
		return;
	for (unsigned int i = 0; i < n; i++) {
		if (in_pool)
			ASAN_POISON_MEMORY_REGION(objs[i], mp->elt_size);
		else
			ASAN_UNPOISON_MEMORY_REGION(objs[i], mp->elt_size);
	}
#else
	RTE_SET_USED(mp);
	RTE_SET_USED(objs);
	RTE_SET_USED(n);
	RTE_SET_USED(in_pool);
#endif
}

/*
 * Appends n objects to a cache that has room for them. A loop, not
 * memcpy(): with a run-time n, GCC makes memcpy a `rep movsq`, whose
 * start-up costs more than copying a few pointers.
 */
static __rte_always_inline void
__rte_mempool_cache_push(const struct rte_mempool *mp,
			 struct rte_mempool_cache *cache,
			 void * const *obj_table, unsigned int n)
{
	void **dst = &cache->objs[cache->len];

	__rte_mempool_asan_mark(mp, obj_table, n, 1);
	for (unsigned int i = 0; i < n; i++)
		dst[i] = obj_table[i];
	cache->len += n;
}

/* Pops n objects, most recent first, from a cache that holds them. */
static __rte_always_inline void
__rte_mempool_cache_pop(const struct rte_mempool *mp,
			struct rte_mempool_cache *cache, void **obj_table,
			unsigned int n)
{
	void **top = &cache->objs[cache->len];

	for (unsigned int i = 0; i < n; i++)
		obj_table[i] = *(top - 1 - i);
	cache->len -= n;
	__rte_mempool_asan_mark(mp, obj_table, n, 0);
}

/*
 * Whether the calling lcore's cache of mp takes the inline path: the pool
 * has caches and keeps no statistics or debug checks, and the caller is
 * an lcore. One flag word and one compare, instead of
 * rte_mempool_default_cache()'s cache_size test and its NULL result.
 */
static __rte_always_inline int
__rte_mempool_lcore_cache_on(const struct rte_mempool *mp,
			     unsigned int lcore_id)
{
	return likely(!(mp->flags & __RTE_MEMPOOL_F_LCORE_CACHE_OFF)) &&
	       likely(lcore_id < RTE_MAX_LCORE);
}

/*
 * The cache of lcore_id in a pool with caches. They follow struct
 * rte_mempool in its memzone (mp->local_cache points there): computing
 * the address saves the fast paths a load.
 */
static __rte_always_inline struct rte_mempool_cache *
__rte_mempool_lcore_cache(struct rte_mempool *mp, unsigned int lcore_id)
{
	return (struct rte_mempool_cache *)(mp + 1) + lcore_id;
}

/**
 * Empties a cache into the pool's driver.
 *
 * @param cache
 *   The cache, or NULL for the calling lcore's cache in mp.
 * @param mp
 *   The pool.
 */
static __rte_always_inline void
rte_mempool_cache_flush(struct rte_mempool_cache *cache,
			struct rte_mempool *mp)
{
	if (cache == NULL)
		cache = rte_mempool_default_cache(mp, rte_lcore_id());
	if (cache == NULL || cache->len == 0)
		return;
	rte_mempool_ops_enqueue_bulk(mp, cache->objs, cache->len);
	cache->len = 0;
}

/**
 * The rest of a put that the inline fast path does not do (rtmem): no
 * cache, a cache that would overflow, a debug-mode pool.
 *
 * @param mp
 *   The pool.
 * @param obj_table
 *   The objects.
 * @param n
 *   Number of objects.
 * @param cache
 *   The cache, or NULL.
 */
void rtmem_mempool_put_slow(struct rte_mempool *mp, void * const *obj_table,
			    unsigned int n, struct rte_mempool_cache *cache);

/**
 * The rest of a get that the inline fast path does not do (rtmem): no
 * cache, too few objects in the cache, a debug-mode pool.
 *
 * @param mp
 *   The pool.
 * @param obj_table
 *   Where to put the objects.
 * @param n
 *   Number of objects.
 * @param cache
 *   The cache, or NULL.
 * @return
 *   0, or a negative errno (nothing taken).
 */
int rtmem_mempool_get_slow(struct rte_mempool *mp, void **obj_table,
			   unsigned int n, struct rte_mempool_cache *cache);

/*
 * The put algorithm (file comment): the common case, objects that fit in
 * the cache, inline; everything else out of line.
 */
static __rte_always_inline void
rte_mempool_do_generic_put(struct rte_mempool *mp, void * const *obj_table,
			   unsigned int n, struct rte_mempool_cache *cache)
{
	/* (n <= the largest cache: a constant n beyond it skips this.) */
	if (likely(n <= RTE_MEMPOOL_CACHE_MAX_SIZE && cache != NULL &&
		   cache->len + n <= cache->size &&
		   !(mp->flags & __RTE_MEMPOOL_F_SLOW))) {
		__rte_mempool_cache_push(mp, cache, obj_table, n);
		return;
	}
	if (cache == NULL && !(mp->flags & __RTE_MEMPOOL_F_SLOW)) {
		/* No cache: straight to the driver. */
		__rte_mempool_asan_mark(mp, obj_table, n, 1);
		rte_mempool_ops_enqueue_bulk(mp, obj_table, n);
		return;
	}
	rtmem_mempool_put_slow(mp, obj_table, n, cache);
}

/**
 * Puts objects back into a pool through a cache.
 *
 * @param mp
 *   The pool.
 * @param obj_table
 *   The objects.
 * @param n
 *   Number of objects.
 * @param cache
 *   The cache (an lcore's or user-owned), or NULL for the driver directly.
 */
static __rte_always_inline void
rte_mempool_generic_put(struct rte_mempool *mp, void * const *obj_table,
			unsigned int n, struct rte_mempool_cache *cache)
{
	rte_mempool_do_generic_put(mp, obj_table, n, cache);
}

/**
 * Puts objects back into a pool (the calling lcore's cache, if any).
 *
 * @param mp
 *   The pool.
 * @param obj_table
 *   The objects.
 * @param n
 *   Number of objects.
 */
static __rte_always_inline void
rte_mempool_put_bulk(struct rte_mempool *mp, void * const *obj_table,
		     unsigned int n)
{
	unsigned int lcore_id = rte_lcore_id();

	if (likely(__rte_mempool_lcore_cache_on(mp, lcore_id))) {
		struct rte_mempool_cache *cache =
			__rte_mempool_lcore_cache(mp, lcore_id);

		if (likely(n <= RTE_MEMPOOL_CACHE_MAX_SIZE &&
			   cache->len + n <= cache->size))
			__rte_mempool_cache_push(mp, cache, obj_table, n);
		else
			rtmem_mempool_put_slow(mp, obj_table, n, cache);
		return;
	}
	rte_mempool_generic_put(mp, obj_table, n,
				rte_mempool_default_cache(mp, lcore_id));
}

/**
 * Puts one object back into a pool.
 *
 * @param mp
 *   The pool.
 * @param obj
 *   The object.
 */
static __rte_always_inline void
rte_mempool_put(struct rte_mempool *mp, void *obj)
{
	unsigned int lcore_id = rte_lcore_id();

	/*
	 * The one-object fast path on its own, so that obj's address is
	 * taken only on the other paths: the compiler then keeps obj in a
	 * register instead of storing it to the stack on every put.
	 */
	if (likely(__rte_mempool_lcore_cache_on(mp, lcore_id))) {
		struct rte_mempool_cache *cache =
			__rte_mempool_lcore_cache(mp, lcore_id);

		if (likely(cache->len < cache->size)) {
			__rte_mempool_asan_mark(mp, &obj, 1, 1);
			cache->objs[cache->len++] = obj;
			return;
		}
	}
	{
		void *copy = obj;

		rte_mempool_generic_put(mp, &copy, 1,
				rte_mempool_default_cache(mp, lcore_id));
	}
}

/*
 * The get algorithm (file comment): the common case, enough objects in
 * the cache, inline; everything else out of line.
 */
static __rte_always_inline int
rte_mempool_do_generic_get(struct rte_mempool *mp, void **obj_table,
			   unsigned int n, struct rte_mempool_cache *cache)
{
	/* (n <= the largest cache: a constant n beyond it skips this.) */
	if (likely(n <= RTE_MEMPOOL_CACHE_MAX_SIZE && cache != NULL &&
		   n <= cache->len && !(mp->flags & __RTE_MEMPOOL_F_SLOW))) {
		__rte_mempool_cache_pop(mp, cache, obj_table, n);
		return 0;
	}
	if (cache == NULL && !(mp->flags & __RTE_MEMPOOL_F_SLOW)) {
		/* No cache: straight from the driver. */
		int ret = rte_mempool_ops_dequeue_bulk(mp, obj_table, n);

		/* (a driver's positive result is success, as in DPDK) */
		if (ret < 0)
			return ret;
		__rte_mempool_asan_mark(mp, obj_table, n, 0);
		return 0;
	}
	return rtmem_mempool_get_slow(mp, obj_table, n, cache);
}

/**
 * Gets objects from a pool through a cache, all or none.
 *
 * @param mp
 *   The pool.
 * @param obj_table
 *   Where to put them.
 * @param n
 *   Number of objects.
 * @param cache
 *   The cache (an lcore's or user-owned), or NULL for the driver directly.
 * @return
 *   0, or a negative errno (-ENOBUFS: not enough objects; none taken).
 */
static __rte_always_inline int
rte_mempool_generic_get(struct rte_mempool *mp, void **obj_table,
			unsigned int n, struct rte_mempool_cache *cache)
{
	return rte_mempool_do_generic_get(mp, obj_table, n, cache);
}

/**
 * Gets objects from a pool (the calling lcore's cache, if any).
 *
 * @param mp
 *   The pool.
 * @param obj_table
 *   Where to put them.
 * @param n
 *   Number of objects.
 * @return
 *   0, or a negative errno (none taken).
 */
static __rte_always_inline int
rte_mempool_get_bulk(struct rte_mempool *mp, void **obj_table, unsigned int n)
{
	unsigned int lcore_id = rte_lcore_id();

	if (likely(__rte_mempool_lcore_cache_on(mp, lcore_id))) {
		struct rte_mempool_cache *cache =
			__rte_mempool_lcore_cache(mp, lcore_id);

		if (likely(n <= RTE_MEMPOOL_CACHE_MAX_SIZE && n <= cache->len)) {
			__rte_mempool_cache_pop(mp, cache, obj_table, n);
			return 0;
		}
		return rtmem_mempool_get_slow(mp, obj_table, n, cache);
	}
	return rte_mempool_generic_get(mp, obj_table, n,
			rte_mempool_default_cache(mp, lcore_id));
}

/**
 * Gets one object from a pool.
 *
 * @param mp
 *   The pool.
 * @param obj_p
 *   Where to put it; set to NULL on failure (rtmem; DPDK leaves it).
 * @return
 *   0, or a negative errno (-ENOBUFS: the pool is empty).
 */
static __rte_always_inline int
rte_mempool_get(struct rte_mempool *mp, void **obj_p)
{
	unsigned int lcore_id = rte_lcore_id();

	/*
	 * The one-object fast path on its own (as in rte_mempool_put()): the
	 * other paths fill a local of their own, so the caller's variable
	 * (usually `void *p; rte_mempool_get(mp, &p)`) never has its address
	 * passed to a function and stays in a register. Because of that, the
	 * failure path writes NULL, so that a caller that uses p without
	 * checking reads NULL rather than an uninitialised value.
	 */
	if (likely(__rte_mempool_lcore_cache_on(mp, lcore_id))) {
		struct rte_mempool_cache *cache =
			__rte_mempool_lcore_cache(mp, lcore_id);

		if (likely(cache->len != 0)) {
			*obj_p = cache->objs[--cache->len];
			__rte_mempool_asan_mark(mp, obj_p, 1, 0);
			return 0;
		}
	}
	{
		void *obj;
		int ret = rte_mempool_generic_get(mp, &obj, 1,
				rte_mempool_default_cache(mp, lcore_id));

		/* (rtmem: NULL on failure; DPDK leaves *obj_p as it was) */
		if (ret < 0) {
			*obj_p = NULL;
			return ret;
		}
		*obj_p = obj;
		return 0;
	}
}

/**
 * Gets n blocks of contiguous objects (drivers with blocks: bucket),
 * bypassing the caches.
 *
 * @param mp
 *   The pool.
 * @param first_obj_table
 *   Where to put the first object of each block.
 * @param n
 *   Number of blocks.
 * @return
 *   0, -ENOBUFS, or -EOPNOTSUPP when the driver has no blocks.
 */
static __rte_always_inline int
rte_mempool_get_contig_blocks(struct rte_mempool *mp,
			      void **first_obj_table, unsigned int n)
{
	int ret = rte_mempool_ops_dequeue_contig_blocks(mp, first_obj_table,
							n);

	if (ret == 0) {
		RTE_MEMPOOL_STAT_ADD(mp, get_success_bulk, 1);
		RTE_MEMPOOL_STAT_ADD(mp, get_success_blks, n);
		RTE_MEMPOOL_CONTIG_BLOCKS_CHECK_COOKIES(mp, first_obj_table,
							n, 1);
	} else {
		RTE_MEMPOOL_STAT_ADD(mp, get_fail_bulk, 1);
		RTE_MEMPOOL_STAT_ADD(mp, get_fail_blks, n);
	}
	return ret;
}

/**
 * Returns the number of objects in the pool: in its driver and in the
 * lcore caches (user-owned caches are not counted).
 *
 * @param mp
 *   The pool.
 * @return
 *   The count, at most mp->size.
 */
unsigned int rte_mempool_avail_count(const struct rte_mempool *mp);

/**
 * Returns the number of objects handed out.
 *
 * @param mp
 *   The pool.
 * @return
 *   mp->size - rte_mempool_avail_count().
 */
unsigned int rte_mempool_in_use_count(const struct rte_mempool *mp);

/**
 * Tells whether every object is in the pool.
 *
 * @param mp
 *   The pool.
 * @return
 *   1 or 0.
 */
static inline int
rte_mempool_full(const struct rte_mempool *mp)
{
	return rte_mempool_avail_count(mp) == mp->size;
}

/**
 * Tells whether no object is in the pool.
 *
 * @param mp
 *   The pool.
 * @return
 *   1 or 0.
 */
static inline int
rte_mempool_empty(const struct rte_mempool *mp)
{
	return rte_mempool_avail_count(mp) == 0;
}

/**
 * Returns the IO address of an object.
 *
 * @param elt
 *   An object.
 * @return
 *   Its IO address, or RTE_BAD_IOVA.
 */
static inline rte_iova_t
rte_mempool_virt2iova(const void *elt)
{
	const struct rte_mempool_objhdr *hdr =
		(const struct rte_mempool_objhdr *)RTE_PTR_SUB(elt,
							       sizeof(*hdr));

	return hdr->iova;
}

/**
 * Checks a pool: its caches' lengths, and in debug mode every free
 * object's cookies; panics (naming the pool) on corruption.
 *
 * @param mp
 *   The pool.
 */
void rte_mempool_audit(struct rte_mempool *mp);

/**
 * Returns a pool's private data.
 *
 * @param mp
 *   The pool.
 * @return
 *   Its start (right after the caches).
 */
static inline void *
rte_mempool_get_priv(struct rte_mempool *mp)
{
	return (char *)mp + RTE_MEMPOOL_HEADER_SIZE(mp, mp->cache_size);
}

/**
 * Prints every pool.
 *
 * @param f
 *   The stream.
 */
void rte_mempool_list_dump(FILE *f);

/**
 * Finds a pool by name, in any process of the instance.
 *
 * @param name
 *   The name.
 * @return
 *   The pool, or NULL with rte_errno ENOENT (or EINVAL for NULL).
 */
struct rte_mempool *rte_mempool_lookup(const char *name);

/**
 * Computes the layout of an object.
 *
 * @param elt_size
 *   Size of the element.
 * @param flags
 *   The pool's flags.
 * @param sz
 *   Filled with the sizes, or NULL.
 * @return
 *   The total size of an object.
 */
uint32_t rte_mempool_calc_obj_size(uint32_t elt_size, uint32_t flags,
				   struct rte_mempool_objsz *sz);

/**
 * Calls func on every pool of the instance.
 *
 * @param func
 *   The callback.
 * @param arg
 *   Its argument.
 */
void rte_mempool_walk(void (*func)(struct rte_mempool *, void *arg),
		      void *arg);

/**
 * The page size a pool's objects must not cross.
 *
 * @param mp
 *   The pool.
 * @param pg_sz
 *   Set to the size (0: none, for RTE_MEMPOOL_F_NO_IOVA_CONTIG).
 * @return
 *   0, or -EINVAL.
 */
int rte_mempool_get_page_size(struct rte_mempool *mp, size_t *pg_sz);

/** Events of a pool's life. */
enum rte_mempool_event {
	RTE_MEMPOOL_EVENT_READY = 0,   /**< Fully populated. */
	RTE_MEMPOOL_EVENT_DESTROY = 1, /**< About to be freed. */
};

/** Called on a pool event, in the process that caused it. */
typedef void (rte_mempool_event_callback)(enum rte_mempool_event event,
					  struct rte_mempool *mp,
					  void *user_data);

/**
 * Registers an event callback (this process).
 *
 * @param func
 *   The callback.
 * @param user_data
 *   Its argument.
 * @return
 *   0, or -EINVAL (NULL), -EEXIST (already registered), -ENOMEM; also
 *   in rte_errno.
 */
int rte_mempool_event_callback_register(rte_mempool_event_callback *func,
					void *user_data);

/**
 * Unregisters an event callback.
 *
 * @param func
 *   The callback.
 * @param user_data
 *   The argument it was registered with.
 * @return
 *   0, or -ENOENT; also in rte_errno.
 */
int rte_mempool_event_callback_unregister(rte_mempool_event_callback *func,
					  void *user_data);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_MEMPOOL_H_ */
