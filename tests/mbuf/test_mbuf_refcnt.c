/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: reference counts and the lifecycles of clones, indirect
 * mbufs and external buffers: every buffer goes back exactly when its
 * last reference goes, checked with avail_count at each step.
 *
 *   - rte_mbuf_refcnt_read/set/update (update returns the new value);
 *     an mbuf with refcnt 3 needs three frees, only the last returns it;
 *     rte_pktmbuf_refcnt_update on a chain changes every segment;
 *     rte_pktmbuf_prefree_seg (NULL while references remain, then the
 *     mbuf, which rte_mbuf_raw_free returns); raw_alloc/raw_free;
 *   - clone: RTE_MBUF_CLONED, the RTE_MBUF_F_INDIRECT flag, not
 *     RTE_MBUF_DIRECT; the direct mbuf's refcnt goes up, the data is
 *     shared (mtod equal, a write through one shows through the other),
 *     rte_mbuf_from_indirect gives the direct mbuf, header fields copied;
 *     freeing clone and original in both orders returns the direct mbuf
 *     with the last reference; a clone of a clone refers to the direct
 *     mbuf (refcnt 3) and all six free orders of the three are checked;
 *     a clone of a 3-segment chain (each segment's refcnt 2); a clone
 *     from an empty pool, or one that runs out half-way through a chain,
 *     is NULL and leaves every refcnt and count as it was;
 *   - attach/detach (DPDK's test_attach_from_different_pool): an mbuf of
 *     a pool with priv 128 and data room 0 has headroom 0 and its data
 *     at m + 256; attached, it shows the other mbuf's data and headroom,
 *     its priv_size follows; detached, everything is restored; detaching
 *     the last reference returns the direct mbuf (and not the detached
 *     one); attaching to an indirect mbuf attaches to its direct one;
 *   - external buffers: rte_pktmbuf_ext_shinfo_init_helper puts the
 *     shinfo at the (aligned) end and shrinks buf_len, ext refcnt 1; a
 *     buffer too small for it gives NULL; attach_extbuf sets buf_addr,
 *     iova, buf_len, data_off 0, ol_flags RTE_MBUF_F_EXTERNAL, shinfo;
 *     the free callback runs exactly once, with the buffer and opaque,
 *     when the last reference goes: after a plain free, after detach,
 *     with one and two clones freed in every order; the mbufs themselves
 *     go back to their pools at once; ext_refcnt_read/set/update;
 *   - DPDK's test_nb_segs_and_next_reset: a pool of 3, chains split and
 *     freed, raw allocs give nb_segs 1 and next NULL.
 *
 * The logic of this test was checked against DPDK 22.11 (build with
 * -DMBUF_TEST_DPDK): it passes there.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "mbuf_test.h"

#define HR RTE_PKTMBUF_HEADROOM
#define N_POOL 32

static struct rte_mempool *pool, *cpool, *pool2;

/* avail counts of the three pools. */
static void
expect_counts(int line, unsigned int p, unsigned int c, unsigned int p2)
{
	unsigned int before = failures();

	EXPECT_AVAIL(pool, p);
	EXPECT_AVAIL(cpool, c);
	EXPECT_AVAIL(pool2, p2);
	if (failures() != before)
		printf("^^^ counts checked at line %d\n", line);
}
#define COUNTS(p, c, p2) expect_counts(__LINE__, p, c, p2)

static struct rte_mbuf *
alloc_data(struct rte_mempool *mp, uint16_t len, uint32_t seed)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	char *p;

	ASSERT_NOT_NULL(m);
	p = rte_pktmbuf_append(m, len);
	ASSERT_NOT_NULL(p);
	mb_fill(p, len, seed, 0);
	return m;
}

static void
test_refcnt_basic(void)
{
	unsigned int before = failures();
	static const uint16_t l[] = { 10, 20, 30 };
	struct rte_mbuf *m, *h, *r;

	m = rte_pktmbuf_alloc(pool);
	ASSERT_NOT_NULL(m);
	COUNTS(N_POOL - 1, N_POOL, N_POOL);
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m), 1);
	EXPECT_EQ_UINT(rte_mbuf_refcnt_update(m, 1), 2);
	EXPECT_EQ_UINT(rte_mbuf_refcnt_update(m, 3), 5);
	EXPECT_EQ_UINT(rte_mbuf_refcnt_update(m, -4), 1);
	rte_mbuf_refcnt_set(m, 7);
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m), 7);
	rte_mbuf_refcnt_set(m, 3);
	/* three frees, the last one returns it */
	rte_pktmbuf_free(m);
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m), 2);
	COUNTS(N_POOL - 1, N_POOL, N_POOL);
	rte_pktmbuf_free_seg(m);
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m), 1);
	COUNTS(N_POOL - 1, N_POOL, N_POOL);
	rte_pktmbuf_free(m);
	COUNTS(N_POOL, N_POOL, N_POOL);

	/* prefree_seg: NULL while references remain */
	m = rte_pktmbuf_alloc(pool);
	ASSERT_NOT_NULL(m);
	rte_mbuf_refcnt_update(m, 1);
	EXPECT_NULL(rte_pktmbuf_prefree_seg(m));
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m), 1);
	r = rte_pktmbuf_prefree_seg(m);
	EXPECT_EQ_PTR(r, m);
	EXPECT_EQ_UINT(m->nb_segs, 1);
	EXPECT_NULL(m->next);
	COUNTS(N_POOL - 1, N_POOL, N_POOL);
	if (r != NULL)
		rte_mbuf_raw_free(r);
	COUNTS(N_POOL, N_POOL, N_POOL);

	/* raw alloc and free */
	m = rte_mbuf_raw_alloc(pool);
	ASSERT_NOT_NULL(m);
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m), 1);
	EXPECT_EQ_UINT(m->nb_segs, 1);
	EXPECT_NULL(m->next);
	COUNTS(N_POOL - 1, N_POOL, N_POOL);
	rte_mbuf_raw_free(m);
	COUNTS(N_POOL, N_POOL, N_POOL);

	/* a chain: refcnt_update on every segment */
	h = mb_make_chain(pool, 3, l, 1);
	ASSERT_NOT_NULL(h);
	rte_pktmbuf_refcnt_update(h, 2);
	for (struct rte_mbuf *x = h; x; x = x->next)
		EXPECT_EQ_UINT(rte_mbuf_refcnt_read(x), 3);
	rte_pktmbuf_refcnt_update(h, -1);
	for (struct rte_mbuf *x = h; x; x = x->next)
		EXPECT_EQ_UINT(rte_mbuf_refcnt_read(x), 2);
	rte_pktmbuf_free(h);
	COUNTS(N_POOL - 3, N_POOL, N_POOL);
	EXPECT_EQ_UINT(h->nb_segs, 3);
	for (struct rte_mbuf *x = h; x; x = x->next)
		EXPECT_EQ_UINT(rte_mbuf_refcnt_read(x), 1);
	EXPECT_TRUE(mb_pkt_check(h, 0, 60, 1, 0));
	rte_pktmbuf_free(h);
	COUNTS(N_POOL, N_POOL, N_POOL);
	MB_PART_END(before, "refcnt basics");
}

