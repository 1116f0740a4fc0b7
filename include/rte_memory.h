/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Memory segments, IOVA translation and memory events.
 *
 * rtmem's shared memory is one virtual-address reservation that every
 * process of a --file-prefix maps at the same address. Inside it, each
 * memory type (one page size on one NUMA socket) is a memseg list: a
 * contiguous range of virtual addresses backed by one file, whose pages are
 * committed on demand (the heap grows) or at start (-m, --socket-mem).
 * Each committed page is one struct rte_memseg. Committed memory stays
 * committed until the primary process ends, so a memseg pointer stays
 * valid, and the walk functions need no lock (the _thread_unsafe variants
 * are the same functions).
 *
 * Without hugepages the pages are 4 KiB pages of a /dev/shm file
 * (rte_eal_has_hugepages() returns 0, memsegs report hugepage_sz 4096),
 * and secondary processes still work.
 *
 * IOVA: rte_eal_iova_mode() is RTE_IOVA_PA when hugepages are in use and
 * /proc/self/pagemap gives frame numbers (root, no IOMMU), else
 * RTE_IOVA_VA, where a memseg's iova is its virtual address.
 *
 * The cache-line macros (RTE_CACHE_LINE_SIZE, __rte_cache_aligned, ...) and
 * the IOVA types (rte_iova_t, RTE_BAD_IOVA, phys_addr_t,
 * RTE_BAD_PHYS_ADDR) are in rte_common.h, which this header includes, as
 * in DPDK.
 */
#ifndef _RTE_MEMORY_H_
#define _RTE_MEMORY_H_

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <rte_bitops.h>
#include <rte_common.h>
#include <rte_config.h>
#include <rte_fbarray.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_PGSIZE_4K   (1ULL << 12) /**< 4 KiB page. */
#define RTE_PGSIZE_64K  (1ULL << 16) /**< 64 KiB page. */
#define RTE_PGSIZE_256K (1ULL << 18) /**< 256 KiB page. */
#define RTE_PGSIZE_2M   (1ULL << 21) /**< 2 MiB page. */
#define RTE_PGSIZE_16M  (1ULL << 24) /**< 16 MiB page. */
#define RTE_PGSIZE_256M (1ULL << 28) /**< 256 MiB page. */
#define RTE_PGSIZE_512M (1ULL << 29) /**< 512 MiB page. */
#define RTE_PGSIZE_1G   (1ULL << 30) /**< 1 GiB page. */
#define RTE_PGSIZE_4G   (1ULL << 32) /**< 4 GiB page. */
#define RTE_PGSIZE_16G  (1ULL << 34) /**< 16 GiB page. */

/** "Any NUMA socket" in socket_id arguments. */
#define SOCKET_ID_ANY -1

/** A memseg flag: never give this segment's memory back to the OS. */
#define RTE_MEMSEG_FLAG_DO_NOT_FREE RTE_BIT32(0)
/** A memseg flag: the segment's memory may hold non-zero bytes. */
#define RTE_MEMSEG_FLAG_DIRTY RTE_BIT32(1)

/** What happened to memory, as reported to memory-event callbacks. */
enum rte_mem_event {
	RTE_MEM_EVENT_ALLOC = 0, /**< Memory was added to the heap. */
	RTE_MEM_EVENT_FREE,      /**< Memory was removed from the heap. */
};

/** Longest memory-event callback name, including the NUL. */
#define RTE_MEM_EVENT_CALLBACK_NAME_LEN 64

/**
 * A memory-event callback.
 *
 * @param event_type
 *   Whether the range was allocated or freed.
 * @param addr
 *   Start of the range.
 * @param len
 *   Length of the range in bytes.
 * @param arg
 *   The argument given at registration.
 */
typedef void (*rte_mem_event_callback_t)(enum rte_mem_event event_type,
					 const void *addr, size_t len,
					 void *arg);

