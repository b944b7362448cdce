// SPDX-License-Identifier: GPL-2.0
/*
 * Finding a task by its pid, as Linux's kernel/pid.c does for /proc and the
 * system calls that name a process. Loam has one pid namespace and no pid
 * hash: the task list is short, and walked under tasklist_lock.
 */
#include <sched.h>
#include <spinlock.h>

struct task_struct *find_task_by_vpid(int nr)
{
	struct task_struct *p;

	for_each_process(p)
		if (p->pid == nr)
			return p;
	return NULL;
}

struct task_struct *find_get_task_by_vpid(int nr)
{
	struct task_struct *p;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_by_vpid(nr);
	if (p)
		get_task_struct(p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return p;
}
