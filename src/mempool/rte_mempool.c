/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rte_mempool.c: pool creation, population, free, inspection, user-owned
 * caches, event callbacks and the debug-mode checks (rte_mempool.h).
 *
 * Shared memory: a pool is a named object (named_object.h): memzone
 * "MP_<name>" holding struct rte_mempool, its RTE_MAX_LCORE caches and
 * the private data, listed in the shared "RTE_MEMPOOL" tailq. Its
 * objects live in memzones "MP_<name>_<k>" (populate_default) or in
 * memory the application gives; the chunk headers (struct
 * rte_mempool_memhdr) and the object list are in the shared heap, so
 * any process can walk them. populate_anon memory is process-private.
 *
 * Object layout: [header_size bytes | elt_size | trailer_size], the
 * struct rte_mempool_objhdr in the last bytes of the header. A pool in
 * debug mode (RTMEM_MEMPOOL_F_DEBUG, or RTMEM_MEMPOOL_DEBUG=1 in the
 * environment) also has a header cookie right before the objhdr and a
 * trailer cookie right after the element: COOKIE1 while the object is in
 * the pool, COOKIE2 while it is handed out.
 *
 * Locks: creation and free go through named_object.c (tailq lock);
 * population is done by the pool's creator before the pool is used; the
 * event callback list is process-private, under its own mutex.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/queue.h>
#include <unistd.h>

#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_mempool.h>
#include <rte_tailq.h>
#include <rtmem.h>

#include "eal/eal_options.h"
#include "internal/rtmem_export.h"
#include "malloc/named_object.h"
#include "mem/mem_private.h"
#include "mempool/mempool_private.h"

_Static_assert(RTMEM_MEMPOOL_F_DEBUG == __RTE_MEMPOOL_F_DEBUG &&
	       RTMEM_MEMPOOL_F_STATS == __RTE_MEMPOOL_F_STATS,
	       "rtmem.h and rte_mempool.h agree on the flags");
_Static_assert(offsetof(struct rte_mempool, name) == 0,
	       "named objects keep their name at offset 0");

static struct rte_tailq_elem mempool_tailq = {
	.name = RTE_TAILQ_MEMPOOL_NAME,
};
EAL_REGISTER_TAILQ(mempool_tailq)

/* Set on a debug-mode pool's header once the pool is freed. */
#define MEMPOOL_F_FREED 0x80000000u

/* Flags a create call accepts. */
#define MEMPOOL_CREATE_FLAGS (RTE_MEMPOOL_VALID_USER_FLAGS | \
			      RTMEM_MEMPOOL_F_DEBUG | RTMEM_MEMPOOL_F_STATS)

/* ------------------------------------------------------------------ */
/* sizes                                                               */

static unsigned int
gcd(unsigned int a, unsigned int b)
{
	while (b != 0) {
		unsigned int t = a % b;

		a = b;
		b = t;
	}
	return a;
}

RTMEM_EXPORT uint32_t
rte_mempool_calc_obj_size(uint32_t elt_size, uint32_t flags,
			  struct rte_mempool_objsz *sz)
{
	struct rte_mempool_objsz s;
	int debug = (flags & RTMEM_MEMPOOL_F_DEBUG) != 0;

	s.header_size = sizeof(struct rte_mempool_objhdr) +
			(debug ? sizeof(uint64_t) : 0);
	if (flags & RTE_MEMPOOL_F_NO_CACHE_ALIGN)
		s.header_size = RTE_ALIGN_CEIL(s.header_size, sizeof(uint64_t));
	else
		s.header_size = RTE_ALIGN_CEIL(s.header_size, RTE_MEMPOOL_ALIGN);
	s.elt_size = RTE_ALIGN_CEIL(elt_size, sizeof(uint64_t));
	s.trailer_size = debug ? sizeof(struct rte_mempool_objtlr) : 0;
	if (!(flags & RTE_MEMPOOL_F_NO_CACHE_ALIGN)) {
		uint32_t total = s.header_size + s.elt_size + s.trailer_size;
		uint32_t lines = (total + RTE_MEMPOOL_ALIGN_MASK) /
				 RTE_MEMPOOL_ALIGN;

		if (!(flags & RTE_MEMPOOL_F_NO_SPREAD)) {
			/*
			 * Spread objects over memory channels and ranks: a
			 * line count coprime with channels x ranks starts
			 * consecutive objects on different channels.
			 */
			unsigned int nch = rte_memory_get_nchannel();
			unsigned int nrk = rte_memory_get_nrank();
			unsigned int spread = (nch ? nch : 4) * (nrk ? nrk : 1);

			while (gcd(lines, spread) != 1)
				lines++;
		}
		s.trailer_size = lines * RTE_MEMPOOL_ALIGN - s.header_size -
				 s.elt_size;
	}
	s.total_size = s.header_size + s.elt_size + s.trailer_size;
	if (sz != NULL)
		*sz = s;
	return s.total_size;
}

RTMEM_EXPORT int
rte_mempool_get_page_size(struct rte_mempool *mp, size_t *pg_sz)
{
	if (mp == NULL || pg_sz == NULL)
		return -EINVAL;
	if (mp->flags & RTE_MEMPOOL_F_NO_IOVA_CONTIG) {
		*pg_sz = 0;
		return 0;
	}
	/*
	 * Objects of a pool in rtmem's memory never need to respect page
	 * boundaries: memzones are IOVA-contiguous where IOVAs matter (the
	 * IOVA is the VA, or the pages are hugepages reserved contiguous).
	 * Only memory given to populate_virt uses the given page size.
	 */
	*pg_sz = 0;
	return 0;
}

/* ------------------------------------------------------------------ */
/* events                                                              */

struct event_cb {
	TAILQ_ENTRY(event_cb) next;
	rte_mempool_event_callback *func;
	void *user_data;
};

