/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rte_mbuf.c: mbuf pools (creation, the pool and mbuf constructors,
 * pinned external buffers), the out-of-line packet operations (bulk free,
 * clone, copy, read across segments, linearize), checks, dump, and the
 * reports of the inline paths (double free, refused attach).
 *
 * Shared memory: an mbuf pool is an ordinary rte_mempool (its header,
 * private struct rte_pktmbuf_pool_private and objects live in memzones),
 * so every process of the instance uses it at the same address. Nothing
 * here keeps process-private state, and nothing takes a lock of its own:
 * pool creation relies on the mempool layer's locks; the packet
 * operations touch only mbufs the caller owns, plus the atomic reference
 * counts of shared buffers.
 *
 * Reference counts follow DPDK (rte_mbuf.h): an mbuf waits in its pool
 * with refcnt 1, so rte_pktmbuf_init() sets 1 and a put leaves it there.
 * Double frees are caught by the mempool's debug mode (rte_mbuf.h).
 *
 * Pinned external buffers: each mbuf of such a pool owns one slice of the
 * application's memory and the shared info right after its private area,
 * with free_cb NULL and fcb_opaque pointing at the mbuf; the inline
 * detach recycles the mbuf itself when free_cb is NULL (no function
 * pointer in shared memory, so any process may free the last clone).
 *
 * Who may call: any thread of any process; pool creation from a control
 * thread (it may block on the mempool and memzone locks).
 */
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_mbuf.h>
#include <rte_mbuf_pool_ops.h>
#include <rte_mempool.h>

#include "internal/rtmem_export.h"
#include "mbuf/mbuf_private.h"

