/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * eal.c: rte_eal_init(), rte_eal_cleanup() and the lazy initialisation.
 *
 * Life cycle (init_state, atomic): NONE -> READY by rte_eal_init() or by
 * the first call that needs the EAL (eal_ensure_init, "lazy"); READY ->
 * DONE by rte_eal_cleanup(). A failed initialisation leaves NONE, with
 * nothing running, so it may be retried. DONE is final, as in DPDK.
 *
 * Init steps, all under init_lock: parse the options (no side effects),
 * apply log levels, check that every lcore's CPUs are allowed for this
 * process, fill the lcore table, set up shared memory (mem_init: primary
 * or secondary), start the worker threads, make the caller the main lcore
 * (pinned, unless lazy: a library user's thread keeps its affinity, so
 * threads it creates later are not confined to one CPU).
 *
 * A lazy initialisation uses private memory (as --in-memory): a program
 * that never called rte_eal_init() did not choose a --file-prefix, and
 * must neither collide with another program's primary nor leave files
 * behind.
 *
 * The options in force stay in `options` (eal_options_get). Process-private
 * state only; the shared configuration belongs to the mem layer.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_version.h>

#include "eal/eal_lcore.h"
#include "eal/eal_options.h"
#include "eal/eal_private.h"
#include "internal/cpu.h"
#include "internal/rtmem_export.h"
#include "internal/rtmem_log.h"
#include "mem/mem_private.h"

enum { INIT_NONE, INIT_READY, INIT_DONE };

static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER;
static int init_state; /* atomic; written under init_lock */
static struct eal_options options;

static void
apply_log_options(const struct eal_options *o)
{
	for (unsigned int i = 0; i < o->n_log_specs; i++) {
		const struct eal_log_spec *spec = &o->log_specs[i];

		switch (spec->kind) {
		case EAL_LOG_GLOBAL:
			rte_log_set_global_level(spec->level);
			break;
		case EAL_LOG_PATTERN:
			eal_log_save_pattern(spec->text, spec->level);
			break;
		case EAL_LOG_REGEX:
			eal_log_save_regexp(spec->text, spec->level);
			break;
		}
	}
}

/* Every lcore must be able to run on at least one of its CPUs. */
static int
check_lcore_cpus_allowed(const struct eal_options *o)
{
	cpu_set_t allowed, both;
	char want[128], have[128];

	if (sched_getaffinity(0, sizeof(allowed), &allowed) != 0)
		return 0; /* cannot tell: let pinning decide */
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++) {
		if (!o->lcore_enabled[id])
			continue;
		CPU_AND(&both, &allowed, &o->lcore_cpus[id]);
		if (CPU_COUNT(&both) > 0)
			continue;
		EAL_LOG(ERR, "lcore %u: CPUs %s are not allowed for this "
			"process (allowed: %s)", id,
			cpu_set_format(&o->lcore_cpus[id], want, sizeof(want)),
			cpu_set_format(&allowed, have, sizeof(have)));
		return -EINVAL;
	}
	return 0;
}

