/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * runtime.c: the runtime directory of a --file-prefix and the OFD lock
 * helpers the process protocol is built on.
 *
 * Where: DPDK's rule with rtmem's own directory name, so that rtmem never
 * touches a real DPDK's files: <base>/rtmem/<prefix>, base =
 * $RUNTIME_DIRECTORY (systemd), else /var/run for root, else
 * $XDG_RUNTIME_DIR, else /tmp. Unlike DPDK, each level we create must be a
 * directory we own that nobody else can write to, and no level may be a
 * symlink (decision D6): a shared /tmp cannot be used to plant files in
 * our way.
 *
 * State: the directory path, set by runtime_dir_setup() during init and
 * cleared at cleanup, both under the EAL init lock; read by any thread
 * afterwards.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal/rtmem_export.h"
#include "internal/rtmem_log.h"
#include "mem/mem_internal.h"

static char runtime_dir[PATH_MAX];

static const char *
runtime_base(void)
{
	const char *dir = getenv("RUNTIME_DIRECTORY");

	if (dir != NULL && dir[0] != '\0')
		return dir;
	if (geteuid() == 0)
		return "/var/run";
	dir = getenv("XDG_RUNTIME_DIR");
	if (dir != NULL && dir[0] != '\0')
		return dir;
	return "/tmp";
}

/* mkdir path (mode 0700) if missing; it must then be ours and private. */
static int
make_private_dir(const char *path)
{
	struct stat st;

	if (mkdir(path, 0700) != 0 && errno != EEXIST) {
		EAL_LOG(ERR, "runtime directory %s: cannot create it: %s",
			path, strerror(errno));
		return -EACCES;
	}
	if (lstat(path, &st) != 0) {
		EAL_LOG(ERR, "runtime directory %s: %s", path, strerror(errno));
		return -EACCES;
	}
	if (!S_ISDIR(st.st_mode)) {
		EAL_LOG(ERR, "runtime directory %s: not a directory%s", path,
			S_ISLNK(st.st_mode) ? " (a symlink)" : "");
		return -EACCES;
	}
	if (st.st_uid != geteuid()) {
		EAL_LOG(ERR, "runtime directory %s: owned by uid %u, not by "
			"us (uid %u); use another --file-prefix or set "
			"XDG_RUNTIME_DIR", path, (unsigned int)st.st_uid,
			(unsigned int)geteuid());
		return -EACCES;
	}
	if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		EAL_LOG(ERR, "runtime directory %s: writable by others "
			"(mode %o)", path, (unsigned int)(st.st_mode & 07777));
		return -EACCES;
	}
	return 0;
}

int
runtime_dir_setup(const char *prefix)
{
	char top[PATH_MAX], dir[PATH_MAX];
	int ret;

	if ((size_t)snprintf(top, sizeof(top), "%s/rtmem", runtime_base()) >=
		    sizeof(top) ||
	    (size_t)snprintf(dir, sizeof(dir), "%s/%s", top, prefix) >=
		    sizeof(dir)) {
		EAL_LOG(ERR, "runtime directory for prefix %s: path too long",
			prefix);
		return -ENAMETOOLONG;
	}
	if ((ret = make_private_dir(top)) != 0 ||
	    (ret = make_private_dir(dir)) != 0)
		return ret;
	memcpy(runtime_dir, dir, sizeof(dir));
	return 0;
}

void
runtime_dir_forget(void)
{
	runtime_dir[0] = '\0';
}

const char *
mem_runtime_dir(void)
{
	return runtime_dir;
}

int
mem_runtime_path(char *buf, size_t len, const char *name)
{
	if (runtime_dir[0] == '\0')
		return -ENOENT;
	if ((size_t)snprintf(buf, len, "%s/%s", runtime_dir, name) >= len)
		return -ENAMETOOLONG;
	return 0;
}

RTMEM_EXPORT const char *
rte_eal_get_runtime_dir(void)
{
	return runtime_dir;
}

int
ofd_lock(int fd, short type, off_t start, off_t len)
{
	struct flock fl = {
		.l_type = type,
		.l_whence = SEEK_SET,
		.l_start = start,
		.l_len = len,
	};

	if (fcntl(fd, F_OFD_SETLK, &fl) == 0)
		return 0;
	return errno == EACCES ? -EAGAIN : -errno;
}

int
ofd_test(int fd, short type, off_t start, off_t len, pid_t *holder_pid)
{
	struct flock fl = {
		.l_type = type,
		.l_whence = SEEK_SET,
		.l_start = start,
		.l_len = len,
	};

	if (fcntl(fd, F_OFD_GETLK, &fl) != 0)
		return -errno;
	if (holder_pid != NULL)
		*holder_pid = fl.l_pid;
	return fl.l_type != F_UNLCK;
}
