/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Description: rte_log: types, levels, streams, and the --log-level helpers.
 *
 * Output is captured with open_memstream() (rte_openlog_stream), or with a
 * fopencookie() stream whose write callback asks rte_log_cur_msg_*() what it
 * is writing. eal_log_reset() puts the levels back between the cases.
 *
 * - Defaults: the built-in ids carry DPDK 22.11's names at level INFO, ids
 *   21..23 are unnamed, the global level is DEBUG, the stream is stderr.
 * - Filtering: a message above its type's level or above the global level is
 *   dropped (returns 0), one at or below both is written (returns its
 *   length); unknown types return -1; RTE_LOG_DP compiles out levels above
 *   RTE_LOG_DP_LEVEL; a long message (heap path) arrives whole.
 * - Registration: same name -> same id, new names -> new ids >= 32, across
 *   several table chunks; RTE_LOG_REGISTER / _DEFAULT / _SUFFIX in this file
 *   registered their names before main() with their levels.
 * - Level setters: invalid levels (0, 9) and unknown types give -1;
 *   set_level_pattern / set_level_regexp change the matching types only.
 * - Saved options (eal_log_save_pattern / _regexp): applied to the existing
 *   types and to types registered later through
 *   rte_log_register_type_and_pick_level, last match wins; eal_log_reset()
 *   forgets them and restores the defaults.
 * - rte_log_cur_msg_loglevel / logtype as seen from a stream callback.
 * - rte_openlog_stream(NULL) restores stderr (also checked in a child that
 *   logs with its stderr captured).
 * - fork() while another thread is inside a log write: the child can still
 *   log and register (the fork handlers reset the logger's locks).
 * - rte_log_dump / rte_log_list_types list the names.
 * - 4 threads x 1000 lines (plus a thread registering types meanwhile)
 *   give exactly 4000 whole lines, each thread's in order.
 * - eal_log_parse_level over a table of valid and invalid texts.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The name RTE_LOG_REGISTER_DEFAULT / _SUFFIX use, as a build would set it. */
#define RTE_LOG_DEFAULT_LOGTYPE test.deflt

#include <rte_log.h>

#include "eal/eal_private.h"
#include "test.h"

RTE_LOG_REGISTER(logtype_reg, test.reg, NOTICE);
RTE_LOG_REGISTER_DEFAULT(logtype_def, DEBUG);
RTE_LOG_REGISTER_SUFFIX(logtype_sfx, sfx, WARNING);

/* ---- capture helpers */

struct capture {
	FILE *f;
	char *buf;
	size_t len;
};

static void
cap_open(struct capture *c)
{
	c->buf = NULL;
	c->len = 0;
	c->f = open_memstream(&c->buf, &c->len);
	ASSERT_NOT_NULL(c->f);
	ASSERT_EQ_INT(rte_openlog_stream(c->f), 0);
}

/* Everything written so far, NUL-terminated. */
static const char *
cap_text(struct capture *c)
{
	fflush(c->f);
	return c->buf != NULL ? c->buf : "";
}

static void
cap_close(struct capture *c)
{
	rte_openlog_stream(NULL);
	fclose(c->f);
	free(c->buf);
	c->buf = NULL;
}

/* ---- cases */

static void
test_defaults(void)
{
	static const struct {
		uint32_t id;
		const char *name;
	} builtin[] = {
		{ RTE_LOGTYPE_EAL, "lib.eal" },
		{ RTE_LOGTYPE_MALLOC, "lib.malloc" },
		{ RTE_LOGTYPE_RING, "lib.ring" },
		{ RTE_LOGTYPE_MEMPOOL, "lib.mempool" },
		{ RTE_LOGTYPE_TIMER, "lib.timer" },
		{ RTE_LOGTYPE_PMD, "pmd" },
		{ RTE_LOGTYPE_HASH, "lib.hash" },
		{ RTE_LOGTYPE_LPM, "lib.lpm" },
		{ RTE_LOGTYPE_KNI, "lib.kni" },
		{ RTE_LOGTYPE_ACL, "lib.acl" },
		{ RTE_LOGTYPE_POWER, "lib.power" },
		{ RTE_LOGTYPE_METER, "lib.meter" },
		{ RTE_LOGTYPE_SCHED, "lib.sched" },
		{ RTE_LOGTYPE_PORT, "lib.port" },
		{ RTE_LOGTYPE_TABLE, "lib.table" },
		{ RTE_LOGTYPE_PIPELINE, "lib.pipeline" },
		{ RTE_LOGTYPE_MBUF, "lib.mbuf" },
		{ RTE_LOGTYPE_CRYPTODEV, "lib.cryptodev" },
		{ RTE_LOGTYPE_EFD, "lib.efd" },
		{ RTE_LOGTYPE_EVENTDEV, "lib.eventdev" },
		{ RTE_LOGTYPE_GSO, "lib.gso" },
		{ RTE_LOGTYPE_USER1, "user1" },
		{ RTE_LOGTYPE_USER2, "user2" },
		{ RTE_LOGTYPE_USER3, "user3" },
		{ RTE_LOGTYPE_USER4, "user4" },
		{ RTE_LOGTYPE_USER5, "user5" },
		{ RTE_LOGTYPE_USER6, "user6" },
		{ RTE_LOGTYPE_USER7, "user7" },
		{ RTE_LOGTYPE_USER8, "user8" },
	};
	size_t i;

	EXPECT_EQ_UINT(RTE_LOGTYPE_FIRST_EXT_ID, 32);
	EXPECT_EQ_UINT(RTE_LOG_EMERG, 1);
	EXPECT_EQ_UINT(RTE_LOG_DEBUG, 8);
	EXPECT_EQ_UINT(RTE_LOG_MAX, RTE_LOG_DEBUG);
	EXPECT_EQ_UINT(rte_log_get_global_level(), RTE_LOG_DEBUG);
	EXPECT_EQ_PTR(rte_log_get_stream(), stderr);
	for (i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++) {
		EXPECT_EQ_INT(rte_log_register(builtin[i].name), builtin[i].id);
		EXPECT_EQ_INT(rte_log_get_level(builtin[i].id), RTE_LOG_INFO);
		EXPECT_TRUE(rte_log_can_log(builtin[i].id, RTE_LOG_INFO));
		EXPECT_FALSE(rte_log_can_log(builtin[i].id, RTE_LOG_DEBUG));
	}
	/* 21..23 exist but are unnamed and silent (as in DPDK). */
	EXPECT_EQ_INT(rte_log_get_level(21), 0);
	EXPECT_FALSE(rte_log_can_log(22, RTE_LOG_EMERG));
}

static void
test_constructor_registration(void)
{
	/* The constructors ran before main(). */
	EXPECT_GE_INT(logtype_reg, RTE_LOGTYPE_FIRST_EXT_ID);
	EXPECT_GE_INT(logtype_def, RTE_LOGTYPE_FIRST_EXT_ID);
	EXPECT_GE_INT(logtype_sfx, RTE_LOGTYPE_FIRST_EXT_ID);
	EXPECT_NE_INT(logtype_reg, logtype_def);
	EXPECT_NE_INT(logtype_def, logtype_sfx);
	EXPECT_NE_INT(logtype_reg, logtype_sfx);
	EXPECT_EQ_INT(rte_log_register("test.reg"), logtype_reg);
	EXPECT_EQ_INT(rte_log_register("test.deflt"), logtype_def);
	EXPECT_EQ_INT(rte_log_register("test.deflt.sfx"), logtype_sfx);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)logtype_reg), RTE_LOG_NOTICE);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)logtype_def), RTE_LOG_DEBUG);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)logtype_sfx), RTE_LOG_WARNING);
}

