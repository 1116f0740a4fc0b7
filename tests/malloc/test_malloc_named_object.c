/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: the named-object registry under rte_stack, rte_ring and
 * rte_mempool (src/malloc/named_object.h), white box, on a list of its
 * own.
 * - create: the name is at offset 0 (NUL padded) when init runs, obj is
 *   the memzone's start, init may be NULL; the object is listed only after
 *   init succeeded.
 * - errors, each with rte_errno, one log line naming kind and name, and
 *   nothing left behind (memzone count, lookup): NULL name (EINVAL); a name
 *   of namesize characters, or one whose memzone name would not fit
 *   (ENAMETOOLONG); a duplicate (EEXIST, also against a plain memzone of
 *   that name); init returning -EBADF (rte_errno EBADF).
 * - lookup compares namesize bytes; NULL gives EINVAL, a missing name
 *   ENOENT.
 * - free: 0, then the object is gone and its memzone freed; an object that
 *   is not listed gives -ENOENT and frees nothing.
 * - list_dump visits the objects oldest first.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_memzone.h>
#include <rte_tailq.h>

#include "malloc/named_object.h"
#include "test.h"

#define NAMESIZE 24

struct thing {
	char name[NAMESIZE];
	const struct rte_memzone *mz;
	int value;
};

static struct rte_tailq_elem thing_list = { .name = "TEST_THINGS" };
EAL_REGISTER_TAILQ(thing_list)

struct init_arg {
	int ret;          /* what init returns */
	int calls;
	char seen_name[NAMESIZE + 8];
	bool listed_in_init; /* lookup found it during init */
};

static int
thing_init(void *obj, const struct rte_memzone *mz, void *arg)
{
	struct init_arg *a = arg;
	struct thing *t = obj;

	a->calls++;
	memcpy(a->seen_name, t->name, NAMESIZE);
	EXPECT_EQ_PTR(mz->addr, obj);
	/* the tailq lock is recursive, so this lookup does not deadlock */
	a->listed_in_init = named_object_lookup(&thing_list, t->name,
						NAMESIZE) != NULL;
	t->mz = mz;
	t->value = 42;
	return a->ret;
}

static struct thing *
make(const char *name, struct init_arg *a)
{
	return named_object_create(&thing_list, "thing", "TH_", name,
				   NAMESIZE, sizeof(struct thing),
				   SOCKET_ID_ANY, 0, a != NULL ? thing_init : NULL,
				   a);
}

/* make(name) must fail with err, one log line with needle, no leftovers. */
static void
expect_make_fails(const char *name, struct init_arg *a, int err,
		  const char *needle)
{
	unsigned int zones = test_memzone_count();

	rte_errno = 0;
	test_log_begin();
	EXPECT_NULL(make(name, a));
	EXPECT_EQ_UINT(test_log_end(), 1);
	EXPECT_EQ_INT(rte_errno, err);
	EXPECT_CONTAINS(test_log_text(), "thing");
	if (needle != NULL)
		EXPECT_CONTAINS(test_log_text(), needle);
	EXPECT_EQ_UINT(test_memzone_count(), zones);
}

static void
dump_one(FILE *f, const void *obj)
{
	fprintf(f, "%s;", ((const struct thing *)obj)->name);
}