static void
expect_clone_of(struct rte_mbuf *c, struct rte_mbuf *m)
{
	EXPECT_TRUE(RTE_MBUF_CLONED(c));
	EXPECT_TRUE((c->ol_flags & RTE_MBUF_F_INDIRECT) != 0);
	EXPECT_FALSE(RTE_MBUF_DIRECT(c));
	EXPECT_FALSE(RTE_MBUF_HAS_EXTBUF(c));
	EXPECT_EQ_PTR(rte_mbuf_from_indirect(c), m);
	EXPECT_EQ_PTR(c->buf_addr, m->buf_addr);
	EXPECT_EQ_UINT(c->buf_len, m->buf_len);
	EXPECT_EQ_UINT(rte_mbuf_iova_get(c), rte_mbuf_iova_get(m));
	EXPECT_EQ_PTR(rte_pktmbuf_mtod(c, char *), rte_pktmbuf_mtod(m, char *));
	EXPECT_EQ_UINT(c->data_len, m->data_len);
	EXPECT_EQ_UINT(c->priv_size, m->priv_size);
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(c), 1);
	EXPECT_EQ_INT(rte_mbuf_check(c, 0, NULL), 0);
}

static void
test_clone(void)
{
	static const uint16_t l[] = { 100, 200, 300 };
	unsigned int before = failures();
	struct rte_mbuf *m, *c, *c2, *held[N_POOL];
	unsigned int k;

	/* clone, free the original first */
	m = alloc_data(pool, 500, 2);
	m->port = 5;
	m->vlan_tci = 9;
	m->packet_type = RTE_PTYPE_L2_ETHER;
	m->hash.rss = 77;
	m->ol_flags = RTE_MBUF_F_RX_RSS_HASH;
	EXPECT_TRUE(RTE_MBUF_DIRECT(m));
	c = rte_pktmbuf_clone(m, cpool);
	ASSERT_NOT_NULL(c);
	EXPECT_NE_PTR(c, m);
	EXPECT_EQ_PTR(c->pool, cpool);
	expect_clone_of(c, m);
	EXPECT_TRUE(RTE_MBUF_DIRECT(m));
	EXPECT_FALSE(RTE_MBUF_CLONED(m));
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m), 2);
	EXPECT_EQ_UINT(c->pkt_len, 500);
	EXPECT_EQ_UINT(c->nb_segs, 1);
	EXPECT_EQ_UINT(c->port, 5);
	EXPECT_EQ_UINT(c->vlan_tci, 9);
	EXPECT_EQ_UINT(c->packet_type, RTE_PTYPE_L2_ETHER);
	EXPECT_EQ_UINT(c->hash.rss, 77);
	EXPECT_EQ_UINT(c->ol_flags, RTE_MBUF_F_RX_RSS_HASH |
		       RTE_MBUF_F_INDIRECT);
	/* shared data */
	EXPECT_TRUE(mb_pkt_check(c, 0, 500, 2, 0));
	rte_pktmbuf_mtod(m, uint8_t *)[3] ^= 0x5a;
	EXPECT_EQ_UINT(rte_pktmbuf_mtod(c, uint8_t *)[3],
		       mb_pat(2, 3) ^ 0x5a);
	rte_pktmbuf_mtod(m, uint8_t *)[3] ^= 0x5a;
	COUNTS(N_POOL - 1, N_POOL - 1, N_POOL);
	rte_pktmbuf_free(m);
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m), 1);
	COUNTS(N_POOL - 1, N_POOL - 1, N_POOL);
	EXPECT_TRUE(mb_pkt_check(c, 0, 500, 2, 0));
	rte_pktmbuf_free(c);
	COUNTS(N_POOL, N_POOL, N_POOL);

	/* clone, free the clone first */
	m = alloc_data(pool, 50, 3);
	c = rte_pktmbuf_clone(m, cpool);
	ASSERT_NOT_NULL(c);
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m), 2);
	rte_pktmbuf_free(c);
	COUNTS(N_POOL - 1, N_POOL, N_POOL);
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m), 1);
	EXPECT_TRUE(mb_pkt_check(m, 0, 50, 3, 0));
	rte_pktmbuf_free(m);
	COUNTS(N_POOL, N_POOL, N_POOL);

	/* a clone of the clone: all six orders of freeing the three */
	for (unsigned int order = 0; order < 6; order++) {
		static const unsigned char perm[6][3] = {
			{ 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 },
			{ 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 },
		};
		struct rte_mbuf *t[3];
		unsigned int pb = failures();

		m = alloc_data(pool, 64, 4);
		c = rte_pktmbuf_clone(m, cpool);
		ASSERT_NOT_NULL(c);
		c2 = rte_pktmbuf_clone(c, cpool);
		ASSERT_NOT_NULL(c2);
		expect_clone_of(c2, m);
		EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m), 3);
		EXPECT_EQ_UINT(rte_mbuf_refcnt_read(c), 1);
		COUNTS(N_POOL - 1, N_POOL - 2, N_POOL);
		t[0] = m;
		t[1] = c;
		t[2] = c2;
		for (unsigned int i = 0; i < 3; i++) {
			struct rte_mbuf *x = t[perm[order][i]];
			unsigned int clones_freed = 0;

			rte_pktmbuf_free(x);
			for (unsigned int j = 0; j <= i; j++)
				clones_freed += perm[order][j] != 0;
			COUNTS(N_POOL - (i < 2), N_POOL - 2 + clones_freed,
			       N_POOL);
			if (i < 2)
				EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m), 2 - i);
		}
		MB_PART_END(pb, "free order %u%u%u", perm[order][0],
			    perm[order][1], perm[order][2]);
	}

	/* a clone of a chain */
	m = mb_make_chain(pool, 3, l, 5);
	ASSERT_NOT_NULL(m);
	c = rte_pktmbuf_clone(m, cpool);
	ASSERT_NOT_NULL(c);
	EXPECT_EQ_UINT(c->nb_segs, 3);
	EXPECT_EQ_UINT(c->pkt_len, 600);
	EXPECT_EQ_UINT(mb_count_segs(c), 3);
	for (struct rte_mbuf *x = m, *y = c; x && y; x = x->next, y = y->next) {
		expect_clone_of(y, x);
		EXPECT_EQ_UINT(rte_mbuf_refcnt_read(x), 2);
	}
	EXPECT_TRUE(mb_pkt_check(c, 0, 600, 5, 0));
	COUNTS(N_POOL - 3, N_POOL - 3, N_POOL);
	rte_pktmbuf_free(m);
	COUNTS(N_POOL - 3, N_POOL - 3, N_POOL);
	EXPECT_TRUE(mb_pkt_check(c, 0, 600, 5, 0));
	rte_pktmbuf_free(c);
	COUNTS(N_POOL, N_POOL, N_POOL);

	/* the clone pool runs out: at once, and half-way through a chain */
	m = mb_make_chain(pool, 3, l, 6);
	ASSERT_NOT_NULL(m);
	for (k = 0; k < N_POOL; k++)
		held[k] = rte_pktmbuf_alloc(cpool);
	COUNTS(N_POOL - 3, 0, N_POOL);
	EXPECT_NULL(rte_pktmbuf_clone(m, cpool));
	COUNTS(N_POOL - 3, 0, N_POOL);
	for (struct rte_mbuf *x = m; x; x = x->next)
		EXPECT_EQ_UINT(rte_mbuf_refcnt_read(x), 1);
	rte_pktmbuf_free_bulk(held, 2);
	COUNTS(N_POOL - 3, 2, N_POOL);
	EXPECT_NULL(rte_pktmbuf_clone(m, cpool));
	COUNTS(N_POOL - 3, 2, N_POOL);
	for (struct rte_mbuf *x = m; x; x = x->next)
		EXPECT_EQ_UINT(rte_mbuf_refcnt_read(x), 1);
	rte_pktmbuf_free_bulk(&held[2], N_POOL - 2);
	rte_pktmbuf_free(m);
	COUNTS(N_POOL, N_POOL, N_POOL);
	MB_PART_END(before, "clone");
}

