/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: rte_fbarray, the used-bitmap arrays behind memseg lists.
 * - Bad arguments of every call, with their rte_errno values.
 * - set_used/set_free/is_used and count; get/find_idx round trips.
 * - Every search at the edges: index 0 and len - 1, the word boundaries
 *   63/64/65, len 1, 63, 64, 65 and 130, empty and full arrays, crafted
 *   patterns for the contig, biggest and reverse variants.
 * - Every search against a naive reference over seeded random patterns
 *   (every start, several n), with the rte_errno of each failure.
 * - fbarray_init_at() over a malloc'd buffer.
 * - Anonymous arrays (no EAL, so no runtime directory), shared with a
 *   forked child through a descriptor in a MAP_SHARED page.
 * - File-backed arrays in a child that ran rte_eal_init: the file in the
 *   runtime directory, EEXIST for a name in use, a grandchild that
 *   detaches and attaches at the same address and sees the writes (and
 *   its own are seen), destroy failing with EBUSY while the grandchild
 *   holds it, then removing the file. Skipped with a note while
 *   rte_eal_init gives no runtime directory.
 * - 4 threads setting and freeing disjoint ranges while 2 threads search;
 *   count then equals the number of used bits.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_fbarray.h>

#include "mem/fbarray_private.h"
#include "mem/mem_private.h"

#include "test.h"

typedef int (*find_fn)(struct rte_fbarray *, unsigned int);
typedef int (*find_n_fn)(struct rte_fbarray *, unsigned int, unsigned int);

/* Searches indexed by state: [0] the _free call, [1] the _used call. */
static const find_fn find_next[2] = { rte_fbarray_find_next_free,
				      rte_fbarray_find_next_used };
static const find_fn find_prev[2] = { rte_fbarray_find_prev_free,
				      rte_fbarray_find_prev_used };
static const find_n_fn find_next_n[2] = { rte_fbarray_find_next_n_free,
					  rte_fbarray_find_next_n_used };
static const find_n_fn find_prev_n[2] = { rte_fbarray_find_prev_n_free,
					  rte_fbarray_find_prev_n_used };
static const find_fn find_contig[2] = { rte_fbarray_find_contig_free,
					rte_fbarray_find_contig_used };
static const find_fn find_rev_contig[2] = { rte_fbarray_find_rev_contig_free,
					    rte_fbarray_find_rev_contig_used };
static const find_fn find_biggest[2] = { rte_fbarray_find_biggest_free,
					 rte_fbarray_find_biggest_used };
static const find_fn find_rev_biggest[2] = {
	rte_fbarray_find_rev_biggest_free, rte_fbarray_find_rev_biggest_used
};

static const struct {
	const char *name;
	find_fn fn;
} start_finds[] = {
	{ "find_next_free", rte_fbarray_find_next_free },
	{ "find_next_used", rte_fbarray_find_next_used },
	{ "find_prev_free", rte_fbarray_find_prev_free },
	{ "find_prev_used", rte_fbarray_find_prev_used },
	{ "find_contig_free", rte_fbarray_find_contig_free },
	{ "find_contig_used", rte_fbarray_find_contig_used },
	{ "find_rev_contig_free", rte_fbarray_find_rev_contig_free },
	{ "find_rev_contig_used", rte_fbarray_find_rev_contig_used },
	{ "find_biggest_free", rte_fbarray_find_biggest_free },
	{ "find_biggest_used", rte_fbarray_find_biggest_used },
	{ "find_rev_biggest_free", rte_fbarray_find_rev_biggest_free },
	{ "find_rev_biggest_used", rte_fbarray_find_rev_biggest_used },
};

static const struct {
	const char *name;
	find_n_fn fn;
} n_finds[] = {
	{ "find_next_n_free", rte_fbarray_find_next_n_free },
	{ "find_next_n_used", rte_fbarray_find_next_n_used },
	{ "find_prev_n_free", rte_fbarray_find_prev_n_free },
	{ "find_prev_n_used", rte_fbarray_find_prev_n_used },
};

/* Checks that a call returned -1 with rte_errno err, naming it if not. */
static void
expect_error(const char *what, int ret, int err)
{
	int got = rte_errno;

	if (ret != -1 || got != err)
		printf("%s: returned %d with rte_errno %d, want -1 with %d\n",
		       what, ret, got, err);
	EXPECT_EQ_INT(ret, -1);
	EXPECT_EQ_INT(got, err);
}

#define EXPECT_ERROR_AT(what, call, err)                                      \
	do {                                                                  \
		rte_errno = 0;                                                \
		int ret_ = (call);                                            \
		expect_error(what, ret_, err);                                \
	} while (0)
#define EXPECT_ERROR(call, err) EXPECT_ERROR_AT(#call, call, err)

/* An array over calloc'd storage (fbarray_init_at); free arr->data after. */
static void
array_make(struct rte_fbarray *arr, const char *name, unsigned int len,
	   unsigned int elt_sz)
{
	void *mem = calloc(1, fbarray_storage_size(len, elt_sz));

	ASSERT_NOT_NULL(mem);
	ASSERT_EQ_INT(fbarray_init_at(arr, name, len, elt_sz, mem), 0);
}

/* ------------------------------------------------------------------ */
/* bad arguments                                                       */

