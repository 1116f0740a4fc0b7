/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * layout.c: what two processes must agree on to share memory, and the
 * check a secondary runs before it maps anything (multiprocess.md 6.8).
 *
 * DPDK compares only its version string, so two builds with a different
 * RTE_MAX_MEMZONE or cache line size attach "successfully" and corrupt
 * each other. rtmem records each fact that shapes the shared structures
 * (struct sizes, limits, cache line, pointer size, byte order, sanitizer,
 * libc) as a named item in the header, plus a hash of them all; a
 * secondary compares item by item and names the first that differs.
 *
 * Test hooks: RTMEM_TEST_FAKE_LAYOUT=<item>=<value> and
 * RTMEM_TEST_FAKE_VERSION=<string> change this build's view, so a test can
 * play a secondary from a different build.
 *
 * No state, no locks.
 */
#include <errno.h>
#include <gnu/libc-version.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_version.h>

#include "internal/rtmem_log.h"
#include "mem/mem_internal.h"

#if defined(__SANITIZE_ADDRESS__)
#define RTMEM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RTMEM_ASAN 1
#endif
#endif
#ifndef RTMEM_ASAN
#define RTMEM_ASAN 0
#endif

static uint64_t
fnv1a(uint64_t hash, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++) {
		hash ^= p[i];
		hash *= 0x100000001b3ull;
	}
	return hash;
}

static void
add_item(struct mem_header *h, const char *name, uint64_t value)
{
	struct mem_layout_item *item;

	if (h->n_layout >= MEM_LAYOUT_MAX_ITEMS)
		return; /* compile-time list below stays under the limit */
	item = &h->layout[h->n_layout++];
	snprintf(item->name, sizeof(item->name), "%s", name);
	item->value = value;
}

/* Apply RTMEM_TEST_FAKE_LAYOUT to the items just filled. */
static void
apply_fake_layout(struct mem_header *h)
{
	const char *fake = getenv("RTMEM_TEST_FAKE_LAYOUT");
	const char *eq;

	if (fake == NULL || (eq = strchr(fake, '=')) == NULL)
		return;
	for (uint32_t i = 0; i < h->n_layout; i++)
		if (strlen(h->layout[i].name) == (size_t)(eq - fake) &&
		    strncmp(h->layout[i].name, fake, (size_t)(eq - fake)) == 0)
			h->layout[i].value = strtoull(eq + 1, NULL, 0);
}

void
layout_fill(struct mem_header *h)
{
	const char *libc = gnu_get_libc_version();
	const char *fake_version = getenv("RTMEM_TEST_FAKE_VERSION");
	uint64_t hash = 0xcbf29ce484222325ull;
	const uint16_t one = 1;

	h->n_layout = 0;
	add_item(h, "header_format", MEM_HEADER_FORMAT);
	add_item(h, "sizeof_mem_config", sizeof(struct mem_config));
	add_item(h, "sizeof_malloc_elem", sizeof(struct malloc_elem));
	add_item(h, "sizeof_malloc_heap", sizeof(struct malloc_heap));
	add_item(h, "sizeof_memzone", sizeof(struct rte_memzone));
	add_item(h, "sizeof_memseg", sizeof(struct rte_memseg));
	add_item(h, "sizeof_memseg_list", sizeof(struct rte_memseg_list));
	add_item(h, "sizeof_tailq_head", sizeof(struct rte_tailq_head));
	add_item(h, "sizeof_shlock", sizeof(struct shlock));
	add_item(h, "max_memzone", RTE_MAX_MEMZONE);
	add_item(h, "max_lcore", RTE_MAX_LCORE);
	add_item(h, "max_numa_nodes", RTE_MAX_NUMA_NODES);
	add_item(h, "max_memseg_lists", RTE_MAX_MEMSEG_LISTS);
	add_item(h, "max_tailq", RTE_MAX_TAILQ);
	add_item(h, "max_heaps", RTE_MAX_HEAPS);
	add_item(h, "max_procs", MEM_MAX_PROCS);
	add_item(h, "cache_line_size", RTE_CACHE_LINE_SIZE);
	add_item(h, "pointer_size", sizeof(void *));
	add_item(h, "little_endian", *(const uint8_t *)&one);
	add_item(h, "asan", RTMEM_ASAN);
	add_item(h, "libc", fnv1a(0xcbf29ce484222325ull, libc, strlen(libc)));
	apply_fake_layout(h);
	for (uint32_t i = 0; i < h->n_layout; i++)
		hash = fnv1a(hash, &h->layout[i], sizeof(h->layout[i]));
	h->layout_hash = hash;
	snprintf(h->version, sizeof(h->version), "%s",
		 fake_version != NULL ? fake_version : rte_version());
}

int
layout_check(const struct mem_header *theirs)
{
	struct mem_header ours;

	memset(&ours, 0, sizeof(ours));
	layout_fill(&ours);
	if (strncmp(theirs->version, ours.version, sizeof(ours.version)) != 0) {
		EAL_LOG(ERR, "cannot attach: the primary runs %.64s, this "
			"process %s (field \"version\")", theirs->version,
			ours.version);
		return -EPROTO;
	}
	if (theirs->layout_hash == ours.layout_hash)
		return 0;
	for (uint32_t i = 0; i < ours.n_layout; i++) {
		const struct mem_layout_item *mine = &ours.layout[i];
		const struct mem_layout_item *other = NULL;

		for (uint32_t j = 0; j < theirs->n_layout &&
				     j < MEM_LAYOUT_MAX_ITEMS; j++)
			if (strncmp(theirs->layout[j].name, mine->name,
				    MEM_LAYOUT_NAMESIZE) == 0)
				other = &theirs->layout[j];
		if (other == NULL) {
			EAL_LOG(ERR, "cannot attach: the primary's build has "
				"no field \"%s\"", mine->name);
			return -EPROTO;
		}
		if (other->value != mine->value) {
			EAL_LOG(ERR, "cannot attach: field \"%s\" is %" PRIu64
				" in the primary's build and %" PRIu64
				" in this one", mine->name, other->value,
				mine->value);
			return -EPROTO;
		}
	}
	EAL_LOG(ERR, "cannot attach: the primary's build has fields this "
		"one lacks (layout hash %" PRIx64 " vs %" PRIx64 ")",
		theirs->layout_hash, ours.layout_hash);
	return -EPROTO;
}
