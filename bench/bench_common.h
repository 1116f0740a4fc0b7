/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench_common.h: what the bench programs (ring_perf, stack_perf,
 * malloc_perf) share: starting the EAL, reading the program's own options
 * after `--` (each a name and a value), the usage line, and the --scale /
 * --only options and row helpers of ring_perf and stack_perf.
 *
 * Only DPDK's public API, like the programs: bench/run compiles the DPDK
 * variant of each program from its single .c file, which finds this header
 * next to it. Everything is static inline, so that a program that uses
 * only part of it builds without warnings.
 */
#ifndef RTMEM_BENCH_COMMON_H
#define RTMEM_BENCH_COMMON_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>

static const char *bench_prg_;     /* the program name the EAL left */
static const char *bench_options_; /* the usage line after "-- " */

/* Print the usage line and exit with EXIT_FAILURE. */
static inline void
bench_usage(void)
{
	fprintf(stderr, "usage: %s [EAL options] -- %s\n", bench_prg_,
		bench_options_);
	exit(EXIT_FAILURE);
}

/* A positive integer option value no greater than max, or bench_usage(). */
static inline unsigned long
bench_parse_count(const char *s, unsigned long max)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v == 0 || v > max)
		bench_usage();
	return v;
}

/* A positive number (strtod) as an option value, or bench_usage(). */
static inline double
bench_parse_positive(const char *s)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !(v > 0))
		bench_usage();
	return v;
}

/* Takes one option of the program; false for a name it does not know. */
typedef bool bench_option_fn(const char *name, const char *value);

/*
 * rte_eal_init() with the words before `--` (on failure: "<name>: cannot
 * initialise the EAL" and exit), then the program's options after it,
 * each a name and a value, handed to option(). A name without a value,
 * or one that option() refuses: bench_usage(), whose line is
 * "usage: <program> [EAL options] -- <options>".
 */
static inline void
bench_init(int argc, char **argv, const char *name, const char *options,
	   bench_option_fn *option)
{
	int ret;

	bench_options_ = options;
	ret = rte_eal_init(argc, argv);
	if (ret < 0) {
		fprintf(stderr, "%s: cannot initialise the EAL\n", name);
		exit(EXIT_FAILURE);
	}
	/* argv[ret] is the program name, then the application's words. */
	argc -= ret;
	argv += ret;
	bench_prg_ = argv[0];
	for (int i = 1; i < argc; i += 2) {
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (val == NULL || !option(argv[i], val))
			bench_usage();
	}
}

/* ---- ring_perf and stack_perf: --scale X, --only SUBSTRING, rows */

#define BENCH_SCALE_ONLY_USAGE "[--scale X] [--only SUBSTRING]"

static double bench_scale = 1;    /* --scale */
static const char *bench_only;    /* --only */

/* The option function for --scale and --only. */
static inline bool
bench_scale_only_option(const char *name, const char *value)
{
	if (strcmp(name, "--scale") == 0)
		bench_scale = bench_parse_positive(value);
	else if (strcmp(name, "--only") == 0)
		bench_only = value;
	else
		return false;
	return true;
}

/* base x --scale as an iteration count, at least 1. */
static inline uint64_t
bench_iterations(double base)
{
	double n = base * bench_scale;

	return n < 1 ? 1 : (uint64_t)n;
}

/* Whether a row is run: no --only, or its name contains the substring. */
static inline int
bench_wanted(const char *row)
{
	return bench_only == NULL || strstr(row, bench_only) != NULL;
}

/* Print the line of one row, "<tag>,<row>,<value>", at once. */
static inline void
bench_report(const char *tag, const char *row, double value)
{
	printf("%s,%s,%.2f\n", tag, row, value);
	fflush(stdout);
}

#endif /* RTMEM_BENCH_COMMON_H */
