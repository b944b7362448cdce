// SPDX-License-Identifier: GPL-2.0
/*
 * glibc-fork: glibc's own fork(), built by Debian's riscv64-linux-gnu-gcc
 * -static. glibc's fork() is clone(CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID
 * | SIGCHLD) with the thread's tid word, then its atfork handlers and, in the
 * child, its own state reset (stdio locks, the tid cache: getpid() in the
 * child must be the child's). The child checks the parent's heap and stack
 * data, writes its own, and exits with a status the parent checks with
 * waitpid(); the parent's data stays its own. TAP on stdout, the same under
 * qemu-riscv64.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define WORDS (256 * 1024) /* 2 MiB of longs on the heap */

static int n;

static void ok(int cond, const char *what)
{
	printf("%sok %d - %s\n", cond ? "" : "not ", ++n, what);
}

/* The number of words that do not hold @tag ^ i. */
static long check(const long *p, long tag)
{
	long i, bad = 0;

	for (i = 0; i < WORDS; i++)
		bad += p[i] != (tag ^ i);
	return bad;
}

static void fill(long *p, long tag)
{
	long i;

	for (i = 0; i < WORDS; i++)
		p[i] = tag ^ i;
}

int main(void)
{
	long *heap = malloc(WORDS * sizeof(long));
	pid_t parent = getpid(), pid;
	char stack_buf[64];
	int status = -1;

	printf("1..4\n");
	fflush(stdout);
	if (!heap) {
		ok(0, "malloc 2 MiB");
		return 1;
	}
	fill(heap, 0x1111);
	strcpy(stack_buf, "parent's stack");
	pid = fork();
	if (pid == 0) {
		int bad = getpid() == parent || getppid() != parent;

		bad |= (check(heap, 0x1111) != 0) << 1;
		bad |= (strcmp(stack_buf, "parent's stack") != 0) << 2;
		fill(heap, 0x2222);
		strcpy(stack_buf, "child's stack");
		bad |= (check(heap, 0x2222) != 0) << 3;
		_exit(bad);
	}
	ok(pid > 0 && pid != parent, "fork() returns the child's pid in the parent");
	ok(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "child: its own pid, the parent's heap and stack data, then its own writes");
	ok(check(heap, 0x1111) == 0, "parent: its heap untouched by the child's writes");
	ok(strcmp(stack_buf, "parent's stack") == 0, "parent: its stack untouched");
	free(heap);
	return n == 4 ? 0 : 1;
}
