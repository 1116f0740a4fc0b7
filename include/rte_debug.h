/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Fatal errors, assertions and stack dumps.
 *
 * rte_panic() is for states that must never happen: it logs the message at
 * CRIT level with the name of the calling function, dumps the call stack
 * and aborts the process (SIGABRT, so a core dump can be taken). RTE_VERIFY
 * checks a condition in every build; RTE_ASSERT only when the program is
 * compiled with RTE_ENABLE_ASSERT defined, and otherwise does not evaluate
 * its argument at all. To end a program on a user error, use rte_exit()
 * (declared in rte_common.h), which exits with a status instead.
 */
#ifndef _RTE_DEBUG_H_
#define _RTE_DEBUG_H_

#include <rte_branch_prediction.h>
#include <rte_common.h>
#include <rte_log.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Logs the calling thread's stack trace at ERR level (type EAL).
 *
 * Needs backtrace support in the C library (RTE_BACKTRACE); without it
 * this does nothing. Safe to call from any thread.
 */
void rte_dump_stack(void);

/**
 * Logs a message with the caller's function name, dumps the stack and
 * aborts the process.
 *
 * @param ...
 *   printf-style format and its arguments. The message should end with a
 *   newline, as DPDK's do.
 */
#define rte_panic(...) rte_panic_(__func__, __VA_ARGS__, "dummy")

/**
 * Helper of rte_panic(): the trailing "dummy" argument keeps the variadic
 * list non-empty in ISO C, and "%.0s" consumes it without printing.
 */
#define rte_panic_(func, format, ...) \
	__rte_panic(func, format "%.0s", __VA_ARGS__)

/**
 * Panics with the line and the text of the condition when @p exp is false.
 * Active in every build.
 *
 * @param exp
 *   Condition that must hold; evaluated exactly once.
 */
#define RTE_VERIFY(exp) do {                                             \
		if (unlikely(!(exp)))                                    \
			rte_panic("line %d\tassert \"%s\" failed\n",     \
				  __LINE__, #exp);                       \
	} while (0)

#ifdef RTE_ENABLE_ASSERT
/**
 * Like RTE_VERIFY() when RTE_ENABLE_ASSERT is defined; otherwise a no-op
 * that does not evaluate @p exp.
 *
 * @param exp
 *   Condition that must hold.
 */
#define RTE_ASSERT(exp) RTE_VERIFY(exp)
#else
#define RTE_ASSERT(exp) do {} while (0)
#endif

/**
 * Logs "PANIC in <funcname>():" and the message at CRIT level, dumps the
 * stack and calls abort(). Use it through rte_panic().
 *
 * @param funcname
 *   Name of the function that panicked.
 * @param format
 *   printf-style format of the message, followed by its arguments.
 */
void __rte_panic(const char *funcname, const char *format, ...)
	__rte_cold
	__rte_noreturn
	__rte_format_printf(2, 3);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_DEBUG_H_ */
