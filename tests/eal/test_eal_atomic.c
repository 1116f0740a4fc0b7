/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: atomics and locks under contention. N threads each do M
 * increments of: a legacy rte_atomic32_t, an rte_atomic_fetch_add_explicit
 * counter, a plain counter under rte_spinlock_t, a plain counter under a
 * recursive spinlock taken twice, and a 128-bit pair updated with
 * rte_atomic128_cmp_exchange; every total must be exact. Also the single-
 * thread semantics of the legacy 16/32/64-bit API, trylock on held and
 * free locks, the success and failure paths of the 128-bit CAS (exp is
 * updated on failure), and rte_wait_until_equal_32 released by another
 * thread with the data written before the release visible after it.
 */
#include <pthread.h>
#include <stdint.h>

#include <rte_atomic.h>
#include <rte_pause.h>
#include <rte_spinlock.h>
#include <rte_stdatomic.h>

#include "test.h"

#define NTHREADS 4
#define ITERS_ATOMIC 100000 /* per thread, lock-free counters */
#define ITERS_LOCKED 20000  /* per thread, lock-protected counters */

static pthread_barrier_t start_line;

static rte_atomic32_t legacy_counter = RTE_ATOMIC32_INIT(0);
static rte_atomic64_t legacy_counter64 = RTE_ATOMIC64_INIT(0);
static RTE_ATOMIC(uint64_t) c11_counter;
static RTE_ATOMIC(uint32_t) c11_sub_counter;

static rte_spinlock_t plain_lock = RTE_SPINLOCK_INITIALIZER;
static uint64_t plain_counter;      /* protected by plain_lock */
static rte_spinlock_recursive_t rec_lock = RTE_SPINLOCK_RECURSIVE_INITIALIZER;
static uint64_t rec_counter;        /* protected by rec_lock */
static unsigned int rec_depth_errors; /* protected by rec_lock */

static rte_int128_t pair; /* val[0] += 1 and val[1] += 2 per CAS */
static uint64_t cas_retries_total;

static void *
hammer(void *arg)
{
	uint64_t retries = 0;
	unsigned int i;

	RTE_SET_USED(arg);
	pthread_barrier_wait(&start_line);

	for (i = 0; i < ITERS_ATOMIC; i++) {
		rte_atomic32_inc(&legacy_counter);
		rte_atomic64_add(&legacy_counter64, 3);
		rte_atomic_fetch_add_explicit(&c11_counter, 1,
					      rte_memory_order_relaxed);
		rte_atomic_sub_fetch_explicit(&c11_sub_counter, 1,
					      rte_memory_order_acq_rel);
	}

	for (i = 0; i < ITERS_LOCKED; i++) {
		rte_spinlock_lock(&plain_lock);
		plain_counter++;
		rte_spinlock_unlock(&plain_lock);

		rte_spinlock_recursive_lock(&rec_lock);
		rte_spinlock_recursive_lock(&rec_lock);
		if (rec_lock.count != 2)
			rec_depth_errors++;
		rec_counter++;
		rte_spinlock_recursive_unlock(&rec_lock);
		rec_counter++;
		rte_spinlock_recursive_unlock(&rec_lock);
	}

	for (i = 0; i < ITERS_LOCKED; i++) {
		rte_int128_t exp, want;

		exp.val[0] = __atomic_load_n(&pair.val[0], __ATOMIC_RELAXED);
		exp.val[1] = __atomic_load_n(&pair.val[1], __ATOMIC_RELAXED);
		do {
			want.val[0] = exp.val[0] + 1;
			want.val[1] = exp.val[1] + 2;
			retries++;
		} while (!rte_atomic128_cmp_exchange(&pair, &exp, &want, 0,
						     __ATOMIC_ACQ_REL,
						     __ATOMIC_ACQUIRE));
	}
	__atomic_fetch_add(&cas_retries_total, retries, __ATOMIC_RELAXED);
	return NULL;
}

