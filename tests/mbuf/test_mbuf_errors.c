/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: rte_mbuf's answers to bad input, and that a refused call
 * modifies nothing (the 128-byte header of every mbuf involved and its
 * data compared before and after, pool counts unchanged).
 *
 * Pools: rte_pktmbuf_pool_create / _by_ops return NULL with rte_errno
 *   EINVAL        priv_size not a multiple of RTE_MBUF_PRIV_ALIGN (1, 4,
 *                 7, 9, 65535; DPDK logs one line);
 *                 n == 0; cache_size > RTE_MEMPOOL_CACHE_MAX_SIZE; a
 *                 cache larger than the pool;
 *   ENAMETOOLONG  a name of RTE_MEMPOOL_NAMESIZE (26) characters or
 *                 more (25 is accepted);
 *   EEXIST        a name in use; the first pool still works;
 *   (NULL)        unknown ops name (rtmem: EINVAL; DPDK 22.11 sets
 *                 EINVAL and then loses it to the cleanup's ENOENT);
 * and after each refusal no pool and no memzone is left and the name can
 * be used. rtmem logs exactly one line for each refusal, naming the pool
 * (DPDK: one line for priv_size, none for most others). The data room
 * and private size are uint16_t, so their sum cannot overflow the 16-bit
 * buf_len: the largest (65535, 65528) is a valid pool (DPDK accepts it)
 * whose whole tailroom is usable.
 *
 * Data: append beyond the tailroom of the last segment (1 byte, 65535),
 *   prepend beyond the headroom, adj beyond the first segment's data_len
 *   (even when the packet is longer), trim beyond the last segment's,
 *   chain past RTE_MBUF_MAX_NB_SEGS (-EOVERFLOW), linearize into a first
 *   segment too small (-1), read and copy beyond pkt_len (NULL, nothing
 *   taken), alloc_bulk of more than is left (nothing taken), a clone from
 *   an empty pool, ext_shinfo_init_helper on a buffer too small (NULL,
 *   buf_len unchanged): each returns DPDK's result and changes nothing.
 *
 * Attach (rtmem only; DPDK asserts in debug builds and in others
 *   overwrites the mbuf, leaking its reference to the buffer it was
 *   attached to, so its direct mbuf never goes back / its external
 *   buffer's callback never runs): rte_pktmbuf_attach whose mi is
 *   already indirect, or has an external buffer, and
 *   rte_pktmbuf_attach_extbuf on an indirect mbuf are refused with one
 *   log line naming mi's address; every mbuf involved is unchanged and
 *   after freeing them everything is back (avail_count, the callback ran
 *   once).
 *
 * rte_mbuf_check: NULL, pool NULL, iova 0, buf_addr NULL, refcnt 0 and
 *   0xFFFF fail with a reason; as a header also data_len > pkt_len,
 *   data_off + data_len > buf_len, a wrong nb_segs or a wrong pkt_len
 *   sum.
 *
 * Tolerated: rte_pktmbuf_free(NULL), rte_pktmbuf_free_bulk of NULL
 *   entries and of 0 entries, rte_pktmbuf_alloc_bulk of 0 (with a cache:
 *   0).
 *
 * The logic of this test was checked against DPDK 22.11 (build with
 * -DMBUF_TEST_DPDK, which leaves out the rtmem-only parts). There it
 * fails only the "nothing left" checks of the 26-character name (22.11
 * leaks the memzone "MP_<name>", see test_mempool_errors) and
 * rte_pktmbuf_read(m, UINT32_MAX, 2, buf), which 22.11 answers with a
 * pointer out of the mbuf (it adds off + len in 32 bits).
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
#include <rte_mbuf.h>
#include <rte_memzone.h>
#include <rte_mempool.h>

#include "mbuf_test.h"
#include "test_mempool_gone.h"

#define HR RTE_PKTMBUF_HEADROOM
#define N 32u

static struct rte_mempool *pool, *cpool;

/* ---- "nothing changed": headers and data of up to 4 mbufs */

struct snap {
	unsigned int n;
	struct rte_mbuf *m[8];
	struct rte_mbuf hdr[8];
	uint8_t *data[8];
	unsigned int avail, cavail;
};

/* Snapshot the segments of the given packets (NULL-terminated list). */
static void
snap_take(struct snap *s, struct rte_mbuf *const *pkts)
{
	memset(s, 0, sizeof(*s));
	for (; *pkts != NULL; pkts++)
		for (struct rte_mbuf *x = *pkts; x && s->n < 8; x = x->next) {
			s->m[s->n] = x;
			memcpy(&s->hdr[s->n], x, sizeof(*x));
			s->data[s->n] = malloc(x->buf_len + 1u);
			ASSERT_NOT_NULL(s->data[s->n]);
			memcpy(s->data[s->n], x->buf_addr, x->buf_len);
			s->n++;
		}
	s->avail = rte_mempool_avail_count(pool);
	s->cavail = rte_mempool_avail_count(cpool);
}

static void
snap_check(struct snap *s, int line)
{
	unsigned int before = failures();

	for (unsigned int i = 0; i < s->n; i++) {
		EXPECT_EQ_INT(memcmp(s->m[i], &s->hdr[i], sizeof(s->hdr[i])),
			      0);
		EXPECT_EQ_INT(memcmp(s->m[i]->buf_addr, s->data[i],
				     s->hdr[i].buf_len), 0);
		free(s->data[i]);
	}
	EXPECT_AVAIL(pool, s->avail);
	EXPECT_AVAIL(cpool, s->cavail);
	if (failures() != before)
		printf("^^^ something changed, checked at line %d\n", line);
	s->n = 0;
}

#define SNAP(s, ...) snap_take(&(s), (struct rte_mbuf *[]){ __VA_ARGS__, NULL })
#define UNCHANGED(s) snap_check(&(s), __LINE__)

static struct rte_mbuf *
alloc_data(struct rte_mempool *mp, uint16_t len, uint32_t seed)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);

	ASSERT_NOT_NULL(m);
	if (len > 0) {
		char *p = rte_pktmbuf_append(m, len);

		ASSERT_NOT_NULL(p);
		mb_fill(p, len, seed, 0);
	}
	return m;
}