static void
test_attach(void)
{
	unsigned int before = failures();
	struct rte_mbuf *m, *mi, *mi2, *c;
	char *own;

	m = alloc_data(pool, 200, 7);
	mi = rte_pktmbuf_alloc(pool2);
	ASSERT_NOT_NULL(mi);
	/* pool2: priv 128, data room 0 */
	EXPECT_EQ_UINT(mi->priv_size, 128);
	EXPECT_EQ_UINT(rte_pktmbuf_headroom(mi), 0);
	EXPECT_EQ_UINT(rte_pktmbuf_tailroom(mi), 0);
	own = (char *)mi + sizeof(struct rte_mbuf) + 128;
	EXPECT_EQ_PTR(rte_pktmbuf_mtod(mi, char *), own);
	EXPECT_EQ_PTR(mi->buf_addr, own);

	rte_pktmbuf_attach(mi, m);
	EXPECT_EQ_PTR(rte_pktmbuf_mtod(mi, char *),
		      rte_pktmbuf_mtod(m, char *));
	EXPECT_EQ_UINT(rte_pktmbuf_headroom(mi), HR);
	EXPECT_EQ_UINT(mi->priv_size, 0);
	EXPECT_EQ_UINT(mi->pkt_len, 200);
	expect_clone_of(mi, m);
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m), 2);
	EXPECT_TRUE(mb_pkt_check(mi, 0, 200, 7, 0));

	/* attaching to an indirect mbuf attaches to its direct one */
	mi2 = rte_pktmbuf_alloc(pool2);
	ASSERT_NOT_NULL(mi2);
	rte_pktmbuf_attach(mi2, mi);
	expect_clone_of(mi2, m);
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m), 3);
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(mi), 1);
	rte_pktmbuf_detach(mi2);
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m), 2);
	EXPECT_TRUE(RTE_MBUF_DIRECT(mi2));

	/* detach: everything restored */
	rte_pktmbuf_detach(mi);
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m), 1);
	EXPECT_TRUE(RTE_MBUF_DIRECT(mi));
	EXPECT_EQ_UINT(mi->ol_flags, 0);
	EXPECT_EQ_UINT(mi->priv_size, 128);
	EXPECT_EQ_PTR(mi->buf_addr, own);
	EXPECT_EQ_UINT(mi->buf_len, 0);
	EXPECT_EQ_UINT(mi->data_len, 0);
	EXPECT_EQ_UINT(rte_pktmbuf_headroom(mi), 0);
	EXPECT_EQ_PTR(rte_pktmbuf_mtod(mi, char *), own);
	EXPECT_EQ_UINT(rte_mbuf_iova_get(mi),
		       rte_mempool_virt2iova(mi) + sizeof(struct rte_mbuf) +
		       128);
	COUNTS(N_POOL - 1, N_POOL, N_POOL - 2);

	/* detaching the last reference returns the direct mbuf */
	rte_pktmbuf_attach(mi, m);
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m), 2);
	rte_pktmbuf_free(m);
	COUNTS(N_POOL - 1, N_POOL, N_POOL - 2);
	EXPECT_TRUE(mb_pkt_check(mi, 0, 200, 7, 0));
	rte_pktmbuf_detach(mi);
	COUNTS(N_POOL, N_POOL, N_POOL - 2);
	EXPECT_TRUE(RTE_MBUF_DIRECT(mi));
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(mi), 1);

	/* attach to a clone made by rte_pktmbuf_clone, then free all */
	m = alloc_data(pool, 30, 8);
	c = rte_pktmbuf_clone(m, cpool);
	ASSERT_NOT_NULL(c);
	rte_pktmbuf_attach(mi, c);
	expect_clone_of(mi, m);
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m), 3);
	rte_pktmbuf_free(c);
	rte_pktmbuf_free(m);
	COUNTS(N_POOL - 1, N_POOL, N_POOL - 2);
	rte_pktmbuf_free(mi); /* the last reference: m goes back too */
	COUNTS(N_POOL, N_POOL, N_POOL - 1);
	rte_pktmbuf_free(mi2);
	COUNTS(N_POOL, N_POOL, N_POOL);
	MB_PART_END(before, "attach/detach");
}

