/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mem_private.h: the shared memory layout and the mem layer's interface to
 * the layers below it (malloc, ring, mempool, ...). Not installed.
 *
 * Design: ../shared/design/multiprocess.md section 6. In short:
 *
 *   base (header.base, the same in every process)
 *   | config file <runtime>/config, mapped MAP_SHARED|MAP_FIXED          |
 *   |   page 0: struct mem_header (a secondary preads it first)          |
 *   |   struct mem_config: locks, types, memseg lists, heaps, memzone    |
 *   |     and tailq tables, process table                                |
 *   |   memzone descriptors, memseg arrays (sparse: touched as used)     |
 *   | type 0 arena: backing file 0 mapped whole (MAP_NORESERVE)          |
 *   | type 1 arena ...                                                   |
 *   base + total_len
 *
 * A memory type is one page size on one NUMA socket: one memseg list, one
 * arena of the heap of that socket, one backing file. Every process maps
 * every backing file whole at init; memory is committed by fallocate() on
 * the file (any process may do it, under the MEM lock), so growth needs no
 * messages between processes. Committed memory only ever grows (a prefix of
 * each arena), so readers of memseg lists need no lock: they load the
 * published count with acquire.
 *
 * Backends (header.backend), chosen by the primary:
 *   HUGETLBFS  <hugedir>/rtmem.<prefix>.map_<type>
 *   SHM        /dev/shm/rtmem.<prefix>.map_<type>, 4 KiB pages
 *   ANON       memfd (MFD_HUGETLB when hugepages exist), --in-memory only:
 *              no files, no secondaries.
 *
 * Files in the runtime directory (see runtime.c for where it is):
 *   lock        b0 W: primary election (held by the primary for life)
 *   config      b0 W: the primary of this generation is alive;
 *               b1: attach gate (W by the primary while it initialises or
 *               closes, R by a secondary while it attaches);
 *               b(64+k) W: process-table slot k is alive.
 *   config.tmp  the config while the primary initialises (renamed when
 *               READY).
 * All are OFD locks (fcntl F_OFD_*): released only when the process dies
 * or closes that descriptor, unaffected by other close() calls.
 *
 * Shared-pointer rule: everything stored in these structs points inside
 * [base, base + total_len); no function pointers.
 */
#ifndef MEM_PRIVATE_H
#define MEM_PRIVATE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rte_config.h>
#include <rte_eal.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_tailq.h>

#include "eal/eal_options.h"
#include "internal/shlock.h"
#include "malloc/malloc_types.h"

/* ------------------------------------------------------------------ */
/* the header: page 0 of the config file                               */

#define MEM_HEADER_MAGIC 0x3147464d454d5452ull /* "RTMEMFG1" */
#define MEM_HEADER_FORMAT 1u
#define MEM_HEADER_LEN 4096u
#define MEM_LAYOUT_MAX_ITEMS 40
#define MEM_LAYOUT_NAMESIZE 24

enum mem_state {
	MEM_STATE_INIT = 1,   /* primary initialising */
	MEM_STATE_READY = 2,  /* secondaries may attach */
	MEM_STATE_CLOSED = 3, /* primary cleaned up */
};

enum mem_backend {
	MEM_BACKEND_HUGETLBFS = 1,
	MEM_BACKEND_SHM = 2,
	MEM_BACKEND_ANON = 3,
};

/* One fact two processes must agree on to share memory. */
struct mem_layout_item {
	char name[MEM_LAYOUT_NAMESIZE];
	uint64_t value;
};

struct mem_header {
	uint64_t magic;          /* MEM_HEADER_MAGIC once written */
	uint32_t format;         /* MEM_HEADER_FORMAT */
	uint32_t state;          /* enum mem_state; release-stored */
	uint64_t generation;     /* random, new for every primary */
	uint64_t layout_hash;    /* hash of layout[] */
	char version[64];        /* rte_version() of the primary */
	uint32_t n_layout;
	struct mem_layout_item layout[MEM_LAYOUT_MAX_ITEMS];
	uint64_t base;           /* start of the reservation */
	uint64_t total_len;      /* length of the reservation */
	uint64_t config_len;     /* length of the config file */
	uint32_t backend;        /* enum mem_backend */
	int32_t primary_pid;     /* diagnostics only */
	uint64_t primary_start;  /* clock ticks since boot (diagnostics) */
};

