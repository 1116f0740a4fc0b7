/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Logical cores (lcores): the EAL's threads and the registered non-EAL ones.
 *
 * An lcore id names a thread, not a CPU. rte_eal_init() enables the lcores
 * given with -l, -c or --lcores (by default one per CPU the process may run
 * on, with lcore id = CPU id); each enabled lcore (role ROLE_RTE) is a
 * thread pinned to its CPU set, and the thread that called rte_eal_init()
 * is the main lcore. A thread created by the application has no lcore id
 * (LCORE_ID_ANY) unless it calls rte_thread_register(), which lends it a
 * free id (role ROLE_NON_EAL) until rte_thread_unregister().
 *
 * Per-lcore data is indexed by lcore id; rte_lcore_id() is a thread-local
 * read. All functions here are thread-safe.
 */
#ifndef _RTE_LCORE_H_
#define _RTE_LCORE_H_

#include <stdio.h>

#include <rte_compat.h>
#include <rte_config.h>
#include <rte_per_lcore.h>
#include <rte_eal.h>
#include <rte_launch.h>
#include <rte_thread.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LCORE_ID_ANY UINT32_MAX /**< The lcore id of a thread that has none. */

/** The calling thread's lcore id (LCORE_ID_ANY if it has none). */
RTE_DECLARE_PER_LCORE(unsigned, _lcore_id);

/** What an lcore id is used for. */
enum rte_lcore_role_t {
	ROLE_RTE,     /**< an EAL lcore (enabled) */
	ROLE_OFF,     /**< not in use */
	ROLE_SERVICE, /**< a service lcore */
	ROLE_NON_EAL, /**< lent to a registered non-EAL thread */
};

/**
 * The role of an lcore id.
 *
 * @param lcore_id
 *   The lcore id.
 * @return The role; ROLE_OFF for ids >= RTE_MAX_LCORE.
 */
enum rte_lcore_role_t rte_eal_lcore_role(unsigned int lcore_id);

/**
 * Test the role of an lcore id.
 *
 * @param lcore_id
 *   The lcore id.
 * @param role
 *   The role to test for.
 * @return 1 if the lcore has this role, 0 if not (also for lcore_id >=
 *   RTE_MAX_LCORE, as DPDK 22.11 does).
 */
int rte_lcore_has_role(unsigned int lcore_id, enum rte_lcore_role_t role);

/**
 * The calling thread's lcore id.
 *
 * @return The lcore id, or LCORE_ID_ANY for a thread that has none.
 */
static inline unsigned
rte_lcore_id(void)
{
	return RTE_PER_LCORE(_lcore_id);
}

/**
 * The id of the main lcore (the thread that initialised the EAL).
 *
 * @return The main lcore id.
 */
unsigned int rte_get_main_lcore(void);

/**
 * The number of lcores in use: the enabled EAL lcores plus the registered
 * non-EAL threads.
 *
 * @return The count.
 */
unsigned int rte_lcore_count(void);

/**
 * The position of an lcore among the enabled lcores (0 for the lowest
 * enabled id, 1 for the next...).
 *
 * @param lcore_id
 *   The lcore id, or a negative value for the calling thread's lcore.
 * @return The index, or -1 if lcore_id >= RTE_MAX_LCORE, the lcore is not
 *   an enabled EAL lcore, or (negative lcore_id) the calling thread has no
 *   lcore id.
 */
int rte_lcore_index(int lcore_id);

/**
 * The NUMA socket the calling thread runs on: the node of its CPU set when
 * every CPU of that set is on one node.
 *
 * @return The socket id, or (unsigned)SOCKET_ID_ANY when the thread may run
 *   on several nodes or is unknown to the EAL.
 */
unsigned int rte_socket_id(void);

/**
 * The number of NUMA sockets with CPUs on this machine.
 *
 * @return The count (at least 1).
 */
unsigned int rte_socket_count(void);

/**
 * The socket id at a position in the ordered list of sockets, so that
 * 0 .. rte_socket_count()-1 visits every socket.
 *
 * @param idx
 *   The position.
 * @return The socket id, or -1 with rte_errno = EINVAL if idx >=
 *   rte_socket_count().
 */
int rte_socket_id_by_idx(unsigned int idx);

/**
 * The NUMA socket of an lcore's CPU set.
 *
 * @param lcore_id
 *   The lcore id.
 * @return The socket id; (unsigned)SOCKET_ID_ANY if lcore_id >=
 *   RTE_MAX_LCORE or its CPUs span several sockets.
 */
unsigned int rte_lcore_to_socket_id(unsigned int lcore_id);

/**
 * The first CPU an lcore runs on.
 *
 * @param lcore_id
 *   The lcore id, or a negative value for the calling thread's lcore.
 * @return The CPU id, or -1 if lcore_id >= RTE_MAX_LCORE, the lcore is not
 *   in use, or (negative lcore_id) the calling thread has no lcore id.
 */
int rte_lcore_to_cpu_id(int lcore_id);

#ifdef RTE_HAS_CPUSET
/**
 * The CPU set an lcore is pinned to.
 *
 * @param lcore_id
 *   The lcore id.
 * @return The set; empty for an lcore that is not in use or out of range.
 */
rte_cpuset_t rte_lcore_cpuset(unsigned int lcore_id);
#endif

