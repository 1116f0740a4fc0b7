/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mbuf_private.h: what the mbuf layer's files share. Not installed.
 */
#ifndef MBUF_PRIVATE_H
#define MBUF_PRIVATE_H

#include "internal/rtmem_log.h"

#define MBUF_LOG(level, fmt, ...) RTMEM_LOG(level, MBUF, fmt, ##__VA_ARGS__)

#endif /* MBUF_PRIVATE_H */