static void
test_threaded_counters(void)
{
	pthread_t th[NTHREADS];
	unsigned int i;

	rte_atomic_store_explicit(&c11_sub_counter,
				  (uint32_t)NTHREADS * ITERS_ATOMIC,
				  rte_memory_order_relaxed);
	ASSERT_EQ_INT(pthread_barrier_init(&start_line, NULL, NTHREADS), 0);
	for (i = 0; i < NTHREADS; i++)
		ASSERT_EQ_INT(pthread_create(&th[i], NULL, hammer, NULL), 0);
	for (i = 0; i < NTHREADS; i++)
		ASSERT_EQ_INT(pthread_join(th[i], NULL), 0);
	pthread_barrier_destroy(&start_line);

	EXPECT_EQ_INT(rte_atomic32_read(&legacy_counter),
		      NTHREADS * ITERS_ATOMIC);
	EXPECT_EQ_INT(rte_atomic64_read(&legacy_counter64),
		      3LL * NTHREADS * ITERS_ATOMIC);
	EXPECT_EQ_UINT(rte_atomic_load_explicit(&c11_counter,
						rte_memory_order_relaxed),
		       (uint64_t)NTHREADS * ITERS_ATOMIC);
	EXPECT_EQ_UINT(rte_atomic_load_explicit(&c11_sub_counter,
						rte_memory_order_relaxed), 0);
	EXPECT_EQ_UINT(plain_counter, (uint64_t)NTHREADS * ITERS_LOCKED);
	EXPECT_EQ_UINT(rec_counter, 2ULL * NTHREADS * ITERS_LOCKED);
	EXPECT_EQ_UINT(rec_depth_errors, 0);
	EXPECT_EQ_INT(rec_lock.user, -1);
	EXPECT_EQ_INT(rec_lock.count, 0);
	EXPECT_FALSE(rte_spinlock_is_locked(&plain_lock));
	EXPECT_FALSE(rte_spinlock_is_locked(&rec_lock.sl));
	EXPECT_EQ_UINT(pair.val[0], (uint64_t)NTHREADS * ITERS_LOCKED);
	EXPECT_EQ_UINT(pair.val[1], 2ULL * NTHREADS * ITERS_LOCKED);
	/* every successful CAS is one attempt; failures add more */
	EXPECT_GE_UINT(cas_retries_total, (uint64_t)NTHREADS * ITERS_LOCKED);
}

/* ---- legacy API, one thread */

