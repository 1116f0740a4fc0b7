/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: a secondary killed at the worst moments never blocks or
 * corrupts the primary (design test 3). For each kill point — in the middle
 * of a heap split and of a merge, holding each shared lock (heap, memzone,
 * tailq, mempool, timer, memory growth), between filling the memsegs of
 * a commit and publishing it, and in the middle of
 * attaching — a peer started with RTMEM_TEST_KILL_AT=<point> dies by
 * SIGKILL there. Then, in the primary:
 *   - the next heap, memzone, tailq, mempool-lock and timer-lock operations
 *     complete within a second (the dead holder's lock is repaired);
 *   - every heap passes malloc_heap_check (chain, free lists, counters),
 *     the primary's own block is intact, statistics add up;
 *   - a new secondary attaches, checks everything and works;
 *   - rte_eal_primary_proc_alive() is 1 and only the primary's process
 *     slot is alive.
 */
#include <fcntl.h>

#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_malloc.h>
#include <rte_memzone.h>
#include <rte_tailq.h>

#include "malloc/malloc_heap.h"
#include "mem/mem_internal.h"
#include "mp_common.h"

struct kill_point {
	const char *point; /* RTMEM_TEST_KILL_AT */
	const char *op;    /* what the peer does to get there */
};

static const struct kill_point points[] = {
	{ "split", "malloc" },
	{ "merge", "free" },
	{ "lock:heap", "malloc" },
	{ "lock:memzone", "memzone" },
	{ "lock:tailq", "tailq" },
	{ "lock:mempool", "mempool" },
	{ "lock:timer", "timer" },
	{ "lock:mem", "grow" },
	{ "commit", "grow" },
	{ "attach", "malloc" },
};

static char secondary_args[256];

/* Processes alive in the process table (liveness locks held). */
static int
live_slots(void)
{
	char path[600];
	int fd, n = 0;

	ASSERT_EQ_INT(mem_runtime_path(path, sizeof(path), "config"), 0);
	fd = open(path, O_RDONLY);
	ASSERT_TRUE(fd >= 0);
	for (unsigned int k = 0; k < MEM_MAX_PROCS; k++)
		n += ofd_test(fd, F_WRLCK, LOCK_BYTE_SLOT(k), 1, NULL) == 1;
	close(fd);
	return n;
}

/* The primary's operations after a crash, and how long they take. */
static void
primary_works(const char *after)
{
	int64_t t0 = mp_now_ms();
	const struct rte_memzone *mz;
	void *p;

	p = rte_malloc(NULL, 777, 0);
	EXPECT_NOT_NULL(p);
	rte_free(p);
	mz = rte_memzone_reserve("crash_probe", 100, SOCKET_ID_ANY, 0);
	EXPECT_NOT_NULL(mz);
	EXPECT_EQ_INT(rte_memzone_free(mz), 0);
	rte_eal_tailq_lookup("MP_PEER_LIST");
	rte_mcfg_mempool_write_lock();
	rte_mcfg_mempool_write_unlock();
	rte_mcfg_timer_lock();
	rte_mcfg_timer_unlock();
	rte_mcfg_mem_write_lock();
	rte_mcfg_mem_write_unlock();
	if (mp_now_ms() - t0 >= 1000)
		printf("after %s: the primary took %d ms\n", after,
		       (int)(mp_now_ms() - t0));
	EXPECT_LT_INT((int)(mp_now_ms() - t0), 1000);
}

static void
heaps_consistent(const char *after)
{
	struct mem_config *cfg = mem_cfg();

	/* memsegs marked used are exactly the committed ones */
	for (unsigned int t = 0; t < cfg->n_types; t++) {
		const struct mem_type *mt = &cfg->type[t];

		if (cfg->msl[t].memseg_arr.count != mt->committed / mt->page_sz)
			printf("after %s: type %u has %u memsegs used, %" PRIu64
			       " committed\n", after, t,
			       cfg->msl[t].memseg_arr.count,
			       mt->committed / mt->page_sz);
		EXPECT_EQ_UINT(cfg->msl[t].memseg_arr.count,
			       mt->committed / mt->page_sz);
	}

	for (unsigned int i = 0; i < cfg->n_heaps; i++) {
		struct rte_malloc_socket_stats st;

		if (malloc_heap_check(i, stdout) != 0)
			printf("after %s: heap %u is inconsistent\n", after, i);
		EXPECT_EQ_INT(malloc_heap_check(i, stdout), 0);
		rte_malloc_get_socket_stats(cfg->heap[i].socket_id, &st);
		EXPECT_EQ_UINT(st.heap_freesz_bytes + st.heap_allocsz_bytes,
			       st.heap_totalsz_bytes);
	}
}

static int
crashes(void *arg)
{
	char args[256], env[64];
	struct mp_zone *z;

	(void)arg;
	snprintf(args, sizeof(args), "--lcores 0@0 --file-prefix %s -m 8",
		 test_file_prefix());
	ASSERT_GE_INT(test_eal_init(args), 0);
	snprintf(secondary_args, sizeof(secondary_args),
		 "--lcores 1@0 --proc-type=secondary --file-prefix %s",
		 test_file_prefix());
	z = mp_make_zone(50000, 3);
	ASSERT_NOT_NULL(z);

	for (size_t i = 0; i < RTE_DIM(points); i++) {
		struct mp_proc p;
		int status;

		snprintf(env, sizeof(env), "RTMEM_TEST_KILL_AT=%s",
			 points[i].point);
		ASSERT_EQ_INT(mp_spawn(&p, "crash", points[i].op,
				       secondary_args, env), 0);
		status = mp_finish(&p, 30000);
		if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
			mp_print(&p, points[i].point);
		EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

		primary_works(points[i].point);
		heaps_consistent(points[i].point);
		EXPECT_TRUE(mp_check(z->buf, z->buf_len, z->seed));
		EXPECT_EQ_INT(rte_eal_primary_proc_alive(NULL), 1);
		EXPECT_EQ_INT(live_slots(), 1);
		z->reply = NULL;
		mp_run("check", NULL, secondary_args, NULL, 0, 30000, &p);
		if (z->reply != NULL) {
			EXPECT_TRUE(mp_check(z->reply, z->reply_len,
					     z->reply_seed));
			rte_free(z->reply);
		}
		heaps_consistent(points[i].point);
	}
	rte_free(z->buf);
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}

int
main(void)
{
	test_child_ok("crashes", crashes, NULL, 200);
	EXPECT_EQ_INT(mp_count_shm_files(test_file_prefix()), 0);
	return test_report();
}
