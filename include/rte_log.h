/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Leveled, typed logging.
 *
 * Every message has a level (RTE_LOG_EMERG, the most severe, to
 * RTE_LOG_DEBUG) and a log type: a small integer id naming the component
 * that speaks. Ids 0..31 are built in (RTE_LOGTYPE_EAL ... RTE_LOGTYPE_USER8,
 * registered as "lib.eal", "lib.malloc", ..., "user1".."user8"); further ids
 * are handed out by rte_log_register() from RTE_LOGTYPE_FIRST_EXT_ID on, with
 * no fixed limit on their number. A message is written when its level is at
 * most the global level (default RTE_LOG_DEBUG) and at most its type's level
 * (default RTE_LOG_INFO).
 *
 * Output: each message is formatted first and then written to the log stream
 * with a single write under flockfile(), so messages from different threads
 * never interleave, and the stream is flushed. No newline is added: the
 * caller supplies it, as with printf().
 *
 * Difference from DPDK 22.11: the default stream is stderr, before and after
 * rte_eal_init() (DPDK 22.11 switches to a stdout+syslog stream at init;
 * later DPDK releases also write to stderr). rte_openlog_stream() changes it.
 *
 * Thread safety: every function may be called from any thread at any time,
 * including from constructors that run before main() (RTE_LOG_REGISTER).
 * Checking whether a message is wanted (rte_log_can_log()) takes no lock.
 */
#ifndef _RTE_LOG_H_
#define _RTE_LOG_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <rte_common.h>
#include <rte_config.h>

/* Built-in log types; the name each is registered under is in brackets. */
#define RTE_LOGTYPE_EAL        0 /**< EAL ("lib.eal"). */
#define RTE_LOGTYPE_MALLOC     1 /**< Heap allocator ("lib.malloc"). */
#define RTE_LOGTYPE_RING       2 /**< Rings ("lib.ring"). */
#define RTE_LOGTYPE_MEMPOOL    3 /**< Memory pools ("lib.mempool"). */
#define RTE_LOGTYPE_TIMER      4 /**< Timers ("lib.timer"). */
#define RTE_LOGTYPE_PMD        5 /**< Poll mode drivers ("pmd"). */
#define RTE_LOGTYPE_HASH       6 /**< Hash tables ("lib.hash"). */
#define RTE_LOGTYPE_LPM        7 /**< Longest prefix match ("lib.lpm"). */
#define RTE_LOGTYPE_KNI        8 /**< Kernel NIC interface ("lib.kni"). */
#define RTE_LOGTYPE_ACL        9 /**< Access control lists ("lib.acl"). */
#define RTE_LOGTYPE_POWER     10 /**< Power management ("lib.power"). */
#define RTE_LOGTYPE_METER     11 /**< QoS metering ("lib.meter"). */
#define RTE_LOGTYPE_SCHED     12 /**< QoS scheduler ("lib.sched"). */
#define RTE_LOGTYPE_PORT      13 /**< Packet framework ports ("lib.port"). */
#define RTE_LOGTYPE_TABLE     14 /**< Packet framework tables ("lib.table"). */
#define RTE_LOGTYPE_PIPELINE  15 /**< Packet framework pipelines ("lib.pipeline"). */
#define RTE_LOGTYPE_MBUF      16 /**< Packet buffers ("lib.mbuf"). */
#define RTE_LOGTYPE_CRYPTODEV 17 /**< Crypto devices ("lib.cryptodev"). */
#define RTE_LOGTYPE_EFD       18 /**< Elastic flow distributor ("lib.efd"). */
#define RTE_LOGTYPE_EVENTDEV  19 /**< Event devices ("lib.eventdev"). */
#define RTE_LOGTYPE_GSO       20 /**< Generic segmentation offload ("lib.gso"). */

/* Types reserved for applications. */
#define RTE_LOGTYPE_USER1     24 /**< Application type 1 ("user1"). */
#define RTE_LOGTYPE_USER2     25 /**< Application type 2 ("user2"). */
#define RTE_LOGTYPE_USER3     26 /**< Application type 3 ("user3"). */
#define RTE_LOGTYPE_USER4     27 /**< Application type 4 ("user4"). */
#define RTE_LOGTYPE_USER5     28 /**< Application type 5 ("user5"). */
#define RTE_LOGTYPE_USER6     29 /**< Application type 6 ("user6"). */
#define RTE_LOGTYPE_USER7     30 /**< Application type 7 ("user7"). */
#define RTE_LOGTYPE_USER8     31 /**< Application type 8 ("user8"). */

