/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: the macros and small helpers of the platform headers:
 * rte_common.h (alignment, powers of two, bit scans incl. 0 and the top
 * bits, RTE_MIN/RTE_MAX evaluating once, container_of, RTE_INIT, ...),
 * rte_bitops.h, rte_byteorder.h, rte_string_fns.h (truncation, -E2BIG,
 * splitting, sizes with units), rte_version.h, rte_os.h and the
 * rte_memory.h constants. It includes every platform header, so it also
 * proves that they compile together in a strict C11 program.
 */
#include <errno.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <rte_atomic.h>
#include <rte_bitops.h>
#include <rte_branch_prediction.h>
#include <rte_byteorder.h>
#include <rte_common.h>
#include <rte_compat.h>
#include <rte_cycles.h>
#include <rte_debug.h>
#include <rte_errno.h>
#include <rte_memory.h>
#include <rte_os.h>
#include <rte_pause.h>
#include <rte_per_lcore.h>
#include <rte_spinlock.h>
#include <rte_stdatomic.h>
#include <rte_string_fns.h>
#include <rte_version.h>

#include "test.h"

/* ---- constructors */

static int init_prio_ran;     /* set by the prioritised constructor */
static int init_order_ok;     /* the LAST one saw the prioritised one */

RTE_INIT_PRIO(early_ctor, LOG)
{
	init_prio_ran = 1;
}

RTE_INIT(late_ctor)
{
	init_order_ok = init_prio_ran;
}

static void
test_init(void)
{
	EXPECT_EQ_INT(init_prio_ran, 1);
	EXPECT_EQ_INT(init_order_ok, 1);
	EXPECT_EQ_INT(RTE_PRIO(LOG), 101);
	EXPECT_EQ_INT(RTE_PRIO(BUS), 110);
	EXPECT_EQ_INT(RTE_PRIO(CLASS), 120);
	EXPECT_EQ_INT(RTE_PRIO(LAST), 65535);
}

/* ---- pointers and alignment */

struct cl_aligned {
	char c;
} __rte_cache_aligned;

struct packed {
	uint8_t a;
	uint32_t b;
} __rte_packed;

static void
test_alignment(void)
{
	char buf[256];
	char *p = buf + 3;
	uintptr_t u = (uintptr_t)p;

	EXPECT_EQ_PTR(RTE_PTR_ADD(p, 5), buf + 8);
	EXPECT_EQ_PTR(RTE_PTR_SUB(p, 3), buf);
	EXPECT_EQ_UINT(RTE_PTR_DIFF(buf + 40, buf + 8), 32);

	EXPECT_EQ_UINT(RTE_ALIGN_FLOOR(37u, 8), 32);
	EXPECT_EQ_UINT(RTE_ALIGN_CEIL(37u, 8), 40);
	EXPECT_EQ_UINT(RTE_ALIGN_CEIL(40u, 8), 40);
	EXPECT_EQ_UINT(RTE_ALIGN(1u, 64), 64);
	EXPECT_EQ_UINT(RTE_ALIGN_FLOOR((uint64_t)0x12345fff, 4096),
		       0x12345000);
	/* the type of the first argument is kept: no truncation to int */
	EXPECT_EQ_UINT(RTE_ALIGN_CEIL(UINT64_C(0x100000001), 0x1000),
		       UINT64_C(0x100001000));

	EXPECT_EQ_UINT((uintptr_t)RTE_PTR_ALIGN_FLOOR(p, 16),
		       u & ~(uintptr_t)15);
	EXPECT_EQ_UINT((uintptr_t)RTE_PTR_ALIGN_CEIL(p, 16),
		       (u + 15) & ~(uintptr_t)15);
	EXPECT_EQ_UINT((uintptr_t)RTE_PTR_ALIGN(p, 16),
		       (u + 15) & ~(uintptr_t)15);
	EXPECT_TRUE(rte_is_aligned(RTE_PTR_ALIGN(p, 64), 64));
	EXPECT_FALSE(rte_is_aligned((void *)(uintptr_t)0x1004, 8));
	EXPECT_TRUE(rte_is_aligned((void *)(uintptr_t)0x1008, 8));

	EXPECT_EQ_INT(RTE_ALIGN_MUL_CEIL(10, 3), 12);
	EXPECT_EQ_INT(RTE_ALIGN_MUL_CEIL(12, 3), 12);
	EXPECT_EQ_INT(RTE_ALIGN_MUL_FLOOR(11, 3), 9);
	EXPECT_EQ_INT(RTE_ALIGN_MUL_NEAR(10, 3), 9);
	EXPECT_EQ_INT(RTE_ALIGN_MUL_NEAR(11, 3), 12);
	EXPECT_EQ_INT(RTE_ALIGN_MUL_NEAR(15, 10), 20); /* tie rounds up */

	EXPECT_EQ_UINT(RTE_CACHE_LINE_MASK, RTE_CACHE_LINE_SIZE - 1);
	EXPECT_EQ_UINT(1u << RTE_CACHE_LINE_SIZE_LOG2, RTE_CACHE_LINE_SIZE);
	EXPECT_EQ_UINT(RTE_CACHE_LINE_ROUNDUP(1), RTE_CACHE_LINE_SIZE);
	EXPECT_EQ_UINT(RTE_CACHE_LINE_ROUNDUP(RTE_CACHE_LINE_SIZE + 1),
		       2 * RTE_CACHE_LINE_SIZE);
	EXPECT_EQ_UINT(alignof(struct cl_aligned), RTE_CACHE_LINE_SIZE);
	EXPECT_EQ_UINT(sizeof(struct cl_aligned), RTE_CACHE_LINE_SIZE);
	EXPECT_EQ_UINT(sizeof(struct packed), 5);
	EXPECT_EQ_UINT(RTE_CACHE_LINE_MIN_SIZE, 64);

	RTE_BUILD_BUG_ON(sizeof(uint32_t) != 4);
	RTE_BUILD_BUG_ON(RTE_CACHE_LINE_SIZE < RTE_CACHE_LINE_MIN_SIZE);
	EXPECT_EQ_UINT(RTE_BAD_IOVA, UINT64_MAX);
	EXPECT_EQ_UINT(RTE_BAD_PHYS_ADDR, UINT64_MAX);
	EXPECT_EQ_UINT(sizeof(rte_iova_t), 8);
}