/* struct rte_mbuf is DPDK 22.11's, offset for offset (x86-64 / arm64). */
#define MBUF_AT(field, off) \
	_Static_assert(offsetof(struct rte_mbuf, field) == (off), \
		       "rte_mbuf." #field " at offset " #off)
MBUF_AT(buf_addr, 0);
MBUF_AT(buf_iova, 8);
MBUF_AT(rearm_data, 16);
MBUF_AT(data_off, 16);
MBUF_AT(refcnt, 18);
MBUF_AT(nb_segs, 20);
MBUF_AT(port, 22);
MBUF_AT(ol_flags, 24);
MBUF_AT(rx_descriptor_fields1, 32);
MBUF_AT(packet_type, 32);
MBUF_AT(pkt_len, 36);
MBUF_AT(data_len, 40);
MBUF_AT(vlan_tci, 42);
MBUF_AT(hash, 44);
MBUF_AT(vlan_tci_outer, 52);
MBUF_AT(buf_len, 54);
MBUF_AT(pool, 56);
MBUF_AT(cacheline1, 64);
MBUF_AT(next, 64);
MBUF_AT(tx_offload, 72);
MBUF_AT(shinfo, 80);
MBUF_AT(priv_size, 88);
MBUF_AT(timesync, 90);
MBUF_AT(dynfield1, 92);
_Static_assert(sizeof(struct rte_mbuf) == 2 * RTE_CACHE_LINE_MIN_SIZE,
	       "an mbuf is two cache lines");
_Static_assert(sizeof(struct rte_mbuf_ext_shared_info) == 24,
	       "shared info as DPDK");
_Static_assert(sizeof(struct rte_pktmbuf_pool_private) == 8,
	       "pool private data as DPDK");
_Static_assert(RTE_MBUF_F_FIRST_FREE == (1ULL << 23) &&
	       RTE_MBUF_F_LAST_FREE == (1ULL << 40), "free flag range");

/* ------------------------------------------------------------------ */
/* reports of the inline paths                                         */

/*
 * The mbuf is in its pool, so ASan has it poisoned: read its pool name
 * without instrumentation (the read itself is harmless).
 */
__attribute__((no_sanitize_address)) static const char *
mbuf_pool_name(const struct rte_mbuf *m)
{
	const struct rte_mempool *mp = m->pool;

	return mp != NULL ? mp->name : "?";
}

RTMEM_EXPORT __rte_cold void
rtmem_mbuf_double_free(const struct rte_mbuf *m)
{
	MBUF_LOG(ERR, "free of mbuf %p (pool \"%s\"), which is not in use "
		 "(%s); not put back", (const void *)m, mbuf_pool_name(m),
		 __rte_mbuf_asan_in_pool(m) ? "it is in its pool: a double "
		 "free" : "refcnt 0");
}

RTMEM_EXPORT __rte_cold void
rtmem_mbuf_attach_refused(const struct rte_mbuf *mi)
{
	MBUF_LOG(ERR, "attach of mbuf %p (pool \"%s\") refused: it is %s; "
		 "detach it first", (const void *)mi, mbuf_pool_name(mi),
		 RTE_MBUF_CLONED(mi) ? "indirect" : "attached to an "
		 "external buffer");
}

/* ------------------------------------------------------------------ */
/* pools                                                               */

RTMEM_EXPORT void
rte_pktmbuf_pool_init(struct rte_mempool *mp, void *opaque_arg)
{
	struct rte_pktmbuf_pool_private priv;
	size_t need;

	if (mp == NULL) {
		MBUF_LOG(ERR, "rte_pktmbuf_pool_init: pool is NULL");
		return;
	}
	if (mp->private_data_size < sizeof(priv)) {
		MBUF_LOG(ERR, "pool \"%s\": %u bytes of private data cannot "
			 "hold struct rte_pktmbuf_pool_private (%zu)",
			 mp->name, mp->private_data_size, sizeof(priv));
		return;
	}
	if (opaque_arg != NULL) {
		memcpy(&priv, opaque_arg, sizeof(priv));
	} else {
		size_t room = mp->elt_size > sizeof(struct rte_mbuf) ?
			      mp->elt_size - sizeof(struct rte_mbuf) : 0;

		memset(&priv, 0, sizeof(priv));
		priv.mbuf_data_room_size =
			(uint16_t)RTE_MIN(room, (size_t)UINT16_MAX);
	}
	need = sizeof(struct rte_mbuf) + priv.mbuf_priv_size +
	       ((priv.flags & RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF) ?
		sizeof(struct rte_mbuf_ext_shared_info) :
		priv.mbuf_data_room_size);
	if (mp->elt_size < need) {
		MBUF_LOG(ERR, "pool \"%s\": elements of %u bytes cannot hold "
			 "an mbuf with %u private and %u data bytes",
			 mp->name, mp->elt_size, priv.mbuf_priv_size,
			 priv.mbuf_data_room_size);
		return;
	}
	memcpy(rte_mempool_get_priv(mp), &priv, sizeof(priv));
}

/* Fields every freshly laid-out mbuf gets (refcnt 1, as DPDK). */
static void
mbuf_init_common(struct rte_mbuf *m, struct rte_mempool *mp,
		 uint16_t priv_size, uint16_t buf_len)
{
	m->priv_size = priv_size;
	m->buf_len = buf_len;
	m->data_off = (uint16_t)RTE_MIN((uint16_t)RTE_PKTMBUF_HEADROOM,
					buf_len);
	m->pool = mp;
	m->nb_segs = 1;
	m->port = RTE_MBUF_PORT_INVALID;
	m->next = NULL;
	rte_mbuf_refcnt_set(m, 1);
}

/* Checks that a pool's objects can hold its mbufs; 0 or -1 (logged). */
static int
mbuf_pool_fits(struct rte_mempool *mp, size_t per_obj)
{
	if (mp->private_data_size < sizeof(struct rte_pktmbuf_pool_private)) {
		MBUF_LOG(ERR, "pool \"%s\" is not an mbuf pool (private data "
			 "of %u bytes)", mp->name, mp->private_data_size);
		return -1;
	}
	if (mp->elt_size < per_obj) {
		MBUF_LOG(ERR, "pool \"%s\": elements of %u bytes cannot hold "
			 "its mbufs (%zu bytes)", mp->name, mp->elt_size,
			 per_obj);
		return -1;
	}
	return 0;
}

RTMEM_EXPORT void
rte_pktmbuf_init(struct rte_mempool *mp, void *opaque_arg, void *obj,
		 unsigned int i)
{
	struct rte_mbuf *m = obj;
	uint16_t priv_size, room;
	size_t mbuf_size;
	rte_iova_t iova;

	RTE_SET_USED(opaque_arg);
	RTE_SET_USED(i);
	if (mp == NULL || m == NULL)
		return;
	if (mp->private_data_size < sizeof(struct rte_pktmbuf_pool_private))
		return (void)mbuf_pool_fits(mp, 0);
	priv_size = rte_pktmbuf_priv_size(mp);
	room = rte_pktmbuf_data_room_size(mp);
	mbuf_size = sizeof(struct rte_mbuf) + priv_size;
	if (mbuf_pool_fits(mp, mbuf_size + room) != 0)
		return;

	memset(m, 0, mbuf_size);
	m->buf_addr = (char *)m + mbuf_size;
	iova = rte_mempool_virt2iova(m);
	rte_mbuf_iova_set(m, iova == RTE_BAD_IOVA ? RTE_BAD_IOVA :
			  iova + mbuf_size);
	mbuf_init_common(m, mp, priv_size, room);
}

/*
 * The steps every mbuf pool creator shares: rte_mempool_create_empty()
 * with room for *priv, the driver ops_name (NULL: the best one),
 * rte_pktmbuf_pool_init(), rte_mempool_populate_default(). On failure
 * the pool is freed, rte_errno set and why logged; NULL.
 */
static struct rte_mempool *
mbuf_pool_make(const char *name, unsigned int n, unsigned int elt_size,
	       unsigned int cache_size,
	       struct rte_pktmbuf_pool_private *priv, int socket_id,
	       const char *ops_name)
{
	struct rte_mempool *mp;
	int ret;

	mp = rte_mempool_create_empty(name, n, elt_size, cache_size,
				      sizeof(*priv), socket_id, 0);
	if (mp == NULL)
		return NULL; /* logged, rte_errno set */
	if (ops_name == NULL)
		ops_name = rte_mbuf_best_mempool_ops();
	ret = rte_mempool_set_ops_byname(mp, ops_name, NULL);
	if (ret != 0) {
		rte_mempool_free(mp); /* set_ops logged why */
		rte_errno = -ret;
		return NULL;
	}
	rte_pktmbuf_pool_init(mp, priv);
	ret = rte_mempool_populate_default(mp);
	if (ret < 0) {
		MBUF_LOG(ERR, "pool \"%s\": cannot populate %u mbufs: %s",
			 name, n, rte_strerror(-ret));
		rte_mempool_free(mp);
		rte_errno = -ret;
		return NULL;
	}
	return mp;
}

RTMEM_EXPORT struct rte_mempool *
rte_pktmbuf_pool_create_by_ops(const char *name, unsigned int n,
			       unsigned int cache_size, uint16_t priv_size,
			       uint16_t data_room_size, int socket_id,
			       const char *ops_name)
{
	struct rte_pktmbuf_pool_private priv;
	struct rte_mempool *mp;
	unsigned int elt_size;

	if (priv_size % RTE_MBUF_PRIV_ALIGN != 0) {
		MBUF_LOG(ERR, "pool \"%s\": priv_size %u is not a multiple "
			 "of %u", name != NULL ? name : "(null)", priv_size,
			 RTE_MBUF_PRIV_ALIGN);
		rte_errno = EINVAL;
		return NULL;
	}
	elt_size = (unsigned int)sizeof(struct rte_mbuf) + priv_size +
		   data_room_size;
	memset(&priv, 0, sizeof(priv));
	priv.mbuf_data_room_size = data_room_size;
	priv.mbuf_priv_size = priv_size;

	mp = mbuf_pool_make(name, n, elt_size, cache_size, &priv, socket_id,
			    ops_name);
	if (mp == NULL)
		return NULL;
	rte_mempool_obj_iter(mp, rte_pktmbuf_init, NULL);
	return mp;
}

RTMEM_EXPORT struct rte_mempool *
rte_pktmbuf_pool_create(const char *name, unsigned int n,
			unsigned int cache_size, uint16_t priv_size,
			uint16_t data_room_size, int socket_id)
{
	return rte_pktmbuf_pool_create_by_ops(name, n, cache_size, priv_size,
					      data_room_size, socket_id, NULL);
}

/* Where rte_pktmbuf_pool_create_extbuf() is in the application's areas. */
struct extmem_cursor {
	const struct rte_pktmbuf_extmem *mem;
	unsigned int num;  /* areas */
	unsigned int idx;  /* current area */
	size_t off;        /* next slice in it */
};

/* obj_iter callback: an mbuf pinned to the next slice of the areas. */
static void
pktmbuf_init_extmem(struct rte_mempool *mp, void *arg, void *obj,
		    unsigned int i)
{
	struct extmem_cursor *cur = arg;
	struct rte_mbuf *m = obj;
	const struct rte_pktmbuf_extmem *area;
	struct rte_mbuf_ext_shared_info *shinfo;
	uint16_t priv_size = rte_pktmbuf_priv_size(mp);
	size_t mbuf_size = sizeof(struct rte_mbuf) + priv_size;

	while (cur->idx < cur->num &&
	       cur->off + cur->mem[cur->idx].elt_size >
	       cur->mem[cur->idx].buf_len) {
		cur->idx++;
		cur->off = 0;
	}
	if (cur->idx >= cur->num) {
		/* The caller counted the slices; this cannot happen. */
		MBUF_LOG(ERR, "pool \"%s\": no external slice for mbuf %u",
			 mp->name, i);
		return;
	}
	area = &cur->mem[cur->idx];

	memset(m, 0, mbuf_size + sizeof(*shinfo));
	m->buf_addr = (char *)area->buf_ptr + cur->off;
	rte_mbuf_iova_set(m, area->buf_iova == RTE_BAD_IOVA ? RTE_BAD_IOVA :
			  area->buf_iova + cur->off);
	cur->off += area->elt_size;
	mbuf_init_common(m, mp, priv_size, rte_pktmbuf_data_room_size(mp));
	m->ol_flags = RTE_MBUF_F_EXTERNAL;

	shinfo = (struct rte_mbuf_ext_shared_info *)((char *)m + mbuf_size);
	shinfo->free_cb = NULL; /* recycled by the library (file comment) */
	shinfo->fcb_opaque = m;
	rte_mbuf_ext_refcnt_set(shinfo, 1);
	m->shinfo = shinfo;
}

RTMEM_EXPORT struct rte_mempool *
rte_pktmbuf_pool_create_extbuf(const char *name, unsigned int n,
			       unsigned int cache_size, uint16_t priv_size,
			       uint16_t data_room_size, int socket_id,
			       const struct rte_pktmbuf_extmem *ext_mem,
			       unsigned int ext_num)
{
	const char *pname = name != NULL ? name : "(null)";
	struct rte_pktmbuf_pool_private priv;
	struct extmem_cursor cur;
	struct rte_mempool *mp;
	uint64_t slices = 0;
	unsigned int elt_size;

	if (ext_mem == NULL || ext_num == 0) {
		MBUF_LOG(ERR, "pool \"%s\": no external memory given", pname);
		rte_errno = EINVAL;
		return NULL;
	}
	if (priv_size % RTE_MBUF_PRIV_ALIGN != 0) {
		MBUF_LOG(ERR, "pool \"%s\": priv_size %u is not a multiple "
			 "of %u", pname, priv_size, RTE_MBUF_PRIV_ALIGN);
		rte_errno = EINVAL;
		return NULL;
	}
	for (unsigned int k = 0; k < ext_num; k++) {
		const struct rte_pktmbuf_extmem *a = &ext_mem[k];

		if (a->elt_size == 0 || a->buf_len == 0 ||
		    a->buf_ptr == NULL) {
			MBUF_LOG(ERR, "pool \"%s\": external area %u has a "
				 "NULL start or a zero size", pname, k);
			rte_errno = EINVAL;
			return NULL;
		}
		if (data_room_size > a->elt_size) {
			MBUF_LOG(ERR, "pool \"%s\": data room %u exceeds the "
				 "%u-byte slices of external area %u", pname,
				 data_room_size, a->elt_size, k);
			rte_errno = EINVAL;
			return NULL;
		}
		slices += a->buf_len / a->elt_size;
	}
	if (slices < n) {
		MBUF_LOG(ERR, "pool \"%s\": the external areas hold %" PRIu64
			 " buffers, fewer than %u", pname, slices, n);
		rte_errno = ENOMEM;
		return NULL;
	}

	elt_size = (unsigned int)(sizeof(struct rte_mbuf) + priv_size +
				  sizeof(struct rte_mbuf_ext_shared_info));
	memset(&priv, 0, sizeof(priv));
	priv.mbuf_data_room_size = data_room_size;
	priv.mbuf_priv_size = priv_size;
	priv.flags = RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF;

	mp = mbuf_pool_make(pname, n, elt_size, cache_size, &priv, socket_id,
			    NULL);
	if (mp == NULL)
		return NULL;
	cur.mem = ext_mem;
	cur.num = ext_num;
	cur.idx = 0;
	cur.off = 0;
	rte_mempool_obj_iter(mp, pktmbuf_init_extmem, &cur);
	return mp;
}

/* ------------------------------------------------------------------ */
/* packet operations                                                   */

/* Segments put back per rte_mempool_put_bulk() call. */
#define FREE_BATCH 64

RTMEM_EXPORT void
rte_pktmbuf_free_bulk(struct rte_mbuf **mbufs, unsigned int count)
{
	struct rte_mbuf *batch[FREE_BATCH];
	unsigned int n = 0;

	if (mbufs == NULL)
		return;
	for (unsigned int i = 0; i < count; i++) {
		struct rte_mbuf *seg = mbufs[i], *next;

		if (seg == NULL)
			continue;
#ifdef RTE_LIBRTE_MBUF_DEBUG
		if (!__rte_mbuf_asan_in_pool(seg))
			rte_mbuf_sanity_check(seg, 1);
#endif
		for (; seg != NULL; seg = next) {
			if (__rte_mbuf_asan_in_pool(seg)) {
				rtmem_mbuf_double_free(seg);
				break;
			}
			next = seg->next;
			seg = rte_pktmbuf_prefree_seg(seg);
			if (seg == NULL)
				continue;
			if (n == FREE_BATCH ||
			    (n > 0 && batch[0]->pool != seg->pool)) {
				rte_mempool_put_bulk(batch[0]->pool,
						     (void **)batch, n);
				n = 0;
			}
			batch[n++] = seg;
		}
	}
	if (n > 0)
		rte_mempool_put_bulk(batch[0]->pool, (void **)batch, n);
}

RTMEM_EXPORT struct rte_mbuf *
rte_pktmbuf_clone(struct rte_mbuf *md, struct rte_mempool *mp)
{
	struct rte_mbuf *head = NULL, **link = &head;
	uint32_t pkt_len;
	uint16_t nb_segs = 0;

	if (md == NULL || mp == NULL)
		return NULL;
	pkt_len = md->pkt_len;
	for (struct rte_mbuf *seg = md; seg != NULL; seg = seg->next) {
		struct rte_mbuf *mi = rte_pktmbuf_alloc(mp);

		if (mi == NULL)
			goto fail;
		if (!RTE_MBUF_DIRECT(mi)) {
			/* A pool of pinned buffers cannot hold clones. */
			rtmem_mbuf_attach_refused(mi);
			rte_pktmbuf_free(mi);
			goto fail;
		}
		rte_pktmbuf_attach(mi, seg);
		*link = mi;
		link = &mi->next;
		nb_segs++;
	}
	head->nb_segs = nb_segs;
	head->pkt_len = pkt_len;
	__rte_mbuf_sanity_check(head, 1);
	return head;
fail:
	rte_pktmbuf_free(head);
	return NULL;
}

RTMEM_EXPORT struct rte_mbuf *
rte_pktmbuf_copy(const struct rte_mbuf *m, struct rte_mempool *mp,
		 uint32_t offset, uint32_t length)
{
	const struct rte_mbuf *seg = m;
	struct rte_mbuf *mc, *last;
	uint32_t off = offset;

	if (m == NULL || mp == NULL)
		return NULL;
	__rte_mbuf_sanity_check(m, 1);
	if (offset >= m->pkt_len)
		return NULL;
	mc = rte_pktmbuf_alloc(mp);
	if (mc == NULL)
		return NULL;
	if (length > m->pkt_len - offset)
		length = m->pkt_len - offset;

	__rte_pktmbuf_copy_hdr(mc, m);
	/* The copy owns its data; a pinned copy keeps its own buffer. */
	mc->ol_flags = (m->ol_flags &
			~(RTE_MBUF_F_INDIRECT | RTE_MBUF_F_EXTERNAL)) |
		       (mc->ol_flags & RTE_MBUF_F_EXTERNAL);

	last = mc;
	while (length > 0) {
		uint32_t n;

		while (off >= seg->data_len) {
			off -= seg->data_len;
			seg = seg->next;
			if (seg == NULL)
				goto fail; /* pkt_len larger than the chain */
		}
		if (rte_pktmbuf_tailroom(last) == 0) {
			struct rte_mbuf *more;

			if (mc->nb_segs == RTE_MBUF_MAX_NB_SEGS)
				goto fail;
			more = rte_pktmbuf_alloc(mp);
			if (more == NULL)
				goto fail;
			last->next = more;
			last = more;
			mc->nb_segs++;
		}
		n = RTE_MIN((uint32_t)(seg->data_len - off), length);
		n = RTE_MIN(n, (uint32_t)rte_pktmbuf_tailroom(last));
		memcpy(rte_pktmbuf_mtod_offset(last, char *, last->data_len),
		       rte_pktmbuf_mtod_offset(seg, const char *, off), n);
		last->data_len = (uint16_t)(last->data_len + n);
		mc->pkt_len += n;
		off += n;
		length -= n;
	}
	__rte_mbuf_sanity_check(mc, 1);
	return mc;
fail:
	rte_pktmbuf_free(mc);
	return NULL;
}

RTMEM_EXPORT const void *
rtmem_pktmbuf_read(const struct rte_mbuf *m, uint32_t off, uint32_t len,
		   void *buf)
{
	const struct rte_mbuf *seg = m;
	char *dst = buf;

	if (m == NULL || (uint64_t)off + len > m->pkt_len)
		return NULL;
	/* Find the segment of off (the last one, for off == pkt_len). */
	while (off >= seg->data_len && seg->next != NULL) {
		off -= seg->data_len;
		seg = seg->next;
	}
	if ((uint64_t)off + len <= seg->data_len)
		return rte_pktmbuf_mtod_offset(seg, const char *, off);
	if (buf == NULL)
		return NULL;
	/* The bytes span segments: gather them. */
	while (len > 0) {
		uint32_t n;

		if (seg == NULL)
			return NULL; /* pkt_len larger than the chain */
		n = RTE_MIN((uint32_t)(seg->data_len - off), len);
		memcpy(dst, rte_pktmbuf_mtod_offset(seg, const char *, off), n);
		dst += n;
		len -= n;
		off = 0;
		seg = seg->next;
	}
	return buf;
}

RTMEM_EXPORT int
rtmem_pktmbuf_linearize(struct rte_mbuf *mbuf)
{
	struct rte_mbuf *seg, *next;
	uint64_t more = 0;
	char *dst;

	if (mbuf == NULL)
		return -1;
	if (mbuf->next == NULL)
		return 0;
	/* What the other segments hold (trusting the chain, not pkt_len). */
	for (seg = mbuf->next; seg != NULL; seg = seg->next)
		more += seg->data_len;
	if (more > rte_pktmbuf_tailroom(mbuf))
		return -1;

	dst = rte_pktmbuf_mtod_offset(mbuf, char *, mbuf->data_len);
	for (seg = mbuf->next; seg != NULL; seg = next) {
		next = seg->next;
		memcpy(dst, rte_pktmbuf_mtod(seg, const char *), seg->data_len);
		dst += seg->data_len;
		rte_pktmbuf_free_seg(seg);
	}
	mbuf->data_len = (uint16_t)(mbuf->data_len + more);
	mbuf->next = NULL;
	mbuf->nb_segs = 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* checks and dump                                                     */

RTMEM_EXPORT int
rte_mbuf_check(const struct rte_mbuf *m, int is_header, const char **reason)
{
	const char *why = NULL;
	uint32_t segs_left, len_left;
	uint16_t refcnt;

	if (m == NULL) {
		why = "mbuf is NULL";
		goto bad;
	}
	if (__rte_mbuf_asan_in_pool(m)) {
		why = "mbuf is in its pool (poisoned)";
		goto bad;
	}
	if (m->pool == NULL) {
		why = "mbuf has no pool";
		goto bad;
	}
	if (RTE_IOVA_AS_PA && rte_mbuf_iova_get(m) == 0) {
		why = "mbuf buffer has IO address 0";
		goto bad;
	}
	if (m->buf_addr == NULL) {
		why = "mbuf has no buffer address";
		goto bad;
	}
	refcnt = rte_mbuf_refcnt_read(m);
	if (refcnt == 0) {
		why = "mbuf refcnt is 0";
		goto bad;
	}
	if (refcnt == UINT16_MAX) {
		why = "mbuf refcnt is 0xffff";
		goto bad;
	}
	if (!is_header)
		return 0;
	if (m->data_len > m->pkt_len) {
		why = "mbuf data_len is larger than pkt_len";
		goto bad;
	}
	segs_left = m->nb_segs;
	len_left = m->pkt_len;
	for (const struct rte_mbuf *seg = m; seg != NULL; seg = seg->next) {
		if (seg->data_off > seg->buf_len) {
			why = "mbuf segment data_off is beyond its buffer";
			goto bad;
		}
		if ((uint32_t)seg->data_off + seg->data_len > seg->buf_len) {
			why = "mbuf segment data ends beyond its buffer";
			goto bad;
		}
		if (segs_left == 0) {
			why = "mbuf chain has more segments than nb_segs";
			goto bad;
		}
		segs_left--;
		len_left -= seg->data_len;
	}
	if (segs_left != 0) {
		why = "mbuf chain has fewer segments than nb_segs";
		goto bad;
	}
	if (len_left != 0) {
		why = "mbuf pkt_len is not the sum of the data_len";
		goto bad;
	}
	return 0;
bad:
	if (reason != NULL)
		*reason = why;
	return -1;
}

RTMEM_EXPORT void
rte_mbuf_sanity_check(const struct rte_mbuf *m, int is_header)
{
	const char *reason;

	if (rte_mbuf_check(m, is_header, &reason) != 0)
		rte_panic("mbuf %p: %s\n", (const void *)m, reason);
}

/* Hex and ASCII dump, 16 bytes a line, offsets relative to data. */
static void
hex_lines(FILE *f, const unsigned char *p, unsigned int len)
{
	for (unsigned int at = 0; at < len; at += 16) {
		unsigned int n = RTE_MIN(16u, len - at);

		fprintf(f, "    %04x:", at);
		for (unsigned int k = 0; k < 16; k++) {
			if (k < n)
				fprintf(f, " %02x", p[at + k]);
			else
				fputs("   ", f);
		}
		fputs("  |", f);
		for (unsigned int k = 0; k < n; k++) {
			unsigned char c = p[at + k];

			fputc(c >= 0x20 && c < 0x7f ? c : '.', f);
		}
		fputs("|\n", f);
	}
}

RTMEM_EXPORT void
rte_pktmbuf_dump(FILE *f, const struct rte_mbuf *m, unsigned int dump_len)
{
	unsigned int left = dump_len;
	unsigned int segs;

	if (f == NULL)
		f = stdout;
	if (m == NULL) {
		fprintf(f, "mbuf NULL\n");
		return;
	}
	__rte_mbuf_sanity_check(m, 1);
	fprintf(f, "mbuf %p (pool \"%s\"): iova %#" PRIx64 ", buf_len %u\n",
		(const void *)m, m->pool != NULL ? m->pool->name : "?",
		(uint64_t)rte_mbuf_iova_get(m), m->buf_len);
	fprintf(f, "  pkt_len %u, nb_segs %u, port %u, ol_flags %#" PRIx64
		", ptype %#" PRIx32, m->pkt_len, m->nb_segs, m->port,
		m->ol_flags, m->packet_type);
	if (m->ol_flags & (RTE_MBUF_F_RX_VLAN | RTE_MBUF_F_TX_VLAN))
		fprintf(f, ", vlan_tci %u", m->vlan_tci);
	fputc('\n', f);
	segs = m->nb_segs;
	for (const struct rte_mbuf *seg = m; seg != NULL && segs > 0;
	     seg = seg->next, segs--) {
		unsigned int n = RTE_MIN(left, (unsigned int)seg->data_len);

		fprintf(f, "  segment %p: data %p, data_len %u, data_off %u, "
			"refcnt %u\n", (const void *)seg,
			rte_pktmbuf_mtod(seg, const void *), seg->data_len,
			seg->data_off, rte_mbuf_refcnt_read(seg));
		hex_lines(f, rte_pktmbuf_mtod(seg, const unsigned char *), n);
		left -= n;
	}
}
