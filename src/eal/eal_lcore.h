/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * eal_lcore.h: the lcore table, shared by lcore.c, launch.c, thread.c and
 * eal.c. Process-private memory.
 *
 * Who writes what:
 *   - eal.c fills the table from the options at init, under the EAL init
 *     lock, before any worker thread exists (eal_lcores_setup);
 *   - thread.c changes role/cpus/socket/index of ROLE_OFF <-> ROLE_NON_EAL
 *     slots under eal_lcores.lock (register/unregister);
 *   - launch.c owns state/cmd_seq/f/arg/ret (see its design comment).
 * Readers take no lock: role and count are atomics; a slot's cpus and
 * socket are written before its role is published with a release store
 * and read after an acquire load of the role.
 */
#ifndef EAL_LCORE_H
#define EAL_LCORE_H

#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>

#include <rte_config.h>
#include <rte_launch.h>
#include <rte_lcore.h>

#include <rte_memory.h>

#include "eal/eal_options.h"
#include "internal/cpu.h"

struct lcore_slot {
	/* identity */
	int role;                  /* enum rte_lcore_role_t; atomic */
	int index;                 /* rte_lcore_index(); -1 unless ROLE_RTE */
	unsigned int socket_id;    /* node of cpus, or (unsigned)SOCKET_ID_ANY */
	cpu_set_t cpus;            /* CPUs the lcore runs on */

	/* launch (launch.c) */
	pthread_t thread;          /* the worker thread, if started */
	bool thread_started;
	uint32_t state;            /* enum rte_lcore_state_t; atomic, futex */
	uint32_t cmd_seq;          /* bumped per command; atomic, futex */
	uint32_t waiters;          /* threads sleeping on state; atomic */
	uint32_t quit;             /* set before the last cmd_seq bump */
	lcore_function_t *f;       /* published by the cmd_seq release */
	void *arg;
	int ret;                   /* published by the state release */
} __attribute__((aligned(64)));

struct eal_lcore_table {
	struct lcore_slot slot[RTE_MAX_LCORE];
	unsigned int main_lcore;
	unsigned int count;        /* ROLE_RTE + ROLE_NON_EAL; atomic */
	pthread_mutex_t lock;      /* recursive: roles of NON_EAL slots, callbacks */
};

extern struct eal_lcore_table eal_lcores;

/* The socket of a CPU set: its node when all its CPUs share one, else
 * (unsigned)SOCKET_ID_ANY (what rte_socket_id() reports). */
static inline unsigned int
eal_cpuset_socket(const cpu_set_t *set)
{
	int node = cpu_set_node(set);

	return node >= 0 ? (unsigned int)node : (unsigned int)SOCKET_ID_ANY;
}

/* lcore.c: fill the table from parsed options (init lock held, no workers). */
void eal_lcores_setup(const struct eal_options *o);

/* thread.c: make the calling thread lcore lcore_id (LCORE_ID_ANY to drop it)
 * running on cpus (NULL: its current affinity); sets its socket id. */
void eal_thread_set_lcore(unsigned int lcore_id, const cpu_set_t *cpus);

/* thread.c: run every registered init callback for lcore_id (lock held);
 * on a refusal, undo the ones that ran and return -1. */
int eal_lcore_callbacks_init(unsigned int lcore_id);
void eal_lcore_callbacks_uninit(unsigned int lcore_id);
void eal_lcore_callbacks_free(void);

/* launch.c: start a pinned worker thread for every enabled lcore but the
 * main one. 0, or -errno (workers already started are stopped). */
int eal_workers_start(void);

/* launch.c: stop and join the worker threads. With wait_busy, each first
 * finishes the function it runs; without, RUNNING workers are left as they
 * are (not joined). */
void eal_workers_stop(bool wait_busy);

#endif /* EAL_LCORE_H */
