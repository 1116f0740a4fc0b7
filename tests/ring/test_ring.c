/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: rte_ring's functional matrix, single-threaded.
 *
 * Every sync mode a ring can be created with, driven through every API
 * family that may drive it:
 *   default calls on MT, ST, RTS, HTS and mixed (SP/MC_RTS, MP_HTS/SC)
 *   rings; explicit mp/mc, sp/sc, rts and hts calls; the peek API
 *   (rte_ring_peek.h) and the zero-copy API (rte_ring_peek_zc.h) on ST,
 *   HTS and mixed rings;
 * times every element size: the legacy void * API and the _elem API with
 * 4, 8, 16 and 20 bytes; times single, bulk and burst calls.
 * Each combination walks a 1024-slot ring through its boundaries: empty
 * (dequeue fails with -ENOENT / 0, `available` 0), n = 0, filling in
 * growing chunks with `free_space` checked after each call, the last
 * partial chunk (bulk all-or-nothing, burst takes what fits, single ends
 * with -ENOBUFS), full (count, free_count, full, empty), draining the same
 * way, random sizes, many rounds that wrap the indexes around the storage,
 * and rte_ring_reset. Then thousands of random calls that mix the
 * families allowed on one ring (explicit mp/mc and sp/sc calls on ST and
 * MT rings, peek and zero-copy calls between others, resets), each
 * checked against a model of the ring: result, free_space, available,
 * count, and the data in FIFO order. Every element is numbered; each dequeued element must
 * be the next one in FIFO order, byte for byte, so a lost, duplicated,
 * reordered or torn element fails. Caller buffers are exactly the size of
 * the request (heap-allocated, so ASan sees an overrun) and every other
 * call is misaligned by one byte, as DPDK's own test does.
 *
 * Then the features outside the matrix: exact-size rings (16 vs
 * 16|RING_F_EXACT_SZ, and a non power of two), the peek API's partial
 * finish (enqueue_finish with fewer than reserved, dequeue_finish(0)
 * putting the items back), the zero-copy API's split at the end of the
 * storage (ptr1/n1/ptr2), rte_ring_init on caller memory sized with
 * rte_ring_get_memsize_elem, memsize values, lookup, free and name reuse,
 * rte_ring_dump and rte_ring_list_dump, the sync-type getters and
 * is_prod/cons_single, and the RTS head-tail distance getters and setters
 * (default capacity/8; UINT32_MAX and -ENOTSUP on non-RTS sides).
 *
 * The logic of this test was checked against DPDK 22.11.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memzone.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>
#include <rte_ring_hts.h>
#include <rte_ring_peek.h>
#include <rte_ring_peek_zc.h>
#include <rte_ring_rts.h>

#include "ring_test.h"

#define RSIZE 1024u           /* ring count of the matrix */
#define CAP (RSIZE - 1)       /* its capacity */
#define MAX_BULK 32u
#define NO_VALUE 0xdeadbeefu  /* free_space / available not written */

enum family {
	FAM_DEF,  /* rte_ring_enqueue*, dispatching on the ring's sync type */
	FAM_MP,   /* rte_ring_mp_* / rte_ring_mc_* */
	FAM_SP,   /* rte_ring_sp_* / rte_ring_sc_* */
	FAM_RTS,  /* rte_ring_mp_rts_* / rte_ring_mc_rts_* */
	FAM_HTS,  /* rte_ring_mp_hts_* / rte_ring_mc_hts_* */
	FAM_PEEK, /* _start + _finish, copying (rte_ring_peek.h) */
	FAM_ZC,   /* zero-copy _start, memcpy, _finish (rte_ring_peek_zc.h) */
};

enum call { CALL_SINGLE, CALL_BULK, CALL_BURST };
static const char *const call_name[] = { "single", "bulk", "burst" };

struct mode {
	const char *name;
	unsigned int flags;
	enum family fam;
};

static const struct mode modes[] = {
	{ "default MT", 0, FAM_DEF },
	{ "mp/mc", 0, FAM_MP },
	{ "sp/sc", RING_F_SP_ENQ | RING_F_SC_DEQ, FAM_SP },
	{ "default ST", RING_F_SP_ENQ | RING_F_SC_DEQ, FAM_DEF },
	{ "rts", RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ, FAM_RTS },
	{ "default RTS", RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ, FAM_DEF },
	{ "hts", RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ, FAM_HTS },
	{ "default HTS", RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ, FAM_DEF },
	{ "default SP/MC_RTS", RING_F_SP_ENQ | RING_F_MC_RTS_DEQ, FAM_DEF },
	{ "default MP_HTS/SC", RING_F_MP_HTS_ENQ | RING_F_SC_DEQ, FAM_DEF },
	{ "peek ST", RING_F_SP_ENQ | RING_F_SC_DEQ, FAM_PEEK },
	{ "peek HTS", RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ, FAM_PEEK },
	{ "peek SP/MC_HTS", RING_F_SP_ENQ | RING_F_MC_HTS_DEQ, FAM_PEEK },
	{ "zc ST", RING_F_SP_ENQ | RING_F_SC_DEQ, FAM_ZC },
	{ "zc HTS", RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ, FAM_ZC },
	{ "zc MP_HTS/SC", RING_F_MP_HTS_ENQ | RING_F_SC_DEQ, FAM_ZC },
};

/* -1: the legacy void * API; otherwise the _elem API with that size. */
static const int esizes[] = { -1, 4, 8, 16, 20 };

struct ctx {
	struct rte_ring *r;
	const struct mode *m;
	int esize;
	unsigned int esz;       /* bytes per element */
	enum call call;
	uint32_t enq_seq;       /* number of the next element enqueued */
	uint32_t deq_seq;       /* number of the next element expected */
	unsigned int misalign;  /* toggles 0 / 1: caller buffer offset */
	int last_ret;           /* last single-element call's result */
	unsigned int zc_splits; /* zero-copy reservations that wrapped */
	unsigned int bad_data;  /* elements that differed */
};

static unsigned int
elem_bytes(int esize)
{
	return esize < 0 ? (unsigned int)sizeof(void *) : (unsigned int)esize;
}

/* Element number seq: its 32-bit words; word 0 alone tells seq apart. */
static void
elem_make(void *dst, unsigned int esz, uint32_t seq)
{
	for (unsigned int k = 0; k < esz / 4; k++) {
		uint32_t w = (seq * 0x9e3779b1u) ^ (k * 0x85ebca77u) ^
			     0x5bd1e995u;

		memcpy((char *)dst + 4 * k, &w, 4);
	}
}

static bool
elem_is(const void *p, unsigned int esz, uint32_t seq)
{
	unsigned char want[32];

	elem_make(want, esz, seq);
	return memcmp(p, want, esz) == 0;
}

/* ---- the dispatchers: one call of the family under test */

static unsigned int
enqueue_singles(struct ctx *c, const char *src, unsigned int n)
{
	struct rte_ring *r = c->r;
	unsigned int i, es = c->esz;

	for (i = 0; i < n; i++) {
		const char *e = src + (size_t)i * es;
		int ret;

		if (c->esize < 0) {
			void *p;

			memcpy(&p, e, sizeof(p));
			if (c->m->fam == FAM_MP)
				ret = rte_ring_mp_enqueue(r, p);
			else if (c->m->fam == FAM_SP)
				ret = rte_ring_sp_enqueue(r, p);
			else
				ret = rte_ring_enqueue(r, p);
		} else {
			void *p = (void *)(uintptr_t)e;

			if (c->m->fam == FAM_MP)
				ret = rte_ring_mp_enqueue_elem(r, p, es);
			else if (c->m->fam == FAM_SP)
				ret = rte_ring_sp_enqueue_elem(r, p, es);
			else
				ret = rte_ring_enqueue_elem(r, p, es);
		}
		c->last_ret = ret;
		if (ret != 0)
			break;
	}
	return i;
}

