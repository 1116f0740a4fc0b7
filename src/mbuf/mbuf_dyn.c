/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mbuf_dyn.c: the registry of dynamic mbuf fields and flags
 * (rte_mbuf_dyn.h).
 *
 * Shared memory: one struct dyn_registry in the memzone "rte_mbuf_dyn",
 * created and initialised by the first call (register, lookup or dump)
 * of any process, never freed. It holds a map of the mbuf's 128 bytes
 * (free_space[i] != 0: byte i may be given to a dynamic field; only
 * dynfield1 starts free), a mask of the ol_flags bits still free (bits 23
 * to 40 at first), and the registered fields and flags with their
 * placement. Nothing is ever unregistered, so offsets and bits stay
 * valid for the life of the instance, in every process.
 *
 * Locks: every call takes the shared named-list lock
 * (rte_mcfg_tailq_write_lock(): recursive, survives a dead holder) for
 * the whole operation, memzone creation included, so the registry is
 * never seen half-initialised and two processes registering the same
 * name get the same answer. Lock order: TAILQ, then the memzone lock.
 *
 * Placement: a field goes at the lowest offset aligned to its alignment
 * whose bytes are all free (DPDK scores the free zones instead, so its
 * automatic offsets may differ; offsets asked for explicitly are the
 * same); a flag takes the lowest free bit.
 *
 * Who may call: any thread of any process (DPDK documents EPERM for
 * secondaries, but does not enforce it; neither does rtmem).
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_mbuf.h>
#include <rte_mbuf_dyn.h>
#include <rte_memzone.h>

#include "internal/rtmem_export.h"
#include "mbuf/mbuf_private.h"

#define DYN_MZ "rte_mbuf_dyn"
#define DYN_MAGIC 0x6d627566647966ULL /* marks an initialised registry */
#define DYN_MAX_FIELDS 64
#define DYN_MAX_FLAGS 64

struct dyn_field {
	struct rte_mbuf_dynfield params;
	size_t offset;
};

struct dyn_flag {
	struct rte_mbuf_dynflag params;
	unsigned int bitnum;
};

struct dyn_registry {
	uint64_t magic;                            /* DYN_MAGIC once set up */
	uint8_t free_space[sizeof(struct rte_mbuf)]; /* 1: byte free */
	uint64_t free_flags;                       /* 1: bit free */
	unsigned int nb_fields;                    /* entries of fields[] */
	unsigned int nb_flags;                     /* entries of flags[] */
	struct dyn_field fields[DYN_MAX_FIELDS];
	struct dyn_flag flags[DYN_MAX_FLAGS];
};

/*
 * The registry, created when missing. Lock held. NULL with rte_errno
 * ENOMEM when it cannot be created (logged).
 */
static struct dyn_registry *
registry(void)
{
	const struct rte_memzone *mz = rte_memzone_lookup(DYN_MZ);
	struct dyn_registry *reg;

	if (mz == NULL) {
		mz = rte_memzone_reserve(DYN_MZ, sizeof(*reg), SOCKET_ID_ANY,
					 0);
		if (mz == NULL) {
			MBUF_LOG(ERR, "cannot create the dynamic field "
				 "registry (memzone %s): %s", DYN_MZ,
				 rte_strerror(rte_errno));
			rte_errno = ENOMEM;
			return NULL;
		}
	}
	reg = mz->addr;
	if (reg->magic != DYN_MAGIC) {
		memset(reg, 0, sizeof(*reg));
		memset(reg->free_space + offsetof(struct rte_mbuf, dynfield1),
		       1, sizeof(((struct rte_mbuf *)0)->dynfield1));
#if !RTE_IOVA_AS_PA
		memset(reg->free_space + offsetof(struct rte_mbuf, dynfield2),
		       1, sizeof(((struct rte_mbuf *)0)->dynfield2));
#endif
		for (uint64_t b = RTE_MBUF_F_FIRST_FREE;
		     b <= RTE_MBUF_F_LAST_FREE; b <<= 1)
			reg->free_flags |= b;
		reg->magic = DYN_MAGIC;
	}
	return reg;
}

