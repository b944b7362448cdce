// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/PID/stat and /proc/PID/cmdline, as Linux's fs/proc/array.c
 * (do_task_stat()) and fs/proc/base.c (proc_pid_cmdline_read()) write
 * them: what ps, top and pgrep read. The fields are read under
 * tasklist_lock, as the OOM killer reads a process's mm (mm/oom_kill.c).
 */
#include <asm/page.h>
#include <kernel.h>
#include <mm_types.h>
#include <proc_fs.h>
#include <sched.h>
#include <sched/signal.h>
#include <seq_buf.h>
#include <signal.h>
#include <slab.h>
#include <spinlock.h>
#include <string.h>
#include <timer.h>
#include <uapi/mman.h>

/* Linux's task->flags bits that /proc/PID/stat shows (include/linux/sched.h). */
#define PF_EXITING 0x00000004
#define PF_KTHREAD 0x00200000

/* A snapshot of what do_task_stat() prints, taken under tasklist_lock. */
struct task_stat {
	int pid, ppid;
	char comm[TASK_COMM_LEN];
	char state;
	unsigned long flags;
	u64 utime, stime, start_time;
	unsigned long vsize, rss, start_code, end_code, start_stack, start_data, end_data,
		start_brk;
	unsigned long pending, blocked, ignored, caught, wchan;
	int exit_code;
	bool has_mm;
};

/* Linux's nsec_to_clock_t(): USER_HZ (100) ticks. */
static unsigned long long nsec_to_clock_t(u64 ns)
{
	return ns / (1000000000ULL / HZ);
}

/* Linux's task_state_array letters for the states Loam has: R, S, Z. */
static char task_state_char(const struct task_struct *p)
{
	if (p->exit_state == EXIT_ZOMBIE || p->state == TASK_DEAD)
		return 'Z';
	return p->state == TASK_INTERRUPTIBLE ? 'S' : 'R';
}

/* collect_sigign_sigcatch(): the signals ignored and caught (with a handler). */
static void collect_sigign_sigcatch(const struct task_struct *p, struct task_stat *st)
{
	int sig;

	for (sig = 1; sig < _NSIG && sig <= 64; sig++) {
		__sighandler_t h = p->sighand->action[sig - 1].sa.sa_handler;

		if (h == SIG_IGN)
			st->ignored |= 1UL << (sig - 1);
		else if (h != SIG_DFL)
			st->caught |= 1UL << (sig - 1);
	}
}

static void task_stat_snapshot(struct task_struct *p, struct task_stat *st)
{
	struct mm_struct *mm;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	mm = p->mm;
	st->pid = p->pid;
	st->ppid = p->parent ? p->parent->pid : 0;
	memcpy(st->comm, p->comm, sizeof(st->comm));
	st->comm[TASK_COMM_LEN - 1] = '\0';
	st->state = task_state_char(p);
	/* Since Linux 5.16 wchan is only whether the task sleeps. */
	st->wchan = st->state == 'S';
	st->flags = (p->mm || p->exit_state ? 0 : PF_KTHREAD) | (st->state == 'Z' ? PF_EXITING : 0);
	st->utime = p->utime;
	st->stime = p->sum_exec_runtime > p->utime ? p->sum_exec_runtime - p->utime : 0;
	st->start_time = p->start_time;
	st->has_mm = mm;
	if (mm) {
		st->vsize = mm->total_vm << PAGE_SHIFT;
		st->rss = max(mm->rss + mm->shmem_rss, 0L);
		st->start_code = mm->start_code;
		st->end_code = mm->end_code;
		st->start_stack = mm->start_stack;
		st->start_data = mm->start_data;
		st->end_data = mm->end_data;
		st->start_brk = mm->start_brk;
	}
	st->pending = p->pending.signal.sig[0] & 0x7fffffffUL;
	st->blocked = p->blocked.sig[0] & 0x7fffffffUL;
	if (p->sighand)
		collect_sigign_sigcatch(p, st);
	st->ignored &= 0x7fffffffUL;
	st->caught &= 0x7fffffffUL;
	st->exit_code = p->exit_state ? p->exit_code : 0;
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/*
 * do_task_stat()'s 52 fields. What Loam does not have is Linux's value for
 * a task without it: process group and session 0 (no process groups:
 * init's and its descendants' before setsid()), no controlling tty (0, -1),
 * priority 20 and nice 0 (SCHED_OTHER), one thread, no real-time
 * priority. Not counted by Loam and shown as 0: minor and major faults
 * (only the system-wide pgfault/pgmajfault), the children's times, the
 * CPU it last ran on, the argument and environment addresses.
 */
void proc_pid_stat(struct seq_buf *m, struct task_struct *task)
{
	struct task_stat st = { 0 };

	task_stat_snapshot(task, &st);
	seq_buf_printf(m, "%d (%s) %c %d 0 0 0 -1 %lu 0 0 0 0 %llu %llu 0 0 20 0 1 0 %llu", st.pid,
		       st.comm, st.state, st.ppid, st.flags, nsec_to_clock_t(st.utime),
		       nsec_to_clock_t(st.stime), nsec_to_clock_t(st.start_time));
	seq_buf_printf(m, " %lu %lu %lu %lu %lu %lu 0 0", st.vsize, st.rss,
		       task_rlimit(task, RLIMIT_RSS), st.has_mm ? st.start_code : 0,
		       st.has_mm ? st.end_code : 0, st.start_stack);
	seq_buf_printf(m, " %lu %lu %lu %lu %lu 0 0 17 0 0 0 0 0 0", st.pending, st.blocked,
		       st.ignored, st.caught, st.wchan);
	if (st.has_mm)
		seq_buf_printf(m, " %lu %lu %lu 0 0 0 0", st.start_data, st.end_data, st.start_brk);
	else
		seq_buf_printf(m, " 0 0 0 0 0 0 0");
	seq_buf_printf(m, " %d\n", st.exit_code);
}

void proc_pid_cmdline(struct seq_buf *m, struct task_struct *task)
{
	char *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	unsigned long flags, len = 0;

	if (!buf)
		return;
	spin_lock_irqsave(&tasklist_lock, flags);
	if (task->mm && task->mm->cmdline) {
		len = min(task->mm->cmdline_len, PAGE_SIZE);
		memcpy(buf, task->mm->cmdline, len);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	seq_buf_putmem(m, buf, len);
	kfree(buf);
}
