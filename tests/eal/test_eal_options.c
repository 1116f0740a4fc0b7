/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: rte_eal_init() option parsing, as a table of command lines.
 *
 * Invalid lines: rte_eal_init returns -1 with rte_errno == EINVAL, logs one
 * line naming the option, starts nothing, and may be called again (so all
 * invalid lines run in this process, one after the other).
 * Valid lines: each runs in a forked child (initialisation is once per
 * process), which checks the consumed count, the argv the application sees,
 * and the resulting lcores / options.
 * The parser is also driven directly (white box) to check the stored memory
 * and process options that the memory layer will use.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>

#include "eal/eal_options.h"
#include "eal/eal_private.h"
#include "internal/cpu.h"
#include "test.h"

#define MAX_ARGS 32

/* Split a command line at spaces into a NULL-terminated argv. */
static int
split(char *line, char **argv)
{
	int argc = 0;

	for (char *tok = strtok(line, " "); tok != NULL && argc < MAX_ARGS - 1;
	     tok = strtok(NULL, " "))
		argv[argc++] = tok;
	argv[argc] = NULL;
	return argc;
}

/* ---- invalid command lines */

struct bad_line {
	const char *line;
	const char *named; /* must appear in the log line */
};

static const struct bad_line bad_lines[] = {
	{ "prog -l 3-1", "-l" },
	{ "prog -l 999", "999" },
	{ "prog -l 128", "out of range" },
	{ "prog -l", "needs a value" },
	{ "prog -l a", "-l" },
	{ "prog -l 0,", "-l" },
	{ "prog -l 0-", "-l" },
	{ "prog -c zz", "-c" },
	{ "prog -c 0x0", "no lcore" },
	{ "prog -c 0x", "empty" },
	{ "prog -l 0 -c 1", "only one of" },
	{ "prog --lcores 0@", "--lcores" },
	{ "prog --lcores (0-1", "missing ')'" },
	{ "prog --lcores 0,0", "twice" },
	{ "prog --lcores 0@(0", "--lcores" },
	{ "prog --lcores 200@0", "out of range" },
	{ "prog --lcores 0,", "trailing" },
	{ "prog -l 0 --main-lcore 5", "--main-lcore" },
	{ "prog -l 0 --main-lcore x", "not a number" },
	{ "prog --main-lcore 300", "out of range" },
	{ "prog -m abc", "-m" },
	{ "prog -m 0", "-m" },
	{ "prog -m 12x", "-m" },
	{ "prog -m -5", "-m" },
	{ "prog -n 0", "-n" },
	{ "prog -n abc", "-n" },
	{ "prog -r 17", "-r" },
	{ "prog --socket-mem 1024,x", "--socket-mem" },
	{ "prog --socket-mem 1024,,2", "--socket-mem" },
	{ "prog --socket-mem=", "--socket-mem" },
	{ "prog -m 64 --socket-mem 64", "-m" },
	{ "prog --no-huge --socket-mem 64", "--no-huge" },
	{ "prog --no-huge --huge-dir /mnt/huge", "--huge-dir" },
	{ "prog --legacy-mem --socket-limit 64", "--legacy-mem" },
	{ "prog --legacy-mem --in-memory", "--in-memory" },
	{ "prog --legacy-mem --single-file-segments", "--single-file-segments" },
	{ "prog --socket-mem 128 --socket-limit 64", "limit" },
	{ "prog --in-memory --proc-type secondary", "secondary" },
	{ "prog --proc-type bogus", "--proc-type" },
	{ "prog --proc-type", "needs a value" },
	{ "prog --file-prefix a/b", "--file-prefix" },
	{ "prog --file-prefix a%d", "--file-prefix" },
	{ "prog --file-prefix=", "--file-prefix" },
	{ "prog --base-virtaddr zz", "--base-virtaddr" },
	{ "prog --base-virtaddr 0", "--base-virtaddr" },
	{ "prog --iova-mode xx", "--iova-mode" },
	{ "prog --huge-unlink=sometimes", "--huge-unlink" },
	{ "prog --log-level=bogus", "--log-level" },
	{ "prog --log-level=9", "--log-level" },
	{ "prog --log-level=0", "--log-level" },
	{ "prog --log-level=lib.eal:loud", "--log-level" },
	{ "prog --log-level=:debug", "--log-level" },
	{ "prog --log-level=[,debug", "regular expression" },
	{ "prog --foo", "--foo" },
	{ "prog -x", "-x" },
	{ "prog --no-huge=1", "takes no value" },
	{ "prog -v1", "takes no value" },
	{ "prog --lcore 0", "unknown option" },
	{ "prog -S 0-", "-S" },
};

