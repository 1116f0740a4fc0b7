/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Cycle counter, its frequency, and delays.
 *
 * rte_rdtsc() reads the CPU's free-running counter: the TSC on x86_64, the
 * generic timer's virtual count (CNTVCT_EL0) on arm64. rte_get_tsc_hz()
 * gives its frequency, measured once per process (the first call may take
 * about 20 ms when the CPU does not report it; rte_eal_init() does it
 * ahead). The counter is assumed constant-rate and synchronised across
 * CPUs, as on every CPU rtmem supports.
 *
 * The "timer" calls are the same counter: rtmem has no HPET source.
 *
 * rte_delay_us is a function pointer so that a program can replace the
 * delay implementation (rte_delay_us_callback_register()); it starts as
 * rte_delay_us_block().
 */
#ifndef _RTE_CYCLES_H_
#define _RTE_CYCLES_H_

#include <stdint.h>

#include <rte_atomic.h>
#include <rte_common.h>
#include <rte_compat.h>
#include <rte_debug.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MS_PER_S 1000        /**< Milliseconds per second. */
#define US_PER_S 1000000     /**< Microseconds per second. */
#define NS_PER_S 1000000000  /**< Nanoseconds per second. */

/** The clock behind the rte_get_timer_* calls. */
enum timer_source {
	EAL_TIMER_TSC = 0, /**< The CPU cycle counter (always, in rtmem). */
	EAL_TIMER_HPET     /**< The HPET (not supported by rtmem). */
};

/** The clock in use; always EAL_TIMER_TSC in rtmem. */
extern enum timer_source eal_timer_source;

/**
 * Reads the CPU cycle counter.
 *
 * Not serialising: the CPU may execute it before earlier instructions
 * finish. Use rte_rdtsc_precise() to time a short code section.
 *
 * @return
 *   The counter value (ticks at rte_get_tsc_hz()).
 */
static inline uint64_t
rte_rdtsc(void)
{
#if defined(RTE_ARCH_X86_64)
	uint32_t lo, hi;

	__asm__ __volatile__ ("rdtsc" : "=a" (lo), "=d" (hi));
	return ((uint64_t)hi << 32) | lo;
#elif defined(RTE_ARCH_ARM64)
	uint64_t v;

	__asm__ __volatile__ ("mrs %0, cntvct_el0" : "=r" (v));
	return v;
#else
#error "rte_rdtsc: unsupported architecture"
#endif
}

/**
 * Reads the CPU cycle counter after all earlier memory accesses complete.
 *
 * @return
 *   The counter value.
 */
static inline uint64_t
rte_rdtsc_precise(void)
{
#if defined(RTE_ARCH_ARM64)
	__asm__ __volatile__ ("isb" : : : "memory");
#else
	rte_mb();
#endif
	return rte_rdtsc();
}

/**
 * Reads the CPU cycle counter (same as rte_rdtsc()).
 *
 * @return
 *   The counter value.
 */
static inline uint64_t
rte_get_tsc_cycles(void)
{
	return rte_rdtsc();
}

/**
 * Frequency of the CPU cycle counter.
 *
 * Works before and without rte_eal_init(): the first call measures the
 * frequency (thread-safe); later calls return the stored value.
 *
 * @return
 *   Ticks per second of rte_rdtsc(); never 0.
 */
uint64_t
rte_get_tsc_hz(void);

/**
 * Reads the timer (the CPU cycle counter in rtmem).
 *
 * @return
 *   The timer value, in ticks of rte_get_timer_hz().
 */
static inline uint64_t
rte_get_timer_cycles(void)
{
	return rte_get_tsc_cycles();
}

/**
 * Frequency of the timer.
 *
 * @return
 *   Ticks per second of rte_get_timer_cycles(); never 0.
 */
static inline uint64_t
rte_get_timer_hz(void)
{
	return rte_get_tsc_hz();
}

/**
 * Waits at least @p us microseconds, with the implementation currently
 * registered (rte_delay_us_block() unless replaced with
 * rte_delay_us_callback_register()). Call it as a function: rte_delay_us(n).
 *
 * @param us
 *   Microseconds to wait.
 */
extern void
(*rte_delay_us)(unsigned int us);

/**
 * Waits at least @p ms milliseconds, through rte_delay_us.
 *
 * @param ms
 *   Milliseconds to wait.
 */
static inline void
rte_delay_ms(unsigned ms)
{
	rte_delay_us(ms * 1000);
}

/**
 * Busy-waits at least @p us microseconds, without yielding the CPU.
 *
 * @param us
 *   Microseconds to wait.
 */
void rte_delay_us_block(unsigned int us);

/**
 * Sleeps at least @p us microseconds, letting other threads run (the
 * sleep resumes after signal interruptions).
 *
 * @param us
 *   Microseconds to wait.
 */
void rte_delay_us_sleep(unsigned int us);

/**
 * Replaces the implementation behind rte_delay_us (and rte_delay_ms).
 *
 * Not synchronised with threads calling rte_delay_us at the same time:
 * register during initialisation. Registering rte_delay_us_block (or
 * NULL, an rtmem extension) restores the default.
 *
 * @param userfunc
 *   Function taking a number of microseconds.
 */
void rte_delay_us_callback_register(void (*userfunc)(unsigned int));

#ifdef __cplusplus
}
#endif

#endif /* _RTE_CYCLES_H_ */
