/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: non-EAL threads and rte_thread.h. rte_thread_register lends
 * the lowest free lcore id (role NON_EAL, counted by rte_lcore_count, no
 * index), rte_thread_unregister gives it back and ids are reused; when
 * every id is lent, registration fails with ENOMEM; a thread that exits
 * without unregistering returns its id; lcore callbacks see registrations
 * and can refuse them. Stress: threads register and unregister in a loop,
 * and an owner table proves no id is ever lent twice at once.
 * Also: rte_thread_create/join, keys, names, affinity, control threads.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_thread.h>

#include "test.h"

#define EAL_LCORES 2
#define STRESS_THREADS 8
#define STRESS_ROUNDS 2000

/* ---- basic register / unregister / reuse */

static void *
register_once(void *arg)
{
	unsigned int *out = arg;

	out[0] = rte_lcore_id();
	out[1] = (unsigned int)rte_thread_register();
	out[2] = rte_lcore_id();
	out[3] = rte_lcore_count();
	out[4] = (unsigned int)rte_lcore_index(-1);
	out[5] = rte_lcore_has_role(out[2], ROLE_NON_EAL);
	rte_thread_unregister();
	out[6] = rte_lcore_id();
	return NULL;
}

static void
test_register_basic(void)
{
	unsigned int out[7];
	pthread_t t;

	for (int round = 0; round < 2; round++) {
		memset(out, 0xff, sizeof(out));
		pthread_create(&t, NULL, register_once, out);
		pthread_join(t, NULL);
		EXPECT_EQ_UINT(out[0], LCORE_ID_ANY);
		EXPECT_EQ_UINT(out[1], 0);
		EXPECT_EQ_UINT(out[2], EAL_LCORES); /* lowest free id, reused */
		EXPECT_EQ_UINT(out[3], EAL_LCORES + 1);
		EXPECT_EQ_INT((int)out[4], -1);
		EXPECT_EQ_UINT(out[5], 1);
		EXPECT_EQ_UINT(out[6], LCORE_ID_ANY);
	}
	EXPECT_EQ_UINT(rte_lcore_count(), EAL_LCORES);
	EXPECT_EQ_INT(rte_eal_lcore_role(EAL_LCORES), ROLE_OFF);
	/* an EAL thread keeps its id */
	EXPECT_EQ_INT(rte_thread_register(), 0);
	EXPECT_EQ_UINT(rte_lcore_id(), rte_get_main_lcore());
	rte_thread_unregister();
	EXPECT_EQ_UINT(rte_lcore_id(), rte_get_main_lcore());
	EXPECT_EQ_UINT(rte_lcore_count(), EAL_LCORES);
}

/* ---- exhaustion: hold every free id, then one more fails */

#define FREE_IDS (RTE_MAX_LCORE - EAL_LCORES)

static pthread_barrier_t hold_barrier, release_barrier;
static unsigned int held_id[FREE_IDS];

static void *
hold_id(void *arg)
{
	unsigned int slot = (unsigned int)(uintptr_t)arg;

	held_id[slot] = rte_thread_register() == 0 ? rte_lcore_id() : LCORE_ID_ANY;
	pthread_barrier_wait(&hold_barrier);
	pthread_barrier_wait(&release_barrier);
	if (slot % 2 == 0)
		rte_thread_unregister(); /* odd ones exit still registered */
	return NULL;
}

static void *
register_extra(void *arg)
{
	int *out = arg;

	rte_errno = 0;
	out[0] = rte_thread_register();
	out[1] = rte_errno;
	out[2] = (int)rte_lcore_id();
	return NULL;
}

