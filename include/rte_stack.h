/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Bounded stacks of pointers (LIFO), shared between threads and processes.
 *
 * A stack is created by name in its own memzone ("STK_<name>") and listed
 * in the shared "RTE_STACK" list, so every process attached to the same
 * shared memory finds it with rte_stack_lookup() at the same address.
 *
 * Two variants, chosen at creation:
 *   - standard (flags 0): an array and a count behind an rte_spinlock_t
 *     (rte_stack_std.h). The critical section is a copy of the pointers.
 *     As in DPDK, a thread or process that dies inside push or pop leaves
 *     the lock held and the stack unusable.
 *   - lock-free (RTE_STACK_F_LF): two linked lists of nodes, the stack and
 *     the free nodes, each with a {top, counter} head swapped by a 128-bit
 *     compare-and-swap (rte_stack_lf.h). No thread ever waits for another;
 *     a dying thread loses at most the nodes it held.
 *
 * Both variants are all-or-nothing: rte_stack_push() and rte_stack_pop()
 * move exactly n pointers or none, and return n or 0 (0 for n == 0).
 * The pointer pushed last is popped first, into obj_table[0].
 *
 * Push, pop and the counts are MT-safe and may be called from any thread
 * (EAL lcore or not) of any attached process; they take no argument checks
 * (RTE_ASSERT only). rte_stack_count() is exact for the standard stack and,
 * for the lock-free stack, may be lower than the truth while pushes are in
 * flight (never higher). create/free/lookup are control-path calls that take
 * the shared list lock.
 *
 * Differences from DPDK 22.11, all on bad input (see rte_stack_create()):
 * unknown flags also set rte_errno to EINVAL; a NULL name fails with EINVAL
 * (DPDK creates a stack named "(null)"); counts whose memory size does not
 * fit 32 bits are not truncated.
 */
#ifndef _RTE_STACK_H_
#define _RTE_STACK_H_

#include <stdint.h>

#include <rte_atomic.h>
#include <rte_branch_prediction.h>
#include <rte_common.h>
#include <rte_debug.h>
#include <rte_errno.h>
#include <rte_memzone.h>
#include <rte_spinlock.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Name of the shared list that holds every stack. */
#define RTE_TAILQ_STACK_NAME "RTE_STACK"
/** Prefix of the name of a stack's memzone. */
#define RTE_STACK_MZ_PREFIX "STK_"
/** Size of a stack name including its NUL: at most 27 characters. */
#define RTE_STACK_NAMESIZE (RTE_MEMZONE_NAMESIZE - \
			    sizeof(RTE_STACK_MZ_PREFIX) + 1)

/** A node of a lock-free stack: one pointer and the link below it. */
struct rte_stack_lf_elem {
	void *data;                     /**< The stored pointer. */
	struct rte_stack_lf_elem *next; /**< The node below, or NULL. */
};

/**
 * Head of a lock-free list, swapped as one 128-bit value. cnt grows by one
 * at every change, so a head that was popped and pushed back (the same top,
 * "ABA") never compares equal to an old copy.
 */
struct rte_stack_lf_head {
	struct rte_stack_lf_elem *top; /**< The top node, or NULL. */
	uint64_t cnt;                  /**< Change counter. */
};

/** A lock-free list of nodes and its length. */
struct rte_stack_lf_list {
	/** The list; written only by the 128-bit compare-and-swap. */
	struct rte_stack_lf_head head __rte_aligned(16);
	/**
	 * Nodes that may be taken: raised after nodes are linked, lowered
	 * (reserved) before they are unlinked, so it never exceeds the
	 * number of nodes in the list.
	 */
	uint64_t len;
};

/**
 * The lock-free stack: the stack itself and the list of spare nodes; the
 * capacity's nodes follow (each node is always on exactly one list, or
 * held by one push or pop in flight).
 */
struct rte_stack_lf {
	/** The pointers on the stack, top first. */
	struct rte_stack_lf_list used __rte_cache_aligned;
	/** Nodes not in use. */
	struct rte_stack_lf_list free __rte_cache_aligned;
	/** All capacity nodes. */
	struct rte_stack_lf_elem elems[] __rte_cache_aligned;
};

/** The standard stack: an array under a spinlock. */
struct rte_stack_std {
	rte_spinlock_t lock; /**< Taken by every push and pop. */
	uint32_t len;        /**< Pointers on the stack; written under lock. */
	void *objs[];        /**< objs[len - 1] is the top; capacity slots. */
};

/**
 * A stack. Lives at the start of its memzone; the variant's storage
 * follows the structure.
 */
struct rte_stack {
	/** Name (NUL-terminated); set once at creation. */
	char name[RTE_STACK_NAMESIZE] __rte_cache_aligned;
	/** The memzone that holds the stack. */
	const struct rte_memzone *memzone;
	uint32_t capacity; /**< Most pointers the stack holds. */
	uint32_t flags;    /**< Flags given to rte_stack_create(). */
	RTE_STD_C11
	union {
		struct rte_stack_lf stack_lf;   /**< RTE_STACK_F_LF stacks. */
		struct rte_stack_std stack_std; /**< Standard stacks. */
	};
} __rte_cache_aligned;

