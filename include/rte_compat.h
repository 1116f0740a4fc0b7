/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * API stability markers.
 *
 * DPDK tags functions that are not yet stable with __rte_experimental and
 * functions meant only for its own drivers with __rte_internal. rtmem keeps
 * the names so that DPDK code compiles unchanged, but both markers expand to
 * nothing: every rtmem function is usable without ALLOW_EXPERIMENTAL_API or
 * ALLOW_INTERNAL_API, and no deprecation warning is raised.
 */
#ifndef _RTE_COMPAT_H_
#define _RTE_COMPAT_H_

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Marks a function whose DPDK interface may still change.
 *
 * In rtmem this is informative only: it adds no attribute, so calling such
 * a function needs no ALLOW_EXPERIMENTAL_API and causes no warning.
 */
#define __rte_experimental

/**
 * Marks a function that DPDK reserves for its own libraries and drivers.
 *
 * In rtmem this is informative only and adds no attribute.
 */
#define __rte_internal

#ifdef __cplusplus
}
#endif

#endif /* _RTE_COMPAT_H_ */
