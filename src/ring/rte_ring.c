/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rte_ring.c: the ring's management calls (rte_ring.h): sizing, init,
 * create, free, lookup, reset and dump. Enqueue and dequeue are inline in
 * the headers (rte_ring_elem_pvt.h has the protocol and its ordering).
 *
 * A created ring is a named object (src/malloc/named_object.h): memzone
 * "RG_<name>" holding the header and the slots, listed in the shared
 * "RTE_RING" tailq, so every process of the instance finds it and, since
 * the memzone is mapped at the same address everywhere, uses the same
 * pointer. The header holds no pointer into process-private memory (the
 * memzone descriptor lives in the shared config).
 *
 * Locks: create, free, lookup and list_dump take the tailq lock through
 * named_object.c. init, reset and dump take none: init works on memory
 * nobody else sees yet, reset and dump are documented as not safe
 * against concurrent use of the ring.
 *
 * Deliberate difference from DPDK 22.11: rte_ring_create() rejects
 * unknown flags and two modes for one side with EINVAL. DPDK ignores
 * rte_ring_init()'s result there and returns a listed ring of size 0.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/queue.h>

#include <rte_errno.h>
#include <rte_ring.h>
#include <rte_tailq.h>

#include "internal/rtmem_export.h"
#include "internal/rtmem_log.h"
#include "malloc/named_object.h"

#define RING_LOG(level, fmt, ...) RTMEM_LOG(level, RING, fmt, ##__VA_ARGS__)

/* Every flag rte_ring_init() knows. */
#define RING_F_ALL (RING_F_SP_ENQ | RING_F_SC_DEQ | RING_F_EXACT_SZ | \
		    RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ |             \
		    RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ)

/* Default head-tail distance of an RTS side: capacity / this. */
#define RING_RTS_HTD_DIVISOR 8

/* The layout DPDK documents (rte_ring_core.h). */
_Static_assert(sizeof(struct rte_ring) == 6 * RTE_CACHE_LINE_SIZE,
	       "struct rte_ring is six cache lines");
_Static_assert(offsetof(struct rte_ring, prod) == 2 * RTE_CACHE_LINE_SIZE &&
	       offsetof(struct rte_ring, cons) == 4 * RTE_CACHE_LINE_SIZE,
	       "each side on its own line with a free line between");
/* Either side reads the other's tail position at offset 4, whatever its
 * mode (rte_ring_elem_pvt.h). */
_Static_assert(offsetof(struct rte_ring_headtail, tail) == 4 &&
	       offsetof(struct rte_ring_hts_headtail, ht.pos.tail) == 4 &&
	       offsetof(struct rte_ring_rts_headtail, tail.val.pos) == 4,
	       "the tail position is at offset 4 in every mode");
_Static_assert(offsetof(struct rte_ring_headtail, sync_type) ==
	       offsetof(struct rte_ring_hts_headtail, sync_type) &&
	       offsetof(struct rte_ring_headtail, sync_type) ==
	       offsetof(struct rte_ring_rts_headtail, sync_type),
	       "sync_type is at the same offset in every mode");
_Static_assert(offsetof(struct rte_ring, name) == 0,
	       "named objects keep their name at offset 0");

static struct rte_tailq_elem rte_ring_tailq = {
	.name = RTE_TAILQ_RING_NAME,
};
EAL_REGISTER_TAILQ(rte_ring_tailq)

/* 0 if a ring of count slots of esize bytes is valid, else -EINVAL. */
static int
check_size(const char *name, unsigned int esize, unsigned int count)
{
	if (esize % 4 != 0) {
		RING_LOG(ERR, "ring %s: element size %u is not a multiple of 4",
			 name, esize);
		return -EINVAL;
	}
	if (!rte_is_power_of_2(count) || count > RTE_RING_SZ_MASK) {
		RING_LOG(ERR, "ring %s: size %u is not a power of two in "
			 "[1, %u] (RING_F_EXACT_SZ takes any count)",
			 name, count, RTE_RING_SZ_MASK);
		return -EINVAL;
	}
	return 0;
}

/* Memory for count slots of esize bytes, or -EINVAL. */
static ssize_t
ring_memsize(const char *name, unsigned int esize, unsigned int count)
{
	int ret = check_size(name, esize, count);

	if (ret != 0)
		return ret;
	return (ssize_t)RTE_ALIGN_CEIL(sizeof(struct rte_ring) +
				       (size_t)count * esize,
				       RTE_CACHE_LINE_SIZE);
}

RTMEM_EXPORT ssize_t
rte_ring_get_memsize_elem(unsigned int esize, unsigned int count)
{
	return ring_memsize("(sizing)", esize, count);
}

RTMEM_EXPORT ssize_t
rte_ring_get_memsize(unsigned int count)
{
	return ring_memsize("(sizing)", sizeof(void *), count);
}

/*
 * The mode a side's flags choose: none (MT), or exactly one of st, rts,
 * hts. Returns 0 or -EINVAL for two of them.
 */
