/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: an mbuf pipeline under load, bounded in time, every mbuf
 * accounted for.
 *
 * Two producers allocate packets and pass them over an MP/MC rte_ring to
 * two consumers, which check them and free them:
 *   producer 0   the main lcore;
 *   consumer 0   a worker lcore (rte_eal_remote_launch) when the EAL has
 *                more than one lcore, else a registered non-EAL thread;
 *   producer 1,  non-EAL threads registered with rte_thread_register()
 *   consumer 1   (they have lcore ids, so per-lcore caches).
 * A producer makes, at random: a single mbuf (rte_pktmbuf_alloc), a bulk
 * of 1..8 (rte_pktmbuf_alloc_bulk), a chain of 2..4 segments
 * (rte_pktmbuf_chain), or a clone (rte_pktmbuf_clone into a second pool):
 * then it sends both the original and the clone (two consumers may free
 * the two references at once), or frees the original itself and sends
 * only the clone. Each packet carries a header (magic, producer,
 * sequence number, length, checksum) and a pattern derived from them
 * over all its bytes, across segments. A consumer dequeues bursts of
 * 1..32, checks every packet's header and bytes, and frees them with
 * rte_pktmbuf_free, rte_pktmbuf_free_bulk, or segment by segment with
 * rte_pktmbuf_free_seg. A full ring makes the producer free the packets
 * itself; an empty pool makes it wait. The pools are small for the ring
 * and the consumers stall now and then, so both happen.
 *
 * Accounting: each mbuf's private area holds its index (written once with
 * obj_iter); the test keeps an atomic reference count per mbuf. An
 * allocation must find 0 there (else the pool handed out an mbuf still in
 * use: "seen twice in flight"); a clone adds one to each direct segment;
 * whoever frees a reference takes it off first and must not find 0.
 * At the end: every count is 0, nothing was corrupted, every packet sent
 * was received, both pools have avail_count == n, rte_mempool_audit
 * passes, every mbuf in the pools has refcnt 1 (as DPDK), and after
 * flushing the caches every mbuf can be allocated exactly once.
 *
 * Usage: test_mbuf_stress [seconds]   (default 3, or
 * $RTMEM_STRESS_SECONDS).
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#include "mbuf_test.h"

#define PKT_N 383u
#define CLONE_N 127u
#define PKT_ROOM (RTE_PKTMBUF_HEADROOM + 384)
#define RING_SIZE 256u
#define MAX_BURST 32u
#define MAGIC 0x6d627566u
#define N_PROD 2
#define N_CONS 2

/* The packet header, at the start of the first segment. */
struct hdr {
	uint32_t magic;
	uint16_t producer;
	uint16_t nseg;
	uint64_t seq;
	uint32_t len;
	uint32_t sum;
};

/* What obj_iter writes into each mbuf's private area. */
struct stamp {
	uint32_t idx;
	uint32_t tag;
};

struct tracked {
	struct rte_mempool *mp;
	uint32_t tag;
	unsigned int n;
	uint32_t *refs; /* atomics */
};

static struct tracked pkt, clo;
static struct rte_ring *ring;
static uint64_t deadline_ns;
static unsigned int producers_done;
static uint64_t ref_errors, data_errors; /* atomics */

struct worker {
	unsigned int id;
	bool producer;
	uint64_t rng;
	pthread_t tid;
	unsigned int lcore;
	/* counts */
	uint64_t seq;
	uint64_t sent, received, dropped, clones, chains, bulks;
	uint64_t alloc_fail, frees[3];
};

static struct worker workers[N_PROD + N_CONS];

static uint64_t
rnd(struct worker *w)
{
	return test_rand64(&w->rng);
}

static uint32_t
hdr_sum(const struct hdr *h)
{
	uint64_t v = (uint64_t)h->magic ^ (uint64_t)h->producer << 16 ^
		     (uint64_t)h->nseg << 40 ^ h->seq * 0x9e3779b97f4a7c15ull ^
		     (uint64_t)h->len << 20;

	return (uint32_t)(v ^ v >> 32);
}

static uint32_t
pat_seed(const struct hdr *h)
{
	return (uint32_t)(h->seq * 2654435761u) ^ (uint32_t)h->producer << 28;
}

/* ---- accounting */

static void
stamp_cb(struct rte_mempool *mp, void *opaque, void *obj, unsigned int idx)
{
	struct tracked *t = opaque;
	struct stamp s = { idx, t->tag };

	(void)mp;
	memcpy(rte_mbuf_to_priv(obj), &s, sizeof(s));
}

