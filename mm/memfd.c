// SPDX-License-Identifier: GPL-2.0
/*
 * memfd_create(), as Linux 6.12's mm/memfd.c: an anonymous shmem file
 * (mm/shmem.c) behind a new descriptor, named "memfd:NAME" for
 * /proc/self/maps, sized 0 until ftruncate() or write() grows it. Its
 * methods are every shmem file's: read, write, lseek, ftruncate, fallocate,
 * fstat, and mmap shared or private.
 *
 * Loam has no hugetlbfs (Linux without CONFIG_HUGETLBFS), and no file seals:
 * MFD_ALLOW_SEALING is accepted, but fcntl(F_ADD_SEALS, F_GET_SEALS) says
 * -EINVAL, as for a file that cannot be sealed.
 */
#include <file.h>
#include <fs.h>
#include <initramfs.h>
#include <shmem_fs.h>
#include <slab.h>
#include <string.h>
#include <uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#define MFD_NAME_PREFIX "memfd:"
#define MFD_NAME_PREFIX_LEN (sizeof(MFD_NAME_PREFIX) - 1)
/* The longest name: "memfd:NAME" fits a path component (NAME_MAX). */
#define MFD_NAME_MAX_LEN (NAME_MAX - MFD_NAME_PREFIX_LEN)
#define MFD_ALL_FLAGS (MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_HUGETLB | MFD_NOEXEC_SEAL | MFD_EXEC)

/*
 * The flags memfd_create() accepts: MFD_HUGETLB may carry a page size in
 * the top bits; MFD_EXEC and MFD_NOEXEC_SEAL exclude each other.
 */
static int memfd_check_flags(unsigned int flags)
{
	unsigned int valid = MFD_ALL_FLAGS;

	if (flags & MFD_HUGETLB)
		valid |= (unsigned int)MFD_HUGE_MASK << MFD_HUGE_SHIFT;
	if (flags & ~valid)
		return -EINVAL;
	if ((flags & MFD_EXEC) && (flags & MFD_NOEXEC_SEAL))
		return -EINVAL;
	return 0;
}

/*
 * Linux's alloc_name(): "/memfd:" and the user's name, -EFAULT if it cannot
 * be read, -EINVAL if longer than MFD_NAME_MAX_LEN. The leading "/" is
 * what d_path() adds for /proc.
 */
static char *memfd_alloc_name(const char __user *uname, int *err)
{
	char *name = kmalloc(1 + MFD_NAME_PREFIX_LEN + MFD_NAME_MAX_LEN + 1, GFP_KERNEL);
	long len;

	*err = -ENOMEM;
	if (!name)
		return NULL;
	strlcpy(name, "/" MFD_NAME_PREFIX, 1 + MFD_NAME_PREFIX_LEN + 1);
	len = strncpy_from_user(name + 1 + MFD_NAME_PREFIX_LEN, uname, MFD_NAME_MAX_LEN + 1);
	*err = len < 0 ? -EFAULT : len > MFD_NAME_MAX_LEN ? -EINVAL : 0;
	if (*err) {
		kfree(name);
		return NULL;
	}
	return name;
}

/*
 * The system call (declared in <syscalls.h>, which mm/ leaves out: its
 * signal types clash with the host's in the host tests).
 */
long sys_memfd_create(const char __user *uname, unsigned long uflags)
{
	unsigned int flags = uflags, mode = 0777;
	struct file *file;
	char *name;
	int fd, err;

	err = memfd_check_flags(flags);
	if (err)
		return err;
	/* vm.memfd_noexec is 0: without either flag the file is executable (MFD_EXEC). */
	if (flags & MFD_NOEXEC_SEAL)
		mode &= ~S_IXUGO;
	name = memfd_alloc_name(uname, &err);
	if (!name)
		return err;
	fd = get_unused_fd_flags(flags & MFD_CLOEXEC ? O_CLOEXEC : 0);
	if (fd < 0) {
		kfree(name);
		return fd;
	}
	/* hugetlb_file_setup() of a kernel without CONFIG_HUGETLBFS. */
	if (flags & MFD_HUGETLB) {
		kfree(name);
		put_unused_fd(fd);
		return -ENOSYS;
	}
	file = shmem_file_setup(name, mode, O_RDWR | O_LARGEFILE);
	if (!file) {
		put_unused_fd(fd);
		return -ENOMEM;
	}
	fd_install(fd, file);
	return fd;
}