/* ---- powers of two and bit scans */

static void
test_pow2(void)
{
	volatile uint64_t top = UINT64_C(1) << 63;
	volatile int six = 6, zero = 0;

	EXPECT_EQ_INT(rte_is_power_of_2(0), 0);
	EXPECT_EQ_INT(rte_is_power_of_2(1), 1);
	EXPECT_EQ_INT(rte_is_power_of_2(2), 1);
	EXPECT_EQ_INT(rte_is_power_of_2(3), 0);
	EXPECT_EQ_INT(rte_is_power_of_2(UINT32_C(1) << 31), 1);
	EXPECT_EQ_INT(rte_is_power_of_2(UINT32_MAX), 0);
	EXPECT_FALSE(RTE_IS_POWER_OF_2(zero));
	EXPECT_TRUE(RTE_IS_POWER_OF_2(top));
	EXPECT_FALSE(RTE_IS_POWER_OF_2(six));

	EXPECT_EQ_UINT(rte_combine32ms1b(0x00100100), 0x001fffff);
	EXPECT_EQ_UINT(rte_combine64ms1b(UINT64_C(1) << 40),
		       (UINT64_C(1) << 41) - 1);

	EXPECT_EQ_UINT(rte_align32pow2(0), 0);
	EXPECT_EQ_UINT(rte_align32pow2(1), 1);
	EXPECT_EQ_UINT(rte_align32pow2(3), 4);
	EXPECT_EQ_UINT(rte_align32pow2(4), 4);
	EXPECT_EQ_UINT(rte_align32pow2(1000), 1024);
	EXPECT_EQ_UINT(rte_align32pow2(UINT32_C(1) << 31), UINT32_C(1) << 31);
	EXPECT_EQ_UINT(rte_align32pow2((UINT32_C(1) << 31) + 1), 0);
	EXPECT_EQ_UINT(rte_align32prevpow2(0), 0);
	EXPECT_EQ_UINT(rte_align32prevpow2(1), 1);
	EXPECT_EQ_UINT(rte_align32prevpow2(1000), 512);
	EXPECT_EQ_UINT(rte_align32prevpow2(UINT32_MAX), UINT32_C(1) << 31);

	EXPECT_EQ_UINT(rte_align64pow2(0), 0);
	EXPECT_EQ_UINT(rte_align64pow2(5), 8);
	EXPECT_EQ_UINT(rte_align64pow2((UINT64_C(1) << 40) + 1),
		       UINT64_C(1) << 41);
	EXPECT_EQ_UINT(rte_align64pow2(UINT64_C(1) << 63), UINT64_C(1) << 63);
	EXPECT_EQ_UINT(rte_align64pow2((UINT64_C(1) << 63) + 1), 0);
	EXPECT_EQ_UINT(rte_align64prevpow2(UINT64_MAX), UINT64_C(1) << 63);
	EXPECT_EQ_UINT(rte_align64prevpow2(0), 0);
	EXPECT_EQ_UINT(rte_align64prevpow2(3), 2);
}