static void
test_legacy_api(void)
{
	rte_atomic16_t a16 = RTE_ATOMIC16_INIT(5);
	rte_atomic32_t a32;
	rte_atomic64_t a64;
	volatile uint16_t w16 = 7;
	volatile uint32_t w32 = 7;
	volatile uint64_t w64 = 7;

	EXPECT_EQ_INT(rte_atomic16_read(&a16), 5);
	rte_atomic16_init(&a16);
	EXPECT_EQ_INT(rte_atomic16_read(&a16), 0);
	rte_atomic16_set(&a16, -1);
	EXPECT_EQ_INT(rte_atomic16_inc_and_test(&a16), 1);
	EXPECT_EQ_INT(rte_atomic16_inc_and_test(&a16), 0);
	EXPECT_EQ_INT(rte_atomic16_dec_and_test(&a16), 1);
	rte_atomic16_add(&a16, 10);
	rte_atomic16_sub(&a16, 3);
	EXPECT_EQ_INT(rte_atomic16_add_return(&a16, 1), 8);
	EXPECT_EQ_INT(rte_atomic16_sub_return(&a16, 8), 0);
	EXPECT_EQ_INT(rte_atomic16_test_and_set(&a16), 1);
	EXPECT_EQ_INT(rte_atomic16_test_and_set(&a16), 0);
	rte_atomic16_clear(&a16);
	EXPECT_EQ_INT(rte_atomic16_read(&a16), 0);
	rte_atomic16_inc(&a16);
	rte_atomic16_dec(&a16);
	rte_atomic16_dec(&a16);
	EXPECT_EQ_INT(rte_atomic16_read(&a16), -1);

	rte_atomic32_init(&a32);
	EXPECT_EQ_INT(rte_atomic32_add_return(&a32, 100), 100);
	EXPECT_EQ_INT(rte_atomic32_sub_return(&a32, 101), -1);
	EXPECT_EQ_INT(rte_atomic32_inc_and_test(&a32), 1);
	EXPECT_EQ_INT(rte_atomic32_dec_and_test(&a32), 0);
	EXPECT_EQ_INT(rte_atomic32_read(&a32), -1);
	EXPECT_EQ_INT(rte_atomic32_test_and_set(&a32), 0); /* not 0: no set */
	rte_atomic32_clear(&a32);
	EXPECT_EQ_INT(rte_atomic32_test_and_set(&a32), 1);
	EXPECT_EQ_INT(rte_atomic32_read(&a32), 1);

	rte_atomic64_init(&a64);
	rte_atomic64_set(&a64, INT64_C(1) << 40);
	rte_atomic64_inc(&a64);
	EXPECT_EQ_INT(rte_atomic64_read(&a64), (INT64_C(1) << 40) + 1);
	EXPECT_EQ_INT(rte_atomic64_sub_return(&a64, INT64_C(1) << 40), 1);
	EXPECT_EQ_INT(rte_atomic64_dec_and_test(&a64), 1);
	EXPECT_EQ_INT(rte_atomic64_add_return(&a64, -2), -2);
	rte_atomic64_clear(&a64);
	EXPECT_EQ_INT(rte_atomic64_read(&a64), 0);

	EXPECT_EQ_INT(rte_atomic16_cmpset(&w16, 6, 9), 0);
	EXPECT_EQ_UINT(w16, 7);
	EXPECT_EQ_INT(rte_atomic16_cmpset(&w16, 7, 9), 1);
	EXPECT_EQ_UINT(w16, 9);
	EXPECT_EQ_UINT(rte_atomic16_exchange(&w16, 1), 9);
	EXPECT_EQ_INT(rte_atomic32_cmpset(&w32, 7, 0xffffffffu), 1);
	EXPECT_EQ_UINT(rte_atomic32_exchange(&w32, 2), 0xffffffffu);
	EXPECT_EQ_UINT(w32, 2);
	EXPECT_EQ_INT(rte_atomic64_cmpset(&w64, 8, 1), 0);
	EXPECT_EQ_INT(rte_atomic64_cmpset(&w64, 7, UINT64_MAX), 1);
	EXPECT_EQ_UINT(rte_atomic64_exchange(&w64, 3), UINT64_MAX);
	EXPECT_EQ_UINT(w64, 3);

	/* the C11 calls on non-counter values */
	{
		RTE_ATOMIC(uint32_t) v = 0xf0;
		uint32_t exp = 1;

		EXPECT_EQ_UINT(rte_atomic_fetch_or_explicit(&v, 0x0f,
				rte_memory_order_relaxed), 0xf0);
		EXPECT_EQ_UINT(rte_atomic_fetch_and_explicit(&v, 0x3c,
				rte_memory_order_relaxed), 0xff);
		EXPECT_EQ_UINT(rte_atomic_fetch_xor_explicit(&v, 0xff,
				rte_memory_order_relaxed), 0x3c);
		EXPECT_EQ_UINT(rte_atomic_fetch_nand_explicit(&v, 0x0f,
				rte_memory_order_relaxed), 0xc3);
		EXPECT_EQ_UINT(v, 0xfffffffc);
		EXPECT_EQ_UINT(rte_atomic_add_fetch_explicit(&v, 4,
				rte_memory_order_relaxed), 0);
		EXPECT_FALSE(rte_atomic_compare_exchange_strong_explicit(&v,
				&exp, 5, rte_memory_order_acq_rel,
				rte_memory_order_acquire));
		EXPECT_EQ_UINT(exp, 0); /* updated with the current value */
		EXPECT_TRUE(rte_atomic_compare_exchange_strong_explicit(&v,
				&exp, 5, rte_memory_order_acq_rel,
				rte_memory_order_acquire));
		EXPECT_EQ_UINT(rte_atomic_exchange_explicit(&v, 6,
				rte_memory_order_seq_cst), 5);
		EXPECT_EQ_UINT(rte_atomic_load_explicit(&v,
				rte_memory_order_acquire), 6);
		rte_atomic_thread_fence(rte_memory_order_seq_cst);
		rte_atomic_thread_fence(__ATOMIC_RELEASE);
		rte_smp_mb();
		rte_smp_wmb();
		rte_smp_rmb();
		rte_mb();
		rte_wmb();
		rte_rmb();
		rte_io_mb();
		rte_io_wmb();
		rte_io_rmb();
		rte_compiler_barrier();
	}
}