/* ------------------------------------------------------------------ */
/* pools                                                              */

/* A valid mbuf pool of that name can be made, used and freed. */
static void
expect_name_usable(const char *name)
{
	struct rte_mempool *mp = rte_pktmbuf_pool_create(name, 16, 0, 0, 256,
							 SOCKET_ID_ANY);
	struct rte_mbuf *m;

	EXPECT_NOT_NULL(mp);
	if (mp == NULL)
		return;
	m = rte_pktmbuf_alloc(mp);
	EXPECT_NOT_NULL(m);
	rte_pktmbuf_free(m);
	EXPECT_AVAIL(mp, 16);
	rte_mempool_free(mp);
}

/*
 * Both creators fail with err (0: any); nothing is left. rtmem logs one
 * line naming the pool for each refusal; DPDK logs dpdk_lines lines (-1:
 * not checked) that need not name it.
 */
static void
create_fails(int line, const char *name, unsigned int n, unsigned int cache,
	     uint16_t priv, uint16_t room, const char *ops, int err,
	     int dpdk_lines)
{
	unsigned int zones = test_memzone_count(), before = failures();
	struct rte_mempool *mp;
	unsigned int lines;

	for (int by_ops = 0; by_ops <= 1; by_ops++) {
		if (!by_ops && ops != NULL)
			continue;
		rte_errno = 0;
		test_log_begin();
		if (by_ops)
			mp = rte_pktmbuf_pool_create_by_ops(name, n, cache,
							    priv, room,
							    SOCKET_ID_ANY,
							    ops);
		else
			mp = rte_pktmbuf_pool_create(name, n, cache, priv,
						     room, SOCKET_ID_ANY);
		lines = test_log_end();
		EXPECT_NULL(mp);
		if (err != 0)
			EXPECT_EQ_INT(rte_errno, err);
#ifdef MBUF_TEST_RTMEM
		(void)dpdk_lines;
		EXPECT_EQ_UINT(lines, 1);
		EXPECT_CONTAINS(test_log_text(), name);
#else
		if (dpdk_lines >= 0)
			EXPECT_EQ_UINT(lines, (unsigned int)dpdk_lines);
#endif
		if (mp != NULL)
			rte_mempool_free(mp);
		test_expect_no_mempool(name, zones);
	}
	if (strlen(name) < RTE_MEMPOOL_NAMESIZE)
		expect_name_usable(name);
	EXPECT_EQ_UINT(test_memzone_count(), zones);
	if (failures() != before)
		printf("^^^ pool_create(\"%s\", n %u, cache %u, priv %u, room "
		       "%u, ops %s) from line %d; log: \"%s\"\n", name, n,
		       cache, priv, room, ops ? ops : "-", line,
		       test_log_text() ? test_log_text() : "");
}

