/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Open files, after Linux's include/linux/fs.h. A struct file is an open
 * file: its methods (struct file_operations), access mode, offset and
 * references (descriptors, and the VMAs that map it: vma->vm_file). The
 * last fput() releases it through f_op->release, which frees what stands
 * behind it. The kinds there are: the console (kernel/tty.c), the /proc
 * reports (kernel/procfs.c), an executable of the initrd opened by execve
 * (kernel/initramfs.c), a shmem file (mm/shmem.c: behind MAP_SHARED|
 * MAP_ANONYMOUS memory, or a memfd), and the two ends of a pipe
 * (kernel/pipe.c).
 *
 * A file's pages belong to its address_space, file->f_mapping, which Linux
 * keeps in the file's inode. Loam has no inodes: the address_space is
 * embedded in the object that owns the pages (a shmem object), or for an
 * initrd member, whose bytes stay in the archive, in its open file.
 */
#ifndef LOAM_FS_H
#define LOAM_FS_H

#include <list.h>
#include <rwsem.h>
#include <spinlock.h>
#include <types.h>

#ifndef __user
#define __user /* a user-space pointer (as <uaccess.h>) */
#endif

/* f_mode: what the file was opened for (Linux's OPEN_FMODE() of the flags). */
#define FMODE_READ 0x1
#define FMODE_WRITE 0x2
/* Offsets are addresses, 2^63 and above too (Linux's, for /proc/PID/mem). */
#define FMODE_UNSIGNED_OFFSET 0x2000
/* An O_PATH file: a place, not for I/O; fget() does not see it, fget_raw() does. */
#define FMODE_PATH 0x4000

struct file;
struct poll_table_struct;
struct vm_area_struct;

/*
 * What fstat() reports of a file (Linux's struct kstat, the part Loam's
 * files have): kernel/stat.c turns it into the user's struct stat.
 */
struct kstat {
	unsigned int mode; /* S_IFMT type and permission bits */
	unsigned int nlink;
	unsigned int rdev; /* a device's number, new_encode_dev() form */
	long size;
	/* 512-byte units the file holds; kernel/stat.c fills in size / 512 for a getattr that leaves it -1 */
	long blocks;
	unsigned long blksize; /* the preferred I/O size */
};

/*
 * The pages of a file (page->mapping, page->index for a shmem object's).
 * Loam's files have no page cache to read or write back, so there are no
 * address_space_operations.
 *
 * i_mmap is the file's reverse map: every VMA that maps the file, through
 * vma->shared (mm/vma.c links it when the VMA enters an mm and unlinks it
 * when the VMA is freed). Linux keeps them in an interval tree by file
 * offset, so that a walk visits only the VMAs covering a page; Loam keeps a
 * list, as Linux did before 2.6.7 (prio_tree), since a shmem object has few
 * mappings (one per process that shares it) and a walk checks each VMA's
 * range in a few instructions. i_mmap_rwsem is Linux's: the walks
 * (reclaim's rmap_walk_file(), unmap_mapping_pages()) take it for reading,
 * linking, unlinking and moving a VMA's bounds for writing.
 */
struct address_space {
	unsigned long size; /* the file's bytes (Linux's host->i_size) */
	struct list_head i_mmap;
	struct rw_semaphore i_mmap_rwsem;
};

/* An empty reverse map for a new address_space (Linux's address_space_init_once()). */
static inline void address_space_init_once(struct address_space *mapping)
{
	INIT_LIST_HEAD(&mapping->i_mmap);
	init_rwsem(&mapping->i_mmap_rwsem);
}

/* An open file's methods; NULL ones give Linux's answer for a file without them. */
/*
 * The device number stat() shows for @major:@minor (Linux's
 * new_encode_dev(MKDEV(major, minor)), include/linux/kdev_t.h).
 */
static inline unsigned int new_encode_dev(unsigned int major, unsigned int minor)
{
	return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}

struct file_operations {
	/*
	 * Read from *@ppos, which the method advances by what it read: the
	 * file's offset for read(), pread64()'s own (Linux's read method).
	 * NULL: -EINVAL.
	 */
	long (*read)(struct file *f, char __user *buf, size_t count, long *ppos);
	/*
	 * Write at *@ppos, which the method advances by what it wrote: the
	 * file's offset for write() (a file that has none ignores it),
	 * pwrite64()'s own (Linux's write method). NULL: -EINVAL.
	 */
	long (*write)(struct file *f, const char __user *buf, size_t count, long *ppos);
	long (*llseek)(struct file *f, long offset, unsigned int whence); /* NULL: -ESPIPE */
	/*
	 * A new VMA maps @f (vma->vm_file set): set vma->vm_ops, or say why
	 * not. mmap_region() calls it before the VMA goes in. NULL: -ENODEV.
	 */
	int (*mmap)(struct file *f, struct vm_area_struct *vma);
	void (*release)(struct file *f); /* the last reference is gone */
	/*
	 * fstat(): fill @stat (Linux keeps getattr in inode_operations; Loam's
	 * files have no inode). Every kind of file a descriptor can hold has one.
	 */
	void (*getattr)(struct file *f, struct kstat *stat);
	/* ioctl() (Linux's unlocked_ioctl); NULL: -ENOTTY. */
	long (*unlocked_ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	/*
	 * ppoll(): the POLL* events that hold now, and poll_wait() on the
	 * queues that announce a change (<poll.h>). NULL: always ready.
	 */
	unsigned int (*poll)(struct file *f, struct poll_table_struct *wait);
	/*
	 * ftruncate() to @length (Linux's setattr with ATTR_SIZE, in its
	 * inode_operations). NULL: the file cannot be resized (-EINVAL).
	 */
	int (*truncate)(struct file *f, long length);
	/* fallocate() (vfs_fallocate() checked the arguments); NULL: -EOPNOTSUPP. */
	long (*fallocate)(struct file *f, int mode, long offset, long len);
};

struct file {
	int f_count; /* references: descriptors (in any task), VMAs, an exec */
	unsigned int f_flags; /* open()'s flags (fcntl F_GETFL) */
	unsigned int f_mode; /* FMODE_READ, FMODE_WRITE */
	const struct file_operations *f_op;
	struct address_space *f_mapping; /* NULL for a file without pages */
	void *private_data; /* the kind's own (a pipe's struct pipe_inode_info) */
	spinlock_t f_pos_lock;
	long f_pos;
};

/*
 * Linux's getname() (fs/namei.c): the user's path into @buf (PATH_MAX
 * bytes); its length, or -EFAULT, -ENAMETOOLONG, -ENOENT for "".
 * kernel/open.c.
 */
long getname(char *buf, const char __user *filename);

/*
 * Set up a new struct file with one reference, the mode from open()'s
 * @flags, no f_mapping (kernel/file_table.c).
 */
void init_file(struct file *f, const struct file_operations *fop, unsigned int flags);

/* Another reference to @f (dup, clone, a VMA). */
static inline struct file *get_file(struct file *f)
{
	__atomic_fetch_add(&f->f_count, 1, __ATOMIC_RELAXED);
	return f;
}

/* Drop a reference to @f: the last calls f_op->release (kernel/file_table.c). */
void fput(struct file *f);

#endif
