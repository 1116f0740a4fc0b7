/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fbarray.c: rte_fbarray, fixed-size arrays of equal elements with a used
 * bitmap, shareable between processes (contracts in rte_fbarray.h and
 * fbarray_private.h).
 *
 * Storage (arr->data), fbarray_storage_size(len, elt_sz) bytes:
 *
 *   data                                      data + elements_size()
 *   | element 0 | element 1 | ... | element len-1 |pad| bitmap word 0 | ...
 *
 *   The elements take len * elt_sz bytes, padded to a multiple of 8 so the
 *   bitmap of uint64_t words is aligned. Bit i % 64 of word i / 64 is set
 *   when element i is used; bits past len stay clear. arr->count is the
 *   number of set bits.
 *
 * Where the storage comes from:
 *   file-backed  "<runtime dir>/fbarray_<name>", page-rounded, mapped
 *                MAP_SHARED by rte_fbarray_init() and, at the same address,
 *                by rte_fbarray_attach() in other processes;
 *   anonymous    MAP_SHARED|MAP_ANONYMOUS when the process has no runtime
 *                directory (no EAL, --in-memory, --no-shconf): shared with
 *                forked children only;
 *   caller's     fbarray_init_at(): memory the caller owns (the memseg
 *                lists in the shared config); this file maps nothing.
 *
 * Who has a file mapped: every process that maps the file holds an OFD
 * read lock on the whole file, through a descriptor kept open as long as
 * the mapping lives. rte_fbarray_init() takes an OFD write lock first, so
 * a name in use anywhere fails with EEXIST; rte_fbarray_destroy() upgrades
 * its read lock to a write lock, so it fails with EBUSY while any other
 * process has the array mapped. OFD locks belong to an open file
 * description, not to a process, so two descriptors in one process
 * conflict too; a forked child shares its parent's descriptions (and
 * locks) until it detaches and attaches again.
 *
 * Process-local state: `mappings`, the list of mappings this process made
 * (file-backed and anonymous), each with its lock descriptor, under
 * mappings_lock. Detach and destroy find their mapping there by address;
 * attach refuses an address this process has mapped already.
 *
 * Locking: arr->rwlock lives in the descriptor (shared memory when the
 * descriptor is). Queries hold it for reading, set_used/set_free for
 * writing; it guards count and the bitmap. rte_fbarray_get() and
 * rte_fbarray_find_idx() take no lock: len, elt_sz and data are fixed
 * between init and destroy. mappings_lock is never held together with an
 * rwlock.
 *
 * Who may call: any thread of a process that has the array mapped. As in
 * DPDK, rte_fbarray_init() and rte_fbarray_destroy() must not race with
 * any other use of the array; attach and detach affect only the calling
 * process, which must not use the array concurrently from other threads.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_fbarray.h>
#include <rte_rwlock.h>

#include "internal/rtmem_export.h"
#include "internal/rtmem_log.h"
#include "mem/fbarray_private.h"
#include "mem/mem_internal.h"

#define WORD_BITS 64u

/* A mapping made by init or attach in this process. */
struct fbarray_mapping {
	struct fbarray_mapping *next;
	void *addr;
	size_t len;
	int fd; /* holds the OFD read lock on the file; -1 when anonymous */
};

static pthread_mutex_t mappings_lock = PTHREAD_MUTEX_INITIALIZER;
static struct fbarray_mapping *mappings; /* under mappings_lock */

/* ------------------------------------------------------------------ */
/* errors                                                              */

/* Logs one line, sets rte_errno to err and returns -1. */
static int __attribute__((format(printf, 2, 3)))
fbarray_fail(int err, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	EAL_LOG(ERR, "%s", msg);
	rte_errno = err;
	return -1;
}

/*
 * Checks the arguments that define an array, logging the reason with the
 * caller's name. Returns 0, EINVAL or ENAMETOOLONG.
 */