/**
 * Whether an lcore id is an enabled EAL lcore (role ROLE_RTE).
 *
 * @param lcore_id
 *   The lcore id.
 * @return 1 if enabled, 0 otherwise (also for ids out of range).
 */
int rte_lcore_is_enabled(unsigned int lcore_id);

/**
 * The next enabled lcore after i.
 *
 * @param i
 *   The lcore to start after; (unsigned)-1 to start at the beginning.
 * @param skip_main
 *   If non-zero, never return the main lcore.
 * @param wrap
 *   If non-zero, continue from lcore 0 after the last one (so the result
 *   may be i itself).
 * @return The next enabled lcore id, or RTE_MAX_LCORE if there is none.
 */
unsigned int rte_get_next_lcore(unsigned int i, int skip_main, int wrap);

/** Loop over every enabled lcore, main included. */
#define RTE_LCORE_FOREACH(i)                                            \
	for (i = rte_get_next_lcore(-1, 0, 0);                          \
	     i < RTE_MAX_LCORE;                                         \
	     i = rte_get_next_lcore(i, 0, 0))

/** Loop over every enabled lcore except the main one. */
#define RTE_LCORE_FOREACH_WORKER(i)                                     \
	for (i = rte_get_next_lcore(-1, 1, 0);                          \
	     i < RTE_MAX_LCORE;                                         \
	     i = rte_get_next_lcore(i, 1, 0))

/** Called for each lcore when a callback is registered and when a thread registers. */
typedef int (*rte_lcore_init_cb)(unsigned int lcore_id, void *arg);

/** Called for each lcore when a callback is unregistered and when a thread unregisters. */
typedef void (*rte_lcore_uninit_cb)(unsigned int lcore_id, void *arg);

/**
 * Register callbacks run for every lcore in use: init is called now for each
 * existing lcore (EAL and registered non-EAL) and later for each thread that
 * registers; uninit when such a thread unregisters and, for every lcore,
 * when the callback is unregistered.
 *
 * @param name
 *   A name for logs (copied).
 * @param init
 *   Called with each lcore id; a non-zero return refuses: registration is
 *   rolled back (uninit called for the lcores already initialised) and NULL
 *   returned. May be NULL.
 * @param uninit
 *   May be NULL.
 * @param arg
 *   Passed to both.
 * @return A handle for rte_lcore_callback_unregister(), or NULL (name NULL,
 *   out of memory, or init refused).
 */
void *rte_lcore_callback_register(const char *name, rte_lcore_init_cb init,
				  rte_lcore_uninit_cb uninit, void *arg);

/**
 * Unregister callbacks, calling uninit for every lcore in use.
 *
 * @param handle
 *   What rte_lcore_callback_register() returned; NULL is ignored.
 */
void rte_lcore_callback_unregister(void *handle);

/** Called by rte_lcore_iterate() for each lcore in use. */
typedef int (*rte_lcore_iterate_cb)(unsigned int lcore_id, void *arg);

/**
 * Call cb for every lcore in use (any role other than ROLE_OFF), in id
 * order, stopping at the first non-zero return.
 *
 * @param cb
 *   The callback.
 * @param arg
 *   Its argument.
 * @return 0, or the first non-zero value cb returned.
 */
int rte_lcore_iterate(rte_lcore_iterate_cb cb, void *arg);

/**
 * Print one line per lcore in use: id, role, CPU set, socket, state.
 *
 * @param f
 *   The output stream.
 */
void rte_lcore_dump(FILE *f);

/**
 * Name a thread (as shown by ps and gdb).
 *
 * @param id
 *   The thread.
 * @param name
 *   The name; truncated to RTE_MAX_THREAD_NAME_LEN - 1 characters.
 * @return 0, or a negative errno value.
 */
int rte_thread_setname(pthread_t id, const char *name);

/**
 * Read a thread's name.
 *
 * @param id
 *   The thread.
 * @param name
 *   Buffer for the name.
 * @param len
 *   Its size.
 * @return 0, or a negative errno value.
 */
__rte_experimental
int rte_thread_getname(pthread_t id, char *name, size_t len);

/**
 * Give the calling non-EAL thread an lcore id: the lowest unused one, which
 * becomes ROLE_NON_EAL and counts in rte_lcore_count(). The lcore
 * callbacks' init functions run for it. A thread that already has an lcore
 * id keeps it (rtmem: no second id is taken).
 *
 * @return 0, or -1 with rte_errno set: ENOMEM when every lcore id is in use
 *   (the thread keeps LCORE_ID_ANY), or a callback's refusal.
 */
int rte_thread_register(void);

/**
 * Give back the lcore id of a thread registered with rte_thread_register();
 * the id can then be lent to another thread. No effect on EAL lcores and
 * on threads without an lcore id.
 */
void rte_thread_unregister(void);

/**
 * Create a control thread: a named thread that runs on the CPUs not used by
 * EAL lcores (or on the main lcore's CPUs when every CPU is used).
 *
 * @param thread
 *   Receives the thread handle.
 * @param name
 *   The thread's name.
 * @param attr
 *   Thread attributes, or NULL.
 * @param start_routine
 *   The thread function.
 * @param arg
 *   Its argument.
 * @return 0, or a negative errno value.
 */
int rte_ctrl_thread_create(pthread_t *thread, const char *name,
			   const pthread_attr_t *attr,
			   void *(*start_routine)(void *), void *arg);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_LCORE_H_ */
