/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * The ring's shared structure, flags and enums (included by rte_ring.h;
 * applications include rte_ring.h).
 *
 * A ring is a fixed array of `size` slots (a power of two) followed by
 * the header below, living in shared memory. Each side (producer,
 * consumer) has a head and a tail: free-running 32-bit counters, the
 * slot of counter c being `c & mask`. A side first moves its head to
 * claim slots, copies, then moves its tail to publish them; the other
 * side only ever reads that tail. The three header variants of a side
 * (plain, HTS, RTS) share one union and keep the tail position at the
 * same offset (4), so either side can read the other's tail without
 * knowing its mode.
 *
 * The layout is DPDK 22.11's: 384 bytes, each side on its own cache line
 * with an empty line between, slots at `r + 1`.
 */
#ifndef _RTE_RING_CORE_H_
#define _RTE_RING_CORE_H_

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <rte_atomic.h>
#include <rte_branch_prediction.h>
#include <rte_common.h>
#include <rte_config.h>
#include <rte_debug.h>
#include <rte_lcore.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_pause.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Name of the shared list of rings (rte_tailq.h). */
#define RTE_TAILQ_RING_NAME "RTE_RING"

/** How many objects an enqueue or dequeue moves. */
enum rte_ring_queue_behavior {
	/** Exactly the number asked for, or none (the "bulk" calls). */
	RTE_RING_QUEUE_FIXED = 0,
	/** As many as possible, up to the number asked for ("burst"). */
	RTE_RING_QUEUE_VARIABLE
};

/** Prefix of the memzone that holds a ring made by rte_ring_create(). */
#define RTE_RING_MZ_PREFIX "RG_"
/** Size of a ring name including the NUL (the memzone name has the prefix). */
#define RTE_RING_NAMESIZE (RTE_MEMZONE_NAMESIZE - \
			   sizeof(RTE_RING_MZ_PREFIX) + 1)

/** How the threads of one side of a ring are synchronised. */
enum rte_ring_sync_type {
	RTE_RING_SYNC_MT,     /**< Several threads (the default). */
	RTE_RING_SYNC_ST,     /**< One thread at a time. */
	RTE_RING_SYNC_MT_RTS, /**< Several threads, relaxed tail sync. */
	RTE_RING_SYNC_MT_HTS, /**< Several threads, head/tail sync. */
};

/** One side of a ring in the MT and ST modes. */
struct rte_ring_headtail {
	volatile uint32_t head; /**< Next counter this side claims. */
	volatile uint32_t tail; /**< Counters below it are published. */
	RTE_STD_C11
	union {
		/** The side's sync mode. */
		enum rte_ring_sync_type sync_type;
		/** Deprecated: non-zero when the side is single-threaded. */
		uint32_t single;
	};
};

/** A position and an operation count, read and written as one word. */
union __rte_ring_rts_poscnt {
	/** Both halves as one 64-bit value. */
	uint64_t raw __rte_aligned(8);
	/** The halves. */
	struct {
		uint32_t cnt; /**< Operations that moved this counter. */
		uint32_t pos; /**< The position. */
	} val;
};

/** One side of a ring in the RTS (relaxed tail sync) mode. */
struct rte_ring_rts_headtail {
	volatile union __rte_ring_rts_poscnt tail; /**< Published end. */
	enum rte_ring_sync_type sync_type;        /**< RTE_RING_SYNC_MT_RTS. */
	uint32_t htd_max; /**< Largest allowed head - tail distance. */
	volatile union __rte_ring_rts_poscnt head; /**< Claimed end. */
};

/** Head and tail of an HTS side, read and written as one word. */
union __rte_ring_hts_pos {
	/** Both halves as one 64-bit value. */
	uint64_t raw __rte_aligned(8);
	/** The halves. */
	struct {
		uint32_t head; /**< Claimed end. */
		uint32_t tail; /**< Published end. */
	} pos;
};

/** One side of a ring in the HTS (head/tail sync) mode. */
struct rte_ring_hts_headtail {
	volatile union __rte_ring_hts_pos ht;   /**< Head and tail. */
	enum rte_ring_sync_type sync_type;     /**< RTE_RING_SYNC_MT_HTS. */
};

/**
 * A ring. Applications read the fields through the rte_ring_get_*()
 * calls; the slots follow the structure in memory.
 */
struct rte_ring {
	/** Name (also the memzone name after RTE_RING_MZ_PREFIX). */
	char name[RTE_RING_NAMESIZE] __rte_cache_aligned;
	int flags;                         /**< Flags given at creation. */
	/** The memzone holding the ring, NULL when made by rte_ring_init(). */
	const struct rte_memzone *memzone;
	uint32_t size;     /**< Number of slots, a power of two. */
	uint32_t mask;     /**< size - 1. */
	uint32_t capacity; /**< Most objects the ring holds. */

	char pad0 __rte_cache_aligned; /**< Empty line: no false sharing. */

	/** Producer side, in the form of its mode. */
	RTE_STD_C11
	union {
		struct rte_ring_headtail prod;         /**< MT or ST. */
		struct rte_ring_hts_headtail hts_prod; /**< HTS. */
		struct rte_ring_rts_headtail rts_prod; /**< RTS. */
	} __rte_cache_aligned;

	char pad1 __rte_cache_aligned; /**< Empty line: no false sharing. */

	/** Consumer side, in the form of its mode. */
	RTE_STD_C11
	union {
		struct rte_ring_headtail cons;         /**< MT or ST. */
		struct rte_ring_hts_headtail hts_cons; /**< HTS. */
		struct rte_ring_rts_headtail rts_cons; /**< RTS. */
	} __rte_cache_aligned;

	char pad2 __rte_cache_aligned; /**< Empty line: no false sharing. */
};

/** The default enqueue is single-producer. */
#define RING_F_SP_ENQ 0x0001
/** The default dequeue is single-consumer. */
#define RING_F_SC_DEQ 0x0002
/**
 * The ring holds exactly `count` objects: its size is the next power of
 * two above count (rather than count itself, which must then be a power
 * of two and holds count - 1).
 */
#define RING_F_EXACT_SZ 0x0004
/** Largest ring size. */
#define RTE_RING_SZ_MASK  (0x7fffffffU)
/** The default enqueue is multi-producer RTS. */
#define RING_F_MP_RTS_ENQ 0x0008
/** The default dequeue is multi-consumer RTS. */
#define RING_F_MC_RTS_DEQ 0x0010
/** The default enqueue is multi-producer HTS. */
#define RING_F_MP_HTS_ENQ 0x0020
/** The default dequeue is multi-consumer HTS. */
#define RING_F_MC_HTS_DEQ 0x0040

#ifdef __cplusplus
}
#endif

#endif /* _RTE_RING_CORE_H_ */
