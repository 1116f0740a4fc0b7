/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * test_hooks.c: the fault-injection points of test_hooks.h.
 *
 * State: two strings read from the environment once, by the library
 * constructor (before any thread of ours exists), then only read.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "internal/test_hooks.h"

bool test_hooks_enabled_;
static const char *kill_at;   /* RTMEM_TEST_KILL_AT */
static const char *delay_at;  /* RTMEM_TEST_DELAY_AT, "<name>:<ms>" */

__attribute__((constructor)) static void
test_hooks_init(void)
{
	kill_at = getenv("RTMEM_TEST_KILL_AT");
	delay_at = getenv("RTMEM_TEST_DELAY_AT");
	test_hooks_enabled_ = kill_at != NULL || delay_at != NULL;
}

/* Milliseconds to wait at `name` per RTMEM_TEST_DELAY_AT, or 0. */
static long
delay_ms_for(const char *name)
{
	size_t len = strlen(name);

	if (delay_at == NULL || strncmp(delay_at, name, len) != 0 ||
	    delay_at[len] != ':')
		return 0;
	return strtol(delay_at + len + 1, NULL, 10);
}

void
test_hook_fire_(const char *name)
{
	long ms = delay_ms_for(name);

	if (ms > 0) {
		struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

		while (nanosleep(&ts, &ts) != 0)
			;
	}
	if (kill_at != NULL && strcmp(kill_at, name) == 0)
		kill(getpid(), SIGKILL);
}