/* 1 when name is NUL-terminated within RTE_MBUF_DYN_NAMESIZE bytes. */
static int
name_ok(const char *name)
{
	return memchr(name, '\0', RTE_MBUF_DYN_NAMESIZE) != NULL;
}

static struct dyn_field *
find_field(struct dyn_registry *reg, const char *name)
{
	for (unsigned int i = 0; i < reg->nb_fields; i++)
		if (strcmp(reg->fields[i].params.name, name) == 0)
			return &reg->fields[i];
	return NULL;
}

static struct dyn_flag *
find_flag(struct dyn_registry *reg, const char *name)
{
	for (unsigned int i = 0; i < reg->nb_flags; i++)
		if (strcmp(reg->flags[i].params.name, name) == 0)
			return &reg->flags[i];
	return NULL;
}

/* 1 when bytes [off, off + size) of the mbuf are free. */
static int
bytes_free(const struct dyn_registry *reg, size_t off, size_t size)
{
	if (off > sizeof(struct rte_mbuf) ||
	    size > sizeof(struct rte_mbuf) - off)
		return 0;
	for (size_t i = off; i < off + size; i++)
		if (!reg->free_space[i])
			return 0;
	return 1;
}

/* Fails a registration: rte_errno, one log line, -1. */
static int
refuse(const char *what, const char *name, int err, const char *why)
{
	MBUF_LOG(ERR, "dynamic %s \"%.*s\" not registered: %s", what,
		 RTE_MBUF_DYN_NAMESIZE - 1, name, why);
	rte_errno = err;
	return -1;
}

RTMEM_EXPORT int
rte_mbuf_dynfield_register_offset(const struct rte_mbuf_dynfield *params,
				  size_t req)
{
	struct dyn_registry *reg;
	struct dyn_field *f;
	size_t off;
	int ret;

	if (params == NULL) {
		MBUF_LOG(ERR, "rte_mbuf_dynfield_register: params is NULL");
		rte_errno = EINVAL;
		return -1;
	}
	if (!name_ok(params->name))
		return refuse("field", params->name, ENAMETOOLONG,
			      "name not terminated");
	if (params->size > sizeof(struct rte_mbuf) || params->flags != 0 ||
	    !RTE_IS_POWER_OF_2(params->align))
		return refuse("field", params->name, EINVAL,
			      "bad size, alignment or flags");
	/* (An offset that breaks the alignment is EBUSY, as in DPDK.) */
	if (req != SIZE_MAX && req % params->align != 0)
		return refuse("field", params->name, EBUSY,
			      "offset not aligned");

	rte_mcfg_tailq_write_lock();
	reg = registry();
	if (reg == NULL) {
		ret = -1;
		goto out;
	}
	f = find_field(reg, params->name);
	if (f != NULL) {
		if (f->params.size == params->size &&
		    f->params.align == params->align &&
		    f->params.flags == params->flags &&
		    (req == SIZE_MAX || req == f->offset)) {
			ret = (int)f->offset;
		} else {
			ret = refuse("field", params->name, EEXIST,
				     "registered with other parameters");
		}
		goto out;
	}
	if (reg->nb_fields == DYN_MAX_FIELDS) {
		ret = refuse("field", params->name, ENOMEM,
			     "the registry is full");
		goto out;
	}
	if (req != SIZE_MAX) {
		if (!bytes_free(reg, req, params->size)) {
			ret = refuse("field", params->name, EBUSY,
				     "those bytes are not free");
			goto out;
		}
		off = req;
	} else {
		for (off = 0; off + params->size <= sizeof(struct rte_mbuf);
		     off += params->align)
			if (bytes_free(reg, off, params->size))
				break;
		if (off + params->size > sizeof(struct rte_mbuf)) {
			ret = refuse("field", params->name, ENOENT,
				     "no free room of that size");
			goto out;
		}
	}
	memset(reg->free_space + off, 0, params->size);
	f = &reg->fields[reg->nb_fields];
	f->params = *params;
	f->offset = off;
	reg->nb_fields++;
	ret = (int)off;
	MBUF_LOG(DEBUG, "dynamic field \"%s\" at offset %zu (%zu bytes)",
		 params->name, off, params->size);
out:
	rte_mcfg_tailq_write_unlock();
	return ret;
}

