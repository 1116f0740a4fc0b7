/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Memory barriers and atomic operations (DPDK 22.11's rte_atomic.h).
 *
 * One implementation for every architecture, on the C11 memory model
 * through the compiler's `__atomic` builtins; only the barriers and the
 * 128-bit compare-and-swap use architecture instructions. The header also
 * includes rte_stdatomic.h, so the rte_atomic_*_explicit calls and
 * rte_atomic_thread_fence() come with it.
 *
 * Barrier families:
 * - rte_mb/rte_wmb/rte_rmb order memory accesses for any observer,
 *   including devices (x86: mfence/sfence/lfence; arm64: dsb).
 * - rte_smp_* order accesses between CPUs sharing memory (cheaper).
 * - rte_io_* order accesses to IO memory against each other.
 *
 * The legacy rte_atomicNN_t counters keep DPDK's semantics: updates are
 * sequentially consistent read-modify-write operations, and read/set/init
 * are single atomic accesses without ordering. New code should prefer the
 * rte_atomic_*_explicit calls with an explicit memory order.
 */
#ifndef _RTE_ATOMIC_H_
#define _RTE_ATOMIC_H_

#include <stdint.h>

#include <rte_common.h>
#include <rte_compat.h>
#include <rte_config.h>
#include <rte_stdatomic.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(RTE_ARCH_X86_64)
/** Lock prefix of x86 read-modify-write instructions in inline assembly. */
#define MPLOCKED "lock ; "
#endif

/**
 * Stops the compiler from moving memory accesses across this point. Emits
 * no instruction and does not order accesses as seen by other CPUs.
 */
#define rte_compiler_barrier() do {                                     \
		__asm__ __volatile__ ("" : : : "memory");               \
	} while (0)

/**
 * Full barrier: loads and stores before it complete before any load or
 * store after it, as seen by other CPUs and devices.
 */
static __rte_always_inline void
rte_mb(void)
{
#if defined(RTE_ARCH_X86_64)
	__asm__ __volatile__ ("mfence" : : : "memory");
#elif defined(RTE_ARCH_ARM64)
	__asm__ __volatile__ ("dsb sy" : : : "memory");
#else
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}

/**
 * Write barrier: stores before it complete before stores after it, as seen
 * by other CPUs and devices.
 */
static __rte_always_inline void
rte_wmb(void)
{
#if defined(RTE_ARCH_X86_64)
	__asm__ __volatile__ ("sfence" : : : "memory");
#elif defined(RTE_ARCH_ARM64)
	__asm__ __volatile__ ("dsb st" : : : "memory");
#else
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}

/**
 * Read barrier: loads before it complete before loads after it, as seen by
 * other CPUs and devices.
 */
static __rte_always_inline void
rte_rmb(void)
{
#if defined(RTE_ARCH_X86_64)
	__asm__ __volatile__ ("lfence" : : : "memory");
#elif defined(RTE_ARCH_ARM64)
	__asm__ __volatile__ ("dsb ld" : : : "memory");
#else
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}

/**
 * Full barrier between CPUs sharing memory (a sequentially consistent
 * fence).
 */
RTE_TSAN_FENCE_BEGIN_
static __rte_always_inline void
rte_smp_mb(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}
RTE_TSAN_FENCE_END_

/**
 * Store-store barrier between CPUs sharing memory. A compiler barrier on
 * x86, whose stores are not reordered with each other.
 */
static __rte_always_inline void
rte_smp_wmb(void)
{
#if defined(RTE_ARCH_X86_64)
	rte_compiler_barrier();
#elif defined(RTE_ARCH_ARM64)
	__asm__ __volatile__ ("dmb ishst" : : : "memory");
#else
	__atomic_thread_fence(__ATOMIC_RELEASE);
#endif
}

/**
 * Load-load barrier between CPUs sharing memory. A compiler barrier on
 * x86, whose loads are not reordered with each other.
 */
static __rte_always_inline void
rte_smp_rmb(void)
{
#if defined(RTE_ARCH_X86_64)
	rte_compiler_barrier();
#elif defined(RTE_ARCH_ARM64)
	__asm__ __volatile__ ("dmb ishld" : : : "memory");
#else
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
#endif
}