static int
check_geometry(const char *caller, const char *name, unsigned int len,
	       unsigned int elt_sz)
{
	if (name == NULL || name[0] == '\0') {
		EAL_LOG(ERR, "%s: fbarray name is %s", caller,
			name == NULL ? "NULL" : "empty");
		return EINVAL;
	}
	if (strnlen(name, RTE_FBARRAY_NAME_LEN) == RTE_FBARRAY_NAME_LEN) {
		EAL_LOG(ERR, "%s: fbarray name %.*s... is too long (max %d)",
			caller, RTE_FBARRAY_NAME_LEN - 1, name,
			RTE_FBARRAY_NAME_LEN - 1);
		return ENAMETOOLONG;
	}
	if (len == 0 || len > INT_MAX || elt_sz == 0) {
		EAL_LOG(ERR, "%s: fbarray %s: bad len %u or elt_sz %u", caller,
			name, len, elt_sz);
		return EINVAL;
	}
	return 0;
}

/* Checks arr and an index into it; 0, or -1 with rte_errno EINVAL. */
static int
check_index(const char *caller, const struct rte_fbarray *arr,
	    unsigned int idx)
{
	if (arr == NULL)
		return fbarray_fail(EINVAL, "%s: NULL fbarray", caller);
	if (idx >= arr->len)
		return fbarray_fail(EINVAL,
				    "%s: fbarray %.*s: index %u out of range (len %u)",
				    caller, RTE_FBARRAY_NAME_LEN, arr->name,
				    idx, arr->len);
	return 0;
}

/* ------------------------------------------------------------------ */
/* storage                                                             */

static size_t
elements_size(unsigned int len, unsigned int elt_sz)
{
	return RTE_ALIGN_CEIL((size_t)len * elt_sz, sizeof(uint64_t));
}

static size_t
bitmap_words(unsigned int len)
{
	return ((size_t)len + WORD_BITS - 1) / WORD_BITS;
}

size_t
fbarray_storage_size(unsigned int len, unsigned int elt_sz)
{
	return elements_size(len, elt_sz) + bitmap_words(len) * sizeof(uint64_t);
}

static size_t
mapping_size(unsigned int len, unsigned int elt_sz)
{
	return RTE_ALIGN_CEIL(fbarray_storage_size(len, elt_sz),
			      (size_t)sysconf(_SC_PAGESIZE));
}

static uint64_t *
used_bitmap(const struct rte_fbarray *arr)
{
	return RTE_PTR_ADD(arr->data, elements_size(arr->len, arr->elt_sz));
}

/* "<runtime dir>/fbarray_<name>"; 0, -ENOENT (no runtime dir) or -errno. */
static int
backing_file_path(char *buf, size_t size, const char *name)
{
	char file[sizeof("fbarray_") + RTE_FBARRAY_NAME_LEN];

	snprintf(file, sizeof(file), "fbarray_%s", name);
	return mem_runtime_path(buf, size, file);
}

/* Records a mapping; caller holds mappings_lock. 0 or -ENOMEM. */
static int
mapping_add(void *addr, size_t len, int fd)
{
	struct fbarray_mapping *m = malloc(sizeof(*m));

	if (m == NULL)
		return -ENOMEM;
	*m = (struct fbarray_mapping){ .next = mappings, .addr = addr,
				       .len = len, .fd = fd };
	mappings = m;
	return 0;
}

/* The link that points to the mapping at addr, or NULL; under the lock. */
static struct fbarray_mapping **
mapping_find(const void *addr)
{
	for (struct fbarray_mapping **link = &mappings; *link != NULL;
	     link = &(*link)->next)
		if ((*link)->addr == addr)
			return link;
	return NULL;
}

/* Whether [addr, addr + len) meets a recorded mapping; under the lock. */
static bool
mapping_overlaps(const void *addr, size_t len)
{
	uintptr_t lo = (uintptr_t)addr, hi = lo + len;

	for (const struct fbarray_mapping *m = mappings; m != NULL; m = m->next)
		if (lo < (uintptr_t)m->addr + m->len && (uintptr_t)m->addr < hi)
			return true;
	return false;
}

/* Unlinks *link from the list, unmaps it, closes its descriptor. */
static void
mapping_remove(struct fbarray_mapping **link)
{
	struct fbarray_mapping *m = *link;

	*link = m->next;
	munmap(m->addr, m->len);
	if (m->fd >= 0)
		close(m->fd);
	free(m);
}

