/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * options.c: the EAL command-line parser.
 *
 * Role: turn DPDK's EAL options into a struct eal_options (eal_options.h)
 * with no side effect, so that a bad line changes nothing. The parser is a
 * table of option descriptors (opt_table) and one small handler per
 * option; it does not use getopt, so it keeps no global state and leaves
 * the application's own getopt untouched.
 *
 * Accepted forms: "-l 0-3", "-l0-3", "--lcores 0-3", "--lcores=0-3".
 * Option names must be given in full (getopt_long's prefix abbreviations
 * are not accepted). Scanning stops at "--"; non-option words met before
 * it are moved after the consumed options, as GNU getopt does for DPDK.
 *
 * Errors: every handler reports through opt_error(), which logs exactly one
 * line "option <name> '<value>': <reason>" and makes the parse return
 * -EINVAL. Cross-option rules (conflicts, main lcore) are checked once the
 * whole line has been read.
 *
 * Who may call: eal.c under the EAL init lock.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_version.h>

#include "eal/eal_options.h"
#include "eal/eal_private.h"
#include "internal/cpu.h"
#include "internal/rtmem_export.h"
#include "internal/rtmem_log.h"

#define MB (1024ULL * 1024ULL)
/* Largest -m / --socket-mem value in MB accepted (RTE_MAX_MEM_MB). */
#define MAX_MEM_MB ((uint64_t)RTE_MAX_MEM_MB)

/* Which lcores an lcore option enabled, before the main-lcore check. */
struct lcore_request {
	bool given;
	const char *source; /* the option that set it, for messages */
};

struct parse_state {
	struct eal_options *o;
	struct lcore_request lcores;
	bool main_given;
	bool memory_given; /* -m */
	const char *prgname;
};