static unsigned int
dequeue_singles(struct ctx *c, char *dst, unsigned int n)
{
	struct rte_ring *r = c->r;
	unsigned int i, es = c->esz;

	for (i = 0; i < n; i++) {
		char *e = dst + (size_t)i * es;
		int ret;

		if (c->esize < 0) {
			void *p = NULL;

			if (c->m->fam == FAM_MP)
				ret = rte_ring_mc_dequeue(r, &p);
			else if (c->m->fam == FAM_SP)
				ret = rte_ring_sc_dequeue(r, &p);
			else
				ret = rte_ring_dequeue(r, &p);
			if (ret == 0)
				memcpy(e, &p, sizeof(p));
		} else {
			if (c->m->fam == FAM_MP)
				ret = rte_ring_mc_dequeue_elem(r, e, es);
			else if (c->m->fam == FAM_SP)
				ret = rte_ring_sc_dequeue_elem(r, e, es);
			else
				ret = rte_ring_dequeue_elem(r, e, es);
		}
		c->last_ret = ret;
		if (ret != 0)
			break;
	}
	return i;
}

/* The zero-copy area of a reservation of n elements: check its shape. */
static void
zc_check(struct ctx *c, const struct rte_ring_zc_data *zcd, unsigned int n)
{
	const char *store = (const char *)(c->r + 1);
	size_t size = rte_ring_get_size(c->r), es = c->esz;

	EXPECT_GE_UINT(zcd->n1, 1);
	EXPECT_LE_UINT(zcd->n1, n);
	/* ptr1 lies in the storage that follows struct rte_ring */
	EXPECT_GE_UINT((uintptr_t)zcd->ptr1, (uintptr_t)store);
	EXPECT_LT_UINT((uintptr_t)zcd->ptr1, (uintptr_t)(store + size * es));
	if (zcd->n1 == n) {
		EXPECT_NULL(zcd->ptr2);
	} else {
		/* split: n1 slots up to the end, the rest from slot 0 */
		EXPECT_EQ_PTR(zcd->ptr2, store);
		EXPECT_EQ_PTR((const char *)zcd->ptr1 + zcd->n1 * es,
			      store + size * es);
		c->zc_splits++;
	}
}

static unsigned int
do_enqueue(struct ctx *c, const void *src, unsigned int n, unsigned int *fs)
{
	struct rte_ring *r = c->r;
	void *const *tab = (void *const *)(uintptr_t)src;
	bool legacy = c->esize < 0, bulk = c->call == CALL_BULK;
	unsigned int es = c->esz, k;
	struct rte_ring_zc_data zcd;

	*fs = NO_VALUE;
	if (c->call == CALL_SINGLE)
		return enqueue_singles(c, src, n);
	switch (c->m->fam) {
	case FAM_DEF:
		if (legacy)
			return bulk ? rte_ring_enqueue_bulk(r, tab, n, fs)
				    : rte_ring_enqueue_burst(r, tab, n, fs);
		return bulk ? rte_ring_enqueue_bulk_elem(r, src, es, n, fs)
			    : rte_ring_enqueue_burst_elem(r, src, es, n, fs);
	case FAM_MP:
		if (legacy)
			return bulk ? rte_ring_mp_enqueue_bulk(r, tab, n, fs)
				    : rte_ring_mp_enqueue_burst(r, tab, n, fs);
		return bulk ? rte_ring_mp_enqueue_bulk_elem(r, src, es, n, fs)
			    : rte_ring_mp_enqueue_burst_elem(r, src, es, n,
							     fs);
	case FAM_SP:
		if (legacy)
			return bulk ? rte_ring_sp_enqueue_bulk(r, tab, n, fs)
				    : rte_ring_sp_enqueue_burst(r, tab, n, fs);
		return bulk ? rte_ring_sp_enqueue_bulk_elem(r, src, es, n, fs)
			    : rte_ring_sp_enqueue_burst_elem(r, src, es, n,
							     fs);
	case FAM_RTS:
		if (legacy)
			return bulk ? rte_ring_mp_rts_enqueue_bulk(r, tab, n, fs)
				    : rte_ring_mp_rts_enqueue_burst(r, tab, n,
								    fs);
		return bulk ? rte_ring_mp_rts_enqueue_bulk_elem(r, src, es, n,
								fs)
			    : rte_ring_mp_rts_enqueue_burst_elem(r, src, es, n,
								 fs);
	case FAM_HTS:
		if (legacy)
			return bulk ? rte_ring_mp_hts_enqueue_bulk(r, tab, n, fs)
				    : rte_ring_mp_hts_enqueue_burst(r, tab, n,
								    fs);
		return bulk ? rte_ring_mp_hts_enqueue_bulk_elem(r, src, es, n,
								fs)
			    : rte_ring_mp_hts_enqueue_burst_elem(r, src, es, n,
								 fs);
	case FAM_PEEK:
		if (legacy) {
			k = bulk ? rte_ring_enqueue_bulk_start(r, n, fs)
				 : rte_ring_enqueue_burst_start(r, n, fs);
			if (k != 0)
				rte_ring_enqueue_finish(r, tab, k);
		} else {
			k = bulk ? rte_ring_enqueue_bulk_elem_start(r, n, fs)
				 : rte_ring_enqueue_burst_elem_start(r, n, fs);
			if (k != 0)
				rte_ring_enqueue_elem_finish(r, src, es, k);
		}
		return k;
	case FAM_ZC:
		if (legacy)
			k = bulk ? rte_ring_enqueue_zc_bulk_start(r, n, &zcd, fs)
				 : rte_ring_enqueue_zc_burst_start(r, n, &zcd,
								   fs);
		else
			k = bulk ? rte_ring_enqueue_zc_bulk_elem_start(
					   r, es, n, &zcd, fs)
				 : rte_ring_enqueue_zc_burst_elem_start(
					   r, es, n, &zcd, fs);
		if (k == 0)
			return 0;
		zc_check(c, &zcd, k);
		memcpy(zcd.ptr1, src, (size_t)zcd.n1 * es);
		if (k > zcd.n1)
			memcpy(zcd.ptr2, (const char *)src + (size_t)zcd.n1 * es,
			       (size_t)(k - zcd.n1) * es);
		if (legacy)
			rte_ring_enqueue_zc_finish(r, k);
		else
			rte_ring_enqueue_zc_elem_finish(r, k);
		return k;
	}
	return 0;
}

