/* SPDX-License-Identifier: GPL-2.0 */
/*
 * long vfork_exec(const char *path, char *const argv[], char *const envp[])
 *
 * vfork() and execve() in one routine, for spawn() (util.c). With
 * clone(CLONE_VM | CLONE_VFORK | SIGCHLD) the child runs on the parent's
 * stack while the parent sleeps: the child must not return from the function
 * that called vfork (that would tear down frames the parent still needs), nor
 * store anything on the stack. So here the child keeps its arguments in
 * registers (t0-t2: clone gives it a copy of all of them), calls execve and,
 * if that fails, exit_group(127) as a shell does. The parent gets the
 * child's pid, or -errno, when the child has exec'd or exited.
 */
#include "../../include/uapi/sched.h"
#include "../../include/uapi/unistd.h"

	.text
	.globl	vfork_exec
	.type	vfork_exec, @function
vfork_exec:
	mv	t0, a0
	mv	t1, a1
	mv	t2, a2
	li	a0, CLONE_VM | CLONE_VFORK | 17	/* 17: SIGCHLD */
	li	a1, 0				/* newsp 0: the same stack */
	li	a2, 0
	li	a3, 0
	li	a4, 0
	li	a7, __NR_clone
	ecall
	bnez	a0, 1f				/* the parent: pid or -errno */
	mv	a0, t0
	mv	a1, t1
	mv	a2, t2
	li	a7, __NR_execve
	ecall
	li	a0, 127
	li	a7, __NR_exit_group
	ecall
1:	ret
	.size	vfork_exec, . - vfork_exec

/*
 * long vfork_exit(int code)
 *
 * A child that does nothing but exit(@code) at once, made the way
 * vfork_exec makes one: the parent gets its pid, or -errno, and the
 * child stays a zombie until the parent reaps it with wait4.
 */
	.globl	vfork_exit
	.type	vfork_exit, @function
vfork_exit:
	mv	t0, a0
	li	a0, CLONE_VM | CLONE_VFORK | 17	/* 17: SIGCHLD */
	li	a1, 0
	li	a2, 0
	li	a3, 0
	li	a4, 0
	li	a7, __NR_clone
	ecall
	bnez	a0, 1f
	mv	a0, t0
	li	a7, __NR_exit
	ecall
1:	ret
	.size	vfork_exit, . - vfork_exit

/*
 * long vfork_rlimit(long resource, unsigned long expect_cur,
 *                   const struct linux_rlimit64 *new_lim, struct linux_rlimit64 *scratch)
 *
 * A child, made as vfork_exit makes one, that reads its own limit of
 * @resource into @scratch (static memory: the child must not use the
 * stack), then sets it to *@new_lim, and exits with 0 if the soft limit it
 * started with was @expect_cur, 1 if not, plus 2 if the prlimit64 that sets
 * failed. The parent gets its pid, or -errno.
 */
	.globl	vfork_rlimit
	.type	vfork_rlimit, @function
vfork_rlimit:
	mv	t0, a0
	mv	t1, a1
	mv	t2, a2
	mv	t3, a3
	li	a0, CLONE_VM | CLONE_VFORK | 17	/* 17: SIGCHLD */
	li	a1, 0
	li	a2, 0
	li	a3, 0
	li	a4, 0
	li	a7, __NR_clone
	ecall
	bnez	a0, 1f
	li	a0, 0				/* pid 0: the caller */
	mv	a1, t0
	li	a2, 0
	mv	a3, t3
	li	a7, __NR_prlimit64
	ecall
	ld	t4, 0(t3)			/* the soft limit it started with */
	sub	t4, t4, t1
	snez	t4, t4
	li	a0, 0
	mv	a1, t0
	mv	a2, t2
	li	a3, 0
	li	a7, __NR_prlimit64
	ecall
	snez	a0, a0
	slli	a0, a0, 1
	or	a0, a0, t4
	li	a7, __NR_exit
	ecall
1:	ret
	.size	vfork_rlimit, . - vfork_rlimit
