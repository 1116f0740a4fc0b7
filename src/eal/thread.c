/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * thread.c: per-thread identity (lcore id, socket, CPU set), non-EAL thread
 * registration, lcore callbacks, and the rte_thread.h wrappers.
 *
 * Per-thread state is thread-local: per_lcore__lcore_id (exported, read by
 * the inline rte_lcore_id()), the socket id and the CPU set.
 *
 * Registration lends the lowest ROLE_OFF lcore id to the calling thread and
 * returns it on rte_thread_unregister() or, if the thread forgets, when it
 * exits (a pthread key destructor; DPDK would leak the id). Roles of
 * NON_EAL slots and the callback list change only under eal_lcores.lock (a
 * recursive mutex, so callbacks may call lcore functions). The callback
 * list is process-private.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_memory.h>
#include <rte_thread.h>

#include "eal/eal_lcore.h"
#include "eal/eal_private.h"
#include "internal/cpu.h"
#include "internal/rtmem_export.h"
#include "internal/rtmem_log.h"

RTMEM_EXPORT RTE_DEFINE_PER_LCORE(unsigned, _lcore_id) = LCORE_ID_ANY;
RTMEM_EXPORT RTE_DEFINE_PER_LCORE(int, _thread_id) = -1;
static RTE_DEFINE_PER_LCORE(unsigned int, _socket_id) = (unsigned int)SOCKET_ID_ANY;
static RTE_DEFINE_PER_LCORE(rte_cpuset_t, _cpuset);

/* ---- identity */

void
eal_thread_set_lcore(unsigned int lcore_id, const cpu_set_t *cpus)
{
	cpu_set_t cur;

	if (cpus == NULL) {
		if (pthread_getaffinity_np(pthread_self(), sizeof(cur), &cur) != 0)
			CPU_ZERO(&cur);
		cpus = &cur;
	}
	RTE_PER_LCORE(_lcore_id) = lcore_id;
	RTE_PER_LCORE(_socket_id) = eal_cpuset_socket(cpus);
	RTE_PER_LCORE(_cpuset) = *cpus;
}

RTMEM_EXPORT unsigned int
rte_socket_id(void)
{
	eal_ensure_init();
	return RTE_PER_LCORE(_socket_id);
}

RTMEM_EXPORT int
rte_sys_gettid(void)
{
	return (int)syscall(SYS_gettid);
}

/* ---- lcore callbacks */

struct lcore_callback {
	struct lcore_callback *next;
	char *name;
	rte_lcore_init_cb init;
	rte_lcore_uninit_cb uninit;
	void *arg;
};

static struct lcore_callback *callbacks; /* under eal_lcores.lock */

int
eal_lcore_callbacks_init(unsigned int lcore_id)
{
	for (struct lcore_callback *cb = callbacks; cb != NULL; cb = cb->next) {
		if (cb->init == NULL || cb->init(lcore_id, cb->arg) == 0)
			continue;
		EAL_LOG(DEBUG, "lcore callback %s refused lcore %u",
			cb->name, lcore_id);
		for (struct lcore_callback *u = callbacks; u != cb; u = u->next)
			if (u->uninit != NULL)
				u->uninit(lcore_id, u->arg);
		return -1;
	}
	return 0;
}

void
eal_lcore_callbacks_uninit(unsigned int lcore_id)
{
	for (struct lcore_callback *cb = callbacks; cb != NULL; cb = cb->next)
		if (cb->uninit != NULL)
			cb->uninit(lcore_id, cb->arg);
}

void
eal_lcore_callbacks_free(void)
{
	pthread_mutex_lock(&eal_lcores.lock);
	while (callbacks != NULL) {
		struct lcore_callback *cb = callbacks;

		callbacks = cb->next;
		free(cb->name);
		free(cb);
	}
	pthread_mutex_unlock(&eal_lcores.lock);
}

static bool
lcore_in_use(unsigned int id)
{
	return __atomic_load_n(&eal_lcores.slot[id].role, __ATOMIC_ACQUIRE) !=
	       ROLE_OFF;
}

