/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Common attributes, macros and small inline helpers.
 *
 * Every other rtmem header includes this one. It provides DPDK 22.11's
 * rte_common.h: compiler attributes (__rte_aligned, __rte_cache_aligned,
 * ...), constructor helpers (RTE_INIT), pointer and alignment arithmetic,
 * cache-line constants, IOVA types, power-of-two and bit-scan helpers,
 * RTE_MIN/RTE_MAX, container_of, and the rte_exit() and rte_str_to_size()
 * declarations.
 *
 * The macros work in strict ISO C11 and in C++: GNU extensions are written
 * with __typeof__, __extension__ and __attribute__. Like DPDK, the header
 * also defines `typeof` (and `asm` in C) as aliases of the GNU keywords when
 * the compiler does not provide them, because existing DPDK programs use
 * them after including this file.
 */
#ifndef _RTE_COMMON_H_
#define _RTE_COMMON_H_

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include <rte_config.h>
#include <rte_os.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef typeof
/** The GNU `typeof` keyword, also usable in strict ISO C modes. */
#define typeof __typeof__
#endif

#ifndef __cplusplus
#ifndef asm
/** The GNU `asm` keyword, also usable in strict ISO C modes. */
#define asm __asm__
#endif
#endif

/**
 * Marks an anonymous struct or union member in code that may be compiled
 * before C11. Empty in C11 and later, `__extension__` otherwise.
 */
#if !defined(__STDC_VERSION__) || __STDC_VERSION__ < 201112L
#define RTE_STD_C11 __extension__
#else
#define RTE_STD_C11
#endif

/*
 * Compiler identification. RTE_CC_IS_GNU is 1 for GCC proper (not clang,
 * which also defines __GNUC__).
 */
/** 1 when the compiler is GCC, 0 for clang and others. */
#define RTE_CC_IS_GNU 0
#if defined(__clang__)
/** Defined when the compiler is clang. */
#define RTE_CC_CLANG
#elif defined(__INTEL_COMPILER)
/** Defined when the compiler is ICC. */
#define RTE_CC_ICC
#elif defined(__GNUC__)
/** Defined when the compiler is GCC. */
#define RTE_CC_GCC
#undef RTE_CC_IS_GNU
#define RTE_CC_IS_GNU 1
#endif
#if RTE_CC_IS_GNU
/** GCC version as one number: major * 10000 + minor * 100 + patch. */
#define GCC_VERSION (__GNUC__ * 10000 + __GNUC_MINOR__ * 100 + \
		     __GNUC_PATCHLEVEL__)
#endif

/* ------------------------------------------------------------------ */
/* Attributes                                                          */
/* ------------------------------------------------------------------ */

/**
 * Aligns a variable, field or type to @p a bytes.
 *
 * @param a
 *   The alignment, a power of two.
 */
#define __rte_aligned(a) __attribute__((__aligned__(a)))

/** 64-bit integer that may sit at any address (no alignment assumed). */
typedef uint64_t unaligned_uint64_t __attribute__((__aligned__(1)));
/** 32-bit integer that may sit at any address (no alignment assumed). */
typedef uint32_t unaligned_uint32_t __attribute__((__aligned__(1)));
/** 16-bit integer that may sit at any address (no alignment assumed). */
typedef uint16_t unaligned_uint16_t __attribute__((__aligned__(1)));

/** Lays a structure out without padding between its fields. */
#define __rte_packed __attribute__((__packed__))

/** Exempts a type from type-based aliasing rules. */
#define __rte_may_alias __attribute__((__may_alias__))

/** Warns at every use of a function, variable or type being retired. */
#define __rte_deprecated __attribute__((__deprecated__))

/**
 * Like __rte_deprecated, with an explanation in the warning.
 *
 * @param msg
 *   String literal shown by the compiler.
 */
#define __rte_deprecated_msg(msg) __attribute__((__deprecated__(msg)))

#if defined(RTE_CC_GCC) || defined(RTE_CC_CLANG)
/** Emits `#pragma x` from inside a macro. */
#define RTE_PRAGMA(x) _Pragma(#x)
/** Emits a compiler warning with text @p w from inside a macro. */
#define RTE_PRAGMA_WARNING(w) RTE_PRAGMA(GCC warning #w)
/** Warns, where it is expanded, that macro @p x is being retired. */
#define RTE_DEPRECATED(x) RTE_PRAGMA_WARNING(#x is deprecated)
#else
#define RTE_PRAGMA(x)
#define RTE_PRAGMA_WARNING(w)
#define RTE_DEPRECATED(x)
#endif

