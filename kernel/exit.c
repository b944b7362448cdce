// SPDX-License-Identifier: GPL-2.0
/*
 * The end of a process, as Linux's kernel/exit.c: do_exit() lets go of the
 * mm and the files, hands the children to init and leaves a zombie that
 * keeps its pid and exit code until the parent reaps it with wait4(). The
 * code is Linux's: (status & 0xff) << 8 for exit(status), the signal number
 * for a task killed by one, which is what the parent's wait status says.
 * The parent is sent SIGCHLD (do_notify_parent()); one that ignores it
 * (SIG_IGN, or SA_NOCLDWAIT) leaves no zombie: the child is reaped at once.
 */
#include <asm/irqflags.h>
#include <asm/mmu_context.h>
#include <bench.h>
#include <blkdev.h>
#include <fdtable.h>
#include <fs_struct.h>
#include <kernel.h>
#include <mm.h>
#include <mmap.h>
#include <pid.h>
#include <printk.h>
#include <reboot.h>
#include <sched.h>
#include <sched/signal.h>
#include <sched_clock.h>
#include <slab.h>
#include <string.h>
#include <swap.h>
#include <syscalls.h>
#include <tty.h>
#include <uaccess.h>
#include <uapi/errno.h>
#include <uapi/wait.h>
#include <vmstat.h>

/* Free pages when init started, everything cached given back first: see report_init_memory(). */
static unsigned long free_before_init;

static unsigned long settled_free_pages(void)
{
	kmem_cache_shrink_all();
	drain_all_pages(NULL);
	return nr_free_pages();
}

void note_free_before_init(void)
{
	free_before_init = settled_free_pages();
}

/* Tasks reaped or exited whose last reference a switch on another hart has yet to drop. */
static bool tasks_in_flight(void)
{
	struct task_struct *p;
	unsigned int listed = 0;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_process(p)
		listed++;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return nr_tasks() > listed;
}

/* Did init give back everything it took? Tests compare the two numbers. */
static void report_init_memory(void)
{
	/* A child reaped a moment ago may still be leaving its hart, stack and all. */
	while (tasks_in_flight())
		;
	/* Reclaim may still hold a few of our pages it took off the LRU: it frees them. */
	while (global_node_page_state(NR_ISOLATED_ANON))
		schedule_timeout_until(sched_clock() + 1000000);
	pr_info("init: free pages %lu after exit, %lu before exec\n", settled_free_pages(),
		free_before_init);
}

/*
 * init's end, as a shell would show it: the exit status, or 128 + the signal
 * that killed it (139 for SIGSEGV). The tests read this line.
 */
static __noreturn void init_exited(struct task_struct *tsk, int code)
{
	int status = code & 0x7f ? 128 + (code & 0x7f) : (code >> 8) & 0xff;

	/* Linux panics here ("Attempted to kill init!"); Loam ends the boot with init's verdict. */
	pr_notice("init: %s exited with status %d\n", tsk->comm, status);
	/* make bench: instret since init_start is the work init caused, idle not counted. */
	bench_mark("init_exit");
	report_init_memory();
	mm_report();
	diskstats_report();
	if (status)
		machine_failure();
	machine_power_off();
}