/*
 * Creates (or takes over an unused, stale) backing file at path, len bytes
 * of zeros, maps it and leaves an OFD read lock on it. Returns the mapping
 * with its descriptor in *fd, or NULL with rte_errno set (logged). The
 * file is removed again on failures after this call owned it.
 */
static void *
backing_file_create(const char *name, const char *path, size_t len, int *fd)
{
	void *data;
	int err;

	*fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0600);
	if (*fd < 0) {
		fbarray_fail(errno, "fbarray %s: cannot create %s: %s", name,
			     path, strerror(errno));
		return NULL;
	}
	/* any lock held elsewhere means a live array of this name */
	err = -ofd_lock(*fd, F_WRLCK, 0, 0);
	if (err != 0) {
		close(*fd);
		if (err == EAGAIN)
			fbarray_fail(EEXIST, "fbarray %s: in use by another process or descriptor (%s)",
				     name, path);
		else
			fbarray_fail(err, "fbarray %s: cannot lock %s: %s",
				     name, path, strerror(err));
		return NULL;
	}
	/* empty it first: a file left by a dead process starts over as zeros */
	if (ftruncate(*fd, 0) != 0 || ftruncate(*fd, (off_t)len) != 0) {
		err = errno;
		EAL_LOG(ERR, "fbarray %s: cannot size %s to %zu bytes: %s",
			name, path, len, strerror(err));
		goto fail;
	}
	data = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, *fd, 0);
	if (data == MAP_FAILED) {
		err = errno;
		EAL_LOG(ERR, "fbarray %s: cannot map %zu bytes of %s: %s",
			name, len, path, strerror(err));
		goto fail;
	}
	/* downgrade: others may now attach, but not re-create or destroy */
	err = -ofd_lock(*fd, F_RDLCK, 0, 0);
	if (err != 0) {
		EAL_LOG(ERR, "fbarray %s: cannot downgrade the lock on %s: %s",
			name, path, strerror(err));
		munmap(data, len);
		goto fail;
	}
	return data;
fail:
	unlink(path);
	close(*fd);
	rte_errno = err;
	return NULL;
}

/* Fills a descriptor whose storage (zeroed) is at data. */
static void
descriptor_fill(struct rte_fbarray *arr, const char *name, unsigned int len,
		unsigned int elt_sz, void *data)
{
	size_t name_size = strlen(name) + 1;

	/* memmove: name may be arr->name itself (a re-init) */
	memmove(arr->name, name, name_size);
	memset(arr->name + name_size, 0, sizeof(arr->name) - name_size);
	arr->count = 0;
	arr->len = len;
	arr->elt_sz = elt_sz;
	arr->data = data;
	rte_rwlock_init(&arr->rwlock);
}

/* ------------------------------------------------------------------ */
/* life cycle                                                          */

