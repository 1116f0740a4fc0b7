/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * rte_mbuf: packet buffers kept in mempools.
 *
 * A pool of mbufs is an rte_mempool whose objects are laid out as
 * [struct rte_mbuf (128 B) | private area | data room], created by
 * rte_pktmbuf_pool_create(): rte_mempool_create_empty(), the driver of
 * rte_mbuf_best_mempool_ops(), rte_pktmbuf_pool_init() (the pool's
 * private struct rte_pktmbuf_pool_private), rte_mempool_populate_default()
 * and rte_pktmbuf_init() on every object. A packet is one mbuf or a chain
 * of segments linked by next; the first segment holds pkt_len and
 * nb_segs. A clone is an indirect mbuf that shares the data buffer of a
 * direct mbuf (which counts the clones in its refcnt); an mbuf may also
 * carry an external buffer shared through a struct
 * rte_mbuf_ext_shared_info with its own count.
 *
 * Reference counts, as DPDK: an mbuf waiting in its pool (or in a
 * per-lcore cache) has refcnt 1, next NULL and nb_segs 1 (the "raw"
 * state), so an allocation hands it out without writing it;
 * rte_pktmbuf_prefree_seg() drops one reference and, at the last one,
 * detaches the mbuf (clone, external buffer) and returns it in the raw
 * state for rte_mbuf_raw_free() or reuse.
 *
 * Double free (seed lesson 004): a second rte_pktmbuf_free() of an mbuf
 * that is already back in its pool puts it there twice, and the pool
 * later hands it out twice. rtmem catches it in the mempool's debug mode,
 * chosen at run time: RTMEM_MEMPOOL_DEBUG=1 in the environment when the
 * pool is created (rte_pktmbuf_pool_create() and the rest), or
 * RTMEM_MEMPOOL_F_DEBUG (rtmem.h) for a pool made with
 * rte_mempool_create_empty(). The put of an mbuf already in its pool is
 * then refused with one ERR log line naming the pool and the mbuf
 * ("mempool <pool>: double put of object <mbuf>"), so each mbuf stays in
 * the pool once; a put of a foreign pointer or of an mbuf whose trailer
 * was overwritten is refused too. It is not on by default: keeping a
 * marker in every free mbuf costs a store per free, measured at 4-7% on
 * two of bench/mbuf_perf's alloc/free bulk rows (issue 6 allows 3%). In
 * an ASan build whose instance is private to the process (--in-memory),
 * mbufs in a pool are poisoned and a free of one is refused (one log
 * line, type MBUF) whatever the mode. A free of an mbuf whose refcnt is
 * 0 is refused and logged too (DPDK wraps it to 65535).
 *
 * Deliberate differences from DPDK 22.11:
 *   - rte_pktmbuf_attach() and rte_pktmbuf_attach_extbuf() refuse, with
 *     a log line, to attach an mbuf that is not direct (DPDK asserts in
 *     debug builds and leaks the old attachment otherwise).
 *   - rte_pktmbuf_detach() of a direct mbuf does nothing (DPDK 22.11
 *     puts it back into its pool and keeps using it).
 *   - rte_pktmbuf_read() compares off + len in 64 bits, so huge values
 *     return NULL (DPDK 22.11 wraps around).
 *   - Pinned external buffers (rte_pktmbuf_pool_create_extbuf()) keep
 *     free_cb NULL in their shared info and are recycled by the library
 *     itself, so they work in every process (no function pointer in
 *     shared memory).
 *   - __rte_pktmbuf_read() and __rte_pktmbuf_linearize() are inline
 *     wrappers of the exported rtmem_pktmbuf_read() and
 *     rtmem_pktmbuf_linearize() (librtmem exports only rte_ and rtmem_
 *     names).
 *
 * Threads and processes: allocation and free are safe from any thread of
 * any process of the instance (they are mempool gets and puts); the
 * reference counts are atomic. A given mbuf is used by one thread at a
 * time, except for its refcnt. Pool creation is a control-path call.
 * Inline calls check nothing in release builds (RTE_LIBRTE_MBUF_DEBUG
 * turns on __rte_mbuf_sanity_check()); they never log on bad input
 * (append beyond the tailroom returns NULL silently, as in DPDK).
 */
#ifndef _RTE_MBUF_H_
#define _RTE_MBUF_H_

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <rte_branch_prediction.h>
#include <rte_common.h>
#include <rte_compat.h>
#include <rte_config.h>
#include <rte_debug.h>
#include <rte_mbuf_core.h>
#include <rte_mbuf_dyn.h>
#include <rte_mbuf_ptype.h>
#include <rte_mempool.h>
#include <rte_prefetch.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Name of one RX offload flag or one value of an RX flag field.
 *
 * @param mask
 *   RTE_MBUF_F_RX_* (one flag, or one value of a checksum field).
 * @return
 *   The macro's name ("RTE_MBUF_F_RX_VLAN"), or NULL for 0 and values
 *   that are not one RX flag.
 */
const char *rte_get_rx_ol_flag_name(uint64_t mask);

/**
 * Writes the names of the RX flags set in mask, each followed by a
 * space; each checksum field is named by its value, UNKNOWN included.
 *
 * @param mask
 *   RX offload flags.
 * @param buf
 *   Where to write the NUL-terminated text.
 * @param buflen
 *   Size of buf.
 * @return
 *   0, or -1 when buf is NULL, buflen is 0 or the text does not fit
 *   (buf then holds its first buflen - 1 characters).
 */
int rte_get_rx_ol_flag_list(uint64_t mask, char *buf, size_t buflen);

/**
 * Name of one TX offload flag or one value of a TX flag field.
 *
 * @param mask
 *   RTE_MBUF_F_TX_* (one flag, or one value of the L4 checksum or tunnel
 *   field).
 * @return
 *   The macro's name ("RTE_MBUF_F_TX_TCP_SEG"), or NULL for 0 and values
 *   that are not one TX flag (as DPDK 22.11, also for
 *   RTE_MBUF_F_TX_TUNNEL_ESP).
 */
const char *rte_get_tx_ol_flag_name(uint64_t mask);

/**
 * Writes the names of the TX flags set in mask, each followed by a
 * space; the L4 checksum field is named by its value (NO_CKSUM
 * included), the tunnel field only when it has a name.
 *
 * @param mask
 *   TX offload flags.
 * @param buf
 *   Where to write the NUL-terminated text.
 * @param buflen
 *   Size of buf.
 * @return
 *   0, or -1 when buf is NULL, buflen is 0 or the text does not fit
 *   (buf then holds its first buflen - 1 characters).
 */
int rte_get_tx_ol_flag_list(uint64_t mask, char *buf, size_t buflen);

/**
 * Prefetches the first cache line of an mbuf (the RX fields).
 *
 * @param m
 *   The mbuf.
 */
static inline void
rte_mbuf_prefetch_part1(struct rte_mbuf *m)
{
	rte_prefetch0(&m->cacheline0);
}

/**
 * Prefetches the second cache line of an mbuf (the TX fields).
 *
 * @param m
 *   The mbuf.
 */
static inline void
rte_mbuf_prefetch_part2(struct rte_mbuf *m)
{
#if RTE_CACHE_LINE_SIZE == 64
	rte_prefetch0(&m->cacheline1);
#else
	RTE_SET_USED(m);
#endif
}

static inline uint16_t rte_pktmbuf_priv_size(struct rte_mempool *mp);

/**
 * IO address of an mbuf's data buffer.
 *
 * @param m
 *   The mbuf.
 * @return
 *   buf_iova.
 */
static inline rte_iova_t
rte_mbuf_iova_get(const struct rte_mbuf *m)
{
#if RTE_IOVA_AS_PA
	return m->buf_iova;
#else
	return (rte_iova_t)(uintptr_t)m->buf_addr;
#endif
}

/**
 * Sets the IO address of an mbuf's data buffer.
 *
 * @param m
 *   The mbuf.
 * @param iova
 *   The address.
 */
