/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Bit manipulation helpers.
 *
 * DPDK 22.11's rte_bitops.h (RTE_BIT32/RTE_BIT64 and the relaxed
 * single-bit operations) plus the helpers later DPDK releases added to
 * this header: RTE_SHIFT_VAL*, RTE_GENMASK*, RTE_FIELD_GET* and
 * rte_clz/rte_ctz/rte_popcount for 32 and 64 bits.
 *
 * The rte_bit_relaxed_* calls are plain read-modify-write sequences on a
 * volatile word: they are not atomic, and give no ordering against other
 * memory accesses. Use them only on words no other thread writes at the
 * same time.
 */
#ifndef _RTE_BITOPS_H_
#define _RTE_BITOPS_H_

#include <stdint.h>

#include <rte_compat.h>
#include <rte_debug.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * A 64-bit value with only bit @p nr set.
 *
 * @param nr
 *   Bit index, 0 to 63.
 */
#define RTE_BIT64(nr) (UINT64_C(1) << (nr))

/**
 * A 32-bit value with only bit @p nr set.
 *
 * @param nr
 *   Bit index, 0 to 31.
 */
#define RTE_BIT32(nr) (UINT32_C(1) << (nr))

/**
 * @p val converted to 32 bits and shifted left by @p nr.
 *
 * @param val
 *   Value to shift.
 * @param nr
 *   Shift count, 0 to 31.
 */
#define RTE_SHIFT_VAL32(val, nr) ((uint32_t)(val) << (nr))

/**
 * @p val converted to 64 bits and shifted left by @p nr.
 *
 * @param val
 *   Value to shift.
 * @param nr
 *   Shift count, 0 to 63.
 */
#define RTE_SHIFT_VAL64(val, nr) ((uint64_t)(val) << (nr))

/**
 * A 32-bit mask with bits @p low to @p high (both included) set.
 *
 * @param high
 *   Highest bit index, 0 to 31.
 * @param low
 *   Lowest bit index, 0 to @p high.
 */
#define RTE_GENMASK32(high, low) \
	((~UINT32_C(0) << (low)) & (~UINT32_C(0) >> (31u - (high))))

/**
 * A 64-bit mask with bits @p low to @p high (both included) set.
 *
 * @param high
 *   Highest bit index, 0 to 63.
 * @param low
 *   Lowest bit index, 0 to @p high.
 */
#define RTE_GENMASK64(high, low) \
	((~UINT64_C(0) << (low)) & (~UINT64_C(0) >> (63u - (high))))

/**
 * Extracts the field selected by a contiguous mask from a 32-bit value.
 *
 * @param mask
 *   Nonzero contiguous mask of the field.
 * @param reg
 *   The value holding the field.
 * @return
 *   The field shifted down to bit 0, with the type of @p mask.
 */
#define RTE_FIELD_GET32(mask, reg) \
	((__typeof__(mask))(((reg) & (mask)) >> rte_ctz32(mask)))

/**
 * Extracts the field selected by a contiguous mask from a 64-bit value.
 *
 * @param mask
 *   Nonzero contiguous mask of the field.
 * @param reg
 *   The value holding the field.
 * @return
 *   The field shifted down to bit 0, with the type of @p mask.
 */
#define RTE_FIELD_GET64(mask, reg) \
	((__typeof__(mask))(((reg) & (mask)) >> rte_ctz64(mask)))

/**
 * Number of leading (most significant) zero bits of a 32-bit value.
 *
 * @param v
 *   The value; must not be 0.
 * @return
 *   0 to 31.
 */
static inline unsigned int
rte_clz32(uint32_t v)
{
	return (unsigned int)__builtin_clz(v);
}

/**
 * Number of leading (most significant) zero bits of a 64-bit value.
 *
 * @param v
 *   The value; must not be 0.
 * @return
 *   0 to 63.
 */
static inline unsigned int
rte_clz64(uint64_t v)
{
	return (unsigned int)__builtin_clzll(v);
}

/**
 * Number of trailing (least significant) zero bits of a 32-bit value.
 *
 * @param v
 *   The value; must not be 0.
 * @return
 *   0 to 31.
 */
static inline unsigned int
rte_ctz32(uint32_t v)
{
	return (unsigned int)__builtin_ctz(v);
}

/**
 * Number of trailing (least significant) zero bits of a 64-bit value.
 *
 * @param v
 *   The value; must not be 0.
 * @return
 *   0 to 63.
 */
static inline unsigned int
rte_ctz64(uint64_t v)
{
	return (unsigned int)__builtin_ctzll(v);
}

/**
 * Number of set bits of a 32-bit value.
 *
 * @param v
 *   The value.
 * @return
 *   0 to 32.
 */
static inline unsigned int
rte_popcount32(uint32_t v)
{
	return (unsigned int)__builtin_popcount(v);
}

/**
 * Number of set bits of a 64-bit value.
 *
 * @param v
 *   The value.
 * @return
 *   0 to 64.
 */
static inline unsigned int
rte_popcount64(uint64_t v)
{
	return (unsigned int)__builtin_popcountll(v);
}

/* ---- 32-bit relaxed operations */

/**
 * Reads one bit of a 32-bit word (not atomic, no ordering).
 *
 * @param nr
 *   Bit index, 0 to 31.
 * @param addr
 *   Address of the word.
 * @return
 *   The bit in place (nonzero when set, 0 when clear).
 */