static void
test_filtering(void)
{
	const char *want = "EAL: keep 1\n";
	struct capture c;
	char *long_msg;
	size_t i;

	eal_log_reset();
	cap_open(&c);
	EXPECT_EQ_PTR(rte_log_get_stream(), c.f);

	/* Type level. */
	ASSERT_EQ_INT(rte_log_set_level(RTE_LOGTYPE_EAL, RTE_LOG_WARNING), 0);
	EXPECT_EQ_INT(rte_log_get_level(RTE_LOGTYPE_EAL), RTE_LOG_WARNING);
	EXPECT_EQ_INT(RTE_LOG(INFO, EAL, "drop %d\n", 1), 0);
	EXPECT_EQ_INT(RTE_LOG(DEBUG, EAL, "drop %d\n", 2), 0);
	EXPECT_EQ_INT(RTE_LOG(WARNING, EAL, "keep %d\n", 1), (int)strlen(want));
	EXPECT_EQ_INT(RTE_LOG(ERR, EAL, "keep %d\n", 2), (int)strlen(want));
	EXPECT_EQ_INT(rte_log(RTE_LOG_EMERG, RTE_LOGTYPE_EAL, "raw\n"), 4);
	EXPECT_EQ_STR(cap_text(&c), "EAL: keep 1\nEAL: keep 2\nraw\n");
	EXPECT_TRUE(rte_log_can_log(RTE_LOGTYPE_EAL, RTE_LOG_WARNING));
	EXPECT_FALSE(rte_log_can_log(RTE_LOGTYPE_EAL, RTE_LOG_NOTICE));
	/* Other types are unaffected. */
	EXPECT_EQ_INT(RTE_LOG(INFO, MEMPOOL, "mp\n"), (int)strlen("MEMPOOL: mp\n"));
	EXPECT_CONTAINS(cap_text(&c), "MEMPOOL: mp\n");

	/* Global level caps every type. */
	rte_log_set_global_level(RTE_LOG_ERR);
	EXPECT_EQ_UINT(rte_log_get_global_level(), RTE_LOG_ERR);
	EXPECT_EQ_INT(RTE_LOG(WARNING, EAL, "glob-drop\n"), 0);
	EXPECT_EQ_INT(RTE_LOG(NOTICE, MEMPOOL, "glob-drop\n"), 0);
	EXPECT_FALSE(rte_log_can_log(RTE_LOGTYPE_MEMPOOL, RTE_LOG_WARNING));
	EXPECT_TRUE(rte_log_can_log(RTE_LOGTYPE_MEMPOOL, RTE_LOG_ERR));
	EXPECT_GT_INT(RTE_LOG(ERR, MEMPOOL, "glob-keep\n"), 0);
	EXPECT_TRUE(strstr(cap_text(&c), "glob-drop") == NULL);
	EXPECT_CONTAINS(cap_text(&c), "MEMPOOL: glob-keep\n");
	rte_log_set_global_level(RTE_LOG_DEBUG);

	/* Unknown types. */
	EXPECT_EQ_INT(rte_log(RTE_LOG_ERR, 1000000, "x\n"), -1);
	EXPECT_FALSE(rte_log_can_log(1000000, RTE_LOG_EMERG));
	EXPECT_EQ_INT(rte_log(RTE_LOG_ERR, RTE_LOGTYPE_EAL, NULL), -1);

	/* RTE_LOG_DP: DEBUG is above RTE_LOG_DP_LEVEL (INFO) and compiled
	 * out even though the type would let it through. */
	ASSERT_EQ_INT(rte_log_set_level(RTE_LOGTYPE_USER2, RTE_LOG_DEBUG), 0);
	RTE_LOG_DP(DEBUG, USER2, "dp-debug\n");
	RTE_LOG_DP(INFO, USER2, "dp-info\n");
	EXPECT_TRUE(strstr(cap_text(&c), "dp-debug") == NULL);
	EXPECT_CONTAINS(cap_text(&c), "USER2: dp-info\n");

	/* A message longer than the stack buffer arrives whole. */
	long_msg = malloc(5001);
	ASSERT_NOT_NULL(long_msg);
	for (i = 0; i < 5000; i++)
		long_msg[i] = (char)('a' + i % 26);
	long_msg[5000] = '\0';
	EXPECT_EQ_INT(RTE_LOG(ERR, USER3, "[%s]\n", long_msg),
		      (int)strlen("USER3: [") + 5000 + 2);
	{
		const char *t = cap_text(&c);
		const char *p = strstr(t, "USER3: [");

		ASSERT_NOT_NULL(p);
		EXPECT_EQ_INT(strncmp(p + 8, long_msg, 5000), 0);
		EXPECT_EQ_STR(p + 8 + 5000, "]\n");
	}
	free(long_msg);
	cap_close(&c);
	eal_log_reset();
}