RTMEM_EXPORT int
rte_mbuf_dynfield_register(const struct rte_mbuf_dynfield *params)
{
	return rte_mbuf_dynfield_register_offset(params, SIZE_MAX);
}

RTMEM_EXPORT int
rte_mbuf_dynfield_lookup(const char *name, struct rte_mbuf_dynfield *params)
{
	struct dyn_registry *reg;
	struct dyn_field *f = NULL;
	int ret = -1;

	if (name == NULL) {
		rte_errno = ENOENT;
		return -1;
	}
	rte_mcfg_tailq_write_lock();
	reg = registry();
	if (reg != NULL)
		f = find_field(reg, name);
	if (f != NULL) {
		if (params != NULL)
			*params = f->params;
		ret = (int)f->offset;
	}
	rte_mcfg_tailq_write_unlock();
	if (ret < 0)
		rte_errno = ENOENT;
	return ret;
}

RTMEM_EXPORT int
rte_mbuf_dynflag_register_bitnum(const struct rte_mbuf_dynflag *params,
				 unsigned int req)
{
	struct dyn_registry *reg;
	struct dyn_flag *f;
	unsigned int bit;
	int ret;

	if (params == NULL) {
		MBUF_LOG(ERR, "rte_mbuf_dynflag_register: params is NULL");
		rte_errno = EINVAL;
		return -1;
	}
	if (!name_ok(params->name))
		return refuse("flag", params->name, ENAMETOOLONG,
			      "name not terminated");
	if (params->flags != 0)
		return refuse("flag", params->name, EINVAL, "flags not 0");
	if (req != UINT_MAX && req >= 64)
		return refuse("flag", params->name, EINVAL,
			      "bit number beyond 63");

	rte_mcfg_tailq_write_lock();
	reg = registry();
	if (reg == NULL) {
		ret = -1;
		goto out;
	}
	f = find_flag(reg, params->name);
	if (f != NULL) {
		if (f->params.flags == params->flags &&
		    (req == UINT_MAX || req == f->bitnum))
			ret = (int)f->bitnum;
		else
			ret = refuse("flag", params->name, EEXIST,
				     "registered with another bit");
		goto out;
	}
	if (req != UINT_MAX) {
		if (!(reg->free_flags & (1ULL << req))) {
			ret = refuse("flag", params->name, EBUSY,
				     "that bit is not free");
			goto out;
		}
		bit = req;
	} else {
		if (reg->free_flags == 0) {
			ret = refuse("flag", params->name, ENOENT,
				     "no free bit");
			goto out;
		}
		bit = (unsigned int)__builtin_ctzll(reg->free_flags);
	}
	if (reg->nb_flags == DYN_MAX_FLAGS) { /* cannot happen: 18 bits */
		ret = refuse("flag", params->name, ENOMEM,
			     "the registry is full");
		goto out;
	}
	reg->free_flags &= ~(1ULL << bit);
	f = &reg->flags[reg->nb_flags];
	f->params = *params;
	f->bitnum = bit;
	reg->nb_flags++;
	ret = (int)bit;
	MBUF_LOG(DEBUG, "dynamic flag \"%s\" at bit %u", params->name, bit);
out:
	rte_mcfg_tailq_write_unlock();
	return ret;
}

RTMEM_EXPORT int
rte_mbuf_dynflag_register(const struct rte_mbuf_dynflag *params)
{
	return rte_mbuf_dynflag_register_bitnum(params, UINT_MAX);
}

