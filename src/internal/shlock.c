/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shlock.c: recursive shared-memory locks that survive a dead holder (see
 * shlock.h).
 *
 * Owner word: (process identity << 32) | thread id. Take: CAS 0 -> self
 * with acquire, pairing with the release store of the previous holder's
 * unlock (and with the takeover CAS below, which is acquire too, so the
 * taker sees what the dead holder wrote before it died). Recursion: a
 * holder finds its own identity in the word and bumps `depth`, which only
 * the holder ever touches.
 *
 * A waiter spins briefly, then yields the CPU, and once a millisecond asks
 * the registered liveness check about the holder in the word. A dead
 * holder's word is replaced by CAS (one waiter wins), the kind's repair
 * routine runs, and the winner proceeds holding the lock. A holder that is
 * alive but slow is never taken over.
 *
 * The repair table and the identity are per process (function pointers
 * never go into shared memory). Repair routines are idempotent: a taker
 * that dies while repairing is itself taken over and repaired again.
 *
 * State: the process identity and liveness check (set once at attach, read
 * by every thread), the repair table (set by constructors), and a cached
 * thread id per thread (reset in a forked child).
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <rte_pause.h>

#include "internal/rtmem_log.h"
#include "internal/shlock.h"
#include "internal/test_hooks.h"

#define SPINS_BEFORE_YIELD 256
#define LIVENESS_PERIOD_NS 1000000 /* ask about the holder once a ms */

static shlock_repair_t repair_table[SHLOCK_KIND_COUNT];
static shlock_alive_t holder_alive;
uint32_t shlock_process_;         /* written before threads use it */
__thread uint32_t shlock_tid_;    /* 0: not read yet */
bool shlock_hooks_;               /* RTMEM_TEST_KILL_AT=lock:... is set */

static const char *const kind_names[SHLOCK_KIND_COUNT] = {
	[SHLOCK_MEMZONE] = "memzone",
	[SHLOCK_TAILQ] = "tailq",
	[SHLOCK_MEMPOOL] = "mempool",
	[SHLOCK_MEM] = "mem",
	[SHLOCK_TIMER] = "timer",
	[SHLOCK_HEAP] = "heap",
};

const char *
shlock_kind_name(enum shlock_kind kind)
{
	return (unsigned int)kind < SHLOCK_KIND_COUNT ? kind_names[kind]
						      : "?";
}

void
shlock_init(struct shlock *lock, enum shlock_kind kind, uint32_t index)
{
	lock->depth = 0;
	lock->kind = kind;
	lock->index = index;
	lock->repairs = 0;
	__atomic_store_n(&lock->owner, 0, __ATOMIC_RELEASE);
}

void
shlock_set_repair(enum shlock_kind kind, shlock_repair_t repair)
{
	if ((unsigned int)kind < SHLOCK_KIND_COUNT)
		repair_table[kind] = repair;
}

void
shlock_set_identity(uint32_t process, shlock_alive_t alive)
{
	shlock_process_ = process;
	holder_alive = alive;
}

/* A forked child is another process: its threads have new ids. */
static void
forget_tid_in_child(void)
{
	shlock_tid_ = 0;
}

__attribute__((constructor)) static void
shlock_setup(void)
{
	const char *kill_at = getenv("RTMEM_TEST_KILL_AT");

	pthread_atfork(NULL, NULL, forget_tid_in_child);
	/* the inline fast path skips the hook: send everyone to the slow one */
	shlock_hooks_ = kill_at != NULL && strncmp(kill_at, "lock:", 5) == 0;
}

uint32_t
shlock_read_tid_(void)
{
	shlock_tid_ = (uint32_t)syscall(SYS_gettid);
	return shlock_tid_;
}

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Whether the holder in owner word `word` is dead (never guesses dead). */
static bool
holder_is_dead(uint64_t word)
{
	shlock_alive_t alive = holder_alive;

	return alive != NULL && !alive((uint32_t)(word >> 32), (uint32_t)word);
}

/* Once the lock is ours: the test hook of "lock:<kind>". */
static void
after_lock(struct shlock *lock)
{
	char point[32];

	if (test_hooks_enabled_) {
		snprintf(point, sizeof(point), "lock:%s",
			 shlock_kind_name((enum shlock_kind)lock->kind));
		test_hook_point(point);
	}
}

/*
 * Replace the dead holder `dead` by us. Returns true when we won (the lock
 * is ours and repaired), false when another waiter was faster.
 */
static bool
take_over(struct shlock *lock, uint64_t dead, uint64_t me)
{
	enum shlock_kind kind = (enum shlock_kind)lock->kind;
	shlock_repair_t repair;

	/* acquire: see everything the dead holder stored before dying */
	if (!__atomic_compare_exchange_n(&lock->owner, &dead, me, false,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return false;
	lock->depth = 1;
	EAL_LOG(WARNING, "%s lock %u: its holder (process %u, thread %u) "
		"died; repairing", shlock_kind_name(kind), lock->index,
		(unsigned int)(dead >> 32), (unsigned int)dead);
	repair = (unsigned int)kind < SHLOCK_KIND_COUNT ? repair_table[kind]
							 : NULL;
	if (repair != NULL)
		repair(lock);
	lock->repairs++;
	return true;
}

/* One attempt: 0 taken, -EBUSY held by a live holder. */
static int
try_take(struct shlock *lock, uint64_t me, bool check_holder)
{
	uint64_t cur = __atomic_load_n(&lock->owner, __ATOMIC_RELAXED);

	if (cur == me) {
		lock->depth++;
		return 0;
	}
	if (cur == 0) {
		/* acquire: pairs with the release in shlock_unlock */
		if (__atomic_compare_exchange_n(&lock->owner, &cur, me, false,
						__ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED)) {
			lock->depth = 1;
			return 0;
		}
		if (cur == 0)
			return -EBUSY; /* spurious: retry */
	}
	if (check_holder && holder_is_dead(cur) && take_over(lock, cur, me))
		return 0;
	return -EBUSY;
}

void
shlock_lock_slow_(struct shlock *lock, uint64_t me)
{
	uint64_t next_check = 0;
	unsigned int spins = 0;

	while (try_take(lock, me, false) != 0) {
		if (spins < SPINS_BEFORE_YIELD) {
			spins++;
			rte_pause();
			continue;
		}
		sched_yield();
		if (now_ns() < next_check)
			continue;
		next_check = now_ns() + LIVENESS_PERIOD_NS;
		if (try_take(lock, me, true) == 0)
			break;
	}
	after_lock(lock);
}

int
shlock_trylock(struct shlock *lock)
{
	if (try_take(lock, shlock_self_(), true) != 0)
		return -EBUSY;
	after_lock(lock);
	return 0;
}

void
shlock_unlock_bad_(struct shlock *lock)
{
	EAL_LOG(CRIT, "%s lock %u: released by a thread that does not hold it",
		shlock_kind_name((enum shlock_kind)lock->kind), lock->index);
}