/** The first id that rte_log_register() hands out for a new name. */
#define RTE_LOGTYPE_FIRST_EXT_ID 32

/* Levels, most severe first; 0 is left unused. */
#define RTE_LOG_EMERG    1U  /**< The system cannot be used. */
#define RTE_LOG_ALERT    2U  /**< Someone must act now. */
#define RTE_LOG_CRIT     3U  /**< A critical condition. */
#define RTE_LOG_ERR      4U  /**< An error. */
#define RTE_LOG_WARNING  5U  /**< A warning. */
#define RTE_LOG_NOTICE   6U  /**< Normal but worth noticing. */
#define RTE_LOG_INFO     7U  /**< Information. */
#define RTE_LOG_DEBUG    8U  /**< Debugging detail. */
#define RTE_LOG_MAX RTE_LOG_DEBUG /**< The most verbose level. */

/**
 * Send all later messages to another stream.
 *
 * The stream must stay open while it is in use; the library never closes
 * it. Thread-safe; a message being written while the stream changes goes
 * wholly to the old or wholly to the new stream.
 *
 * @param f
 *   The new stream, or NULL to return to the default (stderr, looked up at
 *   each message, so a reopened stderr is followed).
 * @return
 *   0 (this implementation cannot fail).
 */
int rte_openlog_stream(FILE *f);

/**
 * Get the stream messages are written to.
 *
 * @return
 *   The stream given to rte_openlog_stream(), or stderr when none (or NULL)
 *   was given. Never NULL.
 */
FILE *rte_log_get_stream(void);

/**
 * Set the global level: messages above it are dropped whatever their type.
 *
 * @param level
 *   The new level, RTE_LOG_EMERG (1) to RTE_LOG_DEBUG (8). As in DPDK the
 *   value is stored unchecked: 0 silences everything, values above 8 let
 *   the type levels alone decide.
 */
void rte_log_set_global_level(uint32_t level);

/**
 * Get the global level.
 *
 * @return
 *   The level last set by rte_log_set_global_level() or --log-level;
 *   RTE_LOG_DEBUG by default.
 */
uint32_t rte_log_get_global_level(void);

/**
 * Get the level of one log type.
 *
 * @param logtype
 *   The log type id.
 * @return
 *   The type's level (1..8; 0 for the unnamed ids 21..23 left unset), or -1
 *   if no such id has been handed out.
 */
int rte_log_get_level(uint32_t logtype);

/**
 * Tell whether a message of this type and level would be written.
 *
 * Cheap and lock-free: a few loads, safe against concurrent registration and
 * level changes. Use it to skip expensive formatting.
 *
 * @param logtype
 *   The log type id.
 * @param loglevel
 *   The level of the message, RTE_LOG_EMERG (1) to RTE_LOG_DEBUG (8).
 * @return
 *   true if logtype exists and loglevel is at most both the type's level and
 *   the global level; false otherwise.
 */
bool rte_log_can_log(uint32_t logtype, uint32_t loglevel);

/**
 * Set the level of every registered type whose name matches a shell pattern.
 *
 * Matching uses fnmatch(3) without flags ("lib.*", "pmd.net.*"). Types
 * registered later are not affected (see the --log-level option for that).
 *
 * @param pattern
 *   The pattern to match type names against.
 * @param level
 *   The new level, 1..8.
 * @return
 *   0 on success (also when nothing matched); -1 if level is outside 1..8
 *   or pattern is NULL.
 */
int rte_log_set_level_pattern(const char *pattern, uint32_t level);

/**
 * Set the level of every registered type whose name matches a regex.
 *
 * The expression is a POSIX basic regular expression (regcomp(3) without
 * flags), searched for anywhere in the name: anchor it with ^ and $ to match
 * whole names. Types registered later are not affected.
 *
 * @param regex
 *   The regular expression.
 * @param level
 *   The new level, 1..8.
 * @return
 *   0 on success (also when nothing matched); -1 if level is outside 1..8,
 *   regex is NULL or it does not compile.
 */