static int
opt_error(const char *name, const char *arg, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
opt_error(const char *name, const char *arg, const char *fmt, ...)
{
	char reason[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	if (arg != NULL)
		EAL_LOG(ERR, "invalid option %s '%s': %s (see --help)",
			name, arg, reason);
	else
		EAL_LOG(ERR, "invalid option %s: %s (see --help)", name, reason);
	return -EINVAL;
}

/* Strict unsigned decimal: digits only, value <= max. 0 or -EINVAL. */
static int
parse_uint(const char *s, unsigned long long max, unsigned long long *out)
{
	unsigned long long v;
	char *end;

	if (s == NULL || !isdigit((unsigned char)s[0]))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

/* ------------------------------------------------------------------ */
/* lcore sets                                                          */

/* An lcore id that the options may enable: in range, backed by a CPU. */
static int
check_lcore_id(const char *name, const char *arg, unsigned long id)
{
	char cpus[128];

	if (id >= RTE_MAX_LCORE)
		return opt_error(name, arg, "lcore %lu is out of range (0-%d)",
				 id, RTE_MAX_LCORE - 1);
	if (!cpu_is_present((unsigned int)id))
		return opt_error(name, arg,
				 "CPU %lu does not exist on this machine "
				 "(CPUs %s); use --lcores to map lcores to CPUs",
				 id, cpu_present_format(cpus, sizeof(cpus)));
	return 0;
}

/* An lcore id of --lcores, which maps it to CPUs given separately. */
static int
check_lcore_id_range_only(const char *name, const char *arg, unsigned long id)
{
	if (id >= RTE_MAX_LCORE)
		return opt_error(name, arg, "lcore %lu is out of range (0-%d)",
				 id, RTE_MAX_LCORE - 1);
	return 0;
}

static int
check_cpu_id(const char *name, const char *arg, unsigned long id)
{
	char cpus[128];

	if (id >= CPU_SETSIZE || !cpu_is_present((unsigned int)id))
		return opt_error(name, arg,
				 "CPU %lu does not exist on this machine (CPUs %s)",
				 id, cpu_present_format(cpus, sizeof(cpus)));
	return 0;
}

/* Enable lcore id on the CPUs of set; its index is its rank in the listing
 * (rte_lcore_index: "-l 22,18" gives lcore 22 index 0). */
static void
enable_lcore(struct eal_options *o, unsigned int id, const cpu_set_t *set)
{
	if (!o->lcore_enabled[id])
		o->lcore_index[id] = (int)o->lcore_count++;
	o->lcore_enabled[id] = true;
	o->lcore_cpus[id] = *set;
}

/* Enable lcore id on its own CPU (-l, -c). */
static void
enable_lcore_on_own_cpu(struct eal_options *o, unsigned int id)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(id, &set);
	enable_lcore(o, id, &set);
}

static void
clear_lcores(struct eal_options *o)
{
	memset(o->lcore_enabled, 0, sizeof(o->lcore_enabled));
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++)
		o->lcore_index[id] = -1;
	o->lcore_count = 0;
}

static int
claim_lcore_option(struct parse_state *st, const char *name, const char *arg)
{
	if (st->lcores.given)
		return opt_error(name, arg,
				 "lcores were already given with %s; use only "
				 "one of -l, -c and --lcores", st->lcores.source);
	st->lcores.given = true;
	st->lcores.source = name;
	clear_lcores(st->o);
	return 0;
}

/*
 * Parse a list of numbers and ranges ("0-3,5") from *s up to a character in
 * stop (or the end) into the ids[] bitmap. Ranges must go upwards. Numbers
 * are checked with check(). Advances *s past what it read.
 */
static int
parse_id_list(const char *name, const char *arg, const char **s,
	      const char *stop, unsigned int limit, bool *ids,
	      int (*check)(const char *, const char *, unsigned long))
{
	const char *p = *s;
	int ret;

	for (;;) {
		unsigned long lo, hi;
		char *end;

		if (!isdigit((unsigned char)*p))
			return opt_error(name, arg, "expected a number at '%s'",
					 *p ? p : "(end)");
		errno = 0;
		lo = strtoul(p, &end, 10);
		hi = lo;
		p = end;
		if (*p == '-') {
			p++;
			if (!isdigit((unsigned char)*p))
				return opt_error(name, arg,
						 "range needs an end at '%s'",
						 *p ? p : "(end)");
			hi = strtoul(p, &end, 10);
			p = end;
		}
		if (errno != 0)
			return opt_error(name, arg, "number too large");
		if (hi < lo)
			return opt_error(name, arg,
					 "range %lu-%lu goes backwards", lo, hi);
		for (unsigned long id = lo; id <= hi; id++) {
			if ((ret = check(name, arg, id)) != 0)
				return ret;
			if (id >= limit)
				return opt_error(name, arg, "%lu is out of range",
						 id);
			ids[id] = true;
		}
		if (*p == ',' && (stop == NULL || strchr(stop, ',') == NULL)) {
			p++;
			continue;
		}
		break;
	}
	*s = p;
	return 0;
}

/* -l 0-3,5 : lcore ids that run on the CPU of the same number. */
static int
opt_corelist(struct parse_state *st, const char *name, const char *arg)
{
	bool ids[RTE_MAX_LCORE + 1] = { false };
	const char *p = arg;
	int ret;

	if ((ret = claim_lcore_option(st, name, arg)) != 0)
		return ret;
	/* one list item at a time, so indexes follow the listing order */
	for (;;) {
		memset(ids, 0, sizeof(ids));
		ret = parse_id_list(name, arg, &p, ",", RTE_MAX_LCORE + 1, ids,
				    check_lcore_id);
		if (ret != 0)
			return ret;
		for (unsigned int id = 0; id < RTE_MAX_LCORE; id++)
			if (ids[id])
				enable_lcore_on_own_cpu(st->o, id);
		if (*p != ',')
			break;
		p++;
	}
	if (*p != '\0')
		return opt_error(name, arg, "unexpected '%s'", p);
	return 0;
}

/* Parse a hexadecimal mask ("0x3", "f") into ids[0..RTE_MAX_LCORE). */
static int
parse_coremask(const char *name, const char *arg, bool *ids)
{
	const char *p = arg;
	size_t len;
	bool any = false;

	while (isspace((unsigned char)*p))
		p++;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	len = strlen(p);
	while (len > 0 && isspace((unsigned char)p[len - 1]))
		len--;
	if (len == 0)
		return opt_error(name, arg, "empty mask");
	for (size_t i = 0; i < len; i++) {
		char c = p[len - 1 - i];
		unsigned int v;

		if (!isxdigit((unsigned char)c))
			return opt_error(name, arg,
					 "'%c' is not a hexadecimal digit", c);
		v = isdigit((unsigned char)c) ? (unsigned int)(c - '0')
			: (unsigned int)(tolower((unsigned char)c) - 'a' + 10);
		for (unsigned int b = 0; b < 4; b++) {
			unsigned long id = i * 4 + b;
			int ret;

			if (!(v & (1u << b)))
				continue;
			if ((ret = check_lcore_id(name, arg, id)) != 0)
				return ret;
			ids[id] = true;
			any = true;
		}
	}
	if (!any)
		return opt_error(name, arg, "the mask selects no lcore");
	return 0;
}

/* -c 0xf : lcore ids from a hexadecimal mask. */
static int
opt_coremask(struct parse_state *st, const char *name, const char *arg)
{
	bool ids[RTE_MAX_LCORE] = { false };
	int ret;

	if ((ret = claim_lcore_option(st, name, arg)) != 0)
		return ret;
	if ((ret = parse_coremask(name, arg, ids)) != 0)
		return ret;
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++)
		if (ids[id])
			enable_lcore_on_own_cpu(st->o, id);
	return 0;
}

/*
 * One side of a --lcores element: "N", "N-M" or "(list)". Returns the ids
 * in ids[] and whether the set was a parenthesised group.
 */
