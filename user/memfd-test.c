// SPDX-License-Identifier: GPL-2.0
/*
 * memfd-test: shmem files as Linux's mm/memfd.c and mm/shmem.c make them,
 * with raw ecalls. memfd_create()'s errors (flags, a name too long or
 * unreadable) and its close-on-exec flag; the file: fstat (S_IFREG, the
 * size, st_blocks counting the pages it holds), write/read/pwrite64/pread64
 * and lseek with SEEK_DATA and SEEK_HOLE, a write 8 GiB in (the object's
 * tree grows) with the hole before it reading zeroes; ftruncate shrinking
 * (pages past the end freed, the tail of the last page zeroed) and
 * growing; fallocate (allocation, punching a hole, Linux's errors); a
 * MAP_SHARED mapping that shares the object's pages with read and write,
 * a MAP_PRIVATE one whose writes stay its own (also through a punched
 * hole), both named in /proc/self/maps, SIGBUS past the end of the file
 * after a truncation; O_APPEND; 2000 random writes, truncations, holes,
 * stores and reads against a model; the errors of the same calls on a pipe.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../include/uapi/errno.h"
#include "../include/uapi/signal.h"
#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

#define S_IFMT 0170000
#define S_IFREG 0100000
#define GiB (1UL << 30)
#define MODEL_SIZE (64 * 1024)

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

static char buf[3 * 4096];
static char data[10000];

static long memfd_create(const char *name, unsigned int flags)
{
	return syscall6(__NR_memfd_create, (long)name, flags, 0, 0, 0, 0);
}

static long fstat_(int fd, struct linux_stat *st)
{
	return syscall6(__NR_fstat, fd, (long)st, 0, 0, 0, 0);
}

static long pread_(int fd, void *p, size_t n, long off)
{
	return syscall6(__NR_pread64, fd, (long)p, n, off, 0, 0);
}

static long pwrite_(int fd, const void *p, size_t n, long off)
{
	return syscall6(__NR_pwrite64, fd, (long)p, n, off, 0, 0);
}

static long ftruncate_(int fd, long len)
{
	return syscall6(__NR_ftruncate, fd, len, 0, 0, 0, 0);
}

static long fallocate_(int fd, int mode, long off, long len)
{
	return syscall6(__NR_fallocate, fd, mode, off, len, 0, 0);
}

static bool expect(long r, long want, const char *what)
{
	return tap_ok(r == want, "%s: %ld (want %ld)", what, r, want);
}

static long size_of(int fd)
{
	struct linux_stat st;

	return fstat_(fd, &st) ? -1 : st.st_size;
}

static long blocks_of(int fd)
{
	struct linux_stat st;

	return fstat_(fd, &st) ? -1 : st.st_blocks;
}

/* Bytes [off, off + n) of @fd all equal @c? */
static bool all_bytes(int fd, long off, size_t n, char c)
{
	size_t i;

	if (n > sizeof(buf) || pread_(fd, buf, n, off) != (long)n)
		return false;
	for (i = 0; i < n; i++)
		if (buf[i] != c)
			return false;
	return true;
}

static void create_errors(void)
{
	char name[251];
	long fd;

	expect(memfd_create("x", 0x100), -EINVAL, "memfd_create with an unknown flag");
	expect(memfd_create("x", MFD_EXEC | MFD_NOEXEC_SEAL), -EINVAL,
	       "memfd_create with MFD_EXEC and MFD_NOEXEC_SEAL");
	expect(memfd_create((const char *)8, 0), -EFAULT, "memfd_create with a bad name pointer");
	memset(name, 'n', 250);
	name[250] = 0;
	expect(memfd_create(name, 0), -EINVAL, "memfd_create with a 250-byte name");
	name[249] = 0;
	fd = memfd_create(name, 0);
	tap_ok(fd >= 0, "memfd_create with a 249-byte name: %ld", fd);
	sys_close(fd);
	fd = memfd_create("cloexec", MFD_CLOEXEC);
	tap_ok(fd >= 0 && sys_fcntl(fd, F_GETFD, 0) == FD_CLOEXEC,
	       "MFD_CLOEXEC sets the descriptor's close-on-exec flag");
	sys_close(fd);
}