static inline void
rte_mbuf_iova_set(struct rte_mbuf *m, rte_iova_t iova)
{
#if RTE_IOVA_AS_PA
	m->buf_iova = iova;
#else
	RTE_SET_USED(m);
	RTE_SET_USED(iova);
#endif
}

/**
 * IO address of the start of an mbuf's data.
 *
 * @param mb
 *   The mbuf.
 * @return
 *   buf_iova + data_off.
 */
static inline rte_iova_t
rte_mbuf_data_iova(const struct rte_mbuf *mb)
{
	return rte_mbuf_iova_get(mb) + mb->data_off;
}

/**
 * IO address where the data of an mbuf starts after a reset.
 *
 * @param mb
 *   The mbuf.
 * @return
 *   buf_iova + RTE_PKTMBUF_HEADROOM.
 */
static inline rte_iova_t
rte_mbuf_data_iova_default(const struct rte_mbuf *mb)
{
	return rte_mbuf_iova_get(mb) + RTE_PKTMBUF_HEADROOM;
}

/**
 * The direct mbuf whose buffer an indirect mbuf uses.
 *
 * @param mi
 *   An indirect mbuf.
 * @return
 *   The mbuf that embeds mi's data buffer.
 */
static inline struct rte_mbuf *
rte_mbuf_from_indirect(struct rte_mbuf *mi)
{
	return (struct rte_mbuf *)RTE_PTR_SUB(mi->buf_addr,
					      sizeof(*mi) + mi->priv_size);
}

/**
 * Address of the data buffer embedded in an mbuf of a pool.
 *
 * @param mb
 *   The mbuf.
 * @param mp
 *   Its pool.
 * @return
 *   mb + 128 + the pool's private size.
 */
static inline char *
rte_mbuf_buf_addr(struct rte_mbuf *mb, struct rte_mempool *mp)
{
	return (char *)mb + sizeof(*mb) + rte_pktmbuf_priv_size(mp);
}

/**
 * Where the data of an mbuf starts after a reset.
 *
 * @param mb
 *   The mbuf.
 * @return
 *   Its embedded buffer + RTE_PKTMBUF_HEADROOM.
 */
static inline char *
rte_mbuf_data_addr_default(struct rte_mbuf *mb)
{
	return rte_mbuf_buf_addr(mb, mb->pool) + RTE_PKTMBUF_HEADROOM;
}

/**
 * Address of the data buffer embedded in a direct mbuf.
 *
 * @param md
 *   The mbuf.
 * @return
 *   Its embedded buffer (whatever buf_addr points at now).
 */
static inline char *
rte_mbuf_to_baddr(struct rte_mbuf *md)
{
	return rte_mbuf_buf_addr(md, md->pool);
}

/**
 * The private area of an mbuf, right after struct rte_mbuf.
 *
 * @param m
 *   The mbuf.
 * @return
 *   Its start (priv_size bytes; for an indirect mbuf, priv_size is the
 *   direct mbuf's, not this one's).
 */
static inline void *
rte_mbuf_to_priv(struct rte_mbuf *m)
{
	return RTE_PTR_ADD(m, sizeof(struct rte_mbuf));
}

/**
 * What an mbuf pool keeps in its private data (rte_mempool_get_priv()).
 */
struct rte_pktmbuf_pool_private {
	uint16_t mbuf_data_room_size; /**< Data room of each mbuf. */
	uint16_t mbuf_priv_size;      /**< Private area of each mbuf. */
	uint32_t flags;               /**< RTE_PKTMBUF_POOL_F_*. */
};

/**
 * Flags of an mbuf pool.
 *
 * @param mp
 *   An mbuf pool.
 * @return
 *   RTE_PKTMBUF_POOL_F_* flags.
 */
static inline uint32_t
rte_pktmbuf_priv_flags(struct rte_mempool *mp)
{
	const struct rte_pktmbuf_pool_private *p =
		(const struct rte_pktmbuf_pool_private *)
		rte_mempool_get_priv(mp);

	return p->flags;
}

/** The pool's mbufs have pinned external buffers. */
#define RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF (1 << 0)

/**
 * Non-zero when an mbuf comes from a pool of pinned external buffers
 * (its buffer stays with it; rte_pktmbuf_pool_create_extbuf()).
 */
#define RTE_MBUF_HAS_PINNED_EXTBUF(mb) \
	(rte_pktmbuf_priv_flags((mb)->pool) & RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF)

#ifdef RTE_LIBRTE_MBUF_DEBUG
/** Checks an mbuf in debug builds (RTE_LIBRTE_MBUF_DEBUG). */
#define __rte_mbuf_sanity_check(m, is_h) rte_mbuf_sanity_check(m, is_h)
#else
/** Checks an mbuf in debug builds (RTE_LIBRTE_MBUF_DEBUG). */
#define __rte_mbuf_sanity_check(m, is_h) do { } while (0)
#endif

/**
 * Reads the reference count of an mbuf.
 *
 * @param m
 *   The mbuf.
 * @return
 *   The count (1 while the mbuf waits in its pool, as in DPDK).
 */
static inline uint16_t
rte_mbuf_refcnt_read(const struct rte_mbuf *m)
{
	return __atomic_load_n(&m->refcnt, __ATOMIC_RELAXED);
}

/**
 * Sets the reference count of an mbuf.
 *
 * @param m
 *   The mbuf.
 * @param new_value
 *   The count.
 */
static inline void
rte_mbuf_refcnt_set(struct rte_mbuf *m, uint16_t new_value)
{
	__atomic_store_n(&m->refcnt, new_value, __ATOMIC_RELAXED);
}

/*
 * @internal Reads the count to decide whether the caller holds the last
 * reference: ACQUIRE, pairing with the RELEASE half of the other
 * holders' decrements, so what they did with the mbuf happens before
 * what the last holder does next (free it, reuse it). A plain load on
 * x86; rte_mbuf_refcnt_read() stays relaxed, as DPDK's.
 */
static __rte_always_inline uint16_t
__rte_mbuf_refcnt_read_last(const struct rte_mbuf *m)
{
	return __atomic_load_n(&m->refcnt, __ATOMIC_ACQUIRE);
}

/* @internal Adds value to the count atomically; returns the new count. */
static inline uint16_t
__rte_mbuf_refcnt_update(struct rte_mbuf *m, int16_t value)
{
	return __atomic_add_fetch(&m->refcnt, (uint16_t)value,
				  __ATOMIC_ACQ_REL);
}

/**
 * Adds to the reference count of an mbuf. When the caller holds the only
 * reference (count 1), nobody else may change it, so a plain store does.
 *
 * @param m
 *   The mbuf.
 * @param value
 *   What to add (may be negative).
 * @return
 *   The new count.
 */
static inline uint16_t
rte_mbuf_refcnt_update(struct rte_mbuf *m, int16_t value)
{
	if (likely(__rte_mbuf_refcnt_read_last(m) == 1)) {
		uint16_t v = (uint16_t)(1 + value);

		rte_mbuf_refcnt_set(m, v);
		return v;
	}
	return __rte_mbuf_refcnt_update(m, value);
}

/**
 * Reads the reference count of an external buffer.
 *
 * @param shinfo
 *   Its shared info.
 * @return
 *   The number of mbufs attached to it.
 */
static inline uint16_t
rte_mbuf_ext_refcnt_read(const struct rte_mbuf_ext_shared_info *shinfo)
{
	return __atomic_load_n(&shinfo->refcnt, __ATOMIC_RELAXED);
}

/**
 * Sets the reference count of an external buffer.
 *
 * @param shinfo
 *   Its shared info.
 * @param new_value
 *   The count.
 */
static inline void
rte_mbuf_ext_refcnt_set(struct rte_mbuf_ext_shared_info *shinfo,
			uint16_t new_value)
{
	__atomic_store_n(&shinfo->refcnt, new_value, __ATOMIC_RELAXED);
}