static int
parse_lcores_side(const char *name, const char *arg, const char **s,
		  unsigned int limit, bool *ids, bool *grouped,
		  int (*check)(const char *, const char *, unsigned long))
{
	const char *p = *s;
	int ret;

	*grouped = false;
	if (*p == '(') {
		p++;
		*grouped = true;
		ret = parse_id_list(name, arg, &p, ")", limit, ids, check);
		if (ret != 0)
			return ret;
		if (*p != ')')
			return opt_error(name, arg, "missing ')' at '%s'",
					 *p ? p : "(end)");
		p++;
	} else {
		/* a single number or a single range: stop at ',' and '@' */
		ret = parse_id_list(name, arg, &p, ",@", limit, ids, check);
		if (ret != 0)
			return ret;
	}
	*s = p;
	return 0;
}

/*
 * --lcores '1,2@(5-7),(3-5)@(0,2),(0,6),7-8':
 *   N / N-M        each lcore on the CPU of the same number;
 *   (group)        each lcore of the group on all CPUs of the group;
 *   X@cpus         each lcore of X on the CPU set cpus (N, N-M or (list)).
 */
static int
opt_lcores(struct parse_state *st, const char *name, const char *arg)
{
	struct eal_options *o = st->o;
	const char *p = arg;
	int ret;

	if ((ret = claim_lcore_option(st, name, arg)) != 0)
		return ret;
	if (*p == '\0')
		return opt_error(name, arg, "empty lcore list");
	while (*p != '\0') {
		bool lc[RTE_MAX_LCORE + 1] = { false };
		bool cpus[CPU_SETSIZE] = { false };
		bool grouped, cpu_grouped;
		cpu_set_t set;

		ret = parse_lcores_side(name, arg, &p, RTE_MAX_LCORE + 1, lc,
					&grouped, check_lcore_id_range_only);
		if (ret != 0)
			return ret;
		CPU_ZERO(&set);
		if (*p == '@') {
			p++;
			ret = parse_lcores_side(name, arg, &p, CPU_SETSIZE, cpus,
						&cpu_grouped, check_cpu_id);
			if (ret != 0)
				return ret;
			for (unsigned int c = 0; c < CPU_SETSIZE; c++)
				if (cpus[c])
					CPU_SET(c, &set);
		} else if (grouped) {
			/* a group without '@' runs on the group's CPUs */
			for (unsigned int id = 0; id < RTE_MAX_LCORE; id++) {
				if (!lc[id])
					continue;
				if ((ret = check_cpu_id(name, arg, id)) != 0)
					return ret;
				CPU_SET(id, &set);
			}
		}
		for (unsigned int id = 0; id < RTE_MAX_LCORE; id++) {
			if (!lc[id])
				continue;
			if (o->lcore_enabled[id])
				return opt_error(name, arg,
						 "lcore %u is listed twice", id);
			if (CPU_COUNT(&set) == 0) {
				if ((ret = check_cpu_id(name, arg, id)) != 0)
					return ret;
				enable_lcore_on_own_cpu(o, id);
			} else {
				enable_lcore(o, id, &set);
			}
		}
		if (*p == ',') {
			p++;
			if (*p == '\0')
				return opt_error(name, arg, "trailing ','");
		} else if (*p != '\0') {
			return opt_error(name, arg, "unexpected '%s'", p);
		}
	}
	return 0;
}

static int
opt_main_lcore(struct parse_state *st, const char *name, const char *arg)
{
	unsigned long long id;

	if (parse_uint(arg, ULLONG_MAX, &id) != 0)
		return opt_error(name, arg, "not a number");
	if (id >= RTE_MAX_LCORE)
		return opt_error(name, arg, "lcore %llu is out of range (0-%d)",
				 id, RTE_MAX_LCORE - 1);
	st->o->main_lcore = (unsigned int)id;
	st->main_given = true;
	return 0;
}

/* -s / -S: service lcores. rtmem has no service cores: checked, ignored. */
static int
opt_service(struct parse_state *st, const char *name, const char *arg)
{
	bool ids[RTE_MAX_LCORE + 1] = { false };
	const char *p = arg;
	int ret;

	(void)st;
	if (strcmp(name, "-s") == 0) {
		ret = parse_coremask(name, arg, ids);
	} else {
		ret = parse_id_list(name, arg, &p, NULL, RTE_MAX_LCORE + 1, ids,
				    check_lcore_id);
		if (ret == 0 && *p != '\0')
			ret = opt_error(name, arg, "unexpected '%s'", p);
	}
	if (ret == 0)
		EAL_LOG(NOTICE, "option %s '%s' ignored: rtmem has no service "
			"cores", name, arg);
	return ret;
}

/* ------------------------------------------------------------------ */
/* memory                                                              */

static int
opt_memory(struct parse_state *st, const char *name, const char *arg)
{
	unsigned long long mb;

	if (parse_uint(arg, MAX_MEM_MB, &mb) != 0 || mb == 0)
		return opt_error(name, arg,
				 "expected a size in megabytes (1-%" PRIu64 ")",
				 MAX_MEM_MB);
	st->o->memory = mb * MB;
	st->memory_given = true;
	return 0;
}