static TAILQ_HEAD(, event_cb) event_cbs = TAILQ_HEAD_INITIALIZER(event_cbs);
static pthread_mutex_t event_lock = PTHREAD_MUTEX_INITIALIZER;

static void
fire_event(enum rte_mempool_event event, struct rte_mempool *mp)
{
	struct event_cb *cb, *next;

	pthread_mutex_lock(&event_lock);
	for (cb = TAILQ_FIRST(&event_cbs); cb != NULL; cb = next) {
		next = TAILQ_NEXT(cb, next);
		/* The callback may unregister itself: do not hold the lock. */
		pthread_mutex_unlock(&event_lock);
		cb->func(event, mp, cb->user_data);
		pthread_mutex_lock(&event_lock);
	}
	pthread_mutex_unlock(&event_lock);
}

RTMEM_EXPORT int
rte_mempool_event_callback_register(rte_mempool_event_callback *func,
				    void *user_data)
{
	struct event_cb *cb;
	int ret = 0;

	if (func == NULL) {
		rte_errno = EINVAL;
		return -EINVAL;
	}
	pthread_mutex_lock(&event_lock);
	TAILQ_FOREACH(cb, &event_cbs, next)
		if (cb->func == func && cb->user_data == user_data)
			ret = -EEXIST;
	if (ret == 0) {
		cb = calloc(1, sizeof(*cb));
		if (cb == NULL) {
			ret = -ENOMEM;
		} else {
			cb->func = func;
			cb->user_data = user_data;
			TAILQ_INSERT_TAIL(&event_cbs, cb, next);
		}
	}
	pthread_mutex_unlock(&event_lock);
	rte_errno = -ret;
	return ret;
}

RTMEM_EXPORT int
rte_mempool_event_callback_unregister(rte_mempool_event_callback *func,
				      void *user_data)
{
	struct event_cb *cb;
	int ret = -ENOENT;

	pthread_mutex_lock(&event_lock);
	TAILQ_FOREACH(cb, &event_cbs, next) {
		if (cb->func == func && cb->user_data == user_data) {
			TAILQ_REMOVE(&event_cbs, cb, next);
			free(cb);
			ret = 0;
			break;
		}
	}
	pthread_mutex_unlock(&event_lock);
	rte_errno = -ret;
	return ret;
}

/* ------------------------------------------------------------------ */
/* creation                                                            */

struct create_args {
	unsigned int n, cache_size, private_data_size, flags;
	struct rte_mempool_objsz sz;
	int socket_id;
	int ops_index;
};

/*
 * Whether new pools poison the objects they hold (ASan builds): only in
 * an instance no other process can share (__RTE_MEMPOOL_F_ASAN_POISON).
 */
static bool
mempool_asan_poisons(void)
{
#ifdef __RTE_MEMPOOL_ASAN
	const struct eal_options *o = eal_options_get();

	return o->in_memory || o->no_shconf;
#else
	return false;
#endif
}

/* The default driver for the flags (the seed lessons' table). */
static const char *
default_ops_name(unsigned int flags)
{
	int sp = (flags & RTE_MEMPOOL_F_SP_PUT) != 0;
	int sc = (flags & RTE_MEMPOOL_F_SC_GET) != 0;

	if (sp && sc)
		return "ring_sp_sc";
	if (sp)
		return "ring_sp_mc";
	if (sc)
		return "ring_mp_sc";
	return "ring_mp_mc";
}

static int
pool_init(void *obj, const struct rte_memzone *mz, void *arg)
{
	const struct create_args *a = arg;
	struct rte_mempool *mp = obj;

	memset((char *)mp + RTE_MEMPOOL_NAMESIZE, 0,
	       RTE_MEMPOOL_HEADER_SIZE(mp, a->cache_size) +
	       a->private_data_size - RTE_MEMPOOL_NAMESIZE);
	mp->mz = mz;
	mp->flags = a->flags | RTE_MEMPOOL_F_NON_IO |
		    (a->cache_size == 0 ? __RTE_MEMPOOL_F_NO_CACHE : 0) |
		    (mempool_asan_poisons() ? __RTE_MEMPOOL_F_ASAN_POISON : 0);
	mp->socket_id = a->socket_id;
	mp->size = a->n;
	mp->cache_size = a->cache_size;
	mp->elt_size = a->sz.elt_size;
	mp->header_size = a->sz.header_size;
	mp->trailer_size = a->sz.trailer_size;
	mp->private_data_size = a->private_data_size;
	mp->ops_index = a->ops_index;
	STAILQ_INIT(&mp->elt_list);
	STAILQ_INIT(&mp->mem_list);
	if (a->cache_size != 0) {
		mp->local_cache = (struct rte_mempool_cache *)(mp + 1);
		for (unsigned int i = 0; i < RTE_MAX_LCORE; i++) {
			mp->local_cache[i].size = a->cache_size;
			mp->local_cache[i].flushthresh = a->cache_size;
		}
	}
	return 0;
}

/* Whether the environment variable `name` is "1". */
static int
env_on(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && strcmp(v, "1") == 0;
}