RTMEM_EXPORT void *
rte_lcore_callback_register(const char *name, rte_lcore_init_cb init,
			    rte_lcore_uninit_cb uninit, void *arg)
{
	struct lcore_callback *cb, **tail;
	unsigned int id;

	if (name == NULL) {
		EAL_LOG(ERR, "lcore callback: the name is NULL");
		return NULL;
	}
	if (eal_ensure_init() < 0)
		return NULL;
	cb = calloc(1, sizeof(*cb));
	if (cb == NULL || (cb->name = strdup(name)) == NULL) {
		free(cb);
		EAL_LOG(ERR, "lcore callback %s: out of memory", name);
		return NULL;
	}
	cb->init = init;
	cb->uninit = uninit;
	cb->arg = arg;
	pthread_mutex_lock(&eal_lcores.lock);
	for (id = 0; id < RTE_MAX_LCORE && init != NULL; id++) {
		if (!lcore_in_use(id) || init(id, arg) == 0)
			continue;
		EAL_LOG(DEBUG, "lcore callback %s refused lcore %u", name, id);
		while (id-- > 0)
			if (lcore_in_use(id) && uninit != NULL)
				uninit(id, arg);
		pthread_mutex_unlock(&eal_lcores.lock);
		free(cb->name);
		free(cb);
		return NULL;
	}
	for (tail = &callbacks; *tail != NULL; tail = &(*tail)->next)
		;
	*tail = cb;
	pthread_mutex_unlock(&eal_lcores.lock);
	return cb;
}

RTMEM_EXPORT void
rte_lcore_callback_unregister(void *handle)
{
	struct lcore_callback **p;

	if (handle == NULL)
		return;
	pthread_mutex_lock(&eal_lcores.lock);
	for (p = &callbacks; *p != NULL && *p != handle; p = &(*p)->next)
		;
	if (*p == NULL) {
		pthread_mutex_unlock(&eal_lcores.lock);
		EAL_LOG(ERR, "lcore callback %p: not registered", handle);
		return;
	}
	*p = ((struct lcore_callback *)handle)->next;
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++) {
		struct lcore_callback *cb = handle;

		if (lcore_in_use(id) && cb->uninit != NULL)
			cb->uninit(id, cb->arg);
	}
	pthread_mutex_unlock(&eal_lcores.lock);
	free(((struct lcore_callback *)handle)->name);
	free(handle);
}

/* ---- non-EAL thread registration */

static pthread_key_t registered_key;
static pthread_once_t registered_key_once = PTHREAD_ONCE_INIT;

/* Lend slot lcore_id (ROLE_OFF) to a thread running on cpus (lock held). */
static void
take_slot_locked(unsigned int lcore_id, const cpu_set_t *cpus)
{
	struct lcore_slot *s = &eal_lcores.slot[lcore_id];

	s->cpus = *cpus;
	s->socket_id = eal_cpuset_socket(cpus);
	s->index = -1;
	__atomic_store_n(&s->role, ROLE_NON_EAL, __ATOMIC_RELEASE);
	__atomic_fetch_add(&eal_lcores.count, 1, __ATOMIC_RELEASE);
}

/* Make slot lcore_id (ROLE_NON_EAL) free again (lock held). */
static void
free_slot_locked(unsigned int lcore_id)
{
	struct lcore_slot *s = &eal_lcores.slot[lcore_id];

	CPU_ZERO(&s->cpus);
	s->socket_id = cpu_node(lcore_id);
	__atomic_store_n(&s->role, ROLE_OFF, __ATOMIC_RELEASE);
	__atomic_fetch_sub(&eal_lcores.count, 1, __ATOMIC_RELEASE);
}

/* Give back lcore_id (role NON_EAL): its callbacks' uninit, then free. */
static void
release_lcore(unsigned int lcore_id)
{
	pthread_mutex_lock(&eal_lcores.lock);
	eal_lcore_callbacks_uninit(lcore_id);
	free_slot_locked(lcore_id);
	pthread_mutex_unlock(&eal_lcores.lock);
}

/* Thread exit without rte_thread_unregister(): return the id. */
static void
registered_thread_exit(void *value)
{
	unsigned int lcore_id = (unsigned int)(uintptr_t)value - 1;

	if (lcore_id < RTE_MAX_LCORE &&
	    __atomic_load_n(&eal_lcores.slot[lcore_id].role,
			    __ATOMIC_ACQUIRE) == ROLE_NON_EAL)
		release_lcore(lcore_id);
}

static void
registered_key_create(void)
{
	pthread_key_create(&registered_key, registered_thread_exit);
}