int rte_log_set_level_regexp(const char *regex, uint32_t level);

/**
 * Set the level of one log type.
 *
 * Level 0 is accepted, as DPDK 22.11 does: the type then prints nothing.
 *
 * @param logtype
 *   The log type id.
 * @param level
 *   The new level, RTE_LOG_EMERG (1) to RTE_LOG_DEBUG (8).
 * @return
 *   0 on success; -1 if no such id has been handed out or level is outside
 *   1..8.
 */
int rte_log_set_level(uint32_t logtype, uint32_t level);

/**
 * Get the level of the message the calling thread is writing.
 *
 * Meant for a custom stream (fopencookie(3)) that wants to route messages by
 * level: rte_log() records the level and type in thread-local storage
 * before it writes to the stream. The values stay until the thread's next
 * message.
 *
 * @return
 *   The level of the calling thread's current (or last) message; 0 if the
 *   thread has written none.
 */
int rte_log_cur_msg_loglevel(void);

/**
 * Get the log type of the message the calling thread is writing.
 *
 * The companion of rte_log_cur_msg_loglevel(), with the same rules.
 *
 * @return
 *   The type id of the calling thread's current (or last) message; 0 if the
 *   thread has written none.
 */
int rte_log_cur_msg_logtype(void);

/**
 * Get the id of a named log type, creating it if the name is new.
 *
 * A new type starts at level RTE_LOG_INFO. Registering a known name returns
 * its existing id and leaves its level alone. Ids are never reused or freed.
 *
 * @param name
 *   The type's name, by convention dotted ("lib.mempool", "pmd.net.foo");
 *   it is copied.
 * @return
 *   - >= 0: the type id (a built-in id for a built-in name, otherwise
 *     RTE_LOGTYPE_FIRST_EXT_ID or more).
 *   - -ENOMEM: no memory for a new type.
 *   - -EINVAL: name is NULL (DPDK does not check).
 */
int rte_log_register(const char *name);

/**
 * Register a log type and give it the level the EAL options ask for.
 *
 * Calls rte_log_register(), then sets the type's level from the last
 * --log-level pattern or regular expression that matches the name, in the
 * order they were given, or to level_def when none matches. This holds
 * whether the options were parsed before or after this call: options parsed
 * later apply their patterns to the types that exist then. The level is set
 * even when the name was already registered.
 *
 * @param name
 *   The type's name.
 * @param level_def
 *   The level to use when no option matches (and after the options are
 *   forgotten at rte_eal_cleanup()).
 * @return
 *   - >= 0: the type id.
 *   - < 0: the error of rte_log_register() (-ENOMEM, -EINVAL).
 */
int rte_log_register_type_and_pick_level(const char *name, uint32_t level_def);

/**
 * Print the name of every registered type, one per line.
 *
 * @param out
 *   The stream to print to.
 * @param prefix
 *   Text printed before each name; NULL prints nothing before it.
 */
void rte_log_list_types(FILE *out, const char *prefix);

/**
 * Print the global level and, for each registered type, its id, name and
 * level.
 *
 * @param f
 *   The stream to print to.
 */
void rte_log_dump(FILE *f);

/**
 * Write a message if its level and type allow it.
 *
 * The text is printf-formatted and written as is (add the newline yourself);
 * RTE_LOG() is usually nicer, as it prefixes the type name.
 *
 * @param level
 *   The message's level, RTE_LOG_EMERG (1) to RTE_LOG_DEBUG (8).
 * @param logtype
 *   The message's type id, e.g. RTE_LOGTYPE_EAL.
 * @param format
 *   A printf(3) format, followed by its arguments.
 * @return
 *   - >= 0: the number of bytes written, or 0 when the message was filtered
 *     out by its level.
 *   - -1: logtype is unknown, format is NULL, or the stream failed.
 */
int rte_log(uint32_t level, uint32_t logtype, const char *format, ...)
#ifdef __GNUC__
#if (__GNUC__ > 4 || (__GNUC__ == 4 && __GNUC_MINOR__ > 2))
	__rte_cold
#endif
#endif
	__rte_format_printf(3, 4);