/**
 * Adds to the reference count of an external buffer (a plain store when
 * the count is 1, as rte_mbuf_refcnt_update()).
 *
 * @param shinfo
 *   Its shared info.
 * @param value
 *   What to add (may be negative).
 * @return
 *   The new count.
 */
static inline uint16_t
rte_mbuf_ext_refcnt_update(struct rte_mbuf_ext_shared_info *shinfo,
			   int16_t value)
{
	/* ACQUIRE: as __rte_mbuf_refcnt_read_last() */
	if (likely(__atomic_load_n(&shinfo->refcnt, __ATOMIC_ACQUIRE) == 1)) {
		uint16_t v = (uint16_t)(1 + value);

		rte_mbuf_ext_refcnt_set(shinfo, v);
		return v;
	}
	return __atomic_add_fetch(&shinfo->refcnt, (uint16_t)value,
				  __ATOMIC_ACQ_REL);
}

/** Prefetches an mbuf that is about to be freed (NULL is allowed). */
#define RTE_MBUF_PREFETCH_TO_FREE(m) do {                \
		if ((m) != NULL)                         \
			rte_prefetch0(m);   \
	} while (0)

/**
 * Checks an mbuf and panics (rte_panic(), naming the fault) when it is
 * wrong; see rte_mbuf_check().
 *
 * @param m
 *   The mbuf.
 * @param is_header
 *   1 for the first segment of a packet (the chain is checked too).
 */
void rte_mbuf_sanity_check(const struct rte_mbuf *m, int is_header);

/**
 * Checks an mbuf: it is not NULL, has a pool, a buffer address and IO
 * address (not 0), and a reference count that is neither 0 (in the pool)
 * nor 0xffff; for a first segment also: data_len <= pkt_len, every
 * segment's data lies inside its buffer, and nb_segs and pkt_len match
 * the chain.
 *
 * @param m
 *   The mbuf.
 * @param is_header
 *   1 for the first segment of a packet.
 * @param reason
 *   Set to a static text naming the fault when the check fails (may be
 *   NULL).
 * @return
 *   0 when the mbuf is sound, -1 otherwise.
 */
int rte_mbuf_check(const struct rte_mbuf *m, int is_header,
		   const char **reason);

/**
 * @internal Debug-build checks of an mbuf in the raw state (refcnt 1,
 * next NULL, nb_segs 1).
 */
static __rte_always_inline void
__rte_mbuf_raw_sanity_check(__rte_unused const struct rte_mbuf *m)
{
	RTE_ASSERT(rte_mbuf_refcnt_read(m) == 1);
	RTE_ASSERT(m->next == NULL);
	RTE_ASSERT(m->nb_segs == 1);
	__rte_mbuf_sanity_check(m, 0);
}

/** Old name of __rte_mbuf_raw_sanity_check(). */
#define MBUF_RAW_ALLOC_CHECK(m) __rte_mbuf_raw_sanity_check(m)

/**
 * @internal Reports a free of an mbuf that is not in use: poisoned as
 * being in its pool (ASan) or with refcnt 0 (one log line, ERR, type
 * MBUF, naming the mbuf and its pool). The caller then leaves the mbuf
 * alone.
 *
 * @param m
 *   The mbuf.
 */
__rte_cold void rtmem_mbuf_double_free(const struct rte_mbuf *m);

/**
 * @internal Reports an attach refused because the mbuf to attach is not
 * direct (one log line, ERR, type MBUF).
 *
 * @param mi
 *   The mbuf that was to be attached.
 */
__rte_cold void rtmem_mbuf_attach_refused(const struct rte_mbuf *mi);

/*
 * @internal Non-zero when ASan marks the mbuf as being in its pool (the
 * mempool poisons the objects it holds). Always 0 without ASan.
 */
static __rte_always_inline int
__rte_mbuf_asan_in_pool(const struct rte_mbuf *m)
{
#ifdef __RTE_MEMPOOL_ASAN
	return __asan_address_is_poisoned(&m->refcnt);
#else
	RTE_SET_USED(m);
	return 0;
#endif
}

/*
 * @internal Puts an mbuf whose refcnt the caller has set to 0 back into
 * its pool.
 */
static __rte_always_inline void
__rte_mbuf_raw_put(struct rte_mbuf *m)
{
	rte_mempool_put(m->pool, m);
}

/**
 * Allocates an mbuf in the raw state: refcnt 1, next NULL, nb_segs 1,
 * buffer fields set; the other fields hold what its last user left
 * (rte_pktmbuf_alloc() also resets them).
 *
 * @param mp
 *   An mbuf pool.
 * @return
 *   The mbuf, or NULL when the pool is empty.
 */
static inline struct rte_mbuf *
rte_mbuf_raw_alloc(struct rte_mempool *mp)
{
	struct rte_mbuf *m;

	if (rte_mempool_get(mp, (void **)&m) < 0)
		return NULL;
	__rte_mbuf_raw_sanity_check(m);
	return m;
}

/**
 * Puts an mbuf in the raw state back into its pool. It must be direct
 * (or have a pinned external buffer), with refcnt 1, next NULL and
 * nb_segs 1, as rte_pktmbuf_prefree_seg() returns it. (A double put is
 * refused in the mempool's debug mode: file comment.)
 *
 * @param m
 *   The mbuf.
 */
static __rte_always_inline void
rte_mbuf_raw_free(struct rte_mbuf *m)
{
	RTE_ASSERT(!RTE_MBUF_CLONED(m) &&
		   (!RTE_MBUF_HAS_EXTBUF(m) || RTE_MBUF_HAS_PINNED_EXTBUF(m)));
	if (unlikely(__rte_mbuf_asan_in_pool(m))) {
		rtmem_mbuf_double_free(m);
		return;
	}
	__rte_mbuf_raw_put(m);
}

/**
 * Initialises one mbuf of a pool (callback of rte_mempool_obj_iter()):
 * zeroes the mbuf and its private area, then sets the buffer fields from
 * the pool's private data, data_off to the default headroom, pool,
 * nb_segs 1, port RTE_MBUF_PORT_INVALID and refcnt 1.
 *
 * @param mp
 *   The pool; its private data is a struct rte_pktmbuf_pool_private.
 * @param opaque_arg
 *   Unused.
 * @param m
 *   The object.
 * @param i
 *   Unused.
 */
void rte_pktmbuf_init(struct rte_mempool *mp, void *opaque_arg,
		      void *m, unsigned i);

/**
 * Writes an mbuf pool's private data (callback of rte_mempool_create()).
 *
 * @param mp
 *   The pool; its private data must hold a struct
 *   rte_pktmbuf_pool_private (else nothing is written and an error is
 *   logged).
 * @param opaque_arg
 *   A struct rte_pktmbuf_pool_private to copy, or NULL for: no private
 *   area, the rest of the element as data room (at most UINT16_MAX), no
 *   flags.
 */
void rte_pktmbuf_pool_init(struct rte_mempool *mp, void *opaque_arg);

/**
 * Creates and fills a pool of n mbufs with the driver of
 * rte_mbuf_best_mempool_ops().
 *
 * @param name
 *   Name of the pool (shorter than RTE_MEMPOOL_NAMESIZE).
 * @param n
 *   Number of mbufs.
 * @param cache_size
 *   Size of the per-lcore caches (0 to RTE_MEMPOOL_CACHE_MAX_SIZE, and
 *   at most n).
 * @param priv_size
 *   Private area after each mbuf, a multiple of RTE_MBUF_PRIV_ALIGN.
 * @param data_room_size
 *   Data buffer of each mbuf, headroom included
 *   (RTE_MBUF_DEFAULT_BUF_SIZE usually).
 * @param socket_id
 *   NUMA socket, or SOCKET_ID_ANY.
 * @return
 *   The pool, or NULL with rte_errno:
 *   - EINVAL: priv_size not aligned (logged), an unknown driver (logged),
 *     or the rte_mempool_create_empty() checks (n 0, cache too large);
 *   - EEXIST, ENAMETOOLONG, ENOSPC, ENOMEM: as rte_mempool_create_empty()
 *     and the population.
 */
