/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shlock.c: robust, recursive, process-shared mutexes (see shlock.h).
 *
 * The repair table is per process, indexed by kind: a function pointer is
 * never stored in shared memory (multiprocess.md 6.7). A lock whose
 * repair itself is interrupted by a crash is found dead again by the next
 * locker, who repairs again: repair routines are idempotent.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

#include <rte_debug.h>

#include "internal/rtmem_log.h"
#include "internal/shlock.h"
#include "internal/test_hooks.h"

static shlock_repair_t repair_table[SHLOCK_KIND_COUNT];

static const char *const kind_names[SHLOCK_KIND_COUNT] = {
	[SHLOCK_MEMZONE] = "memzone",
	[SHLOCK_TAILQ] = "tailq",
	[SHLOCK_MEMPOOL] = "mempool",
	[SHLOCK_MEM] = "mem",
	[SHLOCK_PROC] = "proc",
	[SHLOCK_TIMER] = "timer",
	[SHLOCK_HEAP] = "heap",
};

const char *
shlock_kind_name(enum shlock_kind kind)
{
	return (unsigned int)kind < SHLOCK_KIND_COUNT ? kind_names[kind]
						      : "?";
}

int
shlock_init(struct shlock *lock, enum shlock_kind kind, uint32_t index)
{
	pthread_mutexattr_t attr;
	int ret;

	if ((ret = pthread_mutexattr_init(&attr)) != 0)
		return -ret;
	if ((ret = pthread_mutexattr_setpshared(&attr,
						PTHREAD_PROCESS_SHARED)) != 0 ||
	    (ret = pthread_mutexattr_setrobust(&attr,
					       PTHREAD_MUTEX_ROBUST)) != 0 ||
	    (ret = pthread_mutexattr_settype(&attr,
					     PTHREAD_MUTEX_RECURSIVE)) != 0 ||
	    (ret = pthread_mutex_init(&lock->mutex, &attr)) != 0) {
		pthread_mutexattr_destroy(&attr);
		return -ret;
	}
	pthread_mutexattr_destroy(&attr);
	lock->kind = kind;
	lock->index = index;
	lock->repairs = 0;
	return 0;
}

void
shlock_set_repair(enum shlock_kind kind, shlock_repair_t repair)
{
	if ((unsigned int)kind < SHLOCK_KIND_COUNT)
		repair_table[kind] = repair;
}

/* The previous holder died with the lock: make the structure whole. */
static void
repair_after_dead_holder(struct shlock *lock)
{
	enum shlock_kind kind = (enum shlock_kind)lock->kind;
	shlock_repair_t repair = (unsigned int)kind < SHLOCK_KIND_COUNT
					 ? repair_table[kind] : NULL;

	EAL_LOG(WARNING, "%s lock %u: its holder died; repairing",
		shlock_kind_name(kind), lock->index);
	if (repair != NULL)
		repair(lock);
	lock->repairs++;
	pthread_mutex_consistent(&lock->mutex);
}

/* After the lock is taken: repair if needed, then the test hook. */
static void
after_lock(struct shlock *lock, int ret)
{
	char point[32];

	if (ret == EOWNERDEAD)
		repair_after_dead_holder(lock);
	if (test_hooks_enabled_) {
		snprintf(point, sizeof(point), "lock:%s",
			 shlock_kind_name((enum shlock_kind)lock->kind));
		test_hook_point(point);
	}
}

void
shlock_lock(struct shlock *lock)
{
	int ret = pthread_mutex_lock(&lock->mutex);

	/*
	 * ENOTRECOVERABLE only follows an unlock without
	 * pthread_mutex_consistent, which this file never does; anything
	 * else is a corrupted mutex, and carrying on would corrupt more.
	 */
	if (ret != 0 && ret != EOWNERDEAD)
		rte_panic("shared %s lock %u: pthread_mutex_lock: %d",
			  shlock_kind_name((enum shlock_kind)lock->kind),
			  lock->index, ret);
	after_lock(lock, ret);
}

int
shlock_trylock(struct shlock *lock)
{
	int ret = pthread_mutex_trylock(&lock->mutex);

	if (ret == EBUSY)
		return -EBUSY;
	if (ret != 0 && ret != EOWNERDEAD)
		rte_panic("shared %s lock %u: pthread_mutex_trylock: %d",
			  shlock_kind_name((enum shlock_kind)lock->kind),
			  lock->index, ret);
	after_lock(lock, ret);
	return 0;
}

void
shlock_unlock(struct shlock *lock)
{
	pthread_mutex_unlock(&lock->mutex);
}