static void
test_bitscan(void)
{
	uint32_t pos;

	EXPECT_EQ_UINT(rte_bsf32(1), 0);
	EXPECT_EQ_UINT(rte_bsf32(0x18), 3);
	EXPECT_EQ_UINT(rte_bsf32(UINT32_C(1) << 31), 31);
	pos = 77;
	EXPECT_EQ_INT(rte_bsf32_safe(0, &pos), 0);
	EXPECT_EQ_UINT(pos, 77); /* untouched for 0 */
	EXPECT_EQ_INT(rte_bsf32_safe(0x80000000u, &pos), 1);
	EXPECT_EQ_UINT(pos, 31);

	EXPECT_EQ_UINT(rte_bsf64(UINT64_C(1) << 63), 63);
	EXPECT_EQ_UINT(rte_bsf64(UINT64_C(0x100000000)), 32);
	pos = 5;
	EXPECT_EQ_INT(rte_bsf64_safe(0, &pos), 0);
	EXPECT_EQ_UINT(pos, 5);
	EXPECT_EQ_INT(rte_bsf64_safe(UINT64_C(1) << 50, &pos), 1);
	EXPECT_EQ_UINT(pos, 50);

	EXPECT_EQ_UINT(rte_fls_u32(0), 0);
	EXPECT_EQ_UINT(rte_fls_u32(1), 1);
	EXPECT_EQ_UINT(rte_fls_u32(0x10), 5);
	EXPECT_EQ_UINT(rte_fls_u32(UINT32_C(1) << 31), 32);
	EXPECT_EQ_UINT(rte_fls_u32(UINT32_MAX), 32);
	EXPECT_EQ_UINT(rte_fls_u64(0), 0);
	EXPECT_EQ_UINT(rte_fls_u64(1), 1);
	EXPECT_EQ_UINT(rte_fls_u64(UINT64_C(1) << 40), 41);
	EXPECT_EQ_UINT(rte_fls_u64(UINT64_C(1) << 63), 64);

	EXPECT_EQ_UINT(rte_log2_u32(0), 0);
	EXPECT_EQ_UINT(rte_log2_u32(1), 0);
	EXPECT_EQ_UINT(rte_log2_u32(2), 1);
	EXPECT_EQ_UINT(rte_log2_u32(3), 2);
	EXPECT_EQ_UINT(rte_log2_u32(1024), 10);
	EXPECT_EQ_UINT(rte_log2_u32(1025), 11);
	EXPECT_EQ_UINT(rte_log2_u32(UINT32_C(1) << 31), 31);
	EXPECT_EQ_UINT(rte_log2_u32((UINT32_C(1) << 31) + 1), 32);
	EXPECT_EQ_UINT(rte_log2_u64(0), 0);
	EXPECT_EQ_UINT(rte_log2_u64(1), 0);
	EXPECT_EQ_UINT(rte_log2_u64(UINT64_C(1) << 40), 40);
	EXPECT_EQ_UINT(rte_log2_u64((UINT64_C(1) << 40) + 1), 41);
	EXPECT_EQ_UINT(rte_log2_u64(UINT64_C(1) << 63), 63);
	EXPECT_EQ_UINT(rte_log2_u64(UINT64_MAX), 64);
}

/* ---- min/max, structures, strings */

struct outer {
	int a;
	double b;
	char member[3];
	uint64_t tail;
};

static int eval_count;

static int
counted(int v)
{
	eval_count++;
	return v;
}