RTMEM_EXPORT int
rte_fbarray_init(struct rte_fbarray *arr, const char *name, unsigned int len,
		 unsigned int elt_sz)
{
	char path[PATH_MAX];
	void *data;
	size_t map_len;
	int fd = -1, rc;

	if (arr == NULL)
		return fbarray_fail(EINVAL, "%s: NULL fbarray", __func__);
	rc = check_geometry(__func__, name, len, elt_sz);
	if (rc != 0) {
		rte_errno = rc;
		return -1;
	}
	map_len = mapping_size(len, elt_sz);

	rc = backing_file_path(path, sizeof(path), name);
	if (rc == -ENOENT) {
		/* no runtime directory: memory shared with forked children only */
		data = mmap(NULL, map_len, PROT_READ | PROT_WRITE,
			    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (data == MAP_FAILED)
			return fbarray_fail(ENOMEM,
					    "fbarray %s: cannot map %zu bytes: %s",
					    name, map_len, strerror(errno));
	} else if (rc < 0) {
		return fbarray_fail(-rc, "fbarray %s: no path for its file: %s",
				    name, strerror(-rc));
	} else {
		data = backing_file_create(name, path, map_len, &fd);
		if (data == NULL)
			return -1;
	}

	pthread_mutex_lock(&mappings_lock);
	rc = mapping_add(data, map_len, fd);
	pthread_mutex_unlock(&mappings_lock);
	if (rc != 0) {
		munmap(data, map_len);
		if (fd >= 0) {
			unlink(path);
			close(fd);
		}
		return fbarray_fail(ENOMEM, "fbarray %s: out of memory", name);
	}
	/* fresh files and anonymous memory read as zeros: all elements free */
	descriptor_fill(arr, name, len, elt_sz, data);
	return 0;
}

int
fbarray_init_at(struct rte_fbarray *arr, const char *name, unsigned int len,
		unsigned int elt_sz, void *mem)
{
	if (arr == NULL || mem == NULL || (uintptr_t)mem % sizeof(uint64_t)) {
		EAL_LOG(ERR, "%s: NULL or misaligned descriptor or storage",
			__func__);
		return -EINVAL;
	}
	if (check_geometry(__func__, name, len, elt_sz) != 0)
		return -EINVAL;
	descriptor_fill(arr, name, len, elt_sz, mem);
	return 0;
}

RTMEM_EXPORT int
rte_fbarray_attach(struct rte_fbarray *arr)
{
	char path[PATH_MAX];
	struct stat st;
	void *data;
	size_t map_len;
	int fd, rc;

	if (arr == NULL)
		return fbarray_fail(EINVAL, "%s: NULL fbarray", __func__);
	rc = check_geometry(__func__, arr->name, arr->len, arr->elt_sz);
	if (rc != 0) {
		rte_errno = rc;
		return -1;
	}
	if (arr->data == NULL)
		return fbarray_fail(EINVAL, "%s: fbarray %s has no storage",
				    __func__, arr->name);
	map_len = mapping_size(arr->len, arr->elt_sz);
	rc = backing_file_path(path, sizeof(path), arr->name);
	if (rc < 0)
		return fbarray_fail(-rc, "%s: fbarray %s: no path for its file: %s",
				    __func__, arr->name,
				    rc == -ENOENT ? "this process has no runtime directory"
						  : strerror(-rc));

	/* held throughout, so that the overlap check stays true until added */
	pthread_mutex_lock(&mappings_lock);
	if (mapping_overlaps(arr->data, map_len)) {
		rc = fbarray_fail(EEXIST, "%s: fbarray %s: already mapped here",
				  __func__, arr->name);
		goto out;
	}
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		rc = fbarray_fail(errno, "%s: fbarray %s: cannot open %s: %s",
				  __func__, arr->name, path, strerror(errno));
		goto out;
	}
	/* a write lock is held while the array is created or destroyed */
	rc = ofd_lock(fd, F_RDLCK, 0, 0);
	if (rc != 0) {
		rc = fbarray_fail(rc == -EAGAIN ? EBUSY : -rc,
				  "%s: fbarray %s: cannot lock %s: %s", __func__,
				  arr->name, path,
				  rc == -EAGAIN ? "being created or destroyed"
						: strerror(-rc));
		goto close_fd;
	}
	if (fstat(fd, &st) != 0 || (size_t)st.st_size < map_len) {
		rc = fbarray_fail(EINVAL, "%s: fbarray %s: %s is shorter than the array",
				  __func__, arr->name, path);
		goto close_fd;
	}
	data = mmap(arr->data, map_len, PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_FIXED_NOREPLACE, fd, 0);
	if (data == MAP_FAILED || data != arr->data) {
		/* a kernel older than 4.17 takes the address as a hint only */
		int err = data == MAP_FAILED ? errno : EEXIST;

		if (data != MAP_FAILED)
			munmap(data, map_len);
		rc = fbarray_fail(err == EEXIST ? EADDRNOTAVAIL : err,
				  "%s: fbarray %s: cannot map %zu bytes at %p: %s",
				  __func__, arr->name, map_len, arr->data,
				  err == EEXIST ? "address in use" : strerror(err));
		goto close_fd;
	}
	if (mapping_add(data, map_len, fd) != 0) {
		munmap(data, map_len);
		rc = fbarray_fail(ENOMEM, "%s: fbarray %s: out of memory",
				  __func__, arr->name);
		goto close_fd;
	}
	rc = 0;
	goto out;
close_fd:
	close(fd);
out:
	pthread_mutex_unlock(&mappings_lock);
	return rc;
}

