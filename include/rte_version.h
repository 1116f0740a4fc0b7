/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Version of the DPDK API that rtmem implements, and of rtmem itself.
 *
 * RTE_VERSION and the rte_version_* calls describe the DPDK API level
 * (22.11), so that programs which test it take their DPDK 22.11 paths.
 * rte_version() names rtmem and its own version as well.
 */
#ifndef _RTE_VERSION_H_
#define _RTE_VERSION_H_

#include <stdio.h>
#include <string.h>

#include <rte_compat.h>
#include <rte_config.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Packs a version into one integer comparable with RTE_VERSION.
 *
 * @param a
 *   Year (22 for 22.11).
 * @param b
 *   Month (11 for 22.11).
 * @param c
 *   Minor (maintenance) number.
 * @param d
 *   Release number (99 for a final release).
 */
#define RTE_VERSION_NUM(a, b, c, d) ((a) << 24 | (b) << 16 | (c) << 8 | (d))

/** The DPDK API version rtmem implements, as an RTE_VERSION_NUM() value. */
#define RTE_VERSION RTE_VERSION_NUM( \
			RTE_VER_YEAR, \
			RTE_VER_MONTH, \
			RTE_VER_MINOR, \
			RTE_VER_RELEASE)

/**
 * The version prefix.
 *
 * @return
 *   "DPDK" (RTE_VER_PREFIX).
 */
__rte_experimental
const char *rte_version_prefix(void);

/**
 * The year of the DPDK API version.
 *
 * @return
 *   RTE_VER_YEAR (22).
 */
__rte_experimental
unsigned int rte_version_year(void);

/**
 * The month of the DPDK API version.
 *
 * @return
 *   RTE_VER_MONTH (11).
 */
__rte_experimental
unsigned int rte_version_month(void);

/**
 * The minor (maintenance) number of the DPDK API version.
 *
 * @return
 *   RTE_VER_MINOR.
 */
__rte_experimental
unsigned int rte_version_minor(void);

/**
 * The release-candidate suffix of the DPDK API version.
 *
 * @return
 *   RTE_VER_SUFFIX ("" for a final release).
 */
__rte_experimental
const char *rte_version_suffix(void);

/**
 * The release-candidate number of the DPDK API version.
 *
 * @return
 *   RTE_VER_RELEASE (99 for a final release).
 */
__rte_experimental
unsigned int rte_version_release(void);

/**
 * A version string for humans.
 *
 * @return
 *   "rtmem <version> (DPDK 22.11 API)"; a static string.
 */
const char *rte_version(void);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_VERSION_H_ */