static void
test_bad_arguments(void)
{
	char long_name[RTE_FBARRAY_NAME_LEN + 1], max_name[RTE_FBARRAY_NAME_LEN];
	struct rte_fbarray arr, zeroed;
	unsigned int len = 100;
	int x;

	memset(&zeroed, 0, sizeof(zeroed));
	memset(long_name, 'n', sizeof(long_name) - 1); /* 64 characters */
	long_name[RTE_FBARRAY_NAME_LEN] = '\0';
	memcpy(max_name, long_name, sizeof(max_name) - 1); /* 63 fit */
	max_name[RTE_FBARRAY_NAME_LEN - 1] = '\0';

	EXPECT_ERROR(rte_fbarray_init(NULL, "bad", 1, 1), EINVAL);
	EXPECT_ERROR(rte_fbarray_init(&arr, NULL, 1, 1), EINVAL);
	EXPECT_ERROR(rte_fbarray_init(&arr, "", 1, 1), EINVAL);
	EXPECT_ERROR(rte_fbarray_init(&arr, long_name, 1, 1), ENAMETOOLONG);
	ASSERT_EQ_INT(rte_fbarray_init(&arr, max_name, 1, 1), 0);
	EXPECT_EQ_STR(arr.name, max_name);
	EXPECT_EQ_INT(rte_fbarray_destroy(&arr), 0);
	EXPECT_ERROR(rte_fbarray_init(&arr, "bad", 0, 1), EINVAL);
	EXPECT_ERROR(rte_fbarray_init(&arr, "bad", (unsigned int)INT_MAX + 1, 1),
		     EINVAL);
	EXPECT_ERROR(rte_fbarray_init(&arr, "bad", UINT_MAX, 1), EINVAL);
	EXPECT_ERROR(rte_fbarray_init(&arr, "bad", 1, 0), EINVAL);

	EXPECT_ERROR(rte_fbarray_attach(NULL), EINVAL);
	EXPECT_ERROR(rte_fbarray_attach(&zeroed), EINVAL);
	EXPECT_ERROR(rte_fbarray_detach(NULL), EINVAL);
	EXPECT_ERROR(rte_fbarray_detach(&zeroed), ENOENT);
	EXPECT_ERROR(rte_fbarray_destroy(NULL), EINVAL);
	EXPECT_ERROR(rte_fbarray_destroy(&zeroed), ENOENT);

	array_make(&arr, "bad_args", len, sizeof(int));
	/* storage the caller provides is no mapping of this process */
	EXPECT_ERROR(rte_fbarray_detach(&arr), ENOENT);
	EXPECT_ERROR(rte_fbarray_destroy(&arr), ENOENT);

	rte_errno = 0;
	EXPECT_NULL(rte_fbarray_get(NULL, 0));
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_NULL(rte_fbarray_get(&arr, len));
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_NULL(rte_fbarray_get(&zeroed, 0));
	EXPECT_EQ_INT(rte_errno, EINVAL);

	EXPECT_ERROR(rte_fbarray_find_idx(NULL, arr.data), EINVAL);
	EXPECT_ERROR(rte_fbarray_find_idx(&arr, NULL), EINVAL);
	EXPECT_ERROR(rte_fbarray_find_idx(&arr, &x), EINVAL);
	EXPECT_ERROR(rte_fbarray_find_idx(&arr, (char *)arr.data - 1), EINVAL);
	EXPECT_ERROR(rte_fbarray_find_idx(&arr,
					  (char *)arr.data + len * sizeof(int)),
		     EINVAL);

	EXPECT_ERROR(rte_fbarray_set_used(NULL, 0), EINVAL);
	EXPECT_ERROR(rte_fbarray_set_used(&arr, len), EINVAL);
	EXPECT_ERROR(rte_fbarray_set_free(NULL, 0), EINVAL);
	EXPECT_ERROR(rte_fbarray_set_free(&arr, len), EINVAL);
	EXPECT_ERROR(rte_fbarray_is_used(NULL, 0), EINVAL);
	EXPECT_ERROR(rte_fbarray_is_used(&arr, len), EINVAL);
	EXPECT_ERROR(rte_fbarray_is_used(&arr, UINT_MAX), EINVAL);

	for (size_t i = 0; i < RTE_DIM(start_finds); i++) {
		EXPECT_ERROR_AT(start_finds[i].name, start_finds[i].fn(NULL, 0),
				EINVAL);
		EXPECT_ERROR_AT(start_finds[i].name,
				start_finds[i].fn(&arr, len), EINVAL);
		EXPECT_ERROR_AT(start_finds[i].name,
				start_finds[i].fn(&arr, UINT_MAX), EINVAL);
		EXPECT_ERROR_AT(start_finds[i].name,
				start_finds[i].fn(&zeroed, 0), EINVAL);
	}
	for (size_t i = 0; i < RTE_DIM(n_finds); i++) {
		EXPECT_ERROR_AT(n_finds[i].name, n_finds[i].fn(NULL, 0, 1),
				EINVAL);
		EXPECT_ERROR_AT(n_finds[i].name, n_finds[i].fn(&arr, len, 1),
				EINVAL);
		EXPECT_ERROR_AT(n_finds[i].name, n_finds[i].fn(&arr, 0, 0),
				EINVAL);
		EXPECT_ERROR_AT(n_finds[i].name,
				n_finds[i].fn(&arr, 0, len + 1), EINVAL);
		EXPECT_ERROR_AT(n_finds[i].name,
				n_finds[i].fn(&arr, 0, UINT_MAX), EINVAL);
	}

	rte_errno = 0;
	rte_fbarray_dump_metadata(NULL, stdout);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	rte_fbarray_dump_metadata(&arr, NULL);
	EXPECT_EQ_INT(rte_errno, EINVAL);

	EXPECT_EQ_INT(fbarray_init_at(NULL, "x", 1, 1, arr.data), -EINVAL);
	EXPECT_EQ_INT(fbarray_init_at(&zeroed, "x", 1, 1, NULL), -EINVAL);
	EXPECT_EQ_INT(fbarray_init_at(&zeroed, "x", 1, 1, (char *)arr.data + 1),
		      -EINVAL);
	EXPECT_EQ_INT(fbarray_init_at(&zeroed, NULL, 1, 1, arr.data), -EINVAL);
	EXPECT_EQ_INT(fbarray_init_at(&zeroed, "", 1, 1, arr.data), -EINVAL);
	EXPECT_EQ_INT(fbarray_init_at(&zeroed, long_name, 1, 1, arr.data),
		      -EINVAL);
	EXPECT_EQ_INT(fbarray_init_at(&zeroed, "x", 0, 1, arr.data), -EINVAL);
	EXPECT_EQ_INT(fbarray_init_at(&zeroed, "x", 1, 0, arr.data), -EINVAL);
	free(arr.data);
}

/* ------------------------------------------------------------------ */
/* set, count, get                                                     */

static void
test_set_and_count(void)
{
	const unsigned int len = 130, elt_sz = 24;
	struct rte_fbarray arr;

	array_make(&arr, "set_count", len, elt_sz);
	EXPECT_EQ_UINT(arr.count, 0);
	EXPECT_EQ_UINT(arr.len, len);
	EXPECT_EQ_UINT(arr.elt_sz, elt_sz);
	for (unsigned int i = 0; i < len; i++)
		EXPECT_EQ_INT(rte_fbarray_is_used(&arr, i), 0);

	const unsigned int marks[] = { 0, 1, 62, 63, 64, 65, 127, 128, 129 };
	for (size_t k = 0; k < RTE_DIM(marks); k++) {
		EXPECT_EQ_INT(rte_fbarray_set_used(&arr, marks[k]), 0);
		EXPECT_EQ_INT(rte_fbarray_is_used(&arr, marks[k]), 1);
		EXPECT_EQ_UINT(arr.count, k + 1);
	}
	/* setting a used element used again, or a free one free, is a no-op */
	EXPECT_EQ_INT(rte_fbarray_set_used(&arr, 64), 0);
	EXPECT_EQ_UINT(arr.count, RTE_DIM(marks));
	EXPECT_EQ_INT(rte_fbarray_set_free(&arr, 66), 0);
	EXPECT_EQ_UINT(arr.count, RTE_DIM(marks));
	EXPECT_EQ_INT(rte_fbarray_is_used(&arr, 66), 0);
	EXPECT_EQ_INT(rte_fbarray_set_free(&arr, 64), 0);
	EXPECT_EQ_INT(rte_fbarray_is_used(&arr, 64), 0);
	EXPECT_EQ_INT(rte_fbarray_is_used(&arr, 63), 1);
	EXPECT_EQ_INT(rte_fbarray_is_used(&arr, 65), 1);
	EXPECT_EQ_UINT(arr.count, RTE_DIM(marks) - 1);

	/* get and find_idx: every element, and any byte inside one */
	for (unsigned int i = 0; i < len; i++) {
		char *elt = rte_fbarray_get(&arr, i);

		EXPECT_EQ_PTR(elt, (char *)arr.data + (size_t)i * elt_sz);
		EXPECT_EQ_INT(rte_fbarray_find_idx(&arr, elt), i);
		EXPECT_EQ_INT(rte_fbarray_find_idx(&arr, elt + elt_sz - 1), i);
		memset(elt, (int)i, elt_sz); /* elements do not touch the bitmap */
	}
	EXPECT_EQ_UINT(arr.count, RTE_DIM(marks) - 1);
	EXPECT_EQ_INT(rte_fbarray_is_used(&arr, 64), 0);
	EXPECT_EQ_INT(rte_fbarray_is_used(&arr, 129), 1);
	free(arr.data);
}