#define CREATE_FAILS(name, n, cache, priv, room, ops, err, dpdk_lines)        \
	create_fails(__LINE__, name, n, cache, priv, room, ops, err,          \
		     dpdk_lines)

static void
test_pool_errors(void)
{
	static const uint16_t bad_priv[] = { 1, 4, 7, 9, 65535 };
	unsigned int before = failures();
	char name[64];
	struct rte_mempool *mp, *dup;
	struct rte_mbuf *m;

	for (unsigned int i = 0; i < RTE_DIM(bad_priv); i++)
		CREATE_FAILS("mb_priv", 16, 0, bad_priv[i], 256, NULL, EINVAL,
			     1);
	CREATE_FAILS("mb_priv_ops", 16, 0, 12, 256, "ring_mp_mc", EINVAL, 1);
	CREATE_FAILS("mb_n0", 0, 0, 0, 256, NULL, EINVAL, -1);
	CREATE_FAILS("mb_cache", 64, RTE_MEMPOOL_CACHE_MAX_SIZE + 1, 0, 256,
		     NULL, EINVAL, -1);
	CREATE_FAILS("mb_cache_n", 16, 32, 0, 256, NULL, EINVAL, -1);
	CREATE_FAILS("mb_ops", 16, 0, 0, 256, "no_such_ops",
#ifdef MBUF_TEST_RTMEM
		     EINVAL,
#else
		     0,
#endif
		     -1);

	/* names: 25 characters fit, 26 and more do not */
	memset(name, 'n', sizeof(name));
	name[RTE_MEMPOOL_NAMESIZE - 1] = '\0';
	mp = rte_pktmbuf_pool_create(name, 16, 0, 0, 256, SOCKET_ID_ANY);
	EXPECT_NOT_NULL(mp);
	rte_mempool_free(mp);
	memset(name, 'o', sizeof(name));
	name[RTE_MEMPOOL_NAMESIZE] = '\0';
	CREATE_FAILS(name, 16, 0, 0, 256, NULL, ENAMETOOLONG, -1);
	memset(name, 'p', sizeof(name));
	name[40] = '\0';
	CREATE_FAILS(name, 16, 0, 0, 256, NULL, ENAMETOOLONG, -1);

	/* a name in use: EEXIST, whatever the other arguments */
	mp = rte_pktmbuf_pool_create("mb_dup", 16, 0, 0, 256, SOCKET_ID_ANY);
	ASSERT_NOT_NULL(mp);
	m = rte_pktmbuf_alloc(mp);
	ASSERT_NOT_NULL(m);
	rte_errno = 0;
	test_log_begin();
	dup = rte_pktmbuf_pool_create("mb_dup", 16, 0, 0, 256, SOCKET_ID_ANY);
#ifdef MBUF_TEST_RTMEM
	EXPECT_EQ_UINT(test_log_end(), 1);
	EXPECT_CONTAINS(test_log_text(), "mb_dup");
#else
	test_log_end();
#endif
	EXPECT_NULL(dup);
	EXPECT_EQ_INT(rte_errno, EEXIST);
	rte_errno = 0;
	test_log_begin();
	dup = rte_pktmbuf_pool_create_by_ops("mb_dup", 64, 8, 8, 1024,
					     SOCKET_ID_ANY, "stack");
#ifdef MBUF_TEST_RTMEM
	EXPECT_EQ_UINT(test_log_end(), 1);
	EXPECT_CONTAINS(test_log_text(), "mb_dup");
#else
	test_log_end();
#endif
	EXPECT_NULL(dup);
	EXPECT_EQ_INT(rte_errno, EEXIST);
	EXPECT_EQ_PTR(rte_mempool_lookup("mb_dup"), mp);
	EXPECT_AVAIL(mp, 15);
	EXPECT_EQ_UINT(rte_pktmbuf_data_room_size(mp), 256);
	EXPECT_EQ_UINT(rte_pktmbuf_priv_size(mp), 0);
	rte_pktmbuf_free(m);
	EXPECT_AVAIL(mp, 16);
	rte_mempool_free(mp);

	/* the largest sizes: valid, the whole tailroom usable */
	mp = rte_pktmbuf_pool_create("mb_max", 2, 0, 65528, 65535,
				     SOCKET_ID_ANY);
	EXPECT_NOT_NULL(mp);
	if (mp != NULL) {
		m = rte_pktmbuf_alloc(mp);
		ASSERT_NOT_NULL(m);
		EXPECT_EQ_UINT(m->buf_len, 65535);
		EXPECT_EQ_UINT(m->priv_size, 65528);
		EXPECT_EQ_UINT(rte_pktmbuf_tailroom(m), 65535 - HR);
		EXPECT_NOT_NULL(rte_pktmbuf_append(m, 65535 - HR));
		EXPECT_NULL(rte_pktmbuf_append(m, 1));
		EXPECT_NOT_NULL(rte_pktmbuf_prepend(m, HR));
		EXPECT_EQ_UINT(m->pkt_len, 65535);
		EXPECT_NULL(rte_pktmbuf_prepend(m, 1));
		rte_pktmbuf_free(m);
		EXPECT_AVAIL(mp, 2);
		rte_mempool_free(mp);
	}
	MB_PART_END(before, "pool errors");
}

