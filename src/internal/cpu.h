/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cpu.h: the machine's CPUs and their NUMA nodes, as Linux reports them.
 *
 * Read once from sysfs (/sys/devices/system/cpu/online and the nodeN links
 * in each cpuN folder) and kept in process-private memory. CPU ids go up to
 * CPU_SETSIZE - 1, independent of RTE_MAX_LCORE. Machines without NUMA
 * information report every CPU on node 0.
 *
 * Who may call: any layer. cpu_topology_init() is thread-safe and
 * idempotent; the queries need it to have run. cpu_topology_load() replaces
 * the tables from another sysfs root and is for tests only (call it before
 * anything else uses the topology, in a single thread).
 */
#ifndef RTMEM_CPU_H
#define RTMEM_CPU_H

#include <sched.h>
#include <stdbool.h>
#include <stddef.h>

/* Read the topology of this machine once. */
void cpu_topology_init(void);

/* Tests: load the topology from root (e.g. "/tmp/x/sys/devices/system").
 * Returns 0, or -errno if root/cpu/online cannot be read. */
int cpu_topology_load(const char *root);

/* true if CPU cpu exists and is online. */
bool cpu_is_present(unsigned int cpu);

/* NUMA node of a present CPU (0 when unknown or not present). */
unsigned int cpu_node(unsigned int cpu);

/* Number of present CPUs. */
unsigned int cpu_count(void);

/* Distinct nodes that have present CPUs, ascending. */
unsigned int cpu_node_count(void);
int cpu_node_by_index(unsigned int idx); /* -1 if idx >= count */

/* The node shared by every CPU of set, or -1 if they span several nodes
 * or the set is empty. */
int cpu_set_node(const cpu_set_t *set);

/* First CPU in set, or -1 if empty. */
int cpu_set_first(const cpu_set_t *set);

/* Write set as a list ("0-3,8") into buf; returns buf. */
char *cpu_set_format(const cpu_set_t *set, char *buf, size_t len);

/* The present CPUs as a list, for error messages. */
char *cpu_present_format(char *buf, size_t len);

#endif /* RTMEM_CPU_H */
