// SPDX-License-Identifier: GPL-2.0
/*
 * The writable directories: files created by name, as Linux keeps them in a
 * tmpfs (mm/shmem.c's shmem_dir_inode_operations over fs/libfs.c's simple_*
 * functions and the dcache). Each is a shmem object (mm/shmem.c) named by
 * a directory entry here; unlinkat() removes the name, and the object lives
 * on while a file is open on it (or a VMA maps one).
 *
 * Where they go: /tmp, a tmpfs as Linux systems mount there (it exists
 * whatever the initrd holds, drwxrwxrwt), and any directory of the initrd,
 * the root among them: Linux unpacks the initramfs into rootfs, itself a
 * tmpfs, where new files can be created next to the archive's (which stay
 * read-only here: the initrd is read in place). /proc takes none. There are
 * no subdirectories to make (no mkdirat), no rename or link;
 * getdents64() lists the created files after the initrd's entries
 * (libfs_readdir()).
 *
 * A path (made absolute by path_at(), kernel/namei.c) is resolved from the
 * root, "." and ".." and repeated slashes as Linux's path walk takes them,
 * into the canonical form the entries are kept under: "tmp/NAME", "NAME"
 * for the root. The entries are a list under a spinlock.
 */
#include <file.h>
#include <fs.h>
#include <initramfs.h>
#include <kernel.h>
#include <libfs.h>
#include <list.h>
#include <mm.h>
#include <namei.h>
#include <shmem_fs.h>
#include <slab.h>
#include <spinlock.h>
#include <string.h>
#include <printk.h>
#include <readdir.h>
#include <syscalls.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/* Linux's O_TMPFILE and the flags build_open_flags() checks it with. */
#define O_TMPFILE (__O_TMPFILE | O_DIRECTORY)
#define O_TMPFILE_MASK (__O_TMPFILE | O_DIRECTORY | O_CREAT)
/* The umask of Linux's init (init_fs: 0022); Loam has no umask(). */
#define INIT_UMASK 0022
/* A tmpfs directory's mode as mounted on /tmp: sticky, writable by all. */
#define TMPFS_DIR_MODE (S_IFDIR | 01777)

/* Linux's dentry of a tmpfs file: a name in a directory, and its object. */
struct dentry {
	struct list_head d_list;
	struct shmem_inode_info *d_inode; /* the entry's reference and link */
	char d_name[]; /* the canonical path, "tmp/NAME" */
};

static LIST_HEAD(dentries);
static DEFINE_SPINLOCK(dcache_lock);
/* O_TMPFILE files' names, "#N" as Linux's d_tmpfile() gives them (it uses the inode number). */
static unsigned long tmpfile_count;

static struct dentry *d_find(const char *path)
{
	struct dentry *d;

	list_for_each_entry(d, &dentries, d_list)
		if (!strcmp(d->d_name, path))
			return d;
	return NULL;
}

/* The object the entry @path names, with a reference for the caller; NULL if none. */
static struct shmem_inode_info *d_lookup_inode(const char *path)
{
	struct shmem_inode_info *inode = NULL;
	struct dentry *d;

	spin_lock(&dcache_lock);
	d = d_find(path);
	if (d) {
		inode = d->d_inode;
		shmem_ihold(inode);
	}
	spin_unlock(&dcache_lock);
	return inode;
}

static bool d_exists(const char *path)
{
	struct shmem_inode_info *inode = d_lookup_inode(path);

	if (inode)
		shmem_inode_put(inode);
	return inode;
}

/*
 * Linux's link_path_walk() over the names: @path into @out (PATH_MAX bytes)
 * without "/" at either end, "" for the root; *@trailing if it ends in "/"
 * (or "/." or "/.."). A component longer than NAME_MAX is -ENAMETOOLONG;
 * a created file followed by a component (".." too) -ENOTDIR.
 */
