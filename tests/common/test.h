/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * test.h: the checks every rtmem test uses.
 *
 * A test is one executable per feature. It exits TEST_PASS (0), TEST_FAIL (1)
 * or TEST_SKIP (77); ctest treats 77 as skipped.
 *
 * Two kinds of typed check, as in jemalloc:
 *   EXPECT_*  record the failure, print it, and carry on;
 *   ASSERT_*  print it and end the test at once with TEST_FAIL.
 * Each failure prints file, line, the two expressions, and both values:
 *   test_x.c:42: EXPECT_EQ_INT(ret, -1): expected -1, got 3 (ret vs -1)
 * The checks are thread-safe (failures are counted atomically), so worker
 * threads may use EXPECT_*; ASSERT_* from a worker ends the whole process.
 *
 * A test's main() ends with `return test_report();`, which prints a summary
 * line and turns the failure count into the exit code.
 *
 * test_run_child() runs a function in a forked child with a time limit,
 * optionally capturing its stdout and stderr: use it for code that must exit,
 * abort or be initialised once per process (rte_eal_init).
 *
 * Shared memory: a test that runs a primary passes --file-prefix
 * test_file_prefix() ("t<pid of the test>"; never DPDK's "rte"), or
 * --in-memory when it needs no second process. The runtime directory of
 * that prefix is removed when the test exits.
 *
 * Helpers: test_now_ns(), test_rand64() and test_stress_seconds() for the
 * stress tests; test_memzone_count(); test_log_begin() / test_log_end() /
 * test_log_text() to capture what the library logs.
 */
#ifndef RTMEM_TEST_H
#define RTMEM_TEST_H

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_log.h>
#include <rte_memzone.h>

#define TEST_PASS 0
#define TEST_FAIL 1
#define TEST_SKIP 77

static unsigned int test_checks_;
static unsigned int test_failures_;

static inline void
test_count_(bool ok)
{
	__atomic_fetch_add(&test_checks_, 1, __ATOMIC_RELAXED);
	if (!ok)
		__atomic_fetch_add(&test_failures_, 1, __ATOMIC_RELAXED);
}

static inline void
test_fail_msg_(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static inline void
test_fail_msg_(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
}

/* Each check evaluates its arguments exactly once. `fatal` selects ASSERT. */
#define TEST_CHECK_(fatal, name, cond, ...)                                   \
	do {                                                                  \
		bool ok_ = (cond);                                            \
		test_count_(ok_);                                             \
		if (!ok_) {                                                   \
			test_fail_msg_(__FILE__, __LINE__, __VA_ARGS__);      \
			if (fatal)                                            \
				exit(TEST_FAIL);                              \
		}                                                             \
	} while (0)

#define TEST_CMP_INT_(fatal, op, name, a, b)                                  \
	do {                                                                  \
		long long a_ = (long long)(a), b_ = (long long)(b);           \
		TEST_CHECK_(fatal, name, a_ op b_,                            \
			    name "(%s, %s): expected %s %lld, got %lld",      \
			    #a, #b, #op, b_, a_);                              \
	} while (0)

#define TEST_CMP_UINT_(fatal, op, name, a, b)                                 \
	do {                                                                  \
		unsigned long long a_ = (unsigned long long)(a);              \
		unsigned long long b_ = (unsigned long long)(b);              \
		TEST_CHECK_(fatal, name, a_ op b_,                            \
			    name "(%s, %s): expected %s %llu (0x%llx), "      \
			    "got %llu (0x%llx)", #a, #b, #op, b_, b_, a_, a_); \
	} while (0)

#define TEST_CMP_PTR_(fatal, op, name, a, b)                                  \
	do {                                                                  \
		const void *a_ = (const void *)(a), *b_ = (const void *)(b);  \
		TEST_CHECK_(fatal, name, a_ op b_,                            \
			    name "(%s, %s): expected %s %p, got %p",          \
			    #a, #b, #op, b_, a_);                              \
	} while (0)

#define TEST_CMP_STR_(fatal, want_equal, name, a, b)                          \
	do {                                                                  \
		const char *a_ = (a), *b_ = (b);                              \
		bool same_ = (a_ == NULL || b_ == NULL) ? a_ == b_            \
							: strcmp(a_, b_) == 0;  \
		TEST_CHECK_(fatal, name, same_ == (want_equal),               \
			    name "(%s, %s): expected %s\"%s\", got \"%s\"",   \
			    #a, #b, (want_equal) ? "" : "not ",               \
			    b_ ? b_ : "(null)", a_ ? a_ : "(null)");          \
	} while (0)

#define TEST_BOOL_(fatal, name, cond, want)                                   \
	TEST_CHECK_(fatal, name, (bool)(cond) == (want),                      \
		    name "(%s): expected %s", #cond, (want) ? "true" : "false")

/* ---- EXPECT: record and continue */
#define EXPECT_TRUE(c)         TEST_BOOL_(0, "EXPECT_TRUE", c, true)
#define EXPECT_FALSE(c)        TEST_BOOL_(0, "EXPECT_FALSE", c, false)
#define EXPECT_EQ_INT(a, b)    TEST_CMP_INT_(0, ==, "EXPECT_EQ_INT", a, b)
#define EXPECT_NE_INT(a, b)    TEST_CMP_INT_(0, !=, "EXPECT_NE_INT", a, b)
#define EXPECT_LT_INT(a, b)    TEST_CMP_INT_(0, <, "EXPECT_LT_INT", a, b)
#define EXPECT_LE_INT(a, b)    TEST_CMP_INT_(0, <=, "EXPECT_LE_INT", a, b)
#define EXPECT_GT_INT(a, b)    TEST_CMP_INT_(0, >, "EXPECT_GT_INT", a, b)
#define EXPECT_GE_INT(a, b)    TEST_CMP_INT_(0, >=, "EXPECT_GE_INT", a, b)
#define EXPECT_EQ_UINT(a, b)   TEST_CMP_UINT_(0, ==, "EXPECT_EQ_UINT", a, b)
#define EXPECT_NE_UINT(a, b)   TEST_CMP_UINT_(0, !=, "EXPECT_NE_UINT", a, b)
#define EXPECT_LT_UINT(a, b)   TEST_CMP_UINT_(0, <, "EXPECT_LT_UINT", a, b)
#define EXPECT_LE_UINT(a, b)   TEST_CMP_UINT_(0, <=, "EXPECT_LE_UINT", a, b)
#define EXPECT_GT_UINT(a, b)   TEST_CMP_UINT_(0, >, "EXPECT_GT_UINT", a, b)
#define EXPECT_GE_UINT(a, b)   TEST_CMP_UINT_(0, >=, "EXPECT_GE_UINT", a, b)
#define EXPECT_EQ_PTR(a, b)    TEST_CMP_PTR_(0, ==, "EXPECT_EQ_PTR", a, b)
#define EXPECT_NE_PTR(a, b)    TEST_CMP_PTR_(0, !=, "EXPECT_NE_PTR", a, b)
#define EXPECT_NULL(a)         TEST_CMP_PTR_(0, ==, "EXPECT_NULL", a, NULL)
#define EXPECT_NOT_NULL(a)     TEST_CMP_PTR_(0, !=, "EXPECT_NOT_NULL", a, NULL)
#define EXPECT_EQ_STR(a, b)    TEST_CMP_STR_(0, true, "EXPECT_EQ_STR", a, b)
#define EXPECT_NE_STR(a, b)    TEST_CMP_STR_(0, false, "EXPECT_NE_STR", a, b)
/* substring check: haystack contains needle */
#define EXPECT_CONTAINS(hay, needle)                                          \
	do {                                                                  \
		const char *h_ = (hay), *n_ = (needle);                       \
		TEST_CHECK_(0, "EXPECT_CONTAINS",                             \
			    h_ != NULL && strstr(h_, n_) != NULL,             \
			    "EXPECT_CONTAINS(%s, %s): \"%s\" not found in "   \
			    "\"%s\"", #hay, #needle, n_, h_ ? h_ : "(null)"); \
	} while (0)

/* ---- ASSERT: end the test on failure */
#define ASSERT_TRUE(c)         TEST_BOOL_(1, "ASSERT_TRUE", c, true)
#define ASSERT_FALSE(c)        TEST_BOOL_(1, "ASSERT_FALSE", c, false)
#define ASSERT_EQ_INT(a, b)    TEST_CMP_INT_(1, ==, "ASSERT_EQ_INT", a, b)
#define ASSERT_NE_INT(a, b)    TEST_CMP_INT_(1, !=, "ASSERT_NE_INT", a, b)
#define ASSERT_GE_INT(a, b)    TEST_CMP_INT_(1, >=, "ASSERT_GE_INT", a, b)
#define ASSERT_GT_INT(a, b)    TEST_CMP_INT_(1, >, "ASSERT_GT_INT", a, b)
#define ASSERT_EQ_UINT(a, b)   TEST_CMP_UINT_(1, ==, "ASSERT_EQ_UINT", a, b)
#define ASSERT_GE_UINT(a, b)   TEST_CMP_UINT_(1, >=, "ASSERT_GE_UINT", a, b)
#define ASSERT_EQ_PTR(a, b)    TEST_CMP_PTR_(1, ==, "ASSERT_EQ_PTR", a, b)
#define ASSERT_NULL(a)         TEST_CMP_PTR_(1, ==, "ASSERT_NULL", a, NULL)
#define ASSERT_NOT_NULL(a)     TEST_CMP_PTR_(1, !=, "ASSERT_NOT_NULL", a, NULL)
#define ASSERT_EQ_STR(a, b)    TEST_CMP_STR_(1, true, "ASSERT_EQ_STR", a, b)

/* End the test as skipped, saying why. */
#define TEST_SKIP_IF(cond, ...)                                               \
	do {                                                                  \
		if (cond) {                                                   \
			printf("SKIP: ");                                     \
			printf(__VA_ARGS__);                                  \
			printf("\n");                                         \
			fflush(stdout);                                       \
			exit(TEST_SKIP);                                      \
		}                                                             \
	} while (0)

/* Print the summary and return the exit code for main(). */
static inline int
test_report(void)
{
	unsigned int checks = __atomic_load_n(&test_checks_, __ATOMIC_RELAXED);
	unsigned int fails = __atomic_load_n(&test_failures_, __ATOMIC_RELAXED);

	printf("%u checks, %u failed\n", checks, fails);
	fflush(stdout);
	return fails == 0 ? TEST_PASS : TEST_FAIL;
}

/* ---- running code in a child process */

/** What test_run_child() saw. */
struct test_child_result {
	int exited;        /**< 1 if the child exited normally */
	int exit_code;     /**< its exit code when exited */
	int signal;        /**< the signal that ended it, else 0 */
	int timed_out;     /**< 1 if it was killed for running too long */
	char out[16384];   /**< captured stdout (NUL-terminated, truncated) */
	char err[16384];   /**< captured stderr (NUL-terminated, truncated) */
};

static inline void
test_drain_(int fd, char *buf, size_t cap, size_t *len, int *open_)
{
	char tmp[4096];
	ssize_t n = read(fd, tmp, sizeof(tmp));

	if (n <= 0) {
		*open_ = 0;
		return;
	}
	if (*len + 1 < cap) {
		size_t room = cap - 1 - *len;
		size_t take = (size_t)n < room ? (size_t)n : room;
		memcpy(buf + *len, tmp, take);
		*len += take;
		buf[*len] = '\0';
	}
}

/*
 * Run fn(arg) in a forked child; the child exits with fn's return value.
 * Its stdout and stderr are captured into res->out / res->err. The child is
 * killed with SIGKILL after timeout_s seconds. Returns 0, or -1 if the child
 * could not be started.
 */
static inline int
test_run_child(int (*fn)(void *), void *arg, int timeout_s,
	       struct test_child_result *res)
{
	int out_pipe[2], err_pipe[2], status = 0;
	size_t out_len = 0, err_len = 0;
	int out_open = 1, err_open = 1;
	struct timespec start, now;
	pid_t pid;

	memset(res, 0, sizeof(*res));
	fflush(stdout);
	fflush(stderr);
	if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		/* the child reports only its own checks */
		test_checks_ = 0;
		test_failures_ = 0;
		dup2(out_pipe[1], STDOUT_FILENO);
		dup2(err_pipe[1], STDERR_FILENO);
		close(out_pipe[0]);
		close(err_pipe[0]);
		close(out_pipe[1]);
		close(err_pipe[1]);
		int rc = fn(arg);
		fflush(stdout);
		fflush(stderr);
		_exit(rc);
	}
	close(out_pipe[1]);
	close(err_pipe[1]);
	clock_gettime(CLOCK_MONOTONIC, &start);
	while (out_open || err_open) {
		struct pollfd p[2] = {
			{ .fd = out_open ? out_pipe[0] : -1, .events = POLLIN },
			{ .fd = err_open ? err_pipe[0] : -1, .events = POLLIN },
		};
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - start.tv_sec >= timeout_s) {
			kill(pid, SIGKILL);
			res->timed_out = 1;
			break;
		}
		if (poll(p, 2, 100) < 0 && errno != EINTR)
			break;
		if (out_open && (p[0].revents & (POLLIN | POLLHUP | POLLERR)))
			test_drain_(out_pipe[0], res->out, sizeof(res->out),
				    &out_len, &out_open);
		if (err_open && (p[1].revents & (POLLIN | POLLHUP | POLLERR)))
			test_drain_(err_pipe[0], res->err, sizeof(res->err),
				    &err_len, &err_open);
	}
	close(out_pipe[0]);
	close(err_pipe[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status)) {
		res->exited = 1;
		res->exit_code = WEXITSTATUS(status);
	} else if (WIFSIGNALED(status)) {
		res->signal = WTERMSIG(status);
	}
	return 0;
}

/*
 * Run fn in a child (test_run_child) and check that it exited 0 in time;
 * on failure print what the child wrote, headed by `what`.
 */
static inline void
test_child_ok(const char *what, int (*fn)(void *), void *arg, int timeout_s)
{
	struct test_child_result res;

	ASSERT_EQ_INT(test_run_child(fn, arg, timeout_s, &res), 0);
	if (!res.exited || res.exit_code != 0)
		printf("%s:\nstdout:\n%s\nstderr:\n%s\n", what, res.out,
		       res.err);
	EXPECT_FALSE(res.timed_out);
	EXPECT_TRUE(res.exited);
	EXPECT_EQ_INT(res.exit_code, 0);
}

/* ---- shared-memory prefixes */

static pid_t test_main_pid_;

/* The runtime directory rtmem uses for prefix (runtime.c's rule). */
static inline void
test_runtime_dir(char *buf, size_t len, const char *prefix)
{
	const char *base = getenv("RUNTIME_DIRECTORY");

	if (base == NULL || base[0] == '\0')
		base = geteuid() == 0 ? "/var/run" : getenv("XDG_RUNTIME_DIR");
	if (base == NULL || base[0] == '\0')
		base = "/tmp";
	snprintf(buf, len, "%s/rtmem/%s", base, prefix);
}

/*
 * A --file-prefix unique to this test run, the same in its children:
 * "t<pid>", plus a suffix for tests that need several ("t<pid>_<n>").
 */
static inline const char *
test_file_prefix_n(unsigned int n)
{
	static char prefix[8][32];

	if (n >= 8)
		n = 7;
	if (n == 0)
		snprintf(prefix[0], sizeof(prefix[0]), "t%d",
			 (int)test_main_pid_);
	else
		snprintf(prefix[n], sizeof(prefix[n]), "t%d_%u",
			 (int)test_main_pid_, n);
	return prefix[n];
}

static inline const char *
test_file_prefix(void)
{
	return test_file_prefix_n(0);
}

/* Remove a prefix's runtime directory (what a clean primary leaves). */
static inline void
test_remove_runtime_dir(const char *prefix)
{
	char dir[512], path[600];

	test_runtime_dir(dir, sizeof(dir), prefix);
	snprintf(path, sizeof(path), "%s/lock", dir);
	unlink(path);
	rmdir(dir);
}

static void
test_remove_runtime_dirs_(void)
{
	if (getpid() != test_main_pid_)
		return;
	for (unsigned int n = 0; n < 8; n++)
		test_remove_runtime_dir(test_file_prefix_n(n));
}

__attribute__((constructor)) static void
test_prefix_init_(void)
{
	test_main_pid_ = getpid();
	atexit(test_remove_runtime_dirs_);
}

/*
 * Extra EAL words for every test_eal_init() of this run: the hugepage run
 * of the suite (tests/mem/run_on_hugepages.sh) sets
 * RTMEM_TEST_EAL_ARGS="--huge-dir=<its mount> --huge-strict".
 */
static inline const char *
test_extra_eal_args(void)
{
	const char *extra = getenv("RTMEM_TEST_EAL_ARGS");

	return extra != NULL ? extra : "";
}

/* Whether test_extra_eal_args() go with these EAL words. */
static inline bool
test_extra_args_apply(const char *args)
{
	return strstr(args, "--no-huge") == NULL &&
	       strstr(args, "--in-memory") == NULL &&
	       strstr(args, "--huge-dir") == NULL;
}

/* Whether this run puts shared memory on hugepages. */
static inline bool
test_on_hugepages(void)
{
	return strstr(test_extra_eal_args(), "--huge-dir") != NULL;
}

/*
 * rte_eal_init() with the words of `args` (separated by spaces; the
 * program name is added in front) and then test_extra_eal_args(), unless
 * args chooses its memory itself (--no-huge, --in-memory, --huge-dir).
 * Returns what rte_eal_init() returns.
 */
static inline int
test_eal_init(const char *args)
{
	static char line[1024];
	static char *argv[64];
	int argc = 0;
	char *word, *save = NULL;
	const char *extra = test_extra_eal_args();

	if (!test_extra_args_apply(args))
		extra = "";
	snprintf(line, sizeof(line), "test %s %s", args, extra);
	for (word = strtok_r(line, " ", &save); word != NULL && argc < 63;
	     word = strtok_r(NULL, " ", &save))
		argv[argc++] = word;
	argv[argc] = NULL;
	return rte_eal_init(argc, argv);
}

/* ---- time, random numbers, run length */

/* CLOCK_MONOTONIC in nanoseconds. */
static inline uint64_t
test_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* xorshift64*: the next number from *state (seeded by the test, not 0). */
static inline uint64_t
test_rand64(uint64_t *state)
{
	*state ^= *state >> 12;
	*state ^= *state << 25;
	*state ^= *state >> 27;
	return *state * 0x2545f4914f6cdd1dull;
}

/*
 * How long a stress test runs, in seconds: argv[1], else
 * $RTMEM_STRESS_SECONDS, else dflt (also when the value is not positive).
 */
static inline double
test_stress_seconds(int argc, char **argv, double dflt)
{
	const char *env = getenv("RTMEM_STRESS_SECONDS");
	double s = dflt;

	if (argc > 1)
		s = atof(argv[1]);
	else if (env != NULL)
		s = atof(env);
	return s > 0 ? s : dflt;
}

/* ---- memzones */

static inline void
test_memzone_count_cb_(const struct rte_memzone *mz, void *arg)
{
	(void)mz;
	(*(unsigned int *)arg)++;
}

/* How many memzones exist (rte_memzone_walk). */
static inline unsigned int
test_memzone_count(void)
{
	unsigned int n = 0;

	rte_memzone_walk(test_memzone_count_cb_, &n);
	return n;
}

/* ---- capturing the log */

static char *test_log_buf_;
static size_t test_log_len_;
static FILE *test_log_f_;

/*
 * Capture what the library logs, in memory, until test_log_end(). The text
 * of the previous capture is freed.
 */
static inline void
test_log_begin(void)
{
	free(test_log_buf_);
	test_log_buf_ = NULL;
	test_log_len_ = 0;
	test_log_f_ = open_memstream(&test_log_buf_, &test_log_len_);
	ASSERT_NOT_NULL(test_log_f_);
	rte_openlog_stream(test_log_f_);
}

/* End a capture; returns the number of lines logged (text: test_log_text). */
static inline unsigned int
test_log_end(void)
{
	unsigned int lines = 0;

	rte_openlog_stream(NULL);
	fclose(test_log_f_);
	test_log_f_ = NULL;
	for (size_t i = 0; i < test_log_len_; i++)
		lines += test_log_buf_[i] == '\n';
	return lines;
}

/* The text of the last capture (NUL-terminated; until the next begin). */
static inline const char *
test_log_text(void)
{
	return test_log_buf_;
}

/* Skip the test unless this process may run on CPUs 0 .. n-1. */
#define TEST_REQUIRE_CPUS(n)                                                  \
	do {                                                                  \
		cpu_set_t allowed_;                                           \
		bool ok_ = sched_getaffinity(0, sizeof(allowed_),             \
					     &allowed_) == 0;                 \
		for (int c_ = 0; ok_ && c_ < (n); c_++)                       \
			ok_ = CPU_ISSET(c_, &allowed_);                       \
		TEST_SKIP_IF(!ok_, "needs CPUs 0-%d", (n) - 1);               \
	} while (0)

#endif /* RTMEM_TEST_H */