int
main(void)
{
	struct init_arg a = { 0 };
	struct thing *t1, *t2, *t3;
	const struct rte_memzone *plain;
	char args[256], name[64], *dump;
	unsigned int zones;
	size_t dump_len;
	FILE *f;

	snprintf(args, sizeof(args), "-l 0 --file-prefix %s -m 16",
		 test_file_prefix());
	ASSERT_GE_INT(test_eal_init(args), 0);
	zones = test_memzone_count();

	/* create with init: name set before init, listed only after */
	t1 = make("one", &a);
	ASSERT_NOT_NULL(t1);
	EXPECT_EQ_INT(a.calls, 1);
	EXPECT_EQ_STR(a.seen_name, "one");
	EXPECT_FALSE(a.listed_in_init);
	EXPECT_EQ_INT(t1->value, 42);
	EXPECT_EQ_PTR(rte_memzone_lookup("TH_one"), t1->mz);
	EXPECT_EQ_PTR(t1->mz->addr, t1);
	for (unsigned int i = 3; i < NAMESIZE; i++)
		EXPECT_EQ_INT(t1->name[i], 0);
	EXPECT_EQ_PTR(named_object_lookup(&thing_list, "one", NAMESIZE), t1);

	/* init NULL */
	t2 = make("two", NULL);
	ASSERT_NOT_NULL(t2);
	EXPECT_EQ_STR(t2->name, "two");
	t2->mz = rte_memzone_lookup("TH_two");

	/* errors */
	expect_make_fails(NULL, &a, EINVAL, NULL);
	memset(name, 'n', NAMESIZE);
	name[NAMESIZE] = '\0';          /* namesize characters */
	expect_make_fails(name, &a, ENAMETOOLONG, "nnnn");
	name[NAMESIZE - 1] = '\0';      /* fits namesize and "TH_" + name */
	t3 = make(name, NULL);
	EXPECT_NOT_NULL(t3);
	if (t3 != NULL) {
		t3->mz = rte_memzone_lookup("TH_nnnnnnnnnnnnnnnnnnnnnnn");
		EXPECT_EQ_INT(named_object_free(&thing_list, "thing", t3,
						t3->mz), 0);
	}
	/* a wide namesize: the memzone name is the limit (31 - 3 = 28) */
	memset(name, 'w', 29);
	name[29] = '\0';
	EXPECT_NULL(named_object_create(&thing_list, "thing", "TH_", name, 40,
					64, SOCKET_ID_ANY, 0, NULL, NULL));
	EXPECT_EQ_INT(rte_errno, ENAMETOOLONG);
	expect_make_fails("one", &a, EEXIST, "one");
	plain = rte_memzone_reserve("TH_plain", 64, SOCKET_ID_ANY, 0);
	ASSERT_NOT_NULL(plain);
	expect_make_fails("plain", &a, EEXIST, "plain");
	EXPECT_EQ_INT(rte_memzone_free(plain), 0);
	a.ret = -EBADF;
	a.calls = 0;
	expect_make_fails("bad_init", &a, EBADF, "bad_init");
	EXPECT_EQ_INT(a.calls, 1);
	EXPECT_NULL(rte_memzone_lookup("TH_bad_init"));
	rte_errno = 0;
	EXPECT_NULL(named_object_lookup(&thing_list, "bad_init", NAMESIZE));
	EXPECT_EQ_INT(rte_errno, ENOENT);
	a.ret = 0;

	/* lookup */
	rte_errno = 0;
	EXPECT_NULL(named_object_lookup(&thing_list, NULL, NAMESIZE));
	EXPECT_EQ_INT(rte_errno, EINVAL);
	rte_errno = 0;
	EXPECT_NULL(named_object_lookup(&thing_list, "nope", NAMESIZE));
	EXPECT_EQ_INT(rte_errno, ENOENT);
	EXPECT_EQ_PTR(named_object_lookup(&thing_list, "two", NAMESIZE), t2);

	/* dump: oldest first */
	f = open_memstream(&dump, &dump_len);
	ASSERT_NOT_NULL(f);
	named_object_list_dump(&thing_list, f, dump_one);
	fclose(f);
	EXPECT_EQ_STR(dump, "one;two;");
	free(dump);

	/* free, and an object that is not listed */
	EXPECT_EQ_INT(named_object_free(&thing_list, "thing", t1, t1->mz), 0);
	EXPECT_NULL(rte_memzone_lookup("TH_one"));
	EXPECT_NULL(named_object_lookup(&thing_list, "one", NAMESIZE));
	{
		struct thing fake = { .name = "fake" };
		unsigned int before = test_memzone_count();

		test_log_begin();
		EXPECT_EQ_INT(named_object_free(&thing_list, "thing", &fake,
						t2->mz), -ENOENT);
		EXPECT_EQ_UINT(test_log_end(), 1);
		EXPECT_CONTAINS(test_log_text(), "fake");
		EXPECT_EQ_UINT(test_memzone_count(), before);
		EXPECT_EQ_PTR(rte_memzone_lookup("TH_two"), t2->mz);
	}
	EXPECT_EQ_INT(named_object_free(&thing_list, "thing", t2, t2->mz), 0);
	/* the name can be used again */
	t1 = make("one", NULL);
	ASSERT_NOT_NULL(t1);
	EXPECT_EQ_INT(named_object_free(&thing_list, "thing", t1,
					rte_memzone_lookup("TH_one")), 0);
	EXPECT_EQ_UINT(test_memzone_count(), zones);

	EXPECT_EQ_INT(rte_eal_cleanup(), 0);
	return test_report();
}