/** Makes a definition weak, so that another definition may replace it. */
#define __rte_weak __attribute__((__weak__))

/** Keeps a function or variable in the object file even when unreferenced. */
#define __rte_used __attribute__((__used__))

/** Silences "unused" warnings for a parameter, variable or function. */
#define __rte_unused __attribute__((__unused__))

/** The `restrict` qualifier, spelled so that it also works in C++. */
#if defined(__cplusplus) || !defined(__STDC_VERSION__) || \
	__STDC_VERSION__ < 199901L
#define __rte_restrict __restrict
#else
#define __rte_restrict restrict
#endif

/**
 * Marks a value as used, silencing "unused" warnings.
 *
 * @param x
 *   Variable or expression; it is evaluated.
 */
#define RTE_SET_USED(x) (void)(x)

/**
 * Checks a printf-like function's format string against its arguments.
 *
 * @param format_index
 *   1-based position of the format parameter.
 * @param first_arg
 *   1-based position of the first variadic argument (0 for a va_list).
 */
#if RTE_CC_IS_GNU
#define __rte_format_printf(format_index, first_arg) \
	__attribute__((__format__(__gnu_printf__, format_index, first_arg)))
#else
#define __rte_format_printf(format_index, first_arg) \
	__attribute__((__format__(__printf__, format_index, first_arg)))
#endif

/**
 * Tells the compiler that a function returns memory whose size is its
 * argument (or the product of its two arguments), for object-size checks.
 *
 * @param ...
 *   1-based position(s) of the size parameter(s).
 */
#define __rte_alloc_size(...) __attribute__((__alloc_size__(__VA_ARGS__)))

/**
 * Tells the compiler that a function returns new memory that no other
 * pointer aliases (like malloc).
 */
#define __rte_malloc __attribute__((__malloc__))

/** Never-returning function. */
#define __rte_noreturn __attribute__((__noreturn__))

/**
 * Warns when a caller ignores the function's return value. With GCC a
 * cast to void does not silence it; assign to an __rte_unused variable.
 */
#define __rte_warn_unused_result __attribute__((__warn_unused_result__))

/** Inlines the function at every call, even without optimisation. */
#define __rte_always_inline inline __attribute__((__always_inline__))

/** Never inlines the function. */
#define __rte_noinline __attribute__((__noinline__))

/** Marks a function as frequently executed (optimise for speed). */
#define __rte_hot __attribute__((__hot__))

/** Marks a function as rarely executed (optimise for size, move away). */
#define __rte_cold __attribute__((__cold__))

/*
 * __rte_no_asan turns AddressSanitizer off for one function, for code that
 * deliberately reads memory the sanitizer considers poisoned. It is empty
 * when the build does not use AddressSanitizer.
 */
#if defined(__SANITIZE_ADDRESS__)
#define RTE_HAS_ASAN_ 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RTE_HAS_ASAN_ 1
#endif
#endif
#ifdef RTE_HAS_ASAN_
#ifdef RTE_CC_CLANG
/** Disables AddressSanitizer instrumentation of one function. */
#define __rte_no_asan __attribute__((__no_sanitize__("address")))
#else
#define __rte_no_asan __attribute__((__no_sanitize_address__))
#endif
#else
#define __rte_no_asan
#endif
#undef RTE_HAS_ASAN_

/* ------------------------------------------------------------------ */
/* Constructors and destructors                                        */
/* ------------------------------------------------------------------ */

/** Constructor priority of log-type registration (runs first). */
#define RTE_PRIORITY_LOG 101
/** Constructor priority of bus registration. */
#define RTE_PRIORITY_BUS 110
/** Constructor priority of device-class registration. */
#define RTE_PRIORITY_CLASS 120
/** Constructor priority of everything else (runs last). */
#define RTE_PRIORITY_LAST 65535

/**
 * Turns a priority name (LOG, BUS, CLASS, LAST) into its number.
 *
 * @param prio
 *   The suffix of one of the RTE_PRIORITY_ macros.
 */
#define RTE_PRIO(prio) RTE_PRIORITY_ ## prio

