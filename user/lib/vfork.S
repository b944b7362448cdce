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
