/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Byte-order conversion.
 *
 * rte_bswap16/32/64 reverse the bytes of a value; rte_cpu_to_be_N,
 * rte_be_to_cpu_N, rte_cpu_to_le_N and rte_le_to_cpu_N convert between the
 * CPU's order and a fixed one (identity or swap, depending on
 * RTE_BYTE_ORDER). They are macros over compiler builtins, so that given
 * a constant they are constant expressions usable in static initialisers;
 * the argument is evaluated once. RTE_BE16(v) and friends do the same for
 * constants and give the rte_beN_t/rte_leN_t type.
 */
#ifndef _RTE_BYTEORDER_H_
#define _RTE_BYTEORDER_H_

#include <endian.h>
#include <stdint.h>

#include <rte_common.h>
#include <rte_config.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Value of RTE_BYTE_ORDER on big-endian CPUs. */
#define RTE_BIG_ENDIAN 1
/** Value of RTE_BYTE_ORDER on little-endian CPUs. */
#define RTE_LITTLE_ENDIAN 2

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
/** The CPU's byte order: RTE_BIG_ENDIAN or RTE_LITTLE_ENDIAN. */
#define RTE_BYTE_ORDER RTE_BIG_ENDIAN
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define RTE_BYTE_ORDER RTE_LITTLE_ENDIAN
#else
#error "rte_byteorder.h: cannot tell the CPU's byte order"
#endif

/**
 * Byte swap of a 16-bit value as a constant expression (evaluates @p v
 * twice; prefer rte_bswap16() for variables).
 */
#define RTE_STATIC_BSWAP16(v) \
	((uint16_t)((((uint16_t)(v) & UINT16_C(0x00ff)) << 8) | \
		    (((uint16_t)(v) & UINT16_C(0xff00)) >> 8)))

/** Byte swap of a 32-bit value as a constant expression. */
#define RTE_STATIC_BSWAP32(v) \
	((((uint32_t)(v) & UINT32_C(0x000000ff)) << 24) | \
	 (((uint32_t)(v) & UINT32_C(0x0000ff00)) << 8) | \
	 (((uint32_t)(v) & UINT32_C(0x00ff0000)) >> 8) | \
	 (((uint32_t)(v) & UINT32_C(0xff000000)) >> 24))

/** Byte swap of a 64-bit value as a constant expression. */
#define RTE_STATIC_BSWAP64(v) \
	((((uint64_t)(v) & UINT64_C(0x00000000000000ff)) << 56) | \
	 (((uint64_t)(v) & UINT64_C(0x000000000000ff00)) << 40) | \
	 (((uint64_t)(v) & UINT64_C(0x0000000000ff0000)) << 24) | \
	 (((uint64_t)(v) & UINT64_C(0x00000000ff000000)) << 8) | \
	 (((uint64_t)(v) & UINT64_C(0x000000ff00000000)) >> 8) | \
	 (((uint64_t)(v) & UINT64_C(0x0000ff0000000000)) >> 24) | \
	 (((uint64_t)(v) & UINT64_C(0x00ff000000000000)) >> 40) | \
	 (((uint64_t)(v) & UINT64_C(0xff00000000000000)) >> 56))

typedef uint16_t rte_be16_t; /**< A 16-bit value in big-endian order. */
typedef uint32_t rte_be32_t; /**< A 32-bit value in big-endian order. */
typedef uint64_t rte_be64_t; /**< A 64-bit value in big-endian order. */
typedef uint16_t rte_le16_t; /**< A 16-bit value in little-endian order. */
typedef uint32_t rte_le32_t; /**< A 32-bit value in little-endian order. */
typedef uint64_t rte_le64_t; /**< A 64-bit value in little-endian order. */

/**
 * Byte swap of a 16-bit constant (same as RTE_STATIC_BSWAP16()).
 *
 * @param x
 *   The value.
 * @return
 *   @p x with its two bytes exchanged.
 */
static inline uint16_t
rte_constant_bswap16(uint16_t x)
{
	return (uint16_t)RTE_STATIC_BSWAP16(x);
}

/**
 * Byte swap of a 32-bit constant (same as RTE_STATIC_BSWAP32()).
 *
 * @param x
 *   The value.
 * @return
 *   @p x with its bytes in reverse order.
 */
static inline uint32_t
rte_constant_bswap32(uint32_t x)
{
	return (uint32_t)RTE_STATIC_BSWAP32(x);
}

/**
 * Byte swap of a 64-bit constant (same as RTE_STATIC_BSWAP64()).
 *
 * @param x
 *   The value.
 * @return
 *   @p x with its bytes in reverse order.
 */
static inline uint64_t
rte_constant_bswap64(uint64_t x)
{
	return (uint64_t)RTE_STATIC_BSWAP64(x);
}

/**
 * Byte swap of a 16-bit value (the architecture helper behind
 * rte_bswap16(); prefer rte_bswap16()).
 *
 * @param x
 *   The value.
 * @return
 *   @p x with its two bytes exchanged.
 */
static inline uint16_t
rte_arch_bswap16(uint16_t x)
{
	return __builtin_bswap16(x);
}

/**
 * Byte swap of a 32-bit value (prefer rte_bswap32()).
 *
 * @param x
 *   The value.
 * @return
 *   @p x with its bytes in reverse order.
 */
static inline uint32_t
rte_arch_bswap32(uint32_t x)
{
	return __builtin_bswap32(x);
}

/**
 * Byte swap of a 64-bit value (prefer rte_bswap64()).
 *
 * @param x
 *   The value.
 * @return
 *   @p x with its bytes in reverse order.
 */