__rte_experimental
static inline uint32_t
rte_bit_relaxed_get32(unsigned int nr, volatile uint32_t *addr)
{
	RTE_ASSERT(nr < 32);
	return *addr & RTE_BIT32(nr);
}

/**
 * Sets one bit of a 32-bit word (not atomic, no ordering).
 *
 * @param nr
 *   Bit index, 0 to 31.
 * @param addr
 *   Address of the word.
 */
__rte_experimental
static inline void
rte_bit_relaxed_set32(unsigned int nr, volatile uint32_t *addr)
{
	RTE_ASSERT(nr < 32);
	*addr = *addr | RTE_BIT32(nr);
}

/**
 * Clears one bit of a 32-bit word (not atomic, no ordering).
 *
 * @param nr
 *   Bit index, 0 to 31.
 * @param addr
 *   Address of the word.
 */
__rte_experimental
static inline void
rte_bit_relaxed_clear32(unsigned int nr, volatile uint32_t *addr)
{
	RTE_ASSERT(nr < 32);
	*addr = *addr & ~RTE_BIT32(nr);
}

/**
 * Sets one bit of a 32-bit word and returns its previous state (not
 * atomic, no ordering).
 *
 * @param nr
 *   Bit index, 0 to 31.
 * @param addr
 *   Address of the word.
 * @return
 *   The bit before the call, in place (nonzero when it was set).
 */
__rte_experimental
static inline uint32_t
rte_bit_relaxed_test_and_set32(unsigned int nr, volatile uint32_t *addr)
{
	uint32_t old;

	RTE_ASSERT(nr < 32);
	old = *addr;
	*addr = old | RTE_BIT32(nr);
	return old & RTE_BIT32(nr);
}

/**
 * Clears one bit of a 32-bit word and returns its previous state (not
 * atomic, no ordering).
 *
 * @param nr
 *   Bit index, 0 to 31.
 * @param addr
 *   Address of the word.
 * @return
 *   The bit before the call, in place (nonzero when it was set).
 */
__rte_experimental
static inline uint32_t
rte_bit_relaxed_test_and_clear32(unsigned int nr, volatile uint32_t *addr)
{
	uint32_t old;

	RTE_ASSERT(nr < 32);
	old = *addr;
	*addr = old & ~RTE_BIT32(nr);
	return old & RTE_BIT32(nr);
}

/* ---- 64-bit relaxed operations */

/**
 * Reads one bit of a 64-bit word (not atomic, no ordering).
 *
 * @param nr
 *   Bit index, 0 to 63.
 * @param addr
 *   Address of the word.
 * @return
 *   The bit in place (nonzero when set, 0 when clear).
 */
__rte_experimental
static inline uint64_t
rte_bit_relaxed_get64(unsigned int nr, volatile uint64_t *addr)
{
	RTE_ASSERT(nr < 64);
	return *addr & RTE_BIT64(nr);
}

/**
 * Sets one bit of a 64-bit word (not atomic, no ordering).
 *
 * @param nr
 *   Bit index, 0 to 63.
 * @param addr
 *   Address of the word.
 */
__rte_experimental
static inline void
rte_bit_relaxed_set64(unsigned int nr, volatile uint64_t *addr)
{
	RTE_ASSERT(nr < 64);
	*addr = *addr | RTE_BIT64(nr);
}

/**
 * Clears one bit of a 64-bit word (not atomic, no ordering).
 *
 * @param nr
 *   Bit index, 0 to 63.
 * @param addr
 *   Address of the word.
 */
__rte_experimental
static inline void
rte_bit_relaxed_clear64(unsigned int nr, volatile uint64_t *addr)
{
	RTE_ASSERT(nr < 64);
	*addr = *addr & ~RTE_BIT64(nr);
}

/**
 * Sets one bit of a 64-bit word and returns its previous state (not
 * atomic, no ordering).
 *
 * DPDK 22.11 returns the whole previous word here; rtmem returns only the
 * tested bit, as its documentation and the 32-bit variant do.
 *
 * @param nr
 *   Bit index, 0 to 63.
 * @param addr
 *   Address of the word.
 * @return
 *   The bit before the call, in place (nonzero when it was set).
 */
__rte_experimental
static inline uint64_t
rte_bit_relaxed_test_and_set64(unsigned int nr, volatile uint64_t *addr)
{
	uint64_t old;

	RTE_ASSERT(nr < 64);
	old = *addr;
	*addr = old | RTE_BIT64(nr);
	return old & RTE_BIT64(nr);
}

/**
 * Clears one bit of a 64-bit word and returns its previous state (not
 * atomic, no ordering).
 *
 * @param nr
 *   Bit index, 0 to 63.
 * @param addr
 *   Address of the word.
 * @return
 *   The bit before the call, in place (nonzero when it was set).
 */
__rte_experimental
static inline uint64_t
rte_bit_relaxed_test_and_clear64(unsigned int nr, volatile uint64_t *addr)
{
	uint64_t old;

	RTE_ASSERT(nr < 64);
	old = *addr;
	*addr = old & ~RTE_BIT64(nr);
	return old & RTE_BIT64(nr);
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_BITOPS_H_ */
