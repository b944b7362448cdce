// SPDX-License-Identifier: GPL-2.0
/*
 * The initrd: a "newc" cpio archive (the format Linux's initramfs uses, see
 * Documentation/driver-api/early-userspace/buffer-format.rst) that the boot
 * loader put in memory and named in /chosen. Loam does not unpack it into a
 * file system: programs are read in place, by path.
 *
 * Each member: a 110-byte header, "070701" then 13 fields of 8 hex digits
 * (ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor,
 * rdevmajor, rdevminor, namesize, check), the name with its NUL, padding to
 * 4 bytes, the data, padding to 4. "TRAILER!!!" ends the archive.
 */
#include <fs.h>
#include <initramfs.h>
#include <kernel.h>
#include <mm.h>
#include <mmap.h>
#include <printk.h>
#include <readdir.h>
#include <slab.h>
#include <string.h>
#include <uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#define CPIO_HDR_LEN 110

static const char *initrd_start, *initrd_end;

void initrd_init(phys_addr_t start, phys_addr_t end)
{
	if (!start || end <= start)
		return;
	initrd_start = __va(start);
	initrd_end = __va(end);
	pr_info("Unpacking initramfs... (%lu bytes at 0x%llx, read in place)\n",
		(unsigned long)(end - start), (unsigned long long)start);
}

