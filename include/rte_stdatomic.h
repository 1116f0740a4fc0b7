/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * C11 memory-model atomics (DPDK 23.11's rte_stdatomic.h API).
 *
 * rtmem offers this later DPDK interface on top of 22.11 so that programs
 * and rtmem itself can write one set of atomic operations, with the
 * memory order in the name of every call.
 *
 * Two mappings, chosen when this header is first included:
 *
 * - By default every operation is a GCC/clang `__atomic` builtin, which
 *   works on plain (non-_Atomic) objects. RTE_ATOMIC(type) is just `type`,
 *   __rte_atomic expands to nothing and rte_memory_order is an int whose
 *   values are the __ATOMIC_* constants.
 *
 * - When the program defines RTE_ENABLE_STDATOMIC before including any
 *   rtmem header, and is compiled as C, the operations map to
 *   <stdatomic.h>: RTE_ATOMIC(type) is `_Atomic(type)`, __rte_atomic is the
 *   `_Atomic` qualifier and rte_memory_order is `memory_order`. In C++ the
 *   builtin mapping is used regardless, since C++ before C++23 has no
 *   <stdatomic.h>.
 *
 * Objects that are accessed with these calls should be declared with
 * RTE_ATOMIC() so that both mappings compile.
 */
#ifndef _RTE_STDATOMIC_H_
#define _RTE_STDATOMIC_H_

#if defined(RTE_ENABLE_STDATOMIC) && !defined(__cplusplus)
#ifdef __STDC_NO_ATOMICS__
#error "RTE_ENABLE_STDATOMIC is defined but the compiler lacks C11 atomics"
#endif
#include <stdatomic.h>
/** Defined when the <stdatomic.h> mapping is in use. */
#define RTE_STDATOMIC_IS_C11_ 1
#endif

#ifdef __cplusplus
extern "C" {
#endif

#ifdef RTE_STDATOMIC_IS_C11_

/**
 * Type specifier of an atomic object of type @p type.
 *
 * @param type
 *   The value type.
 */
#define RTE_ATOMIC(type) _Atomic(type)

/** Qualifier that makes the qualified type atomic. */
#define __rte_atomic _Atomic

/** A memory order: one of the rte_memory_order_* constants. */
typedef memory_order rte_memory_order;

/** No ordering; only atomicity of the access itself. */
#define rte_memory_order_relaxed memory_order_relaxed
/** Like acquire, restricted to data that depend on the loaded value. */
#define rte_memory_order_consume memory_order_consume
/** Later accesses stay after this load (pairs with a release). */
#define rte_memory_order_acquire memory_order_acquire
/** Earlier accesses stay before this store (pairs with an acquire). */
#define rte_memory_order_release memory_order_release
/** Both acquire and release, for read-modify-write operations. */
#define rte_memory_order_acq_rel memory_order_acq_rel
/** acq_rel plus a single total order of all seq_cst operations. */
#define rte_memory_order_seq_cst memory_order_seq_cst

#define rte_atomic_load_explicit(ptr, memorder) \
	atomic_load_explicit(ptr, memorder)
#define rte_atomic_store_explicit(ptr, val, memorder) \
	atomic_store_explicit(ptr, val, memorder)
#define rte_atomic_exchange_explicit(ptr, val, memorder) \
	atomic_exchange_explicit(ptr, val, memorder)
#define rte_atomic_compare_exchange_strong_explicit(ptr, expected, desired, \
		succ_memorder, fail_memorder) \
	atomic_compare_exchange_strong_explicit(ptr, expected, desired, \
		succ_memorder, fail_memorder)
#define rte_atomic_compare_exchange_weak_explicit(ptr, expected, desired, \
		succ_memorder, fail_memorder) \
	atomic_compare_exchange_weak_explicit(ptr, expected, desired, \
		succ_memorder, fail_memorder)
#define rte_atomic_fetch_add_explicit(ptr, val, memorder) \
	atomic_fetch_add_explicit(ptr, val, memorder)
#define rte_atomic_fetch_sub_explicit(ptr, val, memorder) \
	atomic_fetch_sub_explicit(ptr, val, memorder)
#define rte_atomic_fetch_and_explicit(ptr, val, memorder) \
	atomic_fetch_and_explicit(ptr, val, memorder)
#define rte_atomic_fetch_or_explicit(ptr, val, memorder) \
	atomic_fetch_or_explicit(ptr, val, memorder)
#define rte_atomic_fetch_xor_explicit(ptr, val, memorder) \
	atomic_fetch_xor_explicit(ptr, val, memorder)

