/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mp_pipeline: two processes pass packets (mbufs) over a pair of rings,
 * the client/server pattern of DPDK's multi-process examples.
 *
 * The primary creates a pool of mbufs and two rings, then starts the
 * secondary: this program again (fork and exec) with --proc-type=secondary,
 * the primary's --file-prefix and an lcore id of its own (two processes on
 * one lcore id would share its mempool cache), which finds the pool and
 * the rings by name. For `rounds` bursts of BURST packets, the primary
 * allocates mbufs, writes a packet into each (a header with its sequence
 * number, then 16 to 1039 bytes of a pattern made from it) and sends them;
 * the secondary checks each (in order, every byte), writes its reply into
 * the same mbuf (the payload inverted, its sum in the header) and sends it
 * back; the primary checks the reply and frees the mbuf. At the end both
 * processes find the pool full (rte_mempool_avail_count() counts the lcore
 * caches of every process: they are in shared memory). Exit status 0 only
 * if every packet was right and both found the pool full.
 *
 * Try: mp_pipeline --no-huge --file-prefix pipe -- 1000   (1000 rounds: the
 *      default; no secondary can attach with --in-memory or --no-shconf)
 */
#define _GNU_SOURCE /* sched_getaffinity */
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_debug.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#define POOL_NAME "mp_pipeline_pool"
#define TO_SEC "mp_pipeline_to_sec"
#define TO_PRI "mp_pipeline_to_pri"
#define NB_MBUFS 2047
#define CACHE_SIZE 64
#define RING_SIZE 1024
#define BURST 32
#define TIMEOUT_S 10 /* without progress, a side gives up */

/* The start of every packet; `len` bytes of payload follow. */
struct pkt_hdr {
	uint32_t seq;     /* the primary's sequence number */
	uint16_t len;     /* 16 + seq % 1024 */
	uint16_t replied; /* 0: a request; 1: the secondary's reply */
	uint32_t sum;     /* in a reply: the sum of the request's payload */
};

static uint8_t
pattern(uint32_t seq, unsigned int i)
{
	return (uint8_t)(seq * 7 + i);
}

/* The primary: write request `seq` into the empty mbuf m. */
static int
write_request(struct rte_mbuf *m, uint32_t seq)
{
	uint16_t len = 16 + seq % 1024;
	struct pkt_hdr *h = (struct pkt_hdr *)rte_pktmbuf_append(m,
							sizeof(*h) + len);

	if (h == NULL)
		return -1;
	*h = (struct pkt_hdr){ .seq = seq, .len = len };
	for (unsigned int i = 0; i < len; i++)
		((uint8_t *)(h + 1))[i] = pattern(seq, i);
	return 0;
}

/*
 * Check the packet `seq` in m: a request (replied 0) or a reply
 * (replied 1). A request is turned into its reply.
 */
static int
check(struct rte_mbuf *m, uint32_t seq, uint16_t replied, const char *who)
{
	struct pkt_hdr *h = rte_pktmbuf_mtod(m, struct pkt_hdr *);
	uint8_t *p = (uint8_t *)(h + 1), flip = replied ? 0xff : 0;
	uint32_t sum = 0;

	if (h->seq != seq || h->replied != replied ||
	    h->len != 16 + seq % 1024 || m->pkt_len != sizeof(*h) + h->len) {
		printf("%s: packet %u: wrong header (seq %u, len %u)\n", who,
		       seq, h->seq, h->len);
		return -1;
	}
	for (unsigned int i = 0; i < h->len; i++) {
		if ((p[i] ^ flip) != pattern(seq, i)) {
			printf("%s: packet %u: byte %u is wrong\n", who, seq, i);
			return -1;
		}
		sum += pattern(seq, i);
	}
	if (replied) {
		if (h->sum == sum)
			return 0;
		printf("%s: packet %u: sum %u, not %u\n", who, seq, h->sum, sum);
		return -1;
	}
	for (unsigned int i = 0; i < h->len; i++)
		p[i] ^= 0xff;
	h->sum = sum;
	h->replied = 1;
	return 0;
}

