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
 * @return RTE_PROC_PRIMARY unless --proc-type selected another role
 *   (RTE_PROC_AUTO is resolved during rte_eal_init()).
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
 * @return
 *   The number of arguments consumed (>= 0), or -1 with rte_errno set:
 *   - EALREADY: the EAL is already initialised (second call, after a lazy
 *     initialisation, or after rte_eal_cleanup());
 *   - EINVAL: a malformed, unknown or conflicting option (one log line
 *     names the option and the reason); nothing is left running and the
 *     call may be retried;
 *   - EAGAIN: a worker thread could not be created;
 *   - ENOMEM: out of memory.
 */
int rte_eal_init(int argc, char **argv);

/**
 * Release everything rte_eal_init() acquired: stops and joins the worker
 * threads (each finishes the function it runs first).
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
