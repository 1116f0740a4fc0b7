/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * version.c: the rte_version*() calls.
 *
 * Role: report the DPDK API level rtmem implements (RTE_VER_* from the
 * generated rte_build_config.h) and rtmem's own version string. Everything
 * is a compile-time constant: no state, no locks, callable from any thread
 * at any time.
 */
#include <rte_config.h>
#include <rte_common.h>
#include <rte_version.h>

#include "internal/rtmem_export.h"

RTMEM_EXPORT const char *
rte_version_prefix(void)
{
	return RTE_VER_PREFIX;
}

RTMEM_EXPORT unsigned int
rte_version_year(void)
{
	return RTE_VER_YEAR;
}

RTMEM_EXPORT unsigned int
rte_version_month(void)
{
	return RTE_VER_MONTH;
}

RTMEM_EXPORT unsigned int
rte_version_minor(void)
{
	return RTE_VER_MINOR;
}

RTMEM_EXPORT const char *
rte_version_suffix(void)
{
	return RTE_VER_SUFFIX;
}

RTMEM_EXPORT unsigned int
rte_version_release(void)
{
	return RTE_VER_RELEASE;
}

RTMEM_EXPORT const char *
rte_version(void)
{
	return "rtmem " RTMEM_VERSION_STRING " (DPDK " RTE_STR(RTE_VER_YEAR)
	       "." RTE_STR(RTE_VER_MONTH) " API)";
}
