/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rtmem_export.h: marks the definitions that form librtmem's public ABI.
 *
 * The library is compiled with -fvisibility=hidden, so a definition is
 * visible outside librtmem.so only when it carries RTMEM_EXPORT *and* its
 * name is listed in src/rtmem.map, the one list of exported symbols.
 * tests/build/check_exports.sh fails when the two disagree.
 *
 * Who may include it: library sources only (never a public header).
 */
#ifndef RTMEM_EXPORT_H
#define RTMEM_EXPORT_H

#define RTMEM_EXPORT __attribute__((visibility("default")))

#endif /* RTMEM_EXPORT_H */
