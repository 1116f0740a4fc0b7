/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Branch-prediction hints.
 *
 * likely() and unlikely() tell the compiler which way a condition usually
 * goes, so that it lays out the common path without a taken branch. They
 * do not change the value of the condition. Both are only defined when the
 * program has not defined them already.
 */
#ifndef _RTE_BRANCH_PREDICTION_H_
#define _RTE_BRANCH_PREDICTION_H_

#ifdef __cplusplus
extern "C" {
#endif

#ifndef likely
/**
 * Hints that the condition @p x is usually true.
 *
 * @param x
 *   Any scalar expression; it is evaluated once.
 * @return
 *   1 when @p x is nonzero, 0 otherwise.
 */
#define likely(x) __builtin_expect(!!(x), 1)
#endif

#ifndef unlikely
/**
 * Hints that the condition @p x is usually false.
 *
 * @param x
 *   Any scalar expression; it is evaluated once.
 * @return
 *   1 when @p x is nonzero, 0 otherwise.
 */
#define unlikely(x) __builtin_expect(!!(x), 0)
#endif

#ifdef __cplusplus
}
#endif

#endif /* _RTE_BRANCH_PREDICTION_H_ */