static int
vlog_wrapper(uint32_t level, uint32_t type, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = rte_vlog(level, type, fmt, ap);
	va_end(ap);
	return ret;
}

static void
test_vlog(void)
{
	struct capture c;

	cap_open(&c);
	EXPECT_EQ_INT(vlog_wrapper(RTE_LOG_ERR, RTE_LOGTYPE_USER4, "v%d-%s\n",
				   7, "x"), 5);
	EXPECT_EQ_INT(vlog_wrapper(RTE_LOG_DEBUG, RTE_LOGTYPE_USER4, "no\n"), 0);
	EXPECT_EQ_INT(vlog_wrapper(RTE_LOG_ERR, 999999, "no\n"), -1);
	EXPECT_EQ_STR(cap_text(&c), "v7-x\n");
	cap_close(&c);
}

static void
test_register(void)
{
	enum { N = 300 };   /* crosses the 32-, 96-, 224-id chunk edges */
	static int ids[N];
	char name[64];
	int a, b, i;

	a = rte_log_register("test.newtype.a");
	b = rte_log_register("test.newtype.b");
	EXPECT_GE_INT(a, RTE_LOGTYPE_FIRST_EXT_ID);
	EXPECT_GT_INT(b, a);
	EXPECT_EQ_INT(rte_log_register("test.newtype.a"), a);
	EXPECT_EQ_INT(rte_log_register("test.newtype.b"), b);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)a), RTE_LOG_INFO);
	EXPECT_EQ_INT(rte_log_register(NULL), -EINVAL);

	/* Registering a known name keeps its level. */
	ASSERT_EQ_INT(rte_log_set_level((uint32_t)a, RTE_LOG_CRIT), 0);
	EXPECT_EQ_INT(rte_log_register("test.newtype.a"), a);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)a), RTE_LOG_CRIT);

	for (i = 0; i < N; i++) {
		snprintf(name, sizeof(name), "test.many.%d", i);
		ids[i] = rte_log_register(name);
		EXPECT_GT_INT(ids[i], b);
		if (i > 0)
			EXPECT_EQ_INT(ids[i], ids[i - 1] + 1);
		/* Each gets its own level slot. */
		EXPECT_EQ_INT(rte_log_set_level((uint32_t)ids[i],
						1 + (uint32_t)i % 8), 0);
	}
	for (i = 0; i < N; i++) {
		snprintf(name, sizeof(name), "test.many.%d", i);
		EXPECT_EQ_INT(rte_log_register(name), ids[i]);
		EXPECT_EQ_INT(rte_log_get_level((uint32_t)ids[i]), 1 + i % 8);
	}
	/* One past the last id handed out does not exist. */
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)ids[N - 1] + 1), -1);
	eal_log_reset();
	/* Reset restores the registration default. */
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)ids[5]), RTE_LOG_INFO);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)a), RTE_LOG_INFO);
}

