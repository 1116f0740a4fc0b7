/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * named_object.c: the registry of named shared objects (named_object.h).
 *
 * The design, the error order and the crash-safety argument are in
 * named_object.h. In short: everything happens under the tailq lock; an
 * object's list entry is linked last on create and unlinked first on free.
 *
 * State: none of its own. The lists are struct rte_tailq_head in the shared
 * config; their entries are rte_zmalloc() blocks in the shared heap.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <sys/queue.h>

#include <rte_common.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_memzone.h>
#include <rte_tailq.h>

#include "eal/eal_private.h"
#include "malloc/named_object.h"

/* The list of a registration, as the entries' TAILQ type. */
TAILQ_HEAD(named_object_list, rte_tailq_entry);

static struct named_object_list *
list_of(const struct rte_tailq_elem *list)
{
	return RTE_TAILQ_CAST(list->head, named_object_list);
}

/*
 * Log one error line for an object: "KIND: kind name: why", with the log
 * type "lib.<kind>" (registered by the kind's library, or here at first
 * use), falling back to EAL.
 */
static void __rte_format_printf(3, 4)
named_object_log(const char *kind, const char *name, const char *fmt, ...)
{
	char type_name[32], upper[16], why[160];
	size_t i;
	va_list ap;
	int type;

	snprintf(type_name, sizeof(type_name), "lib.%s", kind);
	type = rte_log_register(type_name);
	if (type < 0)
		type = RTE_LOGTYPE_EAL;
	for (i = 0; kind[i] != '\0' && i < sizeof(upper) - 1; i++)
		upper[i] = (char)toupper((unsigned char)kind[i]);
	upper[i] = '\0';
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	/* bounded: a name that is too long, or not NUL-terminated */
	rte_log(RTE_LOG_ERR, (uint32_t)type, "%s: %s %.*s: %s\n", upper, kind,
		name != NULL ? 64 : 6, name != NULL ? name : "(null)", why);
}

void *
named_object_create(struct rte_tailq_elem *list, const char *kind,
		    const char *mz_prefix, const char *name, size_t namesize,
		    size_t size, int socket_id, unsigned int mz_flags,
		    int (*init)(void *obj, const struct rte_memzone *mz,
				void *arg),
		    void *arg)
{
	char mz_name[RTE_MEMZONE_NAMESIZE];
	const struct rte_memzone *mz;
	struct rte_tailq_entry *te;
	void *obj;
	int len, ret;

	if (name == NULL) {
		named_object_log(kind, name, "no name");
		rte_errno = EINVAL;
		return NULL;
	}
	len = snprintf(mz_name, sizeof(mz_name), "%s%s", mz_prefix, name);
	if (strlen(name) >= namesize || len < 0 ||
	    (size_t)len >= sizeof(mz_name)) {
		named_object_log(kind, name, "name too long (at most %zu "
				 "characters)",
				 RTE_MIN(namesize, sizeof(mz_name) -
					 strlen(mz_prefix)) - 1);
		rte_errno = ENAMETOOLONG;
		return NULL;
	}
	if (eal_ensure_init() < 0) {
		ret = rte_errno; /* the initialisation's reason */
		named_object_log(kind, name, "the EAL is not initialised");
		rte_errno = ret;
		return NULL;
	}
	if (list->head == NULL) {
		named_object_log(kind, name, "list %s is not registered",
				 list->name);
		rte_errno = E_RTE_NO_CONFIG;
		return NULL;
	}

	rte_mcfg_tailq_write_lock();
	te = rte_zmalloc("named_object_entry", sizeof(*te), 0);
	if (te == NULL) {
		rte_mcfg_tailq_write_unlock();
		named_object_log(kind, name, "no memory for the list entry");
		rte_errno = ENOMEM;
		return NULL;
	}
	/*
	 * Report a duplicate ourselves so that it costs one log line, not a
	 * memzone line plus ours. Only a memzone reserved outside the list
	 * (by rte_memzone_reserve) can appear between here and the reserve;
	 * the reserve refuses it then.
	 */
	if (rte_memzone_lookup(mz_name) != NULL) {
		rte_mcfg_tailq_write_unlock();
		rte_free(te);
		named_object_log(kind, name, "exists (memzone %s is in use)",
				 mz_name);
		rte_errno = EEXIST;
		return NULL;
	}
	mz = rte_memzone_reserve_aligned(mz_name, size, socket_id, mz_flags,
					 RTE_CACHE_LINE_SIZE);
	if (mz == NULL) {
		ret = rte_errno;
		rte_mcfg_tailq_write_unlock();
		rte_free(te);
		named_object_log(kind, name, "cannot reserve memzone %s of %zu "
				 "bytes: %s", mz_name, size, rte_strerror(ret));
		rte_errno = ret;
		return NULL;
	}
	obj = mz->addr;
	memset(obj, 0, namesize);
	memcpy(obj, name, strlen(name));
	ret = init != NULL ? init(obj, mz, arg) : 0;
	if (ret < 0) {
		rte_memzone_free(mz);
		rte_free(te);
		rte_mcfg_tailq_write_unlock();
		named_object_log(kind, name, "initialisation failed: %s",
				 rte_strerror(-ret));
		rte_errno = -ret;
		return NULL;
	}
	te->data = obj;
	TAILQ_INSERT_TAIL(list_of(list), te, next); /* commit */
	rte_mcfg_tailq_write_unlock();
	return obj;
}