static int
side_sync_type(unsigned int flags, unsigned int st, unsigned int rts,
	       unsigned int hts, enum rte_ring_sync_type *type)
{
	unsigned int mode = flags & (st | rts | hts);

	if (mode == 0)
		*type = RTE_RING_SYNC_MT;
	else if (mode == st)
		*type = RTE_RING_SYNC_ST;
	else if (mode == rts)
		*type = RTE_RING_SYNC_MT_RTS;
	else if (mode == hts)
		*type = RTE_RING_SYNC_MT_HTS;
	else
		return -EINVAL;
	return 0;
}

/* Checks flags (logged); 0 or -EINVAL. */
static int
check_flags(const char *name, unsigned int flags,
	    enum rte_ring_sync_type *prod, enum rte_ring_sync_type *cons)
{
	if ((flags & ~RING_F_ALL) != 0) {
		RING_LOG(ERR, "ring %s: unknown flags %#x", name,
			 flags & ~RING_F_ALL);
		return -EINVAL;
	}
	if (side_sync_type(flags, RING_F_SP_ENQ, RING_F_MP_RTS_ENQ,
			   RING_F_MP_HTS_ENQ, prod) != 0) {
		RING_LOG(ERR, "ring %s: flags %#x ask for two producer modes",
			 name, flags);
		return -EINVAL;
	}
	if (side_sync_type(flags, RING_F_SC_DEQ, RING_F_MC_RTS_DEQ,
			   RING_F_MC_HTS_DEQ, cons) != 0) {
		RING_LOG(ERR, "ring %s: flags %#x ask for two consumer modes",
			 name, flags);
		return -EINVAL;
	}
	return 0;
}

/*
 * Number of slots for count objects: count itself, or with
 * RING_F_EXACT_SZ the power of two above it (0 when there is none, which
 * check_size() then refuses). As in DPDK, an exact count of 0 makes a
 * ring of one slot that holds nothing.
 */
static unsigned int
slots_for(unsigned int count, unsigned int flags)
{
	if ((flags & RING_F_EXACT_SZ) == 0)
		return count;
	return count >= RTE_RING_SZ_MASK ? 0 : rte_align32pow2(count + 1);
}

/* Sets up the header of a ring whose arguments have been checked. */
static void
ring_setup(struct rte_ring *r, const char *name, unsigned int count,
	   unsigned int slots, unsigned int flags,
	   enum rte_ring_sync_type prod, enum rte_ring_sync_type cons)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->name, sizeof(r->name), "%s", name);
	r->flags = (int)flags;
	r->size = slots;
	r->mask = slots - 1;
	r->capacity = (flags & RING_F_EXACT_SZ) != 0 ? count : slots - 1;
	r->prod.sync_type = prod;
	r->cons.sync_type = cons;
	if (prod == RTE_RING_SYNC_MT_RTS)
		r->rts_prod.htd_max = r->capacity / RING_RTS_HTD_DIVISOR;
	if (cons == RTE_RING_SYNC_MT_RTS)
		r->rts_cons.htd_max = r->capacity / RING_RTS_HTD_DIVISOR;
}

RTMEM_EXPORT int
rte_ring_init(struct rte_ring *r, const char *name, unsigned int count,
	      unsigned int flags)
{
	enum rte_ring_sync_type prod, cons;
	unsigned int slots;
	int ret;

	if (r == NULL || name == NULL) {
		RING_LOG(ERR, "rte_ring_init: %s is NULL",
			 r == NULL ? "the ring" : "the name");
		return -EINVAL;
	}
	if (strnlen(name, RTE_RING_NAMESIZE) >= RTE_RING_NAMESIZE) {
		RING_LOG(ERR, "ring %.*s...: name longer than %d characters",
			 (int)RTE_RING_NAMESIZE - 1, name,
			 (int)RTE_RING_NAMESIZE - 1);
		return -ENAMETOOLONG;
	}
	ret = check_flags(name, flags, &prod, &cons);
	if (ret != 0)
		return ret;
	slots = slots_for(count, flags);
	ret = check_size(name, sizeof(void *), slots);
	if (ret != 0)
		return ret;
	ring_setup(r, name, count, slots, flags, prod, cons);
	return 0;
}

/* What rte_ring_create_elem() hands to the named-object init. */
struct ring_args {
	const char *name;
	unsigned int count, slots, flags;
	enum rte_ring_sync_type prod, cons;
};

static int
ring_init_in_memzone(void *obj, const struct rte_memzone *mz, void *arg)
{
	const struct ring_args *a = arg;
	struct rte_ring *r = obj;

	ring_setup(r, a->name, a->count, a->slots, a->flags, a->prod, a->cons);
	r->memzone = mz;
	return 0;
}

RTMEM_EXPORT struct rte_ring *
rte_ring_create_elem(const char *name, unsigned int esize, unsigned int count,
		     int socket_id, unsigned int flags)
{
	struct ring_args a = { .name = name, .count = count, .flags = flags };
	const char *shown = name != NULL ? name : "(null)";
	ssize_t size;
	int ret;

	ret = check_flags(shown, flags, &a.prod, &a.cons);
	if (ret != 0) {
		rte_errno = -ret;
		return NULL;
	}
	a.slots = slots_for(count, flags);
	size = ring_memsize(shown, esize, a.slots);
	if (size < 0) {
		rte_errno = (int)-size;
		return NULL;
	}
	return named_object_create(&rte_ring_tailq, "ring", RTE_RING_MZ_PREFIX,
				   name, RTE_RING_NAMESIZE, (size_t)size,
				   socket_id, 0, ring_init_in_memzone, &a);
}