static void
test_set_level_errors(void)
{
	/* level 0 silences a type (DPDK 22.11 accepts it); 9 is refused */
	EXPECT_EQ_INT(rte_log_set_level(RTE_LOGTYPE_EAL, 0), 0);
	EXPECT_EQ_INT(rte_log_get_level(RTE_LOGTYPE_EAL), 0);
	EXPECT_FALSE(rte_log_can_log(RTE_LOGTYPE_EAL, RTE_LOG_EMERG));
	EXPECT_EQ_INT(rte_log_set_level(RTE_LOGTYPE_EAL, RTE_LOG_INFO), 0);
	EXPECT_EQ_INT(rte_log_set_level(RTE_LOGTYPE_EAL, 9), -1);
	EXPECT_EQ_INT(rte_log_get_level(RTE_LOGTYPE_EAL), RTE_LOG_INFO);
	EXPECT_EQ_INT(rte_log_set_level(1000000, RTE_LOG_ERR), -1);
	EXPECT_EQ_INT(rte_log_set_level(UINT32_MAX, RTE_LOG_ERR), -1);
	EXPECT_EQ_INT(rte_log_get_level(1000000), -1);
	EXPECT_EQ_INT(rte_log_set_level_pattern("no.such.type.*", 0), 0);
	EXPECT_EQ_INT(rte_log_set_level_pattern("lib.*", 9), -1);
	EXPECT_EQ_INT(rte_log_set_level_pattern(NULL, RTE_LOG_ERR), -1);
	EXPECT_EQ_INT(rte_log_set_level_regexp("^no\\.such$", 0), 0);
	EXPECT_EQ_INT(rte_log_set_level_regexp("lib", 9), -1);
	EXPECT_EQ_INT(rte_log_set_level_regexp("[", RTE_LOG_ERR), -1);
	EXPECT_EQ_INT(rte_log_set_level_regexp(NULL, RTE_LOG_ERR), -1);
	/* Nothing changed. */
	EXPECT_EQ_INT(rte_log_get_level(RTE_LOGTYPE_EAL), RTE_LOG_INFO);
	EXPECT_EQ_INT(rte_log_get_level(RTE_LOGTYPE_RING), RTE_LOG_INFO);
}

static void
test_set_level_pattern_regexp(void)
{
	int pa = rte_log_register("test.pat.a");
	int pb = rte_log_register("test.pat.b");
	int po = rte_log_register("test.other");
	int ra = rte_log_register("test.re.a");
	int rb = rte_log_register("test.re.b");
	int rc = rte_log_register("test.re.c");

	EXPECT_EQ_INT(rte_log_set_level_pattern("test.pat.*", RTE_LOG_DEBUG), 0);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)pa), RTE_LOG_DEBUG);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)pb), RTE_LOG_DEBUG);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)po), RTE_LOG_INFO);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)ra), RTE_LOG_INFO);
	EXPECT_EQ_INT(rte_log_get_level(RTE_LOGTYPE_EAL), RTE_LOG_INFO);

	EXPECT_EQ_INT(rte_log_set_level_regexp("^test\\.re\\.[ab]$",
					       RTE_LOG_ALERT), 0);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)ra), RTE_LOG_ALERT);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)rb), RTE_LOG_ALERT);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)rc), RTE_LOG_INFO);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)pa), RTE_LOG_DEBUG);

	/* The regex is searched for anywhere in the name. */
	EXPECT_EQ_INT(rte_log_set_level_regexp("re\\.c", RTE_LOG_CRIT), 0);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)rc), RTE_LOG_CRIT);

	/* A pattern matching nothing is not an error. */
	EXPECT_EQ_INT(rte_log_set_level_pattern("no.such.*", RTE_LOG_ERR), 0);

	/* Not remembered: a type registered later keeps INFO. */
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)rte_log_register("test.pat.c")),
		      RTE_LOG_INFO);
	eal_log_reset();
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)pa), RTE_LOG_INFO);
}

