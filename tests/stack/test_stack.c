/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: rte_stack, after DPDK's stack_autotest and
 * stack_lf_autotest, for the standard and the lock-free variant.
 * - Basic: a stack of 4096 is found by lookup, lives in memzone
 *   "STK_<name>" at the memzone's start, starts empty (count 0, free
 *   4096); pushing and popping 4096 pointers in bulks of 1 and of 32 keeps
 *   count and free_count exact after every call and pops them in LIFO
 *   order; pushing exactly the capacity works and then one more fails.
 * - All-or-nothing: a push of 2x capacity, a push of more than the free
 *   slots, a pop of more than the count and a pop on an empty stack return
 *   0 and leave the stack unchanged (count, and the contents popped after);
 *   n == 0 returns 0. A capacity-0 stack is always empty and full.
 * - A random sequence of pushes and pops (bulk 0 to 40) checked against a
 *   model array.
 * - Bad input, each NULL with its rte_errno, exactly one log line naming
 *   the stack, and nothing half-created (memzone count unchanged, lookup
 *   ENOENT): a used name (EEXIST, also across variants), a 28-character
 *   name (ENAMETOOLONG; 27 works), a NULL name (EINVAL), unknown flags
 *   (EINVAL; DPDK leaves rte_errno alone), and RTE_STACK_F_LF on a CPU
 *   without a 128-bit compare-and-swap (ENOTSUP, through the test hook
 *   RTMEM_TEST_NO_CAS128=1; the standard stack is unaffected). Checks come
 *   in DPDK's order: flags before ENOTSUP before the name.
 * - Lookup: NULL gives EINVAL, a missing name ENOENT.
 * - Free: rte_stack_free(NULL) is a no-op; after a free the lookup fails,
 *   the memzone is gone and the name can be used again.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_memzone.h>
#include <rte_stack.h>

#include "test.h"

#define STACK_SIZE 4096
#define MAX_BULK 32

static void *objs[2 * STACK_SIZE];
static void *popped[2 * STACK_SIZE];

static const uint32_t variants[] = { 0, RTE_STACK_F_LF };

static const char *
variant_name(uint32_t flags)
{
	return (flags & RTE_STACK_F_LF) ? "lock-free" : "standard";
}

/* ------------------------------------------------------------------ */
/* helpers                                                             */

/*
 * create(name, count, flags) must fail with `err`, log exactly one line
 * containing `needle`, and leave no memzone and no stack named name.
 */
static void
expect_create_fails(const char *name, unsigned int count, uint32_t flags,
		    int err, const char *needle)
{
	unsigned int zones = test_memzone_count();
	struct rte_stack *s;

	rte_errno = 0;
	test_log_begin();
	s = rte_stack_create(name, count, SOCKET_ID_ANY, flags);
	EXPECT_EQ_UINT(test_log_end(), 1);
	EXPECT_NULL(s);
	EXPECT_EQ_INT(rte_errno, err);
	if (needle != NULL)
		EXPECT_CONTAINS(test_log_text(), needle);
	EXPECT_EQ_UINT(test_memzone_count(), zones);
	if (name != NULL && (err != EEXIST)) {
		char mz_name[64];

		snprintf(mz_name, sizeof(mz_name), "%s%s", RTE_STACK_MZ_PREFIX,
			 name);
		EXPECT_NULL(rte_memzone_lookup(mz_name));
		rte_errno = 0;
		EXPECT_NULL(rte_stack_lookup(name));
		EXPECT_EQ_INT(rte_errno, ENOENT);
	}
}

/* Pops everything and checks it is want[0..n-1], top first. */
static void
expect_contents(struct rte_stack *s, void * const *want, unsigned int n)
{
	EXPECT_EQ_UINT(rte_stack_count(s), n);
	if (n == 0)
		return;
	EXPECT_EQ_UINT(rte_stack_pop(s, popped, n), n);
	for (unsigned int i = 0; i < n; i++)
		if (popped[i] != want[i]) {
			EXPECT_EQ_PTR(popped[i], want[i]);
			break;
		}
	EXPECT_EQ_UINT(rte_stack_count(s), 0);
}

/* ------------------------------------------------------------------ */
/* scenarios                                                           */

