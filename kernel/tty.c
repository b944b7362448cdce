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
#include <initramfs.h>
#include <kernel.h>
#include <printk.h>
#include <slab.h>
#include <uaccess.h>
#include <uapi/errno.h>
#include <uapi/termios.h>

/* /dev/console's major (Documentation/admin-guide/devices.txt: 5 "Alternate TTY devices"). */
#define TTYAUX_MAJOR 5

/* Console writes go out in pieces of this size (a buffer on the kernel stack). */
#define CONSOLE_CHUNK 256

static long tty_write(struct file *f, const char __user *buf, size_t count, long *ppos)
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

static long tty_read(struct file *f, char __user *buf, size_t count, long *ppos)
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

/*
 * The console is /dev/console: character device 5:1 (Linux's
 * Documentation/admin-guide/devices.txt), crw--w---- as devtmpfs makes it
 * with udev's tty group rules, 1024-byte blocks as Linux's tty inodes.
 */
static void tty_getattr(struct file *f, struct kstat *stat)
{
	stat->mode = S_IFCHR | 0620;
	stat->nlink = 1;
	stat->rdev = new_encode_dev(TTYAUX_MAJOR, 1);
	stat->blksize = 1024;
}

/*
 * A fresh Linux tty's settings (tty_std_termios in drivers/tty/tty_io.c,
 * the c_cc defaults of include/linux/tty.h's INIT_C_CC): 38400 baud, 8 bits,
 * canonical mode with echo and signals.
 */
static const struct termios tty_std_termios = {
	.c_iflag = ICRNL | IXON,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B38400 | CS8 | CREAD | HUPCL,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
	.c_cc = INIT_C_CC,
};

/*
 * Linux's tty_ioctl() for what the console answers: TCGETS (the settings
 * above; nothing changes them, there is no TCSETS yet) and TIOCGWINSZ (a
 * serial line's size is unknown: 0 rows, 0 columns). Others: -ENOTTY.
 */
static long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct winsize ws = { 0 };

	switch (cmd) {
	case TCGETS:
		if (copy_to_user((void __user *)arg, &tty_std_termios, sizeof(tty_std_termios)))
			return -EFAULT;
		return 0;
	case TIOCGWINSZ:
		if (copy_to_user((void __user *)arg, &ws, sizeof(ws)))
			return -EFAULT;
		return 0;
	}
	return -ENOTTY;
}

static const struct file_operations tty_fops = {
	.read = tty_read,
	.write = tty_write,
	.release = tty_release,
	.getattr = tty_getattr,
	.unlocked_ioctl = tty_ioctl,
};

struct file *tty_open(unsigned int flags)
{
	struct file *f = kmalloc(sizeof(*f), GFP_KERNEL);

	if (f)
		init_file(f, &tty_fops, flags);
	return f;
}
