/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * debug.c: the ways a program ends on a fatal error, and stack dumps.
 *
 * Role:
 *   rte_dump_stack()  logs the caller's stack (glibc backtrace) at ERR.
 *   __rte_panic()     behind rte_panic()/RTE_VERIFY: logs "PANIC in f():"
 *                     and the message at CRIT, dumps the stack, abort()s.
 *   rte_exit()        logs the message at CRIT, releases the EAL
 *                     (eal_cleanup without waiting), then exit(code).
 *
 * Key structures: none; all output goes through rte_log() (type EAL), so it
 * lands wherever the program pointed the log stream (stderr by default).
 *
 * Who may call what: any thread, at any time, also before rte_eal_init().
 * rte_exit() releases the EAL without waiting for busy worker lcores (they
 * may loop forever, or be the caller); exit() ends every thread anyway.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>

#include <rte_config.h>
#ifdef RTE_BACKTRACE
#include <execinfo.h>
#endif

#include <rte_common.h>
#include <rte_debug.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>

#include "eal/eal_private.h"
#include "internal/rtmem_export.h"
#include "internal/rtmem_log.h"

/* Deepest stack rte_dump_stack() prints. */
#define BACKTRACE_MAX_DEPTH 256

RTMEM_EXPORT void
rte_dump_stack(void)
{
#ifdef RTE_BACKTRACE
	void *frames[BACKTRACE_MAX_DEPTH];
	char **names;
	int depth, i;

	depth = backtrace(frames, BACKTRACE_MAX_DEPTH);
	names = backtrace_symbols(frames, depth);
	/* frame 0 is this function: start at the caller */
	for (i = 1; i < depth; i++) {
		if (names != NULL)
			EAL_LOG(ERR, "%d: [%s]", depth - i, names[i]);
		else
			EAL_LOG(ERR, "%d: [%p]", depth - i, frames[i]);
	}
	free(names);
#endif
}

RTMEM_EXPORT void
__rte_panic(const char *funcname, const char *format, ...)
{
	va_list ap;

	rte_log(RTE_LOG_CRIT, RTE_LOGTYPE_EAL, "PANIC in %s():\n", funcname);
	va_start(ap, format);
	rte_vlog(RTE_LOG_CRIT, RTE_LOGTYPE_EAL, format, ap);
	va_end(ap);
	rte_dump_stack();
	abort();
}

RTMEM_EXPORT void
rte_exit(int exit_code, const char *format, ...)
{
	va_list ap;

	va_start(ap, format);
	rte_vlog(RTE_LOG_CRIT, RTE_LOGTYPE_EAL, format, ap);
	va_end(ap);

	/* no waiting for busy workers: they may never return, or be us */
	if (eal_cleanup(false) != 0 && rte_errno != EALREADY)
		EAL_LOG(CRIT, "could not release all EAL resources");
	exit(exit_code);
}
