/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Named lists of shared objects (DPDK's "tailqs").
 *
 * Each library that keeps named objects in shared memory (rings, stacks,
 * mempools) registers a list by name with EAL_REGISTER_TAILQ. The list head
 * lives in the shared config, so every process sees the same list; its
 * entries (struct rte_tailq_entry) are allocated with rte_zmalloc() and
 * point at the objects.
 *
 * Unlike DPDK, a secondary process may register a list the primary never
 * registered: the slot counter is shared. Lists are walked and changed
 * under rte_mcfg_tailq_write_lock() (rte_eal_memconfig.h).
 */
#ifndef _RTE_TAILQ_H_
#define _RTE_TAILQ_H_

#include <stdio.h>

#include <rte_debug.h>
#include <rte_os.h>

#ifdef __cplusplus
extern "C" {
#endif

/** An entry of a named list: links and the object it stands for. */
struct rte_tailq_entry {
	RTE_TAILQ_ENTRY(rte_tailq_entry) next; /**< Links of the list. */
	void *data; /**< The object (a ring, a mempool, ...). */
};

/** The list type of struct rte_tailq_entry. */
RTE_TAILQ_HEAD(rte_tailq_entry_head, rte_tailq_entry);

/** Longest list name, including the NUL. */
#define RTE_TAILQ_NAMESIZE 32

/** A list head in shared memory. */
struct rte_tailq_head {
	struct rte_tailq_entry_head tailq_head; /**< The list; must be first. */
	char name[RTE_TAILQ_NAMESIZE];          /**< Its name. */
};

/** A library's registration of a list (process-local). */
struct rte_tailq_elem {
	/** The shared head, set when the list is resolved (at init). */
	struct rte_tailq_head *head;
	RTE_TAILQ_ENTRY(rte_tailq_elem) next; /**< Registration list link. */
	const char name[RTE_TAILQ_NAMESIZE];  /**< Name of the list. */
};

/**
 * A list head cast to the library's own TAILQ head type.
 *
 * @param tailq_entry
 *   A struct rte_tailq_head pointer.
 * @param struct_name
 *   The TAILQ head struct name of the library.
 */
#define RTE_TAILQ_CAST(tailq_entry, struct_name) \
	(struct struct_name *)&(tailq_entry)->tailq_head

/**
 * Looks a list up by name and casts it (NULL when it does not exist).
 *
 * @param name
 *   The list name.
 * @param struct_name
 *   The TAILQ head struct name of the library.
 */
#define RTE_TAILQ_LOOKUP(name, struct_name) __extension__ ({             \
	struct rte_tailq_head *head_ = rte_eal_tailq_lookup(name);       \
	head_ == NULL ? NULL : RTE_TAILQ_CAST(head_, struct_name);       \
})

/**
 * Prints every list and its number of entries.
 *
 * @param f
 *   Output stream.
 */
void rte_dump_tailq(FILE *f);

/**
 * Finds a list head by name.
 *
 * @param name
 *   The list name.
 * @return
 *   The head, or NULL when no such list exists (or the EAL is not
 *   initialised).
 */
struct rte_tailq_head *rte_eal_tailq_lookup(const char *name);

/**
 * Registers a list. Before rte_eal_init() (EAL_REGISTER_TAILQ runs as a
 * constructor) the registration is kept and resolved during init; after
 * it, the list is looked up or created at once.
 *
 * @param t
 *   The registration; t->name names the list. t->head is set.
 * @return
 *   0, or -1 with rte_errno: EINVAL (NULL, empty or too long name),
 *   EEXIST (t is already registered, or another registration has this
 *   name in this process), ENOSPC (RTE_MAX_TAILQ lists exist).
 */
int rte_eal_tailq_register(struct rte_tailq_elem *t);

/** Registers the list t from a constructor; a failure is fatal. */
#define EAL_REGISTER_TAILQ(t)                                            \
RTE_INIT(tailqinitfn_ ##t)                                               \
{                                                                        \
	if (rte_eal_tailq_register(&t) < 0)                              \
		rte_panic("Cannot initialize tailq: %s\n", t.name);      \
}

/** Walks a list while the current entry may be removed and freed. */
#define RTE_TAILQ_FOREACH_SAFE(var, head, field, tvar)                   \
	for ((var) = RTE_TAILQ_FIRST((head));                            \
	     (var) && ((tvar) = RTE_TAILQ_NEXT((var), field), 1);         \
	     (var) = (tvar))

#ifdef __cplusplus
}
#endif

#endif /* _RTE_TAILQ_H_ */