/** Full barrier for accesses to IO memory. */
static __rte_always_inline void
rte_io_mb(void)
{
#if defined(RTE_ARCH_ARM64)
	__asm__ __volatile__ ("dmb osh" : : : "memory");
#else
	rte_mb();
#endif
}

/** Store-store barrier for accesses to IO memory. */
static __rte_always_inline void
rte_io_wmb(void)
{
#if defined(RTE_ARCH_X86_64)
	rte_compiler_barrier();
#elif defined(RTE_ARCH_ARM64)
	__asm__ __volatile__ ("dmb oshst" : : : "memory");
#else
	rte_wmb();
#endif
}

/** Load-load barrier for accesses to IO memory. */
static __rte_always_inline void
rte_io_rmb(void)
{
#if defined(RTE_ARCH_X86_64)
	rte_compiler_barrier();
#elif defined(RTE_ARCH_ARM64)
	__asm__ __volatile__ ("dmb oshld" : : : "memory");
#else
	rte_rmb();
#endif
}

/* ---- 16-bit legacy atomics */

/**
 * Atomic compare-and-set of a 16-bit word (sequentially consistent).
 *
 * @param dst
 *   Address of the word.
 * @param exp
 *   Value *dst must hold for the store to happen.
 * @param src
 *   Value stored when *dst equals @p exp.
 * @return
 *   1 when the value was replaced, 0 when *dst differed from @p exp.
 */
