// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/PID/status, in the format of Linux 6.12's fs/proc/array.c
 * (proc_pid_status(); its memory lines are kernel/task_mmu.c's task_mem()).
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
