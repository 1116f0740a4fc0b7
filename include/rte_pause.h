/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * CPU pause hint and spin-wait helpers.
 *
 * rte_pause() goes in the body of a busy-wait loop: it tells the CPU that
 * the thread is spinning (x86 `pause`, arm64 `yield`), which saves power
 * and lets a sibling hyper-thread run. The rte_wait_until_equal_* calls
 * spin on a memory word until it holds an expected value.
 */
#ifndef _RTE_PAUSE_H_
#define _RTE_PAUSE_H_

#include <assert.h>
#include <stdint.h>

#include <rte_atomic.h>
#include <rte_common.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Hints to the CPU that the caller is in a spin-wait loop.
 *
 * Has no effect on memory; it only delays the thread for a short,
 * CPU-dependent time.
 */
static inline void
rte_pause(void)
{
#if defined(RTE_ARCH_X86_64)
	__asm__ __volatile__ ("pause" : : : "memory");
#elif defined(RTE_ARCH_ARM64)
	__asm__ __volatile__ ("yield" : : : "memory");
#else
	__asm__ __volatile__ ("" : : : "memory");
#endif
}

/**
 * Spins until a 16-bit word equals @p expected.
 *
 * @param addr
 *   Address of the word, written by another thread.
 * @param expected
 *   Value to wait for.
 * @param memorder
 *   Order of the load that sees @p expected: __ATOMIC_ACQUIRE (to see what
 *   the writer did before its release) or __ATOMIC_RELAXED.
 */
static __rte_always_inline void
rte_wait_until_equal_16(volatile uint16_t *addr, uint16_t expected,
			int memorder)
{
	assert(memorder == __ATOMIC_ACQUIRE || memorder == __ATOMIC_RELAXED);
	while (__atomic_load_n(addr, memorder) != expected)
		rte_pause();
}

/**
 * Spins until a 32-bit word equals @p expected.
 *
 * @param addr
 *   Address of the word, written by another thread.
 * @param expected
 *   Value to wait for.
 * @param memorder
 *   __ATOMIC_ACQUIRE or __ATOMIC_RELAXED, as for rte_wait_until_equal_16().
 */
static __rte_always_inline void
rte_wait_until_equal_32(volatile uint32_t *addr, uint32_t expected,
			int memorder)
{
	assert(memorder == __ATOMIC_ACQUIRE || memorder == __ATOMIC_RELAXED);
	while (__atomic_load_n(addr, memorder) != expected)
		rte_pause();
}

/**
 * Spins until a 64-bit word equals @p expected.
 *
 * @param addr
 *   Address of the word, written by another thread.
 * @param expected
 *   Value to wait for.
 * @param memorder
 *   __ATOMIC_ACQUIRE or __ATOMIC_RELAXED, as for rte_wait_until_equal_16().
 */
static __rte_always_inline void
rte_wait_until_equal_64(volatile uint64_t *addr, uint64_t expected,
			int memorder)
{
	assert(memorder == __ATOMIC_ACQUIRE || memorder == __ATOMIC_RELAXED);
	while (__atomic_load_n(addr, memorder) != expected)
		rte_pause();
}

/**
 * Spins until `(*addr & mask) cond expected` holds.
 *
 * @param addr
 *   Address of a 16-, 32- or 64-bit word.
 * @param mask
 *   Bits of the word to compare.
 * @param cond
 *   A comparison operator token: == or !=.
 * @param expected
 *   Value compared with the masked word.
 * @param memorder
 *   Compile-time constant __ATOMIC_ACQUIRE or __ATOMIC_RELAXED.
 */
#define RTE_WAIT_UNTIL_MASKED(addr, mask, cond, expected, memorder) do {  \
		RTE_BUILD_BUG_ON((memorder) != __ATOMIC_ACQUIRE &&         \
				 (memorder) != __ATOMIC_RELAXED);          \
		const __typeof__(*(addr)) rte_wum_expected_ = (expected);  \
		while (!((__atomic_load_n((addr), (memorder)) & (mask))    \
			 cond rte_wum_expected_))                          \
			rte_pause();                                       \
	} while (0)

#ifdef __cplusplus
}
#endif

#endif /* _RTE_PAUSE_H_ */
