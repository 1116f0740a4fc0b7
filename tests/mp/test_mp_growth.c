/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: memory grows without messages between processes (design
 * test 2). A secondary allocates far more than the primary committed at
 * start while the primary is busy allocating in another thread; the
 * primary reads what the secondary wrote into the new memory, and both
 * report the same heap statistics. Then the other way round: the primary
 * grows while a secondary is attached, and the secondary reads the new
 * block.
 */
#include <pthread.h>

#include <rte_eal.h>
#include <rte_malloc.h>
#include <rte_memzone.h>

#include "malloc/malloc_heap.h"
#include "mp_common.h"

#define GROW_BYTES (48u << 20)

static bool stop_busy; /* atomic */

/* The primary keeps its heap busy while the secondary grows it. */
static void *
busy_primary(void *arg)
{
	(void)arg;
	while (!__atomic_load_n(&stop_busy, __ATOMIC_RELAXED)) {
		void *p = rte_malloc(NULL, 1000, 0);

		rte_free(p);
	}
	return NULL;
}

static int
growth(void *arg)
{
	char args[256], secondary[256], line[256];
	struct rte_malloc_socket_stats before, after;
	struct mp_zone *z;
	struct mp_proc p;
	pthread_t busy;
	size_t total = 0;

	(void)arg;
	snprintf(args, sizeof(args), "--lcores 0@0 --file-prefix %s -m 4",
		 test_file_prefix());
	ASSERT_GE_INT(test_eal_init(args), 0);
	snprintf(secondary, sizeof(secondary),
		 "--lcores 1@0 --proc-type=secondary --file-prefix %s",
		 test_file_prefix());
	z = mp_make_zone(1000, 1);
	ASSERT_NOT_NULL(z);
	rte_malloc_get_socket_stats(0, &before);

	/* the secondary grows the heap */
	__atomic_store_n(&stop_busy, false, __ATOMIC_RELAXED);
	ASSERT_EQ_INT(pthread_create(&busy, NULL, busy_primary, NULL), 0);
	ASSERT_EQ_INT(mp_spawn(&p, "grow", "50331648", secondary, NULL), 0);
	EXPECT_EQ_INT(mp_line(&p, line, sizeof(line), 30000), 0);
	EXPECT_EQ_INT(mp_line(&p, line, sizeof(line), 30000), 0);
	__atomic_store_n(&stop_busy, true, __ATOMIC_RELAXED);
	pthread_join(busy, NULL);
	EXPECT_CONTAINS(line, "grown total=");
	sscanf(line, "grown total=%zu", &total);
	rte_malloc_get_socket_stats(0, &after);
	EXPECT_EQ_UINT(after.heap_totalsz_bytes, total);
	EXPECT_GT_UINT(after.heap_totalsz_bytes,
		       before.heap_totalsz_bytes + GROW_BYTES - 1);
	ASSERT_NOT_NULL(z->reply);
	EXPECT_TRUE(mp_check(z->reply, z->reply_len, z->reply_seed));
	EXPECT_EQ_INT(mp_finish(&p, 30000), 0);
	rte_free(z->reply);

	/* the primary grows while a secondary is attached */
	ASSERT_EQ_INT(mp_spawn(&p, "wait-check", NULL, secondary, NULL), 0);
	EXPECT_EQ_INT(mp_line(&p, line, sizeof(line), 30000), 0);
	EXPECT_EQ_INT(mp_line(&p, line, sizeof(line), 30000), 0);
	EXPECT_EQ_STR(line, "attached");
	rte_free(z->buf);
	z->buf_len = 2 * GROW_BYTES; /* more than is free: it must grow */
	z->seed = 2;
	z->buf = rte_malloc(NULL, z->buf_len, 0);
	ASSERT_NOT_NULL(z->buf);
	mp_fill(z->buf, z->buf_len, z->seed);
	rte_malloc_get_socket_stats(0, &after);
	EXPECT_EQ_INT(mp_finish(&p, 30000), 0); /* it checks the new block */
	snprintf(line, sizeof(line), "checked seed=2 total=%zu alloc=%zu",
		 after.heap_totalsz_bytes, after.heap_allocsz_bytes);
	EXPECT_CONTAINS(p.out, line);
	EXPECT_EQ_INT(malloc_heap_check(0, stdout), 0);
	rte_free(z->buf);
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}

int
main(void)
{
	test_child_ok("growth", growth, NULL, 120);
	EXPECT_EQ_INT(mp_count_shm_files(test_file_prefix()), 0);
	return test_report();
}
