/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: rte_stack under concurrent use, for the standard and the
 * lock-free variant. The threads are every EAL lcore (up to 4 CPUs this
 * process may use, main lcore included) plus 2 non-EAL threads registered
 * with rte_thread_register(); they start together and stop at a deadline.
 *
 * Phase 1, after DPDK's test_stack_multithreaded: a stack of capacity
 * 32 x threads; each thread repeatedly pushes n (random, 0 to 31) pointers
 * of its own and pops n again. Every call must return n: a thread never
 * needs more room or more pointers than it brought, even while the others'
 * nodes are in flight.
 *
 * Phase 2, ownership: 64 objects per thread, one stack big enough for all
 * of them; each thread holds a private set and randomly pushes or pops
 * bulks of 0 to 32, with calls that may fail (they must return 0 or n).
 * Each object carries an atomic owner word and a payload written with
 * plain stores by its pusher and checked with plain loads by its popper,
 * so a duplicate pop (the owner word was not "on the stack") or a missing
 * release/acquire edge (a torn payload; a TSan report) shows up. At the
 * end the stack is drained and every object must be found exactly once,
 * held by a thread or on the stack; count and free_count must agree.
 *
 * Usage: test_stack_stress [seconds per phase and variant] (default 0.5,
 * or $RTMEM_STRESS_SECONDS).
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_stack.h>

#include "test.h"

#define MAX_EAL 4          /* EAL lcores at most */
#define N_REGISTERED 2     /* non-EAL threads */
#define MAX_THREADS (MAX_EAL + N_REGISTERED)
#define PER_THREAD 64      /* phase 2 objects per thread */
#define MAX_BULK 32

struct obj {
	uint32_t owner;      /* atomic: 0 on the stack, else thread + 1 */
	uint32_t pad;
	uint64_t payload[2]; /* plain: {v, ~v}, written by the pusher */
};

struct thread_ctx {
	uint64_t rng;
	unsigned int id;
	unsigned int nheld;
	struct obj *held[PER_THREAD * MAX_THREADS];
	uint64_t pushes, pops, refused;
};

static struct obj objects[PER_THREAD * MAX_THREADS];
static struct thread_ctx ctx[MAX_THREADS];
static unsigned int n_threads;
static struct rte_stack *stack;
static int phase;                /* 1 or 2 */
static unsigned int next_id;     /* atomic: thread index dispenser */
static unsigned int arrived;     /* atomic: start barrier */
static uint64_t deadline_ns;

/* The thread's next random number. */
static uint64_t
rnd(struct thread_ctx *c)
{
	return test_rand64(&c->rng);
}

/* Phase 1: push n and pop n; every call must succeed. */
static void
run_phase1(struct thread_ctx *c)
{
	void *mine[MAX_BULK], *got[MAX_BULK];
	unsigned int i = 0, bad = 0;

	for (unsigned int k = 0; k < MAX_BULK; k++)
		mine[k] = (void *)(uintptr_t)(((uint64_t)(c->id + 1) << 32) |
					      (k + 1));
	while (true) {
		unsigned int n = (unsigned int)(rnd(c) % MAX_BULK);

		if (rte_stack_push(stack, mine, n) != n)
			bad++;
		if (rte_stack_pop(stack, got, n) != n)
			bad++;
		c->pushes++;
		c->pops++;
		if ((++i & 63) == 0 && test_now_ns() >= deadline_ns)
			break;
	}
	EXPECT_EQ_UINT(bad, 0);
}

