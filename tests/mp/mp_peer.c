/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: the second program of the multi-process tests (not a test
 * itself). The tests start it with exec, as `mp_peer <cmd> [arg] -- <EAL
 * options>`, usually as a secondary of a primary the test runs. It prints
 * what it saw on stdout ("key=value" lines) and exits with:
 *   0 the command succeeded;
 *   1 a check failed (a line "FAIL ..." says which);
 *   2 usage error;
 *   10 rte_eal_init failed (the line "init=-1 errno=<n>" precedes it);
 *   3 a "crash" command survived its kill point.
 * Commands:
 *   attach        init, print type/base/generation facts, wait for stdin to
 *                 close, clean up;
 *   check         init, verify MP_ZONE (same addresses, the primary's
 *                 pattern), answer with a block of its own in reply;
 *   grow <bytes>  init, allocate <bytes> (forcing growth), fill it, publish
 *                 it in reply, print the heap statistics;
 *   serve <seed>  init (as whatever the options say), create MP_ZONE with a
 *                 block filled from <seed>, print "ready", wait for stdin
 *                 to close, clean up;
 *   wait-check    init, print "attached", wait for stdin to close, then
 *                 verify MP_ZONE and print the heap statistics;
 *   orphan        init, verify MP_ZONE, print "attached", wait until the
 *                 primary is dead, verify again, print "orphan-ok", wait for
 *                 stdin to close, verify again;
 *   tailq         init, find list MP_TEST_LIST and check its entries (each
 *                 points at a block holding its index), then register a
 *                 list of its own, MP_PEER_OWN_LIST, with one entry;
 *   crash <op>    init and do <op> (malloc, free, memzone, tailq, mempool,
 *                 timer, grow) in a loop; RTMEM_TEST_KILL_AT set by
 *                 the test kills it at the named point;
 *   premap <addr> map one page at <addr> (hex) first, then init.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memzone.h>
#include <rte_tailq.h>

#include "mp_common.h"

#define FAIL(...)                                                        \
	do {                                                             \
		printf("FAIL ");                                         \
		printf(__VA_ARGS__);                                     \
		printf("\n");                                            \
		return 1;                                                \
	} while (0)

/* Wait until the test closes our stdin. */
static void
wait_for_stdin_close(void)
{
	char c;

	while (read(STDIN_FILENO, &c, 1) > 0)
		;
}

static struct mp_zone *
zone(void)
{
	const struct rte_memzone *mz = rte_memzone_lookup(MP_ZONE);

	return mz != NULL ? mz->addr : NULL;
}

/* The primary's data, as every secondary must see it. */
static int
verify_zone(void)
{
	const struct rte_memzone *mz = rte_memzone_lookup(MP_ZONE);
	struct mp_zone *z;
	size_t len = 0;

	if (mz == NULL)
		FAIL("memzone %s not found", MP_ZONE);
	z = mz->addr;
	if (z->self != mz->addr)
		FAIL("memzone at %p, it says %p", mz->addr, z->self);
	if (rte_malloc_validate(z->buf, &len) != 0 || len < z->buf_len)
		FAIL("buffer %p is not a live block (len %zu)", z->buf, len);
	if (!mp_check(z->buf, z->buf_len, z->seed))
		FAIL("buffer %p does not hold the pattern", z->buf);
	return 0;
}

static int
cmd_attach(void)
{
	printf("type=%d base=%#" PRIx64 " huge=%d\n", rte_eal_process_type(),
	       rte_eal_get_baseaddr(), rte_eal_has_hugepages());
	fflush(stdout);
	wait_for_stdin_close();
	return 0;
}

static int
cmd_check(void)
{
	struct mp_zone *z;
	char *mine;

	if (verify_zone() != 0)
		return 1;
	z = zone();
	mine = rte_malloc(NULL, 3000, 0);
	if (mine == NULL)
		FAIL("rte_malloc in the secondary: %d", rte_errno);
	mp_fill(mine, 3000, 77);
	z->reply_len = 3000;
	z->reply_seed = 77;
	z->reply = mine;
	printf("checked zone=%p buf=%p seed=%u\n", (void *)z, (void *)z->buf,
	       z->seed);
	return 0;
}

static int
cmd_serve(const char *arg)
{
	if (mp_make_zone(100000, (uint8_t)strtoul(arg, NULL, 0)) == NULL)
		FAIL("memzone %s: errno %d", MP_ZONE, rte_errno);
	printf("ready type=%d base=%#" PRIx64 "\n", rte_eal_process_type(),
	       rte_eal_get_baseaddr());
	fflush(stdout);
	wait_for_stdin_close();
	return verify_zone();
}

static int
cmd_wait_check(void)
{
	struct rte_malloc_socket_stats st;

	printf("attached\n");
	fflush(stdout);
	wait_for_stdin_close();
	if (verify_zone() != 0)
		return 1;
	rte_malloc_get_socket_stats(0, &st);
	printf("checked seed=%u total=%zu alloc=%zu count=%u\n", zone()->seed,
	       st.heap_totalsz_bytes, st.heap_allocsz_bytes, st.alloc_count);
	return 0;
}