RTMEM_EXPORT int
rte_fbarray_detach(struct rte_fbarray *arr)
{
	struct fbarray_mapping **link;

	if (arr == NULL)
		return fbarray_fail(EINVAL, "%s: NULL fbarray", __func__);
	pthread_mutex_lock(&mappings_lock);
	link = mapping_find(arr->data);
	if (link != NULL)
		mapping_remove(link);
	pthread_mutex_unlock(&mappings_lock);
	if (link == NULL)
		return fbarray_fail(ENOENT, "%s: fbarray %.*s is not mapped by this process",
				    __func__, RTE_FBARRAY_NAME_LEN, arr->name);
	return 0;
}

RTMEM_EXPORT int
rte_fbarray_destroy(struct rte_fbarray *arr)
{
	struct fbarray_mapping **link;
	char path[PATH_MAX];
	int rc;

	if (arr == NULL)
		return fbarray_fail(EINVAL, "%s: NULL fbarray", __func__);
	pthread_mutex_lock(&mappings_lock);
	link = mapping_find(arr->data);
	if (link == NULL) {
		rc = fbarray_fail(ENOENT, "%s: fbarray %.*s is not mapped by this process",
				  __func__, RTE_FBARRAY_NAME_LEN, arr->name);
		goto out;
	}
	if ((*link)->fd >= 0) {
		int fd = (*link)->fd;

		/* upgrade: fails while any other description holds a read lock */
		rc = ofd_lock(fd, F_WRLCK, 0, 0);
		if (rc != 0) {
			rc = fbarray_fail(rc == -EAGAIN ? EBUSY : -rc,
					  "%s: fbarray %s: %s", __func__, arr->name,
					  rc == -EAGAIN ? "mapped by another process"
							: strerror(-rc));
			goto out;
		}
		rc = backing_file_path(path, sizeof(path), arr->name);
		if (rc == 0 && unlink(path) != 0)
			rc = -errno;
		if (rc != 0) {
			/* keep the array usable: back to the shared lock */
			ofd_lock(fd, F_RDLCK, 0, 0);
			rc = fbarray_fail(-rc, "%s: fbarray %s: cannot remove its file: %s",
					  __func__, arr->name, strerror(-rc));
			goto out;
		}
	}
	mapping_remove(link);
	/* as DPDK: the whole descriptor reads as zeros, so later calls fail */
	memset(arr, 0, sizeof(*arr));
	rc = 0;
out:
	pthread_mutex_unlock(&mappings_lock);
	return rc;
}

/* ------------------------------------------------------------------ */
/* elements                                                            */

RTMEM_EXPORT void *
rte_fbarray_get(const struct rte_fbarray *arr, unsigned int idx)
{
	if (check_index(__func__, arr, idx) != 0)
		return NULL;
	return RTE_PTR_ADD(arr->data, (size_t)idx * arr->elt_sz);
}

RTMEM_EXPORT int
rte_fbarray_find_idx(const struct rte_fbarray *arr, const void *elt)
{
	uintptr_t start, offset;

	if (arr == NULL || elt == NULL)
		return fbarray_fail(EINVAL, "%s: NULL fbarray or element",
				    __func__);
	start = (uintptr_t)arr->data;
	offset = (uintptr_t)elt - start;
	/* unsigned: an address below data wraps to a huge offset */
	if (offset >= (size_t)arr->len * arr->elt_sz)
		return fbarray_fail(EINVAL, "%s: fbarray %.*s: %p is not inside it",
				    __func__, RTE_FBARRAY_NAME_LEN, arr->name,
				    elt);
	/* as DPDK: any address inside an element gives its index */
	return (int)(offset / arr->elt_sz);
}