/* ------------------------------------------------------------------ */
/* the config                                                          */

#define MEM_MAX_PROCS 64          /* attached processes at once */
#define MEM_PATH_MAX 256          /* backing file path */

/* One memory type: page size x socket (see the file comment). */
struct mem_type {
	uint64_t page_sz;
	int32_t socket_id;
	uint32_t heap_idx;        /* index in mem_config.heap[] */
	char *va;                 /* arena start (page_sz aligned) */
	uint64_t va_len;          /* arena length: the growth budget */
	/*
	 * Committed bytes from va, a multiple of page_sz. Written under the
	 * MEM lock after the memsegs are filled (release); read anywhere
	 * (acquire).
	 */
	uint64_t committed;
	uint64_t prealloc;        /* committed at init (-m): DO_NOT_FREE */
	char path[MEM_PATH_MAX];  /* backing file, "" for memfd */
};

/*
 * Process-table slot. Claimed by taking the OFD write lock on config byte
 * 64+k (the kernel arbitrates between claimers and drops it when the
 * owner dies): that lock is the slot's liveness.
 */
struct mem_proc_slot {
	uint32_t in_use;          /* claimed; stale if its lock is free */
	int32_t pid;
	uint64_t start_time;      /* clock ticks since boot */
	uint32_t is_primary;
	/* bumped at each claim: part of the owner's shlock identity */
	uint32_t generation;
	uint64_t lcores[RTE_MAX_LCORE / 64]; /* lcores it runs */
};

struct mem_config {
	/* locks of the shared structures (shlock.h gives the order) */
	struct shlock memzone_lock;
	struct shlock tailq_lock;
	struct shlock mempool_lock;
	struct shlock mem_lock;
	struct shlock timer_lock;

	/* facts the primary decided; secondaries follow them */
	uint32_t iova_mode;           /* enum rte_iova_mode */
	uint32_t has_hugepages;
	uint32_t legacy_mem;          /* commit at init, never grow */
	uint32_t single_file_segments;
	uint32_t match_allocations;
	uint32_t mp_disabled;         /* rte_mp_disable() succeeded */
	uint32_t nchannel, nrank;     /* -n, -r */
	uint8_t dma_maskbits;
	uint64_t tsc_hz;
	uint64_t socket_limit[RTE_MAX_NUMA_NODES]; /* bytes, 0 = none */

	/* memory types and their memseg lists (same index) */
	uint32_t n_types;
	struct mem_type type[RTE_MAX_MEMSEG_LISTS];
	struct rte_memseg_list msl[RTE_MAX_MEMSEG_LISTS];

	/* malloc layer */
	uint32_t n_heaps;
	struct malloc_heap heap[RTE_MAX_HEAPS];
	struct malloc_arena arena[RTE_MAX_MEMSEG_LISTS];

	/* memzones: memzone_max descriptors and a used bitmap, in config */
	uint32_t memzone_max;
	uint32_t memzone_count;       /* used descriptors */
	struct rte_memzone *memzones;
	uint64_t *memzone_used;

	/* named-object lists (tailqs); tailq_count under tailq_lock */
	uint32_t tailq_count;
	struct rte_tailq_head tailq_head[RTE_MAX_TAILQ];

	/*
	 * mempool layer: the instance's driver names in index order
	 * (mempool_ops.c); appended under mempool_lock, count last.
	 */
	uint32_t mempool_ops_count;
	char mempool_ops_names[16][32];

	/* process table; slot 0 is the primary's */
	struct mem_proc_slot proc[MEM_MAX_PROCS];
};

/* ------------------------------------------------------------------ */
/* interface                                                           */