static struct tracked *
tracked_of(struct rte_mbuf *m, uint32_t *idx)
{
	struct stamp s;
	struct tracked *t = m->pool == pkt.mp ? &pkt
			    : m->pool == clo.mp ? &clo : NULL;

	if (t == NULL)
		return NULL;
	memcpy(&s, rte_mbuf_to_priv(m), sizeof(s));
	if (s.tag != t->tag || s.idx >= t->n)
		return NULL;
	*idx = s.idx;
	return t;
}

static void
ref_error(const char *what, struct rte_mbuf *m, uint32_t old)
{
	if (__atomic_fetch_add(&ref_errors, 1, __ATOMIC_RELAXED) < 5)
		fprintf(stderr, "mbuf %p: %s (test refcount was %u)\n",
			(void *)m, what, old);
}

/* A fresh allocation: nobody may hold it. */
static void
take_ref(struct rte_mbuf *m)
{
	uint32_t idx, old;
	struct tracked *t = tracked_of(m, &idx);

	if (t == NULL) {
		ref_error("not one of the test's mbufs", m, 0);
		return;
	}
	old = __atomic_fetch_add(&t->refs[idx], 1, __ATOMIC_RELAXED);
	if (old != 0)
		ref_error("handed out while still in use", m, old);
}

/* One more reference to a held mbuf (the direct one of a clone). */
static void
add_ref(struct rte_mbuf *m)
{
	uint32_t idx, old;
	struct tracked *t = tracked_of(m, &idx);

	if (t == NULL) {
		ref_error("not one of the test's mbufs", m, 0);
		return;
	}
	old = __atomic_fetch_add(&t->refs[idx], 1, __ATOMIC_RELAXED);
	if (old == 0)
		ref_error("cloned while not held", m, old);
}

static void
drop_ref(struct rte_mbuf *m)
{
	uint32_t idx, old;
	struct tracked *t = tracked_of(m, &idx);

	if (t == NULL) {
		ref_error("not one of the test's mbufs", m, 0);
		return;
	}
	old = __atomic_fetch_sub(&t->refs[idx], 1, __ATOMIC_RELAXED);
	if (old == 0)
		ref_error("freed while not held", m, old);
}

/* Give up the references of a packet (before freeing it). */
static void
drop_pkt_refs(struct rte_mbuf *m)
{
	for (; m != NULL; m = m->next) {
		drop_ref(m);
		if (RTE_MBUF_CLONED(m))
			drop_ref(rte_mbuf_from_indirect(m));
	}
}

/* ---- producing */

/* Write the header and pattern over the whole packet. */
static void
fill_pkt(struct worker *w, struct rte_mbuf *m)
{
	struct hdr h = {
		.magic = MAGIC, .producer = (uint16_t)w->id,
		.nseg = m->nb_segs, .seq = w->seq++, .len = m->pkt_len,
	};
	uint32_t seed, pos = 0;

	h.sum = hdr_sum(&h);
	seed = pat_seed(&h);
	for (struct rte_mbuf *s = m; s != NULL; s = s->next) {
		mb_fill(rte_pktmbuf_mtod(s, char *), s->data_len, seed, pos);
		pos += s->data_len;
	}
	memcpy(rte_pktmbuf_mtod(m, char *), &h, sizeof(h));
}

/* A packet of nseg segments; NULL if the pool is short. */
static struct rte_mbuf *
make_pkt(struct worker *w, unsigned int nseg)
{
	struct rte_mbuf *h = NULL;

	for (unsigned int i = 0; i < nseg; i++) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(pkt.mp);
		uint16_t len;

		if (m == NULL) {
			if (h != NULL) {
				drop_pkt_refs(h);
				rte_pktmbuf_free(h);
			}
			return NULL;
		}
		take_ref(m);
		len = (uint16_t)(i == 0 ? sizeof(struct hdr) + rnd(w) % 300
					: 1 + rnd(w) % 384);
		if (rte_pktmbuf_append(m, len) == NULL)
			__atomic_fetch_add(&data_errors, 1, __ATOMIC_RELAXED);
		if (h == NULL)
			h = m;
		else if (rte_pktmbuf_chain(h, m) != 0)
			__atomic_fetch_add(&data_errors, 1, __ATOMIC_RELAXED);
	}
	fill_pkt(w, h);
	return h;
}