/* Marks idx used or free, keeping count; 0 or -1 with rte_errno EINVAL. */
static int
set_state(const char *caller, struct rte_fbarray *arr, unsigned int idx,
	  bool used)
{
	uint64_t *word, bit;

	if (check_index(caller, arr, idx) != 0)
		return -1;
	word = &used_bitmap(arr)[idx / WORD_BITS];
	bit = UINT64_C(1) << (idx % WORD_BITS);
	rte_rwlock_write_lock(&arr->rwlock);
	if (((*word & bit) != 0) != used) {
		*word ^= bit;
		if (used)
			arr->count++;
		else
			arr->count--;
	}
	rte_rwlock_write_unlock(&arr->rwlock);
	return 0;
}

RTMEM_EXPORT int
rte_fbarray_set_used(struct rte_fbarray *arr, unsigned int idx)
{
	return set_state(__func__, arr, idx, true);
}

RTMEM_EXPORT int
rte_fbarray_set_free(struct rte_fbarray *arr, unsigned int idx)
{
	return set_state(__func__, arr, idx, false);
}

RTMEM_EXPORT int
rte_fbarray_is_used(struct rte_fbarray *arr, unsigned int idx)
{
	int used;

	if (check_index(__func__, arr, idx) != 0)
		return -1;
	rte_rwlock_read_lock(&arr->rwlock);
	used = (used_bitmap(arr)[idx / WORD_BITS] >> (idx % WORD_BITS)) & 1;
	rte_rwlock_read_unlock(&arr->rwlock);
	return used;
}

/* ------------------------------------------------------------------ */
/* bitmap scans: the caller holds the read lock and passes valid bounds */

/*
 * Word w with a 1 for each element in state `used`. The bits past len
 * read as free; the scans below never look past their hi <= len.
 */
static uint64_t
state_bits(const struct rte_fbarray *arr, size_t w, bool used)
{
	uint64_t bits = used_bitmap(arr)[w];

	return used ? bits : ~bits;
}

/* Lowest index in [lo, hi) in state `used`, or hi. Needs lo < hi <= len. */
static unsigned int
first_in_state(const struct rte_fbarray *arr, unsigned int lo,
	       unsigned int hi, bool used)
{
	unsigned int w = lo / WORD_BITS, last_w = (hi - 1) / WORD_BITS;
	uint64_t bits = state_bits(arr, w, used) & (~UINT64_C(0) << (lo % WORD_BITS));

	while (bits == 0) {
		if (w == last_w)
			return hi;
		bits = state_bits(arr, ++w, used);
	}
	/* a match past hi in the last word counts as none */
	return RTE_MIN(w * WORD_BITS + (unsigned int)__builtin_ctzll(bits), hi);
}

/* Highest index in [lo, hi) in state `used`, or lo - 1. Needs lo < hi <= len. */
static int
last_in_state(const struct rte_fbarray *arr, unsigned int lo, unsigned int hi,
	      bool used)
{
	unsigned int w = (hi - 1) / WORD_BITS, last_w = lo / WORD_BITS;
	uint64_t bits = state_bits(arr, w, used) &
			(~UINT64_C(0) >> (WORD_BITS - 1 - (hi - 1) % WORD_BITS));
	int idx;

	while (bits == 0) {
		if (w == last_w)
			return (int)lo - 1;
		bits = state_bits(arr, --w, used);
	}
	idx = (int)(w * WORD_BITS + WORD_BITS - 1) - __builtin_clzll(bits);
	/* a match below lo in the last word counts as none */
	return RTE_MAX(idx, (int)lo - 1);
}

/* Lowest i >= start with [i, i + n) all in state `used` and inside, or -1. */
static int
next_run(const struct rte_fbarray *arr, unsigned int start, unsigned int n,
	 bool used)
{
	/* a run that fits must begin below limit; n <= len */
	unsigned int limit = arr->len - n + 1, lo = start;

	while (lo < limit) {
		unsigned int head = first_in_state(arr, lo, limit, used);
		unsigned int gap;

		if (head == limit)
			return -1;
		gap = first_in_state(arr, head, head + n, !used);
		if (gap == head + n)
			return (int)head;
		lo = gap + 1;
	}
	return -1;
}

/*
 * Lowest index of the highest run [i, i + n) in state `used` that ends at
 * or below start, or -1.
 */