/* Phase 2: random pushes and pops of owned objects. */
static void
run_phase2(struct thread_ctx *c)
{
	struct obj *buf[MAX_BULK];
	const uint32_t me = c->id + 1;
	unsigned int i = 0, bad = 0;

	while (true) {
		uint64_t r = rnd(c);
		unsigned int n = (unsigned int)((r >> 8) % (MAX_BULK + 1));
		unsigned int got;

		if ((r & 1) && n <= c->nheld) {
			struct obj **src = &c->held[c->nheld - n];

			for (unsigned int k = 0; k < n; k++) {
				uint64_t v = r ^ ((uint64_t)me << 48) ^ k;

				src[k]->payload[0] = v;
				src[k]->payload[1] = ~v;
				__atomic_store_n(&src[k]->owner, 0,
						 __ATOMIC_RELAXED);
			}
			got = rte_stack_push(stack, (void * const *)src, n);
			if (got == n && n > 0) {
				c->nheld -= n;
				c->pushes++;
			} else {
				bad += got != 0;
				c->refused++;
				for (unsigned int k = 0; k < n; k++)
					__atomic_store_n(&src[k]->owner, me,
							 __ATOMIC_RELAXED);
			}
		} else if (!(r & 1)) {
			got = rte_stack_pop(stack, (void **)buf, n);
			if (got == n && n > 0) {
				for (unsigned int k = 0; k < n; k++) {
					struct obj *o = buf[k];

					if (__atomic_exchange_n(&o->owner, me,
							__ATOMIC_RELAXED) != 0 ||
					    o->payload[1] != ~o->payload[0])
						bad++;
					c->held[c->nheld++] = o;
				}
				c->pops++;
			} else {
				bad += got != 0;
				c->refused++;
			}
		}
		if ((++i & 63) == 0 && test_now_ns() >= deadline_ns)
			break;
	}
	EXPECT_EQ_UINT(bad, 0);
}

static int
thread_body(void *arg)
{
	unsigned int id = __atomic_fetch_add(&next_id, 1, __ATOMIC_RELAXED);
	struct thread_ctx *c = &ctx[id];

	(void)arg;
	/* start together: the deadline is set before anyone is launched */
	__atomic_fetch_add(&arrived, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(&arrived, __ATOMIC_ACQUIRE) < n_threads)
		sched_yield();
	if (phase == 1)
		run_phase1(c);
	else
		run_phase2(c);
	return 0;
}

static void *
registered_thread(void *arg)
{
	EXPECT_EQ_INT(rte_thread_register(), 0);
	EXPECT_NE_UINT(rte_lcore_id(), LCORE_ID_ANY);
	thread_body(arg);
	rte_thread_unregister();
	return NULL;
}

/* Run thread_body on every EAL lcore and N_REGISTERED threads. */
static void
run_all(double seconds)
{
	pthread_t tid[N_REGISTERED];

	next_id = 0;
	arrived = 0;
	deadline_ns = test_now_ns() + (uint64_t)(seconds * 1e9);
	for (unsigned int i = 0; i < N_REGISTERED; i++)
		ASSERT_EQ_INT(pthread_create(&tid[i], NULL, registered_thread,
					     NULL), 0);
	ASSERT_EQ_INT(rte_eal_mp_remote_launch(thread_body, NULL, CALL_MAIN),
		      0);
	rte_eal_mp_wait_lcore();
	for (unsigned int i = 0; i < N_REGISTERED; i++)
		EXPECT_EQ_INT(pthread_join(tid[i], NULL), 0);
	EXPECT_EQ_UINT(next_id, n_threads);
}