/**
 * Flag of rte_stack_create(): use the lock-free variant. Needs a 128-bit
 * compare-and-swap (x86_64 with cmpxchg16b, arm64); RTE_STACK_LF_SUPPORTED
 * is defined where the build supports it.
 */
#define RTE_STACK_F_LF 0x0001

#ifdef __cplusplus
}
#endif

#include <rte_stack_std.h>
#include <rte_stack_lf.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Pushes n pointers, all or none (MT-safe).
 *
 * obj_table[n - 1] becomes the top.
 *
 * @param s
 *   The stack.
 * @param obj_table
 *   The n pointers.
 * @param n
 *   How many to push.
 * @return
 *   n, or 0 when fewer than n slots are free (nothing is pushed) or n is 0.
 */
static __rte_always_inline unsigned int
rte_stack_push(struct rte_stack *s, void * const *obj_table, unsigned int n)
{
	RTE_ASSERT(s != NULL);
	RTE_ASSERT(obj_table != NULL);

	if (s->flags & RTE_STACK_F_LF)
		return __rte_stack_lf_push(s, obj_table, n);
	return __rte_stack_std_push(s, obj_table, n);
}

/**
 * Pops n pointers, all or none (MT-safe).
 *
 * obj_table[0] receives the top (the pointer pushed last).
 *
 * @param s
 *   The stack.
 * @param obj_table
 *   Room for n pointers.
 * @param n
 *   How many to pop.
 * @return
 *   n, or 0 when fewer than n pointers are on the stack (nothing is popped)
 *   or n is 0.
 */
static __rte_always_inline unsigned int
rte_stack_pop(struct rte_stack *s, void **obj_table, unsigned int n)
{
	RTE_ASSERT(s != NULL);
	RTE_ASSERT(obj_table != NULL);

	if (s->flags & RTE_STACK_F_LF)
		return __rte_stack_lf_pop(s, obj_table, n);
	return __rte_stack_std_pop(s, obj_table, n);
}

/**
 * Number of pointers on the stack.
 *
 * A snapshot: other threads may change it at once. For a lock-free stack
 * it may be lower than the truth while a push is in flight, never higher.
 *
 * @param s
 *   The stack.
 * @return
 *   The count, 0 to capacity.
 */
static __rte_always_inline unsigned int
rte_stack_count(struct rte_stack *s)
{
	RTE_ASSERT(s != NULL);

	if (s->flags & RTE_STACK_F_LF)
		return __rte_stack_lf_count(s);
	return __rte_stack_std_count(s);
}

/**
 * Number of free slots: capacity - rte_stack_count().
 *
 * @param s
 *   The stack.
 * @return
 *   The free slots (a snapshot, see rte_stack_count()).
 */
static __rte_always_inline unsigned int
rte_stack_free_count(struct rte_stack *s)
{
	RTE_ASSERT(s != NULL);

	return s->capacity - rte_stack_count(s);
}

/**
 * Creates a stack in shared memory and lists it under its name.
 *
 * The stack is in memzone RTE_STACK_MZ_PREFIX + name, reserved on
 * socket_id. Failures log one line naming the stack and leave nothing
 * behind (no memzone, no list entry). count may be 0 (a stack that is
 * always empty and full, as in DPDK).
 *
 * @param name
 *   The name: at most RTE_STACK_NAMESIZE - 1 (27) characters.
 * @param count
 *   The capacity: how many pointers the stack holds.
 * @param socket_id
 *   NUMA socket of the memory, or SOCKET_ID_ANY.
 * @param flags
 *   0, or RTE_STACK_F_LF for the lock-free variant.
 * @return
 *   The stack, or NULL with rte_errno set:
 *   - EINVAL: flags has unknown bits (DPDK 22.11 returns NULL without
 *     setting rte_errno), or name is NULL;
 *   - ENOTSUP: RTE_STACK_F_LF, and this CPU has no 128-bit
 *     compare-and-swap (x86_64 without cmpxchg16b);
 *   - ENAMETOOLONG: name has RTE_STACK_NAMESIZE characters or more;
 *   - EEXIST: a stack (or a memzone) of that name exists;
 *   - ENOSPC: every memzone descriptor is in use;
 *   - ENOMEM: not enough memory;
 *   - E_RTE_NO_CONFIG: the EAL could not be initialised.
 */
struct rte_stack *
rte_stack_create(const char *name, unsigned int count, int socket_id,
		 uint32_t flags);

/**
 * Frees a stack made by rte_stack_create(): unlists it, then frees its
 * memory. Nobody may use it any more, in any process.
 *
 * @param s
 *   The stack; NULL does nothing. A stack that is not listed (already
 *   freed) is left alone, with a log line.
 */
void
rte_stack_free(struct rte_stack *s);

/**
 * Finds a stack by name, in this or any attached process.
 *
 * @param name
 *   The name.
 * @return
 *   The stack, or NULL with rte_errno set:
 *   - EINVAL: name is NULL;
 *   - ENOENT: no stack has this name.
 */
struct rte_stack *
rte_stack_lookup(const char *name);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_STACK_H_ */
