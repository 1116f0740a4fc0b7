/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Per-lcore (thread-local) variables.
 *
 * A per-lcore variable has one instance in every thread, EAL lcore or not;
 * it is an ordinary `__thread` variable whose name gets the prefix
 * `per_lcore_`. Prefix the macro with `static` to limit it to one file; do
 * not put `static` or `volatile` inside the type argument.
 */
#ifndef _RTE_PER_LCORE_H_
#define _RTE_PER_LCORE_H_

#include <pthread.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Defines a per-lcore variable.
 *
 * @param type
 *   The type of each thread's instance.
 * @param name
 *   The variable's name; access it with RTE_PER_LCORE(name).
 */
#define RTE_DEFINE_PER_LCORE(type, name)                \
	__thread __typeof__(type) per_lcore_##name

/**
 * Declares a per-lcore variable defined in another file.
 *
 * @param type
 *   The type given to RTE_DEFINE_PER_LCORE().
 * @param name
 *   The variable's name.
 */
#define RTE_DECLARE_PER_LCORE(type, name)               \
	extern __thread __typeof__(type) per_lcore_##name

/**
 * The calling thread's instance of a per-lcore variable, as an lvalue.
 *
 * @param name
 *   The name given to RTE_DEFINE_PER_LCORE().
 */
#define RTE_PER_LCORE(name) (per_lcore_##name)

#ifdef __cplusplus
}
#endif

#endif /* _RTE_PER_LCORE_H_ */