static int
eal_init(int argc, char **argv, bool lazy)
{
	struct eal_options o;
	struct lcore_slot *main_slot;
	cpu_set_t caller_cpus;
	bool pinned = false, mem_ready = false;
	int consumed, ret, state;

	pthread_mutex_lock(&init_lock);
	state = __atomic_load_n(&init_state, __ATOMIC_ACQUIRE);
	if (state != INIT_NONE) {
		pthread_mutex_unlock(&init_lock);
		if (!lazy)
			EAL_LOG(ERR, "rte_eal_init: the EAL is already %s",
				state == INIT_READY ? "initialised"
						    : "cleaned up");
		rte_errno = EALREADY;
		return -1;
	}
	cpu_topology_init();
	if (eal_options_init(&o) != 0) {
		pthread_mutex_unlock(&init_lock);
		EAL_LOG(ERR, "rte_eal_init: out of memory");
		rte_errno = ENOMEM;
		return -1;
	}
	consumed = eal_options_parse(&o, argc, argv);
	if (consumed < 0) {
		ret = consumed;
		goto fail;
	}
	apply_log_options(&o);
	if (o.show_version)
		EAL_LOG(NOTICE, "RTE Version: '%s'", rte_version());
	if ((ret = check_lcore_cpus_allowed(&o)) != 0)
		goto fail;
	eal_cycles_init();
	if (lazy)
		o.in_memory = true;
	eal_lcores_setup(&o);
	if ((ret = mem_init(&o)) != 0)
		goto fail;
	mem_ready = true;
	main_slot = &eal_lcores.slot[o.main_lcore];
	if (!lazy) {
		char cpus[128];

		if (pthread_getaffinity_np(pthread_self(), sizeof(caller_cpus),
					   &caller_cpus) != 0 ||
		    pthread_setaffinity_np(pthread_self(), sizeof(main_slot->cpus),
					   &main_slot->cpus) != 0) {
			EAL_LOG(ERR, "main lcore %u: cannot pin the calling "
				"thread to CPUs %s", o.main_lcore,
				cpu_set_format(&main_slot->cpus, cpus, sizeof(cpus)));
			ret = -EINVAL;
			goto fail;
		}
		pinned = true;
	}
	if ((ret = eal_workers_start()) != 0)
		goto fail;
	eal_thread_set_lcore(o.main_lcore,
			     lazy ? NULL : &main_slot->cpus);
	if (lazy) /* the lcore reports where the thread may really run */
		rte_thread_get_affinity(&main_slot->cpus);
	options = o;
	__atomic_store_n(&init_state, INIT_READY, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&init_lock);
	EAL_LOG(DEBUG, "initialised%s: %u lcores, main lcore %u",
		lazy ? " with defaults on first use" : "",
		o.lcore_count, o.main_lcore);
	return consumed;
fail:
	if (mem_ready)
		mem_cleanup();
	if (pinned) /* a failed init leaves the caller as it found it */
		pthread_setaffinity_np(pthread_self(), sizeof(caller_cpus),
				       &caller_cpus);
	eal_options_free(&o);
	pthread_mutex_unlock(&init_lock);
	rte_errno = -ret;
	return -1;
}

RTMEM_EXPORT int
rte_eal_init(int argc, char **argv)
{
	return eal_init(argc, argv, false);
}

int
eal_ensure_init(void)
{
	char *argv[2] = { program_invocation_short_name, NULL };
	int state = __atomic_load_n(&init_state, __ATOMIC_ACQUIRE);

	if (state == INIT_READY)
		return 0;
	if (state == INIT_DONE) {
		rte_errno = EALREADY;
		return -1;
	}
	if (eal_init(1, argv, true) >= 0)
		return 0;
	/* another thread may have initialised it meanwhile */
	return __atomic_load_n(&init_state, __ATOMIC_ACQUIRE) == INIT_READY ? 0
									    : -1;
}

bool
eal_is_initialised(void)
{
	return __atomic_load_n(&init_state, __ATOMIC_ACQUIRE) == INIT_READY;
}

const struct eal_options *
eal_options_get(void)
{
	return eal_is_initialised() ? &options : NULL;
}

int
eal_cleanup(bool wait_busy)
{
	int state;

	pthread_mutex_lock(&init_lock);
	state = __atomic_load_n(&init_state, __ATOMIC_ACQUIRE);
	if (state == INIT_DONE) {
		pthread_mutex_unlock(&init_lock);
		EAL_LOG(WARNING, "rte_eal_cleanup: already called");
		rte_errno = EALREADY;
		return -1;
	}
	if (state == INIT_NONE) {
		pthread_mutex_unlock(&init_lock);
		return 0;
	}
	eal_workers_stop(wait_busy);
	mem_cleanup();
	eal_lcore_callbacks_free();
	eal_log_reset();
	eal_options_free(&options);
	__atomic_store_n(&init_state, INIT_DONE, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&init_lock);
	return 0;
}

RTMEM_EXPORT int
rte_eal_cleanup(void)
{
	return eal_cleanup(true);
}

RTMEM_EXPORT enum rte_proc_type_t
rte_eal_process_type(void)
{
	/* primary until initialised; then as the mem layer resolved it */
	return mem_proc_type();
}

RTMEM_EXPORT int
rte_eal_has_pci(void)
{
	return 0;
}

RTMEM_EXPORT const char *
rte_eal_mbuf_user_pool_ops(void)
{
	return eal_is_initialised() ? options.mbuf_pool_ops : NULL;
}