/* ------------------------------------------------------------------ */
/* edges and crafted patterns                                          */

static void
mark_used(struct rte_fbarray *arr, const unsigned int *idx, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ASSERT_EQ_INT(rte_fbarray_set_used(arr, idx[i]), 0);
}

/* len 130, used {0, 63, 64, 129}: runs across the first word boundary. */
static void
test_crafted_130(void)
{
	const unsigned int used[] = { 0, 63, 64, 129 };
	struct rte_fbarray arr;

	array_make(&arr, "crafted130", 130, 8);
	mark_used(&arr, used, RTE_DIM(used));
	EXPECT_EQ_UINT(arr.count, 4);

	EXPECT_EQ_INT(rte_fbarray_find_next_used(&arr, 0), 0);
	EXPECT_EQ_INT(rte_fbarray_find_next_used(&arr, 1), 63);
	EXPECT_EQ_INT(rte_fbarray_find_next_used(&arr, 64), 64);
	EXPECT_EQ_INT(rte_fbarray_find_next_used(&arr, 65), 129);
	EXPECT_EQ_INT(rte_fbarray_find_next_used(&arr, 129), 129);
	EXPECT_EQ_INT(rte_fbarray_find_next_free(&arr, 0), 1);
	EXPECT_EQ_INT(rte_fbarray_find_next_free(&arr, 63), 65);
	EXPECT_EQ_INT(rte_fbarray_find_next_free(&arr, 128), 128);
	EXPECT_ERROR(rte_fbarray_find_next_free(&arr, 129), ENOENT);

	EXPECT_EQ_INT(rte_fbarray_find_prev_used(&arr, 129), 129);
	EXPECT_EQ_INT(rte_fbarray_find_prev_used(&arr, 128), 64);
	EXPECT_EQ_INT(rte_fbarray_find_prev_used(&arr, 63), 63);
	EXPECT_EQ_INT(rte_fbarray_find_prev_used(&arr, 62), 0);
	EXPECT_EQ_INT(rte_fbarray_find_prev_used(&arr, 0), 0);
	EXPECT_EQ_INT(rte_fbarray_find_prev_free(&arr, 129), 128);
	EXPECT_EQ_INT(rte_fbarray_find_prev_free(&arr, 64), 62);
	EXPECT_EQ_INT(rte_fbarray_find_prev_free(&arr, 1), 1);
	EXPECT_ERROR(rte_fbarray_find_prev_free(&arr, 0), ENOENT);

	EXPECT_EQ_INT(rte_fbarray_find_contig_used(&arr, 63), 2);
	EXPECT_EQ_INT(rte_fbarray_find_contig_used(&arr, 64), 1);
	EXPECT_EQ_INT(rte_fbarray_find_contig_used(&arr, 62), 0);
	EXPECT_EQ_INT(rte_fbarray_find_contig_used(&arr, 129), 1);
	EXPECT_EQ_INT(rte_fbarray_find_contig_free(&arr, 1), 62);
	EXPECT_EQ_INT(rte_fbarray_find_contig_free(&arr, 65), 64);
	EXPECT_EQ_INT(rte_fbarray_find_contig_free(&arr, 0), 0);
	EXPECT_EQ_INT(rte_fbarray_find_rev_contig_used(&arr, 64), 2);
	EXPECT_EQ_INT(rte_fbarray_find_rev_contig_used(&arr, 63), 1);
	EXPECT_EQ_INT(rte_fbarray_find_rev_contig_used(&arr, 0), 1);
	EXPECT_EQ_INT(rte_fbarray_find_rev_contig_free(&arr, 62), 62);
	EXPECT_EQ_INT(rte_fbarray_find_rev_contig_free(&arr, 128), 64);
	EXPECT_EQ_INT(rte_fbarray_find_rev_contig_free(&arr, 0), 0);

	EXPECT_EQ_INT(rte_fbarray_find_next_n_used(&arr, 0, 2), 63);
	EXPECT_EQ_INT(rte_fbarray_find_next_n_used(&arr, 63, 2), 63);
	EXPECT_ERROR(rte_fbarray_find_next_n_used(&arr, 64, 2), ENOENT);
	EXPECT_ERROR(rte_fbarray_find_next_n_used(&arr, 0, 3), ENOENT);
	EXPECT_ERROR(rte_fbarray_find_next_n_used(&arr, 0, 5), ENOENT);
	EXPECT_EQ_INT(rte_fbarray_find_prev_n_used(&arr, 129, 2), 63);
	EXPECT_EQ_INT(rte_fbarray_find_prev_n_used(&arr, 64, 2), 63);
	EXPECT_ERROR(rte_fbarray_find_prev_n_used(&arr, 63, 2), ENOENT);

	EXPECT_EQ_INT(rte_fbarray_find_next_n_free(&arr, 0, 62), 1);
	EXPECT_EQ_INT(rte_fbarray_find_next_n_free(&arr, 0, 63), 65);
	EXPECT_EQ_INT(rte_fbarray_find_next_n_free(&arr, 0, 64), 65);
	EXPECT_EQ_INT(rte_fbarray_find_next_n_free(&arr, 65, 64), 65);
	EXPECT_EQ_INT(rte_fbarray_find_next_n_free(&arr, 2, 61), 2);
	EXPECT_ERROR(rte_fbarray_find_next_n_free(&arr, 0, 65), ENOENT);
	EXPECT_ERROR(rte_fbarray_find_next_n_free(&arr, 66, 64), ENOENT);
	/* 126 free elements in all: more is ENOSPC, as DPDK */
	EXPECT_ERROR(rte_fbarray_find_next_n_free(&arr, 0, 127), ENOSPC);
	EXPECT_ERROR(rte_fbarray_find_prev_n_free(&arr, 129, 127), ENOSPC);
	EXPECT_EQ_INT(rte_fbarray_find_prev_n_free(&arr, 129, 64), 65);
	EXPECT_EQ_INT(rte_fbarray_find_prev_n_free(&arr, 128, 64), 65);
	EXPECT_ERROR(rte_fbarray_find_prev_n_free(&arr, 127, 64), ENOENT);
	EXPECT_EQ_INT(rte_fbarray_find_prev_n_free(&arr, 127, 62), 66);
	EXPECT_EQ_INT(rte_fbarray_find_prev_n_free(&arr, 62, 62), 1);
	EXPECT_ERROR(rte_fbarray_find_prev_n_free(&arr, 61, 62), ENOENT);

	EXPECT_EQ_INT(rte_fbarray_find_biggest_free(&arr, 0), 65);
	EXPECT_EQ_INT(rte_fbarray_find_biggest_free(&arr, 100), 100);
	EXPECT_EQ_INT(rte_fbarray_find_biggest_used(&arr, 0), 63);
	/* [64] cut at start and [129] tie: the lowest wins */
	EXPECT_EQ_INT(rte_fbarray_find_biggest_used(&arr, 64), 64);
	EXPECT_ERROR(rte_fbarray_find_biggest_free(&arr, 129), ENOENT);
	EXPECT_EQ_INT(rte_fbarray_find_rev_biggest_used(&arr, 129), 63);
	/* [63] cut at start and [0] tie: the highest wins */
	EXPECT_EQ_INT(rte_fbarray_find_rev_biggest_used(&arr, 63), 63);
	EXPECT_EQ_INT(rte_fbarray_find_rev_biggest_free(&arr, 129), 65);
	EXPECT_EQ_INT(rte_fbarray_find_rev_biggest_free(&arr, 100), 1);
	EXPECT_EQ_INT(rte_fbarray_find_rev_biggest_free(&arr, 62), 1);
	EXPECT_ERROR(rte_fbarray_find_rev_biggest_free(&arr, 0), ENOENT);
	free(arr.data);
}

