/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * EAL-lite: initialisation, process type and small process-wide facts.
 *
 * rte_eal_init() parses DPDK's command-line options, creates one pinned
 * worker thread per worker lcore and makes the calling thread the main
 * lcore. A program that never calls it gets the same defaults on its first
 * call that needs the EAL (rtmem extension; the calling thread becomes the
 * main lcore but keeps its CPU affinity).
 *
 * Thread safety: rte_eal_init() and rte_eal_cleanup() are called once each,
 * from the main thread; everything else is thread-safe.
 */
#ifndef _RTE_EAL_H_
#define _RTE_EAL_H_

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <rte_config.h>
#include <rte_compat.h>
#include <rte_per_lcore.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Magic number a primary writes into shared state once it is ready. */
#define RTE_MAGIC 19820526

/** Longest thread name, including the terminating NUL. */
#define RTE_MAX_THREAD_NAME_LEN 16

/** Role of this process in a multi-process group (--proc-type). */
enum rte_proc_type_t {
	RTE_PROC_AUTO = -1,   /**< detect: secondary if a primary runs */
	RTE_PROC_PRIMARY = 0, /**< owns the shared memory (the default) */
	RTE_PROC_SECONDARY,   /**< attaches to a running primary */
	RTE_PROC_INVALID
};

/**
 * The type of this process.
 *
 * @return RTE_PROC_PRIMARY or RTE_PROC_SECONDARY once initialised
 *   (--proc-type=auto resolved); RTE_PROC_PRIMARY before.
 */
enum rte_proc_type_t rte_eal_process_type(void);

/**
 * Initialise the EAL.
 *
 * Parses the EAL options at the start of argv (see rte_eal_init's --help
 * text for the list): lcores (-l, -c, --lcores, --main-lcore), memory (-m,
 * --socket-mem, --socket-limit, --no-huge, --huge-dir, --in-memory,
 * --legacy-mem, --single-file-segments, --base-virtaddr), processes
 * (--proc-type, --file-prefix) and logging (--log-level). Device options
 * (--no-pci, -a, -b, --vdev, -d) are accepted and ignored. Option
 * scanning stops at "--" or at the end; non-option arguments met before
 * are moved after the consumed ones, so `argc -= ret; argv += ret;`
 * leaves the program name followed by the application's arguments.
 *
 * On return the worker lcores wait in state WAIT for rte_eal_remote_launch().
 * "-h"/"--help" prints the usage and exits the process with status 0.
 *
 * @param argc
 *   Number of arguments in argv (argv[0] is the program name).
 * @param argv
 *   The arguments; may be permuted as described above.
 * Memory: the primary (--proc-type=primary, the default) creates the
 * shared memory of its --file-prefix (default "rte"; rtmem's files never
 * collide with a real DPDK's: they live in an "rtmem" runtime directory
 * and are named rtmem.<prefix>.*). Hugepages are used when a hugetlbfs
 * mount of a size with free pages is writable; otherwise 4 KiB pages of a
 * /dev/shm file, logged once at NOTICE (--huge-strict makes that an error).
 * A secondary attaches to the running primary of its prefix, waiting up to
 * RTMEM_ATTACH_TIMEOUT_MS (environment, default 10000) for one that is
 * still initialising.
 *
 * @return
 *   The number of arguments consumed (>= 0), or -1 with rte_errno set:
 *   - EALREADY: the EAL is already initialised (second call, after a lazy
 *     initialisation, or after rte_eal_cleanup());
 *   - EINVAL: a malformed, unknown or conflicting option (one log line
 *     names the option and the reason); nothing is left running and the
 *     call may be retried;
 *   - EEXIST: --proc-type=primary while a primary of this prefix runs;
 *   - ESRCH: --proc-type=secondary and no primary of this prefix runs (or
 *     it died, or it did not become ready in time);
 *   - EPROTO: the primary's shared memory does not match this process's
 *     build (version or layout; the log names the field);
 *   - EADDRINUSE: the primary's address range is taken in this process
 *     (the log names the mapping in the way);
 *   - EPERM: the primary called rte_mp_disable();
 *   - EACCES: the runtime directory or backing files are not ours or not
 *     writable;
 *   - ENOMEM: out of memory (including -m or --socket-mem that cannot be
 *     committed);
 *   - EAGAIN: a worker thread could not be created.
 */
int rte_eal_init(int argc, char **argv);

