/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Which mempool driver ("ops") packet buffer pools use.
 *
 * rte_pktmbuf_pool_create() asks rte_mbuf_best_mempool_ops(), which picks
 * the first of:
 *   1. the user's choice: rte_mbuf_set_user_mempool_ops(), else the EAL
 *      option --mbuf-pool-ops-name;
 *   2. the platform's choice: rte_mbuf_set_platform_mempool_ops() (a
 *      hardware pool driver would set it);
 *   3. RTE_MBUF_DEFAULT_MEMPOOL_OPS ("ring_mp_mc", rte_config.h).
 *
 * The two choices are kept in memzones ("mbuf_user_pool_ops",
 * "mbuf_platform_pool_ops", as in DPDK), so every process of an instance
 * sees what one of them set. The setters take the shared named-list lock;
 * the getters return a pointer into the memzone, valid for the life of
 * the instance (a later set changes the text it points at).
 */
#ifndef _RTE_MBUF_POOL_OPS_H_
#define _RTE_MBUF_POOL_OPS_H_

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Sets the platform's mempool driver for mbuf pools, once per instance.
 *
 * @param ops_name
 *   A driver name (not checked against the registered drivers).
 * @return
 *   0 (also when the same name is set again), or a negative errno:
 *   -EINVAL (NULL or empty name), -ENAMETOOLONG (RTE_MEMPOOL_OPS_NAMESIZE
 *   characters or more), -EEXIST (another name is already set; logged),
 *   or the memzone error (-ENOMEM, -ENOSPC).
 */
int rte_mbuf_set_platform_mempool_ops(const char *ops_name);

/**
 * Returns the platform's mempool driver for mbuf pools.
 *
 * @return
 *   The name, or NULL when none was set.
 */
const char *rte_mbuf_platform_mempool_ops(void);

/**
 * Sets the user's mempool driver for mbuf pools (it may be set again).
 *
 * @param ops_name
 *   A driver name (not checked against the registered drivers).
 * @return
 *   0, or a negative errno: -EINVAL (NULL or empty name), -ENAMETOOLONG
 *   (RTE_MEMPOOL_OPS_NAMESIZE characters or more), or the memzone error
 *   (-ENOMEM, -ENOSPC).
 */
int rte_mbuf_set_user_mempool_ops(const char *ops_name);

/**
 * Returns the user's mempool driver for mbuf pools.
 *
 * @return
 *   The name set by rte_mbuf_set_user_mempool_ops(), else the EAL option
 *   --mbuf-pool-ops-name, else NULL.
 */
const char *rte_mbuf_user_mempool_ops(void);

/**
 * Returns the mempool driver mbuf pools should use (see the file
 * comment for the order).
 *
 * @return
 *   A driver name, never NULL.
 */
const char *rte_mbuf_best_mempool_ops(void);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_MBUF_POOL_OPS_H_ */