/* "1024,0,512": megabytes per socket, socket 0 first. */
static int
parse_socket_sizes(const char *name, const char *arg, uint64_t *out)
{
	const char *p = arg;
	unsigned int sock = 0;

	memset(out, 0, sizeof(uint64_t) * RTE_MAX_NUMA_NODES);
	for (;;) {
		char field[32];
		size_t len = strcspn(p, ",");
		unsigned long long mb;

		if (sock >= RTE_MAX_NUMA_NODES)
			return opt_error(name, arg, "more than %d sockets",
					 RTE_MAX_NUMA_NODES);
		if (len == 0 || len >= sizeof(field))
			return opt_error(name, arg,
					 "socket %u: expected megabytes", sock);
		memcpy(field, p, len);
		field[len] = '\0';
		if (parse_uint(field, MAX_MEM_MB, &mb) != 0)
			return opt_error(name, arg,
					 "socket %u: '%s' is not a size in "
					 "megabytes", sock, field);
		out[sock++] = mb * MB;
		p += len;
		if (*p == '\0')
			break;
		p++; /* ',' */
	}
	return 0;
}

static int
opt_socket_mem(struct parse_state *st, const char *name, const char *arg)
{
	int ret = parse_socket_sizes(name, arg, st->o->socket_mem);

	if (ret == 0)
		st->o->socket_mem_set = true;
	return ret;
}

static int
opt_socket_limit(struct parse_state *st, const char *name, const char *arg)
{
	int ret = parse_socket_sizes(name, arg, st->o->socket_limit);

	if (ret == 0)
		st->o->socket_limit_set = true;
	return ret;
}

static int
opt_channels(struct parse_state *st, const char *name, const char *arg)
{
	unsigned long long n;

	if (parse_uint(arg, 64, &n) != 0 || n == 0)
		return opt_error(name, arg,
				 "expected a number of memory channels (1-64)");
	st->o->channels = (unsigned int)n;
	return 0;
}

static int
opt_ranks(struct parse_state *st, const char *name, const char *arg)
{
	unsigned long long n;

	if (parse_uint(arg, 16, &n) != 0 || n == 0)
		return opt_error(name, arg,
				 "expected a number of memory ranks (1-16)");
	st->o->ranks = (unsigned int)n;
	return 0;
}

static int
replace_string(char **dst, const char *name, const char *arg)
{
	char *copy = strdup(arg);

	if (copy == NULL)
		return opt_error(name, arg, "out of memory");
	free(*dst);
	*dst = copy;
	return 0;
}

static int
opt_huge_dir(struct parse_state *st, const char *name, const char *arg)
{
	if (arg[0] == '\0')
		return opt_error(name, arg, "empty directory");
	return replace_string(&st->o->huge_dir, name, arg);
}

static int
opt_base_virtaddr(struct parse_state *st, const char *name, const char *arg)
{
	unsigned long long addr;
	char *end;

	errno = 0;
	addr = strtoull(arg, &end, 16);
	if (!isxdigit((unsigned char)arg[0]) || errno != 0 || *end != '\0' ||
	    addr == 0)
		return opt_error(name, arg,
				 "expected a non-zero hexadecimal address");
	if (addr > UINTPTR_MAX)
		return opt_error(name, arg, "address out of range");
	st->o->base_virtaddr = (uintptr_t)addr;
	return 0;
}

static int
opt_huge_unlink(struct parse_state *st, const char *name, const char *arg)
{
	if (arg == NULL || strcmp(arg, "existing") == 0)
		st->o->huge_unlink = EAL_HUGE_UNLINK_EXISTING;
	else if (strcmp(arg, "always") == 0)
		st->o->huge_unlink = EAL_HUGE_UNLINK_ALWAYS;
	else if (strcmp(arg, "never") == 0)
		st->o->huge_unlink = EAL_HUGE_UNLINK_NEVER;
	else
		return opt_error(name, arg,
				 "expected existing, always or never");
	return 0;
}

/* Flags that only set a boolean. */
static int
opt_flag(struct parse_state *st, const char *name, const char *arg)
{
	struct eal_options *o = st->o;

	(void)arg;
	if (strcmp(name, "--no-huge") == 0)
		o->no_huge = true;
	else if (strcmp(name, "--in-memory") == 0)
		o->in_memory = true;
	else if (strcmp(name, "--no-shconf") == 0)
		o->no_shconf = true;
	else if (strcmp(name, "--legacy-mem") == 0)
		o->legacy_mem = true;
	else if (strcmp(name, "--single-file-segments") == 0)
		o->single_file_segments = true;
	else if (strcmp(name, "--match-allocations") == 0)
		o->match_allocations = true;
	else if (strcmp(name, "--huge-strict") == 0)
		o->huge_strict = true;
	else if (strcmp(name, "-v") == 0)
		o->show_version = true;
	return 0;
}

