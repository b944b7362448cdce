// SPDX-License-Identifier: GPL-2.0
/*
 * What picolibc expects the system to provide: the C entry point after
 * crt0.S, sbrk() over the brk system call (so malloc() really drives brk),
 * stdout/stderr over write(), and _exit().
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "syscall.h"

int main(int argc, char **argv, char **envp);

static unsigned long *auxv;

/* crt0.S passes the initial stack pointer: argc, argv, envp, auxv. */
void __attribute__((noreturn)) __loam_start(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char **p = envp;

	while (*p)
		p++;
	auxv = (unsigned long *)(p + 1);
	environ = envp;
	exit(main(argc, argv, envp));
}

unsigned long getauxval(unsigned long type)
{
	unsigned long *a;

	for (a = auxv; a[0] != AT_NULL; a += 2)
		if (a[0] == type)
			return a[1];
	errno = ENOENT;
	return 0;
}

void *sbrk(ptrdiff_t incr)
{
	static uintptr_t cur;
	uintptr_t old;

	if (!cur)
		cur = sys_brk(0);
	old = cur;
	/* brk returns the new break on success and the old one on failure. */
	if (incr && (uintptr_t)sys_brk(old + incr) != old + incr) {
		errno = ENOMEM;
		return (void *)-1;
	}
	cur = old + incr;
	return (void *)old;
}

void _exit(int status)
{
	sys_exit_group(status);
}

/*
 * Line-buffered output: one write() per line, so a line is never split
 * between two system calls and does not mix with the kernel's messages on a
 * shared console (a "segfault at" line, for instance).
 */
struct line_file {
	FILE file;
	int fd;
	size_t len;
	char buf[256];
};

static int line_flush(FILE *f)
{
	struct line_file *lf = (struct line_file *)f;
	size_t done = 0;
	long n;

	while (done < lf->len) {
		n = sys_write(lf->fd, lf->buf + done, lf->len - done);
		if (n <= 0) {
			lf->len = 0;
			return EOF;
		}
		done += n;
	}
	lf->len = 0;
	return 0;
}

static int line_put(char c, FILE *f)
{
	struct line_file *lf = (struct line_file *)f;

	lf->buf[lf->len++] = c;
	if (c == '\n' || lf->len == sizeof(lf->buf))
		if (line_flush(f))
			return EOF;
	return (unsigned char)c;
}

static struct line_file out = {
	.file = FDEV_SETUP_STREAM(line_put, NULL, line_flush, _FDEV_SETUP_WRITE),
	.fd = 1,
};
static struct line_file err = {
	.file = FDEV_SETUP_STREAM(line_put, NULL, line_flush, _FDEV_SETUP_WRITE),
	.fd = 2,
};

FILE *const stdout = &out.file;
FILE *const stderr = &err.file;

/* exit() runs the fini array: flush a last line without '\n'. */
static void __attribute__((destructor)) flush_std(void)
{
	fflush(stdout);
	fflush(stderr);
}