/* DPDK's test_stack_push_pop: fill and drain in bulks, LIFO. */
static void
push_pop(struct rte_stack *s, unsigned int bulk)
{
	unsigned int i, bad = 0;

	for (i = 0; i < STACK_SIZE; i += bulk) {
		EXPECT_EQ_UINT(rte_stack_push(s, &objs[i], bulk), bulk);
		if (rte_stack_count(s) != i + bulk ||
		    rte_stack_free_count(s) != STACK_SIZE - i - bulk)
			bad++;
	}
	EXPECT_EQ_UINT(bad, 0);
	for (i = 0; i < STACK_SIZE; i += bulk) {
		EXPECT_EQ_UINT(rte_stack_pop(s, &popped[i], bulk), bulk);
		if (rte_stack_count(s) != STACK_SIZE - i - bulk ||
		    rte_stack_free_count(s) != i + bulk)
			bad++;
	}
	EXPECT_EQ_UINT(bad, 0);
	for (i = 0; i < STACK_SIZE; i++)
		if (popped[STACK_SIZE - 1 - i] != objs[i])
			bad++;
	EXPECT_EQ_UINT(bad, 0);
}

static void
test_basic(uint32_t flags)
{
	const struct rte_memzone *mz;
	struct rte_stack *s;

	s = rte_stack_create("test_basic", STACK_SIZE, SOCKET_ID_ANY, flags);
	ASSERT_NOT_NULL(s);
	EXPECT_EQ_PTR(rte_stack_lookup("test_basic"), s);
	EXPECT_EQ_STR(s->name, "test_basic");
	EXPECT_EQ_UINT(s->capacity, STACK_SIZE);
	EXPECT_EQ_UINT(s->flags, flags);
	mz = rte_memzone_lookup("STK_test_basic");
	EXPECT_NOT_NULL(mz);
	EXPECT_EQ_PTR(s->memzone, mz);
	if (mz != NULL)
		EXPECT_EQ_PTR(mz->addr, s);
	EXPECT_EQ_UINT((uintptr_t)s % RTE_CACHE_LINE_SIZE, 0);
	EXPECT_EQ_UINT(rte_stack_count(s), 0);
	EXPECT_EQ_UINT(rte_stack_free_count(s), STACK_SIZE);

	push_pop(s, 1);
	push_pop(s, MAX_BULK);

	/* all or nothing, empty and full */
	EXPECT_EQ_UINT(rte_stack_push(s, objs, 2 * STACK_SIZE), 0);
	EXPECT_EQ_UINT(rte_stack_count(s), 0);
	EXPECT_EQ_UINT(rte_stack_pop(s, popped, 1), 0);
	EXPECT_EQ_UINT(rte_stack_pop(s, popped, MAX_BULK), 0);
	EXPECT_EQ_UINT(rte_stack_push(s, objs, 0), 0);
	EXPECT_EQ_UINT(rte_stack_pop(s, popped, 0), 0);
	EXPECT_EQ_UINT(rte_stack_count(s), 0);

	/* exactly the capacity in one call, then nothing more fits */
	EXPECT_EQ_UINT(rte_stack_push(s, objs, STACK_SIZE), STACK_SIZE);
	EXPECT_EQ_UINT(rte_stack_count(s), STACK_SIZE);
	EXPECT_EQ_UINT(rte_stack_free_count(s), 0);
	EXPECT_EQ_UINT(rte_stack_push(s, &objs[STACK_SIZE], 1), 0);
	EXPECT_EQ_UINT(rte_stack_pop(s, popped, STACK_SIZE + 1), 0);
	EXPECT_EQ_UINT(rte_stack_count(s), STACK_SIZE);
	EXPECT_EQ_UINT(rte_stack_pop(s, popped, STACK_SIZE), STACK_SIZE);
	EXPECT_EQ_PTR(popped[0], objs[STACK_SIZE - 1]);
	EXPECT_EQ_PTR(popped[STACK_SIZE - 1], objs[0]);
	EXPECT_EQ_UINT(rte_stack_count(s), 0);

	/* a refused push or pop leaves the contents as they were */
	{
		void *want[100];

		EXPECT_EQ_UINT(rte_stack_push(s, objs, 100), 100);
		EXPECT_EQ_UINT(rte_stack_push(s, &objs[100],
					      STACK_SIZE - 99), 0);
		EXPECT_EQ_UINT(rte_stack_push(s, &objs[100],
					      2 * STACK_SIZE), 0);
		EXPECT_EQ_UINT(rte_stack_pop(s, popped, 101), 0);
		EXPECT_EQ_UINT(rte_stack_free_count(s), STACK_SIZE - 100);
		for (unsigned int i = 0; i < 100; i++)
			want[i] = objs[99 - i];
		expect_contents(s, want, 100);
	}

	rte_stack_free(s);
	rte_errno = 0;
	EXPECT_NULL(rte_stack_lookup("test_basic"));
	EXPECT_EQ_INT(rte_errno, ENOENT);
	EXPECT_NULL(rte_memzone_lookup("STK_test_basic"));
}

