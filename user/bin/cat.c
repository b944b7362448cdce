// SPDX-License-Identifier: GPL-2.0
/* cat [FILE...]: each file (or stdin, or "-") to stdout, as coreutils' cat without options. */
#include <stdio.h>
#include <string.h>

#include "../lib/tools.h"
#include "../syscall.h"

static char buf[16384];

/* Copy @fd to stdout: 0, or the -errno of a failed read or write. */
static long copy_fd(int fd)
{
	long n, err;

	while ((n = sys_read(fd, buf, sizeof(buf))) > 0) {
		err = write_all(1, buf, n);
		if (err)
			return err;
	}
	return n;
}

int main(int argc, char **argv)
{
	int i, status = 0;
	long fd, err;

	if (argc < 2)
		return copy_fd(0) ? 1 : 0;
	for (i = 1; i < argc; i++) {
		fd = strcmp(argv[i], "-") ? sys_openat(AT_FDCWD, argv[i], O_RDONLY, 0) : 0;
		err = fd < 0 ? fd : copy_fd(fd);
		if (fd > 0)
			sys_close(fd);
		if (err) {
			fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(-err));
			status = 1;
		}
	}
	return status;
}