/**
 * Registers a callback that runs, in this process, whenever this process
 * commits shared memory (RTE_MEM_EVENT_ALLOC). rtmem never gives memory
 * back before the primary exits, so RTE_MEM_EVENT_FREE is never reported.
 * Memory committed by another process is not reported here (rtmem grows
 * memory without messages between processes).
 *
 * @param name
 *   Name, shorter than RTE_MEM_EVENT_CALLBACK_NAME_LEN.
 * @param clb
 *   The callback; it must not allocate memory.
 * @param arg
 *   Passed to clb; (name, arg) identifies the registration.
 * @return
 *   0, or -1 with rte_errno: EINVAL (NULL or too long), EEXIST (already
 *   registered), ENOMEM, ENOTSUP (--legacy-mem: memory never changes).
 */
int rte_mem_event_callback_register(const char *name,
				    rte_mem_event_callback_t clb, void *arg);

/**
 * Removes a registration made with rte_mem_event_callback_register().
 *
 * @param name
 *   Its name.
 * @param arg
 *   Its argument.
 * @return
 *   0, or -1 with rte_errno: EINVAL, ENOENT (not registered), ENOTSUP
 *   (--legacy-mem).
 */
int rte_mem_event_callback_unregister(const char *name, void *arg);

/** Longest allocation-validator name, including the NUL. */
#define RTE_MEM_ALLOC_VALIDATOR_NAME_LEN 64

/**
 * An allocation validator: decides whether a socket's heap may grow.
 *
 * @param socket_id
 *   The socket whose heap would grow.
 * @param cur_limit
 *   The limit given at registration, in bytes.
 * @param new_len
 *   The heap size after the allocation, in bytes.
 * @return
 *   0 to allow the allocation, -1 to refuse it.
 */
typedef int (*rte_mem_alloc_validator_t)(int socket_id,
					 size_t cur_limit, size_t new_len);

/**
 * Registers a validator that is asked, in this process, before this
 * process grows a socket's memory past `limit` bytes.
 *
 * @param name
 *   Name, shorter than RTE_MEM_ALLOC_VALIDATOR_NAME_LEN.
 * @param clb
 *   The validator.
 * @param socket_id
 *   The socket it guards (not SOCKET_ID_ANY).
 * @param limit
 *   Committed bytes on the socket below which clb is not asked.
 * @return
 *   0, or -1 with rte_errno: EINVAL, EEXIST (name already registered for
 *   the socket), ENOMEM, ENOTSUP (--legacy-mem).
 */
int rte_mem_alloc_validator_register(const char *name,
				     rte_mem_alloc_validator_t clb,
				     int socket_id, size_t limit);

/**
 * Removes a validator.
 *
 * @param name
 *   Its name.
 * @param socket_id
 *   Its socket.
 * @return
 *   0, or -1 with rte_errno: EINVAL, ENOENT, ENOTSUP (--legacy-mem).
 */
int rte_mem_alloc_validator_unregister(const char *name, int socket_id);

/** One committed page of shared memory (DPDK's layout). */
struct rte_memseg {
	rte_iova_t iova;      /**< IO address of the start (RTE_BAD_IOVA if unknown). */
	__extension__
	union {
		void *addr;       /**< Virtual address of the start. */
		uint64_t addr_64; /**< Keeps addr 64 bits wide. */
	};
	size_t len;           /**< Length: the page size. */
	uint64_t hugepage_sz; /**< Page size of the backing memory. */
	int32_t socket_id;    /**< NUMA socket of the memory. */
	uint32_t nchannel;    /**< Memory channels (-n), 0 if not given. */
	uint32_t nrank;       /**< Memory ranks (-r), 0 if not given. */
	uint32_t flags;       /**< RTE_MEMSEG_FLAG_* bits. */
} __rte_packed;