static void
test_exhaustion(void)
{
	pthread_t t[FREE_IDS], extra;
	unsigned int seen[RTE_MAX_LCORE] = { 0 };
	int out[3];

	pthread_barrier_init(&hold_barrier, NULL, FREE_IDS + 1);
	pthread_barrier_init(&release_barrier, NULL, FREE_IDS + 1);
	for (unsigned int i = 0; i < FREE_IDS; i++)
		ASSERT_EQ_INT(pthread_create(&t[i], NULL, hold_id,
					     (void *)(uintptr_t)i), 0);
	pthread_barrier_wait(&hold_barrier);
	/* every free id is lent exactly once */
	for (unsigned int i = 0; i < FREE_IDS; i++) {
		ASSERT_TRUE(held_id[i] >= EAL_LCORES && held_id[i] < RTE_MAX_LCORE);
		seen[held_id[i]]++;
	}
	for (unsigned int id = EAL_LCORES; id < RTE_MAX_LCORE; id++)
		EXPECT_EQ_UINT(seen[id], 1);
	EXPECT_EQ_UINT(rte_lcore_count(), RTE_MAX_LCORE);
	pthread_create(&extra, NULL, register_extra, out);
	pthread_join(extra, NULL);
	EXPECT_EQ_INT(out[0], -1);
	EXPECT_EQ_INT(out[1], ENOMEM);
	EXPECT_EQ_UINT((unsigned int)out[2], LCORE_ID_ANY);
	pthread_barrier_wait(&release_barrier);
	for (unsigned int i = 0; i < FREE_IDS; i++)
		pthread_join(t[i], NULL);
	/* unregistered or exited: every id is back */
	EXPECT_EQ_UINT(rte_lcore_count(), EAL_LCORES);
	for (unsigned int id = EAL_LCORES; id < RTE_MAX_LCORE; id++)
		EXPECT_EQ_INT(rte_eal_lcore_role(id), ROLE_OFF);
	pthread_barrier_destroy(&hold_barrier);
	pthread_barrier_destroy(&release_barrier);
}

/* ---- stress: concurrent register/unregister, ids never shared */

static unsigned int owner[RTE_MAX_LCORE];
static unsigned int stress_errors, stress_cycles;