RTMEM_EXPORT struct rte_mempool *
rte_mempool_create_empty(const char *name, unsigned n, unsigned elt_size,
			 unsigned cache_size, unsigned private_data_size,
			 int socket_id, unsigned flags)
{
	struct create_args a = {
		.n = n, .cache_size = cache_size,
		.private_data_size = private_data_size, .socket_id = socket_id,
	};
	const char *shown = name != NULL ? name : "(null)";
	struct rte_mempool *mp;
	size_t size;

	if ((flags & ~MEMPOOL_CREATE_FLAGS) != 0) {
		MEMPOOL_LOG(ERR, "mempool %s: unknown flags %#x", shown,
			    flags & ~MEMPOOL_CREATE_FLAGS);
		rte_errno = EINVAL;
		return NULL;
	}
	if (n == 0 || cache_size > RTE_MEMPOOL_CACHE_MAX_SIZE ||
	    cache_size > n) {
		MEMPOOL_LOG(ERR, "mempool %s: %u objects with a cache of %u "
			    "(need n > 0 and cache <= min(n, %d))", shown, n,
			    cache_size, RTE_MEMPOOL_CACHE_MAX_SIZE);
		rte_errno = EINVAL;
		return NULL;
	}
	if (env_on("RTMEM_MEMPOOL_DEBUG"))
		flags |= RTMEM_MEMPOOL_F_DEBUG;
	if (env_on("RTMEM_MEMPOOL_STATS") || (flags & RTMEM_MEMPOOL_F_DEBUG))
		flags |= RTMEM_MEMPOOL_F_STATS;
	/* As in DPDK, the private area is a whole number of lines. */
	private_data_size = RTE_ALIGN_CEIL(private_data_size,
					   RTE_MEMPOOL_ALIGN);
	a.private_data_size = private_data_size;
	/* NO_CACHE_ALIGN implies NO_SPREAD. */
	if (flags & RTE_MEMPOOL_F_NO_CACHE_ALIGN)
		flags |= RTE_MEMPOOL_F_NO_SPREAD;
	a.flags = flags;
	rte_mempool_calc_obj_size(elt_size, flags, &a.sz);
	a.ops_index = mempool_ops_find(default_ops_name(flags));
	if (a.ops_index < 0) {
		MEMPOOL_LOG(ERR, "mempool %s: no driver %s", shown,
			    default_ops_name(flags));
		rte_errno = ENOTSUP;
		return NULL;
	}
	size = RTE_MEMPOOL_HEADER_SIZE(mp, cache_size) + private_data_size;
	mp = named_object_create(&mempool_tailq, "mempool",
				 RTE_MEMPOOL_MZ_PREFIX, name,
				 RTE_MEMPOOL_NAMESIZE, size, socket_id, 0,
				 pool_init, &a);
	return mp;
}

RTMEM_EXPORT struct rte_mempool *
rte_mempool_create(const char *name, unsigned n, unsigned elt_size,
		   unsigned cache_size, unsigned private_data_size,
		   rte_mempool_ctor_t *mp_init, void *mp_init_arg,
		   rte_mempool_obj_cb_t *obj_init, void *obj_init_arg,
		   int socket_id, unsigned flags)
{
	struct rte_mempool *mp;
	int ret;

	mp = rte_mempool_create_empty(name, n, elt_size, cache_size,
				      private_data_size, socket_id, flags);
	if (mp == NULL)
		return NULL;
	if (mp_init != NULL)
		mp_init(mp, mp_init_arg);
	ret = rte_mempool_populate_default(mp);
	if (ret < 0) {
		rte_mempool_free(mp);
		rte_errno = -ret;
		return NULL;
	}
	if (obj_init != NULL)
		rte_mempool_obj_iter(mp, obj_init, obj_init_arg);
	return mp;
}

/* ------------------------------------------------------------------ */
/* population                                                          */

/* Library callback for each laid-out object (obj is the element). */
static void
add_elem(struct rte_mempool *mp, void *opaque, void *obj, rte_iova_t iova)
{
	struct rte_mempool_objhdr *hdr = rte_mempool_get_header(obj);

	RTE_SET_USED(opaque);
	hdr->mp = mp;
	hdr->iova = iova;
	STAILQ_INSERT_TAIL(&mp->elt_list, hdr, next);
	mp->populated_size++;
	if (mp->flags & RTMEM_MEMPOOL_F_DEBUG) {
		*mempool_hdr_cookie(obj) = RTE_MEMPOOL_HEADER_COOKIE1;
		rte_mempool_get_trailer(obj)->cookie =
			RTE_MEMPOOL_TRAILER_COOKIE;
	}
	__rte_mempool_asan_mark(mp, &obj, 1, 1);
}

RTMEM_EXPORT int
rte_mempool_populate_iova(struct rte_mempool *mp, char *vaddr,
			  rte_iova_t iova, size_t len,
			  rte_mempool_memchunk_free_cb_t *free_cb,
			  void *opaque)
{
	struct rte_mempool_memhdr *memhdr;
	size_t off;
	int ret;

	if (mp == NULL || vaddr == NULL)
		return -EINVAL;
	if (!(mp->flags & RTE_MEMPOOL_F_POOL_CREATED)) {
		ret = rte_mempool_ops_alloc(mp);
		if (ret < 0) {
			MEMPOOL_LOG(ERR, "mempool %s: its driver cannot create "
				    "its store (%s)", mp->name,
				    rte_strerror(-ret));
			return ret;
		}
		mp->flags |= RTE_MEMPOOL_F_POOL_CREATED;
	}
	if (mp->populated_size >= mp->size)
		return -ENOSPC;
	memhdr = rte_zmalloc("MEMPOOL_MEMHDR", sizeof(*memhdr), 0);
	if (memhdr == NULL)
		return -ENOMEM;
	memhdr->mp = mp;
	memhdr->addr = vaddr;
	memhdr->iova = iova;
	memhdr->len = len;
	memhdr->free_cb = free_cb;
	memhdr->opaque = opaque;
	if (mp->flags & RTE_MEMPOOL_F_NO_CACHE_ALIGN)
		off = RTE_PTR_ALIGN_CEIL(vaddr, sizeof(uint64_t)) - vaddr;
	else
		off = RTE_PTR_ALIGN_CEIL(vaddr, RTE_MEMPOOL_ALIGN) - vaddr;
	if (off > len) {
		rte_free(memhdr);
		return 0;
	}
	ret = rte_mempool_ops_populate(mp, mp->size - mp->populated_size,
			vaddr + off,
			iova == RTE_BAD_IOVA ? RTE_BAD_IOVA : iova + off,
			len - off, add_elem, NULL);
	if (ret <= 0) {
		rte_free(memhdr);
		return ret;
	}
	STAILQ_INSERT_TAIL(&mp->mem_list, memhdr, next);
	mp->nb_mem_chunks++;
	if (iova != RTE_BAD_IOVA && !(mp->flags & RTE_MEMPOOL_F_NO_IOVA_CONTIG))
		mp->flags &= ~RTE_MEMPOOL_F_NON_IO;
	if (mp->populated_size == mp->size)
		fire_event(RTE_MEMPOOL_EVENT_READY, mp);
	return ret;
}

