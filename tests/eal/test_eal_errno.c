/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: rte_errno and rte_strerror().
 *
 * - The enum has DPDK's values and rte_errno is the TLS symbol
 *   per_lcore__rte_errno.
 * - rte_errno is per thread: two threads store different values in lock
 *   step (a barrier between each store and its check), and each always reads
 *   back its own; the main thread's value is untouched.
 * - rte_strerror() texts: rtmem's own codes, a libc code, unknown and
 *   out-of-range codes, 0, negative codes (looked up by absolute value,
 *   INT_MIN reported as unknown).
 * - rte_strerror() buffers are per thread: two threads call it at the same
 *   time with different codes and each always gets its own text, and their
 *   buffers have different addresses.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <rte_errno.h>

#include "test.h"

#define ROUNDS 2000

static pthread_barrier_t barrier;

struct errno_arg {
	int base;            /* value this thread stores in rte_errno */
	int *errno_addr;     /* &rte_errno as seen by this thread */
	unsigned int mismatches;
};

static void *
errno_worker(void *p)
{
	struct errno_arg *a = p;
	int i;

	a->errno_addr = &rte_errno;
	for (i = 0; i < ROUNDS; i++) {
		rte_errno = a->base + i;
		/* Both threads have stored before either checks. */
		pthread_barrier_wait(&barrier);
		if (rte_errno != a->base + i)
			a->mismatches++;
		pthread_barrier_wait(&barrier);
	}
	/* Keep the thread (and its TLS) alive until both recorded addresses. */
	pthread_barrier_wait(&barrier);
	return NULL;
}

static void
test_errno_per_thread(void)
{
	struct errno_arg a = { .base = 100000 }, b = { .base = 200000 };
	pthread_t ta, tb;

	ASSERT_EQ_INT(pthread_barrier_init(&barrier, NULL, 2), 0);
	rte_errno = 77;
	ASSERT_EQ_INT(pthread_create(&ta, NULL, errno_worker, &a), 0);
	ASSERT_EQ_INT(pthread_create(&tb, NULL, errno_worker, &b), 0);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	pthread_barrier_destroy(&barrier);

	EXPECT_EQ_UINT(a.mismatches, 0);
	EXPECT_EQ_UINT(b.mismatches, 0);
	EXPECT_NE_PTR(a.errno_addr, b.errno_addr);
	EXPECT_NE_PTR(a.errno_addr, &rte_errno);
	EXPECT_EQ_INT(rte_errno, 77);
}

static void
test_errno_symbol(void)
{
	/* The macro is the TLS variable that DPDK binaries refer to. */
	EXPECT_EQ_PTR(&rte_errno, &per_lcore__rte_errno);
	per_lcore__rte_errno = 5;
	EXPECT_EQ_INT(rte_errno, 5);
	rte_errno = 0;
	EXPECT_EQ_INT(per_lcore__rte_errno, 0);

	EXPECT_EQ_INT(RTE_MIN_ERRNO, 1000);
	EXPECT_EQ_INT(E_RTE_SECONDARY, 1001);
	EXPECT_EQ_INT(E_RTE_NO_CONFIG, 1002);
	EXPECT_EQ_INT(RTE_MAX_ERRNO, 1003);
}