/* Whether `start` (timer cycles) is more than TIMEOUT_S ago. */
static int
timed_out(uint64_t start)
{
	return rte_get_timer_cycles() - start > TIMEOUT_S * rte_get_timer_hz();
}

static int
secondary(uint32_t rounds)
{
	struct rte_mempool *pool = rte_mempool_lookup(POOL_NAME);
	struct rte_ring *rx = rte_ring_lookup(TO_SEC);
	struct rte_ring *tx = rte_ring_lookup(TO_PRI);
	uint32_t seq = 0, total = rounds * BURST;
	uint64_t last = rte_get_timer_cycles();

	if (pool == NULL || rx == NULL || tx == NULL) {
		printf("secondary: the primary's pool or rings are missing\n");
		return -1;
	}
	printf("secondary: lcore %u, found %s, %s and %s\n", rte_lcore_id(),
	       pool->name, TO_SEC, TO_PRI);
	while (seq < total) {
		struct rte_mbuf *pkts[BURST];
		unsigned int n = rte_ring_dequeue_burst(rx, (void **)pkts,
							BURST, NULL);

		for (unsigned int i = 0; i < n; i++)
			if (check(pkts[i], seq++, 0, "secondary") != 0)
				return -1;
		/* room for all: the primary keeps at most RING_SIZE / 2 out */
		if (rte_ring_enqueue_bulk(tx, (void **)pkts, n, NULL) != n)
			return -1;
		if (n != 0)
			last = rte_get_timer_cycles();
		else if (timed_out(last) || !rte_eal_primary_proc_alive(NULL))
			return -1;
		else
			sched_yield();
	}
	printf("secondary: %u packets checked and answered\n", seq);
	/* the primary frees the last replies */
	while (rte_mempool_avail_count(pool) != pool->size && !timed_out(last))
		sched_yield();
	printf("secondary: %u of %u mbufs in the pool\n",
	       rte_mempool_avail_count(pool), pool->size);
	return rte_mempool_avail_count(pool) == pool->size ? 0 : -1;
}

/* The CPUs this program may run on, before the EAL pinned this thread. */
static cpu_set_t start_cpus;

/* fork and exec this program as the secondary, on the last of those CPUs. */
static pid_t
start_secondary(const char *prog, const char *prefix, uint32_t rounds)
{
	char lcores[32], nrounds[16], file_prefix[300];
	char *args[] = { (char *)prog, (char *)"--proc-type=secondary", lcores,
			 file_prefix, (char *)"--", nrounds, NULL };
	unsigned int id = 0, lcore, cpu = 0;
	pid_t pid;

	RTE_LCORE_FOREACH(lcore)
		id = lcore + 1; /* the first lcore id after ours */
	for (unsigned int c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &start_cpus))
			cpu = c;
	snprintf(lcores, sizeof(lcores), "--lcores=%u@%u", id, cpu);
	snprintf(file_prefix, sizeof(file_prefix), "--file-prefix=%s",
		 prefix != NULL ? prefix : "rte"); /* "rte": the default */
	snprintf(nrounds, sizeof(nrounds), "%u", rounds);
	fflush(stdout);
	pid = fork();
	if (pid == 0) { /* it inherits this thread's CPU: give it them all */
		sched_setaffinity(0, sizeof(start_cpus), &start_cpus);
		execv("/proc/self/exe", args);
		_exit(127);
	}
	return pid;
}