/* C11 has no fetch-nand: a compare-exchange loop computes ~(old & val). */
#define rte_atomic_fetch_nand_explicit(ptr, val, memorder) __extension__ ({ \
		__typeof__(ptr) rte_nand_p_ = (ptr);                          \
		__typeof__(atomic_load_explicit(rte_nand_p_,                  \
			memory_order_relaxed)) rte_nand_v_ = (val);           \
		__typeof__(rte_nand_v_) rte_nand_old_ =                       \
			atomic_load_explicit(rte_nand_p_,                     \
					     memory_order_relaxed);           \
		while (!atomic_compare_exchange_weak_explicit(rte_nand_p_,    \
				&rte_nand_old_,                               \
				(__typeof__(rte_nand_v_))~(rte_nand_old_ &    \
							   rte_nand_v_),      \
				memorder, memory_order_relaxed))              \
			;                                                     \
		rte_nand_old_;                                                \
	})

/* Operation-then-fetch forms, derived from the fetch-then-operation ones. */
#define rte_atomic_op_fetch_(op, fetch, ptr, val, memorder) __extension__ ({ \
		__typeof__(atomic_load_explicit(ptr, memory_order_relaxed))   \
			rte_opf_v_ = (val);                                   \
		(__typeof__(rte_opf_v_))(fetch(ptr, rte_opf_v_, memorder) op  \
					 rte_opf_v_);                         \
	})
#define rte_atomic_add_fetch_explicit(ptr, val, memorder) \
	rte_atomic_op_fetch_(+, atomic_fetch_add_explicit, ptr, val, memorder)
#define rte_atomic_sub_fetch_explicit(ptr, val, memorder) \
	rte_atomic_op_fetch_(-, atomic_fetch_sub_explicit, ptr, val, memorder)
#define rte_atomic_and_fetch_explicit(ptr, val, memorder) \
	rte_atomic_op_fetch_(&, atomic_fetch_and_explicit, ptr, val, memorder)
#define rte_atomic_or_fetch_explicit(ptr, val, memorder) \
	rte_atomic_op_fetch_(|, atomic_fetch_or_explicit, ptr, val, memorder)
#define rte_atomic_xor_fetch_explicit(ptr, val, memorder) \
	rte_atomic_op_fetch_(^, atomic_fetch_xor_explicit, ptr, val, memorder)
#define rte_atomic_nand_fetch_explicit(ptr, val, memorder) __extension__ ({ \
		__typeof__(atomic_load_explicit(ptr, memory_order_relaxed))   \
			rte_nandf_v_ = (val);                                 \
		(__typeof__(rte_nandf_v_))~(rte_atomic_fetch_nand_explicit(   \
			ptr, rte_nandf_v_, memorder) & rte_nandf_v_);         \
	})

#define rte_atomic_flag_test_and_set_explicit(ptr, memorder) \
	atomic_flag_test_and_set_explicit(ptr, memorder)
#define rte_atomic_flag_clear_explicit(ptr, memorder) \
	atomic_flag_clear_explicit(ptr, memorder)

/* Fence primitive used by rte_atomic_thread_fence(). */
#define __rte_atomic_thread_fence(memorder) atomic_thread_fence(memorder)

#else /* builtin mapping */

/**
 * Type specifier of an atomic object of type @p type.
 *
 * @param type
 *   The value type.
 */
#define RTE_ATOMIC(type) type

/** Qualifier that makes the qualified type atomic. */
#define __rte_atomic

/** A memory order: one of the rte_memory_order_* constants. */
typedef int rte_memory_order;

/** No ordering; only atomicity of the access itself. */
#define rte_memory_order_relaxed __ATOMIC_RELAXED
/** Like acquire, restricted to data that depend on the loaded value. */
#define rte_memory_order_consume __ATOMIC_CONSUME
/** Later accesses stay after this load (pairs with a release). */
#define rte_memory_order_acquire __ATOMIC_ACQUIRE
/** Earlier accesses stay before this store (pairs with an acquire). */
#define rte_memory_order_release __ATOMIC_RELEASE
/** Both acquire and release, for read-modify-write operations. */
#define rte_memory_order_acq_rel __ATOMIC_ACQ_REL
/** acq_rel plus a single total order of all seq_cst operations. */
#define rte_memory_order_seq_cst __ATOMIC_SEQ_CST

#define rte_atomic_load_explicit(ptr, memorder) \
	__atomic_load_n(ptr, memorder)
#define rte_atomic_store_explicit(ptr, val, memorder) \
	__atomic_store_n(ptr, val, memorder)
