/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lcore.c: lcore and socket queries (rte_lcore.h).
 *
 * Reads the lcore table (eal_lcore.h) without locks: roles and the count
 * are atomics, and a slot's other fields are published before its role.
 * Each query first makes sure the EAL is initialised (lazily, with the
 * default options, for programs that never call rte_eal_init()).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_memory.h>

#include "eal/eal_lcore.h"
#include "eal/eal_private.h"
#include "internal/cpu.h"
#include "internal/rtmem_export.h"

struct eal_lcore_table eal_lcores = {
	.lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP,
};

static inline int
slot_role(unsigned int lcore_id)
{
	return __atomic_load_n(&eal_lcores.slot[lcore_id].role,
			       __ATOMIC_ACQUIRE);
}

void
eal_lcores_setup(const struct eal_options *o)
{
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++) {
		struct lcore_slot *s = &eal_lcores.slot[id];

		memset(s, 0, sizeof(*s));
		s->state = WAIT;
		if (o->lcore_enabled[id]) {
			s->cpus = o->lcore_cpus[id];
			s->index = o->lcore_index[id];
			s->socket_id = eal_cpuset_socket(&s->cpus);
			s->role = ROLE_RTE;
		} else {
			CPU_ZERO(&s->cpus);
			s->index = -1;
			s->socket_id = cpu_node(id);
			s->role = ROLE_OFF;
		}
	}
	eal_lcores.main_lcore = o->main_lcore;
	__atomic_store_n(&eal_lcores.count, o->lcore_count, __ATOMIC_RELEASE);
}

RTMEM_EXPORT enum rte_lcore_role_t
rte_eal_lcore_role(unsigned int lcore_id)
{
	if (eal_ensure_init() < 0 || lcore_id >= RTE_MAX_LCORE)
		return ROLE_OFF;
	return (enum rte_lcore_role_t)slot_role(lcore_id);
}

RTMEM_EXPORT int
rte_lcore_has_role(unsigned int lcore_id, enum rte_lcore_role_t role)
{
	if (lcore_id >= RTE_MAX_LCORE)
		return 0; /* DPDK 22.11 answers false, not an error */
	return rte_eal_lcore_role(lcore_id) == role;
}

RTMEM_EXPORT unsigned int
rte_get_main_lcore(void)
{
	eal_ensure_init();
	return eal_lcores.main_lcore;
}

RTMEM_EXPORT unsigned int
rte_lcore_count(void)
{
	eal_ensure_init();
	return __atomic_load_n(&eal_lcores.count, __ATOMIC_ACQUIRE);
}

/* A lcore argument where a negative value names the caller's lcore:
 * the lcore id, or -1 if out of range or the caller has none. */
static int
lcore_arg(int lcore_id)
{
	if (eal_ensure_init() < 0)
		return -1;
	if (lcore_id < 0)
		lcore_id = rte_lcore_id() < RTE_MAX_LCORE ? (int)rte_lcore_id() : -1;
	return lcore_id < RTE_MAX_LCORE ? lcore_id : -1;
}

RTMEM_EXPORT int
rte_lcore_index(int lcore_id)
{
	lcore_id = lcore_arg(lcore_id);
	if (lcore_id < 0 || slot_role((unsigned int)lcore_id) != ROLE_RTE)
		return -1;
	return eal_lcores.slot[lcore_id].index;
}

RTMEM_EXPORT unsigned int
rte_socket_count(void)
{
	cpu_topology_init();
	return cpu_node_count();
}

RTMEM_EXPORT int
rte_socket_id_by_idx(unsigned int idx)
{
	int node;

	cpu_topology_init();
	node = cpu_node_by_index(idx);
	if (node < 0) {
		rte_errno = EINVAL;
		return -1;
	}
	return node;
}

RTMEM_EXPORT unsigned int
rte_lcore_to_socket_id(unsigned int lcore_id)
{
	if (eal_ensure_init() < 0 || lcore_id >= RTE_MAX_LCORE)
		return (unsigned int)SOCKET_ID_ANY;
	(void)slot_role(lcore_id); /* acquire: socket_id is published before role */
	return eal_lcores.slot[lcore_id].socket_id;
}

RTMEM_EXPORT int
rte_lcore_to_cpu_id(int lcore_id)
{
	lcore_id = lcore_arg(lcore_id);
	if (lcore_id < 0 || slot_role((unsigned int)lcore_id) == ROLE_OFF)
		return -1;
	return cpu_set_first(&eal_lcores.slot[lcore_id].cpus);
}

RTMEM_EXPORT rte_cpuset_t
rte_lcore_cpuset(unsigned int lcore_id)
{
	rte_cpuset_t set;

	CPU_ZERO(&set);
	if (eal_ensure_init() < 0 || lcore_id >= RTE_MAX_LCORE ||
	    slot_role(lcore_id) == ROLE_OFF)
		return set;
	return eal_lcores.slot[lcore_id].cpus;
}

RTMEM_EXPORT int
rte_lcore_is_enabled(unsigned int lcore_id)
{
	if (eal_ensure_init() < 0 || lcore_id >= RTE_MAX_LCORE)
		return 0;
	return slot_role(lcore_id) == ROLE_RTE;
}

RTMEM_EXPORT unsigned int
rte_get_next_lcore(unsigned int i, int skip_main, int wrap)
{
	unsigned int main_lcore;

	eal_ensure_init();
	main_lcore = eal_lcores.main_lcore;
	/* at most one full turn, so wrap never loops forever */
	for (unsigned int step = 0; step < RTE_MAX_LCORE; step++) {
		i++;
		if (wrap)
			i %= RTE_MAX_LCORE;
		if (i >= RTE_MAX_LCORE)
			return RTE_MAX_LCORE;
		if (slot_role(i) == ROLE_RTE && !(skip_main && i == main_lcore))
			return i;
	}
	return RTE_MAX_LCORE;
}

RTMEM_EXPORT int
rte_lcore_iterate(rte_lcore_iterate_cb cb, void *arg)
{
	int ret = 0;

	if (cb == NULL || eal_ensure_init() < 0)
		return 0;
	pthread_mutex_lock(&eal_lcores.lock);
	for (unsigned int id = 0; id < RTE_MAX_LCORE && ret == 0; id++)
		if (slot_role(id) != ROLE_OFF)
			ret = cb(id, arg);
	pthread_mutex_unlock(&eal_lcores.lock);
	return ret;
}

static const char *
role_name(int role)
{
	switch (role) {
	case ROLE_RTE: return "RTE";
	case ROLE_SERVICE: return "SERVICE";
	case ROLE_NON_EAL: return "NON_EAL";
	default: return "OFF";
	}
}

RTMEM_EXPORT void
rte_lcore_dump(FILE *f)
{
	if (f == NULL || eal_ensure_init() < 0)
		return;
	pthread_mutex_lock(&eal_lcores.lock);
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++) {
		const struct lcore_slot *s = &eal_lcores.slot[id];
		int role = slot_role(id);
		char cpus[256];

		if (role == ROLE_OFF)
			continue;
		fprintf(f, "lcore %u, socket %d, role %s, cpuset %s, state %s%s\n",
			id, (int)s->socket_id, role_name(role),
			cpu_set_format(&s->cpus, cpus, sizeof(cpus)),
			__atomic_load_n(&s->state, __ATOMIC_ACQUIRE) == RUNNING
				? "RUNNING" : "WAIT",
			id == eal_lcores.main_lcore ? ", main" : "");
	}
	pthread_mutex_unlock(&eal_lcores.lock);
}
