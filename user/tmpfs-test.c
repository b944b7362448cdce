// SPDX-License-Identifier: GPL-2.0
/*
 * tmpfs-test: files created by name in /tmp, with raw ecalls, as Linux's
 * open(2), unlink(2) and O_TMPFILE answer on a tmpfs: /tmp a sticky
 * directory; O_CREAT with the mode, O_EXCL, O_TRUNC, two descriptors on one
 * file; the path walk ("." and "..", a trailing slash, a component after a
 * file, a name over NAME_MAX); O_CREAT|O_DIRECTORY and O_TMPFILE's flag
 * rules; unlinkat and its errors, the file living on while open and while
 * mapped ("(deleted)" in /proc/self/maps); relative names under chdir; an
 * O_TMPFILE file; getdents64 of /tmp listing a created file as a regular
 * one until it is unlinked. The names
 * carry the pid: under qemu-riscv64 /tmp is the host's.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../include/uapi/errno.h"
#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

#define S_IFMT 0170000
#define S_IFDIR 0040000
#define S_IFREG 0100000
#define O_TMPFILE (__O_TMPFILE | O_DIRECTORY)

/* asm-generic struct stat, as riscv64 has it. */
struct linux_stat {
	unsigned long st_dev, st_ino;
	unsigned int st_mode, st_nlink, st_uid, st_gid;
	unsigned long st_rdev, pad1;
	long st_size;
	int st_blksize, pad2;
	long st_blocks;
	long times[6];
	unsigned int unused[2];
};

static char path[300], buf[4096];

static long stat_(const char *p, struct linux_stat *st)
{
	return syscall6(__NR_newfstatat, AT_FDCWD, (long)p, (long)st, 0, 0, 0);
}

static long fstat_(int fd, struct linux_stat *st)
{
	return syscall6(__NR_fstat, fd, (long)st, 0, 0, 0, 0);
}

static long unlinkat_(const char *p, int flags)
{
	return syscall6(__NR_unlinkat, AT_FDCWD, (long)p, flags, 0, 0, 0);
}

static long open_(const char *p, int flags, int mode)
{
	return sys_openat(AT_FDCWD, p, flags, mode);
}

static bool expect(long r, long want, const char *what)
{
	return tap_ok(r == want, "%s: %ld (want %ld)", what, r, want);
}

/* @p with the pid: "/tmp/tmpfs-test.PID@suffix". */
static const char *named(const char *suffix)
{
	snprintf(path, sizeof(path), "/tmp/tmpfs-test.%ld%s", sys_getpid(), suffix);
	return path;
}

/* The /proc/self/maps line of the mapping at @addr ends with @name? */
static bool maps_names(unsigned long addr, const char *name)
{
	static char text[16384];
	char prefix[32], *line, *end;
	long fd = open_("/proc/self/maps", O_RDONLY, 0), r;
	size_t len = 0;

	if (fd < 0)
		return false;
	while (len < sizeof(text) - 1 && (r = sys_read(fd, text + len, sizeof(text) - 1 - len)) > 0)
		len += r;
	sys_close(fd);
	text[len] = 0;
	snprintf(prefix, sizeof(prefix), "%lx-", addr);
	line = strstr(text, prefix);
	if (!line || (line != text && line[-1] != '\n'))
		return false;
	end = strchr(line, '\n');
	if (end)
		*end = 0;
	return strlen(line) > strlen(name) && !strcmp(line + strlen(line) - strlen(name), name);
}

static void directory(void)
{
	struct linux_stat st = { 0 };

	tap_ok(!stat_("/tmp", &st) && st.st_mode == (S_IFDIR | 01777),
	       "/tmp is a sticky directory everyone may write (%o)", st.st_mode);
	expect(open_("/tmp", O_RDWR | O_CREAT, 0600), -EISDIR, "O_CREAT of /tmp itself");
	expect(unlinkat_("/tmp", 0), -EISDIR, "unlink /tmp");
	expect(open_(named(""), O_RDONLY, 0), -ENOENT, "open of a name not there");
	expect(stat_(named(""), &st), -ENOENT, "stat of it");
	expect(unlinkat_(named(""), 0), -ENOENT, "unlink of it");
}

