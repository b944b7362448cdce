/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The terminal (Linux's struct tty_struct, include/linux/tty.h) and its line
 * discipline's state (N_TTY's struct n_tty_data, drivers/tty/n_tty.c). Loam
 * has one terminal, the console (kernel/tty.c): its input comes from the
 * serial driver's interrupt (tty_receive_char()), its output goes to the
 * driver's write (struct tty_operations: the UART's, or the SBI console's
 * before one is up).
 */
#ifndef LOAM_TTY_H
#define LOAM_TTY_H

#include <spinlock.h>
#include <types.h>
#include <uapi/termios.h>
#include <wait.h>

struct file;

/* The input buffer (Linux's N_TTY_BUF_SIZE): a power of two, indices run free. */
#define N_TTY_BUF_SIZE 4096

/*
 * N_TTY's state (Linux's struct n_tty_data): the input ring, read from
 * read_tail; canon_head ends the complete lines (everything up to
 * read_head in non-canonical mode); read_flags marks the slots that end a
 * line (a newline, VEOL, VEOL2 or VEOF, stored as 0, Linux's
 * __DISABLED_CHAR); column is where the cursor is, canon_column where the
 * line being edited began (for erasing tabs); lnext: the next character is
 * taken literally (VLNEXT); reading: a reader is copying out (one at a
 * time, Linux's atomic_read_lock).
 */
struct n_tty_data {
	unsigned char read_buf[N_TTY_BUF_SIZE];
	unsigned long read_flags[N_TTY_BUF_SIZE / (8 * sizeof(unsigned long))];
	size_t read_head, read_tail, canon_head;
	unsigned long read_gen; /* bumped by every flush: a reader's copy stays or goes whole */
	unsigned int column, canon_column;
	bool lnext, reading;
};

struct tty_struct;

/* What the driver does for the tty (Linux's struct tty_operations, the part Loam needs). */
struct tty_operations {
	/* Send @n bytes as they are (after the line discipline's output processing). */
	void (*write)(struct tty_struct *tty, const unsigned char *buf, size_t n);
};

/*
 * A terminal: its settings, window size, foreground process group and
 * session (Linux's tty->ctrl.pgrp and .session as ids; 0: none), the
 * line discipline's state, and readers' wait queue. lock (interrupts off)
 * covers all of it; lock order: lock, then tasklist_lock or the console's.
 */
struct tty_struct {
	const char *name;
	const struct tty_operations *ops;
	void *driver_data; /* the driver's (a struct uart_port) */
	spinlock_t lock;
	struct termios termios;
	struct winsize winsize;
	int pgrp, session;
	struct wait_queue_head read_wait;
	struct n_tty_data ldata;
};

/* The console's tty, /dev/console (kernel/tty.c). */
extern struct tty_struct console_tty;

struct task_struct;

/* @tty's device number, new_encode_dev() form (Linux's tty_devnum()): /dev/console's 5:1. */
unsigned int tty_devnum(struct tty_struct *tty);
/*
 * Give @tty its driver: @ops, @driver_data (a serial port taking over from
 * the SBI console, platform/serial_core.c).
 */
void tty_set_driver(struct tty_struct *tty, const struct tty_operations *ops, void *driver_data);
/*
 * Make @tty the controlling terminal of @p, a session leader, and its
 * session and process group the tty's (Linux's __proc_set_tty()): init's
 * console at boot.
 */
void proc_set_tty(struct task_struct *p, struct tty_struct *tty);
/*
 * A session leader exits (Linux's disassociate_ctty(1)): its terminal's
 * foreground group gets SIGHUP and SIGCONT, and the terminal belongs to no
 * session any more, nor to any of the session's processes.
 */
void disassociate_ctty(struct task_struct *tsk);

/*
 * A character the driver received (from its interrupt): the line
 * discipline takes it, echoes it, edits the line, sends a signal for ^C or
 * ^\, and wakes readers (kernel/tty.c, Linux's tty_insert_flip_char() and
 * the flip buffer's push to n_tty_receive_buf()).
 */
void tty_receive_char(struct tty_struct *tty, unsigned char c);

/*
 * N_TTY (kernel/n_tty.c, Linux's drivers/tty/n_tty.c). All but
 * n_tty_read() and n_tty_write() are called with tty->lock held.
 * n_tty_receive_char() returns the signal a ^C or ^\ asks for (0: none),
 * which the caller sends after dropping the lock; n_tty_set_termios()
 * follows a change of settings (ICANON toggled); n_tty_flush() empties the
 * input; n_tty_input_available() says whether a read would find something
 * (a line, or VMIN bytes: poll's POLLIN); n_tty_inq() is FIONREAD's count.
 */
int n_tty_receive_char(struct tty_struct *tty, unsigned char c);
void n_tty_set_termios(struct tty_struct *tty, const struct termios *old);
void n_tty_flush(struct tty_struct *tty);
bool n_tty_input_available(struct tty_struct *tty, bool poll);
size_t n_tty_inq(struct tty_struct *tty);
/*
 * read() and write() of the line discipline (no lock held): blocking,
 * O_NONBLOCK (-EAGAIN) and signals (-ERESTARTSYS) as Linux's n_tty_read()
 * and n_tty_write().
 */
long n_tty_read(struct tty_struct *tty, struct file *f, char __user *buf, size_t count);
long n_tty_write(struct tty_struct *tty, const char __user *buf, size_t count);

#endif