/* ------------------------------------------------------------------ */
/* processes                                                           */

static int
opt_file_prefix(struct parse_state *st, const char *name, const char *arg)
{
	size_t len = strlen(arg);

	if (len == 0)
		return opt_error(name, arg, "empty prefix");
	if (len > 64)
		return opt_error(name, arg, "longer than 64 characters");
	if (strpbrk(arg, "%/") != NULL || strcmp(arg, ".") == 0 ||
	    strcmp(arg, "..") == 0)
		return opt_error(name, arg,
				 "must not contain '%%' or '/', nor be . or ..");
	return replace_string(&st->o->file_prefix, name, arg);
}

static int
opt_proc_type(struct parse_state *st, const char *name, const char *arg)
{
	if (strcasecmp(arg, "primary") == 0)
		st->o->proc_type = RTE_PROC_PRIMARY;
	else if (strcasecmp(arg, "secondary") == 0)
		st->o->proc_type = RTE_PROC_SECONDARY;
	else if (strcasecmp(arg, "auto") == 0)
		st->o->proc_type = RTE_PROC_AUTO;
	else
		return opt_error(name, arg,
				 "expected primary, secondary or auto");
	return 0;
}

static int
opt_iova_mode(struct parse_state *st, const char *name, const char *arg)
{
	if (strcmp(arg, "pa") == 0)
		st->o->iova_mode = RTE_IOVA_PA;
	else if (strcmp(arg, "va") == 0)
		st->o->iova_mode = RTE_IOVA_VA;
	else
		return opt_error(name, arg, "expected pa or va");
	return 0;
}

static int
opt_mbuf_pool_ops(struct parse_state *st, const char *name, const char *arg)
{
	if (arg[0] == '\0' || strlen(arg) >= 32)
		return opt_error(name, arg,
				 "expected a mempool ops name of 1-31 characters");
	return replace_string(&st->o->mbuf_pool_ops, name, arg);
}

/* ------------------------------------------------------------------ */
/* logging                                                             */

/*
 * --log-level forms: "8" or "debug" (global level), "pattern:level"
 * (fnmatch pattern of log type names, e.g. lib.eal:debug or pmd.*:7),
 * "regex,level" (POSIX basic regex of names, as rte_log_set_level_regexp).
 */
static int
opt_log_level(struct parse_state *st, const char *name, const char *arg)
{
	struct eal_options *o = st->o;
	struct eal_log_spec *spec;
	const char *sep = strrchr(arg, ',');
	const char *level_text;
	size_t key_len = 0;

	if (o->n_log_specs >= EAL_MAX_LOG_SPECS)
		return opt_error(name, arg, "more than %d --log-level options",
				 EAL_MAX_LOG_SPECS);
	spec = &o->log_specs[o->n_log_specs];
	memset(spec, 0, sizeof(*spec));
	if (sep != NULL) {
		spec->kind = EAL_LOG_REGEX;
	} else if ((sep = strrchr(arg, ':')) != NULL) {
		spec->kind = EAL_LOG_PATTERN;
	} else {
		spec->kind = EAL_LOG_GLOBAL;
	}
	level_text = sep != NULL ? sep + 1 : arg;
	if (eal_log_parse_level(level_text, &spec->level) != 0)
		return opt_error(name, arg,
				 "'%s' is not a log level (1-8 or emerg, alert, "
				 "crit, err, warning, notice, info, debug)",
				 level_text);
	if (sep == NULL)
		goto done;
	key_len = (size_t)(sep - arg);
	if (key_len == 0)
		return opt_error(name, arg, "empty log type %s before '%c'",
				 spec->kind == EAL_LOG_REGEX ? "regex" : "pattern",
				 *sep);
	spec->text = strndup(arg, key_len);
	if (spec->text == NULL)
		return opt_error(name, arg, "out of memory");
	if (spec->kind == EAL_LOG_REGEX) {
		regex_t re;
		char why[128];
		int rc = regcomp(&re, spec->text, REG_NOSUB); /* as log.c */

		if (rc != 0) {
			regerror(rc, &re, why, sizeof(why));
			free(spec->text);
			spec->text = NULL;
			return opt_error(name, arg, "bad regular expression: %s",
					 why);
		}
		regfree(&re);
	}
done:
	o->n_log_specs++;
	return 0;
}

/* ------------------------------------------------------------------ */
/* device options: accepted so that DPDK command lines run unchanged   */

static int
opt_ignored(struct parse_state *st, const char *name, const char *arg)
{
	(void)st;
	EAL_LOG(DEBUG, "option %s%s%s ignored: rtmem has no device layer",
		name, arg ? " " : "", arg ? arg : "");
	return 0;
}

static int
opt_help(struct parse_state *st, const char *name, const char *arg)
{
	(void)name;
	(void)arg;
	eal_usage(st->prgname);
	exit(EXIT_SUCCESS);
}

