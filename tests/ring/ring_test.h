/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ring_test.h: helpers the single-process ring tests share. API only (no
 * src/ headers), so the tests also build against DPDK's own headers.
 */
#ifndef RING_TEST_H
#define RING_TEST_H

#include <rte_memzone.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>

#include "test.h"

/* esize -1: the legacy API (rte_ring_create); else rte_ring_create_elem. */
static inline struct rte_ring *
ring_create(const char *name, int esize, unsigned int count,
	    unsigned int flags)
{
	if (esize < 0)
		return rte_ring_create(name, count, SOCKET_ID_ANY, flags);
	return rte_ring_create_elem(name, (unsigned int)esize, count,
				    SOCKET_ID_ANY, flags);
}

/* Failed checks so far: compare before and after a part to name it. */
static inline unsigned int
failures(void)
{
	return __atomic_load_n(&test_failures_, __ATOMIC_RELAXED);
}

#endif /* RING_TEST_H */