RTMEM_EXPORT int
rte_mbuf_dynflag_lookup(const char *name, struct rte_mbuf_dynflag *params)
{
	struct dyn_registry *reg;
	struct dyn_flag *f = NULL;
	int ret = -1;

	if (name == NULL) {
		rte_errno = ENOENT;
		return -1;
	}
	rte_mcfg_tailq_write_lock();
	reg = registry();
	if (reg != NULL)
		f = find_flag(reg, name);
	if (f != NULL) {
		if (params != NULL)
			*params = f->params;
		ret = (int)f->bitnum;
	}
	rte_mcfg_tailq_write_unlock();
	if (ret < 0)
		rte_errno = ENOENT;
	return ret;
}

RTMEM_EXPORT void
rte_mbuf_dyn_dump(FILE *out)
{
	struct dyn_registry *reg;

	if (out == NULL)
		out = stdout;
	rte_mcfg_tailq_write_lock();
	reg = registry();
	if (reg == NULL) {
		fprintf(out, "mbuf dynamic fields: no registry\n");
		goto out;
	}
	fprintf(out, "mbuf dynamic fields (%u):\n", reg->nb_fields);
	for (unsigned int i = 0; i < reg->nb_fields; i++) {
		const struct dyn_field *f = &reg->fields[i];

		fprintf(out, "  %-32s offset %3zu size %zu align %zu "
			"flags %#x\n", f->params.name, f->offset,
			f->params.size, f->params.align, f->params.flags);
	}
	fprintf(out, "mbuf dynamic flags (%u):\n", reg->nb_flags);
	for (unsigned int i = 0; i < reg->nb_flags; i++) {
		const struct dyn_flag *f = &reg->flags[i];

		fprintf(out, "  %-32s bit %2u flags %#x\n", f->params.name,
			f->bitnum, f->params.flags);
	}
	fprintf(out, "free bytes of struct rte_mbuf ('.' used, 'f' free):\n");
	for (size_t i = 0; i < sizeof(struct rte_mbuf); i += 32) {
		fprintf(out, "  %3zu: ", i);
		for (size_t k = i; k < i + 32; k++)
			fputc(reg->free_space[k] ? 'f' : '.', out);
		fputc('\n', out);
	}
	fprintf(out, "free ol_flags bits: %#018" PRIx64 "\n", reg->free_flags);
out:
	rte_mcfg_tailq_write_unlock();
}

/* The timestamp field and one timestamp flag. */
static int
timestamp_register(int *field_offset, uint64_t *flag, const char *flag_name)
{
	struct rte_mbuf_dynfield field;
	struct rte_mbuf_dynflag fl;
	int off, bit;

	memset(&field, 0, sizeof(field));
	snprintf(field.name, sizeof(field.name), "%s",
		 RTE_MBUF_DYNFIELD_TIMESTAMP_NAME);
	field.size = sizeof(rte_mbuf_timestamp_t);
	field.align = _Alignof(rte_mbuf_timestamp_t);
	memset(&fl, 0, sizeof(fl));
	snprintf(fl.name, sizeof(fl.name), "%s", flag_name);

	off = rte_mbuf_dynfield_register(&field);
	if (off < 0)
		return -1;
	bit = rte_mbuf_dynflag_register(&fl);
	if (bit < 0)
		return -1;
	if (field_offset != NULL)
		*field_offset = off;
	if (flag != NULL)
		*flag = 1ULL << bit;
	return 0;
}

RTMEM_EXPORT int
rte_mbuf_dyn_rx_timestamp_register(int *field_offset, uint64_t *rx_flag)
{
	return timestamp_register(field_offset, rx_flag,
				  RTE_MBUF_DYNFLAG_RX_TIMESTAMP_NAME);
}

RTMEM_EXPORT int
rte_mbuf_dyn_tx_timestamp_register(int *field_offset, uint64_t *tx_flag)
{
	return timestamp_register(field_offset, tx_flag,
				  RTE_MBUF_DYNFLAG_TX_TIMESTAMP_NAME);
}