/* len 1: empty, then full. */
static void
test_len_one(void)
{
	struct rte_fbarray arr;

	array_make(&arr, "one", 1, 1);
	EXPECT_EQ_INT(rte_fbarray_find_next_free(&arr, 0), 0);
	EXPECT_EQ_INT(rte_fbarray_find_prev_free(&arr, 0), 0);
	EXPECT_EQ_INT(rte_fbarray_find_next_n_free(&arr, 0, 1), 0);
	EXPECT_EQ_INT(rte_fbarray_find_prev_n_free(&arr, 0, 1), 0);
	EXPECT_ERROR(rte_fbarray_find_next_n_free(&arr, 0, 2), EINVAL);
	EXPECT_ERROR(rte_fbarray_find_next_used(&arr, 0), ENOENT);
	EXPECT_ERROR(rte_fbarray_find_prev_used(&arr, 0), ENOENT);
	EXPECT_EQ_INT(rte_fbarray_find_contig_free(&arr, 0), 1);
	EXPECT_EQ_INT(rte_fbarray_find_rev_contig_free(&arr, 0), 1);
	EXPECT_EQ_INT(rte_fbarray_find_contig_used(&arr, 0), 0);
	EXPECT_EQ_INT(rte_fbarray_find_biggest_free(&arr, 0), 0);
	EXPECT_EQ_INT(rte_fbarray_find_rev_biggest_free(&arr, 0), 0);
	EXPECT_ERROR(rte_fbarray_find_biggest_used(&arr, 0), ENOENT);
	EXPECT_ERROR(rte_fbarray_find_rev_biggest_used(&arr, 0), ENOENT);

	EXPECT_EQ_INT(rte_fbarray_set_used(&arr, 0), 0);
	EXPECT_ERROR(rte_fbarray_find_next_free(&arr, 0), ENOSPC);
	EXPECT_ERROR(rte_fbarray_find_prev_free(&arr, 0), ENOSPC);
	EXPECT_ERROR(rte_fbarray_find_next_n_free(&arr, 0, 1), ENOSPC);
	EXPECT_ERROR(rte_fbarray_find_prev_n_free(&arr, 0, 1), ENOSPC);
	EXPECT_EQ_INT(rte_fbarray_find_next_used(&arr, 0), 0);
	EXPECT_EQ_INT(rte_fbarray_find_prev_n_used(&arr, 0, 1), 0);
	EXPECT_EQ_INT(rte_fbarray_find_contig_used(&arr, 0), 1);
	EXPECT_EQ_INT(rte_fbarray_find_contig_free(&arr, 0), 0);
	EXPECT_EQ_INT(rte_fbarray_find_rev_contig_used(&arr, 0), 1);
	EXPECT_EQ_INT(rte_fbarray_find_biggest_used(&arr, 0), 0);
	EXPECT_ERROR(rte_fbarray_find_biggest_free(&arr, 0), ENOENT);
	EXPECT_ERROR(rte_fbarray_find_rev_biggest_free(&arr, 0), ENOENT);
	free(arr.data);
}

/*
 * Lengths around one word: empty, then full, then full but for the last
 * element, then full but for the first.
 */