RTMEM_EXPORT struct rte_ring *
rte_ring_create(const char *name, unsigned int count, int socket_id,
		unsigned int flags)
{
	return rte_ring_create_elem(name, sizeof(void *), count, socket_id,
				    flags);
}

RTMEM_EXPORT void
rte_ring_free(struct rte_ring *r)
{
	if (r == NULL)
		return;
	if (r->memzone == NULL) {
		RING_LOG(ERR, "ring %s: not made by rte_ring_create(), "
			 "not freed", r->name);
		return;
	}
	named_object_free(&rte_ring_tailq, "ring", r, r->memzone);
}

RTMEM_EXPORT struct rte_ring *
rte_ring_lookup(const char *name)
{
	return named_object_lookup(&rte_ring_tailq, name, RTE_RING_NAMESIZE);
}

/* Zero one side in the form of its mode (the forms overlap). */
static void
reset_side(struct rte_ring_headtail *ht)
{
	if (ht->sync_type == RTE_RING_SYNC_MT_RTS) {
		struct rte_ring_rts_headtail *rts =
			(struct rte_ring_rts_headtail *)ht;

		rts->head.raw = 0;
		rts->tail.raw = 0;
	} else {
		ht->head = 0;
		ht->tail = 0;
	}
}

RTMEM_EXPORT void
rte_ring_reset(struct rte_ring *r)
{
	reset_side(&r->prod);
	reset_side(&r->cons);
}

static const char *
sync_name(enum rte_ring_sync_type t)
{
	switch (t) {
	case RTE_RING_SYNC_MT:
		return "MT";
	case RTE_RING_SYNC_ST:
		return "ST";
	case RTE_RING_SYNC_MT_RTS:
		return "MT_RTS";
	case RTE_RING_SYNC_MT_HTS:
		return "MT_HTS";
	}
	return "invalid";
}

RTMEM_EXPORT void
rte_ring_headtail_dump(FILE *f, const char *prefix,
		       const struct rte_ring_headtail *ht)
{
	const char *p = prefix != NULL ? prefix : "";

	if (f == NULL || ht == NULL)
		return;
	fprintf(f, "%ssync_type=%s\n", p, sync_name(ht->sync_type));
	switch (ht->sync_type) {
	case RTE_RING_SYNC_MT_RTS: {
		const struct rte_ring_rts_headtail *rts =
			(const struct rte_ring_rts_headtail *)ht;

		fprintf(f, "%shead.cnt=%" PRIu32 "\n", p, rts->head.val.cnt);
		fprintf(f, "%shead.pos=%" PRIu32 "\n", p, rts->head.val.pos);
		fprintf(f, "%stail.cnt=%" PRIu32 "\n", p, rts->tail.val.cnt);
		fprintf(f, "%stail.pos=%" PRIu32 "\n", p, rts->tail.val.pos);
		fprintf(f, "%shtd_max=%" PRIu32 "\n", p, rts->htd_max);
		break;
	}
	case RTE_RING_SYNC_MT_HTS: {
		const struct rte_ring_hts_headtail *hts =
			(const struct rte_ring_hts_headtail *)ht;

		fprintf(f, "%shead=%" PRIu32 "\n", p, hts->ht.pos.head);
		fprintf(f, "%stail=%" PRIu32 "\n", p, hts->ht.pos.tail);
		break;
	}
	default:
		fprintf(f, "%shead=%" PRIu32 "\n", p, ht->head);
		fprintf(f, "%stail=%" PRIu32 "\n", p, ht->tail);
		break;
	}
}

RTMEM_EXPORT void
rte_ring_dump(FILE *f, const struct rte_ring *r)
{
	if (f == NULL)
		return;
	if (r == NULL) {
		fprintf(f, "ring: NULL\n");
		return;
	}
	fprintf(f, "ring <%s>@%p\n", r->name, (const void *)r);
	fprintf(f, "  flags=%x\n", (unsigned int)r->flags);
	fprintf(f, "  size=%" PRIu32 "\n", r->size);
	fprintf(f, "  capacity=%" PRIu32 "\n", r->capacity);
	fprintf(f, "  used=%u\n", rte_ring_count(r));
	fprintf(f, "  avail=%u\n", rte_ring_free_count(r));
	rte_ring_headtail_dump(f, "  prod.", &r->prod);
	rte_ring_headtail_dump(f, "  cons.", &r->cons);
}

static void
dump_listed(FILE *f, const void *obj)
{
	rte_ring_dump(f, obj);
}

RTMEM_EXPORT void
rte_ring_list_dump(FILE *f)
{
	if (f == NULL)
		return;
	named_object_list_dump(&rte_ring_tailq, f, dump_listed);
}