/**
 * Write a message if its level and type allow it, with a va_list.
 *
 * Same as rte_log(); no newline is added.
 *
 * @param level
 *   The message's level, RTE_LOG_EMERG (1) to RTE_LOG_DEBUG (8).
 * @param logtype
 *   The message's type id.
 * @param format
 *   A printf(3) format.
 * @param ap
 *   The arguments of the format.
 * @return
 *   Same as rte_log().
 */
int rte_vlog(uint32_t level, uint32_t logtype, const char *format, va_list ap)
	__rte_format_printf(3, 0);

/**
 * Write a message prefixed with the type's short name: "EAL: ...".
 *
 * @param l
 *   The level without its prefix: ERR, WARNING, DEBUG, ... (not a number).
 * @param t
 *   The type without its prefix: EAL, MEMPOOL, USER1, ... (not a number).
 * @param ...
 *   A printf(3) format (a string literal) and its arguments.
 * @return
 *   Same as rte_log().
 */
#define RTE_LOG(l, t, ...)                                              \
	rte_log(RTE_LOG_ ## l,                                          \
		RTE_LOGTYPE_ ## t, # t ": " __VA_ARGS__)

/**
 * RTE_LOG() for fast paths: compiled out entirely when the level is above
 * RTE_LOG_DP_LEVEL (rte_config.h).
 *
 * @param l
 *   The level without its prefix (ERR, DEBUG, ...).
 * @param t
 *   The type without its prefix (EAL, USER1, ...).
 * @param ...
 *   A printf(3) format (a string literal) and its arguments.
 * @return
 *   Nothing (the expression is cast to void).
 */
#define RTE_LOG_DP(l, t, ...)                                           \
	(void)((RTE_LOG_ ## l <= RTE_LOG_DP_LEVEL) ?                    \
	       rte_log(RTE_LOG_ ## l,                                   \
		       RTE_LOGTYPE_ ## t, # t ": " __VA_ARGS__) :       \
	       0)

/**
 * @internal
 * Define the global int `type` and a constructor that registers `name`
 * with rte_log_register_type_and_pick_level() before main() runs; on
 * failure `type` falls back to RTE_LOGTYPE_EAL.
 */
#define RTE_LOG_REGISTER_IMPL(type, name, level)                        \
int type;                                                               \
RTE_INIT(__##type)                                                      \
{                                                                       \
	type = rte_log_register_type_and_pick_level(name,               \
						    RTE_LOG_##level);   \
	if (type < 0)                                                   \
		type = RTE_LOGTYPE_EAL;                                 \
}

/**
 * Define a global log type id and register it at program load.
 *
 * Expands to `int type;` plus a constructor, so use it once, at file scope.
 *
 * @param type
 *   The name of the int variable that receives the id.
 * @param name
 *   The type's name, written bare (it is turned into a string): lib.foo.
 * @param level
 *   The default level without its prefix (INFO, NOTICE, ...); --log-level
 *   patterns that match the name take precedence.
 */
#define RTE_LOG_REGISTER(type, name, level)                             \
	RTE_LOG_REGISTER_IMPL(type, RTE_STR(name), level)

/**
 * RTE_LOG_REGISTER() with the name taken from the macro
 * RTE_LOG_DEFAULT_LOGTYPE, which the build is expected to define (as DPDK's
 * build does for each library, e.g. -DRTE_LOG_DEFAULT_LOGTYPE=app.foo).
 *
 * @param type
 *   The name of the int variable that receives the id.
 * @param level
 *   The default level without its prefix.
 */
#define RTE_LOG_REGISTER_DEFAULT(type, level)                           \
	RTE_LOG_REGISTER_IMPL(type, RTE_STR(RTE_LOG_DEFAULT_LOGTYPE), level)

/**
 * RTE_LOG_REGISTER() with the name RTE_LOG_DEFAULT_LOGTYPE "." suffix.
 *
 * @param type
 *   The name of the int variable that receives the id.
 * @param suffix
 *   The last component of the name, written bare: rx, tx, ...
 * @param level
 *   The default level without its prefix.
 */
#define RTE_LOG_REGISTER_SUFFIX(type, suffix, level)                    \
	RTE_LOG_REGISTER_IMPL(type,                                     \
		RTE_STR(RTE_LOG_DEFAULT_LOGTYPE) "." RTE_STR(suffix), level)

#ifdef __cplusplus
}
#endif

#endif /* _RTE_LOG_H_ */