/* ------------------------------------------------------------------ */
/* the table                                                           */

enum opt_arg { ARG_NONE, ARG_REQUIRED, ARG_OPTIONAL /* only as --x=v */ };

struct opt_desc {
	const char *name;    /* "-l" or "--lcores" */
	enum opt_arg arg;
	int (*handler)(struct parse_state *, const char *name, const char *arg);
};

static const struct opt_desc opt_table[] = {
	/* lcores */
	{ "-l", ARG_REQUIRED, opt_corelist },
	{ "-c", ARG_REQUIRED, opt_coremask },
	{ "--lcores", ARG_REQUIRED, opt_lcores },
	{ "--main-lcore", ARG_REQUIRED, opt_main_lcore },
	{ "-s", ARG_REQUIRED, opt_service },
	{ "-S", ARG_REQUIRED, opt_service },
	/* memory */
	{ "-n", ARG_REQUIRED, opt_channels },
	{ "-r", ARG_REQUIRED, opt_ranks },
	{ "-m", ARG_REQUIRED, opt_memory },
	{ "--socket-mem", ARG_REQUIRED, opt_socket_mem },
	{ "--numa-mem", ARG_REQUIRED, opt_socket_mem },
	{ "--socket-limit", ARG_REQUIRED, opt_socket_limit },
	{ "--numa-limit", ARG_REQUIRED, opt_socket_limit },
	{ "--no-huge", ARG_NONE, opt_flag },
	{ "--huge-dir", ARG_REQUIRED, opt_huge_dir },
	{ "--huge-unlink", ARG_OPTIONAL, opt_huge_unlink },
	{ "--in-memory", ARG_NONE, opt_flag },
	{ "--no-shconf", ARG_NONE, opt_flag },
	{ "--legacy-mem", ARG_NONE, opt_flag },
	{ "--single-file-segments", ARG_NONE, opt_flag },
	{ "--match-allocations", ARG_NONE, opt_flag },
	{ "--huge-strict", ARG_NONE, opt_flag },
	{ "--base-virtaddr", ARG_REQUIRED, opt_base_virtaddr },
	/* processes */
	{ "--file-prefix", ARG_REQUIRED, opt_file_prefix },
	{ "--proc-type", ARG_REQUIRED, opt_proc_type },
	{ "--iova-mode", ARG_REQUIRED, opt_iova_mode },
	{ "--mbuf-pool-ops-name", ARG_REQUIRED, opt_mbuf_pool_ops },
	/* logging and misc */
	{ "--log-level", ARG_REQUIRED, opt_log_level },
	{ "-v", ARG_NONE, opt_flag },
	{ "-h", ARG_NONE, opt_help },
	{ "--help", ARG_NONE, opt_help },
	/* accepted and ignored */
	{ "--no-pci", ARG_NONE, opt_ignored },
	{ "-a", ARG_REQUIRED, opt_ignored },
	{ "--allow", ARG_REQUIRED, opt_ignored },
	{ "-b", ARG_REQUIRED, opt_ignored },
	{ "--block", ARG_REQUIRED, opt_ignored },
	{ "--vdev", ARG_REQUIRED, opt_ignored },
	{ "-d", ARG_REQUIRED, opt_ignored },
	{ "--no-telemetry", ARG_NONE, opt_ignored },
	{ "--telemetry", ARG_NONE, opt_ignored },
	{ "--no-hpet", ARG_NONE, opt_ignored },
	{ "--vmware-tsc-map", ARG_NONE, opt_ignored },
	{ "--create-uio-dev", ARG_NONE, opt_ignored },
	{ "--vfio-intr", ARG_REQUIRED, opt_ignored },
	{ "--vfio-vf-token", ARG_REQUIRED, opt_ignored },
	{ "--syslog", ARG_OPTIONAL, opt_ignored },
	{ "--trace", ARG_REQUIRED, opt_ignored },
	{ "--trace-dir", ARG_REQUIRED, opt_ignored },
	{ "--trace-bufsz", ARG_REQUIRED, opt_ignored },
	{ "--trace-mode", ARG_REQUIRED, opt_ignored },
};