#ifndef RTE_INIT_PRIO
/**
 * Defines a static function that runs before main(), at a given priority.
 *
 * Write the body after the macro: `RTE_INIT_PRIO(f, LOG) { ... }`.
 *
 * @param func
 *   Name of the function being defined.
 * @param prio
 *   LOG, BUS, CLASS or LAST; lower priorities run first.
 */
#define RTE_INIT_PRIO(func, prio) \
	static void __attribute__((__constructor__(RTE_PRIO(prio)), __used__)) \
	func(void)
#endif

/**
 * Defines a static function that runs before main(), after the prioritised
 * constructors.
 *
 * @param func
 *   Name of the function being defined.
 */
#define RTE_INIT(func) RTE_INIT_PRIO(func, LAST)

#ifndef RTE_FINI_PRIO
/**
 * Defines a static function that runs after main() returns (or at exit()),
 * at a given priority.
 *
 * @param func
 *   Name of the function being defined.
 * @param prio
 *   LOG, BUS, CLASS or LAST; lower priorities run last.
 */
#define RTE_FINI_PRIO(func, prio) \
	static void __attribute__((__destructor__(RTE_PRIO(prio)), __used__)) \
	func(void)
#endif

/**
 * Defines a static function that runs after main(), before the prioritised
 * destructors.
 *
 * @param func
 *   Name of the function being defined.
 */
#define RTE_FINI(func) RTE_FINI_PRIO(func, LAST)

/* ------------------------------------------------------------------ */
/* Pointer arithmetic                                                  */
/* ------------------------------------------------------------------ */

/**
 * Adds a byte offset to a pointer.
 *
 * @param ptr
 *   Any pointer.
 * @param x
 *   Offset in bytes.
 * @return
 *   `void *` pointing @p x bytes after @p ptr.
 */
#define RTE_PTR_ADD(ptr, x) ((void *)((uintptr_t)(ptr) + (x)))

/**
 * Subtracts a byte offset from a pointer.
 *
 * @param ptr
 *   Any pointer.
 * @param x
 *   Offset in bytes.
 * @return
 *   `void *` pointing @p x bytes before @p ptr.
 */
#define RTE_PTR_SUB(ptr, x) ((void *)((uintptr_t)(ptr) - (x)))

/**
 * Distance in bytes from @p ptr2 up to @p ptr1 (expects ptr1 >= ptr2).
 *
 * @return
 *   The difference as uintptr_t.
 */
#define RTE_PTR_DIFF(ptr1, ptr2) ((uintptr_t)(ptr1) - (uintptr_t)(ptr2))

/**
 * Accesses a (possibly const) field of a structure through another type,
 * discarding the qualifiers.
 *
 * @param var
 *   Pointer to the structure.
 * @param field
 *   Field name.
 * @param type
 *   Type to access the field as.
 */
#define RTE_CAST_FIELD(var, field, type) \
	(*(type *)((uintptr_t)(var) + offsetof(__typeof__(*(var)), field)))

/* ------------------------------------------------------------------ */
/* Alignment                                                           */
/* ------------------------------------------------------------------ */

/**
 * Rounds a value down to a multiple of a power of two.
 *
 * @param val
 *   Integer value; the result has its type.
 * @param align
 *   Power of two.
 */
#define RTE_ALIGN_FLOOR(val, align) \
	(__typeof__(val))((val) & (~((__typeof__(val))((align) - 1))))

/**
 * Rounds a pointer down to a multiple of a power of two.
 *
 * @param ptr
 *   Pointer; the result has its type.
 * @param align
 *   Power of two.
 */
#define RTE_PTR_ALIGN_FLOOR(ptr, align) \
	((__typeof__(ptr))RTE_ALIGN_FLOOR((uintptr_t)(ptr), align))

/**
 * Rounds a value up to a multiple of a power of two.
 *
 * @param val
 *   Integer value; the result has its type.
 * @param align
 *   Power of two.
 */
#define RTE_ALIGN_CEIL(val, align) \
	RTE_ALIGN_FLOOR(((val) + ((__typeof__(val))(align) - 1)), align)

/**
 * Rounds a pointer up to a multiple of a power of two.
 *
 * @param ptr
 *   Pointer; the result has its type.
 * @param align
 *   Power of two.
 */
