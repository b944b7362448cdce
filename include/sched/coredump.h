/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The bits of mm->flags, Linux's MMF_* (include/linux/sched/coredump.h, the
 * values of Linux 6.12): what a process has asked of, or the kernel has
 * done to, its address space as a whole. Loam keeps the ones it acts on.
 */
#ifndef LOAM_SCHED_COREDUMP_H
#define LOAM_SCHED_COREDUMP_H

/*
 * Bits 0-1: the dumpable state, SUID_DUMP_DISABLE (0) or SUID_DUMP_USER (1)
 * (Linux's MMF_DUMPABLE_MASK; 2, SUID_DUMP_ROOT, comes only from the
 * fs.suid_dumpable sysctl, which Loam does not have). exec sets
 * SUID_DUMP_USER, prctl(PR_SET_DUMPABLE) either. Loam writes no core file
 * and has no ptrace or /proc/PID to guard: the state is only kept and read.
 */
#define SUID_DUMP_DISABLE 0
#define SUID_DUMP_USER 1
#define MMF_DUMPABLE_BITS 2
#define MMF_DUMPABLE_MASK ((1UL << MMF_DUMPABLE_BITS) - 1)

struct mm_struct;
/* Linux's set_dumpable() (kernel/exec.c): @mm's dumpable state becomes @value (SUID_DUMP_*). */
void set_dumpable(struct mm_struct *mm, int value);

/* The OOM reaper or process_mrelease() reaped the mm, or exit_mmap() tore it down. */
#define MMF_OOM_SKIP 21
/* prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN): map_deny_write_exec() refuses W+X and X gains. */
#define MMF_HAS_MDWE 28
#define MMF_HAS_MDWE_MASK (1UL << MMF_HAS_MDWE)
/* PR_MDWE_NO_INHERIT: fork and exec do not pass MMF_HAS_MDWE on. */
#define MMF_HAS_MDWE_NO_INHERIT 29

/* What a new mm (fork's, exec's) takes from the caller's (Linux's MMF_INIT_MASK, Loam's part). */
#define MMF_INIT_MASK (MMF_DUMPABLE_MASK | MMF_HAS_MDWE_MASK)

/* Linux's mmf_init_flags(): the flags of a new mm made from an mm with @flags. */
static inline unsigned long mmf_init_flags(unsigned long flags)
{
	if (flags & (1UL << MMF_HAS_MDWE_NO_INHERIT))
		flags &= ~((1UL << MMF_HAS_MDWE) | (1UL << MMF_HAS_MDWE_NO_INHERIT));
	return flags & MMF_INIT_MASK;
}

#endif