static int path_canonical(const char *path, char *out, bool *trailing)
{
	size_t cur = 0, len;

	*out = 0;
	*trailing = false;
	for (; *path; path += len) {
		for (len = 0; path[len] == '/'; len++)
			*trailing = true;
		if (len)
			continue;
		for (len = 0; path[len] && path[len] != '/'; len++)
			;
		*trailing = len <= 2 && path[0] == '.' && (len == 1 || path[1] == '.');
		if (len > NAME_MAX)
			return -ENAMETOOLONG;
		if (cur && d_exists(out))
			return -ENOTDIR;
		if (len == 1 && path[0] == '.')
			continue;
		if (len == 2 && path[0] == '.' && path[1] == '.') {
			while (cur && out[cur - 1] != '/')
				cur--;
			cur -= !!cur;
			out[cur] = 0;
			continue;
		}
		if (cur + !!cur + len >= PATH_MAX)
			return -ENAMETOOLONG;
		if (cur)
			out[cur++] = '/';
		memcpy(out + cur, path, len);
		cur += len;
		out[cur] = 0;
	}
	return 0;
}

/* Is directory @dir (canonical) one that takes new files: the root, /tmp, the initrd's? */
static bool dir_writable(const char *dir)
{
	struct initrd_file member;

	if (!*dir || !strcmp(dir, "tmp"))
		return true;
	if (!strcmp(dir, "proc") || !strncmp(dir, "proc/", 5) || !strncmp(dir, "tmp/", 4))
		return false;
	return !initrd_lookup(dir, &member) && S_ISDIR(member.mode);
}

/* The directory part of canonical @path, in @dir (PATH_MAX bytes). */
static void path_dir(const char *path, char *dir)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) : 0;

	memcpy(dir, path, n);
	dir[n] = 0;
}

/* Linux's shmem_mknod(): a new object named @path, its entry made unless one exists (-EEXIST). */
static struct shmem_inode_info *d_create(const char *path, unsigned int mode, int *err)
{
	size_t len = strlen(path) + 1;
	struct shmem_inode_info *inode;
	struct dentry *d = kmalloc(sizeof(*d) + len, GFP_KERNEL);
	char *name = kmalloc(len + 1, GFP_KERNEL);

	*err = -ENOMEM;
	if (!d || !name) {
		kfree(d);
		kfree(name);
		return NULL;
	}
	name[0] = '/';
	memcpy(name + 1, path, len);
	inode = shmem_get_inode(mode & 07777 & ~INIT_UMASK, name);
	if (!inode) {
		kfree(d);
		return NULL;
	}
	memcpy(d->d_name, path, len);
	d->d_inode = inode;
	spin_lock(&dcache_lock);
	*err = d_find(path) ? -EEXIST : 0;
	if (!*err) {
		list_add_tail(&d->d_list, &dentries);
		shmem_ihold(inode);
	}
	spin_unlock(&dcache_lock);
	if (*err) {
		kfree(d);
		shmem_unlink(inode);
		return NULL;
	}
	return inode;
}

/* Linux's shmem_tmpfile(): an object in no directory, named "/DIR/#N (deleted)" in maps. */
static struct file *libfs_tmpfile(const char *dir, unsigned int flags, unsigned int mode, int *err)
{
	char *name = kmalloc(strlen(dir) + 24, GFP_KERNEL);
	struct file *f;

	*err = -ENOMEM;
	if (!name)
		return NULL;
	snprintf(name, strlen(dir) + 24, "%s%s/#%lu", *dir ? "/" : "", dir,
		 __atomic_add_fetch(&tmpfile_count, 1, __ATOMIC_RELAXED));
	f = shmem_file_setup(name, mode & 07777 & ~INIT_UMASK, flags & ~O_TMPFILE);
	*err = f ? 0 : -ENOMEM;
	return f;
}

/* Linux's do_open() of the object @inode (the caller's reference): O_TRUNC, then the file. */
static struct file *libfs_open_inode(struct shmem_inode_info *inode, unsigned int flags, int *err)
{
	struct file *f = NULL;

	*err = -ENOTDIR;
	if (flags & O_DIRECTORY)
		goto out;
	*err = (flags & O_TRUNC) && !(flags & O_PATH) ? shmem_inode_truncate(inode) : 0;
	if (*err)
		goto out;
	f = shmem_file_open(inode, flags);
	*err = f ? 0 : -ENOMEM;
out:
	shmem_inode_put(inode);
	return f;
}