RTMEM_EXPORT int
rte_thread_register(void)
{
	unsigned int id;
	cpu_set_t cpus;

	if (eal_ensure_init() < 0)
		return -1;
	if (rte_lcore_id() != LCORE_ID_ANY)
		return 0;
	pthread_once(&registered_key_once, registered_key_create);
	if (pthread_getaffinity_np(pthread_self(), sizeof(cpus), &cpus) != 0)
		CPU_ZERO(&cpus);
	pthread_mutex_lock(&eal_lcores.lock);
	for (id = 0; id < RTE_MAX_LCORE; id++)
		if (!lcore_in_use(id))
			break;
	if (id == RTE_MAX_LCORE) {
		pthread_mutex_unlock(&eal_lcores.lock);
		EAL_LOG(ERR, "thread register: all %d lcore ids are in use",
			RTE_MAX_LCORE);
		rte_errno = ENOMEM;
		return -1;
	}
	take_slot_locked(id, &cpus);
	if (eal_lcore_callbacks_init(id) != 0) {
		free_slot_locked(id); /* the callbacks undid themselves */
		pthread_mutex_unlock(&eal_lcores.lock);
		EAL_LOG(ERR, "thread register: an lcore callback refused lcore %u",
			id);
		rte_errno = ENOMEM;
		return -1;
	}
	pthread_mutex_unlock(&eal_lcores.lock);
	eal_thread_set_lcore(id, &cpus);
	pthread_setspecific(registered_key, (void *)(uintptr_t)(id + 1));
	EAL_LOG(DEBUG, "registered non-EAL thread as lcore %u", id);
	return 0;
}

RTMEM_EXPORT void
rte_thread_unregister(void)
{
	unsigned int id = rte_lcore_id();

	if (id >= RTE_MAX_LCORE ||
	    __atomic_load_n(&eal_lcores.slot[id].role, __ATOMIC_ACQUIRE) !=
		    ROLE_NON_EAL)
		return;
	pthread_setspecific(registered_key, NULL);
	release_lcore(id);
	eal_thread_set_lcore(LCORE_ID_ANY, NULL);
	EAL_LOG(DEBUG, "unregistered non-EAL thread from lcore %u", id);
}

/* ---- names */

RTMEM_EXPORT int
rte_thread_setname(pthread_t id, const char *name)
{
	char shortname[RTE_MAX_THREAD_NAME_LEN];

	if (name == NULL)
		return -EINVAL;
	snprintf(shortname, sizeof(shortname), "%s", name);
	return -pthread_setname_np(id, shortname);
}

RTMEM_EXPORT int
rte_thread_getname(pthread_t id, char *name, size_t len)
{
	if (name == NULL || len == 0)
		return -EINVAL;
	return -pthread_getname_np(id, name, len);
}

/* ---- control threads */

struct ctrl_start {
	void *(*start_routine)(void *);
	void *arg;
};

static void *
ctrl_thread_main(void *p)
{
	struct ctrl_start start = *(struct ctrl_start *)p;

	free(p);
	eal_thread_set_lcore(LCORE_ID_ANY, NULL);
	return start.start_routine(start.arg);
}

RTMEM_EXPORT int
rte_ctrl_thread_create(pthread_t *thread, const char *name,
		       const pthread_attr_t *attr,
		       void *(*start_routine)(void *), void *arg)
{
	struct ctrl_start *start;
	cpu_set_t cpus, used;
	pthread_attr_t a;
	int ret;

	if (thread == NULL || name == NULL || start_routine == NULL)
		return -EINVAL;
	if (eal_ensure_init() < 0)
		return -rte_errno;
	/* the CPUs this process may use, minus those of EAL lcores */
	if (sched_getaffinity(0, sizeof(cpus), &cpus) != 0)
		CPU_ZERO(&cpus);
	CPU_ZERO(&used);
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++)
		if (rte_lcore_is_enabled(id))
			CPU_OR(&used, &used, &eal_lcores.slot[id].cpus);
	for (unsigned int c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &used))
			CPU_CLR(c, &cpus);
	if (CPU_COUNT(&cpus) == 0)
		cpus = eal_lcores.slot[eal_lcores.main_lcore].cpus;
	start = malloc(sizeof(*start));
	if (start == NULL)
		return -ENOMEM;
	start->start_routine = start_routine;
	start->arg = arg;
	if (attr != NULL)
		a = *attr;
	else
		pthread_attr_init(&a);
	pthread_attr_setaffinity_np(&a, sizeof(cpus), &cpus);
	ret = pthread_create(thread, &a, ctrl_thread_main, start);
	if (attr == NULL)
		pthread_attr_destroy(&a);
	if (ret != 0) {
		free(start);
		EAL_LOG(ERR, "control thread %s: cannot start: %s", name,
			strerror(ret));
		return -ret;
	}
	rte_thread_setname(*thread, name);
	return 0;
}

