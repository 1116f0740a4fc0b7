/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Per-thread error codes of the rte_ API.
 *
 * A function that fails and documents an rte_errno value stores it in
 * rte_errno, a thread-local int, so a failure in one thread never disturbs
 * another. rte_errno is only written on failure: callers read it right after
 * a call that reported an error. The values are the standard <errno.h> codes
 * plus a few of rtmem's (and DPDK's) own, numbered from RTE_MIN_ERRNO upwards
 * so they never collide with the C library's.
 */
#ifndef _RTE_ERRNO_H_
#define _RTE_ERRNO_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <rte_per_lcore.h>

/** The thread-local storage behind rte_errno (symbol per_lcore__rte_errno). */
RTE_DECLARE_PER_LCORE(int, _rte_errno);

/**
 * The calling thread's last error code, as an lvalue.
 *
 * Holds a positive <errno.h> value or one of the E_RTE_* codes below. It is
 * per thread (each thread, EAL lcore or not, has its own) and is set only by
 * functions that document it, only when they fail.
 */
#define rte_errno RTE_PER_LCORE(_rte_errno)

/**
 * Describe an error code in words.
 *
 * rtmem's own codes (E_RTE_SECONDARY, E_RTE_NO_CONFIG) get their own text;
 * every other value gets the C library's strerror() text, or
 * "Unknown error <n>" when the C library has none.
 *
 * A negative errnum is read as its absolute value, so rte_strerror(-EINVAL)
 * and rte_strerror(EINVAL) give the same text; this suits the many calls that
 * return -errno. (DPDK 22.11 passes a negative value straight to the C
 * library and prints "Unknown error -22".)
 *
 * Thread-safe: the text is written into a buffer owned by the calling thread.
 *
 * @param errnum
 *   The error code, typically rte_errno or the negated return value of a call.
 * @return
 *   A NUL-terminated string in a thread-local buffer; it stays valid until
 *   the same thread calls rte_strerror() again or exits. Never NULL.
 */
const char *rte_strerror(int errnum);

#ifndef __ELASTERROR
/**
 * One above the highest error code the C library may use. glibc does not
 * define it; 1000 leaves room for every system code.
 */
#define __ELASTERROR 1000
#endif

/** rtmem's (and DPDK's) own error codes, above every system code. */
enum {
	RTE_MIN_ERRNO = __ELASTERROR, /**< First value of the range; no error has it. */

	E_RTE_SECONDARY, /**< The call is only allowed in the primary process. */
	E_RTE_NO_CONFIG, /**< The shared runtime configuration is missing. */

	RTE_MAX_ERRNO    /**< One past the last rte error code. */
};

#ifdef __cplusplus
}
#endif

#endif /* _RTE_ERRNO_H_ */