static unsigned int
do_dequeue(struct ctx *c, void *dst, unsigned int n, unsigned int *av)
{
	struct rte_ring *r = c->r;
	void **tab = dst;
	bool legacy = c->esize < 0, bulk = c->call == CALL_BULK;
	unsigned int es = c->esz, k;
	struct rte_ring_zc_data zcd;

	*av = NO_VALUE;
	if (c->call == CALL_SINGLE)
		return dequeue_singles(c, dst, n);
	switch (c->m->fam) {
	case FAM_DEF:
		if (legacy)
			return bulk ? rte_ring_dequeue_bulk(r, tab, n, av)
				    : rte_ring_dequeue_burst(r, tab, n, av);
		return bulk ? rte_ring_dequeue_bulk_elem(r, dst, es, n, av)
			    : rte_ring_dequeue_burst_elem(r, dst, es, n, av);
	case FAM_MP:
		if (legacy)
			return bulk ? rte_ring_mc_dequeue_bulk(r, tab, n, av)
				    : rte_ring_mc_dequeue_burst(r, tab, n, av);
		return bulk ? rte_ring_mc_dequeue_bulk_elem(r, dst, es, n, av)
			    : rte_ring_mc_dequeue_burst_elem(r, dst, es, n, av);
	case FAM_SP:
		if (legacy)
			return bulk ? rte_ring_sc_dequeue_bulk(r, tab, n, av)
				    : rte_ring_sc_dequeue_burst(r, tab, n, av);
		return bulk ? rte_ring_sc_dequeue_bulk_elem(r, dst, es, n, av)
			    : rte_ring_sc_dequeue_burst_elem(r, dst, es, n, av);
	case FAM_RTS:
		if (legacy)
			return bulk ? rte_ring_mc_rts_dequeue_bulk(r, tab, n, av)
				    : rte_ring_mc_rts_dequeue_burst(r, tab, n,
								    av);
		return bulk ? rte_ring_mc_rts_dequeue_bulk_elem(r, dst, es, n,
								av)
			    : rte_ring_mc_rts_dequeue_burst_elem(r, dst, es, n,
								 av);
	case FAM_HTS:
		if (legacy)
			return bulk ? rte_ring_mc_hts_dequeue_bulk(r, tab, n, av)
				    : rte_ring_mc_hts_dequeue_burst(r, tab, n,
								    av);
		return bulk ? rte_ring_mc_hts_dequeue_bulk_elem(r, dst, es, n,
								av)
			    : rte_ring_mc_hts_dequeue_burst_elem(r, dst, es, n,
								 av);
	case FAM_PEEK:
		if (legacy) {
			k = bulk ? rte_ring_dequeue_bulk_start(r, tab, n, av)
				 : rte_ring_dequeue_burst_start(r, tab, n, av);
			if (k != 0)
				rte_ring_dequeue_finish(r, k);
		} else {
			k = bulk ? rte_ring_dequeue_bulk_elem_start(r, dst, es,
								    n, av)
				 : rte_ring_dequeue_burst_elem_start(r, dst, es,
								     n, av);
			if (k != 0)
				rte_ring_dequeue_elem_finish(r, k);
		}
		return k;
	case FAM_ZC:
		if (legacy)
			k = bulk ? rte_ring_dequeue_zc_bulk_start(r, n, &zcd, av)
				 : rte_ring_dequeue_zc_burst_start(r, n, &zcd,
								   av);
		else
			k = bulk ? rte_ring_dequeue_zc_bulk_elem_start(
					   r, es, n, &zcd, av)
				 : rte_ring_dequeue_zc_burst_elem_start(
					   r, es, n, &zcd, av);
		if (k == 0)
			return 0;
		zc_check(c, &zcd, k);
		memcpy(dst, zcd.ptr1, (size_t)zcd.n1 * es);
		if (k > zcd.n1)
			memcpy((char *)dst + (size_t)zcd.n1 * es, zcd.ptr2,
			       (size_t)(k - zcd.n1) * es);
		if (legacy)
			rte_ring_dequeue_zc_finish(r, k);
		else
			rte_ring_dequeue_zc_elem_finish(r, k);
		return k;
	}
	return 0;
}

/* ---- numbered elements in and out, through buffers of the exact size */

/* Enqueue up to n fresh elements; returns how many went in. */
static unsigned int
enq(struct ctx *c, unsigned int n, unsigned int *fs)
{
	size_t bytes = (size_t)n * c->esz;
	char *buf = malloc(bytes + 1), *src;
	unsigned int k;

	ASSERT_NOT_NULL(buf);
	c->misalign ^= 1;
	src = buf + c->misalign;
	for (unsigned int i = 0; i < n; i++)
		elem_make(src + (size_t)i * c->esz, c->esz, c->enq_seq + i);
	k = do_enqueue(c, src, n, fs);
	EXPECT_LE_UINT(k, n);
	c->enq_seq += k;
	free(buf);
	return k;
}

/* Dequeue up to n elements; each must be the next one expected. */
static unsigned int
deq(struct ctx *c, unsigned int n, unsigned int *av)
{
	size_t bytes = (size_t)n * c->esz;
	char *buf = malloc(bytes + 1), *dst;
	unsigned int k, bad = 0;

	ASSERT_NOT_NULL(buf);
	c->misalign ^= 1;
	dst = buf + c->misalign;
	memset(buf, 0xa5, bytes + 1);
	k = do_dequeue(c, dst, n, av);
	EXPECT_LE_UINT(k, n);
	for (unsigned int i = 0; i < k && i < n; i++) {
		if (!elem_is(dst + (size_t)i * c->esz, c->esz,
			     c->deq_seq + i)) {
			if (bad++ == 0)
				printf("element %u of %u (number %" PRIu32
				       ") is wrong\n", i, k, c->deq_seq + i);
		}
	}
	EXPECT_EQ_UINT(bad, 0);
	c->bad_data += bad;
	c->deq_seq += k;
	free(buf);
	return k;
}

static void
expect_state(struct ctx *c, unsigned int count, unsigned int cap)
{
	EXPECT_EQ_UINT(rte_ring_count(c->r), count);
	EXPECT_EQ_UINT(rte_ring_free_count(c->r), cap - count);
	EXPECT_EQ_INT(rte_ring_empty(c->r) != 0, count == 0);
	EXPECT_EQ_INT(rte_ring_full(c->r) != 0, count == cap);
	EXPECT_EQ_UINT(c->enq_seq - c->deq_seq, count);
}

/* ---- the matrix scenarios */

/* Empty, n = 0, fill in growing chunks, the last partial chunk, full,
 * and the same on the way out. */
static void
scenario_boundaries(struct ctx *c)
{
	unsigned int fs, av, k, total = 0, chunk = 1, rem;
	bool single = c->call == CALL_SINGLE, bulk = c->call == CALL_BULK;

	expect_state(c, 0, CAP);
	EXPECT_EQ_UINT(rte_ring_get_size(c->r), RSIZE);
	EXPECT_EQ_UINT(rte_ring_get_capacity(c->r), CAP);

	/* dequeue from empty */
	k = deq(c, 1, &av);
	EXPECT_EQ_UINT(k, 0);
	if (single)
		EXPECT_EQ_INT(c->last_ret, -ENOENT);
	else
		EXPECT_EQ_UINT(av, 0);
	k = deq(c, MAX_BULK, &av);
	EXPECT_EQ_UINT(k, 0);

	/* n = 0 is allowed and moves nothing */
	if (!single) {
		EXPECT_EQ_UINT(enq(c, 0, &fs), 0);
		EXPECT_EQ_UINT(fs, CAP);
		EXPECT_EQ_UINT(deq(c, 0, &av), 0);
		EXPECT_EQ_UINT(av, 0);
	}

	/* fill in chunks of 1, 2, ..., 32, 1, 2, ... */
	while (total + chunk <= CAP) {
		k = enq(c, chunk, &fs);
		EXPECT_EQ_UINT(k, chunk);
		total += k;
		if (!single)
			EXPECT_EQ_UINT(fs, CAP - total);
		EXPECT_EQ_UINT(rte_ring_count(c->r), total);
		if (k != chunk)
			return;
		chunk = chunk % MAX_BULK + 1;
	}
	rem = CAP - total;
	EXPECT_LT_UINT(rem, chunk);
	/* the last chunk does not fit */
	k = enq(c, chunk, &fs);
	if (bulk) {
		EXPECT_EQ_UINT(k, 0);
		EXPECT_EQ_UINT(fs, rem);
		k = enq(c, rem, &fs);
		EXPECT_EQ_UINT(k, rem);
		EXPECT_EQ_UINT(fs, 0);
	} else {
		EXPECT_EQ_UINT(k, rem);
		if (single)
			EXPECT_EQ_INT(c->last_ret, -ENOBUFS);
		else
			EXPECT_EQ_UINT(fs, 0);
	}
	total += k;
	expect_state(c, CAP, CAP);
	/* nothing more goes in */
	k = enq(c, 1, &fs);
	EXPECT_EQ_UINT(k, 0);
	if (single)
		EXPECT_EQ_INT(c->last_ret, -ENOBUFS);
	else
		EXPECT_EQ_UINT(fs, 0);
	EXPECT_EQ_UINT(enq(c, MAX_BULK, &fs), 0);
	expect_state(c, CAP, CAP);

	/* drain the same way */
	chunk = 1;
	while (total >= chunk) {
		k = deq(c, chunk, &av);
		EXPECT_EQ_UINT(k, chunk);
		total -= k;
		if (!single)
			EXPECT_EQ_UINT(av, total);
		EXPECT_EQ_UINT(rte_ring_count(c->r), total);
		if (k != chunk)
			return;
		chunk = chunk % MAX_BULK + 1;
	}
	rem = total;
	k = deq(c, chunk, &av);
	if (bulk) {
		EXPECT_EQ_UINT(k, 0);
		EXPECT_EQ_UINT(av, rem);
		k = deq(c, rem, &av);
		EXPECT_EQ_UINT(k, rem);
		EXPECT_EQ_UINT(av, 0);
	} else {
		EXPECT_EQ_UINT(k, rem);
		if (single)
			EXPECT_EQ_INT(c->last_ret, -ENOENT);
		else
			EXPECT_EQ_UINT(av, 0);
	}
	expect_state(c, 0, CAP);
	EXPECT_EQ_UINT(deq(c, 1, &av), 0);
}

