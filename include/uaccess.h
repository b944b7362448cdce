/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copying from and to user memory, as Linux's include/linux/uaccess.h. The
 * range is checked to lie below TASK_SIZE; a fault on the way (an unmapped
 * or protected user page) does not oops: the exception table
 * (platform/riscv/lib/uaccess.S, __ex_table) sends the copy to its fixup, which returns
 * what was not copied. sstatus.SUM (privileged spec 4.1.1) lets the kernel
 * touch user pages only inside these helpers.
 */
#ifndef LOAM_UACCESS_H
#define LOAM_UACCESS_H

#include <mm.h>
#include <types.h>

#define __user

/* Is [addr, addr + size) a user range? */
static inline bool access_ok(const void __user *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr;

	return size <= TASK_SIZE && a <= TASK_SIZE - size;
}

/* Bytes NOT copied: 0 on success. */
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long clear_user(void __user *to, unsigned long n);
/* The string's length (< @count), @count if it did not end, or -EFAULT. */
long strncpy_from_user(char *dst, const char __user *src, long count);

/* An exception table entry: a faulting instruction and where to resume. */
struct exception_table_entry {
	unsigned long insn, fixup;
};

/* If @epc may fault on user memory, the address to resume at; else 0. */
unsigned long search_exception_tables(unsigned long epc);

#endif
