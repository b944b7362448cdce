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
 */
#include <mm.h>
#include <mmap.h>
#include <printk.h>
#include <sched.h>
#include <sched_clock.h>
#include <timer.h>
#include <swap.h>
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