static int
prev_run(const struct rte_fbarray *arr, unsigned int start, unsigned int n,
	 bool used)
{
	unsigned int hi = start + 1; /* search below hi */

	while (hi >= n) {
		int tail = last_in_state(arr, n - 1, hi, used);
		int gap;

		if (tail < (int)n - 1)
			return -1;
		gap = last_in_state(arr, tail - n + 1, tail + 1, !used);
		if (gap < tail - (int)n + 1)
			return tail - (int)n + 1;
		hi = gap;
	}
	return -1;
}

/* Start of the longest run in state `used` in [start, len), or -1. */
static int
biggest_run_up(const struct rte_fbarray *arr, unsigned int start, bool used)
{
	unsigned int lo = start, best_len = 0;
	int best = -1;

	while (lo < arr->len) {
		unsigned int head = first_in_state(arr, lo, arr->len, used);
		unsigned int end;

		if (head == arr->len)
			break;
		end = first_in_state(arr, head, arr->len, !used);
		if (end - head > best_len) { /* ties keep the lowest */
			best = (int)head;
			best_len = end - head;
		}
		lo = end;
	}
	return best;
}

/* Start of the longest run in state `used` in [0, start], or -1. */
static int
biggest_run_down(const struct rte_fbarray *arr, unsigned int start, bool used)
{
	int hi = (int)start + 1, best = -1, best_len = 0;

	while (hi > 0) {
		int tail = last_in_state(arr, 0, (unsigned int)hi, used);
		int below;

		if (tail < 0)
			break;
		below = last_in_state(arr, 0, (unsigned int)tail + 1, !used);
		if (tail - below > best_len) { /* ties keep the highest */
			best = below + 1;
			best_len = tail - below;
		}
		hi = below;
	}
	return best;
}

/* ------------------------------------------------------------------ */
/* searches                                                            */

/*
 * The find_{next,prev}[_n]_{free,used} calls: a run of n elements in state
 * `used` from start, upwards or downwards.
 */
static int
find_run(const char *caller, struct rte_fbarray *arr, unsigned int start,
	 unsigned int n, bool used, bool down)
{
	int idx, err = ENOENT;

	if (check_index(caller, arr, start) != 0)
		return -1;
	if (n == 0 || n > arr->len)
		return fbarray_fail(EINVAL, "%s: fbarray %.*s: n %u not in 1..%u",
				    caller, RTE_FBARRAY_NAME_LEN, arr->name, n,
				    arr->len);
	rte_rwlock_read_lock(&arr->rwlock);
	if (!used && arr->len - arr->count < n) {
		/* as DPDK: too few free elements in the whole array */
		err = ENOSPC;
		idx = -1;
	} else {
		idx = down ? prev_run(arr, start, n, used)
			   : next_run(arr, start, n, used);
	}
	rte_rwlock_read_unlock(&arr->rwlock);
	if (idx < 0)
		rte_errno = err;
	return idx;
}

/* The find_[rev_]contig_* calls: length of the run from start. */
static int
find_contig(const char *caller, struct rte_fbarray *arr, unsigned int start,
	    bool used, bool down)
{
	int n;

	if (check_index(caller, arr, start) != 0)
		return -1;
	rte_rwlock_read_lock(&arr->rwlock);
	if (down)
		n = (int)start - last_in_state(arr, 0, start + 1, !used);
	else
		n = (int)(first_in_state(arr, start, arr->len, !used) - start);
	rte_rwlock_read_unlock(&arr->rwlock);
	return n;
}

/* The find_[rev_]biggest_* calls. */
static int
find_biggest(const char *caller, struct rte_fbarray *arr, unsigned int start,
	     bool used, bool down)
{
	int idx;

	if (check_index(caller, arr, start) != 0)
		return -1;
	rte_rwlock_read_lock(&arr->rwlock);
	idx = down ? biggest_run_down(arr, start, used)
		   : biggest_run_up(arr, start, used);
	rte_rwlock_read_unlock(&arr->rwlock);
	if (idx < 0)
		rte_errno = ENOENT;
	return idx;
}

RTMEM_EXPORT int
rte_fbarray_find_next_free(struct rte_fbarray *arr, unsigned int start)
{
	return find_run(__func__, arr, start, 1, false, false);
}

