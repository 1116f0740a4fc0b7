/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Dynamic mbuf fields and flags: named bytes of struct rte_mbuf and named
 * bits of ol_flags that libraries and applications reserve at run time
 * instead of adding fields to the structure.
 *
 * - A dynamic field is size bytes at an offset aligned to align, taken
 *   from the bytes no static field uses (dynfield1, 36 bytes). Read and
 *   write it with RTE_MBUF_DYNFIELD(m, offset, type *).
 * - A dynamic flag is one bit of ol_flags between RTE_MBUF_F_FIRST_FREE
 *   and RTE_MBUF_F_LAST_FREE (18 bits); test it with
 *   m->ol_flags & (1ULL << bitnum).
 *
 * The placement is automatic (the lowest free offset that suits the
 * alignment; the lowest free bit) unless a given offset or bit is asked
 * for. Registering a name again with the same parameters returns the same
 * offset or bit; nothing is ever unregistered.
 *
 * The registry is shared by every process of an instance: it lives in the
 * memzone "rte_mbuf_dyn" (created by the first registration or lookup in
 * any process) and is changed under the shared named-list lock
 * (rte_mcfg_tailq_write_lock()), so a field registered in one process is
 * found at the same offset by the others. All calls are thread-safe.
 *
 * Names: "rte_mbuf_dynfield_<name>" in the mbuf library,
 * "rte_<lib>_dynfield_<name>" in other libraries, anything not starting
 * with "rte_" in applications (the same for flags).
 */
#ifndef _RTE_MBUF_DYN_H_
#define _RTE_MBUF_DYN_H_

#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Size of a dynamic field or flag name including its NUL. */
#define RTE_MBUF_DYN_NAMESIZE 64

/** What a dynamic field needs. */
struct rte_mbuf_dynfield {
	char name[RTE_MBUF_DYN_NAMESIZE]; /**< Name, NUL-terminated. */
	size_t size;        /**< Bytes to reserve. */
	size_t align;       /**< Alignment, a power of 2. */
	unsigned int flags; /**< Must be 0. */
};

/** What a dynamic flag needs. */
struct rte_mbuf_dynflag {
	char name[RTE_MBUF_DYN_NAMESIZE]; /**< Name, NUL-terminated. */
	unsigned int flags; /**< Must be 0. */
};

/**
 * Reserves room for a dynamic field, where it fits best (the lowest
 * free offset aligned to params->align). Registering the same name with
 * the same parameters again returns the same offset.
 *
 * @param params
 *   Name, size, alignment and flags of the field.
 * @return
 *   The offset of the field in struct rte_mbuf, or -1 with rte_errno:
 *   - EINVAL: params NULL, size larger than an mbuf, align not a power
 *     of 2, or flags not 0;
 *   - ENAMETOOLONG: the name has no NUL in RTE_MBUF_DYN_NAMESIZE bytes;
 *   - EEXIST: the name is registered with other parameters;
 *   - ENOENT: no free room of that size and alignment (so also for an
 *     alignment larger than the mbuf);
 *   - ENOMEM: the registry cannot be created, or is full.
 */
int rte_mbuf_dynfield_register(const struct rte_mbuf_dynfield *params);

/**
 * Reserves room for a dynamic field at a given offset.
 *
 * @param params
 *   Name, size, alignment and flags of the field.
 * @param offset
 *   The offset wanted, or SIZE_MAX for any (as
 *   rte_mbuf_dynfield_register()).
 * @return
 *   The offset, or -1 with rte_errno as for rte_mbuf_dynfield_register()
 *   and:
 *   - EEXIST: the name is registered at another offset;
 *   - EBUSY: offset is not a multiple of params->align, or some of those
 *     bytes are not free (used by a static field, another dynamic field,
 *     or past the end of the mbuf).
 */
int rte_mbuf_dynfield_register_offset(const struct rte_mbuf_dynfield *params,
				      size_t offset);

/**
 * Finds a registered dynamic field.
 *
 * @param name
 *   Its name.
 * @param params
 *   Filled with its parameters when not NULL.
 * @return
 *   Its offset, or -1 with rte_errno ENOENT (also for a NULL name).
 */
int rte_mbuf_dynfield_lookup(const char *name,
			     struct rte_mbuf_dynfield *params);

