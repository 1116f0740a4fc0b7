/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * string_fns.c: the string helpers of rte_string_fns.h and rte_common.h
 * that are not inline.
 *
 * Role: rte_strsplit() (split in place), rte_strscpy() (bounded copy that
 * reports truncation) and rte_str_to_size() (sizes with K/M/G/... units).
 *
 * Key structures: none; the functions work only on their arguments and
 * keep no state, so any thread may call them at any time, before or after
 * rte_eal_init(). rte_strscpy() writes rte_errno (thread-local) on failure.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/types.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_string_fns.h>

#include "internal/rtmem_export.h"

RTMEM_EXPORT int
rte_strsplit(char *string, int stringlen,
	     char **tokens, int maxtokens, char delim)
{
	bool at_token_start = true;
	int ntok = 0;
	int i;

	if (string == NULL || tokens == NULL) {
		errno = EINVAL;
		return -1;
	}
	for (i = 0; i < stringlen && string[i] != '\0' && ntok < maxtokens;
	     i++) {
		if (at_token_start) {
			tokens[ntok++] = &string[i];
			at_token_start = false;
		}
		if (string[i] == delim) {
			string[i] = '\0';
			at_token_start = true;
		}
	}
	return ntok;
}

RTMEM_EXPORT ssize_t
rte_strscpy(char *dst, const char *src, size_t dsize)
{
	size_t i;

	for (i = 0; i < dsize; i++) {
		dst[i] = src[i];
		if (src[i] == '\0')
			return (ssize_t)i;
	}
	/* src did not fit: terminate what was copied */
	if (dsize != 0)
		dst[dsize - 1] = '\0';
	rte_errno = E2BIG;
	return -E2BIG;
}

RTMEM_EXPORT uint64_t
rte_str_to_size(const char *str)
{
	unsigned long long size;
	unsigned int shift = 0;
	char *end;

	while (isspace((unsigned char)*str))
		str++;
	if (*str == '-')
		return 0;

	errno = 0;
	size = strtoull(str, &end, 0);
	if (errno != 0)
		return 0;

	if (*end == ' ')
		end++; /* "2 G" is accepted, as in DPDK */
	switch (*end) {
	case 'E': case 'e':
		shift = 60;
		break;
	case 'P': case 'p':
		shift = 50;
		break;
	case 'T': case 't':
		shift = 40;
		break;
	case 'G': case 'g':
		shift = 30;
		break;
	case 'M': case 'm':
		shift = 20;
		break;
	case 'K': case 'k':
		shift = 10;
		break;
	default:
		break;
	}
	return (uint64_t)size << shift;
}