/* Send k packets; what the ring does not take is freed here. */
static void
send_pkts(struct worker *w, struct rte_mbuf **tbl, unsigned int k)
{
	unsigned int done = 0;

	for (int tries = 0; tries < 8 && done < k; tries++) {
		done += rte_ring_enqueue_burst(ring, (void **)&tbl[done],
					       k - done, NULL);
		if (done < k)
			sched_yield();
	}
	w->sent += done;
	for (unsigned int i = done; i < k; i++) {
		drop_pkt_refs(tbl[i]);
		rte_pktmbuf_free(tbl[i]);
		w->dropped++;
	}
}

static void
produce_one(struct worker *w)
{
	struct rte_mbuf *tbl[8], *c;
	unsigned int kind = (unsigned int)(rnd(w) % 8), k;

	switch (kind) {
	case 0: case 1: case 2: /* single */
		tbl[0] = make_pkt(w, 1);
		if (tbl[0] == NULL)
			goto short_of_mbufs;
		send_pkts(w, tbl, 1);
		return;
	case 3: case 4: /* bulk */
		k = 1 + (unsigned int)(rnd(w) % 8);
		if (rte_pktmbuf_alloc_bulk(pkt.mp, tbl, k) != 0)
			goto short_of_mbufs;
		for (unsigned int i = 0; i < k; i++) {
			take_ref(tbl[i]);
			if (rte_pktmbuf_append(tbl[i], (uint16_t)(
				sizeof(struct hdr) + rnd(w) % 300)) == NULL)
				__atomic_fetch_add(&data_errors, 1,
						   __ATOMIC_RELAXED);
			fill_pkt(w, tbl[i]);
		}
		w->bulks++;
		send_pkts(w, tbl, k);
		return;
	case 5: /* chain */
		tbl[0] = make_pkt(w, 2 + (unsigned int)(rnd(w) % 3));
		if (tbl[0] == NULL)
			goto short_of_mbufs;
		w->chains++;
		send_pkts(w, tbl, 1);
		return;
	default: /* clone */
		tbl[0] = make_pkt(w, 1 + (unsigned int)(rnd(w) % 2));
		if (tbl[0] == NULL)
			goto short_of_mbufs;
		c = rte_pktmbuf_clone(tbl[0], clo.mp);
		if (c == NULL) {
			send_pkts(w, tbl, 1);
			return;
		}
		for (struct rte_mbuf *s = c; s != NULL; s = s->next) {
			take_ref(s);
			add_ref(rte_mbuf_from_indirect(s));
		}
		w->clones++;
		if (rnd(w) % 2 == 0) {
			/* both references travel */
			tbl[1] = c;
			send_pkts(w, tbl, 2);
		} else {
			/* the original goes now, the clone travels */
			drop_pkt_refs(tbl[0]);
			rte_pktmbuf_free(tbl[0]);
			send_pkts(w, &c, 1);
		}
		return;
	}
short_of_mbufs:
	w->alloc_fail++;
	sched_yield();
}

/* ---- consuming */

static void
check_pkt(struct worker *w, struct rte_mbuf *m)
{
	struct hdr h;
	const void *p;
	bool ok;

	p = rte_pktmbuf_read(m, 0, sizeof(h), &h);
	if (p == NULL) {
		ok = false;
	} else {
		memcpy(&h, p, sizeof(h));
		ok = h.magic == MAGIC && h.sum == hdr_sum(&h) &&
		     h.len == m->pkt_len && m->pkt_len >= sizeof(h) &&
		     h.nseg == m->nb_segs &&
		     h.producer < N_PROD + N_CONS &&
		     mb_count_segs(m) == m->nb_segs &&
		     mb_pkt_check(m, sizeof(h), m->pkt_len - sizeof(h),
				  pat_seed(&h), sizeof(h));
	}
	if (!ok && __atomic_fetch_add(&data_errors, 1, __ATOMIC_RELAXED) < 5)
		fprintf(stderr, "consumer %u: packet %p (len %u, %u segs) "
			"damaged\n", w->id, (void *)m, m->pkt_len, m->nb_segs);
}

static unsigned int
consume_burst(struct worker *w)
{
	struct rte_mbuf *tbl[MAX_BURST];
	unsigned int want = 1 + (unsigned int)(rnd(w) % MAX_BURST);
	unsigned int k = rte_ring_dequeue_burst(ring, (void **)tbl, want,
						NULL);
	unsigned int how = (unsigned int)(rnd(w) % 3);

	for (unsigned int i = 0; i < k; i++) {
		check_pkt(w, tbl[i]);
		drop_pkt_refs(tbl[i]);
	}
	w->received += k;
	w->frees[how] += k;
	switch (how) {
	case 0:
		for (unsigned int i = 0; i < k; i++)
			rte_pktmbuf_free(tbl[i]);
		break;
	case 1:
		rte_pktmbuf_free_bulk(tbl, k);
		break;
	default:
		for (unsigned int i = 0; i < k; i++) {
			struct rte_mbuf *s = tbl[i], *next;

			for (; s != NULL; s = next) {
				next = s->next;
				rte_pktmbuf_free_seg(s);
			}
		}
		break;
	}
	return k;
}