static void create_and_open(void)
{
	struct linux_stat st = { 0 };
	long fd, fd2;

	fd = open_(named(""), O_RDWR | O_CREAT | O_EXCL, 0600);
	tap_ok(fd >= 0, "O_CREAT|O_EXCL makes it: %ld", fd);
	tap_ok(!fstat_(fd, &st) && st.st_mode == (S_IFREG | 0600) && st.st_nlink == 1 &&
		       st.st_size == 0,
	       "regular, mode 0600, one link, empty (%o, %u)", st.st_mode, st.st_nlink);
	expect(open_(named(""), O_RDWR | O_CREAT | O_EXCL, 0600), -EEXIST, "O_EXCL again");
	expect(sys_write(fd, "hello, tmpfs", 12), 12, "write");
	fd2 = open_(named(""), O_RDONLY | O_CREAT, 0600);
	tap_ok(fd2 >= 0 && sys_read(fd2, buf, sizeof(buf)) == 12 &&
		       !memcmp(buf, "hello, tmpfs", 12),
	       "O_CREAT of an existing name opens the same file");
	sys_close(fd2);
	tap_ok(!stat_("/tmp/../tmp/./", &st) && (st.st_mode & S_IFMT) == S_IFDIR,
	       "/tmp/../tmp/./ is /tmp");
	snprintf(buf, sizeof(buf), "/tmp/../tmp/.//tmpfs-test.%ld", sys_getpid());
	tap_ok(!stat_(buf, &st) && st.st_size == 12, "stat through . and .. finds it");
	expect(stat_(named("/"), &st), -ENOTDIR, "a trailing slash after a file");
	expect(open_(named("/x"), O_RDWR | O_CREAT, 0600), -ENOTDIR, "O_CREAT below a file");
	expect(open_(named(".new"), O_RDWR | O_CREAT | O_DIRECTORY, 0600), -EINVAL,
	       "O_CREAT|O_DIRECTORY");
	expect(open_(named(".new/"), O_RDWR | O_CREAT, 0600), -EISDIR,
	       "O_CREAT of a new name with a trailing slash");
	expect(open_(named(""), O_RDONLY | O_DIRECTORY, 0), -ENOTDIR, "O_DIRECTORY of a file");
	memcpy(buf, "/tmp/", 5);
	memset(buf + 5, 'n', 256);
	buf[5 + 256] = 0;
	expect(open_(buf, O_RDWR | O_CREAT, 0600), -ENAMETOOLONG, "a 256-byte name");
	fd2 = open_(named(""), O_WRONLY | O_TRUNC, 0);
	tap_ok(fd2 >= 0 && !fstat_(fd, &st) && st.st_size == 0, "O_TRUNC empties it for all");
	sys_close(fd2);
	sys_close(fd);
}

static void unlink_while_used(void)
{
	struct linux_stat st = { 0 };
	long fd = open_(named(""), O_RDWR, 0);
	char *map;

	expect(sys_write(fd, "kept", 4), 4, "write it again");
	map = (char *)sys_mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (!tap_ok(!SYS_ERR(map), "MAP_SHARED of it"))
		return;
	tap_ok(maps_names((unsigned long)map, named("")), "/proc/self/maps names it");
	expect(unlinkat_(named(""), AT_REMOVEDIR), -ENOTDIR, "rmdir of a file");
	expect(unlinkat_(named(""), 0x1), -EINVAL, "unlinkat with an unknown flag");
	expect(unlinkat_(named(""), 0), 0, "unlink it");
	expect(stat_(named(""), &st), -ENOENT, "the name is gone");
	tap_ok(!fstat_(fd, &st) && st.st_nlink == 0 && st.st_size == 4,
	       "the open file lives on, no link (nlink %u)", st.st_nlink);
	snprintf(buf, sizeof(buf), "%s (deleted)", named(""));
	tap_ok(maps_names((unsigned long)map, buf), "maps says (deleted)");
	sys_close(fd);
	tap_ok(!memcmp(map, "kept", 4), "the mapping still reads it after close");
	sys_munmap((unsigned long)map, 4096);
	fd = open_(named(""), O_RDWR | O_CREAT | O_EXCL, 0600);
	tap_ok(fd >= 0 && !fstat_(fd, &st) && st.st_size == 0, "the name is free for a new file");
	sys_close(fd);
	expect(unlinkat_(named(""), 0), 0, "unlink the new file");
}