/* ---- external buffers */

struct ext_cb_state {
	unsigned int calls;
	void *addr;
	void *opaque_seen;
};

static void
ext_free_cb(void *addr, void *opaque)
{
	struct ext_cb_state *s = opaque;

	s->calls++;
	s->addr = addr;
	s->opaque_seen = opaque;
}

#define EXT_LEN 2048

/* An mbuf with an external buffer of EXT_LEN (shinfo at its end) holding
 * len bytes of pattern seed. */
static struct rte_mbuf *
ext_mbuf(void *buf, struct ext_cb_state *st, uint16_t len, uint32_t seed)
{
	struct rte_mbuf_ext_shared_info *shinfo;
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
	uint16_t blen = EXT_LEN;
	char *p;

	ASSERT_NOT_NULL(m);
	memset(st, 0, sizeof(*st));
	shinfo = rte_pktmbuf_ext_shinfo_init_helper(buf, &blen, ext_free_cb,
						    st);
	ASSERT_NOT_NULL(shinfo);
	EXPECT_EQ_UINT(blen, (uintptr_t)shinfo - (uintptr_t)buf);
	EXPECT_LE_UINT((uintptr_t)shinfo + sizeof(*shinfo),
		       (uintptr_t)buf + EXT_LEN);
	EXPECT_GT_UINT((uintptr_t)shinfo + sizeof(*shinfo) + sizeof(void *),
		       (uintptr_t)buf + EXT_LEN);
	EXPECT_EQ_UINT((uintptr_t)shinfo % sizeof(uintptr_t), 0);
	EXPECT_EQ_UINT(rte_mbuf_ext_refcnt_read(shinfo), 1);
	EXPECT_TRUE(shinfo->free_cb == ext_free_cb);
	EXPECT_EQ_PTR(shinfo->fcb_opaque, st);

	rte_pktmbuf_attach_extbuf(m, buf, 0x100000, blen, shinfo);
	EXPECT_EQ_UINT(m->ol_flags, RTE_MBUF_F_EXTERNAL);
	EXPECT_TRUE(RTE_MBUF_HAS_EXTBUF(m));
	EXPECT_FALSE(RTE_MBUF_DIRECT(m));
	EXPECT_FALSE(RTE_MBUF_CLONED(m));
	EXPECT_EQ_PTR(m->buf_addr, buf);
	EXPECT_EQ_UINT(rte_mbuf_iova_get(m), 0x100000);
	EXPECT_EQ_UINT(m->buf_len, blen);
	EXPECT_EQ_UINT(m->data_off, 0);
	EXPECT_EQ_UINT(m->data_len, 0);
	EXPECT_EQ_PTR(m->shinfo, shinfo);
	rte_pktmbuf_reset_headroom(m);
	EXPECT_EQ_UINT(rte_pktmbuf_headroom(m), HR);
	p = rte_pktmbuf_append(m, len);
	ASSERT_NOT_NULL(p);
	EXPECT_EQ_PTR(p, (char *)buf + HR);
	mb_fill(p, len, seed, 0);
	EXPECT_EQ_UINT(rte_pktmbuf_iova(m), 0x100000 + HR);
	return m;
}

