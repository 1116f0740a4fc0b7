/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: rte_stack shared between two processes. The primary (a
 * child of the test) pushes pointers into a shared block onto a standard
 * stack and a lock-free one (RTE_STACK_F_LF; that part is left out, and
 * said so, where the CPU has no 128-bit compare-and-swap and create
 * answers ENOTSUP). A secondary, another executable (mp_peer stack-pop),
 * finds both by name and pops every pointer, last pushed first (LIFO),
 * checking each and the byte it points to; it pushes three back and
 * creates a stack of its own. The primary then pops the three in LIFO
 * order, finds the secondary's stack by name, takes its two pointers and
 * frees it: lookup then answers ENOENT and its memzone is gone.
 */
#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_memzone.h>
#include <rte_stack.h>

#include "mp_common.h"

#define N_OBJS 5000u

/* Push pointers to bytes 0 .. N_OBJS-1 of the block, in bulks. */
static void
push_all(struct rte_stack *s, struct mp_zone *z)
{
	unsigned int pushed = 0, bulk = 7;
	void *obj[32];

	while (pushed < N_OBJS) {
		unsigned int k = RTE_MIN(bulk, N_OBJS - pushed);

		for (unsigned int i = 0; i < k; i++)
			obj[i] = z->buf + pushed + i;
		ASSERT_EQ_UINT(rte_stack_push(s, obj, k), k);
		pushed += k;
		bulk = bulk % 32 + 1;
	}
	EXPECT_EQ_UINT(rte_stack_count(s), N_OBJS);
	EXPECT_EQ_UINT(rte_stack_free_count(s), 0);
	/* full: all or nothing */
	EXPECT_EQ_UINT(rte_stack_push(s, obj, 1), 0);
}

/* What the secondary left: the pointers to bytes 7, 6, 5 on top. */
static void
pop_three(struct rte_stack *s, struct mp_zone *z)
{
	void *obj[4] = { NULL, NULL, NULL, NULL };

	EXPECT_EQ_UINT(rte_stack_count(s), 3);
	EXPECT_EQ_UINT(rte_stack_pop(s, obj, 4), 0);
	EXPECT_EQ_UINT(rte_stack_pop(s, obj, 3), 3);
	EXPECT_EQ_PTR(obj[0], z->buf + 7);
	EXPECT_EQ_PTR(obj[1], z->buf + 6);
	EXPECT_EQ_PTR(obj[2], z->buf + 5);
	EXPECT_EQ_UINT(rte_stack_count(s), 0);
}

static int
stacks(void *arg)
{
	struct rte_stack *std, *lf, *sec;
	char args[256], want[64];
	struct mp_zone *z;
	struct mp_proc p;
	void *obj[2];

	(void)arg;
	snprintf(args, sizeof(args), "--lcores 0@0 --file-prefix %s",
		 test_file_prefix());
	ASSERT_GE_INT(test_eal_init(args), 0);
	z = mp_make_zone(N_OBJS, 33);
	ASSERT_NOT_NULL(z);
	std = rte_stack_create("mp_stack_std", N_OBJS, SOCKET_ID_ANY, 0);
	ASSERT_NOT_NULL(std);
	push_all(std, z);
	rte_errno = 0;
	lf = rte_stack_create("mp_stack_lf", N_OBJS, SOCKET_ID_ANY,
			      RTE_STACK_F_LF);
	if (lf == NULL) {
		EXPECT_EQ_INT(rte_errno, ENOTSUP);
		printf("no lock-free stack on this CPU: that part is left "
		       "out\n");
	} else {
		push_all(lf, z);
	}

	snprintf(args, sizeof(args), "--lcores 1@0 --proc-type=secondary "
		 "--file-prefix %s", test_file_prefix());
	mp_run("stack-pop", "5000", args, NULL, 0, 60000, &p);
	snprintf(want, sizeof(want), "popped std=%u lf=%s", N_OBJS,
		 lf != NULL ? "5000" : "absent");
	EXPECT_CONTAINS(p.out, want);

	pop_three(std, z);
	if (lf != NULL)
		pop_three(lf, z);
	/* the secondary's stack: found, used and freed here */
	sec = rte_stack_lookup(MP_SEC_STACK);
	ASSERT_NOT_NULL(sec);
	EXPECT_NOT_NULL(rte_memzone_lookup("STK_" MP_SEC_STACK));
	EXPECT_EQ_UINT(rte_stack_count(sec), 2);
	EXPECT_EQ_UINT(rte_stack_pop(sec, obj, 2), 2);
	EXPECT_EQ_PTR(obj[0], z->buf + 2);
	EXPECT_EQ_PTR(obj[1], z->buf + 1);
	rte_stack_free(sec);
	rte_errno = 0;
	EXPECT_NULL(rte_stack_lookup(MP_SEC_STACK));
	EXPECT_EQ_INT(rte_errno, ENOENT);
	EXPECT_NULL(rte_memzone_lookup("STK_" MP_SEC_STACK));

	rte_stack_free(std);
	rte_stack_free(lf);
	rte_errno = 0;
	EXPECT_NULL(rte_stack_lookup("mp_stack_std"));
	EXPECT_EQ_INT(rte_errno, ENOENT);
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}

int
main(void)
{
	test_child_ok("stacks", stacks, NULL, 120);
	EXPECT_EQ_INT(mp_count_shm_files(test_file_prefix()), 0);
	return test_report();
}