static void
test_minmax_and_structs(void)
{
	struct outer o;
	char (*m)[3] = &o.member;
	uint64_t *t = &o.tail;
	int arr[7];
	int x = 1, y = 2;

	eval_count = 0;
	EXPECT_EQ_INT(RTE_MIN(counted(3), counted(5)), 3);
	EXPECT_EQ_INT(eval_count, 2);
	eval_count = 0;
	EXPECT_EQ_INT(RTE_MAX(counted(3), counted(5)), 5);
	EXPECT_EQ_INT(eval_count, 2);
	EXPECT_EQ_INT(RTE_MIN(-1, 4), -1);
	EXPECT_EQ_UINT(RTE_MAX(UINT64_C(1) << 40, UINT64_C(7)),
		       UINT64_C(1) << 40);

	EXPECT_EQ_PTR(container_of(m, struct outer, member), &o);
	EXPECT_EQ_PTR(container_of(t, struct outer, tail), &o);

	EXPECT_EQ_UINT(RTE_DIM(arr), 7);
	EXPECT_EQ_UINT(RTE_SIZEOF_FIELD(struct outer, member), 3);
	EXPECT_EQ_UINT(RTE_SIZEOF_FIELD(struct outer, tail), 8);
	EXPECT_EQ_STR(RTE_STR(RTE_CACHE_LINE_SIZE), "64");
	EXPECT_EQ_STR(RTE_STR(abc), "abc");
	EXPECT_EQ_UINT(RTE_LEN2MASK(5, uint32_t), 0x1f);
	EXPECT_EQ_UINT(RTE_LEN2MASK(64, uint64_t), UINT64_MAX);

	RTE_SWAP(x, y);
	EXPECT_EQ_INT(x, 2);
	EXPECT_EQ_INT(y, 1);

	RTE_SET_USED(arr);
	EXPECT_TRUE(likely(x == 2));
	EXPECT_FALSE(unlikely(x == 3));
}

/* ---- bitops */

static void
test_bitops(void)
{
	volatile uint32_t w32 = 0;
	volatile uint64_t w64 = 0;

	EXPECT_EQ_UINT(RTE_BIT32(31), 0x80000000u);
	EXPECT_EQ_UINT(RTE_BIT64(63), UINT64_C(0x8000000000000000));
	EXPECT_EQ_UINT(RTE_GENMASK32(7, 4), 0xf0);
	EXPECT_EQ_UINT(RTE_GENMASK32(31, 0), UINT32_MAX);
	EXPECT_EQ_UINT(RTE_GENMASK64(63, 60), UINT64_C(0xf000000000000000));
	EXPECT_EQ_UINT(RTE_GENMASK64(63, 0), UINT64_MAX);
	EXPECT_EQ_UINT(RTE_SHIFT_VAL32(3, 4), 0x30);
	EXPECT_EQ_UINT(RTE_SHIFT_VAL64(1, 40), UINT64_C(1) << 40);
	EXPECT_EQ_UINT(RTE_FIELD_GET32(0xf0u, 0xabcdu), 0xc);
	EXPECT_EQ_UINT(RTE_FIELD_GET64(UINT64_C(0xff00000000),
				       UINT64_C(0x1234567890)), 0x12);

	EXPECT_EQ_UINT(rte_clz32(1), 31);
	EXPECT_EQ_UINT(rte_clz64(1), 63);
	EXPECT_EQ_UINT(rte_ctz32(0x80000000u), 31);
	EXPECT_EQ_UINT(rte_ctz64(UINT64_C(1) << 63), 63);
	EXPECT_EQ_UINT(rte_popcount32(0xf0f0u), 8);
	EXPECT_EQ_UINT(rte_popcount64(UINT64_MAX), 64);

	rte_bit_relaxed_set32(31, &w32);
	EXPECT_EQ_UINT(w32, 0x80000000u);
	EXPECT_NE_UINT(rte_bit_relaxed_get32(31, &w32), 0);
	EXPECT_EQ_UINT(rte_bit_relaxed_get32(0, &w32), 0);
	EXPECT_EQ_UINT(rte_bit_relaxed_test_and_set32(0, &w32), 0);
	EXPECT_NE_UINT(rte_bit_relaxed_test_and_set32(0, &w32), 0);
	EXPECT_EQ_UINT(w32, 0x80000001u);
	EXPECT_NE_UINT(rte_bit_relaxed_test_and_clear32(31, &w32), 0);
	EXPECT_EQ_UINT(rte_bit_relaxed_test_and_clear32(31, &w32), 0);
	rte_bit_relaxed_clear32(0, &w32);
	EXPECT_EQ_UINT(w32, 0);

	rte_bit_relaxed_set64(63, &w64);
	EXPECT_EQ_UINT(w64, UINT64_C(1) << 63);
	/* only the tested bit is returned, not the whole previous word */
	EXPECT_EQ_UINT(rte_bit_relaxed_test_and_set64(5, &w64), 0);
	EXPECT_EQ_UINT(rte_bit_relaxed_test_and_set64(5, &w64), 1u << 5);
	EXPECT_EQ_UINT(rte_bit_relaxed_get64(63, &w64), UINT64_C(1) << 63);
	EXPECT_EQ_UINT(rte_bit_relaxed_test_and_clear64(63, &w64),
		       UINT64_C(1) << 63);
	rte_bit_relaxed_clear64(5, &w64);
	EXPECT_EQ_UINT(w64, 0);
}