void complete_vfork_done(struct task_struct *tsk)
{
	unsigned long flags;

	/* Under the lock: the parent may be reparenting us away as it dies. */
	spin_lock_irqsave(&tasklist_lock, flags);
	if (tsk->vfork_pending) {
		WRITE_ONCE(tsk->vfork_pending, false);
		wake_up(&tsk->parent->wait_chldexit);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

static void exit_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	if (!mm)
		return;
	/*
	 * Still mapped: each resident page must be on an LRU list, as tests
	 * check, or taken off it by reclaim for a moment (isolated).
	 */
	if (tsk->pid == 1) {
		unsigned long isolated, lru = lru_pages_of_mm(mm, &isolated);

		pr_info("init: %lu anon pages on the LRU, %lu isolated, rss %ld\n", lru, isolated,
			mm->rss);
	}
	/*
	 * Linux's mm_release(): the thread-id word goes to 0 if another task
	 * still uses the mm (a vfork parent) and could look; no futex wake-up
	 * (Loam has no futex()).
	 */
	if (tsk->clear_child_tid && READ_ONCE(mm->mm_users) > 1) {
		int zero = 0;

		copy_to_user((void __user *)tsk->clear_child_tid, &zero, sizeof(zero));
	}
	tsk->clear_child_tid = 0;
	switch_mm(NULL);
	task_lock(tsk);
	tsk->mm = NULL;
	tsk->active_mm = NULL;
	task_unlock(tsk);
	/* A vfork child's mm is its parent's: this drops our reference only. */
	mmput(mm);
	exit_oom_victim(tsk);
	complete_vfork_done(tsk);
}

/*
 * Off the task list for good (Linux's __unhash_process(); tasklist_lock
 * held). The emptied list head tells a pidfd that the process was reaped.
 */
static void unhash_process(struct task_struct *p)
{
	list_del_init(&p->tasks);
	nr_threads--;
}

/* The reaper of orphans: init, pid 1 (tasklist_lock held). */
static struct task_struct *child_reaper(void)
{
	struct task_struct *p;

	for_each_process(p)
		if (p->pid == 1)
			return p;
	return NULL;
}

/* Our children go to init, which reaps those already dead (tasklist_lock held). */
static void forget_original_parent(struct task_struct *tsk)
{
	struct task_struct *reaper, *child, *next;

	if (list_empty(&tsk->children))
		return;
	reaper = child_reaper();
	list_for_each_entry_safe(child, next, &tsk->children, sibling) {
		child->parent = reaper;
		list_move_tail(&child->sibling, &reaper->children);
	}
	wake_up(&reaper->wait_chldexit);
}

/*
 * Linux's do_notify_parent() (tasklist_lock held): SIGCHLD to the parent
 * with what became of @tsk. True if the parent wants no zombie (SIGCHLD
 * ignored or SA_NOCLDWAIT: Linux's autoreap).
 */
static bool do_notify_parent(struct task_struct *tsk)
{
	struct k_sigaction *ka = &tsk->parent->sighand->action[SIGCHLD - 1];
	kernel_siginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = SIGCHLD;
	info.si_pid = tsk->pid;
	if (tsk->exit_code & 0x7f) {
		info.si_code = CLD_KILLED;
		info.si_status = tsk->exit_code & 0x7f;
	} else {
		info.si_code = CLD_EXITED;
		info.si_status = tsk->exit_code >> 8;
	}
	if (ka->sa.sa_handler == SIG_IGN)
		return true;
	send_sig_info(SIGCHLD, &info, tsk->parent);
	return ka->sa.sa_flags & SA_NOCLDWAIT;
}

__noreturn void do_exit(int code)
{
	struct task_struct *tsk = current;
	unsigned long flags;

	tsk->exit_code = code;
	tsk->flags |= PF_EXITING;
	exit_itimers(tsk);
	exit_mm(tsk);
	exit_files(tsk);
	exit_fs(tsk);
	disassociate_ctty(tsk);
	if (tsk->pid == 1)
		init_exited(tsk, code);
	spin_lock_irqsave(&tasklist_lock, flags);
	forget_original_parent(tsk);
	if (tsk->parent && !do_notify_parent(tsk)) {
		/* The parent's wait4() reaps us: until then the zombie keeps pid and code. */
		tsk->exit_state = EXIT_ZOMBIE;
		wake_up(&tsk->parent->wait_chldexit);
	} else if (tsk->parent) {
		/* Reaped now: off the parent's list, and wait4()'s reference dropped (the run's stays). */
		list_del_init(&tsk->sibling);
		unhash_process(tsk);
		wake_up(&tsk->parent->wait_chldexit);
		put_task_struct(tsk);
	} else {
		unhash_process(tsk);
	}
	do_notify_pidfd(tsk);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	arch_local_irq_disable();
	tsk->state = TASK_DEAD;
	schedule();
	panic("dead task %d rescheduled", tsk->pid);
}

long sys_exit(long code)
{
	do_exit((code & 0xff) << 8);
}

long sys_getppid(void)
{
	unsigned long flags;
	int ppid;

	/* Under the lock: the parent may be exiting, and its children moving to init. */
	spin_lock_irqsave(&tasklist_lock, flags);
	/* init and kernel threads: Linux's pid 0, the idle task, is their parent. */
	ppid = current->parent ? current->parent->pid : 0;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ppid;
}

/*
 * Does @p match wait4()'s @pid and @options (Linux's eligible_pid() and
 * eligible_child())? -1 any child, 0 one of the caller's process group,
 * -pgid one of that group. Every child reports its death with SIGCHLD (the
 * one clone Loam does), so it is not a "clone" child: __WCLONE without
 * __WALL waits for none of them. tasklist_lock held.
 */
static bool eligible_child(struct task_struct *p, int pid, unsigned int options)
{
	if (pid > 0 && p->pid != pid)
		return false;
	if (pid == 0 && p->signal->pgrp != current->signal->pgrp)
		return false;
	if (pid < -1 && p->signal->pgrp != -pid)
		return false;
	return (options & __WALL) || !(options & __WCLONE);
}

/*
 * One pass over our children (tasklist_lock held): a zombie that matches is
 * taken off the lists and returned; *@found says whether any child matched.
 */
static struct task_struct *find_zombie(struct task_struct *tsk, int pid, unsigned int options,
				       bool *found)
{
	struct task_struct *p;

	*found = false;
	list_for_each_entry(p, &tsk->children, sibling) {
		if (!eligible_child(p, pid, options))
			continue;
		*found = true;
		if (p->exit_state == EXIT_ZOMBIE) {
			list_del(&p->sibling);
			unhash_process(p);
			return p;
		}
	}
	return NULL;
}

/*
 * Is there something for wait4() to report: a zombie that matches, or no
 * matching child any more (one reaped as it exited: SIGCHLD ignored)?
 */
static bool wait_done(struct task_struct *tsk, int pid, unsigned int options)
{
	struct task_struct *p;
	unsigned long flags;
	bool zombie = false, child = false;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &tsk->children, sibling) {
		if (!eligible_child(p, pid, options))
			continue;
		child = true;
		zombie |= p->exit_state == EXIT_ZOMBIE;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return zombie || !child;
}

/* Linux's struct rusage (64-bit): two struct timevals and 14 longs. */
struct rusage {
	long ru_utime[2], ru_stime[2];
	long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap;
	long ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};

long sys_wait4(long upid, int __user *stat_addr, long uoptions, void __user *ru)
{
	struct task_struct *tsk = current, *p;
	unsigned int options = uoptions;
	int pid = upid, status;
	unsigned long flags;
	struct rusage r;
	bool found;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	/* INT_MIN has no positive process group (Linux's check). */
	if (pid == -__INT_MAX__ - 1)
		return -ESRCH;
	for (;;) {
		spin_lock_irqsave(&tasklist_lock, flags);
		p = find_zombie(tsk, pid, options, &found);
		spin_unlock_irqrestore(&tasklist_lock, flags);
		if (p || !found || (options & WNOHANG))
			break;
		/* A child's exit or a signal ends the sleep: restarted after a SA_RESTART handler. */
		if (wait_event_interruptible(tsk->wait_chldexit, wait_done(tsk, pid, options)))
			return -ERESTARTSYS;
	}
	if (!p)
		return found ? 0 : -ECHILD;
	pid = p->pid;
	status = p->exit_code;
	put_task_struct(p);
	/* Nothing is accounted per task yet: every field reads zero. */
	memset(&r, 0, sizeof(r));
	if (stat_addr && copy_to_user(stat_addr, &status, sizeof(status)))
		return -EFAULT;
	if (ru && copy_to_user(ru, &r, sizeof(r)))
		return -EFAULT;
	return pid;
}
