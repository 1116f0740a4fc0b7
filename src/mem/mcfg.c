/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mcfg.c: the public locks of the shared configuration
 * (rte_eal_memconfig.h), mapped onto the config's shlocks.
 *
 * DPDK's read/write locks become one exclusive recursive lock each: a
 * reader blocks other readers, which costs nothing on these control paths
 * and lets the lock survive a holder's death (internal/shlock.h). Before
 * the EAL is up (and it cannot be brought up) the calls do nothing.
 */
#include <stdbool.h>

#include <rte_eal_memconfig.h>

#include "eal/eal_private.h"
#include "internal/rtmem_export.h"
#include "mem/mem_private.h"

/* The lock at `offset` in the config, or NULL without a config. */
static struct shlock *
cfg_lock(size_t offset)
{
	struct mem_config *cfg;

	if (eal_ensure_init() < 0 || (cfg = mem_cfg()) == NULL)
		return NULL;
	return (struct shlock *)((char *)cfg + offset);
}

static void
take(size_t offset)
{
	struct shlock *lock = cfg_lock(offset);

	if (lock != NULL)
		shlock_lock(lock);
}

static void
release(size_t offset)
{
	struct mem_config *cfg = mem_cfg();

	if (cfg != NULL)
		shlock_unlock((struct shlock *)((char *)cfg + offset));
}

#define MEM_LOCK offsetof(struct mem_config, mem_lock)
#define TAILQ_LOCK offsetof(struct mem_config, tailq_lock)
#define MEMPOOL_LOCK offsetof(struct mem_config, mempool_lock)
#define TIMER_LOCK offsetof(struct mem_config, timer_lock)

RTMEM_EXPORT void rte_mcfg_mem_read_lock(void) { take(MEM_LOCK); }
RTMEM_EXPORT void rte_mcfg_mem_read_unlock(void) { release(MEM_LOCK); }
RTMEM_EXPORT void rte_mcfg_mem_write_lock(void) { take(MEM_LOCK); }
RTMEM_EXPORT void rte_mcfg_mem_write_unlock(void) { release(MEM_LOCK); }
RTMEM_EXPORT void rte_mcfg_tailq_read_lock(void) { take(TAILQ_LOCK); }
RTMEM_EXPORT void rte_mcfg_tailq_read_unlock(void) { release(TAILQ_LOCK); }
RTMEM_EXPORT void rte_mcfg_tailq_write_lock(void) { take(TAILQ_LOCK); }
RTMEM_EXPORT void rte_mcfg_tailq_write_unlock(void) { release(TAILQ_LOCK); }
RTMEM_EXPORT void rte_mcfg_mempool_read_lock(void) { take(MEMPOOL_LOCK); }
RTMEM_EXPORT void rte_mcfg_mempool_read_unlock(void) { release(MEMPOOL_LOCK); }
RTMEM_EXPORT void rte_mcfg_mempool_write_lock(void) { take(MEMPOOL_LOCK); }
RTMEM_EXPORT void rte_mcfg_mempool_write_unlock(void) { release(MEMPOOL_LOCK); }
RTMEM_EXPORT void rte_mcfg_timer_lock(void) { take(TIMER_LOCK); }
RTMEM_EXPORT void rte_mcfg_timer_unlock(void) { release(TIMER_LOCK); }

RTMEM_EXPORT bool
rte_mcfg_get_single_file_segments(void)
{
	struct mem_config *cfg = mem_cfg();

	return cfg != NULL && cfg->single_file_segments;
}
