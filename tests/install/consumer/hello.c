/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: a program outside the rtmem tree, built against an installed
 * rtmem (pkg-config or find_package) by run_install_test.sh. It initialises
 * the EAL with its own command line, prints "lcores: N" on stdout and exits 0.
 */
#include <stdio.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>

int
main(int argc, char **argv)
{
	if (rte_eal_init(argc, argv) < 0) {
		fprintf(stderr, "hello: rte_eal_init failed: %s\n",
			rte_strerror(rte_errno));
		return 1;
	}
	RTE_LOG(INFO, USER1, "hello: EAL is up\n");
	printf("lcores: %u\n", rte_lcore_count());
	rte_eal_cleanup();
	return 0;
}