/* Random sizes in one call each, then the whole capacity in one call. */
static void
scenario_sizes(struct ctx *c)
{
	uint32_t rng = 12345u + c->esz;
	unsigned int fs, av, k, n;

	for (int i = 0; i < 8; i++) {
		rng = rng * 1103515245u + 12345u;
		n = 1 + (rng >> 8) % CAP;
		k = enq(c, n, &fs);
		EXPECT_EQ_UINT(k, n);
		expect_state(c, n, CAP);
		k = deq(c, n, &av);
		EXPECT_EQ_UINT(k, n);
		expect_state(c, 0, CAP);
	}
	/* more than the capacity: bulk takes nothing, burst what fits */
	if (c->call != CALL_SINGLE) {
		k = enq(c, RSIZE + 7, &fs);
		EXPECT_EQ_UINT(k, c->call == CALL_BULK ? 0 : CAP);
		EXPECT_EQ_UINT(fs, c->call == CALL_BULK ? CAP : 0);
		if (k == 0)
			EXPECT_EQ_UINT(enq(c, CAP, &fs), CAP);
		expect_state(c, CAP, CAP);
		k = deq(c, RSIZE + 7, &av);
		EXPECT_EQ_UINT(k, c->call == CALL_BULK ? 0 : CAP);
		EXPECT_EQ_UINT(av, c->call == CALL_BULK ? CAP : 0);
		if (k == 0)
			EXPECT_EQ_UINT(deq(c, CAP, &av), CAP);
		expect_state(c, 0, CAP);
	}
}

/* Rounds of MAX_BULK in and out with a few elements left in: the
 * indexes go around the storage several times. */
static void
scenario_wrap(struct ctx *c)
{
	unsigned int fs, av;

	EXPECT_EQ_UINT(enq(c, 5, &fs), 5);
	for (int i = 0; i < 160; i++) {
		EXPECT_EQ_UINT(enq(c, MAX_BULK, &fs), MAX_BULK);
		EXPECT_EQ_UINT(deq(c, MAX_BULK, &av), MAX_BULK);
		EXPECT_EQ_UINT(rte_ring_count(c->r), 5);
	}
	EXPECT_EQ_UINT(deq(c, 5, &av), 5);
	/* 1, 2, 32 in; 1, 2, 32 out */
	EXPECT_EQ_UINT(enq(c, 1, &fs), 1);
	EXPECT_EQ_UINT(enq(c, 2, &fs), 2);
	EXPECT_EQ_UINT(enq(c, MAX_BULK, &fs), MAX_BULK);
	EXPECT_EQ_UINT(deq(c, 1, &av), 1);
	EXPECT_EQ_UINT(deq(c, 2, &av), 2);
	EXPECT_EQ_UINT(deq(c, MAX_BULK, &av), MAX_BULK);
	expect_state(c, 0, CAP);
}

/* rte_ring_reset drops what is in the ring; the ring works after it. */
static void
scenario_reset(struct ctx *c)
{
	unsigned int fs, av;

	EXPECT_EQ_UINT(enq(c, 10, &fs), 10);
	rte_ring_reset(c->r);
	c->deq_seq = c->enq_seq;
	expect_state(c, 0, CAP);
	EXPECT_EQ_UINT(deq(c, 1, &av), 0);
	EXPECT_EQ_UINT(enq(c, 7, &fs), 7);
	EXPECT_EQ_UINT(deq(c, 7, &av), 7);
	expect_state(c, 0, CAP);
}

static void
test_matrix(void)
{
	unsigned int combos = 0, zc_splits = 0;

	for (unsigned int m = 0; m < RTE_DIM(modes); m++) {
		for (unsigned int e = 0; e < RTE_DIM(esizes); e++) {
			for (int call = CALL_SINGLE; call <= CALL_BURST;
			     call++) {
				enum family f = modes[m].fam;
				struct ctx c = {
					.m = &modes[m],
					.esize = esizes[e],
					.esz = elem_bytes(esizes[e]),
					.call = (enum call)call,
				};
				unsigned int before = failures();

				/* no single-element call in these families */
				if (call == CALL_SINGLE &&
				    (f == FAM_RTS || f == FAM_HTS ||
				     f == FAM_PEEK || f == FAM_ZC))
					continue;
				c.r = ring_create("ring_matrix", c.esize, RSIZE,
						  modes[m].flags);
				ASSERT_NOT_NULL(c.r);
				scenario_boundaries(&c);
				scenario_sizes(&c);
				scenario_wrap(&c);
				scenario_reset(&c);
				rte_ring_free(c.r);
				combos++;
				zc_splits += c.zc_splits;
				if (failures() != before)
					printf("^^^ in mode \"%s\", esize %d, "
					       "%s calls\n", modes[m].name,
					       esizes[e], call_name[call]);
			}
		}
	}
	printf("matrix: %u combinations\n", combos);
	/* the zero-copy rows did reserve across the end of the storage */
	EXPECT_GT_UINT(zc_splits, 0);
}

/* ---- random calls of several families on one ring, against a model */

struct model_ring {
	const char *name;
	unsigned int flags;
	unsigned int count;
	enum family fams[5];
	unsigned int n_fams;
};

static const struct model_ring model_rings[] = {
	/* explicit MP/MC calls are allowed on any MT or ST side */
	{ "SP/SC", RING_F_SP_ENQ | RING_F_SC_DEQ, 64,
	  { FAM_DEF, FAM_SP, FAM_MP, FAM_PEEK, FAM_ZC }, 5 },
	{ "SP/SC exact", RING_F_SP_ENQ | RING_F_SC_DEQ | RING_F_EXACT_SZ, 50,
	  { FAM_DEF, FAM_SP, FAM_MP, FAM_PEEK, FAM_ZC }, 5 },
	{ "MP/MC", 0, 64, { FAM_DEF, FAM_SP, FAM_MP }, 3 },
	{ "HTS exact", RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ |
			       RING_F_EXACT_SZ, 45,
	  { FAM_DEF, FAM_HTS, FAM_PEEK, FAM_ZC }, 4 },
	{ "RTS", RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ, 32,
	  { FAM_DEF, FAM_RTS }, 2 },
};

/*
 * Thousands of calls of random families, kinds and sizes (0 .. 1.3 x the
 * capacity): each result, free_space, available and count must be what
 * a model of the ring says, and the data must stay in FIFO order.
 */