static void *
stress_thread(void *arg)
{
	unsigned int me = (unsigned int)(uintptr_t)arg + 1;

	for (int r = 0; r < STRESS_ROUNDS; r++) {
		unsigned int id, expected = 0;

		if (rte_thread_register() != 0) {
			__atomic_fetch_add(&stress_errors, 1, __ATOMIC_RELAXED);
			continue;
		}
		id = rte_lcore_id();
		if (id < EAL_LCORES || id >= RTE_MAX_LCORE ||
		    !__atomic_compare_exchange_n(&owner[id], &expected, me, false,
						 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
			__atomic_fetch_add(&stress_errors, 1, __ATOMIC_RELAXED);
		else
			__atomic_store_n(&owner[id], 0, __ATOMIC_RELEASE);
		rte_thread_unregister();
		__atomic_fetch_add(&stress_cycles, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

static void
test_stress(void)
{
	pthread_t t[STRESS_THREADS];

	for (unsigned int i = 0; i < STRESS_THREADS; i++)
		pthread_create(&t[i], NULL, stress_thread, (void *)(uintptr_t)i);
	for (unsigned int i = 0; i < STRESS_THREADS; i++)
		pthread_join(t[i], NULL);
	EXPECT_EQ_UINT(stress_errors, 0);
	EXPECT_EQ_UINT(stress_cycles, STRESS_THREADS * STRESS_ROUNDS);
	EXPECT_EQ_UINT(rte_lcore_count(), EAL_LCORES);
}

/* ---- callbacks see registrations and may refuse them */

static unsigned int cb_inits, cb_uninits, cb_last;
static int cb_refuse;

static int
cb_init(unsigned int lcore_id, void *arg)
{
	(void)arg;
	if (cb_refuse)
		return -1;
	cb_inits++;
	cb_last = lcore_id;
	return 0;
}

static void
cb_uninit(unsigned int lcore_id, void *arg)
{
	(void)lcore_id;
	(void)arg;
	cb_uninits++;
}

static void
test_callbacks(void)
{
	unsigned int out[7];
	int extra[3];
	pthread_t t;
	void *h = rte_lcore_callback_register("test", cb_init, cb_uninit, NULL);

	ASSERT_NOT_NULL(h);
	EXPECT_EQ_UINT(cb_inits, EAL_LCORES);
	pthread_create(&t, NULL, register_once, out);
	pthread_join(t, NULL);
	EXPECT_EQ_UINT(cb_inits, EAL_LCORES + 1);
	EXPECT_EQ_UINT(cb_last, EAL_LCORES);
	EXPECT_EQ_UINT(cb_uninits, 1);
	cb_refuse = 1;
	pthread_create(&t, NULL, register_extra, extra);
	pthread_join(t, NULL);
	EXPECT_EQ_INT(extra[0], -1);
	EXPECT_EQ_INT(extra[1], ENOMEM);
	EXPECT_EQ_UINT(rte_lcore_count(), EAL_LCORES);
	cb_refuse = 0;
	rte_lcore_callback_unregister(h);
	EXPECT_EQ_UINT(cb_uninits, 1 + EAL_LCORES);
}

/* ---- rte_thread.h */

static uint32_t
thread_fn(void *arg)
{
	return *(uint32_t *)arg * 2;
}

static int key_destroyed;

static void
key_destructor(void *v)
{
	(void)v;
	__atomic_fetch_add(&key_destroyed, 1, __ATOMIC_RELAXED);
}

static rte_thread_key test_key;

static uint32_t
key_fn(void *arg)
{
	(void)arg;
	rte_thread_value_set(test_key, &key_destroyed);
	return rte_thread_value_get(test_key) == &key_destroyed;
}

static void *
ctrl_fn(void *arg)
{
	char name[32] = "";

	rte_thread_getname(pthread_self(), name, sizeof(name));
	snprintf(arg, 64, "%.31s|%u", name, rte_lcore_id());
	return NULL;
}

static void
test_thread_api(void)
{
	rte_thread_t t, self = rte_thread_self();
	rte_thread_attr_t attr;
	uint32_t in = 21, ret = 0;
	rte_cpuset_t set, got;
	char buf[64] = "", name[32];
	pthread_t ctrl;

	EXPECT_TRUE(rte_thread_equal(self, rte_thread_self()));
	EXPECT_EQ_INT(rte_thread_attr_init(&attr), 0);
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	EXPECT_EQ_INT(rte_thread_attr_set_affinity(&attr, &set), 0);
	EXPECT_EQ_INT(rte_thread_attr_get_affinity(&attr, &got), 0);
	EXPECT_TRUE(CPU_EQUAL(&set, &got));
	EXPECT_EQ_INT(rte_thread_attr_set_priority(&attr, 99), EINVAL);
	ASSERT_EQ_INT(rte_thread_create(&t, &attr, thread_fn, &in), 0);
	EXPECT_FALSE(rte_thread_equal(self, t));
	EXPECT_EQ_INT(rte_thread_join(t, &ret), 0);
	EXPECT_EQ_UINT(ret, 42);
	EXPECT_EQ_INT(rte_thread_create(NULL, NULL, thread_fn, &in), EINVAL);

	ASSERT_EQ_INT(rte_thread_key_create(&test_key, key_destructor), 0);
	ASSERT_EQ_INT(rte_thread_create(&t, NULL, key_fn, NULL), 0);
	EXPECT_EQ_INT(rte_thread_join(t, &ret), 0);
	EXPECT_EQ_UINT(ret, 1);
	EXPECT_EQ_INT(key_destroyed, 1);
	EXPECT_EQ_INT(rte_thread_key_delete(test_key), 0);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_thread_key_delete(NULL), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	EXPECT_NULL(rte_thread_value_get(NULL));

	/* names are truncated to 15 characters, as the kernel keeps them */
	EXPECT_EQ_INT(rte_thread_setname(pthread_self(), "a-very-long-thread-name"), 0);
	EXPECT_EQ_INT(rte_thread_getname(pthread_self(), name, sizeof(name)), 0);
	EXPECT_EQ_STR(name, "a-very-long-thr");

	/* affinity of the calling thread, through the EAL */
	EXPECT_EQ_INT(rte_thread_set_affinity(&set), 0);
	rte_thread_get_affinity(&got);
	EXPECT_TRUE(CPU_EQUAL(&set, &got));
	EXPECT_EQ_INT(rte_thread_set_affinity(NULL), -1);

	/* control thread: named, no lcore id */
	ASSERT_EQ_INT(rte_ctrl_thread_create(&ctrl, "rtmem-ctrl", NULL, ctrl_fn,
					     buf), 0);
	pthread_join(ctrl, NULL);
	{
		char want[64];

		snprintf(want, sizeof(want), "rtmem-ctrl|%u", LCORE_ID_ANY);
		/* the name is set right after creation: accept either */
		if (strcmp(buf, want) != 0)
			EXPECT_CONTAINS(buf, "|4294967295");
	}
	EXPECT_EQ_INT(rte_ctrl_thread_create(NULL, "x", NULL, ctrl_fn, buf),
		      -EINVAL);
}

int
main(void)
{
	char *argv[] = { "prog", "-l", "0-1", "--in-memory", NULL };
	TEST_REQUIRE_CPUS(2);
	ASSERT_EQ_INT(rte_eal_init(4, argv), 3);
	test_register_basic();
	test_exhaustion();
	test_stress();
	test_callbacks();
	test_thread_api();
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}
