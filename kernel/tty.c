// SPDX-License-Identifier: GPL-2.0
/*
 * The console as a file, Linux's /dev/console (drivers/tty/tty_io.c): init's
 * descriptors 0, 1 and 2 are one open console file (kernel/setup.c opens
 * it, as Linux's console_on_rootfs()), closed and duplicated like any
 * other. Writes go to the kernel console (printk's, the SBI console);
 * reads return what the SBI console has ready now (the legacy getchar, SBI
 * spec 5.3), up to a newline, 0 bytes meaning none: there is no input
 * buffer or line discipline. A character device: no seek (-ESPIPE), no
 * mmap (-ENODEV).
 */
#include <asm/sbi.h>
#include <file.h>
#include <fs.h>
#include <kernel.h>
#include <printk.h>
#include <slab.h>
#include <uaccess.h>
#include <uapi/errno.h>

/* Console writes go out in pieces of this size (a buffer on the kernel stack). */
#define CONSOLE_CHUNK 256

static long tty_write(struct file *f, const char __user *buf, size_t count)
{
	char chunk[CONSOLE_CHUNK];
	size_t done = 0;

	while (done < count) {
		size_t n = min(count - done, sizeof(chunk));

		if (copy_from_user(chunk, buf + done, n))
			return done ? (long)done : -EFAULT;
		/* Copied first, outside the console lock: the copy may fault and sleep. */
		console_write(chunk, n);
		done += n;
	}
	return done;
}

static long tty_read(struct file *f, char __user *buf, size_t count)
{
	size_t done = 0;

	while (done < count) {
		struct sbiret r = sbi_ecall(SBI_EXT_0_1_CONSOLE_GETCHAR, 0, 0, 0, 0, 0, 0, 0);
		char c = r.error;

		if (r.error < 0)
			break;
		if (copy_to_user(buf + done, &c, 1))
			return done ? (long)done : -EFAULT;
		done++;
		if (c == '\n')
			break;
	}
	return done;
}

static void tty_release(struct file *f)
{
	kfree(f);
}

static const struct file_operations tty_fops = {
	.read = tty_read,
	.write = tty_write,
	.release = tty_release,
};

struct file *tty_open(unsigned int flags)
{
	struct file *f = kmalloc(sizeof(*f), GFP_KERNEL);

	if (f)
		init_file(f, &tty_fops, flags);
	return f;
}