static void
test_saved_options(void)
{
	int pre, id;

	eal_log_reset();

	/* Applied to types that exist at save time... */
	pre = rte_log_register("test.pre.a");
	EXPECT_EQ_INT(eal_log_save_pattern("test.pre.*", RTE_LOG_NOTICE), 0);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)pre), RTE_LOG_NOTICE);
	/* ...including constructor-registered ones (--log-level parsed after
	 * RTE_LOG_REGISTER ran). */
	EXPECT_EQ_INT(eal_log_save_pattern("test.reg", RTE_LOG_DEBUG), 0);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)logtype_reg), RTE_LOG_DEBUG);
	EXPECT_EQ_INT(eal_log_save_pattern("lib.eal", RTE_LOG_ERR), 0);
	EXPECT_EQ_INT(rte_log_get_level(RTE_LOGTYPE_EAL), RTE_LOG_ERR);

	/* ...and to types registered later with pick_level. */
	EXPECT_EQ_INT(eal_log_save_pattern("test.save.*", RTE_LOG_ERR), 0);
	id = rte_log_register_type_and_pick_level("test.save.x", RTE_LOG_INFO);
	EXPECT_GE_INT(id, RTE_LOGTYPE_FIRST_EXT_ID);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)id), RTE_LOG_ERR);
	id = rte_log_register_type_and_pick_level("test.nosave", RTE_LOG_NOTICE);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)id), RTE_LOG_NOTICE);

	EXPECT_EQ_INT(eal_log_save_regexp("^test\\.rx\\.", RTE_LOG_CRIT), 0);
	id = rte_log_register_type_and_pick_level("test.rx.y", RTE_LOG_INFO);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)id), RTE_LOG_CRIT);
	id = rte_log_register_type_and_pick_level("xtest.rx.y", RTE_LOG_INFO);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)id), RTE_LOG_INFO);

	/* The last matching entry wins, pattern or regex. */
	EXPECT_EQ_INT(eal_log_save_pattern("test.multi.*", RTE_LOG_WARNING), 0);
	EXPECT_EQ_INT(eal_log_save_regexp("test\\.multi\\.b", RTE_LOG_DEBUG), 0);
	id = rte_log_register_type_and_pick_level("test.multi.a", RTE_LOG_INFO);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)id), RTE_LOG_WARNING);
	id = rte_log_register_type_and_pick_level("test.multi.b", RTE_LOG_INFO);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)id), RTE_LOG_DEBUG);
	EXPECT_EQ_INT(eal_log_save_pattern("test.multi.b", RTE_LOG_ALERT), 0);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)id), RTE_LOG_ALERT);
	id = rte_log_register_type_and_pick_level("test.multi.b", RTE_LOG_INFO);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)id), RTE_LOG_ALERT);

	/* pick_level on a known name returns its id and re-picks. */
	EXPECT_EQ_INT(rte_log_register_type_and_pick_level("test.reg",
							   RTE_LOG_NOTICE),
		      logtype_reg);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)logtype_reg), RTE_LOG_DEBUG);
	EXPECT_EQ_INT(rte_log_register_type_and_pick_level(NULL, RTE_LOG_INFO),
		      -EINVAL);

	/* Bad input. */
	EXPECT_EQ_INT(eal_log_save_regexp("[", RTE_LOG_ERR), -EINVAL);
	EXPECT_EQ_INT(eal_log_save_regexp("x", RTE_LOG_MAX + 1), -EINVAL);
	EXPECT_EQ_INT(eal_log_save_pattern("x", 9), -EINVAL);
	EXPECT_EQ_INT(eal_log_save_pattern(NULL, RTE_LOG_ERR), -EINVAL);
	EXPECT_EQ_INT(eal_log_save_regexp(NULL, RTE_LOG_ERR), -EINVAL);

	/* Reset forgets the options and restores each default. */
	rte_log_set_global_level(RTE_LOG_CRIT);
	eal_log_reset();
	EXPECT_EQ_UINT(rte_log_get_global_level(), RTE_LOG_DEBUG);
	EXPECT_EQ_INT(rte_log_get_level(RTE_LOGTYPE_EAL), RTE_LOG_INFO);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)pre), RTE_LOG_INFO);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)logtype_reg), RTE_LOG_NOTICE);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)logtype_sfx), RTE_LOG_WARNING);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)id), RTE_LOG_INFO);
	id = rte_log_register_type_and_pick_level("test.save.y", RTE_LOG_INFO);
	EXPECT_EQ_INT(rte_log_get_level((uint32_t)id), RTE_LOG_INFO);
}

/* ---- rte_log_cur_msg_* through a fopencookie stream */

struct cookie_log {
	unsigned int writes;
	int level;
	int type;
	char text[256];
};

static ssize_t
cookie_write(void *cookie, const char *buf, size_t size)
{
	struct cookie_log *cl = cookie;
	size_t n = size < sizeof(cl->text) - 1 ? size : sizeof(cl->text) - 1;

	cl->writes++;
	cl->level = rte_log_cur_msg_loglevel();
	cl->type = rte_log_cur_msg_logtype();
	memcpy(cl->text, buf, n);
	cl->text[n] = '\0';
	return (ssize_t)size;
}

