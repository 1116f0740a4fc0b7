/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: the shared-memory lock (src/internal/shlock.h), white box,
 * in one process: recursion, trylock, mutual exclusion under contention
 * (a counter incremented by several threads ends exact), and takeover from
 * a holder that died: a thread that exits holding the lock is found dead
 * by the next taker, who runs the kind's repair routine exactly once and
 * proceeds. (Dead holder processes are tested by tests/mp/test_mp_crash.)
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>

#include "internal/shlock.h"
#include "test.h"

#define THREADS 4
#define ROUNDS 20000
#define IDENTITY 0x4201u

static struct shlock lock;
static uint64_t counter; /* guarded by lock */
static unsigned int repairs;

/* This process only: a holder lives while its thread does. */
static bool
thread_alive(uint32_t process, uint32_t tid)
{
	if (process != IDENTITY)
		return true;
	return syscall(SYS_tgkill, getpid(), (pid_t)tid, 0) == 0 ||
	       errno != ESRCH;
}

static void
count_repair(struct shlock *l)
{
	(void)l;
	__atomic_fetch_add(&repairs, 1, __ATOMIC_RELAXED);
}

static void *
hammer(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		shlock_lock(&lock);
		shlock_lock(&lock); /* recursive */
		counter++;
		shlock_unlock(&lock);
		shlock_unlock(&lock);
	}
	return NULL;
}

static void *
die_holding(void *arg)
{
	(void)arg;
	shlock_lock(&lock);
	return NULL; /* the thread ends with the lock held */
}

static void *
try_from_other_thread(void *arg)
{
	return (void *)(intptr_t)shlock_trylock(arg);
}

int
main(void)
{
	pthread_t t[THREADS];
	void *ret;

	shlock_set_identity(IDENTITY, thread_alive);
	shlock_set_repair(SHLOCK_HEAP, count_repair);
	shlock_init(&lock, SHLOCK_HEAP, 0);

	/* recursion and trylock */
	shlock_lock(&lock);
	EXPECT_EQ_INT(shlock_trylock(&lock), 0);
	EXPECT_EQ_UINT(lock.depth, 2);
	ASSERT_EQ_INT(pthread_create(&t[0], NULL, try_from_other_thread,
				     &lock), 0);
	pthread_join(t[0], &ret);
	EXPECT_EQ_INT((int)(intptr_t)ret, -EBUSY);
	shlock_unlock(&lock);
	shlock_unlock(&lock);
	EXPECT_EQ_UINT(lock.owner, 0);

	/* mutual exclusion */
	for (int i = 0; i < THREADS; i++)
		ASSERT_EQ_INT(pthread_create(&t[i], NULL, hammer, NULL), 0);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	EXPECT_EQ_UINT(counter, (uint64_t)THREADS * ROUNDS);
	EXPECT_EQ_UINT(lock.owner, 0);
	EXPECT_EQ_UINT(repairs, 0);

	/* a dead holder is taken over and repaired once */
	ASSERT_EQ_INT(pthread_create(&t[0], NULL, die_holding, NULL), 0);
	pthread_join(t[0], NULL);
	EXPECT_NE_UINT(lock.owner, 0);
	shlock_lock(&lock);
	EXPECT_EQ_UINT(repairs, 1);
	EXPECT_EQ_UINT(lock.repairs, 1);
	EXPECT_EQ_UINT(lock.depth, 1);
	shlock_unlock(&lock);
	EXPECT_EQ_UINT(lock.owner, 0);
	/* and trylock takes over a dead holder too */
	ASSERT_EQ_INT(pthread_create(&t[0], NULL, die_holding, NULL), 0);
	pthread_join(t[0], NULL);
	EXPECT_EQ_INT(shlock_trylock(&lock), 0);
	EXPECT_EQ_UINT(repairs, 2);
	shlock_unlock(&lock);
	return test_report();
}