static void
stress(uint32_t flags, double seconds)
{
	const char *variant = (flags & RTE_STACK_F_LF) ? "lock-free"
						       : "standard";
	unsigned int n_objs = PER_THREAD * n_threads;
	static uint8_t seen[PER_THREAD * MAX_THREADS];
	uint64_t pushes = 0, pops = 0, refused = 0;
	unsigned int drained = 0, held = 0;
	struct obj *o;

	for (unsigned int t = 0; t < n_threads; t++) {
		memset(&ctx[t], 0, sizeof(ctx[t]));
		ctx[t].id = t;
		ctx[t].rng = 0x9e3779b97f4a7c15ull * (t + 1) ^ test_now_ns();
	}

	/* phase 1 */
	stack = rte_stack_create("stress1", MAX_BULK * n_threads,
				 SOCKET_ID_ANY, flags);
	ASSERT_NOT_NULL(stack);
	phase = 1;
	run_all(seconds);
	EXPECT_EQ_UINT(rte_stack_count(stack), 0);
	EXPECT_EQ_UINT(rte_stack_free_count(stack), MAX_BULK * n_threads);
	for (unsigned int t = 0; t < n_threads; t++)
		pushes += ctx[t].pushes;
	printf("%s phase 1: %" PRIu64 " push+pop pairs\n", variant, pushes);
	pushes = 0;
	rte_stack_free(stack);

	/* phase 2: every thread starts with PER_THREAD objects */
	stack = rte_stack_create("stress2", n_objs, SOCKET_ID_ANY, flags);
	ASSERT_NOT_NULL(stack);
	memset(objects, 0, sizeof(objects));
	for (unsigned int t = 0; t < n_threads; t++) {
		ctx[t].pushes = ctx[t].pops = ctx[t].refused = 0;
		ctx[t].nheld = PER_THREAD;
		for (unsigned int k = 0; k < PER_THREAD; k++) {
			ctx[t].held[k] = &objects[t * PER_THREAD + k];
			ctx[t].held[k]->owner = t + 1;
		}
	}
	phase = 2;
	run_all(seconds);

	/* every object exactly once: held by a thread or on the stack */
	memset(seen, 0, sizeof(seen));
	for (unsigned int t = 0; t < n_threads; t++) {
		pushes += ctx[t].pushes;
		pops += ctx[t].pops;
		refused += ctx[t].refused;
		held += ctx[t].nheld;
		for (unsigned int k = 0; k < ctx[t].nheld; k++) {
			o = ctx[t].held[k];
			seen[o - objects]++;
			EXPECT_EQ_UINT(o->owner, t + 1);
		}
	}
	EXPECT_EQ_UINT(rte_stack_count(stack), n_objs - held);
	EXPECT_EQ_UINT(rte_stack_free_count(stack), held);
	while (rte_stack_pop(stack, (void **)&o, 1) == 1) {
		EXPECT_EQ_UINT(o->owner, 0);
		EXPECT_TRUE(o->payload[1] == ~o->payload[0]);
		seen[o - objects]++;
		drained++;
	}
	EXPECT_EQ_UINT(held + drained, n_objs);
	for (unsigned int i = 0; i < n_objs; i++)
		if (seen[i] != 1) {
			EXPECT_EQ_UINT(seen[i], 1);
			break;
		}
	EXPECT_EQ_UINT(rte_stack_count(stack), 0);
	EXPECT_EQ_UINT(rte_stack_free_count(stack), n_objs);
	printf("%s phase 2: %" PRIu64 " pushes, %" PRIu64 " pops, %" PRIu64
	       " refused; %u held, %u on the stack at the end\n", variant,
	       pushes, pops, refused, held, drained);
	rte_stack_free(stack);
}

int
main(int argc, char **argv)
{
	double seconds = test_stress_seconds(argc, argv, 0.5);
	char args[256], list[64] = "";
	unsigned int n_eal = 0;
	cpu_set_t allowed;

	/* up to MAX_EAL of the CPUs this process may use, as EAL lcores */
	ASSERT_EQ_INT(sched_getaffinity(0, sizeof(allowed), &allowed), 0);
	for (int cpu = 0; cpu < CPU_SETSIZE && n_eal < MAX_EAL; cpu++)
		if (CPU_ISSET(cpu, &allowed)) {
			size_t len = strlen(list);

			snprintf(list + len, sizeof(list) - len, "%s%d",
				 n_eal > 0 ? "," : "", cpu);
			n_eal++;
		}
	snprintf(args, sizeof(args), "-l %s --file-prefix %s -m 16", list,
		 test_file_prefix());
	ASSERT_GE_INT(test_eal_init(args), 0);
	ASSERT_EQ_UINT(rte_lcore_count(), n_eal);
	n_threads = n_eal + N_REGISTERED;
	printf("%u EAL lcores (CPUs %s) + %u registered threads, %.2f s per "
	       "phase\n", n_eal, list, N_REGISTERED, seconds);

	stress(0, seconds);
	stress(RTE_STACK_F_LF, seconds);

	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}