struct rte_mempool *
rte_pktmbuf_pool_create(const char *name, unsigned n,
			unsigned cache_size, uint16_t priv_size,
			uint16_t data_room_size, int socket_id);

/**
 * rte_pktmbuf_pool_create() with a given mempool driver.
 *
 * @param name
 *   Name of the pool.
 * @param n
 *   Number of mbufs.
 * @param cache_size
 *   Size of the per-lcore caches.
 * @param priv_size
 *   Private area after each mbuf, a multiple of RTE_MBUF_PRIV_ALIGN.
 * @param data_room_size
 *   Data buffer of each mbuf, headroom included.
 * @param socket_id
 *   NUMA socket, or SOCKET_ID_ANY.
 * @param ops_name
 *   The driver, or NULL for rte_mbuf_best_mempool_ops().
 * @return
 *   The pool, or NULL with rte_errno as for rte_pktmbuf_pool_create().
 */
struct rte_mempool *
rte_pktmbuf_pool_create_by_ops(const char *name, unsigned int n,
			       unsigned int cache_size, uint16_t priv_size,
			       uint16_t data_room_size, int socket_id,
			       const char *ops_name);

/** One area of external memory for rte_pktmbuf_pool_create_extbuf(). */
struct rte_pktmbuf_extmem {
	void *buf_ptr;       /**< Start of the area. */
	rte_iova_t buf_iova; /**< Its IO address, or RTE_BAD_IOVA. */
	size_t buf_len;      /**< Its length. */
	uint16_t elt_size;   /**< Bytes given to each mbuf. */
};

/**
 * Creates a pool of n mbufs whose data buffers are pinned in external
 * memory: each mbuf is created attached (RTE_MBUF_F_EXTERNAL) to its own
 * elt_size slice of the areas, in order, and keeps it for life; its
 * shared info sits right after its private area. Clones of such mbufs
 * count on that shared info; the mbuf goes back to its pool when it and
 * its clones are all freed.
 *
 * @param name
 *   Name of the pool.
 * @param n
 *   Number of mbufs.
 * @param cache_size
 *   Size of the per-lcore caches.
 * @param priv_size
 *   Private area after each mbuf, a multiple of RTE_MBUF_PRIV_ALIGN.
 * @param data_room_size
 *   Data buffer of each mbuf (at most every area's elt_size).
 * @param socket_id
 *   NUMA socket, or SOCKET_ID_ANY.
 * @param ext_mem
 *   The areas.
 * @param ext_num
 *   Number of areas.
 * @return
 *   The pool, or NULL with rte_errno (logged): EINVAL (priv_size not
 *   aligned, no areas, an area with a NULL start or a 0 length or
 *   elt_size, data_room_size above an elt_size), ENOMEM (the areas hold
 *   fewer than n slices), or as rte_pktmbuf_pool_create().
 */
__rte_experimental
struct rte_mempool *
rte_pktmbuf_pool_create_extbuf(const char *name, unsigned int n,
			       unsigned int cache_size, uint16_t priv_size,
			       uint16_t data_room_size, int socket_id,
			       const struct rte_pktmbuf_extmem *ext_mem,
			       unsigned int ext_num);

/**
 * Data room of the mbufs of a pool.
 *
 * @param mp
 *   An mbuf pool.
 * @return
 *   Bytes of data buffer per mbuf, headroom included.
 */
static inline uint16_t
rte_pktmbuf_data_room_size(struct rte_mempool *mp)
{
	const struct rte_pktmbuf_pool_private *p =
		(const struct rte_pktmbuf_pool_private *)
		rte_mempool_get_priv(mp);

	return p->mbuf_data_room_size;
}

/**
 * Private area size of the mbufs of a pool.
 *
 * @param mp
 *   An mbuf pool.
 * @return
 *   Bytes between struct rte_mbuf and the data buffer.
 */
static inline uint16_t
rte_pktmbuf_priv_size(struct rte_mempool *mp)
{
	const struct rte_pktmbuf_pool_private *p =
		(const struct rte_pktmbuf_pool_private *)
		rte_mempool_get_priv(mp);

	return p->mbuf_priv_size;
}

/**
 * Sets the headroom of a segment to the default (RTE_PKTMBUF_HEADROOM,
 * or the whole buffer when it is smaller).
 *
 * @param m
 *   The mbuf.
 */
static inline void
rte_pktmbuf_reset_headroom(struct rte_mbuf *m)
{
	m->data_off = (uint16_t)RTE_MIN((uint16_t)RTE_PKTMBUF_HEADROOM,
					(uint16_t)m->buf_len);
}

/**
 * Resets the packet fields of an mbuf: one empty segment (next NULL,
 * nb_segs 1, lengths 0, default headroom), port RTE_MBUF_PORT_INVALID,
 * no offload flags but RTE_MBUF_F_EXTERNAL, no packet type, VLAN tags or
 * tx_offload. The reference count is not touched.
 *
 * @param m
 *   The mbuf.
 */
/* @internal The fields rte_pktmbuf_reset() clears besides the rearm word. */
static __rte_always_inline void
__rte_pktmbuf_reset_packet(struct rte_mbuf *m)
{
	m->next = NULL;
	m->pkt_len = 0;
	m->tx_offload = 0;
	m->vlan_tci = 0;
	m->vlan_tci_outer = 0;
	m->ol_flags &= RTE_MBUF_F_EXTERNAL;
	m->packet_type = 0;
	m->data_len = 0;
}

static inline void
rte_pktmbuf_reset(struct rte_mbuf *m)
{
	m->nb_segs = 1;
	m->port = RTE_MBUF_PORT_INVALID;
	rte_pktmbuf_reset_headroom(m);
	__rte_pktmbuf_reset_packet(m);
	__rte_mbuf_sanity_check(m, 1);
}

/*
 * @internal rte_pktmbuf_reset() for a freshly allocated mbuf, whose
 * refcnt is 1: data_off, refcnt, nb_segs and port (the 8-byte rearm
 * word) are written in one store.
 */
static __rte_always_inline void
__rte_pktmbuf_reset_alloc(struct rte_mbuf *m)
{
	uint16_t rearm[4];

	rearm[0] = (uint16_t)RTE_MIN((uint16_t)RTE_PKTMBUF_HEADROOM,
				     (uint16_t)m->buf_len);
	rearm[1] = 1;                     /* refcnt */
	rearm[2] = 1;                     /* nb_segs */
	rearm[3] = RTE_MBUF_PORT_INVALID; /* port */
	memcpy((char *)m + offsetof(struct rte_mbuf, data_off), rearm,
	       sizeof(rearm));
	__rte_pktmbuf_reset_packet(m);
	__rte_mbuf_sanity_check(m, 1);
}

/**
 * Allocates an mbuf and resets it (rte_pktmbuf_reset()), refcnt 1.
 *
 * @param mp
 *   An mbuf pool.
 * @return
 *   The mbuf, or NULL when the pool is empty.
 */
static inline struct rte_mbuf *
rte_pktmbuf_alloc(struct rte_mempool *mp)
{
	struct rte_mbuf *m;

	if (rte_mempool_get(mp, (void **)&m) < 0)
		return NULL;
	__rte_pktmbuf_reset_alloc(m);
	return m;
}

/**
 * Allocates count mbufs, all or none, and resets them as
 * rte_pktmbuf_alloc().
 *
 * @param pool
 *   An mbuf pool.
 * @param mbufs
 *   Where to put them.
 * @param count
 *   How many.
 * @return
 *   0, or the mempool's negative errno (-ENOBUFS: not enough mbufs; none
 *   taken).
 */