/* Undo a partial population: free every chunk (objects included). */
static void
free_chunks(struct rte_mempool *mp)
{
	struct rte_mempool_memhdr *memhdr;

	/* The driver's store goes with the objects. */
	while ((memhdr = STAILQ_FIRST(&mp->mem_list)) != NULL) {
		STAILQ_REMOVE_HEAD(&mp->mem_list, next);
#ifdef __RTE_MEMPOOL_ASAN
		/* Objects in the pool were poisoned; the memory is freed. */
		ASAN_UNPOISON_MEMORY_REGION(memhdr->addr, memhdr->len);
#endif
		if (memhdr->free_cb != NULL)
			memhdr->free_cb(memhdr, memhdr->opaque);
		rte_free(memhdr);
		mp->nb_mem_chunks--;
	}
	STAILQ_INIT(&mp->elt_list);
	mp->populated_size = 0;
}

RTMEM_EXPORT int
rte_mempool_populate_virt(struct rte_mempool *mp, char *addr, size_t len,
			  size_t pg_sz,
			  rte_mempool_memchunk_free_cb_t *free_cb,
			  void *opaque)
{
	size_t off, run;
	int ret, cnt = 0;

	if (mp == NULL || addr == NULL)
		return -EINVAL;
	if (pg_sz == 0 || (mp->flags & RTE_MEMPOOL_F_NO_IOVA_CONTIG))
		return rte_mempool_populate_iova(mp, addr, RTE_BAD_IOVA, len,
						 free_cb, opaque);
	if (pg_sz > UINT32_MAX || !rte_is_power_of_2((uint32_t)pg_sz) ||
	    RTE_PTR_ALIGN_CEIL(addr, pg_sz) != addr)
		return -EINVAL;
	/* One populate_iova per run of IOVA-contiguous pages. */
	for (off = 0; off < len && mp->populated_size < mp->size; off += run) {
		rte_iova_t iova = rte_mem_virt2iova(addr + off);

		for (run = pg_sz; off + run < len; run += pg_sz) {
			rte_iova_t next = rte_mem_virt2iova(addr + off + run);

			if (iova == RTE_BAD_IOVA || next != iova + run)
				break;
		}
		if (off + run > len)
			run = len - off;
		/* Only the first chunk carries the free callback. */
		ret = rte_mempool_populate_iova(mp, addr + off, iova, run,
						cnt == 0 ? free_cb : NULL,
						cnt == 0 ? opaque : NULL);
		if (ret == -ENOSPC)
			break;
		if (ret < 0) {
			free_chunks(mp);
			return ret;
		}
		cnt += ret;
	}
	return cnt;
}

/*
 * An upper bound of the bytes the instance can still give a memzone on
 * socket_id (SOCKET_ID_ANY: any): free heap memory plus what each memory
 * type may still commit. A pool that needs more fails at once instead of
 * committing all the memory there is before failing.
 */
static size_t
memory_left(int socket_id)
{
	const struct mem_config *cfg = mem_cfg();
	size_t left = 0;

	if (cfg == NULL)
		return SIZE_MAX;
	for (unsigned int t = 0; t < cfg->n_types; t++) {
		const struct mem_type *mt = &cfg->type[t];
		struct rte_malloc_socket_stats st;

		if (socket_id != SOCKET_ID_ANY && mt->socket_id != socket_id)
			continue;
		if (!cfg->legacy_mem)
			left += mt->va_len - __atomic_load_n(&mt->committed,
							     __ATOMIC_ACQUIRE);
		if (rte_malloc_get_socket_stats(mt->socket_id, &st) == 0)
			left += st.heap_freesz_bytes;
	}
	return left;
}

static void
free_memzone_chunk(struct rte_mempool_memhdr *memhdr, void *opaque)
{
	RTE_SET_USED(memhdr);
	rte_memzone_free(opaque);
}