static void
test_cur_msg(void)
{
	static const cookie_io_functions_t io = { .write = cookie_write };
	struct cookie_log cl = { 0 };
	FILE *f = fopencookie(&cl, "w", io);

	ASSERT_NOT_NULL(f);
	ASSERT_EQ_INT(rte_openlog_stream(f), 0);

	EXPECT_GT_INT(RTE_LOG(NOTICE, USER3, "first\n"), 0);
	EXPECT_EQ_UINT(cl.writes, 1);   /* one message, one write */
	EXPECT_EQ_INT(cl.level, RTE_LOG_NOTICE);
	EXPECT_EQ_INT(cl.type, RTE_LOGTYPE_USER3);
	EXPECT_EQ_STR(cl.text, "USER3: first\n");

	EXPECT_GT_INT(rte_log(RTE_LOG_ERR, (uint32_t)logtype_sfx, "second %d\n",
			      2), 0);
	EXPECT_EQ_UINT(cl.writes, 2);
	EXPECT_EQ_INT(cl.level, RTE_LOG_ERR);
	EXPECT_EQ_INT(cl.type, logtype_sfx);
	EXPECT_EQ_STR(cl.text, "second 2\n");

	/* A filtered message reaches neither the stream nor cur_msg. */
	EXPECT_EQ_INT(RTE_LOG(DEBUG, USER3, "filtered\n"), 0);
	EXPECT_EQ_UINT(cl.writes, 2);
	EXPECT_EQ_INT(rte_log_cur_msg_loglevel(), RTE_LOG_ERR);
	EXPECT_EQ_INT(rte_log_cur_msg_logtype(), logtype_sfx);

	ASSERT_EQ_INT(rte_openlog_stream(NULL), 0);
	fclose(f);
}

/* ---- default stream */

static int
child_log_to_default(void *arg)
{
	(void)arg;
	rte_openlog_stream(NULL);
	RTE_LOG(ERR, USER1, "to-default-stream %d\n", 42);
	return 0;
}

static void
test_default_stream(void)
{
	struct test_child_result *res = malloc(sizeof(*res));
	struct capture c;

	ASSERT_NOT_NULL(res);
	cap_open(&c);
	EXPECT_EQ_PTR(rte_log_get_stream(), c.f);
	EXPECT_EQ_INT(rte_openlog_stream(NULL), 0);
	EXPECT_EQ_PTR(rte_log_get_stream(), stderr);
	fclose(c.f);
	free(c.buf);

	ASSERT_EQ_INT(test_run_child(child_log_to_default, NULL, 20, res), 0);
	EXPECT_EQ_INT(res->exited, 1);
	EXPECT_EQ_INT(res->exit_code, 0);
	EXPECT_CONTAINS(res->err, "USER1: to-default-stream 42\n");
	EXPECT_TRUE(strstr(res->out, "to-default-stream") == NULL);
	free(res);
}

/* ---- fork while another thread is inside a log write */

#if defined(__SANITIZE_THREAD__)
#define TEST_UNDER_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define TEST_UNDER_TSAN 1
#endif
#endif
#ifdef TEST_UNDER_TSAN
/*
 * The forked child inherits TSan's record of the logging thread, which it
 * cannot join, and TSan would report it as leaked when the child exits.
 * Every thread this test starts is joined in the parent, so leak reports
 * carry no information here.
 */
const char *__tsan_default_options(void);
const char *
__tsan_default_options(void)
{
	return "report_thread_leaks=0";
}
#endif

/* 0: start, 1: the worker is inside the write, 2: main is about to fork. */
static int fork_phase;

static ssize_t
blocking_write(void *cookie, const char *buf, size_t size)
{
	(void)cookie;
	(void)buf;
	if (__atomic_load_n(&fork_phase, __ATOMIC_ACQUIRE) == 0) {
		__atomic_store_n(&fork_phase, 1, __ATOMIC_RELEASE);
		while (__atomic_load_n(&fork_phase, __ATOMIC_ACQUIRE) != 2)
			usleep(1000);
		/* Still writing (locks held) when main calls fork(). */
		usleep(100 * 1000);
	}
	return (ssize_t)size;
}

static void *
blocked_logger(void *p)
{
	(void)p;
	rte_log(RTE_LOG_ERR, RTE_LOGTYPE_USER6, "blocker\n");
	return NULL;
}

static int
child_log_after_fork(void *arg)
{
	(void)arg;
	rte_openlog_stream(NULL);
	if (rte_log_register("test.fork.child") < RTE_LOGTYPE_FIRST_EXT_ID)
		return 2;
	RTE_LOG(ERR, USER1, "child-after-fork\n");
	return 0;
}