static void attributes(void)
{
	struct linux_stat st = { 0 };
	long fd = memfd_create("attrs", 0), fd2 = memfd_create("noexec", MFD_NOEXEC_SEAL);

	tap_ok(fd >= 0 && !fstat_(fd, &st) && (st.st_mode & S_IFMT) == S_IFREG &&
		       (st.st_mode & 07777) == 0777 && st.st_size == 0 && st.st_blocks == 0 &&
		       st.st_nlink == 0,
	       "a new memfd: regular, 0777, empty, no link (mode %o size %ld nlink %u)", st.st_mode,
	       st.st_size, st.st_nlink);
	tap_ok(fd2 >= 0 && !fstat_(fd2, &st) && (st.st_mode & 07777) == 0666,
	       "MFD_NOEXEC_SEAL: mode 0666 (%o)", st.st_mode & 07777);
	sys_close(fd);
	sys_close(fd2);
}

/* write, read, pwrite64, pread64, lseek, and the tree grown by a write 8 GiB in. */
static void read_write(int fd)
{
	size_t i;

	for (i = 0; i < sizeof(data); i++)
		data[i] = 'a' + i % 26;
	expect(sys_write(fd, data, sizeof(data)), sizeof(data), "write 10000 bytes");
	expect(sys_lseek(fd, 0, SEEK_CUR), sizeof(data), "the offset follows the write");
	expect(size_of(fd), sizeof(data), "fstat: the size follows the write");
	expect(sys_read(fd, buf, 10), 0, "read at the end: 0");
	expect(sys_lseek(fd, 4090, SEEK_SET), 4090, "lseek SEEK_SET");
	tap_ok(sys_read(fd, buf, 20) == 20 && !memcmp(buf, data + 4090, 20),
	       "read across a page boundary");
	tap_ok(pread_(fd, buf, 100, 9950) == 50 && !memcmp(buf, data + 9950, 50),
	       "pread64 stops at the end of the file");
	expect(sys_lseek(fd, 0, SEEK_CUR), 4110, "pread64 leaves the offset alone");
	expect(pwrite_(fd, "8GiB", 4, 8 * GiB), 4, "pwrite64 8 GiB in");
	expect(size_of(fd), 8 * GiB + 4, "the size grew to 8 GiB + 4");
	tap_ok(pread_(fd, buf, 4, 8 * GiB) == 4 && !memcmp(buf, "8GiB", 4),
	       "pread64 reads it back");
	buf[0] = 1;
	tap_ok(all_bytes(fd, 4 * GiB, 4096, 0), "the hole between reads zeroes");
	expect(blocks_of(fd), 4 * 8, "st_blocks: 4 pages, the hole holds none");
	expect(sys_lseek(fd, 3 * 4096, SEEK_DATA), 8 * GiB, "SEEK_DATA skips the hole");
	expect(sys_lseek(fd, 100, SEEK_HOLE), 3 * 4096, "SEEK_HOLE finds it");
	expect(sys_lseek(fd, 8 * GiB + 4, SEEK_DATA), -ENXIO, "SEEK_DATA at the end: -ENXIO");
	expect(sys_lseek(fd, 8 * GiB + 2, SEEK_HOLE), 8 * GiB + 4,
	       "SEEK_HOLE in the last data: the end");
	expect(ftruncate_(fd, 1L << 62), 0, "ftruncate to 2^62 bytes");
	expect(sys_lseek(fd, 8 * GiB + 4096, SEEK_DATA), -ENXIO,
	       "SEEK_DATA across 2^62 bytes of hole");
	expect(sys_lseek(fd, 3 * 4096, SEEK_DATA), 8 * GiB, "SEEK_DATA still finds the page");
	expect(ftruncate_(fd, 8 * GiB + 4), 0, "and back: the hole holds no pages to free");
	expect(sys_lseek(fd, -1, SEEK_SET), -EINVAL, "lseek to -1: -EINVAL");
	expect(sys_lseek(fd, 0, SEEK_END), 8 * GiB + 4, "SEEK_END");
}

