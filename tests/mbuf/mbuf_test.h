/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mbuf_test.h: helpers the mbuf tests share. API only (no src/ headers),
 * so the tests also build against DPDK 22.11's own headers:
 *
 *   gcc -D_GNU_SOURCE -DMBUF_TEST_DPDK -Itests/common -Itests/mbuf \
 *       tests/mbuf/test_mbuf.c $(pkg-config --cflags --libs libdpdk)
 *
 * MBUF_TEST_DPDK turns off the checks of rtmem-only behaviour (log lines,
 * refused attaches, the mempool's run-time debug mode that refuses double
 * frees) and makes the EAL run on 4 KiB pages (DPDK's --in-memory wants
 * hugepages; rtmem's does not). Reference counts are DPDK's in both: an
 * mbuf waiting in its pool has refcnt 1.
 */
#ifndef MBUF_TEST_H
#define MBUF_TEST_H

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_mbuf_pool_ops.h>
#include <rte_mempool.h>
#include <rte_stack.h>

#include "test.h"

#ifdef MBUF_TEST_DPDK
#define MBUF_EAL_ARGS "-l 0 " MBUF_EAL_ARGS_ALL
#define MBUF_EAL_ARGS_ALL                                                     \
	"--no-huge -m 512 --no-pci --no-telemetry --no-shconf "                \
	"--file-prefix tmb6"
#else
#define MBUF_TEST_RTMEM 1
#define MBUF_EAL_ARGS "-l 0 --in-memory"
#define MBUF_EAL_ARGS_ALL "--in-memory"
#endif

/* Every mempool driver an mbuf pool can sit on. */
static const char *const mb_drivers[] = {
	"ring_mp_mc", "ring_sp_sc", "ring_mp_sc", "ring_sp_mc",
	"ring_mt_rts", "ring_mt_hts", "stack", "lf_stack", "bucket",
};

/* Failed checks so far: compare before and after a part to name it. */
static inline unsigned int
failures(void)
{
	return __atomic_load_n(&test_failures_, __ATOMIC_RELAXED);
}

/* Print where a part failed (call at its end with failures() from its
 * start). */
#define MB_PART_END(before, ...)                                              \
	do {                                                                  \
		if (failures() != (before)) {                                 \
			printf("^^^ ");                                       \
			printf(__VA_ARGS__);                                  \
			printf("\n");                                         \
		}                                                             \
	} while (0)

/* Whether this machine can make a lock-free stack (128-bit CAS). */
static inline bool
mb_lf_stack_supported(void)
{
	struct rte_stack *s = rte_stack_create("mb_lf_probe", 16,
					       SOCKET_ID_ANY, RTE_STACK_F_LF);

	if (s == NULL)
		return false;
	rte_stack_free(s);
	return true;
}

/* The name of the ops a pool uses. */
static inline const char *
mb_ops_name(const struct rte_mempool *mp)
{
	return rte_mempool_get_ops(mp->ops_index)->name;
}

/* avail_count of a pool (caches included) is want. */
#define EXPECT_AVAIL(mp, want)                                                \
	EXPECT_EQ_UINT(rte_mempool_avail_count(mp), (unsigned int)(want))

/* Whether the log text names the pointer: its address in hex (%p). */
static inline bool
mb_log_names(const char *text, const void *p)
{
	char hex[32];

	if (text == NULL)
		return false;
	snprintf(hex, sizeof(hex), "%p", p);
	if (strstr(text, hex) != NULL)
		return true;
	snprintf(hex, sizeof(hex), "%" PRIxPTR, (uintptr_t)p);
	if (strstr(text, hex) != NULL)
		return true;
	snprintf(hex, sizeof(hex), "%" PRIXPTR, (uintptr_t)p);
	return strstr(text, hex) != NULL;
}

/* ---- payload patterns */

/* The byte at position i of pattern `seed`. */
static inline uint8_t
mb_pat(uint32_t seed, uint32_t i)
{
	uint32_t v = (seed + i) * 2654435761u;

	return (uint8_t)(v >> 24 ^ v >> 8 ^ i);
}

/* Fill len bytes at p with pattern seed from position pos. */
static inline void
mb_fill(void *p, uint32_t len, uint32_t seed, uint32_t pos)
{
	uint8_t *b = p;

	for (uint32_t i = 0; i < len; i++)
		b[i] = mb_pat(seed, pos + i);
}

/* Whether len bytes at p hold pattern seed from position pos. */
static inline bool
mb_check(const void *p, uint32_t len, uint32_t seed, uint32_t pos)
{
	const uint8_t *b = p;

	for (uint32_t i = 0; i < len; i++)
		if (b[i] != mb_pat(seed, pos + i))
			return false;
	return true;
}

/* Whether the packet's bytes [off, off+len) hold pattern seed from
 * position pos, walking the segments. */
static inline bool
mb_pkt_check(const struct rte_mbuf *m, uint32_t off, uint32_t len,
	     uint32_t seed, uint32_t pos)
{
	const struct rte_mbuf *s = m;
	uint32_t done = 0;

	while (s != NULL && off >= s->data_len) {
		off -= s->data_len;
		s = s->next;
	}
	while (s != NULL && done < len) {
		uint32_t take = RTE_MIN((uint32_t)s->data_len - off,
					len - done);

		if (!mb_check(rte_pktmbuf_mtod_offset(s, const char *, off),
			      take, seed, pos + done))
			return false;
		done += take;
		off = 0;
		s = s->next;
	}
	return done == len;
}

/*
 * A chain of nseg segments from mp, segment i holding len[i] bytes of
 * pattern seed (positions continue across segments). NULL (and nothing
 * kept) if the pool runs out.
 */
static inline struct rte_mbuf *
mb_make_chain(struct rte_mempool *mp, unsigned int nseg,
	      const uint16_t *len, uint32_t seed)
{
	struct rte_mbuf *head = NULL;
	uint32_t pos = 0;

	for (unsigned int i = 0; i < nseg; i++) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
		char *p;

		if (m == NULL) {
			rte_pktmbuf_free(head);
			return NULL;
		}
		p = rte_pktmbuf_append(m, len[i]);
		if (p == NULL) {
			rte_pktmbuf_free(m);
			rte_pktmbuf_free(head);
			return NULL;
		}
		mb_fill(p, len[i], seed, pos);
		pos += len[i];
		if (head == NULL)
			head = m;
		else if (rte_pktmbuf_chain(head, m) != 0) {
			rte_pktmbuf_free(m);
			rte_pktmbuf_free(head);
			return NULL;
		}
	}
	return head;
}

