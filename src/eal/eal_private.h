/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * eal_private.h: functions shared between the files of the eal layer and
 * used by the layers below it (mem, malloc, ...). Not installed.
 *
 * Conventions (style.md, error rules): internal calls return 0 or -errno and
 * pass results through out-parameters; they never set rte_errno themselves
 * unless stated. Preconditions are stated on each prototype.
 */
#ifndef EAL_PRIVATE_H
#define EAL_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>

/* ---- eal.c */

/*
 * Initialise the EAL with default options if nobody has yet: the lazy path
 * for programs that call an rte_ function without rte_eal_init().
 * Returns 0 when the EAL is (now) initialised, -1 with rte_errno set if the
 * default initialisation failed.
 */
int eal_ensure_init(void);

/*
 * rte_eal_cleanup() with a choice for busy workers: with wait_busy, wait for
 * each worker lcore to finish its function (rte_eal_cleanup); without,
 * leave RUNNING workers alone and stop only the idle ones (rte_exit: the
 * process is about to end, and a worker may never return or be the caller).
 * Returns 0, or -1 with rte_errno = EALREADY when already cleaned up.
 */
int eal_cleanup(bool wait_busy);

/* true between a successful init (explicit or lazy) and rte_eal_cleanup(). */
bool eal_is_initialised(void);

/* ---- cycles.c */

/*
 * Measure the TSC (or generic timer) frequency once; later calls return at
 * once. Thread-safe. rte_eal_init() calls it so that the first
 * rte_get_tsc_hz() in a hot loop costs nothing.
 */
void eal_cycles_init(void);

/* ---- log.c */

/*
 * Parse a log level given as a number (1..8) or a name ("emerg", "alert",
 * "crit", "err"/"error", "warning"/"warn", "notice", "info", "debug"; any
 * unambiguous prefix of these). Returns 0 and sets *level, or -EINVAL.
 */
int eal_log_parse_level(const char *text, uint32_t *level);

/*
 * Remember "pattern:level" (fnmatch pattern) or "regex,level" from the
 * --log-level option: apply it to the log types registered now, and to every
 * type registered later (rte_log_register_type_and_pick_level consults the
 * saved list, last match wins). Returns 0, -EINVAL for a bad regex, -ENOMEM.
 */
int eal_log_save_pattern(const char *pattern, uint32_t level);
int eal_log_save_regexp(const char *regex, uint32_t level);

/* Drop the saved patterns and restore the default levels (rte_eal_cleanup). */
void eal_log_reset(void);

#endif /* EAL_PRIVATE_H */
