// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/PID/status and /proc/PID/stat, in the formats of Linux 6.12's
 * fs/proc/array.c (proc_pid_status(), its memory lines kernel/task_mmu.c's
 * task_mem(); do_task_stat(), what ps and top read).
 * Every line Linux prints is here, in its order. The values are Loam's
 * where Loam keeps them; where Loam lacks the feature, the line holds what
 * Linux shows a task that never used it, as each comment says.
 */
#include <fdtable.h>
#include <proc_internal.h>
#include <kernel.h>
#include <mmap.h>
#include <mmzone.h>
#include <proc_task_mmu.h>
#include <sched.h>
#include <sched/signal.h>
#include <seq_buf.h>
#include <signal.h>
#include <tty.h>
#include <string.h>
#include <timer.h>
#include <smp.h>
#include <spinlock.h>
#include <uapi/mman.h>

/* Linux's CAP_LAST_CAP in 6.12 (CAP_CHECKPOINT_RESTORE, 40): root's full set is bits 0..40. */
#define CAP_LAST_CAP 40
#define CAP_FULL_SET ((1ULL << (CAP_LAST_CAP + 1)) - 1)

/* Linux's get_task_state() for the states Loam has. */
static const char *get_task_state(const struct task_struct *p)
{
	if (READ_ONCE(p->exit_state) == EXIT_ZOMBIE)
		return "Z (zombie)";
	switch (READ_ONCE(p->state)) {
	case TASK_INTERRUPTIBLE:
		return "S (sleeping)";
	case TASK_DEAD:
		return "X (dead)";
	default: /* TASK_RUNNING, and TASK_NEW, which Linux reports as running too */
		return "R (running)";
	}
}

/* A kernel thread: no parent to wait for it, and not init (see <sched.h>). */
static bool task_is_kthread(const struct task_struct *p)
{
	return !p->parent && p->pid != 1;
}

/* Linux's task_state(): from Umask to Kthread. */
static void task_state(struct seq_buf *m, struct task_struct *p)
{
	unsigned int max_fds = 0;
	unsigned long flags;
	int ppid;

	spin_lock_irqsave(&tasklist_lock, flags);
	ppid = p->parent ? p->parent->pid : 0;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	task_lock(p);
	if (p->files)
		max_fds = p->files->max_fds;
	task_unlock(p);
	/* No umask() in Loam: every task has init_fs's 0022, as in Linux before a umask() call. */
	seq_buf_printf(m, "Umask:\t%#04o\n", 0022);
	seq_buf_printf(m, "State:\t%s\n", get_task_state(p));
	/* One thread per process; Ngid 0: no NUMA balancing; TracerPid 0: no ptrace. */
	seq_buf_printf(m, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n", p->pid,
		       p->pid, ppid);
	/* Root, Loam's one user, with no supplementary groups (Linux keeps the trailing space). */
	seq_buf_printf(m, "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t%u\nGroups:\t \n", max_fds);
	/* One pid namespace; kernel threads are in group and session 0, as in Linux. */
	seq_buf_printf(m, "NStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n", p->pid, p->pid,
		       READ_ONCE(p->signal->pgrp), READ_ONCE(p->signal->session));
	seq_buf_printf(m, "Kthread:\t%c\n", task_is_kthread(p) ? '1' : '0');
}

/* Linux's render_sigset_t(): 16 hex digits, signal 1 in the lowest bit. */
static void render_sigset_t(struct seq_buf *m, const char *header, const sigset_t *set)
{
	seq_buf_printf(m, "%s%016lx\n", header, set->sig[0]);
}

