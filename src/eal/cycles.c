/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cycles.c: the frequency of the cycle counter, and the delay functions.
 *
 * Role: rte_get_tsc_hz() needs the rate of rte_rdtsc() (x86 TSC, arm64
 * CNTVCT_EL0). eal_cycles_init() finds it once per process:
 *   - arm64: CNTFRQ_EL0, which firmware sets to the counter's rate.
 *   - x86_64: what the CPU or hypervisor reports (CPUID leaf 0x15, the
 *     crystal clock and TSC ratio; else hypervisor leaf 0x40000010, the TSC
 *     rate in kHz; else leaf 0x16, the base frequency, equal to the TSC
 *     rate on Intel CPUs that have no leaf 0x15 crystal value), each checked
 *     against a short measurement because hypervisors do not always tell
 *     the truth; without a usable report, the counter is measured against
 *     CLOCK_MONOTONIC_RAW over about 20 ms.
 *
 * Key structures: tsc_hz (the result, 0 until known) and a pthread_once
 * guard. Invariant: tsc_hz is written once, inside the once routine, before
 * any caller of rte_get_tsc_hz() can see a nonzero value; readers use an
 * acquire load that pairs with the release store at the end of the
 * calibration. rte_delay_us is a plain function pointer that programs set
 * during initialisation (DPDK's contract); it is not synchronised.
 *
 * Who may call what: everything here is callable from any thread, EAL lcore
 * or not, before or after rte_eal_init(); rte_eal_init() calls
 * eal_cycles_init() so that the first rte_get_tsc_hz() is cheap.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_pause.h>

#include "eal_private.h"
#include "internal/rtmem_export.h"
#include "internal/rtmem_log.h"

/* Length of a full measurement, and of the check of a reported value. */
#define CALIBRATE_NS (20 * 1000 * 1000)
#define CHECK_NS (5 * 1000 * 1000)
/* A reported rate is believed when it is this close to the measured one. */
#define CHECK_TOLERANCE_PERMILLE 20

RTMEM_EXPORT enum timer_source eal_timer_source = EAL_TIMER_TSC;

RTMEM_EXPORT void (*rte_delay_us)(unsigned int us) = rte_delay_us_block;

/* Counter frequency; 0 until eal_cycles_init() has run. */
static uint64_t tsc_hz;
static pthread_once_t tsc_once = PTHREAD_ONCE_INIT;

static uint64_t
ts_to_ns(const struct timespec *ts)
{
	return (uint64_t)ts->tv_sec * NS_PER_S + (uint64_t)ts->tv_nsec;
}

/* Tries per sample: the tightest bracket wins, so a preemption between
 * the reads (which can last milliseconds on a loaded machine) is discarded. */
#define SAMPLE_TRIES 16

/*
 * One (time, counter) sample: the counter read between two clock reads,
 * paired with their midpoint, so that the error is at most half the time
 * the three reads took. Of SAMPLE_TRIES such reads, the one with the
 * narrowest bracket is kept.
 */
static void
sample(uint64_t *ns, uint64_t *cycles)
{
	uint64_t best = UINT64_MAX;

	for (int i = 0; i < SAMPLE_TRIES; i++) {
		struct timespec a, b;
		uint64_t c, width;

		clock_gettime(CLOCK_MONOTONIC_RAW, &a);
		c = rte_rdtsc_precise();
		clock_gettime(CLOCK_MONOTONIC_RAW, &b);
		width = ts_to_ns(&b) - ts_to_ns(&a);
		if (width < best) {
			best = width;
			*cycles = c;
			*ns = ts_to_ns(&a) + width / 2;
		}
	}
}

/*
 * Measure the counter against CLOCK_MONOTONIC_RAW over at least
 * `duration_ns`. Returns ticks per second, or 0 if the counter did not
 * move (which would make every later delay computation meaningless).
 */
static uint64_t
measure_hz(uint64_t duration_ns)
{
	uint64_t ns0, c0, ns1, c1;
	struct timespec req = {
		.tv_sec = 0,
		.tv_nsec = (long)duration_ns,
	};

	sample(&ns0, &c0);
	/* sleeping is fine: only the two samples' accuracy matters */
	while (nanosleep(&req, &req) != 0 && errno == EINTR)
		;
	do {
		sample(&ns1, &c1);
	} while (ns1 - ns0 < duration_ns);

	if (c1 <= c0)
		return 0;
	/* (c1 - c0) * 1e9 / elapsed, without overflowing 64 bits */
	return (uint64_t)(__extension__ (unsigned __int128)(c1 - c0) *
			  NS_PER_S / (ns1 - ns0));
}

#if defined(RTE_ARCH_X86_64)

static void
cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
	__asm__ __volatile__ ("cpuid"
			      : "=a" (*a), "=b" (*b), "=c" (*c), "=d" (*d)
			      : "a" (leaf), "c" (0));
}

