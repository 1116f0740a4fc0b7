/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * rte_prefetch: hints that a cache line will soon be read or written.
 *
 * Each call is one compiler builtin (__builtin_prefetch), so it compiles
 * to the architecture's prefetch instruction, or to nothing where there
 * is none. A hint never faults, whatever the address, and never changes
 * what a program computes. No state; any thread may call.
 */
#ifndef _RTE_PREFETCH_H_
#define _RTE_PREFETCH_H_

#include <rte_common.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Prefetches the cache line of @p p into every cache level, for reading.
 *
 * @param p
 *   An address; need not be valid.
 */
static inline void
rte_prefetch0(const volatile void *p)
{
	__builtin_prefetch((const void *)(uintptr_t)p, 0, 3);
}

/**
 * Prefetches the cache line of @p p into the second-level cache and
 * beyond, for reading.
 *
 * @param p
 *   An address; need not be valid.
 */
static inline void
rte_prefetch1(const volatile void *p)
{
	__builtin_prefetch((const void *)(uintptr_t)p, 0, 2);
}

/**
 * Prefetches the cache line of @p p into the third-level cache and
 * beyond, for reading.
 *
 * @param p
 *   An address; need not be valid.
 */
static inline void
rte_prefetch2(const volatile void *p)
{
	__builtin_prefetch((const void *)(uintptr_t)p, 0, 1);
}

/**
 * Prefetches the cache line of @p p for one use: it should not displace
 * lines that are used again.
 *
 * @param p
 *   An address; need not be valid.
 */
static inline void
rte_prefetch_non_temporal(const volatile void *p)
{
	__builtin_prefetch((const void *)(uintptr_t)p, 0, 0);
}

/**
 * Prefetches the cache line of @p p into every cache level, for writing.
 *
 * @param p
 *   An address; need not be valid.
 */
static inline void
rte_prefetch0_write(const void *p)
{
	__builtin_prefetch(p, 1, 3);
}

/**
 * Prefetches the cache line of @p p into the second-level cache and
 * beyond, for writing.
 *
 * @param p
 *   An address; need not be valid.
 */
static inline void
rte_prefetch1_write(const void *p)
{
	__builtin_prefetch(p, 1, 2);
}

/**
 * Prefetches the cache line of @p p into the third-level cache and
 * beyond, for writing.
 *
 * @param p
 *   An address; need not be valid.
 */
static inline void
rte_prefetch2_write(const void *p)
{
	__builtin_prefetch(p, 1, 1);
}

/**
 * Hints that the cache line of @p p may move to a cache farther from
 * this core (x86 CLDEMOTE). rtmem: a no-op, which the hint allows.
 *
 * @param p
 *   An address; need not be valid.
 */
static inline void
rte_cldemote(const volatile void *p)
{
	RTE_SET_USED(p);
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_PREFETCH_H_ */