static inline int
rte_pktmbuf_alloc_bulk(struct rte_mempool *pool, struct rte_mbuf **mbufs,
		       unsigned count)
{
	int ret = rte_mempool_get_bulk(pool, (void **)mbufs, count);

	if (unlikely(ret != 0))
		return ret;
	for (unsigned int i = 0; i < count; i++)
		__rte_pktmbuf_reset_alloc(mbufs[i]);
	return 0;
}

/**
 * Places a struct rte_mbuf_ext_shared_info at the end of an external
 * buffer (aligned down to a pointer) and shortens the buffer to end
 * before it.
 *
 * @param buf_addr
 *   The buffer.
 * @param buf_len
 *   In: its length; out: the length left for data.
 * @param free_cb
 *   Frees the buffer when its last mbuf lets go of it.
 * @param fcb_opaque
 *   Argument of free_cb.
 * @return
 *   The shared info, with refcnt 1, or NULL when the buffer is too small
 *   (nothing written).
 */
static inline struct rte_mbuf_ext_shared_info *
rte_pktmbuf_ext_shinfo_init_helper(void *buf_addr, uint16_t *buf_len,
				   rte_mbuf_extbuf_free_callback_t free_cb,
				   void *fcb_opaque)
{
	struct rte_mbuf_ext_shared_info *shinfo;
	uintptr_t start = (uintptr_t)buf_addr;
	uintptr_t at;

	if (*buf_len <= sizeof(*shinfo))
		return NULL;
	at = RTE_ALIGN_FLOOR(start + *buf_len - sizeof(*shinfo),
			     sizeof(uintptr_t));
	if (at <= start)
		return NULL;
	shinfo = (struct rte_mbuf_ext_shared_info *)at;
	shinfo->free_cb = free_cb;
	shinfo->fcb_opaque = fcb_opaque;
	rte_mbuf_ext_refcnt_set(shinfo, 1);
	*buf_len = (uint16_t)(at - start);
	return shinfo;
}

/**
 * Attaches a direct mbuf (refcnt 1) to an external buffer: buf_addr,
 * buf_iova, buf_len and shinfo set, data_off and data_len 0,
 * RTE_MBUF_F_EXTERNAL added. The caller has counted this mbuf in
 * shinfo's refcnt. An mbuf that is not direct is refused (rtmem; logged,
 * nothing changed).
 *
 * @param m
 *   The mbuf.
 * @param buf_addr
 *   The external buffer.
 * @param buf_iova
 *   Its IO address.
 * @param buf_len
 *   Its length.
 * @param shinfo
 *   Its shared info (free_cb set).
 */
static inline void
rte_pktmbuf_attach_extbuf(struct rte_mbuf *m, void *buf_addr,
			  rte_iova_t buf_iova, uint16_t buf_len,
			  struct rte_mbuf_ext_shared_info *shinfo)
{
	RTE_ASSERT(rte_mbuf_refcnt_read(m) == 1);
	RTE_ASSERT(shinfo->free_cb != NULL);
	if (unlikely(!RTE_MBUF_DIRECT(m))) {
		rtmem_mbuf_attach_refused(m);
		return;
	}
	m->buf_addr = buf_addr;
	rte_mbuf_iova_set(m, buf_iova);
	m->buf_len = buf_len;
	m->data_len = 0;
	m->data_off = 0;
	m->ol_flags |= RTE_MBUF_F_EXTERNAL;
	m->shinfo = shinfo;
}

/** Detaches an mbuf from its external buffer (rte_pktmbuf_detach()). */
#define rte_pktmbuf_detach_extbuf(m) rte_pktmbuf_detach(m)

/**
 * Copies the dynamic fields of an mbuf.
 *
 * @param mdst
 *   The destination.
 * @param msrc
 *   The source.
 */
static inline void
rte_mbuf_dynfield_copy(struct rte_mbuf *mdst, const struct rte_mbuf *msrc)
{
#if !RTE_IOVA_AS_PA
	mdst->dynfield2 = msrc->dynfield2;
#endif
	memcpy(&mdst->dynfield1, msrc->dynfield1, sizeof(mdst->dynfield1));
}

/*
 * @internal Copies the packet metadata a clone or a copy inherits: port,
 * VLAN tags, tx_offload, hash, packet type and dynamic fields.
 */
static inline void
__rte_pktmbuf_copy_hdr(struct rte_mbuf *mdst, const struct rte_mbuf *msrc)
{
	mdst->port = msrc->port;
	mdst->vlan_tci = msrc->vlan_tci;
	mdst->vlan_tci_outer = msrc->vlan_tci_outer;
	mdst->tx_offload = msrc->tx_offload;
	mdst->hash = msrc->hash;
	mdst->packet_type = msrc->packet_type;
	rte_mbuf_dynfield_copy(mdst, msrc);
}

/**
 * Attaches mi to the data of m (a clone of one segment): mi shares m's
 * buffer, data offset and length and copies its metadata; the buffer's
 * owner counts one more reference (the direct mbuf behind m, or m's
 * external buffer). mi becomes a one-segment packet, indirect
 * (RTE_MBUF_F_INDIRECT) or external. mi must be direct with refcnt 1;
 * an mi that is not direct is refused (rtmem; logged, nothing changed).
 *
 * @param mi
 *   The mbuf to attach.
 * @param m
 *   The segment whose data it shares (direct, indirect or external).
 */
static inline void
rte_pktmbuf_attach(struct rte_mbuf *mi, struct rte_mbuf *m)
{
	RTE_ASSERT(rte_mbuf_refcnt_read(mi) == 1);
	if (unlikely(!RTE_MBUF_DIRECT(mi))) {
		rtmem_mbuf_attach_refused(mi);
		return;
	}
	if (RTE_MBUF_HAS_EXTBUF(m)) {
		rte_mbuf_ext_refcnt_update(m->shinfo, 1);
		mi->ol_flags = m->ol_flags;
		mi->shinfo = m->shinfo;
	} else {
		rte_mbuf_refcnt_update(rte_mbuf_from_indirect(m), 1);
		mi->priv_size = m->priv_size;
		mi->ol_flags = m->ol_flags | RTE_MBUF_F_INDIRECT;
	}
	__rte_pktmbuf_copy_hdr(mi, m);
	mi->data_off = m->data_off;
	mi->data_len = m->data_len;
	rte_mbuf_iova_set(mi, rte_mbuf_iova_get(m));
	mi->buf_addr = m->buf_addr;
	mi->buf_len = m->buf_len;
	mi->next = NULL;
	mi->pkt_len = mi->data_len;
	mi->nb_segs = 1;
	__rte_mbuf_sanity_check(mi, 1);
	__rte_mbuf_sanity_check(m, 0);
}

/*
 * @internal Recycles an mbuf of a pinned-buffer pool whose buffer was
 * released by its last clone (the mbuf itself was freed before, with
 * refcnt left at 0): the buffer's count goes back to 1 and the mbuf to
 * its pool.
 */
static inline void
__rte_pktmbuf_free_pinned(struct rte_mbuf *m)
{
	rte_mbuf_ext_refcnt_set(m->shinfo, 1);
	m->ol_flags = RTE_MBUF_F_EXTERNAL;
	if (m->next != NULL)
		m->next = NULL;
	if (m->nb_segs != 1)
		m->nb_segs = 1;
	__rte_mbuf_raw_put(m);
}

/*
 * @internal Drops m's reference to its external buffer and frees the
 * buffer at the last one: free_cb, or, for a pinned buffer (free_cb
 * NULL), recycling of the mbuf that owns it (fcb_opaque).
 */
static inline void
__rte_pktmbuf_free_extbuf(struct rte_mbuf *m)
{
	struct rte_mbuf_ext_shared_info *shinfo = m->shinfo;

	RTE_ASSERT(RTE_MBUF_HAS_EXTBUF(m));
	RTE_ASSERT(shinfo != NULL);
	if (rte_mbuf_ext_refcnt_update(shinfo, -1) != 0)
		return;
	if (shinfo->free_cb != NULL)
		shinfo->free_cb(m->buf_addr, shinfo->fcb_opaque);
	else
		__rte_pktmbuf_free_pinned(
			(struct rte_mbuf *)shinfo->fcb_opaque);
}

