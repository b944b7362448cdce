/* SPDX-License-Identifier: GPL-2.0 */
/* Running programs from the initrd (kernel/exec.c). */
#ifndef LOAM_EXEC_H
#define LOAM_EXEC_H

/*
 * Replace the current task's address space with the ELF program @path of the
 * initrd, with @argv and @envp (NULL-terminated); the task's user registers
 * are set to enter it on the next return to user mode. 0 or -errno.
 */
int kernel_execve(const char *path, const char *const argv[], const char *const envp[]);

#endif