/* ---- byte order */

/* constant expressions: usable in static initialisers */
static const rte_be16_t be_const = RTE_BE16(0x1234);
static const uint32_t swapped_const = rte_bswap32(0x11223344);

static void
test_byteorder(void)
{
	volatile uint16_t v16 = 0x1234;
	volatile uint32_t v32 = 0x11223344;
	volatile uint64_t v64 = UINT64_C(0x0102030405060708);
	uint8_t bytes[4];
	rte_be32_t be;

	EXPECT_EQ_UINT(rte_bswap16(v16), 0x3412);
	EXPECT_EQ_UINT(rte_bswap32(v32), 0x44332211);
	EXPECT_EQ_UINT(rte_bswap64(v64), UINT64_C(0x0807060504030201));
	EXPECT_EQ_UINT(RTE_STATIC_BSWAP16(0xabcd), 0xcdab);
	EXPECT_EQ_UINT(RTE_STATIC_BSWAP32(0x11223344), 0x44332211);
	EXPECT_EQ_UINT(RTE_STATIC_BSWAP64(UINT64_C(0x0102030405060708)),
		       UINT64_C(0x0807060504030201));
	EXPECT_EQ_UINT(rte_constant_bswap16(0x00ff), 0xff00);
	EXPECT_EQ_UINT(rte_constant_bswap32(1), 0x01000000);
	EXPECT_EQ_UINT(rte_constant_bswap64(1), UINT64_C(1) << 56);
	EXPECT_EQ_UINT(swapped_const, 0x44332211);

	/* big endian means most significant byte first in memory */
	be = rte_cpu_to_be_32(v32);
	memcpy(bytes, &be, sizeof(bytes));
	EXPECT_EQ_UINT(bytes[0], 0x11);
	EXPECT_EQ_UINT(bytes[3], 0x44);
	memcpy(bytes, &be_const, 2);
	EXPECT_EQ_UINT(bytes[0], 0x12);
	EXPECT_EQ_UINT(bytes[1], 0x34);
	EXPECT_EQ_UINT(rte_be_to_cpu_32(be), 0x11223344);
	EXPECT_EQ_UINT(rte_be_to_cpu_16(rte_cpu_to_be_16(v16)), 0x1234);
	EXPECT_EQ_UINT(rte_be_to_cpu_64(rte_cpu_to_be_64(v64)), v64);
	EXPECT_EQ_UINT(rte_le_to_cpu_64(rte_cpu_to_le_64(v64)), v64);
	EXPECT_EQ_UINT(rte_le_to_cpu_16(rte_cpu_to_le_16(v16)), 0x1234);
	memcpy(bytes, &(rte_le32_t){ rte_cpu_to_le_32(v32) }, 4);
	EXPECT_EQ_UINT(bytes[0], 0x44);
#if RTE_BYTE_ORDER == RTE_LITTLE_ENDIAN
	EXPECT_EQ_UINT(RTE_LE32(0x11223344), 0x11223344);
	EXPECT_EQ_UINT(RTE_BE64(1), UINT64_C(1) << 56);
#endif
}

/* ---- string functions */