static void
test_strerror_texts(void)
{
	char libc_text[256];

	EXPECT_EQ_STR(rte_strerror(E_RTE_SECONDARY),
		      "Invalid call in secondary process");
	EXPECT_EQ_STR(rte_strerror(E_RTE_NO_CONFIG),
		      "Missing rte_config structure");

	snprintf(libc_text, sizeof(libc_text), "%s", strerror(EINVAL));
	EXPECT_EQ_STR(rte_strerror(EINVAL), libc_text);
	EXPECT_EQ_STR(rte_strerror(EINVAL), "Invalid argument");
	EXPECT_EQ_STR(rte_strerror(ENOMEM), "Cannot allocate memory");
	EXPECT_EQ_STR(rte_strerror(0), "Success");

	/* Unknown: in the libc range, the start of ours, past the end. */
	EXPECT_EQ_STR(rte_strerror(999), "Unknown error 999");
	EXPECT_EQ_STR(rte_strerror(RTE_MIN_ERRNO), "Unknown error 1000");
	EXPECT_EQ_STR(rte_strerror(RTE_MAX_ERRNO), "Unknown error 1003");
	EXPECT_EQ_STR(rte_strerror(123456), "Unknown error 123456");
	EXPECT_EQ_STR(rte_strerror(INT_MAX), "Unknown error 2147483647");

	/* Negative codes are read as their absolute value. */
	EXPECT_EQ_STR(rte_strerror(-EINVAL), "Invalid argument");
	EXPECT_EQ_STR(rte_strerror(-ENOMEM), "Cannot allocate memory");
	EXPECT_EQ_STR(rte_strerror(-E_RTE_SECONDARY),
		      "Invalid call in secondary process");
	EXPECT_EQ_STR(rte_strerror(-E_RTE_NO_CONFIG),
		      "Missing rte_config structure");
	EXPECT_EQ_STR(rte_strerror(-123456), "Unknown error 123456");
	EXPECT_EQ_STR(rte_strerror(INT_MIN), "Unknown error -2147483648");
	EXPECT_EQ_STR(rte_strerror(-INT_MAX), "Unknown error 2147483647");

	/* The result lives in one per-thread buffer, reused by every call. */
	{
		const char *p1 = rte_strerror(EINVAL);
		const char *p2 = rte_strerror(E_RTE_SECONDARY);

		EXPECT_EQ_PTR(p1, p2);
		EXPECT_EQ_STR(p1, "Invalid call in secondary process");
	}
}

struct strerror_arg {
	int base;                 /* unknown codes base + i */
	int libc_code;            /* a libc code, alternated with them */
	const char *libc_text;    /* its expected text */
	const char *buf_addr;     /* this thread's buffer */
	unsigned int calls;
	unsigned int mismatches;
};

static void *
strerror_worker(void *p)
{
	struct strerror_arg *a = p;
	char want[64];
	int i;

	pthread_barrier_wait(&barrier);
	for (i = 0; i < ROUNDS * 5; i++) {
		const char *got;

		snprintf(want, sizeof(want), "Unknown error %d", a->base + i);
		got = rte_strerror(a->base + i);
		a->buf_addr = got;
		if (strcmp(got, want) != 0)
			a->mismatches++;
		got = rte_strerror(a->libc_code);
		if (strcmp(got, a->libc_text) != 0)
			a->mismatches++;
		a->calls += 2;
	}
	/* Stay alive until both buffer addresses are recorded. */
	pthread_barrier_wait(&barrier);
	return NULL;
}

static void
test_strerror_per_thread(void)
{
	struct strerror_arg a = { .base = 3000000, .libc_code = EINVAL,
				  .libc_text = "Invalid argument" };
	struct strerror_arg b = { .base = 7000000, .libc_code = -ENOENT,
				  .libc_text = "No such file or directory" };
	pthread_t ta, tb;

	ASSERT_EQ_INT(pthread_barrier_init(&barrier, NULL, 2), 0);
	ASSERT_EQ_INT(pthread_create(&ta, NULL, strerror_worker, &a), 0);
	ASSERT_EQ_INT(pthread_create(&tb, NULL, strerror_worker, &b), 0);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	pthread_barrier_destroy(&barrier);

	EXPECT_EQ_UINT(a.calls, ROUNDS * 10);
	EXPECT_EQ_UINT(b.calls, ROUNDS * 10);
	EXPECT_EQ_UINT(a.mismatches, 0);
	EXPECT_EQ_UINT(b.mismatches, 0);
	EXPECT_NE_PTR(a.buf_addr, b.buf_addr);
	EXPECT_NE_PTR(a.buf_addr, rte_strerror(0));
}

int
main(void)
{
	test_errno_symbol();
	test_errno_per_thread();
	test_strerror_texts();
	test_strerror_per_thread();
	return test_report();
}