#define RTE_PTR_ALIGN_CEIL(ptr, align) \
	RTE_PTR_ALIGN_FLOOR((__typeof__(ptr))RTE_PTR_ADD(ptr, (align) - 1), \
			    align)

/** Same as RTE_PTR_ALIGN_CEIL(). */
#define RTE_PTR_ALIGN(ptr, align) RTE_PTR_ALIGN_CEIL(ptr, align)

/** Same as RTE_ALIGN_CEIL(). */
#define RTE_ALIGN(val, align) RTE_ALIGN_CEIL(val, align)

/**
 * Rounds a value up to a multiple of any positive number.
 *
 * @param v
 *   Integer value; the result has its type.
 * @param mul
 *   The multiple, not necessarily a power of two.
 */
#define RTE_ALIGN_MUL_CEIL(v, mul) \
	((((v) + (__typeof__(v))(mul) - 1) / ((__typeof__(v))(mul))) * \
	 (__typeof__(v))(mul))

/**
 * Rounds a value down to a multiple of any positive number.
 *
 * @param v
 *   Integer value; the result has its type.
 * @param mul
 *   The multiple, not necessarily a power of two.
 */
#define RTE_ALIGN_MUL_FLOOR(v, mul) \
	(((v) / ((__typeof__(v))(mul))) * (__typeof__(v))(mul))

/**
 * Rounds a value to the nearest multiple of any positive number; a tie
 * rounds up.
 *
 * @param v
 *   Integer value; the result has its type.
 * @param mul
 *   The multiple.
 */
#define RTE_ALIGN_MUL_NEAR(v, mul) __extension__ ({                       \
		__typeof__(v) rte_up_ = RTE_ALIGN_MUL_CEIL(v, mul);       \
		__typeof__(v) rte_down_ = RTE_ALIGN_MUL_FLOOR(v, mul);    \
		(rte_up_ - (v)) > ((v) - rte_down_) ? rte_down_ : rte_up_; \
	})

/**
 * Tells whether a pointer is aligned to a power of two.
 *
 * @param ptr
 *   The pointer to check.
 * @param align
 *   Power of two.
 * @return
 *   1 when @p ptr is a multiple of @p align, 0 otherwise.
 */
static inline int
rte_is_aligned(const void * const __rte_restrict ptr, const unsigned int align)
{
	return ((uintptr_t)ptr & (align - 1)) == 0;
}

/* ------------------------------------------------------------------ */
/* Compile-time checks                                                 */
/* ------------------------------------------------------------------ */

/**
 * Fails the compilation when a constant condition is true.
 *
 * An expression of type void. In C the condition must be an integer
 * constant expression (a non-constant one is a compile error, rather than
 * silently accepted as in DPDK 22.11).
 *
 * @param condition
 *   Integer constant expression that must be false.
 */
#ifdef __cplusplus
#define RTE_BUILD_BUG_ON(condition) \
	((void)sizeof(char[1 - 2 * !!(condition)]))
#else
#define RTE_BUILD_BUG_ON(condition) \
	((void)sizeof(struct { int rte_build_bug_on_ : 1 - 2 * !!(condition); }))
#endif

/* ------------------------------------------------------------------ */
/* Cache lines                                                         */
/* ------------------------------------------------------------------ */

/* RTE_CACHE_LINE_SIZE comes from rte_build_config.h. */

/** Mask of the offset bits inside a cache line. */
#define RTE_CACHE_LINE_MASK (RTE_CACHE_LINE_SIZE - 1)

/**
 * Rounds a size up to a whole number of cache lines.
 *
 * @param size
 *   Size in bytes.
 */
#define RTE_CACHE_LINE_ROUNDUP(size) RTE_ALIGN_CEIL(size, RTE_CACHE_LINE_SIZE)

#if RTE_CACHE_LINE_SIZE == 64
/** log2(RTE_CACHE_LINE_SIZE). */
#define RTE_CACHE_LINE_SIZE_LOG2 6
#elif RTE_CACHE_LINE_SIZE == 128
#define RTE_CACHE_LINE_SIZE_LOG2 7
#else
#error "rtmem supports cache lines of 64 or 128 bytes"
#endif

/** The smallest cache line size of any supported CPU. */
#define RTE_CACHE_LINE_MIN_SIZE 64