static void
expect_cb(int line, const struct ext_cb_state *st, unsigned int calls,
	  void *buf)
{
	unsigned int before = failures();

	EXPECT_EQ_UINT(st->calls, calls);
	if (calls > 0) {
		EXPECT_EQ_PTR(st->addr, buf);
		EXPECT_EQ_PTR(st->opaque_seen, st);
	}
	if (failures() != before)
		printf("^^^ callback checked at line %d\n", line);
}
#define CB(st, calls, buf) expect_cb(__LINE__, st, calls, buf)

static void
test_extbuf(void)
{
	unsigned int before = failures();
	struct rte_mbuf_ext_shared_info *shinfo;
	struct ext_cb_state st;
	struct rte_mbuf *m, *c, *c2;
	uint16_t blen;
	void *buf = aligned_alloc(64, EXT_LEN);

	ASSERT_NOT_NULL(buf);

	/* too small for the shinfo */
	blen = sizeof(struct rte_mbuf_ext_shared_info);
	EXPECT_NULL(rte_pktmbuf_ext_shinfo_init_helper(buf, &blen,
						       ext_free_cb, &st));
	EXPECT_EQ_UINT(blen, sizeof(struct rte_mbuf_ext_shared_info));

	/* one reference: a plain free runs the callback once */
	m = ext_mbuf(buf, &st, 100, 1);
	COUNTS(N_POOL - 1, N_POOL, N_POOL);
	CB(&st, 0, buf);
	rte_pktmbuf_free(m);
	CB(&st, 1, buf);
	COUNTS(N_POOL, N_POOL, N_POOL);

	/* detach runs it and gives the mbuf its own buffer back */
	m = ext_mbuf(buf, &st, 100, 1);
	rte_pktmbuf_detach_extbuf(m);
	CB(&st, 1, buf);
	EXPECT_TRUE(RTE_MBUF_DIRECT(m));
	EXPECT_EQ_UINT(m->ol_flags, 0);
	EXPECT_EQ_PTR(m->buf_addr, (char *)m + sizeof(*m) + m->priv_size);
	EXPECT_EQ_UINT(m->buf_len, rte_pktmbuf_data_room_size(pool));
	EXPECT_EQ_UINT(rte_pktmbuf_headroom(m), HR);
	EXPECT_EQ_UINT(m->data_len, 0);
	rte_pktmbuf_free(m);
	CB(&st, 1, buf);
	COUNTS(N_POOL, N_POOL, N_POOL);

	/* a clone: ext refcnt 2; original freed first */
	m = ext_mbuf(buf, &st, 300, 2);
	shinfo = m->shinfo;
	c = rte_pktmbuf_clone(m, cpool);
	ASSERT_NOT_NULL(c);
	EXPECT_EQ_UINT(rte_mbuf_ext_refcnt_read(shinfo), 2);
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m), 1);
	EXPECT_EQ_UINT(c->ol_flags, RTE_MBUF_F_EXTERNAL);
	EXPECT_FALSE(RTE_MBUF_CLONED(c));
	EXPECT_EQ_PTR(c->shinfo, shinfo);
	EXPECT_EQ_PTR(c->buf_addr, buf);
	EXPECT_EQ_PTR(rte_pktmbuf_mtod(c, char *), rte_pktmbuf_mtod(m, char *));
	EXPECT_TRUE(mb_pkt_check(c, 0, 300, 2, 0));
	COUNTS(N_POOL - 1, N_POOL - 1, N_POOL);
	rte_pktmbuf_free(m);
	CB(&st, 0, buf);
	EXPECT_EQ_UINT(rte_mbuf_ext_refcnt_read(shinfo), 1);
	COUNTS(N_POOL, N_POOL - 1, N_POOL); /* the mbuf itself went back */
	EXPECT_TRUE(mb_pkt_check(c, 0, 300, 2, 0));
	rte_pktmbuf_free(c);
	CB(&st, 1, buf);
	COUNTS(N_POOL, N_POOL, N_POOL);

	/* a clone; the clone freed first */
	m = ext_mbuf(buf, &st, 300, 3);
	shinfo = m->shinfo;
	c = rte_pktmbuf_clone(m, cpool);
	ASSERT_NOT_NULL(c);
	rte_pktmbuf_free(c);
	CB(&st, 0, buf);
	EXPECT_EQ_UINT(rte_mbuf_ext_refcnt_read(shinfo), 1);
	COUNTS(N_POOL - 1, N_POOL, N_POOL);
	rte_pktmbuf_free(m);
	CB(&st, 1, buf);
	COUNTS(N_POOL, N_POOL, N_POOL);

	/* two clones (one of the other), all six orders */
	for (unsigned int order = 0; order < 6; order++) {
		static const unsigned char perm[6][3] = {
			{ 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 },
			{ 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 },
		};
		struct rte_mbuf *t[3];
		unsigned int pb = failures();

		m = ext_mbuf(buf, &st, 64, 4);
		shinfo = m->shinfo;
		c = rte_pktmbuf_clone(m, cpool);
		ASSERT_NOT_NULL(c);
		c2 = rte_pktmbuf_clone(c, cpool);
		ASSERT_NOT_NULL(c2);
		EXPECT_EQ_PTR(c2->shinfo, shinfo);
		EXPECT_EQ_UINT(rte_mbuf_ext_refcnt_read(shinfo), 3);
		t[0] = m;
		t[1] = c;
		t[2] = c2;
		for (unsigned int i = 0; i < 3; i++) {
			rte_pktmbuf_free(t[perm[order][i]]);
			CB(&st, i == 2, buf);
			if (i < 2)
				EXPECT_EQ_UINT(rte_mbuf_ext_refcnt_read(shinfo),
					       2 - i);
		}
		COUNTS(N_POOL, N_POOL, N_POOL);
		MB_PART_END(pb, "extbuf free order %u%u%u", perm[order][0],
			    perm[order][1], perm[order][2]);
	}

	/* attach (not clone) to an mbuf with an external buffer */
	m = ext_mbuf(buf, &st, 10, 5);
	shinfo = m->shinfo;
	c = rte_pktmbuf_alloc(pool2);
	ASSERT_NOT_NULL(c);
	rte_pktmbuf_attach(c, m);
	EXPECT_EQ_UINT(rte_mbuf_ext_refcnt_read(shinfo), 2);
	EXPECT_EQ_UINT(c->ol_flags, RTE_MBUF_F_EXTERNAL);
	EXPECT_EQ_PTR(c->shinfo, shinfo);
	rte_pktmbuf_detach(c);
	CB(&st, 0, buf);
	EXPECT_EQ_UINT(rte_mbuf_ext_refcnt_read(shinfo), 1);
	EXPECT_TRUE(RTE_MBUF_DIRECT(c));
	EXPECT_EQ_UINT(c->priv_size, 128);
	rte_pktmbuf_free(c);
	/* ext refcnt update/set */
	EXPECT_EQ_UINT(rte_mbuf_ext_refcnt_update(shinfo, 2), 3);
	EXPECT_EQ_UINT(rte_mbuf_ext_refcnt_update(shinfo, -2), 1);
	rte_mbuf_ext_refcnt_set(shinfo, 2);
	EXPECT_EQ_UINT(rte_mbuf_ext_refcnt_read(shinfo), 2);
	rte_pktmbuf_free(m); /* 2 -> 1: no callback */
	CB(&st, 0, buf);
	COUNTS(N_POOL, N_POOL, N_POOL);
	EXPECT_EQ_UINT(rte_mbuf_ext_refcnt_read(shinfo), 1);
	free(buf);
	MB_PART_END(before, "external buffers");
}

