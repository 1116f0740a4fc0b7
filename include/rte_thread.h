/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Portable threads: creation, affinity, priority and thread-local keys.
 *
 * A thin layer over POSIX threads with DPDK 22.11's names. Changing the
 * calling thread's affinity with rte_thread_set_affinity() also updates what
 * rte_socket_id() reports for it. All functions are thread-safe.
 */
#ifndef _RTE_THREAD_H_
#define _RTE_THREAD_H_

#include <pthread.h>
#include <stdint.h>

#include <rte_os.h>
#include <rte_compat.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A thread handle. */
typedef struct {
	uintptr_t opaque_id; /**< the pthread_t, as an integer */
} rte_thread_t;

/** A thread function for rte_thread_create(). */
typedef uint32_t (*rte_thread_func) (void *arg);

/** Scheduling priority of a thread. */
enum rte_thread_priority {
	RTE_THREAD_PRIORITY_NORMAL            = 0, /**< the default */
	RTE_THREAD_PRIORITY_REALTIME_CRITICAL = 1, /**< real-time (SCHED_RR) */
};

/** Attributes for rte_thread_create(). */
typedef struct {
	enum rte_thread_priority priority; /**< scheduling priority */
#ifdef RTE_HAS_CPUSET
	rte_cpuset_t cpuset;               /**< CPUs it may run on (empty: inherit) */
#endif
} rte_thread_attr_t;

/** A thread-local storage key. */
typedef struct eal_tls_key *rte_thread_key;

/**
 * Create a thread that runs thread_func(arg).
 *
 * @param thread_id
 *   Receives the handle.
 * @param thread_attr
 *   Attributes, or NULL for the defaults.
 * @param thread_func
 *   The function; its return value is what rte_thread_join() reports.
 * @param arg
 *   Its argument.
 * @return 0, or a positive errno value (EINVAL, EAGAIN, ENOMEM, EPERM).
 */
__rte_experimental
int rte_thread_create(rte_thread_t *thread_id,
		      const rte_thread_attr_t *thread_attr,
		      rte_thread_func thread_func, void *arg);

/**
 * Wait for a thread created with rte_thread_create() to end.
 *
 * @param thread_id
 *   The thread.
 * @param value_ptr
 *   Receives its return value; may be NULL.
 * @return 0, or a positive errno value.
 */
__rte_experimental
int rte_thread_join(rte_thread_t thread_id, uint32_t *value_ptr);

/**
 * Let a thread's resources be released when it ends, without a join.
 *
 * @param thread_id
 *   The thread.
 * @return 0, or a positive errno value.
 */
__rte_experimental
int rte_thread_detach(rte_thread_t thread_id);

/**
 * The calling thread.
 *
 * @return Its handle.
 */
__rte_experimental
rte_thread_t rte_thread_self(void);

/**
 * Compare two thread handles.
 *
 * @param t1
 *   A thread.
 * @param t2
 *   Another thread.
 * @return Non-zero if they name the same thread, 0 otherwise.
 */
__rte_experimental
int rte_thread_equal(rte_thread_t t1, rte_thread_t t2);

/**
 * Set attributes to their defaults (normal priority, no affinity).
 *
 * @param attr
 *   The attributes.
 * @return 0, or EINVAL if attr is NULL.
 */
__rte_experimental
int rte_thread_attr_init(rte_thread_attr_t *attr);

/**
 * Set the priority in thread attributes.
 *
 * @param thread_attr
 *   The attributes.
 * @param priority
 *   The priority.
 * @return 0, or EINVAL.
 */
__rte_experimental
int rte_thread_attr_set_priority(rte_thread_attr_t *thread_attr,
				 enum rte_thread_priority priority);

#ifdef RTE_HAS_CPUSET
/**
 * Set the CPU set in thread attributes.
 *
 * @param thread_attr
 *   The attributes.
 * @param cpuset
 *   The CPUs the thread may run on.
 * @return 0, or EINVAL.
 */
__rte_experimental
int rte_thread_attr_set_affinity(rte_thread_attr_t *thread_attr,
				 rte_cpuset_t *cpuset);

/**
 * Read the CPU set of thread attributes.
 *
 * @param thread_attr
 *   The attributes.
 * @param cpuset
 *   Receives the set.
 * @return 0, or EINVAL.
 */
__rte_experimental
int rte_thread_attr_get_affinity(rte_thread_attr_t *thread_attr,
				 rte_cpuset_t *cpuset);

/**
 * Pin a thread to a set of CPUs.
 *
 * @param thread_id
 *   The thread.
 * @param cpuset
 *   The CPUs.
 * @return 0, or a positive errno value.
 */
__rte_experimental
int rte_thread_set_affinity_by_id(rte_thread_t thread_id,
				  const rte_cpuset_t *cpuset);

/**
 * Read the CPU set of a thread.
 *
 * @param thread_id
 *   The thread.
 * @param cpuset
 *   Receives the set.
 * @return 0, or a positive errno value.
 */
__rte_experimental
int rte_thread_get_affinity_by_id(rte_thread_t thread_id,
				  rte_cpuset_t *cpuset);

/**
 * Pin the calling thread to a set of CPUs and update its socket id (and,
 * for an lcore, the lcore's CPU set).
 *
 * @param cpusetp
 *   The CPUs.
 * @return 0, or -1 if the set could not be applied.
 */
int rte_thread_set_affinity(rte_cpuset_t *cpusetp);

/**
 * The CPU set of the calling thread, as last set through the EAL.
 *
 * @param cpusetp
 *   Receives the set.
 */
void rte_thread_get_affinity(rte_cpuset_t *cpusetp);
#endif /* RTE_HAS_CPUSET */

/**
 * Read a thread's priority.
 *
 * @param thread_id
 *   The thread.
 * @param priority
 *   Receives the priority.
 * @return 0, or a positive errno value.
 */
__rte_experimental
int rte_thread_get_priority(rte_thread_t thread_id,
			    enum rte_thread_priority *priority);

/**
 * Change a thread's priority.
 *
 * @param thread_id
 *   The thread.
 * @param priority
 *   The priority; REALTIME_CRITICAL needs the right to use SCHED_RR.
 * @return 0, or a positive errno value (EPERM without that right).
 */
__rte_experimental
int rte_thread_set_priority(rte_thread_t thread_id,
			    enum rte_thread_priority priority);

/**
 * Create a thread-local storage key.
 *
 * @param key
 *   Receives the key.
 * @param destructor
 *   Called with a thread's non-NULL value when it ends; may be NULL.
 * @return 0, or -1 with rte_errno set (EINVAL, ENOMEM, ENOEXEC).
 */
__rte_experimental
int rte_thread_key_create(rte_thread_key *key, void (*destructor)(void *));

/**
 * Delete a thread-local storage key.
 *
 * @param key
 *   The key.
 * @return 0, or -1 with rte_errno set (EINVAL, ENOEXEC).
 */
__rte_experimental
int rte_thread_key_delete(rte_thread_key key);

/**
 * Set the calling thread's value for a key.
 *
 * @param key
 *   The key.
 * @param value
 *   The value.
 * @return 0, or -1 with rte_errno set (EINVAL, ENOEXEC).
 */
__rte_experimental
int rte_thread_value_set(rte_thread_key key, const void *value);

/**
 * The calling thread's value for a key.
 *
 * @param key
 *   The key.
 * @return The value, or NULL with rte_errno set (EINVAL, ENOEXEC) on error.
 */
__rte_experimental
void *rte_thread_value_get(rte_thread_key key);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_THREAD_H_ */