RTMEM_EXPORT int
rte_mempool_populate_default(struct rte_mempool *mp)
{
	char mz_name[RTE_MEMZONE_NAMESIZE];
	size_t min_chunk, align;
	ssize_t mem_size;
	unsigned int k;
	int ret;

	if (mp == NULL)
		return -EINVAL;
	if (mp->nb_mem_chunks != 0)
		return -EEXIST;
	for (k = 0; mp->populated_size < mp->size; k++) {
		const struct rte_memzone *mz;
		uint32_t want = mp->size - mp->populated_size;

		if ((size_t)snprintf(mz_name, sizeof(mz_name),
				     RTE_MEMPOOL_MZ_FORMAT "_%u", mp->name, k) >=
		    sizeof(mz_name)) {
			MEMPOOL_LOG(ERR, "mempool %s: memzone name %s_%u too "
				    "long", mp->name, mp->name, k);
			ret = -ENAMETOOLONG;
			goto fail;
		}
		mem_size = rte_mempool_ops_calc_mem_size(mp, want, 0,
							 &min_chunk, &align);
		if (mem_size < 0) {
			ret = (int)mem_size;
			goto fail;
		}
		if ((size_t)mem_size > memory_left(mp->socket_id)) {
			MEMPOOL_LOG(ERR, "mempool %s: %u more objects need %zd "
				    "bytes, more than the memory left", mp->name,
				    want, mem_size);
			ret = -ENOMEM;
			goto fail;
		}
		/* Whole, or halves down to one object, as memory allows. */
		do {
			mz = rte_memzone_reserve_aligned(mz_name,
					(size_t)mem_size, mp->socket_id, 0,
					(unsigned int)align);
			if (mz != NULL || rte_errno != ENOMEM ||
			    (size_t)mem_size <= min_chunk)
				break;
			mem_size = RTE_MAX((ssize_t)min_chunk, mem_size / 2);
		} while (1);
		if (mz == NULL) {
			ret = -rte_errno;
			goto fail;
		}
		ret = rte_mempool_populate_iova(mp, mz->addr,
				(mp->flags & RTE_MEMPOOL_F_NO_IOVA_CONTIG) ?
					RTE_BAD_IOVA : mz->iova,
				mz->len, free_memzone_chunk, (void *)mz);
		if (ret <= 0) {
			rte_memzone_free(mz);
			if (ret == 0)
				ret = -ENOBUFS;
			goto fail;
		}
	}
	return (int)mp->size;
fail:
	free_chunks(mp);
	return ret;
}

static void
free_anon_chunk(struct rte_mempool_memhdr *memhdr, void *opaque)
{
	munmap(opaque, memhdr->len + (size_t)((char *)memhdr->addr -
					      (char *)opaque));
}

RTMEM_EXPORT int
rte_mempool_populate_anon(struct rte_mempool *mp)
{
	size_t min_chunk, align, pg = (size_t)sysconf(_SC_PAGESIZE);
	ssize_t size;
	void *addr;
	int ret;

	if (mp == NULL || mp->nb_mem_chunks != 0) {
		rte_errno = EINVAL;
		return 0;
	}
	size = rte_mempool_ops_calc_mem_size(mp, mp->size, 0, &min_chunk,
					     &align);
	if (size < 0) {
		rte_errno = (int)-size;
		return 0;
	}
	size = (ssize_t)RTE_ALIGN_CEIL((size_t)size + align, pg);
	addr = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (addr == MAP_FAILED) {
		rte_errno = ENOMEM;
		return 0;
	}
	ret = rte_mempool_populate_iova(mp, addr, RTE_BAD_IOVA, (size_t)size,
					free_anon_chunk, addr);
	if (ret <= 0) {
		munmap(addr, (size_t)size);
		rte_errno = ret == 0 ? ENOBUFS : -ret;
		return 0;
	}
	if ((uint32_t)ret != mp->size) {
		free_chunks(mp);
		rte_errno = ENOBUFS;
		return 0;
	}
	return ret;
}

/* ------------------------------------------------------------------ */
/* free, iterators, counts                                             */

RTMEM_EXPORT void
rte_mempool_free(struct rte_mempool *mp)
{
	if (mp == NULL)
		return;
	fire_event(RTE_MEMPOOL_EVENT_DESTROY, mp);
	/* Take the pool off the list first: no lookup finds it any more. */
	if (named_object_unlist(&mempool_tailq, "mempool", mp, NULL) != 0)
		return;
	free_chunks(mp);
	if (mp->flags & RTE_MEMPOOL_F_POOL_CREATED)
		rte_mempool_ops_free(mp);
	if (mp->flags & RTMEM_MEMPOOL_F_DEBUG) {
		/*
		 * Debug mode: keep the header (its name is free again), so
		 * that a late get or put finds it marked freed and is refused
		 * rather than writing into reused memory.
		 */
		mp->flags |= MEMPOOL_F_FREED;
		memzone_forget(mp->mz);
		return;
	}
	rte_memzone_free(mp->mz);
}

RTMEM_EXPORT uint32_t
rte_mempool_obj_iter(struct rte_mempool *mp, rte_mempool_obj_cb_t *obj_cb,
		     void *obj_cb_arg)
{
	struct rte_mempool_objhdr *hdr;
	uint32_t n = 0;

	STAILQ_FOREACH(hdr, &mp->elt_list, next) {
		void *obj = hdr + 1;
#ifdef __RTE_MEMPOOL_ASAN
		/*
		 * The callback may touch objects sitting in the pool: open
		 * them for it, and close again those that were in the pool.
		 */
		int in_pool = __asan_address_is_poisoned(obj);

		__rte_mempool_asan_mark(mp, &obj, 1, 0);
		obj_cb(mp, obj_cb_arg, obj, n);
		if (in_pool)
			__rte_mempool_asan_mark(mp, &obj, 1, 1);
#else
		obj_cb(mp, obj_cb_arg, obj, n);
#endif
		n++;
	}
	return n;
}

RTMEM_EXPORT uint32_t
rte_mempool_mem_iter(struct rte_mempool *mp, rte_mempool_mem_cb_t *mem_cb,
		     void *mem_cb_arg)
{
	struct rte_mempool_memhdr *memhdr;
	uint32_t n = 0;

	STAILQ_FOREACH(memhdr, &mp->mem_list, next)
		mem_cb(mp, mem_cb_arg, memhdr, n++);
	return n;
}

RTMEM_EXPORT unsigned int
rte_mempool_avail_count(const struct rte_mempool *mp)
{
	unsigned int count = rte_mempool_ops_get_count(mp);

	if (mp->cache_size != 0)
		for (unsigned int i = 0; i < RTE_MAX_LCORE; i++)
			count += __atomic_load_n(&mp->local_cache[i].len,
						 __ATOMIC_RELAXED);
	return count > mp->size ? mp->size : count;
}

RTMEM_EXPORT unsigned int
rte_mempool_in_use_count(const struct rte_mempool *mp)
{
	return mp->size - rte_mempool_avail_count(mp);
}