/*
 * build_open_flags()'s checks of the flags alone: O_TMPFILE needs
 * O_DIRECTORY, no O_CREAT, and writing; O_CREAT with O_DIRECTORY is
 * refused (Linux 6.4 on).
 */
static int open_flags_valid(unsigned int flags)
{
	if ((flags & __O_TMPFILE) &&
	    ((flags & O_TMPFILE_MASK) != O_TMPFILE || !(flags & O_ACCMODE)))
		return -EINVAL;
	if ((flags & (O_CREAT | O_DIRECTORY)) == (O_CREAT | O_DIRECTORY))
		return -EINVAL;
	return 0;
}

/* Linux's open_last_lookups() for canonical @path: an entry opened, or made with O_CREAT. */
static struct file *libfs_open_path(const char *path, bool trailing, unsigned int flags,
				    unsigned int mode, char *dir, int *err)
{
	struct shmem_inode_info *inode;
	struct initrd_file member;

	for (;;) {
		inode = d_lookup_inode(path);
		if (inode && trailing) {
			shmem_inode_put(inode);
			*err = -ENOTDIR;
			return NULL;
		}
		if (inode && (flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL)) {
			shmem_inode_put(inode);
			*err = -EEXIST;
			return NULL;
		}
		if (inode)
			return libfs_open_inode(inode, flags, err);
		path_dir(path, dir);
		/* Not here, and not to be made here: the other file systems answer. */
		*err = 0;
		if (!(flags & O_CREAT) || !dir_writable(dir) || !strcmp(path, "tmp"))
			return NULL;
		if (!initrd_lookup(path, &member)) {
			*err = flags & O_EXCL ? -EEXIST : 0;
			return NULL;
		}
		if (trailing) {
			*err = -EISDIR;
			return NULL;
		}
		inode = d_create(path, mode, err);
		if (inode)
			return libfs_open_inode(inode, flags & ~O_TRUNC, err);
		/* Made by another at the same moment: open it, unless O_EXCL. */
		if (*err != -EEXIST || (flags & O_EXCL))
			return NULL;
	}
}

struct file *libfs_open(const char *path, unsigned int flags, unsigned int mode, int *err)
{
	char *canon = kmalloc(PATH_MAX, GFP_KERNEL), *dir = kmalloc(PATH_MAX, GFP_KERNEL);
	struct file *f = NULL;
	bool trailing;

	*err = open_flags_valid(flags);
	if (*err)
		goto out;
	*err = canon && dir ? path_canonical(path, canon, &trailing) : -ENOMEM;
	if (*err)
		goto out;
	if (!(flags & __O_TMPFILE))
		f = libfs_open_path(canon, trailing, flags, mode, dir, err);
	else if (d_exists(canon))
		*err = -ENOTDIR;
	else if (dir_writable(canon))
		f = libfs_tmpfile(canon, flags, mode, err);
	/* /tmp itself, whatever the initrd holds: a directory (its listing is the initrd's). */
	if (!f && !*err && !strcmp(canon, "tmp"))
		f = dir_open("/tmp", flags, err);
out:
	kfree(canon);
	kfree(dir);
	return f;
}

/*
 * The name of the @n-th entry (from 0) directly in canonical directory
 * @dir, copied to @name (NAME_MAX + 1 bytes) under the lock; false past
 * the last.
 */
static bool d_nth_child(const char *dir, size_t dlen, long n, char *name)
{
	struct dentry *d;
	const char *child;
	bool found = false;

	spin_lock(&dcache_lock);
	list_for_each_entry(d, &dentries, d_list) {
		if (dlen && (strncmp(d->d_name, dir, dlen) || d->d_name[dlen] != '/'))
			continue;
		child = d->d_name + (dlen ? dlen + 1 : 0);
		if (strchr(child, '/') || n--)
			continue;
		strlcpy(name, child, NAME_MAX + 1);
		found = true;
		break;
	}
	spin_unlock(&dcache_lock);
	return found;
}

