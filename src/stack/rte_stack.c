/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rte_stack.c: creating, finding and freeing stacks (rte_stack.h).
 *
 * The fast paths are inline in rte_stack_std.h and rte_stack_lf.h; this
 * file only builds stacks. A stack is a named object (malloc/
 * named_object.h): memzone "STK_<name>", listed in the shared "RTE_STACK"
 * tailq once fully initialised, unlisted before its memory is freed. The
 * memzone holds struct rte_stack followed by the variant's storage:
 *   standard:  objs[count], right after stack_std (inside the struct's
 *              tail padding, then beyond);
 *   lock-free: elems[count] at the end of the struct, all linked on the
 *              free list at creation.
 *
 * create's checks, in DPDK 22.11's order: flags (EINVAL here, see
 * rte_stack.h), ENOTSUP, then named_object_create's (EINVAL for a NULL
 * name, ENAMETOOLONG, ENOMEM, the memzone's errors). Each failure logs one
 * line naming the stack.
 *
 * Test hook: RTMEM_TEST_NO_CAS128=1 in the environment (read at each
 * create) makes the CPU look as if it had no 128-bit compare-and-swap, so
 * tests reach the ENOTSUP path on any machine.
 *
 * Locks: the tailq lock, taken by named_object_*; nothing else.
 * Who may call: any thread of any process.
 */
#include <assert.h>
#include <errno.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#if defined(RTE_ARCH_X86_64) || defined(__x86_64__)
#include <cpuid.h>
#endif

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_stack.h>
#include <rte_tailq.h>

#include "internal/rtmem_export.h"
#include "malloc/named_object.h"

RTE_LOG_REGISTER(stack_logtype, lib.stack, NOTICE);

#define STACK_LOG(level, fmt, ...)                                       \
	rte_log(RTE_LOG_##level, (uint32_t)stack_logtype,                \
		"STACK: " fmt "\n", ##__VA_ARGS__)

static struct rte_tailq_elem stack_tailq = {
	.name = RTE_TAILQ_STACK_NAME,
};
EAL_REGISTER_TAILQ(stack_tailq)

/* The layout the lock-free code relies on (rte_stack_lf.h). */
static_assert(sizeof(struct rte_stack_lf_head) == 16,
	      "the lock-free head is swapped as one 128-bit value");
static_assert(offsetof(struct rte_stack_lf_list, head) % 16 == 0,
	      "cmpxchg16b needs a 16-byte aligned head");
static_assert(offsetof(struct rte_stack, name) == 0,
	      "named objects keep their name at offset 0");

/* Whether this CPU has a 128-bit compare-and-swap. */
static bool
cpu_has_cas128(void)
{
	const char *hook = getenv("RTMEM_TEST_NO_CAS128");

	if (hook != NULL && strcmp(hook, "1") == 0)
		return false;
#if defined(RTE_ARCH_X86_64)
	unsigned int eax, ebx, ecx, edx;

	/* CPUID leaf 1, ECX bit 13: CMPXCHG16B */
	if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) == 0)
		return false;
	return (ecx & bit_CMPXCHG16B) != 0;
#else
	return true; /* arm64: LDXP/STXP always, CASP with LSE */
#endif
}

/* Bytes of the memzone of a stack of count pointers. */
static size_t
stack_memsize(unsigned int count, uint32_t flags)
{
	size_t storage = (flags & RTE_STACK_F_LF) ?
		(size_t)count * sizeof(struct rte_stack_lf_elem) :
		(size_t)count * sizeof(void *);

	return sizeof(struct rte_stack) + RTE_CACHE_LINE_ROUNDUP(storage);
}

struct stack_init_arg {
	unsigned int count;
	uint32_t flags;
};

/* named_object_create's init: everything but the name (already set). */
static int
stack_init(void *obj, const struct rte_memzone *mz, void *arg)
{
	const struct stack_init_arg *a = arg;
	struct rte_stack *s = obj;

	memset((char *)s + RTE_STACK_NAMESIZE, 0,
	       sizeof(*s) - RTE_STACK_NAMESIZE);
	s->memzone = mz;
	s->capacity = a->count;
	s->flags = a->flags;
	if (a->flags & RTE_STACK_F_LF) {
		struct rte_stack_lf *lf = &s->stack_lf;

		for (unsigned int i = 0; i < a->count; i++) {
			lf->elems[i].data = NULL;
			lf->elems[i].next = i + 1 < a->count ?
					    &lf->elems[i + 1] : NULL;
		}
		lf->free.head.top = a->count > 0 ? &lf->elems[0] : NULL;
		lf->free.len = a->count;
		/* used: empty (zeroed above) */
	} else {
		rte_spinlock_init(&s->stack_std.lock);
	}
	return 0;
}

RTMEM_EXPORT struct rte_stack *
rte_stack_create(const char *name, unsigned int count, int socket_id,
		 uint32_t flags)
{
	struct stack_init_arg arg = { .count = count, .flags = flags };

	if (flags & ~(uint32_t)RTE_STACK_F_LF) {
		STACK_LOG(ERR, "stack %.*s: unknown flags %#x",
			  name != NULL ? RTE_MEMZONE_NAMESIZE : 6,
			  name != NULL ? name : "(null)", flags);
		rte_errno = EINVAL;
		return NULL;
	}
	if ((flags & RTE_STACK_F_LF) && !cpu_has_cas128()) {
		STACK_LOG(ERR, "stack %.*s: lock-free stacks need a 128-bit "
			  "compare-and-swap, which this CPU lacks",
			  name != NULL ? RTE_MEMZONE_NAMESIZE : 6,
			  name != NULL ? name : "(null)");
		rte_errno = ENOTSUP;
		return NULL;
	}
	return named_object_create(&stack_tailq, "stack", RTE_STACK_MZ_PREFIX,
				   name, RTE_STACK_NAMESIZE,
				   stack_memsize(count, flags), socket_id, 0,
				   stack_init, &arg);
}

RTMEM_EXPORT void
rte_stack_free(struct rte_stack *s)
{
	if (s == NULL)
		return;
	named_object_free(&stack_tailq, "stack", s, s->memzone);
}

RTMEM_EXPORT struct rte_stack *
rte_stack_lookup(const char *name)
{
	if (name == NULL) {
		STACK_LOG(ERR, "rte_stack_lookup: no name");
		rte_errno = EINVAL;
		return NULL;
	}
	return named_object_lookup(&stack_tailq, name, RTE_STACK_NAMESIZE);
}