/* DPDK's test_nb_segs_and_next_reset. */
static void
test_nb_segs_and_next_reset(void)
{
	unsigned int before = failures();
	struct rte_mempool *p3;
	struct rte_mbuf *m0, *m1, *m2;

	p3 = rte_pktmbuf_pool_create("mb_p3", 3, 0, 0, 256, SOCKET_ID_ANY);
	ASSERT_NOT_NULL(p3);
	m0 = rte_pktmbuf_alloc(p3);
	m1 = rte_pktmbuf_alloc(p3);
	m2 = rte_pktmbuf_alloc(p3);
	ASSERT_NOT_NULL(m0);
	ASSERT_NOT_NULL(m1);
	ASSERT_NOT_NULL(m2);
	EXPECT_NOT_NULL(rte_pktmbuf_append(m0, 50));
	EXPECT_NOT_NULL(rte_pktmbuf_append(m1, 50));
	EXPECT_NOT_NULL(rte_pktmbuf_append(m2, 50));
	EXPECT_EQ_INT(rte_pktmbuf_chain(m0, m1), 0);
	EXPECT_EQ_INT(rte_pktmbuf_chain(m0, m2), 0);
	EXPECT_EQ_UINT(m0->nb_segs, 3);
	/* split: m0 alone, m1 -> m2 */
	m0->next = NULL;
	m0->nb_segs = 1;
	m0->pkt_len = m0->data_len;
	m1->nb_segs = 2;
	m1->pkt_len = m1->data_len + m2->data_len;
	rte_pktmbuf_free(m0);
	rte_pktmbuf_free(m1);
	EXPECT_AVAIL(p3, 3);
	m0 = rte_mbuf_raw_alloc(p3);
	m1 = rte_mbuf_raw_alloc(p3);
	m2 = rte_mbuf_raw_alloc(p3);
	ASSERT_NOT_NULL(m0);
	ASSERT_NOT_NULL(m1);
	ASSERT_NOT_NULL(m2);
	for (struct rte_mbuf **x = (struct rte_mbuf *[]){ m0, m1, m2, NULL };
	     *x; x++) {
		EXPECT_EQ_UINT((*x)->nb_segs, 1);
		EXPECT_NULL((*x)->next);
		EXPECT_EQ_UINT(rte_mbuf_refcnt_read(*x), 1);
	}
	rte_mbuf_raw_free(m0);
	rte_mbuf_raw_free(m1);
	rte_mbuf_raw_free(m2);
	EXPECT_AVAIL(p3, 3);
	rte_mempool_audit(p3);
	rte_mempool_free(p3);
	MB_PART_END(before, "nb_segs and next reset");
}