/* The number of segments reachable through next. */
static inline unsigned int
mb_count_segs(const struct rte_mbuf *m)
{
	unsigned int n = 0;

	for (; m != NULL; m = m->next)
		n++;
	return n;
}

/* ---- refcnt of mbufs waiting in a pool (1, as in DPDK) */

struct mb_refcnt_census {
	unsigned int n;          /* mbufs visited */
	unsigned int zero;       /* with refcnt 0 */
	unsigned int one;        /* with refcnt 1 */
	unsigned int other;      /* anything else */
};

static inline void
mb_census_cb(struct rte_mempool *mp, void *opaque, void *obj, unsigned int i)
{
	struct mb_refcnt_census *c = opaque;
	uint16_t r = rte_mbuf_refcnt_read(obj);

	(void)mp;
	(void)i;
	c->n++;
	if (r == 0)
		c->zero++;
	else if (r == 1)
		c->one++;
	else
		c->other++;
}

/* Count the refcnts of every mbuf of mp (obj_iter: also the ones in the
 * pool, which ASan builds keep poisoned outside the walk). */
static inline struct mb_refcnt_census
mb_refcnt_census(struct rte_mempool *mp)
{
	struct mb_refcnt_census c = { 0, 0, 0, 0 };

	rte_mempool_obj_iter(mp, mb_census_cb, &c);
	return c;
}

#endif /* MBUF_TEST_H */