int libfs_readdir(const char *path, struct dir_context *ctx)
{
	char *dir = kmalloc(PATH_MAX, GFP_KERNEL), *name = kmalloc(NAME_MAX + 1, GFP_KERNEL);
	bool trailing;
	size_t dlen;
	long n;
	int err;

	err = dir && name ? path_canonical(path, dir, &trailing) : -ENOMEM;
	if (err)
		goto out;
	dlen = strlen(dir);
	/*
	 * One entry at a time, the lock dropped while dir_emit() copies it
	 * out (a fault may sleep): a file unlinked meanwhile shifts the ones
	 * after it, so a listing of a changing directory may miss a name; it
	 * never gives one twice, as new entries go at the end of the list.
	 */
	for (n = 0; d_nth_child(dir, dlen, n, name); n++)
		if (!dir_emit(ctx, name, strlen(name), DT_REG))
			break;
out:
	kfree(dir);
	kfree(name);
	return err;
}

int libfs_getattr(const char *path, struct kstat *stat)
{
	char *canon = kmalloc(PATH_MAX, GFP_KERNEL);
	struct shmem_inode_info *inode = NULL;
	bool trailing;
	int err;

	err = canon ? path_canonical(path, canon, &trailing) : -ENOMEM;
	if (!err)
		inode = d_lookup_inode(canon);
	if (inode) {
		err = trailing ? -ENOTDIR : 0;
		if (!err)
			shmem_inode_getattr(inode, stat);
		shmem_inode_put(inode);
	} else if (!err && !strcmp(canon, "tmp")) {
		/* As a tmpfs mounted on it says: sticky, everyone's, 2 links (no subdirectories). */
		stat->mode = TMPFS_DIR_MODE;
		stat->nlink = 2;
		stat->blksize = PAGE_SIZE;
	} else if (!err) {
		err = -ENOENT;
	}
	kfree(canon);
	return err;
}

/*
 * Linux's do_unlinkat() (fs/namei.c) and do_rmdir(), for a name here: the
 * entry goes, the object when the last file or VMA lets it go. A file of
 * the initrd is read-only (-EROFS), /tmp a mount point (-EBUSY to rmdir).
 */
long sys_unlinkat(long udfd, const char __user *pathname, long uflag)
{
	char *path, *canon;
	unsigned int flag = uflag;
	struct initrd_file member;
	struct kstat stat = { 0 };
	struct dentry *d = NULL;
	int dfd = udfd;
	bool trailing;
	long err;

	if (flag & ~AT_REMOVEDIR)
		return -EINVAL;
	path = kmalloc(PATH_MAX, GFP_KERNEL);
	canon = kmalloc(PATH_MAX, GFP_KERNEL);
	err = path && canon ? getname(path, pathname) : -ENOMEM;
	if (err >= 0)
		err = path_at(dfd, path);
	if (!err)
		err = path_canonical(path, canon, &trailing);
	if (err)
		goto out;
	spin_lock(&dcache_lock);
	d = d_find(canon);
	if (d && !(flag & AT_REMOVEDIR) && !trailing)
		list_del(&d->d_list);
	spin_unlock(&dcache_lock);
	if (d) {
		err = (flag & AT_REMOVEDIR) || trailing ? -ENOTDIR : 0;
		if (!err) {
			shmem_unlink(d->d_inode);
			kfree(d);
		}
	} else if (!strcmp(canon, "tmp") || !*canon) {
		err = flag & AT_REMOVEDIR ? -EBUSY : -EISDIR;
	} else if (!initrd_lookup(canon, &member)) {
		err = S_ISDIR(member.mode) != !!(flag & AT_REMOVEDIR) ?
			      (S_ISDIR(member.mode) ? -EISDIR : -ENOTDIR) :
			      -EROFS;
	} else {
		err = proc_getattr(path, &stat) ? -ENOENT : -EPERM;
	}
out:
	kfree(path);
	kfree(canon);
	return err;
}