/* ------------------------------------------------------------------ */
/* user-owned caches                                                   */

RTMEM_EXPORT struct rte_mempool_cache *
rte_mempool_cache_create(uint32_t size, int socket_id)
{
	struct rte_mempool_cache *cache;

	if (size == 0 || size > RTE_MEMPOOL_CACHE_MAX_SIZE) {
		MEMPOOL_LOG(ERR, "mempool cache: size %u not in [1, %d]",
			    size, RTE_MEMPOOL_CACHE_MAX_SIZE);
		rte_errno = EINVAL;
		return NULL;
	}
	cache = rte_zmalloc_socket("MEMPOOL_CACHE", sizeof(*cache),
				   RTE_CACHE_LINE_SIZE, socket_id);
	if (cache == NULL) {
		MEMPOOL_LOG(ERR, "mempool cache: no memory");
		rte_errno = ENOMEM;
		return NULL;
	}
	cache->size = size;
	cache->flushthresh = size;
	return cache;
}

RTMEM_EXPORT void
rte_mempool_cache_free(struct rte_mempool_cache *cache)
{
	rte_free(cache);
}

/* ------------------------------------------------------------------ */
/* lookup, walk, dump, audit                                           */

RTMEM_EXPORT struct rte_mempool *
rte_mempool_lookup(const char *name)
{
	return named_object_lookup(&mempool_tailq, name, RTE_MEMPOOL_NAMESIZE);
}

struct walk_args {
	void (*func)(struct rte_mempool *, void *);
	void *arg;
};

static void
walk_one(void *obj, void *arg)
{
	const struct walk_args *w = arg;

	w->func(obj, w->arg);
}

RTMEM_EXPORT void
rte_mempool_walk(void (*func)(struct rte_mempool *, void *arg), void *arg)
{
	struct walk_args w = { func, arg };

	if (func != NULL)
		named_object_walk(&mempool_tailq, walk_one, &w);
}

RTMEM_EXPORT void
rte_mempool_dump(FILE *f, struct rte_mempool *mp)
{
	struct rte_mempool_debug_stats sum;
	unsigned int cached = 0;

	if (f == NULL || mp == NULL)
		return;
	fprintf(f, "mempool <%s>@%p\n", mp->name, (void *)mp);
	fprintf(f, "  flags=%x\n", mp->flags);
	fprintf(f, "  socket_id=%d\n", mp->socket_id);
	fprintf(f, "  pool=%p\n", mp->pool_data);
	fprintf(f, "  ops=%s\n", rte_mempool_get_ops(mp->ops_index)->name);
	fprintf(f, "  nb_mem_chunks=%u\n", mp->nb_mem_chunks);
	fprintf(f, "  size=%" PRIu32 "\n", mp->size);
	fprintf(f, "  populated_size=%" PRIu32 "\n", mp->populated_size);
	fprintf(f, "  header_size=%" PRIu32 "\n", mp->header_size);
	fprintf(f, "  elt_size=%" PRIu32 "\n", mp->elt_size);
	fprintf(f, "  trailer_size=%" PRIu32 "\n", mp->trailer_size);
	fprintf(f, "  total_obj_size=%" PRIu32 "\n",
		mp->header_size + mp->elt_size + mp->trailer_size);
	fprintf(f, "  private_data_size=%u\n", mp->private_data_size);
	fprintf(f, "  cache_size=%" PRIu32 "\n", mp->cache_size);
	for (unsigned int i = 0; mp->cache_size != 0 && i < RTE_MAX_LCORE; i++) {
		const struct rte_mempool_cache *c = &mp->local_cache[i];

		if (c->len != 0 || c->stats.put_bulk != 0 ||
		    c->stats.get_success_bulk != 0)
			fprintf(f, "    cache_count[%u]=%" PRIu32 " puts=%" PRIu64
				" gets=%" PRIu64 "\n", i, c->len,
				c->stats.put_objs, c->stats.get_success_objs);
		cached += c->len;
	}
	fprintf(f, "    total_cache_count=%u\n", cached);
	fprintf(f, "  common_pool_count=%u\n", rte_mempool_ops_get_count(mp));
	memset(&sum, 0, sizeof(sum));
	for (unsigned int i = 0; i <= RTE_MAX_LCORE; i++) {
		const struct rte_mempool_debug_stats *s = &mp->stats[i];

		sum.put_bulk += s->put_bulk;
		sum.put_objs += s->put_objs;
		sum.put_common_pool_bulk += s->put_common_pool_bulk;
		sum.put_common_pool_objs += s->put_common_pool_objs;
		sum.get_common_pool_bulk += s->get_common_pool_bulk;
		sum.get_common_pool_objs += s->get_common_pool_objs;
		sum.get_success_bulk += s->get_success_bulk;
		sum.get_success_objs += s->get_success_objs;
		sum.get_fail_bulk += s->get_fail_bulk;
		sum.get_fail_objs += s->get_fail_objs;
		sum.get_success_blks += s->get_success_blks;
		sum.get_fail_blks += s->get_fail_blks;
	}
	fprintf(f, "  stats:\n");
	fprintf(f, "    put_bulk=%" PRIu64 "\n", sum.put_bulk);
	fprintf(f, "    put_objs=%" PRIu64 "\n", sum.put_objs);
	fprintf(f, "    put_common_pool_bulk=%" PRIu64 "\n",
		sum.put_common_pool_bulk);
	fprintf(f, "    put_common_pool_objs=%" PRIu64 "\n",
		sum.put_common_pool_objs);
	fprintf(f, "    get_common_pool_bulk=%" PRIu64 "\n",
		sum.get_common_pool_bulk);
	fprintf(f, "    get_common_pool_objs=%" PRIu64 "\n",
		sum.get_common_pool_objs);
	fprintf(f, "    get_success_bulk=%" PRIu64 "\n", sum.get_success_bulk);
	fprintf(f, "    get_success_objs=%" PRIu64 "\n", sum.get_success_objs);
	fprintf(f, "    get_fail_bulk=%" PRIu64 "\n", sum.get_fail_bulk);
	fprintf(f, "    get_fail_objs=%" PRIu64 "\n", sum.get_fail_objs);
	fprintf(f, "    get_success_blks=%" PRIu64 "\n", sum.get_success_blks);
	fprintf(f, "    get_fail_blks=%" PRIu64 "\n", sum.get_fail_blks);
}