static void
test_word_lengths(void)
{
	const unsigned int lens[] = { 63, 64, 65, 127, 128, 129 };

	for (size_t k = 0; k < RTE_DIM(lens); k++) {
		const unsigned int len = lens[k], last = len - 1;
		struct rte_fbarray arr;

		printf("edges at len %u\n", len);
		array_make(&arr, "words", len, 4);
		EXPECT_EQ_INT(rte_fbarray_find_contig_free(&arr, 0), len);
		EXPECT_EQ_INT(rte_fbarray_find_rev_contig_free(&arr, last), len);
		EXPECT_EQ_INT(rte_fbarray_find_next_n_free(&arr, 0, len), 0);
		EXPECT_EQ_INT(rte_fbarray_find_prev_n_free(&arr, last, len), 0);
		EXPECT_ERROR(rte_fbarray_find_next_n_free(&arr, 1, len), ENOENT);
		EXPECT_ERROR(rte_fbarray_find_prev_n_free(&arr, last - 1, len),
			     ENOENT);
		EXPECT_EQ_INT(rte_fbarray_find_next_free(&arr, last), last);
		EXPECT_EQ_INT(rte_fbarray_find_prev_free(&arr, last), last);
		EXPECT_EQ_INT(rte_fbarray_find_biggest_free(&arr, 0), 0);
		EXPECT_EQ_INT(rte_fbarray_find_rev_biggest_free(&arr, last), 0);
		EXPECT_ERROR(rte_fbarray_find_next_used(&arr, 0), ENOENT);
		EXPECT_ERROR(rte_fbarray_find_prev_used(&arr, last), ENOENT);

		for (unsigned int i = 0; i < len; i++)
			ASSERT_EQ_INT(rte_fbarray_set_used(&arr, i), 0);
		EXPECT_EQ_UINT(arr.count, len);
		EXPECT_ERROR(rte_fbarray_find_next_free(&arr, 0), ENOSPC);
		EXPECT_ERROR(rte_fbarray_find_prev_free(&arr, last), ENOSPC);
		EXPECT_EQ_INT(rte_fbarray_find_contig_used(&arr, 0), len);
		EXPECT_EQ_INT(rte_fbarray_find_contig_used(&arr, 64 % len), len - 64 % len);
		EXPECT_EQ_INT(rte_fbarray_find_rev_contig_used(&arr, last), len);
		EXPECT_EQ_INT(rte_fbarray_find_next_n_used(&arr, 0, len), 0);
		EXPECT_EQ_INT(rte_fbarray_find_prev_n_used(&arr, last, len), 0);
		EXPECT_ERROR(rte_fbarray_find_next_n_used(&arr, 1, len), ENOENT);
		EXPECT_EQ_INT(rte_fbarray_find_next_used(&arr, last), last);
		EXPECT_EQ_INT(rte_fbarray_find_biggest_used(&arr, 0), 0);
		EXPECT_EQ_INT(rte_fbarray_find_rev_biggest_used(&arr, last), 0);
		EXPECT_EQ_INT(rte_fbarray_find_rev_biggest_used(&arr, 63 % len), 0);

		EXPECT_EQ_INT(rte_fbarray_set_free(&arr, last), 0);
		EXPECT_EQ_INT(rte_fbarray_find_next_free(&arr, 0), last);
		EXPECT_EQ_INT(rte_fbarray_find_prev_free(&arr, last), last);
		EXPECT_ERROR(rte_fbarray_find_prev_free(&arr, last - 1), ENOENT);
		EXPECT_EQ_INT(rte_fbarray_find_contig_used(&arr, 0), last);
		EXPECT_EQ_INT(rte_fbarray_find_rev_contig_used(&arr, last), 0);
		EXPECT_EQ_INT(rte_fbarray_find_rev_contig_used(&arr, last - 1),
			      last);
		EXPECT_EQ_INT(rte_fbarray_find_prev_n_used(&arr, last, last), 0);
		EXPECT_EQ_INT(rte_fbarray_find_next_n_free(&arr, 0, 1), last);
		EXPECT_ERROR(rte_fbarray_find_next_n_free(&arr, 0, 2), ENOSPC);
		EXPECT_EQ_INT(rte_fbarray_find_biggest_free(&arr, 0), last);
		EXPECT_EQ_INT(rte_fbarray_find_rev_biggest_used(&arr, last), 0);

		EXPECT_EQ_INT(rte_fbarray_set_used(&arr, last), 0);
		EXPECT_EQ_INT(rte_fbarray_set_free(&arr, 0), 0);
		EXPECT_EQ_INT(rte_fbarray_find_prev_free(&arr, last), 0);
		EXPECT_EQ_INT(rte_fbarray_find_next_used(&arr, 0), 1);
		EXPECT_EQ_INT(rte_fbarray_find_rev_contig_used(&arr, last), last);
		EXPECT_EQ_INT(rte_fbarray_find_next_n_used(&arr, 0, last), 1);
		EXPECT_EQ_INT(rte_fbarray_find_prev_n_used(&arr, last, last), 1);
		EXPECT_EQ_INT(rte_fbarray_find_rev_biggest_free(&arr, last), 0);
		free(arr.data);
	}
}

/* ------------------------------------------------------------------ */
/* against a naive reference                                           */

#define REF_MAX_LEN 600

/* What a search should give: its return value and, if -1, its errno. */
struct answer {
	int ret;
	int err;
};

/* The reference: a plain array of states. */
struct model {
	unsigned int len;
	bool used[REF_MAX_LEN];
};

static unsigned int
model_count(const struct model *m)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < m->len; i++)
		n += m->used[i];
	return n;
}

/* Whether [i, i + n) is inside and all in state `used`. */
static bool
model_run_at(const struct model *m, unsigned int i, unsigned int n, bool used)
{
	if (i + n > m->len)
		return false;
	for (unsigned int k = 0; k < n; k++)
		if (m->used[i + k] != used)
			return false;
	return true;
}

static struct answer
ref_find_n(const struct model *m, unsigned int start, unsigned int n,
	   bool used, bool down)
{
	if (!used && m->len - model_count(m) < n)
		return (struct answer){ -1, ENOSPC };
	if (down) {
		for (int i = (int)start - (int)n + 1; i >= 0; i--)
			if (model_run_at(m, (unsigned int)i, n, used))
				return (struct answer){ i, 0 };
	} else {
		for (unsigned int i = start; i < m->len; i++)
			if (model_run_at(m, i, n, used))
				return (struct answer){ (int)i, 0 };
	}
	return (struct answer){ -1, ENOENT };
}

static int
ref_contig(const struct model *m, unsigned int start, bool used, bool down)
{
	int n = 0;

	if (down)
		while (n <= (int)start && m->used[start - n] == used)
			n++;
	else
		while (start + n < m->len && m->used[start + n] == used)
			n++;
	return n;
}

static struct answer
ref_biggest(const struct model *m, unsigned int start, bool used, bool down)
{
	int best = -1, best_len = 0;

	if (down) {
		for (int i = (int)start; i >= 0; i--) {
			int n = ref_contig(m, (unsigned int)i, used, true);

			if (n > best_len) {
				best = i - n + 1;
				best_len = n;
			}
			if (n > 0)
				i -= n - 1;
		}
	} else {
		for (unsigned int i = start; i < m->len; i++) {
			int n = ref_contig(m, i, used, false);

			if (n > best_len) {
				best = (int)i;
				best_len = n;
			}
			if (n > 0)
				i += n - 1;
		}
	}
	return best < 0 ? (struct answer){ -1, ENOENT }
			: (struct answer){ best, 0 };
}

static uint64_t rng_state;

