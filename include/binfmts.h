/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What execve's steps share (Linux's include/linux/binfmts.h): the exec
 * being built (kernel/exec.c) and the binary formats that load into it
 * (kernel/binfmt_script.c, kernel/binfmt_elf.c).
 */
#ifndef LOAM_BINFMTS_H
#define LOAM_BINFMTS_H

#include <mm_types.h>
#include <types.h>
#include <uaccess.h>

/*
 * Linux's limits on the strings (include/uapi/linux/binfmts.h): one string
 * at most MAX_ARG_STRLEN bytes with its NUL, at most MAX_ARG_STRINGS of
 * each vector.
 */
#define MAX_ARG_STRLEN (32 * PAGE_SIZE)
#define MAX_ARG_STRINGS 0x7FFFFFFF

/* The head of the file the binary formats look at (Linux's bprm->buf). */
#define BINPRM_BUF_SIZE 256

/* Linux's struct linux_binprm, for what Loam's exec needs. */
struct linux_binprm {
	struct mm_struct *mm;
	struct vm_area_struct *vma; /* the stack */
	unsigned long p; /* the lowest byte of the strings so far */
	unsigned long argmin; /* the strings may not go below this */
	unsigned long exec; /* the file name string (AT_EXECFN) */
	int argc, envc;
	const char *filename;
	const char *interp; /* the file being loaded: filename, or a #! interpreter */
	size_t last_len; /* the lowest string's length (argv[0]: remove_arg_zero()) */
	/* interp opened (open_exec()), with a reference: fput() when the exec is done */
	struct file *file;
	/* binfmt_script's interpreter, opened: exec_binprm() makes it the file */
	struct file *interpreter;
	bool point_of_no_return;
	char *buf; /* one page, to carry strings from the caller to the new mm */
	char interp_buf[BINPRM_BUF_SIZE];
};

/*
 * Linux's open_exec() on the initrd: walk @path to a regular file with an
 * execute bit (-EACCES) and open it read-only (initrd_file_open()). The
 * file, with a reference, or an ERR_PTR: the walk's -errno, -ENOMEM.
 */
struct file *open_exec(const char *path);
/*
 * Push the kernel string @arg below the strings of @bprm's new stack (not
 * counted in argc: the caller does). 0, or -E2BIG past the room.
 */
int copy_string_kernel(const char *arg, struct linux_binprm *bprm);
/* Drop argv[0], the string pushed last, from @bprm's stack and argc. */
void remove_arg_zero(struct linux_binprm *bprm);
/*
 * Linux's strnlen_user() with MAX_ARG_STRLEN: the length of the string at
 * @str with its NUL, more than MAX_ARG_STRLEN if it is longer, 0 on a fault.
 * Current's memory, read a page at a time through @buf.
 */
size_t arg_strnlen(char *buf, const char __user *str);
/*
 * The point of no return (Linux's begin_new_exec()): a failure after it
 * kills the caller. The task takes the new program's name.
 */
void begin_new_exec(struct linux_binprm *bprm);
/*
 * Current takes @bprm's new mm (Linux's exec_mmap()); if the exec fails
 * after this, do_execve() gives the old one back.
 */
void exec_mmap(struct linux_binprm *bprm);
/*
 * Linux's setup_arg_pages(): the stack VMA grows by 128 KiB below the
 * strings (less under RLIMIT_STACK). 0 or -EFAULT.
 */
int setup_arg_pages(struct linux_binprm *bprm);

/*
 * binfmt_script: if @bprm's file starts with "#!", splice its interpreter
 * (and argument) into argv and open the interpreter as bprm->interpreter,
 * the file to load next: 0 or -errno. -ENOEXEC if it is not a script.
 */
int load_script(struct linux_binprm *bprm);
/*
 * binfmt_elf: check @bprm's file as a RISC-V ELF64 static executable
 * (-ENOEXEC, or a PT_INTERP's error), then pass the point of no return,
 * map its segments into the new mm, make it current's and write the
 * initial stack; the user registers enter it. 0 or -errno.
 */
int load_elf_binary(struct linux_binprm *bprm);

#endif