static void
test_model(void)
{
	for (unsigned int i = 0; i < RTE_DIM(model_rings); i++) {
		const struct model_ring *mr = &model_rings[i];

		for (unsigned int e = 0; e < RTE_DIM(esizes); e++) {
			struct mode m = { mr->name, mr->flags, FAM_DEF };
			struct ctx c = { .m = &m, .esize = esizes[e],
					 .esz = elem_bytes(esizes[e]) };
			unsigned int cap, before = failures();
			uint32_t rng = 777u * (i + 1) + e;

			c.r = ring_create("model", c.esize, mr->count,
					  mr->flags);
			ASSERT_NOT_NULL(c.r);
			cap = rte_ring_get_capacity(c.r);
			for (int op = 0; op < 3000; op++) {
				unsigned int count = c.enq_seq - c.deq_seq;
				unsigned int n, k, want, out;

				rng = rng * 1103515245u + 12345u;
				m.fam = mr->fams[(rng >> 8) % mr->n_fams];
				c.call = (enum call)((rng >> 12) % 3);
				if (c.call == CALL_SINGLE &&
				    (m.fam == FAM_HTS || m.fam == FAM_RTS ||
				     m.fam == FAM_PEEK || m.fam == FAM_ZC))
					c.call = CALL_BURST;
				n = (rng >> 16) % (cap + cap / 3 + 1);
				if ((rng >> 28) % 2 == 0)
					n %= 9;
				if ((rng >> 24) % 64 == 0) {
					rte_ring_reset(c.r);
					c.deq_seq = c.enq_seq;
					expect_state(&c, 0, cap);
					continue;
				}
				if ((rng >> 4) % 2 == 0) {
					want = n <= cap - count ? n
						: c.call == CALL_BULK ? 0
						: cap - count;
					k = enq(&c, n, &out);
					EXPECT_EQ_UINT(k, want);
					if (c.call == CALL_SINGLE && k < n)
						EXPECT_EQ_INT(c.last_ret,
							      -ENOBUFS);
					if (c.call != CALL_SINGLE)
						EXPECT_EQ_UINT(out,
							       cap - count - k);
				} else {
					want = n <= count ? n
						: c.call == CALL_BULK ? 0
						: count;
					k = deq(&c, n, &out);
					EXPECT_EQ_UINT(k, want);
					if (c.call == CALL_SINGLE && k < n)
						EXPECT_EQ_INT(c.last_ret,
							      -ENOENT);
					if (c.call != CALL_SINGLE)
						EXPECT_EQ_UINT(out, count - k);
				}
				expect_state(&c, c.enq_seq - c.deq_seq, cap);
				if (failures() != before) {
					printf("^^^ in model test, ring %s, "
					       "esize %d, op %d: %s %s of %u\n",
					       mr->name, esizes[e], op,
					       (rng >> 4) % 2 == 0 ? "enqueue"
								  : "dequeue",
					       call_name[c.call], n);
					break;
				}
			}
			rte_ring_free(c.r);
		}
	}
}

/* ---- outside the matrix */

/* 16 vs 16|EXACT_SZ (DPDK's test), and an exact size of 100. */
static void
test_exact_size(void)
{
	for (unsigned int e = 0; e < RTE_DIM(esizes); e++) {
		struct ctx std = { .m = &modes[3], .esize = esizes[e],
				   .call = CALL_SINGLE };
		struct ctx exact = std;
		unsigned int fs, av;

		std.esz = exact.esz = elem_bytes(esizes[e]);
		std.r = ring_create("std", std.esize, 16,
				    RING_F_SP_ENQ | RING_F_SC_DEQ);
		exact.r = ring_create("exact sz", exact.esize, 16,
				      RING_F_SP_ENQ | RING_F_SC_DEQ |
					      RING_F_EXACT_SZ);
		ASSERT_NOT_NULL(std.r);
		ASSERT_NOT_NULL(exact.r);
		EXPECT_EQ_UINT(rte_ring_get_size(std.r), 16);
		EXPECT_EQ_UINT(rte_ring_get_capacity(std.r), 15);
		EXPECT_EQ_UINT(rte_ring_get_size(exact.r), 32);
		EXPECT_EQ_UINT(rte_ring_get_capacity(exact.r), 16);
		/* 15 fit in both; the 16th only in the exact one */
		for (int i = 0; i < 15; i++) {
			EXPECT_EQ_UINT(enq(&std, 1, &fs), 1);
			EXPECT_EQ_UINT(enq(&exact, 1, &fs), 1);
		}
		EXPECT_EQ_UINT(enq(&std, 1, &fs), 0);
		EXPECT_EQ_INT(std.last_ret, -ENOBUFS);
		EXPECT_EQ_UINT(enq(&exact, 1, &fs), 1);
		EXPECT_EQ_INT(exact.last_ret, 0);
		EXPECT_EQ_UINT(enq(&exact, 1, &fs), 0);
		EXPECT_EQ_INT(exact.last_ret, -ENOBUFS);
		expect_state(&std, 15, 15);
		expect_state(&exact, 16, 16);
		/* a burst of 16 from the exact ring gives 16 */
		exact.call = CALL_BURST;
		EXPECT_EQ_UINT(deq(&exact, 16, &av), 16);
		EXPECT_EQ_UINT(av, 0);
		/* and the ring goes round its 32 slots with 16 inside */
		exact.call = CALL_BULK;
		for (int i = 0; i < 10; i++) {
			EXPECT_EQ_UINT(enq(&exact, 16, &fs), 16);
			EXPECT_EQ_UINT(fs, 0);
			EXPECT_EQ_UINT(enq(&exact, 1, &fs), 0);
			EXPECT_EQ_UINT(deq(&exact, 16, &av), 16);
		}
		rte_ring_free(std.r);
		rte_ring_free(exact.r);
	}

	/* not a power of two: size rounds up, capacity is what was asked */
	struct ctx c = { .m = &modes[0], .esize = 20, .esz = 20,
			 .call = CALL_BULK };
	unsigned int fs, av;

	c.r = ring_create("exact100", 20, 100, RING_F_EXACT_SZ);
	ASSERT_NOT_NULL(c.r);
	EXPECT_EQ_UINT(rte_ring_get_size(c.r), 128);
	EXPECT_EQ_UINT(rte_ring_get_capacity(c.r), 100);
	for (int i = 0; i < 5; i++) {
		EXPECT_EQ_UINT(enq(&c, 100, &fs), 100);
		EXPECT_EQ_UINT(fs, 0);
		expect_state(&c, 100, 100);
		EXPECT_EQ_UINT(enq(&c, 1, &fs), 0);
		EXPECT_EQ_UINT(deq(&c, 60, &av), 60);
		EXPECT_EQ_UINT(av, 40);
		EXPECT_EQ_UINT(deq(&c, 40, &av), 40);
	}
	rte_ring_free(c.r);
}

