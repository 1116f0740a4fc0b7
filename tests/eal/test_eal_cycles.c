/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: the cycle counter and the delay calls, without
 * rte_eal_init(). Several threads make the first rte_get_tsc_hz() calls at
 * once and must all get the same nonzero value; that value must be within
 * 5% of the counter's rate measured here against CLOCK_MONOTONIC over
 * 200 ms (a check of the calibration's correctness, not of its speed).
 * rte_rdtsc never goes backwards; rte_delay_us_block and rte_delay_us_sleep
 * wait at least as long as asked by CLOCK_MONOTONIC; a callback registered
 * with rte_delay_us_callback_register receives rte_delay_us and
 * rte_delay_ms calls, and registering rte_delay_us_block restores the
 * default.
 */
#include <pthread.h>
#include <stdint.h>
#include <time.h>

#include <rte_cycles.h>

#include "eal/eal_private.h"
#include "test.h"

#define NTHREADS 4

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NS_PER_S + (uint64_t)ts.tv_nsec;
}

/* ---- first use from several threads at once */

static pthread_barrier_t start_line;
static uint64_t seen_hz[NTHREADS];

static void *
first_call(void *arg)
{
	uintptr_t i = (uintptr_t)arg;

	pthread_barrier_wait(&start_line);
	seen_hz[i] = rte_get_tsc_hz();
	return NULL;
}

static void
test_concurrent_first_use(void)
{
	pthread_t th[NTHREADS];
	uintptr_t i;

	ASSERT_EQ_INT(pthread_barrier_init(&start_line, NULL, NTHREADS), 0);
	for (i = 0; i < NTHREADS; i++)
		ASSERT_EQ_INT(pthread_create(&th[i], NULL, first_call,
					     (void *)i), 0);
	for (i = 0; i < NTHREADS; i++)
		ASSERT_EQ_INT(pthread_join(th[i], NULL), 0);
	pthread_barrier_destroy(&start_line);

	EXPECT_NE_UINT(seen_hz[0], 0);
	for (i = 1; i < NTHREADS; i++)
		EXPECT_EQ_UINT(seen_hz[i], seen_hz[0]);
	EXPECT_EQ_UINT(rte_get_tsc_hz(), seen_hz[0]);
	eal_cycles_init(); /* a second init changes nothing */
	EXPECT_EQ_UINT(rte_get_tsc_hz(), seen_hz[0]);
}

/* ---- calibration correctness */

/* (time, counter) with the counter read between two clock reads; the
 * narrowest of 16 brackets, so a preemption does not skew the reference. */
static void
bracketed_sample(uint64_t *ns, uint64_t *cycles)
{
	uint64_t best = UINT64_MAX;

	for (int i = 0; i < 16; i++) {
		uint64_t a = now_ns(), c = rte_rdtsc_precise(), b = now_ns();

		if (b - a < best) {
			best = b - a;
			*ns = a + (b - a) / 2;
			*cycles = c;
		}
	}
}

static void
test_frequency(void)
{
	struct timespec req = { .tv_sec = 0, .tv_nsec = 200 * 1000 * 1000 };
	uint64_t hz = rte_get_tsc_hz();
	uint64_t t0, t1, c0, c1, measured, diff;

	bracketed_sample(&t0, &c0);
	while (nanosleep(&req, &req) != 0)
		;
	bracketed_sample(&t1, &c1);
	ASSERT_GE_UINT(t1 - t0, 200 * 1000 * 1000);
	ASSERT_GE_UINT(c1, c0);
	measured = (uint64_t)((double)(c1 - c0) * 1e9 / (double)(t1 - t0));
	printf("rte_get_tsc_hz() = %" PRIu64 ", measured %" PRIu64 "\n",
	       hz, measured);
	diff = hz > measured ? hz - measured : measured - hz;
	EXPECT_LE_UINT(diff, measured / 20);

	EXPECT_EQ_UINT(rte_get_timer_hz(), hz);
	EXPECT_EQ_INT(eal_timer_source, EAL_TIMER_TSC);
}

static void
test_monotonic(void)
{
	uint64_t prev = rte_rdtsc(), cur;
	unsigned int backwards = 0, i;

	for (i = 0; i < 100000; i++) {
		cur = (i & 1) ? rte_rdtsc() : rte_get_timer_cycles();
		if (cur < prev)
			backwards++;
		prev = cur;
	}
	EXPECT_EQ_UINT(backwards, 0);
	cur = rte_get_tsc_cycles();
	EXPECT_GE_UINT(cur, prev);
	EXPECT_GT_UINT(rte_rdtsc_precise(), prev);
}

/* ---- delays */

static unsigned int cb_calls;
static uint64_t cb_total_us;

static void
counting_delay(unsigned int us)
{
	cb_calls++;
	cb_total_us += us;
}

static void
test_delays(void)
{
	uint64_t t0;

	EXPECT_TRUE(rte_delay_us == rte_delay_us_block);

	t0 = now_ns();
	rte_delay_us_block(20000);
	EXPECT_GE_UINT(now_ns() - t0, 20000ULL * 1000);

	t0 = now_ns();
	rte_delay_us_sleep(10000);
	EXPECT_GE_UINT(now_ns() - t0, 10000ULL * 1000);

	t0 = now_ns();
	rte_delay_ms(5); /* through the default: blocks */
	EXPECT_GE_UINT(now_ns() - t0, 5ULL * 1000 * 1000);

	rte_delay_us_block(0);
	rte_delay_us_sleep(0);

	rte_delay_us_callback_register(counting_delay);
	EXPECT_TRUE(rte_delay_us == counting_delay);
	rte_delay_us(123);
	rte_delay_ms(7);
	EXPECT_EQ_UINT(cb_calls, 2);
	EXPECT_EQ_UINT(cb_total_us, 123 + 7000);

	/* restoring the default */
	rte_delay_us_callback_register(rte_delay_us_block);
	EXPECT_TRUE(rte_delay_us == rte_delay_us_block);
	t0 = now_ns();
	rte_delay_ms(2);
	EXPECT_GE_UINT(now_ns() - t0, 2ULL * 1000 * 1000);
	EXPECT_EQ_UINT(cb_calls, 2);

	/* NULL restores it too (rtmem extension) */
	rte_delay_us_callback_register(counting_delay);
	rte_delay_us_callback_register(NULL);
	EXPECT_TRUE(rte_delay_us == rte_delay_us_block);
}

int
main(void)
{
	test_concurrent_first_use();
	test_frequency();
	test_monotonic();
	test_delays();
	return test_report();
}
