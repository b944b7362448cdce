// SPDX-License-Identifier: GPL-2.0
/*
 * N_TTY, the line discipline, with the semantics of Linux's
 * drivers/tty/n_tty.c (and termios(3)):
 *
 * Input (n_tty_receive_char(), from the driver's interrupt): ISTRIP, then
 * IGNCR/ICRNL/INLCR; with ISIG, VINTR and VQUIT ask for SIGINT and SIGQUIT
 * to the foreground process group and flush the input (unless NOFLSH);
 * with ICANON, VERASE erases a character, VWERASE (IEXTEN) a word, VKILL
 * the line, VLNEXT (IEXTEN) quotes the next character, and a newline,
 * VEOL, VEOL2 (IEXTEN) or VEOF ends the line, VEOF itself not being part of
 * it (so that it reads as end of file at the start of a line). ECHO echoes,
 * control characters as ^X with ECHOCTL; ECHOE erases on the screen with
 * "\b \b" (tabs by their width), ECHOK/ECHOKE likewise for VKILL; ECHONL
 * echoes a newline even without ECHO. Echo goes through output processing.
 *
 * Output (n_tty_write() and the echo): with OPOST, ONLCR turns a newline
 * into CR LF, OCRNL a CR into a newline, ONOCR drops a CR at column 0,
 * ONLRET makes a newline return to column 0; the column is tracked for
 * erasing tabs.
 *
 * Reading (n_tty_read()): in canonical mode one line per read (or what
 * fits); otherwise VMIN and VTIME rule, as termios(3) says: MIN > 0, TIME 0
 * wait for MIN bytes; MIN 0, TIME > 0 wait up to TIME tenths of a second
 * for one; MIN > 0, TIME > 0 TIME is the limit between bytes once one came;
 * both 0 never wait. A read with nothing to return sleeps on the tty's
 * read_wait: O_NONBLOCK makes it -EAGAIN, a signal -ERESTARTSYS.
 *
 * Not there: VREPRINT, VDISCARD, IXON's VSTOP/VSTART flow control, VSUSP
 * (Loam has no job control stops), ECHOPRT, IUTF8, PARMRK, IMAXBEL, OLCUC,
 * tab expansion: those characters are taken as ordinary ones.
 */
#include <fs.h>
#include <kernel.h>
#include <sched.h>
#include <sched_clock.h>
#include <string.h>
#include <tty.h>
#include <uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/* Linux's include/linux/limits.h */
#define U64_MAX (~0ULL)
#define MASK(x) ((x) & (N_TTY_BUF_SIZE - 1))
/* A line end stored for VEOF (Linux's __DISABLED_CHAR: a c_cc slot of 0 is off). */
#define __DISABLED_CHAR 0
#define L(tty, f) ((tty)->termios.c_lflag & (f))
#define I(tty, f) ((tty)->termios.c_iflag & (f))
#define O(tty, f) ((tty)->termios.c_oflag & (f))
#define BITS_PER_LONG (8 * sizeof(unsigned long))
/* A piece of a read or write, copied through the kernel stack. */
#define N_TTY_CHUNK 256