/* Field @i (0-12) of a header: 8 hex digits; false if they are not. */
static bool hdr_field(const char *hdr, int i, unsigned long *val)
{
	const char *p = hdr + 6 + 8 * i;
	unsigned long v = 0;
	int k;

	for (k = 0; k < 8; k++) {
		char c = p[k];

		if (c >= '0' && c <= '9')
			v = v * 16 + (c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			v = v * 16 + ((c | 0x20) - 'a' + 10);
		else
			return false;
	}
	*val = v;
	return true;
}

/* A member's name without the "./" or "/" it may start with, and without a trailing "/". */
static size_t member_name(const char *name, const char **start)
{
	size_t len;

	while (*name == '/' || (name[0] == '.' && name[1] == '/'))
		name += *name == '/' ? 1 : 2;
	len = strlen(name);
	while (len && name[len - 1] == '/')
		len--;
	*start = name;
	return len;
}

/* One member of the archive: its name (as member_name() gives it), mode and bytes. */
struct cpio_member {
	const char *name;
	size_t len;
	unsigned long mode;
	const char *body;
	unsigned long size;
};

/*
 * The member at *@pos, and *@pos moved past it: 1, 0 at "TRAILER!!!" or
 * the end, -EINVAL for a broken header.
 */
static int cpio_next(const char **pos, struct cpio_member *m)
{
	const char *p = *pos, *name;
	unsigned long namesize;

	if (!p || p + CPIO_HDR_LEN > initrd_end)
		return 0;
	if (memcmp(p, "070701", 6) || !hdr_field(p, 1, &m->mode) || !hdr_field(p, 6, &m->size) ||
	    !hdr_field(p, 11, &namesize) || !namesize ||
	    namesize > (unsigned long)(initrd_end - p - CPIO_HDR_LEN)) {
		pr_err("initramfs: bad cpio header at offset %lu\n",
		       (unsigned long)(p - initrd_start));
		return -EINVAL;
	}
	name = p + CPIO_HDR_LEN;
	if (name[namesize - 1])
		return -EINVAL;
	m->body = p + ALIGN(CPIO_HDR_LEN + namesize, 4);
	if (!strcmp(name, "TRAILER!!!"))
		return 0;
	if (m->body > initrd_end || m->size > (unsigned long)(initrd_end - m->body))
		return -EINVAL;
	m->len = member_name(name, &m->name);
	*pos = m->body + ALIGN(m->size, 4);
	return 1;
}

/*
 * Find the member named @want (@len bytes, no leading or trailing "/"): 0
 * and @f, a directory if members lie below it, -ENOENT, or -EINVAL.
 */
static int initrd_scan(const char *want, size_t len, struct initrd_file *f)
{
	const char *p = initrd_start;
	struct cpio_member m;
	bool below = false;
	int ret;

	while ((ret = cpio_next(&p, &m)) > 0) {
		if (m.len == len && !memcmp(m.name, want, len)) {
			*f = (struct initrd_file){ .mode = m.mode,
						   .data = m.body,
						   .size = m.size,
						   .name = m.name,
						   .namelen = m.len };
			return 0;
		}
		if (m.len > len && m.name[len] == '/' && !memcmp(m.name, want, len))
			below = true;
	}
	if (ret < 0)
		return ret;
	if (!below)
		return -ENOENT;
	/* What the kernel's initramfs unpacking would have made: a directory, rwxr-xr-x. */
	*f = (struct initrd_file){ .mode = S_IFDIR | 0755 };
	return 0;
}

/*
 * The entry of directory @dir (@dlen bytes, "" for the root) that member
 * @m is or lies below: its name in *@child (length returned, 0 if @m is
 * not below @dir) and its d_type.
 */
static size_t dir_child(const char *dir, size_t dlen, const struct cpio_member *m,
			const char **child, unsigned int *type)
{
	size_t off = dlen ? dlen + 1 : 0, n;

	if (m->len <= off || (dlen && (m->name[dlen] != '/' || memcmp(m->name, dir, dlen))))
		return 0;
	*child = m->name + off;
	for (n = 0; off + n < m->len && (*child)[n] != '/'; n++)
		;
	*type = off + n < m->len || S_ISDIR(m->mode) ? DT_DIR : DT_REG;
	return n;
}

/* Whether a member before @end already gave @dir the entry @child (@n bytes). */
static bool child_seen(const char *dir, size_t dlen, const char *end, const char *child, size_t n)
{
	const char *p = initrd_start, *c;
	struct cpio_member m;
	unsigned int type;

	while (p < end && cpio_next(&p, &m) > 0)
		if (dir_child(dir, dlen, &m, &c, &type) == n && !memcmp(c, child, n))
			return true;
	return false;
}

int initrd_readdir(const char *path, struct dir_context *ctx)
{
	const char *p = initrd_start, *at, *child, *dir;
	struct initrd_file f;
	struct cpio_member m;
	unsigned int type;
	size_t dlen, n;
	int err = path[1] ? initrd_lookup(path, &f) : 0;

	if (err || (path[1] && !S_ISDIR(f.mode)))
		return err ?: -ENOTDIR;
	dlen = member_name(path, &dir);
	for (at = p; cpio_next(&p, &m) > 0; at = p) {
		n = dir_child(dir, dlen, &m, &child, &type);
		if (n && !child_seen(dir, dlen, at, child, n) && !dir_emit(ctx, child, n, type))
			break;
	}
	return 0;
}

int initrd_lookup(const char *path, struct initrd_file *f)
{
	/* The walk so far: "a/b" with no leading "/"; the root is "" and a directory. */
	size_t cur = 0, len, max = strlen(path);
	char *walked;
	int err = 0;

	if (!*path)
		return -ENOENT;
	walked = kmalloc(max + 1, GFP_KERNEL);
	if (!walked)
		return -ENOMEM;
	*f = (struct initrd_file){ .mode = S_IFDIR | 0755 };
	for (; *path; path += len) {
		while (*path == '/')
			path++;
		for (len = 0; path[len] && path[len] != '/'; len++)
			;
		if (!len)
			break;
		if (!S_ISDIR(f->mode)) {
			err = -ENOTDIR;
			break;
		}
		if (len == 1 && path[0] == '.')
			continue;
		if (len == 2 && path[0] == '.' && path[1] == '.') {
			while (cur && walked[cur - 1] != '/')
				cur--;
			cur -= !!cur;
			*f = (struct initrd_file){ .mode = S_IFDIR | 0755 };
			continue;
		}
		if (len > NAME_MAX) {
			err = -ENAMETOOLONG;
			break;
		}
		if (cur)
			walked[cur++] = '/';
		memcpy(walked + cur, path, len);
		cur += len;
		err = initrd_scan(walked, cur, f);
		if (err)
			break;
	}
	/* "file/": a trailing slash asks for a directory. */
	if (!err && path[-1] == '/' && !S_ISDIR(f->mode))
		err = -ENOTDIR;
	kfree(walked);
	return err;
}

/* ------------------------------------------------------- open files */

/*
 * A member of the archive open as a file (Linux's struct file of a regular
 * file): read-only, its bytes left where they are. The initrd has no
 * inodes: the address_space its mappings use (file.f_mapping) is here.
 */
struct initrd_open_file {
	struct file file;
	struct address_space mapping;
	struct initrd_file member;
};

static struct initrd_open_file *INITRD_F(struct file *file)
{
	return container_of(file, struct initrd_open_file, file);
}

/*
 * ->fault of a private mapping of an initrd file: copy the file's page
 * vmf->pgoff into the page the fault handler allocated, zeroes past the end
 * of the file in the page holding it; a page wholly beyond the end is
 * VM_FAULT_SIGBUS, as Linux's filemap_fault() says. The initrd stays
 * reserved in memory for good, so the bytes are read in place, without a
 * page cache: see do_cow_fault() in mm/memory.c.
 */
static vm_fault_t initrd_file_fault(struct vm_fault *vmf)
{
	struct initrd_open_file *f = INITRD_F(vmf->vma->vm_file);
	unsigned long size = f->mapping.size, pos, n;
	char *dst = page_address(vmf->cow_page);

	if (vmf->pgoff >= PFN_UP(size))
		return VM_FAULT_SIGBUS;
	pos = vmf->pgoff << PAGE_SHIFT;
	n = min(size - pos, PAGE_SIZE);
	memcpy(dst, (const char *)f->member.data + pos, n);
	memset(dst + n, 0, PAGE_SIZE - n);
	return VM_FAULT_DONE_COW;
}

static const struct vm_operations_struct initrd_file_vm_ops = {
	.fault = initrd_file_fault,
};

/*
 * ->mmap, as Linux's generic_file_mmap(): faults go to initrd_file_fault().
 * The file is open read-only, so do_mmap() never maps it VM_SHARED: every
 * fault makes a private copy (do_cow_fault()).
 */
static int initrd_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &initrd_file_vm_ops;
	return 0;
}