static uint64_t
rng_next(void)
{
	/* xorshift64 */
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static unsigned int
rng_below(unsigned int n)
{
	return (unsigned int)(rng_next() % n);
}

/* Mismatches in the random rounds; the first few are printed. */
static unsigned int ref_mismatches;

static void
compare(const char *what, const struct model *m, unsigned int start,
	unsigned int n, int ret, int err, struct answer want)
{
	if (ret == want.ret && (ret >= 0 || err == want.err))
		return;
	if (ref_mismatches++ < 20)
		printf("%s(start %u, n %u) on len %u, count %u: got %d (errno %d), "
		       "want %d (errno %d)\n", what, start, n, m->len,
		       model_count(m), ret, err, want.ret, want.err);
}

static void
check_find(const char *what, find_fn fn, struct rte_fbarray *arr,
	   const struct model *m, unsigned int start, struct answer want)
{
	int ret;

	rte_errno = 0;
	ret = fn(arr, start);
	compare(what, m, start, 0, ret, rte_errno, want);
}

static void
check_find_n(const char *what, find_n_fn fn, struct rte_fbarray *arr,
	     const struct model *m, unsigned int start, unsigned int n,
	     struct answer want)
{
	int ret;

	rte_errno = 0;
	ret = fn(arr, start, n);
	compare(what, m, start, n, ret, rte_errno, want);
}

/* Fills m and arr with a random pattern: random bits or random runs. */
static void
random_pattern(struct model *m, struct rte_fbarray *arr)
{
	unsigned int density = rng_below(101); /* percent used */
	bool by_runs = rng_below(2), state = rng_below(2);
	unsigned int run_left = 0;

	for (unsigned int i = 0; i < m->len; i++) {
		if (by_runs) {
			if (run_left == 0) {
				state = !state;
				run_left = 1 + rng_below(rng_below(2) ? 8 : 150);
			}
			run_left--;
			m->used[i] = state;
		} else {
			m->used[i] = rng_below(100) < density;
		}
		if (m->used[i])
			ASSERT_EQ_INT(rte_fbarray_set_used(arr, i), 0);
	}
}

static void
test_against_reference(void)
{
	const unsigned int fixed_lens[] = { 1,   2,   63,  64,  65,  127,
					    128, 129, 130, 191, 192, 193 };
	const unsigned int rounds = 300, seed = 20221122;
	static struct model m;

	printf("reference rounds: %u, seed %u\n", rounds, seed);
	rng_state = seed;
	ref_mismatches = 0;
	for (unsigned int round = 0; round < rounds; round++) {
		struct rte_fbarray arr;

		m.len = round < RTE_DIM(fixed_lens) * 2
				? fixed_lens[round % RTE_DIM(fixed_lens)]
				: 1 + rng_below(REF_MAX_LEN);
		array_make(&arr, "reference", m.len, 1);
		random_pattern(&m, &arr);
		EXPECT_EQ_UINT(arr.count, model_count(&m));

		for (unsigned int start = 0; start < m.len; start++) {
			const unsigned int ns[] = {
				1, 2, 3, 64, 1 + rng_below(m.len),
				1 + rng_below(RTE_MIN(m.len, 10u))
			};

			for (int used = 0; used <= 1; used++) {
				check_find(used ? "next_used" : "next_free",
					   find_next[used], &arr, &m, start,
					   ref_find_n(&m, start, 1, used, false));
				check_find(used ? "prev_used" : "prev_free",
					   find_prev[used], &arr, &m, start,
					   ref_find_n(&m, start, 1, used, true));
				check_find(used ? "contig_used" : "contig_free",
					   find_contig[used], &arr, &m, start,
					   (struct answer){
						   ref_contig(&m, start, used, false), 0 });
				check_find(used ? "rev_contig_used" : "rev_contig_free",
					   find_rev_contig[used], &arr, &m, start,
					   (struct answer){
						   ref_contig(&m, start, used, true), 0 });
				check_find(used ? "biggest_used" : "biggest_free",
					   find_biggest[used], &arr, &m, start,
					   ref_biggest(&m, start, used, false));
				check_find(used ? "rev_biggest_used" : "rev_biggest_free",
					   find_rev_biggest[used], &arr, &m, start,
					   ref_biggest(&m, start, used, true));
				for (size_t k = 0; k < RTE_DIM(ns); k++) {
					if (ns[k] > m.len)
						continue;
					check_find_n(used ? "next_n_used" : "next_n_free",
						     find_next_n[used], &arr, &m, start,
						     ns[k],
						     ref_find_n(&m, start, ns[k], used, false));
					check_find_n(used ? "prev_n_used" : "prev_n_free",
						     find_prev_n[used], &arr, &m, start,
						     ns[k],
						     ref_find_n(&m, start, ns[k], used, true));
				}
			}
		}
		free(arr.data);
	}
	EXPECT_EQ_UINT(ref_mismatches, 0);
}

/* ------------------------------------------------------------------ */
/* fbarray_init_at                                                     */

static void
test_init_at(void)
{
	const unsigned int len = 70, elt_sz = 3;
	struct rte_fbarray arr;
	size_t size;
	char *mem;

	EXPECT_EQ_UINT(fbarray_storage_size(1, 1), 16);
	EXPECT_EQ_UINT(fbarray_storage_size(64, 1), 64 + 8);
	EXPECT_EQ_UINT(fbarray_storage_size(65, 3), 200 + 16);
	EXPECT_EQ_UINT(fbarray_storage_size(128, 8), 1024 + 16);
	size = fbarray_storage_size(len, elt_sz);

	mem = malloc(size);
	ASSERT_NOT_NULL(mem);
	memset(mem, 0, size);
	ASSERT_EQ_INT(fbarray_init_at(&arr, "at", len, elt_sz, mem), 0);
	EXPECT_EQ_STR(arr.name, "at");
	EXPECT_EQ_PTR(arr.data, mem);
	EXPECT_EQ_UINT(arr.len, len);
	EXPECT_EQ_UINT(arr.elt_sz, elt_sz);
	EXPECT_EQ_UINT(arr.count, 0);
	EXPECT_EQ_PTR(rte_fbarray_get(&arr, len - 1), mem + (len - 1) * elt_sz);

	/* every element and every bitmap bit is inside the storage (ASan) */
	for (unsigned int i = 0; i < len; i++) {
		memset(rte_fbarray_get(&arr, i), 0xff, elt_sz);
		EXPECT_EQ_INT(rte_fbarray_set_used(&arr, i), 0);
	}
	EXPECT_EQ_UINT(arr.count, len);
	EXPECT_EQ_INT(rte_fbarray_find_contig_used(&arr, 0), len);
	EXPECT_EQ_INT(rte_fbarray_set_free(&arr, 69), 0);
	EXPECT_EQ_INT(rte_fbarray_find_next_free(&arr, 0), 69);

	/* a re-init over zeroed storage with its own name as the name */
	memset(mem, 0, size);
	EXPECT_EQ_INT(fbarray_init_at(&arr, arr.name, len, elt_sz, mem), 0);
	EXPECT_EQ_STR(arr.name, "at");
	EXPECT_EQ_UINT(arr.count, 0);
	EXPECT_ERROR(rte_fbarray_find_next_used(&arr, 0), ENOENT);
	free(mem);
}

/* ------------------------------------------------------------------ */
/* anonymous arrays                                                    */

static struct rte_fbarray *
shared_descriptor(void)
{
	void *p = mmap(NULL, sizeof(struct rte_fbarray), PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	ASSERT_TRUE(p != MAP_FAILED);
	return p;
}

static int
anonymous_child_writes(void *arg)
{
	struct rte_fbarray *arr = arg;

	EXPECT_EQ_INT(rte_fbarray_set_used(arr, 3), 0);
	strcpy(rte_fbarray_get(arr, 3), "from child");
	return test_report();
}

static void
test_anonymous(void)
{
	struct rte_fbarray *arr = shared_descriptor();
	char path[PATH_MAX], *dump = NULL;
	size_t dump_len = 0;
	FILE *f;

	/* the EAL is not initialised in this process */
	ASSERT_EQ_INT(mem_runtime_path(path, sizeof(path), "x"), -ENOENT);

	ASSERT_EQ_INT(rte_fbarray_init(arr, "anon", 130, 32), 0);
	EXPECT_EQ_UINT((uintptr_t)arr->data % (uintptr_t)sysconf(_SC_PAGESIZE), 0);
	EXPECT_EQ_UINT(arr->count, 0);
	EXPECT_EQ_INT(rte_fbarray_find_contig_free(arr, 0), 130);
	/* no files: the same name again is another, unrelated array */
	{
		struct rte_fbarray other;

		EXPECT_EQ_INT(rte_fbarray_init(&other, "anon", 1, 1), 0);
		EXPECT_EQ_INT(rte_fbarray_destroy(&other), 0);
	}
	EXPECT_ERROR(rte_fbarray_attach(arr), ENOENT);

	test_child_ok("anonymous array in a forked child",
		      anonymous_child_writes, arr, 30);
	EXPECT_EQ_INT(rte_fbarray_is_used(arr, 3), 1);
	EXPECT_EQ_UINT(arr->count, 1);
	EXPECT_EQ_STR(rte_fbarray_get(arr, 3), "from child");

	f = open_memstream(&dump, &dump_len);
	ASSERT_NOT_NULL(f);
	rte_fbarray_dump_metadata(arr, f);
	fclose(f);
	EXPECT_CONTAINS(dump, "fbarray anon: len 130, used 1, elt_sz 32");
	EXPECT_CONTAINS(dump, "0x0000000000000008");
	free(dump);

	EXPECT_EQ_INT(rte_fbarray_detach(arr), 0);
	EXPECT_ERROR(rte_fbarray_detach(arr), ENOENT);
	EXPECT_ERROR(rte_fbarray_destroy(arr), ENOENT);

	ASSERT_EQ_INT(rte_fbarray_init(arr, "anon", 10, 8), 0);
	EXPECT_EQ_INT(rte_fbarray_destroy(arr), 0);
	EXPECT_NULL(arr->data);
	EXPECT_EQ_UINT(arr->len, 0);
	EXPECT_EQ_STR(arr->name, "");
	EXPECT_ERROR(rte_fbarray_find_next_free(arr, 0), EINVAL);
	EXPECT_ERROR(rte_fbarray_destroy(arr), ENOENT);

	f = open_memstream(&dump, &dump_len);
	ASSERT_NOT_NULL(f);
	rte_fbarray_dump_metadata(arr, f);
	fclose(f);
	EXPECT_CONTAINS(dump, "invalid");
	free(dump);
	munmap(arr, sizeof(*arr));
}

/* ------------------------------------------------------------------ */
/* file-backed arrays (EAL initialised, in a child)                    */

/*
 * One byte through a pipe, to step two processes in turn. EXPECT, not
 * ASSERT: the grandchild must not exit() (the EAL's exit handlers).
 */
static void
signal_peer(int fd)
{
	EXPECT_EQ_INT(write(fd, "x", 1), 1);
}

static void
wait_peer(int fd)
{
	char c;

	EXPECT_EQ_INT(read(fd, &c, 1), 1);
}

/*
 * Grandchild: take the array in its own right (detach what fork gave it,
 * attach again at the same address), check the parent's write, write one
 * of its own, then hold the array until told to let go.
 */
static void
file_backed_grandchild(struct rte_fbarray *arr, int to_parent, int from_parent)
{
	void *addr = arr->data, *squatter;

	EXPECT_EQ_INT(rte_fbarray_detach(arr), 0);
	/* something else at the array's address: attach cannot map there */
	squatter = mmap(addr, 1, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS |
			MAP_FIXED_NOREPLACE, -1, 0);
	EXPECT_EQ_PTR(squatter, addr);
	EXPECT_ERROR(rte_fbarray_attach(arr), EADDRNOTAVAIL);
	munmap(squatter, 1);
	EXPECT_EQ_INT(rte_fbarray_attach(arr), 0);
	EXPECT_EQ_PTR(arr->data, addr);
	EXPECT_EQ_INT(rte_fbarray_is_used(arr, 5), 1);
	EXPECT_EQ_STR(rte_fbarray_get(arr, 5), "from parent");
	EXPECT_EQ_INT(rte_fbarray_set_used(arr, 7), 0);
	strcpy(rte_fbarray_get(arr, 7), "from grandchild");
	signal_peer(to_parent);
	wait_peer(from_parent); /* the parent tried to destroy it */
	EXPECT_EQ_INT(rte_fbarray_detach(arr), 0);
	fflush(stdout);
	/* _exit: no atexit handlers of the EAL in a forked copy */
	_exit(test_report());
}

/*
 * Removes what rte_eal_cleanup leaves of this test's own prefix (its
 * directory and the files in it), so that runs leave nothing behind.
 */
static void
remove_runtime_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL)
		if (de->d_type == DT_REG)
			unlinkat(dirfd(d), de->d_name, 0);
	closedir(d);
	EXPECT_EQ_INT(rmdir(dir), 0);
}