/**
 * Release everything rte_eal_init() acquired: stops and joins the worker
 * threads (each finishes the function it runs first) and detaches from
 * shared memory. A primary marks its memory closed (no new secondary
 * attaches) and deletes its backing files and config; secondaries still
 * running keep their mappings, and the memory returns to the system when
 * the last of them exits. A primary that exits without calling it
 * deletes its files at normal exit too.
 *
 * No other rte_ call is allowed afterwards, and the EAL cannot be
 * initialised again in this process.
 *
 * @return
 *   0 on success (also when the EAL was never initialised), or -1 with
 *   rte_errno set to EALREADY when called a second time.
 */
int rte_eal_cleanup(void);

/** Program usage callback, see rte_set_application_usage_hook(). */
typedef void (*rte_usage_hook_t)(const char *prgname);

/**
 * Register a function that prints the application's own usage after the
 * EAL's when --help is given or an option is invalid.
 *
 * @param usage_func
 *   The function, or NULL to remove it.
 * @return
 *   The previously registered function, or NULL.
 */
rte_usage_hook_t rte_set_application_usage_hook(rte_usage_hook_t usage_func);

/**
 * Whether a PCI bus is in use. rtmem has no device layer.
 *
 * @return 0 always.
 */
int rte_eal_has_pci(void);

/**
 * The name of the mempool ops set with --mbuf-pool-ops-name.
 *
 * @return The name, or NULL when the option was not given.
 */
const char *rte_eal_mbuf_user_pool_ops(void);

/** IOVA addressing mode (DMA with physical or virtual addresses). */
enum rte_iova_mode {
	RTE_IOVA_DC = 0,        /**< don't care */
	RTE_IOVA_PA = (1 << 0), /**< DMA with physical addresses */
	RTE_IOVA_VA = (1 << 1)  /**< DMA with virtual addresses */
};

/**
 * The IOVA mode of the shared memory (decided by the primary).
 *
 * @return RTE_IOVA_PA or RTE_IOVA_VA; RTE_IOVA_DC before initialisation.
 */
enum rte_iova_mode rte_eal_iova_mode(void);

/**
 * Whether shared memory uses hugepages.
 *
 * @return 1 with hugepages, 0 with 4 KiB pages (or before initialisation).
 */
int rte_eal_has_hugepages(void);

/**
 * Whether the primary process of a prefix is alive.
 *
 * @param config_file_path
 *   Path of a config file, or NULL for this process's own prefix
 *   (<runtime dir>/config). A path to a file rtmem did not create is
 *   tested as DPDK does: alive when any process holds a lock on it.
 * @return
 *   1 if alive, 0 if not (or the file does not exist).
 */
int rte_eal_primary_proc_alive(const char *config_file_path);

/**
 * Refuses secondary processes from now on, if none is attached.
 *
 * @return
 *   true when multi-process is now disabled (no secondary attached, or
 *   already disabled); false when a secondary is attached (nothing
 *   changes). In a secondary: false, as in DPDK 22.11.
 */
bool rte_mp_disable(void);

/**
 * Start of the shared address range: the primary's --base-virtaddr or
 * default, as used.
 *
 * @return The address, or 0 before initialisation.
 */
uint64_t rte_eal_get_baseaddr(void);

/**
 * The runtime directory of this process's prefix: /var/run/rtmem/<prefix>
 * for root (or $RUNTIME_DIRECTORY/rtmem/<prefix> under systemd),
 * $XDG_RUNTIME_DIR/rtmem/<prefix> or /tmp/rtmem/<prefix> otherwise.
 *
 * @return The path, or "" when the process has none (--in-memory,
 *   --no-shconf, before initialisation).
 */
const char *rte_eal_get_runtime_dir(void);

/**
 * The kernel thread id of the calling thread (the gettid system call).
 *
 * @return The thread id.
 */
int rte_sys_gettid(void);

/** Cached thread id of the calling thread, -1 until rte_gettid() fills it. */
RTE_DECLARE_PER_LCORE(int, _thread_id);

/**
 * The kernel thread id of the calling thread, cached after the first call.
 *
 * @return The thread id.
 */
static inline int
rte_gettid(void)
{
	if (RTE_PER_LCORE(_thread_id) == -1)
		RTE_PER_LCORE(_thread_id) = rte_sys_gettid();
	return RTE_PER_LCORE(_thread_id);
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_EAL_H_ */