/* ---- trylock and recursion, with a second thread as the other holder */

struct try_arg {
	rte_spinlock_t *sl;
	rte_spinlock_recursive_t *slr;
	int plain_result;
	int rec_result;
};

static void *
try_from_other_thread(void *p)
{
	struct try_arg *a = p;

	a->plain_result = rte_spinlock_trylock(a->sl);
	if (a->plain_result)
		rte_spinlock_unlock(a->sl);
	a->rec_result = rte_spinlock_recursive_trylock(a->slr);
	if (a->rec_result)
		rte_spinlock_recursive_unlock(a->slr);
	return NULL;
}

static void
test_trylock(void)
{
	rte_spinlock_t sl;
	rte_spinlock_recursive_t slr;
	struct try_arg a = { &sl, &slr, -1, -1 };
	pthread_t th;

	rte_spinlock_init(&sl);
	rte_spinlock_recursive_init(&slr);
	EXPECT_EQ_INT(rte_tm_supported(), 0);

	EXPECT_EQ_INT(rte_spinlock_trylock(&sl), 1);
	EXPECT_TRUE(rte_spinlock_is_locked(&sl));
	EXPECT_EQ_INT(rte_spinlock_trylock(&sl), 0); /* not recursive */
	EXPECT_EQ_INT(rte_spinlock_recursive_trylock(&slr), 1);
	EXPECT_EQ_INT(rte_spinlock_recursive_trylock(&slr), 1); /* again */
	EXPECT_EQ_INT(slr.count, 2);

	/* held by us: another thread's trylocks fail */
	ASSERT_EQ_INT(pthread_create(&th, NULL, try_from_other_thread, &a), 0);
	ASSERT_EQ_INT(pthread_join(th, NULL), 0);
	EXPECT_EQ_INT(a.plain_result, 0);
	EXPECT_EQ_INT(a.rec_result, 0);

	rte_spinlock_unlock(&sl);
	EXPECT_FALSE(rte_spinlock_is_locked(&sl));
	rte_spinlock_recursive_unlock(&slr);
	EXPECT_TRUE(rte_spinlock_is_locked(&slr.sl)); /* depth 1 left */
	rte_spinlock_recursive_unlock(&slr);
	EXPECT_FALSE(rte_spinlock_is_locked(&slr.sl));

	/* free now: another thread's trylocks succeed */
	ASSERT_EQ_INT(pthread_create(&th, NULL, try_from_other_thread, &a), 0);
	ASSERT_EQ_INT(pthread_join(th, NULL), 0);
	EXPECT_EQ_INT(a.plain_result, 1);
	EXPECT_EQ_INT(a.rec_result, 1);

	/* the _tm variants are the plain operations */
	rte_spinlock_lock_tm(&sl);
	EXPECT_EQ_INT(rte_spinlock_trylock_tm(&sl), 0);
	rte_spinlock_unlock_tm(&sl);
	EXPECT_EQ_INT(rte_spinlock_trylock_tm(&sl), 1);
	rte_spinlock_unlock_tm(&sl);
	rte_spinlock_recursive_lock_tm(&slr);
	EXPECT_EQ_INT(rte_spinlock_recursive_trylock_tm(&slr), 1);
	rte_spinlock_recursive_unlock_tm(&slr);
	rte_spinlock_recursive_unlock_tm(&slr);
	EXPECT_FALSE(rte_spinlock_is_locked(&slr.sl));
}

