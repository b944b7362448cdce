// SPDX-License-Identifier: GPL-2.0
/*
 * Finding a task by its pid, as Linux's kernel/pid.c does for /proc and the
 * system calls that name a process. Loam has one pid namespace and no pid
 * hash: the task list is short, and walked under tasklist_lock.
 */
#include <sched.h>
#include <spinlock.h>

struct task_struct *find_get_task_by_vpid(int nr)
{
	struct task_struct *p, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_process(p)
		if (p->pid == nr) {
			get_task_struct(p);
			found = p;
			break;
		}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found;
}
