/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Code needed only while the kernel boots, marked __init (Linux's
 * include/linux/init.h). The linker script gathers it between __init_begin
 * and __init_end with the in-kernel tests' code and data (tests/kernel/),
 * and free_initmem() gives those pages to the page allocator after
 * run_boot_tests(). Nothing may call an __init function, or touch anything
 * of tests/kernel/, once start_kernel() has passed free_initmem().
 */
#ifndef LOAM_INIT_H
#define LOAM_INIT_H

#include <kernel.h>

#define __init __section(".init.text")

/* Free [__init_begin, __init_end): not executable any more, its pages to the buddy allocator. */
void free_initmem(void);

#endif