int
main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	ASSERT_GE_INT(test_eal_init(MBUF_EAL_ARGS), 0);
	pool = rte_pktmbuf_pool_create("mb_ref", N_POOL, 0, 0,
				       RTE_MBUF_DEFAULT_BUF_SIZE,
				       SOCKET_ID_ANY);
	cpool = rte_pktmbuf_pool_create("mb_ref_clone", N_POOL, 0, 0, 0,
					SOCKET_ID_ANY);
	pool2 = rte_pktmbuf_pool_create("mb_ref_pool2", N_POOL, 0, 128, 0,
					SOCKET_ID_ANY);
	ASSERT_NOT_NULL(pool);
	ASSERT_NOT_NULL(cpool);
	ASSERT_NOT_NULL(pool2);
	test_refcnt_basic();
	test_clone();
	test_attach();
	test_extbuf();
	test_nb_segs_and_next_reset();
	COUNTS(N_POOL, N_POOL, N_POOL);
	rte_mempool_audit(pool);
	rte_mempool_audit(cpool);
	rte_mempool_audit(pool2);
	/* every mbuf is back, each with refcnt 1 (as DPDK) */
	EXPECT_EQ_UINT(mb_refcnt_census(pool).one, N_POOL);
	EXPECT_EQ_UINT(mb_refcnt_census(cpool).one, N_POOL);
	EXPECT_EQ_UINT(mb_refcnt_census(pool2).one, N_POOL);
	rte_mempool_free(pool);
	rte_mempool_free(cpool);
	rte_mempool_free(pool2);
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}
