// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/PID/cmdline, as Linux's fs/proc/base.c (proc_pid_cmdline_read())
 * gives it: the arguments exec gave the program, each ending in NUL;
 * nothing for a kernel thread or a zombie (no mm).
 */
#include <kernel.h>
#include <mm_types.h>
#include <mmap.h>
#include <proc_internal.h>
#include <sched.h>
#include <seq_buf.h>

void proc_pid_cmdline(struct seq_buf *m, struct task_struct *task)
{
	struct mm_struct *mm = get_task_mm(task);
	const char *cmdline;

	if (!mm)
		return;
	/* exec writes the length before the pointer (set_mm_cmdline()). */
	cmdline = READ_ONCE(mm->cmdline);
	if (cmdline)
		seq_buf_putmem(m, cmdline, min(mm->cmdline_len, PAGE_SIZE));
	mmput(mm);
}