/**
 * Reserves a dynamic flag: the lowest free bit of ol_flags. Registering
 * the same name again returns the same bit.
 *
 * @param params
 *   Name and flags of the flag.
 * @return
 *   The bit number (RTE_MBUF_F_FIRST_FREE's to RTE_MBUF_F_LAST_FREE's),
 *   or -1 with rte_errno:
 *   - EINVAL: params NULL or flags not 0;
 *   - ENAMETOOLONG: the name has no NUL in RTE_MBUF_DYN_NAMESIZE bytes;
 *   - EEXIST: the name is registered with other parameters;
 *   - ENOENT: no free bit;
 *   - ENOMEM: the registry cannot be created.
 */
int rte_mbuf_dynflag_register(const struct rte_mbuf_dynflag *params);

/**
 * Reserves a given bit of ol_flags as a dynamic flag.
 *
 * @param params
 *   Name and flags of the flag.
 * @param bitnum
 *   The bit wanted, or UINT_MAX for any (as rte_mbuf_dynflag_register()).
 * @return
 *   The bit number, or -1 with rte_errno as for
 *   rte_mbuf_dynflag_register() and:
 *   - EINVAL: bitnum 64 or more (and not UINT_MAX);
 *   - EEXIST: the name is registered with another bit;
 *   - EBUSY: the bit is not free (a static flag or another dynamic flag).
 */
int rte_mbuf_dynflag_register_bitnum(const struct rte_mbuf_dynflag *params,
				     unsigned int bitnum);

/**
 * Finds a registered dynamic flag.
 *
 * @param name
 *   Its name.
 * @param params
 *   Filled with its parameters when not NULL.
 * @return
 *   Its bit number, or -1 with rte_errno ENOENT (also for a NULL name).
 */
int rte_mbuf_dynflag_lookup(const char *name,
			    struct rte_mbuf_dynflag *params);

/**
 * Pointer to a dynamic field of an mbuf.
 *
 * @param m
 *   The mbuf.
 * @param offset
 *   The offset returned by a register or lookup call.
 * @param type
 *   The pointer type to return.
 */
#define RTE_MBUF_DYNFIELD(m, offset, type) ((type)((uintptr_t)(m) + (offset)))

/**
 * Prints the registered fields and flags and the free room.
 *
 * @param out
 *   The stream.
 */
void rte_mbuf_dyn_dump(FILE *out);

/* Well-known dynamic fields and flags (names as in DPDK 22.11). */

/** Field for flow metadata (rte_flow), 32 bits. */
#define RTE_MBUF_DYNFIELD_METADATA_NAME "rte_flow_dynfield_metadata"
/** Flag: the metadata field is valid. */
#define RTE_MBUF_DYNFLAG_METADATA_NAME "rte_flow_dynflag_metadata"

/** Field for a timestamp (rte_mbuf_timestamp_t). */
#define RTE_MBUF_DYNFIELD_TIMESTAMP_NAME "rte_dynfield_timestamp"
/** Type of the timestamp field; the unit is the driver's. */
typedef uint64_t rte_mbuf_timestamp_t;

/** Flag: the timestamp field holds the receive time. */
#define RTE_MBUF_DYNFLAG_RX_TIMESTAMP_NAME "rte_dynflag_rx_timestamp"

/**
 * Registers the timestamp field and the RX timestamp flag.
 *
 * @param field_offset
 *   Set to the field's offset, if not NULL.
 * @param rx_flag
 *   Set to the flag's mask (1 << bit), if not NULL.
 * @return
 *   0, or -1 with rte_errno as for the register calls.
 */
int rte_mbuf_dyn_rx_timestamp_register(int *field_offset, uint64_t *rx_flag);

/** Flag: send the packet at the time in the timestamp field. */
#define RTE_MBUF_DYNFLAG_TX_TIMESTAMP_NAME "rte_dynflag_tx_timestamp"

/**
 * Registers the timestamp field and the TX timestamp flag.
 *
 * @param field_offset
 *   Set to the field's offset, if not NULL.
 * @param tx_flag
 *   Set to the flag's mask (1 << bit), if not NULL.
 * @return
 *   0, or -1 with rte_errno as for the register calls.
 */
int rte_mbuf_dyn_tx_timestamp_register(int *field_offset, uint64_t *tx_flag);

/** Field for the IP reassembly offload. */
#define RTE_MBUF_DYNFIELD_IP_REASSEMBLY_NAME "rte_dynfield_ip_reassembly"
/** Flag: the IP reassembly was not completed. */
#define RTE_MBUF_DYNFLAG_IP_REASSEMBLY_INCOMPLETE_NAME \
	"rte_dynflag_ip_reassembly_incomplete"

#ifdef __cplusplus
}
#endif

#endif /* _RTE_MBUF_DYN_H_ */
