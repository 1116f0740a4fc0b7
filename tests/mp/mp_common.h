/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mp_common.h: what the multi-process tests share.
 *
 * A test's primary runs in a forked child of the test (one rte_eal_init
 * per process). Secondaries are a different executable, mp_peer, started
 * with posix_spawn (exec, never fork), so they map the shared memory with
 * their own address-space layout, as a real second program would.
 *
 *   mp_spawn(&p, "check", NULL, eal_args, env)   start a peer
 *   mp_line(&p, buf, len, ms)                    read its next stdout line
 *   mp_finish(&p, ms)                            close its stdin (the "go
 *                                                on and exit" signal), wait;
 *                                                returns the exit status
 *
 * The shared scratch memzone MP_ZONE (struct mp_zone) carries data between
 * primary and peers: pointers written by one process and checked by the
 * other.
 */
#ifndef MP_COMMON_H
#define MP_COMMON_H

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <rte_malloc.h>
#include <rte_memzone.h>

#include "test.h"

extern char **environ;

#define MP_ZONE "mp_test_zone"

/* The scratch memzone's layout. */
struct mp_zone {
	void *self;          /* the memzone's own address, set by the primary */
	char *buf;           /* an rte_malloc block of buf_len bytes */
	size_t buf_len;
	uint8_t seed;        /* buf[i] == (uint8_t)(seed + i) */
	char *reply;         /* a block a peer allocated */
	size_t reply_len;
	uint8_t reply_seed;
	volatile uint32_t flag; /* handshakes */
};

/* A 16-byte ring element of the ring tests: a number and its check. */
struct mp_ring_elem {
	uint64_t seq;
	uint64_t check;
};

static inline uint64_t
mp_ring_check(uint64_t seq)
{
	return (seq + 1) * 0x9e3779b97f4a7c15ull ^ 0x0123456789abcdefull;
}

/* The ring a secondary creates (mp_peer ring-make) and its contents. */
#define MP_SEC_RING "mp_sec_ring"
#define MP_SEC_COUNT 10u

/* The stack a secondary creates (mp_peer stack-pop). */
#define MP_SEC_STACK "mp_sec_stack"

/* Fill and check the pattern of a block. */
static inline void
mp_fill(char *p, size_t len, uint8_t seed)
{
	for (size_t i = 0; i < len; i++)
		p[i] = (char)(uint8_t)(seed + i);
}

static inline bool
mp_check(const char *p, size_t len, uint8_t seed)
{
	for (size_t i = 0; i < len; i++)
		if ((uint8_t)p[i] != (uint8_t)(seed + i))
			return false;
	return true;
}

/*
 * Primary side: reserve MP_ZONE and give it a block of len bytes filled
 * from seed. Returns the zone, or NULL (rte_errno set).
 */
static inline struct mp_zone *
mp_make_zone(size_t len, uint8_t seed)
{
	const struct rte_memzone *mz = rte_memzone_reserve(
		MP_ZONE, sizeof(struct mp_zone), SOCKET_ID_ANY, 0);
	struct mp_zone *z;

	if (mz == NULL)
		return NULL;
	z = mz->addr;
	z->self = mz->addr;
	z->seed = seed;
	z->buf_len = len;
	z->buf = rte_malloc(NULL, len, 0);
	if (z->buf == NULL)
		return NULL;
	mp_fill(z->buf, len, seed);
	return z;
}

/* Whether someone holds the election lock of a prefix (a primary runs). */
static inline bool
mp_primary_running(const char *prefix)
{
	char dir[512], path[600];
	struct flock fl = { .l_type = F_WRLCK, .l_start = 0, .l_len = 1 };
	int fd;
	bool held;

	test_runtime_dir(dir, sizeof(dir), prefix);
	snprintf(path, sizeof(path), "%s/lock", dir);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return false;
	held = fcntl(fd, F_OFD_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
	close(fd);
	return held;
}

struct mp_proc {
	pid_t pid;
	int in_fd;                /* write end of its stdin */
	int out_fd, err_fd;       /* read ends of its stdout and stderr */
	char out[16384];          /* everything read from stdout so far */
	char err[16384];          /* stderr, once finished */
	size_t out_len, out_used; /* bytes read, bytes consumed by mp_line */
};

static inline int64_t
mp_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Start mp_peer <cmd> [arg] -- <eal_args>, with `env` ("A=1 B=2", or NULL)
 * added to the environment. Returns 0 or -1.
 */
static inline int
mp_spawn(struct mp_proc *p, const char *cmd, const char *arg,
	 const char *eal_args, const char *env)
{
	static char line[2048], envline[1024];
	char *argv[80], *envp[256], *save = NULL, *w;
	int in[2], out[2], err[2], argc = 0, envc = 0;
	posix_spawn_file_actions_t fa;
	int ret;

	memset(p, 0, sizeof(*p));
	argv[argc++] = (char *)MP_PEER_PATH;
	argv[argc++] = (char *)cmd;
	if (arg != NULL)
		argv[argc++] = (char *)arg;
	argv[argc++] = (char *)"--";
	snprintf(line, sizeof(line), "%s %s", eal_args,
		 test_extra_args_apply(eal_args) ? test_extra_eal_args() : "");
	for (w = strtok_r(line, " ", &save); w != NULL && argc < 79;
	     w = strtok_r(NULL, " ", &save))
		argv[argc++] = w;
	argv[argc] = NULL;
	for (char **e = environ; *e != NULL && envc < 200; e++)
		envp[envc++] = *e;
	if (env != NULL) {
		snprintf(envline, sizeof(envline), "%s", env);
		save = NULL;
		for (w = strtok_r(envline, " ", &save); w != NULL && envc < 255;
		     w = strtok_r(NULL, " ", &save))
			envp[envc++] = w;
	}
	envp[envc] = NULL;
	if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 ||
	    pipe2(err, O_CLOEXEC) != 0)
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], STDIN_FILENO);
	posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, err[1], STDERR_FILENO);
	ret = posix_spawn(&p->pid, MP_PEER_PATH, &fa, NULL, argv, envp);
	posix_spawn_file_actions_destroy(&fa);
	close(in[0]);
	close(out[1]);
	close(err[1]);
	if (ret != 0) {
		close(in[1]);
		close(out[0]);
		close(err[0]);
		return -1;
	}
	p->in_fd = in[1];
	p->out_fd = out[0];
	p->err_fd = err[0];
	return 0;
}

