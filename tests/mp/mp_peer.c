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
 *   premap <addr> map one page at <addr> (hex) first, then init;
 *   ring-echo <n> init, look up the rings mp_ping, mp_pong (pointers)
 *                 and mp_ping_e, mp_pong_e (16-byte elements, struct
 *                 mp_ring_elem) the primary made, print "rings <addresses>",
 *                 and move n objects from each ping ring to its pong ring,
 *                 in order, checking each on the way (a pointer into
 *                 MP_ZONE's block with the primary's pattern; an element
 *                 with its checksum); print "echoed ptr=<n> elem=<n>";
 *   ring-make     init, create ring MP_SEC_RING (16-byte elements) and put
 *                 MP_SEC_COUNT elements in, print "made <address>", wait
 *                 for the line "free" on stdin, take the elements the
 *                 primary added, free the ring, print "freed", wait for
 *                 stdin to close;
 *   stack-pop <n> init, look up the stacks mp_stack_std and mp_stack_lf
 *                 (absent when the CPU has no lock-free stacks) and pop
 *                 all n pointers the primary pushed (the pointers to
 *                 bytes 0 .. n-1 of MP_ZONE's block), checking LIFO order
 *                 and the bytes; push back the pointers to bytes 5, 6, 7;
 *                 create stack MP_SEC_STACK holding the pointers to bytes
 *                 1 and 2; print "popped std=<n> lf=<n or absent>".
 *   mbuf <mode>   (test_mp_mbuf; built when the mbuf library is: see
 *                 mp_mbuf.h) init, look up the pktmbuf pool MPM_POOL and
 *                 the rings MPM_TO_SEC (requests in) and MPM_TO_PRI
 *                 (replies out), then by mode:
 *                 echo  answer requests 0 .. MPM_ECHO_N-1: check each, send
 *                       a reply packet built from the pool with the same
 *                       number, free the request; flush this lcore's cache
 *                       and print "echo ok n=<n>";
 *                 alloc build packets 0 .. MPM_ALLOC_N-1 (replies) and send
 *                       each mpm_copies() times (refcnt raised to match);
 *                       then allocate an mbuf, free it and publish it in
 *                       MP_ZONE's reply (for the primary's second free,
 *                       which the pool, made in the mempool's debug mode,
 *                       refuses; the mbuf stays in this lcore's cache);
 *                       print "sent n=<n>", wait for stdin to close, then
 *                       print "avail=<count>" (it must be MPM_N);
 *                 hold  answer MPM_HOLD_K requests as echo does, take
 *                       MPM_HOLD_H more and keep them, allocate MPM_HOLD_A
 *                       mbufs and keep them; print "held mbufs=<n>" (the
 *                       mbufs it keeps, direct ones of its clones
 *                       included) and wait for stdin to close (the test
 *                       kills it there).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memzone.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>
#include <rte_stack.h>
#include <rte_tailq.h>

#include "mp_common.h"
#include "mp_mempool.h"
#ifdef MP_PEER_MBUF
#include "mp_mbuf.h"
#endif

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

/* Read one line of stdin (without the newline); false at its end. */
static bool
read_stdin_line(char *buf, size_t len)
{
	size_t n = 0;
	char c;

	while (read(STDIN_FILENO, &c, 1) == 1) {
		if (c == '\n') {
			buf[n] = '\0';
			return true;
		}
		if (n + 1 < len)
			buf[n++] = c;
	}
	return false;
}

static int
cmd_ring_echo(const char *arg)
{
	unsigned int n = (unsigned int)strtoul(arg, NULL, 0);
	unsigned int ptrs = 0, elems = 0;
	struct rte_ring *ping = rte_ring_lookup("mp_ping");
	struct rte_ring *pong = rte_ring_lookup("mp_pong");
	struct rte_ring *ping_e = rte_ring_lookup("mp_ping_e");
	struct rte_ring *pong_e = rte_ring_lookup("mp_pong_e");
	struct mp_zone *z = zone();
	int64_t deadline = mp_now_ms() + 30000;

	if (ping == NULL || pong == NULL || ping_e == NULL || pong_e == NULL)
		FAIL("ring lookup: %p %p %p %p, errno %d", (void *)ping,
		     (void *)pong, (void *)ping_e, (void *)pong_e, rte_errno);
	if (z == NULL)
		FAIL("memzone %s not found", MP_ZONE);
	printf("rings %p %p %p %p\n", (void *)ping, (void *)pong,
	       (void *)ping_e, (void *)pong_e);
	fflush(stdout);
	while (ptrs < n || elems < n) {
		void *obj[32];
		struct mp_ring_elem el[32];
		unsigned int k, room, moved = 0;

		if (mp_now_ms() > deadline)
			FAIL("timed out: echoed ptr=%u elem=%u of %u", ptrs,
			     elems, n);
		/* this process is the only producer of the pong rings:
		 * what is free now stays free */
		room = RTE_MIN(32u, rte_ring_free_count(pong));
		k = rte_ring_dequeue_burst(ping, obj, room, NULL);
		for (unsigned int i = 0; i < k; i++) {
			const char *p = obj[i];

			if (p != z->buf + ptrs + i ||
			    !mp_check(p, 1, (uint8_t)(z->seed + ptrs + i)))
				FAIL("object %u is %p, not %p", ptrs + i,
				     obj[i], (void *)(z->buf + ptrs + i));
		}
		if (k != 0 && rte_ring_enqueue_bulk(pong, obj, k, NULL) != k)
			FAIL("enqueue of %u pointers into mp_pong", k);
		ptrs += k;
		moved += k;
		room = RTE_MIN(32u, rte_ring_free_count(pong_e));
		k = rte_ring_dequeue_burst_elem(ping_e, el, sizeof(el[0]), room,
						NULL);
		for (unsigned int i = 0; i < k; i++)
			if (el[i].seq != elems + i ||
			    el[i].check != mp_ring_check(el[i].seq))
				FAIL("element %u is {%" PRIu64 ", %#" PRIx64
				     "}", elems + i, el[i].seq, el[i].check);
		if (k != 0 && rte_ring_enqueue_bulk_elem(pong_e, el,
							 sizeof(el[0]), k,
							 NULL) != k)
			FAIL("enqueue of %u elements into mp_pong_e", k);
		elems += k;
		moved += k;
		if (moved == 0)
			sched_yield();
	}
	printf("echoed ptr=%u elem=%u\n", ptrs, elems);
	return 0;
}

static int
cmd_ring_make(void)
{
	struct mp_ring_elem el[MP_SEC_COUNT];
	struct rte_ring *r;
	char line[64];
	unsigned int k;

	r = rte_ring_create_elem(MP_SEC_RING, sizeof(el[0]), 64, SOCKET_ID_ANY,
				 RING_F_SP_ENQ | RING_F_SC_DEQ);
	if (r == NULL)
		FAIL("create %s: errno %d", MP_SEC_RING, rte_errno);
	for (unsigned int i = 0; i < MP_SEC_COUNT; i++) {
		el[i].seq = i;
		el[i].check = mp_ring_check(i);
	}
	if (rte_ring_enqueue_bulk_elem(r, el, sizeof(el[0]), MP_SEC_COUNT,
				       NULL) != MP_SEC_COUNT)
		FAIL("enqueue into %s", MP_SEC_RING);
	printf("made %p\n", (void *)r);
	fflush(stdout);
	if (!read_stdin_line(line, sizeof(line)) || strcmp(line, "free") != 0)
		FAIL("expected the line \"free\", got \"%s\"", line);
	/* the primary took ours and put MP_SEC_COUNT of its own */
	k = rte_ring_dequeue_burst_elem(r, el, sizeof(el[0]), MP_SEC_COUNT,
					NULL);
	if (k != MP_SEC_COUNT)
		FAIL("%u elements from the primary, not %u", k, MP_SEC_COUNT);
	for (unsigned int i = 0; i < k; i++)
		if (el[i].seq != 1000 + i ||
		    el[i].check != mp_ring_check(1000 + i))
			FAIL("element %u of the primary is {%" PRIu64 "}", i,
			     el[i].seq);
	rte_ring_free(r);
	if (rte_ring_lookup(MP_SEC_RING) != NULL)
		FAIL("%s still found after rte_ring_free", MP_SEC_RING);
	printf("freed\n");
	fflush(stdout);
	wait_for_stdin_close();
	return 0;
}

/* Pop all n pointers of stack name: the last pushed first. */
static int
stack_pop_all(const char *name, unsigned int n, struct mp_zone *z)
{
	struct rte_stack *s = rte_stack_lookup(name);
	unsigned int popped = 0, bulk = 1;
	void *obj[32];

	if (s == NULL)
		FAIL("stack %s not found: errno %d", name, rte_errno);
	if (rte_stack_count(s) != n)
		FAIL("stack %s holds %u, not %u", name, rte_stack_count(s), n);
	while (popped < n) {
		unsigned int k = RTE_MIN(bulk, n - popped);

		if (rte_stack_pop(s, obj, k) != k)
			FAIL("pop of %u from %s failed after %u", k, name,
			     popped);
		for (unsigned int i = 0; i < k; i++) {
			unsigned int want = n - 1 - popped - i;
			const char *p = obj[i];

			if (p != z->buf + want ||
			    !mp_check(p, 1, (uint8_t)(z->seed + want)))
				FAIL("%s: pop %u gave %p, not %p", name,
				     popped + i, obj[i],
				     (void *)(z->buf + want));
		}
		popped += k;
		bulk = bulk % 32 + 1;
	}
	if (rte_stack_pop(s, obj, 1) != 0 || rte_stack_count(s) != 0)
		FAIL("stack %s not empty after %u pops", name, n);
	obj[0] = z->buf + 5;
	obj[1] = z->buf + 6;
	obj[2] = z->buf + 7;
	if (rte_stack_push(s, obj, 3) != 3)
		FAIL("push of 3 onto %s", name);
	return 0;
}

static int
cmd_stack_pop(const char *arg)
{
	unsigned int n = (unsigned int)strtoul(arg, NULL, 0);
	struct mp_zone *z = zone();
	struct rte_stack *sec;
	bool lf = rte_stack_lookup("mp_stack_lf") != NULL;
	void *obj[2];

	if (z == NULL)
		FAIL("memzone %s not found", MP_ZONE);
	if (stack_pop_all("mp_stack_std", n, z) != 0)
		return 1;
	if (lf && stack_pop_all("mp_stack_lf", n, z) != 0)
		return 1;
	sec = rte_stack_create(MP_SEC_STACK, 8, SOCKET_ID_ANY, 0);
	if (sec == NULL)
		FAIL("create %s: errno %d", MP_SEC_STACK, rte_errno);
	obj[0] = z->buf + 1;
	obj[1] = z->buf + 2;
	if (rte_stack_push(sec, obj, 2) != 2)
		FAIL("push onto %s", MP_SEC_STACK);
	printf("popped std=%u lf=", n);
	if (lf)
		printf("%u\n", n);
	else
		printf("absent\n");
	return 0;
}

/*
 * mempool <order>: with mpt_a and mpt_b registered in `order` before
 * init, the primary's pools on them must still call the right driver;
 * then churn the shared pool for a second alongside the primary.
 */
static int
cmd_mempool(void)
{
	struct rte_mempool *a = rte_mempool_lookup(MP_POOL_A);
	struct rte_mempool *b = rte_mempool_lookup(MP_POOL_B);
	struct rte_mempool *sh = rte_mempool_lookup(MP_POOL_SHARED);
	unsigned int dup;
	unsigned long moved;
	void *obj[8];

	if (a == NULL || b == NULL || sh == NULL)
		FAIL("pools not found: errno %d", rte_errno);
	if (strcmp(rte_mempool_get_ops(a->ops_index)->name, "mpt_a") != 0 ||
	    strcmp(rte_mempool_get_ops(b->ops_index)->name, "mpt_b") != 0)
		FAIL("ops index %d/%d name %s/%s", a->ops_index, b->ops_index,
		     rte_mempool_get_ops(a->ops_index)->name,
		     rte_mempool_get_ops(b->ops_index)->name);
	if (rte_mempool_get_bulk(a, obj, 8) != 0)
		FAIL("get from %s", MP_POOL_A);
	rte_mempool_put_bulk(a, obj, 8);
	if (mpt_calls_a != 2 || mpt_calls_b != 0)
		FAIL("pool a called a %u times, b %u times", mpt_calls_a,
		     mpt_calls_b);
	if (rte_mempool_get_bulk(b, obj, 8) != 0)
		FAIL("get from %s", MP_POOL_B);
	rte_mempool_put_bulk(b, obj, 8);
	if (mpt_calls_a != 2 || mpt_calls_b != 2)
		FAIL("pool b called a %u times, b %u times", mpt_calls_a,
		     mpt_calls_b);
	printf("ops ok\n");
	fflush(stdout);
	dup = mpt_churn(sh, (uint64_t)getpid(), 1000, mp_now_ms, &moved);
	printf("churn dup=%u moved=%lu\n", dup, moved);
	return dup == 0 ? 0 : 1;
}

#ifdef MP_PEER_MBUF
/*
 * Answer requests first .. first+n-1 on rx with replies on tx: check each
 * request, send a reply with the same number, free the original of a
 * cloned reply and the request.
 */
static int
mbuf_echo(struct rte_mempool *mp, struct rte_ring *rx, struct rte_ring *tx,
	  uint32_t first, uint32_t n, int64_t deadline)
{
	uint32_t seq = first, end = first + n;
	char why[200];

	while (seq < end) {
		struct rte_mbuf *req[32], *rep[32], *orig[32];
		unsigned int k = rte_ring_dequeue_burst(rx, (void **)req,
						RTE_MIN(32u, end - seq), NULL);

		if (k == 0) {
			if (mp_now_ms() > deadline)
				FAIL("timed out: answered %u of %u", seq - first,
				     n);
			sched_yield();
			continue;
		}
		for (unsigned int i = 0; i < k; i++) {
			if (mpm_check(req[i], mp, MPM_REQ, seq + i, 1, why,
				      sizeof(why)) != 0)
				FAIL("request %s", why);
			rep[i] = mpm_build(mp, MPM_REP, seq + i, &orig[i]);
			if (rep[i] == NULL)
				FAIL("cannot build reply %u", seq + i);
		}
		/* the primary keeps at most MPM_INFLIGHT out: there is room */
		if (rte_ring_enqueue_bulk(tx, (void **)rep, k, NULL) != k)
			FAIL("enqueue of %u replies", k);
		for (unsigned int i = 0; i < k; i++)
			rte_pktmbuf_free(orig[i]);
		rte_pktmbuf_free_bulk(req, k);
		seq += k;
	}
	return 0;
}

/* mbuf <mode>: see the top. */
static int
cmd_mbuf(const char *mode)
{
	struct rte_mempool *mp = rte_mempool_lookup(MPM_POOL);
	struct rte_ring *rx = rte_ring_lookup(MPM_TO_SEC);
	struct rte_ring *tx = rte_ring_lookup(MPM_TO_PRI);
	int64_t deadline = mp_now_ms() + 60000;

	if (mp == NULL || rx == NULL || tx == NULL)
		FAIL("pool or rings not found: errno %d", rte_errno);
	if (strcmp(mode, "echo") == 0) {
		if (mbuf_echo(mp, rx, tx, 0, MPM_ECHO_N, deadline) != 0)
			return 1;
		rte_mempool_cache_flush(NULL, mp);
		printf("echo ok n=%u\n", MPM_ECHO_N);
		return 0;
	}
	if (strcmp(mode, "alloc") == 0) {
		struct mp_zone *z = zone();
		struct rte_mbuf *m, *orig, *stale;

		if (z == NULL)
			FAIL("memzone %s not found", MP_ZONE);
		for (uint32_t seq = 0; seq < MPM_ALLOC_N; seq++) {
			m = mpm_build(mp, MPM_REP, seq, &orig);
			if (m == NULL)
				FAIL("cannot build packet %u", seq);
			if (mpm_copies(seq) == 2)
				rte_pktmbuf_refcnt_update(m, 1);
			for (unsigned int c = 0; c < mpm_copies(seq); c++)
				while (rte_ring_enqueue(tx, m) != 0)
					if (mp_now_ms() > deadline)
						FAIL("timed out sending %u", seq);
			rte_pktmbuf_free(orig);
		}
		stale = rte_pktmbuf_alloc(mp);
		if (stale == NULL)
			FAIL("cannot allocate the stale mbuf");
		rte_pktmbuf_free(stale);
		z->reply = (char *)stale;
		printf("sent n=%u\n", MPM_ALLOC_N);
		fflush(stdout);
		wait_for_stdin_close();
		printf("avail=%u\n", rte_mempool_avail_count(mp));
		rte_mempool_cache_flush(NULL, mp);
		return rte_mempool_avail_count(mp) == MPM_N ? 0 : 1;
	}
	if (strcmp(mode, "hold") == 0) {
		struct rte_mbuf *held[MPM_HOLD_H + MPM_HOLD_A];
		unsigned int mbufs = MPM_HOLD_A, got = 0;
		char why[200];

		if (mbuf_echo(mp, rx, tx, 0, MPM_HOLD_K, deadline) != 0)
			return 1;
		while (got < MPM_HOLD_H) {
			got += rte_ring_dequeue_burst(rx, (void **)&held[got],
						      MPM_HOLD_H - got, NULL);
			if (mp_now_ms() > deadline)
				FAIL("timed out: %u requests to hold", got);
		}
		for (uint32_t i = 0; i < MPM_HOLD_H; i++) {
			if (mpm_check(held[i], mp, MPM_REQ, MPM_HOLD_K + i, 1,
				      why, sizeof(why)) != 0)
				FAIL("request %s", why);
			mbufs += mpm_mbufs(MPM_HOLD_K + i);
		}
		if (rte_pktmbuf_alloc_bulk(mp, &held[MPM_HOLD_H], MPM_HOLD_A))
			FAIL("cannot allocate %u mbufs to hold", MPM_HOLD_A);
		printf("held mbufs=%u\n", mbufs);
		fflush(stdout);
		wait_for_stdin_close();
		return 0;
	}
	return 2;
}
#endif /* MP_PEER_MBUF */

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
	if (strcmp(cmd, "mempool") == 0 && (arg == NULL || mpt_register(arg)))
		return 2;
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
	else if (strcmp(cmd, "ring-echo") == 0 && arg != NULL)
		ret = cmd_ring_echo(arg);
	else if (strcmp(cmd, "ring-make") == 0)
		ret = cmd_ring_make();
	else if (strcmp(cmd, "stack-pop") == 0 && arg != NULL)
		ret = cmd_stack_pop(arg);
	else if (strcmp(cmd, "mempool") == 0)
		ret = cmd_mempool();
#ifdef MP_PEER_MBUF
	else if (strcmp(cmd, "mbuf") == 0 && arg != NULL)
		ret = cmd_mbuf(arg);
#endif
	else
		ret = 2;
	if (rte_eal_cleanup() != 0)
		ret = ret == 0 ? 1 : ret;
	return ret;
}
