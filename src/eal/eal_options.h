/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * eal_options.h: the parsed EAL command line.
 *
 * options.c turns argv into a struct eal_options without side effects:
 * nothing is applied until the whole line is known to be valid, so a bad
 * option leaves no state behind and rte_eal_init() may be called again.
 * eal.c then applies the result (log levels, lcore table) and keeps it for
 * the memory layer, which reads it through eal_options_get().
 *
 * Ownership: strings in the struct are heap copies owned by it
 * (eal_options_free releases them). Not thread-safe; called under the
 * EAL init lock.
 */
#ifndef EAL_OPTIONS_H
#define EAL_OPTIONS_H

#include <sched.h>
#include <stdbool.h>
#include <stdint.h>

#include <rte_config.h>
#include <rte_eal.h>

#define EAL_MAX_LOG_SPECS 32

/* --huge-unlink mode (DPDK's): what to do with backing files. */
enum eal_huge_unlink {
	EAL_HUGE_UNLINK_EXISTING = 0, /* remove leftovers at start (default) */
	EAL_HUGE_UNLINK_ALWAYS,       /* unlink right after mapping */
	EAL_HUGE_UNLINK_NEVER,        /* reuse leftover files */
};

/* One --log-level argument, applied in order after parsing. */
struct eal_log_spec {
	enum { EAL_LOG_GLOBAL, EAL_LOG_PATTERN, EAL_LOG_REGEX } kind;
	char *text;      /* pattern or regex (owned), NULL for GLOBAL */
	uint32_t level;  /* RTE_LOG_EMERG .. RTE_LOG_DEBUG */
};

struct eal_options {
	/* lcores: after a successful parse, exactly the lcores to enable */
	bool lcore_enabled[RTE_MAX_LCORE];
	cpu_set_t lcore_cpus[RTE_MAX_LCORE]; /* valid where enabled */
	int lcore_index[RTE_MAX_LCORE];      /* order of listing, -1 if off */
	unsigned int lcore_count;
	unsigned int main_lcore;
	unsigned int channels;               /* -n, 0 = not given */
	unsigned int ranks;                  /* -r, 0 = not given */

	/* memory, validated here, used by the memory layer */
	uint64_t memory;                     /* -m in bytes, 0 = not given */
	bool socket_mem_set;
	uint64_t socket_mem[RTE_MAX_NUMA_NODES];   /* bytes per socket */
	bool socket_limit_set;
	uint64_t socket_limit[RTE_MAX_NUMA_NODES]; /* bytes, 0 = no limit */
	bool no_huge;
	bool in_memory;
	bool no_shconf;
	bool legacy_mem;
	bool single_file_segments;
	bool match_allocations;
	bool huge_strict;                    /* no 4 KiB fallback (rtmem) */
	enum eal_huge_unlink huge_unlink;
	char *huge_dir;                      /* NULL = discover mounts */
	uintptr_t base_virtaddr;             /* 0 = default */

	/* processes */
	char *file_prefix;                   /* never NULL after defaults */
	enum rte_proc_type_t proc_type;
	enum rte_iova_mode iova_mode;

	/* misc */
	char *mbuf_pool_ops;                 /* --mbuf-pool-ops-name */
	bool show_version;                   /* -v */
	unsigned int n_log_specs;
	struct eal_log_spec log_specs[EAL_MAX_LOG_SPECS];
};

/* Fill o with the defaults (no lcores yet: parsing picks them). 0 or -ENOMEM. */
int eal_options_init(struct eal_options *o);

/* Release what o owns; o may then be initialised again. */
void eal_options_free(struct eal_options *o);

/*
 * Parse argv into o (initialised with eal_options_init). On success returns
 * the number of arguments consumed and reorders argv as rte_eal_init()
 * documents; on failure logs one line naming the option and the reason and
 * returns -EINVAL without touching argv. "-h"/"--help" prints the usage and
 * exits the process.
 */
int eal_options_parse(struct eal_options *o, int argc, char **argv);

/* Print the EAL usage (and the application's, if hooked) to stdout. */
void eal_usage(const char *prgname);

/* The options in force since rte_eal_init(); NULL before. */
const struct eal_options *eal_options_get(void);

#endif /* EAL_OPTIONS_H */
