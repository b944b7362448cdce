// SPDX-License-Identifier: GPL-2.0
/*
 * glibc-pipe: glibc's pipe() (pipe2 with flags 0 on riscv64), fork(),
 * read() and write() as a shell pipeline uses them. The child writes
 * 256 KiB with stdio (fwrite() through a FILE from fdopen()), the parent
 * reads it with read() and checks every byte, sees EOF once the child is
 * gone, and then a write() with no reader left fails with EPIPE while
 * SIGPIPE is ignored. TAP on stdout, the same under qemu-riscv64.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define TOTAL (256 * 1024)

static int n;

static void ok(int cond, const char *what)
{
	printf("%sok %d - %s\n", cond ? "" : "not ", ++n, what);
}

static unsigned char byte_at(long i)
{
	return (i * 13 + (i >> 10)) & 0xff;
}

/* The child: TOTAL bytes through stdio, exit 0 if fwrite and fclose took them. */
static void writer(int fd)
{
	FILE *f = fdopen(fd, "w");
	long i;

	for (i = 0; f && i < TOTAL; i++)
		if (fputc(byte_at(i), f) == EOF)
			_exit(1);
	_exit(f && fclose(f) == 0 ? 0 : 2);
}

/* Read to EOF: the bytes read, or -1 at the first wrong one. */
static long reader(int fd)
{
	static unsigned char buf[5000];
	long pos = 0, got, i;

	while ((got = read(fd, buf, sizeof(buf))) > 0) {
		for (i = 0; i < got; i++)
			if (buf[i] != byte_at(pos + i))
				return -1;
		pos += got;
	}
	return got < 0 ? -1 : pos;
}

int main(void)
{
	struct stat st;
	int fd[2], status = -1;
	pid_t pid;

	printf("1..5\n");
	ok(pipe(fd) == 0 && fstat(fd[0], &st) == 0 && S_ISFIFO(st.st_mode),
	   "pipe(): two descriptors, the read end a FIFO");
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(fd[0]);
		writer(fd[1]);
	}
	close(fd[1]);
	ok(reader(fd[0]) == TOTAL,
	   "256 KiB from the forked child through fwrite(), every byte checked");
	ok(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "the child's stdio writes all went in");
	ok(read(fd[0], &status, 1) == 0, "read() after the writer is gone: 0 (EOF)");
	close(fd[0]);
	signal(SIGPIPE, SIG_IGN);
	ok(pipe(fd) == 0 && close(fd[0]) == 0 && write(fd[1], "x", 1) == -1 && errno == EPIPE,
	   "write() with no reader, SIGPIPE ignored: EPIPE");
	return 0;
}
