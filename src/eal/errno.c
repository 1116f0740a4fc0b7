/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * errno.c: the storage of rte_errno and the text of error codes.
 *
 * Role: defines the thread-local int behind the rte_errno macro under the
 * exact name programs built for DPDK expect (per_lcore__rte_errno), and
 * rte_strerror(), which turns a code into words.
 *
 * Key structures: two thread-local objects, the error code itself and a
 * fixed text buffer that rte_strerror() fills and returns. Nothing is shared
 * between threads, so there are no locks; every function here may be called
 * from any thread, EAL lcore or not, before or after rte_eal_init().
 *
 * Text rules: E_RTE_SECONDARY and E_RTE_NO_CONFIG have fixed texts (the same
 * words DPDK prints, so logs read the same); values at or above
 * RTE_MAX_ERRNO are formatted here as "Unknown error <n>" (strerror_r is not
 * asked about them); everything else goes to glibc's strerror_r (the GNU
 * variant, since the library is built with _GNU_SOURCE). A negative code is
 * looked up by its absolute value (documented in rte_errno.h); INT_MIN,
 * which has none, is "Unknown error -2147483648".
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <rte_errno.h>

#include "internal/rtmem_export.h"

/* Large enough for every glibc message and for "Unknown error -2147483648". */
#define STRERROR_BUF_SIZE 256

RTMEM_EXPORT RTE_DEFINE_PER_LCORE(int, _rte_errno);

/* Per-thread result of rte_strerror(); valid until its next call. */
static _Thread_local char strerror_buf[STRERROR_BUF_SIZE];

static const char *
rte_own_error_text(int errnum)
{
	switch (errnum) {
	case E_RTE_SECONDARY:
		return "Invalid call in secondary process";
	case E_RTE_NO_CONFIG:
		return "Missing rte_config structure";
	default:
		return NULL;
	}
}

RTMEM_EXPORT const char *
rte_strerror(int errnum)
{
	char *buf = strerror_buf;
	const char *text;

	if (errnum == INT_MIN) {
		snprintf(buf, STRERROR_BUF_SIZE, "Unknown error %d", errnum);
		return buf;
	}
	if (errnum < 0)
		errnum = -errnum;

	if (errnum >= RTE_MAX_ERRNO) {
		snprintf(buf, STRERROR_BUF_SIZE, "Unknown error %d", errnum);
		return buf;
	}
	text = rte_own_error_text(errnum);
	if (text == NULL) {
		/*
		 * GNU strerror_r returns either buf (filled) or a pointer to an
		 * immutable message; copy the latter so the caller always gets
		 * the thread's own buffer, as documented.
		 */
		text = strerror_r(errnum, buf, STRERROR_BUF_SIZE);
		if (text == NULL) {
			snprintf(buf, STRERROR_BUF_SIZE, "Unknown error %d",
				 errnum);
			return buf;
		}
	}
	if (text != buf)
		snprintf(buf, STRERROR_BUF_SIZE, "%s", text);
	return buf;
}