/* ------------------------------------------------------------------ */
/* data operations                                                    */

static void
test_data_errors(void)
{
	static const uint16_t l[] = { 100, 200, 300 };
	unsigned int before = failures();
	struct rte_mbuf *m, *h, *t, *tbl[N + 1];
	struct snap s;
	uint8_t buf[64];
	uint16_t blen;

	/* a single segment, full both ways */
	m = alloc_data(pool, 100, 1);
	SNAP(s, m);
	EXPECT_NULL(rte_pktmbuf_append(m, rte_pktmbuf_tailroom(m) + 1));
	EXPECT_NULL(rte_pktmbuf_append(m, UINT16_MAX));
	EXPECT_NULL(rte_pktmbuf_prepend(m, HR + 1));
	EXPECT_NULL(rte_pktmbuf_prepend(m, UINT16_MAX));
	EXPECT_NULL(rte_pktmbuf_adj(m, 101));
	EXPECT_NULL(rte_pktmbuf_adj(m, UINT16_MAX));
	EXPECT_EQ_INT(rte_pktmbuf_trim(m, 101), -1);
	EXPECT_EQ_INT(rte_pktmbuf_trim(m, UINT16_MAX), -1);
	EXPECT_NULL(rte_pktmbuf_read(m, 0, 101, buf));
	EXPECT_NULL(rte_pktmbuf_read(m, 101, 0, buf));
	EXPECT_NULL(rte_pktmbuf_read(m, UINT32_MAX, 2, buf));
	EXPECT_NULL(rte_pktmbuf_copy(m, pool, 100, 1));
	EXPECT_NULL(rte_pktmbuf_copy(m, pool, UINT32_MAX, 1));
	UNCHANGED(s);
	rte_pktmbuf_free(m);

	/* a chain: the segment that each call acts on is what counts */
	h = mb_make_chain(pool, 3, l, 2);
	ASSERT_NOT_NULL(h);
	SNAP(s, h);
	EXPECT_NULL(rte_pktmbuf_adj(h, 101));       /* pkt_len is 600 */
	EXPECT_EQ_INT(rte_pktmbuf_trim(h, 301), -1);
	EXPECT_NULL(rte_pktmbuf_append(h, rte_pktmbuf_tailroom(
				       rte_pktmbuf_lastseg(h)) + 1));
	EXPECT_NULL(rte_pktmbuf_prepend(h, HR + 1));
	EXPECT_NULL(rte_pktmbuf_read(h, 550, 51, buf));
	UNCHANGED(s);
	rte_pktmbuf_free(h);

	/* linearize: the first segment cannot take the rest */
	{
		static const uint16_t big[] = { 1000, 1000, 1000 };

		h = mb_make_chain(pool, 3, big, 3);
		ASSERT_NOT_NULL(h);
		SNAP(s, h);
		EXPECT_EQ_INT(rte_pktmbuf_linearize(h), -1);
		UNCHANGED(s);
		rte_pktmbuf_free(h);
	}

	/* chain past the segment limit */
	h = alloc_data(pool, 10, 4);
	t = alloc_data(pool, 20, 5);
	h->nb_segs = RTE_MBUF_MAX_NB_SEGS;
	SNAP(s, h, t);
	EXPECT_EQ_INT(rte_pktmbuf_chain(h, t), -EOVERFLOW);
	UNCHANGED(s);
	h->nb_segs = 100;
	t->nb_segs = RTE_MBUF_MAX_NB_SEGS - 99;
	SNAP(s, h, t);
	EXPECT_EQ_INT(rte_pktmbuf_chain(h, t), -EOVERFLOW);
	UNCHANGED(s);
	h->nb_segs = 1;
	t->nb_segs = 1;
	rte_pktmbuf_free(h);
	rte_pktmbuf_free(t);

	/* alloc_bulk of more than is left takes nothing */
	ASSERT_EQ_INT(rte_pktmbuf_alloc_bulk(pool, tbl, N - 5), 0);
	EXPECT_AVAIL(pool, 5);
	EXPECT_NE_INT(rte_pktmbuf_alloc_bulk(pool, &tbl[N - 5], 6), 0);
	EXPECT_NE_INT(rte_pktmbuf_alloc_bulk(pool, &tbl[N - 5], UINT32_MAX),
		      0);
	EXPECT_AVAIL(pool, 5);
	rte_pktmbuf_free_bulk(tbl, N - 5);
	EXPECT_AVAIL(pool, N);

	/* a clone from an empty pool */
	m = alloc_data(pool, 10, 6);
	ASSERT_EQ_INT(rte_pktmbuf_alloc_bulk(cpool, tbl, N), 0);
	SNAP(s, m);
	EXPECT_NULL(rte_pktmbuf_clone(m, cpool));
	EXPECT_NULL(rte_pktmbuf_copy(m, cpool, 0, UINT32_MAX));
	UNCHANGED(s);
	rte_pktmbuf_free_bulk(tbl, N);
	rte_pktmbuf_free(m);

	/* a buffer too small for the shared info */
	blen = (uint16_t)sizeof(struct rte_mbuf_ext_shared_info);
	EXPECT_NULL(rte_pktmbuf_ext_shinfo_init_helper(buf, &blen, NULL,
						       NULL));
	EXPECT_EQ_UINT(blen, sizeof(struct rte_mbuf_ext_shared_info));
	blen = 0;
	EXPECT_NULL(rte_pktmbuf_ext_shinfo_init_helper(buf, &blen, NULL,
						       NULL));
	EXPECT_EQ_UINT(blen, 0);

	/* what DPDK tolerates */
	rte_pktmbuf_free(NULL);
	rte_pktmbuf_free_bulk(tbl, 0);
	memset(tbl, 0, sizeof(tbl));
	rte_pktmbuf_free_bulk(tbl, RTE_DIM(tbl));
	EXPECT_AVAIL(pool, N);
	EXPECT_AVAIL(cpool, N);
	MB_PART_END(before, "data errors");
}

