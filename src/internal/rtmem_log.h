/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rtmem_log.h: the library's own logging macros, built on the public rte_log.
 *
 * RTMEM_LOG(level, type, fmt, ...) prefixes "TYPE: " and appends the newline,
 * so a call site reads as one sentence. Error rule (DESIGN.md section 5): a
 * public entry point that rejects its input logs exactly one line that names
 * the object (option, lcore, pool...) and says why, then returns DPDK's code.
 *
 * Who may include it: library sources only.
 */
#ifndef RTMEM_LOG_H
#define RTMEM_LOG_H

#include <rte_log.h>

#define RTMEM_LOG(level, type, fmt, ...)                                \
	rte_log(RTE_LOG_##level, RTE_LOGTYPE_##type,                     \
		#type ": " fmt "\n", ##__VA_ARGS__)

#define EAL_LOG(level, fmt, ...) RTMEM_LOG(level, EAL, fmt, ##__VA_ARGS__)

#endif /* RTMEM_LOG_H */
