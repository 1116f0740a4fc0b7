/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * helloworld: the smallest EAL program. It initialises the EAL from its
 * command line, starts say_hello() on every worker lcore, runs it on the main
 * lcore as well, waits for the workers and releases the EAL.
 *
 * Try: helloworld -l 0-3     (four lcores; the default is every usable CPU)
 */
#include <stdio.h>
#include <stdlib.h>

#include <rte_common.h>
#include <rte_debug.h>
#include <rte_eal.h>
#include <rte_launch.h>
#include <rte_lcore.h>

/* Runs on each lcore; the argument is unused. */
static int
say_hello(void *arg)
{
	(void)arg;
	printf("hello from lcore %u on socket %u\n", rte_lcore_id(),
	       rte_socket_id());
	return 0;
}

int
main(int argc, char **argv)
{
	unsigned int lcore_id;

	if (rte_eal_init(argc, argv) < 0)
		rte_panic("cannot initialise the EAL\n");

	RTE_LCORE_FOREACH_WORKER(lcore_id) {
		if (rte_eal_remote_launch(say_hello, NULL, lcore_id) != 0)
			rte_exit(EXIT_FAILURE, "cannot launch on lcore %u\n",
				 lcore_id);
	}
	say_hello(NULL);
	rte_eal_mp_wait_lcore();

	rte_eal_cleanup();
	return 0;
}
