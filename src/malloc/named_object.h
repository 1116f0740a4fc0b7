/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * named_object.h: the registry of named shared objects (rings, stacks,
 * mempools) on top of memzones and the named lists of rte_tailq.h.
 *
 * A named object lives in its own memzone "<prefix><name>" and is listed
 * in a shared tailq (one per kind, registered by the kind's library with
 * EAL_REGISTER_TAILQ). Every object keeps its name as a NUL-terminated
 * char array of `namesize` bytes at offset 0, which is how lookups find it.
 *
 * Lifecycle and crash safety (tailq.c's repair cuts a list at its first
 * broken link; memzone.c commits a descriptor last):
 *   create: tailq lock -> entry allocated -> memzone reserved -> name
 *           copied and init() run -> entry inserted (the commit point) ->
 *           unlock. An entry is linked only once its object is fully
 *           initialised, so no process ever finds a half-made object; a
 *           creator that dies before the commit leaks at most an entry
 *           block and a memzone (whose name then stays taken, as in DPDK).
 *   free:   tailq lock -> entry unlinked (the commit point) -> entry and
 *           memzone freed -> unlock. A lookup never returns an object whose
 *           memory is being freed.
 *
 * Errors, in the order DPDK 22.11's rte_ring_create and rte_stack_create
 * report them (both check their own arguments first, then the memzone
 * name, then allocate the entry, then reserve the memzone; the caller does
 * the kind-specific checks before calling named_object_create):
 *   EINVAL name NULL. (DPDK formats a NULL name with "%s", which glibc
 *          prints as "(null)", and creates an object of that name.)
 *   ENAMETOOLONG strlen(name) >= namesize, or prefix + name does not fit
 *          RTE_MEMZONE_NAMESIZE.
 *   ENOMEM no memory for the list entry.
 *   EEXIST a memzone "<prefix><name>" exists (so, in particular, an object
 *          of this kind with this name).
 *   ENOSPC, ENOMEM, E_RTE_NO_CONFIG the memzone reserve's own errors.
 *   -ret   init() returned ret < 0 (rte_ring_create ignores its init's
 *          result; rte_stack_create's init cannot fail).
 * Free: DPDK's rte_ring_free frees the memzone before unlinking the entry
 * (a concurrent lookup can return freed memory); here the entry always
 * goes first. DPDK's frees say nothing when the object is not listed; here
 * named_object_free logs it and returns -ENOENT.
 *
 * Logging: each failure logs one line "KIND: kind name: why" with the log
 * type "lib.<kind>" (lib.ring, lib.stack, lib.mempool). A memzone reserve
 * that fails for lack of memory or descriptors also logs its own line.
 *
 * Locks: rte_mcfg_tailq_write_lock() (create, free) or read lock (lookup,
 * dump); inside it the memzone and heap locks (order TAILQ -> MEMZONE ->
 * HEAP). Callbacks (init, dump) run with the tailq lock held: they may
 * allocate but must not take the mempool lock.
 *
 * Who may call: any thread of any process, once the kind's list is
 * registered. The EAL is initialised lazily if nobody has done so.
 */
#ifndef RTMEM_NAMED_OBJECT_H
#define RTMEM_NAMED_OBJECT_H

#include <stddef.h>
#include <stdio.h>

#include <rte_memzone.h>
#include <rte_tailq.h>

/*
 * Builds a named object in a new memzone and lists it.
 *
 * Pre: list is a registered tailq; kind is a short lower-case word ("ring");
 * mz_prefix + name is the memzone name; size > 0 bytes are reserved,
 * cache-line aligned, on socket_id with memzone flags mz_flags. The name
 * is copied to offset 0 of the object (namesize bytes, NUL padded) before
 * init(obj, mz, arg) runs (obj == mz->addr); init must keep it there. init
 * may be NULL; it returns 0 or a negative errno.
 *
 * Returns the object, or NULL with rte_errno set (see the error list at the
 * top of this file) and nothing left behind.
 */
void *named_object_create(struct rte_tailq_elem *list, const char *kind,
			  const char *mz_prefix, const char *name,
			  size_t namesize, size_t size, int socket_id,
			  unsigned int mz_flags,
			  int (*init)(void *obj, const struct rte_memzone *mz,
				      void *arg),
			  void *arg);

/*
 * Finds the object of list named name (compared over namesize bytes).
 * Returns it, or NULL with rte_errno EINVAL (name NULL) or ENOENT. Does
 * not log (lookups of missing names are normal).
 */
void *named_object_lookup(struct rte_tailq_elem *list, const char *name,
			  size_t namesize);

/*
 * Unlinks obj from list, then frees its entry and its memzone mz.
 * Returns 0, or -ENOENT (logged with kind and the object's name) when obj
 * is not in the list; nothing is freed then.
 */
int named_object_free(struct rte_tailq_elem *list, const char *kind,
		      void *obj, const struct rte_memzone *mz);

/*
 * Unlinks obj from list and frees its entry, and frees mz unless NULL
 * (then the caller frees the object's memory once it has released what
 * the object owns: a mempool's chunks). Returns 0 or -ENOENT (logged).
 */
int named_object_unlist(struct rte_tailq_elem *list, const char *kind,
			void *obj, const struct rte_memzone *mz);

/* Calls fn(obj, arg) for each object of list, oldest first, under the
 * tailq read lock. */
void named_object_walk(struct rte_tailq_elem *list,
		       void (*fn)(void *obj, void *arg), void *arg);

/* Calls dump(f, obj) for each object of list, oldest first, under the
 * tailq read lock. */
void named_object_list_dump(struct rte_tailq_elem *list, FILE *f,
			    void (*dump)(FILE *f, const void *obj));

/*
 * Frees a memzone's descriptor, so its name can be reserved again, but
 * keeps its memory allocated for good (memzone.c): a quarantine for an
 * object that stale pointers may still reach. Returns 0 or -EINVAL.
 */
int memzone_forget(const struct rte_memzone *mz);

#endif /* RTMEM_NAMED_OBJECT_H */