/*
 * @internal Drops an indirect mbuf's reference to its direct mbuf and
 * puts the direct mbuf back at the last one (its refcnt stays 0).
 */
static inline void
__rte_pktmbuf_free_direct(struct rte_mbuf *m)
{
	struct rte_mbuf *md = rte_mbuf_from_indirect(m);

	RTE_ASSERT(RTE_MBUF_CLONED(m));
	if (unlikely(__rte_mbuf_asan_in_pool(md))) {
		rtmem_mbuf_double_free(md);
		return;
	}
	if (rte_mbuf_refcnt_update(md, -1) == 0) {
		md->next = NULL;
		md->nb_segs = 1;
		rte_mbuf_refcnt_set(md, 1);
		__rte_mbuf_raw_put(md);
	}
}

/**
 * Detaches an indirect mbuf or an mbuf with an external buffer, which
 * gets its own embedded buffer back (default headroom, no data, no
 * flags); the reference it held is dropped, and the direct mbuf or the
 * external buffer is freed if that was the last. An mbuf of a pinned
 * pool keeps its buffer, and a direct mbuf has nothing to detach: for
 * both nothing is done.
 *
 * @param m
 *   The mbuf.
 */
static inline void
rte_pktmbuf_detach(struct rte_mbuf *m)
{
	struct rte_mempool *mp = m->pool;
	uint32_t mbuf_size;
	uint16_t priv_size;

	if (unlikely(RTE_MBUF_DIRECT(m)))
		return; /* nothing attached (rtmem; DPDK would free m) */
	if (RTE_MBUF_HAS_EXTBUF(m)) {
		if (rte_pktmbuf_priv_flags(mp) &
		    RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF)
			return;
		__rte_pktmbuf_free_extbuf(m);
	} else {
		__rte_pktmbuf_free_direct(m);
	}
	priv_size = rte_pktmbuf_priv_size(mp);
	mbuf_size = (uint32_t)(sizeof(struct rte_mbuf) + priv_size);
	m->priv_size = priv_size;
	m->buf_addr = (char *)m + mbuf_size;
	rte_mbuf_iova_set(m, rte_mempool_virt2iova(m) + mbuf_size);
	m->buf_len = rte_pktmbuf_data_room_size(mp);
	rte_pktmbuf_reset_headroom(m);
	m->data_len = 0;
	m->ol_flags = 0;
}

/*
 * @internal At the free of an mbuf of a pinned pool: drops its own
 * reference to its buffer. Returns 1 when clones still use the buffer
 * (the mbuf is recycled by the last of them), 0 when the mbuf may go back
 * to its pool now.
 */
static inline int
__rte_pktmbuf_pinned_extbuf_decref(struct rte_mbuf *m)
{
	struct rte_mbuf_ext_shared_info *shinfo = m->shinfo;

	m->ol_flags = RTE_MBUF_F_EXTERNAL;
	if (likely(rte_mbuf_ext_refcnt_read(shinfo) == 1))
		return 0;
	if (__atomic_sub_fetch(&shinfo->refcnt, 1, __ATOMIC_ACQ_REL) != 0)
		return 1;
	rte_mbuf_ext_refcnt_set(shinfo, 1);
	return 0;
}

/**
 * Drops one reference to a segment without putting it back: when it was
 * the last, the segment is detached (clone, external buffer), unlinked
 * (next NULL, nb_segs 1) and returned in the raw state (refcnt 1), for
 * rte_mbuf_raw_free() or for reuse. A segment with refcnt 0, or (ASan,
 * private instance) one poisoned as being in its pool, is reported
 * (rtmem) and NULL returned.
 *
 * @param m
 *   The segment.
 * @return
 *   m when this was its last reference, else NULL.
 */
static __rte_always_inline struct rte_mbuf *
rte_pktmbuf_prefree_seg(struct rte_mbuf *m)
{
	uint16_t refcnt;

	if (unlikely(__rte_mbuf_asan_in_pool(m))) {
		rtmem_mbuf_double_free(m);
		return NULL;
	}
	refcnt = __rte_mbuf_refcnt_read_last(m);
	if (likely(refcnt == 1)) {
		/* The only reference: nobody else may change the count. */
	} else if (unlikely(refcnt == 0)) {
		rtmem_mbuf_double_free(m);
		return NULL;
	} else if (__atomic_sub_fetch(&m->refcnt, 1,
				      __ATOMIC_ACQ_REL) != 0) {
		return NULL;
	} else {
		/* The last of several references: back to the raw state. */
		rte_mbuf_refcnt_set(m, 1);
	}
	__rte_mbuf_sanity_check(m, 0);
	if (!RTE_MBUF_DIRECT(m)) {
		rte_pktmbuf_detach(m);
		if (RTE_MBUF_HAS_EXTBUF(m) && RTE_MBUF_HAS_PINNED_EXTBUF(m) &&
		    __rte_pktmbuf_pinned_extbuf_decref(m)) {
			/* Out of use until its last clone recycles it. */
			return NULL;
		}
	}
	if (m->next != NULL)
		m->next = NULL;
	if (m->nb_segs != 1)
		m->nb_segs = 1;
	return m;
}

/**
 * Frees one segment (not the rest of its chain): rte_pktmbuf_prefree_seg()
 * and, at the last reference, back to its pool.
 *
 * @param m
 *   The segment.
 */
static __rte_always_inline void
rte_pktmbuf_free_seg(struct rte_mbuf *m)
{
	m = rte_pktmbuf_prefree_seg(m);
	if (likely(m != NULL))
		__rte_mbuf_raw_put(m);
}

/**
 * Frees a packet: every segment of its chain (rte_pktmbuf_free_seg()).
 *
 * @param m
 *   The packet, or NULL (nothing is done).
 */
static inline void
rte_pktmbuf_free(struct rte_mbuf *m)
{
	struct rte_mbuf *next;

#ifdef RTE_LIBRTE_MBUF_DEBUG
	/* (An mbuf in its pool is reported below, not panicked on.) */
	if (m != NULL && !__rte_mbuf_asan_in_pool(m) &&
	    rte_mbuf_refcnt_read(m) != 0)
		rte_mbuf_sanity_check(m, 1);
#endif
	while (m != NULL) {
		if (unlikely(__rte_mbuf_asan_in_pool(m))) {
			/* (ASan: do not even read next.) */
			rtmem_mbuf_double_free(m);
			return;
		}
		next = m->next;
		rte_pktmbuf_free_seg(m);
		m = next;
	}
}

/**
 * Frees count packets (every segment), putting the segments back in
 * batches per pool.
 *
 * @param mbufs
 *   The packets; NULL entries are skipped.
 * @param count
 *   Number of entries.
 */
void rte_pktmbuf_free_bulk(struct rte_mbuf **mbufs, unsigned int count);

/**
 * Clones a packet: one indirect mbuf from mp per segment, each attached
 * to the segment (rte_pktmbuf_attach()), chained, with md's pkt_len.
 *
 * @param md
 *   The packet.
 * @param mp
 *   The pool of the clone's mbufs.
 * @return
 *   The clone, or NULL when mp runs out (nothing left allocated) or an
 *   argument is NULL.
 */
struct rte_mbuf *
rte_pktmbuf_clone(struct rte_mbuf *md, struct rte_mempool *mp);