static void
test_zero_capacity(uint32_t flags)
{
	struct rte_stack *s;

	s = rte_stack_create("zero", 0, SOCKET_ID_ANY, flags);
	ASSERT_NOT_NULL(s);
	EXPECT_EQ_UINT(s->capacity, 0);
	EXPECT_EQ_UINT(rte_stack_count(s), 0);
	EXPECT_EQ_UINT(rte_stack_free_count(s), 0);
	EXPECT_EQ_UINT(rte_stack_push(s, objs, 1), 0);
	EXPECT_EQ_UINT(rte_stack_pop(s, popped, 1), 0);
	rte_stack_free(s);
}

/* Random pushes and pops against a model array (bulk 0 to 40). */
static void
test_model(uint32_t flags)
{
	enum { CAP = 100, ROUNDS = 20000 };
	void *model[CAP], *buf[40];
	unsigned int depth = 0, bad = 0;
	uint64_t rng = 0x2545f4914f6cdd1dull;
	struct rte_stack *s;

	s = rte_stack_create("model", CAP, SOCKET_ID_ANY, flags);
	ASSERT_NOT_NULL(s);
	for (unsigned int r = 0; r < ROUNDS; r++) {
		unsigned int n, got;

		rng ^= rng << 13;
		rng ^= rng >> 7;
		rng ^= rng << 17;
		n = (unsigned int)(rng >> 8) % 41;
		if (rng & 1) {
			for (unsigned int i = 0; i < n; i++)
				buf[i] = &objs[(r * 41 + i) % STACK_SIZE];
			got = rte_stack_push(s, buf, n);
			if (n > 0 && depth + n <= CAP) {
				bad += got != n;
				for (unsigned int i = 0; i < n; i++)
					model[depth++] = buf[i];
			} else {
				bad += got != 0;
			}
		} else {
			got = rte_stack_pop(s, buf, n);
			if (n > 0 && n <= depth) {
				bad += got != n;
				for (unsigned int i = 0; i < n; i++)
					bad += buf[i] != model[--depth];
			} else {
				bad += got != 0;
			}
		}
		bad += rte_stack_count(s) != depth;
		bad += rte_stack_free_count(s) != CAP - depth;
	}
	EXPECT_EQ_UINT(bad, 0);
	rte_stack_free(s);
}

static void
test_name_reuse(uint32_t flags)
{
	struct rte_stack *s;

	s = rte_stack_create("test", STACK_SIZE, SOCKET_ID_ANY, flags);
	ASSERT_NOT_NULL(s);
	expect_create_fails("test", STACK_SIZE, flags, EEXIST, "test");
	/* the name is taken whatever the variant */
	expect_create_fails("test", 8, flags ^ RTE_STACK_F_LF, EEXIST,
			    "test");
	EXPECT_EQ_PTR(rte_stack_lookup("test"), s);
	rte_stack_free(s);
}

static void
test_name_length(uint32_t flags)
{
	char name[RTE_STACK_NAMESIZE + 1];
	struct rte_stack *s;

	/* 28 characters: too long (DPDK's test) */
	memset(name, 'x', RTE_STACK_NAMESIZE);
	name[RTE_STACK_NAMESIZE] = '\0';
	expect_create_fails(name, STACK_SIZE, flags, ENAMETOOLONG, "xxxx");
	/* 27 characters: the longest name */
	name[RTE_STACK_NAMESIZE - 1] = '\0';
	s = rte_stack_create(name, 16, SOCKET_ID_ANY, flags);
	ASSERT_NOT_NULL(s);
	EXPECT_EQ_PTR(rte_stack_lookup(name), s);
	EXPECT_EQ_STR(s->name, name);
	rte_stack_free(s);
}