void *
named_object_lookup(struct rte_tailq_elem *list, const char *name,
		    size_t namesize)
{
	struct rte_tailq_entry *te;
	void *obj = NULL;

	if (name == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	if (eal_ensure_init() < 0 || list->head == NULL) {
		rte_errno = ENOENT;
		return NULL;
	}
	rte_mcfg_tailq_read_lock();
	TAILQ_FOREACH(te, list_of(list), next) {
		if (strncmp(name, (const char *)te->data, namesize) == 0) {
			obj = te->data;
			break;
		}
	}
	rte_mcfg_tailq_read_unlock();
	if (obj == NULL)
		rte_errno = ENOENT;
	return obj;
}

int
named_object_unlist(struct rte_tailq_elem *list, const char *kind, void *obj,
		    const struct rte_memzone *mz)
{
	struct rte_tailq_entry *te = NULL;

	if (obj != NULL && list->head != NULL) {
		rte_mcfg_tailq_write_lock();
		TAILQ_FOREACH(te, list_of(list), next)
			if (te->data == obj)
				break;
		if (te != NULL) {
			TAILQ_REMOVE(list_of(list), te, next); /* commit */
			rte_free(te);
			if (mz != NULL)
				rte_memzone_free(mz);
		}
		rte_mcfg_tailq_write_unlock();
	}
	if (te == NULL) {
		/*
		 * obj is not ours to read if it was never listed, but callers
		 * pass objects of their own kind, whose name is at offset 0.
		 */
		named_object_log(kind, obj != NULL ? (const char *)obj : NULL,
				 "%p is not in the %s list; not freed", obj,
				 kind);
		return -ENOENT;
	}
	return 0;
}

int
named_object_free(struct rte_tailq_elem *list, const char *kind, void *obj,
		  const struct rte_memzone *mz)
{
	return named_object_unlist(list, kind, obj, mz);
}

void
named_object_walk(struct rte_tailq_elem *list,
		  void (*fn)(void *obj, void *arg), void *arg)
{
	struct rte_tailq_entry *te;

	if (eal_ensure_init() < 0 || list->head == NULL)
		return;
	rte_mcfg_tailq_read_lock();
	TAILQ_FOREACH(te, list_of(list), next)
		fn(te->data, arg);
	rte_mcfg_tailq_read_unlock();
}

struct dump_args {
	FILE *f;
	void (*dump)(FILE *f, const void *obj);
};

static void
dump_one(void *obj, void *arg)
{
	const struct dump_args *d = arg;

	d->dump(d->f, obj);
}

void
named_object_list_dump(struct rte_tailq_elem *list, FILE *f,
		       void (*dump)(FILE *f, const void *obj))
{
	struct dump_args d = { f, dump };

	named_object_walk(list, dump_one, &d);
}