/* The peek API: start reserves, finish(k) commits k <= the reserved. */
static void
test_peek(void)
{
	static const unsigned int flags[] = {
		RING_F_SP_ENQ | RING_F_SC_DEQ,
		RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ,
		RING_F_SP_ENQ | RING_F_MC_HTS_DEQ,
		RING_F_MP_HTS_ENQ | RING_F_SC_DEQ,
	};

	for (unsigned int f = 0; f < RTE_DIM(flags); f++) {
		for (unsigned int e = 0; e < RTE_DIM(esizes); e++) {
			unsigned int es = elem_bytes(esizes[e]), n;
			unsigned int fs = NO_VALUE, av = NO_VALUE;
			bool legacy = esizes[e] < 0;
			unsigned char src[8 * 20], dst[8 * 20];
			struct rte_ring *r;
			unsigned int before = failures();

			r = ring_create("peek", esizes[e], 16, flags[f]);
			ASSERT_NOT_NULL(r);
			for (uint32_t i = 0; i < 8; i++)
				elem_make(src + i * es, es, i);

			/* reserve 4, commit 2: the first 2 of the table */
			n = rte_ring_enqueue_bulk_start(r, 4, &fs);
			EXPECT_EQ_UINT(n, 4);
			EXPECT_EQ_UINT(fs, 11);
			if (legacy)
				rte_ring_enqueue_finish(
					r, (void *const *)(uintptr_t)src, 2);
			else
				rte_ring_enqueue_elem_finish(r, src, es, 2);
			EXPECT_EQ_UINT(rte_ring_count(r), 2);
			EXPECT_EQ_UINT(rte_ring_free_count(r), 13);

			/* a bulk start that does not fit reserves nothing */
			n = rte_ring_enqueue_bulk_elem_start(r, 14, &fs);
			EXPECT_EQ_UINT(n, 0);
			EXPECT_EQ_UINT(fs, 13);
			/* a burst start takes what fits: commit 6 of 13 */
			n = rte_ring_enqueue_burst_elem_start(r, 20, &fs);
			EXPECT_EQ_UINT(n, 13);
			EXPECT_EQ_UINT(fs, 0);
			if (legacy)
				rte_ring_enqueue_finish(
					r, (void *const *)(uintptr_t)(src +
								     2 * es),
					6);
			else
				rte_ring_enqueue_elem_finish(r, src + 2 * es,
							     es, 6);
			EXPECT_EQ_UINT(rte_ring_count(r), 8);

			/* dequeue start copies out; finish(0) puts back */
			memset(dst, 0, sizeof(dst));
			n = legacy ? rte_ring_dequeue_bulk_start(
					     r, (void **)dst, 3, &av)
				   : rte_ring_dequeue_bulk_elem_start(
					     r, dst, es, 3, &av);
			EXPECT_EQ_UINT(n, 3);
			EXPECT_EQ_UINT(av, 5);
			EXPECT_EQ_INT(memcmp(dst, src, 3 * es), 0);
			rte_ring_dequeue_finish(r, 0);
			EXPECT_EQ_UINT(rte_ring_count(r), 8);
			/* the same three again; take one of them */
			memset(dst, 0, sizeof(dst));
			n = rte_ring_dequeue_burst_elem_start(r, dst, es, 3,
							      &av);
			EXPECT_EQ_UINT(n, 3);
			EXPECT_EQ_INT(memcmp(dst, src, 3 * es), 0);
			rte_ring_dequeue_elem_finish(r, 1);
			EXPECT_EQ_UINT(rte_ring_count(r), 7);
			/* a bulk start of more than there is: nothing */
			n = rte_ring_dequeue_bulk_elem_start(r, dst, es, 8,
							     &av);
			EXPECT_EQ_UINT(n, 0);
			EXPECT_EQ_UINT(av, 7);
			/* a burst start of more: the 7, elements 1..7 */
			memset(dst, 0, sizeof(dst));
			n = legacy ? rte_ring_dequeue_burst_start(
					     r, (void **)dst, 8, &av)
				   : rte_ring_dequeue_burst_elem_start(
					     r, dst, es, 8, &av);
			EXPECT_EQ_UINT(n, 7);
			EXPECT_EQ_UINT(av, 0);
			EXPECT_EQ_INT(memcmp(dst, src + es, 7 * es), 0);
			rte_ring_dequeue_finish(r, 7);
			EXPECT_TRUE(rte_ring_empty(r));
			/* other calls work after the peek calls */
			EXPECT_EQ_UINT(rte_ring_enqueue_burst_elem(
					       r, src, es, 8, NULL), 8);
			EXPECT_EQ_UINT(rte_ring_dequeue_burst_elem(
					       r, dst, es, 8, NULL), 8);
			EXPECT_EQ_INT(memcmp(dst, src, 8 * es), 0);
			EXPECT_TRUE(rte_ring_empty(r));
			rte_ring_free(r);
			if (failures() != before)
				printf("^^^ in peek test, flags %#x, esize "
				       "%d\n", flags[f], esizes[e]);
		}
	}
}

/* Zero copy across the end of the storage: ptr1 holds n1 elements up to
 * the end, ptr2 the rest from slot 0. */
static void
test_zc_split(void)
{
	static const unsigned int flags[] = {
		RING_F_SP_ENQ | RING_F_SC_DEQ,
		RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ,
	};

	for (unsigned int f = 0; f < RTE_DIM(flags); f++) {
		for (unsigned int e = 0; e < RTE_DIM(esizes); e++) {
			unsigned int es = elem_bytes(esizes[e]), n;
			unsigned int fs = NO_VALUE, av = NO_VALUE;
			bool legacy = esizes[e] < 0;
			unsigned char src[16 * 20], dst[16 * 20];
			struct rte_ring_zc_data zcd;
			struct rte_ring *r;
			char *store;
			unsigned int before = failures();

			r = ring_create("zc", esizes[e], 16, flags[f]);
			ASSERT_NOT_NULL(r);
			store = (char *)(r + 1);
			for (uint32_t i = 0; i < 16; i++)
				elem_make(src + i * es, es, 100 + i);
			/* move both heads to slot 12 */
			for (int i = 0; i < 12; i++) {
				EXPECT_EQ_INT(rte_ring_enqueue_elem(r, src, es),
					      0);
				EXPECT_EQ_INT(rte_ring_dequeue_elem(r, dst, es),
					      0);
			}
			/* no split: 3 elements in slots 12..14 */
			memset(&zcd, 0x5a, sizeof(zcd));
			n = rte_ring_enqueue_zc_bulk_elem_start(r, es, 3, &zcd,
								&fs);
			EXPECT_EQ_UINT(n, 3);
			EXPECT_EQ_UINT(fs, 12);
			EXPECT_EQ_UINT(zcd.n1, 3);
			EXPECT_NULL(zcd.ptr2);
			EXPECT_EQ_PTR(zcd.ptr1, store + 12 * es);
			memcpy(zcd.ptr1, src, 3 * es);
			rte_ring_enqueue_zc_elem_finish(r, 3);
			/* split: 8 more, 1 at slot 15 and 7 from slot 0;
			 * fill them all, commit only 5 */
			n = legacy ? rte_ring_enqueue_zc_burst_start(r, 8, &zcd,
								     &fs)
				   : rte_ring_enqueue_zc_burst_elem_start(
					     r, es, 8, &zcd, &fs);
			EXPECT_EQ_UINT(n, 8);
			EXPECT_EQ_UINT(fs, 4);
			EXPECT_EQ_UINT(zcd.n1, 1);
			EXPECT_EQ_PTR(zcd.ptr1, store + 15 * es);
			EXPECT_EQ_PTR(zcd.ptr2, store);
			memcpy(zcd.ptr1, src + 3 * es, es);
			memcpy(zcd.ptr2, src + 4 * es, 7 * es);
			if (legacy)
				rte_ring_enqueue_zc_finish(r, 5);
			else
				rte_ring_enqueue_zc_elem_finish(r, 5);
			EXPECT_EQ_UINT(rte_ring_count(r), 8);
			EXPECT_EQ_UINT(rte_ring_free_count(r), 7);
			/* a bulk start that does not fit */
			n = rte_ring_enqueue_zc_bulk_elem_start(r, es, 8, &zcd,
								&fs);
			EXPECT_EQ_UINT(n, 0);
			EXPECT_EQ_UINT(fs, 7);

			/* dequeue zero copy: 6 from slot 12, split at 16;
			 * read them, put them all back */
			n = rte_ring_dequeue_zc_bulk_elem_start(r, es, 6, &zcd,
								&av);
			EXPECT_EQ_UINT(n, 6);
			EXPECT_EQ_UINT(av, 2);
			EXPECT_EQ_UINT(zcd.n1, 4);
			EXPECT_EQ_PTR(zcd.ptr1, store + 12 * es);
			EXPECT_EQ_PTR(zcd.ptr2, store);
			EXPECT_EQ_INT(memcmp(zcd.ptr1, src, 4 * es), 0);
			EXPECT_EQ_INT(memcmp(zcd.ptr2, src + 4 * es, 2 * es), 0);
			rte_ring_dequeue_zc_elem_finish(r, 0);
			EXPECT_EQ_UINT(rte_ring_count(r), 8);
			/* take 5 of the 8 */
			n = legacy ? rte_ring_dequeue_zc_burst_start(r, 10, &zcd,
								     &av)
				   : rte_ring_dequeue_zc_burst_elem_start(
					     r, es, 10, &zcd, &av);
			EXPECT_EQ_UINT(n, 8);
			EXPECT_EQ_UINT(av, 0);
			EXPECT_EQ_UINT(zcd.n1, 4);
			if (legacy)
				rte_ring_dequeue_zc_finish(r, 5);
			else
				rte_ring_dequeue_zc_elem_finish(r, 5);
			/* the last 3 through the copying API, in order */
			EXPECT_EQ_UINT(rte_ring_dequeue_burst_elem(r, dst, es,
								   16, &av), 3);
			EXPECT_EQ_INT(memcmp(dst, src + 5 * es, 3 * es), 0);
			EXPECT_TRUE(rte_ring_empty(r));
			/* a dequeue start on an empty ring */
			n = rte_ring_dequeue_zc_burst_elem_start(r, es, 1, &zcd,
								 &av);
			EXPECT_EQ_UINT(n, 0);
			EXPECT_EQ_UINT(av, 0);
			rte_ring_free(r);
			if (failures() != before)
				printf("^^^ in zero-copy test, flags %#x, "
				       "esize %d\n", flags[f], esizes[e]);
		}
	}
}