static void
test_invalid_lines(void)
{
	char *stream_buf = NULL;
	size_t stream_len = 0;
	FILE *log = open_memstream(&stream_buf, &stream_len);

	ASSERT_NOT_NULL(log);
	rte_openlog_stream(log);
	for (size_t i = 0; i < sizeof(bad_lines) / sizeof(bad_lines[0]); i++) {
		char line[256], *argv[MAX_ARGS];
		int argc, ret;
		long before;

		snprintf(line, sizeof(line), "%s", bad_lines[i].line);
		argc = split(line, argv);
		fflush(log);
		before = (long)stream_len;
		rte_errno = 0;
		ret = rte_eal_init(argc, argv);
		fflush(log);
		if (ret != -1 || rte_errno != EINVAL)
			printf("line: %s\n", bad_lines[i].line);
		EXPECT_EQ_INT(ret, -1);
		EXPECT_EQ_INT(rte_errno, EINVAL);
		/* exactly one new log line, naming the option */
		{
			const char *msg = stream_buf + before;
			int lines = 0;

			for (const char *c = msg; *c; c++)
				lines += *c == '\n';
			if (lines != 1 || strstr(msg, bad_lines[i].named) == NULL)
				printf("line: %s\nlog: %s", bad_lines[i].line, msg);
			EXPECT_EQ_INT(lines, 1);
			EXPECT_CONTAINS(msg, bad_lines[i].named);
		}
		/* nothing was started or kept */
		EXPECT_FALSE(eal_is_initialised());
		EXPECT_NULL(eal_options_get());
	}
	rte_openlog_stream(NULL);
	fclose(log);
	free(stream_buf);
}

/* ---- valid command lines, each in a child process */

struct good_line {
	const char *line;
	int consumed;          /* rte_eal_init's return */
	const char *app_argv;  /* what argv+ret holds afterwards, joined */
	unsigned int lcores;   /* rte_lcore_count() */
	int main_lcore;        /* -1: don't check */
	const char *enabled;   /* enabled lcore ids, "0,1" ; NULL: don't check */
};

static const struct good_line good_lines[] = {
	{ "prog", 0, "prog", 0, -1, NULL },
	{ "prog -l 0", 2, "prog", 1, 0, "0" },
	{ "prog -l0", 1, "prog", 1, 0, "0" },
	{ "prog -l 0-1", 2, "prog", 2, 0, "0,1" },
	{ "prog -l 1,0 --main-lcore 1", 4, "prog", 2, 1, "0,1" },
	{ "prog -c 0x3", 2, "prog", 2, 0, "0,1" },
	{ "prog -c 1", 2, "prog", 1, 0, "0" },
	{ "prog --lcores 0-1", 2, "prog", 2, 0, "0,1" },
	{ "prog --lcores=(0-7)@0", 1, "prog", 8, 0, "0,1,2,3,4,5,6,7" },
	{ "prog --lcores 0,5@0,(9-10)@(0-1),20@0-1", 2, "prog", 5, 0,
	  "0,5,9,10,20" },
	{ "prog -l 0 -- -p 0x3", 3, "prog -p 0x3", 1, 0, "0" },
	{ "prog -l 0 app1 -- app2", 3, "prog app1 app2", 1, 0, "0" },
	{ "prog first -l 0", 2, "prog first", 1, 0, "0" },
	{ "prog --", 1, "prog", 0, -1, NULL },
	{ "prog -l 0 --no-pci -a 0000:00:01.0 -b 0000:00:02.0 --vdev net_null0 "
	  "-d /x.so", 11, "prog", 1, 0, "0" },
	{ "prog -l 0 -n 4 -r 2 -m 64 --file-prefix t1 --proc-type=auto", 11,
	  "prog", 1, 0, "0" },
	{ "prog -l 0 --log-level=lib.eal:debug --log-level 7 "
	  "--log-level=lib\\..*,4", 6, "prog", 1, 0, "0" },
	{ "prog -l 0 --no-huge --in-memory --single-file-segments", 5, "prog",
	  1, 0, "0" },
	{ "prog -l 0 --legacy-mem -v --iova-mode=va --huge-unlink", 6, "prog",
	  1, 0, "0" },
};