static int
worker_main(void *arg)
{
	struct worker *w = arg;
	unsigned int i = 0;

	if (w->producer) {
		while (test_now_ns() < deadline_ns) {
			produce_one(w);
			if ((++i & 63) == 0)
				sched_yield();
		}
		__atomic_fetch_add(&producers_done, 1, __ATOMIC_RELEASE);
		return 0;
	}
	for (;;) {
		/* read "all done" before the dequeue that finds nothing */
		bool done = __atomic_load_n(&producers_done,
					    __ATOMIC_ACQUIRE) == N_PROD;

		if (consume_burst(w) == 0) {
			if (done)
				break;
			sched_yield();
		} else if (rnd(w) % 2048 == 0) {
			/* stall now and then: the ring fills, the pools
			 * run dry */
			struct timespec ts = { 0, 200000 };

			nanosleep(&ts, NULL);
		}
	}
	return 0;
}

static void *
thread_main(void *arg)
{
	struct worker *w = arg;

	EXPECT_EQ_INT(rte_thread_register(), 0);
	EXPECT_NE_UINT(rte_lcore_id(), LCORE_ID_ANY);
	w->lcore = rte_lcore_id();
	worker_main(w);
	rte_thread_unregister();
	return NULL;
}

/* ---- the end */

static void
check_pool(struct tracked *t)
{
	unsigned int before = failures(), got = 0, dup = 0, busy = 0;
	struct rte_mbuf **tbl = calloc(t->n + 1, sizeof(*tbl));
	unsigned char *seen = calloc(t->n, 1);

	ASSERT_NOT_NULL(tbl);
	ASSERT_NOT_NULL(seen);
	for (unsigned int i = 0; i < t->n; i++)
		busy += __atomic_load_n(&t->refs[i], __ATOMIC_RELAXED) != 0;
	EXPECT_EQ_UINT(busy, 0);
	for (unsigned int l = 0; l < RTE_MAX_LCORE; l++) {
		struct rte_mempool_cache *c = rte_mempool_default_cache(t->mp,
									 l);

		if (c != NULL)
			rte_mempool_cache_flush(c, t->mp);
	}
	rte_mempool_audit(t->mp);
	EXPECT_AVAIL(t->mp, t->n);
	EXPECT_EQ_UINT(mb_refcnt_census(t->mp).one, t->n);
	while (got <= t->n && (tbl[got] = rte_pktmbuf_alloc(t->mp)) != NULL) {
		uint32_t idx;

		if (tracked_of(tbl[got], &idx) == NULL || seen[idx])
			dup++;
		else
			seen[idx] = 1;
		got++;
	}
	EXPECT_EQ_UINT(got, t->n);
	EXPECT_EQ_UINT(dup, 0);
	rte_pktmbuf_free_bulk(tbl, got);
	EXPECT_AVAIL(t->mp, t->n);
	free(tbl);
	free(seen);
	MB_PART_END(before, "pool %s", t->mp->name);
}

static void
track(struct tracked *t, struct rte_mempool *mp, uint32_t tag)
{
	ASSERT_NOT_NULL(mp);
	t->mp = mp;
	t->tag = tag;
	t->n = mp->size;
	t->refs = calloc(t->n, sizeof(uint32_t));
	ASSERT_NOT_NULL(t->refs);
	EXPECT_EQ_UINT(rte_mempool_obj_iter(mp, stamp_cb, t), t->n);
}