static inline int
rte_atomic16_cmpset(volatile uint16_t *dst, uint16_t exp, uint16_t src)
{
	return __atomic_compare_exchange_n(dst, &exp, src, 0,
					   __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

/**
 * Atomic exchange of a 16-bit word (sequentially consistent).
 *
 * @param dst
 *   Address of the word.
 * @param val
 *   New value.
 * @return
 *   The value *dst held before.
 */
static inline uint16_t
rte_atomic16_exchange(volatile uint16_t *dst, uint16_t val)
{
	return __atomic_exchange_n(dst, val, __ATOMIC_SEQ_CST);
}

/** A 16-bit counter updated with the rte_atomic16_* calls. */
typedef struct {
	volatile int16_t cnt; /**< The counter; access it through the API. */
} rte_atomic16_t;

/**
 * Static initialiser of an rte_atomic16_t.
 *
 * @param val
 *   Initial value.
 */
#define RTE_ATOMIC16_INIT(val) { (val) }

/**
 * Sets a counter to 0 (not atomic against concurrent updates).
 *
 * @param v
 *   The counter.
 */
static inline void
rte_atomic16_init(rte_atomic16_t *v)
{
	__atomic_store_n(&v->cnt, 0, __ATOMIC_RELAXED);
}

/**
 * Reads a counter (an atomic load without ordering).
 *
 * @param v
 *   The counter.
 * @return
 *   Its value.
 */
static inline int16_t
rte_atomic16_read(const rte_atomic16_t *v)
{
	return __atomic_load_n(&v->cnt, __ATOMIC_RELAXED);
}

/**
 * Writes a counter (an atomic store without ordering).
 *
 * @param v
 *   The counter.
 * @param new_value
 *   The value to store.
 */
static inline void
rte_atomic16_set(rte_atomic16_t *v, int16_t new_value)
{
	__atomic_store_n(&v->cnt, new_value, __ATOMIC_RELAXED);
}

/**
 * Atomically adds to a counter (full barrier).
 *
 * @param v
 *   The counter.
 * @param inc
 *   Amount to add.
 */
static inline void
rte_atomic16_add(rte_atomic16_t *v, int16_t inc)
{
	__atomic_fetch_add(&v->cnt, inc, __ATOMIC_SEQ_CST);
}

/**
 * Atomically subtracts from a counter (full barrier).
 *
 * @param v
 *   The counter.
 * @param dec
 *   Amount to subtract.
 */
static inline void
rte_atomic16_sub(rte_atomic16_t *v, int16_t dec)
{
	__atomic_fetch_sub(&v->cnt, dec, __ATOMIC_SEQ_CST);
}

/**
 * Atomically adds 1 to a counter (full barrier).
 *
 * @param v
 *   The counter.
 */
static inline void
rte_atomic16_inc(rte_atomic16_t *v)
{
	rte_atomic16_add(v, 1);
}

/**
 * Atomically subtracts 1 from a counter (full barrier).
 *
 * @param v
 *   The counter.
 */
static inline void
rte_atomic16_dec(rte_atomic16_t *v)
{
	rte_atomic16_sub(v, 1);
}

/**
 * Atomically adds to a counter and returns the result (full barrier).
 *
 * @param v
 *   The counter.
 * @param inc
 *   Amount to add.
 * @return
 *   The counter's value after the addition.
 */
static inline int16_t
rte_atomic16_add_return(rte_atomic16_t *v, int16_t inc)
{
	return __atomic_add_fetch(&v->cnt, inc, __ATOMIC_SEQ_CST);
}

/**
 * Atomically subtracts from a counter and returns the result (full
 * barrier).
 *
 * @param v
 *   The counter.
 * @param dec
 *   Amount to subtract.
 * @return
 *   The counter's value after the subtraction.
 */
static inline int16_t
rte_atomic16_sub_return(rte_atomic16_t *v, int16_t dec)
{
	return __atomic_sub_fetch(&v->cnt, dec, __ATOMIC_SEQ_CST);
}

/**
 * Atomically adds 1 to a counter and tells whether it became 0.
 *
 * @param v
 *   The counter.
 * @return
 *   1 when the new value is 0, 0 otherwise.
 */
static inline int
rte_atomic16_inc_and_test(rte_atomic16_t *v)
{
	return rte_atomic16_add_return(v, 1) == 0;
}

/**
 * Atomically subtracts 1 from a counter and tells whether it became 0.
 *
 * @param v
 *   The counter.
 * @return
 *   1 when the new value is 0, 0 otherwise.
 */
static inline int
rte_atomic16_dec_and_test(rte_atomic16_t *v)
{
	return rte_atomic16_sub_return(v, 1) == 0;
}

/**
 * Atomically changes a counter from 0 to 1, for use as a simple flag.
 *
 * @param v
 *   The counter.
 * @return
 *   1 when it was 0 and is now 1, 0 when it was not 0 (unchanged).
 */
static inline int
rte_atomic16_test_and_set(rte_atomic16_t *v)
{
	return rte_atomic16_cmpset((volatile uint16_t *)&v->cnt, 0, 1);
}

/**
 * Sets a counter to 0 (an atomic store without ordering).
 *
 * @param v
 *   The counter.
 */
static inline void
rte_atomic16_clear(rte_atomic16_t *v)
{
	rte_atomic16_set(v, 0);
}

/* ---- 32-bit legacy atomics */

/**
 * Atomic compare-and-set of a 32-bit word (sequentially consistent).
 *
 * @param dst
 *   Address of the word.
 * @param exp
 *   Value *dst must hold for the store to happen.
 * @param src
 *   Value stored when *dst equals @p exp.
 * @return
 *   1 when the value was replaced, 0 when *dst differed from @p exp.
 */
static inline int
rte_atomic32_cmpset(volatile uint32_t *dst, uint32_t exp, uint32_t src)
{
	return __atomic_compare_exchange_n(dst, &exp, src, 0,
					   __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

/**
 * Atomic exchange of a 32-bit word (sequentially consistent).
 *
 * @param dst
 *   Address of the word.
 * @param val
 *   New value.
 * @return
 *   The value *dst held before.
 */
static inline uint32_t
rte_atomic32_exchange(volatile uint32_t *dst, uint32_t val)
{
	return __atomic_exchange_n(dst, val, __ATOMIC_SEQ_CST);
}

/** A 32-bit counter updated with the rte_atomic32_* calls. */
typedef struct {
	volatile int32_t cnt; /**< The counter; access it through the API. */
} rte_atomic32_t;

/**
 * Static initialiser of an rte_atomic32_t.
 *
 * @param val
 *   Initial value.
 */
#define RTE_ATOMIC32_INIT(val) { (val) }

/**
 * Sets a counter to 0 (not atomic against concurrent updates).
 *
 * @param v
 *   The counter.
 */
static inline void
rte_atomic32_init(rte_atomic32_t *v)
{
	__atomic_store_n(&v->cnt, 0, __ATOMIC_RELAXED);
}

/**
 * Reads a counter (an atomic load without ordering).
 *
 * @param v
 *   The counter.
 * @return
 *   Its value.
 */
static inline int32_t
rte_atomic32_read(const rte_atomic32_t *v)
{
	return __atomic_load_n(&v->cnt, __ATOMIC_RELAXED);
}

/**
 * Writes a counter (an atomic store without ordering).
 *
 * @param v
 *   The counter.
 * @param new_value
 *   The value to store.
 */
static inline void
rte_atomic32_set(rte_atomic32_t *v, int32_t new_value)
{
	__atomic_store_n(&v->cnt, new_value, __ATOMIC_RELAXED);
}

/**
 * Atomically adds to a counter (full barrier).
 *
 * @param v
 *   The counter.
 * @param inc
 *   Amount to add.
 */
static inline void
rte_atomic32_add(rte_atomic32_t *v, int32_t inc)
{
	__atomic_fetch_add(&v->cnt, inc, __ATOMIC_SEQ_CST);
}

/**
 * Atomically subtracts from a counter (full barrier).
 *
 * @param v
 *   The counter.
 * @param dec
 *   Amount to subtract.
 */
static inline void
rte_atomic32_sub(rte_atomic32_t *v, int32_t dec)
{
	__atomic_fetch_sub(&v->cnt, dec, __ATOMIC_SEQ_CST);
}

/**
 * Atomically adds 1 to a counter (full barrier).
 *
 * @param v
 *   The counter.
 */
static inline void
rte_atomic32_inc(rte_atomic32_t *v)
{
	rte_atomic32_add(v, 1);
}

/**
 * Atomically subtracts 1 from a counter (full barrier).
 *
 * @param v
 *   The counter.
 */
static inline void
rte_atomic32_dec(rte_atomic32_t *v)
{
	rte_atomic32_sub(v, 1);
}

/**
 * Atomically adds to a counter and returns the result (full barrier).
 *
 * @param v
 *   The counter.
 * @param inc
 *   Amount to add.
 * @return
 *   The counter's value after the addition.
 */
static inline int32_t
rte_atomic32_add_return(rte_atomic32_t *v, int32_t inc)
{
	return __atomic_add_fetch(&v->cnt, inc, __ATOMIC_SEQ_CST);
}

/**
 * Atomically subtracts from a counter and returns the result (full
 * barrier).
 *
 * @param v
 *   The counter.
 * @param dec
 *   Amount to subtract.
 * @return
 *   The counter's value after the subtraction.
 */
static inline int32_t
rte_atomic32_sub_return(rte_atomic32_t *v, int32_t dec)
{
	return __atomic_sub_fetch(&v->cnt, dec, __ATOMIC_SEQ_CST);
}

/**
 * Atomically adds 1 to a counter and tells whether it became 0.
 *
 * @param v
 *   The counter.
 * @return
 *   1 when the new value is 0, 0 otherwise.
 */
static inline int
rte_atomic32_inc_and_test(rte_atomic32_t *v)
{
	return rte_atomic32_add_return(v, 1) == 0;
}

/**
 * Atomically subtracts 1 from a counter and tells whether it became 0.
 *
 * @param v
 *   The counter.
 * @return
 *   1 when the new value is 0, 0 otherwise.
 */
static inline int
rte_atomic32_dec_and_test(rte_atomic32_t *v)
{
	return rte_atomic32_sub_return(v, 1) == 0;
}

/**
 * Atomically changes a counter from 0 to 1, for use as a simple flag.
 *
 * @param v
 *   The counter.
 * @return
 *   1 when it was 0 and is now 1, 0 when it was not 0 (unchanged).
 */
static inline int
rte_atomic32_test_and_set(rte_atomic32_t *v)
{
	return rte_atomic32_cmpset((volatile uint32_t *)&v->cnt, 0, 1);
}

/**
 * Sets a counter to 0 (an atomic store without ordering).
 *
 * @param v
 *   The counter.
 */
static inline void
rte_atomic32_clear(rte_atomic32_t *v)
{
	rte_atomic32_set(v, 0);
}

/* ---- 64-bit legacy atomics */

/**
 * Atomic compare-and-set of a 64-bit word (sequentially consistent).
 *
 * @param dst
 *   Address of the word.
 * @param exp
 *   Value *dst must hold for the store to happen.
 * @param src
 *   Value stored when *dst equals @p exp.
 * @return
 *   1 when the value was replaced, 0 when *dst differed from @p exp.
 */
static inline int
rte_atomic64_cmpset(volatile uint64_t *dst, uint64_t exp, uint64_t src)
{
	return __atomic_compare_exchange_n(dst, &exp, src, 0,
					   __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

/**
 * Atomic exchange of a 64-bit word (sequentially consistent).
 *
 * @param dst
 *   Address of the word.
 * @param val
 *   New value.
 * @return
 *   The value *dst held before.
 */
static inline uint64_t
rte_atomic64_exchange(volatile uint64_t *dst, uint64_t val)
{
	return __atomic_exchange_n(dst, val, __ATOMIC_SEQ_CST);
}

/** A 64-bit counter updated with the rte_atomic64_* calls. */
typedef struct {
	volatile int64_t cnt; /**< The counter; access it through the API. */
} rte_atomic64_t;

/**
 * Static initialiser of an rte_atomic64_t.
 *
 * @param val
 *   Initial value.
 */
#define RTE_ATOMIC64_INIT(val) { (val) }

/**
 * Sets a counter to 0 (not atomic against concurrent updates).
 *
 * @param v
 *   The counter.
 */
static inline void
rte_atomic64_init(rte_atomic64_t *v)
{
	__atomic_store_n(&v->cnt, 0, __ATOMIC_RELAXED);
}

/**
 * Reads a counter (an atomic load without ordering).
 *
 * @param v
 *   The counter.
 * @return
 *   Its value.
 */
static inline int64_t
rte_atomic64_read(rte_atomic64_t *v)
{
	return __atomic_load_n(&v->cnt, __ATOMIC_RELAXED);
}

/**
 * Writes a counter (an atomic store without ordering).
 *
 * @param v
 *   The counter.
 * @param new_value
 *   The value to store.
 */
static inline void
rte_atomic64_set(rte_atomic64_t *v, int64_t new_value)
{
	__atomic_store_n(&v->cnt, new_value, __ATOMIC_RELAXED);
}

/**
 * Atomically adds to a counter (full barrier).
 *
 * @param v
 *   The counter.
 * @param inc
 *   Amount to add.
 */
static inline void
rte_atomic64_add(rte_atomic64_t *v, int64_t inc)
{
	__atomic_fetch_add(&v->cnt, inc, __ATOMIC_SEQ_CST);
}

/**
 * Atomically subtracts from a counter (full barrier).
 *
 * @param v
 *   The counter.
 * @param dec
 *   Amount to subtract.
 */
static inline void
rte_atomic64_sub(rte_atomic64_t *v, int64_t dec)
{
	__atomic_fetch_sub(&v->cnt, dec, __ATOMIC_SEQ_CST);
}

/**
 * Atomically adds 1 to a counter (full barrier).
 *
 * @param v
 *   The counter.
 */
static inline void
rte_atomic64_inc(rte_atomic64_t *v)
{
	rte_atomic64_add(v, 1);
}

/**
 * Atomically subtracts 1 from a counter (full barrier).
 *
 * @param v
 *   The counter.
 */
static inline void
rte_atomic64_dec(rte_atomic64_t *v)
{
	rte_atomic64_sub(v, 1);
}

/**
 * Atomically adds to a counter and returns the result (full barrier).
 *
 * @param v
 *   The counter.
 * @param inc
 *   Amount to add.
 * @return
 *   The counter's value after the addition.
 */
static inline int64_t
rte_atomic64_add_return(rte_atomic64_t *v, int64_t inc)
{
	return __atomic_add_fetch(&v->cnt, inc, __ATOMIC_SEQ_CST);
}

/**
 * Atomically subtracts from a counter and returns the result (full
 * barrier).
 *
 * @param v
 *   The counter.
 * @param dec
 *   Amount to subtract.
 * @return
 *   The counter's value after the subtraction.
 */
static inline int64_t
rte_atomic64_sub_return(rte_atomic64_t *v, int64_t dec)
{
	return __atomic_sub_fetch(&v->cnt, dec, __ATOMIC_SEQ_CST);
}

/**
 * Atomically adds 1 to a counter and tells whether it became 0.
 *
 * @param v
 *   The counter.
 * @return
 *   1 when the new value is 0, 0 otherwise.
 */
static inline int
rte_atomic64_inc_and_test(rte_atomic64_t *v)
{
	return rte_atomic64_add_return(v, 1) == 0;
}

/**
 * Atomically subtracts 1 from a counter and tells whether it became 0.
 *
 * @param v
 *   The counter.
 * @return
 *   1 when the new value is 0, 0 otherwise.
 */
static inline int
rte_atomic64_dec_and_test(rte_atomic64_t *v)
{
	return rte_atomic64_sub_return(v, 1) == 0;
}

/**
 * Atomically changes a counter from 0 to 1, for use as a simple flag.
 *
 * @param v
 *   The counter.
 * @return
 *   1 when it was 0 and is now 1, 0 when it was not 0 (unchanged).
 */
static inline int
rte_atomic64_test_and_set(rte_atomic64_t *v)
{
	return rte_atomic64_cmpset((volatile uint64_t *)&v->cnt, 0, 1);
}

/**
 * Sets a counter to 0 (an atomic store without ordering).
 *
 * @param v
 *   The counter.
 */
static inline void
rte_atomic64_clear(rte_atomic64_t *v)
{
	rte_atomic64_set(v, 0);
}

/* ---- 128-bit compare-and-swap */

/** A 16-byte-aligned 128-bit value, as two 64-bit halves or one integer. */
typedef struct {
	RTE_STD_C11
	union {
		uint64_t val[2];             /**< val[0] low, val[1] high half. */
		__extension__ __int128 int128; /**< The whole value. */
	};
} __rte_aligned(16) rte_int128_t;

#if defined(RTE_ARCH_ARM64)
/*
 * arm64 helpers. With LSE (ARMv8.1 atomics) one CASP instruction does the
 * job; otherwise a load-exclusive/store-exclusive pair loops until the
 * store succeeds. On a mismatch the loop stores the old value back: on
 * arm64 a 128-bit load-exclusive is only single-copy atomic when the
 * paired store-exclusive succeeds, so this proves the value was read whole.
 * Each variant is one asm block so that no compiler-generated access can
 * clear the exclusive monitor between the load and the store.
 */
#if defined(__ARM_FEATURE_ATOMICS)
#define RTE_ARM64_CASP_(insn, lo, hi, new_lo, new_hi, mem) do {            \
		register uint64_t rte_x0_ __asm__("x0") = (lo);            \
		register uint64_t rte_x1_ __asm__("x1") = (hi);            \
		register uint64_t rte_x2_ __asm__("x2") = (new_lo);        \
		register uint64_t rte_x3_ __asm__("x3") = (new_hi);        \
		__asm__ __volatile__ (insn " %[o0], %[o1], %[n0], %[n1], %[m]" \
			: [o0] "+r" (rte_x0_), [o1] "+r" (rte_x1_),       \
			  [m] "+Q" (*(mem))                               \
			: [n0] "r" (rte_x2_), [n1] "r" (rte_x3_)          \
			: "memory");                                      \
		(lo) = rte_x0_;                                           \
		(hi) = rte_x1_;                                           \
	} while (0)
#else
#define RTE_ARM64_LLSC_(ld, st, lo, hi, new_lo, new_hi, mem) do {          \
		uint64_t rte_old_lo_, rte_old_hi_;                        \
		uint32_t rte_fail_;                                       \
		__asm__ __volatile__ (                                    \
			"1:	" ld "	%[ol], %[oh], %[m]\n"             \
			"	cmp	%[ol], %[el]\n"                   \
			"	ccmp	%[oh], %[eh], #0, eq\n"           \
			"	b.ne	2f\n"                             \
			"	" st "	%w[f], %[nl], %[nh], %[m]\n"      \
			"	cbnz	%w[f], 1b\n"                      \
			"	b	3f\n"                             \
			"2:	" st "	%w[f], %[ol], %[oh], %[m]\n"      \
			"	cbnz	%w[f], 1b\n"                      \
			"3:\n"                                            \
			: [ol] "=&r" (rte_old_lo_), [oh] "=&r" (rte_old_hi_), \
			  [f] "=&r" (rte_fail_), [m] "+Q" (*(mem))        \
			: [el] "r" (lo), [eh] "r" (hi),                   \
			  [nl] "r" (new_lo), [nh] "r" (new_hi)            \
			: "cc", "memory");                                \
		(lo) = rte_old_lo_;                                       \
		(hi) = rte_old_hi_;                                       \
	} while (0)
#endif
#endif /* RTE_ARCH_ARM64 */

/**
 * Atomic compare-and-swap of a 128-bit value.
 *
 * If *dst equals *exp, writes *src to *dst; otherwise copies the current
 * value of *dst into *exp. The comparison covers all 128 bits.
 *
 * On x86_64 this is `lock cmpxchg16b` (always sequentially consistent;
 * @p success and @p failure are ignored). On arm64 it is CASP with the
 * ordering asked for when the CPU target has LSE atomics, else an
 * exclusive load/store loop. The operation never fails spuriously, so
 * @p weak is accepted but not needed.
 *
 * @param dst
 *   The 128-bit object, 16-byte aligned.
 * @param exp
 *   The expected value; receives the current value of *dst on failure.
 * @param src
 *   The value to store on success.
 * @param weak
 *   Ignored (the exchange is always strong).
 * @param success
 *   Memory order on success (__ATOMIC_* / rte_memory_order_*).
 * @param failure
 *   Memory order on failure; must not be release or acq_rel, nor stronger
 *   than @p success.
 * @return
 *   1 when *src was stored, 0 when *dst differed from *exp.
 */
__rte_experimental
static inline int
rte_atomic128_cmp_exchange(rte_int128_t *dst, rte_int128_t *exp,
			   const rte_int128_t *src, unsigned int weak,
			   int success, int failure)
{
	uint64_t lo = exp->val[0];
	uint64_t hi = exp->val[1];
	int ok;

	RTE_SET_USED(weak);
#if defined(RTE_ARCH_X86_64)
	uint8_t eq;

	RTE_SET_USED(success);
	RTE_SET_USED(failure);
	__asm__ __volatile__ (MPLOCKED "cmpxchg16b %[m]\n\t"
			      "sete %[eq]"
			      : [m] "+m" (*dst), "+a" (lo), "+d" (hi),
				[eq] "=q" (eq)
			      : "b" (src->val[0]), "c" (src->val[1])
			      : "cc", "memory");
	ok = eq;
#elif defined(RTE_ARCH_ARM64)
	const uint64_t want_lo = lo, want_hi = hi;
	/* acquire when either order asks for it, release per success */
	const int acq = success == __ATOMIC_ACQUIRE ||
			success == __ATOMIC_ACQ_REL ||
			success == __ATOMIC_SEQ_CST ||
			success == __ATOMIC_CONSUME ||
			failure == __ATOMIC_ACQUIRE ||
			failure == __ATOMIC_SEQ_CST ||
			failure == __ATOMIC_CONSUME;
	const int rel = success == __ATOMIC_RELEASE ||
			success == __ATOMIC_ACQ_REL ||
			success == __ATOMIC_SEQ_CST;

#if defined(__ARM_FEATURE_ATOMICS)
	if (acq && rel)
		RTE_ARM64_CASP_("caspal", lo, hi, src->val[0], src->val[1], dst);
	else if (acq)
		RTE_ARM64_CASP_("caspa", lo, hi, src->val[0], src->val[1], dst);
	else if (rel)
		RTE_ARM64_CASP_("caspl", lo, hi, src->val[0], src->val[1], dst);
	else
		RTE_ARM64_CASP_("casp", lo, hi, src->val[0], src->val[1], dst);
#else
	if (acq && rel)
		RTE_ARM64_LLSC_("ldaxp", "stlxp", lo, hi,
				src->val[0], src->val[1], dst);
	else if (acq)
		RTE_ARM64_LLSC_("ldaxp", "stxp", lo, hi,
				src->val[0], src->val[1], dst);
	else if (rel)
		RTE_ARM64_LLSC_("ldxp", "stlxp", lo, hi,
				src->val[0], src->val[1], dst);
	else
		RTE_ARM64_LLSC_("ldxp", "stxp", lo, hi,
				src->val[0], src->val[1], dst);
#endif
	ok = lo == want_lo && hi == want_hi;
#else
#error "rte_atomic128_cmp_exchange: unsupported architecture"
#endif
	/* on success lo/hi still equal *exp; on failure they hold *dst */
	exp->val[0] = lo;
	exp->val[1] = hi;
	return ok;
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_ATOMIC_H_ */
