/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Running functions on worker lcores.
 *
 * Each worker lcore is a thread created by rte_eal_init() that waits (state
 * WAIT) until rte_eal_remote_launch() hands it a function; it then runs it
 * (state RUNNING), stores the return value and goes back to WAIT.
 *
 * Thread safety: launching is meant for the main lcore. Launch and wait
 * calls from several threads at once are safe (a lcore is taken by exactly
 * one launch; the others get -EBUSY), but only one thread should wait for a
 * given lcore's result.
 */
#ifndef _RTE_LAUNCH_H_
#define _RTE_LAUNCH_H_

#ifdef __cplusplus
extern "C" {
#endif

/** State of a worker lcore. */
enum rte_lcore_state_t {
	WAIT,    /**< waiting for a function to run */
	RUNNING, /**< running a launched function */
};

/** A function run on a lcore: takes the launch argument, returns a status. */
typedef int (lcore_function_t)(void *);

/**
 * Run f(arg) on a worker lcore. Returns at once; rte_eal_wait_lcore()
 * waits for the end and returns f's return value.
 *
 * The lcore is RUNNING as soon as this call returns 0.
 *
 * @param f
 *   The function to run.
 * @param arg
 *   Its argument.
 * @param worker_id
 *   A worker lcore (enabled, not the main lcore).
 * @return
 *   - 0: the function was handed to the lcore;
 *   - -EBUSY: the lcore is not in state WAIT (still running);
 *   - -EPIPE: there is no worker thread for worker_id: it is the main
 *     lcore, not enabled, out of range, or the workers were stopped by
 *     rte_eal_cleanup() (DPDK 22.11 returns -EPIPE in these cases too);
 *   - -EINVAL: f is NULL (rtmem; DPDK does not check).
 */
int rte_eal_remote_launch(lcore_function_t *f, void *arg, unsigned worker_id);

/** Whether rte_eal_mp_remote_launch() also runs the function on the main lcore. */
enum rte_rmt_call_main_t {
	SKIP_MAIN = 0, /**< only the workers run it */
	CALL_MAIN,     /**< the main lcore runs it too, before returning */
};

/**
 * Run f(arg) on every worker lcore, and on the main lcore as well with
 * CALL_MAIN (its return value is then kept for rte_eal_wait_lcore() of the
 * main lcore).
 *
 * @param f
 *   The function to run.
 * @param arg
 *   Its argument.
 * @param call_main
 *   SKIP_MAIN or CALL_MAIN.
 * @return
 *   - 0: launched on every worker;
 *   - -EBUSY: a worker was not in state WAIT; nothing was launched;
 *   - -EINVAL: f is NULL (rtmem);
 *   - -EPIPE: the workers are gone (after rte_eal_cleanup()).
 */
int rte_eal_mp_remote_launch(lcore_function_t *f, void *arg,
			     enum rte_rmt_call_main_t call_main);

/**
 * The state of a lcore.
 *
 * @param worker_id
 *   The lcore id.
 * @return
 *   WAIT or RUNNING. Lcores that are not enabled (and ids out of range)
 *   report WAIT.
 */
enum rte_lcore_state_t rte_eal_get_lcore_state(unsigned int worker_id);

/**
 * Wait until a lcore has finished the function it runs.
 *
 * @param worker_id
 *   The lcore id.
 * @return
 *   The return value of the last function run on that lcore, 0 if none
 *   was ever launched, or -EINVAL if worker_id >= RTE_MAX_LCORE (rtmem).
 */
int rte_eal_wait_lcore(unsigned worker_id);

/**
 * Wait until every worker lcore has finished (is in state WAIT).
 */
void rte_eal_mp_wait_lcore(void);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_LAUNCH_H_ */