/* The TSC rate the CPU or hypervisor reports, or 0 when it reports none. */
static uint64_t
reported_hz(const char **how)
{
	uint32_t a, b, c, d, max_leaf;

	cpuid(0, &max_leaf, &b, &c, &d);

	/* leaf 0x15: TSC = crystal (ecx Hz) * ebx / eax */
	if (max_leaf >= 0x15) {
		cpuid(0x15, &a, &b, &c, &d);
		if (a != 0 && b != 0 && c != 0) {
			*how = "CPUID leaf 0x15";
			return (uint64_t)c * b / a;
		}
	}

	/* hypervisor timing leaf: eax = TSC kHz */
	cpuid(1, &a, &b, &c, &d);
	if (c & (UINT32_C(1) << 31)) {
		uint32_t hv_max;

		cpuid(0x40000000, &hv_max, &b, &c, &d);
		if (hv_max >= 0x40000010 && hv_max < 0x40000100) {
			cpuid(0x40000010, &a, &b, &c, &d);
			if (a != 0) {
				*how = "hypervisor leaf 0x40000010";
				return (uint64_t)a * 1000;
			}
		}
	}

	/* leaf 0x16: eax = base frequency in MHz */
	if (max_leaf >= 0x16) {
		cpuid(0x16, &a, &b, &c, &d);
		if ((a & 0xffff) != 0) {
			*how = "CPUID leaf 0x16";
			return (uint64_t)(a & 0xffff) * 1000 * 1000;
		}
	}
	return 0;
}

static uint64_t
find_hz(void)
{
	const char *how = NULL;
	uint64_t told = reported_hz(&how);
	uint64_t measured;

	if (told != 0) {
		measured = measure_hz(CHECK_NS);
		if (measured != 0) {
			uint64_t diff = told > measured ? told - measured :
							  measured - told;

			if (diff * 1000 <= measured * CHECK_TOLERANCE_PERMILLE)
				return told;
		}
		EAL_LOG(DEBUG, "TSC frequency from %s (%" PRIu64
			" Hz) disagrees with the measured %" PRIu64 " Hz",
			how, told, measured);
	}
	return measure_hz(CALIBRATE_NS);
}

#elif defined(RTE_ARCH_ARM64)

static uint64_t
find_hz(void)
{
	uint64_t freq;

	__asm__ __volatile__ ("mrs %0, cntfrq_el0" : "=r" (freq));
	if (freq != 0)
		return freq;
	return measure_hz(CALIBRATE_NS);
}

#else
#error "cycles.c: unsupported architecture"
#endif

static void
cycles_calibrate(void)
{
	uint64_t hz = find_hz();

	if (hz == 0) {
		/*
		 * The counter does not advance: nothing sensible can be
		 * timed. Use 1 GHz so that divisions by the rate stay defined.
		 */
		EAL_LOG(ERR, "cycle counter does not advance, assuming 1 GHz");
		hz = NS_PER_S;
	}
	EAL_LOG(DEBUG, "TSC frequency is ~%" PRIu64 " KHz", hz / 1000);
	/* release: pairs with the acquire load in rte_get_tsc_hz() */
	__atomic_store_n(&tsc_hz, hz, __ATOMIC_RELEASE);
}

void
eal_cycles_init(void)
{
	pthread_once(&tsc_once, cycles_calibrate);
}

RTMEM_EXPORT uint64_t
rte_get_tsc_hz(void)
{
	/* acquire: pairs with the release store in cycles_calibrate() */
	uint64_t hz = __atomic_load_n(&tsc_hz, __ATOMIC_ACQUIRE);

	if (likely(hz != 0))
		return hz;
	eal_cycles_init();
	return __atomic_load_n(&tsc_hz, __ATOMIC_ACQUIRE);
}

/*
 * The deadline is taken from CLOCK_MONOTONIC rather than from the cycle
 * counter, so the wait is at least `us` even if the measured frequency is
 * off by a few parts per million.
 */
RTMEM_EXPORT void
rte_delay_us_block(unsigned int us)
{
	struct timespec now;
	uint64_t deadline;

	if (us == 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	deadline = ts_to_ns(&now) + (uint64_t)us * 1000;
	do {
		rte_pause();
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (ts_to_ns(&now) < deadline);
}

RTMEM_EXPORT void
rte_delay_us_sleep(unsigned int us)
{
	struct timespec req = {
		.tv_sec = us / US_PER_S,
		.tv_nsec = (long)(us % US_PER_S) * 1000,
	};

	/* nanosleep leaves the time still to sleep in req when interrupted */
	while (nanosleep(&req, &req) != 0) {
		if (errno != EINTR) {
			EAL_LOG(ERR, "nanosleep failed: %s", strerror(errno));
			return;
		}
	}
}

RTMEM_EXPORT void
rte_delay_us_callback_register(void (*userfunc)(unsigned int))
{
	rte_delay_us = userfunc != NULL ? userfunc : rte_delay_us_block;
}