/* Read what is available on fd into buf (appending), waiting <= ms. */
static inline bool
mp_read_some(int fd, char *buf, size_t cap, size_t *len, int ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	ssize_t n;

	if (poll(&pfd, 1, ms) <= 0)
		return true;
	n = read(fd, buf + *len, cap - 1 - *len);
	if (n <= 0)
		return false; /* closed */
	*len += (size_t)n;
	buf[*len] = '\0';
	return true;
}

/*
 * Next line of the peer's stdout (without the newline), waiting up to
 * timeout_ms. Returns 0, or -1 on timeout or end of output.
 */
static inline int
mp_line(struct mp_proc *p, char *buf, size_t len, int timeout_ms)
{
	int64_t deadline = mp_now_ms() + timeout_ms;

	for (;;) {
		char *start = p->out + p->out_used;
		char *nl = strchr(start, '\n');

		if (nl != NULL) {
			snprintf(buf, len, "%.*s", (int)(nl - start), start);
			p->out_used = (size_t)(nl + 1 - p->out);
			return 0;
		}
		if (mp_now_ms() >= deadline ||
		    !mp_read_some(p->out_fd, p->out, sizeof(p->out),
				  &p->out_len, 50))
			return -1;
	}
}

/*
 * Close the peer's stdin, wait for it (SIGKILL after timeout_ms) and
 * collect its output. Returns its wait status.
 */
static inline int
mp_finish(struct mp_proc *p, int timeout_ms)
{
	int64_t deadline = mp_now_ms() + timeout_ms;
	size_t err_len = 0;
	bool out_open = true, err_open = true;
	int status = 0;

	close(p->in_fd);
	while (out_open || err_open) {
		if (mp_now_ms() >= deadline) {
			kill(p->pid, SIGKILL);
			break;
		}
		if (out_open)
			out_open = mp_read_some(p->out_fd, p->out,
						sizeof(p->out), &p->out_len, 20);
		if (err_open)
			err_open = mp_read_some(p->err_fd, p->err,
						sizeof(p->err), &err_len, 20);
	}
	close(p->out_fd);
	close(p->err_fd);
	while (waitpid(p->pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

/* Print a finished peer's output (on failure). */
static inline void
mp_print(const struct mp_proc *p, const char *what)
{
	printf("%s (pid %d):\nstdout:\n%s\nstderr:\n%s\n", what, (int)p->pid,
	       p->out, p->err);
}

/* Run a peer to the end; expect exit code `code`. Returns the status. */
static inline int
mp_run(const char *cmd, const char *arg, const char *eal_args,
       const char *env, int code, int timeout_ms, struct mp_proc *p)
{
	int status;

	ASSERT_EQ_INT(mp_spawn(p, cmd, arg, eal_args, env), 0);
	status = mp_finish(p, timeout_ms);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != code)
		mp_print(p, cmd);
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ_INT(WEXITSTATUS(status), code);
	return status;
}

/*
 * The directory this run keeps backing files in: the --huge-dir of the
 * hugepage run, else /dev/shm.
 */
static inline void
mp_backing_dir(char *buf, size_t len)
{
	const char *dir = strstr(test_extra_eal_args(), "--huge-dir=");

	if (dir == NULL) {
		snprintf(buf, len, "/dev/shm");
		return;
	}
	dir += strlen("--huge-dir=");
	snprintf(buf, len, "%.*s", (int)strcspn(dir, " "), dir);
}

/* Backing files of a prefix (rtmem.<prefix>.map_*) in that directory. */
static inline int
mp_count_shm_files(const char *prefix)
{
	char dir[256], cmd[512];
	int n = -1;
	FILE *f;

	mp_backing_dir(dir, sizeof(dir));
	snprintf(cmd, sizeof(cmd),
		 "ls %s 2>/dev/null | grep -c '^rtmem\\.%s\\.map_'", dir,
		 prefix);
	f = popen(cmd, "r");
	if (f == NULL)
		return -1;
	if (fscanf(f, "%d", &n) != 1)
		n = -1;
	pclose(f);
	return n;
}

#endif /* MP_COMMON_H */