/* Linux's task_sig(): Threads, SigQ and the signal sets. */
static void task_sig(struct seq_buf *m, struct task_struct *p)
{
	sigset_t pending = { 0 }, shpending = { 0 }, blocked = { 0 }, ignored = { 0 },
		 caught = { 0 };
	unsigned long flags;
	int sig;

	spin_lock_irqsave(&p->sighand->siglock, flags);
	pending = p->pending.signal;
	blocked = p->blocked;
	/* Linux's collect_sigign_sigcatch(). */
	for (sig = 1; sig <= _NSIG; sig++) {
		__sighandler_t handler = p->sighand->action[sig - 1].sa.sa_handler;

		if (handler == SIG_IGN)
			ignored.sig[0] |= 1UL << (sig - 1);
		else if (handler != SIG_DFL)
			caught.sig[0] |= 1UL << (sig - 1);
	}
	spin_unlock_irqrestore(&p->sighand->siglock, flags);
	/*
	 * SigQ: the signals queued, out of RLIMIT_SIGPENDING. Linux counts the
	 * user's queued siginfos; Loam keeps one per pending signal of the
	 * task (see <signal.h>), so it counts this task's pending signals.
	 * ShdPnd: no thread groups, so nothing is pending for a group.
	 */
	seq_buf_printf(m, "Threads:\t1\nSigQ:\t%d/%lu\n", __builtin_popcountl(pending.sig[0]),
		       task_rlimit(p, RLIMIT_SIGPENDING));
	render_sigset_t(m, "SigPnd:\t", &pending);
	render_sigset_t(m, "ShdPnd:\t", &shpending);
	render_sigset_t(m, "SigBlk:\t", &blocked);
	render_sigset_t(m, "SigIgn:\t", &ignored);
	render_sigset_t(m, "SigCgt:\t", &caught);
}

/*
 * Linux's task_cap() and task_seccomp(): every task is root with the full
 * set (<capability.h>), nothing inheritable or ambient. Loam has no
 * PR_SET_NO_NEW_PRIVS and no seccomp(): the values of a Linux task that
 * never asked for them. No speculation controls on riscv64: Linux's words
 * for arch_prctl_spec_ctrl_get()'s -EINVAL.
 */
static void task_cap_seccomp(struct seq_buf *m)
{
	seq_buf_printf(m, "CapInh:\t%016llx\nCapPrm:\t%016llx\nCapEff:\t%016llx\n", 0ULL,
		       CAP_FULL_SET, CAP_FULL_SET);
	seq_buf_printf(m, "CapBnd:\t%016llx\nCapAmb:\t%016llx\n", CAP_FULL_SET, 0ULL);
	seq_buf_printf(m, "NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n");
	seq_buf_printf(m, "Speculation_Store_Bypass:\tunknown\n");
	seq_buf_printf(m, "SpeculationIndirectBranch:\tunsupported\n");
}

/*
 * "@name:" with a bitmap of @nbits bits (at most 64) as Linux's "%*pb" (hex,
 * as many digits as the bits need, 32-bit groups separated by commas), then
 * "@name_list:" as "%*pbl" (ranges: "0-1,3").
 */
static void put_bitmap(struct seq_buf *m, const char *name, unsigned long map, unsigned int nbits)
{
	unsigned int bit, end;
	const char *sep = "";

	if (nbits > 32)
		seq_buf_printf(m, "%s:\t%0*lx,%08lx\n", name, (int)DIV_ROUND_UP(nbits - 32, 4),
			       map >> 32, map & 0xffffffffUL);
	else
		seq_buf_printf(m, "%s:\t%0*lx\n", name, (int)DIV_ROUND_UP(nbits, 4), map);
	seq_buf_printf(m, "%s_list:\t", name);
	for (bit = 0; bit < nbits; bit = end + 1) {
		end = bit;
		if (!(map >> bit & 1))
			continue;
		while (end + 1 < nbits && (map >> (end + 1) & 1))
			end++;
		seq_buf_printf(m, end == bit ? "%s%u" : "%s%u-%u", sep, bit, end);
		sep = ",";
	}
	seq_buf_printf(m, "\n");
}

/*
 * Linux's task_cpus_allowed() and cpuset_task_status_allowed(): no
 * affinity, so every hart that came online (Linux's nr_cpu_ids wide); every
 * node with memory, MAX_NUMNODES wide (Linux's nodemask_pr_args()).
 */
static void task_cpus_mems(struct seq_buf *m)
{
	unsigned long cpus = 0;
	unsigned int cpu, nr_cpu_ids = 1;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpu_online(cpu)) {
			cpus |= 1UL << cpu;
			nr_cpu_ids = cpu + 1;
		}
	put_bitmap(m, "Cpus_allowed", cpus, nr_cpu_ids);
	put_bitmap(m, "Mems_allowed", READ_ONCE(node_online_map), MAX_NUMNODES);
}

