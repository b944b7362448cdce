// SPDX-License-Identifier: GPL-2.0
/*
 * The OOM killer, after Linux's mm/oom_kill.c: when reclaim can free nothing
 * more (memory full, swap full or absent), the process using the most
 * memory, resident pages plus swap entries (Linux's oom_badness() with
 * oom_score_adj 0 also counts page tables), is killed so that the others can go
 * on. init is never chosen (Linux's is_global_init()), nor kernel threads.
 *
 * One victim at a time: until it has exited and its memory is free, further
 * calls wait for it (Linux's tsk_is_oom_victim() check). The victim itself
 * gets no more memory: its allocation fails, and it dies on its way back to
 * user mode.
 *
 * process_mrelease() is the OOM reaper's work done on request: the private
 * memory of a process that is dying (SIGKILL pending, or in exit) is freed
 * at once by the caller, before the process gets to it in exit_mmap().
 */
#include <err.h>
#include <mm.h>
#include <mmap.h>
#include <pid.h>
#include <printk.h>
#include <sched.h>
#include <sched_clock.h>
#include <timer.h>
#include <swap.h>
#include <uapi/errno.h>
#include <vmstat.h>

static DEFINE_SPINLOCK(oom_lock);
/* Killed, with a reference, until its memory is back (exit_oom_victim()). */
static struct task_struct *oom_victim;

static unsigned long oom_badness(struct task_struct *p)
{
	struct mm_struct *mm = p->mm;

	/* Linux's get_mm_rss() (anonymous and shmem pages here) plus swap entries. */
	return mm->rss + mm->shmem_rss + mm->swapents;
}

static void oom_kill_process(struct task_struct *victim)
{
	struct mm_struct *mm = victim->mm;

	/*
	 * Linux's line, word for word (no file pages mapped in Loam, no users
	 * but root, page tables not counted).
	 */
	pr_err("Out of memory: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, "
	       "file-rss:0kB, shmem-rss:%lukB, UID:0 pgtables:0kB oom_score_adj:0\n",
	       victim->pid, victim->comm, mm->total_vm << (PAGE_SHIFT - 10),
	       (unsigned long)mm->rss << (PAGE_SHIFT - 10),
	       (unsigned long)mm->shmem_rss << (PAGE_SHIFT - 10));
	count_vm_event(OOM_KILL);
	send_sig_kill(victim);
}

/*
 * Kill the task with the highest badness; it is returned with a reference.
 * Under tasklist_lock, so that it cannot exit while we read its mm.
 */
static struct task_struct *select_bad_process(void)
{
	struct task_struct *p, *chosen = NULL;
	unsigned long points, chosen_points = 0, flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_process(p) {
		if (p->pid == 1 || !p->mm || p->exit_state || fatal_signal_pending(p))
			continue;
		points = oom_badness(p);
		if (points > chosen_points) {
			chosen = p;
			chosen_points = points;
		}
	}
	if (chosen) {
		get_task_struct(chosen);
		oom_kill_process(chosen);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return chosen;
}

void exit_oom_victim(struct task_struct *tsk)
{
	spin_lock(&oom_lock);
	if (oom_victim == tsk) {
		oom_victim = NULL;
		/* Not the last reference: the exiting task holds its own. */
		put_task_struct(tsk);
	}
	spin_unlock(&oom_lock);
}

bool out_of_memory(unsigned int gfp, unsigned int order)
{
	struct task_struct *victim;
	bool ret = true;

	/* The victim does not wait for itself. */
	if (fatal_signal_pending(current))
		return false;
	spin_lock(&oom_lock);
	if (oom_victim)
		goto out;
	pr_warn("%s invoked oom-killer: gfp_mask=%#x, order=%u, oom_score_adj=0\n", current->comm,
		gfp, order);
	victim = select_bad_process();
	if (!victim) {
		pr_err("Out of memory and no killable processes...\n");
		ret = false;
		goto out;
	}
	oom_victim = victim;
out:
	spin_unlock(&oom_lock);
	return ret;
}

void wait_for_oom_victim(void)
{
	/* A tick: the victim runs (on this hart if it is the only one) and exits. */
	schedule_timeout_until(sched_clock() + 1000000000ULL / HZ);
}

/*
 * Linux's __task_will_free_mem() for a single-threaded process: is @task
 * on its way out (SIGKILL pending, Linux's SIGNAL_GROUP_EXIT, or in
 * do_exit(): PF_EXITING)? Loam writes no core file to wait for.
 */
static bool __task_will_free_mem(struct task_struct *task)
{
	return fatal_signal_pending(task) || (READ_ONCE(task->flags) & PF_EXITING);
}

/*
 * Linux's task_will_free_mem(): will @task's mm (task_lock held) be freed
 * soon? Not if it was reaped already, nor if another process that is not
 * dying shares it (a vfork parent and child).
 */
static bool task_will_free_mem(struct task_struct *task)
{
	struct mm_struct *mm = task->mm;
	struct task_struct *p;
	unsigned long flags;
	bool ret = true;

	if (!mm || !__task_will_free_mem(task) || test_bit(MMF_OOM_SKIP, &mm->flags))
		return false;
	if (READ_ONCE(mm->mm_users) <= 1)
		return true;
	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_process(p) {
		if (p == task || READ_ONCE(p->mm) != mm)
			continue;
		ret = __task_will_free_mem(p);
		if (!ret)
			break;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/*
 * Linux's __oom_reap_task_mm() (mmap_lock held for reading): unmap and free
 * the pages of every VMA that holds the process's own memory, private
 * mappings (anonymous or of a file); shared memory stays with its shmem
 * object. Locked VMAs too: the process will not run again. The VMAs stay
 * for exit_mmap().
 */
static void __oom_reap_task_mm(struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	for (vma = mm->mmap; vma; vma = vma->vm_next)
		if (!vma->vm_file || !(vma->vm_flags & VM_SHARED))
			zap_page_range(mm, vma->vm_start, vma->vm_end);
}

/*
 * process_mrelease(2), as Linux 6.12's: free the memory of the dying
 * process @pidfd refers to. -EINVAL for flags, or if the process is not
 * dying (and its memory not already reaped); -ESRCH once it has no mm (it
 * got through exit_mm(), or is a kernel thread); pidfd_get_task()'s errors.
 */
long sys_process_mrelease(long pidfd, unsigned long uflags)
{
	unsigned int flags = uflags, f_flags;
	struct task_struct *task;
	struct mm_struct *mm;
	bool reap = false;
	long ret = 0;

	if (flags)
		return -EINVAL;
	task = pidfd_get_task(pidfd, &f_flags);
	if (IS_ERR(task))
		return PTR_ERR(task);
	/* Linux's find_lock_task_mm(): the mm, held while task_lock() keeps exit_mm() off. */
	task_lock(task);
	mm = task->mm;
	if (!mm) {
		task_unlock(task);
		put_task_struct(task);
		return -ESRCH;
	}
	mmgrab(mm);
	if (task_will_free_mem(task))
		reap = true;
	else if (!test_bit(MMF_OOM_SKIP, &mm->flags))
		ret = -EINVAL;
	task_unlock(task);
	if (reap) {
		mmap_read_lock(mm);
		/* exit_mmap() may have torn it down meanwhile: nothing left then. */
		if (!test_bit(MMF_OOM_SKIP, &mm->flags))
			__oom_reap_task_mm(mm);
		mmap_read_unlock(mm);
	}
	mmdrop(mm);
	put_task_struct(task);
	return ret;
}