static bool iscntrl(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

static bool isalnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Is @c the enabled control character c_cc[@idx]? */
static bool is_cc(struct tty_struct *tty, unsigned char c, int idx)
{
	return c != __DISABLED_CHAR && c == tty->termios.c_cc[idx];
}

static size_t read_cnt(struct n_tty_data *ld)
{
	return ld->read_head - ld->read_tail;
}

static unsigned char read_buf(struct n_tty_data *ld, size_t i)
{
	return ld->read_buf[MASK(i)];
}

static bool is_line_end(struct n_tty_data *ld, size_t i)
{
	return ld->read_flags[MASK(i) / BITS_PER_LONG] & (1UL << (MASK(i) % BITS_PER_LONG));
}

static void set_line_end(struct n_tty_data *ld, size_t i, bool on)
{
	unsigned long bit = 1UL << (MASK(i) % BITS_PER_LONG);

	if (on)
		ld->read_flags[MASK(i) / BITS_PER_LONG] |= bit;
	else
		ld->read_flags[MASK(i) / BITS_PER_LONG] &= ~bit;
}

/*
 * Linux's do_output_char(): @c with OPOST's processing into @out (up to
 * two bytes), the column followed; the bytes to send.
 */
static int do_output_char(struct tty_struct *tty, unsigned char c, unsigned char *out)
{
	struct n_tty_data *ld = &tty->ldata;

	switch (c) {
	case '\n':
		if (O(tty, ONLRET))
			ld->column = 0;
		if (O(tty, ONLCR)) {
			ld->canon_column = ld->column = 0;
			out[0] = '\r';
			out[1] = '\n';
			return 2;
		}
		ld->canon_column = ld->column;
		break;
	case '\r':
		if (O(tty, ONOCR) && ld->column == 0)
			return 0;
		if (O(tty, OCRNL)) {
			c = '\n';
			if (O(tty, ONLRET))
				ld->canon_column = ld->column = 0;
			break;
		}
		ld->canon_column = ld->column = 0;
		break;
	case '\t':
		ld->column = (ld->column | 7) + 1;
		break;
	case '\b':
		if (ld->column > 0)
			ld->column--;
		break;
	default:
		if (!iscntrl(c))
			ld->column++;
		break;
	}
	out[0] = c;
	return 1;
}

/* Send @n bytes to the driver, processed if OPOST (tty->lock held). */
static void n_tty_output(struct tty_struct *tty, const unsigned char *buf, size_t n)
{
	unsigned char out[N_TTY_CHUNK + 2];
	size_t i, len = 0;

	if (!O(tty, OPOST)) {
		tty->ops->write(tty, buf, n);
		return;
	}
	for (i = 0; i < n; i++) {
		len += do_output_char(tty, buf[i], out + len);
		if (len >= N_TTY_CHUNK) {
			tty->ops->write(tty, out, len);
			len = 0;
		}
	}
	if (len)
		tty->ops->write(tty, out, len);
}

static void echo_raw(struct tty_struct *tty, const char *s)
{
	n_tty_output(tty, (const unsigned char *)s, strlen(s));
}

/* Linux's echo_char(): a control character as ^X with ECHOCTL (a tab as itself). */
static void echo_char(struct tty_struct *tty, unsigned char c)
{
	unsigned char ctl[2] = { '^', c ^ 0100 };

	if (L(tty, ECHOCTL) && iscntrl(c) && c != '\t')
		n_tty_output(tty, ctl, 2);
	else
		n_tty_output(tty, &c, 1);
}

/* Back over a tab (Linux's echo_erase_tab()): the columns it took, from what precedes it. */
static void erase_tab(struct tty_struct *tty)
{
	struct n_tty_data *ld = &tty->ldata;
	unsigned int cols = 0, n;
	bool after_tab = false;
	size_t tail = ld->read_head;

	while (tail != ld->canon_head) {
		unsigned char c = read_buf(ld, --tail);

		if (c == '\t') {
			after_tab = true;
			break;
		}
		cols += iscntrl(c) ? (L(tty, ECHOCTL) ? 2 : 0) : 1;
	}
	if (!after_tab)
		cols += ld->canon_column;
	for (n = 8 - (cols & 7); n; n--)
		echo_raw(tty, "\b");
}

/* Take back the character at read_head - 1 on the screen. */
static void echo_erase(struct tty_struct *tty, unsigned char c, bool erase_char)
{
	if (!L(tty, ECHO))
		return;
	if (erase_char && !L(tty, ECHOE)) {
		echo_char(tty, tty->termios.c_cc[VERASE]);
	} else if (c == '\t') {
		erase_tab(tty);
	} else {
		if (iscntrl(c) && L(tty, ECHOCTL))
			echo_raw(tty, "\b \b");
		if (!iscntrl(c) || L(tty, ECHOCTL))
			echo_raw(tty, "\b \b");
	}
}

/* Linux's eraser(): VERASE, VWERASE or VKILL on the line being edited. */
static void eraser(struct tty_struct *tty, unsigned char c)
{
	enum { ERASE, WERASE, KILL } kill_type;
	struct n_tty_data *ld = &tty->ldata;
	bool seen_alnums = false;

	if (ld->read_head == ld->canon_head)
		return;
	if (is_cc(tty, c, VERASE)) {
		kill_type = ERASE;
	} else if (is_cc(tty, c, VWERASE)) {
		kill_type = WERASE;
	} else {
		if (!L(tty, ECHO) || !L(tty, ECHOK) || !L(tty, ECHOKE) || !L(tty, ECHOE)) {
			ld->read_head = ld->canon_head;
			if (L(tty, ECHO)) {
				echo_char(tty, c);
				if (L(tty, ECHOK))
					echo_raw(tty, "\n");
			}
			return;
		}
		kill_type = KILL;
	}
	while (ld->read_head != ld->canon_head) {
		unsigned char ch = read_buf(ld, ld->read_head - 1);

		/* Linux's ALTWERASE: the non-word characters, then the word before them. */
		if (kill_type == WERASE) {
			if (isalnum(ch) || ch == '_')
				seen_alnums = true;
			else if (seen_alnums)
				break;
		}
		ld->read_head--;
		echo_erase(tty, ch, kill_type == ERASE);
		if (kill_type == ERASE)
			break;
	}
}

static void put_tty_queue(struct n_tty_data *ld, unsigned char c)
{
	set_line_end(ld, ld->read_head, false);
	ld->read_buf[MASK(ld->read_head)] = c;
	ld->read_head++;
}

/* A line end (@c: newline, VEOL, VEOL2, or __DISABLED_CHAR for VEOF): the line is complete. */
static void put_line_end(struct n_tty_data *ld, unsigned char c)
{
	if (read_cnt(ld) >= N_TTY_BUF_SIZE)
		return;
	put_tty_queue(ld, c);
	set_line_end(ld, ld->read_head - 1, true);
	ld->canon_head = ld->read_head;
}

/*
 * An ordinary character: echoed and queued, if there is room (one slot
 * kept for a line end). @newline: a CR that ICRNL made a newline, echoed
 * as one (Linux's n_tty_receive_char_special() path), not as ^J.
 */
static void receive_normal(struct tty_struct *tty, unsigned char c, bool newline)
{
	struct n_tty_data *ld = &tty->ldata;

	if (read_cnt(ld) >= N_TTY_BUF_SIZE - (L(tty, ICANON) ? 1 : 0))
		return;
	if (L(tty, ECHO)) {
		/* The first character of a line: where the line starts on the screen. */
		if (ld->canon_head == ld->read_head)
			ld->canon_column = ld->column;
		if (newline)
			echo_raw(tty, "\n");
		else
			echo_char(tty, c);
	}
	put_tty_queue(ld, c);
}

/* Linux's n_tty_receive_char_special() for ICANON's characters; false for an ordinary one. */
static bool receive_canon(struct tty_struct *tty, unsigned char c)
{
	struct n_tty_data *ld = &tty->ldata;

	if (is_cc(tty, c, VERASE) || is_cc(tty, c, VKILL) ||
	    (is_cc(tty, c, VWERASE) && L(tty, IEXTEN))) {
		eraser(tty, c);
		return true;
	}
	if (is_cc(tty, c, VLNEXT) && L(tty, IEXTEN)) {
		ld->lnext = true;
		if (L(tty, ECHO) && L(tty, ECHOCTL))
			echo_raw(tty, "^\b");
		return true;
	}
	if (c == '\n') {
		if (L(tty, ECHO) || L(tty, ECHONL))
			echo_raw(tty, "\n");
		put_line_end(ld, c);
		return true;
	}
	if (is_cc(tty, c, VEOF)) {
		put_line_end(ld, __DISABLED_CHAR);
		return true;
	}
	if (is_cc(tty, c, VEOL) || (is_cc(tty, c, VEOL2) && L(tty, IEXTEN))) {
		if (L(tty, ECHO)) {
			if (ld->canon_head == ld->read_head)
				ld->canon_column = ld->column;
			echo_char(tty, c);
		}
		put_line_end(ld, c);
		return true;
	}
	return false;
}

int n_tty_receive_char(struct tty_struct *tty, unsigned char c)
{
	struct n_tty_data *ld = &tty->ldata;
	bool crnl = false;
	int sig = 0;

	if (I(tty, ISTRIP))
		c &= 0x7f;
	if (ld->lnext) {
		ld->lnext = false;
		receive_normal(tty, c, false);
		return 0;
	}
	if (c == '\r') {
		if (I(tty, IGNCR))
			return 0;
		if (I(tty, ICRNL)) {
			c = '\n';
			crnl = true;
		}
	} else if (c == '\n' && I(tty, INLCR)) {
		c = '\r';
	}
	if (L(tty, ISIG) && is_cc(tty, c, VINTR))
		sig = SIGINT;
	else if (L(tty, ISIG) && is_cc(tty, c, VQUIT))
		sig = SIGQUIT;
	if (sig) {
		/* Linux's isig() and n_tty_receive_signal_char(): flush, then echo ^C. */
		if (!L(tty, NOFLSH))
			n_tty_flush(tty);
		if (L(tty, ECHO))
			echo_char(tty, c);
		return sig;
	}
	if (L(tty, ICANON) && receive_canon(tty, c))
		return 0;
	receive_normal(tty, c, crnl);
	return 0;
}

void n_tty_flush(struct tty_struct *tty)
{
	struct n_tty_data *ld = &tty->ldata;

	ld->read_head = ld->read_tail = ld->canon_head = 0;
	ld->lnext = false;
	ld->read_gen++;
	memset(ld->read_flags, 0, sizeof(ld->read_flags));
}

void n_tty_set_termios(struct tty_struct *tty, const struct termios *old)
{
	struct n_tty_data *ld = &tty->ldata;

	if (!((old->c_lflag ^ tty->termios.c_lflag) & ICANON))
		return;
	/* Linux's: to canonical mode, what is there becomes a line; from it, all is readable. */
	memset(ld->read_flags, 0, sizeof(ld->read_flags));
	if (L(tty, ICANON) && read_cnt(ld)) {
		set_line_end(ld, ld->read_head - 1, true);
		ld->canon_head = ld->read_head;
	} else {
		ld->canon_head = ld->read_tail;
	}
	ld->lnext = false;
}

/* Bytes a read may take now: those of complete lines, or all of them without ICANON. */
static size_t readable(struct tty_struct *tty)
{
	struct n_tty_data *ld = &tty->ldata;

	return L(tty, ICANON) ? ld->canon_head - ld->read_tail : read_cnt(ld);
}

bool n_tty_input_available(struct tty_struct *tty, bool poll)
{
	unsigned int amt = 1;

	/* Linux's input_available_p(): poll waits for VMIN bytes when there is no VTIME. */
	if (poll && !L(tty, ICANON) && !tty->termios.c_cc[VTIME] && tty->termios.c_cc[VMIN])
		amt = tty->termios.c_cc[VMIN];
	return readable(tty) >= amt;
}

size_t n_tty_inq(struct tty_struct *tty)
{
	struct n_tty_data *ld = &tty->ldata;
	size_t nr = readable(tty), i;

	/* Linux's inq_canon(): the VEOF marks are not data. */
	if (L(tty, ICANON))
		for (i = ld->read_tail; i != ld->canon_head; i++)
			if (is_line_end(ld, i) && read_buf(ld, i) == __DISABLED_CHAR)
				nr--;
	return nr;
}

/*
 * Copy up to @count readable bytes to @buf: in canonical mode up to and
 * including the next line end (*@line_done then; a VEOF mark is consumed,
 * not copied). The bytes leave the buffer only once copied: a bad @buf
 * loses nothing. Returns the bytes copied, or -EFAULT.
 */
static long copy_from_read_buf(struct tty_struct *tty, char __user *buf, size_t count,
			       bool *line_done)
{
	struct n_tty_data *ld = &tty->ldata;
	unsigned char kbuf[N_TTY_CHUNK];
	size_t n, copy, i, tail;
	unsigned long flags, gen;

	spin_lock_irqsave(&tty->lock, flags);
	tail = ld->read_tail;
	n = min(min(count, readable(tty)), sizeof(kbuf));
	copy = n;
	*line_done = false;
	for (i = 0; L(tty, ICANON) && i < n; i++) {
		if (is_line_end(ld, tail + i)) {
			n = copy = i + 1;
			if (read_buf(ld, tail + i) == __DISABLED_CHAR)
				copy--;
			*line_done = true;
			break;
		}
	}
	for (i = 0; i < copy; i++)
		kbuf[i] = read_buf(ld, tail + i);
	gen = ld->read_gen;
	spin_unlock_irqrestore(&tty->lock, flags);
	if (copy_to_user(buf, kbuf, copy))
		return -EFAULT;
	spin_lock_irqsave(&tty->lock, flags);
	/* A flush meanwhile (^C, TCFLSH) emptied the buffer: nothing left to take. */
	if (ld->read_gen == gen) {
		if (*line_done)
			set_line_end(ld, tail + n - 1, false);
		ld->read_tail = tail + n;
	}
	spin_unlock_irqrestore(&tty->lock, flags);
	return copy;
}

/*
 * Sleep until @want bytes are readable (Linux's wait_woken() loop in
 * n_tty_read()): 0, or else 1 once @deadline (sched_clock() ns; 0: now,
 * U64_MAX: never) passed, -EAGAIN for O_NONBLOCK, -ERESTARTSYS for a
 * signal, in that order.
 */
static int wait_for_input(struct tty_struct *tty, struct file *f, size_t want, u64 deadline)
{
	struct wait_queue_entry wait = { .task = current };
	unsigned long flags;
	int ret;

	INIT_LIST_HEAD(&wait.entry);
	for (;;) {
		prepare_to_wait(&tty->read_wait, &wait, TASK_INTERRUPTIBLE);
		spin_lock_irqsave(&tty->lock, flags);
		ret = readable(tty) >= want ? 0 : -EAGAIN;
		spin_unlock_irqrestore(&tty->lock, flags);
		if (!ret)
			break;
		if (deadline != U64_MAX && sched_clock() >= deadline) {
			ret = 1;
			break;
		}
		if (f->f_flags & O_NONBLOCK)
			break;
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		if (deadline == U64_MAX)
			schedule();
		else
			schedule_timeout_prepared_until(deadline);
	}
	finish_wait(&tty->read_wait, &wait);
	return ret;
}

/* Canonical mode: one line, or the part of it that fits in @count. */
static long canon_read(struct tty_struct *tty, struct file *f, char __user *buf, size_t count)
{
	size_t done = 0;
	bool line_done = false;
	long n;
	int err;

	err = wait_for_input(tty, f, 1, U64_MAX);
	if (err)
		return err;
	while (done < count && !line_done) {
		n = copy_from_read_buf(tty, buf + done, count - done, &line_done);
		if (n < 0)
			return done ? (long)done : n;
		/* Only the rest of a line already complete is read on: no waiting. */
		if (!n && !line_done)
			break;
		done += n;
	}
	return done;
}

/* Without ICANON: VMIN and VTIME (see the top; Linux's n_tty_read()). */
static long raw_read(struct tty_struct *tty, struct file *f, char __user *buf, size_t count)
{
	size_t minimum = tty->termios.c_cc[VMIN], done = 0;
	u64 time = tty->termios.c_cc[VTIME] * 100000000ULL, deadline = U64_MAX;
	bool line_done;
	long n;
	int err;

	if (!minimum) {
		deadline = sched_clock() + time;
		minimum = 1;
		if (!time)
			deadline = 0;
	}
	while (done < count) {
		err = wait_for_input(tty, f, 1, deadline);
		if (err == 1)
			break;
		if (err)
			return done ? (long)done : err;
		n = copy_from_read_buf(tty, buf + done, count - done, &line_done);
		if (n < 0)
			return done ? (long)done : n;
		done += n;
		if (done >= minimum)
			break;
		if (time)
			deadline = sched_clock() + time;
	}
	return done;
}

/* One reader at a time copies out (Linux's atomic_read_lock); a signal ends the wait. */
static bool try_lock_read(struct tty_struct *tty)
{
	unsigned long flags;
	bool got;

	spin_lock_irqsave(&tty->lock, flags);
	got = !tty->ldata.reading;
	tty->ldata.reading = true;
	spin_unlock_irqrestore(&tty->lock, flags);
	return got;
}

long n_tty_read(struct tty_struct *tty, struct file *f, char __user *buf, size_t count)
{
	unsigned long flags;
	long ret;

	if (!count)
		return 0;
	if (!try_lock_read(tty)) {
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(tty->read_wait, try_lock_read(tty)))
			return -ERESTARTSYS;
	}
	ret = L(tty, ICANON) ? canon_read(tty, f, buf, count) : raw_read(tty, f, buf, count);
	spin_lock_irqsave(&tty->lock, flags);
	tty->ldata.reading = false;
	spin_unlock_irqrestore(&tty->lock, flags);
	wake_up(&tty->read_wait);
	return ret;
}

long n_tty_write(struct tty_struct *tty, const char __user *buf, size_t count)
{
	unsigned char chunk[N_TTY_CHUNK];
	unsigned long flags;
	size_t done = 0;

	while (done < count) {
		size_t n = min(count - done, sizeof(chunk));

		/* Copied first, outside the lock: the copy may fault and sleep. */
		if (copy_from_user(chunk, buf + done, n))
			return done ? (long)done : -EFAULT;
		spin_lock_irqsave(&tty->lock, flags);
		n_tty_output(tty, chunk, n);
		spin_unlock_irqrestore(&tty->lock, flags);
		done += n;
	}
	return done;
}
