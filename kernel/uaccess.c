// SPDX-License-Identifier: GPL-2.0
/* The checked wrappers around platform/riscv/lib/uaccess.S, and the exception table search. */
#include <uaccess.h>
#include <uapi/errno.h>

unsigned long __asm_copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long __asm_copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long __clear_user(void __user *to, unsigned long n);
long __strncpy_from_user(char *dst, const char __user *src, long count);

extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	if (!access_ok(from, n))
		return n;
	return __asm_copy_from_user(to, from, n);
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return __asm_copy_to_user(to, from, n);
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return __clear_user(to, n);
}

long strncpy_from_user(char *dst, const char __user *src, long count)
{
	long n;

	if (count <= 0)
		return 0;
	/* Up to the end of user space at most: the rest is the kernel's. */
	if ((unsigned long)src >= TASK_SIZE)
		return -EFAULT;
	if ((unsigned long)count > TASK_SIZE - (unsigned long)src)
		count = TASK_SIZE - (unsigned long)src;
	n = __strncpy_from_user(dst, src, count);
	return n < 0 ? -EFAULT : n;
}

unsigned long search_exception_tables(unsigned long epc)
{
	const struct exception_table_entry *e;

	for (e = __start___ex_table; e < __stop___ex_table; e++)
		if (e->insn == epc)
			return e->fixup;
	return 0;
}