/** Aligns to (and pads to a multiple of) a cache line. */
#define __rte_cache_aligned __rte_aligned(RTE_CACHE_LINE_SIZE)

/** Aligns to RTE_CACHE_LINE_MIN_SIZE bytes. */
#define __rte_cache_min_aligned __rte_aligned(RTE_CACHE_LINE_MIN_SIZE)

/* ------------------------------------------------------------------ */
/* Physical and IO addresses                                           */
/* ------------------------------------------------------------------ */

/** A physical address. */
typedef uint64_t phys_addr_t;
/** A physical address that means "unknown" or "none". */
#define RTE_BAD_PHYS_ADDR ((phys_addr_t)-1)

/**
 * An IO virtual address: the address a device would use for a buffer.
 * rtmem runs without an IOMMU or device, so an IOVA equals the virtual
 * address or is RTE_BAD_IOVA.
 */
typedef uint64_t rte_iova_t;
/** An IO address that means "unknown" or "none". */
#define RTE_BAD_IOVA ((rte_iova_t)-1)

/* ------------------------------------------------------------------ */
/* Structure markers (zero-length arrays that name a place in a struct) */
/* ------------------------------------------------------------------ */

/** Zero-size marker aligned like a pointer. */
__extension__ typedef void *RTE_MARKER[0];
/** Zero-size marker with byte alignment. */
__extension__ typedef uint8_t RTE_MARKER8[0];
/** Zero-size marker with 2-byte alignment. */
__extension__ typedef uint16_t RTE_MARKER16[0];
/** Zero-size marker with 4-byte alignment. */
__extension__ typedef uint32_t RTE_MARKER32[0];
/** Zero-size marker with 8-byte alignment. */
__extension__ typedef uint64_t RTE_MARKER64[0];

/* ------------------------------------------------------------------ */
/* Powers of two                                                       */
/* ------------------------------------------------------------------ */

/**
 * Sets every bit below the highest set bit of a 32-bit value.
 *
 * @param x
 *   The value.
 * @return
 *   @p x with all bits under its most significant 1 also set (0 for 0).
 */
static inline uint32_t
rte_combine32ms1b(uint32_t x)
{
	x |= x >> 1;
	x |= x >> 2;
	x |= x >> 4;
	x |= x >> 8;
	x |= x >> 16;
	return x;
}

/**
 * Sets every bit below the highest set bit of a 64-bit value.
 *
 * @param v
 *   The value.
 * @return
 *   @p v with all bits under its most significant 1 also set (0 for 0).
 */
static inline uint64_t
rte_combine64ms1b(uint64_t v)
{
	v |= v >> 1;
	v |= v >> 2;
	v |= v >> 4;
	v |= v >> 8;
	v |= v >> 16;
	v |= v >> 32;
	return v;
}

/**
 * Tells whether an integer is a power of two (macro form, any type).
 *
 * @param n
 *   The value; evaluated more than once.
 * @return
 *   Nonzero when @p n is a power of two, 0 otherwise (0 for 0).
 */
#define RTE_IS_POWER_OF_2(n) ((n) && !(((n) - 1) & (n)))

/**
 * Tells whether a 32-bit value is a power of two.
 *
 * @param n
 *   The value.
 * @return
 *   1 when @p n is a power of two, 0 otherwise (0 for 0).
 */
static inline int
rte_is_power_of_2(uint32_t n)
{
	return n != 0 && (n & (n - 1)) == 0;
}

/**
 * Rounds a 32-bit value up to a power of two.
 *
 * @param x
 *   The value.
 * @return
 *   The smallest power of two >= @p x; 0 for 0 and for values above 2^31.
 */
static inline uint32_t
rte_align32pow2(uint32_t x)
{
	return rte_combine32ms1b(x - 1) + 1;
}

/**
 * Rounds a 32-bit value down to a power of two.
 *
 * @param x
 *   The value.
 * @return
 *   The largest power of two <= @p x; 0 for 0.
 */
static inline uint32_t
rte_align32prevpow2(uint32_t x)
{
	x = rte_combine32ms1b(x);
	return x - (x >> 1);
}

/**
 * Rounds a 64-bit value up to a power of two.
 *
 * @param v
 *   The value.
 * @return
 *   The smallest power of two >= @p v; 0 for 0 and for values above 2^63.
 */
