// SPDX-License-Identifier: GPL-2.0
/*
 * The life of a struct file, as Linux's fs/file_table.c: set up with one
 * reference, counted by get_file() (<fs.h>) for every descriptor, VMA or
 * exec that holds it, released through f_op->release by the last fput().
 * Linux defers that release to the task's return to user mode
 * (task_work); Loam releases at once, in the caller.
 */
#include <fs.h>
#include <uapi/fcntl.h>

void init_file(struct file *f, const struct file_operations *fop, unsigned int flags)
{
	f->f_count = 1;
	/*
	 * Neither open's creation flags (do_dentry_open()) nor O_CLOEXEC, a
	 * descriptor's flag (build_open_flags()).
	 */
	f->f_flags = flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
	/* OPEN_FMODE(): 0 read, 1 write, 2 both, 3 neither; O_PATH: no I/O at all. */
	f->f_mode = flags & O_PATH ? FMODE_PATH : (flags + 1) & O_ACCMODE;
	f->f_op = fop;
	f->f_mapping = NULL;
	f->private_data = NULL;
	spin_lock_init(&f->f_pos_lock);
	f->f_pos = 0;
}

void fput(struct file *f)
{
	if (__atomic_sub_fetch(&f->f_count, 1, __ATOMIC_ACQ_REL) == 0)
		f->f_op->release(f);
}