/* rte_ring_init on memory of the caller's, sized by get_memsize_elem. */
static void
test_init_caller_memory(void)
{
	static const int sizes[] = { 4, 8, 16, 20 };

	/* get_memsize: the struct plus the storage, in cache lines */
	EXPECT_EQ_INT(rte_ring_get_memsize(16),
		      rte_ring_get_memsize_elem(sizeof(void *), 16));
	for (unsigned int i = 0; i < RTE_DIM(sizes); i++) {
		for (unsigned int count = 1; count <= 4096; count *= 4) {
			ssize_t sz = rte_ring_get_memsize_elem(sizes[i], count);

			EXPECT_GE_INT(sz, (ssize_t)sizeof(struct rte_ring) +
						  (ssize_t)count * sizes[i]);
			EXPECT_EQ_INT(sz % RTE_CACHE_LINE_SIZE, 0);
		}
	}

	for (unsigned int i = 0; i < RTE_DIM(sizes); i++) {
		struct ctx c = { .m = &modes[2], .esize = sizes[i],
				 .esz = (unsigned int)sizes[i],
				 .call = CALL_BULK };
		ssize_t sz = rte_ring_get_memsize_elem(c.esz, 64);
		unsigned int fs, av;

		ASSERT_GT_INT(sz, 0);
		c.r = rte_zmalloc(NULL, (size_t)sz, RTE_CACHE_LINE_SIZE);
		ASSERT_NOT_NULL(c.r);
		EXPECT_EQ_INT(rte_ring_init(c.r, "caller_mem", 64,
					    RING_F_SP_ENQ | RING_F_SC_DEQ), 0);
		EXPECT_EQ_STR(c.r->name, "caller_mem");
		EXPECT_EQ_UINT(rte_ring_get_size(c.r), 64);
		EXPECT_EQ_UINT(rte_ring_get_capacity(c.r), 63);
		EXPECT_TRUE(rte_ring_is_prod_single(c.r));
		EXPECT_TRUE(rte_ring_is_cons_single(c.r));
		/* not in the ring list */
		rte_errno = 0;
		EXPECT_NULL(rte_ring_lookup("caller_mem"));
		EXPECT_EQ_INT(rte_errno, ENOENT);
		/* fill all 63 slots (the storage's last byte is written) */
		EXPECT_EQ_UINT(enq(&c, 63, &fs), 63);
		EXPECT_TRUE(rte_ring_full(c.r));
		EXPECT_EQ_UINT(deq(&c, 40, &av), 40);
		EXPECT_EQ_UINT(enq(&c, 40, &fs), 40);
		EXPECT_EQ_UINT(deq(&c, 63, &av), 63);
		/* rte_ring_free refuses a ring it did not create (it only
		 * logs): the ring is still there and still works */
		rte_ring_free(c.r);
		EXPECT_EQ_UINT(enq(&c, 3, &fs), 3);
		EXPECT_EQ_UINT(deq(&c, 3, &av), 3);
		EXPECT_EQ_STR(c.r->name, "caller_mem");
		/* init again, as an exact-size MP/MC ring of 33 */
		EXPECT_EQ_INT(rte_ring_init(c.r, "again", 33, RING_F_EXACT_SZ),
			      0);
		EXPECT_EQ_UINT(rte_ring_get_size(c.r), 64);
		EXPECT_EQ_UINT(rte_ring_get_capacity(c.r), 33);
		EXPECT_FALSE(rte_ring_is_prod_single(c.r));
		c.m = &modes[1];
		c.deq_seq = c.enq_seq;
		EXPECT_EQ_UINT(enq(&c, 34, &fs), 0);
		EXPECT_EQ_UINT(fs, 33);
		EXPECT_EQ_UINT(enq(&c, 33, &fs), 33);
		EXPECT_EQ_UINT(deq(&c, 33, &av), 33);
		rte_free(c.r);
	}
}

/* Create, lookup, free, reuse of the name; the memzone behind it. */
static void
test_lookup_free(void)
{
	const struct rte_memzone *mz;
	struct rte_ring *a, *b;
	unsigned int zones = test_memzone_count();
	char *dump = NULL;
	size_t dump_len = 0;
	FILE *f;

	a = rte_ring_create("ring_a", 64, SOCKET_ID_ANY, 0);
	b = rte_ring_create_elem("ring_b", 16, 256, SOCKET_ID_ANY,
				 RING_F_SP_ENQ | RING_F_SC_DEQ);
	ASSERT_NOT_NULL(a);
	ASSERT_NOT_NULL(b);
	EXPECT_EQ_UINT(test_memzone_count(), zones + 2);
	EXPECT_EQ_PTR(rte_ring_lookup("ring_a"), a);
	EXPECT_EQ_PTR(rte_ring_lookup("ring_b"), b);
	EXPECT_EQ_STR(a->name, "ring_a");
	EXPECT_EQ_STR(b->name, "ring_b");
	/* the ring lives at the start of memzone RG_<name> */
	mz = rte_memzone_lookup("RG_ring_b");
	ASSERT_NOT_NULL(mz);
	EXPECT_EQ_PTR(mz->addr, b);
	EXPECT_EQ_PTR(b->memzone, mz);
	EXPECT_GE_UINT(mz->len, (size_t)rte_ring_get_memsize_elem(16, 256));
	EXPECT_EQ_UINT((uintptr_t)b % RTE_CACHE_LINE_SIZE, 0);
	/* the ring list and a ring's own dump name them */
	f = open_memstream(&dump, &dump_len);
	ASSERT_NOT_NULL(f);
	rte_ring_dump(f, b);
	fclose(f);
	EXPECT_CONTAINS(dump, "ring_b");
	EXPECT_CONTAINS(dump, "256");   /* size */
	EXPECT_CONTAINS(dump, "255");   /* capacity */
	free(dump);
	dump = NULL;
	f = open_memstream(&dump, &dump_len);
	ASSERT_NOT_NULL(f);
	rte_ring_list_dump(f);
	fclose(f);
	EXPECT_CONTAINS(dump, "ring_a");
	EXPECT_CONTAINS(dump, "ring_b");
	free(dump);

	rte_ring_free(a);
	rte_errno = 0;
	EXPECT_NULL(rte_ring_lookup("ring_a"));
	EXPECT_EQ_INT(rte_errno, ENOENT);
	EXPECT_NULL(rte_memzone_lookup("RG_ring_a"));
	EXPECT_EQ_PTR(rte_ring_lookup("ring_b"), b);
	EXPECT_EQ_UINT(test_memzone_count(), zones + 1);
	/* the name is free again */
	a = rte_ring_create("ring_a", 128, SOCKET_ID_ANY, 0);
	ASSERT_NOT_NULL(a);
	EXPECT_EQ_UINT(rte_ring_get_size(a), 128);
	EXPECT_EQ_PTR(rte_ring_lookup("ring_a"), a);
	f = open_memstream(&dump, &dump_len);
	ASSERT_NOT_NULL(f);
	rte_ring_list_dump(f);
	fclose(f);
	EXPECT_CONTAINS(dump, "ring_a");
	free(dump);
	rte_ring_free(a);
	rte_ring_free(b);
	rte_ring_free(NULL);
	EXPECT_EQ_UINT(test_memzone_count(), zones);
	rte_errno = 0;
	EXPECT_NULL(rte_ring_lookup("ring_b"));
	EXPECT_EQ_INT(rte_errno, ENOENT);
}