/**
 * Copies length bytes of a packet from offset into new mbufs of mp
 * (chained when one is not enough); the copy gets the packet's metadata
 * (port, VLAN, tx_offload, hash, packet type, dynamic fields) and offload
 * flags without INDIRECT and EXTERNAL.
 *
 * @param m
 *   The packet.
 * @param mp
 *   The pool of the copy.
 * @param offset
 *   First byte to copy.
 * @param length
 *   Bytes to copy; cut to what the packet has after offset (UINT32_MAX:
 *   all of it).
 * @return
 *   The copy, or NULL when offset >= pkt_len (as DPDK 22.11), mp runs
 *   out (nothing left allocated) or an argument is NULL.
 */
struct rte_mbuf *
rte_pktmbuf_copy(const struct rte_mbuf *m, struct rte_mempool *mp,
		 uint32_t offset, uint32_t length);

/**
 * Adds to the reference count of every segment of a packet.
 *
 * @param m
 *   The packet.
 * @param v
 *   What to add.
 */
static inline void
rte_pktmbuf_refcnt_update(struct rte_mbuf *m, int16_t v)
{
	__rte_mbuf_sanity_check(m, 1);
	do {
		rte_mbuf_refcnt_update(m, v);
		m = m->next;
	} while (m != NULL);
}

/**
 * Headroom of a segment.
 *
 * @param m
 *   The segment.
 * @return
 *   Bytes before the data.
 */
static inline uint16_t
rte_pktmbuf_headroom(const struct rte_mbuf *m)
{
	__rte_mbuf_sanity_check(m, 0);
	return m->data_off;
}

/**
 * Tailroom of a segment.
 *
 * @param m
 *   The segment.
 * @return
 *   Bytes of buffer after the data.
 */
static inline uint16_t
rte_pktmbuf_tailroom(const struct rte_mbuf *m)
{
	__rte_mbuf_sanity_check(m, 0);
	return (uint16_t)(m->buf_len - m->data_off - m->data_len);
}

/**
 * Last segment of a packet.
 *
 * @param m
 *   The packet.
 * @return
 *   Its last segment.
 */
static inline struct rte_mbuf *
rte_pktmbuf_lastseg(struct rte_mbuf *m)
{
	__rte_mbuf_sanity_check(m, 1);
	while (m->next != NULL)
		m = m->next;
	return m;
}

/** Packet length (an lvalue). */
#define rte_pktmbuf_pkt_len(m) ((m)->pkt_len)

/** Data length of a segment (an lvalue). */
#define rte_pktmbuf_data_len(m) ((m)->data_len)

/**
 * Grows the data of a packet by len bytes at the front, into the
 * headroom of its first segment.
 *
 * @param m
 *   The packet.
 * @param len
 *   Bytes to add.
 * @return
 *   The new start of the data, or NULL when the headroom is smaller
 *   (nothing changed).
 */
static inline char *
rte_pktmbuf_prepend(struct rte_mbuf *m, uint16_t len)
{
	__rte_mbuf_sanity_check(m, 1);
	if (unlikely(len > rte_pktmbuf_headroom(m)))
		return NULL;
	m->data_off = (uint16_t)(m->data_off - len);
	m->data_len = (uint16_t)(m->data_len + len);
	m->pkt_len += len;
	return (char *)m->buf_addr + m->data_off;
}

/**
 * Grows the data of a packet by len bytes at the end, into the tailroom
 * of its last segment.
 *
 * @param m
 *   The packet.
 * @param len
 *   Bytes to add.
 * @return
 *   Where the new bytes start, or NULL when the tailroom of the last
 *   segment is smaller (nothing changed).
 */
static inline char *
rte_pktmbuf_append(struct rte_mbuf *m, uint16_t len)
{
	struct rte_mbuf *last;
	char *tail;

	__rte_mbuf_sanity_check(m, 1);
	last = rte_pktmbuf_lastseg(m);
	if (unlikely(len > rte_pktmbuf_tailroom(last)))
		return NULL;
	tail = (char *)last->buf_addr + last->data_off + last->data_len;
	last->data_len = (uint16_t)(last->data_len + len);
	m->pkt_len += len;
	return tail;
}

/**
 * Removes len bytes from the front of a packet's first segment.
 *
 * @param m
 *   The packet.
 * @param len
 *   Bytes to remove.
 * @return
 *   The new start of the data, or NULL when the first segment holds
 *   fewer bytes (nothing changed).
 */
static inline char *
rte_pktmbuf_adj(struct rte_mbuf *m, uint16_t len)
{
	__rte_mbuf_sanity_check(m, 1);
	if (unlikely(len > m->data_len))
		return NULL;
	m->data_len = (uint16_t)(m->data_len - len);
	m->data_off = (uint16_t)(m->data_off + len);
	m->pkt_len -= len;
	return (char *)m->buf_addr + m->data_off;
}

/**
 * Removes len bytes from the end of a packet's last segment.
 *
 * @param m
 *   The packet.
 * @param len
 *   Bytes to remove.
 * @return
 *   0, or -1 when the last segment holds fewer bytes (nothing changed).
 */
static inline int
rte_pktmbuf_trim(struct rte_mbuf *m, uint16_t len)
{
	struct rte_mbuf *last;

	__rte_mbuf_sanity_check(m, 1);
	last = rte_pktmbuf_lastseg(m);
	if (unlikely(len > last->data_len))
		return -1;
	last->data_len = (uint16_t)(last->data_len - len);
	m->pkt_len -= len;
	return 0;
}

/**
 * Tells whether a packet is one segment.
 *
 * @param m
 *   The packet.
 * @return
 *   1 or 0.
 */
static inline int
rte_pktmbuf_is_contiguous(const struct rte_mbuf *m)
{
	__rte_mbuf_sanity_check(m, 1);
	return m->nb_segs == 1;
}

/**
 * @internal The body of __rte_pktmbuf_read() (exported under rtmem's
 * prefix; DPDK exports __rte_pktmbuf_read itself).
 *
 * @param m
 *   The packet.
 * @param off
 *   Offset in the packet.
 * @param len
 *   Bytes wanted.
 * @param buf
 *   Room for len bytes.
 * @return
 *   As __rte_pktmbuf_read().
 */
const void *rtmem_pktmbuf_read(const struct rte_mbuf *m, uint32_t off,
			       uint32_t len, void *buf);

/**
 * The slow part of rte_pktmbuf_read(): finds the segment of off and
 * returns a pointer into it, or copies bytes spread over segments into
 * buf.
 *
 * @param m
 *   The packet.
 * @param off
 *   Offset in the packet.
 * @param len
 *   Bytes wanted.
 * @param buf
 *   Room for len bytes.
 * @return
 *   A pointer to the bytes (in the packet or buf), or NULL when off + len
 *   is beyond pkt_len.
 */
static inline const void *
__rte_pktmbuf_read(const struct rte_mbuf *m, uint32_t off, uint32_t len,
		   void *buf)
{
	return rtmem_pktmbuf_read(m, off, len, buf);
}

/**
 * Gives len bytes of a packet from offset off, wherever they are: a
 * pointer into the packet when they are in one segment, else a copy in
 * buf.
 *
 * @param m
 *   The packet.
 * @param off
 *   Offset in the packet.
 * @param len
 *   Bytes wanted.
 * @param buf
 *   Room for len bytes (used only when they span segments).
 * @return
 *   A pointer to the bytes, or NULL when off + len (computed without
 *   wrapping) is beyond pkt_len.
 */
static inline const void *
rte_pktmbuf_read(const struct rte_mbuf *m, uint32_t off, uint32_t len,
		 void *buf)
{
	if (likely((uint64_t)off + len <= rte_pktmbuf_data_len(m)))
		return rte_pktmbuf_mtod_offset(m, char *, off);
	return __rte_pktmbuf_read(m, off, len, buf);
}

/**
 * Appends the packet tail to the packet head (its segments after head's
 * last one). tail must not be used as a packet of its own afterwards.
 *
 * @param head
 *   The first packet.
 * @param tail
 *   The packet to append.
 * @return
 *   0, or -EOVERFLOW when the chain would exceed RTE_MBUF_MAX_NB_SEGS
 *   segments (nothing changed).
 */