/* ftruncate shrinking (pages freed, the tail zeroed) and growing; O_APPEND. */
static void truncate(int fd)
{
	expect(ftruncate_(fd, -1), -EINVAL, "ftruncate to -1: -EINVAL");
	expect(ftruncate_(fd, 5000), 0, "ftruncate shrinks to 5000");
	expect(size_of(fd), 5000, "the size is 5000");
	expect(blocks_of(fd), 2 * 8, "st_blocks: the pages past the end are freed");
	expect(ftruncate_(fd, 3 * 4096), 0, "ftruncate grows to 3 pages");
	tap_ok(pread_(fd, buf, 5000, 0) == 5000 && !memcmp(buf, data, 5000),
	       "the bytes before the new end are kept");
	tap_ok(all_bytes(fd, 5000, 3 * 4096 - 5000, 0), "the bytes past it read zeroes");
	expect(sys_fcntl(fd, F_SETFL, O_APPEND), 0, "F_SETFL O_APPEND");
	expect(sys_lseek(fd, 0, SEEK_SET), 0, "lseek to 0");
	expect(sys_write(fd, "end", 3), 3, "write with O_APPEND");
	tap_ok(size_of(fd) == 3 * 4096 + 3 && pread_(fd, buf, 3, 3 * 4096) == 3 &&
		       !memcmp(buf, "end", 3),
	       "O_APPEND wrote at the end");
	sys_fcntl(fd, F_SETFL, 0);
}

static void fallocate(int fd)
{
	expect(fallocate_(fd, 0, 0, 0), -EINVAL, "fallocate of 0 bytes: -EINVAL");
	expect(fallocate_(fd, 0, -1, 1), -EINVAL, "fallocate at -1: -EINVAL");
	expect(fallocate_(fd, FALLOC_FL_PUNCH_HOLE, 0, 4096), -EOPNOTSUPP,
	       "PUNCH_HOLE without KEEP_SIZE: -EOPNOTSUPP");
	expect(fallocate_(fd, 0x100, 0, 4096), -EOPNOTSUPP, "an unknown mode: -EOPNOTSUPP");
	expect(ftruncate_(fd, 0), 0, "ftruncate to 0");
	expect(blocks_of(fd), 0, "st_blocks 0");
	expect(fallocate_(fd, FALLOC_FL_KEEP_SIZE, 0, 2 * 4096), 0, "fallocate KEEP_SIZE");
	tap_ok(size_of(fd) == 0 && blocks_of(fd) == 16, "2 pages held, size still 0");
	expect(fallocate_(fd, 0, 4096, 4096 + 1), 0, "fallocate mode 0");
	tap_ok(size_of(fd) == 2 * 4096 + 1 && blocks_of(fd) == 24,
	       "the size covers the range: 3 pages held");
	pwrite_(fd, "xxxxxxxx", 8, 4092);
	expect(fallocate_(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 4094, 4096 + 2), 0,
	       "punch a hole");
	tap_ok(pread_(fd, buf, 8, 4092) == 8 && !memcmp(buf, "xx\0\0\0\0\0\0", 8) &&
		       all_bytes(fd, 4096, 4096, 0) && size_of(fd) == 2 * 4096 + 1,
	       "the hole reads zeroes, the size stays");
}

