/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mem_internal.h: functions shared between the files of the mem layer
 * only (runtime.c, layout.c, backing.c, memseg.c, process.c, fbarray.c).
 * The layers below use mem_private.h.
 *
 * Conventions: 0 or -errno, results through out-parameters; each function
 * logs its own failure once (one line naming the file or object) unless
 * its comment says the caller does.
 */
#ifndef MEM_INTERNAL_H
#define MEM_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eal/eal_options.h"
#include "mem/hugepage_info.h"
#include "mem/mem_private.h"

/* ---- runtime.c: runtime directory and OFD locks */

/*
 * Create (if needed) and check the runtime directory of `prefix`, and make
 * it this process's: <base>/rtmem/<prefix>, base = $RUNTIME_DIRECTORY, else
 * /var/run for root, else $XDG_RUNTIME_DIR, else /tmp. Each level must be
 * a real directory (not a symlink) owned by us without group/other write,
 * except <base> itself. Returns 0, -EACCES (not ours, or not creatable;
 * logged), -ENAMETOOLONG.
 */
int runtime_dir_setup(const char *prefix);

/* Forget the runtime directory (cleanup, or a failed init). */
void runtime_dir_forget(void);

/*
 * OFD record lock on [start, start + len) of fd: type F_RDLCK, F_WRLCK or
 * F_UNLCK. Never waits. Returns 0, -EAGAIN when another holder conflicts,
 * or -errno.
 */
int ofd_lock(int fd, short type, off_t start, off_t len);

/*
 * Whether someone else holds a lock conflicting with `type` on
 * [start, start + len) of fd. Returns 1 (held), 0 (free) or -errno;
 * *holder_pid (may be NULL) gets the l_pid reported (-1 for OFD locks).
 */
int ofd_test(int fd, short type, off_t start, off_t len, pid_t *holder_pid);

/* Config file lock bytes (mem_private.h describes them). */
#define LOCK_BYTE_ALIVE 0
#define LOCK_BYTE_GATE 1
#define LOCK_BYTE_SLOT(k) (64 + (k))

/* ---- layout.c: the facts two processes must share */

/* Fill h->layout, n_layout, layout_hash and version for this build. */
void layout_fill(struct mem_header *h);

/*
 * Compare a primary's header with this build. Returns 0, or -EPROTO after
 * logging one line that names the first field that differs (with both
 * values).
 */
int layout_check(const struct mem_header *h);

/* ---- backing.c: memory types, backing files, commits */

/* The plan the primary makes (and records in the config). */
struct mem_plan {
	enum mem_backend backend;
	unsigned int n_types;
	struct mem_type type[RTE_MAX_MEMSEG_LISTS]; /* va is an offset here */
	uint64_t config_len;    /* bytes of config, page aligned */
	uint64_t total_len;     /* config + gap + arenas */
	uint64_t memseg_off[RTE_MAX_MEMSEG_LISTS]; /* from base */
	uint64_t memzone_off;   /* from base */
};

/*
 * Choose backend and memory types from the options and the machine and
 * compute the layout. Logs the backend choice (NOTICE when falling back
 * to 4 KiB pages). Returns 0, -EINVAL or -ENOMEM (--huge-strict without
 * usable hugepages, impossible -m: logged).
 */
int backing_plan(const struct eal_options *o, struct mem_plan *plan);

/*
 * Create (primary) or open (secondary) the backing file of every type and
 * map it over its arena inside the reservation. Returns 0 or -errno
 * (logged, naming the file). backing_close() unmaps nothing (the
 * reservation goes as a whole) and closes the descriptors.
 */
int backing_create(struct mem_config *cfg, bool unlink_now);
int backing_open(struct mem_config *cfg);
void backing_close(void);

/*
 * Unlink the backing files named in cfg (primary cleanup, or the config of
 * a dead primary): only regular files owned by us and named
 * rtmem.<prefix>.map_*, whatever the config says.
 */
void backing_unlink(const struct mem_config *cfg, const char *prefix);

/*
 * Unlink leftovers of earlier primaries of this prefix in the plan's
 * backing directories: our rtmem.<prefix>.map_* files that no process
 * maps (flock LOCK_EX succeeds). Called by the primary holding the
 * election lock, after the stale config's files are gone.
 */
void backing_remove_leftovers(const struct mem_plan *plan, const char *prefix);

/* Descriptor of type t's backing file in this process, or -1. */
int backing_fd(unsigned int t);

/*
 * Commit what the plan put in each type's prealloc (-m, --socket-mem,
 * --legacy-mem; primary init). Returns 0 or -ENOMEM (logged).
 */
int backing_prealloc(void);

/* Whether a commit should read physical addresses (IOVA as PA). */
void backing_set_iova_pa(bool pa);

/* ---- memseg.c */

/* Initialise the memseg list of type t over its array in the config. */
int memseg_list_init(struct mem_config *cfg, unsigned int t, void *array);

/* Fire this process's memory-event callbacks for a commit. */
void memseg_notify_alloc(const void *addr, size_t len);

/* Ask this process's validators; 0 to allow, -1 to refuse. */
int memseg_validate_growth(int socket_id, uint64_t new_socket_total);

/* Physical address of a resident page via /proc/self/pagemap. */
uint64_t memseg_virt2phy(const void *addr);

#endif /* MEM_INTERNAL_H */