static void initrd_file_release(struct file *file)
{
	kfree(INITRD_F(file));
}

/* Linux's generic_file_read_iter() over the bytes in place: up to the end, then 0. */
static long initrd_file_read(struct file *file, char __user *buf, size_t count, long *ppos)
{
	const struct initrd_file *m = &INITRD_F(file)->member;
	long pos = *ppos;
	size_t n, left;

	if (pos < 0 || (unsigned long)pos >= m->size)
		return 0;
	n = min(count, m->size - pos);
	if (!n)
		return 0;
	left = copy_to_user(buf, (const char *)m->data + pos, n);
	if (left == n)
		return -EFAULT;
	*ppos = pos + (n - left);
	return n - left;
}

/* Linux's generic_file_llseek(): SEEK_SET, SEEK_CUR, SEEK_END; a negative result is -EINVAL. */
static long initrd_file_llseek(struct file *file, long offset, unsigned int whence)
{
	long pos;

	spin_lock(&file->f_pos_lock);
	if (whence == SEEK_SET)
		pos = offset;
	else if (whence == SEEK_CUR)
		pos = file->f_pos + offset;
	else if (whence == SEEK_END)
		pos = (long)INITRD_F(file)->member.size + offset;
	else
		pos = -1;
	if (pos >= 0)
		file->f_pos = pos;
	spin_unlock(&file->f_pos_lock);
	return pos >= 0 ? pos : -EINVAL;
}

/* The cpio mode and size, as the unpacked initramfs (ramfs) shows them: PAGE_SIZE blocks. */
static void initrd_file_getattr(struct file *file, struct kstat *stat)
{
	const struct initrd_file *m = &INITRD_F(file)->member;

	stat->mode = m->mode;
	stat->nlink = 1;
	stat->size = m->size;
	stat->blksize = PAGE_SIZE;
}

static const struct file_operations initrd_file_fops = {
	.read = initrd_file_read,
	.llseek = initrd_file_llseek,
	.mmap = initrd_file_mmap,
	.release = initrd_file_release,
	.getattr = initrd_file_getattr,
};

struct file *initrd_file_open(const struct initrd_file *member, unsigned int flags)
{
	struct initrd_open_file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return NULL;
	init_file(&f->file, &initrd_file_fops, flags);
	f->mapping.size = member->size;
	address_space_init_once(&f->mapping);
	f->file.f_mapping = &f->mapping;
	f->member = *member;
	return &f->file;
}

const struct initrd_file *initrd_file_member(struct file *file)
{
	return &INITRD_F(file)->member;
}

bool is_initrd_file(const struct file *file)
{
	return file->f_op == &initrd_file_fops;
}