static void
test_strings(void)
{
	char buf[8];
	char split[64];
	char *tok[8];

	/* strlcpy/strlcat: the return value is the length tried */
	EXPECT_EQ_UINT(rte_strlcpy(buf, "hello", sizeof(buf)), 5);
	EXPECT_EQ_STR(buf, "hello");
	EXPECT_EQ_UINT(rte_strlcpy(buf, "truncated!", sizeof(buf)), 10);
	EXPECT_EQ_STR(buf, "truncat");
	EXPECT_EQ_UINT(strlcpy(buf, "ab", sizeof(buf)), 2);
	EXPECT_EQ_UINT(rte_strlcat(buf, "cd", sizeof(buf)), 4);
	EXPECT_EQ_STR(buf, "abcd");
	EXPECT_EQ_UINT(strlcat(buf, "efghij", sizeof(buf)), 10);
	EXPECT_EQ_STR(buf, "abcdefg");
	buf[0] = 'x';
	EXPECT_EQ_UINT(rte_strlcpy(buf, "zz", 0), 2);
	EXPECT_EQ_INT(buf[0], 'x'); /* size 0: nothing written */

	/* strscpy: fits exactly, then one byte too long */
	rte_errno = 0;
	EXPECT_EQ_INT(rte_strscpy(buf, "1234567", sizeof(buf)), 7);
	EXPECT_EQ_STR(buf, "1234567");
	EXPECT_EQ_INT(rte_errno, 0);
	EXPECT_EQ_INT(rte_strscpy(buf, "12345678", sizeof(buf)), -E2BIG);
	EXPECT_EQ_INT(rte_errno, E2BIG);
	EXPECT_EQ_STR(buf, "1234567");
	EXPECT_EQ_INT(rte_strscpy(buf, "", sizeof(buf)), 0);
	EXPECT_EQ_STR(buf, "");
	buf[0] = 'y';
	EXPECT_EQ_INT(rte_strscpy(buf, "a", 0), -E2BIG);
	EXPECT_EQ_INT(buf[0], 'y');

	/* strsplit */
	strcpy(split, "a,bb,,c");
	EXPECT_EQ_INT(rte_strsplit(split, sizeof(split), tok, 8, ','), 4);
	EXPECT_EQ_STR(tok[0], "a");
	EXPECT_EQ_STR(tok[1], "bb");
	EXPECT_EQ_STR(tok[2], "");
	EXPECT_EQ_STR(tok[3], "c");
	strcpy(split, "x:y:");
	EXPECT_EQ_INT(rte_strsplit(split, sizeof(split), tok, 8, ':'), 2);
	EXPECT_EQ_STR(tok[1], "y");
	strcpy(split, "1 2 3 4");
	EXPECT_EQ_INT(rte_strsplit(split, sizeof(split), tok, 2, ' '), 2);
	EXPECT_EQ_STR(tok[0], "1");
	EXPECT_EQ_STR(tok[1], "2 3 4"); /* the last token keeps the rest */
	strcpy(split, "");
	EXPECT_EQ_INT(rte_strsplit(split, sizeof(split), tok, 8, ','), 0);
	strcpy(split, "abc,def");
	EXPECT_EQ_INT(rte_strsplit(split, 3, tok, 8, ','), 1); /* buffer len */
	errno = 0;
	EXPECT_EQ_INT(rte_strsplit(NULL, 10, tok, 8, ','), -1);
	EXPECT_EQ_INT(errno, EINVAL);
	errno = 0;
	EXPECT_EQ_INT(rte_strsplit(split, 10, NULL, 8, ','), -1);
	EXPECT_EQ_INT(errno, EINVAL);

	EXPECT_EQ_STR(rte_str_skip_leading_spaces(" \t\n x y"), "x y");
	EXPECT_EQ_STR(rte_str_skip_leading_spaces("z"), "z");

	/* sizes with units */
	EXPECT_EQ_UINT(rte_str_to_size("123"), 123);
	EXPECT_EQ_UINT(rte_str_to_size("1K"), 1024);
	EXPECT_EQ_UINT(rte_str_to_size("3k"), 3072);
	EXPECT_EQ_UINT(rte_str_to_size("2M"), 2u << 20);
	EXPECT_EQ_UINT(rte_str_to_size("  5G"), UINT64_C(5) << 30);
	EXPECT_EQ_UINT(rte_str_to_size("1 g"), UINT64_C(1) << 30);
	EXPECT_EQ_UINT(rte_str_to_size("2T"), UINT64_C(2) << 40);
	EXPECT_EQ_UINT(rte_str_to_size("0x10"), 16);
	EXPECT_EQ_UINT(rte_str_to_size("-1"), 0);
	EXPECT_EQ_UINT(rte_str_to_size("junk"), 0);
}