static int
primary(const char *prog, const char *prefix, uint32_t rounds)
{
	struct rte_mempool *pool;
	struct rte_ring *tx, *rx;
	uint32_t sent = 0, done = 0, total = rounds * BURST;
	uint64_t last;
	int status = 0, ok = 1, reaped = 0;
	pid_t pid;

	pool = rte_pktmbuf_pool_create(POOL_NAME, NB_MBUFS, CACHE_SIZE, 0,
				       RTE_MBUF_DEFAULT_BUF_SIZE,
				       rte_socket_id());
	tx = rte_ring_create(TO_SEC, RING_SIZE, rte_socket_id(),
			     RING_F_SP_ENQ | RING_F_SC_DEQ);
	rx = rte_ring_create(TO_PRI, RING_SIZE, rte_socket_id(),
			     RING_F_SP_ENQ | RING_F_SC_DEQ);
	if (pool == NULL || tx == NULL || rx == NULL)
		rte_exit(EXIT_FAILURE, "cannot create the pool or the rings\n");
	printf("primary: pool %s of %u mbufs, rings %s and %s\n", pool->name,
	       pool->size, TO_SEC, TO_PRI);
	pid = start_secondary(prog, prefix, rounds);
	if (pid < 0)
		rte_exit(EXIT_FAILURE, "cannot start the secondary\n");

	last = rte_get_timer_cycles();
	while (ok && done < total) {
		struct rte_mbuf *pkts[BURST];
		unsigned int n;

		/* a new burst while fewer than RING_SIZE / 2 packets are out */
		if (sent < total && sent - done < RING_SIZE / 2 &&
		    rte_pktmbuf_alloc_bulk(pool, pkts, BURST) == 0) {
			for (unsigned int i = 0; i < BURST; i++)
				ok &= write_request(pkts[i], sent + i) == 0;
			ok &= rte_ring_enqueue_bulk(tx, (void **)pkts, BURST,
						    NULL) == BURST;
			sent += BURST;
		}
		n = rte_ring_dequeue_burst(rx, (void **)pkts, BURST, NULL);
		for (unsigned int i = 0; i < n; i++)
			ok &= check(pkts[i], done++, 1, "primary") == 0;
		rte_pktmbuf_free_bulk(pkts, n);
		if (n != 0) {
			last = rte_get_timer_cycles();
		} else if (waitpid(pid, &status, WNOHANG) == pid) {
			reaped = 1; /* it gave up (and said why) */
			ok = 0;
		} else if (timed_out(last)) {
			printf("primary: no reply from the secondary\n");
			ok = 0;
		}
	}
	printf("primary: %u packets sent, %u replies checked\n", sent, done);
	if (!ok && !reaped)
		kill(pid, SIGKILL);
	if (!reaped && waitpid(pid, &status, 0) != pid)
		status = -1;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		printf("primary: the secondary failed (status %#x)\n", status);
		ok = 0;
	}
	printf("primary: %u of %u mbufs in the pool\n",
	       rte_mempool_avail_count(pool), pool->size);
	ok &= rte_mempool_avail_count(pool) == pool->size;
	rte_ring_free(tx);
	rte_ring_free(rx);
	rte_mempool_free(pool);
	return ok ? 0 : -1;
}

int
main(int argc, char **argv)
{
	const char *prefix = NULL, *prog = argv[0];
	unsigned long rounds = 1000;
	int ret;

	/* before the EAL pins this thread: the --file-prefix, the CPUs */
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strncmp(argv[i], "--file-prefix=", 14) == 0)
			prefix = argv[i] + 14;
		else if (strcmp(argv[i], "--file-prefix") == 0 && i + 1 < argc)
			prefix = argv[i + 1];
	}
	if (sched_getaffinity(0, sizeof(start_cpus), &start_cpus) != 0)
		CPU_SET(0, &start_cpus);

	ret = rte_eal_init(argc, argv);
	if (ret < 0)
		rte_exit(EXIT_FAILURE, "cannot initialise the EAL\n");
	if (ret + 1 < argc)
		rounds = strtoul(argv[ret + 1], NULL, 10);
	if (rounds == 0 || rounds > 1000000)
		rte_exit(EXIT_FAILURE, "rounds: 1 to 1000000\n");

	if (rte_eal_process_type() == RTE_PROC_PRIMARY)
		ret = primary(prog, prefix, (uint32_t)rounds);
	else
		ret = secondary((uint32_t)rounds);
	rte_eal_cleanup();
	return ret == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