int
main(int argc, char **argv)
{
	double seconds = test_stress_seconds(argc, argv, 3.0);
	uint64_t sent = 0, received = 0, dropped = 0, clones = 0, chains = 0;
	uint64_t bulks = 0, fails = 0, frees[3] = { 0, 0, 0 };
	unsigned int worker_lcore = LCORE_ID_ANY, lcore;
	const char *clone_ops;
	char where[64];

	setvbuf(stdout, NULL, _IOLBF, 0);
	/* the EAL makes an lcore for each CPU this process may use */
	ASSERT_GE_INT(test_eal_init(MBUF_EAL_ARGS_ALL), 0);
	RTE_LCORE_FOREACH_WORKER(lcore) {
		worker_lcore = lcore;
		break;
	}
	clone_ops = mb_lf_stack_supported() ? "lf_stack" : "stack";
	track(&pkt, rte_pktmbuf_pool_create("st_pkt", PKT_N, 32, 8, PKT_ROOM,
					    SOCKET_ID_ANY), 0x706b7400);
	track(&clo, rte_pktmbuf_pool_create_by_ops("st_clone", CLONE_N, 16, 8,
						   0, SOCKET_ID_ANY,
						   clone_ops), 0x636c6f00);
	ring = rte_ring_create("st_ring", RING_SIZE, SOCKET_ID_ANY, 0);
	ASSERT_NOT_NULL(ring);

	for (unsigned int t = 0; t < N_PROD + N_CONS; t++) {
		workers[t].id = t;
		workers[t].producer = t % 2 == 0;
		workers[t].rng = 0x9e3779b97f4a7c15ull * (t + 1) ^
				 test_now_ns();
		workers[t].lcore = LCORE_ID_ANY;
	}
	if (worker_lcore != LCORE_ID_ANY)
		snprintf(where, sizeof(where), "lcore %u", worker_lcore);
	else
		snprintf(where, sizeof(where), "a registered thread");
	printf("%u lcores; producer 0 on lcore %u, consumer 0 on %s, "
	       "producer 1 and consumer 1 on registered threads; %.1f s; "
	       "clone pool on %s\n", rte_lcore_count(), rte_lcore_id(), where,
	       seconds, clone_ops);
	deadline_ns = test_now_ns() + (uint64_t)(seconds * 1e9);
	workers[0].lcore = rte_lcore_id();
	if (worker_lcore != LCORE_ID_ANY) {
		workers[1].lcore = worker_lcore;
		ASSERT_EQ_INT(rte_eal_remote_launch(worker_main, &workers[1],
						    worker_lcore), 0);
	} else {
		ASSERT_EQ_INT(pthread_create(&workers[1].tid, NULL,
					     thread_main, &workers[1]), 0);
	}
	for (unsigned int t = 2; t < N_PROD + N_CONS; t++)
		ASSERT_EQ_INT(pthread_create(&workers[t].tid, NULL,
					     thread_main, &workers[t]), 0);
	worker_main(&workers[0]);
	if (worker_lcore != LCORE_ID_ANY)
		EXPECT_EQ_INT(rte_eal_wait_lcore(worker_lcore), 0);
	else
		EXPECT_EQ_INT(pthread_join(workers[1].tid, NULL), 0);
	for (unsigned int t = 2; t < N_PROD + N_CONS; t++)
		EXPECT_EQ_INT(pthread_join(workers[t].tid, NULL), 0);

	for (unsigned int t = 0; t < N_PROD + N_CONS; t++) {
		struct worker *w = &workers[t];

		sent += w->sent;
		received += w->received;
		dropped += w->dropped;
		clones += w->clones;
		chains += w->chains;
		bulks += w->bulks;
		fails += w->alloc_fail;
		for (int h = 0; h < 3; h++)
			frees[h] += w->frees[h];
		printf("  %s %u (lcore %d): sent %" PRIu64 ", received %"
		       PRIu64 "\n", w->producer ? "producer" : "consumer",
		       t / 2, w->lcore == LCORE_ID_ANY ? -1 : (int)w->lcore,
		       w->sent, w->received);
	}
	printf("%" PRIu64 " packets sent, %" PRIu64 " received, %" PRIu64
	       " freed by a producer (ring full); %" PRIu64 " bulks, %" PRIu64
	       " chains, %" PRIu64 " clones, %" PRIu64 " waits for mbufs; "
	       "freed by free %" PRIu64 ", free_bulk %" PRIu64 ", free_seg %"
	       PRIu64 "\n", sent, received, dropped, bulks, chains, clones,
	       fails, frees[0], frees[1], frees[2]);
	EXPECT_EQ_UINT(__atomic_load_n(&ref_errors, __ATOMIC_RELAXED), 0);
	EXPECT_EQ_UINT(__atomic_load_n(&data_errors, __ATOMIC_RELAXED), 0);
	EXPECT_EQ_UINT(received, sent);
	EXPECT_GT_UINT(sent, 0);
	EXPECT_GT_UINT(clones, 0);
	EXPECT_GT_UINT(chains, 0);
	EXPECT_EQ_UINT(rte_ring_count(ring), 0);
	check_pool(&pkt);
	check_pool(&clo);
	rte_ring_free(ring);
	rte_mempool_free(pkt.mp);
	rte_mempool_free(clo.mp);
	free(pkt.refs);
	free(clo.refs);
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}