/* ---- 128-bit CAS paths */

static void
test_cas128(void)
{
	rte_int128_t obj, exp, src;

	obj.val[0] = 1;
	obj.val[1] = UINT64_C(0xffffffff00000000);
	src.val[0] = 3;
	src.val[1] = 4;

	/* only the high half differs: must fail, exp gets the current value */
	exp.val[0] = 1;
	exp.val[1] = 0;
	EXPECT_EQ_INT(rte_atomic128_cmp_exchange(&obj, &exp, &src, 0,
						 __ATOMIC_SEQ_CST,
						 __ATOMIC_SEQ_CST), 0);
	EXPECT_EQ_UINT(exp.val[0], 1);
	EXPECT_EQ_UINT(exp.val[1], UINT64_C(0xffffffff00000000));
	EXPECT_EQ_UINT(obj.val[0], 1); /* unchanged */
	EXPECT_EQ_UINT(obj.val[1], UINT64_C(0xffffffff00000000));

	/* only the low half differs: must fail too */
	exp.val[0] = 2;
	exp.val[1] = UINT64_C(0xffffffff00000000);
	EXPECT_EQ_INT(rte_atomic128_cmp_exchange(&obj, &exp, &src, 1,
						 __ATOMIC_RELAXED,
						 __ATOMIC_RELAXED), 0);
	EXPECT_EQ_UINT(exp.val[0], 1);

	/* exp now holds the current value: succeeds */
	EXPECT_EQ_INT(rte_atomic128_cmp_exchange(&obj, &exp, &src, 0,
						 __ATOMIC_ACQ_REL,
						 __ATOMIC_ACQUIRE), 1);
	EXPECT_EQ_UINT(obj.val[0], 3);
	EXPECT_EQ_UINT(obj.val[1], 4);
	EXPECT_EQ_UINT(exp.val[0], 1); /* left as given on success */
	EXPECT_EQ_UINT(exp.val[1], UINT64_C(0xffffffff00000000));

	/* the int128 view is the same storage */
	EXPECT_EQ_UINT((uint64_t)(obj.int128 >> 64), 4);
	EXPECT_EQ_UINT((uint64_t)obj.int128, 3);
	EXPECT_EQ_UINT(sizeof(rte_int128_t), 16);
	EXPECT_EQ_UINT(_Alignof(rte_int128_t), 16);
}

/* ---- wait until equal */

static volatile uint32_t wait_flag;
static uint64_t wait_payload; /* written before the flag's release */

static void *
release_waiter(void *arg)
{
	RTE_SET_USED(arg);
	/* give the main thread time to start spinning (not a timing check) */
	usleep(20000);
	wait_payload = 0x5eed;
	/* release: pairs with the acquire load in rte_wait_until_equal_32 */
	__atomic_store_n(&wait_flag, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void
test_wait_until_equal(void)
{
	pthread_t th;
	volatile uint16_t w16 = 3;
	volatile uint64_t w64 = UINT64_MAX;

	/* already equal: returns at once */
	rte_wait_until_equal_16(&w16, 3, __ATOMIC_RELAXED);
	rte_wait_until_equal_64(&w64, UINT64_MAX, __ATOMIC_ACQUIRE);
	RTE_WAIT_UNTIL_MASKED(&w64, UINT64_C(0xff), ==, 0xff,
			      __ATOMIC_RELAXED);

	wait_flag = 0;
	ASSERT_EQ_INT(pthread_create(&th, NULL, release_waiter, NULL), 0);
	rte_wait_until_equal_32(&wait_flag, 1, __ATOMIC_ACQUIRE);
	EXPECT_EQ_UINT(wait_payload, 0x5eed);
	ASSERT_EQ_INT(pthread_join(th, NULL), 0);
	rte_pause();
}

int
main(void)
{
	test_legacy_api();
	test_cas128();
	test_trylock();
	test_wait_until_equal();
	test_threaded_counters();
	return test_report();
}