#define rte_atomic_exchange_explicit(ptr, val, memorder) \
	__atomic_exchange_n(ptr, val, memorder)
#define rte_atomic_compare_exchange_strong_explicit(ptr, expected, desired, \
		succ_memorder, fail_memorder) \
	__atomic_compare_exchange_n(ptr, expected, desired, 0, \
		succ_memorder, fail_memorder)
#define rte_atomic_compare_exchange_weak_explicit(ptr, expected, desired, \
		succ_memorder, fail_memorder) \
	__atomic_compare_exchange_n(ptr, expected, desired, 1, \
		succ_memorder, fail_memorder)
#define rte_atomic_fetch_add_explicit(ptr, val, memorder) \
	__atomic_fetch_add(ptr, val, memorder)
#define rte_atomic_fetch_sub_explicit(ptr, val, memorder) \
	__atomic_fetch_sub(ptr, val, memorder)
#define rte_atomic_fetch_and_explicit(ptr, val, memorder) \
	__atomic_fetch_and(ptr, val, memorder)
#define rte_atomic_fetch_or_explicit(ptr, val, memorder) \
	__atomic_fetch_or(ptr, val, memorder)
#define rte_atomic_fetch_xor_explicit(ptr, val, memorder) \
	__atomic_fetch_xor(ptr, val, memorder)
#define rte_atomic_fetch_nand_explicit(ptr, val, memorder) \
	__atomic_fetch_nand(ptr, val, memorder)
#define rte_atomic_add_fetch_explicit(ptr, val, memorder) \
	__atomic_add_fetch(ptr, val, memorder)
#define rte_atomic_sub_fetch_explicit(ptr, val, memorder) \
	__atomic_sub_fetch(ptr, val, memorder)
#define rte_atomic_and_fetch_explicit(ptr, val, memorder) \
	__atomic_and_fetch(ptr, val, memorder)
#define rte_atomic_or_fetch_explicit(ptr, val, memorder) \
	__atomic_or_fetch(ptr, val, memorder)
#define rte_atomic_xor_fetch_explicit(ptr, val, memorder) \
	__atomic_xor_fetch(ptr, val, memorder)
#define rte_atomic_nand_fetch_explicit(ptr, val, memorder) \
	__atomic_nand_fetch(ptr, val, memorder)

#define rte_atomic_flag_test_and_set_explicit(ptr, memorder) \
	__atomic_test_and_set(ptr, memorder)
#define rte_atomic_flag_clear_explicit(ptr, memorder) \
	__atomic_clear(ptr, memorder)

/* Fence primitive used by rte_atomic_thread_fence(). */
#define __rte_atomic_thread_fence(memorder) __atomic_thread_fence(memorder)

#endif /* mapping */