/* ------------------------------------------------------------------ */
/* attach to an mbuf that is not direct (rtmem only)                  */

#ifdef MBUF_TEST_RTMEM
static unsigned int ext_calls;

static void
ext_cb(void *addr, void *opaque)
{
	(void)addr;
	(void)opaque;
	ext_calls++;
}

/* One refused call: one log line naming mi. */
static void
expect_refused(int line, unsigned int lines, const void *mi)
{
	unsigned int before = failures();

	EXPECT_EQ_UINT(lines, 1);
	EXPECT_TRUE(mb_log_names(test_log_text(), mi));
	if (failures() != before)
		printf("^^^ refusal at line %d; log: \"%s\"\n", line,
		       test_log_text() ? test_log_text() : "");
}

static void
test_attach_errors(void)
{
	unsigned int before = failures(), lines;
	struct rte_mbuf *m1, *m2, *mi, *me;
	struct rte_mbuf_ext_shared_info *shinfo;
	void *ebuf = aligned_alloc(64, 1024);
	uint16_t elen = 1024;
	struct snap s;

	ASSERT_NOT_NULL(ebuf);
	m1 = alloc_data(pool, 100, 7);
	m2 = alloc_data(pool, 200, 8);
	mi = rte_pktmbuf_alloc(cpool);
	ASSERT_NOT_NULL(mi);
	rte_pktmbuf_attach(mi, m1);
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m1), 2);

	/* mi is already indirect: attach is refused */
	SNAP(s, m1, m2, mi);
	test_log_begin();
	rte_pktmbuf_attach(mi, m2);
	lines = test_log_end();
	expect_refused(__LINE__, lines, mi);
	UNCHANGED(s);
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m1), 2);
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m2), 1);
	EXPECT_EQ_PTR(rte_mbuf_from_indirect(mi), m1);

	/* attach_extbuf on an indirect mbuf: refused */
	shinfo = rte_pktmbuf_ext_shinfo_init_helper(ebuf, &elen, ext_cb, NULL);
	ASSERT_NOT_NULL(shinfo);
	SNAP(s, m1, m2, mi);
	test_log_begin();
	rte_pktmbuf_attach_extbuf(mi, ebuf, 0x200000, elen, shinfo);
	lines = test_log_end();
	expect_refused(__LINE__, lines, mi);
	UNCHANGED(s);
	EXPECT_EQ_UINT(rte_mbuf_ext_refcnt_read(shinfo), 1);

	/* an mbuf with an external buffer is not direct either */
	me = rte_pktmbuf_alloc(cpool);
	ASSERT_NOT_NULL(me);
	rte_pktmbuf_attach_extbuf(me, ebuf, 0x200000, elen, shinfo);
	SNAP(s, m1, m2, me);
	test_log_begin();
	rte_pktmbuf_attach(me, m2);
	lines = test_log_end();
	expect_refused(__LINE__, lines, me);
	UNCHANGED(s);
	EXPECT_EQ_UINT(rte_mbuf_ext_refcnt_read(shinfo), 1);
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m2), 1);

	/* everything still goes back, the callback runs once */
	rte_pktmbuf_free(mi);
	EXPECT_EQ_UINT(rte_mbuf_refcnt_read(m1), 1);
	rte_pktmbuf_free(m1);
	rte_pktmbuf_free(m2);
	EXPECT_EQ_UINT(ext_calls, 0);
	rte_pktmbuf_free(me);
	EXPECT_EQ_UINT(ext_calls, 1);
	EXPECT_AVAIL(pool, N);
	EXPECT_AVAIL(cpool, N);
	free(ebuf);
	MB_PART_END(before, "attach to a mbuf that is not direct");
}
#endif

