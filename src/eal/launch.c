/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * launch.c: worker threads and rte_eal_remote_launch() (rte_launch.h).
 *
 * One worker thread per enabled lcore except the main one, created at
 * init, pinned to the lcore's CPU set, named "rte-worker-<id>".
 *
 * Hand-off protocol, per slot (fields in eal_lcore.h):
 *   launcher: CAS state WAIT -> RUNNING (acq_rel; only one launcher wins),
 *             write f and arg, then cmd_seq += 1 with release (R1) and a
 *             futex wake on cmd_seq.
 *   worker:   sleeps on cmd_seq until it changes; the acquire load (A1)
 *             pairs with R1, so f and arg are visible. Runs f, writes ret,
 *             stores state = WAIT with seq_cst (R2), then wakes sleepers
 *             if `waiters` is non-zero.
 *   waiter:   spins briefly on state (acquire, A2 pairs with R2, so ret is
 *             visible), then increments `waiters` (seq_cst) and futex-waits
 *             while state is RUNNING. The seq_cst store R2 and the seq_cst
 *             increment make "worker misses the waiter and the waiter misses
 *             WAIT" impossible.
 * Stopping: set quit, bump cmd_seq, wake, join (after the slot is WAIT).
 *
 * The main lcore's slot uses state and ret only (rte_eal_mp_remote_launch
 * with CALL_MAIN runs f on the caller).
 */
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_pause.h>

#include "eal/eal_lcore.h"
#include "eal/eal_private.h"
#include "internal/cpu.h"
#include "internal/rtmem_export.h"
#include "internal/rtmem_log.h"

#define WAIT_SPINS 4096

static bool workers_alive;

static void
futex_wait(uint32_t *addr, uint32_t expected)
{
	syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, expected, NULL, NULL, 0);
}

static void
futex_wake(uint32_t *addr)
{
	syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
}

static void *
worker_main(void *p)
{
	unsigned int lcore_id = (unsigned int)(uintptr_t)p;
	struct lcore_slot *s = &eal_lcores.slot[lcore_id];
	uint32_t seen = 0;

	eal_thread_set_lcore(lcore_id, &s->cpus);
	for (;;) {
		uint32_t seq;

		/* A1: pairs with the launcher's R1 */
		while ((seq = __atomic_load_n(&s->cmd_seq, __ATOMIC_ACQUIRE)) == seen)
			futex_wait(&s->cmd_seq, seen);
		seen = seq;
		if (__atomic_load_n(&s->quit, __ATOMIC_RELAXED))
			break;
		s->ret = s->f(s->arg);
		/* R2: publishes ret; pairs with A2 in rte_eal_wait_lcore */
		__atomic_store_n(&s->state, WAIT, __ATOMIC_SEQ_CST);
		if (__atomic_load_n(&s->waiters, __ATOMIC_SEQ_CST) != 0)
			futex_wake(&s->state);
	}
	return NULL;
}

static void
stop_worker(struct lcore_slot *s)
{
	unsigned int id = (unsigned int)(s - eal_lcores.slot);

	rte_eal_wait_lcore(id);
	__atomic_store_n(&s->quit, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&s->cmd_seq, 1, __ATOMIC_RELEASE);
	futex_wake(&s->cmd_seq);
	pthread_join(s->thread, NULL);
	s->thread_started = false;
}

void
eal_workers_stop(bool wait_busy)
{
	__atomic_store_n(&workers_alive, false, __ATOMIC_RELEASE);
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++) {
		struct lcore_slot *s = &eal_lcores.slot[id];

		if (!s->thread_started)
			continue;
		if (!wait_busy &&
		    __atomic_load_n(&s->state, __ATOMIC_ACQUIRE) == RUNNING)
			continue;
		stop_worker(s);
	}
}

int
eal_workers_start(void)
{
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++) {
		struct lcore_slot *s = &eal_lcores.slot[id];
		pthread_attr_t attr;
		char name[RTE_MAX_THREAD_NAME_LEN], cpus[128];
		int ret;

		if (s->role != ROLE_RTE || id == eal_lcores.main_lcore)
			continue;
		pthread_attr_init(&attr);
		pthread_attr_setaffinity_np(&attr, sizeof(s->cpus), &s->cpus);
		ret = pthread_create(&s->thread, &attr, worker_main,
				     (void *)(uintptr_t)id);
		pthread_attr_destroy(&attr);
		if (ret != 0) {
			EAL_LOG(ERR, "cannot start the thread of lcore %u on "
				"CPUs %s: %s", id,
				cpu_set_format(&s->cpus, cpus, sizeof(cpus)),
				strerror(ret));
			eal_workers_stop(true);
			return ret == EINVAL ? -EINVAL : -EAGAIN;
		}
		s->thread_started = true;
		snprintf(name, sizeof(name), "rte-worker-%u", id);
		pthread_setname_np(s->thread, name);
	}
	__atomic_store_n(&workers_alive, true, __ATOMIC_RELEASE);
	return 0;
}