static int
file_backed_child(void *unused)
{
	char prefix[32], lcore[16], path[PATH_MAX], dir[PATH_MAX];
	char *argv[] = { "test", "--file-prefix", prefix, "-l", lcore, NULL };
	struct rte_fbarray *arr = shared_descriptor(), other, stale;
	int to_parent[2], to_child[2], status;
	cpu_set_t cpus;
	struct stat st;
	pid_t pid;
	int cpu = 0;

	(void)unused;
	/* -l with the first CPU this process may run on */
	if (sched_getaffinity(0, sizeof(cpus), &cpus) == 0)
		while (cpu < CPU_SETSIZE - 1 && !CPU_ISSET(cpu, &cpus))
			cpu++;
	snprintf(lcore, sizeof(lcore), "%d", cpu);
	snprintf(prefix, sizeof(prefix), "tfb%d", (int)getpid());
	ASSERT_GE_INT(rte_eal_init(5, argv), 0);
	if (mem_runtime_path(path, sizeof(path), "fbarray_tfb") != 0) {
		printf("NOTE: no runtime directory after rte_eal_init yet: "
		       "file-backed part skipped\n");
		rte_eal_cleanup();
		return test_report();
	}
	snprintf(dir, sizeof(dir), "%s", mem_runtime_dir());

	ASSERT_EQ_INT(rte_fbarray_init(arr, "tfb", 1000, 16), 0);
	ASSERT_EQ_INT(stat(path, &st), 0);
	EXPECT_EQ_UINT(st.st_mode & 0777, 0600);
	EXPECT_GE_UINT((size_t)st.st_size, fbarray_storage_size(1000, 16));
	EXPECT_EQ_UINT((size_t)st.st_size % (size_t)sysconf(_SC_PAGESIZE), 0);

	/* in use: a second init of the name fails and leaves the first alone */
	EXPECT_ERROR(rte_fbarray_init(&other, "tfb", 10, 1), EEXIST);
	EXPECT_ERROR(rte_fbarray_attach(arr), EEXIST);
	EXPECT_EQ_INT(stat(path, &st), 0);

	strcpy(rte_fbarray_get(arr, 5), "from parent");
	EXPECT_EQ_INT(rte_fbarray_set_used(arr, 5), 0);

	ASSERT_EQ_INT(pipe(to_parent), 0);
	ASSERT_EQ_INT(pipe(to_child), 0);
	pid = fork();
	ASSERT_GE_INT(pid, 0);
	if (pid == 0)
		file_backed_grandchild(arr, to_parent[1], to_child[0]);
	wait_peer(to_parent[0]);
	EXPECT_EQ_INT(rte_fbarray_is_used(arr, 7), 1);
	EXPECT_EQ_UINT(arr->count, 2);
	EXPECT_EQ_STR(rte_fbarray_get(arr, 7), "from grandchild");
	EXPECT_ERROR(rte_fbarray_destroy(arr), EBUSY);
	EXPECT_EQ_INT(stat(path, &st), 0);
	EXPECT_EQ_INT(rte_fbarray_is_used(arr, 5), 1);
	signal_peer(to_child[1]);
	ASSERT_EQ_INT(waitpid(pid, &status, 0), pid);
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	stale = *arr;
	EXPECT_EQ_INT(rte_fbarray_destroy(arr), 0);
	EXPECT_NULL(arr->data);
	EXPECT_EQ_INT(stat(path, &st), -1);
	EXPECT_EQ_INT(errno, ENOENT);
	EXPECT_ERROR(rte_fbarray_attach(&stale), ENOENT);

	/* the name is free again; a destroyed array is gone for attach */
	ASSERT_EQ_INT(rte_fbarray_init(arr, "tfb", 64, 8), 0);
	EXPECT_EQ_UINT(arr->count, 0);
	EXPECT_EQ_INT(rte_fbarray_is_used(arr, 5), 0);
	EXPECT_EQ_INT(rte_fbarray_destroy(arr), 0);
	EXPECT_ERROR(rte_fbarray_attach(arr), EINVAL);

	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	remove_runtime_dir(dir);
	return test_report();
}