/**
 * @def rte_atomic_load_explicit
 * Atomically reads *ptr.
 * @param ptr Address of the atomic object.
 * @param memorder relaxed, consume, acquire or seq_cst.
 * @return The value read.
 *
 * @def rte_atomic_store_explicit
 * Atomically writes @p val to *ptr.
 * @param ptr Address of the atomic object.
 * @param val Value to store.
 * @param memorder relaxed, release or seq_cst.
 *
 * @def rte_atomic_exchange_explicit
 * Atomically replaces *ptr with @p val.
 * @param ptr Address of the atomic object.
 * @param val New value.
 * @param memorder Any memory order.
 * @return The previous value.
 *
 * @def rte_atomic_compare_exchange_strong_explicit
 * If *ptr equals *expected, writes @p desired to *ptr; otherwise copies
 * the current value of *ptr into *expected. Never fails spuriously.
 * @param ptr Address of the atomic object.
 * @param expected Address of the expected value; updated on failure.
 * @param desired Value to store on success.
 * @param succ_memorder Order of the read-modify-write on success.
 * @param fail_memorder Order of the load on failure (no release, not
 *   stronger than @p succ_memorder).
 * @return true (nonzero) when the exchange happened, false otherwise.
 *
 * @def rte_atomic_compare_exchange_weak_explicit
 * Like rte_atomic_compare_exchange_strong_explicit(), but may fail even
 * when the values are equal; use it in a retry loop.
 * @param ptr Address of the atomic object.
 * @param expected Address of the expected value; updated on failure.
 * @param desired Value to store on success.
 * @param succ_memorder Order on success.
 * @param fail_memorder Order on failure.
 * @return true (nonzero) when the exchange happened, false otherwise.
 *
 * @def rte_atomic_fetch_add_explicit
 * Atomically adds @p val to *ptr.
 * @param ptr Address of the atomic object.
 * @param val Operand.
 * @param memorder Any memory order.
 * @return The value before the addition.
 *
 * @def rte_atomic_fetch_sub_explicit
 * Atomically subtracts @p val from *ptr.
 * @param ptr Address of the atomic object.
 * @param val Operand.
 * @param memorder Any memory order.
 * @return The value before the subtraction.
 *
 * @def rte_atomic_fetch_and_explicit
 * Atomically replaces *ptr with *ptr & @p val.
 * @param ptr Address of the atomic object.
 * @param val Operand.
 * @param memorder Any memory order.
 * @return The previous value.
 *
 * @def rte_atomic_fetch_or_explicit
 * Atomically replaces *ptr with *ptr | @p val.
 * @param ptr Address of the atomic object.
 * @param val Operand.
 * @param memorder Any memory order.
 * @return The previous value.
 *
 * @def rte_atomic_fetch_xor_explicit
 * Atomically replaces *ptr with *ptr ^ @p val.
 * @param ptr Address of the atomic object.
 * @param val Operand.
 * @param memorder Any memory order.
 * @return The previous value.
 *
 * @def rte_atomic_fetch_nand_explicit
 * Atomically replaces *ptr with ~(*ptr & @p val).
 * @param ptr Address of the atomic object.
 * @param val Operand.
 * @param memorder Any memory order.
 * @return The previous value.
 *
 * @def rte_atomic_add_fetch_explicit
 * Atomically adds @p val to *ptr (an rtmem addition to the 23.11 set).
 * @param ptr Address of the atomic object.
 * @param val Operand.
 * @param memorder Any memory order.
 * @return The value after the addition.
 *
 * @def rte_atomic_sub_fetch_explicit
 * Atomically subtracts @p val from *ptr (an rtmem addition).
 * @param ptr Address of the atomic object.
 * @param val Operand.
 * @param memorder Any memory order.
 * @return The value after the subtraction.
 *
 * @def rte_atomic_and_fetch_explicit
 * Atomic *ptr &= @p val (an rtmem addition).
 * @return The new value.
 *
 * @def rte_atomic_or_fetch_explicit
 * Atomic *ptr |= @p val (an rtmem addition).
 * @return The new value.
 *
 * @def rte_atomic_xor_fetch_explicit
 * Atomic *ptr ^= @p val (an rtmem addition).
 * @return The new value.
 *
 * @def rte_atomic_nand_fetch_explicit
 * Atomic *ptr = ~(*ptr & @p val) (an rtmem addition).
 * @return The new value.
 *
 * @def rte_atomic_flag_test_and_set_explicit
 * Atomically sets a flag (an atomic_flag with RTE_ENABLE_STDATOMIC, a
 * bool or char otherwise).
 * @param ptr Address of the flag.
 * @param memorder Any memory order.
 * @return true when the flag was already set.
 *
 * @def rte_atomic_flag_clear_explicit
 * Atomically clears a flag.
 * @param ptr Address of the flag.
 * @param memorder relaxed, release or seq_cst.
 */

/**
 * A memory fence with the given order.
 *
 * In rtmem this is the only definition of rte_atomic_thread_fence(); with
 * the default mapping its parameter is an int, which is DPDK 22.11's
 * signature (rte_atomic.h includes this header).
 *
 * @param memorder
 *   One of the rte_memory_order_* constants (or __ATOMIC_* values).
 */
/*
 * GCC 12+ warns that ThreadSanitizer does not model fences (-Wtsan); the
 * fence is still emitted, so a TSan build of a program that uses it must
 * not fail on that warning. RTE_TSAN_FENCE_BEGIN_/END_ silence it locally.
 */
#if defined(__SANITIZE_THREAD__) && !defined(__clang__) && __GNUC__ >= 12
#define RTE_TSAN_FENCE_BEGIN_ \
	_Pragma("GCC diagnostic push") \
	_Pragma("GCC diagnostic ignored \"-Wtsan\"")
#define RTE_TSAN_FENCE_END_ _Pragma("GCC diagnostic pop")
#else
#define RTE_TSAN_FENCE_BEGIN_
#define RTE_TSAN_FENCE_END_
#endif

RTE_TSAN_FENCE_BEGIN_
static inline __attribute__((__always_inline__)) void
rte_atomic_thread_fence(rte_memory_order memorder)
{
	__rte_atomic_thread_fence(memorder);
}
RTE_TSAN_FENCE_END_

#ifdef __cplusplus
}
#endif

#endif /* _RTE_STDATOMIC_H_ */