static int
run_good_line(void *arg)
{
	const struct good_line *g = arg;
	char line[256], *argv[MAX_ARGS], joined[256] = "";
	bool own_prefix;
	int argc, ret;
	unsigned int id;

	/*
	 * Lines that would run a primary of the default prefix get one of
	 * their own right after the program name (one more word consumed).
	 */
	own_prefix = strstr(g->line, "--file-prefix") == NULL &&
		     strstr(g->line, "--in-memory") == NULL;
	if (!own_prefix)
		snprintf(line, sizeof(line), "%s", g->line);
	else
		snprintf(line, sizeof(line), "prog --file-prefix=%s%s",
			 test_file_prefix(), g->line + strlen("prog"));
	argc = split(line, argv);
	for (int i = 1; i + 1 < argc; i++) /* and named prefixes become ours */
		if (strcmp(argv[i], "--file-prefix") == 0)
			argv[i + 1] = (char *)test_file_prefix();
	ret = rte_eal_init(argc, argv);
	ASSERT_EQ_INT(ret, g->consumed + own_prefix);
	for (int i = ret; i < argc; i++) {
		strcat(joined, i > ret ? " " : "");
		strcat(joined, argv[i + 0]);
	}
	EXPECT_EQ_STR(joined, g->app_argv);
	if (g->lcores != 0)
		EXPECT_EQ_UINT(rte_lcore_count(), g->lcores);
	else
		EXPECT_GE_UINT(rte_lcore_count(), 1);
	if (g->main_lcore >= 0) {
		EXPECT_EQ_UINT(rte_get_main_lcore(), g->main_lcore);
		EXPECT_EQ_UINT(rte_lcore_id(), g->main_lcore);
	}
	if (g->enabled != NULL) {
		char got[256] = "";

		RTE_LCORE_FOREACH(id) {
			char num[8];

			snprintf(num, sizeof(num), "%s%u", got[0] ? "," : "", id);
			strcat(got, num);
		}
		EXPECT_EQ_STR(got, g->enabled);
	}
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}

static void
test_valid_lines(void)
{
	for (size_t i = 0; i < sizeof(good_lines) / sizeof(good_lines[0]); i++) {
		struct test_child_result res;

		ASSERT_EQ_INT(test_run_child(run_good_line, (void *)&good_lines[i],
					     30, &res), 0);
		if (!res.exited || res.exit_code != 0)
			printf("line: %s\nstdout:\n%s\nstderr:\n%s\n",
			       good_lines[i].line, res.out, res.err);
		EXPECT_TRUE(res.exited);
		EXPECT_EQ_INT(res.exit_code, 0);
	}
}

/* ---- stored options (white box) */

static int
parse_line(struct eal_options *o, const char *text)
{
	static char line[512];
	static char *argv[MAX_ARGS];
	int argc;

	snprintf(line, sizeof(line), "%s", text);
	argc = split(line, argv);
	eal_options_init(o);
	return eal_options_parse(o, argc, argv);
}