/** A memseg list: the pages of one memory type (DPDK's layout). */
struct rte_memseg_list {
	__extension__
	union {
		void *base_va;    /**< Start of the list's address range. */
		uint64_t addr_64; /**< Keeps base_va 64 bits wide. */
	};
	uint64_t page_sz;     /**< Page size of every memseg in the list. */
	int socket_id;        /**< NUMA socket of every memseg in the list. */
	volatile uint32_t version; /**< Bumped at each change (growth). */
	size_t len;           /**< Length of the address range (the budget). */
	unsigned int external; /**< 1 for external memory (never in rtmem). */
	unsigned int heap;    /**< 1 when the list feeds a malloc heap. */
	struct rte_fbarray memseg_arr; /**< The memsegs; used = committed. */
};

/**
 * Locks the page containing an address in RAM (mlock).
 *
 * @param virt
 *   Any address of the page.
 * @return
 *   0, or -1 with errno set by mlock (ENOMEM, EPERM, EAGAIN).
 */
int rte_mem_lock_page(const void *virt);

/**
 * Physical address of a virtual address, read from /proc/self/pagemap.
 * The page must be resident; the answer needs CAP_SYS_ADMIN.
 *
 * @param virt
 *   Any address of this process.
 * @return
 *   The physical address, or RTE_BAD_IOVA when it is unknown (not
 *   resident, no permission, no pagemap).
 */
phys_addr_t rte_mem_virt2phy(const void *virt);

/**
 * IO address of a virtual address.
 *
 * @param virt
 *   Any address.
 * @return
 *   In VA mode the address itself; in PA mode the memseg's IOVA plus the
 *   offset for shared memory, else rte_mem_virt2phy(); RTE_BAD_IOVA when
 *   unknown.
 */
rte_iova_t rte_mem_virt2iova(const void *virt);

/**
 * Virtual address of an IO address inside committed shared memory.
 *
 * @param iova
 *   The IO address.
 * @return
 *   The virtual address, or NULL when no memseg holds it.
 */
void *rte_mem_iova2virt(rte_iova_t iova);

/**
 * The memseg holding an address.
 *
 * @param virt
 *   The address.
 * @param msl
 *   Its memseg list, or NULL to look it up.
 * @return
 *   The memseg, or NULL when the address is not in committed shared
 *   memory (or not in msl).
 */
struct rte_memseg *rte_mem_virt2memseg(const void *virt,
				       const struct rte_memseg_list *msl);

/**
 * The memseg list whose address range holds an address (committed or not).
 *
 * @param virt
 *   The address.
 * @return
 *   The list, or NULL when the address is outside shared memory.
 */
struct rte_memseg_list *rte_mem_virt2memseg_list(const void *virt);

/**
 * Memseg walk callback.
 *
 * @return 0 to go on, 1 to stop the walk (returned by the walk), -1 to
 *   stop it with an error (returned by the walk).
 */
typedef int (*rte_memseg_walk_t)(const struct rte_memseg_list *msl,
				 const struct rte_memseg *ms, void *arg);

/**
 * Contiguous-memseg walk callback: ms starts a run of len bytes that is
 * contiguous in both virtual and IO addresses. Returns as rte_memseg_walk_t.
 */
typedef int (*rte_memseg_contig_walk_t)(const struct rte_memseg_list *msl,
					const struct rte_memseg *ms,
					size_t len, void *arg);

/** Memseg list walk callback. Returns as rte_memseg_walk_t. */
typedef int (*rte_memseg_list_walk_t)(const struct rte_memseg_list *msl,
				      void *arg);

/**
 * Calls func for every committed memseg, list by list in address order.
 * The callback may allocate memory (rtmem's walks hold no lock); memory
 * committed during the walk may or may not be visited.
 *
 * @param func
 *   The callback.
 * @param arg
 *   Passed to func.
 * @return
 *   0 when every memseg was visited, else the callback's 1 or -1; -1 with
 *   rte_errno EINVAL for a NULL func.
 */