static inline uint64_t
rte_arch_bswap64(uint64_t x)
{
	return __builtin_bswap64(x);
}

/**
 * Reverses the bytes of a 16-bit value.
 *
 * @param x
 *   The value (converted to uint16_t).
 */
#define rte_bswap16(x) ((uint16_t)__builtin_bswap16((uint16_t)(x)))

/**
 * Reverses the bytes of a 32-bit value.
 *
 * @param x
 *   The value (converted to uint32_t).
 */
#define rte_bswap32(x) ((uint32_t)__builtin_bswap32((uint32_t)(x)))

/**
 * Reverses the bytes of a 64-bit value.
 *
 * @param x
 *   The value (converted to uint64_t).
 */
#define rte_bswap64(x) ((uint64_t)__builtin_bswap64((uint64_t)(x)))

#if RTE_BYTE_ORDER == RTE_LITTLE_ENDIAN

#define RTE_BE16(v) ((rte_be16_t)RTE_STATIC_BSWAP16(v))
#define RTE_BE32(v) ((rte_be32_t)RTE_STATIC_BSWAP32(v))
#define RTE_BE64(v) ((rte_be64_t)RTE_STATIC_BSWAP64(v))
#define RTE_LE16(v) ((rte_le16_t)(v))
#define RTE_LE32(v) ((rte_le32_t)(v))
#define RTE_LE64(v) ((rte_le64_t)(v))

#define rte_cpu_to_le_16(x) ((rte_le16_t)(x))
#define rte_cpu_to_le_32(x) ((rte_le32_t)(x))
#define rte_cpu_to_le_64(x) ((rte_le64_t)(x))
#define rte_cpu_to_be_16(x) ((rte_be16_t)rte_bswap16(x))
#define rte_cpu_to_be_32(x) ((rte_be32_t)rte_bswap32(x))
#define rte_cpu_to_be_64(x) ((rte_be64_t)rte_bswap64(x))
#define rte_le_to_cpu_16(x) ((uint16_t)(x))
#define rte_le_to_cpu_32(x) ((uint32_t)(x))
#define rte_le_to_cpu_64(x) ((uint64_t)(x))
#define rte_be_to_cpu_16(x) rte_bswap16(x)
#define rte_be_to_cpu_32(x) rte_bswap32(x)
#define rte_be_to_cpu_64(x) rte_bswap64(x)

#else /* big endian */

#define RTE_BE16(v) ((rte_be16_t)(v))
#define RTE_BE32(v) ((rte_be32_t)(v))
#define RTE_BE64(v) ((rte_be64_t)(v))
#define RTE_LE16(v) ((rte_le16_t)RTE_STATIC_BSWAP16(v))
#define RTE_LE32(v) ((rte_le32_t)RTE_STATIC_BSWAP32(v))
#define RTE_LE64(v) ((rte_le64_t)RTE_STATIC_BSWAP64(v))

#define rte_cpu_to_le_16(x) ((rte_le16_t)rte_bswap16(x))
#define rte_cpu_to_le_32(x) ((rte_le32_t)rte_bswap32(x))
#define rte_cpu_to_le_64(x) ((rte_le64_t)rte_bswap64(x))
#define rte_cpu_to_be_16(x) ((rte_be16_t)(x))
#define rte_cpu_to_be_32(x) ((rte_be32_t)(x))
#define rte_cpu_to_be_64(x) ((rte_be64_t)(x))
#define rte_le_to_cpu_16(x) rte_bswap16(x)
#define rte_le_to_cpu_32(x) rte_bswap32(x)
#define rte_le_to_cpu_64(x) rte_bswap64(x)
#define rte_be_to_cpu_16(x) ((uint16_t)(x))
#define rte_be_to_cpu_32(x) ((uint32_t)(x))
#define rte_be_to_cpu_64(x) ((uint64_t)(x))

#endif /* RTE_BYTE_ORDER */

/**
 * @def RTE_BE16
 * A 16-bit constant in big-endian order, usable in static initialisers.
 * @def RTE_BE32
 * A 32-bit constant in big-endian order.
 * @def RTE_BE64
 * A 64-bit constant in big-endian order.
 * @def RTE_LE16
 * A 16-bit constant in little-endian order.
 * @def RTE_LE32
 * A 32-bit constant in little-endian order.
 * @def RTE_LE64
 * A 64-bit constant in little-endian order.
 * @def rte_cpu_to_le_16
 * Converts a 16-bit value from CPU order to little-endian.
 * @def rte_cpu_to_le_32
 * Converts a 32-bit value from CPU order to little-endian.
 * @def rte_cpu_to_le_64
 * Converts a 64-bit value from CPU order to little-endian.
 * @def rte_cpu_to_be_16
 * Converts a 16-bit value from CPU order to big-endian (network order).
 * @def rte_cpu_to_be_32
 * Converts a 32-bit value from CPU order to big-endian.
 * @def rte_cpu_to_be_64
 * Converts a 64-bit value from CPU order to big-endian.
 * @def rte_le_to_cpu_16
 * Converts a 16-bit little-endian value to CPU order.
 * @def rte_le_to_cpu_32
 * Converts a 32-bit little-endian value to CPU order.
 * @def rte_le_to_cpu_64
 * Converts a 64-bit little-endian value to CPU order.
 * @def rte_be_to_cpu_16
 * Converts a 16-bit big-endian value to CPU order.
 * @def rte_be_to_cpu_32
 * Converts a 32-bit big-endian value to CPU order.
 * @def rte_be_to_cpu_64
 * Converts a 64-bit big-endian value to CPU order.
 */

#ifdef __cplusplus
}
#endif

#endif /* _RTE_BYTEORDER_H_ */
