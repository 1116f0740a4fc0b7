/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Operating-system glue for Linux.
 *
 * Names that DPDK spells differently from the C library: the CPU set type
 * and its set operations, and the tail-queue macros of <sys/queue.h> under
 * DPDK's RTE_ prefix. The CPU set part needs _GNU_SOURCE (glibc hides
 * cpu_set_t otherwise); without it RTE_HAS_CPUSET stays undefined, as in DPDK.
 */
#ifndef _RTE_OS_H_
#define _RTE_OS_H_

#include <sched.h>
#include <sys/queue.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Declares the head structure of a tail queue of @p type elements. */
#define RTE_TAILQ_HEAD(name, type) TAILQ_HEAD(name, type)
/** Declares the link field that puts a @p type element on a tail queue. */
#define RTE_TAILQ_ENTRY(type) TAILQ_ENTRY(type)
/** Iterates @p var over the tail queue @p head linked through @p field. */
#define RTE_TAILQ_FOREACH(var, head, field) TAILQ_FOREACH(var, head, field)
/** First element of the tail queue @p head, or NULL when empty. */
#define RTE_TAILQ_FIRST(head) TAILQ_FIRST(head)
/** Element after @p elem on its tail queue, or NULL at the end. */
#define RTE_TAILQ_NEXT(elem, field) TAILQ_NEXT(elem, field)
/** Declares the head structure of a singly-linked tail queue. */
#define RTE_STAILQ_HEAD(name, type) STAILQ_HEAD(name, type)
/** Declares the link field of a singly-linked tail queue element. */
#define RTE_STAILQ_ENTRY(type) STAILQ_ENTRY(type)

#ifdef CPU_SETSIZE

/** The CPU set type used by the lcore API: the C library's cpu_set_t. */
typedef cpu_set_t rte_cpuset_t;

/** Defined when rte_cpuset_t and the RTE_CPU_* operations are available. */
#define RTE_HAS_CPUSET

/** Stores in @p dst the CPUs present in both @p src1 and @p src2. */
#define RTE_CPU_AND(dst, src1, src2) CPU_AND(dst, src1, src2)

/** Stores in @p dst the CPUs present in @p src1 or @p src2. */
#define RTE_CPU_OR(dst, src1, src2) CPU_OR(dst, src1, src2)

/** Puts every CPU number below CPU_SETSIZE into @p set. */
#define RTE_CPU_FILL(set) do {                                          \
		unsigned int rte_cpu_fill_i_;                            \
		CPU_ZERO(set);                                           \
		for (rte_cpu_fill_i_ = 0; rte_cpu_fill_i_ < CPU_SETSIZE; \
		     rte_cpu_fill_i_++)                                  \
			CPU_SET(rte_cpu_fill_i_, set);                   \
	} while (0)

/** Stores in @p dst the complement of @p src (all CPUs not in it). */
#define RTE_CPU_NOT(dst, src) do {                                      \
		cpu_set_t rte_cpu_not_all_;                              \
		RTE_CPU_FILL(&rte_cpu_not_all_);                         \
		CPU_XOR(dst, &rte_cpu_not_all_, src);                    \
	} while (0)

#endif /* CPU_SETSIZE */

#ifdef __cplusplus
}
#endif

#endif /* _RTE_OS_H_ */