void proc_pid_status(struct seq_buf *m, struct task_struct *task)
{
	struct mm_struct *mm = get_task_mm(task);

	seq_buf_printf(m, "Name:\t%s\n", task->comm);
	task_state(m, task);
	if (mm) {
		task_mem(m, mm);
		/*
		 * Never dumping core (no core files, see the README); THP as
		 * the madvise() of a Linux with transparent huge pages, which
		 * no PR_SET_THP_DISABLE turned off; no pointer tagging on riscv64.
		 */
		seq_buf_printf(m, "CoreDumping:\t0\nTHP_enabled:\t1\nuntag_mask:\t%#lx\n", ~0UL);
		mmput(mm);
	}
	task_sig(m, task);
	task_cap_seccomp(m);
	task_cpus_mems(m);
	seq_buf_printf(m, "voluntary_ctxt_switches:\t%lu\nnonvoluntary_ctxt_switches:\t%lu\n",
		       READ_ONCE(task->nvcsw), READ_ONCE(task->nivcsw));
}

/* Linux's task->flags bit for a kernel thread, which /proc/PID/stat shows (include/linux/sched.h). */
#define PF_KTHREAD 0x00200000

/* A snapshot of what do_task_stat() prints. */
struct task_stat {
	int pid, ppid, pgrp, session, tty_nr, tty_pgrp;
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

/* The memory fields, from @p's mm if it has one (get_task_mm(): it cannot go meanwhile). */
static void task_stat_mm(struct task_struct *p, struct task_stat *st)
{
	struct mm_struct *mm = get_task_mm(p);

	st->has_mm = mm;
	if (!mm)
		return;
	st->vsize = READ_ONCE(mm->total_vm) << PAGE_SHIFT;
	st->rss = max(READ_ONCE(mm->rss) + READ_ONCE(mm->shmem_rss), 0L);
	st->start_code = mm->start_code;
	st->end_code = mm->end_code;
	st->start_stack = mm->start_stack;
	st->start_data = mm->start_data;
	st->end_data = mm->end_data;
	st->start_brk = mm->start_brk;
	mmput(mm);
}

static void task_stat_snapshot(struct task_struct *p, struct task_stat *st)
{
	struct tty_struct *tty;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	st->ppid = p->parent ? p->parent->pid : 0;
	st->pgrp = p->signal->pgrp;
	st->session = p->signal->session;
	tty = p->signal->tty;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	/* The controlling terminal's device and foreground group; 0 and -1 without one. */
	st->tty_nr = tty ? tty_devnum(tty) : 0;
	st->tty_pgrp = tty ? READ_ONCE(tty->pgrp) : -1;
	st->pid = p->pid;
	memcpy(st->comm, p->comm, sizeof(st->comm));
	st->comm[TASK_COMM_LEN - 1] = '\0';
	st->state = get_task_state(p)[0];
	/* Since Linux 5.16 wchan is only whether the task sleeps. */
	st->wchan = st->state == 'S';
	st->flags = (task_is_kthread(p) ? PF_KTHREAD : 0) | (st->state == 'Z' ? PF_EXITING : 0) |
		    READ_ONCE(p->flags);
	st->utime = READ_ONCE(p->utime);
	st->stime = READ_ONCE(p->sum_exec_runtime);
	st->stime = st->stime > st->utime ? st->stime - st->utime : 0;
	st->start_time = p->start_time;
	task_stat_mm(p, st);
	st->pending = READ_ONCE(p->pending.signal.sig[0]) & 0x7fffffffUL;
	st->blocked = READ_ONCE(p->blocked.sig[0]) & 0x7fffffffUL;
	if (p->sighand)
		collect_sigign_sigcatch(p, st);
	st->ignored &= 0x7fffffffUL;
	st->caught &= 0x7fffffffUL;
	st->exit_code = READ_ONCE(p->exit_state) ? READ_ONCE(p->exit_code) : 0;
}

/*
 * do_task_stat()'s 52 fields. What Loam does not have is Linux's value for
 * a task without it: priority 20 and nice 0 (SCHED_OTHER), one thread, no real-time
 * priority. Not counted by Loam and shown as 0: minor and major faults
 * (only the system-wide pgfault/pgmajfault), the children's times, the
 * CPU it last ran on, the argument and environment addresses.
 */
void proc_pid_stat(struct seq_buf *m, struct task_struct *task)
{
	struct task_stat st = { 0 };

	task_stat_snapshot(task, &st);
	seq_buf_printf(m, "%d (%s) %c %d %d %d %d %d %lu 0 0 0 0 %llu %llu 0 0 20 0 1 0 %llu",
		       st.pid, st.comm, st.state, st.ppid, st.pgrp, st.session, st.tty_nr,
		       st.tty_pgrp, st.flags, nsec_to_clock_t(st.utime), nsec_to_clock_t(st.stime),
		       nsec_to_clock_t(st.start_time));
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
