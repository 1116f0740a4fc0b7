/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * test_mempool_gone.h: the check the error tests of mempools and mbuf
 * pools share after a refused creation: nothing was left behind under
 * the pool's name. Include after test.h.
 */
#ifndef RTMEM_TEST_MEMPOOL_GONE_H
#define RTMEM_TEST_MEMPOOL_GONE_H

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_mempool.h>
#include <rte_memzone.h>

#include "test.h"

/* No pool and no memzone by that name; the memzone count is `zones`. */
static inline void
test_expect_no_mempool(const char *name, unsigned int zones)
{
	char mz_name[RTE_MEMZONE_NAMESIZE + 40];

	rte_errno = 0;
	EXPECT_NULL(rte_mempool_lookup(name));
	EXPECT_EQ_INT(rte_errno, ENOENT);
	snprintf(mz_name, sizeof(mz_name), RTE_MEMPOOL_MZ_FORMAT, name);
	if (strlen(mz_name) < RTE_MEMZONE_NAMESIZE)
		EXPECT_NULL(rte_memzone_lookup(mz_name));
	EXPECT_EQ_UINT(test_memzone_count(), zones);
}

#endif /* RTMEM_TEST_MEMPOOL_GONE_H */