/* ---- rte_thread.h */

struct thread_start {
	rte_thread_func func;
	void *arg;
};

static void *
thread_start_main(void *p)
{
	struct thread_start start = *(struct thread_start *)p;

	free(p);
	return (void *)(uintptr_t)start.func(start.arg);
}

static int
set_priority_attr(pthread_attr_t *a, enum rte_thread_priority prio)
{
	struct sched_param sp = { 0 };

	if (prio == RTE_THREAD_PRIORITY_NORMAL)
		return 0;
	if (prio != RTE_THREAD_PRIORITY_REALTIME_CRITICAL)
		return EINVAL;
	sp.sched_priority = sched_get_priority_max(SCHED_RR);
	pthread_attr_setinheritsched(a, PTHREAD_EXPLICIT_SCHED);
	pthread_attr_setschedpolicy(a, SCHED_RR);
	return pthread_attr_setschedparam(a, &sp);
}

RTMEM_EXPORT int
rte_thread_create(rte_thread_t *thread_id, const rte_thread_attr_t *thread_attr,
		  rte_thread_func thread_func, void *arg)
{
	struct thread_start *start;
	pthread_attr_t a;
	pthread_t t;
	int ret;

	if (thread_id == NULL || thread_func == NULL)
		return EINVAL;
	start = malloc(sizeof(*start));
	if (start == NULL)
		return ENOMEM;
	start->func = thread_func;
	start->arg = arg;
	pthread_attr_init(&a);
	ret = 0;
	if (thread_attr != NULL) {
		if (CPU_COUNT(&thread_attr->cpuset) > 0)
			ret = pthread_attr_setaffinity_np(&a,
				sizeof(thread_attr->cpuset), &thread_attr->cpuset);
		if (ret == 0)
			ret = set_priority_attr(&a, thread_attr->priority);
	}
	if (ret == 0)
		ret = pthread_create(&t, &a, thread_start_main, start);
	pthread_attr_destroy(&a);
	if (ret != 0) {
		free(start);
		return ret;
	}
	thread_id->opaque_id = (uintptr_t)t;
	return 0;
}

RTMEM_EXPORT int
rte_thread_join(rte_thread_t thread_id, uint32_t *value_ptr)
{
	void *res;
	int ret = pthread_join((pthread_t)thread_id.opaque_id, &res);

	if (ret == 0 && value_ptr != NULL)
		*value_ptr = (uint32_t)(uintptr_t)res;
	return ret;
}

RTMEM_EXPORT int
rte_thread_detach(rte_thread_t thread_id)
{
	return pthread_detach((pthread_t)thread_id.opaque_id);
}

RTMEM_EXPORT rte_thread_t
rte_thread_self(void)
{
	rte_thread_t t = { .opaque_id = (uintptr_t)pthread_self() };

	return t;
}

RTMEM_EXPORT int
rte_thread_equal(rte_thread_t t1, rte_thread_t t2)
{
	return pthread_equal((pthread_t)t1.opaque_id, (pthread_t)t2.opaque_id);
}

RTMEM_EXPORT int
rte_thread_attr_init(rte_thread_attr_t *attr)
{
	if (attr == NULL)
		return EINVAL;
	attr->priority = RTE_THREAD_PRIORITY_NORMAL;
	CPU_ZERO(&attr->cpuset);
	return 0;
}

RTMEM_EXPORT int
rte_thread_attr_set_priority(rte_thread_attr_t *thread_attr,
			     enum rte_thread_priority priority)
{
	if (thread_attr == NULL ||
	    (priority != RTE_THREAD_PRIORITY_NORMAL &&
	     priority != RTE_THREAD_PRIORITY_REALTIME_CRITICAL))
		return EINVAL;
	thread_attr->priority = priority;
	return 0;
}

RTMEM_EXPORT int
rte_thread_attr_set_affinity(rte_thread_attr_t *thread_attr,
			     rte_cpuset_t *cpuset)
{
	if (thread_attr == NULL || cpuset == NULL)
		return EINVAL;
	thread_attr->cpuset = *cpuset;
	return 0;
}