/*
 * A launchable worker: enabled, not main, thread alive. As in DPDK, a lcore
 * without a worker thread (main, disabled, out of range, stopped) gets
 * -EPIPE; a NULL function gets -EINVAL (DPDK would crash). Logs one line.
 */
static int
check_worker(unsigned int worker_id, lcore_function_t *f)
{
	const char *why = NULL;

	if (f == NULL) {
		EAL_LOG(ERR, "launch on lcore %u: the function is NULL", worker_id);
		return -EINVAL;
	}
	if (worker_id >= RTE_MAX_LCORE)
		why = "out of range";
	else if (!rte_lcore_is_enabled(worker_id))
		why = "not an enabled lcore";
	else if (worker_id == eal_lcores.main_lcore)
		why = "it is the main lcore (call the function directly)";
	else if (!__atomic_load_n(&workers_alive, __ATOMIC_ACQUIRE))
		why = "worker threads are stopped (rte_eal_cleanup was called)";
	if (why == NULL)
		return 0;
	EAL_LOG(ERR, "launch on lcore %u: no worker thread: %s", worker_id, why);
	return -EPIPE;
}

RTMEM_EXPORT int
rte_eal_remote_launch(lcore_function_t *f, void *arg, unsigned int worker_id)
{
	struct lcore_slot *s;
	uint32_t expected = WAIT;
	int ret;

	if (eal_ensure_init() < 0)
		return -EPIPE;
	if ((ret = check_worker(worker_id, f)) != 0)
		return ret;
	s = &eal_lcores.slot[worker_id];
	if (!__atomic_compare_exchange_n(&s->state, &expected, RUNNING, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		EAL_LOG(DEBUG, "launch on lcore %u: busy", worker_id);
		return -EBUSY;
	}
	s->f = f;
	s->arg = arg;
	/* R1: publishes f and arg; pairs with A1 in worker_main */
	__atomic_fetch_add(&s->cmd_seq, 1, __ATOMIC_RELEASE);
	futex_wake(&s->cmd_seq);
	return 0;
}

RTMEM_EXPORT int
rte_eal_mp_remote_launch(lcore_function_t *f, void *arg,
			 enum rte_rmt_call_main_t call_main)
{
	unsigned int id, main_lcore;
	int ret;

	if (eal_ensure_init() < 0)
		return -EPIPE;
	main_lcore = eal_lcores.main_lcore;
	if (f == NULL) {
		EAL_LOG(ERR, "launch on all lcores: the function is NULL");
		return -EINVAL;
	}
	RTE_LCORE_FOREACH_WORKER(id) {
		if (!__atomic_load_n(&workers_alive, __ATOMIC_ACQUIRE))
			return check_worker(id, f);
		if (rte_eal_get_lcore_state(id) != WAIT) {
			EAL_LOG(DEBUG, "launch on all lcores: lcore %u is busy", id);
			return -EBUSY;
		}
	}
	RTE_LCORE_FOREACH_WORKER(id) {
		ret = rte_eal_remote_launch(f, arg, id);
		if (ret != 0)
			EAL_LOG(ERR, "launch on all lcores: lcore %u refused: %s",
				id, strerror(-ret));
	}
	if (call_main == CALL_MAIN) {
		struct lcore_slot *m = &eal_lcores.slot[main_lcore];

		__atomic_store_n(&m->state, RUNNING, __ATOMIC_RELAXED);
		m->ret = f(arg);
		__atomic_store_n(&m->state, WAIT, __ATOMIC_RELEASE);
	}
	return 0;
}

RTMEM_EXPORT enum rte_lcore_state_t
rte_eal_get_lcore_state(unsigned int worker_id)
{
	if (worker_id >= RTE_MAX_LCORE)
		return WAIT;
	return (enum rte_lcore_state_t)__atomic_load_n(
		&eal_lcores.slot[worker_id].state, __ATOMIC_ACQUIRE);
}

RTMEM_EXPORT int
rte_eal_wait_lcore(unsigned int worker_id)
{
	struct lcore_slot *s;

	if (worker_id >= RTE_MAX_LCORE) {
		EAL_LOG(ERR, "wait for lcore %u: out of range (0-%d)",
			worker_id, RTE_MAX_LCORE - 1);
		return -EINVAL;
	}
	s = &eal_lcores.slot[worker_id];
	/* A2: pairs with R2 in worker_main, so ret is visible */
	for (unsigned int i = 0; i < WAIT_SPINS; i++) {
		if (__atomic_load_n(&s->state, __ATOMIC_ACQUIRE) == WAIT)
			return s->ret;
		rte_pause();
	}
	__atomic_fetch_add(&s->waiters, 1, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&s->state, __ATOMIC_SEQ_CST) != WAIT)
		futex_wait(&s->state, RUNNING);
	__atomic_fetch_sub(&s->waiters, 1, __ATOMIC_RELAXED);
	return s->ret;
}

RTMEM_EXPORT void
rte_eal_mp_wait_lcore(void)
{
	unsigned int id;

	RTE_LCORE_FOREACH_WORKER(id)
		rte_eal_wait_lcore(id);
}