static void
dump_listed(FILE *f, const void *obj)
{
	rte_mempool_dump(f, (struct rte_mempool *)(uintptr_t)obj);
}

RTMEM_EXPORT void
rte_mempool_list_dump(FILE *f)
{
	if (f != NULL)
		named_object_list_dump(&mempool_tailq, f, dump_listed);
}

RTMEM_EXPORT void
rte_mempool_audit(struct rte_mempool *mp)
{
	struct rte_mempool_objhdr *hdr;

	for (unsigned int i = 0; mp->cache_size != 0 && i < RTE_MAX_LCORE; i++)
		if (mp->local_cache[i].len > mp->local_cache[i].size)
			rte_panic("mempool %s: cache of lcore %u holds %u "
				  "objects, more than its size %u\n", mp->name,
				  i, mp->local_cache[i].len,
				  mp->local_cache[i].size);
	if (!(mp->flags & RTMEM_MEMPOOL_F_DEBUG))
		return;
	STAILQ_FOREACH(hdr, &mp->elt_list, next) {
		void *obj = hdr + 1;
		uint64_t c = *mempool_hdr_cookie(obj);

		if (c != RTE_MEMPOOL_HEADER_COOKIE1 &&
		    c != RTE_MEMPOOL_HEADER_COOKIE2)
			rte_panic("mempool %s: object %p has a bad header "
				  "cookie %#" PRIx64 "\n", mp->name, obj, c);
		if (rte_mempool_get_trailer(obj)->cookie !=
		    RTE_MEMPOOL_TRAILER_COOKIE)
			rte_panic("mempool %s: object %p was written past its "
				  "%u bytes\n", mp->name, obj, mp->elt_size);
	}
}

/* ------------------------------------------------------------------ */
/* debug mode                                                          */

/*
 * Whether obj is a handed-out object of mp with an intact trailer
 * (logged when not). Only for debug-mode pools.
 */
static int
check_put(const struct rte_mempool *mp, void *obj)
{
	const struct rte_mempool_memhdr *memhdr;
	int inside = 0;
	uint64_t c;

	/* A pointer into one of the pool's chunks, at an element. */
	STAILQ_FOREACH(memhdr, &mp->mem_list, next) {
		if ((char *)obj >= (char *)memhdr->addr &&
		    (char *)obj < (char *)memhdr->addr + memhdr->len) {
			inside = 1;
			break;
		}
	}
	if (!inside || rte_mempool_from_obj(obj) != mp) {
		MEMPOOL_LOG(ERR, "mempool %s: put of %p, which is not one of "
			    "its objects", mp->name, obj);
		return 0;
	}
	c = *mempool_hdr_cookie(obj);
	if (c == RTE_MEMPOOL_HEADER_COOKIE1) {
		MEMPOOL_LOG(ERR, "mempool %s: double put of object %p",
			    mp->name, obj);
		return 0;
	}
	if (c != RTE_MEMPOOL_HEADER_COOKIE2) {
		MEMPOOL_LOG(ERR, "mempool %s: object %p has a bad header "
			    "cookie %#" PRIx64, mp->name, obj, c);
		return 0;
	}
	if (rte_mempool_get_trailer(obj)->cookie != RTE_MEMPOOL_TRAILER_COOKIE) {
		MEMPOOL_LOG(ERR, "mempool %s: object %p was written past its "
			    "%u bytes", mp->name, obj, mp->elt_size);
		return 0;
	}
	return 1;
}

RTMEM_EXPORT void
rte_mempool_check_cookies(const struct rte_mempool *mp,
			  void * const *obj_table_const, unsigned n, int free)
{
	if (!(mp->flags & RTMEM_MEMPOOL_F_DEBUG))
		return;
	for (unsigned int i = 0; i < n; i++) {
		void *obj = obj_table_const[i];

		if (free) {
			/* Just got: it was in the pool. */
			if (*mempool_hdr_cookie(obj) != RTE_MEMPOOL_HEADER_COOKIE1)
				rte_panic("mempool %s: got object %p, which "
					  "was not in the pool\n", mp->name, obj);
			*mempool_hdr_cookie(obj) = RTE_MEMPOOL_HEADER_COOKIE2;
		} else if (!check_put(mp, obj)) {
			rte_panic("mempool %s: bad put of %p\n", mp->name, obj);
		}
	}
}

RTMEM_EXPORT void
rte_mempool_contig_blocks_check_cookies(const struct rte_mempool *mp,
		void * const *first_obj_table_const, unsigned int n, int free)
{
	struct rte_mempool_info info;
	size_t total = (size_t)mp->header_size + mp->elt_size +
		       mp->trailer_size;

	if (!(mp->flags & RTMEM_MEMPOOL_F_DEBUG))
		return;
	if (rte_mempool_ops_get_info(mp, &info) < 0)
		return;
	for (unsigned int i = 0; i < n; i++)
		for (unsigned int j = 0; j < info.contig_block_size; j++) {
			void *obj = RTE_PTR_ADD(first_obj_table_const[i],
						j * total);

			rte_mempool_check_cookies(mp, &obj, 1, free);
		}
}