/* Find the descriptor for word ("--x=v" matches "--x"). */
static const struct opt_desc *
find_option(const char *word, size_t name_len)
{
	for (size_t i = 0; i < sizeof(opt_table) / sizeof(opt_table[0]); i++) {
		const struct opt_desc *d = &opt_table[i];

		if (strlen(d->name) == name_len &&
		    strncmp(d->name, word, name_len) == 0)
			return d;
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* checks across options                                               */

static int
check_conflicts(struct parse_state *st)
{
	struct eal_options *o = st->o;

	if (st->memory_given && o->socket_mem_set)
		return opt_error("--socket-mem", NULL,
				 "cannot be used together with -m");
	if (o->no_huge && o->socket_mem_set)
		return opt_error("--socket-mem", NULL,
				 "cannot be used together with --no-huge");
	if (o->no_huge && o->huge_strict)
		return opt_error("--huge-strict", NULL,
				 "cannot be used together with --no-huge");
	if (o->no_huge && o->huge_dir != NULL)
		return opt_error("--huge-dir", NULL,
				 "cannot be used together with --no-huge");
	if (o->legacy_mem && o->socket_limit_set)
		return opt_error("--socket-limit", NULL,
				 "needs dynamic memory; cannot be used with "
				 "--legacy-mem");
	if (o->legacy_mem && o->in_memory)
		return opt_error("--legacy-mem", NULL,
				 "cannot be used together with --in-memory");
	if (o->legacy_mem && o->single_file_segments)
		return opt_error("--legacy-mem", NULL,
				 "cannot be used together with "
				 "--single-file-segments");
	if (o->legacy_mem && o->match_allocations)
		return opt_error("--legacy-mem", NULL,
				 "cannot be used together with "
				 "--match-allocations");
	if ((o->in_memory || o->no_shconf) &&
	    o->proc_type == RTE_PROC_SECONDARY)
		return opt_error(o->in_memory ? "--in-memory" : "--no-shconf",
				 NULL, "a secondary process needs shared "
				 "configuration; cannot be used with "
				 "--proc-type=secondary");
	if (o->socket_limit_set && o->socket_mem_set) {
		for (unsigned int s = 0; s < RTE_MAX_NUMA_NODES; s++)
			if (o->socket_limit[s] != 0 &&
			    o->socket_limit[s] < o->socket_mem[s])
				return opt_error("--socket-limit", NULL,
						 "socket %u: limit is below "
						 "its --socket-mem", s);
	}
	return 0;
}

/* No lcore option: one lcore per CPU this process may run on. */
static int
default_lcores(struct eal_options *o)
{
	cpu_set_t allowed;

	if (sched_getaffinity(0, sizeof(allowed), &allowed) != 0)
		CPU_ZERO(&allowed);
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++)
		if (CPU_ISSET(id, &allowed) && cpu_is_present(id))
			enable_lcore_on_own_cpu(o, id);
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++)
		if (o->lcore_enabled[id])
			return 0;
	/* affinity unreadable or no usable CPU below RTE_MAX_LCORE:
	 * one lcore on whatever the process may use */
	if (CPU_COUNT(&allowed) == 0)
		CPU_SET(0, &allowed);
	enable_lcore(o, 0, &allowed);
	return 0;
}

static int
finish_lcores(struct parse_state *st)
{
	struct eal_options *o = st->o;
	int lowest = -1;

	if (!st->lcores.given)
		default_lcores(o);
	for (unsigned int id = 0; id < RTE_MAX_LCORE; id++) {
		if (o->lcore_enabled[id]) {
			lowest = (int)id;
			break;
		}
	}
	if (!st->main_given) {
		o->main_lcore = (unsigned int)lowest;
	} else if (!o->lcore_enabled[o->main_lcore]) {
		char arg[16];

		snprintf(arg, sizeof(arg), "%u", o->main_lcore);
		return opt_error("--main-lcore", arg,
				 "lcore %u is not among the enabled lcores",
				 o->main_lcore);
	}
	return 0;
}

/* ------------------------------------------------------------------ */

int
eal_options_init(struct eal_options *o)
{
	memset(o, 0, sizeof(*o));
	clear_lcores(o);
	o->proc_type = RTE_PROC_PRIMARY;
	o->iova_mode = RTE_IOVA_DC;
	o->huge_unlink = EAL_HUGE_UNLINK_EXISTING;
	o->file_prefix = strdup("rte");
	return o->file_prefix != NULL ? 0 : -ENOMEM;
}

void
eal_options_free(struct eal_options *o)
{
	free(o->huge_dir);
	free(o->file_prefix);
	free(o->mbuf_pool_ops);
	for (unsigned int i = 0; i < o->n_log_specs; i++)
		free(o->log_specs[i].text);
	memset(o, 0, sizeof(*o));
}