/* ---- version, OS glue, memory constants, per-lcore */

static RTE_DEFINE_PER_LCORE(int, plc_var);

static void
test_version_os_memory(void)
{
	EXPECT_EQ_UINT(RTE_VERSION, RTE_VERSION_NUM(22, 11, 0, 99));
	EXPECT_TRUE(RTE_VERSION >= RTE_VERSION_NUM(22, 11, 0, 0));
	EXPECT_TRUE(RTE_VERSION < RTE_VERSION_NUM(23, 0, 0, 0));
	EXPECT_EQ_UINT(rte_version_year(), 22);
	EXPECT_EQ_UINT(rte_version_month(), 11);
	EXPECT_EQ_UINT(rte_version_minor(), 0);
	EXPECT_EQ_UINT(rte_version_release(), 99);
	EXPECT_EQ_STR(rte_version_prefix(), "DPDK");
	EXPECT_EQ_STR(rte_version_suffix(), "");
	EXPECT_CONTAINS(rte_version(), "rtmem " RTMEM_VERSION_STRING);
	EXPECT_CONTAINS(rte_version(), "(DPDK 22.11 API)");

#ifdef RTE_HAS_CPUSET
	{
		rte_cpuset_t a, b, c;

		CPU_ZERO(&a);
		CPU_ZERO(&b);
		CPU_SET(1, &a);
		CPU_SET(2, &a);
		CPU_SET(2, &b);
		RTE_CPU_AND(&c, &a, &b);
		EXPECT_EQ_INT(CPU_COUNT(&c), 1);
		EXPECT_TRUE(CPU_ISSET(2, &c));
		RTE_CPU_OR(&c, &a, &b);
		EXPECT_EQ_INT(CPU_COUNT(&c), 2);
		RTE_CPU_FILL(&c);
		EXPECT_EQ_INT(CPU_COUNT(&c), CPU_SETSIZE);
		RTE_CPU_NOT(&c, &a);
		EXPECT_EQ_INT(CPU_COUNT(&c), CPU_SETSIZE - 2);
		EXPECT_FALSE(CPU_ISSET(1, &c));
		EXPECT_TRUE(CPU_ISSET(0, &c));
	}
#else
	EXPECT_TRUE(false); /* tests build with _GNU_SOURCE: must exist */
#endif

	EXPECT_EQ_UINT(RTE_PGSIZE_4K, 4096);
	EXPECT_EQ_UINT(RTE_PGSIZE_2M, 2u << 20);
	EXPECT_EQ_UINT(RTE_PGSIZE_1G, UINT64_C(1) << 30);
	EXPECT_EQ_UINT(RTE_PGSIZE_16G, UINT64_C(16) << 30);
	EXPECT_EQ_INT(SOCKET_ID_ANY, -1);
	EXPECT_EQ_UINT(RTE_MEMSEG_FLAG_DIRTY, 2);

	RTE_PER_LCORE(plc_var) = 42;
	EXPECT_EQ_INT(per_lcore_plc_var, 42);

	RTE_ASSERT(false); /* compiled out: RTE_ENABLE_ASSERT is not set */
}

/* RTE_FINI: a destructor that runs when the process exits normally. */
static int fini_armed;

RTE_FINI(fini_marker)
{
	if (fini_armed) {
		printf("RTE_FINI ran\n");
		fflush(stdout);
	}
}

static int
exit_through_fini(void *arg)
{
	(void)arg;
	fini_armed = 1;
	exit(0); /* not _exit: destructors must run */
}

static void
test_fini(void)
{
	struct test_child_result res;

	ASSERT_EQ_INT(test_run_child(exit_through_fini, NULL, 10, &res), 0);
	EXPECT_EQ_INT(res.exit_code, 0);
	EXPECT_CONTAINS(res.out, "RTE_FINI ran");
}

int
main(void)
{
	test_init();
	test_alignment();
	test_pow2();
	test_bitscan();
	test_minmax_and_structs();
	test_bitops();
	test_byteorder();
	test_strings();
	test_version_os_memory();
	test_fini();
	return test_report();
}
