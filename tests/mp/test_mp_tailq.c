/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: the registry of named shared objects (rte_tailq.h). A list
 * registered from a constructor (EAL_REGISTER_TAILQ) is resolved at init;
 * its entries, allocated in shared memory, are walked by a secondary
 * process (another executable), which also registers a list of its own
 * after init — which DPDK refuses and rtmem allows — that the primary then
 * finds. Bad registrations: NULL, empty and too-long names (EINVAL), the
 * same element or name twice (EEXIST), more than RTE_MAX_TAILQ lists
 * (ENOSPC).
 */
#include <sys/queue.h>

#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_tailq.h>

#include "mp_common.h"

#define ENTRIES 5

static struct rte_tailq_elem test_list = { .name = "MP_TEST_LIST" };
EAL_REGISTER_TAILQ(test_list)

static void
bad_registrations(void)
{
	static struct rte_tailq_elem empty = { .name = "" };
	static struct rte_tailq_elem too_long = {
		.name = "01234567890123456789012345678901", /* no NUL */
	};
	static struct rte_tailq_elem same_name = { .name = "MP_TEST_LIST" };
	static struct rte_tailq_elem more[RTE_MAX_TAILQ];
	int created = 0;

	rte_errno = 0;
	EXPECT_EQ_INT(rte_eal_tailq_register(NULL), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_eal_tailq_register(&empty), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_eal_tailq_register(&too_long), -1);
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_eal_tailq_register(&test_list), -1);
	EXPECT_EQ_INT(rte_errno, EEXIST);
	rte_errno = 0;
	EXPECT_EQ_INT(rte_eal_tailq_register(&same_name), -1);
	EXPECT_EQ_INT(rte_errno, EEXIST);
	/* fill the table: the first one that does not fit gets ENOSPC */
	for (int i = 0; i < RTE_MAX_TAILQ; i++) {
		snprintf((char *)more[i].name, RTE_TAILQ_NAMESIZE, "FILL_%d", i);
		rte_errno = 0;
		if (rte_eal_tailq_register(&more[i]) == 0) {
			created++;
			continue;
		}
		EXPECT_EQ_INT(rte_errno, ENOSPC);
		break;
	}
	EXPECT_GT_INT(created, 0);
	EXPECT_LT_INT(created, RTE_MAX_TAILQ);
}

static int
registry(void *arg)
{
	struct rte_tailq_entry_head *list, *peer_list;
	char args[256], *dump = NULL;
	struct rte_tailq_entry *e;
	struct mp_proc p;
	size_t dump_len = 0;
	FILE *f;

	(void)arg;
	snprintf(args, sizeof(args), "--lcores 0@0 --file-prefix %s",
		 test_file_prefix());
	ASSERT_GE_INT(test_eal_init(args), 0);
	ASSERT_NOT_NULL(test_list.head); /* resolved at init */
	list = RTE_TAILQ_LOOKUP("MP_TEST_LIST", rte_tailq_entry_head);
	ASSERT_EQ_PTR(list, RTE_TAILQ_CAST(test_list.head,
					   rte_tailq_entry_head));
	EXPECT_NULL(rte_eal_tailq_lookup("NO_SUCH_LIST"));
	rte_mcfg_tailq_write_lock();
	for (int i = 0; i < ENTRIES; i++) {
		int *value = rte_malloc(NULL, sizeof(*value), 0);

		e = rte_zmalloc(NULL, sizeof(*e), 0);
		ASSERT_NOT_NULL(value);
		ASSERT_NOT_NULL(e);
		*value = i;
		e->data = value;
		TAILQ_INSERT_TAIL(list, e, next);
	}
	rte_mcfg_tailq_write_unlock();

	snprintf(args, sizeof(args), "--lcores 1@0 --proc-type=secondary "
		 "--file-prefix %s", test_file_prefix());
	mp_run("tailq", NULL, args, NULL, 0, 30000, &p);
	EXPECT_CONTAINS(p.out, "entries=5");
	peer_list = RTE_TAILQ_LOOKUP("MP_PEER_OWN_LIST", rte_tailq_entry_head);
	ASSERT_NOT_NULL(peer_list);
	e = RTE_TAILQ_FIRST(peer_list);
	ASSERT_NOT_NULL(e);
	EXPECT_EQ_INT(*(int *)e->data, 4242);

	f = open_memstream(&dump, &dump_len);
	ASSERT_NOT_NULL(f);
	rte_dump_tailq(f);
	fclose(f);
	EXPECT_CONTAINS(dump, "qname:<MP_TEST_LIST>");
	EXPECT_CONTAINS(dump, "qname:<MP_PEER_OWN_LIST>");
	free(dump);

	bad_registrations();
	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	EXPECT_NULL(test_list.head); /* gone with the memory */
	return test_report();
}

int
main(void)
{
	test_child_ok("registry", registry, NULL, 60);
	EXPECT_EQ_INT(mp_count_shm_files(test_file_prefix()), 0);
	return test_report();
}