static void
test_file_backed(void)
{
	struct test_child_result res;

	ASSERT_EQ_INT(test_run_child(file_backed_child, NULL, 60, &res), 0);
	if (!res.exited || res.exit_code != 0 || strstr(res.out, "NOTE:"))
		printf("file-backed child:\nstdout:\n%s\nstderr:\n%s\n",
		       res.out, res.err);
	EXPECT_FALSE(res.timed_out);
	EXPECT_TRUE(res.exited);
	EXPECT_EQ_INT(res.exit_code, 0);
}

/* ------------------------------------------------------------------ */
/* threads                                                             */

#define WRITERS 4
#define READERS 2
#define RANGE 250
#define WRITER_OPS 20000

struct writer {
	pthread_t thread;
	struct rte_fbarray *arr;
	unsigned int lo;        /* owns [lo, lo + RANGE) */
	uint64_t seed;
	bool used[RANGE];       /* what it left behind */
};

struct reader {
	pthread_t thread;
	struct rte_fbarray *arr;
	unsigned long walks;
};

static int writers_done;
static int readers_walking; /* readers that finished a walk */

static void *
writer_run(void *arg)
{
	struct writer *w = arg;
	uint64_t x = w->seed;

	/* start once every reader walks, so that they overlap the writes */
	while (__atomic_load_n(&readers_walking, __ATOMIC_ACQUIRE) < READERS)
		sched_yield();
	for (unsigned int op = 0; op < WRITER_OPS; op++) {
		unsigned int k;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		k = (unsigned int)(x % RANGE);
		w->used[k] = (x >> 32) & 1;
		EXPECT_EQ_INT(w->used[k] ? rte_fbarray_set_used(w->arr, w->lo + k)
					 : rte_fbarray_set_free(w->arr, w->lo + k),
			      0);
	}
	return NULL;
}

/* Walks the used elements with find_next_used until the writers stop. */
static void *
reader_run(void *arg)
{
	struct reader *r = arg;
	const int len = (int)r->arr->len;

	do {
		int prev = -1, idx = 0;

		while (idx < len) {
			rte_errno = 0;
			idx = rte_fbarray_find_next_used(r->arr, (unsigned int)idx);
			if (idx < 0) {
				EXPECT_EQ_INT(rte_errno, ENOENT);
				break;
			}
			if (idx <= prev || idx >= len) {
				EXPECT_TRUE(idx > prev && idx < len);
				break;
			}
			prev = idx++;
		}
		if (r->walks++ == 0)
			__atomic_fetch_add(&readers_walking, 1,
					   __ATOMIC_RELEASE);
	} while (!__atomic_load_n(&writers_done, __ATOMIC_ACQUIRE));
	return NULL;
}

static void
test_threads(void)
{
	static struct writer writers[WRITERS];
	struct reader readers[READERS];
	struct rte_fbarray arr;
	unsigned int used = 0;

	array_make(&arr, "threads", WRITERS * RANGE, 8);
	__atomic_store_n(&writers_done, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&readers_walking, 0, __ATOMIC_RELAXED);
	for (int i = 0; i < READERS; i++) {
		readers[i] = (struct reader){ .arr = &arr };
		ASSERT_EQ_INT(pthread_create(&readers[i].thread, NULL,
					     reader_run, &readers[i]), 0);
	}
	for (int i = 0; i < WRITERS; i++) {
		memset(&writers[i], 0, sizeof(writers[i]));
		writers[i].arr = &arr;
		writers[i].lo = (unsigned int)i * RANGE;
		writers[i].seed = 0x9e3779b97f4a7c15ull * (uint64_t)(i + 1);
		ASSERT_EQ_INT(pthread_create(&writers[i].thread, NULL,
					     writer_run, &writers[i]), 0);
	}
	for (int i = 0; i < WRITERS; i++)
		ASSERT_EQ_INT(pthread_join(writers[i].thread, NULL), 0);
	__atomic_store_n(&writers_done, 1, __ATOMIC_RELEASE);
	for (int i = 0; i < READERS; i++) {
		ASSERT_EQ_INT(pthread_join(readers[i].thread, NULL), 0);
		EXPECT_GT_UINT(readers[i].walks, 1); /* some walks overlapped */
	}

	for (int i = 0; i < WRITERS; i++)
		for (unsigned int k = 0; k < RANGE; k++) {
			used += writers[i].used[k];
			EXPECT_EQ_INT(rte_fbarray_is_used(&arr, writers[i].lo + k),
				      writers[i].used[k]);
		}
	EXPECT_EQ_UINT(arr.count, used);
	printf("threads: %u used of %u\n", used, arr.len);
	free(arr.data);
}

int
main(void)
{
	test_bad_arguments();
	test_set_and_count();
	test_crafted_130();
	test_len_one();
	test_word_lengths();
	test_against_reference();
	test_init_at();
	test_anonymous();
	test_threads();
	test_file_backed();
	return test_report();
}