int rte_memseg_walk(rte_memseg_walk_t func, void *arg);

/**
 * Calls func for every run of memsegs that is contiguous in virtual and IO
 * addresses. Returns as rte_memseg_walk().
 *
 * @param func
 *   The callback.
 * @param arg
 *   Passed to func.
 * @return
 *   As rte_memseg_walk().
 */
int rte_memseg_contig_walk(rte_memseg_contig_walk_t func, void *arg);

/**
 * Calls func for every memseg list. Returns as rte_memseg_walk().
 *
 * @param func
 *   The callback.
 * @param arg
 *   Passed to func.
 * @return
 *   As rte_memseg_walk().
 */
int rte_memseg_list_walk(rte_memseg_list_walk_t func, void *arg);

/** rte_memseg_walk() (rtmem's walks take no lock). */
int rte_memseg_walk_thread_unsafe(rte_memseg_walk_t func, void *arg);

/** rte_memseg_contig_walk() (rtmem's walks take no lock). */
int rte_memseg_contig_walk_thread_unsafe(rte_memseg_contig_walk_t func,
					 void *arg);

/** rte_memseg_list_walk() (rtmem's walks take no lock). */
int rte_memseg_list_walk_thread_unsafe(rte_memseg_list_walk_t func,
				       void *arg);

/**
 * File descriptor of the memory behind a memseg: the backing file of its
 * whole memseg list (as DPDK's --single-file-segments), owned by rtmem.
 *
 * @param ms
 *   A memseg.
 * @return
 *   The descriptor, or -1 with rte_errno EINVAL (NULL, or not a memseg of
 *   rtmem's shared memory).
 */
int rte_memseg_get_fd(const struct rte_memseg *ms);

/** rte_memseg_get_fd(). */
int rte_memseg_get_fd_thread_unsafe(const struct rte_memseg *ms);

/**
 * Offset of a memseg inside the file rte_memseg_get_fd() returns.
 *
 * @param ms
 *   A memseg.
 * @param offset
 *   Receives the offset in bytes.
 * @return
 *   0, or -1 with rte_errno as rte_memseg_get_fd() (EINVAL also for a NULL
 *   offset).
 */
int rte_memseg_get_fd_offset(const struct rte_memseg *ms, size_t *offset);

/** rte_memseg_get_fd_offset(). */
int rte_memseg_get_fd_offset_thread_unsafe(const struct rte_memseg *ms,
					   size_t *offset);

/**
 * Prints every memseg list and its committed memory.
 *
 * @param f
 *   Output stream.
 */
void rte_dump_physmem_layout(FILE *f);

/**
 * Total committed shared memory, in bytes.
 *
 * @return
 *   The sum over memseg lists of committed pages times page size.
 */
uint64_t rte_eal_get_physmem_size(void);

/** @return The -n value, 0 if not given. */
unsigned int rte_memory_get_nchannel(void);

/** @return The -r value, 0 if not given. */
unsigned int rte_memory_get_nrank(void);

/**
 * Whether every committed memseg's IOVA range fits in maskbits bits;
 * when it does, also remembers the mask for later checks.
 *
 * @param maskbits
 *   Address width of a device, 1 to 64.
 * @return
 *   0 if all fit, -1 otherwise (rte_errno EINVAL for a bad width).
 */
int rte_mem_check_dma_mask(uint8_t maskbits);

/** rte_mem_check_dma_mask(). */
int rte_mem_check_dma_mask_thread_unsafe(uint8_t maskbits);

/**
 * Sets the DMA mask width without checking memory against it.
 *
 * @param maskbits
 *   Address width, 1 to 64.
 */
void rte_mem_set_dma_mask(uint8_t maskbits);

/**
 * Whether physical addresses are available (and used as IOVA).
 *
 * @return 1 in IOVA-as-PA mode, 0 otherwise.
 */
int rte_eal_using_phys_addrs(void);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_MEMORY_H_ */