/* ------------------------------------------------------------------ */
/* rte_mbuf_check                                                      */

static void
expect_check_fails(int line, struct rte_mbuf *m, int is_header)
{
	const char *reason = NULL;
	int rc = rte_mbuf_check(m, is_header, &reason);

	EXPECT_EQ_INT(rc, -1);
	EXPECT_NOT_NULL(reason);
	if (rc != -1 || reason == NULL)
		printf("^^^ rte_mbuf_check from line %d\n", line);
}
#define CHECK_FAILS(m, h) expect_check_fails(__LINE__, m, h)

static void
test_mbuf_check(void)
{
	static const uint16_t l[] = { 10, 20, 30 };
	unsigned int before = failures();
	const char *reason = NULL;
	struct rte_mbuf *m, *h, save;

	m = alloc_data(pool, 100, 9);
	EXPECT_EQ_INT(rte_mbuf_check(m, 1, &reason), 0);
	EXPECT_EQ_INT(rte_mbuf_check(m, 0, &reason), 0);
	CHECK_FAILS(NULL, 0);
	CHECK_FAILS(NULL, 1);
	memcpy(&save, m, sizeof(save));
	m->pool = NULL;
	CHECK_FAILS(m, 0);
	memcpy(m, &save, sizeof(save));
	rte_mbuf_iova_set(m, 0);
	CHECK_FAILS(m, 0);
	memcpy(m, &save, sizeof(save));
	m->buf_addr = NULL;
	CHECK_FAILS(m, 0);
	memcpy(m, &save, sizeof(save));
	rte_mbuf_refcnt_set(m, 0);
	CHECK_FAILS(m, 0);
	rte_mbuf_refcnt_set(m, UINT16_MAX);
	CHECK_FAILS(m, 0);
	memcpy(m, &save, sizeof(save));
	m->pkt_len = 99; /* data_len 100 */
	CHECK_FAILS(m, 1);
	memcpy(m, &save, sizeof(save));
	m->data_off = (uint16_t)(m->buf_len - 99);
	CHECK_FAILS(m, 1);
	memcpy(m, &save, sizeof(save));
	m->nb_segs = 2;
	CHECK_FAILS(m, 1);
	memcpy(m, &save, sizeof(save));
	EXPECT_EQ_INT(rte_mbuf_check(m, 1, &reason), 0);
	rte_pktmbuf_free(m);

	h = mb_make_chain(pool, 3, l, 10);
	ASSERT_NOT_NULL(h);
	EXPECT_EQ_INT(rte_mbuf_check(h, 1, &reason), 0);
	h->nb_segs = 2;
	CHECK_FAILS(h, 1);
	h->nb_segs = 4;
	CHECK_FAILS(h, 1);
	h->nb_segs = 3;
	h->pkt_len = 61;
	CHECK_FAILS(h, 1);
	h->pkt_len = 60;
	EXPECT_EQ_INT(rte_mbuf_check(h, 1, &reason), 0);
	rte_pktmbuf_free(h);
	EXPECT_AVAIL(pool, N);
	MB_PART_END(before, "rte_mbuf_check");
}

