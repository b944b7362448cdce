// SPDX-License-Identifier: GPL-2.0
/*
 * The console as a terminal, Linux's /dev/console over its tty
 * (drivers/tty/tty_io.c, tty_ioctl.c, tty_jobctrl.c): init's descriptors
 * 0, 1 and 2 are one open console file (kernel/setup.c opens it, as
 * Linux's console_on_rootfs()), closed and duplicated like any other.
 *
 * Input comes from the serial driver's interrupt (platform/serial_core.c;
 * before one is up, or without one, from SBI's getchar, polled) into the
 * line discipline (kernel/n_tty.c): canonical line editing, echo, ^C and ^\
 * as SIGINT and SIGQUIT to the foreground process group. Output goes
 * through the line discipline's output processing to the driver (the
 * same UART printk writes to, polled). A character device: no seek
 * (-ESPIPE), no mmap (-ENODEV).
 *
 * The console is init's controlling terminal (Linux never makes
 * /dev/console one: see the README), with the job control checks Linux
 * makes on a serial tty: a background process group's read gets SIGTTIN
 * (or -EIO), its TCSETS, TIOCSPGRP, TCFLSH and, with TOSTOP, its write get
 * SIGTTOU; as Loam cannot stop a process, a signal left at its default
 * action counts as ignored (reads -EIO, the rest go ahead).
 */
#include <file.h>
#include <fs.h>
#include <initramfs.h>
#include <kernel.h>
#include <poll.h>
#include <printk.h>
#include <sched.h>
#include <sched/signal.h>
#include <slab.h>
#include <string.h>
#include <tty.h>
#include <uaccess.h>
#include <uapi/errno.h>
#include <uapi/termios.h>

/* /dev/console's major (Documentation/admin-guide/devices.txt: 5 "Alternate TTY devices"). */
#define TTYAUX_MAJOR 5

/*
 * A fresh Linux tty's settings (tty_std_termios in drivers/tty/tty_io.c,
 * the c_cc defaults of include/linux/tty.h's INIT_C_CC): 38400 baud, 8 bits,
 * canonical mode with echo and signals.
 */
#define TTY_STD_TERMIOS                                                                      \
	{                                                                                    \
		.c_iflag = ICRNL | IXON, .c_oflag = OPOST | ONLCR,                           \
		.c_cflag = B38400 | CS8 | CREAD | HUPCL,                                     \
		.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN, \
		.c_cc = INIT_C_CC,                                                           \
	}

/* Output before a serial driver takes over: the SBI console, as printk's. */
static void sbi_tty_write(struct tty_struct *tty, const unsigned char *buf, size_t n)
{
	console_write((const char *)buf, n);
}

static const struct tty_operations sbi_tty_ops = {
	.write = sbi_tty_write,
};

struct tty_struct console_tty = {
	.name = "console",
	.ops = &sbi_tty_ops,
	.lock = __SPIN_LOCK_UNLOCKED,
	.termios = TTY_STD_TERMIOS,
	.read_wait = {
		.lock = __SPIN_LOCK_UNLOCKED,
		.head = LIST_HEAD_INIT(console_tty.read_wait.head),
	},
};

unsigned int tty_devnum(struct tty_struct *tty)
{
	return new_encode_dev(TTYAUX_MAJOR, 1);
}

void tty_set_driver(struct tty_struct *tty, const struct tty_operations *ops, void *driver_data)
{
	unsigned long flags;

	spin_lock_irqsave(&tty->lock, flags);
	tty->driver_data = driver_data;
	tty->ops = ops;
	spin_unlock_irqrestore(&tty->lock, flags);
}

void tty_receive_char(struct tty_struct *tty, unsigned char c)
{
	unsigned long flags;
	int sig, pgrp;

	spin_lock_irqsave(&tty->lock, flags);
	sig = n_tty_receive_char(tty, c);
	pgrp = tty->pgrp;
	spin_unlock_irqrestore(&tty->lock, flags);
	/* Linux's isig(): from the kernel (SI_KERNEL), to the foreground group. */
	if (sig && pgrp)
		kill_pgrp(pgrp, sig, 1);
	wake_up(&tty->read_wait);
}