static void
test_fork_while_logging(void)
{
	static const cookie_io_functions_t io = { .write = blocking_write };
	struct test_child_result *res = malloc(sizeof(*res));
	FILE *f = fopencookie(NULL, "w", io);
	pthread_t th;

	ASSERT_NOT_NULL(res);
	ASSERT_NOT_NULL(f);
	rte_openlog_stream(f);
	ASSERT_EQ_INT(pthread_create(&th, NULL, blocked_logger, NULL), 0);
	while (__atomic_load_n(&fork_phase, __ATOMIC_ACQUIRE) != 1)
		usleep(1000);
	__atomic_store_n(&fork_phase, 2, __ATOMIC_RELEASE);
	/* Without the fork handlers the child would inherit the logger's
	 * locks held by a thread it does not have, and hang. */
	ASSERT_EQ_INT(test_run_child(child_log_after_fork, NULL, 10, res), 0);
	EXPECT_EQ_INT(res->timed_out, 0);
	EXPECT_EQ_INT(res->exited, 1);
	EXPECT_EQ_INT(res->exit_code, 0);
	EXPECT_CONTAINS(res->err, "USER1: child-after-fork\n");
	pthread_join(th, NULL);
	rte_openlog_stream(NULL);
	fclose(f);
	free(res);
}

/* ---- dump and list */

static void
test_dump_and_list(void)
{
	struct capture c;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	f = open_memstream(&buf, &len);
	ASSERT_NOT_NULL(f);
	rte_log_list_types(f, "pfx:");
	fflush(f);
	EXPECT_CONTAINS(buf, "pfx:lib.eal\n");
	EXPECT_CONTAINS(buf, "pfx:lib.mempool\n");
	EXPECT_CONTAINS(buf, "pfx:pmd\n");
	EXPECT_CONTAINS(buf, "pfx:user8\n");
	EXPECT_CONTAINS(buf, "pfx:test.reg\n");
	EXPECT_CONTAINS(buf, "pfx:test.deflt\n");
	EXPECT_CONTAINS(buf, "pfx:test.deflt.sfx\n");
	rte_log_list_types(f, NULL);
	fflush(f);
	EXPECT_CONTAINS(buf, "\nlib.ring\n");
	fclose(f);
	free(buf);

	/* dump writes to the stream given, not the log stream. */
	cap_open(&c);
	buf = NULL;
	len = 0;
	f = open_memstream(&buf, &len);
	ASSERT_NOT_NULL(f);
	rte_log_dump(f);
	fflush(f);
	EXPECT_CONTAINS(buf, "global log level is debug");
	EXPECT_CONTAINS(buf, "lib.eal");
	EXPECT_CONTAINS(buf, "lib.mempool");
	EXPECT_CONTAINS(buf, "user1");
	EXPECT_CONTAINS(buf, "test.reg, level is notice");
	EXPECT_CONTAINS(buf, "test.deflt.sfx");
	EXPECT_EQ_STR(cap_text(&c), "");
	fclose(f);
	free(buf);
	cap_close(&c);
}

/* ---- concurrent logging */

#define LOG_THREADS 4
#define LOG_LINES 1000
#define REG_TYPES 400

static pthread_barrier_t log_barrier;

static void *
log_worker(void *p)
{
	int t = (int)(intptr_t)p;
	char pad[97];
	int i;

	memset(pad, 'a' + t, sizeof(pad) - 1);
	pad[sizeof(pad) - 1] = '\0';
	pthread_barrier_wait(&log_barrier);
	for (i = 0; i < LOG_LINES; i++)
		rte_log(RTE_LOG_INFO, RTE_LOGTYPE_USER5, "T%d L%d %s end\n",
			t, i, pad);
	return NULL;
}

struct reg_arg {
	int ids[REG_TYPES];
};

static void *
reg_worker(void *p)
{
	struct reg_arg *a = p;
	char name[64];
	int i;

	pthread_barrier_wait(&log_barrier);
	for (i = 0; i < REG_TYPES; i++) {
		snprintf(name, sizeof(name), "test.conc.%d", i);
		a->ids[i] = rte_log_register_type_and_pick_level(name,
								 RTE_LOG_ERR);
	}
	return NULL;
}

