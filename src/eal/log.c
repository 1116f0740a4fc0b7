/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * log.c: the log type registry, level filtering and message output behind
 * rte_log.h, plus the --log-level helpers of eal_private.h.
 *
 * Key structures
 *   log_chunks[]   The type table. Id -> struct log_type, stored in chunks
 *                  that are allocated once and never moved or freed: chunk 0
 *                  is the static array of the 32 built-in ids, chunk k > 0
 *                  holds the next 32 << k ids. So an entry's address never
 *                  changes and the table grows without limit (up to INT_MAX
 *                  ids) without copying:
 *
 *                    chunk 0: ids   0..31   (static, built-in names)
 *                    chunk 1: ids  32..95   (calloc'd on first need)
 *                    chunk 2: ids  96..223
 *                    chunk k: ids 32*(2^k - 1) .. 32*(2^(k+1) - 1) - 1
 *
 *   log_nb_types   How many ids are published. Entries below it are fully
 *                  built; their name never changes again.
 *   log_opts       The --log-level patterns and regexes, in the order given
 *                  (eal_log_save_pattern/regexp). Consulted by
 *                  rte_log_register_type_and_pick_level(); last match wins.
 *   log_global_level, log_stream, and the per-thread log_cur_msg.
 *
 * Locks and invariants (lock order: log_write_lock, then log_lock)
 *   log_lock (a plain mutex, a leaf: nothing is locked under it and no user
 *   code runs under it) serialises every writer of the table (registration),
 *   of log_opts, and of the pattern/regex/reset level sweeps.
 *   log_write_lock is held around writing one message (see Output); a
 *   thread-local depth lets a stream callback log again without taking it
 *   twice.
 *   Both are taken in a pthread_atfork() prepare handler and released in the
 *   parent and in the child (plain mutexes, released by the thread that
 *   took them), so fork() while another thread logs or registers leaves a
 *   usable logger in the child.
 *   Readers take no lock: they load log_nb_types with acquire, which pairs
 *   with the release store that published the entry (and the chunk pointer
 *   written before it), then read the entry. Levels are atomics read and
 *   written relaxed: a level change is a hint that takes effect "soon", no
 *   other data hangs off it. So rte_log_can_log() is two relaxed loads, one
 *   acquire load and a little arithmetic.
 *
 * Output
 *   rte_vlog() formats the message into a stack buffer (heap for long ones)
 *   before taking any lock, then writes it with one fwrite() and flushes,
 *   under log_write_lock and flockfile(): messages from different threads
 *   never interleave, and on an unbuffered stream each message is one
 *   write(2). flockfile() alone would suffice for correctness (it also keeps
 *   other writers of the FILE out); log_write_lock is there because thread
 *   sanitizers do not see glibc's FILE lock and would report the stream's
 *   buffer as racy.
 *   The thread's log_cur_msg is set before the write so a fopencookie()
 *   stream can ask rte_log_cur_msg_loglevel/logtype() from its callback.
 *
 * Who may call what: everything, from any thread, at any time, also before
 * main() (RTE_LOG_REGISTER constructors): the built-in table is static data,
 * so there is no initialisation order to respect. eal_log_reset() is meant
 * for rte_eal_cleanup(); it forgets the options and restores every type's
 * default level (the one given at registration) and the global level.
 */
#include <errno.h>
#include <fnmatch.h>
#include <pthread.h>
#include <regex.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <rte_log.h>

#include "eal_private.h"
#include "internal/rtmem_export.h"

/* Size of chunk 0; chunk k holds LOG_CHUNK0_SIZE << k entries. */
#define LOG_CHUNK0_SIZE RTE_LOGTYPE_FIRST_EXT_ID
/* Chunks 0..25 cover 32 * (2^26 - 1) ids, just under INT_MAX. */
#define LOG_CHUNKS_MAX 26
#define LOG_TYPES_MAX ((uint32_t)LOG_CHUNK0_SIZE * ((1u << LOG_CHUNKS_MAX) - 1))

/* Messages up to this size are formatted on the stack. */
#define LOG_MSG_STACK_SIZE 512

/** One log type. */
struct log_type {
	/* Type name; NULL for the unnamed built-in ids 21..23. Set before the
	 * entry is published, never changed afterwards. */
	const char *name;
	/* Current level; any thread, relaxed loads and stores. */
	_Atomic uint32_t level;
	/* Level restored by eal_log_reset(); written under log_lock. */
	uint32_t default_level;
};

#define LOG_BUILTIN(id, n) \
	[id] = { .name = (n), .level = RTE_LOG_INFO, .default_level = RTE_LOG_INFO }

/* Chunk 0: the built-in ids with DPDK 22.11's names; 21..23 stay unnamed. */
static struct log_type log_types_builtin[LOG_CHUNK0_SIZE] = {
	LOG_BUILTIN(RTE_LOGTYPE_EAL, "lib.eal"),
	LOG_BUILTIN(RTE_LOGTYPE_MALLOC, "lib.malloc"),
	LOG_BUILTIN(RTE_LOGTYPE_RING, "lib.ring"),
	LOG_BUILTIN(RTE_LOGTYPE_MEMPOOL, "lib.mempool"),
	LOG_BUILTIN(RTE_LOGTYPE_TIMER, "lib.timer"),
	LOG_BUILTIN(RTE_LOGTYPE_PMD, "pmd"),
	LOG_BUILTIN(RTE_LOGTYPE_HASH, "lib.hash"),
	LOG_BUILTIN(RTE_LOGTYPE_LPM, "lib.lpm"),
	LOG_BUILTIN(RTE_LOGTYPE_KNI, "lib.kni"),
	LOG_BUILTIN(RTE_LOGTYPE_ACL, "lib.acl"),
	LOG_BUILTIN(RTE_LOGTYPE_POWER, "lib.power"),
	LOG_BUILTIN(RTE_LOGTYPE_METER, "lib.meter"),
	LOG_BUILTIN(RTE_LOGTYPE_SCHED, "lib.sched"),
	LOG_BUILTIN(RTE_LOGTYPE_PORT, "lib.port"),
	LOG_BUILTIN(RTE_LOGTYPE_TABLE, "lib.table"),
	LOG_BUILTIN(RTE_LOGTYPE_PIPELINE, "lib.pipeline"),
	LOG_BUILTIN(RTE_LOGTYPE_MBUF, "lib.mbuf"),
	LOG_BUILTIN(RTE_LOGTYPE_CRYPTODEV, "lib.cryptodev"),
	LOG_BUILTIN(RTE_LOGTYPE_EFD, "lib.efd"),
	LOG_BUILTIN(RTE_LOGTYPE_EVENTDEV, "lib.eventdev"),
	LOG_BUILTIN(RTE_LOGTYPE_GSO, "lib.gso"),
	LOG_BUILTIN(RTE_LOGTYPE_USER1, "user1"),
	LOG_BUILTIN(RTE_LOGTYPE_USER2, "user2"),
	LOG_BUILTIN(RTE_LOGTYPE_USER3, "user3"),
	LOG_BUILTIN(RTE_LOGTYPE_USER4, "user4"),
	LOG_BUILTIN(RTE_LOGTYPE_USER5, "user5"),
	LOG_BUILTIN(RTE_LOGTYPE_USER6, "user6"),
	LOG_BUILTIN(RTE_LOGTYPE_USER7, "user7"),
	LOG_BUILTIN(RTE_LOGTYPE_USER8, "user8"),
};

/* Chunk pointers; entry k is written once, under log_lock, before the first
 * id of chunk k is published. */
static struct log_type *log_chunks[LOG_CHUNKS_MAX] = { log_types_builtin };

/* Number of published ids; written under log_lock with release. */
static _Atomic uint32_t log_nb_types = LOG_CHUNK0_SIZE;

static _Atomic uint32_t log_global_level = RTE_LOG_DEBUG;

/* The stream set by rte_openlog_stream(); NULL means stderr. */
static _Atomic(FILE *) log_stream;

/** A saved --log-level pattern or regex; immutable once in the list. */
struct log_opt {
	struct log_opt *next;  /* next in the order given */
	uint32_t level;        /* level to apply, 1..8 */
	bool is_regex;         /* re is compiled; else pattern is for fnmatch */
	regex_t re;            /* compiled regex when is_regex */
	char pattern[];        /* fnmatch pattern, or the regex source */
};

/* The saved options, oldest first; both under log_lock. */
static struct log_opt *log_opts;
static struct log_opt **log_opts_tail = &log_opts;

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t log_write_lock = PTHREAD_MUTEX_INITIALIZER;
/* How deep this thread is inside log_write_lock: a stream callback that
 * logs again must not take it twice. */
static __thread unsigned int log_write_depth;

static void
log_write_begin(void)
{
	if (log_write_depth++ == 0)
		pthread_mutex_lock(&log_write_lock);
}

static void
log_write_end(void)
{
	if (--log_write_depth == 0)
		pthread_mutex_unlock(&log_write_lock);
}

/* Level and type of the message the thread writes (or wrote last). */
static _Thread_local struct {
	int level;
	int type;
} log_cur_msg;

/* Level names for parsing (aliases included) and for rte_log_dump(). */
static const struct {
	const char *name;
	uint32_t level;
} log_level_names[] = {
	{ "emerg", RTE_LOG_EMERG },
	{ "alert", RTE_LOG_ALERT },
	{ "crit", RTE_LOG_CRIT },
	{ "err", RTE_LOG_ERR },
	{ "error", RTE_LOG_ERR },
	{ "warning", RTE_LOG_WARNING },
	{ "warn", RTE_LOG_WARNING },
	{ "notice", RTE_LOG_NOTICE },
	{ "info", RTE_LOG_INFO },
	{ "debug", RTE_LOG_DEBUG },
};

static const char *
log_level_to_string(uint32_t level)
{
	static const char *const names[] = {
		"disabled", "emerg", "alert", "crit", "err",
		"warning", "notice", "info", "debug",
	};

	return level < sizeof(names) / sizeof(names[0]) ? names[level] : "unknown";
}

/* A level the setters accept: 0 (the type prints nothing, as DPDK 22.11
 * allows) to RTE_LOG_MAX. The --log-level option asks for 1..8. */
static inline bool
log_level_valid(uint32_t level)
{
	return level <= RTE_LOG_MAX;
}

/* Entry of an id below the published count (precondition, not checked). */
static inline struct log_type *
log_type_slot(uint32_t id)
{
	uint64_t q = (uint64_t)id / LOG_CHUNK0_SIZE + 1;
	unsigned int k = 63u - (unsigned int)__builtin_clzll(q);
	uint64_t base = (uint64_t)LOG_CHUNK0_SIZE * ((1ull << k) - 1);

	return &log_chunks[k][id - base];
}

/* Entry of a published id, or NULL. Lock-free. */
static inline struct log_type *
log_type_get(uint32_t id)
{
	/* Acquire: pairs with the release store of log_nb_types in
	 * log_register_locked(), making the entry's name, level and its
	 * chunk pointer visible. */
	if (id >= atomic_load_explicit(&log_nb_types, memory_order_acquire))
		return NULL;
	return log_type_slot(id);
}

/* Id of a registered name, or -1. Caller holds log_lock. */
static int
log_lookup_locked(const char *name)
{
	uint32_t n = atomic_load_explicit(&log_nb_types, memory_order_relaxed);
	uint32_t id;

	for (id = 0; id < n; id++) {
		const struct log_type *t = log_type_slot(id);

		if (t->name != NULL && strcmp(t->name, name) == 0)
			return (int)id;
	}
	return -1;
}

/* Append a new type; returns its id or -ENOMEM. Caller holds log_lock. */
static int
log_register_locked(const char *name, uint32_t level)
{
	uint32_t id = atomic_load_explicit(&log_nb_types, memory_order_relaxed);
	uint64_t q = (uint64_t)id / LOG_CHUNK0_SIZE + 1;
	unsigned int k = 63u - (unsigned int)__builtin_clzll(q);
	struct log_type *t;
	char *copy;

	if (id >= LOG_TYPES_MAX)
		return -ENOMEM;
	if (log_chunks[k] == NULL) {
		struct log_type *chunk = calloc((size_t)LOG_CHUNK0_SIZE << k,
						sizeof(*chunk));

		if (chunk == NULL)
			return -ENOMEM;
		log_chunks[k] = chunk;
	}
	copy = strdup(name);
	if (copy == NULL)
		return -ENOMEM;
	t = log_type_slot(id);
	t->name = copy;
	t->default_level = level;
	atomic_store_explicit(&t->level, level, memory_order_relaxed);
	/* Release: publishes the entry built above (and the chunk pointer);
	 * pairs with the acquire load in log_type_get(). */
	atomic_store_explicit(&log_nb_types, id + 1, memory_order_release);
	return (int)id;
}

/* Does name match the compiled regex re, or (re NULL) the fnmatch pattern? */
static bool
log_name_matches(const char *pattern, const regex_t *re, const char *name)
{
	if (re != NULL)
		return regexec(re, name, 0, NULL, 0) == 0;
	return fnmatch(pattern, name, 0) == 0;
}

static bool
log_opt_matches(const struct log_opt *opt, const char *name)
{
	return log_name_matches(opt->pattern, opt->is_regex ? &opt->re : NULL,
				name);
}

/* Set the level of every named type that matches (see log_name_matches).
 * Caller holds log_lock. */
static void
log_apply_locked(const char *pattern, const regex_t *re, uint32_t level)
{
	uint32_t n = atomic_load_explicit(&log_nb_types, memory_order_relaxed);
	uint32_t id;

	for (id = 0; id < n; id++) {
		struct log_type *t = log_type_slot(id);

		if (t->name != NULL && log_name_matches(pattern, re, t->name))
			atomic_store_explicit(&t->level, level,
					      memory_order_relaxed);
	}
}

RTMEM_EXPORT int
rte_openlog_stream(FILE *f)
{
	/* Release: a thread that picks f up (acquire in rte_log_get_stream)
	 * also sees whatever the caller did to set the stream up. */
	atomic_store_explicit(&log_stream, f, memory_order_release);
	return 0;
}

RTMEM_EXPORT FILE *
rte_log_get_stream(void)
{
	/* Acquire: pairs with the release in rte_openlog_stream(). */
	FILE *f = atomic_load_explicit(&log_stream, memory_order_acquire);

	return f != NULL ? f : stderr;
}

RTMEM_EXPORT void
rte_log_set_global_level(uint32_t level)
{
	atomic_store_explicit(&log_global_level, level, memory_order_relaxed);
}

RTMEM_EXPORT uint32_t
rte_log_get_global_level(void)
{
	return atomic_load_explicit(&log_global_level, memory_order_relaxed);
}

RTMEM_EXPORT int
rte_log_get_level(uint32_t logtype)
{
	struct log_type *t = log_type_get(logtype);

	if (t == NULL)
		return -1;
	return (int)atomic_load_explicit(&t->level, memory_order_relaxed);
}

RTMEM_EXPORT bool
rte_log_can_log(uint32_t logtype, uint32_t loglevel)
{
	struct log_type *t;

	if (loglevel > atomic_load_explicit(&log_global_level,
					    memory_order_relaxed))
		return false;
	t = log_type_get(logtype);
	if (t == NULL)
		return false;
	return loglevel <= atomic_load_explicit(&t->level, memory_order_relaxed);
}

RTMEM_EXPORT int
rte_log_set_level(uint32_t logtype, uint32_t level)
{
	struct log_type *t = log_type_get(logtype);

	if (t == NULL || !log_level_valid(level))
		return -1;
	atomic_store_explicit(&t->level, level, memory_order_relaxed);
	return 0;
}

RTMEM_EXPORT int
rte_log_set_level_pattern(const char *pattern, uint32_t level)
{
	if (pattern == NULL || !log_level_valid(level))
		return -1;
	pthread_mutex_lock(&log_lock);
	log_apply_locked(pattern, NULL, level);
	pthread_mutex_unlock(&log_lock);
	return 0;
}

RTMEM_EXPORT int
rte_log_set_level_regexp(const char *regex, uint32_t level)
{
	regex_t re;

	if (regex == NULL || !log_level_valid(level))
		return -1;
	if (regcomp(&re, regex, REG_NOSUB) != 0)
		return -1;
	pthread_mutex_lock(&log_lock);
	log_apply_locked(regex, &re, level);
	pthread_mutex_unlock(&log_lock);
	regfree(&re);
	return 0;
}

RTMEM_EXPORT int
rte_log_cur_msg_loglevel(void)
{
	return log_cur_msg.level;
}

RTMEM_EXPORT int
rte_log_cur_msg_logtype(void)
{
	return log_cur_msg.type;
}

/* The id of name, registered at level if new (log_lock held). */
static int
log_lookup_or_register_locked(const char *name, uint32_t level)
{
	int id = log_lookup_locked(name);

	return id >= 0 ? id : log_register_locked(name, level);
}

RTMEM_EXPORT int
rte_log_register(const char *name)
{
	int id;

	if (name == NULL)
		return -EINVAL;
	pthread_mutex_lock(&log_lock);
	id = log_lookup_or_register_locked(name, RTE_LOG_INFO);
	pthread_mutex_unlock(&log_lock);
	return id;
}

RTMEM_EXPORT int
rte_log_register_type_and_pick_level(const char *name, uint32_t level_def)
{
	const struct log_opt *opt;
	uint32_t level = level_def;
	struct log_type *t;
	int id;

	if (name == NULL)
		return -EINVAL;
	pthread_mutex_lock(&log_lock);
	id = log_lookup_or_register_locked(name, level_def);
	if (id >= 0) {
		for (opt = log_opts; opt != NULL; opt = opt->next)
			if (log_opt_matches(opt, name))
				level = opt->level;
		t = log_type_slot((uint32_t)id);
		t->default_level = level_def;
		atomic_store_explicit(&t->level, level, memory_order_relaxed);
	}
	pthread_mutex_unlock(&log_lock);
	return id;
}

RTMEM_EXPORT void
rte_log_list_types(FILE *out, const char *prefix)
{
	uint32_t n = atomic_load_explicit(&log_nb_types, memory_order_acquire);
	uint32_t id;

	if (out == NULL)
		return;
	if (prefix == NULL)
		prefix = "";
	/* No lock: published entries are immutable but for their level, and
	 * out may be a user stream that logs from its callback. */
	for (id = 0; id < n; id++) {
		const struct log_type *t = log_type_slot(id);

		if (t->name != NULL)
			fprintf(out, "%s%s\n", prefix, t->name);
	}
}

RTMEM_EXPORT void
rte_log_dump(FILE *f)
{
	uint32_t n = atomic_load_explicit(&log_nb_types, memory_order_acquire);
	uint32_t id;

	if (f == NULL)
		return;
	fprintf(f, "global log level is %s\n",
		log_level_to_string(rte_log_get_global_level()));
	for (id = 0; id < n; id++) {
		struct log_type *t = log_type_slot(id);

		if (t->name == NULL)
			continue;
		fprintf(f, "id %u: %s, level is %s\n", id, t->name,
			log_level_to_string(atomic_load_explicit(
				&t->level, memory_order_relaxed)));
	}
}

RTMEM_EXPORT int
rte_vlog(uint32_t level, uint32_t logtype, const char *format, va_list ap)
{
	char stack_buf[LOG_MSG_STACK_SIZE];
	char *msg = stack_buf;
	va_list ap_copy;
	bool ok = true;
	FILE *f;
	int len;

	if (format == NULL || log_type_get(logtype) == NULL)
		return -1;
	if (!rte_log_can_log(logtype, level))
		return 0;

	/* Format first, outside the stream lock. */
	va_copy(ap_copy, ap);
	len = vsnprintf(stack_buf, sizeof(stack_buf), format, ap_copy);
	va_end(ap_copy);
	if (len < 0)
		return -1;
	if ((size_t)len >= sizeof(stack_buf)) {
		msg = malloc((size_t)len + 1);
		/* Out of memory: print straight to the stream below. */
		if (msg != NULL)
			vsnprintf(msg, (size_t)len + 1, format, ap);
	}

	f = rte_log_get_stream();
	log_cur_msg.level = (int)level;
	log_cur_msg.type = (int)logtype;
	log_write_begin();
	flockfile(f);
	if (msg != NULL)
		ok = fwrite(msg, 1, (size_t)len, f) == (size_t)len;
	else
		ok = vfprintf(f, format, ap) >= 0;
	if (fflush(f) != 0)
		ok = false;
	funlockfile(f);
	log_write_end();
	if (msg != stack_buf)
		free(msg);
	return ok ? len : -1;
}

RTMEM_EXPORT int
rte_log(uint32_t level, uint32_t logtype, const char *format, ...)
{
	va_list ap;
	int ret;

	va_start(ap, format);
	ret = rte_vlog(level, logtype, format, ap);
	va_end(ap);
	return ret;
}

/* ---- fork: never leave the child with a lock held by a vanished thread */

static void
log_atfork_prepare(void)
{
	/* a fork from inside a stream callback already holds the write lock */
	if (log_write_depth == 0)
		pthread_mutex_lock(&log_write_lock);
	pthread_mutex_lock(&log_lock);
}

static void
log_atfork_parent(void)
{
	pthread_mutex_unlock(&log_lock);
	if (log_write_depth == 0)
		pthread_mutex_unlock(&log_write_lock);
}

static void
log_atfork_child(void)
{
	/* The forking thread took both in prepare; it is the child's only
	 * thread, so it releases them (plain mutexes: no owner check). */
	pthread_mutex_unlock(&log_lock);
	if (log_write_depth == 0)
		pthread_mutex_unlock(&log_write_lock);
}

__attribute__((constructor)) static void
log_init_atfork(void)
{
	pthread_atfork(log_atfork_prepare, log_atfork_parent, log_atfork_child);
}

/* ---- eal_private.h: the --log-level option */

int
eal_log_parse_level(const char *text, uint32_t *level)
{
	size_t len, i;
	uint32_t found = 0;

	if (text == NULL || level == NULL || text[0] == '\0')
		return -EINVAL;
	len = strlen(text);

	if (text[0] >= '0' && text[0] <= '9') {
		uint32_t v = 0;

		for (i = 0; i < len; i++) {
			if (text[i] < '0' || text[i] > '9')
				return -EINVAL;
			v = v * 10 + (uint32_t)(text[i] - '0');
			if (v > RTE_LOG_MAX)
				return -EINVAL;
		}
		if (v < RTE_LOG_EMERG)
			return -EINVAL;
		*level = v;
		return 0;
	}

	/* A name or a prefix of one; ambiguous only if the names it starts
	 * differ in level ("e": emerg or err), so "warn" and "er" are fine. */
	for (i = 0; i < sizeof(log_level_names) / sizeof(log_level_names[0]); i++) {
		const char *name = log_level_names[i].name;

		if (len > strlen(name) || strncasecmp(text, name, len) != 0)
			continue;
		if (found != 0 && found != log_level_names[i].level)
			return -EINVAL;
		found = log_level_names[i].level;
	}
	if (found == 0)
		return -EINVAL;
	*level = found;
	return 0;
}

/* Append opt to the saved list and apply it to the existing types. */
static void
log_save_opt(struct log_opt *opt)
{
	pthread_mutex_lock(&log_lock);
	*log_opts_tail = opt;
	log_opts_tail = &opt->next;
	log_apply_locked(opt->pattern, opt->is_regex ? &opt->re : NULL,
			 opt->level);
	pthread_mutex_unlock(&log_lock);
}

/* A new unlinked option holding a copy of text, or NULL. */
static struct log_opt *
log_opt_new(const char *text, uint32_t level)
{
	size_t len = strlen(text);
	struct log_opt *opt = calloc(1, sizeof(*opt) + len + 1);

	if (opt == NULL)
		return NULL;
	memcpy(opt->pattern, text, len + 1);
	opt->level = level;
	return opt;
}

int
eal_log_save_pattern(const char *pattern, uint32_t level)
{
	struct log_opt *opt;

	if (pattern == NULL || !log_level_valid(level))
		return -EINVAL;
	opt = log_opt_new(pattern, level);
	if (opt == NULL)
		return -ENOMEM;
	log_save_opt(opt);
	return 0;
}

int
eal_log_save_regexp(const char *regex, uint32_t level)
{
	struct log_opt *opt;
	int rc;

	if (regex == NULL || !log_level_valid(level))
		return -EINVAL;
	opt = log_opt_new(regex, level);
	if (opt == NULL)
		return -ENOMEM;
	rc = regcomp(&opt->re, regex, REG_NOSUB);
	if (rc != 0) {
		free(opt);
		return rc == REG_ESPACE ? -ENOMEM : -EINVAL;
	}
	opt->is_regex = true;
	log_save_opt(opt);
	return 0;
}

void
eal_log_reset(void)
{
	struct log_opt *opt, *next;
	uint32_t n, id;

	pthread_mutex_lock(&log_lock);
	for (opt = log_opts; opt != NULL; opt = next) {
		next = opt->next;
		if (opt->is_regex)
			regfree(&opt->re);
		free(opt);
	}
	log_opts = NULL;
	log_opts_tail = &log_opts;
	atomic_store_explicit(&log_global_level, RTE_LOG_DEBUG,
			      memory_order_relaxed);
	n = atomic_load_explicit(&log_nb_types, memory_order_relaxed);
	for (id = 0; id < n; id++) {
		struct log_type *t = log_type_slot(id);

		atomic_store_explicit(&t->level, t->default_level,
				      memory_order_relaxed);
	}
	pthread_mutex_unlock(&log_lock);
}