static inline uint64_t
rte_align64pow2(uint64_t v)
{
	return rte_combine64ms1b(v - 1) + 1;
}

/**
 * Rounds a 64-bit value down to a power of two.
 *
 * @param v
 *   The value.
 * @return
 *   The largest power of two <= @p v; 0 for 0.
 */
static inline uint64_t
rte_align64prevpow2(uint64_t v)
{
	v = rte_combine64ms1b(v);
	return v - (v >> 1);
}

/* ------------------------------------------------------------------ */
/* Minimum and maximum                                                 */
/* ------------------------------------------------------------------ */

/**
 * The smaller of two values; each argument is evaluated exactly once.
 *
 * @param a
 *   First value.
 * @param b
 *   Second value.
 */
#define RTE_MIN(a, b) __extension__ ({             \
		__typeof__(a) rte_min_a_ = (a);    \
		__typeof__(b) rte_min_b_ = (b);    \
		rte_min_a_ < rte_min_b_ ? rte_min_a_ : rte_min_b_; \
	})

/**
 * The larger of two values; each argument is evaluated exactly once.
 *
 * @param a
 *   First value.
 * @param b
 *   Second value.
 */
#define RTE_MAX(a, b) __extension__ ({             \
		__typeof__(a) rte_max_a_ = (a);    \
		__typeof__(b) rte_max_b_ = (b);    \
		rte_max_a_ > rte_max_b_ ? rte_max_a_ : rte_max_b_; \
	})

/* ------------------------------------------------------------------ */
/* Bit scans                                                           */
/* ------------------------------------------------------------------ */

/**
 * Index of the least significant set bit of a 32-bit value.
 *
 * @param v
 *   The value; must not be 0 (the result is undefined for 0).
 * @return
 *   Bit index, 0 to 31.
 */
static inline uint32_t
rte_bsf32(uint32_t v)
{
	return (uint32_t)__builtin_ctz(v);
}

/**
 * Index of the least significant set bit of a 32-bit value, checking for 0.
 *
 * @param v
 *   The value.
 * @param pos
 *   Receives the bit index when @p v is not 0; untouched otherwise. Must
 *   be a valid pointer.
 * @return
 *   1 when @p v had a set bit, 0 when @p v is 0.
 */
static inline int
rte_bsf32_safe(uint32_t v, uint32_t *pos)
{
	if (v == 0)
		return 0;
	*pos = rte_bsf32(v);
	return 1;
}

/**
 * Base-2 logarithm of a 32-bit value, rounded up.
 *
 * @param v
 *   The value.
 * @return
 *   ceil(log2(v)); 0 for both 0 and 1.
 */
static inline uint32_t
rte_log2_u32(uint32_t v)
{
	if (v == 0)
		return 0;
	v = rte_align32pow2(v);
	return v == 0 ? 32 : rte_bsf32(v);
}

/**
 * Position of the most significant set bit of a 32-bit value, counting
 * from 1.
 *
 * @param x
 *   The value.
 * @return
 *   0 for 0, 1 for 1, ..., 32 when bit 31 is set.
 */
static inline uint32_t
rte_fls_u32(uint32_t x)
{
	return x == 0 ? 0 : 32 - (uint32_t)__builtin_clz(x);
}

/**
 * Index of the least significant set bit of a 64-bit value.
 *
 * @param v
 *   The value; must not be 0 (the result is undefined for 0).
 * @return
 *   Bit index, 0 to 63.
 */
static inline uint32_t
rte_bsf64(uint64_t v)
{
	return (uint32_t)__builtin_ctzll(v);
}

/**
 * Index of the least significant set bit of a 64-bit value, checking for 0.
 *
 * @param v
 *   The value.
 * @param pos
 *   Receives the bit index when @p v is not 0; untouched otherwise. Must
 *   be a valid pointer.
 * @return
 *   1 when @p v had a set bit, 0 when @p v is 0.
 */
static inline int
rte_bsf64_safe(uint64_t v, uint32_t *pos)
{
	if (v == 0)
		return 0;
	*pos = rte_bsf64(v);
	return 1;
}

/**
 * Position of the most significant set bit of a 64-bit value, counting
 * from 1.
 *
 * @param x
 *   The value.
 * @return
 *   0 for 0, 1 for 1, ..., 64 when bit 63 is set.
 */