/* Cache statistics, for pools that keep statistics. */
#define CACHE_STAT(mp, cache, name, n) do {                    \
		if ((mp)->flags & RTMEM_MEMPOOL_F_STATS)        \
			RTE_MEMPOOL_CACHE_STAT_ADD(cache, name, n); \
	} while (0)

/* A put that bypasses the debug checks (objects already checked). */
static void
put_checked(struct rte_mempool *mp, void * const *obj_table, unsigned int n,
	    struct rte_mempool_cache *cache)
{
	uint32_t half;

	__rte_mempool_asan_mark(mp, obj_table, n, 1);
	if (cache == NULL) {
		RTE_MEMPOOL_STAT_ADD(mp, put_bulk, 1);
		RTE_MEMPOOL_STAT_ADD(mp, put_objs, n);
		rte_mempool_ops_enqueue_bulk(mp, obj_table, n);
		return;
	}
	CACHE_STAT(mp, cache, put_bulk, 1);
	CACHE_STAT(mp, cache, put_objs, n);
	if (cache->len + n <= cache->size) {
		memcpy(&cache->objs[cache->len], obj_table, sizeof(void *) * n);
		cache->len += n;
		return;
	}
	half = cache->size / 2;
	if (n > half) {
		rte_mempool_ops_enqueue_bulk(mp, obj_table, n);
		return;
	}
	/* The bottom (oldest) half goes back to the driver. */
	rte_mempool_ops_enqueue_bulk(mp, cache->objs, half);
	memmove(cache->objs, &cache->objs[half],
		sizeof(void *) * (cache->len - half));
	cache->len -= half;
	memcpy(&cache->objs[cache->len], obj_table, sizeof(void *) * n);
	cache->len += n;
}

RTMEM_EXPORT void
rtmem_mempool_put_slow(struct rte_mempool *mp, void * const *obj_table,
		       unsigned int n, struct rte_mempool_cache *cache)
{
	if (unlikely(mp->flags & MEMPOOL_F_FREED)) {
		MEMPOOL_LOG(ERR, "mempool %s: put of %u object(s) (%p ...) "
			    "after the pool was freed; refused", mp->name, n,
			    n > 0 ? obj_table[0] : NULL);
		return;
	}
	if (!(mp->flags & RTMEM_MEMPOOL_F_DEBUG)) {
		put_checked(mp, obj_table, n, cache);
		return;
	}
	/* Debug mode: check each object; refuse the bad ones (logged). */
	for (unsigned int i = 0; i < n; i++) {
		void *obj = obj_table[i];

		if (!check_put(mp, obj))
			continue;
		*mempool_hdr_cookie(obj) = RTE_MEMPOOL_HEADER_COOKIE1;
		put_checked(mp, &obj, 1, cache);
	}
}

/* A get without the debug bookkeeping. */
static int
get_unchecked(struct rte_mempool *mp, void **obj_table, unsigned int n,
	      struct rte_mempool_cache *cache)
{
	unsigned int remaining, len, i, half;
	int ret;

	if (cache == NULL) {
		ret = rte_mempool_ops_dequeue_bulk(mp, obj_table, n);
		if (ret < 0) {
			RTE_MEMPOOL_STAT_ADD(mp, get_fail_bulk, 1);
			RTE_MEMPOOL_STAT_ADD(mp, get_fail_objs, n);
			return ret;
		}
		RTE_MEMPOOL_STAT_ADD(mp, get_success_bulk, 1);
		RTE_MEMPOOL_STAT_ADD(mp, get_success_objs, n);
		return 0;
	}
	len = cache->len;
	if (n <= len) {
		for (i = 0; i < n; i++)
			obj_table[i] = cache->objs[len - 1 - i];
		cache->len = len - n;
		goto done;
	}
	/* The whole cache first (most recent first), then the rest. */
	for (i = 0; i < len; i++)
		obj_table[i] = cache->objs[len - 1 - i];
	remaining = n - len;
	half = cache->size / 2;
	if (remaining <= half) {
		/* Refill the cache with half of it and take the rest there. */
		ret = rte_mempool_ops_dequeue_bulk(mp, cache->objs, half);
		if (ret >= 0) {
			for (i = 0; i < remaining; i++)
				obj_table[len + i] = cache->objs[half - 1 - i];
			cache->len = half - remaining;
			goto done;
		}
	}
	ret = rte_mempool_ops_dequeue_bulk(mp, &obj_table[len], remaining);
	if (ret < 0) {
		/* Nothing handed out: the cache gets its objects back. */
		for (i = 0; i < len; i++)
			cache->objs[len - 1 - i] = obj_table[i];
		cache->len = len;
		RTE_MEMPOOL_STAT_ADD(mp, get_fail_bulk, 1);
		RTE_MEMPOOL_STAT_ADD(mp, get_fail_objs, n);
		return ret;
	}
	cache->len = 0;
done:
	CACHE_STAT(mp, cache, get_success_bulk, 1);
	CACHE_STAT(mp, cache, get_success_objs, n);
	return 0;
}

RTMEM_EXPORT int
rtmem_mempool_get_slow(struct rte_mempool *mp, void **obj_table,
		       unsigned int n, struct rte_mempool_cache *cache)
{
	int ret;

	if (unlikely(mp->flags & MEMPOOL_F_FREED)) {
		MEMPOOL_LOG(ERR, "mempool %s: get after the pool was freed; "
			    "refused", mp->name);
		return -ENOENT;
	}
	ret = get_unchecked(mp, obj_table, n, cache);

	if (ret < 0)
		return ret;
	__rte_mempool_asan_mark(mp, obj_table, n, 0);
	if (mp->flags & RTMEM_MEMPOOL_F_DEBUG)
		rte_mempool_check_cookies(mp, obj_table, n, 1);
	return 0;
}
