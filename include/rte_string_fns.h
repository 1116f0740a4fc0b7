/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * String helpers: bounded copy and concatenation, splitting.
 *
 * rte_strlcpy() and rte_strlcat() behave like BSD strlcpy()/strlcat(). As
 * in DPDK, this header also defines strlcpy and strlcat as macros for them
 * (the C library of the systems rtmem targets may lack those functions),
 * unless the program defines RTE_USE_LIBBSD to take them from libbsd.
 */
#ifndef _RTE_STRING_FNS_H_
#define _RTE_STRING_FNS_H_

#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include <rte_common.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Splits a string in place at a delimiter.
 *
 * Each token starts where the string or a delimiter ends; the delimiters
 * between tokens are replaced by '\0', so tokens[i] are ordinary strings
 * inside @p string. Consecutive delimiters give empty tokens; a delimiter
 * at the very end gives none. Scanning stops at the first '\0', after
 * @p stringlen bytes, or once @p maxtokens tokens are found: at most
 * @p maxtokens - 1 splits are made, and the last token keeps the rest of
 * the string, delimiters included.
 *
 * @param string
 *   The string to split; modified.
 * @param stringlen
 *   Size of the buffer holding @p string.
 * @param tokens
 *   Array of at least @p maxtokens entries that receives the token starts.
 * @param maxtokens
 *   Capacity of @p tokens.
 * @param delim
 *   The delimiter character.
 * @return
 *   The number of tokens stored, or -1 with errno set to EINVAL when
 *   @p string or @p tokens is NULL.
 */
int
rte_strsplit(char *string, int stringlen,
	     char **tokens, int maxtokens, char delim);

/**
 * Copies a string into a buffer of a given size, like BSD strlcpy().
 *
 * @param dst
 *   Destination buffer; always NUL-terminated unless @p size is 0.
 * @param src
 *   Source string.
 * @param size
 *   Size of @p dst in bytes.
 * @return
 *   strlen(@p src); a result >= @p size means the copy was truncated.
 */
static inline size_t
rte_strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size != 0) {
		size_t n = len < size ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

/**
 * Appends a string to the one already in a buffer, like BSD strlcat().
 *
 * @param dst
 *   Buffer holding a string; the result stays NUL-terminated when the
 *   buffer already contained a NUL.
 * @param src
 *   String to append.
 * @param size
 *   Size of @p dst in bytes.
 * @return
 *   The length the full result would have (initial length of @p dst,
 *   at most @p size, plus strlen(@p src)); >= @p size means truncation.
 */
static inline size_t
rte_strlcat(char *dst, const char *src, size_t size)
{
	const char *nul = (const char *)memchr(dst, '\0', size);
	size_t used = nul != NULL ? (size_t)(nul - dst) : size;

	if (used < size)
		return used + rte_strlcpy(dst + used, src, size - used);
	return used + strlen(src);
}

#ifdef RTE_USE_LIBBSD
#include <bsd/string.h>
#else
/** strlcpy() for C libraries that lack it: rte_strlcpy(). */
#define strlcpy(dst, src, size) rte_strlcpy(dst, src, size)
/** strlcat() for C libraries that lack it: rte_strlcat(). */
#define strlcat(dst, src, size) rte_strlcat(dst, src, size)
#endif

/**
 * Copies a string into a buffer, reporting truncation as an error.
 *
 * Copies at most @p dsize - 1 characters and always NUL-terminates the
 * result, unless @p dsize is 0.
 *
 * @param dst
 *   Destination buffer.
 * @param src
 *   Source string.
 * @param dsize
 *   Size of @p dst in bytes.
 * @return
 *   The number of characters copied (not counting the NUL) on success;
 *   -E2BIG when @p src did not fit (the truncated copy is still
 *   terminated), with rte_errno set to E2BIG.
 */
ssize_t
rte_strscpy(char *dst, const char *src, size_t dsize);

/**
 * Skips the white space at the start of a string (a later DPDK addition).
 *
 * @param src
 *   The string.
 * @return
 *   Pointer to the first character of @p src that is not a space, tab,
 *   newline, vertical tab, form feed or carriage return.
 */
static inline const char *
rte_str_skip_leading_spaces(const char *src)
{
	while (*src == ' ' || (*src >= '\t' && *src <= '\r'))
		src++;
	return src;
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_STRING_FNS_H_ */