static inline uint32_t
rte_fls_u64(uint64_t x)
{
	return x == 0 ? 0 : 64 - (uint32_t)__builtin_clzll(x);
}

/**
 * Base-2 logarithm of a 64-bit value, rounded up.
 *
 * @param v
 *   The value.
 * @return
 *   ceil(log2(v)); 0 for both 0 and 1.
 */
static inline uint32_t
rte_log2_u64(uint64_t v)
{
	if (v == 0)
		return 0;
	v = rte_align64pow2(v);
	return v == 0 ? 64 : rte_bsf64(v);
}

/* ------------------------------------------------------------------ */
/* Structures, strings and arrays                                      */
/* ------------------------------------------------------------------ */

#ifndef container_of
/**
 * Pointer to the structure that contains a given member.
 *
 * @param ptr
 *   Pointer to the member; its type is checked against the member's.
 * @param type
 *   Type of the containing structure.
 * @param member
 *   Name of the member inside @p type.
 * @return
 *   `type *` pointing at the enclosing structure.
 */
#define container_of(ptr, type, member) __extension__ ({                \
		const __typeof__(((type *)0)->member) *rte_member_ = (ptr); \
		(type *)(void *)((uintptr_t)rte_member_ -               \
				 offsetof(type, member));               \
	})
#endif

/**
 * Exchanges the values of two lvalues of the same type.
 *
 * @param a
 *   First lvalue.
 * @param b
 *   Second lvalue.
 */
#define RTE_SWAP(a, b) __extension__ ({            \
		__typeof__(a) rte_swap_tmp_ = (a); \
		(a) = (b);                         \
		(b) = rte_swap_tmp_;               \
	})

/**
 * Size in bytes of one field of a structure type.
 *
 * @param type
 *   The structure type.
 * @param field
 *   The field name.
 */
#define RTE_SIZEOF_FIELD(type, field) (sizeof(((type *)0)->field))

/** Helper of RTE_STR(): stringifies without expanding. */
#define _RTE_STR(x) #x
/**
 * Expands a macro and turns the result into a string literal.
 *
 * @param x
 *   Macro or tokens.
 */
#define RTE_STR(x) _RTE_STR(x)

/**
 * Format-string helpers for variadic macros in ISO C (without the GNU
 * `, ## __VA_ARGS__`). RTE_FMT(fmt, args...) appends an empty "%.0s"
 * argument so the list is never empty; RTE_FMT_HEAD and RTE_FMT_TAIL split
 * a list into its format and the rest.
 */
#define RTE_FMT(fmt, ...) fmt "%.0s", __VA_ARGS__ ""
/** First element of a (format, args...) list. */
#define RTE_FMT_HEAD(fmt, ...) fmt
/** All but the first element of a (format, args...) list. */
#define RTE_FMT_TAIL(fmt, ...) __VA_ARGS__

/**
 * A mask of the @p ln low bits, as type @p tp.
 *
 * @param ln
 *   Number of bits, 1 to 64.
 * @param tp
 *   Result type.
 */
#define RTE_LEN2MASK(ln, tp) \
	((tp)((uint64_t)-1 >> (sizeof(uint64_t) * CHAR_BIT - (ln))))

/**
 * Number of elements of an array (not a pointer).
 *
 * @param a
 *   The array.
 */
#define RTE_DIM(a) (sizeof(a) / sizeof((a)[0]))

/**
 * Converts a size written as a number with an optional unit suffix.
 *
 * Accepts decimal, octal (leading 0) or hexadecimal (0x) numbers followed
 * by an optional K, M, G, T, P or E (either case) for the binary multiples
 * 2^10 ... 2^60. Leading white space is skipped.
 *
 * @param str
 *   The text to convert.
 * @return
 *   The size in bytes; 0 for a negative number or text that is not a
 *   number.
 */
uint64_t
rte_str_to_size(const char *str);

/**
 * Logs a message at CRIT level and terminates the program.
 *
 * rtmem releases its resources with rte_eal_cleanup() and then calls
 * exit(@p exit_code), so atexit handlers and RTE_FINI destructors run.
 *
 * @param exit_code
 *   Status returned to the parent process.
 * @param format
 *   printf-style format of the message, followed by its arguments.
 */
__rte_noreturn void
rte_exit(int exit_code, const char *format, ...)
	__rte_format_printf(2, 3);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_COMMON_H_ */