extern struct mem_config *mem_config_;  /* process.c; use mem_cfg() */
extern unsigned int mem_proc_slot_;     /* process.c; use mem_proc_slot() */

/*
 * The mapped config, or NULL before the memory layer is initialised (or
 * after cleanup). The pointer is the same in every process.
 */
static inline struct mem_config *
mem_cfg(void)
{
	return mem_config_;
}

/* This process's slot in the process table (0 for the primary). */
static inline unsigned int
mem_proc_slot(void)
{
	return mem_proc_slot_;
}

/* True when addr lies inside the shared reservation. */
bool mem_addr_is_shared(const void *addr);

/*
 * Commit at least `bytes` more memory at the end of type t's arena
 * (rounded up to the page size and to the growth step), fill its memsegs
 * and publish type->committed. Takes the MEM lock. The caller (the heap
 * of the type's socket, holding its lock) then adds
 * [old committed end, new committed end) to the heap.
 * Returns 0 and the new committed length in *committed, or
 *   -ENOMEM  budget, --socket-limit, --legacy-mem, a validator or the DMA
 *            mask (rte_mem_check_dma_mask) refuses, or the kernel has no
 *            pages (fallocate ENOSPC);
 *   -errno   another fallocate failure (logged).
 */
int mem_type_grow(unsigned int t, size_t bytes, uint64_t *committed);

/*
 * Whether [addr, addr + len) inside type t is IOVA-contiguous (always true
 * in VA mode; in PA mode the pages' physical addresses must follow).
 */
bool mem_range_iova_contig(unsigned int t, const void *addr, size_t len);

/* IOVA of an address inside committed shared memory, RTE_BAD_IOVA if not. */
rte_iova_t mem_virt2iova(const void *addr);

/*
 * Index of the type containing addr, or -1. Lock-free (types are fixed at
 * init).
 */
int mem_type_of(const void *addr);

/* Most memzone descriptors rte_memzone_max_set() accepts. */
#define MEMZONE_MAX_LIMIT (1u << 20)

/*
 * Number of memzone descriptors the next primary init creates
 * (RTE_MAX_MEMZONE unless set; rte_memzone_max_set before init).
 */
void mem_set_memzone_max(unsigned int max);
unsigned int mem_memzone_max(void);

/* Runtime directory of this process ("" with --in-memory/--no-shconf). */
const char *mem_runtime_dir(void);

/*
 * Write "<runtime dir>/<name>" to buf. Returns 0, -ENOENT when the process
 * has no runtime directory (--in-memory, --no-shconf, not initialised),
 * -ENAMETOOLONG.
 */
int mem_runtime_path(char *buf, size_t len, const char *name);

/*
 * A layer below mem that keeps state in the config (malloc: heaps,
 * memzones, tailqs; mempool: ops names) registers a client from a
 * constructor. mem calls, in increasing `order`:
 *   primary_init  in the primary (or a private --in-memory process), once
 *                 memory is mapped and the -m memory committed, before the
 *                 config is published: set up the client's part;
 *   attach        in every process, the primary included, once the config
 *                 is mapped and published: process-local setup;
 *   detach        at cleanup, before the memory is unmapped (may be NULL).
 * Hooks return 0 or -errno (logged by the hook); a failure fails init.
 */
struct mem_client {
	const char *name;
	int order;
	int (*primary_init)(struct mem_config *cfg);
	int (*attach)(struct mem_config *cfg);
	void (*detach)(void);
};

/* Register a client (constructor time; at most 8). */
void mem_register_client(const struct mem_client *client);

/*
 * Init and cleanup, called by eal.c with the EAL init lock held: init
 * after the options are parsed and the lcores known, before any worker
 * thread exists; cleanup after the workers are joined. mem_init returns
 * 0 or -errno (logged); a failed init leaves nothing mapped or locked.
 */
int mem_init(const struct eal_options *o);
void mem_cleanup(void);

/* The resolved process type (RTE_PROC_PRIMARY before init). */
enum rte_proc_type_t mem_proc_type(void);

#endif /* MEM_PRIVATE_H */