static inline int
rte_pktmbuf_chain(struct rte_mbuf *head, struct rte_mbuf *tail)
{
	struct rte_mbuf *last;

	if ((uint32_t)head->nb_segs + tail->nb_segs > RTE_MBUF_MAX_NB_SEGS)
		return -EOVERFLOW;
	last = rte_pktmbuf_lastseg(head);
	last->next = tail;
	head->nb_segs = (uint16_t)(head->nb_segs + tail->nb_segs);
	head->pkt_len += tail->pkt_len;
	/* Only a first segment carries the packet length. */
	tail->pkt_len = tail->data_len;
	return 0;
}

/**
 * Packs header lengths into a tx_offload value.
 *
 * @param il2
 *   l2_len.
 * @param il3
 *   l3_len.
 * @param il4
 *   l4_len.
 * @param tso
 *   tso_segsz.
 * @param ol3
 *   outer_l3_len.
 * @param ol2
 *   outer_l2_len.
 * @param unused
 *   The unused top bits.
 * @return
 *   The value to store in m->tx_offload.
 */
static __rte_always_inline uint64_t
rte_mbuf_tx_offload(uint64_t il2, uint64_t il3, uint64_t il4, uint64_t tso,
		    uint64_t ol3, uint64_t ol2, uint64_t unused)
{
	return il2 << RTE_MBUF_L2_LEN_OFS |
	       il3 << RTE_MBUF_L3_LEN_OFS |
	       il4 << RTE_MBUF_L4_LEN_OFS |
	       tso << RTE_MBUF_TSO_SEGSZ_OFS |
	       ol3 << RTE_MBUF_OUTL3_LEN_OFS |
	       ol2 << RTE_MBUF_OUTL2_LEN_OFS |
	       unused << RTE_MBUF_TXOFLD_UNUSED_OFS;
}

/**
 * Checks that the TX offload flags of a packet are consistent.
 *
 * @param m
 *   The packet.
 * @return
 *   0, or -EINVAL when: IP_CKSUM is asked for an IPv6 packet; an L4
 *   checksum or TSO is asked without IPV4 or IPV6; TSO is asked with
 *   tso_segsz 0, or for IPv4 without IP_CKSUM; OUTER_IP_CKSUM is asked
 *   without OUTER_IPV4.
 */
static inline int
rte_validate_tx_offload(const struct rte_mbuf *m)
{
	uint64_t f = m->ol_flags;

	if (!(f & RTE_MBUF_F_TX_OFFLOAD_MASK))
		return 0;
	if ((f & RTE_MBUF_F_TX_IP_CKSUM) && (f & RTE_MBUF_F_TX_IPV6))
		return -EINVAL;
	if ((f & (RTE_MBUF_F_TX_L4_MASK | RTE_MBUF_F_TX_TCP_SEG)) &&
	    !(f & (RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IPV6)))
		return -EINVAL;
	if ((f & RTE_MBUF_F_TX_TCP_SEG) &&
	    (m->tso_segsz == 0 ||
	     ((f & RTE_MBUF_F_TX_IPV4) && !(f & RTE_MBUF_F_TX_IP_CKSUM))))
		return -EINVAL;
	if ((f & RTE_MBUF_F_TX_OUTER_IP_CKSUM) &&
	    !(f & RTE_MBUF_F_TX_OUTER_IPV4))
		return -EINVAL;
	return 0;
}

/**
 * @internal The body of __rte_pktmbuf_linearize() (exported under
 * rtmem's prefix).
 *
 * @param mbuf
 *   The packet.
 * @return
 *   As __rte_pktmbuf_linearize().
 */
int rtmem_pktmbuf_linearize(struct rte_mbuf *mbuf);

/**
 * The slow part of rte_pktmbuf_linearize(), for a packet of several
 * segments.
 *
 * @param mbuf
 *   The packet.
 * @return
 *   0, or -1 when the first segment's tailroom is too small (nothing
 *   changed).
 */
static inline int
__rte_pktmbuf_linearize(struct rte_mbuf *mbuf)
{
	return rtmem_pktmbuf_linearize(mbuf);
}

/**
 * Moves all the data of a packet into its first segment and frees the
 * other segments.
 *
 * @param mbuf
 *   The packet.
 * @return
 *   0 (also for a one-segment packet), or -1 when the first segment's
 *   tailroom is too small (nothing changed).
 */
static inline int
rte_pktmbuf_linearize(struct rte_mbuf *mbuf)
{
	if (rte_pktmbuf_is_contiguous(mbuf))
		return 0;
	return __rte_pktmbuf_linearize(mbuf);
}

/**
 * Prints a packet: its fields, each segment and up to dump_len bytes of
 * data in hexadecimal.
 *
 * @param f
 *   The stream.
 * @param m
 *   The packet.
 * @param dump_len
 *   Most data bytes to print, over all segments.
 */
void rte_pktmbuf_dump(FILE *f, const struct rte_mbuf *m, unsigned dump_len);

/**
 * Traffic manager queue of a packet.
 *
 * @param m
 *   The packet.
 * @return
 *   hash.sched.queue_id.
 */
static inline uint32_t
rte_mbuf_sched_queue_get(const struct rte_mbuf *m)
{
	return m->hash.sched.queue_id;
}

/**
 * Traffic manager class of a packet.
 *
 * @param m
 *   The packet.
 * @return
 *   hash.sched.traffic_class.
 */
static inline uint8_t
rte_mbuf_sched_traffic_class_get(const struct rte_mbuf *m)
{
	return m->hash.sched.traffic_class;
}

/**
 * Traffic manager color of a packet.
 *
 * @param m
 *   The packet.
 * @return
 *   hash.sched.color.
 */
static inline uint8_t
rte_mbuf_sched_color_get(const struct rte_mbuf *m)
{
	return m->hash.sched.color;
}

/**
 * Traffic manager fields of a packet.
 *
 * @param m
 *   The packet.
 * @param queue_id
 *   Set to the queue.
 * @param traffic_class
 *   Set to the class.
 * @param color
 *   Set to the color.
 */
static inline void
rte_mbuf_sched_get(const struct rte_mbuf *m, uint32_t *queue_id,
		   uint8_t *traffic_class, uint8_t *color)
{
	struct rte_mbuf_sched s = m->hash.sched;

	*queue_id = s.queue_id;
	*traffic_class = s.traffic_class;
	*color = s.color;
}

/**
 * Sets the traffic manager queue of a packet.
 *
 * @param m
 *   The packet.
 * @param queue_id
 *   The queue.
 */
static inline void
rte_mbuf_sched_queue_set(struct rte_mbuf *m, uint32_t queue_id)
{
	m->hash.sched.queue_id = queue_id;
}

/**
 * Sets the traffic manager class of a packet.
 *
 * @param m
 *   The packet.
 * @param traffic_class
 *   The class.
 */
static inline void
rte_mbuf_sched_traffic_class_set(struct rte_mbuf *m, uint8_t traffic_class)
{
	m->hash.sched.traffic_class = traffic_class;
}

/**
 * Sets the traffic manager color of a packet.
 *
 * @param m
 *   The packet.
 * @param color
 *   The color.
 */
static inline void
rte_mbuf_sched_color_set(struct rte_mbuf *m, uint8_t color)
{
	m->hash.sched.color = color;
}

/**
 * Sets the traffic manager fields of a packet (reserved becomes 0).
 *
 * @param m
 *   The packet.
 * @param queue_id
 *   The queue.
 * @param traffic_class
 *   The class.
 * @param color
 *   The color.
 */
static inline void
rte_mbuf_sched_set(struct rte_mbuf *m, uint32_t queue_id,
		   uint8_t traffic_class, uint8_t color)
{
	struct rte_mbuf_sched s;

	s.queue_id = queue_id;
	s.traffic_class = traffic_class;
	s.color = color;
	s.reserved = 0;
	m->hash.sched = s;
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_MBUF_H_ */