/* Sync types by flags, with the single-side queries. */
static void
test_sync_types(void)
{
	static const struct {
		unsigned int flags;
		enum rte_ring_sync_type prod, cons;
	} cases[] = {
		{ 0, RTE_RING_SYNC_MT, RTE_RING_SYNC_MT },
		{ RING_F_SP_ENQ, RTE_RING_SYNC_ST, RTE_RING_SYNC_MT },
		{ RING_F_SC_DEQ, RTE_RING_SYNC_MT, RTE_RING_SYNC_ST },
		{ RING_F_SP_ENQ | RING_F_SC_DEQ, RTE_RING_SYNC_ST,
		  RTE_RING_SYNC_ST },
		{ RING_F_MP_RTS_ENQ, RTE_RING_SYNC_MT_RTS, RTE_RING_SYNC_MT },
		{ RING_F_MC_RTS_DEQ, RTE_RING_SYNC_MT, RTE_RING_SYNC_MT_RTS },
		{ RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ, RTE_RING_SYNC_MT_HTS,
		  RTE_RING_SYNC_MT_HTS },
		{ RING_F_MP_RTS_ENQ | RING_F_MC_HTS_DEQ, RTE_RING_SYNC_MT_RTS,
		  RTE_RING_SYNC_MT_HTS },
		{ RING_F_MP_HTS_ENQ | RING_F_SC_DEQ | RING_F_EXACT_SZ,
		  RTE_RING_SYNC_MT_HTS, RTE_RING_SYNC_ST },
	};

	EXPECT_EQ_INT(RTE_RING_SYNC_MT, 0);
	EXPECT_EQ_INT(RTE_RING_SYNC_ST, 1);
	EXPECT_EQ_INT(RTE_RING_SYNC_MT_RTS, 2);
	EXPECT_EQ_INT(RTE_RING_SYNC_MT_HTS, 3);
	for (unsigned int i = 0; i < RTE_DIM(cases); i++) {
		struct rte_ring *r = rte_ring_create("sync", 64, SOCKET_ID_ANY,
						     cases[i].flags);

		ASSERT_NOT_NULL(r);
		EXPECT_EQ_INT(rte_ring_get_prod_sync_type(r), cases[i].prod);
		EXPECT_EQ_INT(rte_ring_get_cons_sync_type(r), cases[i].cons);
		EXPECT_EQ_INT(rte_ring_is_prod_single(r) != 0,
			      cases[i].prod == RTE_RING_SYNC_ST);
		EXPECT_EQ_INT(rte_ring_is_cons_single(r) != 0,
			      cases[i].cons == RTE_RING_SYNC_ST);
		EXPECT_EQ_UINT(r->flags, cases[i].flags);
		rte_ring_free(r);
	}
}

/* RTS head-tail distance: default capacity/8, settable on RTS sides. */
static void
test_htd_max(void)
{
	struct ctx c = { .m = &modes[4], .esize = 8, .esz = 8,
			 .call = CALL_BULK };
	struct rte_ring *r;
	unsigned int fs, av;

	r = rte_ring_create("rts", 1024, SOCKET_ID_ANY,
			    RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ);
	ASSERT_NOT_NULL(r);
	EXPECT_EQ_UINT(rte_ring_get_prod_htd_max(r), 1023 / 8);
	EXPECT_EQ_UINT(rte_ring_get_cons_htd_max(r), 1023 / 8);
	EXPECT_EQ_INT(rte_ring_set_prod_htd_max(r, 3), 0);
	EXPECT_EQ_INT(rte_ring_set_cons_htd_max(r, 5), 0);
	EXPECT_EQ_UINT(rte_ring_get_prod_htd_max(r), 3);
	EXPECT_EQ_UINT(rte_ring_get_cons_htd_max(r), 5);
	rte_ring_free(r);

	/* a small distance does not stop a lone thread's bulks */
	c.r = rte_ring_create_elem("rts", 8, 256, SOCKET_ID_ANY,
				   RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ |
					   RING_F_EXACT_SZ);
	ASSERT_NOT_NULL(c.r);
	EXPECT_EQ_UINT(rte_ring_get_prod_htd_max(c.r), 256 / 8);
	EXPECT_EQ_INT(rte_ring_set_prod_htd_max(c.r, 1), 0);
	EXPECT_EQ_INT(rte_ring_set_cons_htd_max(c.r, 1), 0);
	for (int i = 0; i < 20; i++) {
		EXPECT_EQ_UINT(enq(&c, 200, &fs), 200);
		EXPECT_EQ_UINT(deq(&c, 200, &av), 200);
	}
	rte_ring_free(c.r);

	/* one RTS side only; the other answers UINT32_MAX / -ENOTSUP */
	r = rte_ring_create("rts", 64, SOCKET_ID_ANY, RING_F_MP_RTS_ENQ);
	ASSERT_NOT_NULL(r);
	EXPECT_EQ_UINT(rte_ring_get_prod_htd_max(r), 63 / 8);
	EXPECT_EQ_UINT(rte_ring_get_cons_htd_max(r), UINT32_MAX);
	EXPECT_EQ_INT(rte_ring_set_cons_htd_max(r, 3), -ENOTSUP);
	rte_ring_free(r);
	r = rte_ring_create("rts", 64, SOCKET_ID_ANY,
			    RING_F_SP_ENQ | RING_F_MC_RTS_DEQ);
	ASSERT_NOT_NULL(r);
	EXPECT_EQ_UINT(rte_ring_get_prod_htd_max(r), UINT32_MAX);
	EXPECT_EQ_UINT(rte_ring_get_cons_htd_max(r), 63 / 8);
	EXPECT_EQ_INT(rte_ring_set_prod_htd_max(r, 3), -ENOTSUP);
	rte_ring_free(r);
	/* and no RTS side at all: MT, ST, HTS */
	static const unsigned int others[] = {
		0, RING_F_SP_ENQ | RING_F_SC_DEQ,
		RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ,
	};
	for (unsigned int i = 0; i < RTE_DIM(others); i++) {
		r = rte_ring_create("nonrts", 64, SOCKET_ID_ANY, others[i]);
		ASSERT_NOT_NULL(r);
		EXPECT_EQ_UINT(rte_ring_get_prod_htd_max(r), UINT32_MAX);
		EXPECT_EQ_UINT(rte_ring_get_cons_htd_max(r), UINT32_MAX);
		EXPECT_EQ_INT(rte_ring_set_prod_htd_max(r, 3), -ENOTSUP);
		EXPECT_EQ_INT(rte_ring_set_cons_htd_max(r, 3), -ENOTSUP);
		EXPECT_EQ_UINT(rte_ring_get_prod_htd_max(r), UINT32_MAX);
		rte_ring_free(r);
	}
}

int
main(void)
{
	ASSERT_GE_INT(test_eal_init("-l 0 --in-memory"), 0);
	test_matrix();
	test_model();
	test_exact_size();
	test_peek();
	test_zc_split();
	test_init_caller_memory();
	test_lookup_free();
	test_sync_types();
	test_htd_max();
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}