/* A working directory in /tmp: relative names are made, found and removed there. */
static void relative(void)
{
	struct linux_stat st = { 0 };
	char rel[64];
	long fd = open_("/tmp", O_RDONLY | O_DIRECTORY, 0);

	tap_ok(fd >= 0, "/tmp opens as a directory: %ld", fd);
	sys_close(fd);
	snprintf(rel, sizeof(rel), "rel.%ld", sys_getpid());
	expect(syscall6(__NR_chdir, (long)"/tmp", 0, 0, 0, 0, 0), 0, "chdir /tmp");
	fd = open_(rel, O_RDWR | O_CREAT | O_EXCL, 0600);
	tap_ok(fd >= 0, "a relative name is made there: %ld", fd);
	snprintf(buf, sizeof(buf), "/tmp/%s", rel);
	tap_ok(!stat_(buf, &st) && (st.st_mode & S_IFMT) == S_IFREG, "and found by its full path");
	sys_close(fd);
	expect(unlinkat_(rel, 0), 0, "unlink it by the relative name");
	expect(stat_(buf, &st), -ENOENT, "gone");
	syscall6(__NR_chdir, (long)"/", 0, 0, 0, 0, 0);
}

/* Whether getdents64 of /tmp lists @name, and as what (d_type), read 512 bytes at a time. */
static int listed_type(const char *name)
{
	static char dents[512];
	long fd = open_("/tmp", O_RDONLY | O_DIRECTORY, 0), n, off;
	int type = -1;

	if (fd < 0)
		return -2;
	while ((n = syscall6(__NR_getdents64, fd, (long)dents, sizeof(dents), 0, 0, 0)) > 0)
		for (off = 0; off < n; off += *(unsigned short *)(dents + off + 16))
			if (!strcmp(dents + off + 19, name))
				type = dents[off + 18];
	sys_close(fd);
	return n ? -3 : type;
}

static void listing(void)
{
	const char *name = strrchr(named(".ls"), '/') + 1;
	long fd = open_(path, O_RDWR | O_CREAT | O_EXCL, 0600);

	tap_ok(fd >= 0 && listed_type(name) == 8 /* DT_REG */,
	       "getdents64 of /tmp lists a created file as a regular file (%d)", listed_type(name));
	sys_close(fd);
	expect(unlinkat_(named(".ls"), 0), 0, "unlink it");
	expect(listed_type(strrchr(path, '/') + 1), -1, "getdents64 no longer lists it");
}

static void o_tmpfile(void)
{
	struct linux_stat st = { 0 };
	long fd;

	expect(open_("/tmp", O_TMPFILE | O_RDONLY, 0600), -EINVAL, "O_TMPFILE read-only");
	expect(open_("/tmp", __O_TMPFILE | O_RDWR, 0600), -EINVAL,
	       "__O_TMPFILE without O_DIRECTORY");
	expect(open_("/tmp", O_TMPFILE | O_CREAT | O_RDWR, 0600), -EINVAL,
	       "O_TMPFILE with O_CREAT");
	expect(open_(named(".none"), O_TMPFILE | O_RDWR, 0600), -ENOENT,
	       "O_TMPFILE in a directory not there");
	fd = open_("/tmp", O_TMPFILE | O_RDWR, 0600);
	tap_ok(fd >= 0 && !fstat_(fd, &st) && st.st_mode == (S_IFREG | 0600) && st.st_nlink == 0,
	       "O_TMPFILE: a regular file without a name (%o, nlink %u)", st.st_mode, st.st_nlink);
	tap_ok(sys_write(fd, "tmp", 3) == 3 && sys_lseek(fd, 0, SEEK_SET) == 0 &&
		       sys_read(fd, buf, 8) == 3 && !memcmp(buf, "tmp", 3),
	       "it reads back what was written");
	sys_close(fd);
}

int main(void)
{
	tap_plan(47);
	directory();
	create_and_open();
	unlink_while_used();
	relative();
	o_tmpfile();
	listing();
	return tap_done();
}