static void
test_bad_input(void)
{
	char long_name[40];

	memset(long_name, 'y', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';

	expect_create_fails(NULL, 16, 0, EINVAL, NULL);
	expect_create_fails(NULL, 16, RTE_STACK_F_LF, EINVAL, NULL);
	expect_create_fails("badflags", 16, 0x2, EINVAL, "badflags");
	expect_create_fails("badflags", 16, RTE_STACK_F_LF | 0x80000000u,
			    EINVAL, "badflags");
	/* DPDK's order: flags, then ENOTSUP, then the name */
	expect_create_fails(long_name, 16, 0x4, EINVAL, NULL);
}

static void
test_lf_unsupported(void)
{
	char long_name[40];
	struct rte_stack *s;

	memset(long_name, 'z', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';

	ASSERT_EQ_INT(setenv("RTMEM_TEST_NO_CAS128", "1", 1), 0);
	expect_create_fails("lf_nocas", 16, RTE_STACK_F_LF, ENOTSUP,
			    "lf_nocas");
	expect_create_fails(long_name, 16, RTE_STACK_F_LF, ENOTSUP, NULL);
	s = rte_stack_create("std_nocas", 16, SOCKET_ID_ANY, 0);
	EXPECT_NOT_NULL(s);
	rte_stack_free(s);
	ASSERT_EQ_INT(unsetenv("RTMEM_TEST_NO_CAS128"), 0);
	s = rte_stack_create("lf_nocas", 16, SOCKET_ID_ANY, RTE_STACK_F_LF);
	EXPECT_NOT_NULL(s);
	rte_stack_free(s);
}

static void
test_lookup(void)
{
	rte_errno = 0;
	EXPECT_NULL(rte_stack_lookup("stack_not_found"));
	EXPECT_EQ_INT(rte_errno, ENOENT);
	rte_errno = 0;
	EXPECT_NULL(rte_stack_lookup(NULL));
	EXPECT_EQ_INT(rte_errno, EINVAL);
}

static void
test_free(uint32_t flags)
{
	unsigned int zones = test_memzone_count();
	struct rte_stack *s, *t;

	rte_stack_free(NULL);
	s = rte_stack_create("freed", 64, SOCKET_ID_ANY, flags);
	ASSERT_NOT_NULL(s);
	EXPECT_EQ_UINT(test_memzone_count(), zones + 1);
	rte_stack_free(s);
	EXPECT_EQ_UINT(test_memzone_count(), zones);
	rte_errno = 0;
	EXPECT_NULL(rte_stack_lookup("freed"));
	EXPECT_EQ_INT(rte_errno, ENOENT);
	EXPECT_NULL(rte_memzone_lookup("STK_freed"));
	/* the name is free again, and the new stack works */
	t = rte_stack_create("freed", 64, SOCKET_ID_ANY, flags);
	ASSERT_NOT_NULL(t);
	EXPECT_EQ_PTR(rte_stack_lookup("freed"), t);
	EXPECT_EQ_UINT(rte_stack_push(t, objs, 64), 64);
	EXPECT_EQ_UINT(rte_stack_pop(t, popped, 64), 64);
	EXPECT_EQ_PTR(popped[0], objs[63]);
	rte_stack_free(t);
	EXPECT_EQ_UINT(test_memzone_count(), zones);
}

/* Several stacks at once are independent and all listed. */
static void
test_several(void)
{
	struct rte_stack *a, *b;

	a = rte_stack_create("multi_a", 8, SOCKET_ID_ANY, 0);
	b = rte_stack_create("multi_b", 8, SOCKET_ID_ANY, RTE_STACK_F_LF);
	ASSERT_NOT_NULL(a);
	ASSERT_NOT_NULL(b);
	EXPECT_EQ_PTR(rte_stack_lookup("multi_a"), a);
	EXPECT_EQ_PTR(rte_stack_lookup("multi_b"), b);
	EXPECT_EQ_UINT(rte_stack_push(a, objs, 8), 8);
	EXPECT_EQ_UINT(rte_stack_count(b), 0);
	EXPECT_EQ_UINT(rte_stack_push(b, objs, 3), 3);
	EXPECT_EQ_UINT(rte_stack_count(a), 8);
	rte_stack_free(a);
	EXPECT_EQ_PTR(rte_stack_lookup("multi_b"), b);
	EXPECT_EQ_UINT(rte_stack_count(b), 3);
	rte_stack_free(b);
}

int
main(void)
{
	char args[256];
	unsigned int zones;

	for (unsigned int i = 0; i < RTE_DIM(objs); i++)
		objs[i] = (void *)(uintptr_t)((i + 1) * 16);
	snprintf(args, sizeof(args), "-l 0 --file-prefix %s -m 16",
		 test_file_prefix());
	ASSERT_GE_INT(test_eal_init(args), 0);
	zones = test_memzone_count();

	for (unsigned int v = 0; v < RTE_DIM(variants); v++) {
		uint32_t flags = variants[v];

		printf("%s stack\n", variant_name(flags));
		test_basic(flags);
		test_zero_capacity(flags);
		test_model(flags);
		test_name_reuse(flags);
		test_name_length(flags);
		test_free(flags);
	}
	test_bad_input();
	test_lf_unsupported();
	test_lookup();
	test_several();
	EXPECT_EQ_UINT(test_memzone_count(), zones);

	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}
