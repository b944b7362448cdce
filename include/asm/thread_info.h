/* SPDX-License-Identifier: GPL-2.0 */
#ifndef LOAM_ASM_THREAD_INFO_H
#define LOAM_ASM_THREAD_INFO_H

/* Kernel stack size of every CPU (and, later, of every task). */
#define THREAD_SIZE (16 * 1024)

#endif
