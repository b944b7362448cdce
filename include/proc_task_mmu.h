/* SPDX-License-Identifier: GPL-2.0 */
/*
 * /proc/self/maps, smaps and pagemap (kernel/task_mmu.c, Linux's
 * fs/proc/task_mmu.c), for kernel/procfs.c.
 */
#ifndef LOAM_PROC_TASK_MMU_H
#define LOAM_PROC_TASK_MMU_H

#include <seq_buf.h>

struct file;
struct mm_struct;

/* The current task's VMAs, one Linux maps line each (show_map()). */
void maps_show(struct seq_buf *m);
/* The current task's VMAs with their page counts and VmFlags (show_smap()). */
void smaps_show(struct seq_buf *m);
/*
 * /proc/self/pagemap opened on the current task's mm (Linux's
 * proc_mem_open()): a file whose reads give each virtual page's 64-bit
 * entry. NULL with *@err set if it cannot be.
 */
struct file *pagemap_open(unsigned int flags, int *err);
/*
 * Linux's task_mem(): the Vm* and Rss* lines of /proc/PID/status for @mm
 * (a user reference held), in kB as Linux prints them.
 */
void task_mem(struct seq_buf *m, struct mm_struct *mm);

#endif