static void
test_tolerated(void)
{
	struct rte_mempool *mp;
	struct rte_mbuf *tbl[4];

	rte_pktmbuf_free(NULL);
	rte_pktmbuf_free_bulk(NULL, 0);
	mp = rte_pktmbuf_pool_create("mb_tol", 64, 8, 0, 256, SOCKET_ID_ANY);
	ASSERT_NOT_NULL(mp);
	EXPECT_EQ_INT(rte_pktmbuf_alloc_bulk(mp, tbl, 0), 0);
	EXPECT_AVAIL(mp, 64);
	rte_mempool_free(mp);
	rte_pktmbuf_alloc_bulk(pool, tbl, 0); /* no cache: nothing taken */
	EXPECT_AVAIL(pool, N);
}

int
main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	ASSERT_GE_INT(test_eal_init(MBUF_EAL_ARGS), 0);
	pool = rte_pktmbuf_pool_create("mb_err", N, 0, 0,
				       RTE_MBUF_DEFAULT_BUF_SIZE,
				       SOCKET_ID_ANY);
	cpool = rte_pktmbuf_pool_create("mb_err_clone", N, 0, 0, 0,
					SOCKET_ID_ANY);
	ASSERT_NOT_NULL(pool);
	ASSERT_NOT_NULL(cpool);
	test_pool_errors();
	test_data_errors();
#ifdef MBUF_TEST_RTMEM
	test_attach_errors();
#else
	printf("attach to a non-direct mbuf: rtmem only, not run\n");
#endif
	test_mbuf_check();
	test_tolerated();
	EXPECT_AVAIL(pool, N);
	EXPECT_AVAIL(cpool, N);
	rte_mempool_audit(pool);
	rte_mempool_audit(cpool);
	rte_mempool_free(pool);
	rte_mempool_free(cpool);
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}