static int
cmd_grow(const char *arg)
{
	size_t bytes = strtoull(arg, NULL, 0);
	struct rte_malloc_socket_stats st;
	struct mp_zone *z = zone();
	char *p;

	if (z == NULL)
		FAIL("memzone %s not found", MP_ZONE);
	p = rte_malloc(NULL, bytes, 0);
	if (p == NULL)
		FAIL("rte_malloc(%zu): errno %d", bytes, rte_errno);
	mp_fill(p, bytes, 9);
	z->reply_len = bytes;
	z->reply_seed = 9;
	z->reply = p;
	rte_malloc_get_socket_stats(0, &st);
	printf("grown total=%zu alloc=%zu count=%u\n", st.heap_totalsz_bytes,
	       st.heap_allocsz_bytes, st.alloc_count);
	fflush(stdout);
	wait_for_stdin_close();
	return 0;
}

static int
cmd_orphan(void)
{
	if (verify_zone() != 0)
		return 1;
	printf("attached\n");
	fflush(stdout);
	while (rte_eal_primary_proc_alive(NULL))
		usleep(1000);
	if (verify_zone() != 0)
		return 1;
	printf("orphan-ok\n");
	fflush(stdout);
	wait_for_stdin_close();
	return verify_zone();
}

static struct rte_tailq_elem peer_tailq = { .name = "MP_PEER_LIST" };
static struct rte_tailq_elem own_tailq = { .name = "MP_PEER_OWN_LIST" };

static int
cmd_tailq(void)
{
	struct rte_tailq_entry_head *list =
		RTE_TAILQ_LOOKUP("MP_TEST_LIST", rte_tailq_entry_head);
	struct rte_tailq_entry *e;
	unsigned int n = 0;
	int *value;

	if (list == NULL)
		FAIL("list MP_TEST_LIST not found");
	rte_mcfg_tailq_read_lock();
	RTE_TAILQ_FOREACH(e, list, next) {
		if (*(int *)e->data != (int)n)
			FAIL("entry %u holds %d", n, *(int *)e->data);
		n++;
	}
	rte_mcfg_tailq_read_unlock();
	printf("entries=%u\n", n);
	if (rte_eal_tailq_register(&own_tailq) != 0)
		FAIL("register MP_PEER_OWN_LIST: errno %d", rte_errno);
	e = rte_zmalloc(NULL, sizeof(*e), 0);
	value = rte_malloc(NULL, sizeof(*value), 0);
	if (e == NULL || value == NULL)
		FAIL("rte_malloc");
	*value = 4242;
	e->data = value;
	rte_mcfg_tailq_write_lock();
	TAILQ_INSERT_TAIL(RTE_TAILQ_CAST(own_tailq.head,
				 rte_tailq_entry_head), e, next);
	rte_mcfg_tailq_write_unlock();
	return 0;
}

static int
cmd_crash(const char *op)
{
	printf("crashing in %s\n", op);
	fflush(stdout);
	for (int i = 0; i < 1000; i++) {
		if (strcmp(op, "malloc") == 0 || strcmp(op, "free") == 0) {
			/* splits on the way in, merges on the way out */
			void *a = rte_malloc(NULL, 100 + i, 0);
			void *b = rte_malloc(NULL, 5000, 4096);

			rte_free(a);
			rte_free(b);
		} else if (strcmp(op, "memzone") == 0) {
			rte_memzone_reserve("mp_peer_zone", 100, SOCKET_ID_ANY,
					    0);
		} else if (strcmp(op, "tailq") == 0) {
			rte_eal_tailq_register(&peer_tailq);
		} else if (strcmp(op, "mempool") == 0) {
			rte_mcfg_mempool_write_lock();
			rte_mcfg_mempool_write_unlock();
		} else if (strcmp(op, "timer") == 0) {
			rte_mcfg_timer_lock();
			rte_mcfg_timer_unlock();
		} else if (strcmp(op, "grow") == 0) {
			rte_malloc(NULL, 64u << 20, 0);
		}
	}
	return 3;
}

int
main(int argc, char **argv)
{
	const char *cmd, *arg = NULL;
	int sep = 2, ret;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 3)
		return 2;
	cmd = argv[1];
	if (strcmp(argv[2], "--") != 0) {
		arg = argv[2];
		sep = 3;
	}
	if (sep >= argc || strcmp(argv[sep], "--") != 0)
		return 2;
	if (strcmp(cmd, "premap") == 0) {
		void *want = (void *)(uintptr_t)strtoull(arg, NULL, 16);
		void *got = mmap(want, 4096, PROT_READ,
				 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
				 -1, 0);

		printf("premapped=%p\n", got);
	}
	/* argv[sep] becomes the program name of the EAL's argv */
	argv[sep] = argv[0];
	ret = rte_eal_init(argc - sep, argv + sep);
	printf("init=%d errno=%d\n", ret < 0 ? -1 : 0, ret < 0 ? rte_errno : 0);
	fflush(stdout);
	if (ret < 0)
		return 10;
	if (strcmp(cmd, "attach") == 0)
		ret = cmd_attach();
	else if (strcmp(cmd, "check") == 0)
		ret = cmd_check();
	else if (strcmp(cmd, "grow") == 0 && arg != NULL)
		ret = cmd_grow(arg);
	else if (strcmp(cmd, "serve") == 0 && arg != NULL)
		ret = cmd_serve(arg);
	else if (strcmp(cmd, "wait-check") == 0)
		ret = cmd_wait_check();
	else if (strcmp(cmd, "orphan") == 0)
		ret = cmd_orphan();
	else if (strcmp(cmd, "tailq") == 0)
		ret = cmd_tailq();
	else if (strcmp(cmd, "crash") == 0 && arg != NULL)
		ret = cmd_crash(arg);
	else
		ret = 2;
	if (rte_eal_cleanup() != 0)
		ret = ret == 0 ? 1 : ret;
	return ret;
}
