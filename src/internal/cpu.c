/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cpu.c: CPU and NUMA topology from sysfs (see cpu.h for the contract).
 *
 * State: one process-private table filled by cpu_topology_load(), under
 * pthread_once for the normal path. After that it is read-only, so queries
 * take no lock.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal/cpu.h"

#define SYSFS_SYSTEM "/sys/devices/system"
#define NODE_MAX 1024

static struct {
	cpu_set_t present;
	unsigned short node[CPU_SETSIZE];
	unsigned int ncpus;
	unsigned int nnodes;
	unsigned short nodes[NODE_MAX]; /* ascending */
} topo;

static pthread_once_t topo_once = PTHREAD_ONCE_INIT;
static bool topo_loaded; /* a test's cpu_topology_load() wins over sysfs */

/* Parse a list such as "0-3,8,10-11\n" into set. Returns 0 or -EINVAL. */
static int
parse_cpu_list(const char *s, cpu_set_t *set)
{
	CPU_ZERO(set);
	while (*s != '\0' && *s != '\n') {
		char *end;
		unsigned long lo, hi;

		if (!isdigit((unsigned char)*s))
			return -EINVAL;
		lo = strtoul(s, &end, 10);
		hi = lo;
		if (*end == '-') {
			s = end + 1;
			if (!isdigit((unsigned char)*s))
				return -EINVAL;
			hi = strtoul(s, &end, 10);
		}
		if (hi < lo || hi >= CPU_SETSIZE)
			return -EINVAL;
		for (unsigned long c = lo; c <= hi; c++)
			CPU_SET(c, set);
		s = end;
		if (*s == ',')
			s++;
	}
	return 0;
}

/* The node of cpu: the nodeN entry in <root>/cpu/cpuN, or 0. */
static unsigned int
read_cpu_node(const char *root, unsigned int cpu)
{
	char path[512];
	struct dirent *de;
	unsigned int node = 0;
	DIR *d;

	snprintf(path, sizeof(path), "%s/cpu/cpu%u", root, cpu);
	d = opendir(path);
	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		char *end;
		unsigned long n;

		if (strncmp(de->d_name, "node", 4) != 0 ||
		    !isdigit((unsigned char)de->d_name[4]))
			continue;
		n = strtoul(de->d_name + 4, &end, 10);
		if (*end == '\0' && n < NODE_MAX) {
			node = (unsigned int)n;
			break;
		}
	}
	closedir(d);
	return node;
}

int
cpu_topology_load(const char *root)
{
	char path[512], line[4096];
	bool seen[NODE_MAX] = { false };
	FILE *f;
	int ret = 0;

	memset(&topo, 0, sizeof(topo));
	snprintf(path, sizeof(path), "%s/cpu/online", root);
	f = fopen(path, "re");
	if (f != NULL && fgets(line, sizeof(line), f) != NULL)
		ret = parse_cpu_list(line, &topo.present);
	else
		ret = -ENOENT;
	if (f != NULL)
		fclose(f);
	if (ret != 0 || CPU_COUNT(&topo.present) == 0) {
		/* No sysfs: assume CPUs 0..n-1 on node 0. */
		long n = sysconf(_SC_NPROCESSORS_CONF);

		CPU_ZERO(&topo.present);
		for (long c = 0; c < n && c < CPU_SETSIZE; c++)
			CPU_SET(c, &topo.present);
		if (n < 1)
			CPU_SET(0, &topo.present);
	}
	for (unsigned int c = 0; c < CPU_SETSIZE; c++) {
		if (!CPU_ISSET(c, &topo.present))
			continue;
		topo.ncpus++;
		topo.node[c] = (unsigned short)read_cpu_node(root, c);
		seen[topo.node[c]] = true;
	}
	for (unsigned int n = 0; n < NODE_MAX; n++)
		if (seen[n])
			topo.nodes[topo.nnodes++] = (unsigned short)n;
	topo_loaded = true;
	return ret;
}

static void
topology_init_once(void)
{
	if (!topo_loaded)
		cpu_topology_load(SYSFS_SYSTEM);
}

void
cpu_topology_init(void)
{
	pthread_once(&topo_once, topology_init_once);
}

bool
cpu_is_present(unsigned int cpu)
{
	return cpu < CPU_SETSIZE && CPU_ISSET(cpu, &topo.present);
}

unsigned int
cpu_node(unsigned int cpu)
{
	return cpu_is_present(cpu) ? topo.node[cpu] : 0;
}

unsigned int
cpu_count(void)
{
	return topo.ncpus;
}

unsigned int
cpu_node_count(void)
{
	return topo.nnodes;
}

int
cpu_node_by_index(unsigned int idx)
{
	return idx < topo.nnodes ? topo.nodes[idx] : -1;
}

int
cpu_set_node(const cpu_set_t *set)
{
	int node = -1;

	for (unsigned int c = 0; c < CPU_SETSIZE; c++) {
		if (!CPU_ISSET(c, set))
			continue;
		if (node == -1)
			node = (int)cpu_node(c);
		else if (node != (int)cpu_node(c))
			return -1;
	}
	return node;
}

int
cpu_set_first(const cpu_set_t *set)
{
	for (unsigned int c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, set))
			return (int)c;
	return -1;
}

char *
cpu_set_format(const cpu_set_t *set, char *buf, size_t len)
{
	size_t used = 0;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	for (unsigned int c = 0; c < CPU_SETSIZE; c++) {
		unsigned int end = c;
		int n;

		if (!CPU_ISSET(c, set))
			continue;
		while (end + 1 < CPU_SETSIZE && CPU_ISSET(end + 1, set))
			end++;
		if (end == c)
			n = snprintf(buf + used, len - used, "%s%u",
				     used ? "," : "", c);
		else
			n = snprintf(buf + used, len - used, "%s%u-%u",
				     used ? "," : "", c, end);
		if (n < 0 || (size_t)n >= len - used)
			break;
		used += (size_t)n;
		c = end;
	}
	return buf;
}

char *
cpu_present_format(char *buf, size_t len)
{
	return cpu_set_format(&topo.present, buf, len);
}