int
eal_options_parse(struct eal_options *o, int argc, char **argv)
{
	struct parse_state st = { .o = o };
	char **consumed = NULL, **words = NULL;
	int n_consumed = 0, n_words = 0, i, ret = 0;

	if (argc <= 0 || argv == NULL)
		return finish_lcores(&st) == 0 ? 0 : -EINVAL;
	st.prgname = argv[0] != NULL ? argv[0] : "rtmem";
	consumed = calloc((size_t)argc, sizeof(*consumed));
	words = calloc((size_t)argc, sizeof(*words));
	if (consumed == NULL || words == NULL) {
		ret = opt_error("(command line)", NULL, "out of memory");
		goto out;
	}
	for (i = 1; i < argc; i++) {
		const char *w = argv[i], *value = NULL;
		const struct opt_desc *d;
		size_t name_len;
		bool value_is_next = false;

		if (w == NULL)
			break;
		if (strcmp(w, "--") == 0) {
			consumed[n_consumed++] = argv[i++];
			break;
		}
		if (w[0] != '-' || w[1] == '\0') {
			words[n_words++] = argv[i]; /* not an option: moved */
			continue;
		}
		if (w[1] == '-') {
			const char *eq = strchr(w, '=');

			name_len = eq != NULL ? (size_t)(eq - w) : strlen(w);
			d = find_option(w, name_len);
			if (d == NULL) {
				ret = opt_error(w, NULL, "unknown option");
				goto out;
			}
			if (eq != NULL) {
				if (d->arg == ARG_NONE) {
					ret = opt_error(d->name, eq + 1,
							"takes no value");
					goto out;
				}
				value = eq + 1;
			} else if (d->arg == ARG_REQUIRED) {
				value_is_next = true;
			}
		} else {
			name_len = 2;
			d = find_option(w, name_len);
			if (d == NULL) {
				ret = opt_error(w, NULL, "unknown option");
				goto out;
			}
			if (w[2] != '\0') {
				if (d->arg == ARG_NONE) {
					ret = opt_error(d->name, w + 2,
							"takes no value");
					goto out;
				}
				value = w + 2;
			} else if (d->arg == ARG_REQUIRED) {
				value_is_next = true;
			}
		}
		consumed[n_consumed++] = argv[i];
		if (value_is_next) {
			if (i + 1 >= argc || argv[i + 1] == NULL) {
				ret = opt_error(d->name, NULL, "needs a value");
				goto out;
			}
			value = argv[++i];
			consumed[n_consumed++] = argv[i];
		}
		ret = d->handler(&st, d->name, value);
		if (ret != 0)
			goto out;
	}
	if ((ret = check_conflicts(&st)) != 0 ||
	    (ret = finish_lcores(&st)) != 0)
		goto out;

	/* Commit the new order: options, "--", then the moved words. */
	{
		int k = 1;

		for (int j = 0; j < n_consumed; j++)
			argv[k++] = consumed[j];
		for (int j = 0; j < n_words; j++)
			argv[k++] = words[j];
		argv[n_consumed] = (char *)st.prgname;
		ret = n_consumed;
	}
out:
	free(consumed);
	free(words);
	return ret;
}

static rte_usage_hook_t app_usage_hook;

RTMEM_EXPORT rte_usage_hook_t
rte_set_application_usage_hook(rte_usage_hook_t usage_func)
{
	rte_usage_hook_t old = app_usage_hook;

	app_usage_hook = usage_func;
	return old;
}

void
eal_usage(const char *prgname)
{
	printf("Usage: %s [EAL options] -- [application options]\n\n"
	       "EAL options (rtmem %s, DPDK 22.11 command lines):\n"
	       "  -l LIST              lcores to enable, e.g. 0-3,6 (lcore N on CPU N)\n"
	       "  -c MASK              lcores to enable, as a hexadecimal mask\n"
	       "  --lcores MAP         lcores mapped to CPU sets: 1,2@(5-7),(3-5)@(0,2)\n"
	       "  --main-lcore ID      the lcore of the calling thread (default: lowest)\n"
	       "  -n N, -r N           memory channels and ranks\n"
	       "  -m MB                memory to reserve at start, in megabytes\n"
	       "  --socket-mem MB,...  memory per NUMA socket, in megabytes\n"
	       "  --socket-limit MB,.. most memory per socket (0 = no limit)\n"
	       "  --no-huge            use 4 KiB pages in shared memory files\n"
	       "  --huge-dir DIR       hugetlbfs mount to use\n"
	       "  --huge-strict        fail instead of using 4 KiB pages when no\n"
	       "                       hugepages are usable (rtmem option)\n"
	       "  --in-memory          no shared files (single process)\n"
	       "  --legacy-mem         reserve all memory at start, never grow\n"
	       "  --single-file-segments  one backing file per memory type\n"
	       "  --base-virtaddr HEX  address of the shared memory range\n"
	       "  --file-prefix NAME   name of this group of processes (default rte)\n"
	       "  --proc-type TYPE     primary, secondary or auto\n"
	       "  --iova-mode pa|va    IOVA mode\n"
	       "  --mbuf-pool-ops-name NAME  mempool ops for mbuf pools\n"
	       "  --log-level LEVEL    global level (1-8 or a name), TYPE:LEVEL\n"
	       "                       (TYPE a pattern like lib.* ) or REGEX,LEVEL\n"
	       "  -v                   print the version at start\n"
	       "  -h, --help           this text\n"
	       "Accepted and ignored: --no-pci -a -b --vdev -d --no-telemetry "
	       "--telemetry --no-hpet\n"
	       "  --vmware-tsc-map --create-uio-dev --vfio-intr --vfio-vf-token "
	       "--syslog --trace*\n"
	       "  -s -S (service cores)\n",
	       prgname, rte_version());
	if (app_usage_hook != NULL) {
		printf("\n");
		app_usage_hook(prgname);
	}
	fflush(stdout);
}