/* Does the /proc/self/maps line of the mapping at @addr end with @name? */
static bool maps_names(unsigned long addr, const char *name)
{
	static char text[16384];
	char prefix[32], *line, *end;
	long fd = sys_openat(AT_FDCWD, "/proc/self/maps", O_RDONLY, 0), r;
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

/* A child touching @addr: true if SIGBUS killed it. */
static bool sigbus_at(volatile char *addr)
{
	long pid = fork_child();
	int status = 0;

	if (pid == 0) {
		*addr = 1;
		sys_exit(0);
	}
	return pid > 0 && sys_wait4(pid, &status, 0, NULL) == pid && (status & 0x7f) == SIGBUS;
}

static void mappings(int fd)
{
	char *shared, *private;

	ftruncate_(fd, 0);
	ftruncate_(fd, 2 * 4096 + 100);
	pwrite_(fd, "file", 4, 4096);
	shared = (char *)sys_mmap(0, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	private = (char *)sys_mmap(0, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (!tap_ok(!SYS_ERR(shared) && !SYS_ERR(private), "MAP_SHARED and MAP_PRIVATE of it"))
		return;
	tap_ok(maps_names((unsigned long)shared, " /memfd:memfd-test (deleted)") &&
		       maps_names((unsigned long)private, " /memfd:memfd-test (deleted)"),
	       "/proc/self/maps names both /memfd:memfd-test (deleted)");
	tap_ok(!memcmp(shared + 4096, "file", 4) && !memcmp(private + 4096, "file", 4),
	       "both read what write() put there");
	memcpy(shared + 2 * 4096, "map", 3);
	tap_ok(pread_(fd, buf, 3, 2 * 4096) == 3 && !memcmp(buf, "map", 3),
	       "a store to the shared mapping reaches the file");
	memcpy(private + 4096, "PRIV", 4);
	tap_ok(pread_(fd, buf, 4, 4096) == 4 && !memcmp(buf, "file", 4) &&
		       !memcmp(shared + 4096, "file", 4),
	       "a store to the private mapping stays its own");
	tap_ok(shared[2 * 4096 + 100] == 0, "the last page is zero past the end of the file");
	expect(fallocate_(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 4096, 4096), 0,
	       "punch a hole under both mappings");
	tap_ok(shared[4096] == 0 && !memcmp(private + 4096, "PRIV", 4),
	       "the shared mapping reads the hole, the private copy stays");
	expect(ftruncate_(fd, 4096), 0, "ftruncate to 1 page while mapped");
	tap_ok(sigbus_at(shared + 4096), "shared mapping past the new end: SIGBUS");
	tap_ok(sigbus_at(private + 2 * 4096), "private mapping past the new end: SIGBUS");
	tap_ok(all_bytes(fd, 0, 1, 0) && size_of(fd) == 4096, "the file kept its first page");
	sys_munmap((unsigned long)shared, 3 * 4096);
	sys_munmap((unsigned long)private, 3 * 4096);
}

/*
 * 2000 random writes, truncations, punched holes and reads of a memfd
 * against a model of its bytes (64 KiB at most, unaligned everywhere), also
 * through a shared mapping of the whole range; every read and the final
 * contents must match.
 */
static void random_ops(void)
{
	static char model[MODEL_SIZE], got[MODEL_SIZE];
	long fd = memfd_create("random", 0), size = 0, bad = -1;
	char *map;
	int i;

	map = (char *)sys_mmap(0, MODEL_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (!tap_ok(fd >= 0 && !SYS_ERR(map), "a memfd mapped shared for the random run"))
		return;
	for (i = 0; i < 2000 && bad < 0; i++) {
		long off = rng_below(MODEL_SIZE), len = rng_below(MODEL_SIZE - off) % 9000 + 1;
		long j;

		switch (rng_below(5)) {
		case 0:
			for (j = 0; j < len; j++)
				got[j] = (char)rng_next();
			if (pwrite_(fd, got, len, off) != len)
				bad = i;
			memcpy(model + off, got, len);
			if (off + len > size)
				memset(model + size, 0, off > size ? off - size : 0);
			size = off + len > size ? off + len : size;
			break;
		case 1:
			if (ftruncate_(fd, off))
				bad = i;
			if (off > size)
				memset(model + size, 0, off - size);
			size = off;
			break;
		case 2:
			if (off < size &&
			    fallocate_(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, off, len))
				bad = i;
			if (off < size)
				memset(model + off, 0, (off + len < size ? off + len : size) - off);
			break;
		case 3:
			/* A store through the mapping, within the size (past it: SIGBUS). */
			if (off < size)
				map[off] = model[off] = (char)rng_next();
			break;
		default:
			j = pread_(fd, got, len, off);
			if (j != (off >= size ? 0 : (off + len < size ? len : size - off)) ||
			    memcmp(got, model + off, j))
				bad = i;
		}
	}
	tap_ok(bad < 0 && size_of(fd) == size && pread_(fd, got, size, 0) == size &&
		       !memcmp(got, model, size),
	       "2000 random operations match the model (first bad: %d, size %ld)", (int)bad, size);
	sys_munmap((unsigned long)map, MODEL_SIZE);
	sys_close(fd);
}

static void pipe_errors(void)
{
	int p[2];

	if (syscall6(__NR_pipe2, (long)p, 0, 0, 0, 0, 0))
		return;
	expect(pwrite_(p[1], "x", 1, 0), -ESPIPE, "pwrite64 on a pipe: -ESPIPE");
	expect(ftruncate_(p[1], 0), -EINVAL, "ftruncate of a pipe: -EINVAL");
	expect(fallocate_(p[1], 0, 0, 1), -ESPIPE, "fallocate of a pipe: -ESPIPE");
	expect(fallocate_(p[0], 0, 0, 1), -EBADF, "fallocate of a read-only descriptor: -EBADF");
	sys_close(p[0]);
	sys_close(p[1]);
}

int main(void)
{
	long fd;

	tap_plan(73);
	create_errors();
	attributes();
	fd = memfd_create("memfd-test", 0);
	if (!tap_ok(fd >= 0, "memfd_create: %ld", fd))
		return tap_done();
	read_write(fd);
	truncate(fd);
	fallocate(fd);
	mappings(fd);
	rng_seed(14);
	random_ops();
	pipe_errors();
	sys_close(fd);
	return tap_done();
}