static void
test_stored_options(void)
{
	struct eal_options o;

	ASSERT_GE_INT(parse_line(&o, "prog -m 512 -n 4 --file-prefix app1 "
				 "--proc-type secondary --base-virtaddr "
				 "0x200000000 --huge-dir /mnt/huge "
				 "--single-file-segments --mbuf-pool-ops-name "
				 "stack"), 0);
	EXPECT_EQ_UINT(o.memory, 512ULL << 20);
	EXPECT_EQ_UINT(o.channels, 4);
	EXPECT_EQ_STR(o.file_prefix, "app1");
	EXPECT_EQ_INT(o.proc_type, RTE_PROC_SECONDARY);
	EXPECT_EQ_UINT(o.base_virtaddr, 0x200000000ULL);
	EXPECT_EQ_STR(o.huge_dir, "/mnt/huge");
	EXPECT_TRUE(o.single_file_segments);
	EXPECT_FALSE(o.legacy_mem);
	EXPECT_EQ_STR(o.mbuf_pool_ops, "stack");
	eal_options_free(&o);

	EXPECT_EQ_INT(parse_line(&o, "prog --socket-mem 1024,0,256 "
				 "--socket-limit=2048,0,512 --no-huge=0"), -EINVAL);
	eal_options_free(&o);
	ASSERT_GE_INT(parse_line(&o, "prog --socket-mem 1024,0,256 "
				 "--socket-limit=2048,0,512"), 0);
	EXPECT_TRUE(o.socket_mem_set);
	EXPECT_EQ_UINT(o.socket_mem[0], 1024ULL << 20);
	EXPECT_EQ_UINT(o.socket_mem[1], 0);
	EXPECT_EQ_UINT(o.socket_mem[2], 256ULL << 20);
	EXPECT_EQ_UINT(o.socket_limit[2], 512ULL << 20);
	EXPECT_EQ_STR(o.file_prefix, "rte");
	EXPECT_EQ_INT(o.proc_type, RTE_PROC_PRIMARY);
	eal_options_free(&o);

	/* --lcores maps and listing-order indexes */
	ASSERT_GE_INT(parse_line(&o, "prog --lcores 3@1,(5-6)@(0-1),1"), 0);
	EXPECT_TRUE(o.lcore_enabled[3]);
	EXPECT_TRUE(CPU_ISSET(1, &o.lcore_cpus[3]));
	EXPECT_EQ_INT(CPU_COUNT(&o.lcore_cpus[3]), 1);
	EXPECT_EQ_INT(CPU_COUNT(&o.lcore_cpus[5]), 2);
	EXPECT_EQ_INT(CPU_COUNT(&o.lcore_cpus[6]), 2);
	EXPECT_EQ_INT(o.lcore_index[3], 0);
	EXPECT_EQ_INT(o.lcore_index[5], 1);
	EXPECT_EQ_INT(o.lcore_index[6], 2);
	EXPECT_EQ_INT(o.lcore_index[1], 3);
	EXPECT_EQ_INT(o.lcore_index[0], -1);
	EXPECT_EQ_UINT(o.lcore_count, 4);
	EXPECT_EQ_UINT(o.main_lcore, 1);
	eal_options_free(&o);

	/* a group without '@' runs each lcore on the group's CPUs */
	ASSERT_GE_INT(parse_line(&o, "prog --lcores (0,1)"), 0);
	EXPECT_EQ_INT(CPU_COUNT(&o.lcore_cpus[0]), 2);
	EXPECT_EQ_INT(CPU_COUNT(&o.lcore_cpus[1]), 2);
	eal_options_free(&o);

	/* log specs are stored, not applied, by the parser */
	ASSERT_GE_INT(parse_line(&o, "prog --log-level=pmd.*:7 "
				 "--log-level=lib\\.e.*,err --log-level warning"), 0);
	ASSERT_EQ_UINT(o.n_log_specs, 3);
	EXPECT_EQ_INT(o.log_specs[0].kind, EAL_LOG_PATTERN);
	EXPECT_EQ_STR(o.log_specs[0].text, "pmd.*");
	EXPECT_EQ_UINT(o.log_specs[0].level, RTE_LOG_INFO);
	EXPECT_EQ_INT(o.log_specs[1].kind, EAL_LOG_REGEX);
	EXPECT_EQ_STR(o.log_specs[1].text, "lib\\.e.*");
	EXPECT_EQ_UINT(o.log_specs[1].level, RTE_LOG_ERR);
	EXPECT_EQ_INT(o.log_specs[2].kind, EAL_LOG_GLOBAL);
	EXPECT_EQ_UINT(o.log_specs[2].level, RTE_LOG_WARNING);
	eal_options_free(&o);
}

/* --log-level reaches the log system; -h prints usage and exits 0 */
static int
run_log_level(void *arg)
{
	char *argv[] = { "prog", "-l", "0", "--log-level", "lib.eal:debug",
			 "--log-level=3", "--in-memory", NULL };

	(void)arg;
	ASSERT_EQ_INT(rte_eal_init(7, argv), 6);
	EXPECT_EQ_INT(rte_log_get_level(RTE_LOGTYPE_EAL), RTE_LOG_DEBUG);
	EXPECT_EQ_UINT(rte_log_get_global_level(), RTE_LOG_CRIT);
	rte_eal_cleanup();
	return test_report();
}

static void
usage_hook(const char *prgname)
{
	printf("APP USAGE of %s\n", prgname);
}

static int
run_help(void *arg)
{
	char *argv[] = { "prog", "-l", "0", "--help", NULL };

	(void)arg;
	rte_set_application_usage_hook(usage_hook);
	rte_eal_init(4, argv);
	return 3; /* not reached: --help exits 0 */
}

static void
test_log_level_and_help(void)
{
	struct test_child_result res;

	ASSERT_EQ_INT(test_run_child(run_log_level, NULL, 30, &res), 0);
	if (res.exit_code != 0)
		printf("%s\n%s\n", res.out, res.err);
	EXPECT_EQ_INT(res.exit_code, 0);

	ASSERT_EQ_INT(test_run_child(run_help, NULL, 30, &res), 0);
	EXPECT_TRUE(res.exited);
	EXPECT_EQ_INT(res.exit_code, 0);
	EXPECT_CONTAINS(res.out, "--lcores");
	EXPECT_CONTAINS(res.out, "--file-prefix");
	EXPECT_CONTAINS(res.out, "APP USAGE of prog");
}

int
main(void)
{
	TEST_REQUIRE_CPUS(2);
	cpu_topology_init();
	test_stored_options();
	test_invalid_lines();
	test_valid_lines();
	test_log_level_and_help();
	return test_report();
}
