// SPDX-License-Identifier: GPL-2.0
/*
 * ls [-a] [-l] [-1] [PATH...]: the entries of each directory (getdents64),
 * sorted, without the hidden ones unless -a; in columns on a terminal and
 * one a line otherwise, as coreutils' ls; -l as its long format (Loam's
 * files have no owners but root and no times: the epoch).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../include/uapi/termios.h"
#include "../syscall.h"

#define NR_getdents64 61
#define NR_newfstatat 79
#define NR_ioctl 29

/* Linux's struct linux_dirent64. */
struct dirent64 {
	unsigned long d_ino;
	long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* The part of riscv64's struct stat (asm-generic/stat.h) that ls shows. */
struct kstat64 {
	unsigned long st_dev, st_ino;
	unsigned int st_mode, st_nlink, st_uid, st_gid;
	unsigned long st_rdev, pad1;
	long st_size;
	int st_blksize, pad2;
	long st_blocks, times[6];
	unsigned int unused[2];
};

static bool opt_all, opt_long, opt_one;

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "drwxr-xr-x" of @mode. */
static void mode_string(unsigned int mode, char *s)
{
	static const char types[] = "?pc?d?b?-?l?s???";
	int i;

	s[0] = types[(mode >> 12) & 15];
	for (i = 0; i < 9; i++)
		s[1 + i] = mode & (0400 >> i) ? "rwx"[i % 3] : '-';
	s[10] = '\0';
}

static void show_long(const char *dir, const char *name)
{
	char path[4096], mode[11];
	struct kstat64 st;
	long r;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	r = syscall6(NR_newfstatat, AT_FDCWD, (long)(dir ? path : name), (long)&st, 0, 0, 0);
	if (r < 0) {
		printf("?????????? ? ?    ?           ? %s\n", name);
		return;
	}
	mode_string(st.st_mode, mode);
	printf("%s %u root root %8ld Jan  1  1970 %s\n", mode, st.st_nlink, st.st_size, name);
}

/* Print @names (@n of them) in columns that fit 80 characters (a terminal's width). */
static void show_columns(char **names, int n)
{
	int width = 1, cols, rows, r, c, i;

	for (i = 0; i < n; i++)
		if ((int)strlen(names[i]) + 2 > width)
			width = strlen(names[i]) + 2;
	cols = 80 / width ? 80 / width : 1;
	rows = (n + cols - 1) / cols;
	for (r = 0; r < rows; r++) {
		for (c = 0; c < cols && (i = c * rows + r) < n; c++)
			printf("%-*s", (c + 1) * rows + r < n ? width : 0, names[i]);
		printf("\n");
	}
}

static void show(const char *dir, char **names, int n)
{
	struct termios t;
	int i;

	qsort(names, n, sizeof(*names), by_name);
	if (opt_long)
		for (i = 0; i < n; i++)
			show_long(dir, names[i]);
	else if (!opt_one && syscall6(NR_ioctl, 1, TCGETS, (long)&t, 0, 0, 0) == 0)
		show_columns(names, n);
	else
		for (i = 0; i < n; i++)
			printf("%s\n", names[i]);
}

/* List directory @path: 0, or -errno. */
static long list_dir(const char *path)
{
	static char buf[8192];
	char **names = NULL;
	int n = 0, max = 0;
	long fd, len, off;
	struct dirent64 *d;

	fd = sys_openat(AT_FDCWD, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
	if (fd < 0)
		return fd;
	while ((len = syscall6(NR_getdents64, fd, (long)buf, sizeof(buf), 0, 0, 0)) > 0) {
		for (off = 0; off < len; off += d->d_reclen) {
			d = (struct dirent64 *)(buf + off);
			if (d->d_name[0] == '.' && !opt_all)
				continue;
			if (n == max) {
				max = max ? 2 * max : 64;
				names = realloc(names, max * sizeof(*names));
			}
			names[n++] = strdup(d->d_name);
		}
	}
	sys_close(fd);
	if (len < 0)
		return len;
	show(path, names, n);
	return 0;
}

int main(int argc, char **argv)
{
	int i, status = 0;
	const char *p;
	long err;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++)
		for (p = argv[i] + 1; *p; p++) {
			opt_all |= *p == 'a';
			opt_long |= *p == 'l';
			opt_one |= *p == '1';
		}
	if (i == argc)
		return list_dir(".") ? 2 : 0;
	for (int first = i; i < argc; i++) {
		/* Several directories: each under its name, as coreutils' ls does. */
		if (argc - first > 1)
			printf("%s%s:\n", i > first ? "\n" : "", argv[i]);
		err = list_dir(argv[i]);
		if (err == -ENOTDIR) { /* a file: shown by its name */
			show(NULL, &argv[i], 1);
			continue;
		}
		if (err) {
			fprintf(stderr, "ls: cannot access '%s': %s\n", argv[i], strerror(-err));
			status = 2;
		}
	}
	return status;
}