static void
test_concurrent_logging(void)
{
	pthread_t th[LOG_THREADS], reg;
	static struct reg_arg ra;
	int next[LOG_THREADS] = { 0 };
	unsigned int lines = 0, bad = 0;
	struct capture c;
	char *text, *line, *save = NULL;
	char name[64];
	int t, i;

	cap_open(&c);
	ASSERT_EQ_INT(pthread_barrier_init(&log_barrier, NULL, LOG_THREADS + 1), 0);
	for (t = 0; t < LOG_THREADS; t++)
		ASSERT_EQ_INT(pthread_create(&th[t], NULL, log_worker,
					     (void *)(intptr_t)t), 0);
	ASSERT_EQ_INT(pthread_create(&reg, NULL, reg_worker, &ra), 0);
	for (t = 0; t < LOG_THREADS; t++)
		pthread_join(th[t], NULL);
	pthread_join(reg, NULL);
	pthread_barrier_destroy(&log_barrier);

	text = strdup(cap_text(&c));
	ASSERT_NOT_NULL(text);
	EXPECT_EQ_INT(text[strlen(text) - 1], '\n');
	for (line = strtok_r(text, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		char pad[97], end[8];
		int lt, li, k;

		lines++;
		if (sscanf(line, "T%d L%d %96s %7s", &lt, &li, pad, end) != 4 ||
		    lt < 0 || lt >= LOG_THREADS || strcmp(end, "end") != 0 ||
		    strlen(pad) != 96) {
			bad++;
			continue;
		}
		for (k = 0; k < 96; k++)
			if (pad[k] != 'a' + lt)
				break;
		/* Whole line, and each thread's lines in order. */
		if (k != 96 || li != next[lt])
			bad++;
		else
			next[lt]++;
	}
	free(text);
	EXPECT_EQ_UINT(lines, LOG_THREADS * LOG_LINES);
	EXPECT_EQ_UINT(bad, 0);
	for (t = 0; t < LOG_THREADS; t++)
		EXPECT_EQ_INT(next[t], LOG_LINES);

	/* The registrations done meanwhile are all distinct and findable. */
	for (i = 0; i < REG_TYPES; i++) {
		EXPECT_GE_INT(ra.ids[i], RTE_LOGTYPE_FIRST_EXT_ID);
		if (i > 0)
			EXPECT_GT_INT(ra.ids[i], ra.ids[i - 1]);
		snprintf(name, sizeof(name), "test.conc.%d", i);
		EXPECT_EQ_INT(rte_log_register(name), ra.ids[i]);
		EXPECT_EQ_INT(rte_log_get_level((uint32_t)ra.ids[i]), RTE_LOG_ERR);
	}
	cap_close(&c);
}

/* ---- eal_log_parse_level */

static void
test_parse_level(void)
{
	static const struct {
		const char *text;
		uint32_t level;
	} good[] = {
		{ "1", RTE_LOG_EMERG }, { "2", RTE_LOG_ALERT },
		{ "3", RTE_LOG_CRIT }, { "4", RTE_LOG_ERR },
		{ "5", RTE_LOG_WARNING }, { "6", RTE_LOG_NOTICE },
		{ "7", RTE_LOG_INFO }, { "8", RTE_LOG_DEBUG },
		{ "08", RTE_LOG_DEBUG },
		{ "emerg", RTE_LOG_EMERG }, { "alert", RTE_LOG_ALERT },
		{ "crit", RTE_LOG_CRIT }, { "err", RTE_LOG_ERR },
		{ "error", RTE_LOG_ERR }, { "warning", RTE_LOG_WARNING },
		{ "warn", RTE_LOG_WARNING }, { "notice", RTE_LOG_NOTICE },
		{ "info", RTE_LOG_INFO }, { "debug", RTE_LOG_DEBUG },
		{ "DEBUG", RTE_LOG_DEBUG }, { "Info", RTE_LOG_INFO },
		/* unambiguous prefixes */
		{ "em", RTE_LOG_EMERG }, { "a", RTE_LOG_ALERT },
		{ "c", RTE_LOG_CRIT }, { "er", RTE_LOG_ERR },
		{ "erro", RTE_LOG_ERR }, { "w", RTE_LOG_WARNING },
		{ "warni", RTE_LOG_WARNING }, { "n", RTE_LOG_NOTICE },
		{ "i", RTE_LOG_INFO }, { "d", RTE_LOG_DEBUG },
		{ "deb", RTE_LOG_DEBUG },
	};
	static const char *const bad[] = {
		"", "0", "9", "10", "00", "4294967304", "99999999999999999999",
		"-1", "+7", " 7", "7 ", "7x", "1e", "e" /* emerg or err */,
		"debugx", "errors", "x", "inf0", "warning!", "lib.eal:debug",
	};
	uint32_t level;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		int rc;

		level = 0;
		rc = eal_log_parse_level(good[i].text, &level);
		if (rc != 0)
			fprintf(stderr, "parse_level(\"%s\") failed\n",
				good[i].text);
		EXPECT_EQ_INT(rc, 0);
		EXPECT_EQ_UINT(level, good[i].level);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc;

		level = 12345;
		rc = eal_log_parse_level(bad[i], &level);
		if (rc != -EINVAL)
			fprintf(stderr, "parse_level(\"%s\") accepted\n", bad[i]);
		EXPECT_EQ_INT(rc, -EINVAL);
		EXPECT_EQ_UINT(level, 12345);
	}
	EXPECT_EQ_INT(eal_log_parse_level(NULL, &level), -EINVAL);
	EXPECT_EQ_INT(eal_log_parse_level("debug", NULL), -EINVAL);
}

int
main(void)
{
	test_defaults();
	test_constructor_registration();
	test_filtering();
	test_vlog();
	test_register();
	test_set_level_errors();
	test_set_level_pattern_regexp();
	test_saved_options();
	test_cur_msg();
	test_default_stream();
	test_fork_while_logging();
	test_dump_and_list();
	test_concurrent_logging();
	test_parse_level();
	return test_report();
}