RTMEM_EXPORT int
rte_fbarray_find_next_used(struct rte_fbarray *arr, unsigned int start)
{
	return find_run(__func__, arr, start, 1, true, false);
}

RTMEM_EXPORT int
rte_fbarray_find_next_n_free(struct rte_fbarray *arr, unsigned int start,
			     unsigned int n)
{
	return find_run(__func__, arr, start, n, false, false);
}

RTMEM_EXPORT int
rte_fbarray_find_next_n_used(struct rte_fbarray *arr, unsigned int start,
			     unsigned int n)
{
	return find_run(__func__, arr, start, n, true, false);
}

RTMEM_EXPORT int
rte_fbarray_find_prev_free(struct rte_fbarray *arr, unsigned int start)
{
	return find_run(__func__, arr, start, 1, false, true);
}

RTMEM_EXPORT int
rte_fbarray_find_prev_used(struct rte_fbarray *arr, unsigned int start)
{
	return find_run(__func__, arr, start, 1, true, true);
}

RTMEM_EXPORT int
rte_fbarray_find_prev_n_free(struct rte_fbarray *arr, unsigned int start,
			     unsigned int n)
{
	return find_run(__func__, arr, start, n, false, true);
}

RTMEM_EXPORT int
rte_fbarray_find_prev_n_used(struct rte_fbarray *arr, unsigned int start,
			     unsigned int n)
{
	return find_run(__func__, arr, start, n, true, true);
}

RTMEM_EXPORT int
rte_fbarray_find_contig_free(struct rte_fbarray *arr, unsigned int start)
{
	return find_contig(__func__, arr, start, false, false);
}

RTMEM_EXPORT int
rte_fbarray_find_contig_used(struct rte_fbarray *arr, unsigned int start)
{
	return find_contig(__func__, arr, start, true, false);
}

RTMEM_EXPORT int
rte_fbarray_find_rev_contig_free(struct rte_fbarray *arr, unsigned int start)
{
	return find_contig(__func__, arr, start, false, true);
}

RTMEM_EXPORT int
rte_fbarray_find_rev_contig_used(struct rte_fbarray *arr, unsigned int start)
{
	return find_contig(__func__, arr, start, true, true);
}

RTMEM_EXPORT int
rte_fbarray_find_biggest_free(struct rte_fbarray *arr, unsigned int start)
{
	return find_biggest(__func__, arr, start, false, false);
}

RTMEM_EXPORT int
rte_fbarray_find_biggest_used(struct rte_fbarray *arr, unsigned int start)
{
	return find_biggest(__func__, arr, start, true, false);
}

RTMEM_EXPORT int
rte_fbarray_find_rev_biggest_free(struct rte_fbarray *arr, unsigned int start)
{
	return find_biggest(__func__, arr, start, false, true);
}

RTMEM_EXPORT int
rte_fbarray_find_rev_biggest_used(struct rte_fbarray *arr, unsigned int start)
{
	return find_biggest(__func__, arr, start, true, true);
}

RTMEM_EXPORT void
rte_fbarray_dump_metadata(struct rte_fbarray *arr, FILE *f)
{
	const uint64_t *bitmap;

	if (arr == NULL || f == NULL) {
		fbarray_fail(EINVAL, "%s: NULL fbarray or stream", __func__);
		return;
	}
	if (arr->data == NULL ||
	    check_geometry(__func__, arr->name, arr->len, arr->elt_sz) != 0) {
		fprintf(f, "fbarray: invalid descriptor at %p\n", (void *)arr);
		return;
	}
	rte_rwlock_read_lock(&arr->rwlock);
	fprintf(f, "fbarray %s: len %u, used %u, elt_sz %u, data %p\n",
		arr->name, arr->len, arr->count, arr->elt_sz, arr->data);
	bitmap = used_bitmap(arr);
	for (size_t w = 0; w < bitmap_words(arr->len); w++)
		fprintf(f, "  used[%zu..%zu]: 0x%016" PRIx64 "\n",
			w * WORD_BITS, w * WORD_BITS + WORD_BITS - 1, bitmap[w]);
	rte_rwlock_read_unlock(&arr->rwlock);
}
