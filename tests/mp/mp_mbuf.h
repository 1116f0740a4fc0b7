/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mp_mbuf.h: what test_mp_mbuf and its peer (mp_peer mbuf <mode>) share:
 * the names and sizes of the primary's pktmbuf pool and its two rings,
 * and the packets that cross them.
 *
 * A packet is known by its direction (MPM_REQ: primary to secondary;
 * MPM_REP: secondary to primary) and its sequence number, which fix its
 * shape: 1 to 3 segments of 24 to 423 bytes; every fourth one is sent as
 * a clone (rte_pktmbuf_clone, indirect segments from the same pool) whose
 * sender frees the original right after sending, so that the last
 * reference to each direct segment goes in one process or the other. The
 * packet starts with a header (struct mpm_hdr) and every other byte
 * follows a pattern of (dir, seq, offset).
 */
#ifndef MP_MBUF_H
#define MP_MBUF_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#define MPM_POOL "mp_mbuf_pool"
#define MPM_N 4095u                        /* mbufs in the pool */
#define MPM_CACHE 32u
#define MPM_ROOM (RTE_PKTMBUF_HEADROOM + 512) /* data room of each */
#define MPM_TO_SEC "mp_mbuf_to_sec"
#define MPM_TO_PRI "mp_mbuf_to_pri"
#define MPM_RING 1024u
#define MPM_INFLIGHT 256u /* requests the primary keeps out at most */

/* mp_peer mbuf echo: requests answered */
#define MPM_ECHO_N 3000u
/* mp_peer mbuf alloc: packets the secondary allocates and sends */
#define MPM_ALLOC_N 600u
/* mp_peer mbuf hold: requests answered, then held, then left in the ring */
#define MPM_HOLD_K 200u
#define MPM_HOLD_H 10u
#define MPM_HOLD_R 20u
#define MPM_HOLD_A 7u /* and mbufs it allocates and holds */

#define MPM_REQ 1u
#define MPM_REP 2u

struct mpm_hdr {
	uint32_t dir;
	uint32_t seq;
	uint32_t pkt_len;
	uint32_t check;
};

static inline unsigned int
mpm_segs(uint32_t seq)
{
	return 1 + seq % 3;
}

static inline uint16_t
mpm_seg_len(uint32_t seq, unsigned int k)
{
	return (uint16_t)(24 + (seq * 37 + k * 101) % 400);
}

static inline bool
mpm_cloned(uint32_t seq)
{
	return seq % 4 == 3;
}

/*
 * How many times mp_peer mbuf alloc sends packet seq: twice (the same
 * mbuf, its refcnt raised to 2) for some direct ones.
 */
static inline unsigned int
mpm_copies(uint32_t seq)
{
	return seq % 5 == 0 && !mpm_cloned(seq) ? 2 : 1;
}

/* The mbufs a packet occupies: its segments, and their direct ones. */
static inline unsigned int
mpm_mbufs(uint32_t seq)
{
	return mpm_segs(seq) * (mpm_cloned(seq) ? 2 : 1);
}

static inline uint8_t
mpm_byte(uint32_t dir, uint32_t seq, uint32_t off)
{
	return (uint8_t)(dir * 131 + seq * 7 + off * 3 + (off >> 8));
}

static inline uint32_t
mpm_check_word(uint32_t dir, uint32_t seq)
{
	return (dir * 0x9e3779b9u) ^ (seq * 0x85ebca6bu) ^ 0xc2b2ae35u;
}

/*
 * Build packet (dir, seq) from mp: its segments allocated in one bulk,
 * filled and chained. For a cloned one, the clone is returned and the
 * original goes to *orig, for the caller to free after sending (else
 * *orig is NULL). NULL if an allocation failed.
 */
static inline struct rte_mbuf *
mpm_build(struct rte_mempool *mp, uint32_t dir, uint32_t seq,
	  struct rte_mbuf **orig)
{
	struct rte_mbuf *seg[3], *c;
	unsigned int n = mpm_segs(seq);
	uint32_t off = 0;
	struct mpm_hdr *h;

	*orig = NULL;
	if (rte_pktmbuf_alloc_bulk(mp, seg, n) != 0)
		return NULL;
	for (unsigned int k = 0; k < n; k++) {
		uint16_t len = mpm_seg_len(seq, k);
		uint8_t *p = (uint8_t *)rte_pktmbuf_append(seg[k], len);

		if (p == NULL || (k > 0 && rte_pktmbuf_chain(seg[0], seg[k])))
			return NULL;
		for (uint16_t i = 0; i < len; i++)
			p[i] = mpm_byte(dir, seq, off + i);
		off += len;
	}
	h = rte_pktmbuf_mtod(seg[0], struct mpm_hdr *);
	*h = (struct mpm_hdr){ .dir = dir, .seq = seq, .pkt_len = off,
			       .check = mpm_check_word(dir, seq) };
	if (!mpm_cloned(seq))
		return seg[0];
	c = rte_pktmbuf_clone(seg[0], mp);
	if (c == NULL)
		return NULL;
	*orig = seg[0];
	return c;
}

/*
 * Check packet (dir, seq) in m, a packet of pool mp whose segments have
 * refcnt `refcnt`. 0, or -1 with the reason in why.
 */
static inline int
mpm_check(const struct rte_mbuf *m, struct rte_mempool *mp, uint32_t dir,
	  uint32_t seq, uint16_t refcnt, char *why, size_t len)
{
	const struct mpm_hdr *h = rte_pktmbuf_mtod(m, const struct mpm_hdr *);
	const char *reason = NULL;
	uint32_t off = 0;
	unsigned int k = 0;

	if (rte_mbuf_check(m, 1, &reason) != 0) {
		snprintf(why, len, "packet %u: rte_mbuf_check: %s", seq,
			 reason != NULL ? reason : "?");
		return -1;
	}
	if (h->dir != dir || h->seq != seq ||
	    h->check != mpm_check_word(dir, seq) ||
	    m->nb_segs != mpm_segs(seq)) {
		snprintf(why, len, "packet %u: header dir %u seq %u, %u segs",
			 seq, h->dir, h->seq, m->nb_segs);
		return -1;
	}
	for (const struct rte_mbuf *s = m; s != NULL; s = s->next, k++) {
		const uint8_t *p = rte_pktmbuf_mtod(s, const uint8_t *);

		if (s->pool != mp || s->data_len != mpm_seg_len(seq, k) ||
		    !RTE_MBUF_CLONED(s) != !mpm_cloned(seq) ||
		    rte_mbuf_refcnt_read(s) != refcnt) {
			snprintf(why, len, "packet %u segment %u: pool %p, len "
				 "%u, indirect %d, refcnt %u", seq, k,
				 (void *)s->pool, s->data_len,
				 !!RTE_MBUF_CLONED(s), rte_mbuf_refcnt_read(s));
			return -1;
		}
		for (uint16_t i = k == 0 ? sizeof(*h) : 0; i < s->data_len; i++)
			if (p[i] != mpm_byte(dir, seq, off + i)) {
				snprintf(why, len, "packet %u: byte %u", seq,
					 off + i);
				return -1;
			}
		off += s->data_len;
	}
	if (m->pkt_len != off || h->pkt_len != off) {
		snprintf(why, len, "packet %u: pkt_len %u, header %u, %u", seq,
			 m->pkt_len, h->pkt_len, off);
		return -1;
	}
	return 0;
}

#endif /* MP_MBUF_H */
