/* SPDX-License-Identifier: GPL-2.0 */
#ifndef LOAM_ASM_THREAD_INFO_H
#define LOAM_ASM_THREAD_INFO_H

/*
 * Kernel stack size of every task and CPU. Stacks are aligned to twice this
 * (mm/vmalloc.c), so bit THREAD_SHIFT of an address tells an overflow.
 */
#define THREAD_SHIFT 14
#define THREAD_SIZE (1 << THREAD_SHIFT)

#endif
