/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mbuf_pool_ops.c: the user's and the platform's choice of mempool driver
 * for mbuf pools (rte_mbuf_pool_ops.h).
 *
 * Shared memory: each choice is a NUL-terminated name in its own memzone
 * of RTE_MEMPOOL_OPS_NAMESIZE bytes, "mbuf_user_pool_ops" and
 * "mbuf_platform_pool_ops" (DPDK's names), created by the first set in
 * any process. An absent memzone means "not set"; the memzones are never
 * freed, so the strings the getters return stay valid.
 *
 * Locks: sets and gets take the shared named-list lock
 * (rte_mcfg_tailq_write_lock(), recursive, survives a dead holder), so a
 * getter never sees a memzone whose name is not written yet. Lock order:
 * TAILQ, then the memzone lock taken inside rte_memzone_*().
 *
 * Who may call: any thread of any process.
 */
#include <errno.h>
#include <string.h>

#include <rte_config.h>
#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_mbuf_pool_ops.h>
#include <rte_mempool.h>
#include <rte_memzone.h>

#include "internal/rtmem_export.h"
#include "mbuf/mbuf_private.h"

#define USER_MZ "mbuf_user_pool_ops"
#define PLATFORM_MZ "mbuf_platform_pool_ops"

/* 0 when name is a usable ops name, else the negative errno. */
static int
check_name(const char *name)
{
	size_t len;

	if (name == NULL)
		return -EINVAL;
	len = strnlen(name, RTE_MEMPOOL_OPS_NAMESIZE);
	if (len == 0)
		return -EINVAL;
	if (len == RTE_MEMPOOL_OPS_NAMESIZE)
		return -ENAMETOOLONG;
	return 0;
}

/* The name kept in memzone mz_name, or NULL. Under the lock. */
static const char *
read_name(const char *mz_name)
{
	const struct rte_memzone *mz;
	const char *name = NULL;

	rte_mcfg_tailq_write_lock();
	mz = rte_memzone_lookup(mz_name);
	if (mz != NULL && ((const char *)mz->addr)[0] != '\0')
		name = mz->addr;
	rte_mcfg_tailq_write_unlock();
	return name;
}

/*
 * Writes name into memzone mz_name, creating it. With once, a different
 * name already there is refused with -EEXIST.
 */
static int
write_name(const char *mz_name, const char *name, int once)
{
	const struct rte_memzone *mz;
	int ret = check_name(name);

	if (ret != 0)
		return ret;
	rte_mcfg_tailq_write_lock();
	mz = rte_memzone_lookup(mz_name);
	if (mz == NULL) {
		mz = rte_memzone_reserve(mz_name, RTE_MEMPOOL_OPS_NAMESIZE,
					 SOCKET_ID_ANY, 0);
		if (mz == NULL) {
			ret = -rte_errno;
			goto out;
		}
		memset(mz->addr, 0, RTE_MEMPOOL_OPS_NAMESIZE);
	}
	if (once && ((char *)mz->addr)[0] != '\0') {
		if (strcmp(mz->addr, name) != 0) {
			MBUF_LOG(ERR, "platform mbuf pool ops already set to "
				 "\"%s\"; \"%s\" refused",
				 (const char *)mz->addr, name);
			ret = -EEXIST;
		}
		goto out;
	}
	/*
	 * A getter's caller may still be reading the old name through its
	 * pointer; it sees the text change under it, as with DPDK.
	 */
	memset(mz->addr, 0, RTE_MEMPOOL_OPS_NAMESIZE);
	strcpy(mz->addr, name);
out:
	rte_mcfg_tailq_write_unlock();
	return ret;
}

RTMEM_EXPORT int
rte_mbuf_set_platform_mempool_ops(const char *ops_name)
{
	return write_name(PLATFORM_MZ, ops_name, 1);
}

RTMEM_EXPORT const char *
rte_mbuf_platform_mempool_ops(void)
{
	return read_name(PLATFORM_MZ);
}

RTMEM_EXPORT int
rte_mbuf_set_user_mempool_ops(const char *ops_name)
{
	return write_name(USER_MZ, ops_name, 0);
}

RTMEM_EXPORT const char *
rte_mbuf_user_mempool_ops(void)
{
	const char *name = read_name(USER_MZ);

	return name != NULL ? name : rte_eal_mbuf_user_pool_ops();
}

RTMEM_EXPORT const char *
rte_mbuf_best_mempool_ops(void)
{
	const char *name = rte_mbuf_user_mempool_ops();

	if (name == NULL)
		name = rte_mbuf_platform_mempool_ops();
	return name != NULL ? name : RTE_MBUF_DEFAULT_MEMPOOL_OPS;
}