RTMEM_EXPORT int
rte_thread_attr_get_affinity(rte_thread_attr_t *thread_attr,
			     rte_cpuset_t *cpuset)
{
	if (thread_attr == NULL || cpuset == NULL)
		return EINVAL;
	*cpuset = thread_attr->cpuset;
	return 0;
}

RTMEM_EXPORT int
rte_thread_set_affinity_by_id(rte_thread_t thread_id,
			      const rte_cpuset_t *cpuset)
{
	if (cpuset == NULL)
		return EINVAL;
	return pthread_setaffinity_np((pthread_t)thread_id.opaque_id,
				      sizeof(*cpuset), cpuset);
}

RTMEM_EXPORT int
rte_thread_get_affinity_by_id(rte_thread_t thread_id, rte_cpuset_t *cpuset)
{
	if (cpuset == NULL)
		return EINVAL;
	return pthread_getaffinity_np((pthread_t)thread_id.opaque_id,
				      sizeof(*cpuset), cpuset);
}

RTMEM_EXPORT int
rte_thread_set_affinity(rte_cpuset_t *cpusetp)
{
	unsigned int id = rte_lcore_id();

	if (cpusetp == NULL ||
	    pthread_setaffinity_np(pthread_self(), sizeof(*cpusetp), cpusetp) != 0)
		return -1;
	RTE_PER_LCORE(_socket_id) = eal_cpuset_socket(cpusetp);
	RTE_PER_LCORE(_cpuset) = *cpusetp;
	if (id < RTE_MAX_LCORE) {
		eal_lcores.slot[id].cpus = *cpusetp;
		eal_lcores.slot[id].socket_id = RTE_PER_LCORE(_socket_id);
	}
	return 0;
}

RTMEM_EXPORT void
rte_thread_get_affinity(rte_cpuset_t *cpusetp)
{
	if (cpusetp != NULL)
		*cpusetp = RTE_PER_LCORE(_cpuset);
}

RTMEM_EXPORT int
rte_thread_get_priority(rte_thread_t thread_id,
			enum rte_thread_priority *priority)
{
	struct sched_param sp;
	int policy, ret;

	if (priority == NULL)
		return EINVAL;
	ret = pthread_getschedparam((pthread_t)thread_id.opaque_id, &policy, &sp);
	if (ret != 0)
		return ret;
	*priority = policy == SCHED_RR || policy == SCHED_FIFO
		? RTE_THREAD_PRIORITY_REALTIME_CRITICAL
		: RTE_THREAD_PRIORITY_NORMAL;
	return 0;
}

RTMEM_EXPORT int
rte_thread_set_priority(rte_thread_t thread_id,
			enum rte_thread_priority priority)
{
	struct sched_param sp = { 0 };
	int policy = SCHED_OTHER;

	if (priority == RTE_THREAD_PRIORITY_REALTIME_CRITICAL) {
		policy = SCHED_RR;
		sp.sched_priority = sched_get_priority_max(SCHED_RR);
	} else if (priority != RTE_THREAD_PRIORITY_NORMAL) {
		return EINVAL;
	}
	return pthread_setschedparam((pthread_t)thread_id.opaque_id, policy, &sp);
}

struct eal_tls_key {
	pthread_key_t key;
};

RTMEM_EXPORT int
rte_thread_key_create(rte_thread_key *key, void (*destructor)(void *))
{
	if (key == NULL) {
		rte_errno = EINVAL;
		return -1;
	}
	*key = malloc(sizeof(**key));
	if (*key == NULL) {
		rte_errno = ENOMEM;
		return -1;
	}
	if (pthread_key_create(&(*key)->key, destructor) != 0) {
		free(*key);
		*key = NULL;
		rte_errno = ENOEXEC;
		return -1;
	}
	return 0;
}

RTMEM_EXPORT int
rte_thread_key_delete(rte_thread_key key)
{
	if (key == NULL) {
		rte_errno = EINVAL;
		return -1;
	}
	if (pthread_key_delete(key->key) != 0) {
		rte_errno = ENOEXEC;
		return -1;
	}
	free(key);
	return 0;
}

RTMEM_EXPORT int
rte_thread_value_set(rte_thread_key key, const void *value)
{
	if (key == NULL) {
		rte_errno = EINVAL;
		return -1;
	}
	if (pthread_setspecific(key->key, value) != 0) {
		rte_errno = ENOEXEC;
		return -1;
	}
	return 0;
}

RTMEM_EXPORT void *
rte_thread_value_get(rte_thread_key key)
{
	if (key == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	return pthread_getspecific(key->key);
}