void proc_set_tty(struct task_struct *p, struct tty_struct *tty)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	p->signal->tty = tty;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	spin_lock_irqsave(&tty->lock, flags);
	tty->session = p->signal->session;
	tty->pgrp = p->signal->pgrp;
	spin_unlock_irqrestore(&tty->lock, flags);
}

/* Every process of @session loses its controlling terminal (Linux's session_clear_tty()). */
static void session_clear_tty(int session)
{
	struct task_struct *p;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_process(p)
		if (p->signal->session == session)
			p->signal->tty = NULL;
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

void disassociate_ctty(struct task_struct *tsk)
{
	struct tty_struct *tty = tsk->signal->tty;
	unsigned long flags;
	int pgrp = 0;

	if (!tty || !tsk->signal->leader)
		return;
	spin_lock_irqsave(&tty->lock, flags);
	if (tty->session == tsk->signal->session) {
		pgrp = tty->pgrp;
		tty->session = tty->pgrp = 0;
	}
	spin_unlock_irqrestore(&tty->lock, flags);
	if (pgrp) {
		kill_pgrp(pgrp, SIGHUP, 1);
		kill_pgrp(pgrp, SIGCONT, 1);
	}
	session_clear_tty(tsk->signal->session);
}

/*
 * Linux's is_ignored() for the job control signals: blocked or ignored;
 * and, as Loam has no stopped state to put a process in, left at the
 * default (stop) action too.
 */
static bool jobctl_sig_ignored(int sig)
{
	__sighandler_t h = current->sighand->action[sig - 1].sa.sa_handler;

	return sigismember(&current->blocked, sig) || h == SIG_IGN || h == SIG_DFL;
}

/*
 * Linux's __tty_check_change(): may the caller act on @tty, or is it a
 * background process of the session (then @sig to its group and
 * -ERESTARTSYS, or -EIO for a read when SIGTTIN is ignored)? 0 if it may.
 */
static int tty_check_change(struct tty_struct *tty, int sig)
{
	unsigned long flags;
	int tty_pgrp, pgrp = READ_ONCE(current->signal->pgrp);

	if (READ_ONCE(current->signal->tty) != tty)
		return 0;
	spin_lock_irqsave(&tty->lock, flags);
	tty_pgrp = tty->pgrp;
	spin_unlock_irqrestore(&tty->lock, flags);
	if (!tty_pgrp || pgrp == tty_pgrp)
		return 0;
	if (jobctl_sig_ignored(sig))
		return sig == SIGTTIN ? -EIO : 0;
	kill_pgrp(pgrp, sig, 1);
	return -ERESTARTSYS;
}

static long tty_read(struct file *f, char __user *buf, size_t count, long *ppos)
{
	int err = tty_check_change(&console_tty, SIGTTIN);

	if (err)
		return err;
	return n_tty_read(&console_tty, f, buf, count);
}

static long tty_write(struct file *f, const char __user *buf, size_t count, long *ppos)
{
	if (console_tty.termios.c_lflag & TOSTOP) {
		int err = tty_check_change(&console_tty, SIGTTOU);

		if (err)
			return err;
	}
	return n_tty_write(&console_tty, buf, count);
}

/* Linux's n_tty_poll(): readable when a read would not wait; always writable. */
static unsigned int tty_poll(struct file *f, struct poll_table_struct *wait)
{
	struct tty_struct *tty = &console_tty;
	unsigned int mask = POLLOUT | POLLWRNORM;
	unsigned long flags;

	poll_wait(f, &tty->read_wait, wait);
	spin_lock_irqsave(&tty->lock, flags);
	if (n_tty_input_available(tty, true))
		mask |= POLLIN | POLLRDNORM;
	spin_unlock_irqrestore(&tty->lock, flags);
	return mask;
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
	stat->rdev = tty_devnum(&console_tty);
	stat->blksize = 1024;
}

/*
 * Linux's set_termios() for TCSETS, TCSETSW (output is written at once, so
 * there is nothing to wait for) and TCSETSF (the input flushed first). The
 * hardware bits of c_cflag stay (Linux's tty_termios_copy_hw() for a
 * driver that does not reprogram the line, as Loam's serial drivers do not).
 */
static long set_termios(struct tty_struct *tty, unsigned int cmd, const void __user *arg)
{
	struct termios new, old;
	unsigned long flags;
	int err = tty_check_change(tty, SIGTTOU);

	if (err)
		return err;
	if (copy_from_user(&new, arg, sizeof(new)))
		return -EFAULT;
	spin_lock_irqsave(&tty->lock, flags);
	if (cmd == TCSETSF)
		n_tty_flush(tty);
	old = tty->termios;
	new.c_cflag = old.c_cflag;
	tty->termios = new;
	n_tty_set_termios(tty, &old);
	spin_unlock_irqrestore(&tty->lock, flags);
	/* Leaving canonical mode may have made input readable. */
	wake_up(&tty->read_wait);
	return 0;
}

/*
 * Linux's tiocspgrp(): the caller's controlling terminal, of its session
 * (-ENOTTY), to a group of that session (-EPERM; -ESRCH if no process has
 * that id as pid or group).
 */
static long tiocspgrp(struct tty_struct *tty, const int __user *arg)
{
	struct task_struct *p, *g = NULL;
	unsigned long flags;
	int pgrp, err = tty_check_change(tty, SIGTTOU);

	if (err)
		return err;
	if (copy_from_user(&pgrp, arg, sizeof(pgrp)))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	spin_lock_irqsave(&tasklist_lock, flags);
	if (current->signal->tty != tty || tty->session != current->signal->session) {
		err = -ENOTTY;
		goto out;
	}
	/* Linux's session_of_pgrp(): a member of the group, else the process of that pid. */
	for_each_process(p) {
		if (p->signal->pgrp == pgrp) {
			g = p;
			break;
		}
	}
	if (!g)
		g = find_task_by_vpid(pgrp);
	err = !g ? -ESRCH : g->signal->session != current->signal->session ? -EPERM : 0;
	if (!err)
		WRITE_ONCE(tty->pgrp, pgrp);
out:
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

/*
 * Linux's tiocsctty(): a session leader without a controlling terminal
 * takes this one; if another session has it, only with @arg 1 (stealing,
 * for CAP_SYS_ADMIN, which every Loam process has).
 */
static long tiocsctty(struct tty_struct *tty, unsigned long arg)
{
	struct signal_struct *sig = current->signal;
	int session = READ_ONCE(tty->session);

	if (sig->leader && sig->session == session)
		return 0;
	if (!sig->leader || sig->tty)
		return -EPERM;
	if (session) {
		if (arg != 1)
			return -EPERM;
		session_clear_tty(session);
	}
	proc_set_tty(current, tty);
	return 0;
}

/* Linux's tiocnotty(): the caller gives up its controlling terminal (a leader for its session). */
static long tiocnotty(struct tty_struct *tty)
{
	unsigned long flags;

	if (current->signal->tty != tty)
		return -ENOTTY;
	if (current->signal->leader) {
		disassociate_ctty(current);
		return 0;
	}
	spin_lock_irqsave(&tasklist_lock, flags);
	current->signal->tty = NULL;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return 0;
}

/* TIOCSWINSZ: a new size, and SIGWINCH to the foreground group if it changed (tiocswinsz()). */
static long tiocswinsz(struct tty_struct *tty, const void __user *arg)
{
	struct winsize ws;
	unsigned long flags;
	bool changed;
	int pgrp;

	if (copy_from_user(&ws, arg, sizeof(ws)))
		return -EFAULT;
	spin_lock_irqsave(&tty->lock, flags);
	changed = memcmp(&ws, &tty->winsize, sizeof(ws));
	tty->winsize = ws;
	pgrp = tty->pgrp;
	spin_unlock_irqrestore(&tty->lock, flags);
	if (changed && pgrp)
		kill_pgrp(pgrp, SIGWINCH, 1);
	return 0;
}

/* TCFLSH (Linux's tty_perform_flush()): input is flushable; output is already out. */
static long tcflsh(struct tty_struct *tty, unsigned long arg)
{
	unsigned long flags;
	int err = tty_check_change(tty, SIGTTOU);

	if (err)
		return err;
	if (arg != TCIFLUSH && arg != TCOFLUSH && arg != TCIOFLUSH)
		return -EINVAL;
	spin_lock_irqsave(&tty->lock, flags);
	if (arg != TCOFLUSH)
		n_tty_flush(tty);
	spin_unlock_irqrestore(&tty->lock, flags);
	return 0;
}

/* Copy @len bytes of the tty's state at @src out under its lock (TCGETS, TIOCGWINSZ, FIONREAD). */
static long tty_get(struct tty_struct *tty, void __user *arg, const void *src, size_t len)
{
	unsigned char copy[sizeof(struct termios)];
	unsigned long flags;

	spin_lock_irqsave(&tty->lock, flags);
	memcpy(copy, src, len);
	spin_unlock_irqrestore(&tty->lock, flags);
	return copy_to_user(arg, copy, len) ? -EFAULT : 0;
}

/*
 * Linux's tty_ioctl() and n_tty_ioctl() for what the console answers
 * (each above or in Linux's tty_ioctl(4)); others: -ENOTTY.
 */
static long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct tty_struct *tty = &console_tty;
	void __user *p = (void __user *)arg;
	unsigned long flags;
	int id;

	switch (cmd) {
	case TCGETS:
		return tty_get(tty, p, &tty->termios, sizeof(tty->termios));
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return set_termios(tty, cmd, p);
	case TIOCGWINSZ:
		return tty_get(tty, p, &tty->winsize, sizeof(tty->winsize));
	case TIOCSWINSZ:
		return tiocswinsz(tty, p);
	case FIONREAD:
		spin_lock_irqsave(&tty->lock, flags);
		id = n_tty_inq(tty);
		spin_unlock_irqrestore(&tty->lock, flags);
		return copy_to_user(p, &id, sizeof(id)) ? -EFAULT : 0;
	case TCFLSH:
		return tcflsh(tty, arg);
	case TIOCGPGRP:
	case TIOCGSID:
		/* Linux's tiocgpgrp() and tiocgsid(): the caller's controlling terminal only. */
		if (current->signal->tty != tty)
			return -ENOTTY;
		id = cmd == TIOCGPGRP ? READ_ONCE(tty->pgrp) : READ_ONCE(tty->session);
		if (cmd == TIOCGSID && !id)
			return -ENOTTY;
		return copy_to_user(p, &id, sizeof(id)) ? -EFAULT : 0;
	case TIOCSPGRP:
		return tiocspgrp(tty, p);
	case TIOCSCTTY:
		return tiocsctty(tty, arg);
	case TIOCNOTTY:
		return tiocnotty(tty);
	}
	return -ENOTTY;
}

static const struct file_operations tty_fops = {
	.read = tty_read,
	.write = tty_write,
	.release = tty_release,
	.getattr = tty_getattr,
	.unlocked_ioctl = tty_ioctl,
	.poll = tty_poll,
};

struct file *tty_open(unsigned int flags)
{
	struct file *f = kmalloc(sizeof(*f), GFP_KERNEL);

	if (f)
		init_file(f, &tty_fops, flags);
	return f;
}
