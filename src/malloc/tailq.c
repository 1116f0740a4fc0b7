/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * tailq.c: named lists of shared objects (rte_tailq.h).
 *
 * Registrations (struct rte_tailq_elem, process-local, usually from a
 * constructor) wait in `registered` until the EAL is initialised; then
 * each is resolved to a head in the shared config: found by name, or
 * created in the next free slot. The slot counter is shared (under the
 * tailq lock), so a secondary may create a list the primary never
 * registered (DPDK refuses that).
 *
 * The entries of a list live in the shared heap; a process that dies
 * while changing a list under the tailq lock leaves the lock to the next
 * taker, whose repair walks each list and cuts it at the first link that
 * does not point into shared memory or does not point back.
 *
 * Locks: reg_lock (process mutex) guards `registered`; the shared tailq
 * lock guards the heads. Order: reg_lock -> tailq lock.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/queue.h>

#include <rte_errno.h>
#include <rte_tailq.h>

#include "internal/rtmem_export.h"
#include "internal/rtmem_log.h"
#include "mem/mem_private.h"

static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;
static TAILQ_HEAD(, rte_tailq_elem) registered =
	TAILQ_HEAD_INITIALIZER(registered);

/* The shared head named `name`, or NULL. Tailq lock held. */
static struct rte_tailq_head *
find_head(struct mem_config *cfg, const char *name)
{
	for (unsigned int i = 0; i < cfg->tailq_count; i++)
		if (strncmp(cfg->tailq_head[i].name, name,
			    RTE_TAILQ_NAMESIZE) == 0)
			return &cfg->tailq_head[i];
	return NULL;
}

/* Find or create the head of t. Returns 0 or -ENOSPC (logged). */
static int
resolve(struct mem_config *cfg, struct rte_tailq_elem *t)
{
	struct rte_tailq_head *head;

	shlock_lock(&cfg->tailq_lock);
	head = find_head(cfg, t->name);
	if (head == NULL && cfg->tailq_count < RTE_MAX_TAILQ) {
		head = &cfg->tailq_head[cfg->tailq_count];
		TAILQ_INIT(&head->tailq_head);
		snprintf(head->name, sizeof(head->name), "%s", t->name);
		cfg->tailq_count++; /* commit */
	}
	shlock_unlock(&cfg->tailq_lock);
	if (head == NULL) {
		EAL_LOG(ERR, "tailq %s: all %d lists are in use", t->name,
			RTE_MAX_TAILQ);
		return -ENOSPC;
	}
	t->head = head;
	return 0;
}

RTMEM_EXPORT int
rte_eal_tailq_register(struct rte_tailq_elem *t)
{
	struct rte_tailq_elem *other;
	struct mem_config *cfg;
	int ret = 0;

	if (t == NULL || t->name[0] == '\0' ||
	    strnlen(t->name, RTE_TAILQ_NAMESIZE) == RTE_TAILQ_NAMESIZE) {
		EAL_LOG(ERR, "tailq register: invalid or too long name");
		rte_errno = EINVAL;
		return -1;
	}
	pthread_mutex_lock(&reg_lock);
	TAILQ_FOREACH(other, &registered, next)
		if (other == t || strcmp(other->name, t->name) == 0)
			break;
	if (other != NULL) {
		pthread_mutex_unlock(&reg_lock);
		EAL_LOG(ERR, "tailq %s: already registered", t->name);
		rte_errno = EEXIST;
		return -1;
	}
	t->head = NULL;
	cfg = mem_cfg();
	if (cfg != NULL)
		ret = resolve(cfg, t);
	if (ret == 0)
		TAILQ_INSERT_TAIL(&registered, t, next);
	pthread_mutex_unlock(&reg_lock);
	if (ret != 0) {
		rte_errno = -ret;
		return -1;
	}
	return 0;
}

RTMEM_EXPORT struct rte_tailq_head *
rte_eal_tailq_lookup(const char *name)
{
	struct mem_config *cfg = mem_cfg();
	struct rte_tailq_head *head;

	if (name == NULL || cfg == NULL)
		return NULL;
	shlock_lock(&cfg->tailq_lock);
	head = find_head(cfg, name);
	shlock_unlock(&cfg->tailq_lock);
	return head;
}

RTMEM_EXPORT void
rte_dump_tailq(FILE *f)
{
	struct mem_config *cfg = mem_cfg();

	if (cfg == NULL)
		return;
	shlock_lock(&cfg->tailq_lock);
	for (unsigned int i = 0; i < cfg->tailq_count; i++) {
		const struct rte_tailq_head *head = &cfg->tailq_head[i];

		fprintf(f, "Tailq %u: qname:<%s>, tqh_first:%p, tqh_last:%p\n",
			i, head->name, (void *)head->tailq_head.tqh_first,
			(void *)head->tailq_head.tqh_last);
	}
	shlock_unlock(&cfg->tailq_lock);
}

/* Every process, once the config is mapped: resolve the registrations. */
static int
tailq_attach(struct mem_config *cfg)
{
	struct rte_tailq_elem *t;
	int ret = 0;

	pthread_mutex_lock(&reg_lock);
	TAILQ_FOREACH(t, &registered, next)
		if ((ret = resolve(cfg, t)) != 0)
			break;
	pthread_mutex_unlock(&reg_lock);
	return ret;
}

/* Cleanup: registrations stay, their heads are gone. */
static void
tailq_detach(void)
{
	struct rte_tailq_elem *t;

	pthread_mutex_lock(&reg_lock);
	TAILQ_FOREACH(t, &registered, next)
		t->head = NULL;
	pthread_mutex_unlock(&reg_lock);
}

/*
 * The tailq lock's holder died mid-change: keep each list up to its first
 * entry whose links are not sane, and make the head agree.
 */
static void
tailq_repair(struct shlock *lock)
{
	struct mem_config *cfg = mem_cfg();

	(void)lock;
	cfg->tailq_count = RTE_MIN(cfg->tailq_count, (uint32_t)RTE_MAX_TAILQ);
	for (unsigned int i = 0; i < cfg->tailq_count; i++) {
		struct rte_tailq_entry_head *list =
			&cfg->tailq_head[i].tailq_head;
		struct rte_tailq_entry **link = &list->tqh_first;

		while (*link != NULL) {
			struct rte_tailq_entry *e = *link;

			if (!mem_addr_is_shared(e) ||
			    e->next.tqe_prev != link) {
				EAL_LOG(WARNING, "tailq %s: cutting the list at "
					"a broken entry %p",
					cfg->tailq_head[i].name, (void *)e);
				*link = NULL;
				break;
			}
			link = &e->next.tqe_next;
		}
		list->tqh_last = link;
	}
}

__attribute__((constructor)) static void
tailq_register_client(void)
{
	static const struct mem_client client = {
		.name = "tailq",
		.order = 12,
		.attach = tailq_attach,
		.detach = tailq_detach,
	};

	shlock_set_repair(SHLOCK_TAILQ, tailq_repair);
	mem_register_client(&client);
}
